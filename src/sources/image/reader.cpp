// SPDX-License-Identifier: Apache-2.0
#include "sources/image/reader.h"

#include <archive.h>
#include <archive_entry.h>
#include <sys/utsname.h>

#include <algorithm>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <system_error>
#include <utility>
#include <vector>

#include "core/digest.h"
#include "core/strings.h"
#include "core/text.h"
#include "sources/image/stream.h"

namespace drydock::sources::image {

namespace {

using detail::ArchiveMemberSource;
using detail::Codec;
using detail::FileSource;
using detail::LayerStream;
using detail::PrefixSource;
using detail::Source;
using json = nlohmann::json;

constexpr std::size_t kSniffBytes = 512;
constexpr std::int64_t kProgressStep = 64 << 20;
constexpr int kMaxJsonDepth = 64;
constexpr int kMaxLinkHops = 8;

core::Error InputError(std::string message) {
  return core::Error{core::ErrorCode::kInput, std::move(message), {}};
}

core::Error Wrap(std::string context, const core::Error& cause) {
  return InputError(std::move(context) + ": " + cause.message);
}

// Files whose content the reader keeps (KeptFile): account databases and os-release for the
// rules, package databases for the inventory. `max_bytes` 0 = ReadLimits::max_kept_bytes.
struct KeptPath {
  std::string_view path;
  std::int64_t max_bytes;
};
constexpr KeptPath kKeptPaths[] = {
    {"etc/passwd", 0},
    {"etc/shadow", 0},
    {"etc/group", 0},
    {"etc/os-release", 0},
    {"usr/lib/os-release", 0},
    {"etc/alpine-release", 0},
    {"etc/debian_version", 0},
    {"etc/redhat-release", 0},
    {"var/lib/dpkg/status", 0},
    {"lib/apk/db/installed", 0},
    // rpm's SQLite database (RHEL 9, Fedora 33+, Amazon Linux 2023): tens of MB on big images.
    {"var/lib/rpm/rpmdb.sqlite", 128 << 20},
    {"usr/lib/sysimage/rpm/rpmdb.sqlite", 128 << 20},
};
constexpr std::string_view kKeptDirs[] = {"var/lib/dpkg/status.d/"};

// The most bytes kept of `path`, or 0 when it is not kept.
std::int64_t KeptLimit(std::string_view path, std::int64_t default_max) {
  for (const KeptPath& p : kKeptPaths) {
    if (path == p.path) return p.max_bytes > 0 ? p.max_bytes : default_max;
  }
  for (std::string_view dir : kKeptDirs) {
    if (path.size() > dir.size() && path.substr(0, dir.size()) == dir &&
        path.find('/', dir.size()) == std::string_view::npos && !path.ends_with(".md5sums")) {
      return default_max;
    }
  }
  return 0;
}

// One layer blob as read: the members for the merger and what the content scanners found.
struct LayerRecord {
  std::vector<model::FsEntry> members;
  struct Hit {
    std::string path;
    SecretHit hit;
  };
  std::vector<Hit> hits;
  std::vector<model::KeptFile> kept;  // layer = -1 until placed
  std::string diff_id_hex;
  std::int64_t uncompressed = 0;
  std::int64_t not_scanned = 0;
  std::int64_t lang_dropped = 0;  // language package metadata files over the caps
  Codec codec = Codec::kPlain;
};

// A blob (archive member or layout file) after its one pass: JSON kept, or a layer record.
struct Blob {
  std::string sha256_hex;  // of the stored bytes; "" when the read failed part-way
  std::int64_t size = 0;
  std::optional<std::string> json;
  std::shared_ptr<LayerRecord> layer;
  std::optional<core::Error> error;  // why it is neither (reported only if referenced)
};

// Shared state of one image read.
struct Context {
  const ReadOptions& options;
  std::int64_t bytes_read = 0;
  std::int64_t bytes_total = 0;
  std::int64_t next_progress = kProgressStep;
  std::int64_t uncompressed_total = 0;
  std::int64_t secret_hits = 0;
  std::int64_t lang_files = 0;  // language package metadata files kept (ReadLimits::max_lang_*)
  std::int64_t lang_bytes = 0;
  std::int64_t credential_files = 0;  // KeepAs::kCredential files kept
  int layers_seen = 0;

  void Report(int layer, int layers) {
    if (options.progress) options.progress({layer, layers, bytes_read, bytes_total});
  }
  void Advance(std::int64_t bytes) {
    bytes_read += bytes;
    if (bytes_read >= next_progress) {
      next_progress = bytes_read + kProgressStep;
      Report(layers_seen, 0);
    }
  }
};

// The inner libarchive read callback: pulls uncompressed bytes from a LayerStream.
struct InnerClient {
  LayerStream* stream;
  Context* ctx;
  std::optional<core::Error> error;
  std::int64_t last_stored = 0;
};

la_ssize_t InnerRead(struct archive* a, void* client_data, const void** buffer) {
  auto* client = static_cast<InnerClient*>(client_data);
  auto chunk = client->stream->Next();
  client->ctx->Advance(client->stream->stored_bytes() - client->last_stored);
  client->last_stored = client->stream->stored_bytes();
  if (!chunk) {
    client->error = chunk.error();
    archive_set_error(a, EIO, "%s", chunk.error().message.c_str());
    return -1;
  }
  *buffer = chunk->data();
  return static_cast<la_ssize_t>(chunk->size());
}

struct ArchiveDeleter {
  void operator()(struct archive* a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<struct archive, ArchiveDeleter>;

std::string ArchiveErrorText(struct archive* a, const std::optional<core::Error>& stream_error) {
  if (stream_error) return stream_error->message;
  const char* why = archive_error_string(a);
  return why != nullptr ? why : "unreadable tar";
}

model::FileType TypeOf(struct archive_entry* entry) {
  if (archive_entry_hardlink(entry) != nullptr) return model::FileType::kHardlink;
  switch (archive_entry_filetype(entry)) {
    case AE_IFDIR:
      return model::FileType::kDir;
    case AE_IFLNK:
      return model::FileType::kSymlink;
    case AE_IFCHR:
      return model::FileType::kChar;
    case AE_IFBLK:
      return model::FileType::kBlock;
    case AE_IFIFO:
      return model::FileType::kFifo;
    default:
      return model::FileType::kFile;
  }
}

// Reads a regular file's content (up to `size` bytes) into `buf`.
core::Result<void> ReadContent(struct archive* a, std::int64_t size, std::string& buf,
                               const std::optional<core::Error>& stream_error) {
  buf.resize(static_cast<std::size_t>(size));
  std::size_t have = 0;
  while (have < buf.size()) {
    const la_ssize_t n = archive_read_data(a, buf.data() + have, buf.size() - have);
    if (n < 0) return tl::unexpected(InputError(ArchiveErrorText(a, stream_error)));
    if (n == 0) break;
    have += static_cast<std::size_t>(n);
  }
  buf.resize(have);
  return {};
}

// Parses one layer tar from `stream` into `record`.
core::Result<void> ReadLayerTar(LayerStream& stream, LayerRecord& record, Context& ctx) {
  const ReadOptions& options = ctx.options;
  InnerClient client{&stream, &ctx, std::nullopt, stream.stored_bytes()};
  ArchivePtr a(archive_read_new());
  archive_read_support_format_tar(a.get());
  archive_read_support_format_empty(a.get());
  if (archive_read_open(a.get(), &client, nullptr, InnerRead, nullptr) != ARCHIVE_OK) {
    return tl::unexpected(
        InputError("not a tar layer: " + ArchiveErrorText(a.get(), client.error)));
  }
  std::string content;
  std::vector<SecretHit> hits;
  const std::size_t member_limit = options.limits.merge.max_entries;
  for (;;) {
    struct archive_entry* entry = nullptr;
    const int r = archive_read_next_header(a.get(), &entry);
    if (r == ARCHIVE_EOF) break;
    if (r < ARCHIVE_WARN) {
      return tl::unexpected(InputError(ArchiveErrorText(a.get(), client.error)));
    }
    if (record.members.size() >= member_limit) {
      return tl::unexpected(
          InputError("layer has more than " + std::to_string(member_limit) + " entries (limit)"));
    }
    model::FsEntry member;
    const char* name = archive_entry_pathname(entry);
    member.path = name != nullptr ? name : "";
    member.type = TypeOf(entry);
    member.mode = static_cast<std::uint32_t>(archive_entry_perm(entry)) & 07777u;
    member.uid = static_cast<std::uint32_t>(archive_entry_uid(entry));
    member.gid = static_cast<std::uint32_t>(archive_entry_gid(entry));
    member.size = archive_entry_size(entry);
    if (member.type == model::FileType::kHardlink) {
      member.link_target = archive_entry_hardlink(entry);
    } else if (member.type == model::FileType::kSymlink) {
      const char* target = archive_entry_symlink(entry);
      member.link_target = target != nullptr ? target : "";
    }
    if (member.type == model::FileType::kFile && member.size > 0) {
      auto path = NormalizeMemberName(member.path, options.limits.merge.max_path);
      bool keep = path && member.size <= KeptLimit(*path, options.limits.max_kept_bytes);
      // Language package metadata: bounded per file and in total; Python metadata keeps a
      // prefix (its headers come first), an npm manifest over the cap is dropped.
      const FileObserver* observer = options.observer;
      const KeepAs lang = path && observer != nullptr ? observer->Classify(*path) : KeepAs::kNone;
      std::int64_t lang_read = member.size;
      if (lang == KeepAs::kCredential) {
        keep = member.size <= options.limits.max_credential_file_bytes &&
               ctx.credential_files < options.limits.max_credential_files;
        if (keep) ++ctx.credential_files;
      } else if (lang != KeepAs::kNone) {
        const std::int64_t cap = options.limits.max_lang_file_bytes;
        keep = false;
        if (lang == KeepAs::kHeaders) lang_read = std::min(member.size, cap);
        if (lang_read > cap || ctx.lang_files >= options.limits.max_lang_files ||
            ctx.lang_bytes + lang_read > options.limits.max_lang_bytes) {
          ++record.lang_dropped;
        } else {
          keep = true;
        }
      }
      const bool scanning = path && observer != nullptr && options.scan_secrets;
      const bool scan = scanning && member.size <= options.secret_max_size &&
                        ctx.secret_hits < options.limits.max_secret_hits;
      if (scanning && member.size > options.secret_max_size) ++record.not_scanned;
      if (keep || scan) {
        DD_TRY(ReadContent(a.get(), scan ? member.size : lang_read, content, client.error));
        if (scan) {
          hits.clear();
          observer->ScanSecrets(*path, content, hits);
          for (auto& hit : hits) {
            if (ctx.secret_hits >= options.limits.max_secret_hits) break;
            ++ctx.secret_hits;
            record.hits.push_back({*path, std::move(hit)});
          }
        }
        if (keep && (lang == KeepAs::kHeaders || lang == KeepAs::kWhole)) {
          std::string_view kept_text(content.data(),
                                     std::min(content.size(), static_cast<std::size_t>(lang_read)));
          if (lang == KeepAs::kHeaders) {
            const std::size_t end = std::min(kept_text.find("\n\n"), kept_text.find("\n\r\n"));
            if (end != std::string_view::npos) kept_text = kept_text.substr(0, end + 1);
          }
          ++ctx.lang_files;
          ctx.lang_bytes += static_cast<std::int64_t>(kept_text.size());
          record.kept.push_back({*path, -1, std::string(kept_text)});
        } else if (keep) {
          record.kept.push_back({*path, -1, content});
        }
      }
    }
    record.members.push_back(std::move(member));
  }
  if (client.error) return tl::unexpected(*client.error);
  return {};
}

// True for the archive members that are JSON documents by name (manifest.json, index.json,
// "<hex>.json" configs, oci-layout, repositories), whatever their content.
bool JsonByName(std::string_view name) {
  return name.ends_with(".json") || name == "oci-layout" || name == "repositories";
}

// Consumes one blob from `in`: JSON (named as such, or small and starting with '{' or '[') is
// kept; anything else is read as a layer.
Blob ConsumeBlob(Source& in, std::int64_t declared_size, bool json_by_name, Context& ctx) {
  Blob blob;
  blob.size = declared_size;
  if (json_by_name && declared_size > ctx.options.limits.max_json_bytes) {
    blob.error = InputError("JSON document larger than " +
                            std::to_string(ctx.options.limits.max_json_bytes) + " bytes");
    return blob;
  }
  auto prefix = detail::ReadPrefix(in, kSniffBytes);
  if (!prefix) {
    blob.error = prefix.error();
    return blob;
  }
  const std::size_t first = prefix->find_first_not_of(" \t\r\n");
  const bool json_like = json_by_name || (first != std::string::npos &&
                                          ((*prefix)[first] == '{' || (*prefix)[first] == '['));
  if (json_like && declared_size <= ctx.options.limits.max_json_bytes) {
    std::string text = std::move(*prefix);
    auto rest = detail::ReadPrefix(
        in, static_cast<std::size_t>(ctx.options.limits.max_json_bytes) - text.size() + 1);
    if (!rest) {
      blob.error = rest.error();
      return blob;
    }
    text += *rest;
    if (static_cast<std::int64_t>(text.size()) > ctx.options.limits.max_json_bytes) {
      blob.error = InputError("JSON blob larger than " +
                              std::to_string(ctx.options.limits.max_json_bytes) + " bytes");
      return blob;
    }
    ctx.Advance(static_cast<std::int64_t>(text.size()));
    blob.sha256_hex = core::Sha256Hex(text);
    blob.size = static_cast<std::int64_t>(text.size());
    blob.json = std::move(text);
    return blob;
  }
  PrefixSource source(std::move(*prefix), in);
  LayerStream stream(source, ctx.options.limits.max_layer_bytes);
  auto record = std::make_shared<LayerRecord>();
  auto codec = stream.Start();
  if (!codec) {
    blob.error = codec.error();
    return blob;
  }
  record->codec = *codec;
  ++ctx.layers_seen;
  ctx.Report(ctx.layers_seen, 0);
  auto read = ReadLayerTar(stream, *record, ctx);
  if (read) read = stream.Drain();
  if (!read) {
    blob.error =
        InputError(std::string(detail::CodecName(*codec)) + " layer: " + read.error().message);
    return blob;
  }
  ctx.uncompressed_total += stream.uncompressed_bytes();
  if (ctx.uncompressed_total > ctx.options.limits.max_total_bytes) {
    blob.error =
        InputError("image larger than the limit of " +
                   std::to_string(ctx.options.limits.max_total_bytes) + " uncompressed bytes");
    return blob;
  }
  record->uncompressed = stream.uncompressed_bytes();
  record->diff_id_hex = stream.UncompressedHex();
  blob.sha256_hex = stream.StoredHex();
  blob.size = stream.stored_bytes();
  blob.layer = std::move(record);
  return blob;
}

// ---- JSON helpers -----------------------------------------------------------------------------

core::Result<json> ParseJson(std::string_view text, std::string_view what) {
  // nlohmann's parser is iterative but other operations recurse: refuse deep nesting up front.
  if (core::JsonTooDeepAt(text, kMaxJsonDepth) != std::string_view::npos) {
    return tl::unexpected(InputError(std::string(what) + ": JSON nested too deeply"));
  }
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded()) return tl::unexpected(InputError(std::string(what) + ": invalid JSON"));
  return doc;
}

std::string Str(const json& obj, const char* key) {
  if (!obj.is_object()) return {};
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> Strings(const json& obj, const char* key) {
  std::vector<std::string> out;
  if (!obj.is_object()) return out;
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_array()) return out;
  for (const auto& item : *it) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return out;
}

std::vector<std::string> Keys(const json& obj, const char* key) {
  std::vector<std::string> out;
  if (!obj.is_object()) return out;
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_object()) return out;
  for (const auto& item : it->items()) out.push_back(item.key());
  return out;
}

std::int64_t Int(const json& obj, const char* key) {
  if (!obj.is_object()) return 0;
  auto it = obj.find(key);
  return it != obj.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

const json& Member(const json& obj, const char* key) {
  static const json kNull;
  if (!obj.is_object()) return kNull;
  auto it = obj.find(key);
  return it != obj.end() ? *it : kNull;
}

core::Result<model::ImageConfig> ParseConfig(std::string_view text) {
  json doc = DD_TRY(ParseJson(text, "image config"));
  if (!doc.is_object()) return tl::unexpected(InputError("image config: not a JSON object"));
  model::ImageConfig c;
  c.architecture = Str(doc, "architecture");
  c.os = Str(doc, "os");
  c.variant = Str(doc, "variant");
  c.created = Str(doc, "created");
  c.author = Str(doc, "author");
  const json& cfg = Member(doc, "config");
  c.user = Str(cfg, "User");
  c.env = Strings(cfg, "Env");
  c.entrypoint = Strings(cfg, "Entrypoint");
  c.cmd = Strings(cfg, "Cmd");
  c.exposed_ports = Keys(cfg, "ExposedPorts");
  c.volumes = Keys(cfg, "Volumes");
  const json& labels = Member(cfg, "Labels");
  if (labels.is_object()) {
    for (const auto& item : labels.items()) {
      if (item.value().is_string()) c.labels[item.key()] = item.value().get<std::string>();
    }
  }
  const json& hc = Member(cfg, "Healthcheck");
  if (hc.is_object()) {
    model::Healthcheck h;
    h.test = Strings(hc, "Test");
    h.interval_ns = Int(hc, "Interval");
    h.timeout_ns = Int(hc, "Timeout");
    h.start_period_ns = Int(hc, "StartPeriod");
    h.start_interval_ns = Int(hc, "StartInterval");
    h.retries = static_cast<int>(std::clamp<std::int64_t>(Int(hc, "Retries"), 0, 1 << 30));
    c.healthcheck = std::move(h);
  }
  c.working_dir = Str(cfg, "WorkingDir");
  c.stop_signal = Str(cfg, "StopSignal");
  c.shell = Strings(cfg, "Shell");
  c.on_build = Strings(cfg, "OnBuild");
  const json& escaped = Member(cfg, "ArgsEscaped");
  c.args_escaped = escaped.is_boolean() && escaped.get<bool>();
  c.diff_ids = Strings(Member(doc, "rootfs"), "diff_ids");
  const json& history = Member(doc, "history");
  if (history.is_array()) {
    for (const auto& item : history) {
      model::HistoryEntry h;
      h.created = Str(item, "created");
      h.created_by = Str(item, "created_by");
      h.author = Str(item, "author");
      h.comment = Str(item, "comment");
      const json& empty = Member(item, "empty_layer");
      h.empty_layer = empty.is_boolean() && empty.get<bool>();
      c.history.push_back(std::move(h));
    }
  }
  return c;
}

// ---- Image selection --------------------------------------------------------------------------

struct Platform {
  std::string os, architecture, variant;
};

Platform HostPlatform() {
  Platform p{"linux", "amd64", ""};
  struct utsname u {};
  if (uname(&u) == 0) {
    const std::string_view m = u.machine;
    if (m == "aarch64" || m == "arm64") {
      p.architecture = "arm64";
    } else if (m.starts_with("armv7")) {
      p = {"linux", "arm", "v7"};
    } else if (m == "ppc64le" || m == "s390x" || m == "riscv64") {
      p.architecture = std::string(m);
    } else if (m == "i686" || m == "i386") {
      p.architecture = "386";
    }
  }
  return p;
}

core::Result<Platform> ParsePlatform(std::string_view text) {
  if (text.empty()) return HostPlatform();
  Platform p;
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t slash = text.find('/', start);
    parts.emplace_back(text.substr(start, slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  if (parts.size() < 2 || parts.size() > 3 || parts[0].empty() || parts[1].empty()) {
    return tl::unexpected(
        core::Error{core::ErrorCode::kUsage,
                    "--platform: expected os/arch[/variant], got \"" + std::string(text) + "\"",
                    {}});
  }
  p.os = parts[0];
  p.architecture = parts[1];
  if (parts.size() == 3) p.variant = parts[2];
  return p;
}

std::string PlatformName(const json& platform) {
  std::string name = Str(platform, "os") + "/" + Str(platform, "architecture");
  const std::string variant = Str(platform, "variant");
  return variant.empty() ? name : name + "/" + variant;
}

bool PlatformMatches(const json& platform, const Platform& want) {
  if (Str(platform, "os") != want.os || Str(platform, "architecture") != want.architecture) {
    return false;
  }
  const std::string variant = Str(platform, "variant");
  return want.variant.empty() || variant.empty() || variant == want.variant;
}

// True when `name` (a RepoTag or a ref.name annotation) is what the user asked for: the whole
// reference, or its tag part.
bool TagMatches(std::string_view name, std::string_view tag) {
  if (name == tag) return true;
  const std::size_t colon = name.rfind(':');
  if (colon != std::string_view::npos && name.find('/', colon) == std::string_view::npos &&
      name.substr(colon + 1) == tag) {
    return true;
  }
  // "app" matches "app:latest", "docker.io/library/app:latest" matches "app:latest".
  return name.ends_with("/" + std::string(tag)) ||
         (tag.find(':') == std::string_view::npos &&
          (name == std::string(tag) + ":latest" ||
           name.ends_with("/" + std::string(tag) + ":latest")));
}

// Media types of image manifests and indexes (OCI and Docker v2). Index entries of any other
// type (artifacts, attestations, descriptors of unknown kind) are ignored, as the OCI image-index
// spec requires; an empty type is accepted (older writers omit it).
bool IsManifestOrIndexType(std::string_view type) {
  return type.empty() || type == "application/vnd.oci.image.manifest.v1+json" ||
         type == "application/vnd.oci.image.index.v1+json" ||
         type == "application/vnd.docker.distribution.manifest.v2+json" ||
         type == "application/vnd.docker.distribution.manifest.list.v2+json";
}

// Config media types of container images; anything else (a Helm chart, a WASM module, an
// attestation) is an OCI artifact, not an image to audit.
bool IsImageConfigType(std::string_view type) {
  return type.empty() || type == "application/vnd.oci.image.config.v1+json" ||
         type == "application/vnd.docker.container.image.v1+json";
}

// "sha256:<hex>" → "<hex>"; error for other algorithms or malformed digests.
core::Result<std::string> DigestHex(std::string_view digest) {
  if (!digest.starts_with("sha256:")) {
    return tl::unexpected(InputError("unsupported or malformed digest \"" +
                                     std::string(digest.substr(0, 80)) + "\""));
  }
  std::string_view hex = digest.substr(7);
  if (!core::IsSha256Hex(hex)) {
    return tl::unexpected(
        InputError("malformed digest \"" + std::string(digest.substr(0, 80)) + "\""));
  }
  return std::string(hex);
}

// Where blobs come from: an archive's members (all read up front) or a layout directory (read on
// first use). `Get` takes a member path relative to the archive / layout root.
class BlobStore {
 public:
  virtual ~BlobStore() = default;
  virtual core::Result<const Blob*> Get(std::string_view path) = 0;
  virtual bool Has(std::string_view path) = 0;
};

// Builds the ImageSpec from a chosen manifest.
class Assembler {
 public:
  Assembler(BlobStore& store, Context& ctx, std::string reference) : store_(store), ctx_(ctx) {
    spec_.reference = std::move(reference);
  }

  core::Result<model::ImageSpec> FromStore();

 private:
  core::Result<const Blob*> Json(std::string_view path, std::string_view expect_hex,
                                 std::string_view what);
  core::Result<const Blob*> LayerBlob(std::string_view path, std::string_view expect_hex,
                                      std::int64_t expect_size);
  core::Result<model::ImageSpec> FromDockerManifest();
  core::Result<model::ImageSpec> FromOciIndex();
  core::Result<std::string> PickFromIndex(const json& index, int depth, std::string& media_type);
  core::Result<model::ImageSpec> FromOciManifest(const std::string& manifest_hex);
  core::Result<model::ImageSpec> Finish(std::string_view config_text,
                                        std::vector<LayerRecord*> records);

  BlobStore& store_;
  Context& ctx_;
  model::ImageSpec spec_;
};

core::Result<const Blob*> Assembler::Json(std::string_view path, std::string_view expect_hex,
                                          std::string_view what) {
  const Blob* blob = DD_TRY(store_.Get(path));
  if (blob->error) {
    return tl::unexpected(Wrap(std::string(what) + " " + std::string(path), *blob->error));
  }
  if (!blob->json) {
    return tl::unexpected(
        InputError(std::string(what) + " " + std::string(path) + " is not a JSON document"));
  }
  if (!expect_hex.empty() && blob->sha256_hex != expect_hex) {
    return tl::unexpected(InputError(std::string(what) + " " + std::string(path) +
                                     ": digest mismatch (content is sha256:" + blob->sha256_hex +
                                     ")"));
  }
  return blob;
}

core::Result<const Blob*> Assembler::LayerBlob(std::string_view path, std::string_view expect_hex,
                                               std::int64_t expect_size) {
  const Blob* blob = DD_TRY(store_.Get(path));
  if (blob->error) return tl::unexpected(Wrap("layer " + std::string(path), *blob->error));
  if (!blob->layer) {
    return tl::unexpected(InputError("layer " + std::string(path) + " is not a tar layer"));
  }
  if (!expect_hex.empty() && blob->sha256_hex != expect_hex) {
    return tl::unexpected(InputError("layer " + std::string(path) +
                                     ": digest mismatch (content is sha256:" + blob->sha256_hex +
                                     ")"));
  }
  if (expect_size > 0 && blob->size != expect_size) {
    return tl::unexpected(InputError("layer " + std::string(path) + ": size " +
                                     std::to_string(blob->size) + " differs from the manifest's " +
                                     std::to_string(expect_size)));
  }
  return blob;
}

core::Result<model::ImageSpec> Assembler::FromStore() {
  if (store_.Has("manifest.json")) return FromDockerManifest();
  if (store_.Has("index.json")) return FromOciIndex();
  if (store_.Has("repositories")) {
    return tl::unexpected(
        InputError("legacy docker-archive without manifest.json (docker < 1.10) is not supported"));
  }
  return tl::unexpected(InputError("not an image archive: no manifest.json or index.json"));
}

// The hex digest named by an archive path "blobs/sha256/<hex>" or "<hex>.json", else "".
std::string HexFromPath(std::string_view path) {
  std::string_view base = path.substr(path.rfind('/') + 1);
  if (base.ends_with(".json")) base.remove_suffix(5);
  if (path.starts_with("blobs/sha256/") || path.find('/') == std::string_view::npos) {
    if (core::IsSha256Hex(base)) return std::string(base);
  }
  return {};
}

core::Result<model::ImageSpec> Assembler::FromDockerManifest() {
  const Blob* manifest = DD_TRY(Json("manifest.json", "", "manifest"));
  json doc = DD_TRY(ParseJson(*manifest->json, "manifest.json"));
  if (!doc.is_array() || doc.empty()) {
    return tl::unexpected(InputError("manifest.json: expected a non-empty array of images"));
  }
  const json* chosen = nullptr;
  const std::string& tag = ctx_.options.tag;
  std::vector<std::string> all_tags;
  for (const auto& image : doc) {
    const auto tags = Strings(image, "RepoTags");
    all_tags.insert(all_tags.end(), tags.begin(), tags.end());
    if (tag.empty()) continue;
    for (const auto& t : tags) {
      if (TagMatches(t, tag) && chosen == nullptr) chosen = &image;
    }
  }
  if (!tag.empty() && chosen == nullptr) {
    std::string known;
    for (const auto& t : all_tags) known += (known.empty() ? "" : ", ") + t;
    return tl::unexpected(InputError("manifest.json: no image tagged \"" + tag +
                                     "\" (tags: " + (known.empty() ? "none" : known) + ")"));
  }
  if (chosen == nullptr) {
    if (doc.size() > 1) {
      std::string known;
      for (const auto& t : all_tags) known += (known.empty() ? "" : ", ") + t;
      return tl::unexpected(InputError("the archive holds " + std::to_string(doc.size()) +
                                       " images; pick one with ARCHIVE:TAG (tags: " + known + ")"));
    }
    chosen = &doc.front();
  }
  const std::string config_path = Str(*chosen, "Config");
  if (config_path.empty()) return tl::unexpected(InputError("manifest.json: image without Config"));
  const std::string config_hex = HexFromPath(config_path);
  const Blob* config = DD_TRY(Json(config_path, config_hex, "config"));
  spec_.config_digest = "sha256:" + config->sha256_hex;
  const json& layers = Member(*chosen, "Layers");
  if (!layers.is_array()) {
    return tl::unexpected(InputError("manifest.json: Layers is not an array"));
  }
  std::vector<LayerRecord*> records;
  for (const auto& item : layers) {
    if (!item.is_string()) {
      return tl::unexpected(InputError("manifest.json: a layer is not a path"));
    }
    const std::string path = item.get<std::string>();
    const std::string hex = path.starts_with("blobs/sha256/") ? HexFromPath(path) : std::string();
    const Blob* blob = DD_TRY(LayerBlob(path, hex, 0));
    model::Layer layer;
    layer.digest = "sha256:" + blob->sha256_hex;
    layer.size = blob->size;
    layer.media_type = std::string(detail::CodecName(blob->layer->codec));
    spec_.layers.push_back(std::move(layer));
    records.push_back(blob->layer.get());
  }
  return Finish(*config->json, std::move(records));
}

core::Result<std::string> Assembler::PickFromIndex(const json& index, int depth,
                                                   std::string& media_type) {
  if (depth > ctx_.options.limits.max_index_depth) {
    return tl::unexpected(InputError("image indexes nested too deeply"));
  }
  const json& manifests = Member(index, "manifests");
  if (!manifests.is_array() || manifests.empty()) {
    return tl::unexpected(InputError("index: no manifests"));
  }
  const Platform want = DD_TRY(ParsePlatform(ctx_.options.platform));
  const std::string& tag = ctx_.options.tag;
  std::vector<const json*> candidates;
  std::vector<std::string> seen;
  std::vector<std::string> ignored;  // entries of other media types
  for (const auto& m : manifests) {
    if (!IsManifestOrIndexType(Str(m, "mediaType"))) {
      ignored.push_back(Str(m, "mediaType"));
      continue;
    }
    const json& annotations = Member(m, "annotations");
    const std::string ref = Str(annotations, "org.opencontainers.image.ref.name");
    const std::string name = Str(annotations, "io.containerd.image.name");
    if (depth == 0 && !tag.empty() && !TagMatches(ref, tag) && !TagMatches(name, tag)) {
      if (!ref.empty()) seen.push_back(ref);
      continue;
    }
    const json& platform = Member(m, "platform");
    if (platform.is_object()) {
      const std::string pname = PlatformName(platform);
      seen.push_back(pname);
      if (pname == "unknown/unknown" || !PlatformMatches(platform, want)) continue;
    }
    candidates.push_back(&m);
  }
  if (candidates.empty() && seen.empty() && !ignored.empty()) {
    std::string types;
    for (const auto& t : ignored) types += (types.empty() ? "" : ", ") + t;
    return tl::unexpected(InputError("index: no image manifest (entries of media type " + types +
                                     " are not images)"));
  }
  if (candidates.empty()) {
    std::string known;
    for (const auto& s : seen) known += (known.empty() ? "" : ", ") + s;
    return tl::unexpected(InputError(
        tag.empty() || depth > 0
            ? "index: no manifest for platform " + want.os + "/" + want.architecture +
                  (want.variant.empty() ? "" : "/" + want.variant) + " (has: " + known + ")"
            : "index: no image tagged \"" + tag + "\" (has: " + known + ")"));
  }
  if (candidates.size() > 1) {
    // Several untagged images: the one named by the platform wins; otherwise ask.
    std::vector<const json*> with_platform;
    for (const json* c : candidates) {
      if (Member(*c, "platform").is_object()) with_platform.push_back(c);
    }
    if (with_platform.size() == 1) {
      candidates = with_platform;
    } else {
      return tl::unexpected(InputError("the index holds " + std::to_string(candidates.size()) +
                                       " images; pick one with :TAG or --platform"));
    }
  }
  const json& chosen = *candidates.front();
  media_type = Str(chosen, "mediaType");
  return DigestHex(Str(chosen, "digest"));
}

core::Result<model::ImageSpec> Assembler::FromOciIndex() {
  const Blob* index_blob = DD_TRY(Json("index.json", "", "index"));
  json index = DD_TRY(ParseJson(*index_blob->json, "index.json"));
  for (int depth = 0;; ++depth) {
    std::string media_type;
    const std::string hex = DD_TRY(PickFromIndex(index, depth, media_type));
    const Blob* blob = DD_TRY(Json("blobs/sha256/" + hex, hex, "manifest"));
    json doc = DD_TRY(ParseJson(*blob->json, "manifest sha256:" + hex));
    const bool is_index =
        media_type.ends_with("image.index.v1+json") ||
        media_type.ends_with("manifest.list.v2+json") ||
        (Member(doc, "manifests").is_array() && !Member(doc, "layers").is_array());
    if (!is_index) {
      spec_.manifest_digest = "sha256:" + hex;
      return FromOciManifest(hex);
    }
    index = std::move(doc);
  }
}

core::Result<model::ImageSpec> Assembler::FromOciManifest(const std::string& manifest_hex) {
  const Blob* blob = DD_TRY(store_.Get("blobs/sha256/" + manifest_hex));
  json doc = DD_TRY(ParseJson(*blob->json, "manifest sha256:" + manifest_hex));
  const std::string config_type = Str(Member(doc, "config"), "mediaType");
  if (!IsImageConfigType(config_type)) {
    return tl::unexpected(InputError("manifest sha256:" + manifest_hex +
                                     " is not a container image (config media type " + config_type +
                                     ": an OCI artifact)"));
  }
  const std::string config_hex = DD_TRY(DigestHex(Str(Member(doc, "config"), "digest")));
  const Blob* config = DD_TRY(Json("blobs/sha256/" + config_hex, config_hex, "config"));
  spec_.config_digest = "sha256:" + config_hex;
  const json& layers = Member(doc, "layers");
  if (!layers.is_array()) return tl::unexpected(InputError("manifest: layers is not an array"));
  std::vector<LayerRecord*> records;
  for (const auto& item : layers) {
    const std::string hex = DD_TRY(DigestHex(Str(item, "digest")));
    const std::string media_type = Str(item, "mediaType");
    if (media_type.find("nondistributable") != std::string::npos ||
        media_type.find("foreign") != std::string::npos) {
      if (!store_.Has("blobs/sha256/" + hex)) {
        spec_.errors.push_back({model::ImageFileOrigin(spec_.reference, "sha256:" + hex, ""),
                                "foreign layer sha256:" + hex + " is not in the image; skipped"});
        continue;
      }
    }
    const Blob* layer_blob = DD_TRY(LayerBlob("blobs/sha256/" + hex, hex, Int(item, "size")));
    const Codec codec = layer_blob->layer->codec;
    const bool says_gzip = media_type.ends_with("gzip");
    const bool says_zstd = media_type.ends_with("zstd");
    const bool says_plain = media_type.ends_with(".tar") || media_type.ends_with("tar");
    if ((says_gzip && codec != Codec::kGzip) || (says_zstd && codec != Codec::kZstd) ||
        (says_plain && !says_gzip && !says_zstd && codec != Codec::kPlain)) {
      spec_.errors.push_back({model::ImageFileOrigin(spec_.reference, "sha256:" + hex, ""),
                              "layer media type " + media_type + " but the content is " +
                                  detail::CodecName(codec) + "; read as " +
                                  detail::CodecName(codec)});
    }
    model::Layer layer;
    layer.digest = "sha256:" + hex;
    layer.size = layer_blob->size;
    layer.media_type = media_type;
    spec_.layers.push_back(std::move(layer));
    records.push_back(layer_blob->layer.get());
  }
  return Finish(*config->json, std::move(records));
}

core::Result<model::ImageSpec> Assembler::Finish(std::string_view config_text,
                                                 std::vector<LayerRecord*> records) {
  spec_.config = DD_TRY(ParseConfig(config_text));
  const auto& diff_ids = spec_.config.diff_ids;
  if (!diff_ids.empty() && diff_ids.size() != records.size()) {
    return tl::unexpected(InputError("config lists " + std::to_string(diff_ids.size()) +
                                     " diff_ids but the manifest has " +
                                     std::to_string(records.size()) + " layers"));
  }
  LayerMerger merger(ctx_.options.limits.merge);
  for (std::size_t i = 0; i < records.size(); ++i) {
    LayerRecord& rec = *records[i];
    model::Layer& layer = spec_.layers[i];
    layer.diff_id = "sha256:" + rec.diff_id_hex;
    if (!diff_ids.empty() && diff_ids[i] != layer.diff_id) {
      return tl::unexpected(InputError("layer " + layer.digest + ": uncompressed content is " +
                                       layer.diff_id + " but the config's diff_id is " +
                                       diff_ids[i]));
    }
    const int index = static_cast<int>(i);
    merger.BeginLayer(index, layer.diff_id);
    merger.Reserve(std::min(rec.members.size(), ctx_.options.limits.merge.max_entries));
    // A layer listed once (the usual case) hands its members over: peak memory is then the
    // merged index plus one layer, not every layer's members twice.
    if (std::count(records.begin(), records.end(), records[i]) == 1) {
      for (auto& member : rec.members) merger.Add(std::move(member));
      std::vector<model::FsEntry>().swap(rec.members);
    } else {
      for (const auto& member : rec.members) merger.Add(member);
    }
    merger.EndLayer();
    spec_.uncompressed_size += rec.uncompressed;
    spec_.files_not_scanned += rec.not_scanned;
    spec_.lang_files_dropped += rec.lang_dropped;
    for (const auto& [path, hit] : rec.hits) {
      model::FileSecret s;
      s.path = path;
      s.layer = index;
      s.rule_id = std::string(hit.rule_id);
      s.title = std::string(hit.title);
      s.severity = hit.severity;
      s.line = hit.line;
      s.column = hit.column;
      s.masked = hit.masked;
      spec_.secrets.push_back(std::move(s));
    }
  }
  MergeResult merged = merger.Finish();
  spec_.files = std::move(merged.files);
  spec_.shadowed = std::move(merged.shadowed);
  for (auto& e : merged.errors) {
    e.where.file = spec_.reference;
    spec_.errors.push_back(std::move(e));
  }

  // Kept files: the version the final filesystem shows (last one written by the owning layer).
  std::map<std::string, model::KeptFile> kept;
  for (std::size_t i = 0; i < records.size(); ++i) {
    for (const auto& k : records[i]->kept) {
      const model::FsEntry* entry = spec_.files.Find(k.path);
      if (entry == nullptr || !entry->IsFile() || entry->layer != static_cast<int>(i)) continue;
      kept[k.path] = model::KeptFile{k.path, static_cast<int>(i), k.content};
    }
  }
  for (auto& [path, file] : kept) spec_.kept.push_back(std::move(file));

  for (const char* candidate : {"etc/os-release", "usr/lib/os-release"}) {
    if (ctx_.options.observer == nullptr) break;
    auto resolved = ResolvePath(spec_.files, candidate);
    if (!resolved) continue;
    if (const model::KeptFile* file = spec_.Kept(*resolved)) {
      spec_.os = ctx_.options.observer->ParseOsRelease(file->content);
      spec_.os->source_path = *resolved;
      break;
    }
  }
  std::sort(spec_.secrets.begin(), spec_.secrets.end(), [](const auto& a, const auto& b) {
    return std::tie(a.layer, a.path, a.line, a.column) <
           std::tie(b.layer, b.path, b.line, b.column);
  });
  return std::move(spec_);
}

// ---- Archive store ----------------------------------------------------------------------------

class ArchiveStore final : public BlobStore {
 public:
  core::Result<const Blob*> Get(std::string_view path) override {
    std::string name(path);
    for (int hop = 0; hop <= kMaxLinkHops; ++hop) {
      auto it = blobs_.find(name);
      if (it != blobs_.end()) return &it->second;
      auto link = links_.find(name);
      if (link == links_.end()) break;
      name = link->second;
    }
    return tl::unexpected(InputError("blob " + std::string(path) + " is missing from the archive"));
  }
  bool Has(std::string_view path) override {
    const std::string name(path);
    return blobs_.count(name) != 0 || links_.count(name) != 0;
  }

  // Reads every member of the archive `a` (already opened).
  core::Result<void> ReadAll(struct archive* a, Context& ctx) {
    std::int64_t members = 0;
    for (;;) {
      struct archive_entry* entry = nullptr;
      const int r = archive_read_next_header(a, &entry);
      if (r == ARCHIVE_EOF) break;
      if (r < ARCHIVE_WARN) {
        const char* why = archive_error_string(a);
        return tl::unexpected(InputError(std::string("not a readable image archive: ") +
                                         (why != nullptr ? why : "unreadable tar")));
      }
      if (++members > ctx.options.limits.max_outer_members) {
        return tl::unexpected(InputError("image archive has more than " +
                                         std::to_string(ctx.options.limits.max_outer_members) +
                                         " members"));
      }
      const char* raw = archive_entry_pathname(entry);
      auto name = NormalizeMemberName(raw != nullptr ? raw : "");
      if (!name || name->empty()) continue;  // escaping or root: never looked up
      const char* hardlink = archive_entry_hardlink(entry);
      if (hardlink != nullptr) {
        if (auto target = NormalizeMemberName(hardlink)) links_[*name] = *target;
        continue;
      }
      const auto type = archive_entry_filetype(entry);
      if (type == AE_IFLNK) {
        const char* target = archive_entry_symlink(entry);
        if (target == nullptr) continue;
        const std::size_t slash = name->rfind('/');
        std::string joined =
            slash == std::string::npos ? std::string(target) : name->substr(0, slash + 1) + target;
        if (auto resolved = NormalizeMemberName(joined)) links_[*name] = *resolved;
        continue;
      }
      if (type != AE_IFREG) continue;
      // Legacy docker-save metadata ("<id>/VERSION" = "1.0") is neither a layer nor JSON.
      if (name->ends_with("/VERSION")) continue;
      ArchiveMemberSource source(a);
      blobs_[*name] = ConsumeBlob(source, archive_entry_size(entry), JsonByName(*name), ctx);
    }
    return {};
  }

 private:
  std::map<std::string, Blob, std::less<>> blobs_;
  std::map<std::string, std::string, std::less<>> links_;
};

// ---- Layout store -----------------------------------------------------------------------------

class LayoutStore final : public BlobStore {
 public:
  LayoutStore(std::filesystem::path root, Context& ctx) : root_(std::move(root)), ctx_(ctx) {}

  core::Result<const Blob*> Get(std::string_view path) override {
    auto it = blobs_.find(path);
    if (it != blobs_.end()) return &it->second;
    if (!Allowed(path)) {
      return tl::unexpected(InputError("blob path " + std::string(path) + " is not allowed"));
    }
    auto file = FileSource::Open((root_ / std::string(path)).string());
    if (!file) {
      return tl::unexpected(InputError("blob " + std::string(path) +
                                       " is missing from the layout (" + file.error().message +
                                       ")"));
    }
    Blob blob = ConsumeBlob(**file, (*file)->size(), JsonByName(path), ctx_);
    return &blobs_.emplace(std::string(path), std::move(blob)).first->second;
  }
  bool Has(std::string_view path) override {
    if (!Allowed(path)) return false;
    std::error_code ec;
    return std::filesystem::is_regular_file(root_ / std::string(path), ec);
  }

 private:
  // Only the layout's own files: index.json, oci-layout, manifest.json, blobs/sha256/<hex>.
  static bool Allowed(std::string_view path) {
    if (path == "index.json" || path == "oci-layout" || path == "manifest.json") return true;
    return path.starts_with("blobs/sha256/") && core::IsSha256Hex(path.substr(13));
  }

  std::filesystem::path root_;
  Context& ctx_;
  std::map<std::string, Blob, std::less<>> blobs_;
};

core::Result<ArchivePtr> OpenArchive() {
  ArchivePtr a(archive_read_new());
  if (!a) return tl::unexpected(InputError("out of memory"));
  archive_read_support_filter_gzip(a.get());
  archive_read_support_filter_zstd(a.get());
  archive_read_support_format_tar(a.get());
  return a;
}

using Reads = std::vector<core::Result<model::ImageSpec>>;

// The tags a store holds: the first RepoTag of each image of manifest.json, or the ref names of
// the image entries of index.json.
std::vector<std::string> StoreTags(BlobStore& store) {
  std::vector<std::string> tags;
  const bool docker = store.Has("manifest.json");
  if (!docker && !store.Has("index.json")) return tags;
  auto blob = store.Get(docker ? "manifest.json" : "index.json");
  if (!blob || !(*blob)->json) return tags;
  auto doc = ParseJson(*(*blob)->json, "index");
  if (!doc) return tags;
  const json& items = docker ? *doc : Member(*doc, "manifests");
  if (!items.is_array()) return tags;
  for (const auto& item : items) {
    std::string tag;
    if (docker) {
      const auto repo_tags = Strings(item, "RepoTags");
      if (!repo_tags.empty()) tag = repo_tags.front();
    } else if (IsManifestOrIndexType(Str(item, "mediaType"))) {
      tag = Str(Member(item, "annotations"), "org.opencontainers.image.ref.name");
    }
    if (!tag.empty() && std::find(tags.begin(), tags.end(), tag) == tags.end()) {
      tags.push_back(std::move(tag));
    }
  }
  return tags;
}

// Assembles the image the options name, or (every_tag, no tag given) each tagged image.
// `reading` is the context the store reads blobs through (its byte counts feed the last
// progress report).
Reads Assemble(BlobStore& store, const ReadOptions& options, const std::string& reference,
               bool every_tag, const Context& reading) {
  Reads out;
  std::vector<std::string> tags;
  if (every_tag && options.tag.empty()) tags = StoreTags(store);
  if (tags.size() <= 1) tags.assign(1, std::string());
  for (const auto& tag : tags) {
    ReadOptions one = options;
    if (!tag.empty()) one.tag = tag;
    Context ctx{one};
    const std::string name = tag.empty() ? reference : core::Concat({reference, ":", tag});
    Assembler assembler(store, ctx, name);
    auto spec = assembler.FromStore();
    if (spec) {
      ctx.bytes_read = reading.bytes_read;
      ctx.bytes_total = reading.bytes_total;
      ctx.Report(static_cast<int>(spec->layers.size()), static_cast<int>(spec->layers.size()));
      out.push_back(std::move(spec));
    } else {
      out.push_back(tl::unexpected(Wrap(name, spec.error())));
    }
  }
  return out;
}

Reads ReadOpenedArchive(struct archive* a, const std::string& reference, const ReadOptions& options,
                        std::int64_t total, bool every_tag) {
  Context ctx{options};
  ctx.bytes_total = total;
  ArchiveStore store;
  if (auto read = store.ReadAll(a, ctx); !read) {
    Reads out;
    out.push_back(tl::unexpected(Wrap(reference, read.error())));
    return out;
  }
  return Assemble(store, options, reference, every_tag, ctx);
}

Reads Failed(core::Error error) {
  Reads out;
  out.push_back(tl::unexpected(std::move(error)));
  return out;
}

Reads ReadPath(const std::filesystem::path& path_in, const ReadOptions& options_in,
               bool every_tag) {
  std::filesystem::path path = path_in;
  ReadOptions options = options_in;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    // "app.tar:1.0" / "oci-dir:latest": a tag after the last ':' when that file does not exist.
    const std::string text = path.string();
    const std::size_t colon = text.rfind(':');
    if (colon != std::string::npos && colon > 0 && text.find('/', colon) == std::string::npos &&
        std::filesystem::exists(text.substr(0, colon), ec)) {
      if (options.tag.empty()) options.tag = text.substr(colon + 1);
      path = text.substr(0, colon);
    } else {
      return Failed(InputError(path.string() + ": no such file or directory"));
    }
  }
  const std::string reference = path_in.string();
  if (std::filesystem::is_directory(path, ec)) {
    if (SniffImage(path) != ImageFormat::kOciLayout) {
      return Failed(InputError(path.string() +
                               ": not an OCI image layout (no oci-layout/index.json and blobs/)"));
    }
    Context ctx{options};
    LayoutStore store(path, ctx);
    return Assemble(store, options, reference, every_tag, ctx);
  }
  auto a = OpenArchive();
  if (!a) return Failed(a.error());
  if (archive_read_open_filename(a->get(), path.c_str(), 1 << 20) != ARCHIVE_OK) {
    const char* why = archive_error_string(a->get());
    return Failed(InputError(reference + ": not an image archive or layout (" +
                             (why != nullptr ? why : "unreadable") + ")"));
  }
  const auto size = static_cast<std::int64_t>(std::filesystem::file_size(path, ec));
  return ReadOpenedArchive(a->get(), reference, options, ec ? 0 : size, every_tag);
}

}  // namespace

ImageFormat SniffImage(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    const bool has_blobs = std::filesystem::is_directory(path / "blobs", ec);
    const bool has_layout = std::filesystem::is_regular_file(path / "oci-layout", ec) ||
                            std::filesystem::is_regular_file(path / "index.json", ec);
    return has_blobs && has_layout ? ImageFormat::kOciLayout : ImageFormat::kNone;
  }
  if (!std::filesystem::is_regular_file(path, ec)) return ImageFormat::kNone;
  auto a = OpenArchive();
  if (!a) return ImageFormat::kNone;
  if (archive_read_open_filename(a->get(), path.c_str(), 64 << 10) != ARCHIVE_OK) {
    return ImageFormat::kNone;
  }
  bool oci = false;
  bool docker = false;
  for (int i = 0; i < 16; ++i) {
    struct archive_entry* entry = nullptr;
    if (archive_read_next_header(a->get(), &entry) != ARCHIVE_OK) break;
    const char* raw = archive_entry_pathname(entry);
    auto name = NormalizeMemberName(raw != nullptr ? raw : "");
    if (!name) break;
    const std::string& n = *name;
    if (n == "oci-layout" || n == "index.json") oci = true;
    if (n == "manifest.json" || n == "repositories") docker = true;
    if (n.starts_with("blobs/sha256/") && core::IsSha256Hex(n.substr(13))) oci = true;
    const std::size_t slash = n.find('/');
    if (slash == 64 && core::IsSha256Hex(n.substr(0, 64))) {
      docker = true;  // legacy "<id>/layer.tar"
    }
    if (n.size() == 69 && n.ends_with(".json") && core::IsSha256Hex(n.substr(0, 64))) docker = true;
    if (docker) return ImageFormat::kDockerArchive;
  }
  return oci ? ImageFormat::kOciArchive : ImageFormat::kNone;
}

core::Result<model::ImageSpec> ReadImage(const std::filesystem::path& path,
                                         const ReadOptions& options) {
  return std::move(ReadPath(path, options, false).front());
}

std::vector<core::Result<model::ImageSpec>> ReadImages(const std::filesystem::path& path,
                                                       const ReadOptions& options) {
  return ReadPath(path, options, true);
}

core::Result<model::ImageSpec> ReadImageArchive(std::string_view bytes,
                                                const std::string& reference,
                                                const ReadOptions& options) {
  auto a = DD_TRY(OpenArchive());
  if (archive_read_open_memory(a.get(), bytes.data(), bytes.size()) != ARCHIVE_OK) {
    const char* why = archive_error_string(a.get());
    return tl::unexpected(InputError(reference + ": " + (why != nullptr ? why : "unreadable")));
  }
  return std::move(
      ReadOpenedArchive(a.get(), reference, options, static_cast<std::int64_t>(bytes.size()), false)
          .front());
}

namespace {

// libarchive's read callback over a StreamRead.
struct StreamClient {
  const StreamRead* read = nullptr;
  std::vector<char> buffer = std::vector<char>(1 << 20);
  std::optional<core::Error> error;
};

la_ssize_t StreamCallback(struct archive* a, void* client_data, const void** buffer) {
  auto* client = static_cast<StreamClient*>(client_data);
  core::Result<std::size_t> got = 0;
  try {  // no exception may cross libarchive's C frames
    got = (*client->read)(client->buffer.data(), client->buffer.size());
  } catch (const std::exception& e) {
    got = tl::unexpected(InputError(std::string("stream read failed: ") + e.what()));
  }
  if (got && *got > client->buffer.size()) {
    got = tl::unexpected(InputError("stream read returned more bytes than asked for"));
  }
  if (!got) {
    client->error = got.error();
    archive_set_error(a, EIO, "%s", got.error().message.c_str());
    return -1;
  }
  *buffer = client->buffer.data();
  return static_cast<la_ssize_t>(*got);
}

}  // namespace

core::Result<model::ImageSpec> ReadImageStream(const StreamRead& read, const std::string& reference,
                                               const ReadOptions& options,
                                               std::int64_t bytes_total) {
  auto a = DD_TRY(OpenArchive());
  StreamClient client;
  client.read = &read;
  if (archive_read_open(a.get(), &client, nullptr, StreamCallback, nullptr) != ARCHIVE_OK) {
    if (client.error) return tl::unexpected(Wrap(reference, *client.error));
    const char* why = archive_error_string(a.get());
    return tl::unexpected(InputError(reference + ": " + (why != nullptr ? why : "unreadable")));
  }
  auto result =
      std::move(ReadOpenedArchive(a.get(), reference, options, bytes_total, false).front());
  // A failure of the stream itself is named as such, not as whatever libarchive made of it.
  if (!result && client.error) return tl::unexpected(Wrap(reference, *client.error));
  return result;
}

}  // namespace drydock::sources::image
