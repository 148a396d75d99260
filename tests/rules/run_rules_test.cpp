// SPDX-License-Identifier: Apache-2.0
// Run-side checks of the user (DD201/204/205), supply (DD401-403/405/408), filesystem (DD501-504)
// and secret (DD601/607) rules over hand-built RunSpecs: where findings point, severities,
// messages, masking, the edge cases examples cannot show; the `sh -c` splitter they share; and
// one weakness (docker.sock) reported alike from the three syntaxes.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "rule_check.h"
#include "rules/catalog.h"
#include "shell/run_commands.h"

namespace drydock::rules {
namespace {

using model::EnvSource;
using model::MountType;
using model::RunKind;
using model::RunSpec;
using testing::Mentions;

using testing::At;

RunSpec Spec(RunKind kind) {
  RunSpec s;
  s.kind = kind;
  s.file = "in.yaml";
  s.origin = At(1, "container");
  s.name = "web";
  return s;
}

core::Findings CheckOne(std::string_view id, const RunSpec& spec,
                        const core::RuleSettings& settings = {}) {
  const rules::Rule* rule = Catalog().FindById(id);
  EXPECT_NE(rule, nullptr) << id;
  if (rule == nullptr) return {};
  EXPECT_TRUE(static_cast<bool>(rule->run)) << id << " has no run check";
  // A hand-built spec stands for an adapter's output: the adapter stores the commands it runs.
  RunSpec stored = spec;
  shell::StoreRunCommands(stored);
  core::Findings out;
  RunRunRule(*rule, stored, settings, out);
  return out;
}

model::Located Word(std::string text, int line = 5) { return {std::move(text), At(line)}; }

model::MountPoint Bind(std::string source, std::string target = "/mnt", bool ro = false) {
  model::MountPoint m;
  m.type = MountType::kBind;
  m.source = std::move(source);
  m.target = std::move(target);
  m.read_only = ro;
  m.origin = At(9);
  return m;
}

model::EnvVar Env(std::string name, std::string value, EnvSource source = EnvSource::kLiteral) {
  model::EnvVar e;
  e.name = std::move(name);
  e.value = std::move(value);
  e.source = source;
  e.origin = At(7);
  return e;
}

// ---------------------------------------------------------------------------------------------
// DD201
TEST(RunRootUser, KubernetesWithoutIdentityFiresAtTheContainer) {
  auto out = CheckOne("DD201", Spec(RunKind::kKubernetes));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].location.line, 1);
  EXPECT_EQ(out[0].severity, core::Severity::kHigh);
  EXPECT_TRUE(Mentions(out[0], "runAsNonRoot"));
}

TEST(RunRootUser, KubernetesRunAsUserDecides) {
  RunSpec s = Spec(RunKind::kKubernetes);
  s.run_as_non_root.Set(true, At(3));
  EXPECT_TRUE(CheckOne("DD201", s).empty());
  s.run_as_user.Set(0, At(4));
  auto out = CheckOne("DD201", s);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].location.line, 4);
  s.run_as_user.Set(1001, At(4));
  s.run_as_non_root.Set(false, At(3));
  EXPECT_TRUE(CheckOne("DD201", s).empty()) << "a non-zero uid runs as non-root";
}

TEST(RunRootUser, ExplicitRunAsNonRootFalsePointsAtIt) {
  RunSpec s = Spec(RunKind::kKubernetes);
  s.run_as_non_root.Set(false, At(6));
  auto out = CheckOne("DD201", s);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].location.line, 6);
}

TEST(RunRootUser, UserNamespaceLowersTheSeverityAndWindowsIsSkipped) {
  RunSpec s = Spec(RunKind::kKubernetes);
  s.host_users.Set(false, At(2));
  auto out = CheckOne("DD201", s);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].severity, core::Severity::kLow);
  EXPECT_TRUE(Mentions(out[0], "hostUsers"));
  RunSpec win = Spec(RunKind::kKubernetes);
  win.windows_pod.Set(true, At(2));
  EXPECT_TRUE(CheckOne("DD201", win).empty());
}

TEST(RunRootUser, DockerAndComposeUser) {
  RunSpec s = Spec(RunKind::kDockerRun);
  auto none = CheckOne("DD201", s);
  ASSERT_EQ(none.size(), 1u);
  EXPECT_TRUE(Mentions(none[0], "--user"));
  for (const char* root : {"root", "0", "0:1000", "root:app", " 0 "}) {
    s.user.Set(root, At(2));
    EXPECT_EQ(CheckOne("DD201", s).size(), 1u) << root;
  }
  for (const char* fine : {"app", "10001", "10001:0", "$UID", "${APP_UID}:${APP_GID}"}) {
    s.user.Set(fine, At(2));
    EXPECT_TRUE(CheckOne("DD201", s).empty()) << fine;
  }
  RunSpec c = Spec(RunKind::kCompose);
  auto out = CheckOne("DD201", c);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(Mentions(out[0], "user:"));
}

// DD204 / DD205
TEST(RunLowUid, UidAndGidReportedSeparately) {
  RunSpec s = Spec(RunKind::kKubernetes);
  s.run_as_user.Set(1000, At(3));
  s.run_as_group.Set(100, At(4));
  auto out = CheckOne("DD204", s);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].location.line, 3);
  EXPECT_EQ(out[1].location.line, 4);
  s.run_as_user.Set(10001, At(3));
  s.run_as_group.Set(0, At(4));
  EXPECT_TRUE(CheckOne("DD204", s).empty()) << "0 is DD205's";
}

TEST(RunLowUid, ParsesTheDockerUserWhenNoNumericFieldIsSet) {
  RunSpec s = Spec(RunKind::kDockerRun);
  s.user.Set("10001:100", At(2));
  auto out = CheckOne("DD204", s);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(Mentions(out[0], "gid"));
  s.user.Set("app:app", At(2));
  EXPECT_TRUE(CheckOne("DD204", s).empty());
  s.user.Set("10000", At(2));
  EXPECT_EQ(CheckOne("DD204", s).size(), 1u) << "10000 is at most 10000";
}

TEST(RunRootGroup, EveryPlaceGroupZeroCanHide) {
  RunSpec s = Spec(RunKind::kKubernetes);
  s.run_as_group.Set(0, At(3));
  s.fs_group.Set(0, At(4));
  s.supplemental_groups = {{10001, At(5)}, {0, At(6)}};
  auto out = CheckOne("DD205", s);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(testing::Lines(out), (std::vector<int>{3, 4, 6}));
  RunSpec d = Spec(RunKind::kDockerRun);
  d.user.Set("10001:root", At(2));
  EXPECT_EQ(CheckOne("DD205", d).size(), 1u);
  d.user.Set("10001", At(2));
  EXPECT_TRUE(CheckOne("DD205", d).empty()) << "no explicit group: the image decides";
}

// ---------------------------------------------------------------------------------------------
// DD501-DD504
TEST(RunWritableRoot, PointsAtAnExplicitFalse) {
  RunSpec s = Spec(RunKind::kKubernetes);
  s.read_only_root_fs.Set(false, At(8));
  auto out = CheckOne("DD501", s);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].location.line, 8);
  s.read_only_root_fs.Set(true, At(8));
  EXPECT_TRUE(CheckOne("DD501", s).empty());
  RunSpec d = Spec(RunKind::kDockerRun);
  auto dout = CheckOne("DD501", d);
  ASSERT_EQ(dout.size(), 1u);
  EXPECT_TRUE(Mentions(dout[0], "--read-only"));
}

TEST(RunTmpfsExec, FollowsTheRuntimeDefaults) {
  RunSpec s = Spec(RunKind::kDockerRun);
  model::MountPoint t;
  t.type = MountType::kTmpfs;
  t.target = "/tmp";
  t.origin = At(4);
  s.mounts = {t};
  EXPECT_TRUE(CheckOne("DD502", s).empty()) << "docker's tmpfs default is noexec,nosuid";
  s.mounts[0].options = {"rw", "exec", "size=64m"};
  auto out = CheckOne("DD502", s);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(Mentions(out[0], "exec"));
  s.mounts[0].options = {"exec", "noexec"};
  EXPECT_TRUE(CheckOne("DD502", s).empty()) << "the last option wins";
  s.mounts[0].options = {"suid"};
  EXPECT_EQ(CheckOne("DD502", s).size(), 1u);
}

TEST(RunTmpfsExec, MemoryEmptyDirFiresOnlyWhereMounted) {
  RunSpec s = Spec(RunKind::kKubernetes);
  model::MountPoint m;
  m.type = MountType::kEmptyDirMemory;
  m.volume_name = "cache";
  m.origin = At(12);
  s.mounts = {m};
  EXPECT_TRUE(CheckOne("DD502", s).empty()) << "not mounted by this container";
  s.mounts[0].target = "/cache";
  auto out = CheckOne("DD502", s);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(Mentions(out[0], "cannot set"));
  EXPECT_EQ(out[0].severity, core::Severity::kLow);
  s.mounts[0].type = MountType::kEmptyDir;
  EXPECT_TRUE(CheckOne("DD502", s).empty());
}

TEST(RunSensitiveHostMount, PathTable) {
  struct Case {
    const char* source;
    bool fires;
  };
  const Case cases[] = {
      {"/", true},
      {"//etc/./", true},
      {"/etc/ssl/certs", true},
      {"/etcetera", false},
      {"/var/run", true},
      {"/run/", true},
      {"/srv/data", false},
      {"/proc/../srv", false},
      {"/srv/../proc/1", true},
      {"/usr", true},
      {"/usr/share/zoneinfo", false},
      {"/var/lib/kubelet/pods", true},
      {"/var/log", false},
      {"~/.ssh", true},
      {"/home/ci/.aws/credentials", true},
      {"/home/ci/src", false},
      {"./data", false},
      {"data", false},
      {"C:\\Windows", false},
      {"/var/run/docker.sock", false},
      {"/run/containerd", false},
  };
  for (const auto& c : cases) {
    RunSpec s = Spec(RunKind::kDockerRun);
    s.mounts = {Bind(c.source)};
    EXPECT_EQ(CheckOne("DD503", s).size(), c.fires ? 1u : 0u) << c.source;
  }
}

TEST(RunSensitiveHostMount, BenignFilesOnlyWhenReadOnly) {
  RunSpec s = Spec(RunKind::kCompose);
  for (const char* source : {"/etc/localtime", "/etc/ssl/certs/", "/etc/resolv.conf"}) {
    s.mounts = {Bind(source, "/x", /*ro=*/true)};
    EXPECT_TRUE(CheckOne("DD503", s).empty()) << source;
    s.mounts = {Bind(source, "/x", /*ro=*/false)};
    EXPECT_EQ(CheckOne("DD503", s).size(), 1u) << source << " writable";
  }
  s.mounts = {Bind("/etc/pihole/", "/etc/pihole")};
  auto out = CheckOne("DD503", s);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(Mentions(out[0], "under /etc")) << out[0].message;
}

TEST(RunSensitiveHostMount, WritableRootIsCritical) {
  RunSpec s = Spec(RunKind::kKubernetes);
  s.mounts = {Bind("/", "/host")};
  auto out = CheckOne("DD503", s);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].severity, core::Severity::kCritical);
  EXPECT_TRUE(Mentions(out[0], "writable"));
  EXPECT_TRUE(Mentions(out[0], "hostPath"));
  s.mounts = {Bind("/", "/host", /*ro=*/true)};
  out = CheckOne("DD503", s);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].severity, core::Severity::kHigh);
  s.mounts = {Bind("/etc", "")};
  EXPECT_TRUE(CheckOne("DD503", s).empty()) << "a pod volume this container does not mount";
}

TEST(RunRuntimeSocketMount, SocketsAnywhere) {
  for (const char* source :
       {"/var/run/docker.sock", "/run/containerd/containerd.sock", "/var/run/crio/crio.sock",
        "//var/run//docker.sock/", "/run/user/1000/podman/podman.sock", "/run/containerd",
        "\\\\.\\pipe\\docker_engine"}) {
    RunSpec s = Spec(RunKind::kCompose);
    s.mounts = {Bind(source, "/var/run/docker.sock", /*ro=*/true)};
    auto out = CheckOne("DD504", s);
    ASSERT_EQ(out.size(), 1u) << source;
    EXPECT_EQ(out[0].severity, core::Severity::kCritical);
    EXPECT_EQ(out[0].location.line, 9);
  }
  for (const char* source : {"/var/run", "/srv/docker.socket", "/var/lib/docker"}) {
    RunSpec s = Spec(RunKind::kCompose);
    s.mounts = {Bind(source)};
    EXPECT_TRUE(CheckOne("DD504", s).empty()) << source;
  }
}

// ---------------------------------------------------------------------------------------------
// DD401-DD408
TEST(RunImageRules, TagDigestLatestAndUnknown) {
  RunSpec s = Spec(RunKind::kKubernetes);
  EXPECT_TRUE(CheckOne("DD401", s).empty()) << "no image (compose build:)";
  s.image.Set("nginx:1.27", At(3));
  auto out = CheckOne("DD401", s);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].location.line, 3);
  EXPECT_TRUE(CheckOne("DD402", s).empty());
  s.image.Set("nginx", At(3));
  ASSERT_EQ(CheckOne("DD402", s).size(), 1u);
  EXPECT_TRUE(Mentions(CheckOne("DD402", s)[0], "no tag"));
  s.image.Set("nginx:latest", At(3));
  EXPECT_EQ(CheckOne("DD402", s).size(), 1u);
  s.image.Set("nginx@sha256:0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9",
              At(3));
  EXPECT_TRUE(CheckOne("DD401", s).empty());
  EXPECT_TRUE(CheckOne("DD402", s).empty());
  for (const char* unknown : {"$IMAGE", "${REGISTRY}/app:${TAG}", "  "}) {
    s.image.Set(unknown, At(3));
    EXPECT_TRUE(CheckOne("DD401", s).empty()) << unknown;
    EXPECT_TRUE(CheckOne("DD402", s).empty()) << unknown;
  }
}

TEST(RunImageRules, TrustedRegistries) {
  core::RuleSettings settings;
  settings.trusted_registries = {"ghcr.io/myorg", "docker.io"};
  RunSpec s = Spec(RunKind::kDockerRun);
  s.image.Set("quay.io/evil/x:1", At(1));
  EXPECT_EQ(CheckOne("DD403", s, settings).size(), 1u);
  EXPECT_TRUE(CheckOne("DD403", s).empty()) << "off unless configured";
  s.image.Set("redis:7.4", At(1));
  EXPECT_TRUE(CheckOne("DD403", s, settings).empty()) << "docker.io listed";
  s.image.Set("ghcr.io/myorg/app:1", At(1));
  EXPECT_TRUE(CheckOne("DD403", s, settings).empty());
}

TEST(RunTlsVerifyOff, EnvironmentAndCommands) {
  RunSpec s = Spec(RunKind::kKubernetes);
  s.env = {Env("NODE_TLS_REJECT_UNAUTHORIZED", "0"),
           Env("GIT_SSL_NO_VERIFY", "true", EnvSource::kSecretRef), Env("PYTHONHTTPSVERIFY", "1")};
  auto out = CheckOne("DD405", s);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].location.line, 7);
  RunSpec c = Spec(RunKind::kKubernetes);
  c.command = {Word("sh"), Word("-ec"),
               Word("curl -fsSLk https://x.example/a | tar x; "
                    "GIT_SSL_NO_VERIFY=1 git clone https://x/r.git")};
  EXPECT_EQ(CheckOne("DD405", c).size(), 2u);
  c.command = {Word("curl"), Word("-o"), Word("k"), Word("https://x.example/a")};
  EXPECT_TRUE(CheckOne("DD405", c).empty()) << "`k` is the value of -o";
  c.command = {Word("/bin/bash"), Word("-c"),
               Word("export GIT_SSL_NO_VERIFY=true && git clone https://x/r.git")};
  EXPECT_EQ(CheckOne("DD405", c).size(), 1u);
}

TEST(RunContentTrustOff, FlagAndEnvironment) {
  RunSpec s = Spec(RunKind::kDockerRun);
  EXPECT_TRUE(CheckOne("DD408", s).empty());
  s.content_trust_disabled.Set(true, At(2));
  EXPECT_EQ(CheckOne("DD408", s).size(), 1u);
  s.content_trust_disabled.Set(false, At(2));
  s.env = {Env("DOCKER_CONTENT_TRUST", "false")};
  EXPECT_EQ(CheckOne("DD408", s).size(), 1u);
  s.env = {Env("DOCKER_CONTENT_TRUST", "1"), Env("DOCKER_CONTENT_TRUST", "0", EnvSource::kHost)};
  EXPECT_TRUE(CheckOne("DD408", s).empty());
}

// ---------------------------------------------------------------------------------------------
// DD601 / DD607
TEST(RunEnvLiteral, MaskedAndOnlyLiterals) {
  RunSpec s = Spec(RunKind::kCompose);
  s.env = {Env("DB_PASSWORD", "Xk9#mP2vL7qR4wZ"),
           Env("API_TOKEN", "ghp_" + std::string("0123456789abcdefghijABCDEFGHIJ3mpbCX"),
               EnvSource::kSecretRef),
           Env("SECRET_KEY", "changeme"),
           Env("NOTES", "ghp_" + std::string("aZ3kq9Lm2XcV8bN1pQ7rT5yU4wE6iO4Q0o9C"))};
  auto out = CheckOne("DD601", s);
  ASSERT_EQ(out.size(), 2u);
  for (const auto& f : out) {
    ASSERT_TRUE(f.secret.has_value());
    EXPECT_FALSE(Mentions(f, "Xk9#mP2vL7qR4wZ"));
    EXPECT_FALSE(Mentions(f, "aZ3kq9Lm2XcV8bN1pQ7rT5yU4wE6iO4Q0o9C"));
  }
  EXPECT_EQ(out[1].secret->rule, "github-token");
  s.env = {Env("GOOGLE_API_KEY", "GOOGLE_API_KEY_VAL"), Env("MYSQL_PASSWORD", "yourpassword"),
           Env("DB_PASSWORD", "DB_PASSWORD_SECRET_1")};
  EXPECT_TRUE(CheckOne("DD601", s).empty()) << "placeholders";
  s.env = {Env("DB_PASSWORD", "Xk9#mP2vL7qR4wZ")};
  s.env[0].interpolated = true;
  EXPECT_TRUE(CheckOne("DD601", s).empty()) << "from ${VAR}: not in the file";
}

TEST(RunInCommand, ArgsScriptsAndVariables) {
  RunSpec s = Spec(RunKind::kKubernetes);
  s.args = {Word("--password=s3cr3tPw", 4), Word("--port=8080", 4)};
  auto out = CheckOne("DD607", s);
  ASSERT_EQ(out.size(), 1u);
  ASSERT_TRUE(out[0].secret.has_value());
  EXPECT_FALSE(Mentions(out[0], "s3cr3tPw"));
  RunSpec c = Spec(RunKind::kDockerRun);
  c.args = {Word("sh"), Word("-c"),
            Word("curl -u admin:s3cr3tPw https://x.example/a && "
                 "curl -u admin:s3cr3tPw https://x.example/b")};
  EXPECT_EQ(CheckOne("DD607", c).size(), 1u) << "one value, reported once";
  c.args = {Word("sh"), Word("-c"), Word("curl -u \"admin:$API_PASS\" https://x.example/a")};
  EXPECT_TRUE(CheckOne("DD607", c).empty());
  c.args = {Word("git"), Word("clone"), Word("https://deploy:s3cr3tPw@git.example.org/r.git")};
  out = CheckOne("DD607", c);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].secret->rule, "url-credentials");
}

// ---------------------------------------------------------------------------------------------
TEST(SplitScript, QuotesOperatorsRedirectionsAssignments) {
  auto cmds = shell::SplitScript(
      "A=1 B='x y' curl -k \"https://a b\" 2>&1 >/dev/null | sh -s; echo 'a;b' && (cd /x)\n"
      "wget $(cat /u) # comment -k\n");
  ASSERT_EQ(cmds.size(), 5u);
  ASSERT_EQ(cmds[0].assignments.size(), 2u);
  EXPECT_EQ(cmds[0].assignments[1].second, "x y");
  ASSERT_EQ(cmds[0].words.size(), 3u);
  EXPECT_EQ(cmds[0].words[2].value, "https://a b");
  EXPECT_TRUE(cmds[0].piped);
  EXPECT_TRUE(cmds[1].piped);
  EXPECT_EQ(cmds[1].separator_before, "|");
  ASSERT_EQ(cmds[2].words.size(), 2u);
  EXPECT_EQ(cmds[2].words[1].value, "a;b");
  EXPECT_EQ(cmds[3].separator_before, "(");
  ASSERT_EQ(cmds[3].words.size(), 2u);
  ASSERT_EQ(cmds[4].words.size(), 2u) << "the comment is dropped";
  EXPECT_EQ(cmds[4].words[1].value, "$(cat /u)");
}

TEST(SplitScript, HostileInputIsBounded) {
  std::string text(200000, '(');
  text += std::string(100000, '"') + "$(" + std::string(50000, '\\');
  auto cmds = shell::SplitScript(text);
  EXPECT_LE(cmds.size(), text.size());
}

TEST(RunCommandsOf, ShellScriptsAndEntrypointArguments) {
  RunSpec s = Spec(RunKind::kKubernetes);
  EXPECT_TRUE(shell::RunCommandsOf(s).empty());
  s.command = {Word("/usr/bin/tini"), Word("--"), Word("sh"), Word("-xc", 6),
               Word("echo a; echo b", 7)};
  auto cmds = shell::RunCommandsOf(s);
  ASSERT_EQ(cmds.size(), 3u);
  EXPECT_FALSE(cmds[0].from_script);
  EXPECT_TRUE(cmds[1].from_script);
  EXPECT_EQ(cmds[2].origin.line, 7);
  RunSpec a = Spec(RunKind::kKubernetes);
  a.args = {Word("--password=x")};
  cmds = shell::RunCommandsOf(a);
  ASSERT_EQ(cmds.size(), 1u);
  ASSERT_EQ(cmds[0].command.words.size(), 2u);
  EXPECT_EQ(cmds[0].command.words[0].value, "") << "the image's entrypoint";
}

// ---------------------------------------------------------------------------------------------
// One weakness, three syntaxes (needs the adapters).
TEST(OneRuleSet, DockerSockIsDD504InEverySyntax) {
  auto kube = testing::CheckKube(
      "DD504",
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: ci\nspec:\n  containers:\n"
      "    - name: ci\n      image: docker:27\n      volumeMounts:\n"
      "        - name: sock\n          mountPath: /var/run/docker.sock\n"
      "  volumes:\n    - name: sock\n      hostPath:\n        path: /var/run/docker.sock\n");
  auto compose = testing::CheckCompose("DD504",
                                       "services:\n  ci:\n    image: docker:27\n    volumes:\n"
                                       "      - /var/run/docker.sock:/var/run/docker.sock\n");
  auto run = testing::CheckDockerRun(
      "DD504", "docker run -v /var/run/docker.sock:/var/run/docker.sock docker:27\n");
  for (const auto* out : {&kube, &compose, &run}) {
    ASSERT_EQ(out->size(), 1u);
    EXPECT_EQ((*out)[0].rule->id, "DD504");
    EXPECT_EQ((*out)[0].severity, core::Severity::kCritical);
    EXPECT_GT((*out)[0].location.line, 0);
  }
  EXPECT_EQ(kube[0].location.file, "example.yaml");
  EXPECT_EQ(compose[0].location.file, "compose.yaml");
  EXPECT_EQ(run[0].location.file, "run.sh");
}

}  // namespace
}  // namespace drydock::rules
