// SPDX-License-Identifier: Apache-2.0
#include "sources/dockerfile/expand.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace drydock::sources::dockerfile {
namespace {

class MapVars final : public VarSource {
 public:
  std::map<std::string, std::string, std::less<>> vars;
  const std::string* Get(std::string_view name) const override {
    auto it = vars.find(name);
    return it == vars.end() ? nullptr : &it->second;
  }
};

struct Case {
  const char* in;
  const char* buildkit;  // keep_unknown = false (BuildKit: unset -> "")
  const char* auditor;   // keep_unknown = true
};

// v=file.tar.gz, e="" (set, empty); u is unset.
const Case kCases[] = {
    {"$v", "file.tar.gz", "file.tar.gz"},
    {"${v}", "file.tar.gz", "file.tar.gz"},
    {"x${v}y", "xfile.tar.gzy", "xfile.tar.gzy"},
    {"$u", "", "$u"},
    {"${u}", "", "${u}"},
    {"a$", "a$", "a$"},
    {"$-x", "x", "$-x"},  // special parameter, unset
    {"${u:-def}", "def", "def"},
    {"${e:-def}", "def", "def"},
    {"${e-def}", "", ""},
    {"${u-def}", "def", "def"},
    {"${v:-def}", "file.tar.gz", "file.tar.gz"},
    {"${v:+alt}", "alt", "alt"},
    {"${e:+alt}", "", ""},
    {"${e+alt}", "alt", "alt"},
    {"${u+alt}", "", ""},
    {"${v:?must}", "file.tar.gz", "file.tar.gz"},
    {"${v#*.}", "tar.gz", "tar.gz"},
    {"${v##*.}", "gz", "gz"},
    {"${v%.*}", "file.tar", "file.tar"},
    {"${v%%.*}", "file", "file"},
    {"${v#nomatch}", "file.tar.gz", "file.tar.gz"},
    {"${v#f?l}", "e.tar.gz", "e.tar.gz"},
    {"${v#[a-f]}", "ile.tar.gz", "ile.tar.gz"},
    {"${v/./-}", "file-tar.gz", "file-tar.gz"},
    {"${v//./-}", "file-tar-gz", "file-tar-gz"},
    {"${v//a}", "file.tr.gz", "file.tr.gz"},
    {"${v/t*r/X}", "file.X.gz", "file.X.gz"},
    {"${u#x}", "", "${u#x}"},
    {"${u:-${v%%.*}}", "file", "file"},
    {"${u:-${u:-${v}}}", "file.tar.gz", "file.tar.gz"},
    {"\\$v", "$v", "$v"},
    {"'$v'", "$v", "$v"},
    {"\"$v\"", "file.tar.gz", "file.tar.gz"},
    {"\"a\\\"b\"", "a\"b", "a\"b"},
    {"\"a\\$v\"", "a$v", "a$v"},
    {"\"a\\nb\"", "a\\nb", "a\\nb"},  // in "…" \ escapes only " $ and the escape char
    {"a\\ b", "a b", "a b"},
    {"'a\"b'", "a\"b", "a\"b"},
    {"\"'\"", "'", "'"},
    {"${u:-a b}", "a b", "a b"},
    {"${u:-'$v'}", "$v", "$v"},
};

TEST(Expand, EveryForm) {
  MapVars vars;
  vars.vars = {{"v", "file.tar.gz"}, {"e", ""}};
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.in);
    ExpandOptions bk;
    bk.keep_unknown = false;
    auto r = Expand(c.in, vars, bk);
    ASSERT_TRUE(r.has_value()) << r.error().message;
    EXPECT_EQ(*r, c.buildkit);
    auto a = Expand(c.in, vars, ExpandOptions{});
    ASSERT_TRUE(a.has_value()) << a.error().message;
    EXPECT_EQ(*a, c.auditor);
  }
}

TEST(Expand, Errors) {
  MapVars vars;
  vars.vars = {{"e", ""}};
  ExpandOptions bk;
  bk.keep_unknown = false;
  struct Err {
    const char* in;
    const char* message;
  };
  const Err errs[] = {
      {"${}", "bad substitution"},
      {"${:x}", "bad substitution"},
      {"${a", "syntax error: missing '}'"},
      {"${a:-b", "syntax error: missing '}'"},
      {"'abc", "unexpected end of statement while looking for matching single-quote"},
      {"\"abc", "unexpected end of statement while looking for matching double-quote"},
      {"${e:?is required}", "e: is required"},
      {"${u?}", "u: is not allowed to be unset"},
      {"${a:x}", "unsupported modifier (x) in substitution"},
  };
  for (const Err& e : errs) {
    SCOPED_TRACE(e.in);
    auto r = Expand(e.in, vars, bk);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().message, e.message);
  }
  // `${u:?}` on an unknown variable is not an error for the auditor (set at build time).
  EXPECT_EQ(*Expand("${u:?x}", vars, ExpandOptions{}), "${u:?x}");
}

TEST(Expand, EscapeTokenBacktick) {
  MapVars vars;
  vars.vars = {{"v", "1"}};
  ExpandOptions o;
  o.escape = '`';
  EXPECT_EQ(*Expand("C:\\dir\\$v", vars, o), "C:\\dir\\1");
  EXPECT_EQ(*Expand("`$v", vars, o), "$v");
  EXPECT_EQ(*Expand("\"a`\"b\"", vars, o), "a\"b");
}

TEST(Expand, NestingBoundIsEnforcedAtTheLimit) {
  MapVars vars;
  ExpandOptions o;
  o.max_nesting = 3;
  EXPECT_TRUE(Expand("${a:-${b:-${c:-x}}}", vars, o).has_value());
  auto r = Expand("${a:-${b:-${c:-${d:-x}}}}", vars, o);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().message, "variable substitutions nested deeper than 3 levels");
}

TEST(Expand, SizeBound) {
  MapVars vars;
  vars.vars = {{"v", std::string(1000, 'x')}};
  ExpandOptions o;
  o.max_bytes = 2500;
  EXPECT_TRUE(Expand("$v$v", vars, o).has_value());
  EXPECT_FALSE(Expand("$v$v$v", vars, o).has_value());
}

TEST(Glob, Matching) {
  EXPECT_TRUE(GlobMatch("*.pem", "server.pem"));
  EXPECT_FALSE(GlobMatch("*.pem", "server.pem.bak"));
  EXPECT_TRUE(GlobMatch("a?c", "abc"));
  EXPECT_TRUE(GlobMatch("[!x]bc", "abc"));
  EXPECT_FALSE(GlobMatch("[!a]bc", "abc"));
  EXPECT_TRUE(GlobMatch("\\*", "*"));
  EXPECT_FALSE(GlobMatch("\\*", "a"));
  EXPECT_TRUE(GlobMatch("*", ""));
  // Would be exponential with naive backtracking.
  EXPECT_FALSE(GlobMatch("a*a*a*a*a*a*a*a*a*a*a*a*b", std::string(5000, 'a')));
}

TEST(SplitWords, QuotesKeepBlanks) {
  auto w = SplitWords("a \"b c\" 'd e'  f\\ g", '\\');
  ASSERT_EQ(w.size(), 4u);
  EXPECT_EQ(w[1], "\"b c\"");
  EXPECT_EQ(w[3], "f\\ g");
  EXPECT_EQ(Unquote(w[3], '\\'), "f g");
}

}  // namespace
}  // namespace drydock::sources::dockerfile
