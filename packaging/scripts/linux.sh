#!/usr/bin/env bash
# make linux: `fyne package -os linux --release`, repacked so that the same
# sources give the same tarball (sorted names, fixed owner and times).
# Output: dist/Dossier-<version>-linux-<arch>.tar.xz holding dossier/Makefile
# and dossier/usr/{local/}{bin/dossier, share/applications/<id>.desktop,
# share/pixmaps/<id>.png}; `make install` or `make user-install` inside it.
set -euo pipefail
# shellcheck source=packaging/scripts/lib.sh
source "$(dirname "$0")/lib.sh"

bash scripts/deps.sh
need_pkgs xz xz-utils
need_fyne

ARCH=$("$GO" env GOARCH)
DIST=$ROOT/dist
OUT=$DIST/Dossier-$VERSION-linux-$ARCH.tar.xz
mkdir -p "$DIST"
rm -f "$ROOT/Dossier.tar.xz" "$OUT"
cleanup_extra() { rm -f "$ROOT/Dossier.tar.xz" "$ROOT/fyne_metadata_init.go"; rm -rf "$ROOT/build/linux/stage"; }
keep_fyneapp_toml

say "linux: fyne package --release (a cold build takes about 2–3 minutes on 2 cores)"
start=$(date +%s)
"$FYNE" package -os linux --release
restore_fyneapp_toml
say "linux: fyne package took $(( $(date +%s) - start )) s"

stage=$ROOT/build/linux/stage
rm -rf "$stage" && mkdir -p "$stage"
tar -xJf "$ROOT/Dossier.tar.xz" -C "$stage"
epoch=$(source_date_epoch)
tar --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner --format=gnu \
  -C "$stage" -cf - . | xz -T1 -6 >"$OUT.tmp"
mv "$OUT.tmp" "$OUT"
touch -d "@$epoch" "$OUT"
printf '%10d bytes  %s  %s\n' "$(stat -c %s "$OUT")" "$(sha256sum "$OUT" | cut -c1-16)" "${OUT#"$ROOT"/}"
tar -tJvf "$OUT"
