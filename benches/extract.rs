//! Throughput of the whole pipeline: decode, fold, match, statements, relations.
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use marsad::extract::{Extractor, Gazetteer};
use std::hint::black_box;

const SAMPLE: &[u8] = include_bytes!("../tests/fixtures/israel-iraq-unsc-2024-11-19.txt");

/// The sample repeated, paragraph-separated, up to about `bytes`.
fn repeated(bytes: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes + SAMPLE.len());
    while out.len() < bytes {
        out.extend_from_slice(SAMPLE);
        out.extend_from_slice(b"\n\n");
    }
    out
}

fn pipeline(c: &mut Criterion) {
    let extractor = Extractor::new(Gazetteer::builtin());
    let mut group = c.benchmark_group("extract");
    for (name, input) in [("sample", SAMPLE.to_vec()), ("10MB", repeated(10 << 20))] {
        group.throughput(Throughput::Bytes(input.len() as u64));
        if input.len() > 1 << 20 {
            group.sample_size(10);
        }
        group.bench_with_input(BenchmarkId::from_parameter(name), &input, |b, input| {
            b.iter(|| {
                let doc = marsad::ingest::from_bytes(black_box(input), "bench.txt")
                    .expect("sample decodes");
                black_box(extractor.annotate_owned(doc.text, doc.source))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
