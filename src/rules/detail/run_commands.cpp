// SPDX-License-Identifier: Apache-2.0
#include "rules/detail/run_commands.h"

#include <algorithm>
#include <array>

#include "core/strings.h"

namespace drydock::rules::detail {
namespace {

using core::StartsWith;

std::string Basename(std::string_view word) {
  auto slash = word.rfind('/');
  return std::string(slash == std::string_view::npos ? word : word.substr(slash + 1));
}

const std::string& Pick(const model::ShellWord& w, bool literal) {
  return literal ? w.text : w.value;
}

}  // namespace

bool IsAssignmentWord(std::string_view w) {
  auto eq = w.find('=');
  if (eq == std::string_view::npos || eq == 0) return false;
  for (std::size_t i = 0; i < eq; ++i) {
    char c = w[i];
    bool ok = c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
              (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

void ForEachInstruction(
    const model::BuildSpec& spec,
    const std::function<void(const model::Stage*, const model::Instruction&)>& fn) {
  for (const auto& ins : spec.global_args) fn(nullptr, ins);
  for (const auto& stage : spec.stages) {
    for (const auto& ins : stage.instructions) {
      fn(&stage, ins);
    }
  }
}

const std::vector<model::ShellCommand>& CommandsOf(const model::Instruction& ins) {
  return ins.script.commands;
}

std::size_t ProgramIndex(const model::ShellCommand& cmd) {
  const auto& words = cmd.words;
  std::size_t i = 0;
  // Bounded: every iteration consumes at least one word.
  while (i < words.size()) {
    std::string name = Basename(words[i].value);
    if (name == "sudo" || name == "doas") {
      ++i;
      // sudo options; those taking a value: -u -g -C -D -h -p -r -t -U -T.
      while (i < words.size() && StartsWith(words[i].value, "-")) {
        const std::string& opt = words[i].value;
        ++i;
        if (opt == "--") break;
        if (opt.size() == 2 && std::string_view("ugCDhprtUT").find(opt[1]) != std::string::npos) {
          ++i;
        }
      }
      continue;
    }
    if (name == "env") {
      ++i;
      while (i < words.size() &&
             (StartsWith(words[i].value, "-") || IsAssignmentWord(words[i].value))) {
        const std::string& opt = words[i].value;
        ++i;
        if (opt == "-u" || opt == "-C" || opt == "-S") ++i;
      }
      continue;
    }
    if (name == "exec" || name == "nohup" || name == "time" || name == "command" ||
        name == "builtin") {
      ++i;
      while (i < words.size() && StartsWith(words[i].value, "-")) ++i;
      continue;
    }
    if (name == "nice" || name == "ionice" || name == "chroot") {
      ++i;
      while (i < words.size() && StartsWith(words[i].value, "-")) {
        const std::string& opt = words[i].value;
        ++i;
        if (opt == "-n" || opt == "-c") ++i;
      }
      if (name == "chroot" && i < words.size()) ++i;  // the new root
      continue;
    }
    return i;
  }
  return words.size();
}

std::string ProgramName(const model::ShellCommand& cmd) {
  std::size_t i = ProgramIndex(cmd);
  return i < cmd.words.size() ? Basename(cmd.words[i].value) : std::string();
}

std::vector<const model::ShellWord*> ProgramArgs(const model::ShellCommand& cmd) {
  std::vector<const model::ShellWord*> out;
  for (std::size_t i = ProgramIndex(cmd) + 1; i < cmd.words.size(); ++i) {
    out.push_back(&cmd.words[i]);
  }
  return out;
}

std::optional<std::string> LongOption(const std::vector<const model::ShellWord*>& args,
                                      std::string_view name, bool literal) {
  // `--name`, `--name value` or `--name=value`; no allocation unless it matches (hot path).
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view w = Pick(*args[i], literal);
    if (w.size() < 2 || w[0] != '-' || w[1] != '-') continue;
    if (w.size() == 2) break;  // "--" ends the options
    std::string_view rest = w.substr(2);
    if (rest.substr(0, name.size()) != name) continue;
    if (rest.size() == name.size()) {
      if (i + 1 < args.size()) return Pick(*args[i + 1], literal);
      return std::string();
    }
    if (rest[name.size()] == '=') return std::string(rest.substr(name.size() + 1));
  }
  return std::nullopt;
}

std::optional<std::string> ShortOption(const std::vector<const model::ShellWord*>& args, char x,
                                       std::string_view with_value, bool literal) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& w = Pick(*args[i], literal);
    if (w == "--") break;
    if (w.size() < 2 || w[0] != '-' || w[1] == '-') continue;
    for (std::size_t j = 1; j < w.size(); ++j) {
      char c = w[j];
      bool takes_value = with_value.find(c) != std::string_view::npos || c == x;
      if (c == x) {
        if (j + 1 < w.size()) return w.substr(j + 1);
        if (i + 1 < args.size()) return Pick(*args[i + 1], literal);
        return std::string();
      }
      if (takes_value) {
        if (j + 1 == w.size()) ++i;  // the value is the next word
        break;
      }
    }
  }
  return std::nullopt;
}

bool HasShortFlag(const std::vector<const model::ShellWord*>& args, char x,
                  std::string_view with_value) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& w = args[i]->value;
    if (w == "--") break;
    if (w.size() < 2 || w[0] != '-' || w[1] == '-') continue;
    for (std::size_t j = 1; j < w.size(); ++j) {
      char c = w[j];
      if (c == x) return true;
      if (with_value.find(c) != std::string_view::npos) {
        if (j + 1 == w.size()) ++i;
        break;
      }
    }
  }
  return false;
}

std::vector<Assignment> AssignmentsOf(const model::Instruction& ins) {
  std::vector<Assignment> out;
  if (ins.keyword == "ENV" || ins.keyword == "ARG") {
    for (const auto& [name, value] : ins.pairs) {
      if (value) out.push_back({name, *value, ins.origin.line});
    }
    return out;
  }
  if (ins.keyword != "RUN") return out;
  for (const auto& cmd : ins.script.commands) {
    for (const auto& [name, value] : cmd.assignments) out.push_back({name, value, cmd.line});
    if (cmd.words.empty()) continue;
    std::string program = Basename(cmd.words[0].value);
    if (program != "export" && program != "env" && program != "declare" && program != "typeset") {
      continue;
    }
    for (std::size_t i = 1; i < cmd.words.size(); ++i) {
      const auto& w = cmd.words[i];
      if (!IsAssignmentWord(w.text)) {
        if (program == "env" && !StartsWith(w.text, "-")) break;  // the command env runs
        continue;
      }
      auto eq = w.text.find('=');
      out.push_back({w.text.substr(0, eq), w.text.substr(eq + 1), w.line ? w.line : cmd.line});
    }
  }
  return out;
}

}  // namespace drydock::rules::detail
