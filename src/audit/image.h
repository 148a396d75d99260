// SPDX-License-Identifier: Apache-2.0
// Images for the audit and for the front ends that need an image without auditing it (`drydock
// sbom`): the image reader with the content scanners wired in. The reader (sources/image) streams
// every layer once and knows no scanner; this is where the secret detector and the package
// classifiers are handed to it.
#pragma once

#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "core/error.h"
#include "model/image_spec.h"
#include "packages/inventory.h"
#include "sources/image/reader.h"

namespace drydock::audit {

// The reader's options with the content scanners wired in: secrets (secrets::ScanFile, masked),
// language package metadata (packages::ClassifyLangFile) and os-release
// (packages::ParseOsRelease). The scanners are stateless; one process-wide instance serves every
// read, concurrent ones included.
sources::image::ReadOptions ScannedReadOptions(sources::image::ReadOptions options = {});

// An image and its package inventory (OS and language packages), for an SBOM.
struct ImageInventory {
  model::ImageSpec image;  // without secrets: an inventory read does not scan content
  packages::Inventory inventory;
};

// Reads the image at `path` (archive or OCI layout, ":TAG" to pick one) for `platform` ("" = the
// host's) and its package inventory. Errors name the image.
core::Result<ImageInventory> ReadImageInventory(const std::string& path,
                                                const std::string& platform);

}  // namespace drydock::audit
