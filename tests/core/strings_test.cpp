// SPDX-License-Identifier: Apache-2.0
#include "core/strings.h"

#include <gtest/gtest.h>

namespace drydock::core {
namespace {

TEST(Strings, CaseFoldingIsAsciiOnly) {
  EXPECT_EQ(Lower("CAP_Net_RAW-1"), "cap_net_raw-1");
  EXPECT_EQ(Upper("cap_net_raw-1"), "CAP_NET_RAW-1");
  EXPECT_EQ(Lower("\xC3\x89T\xC3\x89"), "\xC3\x89t\xC3\x89");  // É kept, T folded
  EXPECT_EQ(AsciiLower('@'), '@');
  EXPECT_EQ(AsciiLower('['), '[');
  EXPECT_EQ(AsciiUpper('`'), '`');
  EXPECT_EQ(AsciiUpper('{'), '{');
}

TEST(Strings, CaseInsensitiveComparison) {
  EXPECT_TRUE(IEquals("FROM", "from"));
  EXPECT_TRUE(IEquals("", ""));
  EXPECT_FALSE(IEquals("from", "fro"));
  EXPECT_FALSE(IEquals("@", "`"));  // 0x40 and 0x60 differ by 32 but are not letters
  EXPECT_TRUE(IStartsWith("Bearer abc", "bearer "));
  EXPECT_FALSE(IStartsWith("Bear", "bearer"));
  EXPECT_TRUE(IStartsWith("x", ""));
}

TEST(Strings, TrimByCharacterSet) {
  EXPECT_EQ(Trim(" \t a b \r\n"), "a b");
  EXPECT_EQ(Trim("\r a \r", kBlanks), "\r a \r");
  EXPECT_EQ(Trim("  a\t", kBlanks), "a");
  EXPECT_EQ(TrimLeft("  a  "), "a  ");
  EXPECT_EQ(TrimRight("  a  "), "  a");
  EXPECT_EQ(Trim("   "), "");
  EXPECT_EQ(Trim(""), "");
  EXPECT_EQ(TrimRight(TrimLeft(" \ra\r ", kBlanks), " \t\r"), "\ra");
}

TEST(Strings, ConcatJoinsEveryKindOfPiece) {
  const std::string owned = "b";
  const std::string_view view = "c";
  EXPECT_EQ(Concat({"a", owned, view, std::string("d"), ""}), "abcd");
  EXPECT_EQ(Concat({}), "");
}

TEST(Strings, DigitsAndMembership) {
  EXPECT_TRUE(AllDigits("0123456789"));
  EXPECT_FALSE(AllDigits(""));
  EXPECT_FALSE(AllDigits("12a"));
  EXPECT_FALSE(AllDigits("-1"));
  EXPECT_TRUE(In("b", {"a", "b"}));
  EXPECT_FALSE(In("c", {"a", "b"}));
  EXPECT_TRUE(Contains("abc", "bc"));
  EXPECT_FALSE(Contains("abc", "cd"));
}

}  // namespace
}  // namespace drydock::core
