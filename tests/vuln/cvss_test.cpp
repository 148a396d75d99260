// SPDX-License-Identifier: Apache-2.0
// CVSS parsing and base scores (src/vuln/cvss.h) against the worked examples of
// FIRST's specification documents (v3.1 "Examples" document, v2 guide §3.3) and
// NVD scores, plus malformed vectors.
#include "vuln/cvss.h"

#include <gtest/gtest.h>

#include <string>

namespace drydock::vuln {
namespace {

struct Case {
  const char* vector;
  double score;
  const char* severity;
};

TEST(Cvss, V31SpecificationExamples) {
  const Case cases[] = {
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, "CRITICAL"},  // CVE-2014-6271
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0, "CRITICAL"},
      {"CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", 3.1, "LOW"},       // CVE-2014-3566
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1, "MEDIUM"},    // CVE-2013-1937
      {"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", 6.4, "MEDIUM"},    // CVE-2013-0375
      {"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 9.9, "CRITICAL"},  // CVE-2012-1516
      {"CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:L", 4.2, "MEDIUM"},    // CVE-2009-0783
      {"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 8.8, "HIGH"},      // CVE-2012-0384
      {"CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 7.8, "HIGH"},      // CVE-2015-1098
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5, "HIGH"},      // CVE-2014-0160
      {"CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:N/I:H/A:N", 6.8, "MEDIUM"},    // CVE-2008-1447
      {"CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 6.8, "MEDIUM"},    // CVE-2014-2005
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:N/A:N", 5.8, "MEDIUM"},    // CVE-2010-0467
      {"CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:C/C:H/I:N/A:H", 9.3, "CRITICAL"},  // CVE-2013-6014
      {"CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:C/C:H/I:H/A:H", 8.2, "HIGH"},      // CVE-2016-5729
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N", 9.1, "CRITICAL"},  // GHSA-838r-hvwh-24h8
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0, "NONE"},
      {"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, "CRITICAL"},
      {"CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1, "MEDIUM"},
      // Temporal/environmental metrics are accepted but do not change the base
      // score.
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C/CR:H/MAV:L", 9.8, "CRITICAL"},
      // Metric order is free.
      {"CVSS:3.1/A:H/I:H/C:H/S:U/UI:N/PR:N/AC:L/AV:N", 9.8, "CRITICAL"},
  };
  for (const Case& c : cases) {
    const auto score = ParseCvss(c.vector);
    ASSERT_TRUE(score.has_value()) << c.vector;
    ASSERT_TRUE(score->base.has_value()) << c.vector;
    EXPECT_DOUBLE_EQ(*score->base, c.score) << c.vector;
    EXPECT_EQ(CvssVectorSeverity(c.vector), c.severity) << c.vector;
  }
  EXPECT_EQ(ParseCvss("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")->version, CvssVersion::kV30);
}

TEST(Cvss, V2GuideExamples) {
  const Case cases[] = {
      {"AV:N/AC:L/Au:N/C:P/I:P/A:P", 7.5, "HIGH"},
      {"AV:N/AC:L/Au:N/C:N/I:N/A:C", 7.8, "HIGH"},    // CVE-2002-0392
      {"AV:N/AC:L/Au:N/C:C/I:C/A:C", 10.0, "HIGH"},   // CVE-2003-0818
      {"AV:L/AC:H/Au:N/C:C/I:C/A:C", 6.2, "MEDIUM"},  // CVE-2003-0062
      {"AV:N/AC:M/Au:N/C:N/I:P/A:N", 4.3, "MEDIUM"},
      {"AV:L/AC:L/Au:N/C:P/I:N/A:N", 2.1, "LOW"},
      {"(AV:N/AC:L/Au:N/C:P/I:P/A:P)", 7.5, "HIGH"},
      {"CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P", 7.5, "HIGH"},
      {"AV:N/AC:L/Au:N/C:N/I:N/A:N", 0.0, "LOW"},
      {"AV:N/AC:L/Au:N/C:P/I:P/A:P/E:F/RL:OF/RC:C/CDP:N/TD:ND/CR:M", 7.5, "HIGH"},
  };
  for (const Case& c : cases) {
    const auto score = ParseCvss(c.vector);
    ASSERT_TRUE(score.has_value()) << c.vector;
    EXPECT_EQ(score->version, CvssVersion::kV2);
    ASSERT_TRUE(score->base.has_value());
    EXPECT_DOUBLE_EQ(*score->base, c.score) << c.vector;
    EXPECT_EQ(CvssVectorSeverity(c.vector), c.severity) << c.vector;
  }
}

TEST(Cvss, V4IsValidatedButNotScored) {
  const char* valid = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";
  const auto score = ParseCvss(valid);
  ASSERT_TRUE(score.has_value());
  EXPECT_EQ(score->version, CvssVersion::kV40);
  EXPECT_FALSE(score->base.has_value());
  EXPECT_EQ(CvssVectorSeverity(valid), "");
  EXPECT_TRUE(ParseCvss("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A/"
                        "MSI:S/U:Amber")
                  .has_value());
  EXPECT_FALSE(ParseCvss("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N").has_value());
  EXPECT_FALSE(
      ParseCvss("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:R/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N").has_value());
  EXPECT_FALSE(
      ParseCvss("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N").has_value());
}

TEST(Cvss, MalformedVectorsAreRejected) {
  const char* bad[] = {
      "",
      "CVSS:3.1",
      "CVSS:3.1/",
      "CVSS:3.1/AV:N",
      "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H",           // A missing
      "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/",      // trailing '/'
      "CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",  // duplicate
      "CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",       // bad value
      "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:1",  // unknown metric
      "CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",       // unknown version
      "cvss:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
      "CVSS:3.1/av:n/ac:l/pr:n/ui:n/s:u/c:h/i:h/a:h",
      "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H|",
      "AV:N/AC:L/Au:N/C:P/I:P",  // v2, A missing
      "(AV:N/AC:L/Au:N/C:P/I:P/A:P",
      "AV:N/AC:L/Au:N/C:P/I:P/A:P/E:X",
      "CVSS:2.0",
      "high",
      "7.5",
  };
  for (const char* v : bad) EXPECT_FALSE(ParseCvss(v).has_value()) << v;
  // Every prefix of a valid vector is refused except the whole; none crashes.
  const std::string full = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
  for (std::size_t n = 0; n < full.size(); ++n) {
    EXPECT_FALSE(ParseCvss(full.substr(0, n)).has_value()) << full.substr(0, n);
  }
  EXPECT_FALSE(ParseCvss(std::string(100000, '/')).has_value());
  EXPECT_FALSE(ParseCvss(std::string("CVSS:3.1/AV:N\0/AC:L", 20)).has_value());
}

TEST(Cvss, SeverityBands) {
  EXPECT_EQ(CvssSeverity(CvssVersion::kV31, 9.0), "CRITICAL");
  EXPECT_EQ(CvssSeverity(CvssVersion::kV31, 8.9), "HIGH");
  EXPECT_EQ(CvssSeverity(CvssVersion::kV31, 7.0), "HIGH");
  EXPECT_EQ(CvssSeverity(CvssVersion::kV31, 6.9), "MEDIUM");
  EXPECT_EQ(CvssSeverity(CvssVersion::kV31, 4.0), "MEDIUM");
  EXPECT_EQ(CvssSeverity(CvssVersion::kV31, 3.9), "LOW");
  EXPECT_EQ(CvssSeverity(CvssVersion::kV31, 0.1), "LOW");
  EXPECT_EQ(CvssSeverity(CvssVersion::kV31, 0.0), "NONE");
  EXPECT_EQ(CvssSeverity(CvssVersion::kV2, 10.0), "HIGH");
  EXPECT_EQ(CvssSeverity(CvssVersion::kV2, 6.9), "MEDIUM");
  EXPECT_EQ(CvssSeverity(CvssVersion::kV2, 3.9), "LOW");
}

}  // namespace
}  // namespace drydock::vuln
