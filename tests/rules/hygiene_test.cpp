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

// Issue 13: a clean counts only after the last command that fills the cache.
TEST(PkgCacheKept, CleanCountsOnlyAfterTheLastInstall) {
  auto out = Check("DD004",
                   "FROM rockylinux:9\n"
                   "RUN dnf install -y a-1.0 \\\n"
                   " && dnf clean all \\\n"
                   " && dnf install -y b-1.0\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].location.line, 4);  // the install the clean does not follow
  EXPECT_EQ(out[0].severity, core::Severity::kLow);
  EXPECT_TRUE(Mentions(out[0], "dnf clean all"));
  EXPECT_TRUE(Check("DD004",
                    "FROM rockylinux:9\nRUN dnf install -y a-1.0 && dnf clean all && dnf "
                    "install -y b-1.0 && dnf clean all\n")
                  .empty());
  // The rm of a cache before the install does not count, after it does.
  EXPECT_EQ(
      Check("DD004", "FROM fedora:41\nRUN rm -rf /var/cache/libdnf5 && dnf in -y x-1\n").size(),
      1u);
  EXPECT_TRUE(
      Check("DD004", "FROM fedora:41\nRUN dnf in -y x-1 && rm -rf /var/cache/libdnf5*\n").empty());
  EXPECT_TRUE(Check("DD004", "FROM centos:7\nRUN yum install -y x-1 && rm -rf /var/cache/*\n")
                  .empty());  // a parent directory
  // yum, dnf and microdnf share one rpm database and cache family, in order.
  EXPECT_EQ(Check("DD004", "FROM ubi9\nRUN microdnf clean all && dnf install -y x-1\n").size(), 1u);
  EXPECT_EQ(Check("DD004", "FROM centos:7\nRUN yum install -y x-1 && yum clean metadata\n").size(),
            1u);
}

TEST(PkgCacheKept, EveryAliasFillsTheCache) {
  for (const char* run :
       {"dnf -y up", "dnf -y upgrade-minimal", "dnf -y up-min", "dnf -y rei x", "dnf -y update",
        "dnf5 -y install x-1", "microdnf -y upgrade", "yum -y groupinstall Base",
        "dnf -y module install nodejs:20", "tdnf -y install x-1", "dnf makecache"}) {
    std::string text = std::string("FROM fedora:41\nRUN ") + run + "\n";
    EXPECT_EQ(Check("DD004", text).size(), 1u) << run;
    EXPECT_TRUE(Check("DD004", text.substr(0, text.size() - 1) + " && dnf clean all\n").empty())
        << run;
  }
  for (const char* run : {"zypper -n in x", "zypper -n install x", "zypper -n patch",
                          "zypper -n up", "zypper -n update", "zypper -n dup", "zypper -n rm x",
                          "zypper -n remove x", "zypper -n si x", "zypper ref"}) {
    std::string text = std::string("FROM opensuse/leap:15.6\nRUN ") + run + "\n";
    EXPECT_EQ(Check("DD004", text).size(), 1u) << run;
    EXPECT_TRUE(Check("DD004", text.substr(0, text.size() - 1) + " && zypper cc\n").empty()) << run;
  }
}

TEST(PkgCacheKept, CacheAndTmpfsMountsOnTheCacheDirectory) {
  for (const char* mount :
       {"type=cache,target=/var/cache/dnf", "type=tmpfs,target=/var/cache/libdnf5",
        "type=cache,target=/var/cache/yum", "type=cache,target=/var/cache"}) {
    EXPECT_TRUE(Check("DD004", std::string("FROM rockylinux:9\nRUN --mount=") + mount +
                                   " dnf install -y x-1\n")
                    .empty())
        << mount;
  }
  EXPECT_EQ(Check("DD004",
                  "FROM rockylinux:9\nRUN --mount=type=cache,target=/var/lib/foo dnf install -y "
                  "x-1\n")
                .size(),
            1u);
  EXPECT_EQ(Check("DD004",
                  "FROM rockylinux:9\nRUN --mount=type=bind,target=/var/cache/dnf dnf install -y "
                  "x-1\n")
                .size(),
            1u);  // a bind mount is not thrown away
  EXPECT_TRUE(Check("DD004",
                    "FROM python:3.12-slim\nUSER app\nRUN "
                    "--mount=type=cache,target=/home/app/.cache/pip,uid=1000 pip install x==1\n")
                  .empty());
  EXPECT_TRUE(Check("DD004",
                    "FROM node:20\nRUN --mount=type=tmpfs,target=/usr/local/share/.cache/yarn "
                    "yarn install\n")
                  .empty());
}

TEST(PkgCacheKept, PipNoCacheDirValuesAndWhereTheyAreSet) {
  for (const char* v : {"1", "true", "True", "yes", "on", "ON"}) {
    std::string value(v);
    EXPECT_TRUE(Check("DD004", "FROM python:3.12\nENV PIP_NO_CACHE_DIR=" + value +
                                   "\nRUN pip install x==1\n")
                    .empty())
        << v;
    EXPECT_TRUE(Check("DD004", "FROM python:3.12\nARG PIP_NO_CACHE_DIR=" + value +
                                   "\nRUN pip install x==1\n")
                    .empty())
        << v;
    EXPECT_TRUE(
        Check("DD004", "FROM python:3.12\nRUN PIP_NO_CACHE_DIR=" + value + " pip install x==1\n")
            .empty())
        << v;
    EXPECT_TRUE(Check("DD004", "FROM python:3.12\nRUN export PIP_NO_CACHE_DIR=" + value +
                                   " && pip install x==1\n")
                    .empty())
        << v;
    EXPECT_TRUE(Check("DD004", "FROM python:3.12\nRUN env PIP_NO_CACHE_DIR=" + value +
                                   " python3 -m pip install x==1\n")
                    .empty())
        << v;
  }
  for (const char* v : {"0", "false", "off", "no"}) {
    std::string value(v);
    auto out = Check(
        "DD004", "FROM python:3.12\nENV PIP_NO_CACHE_DIR=" + value + "\nRUN pip install x==1\n");
    ASSERT_EQ(out.size(), 1u) << v;
    EXPECT_TRUE(Mentions(out[0], "PIP_NO_CACHE_DIR=" + value)) << v;
    EXPECT_EQ(
        Check("DD004", "FROM python:3.12\nRUN PIP_NO_CACHE_DIR=" + value + " pip install x==1\n")
            .size(),
        1u)
        << v;
    EXPECT_EQ(Check("DD004", "FROM python:3.12\nRUN export PIP_NO_CACHE_DIR=" + value +
                                 " && pip install x==1\n")
                  .size(),
              1u)
        << v;
  }
  // Inherited from the stage it is built FROM, but not from an unrelated one; export after the
  // install, or unset before it, does not count.
  EXPECT_TRUE(Check("DD004",
                    "FROM python:3.12 AS base\nENV PIP_NO_CACHE_DIR=1\nFROM base\nRUN pip install "
                    "x==1\n")
                  .empty());
  EXPECT_EQ(Check("DD004",
                  "FROM python:3.12 AS base\nENV PIP_NO_CACHE_DIR=1\nFROM python:3.12\nRUN pip "
                  "install x==1\n")
                .size(),
            1u);
  EXPECT_EQ(Check("DD004", "FROM python:3.12\nRUN pip install x==1 && export PIP_NO_CACHE_DIR=1\n")
                .size(),
            1u);
  EXPECT_EQ(Check("DD004",
                  "FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nRUN unset PIP_NO_CACHE_DIR; pip "
                  "install x==1\n")
                .size(),
            1u);
  // pip cache purge and an rm of the cache after the install clean it; pipx is exempt.
  EXPECT_TRUE(
      Check("DD004", "FROM python:3.12\nRUN pip install x==1 && pip cache purge\n").empty());
  EXPECT_TRUE(
      Check("DD004", "FROM python:3.12\nRUN pip install x==1 && rm -rf ~/.cache/pip\n").empty());
  EXPECT_TRUE(
      Check("DD004", "FROM python:3.12\nRUN pip install x==1 && rm -rf /root/.cache\n").empty());
  EXPECT_TRUE(Check("DD004", "FROM python:3.12\nRUN pipx install black==24.4.2\n").empty());
  EXPECT_EQ(Check("DD004", "FROM python:3.12\nRUN uv pip install --system x==1\n").size(), 1u);
  EXPECT_TRUE(
      Check("DD004", "FROM python:3.12\nRUN uv pip install --system --no-cache x==1\n").empty());
}

TEST(PkgCacheKept, LanguageManagers) {
  auto out = Check("DD004", "FROM node:20\nRUN yarn cache clean && yarn install\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(Mentions(out[0], "yarn cache clean"));
  EXPECT_EQ(Check("DD004", "FROM node:20\nRUN yarn --frozen-lockfile\n").size(), 1u);  // bare yarn
  EXPECT_TRUE(Check("DD004", "FROM node:20\nRUN yarn build\n").empty());
  EXPECT_TRUE(Check("DD004", "FROM node:20\nRUN npm ci && npm cache clean --force\n").empty());
  EXPECT_TRUE(Check("DD004", "FROM node:20\nRUN pnpm install --frozen-lockfile\n").empty());
  EXPECT_EQ(Check("DD004", "FROM ruby:3.3\nRUN bundle install\n").size(), 1u);
  EXPECT_TRUE(Check("DD004",
                    "FROM ruby:3.3\nRUN bundle install && rm -rf ~/.bundle/ "
                    "\"${BUNDLE_PATH}\"/ruby/*/cache\n")
                  .empty());
  EXPECT_TRUE(
      Check("DD004", "FROM ruby:3.3\nRUN gem install rails:7.1.3 && rm -rf $GEM_HOME/cache\n")
          .empty());
  EXPECT_EQ(Check("DD004", "FROM continuumio/miniconda3\nRUN conda install -y x=1\n").size(), 1u);
  EXPECT_TRUE(Check("DD004",
                    "FROM continuumio/miniconda3\nRUN conda install -y x=1 && conda "
                    "clean -tipsy\n")
                  .empty());
  EXPECT_EQ(Check("DD004", "FROM golang:1.22\nRUN go install example.com/x@v1.0.0\n").size(), 1u);
  EXPECT_TRUE(Check("DD004",
                    "FROM golang:1.22\nRUN --mount=type=cache,target=/root/.cache/go-build "
                    "--mount=type=cache,target=/go/pkg/mod go install example.com/x@v1.0.0\n")
                  .empty());
  EXPECT_TRUE(Check("DD004",
                    "FROM rust:1.80\nRUN cargo install x@1.0.0 && rm -rf "
                    "$CARGO_HOME/registry\n")
                  .empty());
  out = Check("DD004", "FROM alpine:3.20\nRUN apk update && apk add --no-cache x=1\n");
  ASSERT_EQ(out.size(), 1u);  // the index apk update stored stays
  EXPECT_TRUE(Mentions(out[0], "apk add --no-cache"));
}

TEST(AptListsKept, OrderMountsAndDockerClean) {
  auto out = Check("DD003",
                   "FROM debian:12-slim\nRUN apt-get update && apt-get install -y x=1 && rm -rf "
                   "/var/lib/apt/lists/* && apt-get update\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(Mentions(out[0], "apt-get update"));
  EXPECT_TRUE(Check("DD003", "FROM debian:12-slim\nRUN apt-get install -y x=1\n").empty());
  EXPECT_TRUE(
      Check("DD003", "FROM debian:12-slim\nRUN apt-get update && apt-get distclean\n").empty());
  EXPECT_TRUE(Check("DD003",
                    "FROM debian:12-slim\nRUN --mount=type=tmpfs,target=/var/lib/apt apt-get "
                    "update\n")
                  .empty());
  // docker-clean off: the archives need a clean too, after the install.
  const char* off = "FROM debian:12-slim\nRUN rm -f /etc/apt/apt.conf.d/docker-clean\n";
  out = Check("DD003", std::string(off) +
                           "RUN apt-get update && apt-get install -y x=1 && rm -rf "
                           "/var/lib/apt/lists/*\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(Mentions(out[0], "line 2"));
  EXPECT_TRUE(Check("DD003", std::string(off) +
                                 "RUN apt-get update && apt-get install -y x=1 && apt-get clean && "
                                 "rm -rf /var/lib/apt/lists/*\n")
                  .empty());
  EXPECT_TRUE(Check("DD003", std::string(off) +
                                 "RUN --mount=type=cache,target=/var/cache/apt "
                                 "--mount=type=cache,target=/var/lib/apt apt-get update && "
                                 "apt-get install -y x=1\n")
                  .empty());
}

TEST(PkgUnpinned, EveryPinSyntax) {
  for (const char* run :
       {"apt-get install -y curl=7.88.1-10", "apk add --no-cache curl=8.9.1-r0 'git>2.4' musl~1.2",
        "yum install -y curl-7.76.1", "dnf install -y curl-7.76.1-29.el9_4",
        "microdnf install -y "
        "openssl-1:3.0.7",
        "dnf module install -y nodejs:20", "zypper -n in curl=8.0.1 'git>=2.4'",
        "pip install flask==3.0.3 'requests>=2.31' 'attrs~=23.1' 'six!=1.0'",
        "npm install -g express@4.19.2 @scope/x@1.0.0", "gem install rails:7.1.3",
        "gem install rails -v 7.1.3", "conda install -y numpy=1.26 'scipy>=1.13'",
        "cargo install ripgrep@14.1.0", "go install golang.org/x/tools/gopls@v0.15.3",
        "pnpm add -g pnpm@9.4.0", "uv pip install --system flask==3.0.3"}) {
    EXPECT_TRUE(Check("DD005", std::string("FROM debian:12-slim\nRUN ") + run + "\n").empty())
        << run;
  }
  for (const char* run :
       {"apt-get install -y curl", "apt-get install -y curl/bookworm-backports",
        "apk add --no-cache curl", "yum install -y curl", "dnf install -y curl",
        "microdnf install -y java-1.8.0-openjdk", "dnf module install -y nodejs",
        "zypper -n in curl", "pip install flask", "npm i -g express@latest", "gem install rails",
        "conda install -y numpy", "cargo install ripgrep", "go get golang.org/x/tools/gopls",
        "pnpm add -g pnpm", "uv pip install --system flask"}) {
    auto out = Check("DD005", std::string("FROM debian:12-slim\nRUN ") + run + "\n");
    ASSERT_EQ(out.size(), 1u) << run;
    EXPECT_EQ(out[0].severity, core::Severity::kLow) << run;
  }
  auto out = Check("DD005", "FROM rockylinux:9\nRUN dnf module install -y nodejs\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(Mentions(out[0], "<module>:<stream>"));
  out = Check("DD005", "FROM rockylinux:9\nRUN dnf install -y nginx\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(Mentions(out[0], "<name>-<version>"));
}

TEST(PkgUnpinned, LocalFilesPathsAndUrlsNeverFire) {
  for (const char* run :
       {"apt-get install -y ./x_1.0_amd64.deb /tmp/y.deb", "apk add --no-cache /tmp/*.apk",
        "yum install -y ./x.rpm https://example.com/y.rpm /tmp/*.rpm",
        "dnf install -y @development", "zypper -n in /tmp/x.rpm",
        "pip install ./dist/*.whl foo/bar x.tar.gz https://example.com/y.zip -r req.txt -e .",
        "npm install ./x /y ../z ~/w x.tgz file:../v https://example.com/x.tgz",
        "gem install ./x.gem", "go install ./cmd/app .", "cargo install --path .",
        "dnf install -y 'dnf-command(config-manager)' 'perl(JSON::PP)'",
        "zypper -n in -t pattern devel_basis", "conda install -y ./x.tar.bz2 --file r.txt"}) {
    EXPECT_TRUE(Check("DD005", std::string("FROM debian:12-slim\nRUN ") + run + "\n").empty())
        << run;
  }
  // Variables: pinned by a build argument even when its value is unknown.
  EXPECT_TRUE(Check("DD005", "FROM rockylinux:9\nARG V\nRUN dnf install -y nginx-${V}\n").empty());
  EXPECT_TRUE(
      Check("DD005", "FROM rockylinux:9\nARG V=1.20.1\nRUN dnf install -y nginx-$V\n").empty());
}

TEST(UpdateAlone, OrderAndManagers) {
  EXPECT_EQ(Lines(Check("DD012",
                        "FROM debian:12-slim\nRUN apt-get install -y x && \\\n"
                        "  apt-get update\n")),
            (std::vector<int>{3}));
  EXPECT_TRUE(Check("DD012", "FROM debian:12-slim\nRUN apt update && apt install -y x\n").empty());
  EXPECT_TRUE(Check("DD012", "FROM debian:12-slim\nRUN apt-get update && apt-get build-dep -y x\n")
                  .empty());
  EXPECT_TRUE(Check("DD012", "FROM alpine:3.20\nRUN apk update && apk upgrade\n").empty());
  for (const char* run :
       {"yum update -y", "dnf update -y", "zypper -n up", "dnf makecache", "zypper ref"}) {
    EXPECT_TRUE(Check("DD012", std::string("FROM fedora:41\nRUN ") + run + "\n").empty()) << run;
  }
}

TEST(PkgPrompt, EverySpellingOfYes) {
  for (const char* run : {"apt-get install -y x",
                          "apt-get install --yes x",
                          "apt-get install --assume-yes x",
                          "apt-get -qq install x",
                          "apt-get -q -q install x",
                          "apt-get --quiet --quiet install x",
                          "apt-get -q=2 install x",
                          "apt-get -fmy install x",
                          "apt-get install -yq x",
                          "apt-get -o APT::Get::Assume-Yes=true install x",
                          "apt-get install -s x",
                          "yes | apt-get install x",
                          "yum -y install x",
                          "yum install --assumeyes x",
                          "dnf -qy install x",
                          "dnf --setopt=assumeyes=True install x",
                          "microdnf -y install x",
                          "zypper -n in x",
                          "zypper --non-interactive install x",
                          "zypper in -y x",
                          "zypper in --no-confirm x",
                          "conda install -y x",
                          "mamba install --yes x",
                          "micromamba install x",
                          "pip uninstall -y x",
                          "PIP_YES=1 pip uninstall x",
                          "apt-get update",
                          "dnf makecache",
                          "apk add x"}) {
    EXPECT_TRUE(Check("DD017", std::string("FROM debian:12-slim\nRUN ") + run + "\n").empty())
        << run;
  }
  for (const char* run :
       {"apt-get install x",     "apt-get -q install x",   "apt-get install --quiet x",
        "apt install x",         "aptitude install x",     "apt-get remove x",
        "apt-get upgrade",       "apt-get -f install",     "yum install x",
        "yum groupinstall Base", "yum localinstall x.rpm", "dnf install x",
        "dnf upgrade",           "microdnf install x",     "zypper in x",
        "zypper rm x",           "zypper patch",           "conda install x",
        "conda clean --all",     "pip uninstall x"}) {
    auto out = Check("DD017", std::string("FROM debian:12-slim\nRUN ") + run + "\n");
    ASSERT_EQ(out.size(), 1u) << run;
    EXPECT_EQ(out[0].severity, core::Severity::kMedium) << run;
  }
  // An assume-yes in apt.conf holds in the stages built FROM this one, not in others.
  const char* conf =
      "FROM debian:12-slim AS base\nRUN echo 'APT::Get::Assume-Yes \"true\";' > "
      "/etc/apt/apt.conf.d/90yes\n";
  EXPECT_TRUE(Check("DD017", std::string(conf) + "FROM base\nRUN apt-get install x\n").empty());
  EXPECT_EQ(
      Check("DD017", std::string(conf) + "FROM debian:12-slim\nRUN apt-get install x\n").size(),
      1u);
}

TEST(AptNotAptGet, AnyAptProgramButNotItsWords) {
  EXPECT_EQ(Lines(Check("DD018", "FROM ubuntu:24.04\nRUN sudo /usr/bin/apt list --installed\n")),
            (std::vector<int>{2}));
  EXPECT_TRUE(
      Check("DD018", "FROM ubuntu:24.04\nRUN apt-get update && apt-cache policy x\n").empty());
  EXPECT_TRUE(Check("DD018", "FROM ubuntu:24.04\nRUN aptitude install -y x\n").empty());
}

TEST(DistUpgrade, EveryManagersSpelling) {
  for (const char* run :
       {"apt-get -y dist-upgrade", "apt-get -q dist-upgrade", "apt full-upgrade -y",
        "zypper dist-upgrade", "zypper -n dup", "dnf -y distro-sync"}) {
    auto out = Check("DD019", std::string("FROM debian:12-slim\nRUN ") + run + "\n");
    ASSERT_EQ(out.size(), 1u) << run;
    EXPECT_EQ(out[0].severity, core::Severity::kMedium);
  }
  for (const char* run : {"apt-get -y upgrade", "zypper -n up", "dnf -y upgrade"}) {
    EXPECT_TRUE(Check("DD019", std::string("FROM debian:12-slim\nRUN ") + run + "\n").empty())
        << run;
  }
}

}  // namespace
}  // namespace drydock::rules
