#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Lint benchmark (DESIGN.md performance budget): every corpus Dockerfile through drydock and, in
# the same run, through the npm linters dockerfilelint and dockerfile-utils (installed by
# scripts/setup). Two comparisons:
#   1. in-process, warm: drydock's parse + every rule (bench/lint_bench) against each linter's
#      JavaScript API in one Node process (bench/npm_linters.js), each repeated for >= 2 s;
#   2. command line, as users run them: `drydock dockerfile FILES…` (one process),
#      `dockerfilelint FILES…` (one process), `dockerfile-utils lint FILE` (one file per process,
#      its only mode; timed on the first 40 files).
# Usage: bench/lint_corpus.sh [CORPUS_DIR]   (default ../shared/corpus/dockerfiles)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus/dockerfiles}
[ -d "$corpus" ] || { echo "corpus not found: $corpus" >&2; exit 2; }
scripts/setup >/dev/null
cmake --preset release >/dev/null && cmake --build --preset release --target drydock lint_bench >/dev/null
mapfile -t files < <(find "$corpus" -type f ! -name SOURCES.md | sort)
bytes=$(cat "${files[@]}" | wc -c)
echo "corpus: ${#files[@]} files, $bytes bytes"
bin=tools/node/node_modules/.bin

echo "== 1. in-process, warm"
dd=$(build/release/bench/lint_bench "${files[@]}")
npm=$(NODE_PATH=tools/node/node_modules node bench/npm_linters.js "${files[@]}")
echo "$dd"
echo "$npm"
{ echo "$dd"; echo "$npm"; } | jq -rs '
  (.[0]) as $d | .[1:][] |
  "drydock vs \(.tool): \($d.files_per_s / .files_per_s * 10 | floor / 10)x " +
  "(\($d.files_per_s|floor) vs \(.files_per_s|floor) files/s, " +
  "\($d.mb_per_s * 100 | floor / 100) vs \(.mb_per_s * 100 | floor / 100) MB/s)"'

echo "== 2. command line"
now() { date +%s.%N; }
rate() { echo "$1 $2 $3" | awk '{printf "%.0f files/s (%.3f s for %d files)", $1/($3-$2), $3-$2, $1}'; }
t0=$(now); build/release/drydock dockerfile -q --format json "${files[@]}" >/dev/null || true; t1=$(now)
echo "drydock dockerfile (1 process):        $(rate ${#files[@]} "$t0" "$t1")"
d_rate=$(echo "${#files[@]} $t0 $t1" | awk '{print $1/($3-$2)}')
t0=$(now); "$bin/dockerfilelint" -o json "${files[@]}" >/dev/null 2>&1 || true; t1=$(now)
echo "dockerfilelint (1 process):            $(rate ${#files[@]} "$t0" "$t1")"
l_rate=$(echo "${#files[@]} $t0 $t1" | awk '{print $1/($3-$2)}')
t0=$(now); for f in "${files[@]:0:40}"; do "$bin/dockerfile-utils" lint -j "$f" >/dev/null 2>&1 || true; done; t1=$(now)
echo "dockerfile-utils lint (per file):      $(rate 40 "$t0" "$t1")"
u_rate=$(echo "40 $t0 $t1" | awk '{print $1/($3-$2)}')
awk -v d="$d_rate" -v l="$l_rate" -v u="$u_rate" 'BEGIN {
  printf "drydock CLI vs dockerfilelint CLI: %.1fx; vs dockerfile-utils CLI: %.0fx\n", d/l, d/u }'
