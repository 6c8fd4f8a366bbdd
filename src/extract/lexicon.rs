//! Word lists of the statement and event rules: reporting cues, complementisers, titles, function
//! words. Entries are written in ordinary spelling and folded when the tables are built.

use super::fold::fold;
use crate::model::RelationType;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

/// How a reporting word introduces a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueClass {
    /// A finite verb: its subject is the speaker (قال، أعلن، تطالب).
    Verb,
    /// Continues the previous speaker unless a subject follows (أضاف، تابع).
    Continuation,
    /// An adverbial participle: the speaker of the clause it hangs on (مؤكدا، مشددة).
    Participle,
    /// A noun that carries speech (بيان، رسالة، تهديدات); needs content right after it.
    Noun,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cue {
    pub class: CueClass,
    pub kind: RelationType,
    /// A dual verb (أكدا): two speakers say it together.
    pub dual: bool,
    /// The preposition that introduces its content when no أن follows (عن for كشف, إلى for دعا).
    pub governs: Option<&'static str>,
}

use CueClass::*;
use RelationType as T;

/// (forms, class, type, governed preposition)
const CUES: &[(&str, CueClass, RelationType, Option<&str>)] = &[
    ("قال قالت يقول تقول قالوا يقولون", Verb, T::Statement, None),
    (
        "أضاف أضافت يضيف تضيف تابع تابعت يتابع",
        Continuation,
        T::Statement,
        None,
    ),
    ("مضيفا مضيفة متابعا", Participle, T::Statement, None),
    ("أكد أكدت يؤكد تؤكد أكدوا يؤكدون", Verb, T::Statement, None),
    ("مؤكدا مؤكدة", Participle, T::Statement, None),
    (
        "أعلن أعلنت يعلن تعلن أعلنوا يعلنون",
        Verb,
        T::Statement,
        Some("عن"),
    ),
    ("معلنا معلنة", Participle, T::Statement, Some("عن")),
    ("كشف كشفت يكشف تكشف", Verb, T::Statement, Some("عن")),
    ("كاشفا كاشفة", Participle, T::Statement, Some("عن")),
    ("أشار أشارت يشير تشير", Verb, T::Statement, Some("إلى")),
    ("مشيرا مشيرة", Participle, T::Statement, Some("إلى")),
    ("أوضح أوضحت يوضح توضح", Verb, T::Statement, None),
    ("موضحا موضحة", Participle, T::Statement, None),
    ("ذكر ذكرت يذكر تذكر", Verb, T::Statement, None),
    ("اعتبر اعتبرت يعتبر تعتبر", Verb, T::Statement, None),
    ("معتبرا معتبرة", Participle, T::Statement, None),
    ("شدد شددت يشدد تشدد", Verb, T::Statement, Some("على")),
    ("مشددا مشددة", Participle, T::Statement, Some("على")),
    ("جدد جددت يجدد تجدد", Verb, T::Statement, None),
    ("صرح صرحت يصرح تصرح", Verb, T::Statement, None),
    ("أفاد أفادت يفيد تفيد", Verb, T::Statement, None),
    ("لفت لفتت يلفت تلفت", Verb, T::Statement, Some("إلى")),
    ("لافتا لافتة", Participle, T::Statement, Some("إلى")),
    ("رأى رأت يرى ترى", Verb, T::Statement, None),
    ("أعرب أعربت يعرب تعرب", Verb, T::Statement, Some("عن")),
    ("معربا معربة", Participle, T::Statement, Some("عن")),
    ("نقل نقلت", Verb, T::Statement, None),
    ("أبلغ أبلغت يبلغ تبلغ", Verb, T::Statement, None),
    ("اعترف اعترفت يعترف تعترف", Verb, T::Statement, Some("ب")),
    ("جاء", Verb, T::Statement, None),
    ("دعا دعت يدعو تدعو دعوا يدعون", Verb, T::Appeal, Some("إلى")),
    ("داعيا داعية", Participle, T::Appeal, Some("إلى")),
    (
        "حث حثت يحث تحث يحض تحض حض حضت ناشد ناشدت يناشد تناشد",
        Verb,
        T::Appeal,
        Some("على"),
    ),
    (
        "طالب طالبت يطالب تطالب طالبوا يطالبون",
        Verb,
        T::Demand,
        None,
    ),
    ("مطالبا مطالبة محملا محملة", Participle, T::Demand, None),
    (
        "هدد هددت يهدد تهدد هددوا يهددون توعد توعدت يتوعد تتوعد",
        Verb,
        T::Threaten,
        None,
    ),
    ("مهددا مهددة متوعدا متوعدة", Participle, T::Threaten, None),
    (
        "حذر حذرت يحذر تحذر حذروا يحذرون",
        Verb,
        T::Threaten,
        Some("من"),
    ),
    ("محذرا محذرة", Participle, T::Threaten, Some("من")),
    (
        "نفى نفت ينفي تنفي نفوا ينفون رفض رفضت يرفض ترفض رفضوا يرفضون",
        Verb,
        T::Reject,
        None,
    ),
    ("نافيا نافية رافضا رافضة", Participle, T::Reject, None),
    (
        "اتهم اتهمت يتهم تتهم انتقد انتقدت ينتقد تنتقد",
        Verb,
        T::Accuse,
        None,
    ),
    (
        "أدان أدانت يدين تدين ندد نددت يندد تندد",
        Verb,
        T::Accuse,
        None,
    ),
    (
        "متهما متهمة منتقدا منتقدة منددا منددة",
        Participle,
        T::Accuse,
        None,
    ),
    (
        "أشاد أشادت يشيد تشيد رحب رحبت يرحب ترحب",
        Verb,
        T::Cooperate,
        None,
    ),
    ("تعهد تعهدت يتعهد تتعهد", Verb, T::Cooperate, None),
    ("مشيدا مشيدة مرحبا مرحبة", Participle, T::Cooperate, None),
    (
        "بيان البيان تصريح تصريحات منشور تدوينة رسالة الرسالة",
        Noun,
        T::Statement,
        None,
    ),
    ("تهديد تهديدات", Noun, T::Threaten, None),
    ("تعهدات تعهد", Noun, T::Cooperate, None),
    ("دعوة دعوات مطالبة مطالبات", Noun, T::Appeal, None),
];

/// Verbs that, said by two (أكدا), carry a dual ending.
const DUALS: &str = "أكدا قالا اتفقا شددا بحثا دعوا";

/// Words after which a clause of reported speech starts.
const COMPLEMENTISERS: &str = "أن إن أنه إنه أنها إنها بأن بأنه بأنها وأن لأن أنهم أنهما";

/// Words after which a mention is an addressee or object, not the speaker.
const ADDRESSEE_PREPS: &str = "إلى على ل لدى مع نحو تجاه ضد";

/// Nouns that name an outlet or platform; a one-word quote after them is a name, not speech.
const NAMING_NOUNS: &str = "موقع منصة صحيفة قناة وكالة حساب تطبيق شبكة إذاعة";

/// Time words that may sit between a speaker and what they said.
const TIME_WORDS: &str = "الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت أمس اليوم وقتها حينها مساء صباح الليلة يوم";

/// Words that make a following capital a place, not a government.
const PLACE_WORDS: &str = "في إلى من عن نحو داخل قرب حول شمال جنوب شرق غرب وسط زيارة زيارته زيارتها زار يزور تزور وصل وصول مطار شهدت تشهد شهد يشهد العاصمة مدينة محافظة سفارة سفير سفيرة";

/// Nouns of peoples: a nisba after them is a people, not a state.
const PEOPLE_WORDS: &str = "شعب الشعب الشعبين الشعبان شعوب الشعوب";

/// Titles that introduce an official's name.
const TITLES: &str = "وزير وزيرة الوزير الوزيرة رئيس رئيسة الرئيس الرئيسة سفير سفيرة السفير السفيرة مستشار مستشارة المستشار المتحدث المتحدثة متحدث الناطق ناطق القيادي القيادية زعيم الزعيم قائد القائد نائب النائب النائبة المبعوث مبعوث الأمين المرشد الملك الأمير العاهل الجنرال اللواء العميد العقيد الشيخ مدير المدير مديرة عضو رئيسا السيناتور المندوب مندوب ممثل الممثل";

/// Words that may follow a title before the name (وزير الخارجية، رئيس هيئة الأركان ...).
const TITLE_COMPLEMENTS: &str = "الجديد الجديدة الخارجية الدفاع الداخلية المالية العدل الوزراء الحكومة الجمهورية الدولة البرلمان النواب الشورى الأمن القومي الوطني الأركان أركان هيئة الجيش العام العامة المكتب السياسي السياسية الإعلامي الأعلى الثوري الحرس المخابرات الاستخبارات الشؤون الإعلام الأسبق السابق السابقة الحالي المكلف الأول الأولى العهد مجلس الكنيست المجلس باسم وزارة وزراء حركة حزب تيار كتلة ائتلاف لجنة العلاقات الدولية الخاص الخاصة الأميركي القوات قوات الأممي الأممية للأمم المتحدة";

/// Words that end a name or cannot be part of one.
const NON_NAME_WORDS: &str = "في من إلى على عن أن إن أنه بأن الذي التي الذين قد لقد لم لن ما لا مع بعد قبل خلال عبر حول ضد بين هذا هذه ذلك تلك هو هي وهو وهي كان كانت يكون إنه إنها أي كل بعض منذ حتى إذ إذا لدى أمام وراء ثم أو أم بل لكن لكنه عند عندما حيث إلا غير سوى فيها فيه منها منه عليها عليه لها له بها به إليها إليه عنها عنه معها معه";

/// Words that start an attribution after the content ("، بحسب ما نقلت وكالة …").
const ATTRIBUTION_WORDS: &str = "بحسب حسب حسبما وفق وفقا نقلا";

/// Words that name an unnamed source.
const SOURCE_WORDS: &str =
    "مصدر مصدران مصدرين مصادر مسؤول مسؤولان مسؤولين مسؤولون المصدر المصادر مسؤولو";
/// Nouns a nisba attaches to when it names a place, not an actor.
const TERRITORY_WORDS: &str = "ميثاق قرار قرارات اتفاقية معاهدة الأراضي أراضي الأجواء أجواء الجغرافية الحدود الساحة الإقليم المناطق";
/// Words before an actor that make it the sponsor of what precedes ("موالية لإيران").
const SPONSOR_WORDS: &str =
    "موالية الموالية موالي الموالي موالين الموالين المدعومة المدعوم مدعومة مدعوم";
/// Words before a state that make it a place in reported content.
const LOCATIVE_WORDS: &str = "في داخل شمال جنوب شرق غرب وسط";
/// Cues whose object may be a plain noun phrase ("أكدا أهمية العمل").
const NP_OBJECT_CUES: &str =
    "أعلن أعلنت يعلن تعلن يعلنون أكد أكدت أكدا يؤكد تؤكد جدد جددت شدد شددت أعرب أعربت نفى نفت رفض رفضت أدان أدانت";
/// Words in reported content that show its speech act when the cue is neutral.
const DEMAND_WORDS: &str = "عاتق نطالب تطالب يطالب يجب";
const APPEAL_WORDS: &str = "دعوت ندعو تدعو يدعو أدعو يحضه تحض نحث تحث يحث";
const MEASURES_WORDS: &str = "التدابير الإجراءات الدفاع";
const MEET_WORDS: &str = "التقيت التقينا اللقاء اجتمعنا بحثنا";
const COOPERATE_WORDS: &str = "تعزيز دعم ملتزمون نلتزم الشراكة التعاون";
const ACCUSE_WORDS: &str = "الجرائم ندين إدانة العدوان";

/// Words that state an event between two actors.
const PRESSURE_TRIGGERS: &str = "ضغط الضغط ضغوط ضغوطا الضغوط تضغط يضغط ضغطت";
const ATTACK_TRIGGERS: &str = "هجوم هجمات الهجوم الهجمات هجوما ضربة ضربات الضربات الضربة غارة غارات الغارات قصف القصف حرب الحرب عدوان العدوان اعتداء اعتداءات الاعتداءات عمليات تشن يشن شن شنت استهدف استهدفت";
const MEET_TRIGGERS: &str = "التقى التقت اجتمع اجتمعت استقبل استقبلت تواصل تواصلت زار زارت";

/// Words that may stand between a preposition and the actor it governs: heads of organisation
/// names (مع حركة حماس) and parts of a territory (على جنوب لبنان).
const GROUP_HEADS: &str = "حركة جماعة حزب تنظيم فصيل فصائل ميليشيا مليشيا قوات كتائب منظمة هيئة صحيفة وكالة قناة جنوب شمال شرق غرب وسط جنوبي شمالي شرقي غربي مناطق منطقة مدينة أراضي مواقع";

fn words(list: &'static str) -> HashSet<String> {
    list.split_whitespace().map(fold).collect()
}

/// All word lists, folded, built once.
pub struct Lexicon {
    pub cues: HashMap<String, Cue>,
    pub complementisers: HashSet<String>,
    pub addressee_preps: HashSet<String>,
    pub naming_nouns: HashSet<String>,
    pub time_words: HashSet<String>,
    pub place_words: HashSet<String>,
    pub people_words: HashSet<String>,
    pub titles: HashSet<String>,
    pub title_complements: HashSet<String>,
    pub non_name_words: HashSet<String>,
    pub source_words: HashSet<String>,
    pub attribution_words: HashSet<String>,
    pub territory_words: HashSet<String>,
    pub sponsor_words: HashSet<String>,
    pub locative_words: HashSet<String>,
    pub np_object_cues: HashSet<String>,
    pub demand_words: HashSet<String>,
    pub appeal_words: HashSet<String>,
    pub measures_words: HashSet<String>,
    pub meet_words: HashSet<String>,
    pub cooperate_words: HashSet<String>,
    pub accuse_words: HashSet<String>,
    pub triggers: HashMap<String, RelationType>,
    pub group_heads: HashSet<String>,
}

impl Lexicon {
    pub fn get() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(Lexicon::build)
    }

    fn build() -> Lexicon {
        let mut cues = HashMap::default();
        for &(forms, class, kind, governs) in CUES {
            for form in forms.split_whitespace() {
                cues.insert(
                    fold(form),
                    Cue {
                        class,
                        kind,
                        dual: false,
                        governs: governs.map(fold_static),
                    },
                );
            }
        }
        for form in DUALS.split_whitespace() {
            let kind = if form.starts_with("دع") {
                T::Appeal
            } else {
                T::Statement
            };
            cues.insert(
                fold(form),
                Cue {
                    class: Verb,
                    kind,
                    dual: true,
                    governs: None,
                },
            );
        }
        Lexicon {
            cues,
            complementisers: words(COMPLEMENTISERS),
            addressee_preps: words(ADDRESSEE_PREPS),
            naming_nouns: words(NAMING_NOUNS),
            time_words: words(TIME_WORDS),
            place_words: words(PLACE_WORDS),
            people_words: words(PEOPLE_WORDS),
            titles: words(TITLES),
            title_complements: words(TITLE_COMPLEMENTS),
            non_name_words: words(NON_NAME_WORDS),
            source_words: words(SOURCE_WORDS),
            attribution_words: words(ATTRIBUTION_WORDS),
            territory_words: words(TERRITORY_WORDS),
            sponsor_words: words(SPONSOR_WORDS),
            locative_words: words(LOCATIVE_WORDS),
            np_object_cues: words(NP_OBJECT_CUES),
            demand_words: words(DEMAND_WORDS),
            appeal_words: words(APPEAL_WORDS),
            measures_words: words(MEASURES_WORDS),
            meet_words: words(MEET_WORDS),
            cooperate_words: words(COOPERATE_WORDS),
            accuse_words: words(ACCUSE_WORDS),
            group_heads: words(GROUP_HEADS),
            triggers: [
                (PRESSURE_TRIGGERS, T::Pressure),
                (ATTACK_TRIGGERS, T::Attack),
                (MEET_TRIGGERS, T::Meet),
            ]
            .iter()
            .flat_map(|&(list, kind)| list.split_whitespace().map(move |w| (fold(w), kind)))
            .collect(),
        }
    }

    /// The cue a word is, with the conjunctions و/ف stripped.
    pub fn cue(&self, word: &str) -> Option<Cue> {
        self.cues.get(word).copied().or_else(|| {
            let rest = word.strip_prefix('و').or_else(|| word.strip_prefix('ف'))?;
            self.cues.get(rest).copied()
        })
    }

    /// The event a word states, looking through the proclitics و ف ب ل.
    pub fn event_trigger(&self, word: &str) -> Option<RelationType> {
        let mut w = word;
        for _ in 0..2 {
            if let Some(&kind) = self.triggers.get(w) {
                return Some(kind);
            }
            match w.chars().next() {
                Some(c @ ('و' | 'ف' | 'ب' | 'ل')) => w = &w[c.len_utf8()..],
                _ => return None,
            }
        }
        self.triggers.get(w).copied()
    }
}

/// Folded forms of the few prepositions cues govern (all plain letters but إلى).
fn fold_static(s: &'static str) -> &'static str {
    match s {
        "إلى" => "الي",
        other => other,
    }
}
