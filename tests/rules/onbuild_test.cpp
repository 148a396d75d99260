// SPDX-License-Identifier: Apache-2.0
// ONBUILD triggers (rules::RunBuildRule with BuildFacts::Triggered): the wrapped instruction is
// judged like the same instruction in place and reported at the ONBUILD line, with a message that
// says it runs in every child image.
#include <gtest/gtest.h>

#include "rule_check.h"

namespace drydock::rules {
namespace {

using testing::Check;

bool SaysChildImage(const core::Finding& f) {
  return f.message.find("ONBUILD: this runs in every image built FROM this one") !=
         std::string::npos;
}

TEST(Onbuild, WrappedRunIsJudgedAtTheOnbuildLine) {
  auto out = Check("DD004", "FROM rockylinux:9\nONBUILD RUN dnf install -y nginx-1.20.1\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].location.line, 2);
  EXPECT_EQ(out[0].severity, core::Severity::kLow);
  EXPECT_TRUE(SaysChildImage(out[0])) << out[0].message;
  EXPECT_TRUE(Check("DD004",
                    "FROM rockylinux:9\nONBUILD RUN dnf install -y nginx-1.20.1 && dnf clean all\n")
                  .empty());
}

TEST(Onbuild, EveryKindOfInstructionIsChecked) {
  // WORKDIR, ADD, CMD, sudo, MAINTAINER-free triggers: each rule sees the trigger as its own.
  EXPECT_EQ(Check("DD007", "FROM alpine:3.20\nONBUILD WORKDIR app\n").size(), 1u);
  EXPECT_EQ(Check("DD202", "FROM alpine:3.20\nONBUILD RUN sudo apk add --no-cache git=2.45.2-r0\n")
                .size(),
            1u);
  EXPECT_EQ(Check("DD008", "FROM alpine:3.20\nONBUILD RUN cd /src && make\n").size(), 1u);
  auto secret = Check("DD601",
                      "FROM alpine:3.20\nONBUILD ENV "
                      "AWS_SECRET_ACCESS_KEY=7blrUoBaC1+KjKbYpj51RLj5/+cf2mMRwkzw0WJd\n");
  ASSERT_EQ(secret.size(), 1u);
  EXPECT_TRUE(SaysChildImage(secret[0]));
}

TEST(Onbuild, NotReportedTwiceAndNotOutsideTheTrigger) {
  // A plain instruction with the same problem elsewhere is reported once, without the suffix.
  auto out = Check("DD007", "FROM alpine:3.20\nWORKDIR app\nONBUILD WORKDIR lib\n");
  ASSERT_EQ(out.size(), 2u);
  EXPECT_FALSE(SaysChildImage(out[0]));
  EXPECT_EQ(out[1].location.line, 3);
  EXPECT_TRUE(SaysChildImage(out[1]));
  // Stage-level findings the trigger view repeats (no HEALTHCHECK at the FROM line) stay single.
  EXPECT_EQ(Check("DD013", "FROM alpine:3.20\nONBUILD RUN echo hi\n").size(), 1u);
}

TEST(Onbuild, SpecsWithoutTriggersHaveNoTriggeredView) {
  auto spec = testing::ParseText("FROM alpine:3.20\nRUN echo hi\n");
  detail::BuildFacts facts(spec);
  EXPECT_EQ(facts.Triggered(), nullptr);
  auto with = testing::ParseText("FROM alpine:3.20\nONBUILD RUN echo hi\n");
  detail::BuildFacts with_facts(with);
  ASSERT_NE(with_facts.Triggered(), nullptr);
  EXPECT_TRUE(with_facts.Triggered()->IsTriggerLine(2));
  EXPECT_FALSE(with_facts.Triggered()->IsTriggerLine(1));
  EXPECT_EQ(with_facts.Triggered()->spec().stages[0].instructions[0].keyword, "RUN");
}

}  // namespace
}  // namespace drydock::rules
