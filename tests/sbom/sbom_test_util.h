// SPDX-License-Identifier: Apache-2.0
// Shared by the SBOM tests: the inventories of the real test images (the Debian image that
// scripts/test-images builds, the Trivy Alpine 3.10 archive of the corpus), and the CycloneDX
// schema validator (node + @cyclonedx/cyclonedx-library, installed by scripts/setup).
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include "audit/image.h"
#include "packages/inventory.h"
#include "sbom/sbom.h"
#include "sources/image/reader.h"
#include "support/files.h"
#include "support/subprocess.h"

namespace drydock::sbom::testing {

inline std::filesystem::path CorpusDir() {
  const char* env = std::getenv("DRYDOCK_CORPUS");
  return env != nullptr ? std::filesystem::path(env) : std::filesystem::path(DRYDOCK_CORPUS);
}

struct ImageUnderTest {
  Subject subject;
  packages::Inventory inventory;
};

// Reads the image at `path` into a subject and an inventory; nullopt (with `why`) when the file
// is absent. A read error fails the calling test through `error`.
inline std::optional<ImageUnderTest> LoadImage(const std::filesystem::path& path, std::string& why,
                                               std::string& error) {
  if (!std::filesystem::exists(path)) {
    why = "absent: " + path.string();
    return std::nullopt;
  }
  auto spec = sources::image::ReadImage(path, audit::ScannedReadOptions());
  if (!spec) {
    error = spec.error().ToString();
    return std::nullopt;
  }
  ImageUnderTest out;
  out.subject.name = spec->reference;
  out.subject.digest = spec->manifest_digest.empty() ? spec->config_digest : spec->manifest_digest;
  out.subject.config_digest = spec->config_digest;
  out.inventory = packages::ReadInventory(*spec);
  return out;
}

inline std::filesystem::path DebianImage() {
  return std::filesystem::path(DRYDOCK_TEST_IMAGES) / "debian/oci";
}
inline std::filesystem::path AlpineImage() {
  return CorpusDir() / "images/aquasecurity__trivy/pkg/fanal/test/testdata/alpine-310.tar.gz";
}

// The validator's node_modules, or "" when node or the library is missing.
inline std::string CycloneDxValidatorModules() {
  const std::string modules = std::string(DRYDOCK_SOURCE_DIR) + "/build/npm/cyclonedx/node_modules";
  if (!std::filesystem::is_directory(modules + "/@cyclonedx/cyclonedx-library")) return "";
  drydock::testing::ProcessResult r = drydock::testing::RunProcess({"node", "--version"});
  return r.exit_code == 0 ? modules : "";
}

// Runs the validator on `text`: exit 0 valid, 1 invalid, 77 not installed. `out` gets its output.
inline int ValidateCycloneDx(const std::string& modules, const std::string& text,
                             std::string& out) {
  drydock::testing::TempDir dir;
  const std::string file = (dir.path() / "bom.json").string();
  drydock::testing::WriteFile(file, text);
  drydock::testing::ProcessResult r = drydock::testing::RunProcess(
      {"node", std::string(DRYDOCK_SOURCE_DIR) + "/tests/tools/validate-cyclonedx.mjs", modules,
       file},
      "", "", 120);
  out = r.out + r.err;
  return r.exit_code;
}

// A fixed timestamp and tool version, so that writer output can be compared.
inline const WriteOptions kFixed{.timestamp = "2026-01-02T03:04:05Z", .tool_version = "9.9.9"};

}  // namespace drydock::sbom::testing

// Loads the image at `path` into `var` (see LoadImage); a missing image skips the test visibly,
// a broken one fails it.
#define LOAD_OR_SKIP(var, path)                                                 \
  std::string var##_why, var##_error;                                           \
  auto var = ::drydock::sbom::testing::LoadImage(path, var##_why, var##_error); \
  ASSERT_TRUE(var##_error.empty()) << var##_error;                              \
  if (!var) GTEST_SKIP() << "image " << var##_why
