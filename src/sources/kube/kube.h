// SPDX-License-Identifier: Apache-2.0
// The Kubernetes adapter: manifest streams → RunSpec per container + the Cluster's workloads and
// NetworkPolicies. Reads Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet,
// ReplicationController, Job, CronJob, PodTemplate and `List` kinds (FORMATS.md §4); containers,
// initContainers and ephemeralContainers; pod- and container-level securityContext merged the
// way the kubelet does (container wins); volumes and mounts; env/envFrom; resources (quantities
// parsed to bytes / cores); host namespaces; automountServiceAccountToken; images.
//
// Each RunSpec field keeps its YAML origin and a context path
// ("Deployment/shop/api spec.template.spec.containers[0].securityContext.privileged").
// Documents that are not workloads or NetworkPolicies are skipped quietly. A document whose
// shape is wrong where we read it (containers not a list, a quantity that does not parse) becomes
// a ParseError (DD001) at that node; the other documents still load.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/cluster.h"
#include "yaml/yaml.h"

namespace drydock::sources::kube {

// True when a document is a Kubernetes object: a mapping with scalar `apiVersion` and `kind`.
bool IsKubernetesObject(const yaml::YamlNode& doc);

// Converts parsed documents of `file` (display name used in origins).
model::RunSet FromDocuments(const std::vector<yaml::YamlDocument>& docs, std::string_view file);

// Parses a manifest stream; YAML errors become ParseErrors (DD001) in the result.
model::RunSet ParseManifests(std::string_view text, std::string_view file);

// Reads `fs_path` (bounded by yaml::StreamLimits::max_bytes) and parses it; `file` is the
// display name. A read error becomes a ParseError.
model::RunSet ParseManifestFile(const std::string& fs_path, std::string_view file);

// Parses a Kubernetes quantity ("128Mi", "1G", "500m", "2", "1e3") into a value in base units
// (bytes for memory, cores for CPU). Nullopt when malformed or out of range.
std::optional<double> ParseQuantity(std::string_view text);

}  // namespace drydock::sources::kube
