// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for the layer merger (sources/image/merge.h). The bytes decode into a sequence
// of operations: start a layer, or add a member (file, dir, symlink, hard link, device, whiteout,
// opaque whiteout) whose name and link target are built from a small vocabulary ("a", "a.b",
// "..", ".", "", ".wh.a", …) so that collisions, escapes and whiteouts are frequent, or taken raw
// from the input. The merger's result is checked against a brute-force reference model
// (std::map, every rule applied literally) and for its invariants (sorted unique normalised
// index, no whiteout names, shadowed layers in order); then ResolvePath runs on every entry and
// must return or fail without hanging. Any mismatch aborts.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sources/image/merge.h"

namespace {

using drydock::model::FileType;
using drydock::model::FsEntry;
namespace image = drydock::sources::image;

class Bytes {
 public:
  Bytes(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  bool empty() const { return pos_ >= size_; }
  std::uint8_t Next() { return pos_ < size_ ? data_[pos_++] : 0; }
  std::string Raw(std::size_t max) {
    std::string out;
    while (!empty() && out.size() < max) {
      char c = static_cast<char>(Next());
      if (c == '\n') break;
      out += c;
    }
    return out;
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t pos_ = 0;
};

constexpr std::string_view kWords[] = {"a", "b", "a.b", "..", ".", "", ".wh.a", "etc"};

std::string Name(Bytes& in) {
  std::uint8_t head = in.Next();
  if ((head & 0xC0) == 0xC0) return in.Raw(300);
  std::string out;
  if (head & 0x20) out += '/';
  if (head & 0x10) out += "./";
  int parts = 1 + (head & 0x3);
  std::uint8_t words = in.Next();
  std::uint8_t more = in.Next();
  std::uint32_t bits = words | (static_cast<std::uint32_t>(more) << 8);
  for (int i = 0; i < parts; ++i) {
    if (i > 0) out += '/';
    out += kWords[(bits >> (3 * i)) & 7];
  }
  if (head & 0x08) out += '/';
  return out;
}

// Reference model ---------------------------------------------------------------------------

struct Ref {
  struct Member {
    std::string path;
    FsEntry entry;
    int seq;
  };
  std::map<std::string, FsEntry> index;
  std::size_t shadowed = 0;
  int layer = -1;
  std::vector<Member> members;
  std::vector<std::string> whiteouts;
  std::vector<std::string> opaque;
  bool opaque_root = false;

  static bool Under(const std::string& p, const std::string& d) {
    return p.size() > d.size() && p[d.size()] == '/' && p.compare(0, d.size(), d) == 0;
  }

  void Add(FsEntry e) {
    auto name = image::NormalizeMemberName(e.path);
    if (!name || name->empty()) return;
    std::string base =
        name->substr(name->rfind('/') == std::string::npos ? 0 : name->rfind('/') + 1);
    std::string parent =
        base.size() == name->size() ? "" : name->substr(0, name->size() - base.size() - 1);
    if (base.rfind(".wh.", 0) == 0) {
      if (base == ".wh..wh..opq") {
        if (parent.empty()) {
          opaque_root = true;
        } else {
          opaque.push_back(parent);
        }
      } else if (base.rfind(".wh..wh.", 0) != 0) {
        std::string t = base.substr(4);
        if (t.empty() || t == "." || t == "..") return;
        whiteouts.push_back(parent.empty() ? t : parent + "/" + t);
      }
      return;
    }
    if (name->find("/.wh..wh.") != std::string::npos || name->rfind(".wh..wh.", 0) == 0) return;
    if (e.type == FileType::kHardlink) {
      auto t = image::NormalizeMemberName(e.link_target);
      if (!t || t->empty()) return;
      e.link_target = *t;
    } else if (e.type == FileType::kSymlink) {
      if (e.link_target.find('\0') != std::string::npos) return;
    } else {
      e.link_target.clear();
    }
    e.path = *name;
    e.layer = layer;
    members.push_back({*name, e, static_cast<int>(members.size())});
  }

  void End() {
    // Dedup: last wins.
    std::map<std::string, Member> upper;
    for (const Member& m : members) {
      auto [it, inserted] = upper.try_emplace(m.path, m);
      if (!inserted) {
        if (it->second.entry.type == FileType::kFile) ++shadowed;
        it->second = m;
      }
    }
    // Same-layer non-directories written later replace what lies below them.
    std::set<std::string> dropped;
    for (const auto& [path, m] : upper) {
      for (const auto& [upath, u] : upper) {
        if (u.entry.type != FileType::kDir && Under(path, upath) && u.seq > m.seq) {
          // u itself is dropped only by a later ancestor, which then drops this path too.
          dropped.insert(path);
        }
      }
    }
    for (const std::string& p : dropped) {
      if (upper[p].entry.type == FileType::kFile) ++shadowed;
      upper.erase(p);
    }
    auto killed = [&](const std::string& p) {
      if (opaque_root) return true;
      for (const std::string& w : whiteouts) {
        if (p == w || Under(p, w)) return true;
      }
      for (const std::string& d : opaque) {
        if (Under(p, d)) return true;
      }
      for (const auto& [upath, u] : upper) {
        if (u.entry.type != FileType::kDir && Under(p, upath)) {
          // (the merger adds this range only when a lower path lies below upath: p does)
          return true;
        }
      }
      return false;
    };
    // Hard links in archive order.
    std::vector<Member*> links;
    for (auto& [path, m] : upper) {
      if (m.entry.type == FileType::kHardlink) links.push_back(&m);
    }
    std::sort(links.begin(), links.end(), [](Member* a, Member* b) { return a->seq < b->seq; });
    std::set<std::string> dead;
    for (Member* l : links) {
      const FsEntry* target = nullptr;
      bool target_dead = false;
      const std::string& t = l->entry.link_target;
      if (t == l->path) {
        target_dead = true;
      } else if (auto it = upper.find(t); it != upper.end()) {
        target = &it->second.entry;
        target_dead = dead.count(t) > 0;
      } else if (auto low = index.find(t); low != index.end() && !killed(t)) {
        target = &low->second;
      }
      if (target == nullptr || target_dead || target->type == FileType::kDir) {
        dead.insert(l->path);
      } else {
        l->entry.size = target->size;
      }
    }
    for (const std::string& p : dead) upper.erase(p);
    for (auto it = index.begin(); it != index.end();) {
      if (killed(it->first) || upper.count(it->first) > 0) {
        if (it->second.type == FileType::kFile) ++shadowed;
        it = index.erase(it);
      } else {
        ++it;
      }
    }
    for (auto& [path, m] : upper) index[path] = m.entry;
    members.clear();
    whiteouts.clear();
    opaque.clear();
    opaque_root = false;
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 4096) return 0;
  Bytes in(data, size);
  static const bool trace = std::getenv("MERGE_FUZZ_TRACE") != nullptr;  // print the operations
  image::MergeLimits limits;
  limits.max_errors = 1u << 20;  // keep every error and layer (bounded by the input size)
  limits.max_layers = 1 << 20;
  image::LayerMerger merger(limits);
  Ref ref;
  int layer = 0;
  merger.BeginLayer(layer, "sha256:0");
  ref.layer = 0;
  while (!in.empty()) {
    std::uint8_t op = in.Next();
    if ((op & 0x7) == 0) {
      merger.EndLayer();
      ref.End();
      ++layer;
      merger.BeginLayer(layer, "sha256:" + std::to_string(layer));
      ref.layer = layer;
      continue;
    }
    FsEntry e;
    e.path = Name(in);
    e.size = op >> 3;
    e.mode = 0644;
    switch (op & 0x7) {
      case 1:
        e.type = FileType::kFile;
        break;
      case 2:
        e.type = FileType::kDir;
        break;
      case 3:
        e.type = FileType::kSymlink;
        e.link_target = Name(in);
        break;
      case 4:
        e.type = FileType::kHardlink;
        e.link_target = Name(in);
        break;
      case 5:
        e.type = FileType::kFile;
        e.path += "/.wh.b";
        break;
      case 6:
        e.type = FileType::kFile;
        e.path += "/.wh..wh..opq";
        break;
      default:
        e.type = (op & 0x8) ? FileType::kFifo : FileType::kChar;
        break;
    }
    if (trace) {
      std::fprintf(stderr, "L%d %s %s -> %s size=%lld\n", layer,
                   drydock::model::FileTypeName(e.type), e.path.c_str(), e.link_target.c_str(),
                   static_cast<long long>(e.size));
    }
    ref.Add(e);
    merger.Add(std::move(e));
  }
  ref.End();
  image::MergeResult result = merger.Finish();

  // Same filesystem and the same number of shadowed files as the reference.
  if (result.files.size() != ref.index.size()) {
    for (const FsEntry& e : result.files.entries)
      std::fprintf(stderr, "merger: %s\n", e.path.c_str());
    for (const auto& [p, e] : ref.index) std::fprintf(stderr, "ref:    %s\n", p.c_str());
    std::abort();
  }
  auto it = ref.index.begin();
  for (const FsEntry& e : result.files.entries) {
    const FsEntry& r = it->second;
    if (e.path != it->first || e.type != r.type || e.layer != r.layer || e.size != r.size ||
        e.link_target != r.link_target) {
      std::abort();
    }
    ++it;
    auto norm = image::NormalizeMemberName(e.path);
    if (!norm || *norm != e.path || e.path.empty()) std::abort();
    if (e.path.find(".wh.") == 0 || e.path.find("/.wh.") != std::string::npos) {
      // ".wh.a" may remain as a directory component, never as the final name.
      std::string_view base(e.path);
      base = base.substr(base.rfind('/') == std::string_view::npos ? 0 : base.rfind('/') + 1);
      if (base.rfind(".wh.", 0) == 0) std::abort();
    }
  }
  if (result.shadowed.size() != ref.shadowed) std::abort();
  for (const auto& s : result.shadowed) {
    if (s.layer_written > s.layer_removed || s.path.empty()) std::abort();
  }
  for (const auto& err : result.errors) {
    if (err.message.empty()) std::abort();
  }
  for (const FsEntry& e : result.files.entries) {
    auto resolved = image::ResolvePath(result.files, e.path);
    if (resolved) {
      auto norm = image::NormalizeMemberName(*resolved);
      if (!norm || *norm != *resolved) std::abort();
    } else if (resolved.error().message.empty()) {
      std::abort();
    }
    if (e.IsSymlink()) (void)image::ResolvePath(result.files, e.link_target);
  }
  return 0;
}
