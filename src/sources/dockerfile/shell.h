// SPDX-License-Identifier: Apache-2.0
// RUN scripts (and shell-form CMD/ENTRYPOINT/HEALTHCHECK) split into model::ShellScript commands
// by the shell splitter (src/shell, Dialect::kBuild): simple commands and their argv, with file
// lines and the variables the build knows substituted into ShellWord::value.
// Work is linear in the input size; no recursion.
#pragma once

#include <string_view>
#include <utility>
#include <vector>

#include "model/build_spec.h"
#include "sources/dockerfile/expand.h"

namespace drydock::sources::dockerfile {

// Maps byte offsets of a script back to file lines: `marks` holds (offset, line) pairs sorted by
// offset; a byte belongs to the last mark at or before it. Newlines inside the script advance the
// line by themselves, so one mark per physical file line that starts a piece of the script is
// enough (continuation joins).
struct LineMap {
  std::vector<std::pair<std::size_t, int>> marks;
};

// Splits `text` into commands, appending them to `script` (so a heredoc body can be added after
// the RUN line). `vars` supplies the values substituted into ShellWord::value. `lines` must have
// at least one mark (offset 0).
// `escape` is the escape character: `\` for POSIX shells; `` ` `` (a Dockerfile with
// `# escape=``, i.e. PowerShell/cmd) makes `\` an ordinary character and `` ` `` the escape.
void SplitShell(std::string_view text, const LineMap& lines, const VarSource& vars,
                model::ShellScript& script, char escape = '\\');

// True when `name` (argv[0], path stripped) is a POSIX-like shell that reads a script on stdin.
bool IsShellInterpreter(std::string_view name);

// True when a shell argv (SHELL instruction or `bash -o pipefail -c`) enables pipefail.
bool ShellArgsSetPipefail(const std::vector<std::string>& argv);

}  // namespace drydock::sources::dockerfile
