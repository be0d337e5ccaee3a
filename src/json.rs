//! A small, strict JSON reader and writer.
//!
//! Why not serde_json: the widget budget counts every kilobyte, and serde_json pulls in float
//! parsing and `core::fmt`. This reader keeps integers exact (money is integer 分), marks any
//! other number as `Num::Other` so the decoder can say "must be a whole number", keeps object
//! members in order (duplicates are detected by the decoder) and limits nesting depth, so no
//! input can overflow the stack.

use crate::text::push_u64;

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Num(Num),
    Str(String),
    Arr(Vec<Value>),
    Obj(Vec<(String, Value)>),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Num {
    /// An integer that fits an `i64`.
    Int(i64),
    /// A fraction, an exponent, or an integer too large for `i64`; the source text is kept.
    Other(String),
}

pub const MAX_DEPTH: usize = 32;
pub const MAX_INPUT: usize = 1 << 20;

#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub line: u32,
    pub column: u32,
    pub kind: SyntaxKind,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SyntaxKind {
    Empty,
    TooLarge,
    TooDeep,
    Unexpected,
    TrailingCharacters,
    BadString,
    BadNumber,
}

impl Value {
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Num(_) => "number",
            Value::Str(_) => "string",
            Value::Arr(_) => "array",
            Value::Obj(_) => "object",
        }
    }
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Obj(m) => m.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
    pub fn str(s: &str) -> Value {
        Value::Str(s.into())
    }
    pub fn int(i: i64) -> Value {
        Value::Num(Num::Int(i))
    }
}

struct Parser<'a> {
    /// The input, as text (to copy out runs of characters) and as bytes (to scan).
    s: &'a str,
    b: &'a [u8],
    i: usize,
}

pub fn parse(text: &str) -> Result<Value, SyntaxError> {
    let mut p = Parser { s: text, b: text.as_bytes(), i: 0 };
    if text.len() > MAX_INPUT {
        return Err(SyntaxError { line: 1, column: 1, kind: SyntaxKind::TooLarge });
    }
    // A UTF-8 byte-order mark is tolerated.
    if p.b.starts_with(&[0xEF, 0xBB, 0xBF]) {
        p.i = 3;
    }
    p.ws();
    if p.i >= p.b.len() {
        return Err(p.err(SyntaxKind::Empty));
    }
    let v = p.value(0)?;
    p.ws();
    if p.i != p.b.len() {
        return Err(p.err(SyntaxKind::TrailingCharacters));
    }
    Ok(v)
}

impl<'a> Parser<'a> {
    fn err(&self, kind: SyntaxKind) -> SyntaxError {
        let upto = &self.b[..self.i.min(self.b.len())];
        let mut line = 1u32;
        let mut col = 1u32;
        for &c in upto {
            if c == b'\n' {
                line += 1;
                col = 1;
            } else if c & 0xC0 != 0x80 {
                col += 1;
            }
        }
        SyntaxError { line, column: col, kind }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn ws(&mut self) {
        while let Some(c) = self.peek() {
            if c == b' ' || c == b'\t' || c == b'\n' || c == b'\r' {
                self.i += 1;
            } else {
                break;
            }
        }
    }

    fn lit(&mut self, word: &[u8], v: Value) -> Result<Value, SyntaxError> {
        if self.b.len() >= self.i + word.len() && &self.b[self.i..self.i + word.len()] == word {
            self.i += word.len();
            Ok(v)
        } else {
            Err(self.err(SyntaxKind::Unexpected))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        if depth >= MAX_DEPTH {
            return Err(self.err(SyntaxKind::TooDeep));
        }
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => Ok(Value::Str(self.string()?)),
            Some(b't') => self.lit(b"true", Value::Bool(true)),
            Some(b'f') => self.lit(b"false", Value::Bool(false)),
            Some(b'n') => self.lit(b"null", Value::Null),
            Some(c) if c == b'-' || c.is_ascii_digit() => self.number(),
            _ => Err(self.err(SyntaxKind::Unexpected)),
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        self.i += 1;
        let mut members = Vec::new();
        self.ws();
        if self.peek() == Some(b'}') {
            self.i += 1;
            return Ok(Value::Obj(members));
        }
        loop {
            self.ws();
            if self.peek() != Some(b'"') {
                return Err(self.err(SyntaxKind::Unexpected));
            }
            let k = self.string()?;
            self.ws();
            if self.peek() != Some(b':') {
                return Err(self.err(SyntaxKind::Unexpected));
            }
            self.i += 1;
            self.ws();
            let v = self.value(depth + 1)?;
            members.push((k, v));
            self.ws();
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b'}') => {
                    self.i += 1;
                    return Ok(Value::Obj(members));
                }
                _ => return Err(self.err(SyntaxKind::Unexpected)),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        self.i += 1;
        let mut items = Vec::new();
        self.ws();
        if self.peek() == Some(b']') {
            self.i += 1;
            return Ok(Value::Arr(items));
        }
        loop {
            self.ws();
            items.push(self.value(depth + 1)?);
            self.ws();
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b']') => {
                    self.i += 1;
                    return Ok(Value::Arr(items));
                }
                _ => return Err(self.err(SyntaxKind::Unexpected)),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let mut v = 0u32;
        for _ in 0..4 {
            let c = self.peek().ok_or_else(|| self.err(SyntaxKind::BadString))?;
            let h = match c {
                b'0'..=b'9' => c - b'0',
                b'a'..=b'f' => c - b'a' + 10,
                b'A'..=b'F' => c - b'A' + 10,
                _ => return Err(self.err(SyntaxKind::BadString)),
            };
            v = v * 16 + h as u32;
            self.i += 1;
        }
        Ok(v)
    }

    /// The input text from `from` to the current position. Callers only cut before an ASCII
    /// byte (a quote, a backslash, the end of a number), which is always a character boundary.
    fn slice(&self, from: usize) -> &'a str {
        self.s.get(from..self.i).unwrap_or_default()
    }

    fn string(&mut self) -> Result<String, SyntaxError> {
        self.i += 1; // opening quote
        let mut out = String::new();
        // Unescaped characters are copied from the input in runs, starting at `run`.
        let mut run = self.i;
        loop {
            let c = match self.peek() {
                Some(c) => c,
                None => return Err(self.err(SyntaxKind::BadString)),
            };
            match c {
                b'"' => {
                    out.push_str(self.slice(run));
                    self.i += 1;
                    return Ok(out);
                }
                b'\\' => {
                    out.push_str(self.slice(run));
                    self.i += 1;
                    let e = self.peek().ok_or_else(|| self.err(SyntaxKind::BadString))?;
                    self.i += 1;
                    let ch = match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let hi = self.hex4()?;
                            let cp = if (0xD800..0xDC00).contains(&hi) {
                                if self.peek() != Some(b'\\') {
                                    return Err(self.err(SyntaxKind::BadString));
                                }
                                self.i += 1;
                                if self.peek() != Some(b'u') {
                                    return Err(self.err(SyntaxKind::BadString));
                                }
                                self.i += 1;
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return Err(self.err(SyntaxKind::BadString));
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else {
                                hi
                            };
                            match char::from_u32(cp) {
                                Some(ch) => ch,
                                None => return Err(self.err(SyntaxKind::BadString)),
                            }
                        }
                        _ => return Err(self.err(SyntaxKind::BadString)),
                    };
                    out.push(ch);
                    run = self.i;
                }
                0..=0x1F => return Err(self.err(SyntaxKind::BadString)),
                _ => self.i += 1,
            }
        }
    }

    fn number(&mut self) -> Result<Value, SyntaxError> {
        let start = self.i;
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        let int_start = self.i;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.i += 1;
        }
        let int_len = self.i - int_start;
        if int_len == 0 || (int_len > 1 && self.b[int_start] == b'0') {
            return Err(self.err(SyntaxKind::BadNumber));
        }
        let mut integral = true;
        if self.peek() == Some(b'.') {
            integral = false;
            self.i += 1;
            let s = self.i;
            while matches!(self.peek(), Some(b'0'..=b'9')) {
                self.i += 1;
            }
            if self.i == s {
                return Err(self.err(SyntaxKind::BadNumber));
            }
        }
        if matches!(self.peek(), Some(b'e') | Some(b'E')) {
            integral = false;
            self.i += 1;
            if matches!(self.peek(), Some(b'+') | Some(b'-')) {
                self.i += 1;
            }
            let s = self.i;
            while matches!(self.peek(), Some(b'0'..=b'9')) {
                self.i += 1;
            }
            if self.i == s {
                return Err(self.err(SyntaxKind::BadNumber));
            }
        }
        let text = &self.b[start..self.i];
        if integral {
            let neg = text[0] == b'-';
            let mut v: i64 = 0;
            let mut ok = true;
            for &c in &text[if neg { 1 } else { 0 }..] {
                let dgt = (c - b'0') as i64;
                match v.checked_mul(10).and_then(|x| if neg { x.checked_sub(dgt) } else { x.checked_add(dgt) }) {
                    Some(n) => v = n,
                    None => {
                        ok = false;
                        break;
                    }
                }
            }
            if ok {
                return Ok(Value::Num(Num::Int(v)));
            }
        }
        Ok(Value::Num(Num::Other(self.slice(start).into())))
    }
}

// ----------------------------------------------------------------------------------------------
// Writer

pub fn write_compact(v: &Value) -> String {
    let mut out = String::new();
    write(&mut out, v, None, 0);
    out
}

pub fn write_pretty(v: &Value) -> String {
    let mut out = String::new();
    write(&mut out, v, Some(2), 0);
    out.push('\n');
    out
}

fn newline(out: &mut String, indent: Option<usize>, level: usize) {
    if let Some(w) = indent {
        out.push('\n');
        for _ in 0..w * level {
            out.push(' ');
        }
    }
}

fn write(out: &mut String, v: &Value, indent: Option<usize>, level: usize) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Num(Num::Int(i)) => crate::text::push_i64(out, *i),
        Value::Num(Num::Other(s)) => out.push_str(s),
        Value::Str(s) => write_str(out, s),
        Value::Arr(items) => {
            if items.is_empty() {
                out.push_str("[]");
                return;
            }
            out.push('[');
            for (i, it) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, indent, level + 1);
                write(out, it, indent, level + 1);
            }
            newline(out, indent, level);
            out.push(']');
        }
        Value::Obj(members) => {
            if members.is_empty() {
                out.push_str("{}");
                return;
            }
            out.push('{');
            for (i, (k, it)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, indent, level + 1);
                write_str(out, k);
                out.push(':');
                if indent.is_some() {
                    out.push(' ');
                }
                write(out, it, indent, level + 1);
            }
            newline(out, indent, level);
            out.push('}');
        }
    }
}

pub fn write_str(out: &mut String, s: &str) {
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str("\\u");
                let n = c as u32;
                for shift in [12u32, 8, 4, 0] {
                    let h = ((n >> shift) & 0xF) as u8;
                    out.push(if h < 10 { (b'0' + h) as char } else { (b'a' + h - 10) as char });
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Builder for ordered objects.
#[derive(Default)]
pub struct Obj(pub Vec<(String, Value)>);

impl Obj {
    pub fn new() -> Obj {
        Obj(Vec::new())
    }
    pub fn put(mut self, k: &str, v: Value) -> Obj {
        self.0.push((k.into(), v));
        self
    }
    pub fn s(self, k: &str, v: &str) -> Obj {
        self.put(k, Value::Str(v.into()))
    }
    pub fn i(self, k: &str, v: i64) -> Obj {
        self.put(k, Value::Num(Num::Int(v)))
    }
    pub fn b(self, k: &str, v: bool) -> Obj {
        self.put(k, Value::Bool(v))
    }
    pub fn done(self) -> Value {
        Value::Obj(self.0)
    }
}

pub fn strings<'a, I: IntoIterator<Item = &'a str>>(it: I) -> Value {
    Value::Arr(it.into_iter().map(|s| Value::Str(s.into())).collect())
}

/// `line 3, column 7`-style position text without `fmt`.
pub fn position_text(e: &SyntaxError) -> (String, String) {
    let mut l = String::new();
    push_u64(&mut l, e.line as u64);
    let mut c = String::new();
    push_u64(&mut c, e.column as u64);
    (l, c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let t = r#"{"a":[1,-2,{"b":"x\"y\u00e9\ud83d\ude00"}],"c":null,"d":true,"e":1.5,"f":99999999999999999999}"#;
        let v = parse(t).unwrap();
        assert_eq!(v.get("e"), Some(&Value::Num(Num::Other("1.5".into()))));
        assert_eq!(v.get("f"), Some(&Value::Num(Num::Other("99999999999999999999".into()))));
        let out = write_compact(&v);
        assert_eq!(parse(&out).unwrap(), v);
        assert!(out.contains("é😀"));
    }

    #[test]
    fn rejects_bad_input() {
        for bad in ["", " ", "{", "[1,]", "{\"a\":1,}", "01", "1.", "-", "\"\\x\"", "\"a\nb\"", "tru", "{} x", "\"\\ud800\""] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
        let deep = "[".repeat(100) + &"]".repeat(100);
        assert_eq!(parse(&deep).unwrap_err().kind, SyntaxKind::TooDeep);
        let e = parse("{\n  \"a\": tru\n}").unwrap_err();
        assert_eq!((e.line, e.column), (2, 8));
    }

    #[test]
    fn i64_bounds() {
        assert_eq!(parse("-9223372036854775808").unwrap(), Value::int(i64::MIN));
        assert_eq!(parse("9223372036854775807").unwrap(), Value::int(i64::MAX));
        assert!(matches!(parse("9223372036854775808").unwrap(), Value::Num(Num::Other(_))));
    }
}
