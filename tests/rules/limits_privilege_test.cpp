// SPDX-License-Identifier: Apache-2.0
// DD7xx (limits) and DD8xx (privilege, network) on the run side: what examples cannot express —
// the origin each finding points at, severities per capability, contexts where a rule stays
// silent, pod-level facts reported once per pod, the per-namespace NetworkPolicy logic. Most
// cases build model::RunSpec / RunSet by hand so they test the rule alone; the cross-syntax test
// at the end goes through the three adapters.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "rule_check.h"

namespace drydock::rules {
namespace {

using core::Severity;
using model::RunKind;
using model::RunSet;
using model::RunSpec;
using testing::CheckRunSet;
using testing::Mentions;

using testing::At;

// A container of `kind` that no rule of these areas should complain about, so each test changes
// exactly the field it is about.
RunSpec Hardened(RunKind kind) {
  RunSpec s;
  s.kind = kind;
  s.file = "in.yaml";
  s.origin = At(1, "container");
  s.name = "app";
  s.memory_limit.Set(512LL << 20, At(10));
  s.memory_swap.Set(512LL << 20, At(11));
  s.cpu_limit.Set(1.0, At(12));
  s.pids_limit.Set(256, At(13));
  s.nofile_soft.Set(1024, At(14));
  s.nofile_hard.Set(1024, At(14));
  s.cap_drop.push_back({"ALL", At(15)});
  s.allow_privilege_escalation.Set(false, At(16));
  if (kind == RunKind::kKubernetes) {
    s.cpu_request.Set(0.5, At(17));
    s.memory_request.Set(256LL << 20, At(18));
    s.seccomp.Set(model::ProfileType::kRuntimeDefault, At(19));
    s.automount_sa_token.Set(false, At(20));
    s.capabilities_set.Set(true, At(21));
    s.pod_origin = At(2, "spec");
    s.workload_index = 0;
  }
  return s;
}

core::Findings CheckOne(std::string_view id, const RunSpec& spec,
                        const core::RuleSettings& settings = {}) {
  RunSet set;
  set.runs.push_back(spec);
  return CheckRunSet(id, set, settings);
}

// Findings of one rule from CheckRuns (every rule, deduplicated as the CLI sees them).
core::Findings Deduped(std::string_view id, const RunSet& set) {
  core::Findings out;
  for (auto& f : CheckRuns(set, {})) {
    if (f.rule != nullptr && f.rule->id == id) out.push_back(f);
  }
  return out;
}

constexpr RunKind kAllKinds[] = {RunKind::kKubernetes, RunKind::kCompose, RunKind::kDockerRun};

// The hardened baseline is silent for every rule of both areas, in every syntax.
TEST(LimitsPrivilege, HardenedContainerIsSilent) {
  for (RunKind kind : kAllKinds) {
    for (std::string_view id :
         {"DD701", "DD702", "DD703", "DD704", "DD705", "DD706", "DD801", "DD802", "DD803", "DD804",
          "DD805", "DD806", "DD807", "DD808", "DD809", "DD810"}) {
      EXPECT_TRUE(CheckOne(id, Hardened(kind)).empty()) << id << " " << model::RunKindName(kind);
    }
  }
}

// ---- limits ---------------------------------------------------------------------------------

TEST(Limits, NoMemoryInEverySyntaxPointsAtTheContainer) {
  for (RunKind kind : kAllKinds) {
    RunSpec s = Hardened(kind);
    s.memory_limit = {};
    auto f = CheckOne("DD701", s);
    ASSERT_EQ(f.size(), 1u) << model::RunKindName(kind);
    EXPECT_EQ(f[0].location.line, 1);
    EXPECT_EQ(f[0].severity, Severity::kMedium);
  }
  RunSpec docker = Hardened(RunKind::kDockerRun);
  docker.memory_limit = {};
  EXPECT_TRUE(Mentions(CheckOne("DD701", docker).at(0), "--memory"));
  RunSpec compose = Hardened(RunKind::kCompose);
  compose.memory_limit = {};
  EXPECT_TRUE(Mentions(CheckOne("DD701", compose).at(0), "mem_limit"));
}

TEST(Limits, ZeroMemoryIsUnlimitedAtItsOrigin) {
  RunSpec s = Hardened(RunKind::kCompose);
  s.memory_limit.Set(0, At(42));
  auto f = CheckOne("DD701", s);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 42);
  EXPECT_TRUE(Mentions(f[0], "unlimited"));
}

TEST(Limits, EphemeralContainersCarryNoResources) {
  RunSpec s = Hardened(RunKind::kKubernetes);
  s.role = model::ContainerRole::kEphemeral;
  s.memory_limit = {};
  s.cpu_limit = {};
  s.cpu_request = {};
  s.memory_request = {};
  EXPECT_TRUE(CheckOne("DD701", s).empty());
  EXPECT_TRUE(CheckOne("DD702", s).empty());
  EXPECT_TRUE(CheckOne("DD706", s).empty());
  s.role = model::ContainerRole::kInit;  // init containers do carry resources
  EXPECT_EQ(CheckOne("DD701", s).size(), 1u);
}

TEST(Limits, CpuSharesCountOnDockerOnly) {
  RunSpec docker = Hardened(RunKind::kDockerRun);
  docker.cpu_limit = {};
  EXPECT_EQ(CheckOne("DD702", docker).size(), 1u);
  docker.cpu_shares.Set(512, At(30));
  EXPECT_TRUE(CheckOne("DD702", docker).empty());
  docker.cpu_shares.Set(0, At(30));  // 0 = the default weight, no setting
  EXPECT_EQ(CheckOne("DD702", docker).size(), 1u);

  RunSpec kube = Hardened(RunKind::kKubernetes);
  kube.cpu_limit.Set(0.0, At(31));
  auto f = CheckOne("DD702", kube);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 31);
  EXPECT_EQ(f[0].severity, Severity::kLow);
}

TEST(Limits, SwapUnboundedCases) {
  RunSpec s = Hardened(RunKind::kDockerRun);
  s.memory_swap = {};  // docker: 2x memory
  auto f = CheckOne("DD703", s);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 10) << "points at the memory limit that lacks its swap";
  EXPECT_TRUE(Mentions(f[0], "--memory-swap"));
  EXPECT_TRUE(Mentions(f[0], "512MiB"));

  s.memory_swap.Set(0, At(11));
  EXPECT_EQ(CheckOne("DD703", s).size(), 1u) << "0 is unset";
  s.memory_swap.Set(-1, At(11));
  f = CheckOne("DD703", s);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 11);
  EXPECT_TRUE(Mentions(f[0], "unlimited"));
  s.memory_swap.Set(1LL << 30, At(11));
  f = CheckOne("DD703", s);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Mentions(f[0], "512MiB of swap"));
  s.memory_swap.Set(512LL << 20, At(11));
  EXPECT_TRUE(CheckOne("DD703", s).empty());

  RunSpec compose = Hardened(RunKind::kCompose);
  compose.memory_swap = {};
  f = CheckOne("DD703", compose);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Mentions(f[0], "memswap_limit"));
  compose.memory_limit = {};
  EXPECT_TRUE(CheckOne("DD703", compose).empty()) << "no memory limit is DD701's";

  RunSpec kube = Hardened(RunKind::kKubernetes);
  kube.memory_swap = {};
  EXPECT_TRUE(CheckOne("DD703", kube).empty()) << "docker/compose only";
}

TEST(Limits, PidsAndNofileAreDockerComposeOnly) {
  for (RunKind kind : kAllKinds) {
    RunSpec s = Hardened(kind);
    s.pids_limit = {};
    s.nofile_soft = {};
    s.nofile_hard = {};
    const std::size_t expected = kind == RunKind::kKubernetes ? 0 : 1;
    EXPECT_EQ(CheckOne("DD704", s).size(), expected) << model::RunKindName(kind);
    EXPECT_EQ(CheckOne("DD705", s).size(), expected) << model::RunKindName(kind);
  }
  RunSpec s = Hardened(RunKind::kDockerRun);
  s.pids_limit.Set(-1, At(50));
  auto f = CheckOne("DD704", s);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 50);
  EXPECT_EQ(f[0].severity, Severity::kMedium);
  s.nofile_hard = {};  // soft alone is a setting
  EXPECT_TRUE(CheckOne("DD705", s).empty());
}

TEST(Limits, RequestsDefaultToLimits) {
  RunSpec s = Hardened(RunKind::kKubernetes);
  s.cpu_request = {};
  s.memory_request = {};
  EXPECT_TRUE(CheckOne("DD706", s).empty()) << "limits imply requests";
  s.cpu_limit = {};
  auto f = CheckOne("DD706", s);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Mentions(f[0], "CPU request"));
  EXPECT_FALSE(Mentions(f[0], "memory"));
  s.memory_limit = {};
  f = CheckOne("DD706", s);
  ASSERT_EQ(f.size(), 1u) << "one finding per container";
  EXPECT_TRUE(Mentions(f[0], "no CPU or memory request"));
  RunSpec compose = Hardened(RunKind::kCompose);
  compose.cpu_limit = {};
  compose.memory_limit = {};
  EXPECT_TRUE(CheckOne("DD706", compose).empty()) << "Kubernetes only";
}

// ---- privilege ------------------------------------------------------------------------------

TEST(Privilege, CapsNotDroppedFixPerSyntax) {
  RunSpec docker = Hardened(RunKind::kDockerRun);
  docker.cap_drop = {{"NET_RAW", At(60)}};
  auto f = CheckOne("DD801", docker);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 60);
  EXPECT_TRUE(Mentions(f[0], "--cap-drop=ALL"));

  RunSpec kube = Hardened(RunKind::kKubernetes);
  kube.cap_drop.clear();
  f = CheckOne("DD801", kube);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 21) << "the capabilities object";
  EXPECT_TRUE(Mentions(f[0], "drop: [ALL]"));

  kube.cap_drop = {{"all", At(61)}};
  EXPECT_TRUE(CheckOne("DD801", kube).empty()) << "any case";
  kube.cap_drop.clear();
  kube.windows_pod.Set(true, At(3));
  EXPECT_TRUE(CheckOne("DD801", kube).empty()) << "Windows pods";
  RunSpec privileged = Hardened(RunKind::kCompose);
  privileged.cap_drop.clear();
  privileged.privileged.Set(true, At(62));
  EXPECT_TRUE(CheckOne("DD801", privileged).empty()) << "DD803's";
}

TEST(Privilege, DangerousCapSeverities) {
  RunSpec s = Hardened(RunKind::kDockerRun);
  s.cap_add = {{"SYS_ADMIN", At(70)},      {"ALL", At(71)},      {"NET_RAW", At(72)},
               {"IPC_LOCK", At(73)},       {"CHOWN", At(74)},    {"NET_BIND_SERVICE", At(75)},
               {"cap_sys_ptrace", At(76)}, {"SYS_ADMIN", At(77)}};
  auto f = CheckOne("DD802", s);
  ASSERT_EQ(f.size(), 5u);
  EXPECT_EQ(f[0].location.line, 70);
  EXPECT_EQ(f[0].severity, Severity::kCritical);
  EXPECT_EQ(f[1].location.line, 71);
  EXPECT_EQ(f[1].severity, Severity::kCritical);
  EXPECT_EQ(f[2].location.line, 72);
  EXPECT_EQ(f[2].severity, Severity::kHigh);
  EXPECT_EQ(f[3].location.line, 73);
  EXPECT_EQ(f[3].severity, Severity::kLow) << "outside the default set, not dangerous";
  EXPECT_EQ(f[4].location.line, 76);
  EXPECT_EQ(f[4].severity, Severity::kHigh);
  EXPECT_TRUE(Mentions(f[4], "SYS_PTRACE"));

  core::RuleSettings allow;
  allow.allowed_capabilities = {"sys_admin", "CAP_NET_RAW"};
  f = CheckOne("DD802", s, allow);
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0].location.line, 71);
}

TEST(Privilege, PrivilegedAndEscalation) {
  RunSpec s = Hardened(RunKind::kKubernetes);
  EXPECT_TRUE(CheckOne("DD803", s).empty());
  s.privileged.Set(false, At(80));
  EXPECT_TRUE(CheckOne("DD803", s).empty());
  s.privileged.Set(true, At(80));
  auto f = CheckOne("DD803", s);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 80);
  EXPECT_EQ(f[0].severity, Severity::kCritical);

  s.allow_privilege_escalation = {};
  EXPECT_TRUE(CheckOne("DD804", s).empty()) << "privileged is DD803's";
  s.privileged = {};
  f = CheckOne("DD804", s);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 1);
  s.allow_privilege_escalation.Set(true, At(81));
  f = CheckOne("DD804", s);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 81);

  RunSpec compose = Hardened(RunKind::kCompose);
  compose.allow_privilege_escalation = {};
  f = CheckOne("DD804", compose);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Mentions(f[0], "no-new-privileges"));
}

// Pod-level facts are reported once per pod through CheckRuns.
TEST(Privilege, PodLevelFactsOncePerPod) {
  RunSet set;
  for (int i = 0; i < 3; ++i) {
    RunSpec s = Hardened(RunKind::kKubernetes);
    s.name = "c" + std::to_string(i);
    s.origin = At(100 + i, "containers[" + std::to_string(i) + "]");
    s.host_network.Set(true, At(5, "spec.hostNetwork"));
    s.host_pid.Set(true, At(6, "spec.hostPID"));
    s.seccomp = {};
    s.automount_sa_token = {};
    set.runs.push_back(s);
  }
  auto ns = Deduped("DD805", set);
  ASSERT_EQ(ns.size(), 2u);
  EXPECT_EQ(ns[0].location.line, 5);
  EXPECT_TRUE(Mentions(ns[0], "hostNetwork"));
  EXPECT_EQ(ns[1].location.line, 6);
  EXPECT_EQ(ns[1].severity, Severity::kHigh);

  auto seccomp = Deduped("DD806", set);
  ASSERT_EQ(seccomp.size(), 1u);
  EXPECT_EQ(seccomp[0].location.line, 2) << "the pod spec";
  EXPECT_EQ(seccomp[0].severity, Severity::kLow);

  auto token = Deduped("DD808", set);
  ASSERT_EQ(token.size(), 1u);
  EXPECT_EQ(token[0].location.line, 2);
}

TEST(Privilege, HostNamespacesDockerSide) {
  RunSpec s = Hardened(RunKind::kDockerRun);
  s.host_ipc.Set(true, At(90));
  s.host_uts.Set(true, At(91));
  s.host_userns.Set(true, At(92));
  s.host_users.Set(true, At(93));  // k8s hostUsers: true is the default, not a finding
  auto f = CheckOne("DD805", s);
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(testing::Lines(f), (std::vector<int>{90, 91, 92}));
  EXPECT_TRUE(Mentions(f[2], "userns"));
}

TEST(Privilege, SeccompByContext) {
  RunSpec docker = Hardened(RunKind::kDockerRun);
  EXPECT_TRUE(CheckOne("DD806", docker).empty()) << "docker's default profile";
  docker.seccomp.Set(model::ProfileType::kUnconfined, At(95));
  auto f = CheckOne("DD806", docker);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::kMedium);
  EXPECT_EQ(f[0].location.line, 95);
  docker.seccomp = {};
  docker.systempaths_unconfined.Set(true, At(96));
  EXPECT_TRUE(CheckOne("DD806", docker).empty()) << "systempaths is not seccomp";

  RunSpec kube = Hardened(RunKind::kKubernetes);
  kube.seccomp.Set(model::ProfileType::kLocalhost, At(97));
  EXPECT_TRUE(CheckOne("DD806", kube).empty());
  kube.seccomp = {};
  kube.pod_origin = {};
  f = CheckOne("DD806", kube);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 1) << "no pod origin: the container";
  kube.windows_pod.Set(true, At(3));
  EXPECT_TRUE(CheckOne("DD806", kube).empty());
}

TEST(Privilege, ApparmorAndSelinux) {
  RunSpec s = Hardened(RunKind::kCompose);
  s.apparmor.Set(model::ProfileType::kRuntimeDefault, At(110));
  EXPECT_TRUE(CheckOne("DD807", s).empty());
  s.apparmor.Set(model::ProfileType::kUnconfined, At(110));
  s.selinux_disabled.Set(true, At(111));
  auto f = CheckOne("DD807", s);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(testing::Lines(f), (std::vector<int>{110, 111}));
  EXPECT_TRUE(Mentions(f[1], "label=disable"));

  RunSpec kube = Hardened(RunKind::kKubernetes);
  kube.selinux_type.Set("container_t", At(112));
  EXPECT_TRUE(CheckOne("DD807", kube).empty());
  kube.selinux_type.Set("spc_t", At(112));
  ASSERT_EQ(CheckOne("DD807", kube).size(), 1u);
  kube.selinux_type = {};
  kube.annotations["container.apparmor.security.beta.kubernetes.io/app"] = "unconfined";
  ASSERT_EQ(CheckOne("DD807", kube).size(), 1u) << "the annotation form";
  kube.annotations["container.apparmor.security.beta.kubernetes.io/app"] = "runtime/default";
  EXPECT_TRUE(CheckOne("DD807", kube).empty());
}

TEST(Privilege, SaTokenKubernetesOnly) {
  RunSpec compose = Hardened(RunKind::kCompose);
  EXPECT_TRUE(CheckOne("DD808", compose).empty());
  RunSpec kube = Hardened(RunKind::kKubernetes);
  kube.automount_sa_token.Set(true, At(120));
  auto f = CheckOne("DD808", kube);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 120);
  EXPECT_EQ(f[0].severity, Severity::kLow);
}

model::Port MakePort(int container, int host, std::string proto, int line) {
  model::Port p;
  p.container_port = container;
  p.host_port = host;
  p.protocol = std::move(proto);
  p.origin = At(line);
  return p;
}

TEST(Privilege, SshPortRunSide) {
  RunSpec s = Hardened(RunKind::kDockerRun);
  s.ports = {MakePort(22, 2222, "tcp", 130), MakePort(22, 0, "udp", 131),
             MakePort(80, 22, "tcp", 132), MakePort(22, 0, "TCP", 133)};
  auto f = CheckOne("DD809", s);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(testing::Lines(f), (std::vector<int>{130, 133}));
  EXPECT_TRUE(Mentions(f[0], "2222"));
  EXPECT_EQ(Catalog().FindById("DD809")->info.reads, core::kReadsBuild | core::kReadsRun);
}

TEST(Privilege, HostPortByContext) {
  RunSpec kube = Hardened(RunKind::kKubernetes);
  kube.ports = {MakePort(80, 0, "tcp", 140), MakePort(80, 8080, "tcp", 141)};
  auto f = CheckOne("DD810", kube);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 141);
  RunSpec docker = Hardened(RunKind::kDockerRun);
  docker.ports = {MakePort(80, 8080, "tcp", 142), MakePort(8080, 80, "tcp", 143),
                  MakePort(53, 53, "udp", 144)};
  f = CheckOne("DD810", docker);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(testing::Lines(f), (std::vector<int>{143, 144}));
  docker.host_network.Set(true, At(145));
  EXPECT_TRUE(CheckOne("DD810", docker).empty()) << "on the host network DD805 reports it";
}

// ---- network (cluster) ----------------------------------------------------------------------

model::Workload MakeWorkload(std::string name, std::string ns, std::string app, int line) {
  model::Workload w;
  w.kind = "Deployment";
  w.name = std::move(name);
  w.namespace_ = std::move(ns);
  w.pod_labels = {{"app", std::move(app)}};
  w.origin = At(line);
  return w;
}

model::NetworkPolicy MakePolicy(std::string name, std::string ns, std::string app, bool ingress,
                                bool egress, std::size_t rules, int line) {
  model::NetworkPolicy p;
  p.name = std::move(name);
  p.namespace_ = std::move(ns);
  if (!app.empty()) p.pod_selector.match_labels = {{"app", std::move(app)}};
  p.ingress = ingress;
  p.egress = egress;
  p.ingress_rules = ingress ? rules : 0;
  p.egress_rules = egress ? rules : 0;
  p.origin = At(line);
  return p;
}

TEST(Network, NamespaceWithoutPoliciesIsOneFinding) {
  RunSet set;
  set.cluster.workloads = {MakeWorkload("web", "shop", "web", 1),
                           MakeWorkload("api", "shop", "api", 20),
                           MakeWorkload("db", "", "db", 40)};
  auto f = CheckRunSet("DD811", set);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].location.line, 1);
  EXPECT_TRUE(Mentions(f[0], "namespace `shop` has 2 workloads"));
  EXPECT_EQ(f[1].location.line, 40);
  EXPECT_TRUE(Mentions(f[1], "default namespace"));
  EXPECT_TRUE(CheckRunSet("DD811", RunSet{}).empty());
}

TEST(Network, PoliciesWithoutDefaultDenyAndUnselectedWorkloads) {
  RunSet set;
  set.cluster.workloads = {MakeWorkload("web", "shop", "web", 1),
                           MakeWorkload("api", "shop", "api", 20)};
  set.cluster.policies = {MakePolicy("web-in", "shop", "web", true, false, 1, 60),
                          MakePolicy("deny-out", "other", "", false, true, 0, 70)};
  auto f = CheckRunSet("DD811", set);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].location.line, 1);
  EXPECT_TRUE(Mentions(f[0], "ingress and egress"))
      << "the other namespace's policy does not count";
  EXPECT_EQ(f[1].location.line, 20);
  EXPECT_TRUE(Mentions(f[1], "Deployment/shop/api"));

  // A default deny split over two policies selects everything and closes both directions.
  set.cluster.policies.push_back(MakePolicy("deny-in", "shop", "", true, false, 0, 80));
  set.cluster.policies.push_back(MakePolicy("deny-out", "shop", "", false, true, 0, 90));
  EXPECT_TRUE(CheckRunSet("DD811", set).empty());

  // An empty selector with rules is not a deny, but it selects every workload.
  set.cluster.policies.pop_back();
  set.cluster.policies.push_back(MakePolicy("allow-out", "shop", "", false, true, 1, 90));
  f = CheckRunSet("DD811", set);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Mentions(f[0], "default-deny for egress"));
}

TEST(Network, MatchExpressionsAndHostNetwork) {
  RunSet set;
  set.cluster.workloads = {MakeWorkload("web", "shop", "web", 1),
                           MakeWorkload("agent", "shop", "agent", 20)};
  auto deny = MakePolicy("deny", "shop", "", true, true, 0, 50);
  auto web = MakePolicy("web", "shop", "", true, false, 1, 60);
  web.pod_selector.match_expressions.push_back({"app", "In", {"web", "www"}});
  set.cluster.policies = {web};
  RunSpec agent = Hardened(RunKind::kKubernetes);
  agent.workload_index = 1;
  agent.host_network.Set(true, At(21));
  set.runs.push_back(agent);
  auto f = CheckRunSet("DD811", set);
  ASSERT_EQ(f.size(), 1u) << "the hostNetwork workload is outside NetworkPolicy";
  EXPECT_TRUE(Mentions(f[0], "no default-deny"));
  set.cluster.policies.push_back(deny);
  EXPECT_TRUE(CheckRunSet("DD811", set).empty());
}

TEST(Network, DanglingPolicy) {
  RunSet set;
  set.cluster.workloads = {MakeWorkload("web", "shop", "web", 1)};
  set.cluster.policies = {MakePolicy("typo", "shop", "wbe", true, false, 1, 60),
                          MakePolicy("ok", "shop", "web", true, false, 1, 70),
                          MakePolicy("all", "shop", "", true, false, 0, 80),
                          MakePolicy("elsewhere", "billing", "api", true, false, 1, 90)};
  auto f = CheckRunSet("DD812", set);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 60);
  EXPECT_TRUE(Mentions(f[0], "`typo`"));
  EXPECT_EQ(f[0].severity, Severity::kLow);
}

// ---- one weakness, three syntaxes (through the adapters) -----------------------------------

TEST(CrossSyntax, SysAdminAndNoMemoryLimitSameRules) {
  constexpr std::string_view kKube =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n"
      "  selector:\n    matchLabels:\n      app: api\n  template:\n    metadata:\n"
      "      labels:\n        app: api\n    spec:\n      containers:\n      - name: api\n"
      "        image: my/api:1.0\n        securityContext:\n          capabilities:\n"
      "            add: [SYS_ADMIN]\n";
  constexpr std::string_view kCompose =
      "services:\n  api:\n    image: my/api:1.0\n    cap_add:\n      - SYS_ADMIN\n";
  constexpr std::string_view kDocker = "docker run -d --cap-add=SYS_ADMIN my/api:1.0\n";
  const std::pair<core::ExampleKind, std::string_view> inputs[] = {
      {core::ExampleKind::kKubernetes, kKube},
      {core::ExampleKind::kCompose, kCompose},
      {core::ExampleKind::kDockerRun, kDocker}};
  for (const auto& [kind, text] : inputs) {
    SCOPED_TRACE(std::string(text));
    RunSet set = testing::ParseRun(kind, text);
    ASSERT_EQ(set.runs.size(), 1u) << "the adapter yields the container";
    auto caps = CheckRunSet("DD802", set);
    ASSERT_EQ(caps.size(), 1u);
    EXPECT_EQ(caps[0].rule->id, "DD802");
    EXPECT_EQ(caps[0].severity, Severity::kCritical);
    EXPECT_GT(caps[0].location.line, 0);
    auto memory = CheckRunSet("DD701", set);
    ASSERT_EQ(memory.size(), 1u);
    EXPECT_EQ(memory[0].rule->id, "DD701");
  }
}

// Issue 3 acceptance: the seed's own snippets pass the limits and capability rules (and nothing
// of these areas is above LOW).
TEST(CrossSyntax, SeedSnippetsPass) {
  constexpr std::string_view kDocker =
      "docker run --read-only --tmpfs /tmp:rw,noexec,nosuid,size=64m --memory=512m "
      "--memory-swap=512m --cpus=1.0 --pids-limit=256 --ulimit nofile=1024:1024 --cap-drop=ALL "
      "--cap-add=NET_BIND_SERVICE --security-opt=no-new-privileges --user 1000:1000 "
      "nginx:1.27\n";
  RunSet docker = testing::ParseRun(core::ExampleKind::kDockerRun, kDocker);
  ASSERT_EQ(docker.runs.size(), 1u);
  for (std::string_view id : {"DD701", "DD702", "DD703", "DD704", "DD705", "DD801", "DD802",
                              "DD803", "DD804", "DD805", "DD806", "DD807", "DD810"}) {
    EXPECT_TRUE(CheckRunSet(id, docker).empty()) << id;
  }
  constexpr std::string_view kKube =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  namespace: shop\n"
      "spec:\n  selector:\n    matchLabels:\n      app: api\n  template:\n    metadata:\n"
      "      labels:\n        app: api\n    spec:\n      containers:\n      - name: api\n"
      "        image: my/api:1.0\n        securityContext:\n"
      "          readOnlyRootFilesystem: true\n          allowPrivilegeEscalation: false\n"
      "          runAsNonRoot: true\n          runAsUser: 1000\n"
      "          capabilities:\n            drop: [ALL]\n"
      "        resources:\n          requests:\n            cpu: 100m\n            memory: 128Mi\n"
      "          limits:\n            cpu: 500m\n            memory: 256Mi\n"
      "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n"
      "  name: default-deny\n  namespace: shop\nspec:\n  podSelector: {}\n"
      "  policyTypes: [Ingress, Egress]\n";
  RunSet kube = testing::ParseRun(core::ExampleKind::kKubernetes, kKube);
  ASSERT_EQ(kube.runs.size(), 1u);
  ASSERT_EQ(kube.cluster.policies.size(), 1u);
  for (const auto& rule : Catalog().rules()) {
    if (rule.info.id[2] != '7' && rule.info.id[2] != '8') continue;
    for (const auto& f : CheckRunSet(rule.info.id, kube)) {
      EXPECT_LE(f.severity, Severity::kLow) << rule.info.id << ": " << f.message;
    }
  }
  // The weak twin fires the expected rules.
  std::string weak(kKube);
  weak.replace(weak.find("drop: [ALL]"), 11, "add: [NET_ADMIN]");
  weak.replace(weak.find("allowPrivilegeEscalation: false"), 31, "privileged: true");
  weak.erase(weak.find("        resources:"), weak.find("---") - weak.find("        resources:"));
  RunSet twin = testing::ParseRun(core::ExampleKind::kKubernetes, weak);
  ASSERT_EQ(twin.runs.size(), 1u) << weak;
  for (std::string_view id : {"DD701", "DD702", "DD706", "DD802", "DD803"}) {
    EXPECT_FALSE(CheckRunSet(id, twin).empty()) << id << "\n" << weak;
  }
}

}  // namespace
}  // namespace drydock::rules
