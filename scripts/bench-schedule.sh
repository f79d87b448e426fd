#!/usr/bin/env bash
# Benchmarks of the workspace and the schedule, side by side in one run:
#   1. `dossier schedule` on a 10,000-employee demo workspace (the whole
#      command, as a user runs it) against openpyxl writing the same number of
#      rows and columns in write-only mode (save included), for the default
#      90-day range, one year and everything;
#   2. peak memory of `dossier schedule` writing about 100,000 rows.
# Each run of each tool is interleaved with the others', so a busy machine
# slows them alike; wall time and CPU time (user + system) are both given,
# CPU time being the steadier figure on a shared machine.
# BASELINE=path/to/other/dossier adds that build's times to the table (a
# before/after comparison in one run); DOSSIER=path skips the build.
# Needs python3-openpyxl and GNU time (apt-get install python3-openpyxl time).
# Results go to stdout as a Markdown table for docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
TIME=/usr/bin/time
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
TODAY=2026-11-25
RUNS=${RUNS:-5}
BASELINE=${BASELINE:-}

if ! $PY -c 'import openpyxl' 2>/dev/null; then echo "python3-openpyxl is missing" >&2; exit 2; fi
if [ ! -x $TIME ]; then echo "GNU time is missing (apt-get install time)" >&2; exit 2; fi

bin=${DOSSIER:-}
if [ -z "$bin" ]; then
	# The binary users get; without the GUI toolchain fall back to the headless build.
	bin=$work/dossier
	go build -trimpath -o "$bin" . 2>/dev/null || CGO_ENABLED=0 go build -tags ci -trimpath -o "$bin" .
fi

# run BIN ARGS…: one run; prints "wall cpu rss_mib" (seconds, seconds, MiB).
run() {
	local s e
	s=$(date +%s%N)
	$TIME -f '%U %S %M' -o "$work/time" "$@" >/dev/null
	e=$(date +%s%N)
	awk -v w="$(( (e - s) / 1000 ))" '{printf "%.3f %.3f %.1f\n", w / 1e6, $1 + $2, $3 / 1024}' "$work/time"
}
# median COLUMN: the median of that column of stdin.
median() { awk -v c="$1" '{print $c}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ratio() { echo "$1 / $2" | bc -l | xargs printf '%.3f'; }
# rows_in runs the schedule once with --json and prints how many rows it wrote.
rows_in() { "$@" --json | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["summary"]["rows"])'; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "go: $(go version | cut -d' ' -f3), openpyxl: $($PY -c 'import openpyxl; print(openpyxl.__version__)'), runs: $RUNS (median)"
echo

"$bin" demo --workspace "$work/ws10k" --employees 10000 --today $TODAY >/dev/null
head="| case | rows × columns | dossier wall | openpyxl wall | ratio (wall) | dossier CPU | openpyxl CPU | ratio (CPU) | dossier peak RSS |"
line="|---|---|---|---|---|---|---|---|---|"
if [ -n "$BASELINE" ]; then head+=" baseline wall | baseline CPU | baseline RSS |"; line+="---|---|---|"; fi
echo "$head"
echo "$line"

# measure LABEL WORKSPACE RUNS FLAGS…
measure() {
	local label=$1 ws=$2 runs=$3
	shift 3
	local n
	n=$(rows_in "$bin" schedule --workspace "$ws" --out "$work/s.xlsx" --today $TODAY "$@")
	last_rows=$n
	: >"$work/d"; : >"$work/p"; : >"$work/b"
	for _ in $(seq "$runs"); do
		run "$bin" schedule --workspace "$ws" --out "$work/s.xlsx" --today $TODAY "$@" >>"$work/d"
		"$PY" scripts/bench_openpyxl.py "$n" "$work/p.xlsx" >>"$work/p"
		if [ -n "$BASELINE" ]; then
			run "$BASELINE" schedule --workspace "$ws" --out "$work/b.xlsx" --today $TODAY "$@" >>"$work/b"
		fi
	done
	local dw dc dm pw pc
	dw=$(median 1 <"$work/d"); dc=$(median 2 <"$work/d"); dm=$(median 3 <"$work/d")
	pw=$(median 1 <"$work/p"); pc=$(median 2 <"$work/p")
	local out="| $label | $n × 13 | ${dw} s | ${pw} s | **$(ratio "$dw" "$pw")×** | ${dc} s | ${pc} s | $(ratio "$dc" "$pc")× | ${dm} MiB |"
	if [ -n "$BASELINE" ]; then
		out+=" $(median 1 <"$work/b") s | $(median 2 <"$work/b") s | $(median 3 <"$work/b") MiB |"
	fi
	echo "$out"
}

measure "10,000 employees, default range (90 days)" "$work/ws10k" "$RUNS"
measure "10,000 employees, one year" "$work/ws10k" "$RUNS" --to 2027-11-25
measure "10,000 employees, everything (2020–2040)" "$work/ws10k" "$RUNS" --from 2020-01-01 --to 2040-12-31

# About 100,000 rows: 34,000 employees with three dated items each.
"$bin" demo --workspace "$work/ws100k" --employees 34000 --today $TODAY >/dev/null
measure "34,000 employees, everything" "$work/ws100k" 3 --from 2020-01-01 --to 2040-12-31
pm=$($TIME -f '%M' "$PY" scripts/bench_openpyxl.py "$last_rows" "$work/p.xlsx" 2>&1 >/dev/null | tail -1)
echo
echo "openpyxl's peak RSS writing $last_rows rows: $(echo "$pm / 1024" | bc -l | xargs printf '%.1f') MiB; load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
