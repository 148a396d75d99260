// SPDX-License-Identifier: Apache-2.0
// Image sketches: the docker-archive written for a sketch, read back with libarchive directly
// (not the drydock reader): members and their order, manifest, config, diff_ids = SHA-256 of each
// layer tar, file metadata, whiteouts, links, and errors naming the line.
#include "sources/image/sketch.h"

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/digest.h"

namespace drydock::sources::image {
namespace {

using nlohmann::json;

struct TarMember {
  std::string name;
  unsigned int type = 0;  // AE_IF*
  unsigned int perm = 0;
  std::int64_t uid = -1;
  std::int64_t gid = -1;
  std::string content;
  std::string symlink;
  std::string hardlink;
};

// All members of an uncompressed tar held in memory, in order. Fails the test on a read error.
std::vector<TarMember> ReadTar(const std::string& bytes) {
  std::unique_ptr<archive, decltype(&archive_read_free)> a(archive_read_new(), archive_read_free);
  archive_read_support_format_tar(a.get());
  std::vector<TarMember> out;
  if (archive_read_open_memory(a.get(), bytes.data(), bytes.size()) != ARCHIVE_OK) {
    ADD_FAILURE() << archive_error_string(a.get());
    return out;
  }
  archive_entry* e = nullptr;
  int rc = ARCHIVE_OK;
  while ((rc = archive_read_next_header(a.get(), &e)) == ARCHIVE_OK) {
    TarMember m;
    m.name = archive_entry_pathname(e);
    m.type = archive_entry_filetype(e);
    m.perm = archive_entry_perm(e);
    m.uid = archive_entry_uid(e);
    m.gid = archive_entry_gid(e);
    if (const char* s = archive_entry_symlink(e)) m.symlink = s;
    if (const char* h = archive_entry_hardlink(e)) m.hardlink = h;
    char buffer[8192];
    la_ssize_t n = 0;
    while ((n = archive_read_data(a.get(), buffer, sizeof buffer)) > 0) m.content.append(buffer, n);
    EXPECT_GE(n, 0) << archive_error_string(a.get());
    out.push_back(std::move(m));
  }
  EXPECT_EQ(rc, ARCHIVE_EOF) << archive_error_string(a.get());
  return out;
}

// A written sketch, unpacked: outer members, manifest, config and each layer's members.
struct Unpacked {
  std::vector<TarMember> outer;
  json manifest;
  json config;
  std::vector<std::string> layer_blobs;  // raw layer tars, manifest order
  std::vector<std::vector<TarMember>> layers;

  const TarMember* Find(int layer, std::string_view name) const {
    for (const auto& m : layers.at(layer)) {
      if (m.name == name) return &m;
    }
    return nullptr;
  }
};

Unpacked Unpack(std::string_view sketch) {
  Unpacked u;
  auto written = WriteSketchArchive(sketch);
  if (!written) {
    ADD_FAILURE() << written.error().message;
    return u;
  }
  u.outer = ReadTar(*written);
  std::map<std::string, std::string> by_name;
  for (const auto& m : u.outer) by_name[m.name] = m.content;
  u.manifest = json::parse(by_name["manifest.json"], nullptr, false);
  if (!u.manifest.is_array() || u.manifest.size() != 1) {
    ADD_FAILURE() << "bad manifest: " << by_name["manifest.json"];
    return u;
  }
  u.config = json::parse(by_name[u.manifest[0]["Config"].get<std::string>()], nullptr, false);
  for (const auto& name : u.manifest[0]["Layers"]) {
    EXPECT_TRUE(by_name.count(name.get<std::string>())) << name;
    u.layer_blobs.push_back(by_name[name.get<std::string>()]);
    u.layers.push_back(ReadTar(u.layer_blobs.back()));
  }
  return u;
}

std::string ErrorOf(std::string_view sketch) {
  auto written = WriteSketchArchive(sketch);
  return written ? std::string("<no error>") : written.error().message;
}

TEST(Sketch, LayoutManifestAndDiffIds) {
  Unpacked u = Unpack(
      "# a two-layer image\n"
      "config {\"User\": \"app\", \"Env\": [\"A=1\"]}\n"
      "history {\"created_by\": \"COPY x /\"}\n"
      "file /etc/hello = hi\n"
      "\n"
      "layer\n"
      "history {\"created_by\": \"RUN rm\"}\n"
      "delete /etc/hello\n");
  ASSERT_EQ(u.layers.size(), 2u);
  // Outer members: config, the two layer blobs, manifest.json last.
  ASSERT_EQ(u.outer.size(), 4u);
  EXPECT_EQ(u.outer.back().name, "manifest.json");
  const json& entry = u.manifest[0];
  EXPECT_EQ(entry["RepoTags"], json::array({"sketch:latest"}));
  const std::string config_name = entry["Config"];
  EXPECT_EQ(u.outer[0].name, config_name);
  EXPECT_EQ(config_name, core::Sha256Hex(u.outer[0].content) + ".json");
  // Config fields.
  EXPECT_EQ(u.config["architecture"], "amd64");
  EXPECT_EQ(u.config["os"], "linux");
  EXPECT_EQ(u.config["config"]["User"], "app");
  EXPECT_EQ(u.config["config"]["Env"], json::array({"A=1"}));
  EXPECT_EQ(u.config["rootfs"]["type"], "layers");
  ASSERT_EQ(u.config["history"].size(), 2u);
  EXPECT_EQ(u.config["history"][1]["created_by"], "RUN rm");
  // diff_ids and blob names are the SHA-256 of each (uncompressed) layer tar.
  const json& diff_ids = u.config["rootfs"]["diff_ids"];
  ASSERT_EQ(diff_ids.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    std::string hex = core::Sha256Hex(u.layer_blobs[i]);
    EXPECT_EQ(diff_ids[i], "sha256:" + hex);
    EXPECT_EQ(entry["Layers"][i], hex + ".tar");
  }
  // Layer content.
  const TarMember* hello = u.Find(0, "etc/hello");
  ASSERT_NE(hello, nullptr);
  EXPECT_EQ(hello->content, "hi");
  EXPECT_EQ(hello->type, static_cast<unsigned>(AE_IFREG));
  EXPECT_EQ(hello->perm, 0644u);
  ASSERT_EQ(u.layers[1].size(), 1u);
  EXPECT_EQ(u.layers[1][0].name, "etc/.wh.hello");
}

TEST(Sketch, FileMetadataEscapesAndSize) {
  Unpacked u = Unpack(
      "file /usr/bin/tool 4755 uid=1000 gid=50 = a\\tb\\nc\\\\d \\x = kept\n"
      "file /big 600 size=100000\n"
      "file /empty\n"
      "file /gidonly gid=7\n");
  ASSERT_EQ(u.layers.size(), 1u);
  const TarMember* tool = u.Find(0, "usr/bin/tool");
  ASSERT_NE(tool, nullptr);
  EXPECT_EQ(tool->perm, 04755u);
  EXPECT_EQ(tool->uid, 1000);
  EXPECT_EQ(tool->gid, 50);
  EXPECT_EQ(tool->content, "a\tb\nc\\d \\x = kept");
  const TarMember* big = u.Find(0, "big");
  ASSERT_NE(big, nullptr);
  EXPECT_EQ(big->perm, 0600u);
  EXPECT_EQ(big->content, std::string(100000, '\0'));
  ASSERT_NE(u.Find(0, "empty"), nullptr);
  EXPECT_EQ(u.Find(0, "empty")->content, "");
  EXPECT_EQ(u.Find(0, "empty")->uid, 0);
  EXPECT_EQ(u.Find(0, "gidonly")->gid, 7);
  EXPECT_EQ(u.Find(0, "gidonly")->perm, 0644u);
}

TEST(Sketch, DirsLinksWhiteoutsAndOs) {
  Unpacked u = Unpack(
      "os debian 12\n"
      "dir /opt/app 0700\n"
      "dir /var\n"
      "symlink /bin -> usr/bin\n"
      "hardlink /usr/bin/perl5 -> /usr/bin/perl\n"
      "layer\n"
      "opaque /opt/app\n"
      "opaque /\n"
      "delete /var/cache/\n"
      "delete /top\n");
  ASSERT_EQ(u.layers.size(), 2u);
  const TarMember* os = u.Find(0, "etc/os-release");
  ASSERT_NE(os, nullptr);
  EXPECT_EQ(os->content, "ID=debian\nVERSION_ID=\"12\"\n");
  // Directories are stored with a trailing '/', as tar writers (and docker) do.
  const TarMember* app = u.Find(0, "opt/app/");
  ASSERT_NE(app, nullptr);
  EXPECT_EQ(app->type, static_cast<unsigned>(AE_IFDIR));
  EXPECT_EQ(app->perm, 0700u);
  EXPECT_EQ(u.Find(0, "var/")->perm, 0755u);
  const TarMember* bin = u.Find(0, "bin");
  ASSERT_NE(bin, nullptr);
  EXPECT_EQ(bin->type, static_cast<unsigned>(AE_IFLNK));
  EXPECT_EQ(bin->symlink, "usr/bin");
  const TarMember* perl5 = u.Find(0, "usr/bin/perl5");
  ASSERT_NE(perl5, nullptr);
  EXPECT_EQ(perl5->hardlink, "usr/bin/perl");
  std::vector<std::string> whiteouts;
  for (const auto& m : u.layers[1]) whiteouts.push_back(m.name);
  EXPECT_EQ(whiteouts, (std::vector<std::string>{"opt/app/.wh..wh..opq", ".wh..wh..opq",
                                                 "var/.wh.cache", ".wh.top"}));
}

TEST(Sketch, IdenticalLayersStoredOnceAndEmptySketch) {
  Unpacked u = Unpack("layer\nfile /a\nlayer\nfile /a\n");
  ASSERT_EQ(u.layers.size(), 2u);
  EXPECT_EQ(u.manifest[0]["Layers"][0], u.manifest[0]["Layers"][1]);
  EXPECT_EQ(u.outer.size(), 3u);  // config, one blob, manifest
  Unpacked empty = Unpack("# nothing\n");
  EXPECT_TRUE(empty.layers.empty());
  EXPECT_TRUE(empty.config["rootfs"]["diff_ids"].empty());
  EXPECT_EQ(empty.config["config"], json::object());
}

TEST(Sketch, ConfigIsMergedAndDeterministic) {
  Unpacked u = Unpack(
      "config {\"Healthcheck\": {\"Test\": [\"NONE\"]}, \"ExposedPorts\": {\"22/tcp\": {}}}\n");
  EXPECT_EQ(u.config["config"]["Healthcheck"]["Test"], json::array({"NONE"}));
  EXPECT_TRUE(u.config["config"]["ExposedPorts"].contains("22/tcp"));
  const char* text = "file /x 755 = y\nlayer\ndelete /x\n";
  EXPECT_EQ(*WriteSketchArchive(text), *WriteSketchArchive(text));
}

TEST(Sketch, MalformedDirectivesNameTheLine) {
  EXPECT_EQ(ErrorOf("file /a\nfrobnicate /b\n"), "sketch line 2: unknown directive \"frobnicate\"");
  EXPECT_EQ(ErrorOf("\n\n# c\nfile relative\n"),
            "sketch line 4: path must be absolute: \"relative\"");
  EXPECT_NE(ErrorOf("file /a 999\n").find("sketch line 1: bad mode"), std::string::npos);
  EXPECT_NE(ErrorOf("file /a uid=x\n").find("sketch line 1: bad number"), std::string::npos);
  EXPECT_NE(ErrorOf("file /a size=1 = x\n").find("sketch line 1:"), std::string::npos);
  EXPECT_NE(ErrorOf("file /a 644 nonsense\n").find("sketch line 1: unexpected"), std::string::npos);
  EXPECT_NE(ErrorOf("file /a size=999999999999\n").find("sketch line 1: bad number"),
            std::string::npos);
  EXPECT_NE(ErrorOf("config {}\nconfig {}\n").find("sketch line 2: config given twice"),
            std::string::npos);
  EXPECT_NE(ErrorOf("config [1]\n").find("sketch line 1: expected a JSON object"),
            std::string::npos);
  EXPECT_NE(ErrorOf("history {bad\n").find("sketch line 1: invalid JSON"), std::string::npos);
  EXPECT_NE(ErrorOf("symlink /a b\n").find("sketch line 1: usage"), std::string::npos);
  EXPECT_NE(ErrorOf("hardlink /a -> b\n").find("sketch line 1: path must be absolute"),
            std::string::npos);
  EXPECT_NE(ErrorOf("layer x\n").find("sketch line 1:"), std::string::npos);
  EXPECT_NE(ErrorOf("delete /\n").find("sketch line 1: cannot delete the root"), std::string::npos);
  EXPECT_NE(ErrorOf("os\n").find("sketch line 1: usage: os"), std::string::npos);
  EXPECT_NE(ErrorOf("dir /\n").find("sketch line 1:"), std::string::npos);
  auto bad = WriteSketchArchive("file\n");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, core::ErrorCode::kInput);
}

}  // namespace
}  // namespace drydock::sources::image
