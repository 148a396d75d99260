// SPDX-License-Identifier: Apache-2.0
// The terminal table: one block per target, aligned columns, a summary line.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string_view>

#include "core/strings.h"
#include "report/detail/text.h"
#include "report/report.h"

namespace drydock::report {

using detail::Paint;
using detail::Printable;
using detail::Width;

namespace {

struct Row {
  const core::Finding* finding;
  std::string severity, id, slug, location, message;
};

std::string Pad(const std::string& text, size_t width) {
  size_t w = Width(text);
  return w >= width ? text : text + std::string(width - w, ' ');
}

std::string LocationText(const core::Origin& o) {
  if (!o.layer.empty()) {
    // An image file: the layer that holds it (short digest, as docker history shows it).
    std::string_view digest = o.layer;
    if (digest.starts_with("sha256:")) digest.remove_prefix(7);
    std::string text = fmt::format("layer {}", digest.substr(0, 12));
    if (o.line > 0) text += fmt::format(":{}", o.line);
    return text;
  }
  if (o.line <= 0) return "-";
  if (o.column > 0) return fmt::format("{}:{}", o.line, o.column);
  return std::to_string(o.line);
}

struct Widths {
  size_t severity = 0, id = 0, slug = 0, location = 0;
};

void WriteGroup(const std::string& title, const std::vector<const core::Finding*>& findings,
                const Widths& w, std::ostream& out, const Options& options) {
  std::vector<Row> rows;
  int hidden = 0;
  for (const core::Finding* f : findings) {
    if (f->suppressed && !options.show_suppressed) {
      ++hidden;
      continue;
    }
    Row r{f,
          std::string(core::SeverityName(f->severity)),
          f->rule != nullptr ? Printable(f->rule->id) : "?",
          f->rule != nullptr ? Printable(f->rule->slug) : "?",
          LocationText(f->location),
          Printable(f->message)};
    if (!f->location.path.empty()) r.message += " (" + Printable(f->location.path) + ")";
    if (f->suppressed) {
      r.message += f->suppression_reason.empty()
                       ? fmt::format(" (suppressed: {})", Printable(f->suppression_kind))
                       : fmt::format(" (suppressed: {})", Printable(f->suppression_reason));
    }
    rows.push_back(std::move(r));
  }
  out << Paint(title, detail::kBold, options.color) << '\n';
  if (rows.empty()) {
    out << (hidden > 0 ? fmt::format("  no findings ({} suppressed)\n", hidden)
                       : std::string("  no findings\n"));
    return;
  }
  for (const Row& r : rows) {
    std::string sev = Pad(r.severity, w.severity);
    std::string line = fmt::format("{}  {}  {}  {}", Pad(r.id, w.id), Pad(r.slug, w.slug),
                                   Pad(r.location, w.location), r.message);
    if (r.finding->suppressed) {
      out << "  " << Paint(core::Concat({sev, "  ", line}), detail::kDim, options.color) << '\n';
    } else {
      out << "  " << Paint(sev, detail::SeveritySgr(r.finding->severity), options.color) << "  "
          << line << '\n';
    }
  }
  if (hidden > 0) out << fmt::format("  ({} suppressed)\n", hidden);
}

void WritePss(const Report& report, std::ostream& out, const Options& options) {
  std::size_t failing = 0;
  out << '\n' << fmt::format("Pod Security Standards (required: {})", report.pss_required) << '\n';
  for (const PssWorkload& w : report.pss) {
    failing += w.meets ? 0 : 1;
    std::string verdict = Paint(w.meets ? "meets" : "FAILS", w.meets ? "32" : "31", options.color);
    out << fmt::format("  {} {} ({}): {}", verdict, Printable(w.workload), Printable(w.file),
                       w.level)
        << '\n';
    for (const PssIssue& issue : w.issues) {
      out << fmt::format("      {} {}: {} [{}]", issue.level, Printable(issue.control),
                         Printable(issue.message), Printable(issue.origin.ToString()))
          << '\n';
    }
  }
  out << fmt::format("{} of {} workload{} below {}", failing, report.pss.size(),
                     report.pss.size() == 1 ? "" : "s", report.pss_required)
      << '\n';
}

}  // namespace

void WriteTable(const Report& report, std::ostream& out, const Options& options) {
  core::Findings findings = report.findings;
  SortFindings(findings);
  // One set of column widths for the whole table, over the rows that are shown.
  Widths w;
  for (const core::Finding& f : findings) {
    if (f.suppressed && !options.show_suppressed) continue;
    w.severity = std::max(w.severity, core::SeverityName(f.severity).size());
    if (f.rule != nullptr) {
      w.id = std::max(w.id, Width(Printable(f.rule->id)));
      w.slug = std::max(w.slug, Width(Printable(f.rule->slug)));
    }
    w.location = std::max(w.location, Width(LocationText(f.location)));
  }
  // Group by file, in target order first, then any other file in sorted order.
  std::map<std::string, std::vector<const core::Finding*>> by_file;
  for (const core::Finding& f : findings) by_file[f.location.file].push_back(&f);
  std::set<std::string_view> done;  // views of report.targets' paths
  for (const Target& t : report.targets) {
    if (!done.insert(t.path).second) continue;
    auto it = by_file.find(t.path);
    // A directory target (`drydock secrets DIR`) whose findings are in the files below it: those
    // files' groups say it all; "no findings" above them would contradict them.
    if (it == by_file.end()) {
      const std::string prefix = t.path.ends_with('/') ? t.path : t.path + "/";
      auto below = by_file.lower_bound(prefix);
      if (below != by_file.end() && below->first.starts_with(prefix)) continue;
    }
    static const std::vector<const core::Finding*> kEmpty;
    std::string title = t.kind.empty()
                            ? Printable(t.path)
                            : fmt::format("{} ({})", Printable(t.path), Printable(t.kind));
    WriteGroup(title, it != by_file.end() ? it->second : kEmpty, w, out, options);
  }
  for (const auto& [file, group] : by_file) {
    if (done.count(file) != 0) continue;
    WriteGroup(file.empty() ? "<input>" : Printable(file), group, w, out, options);
  }

  std::array<int, core::kSeverities.size()> counts{};
  int suppressed = 0;
  int total = 0;
  for (const core::Finding& f : findings) {
    if (f.suppressed) {
      ++suppressed;
    } else {
      ++counts[static_cast<size_t>(f.severity)];
      ++total;
    }
  }
  std::string parts;
  for (auto it = core::kSeverities.rbegin(); it != core::kSeverities.rend(); ++it) {
    if (!parts.empty()) parts += ", ";
    std::string part = fmt::format("{} {}", it->name, counts[static_cast<size_t>(it->code)]);
    parts += counts[static_cast<size_t>(it->code)] > 0
                 ? Paint(part, detail::SeveritySgr(it->code), options.color)
                 : part;
  }
  out << '\n'
      << fmt::format("{} finding{} ({}); {} suppressed", total, total == 1 ? "" : "s", parts,
                     suppressed)
      << '\n';
  if (!report.pss_required.empty()) WritePss(report, out, options);
}

void WriteDiagnostics(const core::Diagnostics& diagnostics, std::ostream& out,
                      const Options& options) {
  for (const core::Diagnostic& d : diagnostics) {
    bool warning = d.level == core::DiagnosticLevel::kWarning;
    std::string label = Paint(warning ? "warning" : "note", warning ? "33" : "36", options.color);
    std::string where =
        d.where.file.empty() && d.where.line == 0 ? std::string() : d.where.ToString() + ": ";
    out << label << ": " << Printable(where) << Printable(d.message) << '\n';
  }
}

}  // namespace drydock::report
