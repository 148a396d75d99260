// SPDX-License-Identifier: Apache-2.0
// User rules (DD2xx) in detail: where findings point, stage chains, settings, the split between
// DD201/DD203/DD204, and the image-reference helpers they rely on.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "rule_check.h"
#include "rules/catalog.h"
#include "rules/detail/refs.h"
#include "rules/detail/run_commands.h"
#include "sources/dockerfile/parser.h"

namespace drydock::rules {
namespace {

using testing::Check;
using testing::CheckSpec;
using testing::Lines;
using testing::Mentions;

TEST(RootUser, PointsAtTheRootUserLine) {
  auto out = Check("DD201", "FROM alpine:3.20\nUSER app\nRUN id\nUSER root\nCMD [\"id\"]\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].location.line, 4);
  EXPECT_EQ(out[0].severity, core::Severity::kHigh);
}

TEST(RootUser, NoUserPointsAtTheFinalFrom) {
  auto out =
      Check("DD201", "FROM golang:1.22 AS build\nUSER 10001\nFROM debian:12-slim\nRUN true\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].location.line, 3);
  EXPECT_NE(out[0].message.find("debian:12-slim"), std::string::npos);
}

TEST(RootUser, InheritsThroughAChainOfStages) {
  const char* text = "FROM alpine:3.20 AS a\nUSER 10001\nFROM a AS b\nRUN true\nFROM b\nRUN true\n";
  EXPECT_TRUE(Check("DD201", text).empty());
  const char* root =
      "FROM alpine:3.20 AS a\nUSER 10001\nFROM a AS b\nUSER root\nFROM b\nRUN true\n";
  auto out = Check("DD201", root);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].location.line, 4);
}

TEST(RootUser, ScratchWithoutUserIsRoot) {
  auto out = Check(
      "DD201", "FROM golang:1.22 AS b\nFROM scratch\nCOPY --from=b /app /app\nCMD [\"/app\"]\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_NE(out[0].message.find("scratch"), std::string::npos);
}

TEST(RootUser, ExportStagesAreNeverRun) {
  // `FROM scratch` with only COPY/ADD (ARG, LABEL): `docker build --output` writes its files out.
  for (const char* text : {"FROM golang:1.22 AS b\nFROM scratch\nCOPY --from=b /app /app\n",
                           "FROM scratch\nARG TARGETOS\nLABEL a=b\nADD out.tar /\n"}) {
    EXPECT_TRUE(Check("DD201", text).empty()) << text;
    EXPECT_TRUE(Check("DD013", text).empty()) << text;
  }
  // Anything that makes it an image to run keeps it judged.
  for (const char* text :
       {"FROM scratch\nCOPY app /app\nENTRYPOINT [\"/app\"]\n",
        "FROM scratch\nCOPY app /app\nEXPOSE 8080\n", "FROM scratch\nCOPY app /app\nUSER root\n",
        "FROM golang:1.22 AS b\nFROM scratch AS out\nCOPY --from=b /a /a\n"
        "FROM out\nCMD [\"/a\"]\n"}) {
    EXPECT_EQ(Check("DD201", text).size(), 1u) << text;
  }
}

TEST(RootUser, NonRootBasesFromSettings) {
  core::RuleSettings settings;
  settings.nonroot_bases = {"myorg/base", "registry.example/images/*"};
  EXPECT_TRUE(Check("DD201", "FROM myorg/base:1.2\n", settings).empty());
  EXPECT_TRUE(Check("DD201", "FROM docker.io/myorg/base@sha256:abc\n", settings).empty());
  EXPECT_TRUE(Check("DD201", "FROM registry.example/images/py:3\n", settings).empty());
  EXPECT_EQ(Check("DD201", "FROM myorg/other:1.2\n", settings).size(), 1u);
  EXPECT_EQ(Check("DD201", "FROM myorg/base:1.2\n").size(), 1u);  // not configured
}

TEST(RootUser, DistrolessDefaultTagIsRoot) {
  EXPECT_EQ(Check("DD201", "FROM gcr.io/distroless/static-debian12\n").size(), 1u);
  EXPECT_TRUE(Check("DD201", "FROM gcr.io/distroless/static-debian12:nonroot\n").empty());
  EXPECT_TRUE(Check("DD201", "FROM gcr.io/distroless/java21-debian12:debug-nonroot\n").empty());
  // A `nonroot` tag on an arbitrary image proves nothing.
  EXPECT_EQ(Check("DD201", "FROM example/app:nonroot\n").size(), 1u);
}

TEST(RootUser, ExpandsUserVariables) {
  EXPECT_EQ(Check("DD201", "FROM alpine:3.20\nARG U=0\nUSER ${U}:${U}\n").size(), 1u);
  EXPECT_TRUE(Check("DD201", "FROM alpine:3.20\nARG U=10001\nUSER ${U}\n").empty());
  // An unknown user is not judged.
  EXPECT_TRUE(Check("DD201", "FROM alpine:3.20\nARG U\nUSER ${U}\n").empty());
}

TEST(Sudo, OncePerRunAndBehindEnv) {
  auto out = Check("DD202", "FROM debian:12-slim\nRUN sudo a && sudo b\nRUN env X=1 sudo c\n");
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].location.line, 2);
  EXPECT_EQ(out[1].location.line, 3);
}

TEST(NonNumeric, FollowsTheFinalUserOnly) {
  EXPECT_TRUE(Check("DD203", "FROM alpine:3.20\nUSER app\nUSER 10001\n").empty());
  auto out = Check("DD203", "FROM alpine:3.20\nUSER 10001\nUSER app\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].location.line, 3);
  EXPECT_NE(out[0].message.find("`app`"), std::string::npos);
}

TEST(LowUid, UseraddForms) {
  // The named final user and its uid, in the option spellings of useradd/adduser.
  EXPECT_EQ(Check("DD204", "FROM debian:12\nRUN useradd --uid 999 -m app\nUSER app\n").size(), 1u);
  EXPECT_EQ(Check("DD204", "FROM debian:12\nRUN useradd --uid=999 app\nUSER app\n").size(), 1u);
  EXPECT_EQ(Check("DD204", "FROM debian:12\nRUN useradd -mu 999 app\nUSER app\n").size(), 1u);
  EXPECT_EQ(Check("DD204", "FROM alpine:3\nRUN adduser -D -u 1000 -G app app\nUSER app\n").size(),
            1u);
  EXPECT_TRUE(Check("DD204", "FROM alpine:3\nRUN adduser -D -u 10001 app\nUSER app\n").empty());
  // Implicit uids are not guessed.
  EXPECT_TRUE(Check("DD204", "FROM debian:12\nRUN useradd -m app\nUSER app\n").empty());
  // The low-uid user is not the one the image runs as.
  EXPECT_TRUE(Check("DD204", "FROM debian:12\nRUN useradd -u 1000 other\nUSER 10001\n").empty());
}

TEST(LowUid, Dl3046Semantics) {
  // hadolint's own cases.
  EXPECT_TRUE(Check("DD204", "FROM debian:12\nRUN useradd luser\nUSER 10001\n").empty());
  EXPECT_TRUE(Check("DD204", "FROM debian:12\nRUN useradd -u 12345 luser\nUSER 10001\n").empty());
  EXPECT_TRUE(
      Check("DD204", "FROM debian:12\nRUN useradd -l -u 123456 luser\nUSER 10001\n").empty());
  EXPECT_TRUE(Check("DD204", "FROM debian:12\nRUN useradd -l luser\nUSER 10001\n").empty());
  auto out = Check("DD204", "FROM debian:12\nRUN useradd -u 123456 luser\nUSER 10001\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_NE(out[0].message.find("-l"), std::string::npos);
  EXPECT_TRUE(Check("DD204", "FROM debian:12\nRUN useradd --no-log-init -u 123456 l\nUSER 10001\n")
                  .empty());
}

TEST(LowUid, RootIsNotReportedTwice) {
  EXPECT_TRUE(Check("DD204", "FROM alpine:3\nUSER 0:0\n").empty());
  EXPECT_TRUE(Check("DD203", "FROM alpine:3\nUSER root\n").empty());
  EXPECT_EQ(Check("DD201", "FROM alpine:3\nUSER 0:0\n").size(), 1u);
}

// --- helpers ---------------------------------------------------------------------------------

TEST(Refs, ParseImageRef) {
  auto r = detail::ParseImageRef("localhost:5000/team/app:1.2@sha256:abc");
  EXPECT_EQ(r.registry, "localhost:5000");
  EXPECT_EQ(r.repository, "team/app");
  EXPECT_EQ(r.tag, "1.2");
  EXPECT_EQ(r.digest, "sha256:abc");
  r = detail::ParseImageRef("nginx");
  EXPECT_EQ(r.registry, "");
  EXPECT_EQ(r.repository, "nginx");
  EXPECT_EQ(detail::CanonicalName(r), "docker.io/library/nginx");
  r = detail::ParseImageRef("myorg/app:3");
  EXPECT_EQ(r.registry, "");
  EXPECT_EQ(detail::CanonicalName(r), "docker.io/myorg/app");
  EXPECT_TRUE(detail::ParseImageRef("${BASE}:1").unresolved);
}

TEST(Refs, TrustedRegistries) {
  std::vector<std::string> trusted{"docker.io", "ghcr.io/myorg", "registry.example:5000"};
  EXPECT_TRUE(detail::IsTrustedRegistry(detail::ParseImageRef("nginx:1"), trusted));
  EXPECT_TRUE(detail::IsTrustedRegistry(detail::ParseImageRef("index.docker.io/a/b"), trusted));
  EXPECT_TRUE(detail::IsTrustedRegistry(detail::ParseImageRef("ghcr.io/myorg/x:1"), trusted));
  EXPECT_FALSE(detail::IsTrustedRegistry(detail::ParseImageRef("ghcr.io/myorgx/x:1"), trusted));
  EXPECT_TRUE(detail::IsTrustedRegistry(detail::ParseImageRef("registry.example:5000/x"), trusted));
  EXPECT_FALSE(detail::IsTrustedRegistry(detail::ParseImageRef("quay.io/x/y"), trusted));
}

TEST(RunCommands, ShortOptionsReadLikeGetopt) {
  auto spec = sources::dockerfile::Parse("FROM a\nRUN curl -fsSLo out -u me:pw https://x\n",
                                         sources::dockerfile::ParseOptions{});
  ASSERT_EQ(spec.stages.size(), 1u);
  ASSERT_FALSE(spec.stages[0].instructions.empty());
  auto commands = detail::CommandsOf(spec.stages[0].instructions[0]);
  ASSERT_EQ(commands.size(), 1u);
  auto args = detail::ProgramArgs(commands[0]);
  EXPECT_EQ(detail::ShortOption(args, 'o', "ou"), "out");
  EXPECT_EQ(detail::ShortOption(args, 'u', "ou"), "me:pw");
  EXPECT_FALSE(detail::HasShortFlag(args, 'k', "ou"));
  EXPECT_TRUE(detail::HasShortFlag(args, 'S', "ou"));
}

TEST(RunCommands, ProgramBehindWrappers) {
  auto spec = sources::dockerfile::Parse(
      "FROM a\nRUN sudo -u app -E env -i A=1 nice -n 5 /usr/bin/curl x\n",
      sources::dockerfile::ParseOptions{});
  auto commands = detail::CommandsOf(spec.stages[0].instructions[0]);
  ASSERT_EQ(commands.size(), 1u);
  EXPECT_EQ(detail::ProgramName(commands[0]), "curl");
}

}  // namespace
}  // namespace drydock::rules
