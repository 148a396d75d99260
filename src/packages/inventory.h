// SPDX-License-Identifier: Apache-2.0
// The package inventory of an image: which distribution it is (os-release, distroless
// detection) and every OS package its databases list. Reads only what the image reader kept
// (ImageSpec::kept: var/lib/dpkg/status, var/lib/dpkg/status.d/*, lib/apk/db/installed,
// rpmdb.sqlite) and its filesystem index, so it adds no pass over the layers. A database that
// does not parse, is too large to have been kept, or is a format we do not read (rpm Berkeley
// DB / NDB) becomes a notice, never an error: the rest of the inventory stands.
//
// Language packages (lang.h: Python dist-info/egg-info metadata, node_modules package.json) the
// reader kept follow the OS packages; files the reader dropped over its caps are one notice.
#pragma once

#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "model/image_spec.h"
#include "packages/package.h"

namespace drydock::packages {

struct Inventory {
  std::string os_id;           // os-release ID ("debian", "alpine", "rhel"), "" when unknown
  std::string os_version;      // VERSION_ID as written ("12", "3.19.1", "9.3")
  std::string os_release;      // the feed release (OsRelease::Release: "12", "3.19", "9")
  std::string os_codename;     // VERSION_CODENAME
  std::string os_pretty_name;  // PRETTY_NAME
  // A distroless image: PRETTY_NAME says "Distroless", or a Debian os-release with neither a
  // shell nor apt/dpkg binaries.
  bool distroless = false;
  std::vector<std::string> databases;  // the database paths read, in reading order
  std::vector<Package> packages;       // every database's packages, sorted by (ecosystem, name,
                                       // arch); a (name, arch) listed twice is kept once; then
                                       // language packages by (ecosystem, name, version)
  core::Diagnostics notices;           // unsupported / unreadable databases, skipped stanzas
};

Inventory ReadInventory(const model::ImageSpec& spec);

}  // namespace drydock::packages
