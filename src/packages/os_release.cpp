// SPDX-License-Identifier: Apache-2.0
#include "packages/os_release.h"

#include <algorithm>

#include "core/strings.h"

namespace drydock::packages {
namespace {

constexpr std::size_t kMaxBytes = std::size_t{64} * 1024;

bool ValidKey(std::string_view key) {
  if (key.empty()) return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// A value as the shell would read it: one quoted or unquoted word; false when malformed.
bool Unquote(std::string_view raw, std::string& out) {
  out.clear();
  if (raw.empty()) return true;
  const char quote = raw.front();
  if (quote != '"' && quote != '\'') {
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '\\' && i + 1 < raw.size()) {
        out += raw[++i];
      } else if (raw[i] == ' ' || raw[i] == '"' || raw[i] == '\'') {
        return false;  // an unquoted value is one word
      } else {
        out += raw[i];
      }
    }
    return true;
  }
  if (raw.size() < 2 || raw.back() != quote) return false;
  std::string_view inner = raw.substr(1, raw.size() - 2);
  for (std::size_t i = 0; i < inner.size(); ++i) {
    const char c = inner[i];
    if (quote == '"' && c == '\\' && i + 1 < inner.size() &&
        (inner[i + 1] == '"' || inner[i + 1] == '\\' || inner[i + 1] == '$' ||
         inner[i + 1] == '`')) {
      out += inner[++i];
    } else if (c == quote) {
      return false;  // an unescaped quote inside: more than one word
    } else {
      out += c;
    }
  }
  return true;
}

}  // namespace

std::string OsRelease::Release() const {
  if (version_id.empty()) return "";
  auto first_parts = [&](int parts) {
    std::size_t pos = 0;
    for (int i = 0; i < parts; ++i) {
      pos = version_id.find('.', pos);
      if (pos == std::string::npos) return version_id;
      if (i + 1 < parts) ++pos;
    }
    return version_id.substr(0, pos);
  };
  if (id == "alpine") return first_parts(2);
  if (id == "rhel" || id == "centos" || id == "rocky" || id == "almalinux" || id == "ol" ||
      id == "fedora" || id == "amzn") {
    return first_parts(1);
  }
  return version_id;
}

OsRelease ParseOsRelease(std::string_view text) {
  OsRelease out;
  text = text.substr(0, std::min(text.size(), kMaxBytes));
  std::size_t pos = 0;
  std::string value;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = core::TrimLine(text.substr(pos, end - pos));
    pos = end + 1;
    if (line.empty() || line.front() == '#') continue;
    const std::size_t eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    const std::string_view key = line.substr(0, eq);
    if (!ValidKey(key) || !Unquote(line.substr(eq + 1), value)) continue;
    out.fields[std::string(key)] = value;
  }
  auto field = [&](const char* key) {
    auto it = out.fields.find(key);
    return it == out.fields.end() ? std::string() : it->second;
  };
  out.id = field("ID");
  std::transform(out.id.begin(), out.id.end(), out.id.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  out.id_like = field("ID_LIKE");
  out.version_id = field("VERSION_ID");
  out.version_codename = field("VERSION_CODENAME");
  out.pretty_name = field("PRETTY_NAME");
  return out;
}

}  // namespace drydock::packages
