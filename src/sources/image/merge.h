// SPDX-License-Identifier: Apache-2.0
// Layer merger: turns the tar members of an image's layers, streamed base layer first, into the
// final filesystem index (model::FsIndex) plus the regular files that upper layers deleted or
// overwrote (model::ShadowedFile: they still ship in their layer). No archive reading here: the
// image readers call BeginLayer / Add (one call per tar member, in archive order) / EndLayer,
// then Finish.
//
// Rules (FORMATS.md §2 "Whiteouts", OCI image-spec layer changesets):
// - Member names are normalised inside the image root: leading "/" and "./" dropped, "//" and
//   "/./" collapsed, ".." resolved lexically. A name that climbs above the root ("../x",
//   "a/../../x") is rejected (an error naming the layer; the member is skipped), never clamped.
// - `d/.wh.<name>` deletes d/<name> and its subtree from LOWER layers; `d/.wh..wh..opq` hides
//   every lower-layer child of d. Both apply to lower layers only, so the order of members within
//   a layer does not matter. Whiteout members never enter the index; other `.wh..wh.*` (AUFS
//   metadata, and anything inside such a directory) are ignored.
// - Duplicate members in one layer: the last wins. A non-directory replacing a directory removes
//   the directory's lower subtree, and the same-layer members below it written before it. A
//   directory over a directory keeps the children.
// - Regular files removed by any of the above (including an earlier duplicate in the same layer)
//   are recorded as shadowed.
// - Hard links: the target is normalised like a name and must exist (same or lower layer, not a
//   directory) after the layer's deletions; otherwise an error and the link is skipped (a skipped
//   member changes nothing). The link takes its target's size. Symlinks are kept with their
//   target as written (a NUL byte rejects them); ResolvePath follows them inside the root only.
// - Bounds: MergeLimits (entries, path length, layers, recorded errors). Past a limit the merger
//   records one error and ignores the excess; it never grows without bound. Memory is about one
//   FsEntry per live path plus the current layer's members.
//
// Not thread-safe; one merger per image.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "model/image_spec.h"

namespace drydock::sources::image {

struct MergeLimits {
  std::size_t max_entries = 2'000'000;  // tar members over all layers (whiteouts included)
  std::size_t max_path = 4096;          // bytes, raw member name / link target / resolved path
  int max_layers = 256;                 // non-empty layers merged; further layers are ignored
  std::size_t max_errors = 1000;        // recorded errors; then one "further errors" line
  int max_symlink_hops = 40;            // for callers of ResolvePath, like Linux ELOOP
};

// Normalises a tar member name (or hard-link target) to an index path: "" is the root itself.
// Fails on a name that escapes the root, a NUL byte, or a name longer than `max_path`.
core::Result<std::string> NormalizeMemberName(std::string_view name, std::size_t max_path = 4096);

struct MergeResult {
  model::FsIndex files;
  std::vector<model::ShadowedFile> shadowed;  // in the order they were removed
  std::vector<model::ParseError> errors;      // where.layer = digest, where.path = "/" + name
};

class LayerMerger {
 public:
  explicit LayerMerger(MergeLimits limits = {});

  // Starts layer `index` (position in the manifest, base = 0) with blob digest `digest` (used in
  // error locations). Ends the current layer first if one is open.
  void BeginLayer(int index, std::string digest);
  // One tar member. `member.path` and `member.link_target` are the raw archive names; `layer` is
  // ignored (the current layer's index is used). Whiteouts are recognised here.
  void Add(model::FsEntry member);
  // Applies the layer: its whiteouts against lower layers, then its entries.
  void EndLayer();
  // Capacity hint: the current layer will get about `members` more Add calls.
  void Reserve(std::size_t members) { pending_.reserve(pending_.size() + members); }
  // Ends an open layer and hands over the result. The merger is empty afterwards.
  MergeResult Finish();

  std::size_t entries_seen() const { return seen_; }
  bool truncated() const { return truncated_; }  // a limit was hit and input ignored

 private:
  struct Kill;  // a range of lower-layer paths deleted by this layer

  void Error(std::string_view path, std::string message);
  void ApplyLayer();

  MergeLimits limits_;
  std::vector<model::FsEntry> index_;  // sorted, unique: the merged filesystem so far
  std::vector<model::ShadowedFile> shadowed_;
  std::vector<model::ParseError> errors_;
  std::size_t errors_dropped_ = 0;

  bool in_layer_ = false;
  int layer_ = -1;
  int last_layer_ = -1;
  int layers_applied_ = 0;
  bool skip_layer_ = false;  // past max_layers
  std::string digest_;
  // This layer's members; while pending, `layer` holds the member's sequence number in the layer.
  std::vector<model::FsEntry> pending_;
  std::vector<std::string> whiteouts_;  // paths deleted from lower layers
  std::vector<std::string> opaque_;     // directories whose lower children are hidden
  bool opaque_root_ = false;

  std::size_t seen_ = 0;
  bool truncated_ = false;
  bool too_many_reported_ = false;
};

// Resolves `path` (absolute or relative to the image root) against `index`, following symlinks
// the way the kernel does inside a chroot: absolute targets restart at the image root, ".." stops
// at the root, components missing from the index are taken as plain directories. Returns the
// normalised final path ("" = the root), which may not exist in the index. Fails after
// `max_hops` symlinks (a loop), when a non-directory is used as a directory, on an empty link
// target, or when the path grows past `max_path`. With `follow_final` false a final symlink is
// not followed (lstat).
core::Result<std::string> ResolvePath(const model::FsIndex& index, std::string_view path,
                                      bool follow_final = true, int max_hops = 40,
                                      std::size_t max_path = 4096);

}  // namespace drydock::sources::image
