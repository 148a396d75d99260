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

void TargetBook::Evaluate(std::size_t t, std::string_view rule) {
  if (disabled_.count(std::string(rule)) != 0) {
    targets_[t].rules_skipped.push_back({std::string(rule), "disabled by policy"});
  } else {
    targets_[t].rules_evaluated.emplace_back(rule);
  }
}

void TargetBook::Evaluate(std::size_t t, std::uint8_t reads) {
  for (const rules::Rule& rule : registry_.rules()) {
    if ((rule.info.reads & reads) != 0) Evaluate(t, rule.info.id);
  }
}

std::size_t TargetBook::AddFile(const std::string& kind, const std::string& path,
                                std::uint8_t reads) {
  const std::size_t t = New(kind, path, path, core::FileOrigin(path));
  Evaluate(t, reads);
  return t;
}

std::size_t TargetBook::AddSbom(const std::string& path) {
  const std::size_t t = New("sbom", path, path, core::FileOrigin(path));
  for (const rules::Rule& rule : registry_.rules()) {
    if ((rule.info.reads & core::kReadsImage) == 0) continue;
    if (rule.info.id == "DD301" || rule.info.id == "DD302") {
      Evaluate(t, rule.info.id);
    } else {
      targets_[t].rules_skipped.push_back(
          {std::string(rule.info.id), "not applicable: an SBOM lists packages, not a filesystem"});
    }
  }
  return t;
}

std::size_t TargetBook::AddSecrets(const std::string& path) {
  const std::size_t t = New("secrets", path, path, core::FileOrigin(path));
  Evaluate(t, "DD603");
  return t;
}

void TargetBook::Skip(std::size_t t, const std::vector<std::string>& rules,
                      const std::string& reason) {
  Target& target = targets_[t];
  for (const std::string& id : rules) {
    auto it = std::find(target.rules_evaluated.begin(), target.rules_evaluated.end(), id);
    if (it == target.rules_evaluated.end()) continue;
    target.rules_evaluated.erase(it);
    target.rules_skipped.push_back({id, reason});
  }
}

void TargetBook::AddRunSet(const model::RunSet& set, const std::string& path,
                           const std::string& kind, std::size_t runs_before,
                           std::size_t workloads_before) {
  const std::size_t file_target = New(kind, path, path, core::FileOrigin(path));
  Evaluate(file_target, core::kReadsCluster);
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
    const std::string key = workload != nullptr ? "w" + std::to_string(run.workload_index)
                            : unit_kind == "run" ? "l" + std::to_string(run.origin.line)
                                                 : "s" + run.workload;
    auto [it, added] = units.emplace(key, 0);
    if (added) {
      const core::Origin& where = workload != nullptr ? workload->origin : run.origin;
      it->second = New(unit_kind, workload != nullptr ? workload->DisplayName() : run.workload,
                       run.file.empty() ? path : run.file, where);
      Evaluate(it->second, core::kReadsRun | core::kReadsCluster);
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
  return file_target_.empty() ? 0 : file_target_.begin()->second;
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
  return trees.empty() ? 0 : trees.front();
}

std::vector<Target> TargetBook::Take(const core::Findings& findings,
                                     const core::Diagnostics& diagnostics) {
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const std::int32_t t = findings[i].target;
    if (t >= 0 && static_cast<std::size_t>(t) < targets_.size()) targets_[t].findings.push_back(i);
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
