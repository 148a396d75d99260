// SPDX-License-Identifier: Apache-2.0
#include "shell/shell.h"

#include <algorithm>
#include <array>

#include "core/strings.h"

// Where the dialects differ (each is the convention of the splitter the dialect replaced; none is
// reconciled yet, so that no caller's output changed — a later change may pick one and show with
// tools/compare-reports that no report moves):
//   - operators: kBuild knows compound commands (BuildOperator, EndWord, EndCommand); kScan and
//     kContainer end a command at every `(`, `)`, `;`, `&`, `|` (Operator), kScan taking `;;`,
//     `;&`, `|&` as one operator and `&>` as a redirection, kContainer `&>` as `&` then `>`;
//   - `$`: kBuild and kScan read `${…}`, `$((…))`, `$NAME`, `$?`…; kBuild skips `$(…)` minding
//     quotes, kScan scans it (and backticks) as commands of their own; kContainer copies only
//     `$(…)` by counting parentheses and backticks to the next backtick, and inside double quotes
//     neither; kScan alone decodes `$'…'` and reads `$"…"`;
//   - a backslash: kContainer does not mark the word quoted (so `\A=b` is an assignment there);
//     kScan alone takes `\` CR LF as a continuation; a trailing `\` is a literal backslash in
//     kBuild, an empty quoted word in kScan, an empty word in kContainer;
//   - redirections: a file descriptor number before the operator must be unquoted except in kScan
//     (where a quoted one leaves the next word marked quoted); kBuild drops `>&N` / `>&-` with
//     the operator and the next word otherwise, kScan always drops the next word, kContainer
//     swallows any run of `<>&|` then a glued `&N…`; here-document delimiters stop at a
//     non-ordinary character (kBuild) or at a blank or operator (kScan); kContainer has no
//     here-documents;
//   - leading `NAME=value` words are assignments in kBuild and kContainer, words in kScan;
//   - separators: kBuild carries `&&`/`||`/`|` over a newline and pipes groups; kContainer takes
//     the last operator and marks a command before a `|` piped afterwards.
namespace drydock::shell {
namespace {

using core::AllDigits;
using core::IsDigit;
using core::IsNameChar;
using core::IsNameStart;

constexpr std::size_t kNone = std::string::npos;

// kBuild's heredoc delimiter characters: not blank, quote, `\`, `$`, backtick or an operator.
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

// Initial capacity of a command's argv: most commands fit, so the words move at most rarely.
constexpr std::size_t kWordsPerCommand = 8;

constexpr std::array<std::string_view, 8> kSkippedReserved = {"if", "then",  "else",  "elif",
                                                              "do", "while", "until", "!"};
constexpr std::array<std::string_view, 3> kClosingReserved = {"fi", "done", "esac"};

bool IsAnyOf(std::string_view w, const auto& list) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

struct Heredoc {
  std::string delimiter;
  bool strip_tabs = false;
};

class Scanner {
 public:
  Scanner(std::string_view text, const Options& options, Script& out)
      : t_(text), opt_(options), d_(options.dialect), out_(out), first_(out.commands.size()) {}

  void Run() {
    while (!AtEnd()) List('\0', 0);
    if (d_ == Dialect::kContainer) {
      // A command followed by `|` is piped too.
      for (std::size_t k = first_ + 1; k < out_.commands.size(); ++k) {
        if (out_.commands[k].separator_before == "|") out_.commands[k - 1].piped = true;
      }
    }
  }

 private:
  // Where a `case WORD in (PATTERN|PATTERN) COMMANDS ;; … esac` construct is (kBuild): the
  // subject word, the `in`, a pattern list (up to `)`), or the commands of an item.
  enum class CaseState { kSubject, kIn, kPattern, kBody };

  // The command being built by one List (one per `$(…)`/backtick nesting level in kScan).
  struct Frame {
    Command cmd;
    Word word;
    bool in_word = false;
    std::size_t quoted_at = kNone;  // offset in word.text where quoting began
    bool drop_next = false;         // the next word is a redirection target
    bool drop_output = false;       // … of an output redirection (goes to Command::writes)
    // kScan: a quoted file descriptor number dropped before a redirection leaves the next word
    // of the list marked quoted (as the splitter kScan comes from did).
    bool carry_quoted = false;
  };

  bool AtEnd() const { return p_ >= t_.size(); }
  char Peek(std::size_t k = 0) const { return p_ + k < t_.size() ? t_[p_ + k] : '\0'; }
  bool Has(std::size_t k) const { return p_ + k < t_.size(); }
  void Advance() {
    if (AtEnd()) return;
    if (t_[p_] == '\n') {
      ++line_;
      line_start_ = p_ + 1;
    }
    ++p_;
  }
  void Advance(std::size_t k) {
    for (std::size_t i = 0; i < k; ++i) Advance();
  }
  bool InCasePattern() const { return !case_.empty() && case_.back() == CaseState::kPattern; }

  void StartWord(Frame& f) {
    if (f.in_word) return;
    f.in_word = true;
    f.word = Word{};
    f.word.quoted = f.carry_quoted;
    f.carry_quoted = false;
    f.word.offset = p_;
    f.word.line = line_;
    f.word.column = static_cast<int>(p_ - line_start_);
    f.quoted_at = kNone;
  }
  static void MarkQuoted(Frame& f) {
    f.word.quoted = true;
    if (f.quoted_at == kNone) f.quoted_at = f.word.text.size();
  }
  static void Append(Frame& f, std::string_view t) {
    f.word.text.append(t);
    f.word.value.append(t);
  }
  static void Append(Frame& f, char c) {
    f.word.text += c;
    f.word.value += c;
  }
  static void Append(Frame& f, std::string_view text, std::string_view value) {
    f.word.text.append(text);
    f.word.value.append(value);
  }

  // Scans commands until `closer` (')' or '`' in kScan; '\0' = the end of the input) is met
  // outside quotes, and consumes it. At most one List per nesting level.
  void List(char closer, int level) {
    Frame f;
    int parens = 0;  // kScan: subshells opened inside this list
    while (!AtEnd()) {
      char c = Peek();
      if (closer == '`' && c == '`') {
        Advance();
        EndCommand(f, "");
        return;
      }
      if (d_ == Dialect::kWords) {
        WordsChar(f, c);
        continue;
      }
      if (d_ == Dialect::kBuild && opt_.escape != '\\') {
        if (c == '\\') {
          StartWord(f);
          Append(f, c);
          Advance();
          continue;
        }
        if (c == opt_.escape) c = '\\';  // handled as the escape below
      }
      switch (c) {
        case ' ':
        case '\t':
        case '\r':
          EndWord(f);
          Advance();
          break;
        case '\n':
          EndCommand(f, "\n");
          Advance();
          if (d_ != Dialect::kContainer) SkipHeredocBodies();
          break;
        case '#':
          if (f.in_word) {
            Append(f, c);
            Advance();
          } else {
            while (!AtEnd() && Peek() != '\n') Advance();
          }
          break;
        case '\\':
          Backslash(f);
          break;
        case '\'':
          StartWord(f);
          MarkQuoted(f);
          Advance();
          SingleQuoted(f);
          break;
        case '"':
          StartWord(f);
          MarkQuoted(f);
          Advance();
          DoubleQuoted(f, level);
          break;
        case '$':
          StartWord(f);
          if (d_ == Dialect::kContainer) {
            if (Peek(1) == '(') {
              CountedParens(f);
            } else {
              Append(f, c);
              Advance();
            }
          } else {
            if (d_ == Dialect::kScan && (Peek(1) == '\'' || Peek(1) == '"')) f.word.quoted = true;
            Dollar(f, level);
          }
          break;
        case '`':
          StartWord(f);
          Backtick(f, level);
          break;
        case '<':
        case '>':
          Redirect(f);
          break;
        case '&':
        case '|':
        case ';':
        case '(':
        case ')':
          if (d_ == Dialect::kBuild) {
            BuildOperator(f, c);
          } else if (Operator(f, c, closer, parens)) {
            return;
          }
          break;
        default: {
          // A run of ordinary characters goes into the word at once (none of them is a newline,
          // so the line bookkeeping of Advance has nothing to do).
          StartWord(f);
          std::size_t end = p_ + 1;
          while (end < t_.size() && !Special(t_[end])) ++end;
          Append(f, t_.substr(p_, end - p_));
          p_ = end;
          break;
        }
      }
    }
    EndCommand(f, "");
  }

  // Characters List's switch treats other than as part of a word (and the escape character).
  bool Special(char c) const {
    switch (c) {
      case ' ':
      case '\t':
      case '\r':
      case '\n':
      case '#':
      case '\\':
      case '\'':
      case '"':
      case '$':
      case '`':
      case '<':
      case '>':
      case '&':
      case '|':
      case ';':
      case '(':
      case ')':
        return true;
      default:
        return c == opt_.escape;
    }
  }

  // kWords: blanks, `\`, quotes; everything else is part of a word.
  void WordsChar(Frame& f, char c) {
    switch (c) {
      case ' ':
      case '\t':
      case '\n':
      case '\r':
        EndWord(f);
        Advance();
        break;
      case '\\':
        StartWord(f);
        Advance();
        if (!AtEnd()) {
          Append(f, Peek());
          Advance();
        }
        break;
      case '\'':
        StartWord(f);
        Advance();
        SingleQuoted(f);
        break;
      case '"':
        StartWord(f);
        Advance();
        DoubleQuoted(f, 0);
        break;
      default:
        StartWord(f);
        Append(f, c);
        Advance();
        break;
    }
  }

  // At a `\` outside quotes (or kBuild's escape character).
  void Backslash(Frame& f) {
    if (Peek(1) == '\n' && Has(1)) {  // line continuation: removed, does not end the word
      Advance(2);
      return;
    }
    if (d_ == Dialect::kScan && Peek(1) == '\r' && Peek(2) == '\n') {
      Advance(3);
      return;
    }
    StartWord(f);
    if (Has(1)) {
      if (d_ != Dialect::kContainer) MarkQuoted(f);
      Advance();
      Append(f, Peek());
      Advance();
      return;
    }
    // A trailing backslash.
    if (d_ == Dialect::kBuild) {
      Append(f, '\\');
    } else if (d_ == Dialect::kScan) {
      f.word.quoted = true;
    }
    Advance();
  }

  // After an opening `'`: the quoted text, the closing quote consumed.
  void SingleQuoted(Frame& f) {
    while (!AtEnd() && Peek() != '\'') {
      Append(f, Peek());
      if (opt_.makefile && Peek() == '$' && Peek(1) == '$') Advance();  // make's `$$`
      Advance();
    }
    if (AtEnd()) {
      out_.unterminated_quote = true;
      return;
    }
    Advance();
  }

  // After an opening `"`: the quoted text, the closing quote consumed. `$` and backticks are
  // expanded as outside quotes (kBuild, kScan), ordinary characters otherwise.
  void DoubleQuoted(Frame& f, int level) {
    const bool expand = d_ == Dialect::kBuild || d_ == Dialect::kScan;
    while (!AtEnd()) {
      char c = Peek();
      if (c == '"') {
        Advance();
        return;
      }
      if (c == '\\' && Has(1)) {
        char d = Peek(1);
        if (d == '\n' && d_ != Dialect::kWords) {
          Advance(2);
        } else if (d == '$' || d == '`' || d == '"' || d == '\\') {
          Append(f, d);
          Advance(2);
        } else {
          Append(f, c);
          Advance();
        }
      } else if (c == '$' && expand) {
        Dollar(f, level);
      } else if (c == '`' && expand) {
        Backtick(f, level);
      } else {
        Append(f, c);
        Advance();
      }
    }
    out_.unterminated_quote = true;
  }

  // At a backtick: the substitution copied into the word as written (kScan also scans its
  // commands; kContainer reads to the next backtick, the others skip escaped characters).
  void Backtick(Frame& f, int level) {
    std::size_t start = p_;
    Advance();
    if (d_ == Dialect::kScan && level < kMaxNesting) {
      List('`', level + 1);
    } else {
      while (!AtEnd() && Peek() != '`') {
        if (Peek() == '\\' && d_ == Dialect::kBuild) Advance();
        Advance();
      }
      Advance();
    }
    Append(f, t_.substr(start, p_ - start));
  }

  // kContainer: at `$(`, copied as written up to the parenthesis that balances it (quotes are
  // not looked at).
  void CountedParens(Frame& f) {
    std::size_t start = p_;
    Advance();
    int depth = 0;
    while (!AtEnd()) {
      char c = Peek();
      Advance();
      if (c == '(') ++depth;
      if (c == ')' && --depth == 0) break;
    }
    Append(f, t_.substr(start, p_ - start));
  }

  // At `open`: copies the balanced group as written, a `\` escaping the next character.
  void CopyBalanced(Frame& f, char open, char close) {
    std::size_t start = p_;
    int level = 0;
    while (!AtEnd()) {
      char c = Peek();
      Advance();
      if (c == '\\') {
        Advance();
      } else if (c == open) {
        ++level;
      } else if (c == close && --level <= 0) {
        break;
      }
    }
    Append(f, t_.substr(start, p_ - start));
  }

  // kBuild: at the `(` of `$(`: skips to the balancing `)`, parentheses inside quotes excepted.
  void SkipQuotedParens() {
    int level = 0;
    while (!AtEnd()) {
      char c = Peek();
      if (c == '\\') {
        Advance(2);
        continue;
      }
      if (c == '\'') {
        Advance();
        while (!AtEnd() && Peek() != '\'') Advance();
        Advance();
        continue;
      }
      if (c == '"') {
        Advance();
        while (!AtEnd() && Peek() != '"') Advance(Peek() == '\\' ? 2 : 1);
        Advance();
        continue;
      }
      if (c == '(') ++level;
      Advance();
      if (c == ')' && --level == 0) return;
    }
  }

  // At a `$` (kBuild, kScan).
  void Dollar(Frame& f, int level) {
    if (opt_.makefile) {
      char n = Peek(1);
      if (n == '$') {  // `$$`: one `$` for the shell
        Advance();
        ShellDollar(f, level);
        return;
      }
      if (n == '(' || n == '{') {  // a make variable reference, kept as written
        Append(f, '$');
        Advance();
        CopyBalanced(f, n, n == '(' ? ')' : '}');
        return;
      }
      Append(f, '$');
      Advance();
      if (!AtEnd() && Peek() != '\n') {
        Append(f, Peek());
        Advance();
      }
      return;
    }
    ShellDollar(f, level);
  }

  // At the `$` the shell sees.
  void ShellDollar(Frame& f, int level) {
    const std::size_t start = p_;
    if (!Has(1)) {
      Append(f, '$');
      Advance();
      return;
    }
    char c = Peek(1);
    if (d_ == Dialect::kScan && c == '\'') {
      Advance(2);
      AnsiC(f);
      return;
    }
    if (d_ == Dialect::kScan && c == '"') {
      Advance(2);
      DoubleQuoted(f, level);
      return;
    }
    if (c == '(') {
      Advance();
      if (d_ == Dialect::kBuild) {
        SkipQuotedParens();
        Append(f, t_.substr(start, p_ - start));
      } else if (Peek(1) == '(') {  // arithmetic
        Append(f, '$');
        CopyBalanced(f, '(', ')');
      } else if (level < kMaxNesting) {
        Advance();
        List(')', level + 1);
        Append(f, t_.substr(start, p_ - start));
      } else {
        Advance();
        int depth = 1;
        while (!AtEnd() && depth > 0) {
          char d = Peek();
          if (d == '(') ++depth;
          if (d == ')') --depth;
          Advance();
        }
        Append(f, t_.substr(start, p_ - start));
      }
      return;
    }
    if (c == '{') {
      Advance();
      std::size_t from = f.word.text.size();
      Append(f, '$');
      CopyBalanced(f, '{', '}');
      if (opt_.lookup) {
        std::string_view raw = std::string_view(f.word.text).substr(from);
        std::string value = SubstituteBraced(raw);
        f.word.value.resize(f.word.value.size() - raw.size());
        f.word.value += value;
      }
      return;
    }
    if (IsNameStart(c)) {
      Advance();
      std::size_t name_start = p_;
      while (!AtEnd() && IsNameChar(Peek())) Advance();
      std::string_view raw = t_.substr(start, p_ - start);
      const std::string* v =
          opt_.lookup ? opt_.lookup(t_.substr(name_start, p_ - name_start)) : nullptr;
      Append(f, raw, v != nullptr ? std::string_view(*v) : raw);
      return;
    }
    if (IsDigit(c) || c == '?' || c == '$' || c == '#' || c == '@' || c == '*' || c == '!' ||
        c == '-') {
      Advance(2);
      Append(f, t_.substr(start, 2));
      return;
    }
    Append(f, '$');
    Advance();
  }

  // `${NAME}`, `${NAME:-w}`, `${NAME-w}` with NAME known -> value; anything else as written.
  std::string SubstituteBraced(std::string_view raw) const {
    if (raw.size() < 4 || raw.back() != '}') return std::string(raw);
    std::string_view inner = raw.substr(2, raw.size() - 3);
    std::size_t k = 0;
    while (k < inner.size() && IsNameChar(inner[k])) ++k;
    if (k == 0 || !IsNameStart(inner[0])) return std::string(raw);
    const std::string* v = opt_.lookup(inner.substr(0, k));
    if (v == nullptr) return std::string(raw);
    std::string_view rest = inner.substr(k);
    if (rest.empty()) return *v;
    if (rest.substr(0, 2) == ":-") return v->empty() ? std::string(rest.substr(2)) : *v;
    if (rest[0] == '-') return *v;
    return std::string(raw);
  }

  // After `$'` (kScan): ANSI-C quoting.
  void AnsiC(Frame& f) {
    while (!AtEnd()) {
      char c = Peek();
      Advance();
      if (c == '\'') return;
      if (c != '\\') {
        Append(f, c);
        continue;
      }
      if (AtEnd()) return;
      char e = Peek();
      Advance();
      switch (e) {
        case 'n':
          Append(f, '\n');
          break;
        case 't':
          Append(f, '\t');
          break;
        case 'r':
          Append(f, '\r');
          break;
        case 'a':
          Append(f, '\a');
          break;
        case 'b':
          Append(f, '\b');
          break;
        case 'e':
        case 'E':
          Append(f, '\x1b');
          break;
        case 'f':
          Append(f, '\f');
          break;
        case 'v':
          Append(f, '\v');
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
          Append(f, n > 0 ? static_cast<char>(value) : 'x');
          break;
        }
        default:
          if (e >= '0' && e <= '7') {
            int value = e - '0';
            for (int n = 0; n < 2 && Peek() >= '0' && Peek() <= '7'; ++n) {
              value = value * 8 + (Peek() - '0');
              Advance();
            }
            Append(f, static_cast<char>(value & 0xff));
          } else {
            Append(f, e);  // \\ \' \" and unknown escapes
          }
          break;
      }
    }
  }

  // kScan and kContainer: `&&`, `||` and single operator characters end the command (kScan also
  // takes `;;`, `;&` and `|&` as one operator). Returns true when `)` closed the list.
  bool Operator(Frame& f, char c, char closer, int& parens) {
    if (c == '&' && Peek(1) == '>' && d_ == Dialect::kScan) {  // `&>`, `&>>`
      EndWord(f);
      Advance(2);
      if (Peek() == '>') Advance();
      f.drop_next = true;
      return false;
    }
    std::string op(1, c);
    if ((c == '&' || c == '|') && Peek(1) == c) op += c;
    if (d_ == Dialect::kScan && ((c == '|' && Peek(1) == '&') || (c == ';' && Peek(1) == ';') ||
                                 (c == ';' && Peek(1) == '&'))) {
      op += Peek(1);
    }
    EndCommand(f, op);
    Advance(op.size());
    if (d_ != Dialect::kScan) return false;
    if (c == '(') ++parens;
    if (c == ')') {
      if (parens > 0) {
        --parens;
      } else if (closer == ')') {
        return true;
      }
    }
    return false;
  }

  // kBuild: the operators of compound commands.
  void BuildOperator(Frame& f, char c) {
    const bool empty = f.cmd.words.empty() && f.cmd.assignments.empty();
    switch (c) {
      case '&':
        if (Peek(1) == '&') {
          EndCommand(f, "&&");
          Advance(2);
        } else if (Peek(1) == '>') {
          Redirect(f);
        } else {
          EndCommand(f, "&");
          Advance();
        }
        break;
      case '|':
        if (InCasePattern()) {  // `a|b)`: alternative patterns, not a pipe
          EndWord(f);
          Advance();
        } else if (Peek(1) == '|') {
          EndCommand(f, "||");
          Advance(2);
        } else {
          EndCommand(f, "|");
          Advance(Peek(1) == '&' ? 2 : 1);
        }
        break;
      case ';':
        EndCommand(f, ";");
        if (Peek(1) == ';' || Peek(1) == '&') {
          // `;;`, `;&`, `;;&` end a case item: patterns follow.
          if (!case_.empty() && case_.back() == CaseState::kBody) {
            case_.back() = CaseState::kPattern;
          }
          bool double_semi = Peek(1) == ';';
          Advance(2);
          if (double_semi && Peek() == '&') Advance();
        } else {
          Advance();
        }
        break;
      case '(':
        if (InCasePattern()) {  // `(a|b)`: the optional opening parenthesis of a pattern
          EndWord(f);
        } else if (!f.in_word && empty) {
          ++depth_;
          pending_sep_.assign(1, '(');
        } else {
          StartWord(f);
          Append(f, '(');
        }
        Advance();
        break;
      default:                  // ')'
        if (InCasePattern()) {  // the end of a case item's patterns: commands follow
          EndWord(f);
          case_.back() = CaseState::kBody;
          pending_sep_.assign(1, ';');
          Advance();
          break;
        }
        EndCommand(f, ")");
        if (depth_ > 0) --depth_;
        Advance();
        break;
    }
  }

  // At `<`, `>` (or kBuild's `&>`): drops the operator, a file descriptor number before it and
  // its target; registers a here-document.
  void Redirect(Frame& f) {
    if (f.in_word) {
      bool fd = d_ == Dialect::kScan ? !f.drop_next && AllDigits(f.word.text)
                                     : !f.word.quoted && AllDigits(f.word.text);
      if (fd) {
        f.in_word = false;
        f.carry_quoted = d_ == Dialect::kScan && f.word.quoted;
      } else {
        EndWord(f);
      }
    }
    char c = Peek();
    f.drop_output = c == '>' || c == '&' || (c == '<' && Peek(1) == '>');
    if (c == '&') {  // kBuild: &> or &>>
      Advance(2);
      if (Peek() == '>') Advance();
      f.drop_next = true;
      return;
    }
    if (d_ == Dialect::kContainer) {
      // Every operator character, then either a glued `&N`/`&-` or the target word.
      Advance();
      while (!AtEnd() && (Peek() == '>' || Peek() == '<' || Peek() == '&' || Peek() == '|')) {
        Advance();
      }
      if (!AtEnd() && t_[p_ - 1] == '&' && (IsDigit(Peek()) || Peek() == '-')) {
        while (!AtEnd() && Peek() != ' ' && Peek() != '\t' && Peek() != '\n' && Peek() != ';' &&
               Peek() != '&' && Peek() != '|') {
          Advance();
        }
        return;
      }
      f.drop_next = true;
      return;
    }
    if (c == '<' && Peek(1) == '<') {
      if (Peek(2) == '<') {  // here-string: the next word is its text
        Advance(3);
        f.drop_next = true;
        return;
      }
      Advance(2);
      Heredoc h;
      if (Peek() == '-') {
        h.strip_tabs = true;
        Advance();
      }
      while (Peek() == ' ' || Peek() == '\t') Advance();
      if (d_ == Dialect::kBuild) {
        BuildDelimiter(h.delimiter);
      } else {
        ScanDelimiter(h.delimiter);
      }
      if (!h.delimiter.empty()) heredocs_.push_back(std::move(h));
      return;
    }
    Advance();
    char n = Peek();
    if (d_ == Dialect::kScan) {
      if (n == '>' || n == '&' || n == '|' || (c == '<' && n == '>')) Advance();
      f.drop_next = true;
      return;
    }
    if (n == '>' || n == '|' || (c == '<' && n == '>')) Advance();
    if (Peek() == '&' && Has(0)) {  // >&2, <&0, >&-
      Advance();
      std::size_t k = p_;
      while (k < t_.size() && (IsDigit(t_[k]) || t_[k] == '-')) ++k;
      if (k > p_) {
        Advance(k - p_);
        return;
      }
    }
    f.drop_next = true;
  }

  // A here-document delimiter word, quotes removed (kBuild: up to a character that is not
  // ordinary; an unterminated quote runs to the end).
  void BuildDelimiter(std::string& delim) {
    while (!AtEnd()) {
      char d = Peek();
      if (d == '\'' || d == '"') {
        Advance();
        while (!AtEnd() && Peek() != d) {
          delim += Peek();
          Advance();
        }
        Advance();
      } else if (d == '\\' && Has(1)) {
        delim += Peek(1);
        Advance(2);
      } else if (IsOrdinary(d)) {
        delim += d;
        Advance();
      } else {
        break;
      }
    }
  }

  // kScan: up to a blank or an operator character; a quote ends at its match or the line end.
  void ScanDelimiter(std::string& delim) {
    while (!AtEnd()) {
      char d = Peek();
      if (d == ' ' || d == '\t' || d == '\n' || d == ';' || d == '&' || d == '|' || d == '<' ||
          d == '>' || d == '(' || d == ')') {
        break;
      }
      if (d == '\'' || d == '"') {
        Advance();
        while (!AtEnd() && Peek() != d && Peek() != '\n') {
          delim += Peek();
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
      delim += d;
      Advance();
    }
  }

  // Called right after a newline: skips the bodies of pending here-documents.
  void SkipHeredocBodies() {
    for (const Heredoc& h : heredocs_) {
      while (!AtEnd()) {
        std::size_t end = t_.find('\n', p_);
        if (end == std::string_view::npos) end = t_.size();
        std::string_view line = t_.substr(p_, end - p_);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (h.strip_tabs) {
          while (!line.empty() && line.front() == '\t') line.remove_prefix(1);
        }
        Advance(end - p_ + 1);
        if (line == h.delimiter) break;
      }
    }
    heredocs_.clear();
  }

  void EndWord(Frame& f) {
    if (!f.in_word) return;
    f.in_word = false;
    Command& cmd = f.cmd;
    Word& word = f.word;
    if (d_ == Dialect::kBuild && !case_.empty() && case_.back() != CaseState::kBody) {
      // The subject, `in` and the patterns are not commands.
      f.drop_next = false;
      CaseState& state = case_.back();
      if (state == CaseState::kSubject) {
        state = CaseState::kIn;
      } else if (state == CaseState::kIn) {
        if (!word.quoted && word.text == "in") state = CaseState::kPattern;
      } else if (!word.quoted && word.text == "esac") {
        case_.pop_back();
      }
      return;
    }
    if (f.drop_next) {
      f.drop_next = false;
      if (f.drop_output) cmd.writes.push_back(std::move(word));
      return;
    }
    if (cmd.words.empty() && (d_ == Dialect::kBuild || d_ == Dialect::kContainer)) {
      // Leading assignment NAME=value (the name unquoted).
      std::size_t eq = word.text.find('=');
      if (eq != std::string::npos && eq > 0 && eq < f.quoted_at && IsNameStart(word.text[0]) &&
          std::all_of(word.text.begin(), word.text.begin() + static_cast<std::ptrdiff_t>(eq),
                      IsNameChar)) {
        if (cmd.assignments.empty()) {
          cmd.offset = word.offset;
          cmd.depth = depth_;
        }
        cmd.assignments.emplace_back(word.text.substr(0, eq), word.value.substr(eq + 1));
        return;
      }
      if (d_ == Dialect::kBuild && !word.quoted) {
        if (word.text == "{") {
          ++depth_;
          pending_sep_.assign(1, '{');
          return;
        }
        if (word.text == "}") {
          if (depth_ > 0) --depth_;
          return;
        }
        if (cmd.assignments.empty() && word.text == "case") {
          case_.push_back(CaseState::kSubject);
          return;
        }
        if (cmd.assignments.empty() && word.text == "esac" && !case_.empty()) {
          case_.pop_back();  // the last item may omit its `;;`
          return;
        }
        if (cmd.assignments.empty() &&
            (IsAnyOf(word.text, kSkippedReserved) || IsAnyOf(word.text, kClosingReserved))) {
          return;
        }
      }
    }
    if (cmd.words.empty() && cmd.assignments.empty()) {
      cmd.offset = word.offset;
      cmd.depth = depth_;
    }
    if (cmd.words.capacity() == 0) cmd.words.reserve(kWordsPerCommand);
    cmd.words.push_back(std::move(word));
  }

  // Ends the current command; `sep` is the operator that ended it ("" at the end).
  void EndCommand(Frame& f, std::string_view sep) {
    EndWord(f);
    f.drop_next = false;
    Command& cmd = f.cmd;
    const bool empty = cmd.words.empty() && cmd.assignments.empty();
    if (d_ != Dialect::kBuild) {
      if (!empty) {
        if (sep == "|") cmd.piped = true;
        out_.commands.push_back(std::move(cmd));
      }
      cmd = Command{};
      cmd.separator_before = std::string(sep);
      cmd.piped = sep == "|";
      return;
    }
    if (!empty) {
      cmd.separator_before = pending_sep_;
      if (next_piped_ || sep == "|") cmd.piped = true;
      if (sep == "|") out_.has_pipe = true;
      CheckPipefail(cmd);
      out_.commands.push_back(std::move(cmd));
      cmd = Command{};
      pending_sep_ = std::string(sep);
      next_piped_ = sep == "|";
    } else if (sep == "|" && !out_.commands.empty()) {
      // `( … ) | b` / `{ …; } | b`: the group is piped.
      out_.commands.back().piped = true;
      out_.has_pipe = true;
      pending_sep_.assign(1, '|');
      next_piped_ = true;
    } else if (!sep.empty()) {
      // `a &&` followed by a newline keeps the `&&`.
      bool keep =
          sep == "\n" && (pending_sep_ == "&&" || pending_sep_ == "||" || pending_sep_ == "|");
      if (!keep) pending_sep_ = std::string(sep);
    }
  }

  // kBuild: `set -o pipefail` / `set -eo pipefail` before the first pipe.
  void CheckPipefail(const Command& cmd) {
    if (cmd.words.empty()) return;
    std::string_view name = cmd.words.front().value;
    std::size_t slash = name.rfind('/');
    if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
    if (name != "set") return;
    for (std::size_t k = 2; k < cmd.words.size(); ++k) {
      const std::string& prev = cmd.words[k - 1].value;
      if (cmd.words[k].value == "pipefail" && prev.size() >= 2 && prev[0] == '-' &&
          prev.find('o') != std::string::npos) {
        if (!out_.has_pipe) out_.sets_pipefail = true;
      }
    }
  }

  std::string_view t_;
  const Options& opt_;
  const Dialect d_;
  Script& out_;
  const std::size_t first_;  // commands of earlier calls on the same script
  std::size_t p_ = 0;
  int line_ = 0;
  std::size_t line_start_ = 0;
  std::vector<Heredoc> heredocs_;
  // kBuild's compound-command state.
  std::string pending_sep_;
  bool next_piped_ = false;
  int depth_ = 0;
  std::vector<CaseState> case_;  // innermost last
};

}  // namespace

void Split(std::string_view text, const Options& options, Script& script) {
  Scanner(text, options, script).Run();
}

bool IsShellInterpreter(std::string_view name) {
  static constexpr std::array<std::string_view, 7> kShells = {"sh",  "bash", "ash", "dash",
                                                              "zsh", "ksh",  "mksh"};
  return IsAnyOf(name, kShells);
}

bool ArgsSetPipefail(const std::vector<std::string>& argv) {
  for (std::size_t k = 1; k < argv.size(); ++k) {
    const std::string& prev = argv[k - 1];
    if (argv[k] == "pipefail" && prev.size() >= 2 && prev[0] == '-' &&
        prev.find('o') != std::string::npos) {
      return true;
    }
  }
  return false;
}

}  // namespace drydock::shell
