// SPDX-License-Identifier: Apache-2.0
#include "sources/dockerfile/context.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <system_error>
#include <utility>

#include "core/strings.h"
#include "secrets/credential_files.h"
#include "sources/dockerfile/expand.h"
#include "sources/dockerfile/parser.h"

namespace drydock::sources::dockerfile {
namespace {

using core::EndsWith;

std::vector<std::string_view> SplitPath(std::string_view p) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i <= p.size()) {
    std::size_t j = p.find('/', i);
    if (j == std::string_view::npos) j = p.size();
    std::string_view seg = p.substr(i, j - i);
    if (!seg.empty() && seg != ".") {
      if (seg == "..") {
        if (!out.empty()) out.pop_back();
      } else {
        out.push_back(seg);
      }
    }
    i = j + 1;
  }
  return out;
}

bool SegmentMatch(std::string_view pattern, std::string_view seg) {
  // `**` inside a segment behaves like `*` within that segment.
  std::string p(pattern);
  for (std::size_t k; (k = p.find("**")) != std::string::npos;) p.erase(k, 1);
  return GlobMatch(p, seg);
}

}  // namespace

DockerIgnore DockerIgnore::Parse(std::string_view text) {
  DockerIgnore ig;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
      line.remove_suffix(1);
    }
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (line.empty() || line.front() == '#') continue;
    Pattern p;
    if (line.front() == '!') {
      p.negate = true;
      line.remove_prefix(1);
      while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    }
    for (std::string_view seg : SplitPath(line)) p.segments.emplace_back(seg);
    if (p.segments.empty()) continue;  // "/" or "." (matches the whole context; ignored)
    ig.patterns_.push_back(std::move(p));
  }
  return ig;
}

// True when the pattern matches `path` or one of its parent directories.
bool DockerIgnore::Matches(const Pattern& p, const std::vector<std::string_view>& path) {
  const std::size_t n = path.size();
  // reach[j]: pattern prefix matched exactly path[0..j).
  std::vector<char> reach(n + 1, 0), next(n + 1, 0);
  reach[0] = 1;
  for (const std::string& seg : p.segments) {
    std::fill(next.begin(), next.end(), 0);
    if (seg == "**") {
      bool on = false;
      for (std::size_t j = 0; j <= n; ++j) {
        on = on || reach[j];
        next[j] = on;
      }
    } else {
      for (std::size_t j = 0; j < n; ++j) {
        if (reach[j] && SegmentMatch(seg, path[j])) next[j + 1] = 1;
      }
    }
    std::swap(reach, next);
  }
  for (std::size_t j = 1; j <= n; ++j) {
    if (reach[j]) return true;
  }
  return false;
}

bool DockerIgnore::Excluded(std::string_view path) const {
  std::vector<std::string_view> segs = SplitPath(path);
  bool excluded = false;
  for (const Pattern& p : patterns_) {
    if (p.negate == excluded && Matches(p, segs)) excluded = !p.negate;
  }
  return excluded;
}

bool IsSensitiveContextFile(std::string_view rel) {
  return secrets::ClassifyCredentialFile(rel).has_value();
}

std::vector<std::string> FindSensitiveFiles(const std::filesystem::path& dir,
                                            const DockerIgnore& ignore, const WalkLimits& limits) {
  namespace fs = std::filesystem;
  std::vector<std::string> found;
  std::size_t entries = 0;
  // Explicit stack of (directory, relative prefix, depth): no recursion.
  std::vector<std::tuple<fs::path, std::string, int>> stack;
  stack.emplace_back(dir, std::string(), 0);
  while (!stack.empty() && entries < limits.max_entries) {
    auto [path, prefix, depth] = std::move(stack.back());
    stack.pop_back();
    std::error_code ec;
    fs::directory_iterator it(path, fs::directory_options::skip_permission_denied, ec);
    if (ec) continue;
    for (fs::directory_iterator end; it != end && entries < limits.max_entries; it.increment(ec)) {
      if (ec) break;
      ++entries;
      const fs::directory_entry& e = *it;
      std::string name = e.path().filename().string();
      std::string rel = prefix.empty() ? name : core::Concat({prefix, "/", name});
      std::error_code sec;
      fs::file_status st = e.symlink_status(sec);
      if (sec) continue;
      if (fs::is_directory(st)) {
        if (depth + 1 < limits.max_depth) stack.emplace_back(e.path(), rel, depth + 1);
      } else if (fs::is_regular_file(st)) {
        if (IsSensitiveContextFile(rel) && !ignore.Excluded(rel)) found.push_back(std::move(rel));
      }
    }
  }
  std::sort(found.begin(), found.end());
  return found;
}

core::Result<model::BuildSpec> ParseFile(const std::string& path, const ParseOptions& options,
                                         bool inspect_context, std::size_t max_file_bytes) {
  core::Origin where;
  where.file = path;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    return core::Fail(core::ErrorCode::kInput, "cannot read " + path + ": " + std::strerror(errno),
                      where);
  }
  std::string text;
  char buf[1 << 16];
  bool too_big = false, failed = false;
  while (true) {
    std::size_t got = std::fread(buf, 1, sizeof buf, f);
    if (got > 0) {
      if (text.size() + got > max_file_bytes) {
        too_big = true;
        break;
      }
      text.append(buf, got);
    }
    if (got < sizeof buf) {
      failed = std::ferror(f) != 0;
      break;
    }
  }
  std::fclose(f);
  if (too_big) {
    return core::Fail(
        core::ErrorCode::kInput,
        "cannot read " + path + ": larger than " + std::to_string(max_file_bytes) + " bytes",
        where);
  }
  if (failed) return core::Fail(core::ErrorCode::kInput, "cannot read " + path, where);
  model::BuildSpec spec = Parse(text, options);
  if (inspect_context) {
    std::filesystem::path dir = std::filesystem::path(path).parent_path();
    if (dir.empty()) dir = ".";
    DockerIgnore ignore;
    if (std::FILE* ig = std::fopen((dir / ".dockerignore").string().c_str(), "rb")) {
      std::string igtext;
      std::size_t got;
      while ((got = std::fread(buf, 1, sizeof buf, ig)) > 0 && igtext.size() < (1u << 20)) {
        igtext.append(buf, got);
      }
      std::fclose(ig);
      ignore = DockerIgnore::Parse(igtext);
    }
    spec.context_secret_files = FindSensitiveFiles(dir, ignore);
    spec.has_context = true;
  }
  return spec;
}

}  // namespace drydock::sources::dockerfile
