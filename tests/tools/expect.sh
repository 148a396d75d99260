# SPDX-License-Identifier: Apache-2.0
# Sourced by the script tests of tests/tools: failure counting and the output check they share.
failures=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# expect_output NAME STATUS RC OUT PATTERN…: a command named NAME exited RC printing OUT; RC must
# be STATUS and OUT must contain every PATTERN (fixed strings).
expect_output() {
  local name=$1 status=$2 rc=$3 out=$4
  shift 4
  if [ "$rc" -ne "$status" ]; then
    fail "$name: exit $rc, expected $status; output:"$'\n'"$out"
    return
  fi
  for pattern in "$@"; do
    grep -qF -- "$pattern" <<<"$out" || fail "$name: no '$pattern' in:"$'\n'"$out"
  done
  echo "ok: $name"
}
