// SPDX-License-Identifier: Apache-2.0
#include "policy/detail/yaml_values.h"

#include <fmt/format.h>

namespace drydock::policy::detail {

using core::ErrorCode;
using core::Result;

namespace {

// One read of yaml::Reader in the policy dialect: its value, or the first error it reported.
template <class T, class Read>
Result<T> ReadOne(const std::string& file, const Read& read) {
  yaml::FirstError first;
  yaml::Reader reader(file, kDialect, first.Sink());
  std::optional<T> value = read(reader);
  if (first.failed()) return tl::unexpected(first.error());
  return std::move(*value);  // kDialect: a present node always has a value or an error
}

}  // namespace

core::Origin Where(const YamlNode& node, const std::string& file) {
  return core::FileOrigin(file, node.line, node.column);
}

tl::unexpected<core::Error> ErrorAt(const YamlNode& node, const std::string& file,
                                    std::string message) {
  return core::Fail(ErrorCode::kInput, std::move(message), Where(node, file));
}

Result<const YamlNode*> MappingValue(const YamlNode& node, const std::string& file,
                                     std::string_view what, std::string_view expected) {
  return ReadOne<const YamlNode*>(file, [&](yaml::Reader& r) {
    return std::optional(r.Mapping(&node, std::string(what), expected));
  });
}

Result<const YamlNode*> ListValue(const YamlNode& node, const std::string& file,
                                  std::string_view what, std::string_view expected) {
  return ReadOne<const YamlNode*>(file, [&](yaml::Reader& r) {
    return std::optional(r.Sequence(&node, std::string(what), expected));
  });
}

Result<std::string> Scalar(const YamlNode& node, const std::string& file, std::string_view what) {
  return ReadOne<std::string>(file,
                              [&](yaml::Reader& r) { return r.String(&node, std::string(what)); });
}

Result<std::vector<std::string>> StringList(const YamlNode& node, const std::string& file,
                                            std::string_view what) {
  return ReadOne<std::vector<std::string>>(
      file, [&](yaml::Reader& r) { return std::optional(r.StringList(&node, std::string(what))); });
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
  // A collection is "expected a scalar" here, not "expected true or false".
  auto scalar = Scalar(node, file, what);
  if (!scalar) return tl::unexpected(scalar.error());
  return ReadOne<bool>(file, [&](yaml::Reader& r) { return r.Bool(&node, std::string(what)); });
}

Result<IgnoreEntry> IgnoreEntryValue(const YamlNode& node, const std::string& file,
                                     core::Diagnostics& diags) {
  DD_TRY(MappingValue(node, file, "ignore entry", "a mapping with an id"));
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
