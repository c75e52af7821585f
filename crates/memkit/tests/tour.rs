//! The tour's allocation figures, asserted: `examples/tour/sections.rs` is
//! compiled here as a module, under the same counting allocator.

use memkit::alloc::{CountingAlloc, Stats};

#[path = "../examples/tour/sections.rs"]
mod sections;

#[global_allocator]
static GLOBAL: CountingAlloc = CountingAlloc::system();

#[test]
fn rc_cycle_leaks_both_nodes() {
    let stats = sections::rc_cycle();
    assert!(stats.live_bytes() > 0, "{stats:?}");
    assert_eq!(stats.live_blocks(), 2, "{stats:?}");
    assert_eq!(stats.deallocs, 0, "{stats:?}");
}

#[test]
fn weak_fix_leaks_nothing() {
    let stats = sections::weak_fix();
    assert_eq!(stats.allocs, 2, "{stats:?}");
    assert_eq!(stats.live_bytes(), 0, "{stats:?}");
    assert_eq!(stats.live_blocks(), 0, "{stats:?}");
}

#[test]
fn recursive_list_boxes_each_link() {
    let stats = sections::list_allocations();
    assert_eq!(stats.allocs, 3, "{stats:?}");
}

#[test]
fn cow_borrows_unchanged_input_and_allocates_once_for_changed_input() {
    let (borrowed, stats) = sections::cow_figures("no_spaces_here");
    assert!(borrowed);
    assert_eq!(stats, Stats::ZERO);
    let (borrowed, stats) = sections::cow_figures("a b c");
    assert!(!borrowed);
    assert_eq!(stats.new_memory(), 1, "{stats:?}");
    assert_eq!(stats.bytes_allocated, 8, "{stats:?}");
}

#[test]
fn pool_steady_state_allocates_nothing() {
    assert_eq!(sections::pool_steady_state(1000), Stats::ZERO);
}

#[test]
fn split_freeze_and_clone_allocate_nothing() {
    assert_eq!(sections::bytes_split_freeze(), Stats::ZERO);
}

#[test]
fn slab_server_churn_allocates_nothing() {
    assert_eq!(sections::slab_server_churn(), Stats::ZERO);
}

#[test]
fn cell_take_set_allocates_less_than_cloning() {
    let misuse = sections::cell_updates(true);
    let fix = sections::cell_updates(false);
    assert!(misuse.new_memory() >= 100, "{misuse:?}");
    assert!(fix.new_memory() <= 8, "{fix:?}");
}

#[test]
fn box_allocates_per_value_and_bump_not_at_all() {
    let ((_, boxes), (_, bump)) = sections::box_vs_bump(1000);
    assert_eq!(boxes.allocs, 1000, "{boxes:?}");
    assert_eq!(bump, Stats::ZERO);
}

/// Every section runs to the end and prints without panicking.
#[test]
fn the_whole_tour_runs() {
    sections::run();
}

#[test]
fn guide_parser_and_codec_find_the_same_head() {
    let request = sections::sample_request(20);
    let (guide, parser) = sections::guide_head_one_byte_reads(&request);
    let (head, reads) = sections::codec_head(&request, 1);
    assert_eq!(guide, head.as_bytes());
    assert_eq!(reads, request.len());
    assert_eq!(head.target(), "/search?q=memkit");
    // Re-scanning from the start on every read: one window per byte
    // position after the third, summed over every read.
    let n = request.len() as u64;
    assert_eq!(parser.windows_compared, (n - 3) * (n - 2) / 2);
}

#[test]
fn both_bsts_hold_the_same_keys_and_the_rc_tree_allocates_per_node() {
    let keys = sections::bst_keys(10_000);
    let ((rc, _, rc_stats), (arena, _, arena_stats)) = sections::bst_inserts(&keys);
    let mut expected = keys.clone();
    expected.sort_unstable();
    expected.dedup();
    assert_eq!(rc.in_order(), expected);
    assert_eq!(arena.in_order(), expected);
    assert_eq!(rc_stats.allocs, expected.len() as u64, "{rc_stats:?}");
    assert_eq!(rc_stats.reallocs, 0, "{rc_stats:?}");
    // The arena grows by doubling: a handful of calls for 10,000 nodes.
    assert!(arena_stats.new_memory() <= 16, "{arena_stats:?}");
}

#[test]
fn a_removed_tree_node_id_stays_stale() {
    assert!(!sections::tree_stale_id());
}

#[test]
fn memkit_cache_holds_more_and_hits_more_in_the_same_budget() {
    let (guide_bytes, memkit_bytes) = sections::cache_bytes_per_entry(1000);
    assert!(
        memkit_bytes < guide_bytes,
        "{memkit_bytes} >= {guide_bytes}"
    );
    let trace = sections::zipf_trace(10_000, 50_000, 1.0);
    let ((guide_capacity, guide_ratio), (memkit_capacity, memkit_ratio)) =
        sections::cache_hit_ratios(&trace, 64 * 1024);
    assert!(memkit_capacity > guide_capacity);
    assert!(
        memkit_ratio > guide_ratio,
        "{memkit_ratio} <= {guide_ratio}"
    );
}
