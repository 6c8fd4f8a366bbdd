//! The app as the UI tests drive it: headless, default preferences, one article open.

use egui_kittest::Harness;
use marsad::ui::app::{MarsadApp, Options};
use std::path::Path;

/// The bundled sample article.
pub const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/israel-iraq-unsc-2024-11-19.txt"
);

/// The app in a window of `size` with `article` open and laid out.
pub fn app_with(article: &Path, size: [f32; 2]) -> Harness<'static, MarsadApp> {
    let article = article.to_path_buf();
    let mut harness = Harness::builder().with_size(size).build_eframe(move |cc| {
        let mut app = MarsadApp::headless(&cc.egui_ctx, Options::default());
        app.open_now(&article);
        app
    });
    harness.run_steps(4);
    harness
}

/// The app in a 1280×800 window with `article` open.
#[allow(dead_code)] // Not every test file opens its own article.
pub fn app(article: &Path) -> Harness<'static, MarsadApp> {
    app_with(article, [1280.0, 800.0])
}
