// SPDX-License-Identifier: Apache-2.0
// The per-target half of an audit Outcome: which targets a run has, which rules each evaluated or
// skipped and why, and which findings belong to which target. Used by audit.cpp only.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "audit/audit.h"
#include "model/cluster.h"

namespace drydock::audit::detail {

// A finding no target could be found for (Finding::target stays -1).
inline constexpr std::size_t kUnattributed = static_cast<std::size_t>(-1);

class TargetBook {
 public:
  TargetBook(const rules::Registry& registry, const std::set<std::string>& disabled)
      : registry_(registry), disabled_(disabled) {}

  // A file-level target (a Dockerfile, an image) evaluated by every enabled rule reading `reads`.
  std::size_t AddFile(const std::string& kind, const std::string& path, std::uint8_t reads);
  // An SBOM (DD301 and DD302; the other image rules are not applicable) and a secrets tree
  // (DD603).
  std::size_t AddSbom(const std::string& path);
  std::size_t AddSecrets(const std::string& path);
  // Moves `rules` of target `t` from evaluated to skipped, with `reason`.
  void Skip(std::size_t t, const std::vector<std::string>& rules, const std::string& reason);

  // A run-side input about to be appended to the run set `runs` (call before RunSet::Append): its
  // file-level target and one target per workload, compose service or `docker run` line.
  void AddRunSet(const model::RunSet& set, const std::string& path, const std::string& kind,
                 std::size_t runs_before, std::size_t workloads_before);
  // The target of a run-side finding: the unit whose RunSpec `producer` reported it; for cluster
  // checks (producer -1) the workload defined where the finding points, else its file's target;
  // kUnattributed when neither is known.
  std::size_t RunTargetOf(const core::Finding& finding, int producer) const;
  // Records the PSS result `pss` of cluster workload `workload_index`.
  void SetPss(int workload_index, std::size_t pss);
  // The target of a secret-tree hit: the tree whose root holds the file (or kUnattributed).
  std::size_t TreeTargetOf(const std::vector<std::size_t>& trees,
                           const std::vector<std::filesystem::path>& roots,
                           const core::Finding& finding) const;

  // The targets, with the indices of `findings` (final order) and the diagnostics that name a
  // target's file.
  std::vector<Target> Take(const core::Findings& findings, const core::Diagnostics& diagnostics);

 private:
  std::size_t New(std::string kind, std::string name, std::string file, core::Origin origin);
  // The shared coverage of every enabled rule reading `reads` (disabled ones skipped).
  std::shared_ptr<const RuleCoverage> Coverage(std::uint8_t reads);
  // Whether a rule applies to a kind of target: "" = evaluated; a text = skipped for that
  // reason; nullopt = not listed at all. A rule disabled by policy is skipped as such.
  using Applies = std::function<std::optional<std::string>(std::string_view id)>;
  // The coverage of the rules reading `reads`, as `applies` says.
  std::shared_ptr<const RuleCoverage> Build(std::uint8_t reads, const Applies& applies);

  const rules::Registry& registry_;
  const std::set<std::string>& disabled_;
  std::vector<Target> targets_;
  std::vector<std::size_t> run_target_;       // RunSet::runs index -> target
  std::vector<std::size_t> workload_target_;  // Cluster::workloads index -> target
  std::map<std::tuple<std::string, int, int>, std::size_t> defined_at_;  // unit origin -> target
  std::map<std::string, std::size_t> file_target_;  // run-side file -> its file-level target
  std::map<std::uint8_t, std::shared_ptr<const RuleCoverage>> coverage_;  // by reads mask
  std::shared_ptr<const RuleCoverage> sbom_coverage_, secrets_coverage_;
};

}  // namespace drydock::audit::detail
