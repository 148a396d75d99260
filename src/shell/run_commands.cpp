// SPDX-License-Identifier: Apache-2.0
#include "shell/run_commands.h"

#include <string>
#include <utility>

#include "shell/shell.h"

namespace drydock::shell {
namespace {

std::string_view Basename(std::string_view w) {
  auto slash = w.rfind('/');
  return slash == std::string_view::npos ? w : w.substr(slash + 1);
}

}  // namespace

std::vector<model::ShellCommand> SplitScript(std::string_view text) {
  Options options;
  options.dialect = Dialect::kContainer;
  Script split;
  Split(text, options, split);
  std::vector<model::ShellCommand> out;
  out.reserve(split.commands.size());
  for (Command& from : split.commands) {
    model::ShellCommand cmd;
    cmd.words.reserve(from.words.size());
    for (Word& w : from.words) {
      cmd.words.push_back(model::ShellWord{std::move(w.text), std::move(w.value), w.quoted, 0});
    }
    cmd.assignments = std::move(from.assignments);
    cmd.separator_before = std::move(from.separator_before);
    cmd.piped = from.piped;
    out.push_back(std::move(cmd));
  }
  return out;
}

std::vector<model::RunCommand> RunCommandsOf(const model::RunSpec& spec) {
  std::vector<model::RunCommand> out;
  std::vector<const model::Located*> argv;
  for (const auto& w : spec.command) argv.push_back(&w);
  for (const auto& w : spec.args) argv.push_back(&w);
  if (argv.empty()) return out;

  model::RunCommand whole;
  whole.origin = argv.front()->origin;
  // Arguments to the image's own entrypoint (`args: ["--password=…"]`): an empty program word
  // keeps the options where the option readers look for them (after the program).
  if (spec.command.empty() && !argv.front()->value.empty() && argv.front()->value[0] == '-') {
    whole.command.words.emplace_back();
  }
  for (const auto* w : argv) {
    model::ShellWord word;
    word.text = w->value;
    word.value = w->value;
    whole.command.words.push_back(std::move(word));
  }
  out.push_back(std::move(whole));

  // `sh [-opts] -c 'script' [name args…]`, possibly behind the program index of the argv.
  for (std::size_t i = 0; i < argv.size(); ++i) {
    if (!IsShellInterpreter(Basename(argv[i]->value))) continue;
    for (std::size_t j = i + 1; j + 1 < argv.size(); ++j) {
      std::string_view opt = argv[j]->value;
      if (opt.size() < 2 || opt[0] != '-' || opt[1] == '-') break;
      if (opt.find('c') == std::string_view::npos) continue;
      for (auto& cmd : SplitScript(argv[j + 1]->value)) {
        out.push_back({std::move(cmd), argv[j + 1]->origin, true});
      }
      return out;
    }
    break;
  }
  return out;
}

void StoreRunCommands(model::RunSpec& spec) { spec.run_commands = RunCommandsOf(spec); }

}  // namespace drydock::shell
