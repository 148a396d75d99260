// SPDX-License-Identifier: Apache-2.0
#include "sources/image/merge.h"

#include <algorithm>
#include <utility>

namespace drydock::sources::image {

namespace {

using model::FileType;
using model::FsEntry;
using model::ShadowKind;

constexpr std::string_view kWhiteoutPrefix = ".wh.";
constexpr std::string_view kMetaPrefix = ".wh..wh.";
constexpr std::string_view kOpaqueName = ".wh..wh..opq";
constexpr std::size_t kErrorPathMax = 256;  // bytes of a member name quoted in an error

std::string_view Parent(std::string_view path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
}

std::string_view Base(std::string_view path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string Join(std::string_view dir, std::string_view name) {
  std::string out;
  out.reserve(dir.size() + 1 + name.size());
  out += dir;
  if (!dir.empty()) out += '/';
  out += name;
  return out;
}

// true when `path` is a strict descendant of `dir` ("a/b" of "a").
bool IsUnder(std::string_view path, std::string_view dir) {
  return path.size() > dir.size() && path[dir.size()] == '/' && path.substr(0, dir.size()) == dir;
}

const FsEntry* FindSorted(const std::vector<FsEntry>& entries, std::string_view path) {
  auto it = std::lower_bound(entries.begin(), entries.end(), path,
                             [](const FsEntry& e, std::string_view p) { return e.path < p; });
  if (it == entries.end() || it->path != path) return nullptr;
  return &*it;
}

// Path order where '/' sorts before every other byte (names hold no NUL), so that a directory's
// descendants come right after it: "a" < "a/x" < "a.b".
bool ComponentLess(std::string_view a, std::string_view b) {
  std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (a[i] == b[i]) continue;
    auto rank = [](char c) {
      return c == '/' ? 0u : static_cast<unsigned>(static_cast<unsigned char>(c)) + 1u;
    };
    return rank(a[i]) < rank(b[i]);
  }
  return a.size() < b.size();
}

// true when some path of `entries` (sorted) lies under directory `dir`.
bool HasDescendant(const std::vector<FsEntry>& entries, std::string_view dir) {
  std::string lo(dir);
  lo += '/';
  auto it = std::lower_bound(entries.begin(), entries.end(), lo,
                             [](const FsEntry& e, const std::string& p) { return e.path < p; });
  return it != entries.end() && IsUnder(it->path, dir);
}

}  // namespace

// [lo, hi) in byte order. An exact path p is [p, p+"\0"); the subtree of d is [d+"/", d+"0").
struct LayerMerger::Kill {
  std::string lo;
  std::string hi;
  ShadowKind kind;
};

namespace {

// Answers "is this lower path deleted by the layer?" for a set of Kill ranges.
template <class KillT>
class KillSet {
 public:
  KillSet(std::vector<KillT> kills, bool all) : kills_(std::move(kills)), all_(all) {
    std::sort(kills_.begin(), kills_.end(),
              [](const KillT& a, const KillT& b) { return a.lo < b.lo; });
    best_.resize(kills_.size());
    for (std::size_t i = 0; i < kills_.size(); ++i) {
      best_[i] = i;
      if (i > 0 && kills_[best_[i - 1]].hi >= kills_[i].hi) best_[i] = best_[i - 1];
    }
  }

  // The kind of the range covering `path`, or nullptr. A path is covered iff the largest `hi`
  // among ranges with lo <= path exceeds it.
  const ShadowKind* Covering(std::string_view path) const {
    if (all_) return &kAllKind;
    auto it = std::upper_bound(kills_.begin(), kills_.end(), path,
                               [](std::string_view p, const KillT& k) { return p < k.lo; });
    if (it == kills_.begin()) return nullptr;
    const KillT& k = kills_[best_[static_cast<std::size_t>(it - kills_.begin()) - 1]];
    if (std::string_view(k.hi) > path) return &k.kind;
    return nullptr;
  }

  bool empty() const { return kills_.empty() && !all_; }

 private:
  static constexpr ShadowKind kAllKind = ShadowKind::kOpaque;
  std::vector<KillT> kills_;
  std::vector<std::size_t> best_;  // index of the range with the largest hi in kills_[0..i]
  bool all_;
};

}  // namespace

core::Result<std::string> NormalizeMemberName(std::string_view name, std::size_t max_path) {
  if (name.size() > max_path) {
    return core::Fail(core::ErrorCode::kInput,
                      "name longer than " + std::to_string(max_path) + " bytes");
  }
  if (name.find('\0') != std::string_view::npos) {
    return core::Fail(core::ErrorCode::kInput, "name contains a NUL byte");
  }
  std::string out;
  out.reserve(name.size());
  std::size_t pos = 0;
  while (pos <= name.size()) {
    std::size_t slash = name.find('/', pos);
    if (slash == std::string_view::npos) slash = name.size();
    std::string_view part = name.substr(pos, slash - pos);
    pos = slash + 1;
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (out.empty()) {
        return core::Fail(core::ErrorCode::kInput, "name escapes the image root");
      }
      std::size_t cut = out.rfind('/');
      out.resize(cut == std::string::npos ? 0 : cut);
      continue;
    }
    if (!out.empty()) out += '/';
    out += part;
  }
  return out;
}

LayerMerger::LayerMerger(MergeLimits limits) : limits_(limits) {}

void LayerMerger::Error(std::string_view path, std::string message) {
  if (errors_.size() >= limits_.max_errors) {
    ++errors_dropped_;
    return;
  }
  model::ParseError error;
  error.where.layer = digest_;
  error.where.path = "/";
  error.where.path += path.substr(0, kErrorPathMax);
  if (path.size() > kErrorPathMax) error.where.path += "…";
  error.message = "layer " + std::to_string(layer_) + ": " + std::move(message);
  errors_.push_back(std::move(error));
}

void LayerMerger::BeginLayer(int index, std::string digest) {
  if (in_layer_) EndLayer();
  in_layer_ = true;
  layer_ = index;
  digest_ = std::move(digest);
  skip_layer_ = false;
  if (index <= last_layer_) {
    Error("", "layer index " + std::to_string(index) + " does not follow layer " +
                  std::to_string(last_layer_));
  }
  last_layer_ = std::max(last_layer_, index);
  if (layers_applied_ >= limits_.max_layers) {
    skip_layer_ = true;
    truncated_ = true;
    Error("",
          "too many layers (more than " + std::to_string(limits_.max_layers) + "); layer ignored");
  }
}

void LayerMerger::Add(FsEntry member) {
  if (!in_layer_) {
    Error(member.path, "member outside a layer ignored");
    return;
  }
  if (skip_layer_ || too_many_reported_) return;
  if (++seen_ > limits_.max_entries) {
    too_many_reported_ = true;
    truncated_ = true;
    Error(member.path, "too many entries (more than " + std::to_string(limits_.max_entries) +
                           "); the rest of the image is ignored");
    return;
  }
  auto name = NormalizeMemberName(member.path, limits_.max_path);
  if (!name) {
    Error(member.path, "member rejected: " + name.error().message);
    return;
  }
  if (name->empty()) return;  // the root directory ("./", "/")

  std::string_view base = Base(*name);
  if (base.substr(0, kWhiteoutPrefix.size()) == kWhiteoutPrefix) {
    if (base == kOpaqueName) {
      std::string_view dir = Parent(*name);
      if (dir.empty()) {
        opaque_root_ = true;
      } else {
        opaque_.emplace_back(dir);
      }
    } else if (base.substr(0, kMetaPrefix.size()) != kMetaPrefix) {
      std::string_view target = base.substr(kWhiteoutPrefix.size());
      if (target.empty() || target == "." || target == "..") {
        Error(*name, "invalid whiteout name");
      } else {
        whiteouts_.push_back(Join(Parent(*name), target));
      }
    }
    return;  // whiteouts and AUFS metadata never enter the index
  }
  if (name->find("/.wh..wh.") != std::string::npos || name->rfind(kMetaPrefix, 0) == 0) {
    return;  // inside an AUFS metadata directory (.wh..wh.plnk/…)
  }

  if (member.type == FileType::kHardlink) {
    auto target = NormalizeMemberName(member.link_target, limits_.max_path);
    if (!target) {
      Error(*name, "hard link rejected: target " + target.error().message);
      return;
    }
    if (target->empty()) {
      Error(*name, "hard link to the image root rejected");
      return;
    }
    member.link_target = std::move(*target);
  } else if (member.type == FileType::kSymlink) {
    if (member.link_target.size() > limits_.max_path) {
      Error(*name, "symlink target longer than " + std::to_string(limits_.max_path) + " bytes");
      return;
    }
    if (member.link_target.find('\0') != std::string::npos) {
      Error(*name, "symlink target contains a NUL byte");
      return;
    }
  } else {
    member.link_target.clear();
  }
  member.path = std::move(*name);
  member.layer = static_cast<int>(pending_.size());  // sequence number until EndLayer
  pending_.push_back(std::move(member));
}

void LayerMerger::EndLayer() {
  if (!in_layer_) return;
  in_layer_ = false;
  if (!skip_layer_ &&
      (!pending_.empty() || !whiteouts_.empty() || !opaque_.empty() || opaque_root_)) {
    ApplyLayer();
    ++layers_applied_;
  }
  pending_.clear();
  pending_.shrink_to_fit();
  whiteouts_.clear();
  opaque_.clear();
  opaque_root_ = false;
}

void LayerMerger::ApplyLayer() {
  auto shadow = [&](const FsEntry& e, int written, ShadowKind kind) {
    if (e.type != FileType::kFile) return;
    shadowed_.push_back(model::ShadowedFile{.path = e.path,
                                            .layer_written = written,
                                            .layer_removed = layer_,
                                            .kind = kind,
                                            .size = e.size,
                                            .mode = e.mode});
  };

  // 1. Sort this layer's members by (path, sequence); the last of each path wins.
  std::sort(pending_.begin(), pending_.end(), [](const FsEntry& a, const FsEntry& b) {
    int c = a.path.compare(b.path);
    return c != 0 ? c < 0 : a.layer < b.layer;
  });
  std::size_t kept = 0;
  for (std::size_t i = 0; i < pending_.size(); ++i) {
    if (i + 1 < pending_.size() && pending_[i + 1].path == pending_[i].path) {
      shadow(pending_[i], layer_, ShadowKind::kOverwrite);
      continue;
    }
    if (kept != i) pending_[kept] = std::move(pending_[i]);
    ++kept;
  }
  pending_.resize(kept);

  // 2. Within the layer, a non-directory written after members below its path replaces them
  //    (what extraction in archive order would leave). Walk the paths in component order ('/'
  //    before every other byte) so that each path's descendants follow it directly.
  {
    std::vector<std::uint32_t> order(pending_.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<std::uint32_t>(i);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      return ComponentLess(pending_[a].path, pending_[b].path);
    });
    struct Open {
      std::string_view path;
      int max_seq;  // largest sequence number among the open non-directories up to here
    };
    std::vector<Open> stack;
    std::vector<char> drop(pending_.size(), 0);
    for (std::uint32_t i : order) {
      const FsEntry& e = pending_[i];
      while (!stack.empty() && !IsUnder(e.path, stack.back().path)) stack.pop_back();
      if (!stack.empty() && stack.back().max_seq > e.layer) {
        drop[i] = 1;
        continue;
      }
      if (!e.IsDir()) {
        stack.push_back({e.path, std::max(e.layer, stack.empty() ? -1 : stack.back().max_seq)});
      }
    }
    kept = 0;
    for (std::size_t i = 0; i < pending_.size(); ++i) {
      if (drop[i]) {
        shadow(pending_[i], layer_, ShadowKind::kOverwrite);
        continue;
      }
      if (kept != i) pending_[kept] = std::move(pending_[i]);
      ++kept;
    }
    pending_.resize(kept);
  }

  // 3. What this layer deletes from the lower layers.
  std::sort(whiteouts_.begin(), whiteouts_.end());
  whiteouts_.erase(std::unique(whiteouts_.begin(), whiteouts_.end()), whiteouts_.end());
  std::sort(opaque_.begin(), opaque_.end());
  opaque_.erase(std::unique(opaque_.begin(), opaque_.end()), opaque_.end());
  auto build_kills = [&]() {
    std::vector<Kill> kills;
    auto subtree = [](std::string_view dir, ShadowKind kind) {
      Kill k{std::string(dir), std::string(dir), kind};
      k.lo += '/';
      k.hi += '0';
      return k;
    };
    for (const std::string& w : whiteouts_) {
      Kill exact{w, w, ShadowKind::kWhiteout};
      exact.hi += '\0';
      kills.push_back(std::move(exact));
      kills.push_back(subtree(w, ShadowKind::kWhiteout));
    }
    for (const std::string& d : opaque_) kills.push_back(subtree(d, ShadowKind::kOpaque));
    for (const FsEntry& e : pending_) {
      // A non-directory replaces a lower directory's subtree; only lower paths need a range.
      if (!e.IsDir() && HasDescendant(index_, e.path)) {
        kills.push_back(subtree(e.path, ShadowKind::kOverwrite));
      }
    }
    return KillSet<Kill>(std::move(kills), opaque_root_);
  };
  KillSet<Kill> killed = build_kills();

  // 4. Hard links, in archive order: the target must exist after this layer's deletions.
  {
    std::vector<std::size_t> links;
    for (std::size_t i = 0; i < pending_.size(); ++i) {
      if (pending_[i].type == FileType::kHardlink) links.push_back(i);
    }
    std::sort(links.begin(), links.end(),
              [&](std::size_t a, std::size_t b) { return pending_[a].layer < pending_[b].layer; });
    std::vector<char> dead(pending_.size(), 0);
    for (std::size_t i : links) {
      FsEntry& link = pending_[i];
      const FsEntry* target = nullptr;
      bool target_dead = false;
      if (link.link_target == link.path) {
        target_dead = true;
      } else if (const FsEntry* same = FindSorted(pending_, link.link_target)) {
        target = same;
        target_dead = dead[static_cast<std::size_t>(same - pending_.data())] != 0;
      } else if (const FsEntry* lower = FindSorted(index_, link.link_target)) {
        if (killed.Covering(lower->path) == nullptr) target = lower;
      }
      if (target == nullptr || target_dead) {
        Error(link.path,
              "dangling hard link to /" + link.link_target.substr(0, kErrorPathMax) + "; skipped");
        dead[i] = 1;
      } else if (target->IsDir()) {
        Error(link.path, "hard link to a directory; skipped");
        dead[i] = 1;
      } else {
        link.size = target->size;
      }
    }
    if (std::find(dead.begin(), dead.end(), 1) != dead.end()) {
      kept = 0;
      for (std::size_t i = 0; i < pending_.size(); ++i) {
        if (dead[i]) continue;
        if (kept != i) pending_[kept] = std::move(pending_[i]);
        ++kept;
      }
      pending_.resize(kept);
      killed = build_kills();  // a skipped link replaces nothing
    }
  }
  for (FsEntry& e : pending_) e.layer = layer_;

  // 5. Merge the layer into the index.
  if (index_.empty()) {
    index_ = std::move(pending_);
    pending_ = {};
    return;
  }
  // In place, to keep one copy of the index: first drop the lower entries this layer deletes or
  // replaces, then merge the layer's entries in from the back.
  std::size_t write = 0;
  std::size_t j = 0;
  for (std::size_t i = 0; i < index_.size(); ++i) {
    FsEntry& lower = index_[i];
    while (j < pending_.size() && pending_[j].path < lower.path) ++j;
    const bool replaced = j < pending_.size() && pending_[j].path == lower.path;
    const ShadowKind* kind = killed.Covering(lower.path);
    if (replaced || kind != nullptr) {
      shadow(lower, lower.layer, kind != nullptr ? *kind : ShadowKind::kOverwrite);
      continue;
    }
    if (write != i) index_[write] = std::move(lower);
    ++write;
  }
  index_.resize(write);
  const std::size_t total = write + pending_.size();
  if (index_.capacity() < total) index_.reserve(total + total / 8);
  index_.resize(total);
  std::size_t lower_end = write;
  std::size_t upper_end = pending_.size();
  std::size_t out = total;
  while (upper_end > 0) {
    if (lower_end > 0 && index_[lower_end - 1].path > pending_[upper_end - 1].path) {
      index_[--out] = std::move(index_[--lower_end]);
    } else {
      index_[--out] = std::move(pending_[--upper_end]);
    }
  }
}

MergeResult LayerMerger::Finish() {
  if (in_layer_) EndLayer();
  if (errors_dropped_ > 0) {
    model::ParseError more;
    more.message = std::to_string(errors_dropped_) + " further layer errors not shown";
    errors_.push_back(std::move(more));
  }
  MergeResult result;
  result.files.entries = std::move(index_);
  result.shadowed = std::move(shadowed_);
  result.errors = std::move(errors_);
  *this = LayerMerger(limits_);
  return result;
}

core::Result<std::string> ResolvePath(const model::FsIndex& index, std::string_view path,
                                      bool follow_final, int max_hops, std::size_t max_path) {
  if (path.size() > max_path) {
    return core::Fail(core::ErrorCode::kInput, "path longer than " + std::to_string(max_path));
  }
  // Components still to walk, next one at the back. Views point into `path` or into link
  // targets held by `index`, both outliving the call.
  std::vector<std::string_view> todo;
  auto push_all = [&todo](std::string_view text) {
    std::size_t end = text.size();
    while (true) {
      std::size_t slash = end == 0 ? std::string_view::npos : text.rfind('/', end - 1);
      std::size_t begin = slash == std::string_view::npos ? 0 : slash + 1;
      std::string_view part = text.substr(begin, end - begin);
      if (!part.empty() && part != ".") todo.push_back(part);
      if (slash == std::string_view::npos) break;
      end = slash;
    }
  };
  push_all(path);
  std::string current;
  int hops = 0;
  bool at_non_dir = false;  // `current` names a non-directory
  while (!todo.empty()) {
    std::string_view part = todo.back();
    todo.pop_back();
    if (at_non_dir) {
      return core::Fail(core::ErrorCode::kInput, "/" + current + " is not a directory");
    }
    if (part == "..") {
      std::size_t cut = current.rfind('/');
      current.resize(cut == std::string::npos ? 0 : cut);
      continue;
    }
    std::size_t old_size = current.size();
    if (!current.empty()) current += '/';
    current += part;
    if (current.size() > max_path) {
      return core::Fail(core::ErrorCode::kInput,
                        "resolved path longer than " + std::to_string(max_path));
    }
    const model::FsEntry* entry = index.Find(current);
    if (entry == nullptr || entry->IsDir()) continue;
    if (entry->IsSymlink() && (follow_final || !todo.empty())) {
      if (++hops > max_hops) {
        return core::Fail(core::ErrorCode::kInput,
                          "too many levels of symbolic links at /" + current);
      }
      if (entry->link_target.empty()) {
        return core::Fail(core::ErrorCode::kInput, "empty symlink target at /" + current);
      }
      current.resize(old_size);  // relative targets start in the link's directory
      if (entry->link_target.front() == '/') current.clear();
      push_all(entry->link_target);
      continue;
    }
    at_non_dir = true;
  }
  return current;
}

}  // namespace drydock::sources::image
