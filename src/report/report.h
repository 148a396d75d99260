// SPDX-License-Identifier: Apache-2.0
// Report: renders the findings of one run (after policy) as a terminal table, the stable JSON
// document (DESIGN.md "JSON report") or SARIF 2.1.0 for GitHub code scanning; plus the rule
// listing (`drydock rules`) and a single rule's explanation (`drydock explain`).
//
// Contracts:
// - Renderers never filter: they show what they are given (the CLI runs policy::SelectForReport
//   first). Suppressed findings are always present in JSON and SARIF (marked); the table counts
//   them and lists them only with Options::show_suppressed.
// - Output is deterministic: findings are ordered by file, line, column, id (SortFindings).
// - Every Finding must carry a non-null `rule` (RuleInfo from a registry that outlives the call).
// - Writers only write to the stream; they return an Error when the stream fails.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "core/error.h"
#include "core/finding.h"
#include "rules/rule.h"

namespace drydock::report {

inline constexpr std::string_view kToolName = "drydock";
inline constexpr std::string_view kInformationUri = "https://github.com/drydock/drydock";

struct Target {
  std::string path;  // as given by the user, repo-relative when scanning a tree; "-" = stdin
  std::string kind;  // dockerfile, kubernetes, compose, docker-run, image, engine, admission
};

// Pod Security Standards result of one workload (`drydock k8s --pss LEVEL`).
struct PssIssue {
  std::string level;    // "baseline" or "restricted": the level the failed control belongs to
  std::string control;  // "Host Namespaces", "Capabilities", …
  std::string message;
  core::Origin origin;
};

struct PssWorkload {
  std::string workload;  // "Deployment/shop/api"
  std::string file;
  std::string level;  // highest level met: privileged, baseline, restricted
  bool meets = true;  // level ≥ Report::pss_required
  std::vector<PssIssue> issues;
};

struct Report {
  std::string tool_version = DRYDOCK_VERSION;
  std::vector<Target> targets;
  core::Findings findings;
  core::Diagnostics diagnostics;
  std::string pss_required;  // "" = no PSS evaluation requested
  std::vector<PssWorkload> pss;
};

// kMarkdown renders the rule reference (`drydock rules --format markdown` → docs/rules.md); it is
// not a findings format.
enum class Format { kTable, kJson, kSarif, kMarkdown };

// "table", "json", "sarif", "markdown" (case-sensitive, as the CLI flag); nullopt otherwise.
std::optional<Format> ParseFormat(std::string_view name);

struct Options {
  bool color = false;  // table/explain: ANSI colours (the CLI decides: isatty, --no-color)
  bool show_suppressed =
      false;  // table: list suppressed findings (dimmed) instead of only counting
  // SARIF: runAutomationDetails.id is "<category>/"; distinct categories let GitHub keep separate
  // analyses (e.g. one per subcommand) apart.
  std::string sarif_category = "drydock";
  // SARIF: when set (absolute directory), relative URIs get uriBaseId "%SRCROOT%" and the run
  // declares originalUriBaseIds {"%SRCROOT%": "file://<dir>/"}.
  std::string sarif_source_root;
};

// Stable order used by every renderer: file, line, column, id, then message.
void SortFindings(core::Findings& findings);

// Renders `report` in `format`. Does not print diagnostics for the table (see WriteDiagnostics).
core::Result<void> Write(Format format, const Report& report, std::ostream& out,
                         const Options& options = {});

// The individual renderers, also usable directly.
nlohmann::ordered_json ToJson(const Report& report);
nlohmann::ordered_json ToSarif(const Report& report, const Options& options = {});
void WriteTable(const Report& report, std::ostream& out, const Options& options = {});
// "warning: file:line: message" lines, for stderr.
void WriteDiagnostics(const core::Diagnostics& diagnostics, std::ostream& out,
                      const Options& options = {});

// `drydock rules`: every rule of the registry, in registration order.
nlohmann::ordered_json RulesToJson(const rules::Registry& registry);
core::Result<void> WriteRules(Format format, const rules::Registry& registry, std::ostream& out,
                              const Options& options = {});
// `drydock rules --format peers` (docs/peers.md): every rule of the peers' tables
// (rules::PeerRules) with the drydock rules that carry it, then the rules that deliberately differ.
core::Result<void> WritePeers(const rules::Registry& registry, std::ostream& out);
// `drydock explain DL3008`: the peer rule's row (nothing when `key` is no peer id), then the rules.
void WritePeerHeader(std::string_view key, const rules::Registry& registry, std::ostream& out);
// `drydock explain ID`: one rule with rationale, remediation, references and examples.
nlohmann::ordered_json RuleToJson(const core::RuleInfo& rule);
core::Result<void> WriteExplain(Format format, const core::RuleInfo& rule, std::ostream& out,
                                const Options& options = {});

// "B,I,R,C" letters of a Reads bit set, in that order; "" when none.
std::string ReadsLetters(std::uint8_t reads);

}  // namespace drydock::report
