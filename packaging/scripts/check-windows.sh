#!/usr/bin/env bash
# Checks what `make windows` left in dist/ without running it (Debian's wine
# cannot start Go ≥ 1.24 programs): PE headers and resources of each
# executable, and the installer's payload compared byte for byte with dist/.
set -euo pipefail
# shellcheck source=packaging/scripts/lib.sh
source "$(dirname "$0")/lib.sh"
SEVENZIP=$(command -v 7zz || command -v 7z || true)
if [ -z "$SEVENZIP" ]; then need_pkgs 7zz 7zip; SEVENZIP=7zz; fi

DIST=$ROOT/dist
GUI=$DIST/Dossier.exe
CLI=$DIST/dossier-cli.exe
SETUP=$DIST/Dossier-$VERSION-setup.exe
for f in "$GUI" "$CLI" "$SETUP"; do [ -f "$f" ] || die "missing $f: run make windows"; done

signed=()
[ "${WINDOWS_SIGN:-0}" = 1 ] && signed=(-signed)
peinfo() { GOOS='' GOARCH='' CGO_ENABLED=0 "$GO" run ./packaging/peinfo "${signed[@]}" "$@"; }
if command -v file >/dev/null; then file "$GUI" "$CLI" "$SETUP"; fi
sizes=16,24,32,48,256
# Replacing the resources must leave every other section as the linker wrote it.
same=()
[ -f "$ROOT/build/windows/Dossier.fyne.exe" ] && same=(-same-code-as "$ROOT/build/windows/Dossier.fyne.exe")
peinfo -subsystem gui -version "$VERSION.$BUILD" -require icon,group-icon,version,manifest -icon-sizes $sizes \
  "${same[@]}" "$GUI"
peinfo -subsystem console -version "$VERSION.$BUILD" -require icon,group-icon,version,manifest -icon-sizes $sizes "$CLI"
# dossier-cli.exe is Dossier.exe with another subsystem: at most the 2-byte
# subsystem and 4-byte checksum fields may differ.
# (Signatures differ between the two, so this is checked on unsigned builds.)
if [ "${WINDOWS_SIGN:-0}" != 1 ]; then
  diffs=$(cmp -l "$GUI" "$CLI" | wc -l || true)
  if [ "$diffs" -lt 1 ] || [ "$diffs" -gt 6 ]; then
    die "dossier-cli.exe differs from Dossier.exe in $diffs bytes"
  fi
fi
peinfo -machine 386 -subsystem gui -version "$VERSION.$BUILD" -require icon,group-icon,version,manifest -icon-sizes $sizes "$SETUP"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$SEVENZIP" x -bso0 -bsp0 -o"$tmp" "$SETUP" Dossier.exe dossier-cli.exe
cmp "$tmp/Dossier.exe" "$GUI"
cmp "$tmp/dossier-cli.exe" "$CLI"
say "installer carries the same Dossier.exe and dossier-cli.exe as dist/"
for f in "$GUI" "$CLI" "$SETUP"; do
  printf '%10d bytes  %s  %s\n' "$(stat -c %s "$f")" "$(sha256sum "$f" | cut -c1-16)" "${f#"$ROOT"/}"
done
