// SPDX-License-Identifier: Apache-2.0
// The rule catalog: every rule drydock knows, registered explicitly per area (no static
// self-registration the linker could drop), and the entry points that run them over a model.
#pragma once

#include <set>
#include <string>

#include "model/build_spec.h"
#include "model/cluster.h"
#include "model/image_spec.h"
#include "model/run_spec.h"
#include "rules/detail/build_facts.h"
#include "rules/rule.h"

namespace drydock::rules {

// The process-wide registry, built on first use; immutable afterwards, safe to share.
const rules::Registry& Catalog();

// One function per area file (src/rules/<area>.cpp).
void RegisterHygieneRules(rules::Registry& registry);    // DD0xx  hygiene.cpp
void RegisterLabelRules(rules::Registry& registry);      // DD05x  labels.cpp
void RegisterBaseRules(rules::Registry& registry);       // DD1xx  base.cpp
void RegisterUserRules(rules::Registry& registry);       // DD2xx  user.cpp
void RegisterVulnRules(rules::Registry& registry);       // DD3xx  vuln.cpp
void RegisterSupplyRules(rules::Registry& registry);     // DD4xx  supply.cpp
void RegisterFsRules(rules::Registry& registry);         // DD5xx  fs.cpp
void RegisterSecretRules(rules::Registry& registry);     // DD6xx  secret.cpp
void RegisterLimitsRules(rules::Registry& registry);     // DD7xx  limits.cpp
void RegisterPrivilegeRules(rules::Registry& registry);  // DD8xx  privilege.cpp
void RegisterBuildRules(rules::Registry& registry);      // DD9xx  build.cpp
// DD030–DD049 (hadolint's instruction checks), in instructions.cpp; registered after hygiene.
void RegisterInstructionRules(rules::Registry& registry);

// Runs one rule's build check (if it has one) and appends its findings to `out`.
void RunBuildRule(const rules::Rule& rule, const model::BuildSpec& spec,
                  const core::RuleSettings& settings, core::Findings& out);
// The same with the derived views shared by the rules of one run: callers that run several rules
// over one spec build one `detail::BuildFacts facts(spec)` and pass it to each (contract: built
// for `spec`). The overload above builds a fresh one per call.
void RunBuildRule(const rules::Rule& rule, const model::BuildSpec& spec,
                  const detail::BuildFacts& facts, const core::RuleSettings& settings,
                  core::Findings& out);

// Runs every build rule of the catalog over `spec`, except those whose id is in `skip` (rules a
// policy disables), sharing one BuildFacts between them.
core::Findings CheckBuild(const model::BuildSpec& spec, const core::RuleSettings& settings,
                          const std::set<std::string>& skip = {});

// Runs one rule's image check (if it has one) over one image.
void RunImageRule(const rules::Rule& rule, const model::ImageSpec& spec,
                  const core::RuleSettings& settings, core::Findings& out);
// Runs every image check of the catalog over `spec`, except the rules in `skip`.
core::Findings CheckImage(const model::ImageSpec& spec, const core::RuleSettings& settings,
                          const std::set<std::string>& skip = {});

// Runs one rule's run check (if it has one) over one container.
void RunRunRule(const rules::Rule& rule, const model::RunSpec& spec,
                const core::RuleSettings& settings, core::Findings& out);
// Runs one rule's cluster check (if it has one) over everything seen together.
void RunClusterRule(const rules::Rule& rule, const model::RunSet& set,
                    const core::RuleSettings& settings, core::Findings& out);

// Runs every run check over every RunSpec of `set` and every cluster check once over the whole
// set, except the rules in `skip`. Identical findings (same rule, location and message, e.g. a
// pod-level setting reported for each of a pod's containers) are reported once, the first
// occurrence kept. With `producers`, it receives one entry per returned finding: the index into
// set.runs of the RunSpec whose run check reported it, or -1 for a cluster check.
core::Findings CheckRuns(const model::RunSet& set, const core::RuleSettings& settings,
                         const std::set<std::string>& skip = {},
                         std::vector<int>* producers = nullptr);

}  // namespace drydock::rules
