// SPDX-License-Identifier: Apache-2.0
// Shared by the vulnerability tests: where the corpus feeds are (../shared/corpus/vulndb,
// DRYDOCK_CORPUS overrides), a visible skip when one is absent, range counts of a Feed, and the
// runner of osv-scalibr's version-ordering fixture files.
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "vuln/feed.h"

namespace drydock::testing {

inline std::filesystem::path VulnCorpus() {
  const char* env = std::getenv("DRYDOCK_CORPUS");
  return std::filesystem::path(env != nullptr ? env : DRYDOCK_CORPUS) / "vulndb";
}

// The affected ranges of `feed` with `status`.
inline std::size_t Ranges(const vuln::Feed& feed, vuln::Status status) {
  std::size_t n = 0;
  for (const auto& a : feed.advisories) {
    for (const auto& r : a.affected) n += r.status == status;
  }
  return n;
}

// osv-scalibr's semantic/testdata ("a <|=|> b" lines) in the corpus.
inline std::filesystem::path OrderingFixtureDir() {
  return VulnCorpus() / "version-compare-fixtures/semantic/testdata";
}

struct FixtureRun {
  int lines = 0;
  std::vector<std::string> failures;  // "file:line: text (got OP)"
};

// Checks every "a OP b" line of `file` (OP one of < = >; blank lines, '#' and '//' comments
// skipped) with `cmp` both ways round: cmp(a, b) has OP's sign and cmp(b, a) the opposite.
template <typename Cmp>
FixtureRun RunOrderingFixture(Cmp cmp, const std::filesystem::path& file) {
  const auto sign = [](int v) { return (v > 0) - (v < 0); };
  FixtureRun run;
  std::ifstream in(file);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#' || line.rfind("//", 0) == 0) continue;
    std::istringstream words(line);
    std::string a;
    std::string op;
    std::string b;
    std::string extra;
    words >> a >> op >> b;
    EXPECT_FALSE(a.empty() || b.empty() || (words >> extra)) << file << ":" << number;
    EXPECT_TRUE(op == "<" || op == "=" || op == ">") << file << ":" << number;
    const int want = op == "<" ? -1 : (op == "=" ? 0 : 1);
    ++run.lines;
    const int got = sign(cmp(a, b));
    if (got != want || sign(cmp(b, a)) != -want) {
      run.failures.push_back(file.filename().string() + ":" + std::to_string(number) + ": " + line +
                             " (got " +
                             (got < 0    ? "<"
                              : got == 0 ? "="
                                         : ">") +
                             ")");
    }
  }
  return run;
}

}  // namespace drydock::testing

// Skips the test visibly when `rel` (under VulnCorpus()) is absent.
#define REQUIRE_FEED(rel)                                                 \
  do {                                                                    \
    const auto feed_path_ = ::drydock::testing::VulnCorpus() / (rel);     \
    if (!std::filesystem::exists(feed_path_)) {                           \
      GTEST_SKIP() << "corpus feed " << feed_path_.string() << " absent"; \
    }                                                                     \
  } while (0)
