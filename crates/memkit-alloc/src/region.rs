use core::marker::PhantomData;
use std::sync::atomic::Ordering::Relaxed;
use std::thread::AccessError;

use crate::counters::{Global, LOCAL, Mode, non_negative};
use crate::{CountingAlloc, Stats};

/// Measures the allocator activity of a block of code: open it before, read
/// [`stats`](Self::stats) after.
///
/// * [`Region::thread`] counts only the calling thread's calls, so tests
///   running in parallel in one binary do not disturb each other. This is
///   the one to use in tests.
/// * [`Region::global`] counts every thread's calls through one
///   [`CountingAlloc`].
///
/// The peak is measured from the region's start: opening a region lowers
/// the peak to the current live bytes, and dropping it raises the peak
/// back to what it was, so that enclosing regions still see theirs.
///
/// Thread regions on one thread must nest: the last opened ends first.
/// Global regions give an exact peak only when one is open at a time.
///
/// A `Region` is neither `Send` nor `Sync`: it belongs to the thread that
/// opened it.
///
/// # Examples
///
/// ```
/// use memkit_alloc::{CountingAlloc, Region};
///
/// #[global_allocator]
/// static GLOBAL: CountingAlloc = CountingAlloc::system();
///
/// let region = Region::thread();
/// let a = vec![0u8; 100];
/// let b = vec![0u8; 50];
/// drop(a);
/// let stats = region.stats();
/// assert_eq!(stats.allocs, 2);
/// assert_eq!(stats.deallocs, 1);
/// assert_eq!(stats.live_bytes(), 50);
/// assert_eq!(stats.peak_live_bytes, 150);
/// drop(b);
/// ```
#[derive(Debug)]
pub struct Region<'a> {
    scope: Scope<'a>,
    /// The counters when the region opened.
    start: Stats,
    /// Live bytes when the region opened (the peak's zero).
    start_live: i64,
    /// The peak the region lowered on opening, restored (as a maximum) on
    /// drop.
    saved_peak: i64,
    /// Not `Send`/`Sync`: a thread region restores its thread's state.
    _not_send: PhantomData<*const ()>,
}

#[derive(Debug)]
enum Scope<'a> {
    /// The calling thread; `level` is this region's nesting depth (from 1),
    /// `saved_mode` the thread's counting mode before it opened.
    Thread {
        level: u32,
        saved_mode: Mode,
    },
    Global(&'a Global),
}

impl Region<'static> {
    /// Opens a region over the calling thread's calls. While it is open the
    /// thread counts, even if the allocator was built
    /// [`with_thread_counting(false)`](CountingAlloc::with_thread_counting).
    ///
    /// Counts calls through any [`CountingAlloc`]; with none installed, every
    /// count stays 0.
    ///
    /// # Panics
    ///
    /// Panics with "Region::thread: this thread's counters are gone" when
    /// called while this thread's thread-locals are being destroyed.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_alloc::{CountingAlloc, Region};
    ///
    /// #[global_allocator]
    /// static GLOBAL: CountingAlloc = CountingAlloc::system();
    ///
    /// let region = Region::thread();
    /// let noise = std::thread::spawn(|| vec![0u8; 1000]); // another thread
    /// let boxed = Box::new(5u32);
    /// let stats = region.stats();
    /// // The spawn itself allocates on this thread; the vector does not count.
    /// assert!(stats.bytes_allocated < 1000);
    /// drop((noise.join(), boxed));
    /// ```
    #[must_use = "a region measures until it is dropped"]
    pub fn thread() -> Self {
        Self::try_thread().expect("Region::thread: this thread's counters are gone")
    }

    /// [`Region::thread`], or an error instead of a panic when this
    /// thread's thread-locals are being destroyed.
    ///
    /// The counters have no destructor, so on targets with native
    /// thread-locals this never fails.
    ///
    /// # Errors
    ///
    /// [`AccessError`] when the thread-local counters can no longer be
    /// reached.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_alloc::{CountingAlloc, Region};
    ///
    /// #[global_allocator]
    /// static GLOBAL: CountingAlloc = CountingAlloc::system();
    ///
    /// let region = Region::try_thread().expect("not in thread teardown");
    /// let b = Box::new(1u8);
    /// assert_eq!(region.stats().allocs, 1);
    /// drop(b);
    /// ```
    pub fn try_thread() -> Result<Self, AccessError> {
        LOCAL.try_with(|l| {
            let level = l.depth.get().saturating_add(1);
            l.depth.set(level);
            let saved_mode = l.mode.replace(Mode::On);
            let start_live = l.live.get();
            let saved_peak = l.peak.replace(start_live);
            Region {
                scope: Scope::Thread { level, saved_mode },
                start: l.snapshot(),
                start_live,
                saved_peak,
                _not_send: PhantomData,
            }
        })
    }
}

impl<'a> Region<'a> {
    /// Opens a region over every thread's calls through `alloc`, which must
    /// count globally (see
    /// [`with_global_counting`](CountingAlloc::with_global_counting)) for
    /// the region to see anything.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_alloc::{CountingAlloc, Region};
    ///
    /// #[global_allocator]
    /// static GLOBAL: CountingAlloc = CountingAlloc::system();
    ///
    /// let region = Region::global(&GLOBAL);
    /// let worker = std::thread::spawn(|| vec![0u8; 1000]);
    /// let v = worker.join().unwrap();
    /// assert!(region.stats().bytes_allocated >= 1000);
    /// drop(v);
    /// ```
    #[must_use = "a region measures until it is dropped"]
    pub fn global<A>(alloc: &'a CountingAlloc<A>) -> Self {
        let global = &alloc.global;
        let start_live = global.live.load(Relaxed);
        let saved_peak = global.peak.swap(start_live, Relaxed);
        Region {
            scope: Scope::Global(global),
            start: global.snapshot(),
            start_live,
            saved_peak,
            _not_send: PhantomData,
        }
    }

    /// The activity since the region opened (or was last
    /// [`restart`](Self::restart)ed). The peak is the highest rise of live
    /// bytes above the start.
    ///
    /// # Panics
    ///
    /// For a thread region, panics with "Region::stats: this region is at
    /// nesting level L but N thread regions are open" when an inner region
    /// is still open or regions ended out of order, since its peak would be
    /// wrong; and with "Region::stats: this thread's counters are gone"
    /// while this thread's thread-locals are being destroyed.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_alloc::{CountingAlloc, Region};
    ///
    /// #[global_allocator]
    /// static GLOBAL: CountingAlloc = CountingAlloc::system();
    ///
    /// let outer = Region::thread();
    /// let a = vec![0u8; 64];
    /// {
    ///     let inner = Region::thread();
    ///     drop(vec![0u8; 32]);
    ///     assert_eq!(inner.stats().peak_live_bytes, 32);
    /// }
    /// drop(a);
    /// let stats = outer.stats();
    /// assert_eq!(stats.allocs, 2);
    /// assert_eq!(stats.peak_live_bytes, 64 + 32);
    /// ```
    #[must_use]
    pub fn stats(&self) -> Stats {
        let (now, peak) = match self.scope {
            Scope::Thread { level, .. } => LOCAL
                .try_with(|l| {
                    let depth = l.depth.get();
                    assert!(
                        depth == level,
                        "Region::stats: this region is at nesting level {level} but {depth} \
                         thread regions are open"
                    );
                    (l.snapshot(), l.peak.get())
                })
                .expect("Region::stats: this thread's counters are gone"),
            Scope::Global(global) => (global.snapshot(), global.peak.load(Relaxed)),
        };
        Stats {
            peak_live_bytes: non_negative(peak.wrapping_sub(self.start_live)),
            ..now.delta(&self.start)
        }
    }

    /// Starts measuring again from now, as if the region had just opened.
    ///
    /// # Panics
    ///
    /// As [`stats`](Self::stats), when an inner thread region is open.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_alloc::{CountingAlloc, Region, Stats};
    ///
    /// #[global_allocator]
    /// static GLOBAL: CountingAlloc = CountingAlloc::system();
    ///
    /// let mut region = Region::thread();
    /// let v = vec![0u8; 10];
    /// region.restart();
    /// assert_eq!(region.stats(), Stats::ZERO);
    /// drop(v);
    /// ```
    pub fn restart(&mut self) {
        let mut peak_so_far = self.saved_peak;
        match self.scope {
            Scope::Thread { level, .. } => {
                LOCAL
                    .try_with(|l| {
                        let depth = l.depth.get();
                        assert!(
                            depth == level,
                            "Region::restart: this region is at nesting level {level} but \
                             {depth} thread regions are open"
                        );
                        peak_so_far = peak_so_far.max(l.peak.get());
                        self.start_live = l.live.get();
                        l.peak.set(self.start_live);
                        self.start = l.snapshot();
                    })
                    .expect("Region::restart: this thread's counters are gone");
            }
            Scope::Global(global) => {
                self.start_live = global.live.load(Relaxed);
                peak_so_far = peak_so_far.max(global.peak.swap(self.start_live, Relaxed));
                self.start = global.snapshot();
            }
        }
        self.saved_peak = peak_so_far;
    }
}

impl Drop for Region<'_> {
    fn drop(&mut self) {
        match self.scope {
            Scope::Thread { saved_mode, .. } => {
                // Skipped while the thread-locals are torn down: nothing is
                // left to restore.
                let _ = LOCAL.try_with(|l| {
                    l.peak.set(l.peak.get().max(self.saved_peak));
                    l.mode.set(saved_mode);
                    l.depth.set(l.depth.get().saturating_sub(1));
                });
            }
            Scope::Global(global) => {
                global.peak.fetch_max(self.saved_peak, Relaxed);
            }
        }
    }
}
