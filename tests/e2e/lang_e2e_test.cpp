// SPDX-License-Identifier: Apache-2.0
// End to end: language packages in an image. A scratch sketch image (no OS) with a virtualenv's
// dist-info METADATA and node_modules package.json files; `drydock db import` of the corpus PyPA
// advisory database (OSV YAML); `drydock image` reports DD301 for requests at the METADATA path;
// `drydock sbom` lists the pypi and npm components, and `drydock image --sbom` of that SBOM finds
// the same advisories.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "e2e_util.h"
#include "sources/image/sketch.h"

namespace drydock::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kMetadataPath =
    "/opt/venv/lib/python3.11/site-packages/requests-2.19.1.dist-info/METADATA";

std::set<std::string> Vulnerabilities(const json& report) {
  std::set<std::string> out;
  for (const auto& f : report.at("findings")) {
    if (f.at("id") != "DD301") continue;
    const json& v = f.at("vulnerability");
    out.insert(v.at("package").get<std::string>() + " " + v.at("installed").get<std::string>() +
               " " + v.at("id").get<std::string>() + " " + v.at("fixed").get<std::string>());
  }
  return out;
}

// requests 2.19.1 per vulns/requests/*.yaml (see tests/vuln/lang_match_test.cpp for the
// derivation): CVE-2018-18074 (fixed 2.20.0) and CVE-2023-32681 (introduced 2.3.0, fixed 2.31.0).
const std::set<std::string> kExpected = {"requests 2.19.1 CVE-2018-18074 2.20.0",
                                         "requests 2.19.1 CVE-2023-32681 2.31.0"};

TEST(LangE2e, PythonAndNpmPackagesInAScratchImage) {
  const fs::path pypa = CorpusDir() / "vulndb/pypa-advisory-database-osv";
  if (!fs::exists(pypa)) GTEST_SKIP() << "corpus PyPA OSV data absent: " << pypa;
  TempDir dir;
  auto archive = sources::image::WriteSketchArchive(
      std::string("file ") + kMetadataPath +
      " = Metadata-Version: 2.1\\nName: requests\\nVersion: 2.19.1\\nSummary: HTTP\\n\\n"
      "Requests is an HTTP library.\\n\n"
      "file /opt/venv/lib/python3.11/site-packages/requests-2.19.1.dist-info/RECORD = x\n"
      "file /app/node_modules/@angular/core/package.json = "
      "{\"name\": \"@angular/core\", \"version\": \"11.0.0\"}\n"
      "file /app/node_modules/lodash/package.json = "
      "{\"name\": \"lodash\", \"version\": \"4.17.20\"}\n"
      "file /app/node_modules/lodash/fp/package.json = {\"name\": \"fp\", \"version\": \"0.1.0\"}\n"
      "config {\"User\": \"1000\"}\n");
  ASSERT_TRUE(archive.has_value()) << archive.error().ToString();
  dir.Write("app.tar", *archive);
  const std::string image = (dir.path() / "app.tar").string();
  const std::string db = (dir.path() / "vuln.db").string();
  ProcessResult imported = Drydock({"db", "import", "--db", db, pypa.string()});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;

  ProcessResult r = Drydock({"image", image, "--db", db, "-f", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err.find("vulnerability scanning skipped"), std::string::npos) << r.err;
  const json report = json::parse(r.out);
  EXPECT_EQ(Vulnerabilities(report), kExpected) << r.out;
  bool seen = false;
  for (const auto& f : report.at("findings")) {
    if (f.at("id") != "DD301" || f.at("vulnerability").at("id") != "CVE-2018-18074") continue;
    seen = true;
    EXPECT_EQ(f.at("vulnerability"),
              (json{{"id", "CVE-2018-18074"},
                    {"package", "requests"},
                    {"installed", "2.19.1"},
                    {"fixed", "2.20.0"},
                    {"source_package", "requests"},
                    {"aliases", json::array({"GHSA-x84v-xcm2-53pg", "PYSEC-2018-28"})},
                    {"feed", "osv PyPI"}}));
    EXPECT_EQ(f.at("location").at("path"), kMetadataPath);
    EXPECT_EQ(f.at("location").at("line"), 2);  // the Name header
  }
  EXPECT_TRUE(seen) << r.out;

  // The SBOM lists the language packages with their purls (not the nested fp/package.json).
  ProcessResult cdx = Drydock({"sbom", image});
  ASSERT_EQ(cdx.exit_code, 0) << cdx.err;
  std::set<std::string> purls;
  const json bom = json::parse(cdx.out);  // not in the for: a temporary's member would dangle
  for (const auto& c : bom.at("components")) {
    if (c.contains("purl")) purls.insert(c.at("purl").get<std::string>());
  }
  EXPECT_EQ(purls,
            (std::set<std::string>{"pkg:pypi/requests@2.19.1", "pkg:npm/%40angular/core@11.0.0",
                                   "pkg:npm/lodash@4.17.20"}))
      << cdx.out;
  ProcessResult spdx = Drydock({"sbom", image, "--format", "spdx-json"});
  ASSERT_EQ(spdx.exit_code, 0) << spdx.err;
  EXPECT_NE(spdx.out.find("pkg:npm/%40angular/core@11.0.0"), std::string::npos) << spdx.out;

  // That SBOM read back (`drydock image --sbom`): the same advisories, no OS needed.
  dir.Write("app.cdx.json", cdx.out);
  ProcessResult from_sbom = Drydock(
      {"image", "--sbom", (dir.path() / "app.cdx.json").string(), "--db", db, "-f", "json"});
  ASSERT_EQ(from_sbom.exit_code, 0) << from_sbom.err;
  EXPECT_EQ(Vulnerabilities(json::parse(from_sbom.out)), kExpected) << from_sbom.out;
  EXPECT_EQ(from_sbom.err.find("components not matched"), std::string::npos) << from_sbom.err;
}

}  // namespace
}  // namespace drydock::testing
