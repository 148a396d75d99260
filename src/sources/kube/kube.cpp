// SPDX-License-Identifier: Apache-2.0
// STUB: replaced by the Kubernetes adapter implementation.
#include "sources/kube/kube.h"

namespace drydock::sources::kube {

bool IsKubernetesObject(const yaml::YamlNode& doc) {
  return doc.Get("apiVersion") != nullptr && doc.Get("kind") != nullptr;
}
model::RunSet FromDocuments(const std::vector<yaml::YamlDocument>&, std::string_view file) {
  model::RunSet set;
  set.file = std::string(file);
  return set;
}
model::RunSet ParseManifests(std::string_view, std::string_view file) { return FromDocuments({}, file); }
model::RunSet ParseManifestFile(const std::string&, std::string_view file) { return FromDocuments({}, file); }
std::optional<double> ParseQuantity(std::string_view) { return std::nullopt; }

}  // namespace drydock::sources::kube
