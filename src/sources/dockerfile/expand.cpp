// SPDX-License-Identifier: Apache-2.0
#include "sources/dockerfile/expand.h"

#include <algorithm>
#include <bitset>
#include <cstdint>
#include <optional>
#include <utility>

#include "core/strings.h"

namespace drydock::sources::dockerfile {
namespace {

using core::IsDigit;
using core::IsNameChar;
using core::IsNameStart;

constexpr std::uint64_t kGlobStepBudget = std::uint64_t{1} << 21;

bool IsSpecialParam(char c) {
  return c == '@' || c == '*' || c == '#' || c == '?' || c == '-' || c == '$' || c == '!';
}

// A compiled glob: a sequence of tokens, each `*` or a set of accepted bytes.
class Glob {
 public:
  explicit Glob(std::string_view pattern, bool reversed = false) {
    std::vector<Token> toks;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
      char c = pattern[i];
      Token t;
      if (c == '*') {
        t.star = true;
      } else if (c == '?') {
        t.set.set();
      } else if (c == '[') {
        std::size_t j = i + 1;
        bool negate = false;
        if (j < pattern.size() && (pattern[j] == '!' || pattern[j] == '^')) {
          negate = true;
          ++j;
        }
        std::size_t start = j;
        // A ']' right after '[' or '[!' is a member.
        while (j < pattern.size() && (pattern[j] != ']' || j == start)) ++j;
        if (j >= pattern.size()) {  // no closing bracket: literal '['
          t.set.set(static_cast<unsigned char>('['));
        } else {
          for (std::size_t k = start; k < j; ++k) {
            unsigned char lo = static_cast<unsigned char>(pattern[k]);
            if (k + 2 < j && pattern[k + 1] == '-') {
              unsigned char hi = static_cast<unsigned char>(pattern[k + 2]);
              for (unsigned v = lo; v <= hi; ++v) t.set.set(v);
              k += 2;
            } else {
              t.set.set(lo);
            }
          }
          if (negate) t.set.flip();
          i = j;
        }
      } else if (c == '\\' && i + 1 < pattern.size()) {
        t.set.set(static_cast<unsigned char>(pattern[++i]));
      } else {
        t.set.set(static_cast<unsigned char>(c));
      }
      // Collapse runs of '*'.
      if (t.star && !toks.empty() && toks.back().star) continue;
      toks.push_back(t);
    }
    if (reversed) {
      for (std::size_t i = 0, j = toks.size(); i + 1 < j; ++i, --j) std::swap(toks[i], toks[j - 1]);
    }
    toks_ = std::move(toks);
    cur_.resize(toks_.size() + 1);
    next_.resize(toks_.size() + 1);
  }

  bool StartsWithStar() const { return !toks_.empty() && toks_[0].star; }

  // Calls `on_match(len)` for every length `len` such that text[0..len) (or, with `backward`, the
  // last `len` bytes) matches, in increasing order. Returns false when the budget ran out.
  template <typename F>
  bool Scan(std::string_view text, bool backward, std::uint64_t& budget, F&& on_match) {
    std::fill(cur_.begin(), cur_.end(), 0);
    cur_[0] = 1;
    Closure(cur_);
    const std::size_t k = toks_.size();
    if (cur_[k]) on_match(std::size_t{0});
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (budget < k + 1) return false;
      budget -= k + 1;
      unsigned char c = static_cast<unsigned char>(backward ? text[text.size() - 1 - i] : text[i]);
      std::fill(next_.begin(), next_.end(), 0);
      bool any = false;
      for (std::size_t s = 0; s < k; ++s) {
        if (!cur_[s]) continue;
        if (toks_[s].star) {
          next_[s] = 1;
          any = true;
        } else if (toks_[s].set.test(c)) {
          next_[s + 1] = 1;
          any = true;
        }
      }
      if (!any) return true;
      Closure(next_);
      std::swap(cur_, next_);
      if (cur_[k]) on_match(i + 1);
    }
    return true;
  }

 private:
  struct Token {
    bool star = false;
    std::bitset<256> set;
  };
  void Closure(std::vector<char>& st) const {
    for (std::size_t s = 0; s < toks_.size(); ++s) {
      if (st[s] && toks_[s].star) st[s + 1] = 1;
    }
  }
  std::vector<Token> toks_;
  std::vector<char> cur_, next_;
};

class Expander {
 public:
  Expander(std::string_view in, const VarSource& vars, const ExpandOptions& opt)
      : in_(in), vars_(vars), opt_(opt) {}

  core::Result<std::string> Run() {
    std::string out;
    if (!StopOn('\0', out, 0)) return core::Fail(core::ErrorCode::kInput, err_);
    return out;
  }

 private:
  bool Error(std::string msg) {
    if (err_.empty()) err_ = std::move(msg);
    return false;
  }
  bool CheckSize(const std::string& out) {
    if (out.size() > opt_.max_bytes) {
      return Error("expanded value exceeds " + std::to_string(opt_.max_bytes) + " bytes");
    }
    return true;
  }

  // Processes until `stop` (consumed) or end of input (stop == '\0'). A second stop char `alt`
  // is accepted too (for ${v/p/r}); `hit` receives the char that stopped.
  bool StopOn(char stop, std::string& out, int depth, char alt = '\0', char* hit = nullptr) {
    while (pos_ < in_.size()) {
      char c = in_[pos_];
      if (stop != '\0' && (c == stop || (alt != '\0' && c == alt))) {
        ++pos_;
        if (hit) *hit = c;
        return true;
      }
      if (c == '\'') {
        if (!SingleQuote(out)) return false;
      } else if (c == '"') {
        if (!DoubleQuote(out, depth)) return false;
      } else if (c == '$') {
        if (!Dollar(out, depth)) return false;
      } else if (c == opt_.escape) {
        ++pos_;
        if (pos_ < in_.size()) out += in_[pos_++];
      } else {
        // Copy a run of plain characters at once.
        std::size_t start = pos_;
        while (pos_ < in_.size()) {
          char d = in_[pos_];
          if (d == '\'' || d == '"' || d == '$' || d == opt_.escape ||
              (stop != '\0' && (d == stop || (alt != '\0' && d == alt)))) {
            break;
          }
          ++pos_;
        }
        out.append(in_.substr(start, pos_ - start));
      }
      if (!CheckSize(out)) return false;
    }
    if (stop != '\0') return Error("syntax error: missing '}'");
    return true;
  }

  bool SingleQuote(std::string& out) {
    ++pos_;
    std::size_t end = in_.find('\'', pos_);
    if (end == std::string_view::npos) {
      return Error("unexpected end of statement while looking for matching single-quote");
    }
    out.append(in_.substr(pos_, end - pos_));
    pos_ = end + 1;
    return true;
  }

  bool DoubleQuote(std::string& out, int depth) {
    ++pos_;
    while (pos_ < in_.size()) {
      char c = in_[pos_];
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c == '$') {
        if (!Dollar(out, depth)) return false;
        if (!CheckSize(out)) return false;
        continue;
      }
      if (c == opt_.escape && pos_ + 1 < in_.size()) {
        char n = in_[pos_ + 1];
        if (n == '"' || n == '$' || n == opt_.escape) {
          out += n;
          pos_ += 2;
          continue;
        }
      }
      out += c;
      ++pos_;
    }
    return Error("unexpected end of statement while looking for matching double-quote");
  }

  std::string_view Name() {
    std::size_t start = pos_;
    if (pos_ < in_.size() && IsDigit(in_[pos_])) {
      while (pos_ < in_.size() && IsDigit(in_[pos_])) ++pos_;
      return in_.substr(start, pos_ - start);
    }
    if (pos_ < in_.size() && IsSpecialParam(in_[pos_])) {
      ++pos_;
      return in_.substr(start, 1);
    }
    while (pos_ < in_.size() && IsNameChar(in_[pos_])) ++pos_;
    return in_.substr(start, pos_ - start);
  }

  bool Dollar(std::string& out, int depth) {
    std::size_t start = pos_;
    ++pos_;  // '$'
    if (pos_ >= in_.size()) {
      out += '$';
      return true;
    }
    if (in_[pos_] != '{') {
      std::string_view name = Name();
      if (name.empty()) {
        out += '$';
        return true;
      }
      if (const std::string* v = vars_.Get(name)) {
        out += *v;
      } else if (opt_.keep_unknown) {
        out.append(in_.substr(start, pos_ - start));
      }
      return true;
    }
    // ${…}
    if (depth + 1 > opt_.max_nesting) {
      return Error("variable substitutions nested deeper than " + std::to_string(opt_.max_nesting) +
                   " levels");
    }
    ++pos_;
    if (pos_ >= in_.size()) return Error("syntax error: missing '}'");
    if (in_[pos_] == '}') return Error("bad substitution");
    std::string_view name = Name();
    if (name.empty()) return Error("bad substitution");
    if (pos_ >= in_.size()) return Error("syntax error: missing '}'");
    const std::string* value = vars_.Get(name);
    char c = in_[pos_];
    if (c == '}') {
      ++pos_;
      if (value) {
        out += *value;
      } else if (opt_.keep_unknown) {
        out.append(in_.substr(start, pos_ - start));
      }
      return true;
    }
    bool colon = false;
    if (c == ':') {
      colon = true;
      ++pos_;
      if (pos_ >= in_.size()) return Error("syntax error: missing '}'");
      c = in_[pos_];
      if (c != '-' && c != '+' && c != '?') {
        return Error(std::string("unsupported modifier (") + c + ") in substitution");
      }
    }
    if (c == '-' || c == '+' || c == '?') {
      ++pos_;
      std::string word;
      if (!StopOn('}', word, depth + 1)) return false;
      bool set = value != nullptr && (!colon || !value->empty());
      if (c == '-') {
        out += set ? *value : word;
      } else if (c == '+') {
        if (set) out += word;
      } else {  // '?'
        if (set) {
          out += *value;
        } else if (value == nullptr && opt_.keep_unknown) {
          out.append(in_.substr(start, pos_ - start));
        } else {
          return Error(std::string(name) + ": " +
                       (word.empty() ? std::string("is not allowed to be unset") : word));
        }
      }
      return true;
    }
    if (c == '#' || c == '%') {
      ++pos_;
      bool longest = false;
      if (pos_ < in_.size() && in_[pos_] == c) {
        longest = true;
        ++pos_;
      }
      std::string pattern;
      if (!StopOn('}', pattern, depth + 1)) return false;
      if (!value) {
        if (opt_.keep_unknown) out.append(in_.substr(start, pos_ - start));
        return true;
      }
      return TrimPattern(*value, pattern, c == '%', longest, out);
    }
    if (c == '/') {
      ++pos_;
      bool all = false;
      if (pos_ < in_.size() && in_[pos_] == '/') {
        all = true;
        ++pos_;
      }
      std::string pattern, repl;
      char hit = '\0';
      if (!StopOn('}', pattern, depth + 1, '/', &hit)) return false;
      if (hit == '/' && !StopOn('}', repl, depth + 1)) return false;
      if (!value) {
        if (opt_.keep_unknown) out.append(in_.substr(start, pos_ - start));
        return true;
      }
      return Replace(*value, pattern, repl, all, out);
    }
    return Error(std::string("unsupported modifier (") + c + ") in substitution");
  }

  bool TrimPattern(const std::string& value, const std::string& pattern, bool suffix, bool longest,
                   std::string& out) {
    Glob glob(pattern, suffix);
    std::optional<std::size_t> best;
    bool ok = glob.Scan(value, suffix, budget_, [&](std::size_t len) {
      if (!best || longest) best = len;
    });
    if (!ok) return Error("pattern matching exceeds the work bound");
    if (!best) {
      out += value;
    } else if (suffix) {
      out.append(value, 0, value.size() - *best);
    } else {
      out.append(value, *best, std::string::npos);
    }
    return CheckSize(out);
  }

  bool Replace(const std::string& value, const std::string& pattern, const std::string& repl,
               bool all, std::string& out) {
    if (pattern.empty()) {
      out += value;
      return true;
    }
    Glob glob(pattern);
    std::size_t i = 0;
    bool replaced = false;
    while (i < value.size()) {
      std::size_t best = 0;
      bool found = false;
      if (!all && replaced) break;
      bool ok = glob.Scan(std::string_view(value).substr(i), false, budget_, [&](std::size_t len) {
        if (len > 0) {
          best = len;
          found = true;
        }
      });
      if (!ok) return Error("pattern matching exceeds the work bound");
      if (!found && glob.StartsWithStar()) {
        // `*p` matches from a later start only if it matches from here.
        out.append(value, i, std::string::npos);
        i = value.size();
        break;
      }
      if (found) {
        out += repl;
        i += best;
        replaced = true;
      } else {
        out += value[i++];
      }
      if (!CheckSize(out)) return false;
    }
    if (i < value.size()) out.append(value, i, std::string::npos);
    return CheckSize(out);
  }

  std::string_view in_;
  const VarSource& vars_;
  const ExpandOptions& opt_;
  std::size_t pos_ = 0;
  std::uint64_t budget_ = kGlobStepBudget;
  std::string err_;
};

}  // namespace

core::Result<std::string> Expand(std::string_view word, const VarSource& vars,
                                 const ExpandOptions& options) {
  // Fast path: nothing to do.
  bool plain = true;
  for (char c : word) {
    if (c == '$' || c == '\'' || c == '"' || c == options.escape) {
      plain = false;
      break;
    }
  }
  if (plain) return std::string(word);
  return Expander(word, vars, options).Run();
}

std::string Unquote(std::string_view word, char escape) {
  // Runs of bytes that are neither a quote nor the escape are copied in one piece.
  const auto plain_end = [&](std::size_t from) {
    while (from < word.size() && word[from] != '\'' && word[from] != '"' && word[from] != escape) {
      ++from;
    }
    return from;
  };
  std::size_t i = plain_end(0);
  if (i == word.size()) return std::string(word);  // nothing to remove
  std::string out;
  out.reserve(word.size());
  out.append(word.substr(0, i));
  char quote = '\0';
  for (; i < word.size(); ++i) {
    char c = word[i];
    if (quote == '\'') {
      std::size_t end = word.find('\'', i);  // up to the closing quote in one piece
      if (end == std::string_view::npos) end = word.size();
      out.append(word.substr(i, end - i));
      i = end;
      quote = '\0';
    } else if (quote == '"') {
      if (c == '"') {
        quote = '\0';
      } else if (c == escape && i + 1 < word.size() &&
                 (word[i + 1] == '"' || word[i + 1] == '$' || word[i + 1] == escape)) {
        out += word[++i];
      } else {
        out += c;
      }
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == escape) {
      if (i + 1 < word.size()) out += word[++i];
    } else {
      const std::size_t end = plain_end(i);
      out.append(word.substr(i, end - i));
      i = end - 1;
    }
  }
  return out;
}

bool GlobMatch(std::string_view pattern, std::string_view text) {
  Glob glob(pattern);
  std::uint64_t budget = kGlobStepBudget;
  bool whole = false;
  glob.Scan(text, false, budget, [&](std::size_t len) { whole = len == text.size(); });
  return whole;
}

}  // namespace drydock::sources::dockerfile
