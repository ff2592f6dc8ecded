#!/usr/bin/env bash
# Screenshots of the published intranet site, for the documentation:
#   docs/screenshots/site-index.png    the process index with search and filters
#   docs/screenshots/site-process.png  a process page with a map element chosen
#   docs/screenshots/site-map-full.png the map at full size (the "Visa i full storlek" button)
#   docs/screenshots/site-mobile.png   a process page's map on a 390 px wide phone
#   docs/screenshots/site-steps.png    the same page at its step-by-step text
#   docs/screenshots/site-role.png     a role page ("vem gör vad")
#   docs/screenshots/site-handovers.png the handover overview of the library
#   docs/screenshots/site-index-en.png the index in English
# Publishes examples/ (drafts included) to a temporary folder and takes the
# pictures with headless Chromium from file:// URLs.
# Usage: scripts/site-screenshots.sh [BIN]   (BIN defaults to a fresh nogui build)
set -euo pipefail
# Fyne (in the full build) complains about the C locale; this one it knows.
export LANG=en_US.UTF-8

root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/docs/screenshots
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ $# -ge 1 ]; then
  bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
else
  bin=$work/lanemap
  # The headless build is quickest; the full one works too.
  (cd "$root" && { CGO_ENABLED=0 go build -tags nogui -o "$bin" ./cmd/lanemap 2>/dev/null ||
    go build -o "$bin" ./cmd/lanemap; })
fi
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "site-screenshots: chromium is missing (make screenshots installs it)" >&2; exit 1; }

"$bin" publish -q --drafts --no-pdf "$root/examples" "$work/sv"
"$bin" publish -q --drafts --no-pdf --lang en "$root/examples" "$work/en"
mkdir -p "$out"

shot() { # shot NAME URL WIDTH HEIGHT
  "$browser" --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --user-data-dir="$work/profile" --virtual-time-budget=3000 \
    --window-size="$3,$4" --screenshot="$out/$1" "$2" >/dev/null 2>&1
  [ -s "$out/$1" ] || { echo "site-screenshots: no picture for $2" >&2; exit 1; }
  echo "wrote docs/screenshots/$1"
}

page=processer/ekonomiskt-bistand.html
step=$(grep -o 'data-element="Task_[^"]*" id="k-' "$work/sv/$page" | sed -n 3p | cut -d'"' -f2)
shot site-index.png "file://$work/sv/index.html" 1400 900
shot site-process.png "file://$work/sv/$page#karta-$step" 1400 1250
# Headless Chromium paints nothing when it has to scroll to an anchor, so the
# step view is shot from a copy of the page with the sections above it hidden.
sed 's|</head>|<style>main > h1, main > section:nth-of-type(-n+2) { display: none }</style></head>|' \
  "$work/sv/$page" >"$work/sv/processer/steg-vy.html"
# The full-size view is what the button gives; a copy of the page presses it.
sed -e 's|</head>|<style>main > h1, main > section:nth-of-type(1) { display: none }</style></head>|' \
  -e 's|</body>|<script>addEventListener("load", function () { document.getElementById("karta-zoom").click() })</script></body>|' \
  "$work/sv/$page" >"$work/sv/processer/full-vy.html"
shot site-map-full.png "file://$work/sv/processer/full-vy.html" 1400 900
sed 's|</head>|<style>main > section:nth-of-type(1) { display: none }</style></head>|' \
  "$work/sv/$page" >"$work/sv/processer/mobil-vy.html"
shot site-mobile.png "file://$work/sv/processer/mobil-vy.html" 390 844
shot site-steps.png "file://$work/sv/processer/steg-vy.html" 1400 900
shot site-role.png "file://$work/sv/roller/socialsekreterare.html" 1400 900
shot site-handovers.png "file://$work/sv/overlamningar.html" 1400 900
shot site-index-en.png "file://$work/en/index.html?q=barn" 1400 700
