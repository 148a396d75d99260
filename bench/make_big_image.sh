#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the "fat application image" the image-scan benchmark reads: the Debian test image
# (build/test-images/debian/oci, from scripts/test-images) plus layers of real content copied from
# this machine (shared libraries, a compiler, headers, Python, node_modules, documentation) and one
# layer that deletes part of earlier layers (whiteouts), the way real images grow. About 2 GB
# uncompressed, ~700 MB of gzip layers. Cached: nothing is rebuilt while DIR/.done exists (delete
# DIR to start over). Needs root (umoci keeps owners), umoci and skopeo.
#
# Usage: bench/make_big_image.sh [DIR]        (default: build/bench-images/big)
# Afterwards: DIR/oci (OCI layout, tag fat) and DIR/docker.tar (docker-archive, localhost/fat:1).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-build/bench-images/big}")
base=build/test-images/debian/oci
[ -f "$out/.done" ] && { echo "make_big_image: cached in $out"; exit 0; }
[ -d "$base" ] || scripts/test-images >/dev/null
for tool in umoci skopeo; do
  command -v "$tool" >/dev/null || { echo "make_big_image: $tool missing (scripts/test-images installs it)" >&2; exit 1; }
done

rm -rf "$out"; mkdir -p "$out"
cp -a "$base" "$out/oci"
cd "$out"
umoci tag --image oci:bookworm fat

work=$(mktemp -d "$out/.work-XXXXXX")
trap 'rm -rf "$work"' EXIT
# Layers come from one bundle, unpacked once and repacked after each step (umoci repack
# --refresh-bundle). Not `umoci insert DIR`: umoci 0.4.7 wrote those layers without the last
# file's padding and the end-of-archive blocks (GNU tar: "Unexpected EOF in archive").
bundle=$work/bundle
umoci unpack --image oci:fat "$bundle" >/dev/null
# layer CREATED_BY SRC:TARGET...: one layer holding a copy of each SRC at TARGET (absent SRCs skipped)
layer() {
  local created_by=$1; shift
  for pair in "$@"; do
    local src=${pair%%:*} dst=$bundle/rootfs${pair#*:}
    [ -e "$src" ] || { echo "make_big_image: $src absent, skipped"; continue; }
    mkdir -p "$(dirname "$dst")"
    cp -a "$src" "$dst"
  done
  echo "make_big_image: layer \"$created_by\""
  umoci repack --refresh-bundle --image oci:fat --history.created_by "$created_by" "$bundle" >/dev/null
}
layer "RUN apt-get install -y build-essential llvm fpc" \
  /usr/lib/x86_64-linux-gnu:/usr/lib/x86_64-linux-gnu /usr/lib/gcc:/usr/lib/gcc
layer "RUN apt-get install -y libc6-dev" /usr/include:/usr/include
layer "RUN apt-get install -y python3 && pip install -r requirements.txt" \
  /usr/lib/python3.11:/usr/lib/python3.11 /usr/lib/python3:/usr/lib/python3
layer "COPY node_modules /app/node_modules" /work/main/tools/node/node_modules:/app/node_modules
layer "RUN apt-get install -y manpages locales" \
  /usr/share/doc:/usr/share/doc /usr/share/man:/usr/share/man /usr/share/locale:/usr/share/locale
# the usual clean-up layer: one layer of whiteouts for directories earlier layers still ship
echo "make_big_image: clean-up layer (whiteouts)"
rm -rf "$bundle"/rootfs/{usr/share/doc,usr/share/man,usr/lib/x86_64-linux-gnu/fpc} \
  "$bundle"/rootfs/usr/lib/gcc/x86_64-linux-gnu/12/plugin
umoci repack --image oci:fat --history.created_by \
  "RUN rm -rf /usr/share/doc /usr/share/man /usr/lib/x86_64-linux-gnu/fpc /usr/lib/gcc/*/12/plugin" \
  "$bundle" >/dev/null
umoci config --image oci:fat --config.workingdir=/app --config.cmd=node --config.cmd=/app/index.js
umoci gc --layout oci
skopeo copy -q oci:oci:fat docker-archive:docker.tar:localhost/fat:1
# every layer must be a complete tar (catches tool bugs like the one above)
for blob in oci/blobs/sha256/*; do
  if [ "$(head -c2 "$blob" | od -An -tx1 | tr -d ' ')" = 1f8b ]; then
    gzip -dc "$blob" | tar -t >/dev/null 2>&1 || { echo "make_big_image: broken layer $blob" >&2; exit 1; }
  fi
done
touch .done
echo "make_big_image: ready in $out"
du -sh oci docker.tar
