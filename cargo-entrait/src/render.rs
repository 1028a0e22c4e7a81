//! The graph as Mermaid, Graphviz DOT, JSON or SVG.

use std::fmt::Write;

use crate::graph::{EdgeKind, Graph, Node, TypeRole};
use crate::model::Model;

/// Nodes grouped by package, packages in model order.
fn by_package(model: &Model, g: &Graph) -> Vec<(usize, Vec<usize>)> {
    let mut out: Vec<(usize, Vec<usize>)> = Vec::new();
    for p in 0..model.packages.len() {
        let nodes: Vec<usize> = (0..g.nodes.len())
            .filter(|&n| g.nodes[n].package == p)
            .collect();
        if !nodes.is_empty() {
            out.push((p, nodes));
        }
    }
    out
}

fn mermaid_text(s: &str) -> String {
    s.replace('"', "#quot;")
        .replace('<', "#lt;")
        .replace('>', "#gt;")
}

fn mermaid_node(n: &Node) -> String {
    let label = format!(
        "\"<b>{}</b><br/><i>{}</i>\"",
        mermaid_text(&n.name),
        mermaid_text(&n.detail)
    );
    match n.role {
        None => format!("{}[{label}]", n.id),
        Some(TypeRole::App) => format!("{}{{{{{label}}}}}", n.id),
        Some(TypeRole::Implementor) => format!("{}({label})", n.id),
        Some(TypeRole::Leaf) => format!("{}[({label})]", n.id),
    }
}

/// Mermaid `flowchart`, one subgraph per crate.
pub fn mermaid(model: &Model, g: &Graph) -> String {
    let mut out = String::from("flowchart TD\n");
    for (p, nodes) in by_package(model, g) {
        let name = &model.packages[p].name;
        let id: String = name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        let _ = writeln!(out, "    subgraph crate_{id}[\"{}\"]", mermaid_text(name));
        for n in nodes {
            let _ = writeln!(out, "        {}", mermaid_node(&g.nodes[n]));
        }
        out.push_str("    end\n");
    }
    for e in &g.edges {
        let (from, to) = (&g.nodes[e.from].id, &g.nodes[e.to].id);
        let label = mermaid_text(&e.label);
        let line = match e.kind {
            EdgeKind::Needs => format!("{from} --> {to}"),
            EdgeKind::ImplementedBy => format!("{from} -.->|\"{label}\"| {to}"),
            EdgeKind::SelectedBy => format!("{from} ==>|\"{label}\"| {to}"),
            EdgeKind::Leaf => format!("{from} -.->|\"{label}\"| {to}"),
        };
        let _ = writeln!(out, "    {line}");
    }
    out
}

fn dot_text(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// Graphviz DOT, one cluster per crate.
pub fn dot(model: &Model, g: &Graph) -> String {
    let mut out = String::from(
        "digraph entrait {\n    rankdir=TB;\n    node [fontname=\"Helvetica\", fontsize=11];\n    edge [fontname=\"Helvetica\", fontsize=9];\n",
    );
    for (i, (p, nodes)) in by_package(model, g).into_iter().enumerate() {
        let _ = writeln!(
            out,
            "    subgraph cluster_{i} {{\n        label=\"{}\";\n        style=rounded;",
            dot_text(&model.packages[p].name)
        );
        for n in nodes {
            let n = &g.nodes[n];
            let shape = match n.role {
                None => "box",
                Some(TypeRole::App) => "hexagon",
                Some(TypeRole::Implementor) => "ellipse",
                Some(TypeRole::Leaf) => "cylinder",
            };
            let _ = writeln!(
                out,
                "        {} [label=\"{}\\n{}\", shape={shape}];",
                n.id,
                dot_text(&n.name),
                dot_text(&n.detail)
            );
        }
        out.push_str("    }\n");
    }
    for e in &g.edges {
        let (from, to) = (&g.nodes[e.from].id, &g.nodes[e.to].id);
        let attrs = match e.kind {
            EdgeKind::Needs => String::new(),
            EdgeKind::ImplementedBy | EdgeKind::Leaf => {
                format!(" [style=dashed, label=\"{}\"]", dot_text(&e.label))
            }
            EdgeKind::SelectedBy => format!(" [style=bold, label=\"{}\"]", dot_text(&e.label)),
        };
        let _ = writeln!(out, "    {from} -> {to}{attrs};");
    }
    out.push_str("}\n");
    out
}

/// JSON: `{"crates": […], "nodes": […], "edges": […]}`, every node and edge with its place.
pub fn json(model: &Model, g: &Graph) -> String {
    use serde_json::{json, Value};
    let place = |loc: Option<&crate::model::Loc>| -> Value {
        match loc {
            Some(l) => json!({
                "file": model.files[l.file].display,
                "line": l.line,
                "column": l.col,
            }),
            None => Value::Null,
        }
    };
    let nodes: Vec<Value> = g
        .nodes
        .iter()
        .map(|n| {
            json!({
                "id": n.id,
                "name": n.name,
                "kind": match n.role {
                    None => "trait",
                    Some(TypeRole::App) => "application",
                    Some(TypeRole::Implementor) => "implementation",
                    Some(TypeRole::Leaf) => "leaf deps type",
                },
                "detail": n.detail,
                "crate": model.packages[n.package].name,
                "at": place(n.loc.as_ref()),
            })
        })
        .collect();
    let edges: Vec<Value> = g
        .edges
        .iter()
        .map(|e| {
            json!({
                "from": g.nodes[e.from].id,
                "to": g.nodes[e.to].id,
                "kind": e.kind.as_str(),
                "label": e.label,
                "at": place(Some(&e.loc)),
            })
        })
        .collect();
    let crates: Vec<&str> = model.packages.iter().map(|p| p.name.as_str()).collect();
    let mut s = serde_json::to_string_pretty(&json!({
        "crates": crates,
        "nodes": nodes,
        "edges": edges,
    }))
    .unwrap_or_default();
    s.push('\n');
    s
}

/// A self-contained SVG, laid out by `layout-rs` (no graphviz needed). Every node is a
/// `<g class="node …" id="…">`.
pub fn svg(model: &Model, g: &Graph) -> String {
    use layout::backends::svg::SVGWriter;
    use layout::core::base::Orientation;
    use layout::core::color::Color;
    use layout::core::style::{LineStyleKind, StyleAttr};
    use layout::std_shapes::render::get_shape_size;
    use layout::std_shapes::shapes::{Arrow, Element, LineEndKind, ShapeKind};
    use layout::topo::layout::VisualGraph;

    let dir = Orientation::TopToBottom;
    let mut vg = VisualGraph::new(dir);
    let mut handles = Vec::new();
    for n in &g.nodes {
        let label = format!(
            "{}\n{}\n[{}]",
            n.name, n.detail, model.packages[n.package].name
        );
        let (shape, fill, class) = match n.role {
            None => (ShapeKind::new_box(&label), 0xdde9_f7ff_u32, "node trait"),
            Some(TypeRole::App) => (
                ShapeKind::new_box(&label),
                0xfde2_c4ff,
                "node type application",
            ),
            Some(TypeRole::Implementor) => (
                ShapeKind::new_circle(&label),
                0xe2f4_dcff,
                "node type implementation",
            ),
            Some(TypeRole::Leaf) => (ShapeKind::new_circle(&label), 0xeeee_eeff, "node type leaf"),
        };
        let rounded = usize::from(n.role == Some(TypeRole::App)) * 12;
        let look = StyleAttr::new(
            Color::new(0x3333_33ff),
            1,
            Some(Color::new(fill)),
            rounded,
            13,
        );
        let size = get_shape_size(dir, &shape, look.font_size, false);
        let props = format!("class=\"{class}\" id=\"{}\"", n.id);
        handles.push(vg.add_node(Element::create_with_properties(
            shape, look, dir, size, props,
        )));
    }
    for e in &g.edges {
        let style = match e.kind {
            EdgeKind::Needs => LineStyleKind::Normal,
            EdgeKind::ImplementedBy | EdgeKind::Leaf => LineStyleKind::Dashed,
            EdgeKind::SelectedBy => LineStyleKind::Dotted,
        };
        let width = if e.kind == EdgeKind::SelectedBy { 2 } else { 1 };
        let look = StyleAttr::new(Color::new(0x4444_44ff), width, None, 0, 10);
        let mut arrow = Arrow::new(
            LineEndKind::None,
            LineEndKind::Arrow,
            style,
            &e.label,
            &look,
            &None,
            &None,
        );
        arrow.properties = Some(format!(
            "class=\"edge {}\"",
            e.kind.as_str().replace(' ', "-")
        ));
        vg.add_edge(arrow, handles[e.from], handles[e.to]);
    }
    let mut w = SVGWriter::new();
    if !g.nodes.is_empty() {
        vg.do_it(false, false, false, &mut w);
    }
    let mut out = w.finalize();
    // A white background, so the picture reads the same on a dark page.
    if let Some(start) = out.find("<svg ") {
        if let Some(end) = out[start..].find('>') {
            let at = start + end + 1;
            out.insert_str(
                at,
                "\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>",
            );
        }
    }
    out
}
