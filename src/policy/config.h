// SPDX-License-Identifier: Apache-2.0
// .drydock.yaml: the project's policy file. Loaded once per run by the CLI, then handed to
// policy::Apply (severity overrides, disabled rules, ignore entries) and to the rules
// (core::RuleSettings). Command-line flags override what the file says; merging is the CLI's job.
// A project's .hadolint.yaml is read too (ConfigFlavor::kHadolint, hadolint's keys only) and
// merged under .drydock.yaml key by key (MergeConfigs).
//
// Accepted keys (anything else is a warning in Config::diagnostics, never an error):
//   severity: [HIGH, CRITICAL]          # report only these (like --severity)
//   fail-on: HIGH                       # like --fail-on
//   exit-code: 1                        # like --exit-code (0..255)
//   format: table                       # like --format
//   skip-dirs: [vendor, "third_party"]  # like --skip-dirs
//   trusted-registries: [registry.example.com]   -> RuleSettings (DD403)
//   allowed-capabilities: [NET_BIND_SERVICE]     -> RuleSettings (DD802)
//   nonroot-bases: [gcr.io/distroless/static]    -> RuleSettings (DD201)
//   vuln: {max-db-age: 14d}                      -> RuleSettings (DD302; days, default 7)
//   rules:                              # keyed by id, slug or peer reference
//     DD201: {severity: LOW}
//     user/non-numeric: {enabled: false}
//   ignore:
//     - {id: DD201, reason: "…", expires: 2026-12-31, paths: ["legacy/**"]}
//
// hadolint's keys, accepted in both files (spelled as hadolint spells them):
//   label-schema: {version: semver, documentation: url}  -> RuleSettings (DD051-DD059); types:
//                                        text, url, hash, rfc3339, semver, spdx, email
//   strict-labels: true                  -> RuleSettings (DD052)
//   trustedRegistries: [docker.io]       the same setting as trusted-registries
//   failure-threshold: warning           the same setting as fail-on: error HIGH, warning MEDIUM,
//                                        info LOW, style INFO; ignore/none: any finding fails
//                                        (as in hadolint, where they are the lowest threshold)
//   no-fail: true                        the same setting as exit-code: 0 (false: no effect)
//   override: {error: [DL3008], warning: [...], info: [...], style: [...]}
//                                        -> severity HIGH/MEDIUM/LOW/INFO for the rules each
//                                        code resolves to; enables a rule that ships disabled
//   ignored: [DL3008, SC2086]            -> those rules disabled
//   disable-ignore-pragma: true          `# hadolint ignore=` pragmas are not honoured
// Codes no drydock rule carries (SC2086…) are notes, not warnings. In .hadolint.yaml, hadolint's
// output keys (format, formats, no-color, verbose) are notes; any other key is a warning.
#pragma once

#include <compare>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/diagnostics.h"
#include "core/error.h"
#include "core/origin.h"
#include "core/severity.h"
#include "rules/rule.h"

namespace drydock::policy {

// Calendar dates live in core (rules read them too); today's date is always a parameter.
using core::Date;
using core::ParseDate;

// One ignore entry, from config `ignore:` or an ignore file. `key` is resolved through
// rules::Registry::Resolve when applied (id, slug or peer reference such as DL3008).
struct IgnoreEntry {
  std::string key;
  std::string reason;
  std::optional<Date> expires;     // last day the entry applies; absent = forever
  std::vector<std::string> paths;  // globs over Finding::location.file; empty = everywhere
  core::Origin where;              // where the entry was written (for diagnostics)
};

// `rules:` entry: a severity override and/or enabling switch for the rules `key` resolves to.
// hadolint's `override:` and `ignored:` give entries of the same shape.
struct RuleOverride {
  std::string key;
  std::optional<core::Severity> severity;
  bool enabled = true;
  core::Origin where;
  // The key that wrote it: "rules", "override" or "ignored". hadolint's lists name codes that
  // drydock has no rule for (SC…, many DL…): an unknown one there is a note, not a warning.
  std::string from = "rules";
};

// Which dialect a file is read in: .drydock.yaml (drydock's keys and hadolint's) or
// .hadolint.yaml (hadolint's keys only).
enum class ConfigFlavor { kDrydock, kHadolint };

struct Config {
  std::string file;                     // the file it was loaded from; "" for defaults
  std::set<core::Severity> severities;  // empty = every severity
  std::optional<core::Severity> fail_on;
  std::optional<int> exit_code;
  std::optional<std::string> format;
  std::vector<std::string> skip_dirs;
  core::RuleSettings settings;
  std::vector<RuleOverride> overrides;  // hadolint `override:`, in the order written
  std::vector<RuleOverride> ignored;    // hadolint `ignored:` (enabled = false)
  std::vector<RuleOverride> rules;
  std::vector<IgnoreEntry> ignores;
  bool disable_ignore_pragma = false;  // hadolint pragmas are not honoured
  // The settings the file set, each by its .drydock.yaml name ("fail-on" for failure-threshold,
  // "trusted-registries" for trustedRegistries, "exit-code" for no-fail): what MergeConfigs
  // takes from the file that wins.
  std::set<std::string> keys;
  core::Diagnostics diagnostics;  // unknown keys and other non-fatal oddities found while loading
};

// Every rule override in the order it applies (a later entry wins): `override:`, `ignored:`,
// then `rules:`.
std::vector<const RuleOverride*> RuleOverrides(const Config& config);

// Parses config text. `file` is used for locations only. Malformed YAML or a value of the wrong
// type/shape is an Error with file:line:column; unknown keys become warnings.
core::Result<Config> ParseConfig(std::string_view text, const std::string& file,
                                 ConfigFlavor flavor = ConfigFlavor::kDrydock);

// Reads (at most 1 MiB) and parses a config file; a file named .hadolint.yaml/.yml or
// hadolint.yaml/.yml is read as ConfigFlavor::kHadolint.
core::Result<Config> LoadConfig(const std::string& path);

// `under` (a .hadolint.yaml's settings) with every setting `over` (.drydock.yaml's) sets taken
// from `over` instead, key by key (Config::keys); keys only `under` sets still apply. Diagnostics
// of both are kept (under's first); `file` is over's when it has one.
Config MergeConfigs(Config under, const Config& over);

// Finds `.drydock.yaml` (then `.drydock.yml`) in `start` (a directory, or a file's directory) and
// its ancestors. The walk stops after the first directory that holds `.git` (the repository
// root), otherwise at the filesystem root. Returns nullopt when none is found.
std::optional<std::filesystem::path> FindConfigUpward(const std::filesystem::path& start);

// The same walk for `.hadolint.yaml` (then `.hadolint.yml`). hadolint's per-user files
// ($XDG_CONFIG_HOME/hadolint.yaml, ~/.hadolint.yaml…) are not read: a scan's result depends on
// the repository, not on who runs it.
std::optional<std::filesystem::path> FindHadolintConfigUpward(const std::filesystem::path& start);

// "HIGH,CRITICAL" (case-insensitive, spaces allowed) -> set; error names the bad item.
core::Result<std::set<core::Severity>> ParseSeverityList(std::string_view text);

}  // namespace drydock::policy
