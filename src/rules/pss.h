// SPDX-License-Identifier: Apache-2.0
// Pod Security Standards (FORMATS.md §4): which level each Kubernetes workload meets, with the
// reasons it misses the next one. Pure function of the model, like the rules; `drydock k8s --pss`
// prints it.
#pragma once

#include <string>
#include <vector>

#include "core/origin.h"
#include "model/cluster.h"

namespace drydock::rules {

enum class PssLevel { kPrivileged, kBaseline, kRestricted };

// "privileged", "baseline", "restricted".
const char* PssLevelName(PssLevel level);

struct PssViolation {
  PssLevel level;       // the level this check belongs to (kBaseline or kRestricted)
  std::string control;  // the PSS control name, e.g. "Host Namespaces", "Capabilities"
  std::string message;  // what is wrong, e.g. "hostNetwork: true"
  core::Origin origin;
};

struct PssResult {
  int workload_index = -1;                 // into RunSet::cluster.workloads
  std::string workload;                    // display name, "Deployment/shop/api"
  PssLevel level = PssLevel::kPrivileged;  // the highest level every check of which passes
  std::vector<PssViolation> violations;    // every failed baseline and restricted check
};

// Evaluates every workload of `set` (containers, init and ephemeral containers, pod fields).
std::vector<PssResult> EvaluatePss(const model::RunSet& set);

}  // namespace drydock::rules
