// SPDX-License-Identifier: Apache-2.0
// secrets::ScanTree over a planted temp tree (exact hits and counters: VCS dirs, binary files,
// credential file names, size limit, symbolic links out of the tree, skip_dirs, thread-count
// independence, no raw secret in any field) and over ../shared/corpus/secrets (agrees with
// ScanFile file by file; finds at least the trivy samples the corpus recall test requires).
#include "secrets/tree.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "secrets/detector.h"

namespace drydock::secrets {
namespace {

namespace fs = std::filesystem;

std::string Example(std::string_view rule_id) {
  const DetectorRule* rule = FindDetectorRule(rule_id);
  EXPECT_NE(rule, nullptr) << rule_id;
  return rule != nullptr ? ExampleText(rule->example_hit) : std::string();
}

void Write(const fs::path& p, const std::string& content) {
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << content;
}

std::string Read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The secret ScanFile finds in `content` (exactly one expected).
std::string SecretOf(const std::string& content) {
  const auto matches = ScanFile("x.txt", content);
  EXPECT_EQ(matches.size(), 1u) << content;
  return matches.empty() ? std::string() : std::string(matches[0].match.value);
}

class TreeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() / ("drydock_tree_test_" + std::to_string(::getpid()));
    fs::remove_all(base_);
    root_ = base_ / "tree";
    aws_line_ = "# settings\n" + Example("aws-access-key-id") + "\n";
    env_line_ = Example("url-credentials") + "\n";
    key_ = Example("private-key");
    aws_secret_ = SecretOf(aws_line_);
    url_secret_ = SecretOf(env_line_);
    key_secret_ = SecretOf(key_);

    Write(root_ / "app/config.txt", aws_line_);
    Write(root_ / ".env", env_line_);
    Write(root_ / "README.md", "# nothing to see\n");
    Write(root_ / "empty.txt", "");
    // Binary (NUL bytes) with a key inside: skipped. The same under a credential name: scanned.
    const std::string binary_prefix(
        "\x7f"
        "ELF\0\0\1\2\3",
        9);
    Write(root_ / "bin/blob.bin", binary_prefix + aws_line_);
    id_rsa_content_ = binary_prefix + "\n" + key_;
    Write(root_ / "keys/id_rsa", id_rsa_content_);
    // Over max_size (kMaxSize below): skipped and listed.
    Write(root_ / "big.txt", std::string(3000, '#') + "\n" + aws_line_);
    // VCS metadata and a skip_dirs match.
    Write(root_ / ".git/config", aws_line_);
    Write(root_ / "sub/.hg/hgrc", aws_line_);
    Write(root_ / "vendor/lib/creds.txt", aws_line_);
    // A symbolic link to a file outside the tree, and one to a directory outside it.
    Write(base_ / "outside/secret.txt", aws_line_);
    fs::create_symlink(base_ / "outside/secret.txt", root_ / "app/link_out.txt");
    fs::create_directory_symlink(base_ / "outside", root_ / "outside_dir");
    // A symbolic link inside the tree and a loop (followed only with follow_symlinks).
    fs::create_symlink("config.txt", root_ / "app/link_in.txt");
    fs::create_directory_symlink("..", root_ / "app/loop");
  }

  void TearDown() override { fs::remove_all(base_); }

  void ExpectNoRawSecret(const TreeResult& result) const {
    for (const TreeHit& hit : result.hits) {
      for (const std::string* field : {&hit.path, &hit.rule_id, &hit.title, &hit.masked_value}) {
        for (const std::string* raw : {&aws_secret_, &url_secret_, &key_secret_}) {
          EXPECT_EQ(field->find(*raw), std::string::npos) << *field;
        }
      }
    }
  }

  static constexpr std::int64_t kMaxSize = 2048;
  fs::path base_;
  fs::path root_;
  std::string aws_line_, env_line_, key_, id_rsa_content_;
  std::string aws_secret_, url_secret_, key_secret_;
};

TEST_F(TreeTest, ExactHitsAndCounters) {
  TreeOptions options;
  options.max_size = kMaxSize;
  options.skip_dirs = {"vendor"};
  const TreeResult result = ScanTree({root_}, options);
  const std::string r = root_.generic_string();

  ASSERT_EQ(result.hits.size(), 3u);
  // Sorted by path: ".env" < "app/config.txt" < "keys/id_rsa".
  EXPECT_EQ(result.hits[0].path, r + "/.env");
  EXPECT_EQ(result.hits[0].rule_id, "url-credentials");
  EXPECT_EQ(result.hits[0].line, 1u);
  EXPECT_EQ(result.hits[0].column, env_line_.find(url_secret_) + 1);
  EXPECT_EQ(result.hits[0].masked_value, Mask(url_secret_));
  EXPECT_EQ(result.hits[0].severity, core::Severity::kHigh);

  EXPECT_EQ(result.hits[1].path, r + "/app/config.txt");
  EXPECT_EQ(result.hits[1].rule_id, "aws-access-key-id");
  EXPECT_EQ(result.hits[1].title, "AWS access key ID");
  EXPECT_EQ(result.hits[1].severity, core::Severity::kCritical);
  EXPECT_EQ(result.hits[1].line, 2u);
  EXPECT_EQ(result.hits[1].column, aws_line_.find(aws_secret_) - aws_line_.find('\n'));
  EXPECT_EQ(result.hits[1].masked_value, Mask(aws_secret_));

  EXPECT_EQ(result.hits[2].path, r + "/keys/id_rsa");
  EXPECT_EQ(result.hits[2].rule_id, "private-key");
  EXPECT_EQ(result.hits[2].line, 2u);
  EXPECT_EQ(result.hits[2].column, 1u);

  // Scanned: .env, README.md, app/config.txt, empty.txt, keys/id_rsa.
  EXPECT_EQ(result.files_scanned, 5);
  EXPECT_EQ(result.bytes_scanned,
            static_cast<std::int64_t>(env_line_.size() + aws_line_.size() + id_rsa_content_.size() +
                                      Read(root_ / "README.md").size()));
  EXPECT_EQ(result.files_skipped_binary, 1);
  EXPECT_EQ(result.files_skipped_size, 1);
  EXPECT_EQ(result.skipped_size_paths, std::vector<std::string>{r + "/big.txt"});
  EXPECT_EQ(result.hits_dropped, 0);
  EXPECT_TRUE(result.errors.empty()) << result.errors.front();
  ExpectNoRawSecret(result);
}

TEST_F(TreeTest, SkipDirsOffScansVendorButNeverVcs) {
  TreeOptions options;
  options.max_size = kMaxSize;
  const TreeResult result = ScanTree({root_}, options);
  std::set<std::string> paths;
  for (const TreeHit& hit : result.hits) paths.insert(hit.path);
  const std::string r = root_.generic_string();
  EXPECT_EQ(paths, (std::set<std::string>{r + "/.env", r + "/app/config.txt", r + "/keys/id_rsa",
                                          r + "/vendor/lib/creds.txt"}));
  EXPECT_EQ(result.files_scanned, 6);
  // A glob on the relative path works too.
  options.skip_dirs = {"vendor/**"};
  EXPECT_EQ(ScanTree({root_}, options).files_scanned, 5);
}

TEST_F(TreeTest, FollowSymlinksStaysInsideTheTreeAndEndsLoops) {
  TreeOptions options;
  options.max_size = kMaxSize;
  options.skip_dirs = {"vendor"};
  options.follow_symlinks = true;
  const TreeResult result = ScanTree({root_}, options);
  std::set<std::string> paths;
  for (const TreeHit& hit : result.hits) paths.insert(hit.path);
  const std::string r = root_.generic_string();
  // link_in.txt (inside) is followed; link_out.txt and outside_dir (outside) are not; app/loop
  // points at an already visited directory.
  EXPECT_EQ(paths, (std::set<std::string>{r + "/.env", r + "/app/config.txt",
                                          r + "/app/link_in.txt", r + "/keys/id_rsa"}));
  EXPECT_EQ(result.files_scanned, 6);
  ExpectNoRawSecret(result);
}

TEST_F(TreeTest, ResultDoesNotDependOnThreadCount) {
  TreeOptions options;
  options.max_size = kMaxSize;
  for (int i = 0; i < 40; ++i)
    Write(root_ / "many" / ("f" + std::to_string(i) + ".txt"), aws_line_);
  options.threads = 1;
  const TreeResult one = ScanTree({root_}, options);
  options.threads = 7;
  const TreeResult seven = ScanTree({root_}, options);
  ASSERT_EQ(one.hits.size(), seven.hits.size());
  EXPECT_EQ(one.hits.size(), 44u);
  for (std::size_t i = 0; i < one.hits.size(); ++i) {
    EXPECT_EQ(one.hits[i].path, seven.hits[i].path);
    EXPECT_EQ(one.hits[i].line, seven.hits[i].line);
    EXPECT_EQ(one.hits[i].rule_id, seven.hits[i].rule_id);
  }
  EXPECT_EQ(one.files_scanned, seven.files_scanned);
  EXPECT_EQ(one.bytes_scanned, seven.bytes_scanned);
}

TEST_F(TreeTest, FileRootsMissingRootsAndOverlaps) {
  TreeOptions options;
  const fs::path missing = base_ / "nope";
  const TreeResult result =
      ScanTree({root_ / "app/config.txt", missing, root_ / "app/config.txt"}, options);
  ASSERT_EQ(result.hits.size(), 1u);
  EXPECT_EQ(result.hits[0].path, (root_ / "app/config.txt").generic_string());
  EXPECT_EQ(result.files_scanned, 1);
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_NE(result.errors[0].find(missing.generic_string()), std::string::npos);
}

TEST_F(TreeTest, FifoIsNeverOpened) {
  ASSERT_EQ(::mkfifo((root_ / "pipe").c_str(), 0600), 0);
  TreeOptions options;
  options.max_size = kMaxSize;
  options.skip_dirs = {"vendor"};
  EXPECT_EQ(ScanTree({root_}, options).files_scanned, 5);  // returns: nothing blocks on the FIFO
}

// ../shared/corpus/secrets: the tree scan agrees with ScanFile file by file, and the trivy
// samples with a hit reach the recall floor of tests/secrets/corpus_test.cpp (0.85 of its
// positive files; its negatives have no hits, so every file with a hit here is a positive).
fs::path CorpusRoot() {
  const char* env = std::getenv("DRYDOCK_CORPUS");
  return fs::path(env != nullptr ? env : DRYDOCK_CORPUS) / "secrets";
}

TEST(SecretsTreeCorpus, AgreesWithScanFileAndReachesRecallFloor) {
  const fs::path root = CorpusRoot();
  if (!fs::exists(root)) GTEST_SKIP() << "corpus not found at " << root;
  TreeOptions options;
  const TreeResult result = ScanTree({root}, options);
  EXPECT_TRUE(result.errors.empty());
  EXPECT_GT(result.files_scanned, 0);

  std::map<std::string, std::size_t> tree_hits;
  for (const TreeHit& hit : result.hits) ++tree_hits[hit.path];
  std::map<std::string, std::size_t> file_hits;
  std::int64_t scanned = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file() || entry.is_symlink()) continue;
    const std::string rel = fs::relative(entry.path(), root).generic_string();
    if (rel.starts_with(".git/") || rel.find("/.git/") != std::string::npos) continue;
    const std::string content = Read(entry.path());
    const std::string display = root.generic_string() + "/" + rel;
    if (!LooksBinary(content) || IsCredentialFileName(display)) ++scanned;
    const auto matches = ScanFile(display, content);
    if (!matches.empty()) file_hits[display] = matches.size();
  }
  EXPECT_EQ(result.files_scanned, scanned);
  EXPECT_EQ(tree_hits, file_hits);

  // Positives of the trivy recall test: its sample files (.txt/.json/.md/.xml) minus the three
  // custom-rule fixtures and the three negatives (see corpus_test.cpp).
  const fs::path trivy = root / "aquasecurity__trivy/pkg/fanal/secret/testdata";
  if (!fs::exists(trivy)) GTEST_SKIP() << "trivy testdata not found at " << trivy;
  std::size_t positives = 0;
  for (const auto& entry : fs::directory_iterator(trivy)) {
    const std::string name = entry.path().filename().string();
    const std::string ext = entry.path().extension().string();
    if (!entry.is_regular_file() ||
        (ext != ".txt" && ext != ".json" && ext != ".md" && ext != ".xml"))
      continue;
    if (name == "secret.txt" || name == "secret.md" || name == "multi-line.txt" ||
        name == "invalid-aws-secrets.txt" || name == "openai-invalid.txt" ||
        name == "wrapped-secrets.txt") {
      continue;
    }
    ++positives;
  }
  std::set<std::string> trivy_files_with_hits;
  const std::string prefix = trivy.generic_string() + "/";
  for (const TreeHit& hit : result.hits) {
    if (hit.path.starts_with(prefix) && hit.path.find('/', prefix.size()) == std::string::npos) {
      trivy_files_with_hits.insert(hit.path);
    }
  }
  constexpr double kTrivyRecallFloor = 0.85;  // = corpus_test.cpp's floor
  std::printf("tree over corpus: %lld files, %lld bytes, %zu hits; trivy files with hits %zu/%zu\n",
              static_cast<long long>(result.files_scanned),
              static_cast<long long>(result.bytes_scanned), result.hits.size(),
              trivy_files_with_hits.size(), positives);
  EXPECT_GE(static_cast<double>(trivy_files_with_hits.size()),
            std::ceil(kTrivyRecallFloor * static_cast<double>(positives)));
}

}  // namespace
}  // namespace drydock::secrets
