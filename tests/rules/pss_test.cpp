// SPDX-License-Identifier: Apache-2.0
// The Pod Security Standards evaluator (FORMATS.md §4): every baseline and restricted control it
// can see in a RunSpec, the exemptions (Windows pods, user namespaces), levels per workload and
// de-duplication of pod-level facts; then the same on YAML manifests through the kube adapter.
#include "rules/pss.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "rule_check.h"

namespace drydock::rules {
namespace {

using model::MountType;
using model::ProfileType;
using model::RunSpec;

core::Origin At(int line) { return core::FileOrigin("pod.yaml", line, 1); }

// A container that meets the restricted level.
RunSpec Restricted(int workload = 0, std::string name = "app") {
  RunSpec s;
  s.kind = model::RunKind::kKubernetes;
  s.name = std::move(name);
  s.workload = "Pod/app";
  s.workload_index = workload;
  s.origin = At(10);
  s.pod_origin = At(5);
  s.run_as_non_root.Set(true, At(6));
  s.allow_privilege_escalation.Set(false, At(11));
  s.seccomp.Set(ProfileType::kRuntimeDefault, At(7));
  s.cap_drop = {{"ALL", At(12)}};
  s.capabilities_set.Set(true, At(12));
  return s;
}

model::RunSet SetOf(std::vector<RunSpec> runs, std::size_t workloads = 1) {
  model::RunSet set;
  set.file = "pod.yaml";
  for (std::size_t i = 0; i < workloads; ++i) {
    model::Workload w;
    w.kind = "Pod";
    w.name = "app" + std::to_string(i);
    w.namespace_ = "shop";
    set.cluster.workloads.push_back(w);
  }
  set.runs = std::move(runs);
  return set;
}

PssResult One(const RunSpec& s) {
  auto results = EvaluatePss(SetOf({s}));
  EXPECT_EQ(results.size(), 1u);
  return results.empty() ? PssResult{} : results.front();
}

bool Has(const PssResult& r, std::string_view control, PssLevel level) {
  return std::any_of(r.violations.begin(), r.violations.end(), [&](const PssViolation& v) {
    return v.control == control && v.level == level;
  });
}

// A spec that fails exactly one control at `level`.
void ExpectOnly(const RunSpec& s, std::string_view control, PssLevel level) {
  PssResult r = One(s);
  ASSERT_EQ(r.violations.size(), 1u) << control;
  EXPECT_EQ(r.violations[0].control, control);
  EXPECT_EQ(r.violations[0].level, level);
  EXPECT_EQ(r.level, level == PssLevel::kBaseline ? PssLevel::kPrivileged : PssLevel::kBaseline);
}

TEST(Pss, RestrictedContainerMeetsRestricted) {
  PssResult r = One(Restricted());
  EXPECT_EQ(r.level, PssLevel::kRestricted);
  EXPECT_TRUE(r.violations.empty());
  EXPECT_EQ(r.workload, "Pod/shop/app0");
  EXPECT_STREQ(PssLevelName(r.level), "restricted");
}

TEST(Pss, BaselineControls) {
  constexpr PssLevel kB = PssLevel::kBaseline;
  {
    RunSpec s = Restricted();
    s.host_network.Set(true, At(3));
    ExpectOnly(s, "Host Namespaces", kB);
  }
  {
    RunSpec s = Restricted();
    s.host_pid.Set(true, At(3));
    ExpectOnly(s, "Host Namespaces", kB);
  }
  {
    RunSpec s = Restricted();
    s.privileged.Set(true, At(13));
    ExpectOnly(s, "Privileged Containers", kB);
  }
  {
    RunSpec s = Restricted();
    s.cap_add = {{"NET_RAW", At(14)}};
    PssResult r = One(s);
    EXPECT_TRUE(Has(r, "Capabilities", kB));
    EXPECT_TRUE(Has(r, "Capabilities", PssLevel::kRestricted));
    EXPECT_EQ(r.level, PssLevel::kPrivileged);
  }
  {
    RunSpec s = Restricted();
    s.cap_add = {{"CHOWN", At(14)}};
    ExpectOnly(s, "Capabilities", PssLevel::kRestricted);
  }
  {
    RunSpec s = Restricted();
    s.cap_add = {{"NET_BIND_SERVICE", At(14)}};
    EXPECT_EQ(One(s).level, PssLevel::kRestricted);
  }
  {
    RunSpec s = Restricted();
    model::MountPoint m;
    m.type = MountType::kBind;
    m.source = "/var/log";
    m.volume_name = "logs";
    m.volume_type = "hostPath";
    m.origin = At(20);  // declared, not mounted: still forbidden
    s.mounts = {m};
    PssResult r = One(s);
    EXPECT_TRUE(Has(r, "HostPath Volumes", kB));
    EXPECT_TRUE(Has(r, "Volume Types", PssLevel::kRestricted));
  }
  {
    RunSpec s = Restricted();
    s.ports = {{8080, 0, "tcp", "", At(15)}, {8080, 80, "tcp", "", At(16)}};
    ExpectOnly(s, "Host Ports", kB);
  }
  {
    RunSpec s = Restricted();
    s.apparmor.Set(ProfileType::kUnconfined, At(17));
    ExpectOnly(s, "AppArmor", kB);
  }
  {
    RunSpec s = Restricted();
    s.annotations["container.apparmor.security.beta.kubernetes.io/app"] = "unconfined";
    ExpectOnly(s, "AppArmor", kB);
    s.annotations["container.apparmor.security.beta.kubernetes.io/app"] = "localhost/k8s-nginx";
    EXPECT_EQ(One(s).level, PssLevel::kRestricted);
  }
  {
    RunSpec s = Restricted();
    s.selinux_type.Set("spc_t", At(18));
    ExpectOnly(s, "SELinux", kB);
    s.selinux_type.Set("container_init_t", At(18));
    s.selinux_user.Set("system_u", At(18));
    ExpectOnly(s, "SELinux", kB);
    s.selinux_user = {};
    s.selinux_role.Set("sysadm_r", At(18));
    ExpectOnly(s, "SELinux", kB);
  }
  {
    RunSpec s = Restricted();
    s.proc_mount.Set("Unmasked", At(19));
    ExpectOnly(s, "/proc Mount Type", kB);
  }
  {
    RunSpec s = Restricted();
    s.seccomp.Set(ProfileType::kUnconfined, At(7));
    PssResult r = One(s);
    EXPECT_TRUE(Has(r, "Seccomp", kB));
    EXPECT_EQ(r.level, PssLevel::kPrivileged);
  }
  {
    RunSpec s = Restricted();
    s.sysctls = {{"net.ipv4.tcp_syncookies", "1", At(8)}, {"kernel.msgmax", "1", At(8)}};
    ExpectOnly(s, "Sysctls", kB);
  }
  {
    RunSpec s = Restricted();
    s.windows_host_process.Set(true, At(9));
    ExpectOnly(s, "HostProcess", kB);
  }
}

TEST(Pss, RestrictedControls) {
  constexpr PssLevel kR = PssLevel::kRestricted;
  {
    RunSpec s = Restricted();
    model::MountPoint m;
    m.type = MountType::kVolume;
    m.volume_name = "nfs";
    m.volume_type = "nfs";
    m.target = "/data";
    m.origin = At(21);
    s.mounts = {m};
    ExpectOnly(s, "Volume Types", kR);
    s.mounts[0].volume_type = "persistentVolumeClaim";
    EXPECT_EQ(One(s).level, PssLevel::kRestricted);
  }
  {
    RunSpec s = Restricted();
    s.allow_privilege_escalation = {};
    ExpectOnly(s, "Privilege Escalation", kR);
    s.allow_privilege_escalation.Set(true, At(11));
    ExpectOnly(s, "Privilege Escalation", kR);
  }
  {
    RunSpec s = Restricted();
    s.run_as_non_root = {};
    ExpectOnly(s, "Running as Non-root", kR);
    s.run_as_non_root.Set(false, At(6));
    ExpectOnly(s, "Running as Non-root", kR);
  }
  {
    RunSpec s = Restricted();
    s.run_as_user.Set(0, At(6));
    ExpectOnly(s, "Running as Non-root user", kR);
  }
  {
    RunSpec s = Restricted();
    s.seccomp = {};
    ExpectOnly(s, "Seccomp", kR);
    s.seccomp.Set(ProfileType::kLocalhost, At(7));
    EXPECT_EQ(One(s).level, PssLevel::kRestricted);
  }
  {
    RunSpec s = Restricted();
    s.cap_drop = {{"NET_RAW", At(12)}};
    ExpectOnly(s, "Capabilities", kR);
    s.cap_drop = {{"cap_all", At(12)}};
    EXPECT_EQ(One(s).level, PssLevel::kRestricted) << "CAP_ prefix and case are normalised";
  }
}

TEST(Pss, Exemptions) {
  // Windows pods: no seccomp, capabilities or allowPrivilegeEscalation requirement.
  RunSpec w = Restricted();
  w.windows_pod.Set(true, At(4));
  w.seccomp = {};
  w.cap_drop.clear();
  w.allow_privilege_escalation = {};
  EXPECT_EQ(One(w).level, PssLevel::kRestricted);
  // hostUsers: false: runAsNonRoot/runAsUser not required; procMount free at baseline only.
  RunSpec u = Restricted();
  u.host_users.Set(false, At(4));
  u.run_as_non_root = {};
  u.run_as_user.Set(0, At(6));
  EXPECT_EQ(One(u).level, PssLevel::kRestricted);
  u.proc_mount.Set("Unmasked", At(19));
  ExpectOnly(u, "/proc Mount Type", PssLevel::kRestricted);
}

TEST(Pss, PodLevelFactsOnceAndLevelsPerWorkload) {
  RunSpec a = Restricted(0, "a");
  RunSpec b = Restricted(0, "b");
  b.role = model::ContainerRole::kInit;
  for (RunSpec* s : {&a, &b}) {
    s->host_network.Set(true, At(3));  // pod-level: one origin
    model::MountPoint m;
    m.type = MountType::kBind;
    m.source = "/etc";
    m.volume_name = "etc";
    m.volume_type = "hostPath";
    m.target = "/host/etc";
    m.origin = At(s == &a ? 30 : 31);  // each container's own mount entry
    s->mounts = {m};
  }
  b.allow_privilege_escalation = {};
  RunSpec other = Restricted(1, "c");
  RunSpec compose = Restricted(-1, "svc");
  compose.kind = model::RunKind::kCompose;
  auto results = EvaluatePss(SetOf({a, b, other, compose}, 2));
  ASSERT_EQ(results.size(), 2u) << "compose services are not judged";
  const PssResult& r = results[0];
  EXPECT_EQ(r.workload_index, 0);
  EXPECT_EQ(r.level, PssLevel::kPrivileged);
  auto count = [&](std::string_view control) {
    return std::count_if(r.violations.begin(), r.violations.end(),
                         [&](const PssViolation& v) { return v.control == control; });
  };
  EXPECT_EQ(count("Host Namespaces"), 1);
  EXPECT_EQ(count("HostPath Volumes"), 1);
  EXPECT_EQ(count("Volume Types"), 1);
  ASSERT_EQ(count("Privilege Escalation"), 1);
  auto esc = std::find_if(r.violations.begin(), r.violations.end(), [](const PssViolation& v) {
    return v.control == "Privilege Escalation";
  });
  EXPECT_NE(esc->message.find("init container `b`"), std::string::npos) << esc->message;
  EXPECT_EQ(results[1].workload_index, 1);
  EXPECT_EQ(results[1].level, PssLevel::kRestricted);
}

// ---------------------------------------------------------------------------------------------
// Manifests through the kube adapter.
std::vector<PssResult> FromYaml(std::string_view text) {
  model::RunSet set = testing::ParseRun(core::ExampleKind::kKubernetes, text);
  EXPECT_TRUE(set.errors.empty()) << set.errors.front().message;
  return EvaluatePss(set);
}

TEST(PssManifests, RestrictedBaselineAndPrivilegedPods) {
  auto restricted = FromYaml(R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  template:
    spec:
      securityContext:
        runAsNonRoot: true
        seccompProfile: {type: RuntimeDefault}
      initContainers:
        - name: migrate
          image: api:1.0
          securityContext:
            allowPrivilegeEscalation: false
            capabilities: {drop: [ALL]}
      containers:
        - name: api
          image: api:1.0
          securityContext:
            allowPrivilegeEscalation: false
            capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}
          volumeMounts: [{name: tmp, mountPath: /tmp}]
      volumes:
        - name: tmp
          emptyDir: {medium: Memory}
)");
  ASSERT_EQ(restricted.size(), 1u);
  EXPECT_EQ(restricted[0].level, PssLevel::kRestricted)
      << (restricted[0].violations.empty() ? "" : restricted[0].violations[0].message);
  EXPECT_EQ(restricted[0].workload, "Deployment/shop/api");

  auto baseline = FromYaml(R"(apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
    - name: web
      image: nginx:1.27
      ports: [{containerPort: 80}]
)");
  ASSERT_EQ(baseline.size(), 1u);
  EXPECT_EQ(baseline[0].level, PssLevel::kBaseline);
  EXPECT_TRUE(Has(baseline[0], "Running as Non-root", PssLevel::kRestricted));
  EXPECT_TRUE(Has(baseline[0], "Seccomp", PssLevel::kRestricted));
  EXPECT_TRUE(Has(baseline[0], "Capabilities", PssLevel::kRestricted));
  EXPECT_TRUE(Has(baseline[0], "Privilege Escalation", PssLevel::kRestricted));

  auto privileged = FromYaml(R"(apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: kube-system}
spec:
  template:
    spec:
      hostPID: true
      hostNetwork: true
      containers:
        - name: agent
          image: agent:1.0
          ports: [{containerPort: 9100, hostPort: 9100}]
          securityContext:
            privileged: true
            capabilities: {add: [SYS_ADMIN]}
            seLinuxOptions: {type: spc_t}
            seccompProfile: {type: Unconfined}
          volumeMounts: [{name: root, mountPath: /host, readOnly: true}]
      volumes:
        - name: root
          hostPath: {path: /}
)");
  ASSERT_EQ(privileged.size(), 1u);
  const PssResult& p = privileged[0];
  EXPECT_EQ(p.level, PssLevel::kPrivileged);
  for (std::string_view control : {"Host Namespaces", "Privileged Containers", "Capabilities",
                                   "HostPath Volumes", "Host Ports", "SELinux", "Seccomp"}) {
    EXPECT_TRUE(Has(p, control, PssLevel::kBaseline)) << control;
  }
  for (const auto& v : p.violations) EXPECT_GT(v.origin.line, 0) << v.control << ": " << v.message;
}

}  // namespace
}  // namespace drydock::rules
