// SPDX-License-Identifier: Apache-2.0
// ParseQuantity against the resource.Quantity grammar: a table of good and bad
// vectors.
#include <gtest/gtest.h>

#include <optional>
#include <string_view>

#include "sources/kube/kube.h"

namespace drydock::sources::kube {
namespace {

struct Good {
  std::string_view text;
  double value;
};

TEST(Quantity, AcceptsTheGrammar) {
  const Good kGood[] = {
      {"0", 0},
      {"1", 1},
      {"+1", 1},
      {"-1", -1},
      {"0.5", 0.5},
      {".5", 0.5},
      {"5.", 5},
      {"500m", 0.5},
      {"100u", 1e-4},
      {"10n", 1e-8},
      {"1k", 1e3},
      {"1M", 1e6},
      {"2G", 2e9},
      {"1T", 1e12},
      {"1P", 1e15},
      {"1E", 1e18},
      {"1Ki", 1024},
      {"128Mi", 128.0 * 1024 * 1024},
      {"1.5Gi", 1.5 * 1024 * 1024 * 1024},
      {"1Ti", 1099511627776.0},
      {"1Pi", 1125899906842624.0},
      {"1Ei", 1152921504606846976.0},
      {"1e3", 1000},
      {"1E3", 1000},
      {"1e+3", 1000},
      {"5e-3", 0.005},
      {"0e999999", 0},
      {"007", 7},
      {"1073741824", 1073741824.0},
  };
  for (const auto& g : kGood) {
    auto q = ParseQuantity(g.text);
    ASSERT_TRUE(q.has_value()) << g.text;
    EXPECT_DOUBLE_EQ(*q, g.value) << g.text;
  }
}

TEST(Quantity, RefusesGarbageAndOverflow) {
  const std::string_view kBad[] = {
      "",      "k",      ".",    "-",     "+",    "1K",  "1mi",   "1MiB", "1Kib",
      "1 Mi",  " 1",     "1 ",   "1.2.3", "1e",   "1e+", "1e3.5", "1ee3", "0x10",
      "1,000", "abc",    "Mi",   "1_000", "1Gi1", "--1", "1e999", "10Ei", "9.3E",
      "1e19",  "1.0.0m", "\xff", "1\n",   "NaN",  "inf", "1e400", "1Zi",  "1y",
  };
  for (auto b : kBad) EXPECT_FALSE(ParseQuantity(b).has_value()) << "'" << b << "'";
  EXPECT_FALSE(ParseQuantity(std::string(200, '1')).has_value()) << "overlong";
}

TEST(Quantity, LimitIsTwoToTheSixtyThird) {
  EXPECT_TRUE(ParseQuantity("8Ei").has_value());  // exactly 2^63
  EXPECT_TRUE(ParseQuantity("9E").has_value());
  EXPECT_FALSE(ParseQuantity("9.3E").has_value());
  EXPECT_FALSE(ParseQuantity("8.1Ei").has_value());
}

}  // namespace
}  // namespace drydock::sources::kube
