// SPDX-License-Identifier: Apache-2.0
// Finding: one rule violation at one place. Produced by rules through a Reporter, then filtered
// and annotated (suppressed, severity overridden) by policy, then rendered by report.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/origin.h"
#include "core/severity.h"

namespace drydock::core {

struct RuleInfo;

// Secret details carried by DD6xx findings. Never holds the secret itself.
struct SecretInfo {
  std::string rule;    // detector rule id, e.g. "aws-access-key-id"
  std::string masked;  // first 4 chars + length: "AKIA…(20)"
};

// Vulnerability details carried by DD301 findings (DESIGN.md "vulnerability" object).
struct VulnerabilityInfo {
  std::string id;              // "CVE-2019-5747" (the CVE when one is known)
  std::string package;         // the installed binary package
  std::string installed;       // the version compared
  std::string fixed;           // "" when no fix exists yet
  std::string source_package;  // the name the feed keys on
  std::vector<std::string> aliases;
  std::string feed;  // the feed(s) that reported it, comma-separated
};

struct Finding {
  const RuleInfo* rule = nullptr;       // static registry entry; outlives every finding
  Severity severity = Severity::kInfo;  // after policy overrides
  std::string message;
  Origin location;
  std::optional<SecretInfo> secret;
  std::optional<VulnerabilityInfo> vulnerability;

  bool suppressed = false;
  std::string suppression_kind;    // "inline", "file", "config", "ignorefile", "hadolint"
  std::string suppression_reason;  // free text given with the suppression

  // Which audited target the finding is about: an index into audit::Outcome::targets, set by the
  // audit pipeline; -1 = not attributed. Not part of any report.
  std::int32_t target = -1;
};

using Findings = std::vector<Finding>;

}  // namespace drydock::core
