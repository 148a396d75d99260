// SPDX-License-Identifier: Apache-2.0
// Feed importers on the real feeds of ../shared/corpus/vulndb (expected counts computed from the
// files with an independent reader: PyYAML / a regex over the list, noted per test), the
// database's transactions and migrations, and malformed feeds.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "support/files.h"
#include "vuln/db.h"
#include "vuln/importers.h"

namespace drydock::vuln {
namespace {

namespace fs = std::filesystem;

fs::path VulnCorpus() {
  const char* env = std::getenv("DRYDOCK_CORPUS");
  return fs::path(env != nullptr ? env : DRYDOCK_CORPUS) / "vulndb";
}

#define REQUIRE_FEED(rel)                                                                     \
  do {                                                                                        \
    if (!fs::exists(VulnCorpus() / (rel))) {                                                  \
      GTEST_SKIP() << "corpus feed " << (VulnCorpus() / (rel)).string() << " absent";         \
    }                                                                                         \
  } while (0)

std::size_t Ranges(const Feed& feed, Status status) {
  std::size_t n = 0;
  for (const auto& a : feed.advisories) {
    for (const auto& r : a.affected) n += r.status == status;
  }
  return n;
}

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

TEST(Feeds, MalformedInputIsAnErrorWithPosition) {
  auto truncated = ParseDebianTrackerJson(R"({"openssl": {"CVE-1": {"releases": {"bookworm")",
                                          "t.json");
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
  EXPECT_EQ(alpine.error().where.line, 3) << alpine.error().ToString();
  auto dsa = ParseDebianDsaList("[29 Mar 2023] DSA-1-1 pkg - x\n\t[bullseye] pkg 1.0\n", "list");
  ASSERT_FALSE(dsa.has_value());
  EXPECT_EQ(dsa.error().where.line, 2) << dsa.error().ToString();
  testing::TempDir dir;
  dir.Write("unknown.json", R"({"hello": 1})");
  auto unknown = ReadFeed((dir.path() / "unknown.json").string());
  ASSERT_FALSE(unknown.has_value());
  EXPECT_NE(unknown.error().message.find("unknown feed format"), std::string::npos);
  // A 1 GB file (sparse) is refused by size before anything is read.
  {
    std::ofstream big(dir.path() / "big.json");
  }
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
