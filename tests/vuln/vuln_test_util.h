// SPDX-License-Identifier: Apache-2.0
// Shared by the vulnerability-feed tests: where the corpus feeds are (../shared/corpus/vulndb,
// DRYDOCK_CORPUS overrides), a visible skip when one is absent, and range counts of a Feed.
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdlib>
#include <filesystem>

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

}  // namespace drydock::testing

// Skips the test visibly when `rel` (under VulnCorpus()) is absent.
#define REQUIRE_FEED(rel)                                                                  \
  do {                                                                                     \
    const auto feed_path_ = ::drydock::testing::VulnCorpus() / (rel);                \
    if (!std::filesystem::exists(feed_path_)) {                                            \
      GTEST_SKIP() << "corpus feed " << feed_path_.string() << " absent";                  \
    }                                                                                      \
  } while (0)
