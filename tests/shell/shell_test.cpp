// SPDX-License-Identifier: Apache-2.0
// The shell splitter in each dialect: words, quotes, operators, redirections, here-documents,
// positions, variable lookup, the conventions the dialects keep apart, and hostile input.
#include "shell/shell.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace drydock::shell {
namespace {

using ::testing::ElementsAre;

Script SplitIn(Dialect dialect, std::string_view text) {
  Options options;
  options.dialect = dialect;
  Script script;
  Split(text, options, script);
  return script;
}

std::vector<std::string> Texts(const Command& cmd) {
  std::vector<std::string> out;
  for (const auto& w : cmd.words) out.push_back(w.text);
  return out;
}

std::vector<std::vector<std::string>> AllTexts(const Script& s) {
  std::vector<std::vector<std::string>> out;
  for (const auto& c : s.commands) out.push_back(Texts(c));
  return out;
}

using Argvs = std::vector<std::vector<std::string>>;

TEST(ShellBuild, QuotesEscapesOperatorsAndAssignments) {
  Script s = SplitIn(Dialect::kBuild,
                     "A=1 B='x y' apt-get install -y \"a b\" c\\ d 2>&1 >/dev/null | tee log\n"
                     "(cd /x && make) || { echo 'fail;'; }");
  ASSERT_EQ(s.commands.size(), 5u);
  EXPECT_THAT(s.commands[0].assignments,
              ElementsAre(std::pair<std::string, std::string>{"A", "1"},
                          std::pair<std::string, std::string>{"B", "x y"}));
  EXPECT_THAT(Texts(s.commands[0]), ElementsAre("apt-get", "install", "-y", "a b", "c d"));
  EXPECT_TRUE(s.commands[0].words[3].quoted);
  EXPECT_FALSE(s.commands[0].words[0].quoted);
  EXPECT_TRUE(s.commands[0].piped);
  EXPECT_THAT(Texts(s.commands[1]), ElementsAre("tee", "log"));
  EXPECT_EQ(s.commands[1].separator_before, "|");
  EXPECT_TRUE(s.has_pipe);
  EXPECT_EQ(s.commands[2].separator_before, "(");
  EXPECT_EQ(s.commands[2].depth, 1);
  EXPECT_THAT(Texts(s.commands[3]), ElementsAre("make"));
  EXPECT_EQ(s.commands[4].separator_before, "{");
  EXPECT_THAT(Texts(s.commands[4]), ElementsAre("echo", "fail;"));
}

std::vector<std::string> Writes(const Command& cmd) {
  std::vector<std::string> out;
  for (const auto& w : cmd.writes) out.push_back(w.value);
  return out;
}

TEST(ShellBuild, OutputRedirectionTargetsAreKeptApart) {
  Script s = SplitIn(Dialect::kBuild,
                     "echo \"//r/:_authToken=$T\" > ~/.npmrc && printf x >>'/root/.netrc' "
                     "2>/dev/null\ncat <in &>/tmp/all; cmd >| forced <> rw 2>&1 <<<word\n"
                     "cat > \"$HOME/.pypirc\" <<EOF\n[pypi]\nEOF\n");
  ASSERT_EQ(s.commands.size(), 5u);
  EXPECT_THAT(Texts(s.commands[0]), ElementsAre("echo", "//r/:_authToken=$T"));
  EXPECT_THAT(Writes(s.commands[0]), ElementsAre("~/.npmrc"));
  EXPECT_THAT(Writes(s.commands[1]), ElementsAre("/root/.netrc", "/dev/null"));
  EXPECT_TRUE(s.commands[1].writes[0].quoted);
  EXPECT_THAT(Writes(s.commands[2]), ElementsAre("/tmp/all"));  // `<in` is read, not written
  EXPECT_THAT(Writes(s.commands[3]), ElementsAre("forced", "rw"));
  EXPECT_THAT(Texts(s.commands[4]), ElementsAre("cat"));
  EXPECT_THAT(Writes(s.commands[4]), ElementsAre("$HOME/.pypirc"));
  for (Dialect d : {Dialect::kScan, Dialect::kContainer}) {
    Script other = SplitIn(d, "echo t > /root/.git-credentials < in");
    ASSERT_EQ(other.commands.size(), 1u);
    EXPECT_THAT(Writes(other.commands[0]), ElementsAre("/root/.git-credentials"));
  }
}

TEST(ShellBuild, CompoundCommandsHeredocsAndPipefail) {
  Script s = SplitIn(Dialect::kBuild,
                     "set -eo pipefail\n"
                     "if [ -f x ]; then cat <<-'EOF' >out\n"
                     "\tbody; rm -rf /\n"
                     "\tEOF\n"
                     "fi\n"
                     "case $x in a|b) echo ab ;; *) echo other ;; esac\n"
                     "curl -s https://x &&\n"
                     "  sh");
  EXPECT_TRUE(s.sets_pipefail);
  EXPECT_EQ(AllTexts(s), (Argvs{{"set", "-eo", "pipefail"},
                                {"[", "-f", "x", "]"},
                                {"cat"},
                                {"echo", "ab"},
                                {"echo", "other"},
                                {"curl", "-s", "https://x"},
                                {"sh"}}));
  EXPECT_EQ(s.commands.back().separator_before, "&&") << "kept over the newline";
}

TEST(ShellBuild, SubstitutionsStayInWordsAndLookupFillsValues) {
  const std::string version = "1.2";
  const std::string empty;
  Options options;
  options.lookup = [&](std::string_view name) -> const std::string* {
    if (name == "V") return &version;
    if (name == "E") return &empty;
    return nullptr;
  };
  Script s;
  Split("echo $V ${V}x ${E:-d} $U \"$(echo \")\") ok\" `date`", options, s);
  ASSERT_EQ(s.commands.size(), 1u);
  const auto& w = s.commands[0].words;
  ASSERT_EQ(w.size(), 7u);
  EXPECT_EQ(w[1].text, "$V");
  EXPECT_EQ(w[1].value, "1.2");
  EXPECT_EQ(w[2].value, "1.2x");
  EXPECT_EQ(w[3].value, "d");
  EXPECT_EQ(w[4].value, "$U") << "unknown: as written";
  EXPECT_EQ(w[5].text, "$(echo \")\") ok");
  EXPECT_EQ(w[6].text, "`date`");
}

TEST(ShellBuild, BacktickEscape) {
  Options options;
  options.escape = '`';
  Script s;
  Split("dir C:\\x `\n  /s a` b", options, s);
  ASSERT_EQ(s.commands.size(), 1u);
  EXPECT_THAT(Texts(s.commands[0]), ElementsAre("dir", "C:\\x", "/s", "a b"));
}

TEST(ShellBuild, PositionsAndLeadingPipeAcrossCalls) {
  Script s = SplitIn(Dialect::kBuild, "a b\n  c \\\n d");
  ASSERT_EQ(s.commands.size(), 2u);
  EXPECT_EQ(s.commands[1].words[1].offset, 11u);
  EXPECT_EQ(s.commands[1].words[1].line, 2);
  EXPECT_EQ(s.commands[1].words[1].column, 1);
  EXPECT_EQ(s.commands[1].offset, 6u);
  Split("| sh", Options{}, s);
  EXPECT_TRUE(s.commands[1].piped) << "the earlier command is piped into this call's";
  EXPECT_TRUE(s.commands[2].piped);
}

TEST(ShellScan, InnerCommandsComeFirstAndPositionsAreKept) {
  Script s = SplitIn(Dialect::kScan,
                     "x=$(docker run --rm i cat /etc/os-release) y=`docker run j`\n"
                     "echo \"$(docker run k)\" $'a\\tb' f(g)");
  EXPECT_EQ(AllTexts(s), (Argvs{{"docker", "run", "--rm", "i", "cat", "/etc/os-release"},
                                {"docker", "run", "j"},
                                {"x=$(docker run --rm i cat /etc/os-release)", "y=`docker run j`"},
                                {"docker", "run", "k"},
                                {"echo", "$(docker run k)", "a\tb", "f"},
                                {"g"}}));
  const Word& k = s.commands[3].words[2];
  EXPECT_EQ(k.line, 1);
  EXPECT_EQ(k.column, 19);
  EXPECT_TRUE(s.commands[4].words[2].quoted) << "$'…'";
}

TEST(ShellScan, MakefileDollars) {
  Options options;
  options.dialect = Dialect::kScan;
  options.makefile = true;
  Script s;
  Split("docker run $(IMAGE) $$HOME '$$x' ${TAG} $@", options, s);
  ASSERT_EQ(s.commands.size(), 1u);
  EXPECT_THAT(Texts(s.commands[0]),
              ElementsAre("docker", "run", "$(IMAGE)", "$HOME", "$x", "${TAG}", "$@"));
}

TEST(ShellContainer, OperatorsAreSingleCharactersAndNoHeredocs) {
  Script s = SplitIn(Dialect::kContainer,
                     "A=1 \\B=2 curl -k ${X:-a b} 'a;b' x &>/dev/null\n"
                     "cat <<EOF\nbody\nEOF");
  EXPECT_EQ(AllTexts(s),
            (Argvs{{"curl", "-k", "${X:-a", "b}", "a;b", "x"}, {"cat"}, {"body"}, {"EOF"}}));
  EXPECT_EQ(s.commands[0].assignments.size(), 2u) << "a backslash does not quote the name";
  EXPECT_EQ(s.commands[1].separator_before, "\n");
}

TEST(ShellWords, BlanksQuotesAndBackslashesOnly) {
  Script s = SplitIn(Dialect::kWords, "sh -c 'echo hi; exit 1' a\\\nb \"x \\$y\\n\" #c $(d)");
  ASSERT_EQ(s.commands.size(), 1u);
  EXPECT_THAT(Texts(s.commands[0]),
              ElementsAre("sh", "-c", "echo hi; exit 1", "a\nb", "x $y\\n", "#c", "$(d)"));
  EXPECT_FALSE(s.unterminated_quote);
  EXPECT_TRUE(SplitIn(Dialect::kWords, "echo 'open").unterminated_quote);
  EXPECT_TRUE(SplitIn(Dialect::kWords, "echo \"open\\\"").unterminated_quote);
  EXPECT_TRUE(SplitIn(Dialect::kWords, " \t\n").commands.empty());
}

TEST(ShellHelpers, InterpretersAndPipefail) {
  EXPECT_TRUE(IsShellInterpreter("bash"));
  EXPECT_FALSE(IsShellInterpreter("python3"));
  EXPECT_TRUE(ArgsSetPipefail({"/bin/bash", "-o", "pipefail", "-c"}));
  EXPECT_FALSE(ArgsSetPipefail({"pipefail", "-o"}));
}

// Deep nesting and long runs of openers: every dialect finishes (bounded recursion, linear work).
TEST(ShellHostile, DeepNestingAndUnterminatedConstructs) {
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "$(`";
  text += std::string(100000, '(') + std::string(50000, '"') + "${" + std::string(50000, '\\');
  text += std::string(50000, '\'') + "<<E\n" + std::string(100000, '{');
  for (Dialect d : {Dialect::kBuild, Dialect::kScan, Dialect::kContainer, Dialect::kWords}) {
    Script s = SplitIn(d, text);
    EXPECT_LE(s.commands.size(), text.size());
  }
}

}  // namespace
}  // namespace drydock::shell
