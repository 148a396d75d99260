// SPDX-License-Identifier: Apache-2.0
// A layer tar with 1,000,000 entries (empty files, short names, gzip), in its own test executable
// so the process's peak RSS (VmHWM) measures this read only. The image is generated once and
// cached in the build dir (DRYDOCK_BIGTAR_CACHE); generation time is printed. Expected: a bounded
// result (every entry, or a truncation error) and peak RSS below 256 MiB (issue 4).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "audit/image.h"
#include "hostile_archive.h"
#include "sources/image/reader.h"
#include "support/sanitizers.h"

namespace drydock::sources::image {
namespace {

using namespace hostile;  // NOLINT: test helpers

constexpr int kDirs = 1000;
constexpr int kFilesPerDir = 1000;  // 1,000,000 members, no directory entries

// The cached image; rebuilt when absent. The name carries a version: change it with the layout.
fs::path BigImage() {
  fs::path cache = fs::path(DRYDOCK_BIGTAR_CACHE) / "bigtar-v1.tar";
  if (fs::exists(cache)) return cache;
  fs::create_directories(cache.parent_path());
  auto start = std::chrono::steady_clock::now();
  fs::path layer_path = cache.parent_path() / "bigtar-v1.layer.tar.gz";
  Blob layer = MakeLayer(
      layer_path,
      [](TarWriter& tar) {
        Member m;
        for (int d = 0; d < kDirs; ++d) {
          for (int f = 0; f < kFilesPerDir; ++f) {
            m.name = std::to_string(d) + "/" + std::to_string(f);
            tar.Add(m);
          }
        }
      },
      /*gzip=*/true);
  fs::path partial = cache;
  partial += ".partial";
  WriteOciArchive(partial, {layer});
  fs::remove(layer_path);
  fs::rename(partial, cache);  // atomic: a killed run leaves no half image behind
  std::printf("generated %s (%ju bytes) in %.1f s\n", cache.c_str(), fs::file_size(cache),
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return cache;
}

TEST(HostileImageBigTar, MillionEntriesBoundedTimeAndMemory) {
  fs::path image = BigImage();
  auto start = std::chrono::steady_clock::now();
  auto result = ReadImage(image, audit::ScannedReadOptions());
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::size_t peak = PeakRssKiB();
  std::printf("read in %.1f s, peak RSS %zu KiB\n", seconds, peak);
  RecordProperty("peak_rss_kib", std::to_string(peak));
  if (result) {
    EXPECT_EQ(result->files.size(), static_cast<std::size_t>(kDirs) * kFilesPerDir);
    EXPECT_NE(result->files.Find("999/999"), nullptr);
    EXPECT_NE(result->files.Find("0/0"), nullptr);
  } else {
    EXPECT_TRUE(result.error().message.find("limit") != std::string::npos ||
                result.error().message.find("too many") != std::string::npos)
        << result.error().ToString();
  }
  if (DD_UNDER_ASAN) {
    peak = 0;  // ASan's shadow memory makes RSS meaningless
  }
  if (peak > 0) {
    EXPECT_LT(peak, 256u * 1024u) << "peak RSS " << peak << " KiB";
  }
}

}  // namespace
}  // namespace drydock::sources::image
