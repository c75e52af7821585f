//! [`GenKey`]: an 8-byte generational key for [`GenSlab`](crate::GenSlab).

use core::num::NonZeroU32;

/// The key of a value in a [`GenSlab`](crate::GenSlab): a slot index and the
/// generation of the value in that slot.
///
/// A slot's generation grows every time its value is removed, so a key to a
/// removed value never matches again, even when the slot holds a new value.
/// The generations of stored values are odd, and so is every `GenKey`'s:
/// [`new`](Self::new) and [`from_bits`](Self::from_bits) refuse even ones.
/// `GenSlab` relies on this to check a key with one comparison.
///
/// `GenKey` is 8 bytes, and so is `Option<GenKey>`. Keys order by index,
/// then generation.
///
/// # Examples
///
/// ```
/// use memkit_slab::{GenKey, GenSlab};
///
/// let mut slab = GenSlab::new();
/// let key = slab.insert("v");
/// let bits = key.to_bits();
/// assert_eq!(GenKey::from_bits(bits), Some(key));
/// assert_eq!(size_of::<Option<GenKey>>(), 8);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct GenKey {
    index: u32,
    generation: NonZeroU32,
}

const _: () = assert!(size_of::<GenKey>() == 8);
const _: () = assert!(size_of::<Option<GenKey>>() == 8);

impl GenKey {
    /// A key from its parts; `None` if `generation` is even (no stored
    /// value has an even generation). A key made up this way finds a value
    /// only if the slab holds one at `index` with exactly this `generation`.
    ///
    /// # Examples
    ///
    /// ```
    /// use core::num::NonZeroU32;
    /// use memkit_slab::GenKey;
    ///
    /// let key = GenKey::new(3, NonZeroU32::new(1).unwrap()).unwrap();
    /// assert_eq!((key.index(), key.generation().get()), (3, 1));
    /// assert_eq!(GenKey::new(3, NonZeroU32::new(2).unwrap()), None);
    /// ```
    #[must_use]
    pub const fn new(index: u32, generation: NonZeroU32) -> Option<Self> {
        if generation.get() & 1 == 1 {
            Some(GenKey { index, generation })
        } else {
            None
        }
    }

    /// The slot index.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::GenSlab::new();
    /// assert_eq!(slab.insert(()).index(), 0);
    /// ```
    #[must_use]
    pub const fn index(self) -> u32 {
        self.index
    }

    /// The generation.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::GenSlab::new();
    /// assert_eq!(slab.insert(()).generation().get(), 1);
    /// ```
    #[must_use]
    pub const fn generation(self) -> NonZeroU32 {
        self.generation
    }

    /// The key as one `u64`: the generation in the high 32 bits, the index in
    /// the low 32 bits. Never zero.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::GenSlab::new();
    /// slab.insert(());
    /// assert_eq!(slab.insert(()).to_bits(), (1 << 32) | 1);
    /// ```
    #[must_use]
    pub const fn to_bits(self) -> u64 {
        ((self.generation.get() as u64) << 32) | self.index as u64
    }

    /// The key whose [`to_bits`](Self::to_bits) is `bits`; `None` if the
    /// generation bits are zero or even, which no key has.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_slab::GenKey;
    ///
    /// assert_eq!(GenKey::from_bits(7), None);
    /// assert_eq!(GenKey::from_bits((2 << 32) | 7), None);
    /// assert_eq!(GenKey::from_bits((1 << 32) | 7).unwrap().index(), 7);
    /// ```
    #[must_use]
    pub const fn from_bits(bits: u64) -> Option<Self> {
        match NonZeroU32::new((bits >> 32) as u32) {
            Some(generation) => GenKey::new(bits as u32, generation),
            None => None,
        }
    }
}
