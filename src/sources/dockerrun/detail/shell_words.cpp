// SPDX-License-Identifier: Apache-2.0
#include "sources/dockerrun/detail/shell_words.h"

#include <cstddef>
#include <utility>

#include "core/strings.h"

namespace drydock::sources::dockerrun::detail {
namespace {

using core::AllDigits;

bool IsNameStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsNameChar(char c) { return IsNameStart(c) || (c >= '0' && c <= '9'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

struct Heredoc {
  std::string delimiter;
  bool strip_tabs = false;
};

class Scanner {
 public:
  Scanner(std::string_view text, std::string_view file, const std::vector<LinePos>& lines,
          bool makefile, std::vector<ShellCommand>& out)
      : t_(text), file_(file), lines_(lines), make_(makefile), out_(out) {}

  void Run() {
    while (!AtEnd()) ScanList('\0', 0);
  }

 private:
  bool AtEnd() const { return p_ >= t_.size(); }
  char Peek(std::size_t k = 0) const { return p_ + k < t_.size() ? t_[p_ + k] : '\0'; }
  bool Has(std::size_t k) const { return p_ + k < t_.size(); }

  void Advance() {
    if (AtEnd()) return;
    if (t_[p_] == '\n') {
      ++line_idx_;
      line_start_ = p_ + 1;
    }
    ++p_;
  }

  core::Origin Here() const {
    core::Origin o;
    o.file = std::string(file_);
    int line = line_idx_ + 1;
    int offset = 0;
    if (!lines_.empty()) {
      std::size_t idx = static_cast<std::size_t>(line_idx_);
      if (idx < lines_.size()) {
        line = lines_[idx].line;
        offset = lines_[idx].column_offset;
      } else {
        line = lines_.back().line + static_cast<int>(idx - (lines_.size() - 1));
        offset = lines_.back().column_offset;
      }
    }
    o.line = line;
    o.column = static_cast<int>(p_ - line_start_) + 1 + offset;
    return o;
  }

  // State of the command being built in one ScanList frame.
  struct Frame {
    ShellCommand cmd;
    std::string word;
    bool in_word = false;
    bool skip_word = false;  // the next word is a redirection target
    bool quoted = false;
    core::Origin origin;
  };

  void StartWord(Frame& f) {
    if (!f.in_word) {
      f.in_word = true;
      f.origin = Here();
    }
  }
  void FinishWord(Frame& f) {
    if (!f.in_word) return;
    if (f.skip_word) {
      f.skip_word = false;
    } else {
      f.cmd.words.push_back(Word{std::move(f.word), std::move(f.origin), f.quoted});
    }
    f.word.clear();
    f.in_word = false;
    f.quoted = false;
  }
  void FinishCommand(Frame& f) {
    FinishWord(f);
    if (!f.cmd.words.empty()) out_.push_back(std::move(f.cmd));
    f.cmd = ShellCommand{};
    f.skip_word = false;
  }

  // Scans commands until `closer` (')' or '`'; '\0' = end of input) is met
  // outside quotes, and consumes it. At most one ScanList frame per nesting
  // level.
  void ScanList(char closer, int depth) {
    Frame f;
    int parens = 0;  // subshells opened inside this list
    while (!AtEnd()) {
      char c = Peek();
      if (closer == '`' && c == '`') {
        Advance();
        FinishCommand(f);
        return;
      }
      switch (c) {
        case ' ':
        case '\t':
        case '\r':
          FinishWord(f);
          Advance();
          break;
        case '\n':
          FinishCommand(f);
          Advance();
          SkipHeredocs();
          break;
        case '#':
          if (f.in_word) {
            f.word += c;
            Advance();
          } else {
            while (!AtEnd() && Peek() != '\n') Advance();
          }
          break;
        case ';':
        case '|':
          FinishCommand(f);
          Advance();
          if (Peek() == c || (c == '|' && Peek() == '&') || (c == ';' && Peek() == '&')) Advance();
          break;
        case '&':
          if (Peek(1) == '>') {  // &> and &>>: redirection of stdout and stderr
            FinishWord(f);
            Advance();
            Advance();
            if (Peek() == '>') Advance();
            f.skip_word = true;
          } else {
            FinishCommand(f);
            Advance();
            if (Peek() == '&') Advance();
          }
          break;
        case '(':
          FinishCommand(f);
          Advance();
          ++parens;
          break;
        case ')':
          FinishCommand(f);
          Advance();
          if (parens > 0) {
            --parens;
          } else if (closer == ')') {
            return;
          }
          break;
        case '<':
        case '>':
          Redirection(f);
          break;
        case '\\':
          if (Peek(1) == '\n') {  // line continuation: removed, does not end the word
            Advance();
            Advance();
          } else if (Peek(1) == '\r' && Peek(2) == '\n') {
            Advance();
            Advance();
            Advance();
          } else {
            StartWord(f);
            f.quoted = true;
            Advance();
            if (!AtEnd()) {
              f.word += Peek();
              Advance();
            }
          }
          break;
        case '\'':
          StartWord(f);
          f.quoted = true;
          Advance();
          while (!AtEnd() && Peek() != '\'') {
            f.word += Peek();
            if (make_ && Peek() == '$' && Peek(1) == '$') Advance();  // make's `$$`
            Advance();
          }
          Advance();  // closing quote (no-op at end of input)
          break;
        case '"':
          StartWord(f);
          f.quoted = true;
          Advance();
          DoubleQuoted(f.word, depth);
          break;
        case '`':
          StartWord(f);
          Backtick(f.word, depth);
          break;
        case '$':
          StartWord(f);
          if (Peek(1) == '\'' || Peek(1) == '"') f.quoted = true;
          Dollar(f.word, depth);
          break;
        default:
          StartWord(f);
          f.word += c;
          Advance();
          break;
      }
    }
    FinishCommand(f);
  }

  void Redirection(Frame& f) {
    // A word made only of digits right before the operator is a file descriptor
    // number.
    if (f.in_word && !f.skip_word && AllDigits(f.word)) {
      f.word.clear();
      f.in_word = false;
    } else {
      FinishWord(f);
    }
    char c = Peek();
    if (c == '<' && Peek(1) == '<') {
      if (Peek(2) == '<') {  // here-string: the next word is its text
        Advance();
        Advance();
        Advance();
        f.skip_word = true;
        return;
      }
      Advance();
      Advance();
      Heredoc h;
      if (Peek() == '-') {
        h.strip_tabs = true;
        Advance();
      }
      while (Peek() == ' ' || Peek() == '\t') Advance();
      // The delimiter word: quotes removed.
      while (!AtEnd()) {
        char d = Peek();
        if (d == ' ' || d == '\t' || d == '\n' || d == ';' || d == '&' || d == '|' || d == '<' ||
            d == '>' || d == '(' || d == ')') {
          break;
        }
        if (d == '\'' || d == '"') {
          Advance();
          while (!AtEnd() && Peek() != d && Peek() != '\n') {
            h.delimiter += Peek();
            Advance();
          }
          if (Peek() == d) Advance();
          continue;
        }
        if (d == '\\') {
          Advance();
          if (AtEnd() || Peek() == '\n') continue;
          d = Peek();
        }
        h.delimiter += d;
        Advance();
      }
      if (!h.delimiter.empty()) heredocs_.push_back(std::move(h));
      return;
    }
    Advance();
    char n = Peek();
    if (n == '>' || n == '&' || n == '|' || (c == '<' && n == '>')) Advance();
    f.skip_word = true;
  }

  // Called right after a newline: skips the bodies of pending here-documents.
  void SkipHeredocs() {
    for (const Heredoc& h : heredocs_) {
      while (!AtEnd()) {
        std::size_t end = t_.find('\n', p_);
        if (end == std::string_view::npos) end = t_.size();
        std::string_view line = t_.substr(p_, end - p_);
        if (h.strip_tabs) {
          while (!line.empty() && line.front() == '\t') line.remove_prefix(1);
        }
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        bool done = line == h.delimiter;
        while (p_ < end) Advance();
        Advance();  // the newline
        if (done) break;
      }
    }
    heredocs_.clear();
  }

  // After an opening `"`: appends the quoted text to `word` and consumes the
  // closing quote.
  void DoubleQuoted(std::string& word, int depth) {
    while (!AtEnd()) {
      char c = Peek();
      if (c == '"') {
        Advance();
        return;
      }
      if (c == '\\') {
        char n = Peek(1);
        if (n == '\n') {
          Advance();
          Advance();
        } else if (n == '$' || n == '`' || n == '"' || n == '\\') {
          word += n;
          Advance();
          Advance();
        } else {
          word += c;
          Advance();
        }
      } else if (c == '$') {
        Dollar(word, depth);
      } else if (c == '`') {
        Backtick(word, depth);
      } else {
        word += c;
        Advance();
      }
    }
  }

  // At a backtick: scans the substitution's commands and appends its text
  // verbatim.
  void Backtick(std::string& word, int depth) {
    std::size_t start = p_;
    Advance();
    if (depth < kMaxNesting) {
      ScanList('`', depth + 1);
    } else {
      while (!AtEnd() && Peek() != '`') Advance();
      Advance();
    }
    word += t_.substr(start, p_ - start);
  }

  // Copies a balanced `open`…`close` group verbatim starting at the opening
  // character.
  void CopyBalanced(std::string& word, char open, char close) {
    int level = 0;
    while (!AtEnd()) {
      char c = Peek();
      word += c;
      Advance();
      if (c == '\\' && !AtEnd()) {
        word += Peek();
        Advance();
      } else if (c == open) {
        ++level;
      } else if (c == close) {
        if (--level <= 0) return;
      }
    }
  }

  // At a `$`: appends the construct to `word` (as written, except `$'…'` which
  // is decoded).
  void Dollar(std::string& word, int depth) {
    if (make_) {
      char n = Peek(1);
      if (n == '$') {  // `$$`: one `$` for the shell
        Advance();
        ShellDollar(word, depth);
        return;
      }
      if (n == '(' || n == '{') {  // make variable reference, kept as written
        word += '$';
        Advance();
        CopyBalanced(word, n, n == '(' ? ')' : '}');
        return;
      }
      word += '$';
      Advance();
      if (!AtEnd() && Peek() != '\n') {
        word += Peek();
        Advance();
      }
      return;
    }
    ShellDollar(word, depth);
  }

  // At the `$` the shell sees.
  void ShellDollar(std::string& word, int depth) {
    std::size_t start = p_;
    Advance();  // '$'
    char c = Peek();
    if (c == '\'') {
      Advance();
      AnsiC(word);
      return;
    }
    if (c == '"') {
      Advance();
      DoubleQuoted(word, depth);
      return;
    }
    if (c == '(' && Peek(1) == '(') {  // arithmetic
      word += '$';
      CopyBalanced(word, '(', ')');
      return;
    }
    if (c == '(') {
      Advance();
      if (depth < kMaxNesting) {
        ScanList(')', depth + 1);
        word += t_.substr(start, p_ - start);
      } else {
        word += "$(";
        int level = 1;
        while (!AtEnd() && level > 0) {
          char d = Peek();
          if (d == '(') ++level;
          if (d == ')') --level;
          word += d;
          Advance();
        }
      }
      return;
    }
    word += '$';
    if (c == '{') {
      CopyBalanced(word, '{', '}');
      return;
    }
    if (IsNameStart(c)) {
      while (!AtEnd() && IsNameChar(Peek())) {
        word += Peek();
        Advance();
      }
      return;
    }
    if (IsDigit(c) || c == '@' || c == '*' || c == '#' || c == '?' || c == '$' || c == '!' ||
        c == '-') {
      word += c;
      Advance();
    }
  }

  // After `$'`: ANSI-C quoting.
  void AnsiC(std::string& word) {
    while (!AtEnd()) {
      char c = Peek();
      if (c == '\'') {
        Advance();
        return;
      }
      if (c != '\\') {
        word += c;
        Advance();
        continue;
      }
      Advance();
      if (AtEnd()) return;
      char e = Peek();
      Advance();
      switch (e) {
        case 'n':
          word += '\n';
          break;
        case 't':
          word += '\t';
          break;
        case 'r':
          word += '\r';
          break;
        case 'a':
          word += '\a';
          break;
        case 'b':
          word += '\b';
          break;
        case 'e':
        case 'E':
          word += '\x1b';
          break;
        case 'f':
          word += '\f';
          break;
        case 'v':
          word += '\v';
          break;
        case 'x': {
          int value = 0;
          int n = 0;
          while (n < 2 && !AtEnd()) {
            char h = Peek();
            int d = IsDigit(h)               ? h - '0'
                    : (h >= 'a' && h <= 'f') ? h - 'a' + 10
                    : (h >= 'A' && h <= 'F') ? h - 'A' + 10
                                             : -1;
            if (d < 0) break;
            value = value * 16 + d;
            ++n;
            Advance();
          }
          word += n > 0 ? static_cast<char>(value) : 'x';
          break;
        }
        default:
          if (e >= '0' && e <= '7') {
            int value = e - '0';
            for (int n = 0; n < 2 && Peek() >= '0' && Peek() <= '7'; ++n) {
              value = value * 8 + (Peek() - '0');
              Advance();
            }
            word += static_cast<char>(value & 0xff);
          } else {
            word += e;  // \\ \' \" and unknown escapes
          }
          break;
      }
    }
  }

  std::string_view t_;
  std::string_view file_;
  const std::vector<LinePos>& lines_;
  bool make_;
  std::vector<ShellCommand>& out_;
  std::size_t p_ = 0;
  int line_idx_ = 0;
  std::size_t line_start_ = 0;
  std::vector<Heredoc> heredocs_;
};

}  // namespace

std::vector<ShellCommand> SplitCommands(std::string_view text, std::string_view file,
                                        const std::vector<LinePos>& lines, bool makefile) {
  std::vector<ShellCommand> out;
  Scanner(text, file, lines, makefile, out).Run();
  return out;
}

}  // namespace drydock::sources::dockerrun::detail
