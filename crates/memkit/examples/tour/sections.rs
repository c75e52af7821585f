//! The tour's sections: each prints what it shows and what it measured.
//!
//! Shared by `examples/tour.rs` and `tests/tour.rs`. The functions that
//! return a [`Stats`] are the allocation figures the test asserts; the
//! printing sections call them. Both crates that include this module
//! install `CountingAlloc` as their global allocator.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::hint::black_box;
use std::panic::{self, AssertUnwindSafe};
use std::rc::{Rc, Weak};
use std::sync::{Arc, Mutex, RwLock};
use std::thread;
use std::time::Instant;

use memkit::alloc::{Stats, measure};
use memkit::arena::Bump;
use memkit::bytes::{BufMut, Bytes, BytesMut, BytesPool};
use memkit::cache::{Cache, LruCache};
use memkit::codec::Decoder;
use memkit::codec::http::{RequestDecoder, RequestFrame, RequestHead};
use memkit::slab::Slab;
use memkit::tree::{Arena, NodeId};

/// How many operations a timed loop runs.
const TIMED_OPS: u64 = 5_000_000;
/// The guide's "1M allocations".
const MILLION: u64 = 1_000_000;

/// Runs every section in order.
pub(crate) fn run() {
    stack_and_heap();
    rc_and_weak();
    arc_mutex_rwlock();
    cell_and_refcell();
    cow();
    memkit_crates();
    scenarios();
    overused_arc();
}

fn heading(number: u32, title: &str) {
    println!("\n== {number}. {title} ==");
}

/// Nanoseconds per call of `op`, over `ops` calls.
fn ns_per_op(ops: u64, mut op: impl FnMut(u64)) -> f64 {
    let start = Instant::now();
    for i in 0..ops {
        op(i);
    }
    start.elapsed().as_nanos() as f64 / ops as f64
}

fn millis(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1e3
}

// ---- 1. Stack versus heap -------------------------------------------------

/// The guide's recursive list: without the `Box`, `List` would have
/// infinite size.
#[derive(Debug)]
enum List {
    Cons(i32, Box<List>),
    Nil,
}

impl List {
    fn sum(&self) -> i32 {
        let mut total = 0;
        let mut node = self;
        while let List::Cons(value, next) = node {
            total += value;
            node = next;
        }
        total
    }
}

trait Shape {
    fn area(&self) -> f64;
}

struct Square(f64);
struct Circle(f64);

impl Shape for Square {
    fn area(&self) -> f64 {
        self.0 * self.0
    }
}

impl Shape for Circle {
    fn area(&self) -> f64 {
        std::f64::consts::PI * self.0 * self.0
    }
}

/// Allocations made building `Cons(1, Cons(2, Cons(3, Nil)))`: one `Box`
/// per link.
pub(crate) fn list_allocations() -> Stats {
    let (list, stats) = measure(|| {
        List::Cons(
            1,
            Box::new(List::Cons(2, Box::new(List::Cons(3, Box::new(List::Nil))))),
        )
    });
    assert_eq!(list.sum(), 6);
    stats
}

fn stack_and_heap() {
    heading(1, "Stack versus heap: ownership, borrowing, Box");
    let on_stack = [1u64, 2, 3];
    let moved = on_stack; // `[u64; 3]` is Copy: both stay usable
    let borrowed: &[u64] = &moved;
    assert_eq!(borrowed, on_stack);
    println!(
        "an array lives on the stack: {} bytes, copied on move; a borrow is {} bytes",
        size_of_val(&on_stack),
        size_of::<&[u64]>()
    );

    let name = String::from("memkit");
    let buffer = name.as_ptr();
    // The String moves: `name` is no longer usable, and nothing is copied.
    let (owner, stats) = measure(|| name);
    let length = |s: &String| s.len();
    println!(
        "a String moves its heap buffer, it does not copy it: `owner` holds {:?} at the same address ({}), {} allocations; borrowed len {}",
        owner,
        owner.as_ptr() == buffer,
        stats.new_memory(),
        length(&owner)
    );

    let (boxed, stats) = measure(|| Box::new(42u64));
    println!(
        "Box::new(42u64): {} allocation of {} bytes, value {boxed}",
        stats.allocs, stats.bytes_allocated
    );

    let stats = list_allocations();
    println!(
        "recursive enum List (size_of::<List>() = {} bytes): Cons(1, Cons(2, Cons(3, Nil))) made {} allocations, {} bytes",
        size_of::<List>(),
        stats.allocs,
        stats.bytes_allocated
    );

    let shapes: Vec<Box<dyn Shape>> = vec![Box::new(Square(2.0)), Box::new(Circle(1.0))];
    let total: f64 = shapes.iter().map(|s| s.area()).sum();
    println!(
        "Box<dyn Shape> is a fat pointer ({} bytes): total area of a 2×2 square and a unit circle = {total:.3}",
        size_of::<Box<dyn Shape>>()
    );
}

// ---- 2. Rc and Weak -------------------------------------------------------

/// A node that points to another, strongly: two of them make a cycle.
struct StrongNode {
    _payload: [u8; 64],
    next: RefCell<Option<Rc<StrongNode>>>,
}

/// The same node, pointing back weakly.
struct WeakNode {
    _payload: [u8; 64],
    next: RefCell<Option<Weak<WeakNode>>>,
}

/// Builds two nodes that point at each other with `Rc`, drops both
/// handles, and returns what the allocator saw: the bytes stay live.
pub(crate) fn rc_cycle() -> Stats {
    let ((), stats) = measure(|| {
        let a = Rc::new(StrongNode {
            _payload: [0; 64],
            next: RefCell::new(None),
        });
        let b = Rc::new(StrongNode {
            _payload: [1; 64],
            next: RefCell::new(Some(Rc::clone(&a))),
        });
        *a.next.borrow_mut() = Some(Rc::clone(&b));
        drop(a);
        drop(b);
    });
    stats
}

/// The fix: the back edge is a `Weak`, so dropping both handles frees both
/// nodes.
pub(crate) fn weak_fix() -> Stats {
    let ((), stats) = measure(|| {
        let a = Rc::new(WeakNode {
            _payload: [0; 64],
            next: RefCell::new(None),
        });
        let b = Rc::new(WeakNode {
            _payload: [1; 64],
            next: RefCell::new(Some(Rc::downgrade(&a))),
        });
        *a.next.borrow_mut() = Some(Rc::downgrade(&b));
        assert!(b.next.borrow().as_ref().and_then(Weak::upgrade).is_some());
        drop(a);
        assert!(b.next.borrow().as_ref().and_then(Weak::upgrade).is_none());
        drop(b);
    });
    stats
}

/// The guide's tree: children owned with `Rc`, the parent seen through a
/// `Weak`.
struct FamilyNode {
    value: i32,
    parent: RefCell<Weak<FamilyNode>>,
    children: RefCell<Vec<Rc<FamilyNode>>>,
}

fn rc_and_weak() {
    heading(2, "Rc and Weak");
    let shared = Rc::new(String::from("shared"));
    println!("Rc::new: strong = {}", Rc::strong_count(&shared));
    let second = Rc::clone(&shared);
    println!("after one clone: strong = {}", Rc::strong_count(&shared));
    let weak = Rc::downgrade(&shared);
    println!(
        "after a downgrade: strong = {}, weak = {}",
        Rc::strong_count(&shared),
        Rc::weak_count(&shared)
    );
    drop(second);
    println!(
        "after dropping the clone: strong = {}",
        Rc::strong_count(&shared)
    );
    drop(shared);
    println!(
        "after dropping the last Rc: the Weak upgrades to {:?}",
        weak.upgrade()
    );

    let cycle = rc_cycle();
    println!(
        "pitfall, an Rc cycle: 2 nodes linked both ways, both handles dropped: {} bytes still live in {} blocks (leaked)",
        cycle.live_bytes(),
        cycle.live_blocks()
    );
    let fixed = weak_fix();
    println!(
        "the fix, the back edge as Weak: {} bytes live after both handles drop ({} allocated, {} freed)",
        fixed.live_bytes(),
        fixed.bytes_allocated,
        fixed.bytes_freed
    );

    let leaf = Rc::new(FamilyNode {
        value: 3,
        parent: RefCell::new(Weak::new()),
        children: RefCell::new(Vec::new()),
    });
    {
        let branch = Rc::new(FamilyNode {
            value: 5,
            parent: RefCell::new(Weak::new()),
            children: RefCell::new(vec![Rc::clone(&leaf)]),
        });
        *leaf.parent.borrow_mut() = Rc::downgrade(&branch);
        let parent_value = leaf.parent.borrow().upgrade().map(|p| p.value);
        println!(
            "tree: leaf {} has parent {:?}; branch strong = {}, weak = {}; leaf strong = {}",
            leaf.value,
            parent_value,
            Rc::strong_count(&branch),
            Rc::weak_count(&branch),
            Rc::strong_count(&leaf)
        );
        println!(
            "branch has {} child; dropping the branch now",
            branch.children.borrow().len()
        );
    }
    println!(
        "after the branch drops: leaf's parent = {:?}, leaf strong = {}",
        leaf.parent.borrow().upgrade().map(|p| p.value),
        Rc::strong_count(&leaf)
    );
}

// ---- 3. Arc, Mutex and RwLock across threads -----------------------------

fn arc_mutex_rwlock() {
    heading(3, "Arc and Mutex across threads, with RwLock");
    let counter = Arc::new(Mutex::new(0u64));
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let counter = Arc::clone(&counter);
            thread::spawn(move || {
                for _ in 0..1000 {
                    *counter
                        .lock()
                        .expect("tour: the counter lock is never poisoned") += 1;
                }
            })
        })
        .collect();
    for handle in handles {
        handle.join().expect("tour: a counting thread panicked");
    }
    println!(
        "4 threads × 1000 increments through Arc<Mutex<u64>>: {}",
        counter
            .lock()
            .expect("tour: the counter lock is never poisoned")
    );

    let config = Arc::new(RwLock::new(String::from("v1")));
    let readers: Vec<_> = (0..3)
        .map(|_| {
            let config = Arc::clone(&config);
            thread::spawn(move || {
                config
                    .read()
                    .expect("tour: the config lock is never poisoned")
                    .len()
            })
        })
        .collect();
    let lengths: Vec<usize> = readers
        .into_iter()
        .map(|r| r.join().expect("tour: a reader thread panicked"))
        .collect();
    config
        .write()
        .expect("tour: the config lock is never poisoned")
        .push_str("-updated");
    println!(
        "3 RwLock readers at once read lengths {lengths:?}; one writer then made it {:?}",
        config
            .read()
            .expect("tour: the config lock is never poisoned")
    );

    let rc = Rc::new(0u64);
    let rc_ns = ns_per_op(TIMED_OPS, |_| {
        black_box(Rc::clone(black_box(&rc)));
    });
    let arc = Arc::new(0u64);
    let arc_ns = ns_per_op(TIMED_OPS, |_| {
        black_box(Arc::clone(black_box(&arc)));
    });
    println!(
        "clone + drop, measured: Rc {rc_ns:.2} ns, Arc {arc_ns:.2} ns ({:.1}×); the guide: Rc about 1 ns, Arc 2–3 ns",
        arc_ns / rc_ns
    );
}

// ---- 4. Cell and RefCell --------------------------------------------------

/// 100 pushes into a `Vec` held in a `Cell`. Misused (`clone_each`), each
/// update clones the vector out, as if `Cell` were for `Copy` values only;
/// fixed, each update `take`s it out and puts it back.
pub(crate) fn cell_updates(clone_each: bool) -> Stats {
    let cell = Cell::new(Vec::<u32>::new());
    let ((), stats) = measure(|| {
        for i in 0..100 {
            let mut v = cell.take();
            if clone_each {
                let mut copy = v.clone();
                copy.push(i);
                cell.set(copy);
            } else {
                v.push(i);
                cell.set(v);
            }
        }
    });
    assert_eq!(cell.take().len(), 100);
    stats
}

fn cell_and_refcell() {
    heading(4, "Cell and RefCell");
    let hits = Cell::new(0u32);
    hits.set(hits.get() + 1);
    println!("Cell<u32>: get and set, no borrow: {}", hits.get());

    let log = RefCell::new(vec!["start"]);
    log.borrow_mut().push("step");
    println!("RefCell<Vec>: borrow_mut, then borrow: {:?}", log.borrow());

    let first = log.borrow_mut();
    let second = log.try_borrow_mut();
    println!(
        "pitfall, a second borrow_mut while the first is alive: try_borrow_mut gives {:?}",
        second.as_ref().map(|_| ()).map_err(ToString::to_string)
    );
    drop(second);
    // The default hook would print the panic and a backtrace to stderr;
    // the tour prints the caught message instead.
    let hook = panic::take_hook();
    panic::set_hook(Box::new(|_| {}));
    let caught = panic::catch_unwind(AssertUnwindSafe(|| {
        let _again = log.borrow_mut();
    }));
    panic::set_hook(hook);
    drop(first);
    let message = caught
        .err()
        .and_then(|payload| {
            payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        })
        .unwrap_or_default();
    println!("and borrow_mut itself panics, caught with catch_unwind: {message:?}");

    println!("pitfall, Cell with a non-Copy value: Cell<Vec<u32>>::get does not compile");
    let misuse = cell_updates(true);
    let fix = cell_updates(false);
    println!(
        "100 pushes, cloning the Vec out each time: {} allocations; with take/set: {} (the Vec's own growth)",
        misuse.new_memory(),
        fix.new_memory()
    );
    let slot = Cell::new(String::from("old"));
    let previous = slot.replace(String::from("new"));
    println!(
        "Cell::replace hands back the old value: {previous:?}, now {:?}",
        slot.take()
    );
}

// ---- 5. Cow ---------------------------------------------------------------

/// The guide's `Cow` function: strips spaces, allocating only if there are
/// any.
pub(crate) fn remove_spaces(input: &str) -> Cow<'_, str> {
    if input.contains(' ') {
        Cow::Owned(input.replace(' ', ""))
    } else {
        Cow::Borrowed(input)
    }
}

/// `remove_spaces` on `input`: whether the result borrowed, and the
/// allocations it made.
pub(crate) fn cow_figures(input: &str) -> (bool, Stats) {
    let (out, stats) = measure(|| remove_spaces(input));
    (matches!(out, Cow::Borrowed(_)), stats)
}

fn cow() {
    heading(
        5,
        "Cow: borrowed when nothing changes, owned when something does",
    );
    for input in ["no_spaces_here", "a b c"] {
        let (borrowed, stats) = cow_figures(input);
        println!(
            "remove_spaces({input:?}): {} with {} allocations ({} bytes)",
            if borrowed { "Borrowed" } else { "Owned" },
            stats.new_memory(),
            stats.bytes_allocated
        );
    }
}

// ---- 6. Each memkit crate -------------------------------------------------

/// Splits and freezes a `BytesMut` from `with_capacity`, clones the
/// frozen half: the allocations after the first buffer.
pub(crate) fn bytes_split_freeze() -> Stats {
    let mut buf = BytesMut::with_capacity(64);
    buf.put_slice(b"GET / HTTP/1.1\r\nHost: a\r\n\r\n");
    let start = buf.as_ptr();
    let ((head, copy), stats) = measure(|| {
        let head: Bytes = buf.split_to(16).freeze();
        let copy = head.clone();
        (head, copy)
    });
    assert_eq!(head.as_ptr(), start);
    assert_eq!(copy, &b"GET / HTTP/1.1\r\n"[..]);
    stats
}

/// A steady read → split → freeze → drop loop on a `BytesPool`, after one
/// warm-up round: the allocations of `rounds` rounds.
pub(crate) fn pool_steady_state(rounds: usize) -> Stats {
    let pool = BytesPool::new(4);
    let round = |pool: &BytesPool| {
        let mut buf = pool.get(4096);
        buf.put_slice(b"GET /index.html HTTP/1.1\r\n\r\n");
        let frame = buf.split().freeze();
        black_box(&frame);
        drop((buf, frame));
    };
    round(&pool);
    let ((), stats) = measure(|| {
        for _ in 0..rounds {
            round(&pool);
        }
    });
    assert_eq!(pool.pooled(), 1);
    stats
}

/// The guide's connection, kept in a `Slab`.
#[derive(Debug)]
struct Connection {
    peer_port: u16,
    requests: u32,
}

/// The guide's event-loop `Server`: connections in a `Slab`, addressed by
/// the key `accept` returns.
#[derive(Debug)]
struct Server {
    connections: Slab<Connection>,
}

impl Server {
    fn with_capacity(capacity: usize) -> Server {
        Server {
            connections: Slab::with_capacity(capacity),
        }
    }

    fn accept(&mut self, peer_port: u16) -> usize {
        self.connections.insert(Connection {
            peer_port,
            requests: 0,
        })
    }

    fn on_request(&mut self, key: usize) {
        if let Some(connection) = self.connections.get_mut(key) {
            connection.requests += 1;
        }
    }

    fn close(&mut self, key: usize) -> Option<Connection> {
        self.connections.try_remove(key)
    }
}

/// 1000 connections accepted, served and closed on a `Server` sized for 16:
/// the allocations of that churn.
pub(crate) fn slab_server_churn() -> Stats {
    let mut server = Server::with_capacity(16);
    let ((), stats) = measure(|| {
        for port in 0..1000u16 {
            let key = server.accept(port);
            server.on_request(key);
            let closed = server
                .close(key)
                .expect("tour: the connection was just accepted");
            assert_eq!((closed.peer_port, closed.requests), (port, 1));
        }
    });
    stats
}

/// 1M `u64`s in `Box`es and in a `Bump`, each kept alive then freed: the
/// times in ms and the allocations.
pub(crate) fn box_vs_bump(count: u64) -> ((f64, Stats), (f64, Stats)) {
    let mut boxes: Vec<Box<u64>> = Vec::with_capacity(count as usize);
    let start = Instant::now();
    let ((), box_stats) = measure(|| {
        for i in 0..count {
            boxes.push(Box::new(black_box(i)));
        }
        black_box(&boxes);
        boxes.clear();
    });
    let box_ms = millis(start);

    let mut bump = Bump::with_capacity(count as usize * 8 + 64);
    let mut keep: Vec<&u64> = Vec::with_capacity(count as usize);
    let start = Instant::now();
    let ((), bump_stats) = measure(|| {
        for i in 0..count {
            keep.push(bump.alloc(black_box(i)));
        }
        black_box(&keep);
        keep.clear();
    });
    bump.reset();
    let bump_ms = millis(start);
    ((box_ms, box_stats), (bump_ms, bump_stats))
}

fn memkit_crates() {
    heading(6, "Each memkit crate");
    let stats = bytes_split_freeze();
    println!(
        "bytes: split_to(16).freeze() and a clone of a with_capacity buffer: zero-copy (same address), {} allocations",
        stats.new_memory()
    );
    let rounds = 1000;
    let stats = pool_steady_state(rounds);
    println!(
        "bytes: BytesPool, {rounds} rounds of get → put → split → freeze → drop after warm-up: {} allocations",
        stats.new_memory()
    );

    let ((box_ms, box_stats), (bump_ms, bump_stats)) = box_vs_bump(MILLION);
    println!(
        "arena: 1M u64 allocations: Box {box_ms:.1} ms ({} allocations), Bump {bump_ms:.1} ms ({} allocations): {:.1}× faster; the guide: about 10× (5 ms against 50 ms)",
        box_stats.new_memory(),
        bump_stats.new_memory(),
        box_ms / bump_ms
    );

    let mut server = Server::with_capacity(16);
    let a = server.accept(40_001);
    let b = server.accept(40_002);
    server.on_request(b);
    server.close(a);
    let c = server.accept(40_003);
    println!(
        "slab: the guide's Server: keys {a} and {b} accepted, {a} closed, the next accept reuses key {c}; {} open",
        server.connections.len()
    );
    let stats = slab_server_churn();
    println!(
        "slab: 1000 accept → request → close cycles on a Server sized for 16: {} allocations",
        stats.new_memory()
    );
    cache_tour();
    tree_stale_id();
    codec_tour();
}

/// An `LruCache` of 2 and an S3-FIFO `Cache` of 2: what each keeps after
/// a one-hit scan.
fn cache_tour() {
    let mut lru = LruCache::new(std::num::NonZeroUsize::new(2).expect("tour: 2 is not zero"));
    lru.put("a", 1);
    lru.put("b", 2);
    lru.get(&"a");
    lru.put("c", 3);
    println!(
        "cache: LruCache of 2 after a, b, get a, c: b evicted ({:?}), a and c kept",
        lru.peek(&"b")
    );
    let mut cache: Cache<u64, u64> = Cache::new(100);
    for key in 0..100 {
        cache.insert(key, key);
    }
    for _ in 0..3 {
        for key in 0..20 {
            black_box(cache.get(&key));
        }
    }
    for key in 1000..1100 {
        cache.insert(key, key);
    }
    let kept = (0..20).filter(|key| cache.peek(key).is_some()).count();
    println!(
        "cache: S3-FIFO Cache of 100 with 20 hot keys, then a scan of 100 new keys: {kept} of the 20 hot keys kept; stats {:?}",
        cache.stats()
    );
}

/// A three-node tree in one arena; removing a subtree frees its nodes and
/// leaves their ids stale. Returns whether the stale id still resolves.
pub(crate) fn tree_stale_id() -> bool {
    let mut arena = Arena::new();
    let root = arena.new_node("src");
    let lib = arena.new_node("lib.rs");
    let raw = arena.new_node("raw.rs");
    root.append(lib, &mut arena);
    root.append(raw, &mut arena);
    let children: Vec<&str> = root.children(&arena).map(|id| *arena[id].get()).collect();
    let parent = arena[raw].parent().map(|id| *arena[id].get());
    raw.remove_subtree(&mut arena);
    let reused = arena.new_node("new.rs");
    println!(
        "tree: src's children {children:?}, raw.rs's parent {parent:?} without a Weak; after removing raw.rs and adding {:?}, raw.rs's id resolves to {:?}; a NodeId is {} bytes",
        arena[reused].get(),
        arena.get(raw).map(|n| *n.get()),
        size_of::<NodeId>()
    );
    arena.get(raw).is_some()
}

/// Decodes one request head with `memkit::codec::http`, fed in reads of
/// `read_size` bytes; returns the head and the reads it took.
pub(crate) fn codec_head(request: &[u8], read_size: usize) -> (RequestHead, usize) {
    let mut decoder = RequestDecoder::new();
    let mut buf = BytesMut::with_capacity(request.len());
    for (reads, chunk) in request.chunks(read_size).enumerate() {
        buf.extend_from_slice(chunk);
        let frame = decoder
            .decode(&mut buf)
            .expect("tour: the sample request is valid HTTP/1.1");
        if let Some(RequestFrame::Head(head)) = frame {
            return (head, reads + 1);
        }
    }
    panic!(
        "tour: codec_head: no head in {} bytes read {read_size} at a time",
        request.len()
    );
}

fn codec_tour() {
    let request = b"GET /index.html HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\n\r\n";
    let (head, reads) = codec_head(request, request.len());
    let host = head.header("host").unwrap_or_default();
    let bytes = head.as_bytes().as_ref().as_ptr_range();
    println!(
        "codec: {} {} with Host {:?} and keep-alive {}, decoded in {reads} read; the Host value is a view into the head's bytes: {}",
        head.method(),
        head.target(),
        String::from_utf8_lossy(host),
        head.keep_alive(),
        bytes.contains(&host.as_ptr())
    );
}

// ---- 7. The guide's scenarios beside memkit's -----------------------------

/// The guide's network buffer: appends each read, then looks for the end of
/// the head with `windows(4)` from the start of the buffer, every time.
#[derive(Debug, Default)]
pub(crate) struct HttpParser {
    buffer: BytesMut,
    /// Four-byte windows compared so far, over all reads.
    pub(crate) windows_compared: u64,
}

impl HttpParser {
    /// Appends `data`; returns the head once `\r\n\r\n` has arrived.
    pub(crate) fn feed(&mut self, data: &[u8]) -> Option<Bytes> {
        self.buffer.extend_from_slice(data);
        let found = self.buffer.windows(4).position(|w| w == b"\r\n\r\n");
        let compared = found.map_or(self.buffer.len().saturating_sub(3), |at| at + 1);
        self.windows_compared += compared as u64;
        found.map(|at| self.buffer.split_to(at + 4).freeze())
    }
}

/// A request whose head is `fields` header lines long, about 64 bytes
/// each.
pub(crate) fn sample_request(fields: usize) -> Vec<u8> {
    let mut request = b"GET /search?q=memkit HTTP/1.1\r\nHost: example.com\r\n".to_vec();
    for i in 0..fields {
        request.extend_from_slice(
            format!("X-Field-{i:02}: abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnop\r\n")
                .as_bytes(),
        );
    }
    request.extend_from_slice(b"\r\n");
    request
}

/// The guide's parser fed `request` one byte per read: the head and the
/// parser (for its window count).
pub(crate) fn guide_head_one_byte_reads(request: &[u8]) -> (Bytes, HttpParser) {
    let mut parser = HttpParser::default();
    for byte in request {
        if let Some(head) = parser.feed(std::slice::from_ref(byte)) {
            return (head, parser);
        }
    }
    panic!(
        "tour: guide_head_one_byte_reads: no head in {} bytes",
        request.len()
    );
}

fn http_scenario() {
    let request = sample_request(60);
    let start = Instant::now();
    let (guide_head, parser) = guide_head_one_byte_reads(&request);
    let guide_ms = millis(start);
    let start = Instant::now();
    let (codec_head, reads) = codec_head(&request, 1);
    let codec_ms = millis(start);
    assert_eq!(guide_head.len(), codec_head.as_bytes().len());
    println!(
        "HTTP head of {} bytes in 1-byte reads: the guide's HttpParser compared {} windows in {guide_ms:.2} ms (O(n²)); memkit::codec::http took {reads} reads in {codec_ms:.2} ms, each byte scanned once ({:.0}× faster)",
        request.len(),
        parser.windows_compared,
        guide_ms / codec_ms
    );
}

/// `count` distinct-enough pseudo-random keys, the same on every run.
pub(crate) fn bst_keys(count: usize) -> Vec<u64> {
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    (0..count)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % 1_000_000_007
        })
        .collect()
}

/// The guide's binary search tree node, shared and mutated through
/// `Rc<RefCell<…>>`.
struct TreeNode {
    key: u64,
    left: Option<Rc<RefCell<TreeNode>>>,
    right: Option<Rc<RefCell<TreeNode>>>,
}

/// The guide's BST: `Rc<RefCell<TreeNode>>` links.
#[derive(Default)]
pub(crate) struct RcBst {
    root: Option<Rc<RefCell<TreeNode>>>,
}

impl RcBst {
    /// Inserts `key` unless present; walks down with a loop.
    pub(crate) fn insert(&mut self, key: u64) {
        let Some(mut node) = self.root.clone() else {
            self.root = Some(Rc::new(RefCell::new(TreeNode {
                key,
                left: None,
                right: None,
            })));
            return;
        };
        loop {
            let next = {
                let mut current = node.borrow_mut();
                if key == current.key {
                    return;
                }
                let link = if key < current.key {
                    &mut current.left
                } else {
                    &mut current.right
                };
                match link {
                    Some(child) => Rc::clone(child),
                    None => {
                        *link = Some(Rc::new(RefCell::new(TreeNode {
                            key,
                            left: None,
                            right: None,
                        })));
                        return;
                    }
                }
            };
            node = next;
        }
    }

    /// The keys in order, walked with an explicit stack.
    pub(crate) fn in_order(&self) -> Vec<u64> {
        let mut keys = Vec::new();
        let mut stack = Vec::new();
        let mut current = self.root.clone();
        while current.is_some() || !stack.is_empty() {
            while let Some(node) = current {
                current = node.borrow().left.clone();
                stack.push(node);
            }
            if let Some(node) = stack.pop() {
                keys.push(node.borrow().key);
                current = node.borrow().right.clone();
            }
        }
        keys
    }
}

/// A BST entry in `memkit::tree`: the key and which child is which (the
/// arena keeps parent and sibling links).
#[derive(Debug)]
pub(crate) struct BstEntry {
    key: u64,
    left: Option<NodeId>,
    right: Option<NodeId>,
}

/// The same BST with its nodes in one `memkit::tree::Arena`.
#[derive(Debug, Default)]
pub(crate) struct ArenaBst {
    arena: Arena<BstEntry>,
    root: Option<NodeId>,
}

impl ArenaBst {
    /// Inserts `key` unless present.
    pub(crate) fn insert(&mut self, key: u64) {
        let entry = BstEntry {
            key,
            left: None,
            right: None,
        };
        let Some(mut id) = self.root else {
            self.root = Some(self.arena.new_node(entry));
            return;
        };
        loop {
            let node = self.arena[id].get();
            if key == node.key {
                return;
            }
            let next = if key < node.key {
                node.left
            } else {
                node.right
            };
            match next {
                Some(child) => id = child,
                None => {
                    let child = self.arena.new_node(entry);
                    id.append(child, &mut self.arena);
                    let parent = self.arena[id].get_mut();
                    if key < parent.key {
                        parent.left = Some(child);
                    } else {
                        parent.right = Some(child);
                    }
                    return;
                }
            }
        }
    }

    /// The keys in order, walked with an explicit stack.
    pub(crate) fn in_order(&self) -> Vec<u64> {
        let mut keys = Vec::new();
        let mut stack = Vec::new();
        let mut current = self.root;
        while current.is_some() || !stack.is_empty() {
            while let Some(id) = current {
                current = self.arena[id].get().left;
                stack.push(id);
            }
            if let Some(id) = stack.pop() {
                let entry = self.arena[id].get();
                keys.push(entry.key);
                current = entry.right;
            }
        }
        keys
    }
}

/// Inserts `keys` into the guide's BST and into the arena BST: each tree
/// with the milliseconds and allocations its inserts took.
pub(crate) fn bst_inserts(keys: &[u64]) -> ((RcBst, f64, Stats), (ArenaBst, f64, Stats)) {
    let mut rc = RcBst::default();
    let start = Instant::now();
    let ((), rc_stats) = measure(|| keys.iter().for_each(|&k| rc.insert(k)));
    let rc_ms = millis(start);
    let mut arena = ArenaBst::default();
    let start = Instant::now();
    let ((), arena_stats) = measure(|| keys.iter().for_each(|&k| arena.insert(k)));
    let arena_ms = millis(start);
    ((rc, rc_ms, rc_stats), (arena, arena_ms, arena_stats))
}

fn tree_scenario() {
    let keys = bst_keys(100_000);
    let ((rc, rc_ms, rc_stats), (arena, arena_ms, arena_stats)) = bst_inserts(&keys);
    let nodes = rc.in_order().len();
    assert_eq!(arena.in_order().len(), nodes);
    println!(
        "BST, 100k inserts ({nodes} distinct keys): the guide's Rc<RefCell<TreeNode>> {rc_ms:.1} ms, {} allocations, {} bytes live at the peak; memkit::tree {arena_ms:.1} ms, {} allocations, {} bytes live at the peak",
        rc_stats.new_memory(),
        rc_stats.peak_live_bytes,
        arena_stats.new_memory(),
        arena_stats.peak_live_bytes
    );
}

/// The guide's cache: values handed out as `Rc<RefCell<V>>` from a
/// `HashMap`. The map keeps no order, so a queue of keys in insertion
/// order names the entry to evict when the cache is full.
#[derive(Debug)]
pub(crate) struct GuideCache<V> {
    map: HashMap<u64, Rc<RefCell<V>>>,
    order: VecDeque<u64>,
    capacity: usize,
}

impl<V> GuideCache<V> {
    /// An empty cache of at most `capacity` entries, its room allocated.
    pub(crate) fn with_capacity(capacity: usize) -> GuideCache<V> {
        GuideCache {
            map: HashMap::with_capacity(capacity),
            order: VecDeque::with_capacity(capacity),
            capacity,
        }
    }

    /// A shared handle to the value of `key`.
    pub(crate) fn get(&self, key: u64) -> Option<Rc<RefCell<V>>> {
        self.map.get(&key).cloned()
    }

    /// Inserts `key`, evicting the oldest entry if the cache is full.
    pub(crate) fn insert(&mut self, key: u64, value: V) {
        if self.map.len() == self.capacity
            && let Some(oldest) = self.order.pop_front()
        {
            self.map.remove(&oldest);
        }
        if self.map.insert(key, Rc::new(RefCell::new(value))).is_none() {
            self.order.push_back(key);
        }
    }
}

/// A cached value: 64 bytes.
type Payload = [u8; 64];

/// `len` requests over keys `0..universe`, Zipf-distributed with exponent
/// `alpha`, the same on every run.
pub(crate) fn zipf_trace(universe: usize, len: usize, alpha: f64) -> Vec<u64> {
    let mut cdf = Vec::with_capacity(universe);
    let mut total = 0.0;
    for rank in 1..=universe {
        total += 1.0 / (rank as f64).powf(alpha);
        cdf.push(total);
    }
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let u = (state >> 11) as f64 / (1u64 << 53) as f64 * total;
            cdf.partition_point(|&c| c < u) as u64
        })
        .collect()
}

/// Heap bytes per entry of a full cache of `entries` entries: the guide's
/// and memkit's.
pub(crate) fn cache_bytes_per_entry(entries: usize) -> (u64, u64) {
    let (guide, guide_stats) = measure(|| {
        let mut cache = GuideCache::with_capacity(entries);
        for key in 0..entries as u64 {
            cache.insert(key, [0u8; 64]);
        }
        cache
    });
    let (memkit, memkit_stats) = measure(|| {
        let mut cache: Cache<u64, Payload> = Cache::new(entries);
        for key in 0..entries as u64 {
            cache.insert(key, [0u8; 64]);
        }
        cache
    });
    drop((guide, memkit));
    let per_entry = |stats: Stats| stats.live_bytes().unsigned_abs() / entries as u64;
    (per_entry(guide_stats), per_entry(memkit_stats))
}

/// Hit ratios of the guide's cache and of `memkit::cache::Cache` on
/// `trace`, each holding as many entries as fit in `budget` heap bytes;
/// returns the capacities and the ratios.
pub(crate) fn cache_hit_ratios(trace: &[u64], budget: u64) -> ((usize, f64), (usize, f64)) {
    let (guide_bytes, memkit_bytes) = cache_bytes_per_entry(1000);
    let guide_capacity = (budget / guide_bytes) as usize;
    let memkit_capacity = (budget / memkit_bytes) as usize;

    let mut guide: GuideCache<Payload> = GuideCache::with_capacity(guide_capacity);
    let mut guide_hits = 0u64;
    for &key in trace {
        if let Some(value) = guide.get(key) {
            black_box(value.borrow()[0]);
            guide_hits += 1;
        } else {
            guide.insert(key, [key as u8; 64]);
        }
    }
    let mut memkit: Cache<u64, Payload> = Cache::new(memkit_capacity);
    let mut memkit_hits = 0u64;
    for &key in trace {
        if let Some(value) = memkit.get(&key) {
            black_box(value[0]);
            memkit_hits += 1;
        } else {
            memkit.insert(key, [key as u8; 64]);
        }
    }
    let ratio = |hits: u64| hits as f64 / trace.len() as f64;
    (
        (guide_capacity, ratio(guide_hits)),
        (memkit_capacity, ratio(memkit_hits)),
    )
}

fn cache_scenario() {
    const BUDGET: u64 = 1 << 20;
    let trace = zipf_trace(100_000, 500_000, 1.0);
    let (guide_bytes, memkit_bytes) = cache_bytes_per_entry(1000);
    let ((guide_capacity, guide_ratio), (memkit_capacity, memkit_ratio)) =
        cache_hit_ratios(&trace, BUDGET);
    println!(
        "cache, Zipf α = 1.0 over 100k keys, 500k requests, 64-byte values, 1 MiB of heap: the guide's HashMap<K, Rc<RefCell<V>>> {guide_bytes} B/entry, {guide_capacity} entries, hit ratio {:.1}%; memkit::cache::Cache (S3-FIFO) {memkit_bytes} B/entry, {memkit_capacity} entries, hit ratio {:.1}%",
        guide_ratio * 100.0,
        memkit_ratio * 100.0
    );
}

fn scenarios() {
    heading(7, "The guide's scenarios beside memkit's");
    tree_scenario();
    cache_scenario();
    http_scenario();
}

// ---- 8. The overused-Arc pitfall ------------------------------------------

fn overused_arc() {
    heading(
        8,
        "The overused-Arc pitfall: Arc<Mutex> where Rc<RefCell> serves",
    );
    let rc = Rc::new(RefCell::new(0u64));
    let rc_ns = ns_per_op(TIMED_OPS, |i| {
        let handle = Rc::clone(black_box(&rc));
        *handle.borrow_mut() += black_box(i) & 1;
    });
    let arc = Arc::new(Mutex::new(0u64));
    let arc_ns = ns_per_op(TIMED_OPS, |i| {
        let handle = Arc::clone(black_box(&arc));
        *handle
            .lock()
            .expect("tour: the single-threaded lock is never poisoned") += black_box(i) & 1;
    });
    println!(
        "one thread, clone a handle and update through it: Rc<RefCell> {rc_ns:.2} ns, Arc<Mutex> {arc_ns:.2} ns ({:.1}×) for the same result",
        arc_ns / rc_ns
    );
}
