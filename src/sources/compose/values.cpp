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
#include "shell/shell.h"
#include "sources/compose/compose.h"
#include "sources/compose/detail.h"

namespace drydock::sources::compose {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// A decimal port or the first port of a range `a-b`; nullopt unless 0..65535.
std::optional<int> ParsePortNumber(std::string_view s) {
  std::size_t dash = s.find('-');
  if (dash != std::string_view::npos) {
    std::string_view last = s.substr(dash + 1);
    s = s.substr(0, dash);
    if (last.empty() || last.size() > 5) return std::nullopt;
    for (char c : last) {
      if (!IsDigit(c)) return std::nullopt;
    }
  }
  if (s.empty() || s.size() > 5) return std::nullopt;
  int value = 0;
  for (char c : s) {
    if (!IsDigit(c)) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value > 65535) return std::nullopt;
  return value;
}

}  // namespace

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

std::optional<ShortPort> ParseShortPort(std::string_view text) {
  ShortPort port;
  std::size_t slash = text.rfind('/');
  if (slash != std::string_view::npos) {
    port.protocol = std::string(text.substr(slash + 1));
    if (port.protocol.empty()) return std::nullopt;
    for (char& c : port.protocol) c = core::AsciiLower(c);
    text = text.substr(0, slash);
  }
  std::string_view ip;
  std::string_view published;
  std::string_view target;
  if (!text.empty() && text.front() == '[') {
    std::size_t close = text.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    ip = text.substr(1, close - 1);
    std::string_view rest = text.substr(close + 1);
    if (rest.empty() || rest.front() != ':') return std::nullopt;
    rest.remove_prefix(1);
    std::size_t colon = rest.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    published = rest.substr(0, colon);
    target = rest.substr(colon + 1);
  } else {
    std::size_t last = text.rfind(':');
    if (last == std::string_view::npos) {
      target = text;
    } else {
      target = text.substr(last + 1);
      std::string_view head = text.substr(0, last);
      std::size_t prev = head.rfind(':');
      if (prev == std::string_view::npos) {
        published = head;
      } else {
        published = head.substr(prev + 1);
        ip = head.substr(0, prev);
      }
    }
  }
  auto container = ParsePortNumber(target);
  if (!container) return std::nullopt;
  port.container_port = *container;
  if (!published.empty()) {
    auto host = ParsePortNumber(published);
    if (!host) return std::nullopt;
    port.host_port = *host;
  }
  port.host_ip = std::string(ip);
  return port;
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
