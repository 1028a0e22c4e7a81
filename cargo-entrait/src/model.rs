//! What the reader finds in the source: traits, implementations, selections and application
//! types, each with the place it was written.

use std::collections::BTreeSet;
use std::ops::Range;

/// A place in a source file: 1-based line and column, and the byte range for snippets.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Loc {
    /// Index into [`Model::files`].
    pub file: usize,
    pub line: usize,
    pub col: usize,
    pub bytes: Range<usize>,
}

/// One file that was read.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as shown: relative to the workspace root, with `/`.
    pub display: String,
    pub text: String,
    /// Index into [`Model::packages`].
    pub package: usize,
    /// Part of an integration test, bench or example target.
    pub test_target: bool,
    /// The crate (cargo target) it belongs to: index into [`Model::crates`].
    pub krate: usize,
}

/// One crate: a cargo target (library, binary, test, …) of a package.
#[derive(Debug)]
pub struct Crate {
    pub package: usize,
    pub is_lib: bool,
}

/// A workspace package that was read.
#[derive(Debug)]
pub struct Package {
    pub name: String,
    /// Workspace packages this one depends on (normal, dev and build), as indices.
    pub deps: Vec<usize>,
}

/// How a trait declared with `#[entrait]` on a trait gets to `Impl<App>` (SPEC §5).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    /// `delegate_by = Self`: the app implements the trait by hand.
    SelfImpl,
    /// `delegate_by = ref`: `impl AsRef<dyn X>` (or `dyn DynX` when an async method needs
    /// the companion).
    Ref { dyn_name: String },
    /// `#[entrait(XImpl, delegate_by = DelegateX)]`.
    Selector {
        impl_trait: String,
        delegate: String,
    },
    /// `#[entrait(XImpl, delegate_by = ref)]`: `impl AsRef<dyn XImpl<Self>>`.
    RefInverted { impl_trait: String },
}

/// What a trait node is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TraitKind {
    /// `#[entrait] fn`.
    Fn { function: String },
    /// `#[entrait] mod`.
    Module { module: String },
    /// `#[entrait] trait`.
    Trait(Mode),
    /// A plain trait of the workspace used as a dependency bound.
    Hand,
}

/// A dependency written as a bound: `deps: &impl Repo` needs `Repo`.
#[derive(Clone, Debug)]
pub struct Need {
    /// The trait's name as written (after `use … as` renames are undone).
    pub name: String,
    pub loc: Loc,
    /// The function whose bound it is.
    pub function: String,
}

/// What a function (or module) takes as its dependencies.
#[derive(Clone, Debug)]
pub enum Deps {
    /// `no_deps`, or a trait: nothing.
    None,
    /// Generic deps: the bounds.
    Generic(Vec<Need>),
    /// Concrete deps (`deps: &Config`): a leaf, callable through `Impl<Config>` only.
    Concrete {
        ty: String,
        name: String,
        loc: Loc,
        function: String,
    },
}

#[derive(Clone, Debug)]
pub struct TraitDef {
    pub name: String,
    pub kind: TraitKind,
    pub loc: Loc,
    pub deps: Deps,
    /// Method names, to see where the trait is called.
    pub methods: Vec<String>,
    pub has_async: bool,
    pub in_test: bool,
}

impl TraitDef {
    pub fn package(&self, files: &[SourceFile]) -> usize {
        files[self.loc.file].package
    }

    pub fn kind_label(&self) -> String {
        match &self.kind {
            TraitKind::Fn { function } => format!("fn {function}"),
            TraitKind::Module { module } => format!("mod {module}"),
            TraitKind::Trait(Mode::SelfImpl) => "trait, delegate_by = Self".into(),
            TraitKind::Trait(Mode::Ref { .. }) => "trait, delegate_by = ref".into(),
            TraitKind::Trait(Mode::Selector { delegate, .. }) => {
                format!("trait, delegate_by = {delegate}")
            }
            TraitKind::Trait(Mode::RefInverted { impl_trait }) => {
                format!("trait {impl_trait}, delegate_by = ref")
            }
            TraitKind::Hand => "trait (hand-written)".into(),
        }
    }
}

/// `#[entrait] impl XImpl for T { … }` (or `#[entrait(ref)]`).
#[derive(Clone, Debug)]
pub struct ImplBlock {
    pub impl_trait: String,
    pub self_ty: String,
    pub loc: Loc,
    pub needs: Vec<Need>,
    pub by_ref: bool,
    pub in_test: bool,
}

/// `impl X for T` written by hand, `X` any trait name.
#[derive(Clone, Debug)]
pub struct HandImpl {
    pub trait_name: String,
    pub self_ty: String,
    pub loc: Loc,
    /// `impl<T: …> X for T`: every type has it.
    pub blanket: bool,
    pub in_test: bool,
}

/// `impl DelegateX<Self> for App { type Target = T; }`.
#[derive(Clone, Debug)]
pub struct Selection {
    pub delegate: String,
    pub app: String,
    pub target: String,
    pub loc: Loc,
    pub in_test: bool,
}

/// `impl AsRef<dyn X> for App`.
#[derive(Clone, Debug)]
pub struct AsRefImpl {
    pub dyn_trait: String,
    pub app: String,
    pub loc: Loc,
    /// The field lent out, when the body is `&self.field` / `&*self.field` / `self.field.as_ref()`.
    pub field: Option<String>,
    pub in_test: bool,
}

/// `Impl<App>` or `Impl::new(App …)`.
#[derive(Clone, Debug)]
pub struct AppUse {
    pub app: String,
    pub loc: Loc,
    /// `Impl::new(X …).f()`: made only to call a method on.
    pub temporary: bool,
    /// Index into [`Model::scopes`].
    pub scope: usize,
}

/// A function returning `Impl<App>`: calling it uses `App`.
#[derive(Clone, Debug)]
pub struct AppFn {
    pub name: String,
    pub app: String,
    pub scope: usize,
}

/// A struct, enum or type alias of the workspace.
#[derive(Clone, Debug)]
pub struct TypeDef {
    pub name: String,
    pub loc: Loc,
    pub in_test: bool,
    /// A struct's fields: name (or position) and type as written.
    pub fields: Vec<(String, String)>,
}

/// A module (a file or an inline `mod`): what it imports and calls, to find the traits an
/// application type is used through.
#[derive(Clone, Debug, Default)]
pub struct Scope {
    pub file: usize,
    /// For a function's scope: its module's scope, which has the names.
    pub parent: Option<usize>,
    /// Names brought in by `use` (the original names) and items defined here.
    pub names: BTreeSet<String>,
    /// `use …::*` somewhere in the module.
    pub glob: bool,
    /// Method names called in the module, on receivers of unknown type.
    pub method_calls: BTreeSet<String>,
    /// Methods called on a receiver known to be `Impl<App>`: (app, method).
    pub app_calls: BTreeSet<(String, String)>,
    /// Last segments of the paths of called functions.
    pub fn_calls: BTreeSet<String>,
    pub in_test: bool,
}

/// Something that was skipped, with the reason.
#[derive(Clone, Debug)]
pub struct Warning {
    pub message: String,
    pub loc: Option<Loc>,
    /// The file, when there is no location inside it.
    pub path: Option<String>,
}

/// Everything read from a workspace.
#[derive(Debug, Default)]
pub struct Model {
    pub packages: Vec<Package>,
    pub crates: Vec<Crate>,
    pub files: Vec<SourceFile>,
    pub traits: Vec<TraitDef>,
    pub impls: Vec<ImplBlock>,
    pub hand_impls: Vec<HandImpl>,
    pub selections: Vec<Selection>,
    pub as_refs: Vec<AsRefImpl>,
    pub app_uses: Vec<AppUse>,
    pub app_fns: Vec<AppFn>,
    pub types: Vec<TypeDef>,
    pub scopes: Vec<Scope>,
    pub warnings: Vec<Warning>,
    /// Packages asked for (`-p`, or the current one), as indices: the check looks for
    /// application types there.
    pub selected: Vec<usize>,
    /// Traits by name, companion names (`XImpl`, `DelegateX`, `DynX`) included: see
    /// [`Model::index`].
    pub trait_index: std::collections::HashMap<String, Vec<usize>>,
    /// Types by name.
    pub type_index: std::collections::HashMap<String, Vec<usize>>,
}

impl Model {
    pub fn file_of(&self, loc: &Loc) -> &SourceFile {
        &self.files[loc.file]
    }

    pub fn at(&self, loc: &Loc) -> String {
        format!("{}:{}:{}", self.files[loc.file].display, loc.line, loc.col)
    }

    pub fn package_of(&self, loc: &Loc) -> usize {
        self.files[loc.file].package
    }

    /// Whether code in file `from` can name an item defined in file `def` (see
    /// [`Model::resolve`]).
    pub fn sees(&self, from: usize, def: usize) -> bool {
        let (a, b) = (&self.files[from], &self.files[def]);
        a.krate == b.krate
            || (self.crates[b.krate].is_lib && self.visible(a.package).contains(&b.package))
    }

    /// Packages visible from `pkg`: itself first, then its workspace dependencies, nearest
    /// first.
    pub fn visible(&self, pkg: usize) -> Vec<usize> {
        let mut out = vec![pkg];
        let mut i = 0;
        while i < out.len() {
            for &d in &self.packages[out[i]].deps {
                if !out.contains(&d) {
                    out.push(d);
                }
            }
            i += 1;
        }
        out
    }

    /// Resolves a name written at `from` among `candidates` (locations of definitions with that
    /// name) as the crates see each other: the same file first, then the same crate, then the
    /// package's library (for a binary or test), then the nearest dependency's library.
    pub fn resolve<'a, T>(
        &self,
        from: &Loc,
        candidates: impl IntoIterator<Item = (&'a Loc, T)>,
    ) -> Option<T> {
        let cands: Vec<(&Loc, T)> = candidates.into_iter().collect();
        if cands.is_empty() {
            return None;
        }
        let pkg = self.package_of(from);
        let krate = self.files[from.file].krate;
        let mut best: Option<(usize, T)> = None;
        let visible = self.visible(pkg);
        for (loc, t) in cands {
            let file = &self.files[loc.file];
            let rank = if loc.file == from.file {
                0
            } else if file.krate == krate {
                1
            } else if !self.crates[file.krate].is_lib {
                // Another binary or test: a crate of its own that nothing else sees.
                continue;
            } else if let Some(p) = visible.iter().position(|&p| p == file.package) {
                2 + p
            } else {
                continue;
            };
            if best.as_ref().is_none_or(|(r, _)| rank < *r) {
                best = Some((rank, t));
            }
        }
        best.map(|(_, t)| t)
    }

    /// Builds the name indexes; call after reading, before resolving names.
    pub fn index(&mut self) {
        self.trait_index.clear();
        for (i, t) in self.traits.iter().enumerate() {
            let mut names = vec![t.name.clone()];
            match &t.kind {
                TraitKind::Trait(Mode::Selector {
                    impl_trait,
                    delegate,
                }) => names.extend([impl_trait.clone(), delegate.clone()]),
                TraitKind::Trait(Mode::RefInverted { impl_trait }) => {
                    names.push(impl_trait.clone());
                }
                TraitKind::Trait(Mode::Ref { dyn_name }) => names.push(dyn_name.clone()),
                _ => {}
            }
            names.dedup();
            for n in names {
                self.trait_index.entry(n).or_default().push(i);
            }
        }
        self.type_index.clear();
        for (i, t) in self.types.iter().enumerate() {
            self.type_index.entry(t.name.clone()).or_default().push(i);
        }
    }

    /// The trait named `name` as seen from `from`; also finds a trait by its `XImpl`,
    /// `DelegateX` or `DynX` companion name.
    pub fn trait_named(&self, name: &str, from: &Loc) -> Option<usize> {
        let found = self.trait_index.get(name)?;
        self.resolve(from, found.iter().map(|&i| (&self.traits[i].loc, i)))
    }

    /// The definition of the type named `name` as seen from `from`.
    pub fn type_named(&self, name: &str, from: &Loc) -> Option<usize> {
        let found = self.type_index.get(name)?;
        self.resolve(from, found.iter().map(|&i| (&self.types[i].loc, i)))
    }
}
