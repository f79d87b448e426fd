#!/usr/bin/env bash
# Benchmark of `dossier import` as a user runs it: the whole process, from
# start to exit, on a fresh workspace each time.
#   - 50,000-row rosters as .xlsx and as CSV (the goal: under 5 s of CPU and
#     150 MiB);
#   - hostile rosters: far cells and a million junk rows (under 300 MiB).
# CPU is user + system time and memory the peak resident set, both from GNU
# time (apt-get install time). ROWS=n changes the roster size.
# Results go to stdout as a Markdown table for docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
TIME=/usr/bin/time
ROWS=${ROWS:-50000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ ! -x $TIME ]; then echo "GNU time is missing (apt-get install time)" >&2; exit 2; fi

bin=$work/dossier
go build -trimpath -o "$bin" . 2>/dev/null || CGO_ENABLED=0 go build -tags ci -trimpath -o "$bin" .
go run ./scripts/benchroster "$work" "$ROWS"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); go: $(go version | cut -d' ' -f3)"
echo
echo "| roster | file size | rows added | CPU (user + sys) | wall | peak RSS | exit |"
echo "|---|---|---|---|---|---|---|"
for f in roster.xlsx roster.csv far-1000.xlsx stray.xlsx junk-1m.xlsx dense.csv wide.csv; do
	ws=$work/ws-$f
	set +e
	$TIME -f '%U %S %e %M' -o "$work/t" "$bin" import --lang en --workspace "$ws" --json "$work/$f" >"$work/out.json" 2>"$work/err"
	code=$?
	set -e
	read -r u s e m < <(tail -1 "$work/t")
	added=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["added"])' "$work/out.json" 2>/dev/null || echo "-")
	size=$(stat -c %s "$work/$f" | awk '{ if ($1 > 1048576) printf "%.1f MB", $1/1048576; else printf "%.0f KB", $1/1024 }')
	cpu=$(echo "$u + $s" | bc -l | xargs printf '%.2f')
	mib=$(echo "$m / 1024" | bc -l | xargs printf '%.0f')
	echo "| $f | $size | $added | ${cpu} s | ${e} s | ${mib} MiB | $code |"
	rm -rf "$ws"
done
