//! The whole generator on the real spec: load (parse + check) every `api-spec/*.api` file, emit
//! and format every file of the generated crate. Stages are also measured alone.
#![allow(
    missing_docs,
    reason = "criterion's macros generate undocumented items"
)]

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use twocheckout_codegen::files;
use twocheckout_codegen::load::{load_dir, load_sources, read_dir_sources};

fn generate(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../api-spec");
    let sources = read_dir_sources(&dir).expect("api-spec is readable");
    let spec = load_sources(&sources).expect("api-spec is valid");

    c.bench_function("load_emit_format (whole spec, from disk)", |b| {
        b.iter(|| {
            let spec = load_dir(black_box(&dir)).expect("load");
            files::render(&spec).expect("render")
        })
    });
    c.bench_function("load (parse + check, in memory)", |b| {
        b.iter(|| load_sources(black_box(&sources)).expect("load"))
    });
    c.bench_function("emit_format (all files)", |b| {
        b.iter(|| files::render(black_box(&spec)).expect("render"))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = generate
}
criterion_main!(benches);
