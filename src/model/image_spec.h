// SPDX-License-Identifier: Apache-2.0
// ImageSpec: what a container image ships, whatever format it came in (docker-archive, OCI layout,
// OCI archive). The image readers (sources/image) fill it: the config blob, the layer list, the
// merged filesystem index built by sources/image/merge.h, the files that upper layers deleted or
// overwrote (they still ship in their layer), and /etc/os-release. Rules read it. Plain data; the
// only logic is lookup in the sorted filesystem index and building finding locations.
//
// Paths in the index are normalised: relative to the image root, no leading '/', no "." or ".."
// components, no trailing '/', no empty components ("usr/bin/sh"). The root itself is not an
// entry. A finding location for a file is a core::Origin with `layer` = the diff_id of the layer
// that wrote it (see LayerDigest) and `path` = "/" + the path.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/origin.h"
#include "core/severity.h"
#include "model/build_spec.h"  // ParseError

namespace drydock::model {

// Config `Healthcheck` (Docker extension). Durations in nanoseconds, 0 = unset (inherit).
struct Healthcheck {
  std::vector<std::string> test;  // [] inherit, ["NONE"], ["CMD", …], ["CMD-SHELL", "…"]
  std::int64_t interval_ns = 0;
  std::int64_t timeout_ns = 0;
  std::int64_t start_period_ns = 0;
  std::int64_t start_interval_ns = 0;
  int retries = 0;
};

// One `history[]` item of the config.
struct HistoryEntry {
  std::string created;     // RFC 3339 as written, "" when absent
  std::string created_by;  // the build step ("/bin/sh -c #(nop)  ENV …", "RUN …")
  std::string author;
  std::string comment;
  bool empty_layer = false;  // true: the step made no layer (the non-empty count = layer count)
};

// The image config blob (FORMATS.md §2 "Config"), fields as written. Unset lists are empty.
struct ImageConfig {
  std::string architecture;
  std::string os;
  std::string variant;
  std::string created;
  std::string author;

  std::string user;              // "" = root; "name", "uid", "u:g", "uid:gid"
  std::vector<std::string> env;  // "KEY=value", in order
  std::vector<std::string> entrypoint;
  std::vector<std::string> cmd;
  std::vector<std::string> exposed_ports;  // "80/tcp", sorted as in the JSON object
  std::vector<std::string> volumes;
  std::map<std::string, std::string> labels;
  std::optional<Healthcheck> healthcheck;  // absent = no Healthcheck key
  std::string working_dir;
  std::string stop_signal;
  std::vector<std::string> shell;
  std::vector<std::string> on_build;
  bool args_escaped = false;

  std::vector<std::string> diff_ids;  // rootfs.diff_ids, "sha256:…", base layer first
  std::vector<HistoryEntry> history;

  // The value of env variable `name` (last assignment wins; a bare "NAME" gives ""), or nullopt.
  std::optional<std::string> Env(std::string_view name) const;
};

// One layer, base first. `digest` names the stored (usually compressed) blob; `diff_id` the
// uncompressed tar.
struct Layer {
  std::string digest;      // "sha256:…"
  std::string diff_id;     // "sha256:…", "" when unknown
  std::string media_type;  // as in the manifest
  std::int64_t size = 0;   // stored blob size in bytes
};

enum class FileType : std::uint8_t { kFile, kDir, kSymlink, kHardlink, kChar, kBlock, kFifo };

// "file", "dir", "symlink", "hardlink", "char", "block", "fifo".
const char* FileTypeName(FileType type);

// A core::Origin naming a file of an image: `layer` = layer digest, `path` = "/" + path,
// `file` = the image reference (may be empty).
core::Origin ImageFileOrigin(std::string_view reference, std::string_view layer_digest,
                             std::string_view path);

// One filesystem entry of the merged image (or, before merging, one tar member).
struct FsEntry {
  std::string path;  // normalised (see the header comment)
  FileType type = FileType::kFile;
  std::uint32_t mode = 0;  // permission bits incl. setuid/setgid/sticky (07777)
  std::uint32_t uid = 0;
  std::uint32_t gid = 0;
  std::int64_t size = 0;    // bytes of content; a hard link carries its target's size
  std::string link_target;  // symlink: as written in the archive; hard link: normalised path
  int layer = -1;           // index into ImageSpec::layers of the layer that wrote it

  bool IsDir() const { return type == FileType::kDir; }
  bool IsFile() const { return type == FileType::kFile; }
  bool IsSymlink() const { return type == FileType::kSymlink; }
  // Location of this entry given the digest of layer `layer`.
  core::Origin MakeOrigin(std::string_view layer_digest, std::string_view reference = {}) const {
    return ImageFileOrigin(reference, layer_digest, path);
  }
};

// The merged filesystem: entries sorted by `path` (byte-wise, std::string order), unique. In that
// order a directory's descendants are contiguous (every path with prefix "dir/"). Designed for
// millions of entries: one flat vector, binary-search lookups. Parent directories that no layer
// listed are not synthesised.
struct FsIndex {
  std::vector<FsEntry> entries;

  // The entry at normalised `path`, or nullptr. Requires the sort invariant.
  const FsEntry* Find(std::string_view path) const;
  // All descendants of directory `dir` ("" = the whole tree), in order.
  std::span<const FsEntry> Subtree(std::string_view dir) const;
  std::size_t size() const { return entries.size(); }
  bool empty() const { return entries.empty(); }
};

// Why a file is shadowed.
enum class ShadowKind : std::uint8_t {
  kWhiteout,   // `.wh.<name>` deleted it (or an ancestor)
  kOpaque,     // `.wh..wh..opq` hid its directory's lower content
  kOverwrite,  // an upper entry (or a later duplicate in the same layer) replaced it
};

// "whiteout", "opaque", "overwrite".
const char* ShadowKindName(ShadowKind kind);

// A regular file that is not in the final filesystem but still ships in the layer that wrote it
// (secrets "deleted" in a later layer).
struct ShadowedFile {
  std::string path;
  int layer_written = -1;  // layer whose tar holds the content
  int layer_removed = -1;  // layer that deleted or overwrote it (== layer_written for a duplicate)
  ShadowKind kind = ShadowKind::kWhiteout;
  std::int64_t size = 0;
  std::uint32_t mode = 0;

  // Location of the content (the layer that wrote it).
  core::Origin MakeOrigin(std::string_view written_layer_digest,
                          std::string_view reference = {}) const {
    return ImageFileOrigin(reference, written_layer_digest, path);
  }
};

// /etc/os-release (or /usr/lib/os-release) fields as written, unquoted.
struct OsRelease {
  std::string id;  // "debian", "alpine", "ubuntu", "rhel", …
  std::vector<std::string> id_like;
  std::string name;
  std::string version;
  std::string version_id;  // "12", "3.19.1", "22.04"
  std::string version_codename;
  std::string pretty_name;
  std::string source_path;  // the index path it was read from
};

// A credential the secret detector found in the content of a file of one layer. The reader scans
// every regular file of every layer as it streams by (including files a later layer deletes), so
// rules tell "in the final filesystem" (DD603) from "deleted but shipped" (DD604) by matching
// (path, layer) against `files` and `shadowed`. Never holds the raw value.
struct FileSecret {
  std::string path;     // normalised index path
  int layer = -1;       // layer whose tar holds the content
  std::string rule_id;  // secrets::DetectorRule id ("aws-access-key-id")
  std::string title;    // "AWS access key ID"
  core::Severity severity = core::Severity::kCritical;
  std::size_t line = 0;    // 1-based
  std::size_t column = 0;  // 1-based, bytes
  std::string masked;      // secrets::Mask(value)
};

// A small file whose content the reader keeps for rules and package readers (/etc/passwd,
// /etc/shadow, /etc/group, os-release, …): the version the final filesystem shows.
struct KeptFile {
  std::string path;  // normalised index path
  int layer = -1;
  std::string content;
};

// A known vulnerability of an installed OS or language package. Filled by the vulnerability
// enricher (vuln/match) when a database is available; rules only read it (DD301).
struct Vulnerability {
  std::string advisory;  // the CVE when one is known, else the feed's id
  std::vector<std::string> aliases;
  std::string package;         // installed binary package
  std::string source_package;  // the name the feed keys on
  std::string installed;       // the version compared (Debian: the source version)
  std::string fixed;           // "" when there is no fix yet
  std::string severity;        // CRITICAL, HIGH, MEDIUM, LOW; "" when the feeds give none
  std::vector<std::string> feeds;
  std::string database;  // index path of the package database that lists the package
  int line = 0;          // its stanza's line there (0 = none)
};

// Whether vulnerability matching ran, and against what.
struct VulnScan {
  bool ran = false;
  std::string skipped;        // why it did not run ("no vulnerability database at …")
  std::string database;       // the database file
  std::string oldest_import;  // RFC 3339 UTC import time of its oldest source (DD302)
  std::string os;             // "alpine 3.11", "debian 12"
  std::size_t packages = 0;   // packages matched
};

struct ImageSpec {
  std::string reference;        // what the user named ("app.tar", "oci-dir:tag")
  std::string config_digest;    // image ID
  std::string manifest_digest;  // "" for a docker-archive without one
  ImageConfig config;
  std::vector<Layer> layers;  // base first
  FsIndex files;
  std::vector<ShadowedFile> shadowed;
  std::optional<OsRelease> os;
  std::vector<FileSecret> secrets;     // sorted by (layer, path, line, column)
  std::vector<KeptFile> kept;          // sorted by path
  std::int64_t uncompressed_size = 0;  // sum of the layers' tar streams, bytes
  std::int64_t files_not_scanned = 0;  // regular files above the secret size limit
  // Language package metadata files (packages/lang.h) not kept: over the reader's per-file or
  // total caps (ReadLimits::max_lang_*).
  std::int64_t lang_files_dropped = 0;
  std::vector<Vulnerability> vulnerabilities;  // by the enricher; sorted by (package, advisory)
  VulnScan vuln_scan;
  std::vector<ParseError> errors;

  // The kept content of normalised `path` in the final filesystem, or nullptr.
  const KeptFile* Kept(std::string_view path) const;

  // The identity of layer `index` in finding locations and messages: its diff_id (the digest of
  // the uncompressed tar, what `docker inspect` lists as RootFS.Layers), which is the same
  // whatever the archive format or compression; the blob digest when the diff_id is unknown;
  // "" when out of range.
  std::string_view LayerDigest(int index) const;
  core::Origin OriginOf(const FsEntry& entry) const {
    return entry.MakeOrigin(LayerDigest(entry.layer), reference);
  }
  core::Origin OriginOf(const ShadowedFile& file) const {
    return file.MakeOrigin(LayerDigest(file.layer_written), reference);
  }
};

}  // namespace drydock::model
