//! The words of temporal expressions: month and weekday names, number
//! words, units, parts of the day, seasons and holidays, with their values.
//! Also the regex fragments built from them, so recognition and
//! interpretation share one vocabulary.

/// A calendar unit of a duration or a relative expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Second.
    Second,
    /// Minute.
    Minute,
    /// Hour.
    Hour,
    /// Day.
    Day,
    /// Weekend.
    Weekend,
    /// Week.
    Week,
    /// Month.
    Month,
    /// Quarter of a year.
    Quarter,
    /// Half of a year.
    Half,
    /// Year.
    Year,
    /// Decade.
    Decade,
    /// Century.
    Century,
}

impl Unit {
    /// Parses a unit word, singular or plural ("days", "year").
    pub fn parse(word: &str) -> Option<Unit> {
        let w = word.strip_suffix("'s").unwrap_or(word);
        Some(match w {
            "second" | "seconds" => Unit::Second,
            "minute" | "minutes" => Unit::Minute,
            "hour" | "hours" => Unit::Hour,
            "day" | "days" => Unit::Day,
            "weekend" | "weekends" => Unit::Weekend,
            "week" | "weeks" | "fortnight" => Unit::Week,
            "month" | "months" => Unit::Month,
            "quarter" | "quarters" => Unit::Quarter,
            "half" | "halves" => Unit::Half,
            "year" | "years" => Unit::Year,
            "decade" | "decades" => Unit::Decade,
            "century" | "centuries" => Unit::Century,
            _ => return None,
        })
    }

    /// True for units shorter than a day (durations take the `PT` form).
    pub fn is_time(self) -> bool {
        matches!(self, Unit::Second | Unit::Minute | Unit::Hour)
    }

    /// The TIMEX3 duration letter and how many of it one unit makes.
    pub fn duration_letter(self) -> (&'static str, u32) {
        match self {
            Unit::Second => ("S", 1),
            Unit::Minute => ("M", 1),
            Unit::Hour => ("H", 1),
            Unit::Day => ("D", 1),
            Unit::Weekend => ("WE", 1),
            Unit::Week => ("W", 1),
            Unit::Month => ("M", 1),
            Unit::Quarter => ("Q", 1),
            Unit::Half => ("M", 6),
            Unit::Year => ("Y", 1),
            Unit::Decade => ("Y", 10),
            Unit::Century => ("Y", 100),
        }
    }
}

/// Month number (1-12) of a month name or abbreviation, any case, with or
/// without its period.
pub fn month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    let m = match w.as_str() {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sept" | "sep" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    };
    Some(m)
}

/// ISO weekday number (Monday 1 .. Sunday 7) of a weekday name.
pub fn weekday(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    let w = w.strip_suffix("'s").unwrap_or(&w);
    let w = w
        .strip_suffix('s')
        .filter(|w| w.ends_with("day"))
        .unwrap_or(w);
    Some(match w {
        "monday" | "mon" => 1,
        "tuesday" | "tue" | "tues" => 2,
        "wednesday" | "wed" => 3,
        "thursday" | "thu" | "thur" | "thurs" => 4,
        "friday" | "fri" => 5,
        "saturday" | "sat" => 6,
        "sunday" | "sun" => 7,
        _ => return None,
    })
}

/// Season code (`SP`, `SU`, `FA`, `WI`) of a season word.
pub fn season(word: &str) -> Option<&'static str> {
    Some(match word {
        "spring" => "SP",
        "summer" => "SU",
        "fall" | "autumn" => "FA",
        "winter" => "WI",
        _ => return None,
    })
}

/// Part-of-day code (`MO`, `AF`, `EV`, `NI`) of a word.
pub fn part_of_day(word: &str) -> Option<&'static str> {
    Some(match word {
        "morning" | "mornings" => "MO",
        "afternoon" | "afternoons" | "midday" => "AF",
        "evening" | "evenings" => "EV",
        "night" | "nights" | "tonight" | "overnight" => "NI",
        _ => return None,
    })
}

/// The value of a number word or numeral ("three", "twenty", "44",
/// "a", "an"); `None` for anything else.
pub fn number(word: &str) -> Option<u32> {
    if let Ok(n) = word.replace(',', "").parse::<u32>() {
        return Some(n);
    }
    let n = match word {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        "hundred" => 100,
        "thousand" => 1000,
        "dozen" => 12,
        "couple" => 2,
        _ => return None,
    };
    Some(n)
}

/// Words that stand for an unknown quantity ("several years" -> `PXY`).
pub fn vague_quantity(word: &str) -> bool {
    matches!(
        word,
        "several" | "few" | "many" | "some" | "numerous" | "recent" | "coming" | "past"
    )
}

/// The ordinal value of "first" .. "fourth", "1st" .. "4th", "last".
pub fn ordinal(word: &str) -> Option<u32> {
    Some(match word {
        "first" | "1st" => 1,
        "second" | "2nd" => 2,
        "third" | "3rd" => 3,
        "fourth" | "4th" => 4,
        "fifth" | "5th" => 5,
        "sixth" | "6th" => 6,
        "seventh" | "7th" => 7,
        "eighth" | "8th" => 8,
        "ninth" | "9th" => 9,
        "tenth" | "10th" => 10,
        _ => return None,
    })
}

pub use super::grammar::{
    HOLIDAY, MONTH, MONTH_FULL, MONTH_WORDS, NUMBER, QUANT_MOD, UNIT, WEEKDAY, WEEKDAY_WORDS,
};

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! t {
        ($f:ident($w:expr) => $v:expr) => {
            assert_eq!($f($w), $v, "{}({:?})", stringify!($f), $w);
        };
    }

    #[test]
    fn words() {
        t!(month("Sept.") => Some(9));
        t!(month("may") => Some(5));
        t!(month("mayday") => None);
        t!(weekday("Fridays") => Some(5));
        t!(weekday("Saturday's") => Some(6));
        t!(number("forty") => Some(40));
        t!(number("1,500") => Some(1500));
        t!(number("an") => Some(1));
        t!(ordinal("third") => Some(3));
        t!(season("fall") => Some("FA"));
        assert_eq!(Unit::parse("centuries"), Some(Unit::Century));
        assert_eq!(Unit::parse("year's"), Some(Unit::Year));
    }
}
