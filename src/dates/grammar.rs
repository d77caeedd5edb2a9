//! The rules of date recognition as data: what each finds, its key words
//! and their guards, its reach and its pattern. Shared by the library
//! (`dates::patterns`) and the build script, which compiles every pattern
//! into a dense DFA at build time; so this file stands alone (no `use`).

/// The key words of the decade rule: the "0s" of "1990s" and "'80s", then
/// the decades in words.
const DECADE_KEYS: &[&str] = &[
    "0s",
    "twenties",
    "thirties",
    "forties",
    "fifties",
    "sixties",
    "seventies",
    "eighties",
    "nineties",
];

/// The decades in words, in order from "twenties" (the 1920s).
pub const DECADE_WORDS: &[&str] = DECADE_KEYS.split_at(1).1;

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

/// One rule: what it finds, where it may match and its pattern.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// What it finds.
    pub kind: Kind,
    /// Words one of which every match contains.
    pub keys: Keys,
    /// How far around a key word a match can lie.
    pub reach: Reach,
    /// The pattern, with `<NAME>` placeholders for the fragments (see
    /// [`expand`]).
    pub pattern: &'static str,
}

const fn spec(kind: Kind, keys: Keys, reach: Reach, pattern: &'static str) -> Spec {
    Spec {
        kind,
        keys,
        reach,
        pattern,
    }
}

/// How far a rule's matches lie around their key words, in bytes: every
/// match starts at most `back` bytes before the start of (the first of) its
/// key words, and the shortest match from that start ends at most `ahead`
/// bytes after that word's end. A rule runs only in windows so wide around
/// its key words.
///
/// Measured on the news corpus and TempEval (the ignored test
/// `measure_reach` prints the figures) and widened by 8 to 32 bytes for
/// runs of whitespace and longer modifiers; the windowed search then finds
/// exactly what a whole-text search finds (the ignored corpus test).
#[derive(Debug, Clone, Copy)]
pub struct Reach {
    /// Bytes before the key word's start where a match may start.
    pub back: usize,
    /// Bytes after the key word's end where the shortest match ends.
    pub ahead: usize,
    /// The words (lowercase, in lists) that what comes before the key word in a
    /// match is made of, with spaces, hyphens and commas between them: a
    /// match holding the key word starts no earlier than the run of these
    /// words right before it (on the key word when there is none), and
    /// the rule's window starts there too. `None`: any text may come
    /// before (the window always reaches `back`).
    pub lead: Option<&'static [&'static [&'static str]]>,
    /// Whether numbers (runs of digits, `.`, `,` and `/`, as "1,000" and
    /// "2.5" and "1/2") may also lead the key word, among the words of
    /// `lead`.
    pub lead_numbers: bool,
}

const fn reach(back: usize, ahead: usize) -> Reach {
    Reach {
        back,
        ahead,
        lead: None,
        lead_numbers: false,
    }
}

impl Reach {
    /// The same reach, with the words that may lead the key word.
    const fn led_by(self, words: &'static [&'static [&'static str]]) -> Reach {
        Reach {
            lead: Some(words),
            ..self
        }
    }

    /// The same reach, with the words and the numbers that may lead the
    /// key word.
    const fn led_by_numbers_and(self, words: &'static [&'static [&'static str]]) -> Reach {
        Reach {
            lead: Some(words),
            lead_numbers: true,
            ..self
        }
    }
}

/// The words of an `<EDGE>` ("early", "the very end of the").
const EDGE_WORDS: &[&str] = &[
    "early",
    "late",
    "mid",
    "the",
    "very",
    "end",
    "beginning",
    "start",
    "middle",
    "close",
    "turn",
    "first",
    "second",
    "last",
    "half",
    "latter",
    "part",
    "rest",
    "remainder",
    "balance",
    "of",
];

/// The words of a `<REL>` ("last", "this coming").
const REL_WORDS: &[&str] = &["last", "this", "next", "past", "coming"];

/// The words that lead a month name ("early March", "last June").
const MONTH_LEAD: &[&[&str]] = &[EDGE_WORDS, REL_WORDS];

/// The words that lead a month name before a year ("mid-March 1990").
const EDGE_LEAD: &[&[&str]] = &[EDGE_WORDS];

/// The words that lead a month day ("Friday, March 3", "early March 3").
const MONTH_DAY_LEAD: &[&[&str]] = &[EDGE_WORDS, WEEKDAY_WORDS];

/// The words that lead a season ("this past spring", "the end of the
/// fall"): a month name's.
const SEASON_LEAD: &[&[&str]] = MONTH_LEAD;

/// The words that lead a weekday name ("the following Friday").
const WEEKDAY_LEAD: &[&[&str]] = &[REL_WORDS, &["the", "previous", "following"]];

/// The words that lead "today" ("the day before yesterday", "late
/// tonight").
const DAY_WORD_LEAD: &[&[&str]] = &[&[
    "early", "late", "earlier", "later", "mid", "the", "day", "before", "after",
]];

/// The words that lead a part of the day ("early this morning").
const PART_OF_DAY_LEAD: &[&[&str]] = &[&[
    "early",
    "late",
    "earlier",
    "later",
    "mid",
    "this",
    "last",
    "yesterday",
    "tomorrow",
    "the",
]];

/// The words that lead a unit in "the last fiscal year", "sometime next
/// week".
const REL_UNIT_LEAD: &[&[&str]] = &[&[
    "early",
    "late",
    "mid",
    "earlier",
    "later",
    "sometime",
    "the",
    "last",
    "past",
    "previous",
    "next",
    "coming",
    "following",
    "current",
    "same",
    "latest",
    "this",
    "that",
    "present",
    "prior",
    "preceding",
    "fiscal",
    "calendar",
]];

/// The words that lead a unit in "later in the week".
const IN_THE_LEAD: &[&[&str]] = &[&["earlier", "later", "early", "late", "in", "the"]];

/// The words that lead a unit in "the end of the fiscal year", "the
/// whole week".
const THE_UNIT_LEAD: &[&[&str]] = &[
    EDGE_WORDS,
    &[
        "this", "last", "next", "full", "fiscal", "calendar", "whole", "entire",
    ],
];

/// The words that lead the key words of "more recently", "the near
/// future", "as soon as possible", "a later date".
const REF_LEAD: &[&[&str]] = &[&[
    "more",
    "most",
    "very",
    "only",
    "these",
    "at",
    "the",
    "near",
    "distant",
    "foreseeable",
    "immediate",
    "short",
    "long",
    "as",
    "soon",
    "a",
    "later",
]];

/// The words of a `<QMOD>` ("about", "no more than", "the better part
/// of").
const QMOD_WORDS: &[&str] = &[
    "about",
    "around",
    "nearly",
    "almost",
    "roughly",
    "approximately",
    "some",
    "only",
    "just",
    "over",
    "under",
    "at",
    "least",
    "most",
    "more",
    "than",
    "less",
    "fewer",
    "up",
    "to",
    "no",
    "as",
    "many",
    "much",
    "few",
    "little",
    "an",
    "additional",
    "another",
    "a",
    "further",
    "the",
    "better",
    "part",
    "of",
];

/// The words of a `<NUMBER>` ("twenty-one", "a couple of", "dozens of").
const NUMBER_WORDS: &[&str] = &[
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "dozen",
    "dozens",
    "couple",
    "several",
    "few",
    "many",
    "some",
    "a",
    "an",
    "of",
];

/// The words (with numbers) that lead the unit of a duration ("the past
/// 44 days", "each of the last three straight weeks", "10 or so years").
const DURATION_LEAD: &[&[&str]] = &[
    QMOD_WORDS,
    NUMBER_WORDS,
    &[
        "the",
        "each",
        "of",
        "past",
        "last",
        "next",
        "first",
        "final",
        "coming",
        "previous",
        "following",
        "latest",
        "initial",
        "same",
        "remaining",
        "full",
        "entire",
        "whole",
        "better",
        "part",
        "or",
        "to",
        "so",
        "more",
        "straight",
        "consecutive",
        "trading",
        "business",
        "working",
        "calendar",
        "long",
    ],
];

/// The words (with numbers) that lead "ago" ("about two years ago", "a
/// year or so earlier", "three weeks from now").
const AGO_LEAD: &[&[&str]] = &[
    QMOD_WORDS,
    NUMBER_WORDS,
    UNITS,
    &["or", "so", "more", "from"],
];

/// The words that lead a year ("mid-1996", "fiscal year 1990", "FY 1990").
const YEAR_LEAD: &[&[&str]] = &[
    EDGE_WORDS,
    &[
        "post",
        "pre",
        "fiscal",
        "calendar",
        "model",
        "crop",
        "school",
        "tax",
        "financial",
        "year",
        "fy",
    ],
];

/// Words (matched ASCII-case-insensitively) one of which every match of a
/// rule contains, standing where `edge` says: a rule runs only around them.
#[derive(Debug, Clone, Copy)]
pub struct Keys {
    /// The words, lowercase.
    pub words: &'static [&'static str],
    /// What the text must look like where the word starts.
    pub edge: Edge,
    /// What the text must look like around the word besides.
    pub guard: Guard,
}

impl Keys {
    /// The same keys, admitted only where `guard` holds as well.
    const fn guarded(self, guard: Guard) -> Keys {
        Keys { guard, ..self }
    }
}

/// A further condition on the text around a rule's key word, which every
/// match of the rule meets: read off the rule's pattern, it spares the
/// regex search of the many windows where it fails.
#[derive(Debug, Clone, Copy)]
pub enum Guard {
    /// No further condition.
    None,
    /// The word before, past at least one space or hyphen, is one of these
    /// (lowercase, matched ASCII-case-insensitively).
    WordBefore(&'static [&'static str]),
    /// A day number follows the month word: past its letters, an optional
    /// `.` and any spaces come one or two digits (no third: "May 2023").
    DayAfter,
    /// A day number comes before: past at least one space, an optional
    /// `of` and spaces, and an optional `st`, `nd`, `rd` or `th`, a digit.
    DayBefore,
    /// A year follows the month word: past its letters, an optional `.`,
    /// spaces, commas and an optional `of`, come four digits, an
    /// apostrophe and a digit, or "this", "last" or "next".
    YearAfter,
    /// Like [`Guard::WordBefore`], or else a digit ends right before the
    /// spaces or hyphens: where a number ("44 days") may stand.
    NumberBefore(&'static [&'static str]),
    /// The word before is one of the first words, and the word before
    /// that one of the second (each past at least one space or hyphen).
    WordsBefore(&'static [&'static str], &'static [&'static str]),
    /// The word after, past at least one space, is one of these.
    WordAfter(&'static [&'static str]),
    /// A digit comes before, past any spaces ("3 p.m.", "10am").
    DigitBefore,
    /// A digit right before the key and one right after ("10:35").
    DigitsAround,
    /// The text right after the key starts with this (lowercase).
    Suffix(&'static str),
    /// The text right before the key ends with this (lowercase).
    Prefix(&'static str),
    /// One of these holds.
    AnyOf(&'static [Guard]),
    /// All of these hold.
    AllOf(&'static [Guard]),
    /// The guard paired with the key word found (its lowercase text); a
    /// key word not listed has no further condition.
    ForKey(&'static [(&'static str, Guard)]),
}

/// Where a key word starts in every match of a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    /// Not right after an ASCII letter (it may follow a digit: "3pm").
    AfterNonLetter,
    /// At the start of a word: not after an ASCII letter, digit or `_`.
    WordStart,
    /// A whole word: not after a word character, nor followed by one.
    Word,
    /// With a capital letter ("May", never "may").
    Capital,
    /// The first two digits of a whole word of four digits ("1990").
    FourDigits,
}

const fn keys(words: &'static [&'static str], edge: Edge) -> Keys {
    Keys {
        words,
        edge,
        guard: Guard::None,
    }
}

const MONTHS: Keys = keys(
    &[
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ],
    Edge::Capital,
);
/// The months' names in lowercase, January first.
pub const MONTH_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const MONTH_NAMES: Keys = keys(MONTH_WORDS, Edge::Capital);
/// The weekdays' names in lowercase, Monday first.
pub const WEEKDAY_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
const UNITS: &[&str] = &[
    "minute",
    "minutes",
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "fortnight",
    "month",
    "months",
    "quarter",
    "quarters",
    "year",
    "years",
    "decade",
    "decades",
    "century",
    "centuries",
    "second",
    "seconds",
];
const PARTS_OF_DAY: &[&str] = &["morning", "afternoon", "evening", "night"];

/// What ends right before the unit of a duration: the last word of a
/// number ("44", "twenty-one", "a couple of", "a few", "an"), of "or so",
/// or of a modifier ("three straight days").
const DURATION_BEFORE_UNIT: &[&str] = &[
    "more",
    "full",
    "straight",
    "consecutive",
    "trading",
    "business",
    "working",
    "calendar",
    "long",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
    "dozen",
    "of",
    "few",
    "several",
    "many",
    "some",
    "a",
    "an",
    "so",
];

/// What ends right before "ago", "earlier" or "hence" in "two years ago"
/// (a unit, or the "so" of "or so"), or before "now" in "from now".
const AGO_BEFORE: Guard =
    Guard::AnyOf(&[Guard::WordBefore(UNITS), Guard::WordBefore(&["so", "from"])]);

/// What ends right before "quarter", "half" or "period" in a quarter: an
/// ordinal ("third", the "rd" of "3rd"), "fiscal", a determiner, the "ago"
/// of "year-ago", the "s" of "last year's" (a year is a digit).
const QUARTER_BEFORE: &[&str] = &[
    "first",
    "second",
    "third",
    "fourth",
    "st",
    "nd",
    "rd",
    "th",
    "final",
    "last",
    "latter",
    "fiscal",
    "the",
    "latest",
    "current",
    "previous",
    "ago",
    "earlier",
    "comparable",
    "corresponding",
    "recent",
    "same",
    "this",
    "that",
    "s",
];

/// The "in the" of "7 in the morning" and "later in the week".
const IN_THE: Guard = Guard::WordsBefore(&["the"], &["in"]);

/// The last words of `<EDGE>` ("late", "the end of", "the end of the").
const EDGE_ENDS: &[&str] = &["of", "the", "early", "late", "mid"];

/// Before "future" or "past" in "the near future".
const FUTURE_BEFORE: Guard =
    Guard::WordBefore(&["the", "near", "distant", "foreseeable", "immediate"]);

const EDGE: &str = r"(?:(?:early|late|mid|the\s+(?:very\s+)?(?:end|beginning|start|middle|close|turn|first\s+half|second\s+half|last\s+half|latter\s+part|early\s+part|rest|remainder|balance)\s+of(?:\s+the)?)[-\s]+)";
const REL: &str = r"(?:last|this|next|this\s+past|this\s+coming|past|coming)";
const UNIT_WORD: &str = r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first|twenty\s+first)";
const YEAR: &str = r"(?:1[6-9]\d\d|20\d\d)";
const TENS: &str = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)";
const ONES: &str = r"(?:one|two|three|four|five|six|seven|eight|nine)";
const TEENS: &str =
    r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)";

/// Regex fragment: a month name or abbreviation, capitalised (or all
/// capitals), so that "march" the verb and "may" the verb never match.
pub const MONTH: &str = r"(?:(?-i:January|February|March|April|May|June|July|August|September|October|November|December|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)|(?-i:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)";

/// Regex fragment: a month name spelled out (no abbreviations), capitalised.
pub const MONTH_FULL: &str =
    r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December)";

/// Regex fragment: a weekday name, capitalised.
pub const WEEKDAY: &str = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY)";

/// Regex fragment: a cardinal written as digits or words (up to ninety-nine,
/// hundreds and thousands), or "a"/"an" and vague quantities.
pub const NUMBER: &str = r"(?:\d+(?:[.,]\d+)?(?:\s+1/2)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a\s+hundred|hundreds\s+of|a\s+thousand|thousands\s+of|a\s+dozen|dozens\s+of|a\s+couple\s+of|couple\s+of|a\s+few|several|few|many|some|a|an)";

/// Regex fragment: a duration unit, singular or plural (no "second": it is
/// added with a numeral only, so "second" the ordinal never matches).
pub const UNIT: &str =
    r"(?:minutes?|hours?|days?|weeks?|fortnight|months?|quarters?|years?|decades?|centur(?:y|ies))";

/// Regex fragment: a modifier in front of a quantity ("about", "more than").
pub const QUANT_MOD: &str = r"(?:(?:about|around|nearly|almost|roughly|approximately|some|only|just|over|under|at\s+least|at\s+most|more\s+than|less\s+than|fewer\s+than|up\s+to|no\s+more\s+than|no\s+less\s+than|as\s+many\s+as|as\s+much\s+as|as\s+few\s+as|as\s+little\s+as|an\s+additional|another|a\s+further|the\s+better\s+part\s+of)\s+)";

/// Regex fragment: a holiday name.
pub const HOLIDAY: &str = r"(?-i:Christmas(?:\s+(?:Day|Eve))?|New\s+Year's(?:\s+(?:Day|Eve))?|Thanksgiving(?:\s+Day)?|Easter(?:\s+(?:Sunday|Monday|week))?|Good\s+Friday|Independence\s+Day|Memorial\s+Day|Labor\s+Day|Veterans\s+Day|Election\s+Day|Halloween|Valentine's\s+Day|Boxing\s+Day|Mother's\s+Day|Father's\s+Day|Martin\s+Luther\s+King\s+(?:Jr\.\s+)?Day|Presidents'?\s+Day|Columbus\s+Day)";

/// A rule's pattern as the regex engine reads it: the fragments put in
/// for their placeholders, case-insensitive, ASCII word boundaries and
/// digits.
pub fn expand(pattern: &str) -> String {
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
    format!("(?i-u){p}")
}

/// The rules, in priority order (earlier wins between equal spans).
pub const RULE_SPECS: &[Spec] = &[
    spec(
        Kind::Iso,
        keys(&["-0", "-1"], Edge::AfterNonLetter),
        reach(8, 8),
        r"\b<YEAR>-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b",
    ),
    spec(
        Kind::Slash,
        keys(&["/"], Edge::AfterNonLetter),
        reach(8, 8),
        r"\b(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])/(?:\d{4}|\d\d)\b",
    ),
    spec(
        Kind::MonthDay,
        MONTHS.guarded(Guard::DayAfter),
        reach(48, 32).led_by(MONTH_DAY_LEAD),
        r"\b(?:<WEEKDAY>,?\s+)?(?:<EDGE>)?<MONTH>\s*(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\b(?:,?\s+(?:<YEAR>\b|'\d\d\b))?",
    ),
    spec(
        Kind::DayMonth,
        MONTHS.guarded(Guard::DayBefore),
        reach(40, 16),
        r"\b(?:<WEEKDAY>,?\s+)?(?:the\s+)?(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\s+(?:of\s+)?<MONTH>(?:,?\s+<YEAR>)?\b",
    ),
    spec(
        Kind::MonthYear,
        MONTHS.guarded(Guard::YearAfter),
        reach(48, 32).led_by(EDGE_LEAD),
        r"(?:\b<EDGE>)?\b<MONTH>(?:\s+of)?,?\s+(?:<YEAR>\b|'\d\d\b|(?:this|last|next)\s+year\b)",
    ),
    spec(
        Kind::Month,
        MONTH_NAMES,
        reach(48, 8).led_by(MONTH_LEAD),
        r"\b(?:(?:<REL>|<EDGE>)\s*)?<MONTHF>\b",
    ),
    spec(
        Kind::Quarter,
        keys(&["quarter", "half", "period"], Edge::Word)
            .guarded(Guard::NumberBefore(QUARTER_BEFORE)),
        reach(64, 8),
        r"\b(?:(?:the|this\s+year's|last\s+year's|next\s+year's|<YEAR>|fiscal|calendar|year-ago|year-earlier|year\s+earlier|comparable|corresponding|latest|current|recent|previous|past|same|most\s+recent|just-ended|just\s+ended)[-\s]+)*(?:(?:first|second|third|fourth|1st|2nd|3rd|4th|final|last|latter)[-\s]+(?:fiscal[-\s]+)?(?:quarter|half)|(?:the|latest|current|previous|year-ago|year-earlier|comparable|corresponding|recent|same|this|that)\s+quarter|(?:latest|year-ago|year-earlier|year\s+earlier|comparable|corresponding|same|<YEAR>|last\s+year's)\s+(?:period|quarter))(?:\s+(?:of\s+)?(?:fiscal\s+)?(?:<YEAR>|this\s+year|last\s+year|next\s+year|the\s+year|a\s+year\s+(?:ago|earlier)))?\b",
    ),
    spec(
        Kind::Season,
        keys(
            &["spring", "summer", "fall", "autumn", "winter"],
            Edge::WordStart,
        ),
        reach(48, 8).led_by(SEASON_LEAD),
        r"\b(?:(?:the|this|last|next|this\s+past|this\s+coming|early|late)\s+|<EDGE>)*(?:spring|summer|fall|autumn|winter)(?:\s+of\s+<YEAR>|\s+<YEAR>)?\b",
    ),
    spec(
        Kind::Year,
        keys(&["16", "17", "18", "19", "20"], Edge::FourDigits),
        reach(56, 8).led_by(YEAR_LEAD),
        r"(?:\b<EDGE>|\b(?:post|pre)-)?(?:\b(?:fiscal|calendar|model|crop|school|tax|financial)(?:\s+year)?\s+|\bFY\s*)?\b<YEAR>\b",
    ),
    spec(
        Kind::SpokenYear,
        keys(&["nineteen", "thousand"], Edge::WordStart),
        reach(40, 32),
        r"\b(?:the\s+year\s+)?(?:nineteen(?:\s+hundred(?:\s+and)?)?\s+(?:<TENS>(?:[-\s]<ONES>)?|<TEENS>|o[-\s]?<ONES>)|two\s+thousand(?:\s+and)?(?:\s+(?:<ONES>|<TEENS>))?)\b",
    ),
    spec(
        Kind::Decade,
        keys(DECADE_KEYS, Edge::AfterNonLetter),
        reach(48, 8),
        r"\b(?:the\s+)?(?:<EDGE>)?(?:(?:1[5-9]|20)\d0s\b|'\d0s\b|(?-i:the\s+)(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b)",
    ),
    spec(
        Kind::Century,
        keys(&["centur"], Edge::WordStart),
        reach(48, 8),
        r"\b(?:the\s+)?(?:<EDGE>)?(?:(?:\d{1,2}(?:st|nd|rd|th)|<ORDW>)[-\s]+century|(?:this|last|next|the\s+last|the\s+next|the\s+previous)\s+century)\b",
    ),
    spec(
        Kind::DayWord,
        keys(
            &["today", "yesterday", "tomorrow", "tonight"],
            Edge::WordStart,
        ),
        reach(32, 8).led_by(DAY_WORD_LEAD),
        r"\b(?:(?:early|late|earlier|later|mid)[-\s]+)?(?:the\s+day\s+(?:before|after)\s+)?(?:today|yesterday|tomorrow|tonight)(?:\s+(?:morning|afternoon|evening|night))?\b",
    ),
    spec(
        Kind::DayWord,
        keys(PARTS_OF_DAY, Edge::WordStart).guarded(Guard::WordBefore(&[
            "this",
            "last",
            "yesterday",
            "tomorrow",
            "the",
        ])),
        reach(40, 8).led_by(PART_OF_DAY_LEAD),
        r"\b(?:(?:early|late|earlier|later|mid)[-\s]+)?(?:this|last|yesterday|tomorrow|the)\s+(?:morning|afternoon|evening|night)\b",
    ),
    spec(
        Kind::DayWord,
        keys(&["morning", "afternoon", "evening"], Edge::WordStart).guarded(Guard::WordAfter(&[
            "today",
            "yesterday",
            "tomorrow",
        ])),
        reach(32, 24),
        r"\b(?:(?:early|late|mid)[-\s]+)?(?:morning|afternoon|evening)\s+(?:today|yesterday|tomorrow)\b",
    ),
    spec(
        Kind::DayWord,
        keys(&["overnight", "mid"], Edge::WordStart).guarded(Guard::ForKey(&[(
            "mid",
            Guard::AnyOf(&[
                Guard::Suffix("day"),
                Guard::Suffix("afternoon"),
                Guard::Suffix("-afternoon"),
                Guard::WordAfter(&["afternoon"]),
            ]),
        )])),
        reach(16, 24),
        r"\b(?:overnight|mid[-\s]?afternoon|midday)\b",
    ),
    spec(
        Kind::Weekday,
        keys(WEEKDAY_WORDS, Edge::Capital),
        reach(40, 8).led_by(WEEKDAY_LEAD),
        r"\b(?:(?:last|this|next|this\s+past|this\s+coming|the\s+previous|the\s+following|the\s+next|coming)\s+)?<WEEKDAY>s?(?:\s+(?:morning|afternoon|evening|night)s?)?\b",
    ),
    spec(
        Kind::Time,
        keys(
            &[
                ":",
                "a.m",
                "p.m",
                "am",
                "pm",
                "o'clock",
                "morning",
                "afternoon",
                "evening",
                "noon",
                "midnight",
            ],
            Edge::AfterNonLetter,
        )
        .guarded(Guard::ForKey(&[
            (":", Guard::DigitsAround),
            ("a.m", Guard::DigitBefore),
            ("p.m", Guard::DigitBefore),
            ("am", Guard::DigitBefore),
            ("pm", Guard::DigitBefore),
            ("o'clock", Guard::DigitBefore),
            ("morning", IN_THE),
            ("afternoon", IN_THE),
            ("evening", IN_THE),
        ])),
        reach(48, 16),
        r"\b(?:(?:around|about|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?(?:[01]?\d(?::[0-5]\d)?\s*(?:a\.m\.?|p\.m\.?|am\b|pm\b)|[01]?\d(?::[0-5]\d)?\s+o'clock|[01]?\d:[0-5]\d\b|[01]?\d\s+in\s+the\s+(?:morning|afternoon|evening)|noon\b|midnight\b)(?:\s+(?:\(?(?:EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET)\)?|local\s+time)\b)?(?:,?\s+(?:today|yesterday|tomorrow|tonight|<WEEKDAY>|<MONTH>\s*(?:0?[1-9]|[12]\d|3[01])\b))?",
    ),
    spec(
        Kind::RelUnit,
        keys(
            &[
                "week",
                "weekend",
                "month",
                "year",
                "quarter",
                "decade",
                "century",
                "day",
                "morning",
                "afternoon",
                "evening",
                "night",
            ],
            Edge::Word,
        )
        .guarded(Guard::WordBefore(&[
            "last",
            "past",
            "previous",
            "next",
            "coming",
            "following",
            "current",
            "same",
            "latest",
            "this",
            "that",
            "present",
            "prior",
            "preceding",
            "fiscal",
            "calendar",
        ])),
        reach(48, 16).led_by(REL_UNIT_LEAD),
        r"\b(?:(?:early|late|mid|earlier|later|sometime)[-\s]+)?(?:the\s+)?(?:last|past|previous|next|coming|following|current|same|latest|this|that|present|prior|preceding|this\s+past|this\s+coming|that\s+same)\s+(?:fiscal\s+|calendar\s+)?(?:week|weekend|month|year|quarter|decade|century|day|morning|afternoon|evening|night)\b(?:\s+or\s+so)?",
    ),
    spec(
        Kind::RelUnit,
        keys(
            &["week", "month", "year", "decade", "century", "day"],
            Edge::Word,
        )
        .guarded(IN_THE),
        reach(40, 8).led_by(IN_THE_LEAD),
        r"\b(?:earlier|later|early|late)\s+in\s+the\s+(?:week|month|year|decade|century|day)\b",
    ),
    spec(
        Kind::TheUnit,
        keys(
            &[
                "week", "weekend", "month", "year", "quarter", "decade", "day",
            ],
            Edge::Word,
        )
        .guarded(Guard::AnyOf(&[
            Guard::WordBefore(&[
                "the", "full", "fiscal", "calendar", "whole", "entire", "of", "early", "late",
                "mid",
            ]),
            Guard::WordsBefore(&["this", "last", "next"], EDGE_ENDS),
        ])),
        reach(56, 16).led_by(THE_UNIT_LEAD),
        r"\b(?:<EDGE>(?:the\s+|this\s+|last\s+|next\s+)?|the\s+)(?:(?:full|fiscal|calendar|whole|entire)\s+)?(?:week|weekend|month|year|quarter|decade|day)\b",
    ),
    spec(
        Kind::TheUnit,
        keys(&["end"], Edge::Word).guarded(Guard::WordBefore(&["year", "s"])),
        reach(16, 8),
        r"\b(?:year[-\s]end|year's\s+end)\b",
    ),
    spec(
        Kind::Ago,
        keys(&["ago", "earlier", "now", "hence"], Edge::WordStart).guarded(AGO_BEFORE),
        reach(72, 8).led_by_numbers_and(AGO_LEAD),
        r"\b<QMOD>?(?:<NUMBER>|a\s+(?:year|decade|month|week|day)\s+or\s+(?:so|two))[-\s]+(?:more\s+)?(?:<UNIT>|seconds?)(?:\s+or\s+so)?\s+(?:ago|earlier|from\s+now|hence)\b",
    ),
    spec(
        Kind::Duration,
        keys(UNITS, Edge::Word).guarded(Guard::NumberBefore(DURATION_BEFORE_UNIT)),
        reach(64, 16).led_by_numbers_and(DURATION_LEAD),
        r"\b(?:the\s+|each\s+of\s+the\s+)?(?:(?:past|last|next|first|final|coming|previous|following|latest|initial|same|remaining|full|entire|whole|better\s+part\s+of\s+the)\s+)?<QMOD>?<NUMBER>(?:(?:\s+or|\s+to|-)\s+<NUMBER>)?(?:\s+or\s+so)?[-\s]+(?:more\s+|full\s+|straight\s+|consecutive\s+|trading\s+|business\s+|working\s+|calendar\s+|long\s+)?(?:<UNIT>|seconds?)(?:\s+or\s+(?:so|more|longer))?(?:-(?:long|old))?\b",
    ),
    spec(
        Kind::LongAdj,
        keys(&["long", "old"], Edge::WordStart).guarded(Guard::ForKey(&[
            (
                "long",
                Guard::WordBefore(&[
                    "years",
                    "decades",
                    "months",
                    "weeks",
                    "days",
                    "hours",
                    "centuries",
                    "day",
                    "year",
                    "month",
                    "week",
                    "hour",
                    "night",
                ]),
            ),
            (
                "old",
                Guard::AllOf(&[
                    Guard::Prefix("-"),
                    Guard::WordBefore(&["years", "decades", "months", "weeks", "centuries"]),
                ]),
            ),
        ])),
        reach(32, 8),
        r"\b(?:(?:years|decades|months|weeks|days|hours|centuries|day|year|month|week|hour|night)[-\s]long|(?:years|decades|months|weeks|centuries)-old)\b",
    ),
    spec(
        Kind::BarePlural,
        keys(
            &[
                "days",
                "weeks",
                "months",
                "years",
                "decades",
                "centuries",
                "hours",
                "minutes",
                "while",
                "time",
            ],
            Edge::Word,
        )
        .guarded(Guard::WordBefore(&[
            "for", "in", "within", "over", "after", "take", "takes", "took", "taking", "lasted",
            "lasts", "a", "long", "short", "little", "some",
        ])),
        reach(40, 16),
        r"\b(?:for|in|within|over|after|take|takes|took|taking|lasted|lasts)\s+(?:days|weeks|months|years|decades|centuries|hours|minutes|a\s+(?:long\s+|short\s+|little\s+)?while|some\s+time|a\s+long\s+time)\b",
    ),
    spec(
        Kind::RecentPlural,
        keys(
            &["days", "weeks", "months", "years", "decades", "quarters"],
            Edge::Word,
        )
        .guarded(Guard::WordBefore(&[
            "recent",
            "coming",
            "past",
            "future",
            "ensuing",
            "following",
            "next",
            "last",
            "few",
        ])),
        reach(40, 16),
        r"\b(?:(?:the\s+)?(?:recent|coming|past|future|ensuing|following|next|last)\s+)(?:few\s+)?(?:days|weeks|months|years|decades|quarters)(?:\s+(?:and|or)\s+(?:days|weeks|months|years|decades))?\b",
    ),
    spec(
        Kind::Set,
        keys(&["every", "each", "per"], Edge::Word),
        reach(8, 40),
        r"\b(?:every|each|per)\s+(?:other\s+)?(?:(?:<NUMBER>|couple\s+of|few)\s+)?(?:<UNIT>|seconds?|<WEEKDAY>|<MONTHF>|morning|afternoon|evening|night|spring|summer|fall|autumn|winter)\b",
    ),
    spec(
        Kind::Set,
        keys(
            &[
                "daily",
                "weekly",
                "monthly",
                "annually",
                "yearly",
                "hourly",
                "nightly",
                "biweekly",
                "semiannually",
                "twice",
                "once",
            ],
            Edge::Word,
        ),
        reach(8, 24),
        r"\b(?:daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly|semiannually|twice\s+(?:a|per)\s+(?:day|week|month|year)|once\s+(?:a|per)\s+(?:day|week|month|year))\b",
    ),
    spec(
        Kind::Ref,
        keys(
            &[
                "now", "current", "present", "lately", "recent", "days", "future", "past", "term",
                "possible", "date",
            ],
            Edge::WordStart,
        )
        .guarded(Guard::ForKey(&[
            ("recent", Guard::Suffix("ly")),
            ("days", Guard::WordBefore(&["these"])),
            ("future", FUTURE_BEFORE),
            ("past", FUTURE_BEFORE),
            ("term", Guard::WordBefore(&["near", "short", "long"])),
            ("possible", Guard::WordBefore(&["as"])),
            ("date", Guard::WordBefore(&["later"])),
            (
                "present",
                Guard::AnyOf(&[
                    Guard::Suffix("ly"),
                    Guard::WordBefore(&["at"]),
                    Guard::WordAfter(&["day"]),
                ]),
            ),
        ])),
        reach(40, 16).led_by(REF_LEAD),
        r"\bnow\b|\b(?:currently|nowadays|presently|lately|(?:more\s+|most\s+|very\s+|only\s+)?recently|these\s+days|at\s+present|(?:the\s+)?present\s+day|the\s+(?:near\s+|distant\s+|foreseeable\s+|immediate\s+)?(?:future|past)|the\s+(?:near|short|long)\s+term|as\s+soon\s+as\s+possible|a\s+later\s+date|current)\b",
    ),
    spec(
        Kind::Holiday,
        keys(
            &[
                "christmas",
                "year's",
                "thanksgiving",
                "easter",
                "friday",
                "halloween",
                "day",
            ],
            Edge::Capital,
        )
        .guarded(Guard::ForKey(&[
            ("friday", Guard::WordBefore(&["good"])),
            // The "s" of "New Year's", the empty word after "Jr." or
            // "Presidents'".
            (
                "day",
                Guard::WordBefore(&[
                    "christmas",
                    "s",
                    "thanksgiving",
                    "independence",
                    "memorial",
                    "labor",
                    "veterans",
                    "election",
                    "boxing",
                    "king",
                    "presidents",
                    "columbus",
                    "",
                ]),
            ),
        ])),
        reach(40, 16),
        r"\b(?:(?:last|this|next|this\s+past|this\s+coming)\s+)?<HOLIDAY>(?:\s+<YEAR>)?\b",
    ),
    spec(
        Kind::Ago,
        keys(&["ago"], Edge::WordStart),
        reach(24, 8).led_by(&[UNITS]),
        r"\b(?:days|weeks|months|years|decades)\s+ago\b",
    ),
    spec(
        Kind::BarePlural,
        keys(&["days", "weeks", "months", "years"], Edge::WordStart)
            .guarded(Guard::WordBefore(&["the"])),
        reach(24, 32),
        r"\bthe\s+(?:days|weeks|months|years)\s+(?:before|after|that\s+followed|following|leading|since|ahead|to\s+come)\b",
    ),
    spec(
        Kind::YearAgoAdj,
        keys(&["ago", "earlier"], Edge::Word).guarded(Guard::WordBefore(&["year"])),
        reach(16, 8),
        r"\byear[-\s](?:ago|earlier)\b",
    ),
];
