#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Test of scripts/check-layers on scratch trees (its --root): a clean tree passes; an upward
# include, an unlisted same-layer include, an unknown module and a forward-declared higher
# namespace each fail naming the file and line; a listed same-layer pair passes.
set -euo pipefail
check="$(cd "$(dirname "$0")/../.." && pwd)/scripts/check-layers"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/tools/expect.sh
. "$(dirname "$0")/expect.sh"

# expect NAME STATUS PATTERN…: runs the check on $tmp/tree; the exit status must be STATUS and
# the output must contain every PATTERN (fixed strings).
expect() {
  local name=$1 status=$2 rc=0 out
  shift 2
  out=$("$check" --root "$tmp/tree" 2>&1) || rc=$?
  expect_output "$name" "$status" "$rc" "$out" "$@"
}

# A small tree: core < model < sources (sources/image, sources/discover, sources/yaml), secrets
# < rules; its own architecture page, with the allow list given as $1.
write_tree() {
  rm -rf "$tmp/tree"
  mkdir -p "$tmp/tree/docs" "$tmp/tree/src"/{core,model,rules/detail,secrets}
  mkdir -p "$tmp/tree/src/sources"/{image,yaml}
  cat > "$tmp/tree/docs/architecture.md" <<EOF
# Scratch

## Layers

\`\`\`layers
core
model
sources secrets
rules
\`\`\`

\`\`\`layers-allow
$1
\`\`\`
EOF
  printf '#pragma once\n#include <string>\nnamespace drydock::core {\nstruct Finding {};\n}\n' \
    > "$tmp/tree/src/core/finding.h"
  printf '#pragma once\n#include "core/finding.h"\nnamespace drydock::model {\nstruct Spec {};\n}\n' \
    > "$tmp/tree/src/model/spec.h"
  printf '#include "sources/image/reader.h"\n#include "model/spec.h"\n' \
    > "$tmp/tree/src/sources/image/reader.cpp"
  printf '#pragma once\n#include "core/finding.h"\n// #include "rules/catalog.h" (a comment)\n' \
    > "$tmp/tree/src/sources/image/reader.h"
  printf '#pragma once\nnamespace drydock::sources::yaml {}\n' > "$tmp/tree/src/sources/yaml/yaml.h"
  printf '#include "sources/discover.h"\n#include "sources/image/reader.h"\n' \
    > "$tmp/tree/src/sources/discover.cpp"
  printf '#pragma once\n' > "$tmp/tree/src/sources/discover.h"
  printf '#pragma once\n#include "sources/yaml/yaml.h"\n#include "secrets/detector.h"\n' \
    > "$tmp/tree/src/rules/catalog.h"
  printf '#include "rules/catalog.h"\nnamespace drydock {\nnamespace rules::detail {}\n}\n' \
    > "$tmp/tree/src/rules/detail/facts.cpp"
  printf '#pragma once\nconst char* k = R"(#include "rules/catalog.h")";\n' \
    > "$tmp/tree/src/secrets/detector.h"
}

allow='sources/discover -> sources/image   # discovery sniffs image archives'

write_tree "$allow"
expect "clean tree" 0 "check-layers: 10 files, 9 includes, clean"

write_tree "$allow"
printf '#pragma once\n#include "core/finding.h"\n#include "rules/catalog.h"\n' \
  > "$tmp/tree/src/core/x.h"
expect "upward include" 1 \
  "src/core/x.h:3: core (layer 0) includes rules/catalog.h (rules, layer 3)" "1 offences"

write_tree ""
expect "same layer, not listed" 1 \
  "src/sources/discover.cpp:2: sources/discover (layer 2) includes sources/image/reader.h (sources/image, layer 2): same layer"
write_tree "$allow"
printf '#include "secrets/detector.h"\n' >> "$tmp/tree/src/sources/image/reader.cpp"
expect "same layer, other module, not listed" 1 \
  "src/sources/image/reader.cpp:3: sources/image (layer 2) includes secrets/detector.h (secrets, layer 2)"
write_tree "$allow
sources/image -> secrets"
printf '#include "secrets/detector.h"\n' >> "$tmp/tree/src/sources/image/reader.cpp"
expect "same layer, listed" 0 "clean"

write_tree "$allow"
printf '#include "audit/engine.h"\n' >> "$tmp/tree/src/rules/detail/facts.cpp"
expect "include of an unknown module" 1 \
  "src/rules/detail/facts.cpp:5: rules (layer 3) includes audit/engine.h (audit): unknown module: add it to docs/architecture.md"
write_tree "$allow"
mkdir -p "$tmp/tree/src/audit"
printf '#include "rules/catalog.h"\n' > "$tmp/tree/src/audit/engine.cpp"
expect "file of an unknown module" 1 \
  "src/audit/engine.cpp: audit: unknown module: add it to docs/architecture.md"

write_tree "$allow"
printf '#pragma once\nnamespace drydock::rules::detail {\nclass BuildFacts;\n}\n' \
  > "$tmp/tree/src/core/rule.h"
expect "forward-declared higher namespace" 1 \
  "src/core/rule.h:2: core (layer 0) declares namespace drydock::rules::detail (rules, layer 3)"
write_tree "$allow"
printf '#pragma once\nnamespace drydock {\nstruct X { int f() { return 1; } };\nnamespace sources {\nstruct Y;\n}\n}\n' \
  > "$tmp/tree/src/model/fwd.h"
expect "nested higher namespace" 1 \
  "src/model/fwd.h:4: model (layer 1) declares namespace drydock::sources (sources, layer 2)"

write_tree "src/nope -> sources/image"
expect "bad allow entry" 2 "src/nope is not in the \`\`\`layers block"

if [ "$failures" -gt 0 ]; then
  echo "check_layers_test: $failures failed"
  exit 1
fi
echo "check_layers_test: all passed"
