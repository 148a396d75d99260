// SPDX-License-Identifier: Apache-2.0
// RunSpec: how one container runs, whatever described it (a Kubernetes pod template, a compose
// service, a `docker run` line). Adapters (sources/kube, sources/compose, sources/dockerrun) fill
// it; rules read it and never see the file format. Plain data, no parsing.
//
// Every field is a Field<T>: unset (`!has()`) means the input did not say, which is different
// from an explicit false/0. Each set field carries the Origin of the value that set it (file,
// line, column and a context path such as
// `Deployment/shop/api spec.template.spec.containers[0].securityContext.privileged`). Kubernetes
// pod-level securityContext values are merged into each container the way the kubelet does
// (container wins), keeping the origin of the value that won.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/origin.h"
#include "model/build_spec.h"
#include "model/image_facts.h"

namespace drydock::model {

// Which syntax described the container. Rules use it only where RULES.md makes a rule
// context-specific (pids/nofile/swap are docker/compose-only, requests and the service-account
// token are Kubernetes-only, the default seccomp profile differs).
enum class RunKind { kKubernetes, kCompose, kDockerRun };

// "kubernetes", "compose", "docker-run" (the report's target kinds).
const char* RunKindName(RunKind kind);

template <class T>
struct Field {
  std::optional<T> value;
  core::Origin origin;  // where the value was written; meaningful when has()

  bool has() const { return value.has_value(); }
  const T& operator*() const { return *value; }
  const T* operator->() const { return &*value; }
  // The value, or `fallback` when unset.
  T value_or(T fallback) const { return value.value_or(std::move(fallback)); }
  void Set(T v, core::Origin where) {
    value = std::move(v);
    origin = std::move(where);
  }
};

// A literal string with its origin (list items: capabilities, command words, devices, …).
struct Located {
  std::string value;
  core::Origin origin;
};

// Where a Kubernetes container sits in its pod.
enum class ContainerRole { kContainer, kInit, kSidecar, kEphemeral };

enum class MountType {
  kBind,            // a host path: docker -v /host:/ctr, compose bind, k8s hostPath
  kVolume,          // a named/persistent volume (docker volume, PVC, k8s volume of other type)
  kTmpfs,           // docker --tmpfs / --mount type=tmpfs, compose tmpfs
  kEmptyDir,        // k8s emptyDir on disk
  kEmptyDirMemory,  // k8s emptyDir with medium: Memory (a tmpfs)
  kSecret,          // k8s secret / projected secret, compose secret
  kConfigMap,       // k8s configMap / downwardAPI / projected (non-secret)
  kOther,
};

struct MountPoint {
  MountType type = MountType::kOther;
  std::string source;  // host path for kBind (as written, `~`/`.` not resolved); volume name
  std::string target;  // path in the container ("" when the volume is not mounted by it)
  bool read_only = false;
  std::vector<std::string> options;  // tmpfs / bind options as written: "noexec", "size=64m", …
  std::string volume_name;           // k8s: the pod volume's name
  std::string volume_type;           // k8s: the volume source key ("hostPath", "emptyDir",
                                     // "persistentVolumeClaim", "secret", …); "" otherwise
  core::Origin origin;               // the mount entry (or the volume definition)
};

enum class EnvSource {
  kLiteral,       // value written in the input
  kSecretRef,     // k8s valueFrom.secretKeyRef, compose secret
  kConfigMapRef,  // k8s valueFrom.configMapKeyRef
  kFieldRef,      // k8s fieldRef / resourceFieldRef
  kHost,          // compose `- NAME` / docker `-e NAME`: taken from the host environment
};

struct EnvVar {
  std::string name;
  std::string value;  // kLiteral only (after interpolation for compose)
  EnvSource source = EnvSource::kLiteral;
  core::Origin origin;        // the entry (name's position)
  bool interpolated = false;  // compose: `value` came (partly) from `${VAR}` interpolation, so
                              // the file does not hold it literally (DD601 does not judge it)
};

// envFrom / env_file / --env-file: a whole set of variables from elsewhere.
struct EnvFrom {
  enum class Kind { kSecret, kConfigMap, kFile } kind = Kind::kFile;
  std::string name;  // secret/configmap name or file path
  core::Origin origin;
};

struct Port {
  int container_port = 0;  // 0 when unknown (a named port, a range we did not expand)
  int host_port = 0;       // 0 = not published on the host
  std::string protocol = "tcp";
  std::string host_ip;
  core::Origin origin;
};

struct Sysctl {
  std::string name;
  std::string value;
  core::Origin origin;
};

// Seccomp / AppArmor profile, normalised across syntaxes.
enum class ProfileType {
  kRuntimeDefault,  // k8s RuntimeDefault, docker `seccomp=builtin`/default, apparmor
                    // runtime/default
  kLocalhost,       // k8s Localhost, docker a profile file / named profile
  kUnconfined,      // unconfined
};

// One command a container runs, in the model::ShellCommand shape the build-side detectors read
// (so the run-side rules reuse the very detection of RUN lines): the argv (command ++ args) as
// one command, then the commands of the `sh -c '<script>'` it runs, if any.
struct RunCommand {
  ShellCommand command;      // words with text == value (nothing is expanded)
  core::Origin origin;       // the argv word the command comes from
  bool from_script = false;  // split out of a `sh -c` script
};

struct RunSpec {
  RunKind kind = RunKind::kDockerRun;
  std::string file;      // input file as given ("-" for stdin)
  core::Origin origin;   // the container / service / command as a whole (findings about
                         // something missing point here)
  std::string name;      // container / service name ("" for docker run without --name)
  std::string workload;  // "Deployment/shop/api" (k8s), "service api" (compose), "docker run"
  ContainerRole role = ContainerRole::kContainer;
  std::string namespace_;            // k8s namespace as written ("" = the default one)
  int workload_index = -1;           // k8s: index into Cluster::workloads, -1 otherwise
  core::Origin pod_origin;           // k8s: the pod spec mapping (pod-level findings point here, so
                                     // they are reported once per pod, not once per container)
  std::optional<BuildRecipe> build;  // compose `build:`: the image is built locally
  std::optional<ImageFacts> image_facts;  // what enrichers know of the image (see image_facts.h)

  Field<std::string> image;  // as written, after interpolation
  Field<std::string> image_pull_policy;

  // Identity. `user` is docker/compose `--user`/`user:` verbatim ("1000:1000", "app"); the
  // numeric parts also land in run_as_user / run_as_group.
  Field<std::string> user;
  Field<std::int64_t> run_as_user;
  Field<std::int64_t> run_as_group;
  Field<bool> run_as_non_root;
  Field<std::int64_t> fs_group;
  std::vector<std::pair<std::int64_t, core::Origin>> supplemental_groups;  // also --group-add

  // Filesystem.
  Field<bool> read_only_root_fs;
  std::vector<MountPoint> mounts;  // k8s: every pod volume, with target set where this container
                                   // mounts it (volumes it does not mount have target "")

  // Privileges.
  Field<bool> privileged;
  Field<bool> allow_privilege_escalation;  // docker/compose no-new-privileges → false
  std::vector<Located> cap_add;            // normalised: upper case, no "CAP_" prefix ("ALL" kept)
  std::vector<Located> cap_drop;
  Field<bool> capabilities_set;  // k8s: a `capabilities` object exists (origin for findings)
  Field<ProfileType> seccomp;    // unset = the runtime's default (docker: its default profile;
                                 // k8s: Unconfined unless the kubelet defaults it)
  Field<std::string> seccomp_localhost_profile;
  Field<ProfileType> apparmor;
  Field<std::string> selinux_type;  // k8s seLinuxOptions.type / docker label=type:…
  Field<bool> selinux_disabled;     // docker/compose `label=disable` / `label:disable`
  Field<std::string> selinux_user;
  Field<std::string> selinux_role;
  Field<std::string> proc_mount;       // k8s procMount
  Field<bool> systempaths_unconfined;  // docker --security-opt systempaths=unconfined
  Field<bool> windows_host_process;
  Field<bool> windows_pod;  // k8s spec.os.name: windows (see IsWindowsPod)
  std::vector<Sysctl> sysctls;
  std::vector<Located> devices;  // --device / devices:

  // Namespaces (true = shared with the host).
  Field<bool> host_network;
  Field<bool> host_pid;
  Field<bool> host_ipc;
  Field<bool> host_uts;
  Field<bool> host_userns;  // docker --userns=host / compose userns_mode: host
  Field<bool> host_users;   // k8s hostUsers (false = a user namespace)
  Field<bool> share_process_namespace;

  // Resources. Bytes for memory, cores for CPU. memory_swap follows docker: total memory+swap,
  // -1 = unlimited.
  Field<std::int64_t> memory_limit;
  Field<std::int64_t> memory_request;
  Field<std::int64_t> memory_swap;
  Field<double> cpu_limit;  // --cpus, cpus:, limits.cpu, or quota/period
  Field<double> cpu_request;
  Field<std::int64_t> cpu_shares;  // docker --cpu-shares / compose cpu_shares (relative weight)
  Field<std::int64_t> pids_limit;  // <= 0 = unlimited
  Field<std::int64_t> nofile_soft;
  Field<std::int64_t> nofile_hard;

  // Environment and command.
  std::vector<EnvVar> env;
  std::vector<EnvFrom> env_from;
  std::vector<Located> command;  // k8s command / compose entrypoint / docker --entrypoint
  std::vector<Located> args;     // k8s args / compose command / docker words after the image
  // `command` and `args` as the commands they run (a `sh -c` script split), stored by the adapter
  // (shell::StoreRunCommands) once command and args are final; rules read it and never split.
  std::vector<RunCommand> run_commands;

  std::vector<Port> ports;

  // Kubernetes pod facts.
  Field<bool> automount_sa_token;  // pod spec; unset = default true
  Field<std::string> service_account;
  std::map<std::string, std::string> annotations;  // pod template annotations

  // docker run only.
  Field<bool> content_trust_disabled;  // --disable-content-trust[=true], DOCKER_CONTENT_TRUST=0

  // A Kubernetes pod with spec.os.name: windows: Linux-only settings (uids, seccomp, AppArmor,
  // capabilities, read-only root) do not apply to it.
  bool IsWindowsPod() const { return kind == RunKind::kKubernetes && windows_pod.value_or(false); }
};

// A capability name as the runtimes take it: ASCII upper case, no "CAP_" prefix ("cap_net_raw"
// → "NET_RAW"). Adapters store capabilities so; rules apply it again, so that a hand-built or
// live-engine RunSpec is judged the same.
std::string NormaliseCapability(std::string_view name);

// Docker's default capability set without NET_RAW: exactly what the Pod Security Standards'
// baseline allows, and what adding back after dropping ALL is normal for.
inline constexpr std::array<std::string_view, 13> kBaselineCapabilities = {
    "AUDIT_WRITE",      "CHOWN",   "DAC_OVERRIDE", "FOWNER",  "FSETID", "KILL",      "MKNOD",
    "NET_BIND_SERVICE", "SETFCAP", "SETGID",       "SETPCAP", "SETUID", "SYS_CHROOT"};

// True when the normalised `name` is in kBaselineCapabilities.
bool IsBaselineCapability(std::string_view name);

}  // namespace drydock::model
