//! Table-driven tests: one line per phenomenon, each naming the sentence,
//! the publication date, the expected span and its TIMEX3 type and value.

use chrono::NaiveDate;

use super::find_dates;

fn dct(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

fn found(text: &str, date: &str) -> Vec<(String, String, String)> {
    find_dates(text, dct(date))
        .into_iter()
        .map(|s| (text[s.start..s.end].to_string(), s.timex_type, s.value))
        .collect()
}

/// `t!(text, dct, span, type, value)`: `span` is found with that type and value.
macro_rules! t {
    ($text:expr, $dct:expr, $span:expr, $ty:expr, $value:expr) => {{
        let got = found($text, $dct);
        assert!(
            got.iter()
                .any(|(s, ty, v)| s == $span && ty == $ty && v == $value),
            "{:?} (DCT {}): wanted {:?} {} {}, got {:?}",
            $text,
            $dct,
            $span,
            $ty,
            $value,
            got
        );
    }};
}

/// `none!(text, dct, span)`: nothing overlapping `span` is found.
macro_rules! none {
    ($text:expr, $dct:expr, $span:expr) => {{
        let got = found($text, $dct);
        let at = $text.find($span).expect("span in text");
        let end = at + $span.len();
        let spans = find_dates($text, dct($dct));
        assert!(
            !spans.iter().any(|s| s.start < end && at < s.end),
            "{:?}: wanted nothing on {:?}, got {:?}",
            $text,
            $span,
            got
        );
    }};
}

const SEED: &str = "2023-09-23";

#[test]
#[rustfmt::skip]
fn seed_article() {
    t!("Baku sent fuel to the Armenian residents in the Karabakh region on Saturday, according to reports.", SEED, "Saturday", "DATE", "2023-09-23");
    t!("The separatists agreed to disarm under a cease-fire agreement reached on Thursday.", SEED, "Thursday", "DATE", "2023-09-21");
    t!("Azerbaijan on Wednesday suspended its counterterrorism measures.", SEED, "Wednesday", "DATE", "2023-09-20");
    t!("In the fall of 2020, Azerbaijan liberated several cities.", SEED, "the fall of 2020", "DATE", "2020-FA");
    t!("they won a years-long conflict in the 1990s that claimed lives.", SEED, "the 1990s", "DATE", "199");
    t!("they won a years-long conflict in the 1990s that claimed lives.", SEED, "years-long", "DURATION", "PXY");
    t!("during 44 days of clashes.", SEED, "44 days", "DURATION", "P44D");
    t!("Eyvazov added three days after Azerbaijan staged an offensive.", SEED, "three days", "DURATION", "P3D");
    t!("Relations have been tense since 1991, when the military occupied Karabakh.", SEED, "1991", "DATE", "1991");
    t!("in the wake of a brief but brutal 2020 war in which Azerbaijan reclaimed land.", SEED, "2020", "DATE", "2020");
    t!("But Moscow is now bogged down in a war in Ukraine.", SEED, "now", "DATE", "PRESENT_REF");
}

#[test]
#[rustfmt::skip]
fn absolute_dates() {
    t!("It happened on September 23, 2023 in Baku.", SEED, "September 23, 2023", "DATE", "2023-09-23");
    t!("It happened on 23 Sept. 2023 in Baku.", SEED, "23 Sept. 2023", "DATE", "2023-09-23");
    t!("It happened on 2023-09-23 in Baku.", SEED, "2023-09-23", "DATE", "2023-09-23");
    t!("It happened on 9/23/23 in Baku.", SEED, "9/23/23", "DATE", "2023-09-23");
    t!("The results came on Sept. 30.", "1989-11-02", "Sept. 30", "DATE", "1989-09-30");
    t!("He spoke on Friday, Oct. 23, in Paris.", "1989-10-30", "Friday, Oct. 23", "DATE", "1989-10-23");
    t!("Prices rose in July 1997 sharply.", SEED, "July 1997", "DATE", "1997-07");
    t!("the '90s were good", SEED, "the '90s", "DATE", "199");
    t!("in the mid-1990s things changed", SEED, "the mid-1990s", "DATE", "199");
    t!("in the 20th century", SEED, "the 20th century", "DATE", "19");
    t!("it was nineteen ninety-six then", SEED, "nineteen ninety-six", "DATE", "1996");
    t!("profit for fiscal 1989 rose", SEED, "fiscal 1989", "DATE", "1989");
    t!("music of the twenties returned", SEED, "the twenties", "DATE", "192");
    t!("as in the sixties, they marched", SEED, "the sixties", "DATE", "196");
    t!("prices of the nineties", SEED, "the nineties", "DATE", "199");
}

#[test]
#[rustfmt::skip]
fn relative_dates() {
    t!("The index fell yesterday.", "1998-01-08", "yesterday", "DATE", "1998-01-07");
    t!("The index falls today.", "1998-01-08", "today", "DATE", "1998-01-08");
    t!("Sales rose last week.", SEED, "last week", "DATE", "2023-W37");
    t!("Sales rose last year.", "1998-01-08", "last year", "DATE", "1997");
    t!("Sales will rise next year.", "1998-01-08", "next year", "DATE", "1999");
    t!("Sales rose earlier this month.", "1989-10-30", "earlier this month", "DATE", "1989-10");
    t!("Sales rose two years ago.", "1998-01-08", "two years ago", "DATE", "1996");
    t!("He arrived three days ago.", "1998-01-08", "three days ago", "DATE", "1998-01-05");
    t!("The board will meet next Tuesday.", SEED, "next Tuesday", "DATE", "2023-09-26");
    t!("The board will meet on Tuesday.", SEED, "Tuesday", "DATE", "2023-09-26");
    t!("The company said Friday it will cut jobs.", "1989-10-30", "Friday", "DATE", "1989-10-27");
    t!("The plant closed in March.", "1989-11-02", "March", "DATE", "1989-03");
    t!("The plant will close in March.", "1989-11-02", "March", "DATE", "1990-03");
    t!("Sales rose over the weekend.", "1990-08-13", "the weekend", "DATE", "1990-W32-WE");
}

#[test]
#[rustfmt::skip]
fn quarters_and_reference_time() {
    t!("Net income rose in the third quarter.", "1989-11-02", "the third quarter", "DATE", "1989-Q3");
    t!("Third-quarter profit rose.", "1989-11-02", "Third-quarter", "DATE", "1989-Q3");
    t!("Net fell in the fourth quarter.", "1990-02-10", "the fourth quarter", "DATE", "1989-Q4");
    t!("Profit in the quarter rose 5% from a year earlier.", "1989-11-02", "a year earlier", "DATE", "1988-Q3");
    t!("Third-quarter profit rose 5% from $3 a share a year ago.", "1989-11-02", "a year ago", "DATE", "1988-Q3");
    t!("In the first half of 1989 sales rose.", SEED, "the first half of 1989", "DATE", "1989-H1");
    t!("He was born in 1950. The following year his family moved.", SEED, "The following year", "DATE", "1951");
}

#[test]
#[rustfmt::skip]
fn times() {
    t!("The talks began at 3 p.m. in Geneva.", "1998-01-08", "3 p.m.", "TIME", "1998-01-08T15:00");
    t!("He called this morning.", "1998-01-08", "this morning", "TIME", "1998-01-08TMO");
    t!("He called last night.", "1998-01-08", "last night", "TIME", "1998-01-07TNI");
    t!("He called Saturday morning.", SEED, "Saturday morning", "TIME", "2023-09-23TMO");
    t!("They met at 10:35 a.m. EST Thursday.", "1998-08-07", "10:35 a.m. EST Thursday", "TIME", "1998-08-06T10:35");
}

#[test]
#[rustfmt::skip]
fn durations_and_sets() {
    t!("He was held for a decade.", SEED, "a decade", "DURATION", "P10Y");
    t!("Talks lasted the past three years.", SEED, "the past three years", "DURATION", "P3Y");
    t!("It took about three hours.", SEED, "three hours", "DURATION", "PT3H");
    t!("It took at least three hours.", SEED, "at least three hours", "DURATION", "PT3H");
    t!("refugee camps for 2 1/2 years", SEED, "2 1/2 years", "DURATION", "P2Y6M");
    t!("It took several years.", SEED, "several years", "DURATION", "PXY");
    t!("the first nine months of the year", SEED, "the first nine months", "DURATION", "P9M");
    t!("a five-year low", SEED, "five-year", "DURATION", "P5Y");
    t!("The council meets every year.", SEED, "every year", "SET", "P1Y");
    t!("The council meets weekly.", SEED, "weekly", "SET", "P1W");
    t!("The club meets each Thursday.", SEED, "each Thursday", "SET", "XXXX-WXX-4");
    t!("He is paid twice a year.", SEED, "twice a year", "SET", "P1Y");
    t!("He is paid $5 per year.", SEED, "per year", "SET", "P1Y");
    // TimeBank leaves rates after an amount unmarked; so do we.
    none!("He earns $50,000 a year.", SEED, "a year");
}

#[test]
#[rustfmt::skip]
fn references() {
    t!("It is currently unclear.", SEED, "currently", "DATE", "PRESENT_REF");
    t!("Prices rose recently.", SEED, "recently", "DATE", "PAST_REF");
    t!("Prices will rise in the future.", SEED, "the future", "DATE", "FUTURE_REF");
    t!("It was different in the past.", SEED, "the past", "DATE", "PAST_REF");
    t!("Christmas is near.", SEED, "Christmas", "DATE", "2023-12-25");
    t!("We met on Thanksgiving Day 1989.", SEED, "Thanksgiving Day 1989", "DATE", "1989-11-23");
}

#[test]
#[rustfmt::skip]
fn without_a_dct_keep_what_is_known() {
    t!("It happened on September 23 in Baku.", "", "September 23", "DATE", "XXXX-09-23");
    t!("It happened on Saturday in Baku.", "", "Saturday", "DATE", "XXXX-WXX-6");
    t!("It happened in March.", "", "March", "DATE", "XXXX-03");
    t!("It took 44 days.", "", "44 days", "DURATION", "P44D");
}

#[test]
#[rustfmt::skip]
fn negative_rules() {
    none!("Theresa May said the plan would work.", SEED, "May");
    none!("Protesters may march on the capital.", SEED, "march");
    none!("Prices may fall in the coming days.", SEED, "fall");
    none!("After the fall of the Berlin Wall, trade grew.", SEED, "fall");
    none!("He finished second in the race.", SEED, "second");
    none!("There were 1,500 people at the rally.", SEED, "1,500");
    none!("More than 2020 people signed the petition.", SEED, "2020");
    none!("The 45-year-old man was arrested.", SEED, "45-year-old");
    none!("The Dow rose 1950 points.", SEED, "1950");
    none!("He was a second cousin.", SEED, "second");
    none!("May Day parades.", SEED, "zzz".replace("zzz", "May").as_str());
}

#[test]
#[rustfmt::skip]
fn timeml_span_conventions() {
    t!("It posted a third-quarter loss.", "1989-11-02", "third-quarter", "DATE", "1989-Q3");
    t!("Earnings fell last quarter.", "1989-11-02", "last quarter", "DATE", "1989-Q3");
    t!("Profit rose from $5 in the 1988 period.", "1989-11-02", "the 1988 period", "DATE", "1988-Q3");
    t!("a two-week strike", SEED, "two-week", "DURATION", "P2W");
    t!("It lasted about five hours.", SEED, "five hours", "DURATION", "PT5H");
    t!("It lasted nearly five hours.", SEED, "nearly five hours", "DURATION", "PT5H");
    t!("Three days later, he left.", SEED, "Three days", "DURATION", "P3D");
    t!("the car was seen in the days before the shooting", SEED, "days", "DURATION", "PXD");
    t!("He stayed for a while.", SEED, "a while", "DURATION", "PXX");
    t!("the week's most active session", "1989-10-30", "the week", "DATE", "1989-W44");
    t!("Sales for the year ended Sept. 30 rose.", "1989-11-02", "the year", "DURATION", "P1Y");
    t!("a high for the year of $42", "1989-11-02", "the year", "DATE", "1989");
    t!("two new flights would leave on Tuesday nights", "1998-02-13", "Tuesday nights", "SET", "XXXX-WXX-2TNI");
    t!("The stock began trading this summer at $14 apiece.", "1989-10-30", "this summer", "DATE", "1989-SU");
    t!("WASHINGTON, August 11 (Xinhua) -- The talks began.", "1998-08-12", "August 11", "DATE", "1998-08-11");
}

#[test]
#[rustfmt::skip]
fn tense_and_reference_time() {
    t!("The dividend is payable Dec. 7 to holders of record.", "1989-10-20", "Dec. 7", "DATE", "1989-12-07");
    t!("The thrift announced the plan Aug. 21.", "1990-02-20", "Aug. 21", "DATE", "1989-08-21");
    t!("They would look for ways to get around Wednesday's ruling.", "2000-01-07", "Wednesday", "DATE", "2000-01-05");
    t!("The court postponed action until Tuesday morning.", "2000-03-30", "Tuesday morning", "TIME", "2000-04-04TMO");
    t!("Until Thursday, they had not called him a suspect.", "1999-05-07", "Thursday", "DATE", "1999-05-06");
    t!("He was killed on Oct. 23, 1998. Earlier that day, the family sent a fax.", SEED, "Earlier that day", "DATE", "1998-10-23");
    t!("He arrived in court the next morning.", "2000-02-23", "the next morning", "TIME", "2000-02-24TMO");
    t!("Third-quarter sales fell. Year-earlier sales were higher.", "1989-11-02", "Year-earlier", "DATE", "1988-Q3");
    t!("The plant closed in 1987. A year earlier it had been sold.", SEED, "A year earlier", "DATE", "1986");
    t!("We met last Thanksgiving.", "1989-11-02", "last Thanksgiving", "DATE", "1988-11-24");
}

#[test]
#[rustfmt::skip]
fn more_negative_rules() {
    none!("He had a current account deficit.", SEED, "current");
    none!("The case of Elian is for today's youth what the blockade was.", SEED, "today");
    none!("Gonzalez said on CBS's 60 Minutes that he was upset.", SEED, "60 Minutes");
    none!("a poster of Gary Cooper from the film High Noon hung there", SEED, "Noon");
    none!("James Baker said on ABC's This Week With David Brinkley that he agreed.", SEED, "This Week");
    none!("the annual March for Life on Capitol Hill", SEED, "March");
    none!("The quarter-to-quarter comparison was enhanced.", "1989-11-02", "quarter");
    none!("Iraq imports about three-quarters of its food.", SEED, "three-quarters");
    none!("He was previously announced as the winner.", SEED, "previously");
    none!("Prices fell 1.2% and the fall in oil prices continued.", SEED, "fall in");
}

#[test]
#[rustfmt::skip]
fn spans_are_valid_and_ordered() {
    let text = "On Saturday, “the fall of 2020” – 44 days – ended; années 1990s. In fiscal\u{a0}1989 and the '٩0s, ٢٠٢٠ days, Sept.\u{a0}٣ and 5\u{a0}p.m. on 3/٤/99 — the 1990s’ end; today’s.";
    // Every suffix and prefix, with and without a DCT: never a panic, and
    // every span valid, ordered and filled in.
    let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    for &i in &cuts {
        for (part, date) in [(&text[i..], SEED), (&text[..i], ""), (&text[i..], "")] {
            let spans = find_dates(part, dct(date));
            for w in spans.windows(2) {
                assert!(w[0].end <= w[1].start);
            }
            for s in &spans {
                assert!(s.start < s.end && part.is_char_boundary(s.start) && part.is_char_boundary(s.end));
                assert!(!s.value.is_empty() && !s.timex_type.is_empty());
            }
        }
    }
}

/// Sentences dense in overlapping candidates: longer and shorter readings,
/// readings trimmed inside their candidates, rejected ones.
const OVERLAPPING: &[&str] = &[
    "The company reported third-quarter earnings for the quarter ended Sept. 30, 1989.",
    "Two years ago last week, in the fall of 2020, the 1990s ended early Monday morning.",
    "About three days later, nearly 44 days after the third quarter of fiscal 1989, it rose.",
    "In March 2023 and on March 5, 2023 at 3 p.m. EST, the next morning, a year earlier.",
    "The weekend before last, the days before the vote, for a while, in recent months.",
    "May said the March for Life on Monday, Sept. 23, would start at noon Friday.",
    "The first half of next year, the year-earlier period, the same quarter a year ago.",
    "Christmas Eve 2019, every year since, weekly, twice a month, now and recently.",
    "The 30-year\nlong bond fell, the 10-year long note rose and the two-year-old rally ended.",
];

/// What [`super::choose`] picks, the eager way it stands for: every
/// candidate read on its own, then the readings taken longest first, then
/// by rule, then leftmost, each where its bytes are still free.
fn choose_eagerly(
    text: &str,
    date: Option<NaiveDate>,
    cands: &[super::patterns::Candidate],
) -> Vec<(usize, usize, String, usize)> {
    use super::interpret::{interpret, Ctx};
    let ctx = Ctx::new(text, date);
    let mut readings: Vec<_> = cands
        .iter()
        .enumerate()
        .filter_map(|(i, c)| interpret(c, &ctx).map(|f| (f, c.rule, i)))
        .collect();
    readings.sort_by_key(|(f, rule, i)| (std::cmp::Reverse(f.end - f.start), *rule, f.start, *i));
    let mut claimed = crate::resolve::Taken::default();
    let mut kept: Vec<_> = readings
        .into_iter()
        .filter(|(f, _, _)| claimed.take(f.start, f.end))
        .map(|(f, rule, _)| (f.start, f.end, f.value, rule))
        .collect();
    kept.sort();
    kept
}

#[test]
fn choice_is_the_eager_one() {
    let mut rng = crate::test_rng::XorShift(0x2545_f491_4f6c_dd1d);
    let mut chosen = 0;
    for round in 0..400 {
        let mut text = String::new();
        for _ in 0..1 + rng.below(4) {
            text.push_str(OVERLAPPING[rng.below(OVERLAPPING.len())]);
            text.push(' ');
        }
        let date = if round % 3 == 0 { None } else { dct(SEED) };
        let cands = super::patterns::candidates(&text);
        let lazy: Vec<_> = super::choose(&text, date, &cands)
            .into_iter()
            .map(|(c, f, _)| (f.start, f.end, f.value, c.rule))
            .collect();
        chosen += lazy.len();
        assert_eq!(lazy, choose_eagerly(&text, date, &cands), "{text:?}");
    }
    assert!(chosen > 2000, "only {chosen} readings chosen");
}
