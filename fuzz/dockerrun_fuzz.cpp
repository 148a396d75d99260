// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for the docker run adapter: the first byte picks the script
// kind (shell, Makefile, CI YAML), the rest is the script. Any input must parse
// without crashing, hanging or leaking, and every RunSpec / error must carry a
// sane origin. The same bytes are also split on NUL into an argv for
// ParseCommandLine.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "sources/dockerrun/dockerrun.h"

namespace dr = drydock::sources::dockerrun;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  dr::ScriptKind kind = data[0] % 3 == 0   ? dr::ScriptKind::kShell
                        : data[0] % 3 == 1 ? dr::ScriptKind::kMakefile
                                           : dr::ScriptKind::kCiYaml;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  drydock::model::RunSet set = dr::ParseScript(text, "fuzz", kind);
  for (const auto& run : set.runs) {
    if (run.origin.line <= 0 || run.origin.column <= 0 || !run.image.has()) std::abort();
    if (run.kind != drydock::model::RunKind::kDockerRun || run.file != "fuzz") std::abort();
    if (run.memory_limit.has() && *run.memory_limit < 0) std::abort();
  }
  for (const auto& e : set.errors) {
    if (e.message.empty()) std::abort();
  }
  // argv: NUL-separated words (bounded).
  std::vector<std::string> argv;
  std::string cur;
  for (char c : text.substr(0, 4096)) {
    if (c == '\0') {
      argv.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  argv.push_back(cur);
  drydock::model::RunSet cl = dr::ParseCommandLine(argv);
  if (cl.runs.size() + cl.errors.size() != 1) std::abort();
  return 0;
}
