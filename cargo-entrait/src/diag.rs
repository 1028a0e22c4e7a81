//! Diagnostics in rustc's style, rendered by `annotate-snippets`.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::check::Diagnostic;
use crate::model::{Model, Warning};

fn renderer(color: bool) -> Renderer {
    if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
}

/// An error with its labels grouped by file, notes and help.
pub fn error(model: &Model, d: &Diagnostic, color: bool) -> String {
    render(model, Level::ERROR, d, color)
}

fn render(model: &Model, level: Level<'_>, d: &Diagnostic, color: bool) -> String {
    let mut files: Vec<usize> = Vec::new();
    for l in &d.labels {
        if !files.contains(&l.loc.file) {
            files.push(l.loc.file);
        }
    }
    let mut group = Group::with_title(level.primary_title(d.title.as_str()));
    for (fi, &file) in files.iter().enumerate() {
        let src = &model.files[file];
        let mut snippet = Snippet::source(src.text.as_str())
            .path(src.display.as_str())
            .fold(true);
        for (li, l) in d.labels.iter().enumerate() {
            if l.loc.file != file {
                continue;
            }
            let kind = if fi == 0 && li == 0 {
                AnnotationKind::Primary
            } else {
                AnnotationKind::Context
            };
            snippet = snippet.annotation(kind.span(l.loc.bytes.clone()).label(l.text.as_str()));
        }
        group = group.element(snippet);
    }
    for n in &d.notes {
        group = group.element(Level::NOTE.message(n.as_str()));
    }
    for h in &d.help {
        group = group.element(Level::HELP.message(h.as_str()));
    }
    renderer(color).render(&[group])
}

/// A warning: what was skipped, and where.
pub fn warning(model: &Model, w: &Warning, color: bool) -> String {
    match &w.loc {
        Some(loc) => {
            let d = Diagnostic {
                title: w.message.clone(),
                labels: vec![crate::check::Label {
                    loc: loc.clone(),
                    text: String::new(),
                }],
                notes: vec![],
                help: vec![],
            };
            render(model, Level::WARNING, &d, color)
        }
        None => renderer(color).render(&[Group::with_title(
            Level::WARNING.primary_title(w.message.as_str()),
        )]),
    }
}
