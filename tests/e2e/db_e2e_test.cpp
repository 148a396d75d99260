// SPDX-License-Identifier: Apache-2.0
// End to end: `drydock db import` / `drydock db info` on the real feeds of
// ../shared/corpus/vulndb (skipping visibly when absent), and a bad feed that must leave the
// database as it was.
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

TEST(DbE2e, ImportInfoAndABadFeed) {
  const fs::path alpine = CorpusDir() / "vulndb/alpine-secdb-legacy-v3.3-v3.11/v3.11/main.yaml";
  const fs::path dsa = CorpusDir() / "vulndb/debian-security-tracker-2023-04/data/DSA/list";
  if (!fs::exists(alpine) || !fs::exists(dsa)) GTEST_SKIP() << "corpus vulndb feeds absent";
  TempDir dir;
  const std::string db = (dir.path() / "cache/vuln.db").string();
  ProcessResult imported = Drydock({"db", "import", "--db", db, alpine.string(), dsa.string()});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_NE(imported.out.find("imported alpine-secdb v3.11/main"), std::string::npos)
      << imported.out;
  ProcessResult info = Drydock({"db", "info", "--db", db, "-f", "json"});
  ASSERT_EQ(info.exit_code, 0) << info.err;
  const json before = json::parse(info.out);
  ASSERT_EQ(before.at("sources").size(), 2u);
  EXPECT_EQ(before.at("schema_version"), 2);
  EXPECT_GT(before.at("ranges").get<int>(), 8000);

  // A truncated copy of the DSA list under the same source name fails and changes nothing.
  dir.Write("DSA/list", "[29 Mar 2023] DSA-5380-1 xorg-server - security update\n\t{CVE-2023");
  ProcessResult bad = Drydock({"db", "import", "--db", db, (dir.path() / "DSA/list").string()});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("list:2"), std::string::npos) << bad.err;
  ProcessResult after = Drydock({"db", "info", "--db", db, "-f", "json"});
  EXPECT_EQ(json::parse(after.out), before);

  ProcessResult missing = Drydock({"db", "info", "--db", (dir.path() / "none.db").string()});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("db import"), std::string::npos) << missing.err;
  ProcessResult format = Drydock({"db", "import", "--db", db, "--format", "nvd", dsa.string()});
  EXPECT_EQ(format.exit_code, 2);
}

// An Alpine 3.11 image (a sketch: os-release and an apk database) whose openssl is one release
// below the fix the v3.11 secdb lists for CVE-2019-1551 (1.1.1d-r3): DD301 with the
// vulnerability object, the gate, --ignore-unfixed, and the notice without a database.
TEST(DbE2e, ImageWithAVulnerablePackage) {
  const fs::path secdb = CorpusDir() / "vulndb/alpine-secdb-legacy-v3.3-v3.11/v3.11/main.yaml";
  if (!fs::exists(secdb)) GTEST_SKIP() << "corpus secdb absent";
  TempDir dir;
  auto archive = sources::image::WriteSketchArchive(
      "os alpine 3.11.5\n"
      "file /lib/apk/db/installed = "
      "P:libssl1.1\\nV:1.1.1d-r2\\nA:x86_64\\no:openssl\\n\\n"
      "P:musl\\nV:1.1.24-r2\\nA:x86_64\\no:musl\\n\\n\n"
      "config {\"User\": \"1000\"}\n");
  ASSERT_TRUE(archive.has_value()) << archive.error().ToString();
  dir.Write("app.tar", *archive);
  const std::string image = (dir.path() / "app.tar").string();
  const std::string db = (dir.path() / "vuln.db").string();
  ASSERT_EQ(Drydock({"db", "import", "--db", db, secdb.string()}).exit_code, 0);
  ProcessResult r = Drydock({"image", image, "--db", db, "-f", "json", "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json report = json::parse(r.out);
  std::vector<json> vulns;
  for (const auto& f : report.at("findings")) {
    if (f.at("id") == "DD301") vulns.push_back(f);
  }
  ASSERT_EQ(vulns.size(), 1u) << r.out;
  EXPECT_EQ(vulns[0].at("vulnerability"), (json{{"id", "CVE-2019-1551"},
                                                {"package", "libssl1.1"},
                                                {"installed", "1.1.1d-r2"},
                                                {"fixed", "1.1.1d-r3"},
                                                {"source_package", "openssl"},
                                                {"aliases", json::array()},
                                                {"feed", "alpine-secdb v3.11/main"}}));
  EXPECT_EQ(vulns[0].at("location").at("path"), "/lib/apk/db/installed");
  EXPECT_EQ(vulns[0].at("location").at("line"), 1);
  // The gate sees it (MEDIUM: the secdb gives no severity).
  EXPECT_EQ(Drydock({"image", image, "--db", db, "--severity", "MEDIUM", "--exit-code", "1", "-q"})
                .exit_code,
            1);
  // Without a database: a notice, not an error.
  TempDir home;
  ProcessResult missing = RunProcess(
      {"/usr/bin/env", "XDG_CACHE_HOME=" + home.path().string(), DRYDOCK_BIN, "image", image}, "",
      "", 120);
  EXPECT_EQ(missing.exit_code, 0) << missing.err;
  EXPECT_NE(missing.err.find("vulnerability scanning skipped"), std::string::npos) << missing.err;
  EXPECT_EQ(missing.out.find("DD301"), std::string::npos);
  // An explicit --db that does not exist is an error.
  EXPECT_EQ(Drydock({"image", image, "--db", (dir.path() / "nope.db").string()}).exit_code, 2);
}

// The DD301 findings of `drydock image IMAGE --db DB`, as (package installed id fixed) strings.
std::set<std::string> Vulnerabilities(const std::string& image, const std::string& db,
                                      std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"image", image, "--db", db, "-f", "json", "-q"};
  args.insert(args.end(), extra.begin(), extra.end());
  ProcessResult r = Drydock(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::set<std::string> out;
  const json report = json::parse(r.out);  // not in the for: a temporary's member would dangle
  for (const auto& f : report.at("findings")) {
    if (f.at("id") != "DD301") continue;
    const json& v = f.at("vulnerability");
    const std::string fixed = v.at("fixed").get<std::string>();
    out.insert(v.at("package").get<std::string>() + " " + v.at("installed").get<std::string>() +
               " " + v.at("id").get<std::string>() + " " + (fixed.empty() ? "unfixed" : fixed));
  }
  return out;
}

// Issue 5's Debian acceptance: the two tests below. scripts/test-images builds two real images
// from the archive:
//  - debian-vuln: Debian 12 minbase plus a layer where apparmor 3.0.8-3 is installed with dpkg
//    and then downgraded by hand in the status file to 2.10.95-1;
//  - debian11: Debian 11 minbase with gzip downgraded in the status file to 1.10-4.
// Expected advisories, read from the data by hand:
//  - tracker sample (osv.dev's debian_security_tracker_mock.json): apparmor only; bookworm has
//    CVE-2014-1424 fixed_version "0" (not affected), CVE-2016-1585 open (urgency unimportant),
//    CVE-2017-6507 resolved in 2.11.0-3 (urgency "not yet assigned");
//  - DSA/DLA lists (2023-04 snapshot): no "[bookworm]" line at all (Debian 12 came out in June
//    2023), so nothing for the Debian 12 image; DSA-5122-1 lists CVE-2022-1271 for
//    "[bullseye] - gzip 1.10-4+deb11u1", and every other package of bullseye 11.x minbase is at
//    or past each fix the lists give for bullseye (the DLA list only covers buster here).
//
// DebianFeedsDatabase: a database with the tracker sample and the DSA/DLA lists ("" when the
// corpus is absent).
std::string DebianFeedsDatabase(const TempDir& dir) {
  const fs::path data = CorpusDir() / "vulndb/debian-security-tracker-2023-04/data";
  const fs::path tracker = CorpusDir() /
                           "vulndb/osv-dev-testdata/vulnfeeds/test_data/debian/"
                           "debian_security_tracker_mock.json";
  if (!fs::exists(data) || !fs::exists(tracker)) return "";
  const std::string db = (dir.path() / "vuln.db").string();
  EXPECT_EQ(Drydock({"db", "import", "--db", db, tracker.string(), (data / "DSA/list").string(),
                     (data / "DLA/list").string()})
                .exit_code,
            0);
  return db;
}

TEST(DbE2e, Debian12WithADowngradedPackage) {
  REQUIRE_IMAGES("debian-vuln");
  TempDir dir;
  const std::string db = DebianFeedsDatabase(dir);
  if (db.empty()) GTEST_SKIP() << "corpus Debian feeds absent";
  const std::string debian12 = (TestImages() / "debian-vuln/oci").string();
  EXPECT_EQ(Vulnerabilities(debian12, db),
            (std::set<std::string>{"apparmor 2.10.95-1 CVE-2016-1585 unfixed",
                                   "apparmor 2.10.95-1 CVE-2017-6507 2.11.0-3"}));
  EXPECT_EQ(Vulnerabilities(debian12, db, {"--ignore-unfixed"}),
            (std::set<std::string>{"apparmor 2.10.95-1 CVE-2017-6507 2.11.0-3"}));
  // The same image before the downgrade (plain Debian 12 minbase) has nothing.
  EXPECT_EQ(Vulnerabilities((TestImages() / "debian/oci").string(), db), std::set<std::string>{});
}

TEST(DbE2e, Debian11WithADowngradedPackage) {
  REQUIRE_IMAGES("debian11");
  TempDir dir;
  const std::string db = DebianFeedsDatabase(dir);
  if (db.empty()) GTEST_SKIP() << "corpus Debian feeds absent";
  const std::string debian11 = (TestImages() / "debian11/oci").string();
  EXPECT_EQ(Vulnerabilities(debian11, db),
            (std::set<std::string>{"gzip 1.10-4 CVE-2022-1271 1.10-4+deb11u1"}));
  // The DSA's id is an alias of the CVE finding, and the gate trips on it.
  ProcessResult r = Drydock({"image", debian11, "--db", db, "-f", "json", "-q"});
  bool aliased = false;
  const json report = json::parse(r.out);
  for (const auto& f : report.at("findings")) {
    if (f.at("id") == "DD301") {
      aliased = f.at("vulnerability").at("aliases") == json::array({"DSA-5122-1"});
    }
  }
  EXPECT_TRUE(aliased) << r.out;
  EXPECT_EQ(
      Drydock({"image", debian11, "--db", db, "--severity", "MEDIUM", "--exit-code", "1", "-q"})
          .exit_code,
      1);
}

}  // namespace
}  // namespace drydock::testing
