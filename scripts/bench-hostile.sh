#!/usr/bin/env bash
# Peak memory of `dossier validate` and `dossier pack` on hostile files
# (docs/benchmarks.md, "Hostile files"): the whole process tree, the scan
# worker included, sampled by scripts/peakrss. The goal is under 300 MiB
# for every file. Linux only.
#
#   scripts/bench-hostile.sh [WORKDIR]     (default /tmp/dossier-hostile)
set -euo pipefail
cd "$(dirname "$0")/.."
W=${1:-/tmp/dossier-hostile}
mkdir -p "$W/bin" "$W/home"
CGO_ENABLED=0 go build -tags ci -o "$W/bin/dossier" .
go build -o "$W/bin/peakrss" ./scripts/peakrss
go build -o "$W/bin/hostilegen" ./scripts/hostilegen
[ -f "$W/in/image-bomb-49mp.png" ] || "$W/bin/hostilegen" -out "$W/in"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-24s %-9s %8s %8s  %s\n' file command "peak MiB" "CPU s" "exit"
export HOME="$W/home" # a scan cache of its own; --no-cache below anyway
for f in "$W"/in/*; do
	for cmd in validate pack; do
		rm -f "$W/out.pdf"
		if [ "$cmd" = validate ]; then
			args=(validate --no-cache "$f")
		else
			args=(pack --no-cache --out "$W/out.pdf" "$f")
		fi
		line=$("$W/bin/peakrss" -- "$W/bin/dossier" "${args[@]}" 2>&1 >/dev/null | tail -1)
		peak=$(sed -n 's/.*peak_rss_mib=\([0-9]*\).*/\1/p' <<<"$line")
		cpu=$(sed -n 's/.*cpu_s=\([0-9.]*\).*/\1/p' <<<"$line")
		code=$(sed -n 's/.*exit=\([0-9-]*\).*/\1/p' <<<"$line")
		printf '%-24s %-9s %8s %8s  %s\n' "$(basename "$f")" "$cmd" "$peak" "$cpu" "$code"
	done
done
