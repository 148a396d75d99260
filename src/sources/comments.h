// SPDX-License-Identifier: Apache-2.0
// `#` comments of line-oriented inputs other than Dockerfiles (YAML manifests, compose files,
// shell scripts, Makefiles), for suppression pragmas (`# drydock:ignore=DD201 reason`). A comment
// alone on its line annotates the next line that is not blank or a comment; a comment after
// content (` # …`) annotates its own line. Quoting is not tracked: a ` #` inside a quoted value is
// taken as a comment, which only matters if its text is a pragma.
#pragma once

#include <string_view>
#include <vector>

#include "model/build_spec.h"

namespace drydock::sources {

// Only comments that can be pragmas are returned: their text mentions `drydock:` or `hadolint`
// (a file without either word costs one pass of memmem).
std::vector<model::Comment> HashComments(std::string_view text);

}  // namespace drydock::sources
