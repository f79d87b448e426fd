#!/usr/bin/env bash
# Installs the tarball from `make linux` into a temporary prefix, the way a
# user would (make install with DESTDIR), and runs the installed program
# headless: `dossier version` must print the version from FyneApp.toml and
# exit 0. CI runs it on demand after make linux; make test does not.
set -euo pipefail
# shellcheck source=packaging/scripts/lib.sh
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
if [ -z "$desktop" ] || ! grep -q '^Exec=dossier' "$desktop"; then die "no usable .desktop file"; fi
[ -n "$icon" ] || die "no icon installed"
say "installed: ${bin#"$tmp"/root}, ${desktop#"$tmp"/root}, ${icon#"$tmp"/root}"
# fyne package --release links with -s -w: no symbol or DWARF tables.
need_pkgs readelf binutils
if readelf -S "$bin" | grep -qE '\.(symtab|debug_info)'; then die "the installed binary is not stripped"; fi
say "stripped: $(stat -c %s "$bin") bytes"

# No display and no network are needed for the command line: where we may,
# run it in a network namespace of its own (no interfaces but loopback), with
# a fresh HOME and an empty working folder. Besides `version`, it builds the
# example case's checklist (rules embedded) and a demo workspace (SQLite and
# sample scans), and must write nothing but that workspace.
home=$tmp/home cwd=$tmp/cwd ws=$tmp/ws
mkdir -p "$home" "$cwd"
isolate=()
if unshare -n true 2>/dev/null; then
  isolate=(unshare -n)
elif unshare -rn true 2>/dev/null; then
  isolate=(unshare -rn)
else
  say "unshare is not allowed here: running with the network as it is"
fi
dossier() {
  (cd "$cwd" && env -u DISPLAY -u WAYLAND_DISPLAY HOME="$home" XDG_CONFIG_HOME='' XDG_CACHE_HOME='' \
    LANG=en_US.UTF-8 "${isolate[@]}" "$bin" "$@")
}
out=$(dossier version)
printf '%s\n' "$out"
grep -q -- "$VERSION" <<<"$out" || die "dossier version did not print $VERSION"
dossier checklist --lang en "$ROOT/docs/examples/seed_case.json" >"$tmp/checklist.txt" ||
  die "dossier checklist failed: $(cat "$tmp/checklist.txt")"
grep -q "Required" "$tmp/checklist.txt" || die "checklist printed no required documents"
dossier demo --lang en --workspace "$ws" >"$tmp/demo.txt" || die "dossier demo failed: $(cat "$tmp/demo.txt")"
[ -f "$ws/dossier.db" ] || die "dossier demo made no workspace database"
stray=$(find "$home" "$cwd" -mindepth 1 | sed "s|^$tmp/||")
[ -z "$stray" ] || die "wrote outside the workspace: $stray"
say "checklist and demo workspace work offline; nothing written outside the workspace"
say "linux smoke test passed"
