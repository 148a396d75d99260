// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for the shell splitter (src/shell): every dialect (the first byte picks the
// escape character, Makefile mode and whether a lookup knows a variable) on the remaining bytes.
// Nothing may crash, hang or recurse without bound; invariants are checked with abort(): commands
// are not empty, words start inside the input, values equal texts without a lookup, and a
// word-only split is one command at most.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "shell/shell.h"

namespace shell = drydock::shell;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t mode = data[0];
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::string known = "value with spaces";

  for (shell::Dialect dialect : {shell::Dialect::kBuild, shell::Dialect::kScan,
                                 shell::Dialect::kContainer, shell::Dialect::kWords}) {
    shell::Options options;
    options.dialect = dialect;
    options.escape = (mode & 1) != 0 ? '`' : '\\';
    options.makefile = (mode & 2) != 0;
    if ((mode & 4) != 0) {
      options.lookup = [&known](std::string_view name) { return name == "A" ? &known : nullptr; };
    }
    shell::Script script;
    shell::Split(text, options, script);
    if (dialect == shell::Dialect::kWords && script.commands.size() > 1) std::abort();
    for (const auto& cmd : script.commands) {
      if (cmd.words.empty() && cmd.assignments.empty()) std::abort();
      if (cmd.offset > text.size() || cmd.depth < 0) std::abort();
      for (const auto& w : cmd.words) {
        if (w.offset > text.size() || w.line < 0 || w.column < 0) std::abort();
        if (options.lookup == nullptr && w.value != w.text) std::abort();
      }
    }
  }
  return 0;
}
