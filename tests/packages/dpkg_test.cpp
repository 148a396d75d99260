// SPDX-License-Identifier: Apache-2.0
// dpkg status parsing: hand-written stanzas (status rules, Source forms, malformed lines with
// their line numbers, limits) and the osv-scalibr dpkg fixtures in ../shared/corpus.
#include "packages/dpkg.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "test_util.h"

namespace drydock::packages {
namespace {

using testing::CorpusDir;
using testing::ReadFile;

const Package* Find(const std::vector<Package>& packages, std::string_view name) {
  for (const Package& p : packages) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

TEST(Dpkg, FieldsSourceFormsAndOrigins) {
  auto db = ParseDpkgStatus(
      "Package: libc6\nStatus: install ok installed\nArchitecture: amd64\nSource: glibc\n"
      "Version: 2.36-9+deb12u4\nMaintainer: GNU Libc Maintainers <debian-glibc@lists.debian.org>\n"
      "Description: GNU C Library\n multi-line\n .\n more\n\n"
      "Package: libcap2\nstatus: install ok installed\nSource: libcap2 (1:2.66-4)\n"
      "Version: 1:2.66-4+b1\nArchitecture: amd64\n\n\n"
      "Package: tzdata\nStatus: install ok installed\r\nVersion: 2024a-0+deb12u1\r\n"
      "Architecture: all\n",
      "var/lib/dpkg/status");
  ASSERT_TRUE(db) << db.error().ToString();
  ASSERT_EQ(db->packages.size(), 3u);
  EXPECT_TRUE(db->warnings.empty());
  const Package& libc = db->packages[0];
  EXPECT_EQ(libc.ecosystem, Ecosystem::kDpkg);
  EXPECT_EQ(libc.name, "libc6");
  EXPECT_EQ(libc.version, "2.36-9+deb12u4");
  EXPECT_EQ(libc.arch, "amd64");
  EXPECT_EQ(libc.source_name, "glibc");
  EXPECT_EQ(libc.source_version, "2.36-9+deb12u4");  // Source without version: the binary's
  EXPECT_EQ(libc.maintainer, "GNU Libc Maintainers <debian-glibc@lists.debian.org>");
  EXPECT_EQ(libc.origin.file, "var/lib/dpkg/status");
  EXPECT_EQ(libc.origin.line, 1);
  const Package& cap = db->packages[1];
  EXPECT_EQ(cap.version, "1:2.66-4+b1");
  EXPECT_EQ(cap.source_name, "libcap2");
  EXPECT_EQ(cap.source_version, "1:2.66-4");
  EXPECT_EQ(cap.origin.line, 12);
  const Package& tz = db->packages[2];
  EXPECT_EQ(tz.source_name, "tzdata");
  EXPECT_EQ(tz.version, "2024a-0+deb12u1");  // CR stripped
  EXPECT_EQ(tz.origin.line, 19);
}

TEST(Dpkg, OnlyInstalledStatusesAreKept) {
  auto db = ParseDpkgStatus(
      "Package: a\nStatus: install ok installed\nVersion: 1\n\n"
      "Package: b\nStatus: deinstall ok config-files\nVersion: 1\n\n"
      "Package: c\nStatus: install ok unpacked\nVersion: 1\n\n"
      "Package: d\nStatus: deinstall reinstreq installed\nVersion: 1\n\n"
      "Package: e\nStatus: install ok\nVersion: 1\n\n"
      "Package: f\nVersion: 1\n",
      "status");
  ASSERT_TRUE(db);
  ASSERT_EQ(db->packages.size(), 2u);
  EXPECT_EQ(db->packages[0].name, "a");
  EXPECT_EQ(db->packages[1].name, "d");  // still on disk: the third word is what counts
  ASSERT_EQ(db->warnings.size(), 2u);    // e (two-word Status), f (no Status in `status`)
  EXPECT_EQ(db->warnings[0].where.line, 17);
  EXPECT_EQ(db->warnings[1].where.line, 21);
  // In a status.d file a stanza without Status is installed.
  auto d = ParseDpkgStatus("Package: f\nVersion: 1\n", "status.d/f", DpkgFileKind::kStatusD);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->packages.size(), 1u);
}

TEST(Dpkg, MalformedInputFailsWithTheLine) {
  struct Case {
    const char* text;
    int line;
    const char* message_part;
  };
  const Case cases[] = {
      {"Package: a\nVersion: 1\nno colon here\n", 3, "no ':'"},
      {" leading continuation\n", 1, "continuation"},
      {"Package: a\n\n continuation after blank\n", 3, "continuation"},
      {"Package: a\nVersion: 1\nversion: 2\n", 3, "duplicate field"},
      {"Package: a\nBad Field: x\n", 2, "invalid field name"},
      {"Package: a\n: empty name\n", 2, "invalid field name"},
  };
  for (const Case& c : cases) {
    auto db = ParseDpkgStatus(c.text, "var/lib/dpkg/status");
    ASSERT_FALSE(db) << c.text;
    EXPECT_EQ(db.error().where.line, c.line) << c.text;
    EXPECT_EQ(db.error().where.file, "var/lib/dpkg/status");
    EXPECT_NE(db.error().message.find(c.message_part), std::string::npos) << db.error().message;
  }
}

TEST(Dpkg, LimitsBoundTheWork) {
  DpkgLimits limits;
  limits.max_packages = 2;
  limits.max_line_length = 100;
  auto many = ParseDpkgStatus("Package: a\n\nPackage: b\n\nPackage: c\n", "s",
                              DpkgFileKind::kStatus, limits);
  ASSERT_FALSE(many);
  EXPECT_EQ(many.error().where.line, 5);
  auto long_line = ParseDpkgStatus("Package: a\nDescription: " + std::string(200, 'x') + "\n", "s",
                                   DpkgFileKind::kStatus, limits);
  ASSERT_FALSE(long_line);
  EXPECT_EQ(long_line.error().where.line, 2);
  EXPECT_EQ(long_line.error().where.file, "s");
  EXPECT_EQ(long_line.error().message, "line longer than 100 bytes");
  std::string fields = "Package: a\n";
  for (int i = 0; i < 300; ++i) fields += "X-F" + std::to_string(i) + ": v\n";
  auto too_many = ParseDpkgStatus(fields, "s");
  ASSERT_FALSE(too_many);
  EXPECT_NE(too_many.error().message.find("fields"), std::string::npos);
  // Malformed Source: a warning, the binary name stands in.
  auto src = ParseDpkgStatus(
      "Package: a\nStatus: install ok installed\nVersion: 1\n"
      "Source: x (1.0\n",
      "s");
  ASSERT_TRUE(src);
  ASSERT_EQ(src->packages.size(), 1u);
  EXPECT_EQ(src->packages[0].source_name, "a");
  EXPECT_EQ(src->warnings.size(), 1u);
  // Empty input: no packages, no error.
  auto empty = ParseDpkgStatus("", "s");
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->packages.empty());
}

// osv-scalibr's dpkg extractor fixtures (extractor/filesystem/os/dpkg/testdata/dpkg).
class DpkgFixtures : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = CorpusDir() / "vulndb/pkgdb-fixtures/extractor/filesystem/os/dpkg/testdata/dpkg";
    if (!std::filesystem::is_directory(dir_)) GTEST_SKIP() << "corpus absent: " << dir_;
  }
  core::Result<DpkgDatabase> Parse(const char* name,
                                   DpkgFileKind kind = DpkgFileKind::kStatus) const {
    return ParseDpkgStatus(ReadFile(dir_ / name), name, kind);
  }
  std::filesystem::path dir_;
};

TEST_F(DpkgFixtures, ValidSingleAndTrailingNewlines) {
  auto valid = Parse("valid");
  ASSERT_TRUE(valid) << valid.error().ToString();
  EXPECT_EQ(valid->packages.size(), 7u);
  const Package* accounts = Find(valid->packages, "accountsservice");
  ASSERT_NE(accounts, nullptr);
  EXPECT_EQ(accounts->version, "22.08.8-6");
  EXPECT_EQ(accounts->arch, "amd64");
  for (const char* name : {"single", "trailingnewlines"}) {
    auto db = Parse(name);
    ASSERT_TRUE(db) << name;
    ASSERT_EQ(db->packages.size(), 1u) << name;
    EXPECT_EQ(db->packages[0].name, "acl");
    EXPECT_EQ(db->packages[0].version, "2.3.1-3");
    EXPECT_EQ(db->packages[0].source_name, "acl");
  }
}

TEST_F(DpkgFixtures, TransitionalPackagesKeepTheirSource) {
  auto ice = Parse("transitional");
  ASSERT_TRUE(ice);
  ASSERT_EQ(ice->packages.size(), 1u);
  EXPECT_EQ(ice->packages[0].source_name, "firefox-esr");
  EXPECT_EQ(ice->packages[0].source_version, "78.13.0esr-1~deb10u1");
  EXPECT_EQ(ice->packages[0].arch, "all");
  auto git = Parse("transitional_dummy");
  ASSERT_TRUE(git);
  ASSERT_EQ(git->packages.size(), 1u);
  EXPECT_EQ(git->packages[0].version, "1:2.14.2-1");
  EXPECT_EQ(git->packages[0].source_name, "git");
  auto runit = Parse("transitional_empty");
  ASSERT_TRUE(runit);
  ASSERT_EQ(runit->packages.size(), 1u);
  EXPECT_EQ(runit->packages[0].source_name, "runit");
}

TEST_F(DpkgFixtures, StatusFieldMissingFieldsEmptyAndInvalid) {
  auto status = Parse("statusfield");
  ASSERT_TRUE(status);
  std::vector<std::string> names;
  for (const Package& p : status->packages) names.push_back(p.name);
  EXPECT_EQ(names, (std::vector<std::string>{"wantinstall_installed", "wantdeinstall_installed",
                                             "wantpurge_installed"}));
  auto nopackage = Parse("nopackage");
  ASSERT_TRUE(nopackage);
  EXPECT_EQ(nopackage->packages.size(), 2u);  // foo, bar; the nameless stanza is a warning
  ASSERT_EQ(nopackage->warnings.size(), 1u);
  EXPECT_EQ(nopackage->warnings[0].where.line, 5);
  auto noversion = Parse("noversion");
  ASSERT_TRUE(noversion);
  EXPECT_EQ(noversion->packages.size(), 2u);  // acl has no Version
  EXPECT_EQ(noversion->warnings.size(), 1u);
  auto empty = Parse("empty");
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->packages.empty());
  auto invalid = Parse("invalid");
  ASSERT_FALSE(invalid);
  EXPECT_EQ(invalid.error().where.line, 1);
}

TEST_F(DpkgFixtures, DistrolessStatusD) {
  auto foo = Parse("status.d/foo", DpkgFileKind::kStatusD);
  ASSERT_TRUE(foo);
  ASSERT_EQ(foo->packages.size(), 1u);  // bar is config-files only
  EXPECT_EQ(foo->packages[0].name, "foo");
  EXPECT_EQ(foo->packages[0].version, "1.2.3");
  EXPECT_EQ(foo->packages[0].maintainer, "someone");
}

}  // namespace
}  // namespace drydock::packages
