//! Writing a file so that a crash, a kill or a full disk leaves either the old version or the new
//! one, whole: the sidecar, the user gazetteer and exports all go through here.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` so that a reader sees either the old file or the new one, complete:
/// the previous version is first copied to `path.bak`, the new one goes to a temporary file that
/// is synced and then renamed over `path`, and the directory is synced.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    if path.exists() {
        let bak = with_suffix(path, ".bak");
        write_replace(&bak, &fs::read(path)?, dir)?;
    }
    write_replace(path, bytes, dir)
}

/// Temporary file, fsync, rename, fsync of the directory.
fn write_replace(path: &Path, bytes: &[u8], dir: &Path) -> io::Result<()> {
    let tmp = with_suffix(path, &format!(".tmp-{}", std::process::id()));
    let result = (|| {
        let mut file = File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&tmp, path)?;
        // The rename itself must reach the disk too.
        File::open(dir).and_then(|d| d.sync_all())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// `path` with `suffix` added to its file name (`a.marsad.json` → `a.marsad.json.bak`).
pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}
