// SPDX-License-Identifier: Apache-2.0
// Rule metadata: one RuleInfo literal per rule (see STYLE.md), the settings rules read, and the
// Reporter that binds a rule's metadata to each finding. Findings point at their RuleInfo, so every
// layer can read it; the check functions, which name the models, and the registry are one layer up
// (rules/rule.h).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/date.h"
#include "core/finding.h"
#include "core/severity.h"

namespace drydock::core {

// Which model a rule reads (RULES.md "reads" column). Bit flags.
enum Reads : std::uint8_t {
  kReadsBuild = 1,    // B: BuildSpec (Dockerfile)
  kReadsImage = 2,    // I: ImageSpec
  kReadsRun = 4,      // R: RunSpec
  kReadsCluster = 8,  // C: Cluster
};

// What a label of the label schema must hold (hadolint's label types, same names): DD053-DD059.
enum class LabelType : std::uint8_t { kText, kUrl, kHash, kRfc3339, kSemver, kSpdx, kEmail };

struct LabelTypeRow {
  LabelType code;
  std::string_view name;         // as written in `label-schema:` ("rfc3339")
  std::string_view description;  // for messages: "an RFC 3339 date-time"
};

inline constexpr std::array<LabelTypeRow, 7> kLabelTypes{{
    {LabelType::kText, "text", "any text"},
    {LabelType::kUrl, "url", "an absolute URL (RFC 3986)"},
    {LabelType::kHash, "hash", "a git commit hash"},
    {LabelType::kRfc3339, "rfc3339", "an RFC 3339 date-time"},
    {LabelType::kSemver, "semver", "a semantic version"},
    {LabelType::kSpdx, "spdx", "an SPDX license identifier or expression"},
    {LabelType::kEmail, "email", "an e-mail address (RFC 5322)"},
}};

constexpr const LabelTypeRow& LabelTypeInfo(LabelType t) {
  return kLabelTypes[static_cast<int>(t)];
}

// "url" -> kUrl; "" -> kText (as hadolint reads an empty type); nullopt for anything else.
std::optional<LabelType> ParseLabelType(std::string_view text);

// Knobs that rules read; filled from .drydock.yaml (and .hadolint.yaml) by policy. Plain data,
// copied per scan.
struct RuleSettings {
  std::vector<std::string> trusted_registries;                        // DD403: empty = rule off
  std::vector<std::string> allowed_capabilities{"NET_BIND_SERVICE"};  // DD802
  std::vector<std::string> nonroot_bases;  // extra base images known to run non-root (DD201)
  std::optional<Date> today;  // set by the caller (rules read no clock); nullopt = unknown (DD105)
  std::int64_t image_size_limit = 500'000'000;  // bytes, uncompressed (DD106)
  int vuln_max_db_age_days = 7;                 // DD302
  // label-schema: the labels every image must carry and what each holds, in the order written
  // (DD051-DD059; empty = those rules are silent).
  std::vector<std::pair<std::string, LabelType>> label_schema;
  bool strict_labels = false;  // DD052: labels outside the schema are superfluous
};

// The input kind an example is written in. Each kind has one adapter in the example runner:
// a Dockerfile; a Kubernetes manifest stream; a compose file; a `docker run …` command line (one
// shell line, parsed like `drydock run -- …`); an image sketch (sources/image/sketch.h: config
// JSON and layers of files, written into a real docker-archive tar and read back by the reader).
enum class ExampleKind { kDockerfile, kKubernetes, kCompose, kDockerRun, kImage };

struct Example {
  ExampleKind kind = ExampleKind::kDockerfile;
  std::string_view input;
  bool fires = false;  // true: the rule must report at least once; false: must stay silent
  // A firing example's expected result, checked by the example runner: the severity its
  // findings have (every finding of the rule in the example has it), and where it matters the
  // 1-based line one of them is at (0: not checked). A firing example must state a severity.
  std::optional<Severity> severity = {};
  int line = 0;
  std::string_view note = {};  // why this case matters (shown by `drydock explain`)
  // Settings the example runs with (static storage); nullptr = defaults. For rules that are off
  // or behave differently unless configured (DD403 trusted-registries, DD201 nonroot-bases).
  const RuleSettings* settings = nullptr;
  // kImage examples of vulnerability rules: an Alpine secdb feed (YAML) that the runner imports
  // into a fresh database (stamped 2026-01-01) before enriching the sketch image.
  std::string_view feed = {};
};

struct RuleInfo {
  std::string_view id;     // "DD201": DD + 3 digits; the hundreds digit names the area
  std::string_view slug;   // "user/root"
  std::string_view title;  // short, imperative-free statement of the problem
  Severity severity = Severity::kMedium;
  int practice = 0;  // seed practice 1-10, 11 = network policy, 0 = tool hygiene (parse errors)
  std::uint8_t reads = 0;  // Reads bit set
  std::string_view rationale;
  // Where the rule deliberately differs from the peer rules it references (stricter, or it knows
  // more: stages, variable expansion, base images); "" when it judges exactly as they do. Shown as
  // part of the rationale (FullRationale) and listed in docs/peers.md.
  std::string_view differs = {};
  std::string_view remediation;
  std::vector<std::string_view> references;  // DL3002, DS-0002, CKV_DOCKER_3, CIS 4.1, …
  // false: the rule ships disabled (as hadolint ships DL1001 and DL3057 "ignore"); a config
  // `rules: {ID: {enabled: true}}` turns it on. policy::DisabledRuleIds starts from these.
  bool enabled_by_default = true;
  std::vector<Example> examples;

  // The rationale followed by the differences from the peers, as every rendering shows it.
  std::string FullRationale() const {
    std::string out(rationale);
    if (!differs.empty()) {
      if (!out.empty()) out += ' ';
      out += differs;
    }
    return out;
  }
};

// Collects the findings of one rule run. Binds the rule's metadata to each finding.
class Reporter {
 public:
  Reporter(const RuleInfo& rule, const RuleSettings& settings, Findings& out)
      : rule_(rule), settings_(settings), out_(out) {}

  // Records a finding at `where` with the rule's default severity.
  Finding& Report(const Origin& where, std::string message);
  Finding& Report(const Origin& where, std::string message, Severity severity);

  const RuleSettings& settings() const { return settings_; }
  const RuleInfo& rule() const { return rule_; }

 private:
  const RuleInfo& rule_;
  const RuleSettings& settings_;
  Findings& out_;
};

}  // namespace drydock::core
