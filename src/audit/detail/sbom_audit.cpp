// SPDX-License-Identifier: Apache-2.0
#include "audit/detail/sbom_audit.h"

#include <map>

#include "model/image_spec.h"
#include "rules/catalog.h"
#include "sbom/cyclonedx.h"
#include "vuln/enrich.h"

namespace drydock::audit::detail {

SbomResult AuditSbom(const SbomAudit& a, core::Diagnostics& diags) {
  SbomResult out;
  auto read = sbom::ReadCycloneDxFile(a.path);
  if (!read) {
    out.error = read.error();
    return out;
  }
  out.read = true;
  const packages::Inventory& inventory = read->inventory;
  const std::size_t skipped = read->without_purl + read->unknown_type + read->other_ecosystem;
  if (skipped > 0) {
    diags.push_back({core::DiagnosticLevel::kNote, core::FileOrigin(a.path),
                     std::to_string(skipped) + " of " + std::to_string(read->components) +
                         " components not matched: " + std::to_string(read->without_purl) +
                         " without a usable purl, " + std::to_string(read->unknown_type) +
                         " of an unknown type, " + std::to_string(read->other_ecosystem) +
                         " of another ecosystem (not deb, apk, rpm, pypi, npm)"});
  }
  if (a.db == nullptr) return out;
  model::ImageSpec spec;  // no filesystem: only the vulnerability fields are filled
  spec.reference = a.path;
  vuln::MatchOptions mopts;
  mopts.ignore_unfixed = a.ignore_unfixed;
  if (auto matched = vuln::MatchInventory(inventory, *a.db, mopts, spec); !matched) {
    out.error = matched.error();
    return out;
  }
  if (!spec.vuln_scan.skipped.empty()) {
    diags.push_back({core::DiagnosticLevel::kNote, core::FileOrigin(a.path),
                     "vulnerability scanning skipped: " +
                         (inventory.os_id.empty()
                              ? std::string("the SBOM names no distribution (no operating-system "
                                            "component, no purl distro qualifier)")
                              : spec.vuln_scan.skipped)});
  }
  std::map<std::string, core::Origin> where;  // binary package → its component
  for (const auto& p : inventory.packages) where.emplace(p.name, p.origin);
  for (const char* id : {"DD301", "DD302"}) {
    const rules::Rule* rule = rules::Catalog().FindById(id);
    if (rule == nullptr || a.disabled.count(id) != 0) continue;
    rules::RunImageRule(*rule, spec, a.settings, out.findings);
  }
  for (core::Finding& f : out.findings) {
    if (!f.vulnerability) continue;
    auto it = where.find(f.vulnerability->package);
    f.location = core::FileOrigin(a.path, it != where.end() ? it->second.line : 0);
    if (it != where.end()) f.location.path = it->second.path;
  }
  return out;
}

}  // namespace drydock::audit::detail
