// SPDX-License-Identifier: Apache-2.0
// Helpers for the docker run adapter tests.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "sources/dockerrun/dockerrun.h"

namespace drydock::sources::dockerrun::testing {

// Parses `line` as a one-line shell script.
inline model::RunSet Script(std::string_view text) {
  return ParseScript(text, "run.sh", ScriptKind::kShell);
}

// Parses a single invocation that must succeed; fails the test otherwise.
inline model::RunSpec One(std::string_view text) {
  model::RunSet set = Script(text);
  EXPECT_TRUE(set.errors.empty()) << (set.errors.empty() ? "" : set.errors[0].message);
  EXPECT_EQ(set.runs.size(), 1u) << text;
  if (set.runs.size() != 1) return {};
  return set.runs[0];
}

// Parses an invocation that must fail; returns the single error.
inline model::ParseError Err(std::string_view text) {
  model::RunSet set = Script(text);
  EXPECT_TRUE(set.runs.empty()) << text;
  EXPECT_EQ(set.errors.size(), 1u) << text;
  if (set.errors.empty()) return {};
  return set.errors[0];
}

inline std::vector<std::string> Texts(const std::vector<model::Located>& items) {
  std::vector<std::string> out;
  for (const auto& i : items) out.push_back(i.value);
  return out;
}

}  // namespace drydock::sources::dockerrun::testing
