// SPDX-License-Identifier: Apache-2.0
// The real-world Dockerfiles of ../shared/corpus/dockerfiles through the binary: none may produce
// DD001, and the findings-per-rule histogram is printed (and written to the build dir) so false
// positives can be reviewed. Skips visibly when the corpus is absent.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iostream>

#include "e2e_util.h"

namespace drydock::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::vector<std::string> CorpusDockerfiles() {
  std::vector<std::string> files;
  fs::path dir = CorpusDir() / "dockerfiles";
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().filename() != "SOURCES.md") {
      files.push_back(e.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(Corpus, EveryDockerfileParsesAndHistogramIsPrinted) {
  auto files = CorpusDockerfiles();
  if (files.empty())
    GTEST_SKIP() << "corpus not found at " << CorpusDir() << " (set DRYDOCK_CORPUS)";
  EXPECT_EQ(files.size(), 414u);
  std::vector<std::string> args = {"dockerfile", "--format", "json", "-q"};
  args.insert(args.end(), files.begin(), files.end());
  auto r = Drydock(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json report = json::parse(r.out);
  EXPECT_EQ(report["targets"].size(), files.size());

  std::set<std::string> invalid;  // tests/data/dockerfile/corpus-invalid.txt, with reasons
  std::ifstream list(std::string(DRYDOCK_TEST_DATA) + "/dockerfile/corpus-invalid.txt");
  for (std::string line; std::getline(list, line);) {
    if (!line.empty() && line[0] != '#') invalid.insert(line);
  }
  ASSERT_EQ(invalid.size(), 8u);
  std::set<std::string> dd001_files;
  std::map<std::string, int> per_rule;
  std::map<std::string, std::set<std::string>> files_per_rule;
  for (const auto& f : report["findings"]) {
    std::string id = f["id"].get<std::string>() + " " + f["slug"].get<std::string>();
    ++per_rule[id];
    files_per_rule[id].insert(f["location"]["file"].get<std::string>());
    if (f["id"] == "DD001") {
      std::string file =
          fs::relative(f["location"]["file"].get<std::string>(), CorpusDir() / "dockerfiles")
              .generic_string();
      dd001_files.insert(file);
      if (!invalid.count(file)) {
        ADD_FAILURE() << "DD001 in " << file << ":" << f["location"]["line"] << ": "
                      << f["message"];
      }
    }
  }
  // Exactly the files BuildKit rejects too get DD001.
  EXPECT_EQ(dd001_files, invalid);
  std::ofstream hist("corpus-histogram.txt");
  for (auto* os : {static_cast<std::ostream*>(&std::cout), static_cast<std::ostream*>(&hist)}) {
    *os << "findings per rule over " << files.size() << " corpus Dockerfiles:\n";
    for (const auto& [id, n] : per_rule) {
      *os << "  " << id << ": " << n << " findings in " << files_per_rule[id].size() << " files\n";
    }
  }
}

}  // namespace
}  // namespace drydock::testing
