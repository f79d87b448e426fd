#!/usr/bin/env bash
# Smoke test of the real window, as a clerk meets it: a first start on a
# fresh machine (empty home folder), once on a 1280×800 screen and once on
# a 1024×600 one, under Xvfb. Each run walks the main screens by keyboard
# (xdotool cannot type Cyrillic into GLFW, so it types digits and Latin
# only), saves a screenshot of each step into docs/screenshots/ (the small
# screen's with a "1024x600-" prefix), and fails if a step fails, the
# program dies, a screenshot is blank, two screens look the same, the window
# is larger than the screen, or Fyne reports a UI update off its thread.
# It is not part of `make test`: run it with `make smoke`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh --tools

bin=${DOSSIER_BIN:-build/dossier}
out=${SMOKE_OUT:-docs/screenshots}
mkdir -p "$out"
export LANG=en_US.UTF-8

fail() { echo "smoke: FAIL: $*"; exit 1; }

# Everything started is stopped however the script ends.
pids=()
dirs=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "${dirs[@]}"
}
trap cleanup EXIT

# free_display picks a display number nobody uses (other Xvfb may run).
free_display() {
  local n
  for _ in $(seq 1 50); do
    n=$(( 100 + RANDOM % 400 ))
    [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ] || { echo "$n"; return; }
  done
  fail "no free X display number"
}

# run_at W H PREFIX: one first start on a W×H screen.
run_at() {
  local sw=$1 sh=$2 prefix=$3
  local display home log xvfb app win
  display=:$(free_display)
  home=$(mktemp -d)
  log=$(mktemp)
  dirs+=("$home" "$log")
  echo "smoke: --- ${sw}x${sh} on $display, first start in an empty home"
  Xvfb "$display" -screen 0 "${sw}x${sh}x24" -nolisten tcp >/dev/null 2>&1 &
  xvfb=$!
  pids+=("$xvfb")
  for _ in $(seq 1 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
  local start ready
  start=$(date +%s%N)
  DISPLAY=$display HOME=$home XDG_CONFIG_HOME=$home/.config XDG_DATA_HOME=$home/.local/share \
    "$bin" >"$log" 2>&1 &
  app=$!
  pids+=("$app")
  for _ in $(seq 1 150); do
    if DISPLAY=$display xdotool search --name "^Dossier" >/dev/null 2>&1; then break; fi
    sleep 0.1
  done
  ready=$(date +%s%N)
  win=$(DISPLAY=$display xdotool search --name "^Dossier" | head -1) || true
  [ -n "$win" ] || { cat "$log"; fail "no window at ${sw}x${sh}"; }
  echo "smoke: window after $(( (ready - start) / 1000000 )) ms"
  sleep 4 # the first start creates the demo workspace and greets
  DISPLAY=$display xdotool windowactivate --sync "$win" 2>/dev/null || true

  alive() { kill -0 "$app" 2>/dev/null || { cat "$log"; fail "Dossier died at ${sw}x${sh}"; }; }
  fits() {
    local geo w h
    geo=$(DISPLAY=$display xdotool getwindowgeometry "$win" | awk '/Geometry:/ {print $2}')
    w=${geo%x*}; h=${geo#*x}
    [ "$w" -le "$sw" ] && [ "$h" -le "$sh" ] || fail "the window is ${geo}, larger than the ${sw}x${sh} screen"
    echo "$geo"
  }
  local names=()
  shot() { # name, then xdotool commands ("key ctrl+e", "type 850412314660", "sleep 2")
    local name=$1; shift
    for c in "$@"; do
      if [ "${c%% *}" = sleep ]; then sleep "${c#* }"; else
        # shellcheck disable=SC2086 # each command is several xdotool words
        DISPLAY=$display xdotool $c || fail "step '$c' before $name"
      fi
      sleep 1
    done
    alive
    local file="$out/$prefix$name.png"
    DISPLAY=$display import -window root "$file" || fail "no screenshot of $name"
    local sd
    sd=$(convert "$file" -colorspace Gray -format "%[fx:standard_deviation]" info:)
    if awk "BEGIN{exit !($sd < 0.02)}"; then fail "$prefix$name looks blank (sd=$sd)"; fi
    names+=("$prefix$name")
    echo "smoke: $prefix$name ok (window $(fits))"
  }

  shot welcome
  # Escape closes the welcome and keeps the demo.
  shot employees "key Escape" "key ctrl+e"
  # Ctrl+N with nobody selected: a blank trial case, not the demo's.
  shot rules "key ctrl+n"
  # The mouse wheel over the applicant's name field moves the form (Fyne's
  # entry used to keep the turn): the screen must differ from the last one.
  shot wheel "mousemove --window $win 430 305" "click --repeat 4 --delay 50 5" "sleep 1"
  # The seed case by its employee's IIN, then its tabs.
  shot case "key ctrl+e" "key ctrl+f" "type 850412314660" "key ctrl+o" "sleep 1"
  shot timeline "key ctrl+2"
  shot files "key ctrl+3" "sleep 2"
  # The first build asks where this company's packages go: Tab to "Build
  # here" (after "Another folder…" and "Cancel") and press it.
  shot build-where "key ctrl+b" "sleep 1"
  shot build "key Tab" "key Tab" "key Tab" "key space" "sleep 8"
  # The same search on the roster and Ctrl+N: a new case for that employee.
  shot wizard "key Escape" "key ctrl+e" "key ctrl+f" "key ctrl+a" "type 850412314660" "key ctrl+n" "sleep 1"
  shot settings "key ctrl+comma"
  # Ctrl+D: what is due, every legal clock of the demo's companies.
  shot due-window "key ctrl+d" "sleep 2"
  # Fyne's own file dialog, titled in Russian: Ctrl+O on an open case.
  shot file-dialog "key ctrl+e" "key ctrl+f" "key ctrl+a" "type 850412314660" "key ctrl+o" "sleep 1" "key ctrl+o" "sleep 1"

  local i j diff
  for ((i = 0; i < ${#names[@]}; i++)); do
    for ((j = i + 1; j < ${#names[@]}; j++)); do
      diff=$(compare -metric AE "$out/${names[i]}.png" "$out/${names[j]}.png" null: 2>&1 || true)
      [ "${diff%% *}" != "0" ] || fail "${names[i]} and ${names[j]} look the same"
    done
  done
  if grep -q "Error in Fyne call thread" "$log"; then cat "$log"; fail "UI updated off the main thread"; fi
  if grep -qi "panic\|nil pointer" "$log"; then cat "$log"; fail "a panic at ${sw}x${sh}"; fi
  echo "smoke: ${sw}x${sh} passed (${#names[@]} screens)"
  kill "$app" "$xvfb" 2>/dev/null || true
  wait "$app" "$xvfb" 2>/dev/null || true
}

run_at 1280 800 ""
run_at 1024 600 "1024x600-"
echo "smoke: passed"
