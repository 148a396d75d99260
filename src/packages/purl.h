// SPDX-License-Identifier: Apache-2.0
// Package URLs (purl, github.com/package-url/purl-spec; FORMATS.md §6) for OS packages:
//   pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12   (epoch inside version)
//   pkg:apk/alpine/curl@8.5.0-r0?arch=x86_64&distro=3.19.1
//   pkg:rpm/redhat/openssl@3.0.7-27.el9?arch=x86_64&distro=rhel-9.3&epoch=1
// and language packages (lang.h), without OS qualifiers:
//   pkg:pypi/django@4.2.1   (the PEP 503-normalised name)
//   pkg:npm/%40angular/core@16.0.0   (the scope as the namespace)
// Qualifiers are sorted by key and empty ones left out; components are percent-encoded except
// the unreserved characters and ':' (so `+` → `%2B`). ParsePurl reads any purl back. Pure.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"
#include "packages/package.h"

namespace drydock::packages {

struct Purl {
  std::string type;        // lowercase: "deb", "apk", "rpm"
  std::string namespace_;  // "debian", "alpine", "redhat"; segments joined by '/', decoded
  std::string name;        // decoded
  std::string version;     // decoded, "" = none
  std::vector<std::pair<std::string, std::string>> qualifiers;  // sorted by key, values decoded
  std::string subpath;                                          // decoded, "" = none

  // The canonical string form.
  std::string ToString() const;
  // The value of qualifier `key`, or "".
  std::string_view Qualifier(std::string_view key) const;
  bool operator==(const Purl&) const = default;
};

// The purl namespace for an os-release ID: "rhel" → "redhat", "amzn" → "amazon", "ol" →
// "oracle", "sles" → "suse", "opensuse-leap"/"opensuse-tumbleweed" → "opensuse"; otherwise the
// ID lowercased.
std::string PurlNamespace(std::string_view os_id);

// The purl of `package` in an image whose os-release says `os_id` / `os_version_id` (either may
// be empty: no distro qualifier then; a dpkg package without os id gets namespace "debian", apk
// "alpine", rpm none).
Purl MakePurl(const Package& package, std::string_view os_id, std::string_view os_version_id);

// Parses a purl string (scheme "pkg:", type, optional namespace, name, optional @version,
// ?qualifiers, #subpath). Fails on a bad scheme, a missing type or name, a bad percent escape or
// a repeated or invalid qualifier key.
core::Result<Purl> ParsePurl(std::string_view text);

}  // namespace drydock::packages
