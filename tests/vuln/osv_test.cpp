// SPDX-License-Identifier: Apache-2.0
// The OSV importer (src/vuln/osv.h) on the corpus (pypa advisory database YAML,
// osv.dev and osv-schema test records), on directories and zip exports built
// here, on malformed input (each error must name the file and a position), and
// through the database (Import + Lookup).
#include "vuln/osv.h"

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "support/files.h"
#include "vuln/db.h"
#include "vuln/importers.h"
#include "vuln_test_util.h"

namespace drydock::vuln {
namespace {

namespace fs = std::filesystem;
using testing::Ranges;
using testing::VulnCorpus;

bool Contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// Writes a zip of (member name, contents) with libarchive.
void WriteZip(const fs::path& path, const std::vector<std::pair<std::string, std::string>>& files) {
  archive* a = archive_write_new();
  ASSERT_EQ(archive_write_set_format_zip(a), ARCHIVE_OK);
  ASSERT_EQ(archive_write_open_filename(a, path.c_str()), ARCHIVE_OK);
  for (const auto& [name, data] : files) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, name.c_str());
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_entry_set_size(e, static_cast<la_int64_t>(data.size()));
    ASSERT_EQ(archive_write_header(a, e), ARCHIVE_OK);
    ASSERT_EQ(archive_write_data(a, data.data(), data.size()),
              static_cast<la_ssize_t>(data.size()));
    archive_entry_free(e);
  }
  ASSERT_EQ(archive_write_close(a), ARCHIVE_OK);
  archive_write_free(a);
}

// ---- pypa advisory database (OSV YAML)
// ---------------------------------------------------------

// Expected numbers computed once with an independent reader (PyYAML, a 40-line
// python3 script walking vulns/ and applying the range rules documented in
// osv.h):
//   713 record files, 3 withdrawn, 710 advisories, 1696 fixed rows, 3 unfixed
//   rows (open introduced / last_affected), 0 rows from `versions` (every entry
//   has an ECOSYSTEM range), 367 GIT ranges, 0 non-PyPI affected entries, 1234
//   aliases (aliases ∪ upstream minus the id), 26 non-withdrawn records with a
//   `severity` entry.
TEST(OsvPypa, WholeDirectoryMatchesIndependentCount) {
  REQUIRE_FEED("pypa-advisory-database-osv/vulns");
  OsvStats stats;
  auto feed = ReadOsv((VulnCorpus() / "pypa-advisory-database-osv/vulns").string(), {}, &stats);
  ASSERT_TRUE(feed.has_value()) << feed.error().ToString();
  EXPECT_EQ(feed->format, "osv");
  EXPECT_EQ(feed->source, "osv PyPI");
  EXPECT_EQ(stats.records, 713u);
  EXPECT_EQ(stats.withdrawn, 3u);
  EXPECT_EQ(feed->advisories.size(), 710u);
  EXPECT_EQ(Ranges(*feed, Status::kFixed), 1696u);
  EXPECT_EQ(Ranges(*feed, Status::kUnfixed), 3u);
  EXPECT_EQ(stats.skipped_ranges, 367u);
  EXPECT_EQ(stats.skipped_affected, 0u);
  std::size_t aliases = 0;
  std::size_t with_severity = 0;
  for (const auto& a : feed->advisories) {
    aliases += a.aliases.size();
    with_severity += !a.severity.empty();
    for (const auto& r : a.affected) {
      EXPECT_EQ(r.ecosystem, "pypi");
      EXPECT_EQ(r.release, "");
      EXPECT_FALSE(r.package.empty());
    }
  }
  EXPECT_EQ(aliases, 1234u);
  EXPECT_EQ(with_severity, 26u);
  // Sorted by id, ids unique.
  for (std::size_t i = 1; i < feed->advisories.size(); ++i) {
    EXPECT_LT(feed->advisories[i - 1].id, feed->advisories[i].id);
  }
  // The generic entry point sends a directory here too.
  auto again = ReadFeed((VulnCorpus() / "pypa-advisory-database-osv/vulns").string());
  ASSERT_TRUE(again.has_value()) << again.error().ToString();
  EXPECT_EQ(again->advisories.size(), 710u);
}

TEST(OsvPypa, OneRecordInDetail) {
  REQUIRE_FEED("pypa-advisory-database-osv/vulns/requests/PYSEC-2023-74.yaml");
  const std::string path =
      (VulnCorpus() / "pypa-advisory-database-osv/vulns/requests/PYSEC-2023-74.yaml").string();
  OsvStats stats;
  auto feed = ReadOsv(path, {}, &stats);
  ASSERT_TRUE(feed.has_value()) << feed.error().ToString();
  EXPECT_EQ(feed->source, "osv PYSEC-2023-74");
  ASSERT_EQ(feed->advisories.size(), 1u);
  const Advisory& a = feed->advisories[0];
  EXPECT_EQ(a.id, "PYSEC-2023-74");
  EXPECT_EQ(a.summary.rfind("Requests is a HTTP library.", 0), 0u) << a.summary;
  EXPECT_EQ(stats.skipped_ranges, 1u);  // the GIT range
  ASSERT_EQ(a.affected.size(), 1u);     // ECOSYSTEM range only; `versions` unused
  EXPECT_EQ(a.affected[0].package, "requests");
  EXPECT_EQ(a.affected[0].introduced, "2.3.0");
  EXPECT_EQ(a.affected[0].fixed, "2.31.0");
  EXPECT_EQ(a.affected[0].status, Status::kFixed);
  // Detected as OSV by ReadFeed's auto-detection too.
  auto detected = ReadFeed(path);
  ASSERT_TRUE(detected.has_value()) << detected.error().ToString();
  EXPECT_EQ(detected->format, "osv");
}

TEST(OsvPypa, CvssSeverity) {
  REQUIRE_FEED("pypa-advisory-database-osv/vulns/werkzeug/PYSEC-2023-221.yaml");
  // CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H = 7.5.
  auto feed = ReadOsv(
      (VulnCorpus() / "pypa-advisory-database-osv/vulns/werkzeug/PYSEC-2023-221.yaml").string());
  ASSERT_TRUE(feed.has_value()) << feed.error().ToString();
  ASSERT_EQ(feed->advisories.size(), 1u);
  EXPECT_EQ(feed->advisories[0].severity, "HIGH");
}

// ---- osv.dev and osv-schema test records
// --------------------------------------------------------

TEST(OsvDev, DebianUbuntuAlpineGhsaRecords) {
  REQUIRE_FEED("osv-dev-testdata/gcp");
  const fs::path gcp = VulnCorpus() / "osv-dev-testdata/gcp";

  auto dsa = ReadOsv((gcp / "workers/oss_fuzz_worker/testdata/DSA-3029-1.json").string());
  ASSERT_TRUE(dsa.has_value()) << dsa.error().ToString();
  ASSERT_EQ(dsa->advisories.size(), 1u);
  ASSERT_EQ(dsa->advisories[0].affected.size(), 1u);
  const AffectedRange& r = dsa->advisories[0].affected[0];
  EXPECT_EQ(r.ecosystem, "debian");
  EXPECT_EQ(r.release, "7");
  EXPECT_EQ(r.package, "nginx");
  EXPECT_EQ(r.introduced, "");
  EXPECT_EQ(r.fixed, "1.2.1-2.2+wheezy3");
  EXPECT_EQ(r.status, Status::kFixed);

  auto dla = ReadOsv((gcp / "website/testdata/osv/DLA-3623-1.json").string());
  ASSERT_TRUE(dla.has_value()) << dla.error().ToString();
  ASSERT_EQ(dla->advisories.size(), 1u);
  EXPECT_TRUE(Contains(dla->advisories[0].aliases, "CVE-2023-4004"));  // from `upstream`
  EXPECT_TRUE(dla->advisories[0].affected.empty());

  OsvStats ghsa_stats;
  auto ghsa = ReadOsv((gcp / "workers/oss_fuzz_worker/testdata/GHSA-838r-hvwh-24h8.json").string(),
                      {}, &ghsa_stats);
  ASSERT_TRUE(ghsa.has_value()) << ghsa.error().ToString();
  EXPECT_EQ(ghsa->advisories[0].severity,
            "CRITICAL");                              // CVSS 3.1 …/C:H/I:H/A:N = 9.1
  EXPECT_TRUE(ghsa->advisories[0].affected.empty());  // Maven: not mapped
  EXPECT_EQ(ghsa_stats.skipped_affected, 1u);

  auto ubuntu =
      ReadOsv((gcp / "workers/oss_fuzz_worker/testdata/UBUNTU-CVE-2025-38094.json").string());
  ASSERT_TRUE(ubuntu.has_value()) << ubuntu.error().ToString();
  const Advisory& u = ubuntu->advisories[0];
  EXPECT_EQ(u.severity, "MEDIUM");  // {type: Ubuntu, score: medium}
  ASSERT_EQ(u.affected.size(),
            1u);  // ECOSYSTEM range present: `versions` not expanded
  EXPECT_EQ(u.affected[0].ecosystem, "ubuntu");
  EXPECT_EQ(u.affected[0].release, "14.04");
  EXPECT_EQ(u.affected[0].package, "linux");
  EXPECT_EQ(u.affected[0].status, Status::kUnfixed);

  auto alpine = ReadOsv((gcp / "workers/oss_fuzz_worker/testdata/CVE-2022-27449.json").string());
  ASSERT_TRUE(alpine.has_value()) << alpine.error().ToString();
  ASSERT_EQ(alpine->advisories[0].affected.size(), 5u);
  EXPECT_EQ(alpine->advisories[0].affected[0].release, "3.12");
  EXPECT_EQ(alpine->advisories[0].affected[0].fixed, "10.4.25-r0");

  // CVE-5: five OS ecosystems, no ranges (so no rows); SUSE, Oracle and Amazon
  // are not mapped.
  OsvStats multi_stats;
  auto multi = ReadOsv((gcp / "website/testdata/osv/CVE-5.json").string(), {}, &multi_stats);
  ASSERT_TRUE(multi.has_value()) << multi.error().ToString();
  EXPECT_TRUE(multi->advisories[0].affected.empty());
  EXPECT_EQ(multi_stats.skipped_affected, 3u);
  using P = std::pair<std::string, std::string>;
  EXPECT_EQ(MapOsvEcosystem("Red Hat:rhel_e4s:9.2::appstream"), (P{"rhel", "9"}));
  EXPECT_EQ(MapOsvEcosystem("Ubuntu:ubuntu_pro:22.04::main"), (P{"ubuntu", "22.04"}));

  // Every record of the two test-data folders imports; the withdrawn PyPI one
  // is skipped.
  OsvStats all_stats;
  std::size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(gcp)) {
    if (e.path().extension() != ".json") continue;
    ++files;
    auto f = ReadOsv(e.path().string(), {}, &all_stats);
    ASSERT_TRUE(f.has_value()) << f.error().ToString();
  }
  EXPECT_EQ(files, 32u);
  EXPECT_EQ(all_stats.records, 32u);
  EXPECT_EQ(all_stats.withdrawn, 1u);
}

// Linter fixtures: all are structurally valid OSV (their problems are for a
// linter: a GIT range with two `fixed` and no `introduced`, an entry without a
// package, duplicate ranges), so they import; the raw GitHub advisories next to
// the GHSA→OSV pairs are not OSV and must fail.
TEST(OsvSchema, LinterAndConverterFixtures) {
  REQUIRE_FEED("osv-schema/tools");
  const fs::path tools = VulnCorpus() / "osv-schema/tools";
  std::size_t ok = 0;
  std::size_t failed = 0;
  for (const auto& e : fs::recursive_directory_iterator(tools)) {
    if (e.path().extension() != ".json") continue;
    const std::string name = e.path().filename().string();
    const bool raw_ghsa = e.path().parent_path().filename() == "testdata" &&
                          e.path().parent_path().parent_path().filename() == "ghsa" &&
                          name.find(".osv.json") == std::string::npos;
    auto feed = ReadOsv(e.path().string());
    if (raw_ghsa) {
      ASSERT_FALSE(feed.has_value()) << name;
      EXPECT_EQ(feed.error().where.file, e.path().string());
      EXPECT_GT(feed.error().where.line, 0) << feed.error().ToString();
      EXPECT_NE(feed.error().message.find("/id"), std::string::npos) << feed.error().ToString();
      ++failed;
    } else {
      ASSERT_TRUE(feed.has_value()) << feed.error().ToString();
      ++ok;
    }
  }
  EXPECT_EQ(ok, 25u);      // 12 linter + 2 Red Hat + 11 GHSA→OSV
  EXPECT_EQ(failed, 11u);  // raw GHSA inputs

  auto nointro = ReadOsv((tools / "osv-linter/testdata/nointroduced-CVE-2023-41045.json").string());
  ASSERT_TRUE(nointro.has_value());
  EXPECT_TRUE(nointro->advisories[0].affected.empty());  // no package, GIT only
  EXPECT_EQ(nointro->advisories[0].severity, "MEDIUM");  // …/C:N/I:L/A:N = 5.3

  OsvStats rh_stats;
  auto rh = ReadOsv((tools / "redhat/testdata/OSV/RHSA-2024_6220.json").string(), {}, &rh_stats);
  ASSERT_TRUE(rh.has_value()) << rh.error().ToString();
  ASSERT_FALSE(rh->advisories[0].affected.empty());
  EXPECT_EQ(rh->advisories[0].affected[0].ecosystem, "rhel");
  EXPECT_EQ(rh->advisories[0].affected[0].release, "8");

  auto withdrawn = ReadOsv((tools / "ghsa/testdata/withdrawn.osv.json").string());
  ASSERT_TRUE(withdrawn.has_value());
  EXPECT_TRUE(withdrawn->advisories.empty());

  auto pypi = ReadOsv((tools / "ghsa/testdata/pypi_normalize.osv.json").string());
  ASSERT_TRUE(pypi.has_value());
  for (const auto& row : pypi->advisories[0].affected) {
    EXPECT_EQ(row.package.find_first_of("_.ABCDEFGHIJKLMNOPQRSTUVWXYZ"), std::string::npos)
        << row.package;
  }
}

// ---- ranges and mapping
// --------------------------------------------------------------------------

TEST(OsvRanges, EventsVersionsAndEcosystems) {
  const std::string record = R"({
  "id": "TEST-1", "modified": "2024-01-01T00:00:00Z", "aliases": ["CVE-1", "CVE-1"],
  "upstream": ["CVE-2", "TEST-1"], "details": "\n  First line.\nSecond line.",
  "database_specific": {"severity": "MODERATE"},
  "affected": [
    {"package": {"ecosystem": "npm", "name": "left-pad"},
     "ranges": [{"type": "SEMVER", "events": [
        {"introduced": "0"}, {"fixed": "1.0.0"}, {"introduced": "2.0.0"}, {"fixed": "2.1.0"},
        {"introduced": "3.0.0"}, {"last_affected": "3.2.0"}, {"introduced": "4.0.0"},
        {"limit": "*"}]}]},
    {"package": {"ecosystem": "PyPI", "name": "Zope.Interface"}, "versions": ["1.0", "1.1"]},
    {"package": {"ecosystem": "Debian:12", "name": "openssl"},
     "ranges": [{"type": "ECOSYSTEM", "events": [{"fixed": "3.0.1-1"}]}],
     "ecosystem_specific": {"urgency": "high"}},
    {"package": {"ecosystem": "Alpine:v3.18", "name": "musl"},
     "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "1.2.0"}, {"limit": "1.2.4"}]}]},
    {"package": {"ecosystem": "crates.io", "name": "x"}},
    {"package": {"ecosystem": "Ubuntu:Pro:18.04:LTS", "name": "linux"},
     "ranges": [{"type": "GIT", "repo": "r", "events": [{"introduced": "0"}]}],
     "versions": ["4.15.0-1"]}
  ]})";
  OsvStats stats;
  auto feed = ParseOsv(record, "t.json", &stats);
  ASSERT_TRUE(feed.has_value()) << feed.error().ToString();
  ASSERT_EQ(feed->advisories.size(), 1u);
  const Advisory& a = feed->advisories[0];
  EXPECT_EQ(a.aliases, (std::vector<std::string>{"CVE-1", "CVE-2"}));
  EXPECT_EQ(a.summary, "First line.");
  EXPECT_EQ(a.severity, "MEDIUM");
  EXPECT_EQ(stats.skipped_affected, 1u);
  EXPECT_EQ(stats.skipped_ranges, 1u);
  ASSERT_EQ(a.affected.size(), 4u + 2u + 1u + 1u + 1u);
  const auto& r = a.affected;
  EXPECT_EQ(r[0].introduced, "");
  EXPECT_EQ(r[0].fixed, "1.0.0");
  EXPECT_EQ(r[1].introduced, "2.0.0");
  EXPECT_EQ(r[1].fixed, "2.1.0");
  EXPECT_EQ(r[2].introduced, "3.0.0");
  EXPECT_EQ(r[2].last_affected, "3.2.0");
  EXPECT_EQ(r[2].status, Status::kUnfixed);
  EXPECT_EQ(r[3].introduced, "4.0.0");
  EXPECT_EQ(r[3].status, Status::kUnfixed);
  EXPECT_EQ(r[4].package, "zope-interface");
  EXPECT_EQ(r[4].introduced, "1.0");
  EXPECT_EQ(r[4].last_affected, "1.0");
  EXPECT_EQ(r[5].last_affected, "1.1");
  EXPECT_EQ(r[6].ecosystem, "debian");
  EXPECT_EQ(r[6].release, "12");
  EXPECT_EQ(r[6].fixed, "3.0.1-1");
  EXPECT_EQ(r[6].severity, "HIGH");
  EXPECT_EQ(r[7].release, "3.18");
  EXPECT_EQ(r[7].fixed, "1.2.4");
  EXPECT_EQ(r[8].ecosystem, "ubuntu");
  EXPECT_EQ(r[8].release, "18.04");
  EXPECT_EQ(r[8].last_affected, "4.15.0-1");
}

TEST(OsvRanges, EcosystemMapping) {
  using P = std::pair<std::string, std::string>;
  EXPECT_EQ(MapOsvEcosystem("Debian:11"), (P{"debian", "11"}));
  EXPECT_EQ(MapOsvEcosystem("Alpine:v3.20"), (P{"alpine", "3.20"}));
  EXPECT_EQ(MapOsvEcosystem("Ubuntu:22.04:LTS"), (P{"ubuntu", "22.04"}));
  EXPECT_EQ(MapOsvEcosystem("Ubuntu:Pro:18.04:LTS"), (P{"ubuntu", "18.04"}));
  EXPECT_EQ(MapOsvEcosystem("Rocky Linux:9"), (P{"rocky", "9"}));
  EXPECT_EQ(MapOsvEcosystem("AlmaLinux:8"), (P{"almalinux", "8"}));
  EXPECT_EQ(MapOsvEcosystem("PyPI"), (P{"pypi", ""}));
  EXPECT_EQ(MapOsvEcosystem("npm"), (P{"npm", ""}));
  EXPECT_FALSE(MapOsvEcosystem("Go").has_value());
  EXPECT_FALSE(MapOsvEcosystem("").has_value());
  EXPECT_FALSE(MapOsvEcosystem("Debian:bookworm").has_value());
  EXPECT_FALSE(MapOsvEcosystem("NPM").has_value());
  EXPECT_EQ(ParseFeedFormat("osv"), FeedFormat::kOsv);
  EXPECT_STREQ(FeedFormatName(FeedFormat::kOsv), "osv");
  EXPECT_EQ(DetectFeedFormat("x.yaml", "id: PYSEC-1\nmodified: 2020\n"), FeedFormat::kOsv);
  EXPECT_EQ(DetectFeedFormat("x.json", "{\n  \"id\": \"X\",\n  \"modified\": \"2020\"\n}"),
            FeedFormat::kOsv);
}

// ---- containers
// --------------------------------------------------------------------------------

const char* kRecordA =
    R"({"id": "GHSA-aaaa", "affected": [{"package": {"ecosystem": "npm",
  "name": "a"}, "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "2.0.0"}]}]}]})";
const char* kRecordB =
    "id: PYSEC-bbbb\nmodified: 2024-01-01\naffected:\n- package:\n    "
    "ecosystem: npm\n    name: b\n"
    "  ranges:\n  - type: ECOSYSTEM\n    events:\n    - introduced: '1'\n";

TEST(OsvContainers, DirectoryIsRecursiveSortedAndStaysInside) {
  drydock::testing::TempDir outside;
  outside.Write("EVIL-1.json", R"({"id": "EVIL-1"})");
  drydock::testing::TempDir dir;
  const fs::path root = dir.path() / "npm-feed";
  drydock::testing::WriteFile(root / "z/GHSA-aaaa.json", kRecordA);
  drydock::testing::WriteFile(root / "a/b/PYSEC-bbbb.yaml", kRecordB);
  drydock::testing::WriteFile(root / "README.md", "not a record");
  fs::create_symlink(outside.path() / "EVIL-1.json", root / "evil.json");
  fs::create_directory_symlink(outside.path(), root / "linked-dir");
  fs::create_symlink(root / "z/GHSA-aaaa.json", root / "same.json");  // inside: read once
  OsvStats stats;
  auto feed = ReadOsv(root.string(), {}, &stats);
  ASSERT_TRUE(feed.has_value()) << feed.error().ToString();
  ASSERT_EQ(feed->advisories.size(), 2u);
  EXPECT_EQ(feed->advisories[0].id, "GHSA-aaaa");
  EXPECT_EQ(feed->advisories[1].id, "PYSEC-bbbb");
  EXPECT_EQ(feed->source, "osv npm");
  EXPECT_EQ(stats.skipped_files, 1u);  // evil.json; linked-dir is not entered
  EXPECT_EQ(feed->advisories[1].affected[0].introduced, "1");
  EXPECT_EQ(feed->advisories[1].affected[0].status, Status::kUnfixed);

  // Limits: record count and per-record size.
  OsvLimits few;
  few.max_records = 1;
  auto too_many = ReadOsv(root.string(), few);
  ASSERT_FALSE(too_many.has_value());
  EXPECT_NE(too_many.error().message.find("more than 1"), std::string::npos);
  OsvLimits small;
  small.max_record_bytes = 50;
  auto too_big = ReadOsv(root.string(), small);
  ASSERT_FALSE(too_big.has_value());
  EXPECT_NE(too_big.error().where.file.find("PYSEC-bbbb.yaml"), std::string::npos)
      << too_big.error().ToString();

  // Duplicate ids across files fail, naming both.
  drydock::testing::WriteFile(root / "again.json", kRecordA);
  auto dup = ReadOsv(root.string());
  ASSERT_FALSE(dup.has_value());
  EXPECT_NE(dup.error().message.find("duplicate record id GHSA-aaaa"), std::string::npos);
}

TEST(OsvContainers, ZipExport) {
  drydock::testing::TempDir dir;
  const fs::path zip = dir.path() / "npm" / "all.zip";
  fs::create_directories(zip.parent_path());
  WriteZip(
      zip,
      {{"GHSA-aaaa.json", kRecordA}, {"sub/PYSEC-bbbb.yaml", kRecordB}, {"notes.txt", "hello"}});
  OsvStats stats;
  auto feed = ReadOsv(zip.string(), {}, &stats);
  ASSERT_TRUE(feed.has_value()) << feed.error().ToString();
  ASSERT_EQ(feed->advisories.size(), 2u);
  EXPECT_EQ(feed->source, "osv npm");
  EXPECT_EQ(stats.skipped_files, 1u);
  auto via_read_feed = ReadFeed(zip.string());
  ASSERT_TRUE(via_read_feed.has_value()) << via_read_feed.error().ToString();
  EXPECT_EQ(via_read_feed->advisories.size(), 2u);

  // Recognised by its signature without the extension; a mixed-ecosystem export
  // is named after the file.
  const fs::path renamed = dir.path() / "export.bin";
  WriteZip(renamed, {{"GHSA-aaaa.json", kRecordA},
                     {"PYSEC-cccc.json", R"({"id": "PYSEC-cccc", "affected": [{"package":
                       {"ecosystem": "PyPI", "name": "c"}, "versions": ["1.0"]}]})"}});
  auto sniffed = ReadFeed(renamed.string(), FeedFormat::kOsv);
  ASSERT_TRUE(sniffed.has_value()) << sniffed.error().ToString();
  EXPECT_EQ(sniffed->advisories.size(), 2u);
  EXPECT_EQ(sniffed->source, "osv export");

  // A member above the size cap (declared size checked before reading).
  OsvLimits small;
  small.max_record_bytes = 100;
  auto big = ReadOsv(zip.string(), small);
  ASSERT_FALSE(big.has_value());
  EXPECT_EQ(big.error().where.file, zip.string() + "!/GHSA-aaaa.json");
  // Total cap.
  OsvLimits total;
  total.max_total_bytes = 200;
  auto over = ReadOsv(zip.string(), total);
  ASSERT_FALSE(over.has_value());
  EXPECT_NE(over.error().message.find("in total"), std::string::npos);

  // A malformed member names the zip and the member, and the line.
  const fs::path bad = dir.path() / "bad.zip";
  WriteZip(bad, {{"GHSA-aaaa.json", kRecordA},
                 {"X-1.json", "{\n  \"id\": \"X-1\",\n  \"aliases\": 5\n}"}});
  auto broken = ReadOsv(bad.string());
  ASSERT_FALSE(broken.has_value());
  EXPECT_EQ(broken.error().where.file, bad.string() + "!/X-1.json");
  EXPECT_EQ(broken.error().where.line, 3) << broken.error().ToString();

  // Not a zip at all.
  const fs::path junk = dir.path() / "junk.zip";
  drydock::testing::WriteFile(junk, "PK\x03\x04 this is not really a zip archive at all");
  auto j = ReadOsv(junk.string());
  ASSERT_FALSE(j.has_value());
  EXPECT_EQ(j.error().where.file, junk.string());
}

// ---- malformed input
// ----------------------------------------------------------------------------

TEST(OsvMalformed, ErrorsNameFileAndPosition) {
  {
    auto r = ParseOsv("{\n  \"id\": \"X\",\n  \"aliases\": [\"a\",\n", "trunc.json");
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().where.file, "trunc.json");
    EXPECT_EQ(r.error().where.line, 4) << r.error().ToString();
    EXPECT_NE(r.error().message.find("byte"), std::string::npos);
  }
  {
    auto r = ParseOsv(
        "{\n  \"id\": \"X\",\n  \"affected\": [\n    {\"package\": "
        "{\"ecosystem\": "
        "\"npm\", \"name\": \"a\"},\n     \"ranges\": [{\"type\": \"SEMVER\", "
        "\"events\": [{\"fixed\": 1}]}]}]}",
        "types.json");
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().where.line, 5) << r.error().ToString();
    EXPECT_NE(r.error().message.find("/affected/0/ranges/0/events/0/fixed"), std::string::npos)
        << r.error().ToString();
  }
  {
    auto r = ParseOsv("{\"id\": 7}", "id.json");
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().where.line, 1);
  }
  {
    auto r = ParseOsv("id: Y\nmodified: x\naffected:\n  package: 3\n", "types.yaml");
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().where.file, "types.yaml");
    EXPECT_EQ(r.error().where.line, 4) << r.error().ToString();
  }
  {
    auto r = ParseOsv("id: Y\naffected: [\n", "trunc.yaml");
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().where.file, "trunc.yaml");
    EXPECT_GT(r.error().where.line, 0) << r.error().ToString();
  }
  {
    auto r = ParseOsv("[{\"id\": \"A\"}, 5]", "array.json");
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().message.find("\"/1\""), std::string::npos) << r.error().ToString();
  }
  {
    // Unknown ecosystem: not an error; the entry is counted.
    OsvStats stats;
    auto r =
        ParseOsv(R"({"id": "Z", "affected": [{"package": {"ecosystem": "Hex", "name": "p"}}]})",
                 "eco.json", &stats);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(stats.skipped_affected, 1u);
    EXPECT_TRUE(r->advisories[0].affected.empty());
  }
}

TEST(OsvMalformed, HugeFileIsRefusedBySizeWithoutReading) {
  drydock::testing::TempDir dir;
  const fs::path path = dir.path() / "huge.json";
  {
    std::ofstream out(path, std::ios::binary);
    out << "{\"id\": \"";
  }
  fs::resize_file(path, std::uintmax_t{1} << 30);  // sparse: a 1 GiB string, no disk used
  auto r = ReadOsv(path.string());
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().where.file, path.string());
  EXPECT_NE(r.error().message.find("1073741824 bytes"), std::string::npos) << r.error().ToString();
  auto via_dir = ReadOsv(dir.path().string());
  ASSERT_FALSE(via_dir.has_value());
  EXPECT_EQ(via_dir.error().where.file, path.string());
}

// ---- into the database
// -------------------------------------------------------------------------

TEST(OsvDatabase, DebianRecordLookup) {
  REQUIRE_FEED("osv-dev-testdata/gcp/workers/oss_fuzz_worker/testdata/DSA-3029-1.json");
  auto feed = ReadOsv(
      (VulnCorpus() / "osv-dev-testdata/gcp/workers/oss_fuzz_worker/testdata/DSA-3029-1.json")
          .string());
  ASSERT_TRUE(feed.has_value()) << feed.error().ToString();
  drydock::testing::TempDir dir;
  auto db = Database::Open((dir.path() / "vuln.db").string(), true);
  ASSERT_TRUE(db.has_value()) << db.error().ToString();
  ASSERT_TRUE(db->Import(*feed, "2024-01-01T00:00:00Z").has_value());
  auto rows = db->Lookup("debian", "7", "nginx");
  ASSERT_TRUE(rows.has_value()) << rows.error().ToString();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].advisory, "DSA-3029-1");
  EXPECT_EQ((*rows)[0].source, "osv DSA-3029-1");
  EXPECT_EQ((*rows)[0].range.fixed, "1.2.1-2.2+wheezy3");
  auto none = db->Lookup("debian", "12", "nginx");
  ASSERT_TRUE(none.has_value());
  EXPECT_TRUE(none->empty());
}

}  // namespace
}  // namespace drydock::vuln
