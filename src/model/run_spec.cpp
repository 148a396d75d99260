// SPDX-License-Identifier: Apache-2.0
#include "model/run_spec.h"

#include <algorithm>

#include "model/cluster.h"

namespace drydock::model {

const char* RunKindName(RunKind kind) {
  switch (kind) {
    case RunKind::kKubernetes:
      return "kubernetes";
    case RunKind::kCompose:
      return "compose";
    case RunKind::kDockerRun:
      return "docker-run";
  }
  return "unknown";
}

bool LabelSelector::Matches(const std::map<std::string, std::string>& labels) const {
  for (const auto& [key, value] : match_labels) {
    auto it = labels.find(key);
    if (it == labels.end() || it->second != value) return false;
  }
  for (const auto& req : match_expressions) {
    auto it = labels.find(req.key);
    bool present = it != labels.end();
    bool listed = present && std::find(req.values.begin(), req.values.end(), it->second) !=
                                 req.values.end();
    if (req.op == "In") {
      if (!listed) return false;
    } else if (req.op == "NotIn") {
      if (listed) return false;
    } else if (req.op == "Exists") {
      if (!present) return false;
    } else if (req.op == "DoesNotExist") {
      if (present) return false;
    } else {
      return false;  // an unknown operator: the API server rejects it; match nothing
    }
  }
  return true;
}

std::string Workload::DisplayName() const {
  if (namespace_.empty()) return kind + "/" + name;
  return kind + "/" + namespace_ + "/" + name;
}

void RunSet::Append(RunSet other) {
  const int shift = static_cast<int>(cluster.workloads.size());
  for (auto& run : other.runs) {
    if (run.workload_index >= 0) run.workload_index += shift;
    runs.push_back(std::move(run));
  }
  for (auto& w : other.cluster.workloads) cluster.workloads.push_back(std::move(w));
  for (auto& p : other.cluster.policies) cluster.policies.push_back(std::move(p));
  for (auto& o : other.cluster.labeled_objects) cluster.labeled_objects.push_back(std::move(o));
  for (auto& e : other.errors) errors.push_back(std::move(e));
}

}  // namespace drydock::model
