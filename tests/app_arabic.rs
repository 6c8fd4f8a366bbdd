//! The Arabic interface: View ▸ Language ▸ العربية turns menus, panels, inspector, status and
//! messages Arabic, and mirrors the window (legend at the right, graph and inspector at the left).

mod app_harness;

use app_harness::SAMPLE;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use egui_kittest::Harness;
use marsad::ui::app::MarsadApp;
use marsad::ui::command::Command;
use marsad::ui::session::Selection;
use marsad::ui::strings::{Language, ARABIC};
use std::path::Path;

fn harness() -> Harness<'static, MarsadApp> {
    app_harness::app(Path::new(SAMPLE))
}

/// How an Arabic string of the interface appears to egui and AccessKit.
fn shown(text: &str) -> String {
    ARABIC.show(text)
}

#[test]
fn the_language_menu_switches_the_whole_window_to_arabic_and_mirrors_it() {
    let mut harness = harness();
    let legend_x =
        |h: &Harness<'_, MarsadApp>, label: &str| h.get_by_label(label).rect().center().x;
    let english_legend = legend_x(&harness, "Show Israel");
    let article = harness
        .state_mut()
        .view()
        .article
        .viewport()
        .expect("shown");
    assert!(
        english_legend < article.min.x,
        "the legend starts at the left"
    );

    harness.get_by_label("View").click();
    harness.run_steps(2);
    harness.get_by_label("Language").click();
    harness.run_steps(2);
    harness.get_by_label("العربية").click();
    harness.run_steps(3);
    assert_eq!(harness.state().prefs().language, Language::Arabic);

    // Menus and status are Arabic.
    for menu in [ARABIC.file_menu, ARABIC.edit_menu, ARABIC.view_menu] {
        assert!(
            harness.query_by_label(&shown(menu)).is_some(),
            "menu {menu}"
        );
    }
    assert!(harness.query_by_label("File").is_none());
    // So is the graph's toolbar.
    for tool in [ARABIC.types, ARABIC.layout, ARABIC.min_weight] {
        assert!(
            harness.query_by_label(&shown(tool)).is_some(),
            "graph tool {tool}"
        );
    }
    assert!(harness.query_by_label("Types").is_none());
    let session = harness.state().session().expect("article");
    let counts = (ARABIC.counts)(
        session.graph.nodes.len(),
        session.doc.mentions.len(),
        session.doc.statements.len(),
        session.doc.relations.len(),
    );
    assert!(
        harness.query_by_label(&shown(&counts)).is_some(),
        "{counts}"
    );

    // The window is mirrored: the legend at the right of the article, the graph at its left.
    let article = harness
        .state_mut()
        .view()
        .article
        .viewport()
        .expect("shown");
    let legend = legend_x(&harness, &(ARABIC.show_actor)("Israel"));
    assert!(
        legend > article.max.x,
        "the legend moved right: {legend} vs {article:?}"
    );
    let edge = harness
        .query_all_by_label_contains("إسرائيل -> ")
        .next()
        .expect("a graph edge")
        .rect();
    assert!(
        edge.max.x <= article.min.x + 1.0,
        "the graph moved left: {edge:?}"
    );

    // The inspector speaks Arabic.
    harness
        .state_mut()
        .apply(Command::Select(Selection::Actor("ISR".into())));
    harness.run_steps(2);
    let mentions = harness
        .state()
        .session()
        .expect("article")
        .mentions_of("ISR")
        .len();
    assert!(harness
        .query_by_label(&shown(&(ARABIC.mentions)(mentions)))
        .is_some());
    assert!(harness.query_by_label(&shown(ARABIC.next)).is_some());
    assert!(
        harness.query_all_by_label(&shown("إسرائيل")).count() >= 2,
        "the Arabic name first, in the legend and the inspector"
    );

    // Messages too.
    let dir = tempfile::tempdir().expect("temp dir");
    let png = dir.path().join("picture.png");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").expect("write");
    harness.state_mut().open_now(&png);
    harness.run_steps(2);
    let notice = harness.state().notice().expect("a notice").to_string();
    assert!(notice.starts_with("تعذّر فتح المقال"), "{notice}");
    harness.get_by_label(&shown(ARABIC.dismiss)).click();
    harness.run_steps(2);
    assert!(harness.state().notice().is_none());

    // And back to English.
    harness
        .state_mut()
        .apply(Command::SetLanguage(Language::English));
    harness.run_steps(3);
    assert!(harness.query_by_label("File").is_some());
    assert!(legend_x(&harness, "Show Israel") < article.min.x);
}

/// In Arabic, the relation types the inspector shows (its buttons for the relations the graph
/// draws, and their accessible names) are named in Arabic, not English.
#[test]
fn relation_types_in_the_inspector_are_arabic() {
    let mut harness = harness();
    harness
        .state_mut()
        .apply(Command::SetLanguage(Language::Arabic));
    harness
        .state_mut()
        .apply(Command::Select(Selection::Actor("ISR".into())));
    harness.run_steps(3);
    let session = harness.state().session().expect("article");
    let graph = &session.graph;
    let israel = graph.node_of("ISR").expect("Israel in the graph");
    let types: Vec<_> = graph
        .edges_of(israel)
        .flat_map(|(_, e)| e.types.iter().map(|t| (t.kind, t.weight)))
        .collect();
    assert!(!types.is_empty(), "Israel has relations");
    // Each is a button named "علاقة إسرائيل -> العراق: هجوم x1".
    let names: Vec<String> = harness
        .query_all_by_label_contains("علاقة ")
        .filter_map(|n| n.accesskit_node().label())
        .collect();
    for (kind, weight) in types {
        let arabic = format!("{} x{weight}", (ARABIC.relation_name)(kind));
        assert!(
            names.iter().any(|n| n.ends_with(&arabic)),
            "no relation named with {arabic} in {names:?}"
        );
    }
    for name in &names {
        assert!(
            marsad::model::RelationType::ALL
                .iter()
                .all(|k| !name.contains(&format!("{} x", k.as_str()))),
            "an English type in {name}"
        );
    }
}

/// Choosing a language names the graph's actors in it (the toggle still switches them after).
#[test]
fn graph_labels_follow_the_language() {
    let graph_labels = |harness: &Harness<'_, MarsadApp>, name: &str| {
        harness
            .query_all_by_label(name)
            .filter(|n| n.accesskit_node().role() == egui::accesskit::Role::Label)
            .count()
    };
    let mut harness = harness();
    assert!(!harness.state_mut().view().graph.arabic_labels);
    harness
        .state_mut()
        .apply(Command::SetLanguage(Language::Arabic));
    harness.run_steps(3);
    assert!(harness.state_mut().view().graph.arabic_labels);
    assert!(graph_labels(&harness, "إسرائيل") >= 1);
    harness
        .state_mut()
        .apply(Command::SetLanguage(Language::English));
    harness.run_steps(3);
    assert!(!harness.state_mut().view().graph.arabic_labels);
    assert!(graph_labels(&harness, "Israel") >= 1);
}

/// A notice follows the interface when the language changes while it shows (it was kept in the
/// language it was made in), and names what was exported in that language.
#[test]
fn a_notice_follows_the_language() {
    let dir = tempfile::tempdir().expect("temp dir");
    let article = dir.path().join("article.txt");
    std::fs::copy(SAMPLE, &article).expect("copy the sample");
    let mut harness = app_harness::app(&article);
    harness
        .state_mut()
        .apply(Command::SetLanguage(Language::Arabic));
    harness
        .state_mut()
        .apply(Command::ExportGraph(marsad::export::ExportFile {
            name: "graph.svg".into(),
            bytes: b"<svg/>".to_vec(),
        }));
    harness.run_steps(2);
    let arabic = harness.state().notice().expect("a notice");
    assert!(
        arabic.starts_with("تم التصدير بصيغة صورة الشبكة"),
        "{arabic}"
    );
    harness
        .state_mut()
        .apply(Command::SetLanguage(Language::English));
    harness.run_steps(2);
    let english = harness.state().notice().expect("the notice");
    assert!(english.starts_with("Exported graph picture"), "{english}");
}
