//! Fuzzes the JSONL reader with arbitrary bytes: it must never panic, and
//! every non-blank line must come out as exactly one article or one error
//! naming its line (nothing lost, nothing invented).
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsner::corpus::JsonlReader;

fuzz_target!(|data: &[u8]| {
    let body = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    let expected = body
        .split(|&b| b == b'\n')
        .filter(|line| !line.iter().all(u8::is_ascii_whitespace))
        .count();
    let reader = JsonlReader::new(
        "fuzz.jsonl".into(),
        Box::new(std::io::Cursor::new(data.to_vec())),
    );
    let mut count = 0;
    for item in reader {
        count += 1;
        match item {
            Ok(article) => assert!(!article.id.is_empty()),
            Err(bad) => assert!(bad.error.starts_with("fuzz.jsonl:"), "{}", bad.error),
        }
    }
    assert_eq!(count, expected);
});
