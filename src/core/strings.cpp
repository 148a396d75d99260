// SPDX-License-Identifier: Apache-2.0
#include "core/strings.h"

namespace drydock::core {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiUpper(c);
  return out;
}

std::string Concat(std::initializer_list<std::string_view> pieces) {
  std::size_t size = 0;
  for (std::string_view piece : pieces) size += piece.size();
  std::string out;
  out.reserve(size);
  for (std::string_view piece : pieces) out.append(piece);
  return out;
}

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

bool IStartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && IEquals(s.substr(0, prefix.size()), prefix);
}

std::string_view TrimLeft(std::string_view s, std::string_view chars) {
  const std::size_t first = s.find_first_not_of(chars);
  return first == std::string_view::npos ? std::string_view() : s.substr(first);
}

std::string_view TrimRight(std::string_view s, std::string_view chars) {
  const std::size_t last = s.find_last_not_of(chars);
  return last == std::string_view::npos ? std::string_view() : s.substr(0, last + 1);
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::vector<std::string_view> SplitWords(std::string_view text, char escape) {
  std::vector<std::string_view> words;
  words.reserve(8);
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    while (i < n && (text[i] == ' ' || text[i] == '\t')) ++i;
    if (i >= n) break;
    std::size_t start = i;
    char quote = '\0';
    while (i < n) {
      char c = text[i];
      if (quote != '\0') {
        if (c == quote) {
          quote = '\0';
        } else if (c == escape && quote == '"' && i + 1 < n) {
          ++i;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == escape && i + 1 < n) {
        ++i;
      } else if (c == ' ' || c == '\t') {
        break;
      }
      ++i;
    }
    words.push_back(text.substr(start, i - start));
  }
  return words;
}

}  // namespace drydock::core
