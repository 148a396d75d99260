// SPDX-License-Identifier: Apache-2.0
#include "core/date.h"

#include <gtest/gtest.h>

namespace drydock::core {
namespace {

TEST(Date, ParsesOnlyRealCalendarDays) {
  EXPECT_EQ(ParseDate("2024-02-29"), (Date{2024, 2, 29}));
  EXPECT_FALSE(ParseDate("2023-02-29"));
  EXPECT_FALSE(ParseDate("1900-02-29"));  // not a leap year
  EXPECT_TRUE(ParseDate("2000-02-29"));   // a leap year
  EXPECT_FALSE(ParseDate("2026-13-01"));
  EXPECT_FALSE(ParseDate("2026-1-01"));
  EXPECT_FALSE(ParseDate("2026-01-01T00:00:00Z"));
  EXPECT_FALSE(ParseDate(""));
  EXPECT_EQ((Date{7, 1, 2}).ToString(), "0007-01-02");
}

TEST(Date, DaysBetweenCountsAcrossMonthsYearsAndLeapDays) {
  EXPECT_EQ(DaysBetween(Date{2026, 1, 1}, Date{2026, 1, 3}), 2);
  EXPECT_EQ(DaysBetween(Date{2026, 1, 1}, Date{2026, 2, 1}), 31);
  EXPECT_EQ(DaysBetween(Date{2024, 2, 28}, Date{2024, 3, 1}), 2);
  EXPECT_EQ(DaysBetween(Date{2025, 12, 31}, Date{2026, 1, 1}), 1);
  EXPECT_EQ(DaysBetween(Date{2026, 1, 3}, Date{2026, 1, 1}), -2);
}

}  // namespace
}  // namespace drydock::core
