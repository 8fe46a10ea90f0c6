//! Folder trees and names, without I/O: the trail to a folder, every folder's path for
//! the "move to" list, and what a folder may be called.

/// A folder as the tree needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub id: i64,
    pub parent: Option<i64>,
    pub name: String,
}

pub const MAX_NAME: usize = 100;

/// A folder name as typed, checked: one line of 1 to 100 characters, without slashes
/// (they would read as a path). The error is a Fluent id.
pub fn folder_name(raw: &str) -> Result<String, &'static str> {
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() || name.chars().count() > MAX_NAME {
        return Err("files-err-folder-name");
    }
    if name.contains(['/', '\\']) || name.chars().any(char::is_control) {
        return Err("files-err-folder-slash");
    }
    Ok(name)
}

/// The folders from the top down to `id` (inclusive). A broken parent chain (which the
/// schema does not allow, but a loop would hang a page) stops the walk.
pub fn trail(nodes: &[Node], id: i64) -> Vec<(i64, String)> {
    let mut out = vec![];
    let mut at = Some(id);
    while let Some(cur) = at {
        if out.len() > nodes.len() {
            break;
        }
        match nodes.iter().find(|n| n.id == cur) {
            Some(n) => {
                out.push((n.id, n.name.clone()));
                at = n.parent;
            }
            None => break,
        }
    }
    out.reverse();
    out
}

/// Every folder with its path of names, in the order of a depth-first walk by name.
pub fn all_paths(nodes: &[Node]) -> Vec<(i64, Vec<String>)> {
    fn walk(nodes: &[Node], parent: Option<i64>, prefix: &[String], out: &mut Vec<(i64, Vec<String>)>, depth: usize) {
        if depth > nodes.len() {
            return;
        }
        let mut children: Vec<&Node> = nodes.iter().filter(|n| n.parent == parent).collect();
        children.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then(a.id.cmp(&b.id)));
        for n in children {
            let mut path = prefix.to_vec();
            path.push(n.name.clone());
            out.push((n.id, path.clone()));
            walk(nodes, Some(n.id), &path, out, depth + 1);
        }
    }
    let mut out = vec![];
    walk(nodes, None, &[], &mut out, 0);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(id: i64, parent: Option<i64>, name: &str) -> Node {
        Node { id, parent, name: name.into() }
    }

    #[test]
    fn names_are_one_line_without_slashes() {
        assert_eq!(folder_name("  Week   1 "), Ok("Week 1".into()));
        assert_eq!(folder_name(""), Err("files-err-folder-name"));
        assert_eq!(folder_name(&"x".repeat(101)), Err("files-err-folder-name"));
        assert_eq!(folder_name("a/b"), Err("files-err-folder-slash"));
        assert_eq!(folder_name("Lesen – uke 2"), Ok("Lesen – uke 2".into()));
    }

    #[test]
    fn trails_and_paths() {
        let nodes = vec![n(1, None, "Week 1"), n(2, Some(1), "Slides"), n(3, None, "Readings"), n(4, Some(2), "Old")];
        assert_eq!(trail(&nodes, 4), vec![(1, "Week 1".into()), (2, "Slides".into()), (4, "Old".into())]);
        assert_eq!(trail(&nodes, 3), vec![(3, "Readings".into())]);
        assert!(trail(&nodes, 99).is_empty());
        let paths: Vec<String> = all_paths(&nodes).into_iter().map(|(_, p)| p.join("/")).collect();
        assert_eq!(paths, vec!["Readings", "Week 1", "Week 1/Slides", "Week 1/Slides/Old"]);
    }

    #[test]
    fn a_loop_does_not_hang() {
        let nodes = vec![n(1, Some(2), "a"), n(2, Some(1), "b")];
        assert!(trail(&nodes, 1).len() <= 3);
        assert!(all_paths(&nodes).is_empty(), "neither is reachable from the top");
    }
}
