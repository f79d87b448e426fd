#!/usr/bin/env bash
# Smoke test of the real window: start Dossier under Xvfb, visit each main
# screen through its keyboard shortcut, save a screenshot of each into
# docs/screenshots/, and fail if the program dies, a screenshot is blank, or
# two screens look the same.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh --tools

bin=${DOSSIER_BIN:-build/dossier}
out=${SMOKE_OUT:-docs/screenshots}
mkdir -p "$out"
display=:$(( 90 + RANDOM % 100 ))
home=$(mktemp -d)
log=$(mktemp)
export LANG=en_US.UTF-8 HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share"

Xvfb "$display" -screen 0 1280x800x24 >/dev/null 2>&1 &
xvfb=$!
cleanup() { kill "${app:-}" 2>/dev/null || true; kill "$xvfb" 2>/dev/null || true; rm -rf "$home"; }
trap cleanup EXIT
export DISPLAY=$display
sleep 1

start=$(date +%s%N)
"$bin" >"$log" 2>&1 &
app=$!
# Wait for the window to appear: that is the cold start a user sees.
for _ in $(seq 1 100); do
  if xdotool search --name "^Dossier" >/dev/null 2>&1; then break; fi
  sleep 0.1
done
ready=$(date +%s%N)
echo "smoke: window after $(( (ready - start) / 1000000 )) ms"
sleep 2

alive() { kill -0 "$app" 2>/dev/null || { echo "smoke: Dossier died"; cat "$log"; exit 1; }; }
shot() { # name, then xdotool commands ("key ctrl+e", "mousemove 330 377 click 1")
  local name=$1; shift
  for c in "$@"; do
    # shellcheck disable=SC2086 # each command is several xdotool words
    if [ "${c%% *}" = sleep ]; then sleep "${c#* }"; else xdotool $c; fi
    sleep 1
  done
  alive
  import -window root "$out/$name.png"
  local sd
  sd=$(convert "$out/$name.png" -colorspace Gray -format "%[fx:standard_deviation]" info:)
  if awk "BEGIN{exit !($sd < 0.02)}"; then echo "smoke: $name looks blank (sd=$sd)"; exit 1; fi
  echo "smoke: $name ok"
}

sleep 3 # the first start creates the demo workspace
win=$(xdotool search --name "^Dossier" | head -1)
xdotool windowactivate --sync "$win" 2>/dev/null || true
# The first start greets over the demo; Escape closes the welcome, keeping it.
shot welcome
shot employees "key Escape" "key ctrl+e"
shot rules "key ctrl+n"
# Search the roster down to one employee (the demo's seed case, by IIN),
# then Ctrl+O: that employee's open case, with its sample scans.
shot case "key ctrl+e" "key ctrl+f" "type 850412314660" "key ctrl+o" "sleep 1"
shot timeline "key ctrl+2"
shot files "key ctrl+3" "sleep 2"
shot build "key ctrl+b" "sleep 5"
# Escape closes the report; on the roster, the same search and Ctrl+N: a
# new case for that employee.
shot wizard "key Escape" "key ctrl+f" "key ctrl+a" "type 850412314660" "key ctrl+n" "sleep 1"
shot settings "key ctrl+comma"

names=(welcome employees rules case timeline files build wizard settings)
for ((i = 0; i < ${#names[@]}; i++)); do
  for ((j = i + 1; j < ${#names[@]}; j++)); do
    diff=$(compare -metric AE "$out/${names[i]}.png" "$out/${names[j]}.png" null: 2>&1 || true)
    if [ "${diff%% *}" = "0" ]; then echo "smoke: ${names[i]} and ${names[j]} look the same"; exit 1; fi
  done
done
if grep -q "Error in Fyne call thread" "$log"; then echo "smoke: UI updated off the main thread"; cat "$log"; exit 1; fi
echo "smoke: passed"
