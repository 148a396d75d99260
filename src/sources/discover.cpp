// SPDX-License-Identifier: Apache-2.0
#include "sources/discover.h"

#include "core/glob.h"
#include "core/strings.h"
#include "sources/image/reader.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace drydock::sources {
namespace fs = std::filesystem;

namespace {

using core::EndsWith;
using core::Lower;
using core::StartsWith;

constexpr std::size_t kSniffBytes = std::size_t{64} * 1024;

struct KindRow {
  InputKind kind;
  std::string_view name;
  std::string_view alias;
  std::string_view report_name;
};

constexpr KindRow kKinds[] = {
    {InputKind::kDockerfile, "dockerfile", "containerfile", "dockerfile"},
    {InputKind::kKubernetes, "kubernetes", "k8s", "kubernetes"},
    {InputKind::kCompose, "compose", "docker-compose", "compose"},
    {InputKind::kShellScript, "docker-run", "script", "docker-run"},
    {InputKind::kMakefile, "makefile", "make", "docker-run"},
    {InputKind::kCiYaml, "ci", "ci-yaml", "docker-run"},
    {InputKind::kImage, "image", "oci", "image"},
};

// Lines of `text` that start at column 0 with `key` followed by ':' (a top-level YAML key).
bool HasTopLevelKey(std::string_view text, std::string_view key) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    if (StartsWith(line, key) && line.size() > key.size() && line[key.size()] == ':') return true;
    pos = end + 1;
  }
  return false;
}

bool MentionsContainerRun(std::string_view text) {
  return text.find("docker") != std::string_view::npos ||
         text.find("podman") != std::string_view::npos;
}

bool IsCiPath(std::string_view rel, std::string_view base) {
  return rel.find(".github/workflows/") != std::string_view::npos || base == ".gitlab-ci.yml" ||
         base == ".gitlab-ci.yaml" || base == ".drone.yml" || base == ".woodpecker.yml" ||
         rel.find(".woodpecker/") != std::string_view::npos || base == "bitbucket-pipelines.yml" ||
         base == "azure-pipelines.yml" || base == ".travis.yml" ||
         rel.find(".circleci/") != std::string_view::npos;
}

}  // namespace

const char* InputKindName(InputKind kind) {
  for (const auto& row : kKinds) {
    if (row.kind == kind) return row.report_name.data();
  }
  return "unknown";
}

std::optional<InputKind> ParseInputKind(std::string_view name) {
  const std::string lower = Lower(name);
  for (const auto& row : kKinds) {
    if (lower == row.name || lower == row.alias) return row.kind;
  }
  return std::nullopt;
}

std::optional<InputKind> Classify(std::string_view rel_path, std::string_view prefix) {
  std::string_view base = rel_path;
  if (auto slash = base.rfind('/'); slash != std::string_view::npos) base = base.substr(slash + 1);
  const std::string lower = Lower(base);
  if (IsDockerfileName(base)) return InputKind::kDockerfile;
  const bool yaml = EndsWith(lower, ".yaml") || EndsWith(lower, ".yml");
  if (yaml) {
    if (IsCiPath(rel_path, lower)) {
      if (MentionsContainerRun(prefix)) return InputKind::kCiYaml;
      return std::nullopt;
    }
    // Helm chart templates are Go templates, not YAML, until rendered.
    if (prefix.find("{{") != std::string_view::npos) return std::nullopt;
    if (HasTopLevelKey(prefix, "apiVersion") && HasTopLevelKey(prefix, "kind")) {
      return InputKind::kKubernetes;
    }
    if (HasTopLevelKey(prefix, "services")) return InputKind::kCompose;
    if (StartsWith(lower, "docker-compose") || StartsWith(lower, "compose.")) {
      return InputKind::kCompose;
    }
    return std::nullopt;
  }
  if (EndsWith(lower, ".json")) {
    // A Kubernetes object written as JSON (kubectl accepts it; YAML's flow syntax reads it).
    std::size_t first = prefix.find_first_not_of(" \t\r\n");
    if (first != std::string_view::npos && prefix[first] == '{' &&
        prefix.find("\"apiVersion\"") != std::string_view::npos &&
        prefix.find("\"kind\"") != std::string_view::npos) {
      return InputKind::kKubernetes;
    }
    return std::nullopt;
  }
  if (lower == "makefile" || lower == "gnumakefile" || EndsWith(lower, ".mk")) {
    if (MentionsContainerRun(prefix)) return InputKind::kMakefile;
    return std::nullopt;
  }
  const bool shebang = StartsWith(prefix, "#!") &&
                       prefix.substr(0, prefix.find('\n')).find("sh") != std::string_view::npos;
  if (EndsWith(lower, ".sh") || EndsWith(lower, ".bash") || shebang) {
    if (MentionsContainerRun(prefix)) return InputKind::kShellScript;
  }
  return std::nullopt;
}

namespace {

// The first kSniffBytes of a file ("" when unreadable: the adapter reports read errors).
std::string ReadPrefix(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string buf(kSniffBytes, '\0');
  in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
  buf.resize(static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
  return buf;
}

// Only names that can be inputs are read for sniffing.
bool MayBeImageArchive(std::string_view base) {
  const std::string lower = Lower(base);
  return EndsWith(lower, ".tar") || EndsWith(lower, ".tar.gz") || EndsWith(lower, ".tgz") ||
         EndsWith(lower, ".tar.zst") || EndsWith(lower, ".tar.zstd");
}

bool MayBeInput(std::string_view base) {
  const std::string lower = Lower(base);
  return IsDockerfileName(base) || EndsWith(lower, ".yaml") || EndsWith(lower, ".yml") ||
         EndsWith(lower, ".json") || EndsWith(lower, ".sh") || EndsWith(lower, ".bash") ||
         lower == "makefile" || lower == "gnumakefile" || EndsWith(lower, ".mk") ||
         lower.find('.') == std::string::npos;
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
    return core::Fail(core::ErrorCode::kInput, "no such file or directory", core::FileOrigin(root));
  }
  std::vector<DiscoveredFile> out;
  if (image::SniffImage(root) != image::ImageFormat::kNone) {
    out.push_back({root, root, InputKind::kImage});
    return out;
  }
  if (!fs::is_directory(st)) {
    auto kind = Classify(fs::path(root).filename().string(), ReadPrefix(root));
    out.push_back({root, root, kind.value_or(InputKind::kDockerfile)});
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
    const std::string shown = display_root.empty() ? rel : core::Concat({display_root, "/", rel});
    if (!is_link && entry.is_directory(sec)) {
      if (image::SniffImage(entry.path()) == image::ImageFormat::kOciLayout) {
        out.push_back({shown, entry.path().string(), InputKind::kImage});
        it.disable_recursion_pending();
        continue;
      }
      bool skip = base == ".git";
      for (const auto& glob : options.skip_dirs) {
        std::string g = glob;
        while (g.size() > 1 && g.back() == '/') g.pop_back();
        if (StartsWith(g, "./")) g = g.substr(2);
        if (core::MatchGlob(g, rel) || core::MatchGlob(g, base) ||
            (!display_root.empty() && core::MatchGlob(g, core::Concat({display_root, "/", rel})))) {
          skip = true;
        }
      }
      if (skip) it.disable_recursion_pending();
      continue;
    }
    if (!is_link && MayBeImageArchive(base) && entry.is_regular_file(sec)) {
      if (image::SniffImage(entry.path()) != image::ImageFormat::kNone) {
        out.push_back({shown, entry.path().string(), InputKind::kImage});
      }
      continue;
    }
    if (!MayBeInput(base)) continue;
    if (is_link) {
      // A symlink is audited only when it resolves to a regular file inside the tree.
      fs::path target = fs::weakly_canonical(entry.path(), sec);
      auto [r, t] =
          std::mismatch(canonical_root.begin(), canonical_root.end(), target.begin(), target.end());
      if (sec || r != canonical_root.end() || !fs::is_regular_file(target, sec)) {
        diagnostics.push_back({core::DiagnosticLevel::kNote, core::FileOrigin(rel),
                               "symlink leads outside the scanned tree; not followed"});
        continue;
      }
    } else if (!entry.is_regular_file(sec)) {
      continue;
    }
    std::optional<InputKind> kind =
        IsDockerfileName(base) ? InputKind::kDockerfile : Classify(rel, ReadPrefix(entry.path()));
    if (!kind) continue;
    out.push_back({shown, entry.path().string(), *kind});
  }
  std::sort(out.begin(), out.end(),
            [](const DiscoveredFile& a, const DiscoveredFile& b) { return a.path < b.path; });
  return out;
}

}  // namespace drydock::sources
