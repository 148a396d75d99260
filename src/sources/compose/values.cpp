// SPDX-License-Identifier: Apache-2.0
// Small value parsers of the compose adapter: byte sizes (docker/go-units RAMInBytes), command
// words, short-syntax ports and volumes.
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "core/strings.h"
#include "core/units.h"
#include "model/port_spec.h"
#include "shell/shell.h"
#include "sources/compose/compose.h"
#include "sources/compose/detail.h"

namespace drydock::sources::compose {
namespace {}  // namespace

std::optional<std::int64_t> ParseByteSize(std::string_view text) {
  return core::ParseRamInBytes(text);
}

namespace detail {

std::optional<std::vector<std::string>> SplitCommand(std::string_view text) {
  shell::Options options;
  options.dialect = shell::Dialect::kWords;
  shell::Script split;
  shell::Split(text, options, split);
  if (split.unterminated_quote) return std::nullopt;
  std::vector<std::string> words;
  if (split.commands.empty()) return words;
  words.reserve(split.commands.front().words.size());
  for (shell::Word& w : split.commands.front().words) words.push_back(std::move(w.text));
  return words;
}

std::optional<model::Port> ParseShortPort(std::string_view text) {
  auto port = model::ParsePortSpec(text, model::PortDialect::kCompose);
  if (!port) return std::nullopt;
  return std::move(*port);
}

ShortVolume SplitShortVolume(std::string_view text) {
  std::vector<std::string> parts;
  std::string current;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool drive =
        current.size() == 1 &&
        ((current[0] >= 'a' && current[0] <= 'z') || (current[0] >= 'A' && current[0] <= 'Z')) &&
        i + 1 < text.size() && (text[i + 1] == '\\' || text[i + 1] == '/');
    if (c == ':' && !drive && parts.size() < 2) {
      parts.push_back(std::move(current));
      current.clear();
      continue;
    }
    current += c;
  }
  parts.push_back(std::move(current));
  ShortVolume volume;
  if (parts.size() == 1) {
    volume.target = std::move(parts[0]);
  } else {
    volume.source = std::move(parts[0]);
    volume.target = std::move(parts[1]);
    if (parts.size() > 2) volume.mode = std::move(parts[2]);
  }
  return volume;
}

bool IsHostPath(std::string_view source) {
  if (source.empty()) return false;
  char c = source.front();
  if (c == '/' || c == '.' || c == '~' || c == '\\') return true;
  return source.size() >= 2 && source[1] == ':' &&
         ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

}  // namespace detail
}  // namespace drydock::sources::compose
