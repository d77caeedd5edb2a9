//! Table-driven tests of the rules over the shipped dictionaries and lexicons.

use crate::{corpus::Article, extract::Extractor};

fn extractor() -> &'static Extractor {
    use std::sync::OnceLock;
    static X: OnceLock<Extractor> = OnceLock::new();
    X.get_or_init(|| Extractor::builder().build().unwrap())
}

/// `(label, text, method)` of every entity mention in `text`.
fn found(text: &str) -> Vec<(String, String, String)> {
    extractor()
        .extract(&Article::new("t", text), None)
        .mentions
        .into_iter()
        .filter(|m| m.label != "DATE")
        .map(|m| (m.label, m.text, m.method))
        .collect()
}

fn has(text: &str, label: &str, surface: &str) -> bool {
    found(text)
        .iter()
        .any(|(l, s, _)| l == label && s == surface)
}

macro_rules! yes {
    ($name:ident, $text:expr, $label:expr, $surface:expr) => {
        #[test]
        fn $name() {
            assert!(has($text, $label, $surface), "{:?}", found($text));
        }
    };
}

macro_rules! no {
    ($name:ident, $text:expr, $label:expr, $surface:expr) => {
        #[test]
        fn $name() {
            assert!(!has($text, $label, $surface), "{:?}", found($text));
        }
    };
}

yes!(
    role_before_name,
    "Azerbaijani army spokesperson Anar Eyvazov told reporters.",
    "PERSON",
    "Anar Eyvazov"
);
yes!(
    title_in_chunk,
    "The talks were led by President Ilham Aliyev on Monday.",
    "PERSON",
    "Ilham Aliyev"
);
yes!(
    mr_title,
    "The plan was drafted by Mr. Kowalczyk last year.",
    "PERSON",
    "Kowalczyk"
);
yes!(
    first_name,
    "The deal was signed by Maria Kowalczyk in Warsaw.",
    "PERSON",
    "Maria Kowalczyk"
);
yes!(
    initial_name,
    "Somerset 83 ( P. Simmons 4-38 ) .",
    "PERSON",
    "P. Simmons"
);
yes!(
    speech_subject,
    "The talks failed. Later Marek Kowalczyk said the deal was off.",
    "PERSON",
    "Marek Kowalczyk"
);
yes!(
    speech_object,
    "\"It is over,\" said Marek Kowalczyk.",
    "PERSON",
    "Marek Kowalczyk"
);
no!(
    lone_speech_subject_is_not_a_person,
    "Output rose. Yukovia said profits fell.",
    "PERSON",
    "Yukovia"
);
yes!(
    lone_speech_subject_linked,
    "Envoy Marek Kowalczyk arrived. Kowalczyk said the deal was off.",
    "PERSON",
    "Kowalczyk"
);
yes!(
    apposition_age,
    "Duran , 45 , takes on a younger boxer.",
    "PERSON",
    "Duran"
);
yes!(
    org_suffix,
    "Shares of Brightwater Holdings rose on Monday.",
    "ORG",
    "Brightwater Holdings"
);
yes!(
    org_of,
    "The National Bank of Poland cut rates.",
    "ORG",
    "National Bank of Poland"
);
yes!(
    outlet_according_to,
    "The city was calm, according to Caspian Weekly in Focus, on Monday.",
    "ORG",
    "Caspian Weekly in Focus"
);
yes!(
    place_inside_club,
    "Fans of Dynamo Moscow threw bottles.",
    "ORG",
    "Dynamo Moscow"
);
no!(
    no_place_inside_club,
    "Fans of Dynamo Moscow threw bottles.",
    "PLACE",
    "Moscow"
);
yes!(
    geo_head,
    "The match was played at Grace Road on Friday.",
    "PLACE",
    "Grace Road"
);
no!(
    sentence_initial_function_word,
    "The ministers met.",
    "PERSON",
    "The"
);
yes!(
    linked_surname,
    "Spokesperson Anar Eyvazov spoke. Later Eyvazov added more.",
    "PERSON",
    "Eyvazov"
);
yes!(
    person_over_place_by_link,
    "The seeded Anthony Washington lost. Washington said he was tired.",
    "PERSON",
    "Washington"
);
yes!(sports_city_is_team, "Leicestershire beat Somerset by an innings as Kent drew with Durham in the championship match .", "ORG", "Somerset");
yes!(
    sports_venue_stays_place,
    "Essex beat Kent at Chelmsford in the championship match , scoring 300 runs .",
    "PLACE",
    "Chelmsford"
);
yes!(
    caps_dateline,
    "LONDON 1996-08-30\nShares fell in London on Friday.",
    "PLACE",
    "LONDON"
);
yes!(caps_link, "SOCCER - LENTINI MOVES TO ATALANTA .\nMidfielder Gianluigi Lentini joined Atalanta . Lentini said he was happy .", "PERSON", "LENTINI");
yes!(
    acronym_defined,
    "Vehicles of the Caspian Pipeline Consortium (CPC) moved. CPC said the work went on.",
    "ORG",
    "CPC"
);
no!(
    hazard_lowercase,
    "They had a nice time in the bath.",
    "PLACE",
    "bath"
);

yes!(
    caps_country,
    "SOCCER - TURKEY BEAT SAN MARINO .\nTurkey won on Saturday .",
    "PLACE",
    "TURKEY"
);
yes!(
    caps_after_at,
    "BASEBALL - RESULTS .\nCHICAGO AT TORONTO",
    "PLACE",
    "TORONTO"
);
yes!(
    team_by_context,
    "On Friday Kentshire beat the visitors by an innings in the championship match after the cricket season opened .",
    "ORG",
    "Kentshire"
);
yes!(
    results_line_teams,
    "SOCCER - KOREAN LEAGUE RESULTS .\nResults of the soccer league matches on Saturday :\nPohang 3 Ulsan 2 ( halftime 1-0 )",
    "ORG",
    "Ulsan"
);
yes!(
    list_member,
    "Scores : Mike Hulbert , Tigran Woodsley , Steve Jurgenson .",
    "PERSON",
    "Tigran Woodsley"
);
yes!(
    role_inside_chunk_person,
    "Cofinec CEO Stephen Frater told reporters on Friday .",
    "PERSON",
    "Stephen Frater"
);
yes!(
    role_inside_chunk_employer,
    "Cofinec CEO Stephen Frater told reporters on Friday .",
    "ORG",
    "Cofinec"
);
no!(
    portfolio_is_no_org,
    "Agriculture Minister Dan Glickman said so .",
    "ORG",
    "Agriculture"
);
yes!(
    org_descriptor,
    "Flights were re-routed , the Yugoslav news agency Tanjug reported .",
    "ORG",
    "Tanjug"
);
yes!(
    org_apposition,
    "Cofinec , the first foreign company to list in Budapest , fell .",
    "ORG",
    "Cofinec"
);
yes!(
    initial_a,
    "A. Hollioake run out 15\nMoin Khan b Hollioake 0",
    "PERSON",
    "A. Hollioake"
);
yes!(
    reverse_acronym,
    "The CPC ( Caspian Pipeline Consortium ) said more . CPC also said so .",
    "ORG",
    "CPC"
);
yes!(
    legal_form_dot,
    "Shares of Norwest Corp. rose on Friday .",
    "ORG",
    "Norwest Corp."
);
no!(
    based_prefix_stripped,
    "The Ontario-based Magna Holdings said so .",
    "ORG",
    "Ontario-based Magna Holdings"
);
no!(
    lone_company_said,
    "Output rose . Time Warner said profits fell .",
    "PERSON",
    "Time Warner"
);

no!(
    no_place_inside_event,
    "Results from the U.S. Open on Friday .",
    "PLACE",
    "U.S."
);
no!(
    event_is_no_org,
    "He won the Greater Milwaukee Open on Sunday .",
    "ORG",
    "Greater Milwaukee Open"
);

yes!(
    ampersand_firm,
    "Shares of Douglas & Lomason rose on Friday .",
    "ORG",
    "Douglas & Lomason"
);

yes!(
    ampersand_between_places,
    "Fuel went to Baku & Yerevan on Friday .",
    "PLACE",
    "Yerevan"
);

#[test]
fn acronym_takes_long_name_canonical() {
    let x = extractor().extract(
        &Article::new(
            "t",
            "Trucks of the Caspian Pipeline Consortium (CPC) moved. Later CPC said so.",
        ),
        None,
    );
    let acr: Vec<_> = x.mentions.iter().filter(|m| m.text == "CPC").collect();
    assert_eq!(acr.len(), 2);
    for m in acr {
        assert_eq!((m.label.as_str(), m.method.as_str()), ("ORG", "acronym"));
        assert_eq!(m.canonical, "Caspian Pipeline Consortium");
    }
}

#[test]
fn seed_article() {
    let line = include_str!("../../corpus/seed.jsonl")
        .lines()
        .next()
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(line).unwrap();
    let mut article = Article::new("seed", v["text"].as_str().unwrap());
    article.title = v["title"].as_str().unwrap().to_string();
    let x = extractor().extract(&article, None);
    let text_mentions: Vec<_> = x.mentions.iter().filter(|m| m.field == "text").collect();
    let get = |s: &str| -> Vec<_> { text_mentions.iter().filter(|m| m.text == s).collect() };
    let anar = get("Anar Eyvazov");
    assert_eq!(anar.len(), 1);
    assert_eq!(anar[0].label, "PERSON");
    let eyvazov = get("Eyvazov");
    assert_eq!(eyvazov.len(), 2);
    for m in &eyvazov {
        assert_eq!((m.label.as_str(), m.method.as_str()), ("PERSON", "linked"));
        assert_eq!(m.canonical, anar[0].canonical);
        assert_eq!(m.entity_id, anar[0].entity_id);
    }
    let long = get("Azerbaijan State Oil Company");
    assert_eq!(long.len(), 1);
    assert_eq!(long[0].label, "ORG");
    let socar = get("SOCAR");
    assert_eq!(socar.len(), 1);
    assert_eq!(
        (socar[0].label.as_str(), socar[0].method.as_str()),
        ("ORG", "acronym")
    );
    assert_eq!(
        (&socar[0].canonical, &socar[0].entity_id),
        (&long[0].canonical, &long[0].entity_id)
    );
    for name in ["Daily Sabah", "Azerbaijan in Focus"] {
        let m = get(name);
        assert!(
            !m.is_empty() && m.iter().all(|m| m.label == "ORG"),
            "{name}: {m:?}"
        );
    }
    // No place inside the organisations' names.
    for org in text_mentions.iter().filter(|m| m.label == "ORG") {
        assert!(!text_mentions
            .iter()
            .any(|m| m.label == "PLACE" && m.start >= org.start && m.end <= org.end));
    }
    for place in [
        "Azerbaijan",
        "Russia",
        "Karabakh",
        "Baku",
        "Shusha",
        "Aghdam",
        "Khankendi",
        "Moscow",
        "Ukraine",
        "Armenia",
        "Yerevan",
    ] {
        assert!(get(place).iter().any(|m| m.label == "PLACE"), "{place}");
    }
}

#[test]
fn headline_links_to_body_names() {
    let mut article = Article::new(
        "t",
        "Army spokesperson Anar Eyvazov told reporters the work went on.",
    );
    article.title = "Eyvazov: the work goes on".to_string();
    let x = extractor().extract(&article, None);
    let title: Vec<_> = x.mentions.iter().filter(|m| m.field == "title").collect();
    assert_eq!(title.len(), 1, "{title:?}");
    assert_eq!(
        (
            title[0].text.as_str(),
            title[0].label.as_str(),
            title[0].method.as_str()
        ),
        ("Eyvazov", "PERSON", "linked")
    );
    assert_eq!(title[0].canonical, "Anar Eyvazov");
    // Title mentions still come first.
    assert_eq!(x.mentions[0].field, "title");
}

/// A token is an organisation word, told by its sketch first, exactly
/// when its text and folding are one: capitals, trailing dots, words not
/// in ASCII, punctuation and numbers among them.
#[test]
fn org_words_by_sketch_are_the_lookups() {
    let lex = super::Lexicons::load_default();
    let text = "Acme Company , the ministry of Bakı AG Ag Corp. Inc. CORP U.S. Bank \
                ŞİRKƏTİ Co. co Ltd. Bakery Gmbh GmbH S.A. s.a. 12 . Ent. Ministry";
    let t = super::tokens::tokenize(text);
    let ctx = super::Ctx {
        t: &t,
        lex: &lex,
        gazetteer: None,
        spans: Vec::new(),
        spans_by_start: true,
    };
    let mut found = 0;
    for k in 0..t.len() {
        let want = lex.is_org_suffix_folded(t.s(k), t.f(k));
        assert_eq!(ctx.is_org_word(k), want, "{}", t.s(k));
        found += usize::from(want);
    }
    assert!(found >= 8, "{found}");
}

/// A span of one extent is found among spans in order of their starts
/// (several at one start among them) as by reading them all, and among
/// spans in no order when they are read all.
#[test]
fn has_span_finds_an_extent_in_order_or_not() {
    use crate::span::{Label, Method, Span};
    let lex = super::Lexicons::default();
    let t = super::tokens::tokenize("a b c");
    let extents = [(0, 4), (5, 9), (5, 12), (5, 7), (20, 25), (30, 31)];
    let spans: Vec<Span> = extents
        .iter()
        .map(|&(a, b)| Span::entity(a, b, Label::Place, "x", "", Method::Dictionary))
        .collect();
    let mut ctx = super::Ctx {
        t: &t,
        lex: &lex,
        gazetteer: None,
        spans: Vec::new(),
        spans_by_start: true,
    };
    for by_start in [true, false] {
        let mut spans = spans.clone();
        if !by_start {
            spans.reverse();
        }
        ctx.set_spans(spans);
        assert_eq!(ctx.spans_by_start, by_start);
        for a in 0..35 {
            for b in a..35 {
                assert_eq!(ctx.has_span(a, b), extents.contains(&(a, b)), "{a}..{b}");
            }
        }
    }
}
