//! Every string the interface shows, in each interface language. One struct with a field per
//! string, and one value of it per language: a string missing in one language does not compile.
//! Strings that count or name something are functions.

use crate::autosave::SaveFailure;
use crate::model::{ActorKind, RelationType};
use serde::{Deserialize, Serialize};

/// The language of the interface (the article keeps its own).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Language {
    #[default]
    English,
    Arabic,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::English, Language::Arabic];

    pub fn strings(self) -> &'static Strings {
        match self {
            Language::English => &ENGLISH,
            Language::Arabic => &ARABIC,
        }
    }

    /// The language's name in itself, as the language menu lists it.
    pub fn native_name(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::Arabic => "العربية",
        }
    }

    /// Whether the whole window reads right to left.
    pub fn rtl(self) -> bool {
        self == Language::Arabic
    }
}

/// The interface's strings in one language.
pub struct Strings {
    /// Whether the language reads right to left (its strings go through [`Strings::show`]).
    pub rtl: bool,
    // Menus
    pub file_menu: &'static str,
    pub edit_menu: &'static str,
    pub view_menu: &'static str,
    pub language_menu: &'static str,
    pub open: &'static str,
    pub open_path: &'static str,
    pub open_recent: &'static str,
    pub nothing_yet: &'static str,
    pub export: &'static str,
    pub reextract: &'static str,
    pub open_sample: &'static str,
    pub quit: &'static str,
    pub undo: &'static str,
    pub redo: &'static str,
    /// "Undo: remove a mention".
    pub undo_what: fn(&str) -> String,
    pub redo_what: fn(&str) -> String,
    pub dark_theme: &'static str,
    pub arabic_graph_labels: &'static str,
    pub reading_mode: &'static str,
    pub show_legend: &'static str,
    pub show_side_panel: &'static str,
    pub find_in_text: &'static str,
    pub reset_graph: &'static str,
    pub move_graph_nodes: &'static str,
    // The graph panel
    pub no_actors_found: &'static str,
    pub nothing_left_to_show: &'static str,
    pub english_labels: &'static str,
    pub arabic_labels: &'static str,
    pub min_weight: &'static str,
    pub min_weight_hint: &'static str,
    pub types: &'static str,
    pub layout: &'static str,
    pub fit_graph: &'static str,
    pub fit_graph_hint: &'static str,
    pub new_layout: &'static str,
    pub new_layout_hint: &'static str,
    pub picture_svg: &'static str,
    pub picture_png: &'static str,
    pub click_for_evidence: &'static str,
    /// A node's tooltip: English name, Arabic name, mention count.
    pub node_hover: fn(&str, &str, usize) -> String,
    pub hidden_labels: fn(usize) -> String,
    pub go_to_start: &'static str,
    pub go_to_end: &'static str,
    pub select: &'static str,
    pub hide_legend_button: &'static str,
    pub hide_side_panel_button: &'static str,

    // Top bars and status
    pub opening: fn(&str) -> String,
    pub waiting_for_dialog: &'static str,
    pub no_file_dialog: &'static str,
    pub dismiss: &'static str,
    pub path_label: &'static str,
    pub path_hint: &'static str,
    pub open_button: &'static str,
    pub cancel: &'static str,
    pub find_label: &'static str,
    pub find_hint: &'static str,
    pub finding: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub close: &'static str,
    pub counts: fn(usize, usize, usize, usize) -> String,
    pub extracted_in: fn(f64) -> String,
    /// The article's encoding and format ("UTF-8 · text").
    pub source_kind: fn(&str, &str) -> String,
    pub no_article: &'static str,
    pub open_prompt: &'static str,
    pub saved: &'static str,
    pub unsaved: &'static str,
    pub save: &'static str,
    pub save_as: &'static str,
    pub save_as_hint: &'static str,
    /// Beside the reason a save failed: attempts so far and seconds to the next try.
    pub save_failing: fn(u32, u64) -> String,
    pub retry_now: &'static str,
    pub not_saved: &'static str,
    pub saved_as: fn(&str) -> String,
    /// Another window's corrections were merged in without conflict.
    pub merged: &'static str,
    /// Conflicts (count, where this window's version was kept), the conflicts listed after.
    pub merged_conflicts: fn(usize, &str) -> String,
    /// The file annotates another version of the article (theirs, where ours went).
    pub kept_both: fn(&str, &str) -> String,
    pub replaced_unreadable: fn(&str) -> String,
    /// Asked on quit or before opening another article when the corrections cannot be saved.
    pub unsaved_question: &'static str,
    pub discard: &'static str,
    pub exported: fn(&str, usize, &str) -> String,
    pub cannot_export: fn(&str, &str) -> String,
    pub saved_to_gazetteer: fn(&str, &str) -> String,
    pub gazetteer_unreadable: fn(&str) -> String,
    /// Why an article could not be opened (the reason itself comes from the reader).
    pub cannot_open: fn(&str) -> String,
    /// Why the corrections could not be saved, and what to do, from the kind of error.
    pub save_failure: fn(&SaveFailure) -> String,
    /// What "Exported …" names for a picture of the graph and for a corpus export.
    pub graph_picture_export: &'static str,
    pub corpus_export: &'static str,

    // Legend
    pub actors: &'static str,
    pub relations: &'static str,
    pub show_actor: fn(&str) -> String,
    pub show_type: fn(&str) -> String,

    // Inspector
    pub inspector_hint: &'static str,
    pub statement: &'static str,
    pub said_to_or_about: &'static str,
    pub nobody_in_particular: &'static str,
    pub part_of: &'static str,
    pub people_in_article: &'static str,
    pub mentions: fn(usize) -> String,
    pub mention_at: fn(usize, usize) -> String,
    pub statements_made: fn(usize) -> String,
    pub statements_aimed: fn(usize) -> String,
    pub relation: &'static str,
    pub statements_behind: &'static str,
    pub relations_in_graph: fn(usize) -> String,
    /// Before the other end of a relation the actor is the source of, and of one it receives.
    pub relation_to: &'static str,
    pub relation_from: &'static str,
    pub show_the_evidence: &'static str,
    /// Before the other types of the edge a relation belongs to.
    pub same_edge: &'static str,
    pub evidence: &'static str,
    /// Accessible name of an evidence line: "Evidence 1: …".
    pub evidence_item: fn(usize, &str) -> String,
    /// Accessible name of a statement card: "Statement S3: Israel appeal: …".
    pub statement_item: fn(&str, &str, &str, &str) -> String,
    /// Accessible name of a relation button: "Relation Israel -> Iraq: attack x3".
    pub relation_item: fn(&str) -> String,
    pub show_in_text: &'static str,
    /// "Show 40 more (of 1234)".
    pub show_more: fn(usize, usize) -> String,
    pub kind_name: fn(ActorKind) -> &'static str,
    pub relation_name: fn(RelationType) -> &'static str,

    // Corrections
    pub selected_text: &'static str,
    pub mark_as_mention: &'static str,
    pub remember_spelling: &'static str,
    pub new_statement: &'static str,
    pub of_new_actor: &'static str,
    pub this_mention: &'static str,
    pub remove_mention: &'static str,
    pub statement_type: &'static str,
    pub delete_statement: &'static str,
    pub speaker: &'static str,
    pub targets: &'static str,
    pub set_content: &'static str,
    pub actor_id: &'static str,
    pub actor_id_hint: &'static str,
    pub english_name: &'static str,
    pub kind: &'static str,
    pub remember_in_gazetteer: &'static str,
    pub id_taken: &'static str,
    pub add_actor_and_mark: &'static str,
    pub mention_of: fn(&str) -> String,
    pub change_actor: &'static str,
    pub search_actors: &'static str,
    pub no_actor_found: &'static str,
    pub in_this_article: &'static str,
    pub in_gazetteer: &'static str,
    pub copy: &'static str,
    pub select_all: &'static str,

    // What an edit does, for Undo and Redo
    pub edit_add_mention: &'static str,
    pub edit_remove_mention: &'static str,
    pub edit_change_mention: &'static str,
    pub edit_add_actor: &'static str,
    pub edit_remove_actor: &'static str,
    pub edit_change_statement: &'static str,
    pub edit_remove_statement: &'static str,
    pub edit_add_statement: &'static str,
    /// The corpus view's strings.
    pub corpus: CorpusStrings,
}

pub static ENGLISH: Strings = Strings {
    rtl: false,
    file_menu: "File",
    edit_menu: "Edit",
    view_menu: "View",
    language_menu: "Language",
    open: "Open…",
    open_path: "Open path…",
    open_recent: "Open recent",
    nothing_yet: "Nothing yet",
    export: "Export",
    reextract: "Extract again (keeps corrections)",
    open_sample: "Open the sample",
    quit: "Quit",
    undo: "Undo",
    redo: "Redo",
    undo_what: |what| format!("Undo {what}"),
    redo_what: |what| format!("Redo {what}"),
    dark_theme: "Dark theme",
    arabic_graph_labels: "Arabic labels in the graph",
    reading_mode: "Reading mode (article only)",
    show_legend: "Legend",
    show_side_panel: "Graph and inspector",
    find_in_text: "Find in text",
    reset_graph: "Reset graph view",
    move_graph_nodes: "Move graph nodes",
    no_actors_found: "No actors found",
    nothing_left_to_show: "Nothing left to show: lower the minimum weight or show more types",
    english_labels: "English labels",
    arabic_labels: "Arabic labels",
    min_weight: "Min weight",
    min_weight_hint: "Hide edges with less evidence than this (and actors left alone)",
    types: "Types",
    layout: "Layout",
    fit_graph: "Fit the whole graph",
    fit_graph_hint: "Undo zooming and panning",
    new_layout: "New layout",
    new_layout_hint: "Lay the graph out afresh (the places you set are forgotten)",
    picture_svg: "Picture as SVG",
    picture_png: "Picture as PNG",
    click_for_evidence: "Click for the evidence",
    node_hover: |en, ar, n| format!("{en} · {ar}: {n} mentions"),
    hidden_labels: |n| format!("{n} hidden labels: zoom in, or hover a node"),
    go_to_start: "Go to the start",
    go_to_end: "Go to the end",
    select: "Select",
    hide_legend_button: "Hide the legend",
    hide_side_panel_button: "Hide the graph and inspector",

    opening: |path| format!("Opening {path}…"),
    waiting_for_dialog: "Waiting for the file dialog…",
    no_file_dialog: "No file dialog could be shown on this desktop (no desktop portal or zenity). \
                     Type the article's path instead.",
    dismiss: "Dismiss",
    path_label: "Path:",
    path_hint: "/path/to/article.txt",
    open_button: "Open",
    cancel: "Cancel",
    find_label: "Find:",
    find_hint: "ignores diacritics and letter variants",
    finding: "searching…",
    previous: "Previous",
    next: "Next",
    close: "Close",
    counts: |actors, mentions, statements, relations| {
        format!(
            "{actors} actors · {mentions} mentions · {statements} statements · {relations} relations"
        )
    },
    extracted_in: |ms| format!("extracted in {ms:.0} ms"),
    source_kind: |encoding, format| format!("{encoding} · {format}"),
    no_article: "No article open. File > Open… (Ctrl+O), or drop a file here.",
    open_prompt: "Open an article: File > Open… (Ctrl+O), or drop a file here.",
    saved: "Saved",
    unsaved: "Unsaved corrections",
    save: "Save",
    save_as: "Save As…",
    save_as_hint: "/path/to/article.marsad.json",
    save_failing: |attempts, secs| {
        format!("Attempts so far: {attempts}. Trying again in {secs} s.")
    },
    retry_now: "Try again now",
    not_saved: "Not saved",
    saved_as: |path| format!("Corrections saved to {path}; later changes are saved there too."),
    merged: "Another window saved corrections to this article; they were merged with yours.",
    merged_conflicts: |n, mine| {
        format!(
            "Another window saved corrections to this article. They were merged with yours; \
             {n} conflicting ones were settled in favour of the other window (your version is \
             kept in {mine})"
        )
    },
    kept_both: |theirs, ours| {
        format!(
            "{theirs} annotates another version of this article, so it was left alone; this \
             window's corrections were saved to {ours}, and later changes go there too."
        )
    },
    replaced_unreadable: |kept| {
        format!("The annotations file was unreadable; it was moved to {kept} and yours saved.")
    },
    unsaved_question: "Your corrections could not be saved. Save them somewhere else, discard \
                       them, or go back?",
    discard: "Discard",
    exported: |format, files, folder| format!("Exported {format} ({files} files) to {folder}"),
    cannot_export: |folder, why| format!("{folder}: cannot export: {why}"),
    saved_to_gazetteer: |id, path| format!("{id} saved to {path}"),
    gazetteer_unreadable: |why| format!("{why}; the default gazetteer is used"),
    cannot_open: |why| why.to_string(),
    // The library's own words, which also name the system's error when it has no better ones.
    save_failure: |failure| failure.reason.clone(),
    graph_picture_export: "graph picture",
    corpus_export: "corpus",

    actors: "Actors",
    relations: "Relations",
    show_actor: |name| format!("Show {name}"),
    show_type: |name| format!("Show {name}"),

    inspector_hint: "Click an actor, a statement or an edge to see its evidence.",
    statement: "Statement",
    said_to_or_about: "Said to or about:",
    nobody_in_particular: "nobody in particular",
    part_of: "Part of",
    people_in_article: "People in this article",
    mentions: |n| format!("{n} mentions"),
    mention_at: |at, of| format!("{at}/{of}"),
    statements_made: |n| format!("Statements made ({n})"),
    statements_aimed: |n| format!("Statements aimed at it ({n})"),
    relation: "Relation",
    statements_behind: "Statements behind it",
    relations_in_graph: |n| format!("Relations in the graph ({n})"),
    relation_to: "to",
    relation_from: "from",
    show_the_evidence: "Show the evidence",
    same_edge: "Same edge:",
    evidence: "Evidence",
    evidence_item: |n, text| format!("Evidence {n}: {text}"),
    statement_item: |id, speaker, kind, text| format!("Statement {id}: {speaker} {kind}: {text}"),
    relation_item: |edge| format!("Relation {edge}"),
    show_in_text: "Show in the text",
    show_more: |n, of| format!("Show {n} more (of {of})"),
    kind_name: |kind| match kind {
        ActorKind::State => "state",
        ActorKind::Igo => "international organisation",
        ActorKind::ArmedGroup => "armed group",
        ActorKind::Party => "party",
        ActorKind::Media => "news outlet",
        ActorKind::Person => "person",
        ActorKind::Other => "other",
    },
    relation_name: RelationType::as_str,

    selected_text: "Selected text:",
    mark_as_mention: "Mark as mention",
    remember_spelling: "Remember this spelling in my gazetteer",
    new_statement: "New statement: the chosen actor said this",
    of_new_actor: "…of a new actor",
    this_mention: "This mention:",
    remove_mention: "Remove mention",
    statement_type: "Statement type:",
    delete_statement: "Delete statement",
    speaker: "Speaker:",
    targets: "Targets:",
    set_content: "Set content to the selected text",
    actor_id: "Id",
    actor_id_hint: "e.g. KATAIB_X",
    english_name: "English name",
    kind: "Kind",
    remember_in_gazetteer: "Remember in my gazetteer",
    id_taken: "That id is taken",
    add_actor_and_mark: "Add actor and mark",
    mention_of: |name| format!("Mention of {name}"),
    change_actor: "Change actor",
    search_actors: "Search actors",
    no_actor_found: "No actor matches",
    in_this_article: "In this article",
    in_gazetteer: "From the gazetteer",
    copy: "Copy",
    select_all: "Select all",

    edit_add_mention: "add mention",
    edit_remove_mention: "remove mention",
    edit_change_mention: "change mention's actor",
    edit_add_actor: "add actor",
    edit_remove_actor: "remove actor",
    edit_change_statement: "change statement",
    edit_remove_statement: "delete statement",
    edit_add_statement: "new statement",
    corpus: CORPUS_ENGLISH,
};

pub static ARABIC: Strings = Strings {
    rtl: true,
    file_menu: "ملف",
    edit_menu: "تحرير",
    view_menu: "عرض",
    language_menu: "اللغة",
    open: "فتح…",
    open_path: "فتح مسار…",
    open_recent: "الملفات الأخيرة",
    nothing_yet: "لا شيء بعد",
    export: "تصدير",
    reextract: "استخراج من جديد (مع إبقاء التصحيحات)",
    open_sample: "فتح المقال النموذجي",
    quit: "خروج",
    undo: "تراجع",
    redo: "إعادة",
    undo_what: |what| format!("تراجع عن {what}"),
    redo_what: |what| format!("إعادة {what}"),
    dark_theme: "سمة داكنة",
    arabic_graph_labels: "أسماء عربية في المخطط",
    reading_mode: "وضع القراءة (المقال وحده)",
    show_legend: "مفتاح الألوان",
    show_side_panel: "المخطط والتفاصيل",
    find_in_text: "بحث في النص",
    reset_graph: "إعادة ضبط المخطط",
    move_graph_nodes: "تحريك عقد المخطط",
    no_actors_found: "لم يُعثر على فاعلين",
    nothing_left_to_show: "لم يبقَ ما يُعرض: اخفض الحد الأدنى للوزن أو أظهر أنواعًا أكثر",
    english_labels: "أسماء إنجليزية",
    arabic_labels: "أسماء عربية",
    min_weight: "الحد الأدنى للوزن",
    min_weight_hint: "إخفاء الحواف التي أدلتها أقل من هذا (والفاعلين الذين يبقون وحدهم)",
    types: "الأنواع",
    layout: "الترتيب",
    fit_graph: "عرض المخطط كاملًا",
    fit_graph_hint: "إلغاء التكبير والتحريك",
    new_layout: "ترتيب جديد",
    new_layout_hint: "ترتيب المخطط من جديد (تُنسى الأماكن التي حددتها)",
    picture_svg: "صورة SVG",
    picture_png: "صورة PNG",
    click_for_evidence: "انقر لعرض الدليل",
    node_hover: |en, ar, n| format!("{ar} · {en}: {n} إشارة"),
    hidden_labels: |n| format!("{n} أسماء مخفية: كبّر أو مرّر المؤشر فوق عقدة"),
    go_to_start: "إلى البداية",
    go_to_end: "إلى النهاية",
    select: "تحديد",
    hide_legend_button: "إخفاء مفتاح الألوان",
    hide_side_panel_button: "إخفاء المخطط والتفاصيل",

    opening: |path| format!("جارٍ فتح {path}…"),
    waiting_for_dialog: "بانتظار نافذة اختيار الملف…",
    no_file_dialog: "تعذّر عرض نافذة اختيار الملفات هنا (لا بوابة لسطح المكتب ولا zenity). \
                     اكتب مسار المقال بدلًا من ذلك.",
    dismiss: "إخفاء",
    path_label: "المسار:",
    path_hint: "/path/to/article.txt",
    open_button: "فتح",
    cancel: "إلغاء",
    find_label: "بحث:",
    find_hint: "يتجاهل التشكيل وصور الحروف",
    finding: "جارٍ البحث…",
    previous: "السابق",
    next: "التالي",
    close: "إغلاق",
    counts: |actors, mentions, statements, relations| {
        format!(
            "الفاعلون: {actors} · الإشارات: {mentions} · التصريحات: {statements} · العلاقات: {relations}"
        )
    },
    extracted_in: |ms| format!("زمن الاستخراج: {ms:.0} ملّي ثانية"),
    source_kind: |encoding, format| {
        let format = match format {
            "text" => "نص",
            "html" => "صفحة HTML",
            other => other,
        };
        format!("{encoding} · {format}")
    },
    no_article: "لا مقال مفتوح. ملف > فتح… (Ctrl+O)، أو أفلت ملفًا هنا.",
    open_prompt: "افتح مقالًا: ملف > فتح… (Ctrl+O)، أو أفلت ملفًا هنا.",
    saved: "حُفظ",
    unsaved: "تصحيحات لم تُحفظ",
    save: "حفظ",
    save_as: "حفظ باسم…",
    save_as_hint: "/المسار/إلى/article.marsad.json",
    save_failing: |attempts, secs| {
        format!("عدد المحاولات حتى الآن: {attempts}. المحاولة التالية بعد {secs} ثانية.")
    },
    retry_now: "حاول الآن",
    not_saved: "لم يُحفظ",
    saved_as: |path| format!("حُفظت التصحيحات في {path}، وستُحفظ فيه التغييرات اللاحقة أيضًا."),
    merged: "حفظت نافذة أخرى تصحيحات لهذا المقال، فدُمجت مع تصحيحاتك.",
    merged_conflicts: |n, mine| {
        format!(
            "حفظت نافذة أخرى تصحيحات لهذا المقال فدُمجت مع تصحيحاتك؛ وحُسم {n} منها متعارضًا \
             لصالح النافذة الأخرى (نسختك محفوظة في {mine})"
        )
    },
    kept_both: |theirs, ours| {
        format!(
            "الملف {theirs} يخص نسخة أخرى من هذا المقال فتُرك كما هو، وحُفظت تصحيحات هذه النافذة \
             في {ours} وستُحفظ فيه التغييرات اللاحقة."
        )
    },
    replaced_unreadable: |kept| format!("كان ملف التعليقات تالفًا، فنُقل إلى {kept} وحُفظت تصحيحاتك."),
    unsaved_question: "تعذّر حفظ تصحيحاتك. هل تحفظها في مكان آخر، أم تتخلّى عنها، أم تعود؟",
    discard: "تخلَّ عنها",
    exported: |format, files, folder| {
        format!("تم التصدير بصيغة {format} (عدد الملفات: {files}) إلى {folder}")
    },
    cannot_export: |folder, why| format!("{folder}: تعذّر التصدير: {why}"),
    saved_to_gazetteer: |id, path| format!("حُفظ {id} في {path}"),
    gazetteer_unreadable: |why| format!("{why}؛ يُستخدم المعجم الافتراضي"),
    cannot_open: |why| format!("تعذّر فتح المقال: {why}"),
    save_failure: save_failure_arabic,
    graph_picture_export: "صورة الشبكة",
    corpus_export: "المدوّنة",

    actors: "الفاعلون",
    relations: "العلاقات",
    show_actor: |name| format!("إظهار {name}"),
    show_type: |name| format!("إظهار {name}"),

    inspector_hint: "انقر فاعلًا أو تصريحًا أو علاقة في المخطط لترى أدلته.",
    statement: "تصريح",
    said_to_or_about: "موجّه إلى أو عن:",
    nobody_in_particular: "لا أحد بعينه",
    part_of: "جزء من",
    people_in_article: "أشخاص في هذا المقال",
    mentions: |n| format!("الإشارات: {n}"),
    mention_at: |at, of| format!("{at} من {of}"),
    statements_made: |n| format!("تصريحاته ({n})"),
    statements_aimed: |n| format!("تصريحات موجّهة إليه ({n})"),
    relation: "علاقة",
    statements_behind: "التصريحات التي تستند إليها",
    relations_in_graph: |n| format!("علاقاته في المخطط ({n})"),
    relation_to: "إلى",
    relation_from: "من",
    show_the_evidence: "اعرض الدليل",
    same_edge: "على الحافة نفسها:",
    evidence: "الأدلة",
    evidence_item: |n, text| format!("الدليل {n}: {text}"),
    statement_item: |id, speaker, kind, text| format!("تصريح {id}: {speaker} {kind}: {text}"),
    relation_item: |edge| format!("علاقة {edge}"),
    show_in_text: "إظهار في النص",
    show_more: |n, of| format!("إظهار {n} أخرى (من {of})"),
    kind_name: |kind| match kind {
        ActorKind::State => "دولة",
        ActorKind::Igo => "منظمة دولية",
        ActorKind::ArmedGroup => "جماعة مسلحة",
        ActorKind::Party => "حزب",
        ActorKind::Media => "وسيلة إعلام",
        ActorKind::Person => "شخص",
        ActorKind::Other => "أخرى",
    },
    relation_name: |kind| match kind {
        RelationType::Statement => "تصريح",
        RelationType::Appeal => "مناشدة",
        RelationType::Demand => "مطالبة",
        RelationType::Accuse => "اتهام",
        RelationType::Threaten => "تهديد",
        RelationType::Reject => "رفض",
        RelationType::Meet => "لقاء",
        RelationType::Cooperate => "تعاون",
        RelationType::Pressure => "ضغط",
        RelationType::Attack => "هجوم",
        RelationType::Other => "أخرى",
    },

    selected_text: "النص المحدد:",
    mark_as_mention: "تعليمه إشارة",
    remember_spelling: "تذكّر هذا الإملاء في معجمي",
    new_statement: "تصريح جديد: قاله الفاعل المختار",
    of_new_actor: "…لفاعل جديد",
    this_mention: "هذه الإشارة:",
    remove_mention: "حذف الإشارة",
    statement_type: "نوع التصريح:",
    delete_statement: "حذف التصريح",
    speaker: "المتحدث:",
    targets: "الموجّه إليهم:",
    set_content: "جعل النص المحدد مضمونه",
    actor_id: "المعرّف",
    actor_id_hint: "KATAIB_X مثلًا",
    english_name: "الاسم بالإنجليزية",
    kind: "النوع",
    remember_in_gazetteer: "تذكّره في معجمي",
    id_taken: "هذا المعرّف مستخدم",
    add_actor_and_mark: "إضافة الفاعل وتعليم النص",
    mention_of: |name| format!("إشارة إلى {name}"),
    change_actor: "تغيير الفاعل",
    search_actors: "ابحث عن فاعل",
    no_actor_found: "لا فاعل بهذا الاسم",
    in_this_article: "في هذا المقال",
    in_gazetteer: "من المعجم",
    copy: "نسخ",
    select_all: "تحديد الكل",

    edit_add_mention: "إضافة إشارة",
    edit_remove_mention: "حذف إشارة",
    edit_change_mention: "تغيير فاعل إشارة",
    edit_add_actor: "إضافة فاعل",
    edit_remove_actor: "حذف فاعل",
    edit_change_statement: "تعديل تصريح",
    edit_remove_statement: "حذف تصريح",
    edit_add_statement: "تصريح جديد",
    corpus: CORPUS_ARABIC,
};

impl Strings {
    /// `text` as egui's own widgets must receive it: as it is in a left-to-right language, in
    /// display order in a right-to-left one (see [`crate::ui::rtl_text`]).
    pub fn show(&self, text: &str) -> String {
        if self.rtl {
            crate::ui::rtl_text::visual_order(text)
        } else {
            text.to_string()
        }
    }

    /// An edge of a graph and the types it carries, for its hover text and accessible name:
    /// "Israel -> Iraq: attack x3, statement x1", with the type names in this language.
    pub fn edge_description(
        &self,
        source: &str,
        target: &str,
        types: impl IntoIterator<Item = (RelationType, usize)>,
    ) -> String {
        let kinds: Vec<String> = types
            .into_iter()
            .map(|(kind, weight)| format!("{} x{weight}", (self.relation_name)(kind)))
            .collect();
        let separator = if self.rtl { "، " } else { ", " };
        format!("{source} -> {target}: {}", kinds.join(separator))
    }

    /// What an edit does, in a few words ("remove mention"), for Undo and Redo.
    pub fn describe(&self, edit: &crate::edit::Edit) -> &'static str {
        use crate::edit::Edit;
        match edit {
            Edit::AddMention { .. } => self.edit_add_mention,
            Edit::RemoveMention { .. } => self.edit_remove_mention,
            Edit::ReplaceMention { .. } => self.edit_change_mention,
            Edit::AddActor(_) => self.edit_add_actor,
            Edit::RemoveActor(_) => self.edit_remove_actor,
            Edit::ReplaceStatement { .. } => self.edit_change_statement,
            Edit::RemoveStatement { .. } => self.edit_remove_statement,
            Edit::InsertStatement { .. } => self.edit_add_statement,
        }
    }
}

/// The corpus view's strings (menus, the window, its tables and exports).
pub struct CorpusStrings {
    pub open_folder: &'static str,
    pub show_corpus: &'static str,
    pub back: &'static str,
    pub back_hint: &'static str,
    /// "Indexing 1,200 of 31,030 articles · 410 a/s · 1 min left".
    pub indexing: fn(usize, usize, f64, Option<u64>) -> String,
    pub cancel_indexing: &'static str,
    /// "Indexed: 12 added, 3 updated, 30 unchanged, 0 removed, 1 failed".
    pub indexed: fn(usize, usize, usize, usize, usize) -> String,
    pub indexing_cancelled: &'static str,
    pub cannot_index: fn(&str) -> String,
    /// "31,030 articles · 50,844 statements · 2015-07-21 to 2015-08-11".
    pub totals: fn(i64, i64, &str, &str) -> String,
    pub no_articles: &'static str,
    pub dates: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub all_dates: &'static str,
    pub articles: &'static str,
    pub search_hint: &'static str,
    /// "120 articles found".
    pub hits: fn(usize) -> String,
    pub title: &'static str,
    pub date: &'static str,
    pub outlet: &'static str,
    pub statements_count: &'static str,
    pub relations_count: &'static str,
    pub speaker: &'static str,
    pub cue: &'static str,
    pub target: &'static str,
    pub kind: &'static str,
    pub article: &'static str,
    pub filter: &'static str,
    /// "Statements: 1,234 of 50,844".
    pub statements_shown: fn(usize, usize) -> String,
    pub loading: &'static str,
    pub graph: &'static str,
    pub pairs: &'static str,
    pub pairs_hint: &'static str,
    pub edge_hint: &'static str,
    /// "USA and Iran over time".
    pub pair_title: fn(&str, &str) -> String,
    pub per_day: &'static str,
    pub per_week: &'static str,
    pub per_month: &'static str,
    pub evidence: &'static str,
    pub close_pair: &'static str,
    pub export_csv: &'static str,
    pub export_graphml: &'static str,
    pub export_svg: &'static str,
    pub export_png: &'static str,
    pub not_openable: fn(&str) -> String,
    pub reindexed: fn(&str) -> String,
}

const CORPUS_ENGLISH: CorpusStrings = CorpusStrings {
    open_folder: "Open Folder…",
    show_corpus: "Corpus",
    back: "Back",
    back_hint: "Back to the corpus, where you were (Alt+Left)",
    indexing: |done, total, rate, eta| {
        let eta = eta.map_or(String::new(), |s| format!(" · {} left", duration(s)));
        format!("Indexing {done} of {total} articles · {rate:.0} articles/s{eta}")
    },
    cancel_indexing: "Cancel",
    indexed: |added, updated, unchanged, removed, failed| {
        format!(
            "Indexed: {added} added, {updated} updated, {unchanged} unchanged, {removed} removed, \
             {failed} failed"
        )
    },
    indexing_cancelled: "Indexing cancelled: the articles indexed so far are kept",
    cannot_index: |why| format!("Cannot index: {why}"),
    totals: |articles, statements, first, last| {
        format!("{articles} articles · {statements} statements · {first} to {last}")
    },
    no_articles: "No articles indexed yet",
    dates: "Dates",
    from: "From",
    to: "to",
    all_dates: "All dates",
    articles: "Articles",
    search_hint: "Search the texts: words, \"a phrase\", prefix*",
    hits: |n| format!("{n} articles found"),
    title: "Title",
    date: "Date",
    outlet: "Outlet",
    statements_count: "Stat.",
    relations_count: "Rel.",
    speaker: "Speaker",
    cue: "Cue",
    target: "Target",
    kind: "Type",
    article: "Article",
    filter: "filter",
    statements_shown: |shown, total| format!("Statements: {shown} of {total}"),
    loading: "Loading…",
    graph: "Actor graph",
    pairs: "Pairs",
    pairs_hint: "How many of the strongest pairs of actors the graph shows",
    edge_hint: "Click: this pair over time · double-click: open the first evidence",
    pair_title: |a, b| format!("{a} and {b} over time"),
    per_day: "Day",
    per_week: "Week",
    per_month: "Month",
    evidence: "Evidence (click to read it)",
    close_pair: "Close",
    export_csv: "Statements as CSV",
    export_graphml: "Graph as GraphML (Gephi timeline)",
    export_svg: "Graph as SVG",
    export_png: "Graph as PNG",
    not_openable: |path| format!("{path} is neither a folder of articles nor a corpus store"),
    reindexed: |path| format!("Your corrections to {path} are in the corpus"),
};

const CORPUS_ARABIC: CorpusStrings = CorpusStrings {
    open_folder: "فتح مجلد…",
    show_corpus: "المدوّنة",
    back: "رجوع",
    back_hint: "الرجوع إلى المدوّنة حيث كنت (Alt+Left)",
    indexing: |done, total, rate, eta| {
        let eta = eta.map_or(String::new(), |s| format!(" · بقي {}", duration(s)));
        format!("فهرسة {done} من {total} مقالة · {rate:.0} مقالة/ث{eta}")
    },
    cancel_indexing: "إلغاء",
    indexed: |added, updated, unchanged, removed, failed| {
        format!(
            "الفهرسة: أضيفت {added}، حُدّثت {updated}، لم تتغير {unchanged}، حُذفت {removed}، \
             تعذّرت {failed}"
        )
    },
    indexing_cancelled: "أُلغيت الفهرسة: بقيت المقالات المفهرسة حتى الآن",
    cannot_index: |why| format!("تعذّرت الفهرسة: {why}"),
    totals: |articles, statements, first, last| {
        format!("{articles} مقالة · {statements} تصريح · من {first} إلى {last}")
    },
    no_articles: "لا مقالات مفهرسة بعد",
    dates: "التواريخ",
    from: "من",
    to: "إلى",
    all_dates: "كل التواريخ",
    articles: "المقالات",
    search_hint: "ابحث في النصوص: كلمات، \"عبارة\"، بادئة*",
    hits: |n| format!("وُجدت {n} مقالة"),
    title: "العنوان",
    date: "التاريخ",
    outlet: "المصدر",
    statements_count: "تصريحات",
    relations_count: "علاقات",
    speaker: "المتحدث",
    cue: "فعل القول",
    target: "المستهدف",
    kind: "النوع",
    article: "المقالة",
    filter: "تصفية",
    statements_shown: |shown, total| format!("التصريحات: {shown} من {total}"),
    loading: "جارٍ التحميل…",
    graph: "شبكة الفاعلين",
    pairs: "الأزواج",
    pairs_hint: "عدد أقوى أزواج الفاعلين في الشبكة",
    edge_hint: "نقرة: هذا الزوج عبر الزمن · نقرتان: فتح أول دليل",
    pair_title: |a, b| format!("{a} و{b} عبر الزمن"),
    per_day: "يوم",
    per_week: "أسبوع",
    per_month: "شهر",
    evidence: "الأدلة (انقر لقراءتها)",
    close_pair: "إغلاق",
    export_csv: "التصريحات بصيغة CSV",
    export_graphml: "الشبكة بصيغة GraphML (خط زمني لـGephi)",
    export_svg: "الشبكة بصيغة SVG",
    export_png: "الشبكة بصيغة PNG",
    not_openable: |path| format!("{path} ليس مجلد مقالات ولا مخزن مدوّنة"),
    reindexed: |path| format!("تصحيحاتك على {path} صارت في المدوّنة"),
};

/// Why a save failed, in Arabic, from the kind of error (as `autosave::describe` says it in
/// English).
fn save_failure_arabic(failure: &SaveFailure) -> String {
    use std::io::ErrorKind as K;
    let file = failure.path.display();
    let dir = match failure.path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.display().to_string(),
        _ => ".".to_string(),
    };
    let what = match failure.kind {
        K::PermissionDenied | K::ReadOnlyFilesystem => {
            format!("المجلد {dir} للقراءة فقط، أو لا يحق لك الكتابة فيه")
        }
        K::StorageFull => format!("القرص الذي يحمل {dir} ممتلئ"),
        K::QuotaExceeded => format!("نفدت حصتك من القرص في {dir}"),
        K::NotFound => format!("المجلد {dir} لم يعد موجودًا (هل نُقل أو فُصل القرص؟)"),
        K::NotADirectory => format!("{dir} ليس مجلدًا (ملف يحمل اسمه)"),
        K::IsADirectory => format!("مجلد باسم {file} يعترض الطريق"),
        K::ResourceBusy | K::WouldBlock | K::Deadlock => {
            format!("الملف {file} مقفل من برنامج آخر")
        }
        K::FileTooLarge => format!("الملف {file} سيتجاوز الحجم الذي يسمح به نظام الملفات"),
        K::TimedOut | K::StaleNetworkFileHandle | K::NetworkDown | K::ConnectionReset => {
            format!("مجلد الشبكة {dir} لا يستجيب")
        }
        _ => format!("تتعذّر الكتابة في {file}"),
    };
    format!(
        "تعذّر حفظ التصحيحات: {what}. تصحيحاتك باقية في هذه النافذة؛ استخدم «حفظ باسم…» لوضعها \
         في مكان آخر."
    )
}

/// Seconds as "45 s", "3 min" or "2 h 5 min".
fn duration(secs: u64) -> String {
    match secs {
        0..=59 => format!("{secs} s"),
        60..=3599 => format!("{} min", secs.div_ceil(60)),
        _ => format!("{} h {} min", secs / 3600, secs % 3600 / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;
    use std::time::Instant;

    /// Why a save failed is said in the interface's language: in Arabic from the kind of error,
    /// in English in the library's own words.
    #[test]
    fn a_save_failure_is_said_in_the_interface_language() {
        let failure = SaveFailure {
            path: PathBuf::from("/data/news/a.marsad.json"),
            reason: "Cannot save the corrections: the disk holding /data/news is full.".into(),
            kind: std::io::ErrorKind::StorageFull,
            attempts: 1,
            retry_at: Instant::now(),
        };
        let arabic = (ARABIC.save_failure)(&failure);
        assert!(arabic.starts_with("تعذّر حفظ التصحيحات"), "{arabic}");
        assert!(
            arabic.contains("القرص الذي يحمل /data/news ممتلئ"),
            "{arabic}"
        );
        assert!(!arabic.contains("Cannot"), "{arabic}");
        assert_eq!((ENGLISH.save_failure)(&failure), failure.reason);
    }
}
