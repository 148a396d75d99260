// SPDX-License-Identifier: Apache-2.0
#include "core/glob.h"

#include <algorithm>
#include <cstddef>
#include <vector>

namespace drydock::core {
namespace {

std::string_view StripDotSlash(std::string_view s) {
  while (s.size() >= 2 && s[0] == '.' && s[1] == '/') s.remove_prefix(2);
  return s;
}

}  // namespace

bool MatchGlob(std::string_view pattern, std::string_view path) {
  pattern = StripDotSlash(pattern);
  path = StripDotSlash(path);
  while (pattern.size() > 1 && pattern.back() == '/') pattern.remove_suffix(1);
  if (pattern.empty()) return false;
  enum class Tok { kChar, kOne, kStar, kDeep, kDeepSlash };
  struct T {
    Tok tok;
    char c;
  };
  std::vector<T> toks;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '*' && i + 1 < pattern.size() && pattern[i + 1] == '*') {
      i += 1;
      while (i + 1 < pattern.size() && pattern[i + 1] == '*') ++i;
      if (i + 1 < pattern.size() && pattern[i + 1] == '/') {
        ++i;
        toks.push_back({Tok::kDeepSlash, 0});
      } else {
        toks.push_back({Tok::kDeep, 0});
      }
    } else if (pattern[i] == '*') {
      toks.push_back({Tok::kStar, 0});
    } else if (pattern[i] == '?') {
      toks.push_back({Tok::kOne, 0});
    } else {
      toks.push_back({Tok::kChar, pattern[i]});
    }
  }
  const std::size_t n = path.size();
  std::vector<char> cur(n + 1, 0), next(n + 1, 0);
  cur[0] = 1;
  for (const T& t : toks) {
    std::fill(next.begin(), next.end(), 0);
    bool any_before = false;  // kDeepSlash: some cur[k] with k < j
    for (std::size_t j = 0; j <= n; ++j) {
      switch (t.tok) {
        case Tok::kChar:
          if (j > 0) next[j] = cur[j - 1] && path[j - 1] == t.c;
          break;
        case Tok::kOne:
          if (j > 0) next[j] = cur[j - 1] && path[j - 1] != '/';
          break;
        case Tok::kStar:
          next[j] = cur[j] || (j > 0 && next[j - 1] && path[j - 1] != '/');
          break;
        case Tok::kDeep:
          next[j] = cur[j] || (j > 0 && next[j - 1]);
          break;
        case Tok::kDeepSlash:
          next[j] = cur[j] || (j > 0 && any_before && path[j - 1] == '/');
          break;
      }
      if (cur[j]) any_before = true;
    }
    std::swap(cur, next);
  }
  if (cur[n]) return true;
  // A pattern that matches a parent directory matches everything below it.
  for (std::size_t j = 1; j < n; ++j) {
    if (cur[j] && path[j] == '/') return true;
  }
  return false;
}

}  // namespace drydock::core
