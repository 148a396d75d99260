// SPDX-License-Identifier: Apache-2.0
// A calendar date (proleptic Gregorian, no time zone): ignore-entry expiry, end-of-life dates,
// database age. Today's date is always a parameter, never read from a clock by the code that
// takes a Date.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace drydock::core {

struct Date {
  int y = 0;
  int m = 0;
  int d = 0;
  auto operator<=>(const Date&) const = default;
  std::string ToString() const;  // "2026-12-31"
};

// Parses exactly "YYYY-MM-DD" with a real calendar day (leap years checked).
std::optional<Date> ParseDate(std::string_view text);

// Days from `from` to `to` (negative when `to` is earlier). Both must be valid dates.
int DaysBetween(const Date& from, const Date& to);

}  // namespace drydock::core
