// SPDX-License-Identifier: Apache-2.0
#include "cli/db.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/cli.h"
#include "vuln/db.h"
#include "vuln/importers.h"
#include "vuln/update.h"

namespace drydock::cli {

namespace {

std::string DbPath(const DbOptions& o) { return o.db.empty() ? vuln::DefaultDatabasePath() : o.db; }

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
    if (auto imported = db->Import(*feed, vuln::UtcNow()); !imported) {
      err << "drydock: error: " << path << ": " << imported.error().ToString() << "\n";
      return kExitUsage;
    }
    out << "imported " << feed->source << " (" << feed->format << "): " << feed->advisories.size()
        << " advisories, " << ranges << " affected ranges from " << path << "\n";
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
    out << "  " << s.name << "  " << s.format << "  " << s.advisories << " advisories, " << s.ranges
        << " ranges, imported " << s.imported_at << " from " << s.location << "\n";
  }
  return 0;
}

namespace {

vuln::UpdateOptions ToUpdateOptions(const DbUpdateOptions& o, std::string* error) {
  vuln::UpdateOptions u;
  u.db_path = o.db;
  u.sources = o.sources;
  u.all = o.all;
  u.force = o.force;
  u.alpine_branches = o.alpine_branches;
  for (const std::string& pair : o.urls) {
    const auto eq = pair.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == pair.size()) {
      *error = "--url: expected NAME=URL, got '" + pair + "'";
      return u;
    }
    u.urls.emplace_back(pair.substr(0, eq), pair.substr(eq + 1));
  }
  u.fetch.retries = o.retries < 0 ? 0 : (o.retries > 10 ? 10 : o.retries);
  u.fetch.ca_bundle = o.ca_bundle;
  if (u.fetch.ca_bundle.empty()) {
    if (const char* env = std::getenv("CURL_CA_BUNDLE"); env != nullptr) u.fetch.ca_bundle = env;
  }
  return u;
}

std::string Mib(std::int64_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return text;
}

}  // namespace

DbUpdateCommands AddDbUpdateCommands(CLI::App& db, DbUpdateOptions& o) {
  DbUpdateCommands cmds;
  cmds.update = db.add_subcommand(
      "update",
      "Download the official feeds (Debian security tracker, DSA/DLA lists, Alpine secdb, OSV "
      "exports) and import them; conditional (ETag/Last-Modified) and resumable");
  cmds.update->add_option("--db", o.db, "Database file (default $XDG_CACHE_HOME/drydock/vuln.db)");
  cmds.update->add_option("--source", o.sources,
                          "Update only this source (repeatable; see drydock db sources)");
  cmds.update->add_option("--url", o.urls,
                          "NAME=URL: fetch source NAME from URL (repeatable; also "
                          "$DRYDOCK_FEED_URL_<NAME>)");
  cmds.update->add_option("--alpine-branch", o.alpine_branches,
                          std::string("Alpine branch of the built-in list (repeatable; default "
                                      "$DRYDOCK_ALPINE_BRANCHES or ") +
                              vuln::kDefaultAlpineBranches + ")");
  cmds.update->add_flag("--all", o.all, "Every source, not only the default set");
  cmds.update->add_flag("--list", o.list, "List the sources and exit (= drydock db sources)");
  cmds.update->add_flag("--force", o.force, "Download even when the server says unchanged");
  cmds.update->add_option("--retries", o.retries, "Retries of a transient failure (default 3)");
  cmds.update->add_option("--ca-bundle", o.ca_bundle,
                          "CA certificates for HTTPS (default: system; also $CURL_CA_BUNDLE)");
  cmds.sources = db.add_subcommand("sources", "List the feeds drydock db update knows");
  cmds.sources->add_option("--alpine-branch", o.alpine_branches, "Alpine branch (repeatable)");
  cmds.sources->add_option("--format,-f", o.format, "table or json");
  return cmds;
}

int RunDbSources(const DbUpdateOptions& o, std::ostream& out, std::ostream& err) {
  const auto sources =
      vuln::BuiltinSources(o.alpine_branches.empty() ? vuln::AlpineBranches() : o.alpine_branches);
  if (o.format == "json") {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& s : sources) {
      j.push_back({{"name", s.name},
                   {"url", s.url},
                   {"format", s.format},
                   {"default", s.in_default},
                   {"supported", vuln::FormatSupported(s.format)},
                   {"description", s.description}});
    }
    out << j.dump(2) << "\n";
    return 0;
  }
  if (!o.format.empty() && o.format != "table") {
    err << "drydock: error: --format: expected table or json\n";
    return kExitUsage;
  }
  for (const auto& s : sources) {
    const bool supported = vuln::FormatSupported(s.format);
    out << s.name << "  " << s.format << "  " << s.url
        << (s.in_default && supported ? "  [default]" : "")
        << (supported ? "" : "  [format not supported by this build]") << "\n";
  }
  return 0;
}

int RunDbUpdate(const DbUpdateOptions& o, std::ostream& out, std::ostream& err) {
  if (o.list) return RunDbSources(o, out, err);
  std::string usage_error;
  vuln::UpdateOptions u = ToUpdateOptions(o, &usage_error);
  if (!usage_error.empty()) {
    err << "drydock: error: " << usage_error << "\n";
    return kExitUsage;
  }
  auto sources = vuln::SelectSources(u);
  if (!sources) {
    err << "drydock: error: " << sources.error().ToString() << "\n";
    return kExitUsage;
  }
  // Progress only on a terminal; quiet otherwise.
  const bool tty = ::isatty(STDERR_FILENO) == 1 && &err == &std::cerr;
  std::string current;
  if (tty) {
    u.fetch.progress = [&](std::int64_t now, std::int64_t total) {
      err << "\r" << current << ": " << Mib(now);
      if (total > 0) err << " / " << Mib(total);
      err << "   " << std::flush;
    };
    u.fetch.note = [&](const std::string& note) { err << "\r" << current << ": " << note << "\n"; };
  }
  int failed = 0, updated = 0, unchanged = 0;
  auto report = [&](const vuln::SourceOutcome& r) {
    if (tty) err << "\r\033[K" << std::flush;
    switch (r.state) {
      case vuln::SourceOutcome::State::kUpdated:
        ++updated;
        out << r.name << ": updated " << r.feed << ": " << r.advisories << " advisories, "
            << r.ranges << " affected ranges (" << r.bytes << " bytes"
            << (r.resumed ? ", resumed" : "") << ")\n";
        break;
      case vuln::SourceOutcome::State::kUpToDate:
        ++unchanged;
        out << r.name << ": up to date\n";
        break;
      case vuln::SourceOutcome::State::kFailed:
        ++failed;
        err << "drydock: error: " << r.message << "\n";
        break;
    }
  };
  // The name of the source being fetched, for the progress line: set before each download by
  // updating one source at a time.
  for (const vuln::FeedSource& source : *sources) {
    current = source.name;
    auto outcomes = vuln::UpdateDatabase(u, {source}, report);
    if (!outcomes) {
      err << "drydock: error: " << outcomes.error().ToString() << "\n";
      return kExitUsage;
    }
  }
  out << updated << " updated, " << unchanged << " up to date, " << failed << " failed\n";
  return failed > 0 ? kExitUsage : 0;
}

}  // namespace drydock::cli
