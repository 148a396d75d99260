// SPDX-License-Identifier: Apache-2.0
#include "rules/rule.h"

#include <gtest/gtest.h>

#include "core/error.h"

namespace drydock::rules {
namespace {

using namespace core;  // NOLINT: the Reporter test reads core types throughout

Rule MakeRule(std::string_view id, std::string_view slug, std::vector<std::string_view> refs) {
  Rule r;
  r.info.id = id;
  r.info.slug = slug;
  r.info.references = std::move(refs);
  return r;
}

TEST(Registry, ResolvesIdsSlugsAndReferences) {
  Registry reg;
  reg.Add(MakeRule("DD201", "user/root", {"DL3002", "DS-0002"}));
  reg.Add(MakeRule("DD005", "hygiene/pkg-unpinned", {"DL3008", "DL3018"}));
  reg.Add(MakeRule("DD003", "hygiene/apt-lists-kept", {"DL3009"}));
  ASSERT_NE(reg.FindById("dd201"), nullptr);
  EXPECT_EQ(reg.FindBySlug("user/root")->info.id, "DD201");
  EXPECT_EQ(reg.Resolve("DL3018").size(), 1u);
  EXPECT_EQ(reg.Resolve("DL3018")[0]->info.id, "DD005");
  EXPECT_EQ(reg.Resolve("hygiene/apt-lists-kept")[0]->info.id, "DD003");
  EXPECT_TRUE(reg.Resolve("DL9999").empty());
}

TEST(Reporter, BindsRuleMetadata) {
  RuleInfo info;
  info.id = "DD999";
  info.slug = "test/x";
  info.severity = Severity::kHigh;
  RuleSettings settings;
  Findings out;
  Reporter r(info, settings, out);
  r.Report(FileOrigin("Dockerfile", 3), "bad");
  r.Report(FileOrigin("Dockerfile", 4), "worse", Severity::kCritical);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].rule, &info);
  EXPECT_EQ(out[0].severity, Severity::kHigh);
  EXPECT_EQ(out[1].severity, Severity::kCritical);
  EXPECT_EQ(out[0].location.ToString(), "Dockerfile:3");
}

Result<int> Half(int x) {
  if (x % 2 != 0) return Fail(ErrorCode::kInput, "odd");
  return x / 2;
}
Result<int> Quarter(int x) {
  int h = DD_TRY(Half(x));
  return DD_TRY(Half(h));
}

TEST(Result, TryPropagatesErrors) {
  EXPECT_EQ(*Quarter(8), 2);
  auto bad = Quarter(6);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().message, "odd");
}

}  // namespace
}  // namespace drydock::rules
