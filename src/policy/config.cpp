// SPDX-License-Identifier: Apache-2.0
#include "policy/config.h"

#include <fmt/format.h>

#include <system_error>

#include "core/io.h"
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

}  // namespace

Result<Config> ParseConfig(std::string_view text, const std::string& file) {
  YamlNode root = DD_TRY(ParseYaml(text, file));
  Config config;
  config.file = file;
  if (root.IsNull()) return config;  // empty file: defaults
  DD_TRY(detail::MappingValue(root, file, "config", "a mapping at the top level"));
  for (const auto& [k, v] : root.entries) {
    std::string key = DD_TRY(Scalar(k, file, "config key"));
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
      config.settings.trusted_registries = DD_TRY(StringList(v, file, "trusted-registries"));
    } else if (key == "allowed-capabilities") {
      config.settings.allowed_capabilities = DD_TRY(StringList(v, file, "allowed-capabilities"));
    } else if (key == "nonroot-bases") {
      config.settings.nonroot_bases = DD_TRY(StringList(v, file, "nonroot-bases"));
    } else if (key == "vuln") {
      DD_TRY(ParseVuln(v, file, config));
    } else if (key == "rules") {
      config.rules = DD_TRY(ParseRules(v, file, config.diagnostics));
    } else if (key == "ignore") {
      if (v.IsNull()) continue;
      DD_TRY(detail::ListValue(v, file, "ignore", "a list of entries"));
      for (const YamlNode& item : v.items) {
        config.ignores.push_back(DD_TRY(detail::IgnoreEntryValue(item, file, config.diagnostics)));
      }
    } else {
      config.diagnostics.push_back({core::DiagnosticLevel::kWarning, Where(k, file),
                                    fmt::format("unknown config key '{}' (ignored)", key)});
    }
  }
  return config;
}

Result<Config> LoadConfig(const std::string& path) {
  std::string text = DD_TRY(ReadBoundedFile(path, kMaxYamlBytes));
  return ParseConfig(text, path);
}

std::optional<std::filesystem::path> FindConfigUpward(const std::filesystem::path& start) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec);
  if (ec) return std::nullopt;
  dir = dir.lexically_normal();
  if (!dir.has_filename() && dir != dir.root_path()) dir = dir.parent_path();  // "a/b/" -> "a/b"
  if (!fs::is_directory(dir, ec)) dir = dir.parent_path();
  // Bounded: a path has finitely many ancestors; the guard protects against odd roots.
  for (int depth = 0; depth < 4096 && !dir.empty(); ++depth) {
    for (const char* name : {".drydock.yaml", ".drydock.yml"}) {
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

}  // namespace drydock::policy
