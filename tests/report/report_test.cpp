// SPDX-License-Identifier: Apache-2.0
#include "report/report.h"

#include <gtest/gtest.h>

#include <sstream>

#include "test_rules.h"

namespace drydock::report {
namespace {

using json = nlohmann::json;
using testing::F;
using testing::kPin;
using testing::kRoot;
using testing::kSecret;
using testing::SampleReport;

std::vector<std::string> Keys(const nlohmann::ordered_json& j) {
  std::vector<std::string> out;
  for (auto it = j.begin(); it != j.end(); ++it) out.push_back(it.key());
  return out;
}

using Keys_ = std::vector<std::string>;

// Structural check of the stable JSON document (DESIGN.md "JSON report").
TEST(JsonReport, ExactKeysTypesAndOrder) {
  std::ostringstream out;
  ASSERT_TRUE(Write(Format::kJson, SampleReport(), out));
  // Parse with an order-preserving json to check key order as printed.
  auto doc = nlohmann::ordered_json::parse(out.str());
  EXPECT_EQ(Keys(doc), Keys_({"tool", "targets", "findings", "summary"}));
  EXPECT_EQ(doc["tool"], nlohmann::ordered_json({{"name", "drydock"}, {"version", "0.1.0"}}));
  ASSERT_TRUE(doc["targets"].is_array());
  ASSERT_EQ(doc["targets"].size(), 2u);
  EXPECT_EQ(doc["targets"][1]["path"], "deploy/api.yaml");
  EXPECT_EQ(doc["targets"][1]["kind"], "kubernetes");

  const auto& findings = doc["findings"];
  ASSERT_TRUE(findings.is_array());
  ASSERT_EQ(findings.size(), 5u);
  for (const auto& f : findings) {
    std::vector<std::string> keys;
    for (auto it = f.begin(); it != f.end(); ++it) keys.push_back(it.key());
    std::vector<std::string> want = {"id",    "slug",    "severity", "practice",
                                     "title", "message", "location", "suppressed"};
    if (f["suppressed"].get<bool>()) want.push_back("suppression");
    want.push_back("references");
    if (f.contains("secret")) want.push_back("secret");
    EXPECT_EQ(keys, want) << f.dump();
    EXPECT_TRUE(f["id"].is_string());
    EXPECT_TRUE(f["slug"].is_string());
    EXPECT_TRUE(f["severity"].is_string());
    EXPECT_TRUE(f["practice"].is_number_integer());
    EXPECT_TRUE(f["title"].is_string());
    EXPECT_TRUE(f["message"].is_string());
    EXPECT_TRUE(f["location"].is_object());
    EXPECT_TRUE(f["location"]["file"].is_string());
    EXPECT_TRUE(f["location"]["line"].is_number_integer());
    EXPECT_TRUE(f["suppressed"].is_boolean());
    EXPECT_TRUE(f["references"].is_array());
    for (const auto& ref : f["references"]) EXPECT_TRUE(ref.is_string());
  }
  // Stable order: file, line, column, id, message.
  EXPECT_EQ(findings[0]["location"]["file"], "app/Dockerfile");
  EXPECT_EQ(findings[0]["location"]["line"], 3);
  EXPECT_EQ(findings[0]["message"], "Packages installed without versions");
  EXPECT_EQ(findings[1]["message"], "apk add curl");
  EXPECT_EQ(findings[2]["id"], "DD201");
  EXPECT_EQ(findings[3]["location"]["file"], "app/my config/.env");
  EXPECT_EQ(findings[4]["location"]["file"], "deploy/api.yaml");

  // The DESIGN.md example finding, field by field.
  const auto& root = findings[4];
  EXPECT_EQ(root["id"], "DD201");
  EXPECT_EQ(root["slug"], "user/root");
  EXPECT_EQ(root["severity"], "HIGH");
  EXPECT_EQ(root["practice"], 2);
  EXPECT_EQ(root["title"], "Container runs as root");
  EXPECT_EQ(
      root["location"],
      nlohmann::ordered_json({{"file", "deploy/api.yaml"},
                              {"line", 14},
                              {"column", 7},
                              {"path", "Deployment/shop/api spec.template.spec.containers[0]"}}));
  EXPECT_EQ(root["suppressed"], false);
  EXPECT_EQ(root["references"], nlohmann::ordered_json({"DL3002", "DS-0002", "KSV-0012"}));
  // No column / path keys when unknown.
  EXPECT_FALSE(findings[0]["location"].contains("column"));
  EXPECT_FALSE(findings[0]["location"].contains("path"));
  // Suppressed finding keeps its place and says why.
  EXPECT_EQ(findings[2]["suppressed"], true);
  EXPECT_EQ(findings[2]["suppression"],
            nlohmann::ordered_json({{"kind", "inline"}, {"reason", "runs as app via entrypoint"}}));
  // Secret: rule and masked value only.
  EXPECT_EQ(findings[3]["secret"],
            nlohmann::ordered_json({{"rule", "aws-access-key-id"}, {"masked", "AKIA…(20)"}}));

  std::vector<std::string> sum_keys;
  for (auto it = doc["summary"].begin(); it != doc["summary"].end(); ++it) {
    sum_keys.push_back(it.key());
    EXPECT_TRUE(it.value().is_number_integer());
  }
  EXPECT_EQ(sum_keys, Keys_({"CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO", "suppressed"}));
  EXPECT_EQ(doc["summary"]["CRITICAL"], 1);
  EXPECT_EQ(doc["summary"]["HIGH"], 1);
  EXPECT_EQ(doc["summary"]["LOW"], 2);
  EXPECT_EQ(doc["summary"]["MEDIUM"], 0);
  EXPECT_EQ(doc["summary"]["suppressed"], 1);
}

TEST(JsonReport, EmptyReportIsValid) {
  Report r;
  auto j = ToJson(r);
  EXPECT_TRUE(j["targets"].is_array());
  EXPECT_TRUE(j["findings"].is_array());
  EXPECT_EQ(j["findings"].size(), 0u);
  EXPECT_EQ(j["summary"]["HIGH"], 0);
  EXPECT_EQ(j["tool"]["version"], DRYDOCK_VERSION);
}

TEST(JsonReport, InvalidUtf8DoesNotThrow) {
  Report r;
  r.findings.push_back(F(kPin, "bad\xff.txt", 1, 0, "bytes \xc3\x28 here"));
  std::ostringstream out;
  ASSERT_TRUE(Write(Format::kJson, r, out));
  auto j = json::parse(out.str());
  EXPECT_NE(j["findings"][0]["message"].get<std::string>().find("here"), std::string::npos);
}

TEST(Table, GroupsPerTargetAndCountsSuppressed) {
  std::ostringstream out;
  ASSERT_TRUE(Write(Format::kTable, SampleReport(), out));
  std::string s = out.str();
  EXPECT_EQ(s.find("\x1b["), std::string::npos);  // no colour unless asked
  size_t app = s.find("app/Dockerfile (dockerfile)");
  size_t api = s.find("deploy/api.yaml (kubernetes)");
  size_t env = s.find("app/my config/.env");
  ASSERT_NE(app, std::string::npos);
  ASSERT_NE(api, std::string::npos);
  ASSERT_NE(env, std::string::npos);
  EXPECT_LT(app, api);  // target order
  EXPECT_LT(api, env);  // then files that are not targets
  EXPECT_NE(s.find("  LOW       DD005  hygiene/pkg-unpinned  3     apk add curl\n"),
            std::string::npos)
      << s;
  EXPECT_NE(s.find("14:7"), std::string::npos);
  EXPECT_EQ(s.find("runs as app via entrypoint"), std::string::npos);  // hidden by default
  EXPECT_NE(s.find("(1 suppressed)"), std::string::npos);
  EXPECT_NE(s.find("4 findings (CRITICAL 1, HIGH 1, MEDIUM 0, LOW 2, INFO 0); 1 suppressed"),
            std::string::npos)
      << s;
}

TEST(Table, ShowsSuppressedDimmedWhenAskedAndColours) {
  std::ostringstream out;
  Options o;
  o.color = true;
  o.show_suppressed = true;
  WriteTable(SampleReport(), out, o);
  std::string s = out.str();
  EXPECT_NE(s.find("(suppressed: runs as app via entrypoint)"), std::string::npos);
  EXPECT_NE(s.find("\x1b[2mHIGH"), std::string::npos);  // dimmed suppressed row
  EXPECT_NE(s.find("\x1b[1;31mCRITICAL"), std::string::npos);
  EXPECT_NE(s.find("\x1b[31mHIGH"), std::string::npos);
}

TEST(Table, EscapesControlCharacters) {
  Report r;
  r.targets = {{"Dockerfile", "dockerfile"}};
  r.findings.push_back(F(kPin, "Dockerfile", 2, 0, "evil \x1b]0;pwned\x07 title"));
  std::ostringstream out;
  WriteTable(r, out);
  EXPECT_EQ(out.str().find('\x1b'), std::string::npos);
  EXPECT_NE(out.str().find("\\x1b]0;pwned\\x07"), std::string::npos);
}

TEST(Table, TargetWithoutFindings) {
  Report r;
  r.targets = {{"Dockerfile", "dockerfile"}};
  std::ostringstream out;
  WriteTable(r, out);
  EXPECT_NE(out.str().find("no findings"), std::string::npos);
  EXPECT_NE(out.str().find("0 findings"), std::string::npos);
}

TEST(Table, DirectoryTargetWithFindingsInItsFiles) {
  // `drydock secrets DIR`: the findings are in the files below DIR; no "no findings" for DIR.
  Report r;
  r.targets = {{"ctx", "secrets"}, {"ctx-other", "secrets"}};
  r.findings.push_back(F(kPin, "ctx/.env", 1, 0, "a credential"));
  std::ostringstream out;
  WriteTable(r, out);
  const std::string s = out.str();
  EXPECT_EQ(s.find("ctx (secrets)"), std::string::npos) << s;
  EXPECT_NE(s.find("ctx/.env"), std::string::npos) << s;
  EXPECT_NE(s.find("ctx-other (secrets)\n  no findings"), std::string::npos) << s;
}

TEST(Diagnostics, Lines) {
  std::ostringstream out;
  WriteDiagnostics(SampleReport().diagnostics, out);
  EXPECT_EQ(out.str(), "warning: .drydock.yaml:4: ignore for DD201 expired on 2025-01-01\n");
}

rules::Registry TwoRules() {
  rules::Registry reg;
  reg.Add(rules::Rule{testing::kRoot, {}});
  reg.Add(rules::Rule{testing::kPin, {}});
  return reg;
}

TEST(Rules, JsonListsEveryRuleWithMetadata) {
  rules::Registry reg = TwoRules();
  std::ostringstream out;
  ASSERT_TRUE(WriteRules(Format::kJson, reg, out));
  auto j = json::parse(out.str());
  ASSERT_TRUE(j.is_array());
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0]["id"], "DD201");
  EXPECT_EQ(j[0]["slug"], "user/root");
  EXPECT_EQ(j[0]["severity"], "HIGH");
  EXPECT_EQ(j[0]["practice"], 2);
  EXPECT_EQ(j[0]["reads"], "B,I,R");
  EXPECT_EQ(j[0]["references"], json({"DL3002", "DS-0002", "KSV-0012"}));
  ASSERT_EQ(j[0]["examples"].size(), 2u);
  EXPECT_EQ(j[0]["examples"][0]["input"], "FROM alpine:3.20\nRUN echo hi\n");
  EXPECT_EQ(j[0]["examples"][0]["fires"], true);
  EXPECT_EQ(j[0]["examples"][0]["kind"], "dockerfile");
  EXPECT_EQ(j[0]["examples"][1]["fires"], false);
  EXPECT_EQ(j[1]["reads"], "B");
}

TEST(Rules, TableHasOneLinePerRule) {
  rules::Registry reg = TwoRules();
  std::ostringstream out;
  ASSERT_TRUE(WriteRules(Format::kTable, reg, out));
  std::string s = out.str();
  EXPECT_NE(s.find("DD201  HIGH"), std::string::npos) << s;
  EXPECT_NE(s.find("user/root"), std::string::npos);
  EXPECT_NE(s.find("hygiene/pkg-unpinned"), std::string::npos);
  EXPECT_NE(s.find("2 rules"), std::string::npos);
}

TEST(Explain, ShowsEverything) {
  std::ostringstream out;
  ASSERT_TRUE(WriteExplain(Format::kTable, kRoot, out));
  std::string s = out.str();
  EXPECT_NE(s.find("DD201  user/root  HIGH  practice 2  reads B,I,R"), std::string::npos) << s;
  EXPECT_NE(s.find(std::string(kRoot.rationale)), std::string::npos);
  EXPECT_NE(s.find(std::string(kRoot.remediation)), std::string::npos);
  EXPECT_NE(s.find("DL3002, DS-0002, KSV-0012"), std::string::npos);
  EXPECT_NE(s.find("fires (dockerfile): no USER\n    FROM alpine:3.20\n    RUN echo hi\n"),
            std::string::npos)
      << s;
  EXPECT_NE(s.find("silent (dockerfile)\n    FROM scratch\n    USER 65532\n"), std::string::npos);
  std::ostringstream js;
  ASSERT_TRUE(WriteExplain(Format::kJson, kRoot, js));
  EXPECT_EQ(json::parse(js.str())["remediation"], std::string(kRoot.remediation));
}

TEST(Format, Parse) {
  EXPECT_EQ(ParseFormat("json"), Format::kJson);
  EXPECT_EQ(ParseFormat("sarif"), Format::kSarif);
  EXPECT_EQ(ParseFormat("table"), Format::kTable);
  EXPECT_FALSE(ParseFormat("xml"));
  EXPECT_EQ(ReadsLetters(core::kReadsBuild | core::kReadsCluster), "B,C");
  EXPECT_EQ(ReadsLetters(0), "");
}

TEST(Write, FailingStreamIsAnError) {
  std::ostringstream out;
  out.setstate(std::ios::badbit);
  EXPECT_FALSE(Write(Format::kJson, SampleReport(), out));
}

}  // namespace
}  // namespace drydock::report
