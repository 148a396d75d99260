// SPDX-License-Identifier: Apache-2.0
// Finding `docker run` invocations in scripts: the text split into simple commands by the shell
// splitter (src/shell, Dialect::kScan: operators, parentheses, and the inner commands of `$(…)` /
// backticks emitted as commands of their own), each word with quotes removed, escapes resolved,
// nothing expanded, and its file line and column. Comments, redirections and here-document
// bodies are dropped. Makefile mode (recipe lines): `$$` is a literal `$` for the shell, and
// `$(VAR)` / `${VAR}` / `$X` are make references kept verbatim.
//
// Work is linear in the input size; `$(…)` nesting is followed up to shell::kMaxNesting levels.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sources/dockerrun/dockerrun.h"

namespace drydock::sources::dockerrun::detail {

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
