// SPDX-License-Identifier: Apache-2.0
// `drydock db update`: the built-in list of official vulnerability feeds and the update of the
// database from them (download with vuln/fetch.h, read with vuln/importers.h, import with
// vuln/db.h, one transaction per source).
//
// Sources (name → URL, format):
//   alpine-<branch>-main, alpine-<branch>-community
//        https://secdb.alpinelinux.org/v<branch>/{main,community}.json   alpine-secdb
//        branches: kDefaultAlpineBranches, or $DRYDOCK_ALPINE_BRANCHES ("3.21,3.22")
//   debian-tracker   https://security-tracker.debian.org/tracker/data/json   debian-tracker-json
//   debian-dsa, debian-dla   salsa.debian.org security-tracker data/{DSA,DLA}/list
//                    debian-dsa-list
//   osv-debian, osv-alpine, osv-pypi, osv-npm
//        https://osv-vulnerabilities.storage.googleapis.com/<Ecosystem>/all.zip   osv
// The default set is every Debian and Alpine source, plus osv-debian and osv-alpine when this
// build reads the "osv" format; --all takes every source. A URL is overridden by
// $DRYDOCK_FEED_URL_<NAME> (NAME upper-cased, other characters as '_', e.g.
// DRYDOCK_FEED_URL_DEBIAN_DSA) and then by UpdateOptions::urls (`--url NAME=URL`).
//
// Per source: the stored fetch state (ETag, Last-Modified) makes the request conditional; a 304
// is "up to date" with no import. A download goes to `<cache>/<name>[.ext].part` (resumed by the
// next run when interrupted), then is read and imported; the fetch state is stored only after a
// successful import, so a failed import leaves the database as it was and the next run fetches
// again. A failing source is reported and the others continue.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/error.h"
#include "vuln/fetch.h"

namespace drydock::vuln {

inline constexpr const char* kDefaultAlpineBranches = "3.20,3.21,3.22,3.23";

struct FeedSource {
  std::string name;  // "debian-dsa", "alpine-3.20-main", "osv-pypi"
  std::string url;
  std::string format;       // a vuln::ParseFeedFormat name
  bool in_default = false;  // in the default set (if the format is supported)
  std::string description;
};

// The Alpine branches of the built-in list: $DRYDOCK_ALPINE_BRANCHES, else kDefaultAlpineBranches.
std::vector<std::string> AlpineBranches();
// The built-in sources for `alpine_branches`, with the $DRYDOCK_FEED_URL_* overrides applied.
std::vector<FeedSource> BuiltinSources(const std::vector<std::string>& alpine_branches);
// "DRYDOCK_FEED_URL_" + NAME upper-cased, other characters '_'.
std::string UrlEnvironmentName(const std::string& source_name);
// Whether this build can import `format`.
bool FormatSupported(const std::string& format);

struct UpdateOptions {
  std::string db_path;               // "" = DefaultDatabasePath()
  std::string cache_dir;             // "" = "<directory of the database>/downloads"
  std::vector<std::string> sources;  // names; empty = the default set
  bool all = false;                  // every source
  std::vector<std::pair<std::string, std::string>> urls;  // NAME → URL overrides
  std::vector<std::string> alpine_branches;               // empty = AlpineBranches()
  bool force = false;  // ignore the stored fetch state (no conditional request)
  FetchOptions fetch;
};

// Resolves the sources to update: unknown names (in `sources` or `urls`) are usage errors.
core::Result<std::vector<FeedSource>> SelectSources(const UpdateOptions& options);

struct SourceOutcome {
  enum class State { kUpdated, kUpToDate, kFailed };
  std::string name;
  std::string url;
  State state = State::kFailed;
  std::string message;  // kFailed: why (names the source and URL)
  std::string feed;     // the imported feed's source name ("debian DSA list")
  std::int64_t advisories = 0;
  std::int64_t ranges = 0;
  std::int64_t bytes = 0;  // downloaded
  bool resumed = false;
  int attempts = 0;
};

// Updates the database from `sources`; `on_source` is told each outcome as it is known. Errors
// of the whole run (the database cannot be opened, the cache cannot be created) are returned;
// a failing source is an outcome.
core::Result<std::vector<SourceOutcome>> UpdateDatabase(
    const UpdateOptions& options, const std::vector<FeedSource>& sources,
    const std::function<void(const SourceOutcome&)>& on_source = {});

}  // namespace drydock::vuln
