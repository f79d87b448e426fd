#!/usr/bin/env bash
# Installs the tarball from `make linux` into a temporary prefix, the way a
# user would (make install with DESTDIR), and runs the installed program
# headless: `dossier version` must print the version from FyneApp.toml and
# exit 0. CI runs it on demand after make linux; make test does not.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ARCH=$("$GO" env GOARCH)
TARBALL=${1:-$ROOT/dist/Dossier-$VERSION-linux-$ARCH.tar.xz}
[ -f "$TARBALL" ] || die "missing $TARBALL: run make linux"
need_pkgs make make

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tar -xJf "$TARBALL" -C "$tmp"
make -s -C "$tmp/dossier" install DESTDIR="$tmp/root" PREFIX=/usr
bin=$tmp/root/usr/bin/dossier
desktop=$(find "$tmp/root/usr/share/applications" -name '*.desktop')
icon=$(find "$tmp/root/usr/share/pixmaps" -name '*.png')
[ -x "$bin" ] || die "no executable at usr/bin/dossier"
[ -n "$desktop" ] && grep -q '^Exec=dossier' "$desktop" || die "no usable .desktop file"
[ -n "$icon" ] || die "no icon installed"
say "installed: ${bin#"$tmp"/root}, ${desktop#"$tmp"/root}, ${icon#"$tmp"/root}"

# No display and no network are needed for the command line.
out=$(env -u DISPLAY -u WAYLAND_DISPLAY LANG=C.UTF-8 "$bin" version)
printf '%s\n' "$out"
grep -q -- "$VERSION" <<<"$out" || die "dossier version did not print $VERSION"
say "linux smoke test passed"
