// SPDX-License-Identifier: Apache-2.0
#include "packages/lang.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <vector>

#include "core/strings.h"

namespace drydock::packages {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// The path's '/'-separated components (empty ones dropped).
std::vector<std::string_view> Components(std::string_view path) {
  std::vector<std::string_view> out;
  while (!path.empty()) {
    const std::size_t slash = path.find('/');
    std::string_view part = path.substr(0, slash);
    if (!part.empty()) out.push_back(part);
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

bool IsSitePackages(std::string_view dir) {
  return dir == "site-packages" || dir == "dist-packages";
}

// A package directory name under node_modules: not hidden (.bin, .cache), not a scope.
bool IsNpmName(std::string_view name) {
  return !name.empty() && name.front() != '.' && name.front() != '@';
}

Package Make(Ecosystem ecosystem, std::string name, std::string version, std::string_view path,
             int line) {
  Package p;
  p.ecosystem = ecosystem;
  p.source_name = ecosystem == Ecosystem::kPypi ? Pep503Name(name) : name;
  p.name = std::move(name);
  p.version = std::move(version);
  p.source_version = p.version;
  p.origin = At(path, line);
  return p;
}

}  // namespace

LangFile ClassifyLangFile(std::string_view path) {
  if (!path.ends_with("METADATA") && !path.ends_with("PKG-INFO") && !path.ends_with(".egg-info") &&
      !path.ends_with("/package.json")) {
    return LangFile::kNone;  // the common case, without splitting the path
  }
  const std::vector<std::string_view> c = Components(path);
  const std::size_t n = c.size();
  // <site-packages>/<x>.egg-info (a file)
  if (n >= 2 && c[n - 1].ends_with(".egg-info") && c[n - 1].size() > 9 &&
      IsSitePackages(c[n - 2])) {
    return LangFile::kPythonMetadata;
  }
  if (n >= 3 && IsSitePackages(c[n - 3]) &&
      ((c[n - 1] == "METADATA" && c[n - 2].ends_with(".dist-info") && c[n - 2].size() > 10) ||
       (c[n - 1] == "PKG-INFO" && c[n - 2].ends_with(".egg-info") && c[n - 2].size() > 9))) {
    return LangFile::kPythonMetadata;
  }
  if (n >= 3 && c[n - 1] == "package.json") {
    if (c[n - 3] == "node_modules" && IsNpmName(c[n - 2])) return LangFile::kNpmManifest;
    if (n >= 4 && c[n - 4] == "node_modules" && c[n - 3].size() > 1 && c[n - 3].front() == '@' &&
        IsNpmName(c[n - 2])) {
      return LangFile::kNpmManifest;
    }
  }
  return LangFile::kNone;
}

bool IsLanguageEcosystem(Ecosystem ecosystem) {
  switch (ecosystem) {
    case Ecosystem::kPypi:
    case Ecosystem::kNpm:
      return true;
    case Ecosystem::kDpkg:
    case Ecosystem::kApk:
    case Ecosystem::kRpm:
      break;
  }
  return false;
}

std::string Pep503Name(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  bool in_run = false;
  for (char c : name) {
    if (c == '-' || c == '_' || c == '.') {
      if (!in_run) out += '-';
      in_run = true;
      continue;
    }
    in_run = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  }
  return out;
}

core::Result<Package> ParsePythonMetadata(std::string_view text, std::string_view path) {
  if (text.starts_with(kBom)) text.remove_prefix(kBom.size());
  LineReader lines(text);
  std::string name, version;
  int name_line = 0;
  int version_line = 0;
  std::string* current = nullptr;  // the field a continuation line extends (Name/Version only)
  while (lines.Next()) {
    std::string_view line = lines.line();
    if (line.empty()) break;  // end of the headers; the description follows
    if (line.front() == ' ' || line.front() == '\t') {
      // A continuation: only a folded Name or Version matters (never seen, but legal).
      if (current != nullptr) {
        std::string_view more = core::Trim(line, core::kBlanks);
        if (!more.empty()) *current += (current->empty() ? "" : " ") + std::string(more);
      }
      continue;
    }
    current = nullptr;
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;  // not a header: tolerated like pip does
    const std::string_view key = core::Trim(line.substr(0, colon), core::kBlanks);
    const std::string_view value = core::Trim(line.substr(colon + 1), core::kBlanks);
    // Field names are case-insensitive (email headers); the first occurrence wins.
    auto is = [&](std::string_view want) {
      if (key.size() != want.size()) return false;
      for (std::size_t i = 0; i < key.size(); ++i) {
        char k = key[i];
        if (k >= 'A' && k <= 'Z') k = static_cast<char>(k + 32);
        char w = want[i];
        if (w >= 'A' && w <= 'Z') w = static_cast<char>(w + 32);
        if (k != w) return false;
      }
      return true;
    };
    if (is("Name") && name_line == 0) {
      name = std::string(value);
      name_line = lines.number();
      current = &name;
    } else if (is("Version") && version_line == 0) {
      version = std::string(value);
      version_line = lines.number();
      current = &version;
    }
  }
  if (name.empty()) {
    return core::Fail(core::ErrorCode::kInput,
                      fmt::format("{}: Python package metadata has no Name", path), At(path, 0));
  }
  if (version.empty()) {
    return core::Fail(core::ErrorCode::kInput,
                      fmt::format("{}: Python package metadata for \"{}\" has no Version", path,
                                  name.substr(0, 128)),
                      At(path, name_line));
  }
  if (name.size() > 512 || version.size() > 256) {
    return core::Fail(core::ErrorCode::kInput,
                      fmt::format("{}: Python package Name or Version is implausibly long", path),
                      At(path, name_line));
  }
  return Make(Ecosystem::kPypi, std::move(name), std::move(version), path, name_line);
}

core::Result<std::optional<Package>> ParseNpmManifest(std::string_view text,
                                                      std::string_view path) {
  if (text.starts_with(kBom)) text.remove_prefix(kBom.size());
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    return core::Fail(core::ErrorCode::kInput,
                      fmt::format("{}: package.json is not valid JSON", path), At(path, 0));
  }
  if (!doc.is_object()) {
    return core::Fail(core::ErrorCode::kInput,
                      fmt::format("{}: package.json is not a JSON object", path), At(path, 0));
  }
  auto string_field = [&](const char* key) -> core::Result<std::optional<std::string>> {
    auto it = doc.find(key);
    if (it == doc.end() || it->is_null()) return std::optional<std::string>();
    if (!it->is_string()) {
      return core::Fail(core::ErrorCode::kInput,
                        fmt::format("{}: package.json \"{}\" is not a string", path, key),
                        At(path, 0));
    }
    return std::optional<std::string>(it->get<std::string>());
  };
  std::optional<std::string> name = DD_TRY(string_field("name"));
  std::optional<std::string> version = DD_TRY(string_field("version"));
  // A workspace or private root without a version is no installable package.
  if (!name || !version || name->empty() || version->empty()) return std::optional<Package>();
  if (name->size() > 512 || version->size() > 256) {
    return core::Fail(core::ErrorCode::kInput,
                      fmt::format("{}: package.json name or version is implausibly long", path),
                      At(path, 0));
  }
  return std::optional<Package>(
      Make(Ecosystem::kNpm, std::move(*name), std::move(*version), path, 0));
}

}  // namespace drydock::packages
