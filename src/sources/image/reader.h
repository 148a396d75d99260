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
// blob. The reader knows no content scanner itself: a FileObserver, wired in by the audit layer
// (audit/image.h), says which files the package inventory keeps, finds secrets in file
// content and reads os-release; without one, only the account and package databases are kept. Small
// JSON blobs (manifests, indexes, configs) are kept in memory. At the end the image is chosen (the
// manifest, or the index and the platform), every referenced blob's digest and every layer's
// diff_id is checked, and the recorded layers are fed to the merger in manifest order. An OCI
// layout directory is read the same way, blob by blob, in manifest order.
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
#include "core/severity.h"
#include "model/image_spec.h"
#include "sources/image/merge.h"

namespace drydock::sources::image {

struct ReadLimits {
  std::int64_t max_json_bytes = 16 << 20;      // a manifest, index or config blob
  std::int64_t max_layer_bytes = 64LL << 30;   // uncompressed bytes per layer (bomb guard)
  std::int64_t max_total_bytes = 256LL << 30;  // uncompressed bytes over all layers
  std::int64_t max_outer_members = 1'000'000;  // members of the outer tar
  std::int64_t max_kept_bytes = 8 << 20;       // per kept file
  std::int64_t max_secret_hits = 10'000;       // recorded FileSecrets
  // Language package metadata kept for the inventory (packages/lang.h: dist-info METADATA,
  // egg-info PKG-INFO, node_modules package.json): bytes per file (a longer Python metadata file
  // keeps this prefix, cut to its headers; a longer package.json is dropped), and files and bytes
  // over all layers. Files over a cap are counted in ImageSpec::lang_files_dropped.
  std::int64_t max_lang_file_bytes = 256 << 10;
  std::int64_t max_lang_files = 50'000;
  std::int64_t max_lang_bytes = 64LL << 20;
  // Credential stores kept for the rules (KeepAs::kCredential): bytes per file (a larger one is
  // not kept) and files over all layers.
  std::int64_t max_credential_file_bytes = 256 << 10;
  std::int64_t max_credential_files = 1'000;
  int max_index_depth = 8;  // nested image indexes
  MergeLimits merge;
};

// Progress, reported per layer and about every 64 MiB of compressed input.
struct Progress {
  int layer = 0;                 // 1-based position of the layer being read, 0 = not in a layer
  int layers = 0;                // layers known so far (0 until the manifest is read)
  std::int64_t bytes_read = 0;   // stored (compressed) bytes read so far
  std::int64_t bytes_total = 0;  // size of the input file(s), 0 = unknown
};

// What a regular file of a layer is kept as, for the package inventory and the rules.
enum class KeepAs : std::uint8_t {
  kNone,        // not kept (account and package databases are kept by path anyway)
  kHeaders,     // a prefix of at most ReadLimits::max_lang_file_bytes, cut at the first blank line
                // (Python core metadata: its headers come first)
  kWhole,       // the whole file when it fits ReadLimits::max_lang_file_bytes, else dropped (npm
                // package.json)
  kCredential,  // a credential store judged by its content (.npmrc, kubeconfig, …): the whole
                // file within ReadLimits::max_credential_file_bytes and max_credential_files
};

// A credential found in file content. Contract for observers: `rule_id` and `title` view storage
// that outlives every read (the detector's static rule table), so hits are cheap to hold for a
// whole image.
struct SecretHit {
  std::string_view rule_id;  // "aws-access-key-id"
  std::string_view title;    // "AWS access key ID"
  core::Severity severity = core::Severity::kCritical;
  std::size_t line = 0;    // 1-based
  std::size_t column = 0;  // 1-based, bytes
  std::string masked;      // the value masked for display; never the value itself
};

// The content scanners the reader consults for each regular file it streams by, so that the
// image is still read once. Called on the reading thread, in member order. The audit layer's
// implementation holds no state, so one instance may serve concurrent reads.
class FileObserver {
 public:
  virtual ~FileObserver() = default;
  // How the regular file at normalised index `path` ("usr/lib/python3/…/METADATA") is kept.
  virtual KeepAs Classify(std::string_view path) const = 0;
  // Appends the secrets found in `content`, the content of the file at `path`.
  virtual void ScanSecrets(std::string_view path, std::string_view content,
                           std::vector<SecretHit>& out) const = 0;
  // The fields of an os-release file (`source_path` is set by the reader).
  virtual model::OsRelease ParseOsRelease(std::string_view content) const = 0;
};

struct ReadOptions {
  std::string platform;  // "os/arch[/variant]"; "" = the host's (linux/amd64 on x86-64)
  std::string tag;       // pick this tag/ref name ("app:1.0", "latest"); "" = the only image
  std::int64_t secret_max_size = 10 << 20;  // bytes; larger regular files are not scanned
  bool scan_secrets = true;  // ask the observer for secrets (an SBOM read needs none)
  // The content scanners; must outlive the read. nullptr: no secrets, no language packages and
  // no os-release fields are read (the filesystem index, config and kept databases still are).
  const FileObserver* observer = nullptr;
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
core::Result<model::ImageSpec> ReadImageArchive(std::string_view bytes,
                                                const std::string& reference,
                                                const ReadOptions& options = {});

// Pulls the next bytes of a stream into `buf` (at most `size`); 0 = end of stream; an error ends
// the read with that error.
using StreamRead = std::function<core::Result<std::size_t>(char* buf, std::size_t size)>;

// Reads an image archive (docker-archive or OCI archive tar, possibly gzip or zstd compressed as a
// whole) arriving as a stream that can be read only once: an image from a registry or an engine's
// export. `read` is called from this thread until it returns 0 or an error; the archive is read
// in one pass, as a file would be. `reference` names the image; `bytes_total` (0 = unknown) is
// only for progress.
core::Result<model::ImageSpec> ReadImageStream(const StreamRead& read, const std::string& reference,
                                               const ReadOptions& options = {},
                                               std::int64_t bytes_total = 0);

}  // namespace drydock::sources::image
