// SPDX-License-Identifier: Apache-2.0
// Shared by the package reader tests: where the corpus is, and reading a fixture whole.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace drydock::packages::testing {

// ../shared/corpus (DRYDOCK_CORPUS, overridable by the env var of the same name).
inline std::filesystem::path CorpusDir() {
  const char* env = std::getenv("DRYDOCK_CORPUS");
  return env != nullptr ? std::filesystem::path(env) : std::filesystem::path(DRYDOCK_CORPUS);
}

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace drydock::packages::testing
