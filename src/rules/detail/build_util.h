// SPDX-License-Identifier: Apache-2.0
// The string helpers the rule areas use: core/strings.h's, brought into rules::detail, and
// joining names for messages. Header-only.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/strings.h"

namespace drydock::rules::detail {

using core::Contains;
using core::EndsWith;
using core::In;
using core::Lower;
using core::StartsWith;

// True when `path` lies at or under `dir` ('/'-separated, trailing '/' of `dir` ignored).
inline bool UnderDir(std::string_view path, std::string_view dir) {
  while (dir.size() > 1 && EndsWith(dir, "/")) dir.remove_suffix(1);
  return path == dir || (StartsWith(path, dir) && (dir == "/" || path[dir.size()] == '/'));
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
