// SPDX-License-Identifier: Apache-2.0
// BuildSpec: a parsed Dockerfile, as rules see it. Plain data, no parsing here; the adapter in
// sources/dockerfile fills it. Every element keeps its Origin (file:line and a context path).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/origin.h"
#include "model/image_ref.h"

namespace drydock::model {

using core::Origin;

// One shell word after quote removal. `text` has quotes removed and escapes resolved but no
// variable expansion; `value` additionally substitutes variables whose value is known at that
// point of the build (ARG defaults, ENV), leaving unknown ones as written ("$UNKNOWN").
struct ShellWord {
  std::string text;
  std::string value;
  bool quoted = false;  // any part of the word was quoted
  int line = 0;         // file line the word starts on
};

// One simple command of a shell script, e.g. `apt-get install -y curl`.
struct ShellCommand {
  std::vector<ShellWord> words;  // argv; assignments (`A=b cmd`) are stripped into `assignments`
  std::vector<std::pair<std::string, std::string>> assignments;
  std::string separator_before;  // "", "&&", "||", ";", "|", "&", "\n", "(" … the token before it
  bool piped = false;            // part of a pipeline (`a | b`: both are piped)
  int subshell_depth = 0;        // nesting inside ( ) or { }
  int line = 0;                  // file line of the first word
  // Targets of output redirections (`> f`, `>> f`, `&> f`): files written besides the arguments.
  std::vector<ShellWord> writes;

  // argv[0] with any leading path removed ("/usr/bin/apt-get" -> "apt-get"); "" when empty.
  std::string Name() const;
  // True when a word (by value) equals `flag`, or starts with `flag=` for long options.
  bool HasFlag(std::string_view flag) const;
};

// A shell script split into commands. Heredoc bodies that feed a shell (`RUN <<EOF`) are parsed
// into commands too.
struct ShellScript {
  std::vector<ShellCommand> commands;
  bool has_pipe = false;
  bool sets_pipefail = false;  // `set -o pipefail` / `set -eo pipefail` seen before the first pipe
  std::string text;            // the script as the shell would receive it
};

// A builder flag: `--from=build`, `--mount=type=cache,target=/root/.cache`, `--link`.
struct Flag {
  std::string name;   // without the leading "--"
  std::string value;  // after expansion where BuildKit expands it; "" for bare booleans
  bool has_value = false;
};

// RUN --mount=… parsed into its CSV keys.
struct Mount {
  std::string type = "bind";  // bind|cache|tmpfs|secret|ssh
  std::string target;         // target|dst|destination (secret default: /run/secrets/<id>)
  std::string source;         // source|src
  std::string from;
  std::string id;
  std::string env;                             // secret exposed as an env var
  std::map<std::string, std::string> options;  // every key=value as written
};

struct Heredoc {
  std::string delimiter;
  std::string body;    // content lines joined with '\n' (tabs stripped for <<-)
  bool expand = true;  // false when the delimiter was quoted
  bool strip_tabs = false;
  int fd = -1;   // explicit fd prefix (`3<<EOF`), -1 when none
  int line = 0;  // line of the first body line
};

// One Dockerfile instruction.
struct Instruction {
  std::string keyword;   // upper case: "RUN", "COPY", …
  Origin origin;         // first line; origin.end_line = last line (continuations, heredocs)
  std::string original;  // the text after the keyword, continuations joined, as written
  std::vector<Flag> flags;
  bool exec_form = false;  // JSON array form (RUN/CMD/ENTRYPOINT/SHELL/ADD/COPY/VOLUME)
  // Arguments after the flags. Exec form: the JSON strings. Otherwise the words, expanded for
  // instructions BuildKit expands (FROM, COPY, ADD, ENV, ARG, LABEL, USER, WORKDIR, EXPOSE,
  // VOLUME, STOPSIGNAL), quotes removed, unexpanded for RUN/CMD/ENTRYPOINT/HEALTHCHECK.
  std::vector<std::string> args;
  std::string args_text;  // everything after the flags, as written (shell form text for RUN)
  // ENV / LABEL / ARG: key → value, in order, values expanded (ARG without default: nullopt).
  std::vector<std::pair<std::string, std::optional<std::string>>> pairs;
  std::vector<Heredoc> heredocs;
  ShellScript script;                    // RUN, and shell-form CMD/ENTRYPOINT/HEALTHCHECK CMD
  std::vector<Mount> mounts;             // RUN --mount
  std::shared_ptr<Instruction> trigger;  // ONBUILD: the wrapped instruction

  const Flag* FindFlag(std::string_view name) const;
};

struct Stage {
  int index = 0;
  std::string name;       // lower-cased `AS` name, "" when unnamed
  Origin origin;          // the FROM line
  std::string base_text;  // FROM argument as written
  ImageRef base;          // expanded
  int base_stage = -1;    // index of the earlier stage the FROM refers to, -1 for an image
  bool scratch = false;
  // --platform value as written (quotes kept, unexpanded); "" when absent.
  std::string platform_text;
  std::string platform;                   // --platform value
  std::vector<Instruction> instructions;  // FROM excluded
};

// A Dockerfile-level problem: becomes DD001 with file:line.
struct ParseError {
  Origin where;
  std::string message;
};

// A `#` comment line, kept for suppression pragmas. `target_first`..`target_last` is the range of
// lines the comment annotates (the next instruction, or the instruction it sits inside).
struct Comment {
  int line = 0;
  std::string text;  // without the leading '#', trimmed
  int target_first = 0;
  int target_last = 0;
  // When the annotated instruction is a FROM: the last line of that stage (`# hadolint stage
  // ignore=` covers the whole stage); 0 otherwise.
  int stage_last = 0;
};

struct BuildSpec {
  std::string file;  // as given; "-" for stdin
  char escape = '\\';
  std::string syntax;                    // `# syntax=` directive
  std::vector<Instruction> global_args;  // ARGs before the first FROM
  std::vector<Stage> stages;
  std::vector<ParseError> errors;
  std::vector<Comment> comments;
  // Sensitive files present in the build context (next to the Dockerfile) and not excluded by
  // .dockerignore, relative paths. Filled by the adapter when it reads from a directory.
  std::vector<std::string> context_secret_files;
  bool has_context = false;  // the context directory was inspected

  int target = -1;  // index of the `--target` stage; -1 = the last stage

  // The stage that produces the image: the --target stage, else the last one. nullptr when
  // there are no stages.
  const Stage* FinalStage() const {
    if (stages.empty()) return nullptr;
    if (target >= 0 && target < static_cast<int>(stages.size())) return &stages[target];
    return &stages.back();
  }
};

}  // namespace drydock::model
