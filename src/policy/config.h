// SPDX-License-Identifier: Apache-2.0
// .drydock.yaml: the project's policy file. Loaded once per run by the CLI, then handed to
// policy::Apply (severity overrides, disabled rules, ignore entries) and to the rules
// (core::RuleSettings). Command-line flags override what the file says; merging is the CLI's job.
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
struct RuleOverride {
  std::string key;
  std::optional<core::Severity> severity;
  bool enabled = true;
  core::Origin where;
};

struct Config {
  std::string file;                     // the file it was loaded from; "" for defaults
  std::set<core::Severity> severities;  // empty = every severity
  std::optional<core::Severity> fail_on;
  std::optional<int> exit_code;
  std::optional<std::string> format;
  std::vector<std::string> skip_dirs;
  core::RuleSettings settings;
  std::vector<RuleOverride> rules;
  std::vector<IgnoreEntry> ignores;
  core::Diagnostics diagnostics;  // unknown keys and other non-fatal oddities found while loading
};

// Parses config text. `file` is used for locations only. Malformed YAML or a value of the wrong
// type/shape is an Error with file:line:column; unknown keys become warnings.
core::Result<Config> ParseConfig(std::string_view text, const std::string& file);

// Reads (at most 1 MiB) and parses a config file.
core::Result<Config> LoadConfig(const std::string& path);

// Finds `.drydock.yaml` (then `.drydock.yml`) in `start` (a directory, or a file's directory) and
// its ancestors. The walk stops after the first directory that holds `.git` (the repository
// root), otherwise at the filesystem root. Returns nullopt when none is found.
std::optional<std::filesystem::path> FindConfigUpward(const std::filesystem::path& start);

// "HIGH,CRITICAL" (case-insensitive, spaces allowed) -> set; error names the bad item.
core::Result<std::set<core::Severity>> ParseSeverityList(std::string_view text);

}  // namespace drydock::policy
