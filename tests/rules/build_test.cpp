// SPDX-License-Identifier: Apache-2.0
// Base (DD1xx) and build (DD9xx) rules in detail, and the stage helpers they share: which stages
// ship, which packages survive their RUN, and where findings point.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "rule_check.h"
#include "rules/catalog.h"
#include "rules/detail/build_stages.h"
#include "sources/dockerfile/parser.h"

namespace drydock::rules {
namespace {

using testing::Check;
using testing::CheckSpec;
using testing::Lines;
using testing::Mentions;
using testing::ParseText;

std::vector<std::string> KeptNames(std::string_view text) {
  model::BuildSpec spec = ParseText(text);
  std::vector<std::string> names;
  for (const auto& k : detail::KeptOsPackages(detail::FinalChain(spec))) names.push_back(k.name);
  return names;
}

TEST(FinalChain, FollowsFromStageReferences) {
  auto spec = ParseText(
      "FROM alpine:3.20 AS base\nFROM golang:1.22 AS build\nFROM base AS mid\n"
      "FROM mid\n");
  auto chain = detail::FinalChain(spec);
  ASSERT_EQ(chain.size(), 3u);
  EXPECT_EQ(chain[0]->index, 3);
  EXPECT_EQ(chain[1]->index, 2);
  EXPECT_EQ(chain[2]->index, 0);
  EXPECT_FALSE(detail::ShipsInFinalImage(spec, spec.stages[1]));
  EXPECT_TRUE(detail::FinalChain(ParseText("")).empty());
}

TEST(ImageKinds, FullOsAndToolchains) {
  auto ref = [](std::string_view from) {
    return ParseText(std::string(from) + "\n").stages[0].base;
  };
  EXPECT_TRUE(detail::IsFullOsImage(ref("FROM docker.io/library/ubuntu:24.04")));
  EXPECT_TRUE(detail::IsFullOsImage(ref("FROM registry.access.redhat.com/ubi9/ubi:9.4")));
  EXPECT_FALSE(detail::IsFullOsImage(ref("FROM registry.access.redhat.com/ubi9/ubi-minimal")));
  EXPECT_FALSE(detail::IsFullOsImage(ref("FROM debian:bookworm-slim")));
  EXPECT_FALSE(detail::IsFullOsImage(ref("FROM rockylinux:9-minimal")));
  EXPECT_TRUE(detail::IsFullOsImage(ref("FROM opensuse/leap:15.6")));
  EXPECT_TRUE(detail::ToolchainImage(ref("FROM golang:1.22-alpine")).has_value());
  EXPECT_TRUE(detail::ToolchainImage(ref("FROM eclipse-temurin:21")).has_value());
  EXPECT_FALSE(detail::ToolchainImage(ref("FROM eclipse-temurin:21-jre")).has_value());
  EXPECT_FALSE(detail::ToolchainImage(ref("FROM node:20-alpine")).has_value());
  EXPECT_TRUE(detail::ToolchainImage(ref("FROM node")).has_value());
  EXPECT_TRUE(detail::ToolchainImage(ref("FROM mcr.microsoft.com/dotnet/sdk:8.0")).has_value());
  EXPECT_FALSE(detail::ToolchainImage(ref("FROM mcr.microsoft.com/dotnet/aspnet:8.0")));
}

TEST(KeptOsPackages, OfficialImageAptMarkIdiomRemovesBuildDeps) {
  // The docker-library pattern: install, build, mark everything auto, purge --auto-remove.
  auto names = KeptNames(
      "FROM debian:12-slim\n"
      "RUN set -eux; \\\n"
      "  savedAptMark=\"$(apt-mark showmanual)\"; \\\n"
      "  apt-get update; \\\n"
      "  apt-get install -y --no-install-recommends gcc libc6-dev make wget; \\\n"
      "  make; \\\n"
      "  apt-mark auto '.*' > /dev/null; \\\n"
      "  [ -z \"$savedAptMark\" ] || apt-mark manual $savedAptMark; \\\n"
      "  apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false; \\\n"
      "  rm -rf /var/lib/apt/lists/*\n"
      "RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf "
      "/var/lib/apt/lists/*\n");
  EXPECT_EQ(names, (std::vector<std::string>{"tini"}));
}

TEST(KeptOsPackages, AptMarkAutoThroughXargs) {
  auto names = KeptNames(
      "FROM debian:12-slim\n"
      "RUN apt-get install -y --no-install-recommends dpkg-dev gcc \\\n"
      " && apt-mark showmanual | xargs apt-mark auto > /dev/null \\\n"
      " && apt-get purge -y --auto-remove\n");
  EXPECT_TRUE(names.empty());
}

TEST(KeptOsPackages, ApkVirtualGroupsAndLaterRemoval) {
  EXPECT_EQ(KeptNames("FROM alpine:3.20\nRUN apk add --no-cache -t .deps gcc curl && apk del "
                      ".deps\nRUN apk add --no-cache vim\nRUN apk del vim\n"),
            std::vector<std::string>{});
  EXPECT_EQ(KeptNames("FROM alpine:3.20\nRUN apk add --no-cache sudo\nRUN apk del curl\n"),
            (std::vector<std::string>{"sudo"}));
}

TEST(FullOs, PointsAtTheStageThatPullsTheDistribution) {
  auto out = Check("DD101", "FROM ubuntu:22.04 AS base\nRUN true\nFROM base\nCMD [\"a\"]\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].location.line, 1);
  EXPECT_NE(out[0].message.find("ubuntu:22.04"), std::string::npos);
  EXPECT_TRUE(Check("DD101", "FROM ubuntu:22.04 AS base\nFROM alpine:3.20\n").empty());
}

TEST(AttackTools, OneFindingPerRunNamingEveryTool) {
  auto out = Check("DD102",
                   "FROM debian:12-slim\n"
                   "RUN apt-get update \\\n"
                   " && apt-get install -y --no-install-recommends \\\n"
                   "      ca-certificates \\\n"
                   "      curl \\\n"
                   "      netcat-openbsd \\\n"
                   " && rm -rf /var/lib/apt/lists/*\n"
                   "RUN apk add --no-cache gdb\n");
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].location.line, 5);
  EXPECT_NE(out[0].message.find("`curl` and `netcat-openbsd`"), std::string::npos);
  EXPECT_EQ(out[1].location.line, 8);
  EXPECT_TRUE(Check("DD102",
                    "FROM debian:12-slim\nRUN apt-get install -y curl && curl -o /x "
                    "https://e.com/x && apt-get purge -y curl\n")
                  .empty());
}

TEST(ToolchainInFinal, LongPackageListsAreShortened) {
  auto out = Check("DD901",
                   "FROM debian:12-slim\nRUN apt-get install -y a-dev b-dev c-dev d-dev "
                   "e-dev f-dev g-dev h-dev i-dev j-dev\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_NE(out[0].message.find("`h-dev` and 2 more"), std::string::npos) << out[0].message;
}

TEST(ToolchainInFinal, BaseAndPackagesReportedSeparately) {
  auto out = Check("DD901",
                   "FROM python:3.12\nRUN apt-get update && apt-get install -y libpq-dev "
                   "gcc-12 && rm -rf /var/lib/apt/lists/*\n");
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].location.line, 1);
  EXPECT_NE(out[1].message.find("`libpq-dev` and `gcc-12`"), std::string::npos);
  EXPECT_TRUE(Check("DD901", "FROM python:3.12-slim\nRUN apt-get install -y libpq5\n").empty());
  EXPECT_TRUE(Check("DD901", "FROM golang:1.22 AS b\nFROM scratch\nCOPY --from=b /a /a\n").empty());
}

TEST(SourcesInFinal, CompileCommandMakesTheContextCopyASourceLeak) {
  auto out = Check("DD902", "FROM debian:12-slim\nCOPY . /src\nRUN make -C /src\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].location.line, 2);
  EXPECT_NE(out[0].message.find("`make`"), std::string::npos);
  EXPECT_TRUE(
      Check("DD902", "FROM python:3.12-slim\nCOPY . /app\nCMD [\"python\", \"app.py\"]\n").empty());
  EXPECT_EQ(Check("DD902",
                  "FROM alpine:3.20\nADD --keep-git-dir=true "
                  "https://github.com/a/b.git /src\n")
                .size(),
            1u);
}

TEST(DevDependencies, NodeYarnPipPoetry) {
  EXPECT_EQ(Check("DD903", "FROM node:20-slim\nRUN yarn\n").size(), 1u);
  EXPECT_EQ(Check("DD903", "FROM node:20-slim\nRUN yarn install --production\n").size(), 0u);
  EXPECT_EQ(Check("DD903", "FROM node:20-slim\nRUN yarn --version\n").size(), 0u);
  EXPECT_EQ(Check("DD903", "FROM node:20-slim\nRUN NODE_ENV=production npm ci\n").size(), 0u);
  EXPECT_EQ(Check("DD903", "FROM node:20-slim\nRUN npm install -g pm2@5.3.1\n").size(), 0u);
  EXPECT_EQ(Check("DD903", "FROM node:20-slim\nRUN npm install -D jest@29\n").size(), 1u);
  EXPECT_EQ(
      Check("DD903", "FROM python:3.12-slim\nRUN pip install --no-cache-dir -e '.[dev]'\n").size(),
      1u);
  EXPECT_EQ(Check("DD903", "FROM python:3.12-slim\nRUN poetry install --no-root\n").size(), 1u);
  EXPECT_EQ(Check("DD903", "FROM python:3.12-slim\nRUN poetry install --only main\n").size(), 0u);
  auto out = Check("DD903", "FROM node:20-slim\nWORKDIR /app\nRUN npm ci \\\n && npm test\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].location.line, 3);
}

}  // namespace
}  // namespace drydock::rules
