// SPDX-License-Identifier: Apache-2.0
// The vulnerability database: SQLite, embedded (default `$XDG_CACHE_HOME/drydock/vuln.db`).
// Schema (versioned; Open applies the migrations a file lacks, each in its own transaction):
//   meta(key, value)                         schema_version
//   sources(id, name UNIQUE, format, location, imported_at, advisories)
//   advisories(id, source_id → sources, advisory, summary, severity, published, modified)
//   aliases(advisory_id → advisories, alias)
//   affected(advisory_id → advisories, ecosystem, release, package, introduced, fixed,
//            last_affected, status, severity)   indexed on (ecosystem, release, package)
// Import replaces one source's rows in a single transaction: a failed import leaves the database
// as it was. Not thread-safe; one Database per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "vuln/feed.h"

struct sqlite3;

namespace drydock::vuln {

inline constexpr int kSchemaVersion = 1;

// `$XDG_CACHE_HOME/drydock/vuln.db`, else `$HOME/.cache/drydock/vuln.db`.
std::string DefaultDatabasePath();

struct SourceInfo {
  std::string name;
  std::string format;
  std::string location;
  std::string imported_at;  // RFC 3339 UTC
  std::int64_t advisories = 0;
  std::int64_t ranges = 0;
};

struct DatabaseInfo {
  std::string path;
  int schema_version = 0;
  std::vector<SourceInfo> sources;  // by name
  std::int64_t advisories = 0;
  std::int64_t ranges = 0;
};

// One affected range of one advisory, as Lookup returns it.
struct RangeRow {
  std::string advisory;
  std::vector<std::string> aliases;
  std::string severity;  // the range's own severity, else the advisory's
  std::string source;
  AffectedRange range;
};

class Database {
 public:
  // Opens (with `create`: creates, including parent directories) the database at `path` and
  // brings its schema up to kSchemaVersion. A file from a newer drydock is an error.
  static core::Result<Database> Open(const std::string& path, bool create);

  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;
  ~Database();

  // Replaces the rows of `feed.source` with `feed`, in one transaction, stamped `imported_at`.
  core::Result<void> Import(const Feed& feed, const std::string& imported_at);
  core::Result<DatabaseInfo> Info();
  // Every affected range for (ecosystem, release, package), ordered by advisory id.
  core::Result<std::vector<RangeRow>> Lookup(std::string_view ecosystem, std::string_view release,
                                             std::string_view package);

 private:
  explicit Database(sqlite3* db, std::string path);
  core::Result<void> Migrate();

  struct Statements;
  sqlite3* db_ = nullptr;
  std::string path_;
  std::unique_ptr<Statements> stmts_;
};

}  // namespace drydock::vuln
