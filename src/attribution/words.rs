//! Closed word classes the speaker finder needs: pronouns, determiners,
//! function words that end a name, titles stripped from names, adverbs and
//! auxiliaries between a subject and its verb, and the heads of anonymous
//! sources. All lookups take ASCII-lowercased words.

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
        "the" | "a" | "an" | "this" | "that" | "these" | "those" | "his" | "her" | "its" | "their"
            | "our" | "my" | "your" | "another" | "one" | "two" | "three" | "four" | "five"
            | "several" | "some" | "many" | "most" | "other" | "both" | "each" | "every"
            | "few" | "all" | "any" | "no"
    )
}

/// Function words: they end a name run and cannot be a speaker's head.
pub fn is_function_word(w: &str) -> bool {
    matches!(
        w,
        "a" | "about" | "after" | "again" | "against" | "also" | "although" | "an" | "and"
            | "as" | "asked" | "at" | "because" | "before" | "but" | "by" | "during" | "earlier"
            | "even" | "for" | "from" | "however" | "if" | "in" | "instead" | "into" | "it"
            | "just" | "last" | "later" | "like" | "meanwhile" | "more" | "moreover" | "not"
            | "now" | "of" | "on" | "once" | "or" | "over" | "perhaps" | "since" | "so"
            | "speaking" | "still" | "than" | "that" | "the" | "then" | "there" | "these"
            | "this" | "those" | "though" | "thus" | "to" | "today" | "under" | "until" | "when"
            | "where" | "whether" | "which" | "while" | "who" | "whom" | "why" | "with"
            | "without" | "yes" | "yet" | "yesterday" | "tomorrow" | "what" | "how" | "is"
            | "was" | "were" | "are" | "be" | "been" | "has" | "have" | "had" | "do" | "does"
            | "did" | "will" | "would" | "could" | "should" | "can" | "may" | "might" | "must"
            | "shall" | "here" | "let" | "according" | "monday" | "tuesday" | "wednesday"
            | "thursday" | "friday" | "saturday" | "sunday" | "january" | "february" | "march"
            | "april" | "june" | "july" | "august" | "september" | "october" | "november"
            | "december" | "dear" | "please" | "thank" | "thanks" | "oh" | "well" | "no"
            | "all" | "some" | "many" | "every" | "each" | "any" | "his" | "her" | "their"
            | "our" | "my" | "your" | "its" | "we" | "they" | "he" | "she" | "i" | "you"
    )
}

/// Words allowed between a subject and its speech verb ("Trump has also
/// said", "he later told", "she was quoted as saying").
pub fn is_aux_or_adverb(w: &str) -> bool {
    matches!(
        w,
        "also" | "has" | "had" | "have" | "was" | "were" | "is" | "are" | "later"
            | "then" | "once" | "previously" | "recently" | "again" | "further" | "would"
            | "will" | "did" | "does" | "do" | "only" | "even" | "just" | "simply" | "still"
            | "first" | "initially" | "finally" | "quickly" | "often" | "frequently" | "never"
            | "ever" | "already" | "since" | "reportedly" | "publicly" | "privately"
            | "separately" | "similarly" | "flatly" | "repeatedly" | "quoted" | "as" | "not"
            | "earlier" | "too" | "could" | "might" | "may" | "can" | "must" | "should"
            | "yesterday" | "today" | "tonight" | "last" | "week" | "night" | "personally"
            | "directly" | "specifically" | "explicitly" | "openly" | "bluntly" | "subsequently"
            | "himself" | "herself" | "itself" | "themselves" | "however"
    )
}

/// Titles and roles written before a name, stripped from the speaker's
/// name ("President Barack Obama" -> "Barack Obama").
pub fn is_title(w: &str) -> bool {
    matches!(
        w,
        "mr" | "mrs" | "ms" | "miss" | "dr" | "prof" | "professor" | "sir" | "dame" | "lord"
            | "lady" | "rev" | "reverend" | "president" | "vice" | "former" | "sen" | "senator"
            | "rep" | "representative" | "congressman" | "congresswoman" | "gov" | "governor"
            | "mayor" | "minister" | "prime" | "secretary" | "state" | "defense" | "defence"
            | "foreign" | "chancellor" | "chairman" | "chairwoman" | "chair" | "chief" | "ceo"
            | "justice" | "judge" | "attorney" | "general" | "gen" | "adm" | "admiral" | "lt"
            | "col" | "colonel" | "maj" | "major" | "capt" | "captain" | "sgt" | "sergeant"
            | "speaker" | "leader" | "majority" | "minority" | "house" | "senate" | "democratic"
            | "republican" | "gop" | "sheriff" | "director" | "commissioner" | "ambassador"
            | "spokesman" | "spokeswoman" | "spokesperson" | "pope" | "king" | "queen"
            | "prince" | "princess" | "officer" | "detective" | "deputy" | "assistant"
            | "acting" | "interim" | "executive" | "candidate" | "nominee" | "presidential"
            | "white" | "press" | "campaign" | "manager" | "adviser" | "advisor" | "senior"
            | "national" | "security" | "of" | "the" | "u.s" | "us" | "uk" | "un" | "eu"
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
        "official" | "officials" | "source" | "sources" | "person" | "people" | "aide" | "aides"
            | "insider" | "insiders" | "staffer" | "staffers" | "adviser" | "advisers"
            | "advisor" | "advisors" | "diplomat" | "diplomats" | "someone" | "operative"
            | "operatives" | "confidant" | "confidants" | "associate" | "associates"
            | "individual" | "individuals" | "employee" | "employees" | "member" | "members"
            | "observers" | "witnesses" | "residents" | "activists" | "critics" | "analysts"
            | "experts" | "officers"
    )
}

/// Phrases after a source that make it anonymous whatever its head.
pub fn is_anonymity_word(w: &str) -> bool {
    matches!(
        w,
        "familiar" | "anonymity" | "anonymous" | "unnamed" | "unidentified" | "knowledgeable"
            | "close" | "briefed" | "authorized" | "authorised"
    )
}

/// Nouns that can head a descriptive speaker without a determiner
/// ("officials said", "police said", "analysts say").
pub fn is_bare_speaker_noun(w: &str) -> bool {
    is_anonymous_head(w)
        || matches!(
            w,
            "police" | "authorities" | "investigators" | "prosecutors" | "lawmakers" | "voters"
                | "supporters" | "opponents" | "republicans" | "democrats" | "economists"
                | "scientists" | "researchers" | "doctors" | "leaders" | "organizers"
                | "organisers" | "protesters" | "demonstrators" | "rebels" | "reports"
                | "polls" | "documents" | "records" | "data" | "studies" | "surveys" | "media"
                | "spokesman" | "spokeswoman" | "spokesperson" | "reporters" | "journalists"
                | "aides" | "allies" | "advocates" | "conservatives" | "liberals"
                | "progressives" | "delegates" | "senators" | "candidates" | "staff"
                | "campaigns" | "historians" | "strategists" | "pollsters" | "attorneys"
                | "lawyers" | "judges" | "militants" | "soldiers" | "troops" | "forces"
                | "agencies" | "ministries" | "governments" | "companies" | "firms"
        )
}

/// Last words of organisation names ("Republican National Committee",
/// "The New York Times"): a name ending so is kept whole and is not a person.
pub fn is_org_head(w: &str) -> bool {
    matches!(
        w,
        "committee" | "party" | "ministry" | "department" | "agency" | "council" | "commission"
            | "office" | "service" | "association" | "court" | "bank" | "union" | "times"
            | "post" | "news" | "network" | "journal" | "press" | "institute" | "foundation"
            | "center" | "centre" | "university" | "college" | "company" | "corporation"
            | "corp" | "inc" | "group" | "campaign" | "administration" | "government" | "house"
            | "senate" | "congress" | "parliament" | "police" | "army" | "navy" | "force"
            | "forces" | "board" | "bureau" | "authority" | "organization" | "organisation"
            | "fund" | "reuters" | "ap" | "afp" | "cnn" | "bbc" | "nbc" | "abc" | "cbs" | "fox"
            | "msnbc" | "tribune" | "herald" | "telegraph" | "guardian" | "globe" | "daily"
            | "magazine" | "agency's" | "project" | "coalition" | "alliance" | "league"
            | "caucus" | "assembly" | "cabinet" | "kremlin" | "pentagon" | "fbi" | "cia" | "nsa"
            | "dnc" | "rnc" | "gop" | "un" | "nato" | "eu"
            | "today" | "channel" | "radio" | "tv" | "television" | "wire" | "review" | "politico"
            | "poll" | "survey" | "study" | "report" | "statement" | "website" | "blog"
    )
}
