// SPDX-License-Identifier: Apache-2.0
// rpm's database of installed packages (FORMATS.md §8). The SQLite backend (`rpmdb.sqlite` in
// var/lib/rpm/ or usr/lib/sysimage/rpm/; RHEL 9, Fedora 33+, Amazon Linux 2023) is read from
// bytes in memory: table `Packages(hnum, blob)`, each blob an rpm header without lead
// (big-endian `u32 il, u32 dl, il × {tag, type, offset, count}, data[dl]`). The Berkeley DB
// (`Packages`) and NDB (`Packages.db`) backends are not read: callers report them as unsupported.
//
// Hostile input: every header offset and count is checked against the blob; SQLite opens the
// bytes read-only in defensive mode and reports corruption as an error. Pure; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "core/error.h"
#include "packages/package.h"

namespace drydock::packages {

// Header tags and types read.
inline constexpr std::uint32_t kRpmTagName = 1000;
inline constexpr std::uint32_t kRpmTagVersion = 1001;
inline constexpr std::uint32_t kRpmTagRelease = 1002;
inline constexpr std::uint32_t kRpmTagEpoch = 1003;
inline constexpr std::uint32_t kRpmTagVendor = 1011;
inline constexpr std::uint32_t kRpmTagArch = 1022;
inline constexpr std::uint32_t kRpmTagSourceRpm = 1044;
inline constexpr std::uint32_t kRpmTypeInt32 = 4;
inline constexpr std::uint32_t kRpmTypeString = 6;
inline constexpr std::uint32_t kRpmTypeStringArray = 8;
inline constexpr std::uint32_t kRpmTypeI18nString = 9;

struct RpmHeader {
  std::string name, version, release, arch, source_rpm, vendor;
  std::optional<std::int32_t> epoch;
};

// Parses one header blob. Fails (with the byte offset in the message) when the blob is truncated,
// an entry points outside the data store, a string is not NUL-terminated, or NAME, VERSION or
// RELEASE is missing.
core::Result<RpmHeader> ParseRpmHeader(std::span<const std::uint8_t> blob);

// "openssl-3.0.7-27.el9.src.rpm" → {"openssl", "3.0.7-27.el9"}; nullopt when it does not parse.
struct SourceRpm {
  std::string name, version;  // version = "version-release"
};
std::optional<SourceRpm> ParseSourceRpm(std::string_view file_name);

struct RpmLimits {
  std::size_t max_packages = 200'000;
  std::size_t max_header_bytes = 64 << 20;  // one blob
};

struct RpmDatabase {
  std::vector<Package> packages;  // by hnum; gpg-pubkey pseudo-packages left out
  core::Diagnostics warnings;     // headers that did not parse
};

// Reads an rpmdb.sqlite file held in `bytes` (must stay alive during the call); `file` names it
// in origins and errors. Fails when it is not an SQLite database with a Packages table.
core::Result<RpmDatabase> ReadRpmSqlite(std::string_view bytes, std::string_view file,
                                        const RpmLimits& limits = {});

}  // namespace drydock::packages
