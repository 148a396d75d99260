// SPDX-License-Identifier: Apache-2.0
// The one shell word splitter: POSIX-shell text (a Dockerfile RUN script, a `sh -c` script, a
// shell script, Makefile recipe or CI step, a compose `command:` string) cut into simple commands
// and each command into words with quotes removed and escapes resolved — quotes, escapes,
// operators (`&&`, `||`, `;`, `|`, `&`, newlines), subshells and groups, comments, leading
// assignments, redirections (operator and target) dropped from the words (output targets kept in
// Command::writes), here-document bodies skipped. Not an
// interpreter: nothing is expanded except variables a caller's lookup knows, substituted into
// Word::value. Every word keeps its byte offset, line and column.
//
// A Dialect says which grammar a caller reads; the four dialects are the conventions of the four
// splitters this one replaced, kept where they disagreed so that no caller's output changed (the
// differences are listed at each enumerator and, case by case, in shell.cpp).
//
// Hostile input: work is linear in the input size; the only recursion (kScan's `$(…)` and
// backticks) is bounded by kMaxNesting, deeper substitutions being kept as text.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace drydock::shell {

inline constexpr int kMaxNesting = 32;

// Looks a variable up; nullptr when its value is unknown (the reference stays as written).
using Lookup = std::function<const std::string*(std::string_view name)>;

enum class Dialect {
  // Dockerfile RUN and shell-form CMD/ENTRYPOINT/HEALTHCHECK: compound commands understood —
  // reserved words (`if`, `then`, `fi`, `!`, …) and `{`/`}` dropped, `case` subjects and patterns
  // skipped, `(` opens a subshell only where a command starts (elsewhere it is part of a word),
  // Command::separator_before carries `&&`/`||`/`|` over a newline, Command::depth counts
  // ( ) and { } nesting, Script::has_pipe and Script::sets_pipefail are kept. `$(…)`, `${…}` and
  // backticks are copied into the word as written (`$(…)` skipping quoted parentheses); `escape`
  // and `lookup` apply. A trailing `\` is a literal backslash.
  kBuild,
  // Finding commands in scripts, Makefile recipes and CI steps (`docker run …`): every `(` and
  // `)` ends a command; `$(…)` and backticks are copied into the word as written and their inner
  // commands are also emitted as commands of their own, before the command that contains them;
  // `$'…'` is decoded (ANSI-C) and `$"…"` read as a double-quoted string; leading assignments stay
  // words; `\` CR LF continues a line; `makefile` applies. A trailing `\` starts an empty quoted
  // word.
  kScan,
  // A `sh -c` script in a container's command or args: every `(`, `)`, `;`, `&`, `|` is an
  // operator of its own (`&&` and `||` excepted), so `&>` ends a command; only `$(…)` (counting
  // parentheses) and backticks (to the next backtick) are copied into a word as written, `${…}`
  // and inside double quotes `$` and backticks are ordinary characters; a backslash outside
  // quotes does not make a word quoted; no here-documents (`<<EOF` is a redirection whose target
  // word is dropped). A trailing `\` starts an empty word.
  kContainer,
  // Words only (compose `command:` strings, Go shellwords): blanks including newlines separate
  // words; quotes and `\` are the only special characters (a backslash escapes any character,
  // a newline too); an unterminated quote sets Script::unterminated_quote. One command at most.
  kWords,
};

struct Options {
  Dialect dialect = Dialect::kBuild;
  // kBuild: the escape character. `` ` `` (a Dockerfile's `# escape=``) makes `\` an ordinary
  // character and `` ` `` the escape outside double quotes.
  char escape = '\\';
  // kScan: a Makefile recipe — `$$` is one `$` for the shell, `$(VAR)`, `${VAR}` and `$X` are
  // make references kept as written.
  bool makefile = false;
  // kBuild: values substituted into Word::value for `$NAME`, `${NAME}`, `${NAME:-w}`, `${NAME-w}`.
  Lookup lookup;
};

// One word after quote removal. `text` has quotes removed and escapes resolved but no variable
// expansion; `value` additionally substitutes the variables the lookup knows (== text without
// one).
struct Word {
  std::string text;
  std::string value;
  bool quoted = false;     // any part was quoted (or escaped; see Dialect::kContainer)
  std::size_t offset = 0;  // byte offset in the input where the word starts
  int line = 0;            // 0-based line of the input (newlines before `offset`)
  int column = 0;          // 0-based byte column of `offset` on that line
};

// One simple command, e.g. `apt-get install -y curl`.
struct Command {
  std::vector<Word> words;  // argv; leading `NAME=value` words go to `assignments` (not kScan)
  std::vector<std::pair<std::string, std::string>> assignments;  // name, value (Word::value)
  std::string separator_before;  // "", "&&", "||", ";", "|", "&", "\n", "(" … before it
  bool piped = false;            // part of a pipeline (`a | b`: both are piped)
  int depth = 0;                 // kBuild: nesting inside ( ) or { }
  std::size_t offset = 0;        // offset of the first assignment or word
  // Targets of output redirections (`> f`, `>> f`, `>| f`, `&> f`, `<> f`), in order: the files
  // the command writes besides those its arguments name. Not in `words`.
  std::vector<Word> writes;
};

struct Script {
  std::vector<Command> commands;
  bool has_pipe = false;            // kBuild
  bool sets_pipefail = false;       // kBuild: `set -o pipefail` seen before the first pipe
  bool unterminated_quote = false;  // a quote was not closed (an error in kWords)
};

// Splits `text`, appending its commands to `script.commands`. State carries over from earlier
// calls on the same script (kBuild: a heredoc body follows its RUN line): has_pipe,
// sets_pipefail, and a `|` before the first new command pipes the last earlier one.
void Split(std::string_view text, const Options& options, Script& script);

// True when `name` (argv[0], path stripped) is a POSIX-like shell that reads a script on stdin.
bool IsShellInterpreter(std::string_view name);

// True when a shell argv (a SHELL instruction or `bash -o pipefail -c`) enables pipefail: a word
// "pipefail" after an option cluster containing `o`.
bool ArgsSetPipefail(const std::vector<std::string>& argv);

}  // namespace drydock::shell
