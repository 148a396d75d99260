// SPDX-License-Identifier: Apache-2.0
#include "rules/catalog.h"

#include <functional>
#include <tuple>
#include <unordered_set>

namespace drydock::rules {

const rules::Registry& Catalog() {
  static const rules::Registry registry = [] {
    rules::Registry r;
    RegisterHygieneRules(r);
    RegisterBaseRules(r);
    RegisterUserRules(r);
    RegisterVulnRules(r);
    RegisterSupplyRules(r);
    RegisterFsRules(r);
    RegisterSecretRules(r);
    RegisterLimitsRules(r);
    RegisterPrivilegeRules(r);
    RegisterBuildRules(r);
    return r;
  }();
  return registry;
}

void RunBuildRule(const rules::Rule& rule, const model::BuildSpec& spec,
                  const detail::BuildFacts& facts, const core::RuleSettings& settings,
                  core::Findings& out) {
  if (!rule.build) return;
  core::Reporter reporter(rule.info, settings, out);
  rule.build(spec, facts, reporter);
}

void RunBuildRule(const rules::Rule& rule, const model::BuildSpec& spec,
                  const core::RuleSettings& settings, core::Findings& out) {
  const detail::BuildFacts facts(spec);
  RunBuildRule(rule, spec, facts, settings, out);
}

core::Findings CheckBuild(const model::BuildSpec& spec, const core::RuleSettings& settings,
                          const std::set<std::string>& skip) {
  core::Findings out;
  const detail::BuildFacts facts(spec);
  for (const auto& rule : Catalog().rules()) {
    if (skip.empty() || skip.count(std::string(rule.info.id)) == 0) {
      RunBuildRule(rule, spec, facts, settings, out);
    }
  }
  return out;
}

void RunImageRule(const rules::Rule& rule, const model::ImageSpec& spec,
                  const core::RuleSettings& settings, core::Findings& out) {
  if (!rule.image) return;
  core::Reporter reporter(rule.info, settings, out);
  rule.image(spec, reporter);
}

core::Findings CheckImage(const model::ImageSpec& spec, const core::RuleSettings& settings,
                          const std::set<std::string>& skip) {
  core::Findings out;
  for (const auto& rule : Catalog().rules()) {
    if (!skip.empty() && skip.count(std::string(rule.info.id)) != 0) continue;
    RunImageRule(rule, spec, settings, out);
  }
  return out;
}

void RunRunRule(const rules::Rule& rule, const model::RunSpec& spec,
                const core::RuleSettings& settings, core::Findings& out) {
  if (!rule.run) return;
  core::Reporter reporter(rule.info, settings, out);
  rule.run(spec, reporter);
}

void RunClusterRule(const rules::Rule& rule, const model::RunSet& set,
                    const core::RuleSettings& settings, core::Findings& out) {
  if (!rule.cluster) return;
  core::Reporter reporter(rule.info, settings, out);
  rule.cluster(set, reporter);
}

namespace {

bool SameFinding(const core::Finding& a, const core::Finding& b) {
  return a.rule == b.rule &&
         std::tie(a.location.file, a.location.line, a.location.column, a.location.path,
                  a.message) ==
             std::tie(b.location.file, b.location.line, b.location.column, b.location.path,
                      b.message);
}

// Hash of what SameFinding compares.
std::size_t FindingHash(const core::Finding& f) {
  std::size_t h = std::hash<std::string>{}(f.location.file);
  auto mix = [&h](std::size_t v) { h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2); };
  mix(std::hash<int>{}(f.location.line));
  mix(std::hash<int>{}(f.location.column));
  mix(std::hash<std::string>{}(f.location.path));
  mix(std::hash<std::string>{}(f.message));
  mix(std::hash<const void*>{}(f.rule));
  return h;
}

}  // namespace

core::Findings CheckRuns(const model::RunSet& set, const core::RuleSettings& settings,
                         const std::set<std::string>& skip, std::vector<int>* producers) {
  core::Findings out;
  // Indices into `out` of the current rule's findings, hashed by what SameFinding compares: each
  // new finding is checked in constant expected time, so a run over n containers stays linear.
  auto hash = [&out](std::size_t i) { return FindingHash(out[i]); };
  auto equal = [&out](std::size_t a, std::size_t b) { return SameFinding(out[a], out[b]); };
  std::unordered_set<std::size_t, decltype(hash), decltype(equal)> seen(16, hash, equal);
  core::Findings one;
  for (const auto& rule : Catalog().rules()) {
    if (!skip.empty() && skip.count(std::string(rule.info.id)) != 0) continue;
    seen.clear();
    for (std::size_t r = 0; r < set.runs.size(); ++r) {
      one.clear();
      RunRunRule(rule, set.runs[r], settings, one);
      for (auto& f : one) {
        out.push_back(std::move(f));
        if (!seen.insert(out.size() - 1).second) {
          out.pop_back();
          continue;
        }
        if (producers != nullptr) producers->push_back(static_cast<int>(r));
      }
    }
    const std::size_t before = out.size();
    RunClusterRule(rule, set, settings, out);
    if (producers != nullptr) producers->resize(producers->size() + (out.size() - before), -1);
  }
  return out;
}

}  // namespace drydock::rules
