// SPDX-License-Identifier: Apache-2.0
// DD5xx: the container's filesystem at run time. The root filesystem should be read-only with
// scratch space on tmpfs that cannot run programs; host paths that hold the host's configuration,
// kernel interfaces, credentials or the container runtime's socket must not be mounted.
//
// Choices made here (precision over volume):
// - DD502 follows the runtimes' defaults: docker, podman and compose mount `--tmpfs` / `tmpfs:` /
//   `--mount type=tmpfs` with `noexec,nosuid,nodev` unless `exec` / `suid` is written, so only
//   an explicit `exec` or `suid` fires there. Kubernetes cannot set mount options: an emptyDir
//   with `medium: Memory` mounted by the container is always exec/suid and fires (LOW).
// - DD503 judges host paths lexically after normalising `//`, `/./`, `..` and trailing slashes.
//   A writable `/` is as bad as the runtime socket (CRITICAL); other sensitive paths stay HIGH
//   with "writable" in the message. Runtime sockets (and the directories that only hold them)
//   are DD504's; `/run` and `/var/run` (which hold them among other things) are DD503's.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/catalog.h"
#include "rules/detail/build_util.h"
#include "rules/detail/examples.h"
#include "rules/detail/inventory.h"

namespace drydock::rules {
namespace {

using core::Reporter;
using core::Severity;
using detail::Compose;
using detail::DockerRun;
using detail::In;
using detail::Lower;
using detail::Pod;
using detail::StartsWith;
using model::MountPoint;
using model::MountType;
using model::RunKind;
using model::RunSpec;

constexpr std::uint8_t kR = core::kReadsRun;

// A mount the container actually sees (k8s lists every pod volume; unmounted ones have no
// target).
bool Mounted(const MountPoint& m) { return !m.target.empty(); }

// Lexically normalised absolute host path: "//etc/./ssl/" -> "/etc/ssl", "/var/../etc" -> "/etc".
// nullopt for relative, `~`-based or Windows paths (not judged as host system paths).
std::optional<std::string> NormalisePath(std::string_view path) {
  if (path.empty() || path.front() != '/') return std::nullopt;
  std::vector<std::string_view> parts;
  std::size_t i = 0;
  while (i < path.size()) {
    while (i < path.size() && path[i] == '/') ++i;
    std::size_t end = path.find('/', i);
    if (end == std::string_view::npos) end = path.size();
    std::string_view part = path.substr(i, end - i);
    i = end;
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
      continue;
    }
    parts.push_back(part);
  }
  std::string out;
  for (auto p : parts) {
    out += '/';
    out += p;
  }
  return out.empty() ? "/" : out;
}

bool UnderOrAt(std::string_view path, std::string_view dir) {
  return path == dir ||
         (StartsWith(path, dir) && path.size() > dir.size() && path[dir.size()] == '/');
}

// ---------------------------------------------------------------------------------------------
// Runtime sockets (DD504).
constexpr std::string_view kSocketNames[] = {
    "docker.sock",     "containerd.sock",  "crio.sock",      "podman.sock",
    "dockershim.sock", "cri-dockerd.sock", "buildkitd.sock", "frakti.sock"};
// Directories that exist to hold a runtime's socket (mounting them exposes it).
constexpr std::string_view kSocketDirs[] = {
    "/run/containerd",  "/var/run/containerd", "/run/crio",     "/var/run/crio",
    "/run/podman",      "/var/run/podman",     "/run/buildkit", "/var/run/buildkit",
    "/run/cri-dockerd", "/var/run/cri-dockerd"};

// The socket a host path exposes ("docker.sock", "/run/containerd"), or "".
std::string RuntimeSocket(std::string_view source) {
  std::string lower = Lower(source);
  // Docker Desktop on Windows: the engine's named pipe.
  if (lower.find("docker_engine") != std::string::npos) return "docker_engine pipe";
  auto norm = NormalisePath(source);
  std::string path = norm ? *norm : lower;
  auto slash = path.rfind('/');
  std::string_view base = slash == std::string::npos ? std::string_view(path)
                                                     : std::string_view(path).substr(slash + 1);
  for (auto name : kSocketNames) {
    if (base == name) return std::string(name);
  }
  if (norm) {
    for (auto dir : kSocketDirs) {
      if (*norm == dir) return std::string(dir);
    }
  }
  return "";
}

// ---------------------------------------------------------------------------------------------
// Sensitive host paths (DD503): what mounting them exposes.
struct SensitivePath {
  std::string_view path;
  bool subpaths;  // paths under it are sensitive too
  std::string_view why;
};
constexpr SensitivePath kSensitive[] = {
    {"/", false, "the whole host filesystem"},
    {"/etc", true, "host configuration (users, shadow, kubelet and runtime config)"},
    {"/proc", true, "host kernel and process interfaces"},
    {"/sys", true, "host kernel and device interfaces"},
    {"/boot", true, "the host kernel and boot loader"},
    {"/root", true, "root's home (keys, credentials)"},
    {"/var/lib/kubelet", true, "kubelet state (pod volumes, secrets, service account tokens)"},
    {"/var/lib/docker", true, "the Docker engine's state (every container's filesystem)"},
    {"/var/lib/containerd", true, "containerd's state (every container's filesystem)"},
    {"/var/lib/containers", true, "podman/CRI-O storage (every container's filesystem)"},
    {"/var/lib/etcd", true, "the cluster's etcd data (every Secret)"},
    {"/dev", false, "every host device"},
    {"/run", false, "runtime state, including the container runtime socket"},
    {"/var/run", false, "runtime state, including the container runtime socket"},
    {"/var", false, "host state, logs and runtime data"},
    {"/var/lib", false, "host state, including every runtime's storage"},
    {"/usr", false, "host binaries and libraries"},
    {"/lib", false, "host libraries and kernel modules"},
    {"/lib64", false, "host libraries"},
    {"/bin", false, "host binaries"},
    {"/sbin", false, "host system binaries"},
    {"/home", false, "every user's home (keys, credentials)"},
};

// Host files that containers commonly read for time zone, CA trust or name resolution: harmless
// when mounted read-only.
constexpr std::string_view kBenignReadOnly[] = {"/etc/localtime",
                                                "/etc/timezone",
                                                "/etc/ssl/certs",
                                                "/etc/pki/tls/certs",
                                                "/etc/pki/ca-trust/extracted",
                                                "/etc/ca-certificates",
                                                "/etc/machine-id",
                                                "/etc/os-release",
                                                "/etc/hostname",
                                                "/etc/resolv.conf",
                                                "/etc/hosts"};

// Credential directories under a home, wherever the home is ("~/.ssh", "/home/u/.aws").
constexpr std::string_view kCredentialDirs[] = {".ssh",   ".aws",           ".kube", ".docker",
                                                ".gnupg", ".config/gcloud", ".azure"};

// Why mounting `source` is sensitive, or "" when it is not.
std::string SensitiveReason(std::string_view source, bool read_only) {
  std::string home_rel;
  if (StartsWith(source, "~/")) home_rel = std::string(source.substr(2));
  auto norm = NormalisePath(source);
  if (norm) {
    if (read_only) {
      for (auto benign : kBenignReadOnly) {
        if (UnderOrAt(*norm, benign)) return "";
      }
    }
    for (const auto& s : kSensitive) {
      if (*norm == s.path) return std::string(s.why);
      if (s.subpaths && UnderOrAt(*norm, s.path)) {
        return "a path under " + std::string(s.path) + " (" + std::string(s.why) + ")";
      }
    }
    // /home/<user>/<credential dir>
    if (StartsWith(*norm, "/home/")) {
      auto slash = norm->find('/', 6);
      if (slash != std::string::npos) home_rel = norm->substr(slash + 1);
    }
  }
  if (!home_rel.empty()) {
    while (!home_rel.empty() && home_rel.back() == '/') home_rel.pop_back();
    for (auto dir : kCredentialDirs) {
      if (UnderOrAt(home_rel, dir)) return "user credentials (" + std::string(dir) + ")";
    }
  }
  return "";
}

// "hostPath `/etc`" / "bind mount `/etc`" for messages.
std::string DescribeBind(const RunSpec& s, const MountPoint& m) {
  return std::string(s.kind == RunKind::kKubernetes ? "hostPath" : "bind mount") + " `" + m.source +
         "`" + (m.target.empty() ? "" : " at `" + m.target + "`");
}

// ---------------------------------------------------------------------------------------------
void WritableRoot(const RunSpec& s, Reporter& r) {
  if (s.IsWindowsPod() || s.read_only_root_fs.value_or(false)) return;
  std::string setting = s.kind == RunKind::kKubernetes ? "readOnlyRootFilesystem is not true"
                        : s.kind == RunKind::kCompose  ? "no `read_only: true`"
                                                       : "no `--read-only`";
  const core::Origin& where = s.read_only_root_fs.has() ? s.read_only_root_fs.origin : s.origin;
  r.Report(where, setting +
                      ": the container can modify its root filesystem (drop tools, "
                      "persist malware, alter its own binaries)");
}

rules::Rule RuleDD501() {
  return {
      .info =
          {
              .id = "DD501",
              .slug = "fs/writable-root",
              .title = "Root filesystem is writable",
              .severity = Severity::kMedium,
              .practice = 5,
              .reads = kR,
              .rationale =
                  "A writable root filesystem lets an intruder drop tools, persist changes "
                  "and tamper with the application's own files. A read-only root with "
                  "tmpfs/emptyDir scratch directories stops all of that at no cost for most "
                  "applications. Windows pods are not judged (no readOnlyRootFilesystem).",
              .remediation = "Kubernetes `securityContext.readOnlyRootFilesystem: true`, docker "
                             "`--read-only`, compose `read_only: true`; mount writable scratch "
                             "space where needed (`--tmpfs /tmp:rw,noexec,nosuid,size=64m`, an "
                             "emptyDir).",
              .references = {"KSV-0014", "CKV_K8S_22", "no-read-only-root-fs", "CIS 5.13"},
              .examples =
                  {
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = "docker run nginx:1.27\n",
                       .fires = true,
                       .severity = Severity::kMedium},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = "docker run --read-only --tmpfs /tmp:rw,noexec,nosuid,size=64m "
                                "nginx:1.27\n",
                       .fires = false},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input =
                           Pod("  containers:\n    - name: web\n      image: nginx:1.27\n"
                               "      securityContext:\n        readOnlyRootFilesystem: false\n"),
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 10},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input =
                           Pod("  containers:\n    - name: web\n      image: nginx:1.27\n"
                               "      securityContext:\n        readOnlyRootFilesystem: true\n"),
                       .fires = false},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: iis\nspec:\n"
                                "  os:\n    name: windows\n  containers:\n    - name: iis\n"
                                "      image: mcr.microsoft.com/windows/servercore/iis:ltsc2022\n",
                       .fires = false,
                       .note = "Windows pods cannot set readOnlyRootFilesystem"},
                      {.kind = core::ExampleKind::kCompose,
                       .input = Compose(""),
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2},
                      {.kind = core::ExampleKind::kCompose,
                       .input = Compose("    read_only: true\n"),
                       .fires = false},
                  },
          },
      .run = WritableRoot,
  };
}

void TmpfsExec(const RunSpec& s, Reporter& r) {
  for (const auto& m : s.mounts) {
    if (!Mounted(m)) continue;
    if (m.type == MountType::kEmptyDirMemory) {
      r.Report(m.origin, "emptyDir `" + m.volume_name + "` with medium: Memory mounted at `" +
                             m.target +
                             "` is exec and suid: Kubernetes cannot set noexec/nosuid on "
                             "emptyDir");
      continue;
    }
    if (m.type != MountType::kTmpfs) continue;
    // docker/podman/compose default to noexec,nosuid,nodev; the last of exec/noexec wins.
    bool exec = false;
    bool suid = false;
    for (const auto& opt : m.options) {
      std::string o = Lower(opt);
      if (o == "exec") exec = true;
      if (o == "noexec") exec = false;
      if (o == "suid") suid = true;
      if (o == "nosuid") suid = false;
    }
    if (!exec && !suid) continue;
    std::string what = exec && suid ? "exec and suid" : exec ? "exec" : "suid";
    r.Report(m.origin, "tmpfs at `" + m.target + "` is mounted " + what +
                           ": programs written there can run" +
                           (suid ? " with their setuid bits" : ""));
  }
}

rules::Rule RuleDD502() {
  return {
      .info =
          {
              .id = "DD502",
              .slug = "fs/tmpfs-exec",
              .title = "Memory-backed scratch space allows exec or setuid",
              .severity = Severity::kLow,
              .practice = 5,
              .reads = kR,
              .rationale =
                  "With a read-only root, tmpfs scratch space is where an intruder would write and "
                  "run "
                  "a payload; `noexec,nosuid` stops that. Docker, podman and compose mount tmpfs "
                  "`noexec,nosuid,nodev` by default, so they fire only when `exec` or `suid` is "
                  "written. Kubernetes cannot set mount options on an emptyDir: a `medium: Memory` "
                  "emptyDir mounted by a container is always exec and suid, so it fires (LOW) as a "
                  "reminder; prefer a disk-backed emptyDir (also exec, but not a tmpfs) or a "
                  "read-only volume where possible.",
              .remediation =
                  "Keep tmpfs mounts `noexec,nosuid` (`--tmpfs /tmp:rw,noexec,nosuid,"
                  "size=64m`; do not add `exec`/`suid`). In Kubernetes, use a disk-backed "
                  "emptyDir with a sizeLimit unless memory backing is needed.",
              .references = {"seed practice 5"},
              .examples =
                  {
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("--read-only --tmpfs /tmp:rw,exec,size=64m"),
                       .fires = true,
                       .severity = Severity::kLow,
                       .note = "`exec` re-enables execution"},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = "docker run --read-only --tmpfs /tmp:rw,noexec,nosuid,size=64m "
                                "nginx:1.27\n",
                       .fires = false},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("--read-only --tmpfs /tmp"),
                       .fires = false,
                       .note = "docker's tmpfs default is noexec,nosuid,nodev"},
                      {.kind = core::ExampleKind::kCompose,
                       .input = Compose("    read_only: true\n"
                                        "    tmpfs:\n      - /tmp:exec,suid\n"),
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 6},
                      {.kind = core::ExampleKind::kCompose,
                       .input = Compose("    read_only: true\n"
                                        "    tmpfs:\n      - /tmp:size=64m\n"),
                       .fires = false},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input =
                           Pod("  containers:\n    - name: web\n      image: nginx:1.27\n"
                               "      volumeMounts:\n        - name: cache\n          mountPath: "
                               "/cache\n"
                               "  volumes:\n    - name: cache\n      emptyDir:\n        medium: "
                               "Memory\n"),
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 10,
                       .note = "emptyDir mount options cannot be set"},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input =
                           Pod("  containers:\n    - name: web\n      image: nginx:1.27\n"
                               "      volumeMounts:\n        - name: cache\n          mountPath: "
                               "/cache\n"
                               "  volumes:\n    - name: cache\n      emptyDir: {}\n"),
                       .fires = false,
                       .note = "disk-backed emptyDir"},
                  },
          },
      .run = TmpfsExec,
  };
}

void SensitiveHostMount(const RunSpec& s, Reporter& r) {
  for (const auto& m : s.mounts) {
    if (m.type != MountType::kBind || !Mounted(m)) continue;
    if (!RuntimeSocket(m.source).empty()) continue;  // DD504's
    std::string why = SensitiveReason(m.source, m.read_only);
    if (why.empty()) continue;
    auto norm = NormalisePath(m.source);
    bool writable = !m.read_only;
    Severity severity = writable && norm && *norm == "/" ? Severity::kCritical : r.rule().severity;
    r.Report(
        m.origin,
        DescribeBind(s, m) + (writable ? " is writable and" : " (read-only)") + " exposes " + why,
        severity);
  }
}

rules::Rule RuleDD503() {
  return {
      .info =
          {
              .id = "DD503",
              .slug = "fs/sensitive-host-mount",
              .title = "Sensitive host path mounted",
              .severity = Severity::kHigh,
              .practice = 5,
              .reads = kR,
              .rationale =
                  "Mounting the host's `/`, /etc, /proc, /sys, /boot, /root, /dev, /run, /usr, the "
                  "kubelet's or a runtime's state directory, or credential directories (~/.ssh, "
                  "~/.aws, ~/.kube, ~/.docker) hands the container the host's secrets and often a "
                  "way to take the host over. Paths are normalised (`//`, `/./`, `..`, trailing "
                  "slashes) before matching; subdirectories of /etc, /proc, /sys, /boot, /root and "
                  "the kubelet/runtime state directories count too, except time zone, CA bundle "
                  "and "
                  "resolver files mounted read-only (/etc/localtime, /etc/ssl/certs, …). Writable "
                  "is worse: a writable `/` is CRITICAL. Runtime sockets are DD504's.",
              .remediation =
                  "Mount only the specific, non-sensitive directory the application "
                  "needs, read-only (`:ro`, `readOnly: true`); use ConfigMaps/Secrets or "
                  "named volumes instead of host paths.",
              .references = {"KSV-0023", "sensitive-host-mounts", "CIS 5.6"},
              .examples =
                  {
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("-v /:/host"),
                       .fires = true,
                       .severity = Severity::kCritical},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("-v /etc/kubernetes/:/k8s:ro"),
                       .fires = true,
                       .severity = Severity::kHigh,
                       .note = "read-only still exposes host configuration"},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("-v /etc/localtime:/etc/localtime:ro"),
                       .fires = false,
                       .note = "time zone / CA files read-only are harmless"},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("-v /srv/app/data:/data"),
                       .fires = false},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("-v /var/run/docker.sock:/var/run/docker.sock"),
                       .fires = false,
                       .note = "runtime sockets are DD504's"},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input =
                           "apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n"
                           "  containers:\n    - name: agent\n      image: agent:1.0\n"
                           "      volumeMounts:\n        - name: proc\n          mountPath: "
                           "/host/proc\n"
                           "          readOnly: true\n"
                           "  volumes:\n    - name: proc\n      hostPath:\n        path: /proc\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 10},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = Pod(
                           "  containers:\n    - name: web\n      image: nginx:1.27\n"
                           "      volumeMounts:\n        - name: data\n          mountPath: /data\n"
                           "  volumes:\n    - name: data\n      hostPath:\n        path: "
                           "/srv/web\n"),
                       .fires = false},
                      {.kind = core::ExampleKind::kCompose,
                       .input = Compose("    volumes:\n"
                                        "      - //etc/./:/host-etc\n"),
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 5,
                       .note = "normalised to /etc"},
                      {.kind = core::ExampleKind::kCompose,
                       .input = Compose("    volumes:\n"
                                        "      - ./html:/usr/share/nginx/html:ro\n"),
                       .fires = false},
                  },
          },
      .run = SensitiveHostMount,
  };
}

void RuntimeSocketMount(const RunSpec& s, Reporter& r) {
  for (const auto& m : s.mounts) {
    if (!Mounted(m)) continue;
    if (m.type != MountType::kBind && m.type != MountType::kOther) continue;
    std::string socket = RuntimeSocket(m.source);
    if (socket.empty()) continue;
    r.Report(m.origin, DescribeBind(s, m) + " exposes the container runtime (" + socket +
                           "): whoever reaches it controls every container and the host" +
                           (m.read_only ? " (read-only does not help: a socket is still "
                                          "writable)"
                                        : ""));
  }
}

rules::Rule RuleDD504() {
  return {
      .info =
          {
              .id = "DD504",
              .slug = "fs/runtime-socket-mount",
              .title = "Container runtime socket mounted",
              .severity = Severity::kCritical,
              .practice = 5,
              .reads = kR,
              .rationale = "docker.sock, containerd.sock, crio.sock, podman.sock (or the directory "
                           "holding them) give full control of the runtime: start a privileged "
                           "container with the host's `/` mounted and the host is taken over. A "
                           "read-only mount does not help: connecting to a socket is not a write.",
              .remediation = "Do not mount the runtime socket. Use a rootless builder (BuildKit "
                             "rootless, kaniko), a socket proxy that allows only the needed "
                             "read-only API calls, or the Kubernetes API with narrow RBAC.",
              .references = {"KSV-0006", "docker-sock", "CKV_K8S_27", "CIS 5.32"},
              .examples =
                  {
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = "docker run -v /var/run/docker.sock:/var/run/docker.sock:ro "
                                "portainer/portainer-ce:2.21.0\n",
                       .fires = true,
                       .severity = Severity::kCritical},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("-v /srv/data:/data"),
                       .fires = false},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input =
                           "apiVersion: v1\nkind: Pod\nmetadata:\n  name: ci\nspec:\n"
                           "  containers:\n    - name: ci\n      image: docker:27\n"
                           "      volumeMounts:\n        - name: sock\n"
                           "          mountPath: /run/containerd/containerd.sock\n"
                           "  volumes:\n    - name: sock\n      hostPath:\n"
                           "        path: /run/containerd/containerd.sock\n        type: Socket\n",
                       .fires = true,
                       .severity = Severity::kCritical,
                       .line = 10},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: ci\nspec:\n"
                                "  containers:\n    - name: ci\n      image: docker:27\n"
                                "  volumes:\n    - name: sock\n      hostPath:\n"
                                "        path: /var/run/docker.sock\n",
                       .fires = false,
                       .note = "declared but not mounted by any container"},
                      {.kind = core::ExampleKind::kCompose,
                       .input = "services:\n  traefik:\n    image: traefik:v3.1\n    volumes:\n"
                                "      - /var/run/docker.sock:/var/run/docker.sock:ro\n",
                       .fires = true,
                       .severity = Severity::kCritical,
                       .line = 5},
                      {.kind = core::ExampleKind::kCompose,
                       .input = Compose("    volumes:\n"
                                        "      - data:/data\nvolumes:\n  data: {}\n"),
                       .fires = false},
                  },
          },
      .run = RuntimeSocketMount,
  };
}

// ---------------------------------------------------------------------------------------------
// Image side: permission bits of the final filesystem.
using model::FsEntry;
using model::ImageSpec;
constexpr std::uint8_t kI = core::kReadsImage;

std::string OctalMode(std::uint32_t mode) {
  std::string out;
  for (int shift = 9; shift >= 0; shift -= 3) out += static_cast<char>('0' + ((mode >> shift) & 7));
  return out;
}

bool IsRegular(const FsEntry& e) { return e.IsFile() || e.type == model::FileType::kHardlink; }

void SetuidFiles(const ImageSpec& spec, Reporter& r) {
  std::vector<const FsEntry*> found;
  for (const auto& e : spec.files.entries) {
    if (IsRegular(e) && (e.mode & 06000) != 0) found.push_back(&e);
  }
  detail::ReportFiles(
      spec, found,
      [](const FsEntry& e) {
        std::string bits = (e.mode & 04000) != 0
                               ? ((e.mode & 02000) != 0 ? "setuid and setgid" : "setuid")
                               : "setgid";
        // Without an execute bit the kernel will not run it (yet a later chmod +x would).
        const bool runs = (e.mode & 0111) != 0;
        return "/" + e.path + " is " + bits + " (mode " + OctalMode(e.mode) + ", owner " +
               std::to_string(e.uid) + ":" + std::to_string(e.gid) +
               (runs ? "): it runs with its owner's privileges"
                     : "): not executable, so it cannot run as is, but one chmod +x makes it "
                       "run with its owner's privileges");
      },
      "setuid/setgid files", r);
}

rules::Rule RuleDD505() {
  return {
      .info =
          {
              .id = "DD505",
              .slug = "fs/setuid-files",
              .title = "setuid or setgid files in the image",
              .severity = Severity::kLow,
              .practice = 5,
              .reads = kI,
              .rationale =
                  "A setuid/setgid binary runs with its owner's (usually root's) privileges "
                  "whatever user starts it: a bug in it, or a writable library it loads, is "
                  "a privilege escalation inside the container. Containers rarely need su, "
                  "passwd, mount or ping setuid. One finding per file; more than 20 are "
                  "reported together.",
              .remediation =
                  "Strip the bits in the final stage (`RUN find / -xdev -perm /6000 -type "
                  "f -exec chmod a-s {} +`) or use a distroless base; also run with "
                  "`allowPrivilegeEscalation: false` / `--security-opt no-new-privileges`.",
              .references = {"CIS-DI-0008"},
              .examples =
                  {
                      {.kind = core::ExampleKind::kImage,
                       .input = "file /usr/bin/passwd 4755\n",
                       .fires = true,
                       .severity = Severity::kLow},
                      {.kind = core::ExampleKind::kImage,
                       .input = "file /usr/bin/wall 2755 gid=5\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .note = "setgid tty"},
                      {.kind = core::ExampleKind::kImage,
                       .input = "file /usr/bin/app 0755\ndir /srv 2775\n",
                       .fires = false,
                       .note = "setgid directories only set the group of new files"},
                  },
          },
      .image = SetuidFiles,
  };
}

// Directories where world-writable entries are expected (they carry the sticky bit anyway).
constexpr std::string_view kScratchDirs[] = {"tmp", "var/tmp", "dev/shm"};

bool InScratchDir(std::string_view path) {
  for (std::string_view d : kScratchDirs) {
    if (path == d || (StartsWith(path, d) && path.size() > d.size() && path[d.size()] == '/')) {
      return true;
    }
  }
  return false;
}

void WorldWritable(const ImageSpec& spec, Reporter& r) {
  std::vector<const FsEntry*> found;
  for (const auto& e : spec.files.entries) {
    if (!(IsRegular(e) || e.IsDir()) || (e.mode & 0002) == 0 || InScratchDir(e.path)) continue;
    if (e.IsDir() && (e.mode & 01000) != 0) continue;  // sticky: only owners delete entries
    found.push_back(&e);
  }
  detail::ReportFiles(
      spec, found,
      [](const FsEntry& e) {
        return "/" + e.path + " is world-writable (" + (e.IsDir() ? "directory" : "file") +
               ", mode " + OctalMode(e.mode) + (e.IsDir() ? ", no sticky bit" : "") +
               "): any user of the container can change it";
      },
      "world-writable files and directories", r);
}

rules::Rule RuleDD506() {
  return {
      .info =
          {
              .id = "DD506",
              .slug = "fs/world-writable",
              .title = "World-writable files or directories outside /tmp",
              .severity = Severity::kLow,
              .practice = 5,
              .reads = kI,
              .rationale =
                  "A file any user may write lets every process of the container (and any "
                  "intruder, whatever uid it has) replace code or configuration; a "
                  "world-writable directory without the sticky bit lets anyone delete or "
                  "swap other users' files. /tmp, /var/tmp and /dev/shm are expected to be "
                  "world-writable (with the sticky bit) and are skipped, as are symlinks "
                  "(their mode means nothing). One finding per entry; more than 20 are "
                  "reported together.",
              .remediation = "`chmod o-w` the entry in the final stage (or set the sticky bit on "
                             "shared directories); give the application user ownership instead of "
                             "opening permissions to everyone.",
              .references = {},
              .examples =
                  {
                      {.kind = core::ExampleKind::kImage,
                       .input = "dir /app 0777\nfile /app/config.yaml 0666\n",
                       .fires = true,
                       .severity = Severity::kLow},
                      {.kind = core::ExampleKind::kImage,
                       .input = "dir /tmp 1777\nfile /tmp/cache 0666\ndir /srv/shared 1777\n"
                                "symlink /app/link -> /tmp/cache\n",
                       .fires = false,
                       .note = "/tmp, sticky directories and symlinks are fine"},
                  },
          },
      .image = WorldWritable,
  };
}

}  // namespace

void RegisterFsRules(rules::Registry& registry) {
  registry.Add(RuleDD501());
  registry.Add(RuleDD502());
  registry.Add(RuleDD503());
  registry.Add(RuleDD504());
  registry.Add(RuleDD505());
  registry.Add(RuleDD506());
}

}  // namespace drydock::rules
