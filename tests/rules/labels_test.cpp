// SPDX-License-Identifier: Apache-2.0
// DD050-DD059 (rules/labels.cpp) and the value shapes of rules/detail/label_values: the cases of
// hadolint's DL3048-DL3058 specs that examples cannot express (counts over stages), and the
// edges of each format.
#include "rules/detail/label_values.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "rule_check.h"

namespace drydock::rules {
namespace {

using core::LabelType;
using testing::Check;
using testing::Lines;
using testing::Mentions;

core::RuleSettings Schema(std::vector<std::pair<std::string, LabelType>> schema,
                          bool strict = false) {
  core::RuleSettings s;
  s.label_schema = std::move(schema);
  s.strict_labels = strict;
  return s;
}

TEST(LabelKey, DockerConvention) {
  for (const char* ok : {"validlabel", "org.valid-key.label3", "a", "x_y/z9", "maintainer"}) {
    EXPECT_FALSE(detail::LabelKeyProblem(ok).has_value()) << ok;
  }
  for (const char* bad : {"com.docker.label", "io.docker.label", "org.dockerproject.label",
                          "invalid$character", ".invalid", "-invalid", "1invalid", "invalid.",
                          "invalid..character", "invalid--character", "Version", ""}) {
    EXPECT_TRUE(detail::LabelKeyProblem(bad).has_value()) << bad;
  }
  EXPECT_NE(detail::LabelKeyProblem("com.docker.x")->find("reserved"), std::string::npos);
}

TEST(LabelKey, EveryPairOfEveryLabelIsJudged) {
  auto out = Check("DD050",
                   "FROM debian:12-slim\nLABEL ok=1 Bad=2 \\\n  also..bad=3\n"
                   "FROM scratch\nLABEL legacy value with spaces\nONBUILD LABEL 9=x\n");
  EXPECT_EQ(Lines(out), (std::vector<int>{2, 2, 6}));
  EXPECT_TRUE(Mentions(out[0], "`Bad`"));
  EXPECT_TRUE(Mentions(out[1], "`also..bad`"));
  // Independent of any schema (hadolint runs DL3048 always).
  EXPECT_EQ(Check("DD050", "FROM debian:12-slim\nLABEL Bad=1\n", Schema({{"x", LabelType::kText}}))
                .size(),
            1u);
}

TEST(LabelValues, Urls) {
  for (const char* ok : {"http://example.com", "https://example.com:8443/a/b?x=1&y=%20#frag",
                         "mailto:team@example.com", "urn:isbn:0451450523", "file:///etc/x",
                         "https://user:pw@[::1]:80/", "git+ssh://git@github.com/o/r.git"}) {
    EXPECT_TRUE(detail::IsAbsoluteUri(ok)) << ok;
  }
  for (const char* bad : {"not-url", "example.com/docs", "", "http://", "http://exa mple.com",
                          "1http://x", "http://x/%zz", "http://x#a#b", "://x", "http://x:80a/"}) {
    EXPECT_FALSE(detail::IsAbsoluteUri(bad)) << bad;
  }
}

TEST(LabelValues, Rfc3339) {
  for (const char* ok : {"2021-03-10T10:26:33.564595127+01:00", "2024-02-29T00:00:00Z",
                         "1999-12-31t23:59:60z", "2024-01-01T12:00:00-05:30"}) {
    EXPECT_TRUE(detail::IsRfc3339(ok)) << ok;
  }
  for (const char* bad : {"not-date", "2024-03-10", "2024-03-10 10:26:33Z", "2023-02-29T00:00:00Z",
                          "2024-13-01T00:00:00Z", "2024-01-01T24:00:00Z", "2024-01-01T00:00:00",
                          "2024-01-01T00:00:00.Z", "2024-01-01T00:00:00+0100"}) {
    EXPECT_FALSE(detail::IsRfc3339(bad)) << bad;
  }
}

TEST(LabelValues, GitHashes) {
  EXPECT_TRUE(detail::IsGitHash("2dbfae9"));
  EXPECT_TRUE(detail::IsGitHash("43c572f1272b6b3171dd1db9e41b7027128ce080"));
  EXPECT_TRUE(detail::IsGitHash("2dbfae9a1b2c"));
  EXPECT_TRUE(detail::IsGitHash(std::string(64, 'a')));
  for (const char* bad : {"not-git-hash", "2dbfae", "2DBFAE9", "main", "v1.0.0", ""}) {
    EXPECT_FALSE(detail::IsGitHash(bad)) << bad;
  }
  EXPECT_FALSE(detail::IsGitHash(std::string(41, 'a')));
}

TEST(LabelValues, Semver) {
  for (const char* ok : {"1.0.0", "2.0.1-rc1", "0.0.0", "1.2.3-alpha.1+build.5", "10.20.30+meta",
                         "1.0.0-0.3.7", "1.0.0-x-y-z.--"}) {
    EXPECT_TRUE(detail::IsSemver(ok)) << ok;
  }
  for (const char* bad : {"not-sem-ver", "v1.0.0", "1.0", "01.0.0", "1.0.0-01", "1.0.0-", "1.0.0+",
                          "1.0.0-a..b", "1.0.0.0", "latest", ""}) {
    EXPECT_FALSE(detail::IsSemver(bad)) << bad;
  }
}

TEST(LabelValues, Spdx) {
  for (const char* ok : {"MIT", "BSD-3-Clause", "Apache-2.0", "apache-2.0", "GPL-2.0", "GPL-2.0+",
                         "MIT OR Apache-2.0", "(MIT AND BSD-2-Clause) OR GPL-3.0-only",
                         "GPL-2.0-only WITH Classpath-exception-2.0", "LicenseRef-acme-1",
                         "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2"}) {
    EXPECT_TRUE(detail::IsSpdxExpression(ok)) << ok;
  }
  for (const char* bad :
       {"not-spdx", "Apache License 2.0", "MIT OR", "(MIT", "MIT)", "MIT WITH MIT",
        "GPL-2.0 WITH not-an-exception", "", "LicenseRef-", "MIT AND AND BSD-3-Clause"}) {
    EXPECT_FALSE(detail::IsSpdxExpression(bad)) << bad;
  }
  EXPECT_TRUE(detail::IsSpdxLicenseId("0BSD"));
  EXPECT_TRUE(detail::IsSpdxLicenseId("zlib-acknowledgement"));
  EXPECT_FALSE(detail::IsSpdxLicenseId("MIT OR Apache-2.0"));
}

TEST(LabelValues, Email) {
  for (const char* ok : {"abcd@google.com", "a.b+tag@example.co.uk", "\"john doe\"@example.com",
                         "user@[192.168.0.1]", "x@localhost", "o'brien@example.com"}) {
    EXPECT_TRUE(detail::IsEmailAddress(ok)) << ok;
  }
  for (const char* bad : {"not-email", "@example.com", "a@", "a..b@example.com", ".a@example.com",
                          "a@example..com", "John Doe <john@example.com>", "a b@example.com", ""}) {
    EXPECT_FALSE(detail::IsEmailAddress(bad)) << bad;
  }
  EXPECT_FALSE(detail::IsEmailAddress(std::string(65, 'a') + "@example.com"));
}

// hadolint's DL3049 spec, multi-stage cases: how many stages miss label `foo`.
TEST(MissingLabel, StagesThatYieldImages) {
  const auto schema = Schema({{"foo", LabelType::kText}});
  struct Case {
    const char* text;
    std::size_t findings;
  };
  const Case cases[] = {
      {"FROM baseimage\n", 1},
      {"FROM baseimage\nLABEL bar=\"baz\"\n", 1},
      {"FROM baseimage\nLABEL foo=\"bar\"\n", 0},
      {"FROM stage1\nFROM stage2\n", 2},
      {"FROM stage1\nLABEL bar=\"baz\"\nFROM stage2\nLABEL buzz=\"fuzz\"\n", 2},
      {"FROM baseimage\nLABEL foo=\"bar\"\nFROM newimage\n", 1},
      {"FROM baseimage\nFROM newimage\nLABEL foo=\"bar\"\n", 1},
      {"FROM baseimage\nLABEL baz=\"bar\"\nFROM newimage\nLABEL foo=\"bar\"\n", 1},
      {"FROM baseimage as base\nFROM base\n", 2},
      {"FROM baseimage as base\nFROM base\nLABEL foo=\"bar\"\n", 0},
      {"FROM baseimage as base\nFROM anotherimage\nLABEL foo=\"bar\"\nCOPY --from=base /bar /baz\n",
       0},
      {"FROM baseimage as base\nFROM anotherimage\nLABEL foo=\"bar\"\n", 1},
      {"FROM baseimage as base\nLABEL foo=\"bar\"\nFROM base\n", 0},
      {"FROM baseimage as base\nFROM newimage\nLABEL foo=\"bar\"\nCOPY --from=base /bar /baz\n\n"
       "FROM newimage\nCOPY --from=base /bar /baz\n",
       1},
      {"FROM baseimage as base\nFROM base\nLABEL foo=\"bar\"\n\nFROM base\n", 1},
      {"FROM baseimage as base\nFROM base\n\nFROM base\nLABEL foo=\"bar\"\n", 1},
      // drydock: a numeric COPY --from names a stage too; a deferred label is not the stage's.
      {"FROM baseimage\nFROM newimage\nLABEL foo=1\nCOPY --from=0 /a /a\n", 0},
      {"FROM baseimage\nONBUILD LABEL foo=1\n", 1},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Check("DD051", c.text, schema).size(), c.findings) << c.text;
  }
  auto out = Check("DD051", "FROM a AS one\nFROM b AS two\n",
                   Schema({{"foo", LabelType::kText}, {"bar", LabelType::kUrl}}));
  EXPECT_EQ(out.size(), 4u);  // per stage and label
  EXPECT_TRUE(Mentions(out[0], "`foo`"));
  EXPECT_TRUE(Mentions(out[0], "stage one "));
}

TEST(SuperfluousLabel, StrictOnly) {
  const auto strict = Schema({{"required", LabelType::kText}}, true);
  EXPECT_TRUE(Check("DD052", "FROM scratch\n", strict).empty());
  EXPECT_TRUE(Check("DD052", "FROM scratch\nLABEL required=\"foo\"\n", strict).empty());
  EXPECT_EQ(Check("DD052", "FROM scratch\nLABEL other=\"bar\"\n", strict).size(), 1u);
  auto out = Check("DD052", "FROM scratch\nLABEL required=\"foo\" other=\"bar\" x=y\n", strict);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(Mentions(out[0], "`other` and `x` are"));
  EXPECT_TRUE(Check("DD052", "FROM scratch\nLABEL other=\"bar\"\n",
                    Schema({{"required", LabelType::kText}}))
                  .empty());
  // hadolint: strict labels with an empty schema make every label superfluous.
  core::RuleSettings only_strict;
  only_strict.strict_labels = true;
  EXPECT_EQ(Check("DD052", "FROM scratch\nLABEL a=b\n", only_strict).size(), 1u);
}

TEST(LabelValues, RulesReadOnlyTheirType) {
  const auto schema = Schema({{"emptylabel", LabelType::kText},
                              {"urllabel", LabelType::kUrl},
                              {"datelabel", LabelType::kRfc3339},
                              {"spdxlabel", LabelType::kSpdx},
                              {"githash", LabelType::kHash},
                              {"semver", LabelType::kSemver},
                              {"maintainer", LabelType::kEmail}});
  const char* bad =
      "FROM scratch\nLABEL emptylabel=\"\" urllabel=not-url datelabel=not-date "
      "spdxlabel=not-spdx githash=not-git-hash semver=not-sem-ver maintainer=not-email\n";
  for (const char* id : {"DD053", "DD054", "DD055", "DD056", "DD057", "DD058", "DD059"}) {
    auto out = Check(id, bad, schema);
    EXPECT_EQ(out.size(), 1u) << id;
    // Without a schema, and for labels outside it, silent.
    EXPECT_TRUE(Check(id, bad).empty()) << id;
    EXPECT_TRUE(Check(id, "FROM scratch\nLABEL other=\"\" other2=x\n", schema).empty()) << id;
  }
  // Empty values are DD053's alone; values set at build time are not judged.
  const char* empty = "FROM scratch\nLABEL urllabel=\"\" semver=\"\"\n";
  EXPECT_EQ(Check("DD053", empty, schema).size(), 2u);
  EXPECT_TRUE(Check("DD054", empty, schema).empty());
  EXPECT_TRUE(Check("DD058", empty, schema).empty());
  const char* later = "FROM scratch\nARG V\nARG U\nLABEL semver=$V urllabel=${U}\n";
  for (const char* id : {"DD053", "DD054", "DD058"}) {
    EXPECT_TRUE(Check(id, later, schema).empty()) << id;
  }
  // ARG values are expanded before judging.
  EXPECT_EQ(Check("DD058", "FROM scratch\nARG V=v1\nLABEL semver=$V\n", schema).size(), 1u);
  EXPECT_TRUE(Check("DD058", "FROM scratch\nARG V=1.2.3\nLABEL semver=$V\n", schema).empty());
}

}  // namespace
}  // namespace drydock::rules
