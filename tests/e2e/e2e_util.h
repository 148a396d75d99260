// SPDX-License-Identifier: Apache-2.0
// Helpers for end-to-end tests: run the drydock binary, parse its JSON report.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/files.h"
#include "support/sarif_validator.h"
#include "support/subprocess.h"

namespace drydock::testing {

inline ProcessResult Drydock(std::vector<std::string> args, const std::string& stdin_text = "",
                             const std::string& cwd = DRYDOCK_SOURCE_DIR) {
  args.insert(args.begin(), DRYDOCK_BIN);
  return RunProcess(args, stdin_text, cwd, 120);
}

// Rule ids of the unsuppressed findings of a JSON report, per file.
inline std::map<std::string, std::set<std::string>> IdsByFile(const nlohmann::json& report) {
  std::map<std::string, std::set<std::string>> out;
  for (const auto& f : report.at("findings")) {
    if (f.at("suppressed").get<bool>()) continue;
    out[f.at("location").at("file").get<std::string>()].insert(f.at("id").get<std::string>());
  }
  return out;
}

// The images scripts/test-images builds (DRYDOCK_TEST_IMAGES overrides the build tree's).
inline std::filesystem::path TestImages() {
  const char* env = std::getenv("DRYDOCK_TEST_IMAGES");
  return env != nullptr ? std::filesystem::path(env) : std::filesystem::path(DRYDOCK_TEST_IMAGES);
}

// Skips the test visibly when the image set `set` (a directory of TestImages()) is not built.
#define REQUIRE_IMAGES(set)                                                                 \
  do {                                                                                      \
    if (!std::filesystem::exists(::drydock::testing::TestImages() / (set) / ".done")) {     \
      GTEST_SKIP() << "test images " << (::drydock::testing::TestImages() / (set)).string() \
                   << " not built: run scripts/test-images";                                \
    }                                                                                       \
  } while (0)

inline std::filesystem::path CorpusDir() {
  if (const char* env = std::getenv("DRYDOCK_CORPUS")) return env;
  return DRYDOCK_CORPUS;
}

}  // namespace drydock::testing
