// SPDX-License-Identifier: Apache-2.0
// Benchmark driver for the vulnerability database (bench/vuln.sh).
//   drydock_vuln_bench import NAME FILE…   parse (vuln::ReadFeed) and import (Database::Import)
//                                         each file into a fresh database, best of 3; one JSON
//                                         line: advisories, ranges, parse/import seconds, records/s
//   drydock_vuln_bench match DB IMAGE…     package lookups against DB: the inventories of the
//                                         images, matched in a loop for >= 2 s (MatchPackages)
//                                         warm (one Database) and cold (a fresh one per round),
//                                         and the same packages through Database::Lookup alone
// Records = affected ranges (one row per advisory × release × package), the unit the database
// stores and matching reads.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include <unistd.h>

#include "audit/image.h"
#include "packages/inventory.h"
#include "sources/image/reader.h"
#include "vuln/db.h"
#include "vuln/importers.h"
#include "vuln/match.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using drydock::vuln::Database;

double Seconds(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

int Fail(const std::string& what) {
  std::fprintf(stderr, "drydock_vuln_bench: %s\n", what.c_str());
  return 2;
}

int Import(const std::string& name, const std::vector<std::string>& files) {
  double parse_best = 1e9;
  double import_best = 1e9;
  std::size_t advisories = 0;
  std::size_t ranges = 0;
  std::uintmax_t bytes = 0;
  for (const auto& f : files) bytes += fs::file_size(f);
  const fs::path dir =
      fs::temp_directory_path() / ("drydock-vuln-bench-" + std::to_string(getpid()));
  for (int round = 0; round < 3; ++round) {
    fs::remove_all(dir);
    auto db = Database::Open((dir / "vuln.db").string(), /*create=*/true);
    if (!db) return Fail(db.error().ToString());
    double parse = 0;
    double import = 0;
    advisories = 0;
    ranges = 0;
    for (const auto& f : files) {
      auto start = Clock::now();
      auto feed = drydock::vuln::ReadFeed(f);
      parse += Seconds(start);
      if (!feed) return Fail(feed.error().ToString());
      // Distinct source names so that several files of one format do not replace each other.
      feed->source += " " + f;
      for (const auto& a : feed->advisories) ranges += a.affected.size();
      advisories += feed->advisories.size();
      start = Clock::now();
      auto imported = db->Import(*feed, "2026-01-01T00:00:00Z");
      import += Seconds(start);
      if (!imported) return Fail(imported.error().ToString());
    }
    parse_best = std::min(parse_best, parse);
    import_best = std::min(import_best, import);
  }
  fs::remove_all(dir);
  const nlohmann::json line = {
      {"bench", "import"},
      {"feed", name},
      {"files", files.size()},
      {"bytes", bytes},
      {"advisories", advisories},
      {"ranges", ranges},
      {"parse_s", parse_best},
      {"import_s", import_best},
      {"records_per_s", static_cast<double>(ranges) / (parse_best + import_best)},
      {"parse_mb_per_s", static_cast<double>(bytes) / 1e6 / parse_best}};
  std::printf("%s\n", line.dump().c_str());
  return 0;
}

int Match(const std::string& db_path, const std::vector<std::string>& images) {
  auto db = Database::Open(db_path, /*create=*/false);
  if (!db) return Fail(db.error().ToString());
  std::vector<drydock::packages::Inventory> inventories;
  std::size_t packages = 0;
  for (const auto& image : images) {
    drydock::sources::image::ReadOptions options = drydock::audit::ScannedReadOptions();
    options.scan_secrets = false;
    auto spec = drydock::sources::image::ReadImage(image, options);
    if (!spec) return Fail(spec.error().ToString());
    inventories.push_back(drydock::packages::ReadInventory(*spec));
    packages += inventories.back().packages.size();
  }
  // Whole matching (lookup + version comparison + merging), as an image scan runs it.
  // warm: one Database for the whole loop, as `drydock scan` of many images or a server runs;
  // from the second inventory of a release on, that release is answered from memory.
  // cold: a fresh Database (open + schema check) per round, so each inventory goes through one
  // SQL query, as a single `drydock image` run does.
  std::size_t matched = 0;
  double rates[2] = {0, 0};
  for (int cold = 0; cold < 2; ++cold) {
    std::size_t lookups = 0;
    std::size_t rounds = 0;
    matched = 0;
    auto start = Clock::now();
    while (rounds < 3 || Seconds(start) < 2.0) {
      std::optional<Database> fresh;
      if (cold == 1) {
        auto opened = Database::Open(db_path, /*create=*/false);
        if (!opened) return Fail(opened.error().ToString());
        fresh.emplace(std::move(*opened));
      }
      Database& use = cold == 1 ? *fresh : *db;
      for (const auto& inventory : inventories) {
        auto m = drydock::vuln::MatchPackages(inventory, use, {});
        if (!m) return Fail(m.error().ToString());
        matched += m->size();
        lookups += inventory.packages.size();
      }
      ++rounds;
    }
    rates[cold] = static_cast<double>(lookups) / Seconds(start);
    matched /= rounds;
  }
  // The lookups alone, one per package.
  std::size_t rows = 0;
  std::size_t raw = 0;
  auto start = Clock::now();
  while (raw < 3 * packages || Seconds(start) < 2.0) {
    for (const auto& inventory : inventories) {
      const std::string ecosystem = drydock::vuln::FeedEcosystem(inventory);
      for (const auto& pkg : inventory.packages) {
        auto r = db->Lookup(ecosystem, inventory.os_release, pkg.source_name);
        if (!r) return Fail(r.error().ToString());
        rows += r->size();
        ++raw;
      }
    }
  }
  const double lookup_s = Seconds(start);
  const nlohmann::json line = {
      {"bench", "match"},
      {"images", images.size()},
      {"packages", packages},
      {"matches_per_round", matched},
      {"match_lookups_per_s_warm", rates[0]},
      {"match_lookups_per_s_cold", rates[1]},
      {"raw_lookups_per_s", static_cast<double>(raw) / lookup_s},
      {"rows_per_lookup", static_cast<double>(rows) / static_cast<double>(raw)}};
  std::printf("%s\n", line.dump().c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() >= 3 && args[0] == "import") {
    return Import(args[1], std::vector<std::string>(args.begin() + 2, args.end()));
  }
  if (args.size() >= 3 && args[0] == "match") {
    return Match(args[1], std::vector<std::string>(args.begin() + 2, args.end()));
  }
  std::fprintf(stderr,
               "usage: drydock_vuln_bench import NAME FILE…\n"
               "       drydock_vuln_bench match DB IMAGE…\n");
  return 2;
}
