use clap::Parser;
use marsad::cli::{self, Cli, Command};
use std::path::PathBuf;

/// The bundled sample article, used when no file is given.
const SAMPLE: &str = "assets/samples/israel-iraq-unsc-2024-11-19.txt";

fn main() {
    let args = Cli::parse();
    let code = match &args.command {
        Some(Command::Extract(a)) => cli::run_extract(a),
        None => show_summary(args.file.unwrap_or_else(sample_path)),
    };
    std::process::exit(code);
}

fn sample_path() -> PathBuf {
    let local = PathBuf::from(SAMPLE);
    if local.exists() {
        return local;
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(SAMPLE)
}

fn show_summary(path: PathBuf) -> i32 {
    let gazetteer = match cli::load_gazetteer(None) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("marsad: {e}");
            return 2;
        }
    };
    let extractor = marsad::extract::Extractor::new(gazetteer);
    match cli::annotate_file(&extractor, &path, marsad::ingest::DEFAULT_MAX_BYTES) {
        Ok(doc) => {
            use std::io::Write;
            // A closed pipe (marsad FILE | head) is not an error worth a message.
            let _ = std::io::stdout().write_all(cli::summary(&doc).as_bytes());
            0
        }
        Err(e) => {
            eprintln!("marsad: {e}");
            1
        }
    }
}
