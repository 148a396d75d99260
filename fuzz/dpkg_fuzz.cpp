// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for the dpkg status reader (packages/dpkg.h). The bytes are parsed as a
// `status` file and as a distroless `status.d` file, with small limits so the limit paths are
// reached. Checked: an error has a message and a line inside the input; every package has a
// name, a version, a source name and version and a stanza line inside the input; status.d
// lists at least what status lists (it only adds Status-less stanzas) unless it fails; every
// package's purl parses back to the same purl. The same bytes also go through ParseRpmHeader
// (rpm.h) as a header blob, which must fail or return NAME/VERSION/RELEASE. Any violation aborts.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <string_view>

#include "packages/dpkg.h"
#include "packages/purl.h"
#include "packages/rpm.h"

namespace {

namespace packages = drydock::packages;

[[noreturn]] void Die(const char* what) {
  std::fprintf(stderr, "dpkg_fuzz invariant violated: %s\n", what);
  std::abort();
}

void Check(const drydock::core::Result<packages::DpkgDatabase>& db, int lines) {
  if (!db) {
    if (db.error().message.empty()) Die("error without a message");
    if (db.error().where.line < 1 || db.error().where.line > lines) Die("error line out of range");
    return;
  }
  for (const packages::Package& p : db->packages) {
    if (p.name.empty() || p.version.empty()) Die("package without name or version");
    if (p.source_name.empty() || p.source_version.empty()) Die("package without source");
    if (p.origin.line < 1 || p.origin.line > lines) Die("origin line out of range");
    const packages::Purl purl = packages::MakePurl(p, "debian", "12");
    auto back = packages::ParsePurl(purl.ToString());
    if (!back || !(*back == purl)) Die("purl does not round-trip");
  }
  for (const auto& w : db->warnings) {
    if (w.message.empty() || w.where.line < 1 || w.where.line > lines) Die("bad warning");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const int lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
  packages::DpkgLimits limits;
  limits.max_packages = 64;
  limits.max_line_length = 4096;
  auto status = packages::ParseDpkgStatus(text, "status", packages::DpkgFileKind::kStatus, limits);
  Check(status, lines);
  auto status_d =
      packages::ParseDpkgStatus(text, "status.d/x", packages::DpkgFileKind::kStatusD, limits);
  Check(status_d, lines);
  if (static_cast<bool>(status) != static_cast<bool>(status_d)) Die("kinds disagree on syntax");
  if (status && status_d->packages.size() < status->packages.size()) Die("status.d lost packages");

  auto header = packages::ParseRpmHeader(std::span<const std::uint8_t>(data, size));
  if (header && (header->name.empty() || header->version.empty())) Die("rpm header incomplete");
  if (!header && header.error().message.empty()) Die("rpm error without a message");
  return 0;
}
