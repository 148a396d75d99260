#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Image-scan benchmark (issue 4): `drydock image` wall time against decompressing exactly the same
# layer blobs with `gzip -dc` and ISA-L's `igzip -dc` to /dev/null, on the Debian test image and on
# the ~700 MB multi-layer image of bench/make_big_image.sh (OCI layout and docker-archive). Each
# command runs N times (default 5); best and median wall time, peak RSS of drydock from
# `/usr/bin/time -v` (Maximum resident set size). Prints a Markdown table with drydock ÷ gzip and
# drydock ÷ igzip (best against best). drydock is single-threaded; the machine's core count and
# load average are printed because other work on the machine skews wall times.
#
# Usage: bench/image_scan.sh            (env: N=runs, BUILD=build dir, default build/benchimg-rel)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
N=${N:-5}
build=${BUILD:-$root/build/benchimg-rel}

command -v igzip >/dev/null || {
  apt-get update >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends isal >/dev/null
}
[ -d build/test-images/debian/oci ] || scripts/test-images >/dev/null
bench/make_big_image.sh >/dev/null
[ -f "$build/CMakeCache.txt" ] || cmake --preset release -B "$build" >/dev/null
cmake --build "$build" --target drydock >/dev/null
drydock=$build/drydock

# blobs OCI-DIR TAG: the layer blob paths of TAG's manifest, in order
blobs() {
  python3 - "$1" "$2" <<'EOF'
import json, sys, os
d, tag = sys.argv[1], sys.argv[2]
blob = lambda dg: os.path.join(d, "blobs", *dg.split(":", 1))
idx = json.load(open(os.path.join(d, "index.json")))
m = next(m for m in idx["manifests"]
         if m.get("annotations", {}).get("org.opencontainers.image.ref.name") == tag)
for layer in json.load(open(blob(m["digest"])))["layers"]:
    print(blob(layer["digest"]))
EOF
}

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
rows=()
# run LABEL CMD...: N timed runs; sets best, median (seconds) and rss (KiB, max over runs)
run() {
  local label=$1; shift
  local times=() i t0 t1 r
  rss=0
  for ((i = 0; i < N; i++)); do
    t0=$(date +%s%N)
    /usr/bin/time -v -o "$tmp/time" "$@" >/dev/null
    t1=$(date +%s%N)
    times+=("$(( (t1 - t0) / 1000000 ))")
    r=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time")
    (( r > rss )) && rss=$r
  done
  mapfile -t times < <(printf '%s\n' "${times[@]}" | sort -n)
  best=$(awk -v ms="${times[0]}" 'BEGIN {printf "%.3f", ms / 1000}')
  median=$(awk -v ms="${times[$((N / 2))]}" 'BEGIN {printf "%.3f", ms / 1000}')
  printf '  %-44s best %7ss  median %7ss  rss %6d MiB\n' "$label" "$best" "$median" $((rss / 1024)) >&2
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }

# bench NAME IMAGE-ARG... : one group of rows (OCI-DIR:TAG is the last image for the layer list)
bench() {
  local name=$1 oci=$2 tag=$3; shift 3
  mapfile -t layers < <(blobs "$oci" "$tag")
  local bytes mb
  bytes=$(cat "${layers[@]}" | wc -c); mb=$(( bytes / 1000000 ))
  local raw; raw=$(gzip -dc "${layers[@]}" | wc -c)
  echo "== $name: ${#layers[@]} layers, $mb MB compressed, $(( raw / 1000000 )) MB uncompressed" >&2
  run "gzip -dc" gzip -dc "${layers[@]}"; local gz=$best gzm=$median
  run "igzip -dc" igzip -dc "${layers[@]}"; local ig=$best igm=$median
  rows+=("| $name: \`gzip -dc\` of the layers | $gz | $gzm | | | |")
  rows+=("| $name: \`igzip -dc\` of the layers | $ig | $igm | | | |")
  for img in "$@"; do
    local kind=OCI; [[ $img == *.tar* ]] && kind=docker-archive
    run "drydock $kind" "$drydock" image "$img" -q -f json -o /dev/null
    rows+=("| $name: drydock image ($kind), full scan | $best | $median | **$(ratio "$best" "$gz")** | $(ratio "$best" "$ig") | $((rss / 1024)) |")
    run "drydock $kind --secret-max-size 0" \
      "$drydock" image "$img" -q -f json -o /dev/null --secret-max-size 0
    rows+=("| $name: drydock image ($kind), \`--secret-max-size 0\` | $best | $median | $(ratio "$best" "$gz") | $(ratio "$best" "$ig") | $((rss / 1024)) |")
  done
}

echo "nproc $(nproc); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); N=$N" >&2
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
deb=build/test-images/debian
big=build/bench-images/big
bench debian "$deb/oci" bookworm "$deb/oci:bookworm" "$deb/docker.tar"
bench big "$big/oci" fat "$big/oci:fat" "$big/docker.tar"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

echo "| | best s | median s | ÷ gzip | ÷ igzip | peak RSS MiB |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
