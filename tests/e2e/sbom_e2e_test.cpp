// SPDX-License-Identifier: Apache-2.0
// End to end: `drydock sbom` on the Debian test image in both formats, and `drydock image --sbom`
// matching a CycloneDX SBOM against the corpus Alpine secdb (DD301, the gate, formats, a stale
// database for DD302, hostile SBOMs), including the SBOM drydock itself wrote for an image.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "e2e_util.h"
#include "sources/image/sketch.h"

namespace drydock::testing {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

fs::path DebianImage() { return fs::path(DRYDOCK_TEST_IMAGES) / "debian/oci"; }

fs::path AlpineSecdb() {
  return CorpusDir() / "vulndb/alpine-secdb-legacy-v3.3-v3.11/v3.11/main.yaml";
}

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::vector<json> Findings(const json& report, const std::string& id) {
  std::vector<json> out;
  for (const auto& f : report.at("findings")) {
    if (f.at("id") == id) out.push_back(f);
  }
  return out;
}

std::set<std::string> Ids(const json& report) {
  std::set<std::string> out;
  for (const auto& f : report.at("findings")) out.insert(f.at("id").get<std::string>());
  return out;
}

// A Trivy-like SBOM of an Alpine 3.11 image: libssl1.1 1.1.1d-r2 (origin openssl, below the
// 1.1.1d-r3 fix of CVE-2019-1551), musl, an npm package and a component without a purl.
constexpr const char* kAlpineSbom = R"({
  "bomFormat": "CycloneDX",
  "specVersion": "1.4",
  "version": 1,
  "metadata": {"component": {"type": "container", "name": "alpine:3.11"}},
  "components": [
    {"type": "library", "name": "musl", "version": "1.1.24-r2",
     "purl": "pkg:apk/alpine/musl@1.1.24-r2?arch=x86_64&distro=3.11.5"},
    {"type": "library", "name": "express", "purl": "pkg:npm/express@4.17.1"},
    {"type": "library", "name": "no-purl", "version": "1"},
    {"type": "library", "name": "libssl1.1", "version": "1.1.1d-r2",
     "purl": "pkg:apk/alpine/libssl1.1@1.1.1d-r2?arch=x86_64&distro=3.11.5",
     "properties": [{"name": "aquasecurity:trivy:SrcName", "value": "openssl"}]}
  ]
}
)";

TEST(SbomE2e, DebianImageBothFormats) {
  const fs::path image = DebianImage();
  if (!fs::exists(image)) GTEST_SKIP() << "test image not built: " << image;
  ProcessResult cdx = Drydock({"sbom", image.string()});
  ASSERT_EQ(cdx.exit_code, 0) << cdx.err;
  const json bom = json::parse(cdx.out);
  EXPECT_EQ(bom.at("bomFormat"), "CycloneDX");
  EXPECT_EQ(bom.at("specVersion"), "1.5");
  EXPECT_EQ(bom.at("metadata").at("component").at("name"), image.string());
  EXPECT_GT(bom.at("components").size(), 50u);
  std::set<std::string> names;
  for (const auto& c : bom.at("components")) names.insert(c.at("name").get<std::string>());
  EXPECT_EQ(names.count("libc6"), 1u);
  EXPECT_EQ(names.count("debian"), 1u);  // the operating-system component

  TempDir dir;
  const fs::path out = dir.path() / "image.spdx.json";
  ProcessResult spdx =
      Drydock({"sbom", image.string(), "--format", "spdx-json", "-o", out.string()});
  ASSERT_EQ(spdx.exit_code, 0) << spdx.err;
  EXPECT_TRUE(spdx.out.empty());
  const json doc = json::parse(ReadText(out));
  EXPECT_EQ(doc.at("spdxVersion"), "SPDX-2.3");
  EXPECT_EQ(doc.at("packages").size(), bom.at("components").size() + 1);  // + the image
  EXPECT_FALSE(fs::exists(out.string() + ".drydock-tmp"));
  // Same image, same document (apart from the time): the serial number is name-based.
  ProcessResult again = Drydock({"sbom", image.string()});
  EXPECT_EQ(json::parse(again.out).at("serialNumber"), bom.at("serialNumber"));

  // The binary's output passes the CycloneDX 1.5 schema when the validator is installed.
  const std::string modules = std::string(DRYDOCK_SOURCE_DIR) + "/build/npm/cyclonedx/node_modules";
  if (fs::is_directory(modules + "/@cyclonedx/cyclonedx-library")) {
    const fs::path file = dir.path() / "image.cdx.json";
    WriteFile(file, cdx.out);
    ProcessResult v =
        RunProcess({"node", std::string(DRYDOCK_SOURCE_DIR) + "/tests/tools/validate-cyclonedx.mjs",
                    modules, file.string()},
                   "", "", 120);
    EXPECT_EQ(v.exit_code, 0) << v.out << v.err;
  }
}

TEST(SbomE2e, SbomErrors) {
  TempDir dir;
  ProcessResult missing = Drydock({"sbom", (dir.path() / "none.tar").string()});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("none.tar"), std::string::npos) << missing.err;
  EXPECT_EQ(Drydock({"sbom"}).exit_code, 2);
  dir.Write("x.tar", "not a tar");
  ProcessResult format = Drydock({"sbom", (dir.path() / "x.tar").string(), "-f", "xml"});
  EXPECT_EQ(format.exit_code, 2);
  EXPECT_NE(format.err.find("--format"), std::string::npos) << format.err;
  const fs::path image = DebianImage();
  if (!fs::exists(image)) GTEST_SKIP() << "test image not built: " << image;
  ProcessResult unwritable =
      Drydock({"sbom", image.string(), "-o", (dir.path() / "no/such/dir/bom.json").string()});
  EXPECT_EQ(unwritable.exit_code, 2);
  EXPECT_NE(unwritable.err.find("cannot write"), std::string::npos) << unwritable.err;
}

TEST(SbomE2e, ImageSbomWithAVulnerablePackage) {
  if (!fs::exists(AlpineSecdb())) GTEST_SKIP() << "corpus secdb absent: " << AlpineSecdb();
  TempDir dir;
  dir.Write("alpine.cdx.json", kAlpineSbom);
  const std::string sbom = (dir.path() / "alpine.cdx.json").string();
  const std::string db = (dir.path() / "vuln.db").string();
  ASSERT_EQ(Drydock({"db", "import", "--db", db, AlpineSecdb().string()}).exit_code, 0);

  ProcessResult r = Drydock({"image", "--sbom", sbom, "--db", db, "-f", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json report = json::parse(r.out);
  EXPECT_EQ(Ids(report), std::set<std::string>{"DD301"});  // no other image rule runs
  const auto vulns = Findings(report, "DD301");
  ASSERT_EQ(vulns.size(), 1u) << r.out;
  EXPECT_EQ(vulns[0].at("vulnerability").at("id"), "CVE-2019-1551");
  EXPECT_EQ(vulns[0].at("vulnerability").at("package"), "libssl1.1");
  EXPECT_EQ(vulns[0].at("vulnerability").at("installed"), "1.1.1d-r2");
  EXPECT_EQ(vulns[0].at("vulnerability").at("fixed"), "1.1.1d-r3");
  EXPECT_EQ(vulns[0].at("vulnerability").at("source_package"), "openssl");
  EXPECT_EQ(vulns[0].at("location").at("file"), sbom);
  EXPECT_EQ(vulns[0].at("location").at("line"), 12);  // the line of libssl1.1's purl
  EXPECT_EQ(vulns[0].at("severity"), "MEDIUM");
  // The component without a purl is counted in a notice (express, an npm package, is read).
  EXPECT_NE(r.err.find("1 of 4 components not matched"), std::string::npos) << r.err;

  // The gate: MEDIUM is reported and fails --exit-code; HIGH alone leaves nothing.
  EXPECT_EQ(Drydock({"image", "--sbom", sbom, "--db", db, "--severity", "MEDIUM", "--exit-code",
                     "1", "-q"})
                .exit_code,
            1);
  EXPECT_EQ(
      Drydock({"image", "--sbom", sbom, "--db", db, "--severity", "HIGH", "--exit-code", "1", "-q"})
          .exit_code,
      0);
  // SARIF and table carry it too.
  ProcessResult sarif = Drydock({"image", "--sbom", sbom, "--db", db, "-f", "sarif", "-q"});
  ASSERT_EQ(sarif.exit_code, 0) << sarif.err;
  const json log = json::parse(sarif.out);
  ASSERT_EQ(log.at("runs").at(0).at("results").size(), 1u);
  EXPECT_EQ(log.at("runs").at(0).at("results").at(0).at("ruleId"), "DD301");
  ProcessResult table = Drydock({"image", "--sbom", sbom, "--db", db, "-q", "--no-color"});
  EXPECT_NE(table.out.find("CVE-2019-1551"), std::string::npos) << table.out;
  // --ignore-unfixed keeps it (it has a fix).
  EXPECT_EQ(Findings(json::parse(Drydock({"image", "--sbom", sbom, "--db", db, "-f", "json", "-q",
                                          "--ignore-unfixed"})
                                     .out),
                     "DD301")
                .size(),
            1u);

  // A database imported long ago: DD302 as well.
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &handle), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(handle, "UPDATE sources SET imported_at = '2020-01-01T00:00:00Z'", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(handle);
  ProcessResult stale = Drydock({"image", "--sbom", sbom, "--db", db, "-f", "json", "-q"});
  ASSERT_EQ(stale.exit_code, 0) << stale.err;
  EXPECT_EQ(Ids(json::parse(stale.out)), (std::set<std::string>{"DD301", "DD302"}));
}

// drydock's own SBOM of an image finds what auditing the image finds.
TEST(SbomE2e, OwnSbomMatchesTheImage) {
  if (!fs::exists(AlpineSecdb())) GTEST_SKIP() << "corpus secdb absent: " << AlpineSecdb();
  TempDir dir;
  auto archive = sources::image::WriteSketchArchive(
      "os alpine 3.11.5\n"
      "file /lib/apk/db/installed = "
      "P:libssl1.1\\nV:1.1.1d-r2\\nA:x86_64\\no:openssl\\n\\n"
      "P:libcrypto1.1\\nV:1.1.1d-r2\\nA:x86_64\\no:openssl\\n\\n"
      "P:musl\\nV:1.1.24-r2\\nA:x86_64\\no:musl\\n\\n\n"
      "config {\"User\": \"1000\"}\n");
  ASSERT_TRUE(archive.has_value()) << archive.error().ToString();
  dir.Write("app.tar", *archive);
  const std::string image = (dir.path() / "app.tar").string();
  const std::string sbom = (dir.path() / "app.cdx.json").string();
  const std::string db = (dir.path() / "vuln.db").string();
  ASSERT_EQ(Drydock({"db", "import", "--db", db, AlpineSecdb().string()}).exit_code, 0);
  ASSERT_EQ(Drydock({"sbom", image, "-o", sbom}).exit_code, 0);
  auto vulns = [](const ProcessResult& r) {
    std::set<std::string> out;
    for (const auto& f : Findings(json::parse(r.out), "DD301")) {
      out.insert(f.at("vulnerability").at("package").get<std::string>() + " " +
                 f.at("vulnerability").at("id").get<std::string>());
    }
    return out;
  };
  ProcessResult from_image = Drydock({"image", image, "--db", db, "-f", "json", "-q"});
  ProcessResult from_sbom = Drydock({"image", "--sbom", sbom, "--db", db, "-f", "json", "-q"});
  ASSERT_EQ(from_image.exit_code, 0) << from_image.err;
  ASSERT_EQ(from_sbom.exit_code, 0) << from_sbom.err;
  EXPECT_EQ(vulns(from_sbom), vulns(from_image));
  EXPECT_EQ(vulns(from_sbom),
            (std::set<std::string>{"libcrypto1.1 CVE-2019-1551", "libssl1.1 CVE-2019-1551"}));
}

TEST(SbomE2e, ImageSbomErrors) {
  TempDir dir;
  const std::string db = (dir.path() / "none.db").string();
  auto run = [&](const std::string& name, const std::string& text) {
    dir.Write(name, text);
    return Drydock({"image", "--sbom", (dir.path() / name).string(), "-q"});
  };
  ProcessResult syntax = run("syntax.json", "{\"bomFormat\": \"CycloneDX\",\n  oops}");
  EXPECT_EQ(syntax.exit_code, 2);
  EXPECT_NE(syntax.err.find("syntax.json:2:3"), std::string::npos) << syntax.err;
  ProcessResult spdx = run("spdx.json", R"({"spdxVersion": "SPDX-2.3"})");
  EXPECT_EQ(spdx.exit_code, 2);
  EXPECT_NE(spdx.err.find("bomFormat"), std::string::npos) << spdx.err;
  ProcessResult types =
      run("types.json", R"({"bomFormat": "CycloneDX", "specVersion": "1.5", "components": 3})");
  EXPECT_EQ(types.exit_code, 2);
  EXPECT_NE(types.err.find("/components"), std::string::npos) << types.err;
  ProcessResult deep = run("deep.json", std::string(100000, '['));
  EXPECT_EQ(deep.exit_code, 2);
  EXPECT_NE(deep.err.find("nested too deeply"), std::string::npos) << deep.err;
  const fs::path big = dir.path() / "big.json";
  { std::ofstream(big) << "{}"; }
  fs::resize_file(big, (std::uintmax_t{64} << 20) + 1);
  ProcessResult huge = Drydock({"image", "--sbom", big.string(), "-q"});
  EXPECT_EQ(huge.exit_code, 2);
  EXPECT_NE(huge.err.find("big.json"), std::string::npos) << huge.err;
  EXPECT_EQ(Drydock({"image", "--sbom", (dir.path() / "absent.json").string()}).exit_code, 2);
  // Either an image or --sbom.
  EXPECT_EQ(Drydock({"image"}).exit_code, 2);
  ProcessResult both = Drydock({"image", "x.tar", "--sbom", (dir.path() / "spdx.json").string()});
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_NE(both.err.find("either"), std::string::npos) << both.err;
}

}  // namespace
}  // namespace drydock::testing
