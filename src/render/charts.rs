//! Charts for the note, drawn once as SVG from the view's figures: inline in HTML, an image in the PDF, and (rasterised with resvg) a PNG in the DOCX.

use quick_xml::escape::escape;
use std::fmt::Write;
use std::sync::{Arc, LazyLock};

const WIDTH: f64 = 600.0;
const LABEL: f64 = 230.0;
const ROW: f64 = 30.0;
const BAR: f64 = 20.0;

/// A horizontal bar chart of counts, one bar per option, with the count written at each bar's end.
/// `alt` becomes the SVG's title, for screen readers.
pub fn bars(labels: &[String], counts: &[usize], alt: &str, accent: &str) -> String {
    let max = counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    let height = ROW * labels.len() as f64 + 10.0;
    let span = WIDTH - LABEL - 60.0;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{alt}"><title>{alt}</title>"##,
        alt = escape(alt)
    );
    for (i, (label, &count)) in labels.iter().zip(counts).enumerate() {
        let y = 5.0 + ROW * i as f64;
        let w = (count as f64 / max * span).max(if count > 0 { 2.0 } else { 0.0 });
        let _ = write!(
            svg,
            r##"<text x="{lx}" y="{ty}" font-family="Noto Sans, Arial, sans-serif" font-size="13" text-anchor="end" fill="#0b0c0c">{label}</text><rect x="{bx}" y="{y}" width="{w:.1}" height="{BAR}" fill="{accent}"/><text x="{cx:.1}" y="{ty}" font-family="Noto Sans, Arial, sans-serif" font-size="13" fill="#0b0c0c">{count}</text>"##,
            lx = LABEL - 8.0,
            ty = y + 15.0,
            label = escape(shorten(label, 34)),
            bx = LABEL,
            cx = LABEL + w + 6.0,
        );
    }
    svg.push_str("</svg>");
    svg
}

fn shorten(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let cut: String = s.chars().take(n - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The chart as PNG, at twice its size for print, with the bundled fonts.
pub fn png(svg: &str) -> Result<Vec<u8>, String> {
    // The bundled fonts are parsed once per process, not once per chart.
    static FONTS: LazyLock<Arc<resvg::usvg::fontdb::Database>> = LazyLock::new(|| {
        let mut db = resvg::usvg::fontdb::Database::new();
        for font in super::FONT_FILES {
            db.load_font_data(font.to_vec());
        }
        db.set_sans_serif_family("Noto Sans");
        Arc::new(db)
    });
    let options = resvg::usvg::Options {
        fontdb: FONTS.clone(),
        ..Default::default()
    };
    let tree = resvg::usvg::Tree::from_str(svg, &options).map_err(|e| format!("chart: {e}"))?;
    let size = tree
        .size()
        .to_int_size()
        .scale_by(2.0)
        .ok_or("chart: empty")?;
    let mut pixmap =
        resvg::tiny_skia::Pixmap::new(size.width(), size.height()).ok_or("chart: empty")?;
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(2.0, 2.0),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().map_err(|e| format!("chart: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_carry_labels_counts_and_a_title() {
        let svg = bars(
            &["Excellent".into(), "Good <ok>".into()],
            &[3, 1],
            "Overall rating: 3 excellent, 1 good",
            "#006435",
        );
        assert!(svg.contains("<title>Overall rating: 3 excellent, 1 good</title>"));
        assert!(svg.contains(">Good &lt;ok&gt;</text>"));
        assert!(svg.contains(">3</text>"));
        assert!(
            svg.contains(r##"fill="#006435""##),
            "bars in the house colour"
        );
        assert!(png(&svg).unwrap().starts_with(b"\x89PNG"));
    }
}
