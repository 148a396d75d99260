// SPDX-License-Identifier: Apache-2.0
#include "sources/dockerfile/shell.h"

#include <algorithm>
#include <array>
#include <string>

namespace drydock::sources::dockerfile {
namespace {

bool IsNameStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsNameChar(char c) { return IsNameStart(c) || (c >= '0' && c <= '9'); }

bool IsOrdinary(char c) {
  switch (c) {
    case ' ':
    case '\t':
    case '\r':
    case '\n':
    case '\\':
    case '\'':
    case '"':
    case '$':
    case '`':
    case '&':
    case '|':
    case ';':
    case '(':
    case ')':
    case '<':
    case '>':
      return false;
    default:
      return true;
  }
}

// With a backtick escape, '\\' is an ordinary character.
bool IsOrdinary(char c, char escape) { return IsOrdinary(c) || (c == '\\' && escape != '\\'); }

// Initial capacity of a command's argv: most commands fit, so the words move at most rarely.
constexpr std::size_t kWordsPerCommand = 8;

constexpr std::array<std::string_view, 8> kSkippedReserved = {"if", "then",  "else",  "elif",
                                                              "do", "while", "until", "!"};
constexpr std::array<std::string_view, 3> kClosingReserved = {"fi", "done", "esac"};

bool IsAnyOf(std::string_view w, const auto& list) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

class Splitter {
 public:
  Splitter(std::string_view s, const LineMap& lines, const VarSource& vars,
           model::ShellScript& script, char escape)
      : s_(s), lines_(lines), vars_(vars), script_(script), escape_(escape) {
    for (std::size_t k = 0; k < s.size(); ++k) {
      if (s[k] == '\n') newlines_.push_back(k);
    }
  }

  void Run() {
    const std::size_t n = s_.size();
    while (i_ < n) {
      char c = s_[i_];
      if (escape_ != '\\') {
        if (c == '\\') {
          Ordinary();
          continue;
        }
        if (c == escape_) c = '\\';  // handled as the escape below
      }
      switch (c) {
        case ' ':
        case '\t':
        case '\r':
          EndWord();
          ++i_;
          break;
        case '\n':
          EndCommand("\n");
          ++i_;
          SkipHeredocBodies();
          break;
        case '#':
          if (!in_word_) {
            while (i_ < n && s_[i_] != '\n') ++i_;
          } else {
            Ordinary();
          }
          break;
        case '\\':
          if (i_ + 1 < n && s_[i_ + 1] == '\n') {
            i_ += 2;
          } else if (i_ + 1 < n) {
            StartWord();
            MarkQuoted();
            Append(s_.substr(i_ + 1, 1));
            i_ += 2;
          } else {
            StartWord();
            Append("\\");
            ++i_;
          }
          break;
        case '\'': {
          StartWord();
          MarkQuoted();
          std::size_t end = s_.find('\'', i_ + 1);
          if (end == std::string_view::npos) end = n;
          Append(s_.substr(i_ + 1, end - i_ - 1));
          i_ = end < n ? end + 1 : n;
          break;
        }
        case '"':
          StartWord();
          MarkQuoted();
          DoubleQuoted();
          break;
        case '$':
          StartWord();
          Dollar();
          break;
        case '`':
          StartWord();
          Backtick();
          break;
        case '&':
          if (i_ + 1 < n && s_[i_ + 1] == '&') {
            EndCommand("&&");
            i_ += 2;
          } else if (i_ + 1 < n && s_[i_ + 1] == '>') {
            Redirect();
          } else {
            EndCommand("&");
            ++i_;
          }
          break;
        case '|':
          if (InCasePattern()) {  // `a|b)`: alternative patterns, not a pipe
            EndWord();
            ++i_;
          } else if (i_ + 1 < n && s_[i_ + 1] == '|') {
            EndCommand("||");
            i_ += 2;
          } else {
            EndCommand("|");
            i_ += (i_ + 1 < n && s_[i_ + 1] == '&') ? 2 : 1;
          }
          break;
        case ';':
          EndCommand(";");
          if (i_ + 1 < n && (s_[i_ + 1] == ';' || s_[i_ + 1] == '&')) {
            // `;;`, `;&`, `;;&` end a case item: patterns follow.
            if (!case_.empty() && case_.back() == CaseState::kBody) {
              case_.back() = CaseState::kPattern;
            }
            i_ += 2;
            if (i_ < n && s_[i_] == '&' && s_[i_ - 1] == ';') ++i_;
          } else {
            ++i_;
          }
          break;
        case '(':
          if (InCasePattern()) {  // `(a|b)`: the optional opening parenthesis of a pattern
            EndWord();
            ++i_;
          } else if (!in_word_ && Empty()) {
            ++depth_;
            pending_sep_.assign(1, '(');
            ++i_;
          } else {
            StartWord();
            Append("(");
            ++i_;
          }
          break;
        case ')':
          if (InCasePattern()) {  // the end of a case item's patterns: commands follow
            EndWord();
            case_.back() = CaseState::kBody;
            pending_sep_.assign(1, ';');
            ++i_;
            break;
          }
          EndCommand(")");
          if (depth_ > 0) --depth_;
          ++i_;
          break;
        case '<':
        case '>':
          Redirect();
          break;
        default:
          Ordinary();
          break;
      }
    }
    EndCommand("");
  }

 private:
  // Where a `case WORD in (PATTERN|PATTERN) COMMANDS ;; … esac` construct is: the subject word,
  // the `in`, a pattern list (up to `)`), or the commands of an item (up to `;;` or `esac`).
  enum class CaseState { kSubject, kIn, kPattern, kBody };

  bool InCasePattern() const { return !case_.empty() && case_.back() == CaseState::kPattern; }

  int LineAt(std::size_t off) const {
    const auto& m = lines_.marks;
    if (m.empty()) return 0;
    auto it = std::upper_bound(m.begin(), m.end(), off,
                               [](std::size_t o, const auto& p) { return o < p.first; });
    if (it != m.begin()) --it;
    std::size_t from = it->first;
    auto a = std::lower_bound(newlines_.begin(), newlines_.end(), from);
    auto b = std::lower_bound(newlines_.begin(), newlines_.end(), off);
    return it->second + static_cast<int>(b - a);
  }

  bool Empty() const { return cmd_.words.empty() && cmd_.assignments.empty(); }

  void StartWord() {
    if (in_word_) return;
    in_word_ = true;
    word_ = model::ShellWord{};
    word_.line = LineAt(i_);
    quoted_at_ = std::string::npos;
  }
  void MarkQuoted() {
    word_.quoted = true;
    if (quoted_at_ == std::string::npos) quoted_at_ = word_.text.size();
  }
  void Append(std::string_view t) {
    word_.text.append(t);
    word_.value.append(t);
  }
  void Append(std::string_view text, std::string_view value) {
    word_.text.append(text);
    word_.value.append(value);
  }

  void Ordinary() {
    StartWord();
    std::size_t start = i_;
    ++i_;
    while (i_ < s_.size() && IsOrdinary(s_[i_], escape_)) ++i_;
    Append(s_.substr(start, i_ - start));
  }

  void DoubleQuoted() {
    ++i_;
    const std::size_t n = s_.size();
    while (i_ < n && s_[i_] != '"') {
      char c = s_[i_];
      if (c == '\\' && i_ + 1 < n) {
        char d = s_[i_ + 1];
        if (d == '\n') {
          i_ += 2;
        } else if (d == '$' || d == '`' || d == '"' || d == '\\') {
          Append(s_.substr(i_ + 1, 1));
          i_ += 2;
        } else {
          Append(s_.substr(i_, 1));
          ++i_;
        }
      } else if (c == '$') {
        Dollar();
      } else if (c == '`') {
        Backtick();
      } else {
        // Consume at least one byte: a `\` that ends the input lands here and must not stall.
        std::size_t start = i_++;
        while (i_ < n && s_[i_] != '"' && s_[i_] != '\\' && s_[i_] != '$' && s_[i_] != '`') ++i_;
        Append(s_.substr(start, i_ - start));
      }
    }
    if (i_ < n) ++i_;
  }

  void Backtick() {
    std::size_t start = i_;
    ++i_;
    while (i_ < s_.size() && s_[i_] != '`') {
      if (s_[i_] == '\\') ++i_;
      ++i_;
    }
    i_ = std::min(i_ + 1, s_.size());
    Append(s_.substr(start, i_ - start));
  }

  // Skips a balanced `open`…`close` region starting at i_ (which is on `open`), honouring quotes
  // and escapes inside. Leaves i_ after the closing char (or at the end).
  void SkipBalanced(char open, char close) {
    int level = 0;
    const std::size_t n = s_.size();
    while (i_ < n) {
      char c = s_[i_];
      if (c == '\\') {
        i_ += 2;
        continue;
      }
      if (c == '\'' && open == '(') {
        std::size_t end = s_.find('\'', i_ + 1);
        i_ = end == std::string_view::npos ? n : end + 1;
        continue;
      }
      if (c == '"' && open == '(') {
        ++i_;
        while (i_ < n && s_[i_] != '"') i_ += s_[i_] == '\\' ? 2 : 1;
        ++i_;
        continue;
      }
      if (c == open) ++level;
      if (c == close && --level == 0) {
        ++i_;
        return;
      }
      ++i_;
    }
    i_ = n;
  }

  void Dollar() {
    const std::size_t n = s_.size();
    std::size_t start = i_;
    if (i_ + 1 >= n) {
      Append("$");
      ++i_;
      return;
    }
    char d = s_[i_ + 1];
    if (d == '(') {
      ++i_;
      SkipBalanced('(', ')');
      i_ = std::min(i_, n);
      Append(s_.substr(start, i_ - start));
      return;
    }
    if (d == '{') {
      ++i_;
      SkipBalanced('{', '}');
      i_ = std::min(i_, n);
      std::string_view raw = s_.substr(start, i_ - start);
      Append(raw, SubstituteBraced(raw));
      return;
    }
    if (IsNameStart(d)) {
      i_ += 1;
      std::size_t name_start = i_;
      while (i_ < n && IsNameChar(s_[i_])) ++i_;
      std::string_view name = s_.substr(name_start, i_ - name_start);
      const std::string* v = vars_.Get(name);
      std::string_view raw = s_.substr(start, i_ - start);
      Append(raw, v ? std::string_view(*v) : raw);
      return;
    }
    if ((d >= '0' && d <= '9') || d == '?' || d == '$' || d == '#' || d == '@' || d == '*' ||
        d == '!' || d == '-') {
      Append(s_.substr(start, 2));
      i_ += 2;
      return;
    }
    Append("$");
    ++i_;
  }

  // `${NAME}`, `${NAME:-w}`, `${NAME-w}` with NAME known -> value; anything else as written.
  std::string SubstituteBraced(std::string_view raw) const {
    if (raw.size() < 4 || raw.back() != '}') return std::string(raw);
    std::string_view inner = raw.substr(2, raw.size() - 3);
    std::size_t k = 0;
    while (k < inner.size() && IsNameChar(inner[k])) ++k;
    if (k == 0 || !IsNameStart(inner[0])) return std::string(raw);
    const std::string* v = vars_.Get(inner.substr(0, k));
    if (v == nullptr) return std::string(raw);
    std::string_view rest = inner.substr(k);
    if (rest.empty()) return *v;
    if (rest.substr(0, 2) == ":-") return v->empty() ? std::string(rest.substr(2)) : *v;
    if (rest[0] == '-') return *v;
    return std::string(raw);
  }

  void Redirect() {
    const std::size_t n = s_.size();
    if (in_word_) {
      bool fd = !word_.quoted && !word_.text.empty() &&
                std::all_of(word_.text.begin(), word_.text.end(),
                            [](char ch) { return ch >= '0' && ch <= '9'; });
      if (fd) {
        in_word_ = false;
      } else {
        EndWord();
      }
    }
    char c = s_[i_];
    if (c == '&') {  // &> or &>>
      i_ += 2;
      if (i_ < n && s_[i_] == '>') ++i_;
      drop_next_word_ = true;
      return;
    }
    if (c == '<' && i_ + 1 < n && s_[i_ + 1] == '<') {
      if (i_ + 2 < n && s_[i_ + 2] == '<') {  // here-string
        i_ += 3;
        drop_next_word_ = true;
        return;
      }
      i_ += 2;
      bool strip = false;
      if (i_ < n && s_[i_] == '-') {
        strip = true;
        ++i_;
      }
      while (i_ < n && (s_[i_] == ' ' || s_[i_] == '\t')) ++i_;
      // Read the delimiter word and unquote it.
      std::string delim;
      while (i_ < n) {
        char d = s_[i_];
        if (d == '\'' || d == '"') {
          std::size_t end = s_.find(d, i_ + 1);
          if (end == std::string_view::npos) end = n;
          delim.append(s_.substr(i_ + 1, end - i_ - 1));
          i_ = end < n ? end + 1 : n;
        } else if (d == '\\' && i_ + 1 < n) {
          delim += s_[i_ + 1];
          i_ += 2;
        } else if (IsOrdinary(d)) {
          delim += d;
          ++i_;
        } else {
          break;
        }
      }
      if (!delim.empty()) heredocs_.push_back({std::move(delim), strip});
      return;
    }
    ++i_;
    if (i_ < n && (s_[i_] == '>' || s_[i_] == '|' || (c == '<' && s_[i_] == '>'))) ++i_;
    if (i_ < n && s_[i_] == '&') {  // >&2, <&0, >&-
      ++i_;
      std::size_t k = i_;
      while (k < n && ((s_[k] >= '0' && s_[k] <= '9') || s_[k] == '-')) ++k;
      if (k > i_) {
        i_ = k;
        return;
      }
    }
    drop_next_word_ = true;
  }

  void SkipHeredocBodies() {
    const std::size_t n = s_.size();
    for (const auto& [delim, strip] : heredocs_) {
      while (i_ < n) {
        std::size_t eol = s_.find('\n', i_);
        if (eol == std::string_view::npos) eol = n;
        std::string_view line = s_.substr(i_, eol - i_);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (strip) {
          while (!line.empty() && line.front() == '\t') line.remove_prefix(1);
        }
        i_ = eol < n ? eol + 1 : n;
        if (line == delim) break;
      }
    }
    heredocs_.clear();
  }

  void EndWord() {
    if (!in_word_) return;
    in_word_ = false;
    if (!case_.empty() && case_.back() != CaseState::kBody) {
      // The subject, `in` and the patterns are not commands.
      drop_next_word_ = false;
      CaseState& state = case_.back();
      if (state == CaseState::kSubject) {
        state = CaseState::kIn;
      } else if (state == CaseState::kIn) {
        if (!word_.quoted && word_.text == "in") state = CaseState::kPattern;
      } else if (!word_.quoted && word_.text == "esac") {
        case_.pop_back();
      }
      return;
    }
    if (drop_next_word_) {
      drop_next_word_ = false;
      return;
    }
    if (cmd_.words.empty()) {
      // Leading assignment NAME=value (the name unquoted).
      std::size_t eq = word_.text.find('=');
      if (eq != std::string::npos && eq > 0 && eq < quoted_at_ && IsNameStart(word_.text[0]) &&
          std::all_of(word_.text.begin(), word_.text.begin() + static_cast<std::ptrdiff_t>(eq),
                      IsNameChar)) {
        if (cmd_.assignments.empty()) {
          cmd_.line = word_.line;
          cmd_depth_ = depth_;
        }
        cmd_.assignments.emplace_back(word_.text.substr(0, eq), word_.value.substr(eq + 1));
        return;
      }
      if (!word_.quoted) {
        if (word_.text == "{") {
          ++depth_;
          pending_sep_.assign(1, '{');
          return;
        }
        if (word_.text == "}") {
          if (depth_ > 0) --depth_;
          return;
        }
        if (cmd_.assignments.empty() && word_.text == "case") {
          case_.push_back(CaseState::kSubject);
          return;
        }
        if (cmd_.assignments.empty() && word_.text == "esac" && !case_.empty()) {
          case_.pop_back();  // the last item may omit its `;;`
          return;
        }
        if (cmd_.assignments.empty() &&
            (IsAnyOf(word_.text, kSkippedReserved) || IsAnyOf(word_.text, kClosingReserved))) {
          return;
        }
      }
      if (cmd_.assignments.empty()) {
        cmd_.line = word_.line;
        cmd_depth_ = depth_;
      }
    }
    if (cmd_.words.capacity() == 0) cmd_.words.reserve(kWordsPerCommand);
    cmd_.words.push_back(std::move(word_));
  }

  void EndCommand(std::string_view sep) {
    EndWord();
    drop_next_word_ = false;
    if (!Empty()) {
      cmd_.separator_before = pending_sep_;
      cmd_.subshell_depth = cmd_depth_;
      if (next_piped_ || sep == "|") cmd_.piped = true;
      if (sep == "|") script_.has_pipe = true;
      CheckPipefail();
      script_.commands.push_back(std::move(cmd_));
      cmd_ = model::ShellCommand{};
      pending_sep_ = std::string(sep);
      next_piped_ = sep == "|";
    } else if (sep == "|" && !script_.commands.empty()) {
      // `( … ) | b` / `{ …; } | b`: the group is piped.
      script_.commands.back().piped = true;
      script_.has_pipe = true;
      pending_sep_.assign(1, '|');
      next_piped_ = true;
    } else if (!sep.empty()) {
      // `a &&` followed by a newline keeps the `&&`.
      bool keep =
          sep == "\n" && (pending_sep_ == "&&" || pending_sep_ == "||" || pending_sep_ == "|");
      if (!keep) pending_sep_ = std::string(sep);
    }
  }

  void CheckPipefail() {
    if (cmd_.Name() != "set") return;
    for (std::size_t k = 2; k < cmd_.words.size(); ++k) {
      const std::string& prev = cmd_.words[k - 1].value;
      if (cmd_.words[k].value == "pipefail" && prev.size() >= 2 && prev[0] == '-' &&
          prev.find('o') != std::string::npos) {
        if (!script_.has_pipe) script_.sets_pipefail = true;
      }
    }
  }

  std::string_view s_;
  const LineMap& lines_;
  const VarSource& vars_;
  model::ShellScript& script_;
  char escape_;
  std::vector<std::size_t> newlines_;
  std::size_t i_ = 0;
  model::ShellCommand cmd_;
  model::ShellWord word_;
  bool in_word_ = false;
  std::size_t quoted_at_ = std::string::npos;
  bool drop_next_word_ = false;
  std::string pending_sep_;
  bool next_piped_ = false;
  int depth_ = 0;
  int cmd_depth_ = 0;
  std::vector<std::pair<std::string, bool>> heredocs_;
  std::vector<CaseState> case_;  // innermost last
};

}  // namespace

void SplitShell(std::string_view text, const LineMap& lines, const VarSource& vars,
                model::ShellScript& script, char escape) {
  Splitter(text, lines, vars, script, escape).Run();
}

bool IsShellInterpreter(std::string_view name) {
  static constexpr std::array<std::string_view, 7> kShells = {"sh",  "bash", "ash", "dash",
                                                              "zsh", "ksh",  "mksh"};
  return IsAnyOf(name, kShells);
}

bool ShellArgsSetPipefail(const std::vector<std::string>& argv) {
  for (std::size_t k = 1; k < argv.size(); ++k) {
    const std::string& prev = argv[k - 1];
    if (argv[k] == "pipefail" && prev.size() >= 2 && prev[0] == '-' &&
        prev.find('o') != std::string::npos) {
      return true;
    }
  }
  return false;
}

}  // namespace drydock::sources::dockerfile
