#!/usr/bin/env bash
# Renders every MIWG reference model with `lanemap render` and puts each
# rendering beside the reference picture, one PNG per diagram, into
# docs/contact-sheet/, plus docs/contact-sheet/README.md listing them.
#
# Usage: scripts/contact-sheet.sh [LANEMAP_BINARY]
#   The binary defaults to $LANEMAP, else a fresh one is built (-tags nogui)
#   into a temp folder (a binary in bin/ may be older than the code).
#   The corpus is $LANEMAP_CORPUS or ../shared/bpmn-corpus beside the repo.
# Needs ImageMagick (/usr/bin/convert).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
corpus=${LANEMAP_CORPUS:-$root/../shared/bpmn-corpus}
ref="$corpus/reference"
out=docs/contact-sheet
convert=/usr/bin/convert # /usr/local/bin/convert may be a stand-in
width=1200 # of one sheet

[ -d "$ref" ] || { echo "contact-sheet: no corpus at $ref (set LANEMAP_CORPUS)" >&2; exit 1; }
[ -x "$convert" ] || { echo "contact-sheet: needs ImageMagick (apt-get install imagemagick)" >&2; exit 1; }

# ImageMagick's default label font (Helvetica) is often missing.
font=$(fc-match -f '%{file}' sans 2>/dev/null || true)
fontarg=()
[ -n "$font" ] && fontarg=(-font "$font")

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

bin=${1:-${LANEMAP:-}}
if [ -z "$bin" ]; then
  echo "contact-sheet: building lanemap (-tags nogui)"
  CGO_ENABLED=0 go build -tags nogui -o "$tmp/lanemap" ./cmd/lanemap
  bin=$tmp/lanemap
fi

"$bin" render -h 2>&1 | grep -q "Usage: lanemap render" || { echo "contact-sheet: $bin has no render verb" >&2; exit 1; }

mkdir -p "$out"
rm -f "$out"/*.png
readme=$out/README.md
{
  echo "# Contact sheet: Lanemap beside the MIWG reference renderings"
  echo
  echo "Made by \`scripts/contact-sheet.sh\`: every reference model of the BPMN"
  echo "MIWG test suite drawn with \`lanemap render --scale 1\` (captioned Lanemap)"
  echo "beside or above the reference picture shipped with the model (captioned"
  echo "Reference). Compare meaning, not pixels: the reference tools use other fonts"
  echo "and colours, and a picture is scaled to fit the sheet."
  echo
  echo "Reference models and pictures: BPMN 2.0 test models and tool results by the"
  echo "OMG BPMN Model Interchange Working Group (MIWG) and the contributing tool"
  echo "vendors, https://github.com/bpmn-miwg/bpmn-miwg-test-suite, licensed under"
  echo "CC BY 3.0. No endorsement by the MIWG or any vendor is implied."
  echo
  echo "| Model | Diagram | Sheet | Note |"
  echo "|---|---|---|---|"
} >"$readme"

fail=0
for model in "$ref"/*.bpmn; do
  name=$(basename "$model" .bpmn)
  # Diagram ids in document order (BPMNDiagram elements, any prefix).
  mapfile -t ids < <(grep -o '<[A-Za-z0-9_]*:\?BPMNDiagram[^>]*' "$model" | sed -n 's/.*[[:space:]]id="\([^"]*\)".*/\1/p')
  [ ${#ids[@]} -gt 0 ] || ids=("")
  n=0
  for id in "${ids[@]}"; do
    n=$((n + 1))
    if [ ${#ids[@]} -gt 1 ]; then
      tag=$name.$n
      refpng=$ref/$name.$n.png
    else
      tag=$name
      refpng=$ref/$name.png
    fi
    ours=$tmp/$tag.png
    note=""
    args=("$model" "$ours" --scale 1)
    [ -n "$id" ] && args+=(--diagram "$id")
    if ! "$bin" render "${args[@]}" 2>"$tmp/err"; then
      echo "contact-sheet: $tag: render failed: $(cat "$tmp/err")" >&2
      fail=1
      echo "| $name | ${id:-–} | – | render failed |" >>"$readme"
      continue
    fi
    sheet=$out/$tag.png
    if [ -f "$refpng" ]; then
      # Landscape diagrams go one above the other, others side by side.
      w=$("$convert" "$refpng" -trim -format '%w' info:)
      h=$("$convert" "$refpng" -trim -format '%h' info:)
      if [ "$w" -gt "$h" ]; then
        join=-append spacer=1x24 geom="$((width - 20))x"
      else
        join=+append spacer=24x1 geom="$((width / 2 - 22))x"
      fi
      # Each picture gets its caption underneath, then the two are joined.
      "$convert" "$ours" -resize "$geom" -background white "${fontarg[@]}" -pointsize 18 \
        label:"Lanemap" -gravity center -append "$tmp/a.png"
      "$convert" "$refpng" -background white -alpha remove -alpha off -trim +repage -resize "$geom" \
        -background white "${fontarg[@]}" -pointsize 18 label:"Reference (MIWG)" -gravity center -append "$tmp/b.png"
      "$convert" "$tmp/a.png" -size "$spacer" xc:white "$tmp/b.png" -background white -gravity center "$join" \
        -bordercolor white -border 10 "$tmp/sheet.png"
    else
      note="no reference picture"
      "$convert" "$ours" -resize "$((width - 20))x>" "$tmp/sheet.png"
    fi
    # A 256-colour palette keeps the sheets small; diagrams are flat colour.
    "$convert" "$tmp/sheet.png" +dither -colors 256 -define png:compression-level=9 "$sheet"
    echo "| $name | ${id:-–} | [$tag.png]($tag.png) | $note |" >>"$readme"
    echo "contact-sheet: $sheet"
  done
done
exit $fail
