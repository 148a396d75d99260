// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for the Kubernetes adapter: ParseManifests on arbitrary
// bytes (YAML stream, then workloads, pod specs, quantities, NetworkPolicies),
// and ParseQuantity on the raw bytes. Whatever the input, the adapter must
// return (errors are data), never crash or hang, and every run must point at a
// workload of the same RunSet.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "sources/kube/kube.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  drydock::model::RunSet set = drydock::sources::kube::ParseManifests(text, "fuzz.yaml");
  for (const auto& run : set.runs) {
    if (run.workload_index < 0 ||
        static_cast<std::size_t>(run.workload_index) >= set.cluster.workloads.size()) {
      std::abort();
    }
  }
  for (const auto& e : set.errors) {
    if (e.message.empty()) std::abort();
  }
  (void)drydock::sources::kube::ParseQuantity(text.substr(0, 256));
  return 0;
}
