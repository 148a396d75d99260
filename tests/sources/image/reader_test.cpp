// SPDX-License-Identifier: Apache-2.0
// The image readers on real images: the Debian 12 minbase image built by scripts/test-images in
// every format (docker-archive, gzip'd docker-archive, OCI layout with gzip and with zstd layers,
// OCI archive) must read to the same image; the planted multi-layer image must show its deleted
// secret as shadowed with the hit recorded in the layer that wrote it; busybox is the minimal
// case. Skips visibly when the test images have not been built (scripts/test-images).
#include "sources/image/reader.h"
#include "audit/image.h"

#include <gtest/gtest.h>

#include "sources/image/sketch.h"

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace drydock::sources::image {
namespace {

namespace fs = std::filesystem;

fs::path TestImages() {
  const char* env = std::getenv("DRYDOCK_TEST_IMAGES");
  return env != nullptr ? fs::path(env) : fs::path(DRYDOCK_TEST_IMAGES);
}

// Skips the test when `rel` was not built.
#define REQUIRE_IMAGE(rel)                                             \
  do {                                                                 \
    if (!fs::exists(TestImages() / (rel))) {                           \
      GTEST_SKIP() << "test image " << (TestImages() / (rel)).string() \
                   << " not built: run scripts/test-images";           \
    }                                                                  \
  } while (0)

ReadOptions WithTag(std::string tag) {
  ReadOptions options = audit::ScannedReadOptions();
  options.tag = std::move(tag);
  return options;
}

model::ImageSpec MustRead(const fs::path& path,
                          const ReadOptions& options = audit::ScannedReadOptions()) {
  auto spec = ReadImage(path, options);
  EXPECT_TRUE(spec.has_value()) << path << ": " << (spec ? "" : spec.error().ToString());
  return spec ? std::move(*spec) : model::ImageSpec{};
}

// A canonical, comparable summary of the merged filesystem.
std::vector<std::string> Listing(const model::ImageSpec& spec) {
  std::vector<std::string> out;
  for (const auto& e : spec.files.entries) {
    out.push_back(e.path + " " + model::FileTypeName(e.type) + " " + std::to_string(e.mode) + " " +
                  std::to_string(e.uid) + ":" + std::to_string(e.gid) + " " +
                  std::to_string(e.size) + " " + e.link_target);
  }
  return out;
}

std::vector<std::string> DiffIds(const model::ImageSpec& spec) {
  std::vector<std::string> out;
  for (const auto& l : spec.layers) out.push_back(l.diff_id);
  return out;
}

TEST(ImageReader, DebianReadsTheSameInEveryFormat) {
  REQUIRE_IMAGE("debian/.done");
  const model::ImageSpec oci = MustRead(TestImages() / "debian/oci");
  ASSERT_EQ(oci.layers.size(), 1u);
  EXPECT_EQ(oci.layers[0].diff_id, oci.config.diff_ids[0]);
  ASSERT_TRUE(oci.os.has_value());
  EXPECT_EQ(oci.os->id, "debian");
  EXPECT_EQ(oci.os->version_id, "12");
  EXPECT_GT(oci.files.size(), 3000u);
  EXPECT_NE(oci.files.Find("usr/bin/dpkg"), nullptr);
  EXPECT_NE(oci.Kept("etc/passwd"), nullptr);
  EXPECT_NE(oci.Kept("var/lib/dpkg/status"), nullptr);
  EXPECT_GT(oci.uncompressed_size, 50'000'000);
  const auto listing = Listing(oci);
  for (const char* other :
       {"debian/oci-zstd", "debian/docker.tar", "debian/docker.tar.gz", "debian/oci.tar"}) {
    SCOPED_TRACE(other);
    const model::ImageSpec spec = MustRead(TestImages() / other);
    EXPECT_EQ(DiffIds(spec), DiffIds(oci));
    EXPECT_EQ(spec.config.diff_ids, oci.config.diff_ids);
    EXPECT_EQ(spec.config.env, oci.config.env);
    EXPECT_EQ(spec.config.history.size(), oci.config.history.size());
    EXPECT_EQ(Listing(spec), listing);
    EXPECT_EQ(spec.secrets.size(), oci.secrets.size());
    EXPECT_EQ(spec.uncompressed_size, oci.uncompressed_size);
    ASSERT_TRUE(spec.os.has_value());
    EXPECT_EQ(spec.os->pretty_name, oci.os->pretty_name);
  }
}

TEST(ImageReader, ProgressIsReportedPerLayerAndAtTheEnd) {
  REQUIRE_IMAGE("planted/.done");
  std::vector<Progress> seen;
  ReadOptions options = audit::ScannedReadOptions();
  options.progress = [&seen](const Progress& p) { seen.push_back(p); };
  const model::ImageSpec spec = MustRead(TestImages() / "planted/docker.tar", options);
  ASSERT_EQ(spec.layers.size(), 4u);
  ASSERT_GE(seen.size(), 5u);  // each layer as it starts, then the end
  for (std::size_t i = 1; i < seen.size(); ++i) {
    EXPECT_GE(seen[i].bytes_read, seen[i - 1].bytes_read);
  }
  EXPECT_EQ(seen.back().layer, 4);
  EXPECT_EQ(seen.back().layers, 4);
  EXPECT_GT(seen.back().bytes_total, 100'000'000);
  EXPECT_GT(seen.back().bytes_read, 100'000'000);
}

TEST(ImageReader, ZstdLayersAreDetectedByMagic) {
  REQUIRE_IMAGE("debian/.done");
  const model::ImageSpec spec = MustRead(TestImages() / "debian/oci-zstd");
  ASSERT_EQ(spec.layers.size(), 1u);
  EXPECT_NE(spec.layers[0].media_type.find("zstd"), std::string::npos);
  EXPECT_TRUE(spec.errors.empty()) << spec.errors.front().message;
}

TEST(ImageReader, PlantedSecretShipsInTheLayerThatWroteIt) {
  REQUIRE_IMAGE("planted/.done");
  // The layout holds two tags (bookworm, planted); the docker-archive only localhost/planted:1.
  for (const char* format : {"planted/oci:planted", "planted/docker.tar"}) {
    SCOPED_TRACE(format);
    const model::ImageSpec spec = MustRead(TestImages().string() + "/" + format);
    ASSERT_EQ(spec.layers.size(), 4u);
    EXPECT_EQ(spec.config.user, "0");
    EXPECT_EQ(spec.files.Find("app/credentials"), nullptr);
    const model::ShadowedFile* shadowed = nullptr;
    for (const auto& s : spec.shadowed) {
      if (s.path == "app/credentials") shadowed = &s;
    }
    ASSERT_NE(shadowed, nullptr);
    EXPECT_EQ(shadowed->layer_written, 1);
    EXPECT_EQ(shadowed->layer_removed, 2);
    bool aws = false;
    for (const auto& s : spec.secrets) {
      if (s.path == "app/credentials" && s.layer == 1 && s.rule_id == "aws-access-key-id") {
        aws = true;
        EXPECT_EQ(s.masked.find("GWJNXQ6FVMR44UBM"), std::string::npos) << s.masked;
      }
    }
    EXPECT_TRUE(aws);
    const model::FsEntry* suid = spec.files.Find("usr/local/bin/find-suid");
    ASSERT_NE(suid, nullptr);
    EXPECT_NE(suid->mode & 04000u, 0u);
    EXPECT_EQ(spec.files.Find("usr/bin/tac"), nullptr);
  }
}

TEST(ImageReader, TagSelectsAndUnknownTagFails) {
  REQUIRE_IMAGE("planted/.done");
  auto ambiguous = ReadImage(TestImages() / "planted/oci", audit::ScannedReadOptions());
  ASSERT_FALSE(ambiguous.has_value());
  EXPECT_NE(ambiguous.error().message.find("pick one"), std::string::npos)
      << ambiguous.error().message;
  EXPECT_TRUE(ReadImage(TestImages() / "debian/oci", WithTag("bookworm")).has_value());
  auto path_tag =
      ReadImage((TestImages() / "debian/oci").string() + ":bookworm", audit::ScannedReadOptions());
  EXPECT_TRUE(path_tag.has_value()) << path_tag.error().ToString();
  auto missing = ReadImage(TestImages() / "debian/oci", WithTag("nope"));
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().message.find("no image tagged \"nope\""), std::string::npos)
      << missing.error().message;
}

TEST(ImageReader, ReadImagesGivesEveryTagOfALayout) {
  REQUIRE_IMAGE("planted/.done");
  const std::string layout = (TestImages() / "planted/oci").string();
  auto all = ReadImages(layout, audit::ScannedReadOptions());
  ASSERT_EQ(all.size(), 2u);
  std::vector<std::string> names;
  std::vector<std::size_t> layers;
  for (auto& spec : all) {
    ASSERT_TRUE(spec.has_value()) << spec.error().ToString();
    names.push_back(spec->reference);
    layers.push_back(spec->layers.size());
  }
  EXPECT_EQ(names, (std::vector<std::string>{layout + ":bookworm", layout + ":planted"}));
  EXPECT_EQ(layers, (std::vector<std::size_t>{1, 4}));
  // With a tag, the one image.
  EXPECT_EQ(ReadImages(layout + ":planted", audit::ScannedReadOptions()).size(), 1u);
}

TEST(ImageReader, BusyboxIsMinimal) {
  REQUIRE_IMAGE("busybox/.done");
  for (const char* format : {"busybox/oci", "busybox/docker.tar"}) {
    SCOPED_TRACE(format);
    const model::ImageSpec spec = MustRead(TestImages() / format);
    ASSERT_TRUE(spec.os.has_value());
    EXPECT_EQ(spec.os->id, "busybox");
    EXPECT_NE(spec.files.Find("bin/busybox"), nullptr);
    EXPECT_LT(spec.files.size(), 1000u);
  }
}

TEST(ImageReader, SniffTellsFormats) {
  REQUIRE_IMAGE("debian/.done");
  EXPECT_EQ(SniffImage(TestImages() / "debian/oci"), ImageFormat::kOciLayout);
  EXPECT_EQ(SniffImage(TestImages() / "debian/docker.tar"), ImageFormat::kDockerArchive);
  EXPECT_EQ(SniffImage(TestImages() / "debian/docker.tar.gz"), ImageFormat::kDockerArchive);
  EXPECT_EQ(SniffImage(TestImages() / "debian/oci.tar"), ImageFormat::kOciArchive);
  EXPECT_EQ(SniffImage(fs::path(DRYDOCK_SOURCE_DIR) / "README.md"), ImageFormat::kNone);
  EXPECT_EQ(SniffImage(fs::path(DRYDOCK_SOURCE_DIR) / "src"), ImageFormat::kNone);
}

TEST(ImageReader, KeepsPackageDatabasesWithTheirOwnSizeCaps) {
  // 9 MB: above the default 8 MiB cap for kept files, below rpm's 128 MiB.
  auto archive = WriteSketchArchive(
      "file /var/lib/rpm/rpmdb.sqlite size=9000000\n"
      "file /etc/passwd size=9000000\n"
      "file /var/lib/dpkg/status = Package: a\\n\n"
      "file /var/lib/dpkg/status.d/base = Package: base-files\\n\n"
      "file /var/lib/dpkg/status.d/base.md5sums = x\n"
      "file /etc/hostname = box\n");
  ASSERT_TRUE(archive.has_value()) << archive.error().ToString();
  auto spec = ReadImageArchive(*archive, "kept.tar", audit::ScannedReadOptions());
  ASSERT_TRUE(spec.has_value()) << spec.error().ToString();
  std::vector<std::string> kept;
  for (const auto& k : spec->kept) kept.push_back(k.path);
  EXPECT_EQ(kept, (std::vector<std::string>{"var/lib/dpkg/status", "var/lib/dpkg/status.d/base",
                                            "var/lib/rpm/rpmdb.sqlite"}));
  ASSERT_NE(spec->Kept("var/lib/rpm/rpmdb.sqlite"), nullptr);
  EXPECT_EQ(spec->Kept("var/lib/rpm/rpmdb.sqlite")->content.size(), 9'000'000u);
  EXPECT_EQ(spec->Kept("var/lib/dpkg/status")->content, "Package: a\n");
}

TEST(ImageReader, NotAnImageIsAClearError) {
  auto spec = ReadImage(fs::path(DRYDOCK_SOURCE_DIR) / "README.md", audit::ScannedReadOptions());
  ASSERT_FALSE(spec.has_value());
  EXPECT_NE(spec.error().message.find("README.md"), std::string::npos) << spec.error().message;
  auto missing = ReadImage("/nonexistent/image.tar", audit::ScannedReadOptions());
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().message.find("no such file"), std::string::npos);
}

}  // namespace
}  // namespace drydock::sources::image
