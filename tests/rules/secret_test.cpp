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

const std::string kAws = std::string("AKIA") + "GWJNXQ6FVMR44UBM";
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

TEST(BuildArg, EveryCredentialArgWithOrWithoutDefault) {
  // A literal default is DD601's too; the ARG name is DD606's either way.
  const char* text = "FROM alpine:3.20\nARG NPM_TOKEN=abcd1234efgh5678\nARG GH_TOKEN\n";
  auto literal = Check("DD601", text);
  auto arg = Check("DD606", text);
  ASSERT_EQ(literal.size(), 1u);
  ASSERT_EQ(arg.size(), 2u);
  EXPECT_EQ(literal[0].location.line, 2);
  EXPECT_EQ(arg[0].location.line, 2);
  EXPECT_EQ(arg[1].location.line, 3);
  ASSERT_TRUE(arg[1].secret.has_value());
  EXPECT_EQ(arg[1].secret->masked, "");
}

TEST(BuildArg, NamesFollowBuildKitAndPointersAreNotSecrets) {
  for (const char* name : {"GITHUB_TOKEN", "AWS_SECRET_ACCESS_KEY", "SECRET_PASSPHRASE", "password",
                           "ARTIFACTORY_PSW", "AWS_ACCESS_KEY_ID", "VITE_AWS_ACCESS_KEY_ID",
                           "API_KEY", "apikey", "DOCKER_AUTH", "GCP_CREDENTIALS"}) {
    auto out = Check("DD606", std::string("FROM a:1\nARG ") + name + "\n");
    EXPECT_EQ(out.size(), 1u) << name;
  }
  for (const char* name :
       {"PUBLIC_KEY", "public_token", "GPG_KEY", "TOKEN_FILE", "GOOGLE_APPLICATION_CREDENTIALS",
        "AWS_CONFIG_FILE", "KEY_ID", "DB_PASSWORD_FILE", "APP_VERSION", "KEYCLOAK_URL"}) {
    EXPECT_TRUE(Check("DD606", std::string("FROM a:1\nARG ") + name + "\n").empty()) << name;
  }
}

TEST(BuildArg, EnvPlaceholdersAreMediumLiteralsAreDD601) {
  auto out = Check("DD606",
                   "FROM a:1\nENV GITHUB_TOKEN=placeholder\nENV API_KEY=\"\"\n"
                   "ENV DB_PASSWORD=${DB_PASSWORD}\nENV NPM_TOKEN=s3cr3t-Pa55w0rd\n"
                   "ENV API_KEY_PATH=/run/secrets/k\n");
  ASSERT_EQ(out.size(), 3u);
  for (const auto& f : out) EXPECT_EQ(f.severity, core::Severity::kMedium);
  EXPECT_EQ(out[0].location.line, 2);
  EXPECT_EQ(out[2].location.line, 4);
}

TEST(FileCopied, CredentialFileVariables) {
  auto out = Check("DD602",
                   "FROM a:1\nCOPY ./config $AWS_CONFIG_FILE\nCOPY k.json ${KUBECONFIG}\n"
                   "COPY x /opt/x\n");
  ASSERT_EQ(out.size(), 2u);
  EXPECT_NE(out[0].message.find("AWS_CONFIG_FILE"), std::string::npos);
  // Trivy DS-0031's cases: the variable's path under a COPY destination.
  EXPECT_EQ(Check("DD602",
                  "FROM a:1\nCOPY /src /app/\n"
                  "ENV GOOGLE_APPLICATION_CREDENTIALS=./app/google-storage-service.json\n")
                .size(),
            1u);
  EXPECT_EQ(Check("DD602",
                  "FROM a:1\nCOPY . .\n"
                  "ENV GOOGLE_APPLICATION_CREDENTIALS=\"./news-extraction.json\"\n")
                .size(),
            1u);
  EXPECT_EQ(Check("DD602",
                  "FROM a:1\nCOPY /src /app/\n"
                  "ARG GOOGLE_APPLICATION_CREDENTIALS=./app/google-storage-service.json\n")
                .size(),
            1u);
  EXPECT_TRUE(Check("DD602",
                    "FROM a:1\nCOPY /src /src\n"
                    "ENV GOOGLE_APPLICATION_CREDENTIALS=./app/google-storage-service.json\n")
                  .empty());
  EXPECT_TRUE(
      Check("DD602", "FROM a:1\nENV GOOGLE_APPLICATION_CREDENTIALS=/credentials/google.json\n")
          .empty());
  // WORKDIR: `COPY . .` into /srv holds /srv/key.json, not /run/secrets/db.
  EXPECT_EQ(
      Check("DD602", "FROM a:1\nWORKDIR /srv\nCOPY . .\nENV DB_PASSWORD_FILE=key.json\n").size(),
      1u);
  EXPECT_TRUE(Check("DD602",
                    "FROM a:1\nWORKDIR /srv\nCOPY . .\n"
                    "ENV DB_PASSWORD_FILE=/run/secrets/db\n")
                  .empty());
}

TEST(CredentialFile, ToolsThatWriteStores) {
  struct Case {
    const char* run;
    std::size_t findings;
  };
  for (const Case& c : {
           Case{"docker login -u ci -p \"$PW\" registry.example", 1},
           Case{"docker login -u ci --password-stdin r.example < /run/secrets/pw && docker build "
                ". && docker logout r.example",
                0},
           Case{"gcloud auth activate-service-account --key-file=/tmp/k.json", 1},
           Case{"gcloud auth activate-service-account --key-file=/tmp/k.json && rm -rf "
                "/root/.config/gcloud",
                0},
           Case{"echo \"https://ci:$TOKEN@git.example\" | tee -a /root/.git-credentials", 1},
           Case{"printf 'machine h login u password %s' \"$PW\" > ~/.netrc", 1},
           Case{"cp /tmp/pgpass /root/.pgpass", 1},
           Case{"npm config set //registry.npmjs.org/:_authToken \"$NPM_TOKEN\" && npm ci && "
                "npm config delete //registry.npmjs.org/:_authToken",
                0},
           Case{"yarn config set npmAuthToken \"$T\"", 1},
           Case{"cargo login \"$CARGO_TOKEN\"", 1},
           Case{"kubectl config set-credentials ci --token=\"$K\"", 1},
           Case{"echo ok > /tmp/log && git config --global credential.helper cache", 0},
           Case{"echo \"PORT=3000\" > /app/.env", 0},
           Case{"echo \"API_KEY=$API_KEY\" > /app/.env", 1},
       }) {
    auto out = Check("DD608", std::string("FROM alpine:3.20\nRUN ") + c.run + "\n");
    EXPECT_EQ(out.size(), c.findings) << c.run;
  }
  // A secret mount on the store's path keeps it out of the layer; on another path it does not.
  EXPECT_TRUE(Check("DD608",
                    "FROM node:20\nRUN --mount=type=secret,id=n,target=/root/.npmrc "
                    "npm login\n")
                  .empty());
  EXPECT_EQ(Check("DD608",
                  "FROM amazon/aws-cli:2.17.0\nRUN --mount=type=secret,id=k,env=K "
                  "aws configure set aws_access_key_id \"$K\"\n")
                .size(),
            1u);
  // A heredoc body written to the store.
  EXPECT_EQ(Check("DD608",
                  "FROM alpine:3.20\nRUN cat > /root/.pypirc <<EOF\n[pypi]\n"
                  "password = ${PYPI_TOKEN}\nEOF\n")
                .size(),
            1u);
}

TEST(CredentialFile, ImageOneFindingPerPath) {
  // The detector recognises the token: DD603 reports it and DD608 stays silent.
  const std::string token = std::string("gh") + "p_kxwnQrS7RPeMOkIUpkDyr7OSJoRu1X2jfD2e";
  const std::string sketch = "file /root/.git-credentials = https://ci:" + token +
                             "@github.com\\n\nfile /root/.pgpass = h:5432:d:u:pw\\n\n"
                             "file /app/.env = PORT=3000\\n\n"
                             "file /srv/node_modules/x/credentials.json = {}\n";
  auto dd608 = testing::CheckImageSketch("DD608", sketch);
  ASSERT_EQ(dd608.size(), 1u);
  EXPECT_NE(dd608[0].message.find("/root/.pgpass"), std::string::npos);
  EXPECT_EQ(testing::CheckImageSketch("DD603", sketch).size(), 1u);
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
