// SPDX-License-Identifier: Apache-2.0
// The build rules over the real-world Dockerfiles of ../shared/corpus: no crash, every finding
// points inside its file, and the official images' build-dependency idioms (apt-mark auto +
// purge --auto-remove, apk --virtual + del) are not mistaken for shipped toolchains.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "rules/catalog.h"
#include "sources/dockerfile/parser.h"

namespace drydock::rules {
namespace {

namespace fs = std::filesystem;

fs::path CorpusDir() {
  const char* env = std::getenv("DRYDOCK_CORPUS");
  return fs::path(env != nullptr ? env : DRYDOCK_CORPUS) / "dockerfiles";
}

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

core::Findings CheckFile(const fs::path& p, const std::string& text) {
  sources::dockerfile::ParseOptions options;
  options.file = p.filename().string();
  return CheckBuild(sources::dockerfile::Parse(text, options), core::RuleSettings{});
}

TEST(Corpus, FindingsPointInsideTheirFile) {
  const fs::path dir = CorpusDir();
  if (!fs::is_directory(dir)) GTEST_SKIP() << "corpus not found at " << dir;
  int files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().extension() == ".md") continue;
    const std::string text = ReadAll(entry.path());
    const int lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
    ++files;
    for (const auto& f : CheckFile(entry.path(), text)) {
      ASSERT_NE(f.rule, nullptr);
      if (f.rule->id == "DD001") continue;  // parse errors may point at the end of the input
      EXPECT_GE(f.location.line, 1) << entry.path() << " " << f.rule->id << " " << f.message;
      EXPECT_LE(f.location.line, lines) << entry.path() << " " << f.rule->id << " " << f.message;
      EXPECT_FALSE(f.message.empty());
    }
  }
  EXPECT_GT(files, 100);
}

// Findings of `id` for one corpus file (relative to the dockerfiles directory).
int Count(const std::string& relative, std::string_view id) {
  const fs::path p = CorpusDir() / relative;
  if (!fs::exists(p)) return -1;
  int n = 0;
  for (const auto& f : CheckFile(p, ReadAll(p))) n += f.rule->id == id;
  return n;
}

TEST(Corpus, OfficialBuildDependencyIdiomsAreRecognised) {
  if (!fs::is_directory(CorpusDir())) GTEST_SKIP() << "corpus not found at " << CorpusDir();
  struct Case {
    const char* file;
    const char* id;
    int expected;
  } cases[] = {
      // apt-mark auto + purge --auto-remove (also via `xargs apt-mark auto`) drops the build deps
      {"docker-library__postgres/16__bookworm__Dockerfile", "DD901", 0},
      {"docker-library__python/3.13__slim-bookworm__Dockerfile", "DD901", 0},
      // apk add --virtual .build-deps … && apk del .build-deps
      {"docker-library__python/3.13__alpine3.24__Dockerfile", "DD901", 0},
      {"docker-library__python/3.13__alpine3.24__Dockerfile", "DD102", 0},
      // `apk add --no-network` installs from the local cache only
      {"docker-library__python/3.13__alpine3.24__Dockerfile", "DD004", 0},
      // the golang image installs gcc and make for cgo on purpose: reported
      {"docker-library__golang/1.26__bookworm__Dockerfile", "DD901", 1},
  };
  for (const auto& c : cases) {
    int n = Count(c.file, c.id);
    if (n < 0) continue;  // the corpus may be trimmed; the generic test above still runs
    EXPECT_EQ(n, c.expected) << c.file << " " << c.id;
  }
}

}  // namespace
}  // namespace drydock::rules
