// SPDX-License-Identifier: Apache-2.0
// DD8xx: privileges and isolation. On the build side only the exposed ports say anything: an
// image that exposes 22 ships (or expects) an SSH daemon, a second way in that bypasses the
// orchestrator's access control. The run-side rules (capabilities, namespaces, …) read RunSpec.
#include <string>
#include <vector>

#include "rules/catalog.h"
#include "rules/detail/build_stages.h"
#include "rules/detail/build_util.h"

namespace drydock::rules {
namespace {

using core::Reporter;
using core::Severity;
using detail::Lower;
using model::BuildSpec;

constexpr std::uint8_t kB = core::kReadsBuild;

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

}  // namespace

void RegisterPrivilegeRules(core::Registry& registry) {
  registry.Add({
      .info = {
          .id = "DD809",
          .slug = "privilege/ssh-port",
          .title = "SSH port exposed",
          .severity = Severity::kMedium,
          .practice = 1,
          .reads = kB,
          .rationale = "Port 22 means an SSH daemon in the container: extra software, long-lived "
                       "credentials or keys, and a way in that bypasses `kubectl exec`/`docker "
                       "exec` auditing. Judged on the stages that ship (EXPOSE is inherited), "
                       "after variable expansion, port ranges included.",
          .remediation = "Remove the SSH server and the EXPOSE; debug with `docker exec` / "
                         "`kubectl debug`.",
          .references = {"DS-0004", "CKV_DOCKER_1", "ssh-port"},
          .examples = {
              {.input = "FROM debian:12-slim\nEXPOSE 22\n", .fires = true},
              {.input = "FROM debian:12-slim\nEXPOSE 80/tcp 22/tcp\n", .fires = true},
              {.input = "FROM debian:12-slim\nEXPOSE 20-25\n", .fires = true, .note = "a range"},
              {.input = "FROM debian:12-slim\nARG SSH_PORT=22\nEXPOSE ${SSH_PORT}\n",
               .fires = true, .note = "expanded from an ARG"},
              {.input = "FROM debian:12-slim\nEXPOSE 2222 8022\n", .fires = false},
              {.input = "FROM debian:12-slim\nEXPOSE 22/udp\n", .fires = false},
              {.input = "FROM debian:12-slim AS build\nEXPOSE 22\nFROM debian:12-slim\nEXPOSE 80\n",
               .fires = false, .note = "a builder stage does not ship"},
          },
      },
      .build = SshPort,
  });
}

}  // namespace drydock::rules
