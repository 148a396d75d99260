#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# secrets::ScanTree (bench/drydock_secrets_bench) against ripgrep running the detector's own RE2
# patterns (dumped by the driver; rg 13 accepts all of them), on an unpacked image tree: the debian
# test image's layers unpacked COPIES times plus a copy of ../shared/corpus. Both skip files over
# 10 MiB (drydock's default; rg --max-filesize 10M) and binary files; the tree has no VCS dirs.
# rg runs twice: with the patterns as they are (Unicode \b, \s, classes: rg's default) and with
# (?-u) prepended to each (ASCII semantics, as RE2 has them). Best of RUNS warm-cache runs per
# tool and thread count (THREADS, default "0 1"; 0 = all cores); peak RSS via /usr/bin/time.
#   bench/secrets_tree.sh [BUILD_DIR]   (a release build; default build/release)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
build="${1:-$repo/build/release}"
driver="$build/bench/drydock_secrets_bench"
image="${IMAGE:-$repo/build/test-images/debian/docker.tar}"
corpus="${DRYDOCK_CORPUS:-$repo/../shared/corpus}"
copies="${COPIES:-3}"
runs="${RUNS:-5}"
command -v rg >/dev/null || { echo "ripgrep (rg) is required: apt-get install ripgrep" >&2; exit 2; }
[ -x "$driver" ] || { echo "build $driver first (ninja -C $build drydock_secrets_bench)" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/drydock-secrets-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
tree="$work/tree"
mkdir -p "$tree" "$work/image"
tar -xf "$image" -C "$work/image"
for i in $(seq 1 "$copies"); do
  mkdir -p "$tree/rootfs$i"
  for layer in $(find "$work/image" -name '*.tar' -o -name 'layer.tar' | sort -u); do
    # Device nodes and ownership cannot be restored as non-root; they are not content anyway.
    tar -xf "$layer" -C "$tree/rootfs$i" --no-same-owner --no-same-permissions \
      --exclude='dev/*' 2>/dev/null || true
  done
done
cp -r "$corpus" "$tree/corpus"
chmod -R u+rX "$tree"
"$driver" --dump-patterns > "$work/patterns.txt"

tree_bytes=$(find "$tree" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
tree_files=$(find "$tree" -type f | wc -l)
echo "tree: $tree_files files, $tree_bytes bytes ($(du -sh "$tree" | cut -f1) on disk)"
echo "patterns: $(wc -l < "$work/patterns.txt")"
if ! rg --no-ignore --hidden -c -f "$work/patterns.txt" "$work/patterns.txt" >/dev/null 2>"$work/rg.err"; then
  if [ -s "$work/rg.err" ]; then echo "rg refuses the patterns:"; cat "$work/rg.err"; exit 1; fi
fi

find "$tree" -type f -print0 | xargs -0 cat >/dev/null

sed 's/^/(?-u)/' "$work/patterns.txt" > "$work/patterns-ascii.txt"
text_bytes=$("$driver" "$tree" | sed -E 's/.*"bytes_scanned":([0-9]+).*/\1/')
echo "text bytes drydock scans (not binary, <= 10 MiB): $text_bytes"

# run LABEL CMD…: best wall time of RUNS runs, peak RSS, MB/s over the whole tree and over the text.
run() {
  local label="$1"; shift
  local best="" peak=0 s rss
  for _ in $(seq 1 "$runs"); do
    /usr/bin/time -f '%e %M' -o "$work/time" "$@" >"$work/out" 2>/dev/null || true
    read -r s rss < "$work/time"
    if [ -z "$best" ] || awk "BEGIN{exit !($s < $best)}"; then best=$s; fi
    [ "$rss" -gt "$peak" ] && peak=$rss
  done
  awk -v l="$label" -v s="$best" -v r="$peak" -v tb="$tree_bytes" -v xb="$text_bytes" \
    'BEGIN {printf "%-34s %6.2f s  %7.1f MB/s (tree)  %6.1f MB/s (text)  peak RSS %6.1f MiB\n",
            l, s, tb / 1e6 / s, xb / 1e6 / s, r / 1024}'
}
for threads in ${THREADS:-0 1}; do
  run "drydock threads=$threads" "$driver" --threads "$threads" "$tree"
  echo "  $(cat "$work/out")"
  run "rg -j $threads (Unicode)" rg --no-ignore --hidden --max-filesize 10M -j "$threads" -c \
    -f "$work/patterns.txt" "$tree"
  echo "  files with a match: $(wc -l < "$work/out")"
  run "rg -j $threads (ASCII, (?-u))" rg --no-ignore --hidden --max-filesize 10M -j "$threads" -c \
    -f "$work/patterns-ascii.txt" "$tree"
  echo "  files with a match: $(wc -l < "$work/out")"
done
