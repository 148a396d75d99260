// SPDX-License-Identifier: Apache-2.0
// The vulnerability enricher (DESIGN.md "Enrichment"): reads an image's package inventory, matches
// it against the database and fills ImageSpec::vulnerabilities and ImageSpec::vuln_scan, so that
// the vulnerability rules (DD301, DD302) stay pure functions of the model. The CLI and the rule
// example runner call the same function.
#pragma once

#include <string>

#include "model/image_spec.h"
#include "packages/inventory.h"
#include "vuln/db.h"
#include "vuln/match.h"

namespace drydock::vuln {

// Fills `spec.vulnerabilities` and `spec.vuln_scan`. `db` null = no database: vuln_scan.skipped
// says so (`skipped_reason`). A database error is returned and leaves `spec` unchanged.
core::Result<void> EnrichImage(model::ImageSpec& spec, Database* db,
                               const MatchOptions& options = {},
                               const std::string& skipped_reason = "");

// The matching half of EnrichImage, for an inventory from elsewhere (an SBOM): matches
// `inventory` against `db` into `spec.vulnerabilities` and `spec.vuln_scan`. When nothing could
// be matched (no feed ecosystem or release for the OS, and no language packages),
// vuln_scan.skipped says why.
core::Result<void> MatchInventory(const packages::Inventory& inventory, Database& db,
                                  const MatchOptions& options, model::ImageSpec& spec);

}  // namespace drydock::vuln
