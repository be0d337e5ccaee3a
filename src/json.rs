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
            let h = self.peek().and_then(|c| (c as char).to_digit(16)).ok_or_else(|| self.err(SyntaxKind::BadString))?;
            v = v * 16 + h;
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
        match integral.then(|| self.integer(int_start, start != int_start)).flatten() {
            Some(v) => Ok(Value::Num(Num::Int(v))),
            None => Ok(Value::Num(Num::Other(self.slice(start).into()))),
        }
    }

    /// The digits from `from` to the current position as an `i64` (negated if `negative`),
    /// or `None` if it does not fit. The digits are summed negatively, so `i64::MIN` fits.
    fn integer(&self, from: usize, negative: bool) -> Option<i64> {
        let mut v: i64 = 0;
        for &c in &self.b[from..self.i] {
            v = v.checked_mul(10)?.checked_sub((c - b'0') as i64)?;
        }
        if negative {
            Some(v)
        } else {
            v.checked_neg()
        }
    }
}

// ----------------------------------------------------------------------------------------------
// Writer

/// Writes JSON text as it goes, compact or pretty (two-space indents, `"key": value`), so that
/// output need not be built as a [`Value`] tree first. Objects and arrays are opened and closed
/// explicitly; inside an object, call [`Writer::key`] before each value (or use the
/// `s`/`i`/`b` shortcuts). Separators and indentation are the writer's business, so every
/// caller gets byte-identical layout.
pub struct Writer {
    out: String,
    pretty: bool,
    level: usize,
    /// The next value takes no separator: it is the whole document, or it follows a key.
    bare: bool,
    /// The innermost open object or array has no member yet.
    empty: bool,
}

impl Writer {
    pub fn new(pretty: bool) -> Writer {
        Writer { out: String::new(), pretty, level: 0, bare: true, empty: true }
    }

    /// The text; a pretty document ends with a newline.
    pub fn finish(mut self) -> String {
        if self.pretty {
            self.out.push('\n');
        }
        self.out
    }

    fn newline(&mut self) {
        if self.pretty {
            self.out.push('\n');
            for _ in 0..2 * self.level {
                self.out.push(' ');
            }
        }
    }

    /// Starts a value: a comma and a new line unless it is the first member or follows a key.
    fn item(&mut self) {
        if self.bare {
            self.bare = false;
            return;
        }
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        self.newline();
    }

    fn open(&mut self, c: char) -> &mut Self {
        self.item();
        self.out.push(c);
        self.level += 1;
        self.empty = true;
        self
    }

    fn close(&mut self, c: char) -> &mut Self {
        self.level -= 1;
        if !self.empty {
            self.newline();
        }
        self.out.push(c);
        // The container just closed is a member of its parent.
        self.empty = false;
        self
    }

    pub fn begin_obj(&mut self) -> &mut Self {
        self.open('{')
    }
    pub fn end_obj(&mut self) -> &mut Self {
        self.close('}')
    }
    pub fn begin_arr(&mut self) -> &mut Self {
        self.open('[')
    }
    pub fn end_arr(&mut self) -> &mut Self {
        self.close(']')
    }

    /// An object member's key; the next call writes its value.
    pub fn key(&mut self, k: &str) -> &mut Self {
        self.item();
        write_str(&mut self.out, k);
        self.out.push(':');
        if self.pretty {
            self.out.push(' ');
        }
        self.bare = true;
        self
    }

    pub fn null(&mut self) -> &mut Self {
        self.item();
        self.out.push_str("null");
        self
    }
    pub fn bool(&mut self, b: bool) -> &mut Self {
        self.item();
        self.out.push_str(if b { "true" } else { "false" });
        self
    }
    pub fn int(&mut self, i: i64) -> &mut Self {
        self.item();
        crate::text::push_i64(&mut self.out, i);
        self
    }
    pub fn str(&mut self, s: &str) -> &mut Self {
        self.item();
        write_str(&mut self.out, s);
        self
    }
    /// A string, or `null` for `None`.
    pub fn opt_str(&mut self, s: Option<&str>) -> &mut Self {
        match s {
            Some(s) => self.str(s),
            None => self.null(),
        }
    }

    /// Member shortcuts: `key` then the value.
    pub fn s(&mut self, k: &str, v: &str) -> &mut Self {
        self.key(k).str(v)
    }
    pub fn i(&mut self, k: &str, v: i64) -> &mut Self {
        self.key(k).int(v)
    }
    pub fn b(&mut self, k: &str, v: bool) -> &mut Self {
        self.key(k).bool(v)
    }

    /// An array of strings.
    pub fn strings(&mut self, list: &[&str]) -> &mut Self {
        self.begin_arr();
        for s in list {
            self.str(s);
        }
        self.end_arr()
    }

    /// A parsed value, written back (only the parser's round-trip test needs it: the engine
    /// writes its output straight from its own types).
    #[cfg(test)]
    fn value(&mut self, v: &Value) -> &mut Self {
        match v {
            Value::Null => self.null(),
            Value::Bool(b) => self.bool(*b),
            Value::Num(Num::Int(i)) => self.int(*i),
            Value::Num(Num::Other(s)) => {
                self.item();
                self.out.push_str(s);
                self
            }
            Value::Str(s) => self.str(s),
            Value::Arr(items) => {
                self.begin_arr();
                for it in items {
                    self.value(it);
                }
                self.end_arr()
            }
            Value::Obj(members) => {
                self.begin_obj();
                for (k, it) in members {
                    self.key(k).value(it);
                }
                self.end_obj()
            }
        }
    }
}

fn write_str(out: &mut String, s: &str) {
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
        let mut w = Writer::new(false);
        w.value(&v);
        let out = w.finish();
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
