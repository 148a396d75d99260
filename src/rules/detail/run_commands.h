// SPDX-License-Identifier: Apache-2.0
// RUN-command helpers shared by the user, supply-chain and secret rules: every instruction of a
// spec, the commands an instruction runs, the effective program of
// a command behind `sudo` / `env` / `exec` wrappers, and flag values as getopt would read them.
// Pure functions; returned pointers and views point into the spec and live as long as it does.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/build_spec.h"

namespace drydock::rules::detail {

// Calls `fn(stage, instruction)` for every instruction of every stage. `stage` is nullptr for the
// global ARGs before the first FROM. ONBUILD triggers are not visited here: rules::RunBuildRule
// judges them in place (BuildFacts::Triggered).
void ForEachInstruction(
    const model::BuildSpec& spec,
    const std::function<void(const model::Stage*, const model::Instruction&)>& fn);

// The commands an instruction runs: its parsed script (the parser fills it for RUN, CMD,
// ENTRYPOINT and HEALTHCHECK in both forms: shell text and heredoc bodies split into commands,
// exec form as one command of the JSON arguments, `["sh","-c","…"]` split). A reference into
// `ins`, valid as long as it is; empty for instructions that run nothing.
const std::vector<model::ShellCommand>& CommandsOf(const model::Instruction& ins);

// Index of the word that names the program actually run, skipping `sudo [-u user] [-E] …`,
// `env [-i] [A=b]…`, `exec`, `nohup`, `time`, `command`, `nice`, `doas`. words.size() when none.
std::size_t ProgramIndex(const model::ShellCommand& cmd);

// True for a shell assignment word `NAME=value` (NAME: [A-Za-z_][A-Za-z0-9_]*).
bool IsAssignmentWord(std::string_view word);

// Basename of the program word at ProgramIndex ("" when none), by value.
std::string ProgramName(const model::ShellCommand& cmd);

// The words after the program (by reference into `cmd`).
std::vector<const model::ShellWord*> ProgramArgs(const model::ShellCommand& cmd);

// Value of a long option `--name=value` or `--name value` among `args`; nullopt when absent.
// Reads `text` (unexpanded) when `literal` is set, otherwise `value`.
std::optional<std::string> LongOption(const std::vector<const model::ShellWord*>& args,
                                      std::string_view name, bool literal = false);

// Value of short option `-x` read getopt style: `-xVALUE`, `-x VALUE` or inside a cluster
// (`-fsSLu user:pw`). `with_value` lists the short options of the program that take a value, so
// that clusters are split correctly. nullopt when absent.
std::optional<std::string> ShortOption(const std::vector<const model::ShellWord*>& args, char x,
                                       std::string_view with_value, bool literal = false);

// True when short flag `x` appears in a cluster (`-k`, `-sSk`) before any value-taking option.
bool HasShortFlag(const std::vector<const model::ShellWord*>& args, char x,
                  std::string_view with_value);

// Variables assigned by an instruction, as a process would see them: ENV and ARG pairs
// (ARG only with a default), `A=b cmd` prefixes, `export A=b` / `env A=b` words of RUN.
struct Assignment {
  std::string name;
  std::string value;  // expanded where the model expands (ENV/ARG), as written for RUN words
  int line = 0;
};
std::vector<Assignment> AssignmentsOf(const model::Instruction& ins);

}  // namespace drydock::rules::detail
