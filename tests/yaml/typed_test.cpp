// SPDX-License-Identifier: Apache-2.0
#include "yaml/typed.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "yaml/yaml.h"

namespace drydock::yaml {
namespace {

struct Problem {
  core::Origin where;
  std::string message;
};

// The three dialects drydock reads in (kube: the defaults; compose; policy).
constexpr Dialect kKube{};
constexpr Dialect kCompose{
    .path_in_message = false,
    .shown = Shown::kKindOrText,
    .bool_noun = "true or false",
    .bool_words = BoolWords::kYaml11AnyCase,
    .plain_only = false,
    .empty_is_absent = true,
};
constexpr Dialect kPolicy{
    .path_in_origin = false,
    .got = "found",
    .shown = Shown::kKindOrText,
    .string_noun = "a scalar",
    .string_list_noun = "a list of strings",
    .bool_noun = "true or false",
    .bool_words = BoolWords::kCore,
    .plain_only = false,
    .null_is_absent = false,
    .index_items = false,
};

YamlNode Parse(std::string_view text) {
  auto r = ParseYaml(text, "f.yaml");
  EXPECT_TRUE(r) << r.error().ToString();
  return r ? *r : YamlNode();
}

class TypedTest : public ::testing::Test {
 protected:
  Reader Make(const Dialect& d, std::string display = "") {
    return Reader("f.yaml", d, CollectInto(problems_), std::move(display));
  }
  std::string Only() {
    EXPECT_EQ(problems_.size(), 1u);
    return problems_.empty() ? "" : problems_[0].message;
  }
  std::vector<Problem> problems_;
};

TEST_F(TypedTest, ErrorsCarryFileLineColumnAndContextPath) {
  YamlNode root = Parse("spec:\n  containers:\n    - name: a\n    - securityContext: [x]\n");
  Reader r = Make(kKube, "Deployment/shop/api");
  const YamlNode* list =
      r.Sequence(Reader::Child(Reader::Child(&root, "spec"), "containers"), "spec.containers");
  ASSERT_NE(list, nullptr);
  std::string path = PathKey(PathIndex("spec.containers", 1), "securityContext");
  EXPECT_EQ(r.Mapping(Reader::Child(&list->items[1], "securityContext"), path), nullptr);
  ASSERT_EQ(problems_.size(), 1u);
  EXPECT_EQ(problems_[0].where.file, "f.yaml");
  EXPECT_EQ(problems_[0].where.line, 4);
  EXPECT_EQ(problems_[0].where.column, 24);
  EXPECT_EQ(problems_[0].where.path, "Deployment/shop/api spec.containers[1].securityContext");
  EXPECT_EQ(problems_[0].message,
            "spec.containers[1].securityContext: expected a mapping, got a sequence");
}

TEST_F(TypedTest, AbsentAndNullAreNotSet) {
  YamlNode root = Parse("a: ~\nb:\n");
  Reader r = Make(kKube);
  EXPECT_EQ(Reader::Child(&root, "a"), nullptr);
  EXPECT_EQ(Reader::Child(&root, "missing"), nullptr);
  EXPECT_FALSE(r.String(root.Get("a"), "a"));
  EXPECT_FALSE(r.Bool(root.Get("b"), "b"));
  EXPECT_FALSE(r.Int(nullptr, "c"));
  EXPECT_EQ(r.Mapping(root.Get("a"), "a"), nullptr);
  EXPECT_EQ(r.Sequence(root.Get("b"), "b"), nullptr);
  EXPECT_TRUE(problems_.empty());
}

TEST_F(TypedTest, KubernetesBooleansAndIntegersArePlain) {
  YamlNode root = Parse("a: yes\nb: Off\nc: \"true\"\nd: 12\ne: '12'\nf: 0x10\ng: maybe\n");
  Reader r = Make(kKube);
  EXPECT_EQ(r.Bool(root.Get("a"), "a"), true);
  EXPECT_EQ(r.Bool(root.Get("b"), "b"), false);
  EXPECT_EQ(r.Int(root.Get("d"), "d"), 12);
  EXPECT_EQ(r.Int(root.Get("f"), "f"), 16);
  EXPECT_TRUE(problems_.empty());
  EXPECT_FALSE(r.Bool(root.Get("c"), "c"));
  EXPECT_EQ(Only(), "c: expected a boolean, got string \"true\"");
  problems_.clear();
  EXPECT_FALSE(r.Int(root.Get("e"), "e"));
  EXPECT_EQ(Only(), "e: expected an integer, got string \"12\"");
  problems_.clear();
  EXPECT_FALSE(r.Bool(root.Get("g"), "g"));
  EXPECT_EQ(Only(), "g: expected a boolean, got \"maybe\"");
  problems_.clear();
  EXPECT_FALSE(r.Int(root.Get("d"), "d", 0, 10));
  EXPECT_EQ(Only(), "d: 12 is out of range [0, 10]");
}

TEST_F(TypedTest, ComposeAcceptsQuotesAnyCaseAndBlank) {
  YamlNode root = Parse("a: YeS\nb: 'off'\nc: \"\"\nd: '42'\ne: maybe\nf: [1]\ng: {k: v}\n");
  Reader r = Make(kCompose);
  EXPECT_EQ(r.Bool(root.Get("a"), "a"), true);
  EXPECT_EQ(r.Bool(root.Get("b"), "b"), false);
  EXPECT_FALSE(r.Bool(root.Get("c"), "c"));
  EXPECT_FALSE(r.Int(root.Get("c"), "c"));
  EXPECT_EQ(r.Int(root.Get("d"), "d"), 42);
  EXPECT_EQ(r.String(root.Get("c"), "c"), "");  // empty text is still text
  EXPECT_TRUE(problems_.empty());
  EXPECT_FALSE(r.Bool(root.Get("e"), "services.x.e"));
  EXPECT_EQ(Only(), "expected true or false, got 'maybe'");
  EXPECT_EQ(problems_[0].where.path, "services.x.e");
  problems_.clear();
  EXPECT_FALSE(r.Bool(root.Get("f"), "f"));
  EXPECT_EQ(Only(), "expected true or false, got a sequence");
  problems_.clear();
  EXPECT_EQ(r.Sequence(root.Get("a"), "a"), nullptr);
  EXPECT_EQ(Only(), "expected a list, got a scalar");
  problems_.clear();
  EXPECT_FALSE(r.String(root.Get("g"), "g", "a scalar"));
  EXPECT_EQ(Only(), "expected a scalar, got a mapping");
}

TEST_F(TypedTest, PolicyReadsNullAsTextAndSaysFound) {
  YamlNode root = Parse("a:\nb: True\nc: yes\nd: {k: v}\n");
  FirstError first;
  Reader r("p.yaml", kPolicy, first.Sink());
  EXPECT_EQ(r.String(root.Get("a"), "a"), "");
  EXPECT_EQ(r.Bool(root.Get("b"), "rules.DD001.enabled"), true);
  EXPECT_FALSE(first.failed());
  EXPECT_FALSE(r.Bool(root.Get("c"), "rules.DD001.enabled"));
  EXPECT_FALSE(r.Mapping(root.Get("a"), "rules"));  // null is a wrong shape here
  ASSERT_TRUE(first.failed());
  EXPECT_EQ(first.error().message, "rules.DD001.enabled: expected true or false, found 'yes'");
  EXPECT_EQ(first.error().where.ToString(), "p.yaml:3:4");
  EXPECT_TRUE(first.error().where.path.empty());
}

TEST_F(TypedTest, StringListIsOneScalarOrAListOfScalars) {
  YamlNode root = Parse("a: x\nb: [x, y]\nc: [x, [y], z]\nd: {k: v}\ne:\n");
  Reader r = Make(kKube);
  EXPECT_EQ(r.StringList(root.Get("a"), "a"), std::vector<std::string>{"x"});
  EXPECT_EQ(r.StringList(root.Get("b"), "b"), (std::vector<std::string>{"x", "y"}));
  EXPECT_TRUE(r.StringList(root.Get("e"), "e").empty());
  EXPECT_TRUE(problems_.empty());
  EXPECT_EQ(r.StringList(root.Get("c"), "c"), (std::vector<std::string>{"x", "z"}));
  EXPECT_EQ(Only(), "c[1]: expected a string, got a sequence");
  problems_.clear();

  FirstError first;
  Reader p("p.yaml", kPolicy, first.Sink());
  EXPECT_TRUE(p.StringList(root.Get("d"), "skip-dirs").empty());
  EXPECT_EQ(first.error().message, "skip-dirs: expected a list of strings, found a mapping");
  FirstError item;
  Reader q("p.yaml", kPolicy, item.Sink());
  (void)q.StringList(root.Get("c"), "skip-dirs");
  EXPECT_EQ(item.error().message, "skip-dirs: expected a scalar, found a sequence");
}

TEST_F(TypedTest, OneOrManyVisitsAScalarOrEachItem) {
  YamlNode root = Parse("a: /run\nb: [/run, {path: x}]\nc: {k: v}\nd: ~\n");
  Reader r = Make(kCompose);
  std::vector<std::string> seen;
  auto each = [&](const YamlNode& item, const std::string& path) {
    seen.push_back(path + "=" + (item.IsScalar() ? item.scalar : "map"));
  };
  r.OneOrMany(root.Get("a"), "tmpfs", each);
  r.OneOrMany(root.Get("b"), "env_file", each);
  r.OneOrMany(root.Get("d"), "d", each);
  EXPECT_EQ(seen, (std::vector<std::string>{"tmpfs=/run", "env_file[0]=/run", "env_file[1]=map"}));
  EXPECT_TRUE(problems_.empty());
  r.OneOrMany(root.Get("c"), "tmpfs", each);
  EXPECT_EQ(Only(), "expected a list, got a mapping");
}

TEST_F(TypedTest, ItemsVisitsEachItemOfAListOnly) {
  YamlNode root = Parse("b: [/run, {path: x}]\na: /run\nd: ~\n");
  Reader r = Make(kCompose);
  std::vector<std::string> seen;
  auto each = [&](const YamlNode& item, const std::string& path) {
    seen.push_back(path + "=" + (item.IsScalar() ? item.scalar : "map"));
  };
  r.Items(root.Get("b"), "volumes", each);
  r.Items(root.Get("d"), "d", each);
  EXPECT_EQ(seen, (std::vector<std::string>{"volumes[0]=/run", "volumes[1]=map"}));
  EXPECT_TRUE(problems_.empty());
  r.Items(root.Get("a"), "volumes", each);  // one value is not a list here
  EXPECT_EQ(Only(), "expected a list, got a scalar");
  EXPECT_EQ(seen.size(), 2u);
}

TEST_F(TypedTest, StringMapKeepsScalarEntries) {
  YamlNode root = Parse("m: {a: x, b: 1, c: ~, d: [y], [k]: z}\n");
  Reader r = Make(kKube);
  auto m = r.StringMap(root.Get("m"), "metadata.labels");
  EXPECT_EQ(m, (std::map<std::string, std::string>{{"a", "x"}, {"b", "1"}, {"c", ""}}));
  ASSERT_EQ(problems_.size(), 2u);
  EXPECT_EQ(problems_[0].message, "metadata.labels.d: expected a string, got a sequence");
  EXPECT_EQ(problems_[1].message, "metadata.labels: expected a string key, got a sequence");
}

TEST(Typed, DescribeQuotesEscapesAndTruncates) {
  YamlNode n;
  n.scalar = "a\"b\\c\x01";
  EXPECT_EQ(Describe(n), "\"a\\\"b\\\\c\\x01\"");
  n.quoted = true;
  n.scalar = std::string(50, 'x');
  EXPECT_EQ(Describe(n), "string \"" + std::string(40, 'x') + "...\"");
  n.kind = YamlNode::Kind::kMapping;
  EXPECT_EQ(Describe(n), "a mapping");
}

TEST(Typed, ScalarTextAndPaths) {
  YamlNode n;
  n.scalar = "1.2";
  EXPECT_EQ(*ScalarText(&n), "1.2");
  EXPECT_EQ(ScalarText(nullptr), nullptr);
  n.kind = YamlNode::Kind::kSequence;
  EXPECT_EQ(ScalarText(&n), nullptr);
  EXPECT_EQ(PathKey("", "spec"), "spec");
  EXPECT_EQ(PathKey("spec", "template"), "spec.template");
  EXPECT_EQ(PathIndex("containers", 3), "containers[3]");
}

}  // namespace
}  // namespace drydock::yaml
