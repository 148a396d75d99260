// SPDX-License-Identifier: Apache-2.0
// dpkg's database of installed packages (FORMATS.md §8): `/var/lib/dpkg/status` and the
// distroless `/var/lib/dpkg/status.d/<name>` files. Both are deb822 text: stanzas separated by
// blank lines, `Field: value` lines, continuation lines starting with a space or tab. Only
// packages whose Status is installed (third word `installed`) are listed; status.d stanzas
// usually carry no Status and count as installed.
//
// Syntax errors (a line that is neither a field nor a continuation, a continuation before any
// field, a duplicate field, an over-long line, too many stanzas) fail the parse with the line.
// A stanza that parses but cannot be used (no Package, no Version, an odd Status) is skipped
// with a warning. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "core/error.h"
#include "packages/package.h"

namespace drydock::packages {

struct DpkgLimits {
  std::size_t max_packages = 200'000;                    // stanzas, installed or not
  std::size_t max_line_length = std::size_t{64} * 1024;  // bytes per line
};

struct DpkgDatabase {
  std::vector<Package> packages;  // installed ones, in file order
  core::Diagnostics warnings;     // skipped stanzas, with their line
};

// Which dpkg file the text comes from: `status` (Status required) or a status.d file (a stanza
// without Status is installed).
enum class DpkgFileKind { kStatus, kStatusD };

// Parses `text`; `file` names it in origins and errors ("var/lib/dpkg/status").
core::Result<DpkgDatabase> ParseDpkgStatus(std::string_view text, std::string_view file,
                                           DpkgFileKind kind = DpkgFileKind::kStatus,
                                           const DpkgLimits& limits = {});

}  // namespace drydock::packages
