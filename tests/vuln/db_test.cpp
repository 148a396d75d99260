// SPDX-License-Identifier: Apache-2.0
// Feed importers on the real feeds of ../shared/corpus/vulndb (expected counts computed from the
// files with an independent reader: PyYAML / a regex over the list, noted per test), the
// database's transactions and migrations, and malformed feeds.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include "support/files.h"
#include "vuln/db.h"
#include "vuln/importers.h"
#include "vuln_test_util.h"

namespace drydock::vuln {
namespace {

namespace fs = std::filesystem;
using testing::Ranges;
using testing::VulnCorpus;

std::size_t Ranges(const Feed& feed) {
  std::size_t n = 0;
  for (const auto& a : feed.advisories) n += a.affected.size();
  return n;
}

const Advisory* Find(const Feed& feed, std::string_view id) {
  for (const auto& a : feed.advisories) {
    if (a.id == id) return &a;
  }
  return nullptr;
}

TEST(AlpineSecdb, V310MainAsPyYamlReadsIt) {
  REQUIRE_FEED("alpine-secdb-legacy-v3.3-v3.11/v3.10/main.yaml");
  auto feed = ReadFeed((VulnCorpus() / "alpine-secdb-legacy-v3.3-v3.11/v3.10/main.yaml").string());
  ASSERT_TRUE(feed.has_value()) << feed.error().ToString();
  EXPECT_EQ(feed->format, "alpine-secdb");
  EXPECT_EQ(feed->source, "alpine-secdb v3.10/main");
  // PyYAML over the same file: 1111 distinct first ids, 1182 (package, fixed version, id) rows.
  EXPECT_EQ(feed->advisories.size(), 1111u);
  EXPECT_EQ(Ranges(*feed), 1182u);
  const Advisory* musl = Find(*feed, "CVE-2019-14697");
  ASSERT_NE(musl, nullptr);
  ASSERT_EQ(musl->affected.size(), 1u);
  EXPECT_EQ(musl->affected[0].ecosystem, "alpine");
  EXPECT_EQ(musl->affected[0].release, "3.10");
  EXPECT_EQ(musl->affected[0].package, "musl");
  EXPECT_EQ(musl->affected[0].fixed, "1.1.22-r3");
  EXPECT_EQ(musl->affected[0].status, Status::kFixed);
}

TEST(AlpineSecdb, ZeroKeyMeansNotAffected) {
  REQUIRE_FEED("alpine-secdb-legacy-v3.3-v3.11/v3.8/main.yaml");
  auto feed = ReadFeed((VulnCorpus() / "alpine-secdb-legacy-v3.3-v3.11/v3.8/main.yaml").string());
  ASSERT_TRUE(feed.has_value()) << feed.error().ToString();
  const Advisory* db = Find(*feed, "CVE-2016-0682");  // package `db`, key "0"
  ASSERT_NE(db, nullptr);
  ASSERT_EQ(db->affected.size(), 1u);
  EXPECT_EQ(db->affected[0].package, "db");
  EXPECT_EQ(db->affected[0].status, Status::kNotAffected);
  EXPECT_EQ(db->affected[0].fixed, "");
}

TEST(AlpineSecdb, JsonFormIsTheSameFeed) {
  const std::string json = R"({"distroversion": "v3.20", "reponame": "main",
    "packages": [{"pkg": {"name": "openssl", "secfixes": {"3.3.2-r0": ["CVE-2024-6119"],
                                                           "0": ["CVE-2022-1234 XSA-1"]}}}]})";
  auto feed = ParseAlpineSecdb(json, "openssl.json");
  ASSERT_TRUE(feed.has_value()) << feed.error().ToString();
  ASSERT_EQ(feed->advisories.size(), 2u);
  EXPECT_EQ(feed->advisories[0].affected[0].fixed, "3.3.2-r0");
  EXPECT_EQ(feed->advisories[1].aliases, std::vector<std::string>{"XSA-1"});
  EXPECT_EQ(feed->advisories[1].affected[0].status, Status::kNotAffected);
}

TEST(DebianDsaList, EveryListAsARegexReadsIt) {
  // Counted with a regex over each file: advisories ("[date] ID …" lines), release lines (the
  // DSA list has two release lines with a double space, "[wheezy] - curl  7.26.0-1+wheezy5",
  // that the regex missed and the importer reads: 6986 + 2).
  struct Expect {
    const char* list;
    std::size_t advisories, ranges, not_affected, unfixed;
  };
  for (const Expect& e : {Expect{"DSA", 5406, 6988, 55, 7}, Expect{"DLA", 3534, 3535, 0, 1},
                          Expect{"DTSA", 208, 208, 0, 0}}) {
    const std::string rel = std::string("debian-security-tracker-2023-04/data/") + e.list + "/list";
    REQUIRE_FEED(rel);
    auto feed = ReadFeed((VulnCorpus() / rel).string());
    ASSERT_TRUE(feed.has_value()) << feed.error().ToString();
    EXPECT_EQ(feed->advisories.size(), e.advisories) << e.list;
    EXPECT_EQ(Ranges(*feed), e.ranges) << e.list;
    EXPECT_EQ(Ranges(*feed, Status::kNotAffected), e.not_affected) << e.list;
    EXPECT_EQ(Ranges(*feed, Status::kUnfixed), e.unfixed) << e.list;
  }
  auto dsa = ReadFeed((VulnCorpus() / "debian-security-tracker-2023-04/data/DSA/list").string());
  const Advisory* xorg = Find(*dsa, "DSA-5380-1");
  ASSERT_NE(xorg, nullptr);
  EXPECT_EQ(xorg->aliases, std::vector<std::string>{"CVE-2023-1393"});
  ASSERT_EQ(xorg->affected.size(), 1u);
  EXPECT_EQ(xorg->affected[0].release, "11");
  EXPECT_EQ(xorg->affected[0].package, "xorg-server");
  EXPECT_EQ(xorg->affected[0].fixed, "2:1.20.11-1+deb11u6");
}

// Every legacy secdb file of the corpus (v3.3–v3.11, main and community), including an empty
// `packages:` (v3.3/community) and a version with no ids under it (v3.6/main heimdal 7.4.0-r0),
// and aquasecurity/vuln-list's one-package-per-file JSON. Expected totals computed with PyYAML
// and Python's json: ranges = (package, version, id) entries, advisories = distinct first ids
// per file.
TEST(AlpineSecdb, EveryCorpusFile) {
  REQUIRE_FEED("alpine-secdb-legacy-v3.3-v3.11");
  std::size_t ranges = 0;
  std::size_t advisories = 0;
  std::size_t files = 0;
  for (const auto& dir : fs::directory_iterator(VulnCorpus() / "alpine-secdb-legacy-v3.3-v3.11")) {
    for (const char* repo : {"main.yaml", "community.yaml"}) {
      auto feed = ReadFeed((dir.path() / repo).string());
      ASSERT_TRUE(feed.has_value()) << feed.error().ToString();
      ++files;
      advisories += feed->advisories.size();
      for (const auto& a : feed->advisories) ranges += a.affected.size();
    }
  }
  EXPECT_EQ(files, 18u);
  EXPECT_EQ(ranges, 12028u);
  EXPECT_EQ(advisories, 11453u);

  REQUIRE_FEED("alpine-vuln-list-3.20-main/zlib.json");
  std::set<std::string> sources;
  std::size_t vuln_list_ranges = 0;
  for (const char* pkg : {"busybox", "expat", "musl", "openssl", "zlib"}) {
    auto feed = ReadFeed(
        (VulnCorpus() / "alpine-vuln-list-3.20-main" / (std::string(pkg) + ".json")).string());
    ASSERT_TRUE(feed.has_value()) << feed.error().ToString();
    sources.insert(feed->source);
    for (const auto& a : feed->advisories) {
      for (const auto& r : a.affected) {
        ++vuln_list_ranges;
        EXPECT_EQ(r.release, "3.20");
        EXPECT_EQ(r.package, pkg);
        if (a.id == "CVE-2023-45853") {
          EXPECT_EQ(r.status, Status::kNotAffected);  // under the key "0"
        }
      }
    }
  }
  EXPECT_EQ(vuln_list_ranges, 155u);
  EXPECT_EQ(sources.size(), 5u);  // one source per file: importing one keeps the others
}

TEST(DebianTrackerJson, MockFromOsvDev) {
  const char* rel = "osv-dev-testdata/vulnfeeds/test_data/debian/debian_security_tracker_mock.json";
  REQUIRE_FEED(rel);
  auto feed = ReadFeed((VulnCorpus() / rel).string());
  ASSERT_TRUE(feed.has_value()) << feed.error().ToString();
  const Advisory* a = Find(*feed, "CVE-2014-1424");
  ASSERT_NE(a, nullptr);
  bool bookworm = false;
  for (const auto& r : a->affected) {
    EXPECT_EQ(r.package, "apparmor");
    if (r.release == "12") {
      bookworm = true;
      EXPECT_EQ(r.status, Status::kNotAffected);  // fixed_version "0"
      EXPECT_EQ(r.severity, "LOW");               // urgency unimportant
    }
  }
  EXPECT_TRUE(bookworm);
}

// The streaming reader: values it does not use (arrays, numbers, nested objects under
// repositories, unknown keys) are skipped wherever they sit; one CVE listed under two packages
// is one advisory; an unknown codename is ignored.
TEST(DebianTrackerJson, StreamsTheWholeShape) {
  auto feed = ParseDebianTrackerJson(R"({
    "openssl": {
      "CVE-2023-0286": {
        "description": "X.400 address type confusion",
        "scope": "remote", "debianbug": 1031405, "extra": [1, [2, {"a": null}], true],
        "releases": {
          "bookworm": {"status": "resolved", "repositories": {"bookworm": "3.0.8-1"},
                       "fixed_version": "3.0.8-1", "urgency": "high", "nodsa": 1.5},
          "bullseye": {"status": "open", "repositories": {"bullseye": "1.1.1n-0+deb11u3"},
                       "urgency": "medium**"},
          "atlantis": {"status": "resolved", "fixed_version": "1"},
          "trixie": {"status": "resolved", "fixed_version": "0", "urgency": "unimportant"}
        }
      }
    },
    "openssl1.0": {"CVE-2023-0286": {"releases": {"buster": {"status": "undetermined"}}}}
  })",
                                     "tracker.json");
  ASSERT_TRUE(feed.has_value()) << feed.error().ToString();
  ASSERT_EQ(feed->advisories.size(), 1u);
  const Advisory& a = feed->advisories[0];
  EXPECT_EQ(a.summary, "X.400 address type confusion");
  ASSERT_EQ(a.affected.size(), 4u);
  EXPECT_EQ(a.affected[0].release, "12");
  EXPECT_EQ(a.affected[0].fixed, "3.0.8-1");
  EXPECT_EQ(a.affected[0].severity, "HIGH");
  EXPECT_EQ(a.affected[1].release, "11");
  EXPECT_EQ(a.affected[1].status, Status::kUnfixed);
  EXPECT_EQ(a.affected[2].release, "13");
  EXPECT_EQ(a.affected[2].status, Status::kNotAffected);
  EXPECT_EQ(a.affected[3].package, "openssl1.0");
  EXPECT_EQ(a.affected[3].release, "10");
  EXPECT_EQ(a.affected[3].status, Status::kUnfixed);

  for (const char* bad : {R"([])", R"({"a": {"CVE-1": 3}})", R"({"a": 1})",
                          R"({"a": {"CVE-1": {"releases": []}}})", R"({"a": {}} {"b": {}})", "",
                          R"({"a": {"CVE-1": {"releases": {"bookworm": {"status": 7}}}}})"}) {
    auto r = ParseDebianTrackerJson(bad, "t.json");
    EXPECT_FALSE(r.has_value()) << bad;
    if (!r.has_value()) {
      EXPECT_EQ(r.error().where.file, "t.json");
    }
  }
  // Deep nesting in an ignored value is refused at the limit, not recursed into.
  const std::string deep =
      R"({"a": {"CVE-1": {"x": )" + std::string(100, '[') + std::string(100, ']') + "}}}";
  auto too_deep = ParseDebianTrackerJson(deep, "t.json");
  ASSERT_FALSE(too_deep.has_value());
  EXPECT_NE(too_deep.error().message.find("nesting"), std::string::npos);
}

TEST(Feeds, DetectsTheFormatFromContentAndName) {
  const char* list = "\n[29 Mar 2023] DSA-5380-1 xorg-server - security update\n";
  EXPECT_EQ(DetectFeedFormat("list", list), FeedFormat::kDebianDsaList);
  EXPECT_EQ(DetectFeedFormat("notes.txt", list), std::nullopt);  // the first line is blank
  EXPECT_EQ(DetectFeedFormat("x", "[01 Feb 2023] DLA-3300-1 pkg - security update\n"),
            FeedFormat::kDebianDsaList);
  EXPECT_EQ(DetectFeedFormat("main.json", R"({"distroversion": "v3.20", "packages": []})"),
            FeedFormat::kAlpineSecdb);
  EXPECT_EQ(DetectFeedFormat("zlib.json", R"({"name": "zlib", "secfixes": {}})"),
            FeedFormat::kAlpineSecdb);
  EXPECT_EQ(DetectFeedFormat("json", R"({"a": {"CVE-1": {"releases": {}}}})"),
            FeedFormat::kDebianTrackerJson);
  EXPECT_EQ(DetectFeedFormat("x.json", R"({"hello": 1})"), std::nullopt);
}

TEST(Feeds, MalformedInputIsAnErrorWithPosition) {
  auto truncated =
      ParseDebianTrackerJson(R"({"openssl": {"CVE-1": {"releases": {"bookworm")", "t.json");
  ASSERT_FALSE(truncated.has_value());
  EXPECT_NE(truncated.error().message.find("byte"), std::string::npos) << truncated.error().message;
  auto wrong_type = ParseDebianTrackerJson(R"({"openssl": ["CVE-1"]})", "t.json");
  ASSERT_FALSE(wrong_type.has_value());
  EXPECT_NE(wrong_type.error().message.find("openssl"), std::string::npos);
  auto bad_status = ParseDebianTrackerJson(
      R"({"a": {"CVE-1": {"releases": {"bookworm": {"status": "maybe"}}}}})", "t.json");
  ASSERT_FALSE(bad_status.has_value());
  EXPECT_NE(bad_status.error().message.find("maybe"), std::string::npos);
  auto alpine = ParseAlpineSecdb("distroversion: v3.10\npackages:\n  - pkg:\n      secfixes: {}\n",
                                 "main.yaml");
  ASSERT_FALSE(alpine.has_value());
  EXPECT_EQ(alpine.error().where.line, 4) << alpine.error().ToString();
  // An empty version key (found by feeds_fuzz) would make a fixed range with no fixed version.
  auto empty_key = ParseAlpineSecdb(
      "distroversion: v3.10\npackages:\n  - pkg:\n      name: a\n      secfixes:\n"
      "        :  - CVE-1\n",
      "main.yaml");
  ASSERT_FALSE(empty_key.has_value());
  EXPECT_EQ(empty_key.error().where.line, 6) << empty_key.error().ToString();
  auto dsa = ParseDebianDsaList("[29 Mar 2023] DSA-1-1 pkg - x\n\t[bullseye] pkg 1.0\n", "list");
  ASSERT_FALSE(dsa.has_value());
  EXPECT_EQ(dsa.error().where.line, 2) << dsa.error().ToString();
  testing::TempDir dir;
  dir.Write("unknown.json", R"({"hello": 1})");
  auto unknown = ReadFeed((dir.path() / "unknown.json").string());
  ASSERT_FALSE(unknown.has_value());
  EXPECT_NE(unknown.error().message.find("unknown feed format"), std::string::npos);
  // A 1 GB file (sparse) is refused by size before anything is read.
  { std::ofstream big(dir.path() / "big.json"); }
  fs::resize_file(dir.path() / "big.json", std::uintmax_t{1} << 30);
  auto huge = ReadFeed((dir.path() / "big.json").string(), FeedFormat::kDebianTrackerJson);
  ASSERT_FALSE(huge.has_value());
}

Feed SmallFeed(std::string source, std::string package) {
  Feed feed;
  feed.source = std::move(source);
  feed.format = "test";
  feed.location = "memory";
  Advisory a;
  a.id = "CVE-2024-0001";
  a.aliases = {"DSA-1-1"};
  a.severity = "HIGH";
  AffectedRange r;
  r.ecosystem = "debian";
  r.release = "12";
  r.package = std::move(package);
  r.fixed = "1.0-2";
  a.affected.push_back(r);
  feed.advisories.push_back(std::move(a));
  return feed;
}

TEST(Database, ImportLookupReplaceAndInfo) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "cache/drydock/vuln.db").string();
  auto db = Database::Open(path, true);
  ASSERT_TRUE(db.has_value()) << db.error().ToString();
  ASSERT_TRUE(db->Import(SmallFeed("test-a", "openssl"), "2026-11-30T00:00:00Z").has_value());
  auto rows = db->Lookup("debian", "12", "openssl");
  ASSERT_TRUE(rows.has_value());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].advisory, "CVE-2024-0001");
  EXPECT_EQ((*rows)[0].aliases, std::vector<std::string>{"DSA-1-1"});
  EXPECT_EQ((*rows)[0].severity, "HIGH");
  EXPECT_EQ((*rows)[0].range.fixed, "1.0-2");
  EXPECT_TRUE(db->Lookup("debian", "11", "openssl")->empty());
  // Importing the same source again replaces it.
  ASSERT_TRUE(db->Import(SmallFeed("test-a", "curl"), "2026-11-30T01:00:00Z").has_value());
  EXPECT_TRUE(db->Lookup("debian", "12", "openssl")->empty());
  EXPECT_EQ(db->Lookup("debian", "12", "curl")->size(), 1u);
  auto info = db->Info();
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->schema_version, kSchemaVersion);
  ASSERT_EQ(info->sources.size(), 1u);
  EXPECT_EQ(info->sources[0].imported_at, "2026-11-30T01:00:00Z");
  EXPECT_EQ(info->advisories, 1);
  EXPECT_EQ(info->ranges, 1);
}

// LookupMany answers the first inventory of a release with one SQL query and later ones from
// the release loaded into memory: both must give the same rows, for every package of the DSA
// list's bullseye entries plus names that are not there (hostile ones included).
TEST(Database, LookupManyFromSqlAndFromMemoryAgree) {
  REQUIRE_FEED("debian-security-tracker-2023-04/data/DSA/list");
  auto feed = ReadFeed((VulnCorpus() / "debian-security-tracker-2023-04/data/DSA/list").string());
  ASSERT_TRUE(feed.has_value());
  testing::TempDir dir;
  auto db = Database::Open((dir.path() / "vuln.db").string(), true);
  ASSERT_TRUE(db.has_value());
  ASSERT_TRUE(db->Import(*feed, "t").has_value());
  std::set<std::string> names;
  for (const auto& a : feed->advisories) {
    for (const auto& r : a.affected) {
      if (r.release == "11") names.insert(r.package);
    }
  }
  std::vector<std::string> asked(names.begin(), names.end());
  for (const char* absent : {"no-such-package", "x' OR '1'='1", "a\"b\\c", "\xff\xfe", ""}) {
    asked.push_back(absent);
  }
  auto first = db->LookupMany("debian", "11", asked);  // SQL
  ASSERT_TRUE(first.has_value()) << first.error().ToString();
  std::map<std::string, std::vector<std::string>> from_sql;
  for (const auto& [name, rows] : *first) {
    for (const auto& row : *rows) from_sql[name].push_back(row.advisory + " " + row.range.fixed);
  }
  EXPECT_EQ(from_sql.size(), names.size());
  auto second = db->LookupMany("debian", "11", asked);  // memory
  ASSERT_TRUE(second.has_value());
  std::map<std::string, std::vector<std::string>> from_memory;
  for (const auto& [name, rows] : *second) {
    for (const auto& row : *rows) {
      from_memory[name].push_back(row.advisory + " " + row.range.fixed);
      EXPECT_EQ(row.range.package, name);
    }
  }
  EXPECT_EQ(from_sql, from_memory);
  EXPECT_EQ(from_sql.at("gzip"), std::vector<std::string>{"DSA-5122-1 1.10-4+deb11u1"});
  // An import in between drops what was loaded.
  ASSERT_TRUE(db->Import(SmallFeed("test-b", "gzip"), "t2").has_value());
  auto gzip = db->Lookup("debian", "11", "gzip");
  ASSERT_TRUE(gzip.has_value());
  EXPECT_EQ(gzip->size(), 1u);
  auto gzip12 = db->Lookup("debian", "12", "gzip");
  ASSERT_TRUE(gzip12.has_value());
  EXPECT_EQ(gzip12->size(), 1u);  // SmallFeed's row for Debian 12
}

// A feed of >= 50,000 ranges goes in with the affected indexes dropped and rebuilt: lookups
// work after it, the indexes are back, and a failing large import rolls all of it back.
TEST(Database, BulkImportRebuildsTheIndexesAndRollsBack) {
  Feed big;
  big.source = "big";
  big.format = "test";
  big.location = "memory";
  for (int i = 0; i < 30000; ++i) {
    Advisory a;
    a.id = "CVE-2024-" + std::to_string(i);
    for (const char* release : {"11", "12"}) {
      AffectedRange r;
      r.ecosystem = "debian";
      r.release = release;
      r.package = "pkg" + std::to_string(i % 1000);
      r.fixed = "1.0-" + std::to_string(i);
      a.affected.push_back(r);
    }
    big.advisories.push_back(std::move(a));
  }
  testing::TempDir dir;
  const std::string path = (dir.path() / "vuln.db").string();
  auto db = Database::Open(path, true);
  ASSERT_TRUE(db.has_value());
  ASSERT_TRUE(db->Import(SmallFeed("small", "zlib"), "t0").has_value());
  ASSERT_TRUE(db->Import(big, "t1").has_value());
  EXPECT_EQ(db->Lookup("debian", "12", "pkg7")->size(), 30u);
  EXPECT_EQ(db->Lookup("debian", "12", "zlib")->size(), 1u);
  auto indexes = [&path] {
    sqlite3* raw = nullptr;
    EXPECT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    sqlite3_stmt* q = nullptr;
    sqlite3_prepare_v2(raw,
                       "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN "
                       "('affected_lookup', 'affected_advisory')",
                       -1, &q, nullptr);
    sqlite3_step(q);
    const int n = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    sqlite3_close(raw);
    return n;
  };
  EXPECT_EQ(indexes(), 2);
  // The same source again, broken at its last range: nothing of it lands, the indexes stay.
  big.advisories.back().affected.back().package.clear();
  ASSERT_FALSE(db->Import(big, "t2").has_value());
  EXPECT_EQ(indexes(), 2);
  EXPECT_EQ(db->Lookup("debian", "11", "pkg7")->size(), 30u);
  EXPECT_EQ(db->Info()->ranges, 60001);
}

TEST(Database, FailedImportLeavesTheDatabaseAsItWas) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "vuln.db").string();
  auto db = Database::Open(path, true);
  ASSERT_TRUE(db.has_value());
  ASSERT_TRUE(db->Import(SmallFeed("test-a", "openssl"), "t1").has_value());
  Feed broken = SmallFeed("test-a", "zlib");
  AffectedRange bad;  // no ecosystem, no package: refused by the schema mid-import
  broken.advisories[0].affected.push_back(bad);
  auto result = db->Import(broken, "t2");
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(db->Lookup("debian", "12", "openssl")->size(), 1u);  // the old import is intact
  EXPECT_TRUE(db->Lookup("debian", "12", "zlib")->empty());
  EXPECT_EQ(db->Info()->sources[0].imported_at, "t1");
}

TEST(Database, NewerSchemaAndNotADatabaseAreErrors) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "vuln.db").string();
  { ASSERT_TRUE(Database::Open(path, true).has_value()); }
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  sqlite3_exec(raw, "UPDATE meta SET value = '99' WHERE key = 'schema_version'", nullptr, nullptr,
               nullptr);
  sqlite3_close(raw);
  auto newer = Database::Open(path, false);
  ASSERT_FALSE(newer.has_value());
  EXPECT_NE(newer.error().message.find("newer"), std::string::npos) << newer.error().message;
  dir.Write("junk.db", std::string(8192, 'x'));
  EXPECT_FALSE(Database::Open((dir.path() / "junk.db").string(), false).has_value());
  EXPECT_FALSE(Database::Open((dir.path() / "absent.db").string(), false).has_value());
}

TEST(Database, CorpusFeedsImportTogether) {
  REQUIRE_FEED("alpine-secdb-legacy-v3.3-v3.11/v3.10/main.yaml");
  testing::TempDir dir;
  auto db = Database::Open((dir.path() / "vuln.db").string(), true);
  ASSERT_TRUE(db.has_value());
  for (const char* rel : {"alpine-secdb-legacy-v3.3-v3.11/v3.10/main.yaml",
                          "alpine-secdb-legacy-v3.3-v3.11/v3.10/community.yaml",
                          "debian-security-tracker-2023-04/data/DSA/list"}) {
    auto feed = ReadFeed((VulnCorpus() / rel).string());
    ASSERT_TRUE(feed.has_value()) << feed.error().ToString();
    ASSERT_TRUE(db->Import(*feed, "2026-11-30T00:00:00Z").has_value()) << rel;
  }
  auto musl = db->Lookup("alpine", "3.10", "musl");
  ASSERT_TRUE(musl.has_value());
  ASSERT_EQ(musl->size(), 2u);  // 1.1.22-r3 and 1.1.15-r4 (PyYAML)
  auto info = db->Info();
  ASSERT_EQ(info->sources.size(), 3u);
  EXPECT_EQ(info->sources[0].name, "alpine-secdb v3.10/community");
}

}  // namespace
}  // namespace drydock::vuln
