//! The guide this toolkit was built from, run end to end: ownership and
//! `Box`, `Rc` and `Weak`, `Arc` with `Mutex` and `RwLock`, `Cell` and
//! `RefCell`, `Cow`, each memkit crate, and the pitfalls, measured.
//!
//! Run it with `cargo run --release --example tour -p memkit`. Everything it
//! prints is deterministic except the timings.

use memkit::alloc::CountingAlloc;

#[path = "tour/sections.rs"]
mod sections;

#[global_allocator]
static GLOBAL: CountingAlloc = CountingAlloc::system();

fn main() {
    println!("memkit tour: the guide end to end (allocations counted with memkit::alloc)");
    sections::run();
}
