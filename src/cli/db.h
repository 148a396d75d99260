// SPDX-License-Identifier: Apache-2.0
// `drydock db import PATH… [--format F]` and `drydock db info`: the offline vulnerability
// database (vuln/db.h) filled from feed files the user has (vuln/importers.h).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

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

}  // namespace drydock::cli
