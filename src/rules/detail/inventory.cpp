// SPDX-License-Identifier: Apache-2.0
#include "rules/detail/inventory.h"

#include <algorithm>
#include <deque>
#include <span>

#include "core/strings.h"
#include "rules/detail/build_util.h"

namespace drydock::rules::detail {
namespace {

// Basenames per kind. Each table is the one place its category is defined.
constexpr std::string_view kShells[] = {"sh",  "bash", "ash",  "dash",
                                        "zsh", "ksh",  "mksh", "busybox"};
constexpr std::string_view kPackageManagers[] = {"apt",  "apt-get", "dpkg",     "apk",    "yum",
                                                 "dnf",  "rpm",     "microdnf", "zypper", "pip",
                                                 "pip3", "npm",     "yarn",     "gem"};
constexpr std::string_view kAttackTools[] = {"curl", "wget", "nc",      "netcat", "ncat", "telnet",
                                             "ssh",  "scp",  "tcpdump", "nmap",   "gdb",  "strace",
                                             "vim",  "vi",   "nano",    "sudo",   "socat"};
constexpr std::string_view kToolchains[] = {"gcc",  "g++",    "cc", "c++",   "clang", "clang++",
                                            "make", "cmake",  "go", "javac", "rustc", "cargo",
                                            "mvn",  "gradle", "ld", "as"};

struct Category {
  ToolKind kind;
  std::span<const std::string_view> names;
};

constexpr Category kCategories[] = {
    {ToolKind::kShell, kShells},
    {ToolKind::kPackageManager, kPackageManagers},
    {ToolKind::kAttackTool, kAttackTools},
    {ToolKind::kToolchain, kToolchains},
};

// Directories whose direct children are looked at, in discovery order.
constexpr std::string_view kBinDirs[] = {"bin",      "sbin",          "usr/bin",
                                         "usr/sbin", "usr/local/bin", "usr/local/sbin"};

// Toolchains installed outside the bin directories by the official language images.
struct ExtraPath {
  ToolKind kind;
  std::string_view path;
  std::string_view name;
};
constexpr ExtraPath kExtraPaths[] = {
    {ToolKind::kToolchain, "usr/local/go/bin/go", "go"},
    {ToolKind::kToolchain, "usr/local/cargo/bin/cargo", "cargo"},
    {ToolKind::kToolchain, "usr/local/cargo/bin/rustc", "rustc"},
    {ToolKind::kToolchain, "opt/java/openjdk/bin/javac", "javac"},
    {ToolKind::kToolchain, "usr/share/maven/bin/mvn", "mvn"},
};

std::string_view Basename(std::string_view path) {
  auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// True when `base` is `name`, or `name` followed by a version: "-12", "3.11", ".8".
bool NameMatches(std::string_view base, std::string_view name) {
  if (!StartsWith(base, name)) return false;
  std::string_view rest = base.substr(name.size());
  if (rest.empty()) return true;
  if (rest.front() == '-') rest.remove_prefix(1);
  if (rest.empty() || rest.front() < '0' || rest.front() > '9') return false;
  for (char c : rest) {
    if ((c < '0' || c > '9') && c != '.') return false;
  }
  return true;
}

std::string_view MatchName(std::span<const std::string_view> names, std::string_view base) {
  for (std::string_view n : names) {
    if (NameMatches(base, n)) return n;
  }
  return {};
}

void Add(std::vector<NotableFile>& out, std::string_view name, const model::FsEntry* e) {
  for (const auto& t : out) {
    if (t.name == name) return;
  }
  out.push_back({std::string(name), e});
}

}  // namespace

const model::FsEntry* Resolve(const model::FsIndex& files, std::string_view path) {
  std::deque<std::string> todo;
  auto push_front_components = [&todo](std::string_view p) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= p.size()) {
      auto slash = p.find('/', start);
      if (slash == std::string_view::npos) slash = p.size();
      if (slash > start) parts.emplace_back(p.substr(start, slash - start));
      start = slash + 1;
    }
    todo.insert(todo.begin(), parts.begin(), parts.end());
  };
  push_front_components(path);
  std::string done;
  int hops = 0;
  while (!todo.empty()) {
    std::string c = std::move(todo.front());
    todo.pop_front();
    if (c == ".") continue;
    if (c == "..") {
      auto slash = done.rfind('/');
      done.erase(slash == std::string::npos ? 0 : slash);
      continue;
    }
    std::string candidate = done.empty() ? c : core::Concat({done, "/", c});
    const model::FsEntry* e = files.Find(candidate);
    if (e != nullptr && e->IsSymlink()) {
      if (++hops > 40 || todo.size() > 4096) return nullptr;
      if (StartsWith(e->link_target, "/")) done.clear();
      push_front_components(e->link_target);
      continue;
    }
    done = std::move(candidate);
  }
  const model::FsEntry* e = files.Find(done);
  if (e != nullptr && e->type == model::FileType::kHardlink) {
    const model::FsEntry* target = files.Find(e->link_target);
    if (target != nullptr && !target->IsSymlink()) return target;
  }
  return e;
}

std::vector<NotableFile> FindTools(const model::FsIndex& files, ToolKind kind) {
  std::span<const std::string_view> names;
  for (const auto& c : kCategories) {
    if (c.kind == kind) names = c.names;
  }
  // What the busybox binaries resolve to: in `docker save` archives the applets are often hard
  // links to whichever applet came first in the tar ("bin/["), busybox included.
  std::vector<const model::FsEntry*> busybox;
  for (std::string_view dir : kBinDirs) {
    if (const auto* b = Resolve(files, std::string(dir) + "/busybox"); b != nullptr) {
      busybox.push_back(b);
    }
  }
  auto is_busybox = [&busybox](const model::FsEntry* target) {
    return NameMatches(Basename(target->path), "busybox") ||
           std::find(busybox.begin(), busybox.end(), target) != busybox.end();
  };
  std::vector<NotableFile> out;
  for (std::string_view dir : kBinDirs) {
    const std::string prefix = std::string(dir) + "/";
    for (const auto& e : files.Subtree(dir)) {
      std::string_view rest = std::string_view(e.path).substr(prefix.size());
      if (rest.find('/') != std::string_view::npos || e.IsDir()) continue;
      std::string_view name = MatchName(names, rest);
      const bool is_link = e.IsSymlink() || e.type == model::FileType::kHardlink;
      if (name.empty() && !(is_link && kind == ToolKind::kShell)) continue;
      const model::FsEntry* target = is_link ? Resolve(files, e.path) : &e;
      if (target == nullptr || target->IsDir()) continue;  // dangling link: not usable
      if (is_busybox(target)) {
        // A busybox applet (or busybox itself): one "busybox" row, and only as a shell, shown
        // at the shell's own path (`sh`, `ash`, else `busybox`) rather than whichever applet
        // came first (`/bin/arch`, `/bin/[[`).
        if (kind != ToolKind::kShell) continue;
        Add(out, "busybox", &e);
        auto row = std::find_if(out.begin(), out.end(),
                                [](const NotableFile& t) { return t.name == "busybox"; });
        const auto rank = [](std::string_view base) {
          return base == "sh" ? 0 : base == "ash" ? 1 : base == "busybox" ? 2 : 3;
        };
        if (rank(Basename(e.path)) < rank(Basename(row->entry->path))) row->entry = &e;
        continue;
      }
      if (!name.empty()) Add(out, name, &e);
    }
  }
  for (const auto& x : kExtraPaths) {
    if (x.kind != kind) continue;
    if (const model::FsEntry* e = files.Find(x.path); e != nullptr && !e->IsDir()) {
      Add(out, x.name, e);
    }
  }
  return out;
}

std::string ToolNames(const std::vector<NotableFile>& tools, std::size_t limit) {
  std::vector<std::string> names;
  names.reserve(tools.size());
  for (const auto& t : tools) names.push_back(t.name);
  return QuoteList(names, limit);
}

core::Origin ConfigOrigin(const model::ImageSpec& spec, std::string context) {
  core::Origin o;
  o.file = spec.reference;
  o.path = std::move(context);
  return o;
}

void ReportFiles(const model::ImageSpec& spec, const std::vector<const model::FsEntry*>& entries,
                 const std::function<std::string(const model::FsEntry&)>& describe,
                 std::string_view summary, core::Reporter& r) {
  if (entries.empty()) return;
  if (entries.size() <= kMaxFileFindings) {
    for (const auto* e : entries) r.Report(spec.OriginOf(*e), describe(*e));
    return;
  }
  std::vector<std::string> paths;
  for (std::size_t i = 0; i < kMaxFileFindings; ++i) paths.push_back("/" + entries[i]->path);
  r.Report(spec.OriginOf(*entries.front()), std::string(summary) + " (" +
                                                std::to_string(entries.size()) +
                                                "): " + QuoteList(paths, kMaxFileFindings));
}

}  // namespace drydock::rules::detail
