// SPDX-License-Identifier: Apache-2.0
// Platform selection in a nested index, as `docker buildx` pushes and Docker 25+ saves it:
// index.json → an image index with linux/amd64, linux/arm64/v8 and an attestation manifest
// (platform unknown/unknown) → image manifests. Each platform's image has a file naming it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "audit/image.h"
#include "hostile_archive.h"
#include "sources/image/reader.h"
#include "support/files.h"

namespace drydock::sources::image {
namespace {

using hostile::Blob;
using hostile::Sha256Hex;
using hostile::Text;
using nlohmann::json;
namespace fs = std::filesystem;

struct Image {
  Blob layer;
  std::string config;
  std::string manifest;
};

Image MakeImage(const fs::path& dir, const std::string& arch, const std::string& variant) {
  Image image;
  image.layer = hostile::MakeLayer(dir / (arch + variant + ".tar.gz"),
                                   {Text("etc/arch", arch + variant + "\n")}, true);
  json config = {{"architecture", arch},
                 {"os", "linux"},
                 {"config", {{"User", "1000"}}},
                 {"rootfs", {{"type", "layers"}, {"diff_ids", {"sha256:" + image.layer.diff_id}}}}};
  if (!variant.empty()) config["variant"] = variant;
  image.config = config.dump();
  image.manifest = json{{"schemaVersion", 2},
                        {"mediaType", "application/vnd.oci.image.manifest.v1+json"},
                        {"config",
                         {{"mediaType", "application/vnd.oci.image.config.v1+json"},
                          {"digest", "sha256:" + Sha256Hex(image.config)},
                          {"size", image.config.size()}}},
                        {"layers",
                         {{{"mediaType", "application/vnd.oci.image.layer.v1.tar+gzip"},
                           {"digest", "sha256:" + image.layer.hex},
                           {"size", image.layer.size}}}}}
                       .dump();
  return image;
}

json Descriptor(const std::string& text, json platform) {
  return {{"mediaType", "application/vnd.oci.image.manifest.v1+json"},
          {"digest", "sha256:" + Sha256Hex(text)},
          {"size", text.size()},
          {"platform", std::move(platform)}};
}

class PlatformTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const Image amd64 = MakeImage(dir_.path(), "amd64", "");
    const Image arm64 = MakeImage(dir_.path(), "arm64", "v8");
    const std::string attestation = R"({"schemaVersion":2,"layers":[]})";
    const std::string inner =
        json{{"schemaVersion", 2},
             {"mediaType", "application/vnd.oci.image.index.v1+json"},
             {"manifests",
              {Descriptor(amd64.manifest, {{"os", "linux"}, {"architecture", "amd64"}}),
               Descriptor(arm64.manifest,
                          {{"os", "linux"}, {"architecture", "arm64"}, {"variant", "v8"}}),
               Descriptor(attestation, {{"os", "unknown"}, {"architecture", "unknown"}})}}}
            .dump();
    json index = {{"schemaVersion", 2},
                  {"manifests",
                   {{{"mediaType", "application/vnd.oci.image.index.v1+json"},
                     {"digest", "sha256:" + Sha256Hex(inner)},
                     {"size", inner.size()},
                     {"annotations", {{"org.opencontainers.image.ref.name", "1.0"}}}}}}};
    archive_ = dir_.path() / "multi.tar";
    std::ofstream out(archive_, std::ios::binary);
    hostile::TarWriter tar(
        [&](const char* d, std::size_t n) { out.write(d, static_cast<std::streamsize>(n)); },
        false);
    tar.Add(Text("oci-layout", R"({"imageLayoutVersion":"1.0.0"})"));
    for (const Image* image : {&amd64, &arm64}) {
      tar.Add(Text("blobs/sha256/" + Sha256Hex(image->config), image->config));
      tar.Add(Text("blobs/sha256/" + Sha256Hex(image->manifest), image->manifest));
      tar.AddFile("blobs/sha256/" + image->layer.hex, image->layer.path);
    }
    tar.Add(Text("blobs/sha256/" + Sha256Hex(attestation), attestation));
    tar.Add(Text("blobs/sha256/" + Sha256Hex(inner), inner));
    tar.Add(Text("index.json", index.dump()));
    tar.Close();
  }

  // The platform of the image read for `platform` (from its config), or the error.
  std::string ReadArch(const std::string& platform) {
    ReadOptions options = audit::ScannedReadOptions();
    options.platform = platform;
    auto spec = ReadImage(archive_, options);
    if (!spec) return "error: " + spec.error().message;
    EXPECT_NE(spec->files.Find("etc/arch"), nullptr);
    const std::string& variant = spec->config.variant;
    return spec->config.architecture + (variant.empty() ? "" : "/" + variant);
  }

  testing::TempDir dir_;
  fs::path archive_;
};

TEST_F(PlatformTest, PicksThePlatformAskedFor) {
  EXPECT_EQ(ReadArch("linux/amd64"), "amd64");
  EXPECT_EQ(ReadArch("linux/arm64"), "arm64/v8");
  EXPECT_EQ(ReadArch("linux/arm64/v8"), "arm64/v8");
}

TEST_F(PlatformTest, MissingPlatformNamesWhatThereIs) {
  const std::string result = ReadArch("linux/s390x");
  EXPECT_NE(result.find("no manifest for platform linux/s390x"), std::string::npos) << result;
  EXPECT_NE(result.find("linux/amd64"), std::string::npos) << result;
  EXPECT_NE(result.find("linux/arm64/v8"), std::string::npos) << result;
}

TEST_F(PlatformTest, MalformedPlatformIsAUsageError) {
  ReadOptions options = audit::ScannedReadOptions();
  options.platform = "linux";
  auto spec = ReadImage(archive_, options);
  ASSERT_FALSE(spec.has_value());
  EXPECT_NE(spec.error().message.find("os/arch"), std::string::npos) << spec.error().message;
}

}  // namespace
}  // namespace drydock::sources::image
