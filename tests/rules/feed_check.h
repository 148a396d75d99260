// SPDX-License-Identifier: Apache-2.0
// For the example runner: the vulnerability enrichment of an image example that carries a feed
// (core::Example::feed). Separate from rule_check.h so that only tests linking the vuln
// libraries include it.
#pragma once

#include <gtest/gtest.h>

#include <string_view>

#include "model/image_spec.h"
#include "support/files.h"
#include "vuln/enrich.h"
#include "vuln/importers.h"

namespace drydock::rules::testing {

// Imports `feed` (Alpine secdb YAML) into a fresh database stamped 2026-01-01 and runs the
// vulnerability enricher over `spec`, as the example runner does for examples with a feed.
inline void EnrichWithFeed(model::ImageSpec& spec, std::string_view feed) {
  drydock::testing::TempDir dir;
  auto db = vuln::Database::Open((dir.path() / "vuln.db").string(), true);
  ASSERT_TRUE(db.has_value()) << db.error().ToString();
  auto parsed = vuln::ParseAlpineSecdb(feed, "example-feed.yaml");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
  ASSERT_TRUE(db->Import(*parsed, "2026-01-01T00:00:00Z").has_value());
  ASSERT_TRUE(vuln::EnrichImage(spec, &*db).has_value());
}

}  // namespace drydock::rules::testing
