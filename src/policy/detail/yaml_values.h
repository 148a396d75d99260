// SPDX-License-Identifier: Apache-2.0
// Typed accessors over YamlNode shared by the config and ignore-file readers: yaml::Reader in the
// policy dialect, its first error returned as the Result's error. Each error is located at the
// offending node (file:line:column, no context path) and names the field:
// "rules.DD001.enabled: expected true or false, found 'maybe'".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/io.h"
#include "policy/config.h"
#include "yaml/typed.h"
#include "yaml/yaml.h"

namespace drydock::policy {
using core::ReadBoundedFile;
using yaml::kMaxYamlBytes;
using yaml::ParseYaml;
using yaml::YamlNode;
}  // namespace drydock::policy

namespace drydock::policy::detail {

// How policy files are read: YAML 1.2 booleans (quoted or not), a null value is the text it was
// written as, and messages start with the field's name and say "found".
inline constexpr yaml::Dialect kDialect{
    .path_in_origin = false,
    .got = "found",
    .shown = yaml::Shown::kKindOrText,
    .string_noun = "a scalar",
    .string_list_noun = "a list of strings",
    .bool_noun = "true or false",
    .bool_words = yaml::BoolWords::kCore,
    .plain_only = false,
    .null_is_absent = false,
    .index_items = false,
};

core::Origin Where(const YamlNode& node, const std::string& file);
tl::unexpected<core::Error> ErrorAt(const YamlNode& node, const std::string& file,
                                    std::string message);

// `node` when it is a mapping: "<what>: expected <expected>, found a <kind>" otherwise (a null node
// included).
core::Result<const YamlNode*> MappingValue(const YamlNode& node, const std::string& file,
                                           std::string_view what,
                                           std::string_view expected = "a mapping");
// Same for a sequence ("a list").
core::Result<const YamlNode*> ListValue(const YamlNode& node, const std::string& file,
                                        std::string_view what,
                                        std::string_view expected = "a list");
// A scalar's text (a null node's too); error for a sequence or mapping.
core::Result<std::string> Scalar(const YamlNode& node, const std::string& file,
                                 std::string_view what);
// A sequence of scalars, or a single scalar as a one-element list.
core::Result<std::vector<std::string>> StringList(const YamlNode& node, const std::string& file,
                                                  std::string_view what);
core::Result<core::Severity> SeverityValue(const YamlNode& node, const std::string& file,
                                           std::string_view what);
core::Result<Date> DateValue(const YamlNode& node, const std::string& file, std::string_view what);
core::Result<bool> BoolValue(const YamlNode& node, const std::string& file, std::string_view what);

// Parses one ignore entry mapping {id, reason, expires, paths}; unknown keys -> warnings.
core::Result<IgnoreEntry> IgnoreEntryValue(const YamlNode& node, const std::string& file,
                                           core::Diagnostics& diags);

}  // namespace drydock::policy::detail
