// SPDX-License-Identifier: Apache-2.0
// Instruction rules (DD030–DD049) in detail: hadolint's edge cases (counts per stage, quoting,
// variables, Windows paths, `# escape=`), the lines findings point at, and where drydock
// deliberately differs.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "rule_check.h"
#include "rules/catalog.h"

namespace drydock::rules {
namespace {

using testing::Check;
using testing::Lines;
using testing::Mentions;
using testing::ParseText;

TEST(IgnorePragma, FlagsEveryIgnoreFormButNotOtherComments) {
  auto out = Check("DD030",
                   "FROM debian:12-slim\n"
                   "# hadolint global ignore=DL3008\n"
                   "# hadolint ignore = DL3003, DL3009\n"
                   "# drydock:ignore-file=DD005 vendored\n"
                   "# hadolint shell=bash\n"
                   "# hadolint is great\n"
                   "# drydock: a note\n"
                   "RUN true\n");
  EXPECT_EQ(Lines(out), (std::vector<int>{2, 3, 4}));
  ASSERT_EQ(out.size(), 3u);
  EXPECT_TRUE(Mentions(out[0], "hadolint global ignore="));
  EXPECT_TRUE(Mentions(out[2], "drydock:ignore-file="));
}

TEST(IgnorePragma, ShipsDisabled) {
  const Rule* rule = Catalog().FindById("DD030");
  ASSERT_NE(rule, nullptr);
  EXPECT_FALSE(rule->info.enabled_by_default);
  // Every other instruction rule ships enabled.
  for (std::string_view id : {"DD031", "DD035", "DD038", "DD043"}) {
    EXPECT_TRUE(Catalog().FindById(id)->info.enabled_by_default) << id;
  }
}

TEST(CopyThenExtract, ReportsTheCopyOnceAndNamesTheRun) {
  auto out = Check("DD031",
                   "FROM debian:12-slim\n"
                   "COPY vendor/app.tar.gz /tmp/\n"
                   "RUN mkdir /opt/app \\\n"
                   " && tar -C /opt/app -xzf /tmp/app.tar.gz\n"
                   "RUN tar -xzf /tmp/app.tar.gz -C /srv\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].location.line, 2);
  EXPECT_TRUE(Mentions(out[0], "line 4"));
}

TEST(CopyThenExtract, FollowsTheStageChainButNotOtherStages) {
  EXPECT_EQ(Lines(Check("DD031",
                        "FROM debian:12-slim AS base\nCOPY app.tar /tmp/app.tar\n"
                        "FROM base\nRUN tar xf /tmp/app.tar -C /opt\n")),
            (std::vector<int>{2}));
  EXPECT_TRUE(Check("DD031",
                    "FROM debian:12-slim AS base\nCOPY app.tar /tmp/app.tar\n"
                    "FROM debian:12-slim\nRUN tar xf /tmp/app.tar -C /opt\n")
                  .empty());
}

TEST(CopyThenExtract, DecompressingATarballCountsAPlainGzipDoesNot) {
  EXPECT_EQ(
      Check("DD031",
            "FROM debian:12-slim\nCOPY app.tgz /tmp/\nRUN zcat /tmp/app.tgz | tar x -C /opt\n")
          .size(),
      1u);
  EXPECT_TRUE(
      Check("DD031", "FROM debian:12-slim\nCOPY dump.sql.gz /tmp/\nRUN gunzip /tmp/dump.sql.gz\n")
          .empty());
  EXPECT_TRUE(Check("DD031",
                    "FROM debian:12-slim\nCOPY app.tar.gz /tmp/\nRUN tar -czf /tmp/app.tar.gz "
                    "/opt\n")
                  .empty())
      << "creating an archive is not extracting it";
}

TEST(CopyThenExtract, WindowsPathsWithTheBacktickEscape) {
  auto out = Check("DD031",
                   "# escape=`\n"
                   "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n"
                   "COPY build\\app.tar.gz C:\\install\\\n"
                   "RUN tar -xf C:\\install\\app.tar.gz\n");
  EXPECT_EQ(Lines(out), (std::vector<int>{3}));
}

TEST(ExposePortRange, EachBadPortOnceWithItsNumber) {
  auto out = Check("DD032", "FROM debian:12-slim\nEXPOSE 80 99999/udp 1-70000 65536\n");
  ASSERT_EQ(out.size(), 3u);
  EXPECT_TRUE(Mentions(out[0], "99999"));
  EXPECT_TRUE(Mentions(out[1], "70000"));
  EXPECT_TRUE(Mentions(out[2], "65536"));
  EXPECT_TRUE(Check("DD032", "FROM debian:12-slim\nEXPOSE 0 00080 65535\n").empty());
}

TEST(CopyDestNotDir, AddIsJudgedAndHeredocsCount) {
  EXPECT_EQ(Check("DD033", "FROM debian:12-slim\nADD a.tar b.tar /opt\n").size(), 1u);
  EXPECT_EQ(Check("DD033", "FROM debian:12-slim\nCOPY <<a <<b /etc/conf\none\na\ntwo\nb\n").size(),
            1u);
  EXPECT_TRUE(Check("DD033", "FROM debian:12-slim\nCOPY --chown=1:1 a b /opt/\n").empty());
  EXPECT_TRUE(Check("DD033", "FROM debian:12-slim\nCOPY a b \"/opt/\"\n").empty());
  EXPECT_EQ(Check("DD033", "FROM debian:12-slim\nCOPY a b \"baz\"\n").size(), 1u);
}

TEST(FromPlatform, BuildAndTargetPlatformVariablesAreIntended) {
  for (const char* flag : {"$BUILDPLATFORM", "\"$BUILDPLATFORM\"", "${BUILDPLATFORM:-}",
                           "$TARGETPLATFORM", "${TARGETPLATFORM}"}) {
    EXPECT_TRUE(
        Check("DD034", std::string("FROM --platform=") + flag + " golang:1.22 AS build\n").empty())
        << flag;
  }
  auto out = Check("DD034", "FROM debian:12-slim\nFROM --platform=linux/arm64 alpine:3.20\n");
  EXPECT_EQ(Lines(out), (std::vector<int>{2}));
  EXPECT_TRUE(Mentions(out[0], "linux/arm64"));
}

TEST(FromPlatform, TheParserKeepsTheFlagAsWritten) {
  auto spec = ParseText("ARG P=linux/arm64\nFROM --platform=${P} alpine:3.20\n");
  ASSERT_EQ(spec.stages.size(), 1u);
  EXPECT_EQ(spec.stages[0].platform, "linux/arm64");
  EXPECT_EQ(spec.stages[0].platform_text, "${P}");
  EXPECT_EQ(ParseText("FROM alpine:3.20\n").stages[0].platform_text, "");
}

TEST(PlatformIsDefault, OnlyTheTargetPlatformItself) {
  EXPECT_EQ(Check("DD040", "FROM --platform=\"$TARGETPLATFORM\" alpine:3.20\n").size(), 1u);
  EXPECT_TRUE(Check("DD040", "FROM --platform=$FOOBAR alpine:3.20\n").empty());
  EXPECT_TRUE(Check("DD040", "FROM --platform=linux/arm64 alpine:3.20\n").empty());
  EXPECT_TRUE(
      Check("DD040", "FROM --platform=${TARGETPLATFORM:-linux/amd64} alpine:3.20\n").empty());
}

TEST(EnvSelfReference, HadolintsCases) {
  const char* fires[] = {
      "ENV BLA=\"blubb\" BLUBB=\"$BLA/$BLAFOO/blubb\"",
      "ENV PATH=/bla:${PATH} PATH=/blubb:${PATH}",
      "ENV BLA=\"blubb\" BLUBB=\"${BLA}/blubb\"",
      "ENV BLA=\"blubb\" BLUBB=\"$BLA\"",
  };
  for (const char* env : fires) {
    EXPECT_EQ(Check("DD035", std::string("FROM debian:12-slim\n") + env + "\n").size(), 1u) << env;
  }
  const char* silent[] = {
      "ENV BLA=\"blubb\" BLUBB=\"${FOOBLA}/blubb\"",
      "ENV BLA=\"blubb\" BLUBB=\"$BLAFOO/blubb\"",
      "ENV BLA=\"blubb\" BLUBB=\"BLA/$BLAFOO/BLA\"",
      "ENV PATH=/bla:${PATH}\nENV PATH=/blubb:${PATH}",
      "ENV BLA blubb\nENV BLA=${BLA}",
  };
  for (const char* env : silent) {
    EXPECT_TRUE(Check("DD035", std::string("FROM debian:12-slim\n") + env + "\n").empty()) << env;
  }
}

TEST(EnvSelfReference, ModifiersEscapesAndScope) {
  EXPECT_EQ(Check("DD035", "FROM debian:12-slim\nENV A=1 B=${A:-0}\n").size(), 1u);
  EXPECT_TRUE(Check("DD035", "FROM debian:12-slim\nENV A=1 B=\\$A\n").empty());
  EXPECT_TRUE(Check("DD035", "# escape=`\nFROM debian:12-slim\nENV A=1 B=`$A\n").empty());
  // Defined by the stage it is built on: the earlier value is what the reference means.
  EXPECT_TRUE(
      Check("DD035", "FROM debian:12-slim AS base\nENV A=0\nFROM base\nENV A=1 B=$A\n").empty());
  // A global ARG is not visible in the stage unless redeclared.
  auto out = Check("DD035", "ARG A=0\nFROM debian:12-slim\nENV A=1 B=$A\n");
  EXPECT_EQ(Lines(out), (std::vector<int>{3}));
  EXPECT_TRUE(Mentions(out[0], "`A`"));
  // One finding per ENV, naming each variable once.
  out = Check("DD035", "FROM debian:12-slim\nENV A=1 B=2 C=$A$B D=$A\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(Mentions(out[0], "`A` and `B`"));
}

TEST(CopyRelativeNoWorkdir, HadolintsStageCases) {
  EXPECT_EQ(Lines(Check("DD036",
                        "FROM debian:12-slim AS stage1\nWORKDIR /usr\n"
                        "FROM debian:12-slim\nCOPY foo bar\n")),
            (std::vector<int>{4}));
  EXPECT_TRUE(Check("DD036",
                    "FROM debian:12-slim AS base1\nWORKDIR /usr\nFROM base1 AS base2\nRUN foo\n"
                    "FROM base2\nCOPY foo bar\n")
                  .empty());
  EXPECT_TRUE(Check("DD036", "FROM scratch AS root\nCOPY a .\nFROM root\nCOPY b c\n").empty())
      << "scratch, and stages built on it, start in /";
  EXPECT_EQ(Check("DD036", "FROM debian:12-slim\nCOPY a b\nWORKDIR /app\nCOPY c d\n").size(), 1u)
      << "only the COPY before the WORKDIR";
}

TEST(CopyRelativeNoWorkdir, AbsoluteFormsAndVariables) {
  for (const char* dest : {"/usr/local/bin/x", "\"/usr/local/bin/x\"", "c:\\system32\\x",
                           "d:/mypath/x", "${SRC_BASE_ENV}", "\"$SRC_BASE_ENV\""}) {
    EXPECT_TRUE(Check("DD036", std::string("FROM debian:12-slim\nCOPY x ") + dest + "\n").empty())
        << dest;
  }
  EXPECT_EQ(Check("DD036", "FROM debian:12-slim\nARG DEST=app\nCOPY x $DEST\n").size(), 1u)
      << "a variable that expands to a relative path";
  EXPECT_EQ(Check("DD036", "FROM debian:12-slim\nADD x.tar.gz opt\n").size(), 1u);
}

TEST(WgetNoProgress, QuietAndLogOptions) {
  for (const char* flags : {"-q", "--quiet", "-nv", "--no-verbose", "--output-file=/tmp/log",
                            "-o /tmp/log", "--append-output=/tmp/log", "-a /tmp/log",
                            "--progress=dot:giga", "--progress bar:force", "-qO-", "-cq"}) {
    EXPECT_TRUE(Check("DD037", std::string("FROM debian:12-slim\nRUN wget ") + flags +
                                   " https://example.com/x\n")
                    .empty())
        << flags;
  }
  for (const char* flags : {"", "-O-", "-O /tmp/x", "--output-document=/tmp/x", "-nc", "-Oq"}) {
    EXPECT_EQ(Check("DD037", std::string("FROM debian:12-slim\nRUN wget ") + flags +
                                 " https://example.com/x\n")
                  .size(),
              1u)
        << flags;
  }
}

TEST(WgetNoProgress, OncePerRunAtTheWgetLine) {
  auto out = Check("DD037",
                   "FROM debian:12-slim\nRUN set -e; \\\n    wget https://a.example/x; \\\n"
                   "    wget https://a.example/y\n");
  EXPECT_EQ(Lines(out), (std::vector<int>{3}));
}

TEST(ConsecutiveRun, EachFollowingSingleRunAndResetByOtherInstructions) {
  EXPECT_EQ(Lines(Check("DD038",
                        "FROM debian:12-slim\nRUN a && b\nRUN c\nRUN d\nRUN e\nUSER x\nRUN f\n")),
            (std::vector<int>{4, 5}));
  EXPECT_TRUE(
      Check("DD038", "FROM debian:12-slim AS a\nRUN x\nFROM debian:12-slim\nRUN y\n").empty())
      << "a new stage starts over";
  EXPECT_EQ(Check("DD038", "FROM debian:12-slim\nRUN [\"a\"]\nRUN [\"b\"]\n").size(), 1u);
  EXPECT_EQ(Check("DD038",
                  "FROM debian:12-slim\nRUN --mount=type=secret,id=foo a\n"
                  "RUN --mount=type=secret,id=foo b\n")
                .size(),
            1u);
  EXPECT_TRUE(Check("DD038",
                    "FROM debian:12-slim\nRUN --mount=type=secret,id=foo a\n"
                    "RUN --mount=type=secret,id=bar b\n")
                  .empty());
}

TEST(ConsecutiveRun, OnbuildTriggersPairOnlyWithTriggers) {
  // The plain RUN runs in this build, the trigger in the child's: never consecutive.
  EXPECT_TRUE(Check("DD038", "FROM debian:12-slim\nRUN a\nONBUILD RUN b\n").empty());
  auto out = Check("DD038", "FROM debian:12-slim\nONBUILD RUN a\nONBUILD RUN b\n");
  EXPECT_EQ(Lines(out), (std::vector<int>{3}));
}

TEST(ReservedStageName, PointsAtTheFromLine) {
  EXPECT_EQ(Lines(Check("DD039", "FROM debian:12-slim AS build\nFROM alpine:3.20 AS context\n")),
            (std::vector<int>{2}));
}

TEST(CurlAndWget, EveryRunUsingOneOnceBothAreSeen) {
  auto out = Check("DD041",
                   "FROM node:20 AS foo\nRUN wget my.xyz\nRUN curl my.xyz\nRUN echo hello\n"
                   "RUN wget foo.com\n");
  EXPECT_EQ(Lines(out), (std::vector<int>{3, 5}));
  EXPECT_TRUE(Mentions(out[0], "line 3") && Mentions(out[0], "line 2"));
  EXPECT_EQ(Lines(Check("DD041", "FROM node:20 AS foo\nRUN wget my.xyz && curl localhost\n")),
            (std::vector<int>{2}));
}

TEST(CurlAndWget, OnbuildTriggersCountApart) {
  EXPECT_TRUE(
      Check("DD041", "FROM debian:12-slim\nRUN curl -fsSLO a\nONBUILD RUN wget -q b\n").empty());
  EXPECT_EQ(Lines(Check("DD041",
                        "FROM debian:12-slim\nONBUILD RUN curl -fsSLO a\nONBUILD RUN wget -q b\n")),
            (std::vector<int>{3}));
}

TEST(LnBinSh, LinkNameDecides) {
  EXPECT_EQ(Check("DD042", "FROM debian:12-slim\nRUN ln -sfv /bin/bash /bin/sh\n").size(), 1u);
  EXPECT_EQ(Check("DD042", "FROM debian:12-slim\nRUN ln -sf bash /usr/bin/sh\n").size(), 1u);
  EXPECT_EQ(Check("DD042", "FROM debian:12-slim\nRUN ln -s -f -- /bin/bash /bin/sh\n").size(), 1u);
  EXPECT_TRUE(Check("DD042",
                    "FROM debian:12-slim\nRUN ln -s foo bar && unrelated && something_with "
                    "/bin/sh\n")
                  .empty());
  EXPECT_TRUE(Check("DD042", "FROM debian:12-slim\nRUN ln -s /bin/sh\n").empty());
}

TEST(PointlessCommand, CommandsNotPackages) {
  EXPECT_EQ(
      Lines(Check("DD043", "FROM debian:12-slim\nRUN apt-get update && \\\n    top -b -n1\n")),
      (std::vector<int>{3}));
  EXPECT_TRUE(Check("DD043", "FROM debian:12-slim\nRUN apt-get install ssh\n").empty());
}

}  // namespace
}  // namespace drydock::rules
