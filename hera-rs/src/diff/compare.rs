//! The comparison itself: maps key by key, lists by name or by index.

use super::{Change, ChangeKind};
use crate::model::Value;
use crate::path::{FieldPath, Segment};
use serde_json::Map;
use std::collections::{HashMap, HashSet};

/// Named lists whose order Argo or Kubernetes uses (see the module docs).
const ORDERED: [&str; 2] = ["env", "initContainers"];

pub(super) fn compare(a: &Value, b: &Value, path: &FieldPath, out: &mut Vec<Change>) {
    match (a, b) {
        (Value::Object(a), Value::Object(b)) => maps(a, b, path, out),
        (Value::Array(a), Value::Array(b)) => lists(a, b, path, out),
        _ if same_scalar(a, b) => {}
        _ => out.push(Change {
            path: path.clone(),
            kind: ChangeKind::Changed { from: a.clone(), to: b.clone() },
        }),
    }
}

/// Equal as data: numbers by value when either is a float (`1` = `1.0`).
fn same_scalar(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.is_f64() || y.is_f64() => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

fn maps(a: &Map<String, Value>, b: &Map<String, Value>, path: &FieldPath, out: &mut Vec<Change>) {
    for (key, from) in a {
        match b.get(key) {
            Some(to) => compare(from, to, &path.key(key), out),
            None => out.push(Change { path: path.key(key), kind: ChangeKind::Removed(from.clone()) }),
        }
    }
    for (key, to) in b.iter().filter(|(key, _)| !a.contains_key(*key)) {
        out.push(Change { path: path.key(key), kind: ChangeKind::Added(to.clone()) });
    }
}

/// The last key of `path`: what list this is.
fn list_key(path: &FieldPath) -> Option<&str> {
    match path.segments().last() {
        Some(Segment::Key(key)) => Some(key),
        _ => None,
    }
}

fn lists(a: &[Value], b: &[Value], path: &FieldPath, out: &mut Vec<Change>) {
    let key = list_key(path);
    if key == Some("steps") && steps(a, b, path, out) {
        return;
    }
    match (names(a), names(b)) {
        (Some(names_a), Some(names_b)) => {
            let ordered = key.is_some_and(|k| ORDERED.contains(&k));
            by_name(a, &names_a, b, &names_b, ordered, path, out);
        }
        _ => by_index(a, b, path, out),
    }
}

/// Every item's `name`, if every item is a map with a non-empty string name
/// and no name repeats.
fn names(items: &[Value]) -> Option<Vec<&str>> {
    let names: Vec<&str> = items
        .iter()
        .map(|item| item.get("name")?.as_str().filter(|n| !n.is_empty()))
        .collect::<Option<_>>()?;
    let mut seen = HashSet::new();
    names.iter().all(|name| seen.insert(*name)).then_some(names)
}

fn by_index(a: &[Value], b: &[Value], path: &FieldPath, out: &mut Vec<Change>) {
    for (index, (from, to)) in a.iter().zip(b).enumerate() {
        compare(from, to, &path.index(index), out);
    }
    for (index, from) in a.iter().enumerate().skip(b.len()) {
        out.push(Change { path: path.index(index), kind: ChangeKind::Removed(from.clone()) });
    }
    for (index, to) in b.iter().enumerate().skip(a.len()) {
        out.push(Change { path: path.index(index), kind: ChangeKind::Added(to.clone()) });
    }
}

fn by_name(
    a: &[Value],
    names_a: &[&str],
    b: &[Value],
    names_b: &[&str],
    ordered: bool,
    path: &FieldPath,
    out: &mut Vec<Change>,
) {
    let index_a: HashMap<&str, usize> = names_a.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let in_b: HashSet<&str> = names_b.iter().copied().collect();
    let moved = if ordered { moved(names_b, &index_a) } else { Vec::new() };
    for (j, (to, name)) in b.iter().zip(names_b).enumerate() {
        let item = path.named(j, name);
        match index_a.get(name) {
            Some(&i) => {
                if moved.contains(name) {
                    out.push(Change { path: item.clone(), kind: ChangeKind::Moved { from: i, to: j } });
                }
                compare(&a[i], to, &item, out);
            }
            None => out.push(Change { path: item, kind: ChangeKind::Added(to.clone()) }),
        }
    }
    for (i, (from, name)) in a.iter().zip(names_a).enumerate() {
        if !in_b.contains(name) {
            out.push(Change { path: path.named(i, name), kind: ChangeKind::Removed(from.clone()) });
        }
    }
}

/// The items present on both sides that changed place: all but a longest
/// run that kept its relative order (so moving one item reports one item).
fn moved<'n>(names_b: &[&'n str], index_a: &HashMap<&str, usize>) -> Vec<&'n str> {
    let common: Vec<(&str, usize)> =
        names_b.iter().filter_map(|name| index_a.get(name).map(|&i| (*name, i))).collect();
    let keep = longest_increasing(&common.iter().map(|(_, i)| *i).collect::<Vec<_>>());
    common.iter().enumerate().filter(|(k, _)| !keep.contains(k)).map(|(_, (name, _))| *name).collect()
}

/// Positions of one longest strictly increasing subsequence (O(n²): these
/// lists are short).
fn longest_increasing(values: &[usize]) -> Vec<usize> {
    let n = values.len();
    let mut length = vec![1usize; n];
    let mut previous = vec![usize::MAX; n];
    for i in 0..n {
        for j in 0..i {
            if values[j] < values[i] && length[j] + 1 > length[i] {
                length[i] = length[j] + 1;
                previous[i] = j;
            }
        }
    }
    let Some(mut at) = (0..n).max_by_key(|&i| (length[i], std::cmp::Reverse(i))) else {
        return Vec::new();
    };
    let mut out = vec![at];
    while previous[at] != usize::MAX {
        at = previous[at];
        out.push(at);
    }
    out.reverse();
    out
}

/// Where each step is: group, place in the group, and the step.
type StepIndex<'v> = HashMap<&'v str, (usize, usize, &'v Value)>;

/// A template's `steps`, matched by step name across groups. Returns false
/// (and reports nothing) when the steps are not uniquely named lists of
/// groups, so the caller compares them as any other list.
fn steps(a: &[Value], b: &[Value], path: &FieldPath, out: &mut Vec<Change>) -> bool {
    let (Some(steps_a), Some(steps_b)) = (index_steps(a), index_steps(b)) else {
        return false;
    };
    for (g, group) in b.iter().enumerate() {
        for (s, to) in group.as_array().into_iter().flatten().enumerate() {
            let name = to.get("name").and_then(Value::as_str).unwrap_or_default();
            let item = path.index(g).named(s, name);
            match steps_a.get(name) {
                Some(&(from_group, _, from)) => {
                    if from_group != g {
                        out.push(Change {
                            path: item.clone(),
                            kind: ChangeKind::Moved { from: from_group, to: g },
                        });
                    }
                    compare(from, to, &item, out);
                }
                None => out.push(Change { path: item, kind: ChangeKind::Added(to.clone()) }),
            }
        }
    }
    let mut removed: Vec<_> = steps_a.iter().filter(|(name, _)| !steps_b.contains_key(*name)).collect();
    removed.sort_by_key(|(_, (g, s, _))| (*g, *s));
    for (name, &(g, s, from)) in removed {
        out.push(Change { path: path.index(g).named(s, name), kind: ChangeKind::Removed(from.clone()) });
    }
    // Empty groups have no steps to speak for them.
    for (g, group) in a.iter().enumerate().skip(b.len()).filter(|(_, g)| is_empty_list(g)) {
        out.push(Change { path: path.index(g), kind: ChangeKind::Removed(group.clone()) });
    }
    for (g, group) in b.iter().enumerate().skip(a.len()).filter(|(_, g)| is_empty_list(g)) {
        out.push(Change { path: path.index(g), kind: ChangeKind::Added(group.clone()) });
    }
    true
}

fn is_empty_list(value: &Value) -> bool {
    value.as_array().is_some_and(Vec::is_empty)
}

/// Every step by name, if `groups` is a list of lists of steps whose names
/// are unique across the groups.
fn index_steps(groups: &[Value]) -> Option<StepIndex<'_>> {
    let mut index = HashMap::new();
    for (g, group) in groups.iter().enumerate() {
        for (s, step) in group.as_array()?.iter().enumerate() {
            let name = step.get("name")?.as_str().filter(|n| !n.is_empty())?;
            if index.insert(name, (g, s, step)).is_some() {
                return None;
            }
        }
    }
    Some(index)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_increasing_keeps_the_most_items_in_place() {
        assert_eq!(longest_increasing(&[0, 1, 2]), [0, 1, 2]);
        assert_eq!(longest_increasing(&[2, 0, 1]), [1, 2]);
        assert_eq!(longest_increasing(&[]), Vec::<usize>::new());
    }
}
