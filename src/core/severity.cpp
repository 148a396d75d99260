// SPDX-License-Identifier: Apache-2.0
#include "core/severity.h"

#include <cctype>

namespace drydock::core {

std::optional<Severity> ParseSeverity(std::string_view text) {
  for (const auto& row : kSeverities) {
    if (row.name.size() != text.size()) continue;
    bool same = true;
    for (size_t i = 0; i < text.size() && same; ++i) {
      same = std::toupper(static_cast<unsigned char>(text[i])) == row.name[i];
    }
    if (same) return row.code;
  }
  return std::nullopt;
}

}  // namespace drydock::core
