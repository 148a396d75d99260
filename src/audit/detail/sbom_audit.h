// SPDX-License-Identifier: Apache-2.0
// The SBOM input of an audit (`drydock image --sbom FILE`): a CycloneDX document read back into an
// inventory and matched against the vulnerability database. Only DD301 and DD302 run: the other
// image rules judge a filesystem an SBOM does not have.
#pragma once

#include <optional>
#include <set>
#include <string>

#include "core/diagnostics.h"
#include "core/error.h"
#include "rules/rule.h"
#include "vuln/db.h"

namespace drydock::audit::detail {

struct SbomAudit {
  const std::string& path;
  vuln::Database* db;  // null: no matching (the caller has said why)
  bool ignore_unfixed = false;
  const core::RuleSettings& settings;
  const std::set<std::string>& disabled;
};

struct SbomResult {
  bool read = false;                 // the SBOM was read (it is a target)
  core::Findings findings;           // located at the SBOM file and the component's line
  std::optional<core::Error> error;  // why it could not be read or matched
};

// Notices (components not matched, matching skipped) go to `diags`.
SbomResult AuditSbom(const SbomAudit& audit, core::Diagnostics& diags);

}  // namespace drydock::audit::detail
