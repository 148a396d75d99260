// SPDX-License-Identifier: Apache-2.0
#include "sources/dockerfile/shell.h"

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

model::ShellScript Split(std::string_view text, const VarSource& vars, int line = 1) {
  model::ShellScript s;
  LineMap map;
  map.marks.emplace_back(0, line);
  SplitShell(text, map, vars, s);
  return s;
}

std::string Argv(const model::ShellCommand& c) {
  std::string out;
  for (const auto& w : c.words) out += (out.empty() ? "" : " ") + std::string("[") + w.text + "]";
  return out;
}

TEST(Shell, OperatorsSubshellsGroupsQuotes) {
  NoVars none;
  auto s = Split(
      "apt-get update && apt-get install -y 'a b' \"c d\" || (echo fail; exit 1) ; "
      "{ cd /x && make; } | tee log & wait",
      none);
  ASSERT_EQ(s.commands.size(), 8u);
  EXPECT_EQ(Argv(s.commands[0]), "[apt-get] [update]");
  EXPECT_EQ(Argv(s.commands[1]), "[apt-get] [install] [-y] [a b] [c d]");
  EXPECT_EQ(s.commands[1].separator_before, "&&");
  EXPECT_TRUE(s.commands[1].words[3].quoted);
  EXPECT_EQ(Argv(s.commands[2]), "[echo] [fail]");
  EXPECT_EQ(s.commands[2].subshell_depth, 1);
  EXPECT_EQ(s.commands[2].separator_before, "(");
  EXPECT_EQ(s.commands[3].separator_before, ";");
  EXPECT_EQ(Argv(s.commands[4]), "[cd] [/x]");
  EXPECT_EQ(s.commands[4].subshell_depth, 1);
  EXPECT_EQ(s.commands[5].subshell_depth, 1);
  EXPECT_EQ(Argv(s.commands[6]), "[tee] [log]");
  EXPECT_EQ(s.commands[6].subshell_depth, 0);
  EXPECT_TRUE(s.commands[6].piped);
  EXPECT_EQ(s.commands[7].separator_before, "&");
  EXPECT_TRUE(s.has_pipe);
  EXPECT_FALSE(s.sets_pipefail);
}

TEST(Shell, CommandSubstitutionStaysInsideTheWord) {
  NoVars none;
  auto s = Split("echo $(uname -m | tr a b) `date; x` \"$(a && b)\"", none);
  ASSERT_EQ(s.commands.size(), 1u);
  EXPECT_EQ(Argv(s.commands[0]), "[echo] [$(uname -m | tr a b)] [`date; x`] [$(a && b)]");
  EXPECT_FALSE(s.has_pipe);
}

TEST(Shell, AssignmentsRedirectionsComments) {
  NoVars none;
  auto s = Split(
      "DEBIAN_FRONTEND=noninteractive A=\"x y\" apt-get install -y curl >/dev/null 2>&1 "
      "# trailing\nB=1\nexport C=2",
      none);
  ASSERT_EQ(s.commands.size(), 3u);
  ASSERT_EQ(s.commands[0].assignments.size(), 2u);
  EXPECT_EQ(s.commands[0].assignments[1].second, "x y");
  EXPECT_EQ(Argv(s.commands[0]), "[apt-get] [install] [-y] [curl]");
  EXPECT_TRUE(s.commands[1].words.empty());
  EXPECT_EQ(s.commands[1].assignments[0].first, "B");
  EXPECT_EQ(s.commands[1].line, 2);
  EXPECT_EQ(Argv(s.commands[2]), "[export] [C=2]");  // not leading: a word
  EXPECT_EQ(s.commands[2].line, 3);
}

TEST(Shell, KnownVariablesSubstitutedIntoValue) {
  MapVars vars;
  vars.vars = {{"PKG", "curl=8.0"}, {"EMPTY", ""}};
  auto s = Split("apk add $PKG ${PKG} ${EMPTY:-dflt} $UNKNOWN '$PKG' \"v$PKG\"", vars);
  const auto& w = s.commands.at(0).words;
  ASSERT_EQ(w.size(), 8u);
  EXPECT_EQ(w[2].text, "$PKG");
  EXPECT_EQ(w[2].value, "curl=8.0");
  EXPECT_EQ(w[3].value, "curl=8.0");
  EXPECT_EQ(w[4].value, "dflt");
  EXPECT_EQ(w[5].value, "$UNKNOWN");
  EXPECT_EQ(w[6].value, "$PKG");  // single quotes: literal
  EXPECT_EQ(w[7].value, "vcurl=8.0");
}

TEST(Shell, PipefailBeforeThePipe) {
  NoVars none;
  EXPECT_TRUE(Split("set -euxo pipefail; curl x | sh", none).sets_pipefail);
  EXPECT_TRUE(Split("set -o pipefail && curl x | sh", none).sets_pipefail);
  EXPECT_FALSE(Split("curl x | sh; set -o pipefail", none).sets_pipefail);
  EXPECT_FALSE(Split("set -e; curl x | sh", none).sets_pipefail);
  EXPECT_TRUE(ShellArgsSetPipefail({"/bin/bash", "-o", "pipefail", "-c"}));
  EXPECT_TRUE(ShellArgsSetPipefail({"bash", "-eo", "pipefail", "-c"}));
  EXPECT_FALSE(ShellArgsSetPipefail({"/bin/sh", "-c"}));
}

TEST(Shell, ReservedWordsAndHeredocBodiesSkipped) {
  NoVars none;
  auto s = Split(
      "if [ -f x ]; then\n  apt-get install -y a\nelse\n  cat <<EOF > f\nnot a command\nEOF\nfi",
      none);
  ASSERT_EQ(s.commands.size(), 3u);
  EXPECT_EQ(Argv(s.commands[0]), "[[] [-f] [x] []]");
  EXPECT_EQ(Argv(s.commands[1]), "[apt-get] [install] [-y] [a]");
  EXPECT_EQ(s.commands[1].line, 2);
  EXPECT_EQ(Argv(s.commands[2]), "[cat]");
  EXPECT_EQ(s.commands[2].line, 4);
}

TEST(Shell, CasePatternsAreNotPipesOrCommands) {
  NoVars none;
  // The nginx alpine images: `|` between patterns, `;;`, a catch-all `*)` and `esac`.
  auto s = Split(
      "apkArch=\"$(cat /etc/apk/arch)\" && case \"$apkArch\" in\n"
      "  x86_64|aarch64) apk add nginx ;;\n"
      "  (armhf | armv7) echo arm; make ;;&\n"
      "  *) (cd /src && make) ;;\n"
      "esac && rm -rf /tmp/x",
      none);
  EXPECT_FALSE(s.has_pipe);
  ASSERT_EQ(s.commands.size(), 7u);
  EXPECT_EQ(Argv(s.commands[0]), "");  // the assignment alone
  EXPECT_EQ(Argv(s.commands[1]), "[apk] [add] [nginx]");
  EXPECT_FALSE(s.commands[1].piped);
  EXPECT_EQ(Argv(s.commands[2]), "[echo] [arm]");
  EXPECT_EQ(Argv(s.commands[3]), "[make]");
  EXPECT_EQ(Argv(s.commands[4]), "[cd] [/src]");
  EXPECT_EQ(s.commands[4].subshell_depth, 1);
  EXPECT_EQ(Argv(s.commands[5]), "[make]");
  EXPECT_EQ(Argv(s.commands[6]), "[rm] [-rf] [/tmp/x]");
  EXPECT_EQ(s.commands[6].subshell_depth, 0);
  EXPECT_EQ(s.commands[6].separator_before, "&&");

  // A real pipe inside an item is still a pipe; the last item may omit `;;`; cases nest.
  auto p = Split("case $x in a) case $y in b|c) true ;; esac ;; *) curl -s u | sh\nesac; echo done",
                 none);
  EXPECT_TRUE(p.has_pipe);
  ASSERT_EQ(p.commands.size(), 4u);
  EXPECT_EQ(Argv(p.commands[0]), "[true]");
  EXPECT_EQ(Argv(p.commands[1]), "[curl] [-s] [u]");
  EXPECT_TRUE(p.commands[1].piped);
  EXPECT_EQ(Argv(p.commands[2]), "[sh]");
  EXPECT_EQ(Argv(p.commands[3]), "[echo] [done]");

  // Hostile input: unterminated constructs end cleanly.
  EXPECT_NO_THROW(Split("case", none));
  EXPECT_NO_THROW(Split("case x in a|b", none));
  EXPECT_NO_THROW(Split("esac ;; ) | ( case in in in )) esac", none));
}

TEST(Shell, LinesFollowMarks) {
  NoVars none;
  model::ShellScript s;
  LineMap map;
  map.marks = {{0, 10}, {8, 11}, {16, 13}};
  SplitShell("a && b  c && d  e", map, none, s);
  ASSERT_EQ(s.commands.size(), 3u);
  EXPECT_EQ(s.commands[0].line, 10);
  EXPECT_EQ(s.commands[1].line, 10);
  EXPECT_EQ(s.commands[1].words[1].line, 11);
  EXPECT_EQ(s.commands[2].words[1].line, 13);
}

}  // namespace
}  // namespace drydock::sources::dockerfile
