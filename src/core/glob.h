// SPDX-License-Identifier: Apache-2.0
// Path globs shared by discovery (--skip-dirs), ignore entries (paths:) and anything else that
// matches user-written patterns against '/'-separated relative paths.
#pragma once

#include <string_view>

namespace drydock::core {

// `*` and `?` stay within a segment, `**` crosses segments (`legacy/**` matches everything under
// legacy/, `**/test/*` any test dir). A pattern that matches a directory matches every path below
// it. A leading "./" on either side is ignored. Linear-space dynamic programming (O(pattern ×
// path) time): a hostile pattern cannot blow up.
bool MatchGlob(std::string_view pattern, std::string_view path);

}  // namespace drydock::core
