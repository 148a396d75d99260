// SPDX-License-Identifier: Apache-2.0
#include "audit/detail/targets.h"

#include <algorithm>
#include <utility>

namespace drydock::audit::detail {

std::size_t TargetBook::New(std::string kind, std::string name, std::string file,
                            core::Origin origin) {
  Target t;
  t.kind = std::move(kind);
  t.name = std::move(name);
  t.file = std::move(file);
  t.origin = std::move(origin);
  targets_.push_back(std::move(t));
  return targets_.size() - 1;
}

std::shared_ptr<const RuleCoverage> TargetBook::Build(std::uint8_t reads, const Applies& applies) {
  auto coverage = std::make_shared<RuleCoverage>();
  for (const rules::Rule& rule : registry_.rules()) {
    if ((rule.info.reads & reads) == 0) continue;
    std::optional<std::string> reason = applies(rule.info.id);
    if (!reason) continue;
    if (disabled_.count(std::string(rule.info.id)) != 0) reason = "disabled by policy";
    if (reason->empty()) {
      coverage->evaluated.push_back(rule.info.id);
    } else {
      coverage->skipped.push_back({rule.info.id, std::move(*reason)});
    }
  }
  return coverage;
}

std::shared_ptr<const RuleCoverage> TargetBook::Coverage(std::uint8_t reads) {
  auto& shared = coverage_[reads];
  if (!shared) shared = Build(reads, [](std::string_view) { return std::string(); });
  return shared;
}

std::size_t TargetBook::AddFile(const std::string& kind, const std::string& path,
                                std::uint8_t reads) {
  const std::size_t t = New(kind, path, path, core::FileOrigin(path));
  targets_[t].rules = Coverage(reads);
  return t;
}

std::size_t TargetBook::AddSbom(const std::string& path) {
  const std::size_t t = New("sbom", path, path, core::FileOrigin(path));
  if (!sbom_coverage_) {
    sbom_coverage_ = Build(core::kReadsImage, [](std::string_view id) {
      return id == "DD301" || id == "DD302"
                 ? std::string()
                 : std::string("not applicable: an SBOM lists packages, not a filesystem");
    });
  }
  targets_[t].rules = sbom_coverage_;
  return t;
}

std::size_t TargetBook::AddSecrets(const std::string& path) {
  const std::size_t t = New("secrets", path, path, core::FileOrigin(path));
  if (!secrets_coverage_) {  // a tree scan runs DD603 only; no other image rule is listed
    secrets_coverage_ = Build(core::kReadsImage, [](std::string_view id) {
      return id == "DD603" ? std::optional<std::string>("") : std::nullopt;
    });
  }
  targets_[t].rules = secrets_coverage_;
  return t;
}

void TargetBook::Skip(std::size_t t, const std::vector<std::string>& rules,
                      const std::string& reason) {
  auto copy = std::make_shared<RuleCoverage>(*targets_[t].rules);
  for (const std::string& id : rules) {
    auto it = std::find(copy->evaluated.begin(), copy->evaluated.end(), id);
    if (it == copy->evaluated.end()) continue;
    copy->skipped.push_back({*it, reason});
    copy->evaluated.erase(it);
  }
  targets_[t].rules = std::move(copy);
}

void TargetBook::AddRunSet(const model::RunSet& set, const std::string& path,
                           const std::string& kind, std::size_t runs_before,
                           std::size_t workloads_before) {
  const std::size_t file_target = New(kind, path, path, core::FileOrigin(path));
  targets_[file_target].rules = Coverage(core::kReadsCluster);
  file_target_.emplace(path, file_target);
  const bool kubernetes = kind == "kubernetes" || kind == "admission";
  const std::string unit_kind = kubernetes ? "workload" : kind == "compose" ? "service" : "run";
  run_target_.resize(runs_before + set.runs.size(), file_target);
  workload_target_.resize(workloads_before + set.cluster.workloads.size(), file_target);
  std::map<std::string, std::size_t> units;  // a workload's or service's name, or a line
  for (std::size_t i = 0; i < set.runs.size(); ++i) {
    const model::RunSpec& run = set.runs[i];
    const model::Workload* workload =
        run.workload_index >= 0 &&
                static_cast<std::size_t>(run.workload_index) < set.cluster.workloads.size()
            ? &set.cluster.workloads[static_cast<std::size_t>(run.workload_index)]
            : nullptr;
    const std::string key = workload != nullptr  ? "w" + std::to_string(run.workload_index)
                            : unit_kind == "run" ? "l" + std::to_string(run.origin.line)
                                                 : "s" + run.workload;
    auto [it, added] = units.emplace(key, 0);
    if (added) {
      const core::Origin& where = workload != nullptr ? workload->origin : run.origin;
      it->second = New(unit_kind, workload != nullptr ? workload->DisplayName() : run.workload,
                       run.file.empty() ? path : run.file, where);
      targets_[it->second].rules = Coverage(core::kReadsRun | core::kReadsCluster);
      defined_at_.emplace(std::make_tuple(where.file, where.line, where.column), it->second);
      if (workload != nullptr) {
        workload_target_[workloads_before + static_cast<std::size_t>(run.workload_index)] =
            it->second;
      }
    }
    run_target_[runs_before + i] = it->second;
  }
}

std::size_t TargetBook::RunTargetOf(const core::Finding& finding, int producer) const {
  if (producer >= 0 && static_cast<std::size_t>(producer) < run_target_.size()) {
    return run_target_[static_cast<std::size_t>(producer)];
  }
  const core::Origin& at = finding.location;
  if (auto it = defined_at_.find({at.file, at.line, at.column}); it != defined_at_.end()) {
    return it->second;
  }
  if (auto it = file_target_.find(at.file); it != file_target_.end()) return it->second;
  return kUnattributed;
}

void TargetBook::SetPss(int workload_index, std::size_t pss) {
  if (workload_index < 0 || static_cast<std::size_t>(workload_index) >= workload_target_.size()) {
    return;
  }
  targets_[workload_target_[static_cast<std::size_t>(workload_index)]].pss = pss;
}

std::size_t TargetBook::TreeTargetOf(const std::vector<std::size_t>& trees,
                                     const std::vector<std::filesystem::path>& roots,
                                     const core::Finding& finding) const {
  for (std::size_t i = 0; i < roots.size() && i < trees.size(); ++i) {
    const std::string root = roots[i].string();
    if (finding.location.file == root ||
        (finding.location.file.starts_with(root) &&
         (root.ends_with('/') || finding.location.file[root.size()] == '/'))) {
      return trees[i];
    }
  }
  return kUnattributed;
}

std::vector<Target> TargetBook::Take(const core::Findings& findings,
                                     const core::Diagnostics& diagnostics) {
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const std::int32_t t = findings[i].target;
    if (t >= 0 && static_cast<std::size_t>(t) < targets_.size()) {
      targets_[static_cast<std::size_t>(t)].findings.push_back(i);
    }
  }
  std::map<std::string, std::vector<std::size_t>> by_file;  // file-level targets only
  for (std::size_t t = 0; t < targets_.size(); ++t) {
    if (targets_[t].name == targets_[t].file) by_file[targets_[t].file].push_back(t);
  }
  for (const core::Diagnostic& d : diagnostics) {
    auto it = by_file.find(d.where.file);
    if (it == by_file.end()) continue;
    for (std::size_t t : it->second) targets_[t].notices.push_back(d);
  }
  return std::move(targets_);
}

}  // namespace drydock::audit::detail

namespace drydock::audit {

bool RuleCoverage::Evaluated(std::string_view id) const {
  return std::find(evaluated.begin(), evaluated.end(), id) != evaluated.end();
}

}  // namespace drydock::audit
