// SPDX-License-Identifier: Apache-2.0
// DD7xx: resource limits. Placeholder registration until the run-side rules land.
#include "rules/catalog.h"

namespace drydock::rules {

void RegisterLimitsRules(core::Registry&) {}

}  // namespace drydock::rules
