// SPDX-License-Identifier: Apache-2.0
// Test support: validates SARIF with Microsoft's sarif-multitool (installed by scripts/setup under
// tools/node). The tool exits 0 even when the document is invalid, so its own result log is read.
#pragma once

#include <unistd.h>

#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "support/files.h"
#include "support/subprocess.h"

namespace drydock::testing {

// The validator's path, or "" when it is not installed. The native binary avoids node start-up;
// the npm wrapper works as well.
inline std::string FindSarifValidator() {
  const std::string base = std::string(DRYDOCK_SOURCE_DIR) + "/tools/node/node_modules/";
  for (std::string candidate :
       {base + "@microsoft/sarif-multitool-linux/Sarif.Multitool", base + ".bin/sarif-multitool"}) {
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

// Validates `sarif_text` and returns the validator's problems (its results array). `kind` selects
// the rule set: "Sarif" (the spec), "Gh" / "Ghas" (GitHub's ingestion rules). One kind per run:
// the npm wrapper passes arguments through a shell, so a ';'-separated list would be split.
// `ran` is set false when the tool could not run or wrote no log.
inline nlohmann::json ValidateSarif(const std::string& sarif_text, const std::string& tool,
                                    const std::string& kind, bool* ran = nullptr) {
  TempDir dir;
  const std::string in = (dir.path() / "in.sarif").string();
  const std::string out = (dir.path() / "out.sarif").string();
  WriteFile(in, sarif_text);
  ProcessResult r =
      RunProcess({tool, "validate", in, "-o", out, "--log", "ForceOverwrite", "--rule-kind", kind},
                 "", "", 120);
  std::ifstream log(out);
  if (ran != nullptr) *ran = r.exit_code == 0 && log.good();
  if (!log.good()) return nlohmann::json::array();
  nlohmann::json j = nlohmann::json::parse(log);
  return j["runs"][0].value("results", nlohmann::json::array());
}

}  // namespace drydock::testing
