// SPDX-License-Identifier: Apache-2.0
// SPDX 2.3 JSON: an image's package inventory as an SPDX document. The document DESCRIBES one
// package for the image (primaryPackagePurpose CONTAINER, versionInfo = digest) which CONTAINS
// one package per OS package (and one OPERATING-SYSTEM package when the distribution is known).
// Every package has downloadLocation NOASSERTION, filesAnalyzed false and its purl as a
// PACKAGE-MANAGER externalRef; the source package is in sourceInfo. SPDXIDs are "SPDXRef-" and
// the name sanitised to [A-Za-z0-9.-], made unique with a counter. documentNamespace is
// https://spdx.org/spdxdocs/drydock-<name>-<name-based uuid> (sbom.h: deterministic).
#pragma once

#include <string>
#include <string_view>

#include "packages/inventory.h"
#include "sbom/sbom.h"

namespace drydock::sbom {

// The SPDX 2.3 JSON text of `inventory` (two-space indented, ending in a newline).
std::string WriteSpdx(const Subject& subject, const packages::Inventory& inventory,
                      const WriteOptions& options = {});

// `text` with every character outside [A-Za-z0-9.-] replaced by '-' (SPDX idstring).
std::string SpdxIdString(std::string_view text);

}  // namespace drydock::sbom
