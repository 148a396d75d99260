// SPDX-License-Identifier: Apache-2.0
#include "packages/apk.h"

#include <fmt/format.h>

#include <optional>
#include <string>

namespace drydock::packages {
namespace {

struct Stanza {
  int line = 0;  // first line, 0 = none open
  std::optional<std::string_view> name, version, arch, origin, maintainer;
};

void Finish(const Stanza& s, std::string_view file, ApkDatabase& db) {
  auto warn = [&](std::string message) {
    db.warnings.push_back({core::DiagnosticLevel::kWarning, At(file, s.line), std::move(message)});
  };
  if (!s.name || s.name->empty()) {
    warn("apk stanza without a package name (P:) skipped");
    return;
  }
  if (!s.version || s.version->empty()) {
    warn(fmt::format("apk package {} has no version (V:); skipped", *s.name));
    return;
  }
  Package p;
  p.ecosystem = Ecosystem::kApk;
  p.name = std::string(*s.name);
  p.version = std::string(*s.version);
  if (s.arch) p.arch = std::string(*s.arch);
  if (s.maintainer) p.maintainer = std::string(*s.maintainer);
  p.source_name = s.origin && !s.origin->empty() ? std::string(*s.origin) : p.name;
  p.source_version = p.version;
  p.origin = At(file, s.line);
  db.packages.push_back(std::move(p));
}

}  // namespace

core::Result<ApkDatabase> ParseApkInstalled(std::string_view text, std::string_view file,
                                            const ApkLimits& limits) {
  ApkDatabase db;
  Stanza stanza;
  std::size_t stanzas = 0;
  auto fail = [&](int line, std::string message) {
    return core::Fail(core::ErrorCode::kInput, std::move(message), At(file, line));
  };
  LineReader lines(text, limits.max_line_length);
  while (lines.Next()) {
    const int line_no = lines.number();
    std::string_view line = lines.line();
    if (line.empty()) {
      if (stanza.line != 0) Finish(stanza, file, db);
      stanza = Stanza{};
      continue;
    }
    if (line.size() < 2 || line[1] != ':' || line[0] <= ' ' || line[0] > '~') {
      return fail(line_no, "expected \"X:value\" (one letter, a colon, the value)");
    }
    if (stanza.line == 0) {
      if (++stanzas > limits.max_packages) {
        return fail(line_no, fmt::format("more than {} stanzas", limits.max_packages));
      }
      stanza.line = line_no;
    }
    std::optional<std::string_view>* slot = nullptr;
    switch (line[0]) {
      case 'P':
        slot = &stanza.name;
        break;
      case 'V':
        slot = &stanza.version;
        break;
      case 'A':
        slot = &stanza.arch;
        break;
      case 'o':
        slot = &stanza.origin;
        break;
      case 'm':
        slot = &stanza.maintainer;
        break;
      default:
        break;  // C S I T U L t c D p i r q k F R Z M a …: not needed
    }
    if (slot == nullptr) continue;
    if (*slot) {
      return fail(line_no,
                  fmt::format("repeated \"{}:\" in the stanza at line {}", line[0], stanza.line));
    }
    *slot = line.substr(2);
  }
  if (auto error = lines.error(file)) return tl::unexpected(std::move(*error));
  if (stanza.line != 0) Finish(stanza, file, db);
  return db;
}

}  // namespace drydock::packages
