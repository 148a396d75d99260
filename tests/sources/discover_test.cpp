// SPDX-License-Identifier: Apache-2.0
// Discovery's classification by name and content, and `#` comment targets for pragmas.
#include <gtest/gtest.h>

#include "sources/comments.h"
#include "sources/discover.h"
#include "support/files.h"

namespace drydock::sources {
namespace {

using testing::TempDir;

TEST(Classify, YamlByContentNotName) {
  EXPECT_EQ(Classify("deploy/app.yaml", "---\n# api\napiVersion: apps/v1\nkind: Deployment\n"),
            InputKind::kKubernetes);
  EXPECT_EQ(Classify("stack.yml", "version: '3'\nservices:\n  web:\n    image: x\n"),
            InputKind::kCompose);
  EXPECT_EQ(Classify("docker-compose.override.yml", "version: '3'\n"), InputKind::kCompose);
  // Indented keys are not top-level: a values file that mentions kind is not a manifest.
  EXPECT_EQ(Classify("values.yaml", "image:\n  kind: x\n  apiVersion: y\n"), std::nullopt);
  EXPECT_EQ(Classify("config.yaml", "foo: bar\n"), std::nullopt);
  EXPECT_EQ(Classify("pod.json", "{\n  \"kind\": \"Pod\",\n  \"apiVersion\": \"v1\"\n}\n"),
            InputKind::kKubernetes);
  EXPECT_EQ(Classify("package.json", "{\"name\": \"x\", \"kind\": 1}\n"), std::nullopt);
  // Helm templates are not YAML until rendered.
  EXPECT_EQ(
      Classify("chart/templates/deploy.yaml",
               "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n"),
      std::nullopt);
}

TEST(Classify, ScriptsMakefilesAndCi) {
  EXPECT_EQ(Classify("run.sh", "docker run nginx\n"), InputKind::kShellScript);
  EXPECT_EQ(Classify("bin/start", "#!/usr/bin/env bash\npodman run x\n"), InputKind::kShellScript);
  EXPECT_EQ(Classify("bin/start", "#!/usr/bin/env python3\nprint('docker')\n"), std::nullopt);
  EXPECT_EQ(Classify("run.sh", "echo hi\n"), std::nullopt);  // no container run: not a target
  EXPECT_EQ(Classify("Makefile", "up:\n\tdocker run x\n"), InputKind::kMakefile);
  EXPECT_EQ(
      Classify(".github/workflows/ci.yml", "jobs:\n  a:\n    steps:\n      - run: docker run x\n"),
      InputKind::kCiYaml);
  EXPECT_EQ(Classify(".gitlab-ci.yml", "test:\n  script: [make]\n"), std::nullopt);
  EXPECT_EQ(Classify("Dockerfile.dev", ""), InputKind::kDockerfile);
}

TEST(Classify, KindNames) {
  EXPECT_EQ(ParseInputKind("k8s"), InputKind::kKubernetes);
  EXPECT_EQ(ParseInputKind("Compose"), InputKind::kCompose);
  EXPECT_EQ(ParseInputKind("docker-run"), InputKind::kShellScript);
  EXPECT_EQ(ParseInputKind("helm"), std::nullopt);
  EXPECT_STREQ(InputKindName(InputKind::kMakefile), "docker-run");
  EXPECT_STREQ(InputKindName(InputKind::kKubernetes), "kubernetes");
}

TEST(Discover, FindsEveryKindInATree) {
  TempDir dir;
  dir.Write("Dockerfile", "FROM scratch\n");
  dir.Write("k8s/app.yaml", "apiVersion: v1\nkind: Pod\n");
  dir.Write("compose.yaml", "services: {}\n");
  dir.Write("scripts/up.sh", "docker run x\n");
  dir.Write("notes.yaml", "a: 1\n");
  dir.Write("README.md", "docker run x\n");
  core::Diagnostics diags;
  auto found = Discover(dir.path().string(), {}, diags);
  ASSERT_TRUE(found.has_value());
  std::vector<std::pair<std::string, InputKind>> got;
  for (const auto& f : *found) {
    got.emplace_back(f.path.substr(f.path.rfind(dir.path().filename().string()) +
                                   dir.path().filename().string().size() + 1),
                     f.kind);
  }
  std::vector<std::pair<std::string, InputKind>> want = {
      {"Dockerfile", InputKind::kDockerfile},
      {"compose.yaml", InputKind::kCompose},
      {"k8s/app.yaml", InputKind::kKubernetes},
      {"scripts/up.sh", InputKind::kShellScript},
  };
  EXPECT_EQ(got, want);
}

TEST(HashComments, TargetsNextContentLineOrOwnLine) {
  auto comments = HashComments(
      "# drydock:ignore=DD808 header\n\nkind: Pod\n  # drydock:ignore=DD201 why\n"
      "  # hadolint ignore=DL3002\n  # not a pragma\n  - name: a\n"
      "    privileged: true  # drydock:ignore=DD803\n# drydock:ignore-file=DD501\n");
  ASSERT_EQ(comments.size(), 5u);  // only comments that can be pragmas
  EXPECT_EQ(comments[0].text, "drydock:ignore=DD808 header");
  EXPECT_EQ(comments[0].target_first, 3);
  EXPECT_EQ(comments[1].text, "drydock:ignore=DD201 why");
  EXPECT_EQ(comments[1].line, 4);
  EXPECT_EQ(comments[1].target_first, 7);
  EXPECT_EQ(comments[2].text, "hadolint ignore=DL3002");
  EXPECT_EQ(comments[2].target_first, 7);
  EXPECT_EQ(comments[3].text, "drydock:ignore=DD803");
  EXPECT_EQ(comments[3].line, 8);
  EXPECT_EQ(comments[3].target_first, 8);
  EXPECT_EQ(comments[4].target_first, 9);  // nothing follows: its own line
  EXPECT_TRUE(HashComments("# just a comment\nkind: Pod # another\n").empty());
}

}  // namespace
}  // namespace drydock::sources
