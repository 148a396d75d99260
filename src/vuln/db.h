// SPDX-License-Identifier: Apache-2.0
// The vulnerability database: SQLite, embedded (default `$XDG_CACHE_HOME/drydock/vuln.db`).
// Schema (versioned; Open applies the migrations a file lacks, each in its own transaction):
//   meta(key, value)                         schema_version
//   sources(id, name UNIQUE, format, location, imported_at, advisories)
//   advisories(id, source_id → sources, advisory, summary, severity, published, modified)
//   aliases(advisory_id → advisories, alias)
//   affected(advisory_id → advisories, ecosystem, release, package, introduced, fixed,
//            last_affected, status, severity)   indexed on (ecosystem, release, package)
//   fetch_state(url PRIMARY KEY, etag, last_modified, fetched_at, bytes, sha256)   (schema 2)
//            what `drydock db update` last imported from each URL, for conditional requests
// Import replaces one source's rows in a single transaction: a failed import leaves the database
// as it was. Not thread-safe; one Database per thread.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "vuln/feed.h"

struct sqlite3;

namespace drydock::vuln {

inline constexpr int kSchemaVersion = 2;

// `$XDG_CACHE_HOME/drydock/vuln.db`, else `$HOME/.cache/drydock/vuln.db`.
std::string DefaultDatabasePath();

// The current UTC time as imports are stamped ("2026-11-30T09:41:07Z", RFC 3339).
std::string UtcNow();

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

// The validators of the last successful download (and import) of one feed URL.
struct FetchState {
  std::string url;
  std::string etag;           // "" when the server sent none
  std::string last_modified;  // HTTP-date as the server sent it, "" when none
  std::string fetched_at;     // RFC 3339 UTC: when it was last fetched or found unchanged
  std::int64_t bytes = 0;
  std::string sha256;  // lower-case hex of the downloaded file
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
  // The oldest import time of any source ("" when nothing is imported): one aggregate over the
  // sources table, cheap enough for every scan (Info() counts every advisory and range).
  core::Result<std::string> OldestImport();
  const std::string& path() const { return path_; }
  // The fetch state of `url`, nullopt when it was never fetched.
  core::Result<std::optional<FetchState>> GetFetchState(const std::string& url);
  // Inserts or replaces the fetch state of `state.url`.
  core::Result<void> PutFetchState(const FetchState& state);
  // Every affected range for (ecosystem, release, package), ordered by advisory id.
  core::Result<std::vector<RangeRow>> Lookup(std::string_view ecosystem, std::string_view release,
                                             std::string_view package);
  // Opens / closes one read transaction: every lookup in between sees the same snapshot, and
  // the file is locked once instead of once per query (matching many images in one run).
  core::Result<void> BeginRead();
  core::Result<void> EndRead();

  // The ranges of many packages at once (an image's whole inventory). The first inventory of an
  // (ecosystem, release) is answered by one indexed query; from the second on, that release's
  // rows are loaded into memory once and answered from there (`drydock scan` of many images, a
  // long-running server). Packages without a range are absent. The pointers stay valid until the
  // next LookupMany or Import on this Database.
  using RowsByPackage = std::map<std::string, const std::vector<RangeRow>*, std::less<>>;
  core::Result<RowsByPackage> LookupMany(std::string_view ecosystem, std::string_view release,
                                         const std::vector<std::string>& packages);

 private:
  explicit Database(sqlite3* db, std::string path);
  core::Result<void> Migrate();

  struct Statements;
  sqlite3* db_ = nullptr;
  std::string path_;
  std::unique_ptr<Statements> stmts_;
};

}  // namespace drydock::vuln
