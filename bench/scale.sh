#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Scale benchmark: does the run-side audit grow linearly with the number of targets?
# Generates (bench/make_scale_inputs.py, deterministic) a Kubernetes `kind: List` of 1k and 8k
# Pods, the same pods 64k strong, and compose files of 1k and 8k services, then times
#   drydock k8s FILE… --format json        drydock compose FILE --format json
# for each size with /usr/bin/time (wall seconds, CPU seconds = user + system, peak RSS; median of
# N runs, N_BIG for 64k) and prints a table with the ratios against the 1k case. Checks (exit 1
# when one fails): 64k/1k Pods < 80× in CPU time and in peak RSS (64 × 1.25), 8k/1k services
# < 10× (8 × 1.25). The checks read CPU time, not wall time: on a machine shared with builds the
# wall time of a 0.2 s run moves by ±50%; the wall-time ratios are printed beside them.
#
# The 64k Pods are 8 List files of 8k Pods each, audited in one run (`drydock k8s F1 … F8`: the
# cluster rules see all of them together): one List of 64k such Pods (~37 MB, ~4.3 M YAML nodes)
# is over the YAML stream limits (yaml::StreamLimits: max_nodes 2^20 nodes, max_bytes 32 MiB),
# and a List of 64k even minimal Pods (name + one container: 18 nodes each) is over max_nodes.
# Each run is checked for DD001 (a parse error, which is what a limit looks like).
#
# The report goes to stdout, redirected to /dev/null: `-o /dev/null` must not be used as root,
# since -o writes FILE.drydock-tmp and renames it over FILE.
#
# Usage: bench/scale.sh [BIN [BASELINE_BIN]]   (default build/release/drydock; build it first)
# Env: N (runs per small case, default 5), N_BIG (64k runs, default 3), N_BIG_BASE (64k runs of
# the baseline, default 1; 0 skips them), KEEP=1 keeps the temp dir.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$(realpath "${1:-$here/../build/release/drydock}")
base=${2:+$(realpath "$2")}
N=${N:-5}
N_BIG=${N_BIG:-3}
N_BIG_BASE=${N_BIG_BASE:-1}
[ -x "$bin" ] || { echo "no drydock binary at $bin (cmake --build --preset release)" >&2; exit 2; }
[ -z "$base" ] || [ -x "$base" ] || { echo "no baseline binary at $base" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time missing: apt-get install time" >&2; exit 2; }

tmp=$(mktemp -d /tmp/drydock-scale.XXXXXX)
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$tmp"' EXIT
gen=$here/make_scale_inputs.py
python3 "$gen" k8s 1000 "$tmp/pods-1k.yaml"
python3 "$gen" k8s 8000 "$tmp/pods-8k.yaml"
pods64=()
for k in 0 1 2 3 4 5 6 7; do
  python3 "$gen" k8s 64000 "$tmp/pods-64k-$k.yaml" --part "$k/8"
  pods64+=("$tmp/pods-64k-$k.yaml")
done
python3 "$gen" compose 1000 "$tmp/compose-1k.yaml"
python3 "$gen" compose 8000 "$tmp/compose-8k.yaml"
size() { cat "$@" | wc -c; }
echo "inputs in $tmp (bytes): pods 1k $(size "$tmp/pods-1k.yaml"), 8k $(size "$tmp/pods-8k.yaml")," \
     "64k $(size "${pods64[@]}") in 8 files; compose 1k $(size "$tmp/compose-1k.yaml")," \
     "8k $(size "$tmp/compose-8k.yaml")"
# Run from the temp dir: no .drydock.yaml or .drydockignore of the caller's tree applies.
cd "$tmp"

median() { sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }

# measure BIN RUNS KIND FILE… → "wall_s cpu_s rss_mib" (medians); checks exit code and DD001.
measure() {
  local b=$1 runs=$2 kind=$3; shift 3
  local times=() cpus=() rss=() rc t u sy m
  for ((r = 0; r < runs; r++)); do
    rc=0
    /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" "$b" "$kind" "$@" --format json \
      >"$tmp/report.json" 2>"$tmp/stderr" || rc=$?
    if [ "$rc" != 0 ]; then
      echo "$b $kind $*: exit $rc" >&2; tail -3 "$tmp/stderr" >&2; exit 1
    fi
    if grep -q '"id": "DD001"' "$tmp/report.json"; then
      echo "$b $kind $*: DD001 (parse error, e.g. an input limit):" >&2
      grep -A6 '"id": "DD001"' "$tmp/report.json" | grep '"message"' | head -3 >&2
      exit 1
    fi
    read -r t u sy m <"$tmp/time"
    times+=("$t"); cpus+=("$(awk -v u="$u" -v s="$sy" 'BEGIN {print u + s}')"); rss+=("$m")
  done
  local t_med c_med m_med
  t_med=$(printf '%s\n' "${times[@]}" | median)
  c_med=$(printf '%s\n' "${cpus[@]}" | median)
  m_med=$(printf '%s\n' "${rss[@]}" | median | awk '{printf "%.1f", $1/1024}')
  echo "$t_med $c_med $m_med"
}

declare -A T C M
cases=(pods-1k pods-8k pods-64k compose-1k compose-8k)
declare -A TARGETS=([pods-1k]=1000 [pods-8k]=8000 [pods-64k]=64000
                    [compose-1k]=1000 [compose-8k]=8000)
run_all() {  # label binary big-runs
  local label=$1 b=$2 big=$3
  for c in "${cases[@]}"; do
    local runs=$N
    if [ "$c" = pods-64k ]; then
      runs=$big
      [ "$runs" -gt 0 ] || continue
    fi
    case $c in
      pods-64k) measure "$b" "$runs" k8s "${pods64[@]}" >"$tmp/result" ;;
      pods-*) measure "$b" "$runs" k8s "$tmp/$c.yaml" >"$tmp/result" ;;
      compose-*) measure "$b" "$runs" compose "$tmp/$c.yaml" >"$tmp/result" ;;
    esac
    read -r T[$label,$c] C[$label,$c] M[$label,$c] <"$tmp/result"
    echo "  $label $c: ${T[$label,$c]} s, CPU ${C[$label,$c]} s, ${M[$label,$c]} MiB" >&2
  done
}

labels=(drydock)
run_all drydock "$bin" "$N_BIG"
if [ -n "$base" ]; then
  labels+=(baseline)
  run_all baseline "$base" "$N_BIG_BASE"
fi

echo
echo "| binary | input | targets | seconds | CPU s | peak RSS MiB | time ÷ 1k | CPU ÷ 1k | RSS ÷ 1k |"
echo "|---|---|---|---|---|---|---|---|---|"
for label in "${labels[@]}"; do
  for c in "${cases[@]}"; do
    [ -n "${T[$label,$c]:-}" ] || continue
    one=${c%-*}-1k
    awk -v l="$label" -v c="$c" -v n="${TARGETS[$c]}" -v t="${T[$label,$c]}" \
        -v u="${C[$label,$c]}" -v m="${M[$label,$c]}" -v t1="${T[$label,$one]}" \
        -v u1="${C[$label,$one]}" -v m1="${M[$label,$one]}" 'BEGIN {
      printf "| %s | %s | %d | %.2f | %.2f | %.1f | %.1f | %.1f | %.1f |\n",
             l, c, n, t, u, m, t/t1, u/u1, m/m1 }'
  done
done
if [ -n "$base" ]; then
  echo
  for c in "${cases[@]}"; do
    [ -n "${T[baseline,$c]:-}" ] || continue
    awk -v c="$c" -v t="${T[drydock,$c]}" -v tb="${T[baseline,$c]}" -v m="${M[drydock,$c]}" \
        -v mb="${M[baseline,$c]}" 'BEGIN {
      printf "%s: baseline ÷ drydock %.1f× time, %.1f× peak RSS\n", c, tb/t, mb/m }'
  done
fi

echo
fail=0
check() {  # name value limit
  if awk -v v="$2" -v l="$3" 'BEGIN { exit !(v < l) }'; then
    echo "ok   $1 = $2 < $3"
  else
    echo "FAIL $1 = $2 ≥ $3"; fail=1
  fi
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", a/b}'; }
checks() {  # name big small limit
  check "$1 CPU time" "$(ratio "${C[drydock,$2]}" "${C[drydock,$3]}")" "$4"
  check "$1 peak RSS" "$(ratio "${M[drydock,$2]}" "${M[drydock,$3]}")" "$4"
  echo "     $1 wall time = $(ratio "${T[drydock,$2]}" "${T[drydock,$3]}") (not checked)"
}
if [ "$N_BIG" -gt 0 ]; then checks "pods 64k/1k" pods-64k pods-1k 80; fi
checks "compose 8k/1k" compose-8k compose-1k 10
exit $fail
