use std::alloc::System;
use std::sync::atomic::Ordering::Relaxed;

use crate::counters::Global;
use crate::{Region, Stats};

/// A global-allocator wrapper that counts calls, bytes, live bytes and the
/// peak, for all threads together and for each thread on its own.
///
/// Install it with `#[global_allocator]`; every call is forwarded to the
/// inner allocator `A` (by default [`System`]) unchanged.
///
/// Two sets of counters are kept:
/// * **global**: this allocator's atomics, for all threads, read with
///   [`stats`](Self::stats) or a [`Region::global`]. On unless
///   [`with_global_counting(false)`](Self::with_global_counting); switchable
///   at run time with [`set_global_counting`](Self::set_global_counting).
/// * **per thread**: thread-local `Cell`s, read with
///   [`thread_stats`](crate::thread_stats), [`measure`](crate::measure) or
///   a [`Region::thread`]. Counted on every thread unless
///   [`with_thread_counting(false)`](Self::with_thread_counting), and always
///   while a thread region is open on that thread.
///
/// # Cost
///
/// On top of the inner allocator, each call costs:
/// * one thread-local access (`const`-initialised, no destructor: an offset
///   from the thread pointer) and one branch; when the thread counts, three
///   to five plain integer updates;
/// * one relaxed load and one branch; when global counting is on, three to
///   five relaxed atomic read-modify-writes (`lock xadd` on x86-64), which
///   contend between threads that allocate at the same time.
///
/// With both switched off (`with_global_counting(false)` and
/// `with_thread_counting(false)`), as the benchmark uses it, the cost is two
/// loads and two predictable branches per call outside a thread region.
///
/// # Examples
///
/// ```
/// use memkit_alloc::CountingAlloc;
///
/// #[global_allocator]
/// static GLOBAL: CountingAlloc = CountingAlloc::system();
///
/// let before = GLOBAL.stats();
/// let v = vec![0u8; 1024];
/// let after = GLOBAL.stats();
/// // Other threads may allocate too, so the global change is at least ours.
/// assert!(after.allocs > before.allocs);
/// assert!(after.bytes_allocated - before.bytes_allocated >= 1024);
/// drop(v);
/// ```
#[derive(Debug)]
pub struct CountingAlloc<A = System> {
    pub(crate) inner: A,
    pub(crate) global: Global,
    /// Whether threads outside a thread region count their calls.
    pub(crate) thread_default: bool,
}

impl CountingAlloc<System> {
    /// A counting wrapper around [`System`], usable in a `static`.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_alloc::CountingAlloc;
    ///
    /// #[global_allocator]
    /// static GLOBAL: CountingAlloc = CountingAlloc::system();
    ///
    /// let b = Box::new(7u64);
    /// assert!(GLOBAL.stats().allocs >= 1);
    /// drop(b);
    /// ```
    #[must_use]
    pub const fn system() -> Self {
        Self::new(System)
    }
}

impl<A> CountingAlloc<A> {
    /// A counting wrapper around `inner`, with global and per-thread
    /// counting on.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::alloc::System;
    /// use memkit_alloc::CountingAlloc;
    ///
    /// #[global_allocator]
    /// static GLOBAL: CountingAlloc<System> = CountingAlloc::new(System);
    ///
    /// let v = vec![1u8; 10];
    /// assert!(GLOBAL.stats().bytes_allocated >= 10);
    /// drop(v);
    /// ```
    #[must_use]
    pub const fn new(inner: A) -> Self {
        Self {
            inner,
            global: Global::new(true),
            thread_default: true,
        }
    }

    /// Whether the global counters start on (the default) or off. Switch
    /// them later with [`set_global_counting`](Self::set_global_counting).
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_alloc::CountingAlloc;
    ///
    /// #[global_allocator]
    /// static GLOBAL: CountingAlloc = CountingAlloc::system().with_global_counting(false);
    ///
    /// let b = Box::new(1u8);
    /// assert_eq!(GLOBAL.stats().allocs, 0);
    /// drop(b);
    /// ```
    #[must_use]
    pub const fn with_global_counting(mut self, on: bool) -> Self {
        self.global = Global::new(on);
        self
    }

    /// Whether threads count their own calls outside a [`Region::thread`]
    /// (the default) or only inside one. Off, a thread that opens no region
    /// pays one thread-local load and a branch per call and counts nothing.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_alloc::{CountingAlloc, Region, thread_stats};
    ///
    /// #[global_allocator]
    /// static GLOBAL: CountingAlloc = CountingAlloc::system().with_thread_counting(false);
    ///
    /// let before = thread_stats();
    /// let a = Box::new(1u8);
    /// assert_eq!(thread_stats(), before, "not counted outside a region");
    ///
    /// let region = Region::thread();
    /// let b = Box::new(2u8);
    /// assert_eq!(region.stats().allocs, 1, "counted inside one");
    /// drop((a, b));
    /// ```
    #[must_use]
    pub const fn with_thread_counting(mut self, on: bool) -> Self {
        self.thread_default = on;
        self
    }

    /// The inner allocator.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::alloc::System;
    /// use memkit_alloc::CountingAlloc;
    ///
    /// static COUNTING: CountingAlloc = CountingAlloc::system();
    /// let _system: &System = COUNTING.inner();
    /// ```
    #[must_use]
    pub const fn inner(&self) -> &A {
        &self.inner
    }

    /// The global counters: every thread's calls since this allocator
    /// started counting. The fields are read one by one with relaxed loads,
    /// so while other threads allocate they need not match one instant.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_alloc::CountingAlloc;
    ///
    /// #[global_allocator]
    /// static GLOBAL: CountingAlloc = CountingAlloc::system();
    ///
    /// let v = vec![0u8; 4096];
    /// let stats = GLOBAL.stats();
    /// assert!(stats.peak_live_bytes >= 4096);
    /// drop(v);
    /// ```
    #[must_use]
    pub fn stats(&self) -> Stats {
        self.global.snapshot()
    }

    /// Switches the global counters on or off at run time. While off, calls
    /// are not counted globally (per-thread counting is unaffected), so the
    /// live bytes seen later may be off by what was freed or allocated
    /// meanwhile.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_alloc::CountingAlloc;
    ///
    /// #[global_allocator]
    /// static GLOBAL: CountingAlloc = CountingAlloc::system().with_global_counting(false);
    ///
    /// GLOBAL.set_global_counting(true);
    /// let b = Box::new(1u64);
    /// GLOBAL.set_global_counting(false);
    /// assert!(GLOBAL.stats().allocs >= 1);
    /// drop(b);
    /// ```
    pub fn set_global_counting(&self, on: bool) {
        self.global.enabled.store(on, Relaxed);
    }

    /// Lowers the global peak to the current live bytes, so that
    /// [`stats`](Self::stats) reports the peak from now on.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_alloc::CountingAlloc;
    ///
    /// #[global_allocator]
    /// static GLOBAL: CountingAlloc = CountingAlloc::system();
    ///
    /// drop(vec![0u8; 1 << 20]);
    /// GLOBAL.reset_peak();
    /// assert!(GLOBAL.stats().peak_live_bytes < 1 << 20);
    /// ```
    pub fn reset_peak(&self) {
        self.global
            .peak
            .store(self.global.live.load(Relaxed), Relaxed);
    }

    /// Opens a [`Region::global`] over this allocator's global counters.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_alloc::CountingAlloc;
    ///
    /// #[global_allocator]
    /// static GLOBAL: CountingAlloc = CountingAlloc::system();
    ///
    /// let region = GLOBAL.region();
    /// let v = vec![0u8; 100];
    /// assert!(region.stats().bytes_allocated >= 100);
    /// drop(v);
    /// ```
    #[must_use = "a region measures until it is dropped"]
    pub fn region(&self) -> Region<'_> {
        Region::global(self)
    }
}
