// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "report/report.h"
#include "support/sarif_validator.h"
#include "test_rules.h"

namespace drydock::report {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using testing::F;
using testing::kPin;
using testing::kRoot;
using testing::kSecret;
using testing::SampleReport;

json Sarif(const Report& r, const Options& o = {}) {
  std::ostringstream out;
  EXPECT_TRUE(Write(Format::kSarif, r, out, o));
  return json::parse(out.str());
}

TEST(Sarif, Structure) {
  json s = Sarif(SampleReport());
  EXPECT_EQ(s["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
  EXPECT_EQ(s["version"], "2.1.0");
  ASSERT_EQ(s["runs"].size(), 1u);
  const json& run = s["runs"][0];
  const json& driver = run["tool"]["driver"];
  EXPECT_EQ(driver["name"], "drydock");
  EXPECT_EQ(driver["semanticVersion"], "0.1.0");
  EXPECT_TRUE(driver["informationUri"].get<std::string>().starts_with("https://"));
  EXPECT_EQ(run["automationDetails"]["id"], "drydock/");

  // Only referenced rules, in order of first appearance after sorting.
  const json& rules = driver["rules"];
  ASSERT_EQ(rules.size(), 3u);
  EXPECT_EQ(rules[0]["id"], "DD005");
  EXPECT_EQ(rules[1]["id"], "DD201");
  EXPECT_EQ(rules[2]["id"], "DD601");
  const json& root = rules[1];
  EXPECT_EQ(root["name"], "UserRoot");
  EXPECT_EQ(root["shortDescription"]["text"], "Container runs as root");
  EXPECT_EQ(root["fullDescription"]["text"], std::string(kRoot.rationale));
  EXPECT_NE(root["help"]["text"].get<std::string>().find("Remediation: Add `USER 65532`"),
            std::string::npos);
  EXPECT_NE(root["help"]["markdown"].get<std::string>().find("`DL3002`"), std::string::npos);
  EXPECT_EQ(root["defaultConfiguration"]["level"], "error");
  EXPECT_EQ(root["properties"]["security-severity"], "8.0");
  EXPECT_EQ(root["properties"]["precision"], "high");
  EXPECT_EQ(root["properties"]["tags"], json({"security", "practice-2", "user"}));
  // A rule with empty rationale still has non-empty descriptions.
  EXPECT_EQ(rules[2]["fullDescription"]["text"], "Secret in a file");
  EXPECT_EQ(rules[2]["properties"]["security-severity"], "9.5");
  EXPECT_EQ(rules[0]["name"], "HygienePkgUnpinned");

  const json& results = run["results"];
  ASSERT_EQ(results.size(), 5u);
  for (const json& r : results) {
    EXPECT_EQ(rules[r["ruleIndex"].get<size_t>()]["id"], r["ruleId"]);
    EXPECT_FALSE(r["message"]["text"].get<std::string>().empty());
    const json& region = r["locations"][0]["physicalLocation"]["region"];
    EXPECT_GE(region["startLine"].get<int>(), 1);
    EXPECT_GE(region["endLine"].get<int>(), region["startLine"].get<int>());
    const std::string fp = r["partialFingerprints"]["primaryLocationLineHash"];
    EXPECT_EQ(fp.size(), 64u + 2u) << fp;
  }
  // Same rule, file and message twice: distinct occurrence suffixes.
  EXPECT_NE(results[0]["partialFingerprints"], results[1]["partialFingerprints"]);
  const json& env = results[3];
  EXPECT_EQ(env["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "app/my%20config/.env");
  EXPECT_FALSE(env["locations"][0]["physicalLocation"]["artifactLocation"].contains("uriBaseId"));
  EXPECT_EQ(env["level"], "error");
  const json& api = results[4];
  EXPECT_EQ(api["locations"][0]["physicalLocation"]["region"],
            json({{"startLine", 14}, {"startColumn", 7}, {"endLine", 14}}));
  EXPECT_EQ(api["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
            "Deployment/shop/api spec.template.spec.containers[0]");
  // Suppressed result stays, with an in-source suppression.
  const json& sup = results[2];
  EXPECT_EQ(sup["ruleId"], "DD201");
  EXPECT_EQ(sup["suppressions"], json::array({{{"kind", "inSource"},
                                               {"status", "accepted"},
                                               {"justification", "runs as app via entrypoint"}}}));
  EXPECT_FALSE(results[0].contains("suppressions"));
  // Diagnostics become tool notifications.
  const json& notes = run["invocations"][0]["toolExecutionNotifications"];
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0]["level"], "warning");
}

TEST(Sarif, FingerprintsAreStable) {
  json a = Sarif(SampleReport());
  Report shuffled = SampleReport();
  std::reverse(shuffled.findings.begin(), shuffled.findings.end());
  json b = Sarif(shuffled);
  EXPECT_EQ(a["runs"][0]["results"], b["runs"][0]["results"]);
}

TEST(Sarif, SourceRootAndLineless) {
  Report r;
  r.findings.push_back(F(kPin, "./dir\\Dockerfile", 0));
  r.findings.back().severity = core::Severity::kCritical;  // policy override
  r.findings.push_back(F(kRoot, "/abs/path/Dockerfile", 2));
  r.findings.back().suppressed = true;
  r.findings.back().suppression_kind = "config";
  Options o;
  o.sarif_source_root = "/work/repo";
  o.sarif_category = "drydock-scan";
  json s = Sarif(r, o);
  const json& run = s["runs"][0];
  EXPECT_EQ(run["originalUriBaseIds"]["%SRCROOT%"]["uri"], "file:///work/repo/");
  EXPECT_EQ(run["automationDetails"]["id"], "drydock-scan/");
  // Sorted: "./dir\\Dockerfile" < "/abs/..." by raw bytes ('.' < '/').
  const json& rel = run["results"][0]["locations"][0]["physicalLocation"];
  EXPECT_EQ(rel["artifactLocation"]["uri"], "dir/Dockerfile");
  EXPECT_EQ(rel["artifactLocation"]["uriBaseId"], "%SRCROOT%");
  EXPECT_EQ(rel["region"]["startLine"], 1);
  EXPECT_FALSE(rel["region"].contains("startColumn"));
  EXPECT_EQ(run["tool"]["driver"]["rules"][0]["properties"]["security-severity"], "9.5");
  const json& abs = run["results"][1];
  EXPECT_EQ(abs["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "file:///abs/path/Dockerfile");
  EXPECT_FALSE(abs["locations"][0]["physicalLocation"]["artifactLocation"].contains("uriBaseId"));
  EXPECT_EQ(abs["suppressions"], json::array({{{"kind", "external"}, {"status", "accepted"}}}));
}

// ---- the real validator -------------------------------------------------------------------------

using drydock::testing::FindSarifValidator;

json Validate(const std::string& sarif_text, const std::string& tool, const std::string& kind) {
  bool ran = false;
  json problems = drydock::testing::ValidateSarif(sarif_text, tool, kind, &ran);
  EXPECT_TRUE(ran) << "sarif-multitool failed to run";
  return problems;
}

TEST(Sarif, PassesSarifMultitoolValidation) {
  std::string tool = FindSarifValidator();
  if (tool.empty()) {
    GTEST_SKIP() << "sarif-multitool not installed under tools/node (run scripts/setup)";
  }
  Report r = SampleReport();
  std::ostringstream plain;
  ASSERT_TRUE(Write(Format::kSarif, r, plain));
  for (const char* kind : {"Sarif", "Gh", "Ghas"}) {
    json problems = Validate(plain.str(), tool, kind);
    EXPECT_TRUE(problems.empty()) << kind << ": " << problems.dump(2);
  }
  Options o;
  o.sarif_source_root = "/src/repo";
  std::ostringstream rooted;
  ASSERT_TRUE(Write(Format::kSarif, r, rooted, o));
  json problems = Validate(rooted.str(), tool, "Sarif");
  EXPECT_TRUE(problems.empty()) << problems.dump(2);
  // The validator must catch a broken document, or the checks above prove nothing.
  std::string bad =
      R"({"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"ruleId":"a",)"
      R"("message":{"text":""}}]}]})";
  EXPECT_FALSE(Validate(bad, tool, "Gh").empty());
}

}  // namespace
}  // namespace drydock::report
