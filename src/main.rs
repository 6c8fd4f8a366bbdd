use clap::Parser;
use marsad::cli::{self, Cli, Command};
use std::time::Instant;

fn main() {
    let started = Instant::now();
    let args = Cli::parse();
    let code = match &args.command {
        Some(Command::Extract(a)) => cli::run_extract(a),
        Some(Command::Summary { file }) => cli::run_summary(file),
        None => {
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
    };
    std::process::exit(code);
}
