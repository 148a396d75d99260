// SPDX-License-Identifier: Apache-2.0
// Internals of the Kubernetes adapter shared by its .cpp files (not part of the
// module's API).
//
// Reader reads typed values out of a YAML tree the way the API server's strict
// decoder does (a quoted "true" is not a boolean, a quoted "1000" is not an
// integer) and turns every wrong shape into a model::ParseError at the
// offending node, with a message that starts with the field path
// ("spec.template.spec.containers[0].securityContext.runAsUser: expected an
// integer, got \"abc\""). Absent and null values are "not set", never errors.
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
#include "yaml/yaml.h"

namespace drydock::sources::kube::detail {

using yaml::YamlNode;

class Reader {
 public:
  // `display` prefixes every origin path ("Deployment/shop/api"); "" for none.
  // `errors` must outlive the reader.
  Reader(std::string_view file, std::string display, std::vector<model::ParseError>& errors)
      : file_(file), display_(std::move(display)), errors_(&errors) {}

  const std::string& file() const { return file_; }
  const std::string& display() const { return display_; }

  // The origin of `node` with context path "<display> <path>".
  core::Origin At(const YamlNode& node, const std::string& path) const;
  // Records a ParseError at `node`: message "<path>: <what>".
  void Fail(const YamlNode& node, const std::string& path, std::string_view what);

  // The value of `key` in mapping `parent` when it is present and not null,
  // else nullptr.
  static const YamlNode* Child(const YamlNode* parent, std::string_view key);

  // `node` when it is a mapping; nullptr when absent or null; an error (and
  // nullptr) otherwise.
  const YamlNode* Mapping(const YamlNode* node, const std::string& path);
  // Same for a sequence.
  const YamlNode* Sequence(const YamlNode* node, const std::string& path);
  // A scalar's text (any scalar: numbers and booleans keep their text); an
  // error for collections.
  std::optional<std::string> String(const YamlNode* node, const std::string& path);
  // A plain boolean (YAML 1.2 core plus the YAML 1.1 forms kubectl's decoder
  // accepts: yes/no/on/off/y/n); a quoted string or anything else is an error.
  std::optional<bool> Bool(const YamlNode* node, const std::string& path);
  // A plain integer; a quoted string, a float or anything else is an error.
  // When `min`/`max` are given, values outside them are errors too.
  std::optional<std::int64_t> Int(const YamlNode* node, const std::string& path,
                                  std::int64_t min = std::numeric_limits<std::int64_t>::min(),
                                  std::int64_t max = std::numeric_limits<std::int64_t>::max());
  // A map of scalar keys to scalar values (labels, annotations, matchLabels).
  std::map<std::string, std::string> StringMap(const YamlNode* node, const std::string& path);

 private:
  std::string file_;
  std::string display_;
  std::vector<model::ParseError>* errors_;
};

// A short description of a node for messages: `"abc"` (quoted, truncated) or `a
// mapping`.
std::string Describe(const YamlNode& node);

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
