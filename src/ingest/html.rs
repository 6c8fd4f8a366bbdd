//! HTML → article text with html5gum's tokenizer: the title, then the article's paragraphs, without
//! scripts, navigation, ads, comments and other page furniture.

use std::collections::{BTreeMap, HashMap};

use html5gum::{DefaultEmitter, HtmlString, Spanned, StartTag, Token, Tokenizer};
use serde::{Deserialize, Serialize};

use super::clean::is_removed_control;

/// What HTML extraction found and threw away.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HtmlReport {
    /// The page's `<title>`, whitespace-collapsed (also the first paragraph of the text).
    pub title: Option<String>,
    /// Paragraphs in the extracted text, the title included.
    pub paragraphs: usize,
    /// Elements dropped with their content (scripts, styles, navigation, ads, comments, page
    /// headers, …), counting only the outermost of nested dropped elements. (A headline `<h1>` is
    /// kept from a page header when there is no other.)
    pub dropped_elements: usize,
    /// Whether the text came from an `<article>` element (plus the title and headline) rather than
    /// the whole body.
    pub from_article: bool,
}

/// Whether the start of `text` looks like an HTML document.
pub(crate) fn looks_like_html(text: &str) -> bool {
    let mut end = text.len().min(1024);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = text[..end].to_ascii_lowercase();
    let start = head.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    if start.starts_with("<!doctype html") || start.starts_with("<html") {
        return true;
    }
    if start.starts_with("<?xml") && start.contains("<html") {
        return true;
    }
    [
        "<body", "<head>", "<head ", "<p>", "<p ", "</p>", "<article",
    ]
    .iter()
    .any(|marker| head.contains(marker))
}

/// Elements dropped with everything inside them, wherever they are.
const DROPPED_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "nav", "aside", "form", "button",
    "iframe", "object", "canvas", "select", "textarea", "dialog", "menu", "video", "audio",
];

/// Elements that are never dropped for their class or id (a `<body class="has-sidebar">` or an
/// `<article class="with-comments">` is still the content).
const NEVER_CLASS_DROPPED: &[&str] = &["html", "body", "main", "article"];

const VOID_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen",
];

/// Elements whose start and end end the current paragraph.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "div",
    "blockquote",
    "tr",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "caption",
    "pre",
    "figure",
    "figcaption",
    "address",
    "hr",
    "form",
    "fieldset",
    "legend",
    "details",
    "summary",
    "center",
    "body",
    "html",
    "head",
    "hgroup",
    "title",
    "option",
];

/// ARIA landmark roles that mark page furniture.
const DROPPED_ROLES: &[&str] = &[
    "navigation",
    "contentinfo",
    "complementary",
    "search",
    "menu",
    "menubar",
    "dialog",
    "alertdialog",
];

/// Class/id words (after splitting on `-`, `_`, … and camelCase) that mark boilerplate.
const NOISE_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "menus",
    "header",
    "footer",
    "masthead",
    "sidebar",
    "comment",
    "comments",
    "commentlist",
    "disqus",
    "share",
    "shares",
    "sharing",
    "sharer",
    "social",
    "related",
    "advert",
    "adverts",
    "advertisement",
    "advertising",
    "ad",
    "ads",
    "adsense",
    "adslot",
    "adunit",
    "adbox",
    "adzone",
    "adcontainer",
    "adwrapper",
    "adholder",
    "adspace",
    "adbanner",
    "dfp",
    "sponsor",
    "sponsored",
    "promo",
    "outbrain",
    "taboola",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "breadcrumb",
    "breadcrumbs",
    "newsletter",
    "subscribe",
    "subscription",
    "popup",
    "modal",
    "widget",
    "widgets",
    "toolbar",
    "topbar",
    "pagination",
    "pager",
    "tags",
    "tagcloud",
    "login",
    "signin",
    "skiplink",
];

/// Words that also match as the start of a longer word ("navlinks", "menuitem", "sharethis").
const NOISE_PREFIXES: &[&str] = &[
    "nav",
    "menu",
    "advert",
    "sidebar",
    "breadcrumb",
    "newsletter",
    "cookie",
    "social",
    "share",
    "footer",
    "header",
];

/// Words that also match as the end of a longer word ("topnav", "submenu", "sitefooter").
const NOISE_SUFFIXES: &[&str] = &[
    "nav",
    "menu",
    "sidebar",
    "header",
    "footer",
    "comments",
    "share",
    "sharing",
    "breadcrumb",
];

/// Longer words that contain a noise prefix or suffix but are content.
const NOT_NOISE: &[&str] = &[
    "shareholder",
    "shareholders",
    "navigator",
    "socialist",
    "socialism",
];

/// First words that make a class a state flag rather than a role ("has-sidebar", "is-shared").
const STATE_PREFIXES: &[&str] = &[
    "has", "is", "with", "without", "no", "show", "hide", "enable",
];

/// Words beside "header" that mark the header of the content itself ("article-header",
/// "entry-header"), which holds the headline and must stay.
const CONTENT_WORDS: &[&str] = &[
    "article", "post", "entry", "story", "content", "news", "page", "title", "headline", "main",
    "body", "single", "item", "detail", "details",
];

/// Splits a class token into lower-case words at non-alphanumerics and camelCase humps.
fn words(token: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut prev_lower = false;
    for c in token.chars() {
        if !c.is_alphanumeric() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        current.extend(c.to_lowercase());
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// How an element's markup marks it as page furniture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Noise {
    /// Content.
    None,
    /// A page header or banner: dropped, except that an `<h1>` inside may be the headline.
    Header,
    /// Dropped with everything inside.
    Drop,
}

/// Classifies one class token (or an id).
fn token_noise(token: &str) -> Noise {
    let words = words(token);
    let Some(first) = words.first() else {
        return Noise::None;
    };
    if STATE_PREFIXES.contains(&first.as_str()) {
        return Noise::None;
    }
    let content = words.iter().any(|w| CONTENT_WORDS.contains(&w.as_str()));
    let mut noise = Noise::None;
    for word in &words {
        let w = word.as_str();
        if NOT_NOISE.contains(&w) {
            continue;
        }
        let hit = NOISE_WORDS.contains(&w)
            || NOISE_PREFIXES.iter().any(|p| w.starts_with(p))
            || NOISE_SUFFIXES.iter().any(|s| w.ends_with(s));
        if !hit {
            continue;
        }
        if w.contains("header") || w == "masthead" {
            if !content {
                noise = noise.max(Noise::Header);
            }
        } else {
            return Noise::Drop;
        }
    }
    noise
}

#[cfg(test)]
fn is_noise_token(token: &str) -> bool {
    token_noise(token) != Noise::None
}

type Attributes = BTreeMap<HtmlString, Spanned<HtmlString, ()>>;

fn attr<'a>(attrs: &'a Attributes, name: &str) -> Option<std::borrow::Cow<'a, str>> {
    attrs
        .get(name.as_bytes())
        .map(|v| String::from_utf8_lossy(&v.value))
}

/// Whether an element is page furniture by its attributes (class, id, role, hidden, style).
fn attribute_noise(attrs: &Attributes) -> Noise {
    if attrs.contains_key(b"hidden".as_slice()) {
        return Noise::Drop;
    }
    if attr(attrs, "aria-hidden").is_some_and(|v| v.trim().eq_ignore_ascii_case("true")) {
        return Noise::Drop;
    }
    if let Some(style) = attr(attrs, "style") {
        let compact: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if compact.contains("display:none") || compact.contains("visibility:hidden") {
            return Noise::Drop;
        }
    }
    let mut noise = Noise::None;
    if let Some(role) = attr(attrs, "role") {
        let role = role.trim().to_ascii_lowercase();
        if role == "banner" {
            noise = Noise::Header;
        } else if DROPPED_ROLES.contains(&role.as_str()) {
            return Noise::Drop;
        }
    }
    if let Some(class) = attr(attrs, "class") {
        for token in class.split_whitespace() {
            noise = noise.max(token_noise(token));
        }
    }
    if let Some(id) = attr(attrs, "id") {
        noise = noise.max(token_noise(id.trim()));
    }
    noise
}

/// Characters folded into a single space inside a paragraph (no-break spaces are kept).
fn is_collapsible(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{A0}' | '\u{2007}' | '\u{202F}')
}

/// Characters that do not make a paragraph non-empty.
fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || is_removed_control(c)
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// Collapses whitespace runs to one space and trims; `None` if nothing visible is left.
fn normalise(raw: &str) -> Option<String> {
    let mut out = String::with_capacity(raw.len());
    let mut pending_space = false;
    for c in raw.chars() {
        if is_collapsible(c) {
            pending_space = true;
            continue;
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    let trimmed = out.trim_matches(char::is_whitespace);
    if trimmed.chars().all(is_invisible) {
        None
    } else {
        Some(trimmed.to_string())
    }
}

/// An open element.
struct Open {
    name: String,
    /// The outermost element of a dropped subtree.
    dropped: bool,
    /// The outermost element of a page header (see [`Noise::Header`]).
    header: bool,
    /// Set on `<article>` elements: their number in document order.
    article: Option<usize>,
    /// The `<title>` being captured.
    title: bool,
    /// Whether a `<p>` start stops looking for an open `<p>` to close here (see
    /// [`ends_paragraph_search`]).
    p_boundary: bool,
}

/// Elements that stop an opening block from closing a `<p>` further out.
fn ends_paragraph_search(name: &str) -> bool {
    name != "p" && (BLOCK_TAGS.contains(&name) || matches!(name, "td" | "th" | "button"))
}

/// A paragraph of body text.
struct Block {
    text: String,
    /// The outermost `<article>` it is in.
    article: Option<usize>,
    /// Whether it is (inside) an `<h1>`.
    h1: bool,
    /// Whether it is inside a page header: only kept if it is the headline.
    in_header: bool,
}

/// The open elements, with indexes that answer "is one open, and where is the topmost" in constant
/// time whatever the depth: a page of 100,000 nested elements must not take quadratic time.
#[derive(Default)]
struct OpenStack {
    stack: Vec<Open>,
    /// Stack positions of the open elements of each name, innermost last.
    by_name: HashMap<String, Vec<usize>>,
    /// Stack positions of the open elements that end a search for a `<p>` to close.
    p_boundaries: Vec<usize>,
    /// Numbers of the open `<article>` elements, outermost first.
    articles: Vec<usize>,
}

impl OpenStack {
    fn len(&self) -> usize {
        self.stack.len()
    }

    fn push(&mut self, open: Open) {
        let at = self.stack.len();
        self.by_name.entry(open.name.clone()).or_default().push(at);
        if open.p_boundary {
            self.p_boundaries.push(at);
        }
        if let Some(n) = open.article {
            self.articles.push(n);
        }
        self.stack.push(open);
    }

    fn pop(&mut self) -> Option<Open> {
        let open = self.stack.pop()?;
        if let Some(positions) = self.by_name.get_mut(&open.name) {
            positions.pop();
        }
        if open.p_boundary {
            self.p_boundaries.pop();
        }
        if open.article.is_some() {
            self.articles.pop();
        }
        Some(open)
    }

    /// The stack position of the innermost open element named one of `names`.
    fn topmost(&self, names: &[&str]) -> Option<usize> {
        names
            .iter()
            .filter_map(|n| self.by_name.get(*n).and_then(|v| v.last().copied()))
            .max()
    }

    fn is_open(&self, name: &str) -> bool {
        self.by_name.get(name).is_some_and(|v| !v.is_empty())
    }

    /// The outermost open `<article>`.
    fn outer_article(&self) -> Option<usize> {
        self.articles.first().copied()
    }
}

#[derive(Default)]
struct Extractor {
    open: OpenStack,
    dropped_depth: usize,
    header_depth: usize,
    dropped_elements: usize,
    articles: usize,
    title: Option<String>,
    title_buf: Option<String>,
    buf: String,
    /// Whether `buf` holds anything but whitespace yet.
    buf_started: bool,
    buf_article: Option<usize>,
    buf_h1: bool,
    buf_in_header: bool,
    blocks: Vec<Block>,
}

impl Extractor {
    fn text(&mut self, s: &str) {
        if self.dropped_depth > 0 {
            return;
        }
        if let Some(title) = self.title_buf.as_mut() {
            title.push_str(s);
            return;
        }
        // The paragraph belongs where its first visible character is.
        if !self.buf_started && !s.chars().all(char::is_whitespace) {
            self.buf_started = true;
            self.buf_article = self.open.outer_article();
            self.buf_h1 = self.open.is_open("h1");
            self.buf_in_header = self.header_depth > 0;
        }
        self.buf.push_str(s);
    }

    fn flush(&mut self) {
        if self.buf.is_empty() {
            return;
        }
        if let Some(text) = normalise(&self.buf) {
            self.blocks.push(Block {
                text,
                article: self.buf_article,
                h1: self.buf_h1,
                in_header: self.buf_in_header,
            });
        }
        self.buf.clear();
        self.buf_started = false;
    }

    fn pop(&mut self) {
        let Some(open) = self.open.pop() else { return };
        if open.dropped {
            self.dropped_depth -= 1;
        }
        if open.header {
            self.header_depth -= 1;
        }
        if open.title {
            if let Some(raw) = self.title_buf.take() {
                let cleaned: String = raw.chars().filter(|&c| !is_removed_control(c)).collect();
                self.title = normalise(&cleaned);
            }
        }
    }

    /// Closes every open element from stack position `at` up.
    fn close_from(&mut self, at: usize) {
        while self.open.len() > at {
            self.pop();
        }
    }

    /// Closes the innermost open `targets` element (and anything open inside it), unless the
    /// element at stack position `boundary` lies inside it.
    fn close_implied(&mut self, targets: &[&str], boundary: Option<usize>) {
        if let Some(at) = self.open.topmost(targets) {
            if boundary.is_none_or(|b| b < at) {
                self.close_from(at);
            }
        }
    }

    fn start(&mut self, tag: &StartTag<()>) {
        let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
        let name = name.as_str();
        let is_block = BLOCK_TAGS.contains(&name);

        // The end tags HTML lets authors leave out.
        let implied: Option<(&[&str], &[&str])> = match name {
            "li" => Some((&["li"], &["ul", "ol", "menu", "table"])),
            "dt" | "dd" => Some((&["dt", "dd"], &["dl", "table"])),
            "tr" => Some((&["tr"], &["table", "tbody", "thead", "tfoot"])),
            "td" | "th" => Some((&["td", "th"], &["tr", "table"])),
            "option" => Some((&["option"], &["select"])),
            _ => None,
        };
        if let Some((targets, boundaries)) = implied {
            self.close_implied(targets, self.open.topmost(boundaries));
        }
        if is_block && name != "br" {
            // A block start closes an open <p>, unless another block lies in between.
            self.close_implied(&["p"], self.open.p_boundaries.last().copied());
        }

        if is_block {
            self.flush();
        } else if matches!(name, "td" | "th") {
            self.text(" ");
        }
        if VOID_TAGS.contains(&name) || tag.self_closing {
            return;
        }

        let noise = if self.dropped_depth > 0 {
            Noise::None
        } else if DROPPED_TAGS.contains(&name) {
            Noise::Drop
        } else {
            // <header>/<footer> are page furniture at page level; inside an article, main or
            // section they hold the headline and byline.
            let page_level = self.open.topmost(&["article", "main", "section"]).is_none();
            let by_tag = match name {
                "header" if page_level => Noise::Header,
                "footer" if page_level => Noise::Drop,
                _ => Noise::None,
            };
            let by_attributes = if NEVER_CLASS_DROPPED.contains(&name) {
                Noise::None
            } else {
                attribute_noise(&tag.attributes)
            };
            by_tag.max(by_attributes)
        };
        let dropped = noise == Noise::Drop;
        // A header inside a header adds nothing.
        let header = noise == Noise::Header && self.header_depth == 0;
        let article = (name == "article" && self.dropped_depth == 0 && !dropped).then(|| {
            self.articles += 1;
            self.articles
        });
        let title = name == "title"
            && self.dropped_depth == 0
            && !dropped
            && self.title.is_none()
            && self.title_buf.is_none();
        if dropped {
            self.dropped_depth += 1;
            self.dropped_elements += 1;
        }
        if header {
            self.header_depth += 1;
            self.dropped_elements += 1;
        }
        if title {
            self.title_buf = Some(String::new());
        }
        self.open.push(Open {
            name: name.to_string(),
            dropped,
            header,
            article,
            title,
            p_boundary: ends_paragraph_search(name),
        });
    }

    fn end(&mut self, raw_name: &[u8]) {
        let name = String::from_utf8_lossy(raw_name).to_ascii_lowercase();
        if BLOCK_TAGS.contains(&name.as_str()) {
            self.flush();
        } else if matches!(name.as_str(), "td" | "th") {
            self.text(" ");
        }
        if let Some(at) = self.open.topmost(&[name.as_str()]) {
            self.close_from(at);
        }
    }

    fn finish(mut self) -> (String, HtmlReport) {
        self.flush();
        self.close_from(0);
        self.flush();

        // The <article> with the most text, if any.
        let mut sizes: BTreeMap<usize, usize> = BTreeMap::new();
        for block in &self.blocks {
            if let Some(a) = block.article {
                *sizes.entry(a).or_default() += block.text.chars().count();
            }
        }
        let chosen = sizes
            .iter()
            .max_by_key(|&(&id, &size)| (size, std::cmp::Reverse(id)))
            .map(|(&id, _)| id);

        // The headline: the first <h1> outside page headers, else the first inside one (sites
        // that wrap the headline in a <header>).
        let headline = self
            .blocks
            .iter()
            .position(|b| b.h1 && !b.in_header)
            .or_else(|| self.blocks.iter().position(|b| b.h1));

        let mut paragraphs: Vec<String> = self.title.iter().cloned().collect();
        match chosen {
            Some(id) => {
                let inside = |b: &&Block| b.article == Some(id) && !b.in_header;
                if !self.blocks.iter().filter(inside).any(|b| b.h1) {
                    if let Some(i) = headline {
                        paragraphs.push(self.blocks[i].text.clone());
                    }
                }
                paragraphs.extend(self.blocks.iter().filter(inside).map(|b| b.text.clone()));
            }
            None => paragraphs.extend(
                self.blocks
                    .iter()
                    .enumerate()
                    .filter(|&(i, b)| !b.in_header || Some(i) == headline)
                    .map(|(_, b)| b.text.clone()),
            ),
        }
        if paragraphs.len() >= 2 && paragraphs[0] == paragraphs[1] && self.title.is_some() {
            paragraphs.remove(1);
        }

        let report = HtmlReport {
            title: self.title,
            paragraphs: paragraphs.len(),
            dropped_elements: self.dropped_elements,
            from_article: chosen.is_some(),
        };
        (paragraphs.join("\n\n"), report)
    }
}

/// Extracts the readable text of an HTML page: paragraphs joined with a blank line, no trailing
/// newline.
pub(crate) fn extract(html: &str) -> (String, HtmlReport) {
    let mut emitter = DefaultEmitter::default();
    // Script, style, title, textarea … content is tokenized as text, as a browser would.
    emitter.naively_switch_states(true);
    let mut extractor = Extractor::default();
    for token in Tokenizer::new_with_emitter(html, emitter) {
        let token = match token {
            Ok(token) => token,
            Err(never) => match never {},
        };
        match token {
            Token::StartTag(tag) => extractor.start(&tag),
            Token::EndTag(tag) => extractor.end(&tag.name),
            Token::String(s) => extractor.text(&String::from_utf8_lossy(&s.value)),
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    extractor.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        extract(html).0
    }

    #[test]
    fn detects_html() {
        assert!(looks_like_html("\u{FEFF}  <!DOCTYPE html><html>"));
        assert!(looks_like_html("<HTML><body>"));
        assert!(looks_like_html("some junk\n<p>نص</p>"));
        assert!(!looks_like_html("قال الوزير إن ١ < ٢ و ٣ > ٢"));
        assert!(!looks_like_html("<headline> is not a tag we know"));
    }

    #[test]
    fn class_words() {
        assert_eq!(words("mainNav-top_bar"), ["main", "nav", "top", "bar"]);
        for noisy in [
            "nav",
            "navbar",
            "site-nav",
            "topnav",
            "main-menu",
            "submenu",
            "footer",
            "sidebar-left",
            "comments",
            "share-buttons",
            "social",
            "related-posts",
            "advertisement",
            "ad-slot",
            "ads",
            "cookie-banner",
            "breadcrumb",
            "newsletter-signup",
            "siteHeader",
        ] {
            assert!(is_noise_token(noisy), "{noisy} should be noise");
        }
        for content in [
            "headline",
            "article-header",
            "entry-header",
            "article-body",
            "has-sidebar",
            "is-shared",
            "downloads",
            "loads",
            "shareholders",
            "reading",
            "commentary",
            "thread",
            "advanced",
            "header-title",
        ] {
            assert!(!is_noise_token(content), "{content} should not be noise");
        }
    }

    #[test]
    fn paragraphs_and_whitespace() {
        let html = "<html><head><title> عنوان\n الخبر </title></head><body>\
            <p>  الفقرة   الأولى\n\tهنا </p><p>الثانية<br>بعد السطر</p>\
            <ul><li>بند<li>بند آخر</ul><div>نص&nbsp;مع مسافة</div></body></html>";
        assert_eq!(
            text(html),
            "عنوان الخبر\n\nالفقرة الأولى هنا\n\nالثانية\n\nبعد السطر\n\nبند\n\nبند آخر\n\nنص\u{A0}مع مسافة"
        );
    }

    #[test]
    fn unclosed_paragraphs() {
        assert_eq!(text("<p>أ<p>ب<p>ج"), "أ\n\nب\n\nج");
        assert_eq!(text("<p><b>أ</b> ب<div>ج</div>"), "أ ب\n\nج");
    }

    #[test]
    fn inline_elements_do_not_break() {
        assert_eq!(
            text("<p>قال <a href=x>الوزير</a> <strong>اليوم</strong>: نعم</p>"),
            "قال الوزير اليوم: نعم"
        );
    }

    #[test]
    fn drops_boilerplate() {
        let html = "<body><nav>الرئيسية</nav><div class='share-bar'>شارك</div>\
            <p>نص<span class=\"ad\">إعلان</span> الخبر</p><script>var a = '<p>x</p>';</script>\
            <style>p{}</style><div hidden>مخفي</div><div style='display: none'>مخفي</div>\
            <footer>حقوق</footer></body>";
        let (text, report) = extract(html);
        assert_eq!(text, "نص الخبر");
        assert_eq!(report.dropped_elements, 8);
        assert!(!report.from_article);
    }

    #[test]
    fn prefers_the_largest_article() {
        let html = "<title>عنوان</title><h1>العنوان الرئيسي</h1><p>مقدمة الموقع</p>\
            <article><header><h2>فرعي</h2></header><p>نص المقال الطويل هنا</p></article>\
            <article><p>قصير</p></article>";
        let (text, report) = extract(html);
        assert_eq!(
            text,
            "عنوان\n\nالعنوان الرئيسي\n\nفرعي\n\nنص المقال الطويل هنا"
        );
        assert!(report.from_article);
        assert_eq!(report.paragraphs, 4);
    }

    #[test]
    fn headline_in_a_page_header_survives() {
        let html = "<title>عنوان</title><header class='entry-header'><a href=/>الرئيسية</a>\
            <h1>العنوان الكبير</h1></header><div class='entry-content'><p>نص</p></div>\
            <div class='tags'>وسوم</div>";
        let (out, report) = extract(html);
        assert_eq!(out, "عنوان\n\nالعنوان الكبير\n\nنص");
        assert_eq!(report.dropped_elements, 2);
        // A logo in an <h1> inside the site header loses to the real headline.
        let html = "<header id=masthead><h1 class=logo>الموقع</h1><p>شعار</p></header>\
            <h1>الخبر</h1><p>نص</p>";
        assert_eq!(text(html), "الخبر\n\nنص");
    }

    #[test]
    fn title_not_repeated() {
        assert_eq!(text("<title>خبر</title><h1>خبر</h1><p>نص</p>"), "خبر\n\nنص");
    }

    /// Deep nesting: 100,000 levels of each shape that used to make every tag scan the whole
    /// stack of open elements (blocks, inline elements under table cells, stray end tags,
    /// whitespace between inline tags). The output is checked; the time is in the benches.
    #[test]
    fn deep_nesting() {
        const N: usize = 100_000;
        let para = "<p>قال الوزير إن العراق يرفض.</p>";
        let divs = format!("{}{para}{}", "<div>".repeat(N), "</div>".repeat(N));
        assert_eq!(text(&divs), "قال الوزير إن العراق يرفض.");

        let cells = format!(
            "<table><tr>{}{}</table><p>بعد</p>",
            "<span>".repeat(N),
            "<td>خلية".repeat(1000)
        );
        let out = text(&cells);
        assert!(out.starts_with("خلية خلية"), "{}", &out[..40]);
        assert!(out.ends_with("\n\nبعد"));

        let stray = format!("{}<p>نص</p>{}", "<div>".repeat(N), "</span>".repeat(N));
        assert_eq!(text(&stray), "نص");

        let spaces = format!("<p>أول{}آخر</p>", "<b> </b>".repeat(N));
        assert_eq!(text(&spaces), "أول آخر");

        let articles = format!(
            "<p>مقدمة</p>{}<p>نص المقال</p>{}",
            "<article><section>".repeat(N / 2),
            "</section></article>".repeat(N / 2)
        );
        let (out, report) = extract(&articles);
        assert_eq!(out, "نص المقال");
        assert!(report.from_article);
    }

    #[test]
    fn tables() {
        assert_eq!(
            text("<table><tr><td>أ<td>ب<tr><td>ج</td><td>د</td></tr></table>"),
            "أ ب\n\nج د"
        );
    }
}
