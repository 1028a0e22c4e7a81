//! The check: cycles, and for each application type every trait it needs but does not
//! provide. Also the walk behind `explain`.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use petgraph::graph::{DiGraph, NodeIndex};

use crate::graph::{app_types, type_key, EdgeKind, Graph, NodeKey, TypeRole};
use crate::model::{Deps, Loc, Mode, Model, TraitKind};

/// One annotated place of a diagnostic; the first of a diagnostic is the primary one.
#[derive(Clone, Debug)]
pub struct Label {
    pub loc: Loc,
    pub text: String,
}

#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub title: String,
    pub labels: Vec<Label>,
    pub notes: Vec<String>,
    pub help: Vec<String>,
}

/// An application type and the traits it is used through.
#[derive(Clone, Debug)]
pub struct App {
    pub key: NodeKey,
    pub name: String,
    pub first_use: Loc,
    /// Traits called on `Impl<App>`, with a place that uses the application there.
    pub roots: Vec<(usize, Loc)>,
}

/// The application types of the selected packages (test code included), each with its roots.
pub fn apps(model: &Model) -> Vec<App> {
    let selected: BTreeSet<usize> = model.selected.iter().copied().collect();
    let mut out = Vec::new();
    for (key, (name, first_use)) in app_types(model, true) {
        // Scopes where the application is used: `Impl<App>` written there, or a call of a
        // function that returns it.
        // Scope → (a place the application is used there, whether calls on receivers of
        // unknown type count: not when the only use is `Impl::new(X …).f()`).
        let mut scopes: BTreeMap<usize, (Loc, bool)> = BTreeMap::new();
        for u in &model.app_uses {
            if type_key(model, &u.app, &u.loc) == key {
                let e = scopes
                    .entry(u.scope)
                    .or_insert_with(|| (u.loc.clone(), false));
                e.1 |= !u.temporary;
            }
        }
        if !scopes
            .keys()
            .any(|&s| selected.contains(&model.files[model.scopes[s].file].package))
        {
            continue;
        }
        for f in &model.app_fns {
            let fn_scope = &model.scopes[f.scope];
            let at = Loc {
                file: fn_scope.file,
                line: 0,
                col: 0,
                bytes: 0..0,
            };
            if type_key(model, &f.app, &at) != key {
                continue;
            }
            let first = scopes
                .get(&f.scope)
                .map_or_else(|| first_use.clone(), |(l, _)| l.clone());
            for (s, scope) in model.scopes.iter().enumerate() {
                if scope.fn_calls.contains(&f.name) && model.sees(scope.file, fn_scope.file) {
                    scopes.entry(s).or_insert_with(|| (first.clone(), true)).1 = true;
                }
            }
        }
        let mut roots: Vec<(usize, Loc)> = Vec::new();
        for (&s, (used_at, general)) in &scopes {
            let scope = &model.scopes[s];
            let module = &model.scopes[scope.parent.unwrap_or(s)];
            let at = Loc {
                file: scope.file,
                line: 0,
                col: 0,
                bytes: 0..0,
            };
            for (t, def) in model.traits.iter().enumerate() {
                if !(module.glob || module.names.contains(&def.name)) {
                    continue;
                }
                let called = |m: &String| {
                    (*general && scope.method_calls.contains(m))
                        || scope.app_calls.contains(&(name.clone(), m.clone()))
                };
                if !def.methods.iter().any(called) {
                    continue;
                }
                if model.trait_named(&def.name, &at) != Some(t) {
                    continue;
                }
                if !roots.iter().any(|(r, _)| *r == t) {
                    roots.push((t, used_at.clone()));
                }
            }
        }
        out.push(App {
            key,
            name,
            first_use,
            roots,
        });
    }
    out
}

/// One step of how `Impl<App>` gets a trait, for `explain`.
#[derive(Clone, Debug)]
pub struct Step {
    pub text: String,
    pub children: Vec<Step>,
}

struct Via {
    loc: Loc,
    text: String,
    path: Vec<String>,
}

struct Walk<'m> {
    model: &'m Model,
    app: &'m App,
    seen: HashSet<usize>,
    problems: Vec<Diagnostic>,
}

impl Walk<'_> {
    fn at(&self, loc: &Loc) -> String {
        self.model.at(loc)
    }

    fn is_app(&self, name: &str, loc: &Loc) -> bool {
        type_key(self.model, name, loc) == self.app.key
    }

    fn problem(
        &mut self,
        title: String,
        via: &Via,
        extra: Vec<Label>,
        help: String,
        notes: Vec<String>,
    ) {
        let mut labels = vec![Label {
            loc: via.loc.clone(),
            text: via.text.clone(),
        }];
        labels.extend(extra);
        if !labels.iter().any(|l| l.loc == self.app.first_use) && via.loc != self.app.first_use {
            labels.push(Label {
                loc: self.app.first_use.clone(),
                text: format!("`Impl<{}>` is used here", self.app.name),
            });
        }
        let mut notes = notes;
        if via.path.len() > 1 {
            notes.insert(
                0,
                format!(
                    "`Impl<{}>` needs it through {}",
                    self.app.name,
                    via.path
                        .iter()
                        .map(|p| format!("`{p}`"))
                        .collect::<Vec<_>>()
                        .join(" → ")
                ),
            );
        }
        self.problems.push(Diagnostic {
            title,
            labels,
            notes,
            help: vec![help],
        });
    }

    fn needs(&mut self, needs: &[crate::model::Need], owner: &str, path: &[String]) -> Vec<Step> {
        let mut out = Vec::new();
        let mut listed = HashSet::new();
        for need in needs {
            let Some(u) = self.model.trait_named(&need.name, &need.loc) else {
                continue;
            };
            if !listed.insert(u) {
                continue;
            }
            let mut p = path.to_vec();
            p.push(self.model.traits[u].name.clone());
            let via = Via {
                loc: need.loc.clone(),
                text: format!("`{}` needs `{}`", need.function, self.model.traits[u].name),
                path: p,
            };
            let _ = owner;
            let child = self.get(u, &via);
            out.push(Step {
                text: format!(
                    "needs `{}` at {}",
                    self.model.traits[u].name,
                    self.at(&need.loc)
                ),
                children: vec![child],
            });
        }
        out
    }

    /// How `Impl<App>` gets trait `t`; records a problem when it does not.
    #[allow(clippy::too_many_lines)]
    fn get(&mut self, t: usize, via: &Via) -> Step {
        let model = self.model;
        let def = &model.traits[t];
        let name = def.name.clone();
        let app = self.app.name.clone();
        if !self.seen.insert(t) {
            return Step {
                text: format!("`{name}` (see above)"),
                children: vec![],
            };
        }
        // A hand impl on the application, or a blanket one, provides any trait.
        for h in &model.hand_impls {
            if model.trait_named(&h.trait_name, &h.loc) == Some(t)
                && (h.blanket || self.is_app(&h.self_ty, &h.loc))
            {
                let what = if h.blanket {
                    format!(
                        "`{name}`: a blanket `impl {} for T` at {}",
                        h.trait_name,
                        self.at(&h.loc)
                    )
                } else {
                    format!(
                        "`{name}`: `impl {} for {app}` at {}",
                        h.trait_name,
                        self.at(&h.loc)
                    )
                };
                return Step {
                    text: what,
                    children: vec![],
                };
            }
        }
        match &def.kind {
            TraitKind::Fn { .. } | TraitKind::Module { .. } => {
                let what = match &def.kind {
                    TraitKind::Fn { function } => format!("fn `{function}`"),
                    TraitKind::Module { module } => format!("mod `{module}`"),
                    _ => unreachable!(),
                };
                match &def.deps {
                    Deps::Generic(needs) => {
                        let children = self.needs(needs, &name, &via.path);
                        Step {
                            text: format!("`{name}`: implemented for every type with what {what} needs, at {}", self.at(&def.loc)),
                            children,
                        }
                    }
                    Deps::None => Step {
                        text: format!(
                            "`{name}`: implemented for every type ({what} has no deps), at {}",
                            self.at(&def.loc)
                        ),
                        children: vec![],
                    },
                    Deps::Concrete {
                        ty,
                        name: ty_name,
                        loc,
                        function,
                    } => {
                        if self.is_app(ty_name, loc) {
                            Step {
                                text: format!("`{name}`: leaf {what} on `{ty}`, the application itself, at {}", self.at(loc)),
                                children: vec![],
                            }
                        } else {
                            self.problem(
                                format!("`Impl<{app}>` cannot call `{function}` (trait `{name}`): it is a leaf on `{ty}`, not on `{app}`"),
                                via,
                                vec![Label {
                                    loc: loc.clone(),
                                    text: format!("`{function}` takes `&{ty}` as its dependencies"),
                                }],
                                format!("build the application as `Impl<{ty_name}>`, write `impl {name} for {app}`, or make `{function}` generic (`deps: &impl …`)"),
                                vec![],
                            );
                            Step {
                                text: format!(
                                    "`{name}`: MISSING: leaf {what} on `{ty}`, not on `{app}` ({})",
                                    self.at(loc)
                                ),
                                children: vec![],
                            }
                        }
                    }
                }
            }
            TraitKind::Hand | TraitKind::Trait(Mode::SelfImpl) => {
                let declared = if def.kind == TraitKind::Hand {
                    format!("`{name}` is a plain trait: the application implements it")
                } else {
                    format!("`#[entrait]` on a trait means `delegate_by = Self`: `Impl<{app}>` calls `{app}`'s own impl")
                };
                self.problem(
                    format!("`{app}` does not implement `{name}`"),
                    via,
                    vec![Label {
                        loc: def.loc.clone(),
                        text: declared,
                    }],
                    format!("write `impl {name} for {app} {{ … }}`"),
                    vec![],
                );
                Step {
                    text: format!(
                        "`{name}`: MISSING: `impl {name} for {app}` (declared at {})",
                        self.at(&def.loc)
                    ),
                    children: vec![],
                }
            }
            TraitKind::Trait(Mode::Ref { dyn_name }) => {
                let found: Vec<&crate::model::AsRefImpl> = model
                    .as_refs
                    .iter()
                    .filter(|a| {
                        self.is_app(&a.app, &a.loc)
                            && model.trait_named(&a.dyn_trait, &a.loc) == Some(t)
                    })
                    .collect();
                if let Some(a) = found.iter().find(|a| &a.dyn_trait == dyn_name) {
                    let via_field = a
                        .field
                        .as_deref()
                        .map(|f| format!(" ({f})"))
                        .unwrap_or_default();
                    return Step {
                        text: format!("`{name}`: lent out by `impl AsRef<dyn {dyn_name}> for {app}`{via_field} at {}", self.at(&a.loc)),
                        children: vec![],
                    };
                }
                let mut notes = vec![];
                let mut extra = vec![Label {
                    loc: def.loc.clone(),
                    text: format!("`{name}` is delegated by reference (`delegate_by = ref`)"),
                }];
                if let Some(wrong) = found.first() {
                    extra.push(Label {
                        loc: wrong.loc.clone(),
                        text: format!("this lends out `dyn {}`", wrong.dyn_trait),
                    });
                    notes.push(format!(
                        "`{name}` has async methods, so `Impl<{app}>` delegates through its dyn-compatible companion `{dyn_name}`"
                    ));
                }
                self.problem(
                    format!("`{app}` lends out no `dyn {dyn_name}` for `{name}`"),
                    via,
                    extra,
                    format!("write `impl AsRef<dyn {dyn_name}> for {app} {{ fn as_ref(&self) -> &dyn {dyn_name} {{ … }} }}`"),
                    notes,
                );
                Step {
                    text: format!("`{name}`: MISSING: `impl AsRef<dyn {dyn_name}> for {app}`"),
                    children: vec![],
                }
            }
            TraitKind::Trait(Mode::Selector {
                impl_trait,
                delegate,
            }) => {
                let sel = model.selections.iter().find(|s| {
                    self.is_app(&s.app, &s.loc) && model.trait_named(&s.delegate, &s.loc) == Some(t)
                });
                let candidates: Vec<&crate::model::ImplBlock> = model
                    .impls
                    .iter()
                    .filter(|b| !b.by_ref && model.trait_named(&b.impl_trait, &b.loc) == Some(t))
                    .collect();
                if let Some(sel) = sel {
                    let target_key = type_key(model, &sel.target, &sel.loc);
                    let mut children = Vec::new();
                    if let Some(b) = candidates
                        .iter()
                        .find(|b| type_key(model, &b.self_ty, &b.loc) == target_key)
                    {
                        let needs = self.needs(&b.needs, &sel.target, &via.path);
                        children.push(Step {
                            text: format!(
                                "`{}`: `#[entrait] impl {impl_trait} for {}` at {}",
                                sel.target,
                                b.self_ty,
                                self.at(&b.loc)
                            ),
                            children: needs,
                        });
                    }
                    return Step {
                        text: format!("`{name}`: delegated to `{}` by `impl {delegate}<Self> for {app}` at {}", sel.target, self.at(&sel.loc)),
                        children,
                    };
                }
                let target = match candidates.as_slice() {
                    [one] => one.self_ty.clone(),
                    _ => "…".to_string(),
                };
                let notes = if candidates.is_empty() {
                    vec![format!("no `#[entrait] impl {impl_trait} for …` was found: write one, then select it")]
                } else {
                    candidates
                        .iter()
                        .map(|b| {
                            format!(
                                "`{}` implements `{impl_trait}` at {}",
                                b.self_ty,
                                self.at(&b.loc)
                            )
                        })
                        .collect()
                };
                self.problem(
                    format!("`{app}` selects no implementation of `{name}`"),
                    via,
                    vec![Label {
                        loc: def.loc.clone(),
                        text: format!("`{name}` is delegated through `{delegate}`"),
                    }],
                    format!(
                        "write `impl {delegate}<Self> for {app} {{ type Target = {target}; }}`"
                    ),
                    notes,
                );
                Step {
                    text: format!("`{name}`: MISSING: `impl {delegate}<Self> for {app}`"),
                    children: vec![],
                }
            }
            TraitKind::Trait(Mode::RefInverted { impl_trait }) => {
                let found = model.as_refs.iter().find(|a| {
                    self.is_app(&a.app, &a.loc)
                        && a.dyn_trait == *impl_trait
                        && model.trait_named(&a.dyn_trait, &a.loc) == Some(t)
                });
                let app_pkg = model.package_of(&self.app.first_use);
                let visible = model.visible(app_pkg);
                let mut candidates: Vec<&crate::model::ImplBlock> = model
                    .impls
                    .iter()
                    .filter(|b| {
                        b.by_ref
                            && model.trait_named(&b.impl_trait, &b.loc) == Some(t)
                            && visible.contains(&model.package_of(&b.loc))
                    })
                    .collect();
                // `&self.field` of a field whose type names an implementation: that one.
                if let (Some(a), NodeKey::Type(ty)) = (found, &self.app.key) {
                    let field = a.field.as_deref().and_then(|f| f.strip_prefix("self."));
                    let field_ty = field.and_then(|f| {
                        model.types[*ty]
                            .fields
                            .iter()
                            .find(|(n, _)| n == f)
                            .map(|(_, t)| t)
                    });
                    if let Some(field_ty) = field_ty {
                        let named: Vec<_> = candidates
                            .iter()
                            .copied()
                            .filter(|b| contains_word(field_ty, &b.self_ty))
                            .collect();
                        if !named.is_empty() {
                            candidates = named;
                        }
                    }
                }
                if let Some(a) = found {
                    let via_field = a
                        .field
                        .as_deref()
                        .map(|f| format!(" ({f})"))
                        .unwrap_or_default();
                    let mut children = Vec::new();
                    for b in candidates {
                        let needs = self.needs(&b.needs, &b.self_ty, &via.path);
                        children.push(Step {
                            text: format!(
                                "may be `{}`: `#[entrait(ref)] impl {impl_trait} for {}` at {}",
                                b.self_ty,
                                b.self_ty,
                                self.at(&b.loc)
                            ),
                            children: needs,
                        });
                    }
                    return Step {
                        text: format!("`{name}`: lent out by `impl AsRef<dyn {impl_trait}<Self>> for {app}`{via_field} at {}", self.at(&a.loc)),
                        children,
                    };
                }
                let notes = candidates
                    .iter()
                    .map(|b| {
                        format!(
                            "`{}` implements `{impl_trait}` at {}",
                            b.self_ty,
                            self.at(&b.loc)
                        )
                    })
                    .collect();
                self.problem(
                    format!("`{app}` lends out no `dyn {impl_trait}<{app}>` for `{name}`"),
                    via,
                    vec![Label {
                        loc: def.loc.clone(),
                        text: format!("`{name}` is delegated by reference to a `dyn {impl_trait}<App>`"),
                    }],
                    format!("write `impl AsRef<dyn {impl_trait}<Self>> for {app} {{ fn as_ref(&self) -> &dyn {impl_trait}<Self> {{ … }} }}`"),
                    notes,
                );
                Step {
                    text: format!(
                        "`{name}`: MISSING: `impl AsRef<dyn {impl_trait}<Self>> for {app}`"
                    ),
                    children: vec![],
                }
            }
        }
    }
}

/// What `Impl<App>` provides itself: the traits it selects or implements (their
/// implementations' needs must hold too).
fn provided(model: &Model, app: &App) -> Vec<(usize, Loc)> {
    let mut out: Vec<(usize, Loc)> = Vec::new();
    let mut add = |t: Option<usize>, loc: &Loc| {
        if let Some(t) = t {
            if !out.iter().any(|(u, _)| *u == t) {
                out.push((t, loc.clone()));
            }
        }
    };
    for s in &model.selections {
        if type_key(model, &s.app, &s.loc) == app.key {
            add(model.trait_named(&s.delegate, &s.loc), &s.loc);
        }
    }
    for a in &model.as_refs {
        if type_key(model, &a.app, &a.loc) == app.key {
            add(model.trait_named(&a.dyn_trait, &a.loc), &a.loc);
        }
    }
    out
}

/// Every wiring problem of every application type.
pub fn check_apps(model: &Model, apps: &[App]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for app in apps {
        let mut w = Walk {
            model,
            app,
            seen: HashSet::new(),
            problems: Vec::new(),
        };
        let mut roots = app.roots.clone();
        for p in provided(model, app) {
            if !roots.iter().any(|(r, _)| *r == p.0) {
                roots.push(p);
            }
        }
        for (t, loc) in roots {
            let name = model.traits[t].name.clone();
            let via = Via {
                loc,
                text: format!("`Impl<{}>` is used through `{name}` here", app.name),
                path: vec![name],
            };
            w.get(t, &via);
        }
        out.extend(w.problems);
    }
    out
}

/// `explain`: how `Impl<App>` gets trait `t`.
pub fn explain(model: &Model, app: &App, t: usize) -> (Step, Vec<Diagnostic>) {
    let mut w = Walk {
        model,
        app,
        seen: HashSet::new(),
        problems: Vec::new(),
    };
    let name = model.traits[t].name.clone();
    let via = Via {
        loc: app.first_use.clone(),
        text: format!("`Impl<{}>` is used through `{name}` here", app.name),
        path: vec![name],
    };
    let step = w.get(t, &via);
    (step, w.problems)
}

/// Every cycle of "needs" (through `#[entrait] impl` blocks too), as the full ring.
pub fn cycles(model: &Model, g: &Graph) -> Vec<Diagnostic> {
    let mut pg: DiGraph<usize, usize> = DiGraph::new();
    let idx: Vec<NodeIndex> = (0..g.nodes.len()).map(|n| pg.add_node(n)).collect();
    for (i, e) in g.edges.iter().enumerate() {
        let through_impl = e.kind == EdgeKind::ImplementedBy
            && g.nodes[e.to].role == Some(TypeRole::Implementor)
            && e.label.starts_with("#[entrait");
        if e.kind == EdgeKind::Needs || through_impl {
            pg.add_edge(idx[e.from], idx[e.to], i);
        }
    }
    let mut out = Vec::new();
    let mut sccs = petgraph::algo::tarjan_scc(&pg);
    for scc in &mut sccs {
        scc.sort();
    }
    sccs.sort();
    for scc in sccs {
        let start = scc[0];
        let self_loop = pg.find_edge(start, start);
        if scc.len() == 1 && self_loop.is_none() {
            continue;
        }
        // Shortest ring through `start` inside the component (breadth first).
        let members: HashSet<NodeIndex> = scc.iter().copied().collect();
        let ring: Vec<usize> = if let Some(e) = self_loop {
            vec![pg[e]]
        } else {
            let mut prev: BTreeMap<NodeIndex, (NodeIndex, usize)> = BTreeMap::new();
            let mut queue = std::collections::VecDeque::from([start]);
            let mut done = false;
            while let Some(n) = queue.pop_front() {
                for er in pg.edges(n) {
                    use petgraph::visit::EdgeRef;
                    let m = er.target();
                    if !members.contains(&m) || prev.contains_key(&m) {
                        continue;
                    }
                    prev.insert(m, (n, *er.weight()));
                    if m == start {
                        done = true;
                        break;
                    }
                    queue.push_back(m);
                }
                if done {
                    break;
                }
            }
            let mut ring = Vec::new();
            let mut cur = start;
            while let Some(&(p, e)) = prev.get(&cur) {
                ring.push(e);
                cur = p;
                if cur == start {
                    break;
                }
            }
            ring.reverse();
            ring
        };
        if ring.is_empty() {
            continue;
        }
        let names: Vec<String> = ring
            .iter()
            .map(|&e| format!("`{}`", g.nodes[g.edges[e].from].name))
            .chain(std::iter::once(format!(
                "`{}`",
                g.nodes[g.edges[ring[0]].from].name
            )))
            .collect();
        let labels = ring
            .iter()
            .map(|&e| {
                let e = &g.edges[e];
                let (from, to) = (&g.nodes[e.from], &g.nodes[e.to]);
                let text = if e.kind == EdgeKind::Needs {
                    if from.is_trait() {
                        format!("`{}` ({}) needs `{}`", from.name, from.detail, to.name)
                    } else {
                        format!("`{}` needs `{}`", from.name, to.name)
                    }
                } else {
                    format!("`{}` is implemented by `{}`", from.name, to.name)
                };
                Label {
                    loc: e.loc.clone(),
                    text,
                }
            })
            .collect();
        let places = ring
            .iter()
            .map(|&e| {
                let e = &g.edges[e];
                format!(
                    "`{}` → `{}` at {}",
                    g.nodes[e.from].name,
                    g.nodes[e.to].name,
                    model.at(&e.loc)
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        out.push(Diagnostic {
            title: format!("cycle in the entrait graph: {}", names.join(" → ")),
            labels,
            notes: vec![
                format!("the ring: {places}"),
                "rustc reports a cycle only as E0599 (no method found) or E0275 (overflow evaluating the requirement) where a method of the ring is called".into(),
            ],
            help: vec!["break the ring: one of these functions must not need the next trait (move the shared part into a new function that both call)".into()],
        });
    }
    out
}

/// The traits the check walks to for an application type.
pub fn reached(model: &Model, app: &App) -> HashSet<usize> {
    let mut w = Walk {
        model,
        app,
        seen: HashSet::new(),
        problems: Vec::new(),
    };
    let mut roots = app.roots.clone();
    roots.extend(provided(model, app));
    for (t, loc) in roots {
        let via = Via {
            loc,
            text: String::new(),
            path: vec![],
        };
        w.get(t, &via);
    }
    w.seen
}

fn contains_word(text: &str, word: &str) -> bool {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .any(|w| w == word)
}
