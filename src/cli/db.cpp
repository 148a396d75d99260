// SPDX-License-Identifier: Apache-2.0
#include "cli/db.h"

#include <ctime>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/cli.h"
#include "vuln/db.h"
#include "vuln/importers.h"

namespace drydock::cli {

namespace {

std::string NowUtc() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

std::string DbPath(const DbOptions& o) {
  return o.db.empty() ? vuln::DefaultDatabasePath() : o.db;
}

}  // namespace

int RunDbImport(const DbOptions& o, std::ostream& out, std::ostream& err) {
  const std::string format_name = o.format.empty() ? "auto" : o.format;
  auto format = vuln::ParseFeedFormat(format_name);
  if (!format) {
    err << "drydock: error: --format: unknown feed format '" << format_name
        << "' (expected auto, alpine-secdb, debian-dsa-list or debian-tracker-json)\n";
    return kExitUsage;
  }
  auto db = vuln::Database::Open(DbPath(o), true);
  if (!db) {
    err << "drydock: error: " << db.error().ToString() << "\n";
    return kExitUsage;
  }
  for (const std::string& path : o.paths) {
    auto feed = vuln::ReadFeed(path, *format);
    if (!feed) {
      err << "drydock: error: " << feed.error().ToString() << "\n";
      return kExitUsage;
    }
    std::size_t ranges = 0;
    for (const auto& a : feed->advisories) ranges += a.affected.size();
    if (auto imported = db->Import(*feed, NowUtc()); !imported) {
      err << "drydock: error: " << path << ": " << imported.error().ToString() << "\n";
      return kExitUsage;
    }
    out << "imported " << feed->source << " (" << feed->format << "): "
        << feed->advisories.size() << " advisories, " << ranges << " affected ranges from "
        << path << "\n";
  }
  return 0;
}

int RunDbInfo(const DbOptions& o, std::ostream& out, std::ostream& err) {
  const std::string path = DbPath(o);
  auto db = vuln::Database::Open(path, false);
  if (!db) {
    err << "drydock: error: " << db.error().ToString()
        << "\n(import feeds first: drydock db import FILE…)\n";
    return kExitUsage;
  }
  auto info = db->Info();
  if (!info) {
    err << "drydock: error: " << info.error().ToString() << "\n";
    return kExitUsage;
  }
  if (o.format == "json") {
    nlohmann::json j{{"path", info->path},
                     {"schema_version", info->schema_version},
                     {"advisories", info->advisories},
                     {"ranges", info->ranges}};
    j["sources"] = nlohmann::json::array();
    for (const auto& s : info->sources) {
      j["sources"].push_back({{"name", s.name},
                              {"format", s.format},
                              {"location", s.location},
                              {"imported_at", s.imported_at},
                              {"advisories", s.advisories},
                              {"ranges", s.ranges}});
    }
    out << j.dump(2) << "\n";
    return 0;
  }
  if (!o.format.empty() && o.format != "table") {
    err << "drydock: error: --format: expected table or json\n";
    return kExitUsage;
  }
  out << info->path << " (schema " << info->schema_version << "): " << info->sources.size()
      << " sources, " << info->advisories << " advisories, " << info->ranges
      << " affected ranges\n";
  for (const auto& s : info->sources) {
    out << "  " << s.name << "  " << s.format << "  " << s.advisories << " advisories, "
        << s.ranges << " ranges, imported " << s.imported_at << " from " << s.location << "\n";
  }
  return 0;
}

}  // namespace drydock::cli
