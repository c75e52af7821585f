//! serde support (feature `serde`).
//!
//! * `Slab<T>` is a map from key to value, as in `slab` 0.4.12; reading it
//!   back gives the same keys and the same vacant list as `FromIterator`.
//! * `GenSlab<T>` is a sequence with one `(generation, Option<value>)` pair
//!   per slot, so every key stays valid (and every dead key stays dead)
//!   across a round trip. A retired slot is `(u32::MAX, None)`.
//! * `GenKey` is its `to_bits` `u64`.

use alloc::vec::Vec;
use core::fmt;
use core::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use crate::raw::RawGenSlab;
use crate::slab::Builder;
use crate::{GenKey, GenSlab, Slab};

impl<T: Serialize> Serialize for Slab<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (key, value) in self {
            map.serialize_entry(&key, value)?;
        }
        map.end()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Slab<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Pairs<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for Pairs<T> {
            type Value = Slab<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map from usize keys to values")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Slab<T>, A::Error> {
                let mut builder = Builder::with_capacity(map.size_hint().unwrap_or(0).min(4096));
                while let Some((key, value)) = map.next_entry()? {
                    builder.pair(key, value);
                }
                Ok(builder.build())
            }
        }

        deserializer.deserialize_map(Pairs(PhantomData))
    }
}

impl Serialize for GenKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u64(self.to_bits())
    }
}

impl<'de> Deserialize<'de> for GenKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let bits = u64::deserialize(deserializer)?;
        GenKey::from_bits(bits)
            .ok_or_else(|| de::Error::custom("GenKey: the generation bits are zero or even"))
    }
}

impl<T: Serialize> Serialize for GenSlab<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let slots = self.raw.slots();
        let mut seq = serializer.serialize_seq(Some(slots.len()))?;
        for slot in slots {
            let generation = if slot.is_retired() {
                u32::MAX
            } else {
                slot.generation()
            };
            seq.serialize_element(&(generation, slot.value()))?;
        }
        seq.end()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for GenSlab<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Slots<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for Slots<T> {
            type Value = GenSlab<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a sequence of (generation, optional value) slots")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<GenSlab<T>, A::Error> {
                let mut pairs = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                while let Some(pair) = seq.next_element::<(u32, Option<T>)>()? {
                    pairs.push(pair);
                }
                let raw = RawGenSlab::from_pairs(pairs).map_err(de::Error::custom)?;
                Ok(GenSlab { raw })
            }
        }

        deserializer.deserialize_seq(Slots(PhantomData))
    }
}
