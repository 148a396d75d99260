// SPDX-License-Identifier: Apache-2.0
#include "packages/inventory.h"

#include <fmt/format.h>

#include <algorithm>
#include <span>
#include <tuple>

#include "packages/apk.h"
#include "packages/dpkg.h"
#include "packages/lang.h"
#include "packages/os_release.h"
#include "packages/rpm.h"

namespace drydock::packages {
namespace {

constexpr std::string_view kDpkgStatus = "var/lib/dpkg/status";
constexpr std::string_view kDpkgStatusDir = "var/lib/dpkg/status.d/";
constexpr std::string_view kApkInstalled[] = {"lib/apk/db/installed", "usr/lib/apk/db/installed"};
constexpr std::string_view kRpmSqlite[] = {"var/lib/rpm/rpmdb.sqlite",
                                           "usr/lib/sysimage/rpm/rpmdb.sqlite"};
constexpr std::string_view kRpmBerkeley[] = {"var/lib/rpm/Packages",
                                             "usr/lib/sysimage/rpm/Packages"};
constexpr std::string_view kRpmNdb[] = {"var/lib/rpm/Packages.db",
                                        "usr/lib/sysimage/rpm/Packages.db"};
constexpr std::string_view kShells[] = {"bin/sh",       "usr/bin/sh",  "bin/bash",
                                        "usr/bin/bash", "bin/busybox", "usr/bin/busybox"};
constexpr std::string_view kDebianTools[] = {"usr/bin/apt", "usr/bin/apt-get", "usr/bin/dpkg",
                                             "bin/dpkg"};

core::Origin InImage(const model::ImageSpec& spec, std::string_view path) {
  core::Origin o = core::FileOrigin(spec.reference.empty() ? std::string(path) : spec.reference);
  o.path = "/" + std::string(path);
  return o;
}

void Note(Inventory& inv, core::DiagnosticLevel level, core::Origin where, std::string message) {
  inv.notices.push_back({level, std::move(where), std::move(message)});
}

void Append(Inventory& inv, std::vector<Package>& packages, core::Diagnostics& warnings) {
  for (auto& p : packages) inv.packages.push_back(std::move(p));
  for (auto& w : warnings) inv.notices.push_back(std::move(w));
}

// A database file present in the filesystem but not kept was over the reader's
// size cap.
bool PresentButNotKept(const model::ImageSpec& spec, std::string_view path) {
  const model::FsEntry* entry = spec.files.Find(path);
  return entry != nullptr && spec.Kept(path) == nullptr;
}

bool HasAny(const model::ImageSpec& spec, std::span<const std::string_view> paths) {
  return std::any_of(paths.begin(), paths.end(),
                     [&](std::string_view p) { return spec.files.Find(p) != nullptr; });
}

void ReadOs(const model::ImageSpec& spec, Inventory& inv) {
  OsRelease os;
  if (spec.os) {
    os.id = spec.os->id;
    std::transform(os.id.begin(), os.id.end(), os.id.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const std::string& like : spec.os->id_like) {
      if (!os.id_like.empty()) os.id_like += ' ';
      os.id_like += like;
    }
    os.version_id = spec.os->version_id;
    os.version_codename = spec.os->version_codename;
    os.pretty_name = spec.os->pretty_name;
  } else if (const model::KeptFile* alpine = spec.Kept("etc/alpine-release")) {
    os.id = "alpine";
    std::string_view v = alpine->content;
    v = v.substr(0, std::min(v.find_first_of("\r\n \t"), v.size()));
    os.version_id = std::string(v.substr(0, std::min<std::size_t>(v.size(), 64)));
  }
  inv.os_id = os.id;
  inv.os_version = os.version_id;
  inv.os_release = os.Release();
  inv.os_codename = os.version_codename;
  inv.os_pretty_name = os.pretty_name;
  inv.distroless = os.pretty_name.find("Distroless") != std::string::npos ||
                   (os.id == "debian" && !HasAny(spec, kShells) && !HasAny(spec, kDebianTools));
}

}  // namespace

Inventory ReadInventory(const model::ImageSpec& spec) {
  Inventory inv;
  ReadOs(spec, inv);
  auto unreadable = [&](std::string_view path, const core::Error& error) {
    core::Origin where = InImage(spec, path);
    where.line = error.where.line;
    Note(inv, core::DiagnosticLevel::kWarning, std::move(where),
         fmt::format("package database /{} not read: {}", path, error.message));
  };
  auto too_large = [&](std::string_view path) {
    Note(inv, core::DiagnosticLevel::kWarning, InImage(spec, path),
         fmt::format("package database /{} is larger than the reader keeps; not scanned", path));
  };

  // Records one kept database: its packages, or why it could not be read.
  auto read = [&](std::string_view path, auto&& parsed) {
    inv.databases.emplace_back(path);
    if (parsed) {
      Append(inv, parsed->packages, parsed->warnings);
    } else {
      unreadable(path, parsed.error());
    }
  };
  // The first of `paths` the reader kept; those present but too large to keep are noted.
  auto first_kept = [&](std::span<const std::string_view> paths) -> const model::KeptFile* {
    for (std::string_view path : paths) {
      if (const model::KeptFile* kept = spec.Kept(path)) return kept;
      if (PresentButNotKept(spec, path)) too_large(path);
    }
    return nullptr;
  };

  // dpkg: the status file, then distroless status.d/<name> files.
  if (const model::KeptFile* status = first_kept(std::span(&kDpkgStatus, 1))) {
    read(kDpkgStatus, ParseDpkgStatus(status->content, kDpkgStatus, DpkgFileKind::kStatus));
  }
  for (const model::KeptFile& kept : spec.kept) {
    std::string_view path = kept.path;
    if (!path.starts_with(kDpkgStatusDir) || path.ends_with(".md5sums") ||
        path.find('/', kDpkgStatusDir.size()) != std::string_view::npos) {
      continue;
    }
    read(path, ParseDpkgStatus(kept.content, path, DpkgFileKind::kStatusD));
  }

  // apk.
  if (const model::KeptFile* installed = first_kept(kApkInstalled)) {
    read(installed->path, ParseApkInstalled(installed->content, installed->path));
  }

  // rpm: SQLite read; Berkeley DB and NDB reported.
  if (const model::KeptFile* sqlite = first_kept(kRpmSqlite)) {
    read(sqlite->path, ReadRpmSqlite(sqlite->content, sqlite->path));
  } else {
    struct Unread {
      std::span<const std::string_view> paths;
      const char* format;
    };
    for (const Unread& unread : {Unread{kRpmBerkeley, "Berkeley DB"}, Unread{kRpmNdb, "NDB"}}) {
      for (std::string_view path : unread.paths) {
        if (spec.files.Find(path) == nullptr) continue;
        Note(inv, core::DiagnosticLevel::kWarning, InImage(spec, path),
             fmt::format("rpm database /{} is {}, which drydock does not read: rpm packages not "
                         "scanned",
                         path, unread.format));
      }
    }
  }

  // One entry per (ecosystem, name, arch): the first database read wins (status
  // before status.d).
  std::stable_sort(
      inv.packages.begin(), inv.packages.end(), [](const Package& a, const Package& b) {
        return std::tie(a.ecosystem, a.name, a.arch) < std::tie(b.ecosystem, b.name, b.arch);
      });
  inv.packages.erase(std::unique(inv.packages.begin(), inv.packages.end(),
                                 [](const Package& a, const Package& b) {
                                   return a.ecosystem == b.ecosystem && a.name == b.name &&
                                          a.arch == b.arch;
                                 }),
                     inv.packages.end());

  // Language packages (lang.h), after the OS packages: every kept Python metadata file and npm
  // manifest, sorted by (ecosystem, name, version); the same name at two versions (a nested
  // node_modules, two virtualenvs) is two packages, the same version twice is kept once (first
  // path).
  std::vector<Package> lang;
  for (const model::KeptFile& kept : spec.kept) {
    const LangFile kind = ClassifyLangFile(kept.path);
    if (kind == LangFile::kNone) continue;
    auto lang_unreadable = [&](const core::Error& error) {
      core::Origin where = InImage(spec, kept.path);
      where.line = error.where.line;
      Note(inv, core::DiagnosticLevel::kWarning, std::move(where),
           fmt::format("language package not read: {}", error.message));
    };
    if (kind == LangFile::kPythonMetadata) {
      auto parsed = ParsePythonMetadata(kept.content, kept.path);
      if (parsed) {
        lang.push_back(std::move(*parsed));
      } else {
        lang_unreadable(parsed.error());
      }
    } else {
      auto parsed = ParseNpmManifest(kept.content, kept.path);
      if (!parsed) {
        lang_unreadable(parsed.error());
      } else if (*parsed) {
        lang.push_back(std::move(**parsed));
      }
    }
  }
  if (spec.lang_files_dropped > 0) {
    Note(inv, core::DiagnosticLevel::kWarning, InImage(spec, ""),
         fmt::format("{} language package metadata files were over the image reader's caps and "
                     "not read: the language package list is incomplete",
                     spec.lang_files_dropped));
  }
  std::stable_sort(lang.begin(), lang.end(), [](const Package& a, const Package& b) {
    return std::tie(a.ecosystem, a.name, a.version) < std::tie(b.ecosystem, b.name, b.version);
  });
  lang.erase(std::unique(lang.begin(), lang.end(),
                         [](const Package& a, const Package& b) {
                           return a.ecosystem == b.ecosystem && a.name == b.name &&
                                  a.version == b.version;
                         }),
             lang.end());
  for (Package& p : lang) inv.packages.push_back(std::move(p));
  return inv;
}

}  // namespace drydock::packages
