//! Types that contain themselves without a `Vec` or `Map` in between have no finite size.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Location, TypeDef, TypeRef};

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
        TypeDef::Enum(_) => Vec::new(),
    }
}

/// A path `start → … → start`, if there is one (depth-first, edges in field order).
fn path_back<'a>(edges: &BTreeMap<&'a str, Vec<&'a str>>, start: &'a str) -> Option<Vec<&'a str>> {
    let mut visited: BTreeSet<&str> = BTreeSet::new();
    let mut path = vec![start];
    if walk(edges, start, start, &mut visited, &mut path) {
        Some(path)
    } else {
        None
    }
}

fn walk<'a>(
    edges: &BTreeMap<&'a str, Vec<&'a str>>,
    at: &'a str,
    start: &'a str,
    visited: &mut BTreeSet<&'a str>,
    path: &mut Vec<&'a str>,
) -> bool {
    for next in edges.get(at).into_iter().flatten().copied() {
        if next == start {
            path.push(next);
            return true;
        }
        if visited.insert(next) {
            path.push(next);
            if walk(edges, next, start, visited, path) {
                return true;
            }
            path.pop();
        }
    }
    false
}
