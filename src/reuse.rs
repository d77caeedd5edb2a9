//! Buffers a thread keeps from one article (or field) to the next: a stage
//! takes its thread's spare buffers, clears and fills them, and gives them
//! back when done, so that its large per-article lists are not allocated,
//! and faulted in as fresh pages, again for every article.

use std::{cell::RefCell, thread::LocalKey};

/// Buffers with room for more items than this are given back to the
/// allocator rather than kept, so that one huge article does not pin its
/// memory for the rest of the run.
pub const KEEP_AT_MOST: usize = 1 << 20;

/// Takes this thread's spare buffers from `key`, leaving empty ones there
/// (a stage nested in another on the same thread starts from fresh
/// buffers, as does a thread that is ending).
pub fn take<T: Default>(key: &'static LocalKey<RefCell<T>>) -> T {
    key.try_with(|spare| {
        spare
            .try_borrow_mut()
            .map(|mut spare| std::mem::take(&mut *spare))
            .unwrap_or_default()
    })
    .unwrap_or_default()
}

/// Gives `buffers` back to this thread's `key`, where they replace the
/// spare buffers unless those have more room; `room` measures it (the
/// capacity of the longest list). Buffers with room for more than
/// [`KEEP_AT_MOST`] items are dropped instead.
pub fn give<T>(key: &'static LocalKey<RefCell<T>>, buffers: T, room: impl Fn(&T) -> usize) {
    if room(&buffers) > KEEP_AT_MOST {
        return;
    }
    // A thread that is ending keeps nothing.
    let _ = key.try_with(|spare| {
        if let Ok(mut spare) = spare.try_borrow_mut() {
            if room(&spare) <= room(&buffers) {
                *spare = buffers;
            }
        }
    });
}

/// Takes one of this thread's spare buffers from the pool `key` (fresh
/// buffers when the pool is empty): for a stage that holds several at
/// once, such as the foldings of a group of articles.
pub fn take_one<T: Default>(key: &'static LocalKey<RefCell<Vec<T>>>) -> T {
    key.try_with(|spare| spare.try_borrow_mut().ok().and_then(|mut s| s.pop()))
        .ok()
        .flatten()
        .unwrap_or_default()
}

/// Gives `buffers` back to this thread's pool `key`, unless the pool holds
/// `most` already or `room` tells they have room for more than `room_at_most`
/// items (then they are dropped).
pub fn give_one<T>(
    key: &'static LocalKey<RefCell<Vec<T>>>,
    buffers: T,
    room: impl Fn(&T) -> usize,
    most: usize,
    room_at_most: usize,
) {
    if room(&buffers) > room_at_most {
        return;
    }
    // A thread that is ending keeps nothing.
    let _ = key.try_with(|spare| {
        if let Ok(mut spare) = spare.try_borrow_mut() {
            if spare.len() < most {
                spare.push(buffers);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    thread_local! {
        static SPARE: RefCell<Vec<u32>> = RefCell::default();
        static POOL: RefCell<Vec<Vec<u32>>> = RefCell::default();
    }

    #[test]
    fn buffers_come_back_to_the_next_taker_with_their_room() {
        let mut v = take(&SPARE);
        v.extend(0..100);
        give(&SPARE, v, Vec::capacity);
        let v = take(&SPARE);
        assert!(v.capacity() >= 100);
        // Taken: the thread holds empty buffers until they come back.
        assert_eq!(take(&SPARE).capacity(), 0);
        give(&SPARE, v, Vec::capacity);
    }

    #[test]
    fn smaller_buffers_do_not_replace_roomier_ones() {
        let mut big = take(&SPARE);
        big.reserve(1000);
        give(&SPARE, big, Vec::capacity);
        give(&SPARE, Vec::with_capacity(10), Vec::capacity);
        assert!(take(&SPARE).capacity() >= 1000);
    }

    #[test]
    fn huge_buffers_are_not_kept() {
        let _ = take(&SPARE);
        give(&SPARE, Vec::with_capacity(KEEP_AT_MOST + 1), Vec::capacity);
        assert_eq!(take(&SPARE).capacity(), 0);
    }

    #[test]
    fn a_pool_gives_back_what_it_kept_up_to_its_bounds() {
        // Three buffers held at once, as a stage over a group holds them.
        let held: Vec<Vec<u32>> = (0..3).map(|_| take_one(&POOL)).collect();
        assert!(held.iter().all(|v| v.capacity() == 0));
        for (i, mut v) in held.into_iter().enumerate() {
            v.reserve(10 * (i + 1));
            give_one(&POOL, v, Vec::capacity, 2, 100);
        }
        // The pool holds two at most: the third went back to the allocator.
        let again: Vec<Vec<u32>> = (0..3).map(|_| take_one(&POOL)).collect();
        assert_eq!(again.iter().filter(|v| v.capacity() >= 10).count(), 2);
        assert_eq!(again[2].capacity(), 0);
        // A buffer with more room than the bound is not kept.
        give_one(&POOL, Vec::with_capacity(101), Vec::capacity, 2, 100);
        assert_eq!(take_one(&POOL).capacity(), 0);
    }
}
