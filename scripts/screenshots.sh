#!/usr/bin/env bash
# Screenshots of the real editor for the documentation, taken under Xvfb:
#   docs/screenshots/editor-sv.png       Swedish UI, handovers shown with their list
#   docs/screenshots/editor-sv-quick.png Swedish UI, a step added with quick-add
#   docs/screenshots/editor-en.png       English UI, a lane selected
#   docs/screenshots/editor-export-sv.png Swedish UI, the Export the map dialog
#   docs/screenshots/editor-dark.png     Swedish UI in the dark theme
# Then runs scripts/site-screenshots.sh (the published site) when it exists.
# Usage: scripts/screenshots.sh BIN
set -euo pipefail

[ $# -eq 1 ] || { echo "usage: $0 BIN" >&2; exit 2; }
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/docs/screenshots

if [ -z "${LANEMAP_SHOTS_INNER:-}" ]; then
  for tool in xvfb-run xdotool import; do
    command -v "$tool" >/dev/null || { echo "screenshots: $tool is missing (make screenshots installs it)" >&2; exit 1; }
  done
  LANEMAP_SHOTS_INNER=1 xvfb-run -a -s "-screen 0 1400x900x24 -nolisten tcp" "$0" "$bin"
  if [ -x "$root/scripts/site-screenshots.sh" ]; then
    "$root/scripts/site-screenshots.sh" "$bin"
  fi
  exit 0
fi

mkdir -p "$out"
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT

# start LANG THEME FILE: runs the editor on a fresh copy of the examples
# with its own preferences and waits for the window (sets $pid and $wid).
start() {
  local lang=$1 theme=$2 file=$3
  lib=$work/Socialtjänsten
  rm -rf "$lib" "$work/config"
  mkdir -p "$lib" "$work/config/fyne/se.lanemap.editor"
  cp "$root"/examples/*.bpmn "$lib/"
  printf '{"themeMode":"%s"}' "$theme" >"$work/config/fyne/se.lanemap.editor/preferences.json"
  # HOME is a made-up user's, so a dialog offering the home folder shows no
  # path of this machine.
  HOME=/home/anna LANG=$lang LANGUAGE= LC_ALL= XDG_CONFIG_HOME=$work/config XDG_CACHE_HOME=$work/config \
    "$bin" open "$lib/$file" >"$work/log" 2>&1 &
  pid=$!
  wid=
  for _ in $(seq 1 120); do
    kill -0 "$pid" 2>/dev/null || { cat "$work/log" >&2; echo "screenshots: the editor exited" >&2; exit 1; }
    wid=$(xdotool search --name 'Lanemap$' 2>/dev/null | head -n 1 || true)
    [ -n "$wid" ] && break
    sleep 0.5
  done
  [ -n "$wid" ] || { echo "screenshots: no window within 60 s" >&2; exit 1; }
  sleep 2
  xdotool windowmove "$wid" 0 0 windowsize "$wid" 1400 900
  xdotool windowactivate --sync "$wid" 2>/dev/null || xdotool windowfocus "$wid" 2>/dev/null || true
  sleep 1
}

stop() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  pid=
}

shot() {
  sleep 1
  import -window "$wid" "$out/$1"
  echo "screenshots: $out/$1"
}

# Swedish, handovers on (Ctrl+H) with their list; the second row selected.
start sv_SE.UTF-8 light orosanmalan-barn.bpmn
xdotool key --window "$wid" ctrl+h
sleep 1
xdotool mousemove --window "$wid" 500 800 click 1
shot editor-sv.png
stop

# Swedish, quick-add after a step chosen with the arrow keys (a click on
# empty canvas focuses it; → walks from the start event along the flow).
# The text is ASCII on purpose: under Xvfb, GLFW drops or lowercases some
# å ä ö typed by xdotool even with the Swedish keymap.
start sv_SE.UTF-8 light ekonomiskt-bistand.bpmn
xdotool mousemove --window "$wid" 650 150 click 1
sleep 0.3
xdotool key --window "$wid" Right Right Right
sleep 0.3
xdotool key --window "$wid" ctrl+l
sleep 0.5
xdotool type --window "$wid" --delay 40 "Socialsekreterare: Boka hembesok"
sleep 0.5
xdotool key --window "$wid" Return
sleep 1
shot editor-sv-quick.png
stop

# English, a lane header selected so the properties show its role.
start en_US.UTF-8 light lex-sarah.bpmn
xdotool mousemove --window "$wid" 700 400 click 1
shot editor-en.png
stop

# Swedish, Arkiv › Exportera kartan… (Ctrl+E) with PNG chosen.
start sv_SE.UTF-8 light lex-sarah.bpmn
xdotool key --window "$wid" ctrl+e
sleep 1
xdotool mousemove --window "$wid" 470 347 click 1
shot editor-export-sv.png
stop

# Dark theme.
start sv_SE.UTF-8 dark bistandsbeslut-till-hemtjanst.bpmn
xdotool key --window "$wid" ctrl+h
shot editor-dark.png
stop
