// SPDX-License-Identifier: Apache-2.0
// Version ordering (src/vuln/version.h) must be a total preorder on all byte strings. The input
// is split at its first two '\n' into three strings; for dpkg, apk, rpm EVR and rpmvercmp this
// checks reflexivity, antisymmetry (in sign) and transitivity over every ordering of the triple,
// and aborts on a violation.
//   build/fuzz/fuzz/version_fuzz /tmp/version-corpus -max_len=256
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "vuln/version.h"

namespace {

using drydock::vuln::Ecosystem;

int Sgn(int v) { return (v > 0) - (v < 0); }

int Cmp(int eco, std::string_view a, std::string_view b) {
  if (eco == 3) return Sgn(drydock::vuln::RpmVerCmp(a, b));
  return Sgn(drydock::vuln::Compare(static_cast<Ecosystem>(eco), a, b));
}

[[noreturn]] void Fail(const char* what, int eco, std::string_view a, std::string_view b,
                       std::string_view c) {
  std::fprintf(stderr, "%s violated (ecosystem %d): '%.*s' '%.*s' '%.*s'\n", what, eco,
               static_cast<int>(a.size()), a.data(), static_cast<int>(b.size()), b.data(),
               static_cast<int>(c.size()), c.data());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::string_view v[3];
  for (int i = 0; i < 2; ++i) {
    const std::size_t nl = in.find('\n');
    v[i] = in.substr(0, nl);
    in = nl == std::string_view::npos ? std::string_view() : in.substr(nl + 1);
  }
  v[2] = in;

  for (std::string_view s : v) {
    (void)drydock::vuln::IsValidApkVersion(s);
    (void)drydock::vuln::IsValidDpkgVersion(s);
  }
  for (int eco = 0; eco < 4; ++eco) {
    int s[3][3];
    for (int i = 0; i < 3; ++i) {
      for (int j = 0; j < 3; ++j) s[i][j] = Cmp(eco, v[i], v[j]);
      if (s[i][i] != 0) Fail("reflexivity", eco, v[i], v[i], "");
    }
    for (int i = 0; i < 3; ++i) {
      for (int j = 0; j < 3; ++j) {
        if (s[i][j] != -s[j][i]) Fail("antisymmetry", eco, v[i], v[j], "");
        for (int k = 0; k < 3; ++k) {
          // x <= y <= z implies x <= z, strictly if either step is strict.
          if (s[i][j] <= 0 && s[j][k] <= 0) {
            if (s[i][k] > 0 || ((s[i][j] < 0 || s[j][k] < 0) && s[i][k] == 0)) {
              Fail("transitivity", eco, v[i], v[j], v[k]);
            }
          }
        }
      }
    }
  }
  return 0;
}
