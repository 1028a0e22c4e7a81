//! The dependency graph: traits and types as nodes, "needs", "implemented by", "selected by"
//! and leaf edges between them.

use std::collections::{BTreeMap, HashMap};

use crate::model::{Deps, Loc, Model, TraitKind};

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NodeKey {
    Trait(usize),
    /// A type defined in the workspace (index into `Model::types`).
    Type(usize),
    /// A type not found in the workspace: package seen from, name.
    Foreign(usize, String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum TypeRole {
    /// `Impl<App>` is built from it.
    App,
    /// It implements an inverted trait (`#[entrait] impl XImpl for T`) or an entrait trait by hand.
    Implementor,
    /// The concrete deps type of a leaf function.
    Leaf,
}

#[derive(Clone, Debug)]
pub struct Node {
    pub key: NodeKey,
    /// Stable, unique, safe as an identifier in Mermaid and DOT.
    pub id: String,
    pub name: String,
    /// What it is: `fn f`, `mod m`, `trait, delegate_by = ref`, `application`, …
    pub detail: String,
    pub package: usize,
    pub loc: Option<Loc>,
    pub role: Option<TypeRole>,
}

impl Node {
    pub fn is_trait(&self) -> bool {
        matches!(self.key, NodeKey::Trait(_))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EdgeKind {
    Needs,
    ImplementedBy,
    SelectedBy,
    Leaf,
}

impl EdgeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::Needs => "needs",
            EdgeKind::ImplementedBy => "implemented by",
            EdgeKind::SelectedBy => "selected by",
            EdgeKind::Leaf => "leaf",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub kind: EdgeKind,
    pub label: String,
    pub loc: Loc,
}

#[derive(Debug, Default)]
pub struct Graph {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    index: HashMap<NodeKey, usize>,
}

impl Graph {
    pub fn node(&self, key: &NodeKey) -> Option<usize> {
        self.index.get(key).copied()
    }

    pub fn out_edges(&self, n: usize) -> impl Iterator<Item = &Edge> {
        self.edges.iter().filter(move |e| e.from == n)
    }
}

/// The key of the type named `name` where it is written at `from`.
pub fn type_key(model: &Model, name: &str, from: &Loc) -> NodeKey {
    match model.type_named(name, from) {
        Some(t) => NodeKey::Type(t),
        None => NodeKey::Foreign(model.package_of(from), name.to_string()),
    }
}

fn ident(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

struct Builder<'m> {
    model: &'m Model,
    g: Graph,
    tests: bool,
}

impl Builder<'_> {
    fn trait_node(&mut self, t: usize) -> usize {
        let key = NodeKey::Trait(t);
        if let Some(&n) = self.g.index.get(&key) {
            return n;
        }
        let def = &self.model.traits[t];
        let package = self.model.package_of(&def.loc);
        let node = Node {
            key: key.clone(),
            id: String::new(),
            name: def.name.clone(),
            detail: def.kind_label(),
            package,
            loc: Some(def.loc.clone()),
            role: None,
        };
        self.push(key, node)
    }

    fn type_node(&mut self, name: &str, from: &Loc, role: TypeRole) -> usize {
        let key = type_key(self.model, name, from);
        if let Some(&n) = self.g.index.get(&key) {
            let node = &mut self.g.nodes[n];
            // The strongest role wins: an application is shown as one.
            if node.role.is_none_or(|r| role < r) {
                node.role = Some(role);
                node.detail = role_label(role).into();
            }
            return n;
        }
        let (package, loc) = match &key {
            NodeKey::Type(t) => {
                let loc = self.model.types[*t].loc.clone();
                (self.model.package_of(&loc), Some(loc))
            }
            _ => (self.model.package_of(from), None),
        };
        let node = Node {
            key: key.clone(),
            id: String::new(),
            name: name.to_string(),
            detail: role_label(role).into(),
            package,
            loc,
            role: Some(role),
        };
        self.push(key, node)
    }

    fn push(&mut self, key: NodeKey, node: Node) -> usize {
        self.g.nodes.push(node);
        let n = self.g.nodes.len() - 1;
        self.g.index.insert(key, n);
        n
    }

    fn edge(&mut self, from: usize, to: usize, kind: EdgeKind, label: String, loc: &Loc) {
        if self
            .g
            .edges
            .iter()
            .any(|e| e.from == from && e.to == to && e.kind == kind && e.label == label)
        {
            return;
        }
        self.g.edges.push(Edge {
            from,
            to,
            kind,
            label,
            loc: loc.clone(),
        });
    }

    fn keep(&self, in_test: bool) -> bool {
        self.tests || !in_test
    }
}

fn role_label(role: TypeRole) -> &'static str {
    match role {
        TypeRole::App => "application",
        TypeRole::Implementor => "implementation",
        TypeRole::Leaf => "dependencies of a leaf",
    }
}

/// Builds the graph. `tests`: also what is only in test code (`#[cfg(test)]`, test targets).
pub fn build(model: &Model, tests: bool) -> Graph {
    let mut b = Builder {
        model,
        g: Graph::default(),
        tests,
    };
    // Traits in source order.
    let mut order: Vec<usize> = (0..model.traits.len()).collect();
    order.sort_by_key(|&t| {
        let l = &model.traits[t].loc;
        (model.package_of(l), l.file, l.line, l.col)
    });
    for &t in &order {
        if b.keep(model.traits[t].in_test) {
            b.trait_node(t);
        }
    }
    for &t in &order {
        let def = &model.traits[t];
        if !b.keep(def.in_test) {
            continue;
        }
        let from = b.trait_node(t);
        match &def.deps {
            Deps::Generic(needs) => {
                for need in needs {
                    if let Some(u) = model.trait_named(&need.name, &need.loc) {
                        if !b.keep(model.traits[u].in_test) {
                            continue;
                        }
                        let to = b.trait_node(u);
                        b.edge(from, to, EdgeKind::Needs, String::new(), &need.loc);
                    }
                }
            }
            Deps::Concrete { ty, name, loc, .. } => {
                let to = b.type_node(name, loc, TypeRole::Leaf);
                b.edge(from, to, EdgeKind::Leaf, format!("deps: &{ty}"), loc);
            }
            Deps::None => {}
        }
    }
    for block in &model.impls {
        if !b.keep(block.in_test) {
            continue;
        }
        let Some(t) = model.trait_named(&block.impl_trait, &block.loc) else {
            continue;
        };
        let from = b.trait_node(t);
        let to = b.type_node(&block.self_ty, &block.loc, TypeRole::Implementor);
        let how = if block.by_ref {
            "#[entrait(ref)] impl"
        } else {
            "#[entrait] impl"
        };
        b.edge(from, to, EdgeKind::ImplementedBy, how.into(), &block.loc);
        for need in &block.needs {
            if let Some(u) = model.trait_named(&need.name, &need.loc) {
                let n = b.trait_node(u);
                b.edge(to, n, EdgeKind::Needs, String::new(), &need.loc);
            }
        }
    }
    // Application types.
    let apps = app_types(model, tests);
    for (key, (name, loc)) in &apps {
        let _ = key;
        b.type_node(name, loc, TypeRole::App);
    }
    let is_app =
        |b: &Builder, name: &str, loc: &Loc| apps.contains_key(&type_key(b.model, name, loc));
    for h in &model.hand_impls {
        if !b.keep(h.in_test) || h.blanket {
            continue;
        }
        let Some(t) = model.trait_named(&h.trait_name, &h.loc) else {
            continue;
        };
        let from = b.trait_node(t);
        let app = is_app(&b, &h.self_ty, &h.loc);
        let role = if app {
            TypeRole::App
        } else {
            TypeRole::Implementor
        };
        let to = b.type_node(&h.self_ty, &h.loc, role);
        let label = format!("impl {}", h.trait_name);
        let kind = if app {
            EdgeKind::SelectedBy
        } else {
            EdgeKind::ImplementedBy
        };
        b.edge(from, to, kind, label, &h.loc);
    }
    for s in &model.selections {
        if !b.keep(s.in_test) {
            continue;
        }
        let Some(t) = model.trait_named(&s.delegate, &s.loc) else {
            continue;
        };
        let from = b.trait_node(t);
        let to = b.type_node(&s.app, &s.loc, TypeRole::App);
        b.edge(
            from,
            to,
            EdgeKind::SelectedBy,
            format!("{}: {}", s.delegate, s.target),
            &s.loc,
        );
    }
    for a in &model.as_refs {
        if !b.keep(a.in_test) {
            continue;
        }
        let Some(t) = model.trait_named(&a.dyn_trait, &a.loc) else {
            continue;
        };
        let from = b.trait_node(t);
        let to = b.type_node(&a.app, &a.loc, TypeRole::App);
        let via = a
            .field
            .as_deref()
            .map(|f| format!(": {f}"))
            .unwrap_or_default();
        b.edge(
            from,
            to,
            EdgeKind::SelectedBy,
            format!("AsRef<dyn {}>{via}", a.dyn_trait),
            &a.loc,
        );
    }
    // Stable ids: package, kind, name; numbered when a name repeats.
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for n in &mut b.g.nodes {
        let pkg = ident(&model.packages[n.package].name);
        let base = if n.is_trait() {
            format!("{pkg}__{}", ident(&n.name))
        } else {
            format!("{pkg}__ty_{}", ident(&n.name))
        };
        let count = seen.entry(base.clone()).or_insert(0);
        *count += 1;
        n.id = if *count == 1 {
            base
        } else {
            format!("{base}_{count}")
        };
    }
    b.g
}

/// The application types: the `T` of every `Impl<T>` / `Impl::new(T …)` found, with the first
/// place each is used.
pub fn app_types(model: &Model, tests: bool) -> BTreeMap<NodeKey, (String, Loc)> {
    let mut out: BTreeMap<NodeKey, (String, Loc)> = BTreeMap::new();
    for u in &model.app_uses {
        if !tests && model.scopes[u.scope].in_test {
            continue;
        }
        let key = type_key(model, &u.app, &u.loc);
        if let NodeKey::Type(t) = key {
            if !tests && model.types[t].in_test {
                continue;
            }
        }
        out.entry(key)
            .or_insert_with(|| (u.app.clone(), u.loc.clone()));
    }
    out
}

/// Whether a trait kind is provided by the application itself (a hand impl is expected).
pub fn wants_hand_impl(kind: &TraitKind) -> bool {
    matches!(
        kind,
        TraitKind::Hand | TraitKind::Trait(crate::model::Mode::SelfImpl)
    )
}
