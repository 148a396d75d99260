#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Vulnerability-database benchmarks (issue 5), release build, one run:
#  1. import throughput per feed format: drydock_vuln_bench import (ReadFeed + Database::Import,
#     best of 3, records = affected ranges), next to a baseline parse of the same files by
#     Python (json / PyYAML's C loader) — the parse alone, no database;
#  2. package lookups/s: drydock_vuln_bench match against a database holding every record of the
#     corpus feeds, over the inventories of the Debian 12/11 test images and trivy's Alpine
#     3.10/3.11 archives (warm: one Database; cold: a fresh Database per round);
#  3. `drydock image` on the Debian test images with that database against the same scan with no
#     database (vulnerability matching skipped), best of N.
# Needs ../shared/corpus/vulndb (or $DRYDOCK_CORPUS/vulndb) and scripts/test-images.
# Usage: bench/vuln.sh        (env: N=runs (default 5), BUILD=build dir (default build/release))
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
N=${N:-5}
build=${BUILD:-$root/build/release}
corpus=${DRYDOCK_CORPUS:-$root/../shared/corpus}/vulndb
[ -d "$corpus" ] || { echo "vuln.sh: $corpus absent" >&2; exit 2; }
[ -f build/test-images/debian11/.done ] || scripts/test-images >/dev/null
[ -f "$build/CMakeCache.txt" ] || cmake --preset release -B "$build" >/dev/null
cmake --build "$build" --target drydock drydock_vuln_bench >/dev/null
drydock=$build/drydock
vb=$build/bench/drydock_vuln_bench
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2

python3 bench/make_tracker_json.py "$tmp/tracker.json"
python3 - "$corpus/pypa-advisory-database-osv/vulns" "$tmp/pypi-all.zip" <<'PY'
import os, sys, zipfile
src, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for d, _, files in sorted(os.walk(src)):
        for f in sorted(files):
            z.write(os.path.join(d, f), f)
PY

# baseline PARSER FILES…: seconds for Python to parse the files (best of 3)
baseline() {
  python3 - "$@" <<'PY'
import json, sys, time, os, zipfile
try:
    import yaml
    Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
except ImportError:
    yaml = None
kind, files = sys.argv[1], sys.argv[2:]
def parse():
    for f in files:
        if kind == "json":
            json.load(open(f))
        elif kind == "yaml" and yaml:
            yaml.load(open(f), Loader=Loader)
        elif kind == "text":
            open(f).read().splitlines()
best = 1e9
for _ in range(3):
    t = time.perf_counter(); parse(); best = min(best, time.perf_counter() - t)
print("%.4f" % best)
PY
}

feed() {  # feed NAME BASELINE-KIND FILES…
  local name=$1 kind=$2; shift 2
  local line base
  line=$("$vb" import "$name" "$@")
  base=$(baseline "$kind" "$@")
  python3 - "$line" "$base" "$kind" <<'PY'
import json, sys
r = json.loads(sys.argv[1]); base = float(sys.argv[2])
print("| %s | %d | %.1f | %d | %d | %.3f | %.3f | %s %.3f | %s |" % (
    r["feed"], r["files"], r["bytes"] / 1e6, r["advisories"], r["ranges"], r["parse_s"],
    r["import_s"], sys.argv[3], base, "{:,.0f}".format(r["records_per_s"])))
PY
}

echo "| feed | files | MB | advisories | ranges | parse s | import s | Python parse s | records/s |"
echo "|---|---|---|---|---|---|---|---|---|"
feed alpine-secdb-yaml yaml "$corpus"/alpine-secdb-legacy-v3.3-v3.11/v3.*/*.yaml
feed alpine-vuln-list-json json "$corpus"/alpine-vuln-list-3.20-main/*.json
feed debian-dsa-list text "$corpus"/debian-security-tracker-2023-04/data/DSA/list
feed debian-dla-list text "$corpus"/debian-security-tracker-2023-04/data/DLA/list
feed debian-tracker-json-50MB json "$tmp/tracker.json"
feed osv-pypi-yaml-dir yaml $(find "$corpus/pypa-advisory-database-osv/vulns" -name '*.yaml' | sort)
line=$("$vb" import osv-pypi-zip "$tmp/pypi-all.zip")
echo "osv zip: $line"

# 2. lookups against every corpus record
db=$tmp/all.db
"$drydock" db import --db "$db" "$corpus"/alpine-secdb-legacy-v3.3-v3.11/v3.*/*.yaml \
  "$corpus"/alpine-vuln-list-3.20-main/*.json "$corpus"/debian-security-tracker-2023-04/data/*/list \
  "$corpus"/osv-dev-testdata/vulnfeeds/test_data/debian/debian_security_tracker_mock.json \
  "$corpus"/pypa-advisory-database-osv/vulns >/dev/null
"$drydock" db info --db "$db" | head -1
alpine=${DRYDOCK_CORPUS:-$root/../shared/corpus}/images/aquasecurity__trivy/pkg/fanal/test/testdata
"$vb" match "$db" build/test-images/debian/oci build/test-images/debian11/oci \
  build/test-images/debian-vuln/oci "$alpine/alpine-310.tar.gz" "$alpine/alpine-311.tar.gz"

# 3. image scan with and without the database
best() {  # best LABEL CMD…: best wall seconds of N runs
  local label=$1; shift
  local b=999999 i t0 t1
  for ((i = 0; i < N; i++)); do
    t0=$(date +%s%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s%N)
    (( (t1 - t0) / 1000000 < b )) && b=$(( (t1 - t0) / 1000000 ))
  done
  echo "$b"
}
echo "| image | without DB s | with DB s | ratio | DD301 |"
echo "|---|---|---|---|---|"
for img in debian/oci debian11/oci debian-vuln/oci; do
  path=build/test-images/$img
  without=$(best without env XDG_CACHE_HOME="$tmp/none" "$drydock" image "$path" -q -f json)
  with=$(best with "$drydock" image "$path" --db "$db" -q -f json)
  hits=$("$drydock" image "$path" --db "$db" -q -f json | grep -c '"id": "DD301"' || true)
  awk -v i="$img" -v a="$without" -v b="$with" -v h="$hits" \
    'BEGIN {printf "| %s | %.3f | %.3f | %.2f | %d |\n", i, a / 1000, b / 1000, b / a, h}'
done
