//! The extraction rules on sentences from other conflicts and outlets than the sample: the
//! general patterns (titles, cues, complement clauses, events) must work on text they were not
//! tuned on.

use marsad::model::{AnnotatedDocument, RelationType};

fn annotate(text: &str) -> AnnotatedDocument {
    marsad::extract::annotate_text(text, Default::default())
}

fn has_relation(doc: &AnnotatedDocument, source: &str, target: &str, kind: RelationType) -> bool {
    doc.relations
        .iter()
        .any(|r| r.source == source && r.target == target && r.kind == kind)
}

fn surfaces(doc: &AnnotatedDocument) -> Vec<(String, String)> {
    doc.mentions
        .iter()
        .map(|m| (m.actor.clone(), doc.slice(m.span())))
        .collect()
}

#[test]
fn spokesman_by_title_and_reported_clause() {
    let doc = annotate(
        "قال المتحدث باسم الخارجية الإيرانية إسماعيل بقائي إن طهران ترفض الاتهامات الأميركية.",
    );
    let s = &doc.statements[0];
    assert_eq!(doc.top_level(&s.speaker), "IRN");
    assert_eq!(doc.slice(s.content), "طهران ترفض الاتهامات الأميركية");
    assert!(s.targets.contains(&"USA".to_string()));
}

#[test]
fn appeal_with_direct_object_and_governed_preposition() {
    let doc = annotate("دعت السعودية مجلس الأمن الدولي إلى التحرك الفوري لوقف الحرب في غزة.");
    assert_eq!(doc.statements.len(), 1);
    assert_eq!(doc.statements[0].kind, RelationType::Appeal);
    assert!(has_relation(&doc, "SAU", "UNSC", RelationType::Appeal));
}

#[test]
fn threat_denial_and_condemnation() {
    let doc = annotate(
        "وهدد زعيم جماعة الحوثيين عبد الملك الحوثي بمهاجمة السفن الأميركية في البحر الأحمر.\n\n\
         ونفى حزب الله في بيان أي علاقة له بالهجوم.\n\n\
         وشنت طائرات إسرائيلية غارات على جنوب لبنان، فيما أدان رئيس الوزراء اللبناني نجيب ميقاتي \"العدوان الإسرائيلي المتواصل\".",
    );
    let kinds: Vec<RelationType> = doc.statements.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        vec![
            RelationType::Threaten,
            RelationType::Reject,
            RelationType::Accuse
        ]
    );
    assert_eq!(doc.slice(doc.statements[1].content), "أي علاقة له بالهجوم");
    assert!(doc.statements[2].quoted);
    assert!(has_relation(&doc, "ISR", "LBN", RelationType::Attack));
    assert!(has_relation(&doc, "LBN", "ISR", RelationType::Accuse));
}

#[test]
fn meetings_and_visits_are_relations() {
    let doc = annotate(
        "واستقبل الرئيس التركي رجب طيب أردوغان في أنقرة وزير الخارجية الروسي سيرغي لافروف.\n\n\
         وزار وزير الخارجية الأمريكي ماركو روبيو الرياض.",
    );
    assert!(has_relation(&doc, "TUR", "RUS", RelationType::Meet));
    assert!(has_relation(&doc, "USA", "SAU", RelationType::Meet));
    // أنقرة after في is a place, not the government.
    assert!(!surfaces(&doc).iter().any(|(_, s)| s == "أنقرة"));
}

#[test]
fn headline_colon_and_continuation() {
    let doc = annotate(
        "عراقجي: \"لن نسمح بأي عدوان على إيران\"\n\n\
         وقال وزير الخارجية الإيراني عباس عراقجي إن بلاده مستعدة للحوار. وأضاف أن \"الكرة في ملعب واشنطن\".",
    );
    assert_eq!(doc.statements.len(), 3);
    assert_eq!(doc.slice(doc.statements[0].cue), ":");
    assert!(doc
        .statements
        .iter()
        .all(|s| doc.top_level(&s.speaker) == "IRN"));
    assert!(doc.statements[2].quoted);
}

#[test]
fn unknown_official_is_found_and_short_form_resolves() {
    let doc = annotate(
        "وقال وزير الدفاع الأردني سامي الخصاونة إن المملكة لن تسمح بخرق أجوائها. \
         وأكد الخصاونة أن الجيش مستعد.",
    );
    let person = doc
        .actors
        .iter()
        .find(|a| a.name_ar == "سامي الخصاونة")
        .expect("a person actor from the title");
    assert_eq!(person.affiliation.as_deref(), Some("JOR"));
    assert!(person.aliases.iter().any(|a| a == "الخصاونة"));
    assert_eq!(doc.statements.len(), 2);
    assert!(doc.statements.iter().all(|s| s.speaker == person.id));
}

#[test]
fn peoples_outlet_nationality_and_places_are_not_actors() {
    let doc = annotate(
        "ونقلت صحيفة هآرتس الإسرائيلية عن مصادر أن الشعب الفلسطيني يعاني، في زيارته لطهران. \
         وعقد مجلس الأمن القومي العراقي اجتماعا في بغداد.",
    );
    let found = surfaces(&doc);
    for not_actor in ["الإسرائيلية", "الفلسطيني", "طهران", "بغداد", "مجلس الأمن"]
    {
        assert!(
            !found.iter().any(|(_, s)| s == not_actor),
            "{not_actor} should not be a mention: {found:?}"
        );
    }
    assert!(found.iter().any(|(a, s)| a == "IRQ" && s == "العراقي"));
}

#[test]
fn clitics_and_spelling_variants() {
    let doc = annotate("وللمليشيات صلة بإيران وبالولايات المتحدة الأمريكية وكذلك لاسرائيل.");
    let found = surfaces(&doc);
    assert_eq!(
        found,
        vec![
            ("ARMED_FACTIONS".to_string(), "لمليشيات".to_string()),
            ("IRN".to_string(), "إيران".to_string()),
            ("USA".to_string(), "الولايات المتحدة الأمريكية".to_string()),
            ("ISR".to_string(), "اسرائيل".to_string()),
        ]
    );
}

#[test]
fn red_sea_report_attribution_postings_and_joint_strikes() {
    let doc = annotate(
        "الحوثيون يعلنون استهداف سفينة أمريكية في البحر الأحمر\n\n\
         أعلنت جماعة الحوثي في اليمن، الأحد، استهداف سفينة تجارية في البحر الأحمر.\n\n\
         وفي الرياض، استقبل ولي العهد السعودي الأمير محمد بن سلمان المبعوث الأممي إلى اليمن هانس غروندبرغ.\n\n\
         وحذرت إيران من أن أي هجوم أمريكي على اليمن \"سيشعل المنطقة\"، بحسب ما نقلت وكالة الأنباء الإيرانية الرسمية.\n\n\
         وشنت طائرات أمريكية وبريطانية غارات على مواقع للحوثيين في صنعاء.",
    );
    let headline = &doc.statements[0];
    assert_eq!(headline.speaker, "HOUTHIS", "the headline's subject speaks");
    assert_eq!(
        doc.slice(headline.content),
        "استهداف سفينة أمريكية في البحر الأحمر"
    );
    assert!(
        !doc.statements[1].targets.contains(&"YEM".to_string()),
        "في اليمن is a place"
    );
    assert!(has_relation(&doc, "SAU", "UN", RelationType::Meet));
    assert!(
        !has_relation(&doc, "SAU", "YEM", RelationType::Meet),
        "the envoy's posting is not whom the prince met"
    );
    let warning = doc
        .statements
        .iter()
        .find(|s| s.speaker == "IRN")
        .expect("Iran's warning");
    assert!(
        !doc.slice(warning.content).contains("بحسب"),
        "attribution is not content"
    );
    assert!(has_relation(&doc, "USA", "HOUTHIS", RelationType::Attack));
    assert!(has_relation(&doc, "GBR", "HOUTHIS", RelationType::Attack));
}

#[test]
fn unnamed_sources_offices_and_accusations() {
    let doc = annotate(
        "القاهرة (رويترز) - قال مصدران أمنيان مصريان اليوم الخميس إن وفدا من حركة حماس وصل إلى القاهرة.\n\n\
         في المقابل، رفض مكتب رئيس الوزراء الإسرائيلي بنيامين نتنياهو المقترح، واعتبر أن \"شروط حماس غير مقبولة\".\n\n\
         وندد الأمين العام لجامعة الدول العربية أحمد أبو الغيط بالغارات الإسرائيلية على رفح، محملا إسرائيل \"المسؤولية الكاملة عن التصعيد\".\n\n\
         واتهمت وزارة الخارجية الروسية واشنطن بعرقلة صدور قرار من مجلس الأمن يطالب بوقف فوري لإطلاق النار.",
    );
    let speakers: Vec<String> = doc
        .statements
        .iter()
        .map(|s| doc.top_level(&s.speaker))
        .collect();
    assert_eq!(
        speakers[0], "EGY",
        "Egyptian sources speak for Egypt, not the agency"
    );
    let rejection = doc
        .statements
        .iter()
        .find(|s| s.kind == RelationType::Reject)
        .expect("the rejection");
    assert_eq!(doc.slice(rejection.content), "المقترح");
    assert!(doc
        .statements
        .iter()
        .any(|s| doc.slice(s.content) == "شروط حماس غير مقبولة"));
    assert!(has_relation(
        &doc,
        "ARAB_LEAGUE",
        "ISR",
        RelationType::Demand
    ));
    assert!(has_relation(&doc, "RUS", "USA", RelationType::Accuse));
    assert!(
        !doc.statements.iter().any(|s| s.speaker == "UNSC"),
        "a verb inside what Russia said is not a statement of the Council"
    );
}

#[test]
fn coordinated_speakers_topic_phrases_and_colon_speech() {
    let doc = annotate(
        "عنوان الخبر\n\n\
         وقالت فرنسا وبريطانيا إن الهجوم على السفينة مدان.\n\n\
         وقال وزير الخارجية الأمريكي ماركو روبيو إن الاتفاق جيد. وفي الشأن السوداني، قال إن الحرب يجب أن تتوقف.\n\n\
         وأضاف روبيو: نحن نطالب إيران بوقف دعم الحوثيين، وأكد أن بلاده ستواصل الضغط.",
    );
    let speakers: Vec<String> = doc
        .statements
        .iter()
        .map(|s| doc.top_level(&s.speaker).to_string())
        .collect();
    // One statement for each coordinated speaker, neither the other's target.
    assert_eq!(&speakers[..2], ["FRA", "GBR"], "{speakers:?}");
    assert!(!doc.statements[0].targets.iter().any(|t| t == "GBR"));
    // The topic phrase (السوداني) is not the speaker: the text keeps following Rubio.
    assert_eq!(speakers[3], "USA", "{speakers:?}");
    assert_eq!(doc.statements[3].kind, RelationType::Demand);
    // Speech after a colon with no quote marks, ending at the joined reporting verb.
    let colon = &doc.statements[4];
    assert_eq!(
        doc.slice(colon.content),
        "نحن نطالب إيران بوقف دعم الحوثيين"
    );
    assert!(has_relation(&doc, "USA", "IRN", RelationType::Demand));
    assert_eq!(doc.statements.len(), 6);
}

#[test]
fn attribution_after_the_content_and_multi_word_cues() {
    let doc = annotate(
        "عنوان الخبر\n\n\
         وقتل 30 شخصا في بغداد، بحسب ما أفادت مصادر أمنية عراقية.\n\n\
         وحمّل الرئيس الفلسطيني محمود عباس الحكومة الإسرائيلية المسؤولية الكاملة عن الجرائم.\n\n\
         وكانت البعثة قد عملت وفق قرار مجلس الأمن.",
    );
    let attributed = &doc.statements[0];
    assert_eq!(doc.slice(attributed.cue), "بحسب");
    assert_eq!(doc.top_level(&attributed.speaker), "IRQ");
    assert_eq!(doc.slice(attributed.content), "وقتل 30 شخصا في بغداد");
    assert!(has_relation(&doc, "PSE", "ISR", RelationType::Accuse));
    // "وفق قرار مجلس الأمن" credits no one.
    assert_eq!(doc.statements.len(), 2);
}

#[test]
fn events_from_clause_structure() {
    let doc = annotate(
        "عنوان الخبر\n\n\
         وقصفت المدفعية التركية أمس مواقع حزب العمال الكردستاني في شمال العراق.\n\n\
         وأجرى ظريف مباحثات مع كل من أمير قطر.\n\n\
         وكان الاتفاق الذي تم بين أنقرة وواشنطن قد سمح باستخدام القواعد.",
    );
    assert!(has_relation(&doc, "TUR", "PKK", RelationType::Attack));
    // Where the targets are is not attacked.
    assert!(!has_relation(&doc, "TUR", "IRQ", RelationType::Attack));
    assert!(has_relation(&doc, "IRN", "QAT", RelationType::Meet));
    assert!(has_relation(&doc, "TUR", "USA", RelationType::Cooperate));
    assert!(has_relation(&doc, "USA", "TUR", RelationType::Cooperate));
}

#[test]
fn a_meeting_in_the_content_is_with_the_partner_only() {
    let doc = annotate(
        "عنوان الخبر\n\n\
         وأوضح مكتب رئيس الوزراء التركي أن داود أوغلو بحث في اتصال هاتفي مع الأمين العام للأمم المتحدة بان كي مون العمليات ضد تنظيم داعش.",
    );
    assert!(has_relation(&doc, "TUR", "UN", RelationType::Meet));
    assert!(!has_relation(&doc, "TUR", "ISIS", RelationType::Meet));
}

#[test]
fn subject_before_the_verb_and_relative_clauses() {
    let doc = annotate(
        "بايدن يدعو العراق لمواصلة العمليات العسكرية ضد داعش\n\n\
         وتحدث التقرير عن الضربات الجوية التي تستهدف مواقع داعش في سوريا.",
    );
    let s = &doc.statements[0];
    assert_eq!(doc.top_level(&s.speaker), "USA");
    assert_eq!(s.kind, RelationType::Appeal);
    assert_eq!(doc.slice(s.content), "لمواصلة العمليات العسكرية ضد داعش");
    assert!(has_relation(&doc, "USA", "IRQ", RelationType::Appeal));
    // In the relative clause داعش is what is struck, never the striker.
    assert!(!doc.relations.iter().any(|r| r.source == "ISIS"));
}

#[test]
fn title_complement_that_is_a_given_name_continues_the_title() {
    // باسم is a given name, but after متحدث it is the title's own word.
    let doc = annotate("قال جيف ديفيز، متحدث باسم البنتاغون: «الضربات تحقق نجاحات كبيرة».");
    let s = &doc.statements[0];
    assert!(s.speaker.starts_with("P_"), "speaker {}", s.speaker);
    assert_eq!(doc.top_level(&s.speaker), "USA");
    assert!(surfaces(&doc).contains(&(s.speaker.clone(), "جيف ديفيز".to_string())));
}

#[test]
fn member_for_a_party_takes_the_party_over_the_state() {
    let doc = annotate(
        "قال النائب اللبناني -عن القوات اللبنانية فادي كرم: إن إيران تستغل كل المواقف الداخلية.\n\n\
         من جهته قال عضو الأمانة العامة لقوى 14 آذار الياس الزغبي: إن «التخوف من مرحلة تصعيد جديدة».",
    );
    let speakers: Vec<String> = doc
        .statements
        .iter()
        .map(|s| doc.top_level(&s.speaker))
        .collect();
    assert_eq!(speakers, vec!["LF", "M14"]);
    let names: Vec<String> = surfaces(&doc)
        .into_iter()
        .filter(|(a, _)| a.starts_with("P_"))
        .map(|(_, s)| s)
        .collect();
    assert_eq!(names, vec!["فادي كرم", "الياس الزغبي"]);
}

#[test]
fn plural_people_name_and_known_surnames_after_full_name() {
    let doc = annotate(
        "تحدثنا مع الروس عن جهود مكافحة الإرهاب.\n\n\
         وأعلن برناردينو ليون، الممثل الخاص للأمين العام للأمم المتحدة في ليبيا، رفضه الاتهامات. وأعرب ليون عن امتنانه للسلطات الجزائرية.\n\n\
         وقد كان تحرير عدن رسالة مبكرة.\n\n\
         وقال الجنرال مارك ميلي إن الخطوة ينبغي دراستها. وميلي الذي خدم في العراق يرى ذلك.",
    );
    let s = surfaces(&doc);
    assert!(
        s.contains(&("RUS".to_string(), "الروس".to_string())),
        "{s:?}"
    );
    assert_eq!(s.iter().filter(|(a, _)| a == "LEON").count(), 2, "{s:?}");
    assert_eq!(s.iter().filter(|(a, _)| a == "MILLEY").count(), 2, "{s:?}");
    // Aden is a place, not a metonym of the Yemeni government.
    assert!(!s.iter().any(|(_, w)| w == "عدن"), "{s:?}");
}

fn meets(doc: &AnnotatedDocument, a: &str, b: &str) -> bool {
    has_relation(doc, a, b, RelationType::Meet) || has_relation(doc, b, a, RelationType::Meet)
}

#[test]
fn an_actor_fought_in_the_content_is_not_a_target() {
    let doc = annotate("دعت السعودية العراق إلى مواصلة العمليات العسكرية ضد تنظيم داعش.");
    let s = &doc.statements[0];
    assert!(s.targets.contains(&"IRQ".to_string()), "{:?}", s.targets);
    assert!(!s.targets.contains(&"ISIS".to_string()), "{:?}", s.targets);
}

#[test]
fn an_attack_verb_opening_the_content_is_the_speakers_claim() {
    let doc = annotate("وقال الحوثيون إنهم استهدفوا سفنا حربية أمريكية في البحر الأحمر.");
    assert_eq!(doc.statements[0].kind, RelationType::Attack);
    let doc = annotate("وقال الجيش التركي إن مسلحين أكرادا قتلوا اثنين من جنوده.");
    assert_ne!(doc.statements[0].kind, RelationType::Attack);
}

#[test]
fn a_visit_carried_out_by_an_official_is_a_meeting_with_the_host() {
    let doc =
        annotate("وجاء ذلك أثناء زيارة رسمية يقوم بها الرئيس الأميركي باراك أوباما إلى كينيا.");
    assert!(meets(&doc, "USA", "KEN"), "{:?}", doc.relations);
}

#[test]
fn backers_named_after_supporter_words_and_enjoyed_support() {
    let doc = annotate("وشارك حزب الله المؤيد لإيران في المعارك.");
    assert!(
        has_relation(&doc, "HEZ", "IRN", RelationType::Cooperate),
        "{:?}",
        doc.relations
    );
    let doc = annotate("وتواجه الحكومة العراقية التي تحظى بدعم الولايات المتحدة أزمة جديدة.");
    assert!(
        has_relation(&doc, "USA", "IRQ", RelationType::Cooperate),
        "{:?}",
        doc.relations
    );
}

#[test]
fn meeting_participants_and_holder_meet_each_other() {
    let doc = annotate(
        "انعقد الاجتماع برئاسة الولايات المتحدة، وبمشاركة القوات المسلحة اللبنانية والقوات الإسرائيلية.",
    );
    assert!(meets(&doc, "USA", "LBN"), "{:?}", doc.relations);
    assert!(meets(&doc, "LBN", "ISR"), "{:?}", doc.relations);
    let doc = annotate("استضافت قطر، أمس، اجتماعا بحضور وزير الخارجية الإيراني.");
    assert!(meets(&doc, "QAT", "IRN"), "{:?}", doc.relations);
}

#[test]
fn negated_events_interviews_and_places_make_no_relation() {
    let doc = annotate("رفضت الخارجية الأميركية أي تعاون مع روسيا في سوريا.");
    assert!(
        !doc.relations
            .iter()
            .any(|r| r.kind == RelationType::Cooperate && r.statements.is_empty()),
        "{:?}",
        doc.relations
    );
    let doc = annotate("نفذت الطائرات هجمات ضد تنظيم داعش في سوريا.");
    assert!(
        !doc.relations.iter().any(|r| r.source == "SYR"),
        "{:?}",
        doc.relations
    );
    let doc = annotate("وأحبطت القوات هجوما لمليشيات الحوثي على منفذ الطوال الحدودي مع اليمن.");
    assert!(
        !doc.relations
            .iter()
            .any(|r| r.target == "YEM" && r.kind == RelationType::Attack),
        "{:?}",
        doc.relations
    );
}

#[test]
fn criticism_words_type_the_statement_as_an_accusation() {
    let doc = annotate(
        "وقال المتحدث باسم الخارجية الإيرانية إسماعيل بقائي إن القرار يقوض الجهود الدبلوماسية.",
    );
    assert_eq!(doc.statements[0].kind, RelationType::Accuse);
}
