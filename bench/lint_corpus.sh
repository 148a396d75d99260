#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Lint benchmark (DESIGN.md performance budget): all corpus Dockerfiles in one process through
# drydock (parse + every rule) and, in the same run, through the npm linters dockerfilelint and
# dockerfile-utils (installed here by scripts/setup). Prints each tool's files/s and MB/s and the
# ratios. Usage: bench/lint_corpus.sh [CORPUS_DIR]   (default ../shared/corpus/dockerfiles)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus/dockerfiles}
[ -d "$corpus" ] || { echo "corpus not found: $corpus" >&2; exit 2; }
scripts/setup >/dev/null
cmake --preset release >/dev/null && cmake --build --preset release --target lint_bench >/dev/null
mapfile -t files < <(find "$corpus" -type f ! -name SOURCES.md | sort)
echo "corpus: ${#files[@]} files, $(cat "${files[@]}" | wc -c) bytes"
dd=$(build/release/bench/lint_bench "${files[@]}")
npm=$(NODE_PATH=tools/node/node_modules node bench/npm_linters.js "${files[@]}")
echo "$dd"
echo "$npm"
{ echo "$dd"; echo "$npm"; } | jq -rs '
  (.[0]) as $d | .[1:][] |
  "drydock vs \(.tool): \($d.files_per_s / .files_per_s | floor)x files/s " +
  "(\($d.files_per_s|floor) vs \(.files_per_s|floor)); \(.crashed_files) files crashed \(.tool)"'
