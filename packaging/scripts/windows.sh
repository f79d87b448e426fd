#!/usr/bin/env bash
# make windows: cross-builds Dossier for 64-bit Windows on Linux and wraps it in
# an NSIS installer. Output in dist/:
#   Dossier.exe                 the GUI (Windows GUI subsystem), `fyne package --release`
#   dossier-cli.exe             the same program linked for the console subsystem
#   Dossier-<version>-setup.exe per-user installer (ru/en), no admin rights
# Needs mingw-w64 and nsis (installed here when run as root on Debian) and the
# fyne CLI (installed into build/tools at the pinned version).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

need_pkgs x86_64-w64-mingw32-gcc mingw-w64
need_pkgs makensis nsis
need_pkgs x86_64-w64-mingw32-objdump binutils-mingw-w64-x86-64
need_fyne

export CC=x86_64-w64-mingw32-gcc CXX=x86_64-w64-mingw32-g++
export GOOS=windows GOARCH=amd64 CGO_ENABLED=1
WB=$ROOT/build/windows
CAPTURE=$WB/capture
DIST=$ROOT/dist
mkdir -p "$WB" "$DIST"
rm -rf "$CAPTURE"
rm -f "$DIST/Dossier.exe" "$DIST/dossier-cli.exe" "$DIST/Dossier-$VERSION-setup.exe"

# Files that exist in the source folder only while we build; listed in
# .gitignore so that Go's VCS stamp does not call the tree modified.
CLI_SYSO=$ROOT/zz_dossier_cli_windows_amd64.syso
cleanup_extra() {
  rm -f "$CLI_SYSO" "$ROOT/fyne_metadata_init.go" "$ROOT/fyne.syso" "$ROOT/Dossier.exe" "$ROOT/dossier.exe"
}
keep_fyneapp_toml

say "windows: icon"
GOOS= GOARCH= CGO_ENABLED=0 "$GO" run ./packaging/icon -ico "$WB/dossier.ico"

say "windows: Dossier.exe (fyne package --release; a cold build takes about 5 minutes on 2 cores)"
start=$(date +%s)
DOSSIER_CAPTURE_DIR=$CAPTURE DOSSIER_REAL_GO=$(command -v "$GO") GO=$ROOT/packaging/scripts/go-capture.sh \
  "$FYNE" package -os windows --release
mv "$ROOT/Dossier.exe" "$DIST/Dossier.exe"
say "windows: Dossier.exe took $(( $(date +%s) - start )) s"

say "windows: dossier-cli.exe (console subsystem, same flags, build cache reused)"
start=$(date +%s)
[ -f "$CAPTURE/go-build.env" ] || die "no record of fyne's go build in $CAPTURE"
# shellcheck disable=SC1091
source "$CAPTURE/go-build.env"
IFS=. read -r vmaj vmin vpat <<<"$VERSION"
sed -e "s|@FILEVERSION@|$VERSION.$BUILD|; s|@APPID@|$APPID|" \
  packaging/windows/dossier-cli.manifest >"$WB/dossier-cli.manifest"
sed -e "s|@ICON@|$WB/dossier.ico|; s|@MANIFEST@|$WB/dossier-cli.manifest|" \
    -e "s|@VERSION_COMMAS@|$vmaj,$vmin,$vpat,$BUILD|g; s|@FILEVERSION@|$VERSION.$BUILD|g; s|@VERSION@|$VERSION|g" \
  packaging/windows/dossier-cli.rc >"$WB/dossier-cli.rc"
x86_64-w64-mingw32-windres -i "$WB/dossier-cli.rc" -O coff -o "$CLI_SYSO"
if [ -f "$CAPTURE/fyne_metadata_init.go.txt" ]; then
  cp "$CAPTURE/fyne_metadata_init.go.txt" "$ROOT/fyne_metadata_init.go"
fi
CGO_CFLAGS=$CAPTURED_CGO_CFLAGS CGO_LDFLAGS=$CAPTURED_CGO_LDFLAGS \
  "$GO" build -trimpath -tags release -ldflags "-s -w" -o "$DIST/dossier-cli.exe" .
rm -f "$CLI_SYSO" "$ROOT/fyne_metadata_init.go"
say "windows: dossier-cli.exe took $(( $(date +%s) - start )) s"

say "windows: installer"
makensis -V2 -WX -DVERSION="$VERSION" -DBUILD="$BUILD" -DAPPID="$APPID" -DSRCDIR="$DIST" \
  -DICON="$WB/dossier.ico" -DOUTFILE="$DIST/Dossier-$VERSION-setup.exe" packaging/windows/dossier.nsi

epoch=$(source_date_epoch)
touch -d "@$epoch" "$DIST/Dossier.exe" "$DIST/dossier-cli.exe" "$DIST/Dossier-$VERSION-setup.exe"
bash packaging/scripts/check-windows.sh
