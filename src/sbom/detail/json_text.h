// SPDX-License-Identifier: Apache-2.0
// JSON text helpers of the SBOM readers: parsing with a nesting limit and an error that names
// the line and column, and finding the lines of a key's string values without a second parse.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace drydock::sbom::detail {

// Deeper documents are refused before parsing (nlohmann's parser is iterative, but destruction
// and traversal recurse).
inline constexpr int kMaxJsonDepth = 64;

// Parses `text` (the contents of `file`). Errors: "invalid JSON: …" at the line and column of
// the syntax error, or "JSON nested too deeply" at the line of the opening bracket that passes
// the limit.
core::Result<nlohmann::json> ParseJsonText(std::string_view text, const std::string& file);

// For every `"key": "value"` in `text` (any depth), the 1-based line of its first occurrence,
// keyed by the raw value between the quotes (values with escapes are left out). The views point
// into `text`.
std::unordered_map<std::string_view, int> StringValueLines(std::string_view text,
                                                           std::string_view key);

}  // namespace drydock::sbom::detail
