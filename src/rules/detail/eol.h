// SPDX-License-Identifier: Apache-2.0
// End-of-life dates of Linux distribution releases, for DD105 (base/eol-os). One table: the date
// after which a release gets no more free security updates (Debian: the end of Debian LTS; Ubuntu:
// the end of standard support, paid ESM not counted; Alpine: the end of its branch; RHEL and
// rebuilds: the end of maintenance support), with the source of each family in the table's
// comments.
#pragma once

#include <optional>
#include <string_view>

#include "model/image_spec.h"

namespace drydock::rules::detail {

struct EolRow {
  std::string_view id;       // os-release ID: "debian", "ubuntu", "alpine", …
  std::string_view version;  // VERSION_ID or its leading components: "9", "22.04", "3.10"
  std::string_view eol;      // "YYYY-MM-DD": last day of free security support
  std::string_view note;     // what the date is, for messages and maintainers
  std::string_view name_contains = {};  // also required in NAME ("Stream"), "" = any
};

// The release row for `os`, or nullptr when the distribution or version is not in the table.
// VERSION_ID matches a row when it equals the row's version or continues it with '.' (Alpine
// "3.10.4" → "3.10"; "3.1" does not match "3.10.4").
const EolRow* FindEol(const model::OsRelease& os);

}  // namespace drydock::rules::detail
