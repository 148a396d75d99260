// SPDX-License-Identifier: Apache-2.0
// Image readers: docker-archive tars (`docker save`, skopeo `docker-archive:`; also gzip- or
// zstd-compressed as a whole), OCI image layouts (a directory with `oci-layout`, `index.json`,
// `blobs/sha256/…`) and OCI archives (the same as a tar) into a model::ImageSpec, streaming each
// layer once and never writing to disk.
//
// An archive is read in one pass, in member order (docker puts manifest.json last). Every blob
// is hashed (SHA-256) as it streams by. A blob that starts like a layer (gzip or zstd magic, or a
// tar header) is decompressed on the fly (ISA-L inflate, zstd), hashed again (the diff_id) and
// parsed as a tar by an inner libarchive reader; its members' metadata, the secret detector's
// hits in its regular files and the content of a few small files (KeptFile) are recorded per
// blob. Small JSON blobs (manifests, indexes, configs) are kept in memory. At the end the image is
// chosen (the manifest, or the index and the platform), every referenced blob's digest and every
// layer's diff_id is checked, and the recorded layers are fed to the merger in manifest order.
// An OCI layout directory is read the same way, blob by blob, in manifest order.
//
// Errors: a file that is not an image, a missing manifest/config/layer blob, a digest or diff_id
// mismatch, a truncated or corrupt stream, or a limit exceeded ends the read with a clear error
// (core::Error, naming the blob). Problems inside a layer that leave the image readable (a member
// escaping the root, a hard link to nothing) are recorded in ImageSpec::errors (DD001).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "model/image_spec.h"
#include "sources/image/merge.h"

namespace drydock::sources::image {

struct ReadLimits {
  std::int64_t max_json_bytes = 16 << 20;           // a manifest, index or config blob
  std::int64_t max_layer_bytes = 64LL << 30;        // uncompressed bytes per layer (bomb guard)
  std::int64_t max_total_bytes = 256LL << 30;       // uncompressed bytes over all layers
  std::int64_t max_outer_members = 1'000'000;       // members of the outer tar
  std::int64_t max_kept_bytes = 8 << 20;            // per kept file
  std::int64_t max_secret_hits = 10'000;            // recorded FileSecrets
  // Language package metadata kept for the inventory (packages/lang.h: dist-info METADATA,
  // egg-info PKG-INFO, node_modules package.json): bytes per file (a longer Python metadata file
  // keeps this prefix, cut to its headers; a longer package.json is dropped), and files and bytes
  // over all layers. Files over a cap are counted in ImageSpec::lang_files_dropped.
  std::int64_t max_lang_file_bytes = 256 << 10;
  std::int64_t max_lang_files = 50'000;
  std::int64_t max_lang_bytes = 64LL << 20;
  int max_index_depth = 8;                          // nested image indexes
  MergeLimits merge;
};

// Progress, reported per layer and about every 64 MiB of compressed input.
struct Progress {
  int layer = 0;        // 1-based position of the layer being read, 0 = not in a layer
  int layers = 0;       // layers known so far (0 until the manifest is read)
  std::int64_t bytes_read = 0;   // stored (compressed) bytes read so far
  std::int64_t bytes_total = 0;  // size of the input file(s), 0 = unknown
};

struct ReadOptions {
  std::string platform;  // "os/arch[/variant]"; "" = the host's (linux/amd64 on x86-64)
  std::string tag;       // pick this tag/ref name ("app:1.0", "latest"); "" = the only image
  std::int64_t secret_max_size = 10 << 20;  // bytes; larger regular files are not scanned
  bool scan_secrets = true;
  ReadLimits limits;
  std::function<void(const Progress&)> progress;  // may be empty
};

// What a path on disk looks like to the readers.
enum class ImageFormat { kNone, kDockerArchive, kOciArchive, kOciLayout };

// Classifies `path` by its content: an OCI layout directory (has `oci-layout` or `index.json`
// and `blobs/`), or a tar (plain, gzip or zstd) whose members include `manifest.json`,
// `index.json`, `oci-layout` or `repositories` among its first members. kNone when it is neither
// (a tar whose manifest is not near the start is still kDockerArchive when its name ends in
// .tar/.tar.gz/.tgz/.tar.zst). Reads at most a few KiB.
ImageFormat SniffImage(const std::filesystem::path& path);


// Reads the image at `path` (archive file or OCI layout directory). `path` may end in ":TAG" to
// pick a tag when no file of that exact name exists (`app.tar:1.0`, `oci-dir:latest`);
// `options.tag` wins when set. `reference` (as the user wrote it) becomes ImageSpec::reference.
core::Result<model::ImageSpec> ReadImage(const std::filesystem::path& path,
                                         const ReadOptions& options = {});

// Every image `path` holds, for `drydock scan`: with a tag (in `path` or the options) or a single
// image, the same one result as ReadImage; otherwise one result per tag of a multi-image
// docker-archive (first RepoTag of each image) or layout (each ref name), each named
// "PATH:TAG" in ImageSpec::reference and in its error. The archive is read once.
std::vector<core::Result<model::ImageSpec>> ReadImages(const std::filesystem::path& path,
                                                       const ReadOptions& options = {});

// Reads an image archive held in memory (a docker-archive or OCI archive tar, possibly gzip or
// zstd compressed). For tests, fuzzing and the rule examples. `reference` names it in origins.
core::Result<model::ImageSpec> ReadImageArchive(std::string_view bytes, std::string reference,
                                                const ReadOptions& options = {});

}  // namespace drydock::sources::image
