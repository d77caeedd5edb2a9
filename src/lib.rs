//! newsner reads news articles and turns them into tables: who, where,
//! which organisation, when, and who said what.
//!
//! Build an [`Extractor`] once (it is `Send + Sync`), then call it per
//! article:
//!
//! ```
//! use newsner::{Article, Extractor};
//!
//! let extractor = Extractor::builder().build().unwrap();
//! let article = Article::new("a1", "Relations between Baku and Yerevan have been tense.");
//! let found = extractor.extract(&article, None);
//! let places: Vec<&str> = found.mentions.iter()
//!     .filter(|m| m.label == "PLACE")
//!     .map(|m| m.text.as_str())
//!     .collect();
//! assert_eq!(places, ["Baku", "Yerevan"]);
//! ```
#![deny(missing_docs)]

pub mod alloc;
pub mod attribution;
pub mod cells;
pub mod cli;
pub mod corpus;
pub mod dates;
pub mod entities;
pub mod eval;
pub mod extract;
pub mod gazetteer;
pub mod merge;
pub mod normalize;
pub mod offsets;
pub mod pipeline;
pub mod record;
pub mod resolve;
pub mod reuse;
pub mod review;
pub mod rules;
pub mod shard;
pub mod sink;
pub mod span;
pub mod stream;
pub(crate) mod swar;
#[cfg(test)]
mod test_rng;

/// Whether this build was optimized with the committed profile-guided
/// optimization profile (`pgo/README.md`); `newsner --version` says so.
pub const PROFILE_GUIDED: bool = cfg!(newsner_pgo);

pub use corpus::{Article, BadArticle, Corpus};
pub use extract::{Extraction, Extractor, ExtractorBuilder};
pub use record::{Document, Entity, Mention, Quote};
pub use span::{Label, Method, Span};

#[cfg(test)]
mod tests {
    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn shared_types_are_send_and_sync() {
        assert_send_sync::<crate::Extractor>();
        assert_send_sync::<crate::gazetteer::Gazetteer>();
    }
}
