// SPDX-License-Identifier: Apache-2.0
#include "yaml/yaml.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace drydock::yaml {
namespace {

TEST(Yaml, ParsesNestedStructureWithPositions) {
  auto r = ParseYaml("a: 1\nlist:\n  - x\n  - 'y'\nmap: {k: v}\n", "f.yaml");
  ASSERT_TRUE(r) << r.error().ToString();
  ASSERT_TRUE(r->IsMapping());
  ASSERT_EQ(r->entries.size(), 3u);
  EXPECT_EQ(r->entries[0].first.scalar, "a");
  EXPECT_EQ(r->entries[0].second.scalar, "1");
  EXPECT_EQ(r->entries[0].second.line, 1);
  EXPECT_EQ(r->entries[0].second.column, 4);
  const YamlNode& list = r->entries[1].second;
  ASSERT_TRUE(list.IsSequence());
  ASSERT_EQ(list.items.size(), 2u);
  EXPECT_EQ(list.items[0].scalar, "x");
  EXPECT_FALSE(list.items[0].quoted);
  EXPECT_EQ(list.items[1].scalar, "y");
  EXPECT_TRUE(list.items[1].quoted);
  EXPECT_EQ(list.items[1].line, 4);
  EXPECT_EQ(list.items[1].column, 6);  // quoted: the content start
  EXPECT_TRUE(r->entries[2].second.IsMapping());
}

// Regression (fuzz/policy_fuzz, libfyaml 0.7.12 leak): single-quoted scalars with '' escapes are
// decoded by drydock; LeakSanitizer (asan-ubsan preset) fails this test if libfyaml's is used.
TEST(Yaml, SingleQuotedEscapesDecodedWithoutLibraryLeak) {
  auto root = ParseYaml("''''''''''''", "x.yaml");
  ASSERT_TRUE(root) << root.error().ToString();
  EXPECT_EQ(root->scalar, "'''''");
  auto map =
      ParseYaml("a: 'it''s'\nb:\n  - 'x''y''z''w''v''u'\nc: 'one\n  two\n\n  three'\n", "x.yaml");
  ASSERT_TRUE(map) << map.error().ToString();
  ASSERT_EQ(map->entries.size(), 3u);
  EXPECT_EQ(map->entries[0].second.scalar, "it's");
  EXPECT_EQ(map->entries[1].second.items[0].scalar, "x'y'z'w'v'u");
  EXPECT_EQ(map->entries[2].second.scalar, "one two\nthree");
  EXPECT_EQ(DecodeSingleQuoted("a''b  \n   c"), "a'b c");
  EXPECT_EQ(DecodeSingleQuoted(""), "");
}

TEST(Yaml, EmptyInputIsNullScalar) {
  auto r = ParseYaml("# only a comment\n", "f.yaml");
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->IsNull());
}

TEST(Yaml, SyntaxErrorHasLineAndColumn) {
  auto r = ParseYaml("a: 1\nb: [1, 2\nc: 3\n", "bad.yaml");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where.file, "bad.yaml");
  EXPECT_GE(r.error().where.line, 2);
  EXPECT_GT(r.error().where.column, 0);
  EXPECT_NE(r.error().message.find("invalid YAML"), std::string::npos);
}

TEST(Yaml, BadIndentationIsError) {
  auto r = ParseYaml("a:\n  b: 1\n c: 2\n", "bad.yaml");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where.line, 3);
}

TEST(Yaml, AliasesAreRefused) {
  // The classic "billion laughs" shape: refused at the first alias, nothing expands.
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'j'; ++c) {
    char prev = static_cast<char>(c - 1);
    bomb += std::string(1, c) + ": &" + c + " [*" + prev + ", *" + prev + ", *" + prev + "]\n";
  }
  auto r = ParseYaml(bomb, "bomb.yaml");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("aliases"), std::string::npos);
  EXPECT_EQ(r.error().where.line, 2);
}

TEST(Yaml, DeepNestingIsRefused) {
  std::string deep(10000, '[');
  deep += std::string(10000, ']');
  auto r = ParseYaml(deep, "deep.yaml");
  ASSERT_FALSE(r);
}

TEST(Yaml, OversizedInputIsRefused) {
  std::string big(kMaxYamlBytes + 1, '#');
  auto r = ParseYaml(big, "big.yaml");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("limit"), std::string::npos);
}

TEST(Yaml, TooManyNodesIsRefused) {
  std::string many = "[";
  for (size_t i = 0; i < kMaxYamlNodes + 10; ++i) many += "1,";
  many += "1]";
  auto r = ParseYaml(many, "many.yaml");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("nodes"), std::string::npos);
}

TEST(Yaml, SecondDocumentIsError) {
  auto r = ParseYaml("a: 1\n---\nb: 2\n", "two.yaml");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where.line, 2);
}

TEST(Yaml, InvalidUtf8IsRefusedWithPosition) {
  // Regression: libfyaml 0.7.12 never returns on malformed UTF-8 in a directive line.
  auto r = ParseYaml(std::string("a: 1\n%Y\xffML 1.2\n"), "u.yaml");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where.line, 2);
  EXPECT_EQ(r.error().where.column, 3);
  EXPECT_NE(r.error().message.find("UTF-8"), std::string::npos);
  for (std::string bad :
       {"%\xc3\n", "a: \xed\xa0\x80\n", "a: \xc0\xaf\n", "a: \xf4\x90\x80\x80", "a: \xe2\x82"}) {
    EXPECT_FALSE(ParseYaml(bad, "u.yaml")) << bad;
  }
  auto ok = ParseYaml("name: \xc3\xa9t\xc3\xa9 \xe2\x82\xac \xf0\x9f\x90\xb3\n", "u.yaml");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->entries[0].second.scalar, "\xc3\xa9t\xc3\xa9 \xe2\x82\xac \xf0\x9f\x90\xb3");
}

TEST(Yaml, TabsAreRefusedWithPosition) {
  // Regression: libfyaml 0.7.12 double-frees / writes through NULL on `? a:<TAB>|v`.
  for (std::string crash : {"? a:\t|v\n", "- ? a:\t>v\n", "? [a]:\t|v\n"}) {
    auto r = ParseYaml(crash, "t.yaml");
    ASSERT_FALSE(r) << crash;
    EXPECT_NE(r.error().message.find("tab"), std::string::npos);
  }
  auto r = ParseYaml("a: 1\nb:\t2\n", "t.yaml");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where.line, 2);
  EXPECT_EQ(r.error().where.column, 3);
}

TEST(Yaml, GarbageNeverCrashes) {
  const char* inputs[] = {"\x00\x01\x02", "{{{{",         "- - - -\n  ? : :", "\"unterminated",
                          "&a *a",        "!!binary zzz", "a: |\n  x\n y",    "\t- tab"};
  for (const char* in : inputs) {
    auto r = ParseYaml(in, "g.yaml");
    (void)r;  // either outcome is fine; it must return
  }
  SUCCEED();
}

// ---- ParseYamlStream ----

std::string Key(const YamlNode& map, std::size_t i) { return map.entries.at(i).first.scalar; }

// The time a call takes, in seconds.
template <typename F>
double Seconds(F&& f) {
  auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

TEST(YamlStream, MultipleDocumentsWithStartLines) {
  auto s = ParseYamlStream(
      "# header\na: 1\n---\nb: 2\n...\n---\n---\n# only a comment\n--- scalar\n", "m.yaml");
  ASSERT_FALSE(s.error) << s.error->ToString();
  ASSERT_EQ(s.documents.size(), 5u);
  EXPECT_EQ(s.documents[0].line, 2);  // implicit start: the first node
  EXPECT_EQ(s.documents[0].root.Get("a")->scalar, "1");
  EXPECT_EQ(s.documents[1].line, 3);
  EXPECT_EQ(s.documents[1].root.Get("b")->line, 4);
  EXPECT_EQ(s.documents[2].line, 6);
  EXPECT_TRUE(s.documents[2].root.IsNull());  // empty document
  EXPECT_EQ(s.documents[2].root.line, 6);
  EXPECT_EQ(s.documents[3].line, 7);
  EXPECT_TRUE(s.documents[3].root.IsNull());
  EXPECT_EQ(s.documents[4].line, 9);
  EXPECT_EQ(s.documents[4].root.scalar, "scalar");
}

TEST(YamlStream, CommentsOnlyIsZeroDocuments) {
  for (const char* text : {"", "# a\n# b\n", "\n\n   \n"}) {
    auto s = ParseYamlStream(text, "c.yaml");
    EXPECT_FALSE(s.error) << text;
    EXPECT_TRUE(s.documents.empty()) << text;
  }
}

TEST(YamlStream, AnchorsAndAliasesAreResolved) {
  auto s = ParseYamlStream(
      "defs:\n  img: &img nginx:1.27\n  env: &env\n    - {name: A, value: '1'}\n"
      "c1:\n  image: *img\n  env: *env\nc2:\n  env: *env\n",
      "a.yaml");
  ASSERT_FALSE(s.error) << s.error->ToString();
  ASSERT_EQ(s.documents.size(), 1u);
  const YamlNode& root = s.documents[0].root;
  EXPECT_EQ(root.Get("c1")->Get("image")->scalar, "nginx:1.27");
  const YamlNode* env = root.Get("c2")->Get("env");
  ASSERT_NE(env, nullptr);
  ASSERT_TRUE(env->IsSequence());
  ASSERT_EQ(env->items.size(), 1u);
  EXPECT_EQ(env->items[0].Get("value")->scalar, "1");
  EXPECT_TRUE(env->items[0].Get("value")->quoted);
  EXPECT_EQ(env->items[0].line, 4);  // copies keep the anchored text's positions
}

TEST(YamlStream, AnchorsArePerDocument) {
  auto s = ParseYamlStream("a: &x 1\nb: *x\n---\nc: *x\n", "d.yaml");
  ASSERT_TRUE(s.error);
  EXPECT_EQ(s.error->where.line, 4);
  EXPECT_EQ(s.error->where.column, 4);
  EXPECT_NE(s.error->message.find("undefined alias \"*x\""), std::string::npos);
  ASSERT_EQ(s.documents.size(), 1u);  // the first document is kept
  EXPECT_EQ(s.documents[0].root.Get("b")->scalar, "1");
}

TEST(YamlStream, UndefinedAliasIsError) {
  auto s = ParseYamlStream("a: 1\nb: *nope\n", "u.yaml");
  ASSERT_TRUE(s.error);
  EXPECT_EQ(s.error->where.file, "u.yaml");
  EXPECT_EQ(s.error->where.line, 2);
  EXPECT_NE(s.error->message.find("nope"), std::string::npos);
  EXPECT_TRUE(s.documents.empty());
  // An alias cannot refer to the collection it is inside (it is not complete yet).
  auto self = ParseYamlStream("a: &s [1, *s]\n", "u.yaml");
  ASSERT_TRUE(self.error);
  EXPECT_NE(self.error->message.find("undefined alias"), std::string::npos);
}

TEST(YamlStream, MergeKeysPrecedence) {
  auto s = ParseYamlStream(
      "x-a: &a {image: a, restart: a, user: a}\n"
      "x-b: &b {image: b, restart: b, tty: b}\n"
      "one:\n  <<: *a\n  image: own\n"
      "two:\n  restart: own\n  <<: [*a, *b]\n"
      "three:\n  <<: [*b, *a]\n",
      "merge.yaml");
  ASSERT_FALSE(s.error) << s.error->ToString();
  const YamlNode& root = s.documents.at(0).root;
  const YamlNode* one = root.Get("one");
  ASSERT_NE(one, nullptr);
  EXPECT_EQ(one->entries.size(), 3u);
  EXPECT_EQ(one->Get("image")->scalar, "own");  // the mapping's own key wins, even after <<
  EXPECT_EQ(one->Get("user")->scalar, "a");
  EXPECT_EQ(one->Get("<<"), nullptr);  // the merge key itself is gone
  const YamlNode* two = root.Get("two");
  ASSERT_EQ(two->entries.size(), 4u);
  EXPECT_EQ(two->Get("restart")->scalar, "own");
  EXPECT_EQ(two->Get("image")->scalar, "a");  // earlier map in the list wins
  EXPECT_EQ(two->Get("tty")->scalar, "b");
  EXPECT_EQ(Key(*two, 0), "restart");
  const YamlNode* three = root.Get("three");
  EXPECT_EQ(three->Get("image")->scalar, "b");
  EXPECT_EQ(three->Get("user")->scalar, "a");
  EXPECT_EQ(three->Get("image")->line, 2);  // merged entries keep their source position
}

TEST(YamlStream, MergeKeyNeedsMappings) {
  for (const char* text : {"a:\n  <<: 1\n", "a:\n  <<: [{x: 1}, 2]\n", "a:\n  <<: [[x]]\n"}) {
    auto s = ParseYamlStream(text, "m.yaml");
    ASSERT_TRUE(s.error) << text;
    EXPECT_NE(s.error->message.find("merge key"), std::string::npos) << text;
    EXPECT_EQ(s.error->where.line, 2) << text;
  }
  // A quoted "<<" is an ordinary key.
  auto quoted = ParseYamlStream("a:\n  '<<': 1\n", "m.yaml");
  ASSERT_FALSE(quoted.error);
  EXPECT_EQ(quoted.documents[0].root.Get("a")->Get("<<")->scalar, "1");
}

TEST(YamlStream, DuplicateKeyIsErrorAtSecondKey) {
  auto s = ParseYamlStream("apiVersion: v1\nkind: Pod\n---\nspec:\n  a: 1\n  b: 2\n  a: 3\n",
                           "dup.yaml");
  ASSERT_TRUE(s.error);
  EXPECT_EQ(s.error->message, "duplicate key \"a\" (first at line 5)");
  EXPECT_EQ(s.error->where.line, 7);
  EXPECT_EQ(s.error->where.column, 3);
  EXPECT_EQ(s.documents.size(), 1u);
  // Large mappings use an index; same answer.
  std::string big;
  for (int i = 0; i < 100; ++i) big += "k" + std::to_string(i) + ": v\n";
  big += "k42: again\n";
  auto b = ParseYamlStream(big, "dup.yaml");
  ASSERT_TRUE(b.error);
  EXPECT_EQ(b.error->message, "duplicate key \"k42\" (first at line 43)");
  EXPECT_EQ(b.error->where.line, 101);
  // The same key in different mappings is fine.
  EXPECT_FALSE(ParseYamlStream("a: {x: 1}\nb: {x: 2}\n", "ok.yaml").error);
}

TEST(YamlStream, BillionLaughsFailsFastWithBoundedMemory) {
  // 9 levels of 10 aliases each: 10^9 nodes if expanded.
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'j'; ++c) {
    char prev = static_cast<char>(c - 1);
    bomb += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) bomb += std::string(i ? ", *" : "*") + prev;
    bomb += "]\n";
  }
  YamlStream s;
  double took = Seconds([&] { s = ParseYamlStream(bomb, "bomb.yaml"); });
  ASSERT_TRUE(s.error);
  EXPECT_EQ(s.error->message,
            "alias expansion exceeds " + std::to_string(StreamLimits{}.max_nodes) + " nodes");
  EXPECT_GE(s.error->where.line, 6);
  // Building the 4 Mi nodes the default budget allows takes ~2 s at -O2; the bound only guards
  // against expansion past the budget (10^9 nodes would take hours and gigabytes).
  EXPECT_LT(took, 30.0);
  // With a small budget the error comes at the first alias that would pass it, at once.
  StreamLimits small;
  small.max_nodes = 1000;
  YamlStream t;
  double small_took = Seconds([&] { t = ParseYamlStream(bomb, "bomb.yaml", small); });
  EXPECT_LT(small_took, 1.0);
  ASSERT_TRUE(t.error);
  EXPECT_EQ(t.error->message, "alias expansion exceeds 1000 nodes");
  EXPECT_EQ(t.error->where.line, 3);  // c: 10 copies of b's 111 nodes
}

TEST(YamlStream, AliasOfLargeScalarIsBoundedByBytes) {
  std::string text = "a: &a '" + std::string(1 << 20, 'x') + "'\nb: [";
  for (int i = 0; i < 200; ++i) text += "*a, ";
  text += "*a]\n";
  auto s = ParseYamlStream(text, "big-alias.yaml");
  ASSERT_TRUE(s.error);
  EXPECT_NE(s.error->message.find("bytes"), std::string::npos);
}

TEST(YamlStream, OversizedInputIsRefusedBeforeParsing) {
  std::string big = "a: " + std::string(100u << 20, 'x') + "\n";
  YamlStream s;
  double took = Seconds([&] { s = ParseYamlStream(big, "big.yaml"); });
  ASSERT_TRUE(s.error);
  EXPECT_NE(s.error->message.find("byte limit"), std::string::npos);
  EXPECT_LT(took, 2.0);
}

TEST(YamlStream, LargeScalarUnderRaisedLimitParses) {
  std::string text = "a: " + std::string(20u << 20, 'x') + "\nb: 1\n";
  StreamLimits limits;
  limits.max_bytes = 64u << 20;
  auto s = ParseYamlStream(text, "big.yaml", limits);
  ASSERT_FALSE(s.error) << s.error->ToString();
  ASSERT_EQ(s.documents.size(), 1u);
  EXPECT_EQ(s.documents[0].root.Get("a")->scalar.size(), 20u << 20);
  EXPECT_EQ(s.documents[0].root.Get("b")->line, 2);
}

TEST(YamlStream, DeepNestingIsErrorFast) {
  std::string flow = std::string(10000, '[') + std::string(10000, ']');
  std::string block;
  for (int i = 0; i < 10000; ++i) block += "- ";
  block += "x\n";
  std::string block_map;
  for (int i = 0; i < 10000; ++i)
    block_map += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
  for (const std::string* text : {&flow, &block, &block_map}) {
    YamlStream s;
    double took = Seconds([&] { s = ParseYamlStream(*text, "deep.yaml"); });
    ASSERT_TRUE(s.error) << text->substr(0, 20);
    EXPECT_LT(took, 5.0);
  }
  // Through an alias: the copy may not push the tree past max_depth either.
  StreamLimits limits;
  limits.max_depth = 8;
  auto s = ParseYamlStream("a: &a [[[[[1]]]]]\nb: [[[[*a]]]]\n", "deep.yaml", limits);
  ASSERT_TRUE(s.error);
  EXPECT_NE(s.error->message.find("nesting deeper than 8"), std::string::npos);
  EXPECT_FALSE(ParseYamlStream("a: &a [[[[[1]]]]]\nb: [*a]\n", "deep.yaml", limits).error);
}

TEST(YamlStream, InvalidUtf8IsErrorWithLine) {
  auto s = ParseYamlStream(std::string("a: 1\n---\nb: caf\xe9\n"), "u.yaml");
  ASSERT_TRUE(s.error);
  EXPECT_EQ(s.error->where.line, 3);
  EXPECT_EQ(s.error->where.column, 7);
  EXPECT_NE(s.error->message.find("UTF-8"), std::string::npos);
  // A byte-order mark at the start is fine.
  auto bom = ParseYamlStream(
      "\xef\xbb\xbf"
      "a: 1\n",
      "bom.yaml");
  ASSERT_FALSE(bom.error) << bom.error->ToString();
  EXPECT_EQ(bom.documents.at(0).root.Get("a")->scalar, "1");
}

TEST(YamlStream, TabIndentationIsErrorWithLine) {
  auto s = ParseYamlStream("a:\n  b: 1\n\tc: 2\n", "t.yaml");
  ASSERT_TRUE(s.error);
  EXPECT_EQ(s.error->where.line, 3);
  EXPECT_EQ(s.error->where.column, 1);
  EXPECT_NE(s.error->message.find("tab characters are not allowed as indentation"),
            std::string::npos);
  auto after_spaces = ParseYamlStream("a:\n  \tb: 1\n", "t.yaml");
  ASSERT_TRUE(after_spaces.error);
  EXPECT_EQ(after_spaces.error->where.column, 3);
}

TEST(YamlStream, TabsInTextAndCommentsAreAllowed) {
  auto s = ParseYamlStream(
      "a: \"x\ty\"  # a\tcomment\nb: 'p\tq'\nc:\tplain\n\t# indented comment\n\t\n"
      "d: |\n  line\twith tab\n",
      "t.yaml");
  ASSERT_FALSE(s.error) << s.error->ToString();
  const YamlNode& root = s.documents.at(0).root;
  EXPECT_EQ(root.Get("a")->scalar, "x\ty");
  EXPECT_EQ(root.Get("b")->scalar, "p\tq");
  EXPECT_EQ(root.Get("c")->scalar, "plain");
  EXPECT_EQ(root.Get("d")->scalar, "line\twith tab\n");
}

TEST(YamlStream, TabsNearExplicitKeysAreRefused) {
  // libfyaml 0.7.12 double-frees on each of these (found by fuzzing the bare library).
  for (std::string crash : {"? a:\t|v\n", "? a: \t|v\n", "?\n  a:\t|v\n", "- ? a:\t>v\n",
                            "? a:\t:\tGGv\n", "? <<: \t\t:\t:", "? - a:\t|v\n"}) {
    auto s = ParseYamlStream(crash, "t.yaml");
    ASSERT_TRUE(s.error) << crash;
    EXPECT_NE(s.error->message.find("tab"), std::string::npos) << crash;
  }
  // A `?` inside a URL is not an explicit key.
  EXPECT_FALSE(ParseYamlStream("url: http://x/?a=b\nc:\t1\n", "t.yaml").error);
}

TEST(YamlStream, CrlfLineBreaksAreHandled) {
  // Regression (fuzz/yaml_fuzz, LeakSanitizer): libfyaml leaks a quoted scalar's text when its
  // line breaks mix CRLF and LF; ParseYamlStream normalises line breaks first.
  auto s = ParseYamlStream("\"\r\n\n\r\n\n\n\n\r\n\"", "crlf.yaml");
  ASSERT_FALSE(s.error) << s.error->ToString();
  EXPECT_EQ(s.documents.at(0).root.scalar, "\n\n\n\n\n\n");  // as with LF only
  auto m = ParseYamlStream("a: 1\r\nb: \"x\r\n  y\"\r\n---\r\nc: 3\r\n", "crlf.yaml");
  ASSERT_FALSE(m.error) << m.error->ToString();
  ASSERT_EQ(m.documents.size(), 2u);
  EXPECT_EQ(m.documents[0].root.Get("b")->scalar, "x y");
  EXPECT_EQ(m.documents[1].line, 4);
  EXPECT_EQ(m.documents[1].root.Get("c")->line, 5);
}

TEST(YamlStream, SyntaxErrorKeepsEarlierDocuments) {
  auto s = ParseYamlStream("a: 1\n---\nb: 2\n---\nc: [1, 2\nd: 3\n", "e.yaml");
  ASSERT_TRUE(s.error);
  EXPECT_EQ(s.error->where.file, "e.yaml");
  EXPECT_GE(s.error->where.line, 5);
  EXPECT_GT(s.error->where.column, 0);
  ASSERT_EQ(s.documents.size(), 2u);
  EXPECT_EQ(s.documents[1].root.Get("b")->scalar, "2");
}

TEST(YamlStream, NodeBudgetCoversPlainNodes) {
  StreamLimits limits;
  limits.max_nodes = 50;
  std::string many = "[";
  for (int i = 0; i < 100; ++i) many += "1,";
  many += "1]";
  auto s = ParseYamlStream(many, "n.yaml", limits);
  ASSERT_TRUE(s.error);
  EXPECT_NE(s.error->message.find("more than 50 nodes"), std::string::npos);
}

TEST(YamlStream, GoYamlStyleFlowIndentationIsAccepted) {
  // Continuation lines of a quoted scalar no deeper than its key (kubernetes/dashboard has one).
  auto s = ParseYamlStream("m:\n  k: '[\n    1\n  ]'\n", "s.yaml");
  ASSERT_FALSE(s.error) << s.error->ToString();
  EXPECT_EQ(s.documents.at(0).root.Get("m")->Get("k")->scalar, "[ 1 ]");
}

// ---- the real-world corpus ----

std::filesystem::path Corpus() {
  const char* env = std::getenv("DRYDOCK_CORPUS");
  return std::filesystem::path(env != nullptr ? env : DRYDOCK_CORPUS);
}

std::string ReadAll(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(YamlCorpus, ArgoCdInstallManifestParses) {
  std::filesystem::path file = Corpus() / "k8s/argoproj__argo-cd/manifests__install.yaml";
  if (!std::filesystem::exists(file)) GTEST_SKIP() << "corpus file not found: " << file;
  std::string text = ReadAll(file);
  ASSERT_GT(text.size(), 1u << 20);
  auto s = ParseYamlStream(text, file.string());
  ASSERT_FALSE(s.error) << s.error->ToString();
  EXPECT_GT(s.documents.size(), 40u);
  std::map<std::string, int> kinds;
  for (const auto& doc : s.documents) {
    if (const YamlNode* kind = doc.root.Get("kind")) ++kinds[kind->scalar];
    EXPECT_GT(doc.line, 0);
  }
  EXPECT_GE(kinds["CustomResourceDefinition"], 3);
  EXPECT_GE(kinds["Deployment"], 1);
}

// Corpus files that are not valid YAML for drydock, with the reason (each checked by hand).
const std::map<std::string, std::string>& InvalidCorpusYaml() {
  static const std::map<std::string, std::string> kInvalid = {
      {"k8s/kubernetes__examples/_archived__openshift-origin__etcd-controller.yaml",
       "duplicate key \"selector\" in spec (kubectl rejects it too)"},
      {"k8s/kubernetes__examples/_archived__openshift-origin__etcd-discovery-controller.yaml",
       "duplicate key \"selector\" in spec"},
      {"k8s/kubernetes__examples/_archived__openshift-origin__openshift-controller.yaml",
       "duplicate key \"selector\" in spec"},
      {"k8s/kubernetes__examples/"
       "_archived__persistent-volume-provisioning__quobyte__quobyte-admin-secret.yaml",
       "duplicate top-level key \"type\""},
      {"k8s/kubernetes__examples/_archived__volumes__scaleio__sc-pvc.yaml",
       "duplicate key \"storageClassName\" in spec"},
  };
  return kInvalid;
}

TEST(YamlCorpus, EveryK8sAndComposeFileParses) {
  namespace fs = std::filesystem;
  fs::path root = Corpus();
  if (!fs::is_directory(root / "k8s") || !fs::is_directory(root / "compose")) {
    GTEST_SKIP() << "corpus not found at " << root;
  }
  std::size_t files = 0, documents = 0, invalid_seen = 0;
  std::vector<std::string> failures;
  for (const char* sub : {"k8s", "compose"}) {
    for (const auto& e : fs::recursive_directory_iterator(root / sub)) {
      std::string ext = e.path().extension().string();
      if (!e.is_regular_file() || (ext != ".yaml" && ext != ".yml")) continue;
      ++files;
      std::string rel = fs::relative(e.path(), root).generic_string();
      auto s = ParseYamlStream(ReadAll(e.path()), rel);
      documents += s.documents.size();
      bool expected_invalid = InvalidCorpusYaml().count(rel) > 0;
      if (expected_invalid) {
        ++invalid_seen;
        if (!s.error) failures.push_back(rel + ": listed as invalid but parses");
      } else if (s.error) {
        failures.push_back(s.error->ToString());
      }
    }
  }
  EXPECT_GT(files, 300u);
  EXPECT_GT(documents, files);
  EXPECT_EQ(invalid_seen, InvalidCorpusYaml().size());
  for (const auto& f : failures) ADD_FAILURE() << f;
}

}  // namespace
}  // namespace drydock::yaml
