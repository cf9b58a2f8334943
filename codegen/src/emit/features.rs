//! Cargo features of the generated crate: one per spec module.
//!
//! A module's feature enables the modules whose types it uses (in a field, a union payload, a
//! shape variant, a param or a response), so any single feature builds on its own. `default`
//! enables every module and typed date access, so the crate works out of the box; a user who
//! needs a few areas writes `default-features = false, features = ["order"]`.
//!
//! The generator owns the `[features]` table of `generated/Cargo.toml`, between [`BEGIN`] and
//! [`END`]: `generate` rewrites it ([`splice`]) and `check` reports it stale when it differs.
//! The crate root gates each module, its re-exports and its prelude entry on its feature (see
//! [`module::crate_root`](super::module::crate_root)); the macro's output has no features.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::model::{Module, Spec, TypeDef, TypeRef};

/// The line opening the generated `[features]` block of the manifest.
pub const BEGIN: &str = "# @generated features: written by `cargo run -p twocheckout-codegen -- generate` \
     from api-spec/*.api (one feature per module); do not edit by hand.";
/// The line closing it.
pub const END: &str = "# @generated features end";

/// Feature names the crate defines besides the modules' (no module may take one).
pub const OWN_FEATURES: &[&str] = &["default", "time"];

/// The modules each module uses the types of (directly), by module name; every module is a key.
pub fn module_dependencies(spec: &Spec) -> BTreeMap<String, BTreeSet<String>> {
    let owner: BTreeMap<&str, &str> = spec
        .types
        .iter()
        .filter_map(|t| {
            let module = spec.module_of(t.location())?;
            Some((t.name(), module.name.as_str()))
        })
        .collect();
    let mut deps: BTreeMap<String, BTreeSet<String>> = spec
        .modules
        .iter()
        .map(|m| (m.name.clone(), BTreeSet::new()))
        .collect();
    let mut add = |from: &Module, ty: &TypeRef| {
        let mut names = Vec::new();
        named(ty, &mut names);
        for name in names {
            if let Some(to) = owner.get(name)
                && *to != from.name
                && let Some(set) = deps.get_mut(&from.name)
            {
                set.insert((*to).to_owned());
            }
        }
    };
    for t in &spec.types {
        let Some(module) = spec.module_of(t.location()) else {
            continue;
        };
        match t {
            TypeDef::Struct(s) => s.fields.iter().for_each(|f| add(module, &f.ty)),
            TypeDef::Enum(_) => {}
            TypeDef::Union(u) => u
                .variants
                .iter()
                .for_each(|v| add(module, &TypeRef::Named(v.payload.clone()))),
            TypeDef::Shape(s) => s.variants.iter().for_each(|v| add(module, &v.ty)),
        }
    }
    for m in &spec.methods {
        let Some(module) = spec.module_of(&m.location) else {
            continue;
        };
        m.params.iter().for_each(|p| add(module, &p.ty));
        add(module, &m.returns);
    }
    deps
}

/// The named types `ty` mentions.
fn named<'t>(ty: &'t TypeRef, out: &mut Vec<&'t str>) {
    match ty {
        TypeRef::Array(item) | TypeRef::Map(item) => named(item, out),
        TypeRef::Named(name) => out.push(name),
        _ => {}
    }
}

/// The `[features]` table of the generated crate's manifest, between [`BEGIN`] and [`END`].
pub fn features_block(spec: &Spec) -> String {
    let deps = module_dependencies(spec);
    let mut out = format!("{BEGIN}\n[features]\n");
    out.push_str("## Every area of the API and typed date access.\n");
    let mut default: Vec<String> = vec!["\"time\"".to_owned()];
    default.extend(spec.modules.iter().map(|m| format!("\"{}\"", m.name)));
    out.push_str(&format!("default = [{}]\n", default.join(", ")));
    out.push_str(
        "## Typed access to `Date` / `DateTime` fields through the `time` crate (see \
         `twocheckout-rpc`).\ntime = [\"twocheckout-rpc/time\"]\n",
    );
    for m in &spec.modules {
        // The first paragraph of the module's docs, on one line.
        let summary = m
            .docs
            .trim()
            .lines()
            .take_while(|l| !l.trim().is_empty())
            .map(str::trim)
            .collect::<Vec<_>>()
            .join(" ");
        let summary = if summary.is_empty() {
            format!("The `{}` module.", m.name)
        } else {
            summary.to_owned()
        };
        out.push_str(&format!("## {summary}\n"));
        let uses: Vec<String> = deps
            .get(&m.name)
            .into_iter()
            .flatten()
            .map(|d| format!("\"{d}\""))
            .collect();
        out.push_str(&format!("{} = [{}]\n", m.name, uses.join(", ")));
    }
    out.push_str(END);
    out.push('\n');
    out
}

/// `manifest` with its generated block replaced by `block`; `None` when it has no block.
pub fn splice(manifest: &str, block: &str) -> Option<String> {
    let start = manifest.find(BEGIN)?;
    let end = start + manifest[start..].find(END)? + END.len();
    let end = if manifest[end..].starts_with('\n') {
        end + 1
    } else {
        end
    };
    Some(format!("{}{block}{}", &manifest[..start], &manifest[end..]))
}

/// The manifest of the crate whose sources are written to `out` (`out/../Cargo.toml`).
pub fn manifest_path(out: &Path) -> PathBuf {
    out.parent().unwrap_or(Path::new(".")).join("Cargo.toml")
}

/// Module names that would clash with a feature the crate defines itself.
pub fn clashes(spec: &Spec) -> Vec<String> {
    spec.modules
        .iter()
        .filter(|m| OWN_FEATURES.contains(&m.name.as_str()))
        .map(|m| {
            format!(
                "module `{}` ({}) would be named like the crate's own `{}` feature; rename the file",
                m.name, m.file, m.name
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Source, load_sources};

    fn spec() -> Spec {
        let shop = r#"
            //! A shop.

            /// A thing.
            #[source("test")]
            struct Thing {
                /// Its tag.
                Tag: Vec<Label>,
            }

            /// Get a thing.
            #[source("test")]
            #[api(rpc6)]
            fn getThing(
                /// Its code.
                Code: String,
            ) -> Thing;
        "#;
        let labels = r#"
            //! Labels.

            /// A label.
            #[source("test")]
            struct Label {
                /// Its text.
                Text: String,
            }
        "#;
        load_sources(&[
            Source {
                name: "api-spec/shop.api".into(),
                text: shop.into(),
            },
            Source {
                name: "api-spec/labels.api".into(),
                text: labels.into(),
            },
        ])
        .unwrap_or_else(|d| panic!("{d}"))
    }

    #[test]
    fn a_module_using_another_modules_type_enables_it() {
        let deps = module_dependencies(&spec());
        assert_eq!(deps["shop"], BTreeSet::from(["labels".to_owned()]));
        assert!(deps["labels"].is_empty());
        let block = features_block(&spec());
        assert!(block.contains("\nshop = [\"labels\"]\n"), "{block}");
        assert!(block.contains("\nlabels = []\n"), "{block}");
        assert!(
            block.contains("default = [\"time\", \"labels\", \"shop\"]"),
            "{block}"
        );
    }

    #[test]
    fn splice_replaces_only_the_block() {
        let manifest = format!("[package]\n\n{BEGIN}\nold = []\n{END}\n\n[lints]\n");
        let spliced = splice(&manifest, &format!("{BEGIN}\nnew = []\n{END}\n")).expect("has one");
        assert_eq!(
            spliced,
            format!("[package]\n\n{BEGIN}\nnew = []\n{END}\n\n[lints]\n")
        );
        assert_eq!(splice("[package]\n", "x"), None);
    }
}
