//! Closed word classes the speaker finder needs: pronouns, determiners,
//! function words that end a name, titles stripped from names, adverbs and
//! auxiliaries between a subject and its verb, and the heads of anonymous
//! sources. All lookups take ASCII-lowercased words.

use super::cues::pack;
use crate::dates::lexicon::{MONTH_WORDS, WEEKDAY_WORDS};

/// A personal pronoun that can be a speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pronoun {
    /// he, him
    He,
    /// she, her
    She,
    /// they, we, I, you, it: plural, first/second person or neuter.
    Other,
}

/// The pronoun class of a word.
pub fn pronoun(w: &str) -> Option<Pronoun> {
    Some(match w {
        "he" => Pronoun::He,
        "she" => Pronoun::She,
        "they" | "we" | "i" | "it" | "you" => Pronoun::Other,
        _ => return None,
    })
}

/// Object pronouns ("according to him").
pub fn object_pronoun(w: &str) -> Option<Pronoun> {
    Some(match w {
        "him" => Pronoun::He,
        "her" => Pronoun::She,
        "them" | "us" | "me" => Pronoun::Other,
        _ => return None,
    })
}

/// Words that open a noun phrase.
pub fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "this"
            | "that"
            | "these"
            | "those"
            | "his"
            | "her"
            | "its"
            | "their"
            | "our"
            | "my"
            | "your"
            | "another"
            | "one"
            | "two"
            | "three"
            | "four"
            | "five"
            | "several"
            | "some"
            | "many"
            | "most"
            | "other"
            | "both"
            | "each"
            | "every"
            | "few"
            | "all"
            | "any"
            | "no"
    )
}

/// A weekday's full name, lowercase ("monday" .. "sunday").
pub fn is_weekday_name(w: &str) -> bool {
    WEEKDAY_WORDS.contains(&w)
}

/// Function words: they end a name run and cannot be a speaker's head
/// (weekday names, [`is_weekday_name`], count too).
const FUNCTION_WORDS: &[&str] = &[
    "a",
    "about",
    "after",
    "again",
    "against",
    "also",
    "although",
    "an",
    "and",
    "as",
    "asked",
    "at",
    "because",
    "before",
    "but",
    "by",
    "during",
    "earlier",
    "even",
    "for",
    "from",
    "however",
    "if",
    "in",
    "instead",
    "into",
    "it",
    "just",
    "last",
    "later",
    "like",
    "meanwhile",
    "more",
    "moreover",
    "not",
    "now",
    "of",
    "on",
    "once",
    "or",
    "over",
    "perhaps",
    "since",
    "so",
    "speaking",
    "still",
    "than",
    "that",
    "the",
    "then",
    "there",
    "these",
    "this",
    "those",
    "though",
    "thus",
    "to",
    "today",
    "under",
    "until",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "with",
    "without",
    "yes",
    "yet",
    "yesterday",
    "tomorrow",
    "what",
    "how",
    "is",
    "was",
    "were",
    "are",
    "be",
    "been",
    "has",
    "have",
    "had",
    "do",
    "does",
    "did",
    "will",
    "would",
    "could",
    "should",
    "can",
    "may",
    "might",
    "must",
    "shall",
    "here",
    "let",
    "according",
    "dear",
    "please",
    "thank",
    "thanks",
    "oh",
    "well",
    "no",
    "all",
    "some",
    "many",
    "every",
    "each",
    "any",
    "his",
    "her",
    "their",
    "our",
    "my",
    "your",
    "its",
    "we",
    "they",
    "he",
    "she",
    "i",
    "you",
    "nobody",
    "everyone",
    "everybody",
    "anyone",
    "anybody",
    "nothing",
    "everything",
    "something",
    "anything",
];

/// The lists of function words: [`WEEKDAY_WORDS`] and [`MONTH_WORDS`] are
/// function words too.
const FUNCTION_LISTS: [&[&str]; 3] = [FUNCTION_WORDS, WEEKDAY_WORDS, MONTH_WORDS];

/// True for a function word (`FUNCTION_LISTS`). Most words
/// asked about are not: `FUNCTION_SHAPES` turns them away on their first
/// letter, last letter and length before any string is compared.
pub fn is_function_word(w: &str) -> bool {
    let b = w.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return false;
    };
    if !(first.is_ascii_lowercase() && last.is_ascii_lowercase()) || b.len() >= 32 {
        return false;
    }
    let lengths = FUNCTION_SHAPES[usize::from(first - b'a')][usize::from(last - b'a')];
    // Function words are shorter than 16 bytes (their shapes say so).
    lengths & (1 << b.len()) != 0 && FUNCTION_KEYS.binary_search(&pack(b)).is_ok()
}

/// How many function words `FUNCTION_LISTS` holds.
const FUNCTION_COUNT: usize = FUNCTION_WORDS.len() + WEEKDAY_WORDS.len() + MONTH_WORDS.len();

/// `FUNCTION_LISTS`, each word [`pack`]ed, sorted at compile time: what a
/// word that passes `FUNCTION_SHAPES` is searched in, as one number.
static FUNCTION_KEYS: [u128; FUNCTION_COUNT] = {
    let mut keys = [0u128; FUNCTION_COUNT];
    let mut n = 0;
    let mut lists = FUNCTION_LISTS.as_slice();
    while let [list, rest @ ..] = lists {
        let mut i = 0;
        while i < list.len() {
            assert!(list[i].len() < 16);
            keys[n] = pack(list[i].as_bytes());
            n += 1;
            i += 1;
        }
        lists = rest;
    }
    // Insertion sort: a constant can call no sort.
    let mut i = 1;
    while i < n {
        let key = keys[i];
        let mut j = i;
        while j > 0 && keys[j - 1] > key {
            keys[j] = keys[j - 1];
            j -= 1;
        }
        keys[j] = key;
        i += 1;
    }
    keys
};

/// For each (first letter, last letter) pair of the function words, a bit
/// per word length: a word whose bit is clear is none of them.
static FUNCTION_SHAPES: [[u32; 26]; 26] = {
    let mut shapes = [[0u32; 26]; 26];
    let mut lists = FUNCTION_LISTS.as_slice();
    while let [list, rest @ ..] = lists {
        let mut i = 0;
        while i < list.len() {
            let b = list[i].as_bytes();
            assert!(
                b.len() < 32 && b[0].is_ascii_lowercase() && b[b.len() - 1].is_ascii_lowercase()
            );
            shapes[(b[0] - b'a') as usize][(b[b.len() - 1] - b'a') as usize] |= 1 << b.len();
            i += 1;
        }
        lists = rest;
    }
    shapes
};

/// Words allowed between a subject and its speech verb ("Trump has also
/// said", "he later told", "she was quoted as saying").
pub fn is_aux_or_adverb(w: &str) -> bool {
    matches!(
        w,
        "also"
            | "has"
            | "had"
            | "have"
            | "was"
            | "were"
            | "is"
            | "are"
            | "later"
            | "then"
            | "once"
            | "previously"
            | "recently"
            | "again"
            | "further"
            | "would"
            | "will"
            | "did"
            | "does"
            | "do"
            | "only"
            | "even"
            | "just"
            | "simply"
            | "still"
            | "first"
            | "initially"
            | "finally"
            | "quickly"
            | "often"
            | "frequently"
            | "never"
            | "ever"
            | "already"
            | "since"
            | "reportedly"
            | "publicly"
            | "privately"
            | "separately"
            | "similarly"
            | "flatly"
            | "repeatedly"
            | "quoted"
            | "as"
            | "not"
            | "earlier"
            | "too"
            | "could"
            | "might"
            | "may"
            | "can"
            | "must"
            | "should"
            | "yesterday"
            | "today"
            | "tonight"
            | "last"
            | "week"
            | "night"
            | "personally"
            | "directly"
            | "specifically"
            | "explicitly"
            | "openly"
            | "bluntly"
            | "subsequently"
            | "himself"
            | "herself"
            | "itself"
            | "themselves"
            | "however"
    )
}

/// Titles and roles written before a name, stripped from the speaker's
/// name ("President Barack Obama" -> "Barack Obama").
pub fn is_title(w: &str) -> bool {
    matches!(
        w,
        "mr" | "mrs"
            | "ms"
            | "miss"
            | "dr"
            | "prof"
            | "professor"
            | "sir"
            | "dame"
            | "lord"
            | "lady"
            | "rev"
            | "reverend"
            | "president"
            | "vice"
            | "former"
            | "sen"
            | "senator"
            | "rep"
            | "representative"
            | "congressman"
            | "congresswoman"
            | "gov"
            | "governor"
            | "mayor"
            | "minister"
            | "prime"
            | "secretary"
            | "state"
            | "defense"
            | "defence"
            | "foreign"
            | "chancellor"
            | "chairman"
            | "chairwoman"
            | "chair"
            | "chief"
            | "ceo"
            | "justice"
            | "judge"
            | "attorney"
            | "general"
            | "gen"
            | "adm"
            | "admiral"
            | "lt"
            | "col"
            | "colonel"
            | "maj"
            | "major"
            | "capt"
            | "captain"
            | "sgt"
            | "sergeant"
            | "speaker"
            | "leader"
            | "majority"
            | "minority"
            | "house"
            | "senate"
            | "democratic"
            | "republican"
            | "gop"
            | "sheriff"
            | "director"
            | "commissioner"
            | "ambassador"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "pope"
            | "king"
            | "queen"
            | "prince"
            | "princess"
            | "officer"
            | "detective"
            | "deputy"
            | "assistant"
            | "acting"
            | "interim"
            | "executive"
            | "candidate"
            | "nominee"
            | "presidential"
            | "white"
            | "press"
            | "campaign"
            | "manager"
            | "adviser"
            | "advisor"
            | "senior"
            | "national"
            | "security"
            | "of"
            | "the"
            | "u.s"
            | "us"
            | "uk"
            | "un"
            | "eu"
    )
}

/// Feminine and masculine markers before a name (titles, role nouns).
pub fn gender_marker(w: &str) -> Option<Pronoun> {
    match w {
        "mrs" | "ms" | "miss" | "spokeswoman" | "chairwoman" | "congresswoman" | "dame"
        | "lady" | "queen" | "princess" | "businesswoman" | "madam" => Some(Pronoun::She),
        "mr" | "spokesman" | "chairman" | "congressman" | "sir" | "lord" | "king" | "prince"
        | "businessman" => Some(Pronoun::He),
        _ => None,
    }
}

/// Heads of anonymous sources ("officials", "a source", "people familiar").
pub fn is_anonymous_head(w: &str) -> bool {
    matches!(
        w,
        "official"
            | "officials"
            | "source"
            | "sources"
            | "person"
            | "people"
            | "aide"
            | "aides"
            | "insider"
            | "insiders"
            | "staffer"
            | "staffers"
            | "adviser"
            | "advisers"
            | "advisor"
            | "advisors"
            | "diplomat"
            | "diplomats"
            | "someone"
            | "operative"
            | "operatives"
            | "confidant"
            | "confidants"
            | "associate"
            | "associates"
            | "individual"
            | "individuals"
            | "employee"
            | "employees"
            | "member"
            | "members"
            | "observers"
            | "witnesses"
            | "residents"
            | "activists"
            | "critics"
            | "analysts"
            | "experts"
            | "officers"
    )
}

/// Phrases after a source that make it anonymous whatever its head.
pub fn is_anonymity_word(w: &str) -> bool {
    matches!(
        w,
        "familiar"
            | "anonymity"
            | "anonymous"
            | "unnamed"
            | "unidentified"
            | "knowledgeable"
            | "close"
            | "briefed"
            | "authorized"
            | "authorised"
    )
}

/// Nouns that can head a descriptive speaker without a determiner
/// ("officials said", "police said", "analysts say").
pub fn is_bare_speaker_noun(w: &str) -> bool {
    is_anonymous_head(w)
        || matches!(
            w,
            "police"
                | "authorities"
                | "investigators"
                | "prosecutors"
                | "lawmakers"
                | "voters"
                | "supporters"
                | "opponents"
                | "republicans"
                | "democrats"
                | "economists"
                | "scientists"
                | "researchers"
                | "doctors"
                | "leaders"
                | "organizers"
                | "organisers"
                | "protesters"
                | "demonstrators"
                | "rebels"
                | "reports"
                | "polls"
                | "documents"
                | "records"
                | "data"
                | "studies"
                | "surveys"
                | "media"
                | "spokesman"
                | "spokeswoman"
                | "spokesperson"
                | "reporters"
                | "journalists"
                | "aides"
                | "allies"
                | "advocates"
                | "conservatives"
                | "liberals"
                | "progressives"
                | "delegates"
                | "senators"
                | "candidates"
                | "staff"
                | "campaigns"
                | "historians"
                | "strategists"
                | "pollsters"
                | "attorneys"
                | "lawyers"
                | "judges"
                | "militants"
                | "soldiers"
                | "troops"
                | "forces"
                | "agencies"
                | "ministries"
                | "governments"
                | "companies"
                | "firms"
        )
}

/// Last words of organisation names ("Republican National Committee",
/// "The New York Times"): a name ending so is kept whole and is not a person.
pub fn is_org_head(w: &str) -> bool {
    matches!(
        w,
        "committee"
            | "party"
            | "ministry"
            | "department"
            | "agency"
            | "council"
            | "commission"
            | "office"
            | "service"
            | "association"
            | "court"
            | "bank"
            | "union"
            | "times"
            | "post"
            | "news"
            | "network"
            | "journal"
            | "press"
            | "institute"
            | "foundation"
            | "center"
            | "centre"
            | "university"
            | "college"
            | "company"
            | "corporation"
            | "corp"
            | "inc"
            | "group"
            | "campaign"
            | "administration"
            | "government"
            | "house"
            | "senate"
            | "congress"
            | "parliament"
            | "police"
            | "army"
            | "navy"
            | "force"
            | "forces"
            | "board"
            | "bureau"
            | "authority"
            | "organization"
            | "organisation"
            | "fund"
            | "reuters"
            | "ap"
            | "afp"
            | "cnn"
            | "bbc"
            | "nbc"
            | "abc"
            | "cbs"
            | "fox"
            | "msnbc"
            | "tribune"
            | "herald"
            | "telegraph"
            | "guardian"
            | "globe"
            | "daily"
            | "magazine"
            | "agency's"
            | "project"
            | "coalition"
            | "alliance"
            | "league"
            | "caucus"
            | "assembly"
            | "cabinet"
            | "kremlin"
            | "pentagon"
            | "fbi"
            | "cia"
            | "nsa"
            | "dnc"
            | "rnc"
            | "gop"
            | "un"
            | "nato"
            | "eu"
            | "today"
            | "channel"
            | "radio"
            | "tv"
            | "television"
            | "wire"
            | "review"
            | "politico"
            | "poll"
            | "survey"
            | "study"
            | "report"
            | "statement"
            | "website"
            | "blog"
    )
}

/// Nouns for things that speak in print ("the report said", "a message
/// that said", "the ad says").
pub fn is_document_noun(w: &str) -> bool {
    matches!(
        w,
        "statement"
            | "statements"
            | "report"
            | "reports"
            | "letter"
            | "message"
            | "messages"
            | "poll"
            | "polls"
            | "survey"
            | "surveys"
            | "study"
            | "studies"
            | "memo"
            | "tweet"
            | "tweets"
            | "post"
            | "website"
            | "book"
            | "ad"
            | "ads"
            | "article"
            | "editorial"
            | "headline"
            | "sign"
            | "signs"
            | "note"
            | "analysis"
            | "filing"
            | "complaint"
            | "lawsuit"
            | "document"
            | "documents"
            | "email"
            | "emails"
            | "transcript"
            | "video"
            | "release"
            | "announcement"
            | "order"
            | "ruling"
            | "decision"
            | "opinion"
            | "bill"
            | "law"
            | "platform"
            | "petition"
            | "resolution"
            | "data"
            | "record"
            | "records"
            | "account"
            | "page"
            | "blog"
            | "column"
            | "commentary"
            | "speech"
            | "interview"
    )
}

/// Nouns for people by role ("the spokesman", "a lawyer for", "the
/// 46-year-old", "the assailant"): listed, or an agent-noun ending.
pub fn is_role_noun(w: &str) -> bool {
    const AGENT: &[&str] = &[
        "er", "or", "ist", "ian", "ant", "ent", "man", "woman", "person", "-old", "men", "ee",
        "ees",
    ];
    is_title(w)
        || AGENT
            .iter()
            .any(|s| w.len() > s.len() + 2 && w.ends_with(s))
        || matches!(
            w,
            "spokesman"
                | "spokeswoman"
                | "spokesperson"
                | "lawyer"
                | "attorney"
                | "aide"
                | "official"
                | "candidate"
                | "nominee"
                | "governor"
                | "senator"
                | "congressman"
                | "congresswoman"
                | "mayor"
                | "president"
                | "strategist"
                | "pollster"
                | "analyst"
                | "expert"
                | "economist"
                | "professor"
                | "author"
                | "writer"
                | "reporter"
                | "columnist"
                | "host"
                | "anchor"
                | "chairman"
                | "chairwoman"
                | "director"
                | "founder"
                | "owner"
                | "executive"
                | "leader"
                | "member"
                | "voter"
                | "supporter"
                | "critic"
                | "resident"
                | "woman"
                | "man"
                | "student"
                | "worker"
                | "teacher"
                | "father"
                | "mother"
                | "wife"
                | "husband"
                | "son"
                | "daughter"
                | "friend"
                | "source"
                | "person"
                | "manager"
                | "consultant"
                | "adviser"
                | "advisor"
                | "operative"
                | "activist"
                | "organizer"
                | "delegate"
                | "judge"
                | "prosecutor"
                | "officer"
                | "agent"
                | "minister"
                | "ambassador"
                | "diplomat"
                | "secretary"
                | "researcher"
                | "scientist"
                | "doctor"
                | "pastor"
                | "veteran"
                | "campaign"
                | "group"
                | "organization"
                | "committee"
                | "company"
                | "firm"
                | "agency"
                | "department"
                | "ministry"
                | "government"
                | "administration"
                | "team"
                | "network"
                | "newspaper"
                | "paper"
                | "outlet"
                | "magazine"
                | "site"
                | "user"
                | "crowd"
                | "audience"
                | "attendees"
                | "child"
                | "children"
                | "boy"
                | "girl"
                | "kid"
                | "kids"
                | "colleague"
                | "colleagues"
                | "mogul"
                | "tycoon"
                | "fans"
                | "heavyweights"
                | "billionaire"
                | "neurosurgeon"
                | "veterans"
                | "families"
                | "family"
                | "parents"
                | "protesters"
                | "rally"
                | "textbook"
                | "suit"
                | "passage"
                | "card"
                | "chief"
                | "look-alike"
                | "nonprofit"
                | "non-profit"
                | "panel"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shape_filter_keeps_every_function_word() {
        for w in FUNCTION_LISTS.iter().flat_map(|list| list.iter()) {
            assert!(is_function_word(w), "{w:?}");
        }
        for month in ["january", "may", "june", "december"] {
            assert!(is_function_word(month), "{month:?}");
        }
        for day in ["monday", "sunday"] {
            assert!(is_function_word(day) && is_weekday_name(day), "{day:?}");
        }
        assert!(FUNCTION_WORDS.len() > 100);
    }

    #[test]
    fn other_words_are_not_function_words() {
        for w in [
            "", "smith", "The", "theme", "th", "ministry", "said", "x", "mondays", "é", "the's",
        ] {
            assert!(!is_function_word(w), "{w:?}");
        }
    }

    #[test]
    fn near_misses_of_function_words_are_told_apart() {
        let listed: std::collections::HashSet<&str> = FUNCTION_LISTS
            .iter()
            .flat_map(|list| list.iter())
            .copied()
            .collect();
        for w in &listed {
            let b = w.as_bytes();
            for i in 0..b.len() {
                let mut v = b.to_vec();
                v[i] = if v[i] == b'q' { b'z' } else { b'q' };
                let v = String::from_utf8(v).unwrap();
                assert_eq!(is_function_word(&v), listed.contains(v.as_str()), "{v:?}");
            }
            let longer = format!("{w}{}", "s".repeat(16 - w.len()));
            assert!(!is_function_word(&longer), "{longer:?}");
        }
    }
}
