// SPDX-License-Identifier: Apache-2.0
#include "core/text.h"

#include <gtest/gtest.h>

#include <string>

namespace drydock::core {
namespace {

TEST(LineColumnAt, CountsFromOne) {
  const std::string_view text = "ab\ncd\n\nx";
  EXPECT_EQ(LineColumnAt(text, 0), std::make_pair(1, 1));
  EXPECT_EQ(LineColumnAt(text, 1), std::make_pair(1, 2));
  EXPECT_EQ(LineColumnAt(text, 2), std::make_pair(1, 3));  // the '\n' itself
  EXPECT_EQ(LineColumnAt(text, 3), std::make_pair(2, 1));
  EXPECT_EQ(LineColumnAt(text, 6), std::make_pair(3, 1));
  EXPECT_EQ(LineColumnAt(text, 7), std::make_pair(4, 1));
  EXPECT_EQ(LineColumnAt(text, 99), std::make_pair(4, 2));  // past the end: the end
  EXPECT_EQ(LineColumnAt("", 0), std::make_pair(1, 1));
}

TEST(JsonTooDeepAt, FindsTheFirstBracketPastTheLimit) {
  EXPECT_EQ(JsonTooDeepAt(R"({"a": [1, {"b": []}]})", 4), std::string_view::npos);
  EXPECT_EQ(JsonTooDeepAt(R"({"a": [1, {"b": []}]})", 3), 16u);
  EXPECT_EQ(JsonTooDeepAt(R"({"a": [1, {"b": []}]})", 2), 10u);
  // Brackets inside strings (with escaped quotes) do not count.
  EXPECT_EQ(JsonTooDeepAt(R"(["[[[\"[[[", []])", 2), std::string_view::npos);
  const std::string deep(100000, '[');
  EXPECT_EQ(JsonTooDeepAt(deep, 64), 64u);
}

}  // namespace
}  // namespace drydock::core
