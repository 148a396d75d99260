// SPDX-License-Identifier: Apache-2.0
// Shared by the per-area rule tests: run one rule of the catalog over a Dockerfile text, and small
// accessors on its findings.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "rules/catalog.h"
#include "sources/dockerfile/parser.h"

namespace drydock::rules::testing {

// Runs rule `id` over an already parsed spec; an unknown id fails the calling test.
inline core::Findings CheckSpec(std::string_view id, const model::BuildSpec& spec,
                                const core::RuleSettings& settings = {}) {
  const core::Rule* rule = Catalog().FindById(id);
  EXPECT_NE(rule, nullptr) << id;
  if (rule == nullptr) return {};
  core::Findings out;
  RunBuildRule(*rule, spec, settings, out);
  return out;
}

// Parses `text` as a Dockerfile named "Dockerfile" with default options.
inline model::BuildSpec ParseText(std::string_view text) {
  return sources::dockerfile::Parse(text, sources::dockerfile::ParseOptions{});
}

// Parses `text` (ParseText) and runs rule `id` over it.
inline core::Findings Check(std::string_view id, std::string_view text,
                            const core::RuleSettings& settings = {}) {
  return CheckSpec(id, ParseText(text), settings);
}

// The line of every finding, in order.
inline std::vector<int> Lines(const core::Findings& findings) {
  std::vector<int> lines;
  for (const auto& f : findings) lines.push_back(f.location.line);
  return lines;
}

inline bool Mentions(const core::Finding& f, std::string_view what) {
  return f.message.find(what) != std::string::npos;
}

}  // namespace drydock::rules::testing
