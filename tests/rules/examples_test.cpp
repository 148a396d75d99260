// SPDX-License-Identifier: Apache-2.0
// The generic rule test: every example of every rule in the catalog is parsed and run through
// that rule alone. A firing example must produce at least one finding of the rule, every one of
// them with the severity the example states (and one at the line it states, if any); a silent
// example none. One CTest case per example, named after the rule id.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "feed_check.h"
#include "rule_check.h"
#include "rules/catalog.h"
#include "sources/dockerfile/parser.h"

namespace drydock::rules {
namespace {

struct Case {
  const rules::Rule* rule = nullptr;
  std::size_t index = 0;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.rule->info.id << " example " << c.index; }

std::vector<Case> AllCases() {
  std::vector<Case> cases;
  for (const auto& rule : Catalog().rules()) {
    for (std::size_t i = 0; i < rule.info.examples.size(); ++i) cases.push_back({&rule, i});
  }
  return cases;
}

std::string CaseName(const ::testing::TestParamInfo<Case>& info) {
  const auto& ex = info.param.rule->info.examples[info.param.index];
  return std::string(info.param.rule->info.id) + (ex.fires ? "_fires_" : "_silent_") +
         std::to_string(info.param.index);
}

std::string Describe(const core::Findings& findings) {
  std::string out;
  for (const auto& f : findings) {
    out += "  " + f.location.ToString() + " " + std::string(core::SeverityInfo(f.severity).name) +
           " " + f.message + "\n";
  }
  return out.empty() ? "  (none)\n" : out;
}

class RuleExample : public ::testing::TestWithParam<Case> {};

TEST_P(RuleExample, FiresOrStaysSilent) {
  const rules::Rule& rule = *GetParam().rule;
  const core::Example& ex = rule.info.examples[GetParam().index];
  const core::RuleSettings settings = ex.settings ? *ex.settings : core::RuleSettings{};
  core::Findings all;
  if (ex.kind == core::ExampleKind::kDockerfile) {
    ASSERT_TRUE(rule.build) << rule.info.id << " has a Dockerfile example but no build check";
    sources::dockerfile::ParseOptions options;
    model::BuildSpec spec = sources::dockerfile::Parse(ex.input, options);
    if (rule.info.id != "DD001") {
      // An example that does not parse would test the parser's recovery, not the rule.
      EXPECT_TRUE(spec.errors.empty()) << "example does not parse: " << spec.errors.front().message;
    }
    RunBuildRule(rule, spec, settings, all);
  } else if (ex.kind == core::ExampleKind::kImage) {
    ASSERT_TRUE(rule.image) << rule.info.id << " has an image example but no image check";
    model::ImageSpec spec = testing::ReadSketch(ex.input);
    if (!ex.feed.empty()) testing::EnrichWithFeed(spec, ex.feed);
    if (rule.info.id != "DD001") {
      EXPECT_TRUE(spec.errors.empty())
          << "example does not read cleanly: " << spec.errors.front().message;
    }
    RunImageRule(rule, spec, settings, all);
  } else {
    ASSERT_TRUE(rule.run || rule.cluster) << rule.info.id
                                          << " has a run-side example but no "
                                             "run or cluster check";
    model::RunSet set = testing::ParseRun(ex.kind, ex.input);
    if (rule.info.id != "DD001") {
      EXPECT_TRUE(set.errors.empty()) << "example does not parse: " << set.errors.front().message;
      EXPECT_FALSE(set.runs.empty() && set.cluster.empty()) << "example yields no container";
    }
    all = testing::CheckRunSet(rule.info.id, set, settings);
  }
  std::size_t hits = 0;
  for (const auto& f : all) {
    EXPECT_EQ(f.rule, &rule.info);
    hits += f.rule != nullptr && f.rule->id == rule.info.id;
  }
  if (ex.fires) {
    EXPECT_GE(hits, 1u) << rule.info.id << " should fire on:\n" << ex.input;
    ASSERT_TRUE(ex.severity.has_value())
        << rule.info.id << " example " << GetParam().index << " fires but states no .severity";
    bool at_line = ex.line == 0;
    for (const auto& f : all) {
      if (f.rule == nullptr || f.rule->id != rule.info.id) continue;
      EXPECT_EQ(core::SeverityInfo(f.severity).name, core::SeverityInfo(*ex.severity).name)
          << rule.info.id << " example " << GetParam().index << " states another severity than "
          << f.location.ToString() << " " << f.message;
      at_line = at_line || f.location.line == ex.line;
    }
    EXPECT_TRUE(at_line) << rule.info.id << " should report at line " << ex.line << " of:\n"
                         << ex.input << "but reported:\n"
                         << Describe(all);
  } else {
    EXPECT_FALSE(ex.severity.has_value()) << "a silent example states no severity";
    EXPECT_EQ(ex.line, 0) << "a silent example states no line";
    EXPECT_EQ(hits, 0u) << rule.info.id << " should stay silent on:\n"
                        << ex.input << "but reported:\n"
                        << Describe(all);
  }
}

INSTANTIATE_TEST_SUITE_P(Catalog, RuleExample, ::testing::ValuesIn(AllCases()), CaseName);

}  // namespace
}  // namespace drydock::rules
