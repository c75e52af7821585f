//! Code written against bumpalo 3 and typed-arena 2, compiled unchanged
//! against memkit-arena through a renamed import.

use memkit_arena as bumpalo;
use memkit_arena as typed_arena;

use bumpalo::Bump;
use bumpalo::collections::{CollectIn, String, Vec};

fn parse<'bump>(bump: &'bump Bump, input: &str) -> Vec<'bump, &'bump str> {
    input
        .split(',')
        .map(|s| &*bump.alloc_str(s.trim()))
        .collect_in(bump)
}

#[test]
fn bumpalo_style_code_builds_and_runs() {
    let mut bump = Bump::new();
    {
        let words = parse(&bump, "a, bb ,ccc");
        assert_eq!(words, ["a", "bb", "ccc"]);
        let v = bumpalo::vec![in &bump; 1u8, 2, 3];
        let s: String<'_> = bumpalo::format!(in &bump, "{}{}", words[0], v.len());
        assert_eq!(s, "a3");
        let b = bumpalo::boxed::Box::new_in(5, &bump);
        assert_eq!(*b, 5);
        let r: Result<&mut u8, bumpalo::AllocOrInitError<()>> = bump.try_alloc_try_with(|| Ok(1));
        assert!(r.is_ok());
        let _: Result<(), bumpalo::collections::CollectionAllocErr> =
            Vec::<u8>::new_in(&bump).try_reserve(1);
    }
    bump.reset();
    let chunks: usize = bump.iter_allocated_chunks().count();
    assert_eq!(chunks, 1);
    let b4 = Bump::<4>::with_min_align_and_capacity(128);
    assert_eq!(b4.min_align(), 4);
}

#[test]
fn typed_arena_style_code_builds_and_runs() {
    struct Node<'a> {
        children: std::cell::RefCell<std::vec::Vec<&'a Node<'a>>>,
        id: u32,
    }
    let arena: typed_arena::Arena<Node<'_>> = typed_arena::Arena::new();
    let root = arena.alloc(Node {
        children: Default::default(),
        id: 0,
    });
    for id in 1..4 {
        let c = arena.alloc(Node {
            children: Default::default(),
            id,
        });
        root.children.borrow_mut().push(c);
    }
    assert_eq!(root.children.borrow().iter().map(|c| c.id).sum::<u32>(), 6);
    assert_eq!(arena.len(), 4);
    let bytes = typed_arena::Arena::<u8>::new();
    assert_eq!(bytes.alloc_str("x"), "x");
}
