//! Streaming output: one JSON line per input article, in input order, with
//! everything found in it, so newsner runs as a filter (a Spark
//! `RDD.pipe()` stage, a Hadoop Streaming mapper, a shell pipeline step).
//! `newsner merge` turns such lines back into the four tables.
//!
//! Each line is an [`ArticleRecord`]:
//!
//! ```json
//! {"doc_id":"a1","status":"ok","error":"",
//!  "document":{"doc_id":"a1","title":"","date":"","source":"","chars":42,"mentions":1,"quotes":0,
//!              "status":"ok","error":"","unattributed_quotes":0,"warnings":""},
//!  "mentions":[{"doc_id":"a1","field":"text","label":"PLACE","text":"Baku", ...}],
//!  "quotes":[]}
//! ```
//!
//! `doc_id`, `status` and `error` repeat the `document` row's so that a
//! filter such as `jq 'select(.status == "error")'` needs no nesting.

use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use crate::{
    record::{Document, Entity, Mention, Quote},
    sink::Sink,
};

/// One article as a streaming record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleRecord {
    /// The article's id (as in `document.doc_id`).
    pub doc_id: String,
    /// `ok` or `error` (as in `document.status`).
    pub status: String,
    /// What went wrong, for `error` records (as in `document.error`).
    pub error: String,
    /// The article's `documents.csv` row.
    pub document: Document,
    /// Its `mentions.csv` rows.
    #[serde(default)]
    pub mentions: Vec<Mention>,
    /// Its `quotes.csv` rows.
    #[serde(default)]
    pub quotes: Vec<Quote>,
}

/// Writes one [`ArticleRecord`] line per article, flushed as each is done.
pub struct StreamSink<W: Write> {
    out: W,
    mentions: Vec<Mention>,
    quotes: Vec<Quote>,
    line: Vec<u8>,
}

impl<W: Write> StreamSink<W> {
    /// Writes records to `out` (normally a buffered stdout).
    pub fn new(out: W) -> StreamSink<W> {
        StreamSink {
            out,
            mentions: Vec::new(),
            quotes: Vec::new(),
            line: Vec::new(),
        }
    }
}

impl<W: Write> Sink for StreamSink<W> {
    fn mention(&mut self, row: &Mention) -> io::Result<()> {
        self.mentions.push(row.clone());
        Ok(())
    }

    fn quote(&mut self, row: &Quote) -> io::Result<()> {
        self.quotes.push(row.clone());
        Ok(())
    }

    fn document(&mut self, row: &Document) -> io::Result<()> {
        let record = ArticleRecord {
            doc_id: row.doc_id.clone(),
            status: row.status.clone(),
            error: row.error.clone(),
            document: row.clone(),
            mentions: std::mem::take(&mut self.mentions),
            quotes: std::mem::take(&mut self.quotes),
        };
        self.line.clear();
        serde_json::to_writer(&mut self.line, &record)?;
        self.line.push(b'\n');
        // One write per record, then flush: a consumer reading line by line
        // sees each article as soon as it is done.
        self.out.write_all(&self.line)?;
        self.out.flush()
    }

    fn finish(mut self: Box<Self>, _entities: &[Entity]) -> io::Result<()> {
        self.out.flush()
    }

    fn wants_entities(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_per_document_with_its_rows() {
        let mut buf = Vec::new();
        let mut sink = StreamSink::new(&mut buf);
        let mention = Mention {
            doc_id: "a".into(),
            field: "text".into(),
            label: "PLACE".into(),
            text: "Baku".into(),
            start: 0,
            end: 4,
            byte_start: 0,
            byte_end: 4,
            canonical: "Baku".into(),
            entity_id: "geonames:587084".into(),
            value: String::new(),
            timex_type: String::new(),
            method: "dictionary".into(),
        };
        sink.mention(&mention).unwrap();
        let doc = |id: &str, status: &str| Document {
            doc_id: id.into(),
            status: status.into(),
            ..Document::default()
        };
        sink.document(&doc("a", "ok")).unwrap();
        sink.document(&doc("b", "error")).unwrap();
        Box::new(sink).finish(&[]).unwrap();
        let lines: Vec<ArticleRecord> = String::from_utf8(buf)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].mentions, vec![mention]);
        assert_eq!(lines[1].doc_id, "b");
        assert_eq!(lines[1].status, "error");
        assert!(lines[1].mentions.is_empty());
    }
}
