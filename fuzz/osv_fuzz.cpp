// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for the OSV importer (src/vuln/osv.h) and its helpers. The first byte picks:
//   0–199    ParseOsvRecords on the rest (JSON when it starts with '{' or '[', else YAML); on
//            success every advisory has an id and every row an ecosystem and a package; on
//            error the error names the file.
//   200–227  ParseCvss on the rest: a score, when present, lies in [0, 10] on a one-decimal grid.
//   228–255  CompareSemver / ComparePep440 on three '\n'-separated strings (at most 1 KiB):
//            reflexive, antisymmetric in sign, transitive.
//   build/fuzz/fuzz/osv_fuzz /tmp/osv-corpus SEEDS -max_len=65536 -rss_limit_mb=2048
// SEEDS: corpus records (../shared/corpus/vulndb, .json/.yaml) each prefixed with one byte "A".
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "vuln/cvss.h"
#include "vuln/osv.h"
#include "vuln/version_lang.h"

namespace {

int Sgn(int v) { return (v > 0) - (v < 0); }

void CheckRecords(std::string_view text) {
  std::vector<drydock::vuln::Advisory> out;
  drydock::vuln::OsvStats stats;
  const auto result = drydock::vuln::ParseOsvRecords(text, "fuzz.osv", out, &stats);
  if (!result) {
    if (result.error().where.file != "fuzz.osv") std::abort();
    return;
  }
  for (const auto& a : out) {
    if (a.id.empty()) std::abort();
    for (const auto& r : a.affected) {
      if (r.ecosystem.empty() || r.package.empty()) std::abort();
    }
  }
}

void CheckCvss(std::string_view text) {
  const auto score = drydock::vuln::ParseCvss(text);
  if (!score || !score->base) return;
  const double b = *score->base;
  if (!(b >= 0.0 && b <= 10.0)) std::abort();
  if (std::fabs(b * 10.0 - std::round(b * 10.0)) > 1e-6) std::abort();
  (void)drydock::vuln::CvssSeverity(score->version, b);
}

using Comparator = int (*)(std::string_view, std::string_view);

void CheckOrder(Comparator cmp, std::string_view a, std::string_view b, std::string_view c) {
  const std::string_view v[3] = {a, b, c};
  for (const auto& x : v) {
    if (cmp(x, x) != 0) std::abort();
    for (const auto& y : v) {
      if (Sgn(cmp(x, y)) != -Sgn(cmp(y, x))) std::abort();
      for (const auto& z : v) {
        if (cmp(x, y) <= 0 && cmp(y, z) <= 0 && cmp(x, z) > 0) {
          std::fprintf(stderr, "transitivity: '%.*s' '%.*s' '%.*s'\n", static_cast<int>(x.size()),
                       x.data(), static_cast<int>(y.size()), y.data(), static_cast<int>(z.size()),
                       z.data());
          std::abort();
        }
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const unsigned mode = data[0];
  std::string_view in(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (mode < 200) {
    CheckRecords(in);
  } else if (mode < 228) {
    CheckCvss(in);
  } else {
    if (in.size() > 1024) return 0;  // the orderings are O(n) per comparison; keep runs fast
    std::string_view v[3];
    for (int i = 0; i < 2; ++i) {
      const std::size_t nl = in.find('\n');
      v[i] = in.substr(0, nl);
      in = nl == std::string_view::npos ? std::string_view() : in.substr(nl + 1);
    }
    v[2] = in;
    CheckOrder(drydock::vuln::CompareSemver, v[0], v[1], v[2]);
    CheckOrder(drydock::vuln::ComparePep440, v[0], v[1], v[2]);
  }
  return 0;
}
