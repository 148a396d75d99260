// SPDX-License-Identifier: Apache-2.0
// The `docker run` argument parser: pflag semantics over one table of every
// flag.
#include "sources/dockerrun/dockerrun.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "core/strings.h"
#include "shell/run_commands.h"
#include "sources/dockerrun/detail/values.h"

namespace drydock::sources::dockerrun {
namespace {

using core::AllDigits;

namespace d = detail;

// State while one invocation's flags are applied.
struct Ctx {
  model::RunSpec& spec;
  std::optional<std::int64_t> cpu_quota;
  std::optional<std::int64_t> cpu_period;
  core::Origin quota_origin;
};

// What applying a flag's value gives: nothing, or an error text in docker's wording.
using FlagResult = tl::expected<void, std::string>;

// Applies a flag's value to the spec.
using Handler = FlagResult (*)(Ctx&, std::string_view value, const core::Origin& at);

enum class Arity { kValue, kBool };

struct FlagDef {
  std::string_view name;  // long name, without "--"
  char shorthand;         // 0 = none
  Arity arity;
  Handler handler;  // nullptr: accepted, nothing in RunSpec reads it
  // Values are validated by the docker CLI as integers (no RunSpec field).
  bool integer = false;
};

FlagResult Ok() { return {}; }
FlagResult Fail(std::string message) { return tl::unexpected(std::move(message)); }

template <class T>
FlagResult Error(const d::ValueResult<T>& r) {
  if (!r) return Fail(r.error());
  return Ok();
}

FlagResult SetBoolField(model::Field<bool>& field, std::string_view value, const core::Origin& at) {
  auto b = d::ParseBool(value);
  if (!b) return Fail(b.error());
  field.Set(*b, at);
  return Ok();
}

FlagResult SetIntField(model::Field<std::int64_t>& field, std::string_view value,
                       const core::Origin& at) {
  auto v = d::ParseInt64(value);
  if (!v) return Fail(v.error());
  field.Set(*v, at);
  return Ok();
}

// --network/--pid/--ipc/--uts/--userns: "host" shares the host's namespace.
FlagResult SetHostMode(model::Field<bool>& field, std::string_view value, const core::Origin& at) {
  field.Set(value == "host", at);
  return Ok();
}

FlagResult User(Ctx& c, std::string_view value, const core::Origin& at) {
  c.spec.user.Set(std::string(value), at);
  std::size_t colon = value.find(':');
  std::string_view uid = value.substr(0, colon);
  if (AllDigits(uid)) {
    if (auto v = d::ParseInt64(uid)) c.spec.run_as_user.Set(*v, at);
  }
  if (colon != std::string_view::npos) {
    std::string_view gid = value.substr(colon + 1);
    if (AllDigits(gid)) {
      if (auto v = d::ParseInt64(gid)) c.spec.run_as_group.Set(*v, at);
    }
  }
  return Ok();
}

FlagResult ReadOnly(Ctx& c, std::string_view v, const core::Origin& at) {
  return SetBoolField(c.spec.read_only_root_fs, v, at);
}

// Parses a repeatable flag's value with `parse` (a ValueResult<T> of a value that has an
// `origin`), records where it was written, and appends it to `into`.
template <class T, class Parse>
FlagResult Append(std::vector<T>& into, Parse parse, std::string_view value,
                  const core::Origin& at) {
  auto parsed = parse(value);
  if (!parsed) return Fail(parsed.error());
  parsed->origin = at;
  into.push_back(std::move(*parsed));
  return Ok();
}

FlagResult Tmpfs(Ctx& c, std::string_view value, const core::Origin& at) {
  model::MountPoint m = d::Tmpfs(value);
  m.origin = at;
  c.spec.mounts.push_back(std::move(m));
  return Ok();
}

FlagResult VolumeFlag(Ctx& c, std::string_view value, const core::Origin& at) {
  return Append(c.spec.mounts, d::Volume, value, at);
}

FlagResult MountFlag(Ctx& c, std::string_view value, const core::Origin& at) {
  return Append(c.spec.mounts, d::Mount, value, at);
}

FlagResult Memory(Ctx& c, std::string_view value, const core::Origin& at) {
  auto v = d::RamInBytes(value);
  if (!v) return Fail(v.error());
  c.spec.memory_limit.Set(*v, at);
  return Ok();
}

FlagResult MemorySwap(Ctx& c, std::string_view value, const core::Origin& at) {
  auto v = d::MemorySwap(value);
  if (!v) return Fail(v.error());
  c.spec.memory_swap.Set(*v, at);
  return Ok();
}

FlagResult MemoryReservation(Ctx& c, std::string_view value, const core::Origin& at) {
  auto v = d::RamInBytes(value);
  if (!v) return Fail(v.error());
  c.spec.memory_request.Set(*v, at);
  return Ok();
}

FlagResult Bytes(Ctx&, std::string_view value, const core::Origin&) {
  return Error(d::RamInBytes(value));
}

FlagResult CpusFlag(Ctx& c, std::string_view value, const core::Origin& at) {
  auto v = d::Cpus(value);
  if (!v) return Fail(v.error());
  c.spec.cpu_limit.Set(*v, at);
  return Ok();
}

FlagResult CpuQuota(Ctx& c, std::string_view value, const core::Origin& at) {
  auto v = d::ParseInt64(value);
  if (!v) return Fail(v.error());
  c.cpu_quota = *v;
  c.quota_origin = at;
  return Ok();
}

FlagResult CpuPeriod(Ctx& c, std::string_view value, const core::Origin&) {
  auto v = d::ParseInt64(value);
  if (!v) return Fail(v.error());
  c.cpu_period = *v;
  return Ok();
}

FlagResult CpuShares(Ctx& c, std::string_view v, const core::Origin& at) {
  return SetIntField(c.spec.cpu_shares, v, at);
}

FlagResult PidsLimit(Ctx& c, std::string_view v, const core::Origin& at) {
  return SetIntField(c.spec.pids_limit, v, at);
}

FlagResult UlimitFlag(Ctx& c, std::string_view value, const core::Origin& at) {
  auto u = d::ParseUlimit(value);
  if (!u) return Fail(u.error());
  if (u->name == "nofile") {
    c.spec.nofile_soft.Set(u->soft, at);
    c.spec.nofile_hard.Set(u->hard, at);
  }
  return Ok();
}

FlagResult CapAdd(Ctx& c, std::string_view value, const core::Origin& at) {
  c.spec.cap_add.push_back({model::NormaliseCapability(value), at});
  return Ok();
}

FlagResult CapDrop(Ctx& c, std::string_view value, const core::Origin& at) {
  c.spec.cap_drop.push_back({model::NormaliseCapability(value), at});
  return Ok();
}

FlagResult Privileged(Ctx& c, std::string_view v, const core::Origin& at) {
  return SetBoolField(c.spec.privileged, v, at);
}

FlagResult SecurityOpt(Ctx& c, std::string_view value, const core::Origin& at) {
  model::RunSpec& s = c.spec;
  if (value == "no-new-privileges") {
    s.allow_privilege_escalation.Set(false, at);
    return Ok();
  }
  std::size_t sep = value.find('=');
  if (sep == std::string_view::npos) sep = value.find(':');
  if (sep == std::string_view::npos) {
    return Fail(fmt::format("Invalid --security-opt: \"{}\"", value));
  }
  std::string_view key = value.substr(0, sep);
  std::string_view v = value.substr(sep + 1);
  if (key == "no-new-privileges") {
    auto b = d::ParseBool(v);
    if (!b) return Fail(fmt::format("invalid --security-opt 2: \"{}\"", value));
    s.allow_privilege_escalation.Set(!*b, at);
  } else if (key == "seccomp") {
    if (v == "unconfined") {
      s.seccomp.Set(model::ProfileType::kUnconfined, at);
    } else if (v == "builtin" || v.empty()) {
      s.seccomp.Set(model::ProfileType::kRuntimeDefault, at);
    } else {
      s.seccomp.Set(model::ProfileType::kLocalhost, at);
      s.seccomp_localhost_profile.Set(std::string(v), at);
    }
  } else if (key == "apparmor") {
    if (v == "unconfined") {
      s.apparmor.Set(model::ProfileType::kUnconfined, at);
    } else if (v == "docker-default" || v == "runtime/default" || v == "containers-default") {
      s.apparmor.Set(model::ProfileType::kRuntimeDefault, at);
    } else {
      s.apparmor.Set(model::ProfileType::kLocalhost, at);
    }
  } else if (key == "label") {
    if (v == "disable") {
      s.selinux_disabled.Set(true, at);
    } else {
      std::size_t colon = v.find(':');
      std::string_view k = v.substr(0, colon);
      std::string val(colon == std::string_view::npos ? std::string_view() : v.substr(colon + 1));
      if (k == "type") s.selinux_type.Set(val, at);
      if (k == "user") s.selinux_user.Set(val, at);
      if (k == "role") s.selinux_role.Set(val, at);
    }
  } else if (key == "systempaths") {
    s.systempaths_unconfined.Set(v == "unconfined", at);
  } else if (key == "unmask" && v == "ALL") {  // podman: unmask every masked path
    s.systempaths_unconfined.Set(true, at);
  }
  return Ok();
}

FlagResult Network(Ctx& c, std::string_view v, const core::Origin& at) {
  return SetHostMode(c.spec.host_network, v, at);
}
FlagResult Pid(Ctx& c, std::string_view v, const core::Origin& at) {
  return SetHostMode(c.spec.host_pid, v, at);
}
FlagResult Ipc(Ctx& c, std::string_view v, const core::Origin& at) {
  return SetHostMode(c.spec.host_ipc, v, at);
}
FlagResult Uts(Ctx& c, std::string_view v, const core::Origin& at) {
  return SetHostMode(c.spec.host_uts, v, at);
}
FlagResult Userns(Ctx& c, std::string_view v, const core::Origin& at) {
  return SetHostMode(c.spec.host_userns, v, at);
}

FlagResult Device(Ctx& c, std::string_view value, const core::Origin& at) {
  c.spec.devices.push_back({std::string(value), at});
  return Ok();
}

FlagResult GroupAdd(Ctx& c, std::string_view value, const core::Origin& at) {
  // Group names cannot be resolved statically; numeric ids are recorded.
  if (AllDigits(value)) {
    if (auto v = d::ParseInt64(value)) c.spec.supplemental_groups.emplace_back(*v, at);
  }
  return Ok();
}

FlagResult SysctlFlag(Ctx& c, std::string_view value, const core::Origin& at) {
  return Append(c.spec.sysctls, d::ParseSysctl, value, at);
}

FlagResult Publish(Ctx& c, std::string_view value, const core::Origin& at) {
  return Append(c.spec.ports, d::Port, value, at);
}

FlagResult Env(Ctx& c, std::string_view value, const core::Origin& at) {
  model::EnvVar e;
  std::size_t eq = value.find('=');
  if (eq == 0) return Fail(fmt::format("invalid environment variable: {}", value));
  e.name = std::string(value.substr(0, eq));
  if (eq == std::string_view::npos) {
    e.source = model::EnvSource::kHost;
  } else {
    e.value = std::string(value.substr(eq + 1));
  }
  e.origin = at;
  c.spec.env.push_back(std::move(e));
  return Ok();
}

FlagResult EnvFile(Ctx& c, std::string_view value, const core::Origin& at) {
  model::EnvFrom f;
  f.kind = model::EnvFrom::Kind::kFile;
  f.name = std::string(value);
  f.origin = at;
  c.spec.env_from.push_back(std::move(f));
  return Ok();
}

FlagResult Entrypoint(Ctx& c, std::string_view value, const core::Origin& at) {
  c.spec.command.clear();
  if (!value.empty()) c.spec.command.push_back({std::string(value), at});
  return Ok();
}

FlagResult Name(Ctx& c, std::string_view value, const core::Origin&) {
  c.spec.name = std::string(value);
  return Ok();
}

FlagResult ContentTrust(Ctx& c, std::string_view v, const core::Origin& at) {
  return SetBoolField(c.spec.content_trust_disabled, v, at);
}

FlagResult Pull(Ctx& c, std::string_view value, const core::Origin& at) {
  c.spec.image_pull_policy.Set(std::string(value), at);
  return Ok();
}

FlagResult Uint16(Ctx&, std::string_view value, const core::Origin&) {
  auto v = d::ParseInt64(value);
  if (!v || *v < 0 || *v > 65535) {
    return Fail(fmt::format("strconv.ParseUint: parsing \"{}\": invalid syntax", value));
  }
  return Ok();
}

constexpr Arity V = Arity::kValue;
constexpr Arity B = Arity::kBool;

// Every `docker run` flag (docker CLI 24–28, `docker run --help` incl. hidden
// aliases), then the common podman-only ones (accepted so podman lines parse;
// nothing reads most of them).
constexpr FlagDef kRunFlags[] = {
    {"add-host", 0, V, nullptr},
    {"annotation", 0, V, nullptr},
    {"attach", 'a', V, nullptr},
    {"blkio-weight", 0, V, Uint16},
    {"blkio-weight-device", 0, V, nullptr},
    {"cap-add", 0, V, CapAdd},
    {"cap-drop", 0, V, CapDrop},
    {"cgroup-parent", 0, V, nullptr},
    {"cgroupns", 0, V, nullptr},
    {"cidfile", 0, V, nullptr},
    {"cpu-count", 0, V, nullptr, true},
    {"cpu-percent", 0, V, nullptr, true},
    {"cpu-period", 0, V, CpuPeriod},
    {"cpu-quota", 0, V, CpuQuota},
    {"cpu-rt-period", 0, V, nullptr, true},
    {"cpu-rt-runtime", 0, V, nullptr, true},
    {"cpu-shares", 'c', V, CpuShares},
    {"cpus", 0, V, CpusFlag},
    {"cpuset-cpus", 0, V, nullptr},
    {"cpuset-mems", 0, V, nullptr},
    {"detach", 'd', B, nullptr},
    {"detach-keys", 0, V, nullptr},
    {"device", 0, V, Device},
    {"device-cgroup-rule", 0, V, nullptr},
    {"device-read-bps", 0, V, nullptr},
    {"device-read-iops", 0, V, nullptr},
    {"device-write-bps", 0, V, nullptr},
    {"device-write-iops", 0, V, nullptr},
    {"disable-content-trust", 0, B, ContentTrust},
    {"dns", 0, V, nullptr},
    {"dns-opt", 0, V, nullptr},
    {"dns-option", 0, V, nullptr},
    {"dns-search", 0, V, nullptr},
    {"domainname", 0, V, nullptr},
    {"entrypoint", 0, V, Entrypoint},
    {"env", 'e', V, Env},
    {"env-file", 0, V, EnvFile},
    {"expose", 0, V, nullptr},
    {"gpus", 0, V, nullptr},
    {"group-add", 0, V, GroupAdd},
    {"health-cmd", 0, V, nullptr},
    {"health-interval", 0, V, nullptr},
    {"health-retries", 0, V, nullptr, true},
    {"health-start-interval", 0, V, nullptr},
    {"health-start-period", 0, V, nullptr},
    {"health-timeout", 0, V, nullptr},
    {"help", 0, B, nullptr},
    {"hostname", 'h', V, nullptr},
    {"init", 0, B, nullptr},
    {"interactive", 'i', B, nullptr},
    {"io-maxbandwidth", 0, V, Bytes},
    {"io-maxiops", 0, V, nullptr, true},
    {"ip", 0, V, nullptr},
    {"ip6", 0, V, nullptr},
    {"ipc", 0, V, Ipc},
    {"isolation", 0, V, nullptr},
    {"kernel-memory", 0, V, Bytes},
    {"label", 'l', V, nullptr},
    {"label-file", 0, V, nullptr},
    {"link", 0, V, nullptr},
    {"link-local-ip", 0, V, nullptr},
    {"log-driver", 0, V, nullptr},
    {"log-opt", 0, V, nullptr},
    {"mac-address", 0, V, nullptr},
    {"memory", 'm', V, Memory},
    {"memory-reservation", 0, V, MemoryReservation},
    {"memory-swap", 0, V, MemorySwap},
    {"memory-swappiness", 0, V, nullptr, true},
    {"mount", 0, V, MountFlag},
    {"name", 0, V, Name},
    {"net", 0, V, Network},
    {"net-alias", 0, V, nullptr},
    {"network", 0, V, Network},
    {"network-alias", 0, V, nullptr},
    {"no-healthcheck", 0, B, nullptr},
    {"oom-kill-disable", 0, B, nullptr},
    {"oom-score-adj", 0, V, nullptr, true},
    {"pid", 0, V, Pid},
    {"pids-limit", 0, V, PidsLimit},
    {"platform", 0, V, nullptr},
    {"privileged", 0, B, Privileged},
    {"publish", 'p', V, Publish},
    {"publish-all", 'P', B, nullptr},
    {"pull", 0, V, Pull},
    {"quiet", 'q', B, nullptr},
    {"read-only", 0, B, ReadOnly},
    {"restart", 0, V, nullptr},
    {"rm", 0, B, nullptr},
    {"runtime", 0, V, nullptr},
    {"security-opt", 0, V, SecurityOpt},
    {"shm-size", 0, V, Bytes},
    {"sig-proxy", 0, B, nullptr},
    {"stop-signal", 0, V, nullptr},
    {"stop-timeout", 0, V, nullptr, true},
    {"storage-opt", 0, V, nullptr},
    {"sysctl", 0, V, SysctlFlag},
    {"tmpfs", 0, V, Tmpfs},
    {"tty", 't', B, nullptr},
    {"ulimit", 0, V, UlimitFlag},
    {"use-api-socket", 0, B, nullptr},
    {"user", 'u', V, User},
    {"userns", 0, V, Userns},
    {"uts", 0, V, Uts},
    {"volume", 'v', V, VolumeFlag},
    {"volume-driver", 0, V, nullptr},
    {"volumes-from", 0, V, nullptr},
    {"workdir", 'w', V, nullptr},
    // podman run only.
    {"arch", 0, V, nullptr},
    {"authfile", 0, V, nullptr},
    {"cert-dir", 0, V, nullptr},
    {"cgroup-conf", 0, V, nullptr},
    {"cgroups", 0, V, nullptr},
    {"chrootdirs", 0, V, nullptr},
    {"conmon-pidfile", 0, V, nullptr},
    {"creds", 0, V, nullptr},
    {"decryption-key", 0, V, nullptr},
    {"env-host", 0, B, nullptr},
    {"env-merge", 0, V, nullptr},
    {"gidmap", 0, V, nullptr},
    {"group-entry", 0, V, nullptr},
    {"health-log-destination", 0, V, nullptr},
    {"health-max-log-count", 0, V, nullptr},
    {"health-max-log-size", 0, V, nullptr},
    {"health-on-failure", 0, V, nullptr},
    {"health-startup-cmd", 0, V, nullptr},
    {"health-startup-interval", 0, V, nullptr},
    {"health-startup-retries", 0, V, nullptr},
    {"health-startup-success", 0, V, nullptr},
    {"health-startup-timeout", 0, V, nullptr},
    {"hostuser", 0, V, nullptr},
    {"http-proxy", 0, B, nullptr},
    {"image-volume", 0, V, nullptr},
    {"init-path", 0, V, nullptr},
    {"no-hosts", 0, B, nullptr},
    {"os", 0, V, nullptr},
    {"passwd", 0, B, nullptr},
    {"passwd-entry", 0, V, nullptr},
    {"personality", 0, V, nullptr},
    {"pidfile", 0, V, nullptr},
    {"pod", 0, V, nullptr},
    {"pod-id-file", 0, V, nullptr},
    {"preserve-fd", 0, V, nullptr},
    {"preserve-fds", 0, V, nullptr},
    {"rdt-class", 0, V, nullptr},
    {"read-only-tmpfs", 0, B, nullptr},
    {"replace", 0, B, nullptr},
    {"requires", 0, V, nullptr},
    {"retry", 0, V, nullptr},
    {"retry-delay", 0, V, nullptr},
    {"rootfs", 0, B, nullptr},
    {"sdnotify", 0, V, nullptr},
    {"seccomp-policy", 0, V, nullptr},
    {"secret", 0, V, nullptr},
    {"shm-size-systemd", 0, V, nullptr},
    {"subgidname", 0, V, nullptr},
    {"subuidname", 0, V, nullptr},
    {"systemd", 0, V, nullptr},
    {"timeout", 0, V, nullptr},
    {"tls-verify", 0, B, nullptr},
    {"tz", 0, V, nullptr},
    {"uidmap", 0, V, nullptr},
    {"umask", 0, V, nullptr},
    {"unsetenv", 0, V, nullptr},
    {"unsetenv-all", 0, B, nullptr},
    {"variant", 0, V, nullptr},
};

// Options of the `docker` / `podman` root command, accepted before the
// subcommand.
constexpr FlagDef kGlobalFlags[] = {
    // docker
    {"config", 0, V, nullptr},
    {"context", 'c', V, nullptr},
    {"debug", 'D', B, nullptr},
    {"host", 'H', V, nullptr},
    {"log-level", 'l', V, nullptr},
    {"tls", 0, B, nullptr},
    {"tlscacert", 0, V, nullptr},
    {"tlscert", 0, V, nullptr},
    {"tlskey", 0, V, nullptr},
    {"tlsverify", 0, B, nullptr},
    {"help", 0, B, nullptr},
    // podman
    {"cdi-spec-dir", 0, V, nullptr},
    {"cgroup-manager", 0, V, nullptr},
    {"conmon", 0, V, nullptr},
    {"connection", 0, V, nullptr},
    {"db-backend", 0, V, nullptr},
    {"events-backend", 0, V, nullptr},
    {"hooks-dir", 0, V, nullptr},
    {"identity", 0, V, nullptr},
    {"imagestore", 0, V, nullptr},
    {"module", 0, V, nullptr},
    {"network-cmd-path", 0, V, nullptr},
    {"network-config-dir", 0, V, nullptr},
    {"noout", 0, B, nullptr},
    {"out", 0, V, nullptr},
    {"remote", 'r', B, nullptr},
    {"root", 0, V, nullptr},
    {"runroot", 0, V, nullptr},
    {"runtime", 0, V, nullptr},
    {"runtime-flag", 0, V, nullptr},
    {"ssh", 0, V, nullptr},
    {"storage-driver", 0, V, nullptr},
    {"storage-opt", 0, V, nullptr},
    {"syslog", 0, B, nullptr},
    {"tmpdir", 0, V, nullptr},
    {"transient-store", 0, B, nullptr},
    {"url", 0, V, nullptr},
    {"volumepath", 0, V, nullptr},
};

template <std::size_t N>
const FlagDef* FindLong(const FlagDef (&table)[N], std::string_view name) {
  for (const FlagDef& f : table) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

template <std::size_t N>
const FlagDef* FindShort(const FlagDef (&table)[N], char c) {
  for (const FlagDef& f : table) {
    if (f.shorthand != 0 && f.shorthand == c) return &f;
  }
  return nullptr;
}

std::string Basename(std::string_view program) {
  std::size_t slash = program.find_last_of('/');
  return std::string(slash == std::string_view::npos ? program : program.substr(slash + 1));
}

bool IsEngine(std::string_view program) {
  std::string base = Basename(program);
  return base == "docker" || base == "podman";
}

// One flag occurrence found by the pflag walker.
struct Occurrence {
  const FlagDef* def = nullptr;
  std::string value;
  const Word* where = nullptr;  // the word holding the value (the flag word for `=`/bools)
};

struct WalkError {
  std::string message;
  const Word* where = nullptr;
};

// Walks flags from `i` like pflag with interspersed=false: stops at the first
// positional (or after `--`). Calls `on_flag` per occurrence; returns the index
// of the first positional, or an error. `lenient`: unknown flags are taken for
// booleans (used for root options, where a newer CLI may know more than this
// table).
template <std::size_t N, class OnFlag>
tl::expected<std::size_t, WalkError> WalkFlags(const FlagDef (&table)[N],
                                               const std::vector<Word>& words, std::size_t i,
                                               bool lenient, OnFlag&& on_flag) {
  static const FlagDef kUnknownBool{"", 0, Arity::kBool, nullptr};
  auto fail = [](std::string message, const Word& w) {
    return tl::unexpected(WalkError{std::move(message), &w});
  };
  while (i < words.size()) {
    const Word& w = words[i];
    std::string_view s = w.text;
    if (s == "--") return i + 1;
    if (s.size() < 2 || s[0] != '-') return i;
    if (s[1] == '-') {
      std::string_view name = s.substr(2);
      std::size_t eq = name.find('=');
      bool has_eq = eq != std::string_view::npos;
      std::string_view inline_value = has_eq ? name.substr(eq + 1) : std::string_view();
      name = name.substr(0, eq);
      if (name.empty() || name[0] == '-' || name[0] == '=') {
        return fail(fmt::format("bad flag syntax: {}", s), w);
      }
      const FlagDef* def = FindLong(table, name);
      if (def == nullptr) {
        if (!lenient) return fail(fmt::format("unknown flag: --{}", name), w);
        def = &kUnknownBool;
      }
      Occurrence occ{def, {}, &w};
      if (def->arity == Arity::kBool) {
        occ.value = has_eq ? std::string(inline_value) : "true";
      } else if (has_eq) {
        occ.value = std::string(inline_value);
      } else if (i + 1 < words.size()) {
        occ.value = words[++i].text;
        occ.where = &words[i];
      } else {
        return fail(fmt::format("flag needs an argument: --{}", name), w);
      }
      if (auto e = on_flag(occ); !e) return fail(std::move(e).error(), *occ.where);
      ++i;
      continue;
    }
    std::string_view shorts = s.substr(1);
    std::size_t flag_index = i;
    while (!shorts.empty()) {
      char c = shorts[0];
      const FlagDef* def = FindShort(table, c);
      if (def == nullptr) {
        if (!lenient) {
          return fail(fmt::format("unknown shorthand flag: '{}' in {}", c, s), words[flag_index]);
        }
        def = &kUnknownBool;
      }
      Occurrence occ{def, {}, &words[flag_index]};
      if (shorts.size() > 2 && shorts[1] == '=') {
        occ.value = std::string(shorts.substr(2));
        shorts = {};
      } else if (def->arity == Arity::kBool) {
        occ.value = "true";
        shorts.remove_prefix(1);
      } else if (shorts.size() > 1) {
        occ.value = std::string(shorts.substr(1));
        shorts = {};
      } else if (i + 1 < words.size()) {
        occ.value = words[++i].text;
        occ.where = &words[i];
        shorts = {};
      } else {
        return fail(fmt::format("flag needs an argument: '{}' in -{}", c, c), words[flag_index]);
      }
      if (auto e = on_flag(occ); !e) return fail(std::move(e).error(), *occ.where);
    }
    ++i;
  }
  return i;
}

// Skips the root options and the `run` / `container run` subcommand. Returns
// the index of the first run flag, or nullopt when `words` is not a run
// invocation.
std::optional<std::size_t> RunArgsStart(const std::vector<Word>& words) {
  if (words.empty() || !IsEngine(words[0].text)) return std::nullopt;
  auto next = WalkFlags(kGlobalFlags, words, 1, true, [](const Occurrence&) { return Ok(); });
  if (!next) return std::nullopt;
  std::size_t i = *next;
  if (i < words.size() && words[i].text == "container") ++i;
  if (i < words.size() && words[i].text == "run") return i + 1;
  return std::nullopt;
}

bool HasShellMeta(std::string_view v) {
  return v.find('$') != std::string_view::npos || v.find('`') != std::string_view::npos;
}

}  // namespace

bool IsRunInvocation(const std::vector<Word>& words) { return RunArgsStart(words).has_value(); }

namespace {

// An unquoted word that is one variable reference and nothing else: `$OPTS`,
// `${OPTS}`, make's
// `$(OPTS)`, or a command substitution `$(cat flags)`. The shell may split it
// into several words.
bool IsLoneVariable(const Word& w) {
  std::string_view s = w.text;
  if (w.quoted || s.size() < 2 || s[0] != '$') return false;
  if (s[1] == '{') return s.back() == '}' && s.find('}') == s.size() - 1;
  if (s[1] == '(') return s.back() == ')';
  for (std::size_t i = 1; i < s.size(); ++i) {
    char c = s[i];
    bool name = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
                (i > 1 && c >= '0' && c <= '9');
    if (!name) return false;
  }
  return true;
}

// A variable whose name says it holds options rather than an image.
bool NamesOptions(std::string_view text) {
  std::string upper;
  for (char c : text) upper += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  for (std::string_view k : {"OPT", "FLAG", "ARG", "PARAM", "EXTRA"}) {
    if (upper.find(k) != std::string::npos) return true;
  }
  return false;
}

// Parses the run flags and positionals from `start` into `spec`. With
// `skip_variables`, an unquoted lone variable in the image position that is
// followed by a flag, or whose name says it holds options (`docker run
// $DOCKER_OPTS -v …`, `$(RUN_FLAGS) image`), is taken for options the script
// supplies at run time and skipped. Returns whether a variable was skipped.
tl::expected<bool, model::ParseError> ParseRunArgs(const std::vector<Word>& words,
                                                   std::size_t start, bool skip_variables,
                                                   model::RunSpec& spec) {
  Ctx ctx{spec, std::nullopt, std::nullopt, {}};
  auto apply = [&](const Occurrence& occ) -> FlagResult {
    if (occ.def->handler == nullptr && !occ.def->integer && occ.def->arity == Arity::kValue) {
      return Ok();
    }
    core::Origin at = occ.where->origin;
    at.path = fmt::format("docker run --{}", occ.def->name);
    FlagResult applied;
    if (occ.def->arity == Arity::kBool) {
      auto b = d::ParseBool(occ.value);
      if (!b) {
        applied = Fail(b.error());
      } else if (occ.def->handler != nullptr) {
        applied = occ.def->handler(ctx, occ.value, at);
      }
    } else if (occ.def->handler != nullptr) {
      applied = occ.def->handler(ctx, occ.value, at);
    } else {
      applied = Error(d::ParseInt64(occ.value));
    }
    if (applied || HasShellMeta(occ.value)) return Ok();  // `$VAR`: value unknown
    std::string flag = occ.def->shorthand != 0
                           ? fmt::format("-{}, --{}", occ.def->shorthand, occ.def->name)
                           : fmt::format("--{}", occ.def->name);
    return Fail(fmt::format("invalid argument \"{}\" for \"{}\" flag: {}", occ.value, flag,
                            applied.error()));
  };
  bool skipped = false;
  std::size_t i = start;
  while (true) {
    auto next = WalkFlags(kRunFlags, words, i, false, apply);
    if (!next) {
      return tl::unexpected(model::ParseError{next.error().where->origin, next.error().message});
    }
    i = *next;
    bool after_dashes = i > 0 && words[i - 1].text == "--";
    if (skip_variables && !after_dashes && i + 1 < words.size() && IsLoneVariable(words[i]) &&
        (words[i + 1].text.rfind('-', 0) == 0 || NamesOptions(words[i].text))) {
      skipped = true;
      ++i;
      continue;
    }
    break;
  }
  if (i >= words.size()) {
    return tl::unexpected(
        model::ParseError{words[start - 1].origin, "\"docker run\" requires at least 1 argument."});
  }
  core::Origin image_origin = words[i].origin;
  image_origin.path = "docker run IMAGE";
  spec.image.Set(words[i].text, image_origin);
  for (++i; i < words.size(); ++i) {
    core::Origin at = words[i].origin;
    at.path = "docker run COMMAND";
    spec.args.push_back({words[i].text, at});
  }
  // --cpu-quota / --cpu-period (period defaults to 100ms) when --cpus is not
  // given.
  if (!spec.cpu_limit.has() && ctx.cpu_quota && *ctx.cpu_quota > 0) {
    std::int64_t period = ctx.cpu_period.value_or(100000);
    if (period > 0) {
      spec.cpu_limit.Set(static_cast<double>(*ctx.cpu_quota) / static_cast<double>(period),
                         ctx.quota_origin);
    }
  }
  return skipped;
}

}  // namespace

void ParseInvocation(const std::vector<Word>& words, std::string_view file, model::RunSet& set) {
  std::optional<std::size_t> start = RunArgsStart(words);
  if (!start) {
    if (!words.empty()) {
      set.errors.push_back({words[0].origin, "not a `docker run` / `podman run` command"});
    }
    return;
  }
  model::RunSpec base;
  base.kind = model::RunKind::kDockerRun;
  base.file = std::string(file);
  base.workload = "docker run";
  base.origin = words[0].origin;
  base.origin.path = "docker run";
  if (words.back().origin.line > base.origin.line) base.origin.end_line = words.back().origin.line;
  model::RunSpec spec = base;
  auto result = ParseRunArgs(words, *start, true, spec);
  if (!result && !spec.image.has()) {
    // The skipped variable may have been the image after all: parse it that
    // way.
    model::RunSpec plain = base;
    auto again = ParseRunArgs(words, *start, false, plain);
    if (again) {
      spec = std::move(plain);
      result = again;
    }
  }
  if (!result) {
    set.errors.push_back(std::move(result.error()));
    return;
  }
  shell::StoreRunCommands(spec);
  set.runs.push_back(std::move(spec));
}

model::RunSet ParseCommandLine(const std::vector<std::string>& argv) {
  model::RunSet set;
  set.file = "-";
  std::vector<Word> words;
  words.reserve(argv.size());
  for (std::size_t i = 0; i < argv.size(); ++i) {
    words.push_back({argv[i], core::FileOrigin("-", 1, static_cast<int>(i) + 1)});
  }
  if (words.empty()) {
    set.errors.push_back({core::FileOrigin("-"), "no command given: expected `docker run …`"});
    return set;
  }
  ParseInvocation(words, "-", set);
  return set;
}

}  // namespace drydock::sources::dockerrun
