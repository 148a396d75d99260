// SPDX-License-Identifier: Apache-2.0
// Package: one installed OS package as a package database records it (dpkg, apk or rpm), the
// unit the SBOM lists and the vulnerability matcher looks up. Plain data shared by the database
// readers (dpkg.h, apk.h, rpm.h), the inventory (inventory.h) and purls (purl.h).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/origin.h"

namespace drydock::packages {

// OS package managers first, then language ecosystems (lang.h): kPypi (Python dist-info /
// egg-info metadata), kNpm (node_modules package.json).
enum class Ecosystem : std::uint8_t { kDpkg, kApk, kRpm, kPypi, kNpm };

// "dpkg", "apk", "rpm", "pypi", "npm".
const char* EcosystemName(Ecosystem ecosystem);

struct Package {
  Ecosystem ecosystem = Ecosystem::kDpkg;
  std::string name;     // binary package name ("libc6", "musl", "openssl-libs")
  // As the package manager writes it: dpkg "[epoch:]upstream[-revision]" ("1:2.4.47-2+b1"),
  // apk "3.19.1-r0", rpm "[epoch:]version-release" ("1:3.0.7-27.el9").
  std::string version;
  std::string arch;            // "amd64", "all", "x86_64", "noarch"; "" when not recorded
  // dpkg Source, apk origin, rpm SOURCERPM name; PyPI: the PEP 503-normalised name (`name` keeps
  // the written one); npm: the name. Never empty.
  std::string source_name;
  std::string source_version;  // the source's version; never empty
  std::string maintainer;      // dpkg Maintainer, apk m:, rpm VENDOR; may be empty
  // Where it was read: `file` = the database path ("var/lib/dpkg/status"), `line` = first line
  // of its stanza (text databases) or 0, `path` = "hnum N" for rpm rows.
  core::Origin origin;
};

// Splits a text database into lines: LF-terminated (the last line may lack it), a CR before the
// LF dropped, numbered from 1. Shared by the dpkg and apk readers.
class LineReader {
 public:
  explicit LineReader(std::string_view text) : text_(text) {}
  // Advances to the next line; false at the end of the text.
  bool Next() {
    if (pos_ >= text_.size()) return false;
    std::size_t end = text_.find('\n', pos_);
    if (end == std::string_view::npos) end = text_.size();
    line_ = text_.substr(pos_, end - pos_);
    raw_size_ = line_.size();
    if (!line_.empty() && line_.back() == '\r') line_.remove_suffix(1);
    pos_ = end + 1;
    ++number_;
    return true;
  }
  std::string_view line() const { return line_; }
  int number() const { return number_; }
  std::size_t raw_size() const { return raw_size_; }  // before the CR was dropped

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::string_view line_;
  std::size_t raw_size_ = 0;
  int number_ = 0;
};

}  // namespace drydock::packages
