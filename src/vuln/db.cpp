// SPDX-License-Identifier: Apache-2.0
#include "vuln/db.h"

#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <map>
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
};

core::Error DbError(sqlite3* db, const std::string& what) {
  std::string message = what;
  if (db != nullptr) message += ": " + std::string(sqlite3_errmsg(db));
  return core::Error{core::ErrorCode::kInput, std::move(message), {}, nullptr};
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
    return text != nullptr ? std::string(reinterpret_cast<const char*>(text),
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
    return tl::unexpected(core::Error{core::ErrorCode::kInput, std::move(text), {}, nullptr});
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

struct Database::Statements {
  Stmt delete_source, insert_source, insert_advisory, insert_alias, insert_affected, lookup;
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
  const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) |
                    SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &raw, flags, nullptr) != SQLITE_OK) {
    core::Error e = DbError(raw, path + ": cannot open the vulnerability database");
    sqlite3_close(raw);
    return tl::unexpected(std::move(e));
  }
  Database db(raw, path);
  sqlite3_busy_timeout(raw, 5000);
  if (auto fk = Exec(raw, "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL;", path); !fk) {
    return tl::unexpected(fk.error());
  }
  if (auto migrated = db.Migrate(); !migrated) return tl::unexpected(migrated.error());
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
  s.lookup = Stmt(raw,
                  "SELECT a.advisory, a.severity, s.name, f.introduced, f.fixed, f.last_affected, "
                  "f.status, f.severity, a.id FROM affected f "
                  "JOIN advisories a ON a.id = f.advisory_id JOIN sources s ON s.id = a.source_id "
                  "WHERE f.ecosystem = ?1 AND f.release = ?2 AND f.package = ?3 "
                  "ORDER BY a.advisory, f.rowid");
  for (const Stmt* stmt : {&s.delete_source, &s.insert_source, &s.insert_advisory,
                           &s.insert_alias, &s.insert_affected, &s.lookup}) {
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
        {}, nullptr});
  }
  for (int next = version + 1; next <= kLatest; ++next) {
    if (auto r = Exec(db_, "BEGIN IMMEDIATE", path_); !r) return r;
    auto applied = Exec(db_, kMigrations[next - 1], path_ + ": migration");
    if (applied) {
      const std::string stamp = "INSERT OR REPLACE INTO meta(key, value) VALUES('schema_version', '" +
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
    s.insert_source.Bind(1, feed.source).Bind(2, feed.format).Bind(3, feed.location)
        .Bind(4, imported_at);
    if (auto r = s.insert_source.Run("recording the source"); !r) return r;
    const std::int64_t source_id = sqlite3_last_insert_rowid(db_);
    std::map<std::string, std::int64_t> ids;  // an advisory repeated in a feed is merged
    for (const Advisory& a : feed.advisories) {
      std::int64_t advisory_id = 0;
      if (auto it = ids.find(a.id); it != ids.end()) {
        advisory_id = it->second;
      } else {
        s.insert_advisory.Bind(1, source_id).Bind(2, a.id).Bind(3, a.summary).Bind(4, a.severity)
            .Bind(5, a.published).Bind(6, a.modified);
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
        s.insert_affected.Bind(1, advisory_id).Bind(2, f.ecosystem).Bind(3, f.release)
            .Bind(4, f.package).Bind(5, f.introduced).Bind(6, f.fixed).Bind(7, f.last_affected)
            .Bind(8, StatusName(f.status)).Bind(9, f.severity);
        if (auto r = s.insert_affected.Run("storing an affected range"); !r) return r;
      }
    }
    return {};
  };
  auto result = body();
  if (!result) {
    (void)Exec(db_, "ROLLBACK", path_);
    return result;
  }
  return Exec(db_, "COMMIT", path_);
}

core::Result<DatabaseInfo> Database::Info() {
  DatabaseInfo info;
  info.path = path_;
  Stmt version(db_, "SELECT value FROM meta WHERE key = 'schema_version'");
  if (version.ok() && version.Step() == SQLITE_ROW) info.schema_version = std::atoi(version.Text(0).c_str());
  Stmt sources(db_,
               "SELECT s.name, s.format, s.location, s.imported_at, "
               "(SELECT count(*) FROM advisories a WHERE a.source_id = s.id), "
               "(SELECT count(*) FROM affected f JOIN advisories a ON a.id = f.advisory_id "
               " WHERE a.source_id = s.id) FROM sources s ORDER BY s.name");
  if (!sources.ok()) return tl::unexpected(DbError(db_, path_ + ": reading sources"));
  while (sources.Step() == SQLITE_ROW) {
    SourceInfo s{sources.Text(0), sources.Text(1), sources.Text(2), sources.Text(3),
                 sources.Int(4), sources.Int(5)};
    info.advisories += s.advisories;
    info.ranges += s.ranges;
    info.sources.push_back(std::move(s));
  }
  return info;
}

core::Result<std::vector<RangeRow>> Database::Lookup(std::string_view ecosystem,
                                                     std::string_view release,
                                                     std::string_view package) {
  std::vector<RangeRow> rows;
  Stmt& q = stmts_->lookup;
  q.Bind(1, ecosystem).Bind(2, release).Bind(3, package);
  std::map<std::int64_t, std::vector<std::string>> alias_cache;
  Stmt aliases(db_, "SELECT alias FROM aliases WHERE advisory_id = ?1 ORDER BY alias");
  int rc = 0;
  while ((rc = q.Step()) == SQLITE_ROW) {
    RangeRow row;
    row.advisory = q.Text(0);
    row.source = q.Text(2);
    row.range.ecosystem = std::string(ecosystem);
    row.range.release = std::string(release);
    row.range.package = std::string(package);
    row.range.introduced = q.Text(3);
    row.range.fixed = q.Text(4);
    row.range.last_affected = q.Text(5);
    row.range.status = ParseStatus(q.Text(6));
    row.range.severity = q.Text(7);
    row.severity = row.range.severity.empty() ? q.Text(1) : row.range.severity;
    const std::int64_t id = q.Int(8);
    auto it = alias_cache.find(id);
    if (it == alias_cache.end()) {
      std::vector<std::string> list;
      aliases.Bind(1, id);
      while (aliases.Step() == SQLITE_ROW) list.push_back(aliases.Text(0));
      aliases.Reset();
      it = alias_cache.emplace(id, std::move(list)).first;
    }
    row.aliases = it->second;
    rows.push_back(std::move(row));
  }
  q.Reset();
  if (rc != SQLITE_DONE) return tl::unexpected(DbError(db_, path_ + ": lookup"));
  return rows;
}

}  // namespace drydock::vuln
