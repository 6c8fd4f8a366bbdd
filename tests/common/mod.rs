//! Helpers shared by the integration tests.

/// Runs the `marsad` binary with `args`, isolated from the user's configuration.
pub fn marsad(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_marsad"))
        .args(args)
        .env("XDG_CONFIG_HOME", env!("CARGO_TARGET_TMPDIR"))
        .output()
        .expect("marsad runs")
}

/// Asserts that a run of `marsad` succeeded, showing its stderr if not.
pub fn assert_success(out: &std::process::Output) {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
