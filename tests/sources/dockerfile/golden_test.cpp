// SPDX-License-Identifier: Apache-2.0
// Golden tests: tests/data/dockerfile/golden/<case>.Dockerfile is parsed and dumped; the dump must
// equal <case>.expected (after its first line, a "# case: <case> — description" header written
// by hand). DRYDOCK_UPDATE_GOLDEN=1 rewrites the expected files, keeping their headers; every
// expected file is then checked by hand against BuildKit's behaviour. An optional <case>.args
// holds NAME=value build args, one per line.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "dump.h"
#include "sources/dockerfile/parser.h"

namespace drydock::sources::dockerfile {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<fs::path> Cases() {
  std::vector<fs::path> out;
  fs::path dir = fs::path(DRYDOCK_TEST_DATA) / "dockerfile" / "golden";
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".Dockerfile") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(DockerfileGolden, HasCases) { EXPECT_GE(Cases().size(), 30u); }

TEST(DockerfileGolden, MatchesExpected) {
  const bool update = std::getenv("DRYDOCK_UPDATE_GOLDEN") != nullptr;
  for (const fs::path& df : Cases()) {
    std::string name = df.stem().string();
    SCOPED_TRACE(name);
    ParseOptions opt;
    opt.file = name + ".Dockerfile";
    fs::path args = df;
    args.replace_extension(".args");
    if (fs::exists(args)) {
      std::istringstream in(ReadAll(args));
      for (std::string line; std::getline(in, line);) {
        auto eq = line.find('=');
        if (eq != std::string::npos) opt.build_args[line.substr(0, eq)] = line.substr(eq + 1);
      }
    }
    std::string got = testing::Dump(Parse(ReadAll(df), opt));
    fs::path exp = df;
    exp.replace_extension(".expected");
    std::string expected = ReadAll(exp);
    std::string header = "# case: " + name;
    std::string body;
    if (auto nl = expected.find('\n');
        nl != std::string::npos && expected.rfind("# case: ", 0) == 0) {
      header = expected.substr(0, nl);
      body = expected.substr(nl + 1);
    }
    if (update) {
      std::ofstream(exp, std::ios::binary) << header << "\n" << got;
      continue;
    }
    EXPECT_EQ(header.rfind("# case: " + name, 0), 0u) << "bad header in " << exp;
    EXPECT_EQ(got, body) << "golden mismatch for " << df << "\n--- got ---\n" << got;
  }
}

}  // namespace
}  // namespace drydock::sources::dockerfile
