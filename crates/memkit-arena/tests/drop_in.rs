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

/// bumpalo 3.20 API that memkit-arena added later, written as a bumpalo
/// user would. The same body compiles against bumpalo 3.20.4 itself.
#[expect(
    clippy::op_ref,
    clippy::cmp_owned,
    reason = "the comparisons exercise the `PartialEq<&mut [B; N]>` and `PartialEq<std String>` impls on purpose"
)]
fn bumpalo_surface(bump: &Bump) -> std::vec::Vec<std::string::String> {
    use std::any::Any;
    use std::borrow::Cow;
    use std::pin::Pin;

    use bumpalo::boxed::Box;
    use bumpalo::collections::CollectionAllocErr;

    let mut out = std::vec::Vec::new();

    // Vec: drain_filter finishes its pass when dropped.
    let mut v = bumpalo::vec![in bump; 1, 2, 3, 4, 5, 6];
    let mut evens = v.drain_filter(|x| *x % 2 == 0);
    let first = evens.next();
    drop(evens);
    out.push(std::format!("{first:?} {:?}", v.as_slice()));
    assert!(v == &mut [1, 3, 5]);
    // Statements that rely on `Drop` build without an unused-value warning.
    let mut w = bumpalo::vec![in bump; 1, 2, 3, 4];
    w.drain(..1);
    w.drain_filter(|x| *x == 3);
    let mut t = String::from_str_in("xyz", bump);
    t.drain(..1);
    out.push(std::format!("{:?} {t}", w.as_slice()));
    AsMut::<Vec<'_, i32>>::as_mut(&mut v).push(7);
    let boxed: Box<'_, [i32]> = v.into();
    out.push(std::format!("{:?}", &*boxed));
    let e: CollectionAllocErr = std::alloc::Layout::array::<u64>(usize::MAX)
        .unwrap_err()
        .into();
    out.push(std::format!("{e:?}"));

    // String.
    let mut s = String::from_str_in("a", bump) + "b";
    s += "c";
    s.extend([Cow::Borrowed("d")]);
    s.extend([std::string::String::from("e")]);
    s.extend(['f'].iter());
    assert!(s == std::string::String::from("abcdef"));
    assert!(Cow::Borrowed("abcdef") == s);
    out.push(s[1..3].to_owned());
    let mut parts = std::mem::ManuallyDrop::new(s);
    // SAFETY: the parts of a forgotten string of `bump`.
    let s = unsafe {
        let ptr = parts.as_mut_vec().as_mut_ptr();
        String::from_raw_parts_in(ptr, parts.len(), parts.capacity(), bump)
    };
    out.push(s.as_str().to_owned());

    // Box.
    let raw = Box::into_raw(Box::new_in(5u8, bump)) as *mut dyn Any;
    // SAFETY: `raw` came from `into_raw`.
    let any: Box<'_, dyn Any> = unsafe { Box::from_raw(raw) };
    out.push(std::format!(
        "{}",
        any.downcast::<u8>().map(|b| *b).unwrap_or(0)
    ));
    let slice: Box<'_, [u8]> = Box::new_in([1, 2], bump).into();
    let arr: Result<Box<'_, [u8; 2]>, _> = slice.try_into();
    out.push(std::format!("{:?}", arr.map(|a| *a).ok()));
    let pinned: Pin<Box<'_, u8>> = Box::new_in(3, bump).into();
    out.push(pinned.to_string());
    out.push(std::format!("{:?}", &*Box::from_iter_in(0..3u8, bump)));
    let empty: Box<'_, str> = Default::default();
    out.push(empty.to_string());
    fn shorten<'a, 'b>(b: Box<'a, &'static str>) -> Box<'a, &'b str> {
        b
    }
    out.push(shorten(Box::new_in("covariant", bump)).to_string());
    out
}

#[test]
fn later_bumpalo_api_builds_and_runs() {
    let bump = Bump::new();
    assert_eq!(
        bumpalo_surface(&bump),
        [
            "Some(2) [1, 3, 5]",
            "[2, 4] yz",
            "[1, 3, 5, 7]",
            "CapacityOverflow",
            "bc",
            "abcdef",
            "5",
            "Some([1, 2])",
            "3",
            "[0, 1, 2]",
            "",
            "covariant",
        ]
    );
}

#[cfg(feature = "serde")]
#[test]
fn serde_impls_exist_for_bumpalo_types() {
    fn is_serialize<T: serde::Serialize + ?Sized>(_: &T) {}
    let bump = Bump::new();
    is_serialize(&bumpalo::vec![in &bump; 1u8]);
    is_serialize(&String::from_str_in("s", &bump));
    is_serialize(&bumpalo::boxed::Box::new_in(1u8, &bump));
}

#[test]
fn typed_arena_iter_mut_is_named() {
    let mut arena = typed_arena::Arena::new();
    arena.alloc_extend(1..=3u32);
    let it: typed_arena::IterMut<'_, u32> = arena.iter_mut();
    for x in it {
        *x *= 2;
    }
    assert_eq!(arena.into_vec(), [2, 4, 6]);
}
