// SPDX-License-Identifier: Apache-2.0
// Severity levels shared by every finding, with their display names and SARIF mappings.
// One constexpr table; every conversion goes through it.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace drydock::core {

// Ordered: a larger value is more severe.
enum class Severity { kInfo = 0, kLow = 1, kMedium = 2, kHigh = 3, kCritical = 4 };

struct SeverityRow {
  Severity code;
  std::string_view name;               // "HIGH"
  std::string_view security_severity;  // SARIF properties.security-severity
  std::string_view sarif_level;        // SARIF level: none|note|warning|error
};

inline constexpr std::array<SeverityRow, 5> kSeverities{{
    {Severity::kInfo, "INFO", "0.0", "note"},
    {Severity::kLow, "LOW", "2.0", "note"},
    {Severity::kMedium, "MEDIUM", "5.5", "warning"},
    {Severity::kHigh, "HIGH", "8.0", "error"},
    {Severity::kCritical, "CRITICAL", "9.5", "error"},
}};

constexpr const SeverityRow& SeverityInfo(Severity s) { return kSeverities[static_cast<int>(s)]; }
constexpr std::string_view SeverityName(Severity s) { return SeverityInfo(s).name; }

// Parses "HIGH" / "high"; nullopt for anything else.
std::optional<Severity> ParseSeverity(std::string_view text);

}  // namespace drydock::core
