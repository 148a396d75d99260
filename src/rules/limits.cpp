// SPDX-License-Identifier: Apache-2.0
// DD7xx: resource limits (seed practice 7). A container without limits can take the host's (or
// node's) memory, CPU, process table and file descriptors: one bug or one attacker becomes a
// denial of service for every neighbour. Written once against RunSpec; RunKind only decides the
// fix we suggest and, where RULES.md says so, whether a rule applies at all (pids, nofile and
// swap are docker/compose settings; requests are Kubernetes scheduling).
//
// Ephemeral containers (`kubectl debug`) cannot carry resources, so the Kubernetes resource rules
// skip them.
#include <cstdint>
#include <string>

#include "rules/catalog.h"
#include "rules/detail/examples.h"

namespace drydock::rules {
namespace {

using core::Reporter;
using core::Severity;
using detail::Compose;
using detail::DockerRun;
using detail::Pod;
using model::RunKind;
using model::RunSpec;

constexpr std::uint8_t kR = core::kReadsRun;

bool IsKube(const RunSpec& spec) { return spec.kind == RunKind::kKubernetes; }

// True when the container can carry resource settings at all.
bool HasResources(const RunSpec& spec) {
  return !(IsKube(spec) && spec.role == model::ContainerRole::kEphemeral);
}

// "container `api`", "service `api`", "the container" (docker run without --name).
std::string Subject(const RunSpec& spec) {
  switch (spec.kind) {
    case RunKind::kKubernetes:
      return spec.name.empty() ? "the container" : "container `" + spec.name + "`";
    case RunKind::kCompose:
      return spec.name.empty() ? "the service" : "service `" + spec.name + "`";
    case RunKind::kDockerRun:
      break;
  }
  return spec.name.empty() ? "the container" : "container `" + spec.name + "`";
}

// 536870912 → "512MiB"; exact binary multiples only, bytes otherwise.
std::string Bytes(std::int64_t n) {
  static constexpr struct {
    std::int64_t factor;
    const char* unit;
  } kUnits[] = {{1LL << 40, "TiB"}, {1LL << 30, "GiB"}, {1LL << 20, "MiB"}, {1LL << 10, "KiB"}};
  for (const auto& u : kUnits) {
    if (n > 0 && n % u.factor == 0) return std::to_string(n / u.factor) + u.unit;
  }
  return std::to_string(n) + " bytes";
}

// ---------------------------------------------------------------------------------------------
void NoMemory(const RunSpec& spec, Reporter& r) {
  if (!HasResources(spec)) return;
  if (spec.memory_limit.has() && *spec.memory_limit > 0) return;
  std::string fix;
  switch (spec.kind) {
    case RunKind::kKubernetes:
      fix = "set resources.limits.memory";
      break;
    case RunKind::kCompose:
      fix = "set mem_limit or deploy.resources.limits.memory";
      break;
    case RunKind::kDockerRun:
      fix = "add --memory (-m)";
      break;
  }
  if (spec.memory_limit.has()) {
    r.Report(spec.memory_limit.origin, Subject(spec) + " has a memory limit of " +
                                           std::to_string(*spec.memory_limit) +
                                           ", which means unlimited: " + fix);
    return;
  }
  r.Report(spec.origin, Subject(spec) + " has no memory limit: " + fix);
}

rules::Rule RuleDD701() {
  return {
      .info =
          {
              .id = "DD701",
              .slug = "limits/no-memory",
              .title = "No memory limit",
              .severity = Severity::kMedium,
              .practice = 7,
              .reads = kR,
              .rationale =
                  "Without a memory limit one leak or one hostile request can use all of "
                  "the host's (node's) memory; the kernel OOM killer then picks victims "
                  "among the neighbours. A limit of 0 or below means unlimited and is "
                  "reported too. Kubernetes ephemeral containers cannot carry resources and "
                  "are not judged.",
              .remediation = "Kubernetes: `resources.limits.memory`; compose: `mem_limit` or "
                             "`deploy.resources.limits.memory`; docker run: `--memory=512m`.",
              .references = {"KSV-0018", "CKV_K8S_13", "CIS 5.11"},
              .examples =
                  {
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("-d"),
                       .fires = true,
                       .severity = Severity::kMedium},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("-d --memory=512m"),
                       .fires = false},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = Pod("  containers:\n  - name: web\n    image: nginx:1.27\n"
                                    "    resources:\n      limits:\n        cpu: 500m\n"),
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 7},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = Pod("  containers:\n  - name: web\n    image: nginx:1.27\n"
                                    "    resources:\n      limits:\n        memory: 256Mi\n"),
                       .fires = false},
                      {.kind = core::ExampleKind::kCompose,
                       .input = Compose(""),
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2},
                      {.kind = core::ExampleKind::kCompose,
                       .input = Compose("    deploy:\n      "
                                        "resources:\n"
                                        "        limits:\n          memory: 256M\n"),
                       .fires = false,
                       .note = "the deploy form counts"},
                      {.kind = core::ExampleKind::kCompose,
                       .input = Compose("    mem_limit: 256m\n"),
                       .fires = false},
                  },
          },
      .run = NoMemory,
  };
}

void NoCpu(const RunSpec& spec, Reporter& r) {
  if (!HasResources(spec)) return;
  if (spec.cpu_limit.has() && *spec.cpu_limit > 0) return;
  // Docker's CPU shares are a relative weight, not a cap, but CIS 5.12 accepts them: under
  // contention the container gets its share. Kubernetes has no shares field.
  if (!IsKube(spec) && spec.cpu_shares.has() && *spec.cpu_shares > 0) return;
  std::string fix;
  switch (spec.kind) {
    case RunKind::kKubernetes:
      fix = "set resources.limits.cpu";
      break;
    case RunKind::kCompose:
      fix = "set cpus (or deploy.resources.limits.cpus, or cpu_shares)";
      break;
    case RunKind::kDockerRun:
      fix = "add --cpus (or --cpu-shares)";
      break;
  }
  r.Report(spec.cpu_limit.has() ? spec.cpu_limit.origin : spec.origin,
           Subject(spec) + " has no CPU limit: " + fix);
}

rules::Rule RuleDD702() {
  return {
      .info =
          {
              .id = "DD702",
              .slug = "limits/no-cpu",
              .title = "No CPU limit",
              .severity = Severity::kLow,
              .practice = 7,
              .reads = kR,
              .rationale =
                  "A container without a CPU cap (or, for docker, CPU shares) can starve "
                  "its neighbours. Docker/compose `cpu_shares` is a relative weight rather "
                  "than a cap but is accepted, as CIS 5.12 does; Kubernetes has only "
                  "`limits.cpu`. LOW: CPU is compressible, and some teams deliberately run "
                  "without CPU limits to avoid throttling.",
              .remediation = "Kubernetes: `resources.limits.cpu`; compose: `cpus` or "
                             "`deploy.resources.limits.cpus`; docker run: `--cpus=1.0`.",
              .references = {"KSV-0011", "CKV_K8S_11", "CIS 5.12"},
              .examples =
                  {
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("-d --memory=512m"),
                       .fires = true,
                       .severity = Severity::kLow},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("-d --cpus=1.5"),
                       .fires = false},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("-d --cpu-shares=512"),
                       .fires = false,
                       .note = "shares are accepted on docker"},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = Pod("  containers:\n  - name: web\n    image: nginx:1.27\n"
                                    "    resources:\n      requests:\n        cpu: 100m\n"),
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 7,
                       .note = "a request is not a limit"},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = Pod("  containers:\n  - name: web\n    image: nginx:1.27\n"
                                    "    resources:\n      limits:\n        cpu: 500m\n"),
                       .fires = false},
                      {.kind = core::ExampleKind::kCompose,
                       .input = Compose("    mem_limit: 256m\n"),
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2},
                      {.kind = core::ExampleKind::kCompose,
                       .input = Compose("    cpus: 0.5\n"),
                       .fires = false},
                  },
          },
      .run = NoCpu,
  };
}

void SwapUnbounded(const RunSpec& spec, Reporter& r) {
  if (IsKube(spec)) return;
  if (!spec.memory_limit.has() || *spec.memory_limit <= 0) return;  // DD701's finding
  const std::int64_t memory = *spec.memory_limit;
  const std::string swap_flag = spec.kind == RunKind::kCompose ? "memswap_limit" : "--memory-swap";
  // 0 is docker's "unset" too (compose documents it; the engine treats it so).
  if (!spec.memory_swap.has() || *spec.memory_swap == 0) {
    r.Report(spec.memory_limit.origin,
             Subject(spec) + " limits memory to " + Bytes(memory) + " but sets no " + swap_flag +
                 ": docker then allows as much swap again (" + Bytes(memory) + " more); set " +
                 swap_flag + " equal to the memory limit");
    return;
  }
  const std::int64_t swap = *spec.memory_swap;
  if (swap < 0) {
    r.Report(spec.memory_swap.origin, Subject(spec) + " has " + swap_flag +
                                          " -1: unlimited swap on top of the " + Bytes(memory) +
                                          " memory limit; set it equal to the memory limit");
    return;
  }
  // swap < memory is rejected by the engine: a broken config, not this rule's concern.
  if (swap <= memory) return;
  r.Report(spec.memory_swap.origin, Subject(spec) + " allows " + Bytes(swap - memory) +
                                        " of swap beyond its " + Bytes(memory) + " memory limit (" +
                                        swap_flag + " " + Bytes(swap) +
                                        "); set it equal to the memory limit");
}

rules::Rule RuleDD703() {
  return {
      .info =
          {
              .id = "DD703",
              .slug = "limits/swap-unbounded",
              .title = "Swap not bounded by the memory limit",
              .severity = Severity::kLow,
              .practice = 7,
              .reads = kR,
              .rationale =
                  "Docker's `--memory-swap` is memory plus swap. Unset (or 0) it defaults to "
                  "twice the memory limit, -1 is unlimited: a container at its limit keeps "
                  "going by swapping, slowing the whole host instead of being stopped. "
                  "Silent when swap equals the memory limit (no swap) and when there is no "
                  "memory limit at all (DD701 reports that). Docker/compose only: "
                  "Kubernetes manages swap per node.",
              .remediation =
                  "Set `--memory-swap` / `memswap_limit` to the same value as the memory "
                  "limit.",
              .references = {"seed practice 7"},
              .examples =
                  {
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("-d --memory=512m"),
                       .fires = true,
                       .severity = Severity::kLow,
                       .note = "unset swap defaults to 2x memory"},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("-d --memory=512m --memory-swap=-1"),
                       .fires = true,
                       .severity = Severity::kLow},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("-d --memory=512m --memory-swap=512m"),
                       .fires = false},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("-d"),
                       .fires = false,
                       .note = "no memory limit at all is DD701's"},
                      {.kind = core::ExampleKind::kCompose,
                       .input = Compose("    mem_limit: 256m\n"
                                        "    memswap_limit: 1g\n"),
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 5},
                      {.kind = core::ExampleKind::kCompose,
                       .input = Compose("    mem_limit: 256m\n"
                                        "    memswap_limit: 256m\n"),
                       .fires = false},
                  },
          },
      .run = SwapUnbounded,
  };
}

void NoPids(const RunSpec& spec, Reporter& r) {
  if (IsKube(spec)) return;
  const std::string fix = spec.kind == RunKind::kCompose
                              ? "set pids_limit (or deploy.resources.limits.pids)"
                              : "add --pids-limit";
  if (spec.pids_limit.has()) {
    if (*spec.pids_limit > 0) return;
    r.Report(spec.pids_limit.origin, Subject(spec) + " has pids limit " +
                                         std::to_string(*spec.pids_limit) +
                                         ", which means unlimited: " + fix);
    return;
  }
  r.Report(
      spec.origin,
      Subject(spec) + " has no pids limit: a fork bomb exhausts the host's process table; " + fix);
}

rules::Rule RuleDD704() {
  return {
      .info =
          {
              .id = "DD704",
              .slug = "limits/no-pids",
              .title = "No pids limit",
              .severity = Severity::kMedium,
              .practice = 7,
              .reads = kR,
              .rationale =
                  "Without a pids limit a fork bomb (or a leak of threads) in one container "
                  "fills the host's process table and nothing else can start. 0 and -1 "
                  "mean unlimited. Docker/compose only: on Kubernetes the kubelet's "
                  "`podPidsLimit` sets it per node, outside the manifest.",
              .remediation = "docker run: `--pids-limit=256`; compose: `pids_limit: 256` (or "
                             "`deploy.resources.limits.pids`).",
              .references = {"CIS 5.29"},
              .examples =
                  {
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("-d"),
                       .fires = true,
                       .severity = Severity::kMedium},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("-d --pids-limit=-1"),
                       .fires = true,
                       .severity = Severity::kMedium,
                       .note = "-1 is unlimited"},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("-d --pids-limit=256"),
                       .fires = false},
                      {.kind = core::ExampleKind::kCompose,
                       .input = Compose(""),
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2},
                      {.kind = core::ExampleKind::kCompose,
                       .input = Compose("    pids_limit: 100\n"),
                       .fires = false},
                  },
          },
      .run = NoPids,
  };
}

void NoNofile(const RunSpec& spec, Reporter& r) {
  if (IsKube(spec)) return;
  if (spec.nofile_soft.has() || spec.nofile_hard.has()) return;
  const std::string fix = spec.kind == RunKind::kCompose ? "set ulimits: nofile: {soft, hard}"
                                                         : "add --ulimit nofile=SOFT:HARD";
  r.Report(spec.origin, Subject(spec) + " has no nofile ulimit and inherits the daemon's: " + fix);
}

rules::Rule RuleDD705() {
  return {
      .info =
          {
              .id = "DD705",
              .slug = "limits/no-nofile",
              .title = "No open-files ulimit",
              .severity = Severity::kLow,
              .practice = 7,
              .reads = kR,
              .rationale = "Without its own `nofile` ulimit the container inherits the daemon's, "
                           "often a very high value: one container can exhaust the kernel's file "
                           "table. Docker/compose only (Kubernetes has no per-container ulimits).",
              .remediation = "docker run: `--ulimit nofile=1024:1024`; compose: `ulimits: {nofile: "
                             "{soft: 1024, hard: 1024}}`.",
              .references = {"CIS 5.19"},
              .examples =
                  {
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("-d"),
                       .fires = true,
                       .severity = Severity::kLow},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("-d --ulimit nofile=1024:2048"),
                       .fires = false},
                      {.kind = core::ExampleKind::kCompose,
                       .input = Compose("    ulimits:\n"
                                        "      nproc: 512\n"),
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2,
                       .note = "another ulimit does not count"},
                      {.kind = core::ExampleKind::kCompose,
                       .input = Compose("    ulimits:\n      nofile:\n"
                                        "        soft: 1024\n        hard: 2048\n"),
                       .fires = false},
                  },
          },
      .run = NoNofile,
  };
}

void NoRequests(const RunSpec& spec, Reporter& r) {
  if (!IsKube(spec) || !HasResources(spec)) return;
  // The API server defaults a missing request to the limit, so a limit implies the request.
  const bool cpu = spec.cpu_request.has() || spec.cpu_limit.has();
  const bool memory = spec.memory_request.has() || spec.memory_limit.has();
  if (cpu && memory) return;
  std::string missing = !cpu && !memory ? "CPU or memory request"
                        : !cpu          ? "CPU request"
                                        : "memory request";
  std::string fix = !cpu && !memory ? "resources.requests.cpu and .memory"
                    : !cpu          ? "resources.requests.cpu"
                                    : "resources.requests.memory";
  r.Report(spec.origin, Subject(spec) + " has no " + missing +
                            " (nor a limit the request would default to): the scheduler "
                            "places it blind; set " +
                            fix);
}

rules::Rule RuleDD706() {
  return {
      .info =
          {
              .id = "DD706",
              .slug = "limits/no-requests",
              .title = "No CPU or memory request",
              .severity = Severity::kLow,
              .practice = 7,
              .reads = kR,
              .rationale =
                  "Without requests the scheduler places the pod as if it needed nothing "
                  "(QoS BestEffort: first evicted, may land on a full node). The API server "
                  "defaults a missing request to the limit, so a container with limits has "
                  "requests: the rule fires only when, for CPU or for memory, neither a "
                  "request nor a limit is written. A namespace LimitRange can also inject "
                  "defaults drydock does not see; suppress the rule there. Kubernetes only; "
                  "ephemeral containers cannot carry resources.",
              .remediation = "Set `resources.requests.cpu` and `resources.requests.memory` (or "
                             "limits, which requests default to).",
              .references = {"KSV-0015", "KSV-0016", "unset-cpu-requirements",
                             "unset-memory-requirements"},
              .examples =
                  {
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = Pod("  containers:\n  - name: web\n    image: nginx:1.27\n"),
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 7},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = Pod("  containers:\n  - name: web\n    image: nginx:1.27\n"
                                    "    resources:\n      requests:\n        memory: 128Mi\n"),
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 7,
                       .note = "no CPU request"},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = Pod("  containers:\n  - name: web\n    image: nginx:1.27\n"
                                    "    resources:\n      requests:\n        cpu: 100m\n"
                                    "        memory: 128Mi\n"),
                       .fires = false},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input =
                           Pod("  containers:\n  - name: web\n    image: nginx:1.27\n"
                               "    resources:\n      limits:\n        cpu: 500m\n        memory: "
                               "256Mi\n"),
                       .fires = false,
                       .note = "requests default to the limits"},
                  },
          },
      .run = NoRequests,
  };
}

}  // namespace

void RegisterLimitsRules(rules::Registry& registry) {
  registry.Add(RuleDD701());
  registry.Add(RuleDD702());
  registry.Add(RuleDD703());
  registry.Add(RuleDD704());
  registry.Add(RuleDD705());
  registry.Add(RuleDD706());
}

}  // namespace drydock::rules
