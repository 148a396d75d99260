// SPDX-License-Identifier: Apache-2.0
#include "policy/config.h"

#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>
#include <system_error>
#include <utility>

#include "core/io.h"
#include "core/strings.h"
#include "policy/detail/yaml_values.h"
#include "yaml/yaml.h"

namespace drydock::policy {

using core::ErrorCode;
using core::Result;
using detail::ErrorAt;
using detail::Scalar;
using detail::StringList;
using detail::Where;

Result<std::set<core::Severity>> ParseSeverityList(std::string_view text) {
  std::set<core::Severity> out;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t comma = text.find(',', pos);
    if (comma == std::string_view::npos) comma = text.size();
    std::string_view item = text.substr(pos, comma - pos);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (!item.empty()) {
      auto s = core::ParseSeverity(item);
      if (!s) {
        return core::Fail(ErrorCode::kUsage,
                          fmt::format("unknown severity '{}' (expected CRITICAL, HIGH, MEDIUM, "
                                      "LOW or INFO)",
                                      item));
      }
      out.insert(*s);
    }
    pos = comma + 1;
  }
  return out;
}

namespace {

Result<std::vector<RuleOverride>> ParseRules(const YamlNode& node, const std::string& file,
                                             core::Diagnostics& diags) {
  std::vector<RuleOverride> out;
  if (node.IsNull()) return out;
  DD_TRY(detail::MappingValue(node, file, "rules", "a mapping of rule id to settings"));
  for (const auto& [k, v] : node.entries) {
    RuleOverride ov;
    ov.key = DD_TRY(Scalar(k, file, "rules key"));
    ov.where = Where(k, file);
    DD_TRY(detail::MappingValue(v, file, "rules." + ov.key,
                                "a mapping like {severity: LOW} or {enabled: false}"));
    for (const auto& [sk, sv] : v.entries) {
      std::string key = DD_TRY(Scalar(sk, file, "rules setting"));
      if (key == "severity") {
        ov.severity = DD_TRY(detail::SeverityValue(sv, file, "rules." + ov.key + ".severity"));
      } else if (key == "enabled") {
        ov.enabled = DD_TRY(detail::BoolValue(sv, file, "rules." + ov.key + ".enabled"));
      } else {
        diags.push_back({core::DiagnosticLevel::kWarning, Where(sk, file),
                         fmt::format("unknown key '{}' in rules.{} (ignored)", key, ov.key)});
      }
    }
    out.push_back(std::move(ov));
  }
  return out;
}

// vuln: {max-db-age: 7d}: the age in days ("14", "14d") after which DD302 calls the
// vulnerability database stale; 1..3650.
Result<void> ParseVuln(const YamlNode& node, const std::string& file, Config& config) {
  if (node.IsNull()) return {};
  DD_TRY(detail::MappingValue(node, file, "vuln"));
  for (const auto& [k, v] : node.entries) {
    std::string key = DD_TRY(Scalar(k, file, "vuln key"));
    if (key != "max-db-age") {
      config.diagnostics.push_back({core::DiagnosticLevel::kWarning, Where(k, file),
                                    fmt::format("unknown config key 'vuln.{}' (ignored)", key)});
      continue;
    }
    std::string t = DD_TRY(Scalar(v, file, "vuln.max-db-age"));
    if (!t.empty() && t.back() == 'd') t.pop_back();
    int days = 0;
    if (!t.empty() && t.size() <= 4 && t.find_first_not_of("0123456789") == std::string::npos) {
      days = std::stoi(t);
    }
    if (days < 1 || days > 3650) {
      return ErrorAt(v, file,
                     fmt::format("vuln.max-db-age: expected days 1..3650 (\"14\" or \"14d\"), "
                                 "found '{}'",
                                 v.scalar));
    }
    config.settings.vuln_max_db_age_days = days;
  }
  return {};
}

// hadolint's `failure-threshold`: the drydock fail-on it means (nullopt: any finding fails).
Result<std::optional<core::Severity>> FailureThreshold(const YamlNode& v, const std::string& file) {
  const std::string text = DD_TRY(Scalar(v, file, "failure-threshold"));
  const std::string t = core::Lower(text);
  if (t == "error") return core::Severity::kHigh;
  if (t == "warning") return core::Severity::kMedium;
  if (t == "info") return core::Severity::kLow;
  if (t == "style") return core::Severity::kInfo;
  if (t == "ignore" || t == "none") return std::optional<core::Severity>();
  return ErrorAt(
      v, file,
      fmt::format("failure-threshold: unknown level '{}' (expected error, warning, info, "
                  "style, ignore or none)",
                  text));
}

// A list of rule codes (`ignored:`, `override.error:`): one RuleOverride per code.
Result<void> CodeList(const YamlNode& v, const std::string& file, const std::string& what,
                      const RuleOverride& base, std::vector<RuleOverride>& out) {
  if (v.IsNull()) return {};
  DD_TRY(detail::ListValue(v, file, what, "a list of rule codes"));
  for (const YamlNode& item : v.items) {
    RuleOverride ov = base;
    ov.key = DD_TRY(Scalar(item, file, what));
    ov.where = Where(item, file);
    if (!ov.key.empty()) out.push_back(std::move(ov));
  }
  return {};
}

// override: {error: [...], warning: [...], info: [...], style: [...]}
Result<void> ParseOverride(const YamlNode& node, const std::string& file, Config& config) {
  if (node.IsNull()) return {};
  DD_TRY(detail::MappingValue(node, file, "override",
                              "a mapping of error, warning, info and style to lists of codes"));
  static constexpr std::pair<std::string_view, core::Severity> kLevels[] = {
      {"error", core::Severity::kHigh},
      {"warning", core::Severity::kMedium},
      {"info", core::Severity::kLow},
      {"style", core::Severity::kInfo},
  };
  for (const auto& [k, v] : node.entries) {
    const std::string level = DD_TRY(Scalar(k, file, "override key"));
    const auto* row = std::find_if(std::begin(kLevels), std::end(kLevels),
                                   [&](const auto& r) { return r.first == level; });
    if (row == std::end(kLevels)) {
      config.diagnostics.push_back(
          {core::DiagnosticLevel::kWarning, Where(k, file),
           fmt::format("unknown key 'override.{}' (expected error, warning, info or style; "
                       "ignored)",
                       level)});
      continue;
    }
    RuleOverride base;
    base.severity = row->second;
    base.from = "override";
    DD_TRY(CodeList(v, file, "override." + level, base, config.overrides));
  }
  return {};
}

// label-schema: {name: type}
Result<void> ParseLabelSchema(const YamlNode& node, const std::string& file, Config& config) {
  config.settings.label_schema.clear();
  if (node.IsNull()) return {};
  DD_TRY(detail::MappingValue(node, file, "label-schema",
                              "a mapping of label name to type (text, url, hash, rfc3339, "
                              "semver, spdx or email)"));
  for (const auto& [k, v] : node.entries) {
    std::string name = DD_TRY(Scalar(k, file, "label-schema key"));
    const std::string what = "label-schema." + name;
    const std::string type = v.IsNull() ? std::string() : DD_TRY(Scalar(v, file, what));
    auto parsed = core::ParseLabelType(type);
    if (!parsed) {
      return ErrorAt(v, file,
                     fmt::format("{}: unknown label type '{}' (expected text, url, hash, rfc3339, "
                                 "semver, spdx or email)",
                                 what, type));
    }
    auto& schema = config.settings.label_schema;
    auto same = std::find_if(schema.begin(), schema.end(),
                             [&](const auto& entry) { return entry.first == name; });
    if (same != schema.end()) {
      same->second = *parsed;
    } else {
      schema.emplace_back(std::move(name), *parsed);
    }
  }
  return {};
}

// Reads one of hadolint's keys into `config`. Returns false when `key` is not one of them.
Result<bool> ParseHadolintKey(const std::string& key, const YamlNode& v, const std::string& file,
                              Config& config, bool& no_fail) {
  if (key == "label-schema") {
    DD_TRY(ParseLabelSchema(v, file, config));
  } else if (key == "strict-labels") {
    config.settings.strict_labels = DD_TRY(detail::BoolValue(v, file, "strict-labels"));
  } else if (key == "trustedRegistries") {
    if (!v.IsNull()) {
      auto list = DD_TRY(StringList(v, file, "trustedRegistries"));
      auto& trusted = config.settings.trusted_registries;
      trusted.insert(trusted.end(), list.begin(), list.end());
    }
    config.keys.insert("trusted-registries");
    return true;
  } else if (key == "failure-threshold") {
    config.fail_on = DD_TRY(FailureThreshold(v, file));
    config.keys.insert("fail-on");
    return true;
  } else if (key == "no-fail") {
    no_fail = DD_TRY(detail::BoolValue(v, file, "no-fail"));
    return true;  // its key is recorded once every key is read
  } else if (key == "override") {
    DD_TRY(ParseOverride(v, file, config));
  } else if (key == "ignored") {
    RuleOverride base;
    base.enabled = false;
    base.from = "ignored";
    DD_TRY(CodeList(v, file, "ignored", base, config.ignored));
  } else if (key == "disable-ignore-pragma") {
    config.disable_ignore_pragma = DD_TRY(detail::BoolValue(v, file, "disable-ignore-pragma"));
  } else {
    return false;
  }
  config.keys.insert(key);
  return true;
}

// The keys of .hadolint.yaml that choose hadolint's output, which drydock does not read.
bool IsHadolintOutputKey(std::string_view key) {
  return key == "format" || key == "formats" || key == "no-color" || key == "verbose";
}

// One row per setting: its .drydock.yaml name and how MergeConfigs takes it from the winner.
struct MergeRow {
  std::string_view key;
  void (*take)(Config& to, const Config& from);
};

constexpr MergeRow kMergeRows[] = {
    {"severity", [](Config& to, const Config& from) { to.severities = from.severities; }},
    {"fail-on", [](Config& to, const Config& from) { to.fail_on = from.fail_on; }},
    {"exit-code", [](Config& to, const Config& from) { to.exit_code = from.exit_code; }},
    {"format", [](Config& to, const Config& from) { to.format = from.format; }},
    {"skip-dirs", [](Config& to, const Config& from) { to.skip_dirs = from.skip_dirs; }},
    {"trusted-registries",
     [](Config& to, const Config& from) {
       to.settings.trusted_registries = from.settings.trusted_registries;
     }},
    {"allowed-capabilities",
     [](Config& to, const Config& from) {
       to.settings.allowed_capabilities = from.settings.allowed_capabilities;
     }},
    {"nonroot-bases",
     [](Config& to, const Config& from) {
       to.settings.nonroot_bases = from.settings.nonroot_bases;
     }},
    {"vuln",
     [](Config& to, const Config& from) {
       to.settings.vuln_max_db_age_days = from.settings.vuln_max_db_age_days;
     }},
    {"label-schema",
     [](Config& to, const Config& from) { to.settings.label_schema = from.settings.label_schema; }},
    {"strict-labels",
     [](Config& to, const Config& from) {
       to.settings.strict_labels = from.settings.strict_labels;
     }},
    {"rules", [](Config& to, const Config& from) { to.rules = from.rules; }},
    {"ignore", [](Config& to, const Config& from) { to.ignores = from.ignores; }},
    {"override", [](Config& to, const Config& from) { to.overrides = from.overrides; }},
    {"ignored", [](Config& to, const Config& from) { to.ignored = from.ignored; }},
    {"disable-ignore-pragma",
     [](Config& to, const Config& from) { to.disable_ignore_pragma = from.disable_ignore_pragma; }},
};

}  // namespace

std::vector<const RuleOverride*> RuleOverrides(const Config& config) {
  std::vector<const RuleOverride*> out;
  for (const auto* list : {&config.overrides, &config.ignored, &config.rules}) {
    for (const RuleOverride& ov : *list) out.push_back(&ov);
  }
  return out;
}

Result<Config> ParseConfig(std::string_view text, const std::string& file, ConfigFlavor flavor) {
  YamlNode root = DD_TRY(ParseYaml(text, file));
  Config config;
  config.file = file;
  if (root.IsNull()) return config;  // empty file: defaults
  DD_TRY(detail::MappingValue(root, file, "config", "a mapping at the top level"));
  bool no_fail = false;
  for (const auto& [k, v] : root.entries) {
    std::string key = DD_TRY(Scalar(k, file, "config key"));
    if (DD_TRY(ParseHadolintKey(key, v, file, config, no_fail))) continue;
    if (flavor == ConfigFlavor::kHadolint) {
      if (IsHadolintOutputKey(key)) {
        config.diagnostics.push_back(
            {core::DiagnosticLevel::kNote, Where(k, file),
             fmt::format("hadolint key '{}' chooses hadolint's output; drydock does not read it",
                         key)});
      } else {
        config.diagnostics.push_back(
            {core::DiagnosticLevel::kWarning, Where(k, file),
             fmt::format("unknown hadolint config key '{}' (ignored)", key)});
      }
      continue;
    }
    if (key == "severity") {
      if (v.IsScalar()) {
        auto set = ParseSeverityList(v.scalar);
        if (!set) return ErrorAt(v, file, "severity: " + set.error().message);
        config.severities = *set;
      } else {
        DD_TRY(detail::ListValue(v, file, "severity"));
        for (const YamlNode& item : v.items) {
          config.severities.insert(DD_TRY(detail::SeverityValue(item, file, "severity")));
        }
      }
    } else if (key == "fail-on") {
      config.fail_on = DD_TRY(detail::SeverityValue(v, file, "fail-on"));
    } else if (key == "exit-code") {
      std::string t = DD_TRY(Scalar(v, file, "exit-code"));
      int code = -1;
      if (!t.empty() && t.size() <= 3 && t.find_first_not_of("0123456789") == std::string::npos) {
        code = std::stoi(t);
      }
      if (code < 0 || code > 255) {
        return ErrorAt(v, file,
                       fmt::format("exit-code: expected an integer 0..255, found '{}'", t));
      }
      config.exit_code = code;
    } else if (key == "format") {
      config.format = DD_TRY(Scalar(v, file, "format"));
    } else if (key == "skip-dirs") {
      config.skip_dirs = DD_TRY(StringList(v, file, "skip-dirs"));
    } else if (key == "trusted-registries") {
      auto list = DD_TRY(StringList(v, file, "trusted-registries"));
      auto& trusted = config.settings.trusted_registries;
      trusted.insert(trusted.end(), list.begin(), list.end());
    } else if (key == "allowed-capabilities") {
      config.settings.allowed_capabilities = DD_TRY(StringList(v, file, "allowed-capabilities"));
    } else if (key == "nonroot-bases") {
      config.settings.nonroot_bases = DD_TRY(StringList(v, file, "nonroot-bases"));
    } else if (key == "vuln") {
      DD_TRY(ParseVuln(v, file, config));
    } else if (key == "rules") {
      config.rules = DD_TRY(ParseRules(v, file, config.diagnostics));
    } else if (key == "ignore") {
      if (!v.IsNull()) {
        DD_TRY(detail::ListValue(v, file, "ignore", "a list of entries"));
        for (const YamlNode& item : v.items) {
          config.ignores.push_back(
              DD_TRY(detail::IgnoreEntryValue(item, file, config.diagnostics)));
        }
      }
    } else {
      config.diagnostics.push_back({core::DiagnosticLevel::kWarning, Where(k, file),
                                    fmt::format("unknown config key '{}' (ignored)", key)});
      continue;
    }
    config.keys.insert(key);
  }
  if (no_fail) {
    config.exit_code = 0;  // never fails, whatever exit-code says
    config.keys.insert("exit-code");
  }
  return config;
}

Config MergeConfigs(Config under, const Config& over) {
  for (const MergeRow& row : kMergeRows) {
    if (over.keys.contains(std::string(row.key))) row.take(under, over);
  }
  under.keys.insert(over.keys.begin(), over.keys.end());
  under.diagnostics.insert(under.diagnostics.end(), over.diagnostics.begin(),
                           over.diagnostics.end());
  if (!over.file.empty()) under.file = over.file;
  return under;
}

Result<Config> LoadConfig(const std::string& path) {
  std::string text = DD_TRY(ReadBoundedFile(path, kMaxYamlBytes));
  const std::string name = std::filesystem::path(path).filename().string();
  const bool hadolint = name == ".hadolint.yaml" || name == ".hadolint.yml" ||
                        name == "hadolint.yaml" || name == "hadolint.yml";
  return ParseConfig(text, path, hadolint ? ConfigFlavor::kHadolint : ConfigFlavor::kDrydock);
}

namespace {

// The first of `names` in `start` (a directory, or a file's directory) or its ancestors, up to
// the first directory that holds `.git`, otherwise to the filesystem root.
std::optional<std::filesystem::path> FindUpward(const std::filesystem::path& start,
                                                std::initializer_list<const char*> names) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec);
  if (ec) return std::nullopt;
  dir = dir.lexically_normal();
  if (!dir.has_filename() && dir != dir.root_path()) dir = dir.parent_path();  // "a/b/" -> "a/b"
  if (!fs::is_directory(dir, ec)) dir = dir.parent_path();
  // Bounded: a path has finitely many ancestors; the guard protects against odd roots.
  for (int depth = 0; depth < 4096 && !dir.empty(); ++depth) {
    for (const char* name : names) {
      fs::path candidate = dir / name;
      if (fs::is_regular_file(candidate, ec)) return candidate;
    }
    if (fs::exists(dir / ".git", ec)) break;  // repository root
    fs::path parent = dir.parent_path();
    if (parent == dir) break;  // filesystem root
    dir = parent;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::filesystem::path> FindConfigUpward(const std::filesystem::path& start) {
  return FindUpward(start, {".drydock.yaml", ".drydock.yml"});
}

std::optional<std::filesystem::path> FindHadolintConfigUpward(const std::filesystem::path& start) {
  return FindUpward(start, {".hadolint.yaml", ".hadolint.yml"});
}

}  // namespace drydock::policy
