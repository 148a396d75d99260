// SPDX-License-Identifier: Apache-2.0
#include "cli/sbom.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

#include "cli/audit.h"
#include "cli/cli.h"
#include "packages/inventory.h"
#include "rules/catalog.h"
#include "sbom/cyclonedx.h"
#include "sbom/spdx.h"
#include "sources/image/reader.h"
#include "vuln/enrich.h"
#include "vuln/match.h"

namespace drydock::cli {
namespace fs = std::filesystem;
int RunSbom(const SbomOptions& o, std::ostream& out, std::ostream& err) {
  const std::string format = o.format.empty() ? "cyclonedx" : o.format;
  const bool spdx = format == "spdx-json" || format == "spdx";
  if (!spdx && format != "cyclonedx" && format != "cyclonedx-json") {
    err << "drydock: error: --format: unknown SBOM format '" << format
        << "' (expected cyclonedx or spdx-json)\n";
    return kExitUsage;
  }
  if (o.image == "-") {
    err << "drydock: error: an image cannot be read from standard input; give a path\n";
    return kExitUsage;
  }
  sources::image::ReadOptions ropts;
  ropts.platform = o.platform;
  ropts.scan_secrets = false;  // an SBOM lists packages only
  auto spec = sources::image::ReadImage(o.image, ropts);
  if (!spec) {
    PrintError(err, spec.error());
    return kExitUsage;
  }
  const packages::Inventory inventory = packages::ReadInventory(*spec);
  for (const auto& notice : inventory.notices) {
    err << "drydock: " << (notice.level == core::DiagnosticLevel::kWarning ? "warning" : "note")
        << ": " << notice.where.ToString() << ": " << notice.message << "\n";
  }
  sbom::Subject subject;
  subject.name = spec->reference;
  subject.digest = spec->manifest_digest.empty() ? spec->config_digest : spec->manifest_digest;
  subject.config_digest = spec->config_digest;
  const std::string text = spdx ? sbom::WriteSpdx(subject, inventory)
                                : sbom::WriteCycloneDx(subject, inventory);
  if (o.output.empty() || o.output == "-") {
    out << text;
    out.flush();
    return out ? 0 : kExitUsage;
  }
  auto written = WriteFileAtomically(o.output, [&text](std::ostream& file) -> core::Result<void> {
    file << text;
    return {};
  });
  if (!written) {
    PrintError(err, written.error());
    return kExitUsage;
  }
  return 0;
}

bool AuditSbom(const std::string& path, vuln::Database* db, bool ignore_unfixed,
               const core::RuleSettings& settings, const std::set<std::string>& disabled,
               core::Diagnostics& diags, report::Report& rep, std::ostream& err) {
  auto read = sbom::ReadCycloneDxFile(path);
  if (!read) {
    PrintError(err, read.error());
    return false;
  }
  const packages::Inventory& inventory = read->inventory;
  rep.targets.push_back({path, "sbom"});
  const std::size_t skipped = read->without_purl + read->unknown_type + read->other_ecosystem;
  if (skipped > 0) {
    diags.push_back({core::DiagnosticLevel::kNote, core::FileOrigin(path),
                     std::to_string(skipped) + " of " + std::to_string(read->components) +
                         " components not matched: " + std::to_string(read->without_purl) +
                         " without a usable purl, " + std::to_string(read->unknown_type) +
                         " of an unknown type, " + std::to_string(read->other_ecosystem) +
                         " of another ecosystem (not deb, apk, rpm, pypi, npm)"});
  }

  // No database: the caller has said why in a notice; nothing to match.
  if (db == nullptr) return true;
  model::ImageSpec spec;  // no filesystem: only the vulnerability fields are filled
  spec.reference = path;
  vuln::MatchOptions mopts;
  mopts.ignore_unfixed = ignore_unfixed;
  if (auto matched = vuln::MatchInventory(inventory, *db, mopts, spec); !matched) {
    PrintError(err, matched.error());
    return false;
  }
  if (!spec.vuln_scan.skipped.empty()) {
    diags.push_back({core::DiagnosticLevel::kNote, core::FileOrigin(path),
                     "vulnerability scanning skipped: " +
                         (inventory.os_id.empty()
                              ? std::string("the SBOM names no distribution (no operating-system "
                                            "component, no purl distro qualifier)")
                              : spec.vuln_scan.skipped)});
  }
  std::map<std::string, core::Origin> where;  // binary package → its component
  for (const auto& p : inventory.packages) where.emplace(p.name, p.origin);
  // Only the vulnerability rules: the others judge a filesystem an SBOM does not have.
  core::Findings found;
  for (const char* id : {"DD301", "DD302"}) {
    const core::Rule* rule = rules::Catalog().FindById(id);
    if (rule == nullptr || disabled.count(id) != 0) continue;
    rules::RunImageRule(*rule, spec, settings, found);
  }
  for (core::Finding& f : found) {
    if (!f.vulnerability) continue;
    auto it = where.find(f.vulnerability->package);
    f.location = core::FileOrigin(path, it != where.end() ? it->second.line : 0);
    if (it != where.end()) f.location.path = it->second.path;
  }
  rep.findings.insert(rep.findings.end(), std::make_move_iterator(found.begin()),
                      std::make_move_iterator(found.end()));
  return true;
}

}  // namespace drydock::cli
