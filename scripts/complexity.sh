#!/usr/bin/env bash
# Complexity ratchet: no function may be more complex than gocyclo 20, except
# the ones listed in scripts/complexity-baseline.txt, which may not grow.
# Splitting a listed function is welcome: the script then asks to lower or
# drop its line. `scripts/complexity.sh --update` rewrites the baseline.
set -euo pipefail
cd "$(dirname "$0")/.."
limit=20
baseline=scripts/complexity-baseline.txt

# gocyclo exits 1 when it lists anything; only its output matters here.
current=$({ go tool gocyclo -over "$limit" -ignore '_test\.go$' . || true; } |
  awk '{ split($4, loc, ":"); printf "%s %s %d\n", loc[1], $3, $1 }' | sort)

if [ "${1:-}" = "--update" ]; then
  { echo "# file function complexity — functions over gocyclo $limit that predate the check."
    echo "# They may shrink, never grow; new code stays at $limit or below (scripts/complexity.sh)."
    echo "$current"; } >"$baseline"
  echo "complexity: baseline written ($(echo "$current" | grep -c . || true) functions)"
  exit 0
fi

status=0
while read -r file fn n; do
  [ -n "$file" ] || continue
  allowed=$(awk -v f="$file" -v g="$fn" '$1==f && $2==g {print $3}' "$baseline")
  if [ -z "$allowed" ]; then
    echo "complexity: $file $fn is $n (limit $limit): split it into named steps"
    status=1
  elif [ "$n" -gt "$allowed" ]; then
    echo "complexity: $file $fn grew from $allowed to $n: split it instead of adding to it"
    status=1
  elif [ "$n" -lt "$allowed" ]; then
    echo "complexity: $file $fn shrank to $n: lower its line in $baseline (scripts/complexity.sh --update)"
  fi
done <<<"$current"
# A listed function now under the limit (split, renamed or gone) gives up
# its line, so the list only ever shrinks.
while read -r file fn _; do
  case "$file" in '' | '#'*) continue ;; esac
  if ! awk -v f="$file" -v g="$fn" '$1==f && $2==g {found=1} END {exit !found}' <<<"$current"; then
    echo "complexity: $file $fn is no longer over $limit: drop its line from $baseline"
  fi
done <"$baseline"
exit $status
