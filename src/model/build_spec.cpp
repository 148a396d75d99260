// SPDX-License-Identifier: Apache-2.0
#include "model/build_spec.h"

namespace drydock::model {

std::string ShellCommand::Name() const {
  if (words.empty()) return {};
  const std::string& w = words.front().value;
  auto slash = w.rfind('/');
  return slash == std::string::npos ? w : w.substr(slash + 1);
}

bool ShellCommand::HasFlag(std::string_view flag) const {
  for (size_t i = 1; i < words.size(); ++i) {
    std::string_view v = words[i].value;
    if (v == flag) return true;
    if (flag.size() > 2 && flag.substr(0, 2) == "--" && v.size() > flag.size() &&
        v.substr(0, flag.size()) == flag && v[flag.size()] == '=') {
      return true;
    }
  }
  return false;
}

const Flag* Instruction::FindFlag(std::string_view name) const {
  for (const auto& f : flags) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

}  // namespace drydock::model
