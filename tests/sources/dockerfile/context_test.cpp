// SPDX-License-Identifier: Apache-2.0
#include "sources/dockerfile/context.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "sources/dockerfile/parser.h"
#include "support/files.h"

namespace drydock::sources::dockerfile {
namespace {

namespace fs = std::filesystem;

TEST(DockerIgnore, DockerRules) {
  auto ig = DockerIgnore::Parse(
      "# comment\n\n*.pem\n!keep.pem\n/secrets\n**/.env\nconfig/*.key\ndocs/**/x?.txt\n");
  EXPECT_EQ(ig.size(), 6u);
  EXPECT_TRUE(ig.Excluded("server.pem"));
  EXPECT_FALSE(ig.Excluded("keep.pem"));        // negation, last match wins
  EXPECT_FALSE(ig.Excluded("sub/server.pem"));  // `*` does not cross '/'
  EXPECT_TRUE(ig.Excluded("secrets/id_rsa"));   // parent directory excluded
  EXPECT_TRUE(ig.Excluded(".env"));             // `**/` matches zero directories
  EXPECT_TRUE(ig.Excluded("a/b/.env"));
  EXPECT_TRUE(ig.Excluded("config/tls.key"));
  EXPECT_FALSE(ig.Excluded("config/sub/tls.key"));
  EXPECT_TRUE(ig.Excluded("docs/a/b/x1.txt"));
  EXPECT_TRUE(ig.Excluded("docs/x1.txt"));
  EXPECT_FALSE(ig.Excluded("docs/x12.txt"));
  auto neg = DockerIgnore::Parse("*\n!src\n");
  EXPECT_TRUE(neg.Excluded(".env"));
  EXPECT_FALSE(neg.Excluded("src/.env"));
}

TEST(DockerContext, SensitiveNames) {
  EXPECT_TRUE(IsSensitiveContextFile(".env"));
  EXPECT_TRUE(IsSensitiveContextFile("app/.env.production"));
  EXPECT_FALSE(IsSensitiveContextFile(".env.example"));
  EXPECT_TRUE(IsSensitiveContextFile("keys/id_ed25519"));
  EXPECT_TRUE(IsSensitiveContextFile("tls/server.key"));
  EXPECT_TRUE(IsSensitiveContextFile(".aws/credentials"));
  EXPECT_FALSE(IsSensitiveContextFile("x.aws/credentials"));
  EXPECT_TRUE(IsSensitiveContextFile("home/.docker/config.json"));
  EXPECT_FALSE(IsSensitiveContextFile("config.json"));
  EXPECT_FALSE(IsSensitiveContextFile("id_rsa.pub"));
}

using drydock::testing::TempDir;

TEST(DockerContext, ParseFileFindsSecretsNotIgnored) {
  TempDir dir;
  dir.Write("Dockerfile", "FROM alpine\nCOPY . /app\n");
  dir.Write(".env", "A=1\n");
  dir.Write("certs/server.pem", "x");
  dir.Write("certs/ok.pem", "x");
  dir.Write(".aws/credentials", "x");
  dir.Write("a/b/c/d/e/id_rsa", "x");  // deeper than the walk limit (4)
  dir.Write("src/main.go", "package main\n");
  dir.Write(".dockerignore", "certs/server.pem\n.aws\n");
  fs::create_directory_symlink("/", dir.path() / "root-link");
  ParseOptions opt;
  auto spec = ParseFile((dir.path() / "Dockerfile").string(), opt);
  ASSERT_TRUE(spec.has_value()) << spec.error().message;
  EXPECT_TRUE(spec->has_context);
  EXPECT_EQ(spec->context_secret_files, (std::vector<std::string>{".env", "certs/ok.pem"}));
  EXPECT_EQ(spec->stages.size(), 1u);
  auto no_ctx = ParseFile((dir.path() / "Dockerfile").string(), opt, false);
  ASSERT_TRUE(no_ctx.has_value());
  EXPECT_FALSE(no_ctx->has_context);
  EXPECT_TRUE(no_ctx->context_secret_files.empty());
}

TEST(DockerContext, ParseFileErrors) {
  auto missing = ParseFile("/nonexistent/Dockerfile", ParseOptions{});
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, core::ErrorCode::kInput);
  EXPECT_EQ(missing.error().message.rfind("cannot read /nonexistent/Dockerfile", 0), 0u);
  TempDir dir;
  dir.Write("Dockerfile", std::string(2000, 'x'));
  auto big = ParseFile((dir.path() / "Dockerfile").string(), ParseOptions{}, false, 1000);
  ASSERT_FALSE(big.has_value());
  EXPECT_NE(big.error().message.find("larger than 1000 bytes"), std::string::npos);
}

}  // namespace
}  // namespace drydock::sources::dockerfile
