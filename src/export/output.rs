//! Writing outputs without ever replacing an input: every output path is checked against the
//! files a run reads (the same file through a symbolic or hard link, `..`, or any other spelling)
//! before anything is created or truncated. The CLI and the app's File ▸ Export both go through
//! here.

use super::ExportFile;
use std::collections::{HashMap, HashSet};
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The identity of a file on disk: its device and inode where there are such things, else its
/// canonical path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum FileId {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg(not(unix))]
    Canonical(PathBuf),
}

fn file_id(path: &Path) -> Option<FileId> {
    // `metadata` follows symbolic links, so a link to an input has the input's identity.
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let m = fs::metadata(path).ok()?;
        Some(FileId::Inode(m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        fs::canonicalize(path).ok().map(FileId::Canonical)
    }
}

/// The files a run reads, which none of its outputs may replace.
#[derive(Debug, Default, Clone)]
pub struct Inputs {
    files: HashMap<FileId, PathBuf>,
}

impl Inputs {
    /// The inputs among `paths` that exist (a missing one cannot be overwritten, and is reported
    /// by whoever reads it).
    pub fn new<P: AsRef<Path>>(paths: impl IntoIterator<Item = P>) -> Inputs {
        let mut inputs = Inputs::default();
        for p in paths {
            inputs.add(p.as_ref());
        }
        inputs
    }

    /// Protects one more file.
    pub fn add(&mut self, path: &Path) {
        if let Some(id) = file_id(path) {
            self.files.entry(id).or_insert_with(|| path.to_path_buf());
        }
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The input that writing `output` would replace, if any.
    pub fn clash(&self, output: &Path) -> Option<&Path> {
        if self.files.is_empty() {
            return None;
        }
        file_id(output).and_then(|id| self.files.get(&id).map(PathBuf::as_path))
    }

    /// Refuses `output` if it is one of the inputs.
    pub fn check(&self, output: &Path) -> Result<(), OutputError> {
        match self.clash(output) {
            Some(input) => Err(OutputError::WouldOverwriteInput {
                output: output.to_path_buf(),
                input: input.to_path_buf(),
            }),
            None => Ok(()),
        }
    }
}

/// Why an output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error(
        "{}: refusing to write: it is the input file {}; choose another output path",
        output.display(),
        input.display()
    )]
    WouldOverwriteInput { output: PathBuf, input: PathBuf },
    #[error("{}: cannot write: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
}

impl OutputError {
    fn io(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
        move |source| OutputError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Creates (or truncates) `path` for writing, after checking that it is none of `inputs`.
pub fn create_checked(path: &Path, inputs: &Inputs) -> Result<File, OutputError> {
    inputs.check(path)?;
    if path.is_dir() {
        return Err(OutputError::Io {
            path: path.to_path_buf(),
            source: io::Error::new(io::ErrorKind::IsADirectory, "it is a directory"),
        });
    }
    File::create(path).map_err(OutputError::io(path))
}

/// Writes the files of an export into `dir` (created if needed). Every destination is checked
/// against `inputs` before anything is created; each file is written to a temporary name and
/// renamed into place, so an interrupted export never leaves a torn file. Returns the paths
/// written.
pub fn write_files(
    dir: &Path,
    files: &[ExportFile],
    inputs: &Inputs,
) -> Result<Vec<PathBuf>, OutputError> {
    let dests: Vec<PathBuf> = files.iter().map(|f| dir.join(&f.name)).collect();
    for dest in &dests {
        inputs.check(dest)?;
    }
    fs::create_dir_all(dir).map_err(OutputError::io(dir))?;
    let mut seen = HashSet::new();
    for (file, dest) in files.iter().zip(&dests) {
        if seen.insert(dest) {
            write_replacing(dest, &file.bytes).map_err(OutputError::io(dest))?;
        }
    }
    Ok(dests)
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over `path`.
pub(crate) fn write_replacing(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(format!(".tmp-{}", std::process::id()));
    let tmp = PathBuf::from(tmp);
    let result = File::create(&tmp)
        .and_then(|mut f| f.write_all(bytes))
        .and_then(|()| fs::rename(&tmp, path));
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_of_an_input_clashes() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("a.txt");
        fs::write(&input, "نص").unwrap();
        fs::create_dir(dir.path().join("sub")).unwrap();
        let inputs = Inputs::new([&input]);
        assert!(inputs.clash(&input).is_some());
        assert!(inputs.clash(&dir.path().join("sub/../a.txt")).is_some());
        assert!(inputs.clash(&dir.path().join("./a.txt")).is_some());
        assert!(inputs.clash(&dir.path().join("b.txt")).is_none());
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&input, dir.path().join("link.txt")).unwrap();
            fs::hard_link(&input, dir.path().join("hard.txt")).unwrap();
            assert!(inputs.clash(&dir.path().join("link.txt")).is_some());
            assert!(inputs.clash(&dir.path().join("hard.txt")).is_some());
        }
    }

    #[test]
    fn nothing_is_written_when_one_file_clashes() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("a.txt");
        fs::write(&input, "نص").unwrap();
        let files = vec![
            ExportFile::new("a.ann".into(), "T1"),
            ExportFile::new("a.txt".into(), "replaced"),
        ];
        let err = write_files(dir.path(), &files, &Inputs::new([&input])).unwrap_err();
        assert!(matches!(err, OutputError::WouldOverwriteInput { .. }));
        assert!(!err.to_string().contains('\n'));
        assert_eq!(fs::read_to_string(&input).unwrap(), "نص");
        assert!(!dir.path().join("a.ann").exists());
    }

    #[test]
    fn writes_into_a_new_directory() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("new/deeper");
        let files = vec![ExportFile::new("x.csv".into(), "a,b\n")];
        let written = write_files(&out, &files, &Inputs::default()).unwrap();
        assert_eq!(written, vec![out.join("x.csv")]);
        assert_eq!(fs::read_to_string(out.join("x.csv")).unwrap(), "a,b\n");
        assert_eq!(
            fs::read_dir(&out).unwrap().count(),
            1,
            "no temporary file left"
        );
    }
}
