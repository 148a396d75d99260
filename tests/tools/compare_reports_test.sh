#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Test of tools/compare-reports on a scratch corpus (no images, no feeds: those runs skip):
# the same binary twice matches; wrappers around it that drop a finding, append a byte, change
# the exit code or write to stderr are each reported DIFFERENT with a readable diff; usage errors
# exit 2. Needs a built drydock: tests/tools/compare_reports_test.sh [BINARY]
# (default $DRYDOCK_BIN, else build/dev/src/cli/drydock, else build/release/drydock).
# shellcheck disable=SC2016  # (the wrapper bodies expand in the wrappers, not here)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
compare="$repo/tools/compare-reports"
bin=${1:-${DRYDOCK_BIN:-}}
if [ -z "$bin" ]; then
  for candidate in "$repo/build/dev/src/cli/drydock" "$repo/build/release/drydock"; do
    if [ -x "$candidate" ]; then bin=$candidate; break; fi
  done
fi
if [ -z "$bin" ] || [ ! -x "$bin" ]; then
  echo "compare_reports_test: no drydock binary (give one as the argument)" >&2
  exit 2
fi
bin=$(realpath "$bin")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/tools/expect.sh
. "$(dirname "$0")/expect.sh"

# The scratch corpus: one input of each configuration kind.
corpus="$tmp/corpus"
mkdir -p "$corpus"/{dockerfiles/a,k8s,compose,secrets}
printf 'FROM alpine:3.19\nRUN apk add curl\n' > "$corpus/dockerfiles/a/Dockerfile"
printf 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: nginx\n' \
  > "$corpus/k8s/pod.yaml"
printf 'services:\n  web:\n    image: nginx\n    privileged: true\n' > "$corpus/compose/compose.yaml"
printf 'AWS_ACCESS_KEY_ID=AKIA%s\n' GWJNXQ6FVMR44UBM > "$corpus/secrets/app.env"

# wrapper NAME BODY: an executable that runs drydock (as "$real" "$@") through BODY.
wrapper() {
  printf '#!/usr/bin/env bash\nreal=%q\n%s\n' "$bin" "$2" > "$tmp/$1"
  chmod +x "$tmp/$1"
}
wrapper drop 'rc=0; out=$("$real" "$@") || rc=$?
if jq -e .findings >/dev/null 2>&1 <<<"$out"; then jq ".findings |= map(select(.id != \"DD201\"))" <<<"$out"
elif [ -n "$out" ]; then printf "%s\n" "$out"; fi
exit $rc'
wrapper space 'rc=0; "$real" "$@" || rc=$?; printf " "; exit $rc'
wrapper exit3 '"$real" "$@"; exit 3'
wrapper noisy 'echo "drydock: note: something new" >&2; exec "$real" "$@"'

# expect NAME STATUS NEW_BINARY PATTERN…: compare-reports BIN NEW_BINARY on the scratch corpus
# must exit STATUS and print every PATTERN (fixed strings).
expect() {
  local name=$1 status=$2 new=$3 rc=0 out
  shift 3
  out=$("$compare" "$bin" "$new" --corpus "$corpus" --images "$tmp/no-images" \
        --keep "$tmp/keep-$name" 2>&1) || rc=$?
  expect_output "$name" "$status" "$rc" "$out" "$@"
}

expect same 0 "$bin" \
  "same              drydock scan \$CORPUS/k8s --pss restricted --format json  (exit 0)" \
  "same              drydock scan examples/ --format table" \
  "skipped (absent)  drydock image \$IMAGES/…" \
  "skipped (absent)  drydock image \$CORPUS/images/…" \
  " 0 DIFFERENT, "
if [ ! -s "$tmp/keep-same/001/old.stdout" ] || [ ! -f "$tmp/keep-same/001/new.rc" ]; then
  fail "same: --keep left no outputs in $tmp/keep-same/001"
fi

expect drop-finding 1 "$tmp/drop" \
  "DIFFERENT         drydock dockerfile examples/weak/Dockerfile --format json" \
  "    stdout differs (jq -S . of each side):" \
  '-      "id": "DD201",' \
  "same              drydock scan examples/ --format table"

expect trailing-space 1 "$tmp/space" \
  "stdout: the same JSON value, different bytes (formatting or key order):" \
  "DIFFERENT         drydock scan examples/ --format table"

expect exit-code 1 "$tmp/exit3" "    exit code: old 0, new 3"

expect stderr 1 "$tmp/noisy" "    stderr differs:" "+drydock: note: something new"

rc=0
"$compare" "$bin" >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || fail "one binary: exit $rc, expected 2"
rc=0
"$compare" "$bin" "$tmp/nope" >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || fail "missing binary: exit $rc, expected 2"
rc=0
"$compare" "$bin" "$bin" --corpus >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || fail "--corpus without a value: exit $rc, expected 2"
rc=0
"$compare" "$bin" "$bin" --frobnicate >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || fail "unknown option: exit $rc, expected 2"
echo "ok: usage errors"

if [ "$failures" -gt 0 ]; then
  echo "compare_reports_test: $failures failed"
  exit 1
fi
echo "compare_reports_test: all passed"
