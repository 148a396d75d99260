// SPDX-License-Identifier: Apache-2.0
// SemVer and PEP 440 ordering (src/vuln/version_lang.h): hand-written cases
// from the two specifications, the order properties (reflexive, antisymmetric,
// transitive) on a mixed list, and every line of osv-scalibr's
// semantic/testdata for PyPI and semver from the corpus.
#include "vuln/version_lang.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "vuln_test_util.h"

namespace drydock::vuln {
namespace {

namespace fs = std::filesystem;

int Sgn(int v) { return (v > 0) - (v < 0); }

using Comparator = int (*)(std::string_view, std::string_view);

// a OP b holds, and so does the reverse with the opposite sign.
bool Holds(Comparator cmp, std::string_view a, int want, std::string_view b) {
  return Sgn(cmp(a, b)) == want && Sgn(cmp(b, a)) == -want;
}

TEST(Semver, SpecPrecedence) {
  // SemVer 2.0.0 §11 example chain.
  const std::vector<std::string> chain = {"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta",
                                          "1.0.0-beta",  "1.0.0-beta.2",  "1.0.0-beta.11",
                                          "1.0.0-rc.1",  "1.0.0",         "2.0.0",
                                          "2.1.0",       "2.1.1"};
  for (std::size_t i = 0; i + 1 < chain.size(); ++i) {
    EXPECT_TRUE(Holds(CompareSemver, chain[i], -1, chain[i + 1])) << chain[i];
  }
  EXPECT_TRUE(Holds(CompareSemver, "1.0.0+build.1", 0, "1.0.0+build.2"));
  EXPECT_TRUE(Holds(CompareSemver, "v1.2", 0, "1.2.0"));
  EXPECT_TRUE(Holds(CompareSemver, "1", 0, "1.0.0"));
  EXPECT_TRUE(Holds(CompareSemver, "1.10.0", 1, "1.9.99"));
  EXPECT_TRUE(Holds(CompareSemver, "1.0.0rc1", -1, "1.0.0"));
  EXPECT_TRUE(Holds(CompareSemver, "1.0.0-", -1, "1.0.0"));
  EXPECT_TRUE(Holds(CompareSemver, "1.0.0-1", -1, "1.0.0-a"));
  EXPECT_TRUE(Holds(CompareSemver, "1.0.0-01", 0, "1.0.0-1"));
  EXPECT_TRUE(Holds(CompareSemver, "", 0, "0.0.0"));
}

TEST(Pep440, SpecOrdering) {
  // PEP 440 "Summary of permitted suffixes and relative ordering" example, in
  // order.
  const std::vector<std::string> chain = {"1.dev0",
                                          "1.0.dev456",
                                          "1.0a1",
                                          "1.0a2.dev456",
                                          "1.0a12.dev456",
                                          "1.0a12",
                                          "1.0b1.dev456",
                                          "1.0b2",
                                          "1.0b2.post345.dev456",
                                          "1.0b2.post345",
                                          "1.0rc1.dev456",
                                          "1.0rc1",
                                          "1.0",
                                          "1.0+abc.5",
                                          "1.0+abc.7",
                                          "1.0+5",
                                          "1.0.post456.dev34",
                                          "1.0.post456",
                                          "1.0.15",
                                          "1.1.dev1"};
  for (std::size_t i = 0; i + 1 < chain.size(); ++i) {
    EXPECT_TRUE(Holds(ComparePep440, chain[i], -1, chain[i + 1]))
        << chain[i] << " < " << chain[i + 1];
  }
  // Normalisation.
  EXPECT_TRUE(Holds(ComparePep440, "1.0", 0, "1.0.0"));
  EXPECT_TRUE(Holds(ComparePep440, "1.0ALPHA1", 0, "1.0a1"));
  EXPECT_TRUE(Holds(ComparePep440, "1.0-preview_2", 0, "1.0rc2"));
  EXPECT_TRUE(Holds(ComparePep440, "1.0-1", 0, "1.0.post1"));
  EXPECT_TRUE(Holds(ComparePep440, "1.0.rev", 0, "1.0.post0"));
  EXPECT_TRUE(Holds(ComparePep440, " v1.0 ", 0, "1.0"));
  EXPECT_TRUE(Holds(ComparePep440, "0!1.0", 0, "1.0"));
  EXPECT_TRUE(Holds(ComparePep440, "1!0.1", 1, "2000.0"));
  EXPECT_TRUE(Holds(ComparePep440, "1.0+local-1", 0, "1.0+local.1"));
  EXPECT_TRUE(Holds(ComparePep440, "1.0.dev", 0, "1.0.dev0"));
  EXPECT_TRUE(IsValidPep440("1.0.post1.dev2+abc"));
  EXPECT_FALSE(IsValidPep440("1.0-bulbasaur"));
  EXPECT_FALSE(IsValidPep440(""));
  // Legacy (non-PEP 440) versions sort before every valid one.
  EXPECT_TRUE(Holds(ComparePep440, "french toast", -1, "0.0.dev0"));
  EXPECT_TRUE(Holds(ComparePep440, "99999-abc", -1, "0"));
}

TEST(VersionLang, TotalPreorderOnMixedStrings) {
  const std::vector<std::string> values = {"",
                                           "0",
                                           "1",
                                           "1.0",
                                           "1.0.0",
                                           "v1.0.0",
                                           "1.0.0-rc.1",
                                           "1.0a1",
                                           "1.0.post1",
                                           "1!0.1",
                                           "1.0+x",
                                           "abc",
                                           "1..2",
                                           "1.0-",
                                           "-1",
                                           "1.2.3.4",
                                           "1.0.dev1",
                                           "00.001",
                                           "1.0rc",
                                           "+",
                                           "1.0.0-a.1.b",
                                           "1.0b",
                                           "2",
                                           "1.0-foo",
                                           "1.0.0+a+b",
                                           "9999999999999999999999",
                                           "1.0.0-0"};
  for (Comparator cmp : {&CompareSemver, &ComparePep440}) {
    for (const auto& a : values) {
      EXPECT_EQ(cmp(a, a), 0) << a;
      for (const auto& b : values) {
        ASSERT_EQ(Sgn(cmp(a, b)), -Sgn(cmp(b, a))) << a << " vs " << b;
        for (const auto& c : values) {
          if (cmp(a, b) <= 0 && cmp(b, c) <= 0) {
            ASSERT_LE(cmp(a, c), 0) << a << " <= " << b << " <= " << c;
          }
        }
      }
    }
  }
}

// ---- corpus fixtures
// ---------------------------------------------------------------------------

using testing::FixtureRun;
using testing::RunOrderingFixture;

TEST(VersionLangFixtures, Semver) {
  const fs::path file = testing::OrderingFixtureDir() / "semver-versions.txt";
  if (!fs::exists(file)) GTEST_SKIP() << "fixture not found: " << file;
  const FixtureRun run = RunOrderingFixture(CompareSemver, file);
  EXPECT_EQ(run.lines,
            86);  // non-comment lines of the file (grep -cv '^\(#\|//\|$\)')
  for (const auto& f : run.failures) ADD_FAILURE() << f;
}

TEST(VersionLangFixtures, PyPI) {
  const fs::path dir = testing::OrderingFixtureDir();
  if (!fs::exists(dir / "pypi-versions.txt")) GTEST_SKIP() << "fixtures not found at " << dir;
  int lines = 0;
  for (const char* name : {"pypi-versions.txt", "pypi-versions-generated.txt"}) {
    const FixtureRun run = RunOrderingFixture(ComparePep440, dir / name);
    lines += run.lines;
    for (const auto& f : run.failures) ADD_FAILURE() << f;
  }
  EXPECT_EQ(lines, 37 + 12375);  // grep -cv '^\(#\|//\|$\)' on the two files
}

}  // namespace
}  // namespace drydock::vuln
