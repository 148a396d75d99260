// SPDX-License-Identifier: Apache-2.0
// Finding docker run invocations in shell scripts, Makefiles and CI YAML, with
// file lines.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "sources/dockerrun/detail/shell_words.h"
#include "test_util.h"

namespace drydock::sources::dockerrun {
namespace {

using ::testing::ElementsAre;
using testing::Script;
using testing::Texts;

std::vector<std::string> Images(const model::RunSet& set) {
  std::vector<std::string> out;
  for (const auto& r : set.runs) out.push_back(r.image.value_or(""));
  return out;
}

TEST(DockerRunShell, Tokenizer) {
  auto cmds = detail::SplitCommands(
      "a 'b c' \"d $X ${Y:-z} \\\"q\\\"\" e\\ f $'g\\th' "
      "# comment\nnext 2>&1 >/dev/null <in x",
      "f", {}, false);
  ASSERT_EQ(cmds.size(), 2u);
  std::vector<std::string> w;
  for (const auto& x : cmds[0].words) w.push_back(x.text);
  EXPECT_THAT(w, ElementsAre("a", "b c", "d $X ${Y:-z} \"q\"", "e f", "g\th"));
  EXPECT_EQ(cmds[0].words[1].origin.column, 3);
  w.clear();
  for (const auto& x : cmds[1].words) w.push_back(x.text);
  EXPECT_THAT(w, ElementsAre("next", "x"));
  EXPECT_EQ(cmds[1].words[1].origin.line, 2);
  EXPECT_EQ(cmds[1].words[1].origin.column, 26);
}

TEST(DockerRunShell, ContinuationsKeepLinesAndColumns) {
  model::RunSet set = Script(
      "#!/bin/sh\n"
      "set -e\n"
      "docker run -d \\\n"
      "  --name web \\\n"
      "  -v /var/run/docker.sock:/var/run/docker.sock \\\n"
      "  nginx:1.27\n");
  ASSERT_EQ(set.runs.size(), 1u);
  const model::RunSpec& s = set.runs[0];
  EXPECT_EQ(s.origin.line, 3);
  EXPECT_EQ(s.origin.end_line, 6);
  EXPECT_EQ(s.name, "web");
  ASSERT_EQ(s.mounts.size(), 1u);
  EXPECT_EQ(s.mounts[0].origin.line, 5);
  EXPECT_EQ(s.mounts[0].origin.column, 6);
  EXPECT_EQ(s.image.origin.line, 6);
  EXPECT_EQ(s.image.origin.column, 3);
}

TEST(DockerRunShell, OperatorsAndSeparators) {
  model::RunSet set = Script(
      "docker pull a && docker run a; docker run b || echo fail | "
      "docker run -i c & docker run d\n"
      "if docker run e; then docker run f; fi\n"
      "( docker run g ) && { docker run h; }\n"
      "x=$(docker run --rm i cat /etc/os-release) y=`docker run j`\n"
      "echo \"$(docker run k)\"\n");
  EXPECT_THAT(Images(set), ElementsAre("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"));
  EXPECT_TRUE(set.errors.empty());
}

TEST(DockerRunShell, PrefixesAreSkipped) {
  model::RunSet set = Script(
      "sudo docker run a\n"
      "sudo -E -u root docker run b\n"
      "env -i PATH=/bin docker run c\n"
      "exec docker run d\n"
      "time -p docker run e\n"
      "nohup docker run f &\n"
      "command docker run g\n"
      "FOO=1 BAR=2 docker run h\n"
      "sudo --preserve-env=HOME nice -n 5 timeout -s KILL 60 docker run i\n"
      "command -v docker run\n");
  EXPECT_THAT(Images(set), ElementsAre("a", "b", "c", "d", "e", "f", "g", "h", "i"));
}

TEST(DockerRunShell, ContentTrustFromEnvironment) {
  model::RunSet set = Script(
      "DOCKER_CONTENT_TRUST=0 docker run a\n"
      "docker run b\n"
      "export DOCKER_CONTENT_TRUST=0\n"
      "docker run c\n"
      "DOCKER_CONTENT_TRUST=1 docker run d\n"
      "docker run --disable-content-trust=false e\n"
      "unset DOCKER_CONTENT_TRUST\n"
      "docker run f\n");
  ASSERT_EQ(set.runs.size(), 6u);
  EXPECT_TRUE(*set.runs[0].content_trust_disabled);
  EXPECT_EQ(set.runs[0].content_trust_disabled.origin.column, 1);
  EXPECT_FALSE(set.runs[1].content_trust_disabled.has());
  EXPECT_TRUE(*set.runs[2].content_trust_disabled);
  EXPECT_EQ(set.runs[2].content_trust_disabled.origin.line, 3);
  EXPECT_FALSE(*set.runs[3].content_trust_disabled);
  EXPECT_FALSE(*set.runs[4].content_trust_disabled);  // the flag wins over the environment
  EXPECT_FALSE(set.runs[5].content_trust_disabled.has());
}

TEST(DockerRunShell, CommentsHeredocsAndStrings) {
  model::RunSet set = Script(
      "# docker run commented\n"
      "echo 'docker run quoted'\n"
      "cat <<EOF\n"
      "docker run inside-heredoc\n"
      "EOF\n"
      "cat <<-'END' > f\n"
      "\tdocker run also-inside\n"
      "\tEND\n"
      "docker run real # trailing comment\n");
  EXPECT_THAT(Images(set), ElementsAre("real"));
  EXPECT_EQ(set.runs[0].origin.line, 9);
}

TEST(DockerRunShell, VariableImageStillAudited) {
  model::RunSet set = Script("docker run --privileged \"$IMAGE\" \"$@\"\n");
  ASSERT_EQ(set.runs.size(), 1u);
  EXPECT_EQ(*set.runs[0].image, "$IMAGE");
  EXPECT_TRUE(*set.runs[0].privileged);
  EXPECT_THAT(Texts(set.runs[0].args), ElementsAre("$@"));
}

TEST(DockerRunShell, ErrorsDoNotStopTheScript) {
  model::RunSet set = Script("docker run --bogus a\ndocker run b\ndocker run -m lots c\n");
  EXPECT_THAT(Images(set), ElementsAre("b"));
  ASSERT_EQ(set.errors.size(), 2u);
  EXPECT_EQ(set.errors[0].where.line, 1);
  EXPECT_EQ(set.errors[1].where.line, 3);
  EXPECT_EQ(set.errors[1].where.column, 15);
  EXPECT_EQ(set.errors[1].where.file, "run.sh");
}

TEST(DockerRunMakefile, RecipeLines) {
  const char* mk =
      "IMAGE ?= app:dev\n"
      "DOCKER_FLAGS = --rm \\\n"
      "\tdocker run not-a-recipe\n"
      "\n"
      "run: build\n"
      "\t@docker run $(DOCKER_FLAGS) --user $$(id -u) -p 8080:80 $(IMAGE)\n"
      "\n"
      "shell:\n"
      "\t-docker run -it \\\n"
      "\t\t--privileged \\\n"
      "\t\t${IMAGE} sh -c 'echo $$HOME'\n";
  model::RunSet set = ParseScript(mk, "Makefile", ScriptKind::kMakefile);
  ASSERT_EQ(set.runs.size(), 2u) << (set.errors.empty() ? "" : set.errors[0].message);
  const model::RunSpec& a = set.runs[0];
  EXPECT_EQ(a.image.value_or(""), "$(IMAGE)");
  EXPECT_EQ(a.user.value_or(""), "$(id -u)");
  ASSERT_EQ(a.ports.size(), 1u);
  EXPECT_EQ(a.origin.line, 6);
  EXPECT_EQ(a.origin.column, 3);  // after the tab and '@'
  EXPECT_EQ(a.ports[0].origin.column, 50);
  const model::RunSpec& b = set.runs[1];
  EXPECT_EQ(*b.image, "${IMAGE}");
  EXPECT_TRUE(*b.privileged);
  EXPECT_EQ(b.privileged.origin.line, 10);
  EXPECT_EQ(b.privileged.origin.column, 3);
  EXPECT_THAT(Texts(b.args), ElementsAre("sh", "-c", "echo $HOME"));
}

TEST(DockerRunCiYaml, GitHubActions) {
  const char* wf =
      "name: ci\n"
      "on: [push]\n"
      "jobs:\n"
      "  test:\n"
      "    runs-on: ubuntu-latest\n"
      "    steps:\n"
      "      - uses: actions/checkout@v4\n"
      "      - run: docker run --rm -v /:/host alpine:3.20 ls\n"
      "      - name: multi\n"
      "        run: |\n"
      "          echo start\n"
      "          docker run \\\n"
      "            --privileged \\\n"
      "            busybox\n"
      "      - run: \"docker run --cap-add SYS_ADMIN quoted\"\n";
  model::RunSet set = ParseScript(wf, ".github/workflows/ci.yml", ScriptKind::kCiYaml);
  ASSERT_TRUE(set.errors.empty()) << set.errors[0].message;
  ASSERT_EQ(set.runs.size(), 3u);
  EXPECT_EQ(*set.runs[0].image, "alpine:3.20");
  EXPECT_EQ(set.runs[0].origin.line, 8);
  EXPECT_EQ(set.runs[0].origin.column, 14);
  EXPECT_EQ(set.runs[0].mounts[0].origin.column, 33);
  EXPECT_EQ(*set.runs[1].image, "busybox");
  EXPECT_EQ(set.runs[1].origin.line, 12);
  EXPECT_EQ(set.runs[1].origin.column, 11);
  EXPECT_EQ(set.runs[1].privileged.origin.line, 13);
  EXPECT_EQ(set.runs[1].privileged.origin.column, 13);
  EXPECT_EQ(set.runs[1].image.origin.line, 14);
  EXPECT_EQ(set.runs[2].origin.line, 15);
  EXPECT_EQ(set.runs[2].origin.column, 15);
  EXPECT_EQ(set.runs[2].file, ".github/workflows/ci.yml");
}

TEST(DockerRunCiYaml, GitLabCi) {
  const char* ci =
      "stages: [test]\n"
      "before_script:\n"
      "  - export DOCKER_CONTENT_TRUST=0\n"
      "test:\n"
      "  stage: test\n"
      "  script:\n"
      "    - docker run --network host registry.example.com/app:1\n"
      "    - >\n"
      "      docker run --pid=host other\n"
      "  after_script: docker run --rm cleanup\n"
      "lint:\n"
      "  script: |\n"
      "    docker run --read-only linter\n";
  model::RunSet set = ParseScript(ci, ".gitlab-ci.yml", ScriptKind::kCiYaml);
  ASSERT_TRUE(set.errors.empty()) << set.errors[0].message;
  ASSERT_EQ(set.runs.size(), 4u);
  EXPECT_EQ(*set.runs[0].image, "registry.example.com/app:1");
  EXPECT_TRUE(*set.runs[0].host_network);
  EXPECT_EQ(set.runs[0].origin.line, 7);
  EXPECT_EQ(set.runs[0].origin.column, 7);
  EXPECT_TRUE(*set.runs[0].content_trust_disabled);  // exported by before_script
  EXPECT_EQ(*set.runs[1].image, "other");
  EXPECT_EQ(set.runs[1].origin.line, 9);
  EXPECT_EQ(set.runs[1].origin.column, 7);
  EXPECT_EQ(*set.runs[2].image, "cleanup");
  EXPECT_EQ(set.runs[2].origin.line, 10);
  EXPECT_EQ(*set.runs[3].image, "linter");
  EXPECT_EQ(set.runs[3].origin.line, 13);
  EXPECT_EQ(set.runs[3].origin.column, 5);
}

TEST(DockerRunCiYaml, DroneCommandsAndErrors) {
  model::RunSet drone = ParseScript(
      "kind: pipeline\nsteps:\n- name: t\n  commands:\n  - docker "
      "run --privileged dind\n",
      ".drone.yml", ScriptKind::kCiYaml);
  ASSERT_EQ(drone.runs.size(), 1u);
  EXPECT_EQ(drone.runs[0].origin.line, 5);
  model::RunSet bad = ParseScript("steps:\n  - run: [unclosed\n", "ci.yml", ScriptKind::kCiYaml);
  ASSERT_FALSE(bad.errors.empty());
  EXPECT_EQ(bad.errors[0].where.file, "ci.yml");
  EXPECT_GT(bad.errors[0].where.line, 0);
}

TEST(DockerRunHostile, BoundedAndCrashFree) {
  // Deeply nested substitutions, unterminated quotes and heredocs, a huge word.
  std::string nested;
  for (int i = 0; i < 5000; ++i) nested += "$(";
  nested += "docker run x";
  EXPECT_NO_FATAL_FAILURE(Script(nested));
  EXPECT_NO_FATAL_FAILURE(Script("docker run 'unterminated"));
  EXPECT_NO_FATAL_FAILURE(Script("cat <<EOF\ndocker run x\n"));
  EXPECT_NO_FATAL_FAILURE(Script(std::string(1 << 20, '`')));
  model::RunSet big = Script(std::string(9u << 20, ' '));
  ASSERT_EQ(big.errors.size(), 1u);
  model::RunSet missing =
      ParseScriptFile("/nonexistent/drydock/run.sh", "run.sh", ScriptKind::kShell);
  ASSERT_EQ(missing.errors.size(), 1u);
  EXPECT_EQ(missing.errors[0].where.file, "run.sh");
}

}  // namespace
}  // namespace drydock::sources::dockerrun
