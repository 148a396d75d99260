// SPDX-License-Identifier: Apache-2.0
// End to end: `drydock db import` / `drydock db info` on the real feeds of
// ../shared/corpus/vulndb (skipping visibly when absent), and a bad feed that must leave the
// database as it was.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "e2e_util.h"

namespace drydock::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

TEST(DbE2e, ImportInfoAndABadFeed) {
  const fs::path alpine =
      CorpusDir() / "vulndb/alpine-secdb-legacy-v3.3-v3.11/v3.11/main.yaml";
  const fs::path dsa = CorpusDir() / "vulndb/debian-security-tracker-2023-04/data/DSA/list";
  if (!fs::exists(alpine) || !fs::exists(dsa)) GTEST_SKIP() << "corpus vulndb feeds absent";
  TempDir dir;
  const std::string db = (dir.path() / "cache/vuln.db").string();
  ProcessResult imported = Drydock({"db", "import", "--db", db, alpine.string(), dsa.string()});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_NE(imported.out.find("imported alpine-secdb v3.11/main"), std::string::npos)
      << imported.out;
  ProcessResult info = Drydock({"db", "info", "--db", db, "-f", "json"});
  ASSERT_EQ(info.exit_code, 0) << info.err;
  const json before = json::parse(info.out);
  ASSERT_EQ(before.at("sources").size(), 2u);
  EXPECT_EQ(before.at("schema_version"), 1);
  EXPECT_GT(before.at("ranges").get<int>(), 8000);

  // A truncated copy of the DSA list under the same source name fails and changes nothing.
  dir.Write("DSA/list", "[29 Mar 2023] DSA-5380-1 xorg-server - security update\n\t{CVE-2023");
  ProcessResult bad = Drydock({"db", "import", "--db", db, (dir.path() / "DSA/list").string()});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("list:2"), std::string::npos) << bad.err;
  ProcessResult after = Drydock({"db", "info", "--db", db, "-f", "json"});
  EXPECT_EQ(json::parse(after.out), before);

  ProcessResult missing = Drydock({"db", "info", "--db", (dir.path() / "none.db").string()});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("db import"), std::string::npos) << missing.err;
  ProcessResult format = Drydock({"db", "import", "--db", db, "--format", "nvd", dsa.string()});
  EXPECT_EQ(format.exit_code, 2);
}

}  // namespace
}  // namespace drydock::testing
