#!/usr/bin/env bash
# make lint hook: shellcheck over the packaging scripts. Installs shellcheck as
# root on Debian; elsewhere, without it, says so and skips.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v shellcheck >/dev/null; then
  if command -v apt-get >/dev/null && [ "$(id -u)" -eq 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends shellcheck >/dev/null ||
      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends shellcheck >/dev/null; }
  else
    echo "lint: shellcheck not installed; packaging scripts not checked (apt-get install shellcheck)" >&2
    exit 0
  fi
fi
shellcheck -x packaging/scripts/*.sh packaging/peinfo/testdata/gen.sh
