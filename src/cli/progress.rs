//! The progress bar of a batch: articles done, articles per second and time left, on stderr when
//! it is a terminal; nothing when output is piped or logged. Report lines go above the bar.

use indicatif::{ProgressBar, ProgressState, ProgressStyle};
use std::io::IsTerminal;

pub(crate) struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    /// A bar for `total` articles (a spinner with a count when the total is unknown), shown only
    /// on a terminal and only for more than one article.
    pub(crate) fn new(total: Option<usize>) -> Progress {
        let wanted = std::io::stderr().is_terminal() && total.is_none_or(|t| t > 1);
        let bar = wanted.then(|| {
            let rate = |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.1} articles/s", state.per_sec());
            };
            let (bar, template) = match total {
                Some(t) => (
                    ProgressBar::new(t as u64),
                    "{bar:30} {pos}/{len} · {rate} · {eta} left {wide_msg}",
                ),
                None => (
                    ProgressBar::new_spinner(),
                    "{spinner} {pos} · {rate} {wide_msg}",
                ),
            };
            let style = ProgressStyle::with_template(template)
                .map(|s| s.with_key("rate", rate))
                .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar
        });
        Progress { bar }
    }

    /// One article done.
    pub(crate) fn inc(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    /// A report line (an error or a warning), printed above the bar.
    pub(crate) fn println(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.println(line),
            None => eprintln!("{line}"),
        }
    }

    pub(crate) fn finish(self) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
    }
}
