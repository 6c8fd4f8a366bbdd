//! `marsad extract`: output shape, exit codes, batches, standard input and never writing over an
//! input, run as a user would.

mod common;
use common::marsad;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/israel-iraq-unsc-2024-11-19.txt"
);

const PARAGRAPH: &str = "القدس - أعلن وزير الخارجية الإسرائيلي جدعون ساعر أنه وجّه رسالة إلى \
مجلس الأمن الدولي يطالبه فيها بالتحرك العاجل لضمان وفاء الحكومة العراقية بالتزاماتها.";

/// Runs `marsad` with `stdin` as its standard input.
fn marsad_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_marsad"))
        .args(args)
        .env("XDG_CONFIG_HOME", env!("CARGO_TARGET_TMPDIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("marsad runs");
    let mut input = child.stdin.take().expect("stdin");
    let bytes = stdin.to_vec();
    let feeder = std::thread::spawn(move || {
        // The process may stop reading early; a closed pipe is not the test's concern.
        let _ = input.write_all(&bytes);
    });
    let out = child.wait_with_output().expect("marsad finishes");
    feeder.join().expect("stdin written");
    out
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn json_lines(bytes: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(bytes)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

/// Every file under `dir` (relative paths, sorted), to check that nothing was created.
fn listing(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).expect("readable dir") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p.clone());
            }
            out.push(p.strip_prefix(dir).expect("inside").display().to_string());
        }
    }
    out.sort();
    out
}

#[test]
fn one_file_gives_one_json_document() {
    let out = marsad(&["extract", SAMPLE]);
    common::assert_success(&out);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(doc["schema"], "marsad/1");
    assert_eq!(doc["offsets"], "unicode-scalar");
    assert_eq!(doc["source"]["encoding"], "UTF-8");
    assert_eq!(doc["source"]["sha256"].as_str().map(str::len), Some(64));
    assert_eq!(doc["source"]["replacement_chars"], 0);
    let text = doc["text"].as_str().expect("text");
    assert_eq!(text, std::fs::read_to_string(SAMPLE).expect("sample"));
    for key in ["actors", "mentions", "statements", "relations"] {
        assert!(!doc[key].as_array().expect(key).is_empty(), "{key} empty");
    }
}

#[test]
fn explain_says_which_rule_and_words_made_each_decision() {
    let out = marsad_stdin(&["explain", "-"], PARAGRAPH.as_bytes());
    common::assert_success(&out);
    let report = String::from_utf8(out.stdout).expect("UTF-8 report");
    assert!(report.contains("S1 «أعلن»"), "{report}");
    assert!(
        report.contains("speaker: subject after the cue"),
        "{report}"
    );
    assert!(report.contains("content (the clause after"), "{report}");
    assert!(report.contains("type:"), "{report}");
    let missing = marsad(&["explain", "/nonexistent/article.txt"]);
    assert!(!missing.status.success());
}

#[test]
fn several_files_give_json_lines_and_failures_exit_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("missing.txt");
    let out_path = dir.path().join("out.jsonl");
    let out = marsad(&["extract", SAMPLE, s(&missing), SAMPLE, "-o", s(&out_path)]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = stderr(&out);
    assert_eq!(stderr.lines().count(), 1, "one line per failure: {stderr}");
    assert!(stderr.contains("missing.txt"));
    let written = std::fs::read(&out_path).expect("output written");
    let docs = json_lines(&written);
    assert_eq!(docs.len(), 2, "the other files are still processed");
    for doc in docs {
        assert_eq!(doc["schema"], "marsad/1");
    }
}

#[test]
fn bad_arguments_exit_2() {
    assert_eq!(marsad(&["extract"]).status.code(), Some(2));
    assert_eq!(
        marsad(&["extract", "--format", "pdf", SAMPLE])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(marsad(&["extract", "-", "-"]).status.code(), Some(2));
    assert_eq!(
        marsad(&["extract", "--jobs", "0", SAMPLE]).status.code(),
        Some(2)
    );
    assert_eq!(
        marsad(&["extract", "--jsonl-in", "-", "--format", "csv"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        marsad(&["extract", "--jsonl-in", "-", SAMPLE])
            .status
            .code(),
        Some(2)
    );
    let dir = tempfile::tempdir().expect("temp dir");
    // JSON into a directory, exports into a file: unusable output paths.
    let out = marsad(&["extract", SAMPLE, "-o", s(dir.path())]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let file = dir.path().join("f.txt");
    fs::write(&file, "x").expect("write");
    let out = marsad(&["extract", SAMPLE, "--format", "csv", "-o", s(&file)]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let out = marsad(&["extract", s(&dir.path().join("nothing-*.txt"))]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no file matches"));
}

/// An article in a temporary folder, and the bytes it started with.
fn article_in(dir: &Path, name: &str) -> (PathBuf, Vec<u8>) {
    let path = dir.join(name);
    let bytes = fs::read(SAMPLE).expect("sample");
    fs::write(&path, &bytes).expect("write article");
    (path, bytes)
}

fn assert_refused(out: &Output, input: &Path, original: &[u8], dir: &Path, before: &[String]) {
    assert_eq!(out.status.code(), Some(2), "{}", stderr(out));
    let err = stderr(out);
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.contains("refusing to write"), "{err}");
    assert_eq!(fs::read(input).expect("input still there"), original);
    assert_eq!(listing(dir), before, "nothing created");
}

#[test]
fn json_output_never_replaces_an_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let (input, original) = article_in(d, "article.txt");
    fs::create_dir(d.join("sub")).expect("sub");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&input, d.join("link.json")).expect("symlink");
        fs::hard_link(&input, d.join("hard.json")).expect("hard link");
    }
    let before = listing(d);
    let spellings = [
        input.clone(),
        d.join("sub/../article.txt"),
        d.join("./article.txt"),
        #[cfg(unix)]
        d.join("link.json"),
        #[cfg(unix)]
        d.join("hard.json"),
    ];
    for output in &spellings {
        let out = marsad(&["extract", s(&input), "-o", s(output)]);
        assert_refused(&out, &input, &original, d, &before);
        // Also with several inputs (JSON Lines), and with the gazetteer as the "input".
        let out = marsad(&["extract", s(&input), SAMPLE, "-o", s(output)]);
        assert_refused(&out, &input, &original, d, &before);
    }
    let gazetteer = d.join("sub/extra.json");
    fs::write(&gazetteer, r#"{"actors": []}"#).expect("gazetteer");
    let out = marsad(&[
        "extract",
        SAMPLE,
        "--gazetteer",
        s(&gazetteer),
        "-o",
        s(&gazetteer),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(
        fs::read_to_string(&gazetteer).expect("kept"),
        r#"{"actors": []}"#
    );
}

#[test]
fn export_formats_never_replace_an_input() {
    // For each format, a second input file has the name the first one's export would take.
    for (format, clash) in [
        ("csv", "article.mentions.csv"),
        ("brat", "article.ann"),
        ("graphml", "article.graphml"),
        ("events", "article.events.csv"),
    ] {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        let (first, _) = article_in(d, "article.txt");
        let (second, original) = article_in(d, clash);
        let before = listing(d);
        let out = marsad(&[
            "extract",
            s(&first),
            s(&second),
            "--format",
            format,
            "-o",
            s(d),
        ]);
        assert_refused(&out, &second, &original, d, &before);
    }
    // brat writes STEM.txt: exporting an article into its own folder would replace it.
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let (input, original) = article_in(d, "article.txt");
    let before = listing(d);
    let out = marsad(&["extract", s(&input), "--format", "brat", "-o", s(d)]);
    assert_refused(&out, &input, &original, d, &before);
    // Through `..` and a symbolic link to the folder as well.
    fs::create_dir(d.join("sub")).expect("sub");
    #[cfg(unix)]
    std::os::unix::fs::symlink(d, d.join("sub/again")).expect("symlink");
    let before = listing(d);
    for out_dir in [
        d.join("sub/.."),
        #[cfg(unix)]
        d.join("sub/again"),
    ] {
        let out = marsad(&["extract", s(&input), "--format", "brat", "-o", s(&out_dir)]);
        assert_refused(&out, &input, &original, d, &before);
    }
    // Into another folder it works, and annotation.conf is written once.
    let out_dir = d.join("brat");
    let out = marsad(&[
        "extract",
        s(&input),
        SAMPLE,
        "--format",
        "brat",
        "-o",
        s(&out_dir),
    ]);
    common::assert_success(&out);
    assert_eq!(
        listing(&out_dir),
        [
            "annotation.conf",
            "article.ann",
            "article.txt",
            "israel-iraq-unsc-2024-11-19.ann",
            "israel-iraq-unsc-2024-11-19.txt"
        ]
    );
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let text = fs::read(SAMPLE).expect("sample");
    let out = marsad_stdin(&["extract", "-"], &text);
    common::assert_success(&out);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(doc["source"]["path"], "-");
    assert_eq!(
        doc["text"].as_str().map(str::as_bytes),
        Some(text.as_slice())
    );
    let from_file: serde_json::Value =
        serde_json::from_slice(&marsad(&["extract", SAMPLE]).stdout).expect("JSON");
    assert_eq!(doc["statements"], from_file["statements"]);

    let dir = tempfile::tempdir().expect("temp dir");
    let out = marsad_stdin(
        &["extract", "-", "--format", "csv", "-o", s(dir.path())],
        &text,
    );
    common::assert_success(&out);
    assert!(dir.path().join("stdin.mentions.csv").is_file());

    // A list of files on standard input.
    let list = format!("{SAMPLE}\n\n{SAMPLE}\n");
    let out = marsad_stdin(&["extract", "--files-from", "-"], list.as_bytes());
    common::assert_success(&out);
    assert_eq!(json_lines(&out.stdout).len(), 2);
}

#[test]
fn replaced_bytes_are_counted_and_reported() {
    let mut bytes = format!("{PARAGRAPH}\n{PARAGRAPH}\n").into_bytes();
    let at = PARAGRAPH.len() + 1; // the start of the second paragraph: a character boundary
    bytes.insert(at, 0xFF);
    let out = marsad_stdin(&["extract", "-"], &bytes);
    common::assert_success(&out);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(doc["source"]["replacement_chars"], 1);
    assert_eq!(
        doc["text"].as_str().map(|t| t.matches('\u{FFFD}').count()),
        Some(1)
    );
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("warning: -: 1 malformed byte sequence was replaced"),
        "{err}"
    );
}

/// Bytes from a fixed linear congruential generator: noise, the same on every run.
fn noise(len: usize) -> Vec<u8> {
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    (0..len)
        .map(|_| {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (x >> 33) as u8
        })
        .collect()
}

#[test]
fn binary_data_is_refused_and_text_without_arabic_is_flagged() {
    let dir = tempfile::tempdir().expect("temp dir");
    let random = dir.path().join("random.txt");
    fs::write(&random, noise(4000)).expect("write");
    // Noise without control bytes decodes "cleanly" in any single-byte encoding.
    let high = dir.path().join("high.txt");
    fs::write(
        &high,
        noise(4000)
            .into_iter()
            .map(|b| b | 0x80)
            .collect::<Vec<u8>>(),
    )
    .expect("write");
    for path in [&random, &high] {
        let out = marsad(&["extract", s(path)]);
        assert_eq!(out.status.code(), Some(1), "{}", s(path));
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("looks like binary data"), "{err}");
        assert!(out.stdout.is_empty());
    }
    let english = dir.path().join("english.txt");
    fs::write(&english, "The minister said the talks would go on.\n").expect("write");
    let out = marsad(&["extract", s(&english)]);
    common::assert_success(&out);
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("no Arabic letters"), "{err}");
}

#[test]
fn folders_run_on_every_core_in_input_order() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    fs::create_dir_all(d.join("b/c")).expect("dirs");
    let sample = fs::read_to_string(SAMPLE).expect("sample");
    let names = ["a.txt", "b/c/d.txt", "b/x.html", "e.txt"];
    for (i, name) in names.iter().enumerate() {
        let body = format!("{PARAGRAPH}\n\n{}", sample.repeat(i + 1));
        let body = if name.ends_with(".html") {
            format!("<html><body><p>{body}</p></body></html>")
        } else {
            body
        };
        fs::write(d.join(name), body).expect("write");
    }
    fs::write(d.join("broken.txt"), noise(2000)).expect("write");
    fs::write(d.join("notes.pdf"), "%PDF-1.4").expect("write");
    let mut outputs = Vec::new();
    for jobs in ["1", "2"] {
        let out = marsad(&["extract", s(d), "--jobs", jobs]);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("broken.txt"), "{err}");
        let docs = json_lines(&out.stdout);
        let paths: Vec<String> = docs
            .iter()
            .map(|d| d["source"]["path"].as_str().unwrap_or("").to_string())
            .collect();
        let expected: Vec<String> = names.iter().map(|n| s(&d.join(n)).to_string()).collect();
        assert_eq!(paths, expected, "sorted input order, pdf skipped");
        outputs.push(out.stdout);
    }
    assert_eq!(
        outputs[0], outputs[1],
        "the same bytes with one or two jobs"
    );

    // A quoted glob and a list file give the same articles.
    let out = marsad(&["extract", s(&d.join("b/**/*.txt"))]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json_lines(&out.stdout).len(), 1);
    let list = d.join("list.txt");
    fs::write(
        &list,
        format!("{}\n{}\n", s(&d.join("a.txt")), s(&d.join("e.txt"))),
    )
    .expect("list");
    let out = marsad(&["extract", "--files-from", s(&list)]);
    common::assert_success(&out);
    assert_eq!(json_lines(&out.stdout).len(), 2);
}

#[test]
fn piped_records_lose_no_line() {
    let sample = fs::read_to_string(SAMPLE).expect("sample");
    let record = |id: serde_json::Value, text: &str| {
        serde_json::json!({"id": id, "text": text, "source": "wire", "n": [1, 2]}).to_string()
    };
    let mut input = Vec::new();
    let mut push = |line: &[u8]| {
        input.extend_from_slice(line);
        input.push(b'\n');
    };
    push(record("a".into(), &sample).as_bytes());
    push(b"{\"id\": \"broken\", \"text\": ");
    push(record(2.into(), "").as_bytes());
    push(b"");
    push(record("huge".into(), &"ب".repeat(40_000)).as_bytes());
    push(b"[1, 2, 3]");
    push(b"{\"id\": \"bad-utf8\", \"text\": \"\xff\xfe\"}");
    push(record("english".into(), "Only English here.").as_bytes());
    push(
        record(
            "binary".into(),
            "\u{1}\u{2}\u{3}\u{4}\u{5}\u{6}\u{7}\u{8}ab",
        )
        .as_bytes(),
    );
    input.extend_from_slice(record("last".into(), PARAGRAPH).as_bytes()); // no final newline

    for jobs in ["1", "2"] {
        let out = marsad_stdin(
            &[
                "extract",
                "--jsonl-in",
                "-",
                "--max-bytes",
                "50000",
                "--jobs",
                jobs,
            ],
            &input,
        );
        common::assert_success(&out);
        let lines = json_lines(&out.stdout);
        assert_eq!(lines.len(), 10, "one line per input line");
        let ids: Vec<String> = lines.iter().map(|l| l["id"].to_string()).collect();
        assert_eq!(
            ids,
            [
                "\"a\"",
                "null",
                "2",
                "null",
                "\"huge\"",
                "null",
                "null",
                "\"english\"",
                "\"binary\"",
                "\"last\""
            ]
        );
        let failed: Vec<usize> = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.get("error").is_some())
            .map(|(i, _)| i + 1)
            .collect();
        assert_eq!(failed, [2, 3, 4, 5, 6, 7, 9]);
        for i in &failed {
            assert_eq!(lines[i - 1]["line"], *i);
        }
        assert_eq!(lines[0]["schema"], "marsad/1");
        assert!(!lines[0]["statements"]
            .as_array()
            .expect("statements")
            .is_empty());
        assert_eq!(lines[0]["fields"]["source"], "wire");
        assert_eq!(lines[0]["fields"]["n"], serde_json::json!([1, 2]));
        assert!(lines[0].get("text").is_some(), "offsets need the text");
        assert_eq!(
            lines[7]["warnings"][0],
            "the text has no Arabic letters; Marsad annotates Arabic news"
        );
        assert_eq!(lines[9]["schema"], "marsad/1");
        assert_eq!(
            stderr(&out).lines().count(),
            7,
            "one line per failed record"
        );
    }
}
