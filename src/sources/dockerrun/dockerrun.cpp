// SPDX-License-Identifier: Apache-2.0
// STUB: replaced by the docker run adapter implementation.
#include "sources/dockerrun/dockerrun.h"

namespace drydock::sources::dockerrun {

bool IsRunInvocation(const std::vector<Word>&) { return false; }
void ParseInvocation(const std::vector<Word>&, std::string_view, model::RunSet&) {}
model::RunSet ParseCommandLine(const std::vector<std::string>&) { return {}; }
model::RunSet ParseScript(std::string_view, std::string_view file, ScriptKind) {
  model::RunSet set;
  set.file = std::string(file);
  return set;
}
model::RunSet ParseScriptFile(const std::string&, std::string_view file, ScriptKind k) {
  return ParseScript({}, file, k);
}

}  // namespace drydock::sources::dockerrun
