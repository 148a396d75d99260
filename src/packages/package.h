// SPDX-License-Identifier: Apache-2.0
// Package: one installed OS package as a package database records it (dpkg, apk or rpm), the
// unit the SBOM lists and the vulnerability matcher looks up. Plain data shared by the database
// readers (dpkg.h, apk.h, rpm.h), the inventory (inventory.h) and purls (purl.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/origin.h"

namespace drydock::packages {

// OS package managers first, then language ecosystems (lang.h): kPypi (Python dist-info /
// egg-info metadata), kNpm (node_modules package.json).
enum class Ecosystem : std::uint8_t { kDpkg, kApk, kRpm, kPypi, kNpm };

// "dpkg", "apk", "rpm", "pypi", "npm".
const char* EcosystemName(Ecosystem ecosystem);

struct Package {
  Ecosystem ecosystem = Ecosystem::kDpkg;
  std::string name;  // binary package name ("libc6", "musl", "openssl-libs")
  // As the package manager writes it: dpkg "[epoch:]upstream[-revision]" ("1:2.4.47-2+b1"),
  // apk "3.19.1-r0", rpm "[epoch:]version-release" ("1:3.0.7-27.el9").
  std::string version;
  std::string arch;  // "amd64", "all", "x86_64", "noarch"; "" when not recorded
  // dpkg Source, apk origin, rpm SOURCERPM name; PyPI: the PEP 503-normalised name (`name` keeps
  // the written one); npm: the name. Never empty.
  std::string source_name;
  std::string source_version;  // the source's version; never empty
  std::string maintainer;      // dpkg Maintainer, apk m:, rpm VENDOR; may be empty
  // Where it was read: `file` = the database path ("var/lib/dpkg/status"), `line` = first line
  // of its stanza (text databases) or 0, `path` = "hnum N" for rpm rows.
  core::Origin origin;
};

// Where something in a package database is: `file` at `line` (1-based; 0 = the whole file).
inline core::Origin At(std::string_view file, int line) {
  return core::FileOrigin(std::string(file), line);
}

// Splits a text database into lines: LF-terminated (the last line may lack it), a CR before the
// LF dropped, numbered from 1. Shared by the dpkg, apk and Python metadata readers.
class LineReader {
 public:
  // `max_length`: a longer line (CR included) ends the reading; error() then says so.
  explicit LineReader(std::string_view text,
                      std::size_t max_length = std::numeric_limits<std::size_t>::max())
      : text_(text), max_length_(max_length) {}
  // Advances to the next line; false at the end of the text or at a line over max_length.
  bool Next() {
    if (pos_ >= text_.size() || too_long_) return false;
    std::size_t end = text_.find('\n', pos_);
    if (end == std::string_view::npos) end = text_.size();
    line_ = text_.substr(pos_, end - pos_);
    const std::size_t raw_size = line_.size();
    if (!line_.empty() && line_.back() == '\r') line_.remove_suffix(1);
    pos_ = end + 1;
    ++number_;
    too_long_ = raw_size > max_length_;
    return !too_long_;
  }
  std::string_view line() const { return line_; }
  int number() const { return number_; }
  // After Next() returned false: the error that stopped it (a line over max_length), at
  // `file`:line, or nullopt at the plain end of the text.
  std::optional<core::Error> error(std::string_view file) const {
    if (!too_long_) return std::nullopt;
    return core::Error{core::ErrorCode::kInput,
                       "line longer than " + std::to_string(max_length_) + " bytes",
                       At(file, number_)};
  }

 private:
  std::string_view text_;
  std::size_t max_length_;
  std::size_t pos_ = 0;
  std::string_view line_;
  int number_ = 0;
  bool too_long_ = false;
};

}  // namespace drydock::packages
