// SPDX-License-Identifier: Apache-2.0
// rpm header blobs and rpmdb.sqlite: headers built here byte by byte (valid,
// truncated, with out-of-range offsets), databases built with the SQLite API
// and read back from memory.
#include "packages/rpm.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <vector>

namespace drydock::packages {
namespace {

void PutBe32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  out.push_back(static_cast<std::uint8_t>(v >> 24));
  out.push_back(static_cast<std::uint8_t>(v >> 16));
  out.push_back(static_cast<std::uint8_t>(v >> 8));
  out.push_back(static_cast<std::uint8_t>(v));
}

// Builds an rpm header blob (no lead): strings as STRING entries, `epoch` as
// INT32 when >= 0.
class HeaderBuilder {
 public:
  HeaderBuilder& String(std::uint32_t tag, const std::string& value,
                        std::uint32_t type = kRpmTypeString) {
    entries_.push_back({tag, type, static_cast<std::uint32_t>(data_.size()), 1});
    data_.insert(data_.end(), value.begin(), value.end());
    data_.push_back(0);
    return *this;
  }
  HeaderBuilder& Int32(std::uint32_t tag, std::uint32_t value) {
    while (data_.size() % 4 != 0) data_.push_back(0);
    entries_.push_back({tag, kRpmTypeInt32, static_cast<std::uint32_t>(data_.size()), 1});
    PutBe32(data_, value);
    return *this;
  }
  // A raw entry (for hostile headers).
  HeaderBuilder& Raw(std::uint32_t tag, std::uint32_t type, std::uint32_t offset,
                     std::uint32_t count) {
    entries_.push_back({tag, type, offset, count});
    return *this;
  }
  std::vector<std::uint8_t> Build() const {
    std::vector<std::uint8_t> out;
    PutBe32(out, static_cast<std::uint32_t>(entries_.size()));
    PutBe32(out, static_cast<std::uint32_t>(data_.size()));
    for (const Entry& e : entries_) {
      PutBe32(out, e.tag);
      PutBe32(out, e.type);
      PutBe32(out, e.offset);
      PutBe32(out, e.count);
    }
    out.insert(out.end(), data_.begin(), data_.end());
    return out;
  }

 private:
  struct Entry {
    std::uint32_t tag, type, offset, count;
  };
  std::vector<Entry> entries_;
  std::vector<std::uint8_t> data_;
};

std::vector<std::uint8_t> Openssl() {
  return HeaderBuilder()
      .Raw(63, 7, 0, 16)  // a region tag we ignore (HEADERIMMUTABLE, BIN)
      .String(kRpmTagName, "openssl-libs")
      .String(kRpmTagVersion, "3.0.7")
      .String(kRpmTagRelease, "27.el9")
      .Int32(kRpmTagEpoch, 1)
      .String(kRpmTagArch, "x86_64")
      .String(kRpmTagSourceRpm, "openssl-3.0.7-27.el9.src.rpm")
      .String(kRpmTagVendor, "Red Hat, Inc.", kRpmTypeI18nString)
      .Build();
}

// An rpmdb.sqlite image in memory: Packages(hnum, blob) with the given blobs.
std::string MakeRpmDb(const std::vector<std::vector<std::uint8_t>>& blobs) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(":memory:", &db), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(db,
                         "CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, "
                         "blob BLOB NOT NULL)",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, "INSERT INTO Packages (blob) VALUES (?)", -1, &stmt, nullptr),
            SQLITE_OK);
  for (const auto& blob : blobs) {
    sqlite3_bind_blob(stmt, 1, blob.data(), static_cast<int>(blob.size()), SQLITE_TRANSIENT);
    EXPECT_EQ(sqlite3_step(stmt), SQLITE_DONE);
    sqlite3_reset(stmt);
  }
  sqlite3_finalize(stmt);
  sqlite3_int64 size = 0;
  unsigned char* bytes = sqlite3_serialize(db, "main", &size, 0);
  std::string out(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(size));
  sqlite3_free(bytes);
  sqlite3_close(db);
  return out;
}

TEST(RpmHeader, ReadsTheTagsWeNeed) {
  auto h = ParseRpmHeader(Openssl());
  ASSERT_TRUE(h) << h.error().message;
  EXPECT_EQ(h->name, "openssl-libs");
  EXPECT_EQ(h->version, "3.0.7");
  EXPECT_EQ(h->release, "27.el9");
  ASSERT_TRUE(h->epoch);
  EXPECT_EQ(*h->epoch, 1);
  EXPECT_EQ(h->arch, "x86_64");
  EXPECT_EQ(h->source_rpm, "openssl-3.0.7-27.el9.src.rpm");
  EXPECT_EQ(h->vendor, "Red Hat, Inc.");
}

TEST(RpmHeader, HostileBlobsFailCleanly) {
  const std::vector<std::uint8_t> good = Openssl();
  // Every truncation of a valid header fails (the data store is checked against
  // the blob).
  for (std::size_t n = 0; n < good.size(); ++n) {
    EXPECT_FALSE(ParseRpmHeader(std::span(good.data(), n))) << n;
  }
  std::vector<std::uint8_t> huge_count;
  PutBe32(huge_count, 0xffffffff);
  PutBe32(huge_count, 0xffffffff);
  EXPECT_FALSE(ParseRpmHeader(huge_count));
  // Offsets outside the store, negative offsets, strings without NUL, wrong
  // types.
  auto bad_offset =
      HeaderBuilder().String(kRpmTagName, "x").Raw(kRpmTagVersion, 6, 1000, 1).Build();
  auto r = ParseRpmHeader(bad_offset);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("outside"), std::string::npos) << r.error().message;
  EXPECT_FALSE(ParseRpmHeader(
      HeaderBuilder().String(kRpmTagName, "x").Raw(kRpmTagVersion, 6, 0x80000000u, 1).Build()));
  std::vector<std::uint8_t> no_nul = HeaderBuilder().String(kRpmTagName, "abc").Build();
  no_nul.back() = 'x';  // the terminating NUL of the only string
  EXPECT_FALSE(ParseRpmHeader(no_nul));
  EXPECT_FALSE(ParseRpmHeader(HeaderBuilder()
                                  .String(kRpmTagName, "a")
                                  .String(kRpmTagVersion, "1")
                                  .String(kRpmTagRelease, "1")
                                  .Raw(kRpmTagEpoch, kRpmTypeInt32, 4, 1)  // overruns the store
                                  .Build()));
  EXPECT_FALSE(
      ParseRpmHeader(HeaderBuilder().Int32(kRpmTagName, 7).String(kRpmTagVersion, "1").Build()));
  auto no_release =
      ParseRpmHeader(HeaderBuilder().String(kRpmTagName, "a").String(kRpmTagVersion, "1").Build());
  ASSERT_FALSE(no_release);
  EXPECT_NE(no_release.error().message.find("RELEASE"), std::string::npos);
}

TEST(RpmHeader, SourceRpmNames) {
  auto s = ParseSourceRpm("openssl-3.0.7-27.el9.src.rpm");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->name, "openssl");
  EXPECT_EQ(s->version, "3.0.7-27.el9");
  auto dashed = ParseSourceRpm("python-setuptools-53.0.0-12.el9.src.rpm");
  ASSERT_TRUE(dashed);
  EXPECT_EQ(dashed->name, "python-setuptools");
  EXPECT_FALSE(ParseSourceRpm("nodash.src.rpm"));
  EXPECT_FALSE(ParseSourceRpm("-1-2.src.rpm"));
  EXPECT_FALSE(ParseSourceRpm(""));
}

TEST(RpmSqlite, ReadsPackagesSkipsPubkeysAndBadHeaders) {
  auto pubkey = HeaderBuilder()
                    .String(kRpmTagName, "gpg-pubkey")
                    .String(kRpmTagVersion, "fd431d51")
                    .String(kRpmTagRelease, "4ae0493b")
                    .Build();
  auto bash = HeaderBuilder()
                  .String(kRpmTagName, "bash")
                  .String(kRpmTagVersion, "5.1.8")
                  .String(kRpmTagRelease, "9.el9")
                  .String(kRpmTagArch, "x86_64")
                  .String(kRpmTagSourceRpm, "bash-5.1.8-9.el9.src.rpm")
                  .Build();
  auto truncated = Openssl();
  truncated.resize(truncated.size() - 5);
  const std::string bytes = MakeRpmDb({Openssl(), pubkey, truncated, bash});
  auto db = ReadRpmSqlite(bytes, "var/lib/rpm/rpmdb.sqlite");
  ASSERT_TRUE(db) << db.error().ToString();
  ASSERT_EQ(db->packages.size(), 2u);
  const Package& ssl = db->packages[0];
  EXPECT_EQ(ssl.ecosystem, Ecosystem::kRpm);
  EXPECT_EQ(ssl.name, "openssl-libs");
  EXPECT_EQ(ssl.version, "1:3.0.7-27.el9");
  EXPECT_EQ(ssl.arch, "x86_64");
  EXPECT_EQ(ssl.source_name, "openssl");
  EXPECT_EQ(ssl.source_version, "1:3.0.7-27.el9");
  EXPECT_EQ(ssl.maintainer, "Red Hat, Inc.");
  EXPECT_EQ(ssl.origin.file, "var/lib/rpm/rpmdb.sqlite");
  EXPECT_EQ(ssl.origin.path, "hnum 1");
  EXPECT_EQ(db->packages[1].name, "bash");
  EXPECT_EQ(db->packages[1].version, "5.1.8-9.el9");
  EXPECT_EQ(db->packages[1].origin.path, "hnum 4");
  ASSERT_EQ(db->warnings.size(), 1u);
  EXPECT_EQ(db->warnings[0].where.path, "hnum 3");

  // A WAL-mode file (header bytes 18/19 = 2), as rpm leaves it, reads the same.
  std::string wal = bytes;
  wal[18] = 2;
  wal[19] = 2;
  auto from_wal = ReadRpmSqlite(wal, "x");
  ASSERT_TRUE(from_wal) << from_wal.error().ToString();
  EXPECT_EQ(from_wal->packages.size(), 2u);

  RpmLimits limits;
  limits.max_packages = 1;
  EXPECT_FALSE(ReadRpmSqlite(bytes, "x", limits));
}

TEST(RpmSqlite, NotADatabaseOrNoTable) {
  EXPECT_FALSE(ReadRpmSqlite("", "x"));
  EXPECT_FALSE(ReadRpmSqlite(std::string(4096, 'A'), "x"));
  // An SQLite file without a Packages table.
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(":memory:", &raw), SQLITE_OK);
  sqlite3_exec(raw, "CREATE TABLE Other (x)", nullptr, nullptr, nullptr);
  sqlite3_int64 size = 0;
  unsigned char* serialized = sqlite3_serialize(raw, "main", &size, 0);
  std::string other(reinterpret_cast<const char*>(serialized), static_cast<std::size_t>(size));
  sqlite3_free(serialized);
  sqlite3_close(raw);
  auto r = ReadRpmSqlite(other, "x");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("Packages"), std::string::npos) << r.error().message;
  // Truncated and bit-flipped databases fail or read, never crash.
  const std::string good = MakeRpmDb({Openssl()});
  for (std::size_t n = 0; n < good.size(); n += 97) (void)ReadRpmSqlite(good.substr(0, n), "x");
  for (std::size_t i = 100; i < good.size(); i += 13) {
    std::string flipped = good;
    flipped[i] = static_cast<char>(flipped[i] ^ 0x5a);
    (void)ReadRpmSqlite(flipped, "x");
  }
}

}  // namespace
}  // namespace drydock::packages
