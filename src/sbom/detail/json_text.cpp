// SPDX-License-Identifier: Apache-2.0
#include "sbom/detail/json_text.h"

#include <fmt/format.h>

#include <algorithm>

namespace drydock::sbom::detail {
namespace {

int LineAt(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(offset),
                                         '\n'));
}

int ColumnAt(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  const std::size_t nl = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  const std::size_t start = (nl == std::string_view::npos || nl >= offset) ? 0 : nl + 1;
  return static_cast<int>(offset - start) + 1;
}

// The offset of the bracket that nests deeper than `max_depth`, or npos.
std::size_t TooDeepAt(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > max_depth) return i;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return std::string_view::npos;
}

bool Space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

core::Result<nlohmann::json> ParseJsonText(std::string_view text, const std::string& file) {
  if (const std::size_t deep = TooDeepAt(text, kMaxJsonDepth); deep != std::string_view::npos) {
    return core::Fail(core::ErrorCode::kInput,
                      fmt::format("JSON nested too deeply (more than {} levels)", kMaxJsonDepth),
                      core::FileOrigin(file, LineAt(text, deep), ColumnAt(text, deep)));
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
    return core::Fail(core::ErrorCode::kInput, "invalid JSON: " + message.substr(0, 200),
                      core::FileOrigin(file, LineAt(text, at), ColumnAt(text, at)));
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
