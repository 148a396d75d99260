// SPDX-License-Identifier: Apache-2.0
// Meta-test over the rule catalog: the metadata every rule must carry, the id scheme, and (when
// the shared catalog document is present) agreement with RULES.md on ids, slugs and severities.
#include "rules/catalog.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "core/severity.h"
#include "rules/peers.h"

namespace drydock::rules {
namespace {

// The hundreds digit of an id names its area; the slug's first segment names it too.
int AreaDigit(std::string_view slug) {
  static const std::map<std::string_view, int> kAreas{
      {"parse", 0}, {"hygiene", 0}, {"base", 1},   {"user", 2},      {"vuln", 3},    {"supply", 4},
      {"fs", 5},    {"secret", 6},  {"limits", 7}, {"privilege", 8}, {"network", 8}, {"build", 9}};
  auto slash = slug.find('/');
  auto it = kAreas.find(slug.substr(0, slash));
  return it == kAreas.end() ? -1 : it->second;
}

bool ValidId(std::string_view id) {
  return id.size() == 5 && id.substr(0, 2) == "DD" &&
         std::isdigit(static_cast<unsigned char>(id[2])) &&
         std::isdigit(static_cast<unsigned char>(id[3])) &&
         std::isdigit(static_cast<unsigned char>(id[4]));
}

TEST(Catalog, EveryRuleCarriesItsMetadata) {
  const auto& rules = Catalog().rules();
  ASSERT_FALSE(rules.empty());
  std::set<std::string_view> ids;
  std::set<std::string_view> slugs;
  for (const auto& rule : rules) {
    const auto& info = rule.info;
    SCOPED_TRACE(std::string(info.id));
    EXPECT_TRUE(ids.insert(info.id).second) << "duplicate id";
    EXPECT_TRUE(slugs.insert(info.slug).second) << "duplicate slug " << info.slug;
    ASSERT_TRUE(ValidId(info.id)) << "id must be DD + 3 digits";
    EXPECT_EQ(info.id[2] - '0', AreaDigit(info.slug)) << "hundreds digit vs area of " << info.slug;
    EXPECT_NE(info.slug.find('/'), std::string_view::npos) << "slug is area/name";
    EXPECT_FALSE(info.title.empty());
    EXPECT_FALSE(info.rationale.empty());
    EXPECT_FALSE(info.remediation.empty());
    EXPECT_GE(info.practice, 0);
    EXPECT_LE(info.practice, 11);
    EXPECT_NE(info.reads, 0);
    bool fires = false;
    bool silent = false;
    for (const auto& ex : info.examples) {
      EXPECT_FALSE(ex.input.empty());
      (ex.fires ? fires : silent) = true;
    }
    EXPECT_TRUE(fires) << "needs an example that fires";
    EXPECT_TRUE(silent) << "needs an example that stays silent";
    // `reads` (docs, RULES.md, which inputs a rule applies to) must name exactly the checks the
    // rule has, for each of the four models.
    EXPECT_EQ((info.reads & core::kReadsBuild) != 0, static_cast<bool>(rule.build))
        << "a rule reads B exactly when it has a build check";
    EXPECT_EQ((info.reads & core::kReadsImage) != 0, static_cast<bool>(rule.image))
        << "a rule reads I exactly when it has an image check";
    // DD001 is the one exception: it reports the parse errors of run-side files (R) from its
    // cluster check, which sees the whole run set.
    EXPECT_EQ((info.reads & core::kReadsRun) != 0, rule.run || info.id == "DD001")
        << "a rule reads R exactly when it has a run check";
    EXPECT_EQ((info.reads & core::kReadsCluster) != 0, static_cast<bool>(rule.cluster))
        << "a rule reads C exactly when it has a cluster check";
    for (std::string_view ref : info.references) EXPECT_FALSE(ref.empty());
  }
}

TEST(Catalog, LookupsFindEveryRule) {
  for (const auto& rule : Catalog().rules()) {
    EXPECT_EQ(Catalog().FindById(rule.info.id), &rule);
    EXPECT_EQ(Catalog().FindBySlug(rule.info.slug), &rule);
  }
}

// The rules this area owns, with the ids and slugs RULES.md publishes.
TEST(Catalog, PublishedBuildRulesExist) {
  const std::pair<std::string_view, std::string_view> kPublished[] = {
      {"DD001", "parse/error"},
      {"DD002", "hygiene/apt-no-install-recommends"},
      {"DD003", "hygiene/apt-lists-kept"},
      {"DD004", "hygiene/pkg-cache-kept"},
      {"DD005", "hygiene/pkg-unpinned"},
      {"DD006", "hygiene/add-not-copy"},
      {"DD007", "hygiene/workdir-relative"},
      {"DD008", "hygiene/cd-in-run"},
      {"DD009", "hygiene/multiple-cmd"},
      {"DD010", "hygiene/shell-form-entrypoint"},
      {"DD011", "hygiene/maintainer"},
      {"DD012", "hygiene/update-alone"},
      {"DD013", "hygiene/no-healthcheck"},
      {"DD014", "hygiene/copy-from-unknown"},
      {"DD015", "hygiene/pipefail"},
      {"DD016", "hygiene/deprecated-flag"},
      {"DD101", "base/full-os"},
      {"DD102", "base/attack-tools"},
      {"DD901", "build/toolchain-in-final"},
      {"DD902", "build/sources-in-final"},
      {"DD903", "build/dev-dependencies"},
  };
  for (const auto& [id, slug] : kPublished) {
    const rules::Rule* rule = Catalog().FindById(id);
    ASSERT_NE(rule, nullptr) << id;
    EXPECT_EQ(rule->info.slug, slug) << id;
  }
  // Peer references resolve to the rule that covers them.
  ASSERT_FALSE(Catalog().Resolve("DL3008").empty());
  EXPECT_EQ(Catalog().Resolve("DL3008").front()->info.id, "DD005");
  ASSERT_FALSE(Catalog().Resolve("DS-0019").empty());
  EXPECT_EQ(Catalog().Resolve("DS-0019").front()->info.id, "DD004");
}

// Every catalog rule that RULES.md lists has the id, slug and default severity it publishes.
TEST(Catalog, AgreesWithRulesDocument) {
  const char* env = std::getenv("DRYDOCK_RULES_MD");
  std::string path = env != nullptr ? env : DRYDOCK_SOURCE_DIR "/../shared/RULES.md";
  std::ifstream in(path);
  if (!in) GTEST_SKIP() << "RULES.md not found at " << path;
  std::string line;
  int rows = 0;
  while (std::getline(in, line)) {
    if (line.rfind("| DD", 0) != 0) continue;
    std::vector<std::string> cells;
    std::stringstream ss(line.substr(1));
    std::string cell;
    while (std::getline(ss, cell, '|')) {
      auto b = cell.find_first_not_of(' ');
      auto e = cell.find_last_not_of(' ');
      cells.push_back(b == std::string::npos ? "" : cell.substr(b, e - b + 1));
    }
    ASSERT_GE(cells.size(), 5u) << line;
    const rules::Rule* rule = Catalog().FindById(cells[0]);
    if (rule == nullptr) continue;  // not implemented by any area yet
    ++rows;
    EXPECT_EQ(rule->info.slug, cells[1]) << cells[0];
    std::string sev = cells[4].substr(0, cells[4].find(' '));
    if (auto parsed = core::ParseSeverity(sev)) {
      EXPECT_EQ(rule->info.severity, *parsed) << cells[0];
    }
  }
  EXPECT_GE(rows, 21) << "the hygiene, base and build rules are listed in RULES.md";
}

// Every rule of hadolint's table and every Trivy Dockerfile check is carried by a drydock rule,
// and every DL / DS reference a rule carries is a row of the peer table (no typos, no retired ids).
TEST(Catalog, CarriesEveryPeerDockerfileRule) {
  std::set<std::string_view> referenced;
  for (const rules::Rule& r : Catalog().rules()) {
    for (std::string_view ref : r.info.references) {
      referenced.insert(ref);
      if (ref.starts_with("DL") || ref.starts_with("DS-")) {
        EXPECT_NE(FindPeerRule(ref), nullptr) << r.info.id << " references unknown " << ref;
      }
    }
  }
  int hadolint = 0;
  for (const PeerRule& row : PeerRules()) {
    EXPECT_TRUE(referenced.contains(row.id)) << row.id << " has no drydock rule";
    hadolint += row.peer == Peer::kHadolint ? 1 : 0;
  }
  EXPECT_EQ(hadolint, 71) << "hadolint's rule table has 71 DL rules";
  // hadolint's "ignore" rules ship disabled unless drydock carries them in a rule of its own
  // catalog that is on by default (DD013 carries DL3057 and is published enabled).
  for (const PeerRule& row : PeerRules()) {
    if (row.severity != "ignore") continue;
    for (const rules::Rule* r : Catalog().Resolve(row.id)) {
      if (r->info.id == "DD013") continue;
      EXPECT_FALSE(r->info.enabled_by_default) << r->info.id << " carries " << row.id;
    }
  }
}

}  // namespace
}  // namespace drydock::rules
