//! The importer never panics on damaged pages: every page it is tested on (seeds, accuracy
//! pages, fixtures), cut at 50 points and with its lines shuffled, either imports or reports
//! `page:line` problems, and whatever it prints loads as a spec.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use twocheckout_codegen::import::{self, Page, json, spec};

fn pages() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dirs: Vec<PathBuf> = vec![
        root.join("tests/import/pages"),
        root.join("tests/import/fixtures"),
        root.join("../../shared/seeds"),
    ];
    let mut out = Vec::new();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            if path.file_name().is_some_and(|n| n == "EXPECTED.txt") {
                continue;
            }
            if let Ok(text) = std::fs::read_to_string(&path) {
                out.push((
                    path.file_name().unwrap().to_string_lossy().into_owned(),
                    text,
                ));
            }
        }
    }
    out
}

/// A small deterministic generator (xorshift), so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn check(name: &str, text: &str) {
    let lines = text.lines().count().max(1);
    let page = Page {
        name: name.to_owned(),
        text: text.to_owned(),
    };
    let result = catch_unwind(AssertUnwindSafe(|| {
        let imported = import::import_pages(std::slice::from_ref(&page));
        let printed = spec::to_text(&imported);
        let _ = json::to_json(&imported);
        (imported, printed)
    }));
    let Ok((imported, printed)) = result else {
        panic!("the importer panicked on {name}:\n{text}");
    };
    let has_output = !imported.methods.is_empty() || !imported.objects.is_empty();
    assert!(
        has_output || !imported.problems.is_empty(),
        "{name}: neither output nor a problem"
    );
    for problem in &imported.problems {
        assert_eq!(problem.page, name);
        assert!(
            (1..=lines + 1).contains(&problem.line),
            "{name}: problem at line {} of {lines}: {problem}",
            problem.line
        );
        assert!(
            problem
                .to_string()
                .starts_with(&format!("{name}:{}: ", problem.line))
        );
    }
    if has_output
        && let Err(d) =
            twocheckout_codegen::load::load_sources(&[twocheckout_codegen::load::Source {
                name: spec::FILE.to_owned(),
                text: printed.clone(),
            }])
    {
        panic!("{name}: printed items do not load:\n{d}\n{printed}");
    }
}

#[test]
fn truncated_and_shuffled_pages_never_panic() {
    let pages = pages();
    assert!(pages.len() >= 25, "only {} pages", pages.len());
    let mut rng = Rng(0x2c4e_cc07_1d95_a1b3);
    let mut runs = 0;
    for (name, text) in &pages {
        let bounds: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        check(name, text);
        for k in 0..50 {
            let cut = bounds[bounds.len() * k / 50];
            check(name, &text[..cut]);
            runs += 1;
        }
        let mut lines: Vec<&str> = text.lines().collect();
        for _ in 0..10 {
            for i in (1..lines.len()).rev() {
                let j = rng.below(i + 1);
                lines.swap(i, j);
            }
            check(name, &lines.join("\n"));
            runs += 1;
        }
    }
    assert!(runs >= 25 * 60);
}
