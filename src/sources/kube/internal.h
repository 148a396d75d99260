// SPDX-License-Identifier: Apache-2.0
// Internals of the Kubernetes adapter shared by its .cpp files (not part of the
// module's API).
//
// Reader is yaml::Reader in the API server's strict dialect (a quoted "true" is
// not a boolean, a quoted "1000" is not an integer): every wrong shape becomes
// a model::ParseError at the offending node, with a message that starts with
// the field path ("spec.template.spec.containers[0].securityContext.runAsUser:
// expected an integer, got \"abc\""). Absent and null values are "not set",
// never errors.
//
// ConvertPodSpec turns one pod template into RunSpecs (one per container),
// merging pod- and container-level securityContext the way the kubelet does.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/origin.h"
#include "model/cluster.h"
#include "yaml/typed.h"
#include "yaml/yaml.h"

namespace drydock::sources::kube::detail {

using yaml::YamlNode;

// The Kubernetes dialect of yaml::Reader (its defaults): read the way the API server's strict
// decoder does, errors "<path>: expected …, got <Describe(node)>" collected into `errors`, origin
// paths prefixed by `display` ("Deployment/shop/api"; "" for none). `errors` must outlive the
// reader.
class Reader : public yaml::Reader {
 public:
  Reader(std::string_view file, std::string display, std::vector<model::ParseError>& errors)
      : yaml::Reader(file, yaml::Dialect{}, yaml::CollectInto(errors), std::move(display)) {}
};

using yaml::Describe;

// One pod template to convert.
struct PodInput {
  const YamlNode* spec = nullptr;      // the PodSpec mapping (may be nullptr: no containers)
  std::string spec_path;               // "spec.template.spec"
  const YamlNode* metadata = nullptr;  // the template's metadata (Pod: the object's)
  std::string metadata_path;           // "spec.template.metadata"
  std::string namespace_;
  int workload_index = -1;
  // StatefulSet volumeClaimTemplates: volumes the containers may mount
  // (kVolume, source = the claim template's name), with the template's origin.
  std::vector<std::pair<std::string, core::Origin>> claim_templates;
  // Entries left for container copies of pod-level lists in this file (see
  // pod.cpp); nullptr = unbounded.
  std::size_t* copy_budget = nullptr;
};

// Per file: container copies of pod-level entries (volumes, annotations,
// sysctls, groups).
inline constexpr std::size_t kCopyBudget = std::size_t{1} << 18;

// Appends one RunSpec per container of `pod` to `runs`; shape errors go through
// `reader`.
void ConvertPodSpec(const PodInput& pod, Reader& reader, std::vector<model::RunSpec>& runs);

// ParseQuantity plus the node handling: nullopt (and an error) when malformed.
std::optional<double> QuantityAt(const YamlNode* node, const std::string& path, Reader& reader);

}  // namespace drydock::sources::kube::detail
