// SPDX-License-Identifier: Apache-2.0
#include "sbom/detail/json_text.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/text.h"

namespace drydock::sbom::detail {
namespace {

bool Space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

core::Result<nlohmann::json> ParseJsonText(std::string_view text, const std::string& file) {
  if (const std::size_t deep = core::JsonTooDeepAt(text, kMaxJsonDepth);
      deep != std::string_view::npos) {
    const auto [line, column] = core::LineColumnAt(text, deep);
    return core::Fail(core::ErrorCode::kInput,
                      fmt::format("JSON nested too deeply (more than {} levels)", kMaxJsonDepth),
                      core::FileOrigin(file, line, column));
  }
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte: 1-based offset of the last byte read.
    const std::size_t at = e.byte == 0 ? 0 : e.byte - 1;
    std::string message = e.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error …": keep
    // the part after the position, which the origin already gives.
    if (const std::size_t colon = message.find(": "); colon != std::string::npos) {
      message = message.substr(colon + 2);
    }
    const auto [line, column] = core::LineColumnAt(text, at);
    return core::Fail(core::ErrorCode::kInput, "invalid JSON: " + message.substr(0, 200),
                      core::FileOrigin(file, line, column));
  } catch (const nlohmann::json::exception& e) {
    return core::Fail(core::ErrorCode::kInput, std::string("invalid JSON: ") + e.what(),
                      core::FileOrigin(file));
  }
}

std::unordered_map<std::string_view, int> StringValueLines(std::string_view text,
                                                           std::string_view key) {
  std::unordered_map<std::string_view, int> out;
  const std::string quoted = fmt::format("\"{}\"", key);
  int line = 1;
  std::size_t counted = 0;  // newlines counted up to here
  for (std::size_t at = text.find(quoted); at != std::string_view::npos;
       at = text.find(quoted, at + 1)) {
    std::size_t i = at + quoted.size();
    while (i < text.size() && Space(text[i])) ++i;
    if (i >= text.size() || text[i] != ':') continue;
    ++i;
    while (i < text.size() && Space(text[i])) ++i;
    if (i >= text.size() || text[i] != '"') continue;
    const std::size_t begin = i + 1;
    const std::size_t end = text.find_first_of("\"\\\n", begin);
    if (end == std::string_view::npos || text[end] != '"') continue;
    line += static_cast<int>(std::count(text.begin() + static_cast<long>(counted),
                                        text.begin() + static_cast<long>(at), '\n'));
    counted = at;
    out.emplace(text.substr(begin, end - begin), line);
  }
  return out;
}

}  // namespace drydock::sbom::detail
