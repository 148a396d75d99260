// SPDX-License-Identifier: Apache-2.0
// Diagnostics: recoverable oddities and notices that are not findings (an expired ignore entry,
// a skipped file, a config key we do not know). Collected per run and shown to the user.
#pragma once

#include <string>
#include <vector>

#include "core/origin.h"

namespace drydock::core {

enum class DiagnosticLevel { kNote, kWarning };

struct Diagnostic {
  DiagnosticLevel level = DiagnosticLevel::kWarning;
  Origin where;
  std::string message;
};

using Diagnostics = std::vector<Diagnostic>;

}  // namespace drydock::core
