// SPDX-License-Identifier: Apache-2.0
#include "sources/dockerfile/shell.h"

#include <algorithm>
#include <string>

#include "shell/shell.h"

namespace drydock::sources::dockerfile {
namespace {

// File line of byte `off` of the script: the last mark at or before it, plus the newlines between
// the mark and `off` (`newlines`: offsets of the script's newlines, ascending).
int LineAt(const LineMap& lines, const std::vector<std::size_t>& newlines, std::size_t off) {
  const auto& m = lines.marks;
  if (m.empty()) return 0;
  auto it = std::upper_bound(m.begin(), m.end(), off,
                             [](std::size_t o, const auto& p) { return o < p.first; });
  if (it != m.begin()) --it;
  auto a = std::lower_bound(newlines.begin(), newlines.end(), it->first);
  auto b = std::lower_bound(newlines.begin(), newlines.end(), off);
  return it->second + static_cast<int>(b - a);
}

}  // namespace

void SplitShell(std::string_view text, const LineMap& lines, const VarSource& vars,
                model::ShellScript& script, char escape) {
  shell::Options options;
  options.dialect = shell::Dialect::kBuild;
  options.escape = escape;
  options.lookup = [&vars](std::string_view name) { return vars.Get(name); };
  shell::Script split;
  split.has_pipe = script.has_pipe;
  split.sets_pipefail = script.sets_pipefail;
  // Stands for the commands already in `script`, so that a leading `|` pipes the last of them.
  const bool earlier = !script.commands.empty();
  if (earlier) split.commands.emplace_back();
  shell::Split(text, options, split);
  script.has_pipe = split.has_pipe;
  script.sets_pipefail = split.sets_pipefail;
  if (earlier && split.commands.front().piped) script.commands.back().piped = true;

  std::vector<std::size_t> newlines;
  for (std::size_t k = 0; k < text.size(); ++k) {
    if (text[k] == '\n') newlines.push_back(k);
  }
  script.commands.reserve(script.commands.size() + split.commands.size());
  for (std::size_t c = earlier ? 1 : 0; c < split.commands.size(); ++c) {
    shell::Command& from = split.commands[c];
    model::ShellCommand cmd;
    cmd.words.reserve(from.words.size());
    for (shell::Word& w : from.words) {
      cmd.words.push_back(model::ShellWord{std::move(w.text), std::move(w.value), w.quoted,
                                           LineAt(lines, newlines, w.offset)});
    }
    for (shell::Word& w : from.writes) {
      cmd.writes.push_back(model::ShellWord{std::move(w.text), std::move(w.value), w.quoted,
                                            LineAt(lines, newlines, w.offset)});
    }
    cmd.assignments = std::move(from.assignments);
    cmd.separator_before = std::move(from.separator_before);
    cmd.piped = from.piped;
    cmd.subshell_depth = from.depth;
    cmd.line = LineAt(lines, newlines, from.offset);
    script.commands.push_back(std::move(cmd));
  }
}

bool IsShellInterpreter(std::string_view name) { return shell::IsShellInterpreter(name); }

bool ShellArgsSetPipefail(const std::vector<std::string>& argv) {
  return shell::ArgsSetPipefail(argv);
}

}  // namespace drydock::sources::dockerfile
