#!/usr/bin/env bash
# Opens the expiry schedule with two other programs, outside `make test`:
#   1. openpyxl (full and read-only mode): sheets, every row, real date cells
#      in dd.mm.yyyy, the days-left formula, frozen header, filter, colours,
#      print setup, the summary's totals, and the hostile texts as typed;
#   2. LibreOffice headless: converts both sheets to CSV (a file it must
#      repair or cannot load fails here) and counts the rows it saw.
# The workspace is a demo roster plus people whose every text column holds
# control characters, apostrophes, Kazakh letters, 40,000-character names,
# broken UTF-8 (scripts/schedulecheck).
# Needs python3-openpyxl and LibreOffice Calc
# (apt-get install python3-openpyxl libreoffice-calc-nogui).
# Prints what it checked; exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
TODAY=2026-11-25
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! $PY -c 'import openpyxl' 2>/dev/null; then echo "python3-openpyxl is missing" >&2; exit 2; fi
if ! command -v soffice >/dev/null; then echo "LibreOffice (soffice) is missing" >&2; exit 2; fi

CGO_ENABLED=0 go build -tags ci -trimpath -o "$work/dossier" .
hostile=$(go run ./scripts/schedulecheck --workspace "$work/ws" --employees 300 --today $TODAY)
echo "workspace: 300 demo employees and $hostile people with hostile text in every column"
echo "openpyxl $($PY -c 'import openpyxl; print(openpyxl.__version__)'), $(soffice --version | head -1)"

for range in "default:" "everything:--from 2020-01-01 --to 2040-12-31"; do
	label=${range%%:*}; flags=${range#*:}
	out="$work/$label.xlsx"
	# shellcheck disable=SC2086
	rows=$("$work/dossier" schedule --workspace "$work/ws" --out "$out" --today $TODAY $flags --json |
		$PY -c 'import json,sys; print(json.load(sys.stdin)["summary"]["rows"])')
	echo
	echo "== $label range: dossier wrote $rows rows"

	$PY - "$out" "$rows" <<'PY'
import datetime, re, sys
import openpyxl
path, rows = sys.argv[1], int(sys.argv[2])

def fail(msg):
    print("openpyxl: FAIL: " + msg)
    sys.exit(1)

wb = openpyxl.load_workbook(path)
if wb.sheetnames != ["График", "Итоги по месяцам"]:
    fail("sheets %r" % wb.sheetnames)
ws = wb["График"]
if ws.max_row != rows + 1 or ws.max_column != 13:
    fail("data sheet is %d x %d, expected %d x 13" % (ws.max_row, ws.max_column, rows + 1))
if ws.freeze_panes != "A2":
    fail("frozen panes %r" % ws.freeze_panes)
if (ws.auto_filter.ref or "").replace("$", "") != "A1:M%d" % max(rows + 1, 2):
    fail("filter %r" % ws.auto_filter.ref)
cf = [(str(r.sqref), len(r.rules)) for r in ws.conditional_formatting]
if cf != [("A2:M%d" % max(rows + 1, 2), 3)]:
    fail("conditional formats %r" % cf)
if (ws.print_title_rows or "").replace("$", "") != "1:1" or ws.page_setup.orientation != "landscape":
    fail("print setup %r %r" % (ws.print_title_rows, ws.page_setup.orientation))
for r in range(2, rows + 2):
    due = ws.cell(r, 8)
    if not isinstance(due.value, datetime.datetime) or due.number_format != "dd.mm.yyyy":
        fail("H%d is %r (%s), not a dd.mm.yyyy date" % (r, due.value, due.number_format))
    if ws.cell(r, 9).value != "=H%d-TODAY()" % r:
        fail("I%d is %r" % (r, ws.cell(r, 9).value))
    if ws.cell(r, 1).value != r - 1:
        fail("A%d is %r" % (r, ws.cell(r, 1).value))
summary = wb["Итоги по месяцам"]
total = [c.value for c in summary[summary.max_row]]
if total[0] != "Итого":
    fail("summary's last row %r" % total)

# The hostile texts: each readable one is in the number column as typed (cut
# to Excel's 32,767 characters), on an employee's and a family member's row.
from subprocess import check_output
texts = [b.decode("utf-8", "replace") for b in
         check_output(["go", "run", "./scripts/schedulecheck", "--print-texts"]).split(b"\0")[:-1]]
numbers = [ws.cell(r, 7).value for r in range(2, rows + 2)]
found = 0
for t in texts:
    if any(ord(ch) < 32 and ch not in "\t\n\r" for ch in t) or "\ufffd" in t:
        continue  # not carried by XML as it is: its row is checked by count
    if re.search(r"_x[0-9A-Fa-f]{4}_", t):
        continue  # openpyxl 3.0 shows Excel's _xHHHH_ escapes undecoded; LibreOffice's check covers it
    want = t[:32767]
    n = sum(1 for v in numbers if v == want)
    if n < 2:
        fail("hostile text %r found on %d rows" % (want[:40], n))
    found += 1

ro = openpyxl.load_workbook(path, read_only=True)
seen = sum(1 for _ in ro["График"].iter_rows())
if seen != rows + 1:
    fail("read-only mode saw %d rows" % seen)
print("openpyxl: OK: %d rows x 13, dates dd.mm.yyyy, formulas, frozen A2, filter, 3 colour rules, "
      "print titles, landscape, summary total row; %d readable hostile texts as typed; read-only mode %d rows"
      % (rows, found, seen))
PY

	lo="$work/lo-$label"
	mkdir -p "$lo"
	if ! soffice -env:UserInstallation="file://$work/lo-profile" --headless \
		--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1' \
		--outdir "$lo" "$out" >"$lo/log" 2>&1; then
		echo "LibreOffice: FAIL: conversion exited non-zero"; cat "$lo/log"; exit 1
	fi
	if grep -qi "error" "$lo/log"; then echo "LibreOffice: FAIL:"; cat "$lo/log"; exit 1; fi
	$PY - "$lo" "$rows" <<'PY'
import csv, glob, re, sys
lo, rows = sys.argv[1], int(sys.argv[2])
files = sorted(glob.glob(lo + "/*.csv"))
data = [f for f in files if f.endswith("-График.csv")]
if len(files) != 2 or not data:
    print("LibreOffice: FAIL: sheets converted %r" % files)
    sys.exit(1)
with open(data[0], newline="", encoding="utf-8") as f:
    records = list(csv.reader(f))
if len(records) != rows + 1:
    print("LibreOffice: FAIL: %d records, expected %d" % (len(records), rows + 1))
    sys.exit(1)
dmy = re.compile(r"^\d\d\.\d\d\.\d{4}$")
bad = [r for r in records[1:] if not dmy.match(r[7])]
if bad:
    print("LibreOffice: FAIL: date shown as %r" % bad[0][7])
    sys.exit(1)
from subprocess import check_output
texts = [b.decode("utf-8", "replace") for b in
         check_output(["go", "run", "./scripts/schedulecheck", "--print-texts"]).split(b"\0")[:-1]]
numbers = [r[6] for r in records[1:]]
found = 0
for t in texts:
    if any(ord(ch) < 32 and ch not in "\t\n\r" for ch in t) or "\ufffd" in t:
        continue
    # LibreOffice keeps a line break as one line feed, whatever it was.
    want = t[:32767].replace("\r\n", "\n").replace("\r", "\n")
    n = sum(1 for v in numbers if v == want)
    if n < 2:
        print("LibreOffice: FAIL: hostile text %r found on %d rows" % (want[:40], n))
        sys.exit(1)
    found += 1
print("LibreOffice: OK: loaded without repair, both sheets converted, %d rows, dates shown as dd.mm.yyyy, "
      "%d readable hostile texts as typed" % (rows, found))
PY
done
