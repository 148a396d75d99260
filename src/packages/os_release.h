// SPDX-License-Identifier: Apache-2.0
// os-release (freedesktop.org): which distribution an image is. Reads `/etc/os-release` (or
// `/usr/lib/os-release`) text: `KEY=value` lines, values optionally quoted with shell-style
// escapes (`\"`, `\\`, `\$`, `` \` ``), `#` comments and blank lines ignored. Bad lines are skipped
// (the file is informational; a distribution still has to be recognised from what is there).
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace drydock::packages {

struct OsRelease {
  std::string id;          // ID: "debian", "ubuntu", "alpine", "rhel", "rocky", "almalinux", …
  std::string id_like;     // ID_LIKE, space-separated ("rhel centos fedora")
  std::string version_id;  // VERSION_ID: "12", "22.04", "3.20.3"
  std::string version_codename;               // VERSION_CODENAME: "bookworm"
  std::string pretty_name;                    // PRETTY_NAME
  std::map<std::string, std::string> fields;  // every KEY=value read, unquoted

  bool empty() const { return id.empty() && fields.empty(); }
  // The release a vulnerability feed or an EOL table keys on: Debian/Ubuntu VERSION_ID as is
  // ("12", "22.04"), Alpine major.minor ("3.20" from "3.20.3"), RHEL-family the major ("9" from
  // "9.4"). Empty when unknown.
  std::string Release() const;
};

// Parses os-release text. Files larger than 64 KiB are truncated (the real ones are < 1 KiB).
OsRelease ParseOsRelease(std::string_view text);

}  // namespace drydock::packages
