// SPDX-License-Identifier: Apache-2.0
// A compact, stable text dump of a BuildSpec for golden tests: one line per stage, instruction,
// flag group, heredoc, mount, shell command and error. Strings are C-escaped and quoted.
#pragma once

#include <string>
#include <string_view>

#include "model/build_spec.h"

namespace drydock::sources::dockerfile::testing {

std::string Quote(std::string_view s);
std::string Dump(const model::BuildSpec& spec);

}  // namespace drydock::sources::dockerfile::testing
