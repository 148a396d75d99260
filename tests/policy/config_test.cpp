// SPDX-License-Identifier: Apache-2.0
#include "policy/config.h"
#include "support/files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

namespace drydock::policy {
namespace {

namespace fs = std::filesystem;

constexpr const char* kFull = R"(# project policy
severity: [HIGH, critical]
fail-on: HIGH
exit-code: 4
format: sarif
skip-dirs: [vendor, "third_party"]
trusted-registries:
  - registry.example.com
allowed-capabilities: [NET_BIND_SERVICE, CHOWN]
nonroot-bases: [gcr.io/distroless/static]
rules:
  DD201: {severity: LOW}
  user/non-numeric:
    enabled: false
ignore:
  - id: DD005
    reason: "pinned by the base image"
    expires: 2026-12-31
    paths: ["legacy/**"]
  - {id: DL3002}
vuln: {max-db-age: 14d}
)";

TEST(Config, ParsesEveryKey) {
  auto c = ParseConfig(kFull, ".drydock.yaml");
  ASSERT_TRUE(c) << c.error().ToString();
  EXPECT_EQ(c->file, ".drydock.yaml");
  EXPECT_EQ(c->severities,
            (std::set<core::Severity>{core::Severity::kHigh, core::Severity::kCritical}));
  EXPECT_EQ(c->fail_on, core::Severity::kHigh);
  EXPECT_EQ(c->exit_code, 4);
  EXPECT_EQ(c->format, "sarif");
  EXPECT_EQ(c->skip_dirs, (std::vector<std::string>{"vendor", "third_party"}));
  EXPECT_EQ(c->settings.trusted_registries, std::vector<std::string>{"registry.example.com"});
  EXPECT_EQ(c->settings.allowed_capabilities,
            (std::vector<std::string>{"NET_BIND_SERVICE", "CHOWN"}));
  EXPECT_EQ(c->settings.nonroot_bases, std::vector<std::string>{"gcr.io/distroless/static"});
  EXPECT_EQ(c->settings.vuln_max_db_age_days, 14);
  ASSERT_EQ(c->rules.size(), 2u);
  EXPECT_EQ(c->rules[0].key, "DD201");
  EXPECT_EQ(c->rules[0].severity, core::Severity::kLow);
  EXPECT_TRUE(c->rules[0].enabled);
  EXPECT_EQ(c->rules[1].key, "user/non-numeric");
  EXPECT_FALSE(c->rules[1].enabled);
  EXPECT_EQ(c->rules[1].where.line, 13);
  ASSERT_EQ(c->ignores.size(), 2u);
  EXPECT_EQ(c->ignores[0].key, "DD005");
  EXPECT_EQ(c->ignores[0].reason, "pinned by the base image");
  EXPECT_EQ(c->ignores[0].expires, (Date{2026, 12, 31}));
  EXPECT_EQ(c->ignores[0].paths, std::vector<std::string>{"legacy/**"});
  EXPECT_EQ(c->ignores[0].where.line, 16);
  EXPECT_EQ(c->ignores[1].key, "DL3002");
  EXPECT_FALSE(c->ignores[1].expires.has_value());
  EXPECT_TRUE(c->diagnostics.empty());
}

TEST(Config, DefaultsWhenEmpty) {
  auto c = ParseConfig("", "e.yaml");
  ASSERT_TRUE(c);
  EXPECT_TRUE(c->severities.empty());
  EXPECT_FALSE(c->exit_code.has_value());
  EXPECT_EQ(c->settings.allowed_capabilities, std::vector<std::string>{"NET_BIND_SERVICE"});
}

TEST(Config, UnknownKeysAreWarningsNotErrors) {
  auto c = ParseConfig("severity: HIGH\nsevertiy: LOW\nrules:\n  DD201: {level: LOW}\n", "c.yaml");
  ASSERT_TRUE(c) << c.error().ToString();
  ASSERT_EQ(c->diagnostics.size(), 2u);
  EXPECT_EQ(c->diagnostics[0].level, core::DiagnosticLevel::kWarning);
  EXPECT_NE(c->diagnostics[0].message.find("severtiy"), std::string::npos);
  EXPECT_EQ(c->diagnostics[0].where.line, 2);
  EXPECT_NE(c->diagnostics[1].message.find("level"), std::string::npos);
  EXPECT_EQ(c->diagnostics[1].where.line, 4);
  EXPECT_EQ(c->severities, std::set<core::Severity>{core::Severity::kHigh});
}

struct BadCase {
  const char* text;
  int line;
  int column;
  const char* needle;
};

TEST(Config, BadValuesAreErrorsWithPositions) {
  const BadCase cases[] = {
      {"fail-on: SEVERE\n", 1, 10, "unknown severity 'SEVERE'"},
      {"exit-code: 300\n", 1, 12, "exit-code"},
      {"exit-code: -1\n", 1, 12, "exit-code"},
      {"severity:\n  - HIGH\n  - BAD\n", 3, 5, "BAD"},
      {"skip-dirs: {a: b}\n", 1, 12, "list of strings"},
      {"rules:\n  DD201: LOW\n", 2, 10, "expected a mapping"},
      {"rules:\n  DD201: {enabled: maybe}\n", 2, 20, "true or false"},
      {"ignore:\n  - reason: no id\n", 2, 5, "without an 'id'"},
      {"ignore:\n  - id: DD201\n    expires: 31/12/2026\n", 3, 14, "not a date"},
      {"ignore:\n  - id: DD201\n    expires: 2026-02-30\n", 3, 14, "not a date"},
      {"- just\n- a list\n", 1, 1, "top level"},
      {"a: [1,\n", 2, 1, "invalid YAML"},
      {"vuln: {max-db-age: 0}\n", 1, 20, "max-db-age"},
      {"vuln: {max-db-age: 2 weeks}\n", 1, 20, "max-db-age"},
      {"vuln: [max-db-age]\n", 1, 7, "expected a mapping"},
  };
  for (const BadCase& bc : cases) {
    auto c = ParseConfig(bc.text, "bad.yaml");
    ASSERT_FALSE(c) << bc.text;
    EXPECT_EQ(c.error().where.file, "bad.yaml");
    EXPECT_EQ(c.error().where.line, bc.line) << bc.text << " -> " << c.error().ToString();
    EXPECT_EQ(c.error().where.column, bc.column) << bc.text << " -> " << c.error().ToString();
    EXPECT_NE(c.error().ToString().find(bc.needle), std::string::npos)
        << bc.text << " -> " << c.error().ToString();
    EXPECT_EQ(c.error().ToString().rfind("bad.yaml:", 0), 0u) << c.error().ToString();
  }
}

TEST(Config, AliasBombIsRefused) {
  auto c = ParseConfig("x: &a [1, 2]\nskip-dirs: *a\n", "c.yaml");
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().where.line, 2);
}

TEST(Date, ParsesAndValidates) {
  EXPECT_EQ(ParseDate("2024-02-29"), (Date{2024, 2, 29}));
  EXPECT_FALSE(ParseDate("2023-02-29"));
  EXPECT_FALSE(ParseDate("1900-02-29"));
  EXPECT_TRUE(ParseDate("2000-02-29"));
  EXPECT_FALSE(ParseDate("2024-13-01"));
  EXPECT_FALSE(ParseDate("2024-1-01"));
  EXPECT_FALSE(ParseDate("2024-01-01x"));
  EXPECT_FALSE(ParseDate("abcd-01-01"));
  EXPECT_EQ((Date{2025, 1, 2}).ToString(), "2025-01-02");
  EXPECT_LT((Date{2025, 1, 2}), (Date{2025, 2, 1}));
}

TEST(SeverityList, ParsesCommaSeparated) {
  auto s = ParseSeverityList("HIGH, critical,,LOW");
  ASSERT_TRUE(s);
  EXPECT_EQ(*s, (std::set<core::Severity>{core::Severity::kHigh, core::Severity::kCritical,
                                          core::Severity::kLow}));
  auto bad = ParseSeverityList("HIGH,URGENT");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, core::ErrorCode::kUsage);
  EXPECT_NE(bad.error().message.find("URGENT"), std::string::npos);
}

// ---- hadolint's keys ----

constexpr const char* kHadolint = R"(failure-threshold: warning
ignored:
  - DL3008
  - SC2086
override:
  error: [DL3002]
  style:
    - DL3015
trustedRegistries:
  - docker.io
  - "*.gcr.io"
label-schema:
  author: text
  contact: email
  created: rfc3339
  version: semver
  documentation: url
  git-revision: hash
  license: spdx
strict-labels: true
disable-ignore-pragma: true
no-fail: true
format: tty
)";

TEST(HadolintConfig, ParsesEveryKey) {
  auto c = ParseConfig(kHadolint, ".hadolint.yaml", ConfigFlavor::kHadolint);
  ASSERT_TRUE(c) << c.error().ToString();
  EXPECT_EQ(c->fail_on, core::Severity::kMedium);
  EXPECT_EQ(c->exit_code, 0);  // no-fail
  ASSERT_EQ(c->ignored.size(), 2u);
  EXPECT_EQ(c->ignored[0].key, "DL3008");
  EXPECT_FALSE(c->ignored[0].enabled);
  EXPECT_EQ(c->ignored[0].from, "ignored");
  EXPECT_EQ(c->ignored[1].where.line, 4);
  ASSERT_EQ(c->overrides.size(), 2u);
  EXPECT_EQ(c->overrides[0].key, "DL3002");
  EXPECT_EQ(c->overrides[0].severity, core::Severity::kHigh);
  EXPECT_TRUE(c->overrides[0].enabled);
  EXPECT_EQ(c->overrides[1].key, "DL3015");
  EXPECT_EQ(c->overrides[1].severity, core::Severity::kInfo);
  EXPECT_EQ(c->settings.trusted_registries, (std::vector<std::string>{"docker.io", "*.gcr.io"}));
  ASSERT_EQ(c->settings.label_schema.size(), 7u);
  EXPECT_EQ(c->settings.label_schema[0],
            (std::pair<std::string, core::LabelType>{"author", core::LabelType::kText}));
  EXPECT_EQ(c->settings.label_schema[6].second, core::LabelType::kSpdx);
  EXPECT_TRUE(c->settings.strict_labels);
  EXPECT_TRUE(c->disable_ignore_pragma);
  EXPECT_FALSE(c->format.has_value());  // hadolint's output format is not drydock's
  ASSERT_EQ(c->diagnostics.size(), 1u);
  EXPECT_EQ(c->diagnostics[0].level, core::DiagnosticLevel::kNote);
  EXPECT_EQ(c->diagnostics[0].where.line, 23);
  EXPECT_EQ(c->keys, (std::set<std::string>{"fail-on", "exit-code", "ignored", "override",
                                            "trusted-registries", "label-schema", "strict-labels",
                                            "disable-ignore-pragma"}));
  // Order of application: override, ignored, then rules.
  auto all = RuleOverrides(*c);
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0]->key, "DL3002");
  EXPECT_EQ(all[3]->key, "SC2086");
}

TEST(HadolintConfig, TheSameKeysAreAcceptedInDrydocksFile) {
  auto c = ParseConfig(kHadolint, ".drydock.yaml");
  ASSERT_TRUE(c) << c.error().ToString();
  EXPECT_EQ(c->fail_on, core::Severity::kMedium);
  EXPECT_EQ(c->settings.label_schema.size(), 7u);
  EXPECT_EQ(c->format, "tty");  // drydock's own key here (a front end rejects the value)
  EXPECT_TRUE(c->diagnostics.empty());
  // Both spellings of the trusted registries add up.
  auto both = ParseConfig("trusted-registries: [a.io]\ntrustedRegistries: [b.io]\n", "d.yaml");
  ASSERT_TRUE(both);
  EXPECT_EQ(both->settings.trusted_registries, (std::vector<std::string>{"a.io", "b.io"}));
}

TEST(HadolintConfig, DrydockKeysInHadolintsFileAreWarnings) {
  auto c = ParseConfig("severity: HIGH\nverbose: true\nignored: [DL3008]\n", ".hadolint.yaml",
                       ConfigFlavor::kHadolint);
  ASSERT_TRUE(c) << c.error().ToString();
  EXPECT_TRUE(c->severities.empty());
  ASSERT_EQ(c->diagnostics.size(), 2u);
  EXPECT_EQ(c->diagnostics[0].level, core::DiagnosticLevel::kWarning);
  EXPECT_NE(c->diagnostics[0].message.find("severity"), std::string::npos);
  EXPECT_EQ(c->diagnostics[1].level, core::DiagnosticLevel::kNote);
  EXPECT_EQ(c->ignored.size(), 1u);
}

TEST(HadolintConfig, FailureThresholds) {
  const std::pair<const char*, std::optional<core::Severity>> cases[] = {
      {"error", core::Severity::kHigh},
      {"warning", core::Severity::kMedium},
      {"info", core::Severity::kLow},
      {"style", core::Severity::kInfo},
      {"ignore", std::nullopt},
      {"none", std::nullopt},
      {"Warning", core::Severity::kMedium},
  };
  for (const auto& [text, want] : cases) {
    auto c = ParseConfig(std::string("failure-threshold: ") + text + "\n", ".hadolint.yaml",
                         ConfigFlavor::kHadolint);
    ASSERT_TRUE(c) << text;
    EXPECT_EQ(c->fail_on, want) << text;
    EXPECT_TRUE(c->keys.contains("fail-on")) << text;
  }
  // no-fail: false changes nothing.
  auto c = ParseConfig("no-fail: false\n", ".hadolint.yaml", ConfigFlavor::kHadolint);
  ASSERT_TRUE(c);
  EXPECT_FALSE(c->exit_code.has_value());
  EXPECT_FALSE(c->keys.contains("exit-code"));
  // no-fail wins over exit-code in the same file.
  c = ParseConfig("exit-code: 3\nno-fail: true\n", ".drydock.yaml");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->exit_code, 0);
}

TEST(HadolintConfig, BadValuesAreErrorsWithPositions) {
  const BadCase cases[] = {
      {"failure-threshold: fatal\n", 1, 20, "unknown level 'fatal'"},
      {"failure-threshold: [error]\n", 1, 20, "failure-threshold"},
      {"ignored: DL3008\n", 1, 10, "list of rule codes"},
      {"ignored:\n  - {a: b}\n", 2, 5, "ignored"},
      {"override: [DL3008]\n", 1, 11, "mapping of error, warning"},
      {"override:\n  error: DL3008\n", 2, 10, "override.error"},
      {"label-schema: [author]\n", 1, 15, "mapping of label name"},
      {"label-schema:\n  author: string\n", 2, 11, "unknown label type 'string'"},
      {"strict-labels: sometimes\n", 1, 16, "true or false"},
      {"no-fail: 1\n", 1, 10, "true or false"},
      {"disable-ignore-pragma: [x]\n", 1, 24, "disable-ignore-pragma"},
      {"trustedRegistries: {a: b}\n", 1, 20, "trustedRegistries"},
  };
  for (const BadCase& bc : cases) {
    for (ConfigFlavor flavor : {ConfigFlavor::kHadolint, ConfigFlavor::kDrydock}) {
      auto c = ParseConfig(bc.text, "bad.yaml", flavor);
      ASSERT_FALSE(c) << bc.text;
      EXPECT_EQ(c.error().where.line, bc.line) << bc.text << " -> " << c.error().ToString();
      EXPECT_EQ(c.error().where.column, bc.column) << bc.text << " -> " << c.error().ToString();
      EXPECT_NE(c.error().ToString().find(bc.needle), std::string::npos)
          << bc.text << " -> " << c.error().ToString();
    }
  }
}

TEST(HadolintConfig, UnknownOverrideLevelIsAWarning) {
  auto c = ParseConfig("override:\n  fatal: [DL3008]\n  info: [DL3015]\n", ".hadolint.yaml",
                       ConfigFlavor::kHadolint);
  ASSERT_TRUE(c) << c.error().ToString();
  ASSERT_EQ(c->diagnostics.size(), 1u);
  EXPECT_EQ(c->diagnostics[0].where.line, 2);
  ASSERT_EQ(c->overrides.size(), 1u);
  EXPECT_EQ(c->overrides[0].severity, core::Severity::kLow);
}

TEST(MergeConfigs, DrydocksFileWinsKeyByKey) {
  auto under = ParseConfig(
      "failure-threshold: error\ntrustedRegistries: [docker.io]\nignored: [DL3008]\n"
      "override: {error: [DL3015]}\nlabel-schema: {version: semver}\nno-fail: true\n",
      ".hadolint.yaml", ConfigFlavor::kHadolint);
  auto over = ParseConfig(
      "fail-on: LOW\ntrusted-registries: [ghcr.io]\nignored: []\nrules:\n  DD201: {severity: "
      "LOW}\nseverity: HIGH\n",
      ".drydock.yaml");
  ASSERT_TRUE(under && over);
  Config merged = MergeConfigs(*under, *over);
  EXPECT_EQ(merged.file, ".drydock.yaml");
  EXPECT_EQ(merged.fail_on, core::Severity::kLow);  // same setting, other spelling
  EXPECT_EQ(merged.settings.trusted_registries, std::vector<std::string>{"ghcr.io"});
  EXPECT_TRUE(merged.ignored.empty());     // replaced by drydock's empty list
  ASSERT_EQ(merged.overrides.size(), 1u);  // only in .hadolint.yaml: still applies
  EXPECT_EQ(merged.overrides[0].key, "DL3015");
  ASSERT_EQ(merged.settings.label_schema.size(), 1u);
  EXPECT_EQ(merged.exit_code, 0);  // no-fail, which drydock's file does not set
  EXPECT_EQ(merged.rules.size(), 1u);
  EXPECT_EQ(merged.severities, std::set<core::Severity>{core::Severity::kHigh});
  // exit-code in drydock's file replaces hadolint's no-fail.
  auto exit = ParseConfig("exit-code: 1\n", ".drydock.yaml");
  ASSERT_TRUE(exit);
  EXPECT_EQ(MergeConfigs(*under, *exit).exit_code, 1);
  // A setting that drydock's file leaves at its default does not hide hadolint's.
  auto empty = ParseConfig("", ".drydock.yaml");
  ASSERT_TRUE(empty);
  EXPECT_EQ(MergeConfigs(*under, *empty).fail_on, core::Severity::kHigh);
}

using drydock::testing::TempDir;
using drydock::testing::WriteFile;

TEST(FindHadolintConfigUpward, SameWalkAsDrydocksFile) {
  TempDir t;
  fs::path repo = t.path() / "repo";
  fs::create_directories(repo / ".git");
  fs::create_directories(repo / "a" / "b");
  WriteFile(t.path() / ".hadolint.yaml", "");
  EXPECT_FALSE(FindHadolintConfigUpward(repo / "a" / "b").has_value());
  WriteFile(repo / ".hadolint.yml", "");
  EXPECT_EQ(FindHadolintConfigUpward(repo / "a" / "b"), repo / ".hadolint.yml");
  WriteFile(repo / "a" / ".hadolint.yaml", "");
  EXPECT_EQ(FindHadolintConfigUpward(repo / "a" / "b" / "Dockerfile"),
            repo / "a" / ".hadolint.yaml");
  EXPECT_FALSE(FindConfigUpward(repo / "a" / "b").has_value());
}

TEST(LoadConfig, HadolintFilesByName) {
  TempDir t;
  WriteFile(t.path() / ".hadolint.yaml", "severity: HIGH\nfailure-threshold: error\n");
  auto c = LoadConfig((t.path() / ".hadolint.yaml").string());
  ASSERT_TRUE(c) << c.error().ToString();
  EXPECT_TRUE(c->severities.empty());  // not a hadolint key
  EXPECT_EQ(c->fail_on, core::Severity::kHigh);
  WriteFile(t.path() / "policy.yaml", "severity: HIGH\n");
  c = LoadConfig((t.path() / "policy.yaml").string());
  ASSERT_TRUE(c);
  EXPECT_EQ(c->severities.size(), 1u);
}

TEST(FindConfigUpward, WalksUpToTheRepositoryRoot) {
  TempDir t;
  fs::path repo = t.path() / "repo";
  fs::create_directories(repo / ".git");
  fs::create_directories(repo / "a" / "b");
  EXPECT_FALSE(FindConfigUpward(repo / "a" / "b").has_value());
  // Above the repo root: not found, because the walk stops at .git.
  WriteFile(t.path() / ".drydock.yaml", "");
  EXPECT_FALSE(FindConfigUpward(repo / "a" / "b").has_value());
  WriteFile(repo / ".drydock.yml", "");
  EXPECT_EQ(FindConfigUpward(repo / "a" / "b"), repo / ".drydock.yml");
  WriteFile(repo / "a" / ".drydock.yaml", "");
  EXPECT_EQ(FindConfigUpward(repo / "a" / "b"), repo / "a" / ".drydock.yaml");
  // A file as start: its directory is searched.
  WriteFile(repo / "a" / "b" / "Dockerfile", "FROM x\n");
  EXPECT_EQ(FindConfigUpward(repo / "a" / "b" / "Dockerfile"), repo / "a" / ".drydock.yaml");
}

TEST(FindConfigUpward, WithoutGitGoesToTheTop) {
  TempDir t;
  fs::create_directories(t.path() / "x" / "y");
  WriteFile(t.path() / ".drydock.yaml", "");
  EXPECT_EQ(FindConfigUpward(t.path() / "x" / "y/"), t.path() / ".drydock.yaml");
}

TEST(LoadConfig, ReadsFilesAndRefusesHugeOnes) {
  TempDir t;
  WriteFile(t.path() / "c.yaml", "exit-code: 2\n");
  auto c = LoadConfig((t.path() / "c.yaml").string());
  ASSERT_TRUE(c) << c.error().ToString();
  EXPECT_EQ(c->exit_code, 2);
  WriteFile(t.path() / "big.yaml", std::string((1 << 20) + 10, '#'));
  auto big = LoadConfig((t.path() / "big.yaml").string());
  ASSERT_FALSE(big);
  EXPECT_NE(big.error().message.find("larger"), std::string::npos);
  EXPECT_FALSE(LoadConfig((t.path() / "missing.yaml").string()));
}

}  // namespace
}  // namespace drydock::policy
