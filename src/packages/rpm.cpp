// SPDX-License-Identifier: Apache-2.0
#include "packages/rpm.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <cstring>
#include <memory>

namespace drydock::packages {
namespace {

constexpr std::uint32_t kMaxIndexEntries = 0xffff;  // rpm's own limit (hdrchkTags)

std::uint32_t Be32(const std::uint8_t* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
         std::uint32_t{p[3]};
}

core::Result<RpmHeader> Corrupt(std::string message) {
  return core::Fail(core::ErrorCode::kInput, "rpm header: " + std::move(message));
}

struct SqliteCloser {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
struct StmtFinalizer {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};

}  // namespace

core::Result<RpmHeader> ParseRpmHeader(std::span<const std::uint8_t> blob) {
  if (blob.size() < 8) {
    return Corrupt(fmt::format("{} bytes, shorter than its preamble", blob.size()));
  }
  const std::uint32_t il = Be32(blob.data());
  const std::uint32_t dl = Be32(blob.data() + 4);
  if (il == 0 || il > kMaxIndexEntries) return Corrupt(fmt::format("bad index count {}", il));
  const std::uint64_t index_end = 8 + std::uint64_t{il} * 16;
  if (index_end + dl > blob.size()) {
    return Corrupt(fmt::format("{} index entries and {} data bytes need {} bytes, blob has {}", il,
                               dl, index_end + dl, blob.size()));
  }
  const std::uint8_t* data = blob.data() + index_end;
  RpmHeader h;
  bool have_name = false, have_version = false, have_release = false;
  for (std::uint32_t i = 0; i < il; ++i) {
    const std::uint8_t* e = blob.data() + 8 + std::uint64_t{i} * 16;
    const std::uint32_t tag = Be32(e), type = Be32(e + 4), offset = Be32(e + 8),
                        count = Be32(e + 12);
    std::string* target = nullptr;
    switch (tag) {
      case kRpmTagName:
        target = &h.name;
        have_name = true;
        break;
      case kRpmTagVersion:
        target = &h.version;
        have_version = true;
        break;
      case kRpmTagRelease:
        target = &h.release;
        have_release = true;
        break;
      case kRpmTagArch:
        target = &h.arch;
        break;
      case kRpmTagSourceRpm:
        target = &h.source_rpm;
        break;
      case kRpmTagVendor:
        target = &h.vendor;
        break;
      case kRpmTagEpoch:
        break;
      default:
        continue;  // not needed
    }
    // The offset is signed in the format; a negative one is > 0x7fffffff here
    // and fails below.
    if (offset >= dl) {
      return Corrupt(fmt::format("tag {} at byte {}: offset {} outside the {}-byte data store", tag,
                                 8 + i * 16, offset, dl));
    }
    if (count == 0) return Corrupt(fmt::format("tag {}: count 0", tag));
    if (tag == kRpmTagEpoch) {
      if (type != kRpmTypeInt32) return Corrupt(fmt::format("EPOCH has type {}, not INT32", type));
      if (std::uint64_t{offset} + 4 > dl) {
        return Corrupt(fmt::format("EPOCH at offset {} overruns the data store", offset));
      }
      h.epoch = static_cast<std::int32_t>(Be32(data + offset));
      continue;
    }
    if (type != kRpmTypeString && type != kRpmTypeStringArray && type != kRpmTypeI18nString) {
      return Corrupt(fmt::format("tag {} has type {}, not a string", tag, type));
    }
    // The first string of the entry (STRING has one; arrays and I18N: the
    // first/C locale).
    const void* nul = std::memchr(data + offset, 0, dl - offset);
    if (nul == nullptr) {
      return Corrupt(fmt::format("tag {}: string at offset {} not NUL-terminated", tag, offset));
    }
    target->assign(reinterpret_cast<const char*>(data + offset),
                   static_cast<const std::uint8_t*>(nul) - (data + offset));
  }
  if (!have_name || h.name.empty()) return Corrupt("no NAME");
  if (!have_version || h.version.empty()) return Corrupt("no VERSION");
  if (!have_release) return Corrupt("no RELEASE");
  return h;
}

std::optional<SourceRpm> ParseSourceRpm(std::string_view file_name) {
  for (std::string_view suffix : {".src.rpm", ".nosrc.rpm"}) {
    if (file_name.ends_with(suffix)) {
      file_name.remove_suffix(suffix.size());
      break;
    }
  }
  const std::size_t release_dash = file_name.rfind('-');
  if (release_dash == std::string_view::npos || release_dash == 0) return std::nullopt;
  const std::size_t version_dash = file_name.rfind('-', release_dash - 1);
  if (version_dash == std::string_view::npos || version_dash == 0 ||
      release_dash + 1 == file_name.size() || version_dash + 1 == release_dash) {
    return std::nullopt;
  }
  return SourceRpm{std::string(file_name.substr(0, version_dash)),
                   std::string(file_name.substr(version_dash + 1))};
}

core::Result<RpmDatabase> ReadRpmSqlite(std::string_view bytes, std::string_view file,
                                        const RpmLimits& limits) {
  auto fail = [&](std::string message) {
    return core::Fail(core::ErrorCode::kInput, std::move(message),
                      core::FileOrigin(std::string(file)));
  };
  constexpr std::string_view kMagic("SQLite format 3\0", 16);
  if (bytes.size() < 100 || bytes.substr(0, 16) != kMagic) {
    return fail("not an SQLite 3 database");
  }
  // A WAL-mode file (header bytes 18/19 = 2) cannot be opened from memory: read
  // a copy marked as a rollback-journal database. Transactions still in the
  // -wal file are not seen.
  std::string copy;
  if (bytes[18] == 2 || bytes[19] == 2) {
    copy.assign(bytes);
    copy[18] = 1;
    copy[19] = 1;
    bytes = copy;
  }
  sqlite3* raw = nullptr;
  if (sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    sqlite3_close(raw);
    return core::Fail(core::ErrorCode::kInternal, "sqlite3_open_v2 failed");
  }
  std::unique_ptr<sqlite3, SqliteCloser> db(raw);
  sqlite3_db_config(db.get(), SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  sqlite3_db_config(db.get(), SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
  auto* buffer = reinterpret_cast<unsigned char*>(const_cast<char*>(bytes.data()));
  const auto size = static_cast<sqlite3_int64>(bytes.size());
  if (sqlite3_deserialize(db.get(), "main", buffer, size, size, SQLITE_DESERIALIZE_READONLY) !=
      SQLITE_OK) {
    return fail(fmt::format("SQLite: {}", sqlite3_errmsg(db.get())));
  }
  sqlite3_stmt* raw_stmt = nullptr;
  if (sqlite3_prepare_v2(db.get(), "SELECT hnum, blob FROM Packages ORDER BY hnum", -1, &raw_stmt,
                         nullptr) != SQLITE_OK) {
    sqlite3_finalize(raw_stmt);
    return fail(fmt::format("no readable Packages table: {}", sqlite3_errmsg(db.get())));
  }
  std::unique_ptr<sqlite3_stmt, StmtFinalizer> stmt(raw_stmt);
  RpmDatabase out;
  std::size_t rows = 0;
  int rc = SQLITE_OK;
  while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
    if (++rows > limits.max_packages) {
      return fail(fmt::format("more than {} packages", limits.max_packages));
    }
    const sqlite3_int64 hnum = sqlite3_column_int64(stmt.get(), 0);
    core::Origin where = core::FileOrigin(std::string(file));
    where.path = fmt::format("hnum {}", hnum);
    const auto* blob = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt.get(), 1));
    const int blob_size = sqlite3_column_bytes(stmt.get(), 1);
    if (blob_size < 0 || static_cast<std::size_t>(blob_size) > limits.max_header_bytes) {
      out.warnings.push_back({core::DiagnosticLevel::kWarning, where,
                              fmt::format("rpm header of {} bytes skipped", blob_size)});
      continue;
    }
    auto header = ParseRpmHeader(std::span<const std::uint8_t>(
        blob, blob == nullptr ? 0 : static_cast<std::size_t>(blob_size)));
    if (!header) {
      out.warnings.push_back(
          {core::DiagnosticLevel::kWarning, where, header.error().message + "; package skipped"});
      continue;
    }
    if (header->name == "gpg-pubkey") continue;
    Package p;
    p.ecosystem = Ecosystem::kRpm;
    p.name = header->name;
    p.version = header->version + "-" + header->release;
    if (header->epoch) p.version = fmt::format("{}:{}", *header->epoch, p.version);
    p.arch = header->arch;
    p.maintainer = header->vendor;
    p.source_name = p.name;
    p.source_version = p.version;
    if (auto src = ParseSourceRpm(header->source_rpm)) {
      p.source_name = src->name;
      // The source shares the binary's epoch (SOURCERPM has none).
      p.source_version =
          header->epoch ? fmt::format("{}:{}", *header->epoch, src->version) : src->version;
    }
    p.origin = std::move(where);
    out.packages.push_back(std::move(p));
  }
  if (rc != SQLITE_DONE) return fail(fmt::format("SQLite: {}", sqlite3_errmsg(db.get())));
  return out;
}

}  // namespace drydock::packages
