#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A binary against the previous one on the same inputs in the same run: lint (the Dockerfile
# corpus), run side (the Kubernetes and compose corpus) and image scans (the Debian test image as
# docker-archive .tar.gz and as a zstd OCI layout). Runs alternate OLD, NEW, OLD, NEW … so drift
# of a shared machine hits both; prints each side's median wall time (/usr/bin/time) and the median
# of the per-pair NEW/OLD ratios. With CALLGRIND=1 it also prints instruction counts (valgrind
# --tool=callgrind), which do not depend on the machine's load.
# The report goes to stdout, redirected to /dev/null (never `-o /dev/null`).
# Usage: bench/previous_binary.sh OLD_BIN [NEW_BIN] [CORPUS] [IMAGES]
#        (defaults: build/release/drydock, ../shared/corpus, build/test-images); N=9 pairs.
set -euo pipefail
cd "$(dirname "$0")/.."
old=${1:?usage: bench/previous_binary.sh OLD_BIN [NEW_BIN] [CORPUS] [IMAGES]}
new=${2:-build/release/drydock}
corpus=${3:-../shared/corpus}
images=${4:-build/test-images}
n=${N:-9}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

median() { sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
wall() {  # wall seconds of one run of "$@"
  /usr/bin/time -f '%e' -o "$tmp/t" "$@" --format json >/dev/null 2>&1 || true
  cat "$tmp/t"
}

printf '%-44s %9s %9s %9s\n' case "old s" "new s" "new/old"
while IFS='|' read -r name args; do
  read -ra argv <<<"$args"
  : >"$tmp/old"; : >"$tmp/new"; : >"$tmp/ratio"
  wall "$old" "${argv[@]}" >/dev/null; wall "$new" "${argv[@]}" >/dev/null  # warm-up
  for _ in $(seq "$n"); do
    a=$(wall "$old" "${argv[@]}"); b=$(wall "$new" "${argv[@]}")
    echo "$a" >>"$tmp/old"; echo "$b" >>"$tmp/new"
    awk -v a="$a" -v b="$b" 'BEGIN {print (a > 0) ? b / a : 1}' >>"$tmp/ratio"
  done
  printf '%-44s %9.3f %9.3f %9.3f\n' "$name" "$(median <"$tmp/old")" "$(median <"$tmp/new")" \
         "$(median <"$tmp/ratio")"
  if [ "${CALLGRIND:-0}" = 1 ]; then
    for side in old new; do
      bin=$old; [ "$side" = new ] && bin=$new
      valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" "$bin" "${argv[@]}" --format json \
        2>&1 >/dev/null | awk -v s="$side" '/Collected/ {printf "    %s instructions: %s\n", s, $4}'
    done
  fi
done <<EOF2
lint: scan dockerfiles|scan $corpus/dockerfiles
run side: scan k8s compose|scan $corpus/k8s $corpus/compose
image: debian docker.tar.gz|image $images/debian/docker.tar.gz
image: debian oci-zstd|image $images/debian/oci-zstd
EOF2
