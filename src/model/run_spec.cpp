// SPDX-License-Identifier: Apache-2.0
#include "model/run_spec.h"

#include <algorithm>
#include <iterator>
#include <utility>
#include <vector>

#include "core/strings.h"
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
    bool listed =
        present && std::find(req.values.begin(), req.values.end(), it->second) != req.values.end();
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

namespace {

// Moves the elements of `from` to the end of `to`; takes the whole buffer when `to` is empty (the
// first input of a scan), so that a large set is not held twice while it is copied over.
template <class T>
void MoveAppend(std::vector<T>& to, std::vector<T>& from) {
  if (to.empty()) {
    to = std::move(from);
    return;
  }
  to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

}  // namespace

void RunSet::Append(RunSet other) {
  const int shift = static_cast<int>(cluster.workloads.size());
  for (auto& run : other.runs) {
    if (run.workload_index >= 0) run.workload_index += shift;
  }
  MoveAppend(runs, other.runs);
  MoveAppend(cluster.workloads, other.cluster.workloads);
  MoveAppend(cluster.policies, other.cluster.policies);
  MoveAppend(cluster.labeled_objects, other.cluster.labeled_objects);
  MoveAppend(errors, other.errors);
}

std::string NormaliseCapability(std::string_view name) {
  std::string out = core::Upper(name);
  if (out.starts_with("CAP_")) out.erase(0, 4);
  return out;
}

bool IsBaselineCapability(std::string_view name) {
  return std::find(kBaselineCapabilities.begin(), kBaselineCapabilities.end(), name) !=
         kBaselineCapabilities.end();
}

}  // namespace drydock::model
