// SPDX-License-Identifier: Apache-2.0
#include "rules/catalog.h"

#include <cstddef>
#include <functional>
#include <string_view>
#include <tuple>
#include <unordered_set>

namespace drydock::rules {

const rules::Registry& Catalog() {
  static const rules::Registry registry = [] {
    rules::Registry r;
    RegisterHygieneRules(r);
    RegisterInstructionRules(r);
    RegisterLabelRules(r);
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
  const std::size_t first = out.size();
  rule.build(spec, facts, reporter);
  // ONBUILD: the wrapped instruction is judged like the same instruction in place, and reported
  // at the ONBUILD line, unless the plain run already said the same there.
  const detail::BuildFacts* triggered = facts.Triggered();
  if (triggered == nullptr) return;
  core::Findings found;
  core::Reporter trigger_reporter(rule.info, settings, found);
  rule.build(triggered->spec(), *triggered, trigger_reporter);
  for (core::Finding& f : found) {
    if (f.location.file != spec.file || !triggered->IsTriggerLine(f.location.line)) continue;
    bool seen = false;
    for (std::size_t i = first; i < out.size() && !seen; ++i) {
      seen = out[i].location.line == f.location.line && out[i].message == f.message;
    }
    if (seen) continue;
    f.message += " (ONBUILD: this runs in every image built FROM this one)";
    out.push_back(std::move(f));
  }
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

// Identity of a run finding for de-duplication: rule, file, line, column, context path and
// message (severity and attachments are not compared; the first occurrence is kept). The set
// holds indexes into the findings vector, so it stays valid when the vector grows.
class SeenFindings {
 public:
  explicit SeenFindings(const core::Findings& findings)
      : set_(64, Hash{&findings}, Equal{&findings}) {}

  // True when findings[i] is the first of its identity (it is remembered), false when an earlier
  // one is the same.
  bool Insert(std::size_t i) { return set_.insert(i).second; }
  void Clear() {
    if (!set_.empty()) set_.clear();  // clear() zeroes every bucket, even of an empty set
  }

 private:
  struct Hash {
    const core::Findings* findings;
    std::size_t operator()(std::size_t i) const {
      const core::Finding& f = (*findings)[i];
      std::size_t h = std::hash<const void*>{}(f.rule);
      auto mix = [&h](std::size_t v) { h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2); };
      mix(std::hash<std::string_view>{}(f.location.file));
      mix(std::hash<int>{}(f.location.line));
      mix(std::hash<int>{}(f.location.column));
      mix(std::hash<std::string_view>{}(f.location.path));
      mix(std::hash<std::string_view>{}(f.message));
      return h;
    }
  };
  struct Equal {
    const core::Findings* findings;
    bool operator()(std::size_t i, std::size_t j) const {
      const core::Finding& a = (*findings)[i];
      const core::Finding& b = (*findings)[j];
      return a.rule == b.rule &&
             std::tie(a.location.file, a.location.line, a.location.column, a.location.path,
                      a.message) == std::tie(b.location.file, b.location.line, b.location.column,
                                             b.location.path, b.message);
    }
  };
  std::unordered_set<std::size_t, Hash, Equal> set_;
};

}  // namespace

core::Findings CheckRuns(const model::RunSet& set, const core::RuleSettings& settings,
                         const std::set<std::string>& skip, std::vector<int>* producers) {
  core::Findings out;
  SeenFindings seen(out);
  core::Findings one;
  for (const auto& rule : Catalog().rules()) {
    if (!skip.empty() && skip.count(std::string(rule.info.id)) != 0) continue;
    seen.Clear();  // run findings are compared within one rule only
    for (std::size_t r = 0; r < set.runs.size(); ++r) {
      one.clear();
      RunRunRule(rule, set.runs[r], settings, one);
      for (auto& f : one) {
        out.push_back(std::move(f));
        if (!seen.Insert(out.size() - 1)) {
          out.pop_back();
        } else if (producers != nullptr) {
          producers->push_back(static_cast<int>(r));
        }
      }
    }
    const std::size_t before = out.size();
    RunClusterRule(rule, set, settings, out);
    if (producers != nullptr) producers->resize(producers->size() + (out.size() - before), -1);
  }
  return out;
}

}  // namespace drydock::rules
