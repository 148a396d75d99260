// SPDX-License-Identifier: Apache-2.0
// STUB: replaced by the compose adapter implementation.
#include "sources/compose/compose.h"

namespace drydock::sources::compose {

bool IsComposeDocument(const yaml::YamlNode& doc) { return doc.Get("services") != nullptr; }
model::RunSet FromDocument(const yaml::YamlNode&, std::string_view file, const ComposeOptions&,
                           core::Diagnostics&) {
  model::RunSet set;
  set.file = std::string(file);
  return set;
}
model::RunSet ParseCompose(std::string_view, std::string_view file, const ComposeOptions& o,
                           core::Diagnostics& d) {
  return FromDocument(yaml::YamlNode{}, file, o, d);
}
model::RunSet ParseComposeFile(const std::string&, std::string_view file, ComposeOptions o,
                               core::Diagnostics& d) {
  return FromDocument(yaml::YamlNode{}, file, o, d);
}
std::optional<std::int64_t> ParseByteSize(std::string_view) { return std::nullopt; }

}  // namespace drydock::sources::compose
