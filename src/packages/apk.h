// SPDX-License-Identifier: Apache-2.0
// apk's database of installed packages (FORMATS.md §8): `/lib/apk/db/installed` (also
// `usr/lib/apk/db/installed`). Blank-line-separated stanzas of `X:value` lines: P name, V version,
// A arch, o origin (the source package, the secdb key), m maintainer; file lists (F, R, Z, M, a)
// and every other letter are tolerated and ignored.
//
// Syntax errors (a line that is not `X:value`, an over-long line, a repeated P/V/A/o in one
// stanza, too many stanzas) fail the parse with the line. A stanza without P or V is skipped with
// a warning. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "core/error.h"
#include "packages/package.h"

namespace drydock::packages {

struct ApkLimits {
  std::size_t max_packages = 200'000;                    // stanzas
  std::size_t max_line_length = std::size_t{64} * 1024;  // bytes per line
};

struct ApkDatabase {
  std::vector<Package> packages;  // in file order
  core::Diagnostics warnings;
};

// Parses `text`; `file` names it in origins and errors ("lib/apk/db/installed").
core::Result<ApkDatabase> ParseApkInstalled(std::string_view text, std::string_view file,
                                            const ApkLimits& limits = {});

}  // namespace drydock::packages
