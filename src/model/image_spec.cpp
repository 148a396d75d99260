// SPDX-License-Identifier: Apache-2.0
#include "model/image_spec.h"

#include <algorithm>

namespace drydock::model {

namespace {

struct FileTypeRow {
  FileType type;
  const char* name;
};

constexpr FileTypeRow kFileTypes[] = {
    {FileType::kFile, "file"},         {FileType::kDir, "dir"},   {FileType::kSymlink, "symlink"},
    {FileType::kHardlink, "hardlink"}, {FileType::kChar, "char"}, {FileType::kBlock, "block"},
    {FileType::kFifo, "fifo"},
};

struct ShadowKindRow {
  ShadowKind kind;
  const char* name;
};

constexpr ShadowKindRow kShadowKinds[] = {
    {ShadowKind::kWhiteout, "whiteout"},
    {ShadowKind::kOpaque, "opaque"},
    {ShadowKind::kOverwrite, "overwrite"},
};

}  // namespace

const char* FileTypeName(FileType type) {
  for (const auto& row : kFileTypes) {
    if (row.type == type) return row.name;
  }
  return "unknown";
}

const char* ShadowKindName(ShadowKind kind) {
  for (const auto& row : kShadowKinds) {
    if (row.kind == kind) return row.name;
  }
  return "unknown";
}

core::Origin ImageFileOrigin(std::string_view reference, std::string_view layer_digest,
                             std::string_view path) {
  core::Origin origin;
  origin.file = std::string(reference);
  origin.layer = std::string(layer_digest);
  // Built in one step: GCC 12 at -O2 reports a false -Wrestrict for `s = "/"; s += v;` (PR105651).
  origin.path = std::string(1, '/').append(path);
  return origin;
}

const KeptFile* ImageSpec::Kept(std::string_view path) const {
  auto it = std::lower_bound(kept.begin(), kept.end(), path,
                             [](const KeptFile& f, std::string_view p) { return f.path < p; });
  return it != kept.end() && it->path == path ? &*it : nullptr;
}

std::optional<std::string> ImageConfig::Env(std::string_view name) const {
  std::optional<std::string> found;
  for (const std::string& item : env) {
    std::string_view view(item);
    if (view.size() > name.size() && view.substr(0, name.size()) == name &&
        view[name.size()] == '=') {
      found = std::string(view.substr(name.size() + 1));
    } else if (view == name) {
      found = std::string();
    }
  }
  return found;
}

const FsEntry* FsIndex::Find(std::string_view path) const {
  auto it = std::lower_bound(entries.begin(), entries.end(), path,
                             [](const FsEntry& e, std::string_view p) { return e.path < p; });
  if (it == entries.end() || it->path != path) return nullptr;
  return &*it;
}

std::span<const FsEntry> FsIndex::Subtree(std::string_view dir) const {
  if (dir.empty()) return std::span<const FsEntry>(entries);
  // Descendants are the paths in ["dir/", "dir0"): '0' is the byte after '/'.
  std::string lo(dir);
  lo += '/';
  std::string hi(dir);
  hi += '0';
  auto less = [](const FsEntry& e, const std::string& p) { return e.path < p; };
  auto first = std::lower_bound(entries.begin(), entries.end(), lo, less);
  auto last = std::lower_bound(first, entries.end(), hi, less);
  return std::span<const FsEntry>(entries.data() + (first - entries.begin()),
                                  static_cast<std::size_t>(last - first));
}

std::string_view ImageSpec::LayerDigest(int index) const {
  if (index < 0 || static_cast<std::size_t>(index) >= layers.size()) return {};
  const Layer& layer = layers[static_cast<std::size_t>(index)];
  return layer.diff_id.empty() ? std::string_view(layer.digest) : std::string_view(layer.diff_id);
}

}  // namespace drydock::model
