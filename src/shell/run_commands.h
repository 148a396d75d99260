// SPDX-License-Identifier: Apache-2.0
// What a container runs (RunSpec command + args) cut into model::RunCommand, the ShellCommand
// shape the build-side detectors read, so that the run-side rules (TLS switches DD405, inline
// credentials DD607) reuse exactly the same detection as RUN lines. A `sh -c '<script>'` (any
// POSIX shell, `-c` possibly in a cluster such as `-ec`) has its script split by shell::Split
// (the kContainer dialect). The adapters call StoreRunCommands once a RunSpec's command and args
// are final; rules read RunSpec::run_commands. No expansion; linear in the input. Pure functions.
#pragma once

#include <string_view>
#include <vector>

#include "core/origin.h"
#include "model/build_spec.h"
#include "model/run_spec.h"

namespace drydock::shell {

// The argv (command ++ args) as one command, followed by the commands of its `sh -c` script
// when it runs one. Empty when the spec has neither command nor args. When only args are given
// and they start with an option, they are arguments of the image's entrypoint: the command then
// starts with an empty program word.
std::vector<model::RunCommand> RunCommandsOf(const model::RunSpec& spec);

// spec.run_commands = RunCommandsOf(spec).
void StoreRunCommands(model::RunSpec& spec);

// Splits a container's shell text into commands (shell::Split, kContainer dialect, carried over
// to the model). Leading `NAME=value` words go to ShellCommand::assignments.
std::vector<model::ShellCommand> SplitScript(std::string_view text);

}  // namespace drydock::shell
