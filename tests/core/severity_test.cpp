// SPDX-License-Identifier: Apache-2.0
#include "core/severity.h"

#include <gtest/gtest.h>

namespace drydock::core {
namespace {

TEST(Severity, ParsesNamesCaseInsensitively) {
  EXPECT_EQ(ParseSeverity("HIGH"), Severity::kHigh);
  EXPECT_EQ(ParseSeverity("critical"), Severity::kCritical);
  EXPECT_EQ(ParseSeverity("Info"), Severity::kInfo);
  EXPECT_FALSE(ParseSeverity("SEVERE").has_value());
  EXPECT_FALSE(ParseSeverity("").has_value());
}

TEST(Severity, TableIsOrderedAndRoundTrips) {
  for (size_t i = 0; i < kSeverities.size(); ++i) {
    EXPECT_EQ(static_cast<size_t>(kSeverities[i].code), i);
    EXPECT_EQ(ParseSeverity(kSeverities[i].name), kSeverities[i].code);
  }
  EXPECT_LT(Severity::kLow, Severity::kHigh);
  EXPECT_EQ(SeverityInfo(Severity::kCritical).security_severity, "9.5");
}

}  // namespace
}  // namespace drydock::core
