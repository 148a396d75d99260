// SPDX-License-Identifier: Apache-2.0
#include "policy/detail/yaml_values.h"

#include <fmt/format.h>

namespace drydock::policy::detail {

using core::ErrorCode;
using core::Result;

core::Origin Where(const YamlNode& node, const std::string& file) {
  core::Origin o;
  o.file = file;
  o.line = node.line;
  o.column = node.column;
  return o;
}

tl::unexpected<core::Error> ErrorAt(const YamlNode& node, const std::string& file,
                                    std::string message) {
  return core::Fail(ErrorCode::kInput, std::move(message), Where(node, file));
}

Result<std::string> Scalar(const YamlNode& node, const std::string& file, std::string_view what) {
  if (!node.IsScalar()) {
    return ErrorAt(node, file,
                   fmt::format("{}: expected a scalar, found a {}", what, node.KindName()));
  }
  return node.scalar;
}

Result<std::vector<std::string>> StringList(const YamlNode& node, const std::string& file,
                                            std::string_view what) {
  std::vector<std::string> out;
  if (node.IsNull()) return out;
  if (node.IsScalar()) {
    out.push_back(node.scalar);
    return out;
  }
  if (!node.IsSequence()) {
    return ErrorAt(
        node, file,
        fmt::format("{}: expected a list of strings, found a {}", what, node.KindName()));
  }
  for (const YamlNode& item : node.items) {
    out.push_back(DD_TRY(Scalar(item, file, what)));
  }
  return out;
}

Result<core::Severity> SeverityValue(const YamlNode& node, const std::string& file,
                                     std::string_view what) {
  std::string text = DD_TRY(Scalar(node, file, what));
  if (auto s = core::ParseSeverity(text)) return *s;
  return ErrorAt(node, file,
                 fmt::format("{}: unknown severity '{}' (expected CRITICAL, HIGH, MEDIUM, LOW or "
                             "INFO)",
                             what, text));
}

Result<Date> DateValue(const YamlNode& node, const std::string& file, std::string_view what) {
  std::string text = DD_TRY(Scalar(node, file, what));
  if (auto d = ParseDate(text)) return *d;
  return ErrorAt(node, file, fmt::format("{}: '{}' is not a date (YYYY-MM-DD)", what, text));
}

Result<bool> BoolValue(const YamlNode& node, const std::string& file, std::string_view what) {
  // Not DD_TRY: GCC 12 -O2 reports a false -Wmaybe-uninitialized on the moved-out string here.
  auto scalar = Scalar(node, file, what);
  if (!scalar) return tl::unexpected(scalar.error());
  const std::string& text = *scalar;
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  return ErrorAt(node, file, fmt::format("{}: expected true or false, found '{}'", what, text));
}

Result<IgnoreEntry> IgnoreEntryValue(const YamlNode& node, const std::string& file,
                                     core::Diagnostics& diags) {
  if (!node.IsMapping()) {
    return ErrorAt(
        node, file,
        fmt::format("ignore entry: expected a mapping with an id, found a {}", node.KindName()));
  }
  IgnoreEntry entry;
  entry.where = Where(node, file);
  bool has_id = false;
  for (const auto& [k, v] : node.entries) {
    std::string key = DD_TRY(Scalar(k, file, "ignore entry key"));
    if (key == "id") {
      entry.key = DD_TRY(Scalar(v, file, "ignore.id"));
      has_id = !entry.key.empty();
    } else if (key == "reason") {
      entry.reason = v.IsNull() ? std::string() : DD_TRY(Scalar(v, file, "ignore.reason"));
    } else if (key == "expires") {
      entry.expires = DD_TRY(DateValue(v, file, "ignore.expires"));
    } else if (key == "paths") {
      entry.paths = DD_TRY(StringList(v, file, "ignore.paths"));
    } else {
      diags.push_back({core::DiagnosticLevel::kWarning, Where(k, file),
                       fmt::format("unknown key '{}' in ignore entry (ignored)", key)});
    }
  }
  if (!has_id) return ErrorAt(node, file, "ignore entry without an 'id'");
  return entry;
}

}  // namespace drydock::policy::detail
