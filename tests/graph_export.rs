//! The graph outside the app: GraphML with the visual attributes Gephi reads (colour, size,
//! position), and the SVG and PNG pictures with Arabic labels, on the sample and on an article as
//! big as a 5 MB one (18,000 mentions of one actor).

use marsad::export::{self, ExportFormat};
use marsad::extract::annotate_text;
use marsad::graph::scene::{node_radius, NODE_RADIUS};
use marsad::graph::style::{actor_rgb, relation_rgb};
use marsad::graph::ActorGraph;
use marsad::model::{
    Actor, ActorKind, AnnotatedDocument, Relation, RelationType, SourceInfo, Span,
};
use std::collections::{BTreeMap, HashMap};

mod graph_fixtures;
use graph_fixtures::huge;

const SAMPLE: &str = include_str!("fixtures/israel-iraq-unsc-2024-11-19.txt");
const GRAPHML_NS: &str = "http://graphml.graphdrawing.org/xmlns";

fn sample() -> AnnotatedDocument {
    annotate_text(SAMPLE, SourceInfo::default())
}

/// Node and edge attributes by name (key ids resolved).
struct GraphMl {
    nodes: HashMap<String, HashMap<String, String>>,
    edges: Vec<(String, String, HashMap<String, String>)>,
}

fn read_graphml(doc: &AnnotatedDocument) -> GraphMl {
    let files = export::export(doc, ExportFormat::Graphml, "article");
    let xml = std::str::from_utf8(&files[0].bytes).expect("UTF-8");
    let parsed = roxmltree::Document::parse(xml).expect("well-formed");
    let root = parsed.root_element();
    let keys: HashMap<&str, &str> = root
        .children()
        .filter(|n| n.has_tag_name((GRAPHML_NS, "key")))
        .map(|k| {
            (
                k.attribute("id").unwrap(),
                k.attribute("attr.name").unwrap(),
            )
        })
        .collect();
    let data = |n: roxmltree::Node| -> HashMap<String, String> {
        n.children()
            .filter(|c| c.has_tag_name((GRAPHML_NS, "data")))
            .map(|d| {
                let name = keys[d.attribute("key").unwrap()];
                (name.to_string(), d.text().unwrap_or_default().to_string())
            })
            .collect()
    };
    let graph = root
        .children()
        .find(|n| n.has_tag_name((GRAPHML_NS, "graph")))
        .expect("a graph");
    let mut g = GraphMl {
        nodes: HashMap::new(),
        edges: Vec::new(),
    };
    for n in graph.children().filter(|n| n.is_element()) {
        match n.tag_name().name() {
            "node" => {
                g.nodes.insert(n.attribute("id").unwrap().into(), data(n));
            }
            "edge" => g.edges.push((
                n.attribute("source").unwrap().into(),
                n.attribute("target").unwrap().into(),
                data(n),
            )),
            _ => {}
        }
    }
    g
}

fn number(attrs: &HashMap<String, String>, name: &str) -> f32 {
    attrs
        .get(name)
        .unwrap_or_else(|| panic!("{name} present"))
        .parse()
        .unwrap_or_else(|_| panic!("{name} is a number"))
}

#[test]
fn graphml_carries_colour_size_and_position_for_gephi() {
    let mut doc = sample();
    let graph = ActorGraph::build(&doc);
    // A place the user chose for Israel: Gephi gets it, y pointing up.
    doc.presentation
        .graph_positions
        .insert("ISR".into(), [0.25, -0.1]);
    let g = read_graphml(&doc);
    assert_eq!(g.nodes.len(), graph.nodes.len());
    let isr = &g.nodes["ISR"];
    assert_eq!(
        (number(isr, "x"), number(isr, "y")),
        (250.0, 100.0),
        "the saved place, in Gephi's orientation"
    );
    let most = graph.nodes.iter().map(|n| n.mentions).max().unwrap();
    let mut places = Vec::new();
    for (rank, node) in graph.nodes.iter().enumerate() {
        let attrs = &g.nodes[&node.actor];
        let size = number(attrs, "size");
        assert!((size - node_radius(node.mentions, most, 1.0)).abs() < 0.06);
        let rgb = [number(attrs, "r"), number(attrs, "g"), number(attrs, "b")];
        assert_eq!(rgb, actor_rgb(rank).map(f32::from), "{}", node.actor);
        places.push((number(attrs, "x"), number(attrs, "y")));
    }
    for (i, a) in places.iter().enumerate() {
        for b in &places[i + 1..] {
            let d = ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
            assert!(d > 20.0, "two nodes at one place: {a:?} {b:?}");
        }
    }
    assert_eq!(g.edges.len(), doc.relations.len());
    for ((_, _, attrs), r) in g.edges.iter().zip(&doc.relations) {
        let rgb = [number(attrs, "r"), number(attrs, "g"), number(attrs, "b")];
        assert_eq!(rgb, relation_rgb(r.kind).map(f32::from));
    }
    // A colour the document saved for an actor wins over its rank.
    doc.presentation.colours.insert("ISR".into(), 7);
    let g = read_graphml(&doc);
    assert_eq!(number(&g.nodes["ISR"], "r"), actor_rgb(7)[0] as f32);
}

#[test]
fn graphml_sizes_stay_bounded_on_a_huge_article() {
    let doc = huge();
    let g = read_graphml(&doc);
    let sizes: BTreeMap<&str, f32> = g
        .nodes
        .iter()
        .map(|(id, a)| (id.as_str(), number(a, "size")))
        .collect();
    assert!((sizes["ISR"] - NODE_RADIUS.1).abs() < 0.06, "{sizes:?}");
    assert!((sizes["HAMAS"] - NODE_RADIUS.0).abs() < 0.06, "{sizes:?}");
    assert!(sizes["IRQ"] > sizes["IRN"] && sizes["IRN"] > sizes["SYR"]);
    let weight = |s: &str, t: &str| -> f32 {
        g.edges
            .iter()
            .find(|(a, b, d)| a == s && b == t && d["type"] == "pressure")
            .map(|(_, _, d)| number(d, "weight"))
            .unwrap()
    };
    assert_eq!(weight("ISR", "IRQ"), 3_000.0);
}

#[test]
fn a_new_actor_leaves_every_other_place_as_it_was() {
    let doc = sample();
    let graph = ActorGraph::build(&doc);
    let mut saved = BTreeMap::new();
    let before = graph.place(&mut saved);
    // A correction adds an actor related to Israel.
    let mut corrected = doc.clone();
    corrected.actors.push(Actor {
        id: "X_PLATFORM".into(),
        name_en: "X (platform)".into(),
        name_ar: "منصة إكس".into(),
        kind: ActorKind::Media,
        affiliation: None,
        aliases: Vec::new(),
    });
    corrected.relations.push(Relation {
        source: "ISR".into(),
        target: "X_PLATFORM".into(),
        kind: RelationType::Statement,
        statements: Vec::new(),
        evidence: vec![Span::new(0, 5)],
    });
    let after_graph = ActorGraph::build(&corrected);
    let after = after_graph.place(&mut saved);
    for (n, node) in graph.nodes.iter().enumerate() {
        let m = after_graph.node_of(&node.actor).expect("still there");
        assert_eq!(before[n], after[m], "{} kept its place", node.actor);
    }
    assert!(saved.contains_key("X_PLATFORM"));
}

#[cfg(feature = "gui")]
mod pictures {
    use super::*;
    use marsad::graph::picture::{draw_graph, to_png, to_svg, PictureOptions, Role};
    use marsad::graph::style::Theme;

    fn picture_of(
        doc: &AnnotatedDocument,
        options: &PictureOptions,
    ) -> marsad::graph::picture::Picture {
        let graph = ActorGraph::build(doc);
        let positions = graph.place(&mut BTreeMap::new());
        let colours: Vec<[u8; 3]> = (0..graph.nodes.len()).map(actor_rgb).collect();
        draw_graph(
            doc,
            &graph,
            &positions,
            &colours,
            &marsad::graph::GraphFilter::default(),
            options,
        )
    }

    #[test]
    fn the_svg_names_every_node_edge_and_label_and_outlines_arabic() {
        let doc = sample();
        let graph = ActorGraph::build(&doc);
        let picture = picture_of(&doc, &PictureOptions::default());
        let svg = to_svg(&picture);
        let parsed = roxmltree::Document::parse(&svg).expect("well-formed SVG");
        let groups = |class: &str| -> Vec<roxmltree::Node> {
            parsed
                .descendants()
                .find(|n| n.attribute("class") == Some(class))
                .unwrap_or_else(|| panic!("{class} group"))
                .children()
                .filter(|n| n.is_element())
                .collect()
        };
        assert_eq!(groups("nodes").len(), graph.nodes.len());
        assert_eq!(
            groups("edges").len(),
            graph.edges.len(),
            "one arrow per pair and direction"
        );
        let labels = groups("labels");
        let names: Vec<&str> = labels
            .iter()
            .filter_map(|g| g.attribute("aria-label"))
            .collect();
        assert!(
            names.contains(&"إسرائيل") && names.contains(&"العراق"),
            "{names:?}"
        );
        assert_eq!(
            labels.len(),
            graph.nodes.len(),
            "every label placed: {names:?}"
        );
        for label in &labels {
            let glyphs = label
                .children()
                .rfind(|n| n.has_tag_name("path"))
                .and_then(|p| p.attribute("d"))
                .expect("glyph outlines");
            assert!(glyphs.matches('M').count() >= 2, "{glyphs}");
            // Every coordinate lies inside the picture.
            for v in glyphs
                .split(|c: char| c.is_ascii_alphabetic() || c == ' ')
                .filter_map(|t| t.parse::<f32>().ok())
            {
                assert!((0.0..=1200.0).contains(&v), "{v} outside");
            }
        }
        assert!(svg.contains("Israel -&gt; Iraq") || svg.contains("Israel -> Iraq"));
    }

    #[test]
    fn the_png_is_the_picture_at_twice_the_size() {
        let doc = sample();
        let picture = picture_of(&doc, &PictureOptions::default());
        let bytes = to_png(&picture, 2.0).expect("encodes");
        let look = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("graph_sample.png");
        std::fs::write(look, &bytes).expect("saved for a look");
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder.read_info().expect("a PNG");
        let mut pixels = vec![0; reader.output_buffer_size().expect("size")];
        let info = reader.next_frame(&mut pixels).expect("pixels");
        assert_eq!((info.width, info.height), (2400, 1600));
        // Each label's box has dark glyph pixels on its light plate.
        for item in picture.items.iter().filter(|i| i.role == Role::Label) {
            let plate = &item.shapes[item.shapes.len() - 2].path;
            let corners: Vec<[f32; 2]> = plate.iter().filter_map(|s| s.end()).collect();
            let (x0, x1) = corners
                .iter()
                .fold((f32::MAX, f32::MIN), |(a, b), p| (a.min(p[0]), b.max(p[0])));
            let (y0, y1) = corners
                .iter()
                .fold((f32::MAX, f32::MIN), |(a, b), p| (a.min(p[1]), b.max(p[1])));
            let mut ink = 0;
            for y in (y0 * 2.0) as usize..(y1 * 2.0) as usize {
                for x in (x0 * 2.0) as usize..(x1 * 2.0) as usize {
                    let at = (y * info.width as usize + x) * 3;
                    if pixels[at] < 100 && pixels[at + 1] < 100 && pixels[at + 2] < 100 {
                        ink += 1;
                    }
                }
            }
            assert!(ink > 40, "label {} has ink: {ink}", item.title);
        }
    }

    #[test]
    fn the_dark_picture_keeps_labels_readable() {
        let doc = sample();
        let options = PictureOptions {
            theme: Theme::DARK,
            arabic: false,
            ..PictureOptions::default()
        };
        let picture = picture_of(&doc, &options);
        assert_eq!(picture.background, Theme::DARK.background);
        let text_fill = picture
            .items
            .iter()
            .filter(|i| i.role == Role::Label)
            .map(|i| i.shapes.last().and_then(|s| s.fill).expect("glyphs filled"))
            .next()
            .expect("labels");
        assert!(marsad::graph::style::contrast(text_fill.rgb, Theme::DARK.halo) > 7.0);
    }

    #[test]
    fn a_huge_article_draws_bounded_discs() {
        let doc = huge();
        let picture = picture_of(&doc, &PictureOptions::default());
        for item in picture.items.iter().filter(|i| i.role == Role::Node) {
            let circle = &item.shapes[0].path;
            let xs: Vec<f32> = circle
                .iter()
                .filter_map(|s| s.end())
                .map(|p| p[0])
                .collect();
            let diameter = xs.iter().copied().fold(f32::MIN, f32::max)
                - xs.iter().copied().fold(f32::MAX, f32::min);
            let scale = PictureOptions::default().scale;
            assert!(
                diameter <= 2.0 * NODE_RADIUS.1 * scale + 0.1,
                "{}: {diameter}",
                item.title
            );
        }
    }
}
