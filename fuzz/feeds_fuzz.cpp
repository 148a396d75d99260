// SPDX-License-Identifier: Apache-2.0
// The feed importers on arbitrary bytes: the first byte picks Alpine secdb (YAML/JSON, also
// vuln-list's one-package files), the Debian DSA/DLA/DTSA list, or the streaming tracker JSON
// reader; the rest is the feed. A feed either fails with a message and a file, or every record
// it returns is complete: an id, and ranges with an ecosystem, a package and, when fixed, a
// fixed version (the database's CHECK constraints); anything else aborts.
//   build/fuzz/fuzz/feeds_fuzz /tmp/fz/feeds SEEDS -max_len=65536
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "vuln/importers.h"

namespace {

[[noreturn]] void Fail(const char* what) {
  std::fprintf(stderr, "feeds_fuzz: %s\n", what);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  drydock::core::Result<drydock::vuln::Feed> feed;
  switch (data[0] % 3) {
    case 0:
      feed = drydock::vuln::ParseAlpineSecdb(text, "main.yaml");
      break;
    case 1:
      feed = drydock::vuln::ParseDebianDsaList(text, "list");
      break;
    default:
      feed = drydock::vuln::ParseDebianTrackerJson(text, "json");
      break;
  }
  if (!feed) {
    if (feed.error().message.empty()) Fail("an error without a message");
    if (feed.error().where.file.empty()) Fail("an error without a file");
    return 0;
  }
  for (const auto& advisory : feed->advisories) {
    if (advisory.id.empty()) Fail("an advisory without an id");
    for (const auto& range : advisory.affected) {
      if (range.ecosystem.empty() || range.package.empty()) Fail("a range without a package");
      if (range.status == drydock::vuln::Status::kFixed && range.fixed.empty()) {
        Fail("a fixed range without a fixed version");
      }
    }
  }
  return 0;
}
