// SPDX-License-Identifier: Apache-2.0
// Every Dockerfile of the shared corpus parses without a ParseError, except the few that BuildKit
// rejects too (listed with their reasons below; the list must match exactly).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "sources/dockerfile/parser.h"

namespace drydock::sources::dockerfile {
namespace {

namespace fs = std::filesystem;

fs::path CorpusDir() {
  const char* env = std::getenv("DRYDOCK_CORPUS");
  return fs::path(env ? env : DRYDOCK_CORPUS) / "dockerfiles";
}

// Files BuildKit cannot build either, with their reasons: tests/data/dockerfile/corpus-invalid.txt.
std::set<std::string> InvalidCorpusFiles() {
  std::set<std::string> out;
  std::ifstream in(std::string(DRYDOCK_TEST_DATA) + "/dockerfile/corpus-invalid.txt");
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line[0] != '#') out.insert(line);
  }
  return out;
}

TEST(DockerfileCorpus, EveryFileParsesCleanly) {
  fs::path dir = CorpusDir();
  if (!fs::is_directory(dir)) GTEST_SKIP() << "corpus not found at " << dir;
  const std::set<std::string> kInvalid = InvalidCorpusFiles();
  ASSERT_EQ(kInvalid.size(), 8u);
  std::size_t files = 0, instructions = 0, invalid_seen = 0;
  std::vector<std::string> failures;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file() || e.path().filename() == "SOURCES.md") continue;
    ++files;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    ParseOptions opt;
    opt.file = fs::relative(e.path(), dir).string();
    model::BuildSpec spec = Parse(ss.str(), opt);
    for (const auto& st : spec.stages) instructions += st.instructions.size();
    if (kInvalid.count(opt.file)) {
      EXPECT_FALSE(spec.errors.empty()) << opt.file << " is listed as invalid but parses";
      ++invalid_seen;
      continue;
    }
    EXPECT_FALSE(spec.stages.empty()) << opt.file;
    for (const auto& err : spec.errors) {
      failures.push_back(opt.file + ":" + std::to_string(err.where.line) + ": " + err.message);
    }
  }
  EXPECT_GE(files, 400u);
  EXPECT_EQ(invalid_seen, kInvalid.size());
  EXPECT_GT(instructions, files * 3);
  std::string all;
  for (const auto& f : failures) all += f + "\n";
  EXPECT_TRUE(failures.empty()) << all;
}

}  // namespace
}  // namespace drydock::sources::dockerfile
