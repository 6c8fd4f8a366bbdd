//! Why a file could not be loaded. Every message is one line that names the file and says what to do.

use std::io;
use std::path::{Path, PathBuf};

/// A file that could not be turned into article text.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{}: no such file; check the path", path.display())]
    NotFound { path: PathBuf },

    #[error("{}: is a directory, not a file; give the path of a text or HTML file", path.display())]
    IsDirectory { path: PathBuf },

    #[error("{}: permission denied; make the file readable (e.g. chmod u+r) or copy it somewhere readable", path.display())]
    PermissionDenied { path: PathBuf },

    #[error("{}: no text to annotate: {detail}; choose a file that contains the article text", path.display())]
    Empty { path: PathBuf, detail: &'static str },

    #[error("{}: looks like {what}, not text; save the article as plain text (UTF-8) or HTML and load that", path.display())]
    Binary { path: PathBuf, what: String },

    #[error(
        "{}: file is {size} bytes, over the limit of {limit} bytes ({}); if this really is one article, raise the limit with --max-bytes <BYTES>",
        path.display(),
        human_size(*limit)
    )]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },

    #[error("{}: cannot decode the text: {detail}; re-save the file as UTF-8", path.display())]
    Undecodable { path: PathBuf, detail: String },

    #[error("{}: cannot read the file: {source}; check that it is a readable regular file", path.display())]
    Io { path: PathBuf, source: io::Error },
}

impl IngestError {
    /// The file the error is about (as the caller gave it).
    pub fn path(&self) -> &Path {
        match self {
            IngestError::NotFound { path }
            | IngestError::IsDirectory { path }
            | IngestError::PermissionDenied { path }
            | IngestError::Empty { path, .. }
            | IngestError::Binary { path, .. }
            | IngestError::TooLarge { path, .. }
            | IngestError::Undecodable { path, .. }
            | IngestError::Io { path, .. } => path,
        }
    }

    /// Maps an I/O error from opening, inspecting or reading `path` to the matching variant.
    pub(crate) fn from_io(path: &Path, err: io::Error) -> Self {
        let path = path.to_path_buf();
        match err.kind() {
            io::ErrorKind::NotFound | io::ErrorKind::NotADirectory => {
                IngestError::NotFound { path }
            }
            io::ErrorKind::PermissionDenied => IngestError::PermissionDenied { path },
            io::ErrorKind::IsADirectory => IngestError::IsDirectory { path },
            _ => IngestError::Io { path, source: err },
        }
    }
}

/// `67108864` → `"64 MiB"`, `1536` → `"1.5 KiB"`.
fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if value.fract() == 0.0 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_sizes() {
        assert_eq!(human_size(10), "10 B");
        assert_eq!(human_size(1536), "1.5 KiB");
        assert_eq!(human_size(64 * 1024 * 1024), "64 MiB");
    }

    #[test]
    fn io_kinds_map_to_variants() {
        let p = Path::new("x.txt");
        let e = IngestError::from_io(p, io::Error::from(io::ErrorKind::NotFound));
        assert!(matches!(e, IngestError::NotFound { .. }));
        let e = IngestError::from_io(p, io::Error::from(io::ErrorKind::PermissionDenied));
        assert!(matches!(e, IngestError::PermissionDenied { .. }));
        let e = IngestError::from_io(p, io::Error::other("boom"));
        assert!(matches!(e, IngestError::Io { .. }));
        assert_eq!(e.path(), p);
        assert!(!e.to_string().contains('\n'));
    }
}
