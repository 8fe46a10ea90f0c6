//! CSV files people open in a spreadsheet (survey answers, Zoom's breakout file): RFC
//! 4180 quoting by the `csv` crate, and no cell a spreadsheet would run as a formula,
//! since the cells hold what people typed (names, answers, even email addresses can
//! start with `=`). Pure.

/// A cell a spreadsheet will not run: text starting with = + - @ (or a tab or carriage
/// return, which some spreadsheets skip before looking) gets a leading apostrophe.
pub fn safe_cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() }
}

/// A header row, then the rows, as CSV with CRLF line ends; every cell formula-safe.
pub fn csv(header: &[String], rows: &[Vec<String>]) -> String {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(vec![]);
    for row in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        // Writing to memory cannot fail.
        let _ = w.write_record(row.iter().map(|c| safe_cell(c)));
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
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
