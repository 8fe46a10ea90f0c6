//! The word cloud drawn as SVG on the server: the most common word in the middle, the
//! rest placed outward along a spiral where they do not overlap, sized by how many people
//! wrote them. Deterministic, so every screen shows the same picture.

use std::fmt::Write;

use crate::words::Word;

const WIDTH: f64 = 800.0;
const HEIGHT: f64 = 400.0;

#[derive(Clone, Copy, Debug)]
struct Rect {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

impl Rect {
    fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.x + o.w && o.x < self.x + self.w && self.y < o.y + o.h && o.y < self.y + self.h
    }

    fn inside(&self) -> bool {
        self.x >= 0.0 && self.y >= 0.0 && self.x + self.w <= WIDTH && self.y + self.h <= HEIGHT
    }
}

/// The cloud of at most `limit` words; words that find no room are left out (the table
/// beside the cloud lists them all).
pub fn svg(words: &[Word], limit: usize, label: &str) -> String {
    let max = words.iter().map(|w| w.count).max().unwrap_or(1) as f64;
    let mut placed: Vec<Rect> = vec![];
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" class="word-cloud" role="img" aria-label="{}">"#,
        escape(label)
    );
    let shown = words.len().min(limit);
    // The more words, the smaller the largest, so that most of them find room.
    let top = (64.0 / (shown as f64 / 8.0).max(1.0).sqrt()).max(20.0);
    for (i, w) in words.iter().take(limit).enumerate() {
        // Sizes by the square root of the share, so one very common word does not shrink
        // everything else to nothing.
        let size = 12.0 + (top - 12.0) * (w.count as f64 / max).sqrt();
        let width = w.label.chars().count() as f64 * size * 0.58 + 6.0;
        let height = size * 1.15;
        let mut spot = None;
        for step in 0..2000 {
            let t = step as f64 * 0.35;
            let r = 4.0 * t;
            let cx = WIDTH / 2.0 + r * t.cos() * 1.6;
            let cy = HEIGHT / 2.0 + r * t.sin();
            let rect = Rect { x: cx - width / 2.0, y: cy - height / 2.0, w: width, h: height };
            if rect.inside() && !placed.iter().any(|p| p.overlaps(&rect)) {
                spot = Some(rect);
                break;
            }
        }
        let Some(rect) = spot else { continue };
        placed.push(rect);
        let _ = write!(
            out,
            r#"<text class="w{}" x="{:.1}" y="{:.1}" font-size="{:.0}" text-anchor="middle" dominant-baseline="central">{}<title>{}</title></text>"#,
            i % 6,
            rect.x + rect.w / 2.0,
            rect.y + rect.h / 2.0,
            size,
            escape(&w.label),
            w.count
        );
    }
    out.push_str("</svg>");
    out
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::cloud;
    use std::collections::BTreeSet;

    #[test]
    fn words_are_placed_apart_inside_the_picture() {
        let answers: Vec<String> = (0..60).map(|i| format!("word{}", i % 25)).collect();
        let words = cloud(answers.iter().map(String::as_str), &BTreeSet::new());
        let out = svg(&words, 40, "One word for your week");
        assert!(out.matches("<text").count() >= 20, "{out}");
        assert!(out.contains(r#"aria-label="One word for your week""#));
    }

    #[test]
    fn answers_cannot_inject_markup() {
        let words = cloud(["<script>alert(1)</script>"], &BTreeSet::new());
        let out = svg(&words, 10, "x\"><script>");
        assert!(!out.contains("<script>"), "{out}");
    }
}
