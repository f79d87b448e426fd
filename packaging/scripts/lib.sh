# shellcheck shell=bash
# shellcheck disable=SC2034  # variables used by the scripts that source this
# Shared helpers for the packaging scripts; sourced, not run.
# Each script installs what it needs on Debian/Ubuntu when run as root, and
# elsewhere says what to install and stops.

# Pinned tool versions: a release is rebuilt with exactly these.
FYNE_TOOLS_VERSION=v1.7.4
WINRES_VERSION=v0.3.3

cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 1
ROOT=$PWD
GO=${GO_BIN:-go}
TOOLS=$ROOT/build/tools

# Stamp the commit into release binaries (dossier version prints it). Some
# machines set GOFLAGS=-buildvcs=false; a release built from git wants it on.
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  flags=()
  for f in ${GOFLAGS:-}; do [[ $f == -buildvcs* ]] || flags+=("$f"); done
  flags+=(-buildvcs=true)
  export GOFLAGS="${flags[*]}"
fi

say() { printf 'packaging: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

# toml_detail KEY prints a value from FyneApp.toml's [Details] section: the
# same file that the binary embeds and `fyne package` reads.
toml_detail() {
  awk -v key="$1" '
    /^\[/ { section = $0; next }
    section == "[Details]" {
      split($0, kv, "=")
      k = kv[1]; gsub(/[ \t]/, "", k)
      if (k == key) { v = substr($0, index($0, "=") + 1); gsub(/^[ \t"]+|[ \t"]+$/, "", v); print v; exit }
    }' FyneApp.toml
}

VERSION=$(toml_detail Version)
BUILD=$(toml_detail Build)
APPID=$(toml_detail ID)
[[ $VERSION =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "FyneApp.toml: Version must be x.y.z, got '$VERSION'"
[[ $BUILD =~ ^[0-9]+$ ]] || die "FyneApp.toml: Build must be a number, got '$BUILD'"

# need_pkgs CMD PKG... makes sure CMD exists, installing the Debian packages if
# we are root on Debian, otherwise naming them.
need_pkgs() {
  local cmd=$1; shift
  command -v "$cmd" >/dev/null 2>&1 && return 0
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
    say "installing $*"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "$@" >/dev/null
    command -v "$cmd" >/dev/null 2>&1 || die "$cmd still missing after installing $*"
  else
    die "$cmd is missing: install $* (Debian/Ubuntu names) and run again"
  fi
}

# need_fyne installs the pinned fyne CLI into build/tools, so that a release is
# never packaged by whatever fyne happens to be on PATH.
need_fyne() {
  FYNE=$TOOLS/fyne
  if [ -x "$FYNE" ] && [ "$(cat "$TOOLS/fyne.version" 2>/dev/null)" = "$FYNE_TOOLS_VERSION" ]; then
    return 0
  fi
  say "installing fyne.io/tools/cmd/fyne@$FYNE_TOOLS_VERSION into build/tools"
  mkdir -p "$TOOLS"
  GOBIN=$TOOLS GOFLAGS='' "$GO" install "fyne.io/tools/cmd/fyne@$FYNE_TOOLS_VERSION"
  echo "$FYNE_TOOLS_VERSION" >"$TOOLS/fyne.version"
}

# source_date_epoch is the time of the commit being built (or now, outside
# git); artefact timestamps are set to it so archives do not depend on when
# they were made.
source_date_epoch() {
  if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then echo "$SOURCE_DATE_EPOCH"; return; fi
  git log -1 --format=%ct 2>/dev/null || date +%s
}

# keep_fyneapp_toml: `fyne package` adds one to Build in FyneApp.toml after
# every run. A release must not change its own sources, so the file is put
# back as it was when the script ends, however it ends.
keep_fyneapp_toml() {
  mkdir -p "$ROOT/build"
  cp FyneApp.toml "$ROOT/build/FyneApp.toml.orig"
  trap 'restore_fyneapp_toml; cleanup_extra' EXIT
}
restore_fyneapp_toml() { cp "$ROOT/build/FyneApp.toml.orig" "$ROOT/FyneApp.toml"; }
cleanup_extra() { :; }
