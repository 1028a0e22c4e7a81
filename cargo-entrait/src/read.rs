//! Reads a workspace's source, never building it: `cargo metadata` for the packages and their
//! targets, `syn` for each crate's module tree.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::visit::Visit;
use syn::{
    Attribute, Expr, FnArg, GenericParam, Generics, ImplItem, Item, Meta, Type, TypeParamBound,
    UseTree, Visibility, WherePredicate,
};

use crate::model::{
    AppFn, AppUse, AsRefImpl, Crate, Deps, HandImpl, ImplBlock, Loc, Mode, Model, Need, Package,
    Scope, Selection, SourceFile, TraitDef, TraitKind, TypeDef, Warning,
};

/// Where to read from: like cargo's own `--manifest-path` and `-p`.
#[derive(Debug, Default, Clone)]
pub struct Target {
    pub manifest_path: Option<PathBuf>,
    pub package: Option<String>,
}

/// A plain (not `#[entrait]`) trait of the workspace: becomes a node when a function needs it.
#[derive(Debug)]
struct PlainTrait {
    name: String,
    loc: Loc,
    methods: Vec<String>,
    in_test: bool,
}

/// Reads the workspace. Errors only when cargo itself cannot describe the workspace; every
/// problem with a single file or item is a warning in the model.
pub fn read(target: &Target) -> Result<Model, String> {
    let mut cmd = cargo_metadata::MetadataCommand::new();
    if let Some(path) = &target.manifest_path {
        cmd.manifest_path(path);
    }
    cmd.no_deps();
    cmd.other_options(vec!["--offline".to_string()]);
    let meta = cmd
        .exec()
        .map_err(|e| format!("`cargo metadata` failed: {e}"))?;
    let root = PathBuf::from(meta.workspace_root.as_std_path());
    let members = meta.workspace_packages();

    // Which packages were asked for.
    let index_of = |name: &str| members.iter().position(|p| p.name.as_str() == name);
    let selected: Vec<usize> = if let Some(name) = &target.package {
        match index_of(name) {
            Some(i) => vec![i],
            None => {
                let names: Vec<&str> = members.iter().map(|p| p.name.as_str()).collect();
                return Err(format!(
                    "package `{name}` is not a member of the workspace (members: {})",
                    names.join(", ")
                ));
            }
        }
    } else {
        let nearest = nearest_manifest(target.manifest_path.as_deref());
        let here = nearest.and_then(|m| {
            members
                .iter()
                .position(|p| same_file(p.manifest_path.as_std_path(), &m))
        });
        match here {
            Some(i)
                if !same_file(
                    members[i].manifest_path.as_std_path(),
                    &root.join("Cargo.toml"),
                ) =>
            {
                vec![i]
            }
            _ => (0..members.len()).collect(),
        }
    };

    // The selected packages and their workspace dependencies, in a stable order.
    let deps_of = |i: usize| -> Vec<usize> {
        let mut d: Vec<usize> = members[i]
            .dependencies
            .iter()
            .filter_map(|d| index_of(&d.name))
            .filter(|&j| j != i)
            .collect();
        d.sort_unstable();
        d.dedup();
        d
    };
    let mut load: Vec<usize> = selected.clone();
    let mut k = 0;
    while k < load.len() {
        for d in deps_of(load[k]) {
            if !load.contains(&d) {
                load.push(d);
            }
        }
        k += 1;
    }
    load.sort_by(|&a, &b| members[a].name.as_str().cmp(members[b].name.as_str()));
    let pos_in_load = |i: usize| load.iter().position(|&x| x == i).expect("loaded");

    let mut model = Model::default();
    for &i in &load {
        model.packages.push(Package {
            name: members[i].name.to_string(),
            deps: deps_of(i).into_iter().map(pos_in_load).collect(),
        });
    }
    model.selected = selected.iter().map(|&i| pos_in_load(i)).collect();

    let mut reader = Reader::new(&mut model, root);
    for (p, &i) in load.iter().enumerate() {
        let mut targets: Vec<_> = members[i]
            .targets
            .iter()
            .filter(|t| {
                !t.kind
                    .iter()
                    .any(|k| matches!(k, cargo_metadata::TargetKind::CustomBuild))
            })
            .collect();
        // Library first, then the rest by path, so the output does not depend on cargo's order.
        targets.sort_by_key(|t| {
            (
                !t.kind
                    .iter()
                    .any(|k| matches!(k, cargo_metadata::TargetKind::Lib)),
                t.src_path.clone(),
            )
        });
        for t in targets {
            let test_target = t.kind.iter().any(|k| {
                matches!(
                    k,
                    cargo_metadata::TargetKind::Test
                        | cargo_metadata::TargetKind::Bench
                        | cargo_metadata::TargetKind::Example
                )
            });
            let path = t.src_path.as_std_path().to_path_buf();
            let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
            let is_lib = t.kind.iter().any(|k| {
                matches!(
                    k,
                    cargo_metadata::TargetKind::Lib
                        | cargo_metadata::TargetKind::RLib
                        | cargo_metadata::TargetKind::ProcMacro
                )
            });
            reader.model.crates.push(Crate { package: p, is_lib });
            let krate = reader.model.crates.len() - 1;
            reader.file(&path, &dir, (p, krate), test_target, None);
        }
    }
    let plain = reader.finish();
    model.index();
    resolve_hand_traits(&mut model, plain);
    model.index();
    Ok(model)
}

/// Plain traits that some function needs become `Hand` nodes.
fn resolve_hand_traits(model: &mut Model, plain: Vec<PlainTrait>) {
    let mut needed: Vec<(String, Loc)> = Vec::new();
    for t in &model.traits {
        if let Deps::Generic(needs) = &t.deps {
            needed.extend(needs.iter().map(|n| (n.name.clone(), n.loc.clone())));
        }
    }
    for b in &model.impls {
        needed.extend(b.needs.iter().map(|n| (n.name.clone(), n.loc.clone())));
    }
    let mut added: HashSet<usize> = HashSet::new();
    for (name, from) in needed {
        if model.trait_named(&name, &from).is_some() {
            continue;
        }
        let found = model.resolve(
            &from,
            plain
                .iter()
                .enumerate()
                .filter(|(_, t)| t.name == name)
                .map(|(i, t)| (&t.loc, i)),
        );
        if let Some(i) = found {
            if added.insert(i) {
                let t = &plain[i];
                model.traits.push(TraitDef {
                    name: t.name.clone(),
                    kind: TraitKind::Hand,
                    loc: t.loc.clone(),
                    deps: Deps::None,
                    methods: t.methods.clone(),
                    has_async: false,
                    in_test: t.in_test,
                });
            }
        }
    }
}

fn nearest_manifest(given: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = given {
        return Some(p.to_path_buf());
    }
    let mut dir = std::env::current_dir().ok()?;
    loop {
        let m = dir.join("Cargo.toml");
        if m.is_file() {
            return Some(m);
        }
        if !dir.pop() {
            return None;
        }
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

const MACROS: [&str; 4] = [
    "entrait",
    "entrait_export",
    "entrait_unimock",
    "entrait_export_unimock",
];

/// Per-file knowledge: which attribute names mean `#[entrait]`, and `use … as` renames.
#[derive(Default)]
struct FileNames {
    entrait: HashSet<String>,
    renames: HashMap<String, String>,
}

#[derive(Clone)]
struct Ctx {
    file: usize,
    /// Where `mod x;` looks for `x.rs` / `x/mod.rs`.
    mod_dir: PathBuf,
    /// What `#[path = "…"] mod x;` is relative to: the file's directory at its top level,
    /// the module's directory inside an inline module.
    path_dir: PathBuf,
    scope: usize,
    in_test: bool,
}

struct Reader<'m> {
    model: &'m mut Model,
    root: PathBuf,
    seen: HashSet<PathBuf>,
    names: FileNames,
    plain: Vec<PlainTrait>,
    started: Instant,
    tty: bool,
    shown: bool,
}

impl<'m> Reader<'m> {
    fn new(model: &'m mut Model, root: PathBuf) -> Self {
        Reader {
            model,
            root,
            seen: HashSet::new(),
            names: FileNames::default(),
            plain: Vec::new(),
            started: Instant::now(),
            tty: std::io::stderr().is_terminal(),
            shown: false,
        }
    }

    fn finish(self) -> Vec<PlainTrait> {
        if self.shown {
            eprint!("\r\x1b[K");
        }
        self.plain
    }

    fn display(&self, path: &Path) -> String {
        let rel = path.strip_prefix(&self.root).unwrap_or(path);
        rel.to_string_lossy().replace('\\', "/")
    }

    fn warn(&mut self, message: String, loc: Option<Loc>, path: Option<String>) {
        self.model.warnings.push(Warning { message, loc, path });
    }

    fn progress(&mut self, display: &str) {
        if self.tty && self.started.elapsed() > Duration::from_millis(300) {
            self.shown = true;
            eprint!(
                "\r\x1b[K     Reading {display} ({} read so far)",
                self.model.files.len()
            );
        }
    }

    /// Reads one file of a module tree. `parent` is where it was declared, for warnings.
    fn file(
        &mut self,
        path: &Path,
        mod_dir: &Path,
        (package, krate): (usize, usize),
        test_target: bool,
        parent: Option<(Loc, bool)>,
    ) {
        let key = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        if !self.seen.insert(key) {
            return;
        }
        let display = self.display(path);
        self.progress(&display);
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                let (loc, _) = parent.clone().unzip();
                self.warn(
                    format!("cannot read {display}: {e}; the module is skipped"),
                    loc,
                    Some(display),
                );
                return;
            }
        };
        let in_test = parent.as_ref().is_some_and(|(_, t)| *t);
        let parsed = syn::parse_file(&text);
        self.model.files.push(SourceFile {
            display: display.clone(),
            text,
            package,
            test_target,
            krate,
        });
        let file = self.model.files.len() - 1;
        let ast = match parsed {
            Ok(ast) => ast,
            Err(e) => {
                let loc = self.loc(file, e.span());
                self.warn(
                    format!("{display} does not parse ({e}); the file is skipped"),
                    Some(loc),
                    None,
                );
                return;
            }
        };
        self.names = file_names(&ast.items);
        let scope = self.new_scope(file, in_test || test_target);
        let ctx = Ctx {
            file,
            mod_dir: mod_dir.to_path_buf(),
            path_dir: path.parent().map(Path::to_path_buf).unwrap_or_default(),
            scope,
            in_test: in_test || test_target,
        };
        self.items(&ast.items, &ctx);
    }

    fn new_scope(&mut self, file: usize, in_test: bool) -> usize {
        self.model.scopes.push(Scope {
            file,
            in_test,
            ..Scope::default()
        });
        self.model.scopes.len() - 1
    }

    fn loc(&self, file: usize, span: Span) -> Loc {
        let start = span.start();
        let text = &self.model.files[file].text;
        let mut bytes = span.byte_range();
        if bytes.end > text.len() || bytes.start > bytes.end {
            bytes = 0..0;
        }
        Loc {
            file,
            line: start.line,
            col: start.column + 1,
            bytes,
        }
    }

    fn items(&mut self, items: &[Item], ctx: &Ctx) {
        for item in items {
            self.item(item, ctx);
        }
    }

    fn is_entrait(&self, attr: &Attribute) -> bool {
        let segs: Vec<String> = attr
            .path()
            .segments
            .iter()
            .map(|s| s.ident.to_string())
            .collect();
        match segs.as_slice() {
            [one] => self.names.entrait.contains(one) || MACROS.contains(&one.as_str()),
            [krate, m] => krate == "entrait" && MACROS.contains(&m.as_str()),
            _ => false,
        }
    }

    fn entrait_args(&self, attrs: &[Attribute]) -> Option<Args> {
        let attr = attrs.iter().find(|a| self.is_entrait(a))?;
        Some(match &attr.meta {
            Meta::List(list) => Args::parse(list.tokens.clone()),
            _ => Args::default(),
        })
    }

    fn orig(&self, name: String) -> String {
        self.names.renames.get(&name).cloned().unwrap_or(name)
    }

    #[allow(clippy::too_many_lines)]
    fn item(&mut self, item: &Item, ctx: &Ctx) {
        let in_test = ctx.in_test || cfg_test(item_attrs(item));
        let ctx = &Ctx {
            in_test,
            ..ctx.clone()
        };
        match item {
            Item::Fn(f) => {
                self.define(ctx, &f.sig.ident.to_string());
                if let Some(args) = self.entrait_args(&f.attrs) {
                    self.entrait_fn(f, &args, ctx);
                }
            }
            Item::Mod(m) => {
                self.define(ctx, &m.ident.to_string());
                let args = self.entrait_args(&m.attrs);
                if let Some(args) = &args {
                    self.entrait_mod(m, args, ctx);
                }
                let path_attr = path_attr(&m.attrs);
                match &m.content {
                    Some((_, items)) => {
                        let mod_dir = match &path_attr {
                            Some(p) => ctx.mod_dir.join(p),
                            None => ctx.mod_dir.join(m.ident.to_string()),
                        };
                        let scope = self.new_scope(ctx.file, in_test);
                        let inner = Ctx {
                            file: ctx.file,
                            path_dir: mod_dir.clone(),
                            mod_dir,
                            scope,
                            in_test,
                        };
                        self.items(items, &inner);
                    }
                    None => {
                        let name = m.ident.to_string();
                        let loc = self.loc(ctx.file, m.ident.span());
                        let (path, dir) = if let Some(p) = &path_attr {
                            let path = ctx.path_dir.join(p);
                            let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
                            (Some(path), dir)
                        } else {
                            let a = ctx.mod_dir.join(format!("{name}.rs"));
                            let b = ctx.mod_dir.join(&name).join("mod.rs");
                            if a.is_file() {
                                (Some(a), ctx.mod_dir.join(&name))
                            } else if b.is_file() {
                                (Some(b), ctx.mod_dir.join(&name))
                            } else {
                                (None, PathBuf::new())
                            }
                        };
                        match path {
                            Some(path) if path.is_file() => {
                                let names = std::mem::take(&mut self.names);
                                let f = &self.model.files[ctx.file];
                                let (package, krate) = (f.package, f.krate);
                                let test_target = f.test_target;
                                self.file(
                                    &path,
                                    &dir,
                                    (package, krate),
                                    test_target,
                                    Some((loc, in_test)),
                                );
                                self.names = names;
                            }
                            Some(path) => {
                                let shown = self.display(&path);
                                let file = self.model.files[ctx.file].display.clone();
                                self.warn(
                                    format!(
                                        "{file}: `#[path]` of module `{name}` names {shown}, which is not a file; the module is skipped"
                                    ),
                                    Some(loc),
                                    None,
                                );
                            }
                            None => {
                                let file = self.model.files[ctx.file].display.clone();
                                self.warn(
                                    format!(
                                        "{file}: no file for module `{name}` ({name}.rs or {name}/mod.rs); the module is skipped"
                                    ),
                                    Some(loc),
                                    None,
                                );
                            }
                        }
                    }
                }
                return;
            }
            Item::Trait(t) => {
                self.define(ctx, &t.ident.to_string());
                let methods: Vec<String> = t
                    .items
                    .iter()
                    .filter_map(|i| match i {
                        syn::TraitItem::Fn(f) => Some(f.sig.ident.to_string()),
                        _ => None,
                    })
                    .collect();
                let loc = self.loc(ctx.file, t.ident.span());
                if let Some(args) = self.entrait_args(&t.attrs) {
                    let name = t.ident.to_string();
                    let async_trait = t.attrs.iter().any(|a| {
                        a.path()
                            .segments
                            .last()
                            .is_some_and(|s| s.ident == "async_trait")
                    });
                    let has_async = !async_trait
                        && t.items.iter().any(
                            |i| matches!(i, syn::TraitItem::Fn(f) if f.sig.asyncness.is_some()),
                        );
                    let delegate = args.value("delegate_by");
                    let mode = match (delegate.as_deref(), &args.name) {
                        (None | Some("Self"), _) => Mode::SelfImpl,
                        (Some("ref"), Some(impl_trait)) => Mode::RefInverted {
                            impl_trait: impl_trait.clone(),
                        },
                        (Some("ref"), None) => Mode::Ref {
                            dyn_name: if has_async {
                                format!("Dyn{name}")
                            } else {
                                name.clone()
                            },
                        },
                        (Some(d), impl_trait) => Mode::Selector {
                            impl_trait: impl_trait.clone().unwrap_or_else(|| format!("{name}Impl")),
                            delegate: d.to_string(),
                        },
                    };
                    self.model.traits.push(TraitDef {
                        name,
                        kind: TraitKind::Trait(mode),
                        loc,
                        deps: Deps::None,
                        methods,
                        has_async,
                        in_test,
                    });
                } else {
                    self.plain.push(PlainTrait {
                        name: t.ident.to_string(),
                        loc,
                        methods,
                        in_test,
                    });
                }
            }
            Item::Impl(i) => self.impl_item(i, ctx),
            Item::Struct(s) => self.type_def(ctx, &s.ident, Some(&s.fields)),
            Item::Enum(e) => self.type_def(ctx, &e.ident, None),
            Item::Union(u) => self.type_def(ctx, &u.ident, None),
            Item::Type(t) => self.type_def(ctx, &t.ident, None),
            Item::Const(c) => self.define(ctx, &c.ident.to_string()),
            Item::Static(s) => self.define(ctx, &s.ident.to_string()),
            Item::Use(u) => {
                let mut names = Vec::new();
                let mut glob = false;
                use_leaves(&u.tree, &mut names, &mut glob);
                let scope = &mut self.model.scopes[ctx.scope];
                scope.names.extend(names);
                scope.glob |= glob;
                return;
            }
            Item::Macro(m) => {
                if mentions_entrait(&m.mac.tokens) {
                    let span = match &m.ident {
                        Some(name) => name.span(),
                        None => m
                            .mac
                            .path
                            .segments
                            .last()
                            .map_or_else(Span::call_site, |s| s.ident.span()),
                    };
                    let loc = self.loc(ctx.file, span);
                    let file = self.model.files[ctx.file].display.clone();
                    let mac = m.mac.path.to_token_stream().to_string().replace(' ', "");
                    let message = match &m.ident {
                        Some(name) => format!(
                            "{file}: macro `{name}` makes `#[entrait]` items; they are not read (the tool does not expand macros)"
                        ),
                        None => format!(
                            "{file}: the items made by `{mac}!` are not read (the tool does not expand macros)"
                        ),
                    };
                    self.warn(message, Some(loc), None);
                }
                return;
            }
            _ => {}
        }
        // Types, calls and nested items inside the item.
        let mut v = BodyVisitor {
            reader: self,
            ctx,
            generics: Vec::new(),
            self_ty: None,
            returning: None,
            fn_scope: None,
            pending: Vec::new(),
            locals: HashMap::new(),
            temp_call: None,
            temporary: false,
        };
        v.visit_item(item);
    }

    fn define(&mut self, ctx: &Ctx, name: &str) {
        self.model.scopes[ctx.scope].names.insert(name.to_string());
    }

    fn type_def(&mut self, ctx: &Ctx, ident: &syn::Ident, fields: Option<&syn::Fields>) {
        self.define(ctx, &ident.to_string());
        let loc = self.loc(ctx.file, ident.span());
        let fields = fields
            .map(|f| {
                f.iter()
                    .enumerate()
                    .map(|(i, f)| {
                        let name = f
                            .ident
                            .as_ref()
                            .map_or_else(|| i.to_string(), ToString::to_string);
                        (name, tokens_text(&f.ty))
                    })
                    .collect()
            })
            .unwrap_or_default();
        self.model.types.push(TypeDef {
            name: ident.to_string(),
            loc,
            in_test: ctx.in_test,
            fields,
        });
    }

    fn entrait_fn(&mut self, f: &syn::ItemFn, args: &Args, ctx: &Ctx) {
        let fn_name = f.sig.ident.to_string();
        let loc = self.loc(ctx.file, f.sig.ident.span());
        let Some(name) = args.name.clone() else {
            self.warn(
                format!("`#[entrait]` on `fn {fn_name}` names no trait; the function is skipped"),
                Some(loc),
                None,
            );
            return;
        };
        self.define(ctx, &name);
        let deps = if args.flag("no_deps") {
            Deps::None
        } else {
            self.deps_of(&f.sig, &fn_name, ctx)
        };
        self.model.traits.push(TraitDef {
            name,
            kind: TraitKind::Fn {
                function: fn_name.clone(),
            },
            loc,
            deps,
            methods: vec![fn_name],
            has_async: f.sig.asyncness.is_some(),
            in_test: ctx.in_test,
        });
    }

    fn entrait_mod(&mut self, m: &syn::ItemMod, args: &Args, ctx: &Ctx) {
        let mod_name = m.ident.to_string();
        let loc = self.loc(ctx.file, m.ident.span());
        let Some(name) = args.name.clone() else {
            self.warn(
                format!("`#[entrait]` on `mod {mod_name}` names no trait; the module is skipped"),
                Some(loc),
                None,
            );
            return;
        };
        self.define(ctx, &name);
        let mut methods = Vec::new();
        let mut needs = Vec::new();
        let mut concrete = None;
        if let Some((_, items)) = &m.content {
            for item in items {
                let Item::Fn(f) = item else { continue };
                if matches!(f.vis, Visibility::Inherited) {
                    continue;
                }
                let fn_name = f.sig.ident.to_string();
                methods.push(fn_name.clone());
                if args.flag("no_deps") {
                    continue;
                }
                match self.deps_of(&f.sig, &fn_name, ctx) {
                    Deps::Generic(n) => needs.extend(n),
                    c @ Deps::Concrete { .. } => {
                        concrete.get_or_insert(c);
                    }
                    Deps::None => {}
                }
            }
        } else {
            self.warn(
                format!("`#[entrait] mod {mod_name};` has its functions in another file, which the macro cannot see either; skipped"),
                Some(loc.clone()),
                None,
            );
            return;
        }
        let deps = concrete.unwrap_or(if needs.is_empty() && args.flag("no_deps") {
            Deps::None
        } else {
            Deps::Generic(needs)
        });
        self.model.traits.push(TraitDef {
            name,
            kind: TraitKind::Module { module: mod_name },
            loc,
            deps,
            methods,
            has_async: false,
            in_test: ctx.in_test,
        });
    }

    /// The dependencies of an entrait-style function: its first parameter.
    fn deps_of(&mut self, sig: &syn::Signature, fn_name: &str, ctx: &Ctx) -> Deps {
        let Some(FnArg::Typed(first)) = sig.inputs.first() else {
            return Deps::None;
        };
        let mut ty = &*first.ty;
        loop {
            ty = match ty {
                Type::Reference(r) => &r.elem,
                Type::Paren(p) => &p.elem,
                Type::Group(g) => &g.elem,
                _ => break,
            };
        }
        match ty {
            Type::ImplTrait(it) => Deps::Generic(self.bounds(it.bounds.iter(), fn_name, ctx)),
            Type::Path(p)
                if p.qself.is_none()
                    && p.path.segments.len() == 1
                    && p.path.segments[0].arguments.is_empty()
                    && is_type_param(&sig.generics, &p.path.segments[0].ident) =>
            {
                let ident = &p.path.segments[0].ident;
                Deps::Generic(self.param_bounds(&sig.generics, ident, fn_name, ctx))
            }
            other => {
                let name = match other {
                    Type::Path(p) => p
                        .path
                        .segments
                        .last()
                        .map_or_else(String::new, |s| s.ident.to_string()),
                    _ => tokens_text(other),
                };
                let span = match other {
                    Type::Path(p) => p
                        .path
                        .segments
                        .last()
                        .map_or_else(Span::call_site, |s| s.ident.span()),
                    _ => first.colon_token.span,
                };
                Deps::Concrete {
                    ty: tokens_text(other),
                    name,
                    loc: self.loc(ctx.file, span),
                    function: fn_name.to_string(),
                }
            }
        }
    }

    fn param_bounds(
        &mut self,
        generics: &Generics,
        ident: &syn::Ident,
        fn_name: &str,
        ctx: &Ctx,
    ) -> Vec<Need> {
        let mut out = Vec::new();
        for p in &generics.params {
            if let GenericParam::Type(tp) = p {
                if &tp.ident == ident {
                    out.extend(self.bounds(tp.bounds.iter(), fn_name, ctx));
                }
            }
        }
        if let Some(w) = &generics.where_clause {
            for pred in &w.predicates {
                if let WherePredicate::Type(pt) = pred {
                    if let Type::Path(p) = &pt.bounded_ty {
                        if p.path.is_ident(ident) {
                            out.extend(self.bounds(pt.bounds.iter(), fn_name, ctx));
                        }
                    }
                }
            }
        }
        out
    }

    fn bounds<'a>(
        &mut self,
        bounds: impl Iterator<Item = &'a TypeParamBound>,
        fn_name: &str,
        ctx: &Ctx,
    ) -> Vec<Need> {
        let mut out = Vec::new();
        for b in bounds {
            if let TypeParamBound::Trait(tb) = b {
                if matches!(tb.modifier, syn::TraitBoundModifier::Maybe(_)) {
                    continue;
                }
                if let Some(seg) = tb.path.segments.last() {
                    let name = self.orig(seg.ident.to_string());
                    out.push(Need {
                        name,
                        loc: self.loc(ctx.file, seg.ident.span()),
                        function: fn_name.to_string(),
                    });
                }
            }
        }
        out
    }

    fn impl_item(&mut self, i: &syn::ItemImpl, ctx: &Ctx) {
        let Some((_, trait_path, _)) = &i.trait_ else {
            return;
        };
        let Some(seg) = trait_path.segments.last() else {
            return;
        };
        let trait_name = self.orig(seg.ident.to_string());
        let trait_loc = self.loc(ctx.file, seg.ident.span());
        let self_name = type_name(&i.self_ty);
        let generic_self = self_name
            .as_deref()
            .is_some_and(|n| i.generics.type_params().any(|p| p.ident == n));
        if let Some(args) = self.entrait_args(&i.attrs) {
            let Some(self_ty) = self_name else {
                self.warn(
                    format!(
                        "`#[entrait] impl {trait_name} for {}`: the implementing type is not a plain path; skipped",
                        tokens_text(&i.self_ty)
                    ),
                    Some(trait_loc),
                    None,
                );
                return;
            };
            let mut needs = Vec::new();
            for it in &i.items {
                if let ImplItem::Fn(f) = it {
                    if let Deps::Generic(n) = self.deps_of(&f.sig, &f.sig.ident.to_string(), ctx) {
                        needs.extend(n);
                    }
                }
            }
            self.model.impls.push(ImplBlock {
                impl_trait: trait_name,
                self_ty,
                loc: trait_loc,
                needs,
                by_ref: args.flag("ref"),
                in_test: ctx.in_test,
            });
            return;
        }
        let Some(self_ty) = self_name else { return };
        if self_ty == "Impl" {
            // `impl X for Impl<App>` provides `X` to `Impl<App>`; `impl<T: …> X for Impl<T>`
            // is hand-written delegation, not a provision.
            let inner = match &*i.self_ty {
                Type::Path(p) => p.path.segments.last().and_then(|s| match &s.arguments {
                    syn::PathArguments::AngleBracketed(a) => match a.args.first() {
                        Some(syn::GenericArgument::Type(t)) => type_name(t),
                        _ => None,
                    },
                    _ => None,
                }),
                _ => None,
            };
            if let Some(app) = inner.filter(|n| !i.generics.type_params().any(|p| p.ident == n)) {
                self.model.hand_impls.push(HandImpl {
                    trait_name,
                    self_ty: app,
                    loc: trait_loc,
                    blanket: false,
                    in_test: ctx.in_test,
                });
            }
            return;
        }
        // `impl AsRef<dyn X> for App`
        if trait_name == "AsRef" {
            if let syn::PathArguments::AngleBracketed(a) = &seg.arguments {
                if let Some(syn::GenericArgument::Type(Type::TraitObject(obj))) = a.args.first() {
                    let dyn_trait = obj.bounds.iter().find_map(|b| match b {
                        TypeParamBound::Trait(tb) => {
                            tb.path.segments.last().map(|s| s.ident.to_string())
                        }
                        _ => None,
                    });
                    if let Some(dyn_trait) = dyn_trait {
                        let mut field = FieldFinder(None);
                        field.visit_item_impl(i);
                        self.model.as_refs.push(AsRefImpl {
                            dyn_trait: self.orig(dyn_trait),
                            app: self_ty,
                            loc: trait_loc,
                            field: field.0,
                            in_test: ctx.in_test,
                        });
                    }
                }
            }
            return;
        }
        // `impl DelegateX<Self> for App { type Target = T; }`
        let has_args = matches!(seg.arguments, syn::PathArguments::AngleBracketed(_));
        let target = i.items.iter().find_map(|it| match it {
            ImplItem::Type(t) if t.ident == "Target" => {
                Some(type_name(&t.ty).unwrap_or_else(|| tokens_text(&t.ty)))
            }
            _ => None,
        });
        if let (true, Some(target)) = (has_args, target) {
            self.model.selections.push(Selection {
                delegate: trait_name,
                app: self_ty,
                target,
                loc: trait_loc,
                in_test: ctx.in_test,
            });
            return;
        }
        self.model.hand_impls.push(HandImpl {
            trait_name,
            self_ty,
            loc: trait_loc,
            blanket: generic_self,
            in_test: ctx.in_test,
        });
    }
}

/// The last segment of a plain path type (`crate::App` → `App`), `()` for the unit type.
fn type_name(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(p) if p.qself.is_none() => p.path.segments.last().map(|s| s.ident.to_string()),
        Type::Tuple(t) if t.elems.is_empty() => Some("()".into()),
        Type::Paren(p) => type_name(&p.elem),
        Type::Group(g) => type_name(&g.elem),
        _ => None,
    }
}

fn is_type_param(generics: &Generics, ident: &syn::Ident) -> bool {
    generics.type_params().any(|p| &p.ident == ident)
}

fn tokens_text(t: &impl ToTokens) -> String {
    let s = t.to_token_stream().to_string();
    // `& Config` → `&Config`, `Vec < u8 >` → `Vec<u8>`.
    s.replace("& ", "&")
        .replace(" <", "<")
        .replace("< ", "<")
        .replace(" >", ">")
        .replace(" ,", ",")
        .replace(" :: ", "::")
}

fn item_attrs(item: &Item) -> &[Attribute] {
    match item {
        Item::Fn(i) => &i.attrs,
        Item::Mod(i) => &i.attrs,
        Item::Impl(i) => &i.attrs,
        Item::Trait(i) => &i.attrs,
        Item::Struct(i) => &i.attrs,
        Item::Enum(i) => &i.attrs,
        Item::Use(i) => &i.attrs,
        Item::Const(i) => &i.attrs,
        Item::Static(i) => &i.attrs,
        Item::Type(i) => &i.attrs,
        Item::Macro(i) => &i.attrs,
        _ => &[],
    }
}

fn cfg_test(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg")
            && matches!(&a.meta, Meta::List(l) if l.tokens.clone().into_iter().any(|t| matches!(t, TokenTree::Ident(i) if i == "test")))
    })
}

fn path_attr(attrs: &[Attribute]) -> Option<String> {
    attrs.iter().find_map(|a| {
        if !a.path().is_ident("path") {
            return None;
        }
        match &a.meta {
            Meta::NameValue(nv) => match &nv.value {
                Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value()),
                _ => None,
            },
            _ => None,
        }
    })
}

fn mentions_entrait(tokens: &TokenStream) -> bool {
    tokens.clone().into_iter().any(|t| match t {
        TokenTree::Ident(i) => MACROS.iter().any(|m| i == m),
        TokenTree::Group(g) => mentions_entrait(&g.stream()),
        _ => false,
    })
}

/// The names a `use` brings in, by their original names.
fn use_leaves(tree: &UseTree, out: &mut Vec<String>, glob: &mut bool) {
    match tree {
        UseTree::Path(p) => use_leaves(&p.tree, out, glob),
        UseTree::Name(n) => out.push(n.ident.to_string()),
        UseTree::Rename(r) => out.push(r.ident.to_string()),
        UseTree::Glob(_) => *glob = true,
        UseTree::Group(g) => {
            for t in &g.items {
                use_leaves(t, out, glob);
            }
        }
    }
}

/// Scans a file's `use` items (inline modules included) for entrait aliases and renames.
fn file_names(items: &[Item]) -> FileNames {
    fn walk(tree: &UseTree, prefix: &mut Vec<String>, out: &mut FileNames) {
        match tree {
            UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                walk(&p.tree, prefix, out);
                prefix.pop();
            }
            UseTree::Name(n) => {
                if prefix.first().is_some_and(|p| p == "entrait")
                    && MACROS.iter().any(|m| n.ident == m)
                {
                    out.entrait.insert(n.ident.to_string());
                }
            }
            UseTree::Rename(r) => {
                if prefix.first().is_some_and(|p| p == "entrait")
                    && MACROS.iter().any(|m| r.ident == m)
                {
                    out.entrait.insert(r.rename.to_string());
                } else {
                    out.renames
                        .insert(r.rename.to_string(), r.ident.to_string());
                }
            }
            UseTree::Glob(_) => {
                if prefix.len() == 1 && prefix[0] == "entrait" {
                    out.entrait.extend(MACROS.iter().map(ToString::to_string));
                }
            }
            UseTree::Group(g) => {
                for t in &g.items {
                    walk(t, prefix, out);
                }
            }
        }
    }
    fn items_walk(items: &[Item], out: &mut FileNames) {
        for item in items {
            match item {
                Item::Use(u) => walk(&u.tree, &mut Vec::new(), out),
                Item::Mod(m) => {
                    if let Some((_, items)) = &m.content {
                        items_walk(items, out);
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = FileNames::default();
    items_walk(items, &mut out);
    out
}

/// The arguments of an `#[entrait(…)]` attribute.
#[derive(Debug, Default)]
struct Args {
    /// The trait name (for a trait: the `XImpl` name).
    name: Option<String>,
    opts: Vec<(String, Option<String>)>,
}

impl Args {
    fn parse(tokens: TokenStream) -> Self {
        let mut out = Args::default();
        let mut parts: Vec<Vec<TokenTree>> = vec![Vec::new()];
        for t in tokens {
            match &t {
                TokenTree::Punct(p) if p.as_char() == ',' => parts.push(Vec::new()),
                _ => parts.last_mut().expect("one").push(t),
            }
        }
        for mut part in parts {
            if part.is_empty() {
                continue;
            }
            if matches!(&part[0], TokenTree::Punct(p) if p.as_char() == '?') {
                let rest: String = part[1..].iter().map(ToString::to_string).collect();
                out.opts.push((format!("?{rest}"), None));
                continue;
            }
            if part.len() >= 2 && matches!(&part[1], TokenTree::Punct(p) if p.as_char() == '=') {
                let value: String = part[2..].iter().map(ToString::to_string).collect();
                out.opts.push((part[0].to_string(), Some(value)));
                continue;
            }
            // Visibility before the name.
            if matches!(&part[0], TokenTree::Ident(i) if i == "pub") {
                part.remove(0);
                if matches!(part.first(), Some(TokenTree::Group(_))) {
                    part.remove(0);
                }
            }
            if let [TokenTree::Ident(i)] = part.as_slice() {
                let s = i.to_string();
                if s.chars().next().is_some_and(char::is_uppercase) {
                    out.name = Some(s);
                } else {
                    out.opts.push((s, None));
                }
            }
        }
        out
    }

    fn flag(&self, name: &str) -> bool {
        self.opts
            .iter()
            .any(|(k, v)| k == name && v.as_deref().is_none_or(|v| v == "true"))
    }

    fn value(&self, name: &str) -> Option<String> {
        self.opts
            .iter()
            .find(|(k, _)| k == name)
            .and_then(|(_, v)| v.clone())
    }
}

/// Finds `self.field` in an `as_ref` body.
struct FieldFinder(Option<String>);

impl<'ast> Visit<'ast> for FieldFinder {
    fn visit_expr_field(&mut self, f: &'ast syn::ExprField) {
        if self.0.is_none() {
            if let Expr::Path(p) = &*f.base {
                if p.path.is_ident("self") {
                    self.0 = Some(match &f.member {
                        syn::Member::Named(n) => format!("self.{n}"),
                        syn::Member::Unnamed(i) => format!("self.{}", i.index),
                    });
                    return;
                }
            }
        }
        syn::visit::visit_expr_field(self, f);
    }
}

/// Walks an item's signatures and bodies: application types, calls, nested items.
struct BodyVisitor<'r, 'm, 'c> {
    reader: &'r mut Reader<'m>,
    ctx: &'c Ctx,
    generics: Vec<BTreeSet<String>>,
    self_ty: Option<String>,
    /// The function whose return type is being visited.
    returning: Option<String>,
    /// The scope of the outermost function being visited: calls are recorded per function.
    fn_scope: Option<usize>,
    /// Unresolved `Impl::new(…)` of the current function: a warning unless the function
    /// names its application type elsewhere (`let app: Impl<App> = Impl::new(make())`).
    pending: Vec<(String, Loc)>,
    /// Locals (and parameters) of the current function known to hold an `Impl<App>`.
    locals: HashMap<String, String>,
    /// The call that is the receiver of the method call being visited.
    temp_call: Option<*const syn::ExprCall>,
    /// The `Impl::new` being recorded is such a receiver.
    temporary: bool,
}

impl BodyVisitor<'_, '_, '_> {
    fn with_generics(&mut self, g: &Generics, f: impl FnOnce(&mut Self)) {
        self.generics
            .push(g.type_params().map(|p| p.ident.to_string()).collect());
        f(self);
        self.generics.pop();
    }

    fn scope(&self) -> usize {
        self.fn_scope.unwrap_or(self.ctx.scope)
    }

    /// Runs `f` with a scope of its own when this is the outermost function.
    fn in_fn(&mut self, f: impl FnOnce(&mut Self)) {
        if self.fn_scope.is_some() {
            f(self);
            return;
        }
        let file = self.ctx.file;
        let in_test = self.reader.model.scopes[self.ctx.scope].in_test;
        self.reader.model.scopes.push(Scope {
            file,
            in_test,
            parent: Some(self.ctx.scope),
            ..Scope::default()
        });
        let scope = self.reader.model.scopes.len() - 1;
        self.fn_scope = Some(scope);
        let uses_before = self.reader.model.app_uses.len();
        f(self);
        let named = self.reader.model.app_uses[uses_before..]
            .iter()
            .any(|u| u.scope == scope);
        for (message, loc) in std::mem::take(&mut self.pending) {
            if !named {
                self.reader.warn(message, Some(loc), None);
            }
        }
        self.fn_scope = None;
        self.locals.clear();
    }

    /// The application of `Impl<App>` in a type (`&Impl<App>`, `Arc<Impl<App>>`).
    fn impl_app_in(&self, ty: &Type) -> Option<String> {
        struct Find<'a, 'b, 'c, 'd>(&'a BodyVisitor<'b, 'c, 'd>, Option<String>);
        impl<'ast> Visit<'ast> for Find<'_, '_, '_, '_> {
            fn visit_type_path(&mut self, p: &'ast syn::TypePath) {
                if let Some(last) = p.path.segments.last() {
                    if last.ident == "Impl" {
                        if let syn::PathArguments::AngleBracketed(a) = &last.arguments {
                            if let Some(syn::GenericArgument::Type(t)) = a.args.first() {
                                if let Ok(Some(app)) = self.0.app_of_type(t) {
                                    self.1.get_or_insert(app);
                                }
                            }
                        }
                    }
                }
                syn::visit::visit_type_path(self, p);
            }
        }
        let mut f = Find(self, None);
        f.visit_type(ty);
        f.1
    }

    /// The application a method is called on, when the receiver says: a local bound to
    /// `Impl::new(App …)` or typed `Impl<App>`, or `Impl::new(App …)` itself.
    fn receiver_app(&self, e: &Expr) -> Option<String> {
        match e {
            Expr::Paren(p) => self.receiver_app(&p.expr),
            Expr::Reference(r) => self.receiver_app(&r.expr),
            Expr::Await(a) => self.receiver_app(&a.base),
            Expr::Try(t) => self.receiver_app(&t.expr),
            Expr::MethodCall(m) if m.method == "clone" => self.receiver_app(&m.receiver),
            Expr::Path(p) => p
                .path
                .get_ident()
                .and_then(|i| self.locals.get(&i.to_string()).cloned()),
            Expr::Call(c) => {
                let Expr::Path(p) = &*c.func else { return None };
                let segs = &p.path.segments;
                if segs.len() >= 2
                    && segs[segs.len() - 1].ident == "new"
                    && segs[segs.len() - 2].ident == "Impl"
                {
                    match &segs[segs.len() - 2].arguments {
                        syn::PathArguments::AngleBracketed(a) => match a.args.first() {
                            Some(syn::GenericArgument::Type(t)) => {
                                self.app_of_type(t).ok().flatten()
                            }
                            _ => None,
                        },
                        _ => c
                            .args
                            .first()
                            .and_then(|a| self.app_of_expr(a).ok().flatten()),
                    }
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    fn is_generic(&self, name: &str) -> bool {
        self.generics.iter().any(|g| g.contains(name))
    }

    /// The application type named by a type, or why not.
    fn app_of_type(&self, ty: &Type) -> Result<Option<String>, String> {
        match type_name(ty) {
            Some(n) if n == "Self" => Ok(self.self_ty.clone()),
            Some(n) if self.is_generic(&n) || n == "Unimock" || n == "_" => Ok(None),
            Some(n) => Ok(Some(n)),
            None if matches!(ty, Type::Infer(_)) => Ok(None),
            None => Err(tokens_text(ty)),
        }
    }

    fn app_of_expr(&self, e: &Expr) -> Result<Option<String>, String> {
        let upper = |s: &str| s.chars().next().is_some_and(char::is_uppercase);
        match e {
            Expr::Struct(s) => {
                let n = s.path.segments.last().map(|s| s.ident.to_string());
                match n.as_deref() {
                    Some("Self") => Ok(self.self_ty.clone()),
                    Some(n) => Ok(Some(n.to_string())),
                    None => Ok(None),
                }
            }
            Expr::Call(c) => {
                if let Expr::Path(p) = &*c.func {
                    let segs: Vec<String> = p
                        .path
                        .segments
                        .iter()
                        .map(|s| s.ident.to_string())
                        .collect();
                    if let Some(last) = segs.last() {
                        if upper(last) {
                            return Ok(Some(if last == "Self" {
                                self.self_ty.clone().unwrap_or_default()
                            } else {
                                last.clone()
                            }));
                        }
                    }
                    if segs.len() >= 2 && upper(&segs[segs.len() - 2]) {
                        let t = &segs[segs.len() - 2];
                        return Ok(if t == "Self" {
                            self.self_ty.clone()
                        } else {
                            Some(t.clone())
                        });
                    }
                }
                Err(tokens_text(e))
            }
            Expr::Path(p) => match p.path.get_ident().map(ToString::to_string) {
                Some(n) if upper(&n) => Ok(Some(n)),
                _ => Err(tokens_text(e)),
            },
            Expr::Tuple(t) if t.elems.is_empty() => Ok(Some("()".into())),
            Expr::Paren(p) => self.app_of_expr(&p.expr),
            _ => Err(tokens_text(e)),
        }
    }

    fn app_use(&mut self, app: Result<Option<String>, String>, span: Span, what: &str) {
        let loc = self.reader.loc(self.ctx.file, span);
        match app {
            Ok(Some(app)) => {
                if let Some(f) = &self.returning {
                    self.reader.model.app_fns.push(AppFn {
                        name: f.clone(),
                        app: app.clone(),
                        scope: self.scope(),
                    });
                }
                let temporary = std::mem::take(&mut self.temporary);
                self.reader.model.app_uses.push(AppUse {
                    app,
                    loc,
                    temporary,
                    scope: self.scope(),
                });
            }
            Ok(None) => {}
            Err(text) => {
                let file = self.reader.model.files[self.ctx.file].display.clone();
                let text: String = text.chars().take(60).collect();
                let message = format!("{file}: cannot tell the application type of `{what}` from `{text}`; this use is skipped{}", if what.starts_with("Impl::new") { " (`Impl::<App>::new(…)` names it)" } else { " (only a named type is followed)" });
                if self.fn_scope.is_some() {
                    self.pending.push((message, loc));
                } else {
                    self.reader.warn(message, Some(loc), None);
                }
            }
        }
    }
}

impl<'ast> Visit<'ast> for BodyVisitor<'_, '_, '_> {
    fn visit_item(&mut self, i: &'ast Item) {
        match i {
            Item::Fn(f) => self.visit_item_fn(f),
            Item::Impl(imp) => self.visit_item_impl(imp),
            Item::Trait(t) => {
                self.with_generics(&t.generics, |v| syn::visit::visit_item_trait(v, t))
            }
            Item::Struct(s) => {
                self.with_generics(&s.generics, |v| syn::visit::visit_item_struct(v, s))
            }
            Item::Enum(e) => self.with_generics(&e.generics, |v| syn::visit::visit_item_enum(v, e)),
            Item::Type(t) => self.with_generics(&t.generics, |v| syn::visit::visit_item_type(v, t)),
            Item::Const(_) | Item::Static(_) => syn::visit::visit_item(self, i),
            _ => {}
        }
    }

    fn visit_block(&mut self, b: &'ast syn::Block) {
        for s in &b.stmts {
            match s {
                syn::Stmt::Item(item) => {
                    // An item inside a body: read like any other, in the same module scope.
                    let ctx = self.ctx.clone();
                    self.reader.item(item, &ctx);
                }
                _ => self.visit_stmt(s),
            }
        }
    }

    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        self.in_fn(|v| v.with_generics(&f.sig.generics, |v| syn::visit::visit_item_fn(v, f)));
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        self.in_fn(|v| {
            v.with_generics(&f.sig.generics, |v| syn::visit::visit_impl_item_fn(v, f));
        });
    }

    fn visit_trait_item_fn(&mut self, f: &'ast syn::TraitItemFn) {
        self.with_generics(&f.sig.generics, |v| syn::visit::visit_trait_item_fn(v, f));
    }

    fn visit_signature(&mut self, s: &'ast syn::Signature) {
        for input in &s.inputs {
            self.visit_fn_arg(input);
        }
        let outer = self.returning.replace(s.ident.to_string());
        self.visit_return_type(&s.output);
        self.returning = outer;
    }

    fn visit_item_impl(&mut self, i: &'ast syn::ItemImpl) {
        let outer = self.self_ty.take();
        self.self_ty =
            type_name(&i.self_ty).filter(|n| !i.generics.type_params().any(|p| p.ident == n));
        self.with_generics(&i.generics, |v| syn::visit::visit_item_impl(v, i));
        self.self_ty = outer;
    }

    fn visit_type_path(&mut self, p: &'ast syn::TypePath) {
        if p.qself.is_none() {
            if let Some(last) = p.path.segments.last() {
                if last.ident == "Impl" {
                    if let syn::PathArguments::AngleBracketed(a) = &last.arguments {
                        if let Some(syn::GenericArgument::Type(t)) = a.args.first() {
                            let app = self.app_of_type(t);
                            self.app_use(app, last.ident.span(), "Impl<…>");
                        }
                    }
                }
            }
        }
        syn::visit::visit_type_path(self, p);
    }

    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        // `assert_eq!(app.f(1), …)`: calls inside macro arguments count too. Arguments that
        // are expressions are read as such; other tokens are scanned for `.f(` and `f(`.
        let exprs = syn::parse::Parser::parse2(
            syn::punctuated::Punctuated::<Expr, syn::Token![,]>::parse_terminated,
            m.tokens.clone(),
        );
        if let Ok(exprs) = exprs {
            for e in &exprs {
                self.visit_expr(e);
            }
            return;
        }
        let s = self.scope();
        let scope = &mut self.reader.model.scopes[s];
        scan_calls(
            m.tokens.clone(),
            &mut scope.method_calls,
            &mut scope.fn_calls,
        );
    }

    fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
        let s = self.scope();
        let method = m.method.to_string();
        let mut recv = &*m.receiver;
        while let Expr::Paren(p) = recv {
            recv = &p.expr;
        }
        if let Expr::Call(c) = recv {
            self.temp_call = Some(std::ptr::from_ref(c));
        }
        match self.receiver_app(&m.receiver) {
            Some(app) => {
                self.reader.model.scopes[s].app_calls.insert((app, method));
            }
            None => {
                self.reader.model.scopes[s].method_calls.insert(method);
            }
        }
        syn::visit::visit_expr_method_call(self, m);
    }

    fn visit_local(&mut self, l: &'ast syn::Local) {
        // `let app = Impl::new(App …);`, `let app: Impl<App> = …;`
        let (pat, ty) = match &l.pat {
            syn::Pat::Type(pt) => (&*pt.pat, Some(&*pt.ty)),
            p => (p, None),
        };
        if let syn::Pat::Ident(id) = pat {
            let app = ty
                .and_then(|t| self.impl_app_in(t))
                .or_else(|| l.init.as_ref().and_then(|i| self.receiver_app(&i.expr)));
            if let Some(app) = app {
                self.locals.insert(id.ident.to_string(), app);
            }
        }
        syn::visit::visit_local(self, l);
    }

    fn visit_pat_type(&mut self, p: &'ast syn::PatType) {
        // A parameter `app: &Impl<App>`.
        if let syn::Pat::Ident(id) = &*p.pat {
            if let Some(app) = self.impl_app_in(&p.ty) {
                self.locals.insert(id.ident.to_string(), app);
            }
        }
        syn::visit::visit_pat_type(self, p);
    }

    fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
        if let Expr::Path(p) = &*c.func {
            let segs = &p.path.segments;
            if let Some(last) = segs.last() {
                let s = self.scope();
                self.reader.model.scopes[s]
                    .fn_calls
                    .insert(last.ident.to_string());
                if last.ident == "new" && segs.len() >= 2 && segs[segs.len() - 2].ident == "Impl" {
                    let impl_seg = &segs[segs.len() - 2];
                    let app = match &impl_seg.arguments {
                        syn::PathArguments::AngleBracketed(a) => match a.args.first() {
                            Some(syn::GenericArgument::Type(t)) => self.app_of_type(t),
                            _ => Ok(None),
                        },
                        _ => match c.args.first() {
                            Some(arg) => self.app_of_expr(arg),
                            None => Ok(None),
                        },
                    };
                    let outer = self.returning.take();
                    self.temporary = self.temp_call == Some(std::ptr::from_ref(c));
                    self.app_use(app, impl_seg.ident.span(), "Impl::new(…)");
                    self.temporary = false;
                    self.returning = outer;
                }
            }
        }
        syn::visit::visit_expr_call(self, c);
    }
}

/// Method calls (`.f(`) and function calls (`f(`) in a macro's tokens.
fn scan_calls(tokens: TokenStream, methods: &mut BTreeSet<String>, fns: &mut BTreeSet<String>) {
    let tts: Vec<TokenTree> = tokens.into_iter().collect();
    for (i, t) in tts.iter().enumerate() {
        match t {
            TokenTree::Group(g) => scan_calls(g.stream(), methods, fns),
            TokenTree::Ident(id) => {
                let called = matches!(tts.get(i + 1), Some(TokenTree::Group(g)) if g.delimiter() == proc_macro2::Delimiter::Parenthesis);
                if !called {
                    continue;
                }
                let after_dot =
                    i > 0 && matches!(&tts[i - 1], TokenTree::Punct(p) if p.as_char() == '.');
                if after_dot {
                    methods.insert(id.to_string());
                } else {
                    fns.insert(id.to_string());
                }
            }
            _ => {}
        }
    }
}
