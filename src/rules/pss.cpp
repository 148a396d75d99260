// SPDX-License-Identifier: Apache-2.0
// The Pod Security Standards checks (FORMATS.md §4) over the RunSpecs of each workload. Pod-level
// fields are merged into every container by the adapter, so a pod-level violation is seen once
// per container and de-duplicated here by (control, message, origin).
//
// Limits of the model, by design:
// - runAsNonRoot: a pod-level `false` overridden by `true` on every container is not seen (the
//   merged value is true); PSS would reject it.
// - Probe/lifecycle `host` fields (1.34+) are not in RunSpec and are not checked.
// - Windows pods are exempt from the restricted seccomp, capabilities and allowPrivilegeEscalation
//   checks (Pod Security admission ≥ 1.25 exempts all three).
#include "rules/pss.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "core/strings.h"

namespace drydock::rules {
namespace {

using model::MountType;
using model::ProfileType;
using model::RunSpec;

constexpr std::string_view kSafeSysctls[] = {
    "kernel.shm_rmid_forced",
    "net.ipv4.ip_local_port_range",
    "net.ipv4.ip_unprivileged_port_start",
    "net.ipv4.tcp_syncookies",
    "net.ipv4.ping_group_range",
    "net.ipv4.ip_local_reserved_ports",
    "net.ipv4.tcp_keepalive_time",
    "net.ipv4.tcp_fin_timeout",
    "net.ipv4.tcp_keepalive_intvl",
    "net.ipv4.tcp_keepalive_probes",
    "net.ipv4.tcp_rmem",
    "net.ipv4.tcp_wmem",
};

constexpr std::string_view kRestrictedVolumes[] = {
    "configMap", "csi",   "downwardAPI", "emptyDir", "ephemeral", "image", "persistentVolumeClaim",
    "projected", "secret"};

constexpr std::string_view kSelinuxTypes[] = {"", "container_t", "container_init_t",
                                              "container_kvm_t"};

constexpr std::string_view kAppArmorAnnotation = "container.apparmor.security.beta.kubernetes.io/";

template <std::size_t N>
bool InList(std::string_view v, const std::string_view (&list)[N]) {
  return std::find(std::begin(list), std::end(list), v) != std::end(list);
}

// "containers[0] `web`" style label for messages.
std::string ContainerLabel(const RunSpec& s) {
  const char* role = "container";
  switch (s.role) {
    case model::ContainerRole::kInit:
      role = "init container";
      break;
    case model::ContainerRole::kSidecar:
      role = "sidecar container";
      break;
    case model::ContainerRole::kEphemeral:
      role = "ephemeral container";
      break;
    case model::ContainerRole::kContainer:
      break;
  }
  return std::string(role) + " `" + s.name + "`";
}

const char* ProfileName(ProfileType t) {
  switch (t) {
    case ProfileType::kRuntimeDefault:
      return "RuntimeDefault";
    case ProfileType::kLocalhost:
      return "Localhost";
    case ProfileType::kUnconfined:
      return "Unconfined";
  }
  return "?";
}

class Collector {
 public:
  explicit Collector(PssResult& out) : out_(out) {}

  // `per_pod`: a pod-level fact (a volume) that several containers repeat with their own mount
  // origins; reported once, at its first origin.
  void Add(PssLevel level, std::string control, std::string message, const core::Origin& where,
           bool per_pod = false) {
    auto key = per_pod
                   ? std::make_tuple(level, control, message, std::string(), 0, 0, std::string())
                   : std::make_tuple(level, control, message, where.file, where.line, where.column,
                                     where.path);
    for (const auto& k : seen_) {
      if (k == key) return;
    }
    seen_.push_back(key);
    out_.violations.push_back({level, std::move(control), std::move(message), where});
  }

 private:
  PssResult& out_;
  std::vector<std::tuple<PssLevel, std::string, std::string, std::string, int, int, std::string>>
      seen_;
};

const core::Origin& Pick(const core::Origin& field, const core::Origin& fallback) {
  return field.line > 0 || !field.path.empty() ? field : fallback;
}

void Baseline(const RunSpec& s, Collector& c) {
  constexpr PssLevel kB = PssLevel::kBaseline;
  const core::Origin& pod = Pick(s.pod_origin, s.origin);
  // Host namespaces.
  if (s.host_network.value_or(false)) {
    c.Add(kB, "Host Namespaces", "hostNetwork: true", s.host_network.origin);
  }
  if (s.host_pid.value_or(false)) c.Add(kB, "Host Namespaces", "hostPID: true", s.host_pid.origin);
  if (s.host_ipc.value_or(false)) c.Add(kB, "Host Namespaces", "hostIPC: true", s.host_ipc.origin);
  // Privileged containers.
  if (s.privileged.value_or(false)) {
    c.Add(kB, "Privileged Containers", ContainerLabel(s) + " sets privileged: true",
          s.privileged.origin);
  }
  // Capabilities beyond the baseline set.
  for (const auto& cap : s.cap_add) {
    std::string name = model::NormaliseCapability(cap.value);
    if (model::IsBaselineCapability(name)) continue;
    c.Add(kB, "Capabilities", ContainerLabel(s) + " adds capability " + name, cap.origin);
  }
  // HostPath volumes (mounted or not).
  for (const auto& m : s.mounts) {
    if (m.type != MountType::kBind && m.volume_type != "hostPath") continue;
    c.Add(kB, "HostPath Volumes", "volume `" + m.volume_name + "` is a hostPath (" + m.source + ")",
          m.origin, true);
  }
  // Host ports.
  for (const auto& p : s.ports) {
    if (p.host_port == 0) continue;
    c.Add(kB, "Host Ports", ContainerLabel(s) + " sets hostPort " + std::to_string(p.host_port),
          p.origin);
  }
  // AppArmor.
  if (s.apparmor.has() && *s.apparmor == ProfileType::kUnconfined) {
    c.Add(kB, "AppArmor", ContainerLabel(s) + " appArmorProfile is Unconfined", s.apparmor.origin);
  }
  for (const auto& [key, value] : s.annotations) {
    if (key.rfind(kAppArmorAnnotation, 0) != 0) continue;
    if (value.empty() || value == "runtime/default" || value.rfind("localhost/", 0) == 0) continue;
    c.Add(kB, "AppArmor", core::Concat({"annotation ", key, ": ", value}), pod);
  }
  // SELinux.
  if (s.selinux_type.has() && !InList(*s.selinux_type, kSelinuxTypes)) {
    c.Add(kB, "SELinux", "seLinuxOptions.type " + *s.selinux_type + " is not allowed",
          s.selinux_type.origin);
  }
  if (s.selinux_user.has() && !s.selinux_user->empty()) {
    c.Add(kB, "SELinux", "seLinuxOptions.user is set (" + *s.selinux_user + ")",
          s.selinux_user.origin);
  }
  if (s.selinux_role.has() && !s.selinux_role->empty()) {
    c.Add(kB, "SELinux", "seLinuxOptions.role is set (" + *s.selinux_role + ")",
          s.selinux_role.origin);
  }
  // /proc mount type (any value allowed inside a user namespace).
  const bool userns = s.host_users.has() && !*s.host_users;
  if (s.proc_mount.has() && *s.proc_mount != "Default" && !userns) {
    c.Add(kB, "/proc Mount Type", ContainerLabel(s) + " sets procMount: " + *s.proc_mount,
          s.proc_mount.origin);
  }
  // Seccomp.
  if (s.seccomp.has() && *s.seccomp == ProfileType::kUnconfined) {
    c.Add(kB, "Seccomp", ContainerLabel(s) + " seccompProfile is Unconfined", s.seccomp.origin);
  }
  // Sysctls.
  for (const auto& sc : s.sysctls) {
    if (InList(sc.name, kSafeSysctls)) continue;
    c.Add(kB, "Sysctls", "sysctl " + sc.name + " is not in the safe set", sc.origin);
  }
  // HostProcess.
  if (s.windows_host_process.value_or(false)) {
    c.Add(kB, "HostProcess", "windowsOptions.hostProcess: true", s.windows_host_process.origin);
  }
}

void Restricted(const RunSpec& s, Collector& c) {
  constexpr PssLevel kR = PssLevel::kRestricted;
  const bool windows = s.windows_pod.value_or(false);
  const bool userns = s.host_users.has() && !*s.host_users;
  // Volume types.
  for (const auto& m : s.mounts) {
    if (!m.volume_type.empty()) {
      if (InList(m.volume_type, kRestrictedVolumes)) continue;
      c.Add(kR, "Volume Types",
            "volume `" + m.volume_name + "` has type " + m.volume_type + ", which is not allowed",
            m.origin, true);
    } else if (m.type == MountType::kBind) {
      c.Add(kR, "Volume Types",
            "volume `" + m.volume_name + "` has type hostPath, which is not allowed", m.origin,
            true);
    }
  }
  // Privilege escalation.
  if (!windows && s.allow_privilege_escalation.value_or(true)) {
    c.Add(kR, "Privilege Escalation",
          ContainerLabel(s) + (s.allow_privilege_escalation.has()
                                   ? " sets allowPrivilegeEscalation: true"
                                   : " does not set allowPrivilegeEscalation: false"),
          Pick(s.allow_privilege_escalation.origin, s.origin));
  }
  // Running as non-root.
  if (!userns) {
    if (!s.run_as_non_root.has()) {
      c.Add(kR, "Running as Non-root", ContainerLabel(s) + " does not set runAsNonRoot: true",
            s.origin);
    } else if (!*s.run_as_non_root) {
      c.Add(kR, "Running as Non-root", ContainerLabel(s) + " sets runAsNonRoot: false",
            s.run_as_non_root.origin);
    }
    if (s.run_as_user.has() && *s.run_as_user == 0) {
      c.Add(kR, "Running as Non-root user", ContainerLabel(s) + " sets runAsUser: 0",
            s.run_as_user.origin);
    }
  }
  // Seccomp.
  if (!windows) {
    if (!s.seccomp.has()) {
      c.Add(kR, "Seccomp",
            ContainerLabel(s) + " has no seccompProfile (RuntimeDefault or Localhost)", s.origin);
    } else if (*s.seccomp == ProfileType::kUnconfined) {
      c.Add(kR, "Seccomp", ContainerLabel(s) + " seccompProfile is " + ProfileName(*s.seccomp),
            s.seccomp.origin);
    }
  }
  // Capabilities.
  if (!windows) {
    bool drops_all = std::any_of(s.cap_drop.begin(), s.cap_drop.end(), [](const model::Located& c) {
      return model::NormaliseCapability(c.value) == "ALL";
    });
    if (!drops_all) {
      c.Add(kR, "Capabilities", ContainerLabel(s) + " does not drop ALL capabilities",
            Pick(s.capabilities_set.origin, s.origin));
    }
    for (const auto& cap : s.cap_add) {
      std::string name = model::NormaliseCapability(cap.value);
      if (name == "NET_BIND_SERVICE") continue;
      c.Add(kR, "Capabilities", ContainerLabel(s) + " adds capability " + name, cap.origin);
    }
  }
  // /proc mount type: Default even in a user namespace (1.35).
  if (s.proc_mount.has() && *s.proc_mount != "Default" && userns) {
    c.Add(kR, "/proc Mount Type", ContainerLabel(s) + " sets procMount: " + *s.proc_mount,
          s.proc_mount.origin);
  }
}

}  // namespace

const char* PssLevelName(PssLevel level) {
  switch (level) {
    case PssLevel::kPrivileged:
      return "privileged";
    case PssLevel::kBaseline:
      return "baseline";
    case PssLevel::kRestricted:
      return "restricted";
  }
  return "unknown";
}

std::vector<PssResult> EvaluatePss(const model::RunSet& set) {
  std::map<int, std::vector<const RunSpec*>> by_workload;
  for (const auto& run : set.runs) {
    if (run.kind != model::RunKind::kKubernetes || run.workload_index < 0) continue;
    by_workload[run.workload_index].push_back(&run);
  }
  std::vector<PssResult> out;
  for (const auto& [index, runs] : by_workload) {
    PssResult result;
    result.workload_index = index;
    const auto& workloads = set.cluster.workloads;
    result.workload = static_cast<std::size_t>(index) < workloads.size()
                          ? workloads[static_cast<std::size_t>(index)].DisplayName()
                          : runs.front()->workload;
    Collector collector(result);
    for (const RunSpec* run : runs) Baseline(*run, collector);
    for (const RunSpec* run : runs) Restricted(*run, collector);
    bool baseline_ok =
        std::none_of(result.violations.begin(), result.violations.end(),
                     [](const PssViolation& v) { return v.level == PssLevel::kBaseline; });
    bool restricted_ok = baseline_ok && result.violations.empty();
    result.level = restricted_ok ? PssLevel::kRestricted
                   : baseline_ok ? PssLevel::kBaseline
                                 : PssLevel::kPrivileged;
    out.push_back(std::move(result));
  }
  return out;
}

}  // namespace drydock::rules
