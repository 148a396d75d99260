// SPDX-License-Identifier: Apache-2.0
// The OSV importer: OSV records (https://ossf.github.io/osv-schema/) in JSON or YAML → vuln::Feed.
//
// Containers (ReadOsv): one record file (.json, .yaml, .yml; a JSON file may also hold an array
// of records), a directory of record files (recursive, in sorted path order, other files
// ignored, symlinks followed only when they stay inside the directory, directory symlinks never
// followed), or a .zip export such as osv.dev's <ecosystem>/all.zip (read in memory with
// libarchive, never extracted). Every record, every zip member and the total are bounded by
// OsvLimits. Errors name the file (a zip member as "all.zip!/GHSA-….json") and the line:column
// (YAML; JSON: computed from the byte offset, which the message also gives).
//
// Mapping of a record to an Advisory:
//  - id; aliases = `aliases` + `upstream` (deduplicated, without the id itself); summary =
//    `summary`, else the first non-empty line of `details`; published, modified as written.
//  - severity: the first computable CVSS entry of `severity` (CVSS_V3 before CVSS_V2; CVSS_V4
//    is validated but not scored, see cvss.h), else a word entry (Ubuntu's {type: Ubuntu,
//    score: medium}), else `database_specific.severity` (GHSA's CRITICAL/HIGH/MODERATE/LOW),
//    normalised by NormaliseSeverity. Per affected package the same from its own `severity`,
//    else `ecosystem_specific` / `database_specific` `severity`, `ubuntu_priority` or `urgency`,
//    goes into AffectedRange::severity.
//  - `withdrawn` records are skipped (counted).
//  - ecosystems: "Debian:12" → (debian, 12), "Alpine:v3.18" → (alpine, 3.18),
//    "Ubuntu:22.04:LTS", "Ubuntu:Pro:18.04:LTS", "Ubuntu:ubuntu_pro:22.04::main" →
//    (ubuntu, 22.04), "Rocky Linux:9" → (rocky, 9), "AlmaLinux:8" → (almalinux, 8),
//    "Red Hat:rhel_aus:8.6::appstream" → (rhel, 8), "PyPI" → (pypi, ""), "npm" → (npm, "").
//    Any other ecosystem: that affected entry is skipped and counted (real exports mix
//    ecosystems), the record is kept.
//  - package: `package.name` as written (Debian/Ubuntu OSV names are source packages already);
//    PyPI names are PEP 503-normalised (lower case, runs of -_. → "-").
//  - ranges of type ECOSYSTEM and SEMVER (GIT ranges are skipped and counted): events in order;
//    `introduced` opens a range ("0" = from the beginning: introduced ""), a later `introduced`
//    while one is open is ignored; `fixed` closes it (kFixed, fixed = v); `last_affected`
//    closes it (kUnfixed with last_affected = v: versions up to v are affected, no fix is
//    known); `limit` closes it like `fixed` (an exclusive bound; limit "*" is ignored); a range
//    still open at the end is kUnfixed. A `fixed` with no open range affects from the beginning.
//  - `versions` are used only when the entry has no ECOSYSTEM/SEMVER range: one row per version
//    with introduced = last_affected = v, status kUnfixed (exactly that version is affected).
//    An entry with neither gives no row.
//  - a field of the wrong JSON type (id not a string, affected not an array, an event that is
//    not an object of strings, …) fails the whole feed, naming the file and position.
//
// Feed source name (stable, so re-importing replaces the previous import): "osv <Ecosystem>"
// when every kept affected entry of a directory or zip has the same OSV ecosystem base (the
// part before ':', e.g. "osv PyPI", "osv Debian"); otherwise "osv <directory name, or zip name
// without extension>" (for a zip named all.zip: its parent directory's name). A single record
// file is "osv <record id>" (one file must not replace a whole ecosystem's import).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"
#include "vuln/feed.h"

namespace drydock::vuln {

struct OsvLimits {
  std::size_t max_record_bytes = std::size_t{32} << 20;    // one record file or zip member
  std::size_t max_records = 2'000'000;                     // files or zip members read
  std::uint64_t max_total_bytes = std::uint64_t{4} << 30;  // all records together
};

struct OsvStats {
  std::size_t records = 0;           // records read (withdrawn included)
  std::size_t withdrawn = 0;         // skipped because `withdrawn` is set
  std::size_t skipped_affected = 0;  // affected entries with an ecosystem drydock does not map
  std::size_t skipped_ranges = 0;    // GIT (or unknown-type) ranges
  std::size_t skipped_files = 0;     // directory/zip entries that are not records,
                                     // or symlinks leading out of the tree
};

// Maps an OSV ecosystem string to drydock's (ecosystem, release); nullopt when
// unsupported.
std::optional<std::pair<std::string, std::string>> MapOsvEcosystem(std::string_view ecosystem);

// Parses the records in `text` (one JSON object, a JSON array of objects, or
// one YAML document; JSON when the first non-blank byte is '{' or '['),
// appending their advisories to `out`. `file` is used in error messages. On
// error `out` may hold a part of the advisories.
core::Result<void> ParseOsvRecords(std::string_view text, const std::string& file,
                                   std::vector<Advisory>& out, OsvStats* stats = nullptr);

// A Feed from one record file's text (source "osv <first record id>").
core::Result<Feed> ParseOsv(std::string_view text, const std::string& file,
                            OsvStats* stats = nullptr);

// Reads a record file, a directory of records, or a .zip export (see above).
core::Result<Feed> ReadOsv(const std::string& path, const OsvLimits& limits = {},
                           OsvStats* stats = nullptr);

// True when `path` is a directory, ends in ".zip" or starts with a zip
// signature (ReadFeed sends those to ReadOsv).
bool IsOsvContainer(const std::string& path);

}  // namespace drydock::vuln
