// SPDX-License-Identifier: Apache-2.0
// `drydock sbom IMAGE --format cyclonedx|spdx-json [-o FILE]`: the image's OS and language package
// inventory as an SBOM. (`drydock image --sbom FILE`, the other direction, is an audit input.)
#pragma once

#include <iosfwd>
#include <string>

namespace drydock::cli {

struct SbomOptions {
  std::string image;     // ARCHIVE|OCI-DIR[:TAG]
  std::string format;    // cyclonedx (default; also cyclonedx-json) or spdx-json
  std::string output;    // -o FILE ("" or "-" = stdout); written via a temporary and a rename
  std::string platform;  // --platform os/arch[/variant]
};

// Returns the exit code: 0, or 2 (bad flags, unreadable image, unwritable output).
int RunSbom(const SbomOptions& options, std::ostream& out, std::ostream& err);

}  // namespace drydock::cli
