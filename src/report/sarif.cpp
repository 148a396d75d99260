// SPDX-License-Identifier: Apache-2.0
// SARIF 2.1.0 as GitHub code scanning accepts it (FORMATS.md §6).
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/digest.h"
#include "report/detail/text.h"
#include "report/report.h"

namespace drydock::report {

using json = nlohmann::ordered_json;

namespace {

constexpr std::string_view kSchema = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr size_t kMaxDescription = 1024;

// Truncates to at most `max` bytes without splitting a UTF-8 sequence.
std::string Truncate(std::string_view text, size_t max) {
  if (text.size() <= max) return std::string(text);
  size_t cut = max - 3;  // room for "..."
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "...";
}

std::string NonEmpty(std::string_view first, std::string_view fallback) {
  return std::string(first.empty() ? fallback : first);
}

// "user/root" -> "UserRoot"; "hygiene/apt-no-install-recommends" ->
// "HygieneAptNoInstallRecommends".
std::string CamelName(std::string_view slug, std::string_view id) {
  std::string out;
  bool upper = true;
  for (char ch : slug) {
    if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')) {
      out += upper && ch >= 'a' && ch <= 'z' ? static_cast<char>(ch - 'a' + 'A') : ch;
      upper = false;
    } else {
      upper = true;
    }
  }
  if (out.empty()) out = std::string(id);
  return Truncate(out, 255);
}

bool Unreserved(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~' || c == '/';
}

std::string PercentEncode(std::string_view path) {
  std::string out;
  for (char ch : path) {
    auto c = static_cast<unsigned char>(ch);
    if (Unreserved(c)) {
      out += ch;
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

struct Uri {
  std::string uri;
  bool relative = true;
};

// Repo-relative forward-slash path -> URI reference. Absolute paths become file:// URIs.
Uri ArtifactUri(std::string_view file) {
  std::string path(file);
  std::replace(path.begin(), path.end(), '\\', '/');
  std::string_view p = path;
  while (p.size() >= 2 && p[0] == '.' && p[1] == '/') p.remove_prefix(2);
  if (!p.empty() && p.front() == '/') return {"file://" + PercentEncode(p), false};
  return {PercentEncode(p), true};
}

std::string HelpText(const core::RuleInfo& r) {
  std::string text = NonEmpty(r.FullRationale(), r.title);
  if (!r.remediation.empty()) text += fmt::format("\n\nRemediation: {}", r.remediation);
  if (!r.references.empty()) {
    text += "\n\nReferences: ";
    for (size_t i = 0; i < r.references.size(); ++i) {
      text += (i > 0 ? ", " : "") + std::string(r.references[i]);
    }
  }
  return text;
}

std::string HelpMarkdown(const core::RuleInfo& r) {
  std::string md = fmt::format("**{} {}**: {}\n\n", r.id, r.slug, NonEmpty(r.title, r.id));
  if (!r.FullRationale().empty()) md += fmt::format("{}\n\n", r.FullRationale());
  if (!r.remediation.empty()) md += fmt::format("**Remediation.** {}\n\n", r.remediation);
  if (!r.references.empty()) {
    md += "**References:**";
    for (std::string_view ref : r.references) md += fmt::format(" `{}`", ref);
    md += "\n";
  }
  return md;
}

json RuleDescriptor(const core::RuleInfo& r, core::Severity effective) {
  json j;
  j["id"] = std::string(r.id);
  j["name"] = CamelName(r.slug, r.id);
  j["shortDescription"] = json{{"text", Truncate(NonEmpty(r.title, r.id), kMaxDescription)}};
  j["fullDescription"] = json{
      {"text", Truncate(NonEmpty(r.FullRationale(), NonEmpty(r.title, r.id)), kMaxDescription)}};
  j["help"] = json{{"text", HelpText(r)}, {"markdown", HelpMarkdown(r)}};
  j["defaultConfiguration"] =
      json{{"level", std::string(core::SeverityInfo(r.severity).sarif_level)}};
  json tags = json::array({"security"});
  if (r.practice > 0) tags.push_back(fmt::format("practice-{}", r.practice));
  if (!r.slug.empty()) {
    std::string_view area = r.slug.substr(0, r.slug.find('/'));
    tags.push_back(std::string(area));
  }
  j["properties"] =
      json{{"tags", std::move(tags)},
           {"precision", "high"},
           {"security-severity", std::string(core::SeverityInfo(effective).security_severity)}};
  return j;
}

std::string_view SuppressionKind(std::string_view kind) {
  // Pragmas live in the scanned file; config and ignore files are external to it.
  if (kind == "inline" || kind == "file" || kind == "hadolint") return "inSource";
  return "external";
}

}  // namespace

json ToSarif(const Report& report, const Options& options) {
  core::Findings findings = report.findings;
  SortFindings(findings);

  // Referenced rules in order of first appearance; their security-severity is the highest
  // effective severity of their results (so policy overrides show in GitHub).
  std::vector<const core::RuleInfo*> rules;
  std::map<std::string_view, size_t> index;
  std::map<std::string_view, core::Severity> worst;
  for (const core::Finding& f : findings) {
    if (f.rule == nullptr) continue;
    auto [it, inserted] = index.emplace(f.rule->id, rules.size());
    if (inserted) {
      rules.push_back(f.rule);
      worst[f.rule->id] = f.severity;
    } else {
      worst[f.rule->id] = std::max(worst[f.rule->id], f.severity);
    }
  }
  json rules_json = json::array();
  for (const core::RuleInfo* r : rules) rules_json.push_back(RuleDescriptor(*r, worst[r->id]));

  bool base_id = !options.sarif_source_root.empty();
  json results = json::array();
  std::map<std::string, int> occurrences;
  for (const core::Finding& f : findings) {
    if (f.rule == nullptr) continue;
    json r;
    r["ruleId"] = std::string(f.rule->id);
    r["ruleIndex"] = index[f.rule->id];
    r["level"] = std::string(core::SeverityInfo(f.severity).sarif_level);
    r["message"] = json{{"text", NonEmpty(f.message, NonEmpty(f.rule->title, f.rule->id))}};
    Uri uri = ArtifactUri(f.location.file);
    if (!uri.uri.empty()) {
      json artifact{{"uri", uri.uri}};
      if (base_id && uri.relative) artifact["uriBaseId"] = "%SRCROOT%";
      int start = f.location.line > 0 ? f.location.line : 1;
      json region{{"startLine", start}};
      if (f.location.column > 0) region["startColumn"] = f.location.column;
      region["endLine"] = std::max(start, f.location.end_line);
      json physical{{"artifactLocation", std::move(artifact)}, {"region", std::move(region)}};
      json location{{"physicalLocation", std::move(physical)}};
      json logical = json::array();
      if (!f.location.path.empty()) {
        logical.push_back(json{{"fullyQualifiedName", f.location.path}});
      }
      // Image findings: the layer digest that holds the file.
      if (!f.location.layer.empty()) {
        logical.push_back(json{{"name", f.location.layer}, {"kind", "resource"}});
      }
      if (!logical.empty()) location["logicalLocations"] = std::move(logical);
      r["locations"] = json::array({std::move(location)});
    }
    std::string hash = core::Sha256Hex(fmt::format("{}\n{}\n{}", f.rule->id, uri.uri, f.message));
    int n = ++occurrences[hash];
    r["partialFingerprints"] = json{{"primaryLocationLineHash", fmt::format("{}:{}", hash, n)}};
    if (f.suppressed) {
      json s{{"kind", std::string(SuppressionKind(f.suppression_kind))}, {"status", "accepted"}};
      if (!f.suppression_reason.empty()) s["justification"] = f.suppression_reason;
      r["suppressions"] = json::array({std::move(s)});
    }
    results.push_back(std::move(r));
  }

  json driver;
  driver["name"] = std::string(kToolName);
  driver["semanticVersion"] = NonEmpty(report.tool_version, "0.0.0");
  driver["informationUri"] = std::string(kInformationUri);
  driver["rules"] = std::move(rules_json);

  json run;
  run["tool"] = json{{"driver", std::move(driver)}};
  json invocation{{"executionSuccessful", true}};
  if (!report.diagnostics.empty()) {
    json notes = json::array();
    for (const core::Diagnostic& d : report.diagnostics) {
      std::string where =
          d.where.file.empty() && d.where.line == 0 ? std::string() : d.where.ToString() + ": ";
      notes.push_back(
          json{{"level", d.level == core::DiagnosticLevel::kWarning ? "warning" : "note"},
               {"message", json{{"text", NonEmpty(where + d.message, "diagnostic")}}}});
    }
    invocation["toolExecutionNotifications"] = std::move(notes);
  }
  run["invocations"] = json::array({std::move(invocation)});
  if (base_id) {
    std::string root = options.sarif_source_root;
    if (!root.ends_with('/')) root += '/';
    Uri u = ArtifactUri(root);
    run["originalUriBaseIds"] = json{{"%SRCROOT%", json{{"uri", u.uri}}}};
  }
  run["results"] = std::move(results);
  run["automationDetails"] = json{{"id", NonEmpty(options.sarif_category, "drydock") + "/"}};

  json sarif;
  sarif["$schema"] = std::string(kSchema);
  sarif["version"] = "2.1.0";
  sarif["runs"] = json::array({std::move(run)});
  return sarif;
}

}  // namespace drydock::report
