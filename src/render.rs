//! The edge where the rules' messages become text: a [`Msg`] (a catalog key and typed
//! arguments, the same in every locale) is written in a locale here, and only here. The rules
//! never see a locale, so one evaluation can be shown in any locale
//! ([`crate::contract::Report::new`] renders a [`crate::model::Report`]).

use crate::i18n::{self, fill, Key};
use crate::model::{Arg, Locale, Msg, Person};
use crate::money::{yuan_string, Fen};
use crate::policy::regions;
use crate::text::u64_string;

/// Renders messages in one locale, naming the scenario's people by their ids.
#[derive(Clone, Copy, Debug)]
pub struct Renderer<'a> {
    pub locale: Locale,
    pub people: &'a [Person],
}

impl<'a> Renderer<'a> {
    pub fn new(locale: Locale, people: &'a [Person]) -> Renderer<'a> {
        Renderer { locale, people }
    }

    /// The text of catalog key `key`.
    pub fn text(&self, key: Key) -> &'static str {
        i18n::text(self.locale, key)
    }

    /// Message `msg` with its placeholders filled.
    pub fn msg(&self, msg: &Msg) -> String {
        let values: Vec<String> = msg.args.iter().map(|(_, a)| self.arg(a)).collect();
        let args: Vec<(&str, &str)> = msg.args.iter().zip(&values).map(|((name, _), v)| (*name, v.as_str())).collect();
        fill(self.text(msg.id), &args)
    }

    /// One argument as text.
    pub fn arg(&self, a: &Arg) -> String {
        match a {
            Arg::Money(f) => self.money(*f),
            Arg::Num(n) => u64_string(*n),
            Arg::Date(d) => d.to_iso(),
            Arg::Person(i) => self.person(*i).to_string(),
            Arg::Region(code) => self.region(*code),
            Arg::Key(key) => self.text(*key).to_string(),
            Arg::Keys(keys) => {
                let texts: Vec<&str> = keys.iter().map(|&key| self.text(key)).collect();
                crate::text::join(&texts, self.text(Key::FmtListSep))
            }
            Arg::Str(s) => (*s).to_string(),
        }
    }

    /// Person `i`, by their id.
    pub fn person(&self, i: usize) -> &'a str {
        self.people.get(i).map_or("?", |p| p.id.as_str())
    }

    /// An amount in the locale's yuan format (`fmt.yuan`).
    pub fn money(&self, f: Fen) -> String {
        fill(self.text(Key::FmtYuan), &[("n", &yuan_string(f))])
    }

    /// A region's name (`None`: not known). A code the book does not name is shown as its named
    /// parent followed by the code.
    pub fn region(&self, code: Option<u32>) -> String {
        let Some(code) = code else {
            return self.text(Key::RegionUnknown).to_string();
        };
        let shown = regions::display_code(code);
        let name = match i18n::find::region(shown) {
            Some(id) => self.text(id).to_string(),
            None => format!("region.{shown}"),
        };
        if shown == code {
            name
        } else {
            format!("{name} ({code})")
        }
    }
}

/// Message `msg` in `locale`, naming `people` by their ids.
pub fn render(msg: &Msg, locale: Locale, people: &[Person]) -> String {
    Renderer::new(locale, people).msg(msg)
}
