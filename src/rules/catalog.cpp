// SPDX-License-Identifier: Apache-2.0
#include "rules/catalog.h"

#include <tuple>

namespace drydock::rules {

const core::Registry& Catalog() {
  static const core::Registry registry = [] {
    core::Registry r;
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

void RunBuildRule(const core::Rule& rule, const model::BuildSpec& spec,
                  const detail::BuildFacts& facts, const core::RuleSettings& settings,
                  core::Findings& out) {
  if (!rule.build) return;
  core::Reporter reporter(rule.info, settings, out);
  rule.build(spec, facts, reporter);
}

void RunBuildRule(const core::Rule& rule, const model::BuildSpec& spec,
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

void RunImageRule(const core::Rule& rule, const model::ImageSpec& spec,
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

void RunRunRule(const core::Rule& rule, const model::RunSpec& spec,
                const core::RuleSettings& settings, core::Findings& out) {
  if (!rule.run) return;
  core::Reporter reporter(rule.info, settings, out);
  rule.run(spec, reporter);
}

void RunClusterRule(const core::Rule& rule, const model::RunSet& set,
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

}  // namespace

core::Findings CheckRuns(const model::RunSet& set, const core::RuleSettings& settings,
                         const std::set<std::string>& skip) {
  core::Findings out;
  for (const auto& rule : Catalog().rules()) {
    if (!skip.empty() && skip.count(std::string(rule.info.id)) != 0) continue;
    const std::size_t first = out.size();
    for (const auto& spec : set.runs) {
      core::Findings one;
      RunRunRule(rule, spec, settings, one);
      for (auto& f : one) {
        bool seen = false;
        for (std::size_t i = first; i < out.size() && !seen; ++i) seen = SameFinding(out[i], f);
        if (!seen) out.push_back(std::move(f));
      }
    }
    RunClusterRule(rule, set, settings, out);
  }
  return out;
}

}  // namespace drydock::rules
