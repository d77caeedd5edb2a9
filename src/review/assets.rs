//! The pages' style sheet and scripts, inlined into every page (no external
//! files, fonts or network), and the document head with a Content Security
//! Policy that allows only these scripts, by hash: even if article text ever
//! slipped through unescaped, a `<script>` in it would not run.

/// The style sheet shared by all pages.
pub const CSS: &str = include_str!("assets/review.css");

/// The article page's script: joins each quote to its speaker on hover.
pub const PAGE_SCRIPT: &str = include_str!("assets/page.js");

/// Base64 SHA-256 of [`PAGE_SCRIPT`], for the Content Security Policy
/// (checked by a test).
pub const PAGE_SCRIPT_HASH: &str = "qsvFzLZ4Z8Q7uMelhr/hKNIiwNWu76yaMiQLwWniprs=";

/// The index pages' script: sorts the table by a column.
pub const INDEX_SCRIPT: &str = include_str!("assets/index.js");

/// Base64 SHA-256 of [`INDEX_SCRIPT`] (checked by a test).
pub const INDEX_SCRIPT_HASH: &str = "czQZd5NOeSXTiPrapUMFPz/lg7GgLSJkHQ2QTc2oV6s=";

/// Appends the doctype and `<head>`: charset, viewport, the policy that
/// allows no network and only the script with `script_hash`, the title
/// (escaped) and the style sheet.
pub fn head(out: &mut String, title: &str, script_hash: &str) {
    out.push_str(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; img-src data:; script-src 'sha256-",
    );
    out.push_str(script_hash);
    out.push_str("'\"><meta name=\"generator\" content=\"newsner review\"><title>");
    super::escape::push_escaped(out, title);
    out.push_str("</title><style>");
    out.push_str(CSS);
    out.push_str("</style></head>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::{Digest, Sha256};

    fn base64(bytes: &[u8]) -> String {
        const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for c in bytes.chunks(3) {
            let n = (c[0] as u32) << 16
                | (*c.get(1).unwrap_or(&0) as u32) << 8
                | *c.get(2).unwrap_or(&0) as u32;
            for k in 0..4 {
                if k <= c.len() {
                    out.push(A[(n >> (18 - 6 * k) & 63) as usize] as char);
                } else {
                    out.push('=');
                }
            }
        }
        out
    }

    #[test]
    fn base64_known_answers() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
    }

    /// A script edited without its hash would be blocked by the policy.
    #[test]
    fn script_hashes_match_the_scripts() {
        assert_eq!(base64(&Sha256::digest(PAGE_SCRIPT)), PAGE_SCRIPT_HASH);
        assert_eq!(base64(&Sha256::digest(INDEX_SCRIPT)), INDEX_SCRIPT_HASH);
    }

    #[test]
    fn scripts_and_style_cannot_close_their_element() {
        for s in [CSS, PAGE_SCRIPT, INDEX_SCRIPT] {
            assert!(!s.to_ascii_lowercase().contains("</s"));
        }
    }

    #[test]
    fn nothing_reaches_the_network() {
        for s in [CSS, PAGE_SCRIPT, INDEX_SCRIPT] {
            for bad in [
                "http:",
                "https:",
                "url(",
                "@import",
                "fetch(",
                "XMLHttpRequest",
            ] {
                assert!(!s.contains(bad), "{bad}");
            }
        }
    }
}
