// SPDX-License-Identifier: Apache-2.0
#include "packages/dpkg.h"

#include <fmt/format.h>

#include <array>
#include <optional>
#include <string>

#include "core/strings.h"

namespace drydock::packages {
namespace {

// Field names are printable ASCII without ':' or spaces, not starting with '#'
// or '-'.
bool ValidFieldName(std::string_view name) {
  if (name.empty() || name.front() == '#' || name.front() == '-') return false;
  for (char c : name) {
    if (c <= ' ' || c > '~' || c == ':') return false;
  }
  return true;
}

// The fields we read, by index into Stanza::values.
enum Field : std::size_t { kPackage, kVersion, kArchitecture, kStatus, kSource, kMaintainer };
constexpr std::array<std::string_view, 6> kFieldNames = {"Package", "Version", "Architecture",
                                                         "Status",  "Source",  "Maintainer"};

struct Stanza {
  int line = 0;  // first line, 0 = no stanza open
  std::array<std::optional<std::string_view>, kFieldNames.size()> values;
  std::vector<std::string_view> seen;  // every field name, for duplicate detection
};

constexpr std::size_t kMaxFields = 256;  // real stanzas have about 20

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

// Turns a finished stanza into a package (appended to `db`) or a warning.
void Finish(const Stanza& s, std::string_view file, DpkgFileKind kind, DpkgDatabase& db) {
  auto warn = [&](std::string message) {
    db.warnings.push_back({core::DiagnosticLevel::kWarning, At(file, s.line), std::move(message)});
  };
  const auto& v = s.values;
  if (!v[kPackage] || v[kPackage]->empty()) {
    warn("dpkg stanza without a Package field skipped");
    return;
  }
  const std::string name(*v[kPackage]);
  if (v[kStatus]) {
    // "want flag status", e.g. "install ok installed" / "deinstall ok
    // config-files".
    std::array<std::string_view, 3> words;
    std::size_t count = 0;
    std::string_view rest = *v[kStatus];
    while (!rest.empty()) {
      while (!rest.empty() && IsSpace(rest.front())) rest.remove_prefix(1);
      if (rest.empty()) break;
      std::size_t end = 0;
      while (end < rest.size() && !IsSpace(rest[end])) ++end;
      if (count < words.size()) words[count] = rest.substr(0, end);
      ++count;
      rest.remove_prefix(end);
    }
    if (count != 3) {
      warn(fmt::format("dpkg package {}: Status \"{}\" is not three words; skipped", name,
                       *v[kStatus]));
      return;
    }
    if (words[2] != "installed") return;  // config-files, half-installed, not-installed, …
  } else if (kind == DpkgFileKind::kStatus) {
    warn(fmt::format("dpkg package {} has no Status field; skipped", name));
    return;
  }
  if (!v[kVersion] || v[kVersion]->empty()) {
    warn(fmt::format("dpkg package {} has no Version field; skipped", name));
    return;
  }
  Package p;
  p.ecosystem = Ecosystem::kDpkg;
  p.name = name;
  p.version = std::string(*v[kVersion]);
  if (v[kArchitecture]) p.arch = std::string(*v[kArchitecture]);
  if (v[kMaintainer]) p.maintainer = std::string(*v[kMaintainer]);
  p.source_name = p.name;
  p.source_version = p.version;
  if (v[kSource] && !v[kSource]->empty()) {
    // "name" or "name (version)".
    std::string_view src = *v[kSource];
    std::size_t end = 0;
    while (end < src.size() && !IsSpace(src[end]) && src[end] != '(') ++end;
    std::string_view src_name = src.substr(0, end);
    std::string_view rest = core::TrimLine(src.substr(end));
    bool ok = !src_name.empty();
    std::string_view src_version;
    if (ok && !rest.empty()) {
      if (rest.front() == '(' && rest.back() == ')' && rest.size() > 2) {
        src_version = core::TrimLine(rest.substr(1, rest.size() - 2));
        ok = !src_version.empty() && src_version.find_first_of(" \t()") == std::string_view::npos;
      } else {
        ok = false;
      }
    }
    if (ok) {
      p.source_name = std::string(src_name);
      if (!src_version.empty()) p.source_version = std::string(src_version);
    } else {
      warn(fmt::format("dpkg package {}: malformed Source \"{}\"; using the binary name", name,
                       src));
    }
  }
  p.origin = At(file, s.line);
  db.packages.push_back(std::move(p));
}

}  // namespace

core::Result<DpkgDatabase> ParseDpkgStatus(std::string_view text, std::string_view file,
                                           DpkgFileKind kind, const DpkgLimits& limits) {
  DpkgDatabase db;
  Stanza stanza;
  std::size_t stanzas = 0;
  bool have_field = false;  // a field line was seen in the open stanza (for continuations)
  auto fail = [&](int line, std::string message) {
    return core::Fail(core::ErrorCode::kInput, std::move(message), At(file, line));
  };
  LineReader lines(text, limits.max_line_length);
  while (lines.Next()) {
    const int line_no = lines.number();
    std::string_view line = lines.line();
    if (core::TrimLine(line).empty()) {
      if (stanza.line != 0) Finish(stanza, file, kind, db);
      stanza = Stanza{};
      have_field = false;
      continue;
    }
    if (IsSpace(line.front())) {
      if (!have_field) return fail(line_no, "continuation line without a field before it");
      continue;  // multi-line values (Description, Conffiles) are not needed
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      return fail(line_no, "expected \"Field: value\" (no ':' in the line)");
    }
    const std::string_view name = line.substr(0, colon);
    if (!ValidFieldName(name)) {
      return fail(line_no, fmt::format("invalid field name \"{}\"", name.substr(0, 64)));
    }
    if (stanza.line == 0) {
      if (++stanzas > limits.max_packages) {
        return fail(line_no, fmt::format("more than {} stanzas", limits.max_packages));
      }
      stanza.line = line_no;
    }
    for (std::string_view seen : stanza.seen) {
      if (core::IEquals(seen, name)) {
        return fail(line_no, fmt::format("duplicate field \"{}\" in the stanza at line {}",
                                         name.substr(0, 64), stanza.line));
      }
    }
    if (stanza.seen.size() >= kMaxFields) {
      return fail(line_no, fmt::format("more than {} fields in the stanza at line {}", kMaxFields,
                                       stanza.line));
    }
    stanza.seen.push_back(name);
    have_field = true;
    for (std::size_t i = 0; i < kFieldNames.size(); ++i) {
      if (core::IEquals(name, kFieldNames[i])) {
        stanza.values[i] = core::TrimLine(line.substr(colon + 1));
      }
    }
  }
  if (auto error = lines.error(file)) return tl::unexpected(std::move(*error));
  if (stanza.line != 0) Finish(stanza, file, kind, db);
  return db;
}

}  // namespace drydock::packages
