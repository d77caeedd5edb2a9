//! `newsner dict check`: validates dictionaries and summarizes them: rows
//! per label, ids that name two different entities, and aliases shared
//! across labels.

use std::{
    collections::{BTreeMap, HashMap},
    fmt::Write,
};

use super::Entry;
use crate::normalize::fold;

/// What a check found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Alias rows per label.
    pub per_label: BTreeMap<&'static str, usize>,
    /// Ids used for entities of different labels (NORP rows may share their
    /// country's id): `(id, [(label, canonical)...])`.
    pub conflicting_ids: Vec<(String, Vec<(String, String)>)>,
    /// Ids written with several canonical names; the loader keeps the
    /// highest-priority one: `(id, [canonicals])`.
    pub canonical_variants: Vec<(String, Vec<String>)>,
    /// Folded aliases used under several labels: `(alias, [labels])`.
    pub shared_aliases: Vec<(String, Vec<&'static str>)>,
}

impl Report {
    /// True when no id names two entities.
    pub fn is_clean(&self) -> bool {
        self.conflicting_ids.is_empty()
    }
}

/// Checks a set of entries.
pub fn check(entries: &[Entry]) -> Report {
    let mut report = Report::default();
    let mut by_id: HashMap<&str, Vec<(String, String)>> = HashMap::new();
    let mut by_alias: HashMap<String, Vec<&'static str>> = HashMap::new();
    for e in entries {
        *report.per_label.entry(e.label.as_str()).or_default() += 1;
        let who = (e.label.as_str().to_string(), e.canonical.clone());
        let seen = by_id.entry(&e.id).or_default();
        if !seen.contains(&who) {
            seen.push(who);
        }
        let labels = by_alias.entry(fold(&e.alias)).or_default();
        if !labels.contains(&e.label.as_str()) {
            labels.push(e.label.as_str());
        }
    }
    for (id, who) in by_id {
        // NORP rows carry their country's id by design: one id, two labels, same entity.
        let mut labels: Vec<&str> = who
            .iter()
            .map(|(l, _)| l.as_str())
            .filter(|l| *l != "NORP")
            .collect();
        labels.dedup();
        if labels.len() > 1 {
            report.conflicting_ids.push((id.to_string(), who.clone()));
        }
        let mut names: Vec<String> = who
            .into_iter()
            .filter(|(l, _)| l != "NORP")
            .map(|(_, c)| c)
            .collect();
        names.sort();
        names.dedup();
        if names.len() > 1 {
            report.canonical_variants.push((id.to_string(), names));
        }
    }
    report.conflicting_ids.sort();
    report.canonical_variants.sort();
    report.shared_aliases = by_alias.into_iter().filter(|(_, v)| v.len() > 1).collect();
    report.shared_aliases.sort();
    report
}

/// Renders a report for the terminal, listing at most `limit` examples of each problem.
pub fn render(report: &Report, limit: usize) -> String {
    let mut out = String::new();
    let total: usize = report.per_label.values().sum();
    let _ = writeln!(out, "{total} alias rows");
    for (label, n) in &report.per_label {
        let _ = writeln!(out, "  {label:<7} {n}");
    }
    let _ = writeln!(
        out,
        "{} ids are used under more than one label{}",
        report.conflicting_ids.len(),
        if report.conflicting_ids.is_empty() {
            ""
        } else {
            ":"
        }
    );
    for (id, who) in report.conflicting_ids.iter().take(limit) {
        let who: Vec<String> = who.iter().map(|(l, c)| format!("{l} {c}")).collect();
        let _ = writeln!(out, "  {id}: {}", who.join(" | "));
    }
    let _ = writeln!(
        out,
        "{} ids have several canonical names (the highest-priority one is used){}",
        report.canonical_variants.len(),
        if report.canonical_variants.is_empty() {
            ""
        } else {
            ":"
        }
    );
    for (id, names) in report.canonical_variants.iter().take(limit) {
        let _ = writeln!(out, "  {id}: {}", names.join(" | "));
    }
    let _ = writeln!(
        out,
        "{} aliases are shared across labels (resolved by priority, then context){}",
        report.shared_aliases.len(),
        if report.shared_aliases.is_empty() {
            ""
        } else {
            ":"
        }
    );
    for (alias, labels) in report.shared_aliases.iter().take(limit) {
        let _ = writeln!(out, "  {alias}: {}", labels.join(", "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::parse_tsv;

    #[test]
    fn finds_conflicting_ids_and_shared_aliases() {
        let tsv = "id\tlabel\tcanonical\talias\n\
                   a\tPLACE\tGeorgia\tGeorgia\n\
                   a\tNORP\tGeorgia\tGeorgian\n\
                   b\tPLACE\tJordan\tJordan\n\
                   c\tPERSON\tMichael Jordan\tJordan\n\
                   d\tORG\tX\tX Co\n\
                   d\tPLACE\tX\tX\n\
                   e\tPLACE\tCrimea\tCrimea\n\
                   e\tPLACE\tKrym\tKrym\n";
        let r = check(&parse_tsv("t.tsv", tsv).unwrap());
        assert_eq!(r.per_label["PLACE"], 5);
        assert_eq!(r.conflicting_ids.len(), 1);
        assert_eq!(r.conflicting_ids[0].0, "d");
        assert_eq!(
            r.shared_aliases,
            vec![("jordan".to_string(), vec!["PLACE", "PERSON"])]
        );
        assert!(!r.is_clean());
        assert!(render(&r, 5).contains("d: ORG X | PLACE X"));
        assert_eq!(
            r.canonical_variants,
            vec![(
                "e".to_string(),
                vec!["Crimea".to_string(), "Krym".to_string()]
            )]
        );
    }
}
