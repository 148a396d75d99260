// SPDX-License-Identifier: Apache-2.0
// The docker run adapter: a `docker run` / `docker container run` / `podman
// run` argument list → RunSpec, parsed exactly as the docker CLI does
// (FORMATS.md §5): short and long flags,
// `--flag=value` and `--flag value`, combined short flags (`-dit`, `-itu
// 1000`), `--` ends the options, the first positional is the image and the rest
// is the command. Unknown flags are a ParseError (the docker CLI refuses them
// too), as is a flag missing its value or no image.
//
// Invocations are also found in scripts: shell scripts (`*.sh`, shebang files),
// Makefiles (recipe lines, `$(VAR)` left as written) and CI YAML `run:` /
// `script:` steps, joined across
// `\` continuations; `sudo`, `env VAR=…`, `exec`, `time` prefixes are skipped;
// `$VAR` words are kept as written (a variable image is still audited for
// everything else).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/origin.h"
#include "model/cluster.h"

namespace drydock::sources::dockerrun {

// One word of a command line with its origin (line/column in a script, or argv
// position).
struct Word {
  std::string text;
  core::Origin origin;
  // Any part was quoted. An unquoted lone `$VAR` may expand to several words
  // (flags), a quoted one cannot.
  bool quoted = false;
};

// True when `words` starts a container run: docker run, docker container run,
// podman run, podman container run (after any prefix such as sudo has been
// removed by the caller).
bool IsRunInvocation(const std::vector<Word>& words);

// Parses one invocation (words[0] is the program, e.g. "docker"). Fills a
// RunSpec with kind kDockerRun; errors land in `set.errors` (DD001) and no
// RunSpec is added.
void ParseInvocation(const std::vector<Word>& words, std::string_view file, model::RunSet& set);

// `drydock run -- docker run …`: argv as given on drydock's command line (file
// "-" in origins, column = argv index + 1).
model::RunSet ParseCommandLine(const std::vector<std::string>& argv);

enum class ScriptKind { kShell, kMakefile, kCiYaml };

// Finds and parses every run invocation in a script. `file` is the display
// name.
model::RunSet ParseScript(std::string_view text, std::string_view file, ScriptKind kind);

// Reads `fs_path` (bounded) and parses it as a script of `kind`.
model::RunSet ParseScriptFile(const std::string& fs_path, std::string_view file, ScriptKind kind);

}  // namespace drydock::sources::dockerrun
