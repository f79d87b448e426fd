#!/usr/bin/env bash
# Screenshots of a company's letterhead in the real window, under Xvfb, for
# docs/papers.md: the Companies screen with the first demo company's
# letterhead imported (company-letterhead.png), and the same card after a
# letterhead without {term} was picked in the file dialog and refused
# (company-letterhead-refused.png). A first start makes the demo workspace;
# scripts/letterheadshots imports Dossier's starting letterhead into it
# while the window is closed; the second start is driven by mouse clicks at
# fixed places of a 1280×800 screen (xdotool cannot type Cyrillic). Not part
# of `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${DOSSIER_BIN:-build/dossier}
out=${SHOTS_OUT:-docs/screenshots}
export LANG=en_US.UTF-8
fail() { echo "letterhead-shots: FAIL: $*"; exit 1; }

pids=()
home=$(mktemp -d)
cleanup() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$home"
}
trap cleanup EXIT

n=$(( 100 + RANDOM % 400 ))
while [ -e "/tmp/.X$n-lock" ]; do n=$(( 100 + RANDOM % 400 )); done
display=:$n
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
pids+=("$!")
for _ in $(seq 1 50); do [ -e "/tmp/.X11-unix/X$n" ] && break; sleep 0.1; done
x() { DISPLAY=$display xdotool "$@"; }

start() {
  DISPLAY=$display HOME=$home XDG_CONFIG_HOME=$home/.config XDG_DATA_HOME=$home/.local/share \
    "$bin" >>"$home/log" 2>&1 &
  app=$!
  pids+=("$app")
  for _ in $(seq 1 150); do x search --name "^Dossier" >/dev/null 2>&1 && break; sleep 0.1; done
  win=$(x search --name "^Dossier" | head -1) || fail "no window"
  sleep 5
  x windowactivate --sync "$win" 2>/dev/null || true
  x windowmove "$win" 0 0 windowsize "$win" 1280 800
  sleep 1
}

# The first start creates the demo workspace; Escape keeps it.
start
x key Escape
sleep 2
kill "$app"; wait "$app" 2>/dev/null || true
ws=$(find "$home" -name dossier.db -printf '%h\n' | head -1)
[ -n "$ws" ] || fail "no demo workspace"
go run ./scripts/letterheadshots "$ws" "$home"

start
x key Escape
# Companies, in the navigation on the left.
x mousemove "${NAV_X:-70}" "${NAV_Y:-60}" click 1
sleep 2
DISPLAY=$display import -window root "$out/company-letterhead.png"
# "Replace…" of the Russian letterhead, then letterhead-new.docx in the home
# folder, then the dialog's confirm button.
x mousemove "${REPLACE_X:-330}" "${REPLACE_Y:-470}" click 1
sleep 2
[ -n "${STEP:-}" ] && { DISPLAY=$display import -window root "$out/step.png"; exit 0; }
x mousemove "${FILE_X:-485}" "${FILE_Y:-215}" click 1
sleep 1
x mousemove "${CHOOSE_X:-1025}" "${CHOOSE_Y:-697}" click 1
sleep 3
DISPLAY=$display import -window root "$out/company-letterhead-refused.png"
if grep -q "Error in Fyne call thread" "$home/log"; then cat "$home/log"; fail "UI updated off the main thread"; fi
echo "letterhead-shots: done"
