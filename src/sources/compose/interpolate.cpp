// SPDX-License-Identifier: Apache-2.0
// Compose variable interpolation and the `.env` reader (see detail.h for the contracts).
#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sources/compose/detail.h"

#include "core/strings.h"

namespace drydock::sources::compose::detail {
namespace {

using core::IsNameChar;
using core::IsNameStart;

// Shortens a text for an error message.
std::string Excerpt(std::string_view text) {
  constexpr std::size_t kMax = 60;
  if (text.size() <= kMax) return std::string(text);
  return std::string(text.substr(0, kMax)) + "…";
}

class Expander {
 public:
  Expander(const VarLookup& lookup, std::size_t max_size, Interpolated& result)
      : lookup_(lookup), max_size_(max_size), result_(result) {}

  // Appends the expansion of `text` to `out`; false (with result_.error set) on failure.
  bool Expand(std::string_view text, int depth, std::string& out) {
    if (depth > kMaxInterpolationDepth) {
      return Fail(
          fmt::format("interpolation nested deeper than {} levels", kMaxInterpolationDepth));
    }
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
      std::size_t dollar = text.find('$', i);
      if (dollar == std::string_view::npos) return Append(out, text.substr(i));
      if (!Append(out, text.substr(i, dollar - i))) return false;
      i = dollar;
      if (i + 1 >= n) return Append(out, "$");
      char next = text[i + 1];
      if (next == '$') {
        if (!Append(out, "$")) return false;
        i += 2;
      } else if (IsNameStart(next)) {
        std::size_t j = i + 1;
        while (j < n && IsNameChar(text[j])) ++j;
        if (!Substitute(text.substr(i + 1, j - i - 1), out)) return false;
        i = j;
      } else if (next == '{') {
        std::size_t end = 0;
        if (!Braced(text, i, depth, out, end)) return false;
        i = end;
      } else {
        if (!Append(out, "$")) return false;
        ++i;
      }
    }
    return true;
  }

 private:
  bool Fail(std::string message) {
    result_.error = std::move(message);
    return false;
  }

  bool Append(std::string& out, std::string_view s) {
    if (out.size() + s.size() > max_size_) {
      return Fail(fmt::format("interpolation result is larger than {} bytes", max_size_));
    }
    out.append(s);
    return true;
  }

  bool Substitute(std::string_view name, std::string& out) {
    const std::string* value = lookup_(name);
    if (value != nullptr) return Append(out, *value);
    if (std::find(result_.unset.begin(), result_.unset.end(), name) == result_.unset.end()) {
      result_.unset.emplace_back(name);
    }
    return true;
  }

  // `text[start]` is the `$` of a `${`; sets `end` past the closing brace.
  bool Braced(std::string_view text, std::size_t start, int depth, std::string& out,
              std::size_t& end) {
    const std::size_t n = text.size();
    std::size_t j = start + 2;
    std::size_t name_begin = j;
    if (j < n && IsNameStart(text[j])) {
      while (j < n && IsNameChar(text[j])) ++j;
    }
    std::string_view name = text.substr(name_begin, j - name_begin);
    if (name.empty()) {
      return Fail(
          fmt::format("invalid interpolation format for \"{}\": a variable name must "
                      "follow \"${{\"",
                      Excerpt(text.substr(start))));
    }
    if (j >= n) {
      return Fail(fmt::format("invalid interpolation format for \"{}\": missing \"}}\"",
                              Excerpt(text.substr(start))));
    }
    if (text[j] == '}') {
      end = j + 1;
      return Substitute(name, out);
    }
    bool colon = false;
    if (text[j] == ':') {
      colon = true;
      ++j;
    }
    if (j >= n || (text[j] != '-' && text[j] != '?' && text[j] != '+')) {
      return Fail(fmt::format(
          "invalid interpolation format for \"{}\": expected \"}}\" or one of :- - :? ? :+ + "
          "after the variable name",
          Excerpt(text.substr(start))));
    }
    char op = text[j];
    std::size_t word_begin = j + 1;
    int open = 1;
    std::size_t k = word_begin;
    for (; k < n; ++k) {
      if (text[k] == '{') {
        ++open;
      } else if (text[k] == '}' && --open == 0) {
        break;
      }
    }
    if (k >= n) {
      return Fail(fmt::format("invalid interpolation format for \"{}\": missing \"}}\"",
                              Excerpt(text.substr(start))));
    }
    std::string_view word = text.substr(word_begin, k - word_begin);
    end = k + 1;

    const std::string* value = lookup_(name);
    bool present = colon ? (value != nullptr && !value->empty()) : value != nullptr;
    switch (op) {
      case '-':
        if (present) return Append(out, *value);
        return ExpandWord(word, depth, out);
      case '?':
        // Compose refuses to start without it; an audit goes on with "" and says so (the
        // deploy environment provides it, the file is fine).
        if (present) return Append(out, *value);
        if (std::find_if(result_.required_missing.begin(), result_.required_missing.end(),
                         [&](const auto& m) { return m.first == name; }) ==
            result_.required_missing.end()) {
          result_.required_missing.emplace_back(name, Excerpt(word));
        }
        return true;
      default:  // '+'
        if (present) return ExpandWord(word, depth, out);
        return true;
    }
  }

  bool ExpandWord(std::string_view word, int depth, std::string& out) {
    std::string inner;
    if (!Expand(word, depth + 1, inner)) return false;
    return Append(out, inner);
  }

  const VarLookup& lookup_;
  std::size_t max_size_;
  Interpolated& result_;
};

bool IsDotenvKeyChar(char c) { return IsNameChar(c) || c == '.' || c == '-'; }

// The maximum size of one interpolated `.env` value.
constexpr std::size_t kMaxDotenvValue = 1 << 20;

}  // namespace

Interpolated Interpolate(std::string_view text, const VarLookup& lookup, std::size_t max_size) {
  Interpolated result;
  Expander expander(lookup, max_size, result);
  if (!expander.Expand(text, 0, result.value)) result.value.clear();
  return result;
}

std::map<std::string, std::string> ParseDotenv(std::string_view text, const VarLookup& fallback,
                                               std::vector<std::string>& warnings) {
  std::map<std::string, std::string> vars;
  VarLookup lookup = [&](std::string_view name) -> const std::string* {
    if (const std::string* v = fallback ? fallback(name) : nullptr) return v;
    auto it = vars.find(std::string(name));
    return it == vars.end() ? nullptr : &it->second;
  };
  auto interpolate = [&](std::string_view raw, int line) {
    Interpolated r = Interpolate(raw, lookup, kMaxDotenvValue);
    if (r.error) {
      warnings.push_back(fmt::format("line {}: {}", line, *r.error));
      return std::string(raw);
    }
    return std::move(r.value);
  };

  const std::size_t n = text.size();
  std::size_t pos = 0;
  int line = 1;
  while (pos < n) {
    const int start_line = line;
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = n;
    std::string_view rest = core::Trim(text.substr(pos, eol - pos), " \t\r");
    std::size_t next = eol + 1;  // where the next line starts (quoted values may move it)
    auto finish = [&]() {
      pos = next;
      ++line;
    };
    if (rest.empty() || rest.front() == '#') {
      finish();
      continue;
    }
    if (rest.substr(0, 7) == "export " || rest.substr(0, 7) == "export\t") {
      rest = core::Trim(rest.substr(7), " \t\r");
    }
    std::size_t k = 0;
    while (k < rest.size() && IsDotenvKeyChar(rest[k])) ++k;
    std::string key(rest.substr(0, k));
    std::string_view after = core::Trim(rest.substr(k), " \t\r");
    if (key.empty()) {
      warnings.push_back(fmt::format("line {}: expected KEY=VALUE", start_line));
      finish();
      continue;
    }
    if (after.empty()) {
      // A bare KEY takes the value of the environment, when it has one.
      if (const std::string* v = fallback ? fallback(key) : nullptr) vars[key] = *v;
      finish();
      continue;
    }
    if (after.front() != '=' && after.front() != ':') {
      warnings.push_back(fmt::format("line {}: expected '=' after {}", start_line, key));
      finish();
      continue;
    }
    std::string_view value = after.substr(1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
      value.remove_prefix(1);
    }
    if (!value.empty() && (value.front() == '\'' || value.front() == '"')) {
      const char quote = value.front();
      // The value may continue on later lines: scan the text from after the quote.
      std::size_t q = static_cast<std::size_t>(value.data() - text.data()) + 1;
      std::string raw;
      bool closed = false;
      for (; q < n; ++q) {
        char c = text[q];
        if (c == quote) {
          closed = true;
          break;
        }
        if (c == '\n') ++line;
        if (quote == '"' && c == '\\' && q + 1 < n) {
          char e = text[++q];
          switch (e) {
            case 'n':
              raw += '\n';
              break;
            case 't':
              raw += '\t';
              break;
            case 'r':
              raw += '\r';
              break;
            case '$':
              raw += "$$";  // stays a literal `$` through interpolation
              break;
            case '\n':
              ++line;
              raw += '\n';
              break;
            default:
              raw += e;
          }
          continue;
        }
        raw += c;
      }
      if (!closed) {
        warnings.push_back(
            fmt::format("line {}: unterminated quote in the value of {}", start_line, key));
        pos = n;
        continue;
      }
      vars[key] = quote == '"' ? interpolate(raw, start_line) : raw;
      std::size_t close_eol = text.find('\n', q);
      next = close_eol == std::string_view::npos ? n : close_eol + 1;
      finish();
      continue;
    }
    // Unquoted: a `#` after a blank starts a comment.
    for (std::size_t h = 1; h < value.size(); ++h) {
      if (value[h] == '#' && (value[h - 1] == ' ' || value[h - 1] == '\t')) {
        value = value.substr(0, h);
        break;
      }
    }
    vars[key] = interpolate(core::Trim(value, " \t\r"), start_line);
    finish();
  }
  return vars;
}

}  // namespace drydock::sources::compose::detail
