#!/usr/bin/env bash
# make lint hook: shellcheck over the packaging scripts, and a trial compile
# of the NSIS installer script where NSIS is present. Installs shellcheck as
# root on Debian; elsewhere, without it, says so and skips that part.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v shellcheck >/dev/null && command -v apt-get >/dev/null && [ "$(id -u)" -eq 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends shellcheck >/dev/null 2>&1 ||
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends shellcheck >/dev/null; }
fi
if command -v shellcheck >/dev/null; then
  shellcheck -x packaging/scripts/*.sh packaging/peinfo/testdata/gen.sh
else
  echo "lint: shellcheck not installed; packaging scripts not checked (apt-get install shellcheck)" >&2
fi

# The installer script must compile with warnings as errors (a string missing
# in one language is one). NSIS is installed by make windows, not here.
if command -v makensis >/dev/null; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  printf 'stand-in\n' >"$tmp/Dossier.exe"
  printf 'stand-in\n' >"$tmp/dossier-cli.exe"
  GOFLAGS='' CGO_ENABLED=0 go run ./packaging/icon -ico "$tmp/dossier.ico" -ico-sizes 16,32
  makensis -V1 -WX -DVERSION=0.0.0 -DSRCDIR="$tmp" -DICON="$tmp/dossier.ico" \
    -DOUTFILE="$tmp/Dossier-0.0.0-setup.exe" packaging/windows/dossier.nsi
fi
