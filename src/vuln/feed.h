// SPDX-License-Identifier: Apache-2.0
// Vulnerability feed records as the importers produce them and the database stores them: one
// Advisory per feed entry (a CVE, a DSA, an OSV record), each with the ranges of package versions
// it affects in one (ecosystem, release, package). Plain data.
//
// Ecosystems are lower-case keys that say which version ordering applies: "debian", "ubuntu"
// (dpkg), "alpine" (apk), "rhel", "rocky", "almalinux", "fedora", "amzn" (rpm), and for language
// packages "pypi", "npm". Releases: Debian "12", Ubuntu "22.04", Alpine "3.20", RHEL-family
// major ("9"); "" for ecosystems without releases (language packages).
#pragma once

#include <string>
#include <vector>

namespace drydock::vuln {

enum class Status {
  kFixed,        // versions below `fixed` (and at or above `introduced`, if set) are affected
  kUnfixed,      // every version (at or above `introduced`) is affected; no fix yet
  kNotAffected,  // the package in this release was never affected
};

// "fixed", "unfixed", "not-affected".
const char* StatusName(Status status);

struct AffectedRange {
  std::string ecosystem;
  std::string release;
  std::string package;        // source package where the feed keys on it (Debian, Alpine origin)
  std::string introduced;     // "" = from the beginning
  std::string fixed;          // kFixed: the first fixed version
  std::string last_affected;  // OSV `last_affected`: versions up to it (inclusive) are affected
  Status status = Status::kFixed;
  std::string severity;  // per-release severity when the feed has one (Debian urgency)
};

struct Advisory {
  std::string id;                    // "CVE-2023-1393", "DSA-5380-1", "GHSA-…", "PYSEC-…"
  std::vector<std::string> aliases;  // other ids of the same issue
  std::string summary;
  std::string severity;   // normalised: CRITICAL, HIGH, MEDIUM, LOW, or "" (unknown)
  std::string published;  // RFC 3339 or YYYY-MM-DD as the feed writes it
  std::string modified;
  std::vector<AffectedRange> affected;
};

// One imported source: replaces everything the database held under the same `source` name.
struct Feed {
  std::string source;    // stable name: "alpine-secdb v3.10/main", "debian-dsa", "osv PyPI"
  std::string format;    // "alpine-secdb", "debian-dsa-list", "debian-tracker-json", "osv"
  std::string location;  // the path it was read from
  std::vector<Advisory> advisories;
};

}  // namespace drydock::vuln
