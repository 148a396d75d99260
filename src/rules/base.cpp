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
#include "rules/detail/eol.h"
#include "rules/detail/inventory.h"

namespace drydock::rules {
namespace {

using core::Reporter;
using core::Severity;
using model::BuildSpec;

const core::RuleSettings kToday = [] {
  core::RuleSettings s;
  s.today = core::Date{2026, 11, 30};
  return s;
}();

const core::RuleSettings kSmallLimit = [] {
  core::RuleSettings s;
  s.image_size_limit = 4096;
  return s;
}();

constexpr std::uint8_t kBI = core::kReadsBuild | core::kReadsImage;
constexpr std::uint8_t kI = core::kReadsImage;
using detail::FindTools;
using detail::ToolKind;
using model::ImageSpec;

// Package names (as the distributions spell them) of tools an attacker uses after getting in.
constexpr std::string_view kAttackTools[] = {
    "curl",
    "wget",
    "vim",
    "vim-tiny",
    "vim-nox",
    "vim-enhanced",
    "vim-minimal",
    "nano",
    "netcat",
    "netcat-openbsd",
    "netcat-traditional",
    "ncat",
    "nmap-ncat",
    "nmap",
    "socat",
    "telnet",
    "inetutils-telnet",
    "openssh-client",
    "openssh-clients",
    "openssh-server",
    "openssh",
    "dropbear",
    "tcpdump",
    "gdb",
    "strace",
    "ltrace",
    "sudo",
    "busybox-extras",
};

bool IsAttackTool(std::string_view name) {
  for (std::string_view t : kAttackTools) {
    if (t == name) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Image side.

// os-release IDs of general-purpose distributions whose images carry a full userland.
constexpr std::string_view kFullDistributions[] = {
    "debian",
    "ubuntu",
    "centos",
    "fedora",
    "rhel",
    "rocky",
    "almalinux",
    "ol",
    "amzn",
    "opensuse-leap",
    "opensuse-tumbleweed",
    "sles",
    "archlinux",
    "arch",
    "gentoo",
    "mageia",
    "linuxmint",
    "kali",
    "parrot",
    "devuan",
    "raspbian",
};

bool IsFullDistribution(const model::OsRelease& os) {
  for (std::string_view d : kFullDistributions) {
    if (os.id == d) return true;
  }
  return false;
}

core::Origin OsReleaseOrigin(const ImageSpec& spec) {
  const std::string& path = spec.os->source_path;
  if (const model::FsEntry* e = spec.files.Find(path); e != nullptr) return spec.OriginOf(*e);
  return model::ImageFileOrigin(spec.reference, "", path);
}

std::string OsLabel(const model::OsRelease& os) {
  if (!os.pretty_name.empty()) return os.pretty_name;
  return os.id + (os.version_id.empty() ? "" : " " + os.version_id);
}

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

void FullOsImage(const ImageSpec& spec, Reporter& r) {
  if (!spec.os || !IsFullDistribution(*spec.os)) return;
  auto shells = FindTools(spec.files, ToolKind::kShell);
  auto managers = FindTools(spec.files, ToolKind::kPackageManager);
  if (shells.empty() || managers.empty()) return;  // distroless-style: os-release only
  r.Report(OsReleaseOrigin(spec), "image is a full " + OsLabel(*spec.os) + " userland: shell " +
                                      detail::ToolNames(shells, 3) + " and package manager " +
                                      detail::ToolNames(managers, 3) +
                                      "; use a distroless or scratch final stage");
}

rules::Rule RuleDD101() {
  return {
      .info =
          {
              .id = "DD101",
              .slug = "base/full-os",
              .title = "Final image is based on a full distribution",
              .severity = Severity::kMedium,
              .practice = 1,
              .reads = kBI,
              .rationale =
                  "A full distribution image ships a shell, a package manager and hundreds of "
                  "packages the application never uses: more CVEs to patch and more tools for "
                  "an intruder. Builder stages may use it freely. In an image the rule fires "
                  "when os-release names a general-purpose distribution (debian, ubuntu, "
                  "centos, fedora, rhel, rocky, almalinux, amzn, opensuse, …) and the "
                  "filesystem also has a shell and a package manager: distroless images "
                  "carry a Debian os-release without either and stay silent, and Alpine is "
                  "minimal by design. A -slim variant keeps the distribution's shell and "
                  "package manager (it only drops documentation), so an image cannot tell it "
                  "from the full one and both fire there.",
              .remediation =
                  "Build in a full image, then copy the result into a -slim, distroless, "
                  "chainguard or scratch final stage.",
              .references = {"seed practice 1"},
              .examples =
                  {
                      {.input = "FROM ubuntu:22.04\nCMD [\"app\"]\n",
                       .fires = true,
                       .severity = Severity::kMedium},
                      {.input = "FROM debian:12\nCMD [\"app\"]\n",
                       .fires = true,
                       .severity = Severity::kMedium},
                      {.input = "FROM debian:12 AS base\nFROM base\nCMD [\"app\"]\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .note = "inherited through an earlier stage"},
                      {.input = "FROM debian:12-slim\nCMD [\"app\"]\n", .fires = false},
                      {.input = "FROM alpine:3.20\nCMD [\"app\"]\n", .fires = false},
                      {.input = "FROM gcr.io/distroless/static-debian12\nCMD [\"/app\"]\n",
                       .fires = false},
                      {.input = "FROM scratch\nCOPY app /app\n", .fires = false},
                      {.input = "FROM ubuntu:22.04 AS build\nRUN make\nFROM scratch\n"
                                "COPY --from=build /app /app\n",
                       .fires = false,
                       .note = "a full-OS builder stage does not ship"},
                      {.kind = core::ExampleKind::kImage,
                       .input =
                           "os debian 12\nfile /usr/bin/dash 0755\nsymlink /usr/bin/sh -> dash\n"
                           "file /usr/bin/apt-get 0755\nfile /usr/bin/dpkg 0755\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .note = "Debian userland with a shell and apt"},
                      {.kind = core::ExampleKind::kImage,
                       .input = "os debian 12\nfile /etc/passwd = "
                                "root:x:0:0:root:/root:/sbin/nologin\\n\n"
                                "file /app 0755\n",
                       .fires = false,
                       .note = "distroless: os-release says debian, no shell or apt"},
                      {.kind = core::ExampleKind::kImage,
                       .input = "os alpine 3.20.3\nfile /bin/busybox 0755\n"
                                "symlink /bin/sh -> /bin/busybox\nfile /sbin/apk 0755\n",
                       .fires = false,
                       .note = "alpine is a minimal distribution"},
                  },
          },
      .build = FullOs,
      .image = FullOsImage,
  };
}

void AttackTools(const BuildSpec&, const detail::BuildFacts& facts, Reporter& r) {
  // One finding per installing RUN, naming every tool it leaves behind.
  for (const auto& g : detail::GroupKeptByRun(facts.KeptOsPackages(), IsAttackTool)) {
    r.Report(detail::OriginAt(*g.run, g.line),
             "final image gets " + detail::QuoteList(g.names) +
                 ": tools an intruder can use to download, edit, inspect or escalate");
  }
}

void AttackToolsImage(const ImageSpec& spec, Reporter& r) {
  auto tools = FindTools(spec.files, ToolKind::kAttackTool);
  if (tools.empty()) return;
  r.Report(spec.OriginOf(*tools.front().entry),
           "image carries " + detail::ToolNames(tools) + " (first: /" + tools.front().entry->path +
               "): tools an intruder can use to download, edit, inspect or escalate");
}

rules::Rule RuleDD102() {
  return {
      .info =
          {
              .id = "DD102",
              .slug = "base/attack-tools",
              .title = "Final image installs tools useful to an attacker",
              .severity = Severity::kMedium,
              .practice = 1,
              .reads = kBI,
              .rationale =
                  "curl, wget, netcat, editors, debuggers, ssh and sudo turn a foothold in "
                  "the container into downloads, lateral movement and privilege escalation. "
                  "In an image the binaries are found by name in the bin directories; "
                  "busybox applets (links to the busybox binary) are not counted one by one: "
                  "DD103 reports busybox once.",
              .remediation =
                  "Install such tools only in builder stages, or remove them in the same "
                  "RUN (`apk add --virtual .tmp curl … && apk del .tmp`). For health checks "
                  "use the application's own endpoint or a static probe binary.",
              .references = {"seed practice 1"},
              .examples =
                  {
                      {.input =
                           "FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl && "
                           "rm -rf /var/lib/apt/lists/*\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2},
                      {.input = "FROM alpine:3.20\nRUN apk add --no-cache netcat-openbsd vim\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2},
                      {.input = "FROM alpine:3.20\nRUN apk add --no-cache ca-certificates\n",
                       .fires = false},
                      {.input = "FROM alpine:3.20\nRUN apk add --no-cache --virtual .fetch curl && "
                                "curl -fsSLo /x https://example.com/x && apk del .fetch\n",
                       .fires = false,
                       .note = "removed in the same RUN"},
                      {.input =
                           "FROM debian:12-slim AS fetch\nRUN apt-get update && apt-get install -y "
                           "curl\nFROM gcr.io/distroless/static-debian12\nCOPY --from=fetch /x "
                           "/x\n",
                       .fires = false,
                       .note = "builder stages are not judged"},
                      {.input =
                           "FROM debian:12-slim AS base\nRUN apt-get update && apt-get install -y "
                           "wget\nFROM base\nCMD [\"app\"]\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2,
                       .note = "inherited by the final stage"},
                      {.kind = core::ExampleKind::kImage,
                       .input =
                           "os debian 12\nfile /usr/bin/curl 0755\nfile /usr/bin/vim.basic 0755\n"
                           "symlink /usr/bin/vim -> vim.basic\n",
                       .fires = true,
                       .severity = Severity::kMedium},
                      {.kind = core::ExampleKind::kImage,
                       .input = "file /bin/busybox 0755\nsymlink /bin/wget -> busybox\n"
                                "symlink /bin/nc -> busybox\n",
                       .fires = false,
                       .note = "busybox applets are reported once, by DD103"},
                  },
          },
      .build = AttackTools,
      .image = AttackToolsImage,
  };
}

void ShellPresent(const ImageSpec& spec, Reporter& r) {
  auto shells = FindTools(spec.files, ToolKind::kShell);
  if (shells.empty()) return;
  r.Report(spec.OriginOf(*shells.front().entry),
           "image contains a shell: " + detail::ToolNames(shells) + " (first: /" +
               shells.front().entry->path + ")");
}

rules::Rule RuleDD103() {
  return {
      .info =
          {
              .id = "DD103",
              .slug = "base/shell-present",
              .title = "Final image contains a shell",
              .severity = Severity::kLow,
              .practice = 1,
              .reads = kI,
              .rationale =
                  "A shell is the first thing an intruder (or an injected command) needs: "
                  "without /bin/sh, shell-command injection and most exploit payloads "
                  "fail. Found by name in bin, sbin, usr/bin, usr/sbin, usr/local/bin and "
                  "usr/local/sbin (sh, bash, ash, dash, zsh, ksh, busybox), links included; "
                  "busybox and its applets count once. One finding per image.",
              .remediation = "Use a distroless or scratch final stage and an exec-form ENTRYPOINT; "
                             "keep a `:debug` variant for troubleshooting instead of shipping a "
                             "shell.",
              .references = {"seed practice 1"},
              .examples =
                  {
                      {.kind = core::ExampleKind::kImage,
                       .input = "file /bin/bash 0755\nsymlink /bin/sh -> bash\n",
                       .fires = true,
                       .severity = Severity::kLow},
                      {.kind = core::ExampleKind::kImage,
                       .input = "file /bin/busybox 0755\nsymlink /bin/sh -> /bin/busybox\n"
                                "symlink /bin/ls -> /bin/busybox\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .note = "busybox once, not per applet"},
                      {.kind = core::ExampleKind::kImage,
                       .input = "os debian 12\nfile /app 0755\nfile /etc/passwd = "
                                "nonroot:x:65532:65532::/home/nonroot:/sbin/nologin\\n\n",
                       .fires = false,
                       .note = "distroless"},
                      {.kind = core::ExampleKind::kImage,
                       .input = "file /usr/share/doc/bash/README 0644\nfile /bin/shellcheck 0755\n",
                       .fires = false,
                       .note = "only binaries named like a shell in bin directories"},
                  },
          },
      .image = ShellPresent,
  };
}

void PackageManagerPresent(const ImageSpec& spec, Reporter& r) {
  auto managers = FindTools(spec.files, ToolKind::kPackageManager);
  if (managers.empty()) return;
  r.Report(spec.OriginOf(*managers.front().entry),
           "image contains a package manager: " + detail::ToolNames(managers) + " (first: /" +
               managers.front().entry->path + ")");
}

rules::Rule RuleDD104() {
  return {
      .info =
          {
              .id = "DD104",
              .slug = "base/package-manager-present",
              .title = "Final image contains a package manager",
              .severity = Severity::kLow,
              .practice = 1,
              .reads = kI,
              .rationale =
                  "A package manager in the running container lets an intruder install any "
                  "tool they need, and its database invites scanners to report packages "
                  "that are not on the execution path. Found by name in the bin directories "
                  "(apt, apt-get, dpkg, apk, yum, dnf, rpm, microdnf, zypper, pip, npm, "
                  "yarn, gem). One finding per image.",
              .remediation =
                  "Install packages in a builder stage and copy the result into a "
                  "distroless or scratch final stage, or remove the package manager in the "
                  "final stage.",
              .references = {"seed practice 1"},
              .examples =
                  {
                      {.kind = core::ExampleKind::kImage,
                       .input = "os alpine 3.20.3\nfile /sbin/apk 0755\n",
                       .fires = true,
                       .severity = Severity::kLow},
                      {.kind = core::ExampleKind::kImage,
                       .input = "file /usr/local/bin/pip3.12 0755\nfile /usr/local/bin/npm 0755\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .note = "language package managers count too"},
                      {.kind = core::ExampleKind::kImage,
                       .input = "os debian 12\nfile /app 0755\n"
                                "file /var/lib/dpkg/status = Package: app\\n\n",
                       .fires = false,
                       .note = "a package database without the tool"},
                  },
          },
      .image = PackageManagerPresent,
  };
}

void EolOs(const ImageSpec& spec, Reporter& r) {
  const std::optional<core::Date>& today = r.settings().today;
  if (!spec.os || !today) return;
  const detail::EolRow* row = detail::FindEol(*spec.os);
  if (row == nullptr || today->ToString() <= row->eol) return;
  r.Report(OsReleaseOrigin(spec), OsLabel(*spec.os) + " is past end of life since " +
                                      std::string(row->eol) + " (" + std::string(row->note) +
                                      "): it gets no more security updates");
}

rules::Rule RuleDD105() {
  return {
      .info =
          {
              .id = "DD105",
              .slug = "base/eol-os",
              .title = "Image OS release is past end of life",
              .severity = Severity::kHigh,
              .practice = 1,
              .reads = kI,
              .rationale =
                  "A release past its end of life gets no security fixes: every new CVE in "
                  "its packages stays open. The date used is the end of all free security "
                  "support: Debian LTS (not the end of regular security support), Ubuntu "
                  "standard support (paid ESM is not counted), the end of the Alpine branch, "
                  "the end of RHEL maintenance support (and the rebuilds' published dates), "
                  "and the Fedora, CentOS, Amazon Linux and openSUSE Leap end-of-life dates. "
                  "Read from /etc/os-release (Alpine by major.minor of VERSION_ID); releases "
                  "not in the table and images without os-release are not judged. Needs "
                  "today's date from the caller: without it the rule stays silent.",
              .remediation = "Rebuild on a supported release of the distribution (for example "
                             "debian:12-slim, alpine:3.22, ubuntu:24.04) and keep the base image "
                             "updated.",
              .references = {"Trivy --exit-on-eol"},
              .examples =
                  {
                      {.kind = core::ExampleKind::kImage,
                       .input = "os debian 9\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .note = "Debian 9 LTS ended 2022-06-30",
                       .settings = &kToday},
                      {.kind = core::ExampleKind::kImage,
                       .input = "os alpine 3.10.4\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .note = "matched by major.minor",
                       .settings = &kToday},
                      {.kind = core::ExampleKind::kImage,
                       .input = "os debian 13\n",
                       .fires = false,
                       .settings = &kToday},
                      {.kind = core::ExampleKind::kImage,
                       .input = "os wolfi 20230201\n",
                       .fires = false,
                       .note = "rolling or unknown distributions are not judged",
                       .settings = &kToday},
                      {.kind = core::ExampleKind::kImage,
                       .input = "os debian 9\n",
                       .fires = false,
                       .note = "no date given: silent"},
                  },
          },
      .image = EolOs,
  };
}

std::string Megabytes(std::int64_t bytes) {
  return std::to_string((bytes + 500'000) / 1'000'000) + " MB";
}

void LargeImage(const ImageSpec& spec, Reporter& r) {
  const std::int64_t limit = r.settings().image_size_limit;
  if (limit <= 0 || spec.uncompressed_size <= limit) return;
  r.Report(detail::ConfigOrigin(spec, "rootfs"), "image is " + Megabytes(spec.uncompressed_size) +
                                                     " (" + std::to_string(spec.uncompressed_size) +
                                                     " bytes) uncompressed, above the limit of " +
                                                     Megabytes(limit) + " (" +
                                                     std::to_string(limit) + " bytes)");
}

rules::Rule RuleDD106() {
  return {
      .info =
          {
              .id = "DD106",
              .slug = "base/large-image",
              .title = "Image is larger than the size limit",
              .severity = Severity::kInfo,
              .practice = 1,
              .reads = kI,
              .rationale = "Image size is a proxy for attack surface and slows pulls, scaling and "
                           "scanning. Compared is the sum of the uncompressed layer tars against "
                           "`limits.image-size` (default 500 MB).",
              .remediation =
                  "Use a multi-stage build with a slim, distroless or scratch final stage; "
                  "remove caches in the RUN that creates them; raise `limits.image-size` "
                  "if the size is expected.",
              .references = {"seed size comparison"},
              .examples =
                  {
                      {.kind = core::ExampleKind::kImage,
                       .input = "file /data.bin 0644 size=20000\n",
                       .fires = true,
                       .severity = Severity::kInfo,
                       .note = "limit set to 4096 bytes",
                       .settings = &kSmallLimit},
                      {.kind = core::ExampleKind::kImage,
                       .input = "file /app 0755 size=1000\n",
                       .fires = false},
                  },
          },
      .image = LargeImage,
  };
}

}  // namespace

void RegisterBaseRules(rules::Registry& registry) {
  registry.Add(RuleDD101());
  registry.Add(RuleDD102());
  registry.Add(RuleDD103());
  registry.Add(RuleDD104());
  registry.Add(RuleDD105());
  registry.Add(RuleDD106());
}

}  // namespace drydock::rules
