// SPDX-License-Identifier: Apache-2.0
#include "sources/dockerrun/detail/shell_words.h"

#include <cstddef>
#include <utility>

#include "shell/shell.h"

namespace drydock::sources::dockerrun::detail {

std::vector<ShellCommand> SplitCommands(std::string_view text, std::string_view file,
                                        const std::vector<LinePos>& lines, bool makefile) {
  shell::Options options;
  options.dialect = shell::Dialect::kScan;
  options.makefile = makefile;
  shell::Script split;
  shell::Split(text, options, split);
  std::vector<ShellCommand> out;
  out.reserve(split.commands.size());
  for (shell::Command& from : split.commands) {
    ShellCommand cmd;
    cmd.words.reserve(from.words.size());
    for (shell::Word& w : from.words) {
      core::Origin o;
      o.file = std::string(file);
      int line = w.line + 1;
      int offset = 0;
      if (!lines.empty()) {
        auto idx = static_cast<std::size_t>(w.line);
        if (idx < lines.size()) {
          line = lines[idx].line;
          offset = lines[idx].column_offset;
        } else {
          line = lines.back().line + static_cast<int>(idx - (lines.size() - 1));
          offset = lines.back().column_offset;
        }
      }
      o.line = line;
      o.column = w.column + 1 + offset;
      cmd.words.push_back(Word{std::move(w.text), std::move(o), w.quoted});
    }
    out.push_back(std::move(cmd));
  }
  return out;
}

}  // namespace drydock::sources::dockerrun::detail
