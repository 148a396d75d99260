// SPDX-License-Identifier: Apache-2.0
// DD1xx: what the final image is built on and what it carries. Build checks judge the final stage
// and the stages it is built `FROM`; builder stages whose files are copied selectively are never
// judged here.
#include <algorithm>
#include <string>
#include <vector>

#include "rules/catalog.h"
#include "rules/detail/build_facts.h"
#include "rules/detail/build_stages.h"
#include "rules/detail/build_util.h"

namespace drydock::rules {
namespace {

using core::Reporter;
using core::Severity;
using model::BuildSpec;

constexpr std::uint8_t kBI = core::kReadsBuild | core::kReadsImage;

void FullOs(const BuildSpec& spec, Reporter& r) {
  auto chain = detail::FinalChain(spec);
  if (chain.empty()) return;
  const model::Stage& root = *chain.back();
  if (root.base_stage >= 0 || root.scratch || !detail::IsFullOsImage(root.base)) return;
  std::string via = chain.size() > 1 ? " (through stage " + detail::StageLabel(root) + ")" : "";
  r.Report(root.origin, "final image is based on the full distribution image `" +
                            root.base.original + "`" + via +
                            ": use a -slim, distroless or scratch base");
}

// Package names (as the distributions spell them) of tools an attacker uses after getting in.
constexpr std::string_view kAttackTools[] = {
    "curl",           "wget",           "vim",           "vim-tiny",         "vim-nox",
    "vim-enhanced",   "vim-minimal",    "nano",          "netcat",           "netcat-openbsd",
    "netcat-traditional", "ncat",       "nmap-ncat",     "nmap",             "socat",
    "telnet",         "inetutils-telnet", "openssh-client", "openssh-clients", "openssh-server",
    "openssh",        "dropbear",       "tcpdump",       "gdb",              "strace",
    "ltrace",         "sudo",           "busybox-extras",
};

bool IsAttackTool(std::string_view name) {
  for (std::string_view t : kAttackTools) {
    if (t == name) return true;
  }
  return false;
}

void AttackTools(const BuildSpec&, const detail::BuildFacts& facts, Reporter& r) {
  // One finding per installing RUN, naming every tool it leaves behind.
  for (const auto& g : detail::GroupKeptByRun(facts.KeptOsPackages(), IsAttackTool)) {
    r.Report(detail::OriginAt(*g.run, g.line),
             "final image gets " + detail::QuoteList(g.names) +
                 ": tools an intruder can use to download, edit, inspect or escalate");
  }
}

}  // namespace

void RegisterBaseRules(core::Registry& registry) {
  registry.Add({
      .info = {
          .id = "DD101",
          .slug = "base/full-os",
          .title = "Final image is based on a full distribution",
          .severity = Severity::kMedium,
          .practice = 1,
          .reads = kBI,
          .rationale = "A full distribution image ships a shell, a package manager and hundreds of "
                       "packages the application never uses: more CVEs to patch and more tools for "
                       "an intruder. Builder stages may use it freely.",
          .remediation = "Build in a full image, then copy the result into a -slim, distroless, "
                         "chainguard or scratch final stage.",
          .references = {"seed practice 1"},
          .examples = {
              {.input = "FROM ubuntu:22.04\nCMD [\"app\"]\n", .fires = true},
              {.input = "FROM debian:12\nCMD [\"app\"]\n", .fires = true},
              {.input = "FROM debian:12 AS base\nFROM base\nCMD [\"app\"]\n", .fires = true,
               .note = "inherited through an earlier stage"},
              {.input = "FROM debian:12-slim\nCMD [\"app\"]\n", .fires = false},
              {.input = "FROM alpine:3.20\nCMD [\"app\"]\n", .fires = false},
              {.input = "FROM gcr.io/distroless/static-debian12\nCMD [\"/app\"]\n", .fires = false},
              {.input = "FROM scratch\nCOPY app /app\n", .fires = false},
              {.input = "FROM ubuntu:22.04 AS build\nRUN make\nFROM scratch\n"
                        "COPY --from=build /app /app\n",
               .fires = false, .note = "a full-OS builder stage does not ship"},
          },
      },
      .build = FullOs,
  });
  registry.Add({
      .info = {
          .id = "DD102",
          .slug = "base/attack-tools",
          .title = "Final image installs tools useful to an attacker",
          .severity = Severity::kMedium,
          .practice = 1,
          .reads = kBI,
          .rationale = "curl, wget, netcat, editors, debuggers, ssh and sudo turn a foothold in "
                       "the container into downloads, lateral movement and privilege escalation.",
          .remediation = "Install such tools only in builder stages, or remove them in the same "
                         "RUN (`apk add --virtual .tmp curl … && apk del .tmp`). For health checks "
                         "use the application's own endpoint or a static probe binary.",
          .references = {"DL3001", "seed practice 1"},
          .examples = {
              {.input = "FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl && "
                        "rm -rf /var/lib/apt/lists/*\n",
               .fires = true},
              {.input = "FROM alpine:3.20\nRUN apk add --no-cache netcat-openbsd vim\n",
               .fires = true},
              {.input = "FROM alpine:3.20\nRUN apk add --no-cache ca-certificates\n",
               .fires = false},
              {.input = "FROM alpine:3.20\nRUN apk add --no-cache --virtual .fetch curl && "
                        "curl -fsSLo /x https://example.com/x && apk del .fetch\n",
               .fires = false, .note = "removed in the same RUN"},
              {.input = "FROM debian:12-slim AS fetch\nRUN apt-get update && apt-get install -y "
                        "curl\nFROM gcr.io/distroless/static-debian12\nCOPY --from=fetch /x /x\n",
               .fires = false, .note = "builder stages are not judged"},
              {.input = "FROM debian:12-slim AS base\nRUN apt-get update && apt-get install -y "
                        "wget\nFROM base\nCMD [\"app\"]\n",
               .fires = true, .note = "inherited by the final stage"},
          },
      },
      .build = AttackTools,
  });
}

}  // namespace drydock::rules
