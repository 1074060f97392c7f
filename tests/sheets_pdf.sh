#!/usr/bin/env bash
# Prints the example week's sheets.html to PDF with headless Chromium, as a point's staff would,
# and checks it: one page per distribution point (each point starting its own page), every
# household of the week's sheets present. Then the drivers' routes.html: one page per van, every
# stop of routes.csv on it. Skipped (exit 77) when Chromium or poppler's pdfinfo
# is not installed (scripts/test installs them).
set -euo pipefail
panier=$1
source_dir=$2
for tool in chromium pdfinfo pdftotext; do
  if ! command -v "$tool" >/dev/null; then
    echo "skipped: $tool is not installed (scripts/setup chromium poppler-utils)"
    exit 77
  fi
done
work=$(mktemp -d -t panier-pdf-XXXXXX)
trap 'rm -rf "$work"' EXIT
export PANIER_CONFIG=$source_dir/data/example/panier.toml PANIER_DB=$work/panier.db PANIER_TODAY=2023-01-05 TZ=Europe/Paris
week=2023-W10
"$panier" -q init
"$panier" -q household import "$source_dir/data/example/households.csv"
"$panier" -q harvest import "$source_dir/data/example/harvest.csv"
"$panier" -q plan --week $week >/dev/null
"$panier" -q allocate --week $week >/dev/null
"$panier" -q deliver --week $week --out "$work/out"
timeout 120 chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run --user-data-dir="$work/profile" \
  --print-to-pdf="$work/sheets.pdf" "file://$work/out/sheets.html" >/dev/null 2>&1
pdftotext -layout "$work/sheets.pdf" "$work/sheets.txt"
points=$(ls "$work/out/sheets" | wc -l)
pages=$(pdfinfo "$work/sheets.pdf" | awk '/^Pages:/ { print $2 }')
failures=0
if [ "$pages" != "$points" ]; then
  echo "FAIL: $pages pages for $points points"
  failures=$((failures + 1))
fi
# Each point's page starts with its name.
for sheet in "$work"/out/sheets/*.csv; do
  point=$(basename "$sheet" .csv)
  name=$(awk -v id="$point" -F'"' '$0 ~ "^\\[points\\." id "\\]" { found = 1 } found && /^name =/ { print $2; exit }' \
    "$PANIER_CONFIG")
  if ! grep -q -F "$name" "$work/sheets.txt"; then
    echo "FAIL: point $point ($name) is not in the PDF"
    failures=$((failures + 1))
  fi
  # Every household of the point's sheet is printed.
  for code in $(tail -n +2 "$sheet" | cut -d, -f3); do
    if ! grep -q -w -F "$code" "$work/sheets.txt"; then
      echo "FAIL: $code of $point is not in the PDF"
      failures=$((failures + 1))
    fi
  done
done
# A page never holds two points: the first line of each page is one point's name.
for n in $(seq 1 "$pages"); do
  pdftotext -f "$n" -l "$n" -layout "$work/sheets.pdf" "$work/page.txt"
  first=$(sed '/^\s*$/d' "$work/page.txt" | sed -n 1p | sed 's/^ *//;s/ *$//')
  if ! grep -q -F "name = \"$first\"" "$PANIER_CONFIG"; then
    echo "FAIL: page $n does not start with a point's name (\"$first\")"
    failures=$((failures + 1))
  fi
done
timeout 120 chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run --user-data-dir="$work/profile" \
  --print-to-pdf="$work/routes.pdf" "file://$work/out/routes.html" >/dev/null 2>&1
pdftotext "$work/routes.pdf" "$work/routes.txt"
vans=$(tail -n +2 "$work/out/routes.csv" | cut -d, -f2 | grep -v '^$' | sort -u | wc -l)
route_pages=$(pdfinfo "$work/routes.pdf" | awk '/^Pages:/ { print $2 }')
if [ "$route_pages" != "$vans" ]; then
  echo "FAIL: routes.html prints on $route_pages pages for $vans vans"
  failures=$((failures + 1))
fi
# Every stop is printed with its arrival time (names may wrap and hyphenate inside their cell).
for stop in $(tail -n +2 "$work/out/routes.csv" | awk -F, '$2 != "" && $4 != "depot" { print $4 "@" $5 }'); do
  if ! grep -q -F "${stop#*@}" "$work/routes.txt"; then
    echo "FAIL: the stop at ${stop%@*} (arrival ${stop#*@}) is not on the drivers' sheets"
    failures=$((failures + 1))
  fi
done
baskets=$(tail -n +2 "$work/out/packing.csv" | awk -F, '{ n += $NF } END { print n }')
echo "$pages pages, $points points, $baskets baskets; routes: $route_pages pages for $vans vans; $failures problems"
[ "$failures" -eq 0 ]
