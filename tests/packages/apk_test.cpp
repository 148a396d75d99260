// SPDX-License-Identifier: Apache-2.0
// apk installed-database parsing: hand-written stanzas, malformed lines with their line numbers,
// and the osv-scalibr apk fixtures in ../shared/corpus.
#include "packages/apk.h"

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

TEST(Apk, FieldsOriginAndFileListsTolerated) {
  auto db = ParseApkInstalled(
      "C:Q1abc=\nP:libcrypto3\nV:3.1.4-r5\nA:x86_64\nS:1\nI:2\nT:crypto\no:openssl\n"
      "m:Natanael Copa <ncopa@alpinelinux.org>\nF:usr/lib\nR:libcrypto.so.3\nZ:Q1zz=\n"
      "a:0:0:755\nM:0:0:755\n\nP:musl\nV:1.2.4_git20230717-r4\nA:x86_64\n\n\n",
      "lib/apk/db/installed");
  ASSERT_TRUE(db) << db.error().ToString();
  ASSERT_EQ(db->packages.size(), 2u);
  const Package& crypto = db->packages[0];
  EXPECT_EQ(crypto.ecosystem, Ecosystem::kApk);
  EXPECT_EQ(crypto.name, "libcrypto3");
  EXPECT_EQ(crypto.version, "3.1.4-r5");
  EXPECT_EQ(crypto.arch, "x86_64");
  EXPECT_EQ(crypto.source_name, "openssl");
  EXPECT_EQ(crypto.source_version, "3.1.4-r5");
  EXPECT_EQ(crypto.maintainer, "Natanael Copa <ncopa@alpinelinux.org>");
  EXPECT_EQ(crypto.origin.line, 1);
  EXPECT_EQ(db->packages[1].source_name, "musl");  // no o: → its own name
  EXPECT_EQ(db->packages[1].origin.line, 16);
}

TEST(Apk, MalformedInputFailsWithTheLine) {
  struct Case {
    const char* text;
    int line;
  };
  const Case cases[] = {{"P:a\nV:1\nnot a field\n", 3},
                        {"P:a\nP:b\n", 2},
                        {"P:a\n:\n", 2},
                        {"P:a\nV:1\n\nX\n", 4},
                        {"P:a\nV:1\nV:2\n", 3}};
  for (const Case& c : cases) {
    auto db = ParseApkInstalled(c.text, "lib/apk/db/installed");
    ASSERT_FALSE(db) << c.text;
    EXPECT_EQ(db.error().where.line, c.line) << c.text;
  }
  ApkLimits limits;
  limits.max_packages = 1;
  EXPECT_FALSE(ParseApkInstalled("P:a\nV:1\n\nP:b\nV:1\n", "x", limits));
  limits = {};
  limits.max_line_length = 10;
  auto long_line = ParseApkInstalled("P:a\nT:" + std::string(20, 'x') + "\n", "x", limits);
  ASSERT_FALSE(long_line);
  EXPECT_EQ(long_line.error().where.line, 2);
  EXPECT_EQ(long_line.error().message, "line longer than 10 bytes");
  auto no_version = ParseApkInstalled("P:a\nA:x86_64\n", "x");
  ASSERT_TRUE(no_version);
  EXPECT_TRUE(no_version->packages.empty());
  ASSERT_EQ(no_version->warnings.size(), 1u);
  EXPECT_EQ(no_version->warnings[0].where.line, 1);
}

class ApkFixtures : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = CorpusDir() / "vulndb/pkgdb-fixtures/extractor/filesystem/os/apk/testdata";
    if (!std::filesystem::is_directory(dir_)) GTEST_SKIP() << "corpus absent: " << dir_;
  }
  core::Result<ApkDatabase> Parse(const char* name) const {
    return ParseApkInstalled(ReadFile(dir_ / name), name);
  }
  std::filesystem::path dir_;
};

TEST_F(ApkFixtures, EveryFixture) {
  auto installed = Parse("installed");
  ASSERT_TRUE(installed) << installed.error().ToString();
  EXPECT_EQ(installed->packages.size(), 15u);
  EXPECT_EQ(installed->packages[0].name, "alpine-baselayout");
  EXPECT_EQ(installed->packages[0].version, "3.4.3-r1");
  auto single = Parse("single");
  ASSERT_TRUE(single);
  ASSERT_EQ(single->packages.size(), 1u);
  EXPECT_EQ(single->packages[0].name, "alpine-baselayout-data");
  EXPECT_EQ(single->packages[0].source_name, "alpine-baselayout");
  EXPECT_EQ(single->packages[0].arch, "x86_64");
  auto arch = Parse("different-arch");
  ASSERT_TRUE(arch);
  ASSERT_EQ(arch->packages.size(), 1u);
  EXPECT_EQ(arch->packages[0].arch, "noarch");
  auto no_origin = Parse("no-origin");
  ASSERT_TRUE(no_origin);
  ASSERT_EQ(no_origin->packages.size(), 1u);
  EXPECT_EQ(no_origin->packages[0].source_name, "pkgname");
  auto empty = Parse("empty");
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->packages.empty());
  auto invalid = Parse("invalid");
  ASSERT_FALSE(invalid);
  EXPECT_EQ(invalid.error().where.line, 1);
}

}  // namespace
}  // namespace drydock::packages
