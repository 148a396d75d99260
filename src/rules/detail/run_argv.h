// SPDX-License-Identifier: Apache-2.0
// What a container runs (RunSpec command + args), cut into the model::ShellCommand shape the
// build-side detectors read, so that the run-side rules (TLS switches DD405, inline credentials
// DD607) reuse exactly the same detection as RUN lines. A `sh -c '<script>'` (any POSIX shell,
// `-c` possibly in a cluster such as `-ec`) has its script split into commands by the shell
// splitter (src/shell, Dialect::kContainer): words, quotes, escapes, `;` `&&` `||` `|` `&`
// newlines and subshell parentheses; `$(…)` and backticks stay inside words; redirections are
// dropped. No expansion. Linear in the input, no recursion. Pure functions.
#pragma once

#include <string_view>
#include <vector>

#include "core/origin.h"
#include "model/build_spec.h"
#include "model/run_spec.h"

namespace drydock::rules::detail {

// One command of a container's argv or of a `sh -c` script in it.
struct RunCommand {
  model::ShellCommand command;  // words with text == value (nothing is expanded)
  core::Origin origin;          // the argv word the command comes from
  bool from_script = false;     // split out of a `sh -c` script
};

// The argv (command ++ args) as one command, followed by the commands of its `sh -c` script
// when it runs one. Empty when the spec has neither command nor args. When only args are given
// and they start with an option, they are arguments of the image's entrypoint: the command then
// starts with an empty program word.
std::vector<RunCommand> RunCommandsOf(const model::RunSpec& spec);

// Splits shell text into commands (see the header comment; shell::Split does the parsing, this
// only carries its commands over to the model). Leading `NAME=value` words go to
// ShellCommand::assignments.
std::vector<model::ShellCommand> SplitScript(std::string_view text);

}  // namespace drydock::rules::detail
