// SPDX-License-Identifier: Apache-2.0
#include "core/date.h"

#include <chrono>

namespace drydock::core {

std::string Date::ToString() const {
  std::string out(10, '-');
  auto put = [&](std::size_t at, int value, int width) {
    for (int i = width - 1; i >= 0; --i, value /= 10) {
      out[at + i] = static_cast<char>('0' + value % 10);
    }
  };
  put(0, y, 4);
  put(5, m, 2);
  put(8, d, 2);
  return out;
}

std::optional<Date> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto num = [&](std::size_t pos, std::size_t len) -> int {
    int v = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      v = v * 10 + (text[i] - '0');
    }
    return v;
  };
  Date d{num(0, 4), num(5, 2), num(8, 2)};
  if (d.y < 1 || d.m < 1 || d.m > 12 || d.d < 1) return std::nullopt;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (d.y % 4 == 0 && d.y % 100 != 0) || d.y % 400 == 0;
  const int max_day = kDays[d.m - 1] + (d.m == 2 && leap ? 1 : 0);
  if (d.d > max_day) return std::nullopt;
  return d;
}

int DaysBetween(const Date& from, const Date& to) {
  auto days = [](const Date& date) {
    return std::chrono::sys_days(std::chrono::year_month_day{
        std::chrono::year(date.y), std::chrono::month(static_cast<unsigned>(date.m)),
        std::chrono::day(static_cast<unsigned>(date.d))});
  };
  return static_cast<int>((days(to) - days(from)).count());
}

}  // namespace drydock::core
