// SPDX-License-Identifier: Apache-2.0
// Supply-chain (DD4xx) and privilege (DD809) rules in detail: counts, settings-dependent
// behaviour and the pipe/flag recognition the catalog examples only sample.
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

TEST(TagNotDigest, OneFindingPerPulledImage) {
  auto out = Check("DD401",
                   "FROM golang:1.22 AS build\nFROM build AS test\nFROM scratch\n"
                   "COPY --from=build /a /a\nCOPY --from=0 /b /b\nCOPY --from=nginx:1.27 /c /c\n");
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].location.line, 1);
  EXPECT_EQ(out[1].location.line, 6);
  EXPECT_NE(out[1].message.find("COPY --from"), std::string::npos);
}

TEST(LatestTag, GlobalArgDefaultsAndBuildArgs) {
  EXPECT_EQ(Check("DD402", "ARG TAG=latest\nFROM alpine:${TAG}\n").size(), 1u);
  EXPECT_TRUE(Check("DD402", "ARG TAG=3.20\nFROM alpine:${TAG}\n").empty());
  EXPECT_TRUE(Check("DD402", "ARG TAG=3.20\nFROM alpine:${TAG:-latest}\n").empty());
  EXPECT_EQ(Check("DD402", "ARG TAG\nFROM alpine:${TAG:-latest}\n").size(), 1u);
  EXPECT_TRUE(Check("DD402", "FROM alpine:latest@sha256:0123\n").empty());
  EXPECT_TRUE(Check("DD402", "FROM scratch\n").empty());
}

TEST(UntrustedRegistry, OffUnlessConfigured) {
  EXPECT_TRUE(Check("DD403", "FROM quay.io/x/y:1\n").empty());
  core::RuleSettings settings;
  settings.trusted_registries = {"docker.io"};
  EXPECT_TRUE(Check("DD403", "FROM alpine:3.20\nFROM library/alpine:3.20\n", settings).empty());
  auto out = Check("DD403", "FROM quay.io/x/y:1\nCOPY --from=gcr.io/a/b:1 /x /x\n", settings);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_NE(out[0].message.find("quay.io"), std::string::npos);
  EXPECT_NE(out[1].message.find("gcr.io"), std::string::npos);
}

// hadolint's DL3026 semantics: Docker Hub for unqualified names, wildcards, scratch, stages,
// and the images RUN --mount reads.
TEST(UntrustedRegistry, AsHadolintReadsTrustedRegistries) {
  auto trusted = [](std::vector<std::string> list) {
    core::RuleSettings s;
    s.trusted_registries = std::move(list);
    return s;
  };
  const char* hub =
      "FROM ubuntu:18.04 AS builder1\nFROM zemanlx/ubuntu:18.04 AS builder2\n"
      "FROM docker.io/zemanlx/ubuntu:18.04 AS builder3\n";
  EXPECT_TRUE(Check("DD403", hub, trusted({"docker.io"})).empty());
  EXPECT_TRUE(Check("DD403", hub, trusted({"hub.docker.com"})).empty());
  EXPECT_TRUE(Check("DD403", hub, trusted({"*"})).empty());
  EXPECT_EQ(Check("DD403", hub, trusted({"trusted.com"})).size(), 3u);
  EXPECT_TRUE(Check("DD403", "FROM scratch\n", trusted({"x.com"})).empty());
  EXPECT_TRUE(Check("DD403", "FROM random.com/foo AS builder1\nFROM builder1 AS builder2\n",
                    trusted({"random.com"}))
                  .empty());
  EXPECT_EQ(Check("DD403", "FROM x.com/debian\n", trusted({"*.random.com"})).size(), 1u);
  EXPECT_TRUE(
      Check("DD403", "FROM foo.random.com/debian\n", trusted({"x.com", "*.random.com"})).empty());
  EXPECT_EQ(Check("DD403", "FROM random.com/debian\n", trusted({"*.random.com"})).size(), 1u);
  EXPECT_TRUE(Check("DD403", "FROM registry.example.org/a\n", trusted({"registry.*"})).empty());
  EXPECT_TRUE(Check("DD403", "FROM ghcr.io/myorg/a/b:1\n", trusted({"ghcr.io/myorg/*"})).empty());
  EXPECT_EQ(Check("DD403", "FROM ghcr.io/other/a:1\n", trusted({"ghcr.io/myorg/*"})).size(), 1u);

  const auto only = trusted({"trusted.com"});
  EXPECT_EQ(
      Check("DD403", "FROM scratch\nCOPY --from=untrusted.com/repo/image:tag /foo /bar\n", only)
          .size(),
      1u);
  EXPECT_TRUE(
      Check("DD403", "FROM scratch\nCOPY --from=trusted.com/repo/image:tag /foo /bar\n", only)
          .empty());
  for (const char* type : {"bind", "cache"}) {
    const std::string run = std::string("FROM scratch\nRUN --mount=type=") + type +
                            ",from=untrusted.com/repo/image:tag,target=/foo foobar\n";
    auto out = Check("DD403", run, only);
    ASSERT_EQ(out.size(), 1u) << type;
    EXPECT_EQ(out[0].location.line, 2);
    EXPECT_TRUE(Check("DD403",
                      std::string("FROM scratch\nRUN --mount=type=") + type +
                          ",from=trusted.com/repo/image:tag,target=/foo foobar\n",
                      only)
                    .empty());
  }
  // A mount from an earlier stage, or one without from=, is no image.
  EXPECT_TRUE(Check("DD403",
                    "FROM trusted.com/a AS build\nFROM scratch\n"
                    "RUN --mount=type=bind,from=build,target=/b x\n"
                    "RUN --mount=type=cache,target=/root/.cache y\n",
                    only)
                  .empty());
}

TEST(RemoteAddUnverified, PipelinesAndSubstitutions) {
  const std::vector<std::string> fires = {
      "RUN curl -sL https://x | bash",
      "RUN curl -sL https://x | sudo -E bash -",
      "RUN wget -qO- https://x | sh -s -- --yes",
      "RUN curl -sSL https://install.python-poetry.org | python3 -",
      "RUN curl -fsSL https://x | tee /tmp/log | sh",
      "RUN set -e; bash <(curl -fsSL https://x)",
      "RUN bash -c \"$(wget -qO- https://x)\"",
      "RUN eval \"$(curl -fsSL https://x)\"",
      "ADD https://x/y.tar.gz /z/",
      "ADD https://github.com/o/r.git#v1.2 /src",
  };
  for (const auto& line : fires) {
    EXPECT_EQ(Check("DD404", "FROM debian:12\n" + line + "\n").size(), 1u) << line;
  }
  const std::vector<std::string> silent = {
      "RUN curl -fsSL https://x -o /tmp/a && sha256sum -c sums && sh /tmp/a",
      "RUN curl -fsSL https://x | tar -xz -C /opt",
      "RUN curl -fsSL https://x | sh -c 'cat > /tmp/x'",
      "RUN echo hi | bash",
      "RUN curl -fsSL https://x | gpg --dearmor > k.gpg; bash ./install.sh",
      "ADD --checksum=sha256:0123 https://x/y.tar.gz /z/",
      "ADD https://github.com/o/r.git#0123456789abcdef0123456789abcdef01234567 /src",
      "ADD local.tar.gz /z/",
  };
  for (const auto& line : silent) {
    EXPECT_TRUE(Check("DD404", "FROM debian:12\n" + line + "\n").empty()) << line;
  }
}

TEST(TlsVerifyOff, FlagsAndVariables) {
  const std::vector<std::string> fires = {
      "RUN curl --insecure https://x",
      "RUN curl -sk https://x",
      "RUN sudo wget --no-check-certificate https://x",
      "RUN python3 -m pip install --trusted-host pypi.x -r r.txt",
      "ENV PIP_TRUSTED_HOST=pypi.x",
      "RUN export NODE_TLS_REJECT_UNAUTHORIZED=0 && npm ci",
      "ENV GIT_SSL_NO_VERIFY=true",
      "RUN git config --global http.sslVerify false",
      "RUN yarn config set strict-ssl false",
      "ENV NPM_CONFIG_STRICT_SSL=false",
      "RUN echo 'sslverify=0' >> /etc/yum.conf",
      "RUN apt-get -o Acquire::https::Verify-Peer=false update",
  };
  for (const auto& line : fires) {
    EXPECT_GE(Check("DD405", "FROM debian:12\n" + line + "\n").size(), 1u) << line;
  }
  const std::vector<std::string> silent = {
      "RUN curl -o k https://x",
      "RUN curl -H 'X-k: 1' https://x",
      "ENV GIT_SSL_NO_VERIFY=0",
      "ENV PYTHONHTTPSVERIFY=1",
      "RUN npm config set strict-ssl true",
      "RUN pip install --index-url https://pypi.x/simple requests==2.32.3",
  };
  for (const auto& line : silent) {
    EXPECT_TRUE(Check("DD405", "FROM debian:12\n" + line + "\n").empty()) << line;
  }
}

TEST(PkgSignatureOff, ManagersAndConfigFiles) {
  const std::vector<std::string> fires = {
      "RUN apt-get install -y --allow-insecure-repositories x",
      "RUN microdnf install -y --nogpgcheck x",
      "RUN yum --setopt=gpgcheck=0 install -y x",
      "RUN rpm -Uvh --nodigest x.rpm",
      "RUN zypper --no-gpg-checks install -y x",
      "RUN echo 'deb [trusted=yes] http://x/ ./' > /etc/apt/sources.list.d/x.list",
      "RUN sudo apk add --allow-untrusted x.apk",
  };
  for (const auto& line : fires) {
    EXPECT_EQ(Check("DD406", "FROM debian:12\n" + line + "\n").size(), 1u) << line;
  }
  EXPECT_TRUE(Check("DD406", "FROM debian:12\nRUN echo --nogpgcheck\n").empty());
  EXPECT_TRUE(Check("DD406", "FROM fedora:40\nRUN dnf install -y x && dnf clean all\n").empty());
}

TEST(SshPort, RangesAndProtocols) {
  EXPECT_EQ(Check("DD809", "FROM a:1\nEXPOSE 22 22/tcp\n").size(), 2u);
  EXPECT_EQ(Check("DD809", "FROM a:1\nEXPOSE 1-1024/tcp\n").size(), 1u);
  EXPECT_TRUE(Check("DD809", "FROM a:1\nEXPOSE 23-1024 2200\n").empty());
  EXPECT_TRUE(Check("DD809", "FROM a:1\nARG P\nEXPOSE $P\n").empty());
  EXPECT_TRUE(Check("DD809", "FROM a:1\nEXPOSE 99999999999999999999 22-\n").empty());
  // Inherited from the stage the final one is built on.
  EXPECT_EQ(Check("DD809", "FROM a:1 AS base\nEXPOSE 22\nFROM base\n").size(), 1u);
}

}  // namespace
}  // namespace drydock::rules
