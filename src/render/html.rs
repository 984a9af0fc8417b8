//! The HTML renderer: the view through a tera template, one self-contained file with inline CSS.

use super::view::View;

/// The default template; a `summary.html.tera` in a templates folder overrides it.
pub const TEMPLATE: &str = include_str!("../../templates/summary.html.tera");

/// Render the note as one HTML file. Every value is escaped by tera.
pub fn render(view: &View, template: &str) -> Result<String, String> {
    let mut tera = tera::Tera::new();
    tera.autoescape_on([".html"]);
    tera.add_raw_template("summary.html", template)
        .map_err(|e| format!("summary.html.tera: {}", chain(&e)))?;
    let context = tera::Context::from_serialize(view).map_err(|e| chain(&e))?;
    tera.render("summary.html", &context)
        .map_err(|e| format!("summary.html.tera: {}", chain(&e)))
}

/// An error and its causes on one line: tera's own message is often just the outermost.
fn chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cause = c.source();
    }
    s
}
