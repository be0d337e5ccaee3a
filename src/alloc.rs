//! The widget's allocator (wasm32 only): power-of-two size classes with a free list each, carved
//! from `memory.grow`n pages by a bump pointer. It never coalesces or returns memory, which suits
//! a single-threaded widget whose calls allocate and free the same shapes over and over; it is
//! about 1 KB of wasm against the default allocator's 8 KB.
//!
//! Every block of class `k` is `2^k` bytes and aligned to `min(2^k, PAGE)`, so a block freed by one
//! request can serve any later request of the same class (size and alignment both ≤ `2^k`).

use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;

const PAGE: usize = 65536;
const CLASSES: usize = usize::BITS as usize;

pub struct Classes {
    state: UnsafeCell<State>,
}

struct State {
    free: [usize; CLASSES],
    next: usize,
    end: usize,
}

// The wasm32 target of this build is single-threaded (no atomics feature).
unsafe impl Sync for Classes {}

impl Classes {
    pub const fn new() -> Self {
        Classes { state: UnsafeCell::new(State { free: [0; CLASSES], next: 0, end: 0 }) }
    }
}

impl Default for Classes {
    fn default() -> Self {
        Self::new()
    }
}

fn class_of(layout: Layout) -> usize {
    let size = layout.size().max(layout.align()).max(8);
    (usize::BITS - (size - 1).leading_zeros()) as usize
}

unsafe impl GlobalAlloc for Classes {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let st = &mut *self.state.get();
        let k = class_of(layout);
        if k >= CLASSES - 1 {
            return core::ptr::null_mut();
        }
        let head = st.free[k];
        if head != 0 {
            st.free[k] = *(head as *const usize);
            return head as *mut u8;
        }
        let bytes = 1usize << k;
        let align = bytes.min(PAGE);
        let mut start = (st.next + align - 1) & !(align - 1);
        if start == 0 || start.checked_add(bytes).map_or(true, |e| e > st.end) {
            // Grow by enough whole pages for this block (and its alignment padding).
            let pages = (bytes + align).div_ceil(PAGE);
            let old = core::arch::wasm32::memory_grow(0, pages);
            if old == usize::MAX {
                return core::ptr::null_mut();
            }
            let base = old * PAGE;
            if st.end != base {
                // Not contiguous with what we had (or the first grow): start afresh there.
                st.next = base;
            }
            st.end = base + pages * PAGE;
            start = (st.next + align - 1) & !(align - 1);
        }
        st.next = start + bytes;
        start as *mut u8
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let st = &mut *self.state.get();
        let k = class_of(layout);
        *(ptr as *mut usize) = st.free[k];
        st.free[k] = ptr as usize;
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
        if class_of(new_layout) == class_of(layout) {
            return ptr;
        }
        let new = self.alloc(new_layout);
        if !new.is_null() {
            core::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
            self.dealloc(ptr, layout);
        }
        new
    }
}
