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
fn places_named_after_a_king_are_not_persons() {
    let doc = annotate(
        "وأقيم الحفل في جامعة الملك خالد بمدينة أبها، وقال مدير مستشفى الملك فهد بجدة إن العمل \
         مستمر. ويقع المنتزه على طريق الملك فهد الدولي قرب مركز الملك فهد الثقافي. \
         واستقبل مكتب الأمير محمد بن سلمان الوفد. وأكد أمير منطقة عسير أن الموسم ناجح. \
         وقاد الملك فيصل -رحمه الله- الحظر. وعاد الريحاني لمقابلة الملك عبد العزيز، الذي ارتاح إليه، \
         وأكد خادم الحرمين الشريفين الملك سلمان بن عبد العزيز أن المملكة ماضية.",
    );
    let persons: Vec<&str> = doc
        .actors
        .iter()
        .filter(|a| a.kind == marsad::model::ActorKind::Person)
        .map(|a| a.name_ar.as_str())
        .collect();
    assert!(
        persons
            .iter()
            .all(|p| !p.contains("فهد") && !p.contains("خالد")),
        "a place named after a king became a person: {persons:?}"
    );
    assert!(
        persons
            .iter()
            .all(|p| !p.contains("عسير") && !p.contains("رحمه")),
        "a region or a blessing became a person: {persons:?}"
    );
    let lawyer = annotate(
        "وقال المحامي محمود عبد الله إن القانون واضح، وأضاف عبد الله أن الحكم نهائي.\n\n\
         يقول محمود عبد الله: «الرئيس ينبغي أن يستمع». ويرى المحامي عبد الله أن الأمر خطير.",
    );
    let short = surfaces(&lawyer);
    assert_eq!(
        short.iter().filter(|(_, s)| s == "عبد الله").count(),
        2,
        "the short form is the family name with its particle: {short:?}"
    );
    assert!(
        !short.iter().any(|(_, s)| s == "الله"),
        "الله alone is never a surname"
    );
    let founder = surfaces(&doc)
        .into_iter()
        .filter(|(_, s)| s == "عبد العزيز")
        .count();
    assert_eq!(
        founder, 1,
        "a father's name after بن is no mention of its own"
    );
    assert!(
        surfaces(&doc).iter().any(|(_, s)| s == "محمد بن سلمان"),
        "a full name after an institution is still the person: {persons:?}"
    );
}

#[test]
fn a_forces_head_noun_stays_outside_the_mention() {
    let doc = annotate(
        "وقال المتحدث باسم قوات التحالف إن الحدود آمنة. وتوغلت وقوات الاحتلال في رفح، \
         فيما قاتلت قوات صالح في تعز.",
    );
    let found = surfaces(&doc);
    assert!(
        found.contains(&("ARAB_COALITION".to_string(), "التحالف".to_string())),
        "{found:?}"
    );
    assert!(
        found.contains(&("ISR".to_string(), "الاحتلال".to_string())),
        "{found:?}"
    );
    // "قوات صالح" is the forces' own name: صالح alone would be the man, so it stays whole.
    assert!(
        found.contains(&("SALEH_FORCES".to_string(), "قوات صالح".to_string())),
        "{found:?}"
    );
}

#[test]
fn an_outlet_told_to_is_the_known_paper() {
    let doc =
        annotate("وقال الوزير لـ«الشرق الأوسط» إن المفاوضات مستمرة، وأضاف لـ«سبق» أن الحل قريب.");
    let found = surfaces(&doc);
    assert!(
        found.contains(&("ASHARQ_ALAWSAT".to_string(), "الشرق الأوسط".to_string())),
        "{found:?}"
    );
    assert!(
        found.contains(&("SABQ".to_string(), "سبق".to_string())),
        "{found:?}"
    );
}

#[test]
fn an_official_source_speaks_for_its_government_not_for_the_place_it_names() {
    let doc = annotate(
        "وقال رئيس الوزراء العراقي إن بغداد لن تسمح بالهجمات. \
         وكشف مصدر حكومي عن وجود ضغوط لمنع الفصائل من ضرب أهداف داخل إسرائيل.",
    );
    let s = said(&doc);
    assert_eq!(s.len(), 2, "{s:?}");
    assert_ne!(s[1].0, "ISR", "{s:?}");
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

/// The statements of a document as (top-level speaker, cue, content), in text order.
fn said(doc: &AnnotatedDocument) -> Vec<(String, String, String)> {
    doc.statements
        .iter()
        .map(|s| {
            (
                doc.top_level(&s.speaker).to_string(),
                doc.slice(s.cue),
                doc.slice(s.content),
            )
        })
        .collect()
}

#[test]
fn headline_after_two_dots_and_split_at_a_new_clause() {
    let doc = annotate(
        "غارات على صنعاء.. والحوثيون: أسقطنا طائرة مسيرة ولن نتراجع عن دعم غزة\n\n\
         عراقجي: لا تفاوض تحت الضغط وسنرد على أي هجوم",
    );
    let s = said(&doc);
    // The speaker of a second headline after "..", and one statement per clause opened by
    // و + a negation or a future verb.
    assert_eq!(s.len(), 4, "{s:?}");
    assert_eq!(s[0].0, "HOUTHIS");
    assert_eq!(s[0].2, "أسقطنا طائرة مسيرة");
    assert_eq!(s[1].2, "لن نتراجع عن دعم غزة");
    assert_eq!(s[2].2, "لا تفاوض تحت الضغط");
    assert_eq!(s[3].2, "سنرد على أي هجوم");
    assert!(s.iter().all(|x| x.1 == ":"));
    assert_eq!(doc.statements[3].kind, RelationType::Threaten);
}

#[test]
fn quotes_that_name_the_outlet_the_speaker_or_a_phrase() {
    let doc = annotate(
        "عراقجي ل «الرياض»: المفاوضات مستمرة\n\n\
         وقال المتحدث باسم الخارجية الإيرانية إسماعيل بقائي إن \"لا علاقة\" بين الهجوم والمفاوضات.\n\n\
         وقالت \"وسائل إعلام إيرانية\"، إن الهجوم فشل.",
    );
    // The capital in marks after ل is the newspaper spoken to, not the Saudi state.
    assert!(!surfaces(&doc).contains(&("SAU".to_string(), "الرياض".to_string())));
    let s = said(&doc);
    assert_eq!(s.len(), 3, "{s:?}");
    assert_eq!(
        (s[0].0.as_str(), s[0].2.as_str()),
        ("IRN", "المفاوضات مستمرة")
    );
    // A quoted phrase inside a longer clause is not all that was said.
    assert!(s[1].2.ends_with("بين الهجوم والمفاوضات"), "{s:?}");
    // A short quote right after the cue and before إن names the speaker.
    assert_eq!((s[2].0.as_str(), s[2].2.as_str()), ("IRN", "الهجوم فشل"));
}

#[test]
fn named_groups_noun_phrase_objects_and_bodies_that_point_back() {
    let doc = annotate(
        "عنوان الخبر\n\n\
         أعلن فصيل يدعى \"كتائب حزب الله - المقاومة\"، تبنيه للهجوم.\n\n\
         وأعلن الحوثيون تنفيذ هجوم بطائرة من طراز \"يافا\" على تل أبيب، مؤكدين استمرار العمليات.\n\n\
         ونددت منظمة العفو الدولية بالإعدامات في إيران. وأفادت المنظمة التي تتخذ من لندن مقرا أن \
         السلطات الإيرانية أعدمت مئات الأشخاص.",
    );
    let s = said(&doc);
    assert_eq!(s.len(), 5, "{s:?}");
    // A quote after يدعى is a name: the group speaks, and its object follows the marks.
    assert_eq!(s[0].2, "تبنيه للهجوم");
    assert_ne!(s[0].0, "IRQ");
    // A quote inside a noun-phrase object does not replace it.
    assert!(s[1].2.starts_with("تنفيذ هجوم"), "{s:?}");
    // A participle after a comma takes a noun-phrase object.
    assert_eq!(
        (s[2].0.as_str(), s[2].2.as_str()),
        ("HOUTHIS", "استمرار العمليات")
    );
    // "المنظمة" after the verb is the body the text follows; its relative clause ends at أن.
    assert_eq!(s[4].0, "AMNESTY");
    assert_eq!(s[4].2, "السلطات الإيرانية أعدمت مئات الأشخاص");
}

#[test]
fn joint_speakers_continue_together_and_unclosed_quotes_run_on() {
    let doc = annotate(
        "عنوان الخبر\n\n\
         وقالت فرنسا وبريطانيا في بيان مشترك إن الهجوم على السفينة مدان.\n\n\
         وأضاف البيان أن الحل يجب أن يكون سياسيا.\n\n\
         وقال عراقجي “المفاوضات انتهت ولن نعود إليها قبل رفع العقوبات.",
    );
    let s = said(&doc);
    let speakers: Vec<&str> = s.iter().map(|x| x.0.as_str()).collect();
    // "وأضاف البيان" continues both speakers of the joint statement.
    assert_eq!(speakers, ["FRA", "GBR", "FRA", "GBR", "IRN"], "{s:?}");
    // An opening mark no mark closes: the speech runs to the end of the sentence.
    assert_eq!(s[4].2, "المفاوضات انتهت ولن نعود إليها قبل رفع العقوبات");
}

#[test]
fn objects_relays_adjectives_and_participles_without_a_comma() {
    let doc = annotate(
        "عنوان الخبر\n\n\
         ورفضت حركة \"حماس\" اتهامات عباس لها بعرقلة الاتفاق.\n\n\
         ونقلت وكالة \"تسنيم\" الإيرانية عن عراقجي قوله إن طهران لن تتراجع.\n\n\
         وزار روبيو بغداد في زيارة غير معلنة والتقى رئيس الوزراء العراقي.\n\n\
         وأضاف أن الحرب جزء من المشكلة قائلا إنه لا حل عسكريا لها.",
    );
    let s = said(&doc);
    assert_eq!(s.len(), 4, "{s:?}");
    // A person named after the object noun is not the speaker.
    assert_eq!(s[0].0, "HAMAS");
    // نقلت X عن Y: Y speaks.
    assert_eq!(doc.statements[1].speaker, "ARAGHCHI");
    // "زيارة غير معلنة" is an adjective, not a cue; "قائلا إنه" starts a statement of its own.
    assert_eq!(s[2].2, "الحرب جزء من المشكلة");
    assert_eq!(
        (s[3].1.as_str(), s[3].2.as_str()),
        ("قائلا", "لا حل عسكريا لها")
    );
}

#[test]
fn manner_phrases_nested_speech_and_the_narrators_aside() {
    let doc = annotate(
        "عنوان الخبر\n\n\
         واستبعد عراقجي بشكل قاطع أي تفاوض مع واشنطن وكان التوتر واضحا خلال المؤتمر.\n\n\
         وقالت وكالة الأنباء الكويتية إن أمير الكويت رحب بالاتفاق النووي.\n\n\
         قالت مصر إنها ترفض التدخل القطري وذلك ردا على تصريحات الدوحة.\n\n\
         وأكد الوزير السوري أن بلاده تواجه تحديات، مؤكدا على أهمية استقرار المنطقة.",
    );
    let s = said(&doc);
    assert_eq!(s.len(), 6, "{s:?}");
    // The manner phrase is skipped and the object ends where وكان opens a clause.
    assert_eq!(s[0].2, "أي تفاوض مع واشنطن");
    // The agency speaks, and the emir it reports speaks too.
    assert_eq!(s[1].0, "KUNA");
    assert_eq!(
        (s[2].0.as_str(), s[2].2.as_str()),
        ("KWT", "بالاتفاق النووي")
    );
    // "وذلك ردا على" is the narrator's.
    assert_eq!(s[3].2, "ترفض التدخل القطري");
    // A participle's object after على.
    assert_eq!(s[5].2, "أهمية استقرار المنطقة");
}

#[test]
fn one_unclosed_mark_and_local_unnamed_sources() {
    let doc = annotate(
        "عنوان الخبر\n\n\
         وتابع القاضي \"أوقفنا المشتبه بهم\"، لافتا إلى أن \"أحدهم اعترف بالتفجير. \
         وقال بيان صادر عن البيت الأبيض إن بايدن بحث مع العبادي \"الحملة العسكرية في الأنبار\".\n\n\
         قتل 12 شخصا في تفجير سيارة مفخخة في العراق، بحسب ما افادت مصادر امنية.",
    );
    let s = said(&doc);
    // The mark before أحدهم is never closed: the mark before الحملة (after a space, before a
    // word) opens a quote instead of closing that one, so the White House statement is found.
    assert!(s.iter().any(|x| x.0 == "USA" && x.1 == "وقال"), "{s:?}");
    // Unnamed security sources speak for the state where the bombing happened.
    let attributed = s.iter().find(|x| x.1 == "بحسب").expect("the attribution");
    assert_eq!(attributed.0, "IRQ", "{s:?}");
}

#[test]
fn both_sides_of_a_meeting_told_in_a_statement() {
    let doc = annotate(
        "عنوان الخبر\n\n\
         وقال بيان صادر عن البيت الأبيض إن بايدن بحث في اتصال هاتفي مع رئيس الوزراء العراقي \
         محمد شياع السوداني الحرب على داعش. ورحب كلا الجانبين بتسلم العراق طائرات جديدة، \
         ووصفا ذلك بأنه \"خطوة مهمة\".",
    );
    let s = said(&doc);
    let welcome: Vec<&str> = s
        .iter()
        .filter(|x| x.1 == "ورحب")
        .map(|x| x.0.as_str())
        .collect();
    // "كلا الجانبين" are the two sides of the call the statement told; a dual verb after it
    // (ووصفا) has the same two speakers.
    assert_eq!(welcome, ["USA", "IRQ"], "{s:?}");
    let described: Vec<&str> = s
        .iter()
        .filter(|x| x.1 == "ووصفا")
        .map(|x| x.0.as_str())
        .collect();
    assert_eq!(described, ["USA", "IRQ"], "{s:?}");
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

#[test]
fn an_outlet_that_carries_the_statement_is_no_target() {
    // Credited inside the content, with no subject of its own: the outlet speaks.
    let doc = annotate(
        "وقال وزير الخارجية القطري إن الدوحة تدعم الحوار.\n\n\
         ويذكر أن القوات التركية - وبحسب قناة \"الجزيرة\" - قصفت مواقع في شمال العراق.",
    );
    let s = doc.statements.last().expect("a statement");
    assert_eq!(
        doc.top_level(&s.speaker),
        "ALJAZEERA",
        "{:?}",
        doc.statements
    );
    assert!(!s.targets.contains(&"ALJAZEERA".to_string()));
    // Spoken to: the newspaper is where it was said, not whom it is about.
    let doc = annotate(
        "وقال وزير الخارجية اليمني في حديث لـ«الحياة» إن الحكومة تطالب إيران بوقف التدخل.",
    );
    assert!(
        !doc.relations.iter().any(|r| r.target == "ALHAYAT"),
        "{:?}",
        doc.relations
    );
    assert!(
        has_relation(&doc, "YEM", "IRN", RelationType::Demand),
        "{:?}",
        doc.relations
    );
}

#[test]
fn borders_regions_and_places_are_not_statement_targets() {
    let doc =
        annotate("وقال وزير الداخلية العراقي إن انفجارا وقع في بلدة قريبة من الحدود مع إيران.");
    assert!(
        !doc.relations.iter().any(|r| r.target == "IRN"),
        "{:?}",
        doc.relations
    );
    let doc = annotate("وقال المبعوث الأممي إن الصراع في الجنوب الليبي يهدد الحوار.");
    assert!(
        !doc.relations.iter().any(|r| r.target == "LBY"),
        "{:?}",
        doc.relations
    );
    let doc = annotate("وقال المتحدث باسم البنتاغون إن الطائرات حلقت فوق العراق أمس.");
    assert!(
        !doc.relations.iter().any(|r| r.target == "IRQ"),
        "{:?}",
        doc.relations
    );
}

#[test]
fn an_institution_in_a_state_speaks_for_it_and_its_object_is_the_target() {
    let doc =
        annotate("وحثت الحكومة المؤقتة في ليبيا المجتمع الدولي على الضغط على الأطراف المسلحة.");
    let s = &doc.statements[0];
    assert_eq!(doc.top_level(&s.speaker), "LBY", "{:?}", doc.statements);
    assert_eq!(s.kind, RelationType::Appeal);
    assert!(
        s.targets.contains(&"INTL_COMMUNITY".to_string()),
        "{:?}",
        s.targets
    );
}

#[test]
fn a_subordinate_clause_ends_where_the_main_clause_begins() {
    let doc = annotate(
        "وبينما دعت مصر الأطراف إلى وقف إطلاق النار في غزة، وصل وفد من حركة حماس إلى الدوحة.",
    );
    let s = &doc.statements[0];
    assert_eq!(
        doc.slice(s.content),
        "وقف إطلاق النار في غزة",
        "{:?}",
        doc.statements
    );
    assert!(!s.targets.contains(&"HAMAS".to_string()));
}

#[test]
fn plural_claim_and_denunciation_cues() {
    let doc = annotate("وأوضحوا أن الاتفاق لم يطبق بعد.");
    assert!(
        doc.statements.is_empty() || doc.slice(doc.statements[0].content) == "الاتفاق لم يطبق بعد"
    );
    let doc =
        annotate("واستنكرت وزارة الخارجية السعودية الهجمات التي شنتها جماعة الحوثي على المدنيين.");
    let s = &doc.statements[0];
    assert_eq!(s.kind, RelationType::Accuse, "{:?}", doc.statements);
    assert!(
        doc.slice(s.content).starts_with("الهجمات"),
        "{:?}",
        doc.slice(s.content)
    );
    assert!(
        has_relation(&doc, "SAU", "HOUTHIS", RelationType::Accuse),
        "{:?}",
        doc.relations
    );
    let doc =
        annotate("وقال وزير الخارجية اليمني إن على الحوثيين أن يوقفوا العنف، وهم يرفضون ذلك.");
    assert_eq!(
        doc.statements[0].kind,
        RelationType::Demand,
        "{:?}",
        doc.statements
    );
}

#[test]
fn a_state_news_agency_speaks_for_its_state() {
    let doc = annotate("وقالت وكالة الأنباء الكويتية إن أمير البلاد استقبل وزير الخارجية الإيراني.");
    let s = &doc.statements[0];
    let agency = doc.actor(&s.speaker).expect("the speaker is an actor");
    assert_eq!(
        agency.affiliation.as_deref(),
        Some("KWT"),
        "{:?}",
        doc.statements
    );
}

#[test]
fn a_three_letter_family_name_stands_for_the_person() {
    let doc = annotate(
        "قال النائب عن حزب الكتائب اللبنانية سامي عقل إن الحكومة عاجزة.\n\nورأى عقل أن الحل سياسي.",
    );
    let names: Vec<String> = surfaces(&doc).into_iter().map(|(_, s)| s).collect();
    assert!(names.iter().any(|s| s == "عقل"), "{names:?}");
    assert_eq!(doc.statements.len(), 2, "{:?}", doc.statements);
    assert_eq!(doc.statements[0].speaker, doc.statements[1].speaker);
}

#[test]
fn a_militia_word_after_a_word_of_calling_is_a_label() {
    let doc = annotate("وقال المبعوث الأممي إنه يرفض تسمية الثوار بالميليشيات الإرهابية.");
    assert!(
        !surfaces(&doc).iter().any(|(_, s)| s.contains("الميليشيات")),
        "{:?}",
        surfaces(&doc)
    );
    let doc = annotate("وقال مسؤول إن المجموعات الاستيطانية الإسرائيلية هاجمت قرية فلسطينية.");
    assert!(
        !surfaces(&doc).iter().any(|(a, _)| a == "ISR"),
        "{:?}",
        surfaces(&doc)
    );
}

#[test]
fn the_body_a_title_serves_speaks_and_the_enemy_it_names_does_not() {
    let doc = annotate("وقال المبعوث الخاص للأمم المتحدة إلى اليمن إن الحل سياسي.");
    assert_eq!(doc.statements.len(), 1, "{:?}", doc.statements);
    assert_eq!(doc.top_level(&doc.statements[0].speaker), "UN");
    let doc = annotate(
        "وأدان المبعوث الخاص للتحالف الدولي لمواجهة تنظيم داعش الهجمات التي نفذها حزب العمال الكردستاني.",
    );
    assert!(
        !doc.statements.iter().any(|s| s.speaker == "ISIS"),
        "{:?}",
        doc.statements
    );
}

#[test]
fn a_city_after_a_title_is_the_office_not_a_name() {
    let doc = annotate(
        "وأعلن محافظ تعز نبيل شمسان أن المدينة محاصرة.\n\nوقال محافظ خميس مشيط إن الأمطار غزيرة.",
    );
    let names: Vec<&str> = doc.actors.iter().map(|a| a.name_ar.as_str()).collect();
    assert!(names.contains(&"نبيل شمسان"), "{names:?}");
    assert!(
        !names
            .iter()
            .any(|n| n.contains("تعز") || n.contains("مشيط")),
        "{names:?}"
    );
}

#[test]
fn circles_with_a_nisba_speak_for_their_state_and_reveal_a_noun_phrase() {
    let doc = annotate("وكشفت أوساط سياسية تركية لـ«الحياة» تفاصيل المحادثات التي أجراها وزير الخارجية العراقي في أنقرة.");
    let s = doc.statements.first().expect("a statement");
    assert_eq!(doc.top_level(&s.speaker), "TUR", "{:?}", doc.statements);
    assert!(
        doc.slice(s.content).starts_with("تفاصيل"),
        "{}",
        doc.slice(s.content)
    );
}

#[test]
fn a_visit_or_arrival_meets_the_host_state_named_by_its_capital() {
    // A capital after إلى is a place, not a mention, yet it names the host of the visit.
    let doc = annotate("وصل وفد من حركة حماس إلى القاهرة لإجراء محادثات حول الهدنة.");
    assert!(
        has_relation(&doc, "HAMAS", "EGY", RelationType::Meet),
        "{:?}",
        doc.relations
    );
    // Several visitors listed together meet the host, not one another.
    let doc = annotate("وصلت وفود حماس وقطر والولايات المتحدة إلى القاهرة أمس.");
    for visitor in ["HAMAS", "QAT", "USA"] {
        assert!(
            has_relation(&doc, visitor, "EGY", RelationType::Meet),
            "{visitor}: {:?}",
            doc.relations
        );
    }
    assert!(
        !has_relation(&doc, "HAMAS", "USA", RelationType::Meet),
        "{:?}",
        doc.relations
    );
    // A delegation's nisba before the verb; the capital by its nisba after العاصمة.
    let doc = annotate("ومن المتوقع أن يصل وفد تركي إلى العاصمة الأردنية مساء اليوم.");
    assert!(
        has_relation(&doc, "TUR", "JOR", RelationType::Meet),
        "{:?}",
        doc.relations
    );
    // The doer before a title set off by commas.
    let doc = annotate("بدأ وزير الخارجية الفرنسي، لوران فابيوس، زيارة رسمية إلى طهران أمس.");
    assert!(
        has_relation(&doc, "FRA", "IRN", RelationType::Meet),
        "{:?}",
        doc.relations
    );
    // An intended visit is no meeting yet.
    let doc = annotate("أعلن المسؤولون البريطانيون عزمهم على زيارة بغداد.");
    assert!(
        !doc.relations.iter().any(|r| r.kind == RelationType::Meet),
        "{:?}",
        doc.relations
    );
}

#[test]
fn a_visit_with_a_pronoun_doer_a_tour_and_an_apposed_official() {
    // "زار العراق": the state after the verb is the host; the visitor is the actor before.
    let doc =
        annotate("وغادر وزير الخارجية البريطاني بغداد مساء أمس، حيث زار العراق في زيارة قصيرة.");
    assert!(
        has_relation(&doc, "GBR", "IRQ", RelationType::Meet),
        "{:?}",
        doc.relations
    );
    // A tour that takes in several states: each is a host.
    let doc = annotate(
        "وقال وزير الخارجية التركي إن جولته بدأت أمس في مستهل زيارة تشمل أيضا الأردن ولبنان.",
    );
    for host in ["JOR", "LBN"] {
        assert!(
            has_relation(&doc, "TUR", host, RelationType::Meet),
            "{host}: {:?}",
            doc.relations
        );
    }
    // The official named after a comma is the same visitor as his title.
    let doc = annotate("وصل وزير الخارجية الأميركي، أنتوني بلينكن، إلى بيروت في زيارة رسمية.");
    assert!(
        has_relation(&doc, "USA", "LBN", RelationType::Meet),
        "{:?}",
        doc.relations
    );
}

#[test]
fn fighting_words_are_attacks() {
    // A fight noun with its doer after it and the enemy after ضد.
    let doc = annotate("وتخوض القوات العراقية معارك ضد تنظيم داعش في محافظة الأنبار.");
    assert!(
        has_relation(&doc, "IRQ", "ISIS", RelationType::Attack),
        "{:?}",
        doc.relations
    );
    // A verb of fighting takes its enemy as a direct object.
    let doc = annotate("وقالت الوزارة إن الجيش التركي يقاتل حزب العمال الكردستاني منذ عقود.");
    assert!(
        has_relation(&doc, "TUR", "PKK", RelationType::Attack),
        "{:?}",
        doc.relations
    );
}

#[test]
fn an_alliance_led_by_a_nisba_goes_one_way() {
    let doc = annotate("وقال المسؤول إن هناك تحالف فرنسي مع الأردن، مصر، الكويت فوق سوريا.");
    for partner in ["JOR", "EGY", "KWT"] {
        assert!(
            has_relation(&doc, "FRA", partner, RelationType::Cooperate),
            "{partner}: {:?}",
            doc.relations
        );
        assert!(
            !has_relation(&doc, partner, "FRA", RelationType::Cooperate),
            "{partner}: {:?}",
            doc.relations
        );
    }
    // An agreement between two named sides still binds both.
    let doc = annotate("ووقعت تركيا اتفاقا مع قطر لتعزيز التعاون العسكري.");
    assert!(
        has_relation(&doc, "QAT", "TUR", RelationType::Cooperate),
        "{:?}",
        doc.relations
    );
}

#[test]
fn threats_to_cut_ties_and_hopes_are_typed() {
    let doc = annotate(
        "وقال وزير الخارجية المغربي إن بلاده ستقطع علاقاتها مع إيران إذا استمر دعمها للانفصاليين.",
    );
    assert_eq!(doc.statements[0].kind, RelationType::Threaten);
    let doc = annotate("وأكد وزير الخارجية الأردني أن الأردن يتطلع إلى دور أكبر لمصر في الوساطة.");
    assert_eq!(doc.statements[0].kind, RelationType::Appeal);
}

#[test]
fn an_attack_on_a_states_border_and_two_groups_as_doers() {
    let doc = annotate(
        "وتستمر الاشتباكات التي تقوم بها ميليشيا حزب الله وقوات الحرس الثوري على الحدود الشمالية لإسرائيل.",
    );
    assert!(
        has_relation(&doc, "HEZ", "ISR", RelationType::Attack),
        "{:?}",
        doc.relations
    );
}

#[test]
fn talks_held_by_a_subject_set_off_by_a_comma_and_no_partner_after_against() {
    let doc = annotate(
        "وأجرى وزير الخارجية التركي أمس في الدوحة، مباحثات مع كل من أمير البلاد الشيخ تميم بن حمد.",
    );
    assert!(
        has_relation(&doc, "TUR", "QAT", RelationType::Meet),
        "{:?}",
        doc.relations
    );
    // What a call discussed (العمليات ضد داعش) names no partner of the call.
    let doc = annotate(
        "وبحث الرئيس التركي في اتصال هاتفي مع الأمين العام للأمم المتحدة العمليات ضد تنظيم داعش.",
    );
    assert!(
        !doc.relations
            .iter()
            .any(|r| r.kind == RelationType::Meet && (r.source == "ISIS" || r.target == "ISIS")),
        "{:?}",
        doc.relations
    );
}

#[test]
fn backing_given_to_a_capital_is_backing_of_its_state() {
    // A capital joined by ل is a place to the mention rules, yet here it is the one backed.
    let doc = annotate("وأكد أن الاتفاق لن يؤثر على الدعم الذي تقدمه موسكو لدمشق.");
    assert!(
        has_relation(&doc, "RUS", "SYR", RelationType::Cooperate),
        "{:?}",
        doc.relations
    );
}

#[test]
fn the_two_sides_of_a_fight_fight_each_other_not_the_place() {
    let doc = annotate("وتجددت المعارك بين تنظيم داعش وحزب العمال الكردستاني في سوريا أمس.");
    assert!(
        has_relation(&doc, "ISIS", "PKK", RelationType::Attack),
        "{:?}",
        doc.relations
    );
    assert!(
        has_relation(&doc, "PKK", "ISIS", RelationType::Attack),
        "{:?}",
        doc.relations
    );
    assert!(
        !doc.relations.iter().any(|r| r.target == "SYR"),
        "Syria is where, not whom: {:?}",
        doc.relations
    );
}

#[test]
fn states_listed_as_the_places_visited_do_not_meet_one_another() {
    for text in [
        "وزار الصحفي اليمن والسودان وليبيا خلال العام الماضي.",
        "وكان قد زار الأردن ولبنان وسوريا قبل أن يعود.",
    ] {
        let doc = annotate(text);
        assert!(
            !doc.relations.iter().any(|r| r.kind == RelationType::Meet),
            "{text}: {:?}",
            doc.relations
        );
    }
}

#[test]
fn a_person_of_a_state_is_a_visitor_never_the_host() {
    // The visitor named after the verb, the host after him.
    let doc = annotate("ويزور وزير الخارجية البريطاني فيليب هاموند طهران الأسبوع المقبل.");
    assert!(
        has_relation(&doc, "GBR", "IRN", RelationType::Meet)
            || doc
                .relations
                .iter()
                .any(|r| r.kind == RelationType::Meet && r.target == "IRN"),
        "{:?}",
        doc.relations
    );
    // A protest against a visit: the visiting official is not the host of the protesters.
    let doc = annotate("وتظاهر أنصار حزب الله في بيروت احتجاجا على زيارة جون كيري.");
    assert!(
        !doc.relations.iter().any(|r| r.kind == RelationType::Meet),
        "{:?}",
        doc.relations
    );
}

#[test]
fn a_state_inside_a_persons_or_a_places_name_is_no_mention() {
    let doc = annotate(
        "وقال الأمير سعود بن تركي إن النادي سيرد. ودرس الباحث في جامعة كولومبيا قبل أن يعمل في مطار الكويت الدولي.",
    );
    let actors: Vec<&str> = doc.mentions.iter().map(|m| m.actor.as_str()).collect();
    for state in ["TUR", "COL", "KWT"] {
        assert!(!actors.contains(&state), "{state} in {actors:?}");
    }
    // With a clitic between them they are two words: the state is named.
    let doc = annotate("وألقى محاضرة في جامعة بالكويت عن العلاقات مع تركيا.");
    let actors: Vec<&str> = doc.mentions.iter().map(|m| m.actor.as_str()).collect();
    assert!(actors.contains(&"TUR"), "{actors:?}");
}
