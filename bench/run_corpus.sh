#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Run-side benchmark (issue 3): the Kubernetes and compose corpus end to end through
# `drydock scan` (discovery, YAML, adapters, every run and cluster rule, JSON report), in MB/s
# and files/s, against two YAML parsers on the same files in the same run:
#   - fy-tool (libfyaml's own CLI, Debian libfyaml-utils): parse and re-emit every document;
#   - PyYAML with libyaml's C loader (Debian python3-yaml): yaml.load_all(CSafeLoader).
# Neither baseline audits anything; they bound how fast reading the YAML alone can be.
# The one-core figure: drydock is single-threaded, so wall time = one core.
# Usage: bench/run_corpus.sh [CORPUS_DIR] [ROUNDS]   (default ../shared/corpus, 5 rounds: best)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus}
rounds=${2:-5}
[ -d "$corpus/k8s" ] && [ -d "$corpus/compose" ] || { echo "corpus not found: $corpus" >&2; exit 2; }
command -v fy-tool >/dev/null || { echo "fy-tool missing: apt-get install libfyaml-utils" >&2; exit 2; }
cmake --preset release >/dev/null && cmake --build --preset release --target drydock >/dev/null
bin=build/release/drydock

# The files drydock audits (its own discovery decides), as paths.
mapfile -t files < <("$bin" scan -q --format json "$corpus/k8s" "$corpus/compose" |
                     jq -r '.targets[].path' | sort -u)
bytes=$(cat "${files[@]}" | wc -c)
big=$(find "$corpus/k8s" -name '*install.yaml' -size +1M | head -1)
echo "input: ${#files[@]} files, $bytes bytes (largest: $big, $(wc -c <"$big") bytes)"

now() { date +%s.%N; }
best() {  # best wall time of $rounds runs of "$@"
  local b=999999 t0 t1 d
  for _ in $(seq "$rounds"); do
    t0=$(now); "$@" >/dev/null 2>&1 || true; t1=$(now)
    d=$(echo "$t0 $t1" | awk '{print $2-$1}')
    b=$(echo "$b $d" | awk '{print ($2<$1)?$2:$1}')
  done
  echo "$b"
}
report() {  # name seconds files bytes
  echo "$1 $2 $3 $4" | awk '{printf "%-34s %8.3f s  %8.0f files/s  %7.1f MB/s\n", $1, $2, $3/$2, $4/$2/1e6}'
}

t_dd=$(best "$bin" scan -q --format json "$corpus/k8s" "$corpus/compose")
report "drydock-scan(end-to-end)" "$t_dd" "${#files[@]}" "$bytes"
t_big=$(best "$bin" k8s -q --format json "$big")
report "drydock-k8s(argo-cd-install.yaml)" "$t_big" 1 "$(wc -c <"$big")"
t_fy=$(best fy-tool --dump -r "${files[@]}")
report "fy-tool-dump(parse+emit)" "$t_fy" "${#files[@]}" "$bytes"
pyload='import sys, yaml
for p in sys.argv[1:]:
    with open(p, "rb") as f:
        try:
            for _ in yaml.load_all(f, Loader=yaml.CSafeLoader): pass
        except yaml.YAMLError: pass'
t_py=$(best /usr/bin/python3 -c "$pyload" "${files[@]}")
report "pyyaml-CSafeLoader(parse)" "$t_py" "${#files[@]}" "$bytes"
awk -v d="$t_dd" -v f="$t_fy" -v p="$t_py" 'BEGIN {
  printf "drydock end to end vs fy-tool parse+emit: %.2fx; vs PyYAML C loader: %.2fx\n", f/d, p/d }'
