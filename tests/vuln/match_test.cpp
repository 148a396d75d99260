// SPDX-License-Identifier: Apache-2.0
// Matching an inventory against a database built from small feeds: source-package lookups,
// each distribution's ordering, not-affected winning, a CVE and its DSA merged, unfixed.
#include "vuln/match.h"
#include "audit/image.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sources/image/reader.h"
#include "support/files.h"
#include "vuln/importers.h"

namespace drydock::vuln {
namespace {

packages::Package Deb(std::string name, std::string version, std::string source,
                      std::string source_version) {
  packages::Package p;
  p.ecosystem = packages::Ecosystem::kDpkg;
  p.name = std::move(name);
  p.version = std::move(version);
  p.source_name = std::move(source);
  p.source_version = std::move(source_version);
  p.origin = core::FileOrigin("var/lib/dpkg/status", 10);
  return p;
}

AffectedRange Range(std::string package, std::string fixed, Status status = Status::kFixed,
                    std::string release = "12") {
  AffectedRange r;
  r.ecosystem = "debian";
  r.release = std::move(release);
  r.package = std::move(package);
  r.fixed = std::move(fixed);
  r.status = status;
  return r;
}

Advisory Adv(std::string id, std::vector<std::string> aliases, std::vector<AffectedRange> ranges,
             std::string severity = "") {
  Advisory a;
  a.id = std::move(id);
  a.aliases = std::move(aliases);
  a.affected = std::move(ranges);
  a.severity = std::move(severity);
  return a;
}

class MatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Database::Open((dir_.path() / "vuln.db").string(), true);
    ASSERT_TRUE(opened.has_value()) << opened.error().ToString();
    db_ = std::make_unique<Database>(std::move(*opened));
    Feed tracker;
    tracker.source = "debian tracker";
    tracker.format = "debian-tracker-json";
    tracker.location = "json";
    AffectedRange high = Range("openssl", "3.0.11-1~deb12u2");
    high.severity = "HIGH";
    tracker.advisories = {
        Adv("CVE-2023-0001", {}, {high}),
        Adv("CVE-2023-0002", {}, {Range("openssl", "", Status::kUnfixed)}),
        Adv("CVE-2023-0003", {}, {Range("glibc", "2.36-9+deb12u4")}),
        Adv("CVE-2023-0004", {}, {Range("zlib", "", Status::kNotAffected)}),
        Adv("CVE-2023-0005", {}, {Range("openssl", "3.0.9-1")}),  // already fixed
        Adv("CVE-2023-0006", {}, {Range("openssl", "3.0.12-1", Status::kFixed, "11")}),
    };
    Feed dsa;
    dsa.source = "debian DSA list";
    dsa.format = "debian-dsa-list";
    dsa.location = "list";
    dsa.advisories = {
        Adv("DSA-5500-1", {"CVE-2023-0001"}, {Range("openssl", "3.0.11-1~deb12u2")}),
        Adv("DSA-5501-1", {"CVE-2023-0004"}, {Range("zlib", "1:1.2.13.dfsg-2")}),
    };
    ASSERT_TRUE(db_->Import(tracker, "t").has_value());
    ASSERT_TRUE(db_->Import(dsa, "t").has_value());
    inventory_.os_id = "debian";
    inventory_.os_release = "12";
    inventory_.packages = {
        Deb("libssl3", "3.0.11-1~deb12u1", "openssl", "3.0.11-1~deb12u1"),
        Deb("libc6", "2.36-9+deb12u3", "glibc", "2.36-9+deb12u3"),
        Deb("libc-bin", "2.36-9+deb12u3", "glibc", "2.36-9+deb12u3"),
        Deb("zlib1g", "1:1.2.13.dfsg-1", "zlib", "1:1.2.13.dfsg-1"),
        Deb("bash", "5.2.15-2+b2", "bash", "5.2.15-2"),
    };
  }

  std::vector<std::string> Found(const MatchOptions& options = {}) {
    auto matches = MatchPackages(inventory_, *db_, options);
    EXPECT_TRUE(matches.has_value());
    std::vector<std::string> out;
    for (const auto& m : *matches) out.push_back(m.package + " " + m.advisory + " " + m.fixed);
    return out;
  }

  testing::TempDir dir_;
  std::unique_ptr<Database> db_;
  packages::Inventory inventory_;
};

TEST_F(MatchTest, SourcePackagesOrderingNotAffectedAndMerging) {
  EXPECT_EQ(Found(),
            (std::vector<std::string>{
                "libc-bin CVE-2023-0003 2.36-9+deb12u4", "libc6 CVE-2023-0003 2.36-9+deb12u4",
                "libssl3 CVE-2023-0001 3.0.11-1~deb12u2",  // tracker + DSA: one match
                "libssl3 CVE-2023-0002 ",                  // unfixed
            }));
  auto matches = MatchPackages(inventory_, *db_, {});
  const PackageMatch& merged = (*matches)[2];
  EXPECT_EQ(merged.aliases, std::vector<std::string>{"DSA-5500-1"});
  EXPECT_EQ(merged.sources, (std::vector<std::string>{"debian DSA list", "debian tracker"}));
  EXPECT_EQ(merged.severity, "HIGH");
  EXPECT_EQ(merged.source_package, "openssl");
  EXPECT_EQ(merged.origin.file, "var/lib/dpkg/status");
  EXPECT_EQ((*matches)[3].status, Status::kUnfixed);
}

TEST_F(MatchTest, IgnoreUnfixedAndOtherReleases) {
  MatchOptions options;
  options.ignore_unfixed = true;
  EXPECT_EQ(Found(options).size(), 3u);
  inventory_.os_release = "13";  // nothing imported for trixie
  EXPECT_TRUE(Found().empty());
  inventory_.os_id = "plan9";
  EXPECT_EQ(FeedEcosystem(inventory_), "");
  EXPECT_TRUE(Found().empty());
}

TEST_F(MatchTest, InstalledFixedVersionIsClean) {
  inventory_.packages = {Deb("libssl3", "3.0.11-1~deb12u2", "openssl", "3.0.11-1~deb12u2")};
  EXPECT_EQ(Found(), (std::vector<std::string>{"libssl3 CVE-2023-0002 "}));
}

// The real Alpine 3.10.4 / 3.11.5 `docker save` archives against the secdb of their branch.
// Read by hand (tar + the installed DB; PyYAML over secdb), every installed origin is at or above
// each fixed version its branch lists (busybox 1.30.1-r3 ≥ 1.30.1-r2; musl 1.1.22-r3 ≥ 1.1.22-r3;
// openssl 1.1.1d-r2 ≥ 1.1.1d-r0 on 3.10; on 3.11 openssl 1.1.1d-r3 ≥ 1.1.1d-r3, musl 1.1.24-r2 ≥
// 1.1.23-r2): no match. With openssl downgraded to 1.1.1d-r2 on 3.11, exactly CVE-2019-1551 (fixed
// in 1.1.1d-r3) for its two binaries, libcrypto1.1 and libssl1.1.
TEST(MatchCorpus, AlpineImagesAgainstTheirSecdb) {
  const char* env = std::getenv("DRYDOCK_CORPUS");
  const std::filesystem::path corpus = env != nullptr ? env : DRYDOCK_CORPUS;
  const auto images = corpus / "images/aquasecurity__trivy";
  const auto secdb = corpus / "vulndb/alpine-secdb-legacy-v3.3-v3.11";
  std::filesystem::path a310, a311;
  if (std::filesystem::exists(images)) {
    for (const auto& e : std::filesystem::recursive_directory_iterator(images)) {
      if (e.path().filename() == "alpine-310.tar.gz") a310 = e.path();
      if (e.path().filename() == "alpine-311.tar.gz") a311 = e.path();
    }
  }
  if (a310.empty() || a311.empty() || !std::filesystem::exists(secdb)) {
    GTEST_SKIP() << "corpus Alpine images or secdb absent under " << corpus;
  }
  testing::TempDir dir;
  auto db = Database::Open((dir.path() / "vuln.db").string(), true);
  ASSERT_TRUE(db.has_value());
  for (const char* branch : {"v3.10", "v3.11"}) {
    for (const char* repo : {"main.yaml", "community.yaml"}) {
      auto feed = ReadFeed((secdb / branch / repo).string());
      ASSERT_TRUE(feed.has_value()) << feed.error().ToString();
      ASSERT_TRUE(db->Import(*feed, "t").has_value());
    }
  }
  for (const auto& [archive, release] : {std::pair{a310, "3.10"}, std::pair{a311, "3.11"}}) {
    auto spec = sources::image::ReadImage(archive, audit::ScannedReadOptions());
    ASSERT_TRUE(spec.has_value()) << spec.error().ToString();
    const packages::Inventory inventory = packages::ReadInventory(*spec);
    EXPECT_EQ(inventory.os_id, "alpine");
    EXPECT_EQ(inventory.os_release, release);
    EXPECT_EQ(inventory.packages.size(), 14u);
    auto matches = MatchPackages(inventory, *db);
    ASSERT_TRUE(matches.has_value());
    EXPECT_TRUE(matches->empty()) << archive << ": " << (*matches)[0].package << " "
                                  << (*matches)[0].advisory;
    if (std::string(release) != "3.11") continue;
    packages::Inventory downgraded = inventory;
    for (auto& p : downgraded.packages) {
      if (p.source_name == "openssl") p.version = "1.1.1d-r2";
    }
    auto found = MatchPackages(downgraded, *db);
    ASSERT_TRUE(found.has_value());
    std::vector<std::string> got;
    for (const auto& m : *found) got.push_back(m.package + " " + m.advisory + " " + m.fixed);
    EXPECT_EQ(got, (std::vector<std::string>{"libcrypto1.1 CVE-2019-1551 1.1.1d-r3",
                                             "libssl1.1 CVE-2019-1551 1.1.1d-r3"}));
  }
}

}  // namespace
}  // namespace drydock::vuln
