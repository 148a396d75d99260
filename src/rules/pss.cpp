// SPDX-License-Identifier: Apache-2.0
#include "rules/pss.h"

namespace drydock::rules {

const char* PssLevelName(PssLevel level) {
  switch (level) {
    case PssLevel::kPrivileged:
      return "privileged";
    case PssLevel::kBaseline:
      return "baseline";
    case PssLevel::kRestricted:
      return "restricted";
  }
  return "unknown";
}

std::vector<PssResult> EvaluatePss(const model::RunSet&) { return {}; }

}  // namespace drydock::rules
