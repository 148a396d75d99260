// SPDX-License-Identifier: Apache-2.0
#include "core/units.h"

#include <charconv>
#include <cmath>
#include <string>
#include <system_error>

#include "core/strings.h"

namespace drydock::core {
namespace {

constexpr std::size_t kMaxNumberChars = 64;

}  // namespace

std::optional<std::int64_t> ParseRamInBytes(std::string_view text) {
  // The number: digits and an optional fraction.
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n && IsDigit(text[i])) ++i;
  if (i == 0 || i > kMaxNumberChars) return std::nullopt;
  std::size_t number_end = i;
  if (i < n && text[i] == '.') {
    std::size_t frac = ++i;
    while (i < n && IsDigit(text[i])) ++i;
    if (i == frac || i - frac > kMaxNumberChars) return std::nullopt;
    number_end = i;
  }
  const std::string_view number = text.substr(0, number_end);
  if (i < n && text[i] == ' ') ++i;
  // The suffix: `b` alone, or a unit letter with an optional `b`, `i` or `ib`.
  std::string_view suffix = text.substr(i);
  double multiplier = 1;
  if (!suffix.empty()) {
    if (suffix.size() > 3) return std::nullopt;
    const char unit = AsciiLower(suffix[0]);
    if (unit == 'b') {
      if (suffix.size() != 1) return std::nullopt;
    } else {
      switch (unit) {
        case 'k':
          multiplier = 1024.0;
          break;
        case 'm':
          multiplier = 1024.0 * 1024;
          break;
        case 'g':
          multiplier = 1024.0 * 1024 * 1024;
          break;
        case 't':
          multiplier = 1024.0 * 1024 * 1024 * 1024;
          break;
        case 'p':
          multiplier = 1024.0 * 1024 * 1024 * 1024 * 1024;
          break;
        default:
          return std::nullopt;
      }
      std::string tail;
      for (char c : suffix.substr(1)) tail += AsciiLower(c);
      if (!tail.empty() && tail != "b" && tail != "i" && tail != "ib") return std::nullopt;
    }
  }
  double value = 0;
  auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (ec != std::errc() || ptr != number.data() + number.size()) return std::nullopt;
  value *= multiplier;
  if (!std::isfinite(value) || !(value < 9.2e18)) return std::nullopt;
  return static_cast<std::int64_t>(value);
}

}  // namespace drydock::core
