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

#[cfg(test)]
mod tests {
    use super::*;

    thread_local! {
        static SPARE: RefCell<Vec<u32>> = RefCell::default();
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
}
