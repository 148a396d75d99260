// SPDX-License-Identifier: Apache-2.0
// Policy: what happens to findings between the rules and the report. Severity overrides and
// disabled rules from .drydock.yaml, suppressions (inline pragmas, config `ignore:`, the
// --ignorefile), the --severity filter and the exit-code decision. Every function here is pure:
// no clock (today's date is a parameter), no I/O except the explicit Load* functions.
//
// Typical CLI flow:
//   auto config = DD_TRY(policy::LoadConfig(path));                  // or Config{} when none
//   auto ignores = DD_TRY(policy::LoadIgnoreFile(ignorefile, diags)); // optional
//   pragmas.push_back(policy::ParsePragmas(spec.file, spec.comments, registry, diags));
//   policy::Apply({.registry = registry, .today = today, .config = &config,
//                  .ignore_file = ignores, .pragmas = pragmas}, findings, diags);
//   Gate gate = policy::GateFromConfig(config);  // then override with flags
//   findings = policy::SelectForReport(std::move(findings), gate);
//   int rc = policy::ExitCodeFor(findings, gate);
//
// Suppressed findings are never dropped: they keep suppressed=true, suppression_kind
// ("inline", "file", "hadolint", "config", "ignorefile") and suppression_reason. An expired
// entry does not suppress; it adds a warning "ignore for KEY expired on DATE (where)".
#pragma once

#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "core/error.h"
#include "core/finding.h"
#include "core/glob.h"
#include "model/build_spec.h"
#include "policy/config.h"
#include "rules/rule.h"

namespace drydock::policy {

// ---- ignore file (--ignorefile) ------------------------------------------------------------
//
// Text form (.trivyignore style), one entry per line:
//   # a comment
//   DD201                               # id, slug (user/root) or peer reference (DL3002)
//   DL3008 exp:2026-06-30 pinned by the base image
// The first word is the key; an `exp:YYYY-MM-DD` word sets the expiry; the remaining words are the
// reason (a leading `#` is dropped from it).
//
// YAML form (chosen when the file name ends in .yaml/.yml), one shape only:
//   rules:
//     - id: DD201                # required; id, slug or peer reference
//       reason: "runs as root by design"
//       expires: 2026-12-31      # optional, last day the entry applies
//       paths: ["legacy/**"]     # optional globs over the finding's file
// Text: a bad `exp:` date is a warning and drops that entry (a broken ignore must not silently
// suppress). YAML: unknown keys are warnings; a wrong shape or bad date is an Error with
// file:line:column, like the config.
core::Result<std::vector<IgnoreEntry>> ParseIgnoreText(std::string_view text,
                                                       const std::string& file,
                                                       core::Diagnostics& diags);
core::Result<std::vector<IgnoreEntry>> ParseIgnoreYaml(std::string_view text,
                                                       const std::string& file,
                                                       core::Diagnostics& diags);
// Reads (≤ 1 MiB) and parses by extension: .yaml/.yml -> YAML, anything else -> text.
core::Result<std::vector<IgnoreEntry>> LoadIgnoreFile(const std::string& path,
                                                      core::Diagnostics& diags);

// ---- inline pragmas ---------------------------------------------------------------------------
//
//   # drydock:ignore=DD201,user/root reason…        the lines the comment annotates
//   # drydock:ignore-file=DD005 reason…             the whole file
//   # drydock:ignore=DD201 expires=2026-12-31 why   optional expiry token anywhere after the ids
//   # hadolint ignore=DL3008,DL3015                 the annotated lines, via references
//   # hadolint global ignore=DL3008                 the whole file
// An id a drydock pragma names that the registry does not know is a warning; for hadolint
// pragmas it is a note (many DL/SC codes have no drydock equivalent).
struct Pragma {
  enum class Scope { kLines, kFile };
  Scope scope = Scope::kLines;
  bool hadolint = false;
  std::vector<std::string> rule_ids;  // resolved drydock ids ("DD201")
  std::string reason;
  std::optional<Date> expires;
  int first_line = 0;  // kLines: findings with location.line in [first_line, last_line]
  int last_line = 0;
  core::Origin where;  // the comment
};

struct FilePragmas {
  std::string file;  // compared with Finding::location.file
  std::vector<Pragma> pragmas;
};

// Extracts pragmas from a parsed file's comments (model::BuildSpec::comments). Comments that are
// not pragmas are ignored.
FilePragmas ParsePragmas(std::string_view file, const std::vector<model::Comment>& comments,
                         const rules::Registry& registry, core::Diagnostics& diags);

// ---- applying policy --------------------------------------------------------------------------

struct ApplyInput {
  const rules::Registry& registry;
  Date today{};                    // expiry reference; required
  const Config* config = nullptr;  // rules: overrides and ignore: entries; may be null
  std::span<const IgnoreEntry> ignore_file = {};  // from --ignorefile
  std::span<const FilePragmas> pragmas = {};      // one per parsed file
};

// In order: drops findings of disabled rules, applies severity overrides, then marks suppressed
// findings (first match wins: inline line pragma, file pragma, hadolint pragma unless the config
// sets disable-ignore-pragma, config, ignore file). Unknown keys and expired entries add warnings
// to `diags` (one per entry; codes of hadolint's override:/ignored: lists that no rule carries
// are notes).
void Apply(const ApplyInput& in, core::Findings& findings, core::Diagnostics& diags);

// Rule ids disabled: the rules that ship disabled (RuleInfo::enabled_by_default), then the
// switches of RuleOverrides(config) in order: hadolint's `override:` (enables), `ignored:`
// (disables), then `rules:` (for a CLI that wants to skip running them).
std::set<std::string> DisabledRuleIds(const Config& config, const rules::Registry& registry);

// Glob matching of ignore `paths:` (core/glob.h).
using core::MatchGlob;

// ---- report filter and exit code ---------------------------------------------------------------

struct Gate {
  std::set<core::Severity> severities;    // --severity; empty = report everything
  int exit_code = 0;                      // --exit-code
  std::optional<core::Severity> fail_on;  // --fail-on; nullopt = any reported finding
};

// The gate as the config file sets it (flags given on the command line then override fields).
Gate GateFromConfig(const Config& config);

// The findings to report: those whose (overridden) severity passes `gate.severities`, suppressed
// ones included (marked). Order is preserved.
core::Findings SelectForReport(core::Findings findings, const Gate& gate);

// gate.exit_code when a finding that passes the severity filter, is not suppressed and (with
// fail_on) is at or above fail_on remains; otherwise 0.
int ExitCodeFor(const core::Findings& findings, const Gate& gate);

}  // namespace drydock::policy
