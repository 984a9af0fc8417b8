#!/usr/bin/env bash
# Fill fuzz/corpus/<target>/ with the project's own inputs as starting points.
set -euo pipefail
cd "$(dirname "$0")"
root=..
mkdir -p corpus/{markdown,text,docx,questionnaire,event_toml,participants,anonymise}
find "$root/inputs" "$root/tests/fixtures" -name '*.md' -exec cp {} corpus/markdown/ \;
find "$root/inputs" "$root/tests/fixtures" -name '*.md' -exec cp {} corpus/anonymise/ \;
find "$root/inputs" "$root/tests/fixtures" -name '*.txt' -exec cp {} corpus/text/ \;
find "$root/inputs" "$root/tests/fixtures" -name '*.docx' -exec cp {} corpus/docx/ \;
find "$root/inputs" "$root/tests/fixtures" -name 'event.toml' | while read -r f; do cp "$f" "corpus/event_toml/$(echo "$f" | tr '/' '_')"; done
find "$root/inputs" "$root/tests/fixtures" -name 'participants.csv' | while read -r f; do cp "$f" "corpus/participants/$(echo "$f" | tr '/' '_')"; done
find "$root/inputs" "$root/tests/fixtures" -path '*questionnaire*' -name '*.csv' | while read -r f; do { printf '\0'; cat "$f"; } > "corpus/questionnaire/$(echo "$f" | tr '/' '_')"; done
find "$root/inputs" "$root/tests/fixtures" -path '*questionnaire*' -name '*.xlsx' | while read -r f; do { printf '\1'; cat "$f"; } > "corpus/questionnaire/$(echo "$f" | tr '/' '_')"; done
