//! [`RawBump`]: the chunk lists and the bump pointer. See the module
//! invariants in `raw/mod.rs`; the numbers in `// SAFETY:` comments refer to
//! them.

use alloc::alloc::{alloc, dealloc};
use core::alloc::Layout;
use core::cell::Cell;
use core::marker::PhantomData;
use core::mem::{MaybeUninit, align_of, size_of};
use core::ptr::{self, NonNull};

use super::pins::{self, PinNode};
use super::{CHUNK_ALIGN, dangling};

/// The header at the start of every chunk.
#[derive(Debug)]
pub(crate) struct ChunkHeader {
    /// The next chunk on whichever list this chunk is on (older chunk on the
    /// used list, next spare on the spare list).
    prev: Cell<Option<NonNull<ChunkHeader>>>,
    /// Size of the whole allocation, header included; `> HEADER_SIZE`, a
    /// multiple of `CHUNK_ALIGN`, `<= isize::MAX`.
    size: usize,
    /// Where the bump pointer stood when this chunk stopped being current
    /// (invariant 3). Meaningless while the chunk is current or spare.
    fill: Cell<NonNull<u8>>,
}

/// Bytes reserved at the start of a chunk for its header.
const HEADER_SIZE: usize = (size_of::<ChunkHeader>() + CHUNK_ALIGN - 1) & !(CHUNK_ALIGN - 1);
const _: () = assert!(align_of::<ChunkHeader>() <= CHUNK_ALIGN);
const _: () =
    assert!(HEADER_SIZE.is_multiple_of(CHUNK_ALIGN) && HEADER_SIZE >= size_of::<ChunkHeader>());
const _: () = assert!(CHUNK_ALIGN.is_power_of_two());

/// Requests with size and alignment at most this take the short fast path.
const SMALL: usize = 4096;

/// Total size of the first normal chunk; later normal chunks double.
const FIRST_CHUNK_SIZE: usize = 512;
/// Normal chunks stop doubling at this total size.
const MAX_NORMAL_CHUNK_SIZE: usize = 1 << 30;

/// A position in a [`RawBump`]: the current chunk and bump pointer.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Checkpoint {
    chunk: Option<NonNull<ChunkHeader>>,
    ptr: NonNull<u8>,
    /// The newest registered pin node at the time.
    pins: Option<NonNull<PinNode>>,
}

/// The bump allocator core. All fields are `Cell`s: allocation goes through
/// `&self`.
#[derive(Debug)]
pub(crate) struct RawBump {
    /// The bump pointer (invariants 1, 2).
    ptr: Cell<NonNull<u8>>,
    /// End of the current chunk (invariants 1, 2).
    end: Cell<NonNull<u8>>,
    /// Head of the used list.
    current: Cell<Option<NonNull<ChunkHeader>>>,
    /// Head of the spare list.
    spare: Cell<Option<NonNull<ChunkHeader>>>,
    /// Sum of the data capacities of all chunks (invariant 5).
    owned: Cell<usize>,
    /// Chunk count on both lists.
    chunks: Cell<usize>,
    /// The allocation limit on `owned`.
    limit: Cell<Option<usize>>,
    /// Total size of the next normal chunk. Only normal chunks change it, so
    /// a large request never inflates later chunks.
    next_size: Cell<usize>,
    /// The newest node of the pin registry (`pins.rs`).
    pins: Cell<Option<NonNull<PinNode>>>,
}

// SAFETY: a `RawBump` exclusively owns its chunks; nothing in it refers to
// thread-local state. Moving it to another thread moves that ownership. It is
// not `Sync`: the `Cell`s are not.
unsafe impl Send for RawBump {}

/// The address of the first data byte of chunk `c`.
#[inline]
fn data_start(c: NonNull<ChunkHeader>) -> NonNull<u8> {
    // SAFETY: every chunk is larger than HEADER_SIZE (field doc of `size`),
    // so the offset stays inside the chunk allocation.
    unsafe { c.cast::<u8>().add(HEADER_SIZE) }
}

/// Chunk `c`'s header, borrowed for as long as the caller promises the
/// chunk lives.
///
/// # Safety
///
/// * `c` is a live chunk of some `RawBump` that outlives `'a`.
#[inline]
unsafe fn header<'a>(c: NonNull<ChunkHeader>) -> &'a ChunkHeader {
    // SAFETY: the header was written when the chunk was created and is only
    // mutated through its `Cell`s; the caller keeps the chunk alive.
    unsafe { c.as_ref() }
}

/// One past the last byte of chunk `c`.
///
/// # Safety
///
/// * `c` is a live chunk.
#[inline]
unsafe fn chunk_end(c: NonNull<ChunkHeader>) -> NonNull<u8> {
    // SAFETY: `size` is the chunk's allocation size; one past the end is allowed.
    unsafe { c.cast::<u8>().add(header(c).size) }
}

/// The data capacity of a chunk of total size `size`.
#[inline]
const fn cap_of(size: usize) -> usize {
    size - HEADER_SIZE
}

/// Rounds `n` up to a multiple of `CHUNK_ALIGN`, or `None` on overflow.
#[inline]
fn round_chunk(n: usize) -> Option<usize> {
    Some(n.checked_add(CHUNK_ALIGN - 1)? & !(CHUNK_ALIGN - 1))
}

impl RawBump {
    /// An empty arena: no chunk, nothing allocated.
    pub(crate) const fn new() -> Self {
        let d = dangling(CHUNK_ALIGN);
        RawBump {
            ptr: Cell::new(d),
            end: Cell::new(d),
            current: Cell::new(None),
            spare: Cell::new(None),
            owned: Cell::new(0),
            chunks: Cell::new(0),
            limit: Cell::new(None),
            next_size: Cell::new(FIRST_CHUNK_SIZE),
            pins: Cell::new(None),
        }
    }

    /// The newest registered pin node, to link a new node in front of.
    pub(crate) fn pins_head(&self) -> Option<NonNull<PinNode>> {
        self.pins.get()
    }

    /// Registers `node`, made with `next == self.pins_head()` and allocated
    /// from `self` since.
    pub(crate) fn register(&self, node: NonNull<PinNode>) {
        self.pins.set(Some(node));
    }

    /// Whether a node registered after `stop` is still pinned: a pinned box
    /// was forgotten, so the memory since `stop` must never be reused. If
    /// none is, drops those nodes from the registry.
    ///
    /// # Safety
    ///
    /// * `stop` is `None` or on the registry, and no box registered after it
    ///   is alive (`pins.rs`, invariant 2).
    unsafe fn forgotten_pins_since(&self, stop: Option<NonNull<PinNode>>) -> bool {
        let mut next = self.pins.get();
        while next != stop {
            let Some(node) = next else {
                debug_assert!(false, "checkpoint pin node not on the registry");
                return true;
            };
            // SAFETY: the node is on the registry, so in a used chunk
            // (invariant 1), and its box is gone (the caller).
            let (pinned, older) = unsafe { pins::read(node) };
            if pinned {
                return true;
            }
            next = older;
        }
        self.pins.set(stop);
        false
    }

    /// Empties the used list: a chunk that holds a value whose pinned box
    /// was forgotten is leaked (never freed or reused), every other one goes
    /// to the spare list. Clears the registry. The arena continues with no
    /// current chunk.
    ///
    /// # Safety
    ///
    /// * No box registered with this arena is alive (`pins.rs`,
    ///   invariant 2).
    unsafe fn leak_pinned_chunks(&self) {
        let mut next = self.current.replace(None);
        while let Some(c) = next {
            // SAFETY: `c` is on the used list, so live.
            let h = unsafe { header(c) };
            next = h.prev.get();
            let (start, end) = (data_start(c).addr().get(), c.addr().get() + h.size);
            // SAFETY: no box is alive (the caller); the nodes are in used
            // chunks (`pins.rs`, invariant 1).
            if unsafe { self.pinned_value_in(start, end) } {
                self.owned.set(self.owned.get() - cap_of(h.size));
                self.chunks.set(self.chunks.get() - 1);
            } else {
                h.prev.set(self.spare.get());
                self.spare.set(Some(c));
            }
        }
        let d = dangling(CHUNK_ALIGN);
        self.ptr.set(d);
        self.end.set(d);
        self.pins.set(None);
    }

    /// Whether a registered node still pinned has its value in
    /// `start .. end`.
    ///
    /// # Safety
    ///
    /// * As for `forgotten_pins_since(None)`.
    unsafe fn pinned_value_in(&self, start: usize, end: usize) -> bool {
        let mut next = self.pins.get();
        while let Some(node) = next {
            // SAFETY: `node` is on the registry, so in a used chunk (`pins.rs`
            // invariant 1), and no box registered with `self` is alive (the
            // caller), so none writes it now.
            let (pinned, older) = unsafe { pins::read(node) };
            // SAFETY: as above; side nodes were registered through
            // pointers to their whole `SideNode`.
            if pinned && (start..end).contains(&unsafe { pins::value_addr(node) }) {
                return true;
            }
            next = older;
        }
        false
    }

    /// Makes sure the current chunk has at least `capacity` free bytes at
    /// 16-byte alignment, allocating a chunk if needed. Returns `false` on
    /// failure.
    pub(crate) fn reserve(&self, capacity: usize) -> bool {
        if capacity == 0 {
            return true;
        }
        let Ok(layout) = Layout::from_size_align(capacity, CHUNK_ALIGN) else {
            return false;
        };
        match self.alloc_slow(layout, 0) {
            Some(p) => {
                // Give the space back: `p` is the last allocation.
                self.ptr.set(self.ptr.get().with_addr(p.addr()));
                // An explicit capacity sets the scale of later chunks.
                let size = (self.remaining() + HEADER_SIZE)
                    .checked_next_power_of_two()
                    .unwrap_or(MAX_NORMAL_CHUNK_SIZE)
                    .min(MAX_NORMAL_CHUNK_SIZE);
                self.next_size.set(self.next_size.get().max(size));
                true
            }
            None => false,
        }
    }

    /// Allocates `layout`, or `None` if the global allocator or the limit
    /// refuses. The memory is uninitialised, valid for `layout.size()`
    /// bytes and aligned to `layout.align()`, and stays valid until the next
    /// `reset*` or `reset_to` that passes it.
    #[inline(always)]
    pub(crate) fn alloc(&self, layout: Layout) -> Option<NonNull<u8>> {
        match self.fast(layout) {
            Some(p) => Some(p),
            None => self.alloc_slow(layout, 0),
        }
    }

    /// The fast path: allocates in the current chunk, or `None` if it has no
    /// room.
    #[inline(always)]
    fn fast(&self, layout: Layout) -> Option<NonNull<u8>> {
        if layout.size() == 0 {
            // Invariant 7.
            return Some(dangling(layout.align()));
        }
        let ptr = self.ptr.get();
        let addr = ptr.addr().get();
        let end = self.end.get().addr().get();
        if layout.size() <= SMALL && layout.align() <= SMALL {
            // Constant-folded for typed allocations. No overflow: `addr <=
            // end <= usize::MAX - 2 * SMALL` (invariant 2 and the placement
            // check in `alloc_chunk`; the dangling state has `end == 16`).
            let start = (addr + (layout.align() - 1)) & !(layout.align() - 1);
            let new_end = start + layout.size();
            if new_end <= end {
                // SAFETY: addr <= start <= new_end <= end: both offsets stay
                // inside the current chunk (invariant 2; with no chunk
                // end == addr and a non-zero size never gets here).
                let (start, new_ptr) = unsafe { (ptr.add(start - addr), ptr.add(new_end - addr)) };
                self.ptr.set(new_ptr);
                return Some(start);
            }
            return None;
        }
        // Invariants 1, 2: ptr <= end.
        let rem = end - addr;
        let pad = addr.wrapping_neg() & (layout.align() - 1);
        // No overflow: `pad < align`, and a `Layout` guarantees that its
        // size rounded up to its alignment is at most `isize::MAX`.
        let total = pad + layout.size();
        if total <= rem {
            // SAFETY: pad + size <= end - ptr, so both offsets stay inside
            // the current chunk (invariant 2; with no chunk rem == 0 and a
            // non-zero size never gets here).
            let (start, new_ptr) = unsafe { (ptr.add(pad), ptr.add(total)) };
            self.ptr.set(new_ptr);
            Some(start)
        } else {
            None
        }
    }

    /// The slow path: finds or allocates a chunk with room for `layout`
    /// (and, if a new chunk is needed, preferably `hint` bytes), makes it
    /// current, and allocates there.
    #[cold]
    #[inline(never)]
    fn alloc_slow(&self, layout: Layout, hint: usize) -> Option<NonNull<u8>> {
        if layout.size() == 0 {
            return Some(dangling(layout.align()));
        }
        // Data regions start 16-aligned; larger alignments may need padding.
        let slack = layout.align().saturating_sub(CHUNK_ALIGN);
        let need = layout.size().checked_add(slack)?;
        let chunk = match self.take_spare(need) {
            Some(c) => c,
            None => self.new_chunk(need, hint.max(need))?,
        };
        self.install(chunk);
        let ptr = self.ptr.get();
        let pad = ptr.addr().get().wrapping_neg() & (layout.align() - 1);
        debug_assert!(pad <= slack);
        // SAFETY: the chunk's capacity is at least size + slack >= size + pad
        // and `ptr` is its data start (just installed), so both offsets stay
        // inside it.
        let (start, new_ptr) = unsafe {
            let start = ptr.add(pad);
            (start, start.add(layout.size()))
        };
        self.ptr.set(new_ptr);
        Some(start)
    }

    /// Removes from the spare list the first chunk with capacity `>= need`.
    fn take_spare(&self, need: usize) -> Option<NonNull<ChunkHeader>> {
        let mut link: &Cell<Option<NonNull<ChunkHeader>>> = &self.spare;
        while let Some(c) = link.get() {
            // SAFETY: spare chunks are live and owned by `self`.
            let h = unsafe { header(c) };
            if cap_of(h.size) >= need {
                link.set(h.prev.get());
                return Some(c);
            }
            link = &h.prev;
        }
        None
    }

    /// Allocates a fresh chunk with capacity `>= need`, preferring `want`.
    /// Normal chunks follow `next_size`; larger requests get a dedicated
    /// chunk and leave `next_size` alone. Respects the limit (invariant 5).
    fn new_chunk(&self, need: usize, want: usize) -> Option<NonNull<ChunkHeader>> {
        let min_size = round_chunk(need.checked_add(HEADER_SIZE)?)?;
        let normal = self.next_size.get();
        let (mut size, is_normal) = match want.checked_add(HEADER_SIZE).and_then(round_chunk) {
            Some(w) if w <= normal => (normal, true),
            Some(w) => (w, false),
            None => (min_size, false),
        };
        let headroom = self.limit.get().map(|l| l.saturating_sub(self.owned.get()));
        loop {
            let fits = headroom.is_none_or(|h| cap_of(size) <= h);
            if fits && let Some(c) = Self::alloc_chunk(size) {
                self.owned.set(self.owned.get() + cap_of(size));
                self.chunks.set(self.chunks.get() + 1);
                if is_normal && size == normal && normal < MAX_NORMAL_CHUNK_SIZE {
                    self.next_size.set(normal * 2);
                }
                return Some(c);
            }
            if size <= min_size {
                return None;
            }
            // Halve towards the minimum, like bumpalo does near a limit.
            size = round_chunk(size / 2)?.max(min_size);
        }
    }

    /// Allocates one chunk of total size `size` and writes its header.
    fn alloc_chunk(size: usize) -> Option<NonNull<ChunkHeader>> {
        debug_assert!(size > HEADER_SIZE && size.is_multiple_of(CHUNK_ALIGN));
        let layout = Layout::from_size_align(size, CHUNK_ALIGN).ok()?;
        // SAFETY: the layout has a non-zero size.
        let base = NonNull::new(unsafe { alloc(layout) })?;
        // The short fast path needs room above every chunk end.
        if base.addr().get() > usize::MAX - 2 * SMALL - size {
            // SAFETY: just allocated with `layout`, never used.
            unsafe { dealloc(base.as_ptr(), layout) };
            return None;
        }
        let c = base.cast::<ChunkHeader>();
        // SAFETY: `base` is a fresh allocation of `size > HEADER_SIZE` bytes
        // aligned to CHUNK_ALIGN >= align_of::<ChunkHeader>().
        unsafe {
            c.write(ChunkHeader {
                prev: Cell::new(None),
                size,
                fill: Cell::new(base),
            });
        }
        Some(c)
    }

    /// Makes `c` (not on any list) the current chunk, pushing the old one
    /// down the used list with its fill recorded (invariant 3).
    fn install(&self, c: NonNull<ChunkHeader>) {
        let old = self.current.get();
        if let Some(o) = old {
            // SAFETY: `o` is the live current chunk.
            unsafe { header(o) }.fill.set(self.ptr.get());
        }
        // SAFETY: `c` is live and owned by `self`.
        let h = unsafe { header(c) };
        h.prev.set(old);
        self.current.set(Some(c));
        self.ptr.set(data_start(c));
        // SAFETY: `c` is live.
        self.end.set(unsafe { chunk_end(c) });
    }

    /// Whether `ptr .. ptr + size` (size > 0) is the most recent allocation:
    /// it ends at the bump pointer. See `raw/mod.rs` invariant 3: only an
    /// allocation in the current chunk can end there.
    #[inline]
    fn is_last(&self, ptr: NonNull<u8>, size: usize) -> bool {
        size != 0 && ptr.addr().get().checked_add(size) == Some(self.ptr.get().addr().get())
    }

    /// Grows the allocation `ptr`/`old` to `new`, in place when it is the
    /// last allocation and the chunk has room, otherwise by moving it.
    ///
    /// # Safety
    ///
    /// * `ptr` was returned by this `RawBump` for layout `old` and is live.
    /// * `new.size() >= old.size()`.
    pub(crate) unsafe fn grow(
        &self,
        ptr: NonNull<u8>,
        old: Layout,
        new: Layout,
    ) -> Option<NonNull<u8>> {
        if self.is_last(ptr, old.size()) && ptr.addr().get() & (new.align() - 1) == 0 {
            let rem = self.end.get().addr().get() - ptr.addr().get();
            if new.size() <= rem {
                self.ptr.set(
                    self.ptr
                        .get()
                        .with_addr(ptr.addr().saturating_add(new.size())),
                );
                return Some(ptr);
            }
        }
        // Moving: leave headroom so that repeated small grows stay O(1)
        // amortised even past the chunk boundary.
        let new_ptr = match self.fast(new) {
            Some(p) => p,
            None => self.alloc_slow(new, new.size().saturating_mul(2))?,
        };
        // SAFETY: `ptr` is valid for `old.size()` reads (caller), `new_ptr`
        // for `new.size() >= old.size()` writes, and they do not overlap:
        // `new_ptr` is a fresh allocation while `ptr` is still live.
        unsafe { ptr::copy_nonoverlapping(ptr.as_ptr(), new_ptr.as_ptr(), old.size()) };
        Some(new_ptr)
    }

    /// [`grow`](RawBump::grow), with the bytes past `old.size()` zeroed.
    ///
    /// # Safety
    ///
    /// * As for [`grow`](RawBump::grow).
    pub(crate) unsafe fn grow_zeroed(
        &self,
        ptr: NonNull<u8>,
        old: Layout,
        new: Layout,
    ) -> Option<NonNull<u8>> {
        // SAFETY: the caller keeps `grow`'s contract (see above).
        let p = unsafe { self.grow(ptr, old, new) }?;
        // SAFETY: `grow` returned a block of `new.size() >= old.size()` bytes
        // that the caller owns; the tail past `old.size()` lies inside it.
        unsafe { ptr::write_bytes(p.as_ptr().add(old.size()), 0, new.size() - old.size()) };
        Some(p)
    }

    /// Shrinks `ptr`/`old` to `new`: in place (giving bytes back when it is
    /// the last allocation) unless `new` needs a larger alignment.
    ///
    /// # Safety
    ///
    /// * `ptr` was returned by this `RawBump` for layout `old` and is live.
    /// * `new.size() <= old.size()`.
    pub(crate) unsafe fn shrink(
        &self,
        ptr: NonNull<u8>,
        old: Layout,
        new: Layout,
    ) -> Option<NonNull<u8>> {
        if ptr.addr().get() & (new.align() - 1) == 0 {
            if self.is_last(ptr, old.size()) {
                self.ptr.set(
                    self.ptr
                        .get()
                        .with_addr(ptr.addr().saturating_add(new.size())),
                );
            }
            return Some(ptr);
        }
        let new_ptr = self.alloc(new)?;
        // SAFETY: `ptr` is readable for `old.size() >= new.size()` bytes,
        // `new_ptr` is a fresh allocation of `new.size()` bytes.
        unsafe { ptr::copy_nonoverlapping(ptr.as_ptr(), new_ptr.as_ptr(), new.size()) };
        Some(new_ptr)
    }

    /// Gives back the allocation `ptr`/`size` if it is the last one.
    pub(crate) fn dealloc(&self, ptr: NonNull<u8>, size: usize) {
        if self.is_last(ptr, size) {
            // Keep our own provenance (invariant 2), only the address moves.
            self.ptr.set(self.ptr.get().with_addr(ptr.addr()));
        }
    }

    /// Undoes the allocation `ptr`/`size` made right after `cp`, padding
    /// included, if nothing was allocated since.
    pub(crate) fn undo(&self, cp: Checkpoint, ptr: NonNull<u8>, size: usize) {
        if self.is_last(ptr, size) && self.current.get() == cp.chunk && cp.chunk.is_some() {
            self.ptr.set(cp.ptr);
        }
    }

    /// The current position.
    pub(crate) fn checkpoint(&self) -> Checkpoint {
        Checkpoint {
            chunk: self.current.get(),
            ptr: self.ptr.get(),
            pins: self.pins.get(),
        }
    }

    /// Rewinds to `cp`: every chunk made current after it goes to the spare
    /// list, and the bump pointer returns to where it was. If a box pinned
    /// since `cp` was forgotten, rewinds nothing (`pins.rs`).
    ///
    /// # Safety
    ///
    /// * `cp` was taken from this `RawBump`, and no `reset`,
    ///   `reset_keep_chunks` or `reset_to` an earlier checkpoint happened
    ///   since (so `cp.chunk` is still on the used list and `cp.pins` on the
    ///   registry).
    /// * Nothing allocated after `cp` is used afterwards.
    pub(crate) unsafe fn reset_to(&self, cp: Checkpoint) {
        // SAFETY: `cp.pins` is on the registry and the boxes registered
        // since are no longer used (the caller).
        if unsafe { self.forgotten_pins_since(cp.pins) } {
            return;
        }
        while self.current.get() != cp.chunk {
            let Some(c) = self.current.get() else {
                debug_assert!(false, "checkpoint chunk not on the used list");
                return;
            };
            // SAFETY: `c` is live (used list).
            let h = unsafe { header(c) };
            self.current.set(h.prev.get());
            h.prev.set(self.spare.get());
            self.spare.set(Some(c));
        }
        match cp.chunk {
            Some(c) => {
                self.ptr.set(cp.ptr);
                // SAFETY: `c` is live: it is on the used list (caller).
                self.end.set(unsafe { chunk_end(c) });
            }
            None => {
                let d = dangling(CHUNK_ALIGN);
                self.ptr.set(d);
                self.end.set(d);
            }
        }
    }

    /// Moves every chunk to the spare list; if there are several, replaces
    /// them by one chunk of the same total capacity.
    ///
    /// Safe because it takes `&mut self`: every reference this `RawBump`
    /// handed out borrows it, and every box registered with it borrows the
    /// `Bump` around it, so none is alive now.
    pub(crate) fn reset_keep_chunks(&mut self) {
        // SAFETY: `&mut self`: no box registered with `self` is alive (see
        // above).
        if unsafe { self.forgotten_pins_since(None) } {
            // SAFETY: `&mut self`, so no box registered with `self` is alive.
            unsafe { self.leak_pinned_chunks() };
        }
        let start = Checkpoint {
            chunk: None,
            ptr: dangling(CHUNK_ALIGN),
            pins: None,
        };
        // SAFETY: `None` is the bottom of every used list and of the
        // registry; `&mut self` ends every borrow of an allocation.
        unsafe { self.reset_to(start) };
        if self.chunks.get() > 1 {
            // Merge the chunks into one of the same total capacity, so the
            // next phases bump through a single chunk. Capacities are
            // multiples of CHUNK_ALIGN, so the total is exact and the limit
            // (on `owned`) still holds.
            let total = self.owned.get();
            // SAFETY: every chunk is on the spare list and holds nothing.
            unsafe { self.free_list(self.spare.replace(None)) };
            if let Some(size) = total.checked_add(HEADER_SIZE)
                && let Some(c) = Self::alloc_chunk(size)
            {
                self.owned.set(self.owned.get() + cap_of(size));
                self.chunks.set(self.chunks.get() + 1);
                self.spare.set(Some(c));
            }
        }
    }

    /// Frees every chunk except the current one and rewinds it. Safe for
    /// the reason [`reset_keep_chunks`](RawBump::reset_keep_chunks) is.
    pub(crate) fn reset(&mut self) {
        // SAFETY: `&mut self`: no box registered with `self` is alive.
        if unsafe { self.forgotten_pins_since(None) } {
            // SAFETY: `&mut self`, so no box registered with `self` is alive.
            unsafe { self.leak_pinned_chunks() };
        }
        let cur = self.current.get();
        // SAFETY: spare chunks hold no allocation (invariant 4); the used
        // ones below the current chunk hold only allocations whose borrows
        // `&mut self` has ended.
        unsafe {
            self.free_list(self.spare.replace(None));
            if let Some(c) = cur {
                self.free_list(header(c).prev.replace(None));
                self.ptr.set(data_start(c));
            }
        }
    }

    /// Frees a list of chunks linked through `prev`.
    ///
    /// # Safety
    ///
    /// * The chunks are owned by `self`, detached from its lists, and hold
    ///   no live allocation.
    unsafe fn free_list(&self, mut next: Option<NonNull<ChunkHeader>>) {
        while let Some(c) = next {
            // SAFETY: `c` is live until freed just below.
            let h = unsafe { header(c) };
            next = h.prev.get();
            let size = h.size;
            self.owned.set(self.owned.get() - cap_of(size));
            self.chunks.set(self.chunks.get() - 1);
            // SAFETY: allocated in `alloc_chunk` with this exact layout,
            // which was valid then.
            unsafe {
                dealloc(
                    c.as_ptr().cast(),
                    Layout::from_size_align_unchecked(size, CHUNK_ALIGN),
                )
            };
        }
    }

    /// Checks invariants 1, 2, 3, 5 and 6 and panics with a message naming
    /// the first one broken. Invariants 4 and 7 are about what callers hold
    /// and do, not about this state; the property tests check them through
    /// the contents of live allocations.
    ///
    /// The walk trusts that the list links point at live chunks: a dangling
    /// link cannot be detected without reading it.
    pub(crate) fn assert_invariants(&self) {
        let ptr = self.ptr.get().addr().get();
        let end = self.end.get().addr().get();
        let chunks = self.chunks.get();
        let mut owned = 0usize;
        let mut count = 0usize;
        // Checks one chunk's shape (field doc of `size`, invariant 6) and
        // counts it; returns its base, data start, end and header.
        let mut visit = |c: NonNull<ChunkHeader>, list: &str| {
            count += 1;
            assert!(
                count <= chunks,
                "Bump invariant 5 broken: the {list} list makes more than the {chunks} chunks \
                 counted (a cycle?)"
            );
            // SAFETY: the lists link live chunks of `self` (taken on trust,
            // see the doc above), which outlive this call.
            let h = unsafe { header(c) };
            let base = c.addr().get();
            assert!(
                h.size > HEADER_SIZE
                    && h.size.is_multiple_of(CHUNK_ALIGN)
                    && h.size <= isize::MAX as usize
                    && base.is_multiple_of(CHUNK_ALIGN),
                "Bump invariant 6 broken: a {list} chunk at {base:#x} has size {}",
                h.size
            );
            let chunk_end = base
                .checked_add(h.size)
                .filter(|e| *e <= usize::MAX - 2 * SMALL);
            let Some(chunk_end) = chunk_end else {
                panic!(
                    "Bump invariant 6 broken: a {list} chunk at {base:#x} of size {} ends within \
                     {} bytes of usize::MAX",
                    h.size,
                    2 * SMALL
                )
            };
            owned += cap_of(h.size);
            (base + HEADER_SIZE, chunk_end, h)
        };
        match self.current.get() {
            None => assert!(
                ptr == end,
                "Bump invariant 1 broken: no current chunk, but ptr {ptr:#x} != end {end:#x}"
            ),
            Some(c) => {
                let (data, chunk_end, h) = visit(c, "used");
                assert!(
                    data <= ptr && ptr <= end && end == chunk_end,
                    "Bump invariant 2 broken: current chunk data {data:#x}..{chunk_end:#x}, \
                     ptr {ptr:#x}, end {end:#x}"
                );
                let mut next = h.prev.get();
                while let Some(k) = next {
                    let (data, chunk_end, h) = visit(k, "used");
                    let fill = h.fill.get().addr().get();
                    assert!(
                        data <= fill && fill <= chunk_end,
                        "Bump invariant 3 broken: used chunk data {data:#x}..{chunk_end:#x} has \
                         fill {fill:#x}"
                    );
                    next = h.prev.get();
                }
            }
        }
        let mut next = self.spare.get();
        while let Some(k) = next {
            next = visit(k, "spare").2.prev.get();
        }
        assert!(
            count == chunks,
            "Bump invariant 5 broken: {count} chunks on the lists, {chunks} counted"
        );
        assert!(
            owned == self.owned.get(),
            "Bump invariant 5 broken: the chunks hold {owned} bytes, owned says {}",
            self.owned.get()
        );
    }

    /// Sum of chunk capacities (invariant 5).
    pub(crate) fn owned(&self) -> usize {
        self.owned.get()
    }

    /// Number of chunks held.
    pub(crate) fn chunk_count(&self) -> usize {
        self.chunks.get()
    }

    /// Size of the per-chunk metadata.
    pub(crate) const fn header_size() -> usize {
        HEADER_SIZE
    }

    /// Free bytes left in the current chunk.
    pub(crate) fn remaining(&self) -> usize {
        self.end.get().addr().get() - self.ptr.get().addr().get()
    }

    /// The allocation limit.
    pub(crate) fn limit(&self) -> Option<usize> {
        self.limit.get()
    }

    /// Sets the allocation limit.
    pub(crate) fn set_limit(&self, limit: Option<usize>) {
        self.limit.set(limit);
    }

    /// The used chunks, newest first, as (data start, used length).
    pub(crate) fn chunks(&self) -> RawChunkIter {
        RawChunkIter {
            next: self.current.get(),
            fill: self.ptr.get(),
        }
    }

    /// The used bytes of each used chunk, newest first.
    pub(crate) fn chunk_slices(&mut self) -> RawChunkSlices<'_> {
        RawChunkSlices {
            raw: self.chunks(),
            _bump: PhantomData,
        }
    }
}

impl Drop for RawBump {
    fn drop(&mut self) {
        // SAFETY: `&mut self` at drop: no box outlives its borrow of the
        // arena.
        if unsafe { self.forgotten_pins_since(None) } {
            // SAFETY: `&mut self`, so no box registered with `self` is alive.
            unsafe { self.leak_pinned_chunks() };
        }
        // SAFETY: `&mut self` at drop: no allocation outlives the arena.
        unsafe {
            self.free_list(self.spare.replace(None));
            self.free_list(self.current.replace(None));
        }
    }
}

/// Iterator over the used chunks of a [`RawBump`], newest first.
#[derive(Debug)]
pub(crate) struct RawChunkIter {
    next: Option<NonNull<ChunkHeader>>,
    /// The fill of `next` (the bump pointer for the current chunk).
    fill: NonNull<u8>,
}

impl Iterator for RawChunkIter {
    type Item = (NonNull<u8>, usize);

    fn next(&mut self) -> Option<Self::Item> {
        let c = self.next?;
        let start = data_start(c);
        let len = self.fill.addr().get() - start.addr().get();
        // SAFETY: the iterator is only used while the arena is borrowed, so
        // its used chunks are live.
        let h = unsafe { header(c) };
        self.next = h.prev.get();
        if let Some(p) = self.next {
            // SAFETY: `p` is the next chunk on the used list, live for the
            // same reason as `c`.
            self.fill = unsafe { header(p) }.fill.get();
        }
        Some((start, len))
    }
}

/// The used bytes of each used chunk of a [`RawBump`] borrowed mutably,
/// newest first.
#[derive(Debug)]
pub(crate) struct RawChunkSlices<'a> {
    raw: RawChunkIter,
    _bump: PhantomData<&'a mut RawBump>,
}

impl<'a> Iterator for RawChunkSlices<'a> {
    type Item = &'a [MaybeUninit<u8>];

    fn next(&mut self) -> Option<Self::Item> {
        let (p, len) = self.raw.next()?;
        // SAFETY: `p .. p + len` is the used part of a chunk on the used
        // list (invariants 2, 3), which stays allocated while the `RawBump`
        // is borrowed for 'a. The borrow is exclusive, so nothing allocates
        // or resets meanwhile, and no reference handed out by the `RawBump`
        // (each borrows it) is alive to write those bytes. `MaybeUninit<u8>`
        // has no validity requirement, so padding bytes may be read as it.
        Some(unsafe { core::slice::from_raw_parts(p.cast::<MaybeUninit<u8>>().as_ptr(), len) })
    }
}

#[cfg(test)]
mod tests {
    use core::alloc::Layout;

    use super::RawBump;

    #[test]
    #[should_panic(expected = "Bump invariant 5 broken: the chunks hold")]
    fn assert_invariants_catches_a_wrong_owned() {
        let raw = RawBump::new();
        raw.alloc(Layout::new::<u64>()).unwrap();
        raw.assert_invariants();
        raw.owned.set(raw.owned.get() + 1);
        raw.assert_invariants();
    }

    #[test]
    #[should_panic(expected = "Bump invariant 2 broken: current chunk data")]
    fn assert_invariants_catches_a_bump_pointer_past_the_end() {
        let raw = RawBump::new();
        raw.alloc(Layout::new::<u64>()).unwrap();
        raw.ptr
            .set(raw.end.get().map_addr(|a| a.checked_add(1).unwrap()));
        raw.assert_invariants();
    }
}
