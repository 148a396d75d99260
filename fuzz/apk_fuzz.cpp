// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for the apk installed-database reader (packages/apk.h), with small limits so
// the limit paths are reached. Checked: an error has a message and a line inside the input;
// every package has a name, a version, a source (origin) and a stanza line inside the input, and
// its purl parses back to the same purl; parsing is deterministic. Any violation aborts.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "packages/apk.h"
#include "packages/purl.h"

namespace {

namespace packages = drydock::packages;

[[noreturn]] void Die(const char* what) {
  std::fprintf(stderr, "apk_fuzz invariant violated: %s\n", what);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const int lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
  packages::ApkLimits limits;
  limits.max_packages = 64;
  limits.max_line_length = 4096;
  auto db = packages::ParseApkInstalled(text, "lib/apk/db/installed", limits);
  if (!db) {
    if (db.error().message.empty()) Die("error without a message");
    if (db.error().where.line < 1 || db.error().where.line > lines) Die("error line out of range");
    return 0;
  }
  for (const packages::Package& p : db->packages) {
    if (p.name.empty() || p.version.empty() || p.source_name.empty()) Die("incomplete package");
    if (p.origin.line < 1 || p.origin.line > lines) Die("origin line out of range");
    const packages::Purl purl = packages::MakePurl(p, "alpine", "3.19.1");
    auto back = packages::ParsePurl(purl.ToString());
    if (!back || !(*back == purl)) Die("purl does not round-trip");
  }
  for (const auto& w : db->warnings) {
    if (w.message.empty() || w.where.line < 1 || w.where.line > lines) Die("bad warning");
  }
  auto again = packages::ParseApkInstalled(text, "lib/apk/db/installed", limits);
  if (!again || again->packages.size() != db->packages.size()) Die("not deterministic");
  return 0;
}
