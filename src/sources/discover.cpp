// SPDX-License-Identifier: Apache-2.0
#include "sources/discover.h"

#include "core/glob.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <system_error>

namespace drydock::sources {
namespace fs = std::filesystem;

namespace {

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

}  // namespace


bool IsDockerfileName(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (EndsWith(lower, ".dockerignore") || EndsWith(lower, ".md")) return false;
  for (std::string_view stem : {"dockerfile", "containerfile"}) {
    if (StartsWith(lower, stem) || EndsWith(lower, stem)) return true;
  }
  return false;
}

core::Result<std::vector<DiscoveredFile>> Discover(const std::string& root,
                                                   const DiscoverOptions& options,
                                                   core::Diagnostics& diagnostics) {
  std::error_code ec;
  fs::file_status st = fs::status(root, ec);
  if (ec || !fs::exists(st)) {
    return core::Fail(core::ErrorCode::kInput, "no such file or directory",
                      core::FileOrigin(root));
  }
  std::vector<DiscoveredFile> out;
  if (!fs::is_directory(st)) {
    out.push_back({root, root, InputKind::kDockerfile});
    return out;
  }

  const fs::path canonical_root = fs::weakly_canonical(root, ec);
  std::string display_root = root;
  while (display_root.size() > 1 && display_root.back() == '/') display_root.pop_back();
  if (display_root == ".") display_root.clear();

  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    return core::Fail(core::ErrorCode::kInput, "cannot read directory: " + ec.message(),
                      core::FileOrigin(root));
  }
  std::size_t seen = 0;
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) {
      diagnostics.push_back({core::DiagnosticLevel::kWarning, core::FileOrigin(root),
                             "stopped walking: " + ec.message()});
      break;
    }
    if (++seen > options.max_files) {
      diagnostics.push_back({core::DiagnosticLevel::kWarning, core::FileOrigin(root),
                             "more than " + std::to_string(options.max_files) +
                                 " entries; the rest of the tree was not scanned"});
      break;
    }
    const fs::directory_entry& entry = *it;
    const std::string rel = entry.path().lexically_relative(root).generic_string();
    const std::string base = entry.path().filename().string();
    std::error_code sec;
    const bool is_link = entry.is_symlink(sec);
    if (!is_link && entry.is_directory(sec)) {
      bool skip = base == ".git";
      for (const auto& glob : options.skip_dirs) {
        std::string g = glob;
        while (g.size() > 1 && g.back() == '/') g.pop_back();
        if (StartsWith(g, "./")) g = g.substr(2);
        if (core::MatchGlob(g, rel) || core::MatchGlob(g, base) ||
            (!display_root.empty() && core::MatchGlob(g, display_root + "/" + rel))) {
          skip = true;
        }
      }
      if (skip) it.disable_recursion_pending();
      continue;
    }
    if (!IsDockerfileName(base)) continue;
    if (is_link) {
      // A symlink is audited only when it resolves to a regular file inside the tree.
      fs::path target = fs::weakly_canonical(entry.path(), sec);
      auto [r, t] = std::mismatch(canonical_root.begin(), canonical_root.end(), target.begin(),
                                  target.end());
      if (sec || r != canonical_root.end() || !fs::is_regular_file(target, sec)) {
        diagnostics.push_back({core::DiagnosticLevel::kNote, core::FileOrigin(rel),
                               "symlink leads outside the scanned tree; not followed"});
        continue;
      }
    } else if (!entry.is_regular_file(sec)) {
      continue;
    }
    std::string shown = display_root.empty() ? rel : display_root + "/" + rel;
    out.push_back({shown, entry.path().string(), InputKind::kDockerfile});
  }
  std::sort(out.begin(), out.end(),
            [](const DiscoveredFile& a, const DiscoveredFile& b) { return a.path < b.path; });
  return out;
}

}  // namespace drydock::sources
