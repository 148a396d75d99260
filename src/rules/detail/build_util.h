// SPDX-License-Identifier: Apache-2.0
// Small string helpers shared by the rule areas (case folding, prefix tests, joining names for
// messages). Header-only; no allocation beyond the returned strings.
#pragma once

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::rules::detail {

inline std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
inline bool StartsWith(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}
inline bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}
inline bool Contains(std::string_view s, std::string_view p) {
  return s.find(p) != std::string_view::npos;
}
inline bool In(std::string_view s, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), s) != set.end();
}
// "`a`, `b` and `c`" for messages; past `limit` items: "`a`, `b` and 7 more".
inline std::string QuoteList(const std::vector<std::string>& items, std::size_t limit = 8) {
  std::string out;
  const std::size_t shown = items.size() > limit ? limit : items.size();
  for (std::size_t i = 0; i < shown; ++i) {
    if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
    out += "`" + items[i] + "`";
  }
  if (shown < items.size()) out += " and " + std::to_string(items.size() - shown) + " more";
  return out;
}

}  // namespace drydock::rules::detail
