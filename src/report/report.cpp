// SPDX-License-Identifier: Apache-2.0
// Format dispatch, ordering and the JSON report.
#include "report/report.h"

#include <algorithm>
#include <tuple>

#include "report/detail/text.h"

namespace drydock::report {

using json = nlohmann::ordered_json;

std::optional<Format> ParseFormat(std::string_view name) {
  if (name == "table") return Format::kTable;
  if (name == "json") return Format::kJson;
  if (name == "sarif") return Format::kSarif;
  if (name == "markdown") return Format::kMarkdown;
  return std::nullopt;
}

std::string ReadsLetters(std::uint8_t reads) {
  static constexpr struct {
    std::uint8_t bit;
    char letter;
  } kLetters[] = {{core::kReadsBuild, 'B'},
                  {core::kReadsImage, 'I'},
                  {core::kReadsRun, 'R'},
                  {core::kReadsCluster, 'C'}};
  std::string out;
  for (const auto& l : kLetters) {
    if ((reads & l.bit) == 0) continue;
    if (!out.empty()) out += ',';
    out += l.letter;
  }
  return out;
}

void SortFindings(core::Findings& findings) {
  std::stable_sort(
      findings.begin(), findings.end(), [](const core::Finding& a, const core::Finding& b) {
        std::string_view ida = a.rule != nullptr ? a.rule->id : "";
        std::string_view idb = b.rule != nullptr ? b.rule->id : "";
        return std::tie(a.location.file, a.location.line, a.location.column, ida, a.message) <
               std::tie(b.location.file, b.location.line, b.location.column, idb, b.message);
      });
}

namespace {

json LocationToJson(const core::Origin& where) {
  json loc;
  loc["file"] = where.file;
  loc["line"] = where.line;
  if (where.column > 0) loc["column"] = where.column;
  if (!where.path.empty()) loc["path"] = where.path;
  if (!where.layer.empty()) loc["layer"] = where.layer;
  return loc;
}

json FindingToJson(const core::Finding& f) {
  json j;
  const core::RuleInfo* r = f.rule;
  j["id"] = r != nullptr ? std::string(r->id) : std::string();
  j["slug"] = r != nullptr ? std::string(r->slug) : std::string();
  j["severity"] = std::string(core::SeverityName(f.severity));
  j["practice"] = r != nullptr ? r->practice : 0;
  j["title"] = r != nullptr ? std::string(r->title) : std::string();
  j["message"] = f.message;
  j["location"] = LocationToJson(f.location);
  j["suppressed"] = f.suppressed;
  if (f.suppressed) {
    j["suppression"] = json{{"kind", f.suppression_kind}, {"reason", f.suppression_reason}};
  }
  json refs = json::array();
  if (r != nullptr) {
    for (std::string_view ref : r->references) refs.push_back(std::string(ref));
  }
  j["references"] = std::move(refs);
  if (f.secret) j["secret"] = json{{"rule", f.secret->rule}, {"masked", f.secret->masked}};
  if (f.vulnerability) {
    const core::VulnerabilityInfo& v = *f.vulnerability;
    j["vulnerability"] = json{{"id", v.id},
                              {"package", v.package},
                              {"installed", v.installed},
                              {"fixed", v.fixed},
                              {"source_package", v.source_package},
                              {"aliases", v.aliases},
                              {"feed", v.feed}};
  }
  return j;
}

}  // namespace

json ToJson(const Report& report) {
  core::Findings findings = report.findings;
  SortFindings(findings);
  json j;
  j["tool"] = json{{"name", std::string(kToolName)}, {"version", report.tool_version}};
  json targets = json::array();
  for (const Target& t : report.targets)
    targets.push_back(json{{"path", t.path}, {"kind", t.kind}});
  j["targets"] = std::move(targets);
  json list = json::array();
  std::array<int, core::kSeverities.size()> counts{};
  int suppressed = 0;
  for (const core::Finding& f : findings) {
    list.push_back(FindingToJson(f));
    if (f.suppressed) {
      ++suppressed;
    } else {
      ++counts[static_cast<size_t>(f.severity)];
    }
  }
  j["findings"] = std::move(list);
  json summary;
  // Most severe first, as in DESIGN.md.
  for (auto it = core::kSeverities.rbegin(); it != core::kSeverities.rend(); ++it) {
    summary[std::string(it->name)] = counts[static_cast<size_t>(it->code)];
  }
  summary["suppressed"] = suppressed;
  j["summary"] = std::move(summary);
  if (!report.pss_required.empty()) {
    json workloads = json::array();
    for (const PssWorkload& w : report.pss) {
      json issues = json::array();
      for (const PssIssue& issue : w.issues) {
        issues.push_back(json{{"level", issue.level},
                              {"control", issue.control},
                              {"message", issue.message},
                              {"location", LocationToJson(issue.origin)}});
      }
      workloads.push_back(json{{"workload", w.workload},
                               {"file", w.file},
                               {"level", w.level},
                               {"meets", w.meets},
                               {"violations", std::move(issues)}});
    }
    j["pss"] = json{{"required", report.pss_required}, {"workloads", std::move(workloads)}};
  }
  return j;
}

core::Result<void> Write(Format format, const Report& report, std::ostream& out,
                         const Options& options) {
  switch (format) {
    case Format::kJson:
      out << detail::Dump(ToJson(report)) << '\n';
      break;
    case Format::kSarif:
      out << detail::Dump(ToSarif(report, options)) << '\n';
      break;
    case Format::kTable:
      WriteTable(report, out, options);
      break;
    case Format::kMarkdown:
      return core::Fail(core::ErrorCode::kUsage,
                        "--format markdown renders the rule reference only (drydock rules)");
  }
  out.flush();
  if (!out) return core::Fail(core::ErrorCode::kInput, "cannot write the report");
  return {};
}

}  // namespace drydock::report
