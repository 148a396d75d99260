// SPDX-License-Identifier: Apache-2.0
// Hostile image archives, generated at test time in a temp dir: an extraction-escape layer from
// the corpus, a gzip bomb, missing and mismatched blobs, a truncated layer, a symlink loop,
// escaping member names. Every case asserts the concrete outcome (an error naming the blob or
// the limit, or a bounded, root-confined result). The 1,000,000-entry layer lives in
// hostile_bigtar_test.cpp (its own process, so VmHWM measures only that read).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include "audit/image.h"
#include "hostile_archive.h"
#include "sources/image/merge.h"
#include "sources/image/reader.h"
#include "sources/image/sketch.h"

namespace drydock::sources::image {
namespace {

using namespace hostile;  // NOLINT: test helpers

bool Contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

bool ContainsAny(const std::string& text, std::initializer_list<std::string_view> parts) {
  for (auto p : parts) {
    if (Contains(text, p)) return true;
  }
  return false;
}

std::string Corpus() {
  const char* env = std::getenv("DRYDOCK_CORPUS");
  return env != nullptr && *env != '\0' ? env : DRYDOCK_CORPUS;
}

std::set<std::string> Listing(const fs::path& dir, bool recursive) {
  std::set<std::string> names;
  std::error_code ec;
  if (recursive) {
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
         it.increment(ec)) {
      names.insert(it->path().lexically_relative(dir).string());
    }
  } else {
    for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::end(it); it.increment(ec)) {
      names.insert(it->path().filename().string());
    }
  }
  return names;
}

// Every indexed path is normalised inside the root, and every symlink resolves inside it (or
// fails, for loops).
void ExpectConfined(const model::ImageSpec& spec) {
  for (const auto& e : spec.files.entries) {
    EXPECT_FALSE(e.path.starts_with("/")) << e.path;
    EXPECT_FALSE(e.path.starts_with("../")) << e.path;
    EXPECT_NE(e.path, "..");
    EXPECT_FALSE(Contains("/" + e.path + "/", "/../")) << e.path;
    if (e.IsSymlink()) {
      auto resolved = ResolvePath(spec.files, e.path);
      if (resolved) {
        EXPECT_FALSE(resolved->starts_with("/")) << e.path << " -> " << *resolved;
        EXPECT_FALSE(Contains("/" + *resolved + "/", "/../")) << e.path << " -> " << *resolved;
      }
    }
  }
}

// (a) A plain layer tar built to escape an extraction dir (absolute names, a "/trampoline/ -> ."
// chain ending in ../../tmp). Read as given (not an image: an error, or a confined result) and
// wrapped as the layer of a valid docker-archive. Nothing may be written anywhere.
TEST(HostileImage, CorpusEscapeTarStaysInsideTheRoot) {
  fs::path escape =
      fs::path(Corpus()) / "images/google__osv-scalibr/artifact/image/unpack/testdata/escape.tar";
  if (!fs::exists(escape)) GTEST_SKIP() << "corpus file absent: " << escape;
  TempDir tmp;
  fs::path work = tmp.path() / "work";
  fs::create_directories(work);
  fs::path image = tmp.path() / "image.tar";
  Blob layer = HashFile(escape);
  layer.diff_id = layer.hex;
  WriteDockerArchive(image, {layer});

  const std::set<std::string> escape_names = {"escape", "poc.txt", "trampoline", "usr"};
  auto tmp_before = Listing(fs::temp_directory_path(), false);
  auto ours_before = Listing(tmp.path(), true);
  fs::path cwd = fs::current_path();
  fs::current_path(work);  // a relative write would land here

  auto raw = ReadImage(escape, audit::ScannedReadOptions());
  auto wrapped = ReadImage(image, audit::ScannedReadOptions());

  fs::current_path(cwd);
  auto tmp_after = Listing(fs::temp_directory_path(), false);
  EXPECT_EQ(Listing(tmp.path(), true), ours_before);
  for (const auto& name : tmp_after) {
    if (!tmp_before.count(name)) {
      EXPECT_FALSE(escape_names.count(name)) << "created /tmp/" << name;
    }
  }

  std::printf("escape.tar as given: %s\n",
              raw ? "read as an image" : raw.error().ToString().c_str());
  if (raw) ExpectConfined(*raw);
  ASSERT_TRUE(wrapped) << wrapped.error().ToString();
  ExpectConfined(*wrapped);
  // The absolute names land inside the root; the chain through "/trampoline -> ." never leaves it.
  ASSERT_NE(wrapped->files.Find("escape"), nullptr);
  EXPECT_TRUE(wrapped->files.Find("escape")->IsSymlink());
  auto poc = ResolvePath(wrapped->files, "usr/share/doc/c/copyright");
  if (poc) {
    EXPECT_EQ(*poc, "tmp/poc.txt");  // /escape -> …/../tmp clamps at the root
  }
}

// (b) A gzip bomb: a 1 GiB run of zeros (~4.5 MB of gzip) against a 64 MiB per-layer limit (the
// real default is 64 GiB; a 10 GiB bomb against it would cost minutes of test time and the
// limit logic is the same).
TEST(HostileImage, GzipBombStopsAtTheLayerLimit) {
  TempDir tmp;
  Member zeros;
  zeros.name = "zeros";
  zeros.zeros = 1LL << 30;
  Blob bomb = MakeLayer(tmp.path() / "bomb.tar.gz", {zeros}, /*gzip=*/true);
  EXPECT_LT(bomb.size, 16 << 20);
  fs::path image = tmp.path() / "image.tar";
  WriteOciArchive(image, {bomb});

  ReadOptions options = audit::ScannedReadOptions();
  options.limits.max_layer_bytes = 64LL << 20;
  auto start = std::chrono::steady_clock::now();
  auto result = ReadImage(image, options);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_FALSE(result) << "a 1 GiB layer passed a 64 MiB limit";
  const std::string& message = result.error().message;
  std::printf("bomb: %.2f s: %s\n", seconds, result.error().ToString().c_str());
  EXPECT_TRUE(ContainsAny(message, {"limit", "67108864", "64 MiB", "too large", "exceeds"}))
      << message;
  EXPECT_TRUE(Contains(result.error().ToString(), bomb.hex.substr(0, 12))) << message;
  EXPECT_LT(seconds, 10.0) << "the read should stop near 64 MiB, not inflate 1 GiB";
}

// (d) The manifest lists a layer blob the archive does not hold.
TEST(HostileImage, MissingBlobIsNamed) {
  TempDir tmp;
  Blob base = MakeLayer(tmp.path() / "l0", {Text("etc/a", "a")}, false);
  Blob gone = MakeLayer(tmp.path() / "l1", {Text("etc/b", "b")}, true);
  for (bool oci : {false, true}) {
    fs::path image = tmp.path() / (oci ? "oci.tar" : "docker.tar");
    if (oci) {
      WriteOciArchive(image, {base, gone}, {.omit_layer = 1});
    } else {
      WriteDockerArchive(image, {base, gone}, {.omit_layer = 1});
    }
    auto result = ReadImage(image, audit::ScannedReadOptions());
    ASSERT_FALSE(result) << image;
    std::printf("missing: %s\n", result.error().ToString().c_str());
    EXPECT_TRUE(Contains(result.error().ToString(), gone.hex.substr(0, 12)))
        << image << ": " << result.error().ToString();
  }
}

// (e) A blob whose bytes do not match its name (OCI), and a layer whose diff_id does not match
// the config (docker-archive).
TEST(HostileImage, DigestMismatchIsNamed) {
  TempDir tmp;
  Blob real = MakeLayer(tmp.path() / "real", {Text("etc/a", "a")}, true);
  Blob other = MakeLayer(tmp.path() / "other", {Text("etc/a", "tampered")}, true);
  // The manifest names `real`; the blob stored under that name holds `other`'s bytes.
  Blob swapped = other;
  swapped.diff_id = real.diff_id;
  fs::path oci = tmp.path() / "oci.tar";
  WriteOciArchive(oci, {swapped}, {}, {real.hex});
  auto result = ReadImage(oci, audit::ScannedReadOptions());
  ASSERT_FALSE(result) << "tampered blob accepted";
  std::string message = result.error().ToString();
  std::printf("tampered: %s\ndiff_id: ", message.c_str());
  EXPECT_TRUE(Contains(message, real.hex.substr(0, 12))) << message;
  EXPECT_TRUE(ContainsAny(message, {"digest", "diff_id", "mismatch", "match"})) << message;

  fs::path docker = tmp.path() / "docker.tar";
  WriteDockerArchive(docker, {real}, {.bad_diff_id = 0});
  auto bad_diff = ReadImage(docker, audit::ScannedReadOptions());
  ASSERT_FALSE(bad_diff) << "wrong diff_id accepted";
  std::printf("%s\n", bad_diff.error().ToString().c_str());
  EXPECT_TRUE(ContainsAny(bad_diff.error().ToString(), {"diff_id", "mismatch", "match"}))
      << bad_diff.error().ToString();
}

// (f) A gzip layer cut in half (its stored digest matches the cut bytes: only the stream is bad).
TEST(HostileImage, TruncatedLayerIsAnError) {
  TempDir tmp;
  std::vector<Member> members;
  for (int i = 0; i < 200; ++i) {
    members.push_back(Text("data/f" + std::to_string(i), std::string(2000, 'a' + i % 26)));
  }
  fs::path path = tmp.path() / "layer.tar.gz";
  Blob full = MakeLayer(path, members, true);
  fs::resize_file(path, static_cast<std::uintmax_t>(full.size / 2));
  Blob cut = HashFile(path);
  cut.diff_id = full.diff_id;
  cut.gzip = true;
  for (bool oci : {false, true}) {
    fs::path image = tmp.path() / (oci ? "oci.tar" : "docker.tar");
    if (oci) {
      WriteOciArchive(image, {cut});
    } else {
      WriteDockerArchive(image, {cut});
    }
    auto result = ReadImage(image, audit::ScannedReadOptions());
    ASSERT_FALSE(result) << image << ": truncated layer accepted";
    std::printf("truncated: %s\n", result.error().ToString().c_str());
    EXPECT_TRUE(Contains(result.error().ToString(), cut.hex.substr(0, 12)))
        << result.error().ToString();
  }
}

// (g) A symlink loop with a file "under" it: the image reads; resolving through the loop fails.
TEST(HostileImage, SymlinkLoopReadsButDoesNotResolve) {
  auto archive = WriteSketchArchive(
      "symlink /loop/a -> b\n"
      "symlink /loop/b -> a\n"
      "file /loop/a/inner = x\n"
      "symlink /abs -> /abs\n");
  ASSERT_TRUE(archive) << archive.error().message;
  auto result = ReadImageArchive(*archive, "loop.tar", audit::ScannedReadOptions());
  ASSERT_TRUE(result) << result.error().ToString();
  ASSERT_NE(result->files.Find("loop/a"), nullptr);
  for (const char* path : {"loop/a", "/loop/a/inner", "loop/b", "abs"}) {
    auto resolved = ResolvePath(result->files, path);
    ASSERT_FALSE(resolved) << path << " resolved to " << *resolved;
    EXPECT_TRUE(Contains(resolved.error().message, "too many levels of symbolic links"))
        << resolved.error().message;
  }
}

// (h) Absolute and climbing member names. The merger's contract (merge.h): a leading '/' is
// dropped (the member stays inside the root), a name that climbs above the root is rejected and
// recorded in ImageSpec::errors, never clamped into the index.
TEST(HostileImage, EscapingMemberNamesAreRecordedNotIndexed) {
  TempDir tmp;
  Blob layer = MakeLayer(tmp.path() / "layer.tar",
                         {Text("/etc/absolute", "abs"), Text("../../etc/passwd", "root::0:0::/:"),
                          Text("ok/../../../etc/shadow", "x"), Text("etc/fine", "fine")},
                         false);
  fs::path image = tmp.path() / "image.tar";
  WriteDockerArchive(image, {layer});
  auto result = ReadImage(image, audit::ScannedReadOptions());
  ASSERT_TRUE(result) << result.error().ToString();
  ExpectConfined(*result);
  EXPECT_NE(result->files.Find("etc/fine"), nullptr);
  EXPECT_NE(result->files.Find("etc/absolute"), nullptr);  // "/etc/absolute" inside the root
  EXPECT_EQ(result->files.Find("etc/passwd"), nullptr);    // not clamped
  EXPECT_EQ(result->files.Find("etc/shadow"), nullptr);
  EXPECT_EQ(result->Kept("etc/passwd"), nullptr);
  std::set<std::string> error_paths;
  for (const auto& e : result->errors) {
    error_paths.insert(e.where.path);
    EXPECT_TRUE(Contains(e.message, "escapes")) << e.message;
  }
  EXPECT_TRUE(error_paths.count("/../../etc/passwd")) << result->errors.size() << " errors";
  EXPECT_TRUE(error_paths.count("/ok/../../../etc/shadow"));
  EXPECT_EQ(result->errors.size(), 2u);
}

}  // namespace
}  // namespace drydock::sources::image
