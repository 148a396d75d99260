// SPDX-License-Identifier: Apache-2.0
// Cluster: the Kubernetes workloads and NetworkPolicies seen together in one scan, for rules that
// need more than one object (is this workload selected by any policy? does its namespace
// default-deny?). Built by merging the RunSets of every manifest of a scan, so a policy kept in
// another folder counts. Plain data, no parsing.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/origin.h"
#include "model/build_spec.h"  // ParseError
#include "model/run_spec.h"

namespace drydock::model {

// A label selector (matchLabels AND matchExpressions). An empty selector selects everything.
struct LabelSelector {
  struct Requirement {
    std::string key;
    std::string op;  // In, NotIn, Exists, DoesNotExist (as written; unknown ops match nothing)
    std::vector<std::string> values;
  };
  std::map<std::string, std::string> match_labels;
  std::vector<Requirement> match_expressions;

  // True when every matchLabels entry and every requirement holds for `labels`.
  bool Matches(const std::map<std::string, std::string>& labels) const;
  bool Empty() const { return match_labels.empty() && match_expressions.empty(); }
};

// A Kubernetes object that runs pods (Pod, Deployment, …, CronJob).
struct Workload {
  std::string kind;  // "Deployment"
  std::string name;
  std::string namespace_;  // as written; "" = the default namespace of the apply context
  std::map<std::string, std::string> pod_labels;  // pod template labels (Pod: metadata.labels)
  core::Origin origin;                            // the document (metadata.name where known)
  std::string file;

  // "Deployment/shop/api" (namespace omitted when empty: "Deployment/api").
  std::string DisplayName() const;
};

struct NetworkPolicy {
  std::string name;
  std::string namespace_;
  LabelSelector pod_selector;
  bool ingress = false;  // policyTypes include Ingress (after the defaulting in FORMATS.md §4)
  bool egress = false;   // policyTypes include Egress
  std::size_t ingress_rules = 0;  // number of ingress[] entries
  std::size_t egress_rules = 0;
  bool allows_all_ingress = false;  // an `ingress: [{}]`-style rule with no peers
  bool allows_all_egress = false;
  core::Origin origin;
  std::string file;

  // Default deny for a direction: selects every pod, has that policy type and no rules.
  bool DefaultDenyIngress() const { return pod_selector.Empty() && ingress && ingress_rules == 0; }
  bool DefaultDenyEgress() const { return pod_selector.Empty() && egress && egress_rules == 0; }
};

// Another object's label set (not a workload): a Service's selector, or the metadata labels of
// a custom resource whose pods an operator creates (a Prometheus, an Alertmanager). A
// NetworkPolicy that matches one is probably aimed at pods the scan cannot see, not dangling.
struct LabeledObject {
  std::string kind;
  std::string name;
  std::string namespace_;
  std::map<std::string, std::string> labels;
};

struct Cluster {
  std::vector<Workload> workloads;
  std::vector<NetworkPolicy> policies;
  std::vector<LabeledObject> labeled_objects;
  // Namespaces whose objects were seen (workloads or policies), as written.
  bool empty() const { return workloads.empty() && policies.empty(); }
};

// What an adapter yields for one input (a manifest stream, a compose file, a docker run line or a
// script): the containers, the Kubernetes objects for the Cluster, and the parse errors (DD001).
// Adapters never fail as a whole: a document that cannot be read becomes an error and the others
// still load.
struct RunSet {
  std::string file;
  std::vector<RunSpec> runs;
  Cluster cluster;  // workloads and policies (Kubernetes only); runs[i].workload_index points here
  std::vector<ParseError> errors;

  // Appends `other`, shifting its workload indexes.
  void Append(RunSet other);
};

}  // namespace drydock::model
