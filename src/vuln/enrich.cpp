// SPDX-License-Identifier: Apache-2.0
#include "vuln/enrich.h"

#include <algorithm>

#include "packages/lang.h"

namespace drydock::vuln {

core::Result<void> EnrichImage(model::ImageSpec& spec, Database* db, const MatchOptions& options,
                               const std::string& skipped_reason) {
  if (db == nullptr) {
    spec.vuln_scan = {};
    spec.vuln_scan.skipped = skipped_reason.empty() ? "no vulnerability database" : skipped_reason;
    return {};
  }
  return MatchInventory(packages::ReadInventory(spec), *db, options, spec);
}

core::Result<void> MatchInventory(const packages::Inventory& inventory, Database& db,
                                  const MatchOptions& options, model::ImageSpec& spec) {
  auto oldest = DD_TRY(db.OldestImport());
  auto matches = DD_TRY(MatchPackages(inventory, db, options));
  model::VulnScan scan;
  scan.ran = true;
  scan.database = db.path();
  scan.os = inventory.os_id + (inventory.os_release.empty() ? "" : " " + inventory.os_release);
  scan.packages = inventory.packages.size();
  scan.oldest_import = std::move(oldest);
  // Language packages are matched whatever the OS: scanning ran when there are any.
  const bool any_lang = std::any_of(
      inventory.packages.begin(), inventory.packages.end(),
      [](const packages::Package& p) { return packages::IsLanguageEcosystem(p.ecosystem); });
  if ((FeedEcosystem(inventory).empty() || inventory.os_release.empty()) && !any_lang) {
    scan.skipped = inventory.os_id.empty()        ? "the OS is unknown (no os-release)"
                   : inventory.os_release.empty() ? inventory.os_id + " without a release"
                                                  : "no vulnerability feeds for " + inventory.os_id;
  }
  std::vector<model::Vulnerability> found;
  for (auto& m : matches) {
    model::Vulnerability v;
    v.advisory = std::move(m.advisory);
    v.aliases = std::move(m.aliases);
    v.package = std::move(m.package);
    v.source_package = std::move(m.source_package);
    v.installed = std::move(m.installed);
    v.fixed = std::move(m.fixed);
    v.severity = std::move(m.severity);
    v.feeds = std::move(m.sources);
    v.database = m.origin.file;
    v.line = m.origin.line;
    found.push_back(std::move(v));
  }
  spec.vulnerabilities = std::move(found);
  spec.vuln_scan = std::move(scan);
  return {};
}

}  // namespace drydock::vuln
