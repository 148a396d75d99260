// SPDX-License-Identifier: Apache-2.0
// `drydock rules` and `drydock explain`: renderings of rule metadata.
#include <fmt/format.h>

#include <algorithm>

#include "report/detail/text.h"
#include "report/report.h"

namespace drydock::report {

using json = nlohmann::ordered_json;
using detail::Paint;
using detail::Printable;

namespace {

std::string_view ExampleKindName(core::ExampleKind kind) {
  switch (kind) {
    case core::ExampleKind::kDockerfile:
      return "dockerfile";
  }
  return "unknown";
}

std::string JoinRefs(const std::vector<std::string_view>& refs) {
  std::string out;
  for (std::string_view r : refs) {
    if (!out.empty()) out += ", ";
    out += r;
  }
  return out;
}

core::Result<void> Check(std::ostream& out) {
  out.flush();
  if (!out) return core::Fail(core::ErrorCode::kInput, "cannot write the output");
  return {};
}

}  // namespace

json RuleToJson(const core::RuleInfo& rule) {
  json j;
  j["id"] = std::string(rule.id);
  j["slug"] = std::string(rule.slug);
  j["title"] = std::string(rule.title);
  j["severity"] = std::string(core::SeverityName(rule.severity));
  j["practice"] = rule.practice;
  j["reads"] = ReadsLetters(rule.reads);
  j["rationale"] = std::string(rule.rationale);
  j["remediation"] = std::string(rule.remediation);
  json refs = json::array();
  for (std::string_view r : rule.references) refs.push_back(std::string(r));
  j["references"] = std::move(refs);
  json examples = json::array();
  for (const core::Example& e : rule.examples) {
    json ex;
    ex["kind"] = std::string(ExampleKindName(e.kind));
    ex["input"] = std::string(e.input);
    ex["fires"] = e.fires;
    if (!e.note.empty()) ex["note"] = std::string(e.note);
    examples.push_back(std::move(ex));
  }
  j["examples"] = std::move(examples);
  return j;
}

json RulesToJson(const core::Registry& registry) {
  json arr = json::array();
  for (const core::Rule& r : registry.rules()) arr.push_back(RuleToJson(r.info));
  return arr;
}

core::Result<void> WriteRules(Format format, const core::Registry& registry, std::ostream& out,
                              const Options& options) {
  if (format != Format::kTable) {
    out << detail::Dump(RulesToJson(registry)) << '\n';
    return Check(out);
  }
  size_t w_slug = 4, w_sev = 8;
  for (const core::Rule& r : registry.rules()) {
    w_slug = std::max(w_slug, detail::Width(r.info.slug));
    w_sev = std::max(w_sev, core::SeverityName(r.info.severity).size());
  }
  out << Paint(fmt::format("{:<6} {:<{}} {:<8} {:<7} {:<{}} {}", "ID", "SEVERITY", w_sev,
                           "PRACTICE", "READS", "SLUG", w_slug, "TITLE"),
               detail::kBold, options.color)
      << '\n';
  for (const core::Rule& r : registry.rules()) {
    std::string sev = fmt::format("{:<{}}", core::SeverityName(r.info.severity), w_sev);
    out << fmt::format("{:<6} ", Printable(r.info.id))
        << Paint(sev, detail::SeveritySgr(r.info.severity), options.color)
        << fmt::format(" {:<8} {:<7} {:<{}} {}", r.info.practice, ReadsLetters(r.info.reads),
                       Printable(r.info.slug), w_slug, Printable(r.info.title))
        << '\n';
  }
  out << fmt::format("\n{} rules\n", registry.rules().size());
  return Check(out);
}

core::Result<void> WriteExplain(Format format, const core::RuleInfo& rule, std::ostream& out,
                                const Options& options) {
  if (format != Format::kTable) {
    out << detail::Dump(RuleToJson(rule)) << '\n';
    return Check(out);
  }
  bool c = options.color;
  out << Paint(fmt::format("{}  {}", rule.id, rule.slug), detail::kBold, c) << "  "
      << Paint(core::SeverityName(rule.severity), detail::SeveritySgr(rule.severity), c)
      << fmt::format("  practice {}  reads {}\n", rule.practice, ReadsLetters(rule.reads));
  out << Printable(rule.title) << "\n\n";
  out << Paint("Why", detail::kBold, c) << '\n' << Printable(rule.rationale, true) << "\n\n";
  out << Paint("Fix", detail::kBold, c) << '\n' << Printable(rule.remediation, true) << "\n";
  if (!rule.references.empty()) {
    out << '\n'
        << Paint("References", detail::kBold, c) << '\n'
        << JoinRefs(rule.references) << '\n';
  }
  if (!rule.examples.empty()) out << '\n' << Paint("Examples", detail::kBold, c) << '\n';
  for (const core::Example& e : rule.examples) {
    std::string label = e.fires ? "fires" : "silent";
    out << Paint(label, e.fires ? "31" : "32", c) << fmt::format(" ({})", ExampleKindName(e.kind));
    if (!e.note.empty()) out << ": " << Printable(e.note);
    out << '\n';
    std::string_view input = e.input;
    size_t pos = 0;
    while (pos < input.size()) {
      size_t eol = input.find('\n', pos);
      if (eol == std::string_view::npos) eol = input.size();
      out << "    " << Printable(input.substr(pos, eol - pos)) << '\n';
      pos = eol + 1;
    }
  }
  return Check(out);
}

}  // namespace drydock::report
