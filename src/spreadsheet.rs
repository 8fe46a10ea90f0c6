//! CSV for people who open it in a spreadsheet: RFC 4180 quoting (the `csv` crate) and
//! every cell made formula-safe, so a name like `=HYPERLINK(…)` stays text. Every export
//! (survey results, the members list) writes through here.

/// A cell a spreadsheet will not run: text starting with = + - @ (or a tab or carriage
/// return, which some spreadsheets skip before looking) gets a leading apostrophe.
pub fn safe_cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() }
}

/// A header row, then the rows, as one CSV text.
pub fn csv(header: &[String], rows: &[Vec<String>]) -> String {
    let mut w = Writer::new();
    w.row(header);
    for row in rows {
        w.row(row);
    }
    w.finish()
}

/// Rows written one batch at a time (an export that pages through its rows).
pub struct Writer {
    inner: csv::Writer<Vec<u8>>,
}

impl Default for Writer {
    fn default() -> Self {
        Writer::new()
    }
}

impl Writer {
    pub fn new() -> Writer {
        Writer { inner: csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(vec![]) }
    }

    pub fn row<S: AsRef<str>>(&mut self, cells: &[S]) {
        // Writing to memory cannot fail.
        let _ = self.inner.write_record(cells.iter().map(|c| safe_cell(c.as_ref())));
    }

    pub fn finish(self) -> String {
        String::from_utf8(self.inner.into_inner().unwrap_or_default()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn csv_is_escaped_and_formula_safe() {
        let out = csv(
            &["name".into(), "answer".into()],
            &[vec!["Ada".into(), "=HYPERLINK(\"x\")".into()], vec!["Bo, Jr".into(), "line\nbreak".into()]],
        );
        assert_eq!(out, "name,answer\r\nAda,\"'=HYPERLINK(\"\"x\"\")\"\r\n\"Bo, Jr\",\"line\nbreak\"\r\n");
        assert_eq!(safe_cell("-5"), "'-5");
        assert_eq!(safe_cell("+47 123"), "'+47 123");
        assert_eq!(safe_cell("@me"), "'@me");
        assert_eq!(safe_cell("plain"), "plain");
    }

    proptest! {
        #[test]
        fn csv_cells_never_start_a_formula(cells in proptest::collection::vec("\\PC{0,20}", 1..6)) {
            let out = csv(&cells, std::slice::from_ref(&cells));
            let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(out.as_bytes());
            for rec in r.records() {
                let rec = rec.unwrap();
                prop_assert_eq!(rec.len(), cells.len());
                for (got, want) in rec.iter().zip(&cells) {
                    prop_assert!(!got.starts_with(['=', '+', '-', '@']));
                    // Nothing is lost: the cell is the original, maybe behind a quote.
                    prop_assert!(got == want || got.strip_prefix('\'') == Some(want.as_str()));
                }
            }
        }
    }
}
