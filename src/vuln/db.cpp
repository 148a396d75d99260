// SPDX-License-Identifier: Apache-2.0
#include "vuln/db.h"

#include <sqlite3.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <unordered_map>
#include <utility>

namespace drydock::vuln {

namespace {

// Migration N brings the schema from version N-1 to N.
constexpr const char* kMigrations[] = {
    // 1: the initial schema.
    R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  format TEXT NOT NULL,
  location TEXT NOT NULL,
  imported_at TEXT NOT NULL);
CREATE TABLE advisories(
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  advisory TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '',
  severity TEXT NOT NULL DEFAULT '',
  published TEXT NOT NULL DEFAULT '',
  modified TEXT NOT NULL DEFAULT '',
  UNIQUE(source_id, advisory));
CREATE TABLE aliases(
  advisory_id INTEGER NOT NULL REFERENCES advisories(id) ON DELETE CASCADE,
  alias TEXT NOT NULL,
  PRIMARY KEY(advisory_id, alias)) WITHOUT ROWID;
CREATE TABLE affected(
  advisory_id INTEGER NOT NULL REFERENCES advisories(id) ON DELETE CASCADE,
  ecosystem TEXT NOT NULL,
  release TEXT NOT NULL,
  package TEXT NOT NULL,
  introduced TEXT NOT NULL DEFAULT '',
  fixed TEXT NOT NULL DEFAULT '',
  last_affected TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK(status IN ('fixed', 'unfixed', 'not-affected')),
  severity TEXT NOT NULL DEFAULT '',
  CHECK(ecosystem <> '' AND package <> ''),
  CHECK(status <> 'fixed' OR fixed <> ''));
CREATE INDEX affected_lookup ON affected(ecosystem, release, package);
CREATE INDEX affected_advisory ON affected(advisory_id);
)sql",
    // 2: what `drydock db update` fetched from each URL (conditional and resumed requests).
    R"sql(
CREATE TABLE fetch_state(
  url TEXT PRIMARY KEY,
  etag TEXT NOT NULL DEFAULT '',
  last_modified TEXT NOT NULL DEFAULT '',
  fetched_at TEXT NOT NULL,
  bytes INTEGER NOT NULL DEFAULT 0,
  sha256 TEXT NOT NULL DEFAULT '');
)sql",
};

core::Error DbError(sqlite3* db, const std::string& what) {
  std::string message = what;
  if (db != nullptr) message += ": " + std::string(sqlite3_errmsg(db));
  return core::Error{core::ErrorCode::kInput, std::move(message), {}};
}

// A prepared statement, reset after each use.
class Stmt {
 public:
  Stmt() = default;
  Stmt(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) stmt_ = nullptr;
  }
  Stmt(Stmt&& other) noexcept : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)) {}
  Stmt& operator=(Stmt&& other) noexcept {
    std::swap(db_, other.db_);
    std::swap(stmt_, other.stmt_);
    return *this;
  }
  ~Stmt() { sqlite3_finalize(stmt_); }

  bool ok() const { return stmt_ != nullptr; }
  Stmt& Bind(int index, std::string_view text) {
    sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& Bind(int index, std::int64_t value) {
    sqlite3_bind_int64(stmt_, index, value);
    return *this;
  }
  // SQLITE_ROW, SQLITE_DONE or an error code.
  int Step() { return sqlite3_step(stmt_); }
  core::Result<void> Run(const char* what) {
    const int rc = Step();
    Reset();
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) return tl::unexpected(DbError(db_, what));
    return {};
  }
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::string Text(int column) const {
    const auto* text = sqlite3_column_text(stmt_, column);
    return text != nullptr
               ? std::string(reinterpret_cast<const char*>(text),
                             static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)))
               : std::string();
  }
  std::int64_t Int(int column) const { return sqlite3_column_int64(stmt_, column); }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

core::Result<void> Exec(sqlite3* db, const char* sql, const std::string& what) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = what + ": " + (message != nullptr ? message : "failed");
    sqlite3_free(message);
    return tl::unexpected(core::Error{core::ErrorCode::kInput, std::move(text), {}});
  }
  return {};
}

Status ParseStatus(std::string_view name) {
  if (name == "unfixed") return Status::kUnfixed;
  if (name == "not-affected") return Status::kNotAffected;
  return Status::kFixed;
}

}  // namespace

const char* StatusName(Status status) {
  switch (status) {
    case Status::kUnfixed:
      return "unfixed";
    case Status::kNotAffected:
      return "not-affected";
    case Status::kFixed:
      break;
  }
  return "fixed";
}

std::string DefaultDatabasePath() {
  const char* cache = std::getenv("XDG_CACHE_HOME");
  std::filesystem::path base;
  if (cache != nullptr && *cache == '/') {
    base = cache;
  } else {
    const char* home = std::getenv("HOME");
    base = std::filesystem::path(home != nullptr ? home : ".") / ".cache";
  }
  return (base / "drydock" / "vuln.db").string();
}

using PackageRows = std::unordered_map<std::string, std::vector<RangeRow>>;

// Feeds with at least this many ranges are imported with the affected indexes dropped and
// rebuilt (the tracker JSON, OSV exports); smaller ones go through the indexes.
constexpr std::size_t kBulkImportRanges = 50000;
constexpr const char* kAffectedIndexes =
    "CREATE INDEX affected_lookup ON affected(ecosystem, release, package);"
    "CREATE INDEX affected_advisory ON affected(advisory_id);";

std::string UtcNow() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

struct Database::Statements {
  Stmt delete_source, insert_source, insert_advisory, insert_alias, insert_affected, lookup,
      lookup_release;
  // LookupMany's state: how often each (ecosystem, release) was asked for, the releases loaded
  // into memory, and the rows of the last query answered from SQL.
  std::map<std::pair<std::string, std::string>, int, std::less<>> asked;
  std::map<std::pair<std::string, std::string>, PackageRows, std::less<>> releases;
  PackageRows last;
};

Database::Database(sqlite3* db, std::string path)
    : db_(db), path_(std::move(path)), stmts_(std::make_unique<Statements>()) {}

Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)),
      path_(std::move(other.path_)),
      stmts_(std::move(other.stmts_)) {}

Database& Database::operator=(Database&& other) noexcept {
  std::swap(db_, other.db_);
  std::swap(path_, other.path_);
  std::swap(stmts_, other.stmts_);
  return *this;
}

Database::~Database() {
  stmts_.reset();  // statements before the connection
  sqlite3_close(db_);
}

core::Result<Database> Database::Open(const std::string& path, bool create) {
  if (create) {
    std::error_code ec;
    const auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  }
  sqlite3* raw = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &raw, flags, nullptr) != SQLITE_OK) {
    core::Error e = DbError(raw, path + ": cannot open the vulnerability database");
    sqlite3_close(raw);
    return tl::unexpected(std::move(e));
  }
  Database db(raw, path);
  sqlite3_busy_timeout(raw, 5000);
  // WAL with synchronous NORMAL: a crash can lose the last import, never corrupt the database.
  DD_TRY(Exec(raw,
              "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; "
              "PRAGMA synchronous = NORMAL; PRAGMA mmap_size = 268435456; "
              "PRAGMA cache_size = -65536;",
              path));
  DD_TRY(db.Migrate());
  auto& s = *db.stmts_;
  s.delete_source = Stmt(raw, "DELETE FROM sources WHERE name = ?1");
  s.insert_source = Stmt(raw,
                         "INSERT INTO sources(name, format, location, imported_at) "
                         "VALUES(?1, ?2, ?3, ?4)");
  s.insert_advisory = Stmt(raw,
                           "INSERT OR IGNORE INTO advisories(source_id, advisory, summary, "
                           "severity, published, modified) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
  s.insert_alias = Stmt(raw, "INSERT OR IGNORE INTO aliases(advisory_id, alias) VALUES(?1, ?2)");
  s.insert_affected = Stmt(raw,
                           "INSERT INTO affected(advisory_id, ecosystem, release, package, "
                           "introduced, fixed, last_affected, status, severity) "
                           "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  // One query for a whole inventory: the package names come in as a JSON array (json_each),
  // each probes the (ecosystem, release, package) index, and the aliases ride along. The
  // release query reads the same columns for every package of a release.
  const std::string columns =
      "SELECT f.package, a.advisory, a.severity, s.name, f.introduced, f.fixed, "
      "f.last_affected, f.status, f.severity, "
      "(SELECT group_concat(alias, char(10)) FROM "
      "  (SELECT alias FROM aliases WHERE advisory_id = a.id ORDER BY alias)) ";
  const std::string joins =
      "JOIN advisories a ON a.id = f.advisory_id JOIN sources s ON s.id = a.source_id ";
  const std::string lookup = columns +
                             "FROM (SELECT DISTINCT value AS name FROM json_each(?3)) p "
                             "CROSS JOIN affected f ON f.ecosystem = ?1 AND f.release = ?2 "
                             "  AND f.package = p.name " +
                             joins + "ORDER BY f.package, a.advisory, f.rowid";
  const std::string lookup_release = columns + "FROM affected f " + joins +
                                     "WHERE f.ecosystem = ?1 AND f.release = ?2 "
                                     "ORDER BY f.package, a.advisory, f.rowid";
  s.lookup = Stmt(raw, lookup.c_str());
  s.lookup_release = Stmt(raw, lookup_release.c_str());
  for (const Stmt* stmt : {&s.delete_source, &s.insert_source, &s.insert_advisory, &s.insert_alias,
                           &s.insert_affected, &s.lookup, &s.lookup_release}) {
    if (!stmt->ok()) return tl::unexpected(DbError(raw, path + ": preparing statements"));
  }
  return db;
}

core::Result<void> Database::Migrate() {
  int version = 0;
  {
    Stmt has_meta(db_, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'");
    if (!has_meta.ok()) return tl::unexpected(DbError(db_, path_ + ": not a database"));
    if (has_meta.Step() == SQLITE_ROW && has_meta.Int(0) > 0) {
      Stmt get(db_, "SELECT value FROM meta WHERE key = 'schema_version'");
      if (get.ok() && get.Step() == SQLITE_ROW) version = std::atoi(get.Text(0).c_str());
    }
  }
  constexpr int kLatest = static_cast<int>(std::size(kMigrations));
  if (version > kLatest) {
    return tl::unexpected(core::Error{
        core::ErrorCode::kInput,
        path_ + ": vulnerability database schema " + std::to_string(version) +
            " is newer than this drydock's (" + std::to_string(kLatest) + "); upgrade drydock",
        {}});
  }
  for (int next = version + 1; next <= kLatest; ++next) {
    if (auto r = Exec(db_, "BEGIN IMMEDIATE", path_); !r) return r;
    auto applied = Exec(db_, kMigrations[next - 1], path_ + ": migration");
    if (applied) {
      const std::string stamp =
          "INSERT OR REPLACE INTO meta(key, value) VALUES('schema_version', '" +
          std::to_string(next) + "')";
      applied = Exec(db_, stamp.c_str(), path_);
    }
    if (!applied) {
      (void)Exec(db_, "ROLLBACK", path_);
      return applied;
    }
    if (auto r = Exec(db_, "COMMIT", path_); !r) return r;
  }
  return {};
}

core::Result<void> Database::Import(const Feed& feed, const std::string& imported_at) {
  auto& s = *stmts_;
  if (auto r = Exec(db_, "BEGIN IMMEDIATE", path_); !r) return r;
  auto body = [&]() -> core::Result<void> {
    if (auto r = s.delete_source.Bind(1, feed.source).Run("deleting the previous import"); !r) {
      return r;
    }
    s.insert_source.Bind(1, feed.source)
        .Bind(2, feed.format)
        .Bind(3, feed.location)
        .Bind(4, imported_at);
    if (auto r = s.insert_source.Run("recording the source"); !r) return r;
    const std::int64_t source_id = sqlite3_last_insert_rowid(db_);
    // A large feed goes in without the affected table's indexes, which are rebuilt once at the
    // end (sorting beats ~1 M random B-tree inserts); the old rows are already gone, deleted
    // with the indexes there, and it is all one transaction.
    std::size_t ranges = 0;
    for (const Advisory& a : feed.advisories) ranges += a.affected.size();
    const bool bulk = ranges >= kBulkImportRanges;
    if (bulk) {
      if (auto r = Exec(db_, "DROP INDEX affected_lookup; DROP INDEX affected_advisory;", path_);
          !r) {
        return r;
      }
    }
    std::map<std::string, std::int64_t> ids;  // an advisory repeated in a feed is merged
    for (const Advisory& a : feed.advisories) {
      std::int64_t advisory_id = 0;
      if (auto it = ids.find(a.id); it != ids.end()) {
        advisory_id = it->second;
      } else {
        s.insert_advisory.Bind(1, source_id)
            .Bind(2, a.id)
            .Bind(3, a.summary)
            .Bind(4, a.severity)
            .Bind(5, a.published)
            .Bind(6, a.modified);
        if (auto r = s.insert_advisory.Run("storing an advisory"); !r) return r;
        advisory_id = sqlite3_last_insert_rowid(db_);
        ids.emplace(a.id, advisory_id);
      }
      for (const std::string& alias : a.aliases) {
        if (alias == a.id) continue;
        if (auto r = s.insert_alias.Bind(1, advisory_id).Bind(2, alias).Run("storing an alias");
            !r) {
          return r;
        }
      }
      for (const AffectedRange& f : a.affected) {
        s.insert_affected.Bind(1, advisory_id)
            .Bind(2, f.ecosystem)
            .Bind(3, f.release)
            .Bind(4, f.package)
            .Bind(5, f.introduced)
            .Bind(6, f.fixed)
            .Bind(7, f.last_affected)
            .Bind(8, StatusName(f.status))
            .Bind(9, f.severity);
        if (auto r = s.insert_affected.Run("storing an affected range"); !r) return r;
      }
    }
    if (bulk) return Exec(db_, kAffectedIndexes, path_);
    return {};
  };
  s.asked.clear();  // cached rows are stale after an import
  s.releases.clear();
  s.last.clear();
  auto result = body();
  if (!result) {
    (void)Exec(db_, "ROLLBACK", path_);
    return result;
  }
  return Exec(db_, "COMMIT", path_);
}

core::Result<std::string> Database::OldestImport() {
  Stmt oldest(db_, "SELECT min(imported_at) FROM sources");
  if (!oldest.ok() || oldest.Step() != SQLITE_ROW) {
    return tl::unexpected(DbError(db_, path_ + ": reading sources"));
  }
  return oldest.Text(0);  // NULL (no source) reads as ""
}

core::Result<DatabaseInfo> Database::Info() {
  DatabaseInfo info;
  info.path = path_;
  Stmt version(db_, "SELECT value FROM meta WHERE key = 'schema_version'");
  if (version.ok() && version.Step() == SQLITE_ROW) {
    info.schema_version = std::atoi(version.Text(0).c_str());
  }
  Stmt sources(db_,
               "SELECT s.name, s.format, s.location, s.imported_at, "
               "(SELECT count(*) FROM advisories a WHERE a.source_id = s.id), "
               "(SELECT count(*) FROM affected f JOIN advisories a ON a.id = f.advisory_id "
               " WHERE a.source_id = s.id) FROM sources s ORDER BY s.name");
  if (!sources.ok()) return tl::unexpected(DbError(db_, path_ + ": reading sources"));
  while (sources.Step() == SQLITE_ROW) {
    SourceInfo s{sources.Text(0), sources.Text(1), sources.Text(2),
                 sources.Text(3), sources.Int(4),  sources.Int(5)};
    info.advisories += s.advisories;
    info.ranges += s.ranges;
    info.sources.push_back(std::move(s));
  }
  return info;
}

core::Result<std::vector<RangeRow>> Database::Lookup(std::string_view ecosystem,
                                                     std::string_view release,
                                                     std::string_view package) {
  const auto rows = DD_TRY(LookupMany(ecosystem, release, {std::string(package)}));
  auto it = rows.find(package);
  if (it == rows.end()) return std::vector<RangeRow>{};
  return *it->second;
}

core::Result<void> Database::BeginRead() { return Exec(db_, "BEGIN", path_); }

core::Result<void> Database::EndRead() { return Exec(db_, "COMMIT", path_); }

namespace {

// Reads the rows of a lookup statement (columns as Open prepares them) into `out`, by package.
core::Result<void> ReadRanges(Stmt& q, sqlite3* db, const std::string& path,
                              std::string_view ecosystem, std::string_view release,
                              PackageRows& out) {
  int rc = 0;
  std::vector<RangeRow>* current = nullptr;
  while ((rc = q.Step()) == SQLITE_ROW) {
    std::string package = q.Text(0);
    if (current == nullptr || current->front().range.package != package) {
      current = &out[package];
    }
    RangeRow row;
    row.advisory = q.Text(1);
    row.source = q.Text(3);
    row.range.ecosystem = std::string(ecosystem);
    row.range.release = std::string(release);
    row.range.package = std::move(package);
    row.range.introduced = q.Text(4);
    row.range.fixed = q.Text(5);
    row.range.last_affected = q.Text(6);
    row.range.status = ParseStatus(q.Text(7));
    row.range.severity = q.Text(8);
    row.severity = row.range.severity.empty() ? q.Text(2) : row.range.severity;
    const std::string aliases = q.Text(9);
    for (std::size_t pos = 0; pos < aliases.size();) {
      std::size_t end = aliases.find('\n', pos);
      if (end == std::string::npos) end = aliases.size();
      row.aliases.push_back(aliases.substr(pos, end - pos));
      pos = end + 1;
    }
    current->push_back(std::move(row));
  }
  q.Reset();
  if (rc != SQLITE_DONE) return tl::unexpected(DbError(db, path + ": lookup"));
  return {};
}

}  // namespace

core::Result<Database::RowsByPackage> Database::LookupMany(
    std::string_view ecosystem, std::string_view release,
    const std::vector<std::string>& packages) {
  Statements& s = *stmts_;
  RowsByPackage out;
  const auto key = std::make_pair(std::string(ecosystem), std::string(release));
  const PackageRows* rows = nullptr;
  if (auto loaded = s.releases.find(key); loaded != s.releases.end()) {
    rows = &loaded->second;
  } else if (++s.asked[key] >= 2) {
    // The second inventory of this release in this run: load the release once.
    PackageRows all;
    s.lookup_release.Bind(1, ecosystem).Bind(2, release);
    DD_TRY(ReadRanges(s.lookup_release, db_, path_, ecosystem, release, all));
    rows = &s.releases.emplace(key, std::move(all)).first->second;
  } else {
    // Names from an image are attacker-chosen: nlohmann's dump escapes them (invalid UTF-8 is
    // replaced, not rejected), and they are bound as one parameter, never spliced into SQL.
    s.last.clear();
    if (packages.empty()) return out;
    const std::string names =
        nlohmann::json(packages).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    s.lookup.Bind(1, ecosystem).Bind(2, release).Bind(3, names);
    DD_TRY(ReadRanges(s.lookup, db_, path_, ecosystem, release, s.last));
    rows = &s.last;
  }
  for (const std::string& name : packages) {
    if (auto it = rows->find(name); it != rows->end()) out.emplace(name, &it->second);
  }
  return out;
}

core::Result<std::optional<FetchState>> Database::GetFetchState(const std::string& url) {
  Stmt get(db_,
           "SELECT etag, last_modified, fetched_at, bytes, sha256 FROM fetch_state WHERE url = ?1");
  if (!get.ok()) return tl::unexpected(DbError(db_, path_ + ": reading the fetch state"));
  get.Bind(1, url);
  const int rc = get.Step();
  if (rc == SQLITE_DONE) return std::optional<FetchState>();
  if (rc != SQLITE_ROW) return tl::unexpected(DbError(db_, path_ + ": reading the fetch state"));
  return std::optional<FetchState>(
      FetchState{url, get.Text(0), get.Text(1), get.Text(2), get.Int(3), get.Text(4)});
}

core::Result<void> Database::PutFetchState(const FetchState& state) {
  Stmt put(db_,
           "INSERT OR REPLACE INTO fetch_state(url, etag, last_modified, fetched_at, bytes, "
           "sha256) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
  if (!put.ok()) return tl::unexpected(DbError(db_, path_ + ": storing the fetch state"));
  put.Bind(1, state.url)
      .Bind(2, state.etag)
      .Bind(3, state.last_modified)
      .Bind(4, state.fetched_at)
      .Bind(5, state.bytes)
      .Bind(6, state.sha256);
  return put.Run("storing the fetch state");
}

}  // namespace drydock::vuln
