//! The class graph: who interacts with whom, drawn as SVG on the server so the teaching
//! team sees it without JavaScript. Isolated students sit on a ring of their own, clusters
//! (found by label propagation) get their own colour class, and the staff are drawn as
//! squares with their links dashed, so a tutor sees their own reach.
//!
//! Layout is force-directed (Fruchterman–Reingold) with repulsion computed only between
//! nodes in neighbouring grid cells and each node's pull shared out over its links (so
//! the class does not collapse into crowded cells), so a step costs about
//! O(nodes + edges). Everything is deterministic: the same class gives
//! the same picture, so it does not jump about between visits.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

#[derive(Clone, Debug)]
pub struct Node {
    pub id: i64,
    pub label: String,
    pub staff: bool,
    /// Where the node links to (the student's row on the radar), if anywhere.
    pub href: Option<String>,
}

#[derive(Clone, Copy, Debug)]
pub struct Edge {
    pub a: i64,
    pub b: i64,
    /// How many interactions the pair had in the period shown.
    pub weight: u32,
}

/// What the drawing shows, for the table beside it and the summary above it.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    /// Students with no interaction with anyone in the period.
    pub isolated: Vec<i64>,
    /// Groups of students who interact mostly among themselves, largest first.
    pub clusters: Vec<Vec<i64>>,
    /// For each member of staff, how many distinct students they interacted with.
    pub staff_reach: BTreeMap<i64, usize>,
}

const SIZE: f64 = 1000.0;
const ITERATIONS: usize = 80;

/// Analyse and draw. Edges naming unknown nodes, or a node twice, are ignored.
pub fn draw(nodes: &[Node], edges: &[Edge]) -> (String, Analysis) {
    let index: HashMap<i64, usize> = nodes.iter().enumerate().map(|(i, n)| (n.id, i)).collect();
    let mut adj: Vec<Vec<(usize, u32)>> = vec![vec![]; nodes.len()];
    for e in edges {
        if let (Some(&a), Some(&b)) = (index.get(&e.a), index.get(&e.b))
            && a != b
        {
            adj[a].push((b, e.weight.max(1)));
            adj[b].push((a, e.weight.max(1)));
        }
    }
    let analysis = analyse(nodes, &adj);
    let pos = layout(nodes, &adj);
    (svg(nodes, &adj, &pos, &analysis), analysis)
}

fn analyse(nodes: &[Node], adj: &[Vec<(usize, u32)>]) -> Analysis {
    let isolated = nodes
        .iter()
        .enumerate()
        .filter(|(i, n)| !n.staff && adj[*i].iter().all(|(j, _)| nodes[*j].staff))
        .map(|(_, n)| n.id)
        .collect();
    let staff_reach = nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.staff)
        .map(|(i, n)| {
            let mut reached: Vec<usize> = adj[i].iter().map(|(j, _)| *j).filter(|j| !nodes[*j].staff).collect();
            reached.sort_unstable();
            reached.dedup();
            (n.id, reached.len())
        })
        .collect();
    let labels = propagate_labels(nodes, adj);
    let mut groups: BTreeMap<usize, Vec<i64>> = BTreeMap::new();
    for (i, n) in nodes.iter().enumerate() {
        if !n.staff && adj[i].iter().any(|(j, _)| !nodes[*j].staff) {
            groups.entry(labels[i]).or_default().push(n.id);
        }
    }
    let mut clusters: Vec<Vec<i64>> = groups.into_values().filter(|g| g.len() > 1).collect();
    clusters.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    Analysis { isolated, clusters, staff_reach }
}

/// Label propagation over student–student edges: each student takes the label most of
/// their classmates (by weight) carry, ties to the smallest, in a fixed order, until
/// nothing changes.
fn propagate_labels(nodes: &[Node], adj: &[Vec<(usize, u32)>]) -> Vec<usize> {
    let mut label: Vec<usize> = (0..nodes.len()).collect();
    for _ in 0..20 {
        let mut changed = false;
        for i in 0..nodes.len() {
            if nodes[i].staff {
                continue;
            }
            let mut votes: BTreeMap<usize, u32> = BTreeMap::new();
            for &(j, w) in &adj[i] {
                if !nodes[j].staff {
                    *votes.entry(label[j]).or_default() += w;
                }
            }
            if let Some(best) = votes.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(l, _)| *l)
                && best != label[i]
                && votes.get(&label[i]).copied().unwrap_or(0) < votes[&best]
            {
                label[i] = best;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    label
}

fn layout(nodes: &[Node], adj: &[Vec<(usize, u32)>]) -> Vec<(f64, f64)> {
    let n = nodes.len();
    let mut pos = vec![(SIZE / 2.0, SIZE / 2.0); n];
    let connected: Vec<usize> = (0..n).filter(|&i| !adj[i].is_empty()).collect();
    let lonely: Vec<usize> = (0..n).filter(|&i| adj[i].is_empty()).collect();
    // The lonely sit on an outer ring, in the order given (names, usually).
    for (k, &i) in lonely.iter().enumerate() {
        let a = k as f64 / lonely.len().max(1) as f64 * std::f64::consts::TAU;
        pos[i] = (SIZE / 2.0 + 0.47 * SIZE * a.cos(), SIZE / 2.0 + 0.47 * SIZE * a.sin());
    }
    if connected.is_empty() {
        return pos;
    }
    // Start on a spiral, then let the forces work inside the inner disc.
    for (k, &i) in connected.iter().enumerate() {
        let r = 0.35 * SIZE * ((k as f64 + 0.5) / connected.len() as f64).sqrt();
        let a = k as f64 * 2.399_963; // the golden angle spreads points evenly
        pos[i] = (SIZE / 2.0 + r * a.cos(), SIZE / 2.0 + r * a.sin());
    }
    let area = (0.38 * SIZE).powi(2) * std::f64::consts::PI;
    let k = (area / connected.len() as f64).sqrt();
    let cell = (2.0 * k).max(1.0);
    // Each link pulls with 1 + ln(weight), shared out over the node's links, so a student
    // with many classmates is not pulled into the middle of everyone. Without the share a
    // class of a thousand collapsed into a ball a fifth of the disc wide: every grid cell
    // held dozens of people and repulsion between them made each step near quadratic.
    let pull: Vec<Vec<(usize, f64)>> = adj
        .iter()
        .map(|links| {
            let share = 1.0 / (links.len().max(1) as f64);
            links.iter().map(|&(j, w)| (j, (1.0 + (w as f64).ln()) * share)).collect()
        })
        .collect();
    // A flat grid of cells (counting sort by cell), rebuilt each step without allocating.
    let side = (SIZE / cell).ceil() as usize + 1;
    let cell_of = |p: (f64, f64)| {
        let cx = ((p.0 / cell).max(0.0) as usize).min(side - 1);
        let cy = ((p.1 / cell).max(0.0) as usize).min(side - 1);
        cy * side + cx
    };
    let mut start = vec![0usize; side * side + 1];
    let mut order = vec![0usize; connected.len()];
    let mut cells = vec![0usize; n];
    let mut disp = vec![(0.0f64, 0.0f64); n];
    let mut temp = SIZE / 10.0;
    for _ in 0..ITERATIONS {
        start.iter_mut().for_each(|s| *s = 0);
        for &i in &connected {
            cells[i] = cell_of(pos[i]);
            start[cells[i] + 1] += 1;
        }
        for c in 1..start.len() {
            start[c] += start[c - 1];
        }
        let mut fill = start.clone();
        for &i in &connected {
            order[fill[cells[i]]] = i;
            fill[cells[i]] += 1;
        }
        disp.iter_mut().for_each(|d| *d = (0.0, 0.0));
        // Each pair of neighbours once, pushing both: a cell meets the rest of itself and
        // the four cells after it (east, and the row below).
        for c in 0..side * side {
            let here = &order[start[c]..start[c + 1]];
            let (cx, cy) = ((c % side) as isize, (c / side) as isize);
            for (a, &i) in here.iter().enumerate() {
                for &j in &here[a + 1..] {
                    repel(&pos, &mut disp, i, j, k, cell);
                }
                for (dx, dy) in [(1, 0), (-1, 1), (0, 1), (1, 1)] {
                    let (nx, ny) = (cx + dx, cy + dy);
                    if nx < 0 || ny < 0 || nx >= side as isize || ny >= side as isize {
                        continue;
                    }
                    let n = ny as usize * side + nx as usize;
                    for &j in &order[start[n]..start[n + 1]] {
                        repel(&pos, &mut disp, i, j, k, cell);
                    }
                }
            }
        }
        for &i in &connected {
            for &(j, w) in &pull[i] {
                let (vx, vy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
                let d = (vx * vx + vy * vy).sqrt().max(0.01);
                let f = d * d / k * w;
                disp[i].0 -= vx / d * f;
                disp[i].1 -= vy / d * f;
            }
        }
        for &i in &connected {
            let (dx, dy) = disp[i];
            let d = (dx * dx + dy * dy).sqrt().max(0.01);
            let step = d.min(temp);
            let (mut x, mut y) = (pos[i].0 + dx / d * step, pos[i].1 + dy / d * step);
            // Keep the connected inside the inner disc, clear of the lonely ring.
            let (ox, oy) = (x - SIZE / 2.0, y - SIZE / 2.0);
            let r = (ox * ox + oy * oy).sqrt();
            let max = 0.40 * SIZE;
            if r > max {
                x = SIZE / 2.0 + ox / r * max;
                y = SIZE / 2.0 + oy / r * max;
            }
            pos[i] = (x, y);
        }
        temp *= 0.95;
    }
    pos
}

/// Two nodes closer than `reach` push each other apart with k²/d (Fruchterman–Reingold);
/// written without a square root: (v / d) · (k² / d) is v · k² / d².
fn repel(pos: &[(f64, f64)], disp: &mut [(f64, f64)], i: usize, j: usize, k: f64, reach: f64) {
    let (vx, vy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
    let d2 = vx * vx + vy * vy;
    if d2 < reach * reach {
        let s = k * k / d2.max(1e-4);
        disp[i].0 += vx * s;
        disp[i].1 += vy * s;
        disp[j].0 -= vx * s;
        disp[j].1 -= vy * s;
    }
}

fn svg(nodes: &[Node], adj: &[Vec<(usize, u32)>], pos: &[(f64, f64)], analysis: &Analysis) -> String {
    let mut cluster_of: HashMap<i64, usize> = HashMap::new();
    for (c, members) in analysis.clusters.iter().enumerate() {
        for id in members {
            cluster_of.insert(*id, c % 8);
        }
    }
    let isolated: std::collections::HashSet<i64> = analysis.isolated.iter().copied().collect();
    let mut out = String::with_capacity(nodes.len() * 160 + adj.iter().map(Vec::len).sum::<usize>() * 80);
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}" class="class-graph" role="img" aria-label="Class graph: {} people, {} isolated, {} clusters">"#,
        nodes.len(),
        analysis.isolated.len(),
        analysis.clusters.len()
    );
    out.push_str(r#"<g class="edges">"#);
    for (i, links) in adj.iter().enumerate() {
        for &(j, w) in links {
            if j <= i {
                continue;
            }
            let class = if nodes[i].staff || nodes[j].staff { "edge staff" } else { "edge" };
            let width = 1.0 + (w as f64).ln();
            let _ = write!(
                out,
                r#"<line class="{class}" x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke-width="{width:.1}"/>"#,
                pos[i].0, pos[i].1, pos[j].0, pos[j].1
            );
        }
    }
    out.push_str("</g><g class=\"nodes\">");
    for (i, n) in nodes.iter().enumerate() {
        let (x, y) = pos[i];
        let class = if n.staff {
            "node staff".to_string()
        } else if isolated.contains(&n.id) {
            "node isolated".to_string()
        } else {
            format!("node c{}", cluster_of.get(&n.id).copied().unwrap_or(8))
        };
        if let Some(href) = &n.href {
            let _ = write!(out, r#"<a href="{}">"#, escape(href));
        }
        if n.staff {
            let _ =
                write!(out, r#"<rect class="{class}" x="{:.1}" y="{:.1}" width="14" height="14">"#, x - 7.0, y - 7.0);
            let _ = write!(out, "<title>{}</title></rect>", escape(&n.label));
        } else {
            let _ = write!(
                out,
                r#"<circle class="{class}" cx="{x:.1}" cy="{y:.1}" r="7"><title>{}</title></circle>"#,
                escape(&n.label)
            );
        }
        if n.href.is_some() {
            out.push_str("</a>");
        }
    }
    out.push_str("</g></svg>");
    out
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn student(id: i64) -> Node {
        Node { id, label: format!("Student {id}"), staff: false, href: Some(format!("/radar#s{id}")) }
    }

    fn e(a: i64, b: i64) -> Edge {
        Edge { a, b, weight: 1 }
    }

    #[test]
    fn isolated_clusters_and_staff_reach() {
        let mut nodes: Vec<Node> = (1..=7).map(student).collect();
        nodes.push(Node { id: 100, label: "Tutor".into(), staff: true, href: None });
        // Two triangles, a student only the tutor talks to, and one nobody talks to.
        let edges = [e(1, 2), e(2, 3), e(3, 1), e(4, 5), e(5, 6), e(6, 4), e(100, 7), e(100, 1), e(100, 1)];
        let (svg, a) = draw(&nodes, &edges);
        assert_eq!(a.isolated, [7]);
        assert_eq!(a.clusters, [vec![1, 2, 3], vec![4, 5, 6]]);
        assert_eq!(a.staff_reach, BTreeMap::from([(100, 2)]));
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert_eq!(svg.matches("<circle").count(), 7);
        assert_eq!(svg.matches("<rect").count(), 1);
        assert!(svg.contains(r#"class="node isolated""#));
        assert!(svg.contains(r##"<a href="/radar#s7">"##));
    }

    #[test]
    fn names_cannot_break_out_of_the_drawing() {
        let nodes = vec![Node {
            id: 1,
            label: "</title><script>x</script>".into(),
            staff: false,
            href: Some("\"><script>".into()),
        }];
        let (svg, _) = draw(&nodes, &[]);
        assert!(!svg.contains("<script>"), "{svg}");
    }

    #[test]
    fn the_same_class_gives_the_same_picture() {
        let nodes: Vec<Node> = (0..60).map(student).collect();
        let edges: Vec<Edge> = (0..60).flat_map(|i| [e(i, (i * 7 + 3) % 60), e(i, (i + 1) % 60)]).collect();
        assert_eq!(draw(&nodes, &edges).0, draw(&nodes, &edges).0);
    }

    #[test]
    fn nodes_stay_on_the_canvas_and_apart() {
        let nodes: Vec<Node> = (0..300).map(student).collect();
        let edges: Vec<Edge> = (0..300).flat_map(|i| [e(i, (i * 13 + 5) % 300), e(i, (i / 10) * 10)]).collect();
        let (svg, _) = draw(&nodes, &edges);
        for part in svg.split("cx=\"").skip(1) {
            let x: f64 = part.split('"').next().unwrap().parse().unwrap();
            assert!((0.0..=SIZE).contains(&x));
        }
    }
}
