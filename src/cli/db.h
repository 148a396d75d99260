// SPDX-License-Identifier: Apache-2.0
// `drydock db import PATH… [--format F]` and `drydock db info`: the offline vulnerability
// database (vuln/db.h) filled from feed files the user has (vuln/importers.h).
// `drydock db update [--source NAME…] [--url NAME=URL…] [--all]` and `drydock db sources`
// (= `db update --list`): the official feeds downloaded and imported (vuln/update.h).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace CLI {
class App;
}  // namespace CLI

namespace drydock::cli {

struct DbOptions {
  std::string db;      // --db PATH ("" = vuln::DefaultDatabasePath())
  std::string format;  // --format for import: auto, alpine-secdb, …; for info: table or json
  std::vector<std::string> paths;
};

// Each path is read, then imported in its own transaction; the first bad feed stops the run with
// exit code 2 and leaves its source as it was (feeds imported before it stay).
int RunDbImport(const DbOptions& options, std::ostream& out, std::ostream& err);
int RunDbInfo(const DbOptions& options, std::ostream& out, std::ostream& err);

struct DbUpdateOptions {
  std::string db;                            // --db PATH
  std::vector<std::string> sources;          // --source NAME (repeatable); none = the default set
  std::vector<std::string> urls;             // --url NAME=URL (repeatable)
  std::vector<std::string> alpine_branches;  // --alpine-branch 3.20 (repeatable)
  bool all = false;                          // --all
  bool list = false;                         // --list: print the sources, fetch nothing
  bool force = false;                        // --force: no conditional request
  int retries = 3;                           // --retries N
  std::string ca_bundle;                     // --ca-bundle PATH (else $CURL_CA_BUNDLE)
  std::string format;                        // sources listing: table or json
};

struct DbUpdateCommands {
  CLI::App* update = nullptr;
  CLI::App* sources = nullptr;
};

// Adds `update` and `sources` under the `db` subcommand, bound to `options`.
DbUpdateCommands AddDbUpdateCommands(CLI::App& db, DbUpdateOptions& options);
// Each source is fetched (conditionally, resuming an interrupted download) and imported in its
// own transaction; a failing source is reported and the others go on. Exit 0 when every source
// is updated or up to date, 2 when one failed or on a usage error.
int RunDbUpdate(const DbUpdateOptions& options, std::ostream& out, std::ostream& err);
int RunDbSources(const DbUpdateOptions& options, std::ostream& out, std::ostream& err);

}  // namespace drydock::cli
