// SPDX-License-Identifier: Apache-2.0
// Kubernetes resource quantities (k8s.io/apimachinery resource.Quantity):
//   quantity ::= [+-] number suffix
//   number   ::= digits | digits "." | digits "." digits | "." digits
//   suffix   ::= "" | n u m k M G T P E        (decimal SI)
//              | Ki Mi Gi Ti Pi Ei             (binary SI)
//              | ("e" | "E") [+-] digits       (decimal exponent)
// Unlike the Go parser we require at least one digit in the number ("k", "."
// and "-" are refused), and values whose magnitude exceeds 2^63 are out of
// range.
#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <string>

#include "core/strings.h"
#include "sources/kube/internal.h"
#include "sources/kube/kube.h"

namespace drydock::sources::kube {

namespace {

using core::IsDigit;

constexpr std::size_t kMaxQuantityChars = 128;           // far longer than any real quantity
constexpr double kMaxMagnitude = 9223372036854775808.0;  // 2^63

struct Suffix {
  std::string_view text;
  double factor;
};

constexpr Suffix kSuffixes[] = {
    {"", 1.0},
    {"n", 1e-9},
    {"u", 1e-6},
    {"m", 1e-3},
    {"k", 1e3},
    {"M", 1e6},
    {"G", 1e9},
    {"T", 1e12},
    {"P", 1e15},
    {"E", 1e18},
    {"Ki", 1024.0},
    {"Mi", 1048576.0},
    {"Gi", 1073741824.0},
    {"Ti", 1099511627776.0},
    {"Pi", 1125899906842624.0},
    {"Ei", 1152921504606846976.0},
};

}  // namespace

std::optional<double> ParseQuantity(std::string_view text) {
  if (text.empty() || text.size() > kMaxQuantityChars) return std::nullopt;
  std::size_t pos = 0;
  bool negative = false;
  if (text[pos] == '+' || text[pos] == '-') {
    negative = text[pos] == '-';
    ++pos;
  }
  const std::size_t number_start = pos;
  std::size_t digits = 0;
  while (pos < text.size() && IsDigit(text[pos])) {
    ++pos;
    ++digits;
  }
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    while (pos < text.size() && IsDigit(text[pos])) {
      ++pos;
      ++digits;
    }
  }
  if (digits == 0) return std::nullopt;
  std::string_view number = text.substr(number_start, pos - number_start);
  std::string_view suffix = text.substr(pos);

  // from_chars wants at least one digit before or after the dot, which we
  // checked; "5." and
  // ".5" are accepted by it.
  double mantissa = 0;
  auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), mantissa,
                                   std::chars_format::fixed);
  if (ec != std::errc() || end != number.data() + number.size()) return std::nullopt;

  double value = 0;
  const Suffix* si = nullptr;
  for (const auto& s : kSuffixes) {
    if (s.text == suffix) si = &s;
  }
  if (si != nullptr) {
    value = mantissa * si->factor;
  } else if (suffix.size() > 1 && (suffix[0] == 'e' || suffix[0] == 'E')) {
    std::string_view exp = suffix.substr(1);
    bool exp_negative = false;
    if (exp[0] == '+' || exp[0] == '-') {
      exp_negative = exp[0] == '-';
      exp.remove_prefix(1);
    }
    if (exp.empty()) return std::nullopt;
    int e = 0;
    for (char c : exp) {
      if (!IsDigit(c)) return std::nullopt;
      if (e > 100000) return std::nullopt;  // absurd exponent: out of range either way
      e = e * 10 + (c - '0');
    }
    if (mantissa == 0 || (exp_negative && e > 400)) {
      value = 0;
    } else if (e > 400) {
      return std::nullopt;
    } else {
      value = mantissa * std::pow(10.0, exp_negative ? -e : e);
    }
  } else {
    return std::nullopt;
  }
  if (!std::isfinite(value) || value > kMaxMagnitude) return std::nullopt;
  return negative ? -value : value;
}

namespace detail {

std::optional<double> QuantityAt(const YamlNode* node, const std::string& path, Reader& reader) {
  if (node == nullptr || node->IsNull()) return std::nullopt;
  if (!node->IsScalar()) {
    reader.Expected(*node, path, "a quantity");
    return std::nullopt;
  }
  auto q = ParseQuantity(node->scalar);
  if (!q) {
    reader.Fail(*node, path, fmt::format("invalid quantity {}", Describe(*node)));
    return std::nullopt;
  }
  return q;
}

}  // namespace detail

}  // namespace drydock::sources::kube
