// SPDX-License-Identifier: Apache-2.0
// Matching language packages (PyPI, npm) against the database: by normalised name in ("pypi",
// "") and ("npm", ""), with PEP 440 and SemVer orderings, in an image with or without an OS; the
// OS merging rules (not-affected wins, a CVE and its other ids merged, the highest fix); and the
// corpus PyPA advisory database (OSV YAML) against requests at known versions.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "packages/lang.h"
#include "support/files.h"
#include "vuln/match.h"
#include "vuln/osv.h"

namespace drydock::vuln {
namespace {

packages::Package Lang(packages::Ecosystem ecosystem, std::string name, std::string version) {
  packages::Package p;
  p.ecosystem = ecosystem;
  p.source_name = ecosystem == packages::Ecosystem::kPypi ? packages::Pep503Name(name) : name;
  p.name = std::move(name);
  p.version = std::move(version);
  p.source_version = p.version;
  p.origin = core::FileOrigin("usr/lib/python3/site-packages/x.dist-info/METADATA", 2);
  return p;
}

AffectedRange Range(std::string ecosystem, std::string package, std::string introduced,
                    std::string fixed, Status status = Status::kFixed) {
  AffectedRange r;
  r.ecosystem = std::move(ecosystem);
  r.package = std::move(package);
  r.introduced = std::move(introduced);
  r.fixed = std::move(fixed);
  r.status = status;
  return r;
}

Advisory Adv(std::string id, std::vector<std::string> aliases, std::vector<AffectedRange> ranges) {
  Advisory a;
  a.id = std::move(id);
  a.aliases = std::move(aliases);
  a.affected = std::move(ranges);
  return a;
}

std::vector<std::string> Summaries(const std::vector<PackageMatch>& matches) {
  std::vector<std::string> out;
  for (const auto& m : matches) {
    std::string aliases;
    for (const auto& a : m.aliases) aliases += (aliases.empty() ? "" : ",") + a;
    out.push_back(m.package + " " + m.installed + " " + m.advisory + " [" + aliases + "] " +
                  m.fixed);
  }
  return out;
}

class LangMatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Database::Open((dir_.path() / "vuln.db").string(), true);
    ASSERT_TRUE(opened.has_value()) << opened.error().ToString();
    db_ = std::make_unique<Database>(std::move(*opened));
    Feed pypa;
    pypa.source = "osv PyPI";
    pypa.format = "osv";
    pypa.location = "pypa";
    pypa.advisories = {
        // PEP 440: 1.0rc1 < 1.0 < 1.0.post1; a SemVer reading would order them otherwise.
        Adv("PYSEC-1", {"CVE-2024-0001"}, {Range("pypi", "zope-interface", "0", "1.0.post1")}),
        Adv("PYSEC-2", {"CVE-2024-0002"}, {Range("pypi", "zope-interface", "0", "3.0")}),
        Adv("PYSEC-3", {"CVE-2024-0003"}, {Range("pypi", "zope-interface", "2.0", "2.1")}),
        Adv("PYSEC-4", {}, {Range("pypi", "zope-interface", "0", "", Status::kUnfixed)}),
    };
    Feed ghsa;
    ghsa.source = "osv GHSA";
    ghsa.format = "osv";
    ghsa.location = "ghsa";
    ghsa.advisories = {
        // The same CVE as PYSEC-1, with a later fix: one match, the highest fix.
        Adv("GHSA-aaaa", {"CVE-2024-0001"}, {Range("pypi", "zope-interface", "0", "1.0.post2")}),
        // Another feed says CVE-2024-0002 does not affect zope-interface: that wins.
        Adv("GHSA-bbbb", {"CVE-2024-0002"},
            {Range("pypi", "zope-interface", "", "", Status::kNotAffected)}),
        Adv("GHSA-npm1", {"CVE-2024-0100"}, {Range("npm", "@angular/core", "0", "11.0.5")}),
        // SemVer: 11.0.0-rc.1 < 11.0.0; build metadata ignored.
        Adv("GHSA-npm2", {}, {Range("npm", "@angular/core", "11.0.0", "11.0.1")}),
        Adv("GHSA-npm3", {}, {Range("npm", "lodash", "0", "4.17.21")}),
    };
    ASSERT_TRUE(db_->Import(pypa, "t").has_value());
    ASSERT_TRUE(db_->Import(ghsa, "t").has_value());
  }

  testing::TempDir dir_;
  std::unique_ptr<Database> db_;
};

// A scratch image (no OS at all) with a virtualenv and node_modules: matched all the same.
TEST_F(LangMatchTest, NoOsStillMatchesLanguagePackages) {
  packages::Inventory inv;
  inv.packages = {Lang(packages::Ecosystem::kPypi, "Zope.Interface", "1.0rc1"),
                  Lang(packages::Ecosystem::kNpm, "@angular/core", "11.0.0-rc.1"),
                  Lang(packages::Ecosystem::kNpm, "lodash", "4.17.21")};
  auto found = MatchPackages(inv, *db_);
  ASSERT_TRUE(found.has_value()) << found.error().ToString();
  EXPECT_EQ(Summaries(*found),
            (std::vector<std::string>{
                "@angular/core 11.0.0-rc.1 CVE-2024-0100 [GHSA-npm1] 11.0.5",
                // PYSEC-2 (CVE-2024-0002) covers 1.0rc1, but GHSA-bbbb's not-affected wins.
                "Zope.Interface 1.0rc1 CVE-2024-0001 [GHSA-aaaa,PYSEC-1] 1.0.post2",
                "Zope.Interface 1.0rc1 PYSEC-4 [] ",
            }));
  // The name as written is shown; the feed key is the normalised one.
  for (const auto& m : *found) EXPECT_EQ(m.source_package, m.package);
}

TEST_F(LangMatchTest, OrderingsDecide) {
  packages::Inventory inv;
  inv.os_id = "debian";  // an OS without any feed rows: the OS query finds nothing
  inv.os_release = "12";
  inv.packages = {Lang(packages::Ecosystem::kPypi, "zope_interface", "1.0.post2"),
                  Lang(packages::Ecosystem::kNpm, "@angular/core", "11.0.0+build.7"),
                  Lang(packages::Ecosystem::kNpm, "lodash", "4.17.20")};
  MatchOptions options;
  options.ignore_unfixed = true;
  auto found = MatchPackages(inv, *db_, options);
  ASSERT_TRUE(found.has_value()) << found.error().ToString();
  EXPECT_EQ(Summaries(*found),
            (std::vector<std::string>{"@angular/core 11.0.0+build.7 CVE-2024-0100 [GHSA-npm1] "
                                      "11.0.5",
                                      "@angular/core 11.0.0+build.7 GHSA-npm2 [] 11.0.1",
                                      "lodash 4.17.20 GHSA-npm3 [] 4.17.21"}));
  // 2.0.0 is 2.0 in PEP 440: inside [2.0, 2.1).
  inv.packages = {Lang(packages::Ecosystem::kPypi, "ZOPE-interface", "2.0.0")};
  found = MatchPackages(inv, *db_, options);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(Summaries(*found),
            (std::vector<std::string>{"ZOPE-interface 2.0.0 CVE-2024-0003 [PYSEC-3] 2.1"}));
}

// The corpus PyPA advisory database (OSV YAML, one directory per package) imported as
// `drydock db import` does, then requests at three versions. Expected ids derived by hand from
// vulns/requests/*.yaml (no other file names requests; checked with grep -rl "name: requests$"),
// keeping only the ECOSYSTEM ranges (the GIT commit ranges are skipped by the importer):
//   PYSEC-2014-13 (CVE-2014-1829)  [0, 2.3.0)
//   PYSEC-2014-14 (CVE-2014-1830)  [0, 2.3.0)
//   PYSEC-2015-17 (CVE-2015-2296)  [2.1.0, 2.6.0)
//   PYSEC-2018-28 (CVE-2018-18074) [0, 2.20.0)
//   PYSEC-2023-74 (CVE-2023-32681) [2.3.0, 2.31.0)
// so 2.2.1 has the first four, 2.19.1 the last two, 2.31.0 none.
TEST(LangMatchCorpus, RequestsAgainstThePypaAdvisoryDatabase) {
  const char* env = std::getenv("DRYDOCK_CORPUS");
  const std::filesystem::path corpus = env != nullptr ? env : DRYDOCK_CORPUS;
  const auto pypa = corpus / "vulndb/pypa-advisory-database-osv";
  if (!std::filesystem::exists(pypa)) GTEST_SKIP() << "corpus PyPA OSV data absent: " << pypa;
  testing::TempDir dir;
  auto db = Database::Open((dir.path() / "vuln.db").string(), true);
  ASSERT_TRUE(db.has_value());
  auto feed = ReadOsv(pypa.string());
  ASSERT_TRUE(feed.has_value()) << feed.error().ToString();
  ASSERT_TRUE(db->Import(*feed, "t").has_value());
  auto ids = [&](const char* version) {
    packages::Inventory inv;  // no OS: a scratch image with a virtualenv
    inv.packages = {Lang(packages::Ecosystem::kPypi, "Requests", version)};
    auto found = MatchPackages(inv, *db);
    EXPECT_TRUE(found.has_value());
    std::vector<std::string> out;
    if (found) {
      for (const auto& m : *found) out.push_back(m.advisory + " " + m.fixed);
    }
    return out;
  };
  EXPECT_EQ(ids("2.2.1"),
            (std::vector<std::string>{"CVE-2014-1829 2.3.0", "CVE-2014-1830 2.3.0",
                                      "CVE-2015-2296 2.6.0", "CVE-2018-18074 2.20.0"}));
  EXPECT_EQ(ids("2.19.1"),
            (std::vector<std::string>{"CVE-2018-18074 2.20.0", "CVE-2023-32681 2.31.0"}));
  EXPECT_TRUE(ids("2.31.0").empty());
  EXPECT_TRUE(ids("2.32.3").empty());
}

}  // namespace
}  // namespace drydock::vuln
