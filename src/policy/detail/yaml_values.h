// SPDX-License-Identifier: Apache-2.0
// Typed accessors over YamlNode shared by the config and ignore-file readers. Each turns a shape
// mismatch into an Error located at the offending node.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/io.h"
#include "policy/config.h"
#include "yaml/yaml.h"

namespace drydock::policy {
using core::ReadBoundedFile;
using yaml::kMaxYamlBytes;
using yaml::ParseYaml;
using yaml::YamlNode;
}  // namespace drydock::policy

namespace drydock::policy::detail {

core::Origin Where(const YamlNode& node, const std::string& file);
tl::unexpected<core::Error> ErrorAt(const YamlNode& node, const std::string& file,
                                    std::string message);

// A scalar's text; error for a sequence or mapping.
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
