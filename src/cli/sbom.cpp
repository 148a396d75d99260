// SPDX-License-Identifier: Apache-2.0
#include "cli/sbom.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

#include "audit/image.h"
#include "cli/audit.h"
#include "cli/cli.h"
#include "sbom/cyclonedx.h"
#include "sbom/spdx.h"

namespace drydock::cli {
namespace fs = std::filesystem;
int RunSbom(const SbomOptions& o, std::ostream& out, std::ostream& err) {
  const std::string format = o.format.empty() ? "cyclonedx" : o.format;
  const bool spdx = format == "spdx-json" || format == "spdx";
  if (!spdx && format != "cyclonedx" && format != "cyclonedx-json") {
    err << "drydock: error: --format: unknown SBOM format '" << format
        << "' (expected cyclonedx or spdx-json)\n";
    return kExitUsage;
  }
  if (o.image == "-") {
    err << "drydock: error: an image cannot be read from standard input; give a path\n";
    return kExitUsage;
  }
  auto read = audit::ReadImageInventory(o.image, o.platform);
  if (!read) {
    PrintError(err, read.error());
    return kExitUsage;
  }
  const model::ImageSpec* spec = &read->image;
  const auto& inventory = read->inventory;
  for (const auto& notice : inventory.notices) {
    err << "drydock: " << (notice.level == core::DiagnosticLevel::kWarning ? "warning" : "note")
        << ": " << notice.where.ToString() << ": " << notice.message << "\n";
  }
  sbom::Subject subject;
  subject.name = spec->reference;
  subject.digest = spec->manifest_digest.empty() ? spec->config_digest : spec->manifest_digest;
  subject.config_digest = spec->config_digest;
  const std::string text =
      spdx ? sbom::WriteSpdx(subject, inventory) : sbom::WriteCycloneDx(subject, inventory);
  if (o.output.empty() || o.output == "-") {
    out << text;
    out.flush();
    return out ? 0 : kExitUsage;
  }
  auto written = WriteFileAtomically(o.output, [&text](std::ostream& file) -> core::Result<void> {
    file << text;
    return {};
  });
  if (!written) {
    PrintError(err, written.error());
    return kExitUsage;
  }
  return 0;
}

}  // namespace drydock::cli
