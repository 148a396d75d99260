// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for the compose adapter: ParseCompose on arbitrary bytes (YAML stream,
// interpolation, every service field), plus the adapter's standalone parsers run on the same
// bytes (interpolation, the `.env` reader, byte sizes, command words, short ports and volumes).
// Nothing may crash, hang or grow without bound; model invariants are checked with abort().
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "sources/compose/compose.h"
#include "sources/compose/detail.h"

namespace compose = drydock::sources::compose;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);

  compose::ComposeOptions options;
  options.environment = {{"TAG", "1.27"}, {"EMPTY", ""}, {"BIG", std::string(4096, 'x')}};
  options.dotenv = "USER_ID=1000\nMEM=512m\nexport PORT=8080\n";
  drydock::core::Diagnostics diags;
  drydock::model::RunSet set = compose::ParseCompose(text, "compose.yaml", options, diags);
  for (const auto& run : set.runs) {
    if (run.kind != drydock::model::RunKind::kCompose || run.name.empty()) std::abort();
    if (run.workload != "service " + run.name) std::abort();
    for (const auto& port : run.ports) {
      if (port.container_port < 0 || port.container_port > 65535) std::abort();
      if (port.host_port < 0 || port.host_port > 65535) std::abort();
    }
  }
  for (const auto& e : set.errors) {
    if (e.message.empty()) std::abort();
  }

  // The same bytes as one scalar / one .env file.
  compose::detail::VarLookup lookup = [&options](std::string_view name) -> const std::string* {
    auto it = options.environment.find(std::string(name));
    return it == options.environment.end() ? nullptr : &it->second;
  };
  auto r = compose::detail::Interpolate(text, lookup, 1 << 20);
  if (!r.error && r.value.size() > (1u << 20)) std::abort();
  std::vector<std::string> warnings;
  (void)compose::detail::ParseDotenv(text, lookup, warnings);
  std::string_view head = text.substr(0, 256);
  if (auto bytes = compose::ParseByteSize(head); bytes && *bytes < 0) std::abort();
  (void)compose::detail::SplitCommand(head);
  (void)compose::detail::ParseShortPort(head);
  (void)compose::detail::SplitShortVolume(head);
  return 0;
}
