// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for the whole Dockerfile audit path: parse, run every build rule of the
// catalog with default settings, extract pragmas, apply policy and render JSON and SARIF. Rules
// see whatever strange BuildSpec the parser makes of hostile text; none of it may crash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "core/finding.h"
#include "core/rule.h"
#include "policy/policy.h"
#include "report/report.h"
#include "rules/catalog.h"
#include "sources/dockerfile/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  drydock::sources::dockerfile::ParseOptions options;
  drydock::model::BuildSpec spec = drydock::sources::dockerfile::Parse(text, options);

  const drydock::rules::Registry& registry = drydock::rules::Catalog();
  drydock::core::RuleSettings settings;
  drydock::core::Findings findings = drydock::rules::CheckBuild(spec, settings);
  for (const auto& f : findings) {
    if (f.rule == nullptr) std::abort();
  }

  drydock::core::Diagnostics diags;
  std::vector<drydock::policy::FilePragmas> pragmas;
  pragmas.push_back(drydock::policy::ParsePragmas(spec.file, spec.comments, registry, diags));
  drydock::policy::Apply({.registry = registry,
                          .today = {2026, 11, 29},
                          .config = nullptr,
                          .ignore_file = {},
                          .pragmas = pragmas},
                         findings, diags);

  drydock::report::Report report;
  report.targets.push_back({spec.file, "dockerfile"});
  report.findings = std::move(findings);
  report.diagnostics = std::move(diags);
  drydock::report::SortFindings(report.findings);
  // The CLI's path: Write serialises with invalid UTF-8 replaced (hostile bytes reach messages).
  for (auto format : {drydock::report::Format::kJson, drydock::report::Format::kSarif,
                      drydock::report::Format::kTable}) {
    std::ostringstream out;
    if (!drydock::report::Write(format, report, out)) std::abort();
  }
  (void)drydock::report::ToJson(report);
  (void)drydock::report::ToSarif(report);
  return 0;
}
