#!/usr/bin/env bash
# Installs the system packages a Fyne build needs (see docs/development.md).
# As root on Debian/Ubuntu it installs what is missing; elsewhere it says what to
# install and carries on, so a developer with the packages already present is
# never blocked. Quiet when there is nothing to do.
set -euo pipefail

build_pkgs=(gcc libc6-dev pkg-config libgl-dev libx11-dev libxcursor-dev libxrandr-dev
            libxinerama-dev libxi-dev libxxf86vm-dev ca-certificates)
# Tools the tests and the screenshot script use to look at what we make.
tool_pkgs=(poppler-utils xvfb xauth imagemagick xdotool)

want=("${build_pkgs[@]}")
[ "${1:-}" = "--tools" ] && want+=("${tool_pkgs[@]}")

case "$(uname -s)" in
  Darwin)
    command -v cc >/dev/null || echo "deps: install the Xcode command line tools: xcode-select --install" >&2
    exit 0 ;;
  MINGW*|MSYS*|CYGWIN*)
    command -v gcc >/dev/null || echo "deps: install a 64-bit gcc (TDM-GCC or MSYS2 mingw-w64) and put it on PATH" >&2
    exit 0 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "deps: not a Debian/Ubuntu system; install the equivalents of: ${want[*]}" >&2
  exit 0
fi

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "deps: missing system packages; run: sudo apt-get install ${missing[*]}" >&2
  exit 0
fi
# A fresh machine spends minutes here: say what is happening, step by step,
# rather than stay silent (a clerk once waited 14 minutes at a blank prompt).
start=$(date +%s)
echo "deps: installing ${#missing[@]} system packages (first time only; a few minutes): ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
echo "deps: updating the package lists…" >&2
apt-get update -qq
echo "deps: downloading and installing…" >&2
apt-get install -y -q --no-install-recommends "${missing[@]}" 2>&1 | grep --line-buffered -E '^(Get:|Setting up )' | sed -u 's/^/deps:   /' >&2 || true
for p in "${missing[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || { echo "deps: $p did not install" >&2; exit 1; }
done
echo "deps: done in $(( $(date +%s) - start )) s" >&2
