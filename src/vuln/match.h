// SPDX-License-Identifier: Apache-2.0
// Matching an image's OS packages against the vulnerability database. The inventory
// (packages::ReadInventory) says which distribution and release the image is and lists its
// packages; each package is looked up by the name the feeds key on (Debian source package, Alpine
// origin, rpm source name) in (ecosystem, release), and its installed version is compared with
// the distribution's own ordering (dpkg, apk, rpm) against each affected range.
//
// A range of an advisory marked not-affected for the package in that release (Alpine secdb "0",
// Debian fixed_version "0", <not-affected>) wins over the other feeds' ranges for that advisory.
// The same issue reported by several feeds (a CVE and the DSA that lists it) is one match: the
// CVE id when there is one, with the others as aliases.
//
// Language packages (packages/lang.h) are matched whatever the OS, even in an image without one:
// PyPI packages by PEP 503-normalised name in ("pypi", "") with the PEP 440 ordering, npm
// packages by name in ("npm", "") with SemVer (version_lang.h); same merging rules.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "packages/inventory.h"
#include "vuln/db.h"

namespace drydock::vuln {

struct MatchOptions {
  bool ignore_unfixed = false;  // --ignore-unfixed: leave out advisories with no fix yet
};

struct PackageMatch {
  std::string advisory;              // the CVE id when one is known, else the feed's id
  std::vector<std::string> aliases;  // the other ids (DSA-…, GHSA-…, ALPINE-…)
  std::string package;               // the binary package installed
  std::string source_package;        // the name the feed matched on (a language package: its
                                     // name as written; the feed key is its normalised form)
  std::string installed;             // the version compared (Debian: the source version)
  std::string fixed;                 // "" when no fix exists yet
  Status status = Status::kFixed;    // kFixed or kUnfixed
  std::string severity;              // CRITICAL/HIGH/MEDIUM/LOW, "" = the feeds give none
  std::vector<std::string> sources;  // the feeds that reported it
  core::Origin origin;               // where the package was read (database file, stanza line)
};

// The ecosystem key and release the feeds use for this inventory's OS ("debian", "12"), or ""
// when the OS is not one drydock has feeds for.
std::string FeedEcosystem(const packages::Inventory& inventory);

// Every package of `inventory` with a known vulnerability, sorted by (package, advisory).
core::Result<std::vector<PackageMatch>> MatchPackages(const packages::Inventory& inventory,
                                                      Database& db,
                                                      const MatchOptions& options = {});

}  // namespace drydock::vuln
