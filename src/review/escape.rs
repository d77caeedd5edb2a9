//! HTML escaping: every piece of article text, every id, name and flag goes
//! through here before it reaches a page. Articles are untrusted input.

/// Appends `s` to `out` with `&`, `<`, `>`, `"` and `'` escaped, safe both
/// as element text and inside a double- or single-quoted attribute value.
pub fn push_escaped(out: &mut String, s: &str) {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&s[last..]);
}

/// `s` escaped (see [`push_escaped`]).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    push_escaped(&mut out, s);
    out
}

/// True for an address that is safe to use as a link target: `http` or
/// `https` only, so an article's `url` field cannot smuggle `javascript:`.
pub fn is_web_url(url: &str) -> bool {
    let lower = url
        .trim_start()
        .get(..8)
        .unwrap_or(url)
        .to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! esc {
        ($name:ident, $input:expr, $want:expr) => {
            #[test]
            fn $name() {
                assert_eq!(escape($input), $want);
            }
        };
    }

    esc!(plain, "Baku", "Baku");
    esc!(
        script,
        "<script>alert(1)</script>",
        "&lt;script&gt;alert(1)&lt;/script&gt;"
    );
    esc!(amp_first, "&lt;", "&amp;lt;");
    esc!(quotes, r#"a "b" 'c'"#, "a &quot;b&quot; &#39;c&#39;");
    esc!(
        attr_breakout,
        "x\" onmouseover=\"alert(1)",
        "x&quot; onmouseover=&quot;alert(1)"
    );
    esc!(unicode_kept, "Bakı “quote” — ok", "Bakı “quote” — ok");
    esc!(empty, "", "");

    macro_rules! url {
        ($name:ident, $input:expr, $want:expr) => {
            #[test]
            fn $name() {
                assert_eq!(is_web_url($input), $want);
            }
        };
    }

    url!(https, "https://example.com/a", true);
    url!(http_upper, "HTTP://example.com", true);
    url!(javascript, "javascript:alert(1)", false);
    url!(data, "data:text/html,<script>", false);
    url!(relative, "/local/path", false);
    url!(short, "http:", false);
}
