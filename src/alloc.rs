//! The binaries' global allocator: mimalloc, asked for a plain block
//! whenever mimalloc's own alignment already serves the layout.
//!
//! The `mimalloc` crate's allocator asks for an aligned block on every
//! call (`mi_malloc_aligned`), whatever the alignment. mimalloc's aligned
//! path is a fast path only up to 1 KiB; past it, a block whose size class
//! is not a power of two is over-allocated by `align - 1` bytes and its
//! page marked as holding interior pointers. Every mimalloc block is
//! aligned to a machine word (its size classes are counted in words), so a
//! layout aligned to a word or less takes a plain `mi_malloc`; only wider
//! alignments go the aligned way.

use std::{
    alloc::{GlobalAlloc, Layout},
    ffi::c_void,
};

use libmimalloc_sys as mi;

/// The alignment of every block mimalloc hands out: one machine word.
const BLOCK_ALIGN: usize = std::mem::size_of::<usize>();

/// mimalloc as the global allocator (see the module's documentation).
#[derive(Debug, Clone, Copy, Default)]
pub struct MiMalloc;

/// Whether a block of mimalloc's own alignment serves `layout`.
#[inline]
fn plain(layout: Layout) -> bool {
    layout.align() <= BLOCK_ALIGN
}

// SAFETY: every method hands the call to mimalloc, whose functions meet
// `GlobalAlloc`'s contract: a block of at least the layout's size, aligned
// to the layout's alignment (plain blocks are word-aligned, and `plain`
// lets through only layouts aligned to a word or less), or null.
unsafe impl GlobalAlloc for MiMalloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = if plain(layout) {
            mi::mi_malloc(layout.size())
        } else {
            mi::mi_malloc_aligned(layout.size(), layout.align())
        };
        p.cast()
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = if plain(layout) {
            mi::mi_zalloc(layout.size())
        } else {
            mi::mi_zalloc_aligned(layout.size(), layout.align())
        };
        p.cast()
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        mi::mi_free(ptr.cast::<c_void>());
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = if plain(layout) {
            mi::mi_realloc(ptr.cast::<c_void>(), new_size)
        } else {
            mi::mi_realloc_aligned(ptr.cast::<c_void>(), new_size, layout.align())
        };
        p.cast()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Blocks of every size class and alignment come back aligned, keep
    /// their bytes through a reallocation, and zeroed blocks are zero.
    #[test]
    fn blocks_are_aligned_and_keep_their_bytes() {
        let a = MiMalloc;
        for align in [1, 2, 4, 8, 16, 32, 64, 4096] {
            for size in [1, 3, 8, 24, 100, 1000, 1500, 5000, 70_000, 300_000] {
                let layout = Layout::from_size_align(size, align).unwrap();
                // SAFETY: the layout has a non-zero size; each block is
                // used within its size and freed once, with its layout.
                unsafe {
                    let z = a.alloc_zeroed(layout);
                    assert!(!z.is_null());
                    assert_eq!(z as usize % align, 0, "zeroed {size} by {align}");
                    assert!(std::slice::from_raw_parts(z, size).iter().all(|&b| b == 0));
                    a.dealloc(z, layout);

                    let p = a.alloc(layout);
                    assert!(!p.is_null());
                    assert_eq!(p as usize % align, 0, "{size} by {align}");
                    for i in 0..size {
                        *p.add(i) = (i % 251) as u8;
                    }
                    let grown = size * 3 + 17;
                    let q = a.realloc(p, layout, grown);
                    assert!(!q.is_null());
                    assert_eq!(q as usize % align, 0, "{size} -> {grown} by {align}");
                    for i in 0..size {
                        assert_eq!(*q.add(i), (i % 251) as u8);
                    }
                    a.dealloc(q, Layout::from_size_align(grown, align).unwrap());
                }
            }
        }
    }
}
