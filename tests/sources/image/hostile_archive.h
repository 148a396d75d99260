// SPDX-License-Identifier: Apache-2.0
// Test helpers that build hostile image archives at test time: layer tars written with libarchive
// (plain or gzip, streamed to a file, never held whole in memory), hashed with SHA-256 (blob
// digest and diff_id), and wrapped into a docker-archive or an OCI archive whose manifest and
// config are valid unless the test asks for a defect. Used by hostile_test.cpp and
// hostile_bigtar_test.cpp. Header-only; every function fails the current test on a write error.
#pragma once

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/digest.h"

namespace drydock::sources::image::hostile {

namespace fs = std::filesystem;

// A fresh directory under the system temp dir, removed (recursively) on destruction.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() /
            ("drydock-hostile-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

using core::Sha256;
using core::Sha256Hex;

// One tar member. `zeros` > 0: the content is that many zero bytes, streamed.
struct Member {
  std::string name;
  unsigned int type = AE_IFREG;
  unsigned int mode = 0644;
  std::string content;
  std::int64_t zeros = 0;
  std::string symlink;
  std::string hardlink;
};

inline Member Symlink(std::string name, std::string target) {
  Member m;
  m.name = std::move(name);
  m.type = AE_IFLNK;
  m.mode = 0777;
  m.symlink = std::move(target);
  return m;
}

// A tar being written to `sink`, optionally through libarchive's gzip filter.
class TarWriter {
 public:
  using Sink = std::function<void(const char*, std::size_t)>;
  TarWriter(Sink sink, bool gzip)
      : sink_(std::move(sink)), a_(archive_write_new(), archive_write_free) {
    archive_write_set_format_pax_restricted(a_.get());
    if (gzip) {
      archive_write_add_filter_gzip(a_.get());
      archive_write_set_filter_option(a_.get(), "gzip", "compression-level", "1");
      archive_write_set_filter_option(a_.get(), "gzip", "timestamp", nullptr);
    }
    archive_write_set_bytes_per_block(a_.get(), 64 * 1024);
    archive_write_set_bytes_in_last_block(a_.get(), 1);
    EXPECT_EQ(archive_write_open2(a_.get(), this, nullptr, &TarWriter::Write, nullptr, nullptr),
              ARCHIVE_OK)
        << archive_error_string(a_.get());
  }

  void Add(const Member& m) {
    std::unique_ptr<archive_entry, decltype(&archive_entry_free)> entry(archive_entry_new(),
                                                                        archive_entry_free);
    archive_entry* e = entry.get();
    archive_entry_set_pathname(e, m.name.c_str());
    archive_entry_set_filetype(e, m.type);
    archive_entry_set_perm(e, m.mode);
    archive_entry_set_mtime(e, 0, 0);
    std::int64_t size = m.type == AE_IFREG && m.hardlink.empty()
                            ? (m.zeros > 0 ? m.zeros : static_cast<std::int64_t>(m.content.size()))
                            : 0;
    archive_entry_set_size(e, size);
    if (!m.symlink.empty()) archive_entry_set_symlink(e, m.symlink.c_str());
    if (!m.hardlink.empty()) archive_entry_set_hardlink(e, m.hardlink.c_str());
    ASSERT_EQ(archive_write_header(a_.get(), e), ARCHIVE_OK) << archive_error_string(a_.get());
    if (m.zeros > 0) {
      static const std::string kZeros(1 << 20, '\0');
      for (std::int64_t left = m.zeros; left > 0;) {
        auto n = static_cast<std::size_t>(std::min<std::int64_t>(left, kZeros.size()));
        ASSERT_EQ(archive_write_data(a_.get(), kZeros.data(), n), static_cast<la_ssize_t>(n));
        left -= static_cast<std::int64_t>(n);
      }
    } else if (size > 0) {
      archive_write_data(a_.get(), m.content.data(), m.content.size());
    }
  }

  // Adds a member whose content is the file at `path` (streamed).
  void AddFile(const std::string& name, const fs::path& path) {
    std::unique_ptr<archive_entry, decltype(&archive_entry_free)> entry(archive_entry_new(),
                                                                        archive_entry_free);
    archive_entry_set_pathname(entry.get(), name.c_str());
    archive_entry_set_filetype(entry.get(), AE_IFREG);
    archive_entry_set_perm(entry.get(), 0644);
    archive_entry_set_size(entry.get(), static_cast<la_int64_t>(fs::file_size(path)));
    ASSERT_EQ(archive_write_header(a_.get(), entry.get()), ARCHIVE_OK);
    std::ifstream in(path, std::ios::binary);
    std::vector<char> buffer(1 << 20);
    while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0) {
      archive_write_data(a_.get(), buffer.data(), static_cast<std::size_t>(in.gcount()));
    }
  }

  void Close() {
    EXPECT_EQ(archive_write_close(a_.get()), ARCHIVE_OK) << archive_error_string(a_.get());
  }

 private:
  static la_ssize_t Write(archive*, void* self, const void* data, size_t n) {
    static_cast<TarWriter*>(self)->sink_(static_cast<const char*>(data), n);
    return static_cast<la_ssize_t>(n);
  }

  Sink sink_;
  std::unique_ptr<archive, decltype(&archive_write_free)> a_;
};

// A blob stored in a file: its digest (hex of the stored bytes), size and, for layers, diff_id
// (hex of the uncompressed tar).
struct Blob {
  fs::path path;
  std::string hex;
  std::int64_t size = 0;
  std::string diff_id;
  bool gzip = false;
};

inline Blob HashFile(const fs::path& path) {
  Blob b;
  b.path = path;
  Sha256 sha;
  std::ifstream in(path, std::ios::binary);
  std::vector<char> buffer(1 << 20);
  while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0) {
    sha.Update(buffer.data(), static_cast<std::size_t>(in.gcount()));
  }
  b.hex = sha.Hex();
  b.size = static_cast<std::int64_t>(fs::file_size(path));
  return b;
}

// Writes a layer to `path` (members produced by `fill`, gzip-compressed when `gzip`). The
// uncompressed stream is produced twice when compressed: once to hash it (the diff_id), once
// through gzip into the file. Output is deterministic (mtime 0, no gzip timestamp).
inline Blob MakeLayer(const fs::path& path, const std::function<void(TarWriter&)>& fill,
                      bool gzip) {
  std::string diff_id;
  if (gzip) {
    Sha256 sha;
    TarWriter plain([&](const char* d, std::size_t n) { sha.Update(d, n); }, false);
    fill(plain);
    plain.Close();
    diff_id = sha.Hex();
  }
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    TarWriter tar(
        [&](const char* d, std::size_t n) { out.write(d, static_cast<std::streamsize>(n)); }, gzip);
    fill(tar);
    tar.Close();
  }
  Blob b = HashFile(path);
  b.diff_id = gzip ? diff_id : b.hex;
  b.gzip = gzip;
  return b;
}

inline Blob MakeLayer(const fs::path& path, const std::vector<Member>& members, bool gzip) {
  return MakeLayer(
      path,
      [&](TarWriter& t) {
        for (const Member& m : members) t.Add(m);
      },
      gzip);
}

// What to write besides the valid parts.
struct Defects {
  int omit_layer = -1;   // this layer is listed but not stored
  int bad_diff_id = -1;  // this layer's diff_id in the config is wrong
};

inline std::string ConfigJson(const std::vector<Blob>& layers, const Defects& defects) {
  nlohmann::json diff_ids = nlohmann::json::array();
  for (std::size_t i = 0; i < layers.size(); ++i) {
    std::string id = layers[i].diff_id;
    if (static_cast<int>(i) == defects.bad_diff_id) id = std::string(64, 'e');
    diff_ids.push_back("sha256:" + id);
  }
  nlohmann::json config = {{"architecture", "amd64"},
                           {"os", "linux"},
                           {"config", {{"User", "1000"}}},
                           {"rootfs", {{"type", "layers"}, {"diff_ids", diff_ids}}},
                           {"history", nlohmann::json::array()}};
  return config.dump();
}

inline Member Text(std::string name, std::string content) {
  Member m;
  m.name = std::move(name);
  m.content = std::move(content);
  return m;
}

// docker-archive: `<config>.json`, `<hex>.tar` per layer, manifest.json last.
inline void WriteDockerArchive(const fs::path& path, const std::vector<Blob>& layers,
                               Defects defects = {}) {
  std::string config = ConfigJson(layers, defects);
  std::string config_name = Sha256Hex(config) + ".json";
  nlohmann::json names = nlohmann::json::array();
  for (const Blob& b : layers) names.push_back(b.hex + ".tar");
  nlohmann::json manifest = nlohmann::json::array(
      {{{"Config", config_name}, {"RepoTags", {"hostile:latest"}}, {"Layers", names}}});
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  TarWriter tar(
      [&](const char* d, std::size_t n) { out.write(d, static_cast<std::streamsize>(n)); }, false);
  tar.Add(Text(config_name, config));
  for (std::size_t i = 0; i < layers.size(); ++i) {
    if (static_cast<int>(i) != defects.omit_layer)
      tar.AddFile(layers[i].hex + ".tar", layers[i].path);
  }
  tar.Add(Text("manifest.json", manifest.dump()));
  tar.Close();
}

// OCI archive: oci-layout, blobs/sha256/…, index.json. `stored_as[i]`, when given, is the hex
// name layer i is stored (and referenced) under instead of its real digest.
inline void WriteOciArchive(const fs::path& path, const std::vector<Blob>& layers,
                            Defects defects = {}, std::vector<std::string> stored_as = {}) {
  stored_as.resize(layers.size());
  for (std::size_t i = 0; i < layers.size(); ++i) {
    if (stored_as[i].empty()) stored_as[i] = layers[i].hex;
  }
  std::string config = ConfigJson(layers, defects);
  nlohmann::json layer_descs = nlohmann::json::array();
  for (std::size_t i = 0; i < layers.size(); ++i) {
    layer_descs.push_back(
        {{"mediaType", layers[i].gzip ? "application/vnd.oci.image.layer.v1.tar+gzip"
                                      : "application/vnd.oci.image.layer.v1.tar"},
         {"digest", "sha256:" + stored_as[i]},
         {"size", layers[i].size}});
  }
  nlohmann::json manifest = {{"schemaVersion", 2},
                             {"mediaType", "application/vnd.oci.image.manifest.v1+json"},
                             {"config",
                              {{"mediaType", "application/vnd.oci.image.config.v1+json"},
                               {"digest", "sha256:" + Sha256Hex(config)},
                               {"size", config.size()}}},
                             {"layers", layer_descs}};
  std::string manifest_text = manifest.dump();
  nlohmann::json index = {{"schemaVersion", 2},
                          {"mediaType", "application/vnd.oci.image.index.v1+json"},
                          {"manifests",
                           {{{"mediaType", "application/vnd.oci.image.manifest.v1+json"},
                             {"digest", "sha256:" + Sha256Hex(manifest_text)},
                             {"size", manifest_text.size()},
                             {"platform", {{"architecture", "amd64"}, {"os", "linux"}}},
                             {"annotations", {{"org.opencontainers.image.ref.name", "latest"}}}}}}};
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  TarWriter tar(
      [&](const char* d, std::size_t n) { out.write(d, static_cast<std::streamsize>(n)); }, false);
  tar.Add(Text("oci-layout", R"({"imageLayoutVersion":"1.0.0"})"));
  tar.Add(Text("blobs/sha256/" + Sha256Hex(config), config));
  for (std::size_t i = 0; i < layers.size(); ++i) {
    if (static_cast<int>(i) != defects.omit_layer) {
      tar.AddFile("blobs/sha256/" + stored_as[i], layers[i].path);
    }
  }
  tar.Add(Text("blobs/sha256/" + Sha256Hex(manifest_text), manifest_text));
  tar.Add(Text("index.json", index.dump()));
  tar.Close();
}

// Peak resident set size of this process in KiB (VmHWM), 0 when unknown.
inline std::size_t PeakRssKiB() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stoul(line.substr(6));
  }
  return 0;
}

}  // namespace drydock::sources::image::hostile
