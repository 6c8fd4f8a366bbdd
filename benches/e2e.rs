//! Where the time of `marsad extract` goes on the 10 MB file, phase by phase, and the whole path
//! (read → ingest → annotate → JSON → write) on two threads and on one. `cargo bench --bench e2e`.
//!
//! Process-level figures (peak memory, folders on 1 and 2 cores, the corpus store, scaling with
//! input size) are in benches/batch.rs.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use marsad::export::json_write::{to_json_line, write_document};
use marsad::extract::{Extractor, Gazetteer};
use std::hint::black_box;
use std::io::Write;

const SAMPLE: &[u8] = include_bytes!("../tests/fixtures/israel-iraq-unsc-2024-11-19.txt");

/// The sample repeated, paragraph-separated, to 10 MiB: the file of issue 9.
fn ten_mb() -> Vec<u8> {
    let mut out = Vec::with_capacity((10 << 20) + SAMPLE.len());
    while out.len() < 10 << 20 {
        out.extend_from_slice(SAMPLE);
        out.extend_from_slice(b"\n\n");
    }
    out
}

fn phases(c: &mut Criterion) {
    let input = ten_mb();
    let extractor = Extractor::new(Gazetteer::builtin());
    let doc = marsad::ingest::from_vec(input.clone(), "bench.txt").expect("decodes");
    let annotated = extractor.annotate(&doc.text, doc.source.clone());

    let mut group = c.benchmark_group("e2e-10MB");
    group.throughput(Throughput::Bytes(input.len() as u64));
    group.sample_size(10);
    group.bench_function("ingest", |b| {
        b.iter(|| marsad::ingest::from_vec(black_box(input.clone()), "bench.txt"))
    });
    group.bench_function("annotate", |b| {
        b.iter(|| extractor.annotate(black_box(&doc.text), doc.source.clone()))
    });
    group.bench_function("json-pretty", |b| {
        b.iter(|| {
            let mut out = std::io::BufWriter::with_capacity(1 << 20, std::io::sink());
            write_document(&mut out, black_box(&annotated), true).expect("writes");
            out.flush().expect("flush")
        })
    });
    group.bench_function("json-line", |b| {
        b.iter(|| to_json_line(black_box(&annotated)))
    });
    // What the model's derived serialisation costs, for comparison with the writer above.
    group.bench_function("json-pretty-serde", |b| {
        b.iter(|| {
            let mut out = std::io::BufWriter::with_capacity(1 << 20, std::io::sink());
            serde_json::to_writer_pretty(&mut out, black_box(&annotated)).expect("serialises");
            out.flush().expect("flush")
        })
    });
    // The whole path as `marsad extract` runs it (a second thread reads ahead where there are
    // two cores), and as `--jobs 1` runs it: the one-core figure.
    let one_thread = Extractor::new(Gazetteer::builtin()).on_one_thread();
    for (name, extractor) in [
        ("whole-path", &extractor),
        ("whole-path-1-thread", &one_thread),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let doc = marsad::ingest::from_vec(black_box(input.clone()), "bench.txt")
                    .expect("decodes");
                let annotated = extractor.annotate_owned(doc.text, doc.source);
                let mut out = std::io::BufWriter::with_capacity(1 << 20, std::io::sink());
                write_document(&mut out, &annotated, true).expect("writes");
                out.flush().expect("flush")
            })
        });
    }
    group.finish();
}

criterion_group!(benches, phases);
criterion_main!(benches);
