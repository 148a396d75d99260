// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for the YAML stream reader (ParseYamlStream): multi-document streams, anchors
// and aliases, merge keys, duplicate keys, and the prescreen that keeps libfyaml 0.7.12 away from
// the inputs it crashes or hangs on. Small limits keep each run fast; whatever the input, the
// reader must return documents and/or an Error, never crash, hang, leak or blow up memory.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "yaml/yaml.h"

namespace {

// Walks a tree iteratively and checks the node invariants; returns the node count.
std::size_t Check(const drydock::yaml::YamlNode& root) {
  std::size_t count = 0;
  std::vector<const drydock::yaml::YamlNode*> todo{&root};
  while (!todo.empty()) {
    const auto* n = todo.back();
    todo.pop_back();
    ++count;
    if (n->line < 0 || n->column < 0) std::abort();
    if (!n->IsScalar() && !n->scalar.empty()) std::abort();
    for (const auto& item : n->items) todo.push_back(&item);
    for (const auto& [k, v] : n->entries) {
      todo.push_back(&k);
      todo.push_back(&v);
    }
  }
  return count;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  drydock::yaml::StreamLimits limits;
  limits.max_bytes = 1 << 20;
  limits.max_depth = 64;
  limits.max_nodes = 100000;
  limits.max_alias_bytes = 1 << 20;
  auto stream = drydock::yaml::ParseYamlStream(text, "fuzz.yaml", limits);
  std::size_t nodes = 0;
  for (const auto& doc : stream.documents) {
    if (doc.line < 1) std::abort();
    nodes += Check(doc.root);
  }
  if (nodes > limits.max_nodes) std::abort();  // alias copies included
  if (stream.error && stream.error->message.empty()) std::abort();
  return 0;
}
