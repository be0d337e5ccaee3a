//! A plain JS value as data, and a serde `Deserializer` over it for the contract's types: how
//! the wasm boundary reads its inputs (`wasm.rs` walks the JS value into a [`Tree`]). Its errors
//! are [`Fault`]s, which serde's calls build with the code and arguments (no message text), and
//! which the deserializer itself places: each array and object it hands out adds its index or
//! key to an error coming back through it, so every error has its field path (`people[1].age`)
//! without `serde_path_to_error` (README § The wasm boundary says what that saves).

use serde::de::{self, value::StrDeserializer, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};

use super::error::{Fault, Segment};
use super::Failure;

/// A JS value as JSON can hold it: `undefined` is `null`, numbers are `f64`, object members in
/// their order.
#[derive(Clone, Debug, PartialEq)]
pub enum Tree {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    Arr(Vec<Tree>),
    Obj(Vec<(String, Tree)>),
}

/// Reads a contract type from a [`Tree`]; the [`Failure`] has the field path of the error.
pub fn from_tree<T: DeserializeOwned>(tree: Tree) -> Result<T, Failure> {
    T::deserialize(tree).map_err(|e| e.at(String::new()))
}

impl<'de> de::Deserializer<'de> for Tree {
    type Error = Fault;
    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Fault> {
        match self {
            Tree::Null => v.visit_unit(),
            Tree::Bool(b) => v.visit_bool(b),
            // A whole number JS holds exactly is an integer; any other number a float.
            Tree::Num(n) if n.fract() == 0.0 && n.abs() <= 9_007_199_254_740_991.0 => v.visit_i64(n as i64),
            Tree::Num(n) => v.visit_f64(n),
            Tree::Str(s) => v.visit_string(s),
            Tree::Arr(a) => v.visit_seq(Items { items: a.into_iter(), index: 0 }),
            Tree::Obj(m) => v.visit_map(Members { members: m.into_iter(), value: None }),
        }
    }
    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Fault> {
        match self {
            Tree::Null => v.visit_none(),
            other => v.visit_some(other),
        }
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

impl<'de> IntoDeserializer<'de, Fault> for Tree {
    type Deserializer = Tree;
    fn into_deserializer(self) -> Tree {
        self
    }
}

/// An array's items; an error in one is placed at its index.
struct Items {
    items: std::vec::IntoIter<Tree>,
    index: usize,
}

impl<'de> de::SeqAccess<'de> for Items {
    type Error = Fault;
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Fault> {
        let Some(item) = self.items.next() else { return Ok(None) };
        let at = Segment::Index(self.index);
        self.index += 1;
        seed.deserialize(item).map(Some).map_err(|e| e.within(at))
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// An object's members; an error in a key (an unknown field) or in its value is placed at the key.
struct Members {
    members: std::vec::IntoIter<(String, Tree)>,
    value: Option<(String, Tree)>,
}

impl<'de> de::MapAccess<'de> for Members {
    type Error = Fault;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Fault> {
        let Some((key, value)) = self.members.next() else { return Ok(None) };
        let read = seed.deserialize(StrDeserializer::<Fault>::new(&key)).map_err(|e| e.within(Segment::Key(&key)))?;
        self.value = Some((key, value));
        Ok(Some(read))
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Fault> {
        let (key, value) = self.value.take().unwrap_or((String::new(), Tree::Null));
        seed.deserialize(value).map_err(|e| e.within(Segment::Key(&key)))
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.members.len())
    }
}
