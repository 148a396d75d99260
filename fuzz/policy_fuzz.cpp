// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for the policy inputs: .drydock.yaml and .hadolint.yaml (ParseConfig,
// MergeConfigs), text ignore files and YAML ignore files. The YAML readers wrap libfyaml;
// whatever it cannot handle safely must be refused with an Error, never crash or hang.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/diagnostics.h"
#include "policy/config.h"
#include "policy/policy.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto config = drydock::policy::ParseConfig(text, ".drydock.yaml");
  if (config) {
    for (const auto& e : config->ignores) {
      if (e.key.empty()) std::abort();
    }
  } else if (config.error().message.empty()) {
    std::abort();
  }
  auto hadolint = drydock::policy::ParseConfig(text, ".hadolint.yaml",
                                               drydock::policy::ConfigFlavor::kHadolint);
  if (hadolint && config) {
    drydock::policy::MergeConfigs(*hadolint, *config);
  } else if (!hadolint && hadolint.error().message.empty()) {
    std::abort();
  }
  drydock::core::Diagnostics diags;
  (void)drydock::policy::ParseIgnoreText(text, ".drydockignore", diags);
  auto yaml = drydock::policy::ParseIgnoreYaml(text, ".drydockignore.yaml", diags);
  if (!yaml && yaml.error().message.empty()) std::abort();
  return 0;
}
