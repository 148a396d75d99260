// SPDX-License-Identifier: Apache-2.0
// CVSS vectors: parsing and base scores as FIRST specifies them, for OSV `severity` entries.
//   v3.0 / v3.1  "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" → base score per the v3.1
//                specification §7 (v3.1 uses its integer-based Roundup, v3.0 the plain
//                ceil-to-one-decimal); temporal and environmental metrics are validated, not
//                scored.
//   v2           "AV:N/AC:L/Au:N/C:P/I:P/A:P" (also in parentheses or after "CVSS:2.0/") →
//                base score per the v2 guide §3.2.1, rounded to one decimal.
//   v4.0         "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N" is parsed
//                and validated (every mandatory base metric once, known optional metrics with
//                allowed values) but NOT scored: v4 scores come from FIRST's macro-vector
//                lookup table, which drydock does not carry. Such a vector has base == nullopt.
// Malformed vectors (unknown metric, bad value, duplicate or missing base metric, wrong prefix,
// more than 512 bytes) give nullopt from ParseCvss; nothing here throws or reads out of bounds.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace drydock::vuln {

enum class CvssVersion { kV2, kV30, kV31, kV40 };

struct CvssScore {
  CvssVersion version = CvssVersion::kV31;
  std::optional<double> base;  // 0.0–10.0, one decimal; nullopt for v4.0 (not computed)
};

// Parses and scores `vector`; nullopt when it is not a valid vector of a known
// version.
std::optional<CvssScore> ParseCvss(std::string_view vector);

// Qualitative rating of a base score. v3/v4 bands: 0.0 NONE, 0.1–3.9
// LOW, 4.0–6.9 MEDIUM, 7.0–8.9 HIGH, 9.0–10.0 CRITICAL. v2 (NVD): ≥7.0 HIGH,
// ≥4.0 MEDIUM, else LOW.
std::string CvssSeverity(CvssVersion version, double base);

// ParseCvss + CvssSeverity: "CRITICAL", "HIGH", "MEDIUM", "LOW", "NONE", or ""
// when the vector is invalid or its score is not computed (v4.0).
std::string CvssVectorSeverity(std::string_view vector);

}  // namespace drydock::vuln
