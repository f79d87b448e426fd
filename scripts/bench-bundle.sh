#!/usr/bin/env bash
# Package-building benchmarks, side by side with the pdfcpu CLI and
# Ghostscript on the same generated inputs (docs/benchmarks.md, "Package
# building"). Needs: go, /usr/bin/time, pdfcpu (go install
# github.com/pdfcpu/pdfcpu/cmd/pdfcpu@v0.16.4), gs (apt-get install ghostscript),
# pdfimages (poppler-utils).
#
#   scripts/bench-bundle.sh [WORKDIR]     (default /tmp/dossier-bench; REPS=3)
#
# Each line: median wall time of REPS runs, median CPU time (user+system; a
# fairer figure when the machine is shared), and the largest peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
W=${1:-/tmp/dossier-bench}
REPS=${REPS:-3}
mkdir -p "$W/bin"
for t in pdfcpu gs pdfimages /usr/bin/time; do
	command -v "$t" >/dev/null || { echo "missing $t" >&2; exit 1; }
done
go build -o "$W/bin/benchgen" ./scripts/benchgen
go build -o "$W/bin/benchbundle" ./scripts/benchbundle
IN="$W/inputs"
if [ ! -f "$IN/photo_19.jpg" ] || [ ! -f "$IN/scan_099.jpg" ]; then
	"$W/bin/benchgen" -out "$IN" -scans 100 -photos 20
fi
scans_mib=$(du -cb "$IN"/scan_*.jpg | tail -1 | awk '{printf "%.1f", $1/1048576}')
photos_mib=$(du -cb "$IN"/photo_*.jpg | tail -1 | awk '{printf "%.1f", $1/1048576}')
echo "inputs: 100 scans ${scans_mib} MiB ($(du -b "$IN"/scan_*.jpg | sort -n | head -1 | awk '{printf "%.2f", $1/1e6}')–$(du -b "$IN"/scan_*.jpg | sort -n | tail -1 | awk '{printf "%.2f", $1/1e6}') MB each), 20 photos ${photos_mib} MiB"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

# run LABEL CLEANUP CMD...: REPS runs, prints the median time and max RSS.
run() {
	local label=$1 cleanup=$2
	shift 2
	local times=() cpus=() rss=0
	for _ in $(seq "$REPS"); do
		eval "$cleanup"
		/usr/bin/time -f "%e %U %S %M" -o "$W/time.txt" "$@" >"$W/out.txt" 2>&1 || { cat "$W/out.txt"; exit 1; }
		read -r t u s m <"$W/time.txt"
		times+=("$t")
		cpus+=("$(echo "$u $s" | awk '{printf "%.2f", $1+$2}')")
		((m > rss)) && rss=$m
	done
	local med cpu
	med=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
	cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
	printf '%-56s %6.2f s wall %6.2f s CPU %5.0f MiB  (wall: %s)\n' "$label" "$med" "$cpu" "$((rss / 1024))" "${times[*]}"
}

scans=("$IN"/scan_*.jpg)
photos=("$IN"/photo_*.jpg)
echo
echo "== 100 scans (a rebuild: nothing decoded, JPEG data passed through)"
run "pdfcpu import (A4, centred) 100 scans" "rm -f $W/import.pdf" \
	pdfcpu import -q -- "form:A4, pos:c, sc:1.0 rel" "$W/import.pdf" "${scans[@]}"
# pack validates loose files as `dossier validate` does; its cache answers
# for files it has seen. Cold: the cache emptied before each run; cached:
# kept from the previous run.
run "dossier pack 100 scans → one PDF, validation cold" "rm -f $W/pack.pdf; rm -rf $W/scan-cache" \
	"$W/bin/benchbundle" -mode pack -in "$IN" -out "$W/pack.pdf" -max-file-mb 1000 -scan-cache "$W/scan-cache"
run "dossier pack 100 scans → one PDF, validation cached" "rm -f $W/pack.pdf" \
	"$W/bin/benchbundle" -mode pack -in "$IN" -out "$W/pack.pdf" -max-file-mb 1000 -scan-cache "$W/scan-cache"
"$W/bin/benchbundle" -mode pack -in "$IN" -out "$W/pack.pdf" -max-file-mb 1000 -scan-cache "$W/scan-cache" -verify passthrough | tail -1
# A rebuild as the window does it: a workspace case with the 100 scans
# attached (5 to each document item) and checked once before timing; then
# casework.BuildStored: verdicts from the cache by the stored files' hashes,
# the build, the package recorded. No budget squeezing, as below.
rm -rf "$W/ws-stored"
"$W/bin/benchbundle" -mode stored -ws "$W/ws-stored" -in "$IN" -out "$W/stored" -per-doc 5 -max-file-mb 1000 >/dev/null
run "dossier rebuild of a stored case, 100 scans (window's Build)" "rm -rf $W/stored" \
	"$W/bin/benchbundle" -mode stored -ws "$W/ws-stored" -in "$IN" -out "$W/stored" -per-doc 5 -max-file-mb 1000
run "dossier build 100 loose scans (20 items, merged + 20 uploads)" "rm -rf $W/build" \
	"$W/bin/benchbundle" -mode build -in "$IN" -out "$W/build" -per-doc 5 -scan-cache "$W/scan-cache"
echo
echo "== the same, cold: the scan cache emptied first, so every scan is validated (decoded) again"
run "dossier rebuild of a stored case, 100 scans, cold" "rm -rf $W/stored $W/ws-stored/cache" \
	"$W/bin/benchbundle" -mode stored -ws "$W/ws-stored" -in "$IN" -out "$W/stored" -per-doc 5 -max-file-mb 1000
echo
echo "== 20 phone photos 4032×3024, EXIF orientation 6 → under 10 MB"
run "dossier pack 20 photos --max-file-mb 10" "rm -f $W/photos.pdf" \
	"$W/bin/benchbundle" -mode pack -glob 'photo_*.jpg' -in "$IN" -out "$W/photos.pdf" -max-file-mb 10 -scan-cache "$W/scan-cache"
"$W/bin/benchbundle" -mode pack -glob 'photo_*.jpg' -in "$IN" -out "$W/photos.pdf" -max-file-mb 10 -scan-cache "$W/scan-cache" -verify photos | tail -1
echo "  dossier output: $(stat -c %s "$W/photos.pdf") bytes; $(pdfimages -list "$W/photos.pdf" | awk 'NR==3 {print $4"×"$5", "$13" ppi"}') (page 1)"
rm -f "$W/photos_import.pdf"
pdfcpu import -q -- "form:A4, pos:c, sc:1.0 rel" "$W/photos_import.pdf" "${photos[@]}"
run "Ghostscript pdfwrite /ebook on the same 20 pages" "rm -f $W/photos_gs.pdf" \
	gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=pdfwrite -dPDFSETTINGS=/ebook -sOutputFile="$W/photos_gs.pdf" "$W/photos_import.pdf"
echo "  gs output: $(stat -c %s "$W/photos_gs.pdf") bytes; $(pdfimages -list "$W/photos_gs.pdf" | awk 'NR==3 {print $4"×"$5", "$13" ppi"}') (page 1; gs does not apply EXIF orientation)"
