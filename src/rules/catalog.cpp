// SPDX-License-Identifier: Apache-2.0
#include "rules/catalog.h"

namespace drydock::rules {

const core::Registry& Catalog() {
  static const core::Registry registry = [] {
    core::Registry r;
    RegisterHygieneRules(r);
    RegisterBaseRules(r);
    RegisterUserRules(r);
    RegisterSupplyRules(r);
    RegisterSecretRules(r);
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

}  // namespace drydock::rules
