// SPDX-License-Identifier: Apache-2.0
// DD3xx: known vulnerabilities of the image's OS packages. The vulnerability enricher
// (vuln/enrich.h) matches the package inventory against the database and fills
// ImageSpec::vulnerabilities and ImageSpec::vuln_scan; these checks only report what it found.
// Their examples carry a small Alpine secdb feed (Example::feed) that the example runner imports
// into a fresh database before enriching the sketch image.
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "rules/catalog.h"

namespace drydock::rules {
namespace {

using core::Reporter;
using core::Severity;
using model::ImageSpec;

constexpr std::string_view kFeed311 =
    "distroversion: v3.11\n"
    "reponame: main\n"
    "packages:\n"
    "  - pkg:\n"
    "      name: openssl\n"
    "      secfixes:\n"
    "        1.1.1d-r3:\n"
    "          - CVE-2019-1551\n";

constexpr std::string_view kVulnerableImage =
    "os alpine 3.11.5\n"
    "file /lib/apk/db/installed = P:libssl1.1\\nV:1.1.1d-r2\\nA:x86_64\\no:openssl\\n\\n\n";

constexpr std::string_view kFixedImage =
    "os alpine 3.11.5\n"
    "file /lib/apk/db/installed = P:libssl1.1\\nV:1.1.1d-r3\\nA:x86_64\\no:openssl\\n\\n\n";

// The example runner stamps its imports 2026-01-01; DD302's examples judge them on these days.
core::RuleSettings SettingsOn(const char* today) {
  core::RuleSettings s;
  s.today = core::ParseDate(today);
  return s;
}
const core::RuleSettings kTwoDaysLater = SettingsOn("2026-01-03");
const core::RuleSettings kMonthLater = SettingsOn("2026-02-01");

Severity SeverityOf(const std::string& word) {
  if (auto parsed = core::ParseSeverity(word)) return *parsed;
  return Severity::kMedium;  // the feeds give none: reported, and said so in the message
}

std::string Join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

void OsPackage(const ImageSpec& spec, Reporter& r) {
  for (const model::Vulnerability& v : spec.vulnerabilities) {
    const model::KeptFile* db = spec.Kept(v.database);
    core::Origin where = model::ImageFileOrigin(
        spec.reference, db != nullptr ? spec.LayerDigest(db->layer) : std::string_view(),
        v.database);
    where.line = v.line;
    std::string message = v.package + " " + v.installed;
    if (v.source_package != v.package) message += " (source " + v.source_package + ")";
    message += " has " + v.advisory;
    if (!v.aliases.empty()) message += " (" + Join(v.aliases, ", ") + ")";
    message += v.fixed.empty() ? ": no fixed version yet" : ": fixed in " + v.fixed;
    if (v.severity.empty()) message += "; the feed gives no severity";
    core::Finding& f = r.Report(where, message, SeverityOf(v.severity));
    f.vulnerability =
        core::VulnerabilityInfo{v.advisory,       v.package, v.installed,       v.fixed,
                                v.source_package, v.aliases, Join(v.feeds, ",")};
  }
}

rules::Rule RuleDD301() {
  return {
      .info =
          {
              .id = "DD301",
              .slug = "vuln/os-package",
              .title = "An OS package has a known vulnerability",
              .severity = Severity::kMedium,
              .practice = 3,
              .reads = core::kReadsImage,
              .rationale =
                  "The image's package database (dpkg, apk, rpm) names versions that a "
                  "distribution "
                  "advisory lists as vulnerable. Packages are matched by the name the feed keys on "
                  "(Debian source package, Alpine origin) and compared with the distribution's own "
                  "version ordering, so backported fixes (1.0-1+deb12u1) count as fixed. Python "
                  "(dist-info, egg-info) and npm (node_modules) packages the image ships are "
                  "matched "
                  "the same way against OSV PyPI and npm advisories (PEP 440, SemVer). The "
                  "severity "
                  "is the feed's (Debian urgency, GHSA, CVSS); MEDIUM when it gives none.",
              .remediation = "Rebuild on an updated base image or upgrade the package to the fixed "
                             "version (apk upgrade, apt-get upgrade in the build). No fix yet: "
                             "consider a base without the package, or --ignore-unfixed with a "
                             "suppression that expires.",
              .references = {"Trivy", "CIS-DI-0004"},
              .examples =
                  {
                      {.kind = core::ExampleKind::kImage,
                       .input = kVulnerableImage,
                       .fires = true,
                       .severity = Severity::kMedium,
                       .note = "libssl1.1 1.1.1d-r2 (origin openssl) is below the 1.1.1d-r3 fix",
                       .feed = kFeed311},
                      {.kind = core::ExampleKind::kImage,
                       .input = kFixedImage,
                       .fires = false,
                       .note = "the fixed version is installed",
                       .feed = kFeed311},
                  },
          },
      .image = OsPackage,
  };
}

// Days from `from` (RFC 3339 or YYYY-MM-DD) to `to` (YYYY-MM-DD); nullopt when either is
// unreadable.
void DbStale(const ImageSpec& spec, Reporter& r) {
  if (!spec.vuln_scan.ran || spec.vuln_scan.oldest_import.empty()) return;
  // The import stamp is an RFC 3339 time ("2026-01-01T00:00:00Z"); its date part counts.
  const auto imported =
      core::ParseDate(std::string_view(spec.vuln_scan.oldest_import).substr(0, 10));
  const std::optional<core::Date>& today = r.settings().today;
  if (!imported || !today) return;
  const int age = core::DaysBetween(*imported, *today);
  const int max_age = r.settings().vuln_max_db_age_days;
  if (age <= max_age) return;
  core::Origin where = core::FileOrigin(spec.vuln_scan.database);
  where.path = "vulnerability database";
  r.Report(where, "the vulnerability database was last imported " + std::to_string(age) +
                      " days ago (" + spec.vuln_scan.oldest_import +
                      "), more than vuln.max-db-age (" + std::to_string(max_age) +
                      " days): advisories published since are missing");
}

rules::Rule RuleDD302() {
  return {
      .info =
          {
              .id = "DD302",
              .slug = "vuln/db-stale",
              .title = "The vulnerability database is stale",
              .severity = Severity::kMedium,
              .practice = 3,
              .reads = core::kReadsImage,
              .rationale = "An old database misses every advisory published since its import: a "
                           "clean scan then only means clean as of that day.",
              .remediation = "Import the feeds again (drydock db import, or db update where the "
                             "network allows), or raise vuln.max-db-age on purpose for air-gapped "
                             "runs.",
              .references = {"Trivy --skip-db-update"},
              .examples =
                  {
                      {.kind = core::ExampleKind::kImage,
                       .input = kFixedImage,
                       .fires = true,
                       .severity = Severity::kMedium,
                       .note = "imported a month before the scan",
                       .settings = &kMonthLater,
                       .feed = kFeed311},
                      {.kind = core::ExampleKind::kImage,
                       .input = kFixedImage,
                       .fires = false,
                       .note = "imported two days before the scan",
                       .settings = &kTwoDaysLater,
                       .feed = kFeed311},
                  },
          },
      .image = DbStale,
  };
}

}  // namespace

void RegisterVulnRules(rules::Registry& registry) {
  registry.Add(RuleDD301());
  registry.Add(RuleDD302());
}

}  // namespace drydock::rules
