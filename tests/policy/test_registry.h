// SPDX-License-Identifier: Apache-2.0
// A small hand-built registry for policy tests (no dependency on the rules library).
#pragma once

#include <string>

#include "core/finding.h"
#include "core/rule.h"

namespace drydock::policy::testing {

inline const rules::Registry& TestRegistry() {
  static const rules::Registry registry = [] {
    rules::Registry r;
    auto add = [&](std::string_view id, std::string_view slug, core::Severity sev,
                   std::vector<std::string_view> refs) {
      rules::Rule rule;
      rule.info.id = id;
      rule.info.slug = slug;
      rule.info.title = "title";
      rule.info.severity = sev;
      rule.info.references = std::move(refs);
      r.Add(std::move(rule));
    };
    add("DD002", "hygiene/apt-no-install-recommends", core::Severity::kLow, {"DL3015"});
    add("DD005", "hygiene/pkg-unpinned", core::Severity::kLow, {"DL3008", "DL3018"});
    add("DD201", "user/root", core::Severity::kHigh, {"DL3002", "DS-0002"});
    add("DD203", "user/non-numeric", core::Severity::kLow, {"DL3066"});
    add("DD402", "supply/latest-tag", core::Severity::kMedium, {"DL3007"});
    add("DD601", "secret/in-file", core::Severity::kCritical, {});
    return r;
  }();
  return registry;
}

inline core::Finding MakeFinding(std::string_view id, std::string file, int line,
                                 std::string message = "m") {
  const rules::Rule* rule = TestRegistry().FindById(id);
  core::Finding f;
  f.rule = &rule->info;
  f.severity = rule->info.severity;
  f.message = std::move(message);
  f.location.file = std::move(file);
  f.location.line = line;
  return f;
}

}  // namespace drydock::policy::testing
