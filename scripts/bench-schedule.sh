#!/usr/bin/env bash
# Benchmarks of the workspace and the schedule, side by side in one run:
#   1. `dossier schedule` on a 10,000-employee demo workspace (the whole
#      command, as a user runs it) against openpyxl writing the same number of
#      rows and columns in write-only mode (save included);
#   2. peak memory of `dossier schedule` writing about 100,000 rows.
# Needs python3-openpyxl and GNU time (apt-get install python3-openpyxl time).
# Results go to stdout as a Markdown table for docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
TIME=/usr/bin/time
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin=$work/dossier
TODAY=2026-11-25
RUNS=${RUNS:-5}

if ! $PY -c 'import openpyxl' 2>/dev/null; then echo "python3-openpyxl is missing" >&2; exit 2; fi
if [ ! -x $TIME ]; then echo "GNU time is missing (apt-get install time)" >&2; exit 2; fi

# The binary users get; without the GUI toolchain fall back to the headless build.
go build -trimpath -o "$bin" . 2>/dev/null || CGO_ENABLED=0 go build -tags ci -trimpath -o "$bin" .

secs() { # run a command, print its wall time in seconds
	local s e
	s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N)
	echo "$e - $s" | bc -l | xargs printf '%.3f\n'
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
peak_mib() { # run a command, print its peak resident memory in MiB
	$TIME -f '%M' -o "$work/mem" "$@" >/dev/null
	echo "$(tail -1 "$work/mem") / 1024" | bc -l | xargs printf '%.1f\n'
}
# rows_in runs the schedule once with --json and prints how many rows it wrote.
rows_in() { "$@" --json | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["summary"]["rows"])'; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "go: $(go version | cut -d' ' -f3), openpyxl: $($PY -c 'import openpyxl; print(openpyxl.__version__)')"
echo

demo_s=$(secs "$bin" demo --workspace "$work/ws10k" --employees 10000 --today $TODAY)
echo "demo workspace of 10,000 employees created in ${demo_s} s"
echo
echo "| case | rows × columns | dossier schedule (whole command) | openpyxl write-only (save included) | ratio | dossier peak RSS |"
echo "|---|---|---|---|---|---|"
for range in "default:" "one year:--to 2027-11-25" "everything:--from 2020-01-01 --to 2040-12-31"; do
	label=${range%%:*}; flags=${range#*:}
	# shellcheck disable=SC2086
	n=$(rows_in "$bin" schedule --workspace "$work/ws10k" --out "$work/s.xlsx" --today $TODAY $flags)
	d=$(for _ in $(seq "$RUNS"); do secs "$bin" schedule --workspace "$work/ws10k" --out "$work/s.xlsx" --today $TODAY $flags; done | median)
	p=$(for _ in $(seq "$RUNS"); do "$PY" scripts/bench_openpyxl.py "$n" "$work/p.xlsx"; done | median)
	# shellcheck disable=SC2086
	m=$(peak_mib "$bin" schedule --workspace "$work/ws10k" --out "$work/s.xlsx" --today $TODAY $flags)
	ratio=$(echo "$d / $p" | bc -l | xargs printf '%.3f\n')
	echo "| 10,000 employees, $label range | $n × 13 | ${d} s | ${p} s | ${ratio}× | ${m} MiB |"
done

# About 100,000 rows: 34,000 employees with three dated items each.
"$bin" demo --workspace "$work/ws100k" --employees 34000 --today $TODAY >/dev/null
flags="--from 2020-01-01 --to 2040-12-31"
# shellcheck disable=SC2086
n=$(rows_in "$bin" schedule --workspace "$work/ws100k" --out "$work/s.xlsx" --today $TODAY $flags)
# shellcheck disable=SC2086
d=$(for _ in $(seq 3); do secs "$bin" schedule --workspace "$work/ws100k" --out "$work/s.xlsx" --today $TODAY $flags; done | median)
p=$(for _ in $(seq 3); do "$PY" scripts/bench_openpyxl.py "$n" "$work/p.xlsx"; done | median)
# shellcheck disable=SC2086
m=$(peak_mib "$bin" schedule --workspace "$work/ws100k" --out "$work/s.xlsx" --today $TODAY $flags)
pm=$(peak_mib "$PY" scripts/bench_openpyxl.py "$n" "$work/p.xlsx")
ratio=$(echo "$d / $p" | bc -l | xargs printf '%.3f\n')
echo "| 34,000 employees, everything | $n × 13 | ${d} s | ${p} s (peak ${pm} MiB) | ${ratio}× | ${m} MiB |"
