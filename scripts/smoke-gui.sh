#!/usr/bin/env bash
# Smoke test of the real editor: starts BIN under Xvfb on a copy of an
# example process, waits for its window, adds a task with the quick-add
# field, saves with Ctrl+S and checks the file, and screenshots the screen.
# Fails (non-zero) when the window never appears, the program dies, or the
# save does not reach the file.
# Usage: scripts/smoke-gui.sh BIN [SCREENSHOT.png]
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 BIN [SCREENSHOT.png]" >&2
  exit 2
fi
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shot=${2:-}
root=$(cd "$(dirname "$0")/.." && pwd)

for tool in xvfb-run xdotool import; do
  command -v "$tool" >/dev/null || { echo "smoke: $tool is missing (make deps-test installs it)" >&2; exit 1; }
done
[ -x "$bin" ] || { echo "smoke: $bin is not an executable (run make build)" >&2; exit 1; }

# Re-run inside a fresh X server.
if [ -z "${LANEMAP_SMOKE_INNER:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1400x900x24 -nolisten tcp" \
    env LANEMAP_SMOKE_INNER=1 "$0" "$bin" "$shot"
fi

work=$(mktemp -d)
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  [ -n "$pid" ] && wait "$pid" 2>/dev/null || true
  rm -rf "$work/lib" "$work/config"
}
trap cleanup EXIT
[ -n "$shot" ] || shot=$work/smoke.png

example=$(ls "$root"/examples/*.bpmn 2>/dev/null | head -n 1 || true)
[ -n "$example" ] || { echo "smoke: no examples/*.bpmn to open" >&2; exit 1; }
mkdir -p "$work/lib" "$work/config"
cp "$example" "$work/lib/"
file=$work/lib/$(basename "$example")

# Swedish UI when the machine has the locale, else English. Preferences go
# to a throw-away folder so the test never touches the user's.
if locale -a 2>/dev/null | grep -qi '^sv_SE.utf-\?8$'; then lang=sv_SE.UTF-8; else lang=en_US.UTF-8; fi
echo "smoke: starting $bin open $file (LANG=$lang, display $DISPLAY)"
LANG=$lang LANGUAGE= LC_ALL= XDG_CONFIG_HOME=$work/config XDG_CACHE_HOME=$work/config \
  "$bin" open "$file" >"$work/lanemap.log" 2>&1 &
pid=$!

fail() {
  echo "smoke: FAIL: $*" >&2
  echo "--- program output ---" >&2
  cat "$work/lanemap.log" >&2 || true
  exit 1
}

# Wait up to 60 s: a cold machine is slow to start its first GL context.
wid=
for _ in $(seq 1 120); do
  kill -0 "$pid" 2>/dev/null || fail "the program exited before its window appeared"
  wid=$(xdotool search --name 'Lanemap$' 2>/dev/null | head -n 1 || true)
  [ -n "$wid" ] && break
  sleep 0.5
done
[ -n "$wid" ] || fail "no window titled \"… — Lanemap\" within 60 s"
echo "smoke: window $wid \"$(xdotool getwindowname "$wid")\" is up"
sleep 2 # let the first frames render

# Quick-add a task and save.
xdotool windowactivate --sync "$wid" 2>/dev/null || xdotool windowfocus "$wid" 2>/dev/null || true
xdotool key --window "$wid" ctrl+l
sleep 0.5
xdotool type --window "$wid" --delay 30 "Smoke: Testa sparning"
xdotool key --window "$wid" Return
sleep 1
title=$(xdotool getwindowname "$wid")
case "$title" in "• "*) echo "smoke: quick-add marked the process unsaved: \"$title\"" ;;
  *) fail "after quick-add the title is \"$title\", expected the • unsaved marker" ;; esac
xdotool key --window "$wid" ctrl+s
for _ in $(seq 1 20); do
  grep -q 'Testa sparning' "$file" && break
  sleep 0.5
done
grep -q 'Testa sparning' "$file" || fail "Ctrl+S did not write the new task to $file"
title=$(xdotool getwindowname "$wid")
case "$title" in "• "*) fail "after saving the title is \"$title\", still unsaved" ;; esac
echo "smoke: Ctrl+S saved the new task; title back to \"$title\""

import -window root "$shot"
kill -0 "$pid" 2>/dev/null || fail "the program died"
# A blank (one-colour) screenshot means nothing was drawn.
if [ -x /usr/bin/convert ]; then
  sd=$(/usr/bin/convert "$shot" -format '%[fx:standard_deviation]' info:)
  awk -v s="$sd" 'BEGIN { exit !(s > 0.02) }' || fail "the screenshot is blank (deviation $sd)"
fi
echo "smoke: screenshot $shot"
echo "smoke: OK"
