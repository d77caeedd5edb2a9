//! Recognition: one regex per kind of temporal expression, compiled once.
//! Each match is a candidate span tagged with its [`Kind`]; the longest
//! candidate wins where they overlap, and [`super::interpret`] decides
//! whether it stands and what it means.
//!
//! Patterns are case-insensitive, except month and weekday names, which
//! must be capitalised (so "may" and "march" the verbs never match), and
//! word boundaries are ASCII (fast on any text).

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::{Regex, RegexBuilder};

use super::lexicon::{HOLIDAY, MONTH, MONTH_FULL, NUMBER, QUANT_MOD, UNIT, WEEKDAY};

/// What a recognition pattern found; the interpreter reads the span by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// "September 23, 2023", "Sept. 23", "Friday, Oct. 23".
    MonthDay,
    /// "23 September 2023", "the 23rd of September".
    DayMonth,
    /// "2023-09-23".
    Iso,
    /// "9/23/23", "09/23/2023".
    Slash,
    /// "September 2023", "late March of 1990", "January this year".
    MonthYear,
    /// "March", "last June", "early December".
    Month,
    /// "1991", "fiscal 1989", "mid-1996", "the end of 1990".
    Year,
    /// "nineteen ninety-six".
    SpokenYear,
    /// "the 1990s", "the '80s", "the nineties".
    Decade,
    /// "the 20th century", "this century".
    Century,
    /// "the fall of 2020", "last summer".
    Season,
    /// "the third quarter", "third-quarter", "the first half of 1989".
    Quarter,
    /// "today", "yesterday morning", "tonight", "this morning".
    DayWord,
    /// "Saturday", "last Friday", "Wednesday night".
    Weekday,
    /// "3 p.m.", "10:35 a.m. EST Thursday", "noon Saturday".
    Time,
    /// "last week", "this year", "earlier this month", "the past year".
    RelUnit,
    /// "the year", "the quarter", "the end of the year", "year-end".
    TheUnit,
    /// "two years ago", "a year earlier", "three days later".
    Ago,
    /// "44 days", "the past three years", "a five-year", "at least 72 hours".
    Duration,
    /// "years-long", "decades-long", "day-long".
    LongAdj,
    /// "for years", "within days" (the preposition is trimmed).
    BarePlural,
    /// "recent years", "coming weeks".
    RecentPlural,
    /// "every year", "each Thursday", "daily".
    Set,
    /// "now", "currently", "recently", "the future".
    Ref,
    /// "Christmas", "Thanksgiving Day".
    Holiday,
    /// "year-earlier", "year-ago".
    YearAgoAdj,
}

/// One recognition pattern.
pub struct Rule {
    /// What it finds.
    pub kind: Kind,
    /// The compiled pattern.
    pub re: Regex,
}

const EDGE: &str = r"(?:(?:early|late|mid|the\s+(?:very\s+)?(?:end|beginning|start|middle|close|turn|first\s+half|second\s+half|last\s+half|latter\s+part|early\s+part|rest|remainder|balance)\s+of(?:\s+the)?)[-\s]+)";
const REL: &str = r"(?:last|this|next|this\s+past|this\s+coming|past|coming)";
const UNIT_WORD: &str = r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first|twenty\s+first)";
const YEAR: &str = r"(?:1[6-9]\d\d|20\d\d)";
const TENS: &str = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)";
const ONES: &str = r"(?:one|two|three|four|five|six|seven|eight|nine)";
const TEENS: &str =
    r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)";

fn build(kind: Kind, pattern: &str) -> Rule {
    let p = pattern
        .replace("<MONTH>", MONTH)
        .replace("<MONTHF>", MONTH_FULL)
        .replace("<WEEKDAY>", WEEKDAY)
        .replace("<NUMBER>", NUMBER)
        .replace("<QMOD>", QUANT_MOD)
        .replace("<UNIT>", UNIT)
        .replace("<HOLIDAY>", HOLIDAY)
        .replace("<EDGE>", EDGE)
        .replace("<REL>", REL)
        .replace("<ORDW>", UNIT_WORD)
        .replace("<YEAR>", YEAR)
        .replace("<TENS>", TENS)
        .replace("<ONES>", ONES)
        .replace("<TEENS>", TEENS)
        .replace(r"\b", r"(?-u:\b)")
        .replace(r"\d", "[0-9]");
    let re = RegexBuilder::new(&format!("(?i-u){p}"))
        .dfa_size_limit(16 << 20)
        .build()
        .unwrap_or_else(|e| panic!("date pattern {kind:?} does not compile: {e}"));
    Rule { kind, re }
}

/// The rules, in priority order (earlier wins between equal spans).
pub static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    use Kind::*;
    vec![
        build(Iso, r"\b<YEAR>-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b"),
        build(
            Slash,
            r"\b(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])/(?:\d{4}|\d\d)\b",
        ),
        build(
            MonthDay,
            r"\b(?:<WEEKDAY>,?\s+)?(?:<EDGE>)?<MONTH>\s*(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\b(?:,?\s+(?:<YEAR>\b|'\d\d\b))?",
        ),
        build(
            DayMonth,
            r"\b(?:<WEEKDAY>,?\s+)?(?:the\s+)?(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\s+(?:of\s+)?<MONTH>(?:,?\s+<YEAR>)?\b",
        ),
        build(
            MonthYear,
            r"(?:\b<EDGE>)?\b<MONTH>(?:\s+of)?,?\s+(?:<YEAR>\b|'\d\d\b|(?:this|last|next)\s+year\b)",
        ),
        build(Month, r"\b(?:(?:<REL>|<EDGE>)\s*)?<MONTHF>\b"),
        build(
            Quarter,
            r"\b(?:(?:the|this\s+year's|last\s+year's|next\s+year's|<YEAR>|fiscal|calendar|year-ago|year-earlier|year\s+earlier|comparable|corresponding|latest|current|recent|previous|past|same|most\s+recent|just-ended|just\s+ended)[-\s]+)*(?:(?:first|second|third|fourth|1st|2nd|3rd|4th|final|last|latter)[-\s]+(?:fiscal[-\s]+)?(?:quarter|half)|(?:the|latest|current|previous|year-ago|year-earlier|comparable|corresponding|recent|same|this|that)\s+quarter|(?:latest|year-ago|year-earlier|year\s+earlier|comparable|corresponding|same|<YEAR>|last\s+year's)\s+(?:period|quarter))(?:\s+(?:of\s+)?(?:fiscal\s+)?(?:<YEAR>|this\s+year|last\s+year|next\s+year|the\s+year|a\s+year\s+(?:ago|earlier)))?\b",
        ),
        build(
            Season,
            r"\b(?:(?:the|this|last|next|this\s+past|this\s+coming|early|late)\s+|<EDGE>)*(?:spring|summer|fall|autumn|winter)(?:\s+of\s+<YEAR>|\s+<YEAR>)?\b",
        ),
        build(
            Year,
            r"(?:\b<EDGE>|\b(?:post|pre)-)?(?:\b(?:fiscal|calendar|model|crop|school|tax|financial)(?:\s+year)?\s+|\bFY\s*)?\b<YEAR>\b",
        ),
        build(
            SpokenYear,
            r"\b(?:the\s+year\s+)?(?:nineteen(?:\s+hundred(?:\s+and)?)?\s+(?:<TENS>(?:[-\s]<ONES>)?|<TEENS>|o[-\s]?<ONES>)|two\s+thousand(?:\s+and)?(?:\s+(?:<ONES>|<TEENS>))?)\b",
        ),
        build(
            Decade,
            r"\b(?:the\s+)?(?:<EDGE>)?(?:(?:1[5-9]|20)\d0s\b|'\d0s\b|(?-i:the\s+)(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b)",
        ),
        build(
            Century,
            r"\b(?:the\s+)?(?:<EDGE>)?(?:(?:\d{1,2}(?:st|nd|rd|th)|<ORDW>)[-\s]+century|(?:this|last|next|the\s+last|the\s+next|the\s+previous)\s+century)\b",
        ),
        build(
            DayWord,
            r"\b(?:(?:early|late|earlier|later|mid)[-\s]+)?(?:the\s+day\s+(?:before|after)\s+)?(?:today|yesterday|tomorrow|tonight)(?:\s+(?:morning|afternoon|evening|night))?\b",
        ),
        build(
            DayWord,
            r"\b(?:(?:early|late|earlier|later|mid)[-\s]+)?(?:this|last|yesterday|tomorrow|the)\s+(?:morning|afternoon|evening|night)\b",
        ),
        build(
            DayWord,
            r"\b(?:(?:early|late|mid)[-\s]+)?(?:morning|afternoon|evening)\s+(?:today|yesterday|tomorrow)\b",
        ),
        build(DayWord, r"\b(?:overnight|mid[-\s]?afternoon|midday)\b"),
        build(
            Weekday,
            r"\b(?:(?:last|this|next|this\s+past|this\s+coming|the\s+previous|the\s+following|the\s+next|coming)\s+)?<WEEKDAY>s?(?:\s+(?:morning|afternoon|evening|night)s?)?\b",
        ),
        build(
            Time,
            r"\b(?:(?:around|about|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?(?:[01]?\d(?::[0-5]\d)?\s*(?:a\.m\.?|p\.m\.?|am\b|pm\b)|[01]?\d(?::[0-5]\d)?\s+o'clock|[01]?\d:[0-5]\d\b|[01]?\d\s+in\s+the\s+(?:morning|afternoon|evening)|noon\b|midnight\b)(?:\s+(?:\(?(?:EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET)\)?|local\s+time)\b)?(?:,?\s+(?:today|yesterday|tomorrow|tonight|<WEEKDAY>|<MONTH>\s*(?:0?[1-9]|[12]\d|3[01])\b))?",
        ),
        build(
            RelUnit,
            r"\b(?:(?:early|late|mid|earlier|later|sometime)[-\s]+)?(?:the\s+)?(?:last|past|previous|next|coming|following|current|same|latest|this|that|present|prior|preceding|this\s+past|this\s+coming|that\s+same)\s+(?:fiscal\s+|calendar\s+)?(?:week|weekend|month|year|quarter|decade|century|day|morning|afternoon|evening|night)\b(?:\s+or\s+so)?",
        ),
        build(
            RelUnit,
            r"\b(?:earlier|later|early|late)\s+in\s+the\s+(?:week|month|year|decade|century|day)\b",
        ),
        build(
            TheUnit,
            r"\b(?:<EDGE>(?:the\s+|this\s+|last\s+|next\s+)?|the\s+)(?:(?:full|fiscal|calendar|whole|entire)\s+)?(?:week|weekend|month|year|quarter|decade|day)\b",
        ),
        build(TheUnit, r"\b(?:year[-\s]end|year's\s+end)\b"),
        build(
            Ago,
            r"\b<QMOD>?(?:<NUMBER>|a\s+(?:year|decade|month|week|day)\s+or\s+(?:so|two))[-\s]+(?:more\s+)?(?:<UNIT>|seconds?)(?:\s+or\s+so)?\s+(?:ago|earlier|from\s+now|hence)\b",
        ),
        build(
            Duration,
            r"\b(?:the\s+|each\s+of\s+the\s+)?(?:(?:past|last|next|first|final|coming|previous|following|latest|initial|same|remaining|full|entire|whole|better\s+part\s+of\s+the)\s+)?<QMOD>?<NUMBER>(?:(?:\s+or|\s+to|-)\s+<NUMBER>)?(?:\s+or\s+so)?[-\s]+(?:more\s+|full\s+|straight\s+|consecutive\s+|trading\s+|business\s+|working\s+|calendar\s+|long\s+)?(?:<UNIT>|seconds?)(?:\s+or\s+(?:so|more|longer))?(?:-(?:long|old))?\b",
        ),
        build(
            LongAdj,
            r"\b(?:(?:years|decades|months|weeks|days|hours|centuries|day|year|month|week|hour|night)[-\s]long|(?:years|decades|months|weeks|centuries)-old)\b",
        ),
        build(
            BarePlural,
            r"\b(?:for|in|within|over|after|take|takes|took|taking|lasted|lasts)\s+(?:days|weeks|months|years|decades|centuries|hours|minutes|a\s+(?:long\s+|short\s+|little\s+)?while|some\s+time|a\s+long\s+time)\b",
        ),
        build(
            RecentPlural,
            r"\b(?:(?:the\s+)?(?:recent|coming|past|future|ensuing|following|next|last)\s+)(?:few\s+)?(?:days|weeks|months|years|decades|quarters)(?:\s+(?:and|or)\s+(?:days|weeks|months|years|decades))?\b",
        ),
        build(
            Set,
            r"\b(?:every|each|per)\s+(?:other\s+)?(?:(?:<NUMBER>|couple\s+of|few)\s+)?(?:<UNIT>|seconds?|<WEEKDAY>|<MONTHF>|morning|afternoon|evening|night|spring|summer|fall|autumn|winter)\b",
        ),
        build(
            Set,
            r"\b(?:daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly|semiannually|twice\s+(?:a|per)\s+(?:day|week|month|year)|once\s+(?:a|per)\s+(?:day|week|month|year))\b",
        ),
        build(
            Ref,
            r"\bnow\b|\b(?:currently|nowadays|presently|lately|(?:more\s+|most\s+|very\s+|only\s+)?recently|these\s+days|at\s+present|(?:the\s+)?present\s+day|the\s+(?:near\s+|distant\s+|foreseeable\s+|immediate\s+)?(?:future|past)|the\s+(?:near|short|long)\s+term|as\s+soon\s+as\s+possible|a\s+later\s+date|current)\b",
        ),
        build(
            Holiday,
            r"\b(?:(?:last|this|next|this\s+past|this\s+coming)\s+)?<HOLIDAY>(?:\s+<YEAR>)?\b",
        ),
        build(Ago, r"\b(?:days|weeks|months|years|decades)\s+ago\b"),
        build(
            BarePlural,
            r"\bthe\s+(?:days|weeks|months|years)\s+(?:before|after|that\s+followed|following|leading|since|ahead|to\s+come)\b",
        ),
        build(YearAgoAdj, r"\byear[-\s](?:ago|earlier)\b"),
    ]
});

/// A recognised candidate span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    /// Byte offset.
    pub start: usize,
    /// Byte offset one past the end.
    pub end: usize,
    /// The rule's kind.
    pub kind: Kind,
    /// The rule's index (priority).
    pub rule: usize,
}

/// Words (case-insensitive substrings) one of which every match of a rule
/// of this kind contains: a rule runs only on texts that have one, so most
/// rules skip most articles after a single keyword pass.
fn keys(kind: Kind) -> &'static [&'static str] {
    use Kind::*;
    const DIGITS: &[&str] = &["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
    const MONTHS: &[&str] = &[
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    const UNITS: &[&str] = &[
        "minute",
        "hour",
        "day",
        "week",
        "fortnight",
        "month",
        "quarter",
        "year",
        "decade",
        "centur",
        "second",
    ];
    match kind {
        Iso | Year => DIGITS,
        Slash => &["/"],
        MonthDay | DayMonth | MonthYear | Month => MONTHS,
        SpokenYear => &["nineteen", "thousand"],
        Decade => &["0s", "ties"],
        Century => &["centur"],
        Season => &["spring", "summer", "fall", "autumn", "winter"],
        Quarter => &["quarter", "half", "period"],
        DayWord => &[
            "today",
            "yesterday",
            "tomorrow",
            "night",
            "morning",
            "afternoon",
            "evening",
            "midday",
        ],
        Weekday => &["day"],
        Time => &[
            "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "noon", "midnight",
        ],
        RelUnit => &[
            "week",
            "month",
            "year",
            "quarter",
            "decade",
            "centur",
            "day",
            "morning",
            "afternoon",
            "evening",
            "night",
        ],
        TheUnit => &["week", "month", "year", "quarter", "decade", "day"],
        Ago => &["ago", "earlier", "now", "hence"],
        Duration => UNITS,
        LongAdj => &["long", "old"],
        BarePlural => &[
            "day", "week", "month", "year", "decade", "centur", "hour", "minute", "while", "time",
        ],
        RecentPlural => &["day", "week", "month", "year", "decade", "quarter"],
        Set => &[
            "every", "each", "per", "daily", "weekly", "monthly", "annually", "yearly", "hourly",
            "nightly", "twice", "once",
        ],
        Ref => &[
            "now", "current", "present", "lately", "recent", "days", "future", "past", "term",
            "possible", "date",
        ],
        Holiday => &[
            "christmas",
            "new year",
            "thanksgiving",
            "easter",
            "good friday",
            "independence",
            "memorial",
            "labor",
            "veterans",
            "election",
            "halloween",
            "valentine",
            "boxing",
            "mother",
            "father",
            "luther",
            "president",
            "columbus",
        ],
        YearAgoAdj => &["year"],
    }
}

/// The keyword pass: every key of every rule, and for each rule the keys
/// that let it run.
struct Gate {
    matcher: AhoCorasick,
    rule_keys: Vec<Vec<usize>>,
    key_count: usize,
}

static GATE: LazyLock<Gate> = LazyLock::new(|| {
    let mut all: Vec<&'static str> = Vec::new();
    let rule_keys = RULES
        .iter()
        .map(|r| {
            keys(r.kind)
                .iter()
                .map(|k| match all.iter().position(|a| a == k) {
                    Some(i) => i,
                    None => {
                        all.push(k);
                        all.len() - 1
                    }
                })
                .collect()
        })
        .collect();
    let matcher = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(&all)
        .expect("date keywords build");
    Gate {
        matcher,
        rule_keys,
        key_count: all.len(),
    }
});

/// Runs every rule whose keywords occur in `text` and returns all
/// candidates.
pub fn candidates(text: &str) -> Vec<Candidate> {
    let gate = &*GATE;
    let mut present = vec![false; gate.key_count];
    for m in gate.matcher.find_overlapping_iter(text) {
        present[m.pattern().as_usize()] = true;
    }
    let mut out = Vec::new();
    for (i, rule) in RULES.iter().enumerate() {
        if !gate.rule_keys[i].iter().any(|&k| present[k]) {
            continue;
        }
        for m in rule.re.find_iter(text) {
            if m.start() < m.end() {
                out.push(Candidate {
                    start: m.start(),
                    end: m.end(),
                    kind: rule.kind,
                    rule: i,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_rules_compile() {
        assert!(RULES.len() > 20);
    }

    /// Every match of every rule contains one of its keywords, so the
    /// keyword gate never hides a match.
    #[test]
    fn every_match_holds_a_keyword() {
        let text = "On Saturday, Sept. 23, 2023, the fall of 2020 and the 1990s, 44 days, \
            three days, years-long, the '90s, nineteen ninety-six, the 20th century, \
            last week, the third quarter, a year earlier, two years ago, 3 p.m. EST Thursday, \
            noon Friday, every year, weekly, twice a month, now, recently, the near term, \
            Christmas Eve, year-end, the year ended, for years, in recent months, 9/23/23, \
            2023-09-23, 23 September 2023, January this year, early March, tonight, \
            the next morning, the days before, for a while, the weekend, mid-1996.";
        let mut seen = 0;
        for rule in RULES.iter() {
            for m in rule.re.find_iter(text) {
                seen += 1;
                let found = m.as_str().to_ascii_lowercase();
                assert!(
                    keys(rule.kind).iter().any(|k| found.contains(k)),
                    "{:?} matched {:?} without a keyword",
                    rule.kind,
                    m.as_str()
                );
            }
        }
        assert!(seen > 40, "only {seen} matches");
    }

    #[test]
    fn month_names_must_be_capitalised() {
        let found = candidates("they may march in the fall");
        assert!(
            !found
                .iter()
                .any(|c| matches!(c.kind, Kind::Month | Kind::MonthDay)),
            "{found:?}"
        );
    }
}
