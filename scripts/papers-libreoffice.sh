#!/bin/sh
# Converts every paper of the example cases to PDF with LibreOffice headless,
# to show Writer opens what `dossier papers` writes. Not part of `make test`:
# LibreOffice is large and not on every machine. Usage: scripts/papers-libreoffice.sh [OUTDIR]
set -eu
office=$(command -v soffice || command -v libreoffice || true)
if [ -z "$office" ]; then
	echo "LibreOffice is not installed (soffice, libreoffice): nothing checked" >&2
	exit 0
fi
out=${1:-$(mktemp -d)}
bin="$out/dossier"
CGO_ENABLED=0 go build -tags ci -o "$bin" .
profile="$out/lo-profile"
status=0
for case in docs/examples/papers_case.json app/papers/testdata/paper_case.json; do
	for lang in ru kk; do
		dir="$out/$(basename "$case" .json)-$lang"
		"$bin" papers "$case" --out "$dir" --lang "$lang" --today 2026-12-07 >/dev/null
		for docx in "$dir"/*.docx; do
			# Into a folder of its own: Dossier's own PDF has the same name
			# and would pass for LibreOffice's. An own profile: another
			# LibreOffice running for the same user would swallow the job.
			lo="$dir/libreoffice"
			pdf="$lo/$(basename "${docx%.docx}").pdf"
			if "$office" -env:UserInstallation="file://$profile" --headless --convert-to pdf \
				--outdir "$lo" "$docx" >/dev/null 2>&1 && [ -s "$pdf" ]; then
				pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
				echo "ok   $docx -> ${pages:-?} page(s)"
			else
				echo "FAIL $docx"
				status=1
			fi
		done
	done
done
echo "output in $out"
exit $status
