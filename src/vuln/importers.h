// SPDX-License-Identifier: Apache-2.0
// Feed importers: each reads one real feed format into vuln::Feed records.
//   alpine-secdb         Alpine secdb, YAML (legacy mirror) or JSON (secdb.alpinelinux.org):
//                        {distroversion, reponame, packages: [{pkg: {name, secfixes: {ver:
//                        [ids]}}}]}; a "0" key means "never affected in this branch".
//   debian-dsa-list      Debian security tracker data/{DSA,DLA,DTSA}/list text:
//                        "[DD Mon YYYY] DSA-N-M pkg - title", "{CVE-…}", "[codename] - pkg
//                        version".
//   debian-tracker-json  the tracker's /tracker/data/json: {pkg: {CVE: {releases: {codename:
//                        {status, fixed_version, urgency}}}}}; fixed_version "0" = not affected.
// Errors name the file and the line (YAML, text) or byte offset (JSON). A feed is all or nothing:
// on an error nothing of it is returned.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "vuln/feed.h"

namespace drydock::vuln {

enum class FeedFormat { kAuto, kAlpineSecdb, kDebianDsaList, kDebianTrackerJson, kOsv };

// "auto", "alpine-secdb", "debian-dsa-list", "debian-tracker-json", "osv" (vuln/osv.h);
// nullopt when unknown.
std::optional<FeedFormat> ParseFeedFormat(std::string_view name);
const char* FeedFormatName(FeedFormat format);

// Tells the format from the first bytes of a file; `name` (the file name) helps: a file named
// "list" whose first 4 KiB hold a DSA/DLA/DTSA entry is a tracker list.
std::optional<FeedFormat> DetectFeedFormat(std::string_view name, std::string_view prefix);

// Debian codename → release number ("bookworm" → "12"); "sid" stays "sid"; "" when unknown.
std::string DebianRelease(std::string_view codename);

// Normalises a feed's severity word to CRITICAL/HIGH/MEDIUM/LOW or "" (unknown): Debian urgency
// (high, medium, low, unimportant), GHSA (CRITICAL, HIGH, MODERATE, LOW).
std::string NormaliseSeverity(std::string_view word);

core::Result<Feed> ParseAlpineSecdb(std::string_view text, const std::string& file);
core::Result<Feed> ParseDebianDsaList(std::string_view text, const std::string& file);
core::Result<Feed> ParseDebianTrackerJson(std::string_view text, const std::string& file);

// Reads `path` (at most 512 MiB) in `format` (kAuto: detected). A directory or a .zip is an OSV
// export (ReadOsv).
core::Result<Feed> ReadFeed(const std::string& path, FeedFormat format = FeedFormat::kAuto);

}  // namespace drydock::vuln
