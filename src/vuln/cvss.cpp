// SPDX-License-Identifier: Apache-2.0
#include "vuln/cvss.h"

#include <array>
#include <cmath>
#include <cstddef>

namespace drydock::vuln {

namespace {

// One metric of a version: its abbreviation, the allowed values ('|'-separated,
// each between bars) and whether the base score needs it.
struct Metric {
  std::string_view name;
  std::string_view values;  // "|N|A|L|P|"
  bool mandatory;
};

constexpr Metric kV3Metrics[] = {
    {"AV", "|N|A|L|P|", true},    {"AC", "|L|H|", true},       {"PR", "|N|L|H|", true},
    {"UI", "|N|R|", true},        {"S", "|U|C|", true},        {"C", "|H|L|N|", true},
    {"I", "|H|L|N|", true},       {"A", "|H|L|N|", true},      {"E", "|X|U|P|F|H|", false},
    {"RL", "|X|O|T|W|U|", false}, {"RC", "|X|U|R|C|", false},  {"CR", "|X|L|M|H|", false},
    {"IR", "|X|L|M|H|", false},   {"AR", "|X|L|M|H|", false},  {"MAV", "|X|N|A|L|P|", false},
    {"MAC", "|X|L|H|", false},    {"MPR", "|X|N|L|H|", false}, {"MUI", "|X|N|R|", false},
    {"MS", "|X|U|C|", false},     {"MC", "|X|N|L|H|", false},  {"MI", "|X|N|L|H|", false},
    {"MA", "|X|N|L|H|", false},
};

constexpr Metric kV2Metrics[] = {
    {"AV", "|L|A|N|", true},        {"AC", "|H|M|L|", true},
    {"Au", "|M|S|N|", true},        {"C", "|N|P|C|", true},
    {"I", "|N|P|C|", true},         {"A", "|N|P|C|", true},
    {"E", "|U|POC|F|H|ND|", false}, {"RL", "|OF|TF|W|U|ND|", false},
    {"RC", "|UC|UR|C|ND|", false},  {"CDP", "|N|L|LM|MH|H|ND|", false},
    {"TD", "|N|L|M|H|ND|", false},  {"CR", "|L|M|H|ND|", false},
    {"IR", "|L|M|H|ND|", false},    {"AR", "|L|M|H|ND|", false},
};

constexpr Metric kV4Metrics[] = {
    {"AV", "|N|A|L|P|", true},     {"AC", "|L|H|", true},
    {"AT", "|N|P|", true},         {"PR", "|N|L|H|", true},
    {"UI", "|N|P|A|", true},       {"VC", "|H|L|N|", true},
    {"VI", "|H|L|N|", true},       {"VA", "|H|L|N|", true},
    {"SC", "|H|L|N|", true},       {"SI", "|H|L|N|", true},
    {"SA", "|H|L|N|", true},       {"E", "|X|A|P|U|", false},
    {"CR", "|X|H|M|L|", false},    {"IR", "|X|H|M|L|", false},
    {"AR", "|X|H|M|L|", false},    {"MAV", "|X|N|A|L|P|", false},
    {"MAC", "|X|L|H|", false},     {"MAT", "|X|N|P|", false},
    {"MPR", "|X|N|L|H|", false},   {"MUI", "|X|N|P|A|", false},
    {"MVC", "|X|H|L|N|", false},   {"MVI", "|X|H|L|N|", false},
    {"MVA", "|X|H|L|N|", false},   {"MSC", "|X|H|L|N|", false},
    {"MSI", "|X|S|H|L|N|", false}, {"MSA", "|X|S|H|L|N|", false},
    {"S", "|X|N|P|", false},       {"AU", "|X|N|Y|", false},
    {"R", "|X|A|U|I|", false},     {"V", "|X|D|C|", false},
    {"RE", "|X|L|M|H|", false},    {"U", "|X|Clear|Green|Amber|Red|", false},
};

constexpr std::size_t kMaxMetrics = 40;

// The parsed values, indexed like the version's metric table ("" = absent).
using Values = std::array<std::string_view, kMaxMetrics>;

bool Allowed(std::string_view values, std::string_view value) {
  if (value.empty() || value.find('|') != std::string_view::npos) return false;
  std::size_t pos = 0;
  while ((pos = values.find(value, pos)) != std::string_view::npos) {
    if (pos > 0 && values[pos - 1] == '|' && pos + value.size() < values.size() &&
        values[pos + value.size()] == '|') {
      return true;
    }
    ++pos;
  }
  return false;
}

// Splits "K:V/K:V/…" into `out` by the metric table; false on any unknown,
// duplicate, invalid or missing-mandatory metric.
template <std::size_t N>
bool ParseMetrics(std::string_view body, const Metric (&table)[N], Values& out) {
  static_assert(N <= kMaxMetrics);
  if (body.empty()) return false;
  std::size_t start = 0;
  while (start <= body.size()) {
    std::size_t end = body.find('/', start);
    if (end == std::string_view::npos) end = body.size();
    const std::string_view part = body.substr(start, end - start);
    const std::size_t colon = part.find(':');
    if (colon == std::string_view::npos) return false;
    const std::string_view name = part.substr(0, colon);
    const std::string_view value = part.substr(colon + 1);
    bool known = false;
    for (std::size_t i = 0; i < N; ++i) {
      if (table[i].name != name) continue;
      if (!out[i].empty() || !Allowed(table[i].values, value)) return false;
      out[i] = value;
      known = true;
      break;
    }
    if (!known) return false;
    if (end == body.size()) break;
    start = end + 1;
  }
  for (std::size_t i = 0; i < N; ++i) {
    if (table[i].mandatory && out[i].empty()) return false;
  }
  return true;
}

// v3.1 Appendix A Roundup: exact on the 5th decimal, avoiding binary
// floating-point surprises.
double RoundupV31(double x) {
  const long long int_input = std::llround(x * 100000.0);
  if (int_input % 10000 == 0) return static_cast<double>(int_input) / 100000.0;
  // NOLINTNEXTLINE(bugprone-integer-division): the specification's Roundup truncates here.
  return static_cast<double>(int_input / 10000 + 1) / 10.0;
}

// v3.0 §8.1 Round up: the smallest one-decimal number >= x.
double RoundupV30(double x) { return std::ceil(x * 10.0) / 10.0; }

double V3Score(const Values& v, bool v31) {
  const auto value = [&v](std::size_t i) { return v[i]; };
  const std::string_view av = value(0), ac = value(1), pr = value(2), ui = value(3), s = value(4);
  const bool changed = s == "C";
  const double w_av = av == "N" ? 0.85 : av == "A" ? 0.62 : av == "L" ? 0.55 : 0.2;
  const double w_ac = ac == "L" ? 0.77 : 0.44;
  double w_pr = 0.85;
  if (pr == "L") w_pr = changed ? 0.68 : 0.62;
  if (pr == "H") w_pr = changed ? 0.5 : 0.27;
  const double w_ui = ui == "N" ? 0.85 : 0.62;
  const auto cia = [](std::string_view x) { return x == "H" ? 0.56 : x == "L" ? 0.22 : 0.0; };
  const double iss = 1.0 - (1.0 - cia(value(5))) * (1.0 - cia(value(6))) * (1.0 - cia(value(7)));
  const double impact =
      changed ? 7.52 * (iss - 0.029) - 3.25 * std::pow(iss - 0.02, 15) : 6.42 * iss;
  const double exploitability = 8.22 * w_av * w_ac * w_pr * w_ui;
  if (impact <= 0) return 0.0;
  const double raw = changed ? std::min(1.08 * (impact + exploitability), 10.0)
                             : std::min(impact + exploitability, 10.0);
  return v31 ? RoundupV31(raw) : RoundupV30(raw);
}

double V2Score(const Values& v) {
  const std::string_view av = v[0], ac = v[1], au = v[2];
  const double w_av = av == "L" ? 0.395 : av == "A" ? 0.646 : 1.0;
  const double w_ac = ac == "H" ? 0.35 : ac == "M" ? 0.61 : 0.71;
  const double w_au = au == "M" ? 0.45 : au == "S" ? 0.56 : 0.704;
  const auto cia = [](std::string_view x) { return x == "C" ? 0.660 : x == "P" ? 0.275 : 0.0; };
  const double impact = 10.41 * (1.0 - (1.0 - cia(v[3])) * (1.0 - cia(v[4])) * (1.0 - cia(v[5])));
  const double exploitability = 20.0 * w_av * w_ac * w_au;
  const double f = impact == 0.0 ? 0.0 : 1.176;
  const double raw = ((0.6 * impact) + (0.4 * exploitability) - 1.5) * f;
  // Round to one decimal (half up); the 1e-9 keeps e.g. 4.35 computed
  // as 4.3499999 at 4.4.
  return std::max(0.0, std::floor(raw * 10.0 + 0.5 + 1e-9) / 10.0);
}

}  // namespace

std::optional<CvssScore> ParseCvss(std::string_view vector) {
  if (vector.size() > 512) return std::nullopt;
  Values values{};
  if (vector.substr(0, 9) == "CVSS:3.0/" || vector.substr(0, 9) == "CVSS:3.1/") {
    const bool v31 = vector[7] == '1';
    if (!ParseMetrics(vector.substr(9), kV3Metrics, values)) return std::nullopt;
    return CvssScore{v31 ? CvssVersion::kV31 : CvssVersion::kV30, V3Score(values, v31)};
  }
  if (vector.substr(0, 9) == "CVSS:4.0/") {
    if (!ParseMetrics(vector.substr(9), kV4Metrics, values)) return std::nullopt;
    return CvssScore{CvssVersion::kV40, std::nullopt};
  }
  if (vector.substr(0, 5) == "CVSS:") {
    if (vector.substr(0, 9) != "CVSS:2.0/") return std::nullopt;
    vector.remove_prefix(9);
  } else if (!vector.empty() && vector.front() == '(') {
    if (vector.back() != ')') return std::nullopt;
    vector = vector.substr(1, vector.size() - 2);
  }
  if (!ParseMetrics(vector, kV2Metrics, values)) return std::nullopt;
  return CvssScore{CvssVersion::kV2, V2Score(values)};
}

std::string CvssSeverity(CvssVersion version, double base) {
  if (version == CvssVersion::kV2) {
    if (base >= 7.0) return "HIGH";
    if (base >= 4.0) return "MEDIUM";
    return "LOW";
  }
  if (base >= 9.0) return "CRITICAL";
  if (base >= 7.0) return "HIGH";
  if (base >= 4.0) return "MEDIUM";
  if (base > 0.0) return "LOW";
  return "NONE";
}

std::string CvssVectorSeverity(std::string_view vector) {
  const auto score = ParseCvss(vector);
  if (!score || !score->base) return {};
  return CvssSeverity(score->version, *score->base);
}

}  // namespace drydock::vuln
