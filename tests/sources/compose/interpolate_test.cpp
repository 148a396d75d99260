// SPDX-License-Identifier: Apache-2.0
// Interpolation operators and the `.env` reader.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sources/compose/detail.h"

namespace drydock::sources::compose::detail {
namespace {

const std::map<std::string, std::string> kVars = {
    {"SET", "value"}, {"EMPTY", ""}, {"TAG", "1.27"}, {"B", "bee"}, {"PORT", "8080"},
};

VarLookup Lookup(const std::map<std::string, std::string>& vars) {
  return [&vars](std::string_view name) -> const std::string* {
    auto it = vars.find(std::string(name));
    return it == vars.end() ? nullptr : &it->second;
  };
}

TEST(Interpolate, Table) {
  struct Case {
    const char* in;
    const char* out;
  };
  const Case cases[] = {
      {"plain", "plain"},
      {"$SET", "value"},
      {"${SET}", "value"},
      {"nginx:${TAG}", "nginx:1.27"},
      {"a${SET}b$SET.c",
       "avalueb"
       "value.c"},
      {"${UNSET}", ""},
      {"$UNSET/x", "/x"},
      {"${UNSET:-d}", "d"},
      {"${EMPTY:-d}", "d"},
      {"${SET:-d}", "value"},
      {"${UNSET-d}", "d"},
      {"${EMPTY-d}", ""},
      {"${SET-d}", "value"},
      {"${SET:?boom}", "value"},
      {"${EMPTY?boom}", ""},
      {"${SET:+alt}", "alt"},
      {"${EMPTY:+alt}", ""},
      {"${UNSET:+alt}", ""},
      {"${SET+alt}", "alt"},
      {"${EMPTY+alt}", "alt"},
      {"${UNSET+alt}", ""},
      {"${UNSET:-${B}}", "bee"},
      {"${UNSET:-${ALSO_UNSET:-x}}", "x"},
      {"${UNSET:-${ALSO_UNSET:-${SET}-y}}z", "value-yz"},
      {"${SET:+[${B}]}", "[bee]"},
      {"${UNSET:-a b c}", "a b c"},
      {"${UNSET:-}", ""},
      {"${UNSET:-{\"k\":1}}", "{\"k\":1}"},
      {"$$", "$"},
      {"$${SET}", "${SET}"},
      {"$$SET", "$SET"},
      {"cost $5", "cost $5"},
      {"end$", "end$"},
      {"$-x", "$-x"},
      {"${PORT}:80", "8080:80"},
      {"$set", ""},  // names are case-sensitive
  };
  for (const auto& c : cases) {
    Interpolated r = Interpolate(c.in, Lookup(kVars), 1 << 20);
    EXPECT_FALSE(r.error.has_value()) << c.in << ": " << r.error.value_or("");
    EXPECT_EQ(r.value, c.out) << c.in;
  }
}

TEST(Interpolate, ReportsUnsetVariablesOnce) {
  Interpolated r = Interpolate("$A ${A} ${B2} ${C:-x} ${D-y} ${E:+z}", Lookup(kVars), 1 << 20);
  ASSERT_FALSE(r.error);
  EXPECT_EQ(r.unset, (std::vector<std::string>{"A", "B2"}));
}

TEST(Interpolate, Errors) {
  struct Case {
    const char* in;
    const char* message_part;
  };
  const Case cases[] = {
      {"${", "a variable name must follow"},   {"${}", "a variable name must follow"},
      {"${1}", "a variable name must follow"}, {"${SET", "missing \"}\""},
      {"${SET:-abc", "missing \"}\""},         {"${SET!}", "expected \"}\""},
      {"${SET:x}", "expected \"}\""},          {"${SET:}", "expected \"}\""},
  };
  for (const auto& c : cases) {
    Interpolated r = Interpolate(c.in, Lookup(kVars), 1 << 20);
    ASSERT_TRUE(r.error.has_value()) << c.in;
    EXPECT_NE(r.error->find(c.message_part), std::string::npos) << c.in << " → " << *r.error;
  }
  // A `:?` inside an unused default is not evaluated.
  EXPECT_FALSE(Interpolate("${SET:-${UNSET:?x}}", Lookup(kVars), 1 << 20).error);
}

TEST(Interpolate, RequiredButMissingIsEmptyAndRecorded) {
  struct Case {
    const char* in;
    const char* name;
    const char* message;
  };
  const Case cases[] = {
      {"${UNSET:?need it}", "UNSET", "need it"},
      {"${EMPTY:?need it}", "EMPTY", "need it"},
      {"${UNSET?}", "UNSET", ""},
      {"${UNSET:-${OTHER:?inner}}", "OTHER", "inner"},
  };
  for (const auto& c : cases) {
    Interpolated r = Interpolate(c.in, Lookup(kVars), 1 << 20);
    ASSERT_FALSE(r.error.has_value()) << c.in;
    EXPECT_EQ(r.value, "") << c.in;
    ASSERT_EQ(r.required_missing.size(), 1u) << c.in;
    EXPECT_EQ(r.required_missing[0].first, c.name);
    EXPECT_EQ(r.required_missing[0].second, c.message);
  }
  // Present (and, for `:?`, non-empty) values are used as usual.
  EXPECT_TRUE(Interpolate("${SET:?x}", Lookup(kVars), 1 << 20).required_missing.empty());
}

TEST(Interpolate, DepthAndSizeAreBounded) {
  std::string deep;
  for (int i = 0; i < 40; ++i) deep += "${U:-";
  deep += "x";
  for (int i = 0; i < 40; ++i) deep += "}";
  Interpolated r = Interpolate(deep, Lookup(kVars), 1 << 20);
  ASSERT_TRUE(r.error);
  EXPECT_NE(r.error->find("nested deeper"), std::string::npos);

  std::map<std::string, std::string> big = {{"BIG", std::string(1000, 'x')}};
  std::string bomb;
  for (int i = 0; i < 2000; ++i) bomb += "$BIG";
  r = Interpolate(bomb, Lookup(big), 1 << 20);
  ASSERT_TRUE(r.error);
  EXPECT_NE(r.error->find("larger than"), std::string::npos);
  r = Interpolate(bomb, Lookup(big), 4 << 20);
  EXPECT_FALSE(r.error);
  EXPECT_EQ(r.value.size(), 2000u * 1000u);
}

TEST(Dotenv, Syntax) {
  const std::map<std::string, std::string> env = {{"FROM_ENV", "e"}, {"OVERRIDE", "env-wins"}};
  std::vector<std::string> warnings;
  auto vars = ParseDotenv(
      "# a comment\n"
      "\n"
      "PLAIN=value\n"
      "export EXPORTED=yes\n"
      "  SPACED = padded value  \n"
      "SINGLE='literal ${PLAIN} # not a comment'\n"
      "DOUBLE=\"line1\\nline2 ${PLAIN} \\$HOME \\\"q\\\"\"\n"
      "MULTI=\"first\n"
      "second\"\n"
      "AFTER=after-multi\n"
      "COMMENTED=abc # trailing comment\n"
      "HASH=abc#def\n"
      "REF=${PLAIN}-${FROM_ENV}-${MISSING:-dflt}\n"
      "OVERRIDE=${FROM_ENV}\n"
      "EMPTY=\n"
      "FROM_ENV\n"
      "bad line here\n"
      "=novalue\n"
      "DOTTED.KEY=1\n",
      Lookup(env), warnings);
  EXPECT_EQ(vars["PLAIN"], "value");
  EXPECT_EQ(vars["EXPORTED"], "yes");
  EXPECT_EQ(vars["SPACED"], "padded value");
  EXPECT_EQ(vars["SINGLE"], "literal ${PLAIN} # not a comment");
  EXPECT_EQ(vars["DOUBLE"], "line1\nline2 value $HOME \"q\"");
  EXPECT_EQ(vars["MULTI"], "first\nsecond");
  EXPECT_EQ(vars["AFTER"], "after-multi");
  EXPECT_EQ(vars["COMMENTED"], "abc");
  EXPECT_EQ(vars["HASH"], "abc#def");
  EXPECT_EQ(vars["REF"], "value-e-dflt");
  EXPECT_EQ(vars["OVERRIDE"], "e");
  EXPECT_EQ(vars["EMPTY"], "");
  EXPECT_EQ(vars["FROM_ENV"], "e");
  EXPECT_EQ(vars["DOTTED.KEY"], "1");
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_NE(warnings[0].find("line 17"), std::string::npos) << warnings[0];
  EXPECT_NE(warnings[1].find("line 18"), std::string::npos) << warnings[1];
}

TEST(Dotenv, UnterminatedQuoteIsAWarning) {
  std::vector<std::string> warnings;
  auto vars = ParseDotenv("A=1\nB=\"open\nC=3\n", nullptr, warnings);
  EXPECT_EQ(vars["A"], "1");
  EXPECT_EQ(vars.count("B"), 0u);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("line 2"), std::string::npos);
}

}  // namespace
}  // namespace drydock::sources::compose::detail
