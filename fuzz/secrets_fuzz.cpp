// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for the secret detector: Scan and ScanFile on arbitrary bytes (vectorscan
// prefilter, RE2 confirmation, entropy, placeholder checks), plus LooksBinary, the credential
// file-name test and Mask, and the credential-store table (ClassifyCredentialFile,
// HoldsCredentials, IsVendoredPath, the variable-name tests). Whatever the input, matches must lie
// inside the text, be ordered and disjoint, carry a rule of the table, and the mask must never
// reveal more than 4 bytes; a file the table names has a non-empty kind.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "secrets/credential_files.h"
#include "secrets/detector.h"

namespace {

void Check(std::string_view text, const drydock::secrets::SecretMatch& m, std::size_t prev_end) {
  if (m.rule == nullptr || m.value.empty()) std::abort();
  if (m.offset < prev_end || m.offset + m.value.size() > text.size()) std::abort();
  if (m.value.data() != text.data() + m.offset) std::abort();
  const std::string masked = drydock::secrets::Mask(m.value);
  const std::string suffix = "(" + std::to_string(m.value.size()) + ")";
  if (masked.size() < suffix.size() ||
      masked.compare(masked.size() - suffix.size(), suffix.size(), suffix) != 0) {
    std::abort();
  }
  // prefix (≤ 4 bytes) + "…" (3 bytes) + "(len)"
  if (masked.size() > 4 + 3 + suffix.size()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::size_t prev_end = 0;
  for (const auto& m : drydock::secrets::Scan(text)) {
    Check(text, m, prev_end);
    prev_end = m.offset + m.value.size();
  }
  // The first line doubles as a path: credential names make binary content scannable.
  const std::string_view path = text.substr(0, std::min<std::size_t>(text.find('\n'), 256));
  (void)drydock::secrets::IsCredentialFileName(path);
  if (const auto file = drydock::secrets::ClassifyCredentialFile(path);
      file && file->kind.empty()) {
    std::abort();
  }
  (void)drydock::secrets::HoldsCredentials(text, /*references_count=*/false);
  (void)drydock::secrets::HoldsCredentials(text, /*references_count=*/true);
  (void)drydock::secrets::IsVendoredPath(path);
  (void)drydock::secrets::IsCredentialVariable(path);
  (void)drydock::secrets::IsCredentialFileVariable(path);
  (void)drydock::secrets::LooksBinary(text);
  std::size_t last_line = 1;
  prev_end = 0;
  for (const auto& fm : drydock::secrets::ScanFile(path, text)) {
    Check(text, fm.match, prev_end);
    prev_end = fm.match.offset + fm.match.value.size();
    if (fm.line < last_line || fm.column == 0) std::abort();
    last_line = fm.line;
  }
  return 0;
}
