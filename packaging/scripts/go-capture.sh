#!/usr/bin/env bash
# A stand-in for the go command while `fyne package` runs (fyne calls "$GO").
# fyne builds with C flags of its own and a metadata file that it generates and
# deletes afterwards. This records both, so that the console build
# dossier-cli.exe compiles exactly like Dossier.exe (and reuses its build cache)
# instead of being a second, different, cold build.
set -euo pipefail
if [ "${1:-}" = build ] && [ -n "${DOSSIER_CAPTURE_DIR:-}" ]; then
  mkdir -p "$DOSSIER_CAPTURE_DIR"
  {
    printf 'CAPTURED_CGO_CFLAGS=%q\n' "${CGO_CFLAGS:-}"
    printf 'CAPTURED_CGO_LDFLAGS=%q\n' "${CGO_LDFLAGS:-}"
    printf 'CAPTURED_ARGS=('
    printf '%q ' "$@"
    printf ')\n'
  } >"$DOSSIER_CAPTURE_DIR/go-build.env"
  if [ -f fyne_metadata_init.go ]; then
    cp fyne_metadata_init.go "$DOSSIER_CAPTURE_DIR/fyne_metadata_init.go.txt"
  fi
fi
exec "${DOSSIER_REAL_GO:-go}" "$@"
