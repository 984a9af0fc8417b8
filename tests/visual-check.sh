#!/usr/bin/env bash
# A visual check anyone can run: each format of one built note turned into PNG pages and laid
# side by side, to look at before a note (or a template change) goes out.
#
#   tests/visual-check.sh outputs/WP2417 [OUT_DIR]
#
# PDF pages by pdftoppm (poppler-utils), the DOCX by LibreOffice headless (then pdftoppm), the
# HTML by headless Chromium at desktop (1280 px) and phone (390 px) widths; with ImageMagick's
# montage the pages of each format are laid side by side in one sheet per format.
set -euo pipefail
event=${1:?usage: tests/visual-check.sh outputs/<CODE> [OUT_DIR]}
out=${2:-$event/visual}
code=$(basename "$event")
public="$event/public"
mkdir -p "$out"

pdf=$(ls "$public"/"$code"-summary*.pdf 2>/dev/null | head -1 || true)
docx=$(ls "$public"/"$code"-summary*.docx 2>/dev/null | head -1 || true)
html=$(ls "$public"/"$code"-summary*.html 2>/dev/null | head -1 || true)

if [ -n "$pdf" ]; then
  pdftoppm -r 60 -png "$pdf" "$out/pdf"
  echo "PDF:  $(ls "$out"/pdf-*.png | wc -l) pages"
fi
if [ -n "$docx" ] && command -v soffice >/dev/null; then
  tmp=$(mktemp -d)
  HOME=$tmp soffice --headless --convert-to pdf --outdir "$tmp" "$docx" >/dev/null 2>&1
  pdftoppm -r 60 -png "$tmp"/*.pdf "$out/docx"
  rm -rf "$tmp"
  echo "DOCX: $(ls "$out"/docx-*.png | wc -l) pages (as LibreOffice lays it out)"
fi
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$html" ] && [ -n "$browser" ]; then
  for w in 1280 390; do
    tmp=$(mktemp -d)
    HOME=$tmp "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
      --window-size="$w,6000" --screenshot="$out/html-$w.png" "file://$(realpath "$html")" >/dev/null 2>&1
    rm -rf "$tmp"
  done
  echo "HTML: $out/html-1280.png (desktop), $out/html-390.png (phone)"
fi
if command -v montage >/dev/null; then
  for f in pdf docx; do
    if ls "$out/$f"-*.png >/dev/null 2>&1; then
      montage "$out/$f"-*.png -tile x1 -geometry +6+6 -background '#cccccc' "$out/sheet-$f.png"
    fi
  done
  echo "sheets: $(ls "$out"/sheet-*.png 2>/dev/null | tr '\n' ' ')"
fi
echo "look at: $out"
