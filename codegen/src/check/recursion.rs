//! Types that contain themselves without a `Vec` or `Map` in between have no finite size.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::Span;

use crate::diagnostic::Diagnostic;
use crate::model::{Location, TypeDef, TypeRef};

/// Reports every cycle of by-value containment among `types`, at the cycle's first type
/// (`spans` gives the span of each type name).
pub fn report_cycles(
    types: &[TypeDef],
    spans: &BTreeMap<String, Span>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for cycle in find_cycles(types) {
        diagnostics.push(Diagnostic {
            span: spans
                .get(&cycle.start)
                .copied()
                .unwrap_or_else(Span::call_site),
            message: format!(
                "recursive type `{}` has no finite size: {}",
                cycle.start,
                cycle.path.join(" → ")
            ),
            hint: Some(
                "hold one of them through `Vec<…>` or `Map<…>` (`Option` is not enough)".to_owned(),
            ),
            location: cycle.location,
        });
    }
}

/// A cycle of types held by value: its first type (by name), where it is written, and the path.
pub struct Cycle {
    /// The cycle's first type by name.
    pub start: String,
    /// Where that type is written.
    pub location: Location,
    /// The types along the cycle, back to the start.
    pub path: Vec<String>,
}

/// Every cycle of by-value containment, one per set of types involved.
pub fn find_cycles(types: &[TypeDef]) -> Vec<Cycle> {
    let edges: BTreeMap<&str, Vec<&str>> = types
        .iter()
        .map(|def| (def.name(), held_by_value(def)))
        .collect();
    let mut reported: BTreeSet<&str> = BTreeSet::new();
    let mut cycles = Vec::new();
    for def in types {
        let start = def.name();
        if reported.contains(start) {
            continue;
        }
        if let Some(path) = path_back(&edges, start) {
            reported.extend(path.iter().copied());
            cycles.push(Cycle {
                start: start.to_owned(),
                location: def.location().clone(),
                path: path.iter().map(|s| (*s).to_owned()).collect(),
            });
        }
    }
    cycles
}

/// The named types a type holds by value (not through `Vec` or `Map`).
fn held_by_value(def: &TypeDef) -> Vec<&str> {
    match def {
        TypeDef::Struct(s) => s
            .fields
            .iter()
            .filter_map(|f| match &f.ty {
                TypeRef::Named(name) => Some(name.as_str()),
                _ => None,
            })
            .collect(),
        TypeDef::Union(u) => u.variants.iter().map(|v| v.payload.as_str()).collect(),
        TypeDef::Shape(u) => u
            .variants
            .iter()
            .filter_map(|v| match &v.ty {
                TypeRef::Named(name) => Some(name.as_str()),
                _ => None,
            })
            .collect(),
        TypeDef::Enum(_) => Vec::new(),
    }
}

/// A path `start → … → start`, if there is one (depth-first, edges in field order; iterative,
/// so a long chain of types cannot exhaust the stack).
fn path_back<'a>(edges: &BTreeMap<&'a str, Vec<&'a str>>, start: &'a str) -> Option<Vec<&'a str>> {
    let no_edges: Vec<&str> = Vec::new();
    let out = |name: &str| edges.get(name).unwrap_or(&no_edges);
    let mut visited: BTreeSet<&str> = BTreeSet::new();
    // The current path, each node with the index of the next edge to follow.
    let mut path: Vec<(&str, usize)> = vec![(start, 0)];
    while let Some((at, next_edge)) = path.last_mut() {
        let Some(next) = out(at).get(*next_edge).copied() else {
            path.pop();
            continue;
        };
        *next_edge += 1;
        if next == start {
            let mut names: Vec<&str> = path.iter().map(|(name, _)| *name).collect();
            names.push(start);
            return Some(names);
        }
        if visited.insert(next) {
            path.push((next, 0));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::path_back;
    use std::collections::BTreeMap;

    #[test]
    fn finds_the_cycle_through_a_long_chain() {
        let names: Vec<String> = (0..50_000).map(|i| format!("T{i}")).collect();
        let mut edges: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for pair in names.windows(2) {
            edges.insert(&pair[0], vec![&pair[1]]);
        }
        assert_eq!(path_back(&edges, "T0"), None);
        edges.insert(&names[names.len() - 1], vec!["T0"]);
        let path = path_back(&edges, "T0").expect("a cycle");
        assert_eq!(path.len(), names.len() + 1);
        assert_eq!(path.first(), path.last());
    }

    #[test]
    fn ignores_cycles_not_through_the_start() {
        let edges: BTreeMap<&str, Vec<&str>> =
            [("A", vec!["B"]), ("B", vec!["C"]), ("C", vec!["B"])]
                .into_iter()
                .collect();
        assert_eq!(path_back(&edges, "A"), None);
        assert_eq!(path_back(&edges, "B"), Some(vec!["B", "C", "B"]));
    }
}
