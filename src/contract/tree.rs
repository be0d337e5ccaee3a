//! A plain JS value as data, and a serde `Deserializer` over it for the contract's types: how
//! the wasm boundary reads its inputs (`wasm.rs` walks the JS value into a [`Tree`]). Its errors
//! are [`Fault`]s, which serde's calls build with the code and arguments (no message text).

use serde::de::{self, value::MapDeserializer, value::SeqDeserializer, DeserializeOwned, IntoDeserializer, Visitor};

use super::error::Fault;
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

/// Reads a contract type from a [`Tree`]. The [`Failure`] has the field path of the error where
/// `serde_path_to_error` is built in: always natively, and in the wasm with feature `wasm-paths`
/// (without it, a type error is at `""`; README § The wasm boundary).
pub fn from_tree<T: DeserializeOwned>(tree: Tree) -> Result<T, Failure> {
    #[cfg(any(not(target_arch = "wasm32"), feature = "wasm-paths"))]
    return serde_path_to_error::deserialize(tree).map_err(|e| {
        let path = super::render_path(e.path());
        e.into_inner().at(path)
    });
    #[cfg(all(target_arch = "wasm32", not(feature = "wasm-paths")))]
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
            Tree::Arr(a) => v.visit_seq(SeqDeserializer::new(a.into_iter())),
            Tree::Obj(m) => v.visit_map(MapDeserializer::new(m.into_iter())),
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
