// SPDX-License-Identifier: Apache-2.0
// Table-driven tests for the secret detector: every rule of kDetectorRules carries a true-positive
// (`example_hit`) and a near-miss (`example_miss`) example next to its pattern; this test fails
// when one is missing or wrong. Also covers the vectorscan prefilter and the file-level helpers
// (LooksBinary, credential file names, ScanFile line numbers).
#include <gtest/gtest.h>

#include <cctype>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "secrets/detector.h"

namespace drydock::secrets {
namespace {

TEST(DetectorTable, EveryRuleHasAHitAndAMissExample) {
  for (const DetectorRule& rule : kDetectorRules) {
    SCOPED_TRACE(std::string(rule.id));
    ASSERT_FALSE(rule.example_hit.empty()) << rule.id << " lacks example_hit";
    ASSERT_FALSE(rule.example_miss.empty()) << rule.id << " lacks example_miss";
    const std::string hit = ExampleText(rule.example_hit);
    const auto matches = Scan(hit);
    ASSERT_EQ(matches.size(), 1u) << hit;
    EXPECT_EQ(matches[0].rule, &rule) << hit << " -> " << matches[0].rule->id;
    EXPECT_EQ(hit.substr(matches[0].offset, matches[0].value.size()), matches[0].value);
    const std::string miss = ExampleText(rule.example_miss);
    const auto none = Scan(miss);
    EXPECT_TRUE(none.empty()) << miss << " -> " << (none.empty() ? "" : none[0].rule->id);
  }
}

TEST(DetectorTable, ExampleTextRemovesSplitMarkers) {
  EXPECT_EQ(ExampleText("gh||p_abc"), "ghp_abc");
  EXPECT_EQ(ExampleText("a|b"), "a|b");
  EXPECT_EQ(ExampleText(""), "");
}

TEST(DetectorTable, IssueCoverage) {
  // The kinds issues 4 and 14 ask for, by stable id.
  for (std::string_view id :
       {"aws-access-key-id", "aws-secret-access-key", "github-token", "github-fine-grained-pat",
        "github-app-installation-token", "gitlab-token", "gitlab-other-token", "slack-token",
        "slack-webhook-url", "stripe-secret-key", "google-api-key", "gcp-service-account",
        "azure-storage-key", "private-key", "jwt", "npm-token", "pypi-token", "dockerhub-pat",
        "docker-config-auth", "netrc-password", "url-credentials", "generic-secret-assignment",
        // issue 14: cloud
        "aws-bedrock-api-key", "gcp-oauth-client-secret", "azure-ad-client-secret",
        "azure-sas-token", "alibaba-access-key-id", "alibaba-secret-key", "digitalocean-token",
        "flyio-token", "heroku-api-key", "heroku-api-key-v2",
        // code hosting and CI
        "bitbucket-app-password", "atlassian-api-token", "sonar-token", "snyk-token",
        "sourcegraph-token", "circleci-token", "travis-token", "buildkite-token",
        // messaging and SaaS
        "slack-app-token", "slack-config-token", "discord-bot-token", "discord-webhook-url",
        "telegram-bot-token", "twilio-api-key", "sendgrid-api-key", "mailchimp-api-key",
        "mailgun-api-key", "sumologic-access-key", "sentry-token", "grafana-token",
        "datadog-api-key", "new-relic-key", "notion-token", "facebook-access-token",
        "hubspot-token", "maxmind-license-key", "square-token", "shopify-token",
        "1password-secret-key", "1password-service-account-token", "vault-token",
        "vault-legacy-token", "doppler-token", "sidekiq-credentials", "clickhouse-cloud-secret",
        "cloudflare-api-token", "cloudflare-origin-ca-key",
        // AI
        "openai-api-key", "openai-ephemeral-key", "anthropic-api-key", "anthropic-admin-key",
        "huggingface-token", "perplexity-api-key", "cohere-api-key", "mistral-api-key",
        "groq-api-key",
        // registries
        "rubygems-api-key", "nuget-api-key", "jfrog-token",
        // generic
        "curl-user-password", "basic-auth-header", "bearer-token-header", "age-secret-key",
        "putty-private-key", "maven-master-password", "maven-settings-password"}) {
    EXPECT_NE(FindDetectorRule(id), nullptr) << id;
  }
}

TEST(DetectorTable, GitHubKindsAndPrivateKeyHeaders) {
  const std::string payload = "kxwnQrS7RPeMOkIUpkDyr7OSJoRu1X";
  const std::string body = payload + Base62Crc32(payload);
  for (std::string_view prefix : {"ghp_", "gho_", "ghu_", "ghs_", "ghr_"}) {
    const std::string text = "t " + std::string(prefix) + body + "\n";
    const auto m = Scan(text);
    ASSERT_EQ(m.size(), 1u) << text;
    EXPECT_EQ(m[0].rule->id, "github-token");
  }
  for (std::string_view kind : {"RSA ", "EC ", "DSA ", "OPENSSH ", "", "ENCRYPTED ", "PGP "}) {
    const bool pgp = kind == "PGP ";
    const std::string text = "-----BEGIN " + std::string(kind) + "PRIVATE KEY" +
                             (pgp ? " BLOCK" : "") +
                             "-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIB\n-----END " +
                             std::string(kind) + "PRIVATE KEY" + (pgp ? " BLOCK" : "") + "-----\n";
    const auto m = Scan(text);
    ASSERT_EQ(m.size(), 1u) << text;
    EXPECT_EQ(m[0].rule->id, "private-key");
  }
}

TEST(DetectorTable, GenericAssignmentGates) {
  EXPECT_EQ(Scan("DB_PASSWORD=Vx9dQ2mLr7Tp").size(), 1u);
  EXPECT_EQ(Scan("secret: q8Zr3LmW0xYv7").size(), 1u);
  EXPECT_TRUE(Scan("password=changeme").empty());            // placeholder
  EXPECT_TRUE(Scan("password: ${DB_PASSWORD}").empty());     // variable
  EXPECT_TRUE(Scan("password_length = 12345678a").empty());  // not a credential name
  EXPECT_TRUE(Scan("token_type: bearer12").empty());
  EXPECT_TRUE(Scan("secret_file=/run/secrets/db1").empty());
  EXPECT_TRUE(Scan("password = aaaaaaaa1").empty());              // low entropy
  EXPECT_TRUE(Scan("token: abcdefghijk").empty());                // no digit
  EXPECT_TRUE(Scan("DB_PASSWORD=DB_PASSWORD_SECRET_1").empty());  // a constant's name
}

TEST(DetectorPrefilter, VectorscanIsUsedAndThreadSafe) {
  EXPECT_TRUE(UsesVectorscan());
  const std::string text = ExampleText(kDetectorRules[0].example_hit);
  std::vector<std::thread> threads;
  std::vector<std::size_t> counts(8, 0);
  for (std::size_t t = 0; t < counts.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) counts[t] += Scan(text).size();
    });
  }
  for (auto& th : threads) th.join();
  for (std::size_t c : counts) EXPECT_EQ(c, 200u);
}

TEST(DetectorPrefilter, VectorscanAgreesWithFallback) {
  std::vector<std::string> texts = {"", "nothing to see", "AKIA ghp_ -----BEGIN",
                                    "xOxB- HOOKS.SLACK.COM"};
  for (const DetectorRule& rule : kDetectorRules) {
    texts.push_back(ExampleText(rule.example_hit));
    texts.push_back(ExampleText(rule.example_miss));
    std::string upper(rule.keywords);
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    texts.push_back(upper);
  }
  for (const std::string& t : texts) {
    EXPECT_EQ(detail::CandidateRules(t, true), detail::CandidateRules(t, false)) << t;
  }
  // Every rule's hit example selects its own rule.
  for (std::size_t r = 0; r < kDetectorRules.size(); ++r) {
    const detail::RuleMask mask =
        detail::CandidateRules(ExampleText(kDetectorRules[r].example_hit), true);
    EXPECT_TRUE(mask.test(r)) << kDetectorRules[r].id;
  }
}

TEST(DetectorPrefilter, KeywordsAreCaseInsensitive) {
  // The keyword "-----begin" must match "-----BEGIN" and the mixed-case "AccountKey".
  EXPECT_EQ(Scan(ExampleText(FindDetectorRule("private-key")->example_hit)).size(), 1u);
  EXPECT_EQ(Scan(ExampleText(FindDetectorRule("azure-storage-key")->example_hit)).size(), 1u);
}

TEST(DetectorFiles, LooksBinary) {
  EXPECT_FALSE(LooksBinary(""));
  EXPECT_FALSE(LooksBinary("plain text\nline two\n"));
  EXPECT_FALSE(LooksBinary("caf\xc3\xa9 na\xc3\xafve \xe2\x80\xa6"));
  EXPECT_TRUE(LooksBinary(std::string("ELF\0\1\2", 6)));
  EXPECT_TRUE(LooksBinary("\xff\xfe\xfd\xfc\x80\x81 abc"));
  // A NUL after the first 8 KiB is not looked at.
  std::string late(9000, 'a');
  late[8500] = '\0';
  EXPECT_FALSE(LooksBinary(late));
  // A UTF-8 sequence cut by the 8 KiB window is not evidence.
  std::string cut(8191, 'a');
  cut += "\xe2\x80\xa6";
  EXPECT_FALSE(LooksBinary(cut));
}

TEST(DetectorFiles, CredentialFileNames) {
  for (std::string_view p : {"id_rsa", "/root/.ssh/id_rsa", "certs/server.pem", "tls.KEY",
                             "home/u/.npmrc", ".pypirc", "/root/.netrc", ".aws/credentials",
                             "/home/a/.git-credentials", "/root/.docker/config.json"}) {
    EXPECT_TRUE(IsCredentialFileName(p)) << p;
  }
  for (std::string_view p : {"id_rsa.pub", "README.md", "config.json", "key", ".pem.txt",
                             "docker/config.json", "/etc/credentials.d/x", ""}) {
    EXPECT_FALSE(IsCredentialFileName(p)) << p;
  }
}

TEST(DetectorFiles, ScanFileLinesColumnsAndBinarySkip) {
  const std::string hit = ExampleText(FindDetectorRule("github-token")->example_hit);
  const std::string text = "first\n\nx = 1\n  " + hit + "\n";
  const auto m = ScanFile("app/settings.env", text);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].line, 4u);
  EXPECT_EQ(m[0].column, 3u + hit.find("gh"));
  EXPECT_EQ(m[0].match.rule->id, "github-token");

  const std::string key = ExampleText(FindDetectorRule("private-key")->example_hit);
  const std::string binary = std::string("\0\1\2\3", 4) + "\n" + key;
  EXPECT_TRUE(ScanFile("lib/blob.bin", binary).empty());
  const auto k = ScanFile("/root/.ssh/id_rsa", binary);
  ASSERT_EQ(k.size(), 1u);
  EXPECT_EQ(k[0].line, 2u);
  EXPECT_EQ(k[0].column, 1u);
}

}  // namespace
}  // namespace drydock::secrets
