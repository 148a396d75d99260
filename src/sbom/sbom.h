// SPDX-License-Identifier: Apache-2.0
// Software bills of materials (issue 5): what the CycloneDX (cyclonedx.h) and SPDX (spdx.h)
// writers share. An SBOM describes one image (`Subject`) and its OS package inventory
// (packages::ReadInventory); every package is listed with the purl packages::MakePurl gives it.
//
// Output is deterministic for one image and one drydock version: the serial number (CycloneDX)
// and the document namespace (SPDX) are name-based UUIDs (version 5) of the image digest, the
// format and the version, so two runs over the same image differ only in their timestamp, and not
// even there when SOURCE_DATE_EPOCH is set (reproducible-builds.org convention).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace drydock::sbom {

// The image an SBOM describes.
struct Subject {
  std::string name;           // the reference as the user named it ("app.tar", "oci-dir:tag")
  std::string digest;         // manifest digest ("sha256:…"), the config digest when none
  std::string config_digest;  // image ID
};

struct WriteOptions {
  std::string timestamp;     // RFC 3339 UTC; "" = CurrentTimestamp()
  std::string tool_version;  // "" = DRYDOCK_VERSION
};

// Property names (CycloneDX component properties) drydock writes and reads back.
inline constexpr std::string_view kPropSourceName = "drydock:package:source_name";
inline constexpr std::string_view kPropSourceVersion = "drydock:package:source_version";
inline constexpr std::string_view kPropDatabase = "drydock:package:database";

// Larger SBOM files are refused (a real image's SBOM is a few MiB).
inline constexpr std::size_t kMaxSbomBytes = std::size_t{64} << 20;

// A name-based UUID (RFC 9562 version 5: SHA-1 over drydock's namespace UUID and `name`),
// lowercase "xxxxxxxx-xxxx-5xxx-yxxx-xxxxxxxxxxxx".
std::string NameUuid(std::string_view name);

// SOURCE_DATE_EPOCH (seconds) when set and valid, else now, as "YYYY-MM-DDTHH:MM:SSZ".
std::string CurrentTimestamp();

// The options with their defaults filled in.
WriteOptions Resolve(const WriteOptions& options);

}  // namespace drydock::sbom
