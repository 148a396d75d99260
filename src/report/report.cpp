// SPDX-License-Identifier: Apache-2.0
// Format dispatch, ordering and the JSON report.
#include "report/report.h"

#include <algorithm>
#include <cstddef>
#include <numeric>
#include <ostream>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

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

namespace {

// Report order: file, line, column, rule id, message.
bool Before(const core::Finding& a, const core::Finding& b) {
  std::string_view ida = a.rule != nullptr ? a.rule->id : "";
  std::string_view idb = b.rule != nullptr ? b.rule->id : "";
  return std::tie(a.location.file, a.location.line, a.location.column, ida, a.message) <
         std::tie(b.location.file, b.location.line, b.location.column, idb, b.message);
}

// The findings in report order (what SortFindings would make of a copy), without copying them:
// the CLI has sorted them already, and then this is their own order.
std::vector<const core::Finding*> Ordered(const core::Findings& findings) {
  std::vector<const core::Finding*> out;
  out.reserve(findings.size());
  for (const core::Finding& f : findings) out.push_back(&f);
  if (!std::is_sorted(findings.begin(), findings.end(), Before)) {
    std::stable_sort(out.begin(), out.end(),
                     [](const core::Finding* a, const core::Finding* b) { return Before(*a, *b); });
  }
  return out;
}

}  // namespace

void SortFindings(core::Findings& findings) {
  if (std::is_sorted(findings.begin(), findings.end(), Before)) return;
  // A stable sort of indexes, then the permutation applied in place (cycle by cycle): the order
  // std::stable_sort gives, without its buffer of n findings or its n log n moves of them.
  std::vector<std::size_t> order(findings.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&findings](std::size_t a, std::size_t b) {
    return Before(findings[a], findings[b]);
  });
  // Position k receives the finding at order[k]; order[k] = k marks it done.
  for (std::size_t start = 0; start < order.size(); ++start) {
    if (order[start] == start) continue;
    core::Finding held = std::move(findings[start]);
    std::size_t k = start;
    for (;;) {
      const std::size_t from = order[k];
      order[k] = k;
      if (from == start) {
        findings[k] = std::move(held);
        break;
      }
      findings[k] = std::move(findings[from]);
      k = from;
    }
  }
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

// The JSON document of `report` with `findings` (report order); with_findings false leaves the
// findings array empty (the summary still counts them).
json Document(const Report& report, const std::vector<const core::Finding*>& findings,
              bool with_findings) {
  json j;
  j["tool"] = json{{"name", std::string(kToolName)}, {"version", report.tool_version}};
  json targets = json::array();
  for (const Target& t : report.targets) {
    targets.push_back(json{{"path", t.path}, {"kind", t.kind}});
  }
  j["targets"] = std::move(targets);
  json list = json::array();
  std::array<int, core::kSeverities.size()> counts{};
  int suppressed = 0;
  for (const core::Finding* f : findings) {
    if (with_findings) list.push_back(FindingToJson(*f));
    if (f->suppressed) {
      ++suppressed;
    } else {
      ++counts[static_cast<size_t>(f->severity)];
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

// Prints Dump(ToJson(report)) without building the tree of every finding (a report of 100k
// findings is hundreds of MB as a tree): the document with an empty findings array, whose
// `[]` is then filled with one finding dumped at a time. Pretty printing indents a nested value
// only by the spaces after each line break, and a string never holds a raw line break (it is
// escaped), so a finding dumped alone, with 4 spaces after each line break, is byte for byte its
// text inside the document.
void WriteJson(const Report& report, std::ostream& out) {
  const std::vector<const core::Finding*> findings = Ordered(report.findings);
  const std::string text = detail::Dump(Document(report, findings, false));
  static constexpr std::string_view kEmpty = "\n  \"findings\": []";
  const std::size_t at = text.find(kEmpty);
  if (findings.empty() || at == std::string::npos) {  // npos: not the layout assumed above
    out << (findings.empty() ? text : detail::Dump(Document(report, findings, true))) << '\n';
    return;
  }
  const std::size_t open = at + kEmpty.size() - 1;  // just after the `[`
  out.write(text.data(), static_cast<std::streamsize>(open));
  bool first = true;
  for (const core::Finding* f : findings) {
    out << (first ? "\n    " : ",\n    ");
    first = false;
    const std::string item = detail::Dump(FindingToJson(*f));
    std::size_t from = 0;
    for (std::size_t nl = item.find('\n'); nl != std::string::npos; nl = item.find('\n', from)) {
      out.write(item.data() + from, static_cast<std::streamsize>(nl - from));
      out << "\n    ";
      from = nl + 1;
    }
    out.write(item.data() + from, static_cast<std::streamsize>(item.size() - from));
  }
  out << "\n  ]";
  out.write(text.data() + open + 1, static_cast<std::streamsize>(text.size() - open - 1));
  out << '\n';
}

}  // namespace

json ToJson(const Report& report) { return Document(report, Ordered(report.findings), true); }

core::Result<void> Write(Format format, const Report& report, std::ostream& out,
                         const Options& options) {
  switch (format) {
    case Format::kJson:
      WriteJson(report, out);
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
