// SPDX-License-Identifier: Apache-2.0
// DD8xx: privileges and isolation (seed practice 8) and network policy coverage (practice 11).
// On the build side only the exposed ports say anything: an image that exposes 22 ships (or
// expects) an SSH daemon, a second way in that bypasses the orchestrator's access control. The
// run-side rules (capabilities, privileged, escalation, host namespaces, seccomp/AppArmor, the
// service-account token, ports) read RunSpec, whatever syntax described the container; the
// network rules read the Cluster of every workload and NetworkPolicy seen in one scan.
//
// Pod-level facts (host namespaces, the service-account token, a missing pod seccomp profile)
// are reported at the pod-level origin with a message that does not name the container, so
// CheckRuns reports them once per pod. Windows pods have no Linux capabilities, seccomp,
// AppArmor or no_new_privs: those rules skip them.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/strings.h"
#include "rules/catalog.h"
#include "rules/detail/build_stages.h"
#include "rules/detail/build_util.h"
#include "rules/detail/examples.h"

namespace drydock::rules {
namespace {

using core::Reporter;
using core::Severity;
using detail::Compose;
using detail::DockerRun;
using detail::Lower;
using detail::Pod;
using model::BuildSpec;
using model::RunKind;
using model::RunSet;
using model::RunSpec;

constexpr std::uint8_t kB = core::kReadsBuild;
constexpr std::uint8_t kR = core::kReadsRun;
constexpr std::uint8_t kC = core::kReadsCluster;

// Parses "N" or "N-M" (ports 0..65535) into [low, high]; false when malformed.
bool ParsePortRange(std::string_view text, long& low, long& high) {
  auto parse = [](std::string_view s, long& out) {
    if (s.empty() || s.size() > 5) return false;
    out = 0;
    for (char c : s) {
      if (c < '0' || c > '9') return false;
      out = out * 10 + (c - '0');
    }
    return out <= 65535;
  };
  auto dash = text.find('-');
  if (dash == std::string_view::npos) {
    if (!parse(text, low)) return false;
    high = low;
    return true;
  }
  return parse(text.substr(0, dash), low) && parse(text.substr(dash + 1), high) && low <= high;
}

// True when an EXPOSE argument ("22", "22/tcp", "20-30", "2222/udp") covers TCP port 22.
bool ExposesSsh(std::string_view arg) {
  std::string_view port = arg;
  std::string proto = "tcp";
  if (auto slash = arg.find('/'); slash != std::string_view::npos) {
    port = arg.substr(0, slash);
    proto = Lower(arg.substr(slash + 1));
  }
  if (proto != "tcp") return false;  // SSH is TCP; `22/udp` is something else
  long low = 0;
  long high = 0;
  return ParsePortRange(port, low, high) && low <= 22 && 22 <= high;
}

// --- run side -------------------------------------------------------------------------------

bool IsKube(const RunSpec& spec) { return spec.kind == RunKind::kKubernetes; }

// "container `api`", "service `api`", "the container" (docker run without --name).
std::string Subject(const RunSpec& spec) {
  if (spec.kind == RunKind::kCompose) {
    return spec.name.empty() ? "the service" : "service `" + spec.name + "`";
  }
  return spec.name.empty() ? "the container" : "container `" + spec.name + "`";
}

// Where a pod-level fact that is *missing* is reported: the pod spec (once per pod), or the
// container when the adapter gave no pod origin.
const core::Origin& PodOrContainer(const RunSpec& spec) {
  const bool has_pod = !spec.pod_origin.file.empty() || spec.pod_origin.line != 0;
  return has_pod ? spec.pod_origin : spec.origin;
}

bool HasCap(const std::vector<model::Located>& caps, std::string_view name) {
  return std::any_of(caps.begin(), caps.end(), [&](const model::Located& c) {
    return model::NormaliseCapability(c.value) == name;
  });
}

// Capabilities that give a way out of the container or power over the host or its network.
struct DangerousCap {
  std::string_view name;
  Severity severity;
  std::string_view why;
};
constexpr DangerousCap kDangerousCaps[] = {
    {"ALL", Severity::kCritical, "every capability: root on the host in all but name"},
    {"SYS_ADMIN", Severity::kCritical, "mount, namespaces, BPF and more: the usual escape route"},
    {"SYS_PTRACE", Severity::kHigh, "trace and inject into other processes"},
    {"SYS_MODULE", Severity::kHigh, "load kernel modules"},
    {"SYS_RAWIO", Severity::kHigh, "raw I/O on devices and ports"},
    {"SYS_BOOT", Severity::kHigh, "reboot the host, load a new kernel"},
    {"SYS_TIME", Severity::kHigh, "set the host clock"},
    {"SYS_RESOURCE", Severity::kHigh, "override resource limits and quotas"},
    {"NET_ADMIN", Severity::kHigh, "reconfigure interfaces, routes and firewall rules"},
    {"NET_RAW", Severity::kHigh, "raw sockets: spoofing and ARP/DNS poisoning on the network"},
    {"DAC_READ_SEARCH", Severity::kHigh, "read any file; open_by_handle_at escapes (shocker)"},
    {"BPF", Severity::kHigh, "load BPF programs into the kernel"},
    {"PERFMON", Severity::kHigh, "kernel performance monitoring, a kernel attack surface"},
    {"MAC_ADMIN", Severity::kHigh, "reconfigure AppArmor/SELinux"},
    {"MAC_OVERRIDE", Severity::kHigh, "bypass AppArmor/SELinux"},
};

void CapsNotDropped(const RunSpec& spec, Reporter& r) {
  if (spec.IsWindowsPod()) return;
  if (spec.privileged.value_or(false)) return;  // privileged ignores cap_drop; DD803 reports it
  if (HasCap(spec.cap_drop, "ALL")) return;
  std::string fix;
  const core::Origin* where = &spec.origin;
  switch (spec.kind) {
    case RunKind::kKubernetes:
      fix = "set securityContext.capabilities.drop: [ALL]";
      if (spec.capabilities_set.has()) where = &spec.capabilities_set.origin;
      break;
    case RunKind::kCompose:
      fix = "add `cap_drop: [ALL]` (and cap_add only what it needs)";
      break;
    case RunKind::kDockerRun:
      fix = "add --cap-drop=ALL (and --cap-add only what it needs)";
      break;
  }
  if (!spec.cap_drop.empty() && spec.kind != RunKind::kKubernetes) {
    where = &spec.cap_drop.front().origin;
  }
  r.Report(*where, Subject(spec) + " keeps the runtime's default capabilities: " + fix);
}

rules::Rule RuleDD801() {
  return {
      .info =
          {
              .id = "DD801",
              .slug = "privilege/caps-not-dropped",
              .title = "Capabilities not dropped",
              .severity = Severity::kMedium,
              .practice = 8,
              .reads = kR,
              .rationale =
                  "Runtimes give a container a default set of capabilities (docker: 14, "
                  "NET_RAW and MKNOD included) that most programs never use; each is kernel "
                  "attack surface. Dropping ALL and adding back only what the program needs "
                  "is the Pod Security Standards' restricted profile. Silent for privileged "
                  "containers (DD803: privileged ignores cap_drop) and for Windows pods "
                  "(no Linux capabilities).",
              .remediation = "Kubernetes: `securityContext.capabilities.drop: [ALL]`; compose: "
                             "`cap_drop: [ALL]`; docker run: `--cap-drop=ALL`; then add back only "
                             "what is needed (e.g. NET_BIND_SERVICE).",
              .references = {"KSV-0003", "seed practice 8", "PSS restricted"},
              .examples =
                  {
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("-d"),
                       .fires = true,
                       .severity = Severity::kMedium},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("-d --cap-drop=NET_RAW"),
                       .fires = true,
                       .severity = Severity::kMedium,
                       .note = "dropping some is not dropping all"},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("-d --cap-drop=ALL --cap-add=NET_BIND_SERVICE"),
                       .fires = false},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("-d --cap-drop all"),
                       .fires = false,
                       .note = "any case"},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = Pod(
                           "  containers:\n  - name: web\n    image: nginx:1.27\n"
                           "    securityContext:\n      capabilities:\n        drop: [NET_RAW]\n"),
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 11},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input =
                           Pod("  containers:\n  - name: web\n    image: nginx:1.27\n"
                               "    securityContext:\n      capabilities:\n        drop: [ALL]\n"),
                       .fires = false},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input =
                           "apiVersion: v1\nkind: Pod\nmetadata:\n  name: win\nspec:\n"
                           "  os:\n    name: windows\n"
                           "  containers:\n  - name: win\n    image: mcr.microsoft.com/windows/"
                           "nanoserver:ltsc2022\n",
                       .fires = false,
                       .note = "Windows pods have no Linux capabilities"},
                      {.kind = core::ExampleKind::kCompose,
                       .input = Compose(""),
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2},
                      {.kind = core::ExampleKind::kCompose,
                       .input = Compose("    cap_drop: [ALL]\n"),
                       .fires = false},
                  },
          },
      .run = CapsNotDropped,
  };
}

// Settings of the DD802 example that allows NET_ADMIN (static storage: examples keep a pointer).
const core::RuleSettings& AllowNetAdmin() {
  static const core::RuleSettings settings = [] {
    core::RuleSettings s;
    s.allowed_capabilities = {"NET_BIND_SERVICE", "NET_ADMIN"};
    return s;
  }();
  return settings;
}

void DangerousCapability(const RunSpec& spec, Reporter& r) {
  if (spec.IsWindowsPod()) return;
  const auto& allowed = r.settings().allowed_capabilities;
  std::set<std::string> seen;
  for (const auto& cap : spec.cap_add) {
    std::string name = model::NormaliseCapability(cap.value);
    if (name.empty() || !seen.insert(name).second) continue;
    if (std::any_of(allowed.begin(), allowed.end(),
                    [&](const std::string& a) { return model::NormaliseCapability(a) == name; })) {
      continue;
    }
    auto it = std::find_if(std::begin(kDangerousCaps), std::end(kDangerousCaps),
                           [&](const DangerousCap& d) { return d.name == name; });
    if (it != std::end(kDangerousCaps)) {
      r.Report(cap.origin, Subject(spec) + " adds capability " + name + ": " + std::string(it->why),
               it->severity);
      continue;
    }
    if (model::IsBaselineCapability(name)) {
      continue;
    }
    r.Report(cap.origin,
             Subject(spec) + " adds capability " + name +
                 ", beyond the runtime's default set (Pod Security Standards baseline)",
             Severity::kLow);
  }
}

rules::Rule RuleDD802() {
  return {
      .info =
          {
              .id = "DD802",
              .slug = "privilege/dangerous-cap",
              .title = "Dangerous capability added",
              .severity = Severity::kHigh,
              .practice = 8,
              .reads = kR,
              .rationale =
                  "Some capabilities hand the container power over the host or its network: "
                  "SYS_ADMIN (mounts, namespaces: the usual escape) and ALL are CRITICAL; "
                  "SYS_PTRACE, SYS_MODULE, SYS_RAWIO, SYS_BOOT, SYS_TIME, SYS_RESOURCE, "
                  "NET_ADMIN, NET_RAW, DAC_READ_SEARCH, BPF, PERFMON, MAC_ADMIN and "
                  "MAC_OVERRIDE are HIGH. Any other capability outside the runtime's default "
                  "set (the PSS baseline list) is reported LOW; adding back a default one "
                  "(CHOWN, SETUID, …) after dropping ALL is normal and silent. Capabilities "
                  "in `allowed-capabilities` (default NET_BIND_SERVICE) are never reported. "
                  "One finding per capability, where it is added.",
              .remediation =
                  "Remove the capability; if the program really needs one, grant that one "
                  "only and list it in `allowed-capabilities` with the reason.",
              .references = {"KSV-0005", "KSV-0022", "KSV-0106", "KSV-0119", "KSV-0120",
                             "CKV_K8S_39", "CIS 5.4"},
              .examples =
                  {
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("-d --cap-add=SYS_ADMIN"),
                       .fires = true,
                       .severity = Severity::kCritical,
                       .note = "CRITICAL"},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("-d --cap-add cap_net_raw"),
                       .fires = true,
                       .severity = Severity::kHigh,
                       .note = "CAP_ prefix and case do not matter"},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("-d --cap-drop=ALL --cap-add=NET_BIND_SERVICE"),
                       .fires = false},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = "docker run -d --cap-add=NET_ADMIN my/vpn:1.0\n",
                       .fires = false,
                       .note = "allowed by configuration",
                       .settings = &AllowNetAdmin()},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input =
                           "apiVersion: v1\nkind: Pod\nmetadata:\n  name: dbg\nspec:\n"
                           "  containers:\n  - name: dbg\n    image: my/debug:1.0\n"
                           "    securityContext:\n      capabilities:\n        add: [SYS_PTRACE]\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 11},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input =
                           Pod("  containers:\n  - name: web\n    image: nginx:1.27\n"
                               "    securityContext:\n      capabilities:\n        drop: [ALL]\n"
                               "        add: [CHOWN, NET_BIND_SERVICE]\n"),
                       .fires = false,
                       .note = "default capabilities added back"},
                      {.kind = core::ExampleKind::kCompose,
                       .input = "services:\n  app:\n    image: my/app:1.0\n    cap_add: [ALL]\n",
                       .fires = true,
                       .severity = Severity::kCritical,
                       .line = 4},
                      {.kind = core::ExampleKind::kCompose,
                       .input = "services:\n  app:\n    image: my/app:1.0\n"
                                "    cap_add: [NET_BIND_SERVICE]\n",
                       .fires = false},
                  },
          },
      .run = DangerousCapability,
  };
}

void Privileged(const RunSpec& spec, Reporter& r) {
  if (!spec.privileged.value_or(false)) return;
  r.Report(spec.privileged.origin,
           Subject(spec) +
               " runs privileged: every capability and device of the host, no "
               "seccomp or AppArmor confinement");
}

rules::Rule RuleDD803() {
  return {
      .info =
          {
              .id = "DD803",
              .slug = "privilege/privileged",
              .title = "Privileged container",
              .severity = Severity::kCritical,
              .practice = 8,
              .reads = kR,
              .rationale =
                  "A privileged container gets every capability and every host device, and "
                  "runs without seccomp and AppArmor confinement: escaping to the host takes "
                  "one mount. Nothing else in the container's configuration matters then.",
              .remediation = "Remove `privileged`; grant the one capability or device the program "
                             "needs instead.",
              .references = {"KSV-0017", "CKV_K8S_16", "CIS 5.5", "PSS baseline"},
              .examples =
                  {
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = "docker run -d --privileged my/agent:1.0\n",
                       .fires = true,
                       .severity = Severity::kCritical},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("-d"),
                       .fires = false},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n"
                                "  containers:\n  - name: agent\n    image: my/agent:1.0\n"
                                "    securityContext:\n      privileged: true\n",
                       .fires = true,
                       .severity = Severity::kCritical,
                       .line = 10},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n"
                                "  containers:\n  - name: agent\n    image: my/agent:1.0\n"
                                "    securityContext:\n      privileged: false\n",
                       .fires = false},
                      {.kind = core::ExampleKind::kCompose,
                       .input =
                           "services:\n  agent:\n    image: my/agent:1.0\n    privileged: true\n",
                       .fires = true,
                       .severity = Severity::kCritical,
                       .line = 4},
                      {.kind = core::ExampleKind::kCompose,
                       .input = "services:\n  agent:\n    image: my/agent:1.0\n",
                       .fires = false},
                  },
          },
      .run = Privileged,
  };
}

void Escalation(const RunSpec& spec, Reporter& r) {
  if (spec.IsWindowsPod()) return;
  // A privileged container always can escalate (the API server even rejects
  // allowPrivilegeEscalation: false next to privileged: true); DD803 reports it.
  if (spec.privileged.value_or(false)) return;
  if (spec.allow_privilege_escalation.has() && !*spec.allow_privilege_escalation) return;
  std::string fix;
  switch (spec.kind) {
    case RunKind::kKubernetes:
      fix = "set securityContext.allowPrivilegeEscalation: false";
      break;
    case RunKind::kCompose:
      fix = "add `security_opt: [\"no-new-privileges:true\"]`";
      break;
    case RunKind::kDockerRun:
      fix = "add --security-opt=no-new-privileges";
      break;
  }
  const bool explicit_true = spec.allow_privilege_escalation.has();
  r.Report(explicit_true ? spec.allow_privilege_escalation.origin : spec.origin,
           Subject(spec) +
               (explicit_true ? " explicitly allows privilege escalation"
                              : " allows privilege escalation (setuid binaries, "
                                "file capabilities)") +
               ": " + fix);
}

rules::Rule RuleDD804() {
  return {
      .info =
          {
              .id = "DD804",
              .slug = "privilege/escalation",
              .title = "Privilege escalation allowed",
              .severity = Severity::kMedium,
              .practice = 8,
              .reads = kR,
              .rationale =
                  "Unless no_new_privs is set, a process can gain privileges through setuid "
                  "binaries and file capabilities (sudo, su, ping, …): a non-root user is a "
                  "weaker boundary. Kubernetes: allowPrivilegeEscalation is true unless "
                  "written false; docker/compose: only `no-new-privileges` sets it. Silent "
                  "for privileged containers (always able to escalate; DD803 reports them, "
                  "and the API server rejects the combination) and Windows pods.",
              .remediation =
                  "Kubernetes: `securityContext.allowPrivilegeEscalation: false`; compose: "
                  "`security_opt: [\"no-new-privileges:true\"]`; docker run: "
                  "`--security-opt=no-new-privileges`.",
              .references = {"KSV-0001", "CKV_K8S_20", "CIS 5.26"},
              .examples =
                  {
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("-d"),
                       .fires = true,
                       .severity = Severity::kMedium},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("-d --security-opt no-new-privileges"),
                       .fires = false},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = "docker run -d --privileged my/agent:1.0\n",
                       .fires = false,
                       .note = "privileged is DD803's"},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = Pod("  containers:\n  - name: web\n    image: nginx:1.27\n"),
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 7,
                       .note = "unset means allowed"},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input =
                           Pod("  containers:\n  - name: web\n    image: nginx:1.27\n"
                               "    securityContext:\n      allowPrivilegeEscalation: false\n"),
                       .fires = false},
                      {.kind = core::ExampleKind::kCompose,
                       .input = Compose(""),
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2},
                      {.kind = core::ExampleKind::kCompose,
                       .input = Compose("    security_opt:\n"
                                        "      - no-new-privileges:true\n"),
                       .fires = false},
                  },
          },
      .run = Escalation,
  };
}

void HostNamespace(const RunSpec& spec, Reporter& r) {
  struct Ns {
    const model::Field<bool>* field;
    std::string_view kube;  // as written in each syntax
    std::string_view compose;
    std::string_view docker;
    std::string_view what;
  };
  const Ns namespaces[] = {
      {&spec.host_network, "hostNetwork: true", "network_mode: host", "--network=host",
       "network namespace: it sees every interface and local-only service, and no "
       "NetworkPolicy applies"},
      {&spec.host_pid, "hostPID: true", "pid: host", "--pid=host",
       "PID namespace: it sees and can signal or trace every process"},
      {&spec.host_ipc, "hostIPC: true", "ipc: host", "--ipc=host",
       "IPC namespace: it reads shared memory of host processes"},
      {&spec.host_uts, "host UTS namespace", "uts: host", "--uts=host",
       "UTS namespace: it can change the hostname"},
      {&spec.host_userns, "host user namespace", "userns_mode: host", "--userns=host",
       "user namespace, opting out of the daemon's userns-remap: root in the container is root "
       "on the host"},
  };
  for (const auto& ns : namespaces) {
    if (!ns.field->value_or(false)) continue;
    std::string_view how = spec.kind == RunKind::kKubernetes ? ns.kube
                           : spec.kind == RunKind::kCompose  ? ns.compose
                                                             : ns.docker;
    // No container name: for Kubernetes these are pod fields, reported once per pod.
    r.Report(ns.field->origin, std::string(how) + " shares the host's " + std::string(ns.what));
  }
}

rules::Rule RuleDD805() {
  return {
      .info =
          {
              .id = "DD805",
              .slug = "privilege/host-namespace",
              .title = "Host namespace shared",
              .severity = Severity::kHigh,
              .practice = 8,
              .reads = kR,
              .rationale =
                  "Sharing a host namespace removes one layer of isolation: host network "
                  "(every interface, local-only services, no NetworkPolicy), host PID (see, "
                  "signal and trace host processes), host IPC (host shared memory), host "
                  "UTS, or the host user namespace (docker `--userns=host` opts out of "
                  "userns-remap). One finding per namespace; Kubernetes pod-level fields are "
                  "reported once per pod.",
              .remediation =
                  "Remove hostNetwork/hostPID/hostIPC (k8s), network_mode/pid/ipc/uts/"
                  "userns_mode: host (compose), --network/--pid/--ipc/--uts/--userns=host "
                  "(docker run).",
              .references = {"KSV-0008", "KSV-0009", "KSV-0010", "CIS 5.10", "CIS 5.16", "CIS 5.17",
                             "CIS 5.21", "CIS 5.31"},
              .examples =
                  {
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("-d --network=host"),
                       .fires = true,
                       .severity = Severity::kHigh},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = "docker run -d --pid host my/agent:1.0\n",
                       .fires = true,
                       .severity = Severity::kHigh},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("-d --network=backend"),
                       .fires = false},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n"
                                "  hostPID: true\n"
                                "  containers:\n  - name: agent\n    image: my/agent:1.0\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 6},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = Pod("  hostNetwork: false\n"
                                    "  containers:\n  - name: web\n    image: nginx:1.27\n"),
                       .fires = false},
                      {.kind = core::ExampleKind::kCompose,
                       .input = Compose("    network_mode: host\n"),
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 4},
                      {.kind = core::ExampleKind::kCompose,
                       .input = Compose("    ipc: shareable\n"),
                       .fires = false},
                  },
          },
      .run = HostNamespace,
  };
}

void SeccompOff(const RunSpec& spec, Reporter& r) {
  if (spec.IsWindowsPod()) return;
  if (spec.seccomp.has()) {
    if (*spec.seccomp != model::ProfileType::kUnconfined) return;
    r.Report(spec.seccomp.origin,
             Subject(spec) +
                 " runs with seccomp unconfined: every system call is reachable, "
                 "including the ones container escapes use");
    return;
  }
  if (!IsKube(spec)) return;  // docker and compose apply docker's default profile
  r.Report(PodOrContainer(spec),
           "no seccomp profile: the kubelet runs containers Unconfined unless its SeccompDefault "
           "is on; set securityContext.seccompProfile.type: RuntimeDefault (pod level)",
           Severity::kLow);
}

rules::Rule RuleDD806() {
  return {
      .info =
          {
              .id = "DD806",
              .slug = "privilege/seccomp-off",
              .title = "Seccomp disabled or not set",
              .severity = Severity::kMedium,
              .practice = 8,
              .reads = kR,
              .rationale =
                  "Seccomp blocks the rarely used system calls most kernel exploits and "
                  "container escapes need. `Unconfined` (any syntax) is MEDIUM. Kubernetes "
                  "without a profile is LOW: the kubelet runs containers Unconfined unless "
                  "its SeccompDefault feature is on, which the manifest cannot show. Docker "
                  "and compose without a profile get docker's default one: silent. "
                  "`systempaths=unconfined` is not seccomp and not judged here. Windows "
                  "pods have no seccomp.",
              .remediation = "Kubernetes: `securityContext.seccompProfile.type: RuntimeDefault` at "
                             "pod level; docker/compose: drop `seccomp=unconfined` (or give a "
                             "profile file).",
              .references = {"KSV-0030", "KSV-0104", "CIS 5.22"},
              .examples =
                  {
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("-d --security-opt seccomp=unconfined"),
                       .fires = true,
                       .severity = Severity::kMedium},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("-d"),
                       .fires = false,
                       .note = "docker's default profile applies"},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = Pod("  containers:\n  - name: web\n    image: nginx:1.27\n"),
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 6,
                       .note = "LOW: no profile"},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = Pod(
                           "  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n"
                           "  containers:\n  - name: web\n    image: nginx:1.27\n"
                           "    securityContext:\n      seccompProfile:\n        type: "
                           "Unconfined\n"),
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 14,
                       .note = "the container overrides the pod"},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = Pod(
                           "  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n"
                           "  containers:\n  - name: web\n    image: nginx:1.27\n"),
                       .fires = false},
                      {.kind = core::ExampleKind::kCompose,
                       .input = Compose("    security_opt:\n"
                                        "      - seccomp:unconfined\n"),
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 5},
                      {.kind = core::ExampleKind::kCompose, .input = Compose(""), .fires = false},
                  },
          },
      .run = SeccompOff,
  };
}

// SELinux types that are not confined: `spc_t` (super-privileged container), `unconfined_t`.
bool UnconfinedSelinuxType(std::string_view type) {
  return type == "spc_t" || type == "unconfined_t";
}

void ApparmorOff(const RunSpec& spec, Reporter& r) {
  if (spec.IsWindowsPod()) return;
  if (spec.apparmor.has() && *spec.apparmor == model::ProfileType::kUnconfined) {
    r.Report(spec.apparmor.origin, Subject(spec) + " runs with AppArmor unconfined");
  } else if (IsKube(spec) && !spec.apparmor.has() && !spec.name.empty()) {
    // The pre-1.30 annotation form, when the adapter left it in the annotations.
    auto it = spec.annotations.find("container.apparmor.security.beta.kubernetes.io/" + spec.name);
    if (it != spec.annotations.end() && it->second == "unconfined") {
      r.Report(spec.origin,
               Subject(spec) + " runs with AppArmor unconfined (annotation " + it->first + ")");
    }
  }
  if (spec.selinux_disabled.value_or(false)) {
    r.Report(spec.selinux_disabled.origin,
             Subject(spec) +
                 " disables SELinux labelling (label=disable): no mandatory access "
                 "control confines it on SELinux hosts");
  }
  if (spec.selinux_type.has() && UnconfinedSelinuxType(*spec.selinux_type)) {
    r.Report(spec.selinux_type.origin,
             Subject(spec) + " runs with the unconfined SELinux type " + *spec.selinux_type);
  }
}

rules::Rule RuleDD807() {
  return {
      .info =
          {
              .id = "DD807",
              .slug = "privilege/apparmor-off",
              .title = "AppArmor (or SELinux) confinement disabled",
              .severity = Severity::kMedium,
              .practice = 8,
              .reads = kR,
              .rationale =
                  "The runtime confines containers with a mandatory access control profile "
                  "(AppArmor on Debian/Ubuntu hosts, SELinux on Fedora/RHEL hosts) that "
                  "blocks writes to /proc and /sys and mounts. `apparmor=unconfined` removes "
                  "it; so does SELinux `label=disable` or an unconfined SELinux type "
                  "(`spc_t`, `unconfined_t`): the same practice on the other kind of host, "
                  "so this rule reports both. Windows pods are not judged.",
              .remediation =
                  "Remove `apparmor=unconfined` / `label=disable`; Kubernetes: "
                  "`appArmorProfile.type: RuntimeDefault` (or Localhost) and the default "
                  "SELinux type.",
              .references = {"KSV-0002"},
              .examples =
                  {
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("-d --security-opt apparmor=unconfined"),
                       .fires = true,
                       .severity = Severity::kMedium},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("-d --security-opt label=disable"),
                       .fires = true,
                       .severity = Severity::kMedium,
                       .note = "SELinux hosts"},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("-d"),
                       .fires = false},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = Pod("  containers:\n  - name: web\n    image: nginx:1.27\n"
                                    "    securityContext:\n      appArmorProfile:\n        type: "
                                    "Unconfined\n"),
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 11},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = Pod("  containers:\n  - name: web\n    image: nginx:1.27\n"
                                    "    securityContext:\n      appArmorProfile:\n"
                                    "        type: RuntimeDefault\n"),
                       .fires = false},
                      {.kind = core::ExampleKind::kCompose,
                       .input = Compose("    security_opt:\n"
                                        "      - apparmor:unconfined\n"),
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 5},
                      {.kind = core::ExampleKind::kCompose,
                       .input = Compose("    security_opt:\n"
                                        "      - no-new-privileges:true\n"),
                       .fires = false},
                  },
          },
      .run = ApparmorOff,
  };
}

void SaTokenAutomount(const RunSpec& spec, Reporter& r) {
  if (!IsKube(spec)) return;
  if (spec.automount_sa_token.has() && !*spec.automount_sa_token) return;
  if (spec.automount_sa_token.has()) {
    r.Report(spec.automount_sa_token.origin,
             "automountServiceAccountToken: true mounts an API token into every container of "
             "the pod");
    return;
  }
  r.Report(PodOrContainer(spec),
           "the service-account token is mounted into the pod (automountServiceAccountToken not "
           "false): a compromised container can call the Kubernetes API as the pod");
}

rules::Rule RuleDD808() {
  return {
      .info =
          {
              .id = "DD808",
              .slug = "privilege/sa-token-automount",
              .title = "Service-account token automounted",
              .severity = Severity::kLow,
              .practice = 8,
              .reads = kR,
              .rationale =
                  "Kubernetes mounts an API token into every pod unless "
                  "automountServiceAccountToken is false; most applications never call the "
                  "API, and a compromised container can use the token with whatever RBAC "
                  "the service account has. Reported once per pod. The ServiceAccount object "
                  "can also turn automounting off; drydock does not read ServiceAccounts, so "
                  "set it on the pod (which wins) or suppress the rule. Kubernetes only.",
              .remediation = "Set `automountServiceAccountToken: false` in the pod spec (mount a "
                             "projected token only where the API is used).",
              .references = {"KSV-0036"},
              .examples =
                  {
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = Pod("  containers:\n  - name: web\n    image: nginx:1.27\n"),
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 6},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input =
                           "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n"
                           "  selector:\n    matchLabels:\n      app: web\n  template:\n"
                           "    metadata:\n      labels:\n        app: web\n    spec:\n"
                           "      automountServiceAccountToken: true\n"
                           "      containers:\n      - name: web\n        image: nginx:1.27\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 14},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = Pod("  automountServiceAccountToken: false\n"
                                    "  containers:\n  - name: web\n    image: nginx:1.27\n"),
                       .fires = false},
                  },
          },
      .run = SaTokenAutomount,
  };
}

void SshPort(const BuildSpec& spec, Reporter& r) {
  for (const model::Stage* stage : detail::FinalChain(spec)) {
    for (const auto& ins : stage->instructions) {
      if (ins.keyword != "EXPOSE") continue;
      for (const auto& arg : ins.args) {
        if (!ExposesSsh(arg)) continue;
        r.Report(ins.origin, "EXPOSE " + arg + " publishes the SSH port");
      }
    }
  }
}

void SshPortRun(const RunSpec& spec, Reporter& r) {
  for (const auto& port : spec.ports) {
    if (port.container_port != 22 || Lower(port.protocol) != "tcp") continue;
    std::string how =
        port.host_port > 0 ? " published on host port " + std::to_string(port.host_port) : "";
    r.Report(port.origin, Subject(spec) + " exposes the SSH port 22" + how);
  }
}

rules::Rule RuleDD809() {
  return {
      .info =
          {
              .id = "DD809",
              .slug = "privilege/ssh-port",
              .title = "SSH port exposed",
              .severity = Severity::kMedium,
              .practice = 1,
              .reads = kB | kR,
              .rationale =
                  "Port 22 means an SSH daemon in the container: extra software, long-lived "
                  "credentials or keys, and a way in that bypasses `kubectl exec`/`docker "
                  "exec` auditing. Build side: judged on the stages that ship (EXPOSE is "
                  "inherited), after variable expansion, port ranges included. Run side: a "
                  "TCP container port 22 (k8s containerPort, docker `-p`/`--expose`, "
                  "compose `ports`/`expose`), published or not; host port 22 mapped to "
                  "another container port is not SSH in the container.",
              .remediation =
                  "Remove the SSH server and the EXPOSE / port; debug with `docker exec` "
                  "/ `kubectl debug`.",
              .references = {"DS-0004", "CKV_DOCKER_1", "ssh-port"},
              .examples =
                  {
                      {.input = "FROM debian:12-slim\nEXPOSE 22\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2},
                      {.input = "FROM debian:12-slim\nEXPOSE 80/tcp 22/tcp\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2},
                      {.input = "FROM debian:12-slim\nEXPOSE 20-25\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2,
                       .note = "a range"},
                      {.input = "FROM debian:12-slim\nARG SSH_PORT=22\nEXPOSE ${SSH_PORT}\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 3,
                       .note = "expanded from an ARG"},
                      {.input = "FROM debian:12-slim\nEXPOSE 2222 8022\n", .fires = false},
                      {.input = "FROM debian:12-slim\nEXPOSE 22/udp\n", .fires = false},
                      {.input = "FROM debian:12-slim AS build\nEXPOSE 22\nFROM "
                                "debian:12-slim\nEXPOSE 80\n",
                       .fires = false,
                       .note = "a builder stage does not ship"},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = "docker run -d -p 2222:22 my/sshd:1.0\n",
                       .fires = true,
                       .severity = Severity::kMedium},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = "docker run -d -p 22:8080 my/app:1.0\n",
                       .fires = false,
                       .note = "host port 22, container port 8080"},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: box\nspec:\n"
                                "  containers:\n  - name: box\n    image: my/sshd:1.0\n"
                                "    ports:\n    - containerPort: 22\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 10},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = Pod("  containers:\n  - name: web\n    image: nginx:1.27\n"
                                    "    ports:\n    - containerPort: 80\n"),
                       .fires = false},
                      {.kind = core::ExampleKind::kCompose,
                       .input = "services:\n  box:\n    image: my/sshd:1.0\n    ports:\n"
                                "      - \"2222:22\"\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 5},
                      {.kind = core::ExampleKind::kCompose,
                       .input = "services:\n  dns:\n    image: my/dns:1.0\n    ports:\n"
                                "      - \"5322:22/udp\"\n",
                       .fires = false,
                       .note = "UDP 22 is not SSH"},
                  },
          },
      .build = SshPort,
      .run = SshPortRun,
  };
}

void HostPort(const RunSpec& spec, Reporter& r) {
  // On the host network every port is a host port (Kubernetes defaults hostPort to the
  // containerPort, docker ignores -p): DD805 reports the namespace, not each port.
  if (spec.host_network.value_or(false)) return;
  for (const auto& port : spec.ports) {
    if (port.host_port <= 0) continue;
    if (IsKube(spec)) {
      r.Report(port.origin,
               Subject(spec) + " binds hostPort " + std::to_string(port.host_port) +
                   " on the node: it bypasses Services and NetworkPolicy-aware load balancing, "
                   "pins the pod to nodes with the port free; use a Service");
    } else if (port.host_port < 1024) {
      r.Report(port.origin, Subject(spec) + " publishes the privileged host port " +
                                std::to_string(port.host_port) +
                                " (below 1024, reserved for system services on the host)");
    }
  }
}

rules::Rule RuleDD810() {
  return {
      .info =
          {
              .id = "DD810",
              .slug = "privilege/host-port",
              .title = "Host port bound",
              .severity = Severity::kLow,
              .practice = 8,
              .reads = kR,
              .rationale =
                  "Kubernetes: a hostPort binds the node's own port, so the pod is reachable "
                  "around Services, one pod per node can hold it and scheduling is "
                  "constrained; PSS baseline forbids it. Docker/compose: publishing ports is "
                  "how containers are reached, so only privileged host ports (below 1024, "
                  "reserved for system services such as sshd or DNS) are reported. Silent on "
                  "the host network, where every port is a host port (DD805 reports it).",
              .remediation = "Kubernetes: drop hostPort and expose the pod with a Service; "
                             "docker/compose: publish on a host port above 1024 behind a proxy.",
              .references = {"KSV-0024", "privileged-ports", "hostPortSet"},
              .examples =
                  {
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = Pod("  containers:\n  - name: web\n    image: nginx:1.27\n"
                                    "    ports:\n    - containerPort: 80\n      hostPort: 8080\n"),
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 10},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = Pod("  containers:\n  - name: web\n    image: nginx:1.27\n"
                                    "    ports:\n    - containerPort: 80\n"),
                       .fires = false},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = "docker run -d -p 80:8080 my/app:1.0\n",
                       .fires = true,
                       .severity = Severity::kLow},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("-d -p 8080:80"),
                       .fires = false},
                      {.kind = core::ExampleKind::kCompose,
                       .input = Compose("    ports:\n"
                                        "      - \"443:8443\"\n"),
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 5},
                      {.kind = core::ExampleKind::kCompose,
                       .input = Compose("    ports:\n"
                                        "      - \"8443:443\"\n"),
                       .fires = false},
                  },
          },
      .run = HostPort,
  };
}

// --- cluster side ---------------------------------------------------------------------------

std::string NamespaceLabel(const std::string& ns) {
  return ns.empty() ? "the default namespace (none written)" : "namespace `" + ns + "`";
}

// Workloads NetworkPolicy applies to: pods on the host network are outside it (DD805's).
std::vector<bool> PolicyRelevant(const RunSet& set) {
  std::vector<bool> relevant(set.cluster.workloads.size(), true);
  for (const auto& run : set.runs) {
    if (run.workload_index < 0 || static_cast<std::size_t>(run.workload_index) >= relevant.size()) {
      continue;
    }
    if (run.host_network.value_or(false)) relevant[run.workload_index] = false;
  }
  return relevant;
}

void NoPolicy(const RunSet& set, Reporter& r) {
  const auto& workloads = set.cluster.workloads;
  const auto& policies = set.cluster.policies;
  if (workloads.empty()) return;
  const std::vector<bool> relevant = PolicyRelevant(set);
  // Namespaces in order of first appearance, with their workloads.
  std::vector<std::string> order;
  std::map<std::string, std::vector<std::size_t>> by_ns;
  for (std::size_t i = 0; i < workloads.size(); ++i) {
    if (!relevant[i]) continue;
    auto [it, inserted] = by_ns.try_emplace(workloads[i].namespace_);
    if (inserted) order.push_back(workloads[i].namespace_);
    it->second.push_back(i);
  }
  // Policies by namespace, in scan order (one pass: namespaces × policies would be quadratic
  // when every namespace has its own policies).
  std::unordered_map<std::string_view, std::vector<const model::NetworkPolicy*>> policies_by_ns;
  for (const auto& p : policies) policies_by_ns[p.namespace_].push_back(&p);
  static const std::vector<const model::NetworkPolicy*> kNone;
  for (const auto& ns : order) {
    const auto& members = by_ns[ns];
    const model::Workload& first = workloads[members.front()];
    auto found = policies_by_ns.find(ns);
    const std::vector<const model::NetworkPolicy*>& mine =
        found != policies_by_ns.end() ? found->second : kNone;
    if (mine.empty()) {
      // One finding for the namespace; per-workload ones would repeat it N times.
      r.Report(first.origin,
               NamespaceLabel(ns) + " has " + std::to_string(members.size()) +
                   (members.size() == 1 ? " workload" : " workloads") +
                   " and no NetworkPolicy: every pod accepts and sends any traffic; add a "
                   "default-deny policy (podSelector: {}, policyTypes: [Ingress, Egress])");
      continue;
    }
    const bool deny_in = std::any_of(mine.begin(), mine.end(),
                                     [](const auto* p) { return p->DefaultDenyIngress(); });
    const bool deny_out =
        std::any_of(mine.begin(), mine.end(), [](const auto* p) { return p->DefaultDenyEgress(); });
    if (!deny_in || !deny_out) {
      std::string missing = !deny_in && !deny_out ? "ingress and egress"
                            : !deny_in            ? "ingress"
                                                  : "egress";
      r.Report(first.origin,
               core::Concat({NamespaceLabel(ns), " has NetworkPolicies but no default-deny for ",
                             missing, ": pods no policy selects stay open; add a policy with ",
                             "podSelector: {} and no rules for ", missing}));
    }
    for (std::size_t i : members) {
      const model::Workload& w = workloads[i];
      const bool selected = std::any_of(mine.begin(), mine.end(), [&](const auto* p) {
        return p->pod_selector.Matches(w.pod_labels);
      });
      if (selected) continue;
      r.Report(w.origin, w.DisplayName() + " is selected by no NetworkPolicy of " +
                             NamespaceLabel(ns) + ": its pods accept and send any traffic");
    }
  }
}

rules::Rule RuleDD811() {
  return {
      .info =
          {
              .id = "DD811",
              .slug = "network/no-policy",
              .title = "Workload or namespace not covered by NetworkPolicy",
              .severity = Severity::kMedium,
              .practice = 11,
              .reads = kC,
              .rationale =
                  "Kubernetes pods accept and send any traffic until a NetworkPolicy selects "
                  "them. Judged over every workload and policy of one scan (policies kept "
                  "in another folder count), per namespace (no namespace written is one "
                  "namespace of its own). A namespace with workloads and no policy at all "
                  "gets one finding, at its first workload (not one per workload). A "
                  "namespace with policies but no default-deny for ingress and egress (an "
                  "empty podSelector with no rules; the two directions may be split over "
                  "two policies) gets one finding naming what is missing, and each workload "
                  "that no policy of its namespace selects gets its own. hostNetwork pods "
                  "are outside NetworkPolicy (DD805) and not judged.",
              .remediation =
                  "Add a default-deny policy per namespace (`podSelector: {}`, "
                  "`policyTypes: [Ingress, Egress]`, no rules) and allow policies for the "
                  "traffic each workload needs.",
              .references = {"pod-networkpolicy", "missingNetworkPolicy", "non-isolated-pod"},
              .examples =
                  {
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"
                                "  namespace: shop\nspec:\n  selector:\n    matchLabels:\n      "
                                "app: web\n"
                                "  template:\n    metadata:\n      labels:\n        app: web\n    "
                                "spec:\n"
                                "      containers:\n      - name: web\n        image: nginx:1.27\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 4,
                       .note = "no policy at all"},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"
                                "  namespace: shop\nspec:\n  selector:\n    matchLabels:\n      "
                                "app: web\n"
                                "  template:\n    metadata:\n      labels:\n        app: web\n    "
                                "spec:\n"
                                "      containers:\n      - name: web\n        image: nginx:1.27\n"
                                "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
                                "metadata:\n  name: deny-in\n  namespace: shop\nspec:\n"
                                "  podSelector: {}\n  policyTypes: [Ingress]\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 4,
                       .note = "no default deny for egress"},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"
                                "  namespace: shop\nspec:\n  selector:\n    matchLabels:\n      "
                                "app: web\n"
                                "  template:\n    metadata:\n      labels:\n        app: web\n    "
                                "spec:\n"
                                "      containers:\n      - name: web\n        image: nginx:1.27\n"
                                "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
                                "metadata:\n  name: default-deny\n  namespace: shop\nspec:\n"
                                "  podSelector: {}\n  policyTypes: [Ingress, Egress]\n",
                       .fires = false},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input =
                           "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
                           "metadata:\n  name: deny-in\n  namespace: shop\nspec:\n"
                           "  podSelector: {}\n  policyTypes: [Ingress]\n"
                           "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
                           "metadata:\n  name: deny-out\n  namespace: shop\nspec:\n"
                           "  podSelector: {}\n  policyTypes: [Egress]\n"
                           "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"
                           "  namespace: shop\nspec:\n  selector:\n    matchLabels:\n      app: "
                           "web\n"
                           "  template:\n    metadata:\n      labels:\n        app: web\n    "
                           "spec:\n"
                           "      containers:\n      - name: web\n        image: nginx:1.27\n",
                       .fires = false,
                       .note = "default deny split over two policies"},
                  },
          },
      .cluster = NoPolicy,
  };
}

void DanglingPolicy(const RunSet& set, Reporter& r) {
  const auto& policies = set.cluster.policies;
  if (std::all_of(policies.begin(), policies.end(),
                  [](const auto& p) { return p.pod_selector.Empty(); })) {
    return;
  }
  // Label sets of workloads and of other objects by namespace, in scan order: each policy then
  // looks at its own namespace only.
  using LabelSets = std::vector<const std::map<std::string, std::string>*>;
  std::unordered_map<std::string_view, LabelSets> workloads_by_ns;
  for (const auto& w : set.cluster.workloads) {
    workloads_by_ns[w.namespace_].push_back(&w.pod_labels);
  }
  std::unordered_map<std::string_view, LabelSets> objects_by_ns;
  for (const auto& o : set.cluster.labeled_objects) {
    objects_by_ns[o.namespace_].push_back(&o.labels);
  }
  auto selects_any = [](const model::NetworkPolicy& p, const LabelSets& sets) {
    return std::any_of(sets.begin(), sets.end(),
                       [&](const auto* labels) { return p.pod_selector.Matches(*labels); });
  };
  for (const auto& p : policies) {
    if (p.pod_selector.Empty()) continue;  // selects every pod of the namespace
    // No workload of that namespace in the scan: they live elsewhere, nothing to judge.
    auto mine = workloads_by_ns.find(p.namespace_);
    if (mine == workloads_by_ns.end() || selects_any(p, mine->second)) continue;
    // Pods the scan cannot see but another object names: a Service selecting them, or a custom
    // resource whose operator creates them (a Prometheus, an Alertmanager).
    auto others = objects_by_ns.find(p.namespace_);
    const bool named_elsewhere = others != objects_by_ns.end() && selects_any(p, others->second);
    if (named_elsewhere) continue;
    r.Report(p.origin, "NetworkPolicy `" + p.name + "` in " + NamespaceLabel(p.namespace_) +
                           " selects no workload of the scan: a typo in its podSelector leaves "
                           "the pods it was meant for unprotected");
  }
}

rules::Rule RuleDD812() {
  return {
      .info =
          {
              .id = "DD812",
              .slug = "network/dangling-policy",
              .title = "NetworkPolicy selects no workload",
              .severity = Severity::kLow,
              .practice = 11,
              .reads = kC,
              .rationale =
                  "A NetworkPolicy whose podSelector matches no workload of its namespace "
                  "usually has a typo in a label: the pods it was written for stay open. "
                  "Judged only when the scan holds workloads of that namespace (otherwise "
                  "they are deployed from elsewhere); an empty podSelector selects every "
                  "pod and is never dangling. A policy whose selector matches a Service's "
                  "selector or the labels of another object of its namespace (a custom "
                  "resource such as a Prometheus, whose pods an operator creates) is aimed "
                  "at pods the scan cannot see, and is not reported.",
              .remediation = "Fix the podSelector to match the pod template labels, or delete the "
                             "policy.",
              .references = {"dangling-networkpolicy"},
              .examples =
                  {
                      {.kind = core::ExampleKind::kKubernetes,
                       .input =
                           "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n"
                           "  selector:\n    matchLabels:\n      app: web\n  template:\n"
                           "    metadata:\n      labels:\n        app: web\n    spec:\n"
                           "      containers:\n      - name: web\n        image: nginx:1.27\n"
                           "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
                           "metadata:\n  name: api-in\nspec:\n  podSelector:\n    matchLabels:\n"
                           "      app: wbe\n  ingress:\n  - from:\n    - podSelector: {}\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 21,
                       .note = "a typo in the label"},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input =
                           "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n"
                           "  selector:\n    matchLabels:\n      app: web\n  template:\n"
                           "    metadata:\n      labels:\n        app: web\n    spec:\n"
                           "      containers:\n      - name: web\n        image: nginx:1.27\n"
                           "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
                           "metadata:\n  name: web-in\nspec:\n  podSelector:\n    matchLabels:\n"
                           "      app: web\n  ingress:\n  - from:\n    - podSelector: {}\n",
                       .fires = false},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input =
                           "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
                           "metadata:\n  name: api-in\n  namespace: shop\nspec:\n  podSelector:\n"
                           "    matchLabels:\n      app: api\n  ingress:\n  - from:\n"
                           "    - podSelector: {}\n",
                       .fires = false,
                       .note = "no workload of the namespace in the scan"},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input =
                           "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n"
                           "  template:\n    metadata: {labels: {app: web}}\n    spec:\n"
                           "      containers: [{name: web, image: nginx:1.27}]\n---\n"
                           "apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\n"
                           "metadata:\n  name: k8s\n  labels: {app.kubernetes.io/name: "
                           "prometheus}\n"
                           "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
                           "metadata: {name: prometheus}\nspec:\n  podSelector:\n    matchLabels:\n"
                           "      app.kubernetes.io/name: prometheus\n",
                       .fires = false,
                       .note =
                           "the pods come from an operator's custom resource with those labels"},
                  },
          },
      .cluster = DanglingPolicy,
  };
}

}  // namespace

void RegisterPrivilegeRules(rules::Registry& registry) {
  registry.Add(RuleDD801());
  registry.Add(RuleDD802());
  registry.Add(RuleDD803());
  registry.Add(RuleDD804());
  registry.Add(RuleDD805());
  registry.Add(RuleDD806());
  registry.Add(RuleDD807());
  registry.Add(RuleDD808());
  registry.Add(RuleDD809());
  registry.Add(RuleDD810());
  registry.Add(RuleDD811());
  registry.Add(RuleDD812());
}

}  // namespace drydock::rules
