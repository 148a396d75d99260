// SPDX-License-Identifier: Apache-2.0
// `drydock sbom IMAGE --format cyclonedx|spdx-json [-o FILE]`: the image's OS package inventory
// as an SBOM; and the SBOM half of `drydock image --sbom FILE`: a CycloneDX document read back
// into an inventory and matched against the vulnerability database (DD301, DD302 only: the other
// image rules would misfire on an image without a filesystem).
#pragma once

#include <iosfwd>
#include <set>
#include <string>

#include "core/diagnostics.h"
#include "core/rule.h"
#include "report/report.h"
#include "vuln/db.h"

namespace drydock::cli {

struct SbomOptions {
  std::string image;     // ARCHIVE|OCI-DIR[:TAG]
  std::string format;    // cyclonedx (default; also cyclonedx-json) or spdx-json
  std::string output;    // -o FILE ("" or "-" = stdout); written via a temporary and a rename
  std::string platform;  // --platform os/arch[/variant]
};

// Returns the exit code: 0, or 2 (bad flags, unreadable image, unwritable output).
int RunSbom(const SbomOptions& options, std::ostream& out, std::ostream& err);

// Reads the CycloneDX SBOM at `path`, matches its packages against `db` (null: no scanning, the
// caller has said why) and appends the target, the DD301/DD302 findings (located at the SBOM
// file and the component's line) and notices to `rep` / `diags`. False (the error printed to
// `err`) when the SBOM cannot be read or the database fails.
bool AuditSbom(const std::string& path, vuln::Database* db, bool ignore_unfixed,
               const core::RuleSettings& settings, const std::set<std::string>& disabled,
               core::Diagnostics& diags, report::Report& rep, std::ostream& err);

}  // namespace drydock::cli
