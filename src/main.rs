use clap::Parser;
use marsad::cli::{self, Cli, Command};
use std::time::Instant;

fn main() {
    let started = Instant::now();
    let args = Cli::parse();
    if args.command.is_some() {
        // A panic inside a batch job is reported as one line by the batch, not as a backtrace.
        marsad::batch::install_quiet_panic_hook();
    }
    let code = match &args.command {
        Some(Command::Extract(a)) => cli::run_extract(a),
        Some(Command::Summary { file }) => cli::run_summary(file),
        Some(Command::Explain { file }) => cli::run_explain(file),
        Some(Command::Index(a)) => cli::run_index(a),
        Some(Command::Query(a)) => cli::run_query(a),
        None => run_app(&args, started),
    };
    std::process::exit(code);
}

#[cfg(feature = "gui")]
fn run_app(args: &Cli, started: Instant) -> i32 {
    let options = marsad::ui::app::Options {
        file: args.file.clone(),
        quit_after_first_frame: args.quit_after_first_frame,
        reading: args.reading,
        started: Some(started),
    };
    match marsad::ui::app::run(options) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("marsad: cannot open a window: {e}");
            eprintln!("marsad: `marsad extract FILE` works without one");
            1
        }
    }
}

#[cfg(not(feature = "gui"))]
fn run_app(_args: &Cli, _started: Instant) -> i32 {
    eprintln!("marsad: this build has no app (built without the `gui` feature); use `marsad extract FILE`");
    2
}
