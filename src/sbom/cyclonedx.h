// SPDX-License-Identifier: Apache-2.0
// CycloneDX JSON (FORMATS.md §6): the writer produces a 1.5 document for an image's package
// inventory; the reader takes a 1.4–1.6 document back into a packages::Inventory so that
// `drydock image --sbom FILE` can match it against the vulnerability database.
//
// Written: bomFormat, specVersion "1.5", a name-based serialNumber (sbom.h), version 1,
// metadata{timestamp, tools.components[drydock], component: the image as "container" (name =
// reference, version = digest)}, one "operating-system" component (os-release ID and VERSION_ID)
// when known, one "library" component per package (bom-ref = purl, name, version, purl,
// properties: source package and version, database path), and dependencies: the image depends on
// every component.
//
// Read: components (nested ones too) whose purl is a deb, apk or rpm purl. The binary name,
// version and arch come from the purl (an rpm `epoch` qualifier becomes the "E:" prefix); the
// source package from drydock's properties, Trivy's (aquasecurity:trivy:SrcName/SrcVersion/
// SrcRelease/SrcEpoch) or the purl's `upstream` qualifier (Syft), else the binary's own. The
// distribution from an "operating-system" component (name, version), else the purls' `distro`
// qualifier ("debian-12", "alpine-3.20", or an apk purl's bare "3.20.3"). Components without a
// purl, of a type CycloneDX does not define, or with a purl of another ecosystem are counted, not
// read. A document that is not JSON, too deep, not CycloneDX or of the wrong shape is an error
// naming the file and the line (and column for syntax errors).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/error.h"
#include "packages/inventory.h"
#include "sbom/sbom.h"

namespace drydock::sbom {

// The CycloneDX 1.5 JSON text of `inventory` (two-space indented, ending in a newline).
std::string WriteCycloneDx(const Subject& subject, const packages::Inventory& inventory,
                           const WriteOptions& options = {});

struct CycloneDxRead {
  packages::Inventory inventory;    // packages' origin: the SBOM file and the purl's line
  std::string spec_version;         // "1.5"
  std::string subject;              // metadata.component name, "" when absent
  std::size_t components = 0;       // every component seen, nested ones included
  std::size_t without_purl = 0;     // skipped: no purl, or one unparsable or without a version
  std::size_t unknown_type = 0;     // skipped: a component type CycloneDX does not define
  std::size_t other_ecosystem = 0;  // skipped: purl type other than deb, apk, rpm, pypi, npm
};

// Parses CycloneDX JSON `text`, the contents of `file` (for locations).
core::Result<CycloneDxRead> ReadCycloneDx(std::string_view text, const std::string& file);

// Reads `path` (at most kMaxSbomBytes) and parses it.
core::Result<CycloneDxRead> ReadCycloneDxFile(const std::string& path);

}  // namespace drydock::sbom
