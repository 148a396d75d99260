// SPDX-License-Identifier: Apache-2.0
// Hygiene rules (DD0xx) in detail: counts, lines inside multi-line instructions, and the wording
// of messages — what the one-line catalog examples cannot pin down.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "rule_check.h"
#include "rules/catalog.h"
#include "sources/dockerfile/parser.h"

namespace drydock::rules {
namespace {

using testing::Check;
using testing::CheckSpec;
using testing::Lines;
using testing::Mentions;

TEST(ParseError, ReportsEveryParserErrorAtItsLine) {
  auto out = Check("DD001", "FROM alpine:3.20\nRUN true\nBOGUS x\nRUN true\nALSOBAD y\n");
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(Lines(out), (std::vector<int>{3, 5}));
  EXPECT_EQ(out[0].location.file, "Dockerfile");
  EXPECT_FALSE(out[0].message.empty());
  EXPECT_EQ(out[0].severity, core::Severity::kHigh);
}

TEST(AptNoInstallRecommends, PointsAtTheInstallLineInsideAContinuedRun) {
  auto out = Check("DD002",
                   "FROM debian:12-slim\n"
                   "RUN apt-get update \\\n"
                   " && apt-get install -y curl=7.88.1-10 \\\n"
                   " && rm -rf /var/lib/apt/lists/*\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].location.line, 3);
  EXPECT_TRUE(Mentions(out[0], "apt-get install"));
}

TEST(AptNoInstallRecommends, AcceptsTheAptOptionForm) {
  EXPECT_TRUE(Check("DD002",
                    "FROM debian:12-slim\nRUN apt-get install -y -o "
                    "APT::Install-Recommends=false curl=1 && rm -rf /var/lib/apt/lists/*\n")
                  .empty());
}

TEST(PkgUnpinned, NamesOnlyTheUnpinnedPackagesAtTheirLine) {
  auto out = Check("DD005",
                   "FROM debian:12-slim\n"
                   "RUN apt-get update \\\n"
                   " && apt-get install -y --no-install-recommends \\\n"
                   "      ca-certificates=20230311 \\\n"
                   "      curl \\\n"
                   "      git \\\n"
                   " && rm -rf /var/lib/apt/lists/*\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].location.line, 5);
  EXPECT_TRUE(Mentions(out[0], "`curl` and `git`"));
  EXPECT_FALSE(Mentions(out[0], "ca-certificates"));
}

TEST(PkgUnpinned, ExpandsEnvListsAndVersionVariables) {
  // ENV holding several packages is split like the shell does; every one is judged.
  auto out = Check(
      "DD005", "FROM alpine:3.20\nENV PKGS=\"curl=8.9.1-r0 git\"\nRUN apk add --no-cache $PKGS\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(Mentions(out[0], "`git`"));
  EXPECT_FALSE(Mentions(out[0], "curl"));
  // A default that expands to nothing still pins from the build argument.
  EXPECT_TRUE(
      Check("DD005", "FROM alpine:3.20\nARG V=\nRUN apk add --no-cache \"curl=${V}\"\n").empty());
}

TEST(PkgUnpinned, PipVariants) {
  EXPECT_TRUE(Check("DD005",
                    "FROM python:3.12-slim\nRUN python3 -m pip install --no-cache-dir "
                    "'flask[async]==3.0.3' 'requests>=2.31'\n")
                  .empty());
  EXPECT_TRUE(Check("DD005",
                    "FROM python:3.12-slim\nRUN pip install --no-cache-dir -U pip "
                    "setuptools wheel\n")
                  .empty());
  EXPECT_TRUE(Check("DD005",
                    "FROM python:3.12-slim\nRUN pip install --no-cache-dir "
                    "git+https://github.com/a/b@v1 ./wheels/x.whl -e .\n")
                  .empty());
  auto out = Check("DD005", "FROM python:3.12-slim\nRUN pip3 install --no-cache-dir -U requests\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(Mentions(out[0], "==<version>"));
}

TEST(PkgUnpinned, NpmScopesAndInstallWithoutPackages) {
  EXPECT_TRUE(
      Check("DD005", "FROM node:20-slim\nRUN npm install -g @angular/cli@17.3.0\n").empty());
  EXPECT_TRUE(Check("DD005", "FROM node:20-slim\nRUN npm ci && npm install\n").empty());
  auto out = Check("DD005", "FROM node:20-slim\nRUN npm i -g @angular/cli pnpm@latest\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(Mentions(out[0], "`@angular/cli` and `pnpm`"));
}

TEST(PkgUnpinned, SudoAndEnvWrappers) {
  auto out = Check("DD005",
                   "FROM debian:12-slim\nRUN sudo -E apt-get install -y curl && "
                   "env DEBIAN_FRONTEND=noninteractive apt-get install -y wget\n");
  EXPECT_EQ(out.size(), 2u);
}

TEST(CdInRun, OnePerRunAtTheCdLine) {
  auto out = Check("DD008",
                   "FROM alpine:3.20\n"
                   "RUN apk add --no-cache make \\\n"
                   " && cd /src \\\n"
                   " && make && cd /app\n"
                   "RUN cd /x\n");
  EXPECT_EQ(Lines(out), (std::vector<int>{3, 5}));
  EXPECT_TRUE(Mentions(out[0], "WORKDIR /src"));
}

TEST(MultipleCmd, CountsPerStageAndKeyword) {
  auto out = Check("DD009",
                   "FROM alpine:3.20 AS a\n"
                   "CMD [\"1\"]\n"
                   "ENTRYPOINT [\"e\"]\n"
                   "CMD [\"2\"]\n"
                   "CMD [\"3\"]\n"
                   "FROM alpine:3.20\n"
                   "CMD [\"4\"]\n"
                   "HEALTHCHECK CMD [\"h\"]\n"
                   "HEALTHCHECK NONE\n");
  EXPECT_EQ(Lines(out), (std::vector<int>{4, 5, 9}));
  EXPECT_TRUE(Mentions(out[0], "first at line 2"));
}

TEST(ShellForm, OnlyTheShippedStagesAreJudged) {
  EXPECT_TRUE(Check("DD010",
                    "FROM alpine:3.20 AS t\nCMD make test\nFROM alpine:3.20\n"
                    "CMD [\"app\"]\n")
                  .empty());
  auto out = Check("DD010", "FROM alpine:3.20 AS base\nENTRYPOINT app --serve\nFROM base\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].location.line, 2);
}

TEST(UpdateAlone, LineOfTheUpdate) {
  auto out = Check("DD012",
                   "FROM debian:12-slim\nRUN set -eux; \\\n  apt-get update; \\\n"
                   "  echo done\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].location.line, 3);
  EXPECT_TRUE(
      Check("DD012", "FROM debian:12-slim\nRUN apt-get update && apt-get -y upgrade\n").empty());
}

TEST(NoHealthcheck, PointsAtFinalFromAndAcceptsNone) {
  auto out =
      Check("DD013", "FROM alpine:3.20 AS build\nHEALTHCHECK CMD [\"x\"]\nFROM alpine:3.20\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].location.line, 3);
  // An explicit NONE, last or not, is the author's decision (hadolint DL3057 agrees).
  EXPECT_TRUE(
      Check("DD013", "FROM alpine:3.20\nHEALTHCHECK CMD [\"x\"]\nHEALTHCHECK NONE\n").empty());
  // Inherited through a chain of stages ending in NONE.
  EXPECT_TRUE(
      Check("DD013", "FROM scratch AS a\nFROM a AS b\nFROM b AS end\nHEALTHCHECK NONE\n").empty());
  EXPECT_TRUE(
      Check("DD013", "FROM alpine:3.20\nHEALTHCHECK NONE\nHEALTHCHECK CMD [\"x\"]\n").empty());
}

TEST(CopyFromUnknown, IndexesNamesImagesAndDuplicates) {
  EXPECT_EQ(Check("DD014", "FROM alpine:3.20\nCOPY --from=0 /a /b\n").size(), 1u);  // itself
  EXPECT_EQ(Check("DD014", "FROM alpine:3.20\nFROM alpine:3.20\nCOPY --from=0 /a /b\n").size(), 0u);
  EXPECT_EQ(Check("DD014", "FROM alpine:3.20\nCOPY --from=3 /a /b\n").size(), 1u);
  EXPECT_EQ(Check("DD014", "FROM alpine:3.20 AS Build\nFROM alpine:3.20\nCOPY --from=BUILD /a /b\n")
                .size(),
            0u);  // stage names are case-insensitive
  EXPECT_EQ(Check("DD014", "FROM alpine:3.20\nCOPY --from=ghcr.io/org/tool /t /t\n").size(), 0u);
  auto out = Check("DD014",
                   "FROM alpine:3.20 AS a\nFROM alpine:3.20 AS a\nRUN --mount=type=bind,from=zz,"
                   "target=/z true\n");
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(Lines(out), (std::vector<int>{3, 2}));
}

TEST(Pipefail, NamesThePipeAndHonoursInheritedShell) {
  auto out = Check("DD015", "FROM alpine:3.20\nRUN echo a \\\n && curl -fsSL https://x | sh\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].location.line, 3);
  EXPECT_TRUE(Mentions(out[0], "`curl | sh`"));
  EXPECT_TRUE(Check("DD015",
                    "FROM debian:12-slim AS base\nSHELL [\"/bin/bash\", \"-euo\", "
                    "\"pipefail\", \"-c\"]\nFROM base\nRUN a | b\n")
                  .empty());
  EXPECT_TRUE(Check("DD015", "FROM alpine:3.20\nRUN [\"sh\", \"-c\", \"a | b\"]\n").empty());
}

TEST(DeprecatedFlag, NpmFlagsNameTheReplacement) {
  auto out =
      Check("DD016", "FROM node:20-slim\nRUN npm ci --only=production && npm i --also=dev\n");
  ASSERT_EQ(out.size(), 2u);
  EXPECT_TRUE(Mentions(out[0], "--omit=dev"));
  EXPECT_TRUE(Mentions(out[1], "--include=dev"));
  EXPECT_TRUE(Check("DD016", "FROM node:20-slim\nRUN yarn install --production\n").empty());
}

TEST(AddNotCopy, UrlsArchivesAndVariablesAreNotJudged) {
  EXPECT_TRUE(Check("DD006", "FROM alpine:3.20\nADD https://example.com/a.txt /a\n").empty());
  EXPECT_TRUE(Check("DD006", "FROM alpine:3.20\nARG F\nADD $F /a\n").empty());
  auto out = Check("DD006", "FROM alpine:3.20\nADD [\"a.tgz\", \"b.json\", \"/dst/\"]\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(Mentions(out[0], "`b.json`"));
  EXPECT_FALSE(Mentions(out[0], "a.tgz"));
}

TEST(PkgCacheKept, EveryManagerAndItsCure) {
  EXPECT_EQ(
      Check("DD004", "FROM alpine:3.20\nRUN apk add curl && rm -rf /var/cache/apk/*\n").size(), 0u);
  EXPECT_EQ(Check("DD004",
                  "FROM alpine:3.20\nRUN echo so:libc.musl-x86_64.so.1 | xargs -rt apk add "
                  "--no-network --virtual .rundeps\n")
                .size(),
            0u);
  EXPECT_EQ(Check("DD004", "FROM fedora:40\nRUN microdnf install -y nginx && microdnf clean all\n")
                .size(),
            0u);
  EXPECT_EQ(Check("DD004", "FROM opensuse/leap:15.6\nRUN zypper -n install nginx\n").size(), 1u);
  EXPECT_EQ(Check("DD004",
                  "FROM opensuse/leap:15.6\nRUN zypper -n install nginx && zypper clean "
                  "-a\n")
                .size(),
            0u);
  EXPECT_EQ(Check("DD004",
                  "FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip "
                  "pip install flask==3.0.3\n")
                .size(),
            0u);
  EXPECT_EQ(
      Check("DD004", "FROM python:3.12-slim\nRUN PIP_NO_CACHE_DIR=1 pip install flask==3\n").size(),
      0u);
}

}  // namespace
}  // namespace drydock::rules
