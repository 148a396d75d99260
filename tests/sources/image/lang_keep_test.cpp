// SPDX-License-Identifier: Apache-2.0
// The reader keeps language package metadata (packages/lang.h) for the inventory: exactly the
// dist-info METADATA / egg-info PKG-INFO / node_modules package roots' package.json, a Python
// metadata file cut to its headers, and no more than ReadLimits::max_lang_* allow (the rest
// counted in ImageSpec::lang_files_dropped), including a layer of 100,000 package.json files.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "audit/image.h"
#include "hostile_archive.h"
#include "sources/image/reader.h"
#include "sources/image/sketch.h"

namespace drydock::sources::image {
namespace {

std::set<std::string> KeptPaths(const model::ImageSpec& spec) {
  std::set<std::string> out;
  for (const auto& k : spec.kept) out.insert(k.path);
  return out;
}

constexpr std::string_view kSketch =
    "file /usr/lib/python3.11/site-packages/requests-2.19.1.dist-info/METADATA = "
    "Name: requests\\nVersion: 2.19.1\\n\\nA long description\\n\n"
    "file /usr/lib/python3.11/site-packages/requests-2.19.1.dist-info/RECORD = x\n"
    "file /usr/lib/python3/dist-packages/six-1.16.0.dist-info/METADATA = Name: six\\n\n"
    "file /usr/lib/python3/dist-packages/foo.egg-info/PKG-INFO = Name: foo\\n\n"
    "file /usr/lib/python3/dist-packages/bar.egg-info = Name: bar\\n\n"
    "file /src/proj.egg-info/PKG-INFO = Name: proj\\n\n"
    "file /app/package.json = {}\n"
    "file /app/node_modules/lodash/package.json = {}\n"
    "file /app/node_modules/lodash/lib/package.json = {}\n"
    "file /app/node_modules/@angular/core/package.json = {}\n"
    "file /app/node_modules/@angular/core/schematics/package.json = {}\n"
    "file /app/node_modules/a/node_modules/b/package.json = {}\n"
    "file /app/node_modules/.bin/package.json = {}\n";

TEST(LangKeep, KeepsExactlyThePackageMetadata) {
  auto archive = WriteSketchArchive(kSketch);
  ASSERT_TRUE(archive.has_value()) << archive.error().ToString();
  auto spec = ReadImageArchive(*archive, "sketch.tar", audit::ScannedReadOptions());
  ASSERT_TRUE(spec.has_value()) << spec.error().ToString();
  EXPECT_EQ(KeptPaths(*spec),
            (std::set<std::string>{
                "app/node_modules/@angular/core/package.json",
                "app/node_modules/a/node_modules/b/package.json",
                "app/node_modules/lodash/package.json",
                "usr/lib/python3.11/site-packages/requests-2.19.1.dist-info/METADATA",
                "usr/lib/python3/dist-packages/bar.egg-info",
                "usr/lib/python3/dist-packages/foo.egg-info/PKG-INFO",
                "usr/lib/python3/dist-packages/six-1.16.0.dist-info/METADATA",
            }));
  // METADATA is kept up to its headers' end: the description is not.
  const model::KeptFile* metadata =
      spec->Kept("usr/lib/python3.11/site-packages/requests-2.19.1.dist-info/METADATA");
  ASSERT_NE(metadata, nullptr);
  EXPECT_EQ(metadata->content, "Name: requests\nVersion: 2.19.1\n");
  EXPECT_EQ(spec->lang_files_dropped, 0);
}

TEST(LangKeep, CapsPerFileAndInTotal) {
  // A 300 KiB METADATA (headers, then a long description): a prefix is kept, cut to the headers.
  // A 300 KiB package.json: dropped. With max_lang_files = 3, three of the remaining are kept.
  std::string description(300 << 10, 'd');
  std::string sketch =
      "file /p/site-packages/big-1.0.dist-info/METADATA = Name: big\\nVersion: 1.0\\n\\n" +
      description + "\n" + "file /n/node_modules/big/package.json = {\"x\": \"" + description +
      "\"}\n";
  for (int i = 0; i < 5; ++i) {
    sketch += "file /n/node_modules/p" + std::to_string(i) + "/package.json = {}\n";
  }
  auto archive = WriteSketchArchive(sketch);
  ASSERT_TRUE(archive.has_value()) << archive.error().ToString();
  ReadOptions options = audit::ScannedReadOptions();
  options.limits.max_lang_files = 4;
  auto spec = ReadImageArchive(*archive, "sketch.tar", options);
  ASSERT_TRUE(spec.has_value()) << spec.error().ToString();
  const model::KeptFile* big = spec->Kept("p/site-packages/big-1.0.dist-info/METADATA");
  ASSERT_NE(big, nullptr);
  EXPECT_EQ(big->content, "Name: big\nVersion: 1.0\n");
  EXPECT_EQ(spec->Kept("n/node_modules/big/package.json"), nullptr);
  EXPECT_EQ(spec->kept.size(), 4u);        // big METADATA + 3 manifests
  EXPECT_EQ(spec->lang_files_dropped, 3);  // the big manifest + 2 over the count

  // The total bytes cap: each manifest is 2 bytes ("{}"); 5 bytes allow two of the five.
  std::string small;
  for (int i = 0; i < 5; ++i) {
    small += "file /n/node_modules/p" + std::to_string(i) + "/package.json = {}\n";
  }
  auto small_archive = WriteSketchArchive(small);
  ASSERT_TRUE(small_archive.has_value());
  ReadOptions bytes_options = audit::ScannedReadOptions();
  bytes_options.limits.max_lang_bytes = 5;
  spec = ReadImageArchive(*small_archive, "sketch.tar", bytes_options);
  ASSERT_TRUE(spec.has_value()) << spec.error().ToString();
  EXPECT_EQ(spec->kept.size(), 2u);
  EXPECT_EQ(spec->lang_files_dropped, 3);
}

// A hostile layer: 100,000 tiny package.json package roots. The default cap (50,000 files)
// holds: half are kept, half counted as dropped, and the read stays quick.
TEST(LangKeep, HundredThousandManifestsAreCapped) {
  hostile::TempDir tmp;
  constexpr int kFiles = 100'000;
  hostile::Blob layer = hostile::MakeLayer(
      tmp.path() / "layer.tar.gz",
      [&](hostile::TarWriter& tar) {
        for (int i = 0; i < kFiles; ++i) {
          tar.Add(hostile::Text("app/node_modules/p" + std::to_string(i) + "/package.json",
                                "{\"name\":\"p\",\"version\":\"1.0.0\"}"));
        }
      },
      /*gzip=*/true);
  const auto image = tmp.path() / "image.tar";
  hostile::WriteDockerArchive(image, {layer});
  ReadOptions options = audit::ScannedReadOptions();
  options.scan_secrets = false;
  const ReadLimits defaults;
  ASSERT_EQ(defaults.max_lang_files, 50'000);
  auto spec = ReadImage(image, options);
  ASSERT_TRUE(spec.has_value()) << spec.error().ToString();
  EXPECT_EQ(static_cast<std::int64_t>(spec->kept.size()), defaults.max_lang_files);
  EXPECT_EQ(spec->lang_files_dropped, kFiles - defaults.max_lang_files);
  std::int64_t bytes = 0;
  for (const auto& k : spec->kept) bytes += static_cast<std::int64_t>(k.content.size());
  EXPECT_LE(bytes, defaults.max_lang_bytes);
}

}  // namespace
}  // namespace drydock::sources::image
