//! serde support: a [`NodeId`] is its `u64` bits, an [`Arena`] a flat list
//! of `(id, node)` pairs, so neither direction recurses, whatever the
//! depth of the trees.

use alloc::vec::Vec;
use core::fmt;

use memkit_slab::GenKey;
use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::{Arena, Node, NodeId};

impl Serialize for NodeId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u64(self.key().to_bits())
    }
}

impl<'de> Deserialize<'de> for NodeId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let bits = u64::deserialize(deserializer)?;
        match GenKey::from_bits(bits) {
            Some(key) => Ok(NodeId::from_key(key)),
            None => Err(de::Error::custom(format_args!(
                "NodeId: {bits:#x} has an even or zero generation, which no id has"
            ))),
        }
    }
}

/// `{"nodes": [[id, node], …]}`, live nodes in slot order.
impl<T: Serialize> Serialize for Arena<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Entries<'a, T>(&'a Arena<T>);
        impl<T: Serialize> Serialize for Entries<'_, T> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_seq(self.0.entries())
            }
        }
        let mut state = serializer.serialize_struct("Arena", 1)?;
        state.serialize_field("nodes", &Entries(self))?;
        state.end()
    }
}

/// Refuses ids out of slot order and links that [`Arena::validate`]
/// rejects.
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Arena<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ArenaVisitor<T>(core::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for ArenaVisitor<T> {
            type Value = Arena<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an Arena: a struct with a `nodes` list of [id, node] pairs")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Arena<T>, A::Error> {
                let mut nodes: Option<Vec<(NodeId, Node<T>)>> = None;
                while let Some(field) = map.next_key::<alloc::string::String>()? {
                    if field != "nodes" || nodes.is_some() {
                        return Err(de::Error::custom(format_args!(
                            "invalid arena: unexpected or repeated field `{field}`"
                        )));
                    }
                    nodes = Some(map.next_value().map_err(|error: A::Error| {
                        de::Error::custom(format_args!("invalid arena: {error}"))
                    })?);
                }
                let nodes = nodes.ok_or_else(|| de::Error::missing_field("nodes"))?;
                Arena::from_entries(nodes).ok_or_else(|| {
                    de::Error::custom(
                        "invalid arena: ids out of slot order, or inconsistent node links",
                    )
                })
            }

            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Arena<T>, A::Error> {
                let nodes: Vec<(NodeId, Node<T>)> = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(0, &self))?;
                Arena::from_entries(nodes).ok_or_else(|| {
                    de::Error::custom(
                        "invalid arena: ids out of slot order, or inconsistent node links",
                    )
                })
            }
        }
        deserializer.deserialize_struct(
            "Arena",
            &["nodes"],
            ArenaVisitor(core::marker::PhantomData),
        )
    }
}
