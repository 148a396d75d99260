// SPDX-License-Identifier: Apache-2.0
// Secret rules (DD6xx) in detail: every finding carries Finding::secret, no message or field ever
// contains the secret, the DD601/DD606 split, context files, and precision on the docker-library
// corpus (`ENV GPG_KEY <fingerprint>` is public). Test secrets are assembled at run time.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
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

// Every finding is a secret finding, and `secret` appears in none of its text.
void ExpectMasked(const core::Findings& out, const std::string& secret) {
  for (const auto& f : out) {
    ASSERT_TRUE(f.secret.has_value()) << f.message;
    EXPECT_EQ(f.message.find(secret), std::string::npos) << f.message;
    EXPECT_EQ(f.secret->masked.find(secret), std::string::npos);
    EXPECT_FALSE(f.secret->rule.empty());
  }
}

const std::string kAws = std::string("AKIA") + "IOSFODNN7EXAMPLE";
const std::string kGhp = std::string("ghp_") + "R8x2Lm9PqWz4Tk7Va1Nc6Hd3Gf5Js02kDhj2";

TEST(EnvLiteral, DetectorHitIsMaskedAndTagged) {
  auto out = Check("DD601", "FROM alpine:3.20\nENV AWS_ACCESS_KEY_ID=" + kAws + "\n");
  ASSERT_EQ(out.size(), 1u);
  ExpectMasked(out, kAws);
  EXPECT_EQ(out[0].secret->rule, "aws-access-key-id");
  EXPECT_EQ(out[0].secret->masked, "AKIA\u2026(20)");
  EXPECT_NE(out[0].message.find("AKIA\u2026(20)"), std::string::npos);
  EXPECT_EQ(out[0].severity, core::Severity::kCritical);
}

TEST(EnvLiteral, DetectorHitUnderAnInnocentName) {
  auto out = Check("DD601", "FROM alpine:3.20\nENV CONFIG=\"token " + kGhp + "\"\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].secret->rule, "github-token");
  ExpectMasked(out, kGhp);
}

TEST(EnvLiteral, OneValueReportedOnce) {
  // The ARG literal flows into ENV by expansion: one finding, at the ARG.
  auto out = Check("DD601",
                   "FROM alpine:3.20\nARG DB_PASSWORD=s3cr3t-Pa55\n"
                   "ENV DB_PASSWORD=$DB_PASSWORD\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].location.line, 2);
  ExpectMasked(out, "s3cr3t-Pa55");
}

TEST(EnvLiteral, NamedCredentialShapes) {
  for (const char* v : {"true", "0", "8080", "/run/secrets/x", "https://auth.example/", "$X",
                        "${X:-}", "changeme", "<token>", "xxxxxxxx"}) {
    EXPECT_TRUE(Check("DD601", std::string("FROM a:1\nENV API_TOKEN=") + v + "\n").empty()) << v;
  }
}

TEST(BuildArg, NotDoubleReportedWithEnvLiteral) {
  const char* text = "FROM alpine:3.20\nARG NPM_TOKEN=abcd1234efgh5678\nARG GH_TOKEN\n";
  auto literal = Check("DD601", text);
  auto arg = Check("DD606", text);
  ASSERT_EQ(literal.size(), 1u);
  ASSERT_EQ(arg.size(), 1u);
  EXPECT_EQ(literal[0].location.line, 2);
  EXPECT_EQ(arg[0].location.line, 3);
  ASSERT_TRUE(arg[0].secret.has_value());
  EXPECT_EQ(arg[0].secret->masked, "");
}

TEST(FileCopied, ContextFilesViaCopyDot) {
  auto spec = sources::dockerfile::Parse("FROM alpine:3.20\nCOPY . /app\nCOPY --from=b . /x\n",
                                         sources::dockerfile::ParseOptions{});
  spec.has_context = true;
  spec.context_secret_files = {".env", "deploy/id_rsa"};
  auto out = CheckSpec("DD602", spec);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].location.line, 2);
  EXPECT_NE(out[0].message.find("`.env`"), std::string::npos);
  EXPECT_NE(out[0].message.find("`deploy/id_rsa`"), std::string::npos);
  spec.context_secret_files.clear();
  EXPECT_TRUE(CheckSpec("DD602", spec).empty());
}

TEST(FileCopied, BuilderStagesAreMedium) {
  auto out = Check("DD602",
                   "FROM node:20 AS deps\nCOPY .npmrc ./\nRUN npm ci\n"
                   "FROM node:20-slim\nCOPY --from=deps /app /app\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].severity, core::Severity::kMedium);
  EXPECT_NE(out[0].message.find("deps"), std::string::npos);
}

TEST(FileCopied, NamesAndExemptions) {
  for (const char* src : {".env.production", "config/.pypirc", "home/.git-credentials",
                          ".docker/config.json", "keys/*.pem", "client.p12", ".ssh/"}) {
    EXPECT_EQ(Check("DD602", std::string("FROM a:1\nCOPY ") + src + " /x/\n").size(), 1u) << src;
  }
  for (const char* src : {".env.sample", "fullchain.pem", "server.crt", "docker.gpg.key",
                          "app.keystore.txt", "environment.ts"}) {
    EXPECT_TRUE(Check("DD602", std::string("FROM a:1\nCOPY ") + src + " /x/\n").empty()) << src;
  }
}

TEST(FileCopied, HeredocCredential) {
  auto out = Check("DD602",
                   "FROM alpine:3.20\nCOPY <<EOF /root/.aws/credentials\n"
                   "[default]\naws_access_key_id = " +
                       kAws + "\nEOF\n");
  ASSERT_EQ(out.size(), 1u);
  ExpectMasked(out, kAws);
}

TEST(InCommand, LiteralsOnlyAndPreciseLines) {
  auto out = Check("DD607",
                   "FROM alpine:3.20\nRUN set -e \\\n  && echo start \\\n"
                   "  && git clone https://x-access-token:" +
                       kGhp + "@github.com/o/r.git\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].location.line, 4);
  EXPECT_EQ(out[0].secret->rule, "github-token");
  ExpectMasked(out, kGhp);
  EXPECT_TRUE(Check("DD607", "FROM a:1\nRUN curl -u \"$U:$P\" https://x\n").empty());
  EXPECT_TRUE(Check("DD607", "FROM a:1\nRUN mysql -p\"$MYSQL_PASSWORD\" -e 'select 1'\n").empty());
}

TEST(InCommand, ExecFormAndCmd) {
  auto out = Check("DD607", "FROM a:1\nCMD [\"app\", \"--password=Sup3rS3cret\"]\n");
  ASSERT_EQ(out.size(), 1u);
  ExpectMasked(out, "Sup3rS3cret");
  EXPECT_EQ(out[0].secret->rule, "cli-password");
}

TEST(InCommand, HeredocRun) {
  auto out = Check("DD607", "FROM a:1\nRUN <<EOF\nset -e\ncurl -H 'Authorization: token " + kGhp +
                                "' https://api.github.com\nEOF\n");
  ASSERT_GE(out.size(), 1u);
  ExpectMasked(out, kGhp);
}

// docker-library and the rest of the Dockerfile corpus: GPG_KEY fingerprints and *_VERSION
// variables never fire; the only DD601 hits are the two known literal passwords.
TEST(SecretCorpus, DockerfilesArePrecise) {
  const char* env = std::getenv("DRYDOCK_CORPUS");
  std::filesystem::path dir = std::filesystem::path(env ? env : DRYDOCK_CORPUS) / "dockerfiles";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "corpus not found at " << dir;
  std::size_t files = 0;
  std::vector<std::string> hits;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    std::string name = e.path().filename().string();
    if (name.find("ockerfile") == std::string::npos) continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    auto spec = sources::dockerfile::Parse(ss.str(), sources::dockerfile::ParseOptions{});
    ++files;
    for (const char* id : {"DD601", "DD606"}) {
      for (const auto& f : CheckSpec(id, spec)) hits.push_back(std::string(id) + " " + f.message);
    }
  }
  ASSERT_GT(files, 100u);
  for (const auto& h : hits) {
    EXPECT_EQ(h.find("GPG_KEY"), std::string::npos) << h;
    EXPECT_EQ(h.find("VERSION"), std::string::npos) << h;
  }
  EXPECT_LE(hits.size(), 4u);
}

}  // namespace
}  // namespace drydock::rules
