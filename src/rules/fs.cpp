// SPDX-License-Identifier: Apache-2.0
// DD5xx: filesystem. Placeholder registration until the run-side rules land.
#include "rules/catalog.h"

namespace drydock::rules {

void RegisterFsRules(core::Registry&) {}

}  // namespace drydock::rules
