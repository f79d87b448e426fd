#!/usr/bin/env bash
# make windows: builds Dossier for 64-bit Windows and wraps it in an NSIS
# installer. Output in dist/:
#   Dossier.exe                 the program, GUI subsystem (`fyne package --release`)
#   dossier-cli.exe             the same program marked for the console subsystem
#   Dossier-<version>-setup.exe per-user installer (Russian/English), no admin rights
# On Linux it cross-builds with mingw-w64; nsis and mingw-w64 are installed
# when run as root on Debian. On Windows (Git Bash, as in CI) it uses the gcc
# and makensis on PATH. The fyne CLI is installed into build/tools, pinned.
# WINDOWS_SIGN=1 signs everything (see sign-windows.sh for the certificate).
set -euo pipefail
# shellcheck source=packaging/scripts/lib.sh
source "$(dirname "$0")/lib.sh"

case "$(uname -s)" in
  MINGW*|MSYS*|CYGWIN*)
    native=1
    need_pkgs gcc "a 64-bit mingw-w64 gcc (MSYS2: pacman -S mingw-w64-x86_64-gcc)"
    need_pkgs makensis "NSIS 3 (choco install nsis)"
    ;;
  *)
    native=0
    need_pkgs x86_64-w64-mingw32-gcc mingw-w64
    need_pkgs makensis nsis
    ;;
esac
need_fyne

WB=$ROOT/build/windows
DIST=$ROOT/dist
mkdir -p "$WB" "$DIST"
rm -f "$DIST/Dossier.exe" "$DIST/dossier-cli.exe" "$DIST/Dossier-$VERSION-setup.exe"
# fyne package works in the source folder; what it leaves there is removed
# (and listed in .gitignore, so that Go's VCS stamp sees a clean tree).
cleanup_extra() { rm -f "$ROOT/fyne_metadata_init.go" "$ROOT/fyne.syso" "$ROOT/Dossier.exe" "$ROOT/dossier.exe"; }
keep_fyneapp_toml

hostgo() { GOOS='' GOARCH='' CGO_ENABLED=0 "$GO" "$@"; }

say "windows: icon"
hostgo run ./packaging/icon -ico "$WB/dossier.ico"

say "windows: Dossier.exe (fyne package --release; cold cross build: about 5 minutes on 2 cores)"
start=$(date +%s)
if [ "$native" = 1 ]; then
  GOOS=windows GOARCH=amd64 CGO_ENABLED=1 "$FYNE" package -os windows --release
else
  CC=x86_64-w64-mingw32-gcc CXX=x86_64-w64-mingw32-g++ GOOS=windows GOARCH=amd64 CGO_ENABLED=1 \
    "$FYNE" package -os windows --release
fi
restore_fyneapp_toml
mv "$ROOT/Dossier.exe" "$DIST/Dossier.exe"
say "windows: Dossier.exe took $(( $(date +%s) - start )) s"

# fyne embeds its icon as one 1024-px PNG and a bare version resource. Replace
# the resources (only the .rsrc section changes; code and data stay as linked)
# with the multi-size icon drawn for small sizes, full version strings and a
# manifest that declares Windows 10 and asks for no elevation.
say "windows: resources (go-winres $WINRES_VERSION)"
sed -e "s|@FILEVERSION@|$VERSION.$BUILD|g; s|@VERSION@|$VERSION|g; s|@APPID@|$APPID|g" \
  packaging/windows/winres.json.in >"$WB/winres.json"
sed -e "s|@FILEVERSION@|$VERSION.$BUILD|g; s|@APPID@|$APPID|g" \
  packaging/windows/dossier.exe.manifest.in >"$WB/dossier.exe.manifest"
cp "$DIST/Dossier.exe" "$WB/Dossier.fyne.exe"
GOFLAGS='' hostgo run "github.com/tc-hib/go-winres@$WINRES_VERSION" patch --in "$WB/winres.json" --delete --no-backup \
  "$DIST/Dossier.exe"

say "windows: dossier-cli.exe (same bytes, console subsystem)"
hostgo run ./packaging/consolecopy "$DIST/Dossier.exe" "$DIST/dossier-cli.exe"
if [ "${WINDOWS_SIGN:-0}" = 1 ]; then
  say "windows: signing the executables"
  bash packaging/scripts/sign-windows.sh "$DIST/Dossier.exe" "$DIST/dossier-cli.exe"
fi

say "windows: installer"
nsis_src=$DIST nsis_ico=$WB/dossier.ico nsis_out=$DIST/Dossier-$VERSION-setup.exe
if [ "$native" = 1 ] && command -v cygpath >/dev/null; then
  nsis_src=$(cygpath -w "$nsis_src") nsis_ico=$(cygpath -w "$nsis_ico") nsis_out=$(cygpath -w "$nsis_out")
fi
makensis -V2 -WX -DVERSION="$VERSION" -DBUILD="$BUILD" -DAPPID="$APPID" -DSRCDIR="$nsis_src" \
  -DICON="$nsis_ico" -DOUTFILE="$nsis_out" packaging/windows/dossier.nsi
if [ "${WINDOWS_SIGN:-0}" = 1 ]; then
  bash packaging/scripts/sign-windows.sh "$DIST/Dossier-$VERSION-setup.exe"
fi

epoch=$(source_date_epoch)
touch -d "@$epoch" "$DIST/Dossier.exe" "$DIST/dossier-cli.exe" "$DIST/Dossier-$VERSION-setup.exe"
bash packaging/scripts/check-windows.sh
