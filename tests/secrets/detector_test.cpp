// SPDX-License-Identifier: Apache-2.0
// Unit tests for the secret detector: one true positive and one near-miss negative per rule, the
// helpers (names, placeholders, masking, entropy) and hostile input. Test secrets are assembled at
// run time so the repository does not carry scanner-triggering literals.
#include "secrets/detector.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

namespace drydock::secrets {
namespace {

std::string Cat(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (auto p : parts) out += p;
  return out;
}

// Rule ids found in `text`.
std::vector<std::string> Ids(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& m : Scan(text)) out.emplace_back(m.rule->id);
  return out;
}

// Expects exactly one match of `rule` whose value is `secret`.
void ExpectHit(const std::string& text, std::string_view rule, const std::string& secret) {
  auto matches = Scan(text);
  ASSERT_EQ(matches.size(), 1u) << text;
  EXPECT_EQ(matches[0].rule->id, rule) << text;
  EXPECT_EQ(matches[0].value, secret) << text;
  EXPECT_EQ(text.substr(matches[0].offset, secret.size()), secret);
}

void ExpectNoHit(const std::string& text) {
  auto ids = Ids(text);
  EXPECT_TRUE(ids.empty()) << text << " -> " << (ids.empty() ? "" : ids[0]);
}

const std::string kB62 = "q8Zr3LmW0xYv7TkPa2Nc5Hd9Gf4Js1Ub6EoXiRt";  // 40 mixed chars

// A GitHub/npm-format token: `prefix` + the 30-character `payload` + its checksum.
std::string Checksummed(std::string_view prefix, std::string_view payload) {
  return Cat({prefix, payload, Base62Crc32(payload)});
}

TEST(Detector, TableIsWellFormed) {
  std::set<std::string_view> ids;
  for (const auto& rule : kDetectorRules) {
    EXPECT_TRUE(ids.insert(rule.id).second) << "duplicate " << rule.id;
    EXPECT_FALSE(rule.title.empty());
    EXPECT_FALSE(rule.keywords.empty()) << rule.id;
    for (char c : rule.keywords) EXPECT_FALSE(c >= 'A' && c <= 'Z') << rule.id << " keywords";
    EXPECT_NE(FindDetectorRule(rule.id), nullptr);
  }
  EXPECT_EQ(FindDetectorRule("nope"), nullptr);
  // Every pattern compiles with one capture group: Scan over a text mentioning every keyword
  // must not crash and must find nothing.
  std::string all;
  for (const auto& rule : kDetectorRules) all += std::string(rule.keywords) + "\n";
  EXPECT_TRUE(Scan(all).empty());
}

TEST(Detector, AwsAccessKeyId) {
  std::string key = Cat({"AKIA", "GWJNXQ6FVMR44UBM"});
  ExpectHit("AWS_ACCESS_KEY_ID=" + key, "aws-access-key-id", key);
  std::string temp = Cat({"ASIA", "0123456789ABCDEF"});
  ExpectHit("key: " + temp + "\n", "aws-access-key-id", temp);
  ExpectNoHit(Cat({"AKIA", "GWJNXQ6FVMR44UB"}));     // 15 chars after the prefix
  ExpectNoHit(Cat({"xAKIA", "GWJNXQ6FVMR44UBMx"}));  // embedded in a longer word
  ExpectNoHit(Cat({"akia", "gwjnxq6fvmr44ubm"}));    // lower case
}

TEST(Detector, AwsSecretAccessKey) {
  std::string secret = Cat({"wJalrXUtnFEMI/K7MDENG/", "bPxRfiCYzz1a9QkEYm"});
  ExpectHit("aws_secret_access_key = " + secret, "aws-secret-access-key", secret);
  ExpectHit("'AWS_secret_KEY'=\"" + secret + "\"", "aws-secret-access-key", secret);
  ExpectNoHit("aws_secret_access_key = $AMAZON_SECRET_ACCESS_KEY");
  // No aws context keyword: not the AWS rule (the generic assignment rule may claim it).
  for (const auto& id : Ids("secret = " + secret)) EXPECT_NE(id, "aws-secret-access-key");
}

TEST(Detector, GitHubTokens) {
  for (std::string_view prefix : {"ghp_", "gho_", "ghu_", "ghs_", "ghr_"}) {
    std::string token = Checksummed(prefix, "R8x2Lm9PqWz4Tk7Va1Nc6Hd3Gf5Js0");
    ExpectHit("TOKEN=" + token, "github-token", token);
  }
  ExpectNoHit(Cat({"ghp_", "R8x2Lm9PqWz4Tk7Va1Nc6Hd3Gf5Js"}));  // too short
  ExpectNoHit(Checksummed("ghx_", "R8x2Lm9PqWz4Tk7Va1Nc6Hd3Gf5Js0"));
  // The right shape with a wrong checksum is not a token (nor a generic secret).
  ExpectNoHit(Cat({"GITHUB_TOKEN=ghp_", "R8x2Lm9PqWz4Tk7Va1Nc6Hd3Gf5Js0Ub2EoX"}));
  std::string pat = Cat({"github_pat_", "11BDEDMGI0smHeY1yIHWaD", "_",
                         "bIwTsJyaTaGLVUgzeFyr1AeXkxXtiYCCUkquFeIfMwZBLIU4HEOeZBVLAyv"});
  ExpectHit("GITHUB_TOKEN=" + pat, "github-fine-grained-pat", pat);
  ExpectNoHit(pat.substr(0, pat.size() - 5));
}

// GitHub's and npm's checksum: CRC32 of the 30 random characters, base62 (0-9A-Za-z), 6 wide.
TEST(Detector, Base62Crc32Checksum) {
  EXPECT_EQ(Base62Crc32("123456789"), "3jZRME");  // CRC32 check value 0xCBF43926
  EXPECT_EQ(Base62Crc32(""), "000000");
  // The example of the public write-up of the format (coolaj86's "github base62 token" gist).
  EXPECT_EQ(Base62Crc32("zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ"), "0mLq17");
  const std::string good = Checksummed("ghp_", "zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ");
  EXPECT_TRUE(ChecksumOk(Checksum::kBase62Crc32, good));
  EXPECT_TRUE(
      ChecksumOk(Checksum::kBase62Crc32, Checksummed("npm_", "zQWBuTSOoRi4A9spHcVY5ncnsD")));
  std::string bad = good;
  bad.back() = bad.back() == '7' ? '8' : '7';
  EXPECT_FALSE(ChecksumOk(Checksum::kBase62Crc32, bad));
  bad = good;
  bad[10] = bad[10] == 'x' ? 'y' : 'x';  // a payload change
  EXPECT_FALSE(ChecksumOk(Checksum::kBase62Crc32, bad));
  EXPECT_FALSE(ChecksumOk(Checksum::kBase62Crc32, "ghp_abc"));  // too short
  EXPECT_FALSE(ChecksumOk(Checksum::kBase62Crc32, good.substr(0, 34) + "-+*!$%"));
  EXPECT_TRUE(ChecksumOk(Checksum::kNone, "anything"));
}

TEST(Detector, GitLabToken) {
  std::string token = Cat({"glpat-", "Zx8Rt3Lm9PqWz4Tk7Va1"});
  ExpectHit("PRIVATE-TOKEN: " + token, "gitlab-token", token);
  ExpectNoHit(Cat({"glpat-", "Zx8Rt3Lm9Pq"}));
  ExpectNoHit(Cat({"glpat-", "xxxxxxxxxxxxxxxxxxxxxxxx"}));  // placeholder
}

TEST(Detector, Slack) {
  std::string token =
      Cat({"xoxb-", "1234567890123-", "0987654321098-", "Zx8Rt3Lm9PqWz4Tk7Va1Nc6H"});
  ExpectHit("SLACK_BOT_TOKEN=" + token, "slack-token", token);
  ExpectNoHit(Cat({"xoxq-", "1234567890123-", "Zx8Rt3Lm9PqWz4Tk7Va1Nc6H"}));
  std::string hook = Cat({"https://hooks.slack", ".com/services/", "T0ABC1DEF/B0GHI2JKL/",
                          "Zx8Rt3Lm9PqWz4Tk7Va1Nc6H"});
  ExpectHit("curl -X POST " + hook, "slack-webhook-url", hook);
  ExpectNoHit("see https://hooks.slack.com/services/ for docs");
}

TEST(Detector, Stripe) {
  std::string key = Cat({"sk_", "live_", "4eC39HqLyjWDarjtT1zdp7dc"});
  ExpectHit("STRIPE=" + key, "stripe-secret-key", key);
  ExpectNoHit(Cat({"sk_", "test_", "4eC39HqLyjWDarjtT1zdp7dc"}));
}

TEST(Detector, GoogleApiKey) {
  std::string key = Cat({"AIza", "SyCkfPOPZXDKNn8hhgu3JrA62wIgC93d44k"});
  ExpectHit("export GOOGLE_API_KEY=\"" + key + "\"", "google-api-key", key);
  ExpectNoHit(Cat({"AIza", "SyCkfPOPZXDKNn8hhgu3JrA62wIgC93d4"}));  // 33 chars
}

TEST(Detector, PrivateKey) {
  std::string pem = Cat({"-----BEGIN RSA ", "PRIVATE KEY-----\nMIIEowIBAAKCAQEA", kB62,
                         "\n-----END RSA ", "PRIVATE KEY-----"});
  ExpectHit("echo '" + pem + "' > key", "private-key", pem);
  // A header without a body is a mention (a grep, a parser), not a key.
  std::string header = Cat({"-----BEGIN OPENSSH ", "PRIVATE KEY-----"});
  ExpectNoHit(header + "\n");
  ExpectNoHit("if line.startswith(\"" + header + "\"):\n  kind = 1\n");
  // A truncated key (no END line) with a body still is one.
  std::string truncated = Cat({header, "\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAAB"});
  ExpectHit(truncated, "private-key", truncated);
  ExpectNoHit(Cat({"-----BEGIN ", "PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----"}));
  ExpectNoHit("grep -q 'BEGIN RSA PRIVATE KEY' file");
}

TEST(Detector, Jwt) {
  std::string jwt = Cat({"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9", ".",
                         "eyJzdWIiOiI0NzExIiwibmFtZSI6ImRyeWRvY2sgdGVzdCIsImlhdCI6MTcwMDAwMDAwMH0",
                         ".", "c2af9ANhA9IvFo2CDfUBJ5wD8BdMsmPwZaM2E0yduuk"});
  ExpectHit("jwt: " + jwt, "jwt", jwt);
  ExpectNoHit(Cat({"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9", ".", "eyJzdWIiOiIxMjM0NTY3ODkwIn0"}));
}

TEST(Detector, Npm) {
  std::string token = Checksummed("npm_", "Zx8Rt3Lm9PqWz4Tk7Va1Nc6Hd3Gf5J");
  ExpectHit("//registry.npmjs.org/:_authToken=" + token, "npm-token", token);
  ExpectNoHit(Cat({"npm_", "config_cache"}));
  ExpectNoHit(
      Cat({"//registry.npmjs.org/:_authToken=npm_", "Zx8Rt3Lm9PqWz4Tk7Va1Nc6Hd3Gf5Js0Ub2E"}));
}

TEST(Detector, PyPi) {
  std::string token =
      Cat({"pypi-", "AgEIcHlwaS5vcmc", "CJDk2ZDFmYzE4LTQ2YjMtNGQ1Zi05YTA0LWRhNDM0NjE5ZDAzMgAC"});
  ExpectHit("password = " + token, "pypi-token", token);
  ExpectNoHit(Cat({"pypi-", "AgEIcHlwaS5vcmc", "short"}));
}

TEST(Detector, DockerHub) {
  std::string token = Cat({"dckr_pat_", "Zx8Rt3Lm9PqWz4Tk7Va1Nc6Hd3G"});
  ExpectHit("docker login -p " + token, "dockerhub-pat", token);
  ExpectNoHit(Cat({"dckr_pat_", "short"}));
}

TEST(Detector, UrlCredentials) {
  ExpectHit("git clone https://deploy:s3cr3tPassw0rd@git.example.org/repo.git", "url-credentials",
            "s3cr3tPassw0rd");
  ExpectHit("DATABASE_URL=postgres://app:hunter2@db:5432/app", "url-credentials", "hunter2");
  ExpectNoHit("git clone https://$USER:$TOKEN@git.example.org/repo.git");
  ExpectNoHit("git clone https://user:${TOKEN}@git.example.org/repo.git");
  ExpectNoHit("curl https://user:<password>@example.org/");
  ExpectNoHit("curl http://localhost:8080/path@v1");
  ExpectNoHit("git clone ssh://git@github.com/org/repo.git");
}

// URL rules search only a window around each "://" (detector.cpp MatchFrom): the same URL must be
// found wherever it sits — first or after other URLs, quoted, in backticks, after a long scheme,
// at the very start or end of the text.
TEST(Detector, UrlCredentialsAnywhereInTheText) {
  const std::string url = "postgres://app:hunter2@db:5432/app";
  for (const std::string& text :
       {url, "x " + url, url + " y", "a=\"" + url + "\"", "`psql " + url + "`",
        "curl http://a.example/x https://b.example/y && psql '" + url + "'",
        "see https://docs.example/a://b then " + url,
        "git+https://deploy:s3cr3tPassw0rd@git.example.org/r.git " + url}) {
    auto hits = Scan(text);
    bool found = std::any_of(hits.begin(), hits.end(), [](const SecretMatch& m) {
      return m.rule->id == "url-credentials" && m.value == "hunter2";
    });
    EXPECT_TRUE(found) << text;
  }
  ExpectHit("redis+sentinel-and-a-long-scheme-name://u:s3cr3tPassw0rd@h", "url-credentials",
            "s3cr3tPassw0rd");
}

TEST(Detector, UrlToken) {
  std::string token = "Zx8Rt3Lm9PqWz4Tk7Va1Nc6Hd3Gf5Js0";
  ExpectHit("git clone https://" + token + "@git.example.org/r.git", "url-token", token);
  ExpectNoHit("git clone https://deployment-robot-account@git.example.org/r.git");  // low entropy
}

TEST(Detector, AuthorizationHeaders) {
  ExpectHit("curl -H 'Authorization: Basic dXNlcjpodW50ZXIy' https://x", "basic-auth-header",
            "dXNlcjpodW50ZXIy");
  ExpectNoHit("curl -H \"Authorization: Basic $CREDS\" https://x");
  std::string bearer = "Zx8Rt3Lm9PqWz4Tk7Va1Nc6Hd3Gf5Js0";
  ExpectHit("curl -H 'Authorization: Bearer " + bearer + "' https://x", "bearer-token-header",
            bearer);
  ExpectNoHit("curl -H \"Authorization: Bearer ${TOKEN}\" https://x");
}

TEST(Detector, GithubTokenInsideUrlIsOneMatch) {
  std::string token = Checksummed("ghp_", "R8x2Lm9PqWz4Tk7Va1Nc6Hd3Gf5Js0");
  auto ids = Ids("git clone https://x:" + token + "@github.com/o/r.git");
  ASSERT_EQ(ids.size(), 1u);
  EXPECT_EQ(ids[0], "github-token");
}

TEST(Detector, MatchesAreOrderedByOffset) {
  std::string a = Checksummed("npm_", "Zx8Rt3Lm9PqWz4Tk7Va1Nc6Hd3Gf5J");
  std::string b = Cat({"AKIA", "GWJNXQ6FVMR44UBM"});
  auto matches = Scan(b + " " + a + " " + b);
  ASSERT_EQ(matches.size(), 3u);
  EXPECT_LT(matches[0].offset, matches[1].offset);
  EXPECT_LT(matches[1].offset, matches[2].offset);
}

TEST(Detector, SecretNames) {
  for (std::string_view name :
       {"PASSWORD", "DB_PASSWORD", "MYSQL_PASSWD", "API_KEY", "APIKEY", "AWS_SECRET_ACCESS_KEY",
        "GITHUB_TOKEN", "NPM_TOKEN", "AUTH", "BASIC_AUTH", "CLIENT_SECRET", "DB_PASS",
        "ADMIN_USER_PASSWORD", "credentials", "apiKey", "dbPassword", "SSH_PRIVATE_KEY"}) {
    EXPECT_TRUE(LooksLikeSecretName(name)) << name;
  }
  for (std::string_view name : {"GPG_KEY",
                                "GPG_KEYS",
                                "WORDPRESS_CLI_GPG_KEY",
                                "PUBLIC_KEY",
                                "POSTGRES_PASSWORD_FILE",
                                "KEY_VERSION",
                                "TOKEN_URL",
                                "AWS_ACCESS_KEY_ID",
                                "SECRET_NAME",
                                "AUTH_TYPE",
                                "KEYCLOAK_VERSION",
                                "OAUTH2_PROXY_VERSION",
                                "PATH",
                                "PWD",
                                "HOME",
                                "MONKEY",
                                "PASSENGER_VERSION",
                                "TOKENIZERS_PARALLELISM",
                                "KEY_LENGTH",
                                "HTTP_AUTHORIZATION",
                                "DOCKER_HARDENED_IMAGES_KEYRING_VERSION"}) {
    EXPECT_FALSE(LooksLikeSecretName(name)) << name;
  }
}

TEST(Detector, Placeholders) {
  for (std::string_view v : {"",
                             "  ",
                             "$TOKEN",
                             "${TOKEN}",
                             "${TOKEN:-x}",
                             "$(cat /run/s)",
                             "<your-token>",
                             "{{ .Token }}",
                             "%TOKEN%",
                             "changeme",
                             "CHANGEME",
                             "xxxxxxxx",
                             "********",
                             "example-token",
                             "your_api_key_here",
                             "dummy",
                             "placeholder",
                             "sk_live_xxxxxxxxxxxx",
                             "\"\"",
                             "none"}) {
    EXPECT_TRUE(IsPlaceholder(v)) << v;
  }
  for (std::string_view v : {"hunter2", "password", "s3cr3t",
                             ("AKIA"
                              "GWJNXQ6FVMR44UBM"),
                             "ghp_R8x2Lm9PqWz4Tk7Va1Nc6Hd3Gf5Js0Ub2EoX", "pa$$word"}) {
    EXPECT_FALSE(IsPlaceholder(v)) << v;
  }
}

TEST(Detector, Mask) {
  EXPECT_EQ(Mask(Cat({"AKIA", "GWJNXQ6FVMR44UBM"})), "AKIA\u2026(20)");
  EXPECT_EQ(Mask("hunter2"), "h\u2026(7)");
  EXPECT_EQ(Mask("abc"), "\u2026(3)");
  EXPECT_EQ(Mask(""), "\u2026(0)");
  // Never cuts a UTF-8 sequence: "é" is two bytes; 16+ bytes keep at most 4.
  std::string utf8 =
      "abc\xC3\xA9"
      "defghijklmnopq";
  EXPECT_EQ(Mask(utf8), "abc\u2026(" + std::to_string(utf8.size()) + ")");
  std::string secret = Cat({"ghp_", "R8x2Lm9PqWz4Tk7Va1Nc6Hd3Gf5Js0Ub2EoX"});
  EXPECT_EQ(Mask(secret).find(secret.substr(4)), std::string::npos);
}

TEST(Detector, Entropy) {
  EXPECT_DOUBLE_EQ(ShannonEntropy(""), 0);
  EXPECT_DOUBLE_EQ(ShannonEntropy("aaaa"), 0);
  EXPECT_DOUBLE_EQ(ShannonEntropy("ab"), 1);
  EXPECT_NEAR(ShannonEntropy("abcd"), 2, 1e-9);
}

TEST(Detector, HostileInput) {
  // Large, repetitive, keyword-dense input: linear time, bounded result, no crash.
  std::string big;
  for (int i = 0; i < 20000; ++i) big += "://a:@ ghp_ AKIA -----BEGIN eyJ. xoxb- ";
  big += std::string(1 << 20, 'A');
  big.push_back('\0');
  big += "\xff\xfe";
  auto matches = Scan(big);
  EXPECT_TRUE(matches.empty());
  std::string many;
  std::string key = Cat({"AKIA", "GWJNXQ6FVMR44UBM"});
  for (int i = 0; i < 12000; ++i) many += key + "\n";
  EXPECT_LE(Scan(many).size(), 10000u);
}

// Real fake-secret samples published by trivy: positives are found, the invalid file is not.
TEST(Detector, TrivySamples) {
  const char* env = std::getenv("DRYDOCK_CORPUS");
  std::filesystem::path dir = std::filesystem::path(env ? env : DRYDOCK_CORPUS) / "secrets" /
                              "aquasecurity__trivy/pkg/fanal/secret/testdata";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "corpus not found at " << dir;
  auto read = [&](const char* name) {
    std::ifstream in(dir / name, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  };
  auto ids_of = [&](const char* name) {
    std::set<std::string> ids;
    for (const auto& m : Scan(read(name))) ids.insert(std::string(m.rule->id));
    return ids;
  };
  EXPECT_TRUE(ids_of("aws-secrets.txt").count("aws-access-key-id"));
  EXPECT_TRUE(ids_of("aws-secrets.txt").count("aws-secret-access-key"));
  EXPECT_TRUE(ids_of("github-token.txt").count("github-fine-grained-pat"));
  // jwt.io's published sample token (samples.h): not a finding.
  EXPECT_FALSE(ids_of("jwt-secret.txt").count("jwt"));
  EXPECT_TRUE(ids_of("asymmetric-private-key.txt").count("private-key"));
  EXPECT_FALSE(ids_of("invalid-aws-secrets.txt").count("aws-access-key-id"));
}

}  // namespace
}  // namespace drydock::secrets
