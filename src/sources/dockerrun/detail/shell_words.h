// SPDX-License-Identifier: Apache-2.0
// A small POSIX-shell tokenizer for finding `docker run` invocations in
// scripts: splits text into simple commands (at `;` `&&` `||` `|` `&` newlines,
// parentheses, and inside `$(…)` / backticks, whose inner commands are emitted
// as commands of their own) and each command into words with quotes removed and
// escapes resolved. Variables (`$VAR`, `${VAR}`, `$((…))`, `$(…)`) are kept in
// the word as written: nothing is expanded. Comments, redirections (operator
// and target) and here-document bodies are dropped. Every word keeps the line
// and column where it starts.
//
// Makefile mode (recipe lines): `$$` is a literal `$` for the shell, and
// `$(VAR)` / `${VAR}` / `$X` are make references kept verbatim.
//
// Work is linear in the input size; `$(…)` nesting is followed up to
// kMaxNesting levels (deeper substitutions are kept as text without looking
// inside), so recursion is bounded.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sources/dockerrun/dockerrun.h"

namespace drydock::sources::dockerrun::detail {

inline constexpr int kMaxNesting = 32;

// Where line `i` (0-based) of the scanned text sits in the file: its 1-based
// file line and the number of file columns before the text's first byte on that
// line. Lines past the end of the vector continue from the last entry (line + 1
// each, same offset).
struct LinePos {
  int line = 1;
  int column_offset = 0;
};

struct ShellCommand {
  std::vector<Word> words;
};

// Splits `text` into simple commands. `lines` may be empty (= line i is file
// line i + 1).
std::vector<ShellCommand> SplitCommands(std::string_view text, std::string_view file,
                                        const std::vector<LinePos>& lines, bool makefile);

}  // namespace drydock::sources::dockerrun::detail
