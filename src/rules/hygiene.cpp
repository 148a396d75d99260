// SPDX-License-Identifier: Apache-2.0
// DD0xx: parse errors and Dockerfile hygiene (hadolint's DL3xxx/DL4xxx territory). Size rules
// (DD002–DD004) judge only the stages whose layers ship in the final image; correctness rules judge
// every stage.
#include <cctype>
#include <string>
#include <type_traits>
#include <vector>

#include "core/strings.h"
#include "rules/catalog.h"
#include "rules/detail/build_facts.h"
#include "rules/detail/build_stages.h"
#include "rules/detail/build_util.h"
#include "rules/detail/examples.h"
#include "rules/detail/inventory.h"
#include "rules/detail/packages.h"

namespace drydock::rules {
namespace {

using core::Reporter;
using core::Severity;
using detail::BuildFacts;
using detail::Compose;
using detail::Contains;
using detail::DockerRun;
using detail::HasOption;
using detail::In;
using detail::OriginAt;
using detail::PackageCommand;
using detail::PackageManager;
using detail::Pod;
using detail::StartsWith;
using model::BuildSpec;
using model::Instruction;
using model::ShellCommand;
using model::Stage;

constexpr std::uint8_t kB = core::kReadsBuild;

// Calls f(stage, instruction) for every instruction with `keyword` in `stages`.
template <typename Stages, typename F>
void ForEach(const Stages& stages, std::string_view keyword, F&& f) {
  for (const auto& s : stages) {
    const Stage& stage = [&]() -> const Stage& {
      if constexpr (std::is_pointer_v<std::decay_t<decltype(s)>>) {
        return *s;
      } else {
        return s;
      }
    }();
    for (const auto& ins : stage.instructions) {
      if (ins.keyword == keyword) f(stage, ins);
    }
  }
}

// True when a RUN has a cache mount whose target starts with one of `dirs`.
bool HasCacheMount(const Instruction& run, std::initializer_list<std::string_view> dirs) {
  for (const auto& m : run.mounts) {
    if (m.type != "cache") continue;
    for (std::string_view d : dirs) {
      if (StartsWith(m.target, d)) return true;
    }
  }
  return false;
}

// True when a RUN deletes (rm, find -delete) a path under one of `dirs`.
bool RemovesPath(const Instruction& run, std::initializer_list<std::string_view> dirs) {
  for (const auto& c : run.script.commands) {
    std::string name = c.Name();
    if (name != "rm" && !(name == "find" && c.HasFlag("-delete"))) continue;
    for (std::size_t i = 1; i < c.words.size(); ++i) {
      for (std::string_view d : dirs) {
        if (StartsWith(c.words[i].value, d)) return true;
      }
    }
  }
  return false;
}

// `-o APT::Install-Recommends=false`, or an apt.conf snippet written earlier in the chain.
bool DisablesRecommends(std::string_view word) {
  return Contains(word, "Install-Recommends") &&
         (Contains(word, "false") || Contains(word, "=0") || Contains(word, "\"0\""));
}

std::string Word(const ShellCommand& c, std::size_t i) {
  return i < c.words.size() ? c.words[i].value : std::string();
}

// The manager word as the user typed it ("apt", "apt-get", "pip3").
std::string Tool(const PackageCommand& pc) { return Word(*pc.command, pc.argv_start); }

// ---------------------------------------------------------------------------------------------
void ParseError(const BuildSpec& spec, Reporter& r) {
  for (const auto& e : spec.errors) r.Report(e.where, e.message);
}

// Image members the reader could not place (a name escaping the root, a hard link to nothing, a
// layer whose media type disagrees with its content): the image was read, these parts were not.
void ImageParseError(const model::ImageSpec& spec, Reporter& r) {
  for (const auto& e : spec.errors) r.Report(e.where, e.message);
}

// Run-side inputs (manifests, compose files, docker run lines) report their parse errors once
// per input set, not per container.
void RunSetParseError(const model::RunSet& set, Reporter& r) {
  for (const auto& e : set.errors) r.Report(e.where, e.message);
}

rules::Rule RuleDD001() {
  return {
      .info =
          {
              .id = "DD001",
              .slug = "parse/error",
              .title = "Input cannot be parsed",
              .severity = Severity::kHigh,
              .practice = 0,
              .reads = kB | core::kReadsImage | core::kReadsRun | core::kReadsCluster,
              .rationale =
                  "A file drydock cannot parse is a file none of the other rules could judge, "
                  "and usually one the builder, the API server or the engine rejects too.",
              .remediation = "Fix the syntax at the reported line.",
              .references = {},
              .examples =
                  {
                      {.input = "FROM alpine:3.20\nRUNN echo hi\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2,
                       .note = "unknown instruction"},
                      {.input = "FROM alpine:3.20\nRUN <<EOF\necho hi\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2,
                       .note = "unterminated heredoc"},
                      {.input = "FROM alpine:3.20\nRUN <<EOF\necho hi\nEOF\n", .fires = false},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = "apiVersion: v1\nkind: Pod\nmetadata: {name: web\nspec: {}\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 4,
                       .note = "unclosed flow mapping"},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("--memmory=1g"),
                       .fires = true,
                       .severity = Severity::kHigh,
                       .note = "unknown flag, as the docker CLI says"},
                      {.kind = core::ExampleKind::kCompose,
                       .input = Compose("    mem_limit: lots\n"),
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 4,
                       .note = "not a byte size"},
                      {.kind = core::ExampleKind::kCompose,
                       .input = Compose("    mem_limit: 512m\n"),
                       .fires = false},
                      {.kind = core::ExampleKind::kImage,
                       .input =
                           "file /app/run.sh 0755 = echo hi\nhardlink /app/copy -> /app/missing\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .note = "a hard link to a file no layer has"},
                      {.kind = core::ExampleKind::kImage,
                       .input =
                           "file /app/run.sh 0755 = echo hi\nhardlink /app/copy -> /app/run.sh\n",
                       .fires = false},
                  },
          },
      .build = ParseError,
      .image = ImageParseError,
      .cluster = RunSetParseError,
  };
}

void AptNoInstallRecommends(const BuildSpec& spec, const BuildFacts& facts, Reporter& r) {
  auto chain = detail::FinalChain(spec);
  bool configured = false;  // an earlier RUN wrote APT::Install-Recommends "false"
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    for (const auto& ins : (*it)->instructions) {
      if (ins.keyword != "RUN") continue;
      for (const auto& pc : facts.PackageCommandsOf(ins)) {
        if (pc.manager != PackageManager::kApt || !pc.is_install || pc.packages.empty()) continue;
        if (configured || HasOption(pc, "--no-install-recommends") ||
            HasOption(pc, "--without-recommends") || HasOption(pc, "-R")) {
          continue;
        }
        bool by_option = false;
        for (const auto& w : pc.command->words) by_option |= DisablesRecommends(w.value);
        if (by_option) continue;
        r.Report(OriginAt(ins, pc.command->line),
                 "`" + Tool(pc) + " " + pc.verb +
                     "` without --no-install-recommends also installs recommended packages");
      }
      for (const auto& c : ins.script.commands) {
        for (const auto& w : c.words) configured |= DisablesRecommends(w.value);
      }
    }
  }
}

rules::Rule RuleDD002() {
  return {
      .info =
          {
              .id = "DD002",
              .slug = "hygiene/apt-no-install-recommends",
              .title = "apt-get install without --no-install-recommends",
              .severity = Severity::kLow,
              .practice = 1,
              .reads = kB,
              .rationale =
                  "Recommended packages are not needed to run the software and add size and "
                  "attack surface. Builder stages are exempt: their layers do not ship.",
              .remediation = "apt-get install -y --no-install-recommends <packages>",
              .references = {"DL3015", "DS-0029"},
              .examples =
                  {
                      {.input = "FROM debian:12-slim\nRUN apt-get update && apt-get install -y "
                                "curl=7.88.1-10 && rm -rf /var/lib/apt/lists/*\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2},
                      {.input = "FROM debian:12-slim\nRUN apt-get update && apt-get install -y "
                                "--no-install-recommends curl=7.88.1-10 && rm -rf "
                                "/var/lib/apt/lists/*\n",
                       .fires = false},
                      {.input =
                           "FROM debian:12-slim\nRUN echo 'APT::Install-Recommends \"false\";' > "
                           "/etc/apt/apt.conf.d/90norecommends\nRUN apt-get update && apt-get "
                           "install -y curl=7.88.1-10 && rm -rf /var/lib/apt/lists/*\n",
                       .fires = false,
                       .note = "disabled in apt.conf by an earlier RUN"},
                      {.input =
                           "FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\n"
                           "FROM gcr.io/distroless/static-debian12\nCOPY --from=build /out /out\n",
                       .fires = false,
                       .note = "builder stage layers do not ship"},
                  },
          },
      .build = AptNoInstallRecommends,
  };
}

void AptListsKept(const BuildSpec& spec, const BuildFacts& facts, Reporter& r) {
  ForEach(detail::FinalChain(spec), "RUN", [&](const Stage&, const Instruction& ins) {
    const PackageCommand* install = nullptr;
    bool cleaned = false;
    const auto& commands = facts.PackageCommandsOf(ins);
    for (const auto& pc : commands) {
      if (pc.manager != PackageManager::kApt) continue;
      if (pc.is_install && install == nullptr) install = &pc;
      if (In(pc.verb, {"distclean", "dist-clean"})) cleaned = true;
    }
    if (install == nullptr || cleaned) return;
    if (RemovesPath(ins, {"/var/lib/apt/lists", "/var/lib/apt"})) return;
    if (HasCacheMount(ins, {"/var/lib/apt"})) return;
    r.Report(OriginAt(ins, install->command->line),
             "`" + Tool(*install) + " " + install->verb +
                 "` leaves /var/lib/apt/lists in the layer: add `&& rm -rf /var/lib/apt/lists/*` "
                 "to the same RUN");
  });
}

rules::Rule RuleDD003() {
  return {
      .info =
          {
              .id = "DD003",
              .slug = "hygiene/apt-lists-kept",
              .title = "apt lists left in the image",
              .severity = Severity::kLow,
              .practice = 1,
              .reads = kB,
              .rationale = "/var/lib/apt/lists holds tens of megabytes of package indexes. Deleted "
                           "in a later RUN they still ship in the earlier layer.",
              .remediation = "End the installing RUN with `&& rm -rf /var/lib/apt/lists/*`, or use "
                             "RUN --mount=type=cache,target=/var/lib/apt.",
              .references = {"DL3009", "DKL-DI-0005"},
              .examples =
                  {
                      {.input = "FROM debian:12-slim\nRUN apt-get update && apt-get install -y "
                                "--no-install-recommends curl=7.88.1-10\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2},
                      {.input = "FROM debian:12-slim\nRUN apt-get update && apt-get install -y "
                                "--no-install-recommends curl=7.88.1-10\nRUN rm -rf "
                                "/var/lib/apt/lists/*\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2,
                       .note = "removed in a later layer: still shipped"},
                      {.input = "FROM debian:12-slim\nRUN apt-get update && apt-get install -y "
                                "--no-install-recommends curl=7.88.1-10 && rm -rf "
                                "/var/lib/apt/lists/*\n",
                       .fires = false},
                      {.input =
                           "FROM debian:12-slim\nRUN --mount=type=cache,target=/var/lib/apt "
                           "--mount=type=cache,target=/var/cache/apt apt-get update && apt-get "
                           "install -y --no-install-recommends curl=7.88.1-10\n",
                       .fires = false,
                       .note = "cache mounts never reach the image"},
                  },
          },
      .build = AptListsKept,
  };
}

void PkgCacheKept(const BuildSpec& spec, const BuildFacts& facts, Reporter& r) {
  auto chain = detail::FinalChain(spec);
  bool pip_env_off = false;  // ENV PIP_NO_CACHE_DIR=…
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    for (const auto& ins : (*it)->instructions) {
      if (ins.keyword == "ENV") {
        for (const auto& [k, v] : ins.pairs) pip_env_off |= k == "PIP_NO_CACHE_DIR";
      }
      if (ins.keyword != "RUN") continue;
      const auto& commands = facts.PackageCommandsOf(ins);
      auto cleaned = [&](PackageManager family) {
        for (const auto& pc : commands) {
          bool same = pc.manager == family ||
                      (In(detail::ManagerName(family), {"yum", "dnf", "microdnf"}) &&
                       In(detail::ManagerName(pc.manager), {"yum", "dnf", "microdnf"}));
          if (same && In(pc.verb, {"clean", "cc"})) return true;
          if (family == PackageManager::kPip && pc.verb == "cache" &&
              Word(*pc.command, pc.argv_start + 2) == "purge") {
            return true;
          }
        }
        return false;
      };
      for (const auto& pc : commands) {
        if (!pc.is_install) continue;
        std::string what;
        switch (pc.manager) {
          case PackageManager::kApk:
            // --no-network installs from the local cache only: nothing new is stored.
            if (HasOption(pc, "--no-cache") || HasOption(pc, "--no-network") ||
                RemovesPath(ins, {"/var/cache/apk"}) ||
                HasCacheMount(ins, {"/var/cache/apk", "/etc/apk/cache"})) {
              continue;
            }
            what = "`apk " + pc.verb + "` without --no-cache keeps the package index in the layer";
            break;
          case PackageManager::kPip: {
            if (Tool(pc) == "pipx" || pip_env_off || HasOption(pc, "--no-cache-dir") ||
                cleaned(PackageManager::kPip) || RemovesPath(ins, {"/root/.cache", "~/.cache"}) ||
                HasCacheMount(ins, {"/root/.cache", "~/.cache"})) {
              continue;
            }
            bool env = false;
            for (const auto& [k, v] : pc.command->assignments) env |= k == "PIP_NO_CACHE_DIR";
            if (env) continue;
            what = "`" + Tool(pc) +
                   " install` without --no-cache-dir keeps downloaded wheels in "
                   "the layer";
            break;
          }
          case PackageManager::kYum:
          case PackageManager::kDnf:
          case PackageManager::kMicrodnf:
          case PackageManager::kZypper: {
            if (cleaned(pc.manager) ||
                RemovesPath(ins, {"/var/cache/yum", "/var/cache/dnf", "/var/cache/zypp",
                                  "/var/cache/libdnf5"}) ||
                HasCacheMount(ins, {"/var/cache/yum", "/var/cache/dnf", "/var/cache/zypp",
                                    "/var/cache/libdnf5"})) {
              continue;
            }
            std::string tool = Tool(pc);
            what =
                core::Concat({"`", tool, " ", pc.verb, "` without `", tool,
                              pc.manager == PackageManager::kZypper ? " clean` " : " clean all` ",
                              "in the same RUN keeps the package cache in the layer"});
            break;
          }
          default:
            continue;
        }
        r.Report(OriginAt(ins, pc.command->line), what);
      }
    }
  }
}

rules::Rule RuleDD004() {
  return {
      .info =
          {
              .id = "DD004",
              .slug = "hygiene/pkg-cache-kept",
              .title = "Package manager cache left in the image",
              .severity = Severity::kLow,
              .practice = 1,
              .reads = kB,
              .rationale =
                  "apk indexes, pip wheels and yum/dnf/zypper caches are useless at run time "
                  "and can double the size of a layer.",
              .remediation = "apk add --no-cache; pip install --no-cache-dir; end yum/dnf/microdnf "
                             "installs with `&& dnf clean all`, zypper with `&& zypper clean -a`.",
              .references = {"DL3019", "DL3042", "DL3032", "DL3040", "DL3036", "DS-0015", "DS-0019",
                             "DS-0020", "DS-0025", "DS-0027"},
              .examples =
                  {
                      {.input = "FROM alpine:3.20\nRUN apk add curl=8.9.1-r0\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2},
                      {.input = "FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0\n",
                       .fires = false},
                      {.input = "FROM python:3.12-slim\nRUN pip install flask==3.0.3\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2},
                      {.input =
                           "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3\n",
                       .fires = false},
                      {.input = "FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=1\nRUN pip install "
                                "flask==3.0.3\n",
                       .fires = false},
                      {.input = "FROM rockylinux:9\nRUN dnf install -y nginx\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2},
                      {.input = "FROM rockylinux:9\nRUN dnf install -y nginx && dnf clean all\n",
                       .fires = false},
                      {.input = "FROM python:3.12 AS build\nRUN pip install flask==3.0.3\n"
                                "FROM python:3.12-slim\nCOPY --from=build /usr/local /usr/local\n",
                       .fires = false,
                       .note = "builder stage layers do not ship"},
                  },
          },
      .build = PkgCacheKept,
  };
}

// DD005: a version is missing, or names a moving target.
bool Unpinned(const PackageCommand& pc, const detail::PackageArg& p) {
  if (p.is_path || p.unresolved || p.version_from_variable || p.name.empty()) return false;
  switch (pc.manager) {
    case PackageManager::kGo:  // no @: go.mod decides the version
      return In(p.version, {"latest", "master", "main", "HEAD", "upgrade", "patch"});
    case PackageManager::kNpm:
    case PackageManager::kYarn:
      return p.version.empty() || p.version == "latest";
    case PackageManager::kPip:  // `pip install -U pip setuptools wheel` refreshes the installer
      if (In(p.name, {"pip", "setuptools", "wheel"}) &&
          (HasOption(pc, "-U") || HasOption(pc, "--upgrade"))) {
        return false;
      }
      return p.version.empty();
    case PackageManager::kApt:
    case PackageManager::kApk:
    case PackageManager::kGem:
      return p.version.empty();
    default:
      return false;
  }
}

void PkgUnpinned(const BuildSpec& spec, const BuildFacts& facts, Reporter& r) {
  ForEach(spec.stages, "RUN", [&](const Stage&, const Instruction& ins) {
    for (const auto& pc : facts.PackageCommandsOf(ins)) {
      if (!pc.is_install) continue;
      std::vector<std::string> names;
      int line = 0;
      for (const auto& p : pc.packages) {
        if (!Unpinned(pc, p)) continue;
        names.push_back(p.name);
        if (line == 0) line = p.line;
      }
      if (names.empty()) continue;
      std::string how = pc.manager == PackageManager::kApt || pc.manager == PackageManager::kApk
                            ? "<name>=<version>"
                        : pc.manager == PackageManager::kPip ? "<name>==<version>"
                        : pc.manager == PackageManager::kGem ? "<name>:<version>"
                                                             : "<name>@<version>";
      r.Report(OriginAt(ins, line > 0 ? line : pc.command->line),
               "`" + Tool(pc) + " " + pc.verb + "` of " + detail::QuoteList(names) +
                   " without a version: pin as " + how);
    }
  });
}

rules::Rule RuleDD005() {
  return {
      .info =
          {
              .id = "DD005",
              .slug = "hygiene/pkg-unpinned",
              .title = "Package installed without a version pin",
              .severity = Severity::kLow,
              .practice = 4,
              .reads = kB,
              .rationale =
                  "Unpinned packages make builds irreproducible: the same Dockerfile yields a "
                  "different image every week, and a compromised release flows in unseen.",
              .remediation = "Pin versions (apt `pkg=1.2-3`, apk `pkg=1.2-r0`, pip `pkg==1.2`, npm "
                             "`pkg@1.2.3`, gem `pkg:1.2`, go `mod@v1.2.3`), or install from a lock "
                             "or requirements file.",
              .references = {"DL3008", "DL3018", "DL3013", "DL3016", "DL3028", "DL3062"},
              .examples =
                  {
                      {.input =
                           "FROM debian:12-slim\nRUN apt-get install -y --no-install-recommends "
                           "curl\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2},
                      {.input = "FROM debian:12-slim\nARG CURL_VERSION=7.88.1-10\nRUN apt-get "
                                "install -y "
                                "--no-install-recommends curl=${CURL_VERSION}\n",
                       .fires = false,
                       .note = "variables are expanded before judging"},
                      {.input = "FROM debian:12-slim\nARG CURL_VERSION\nRUN apt-get install -y "
                                "curl=$CURL_VERSION\n",
                       .fires = false,
                       .note = "pinned by a build argument"},
                      {.input = "FROM debian:12-slim\nCOPY app.deb /tmp/\nRUN apt-get install -y "
                                "/tmp/app.deb\n",
                       .fires = false,
                       .note = "local .deb files have their own version"},
                      {.input = "FROM python:3.12-slim\nRUN pip install --no-cache-dir -r "
                                "requirements.txt\n",
                       .fires = false},
                      {.input = "FROM python:3.12-slim\nRUN pip install --no-cache-dir .\n",
                       .fires = false},
                      {.input = "FROM python:3.12-slim\nRUN pip install --no-cache-dir --index-url "
                                "https://pypi.example.com/simple flask==3.0.3\n",
                       .fires = false,
                       .note = "option values are not packages"},
                      {.input = "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2},
                      {.input = "FROM alpine:3.20\nRUN apk add --no-cache curl\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2},
                      {.input =
                           "FROM alpine:3.20\nRUN apk add --no-cache --virtual .rundeps "
                           "bash=5.2.26-r0 "
                           "$([ \"$(apk --print-arch)\" != 'ppc64le' ] && echo 'nss_wrapper')\n",
                       .fires = false,
                       .note = "a command substitution is one unknown word, not packages `!`, `]`, "
                               "`&&`"},
                      {.input = "FROM node:20-slim\nRUN npm install -g typescript\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2},
                      {.input = "FROM node:20-slim\nRUN npm install -g typescript@5.4.5\n",
                       .fires = false},
                      {.input =
                           "FROM golang:1.22\nRUN go install golang.org/x/tools/gopls@latest\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2},
                      {.input =
                           "FROM golang:1.22\nRUN go install golang.org/x/tools/gopls@v0.15.3\n",
                       .fires = false},
                      {.input = "FROM ruby:3.3-slim\nRUN gem install bundler\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2},
                      {.input = "FROM ruby:3.3-slim\nRUN gem install bundler -v 2.5.10\n",
                       .fires = false},
                  },
          },
      .build = PkgUnpinned,
  };
}

bool IsArchive(std::string_view path) {
  std::string p = detail::Lower(path);
  for (std::string_view ext : {".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz", ".tb2",
                               ".tar.xz", ".txz", ".tar.zst", ".tzst", ".tar.lz", ".tar.lzma",
                               ".tlz", ".gz", ".bz2", ".xz", ".zst", ".lzma"}) {
    if (detail::EndsWith(p, ext)) return true;
  }
  return false;
}

void AddNotCopy(const BuildSpec& spec, Reporter& r) {
  ForEach(spec.stages, "ADD", [&](const Stage&, const Instruction& ins) {
    if (ins.args.size() < 2) return;
    std::vector<std::string> local;
    for (std::size_t i = 0; i + 1 < ins.args.size(); ++i) {
      const std::string& src = ins.args[i];
      if (StartsWith(src, "<<") || Contains(src, "://") || StartsWith(src, "git@") ||
          Contains(src, "$") || IsArchive(src)) {
        continue;
      }
      local.push_back(src);
    }
    if (local.empty()) return;
    r.Report(ins.origin,
             "ADD of local " + detail::QuoteList(local) + " (not an archive to extract): use COPY");
  });
}

rules::Rule RuleDD006() {
  return {
      .info =
          {
              .id = "DD006",
              .slug = "hygiene/add-not-copy",
              .title = "ADD used to copy a local file",
              .severity = Severity::kLow,
              .practice = 0,
              .reads = kB,
              .rationale =
                  "ADD also fetches URLs and unpacks archives; using it for plain files hides "
                  "that magic where a reader does not expect it.",
              .remediation = "Use COPY for local files; keep ADD for archives you want extracted.",
              .references = {"DL3020", "DS-0005", "CIS-DI-0009"},
              .examples =
                  {
                      {.input = "FROM alpine:3.20\nADD app.py /app/\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2},
                      {.input = "FROM alpine:3.20\nCOPY app.py /app/\n", .fires = false},
                      {.input = "FROM alpine:3.20\nADD rootfs.tar.gz /\n",
                       .fires = false,
                       .note = "archives are extracted: ADD is the right tool"},
                  },
          },
      .build = AddNotCopy,
  };
}

void WorkdirRelative(const BuildSpec& spec, Reporter& r) {
  ForEach(spec.stages, "WORKDIR", [&](const Stage&, const Instruction& ins) {
    if (ins.args.empty()) return;
    const std::string& dir = ins.args.front();
    if (dir.empty() || Contains(dir, "$")) return;
    bool windows_drive =
        dir.size() >= 2 && std::isalpha(static_cast<unsigned char>(dir[0])) && dir[1] == ':';
    if (dir[0] == '/' || dir[0] == '\\' || windows_drive) return;
    r.Report(ins.origin,
             "WORKDIR `" + dir + "` is relative: it resolves against whatever WORKDIR came before");
  });
}

rules::Rule RuleDD007() {
  return {
      .info =
          {
              .id = "DD007",
              .slug = "hygiene/workdir-relative",
              .title = "Relative WORKDIR",
              .severity = Severity::kLow,
              .practice = 0,
              .reads = kB,
              .rationale =
                  "A relative WORKDIR depends on every WORKDIR before it, including the base "
                  "image's; the result changes when the base does.",
              .remediation = "Use an absolute path: WORKDIR /app.",
              .references = {"DL3000", "DS-0009"},
              .examples =
                  {
                      {.input = "FROM alpine:3.20\nWORKDIR app\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2},
                      {.input = "FROM alpine:3.20\nWORKDIR /app\n", .fires = false},
                      {.input = "FROM alpine:3.20\nENV APP=/srv/app\nWORKDIR $APP\n",
                       .fires = false,
                       .note = "judged after expansion"},
                  },
          },
      .build = WorkdirRelative,
  };
}

std::string TrimSlash(std::string_view p) {
  while (p.size() > 1 && p.back() == '/') p.remove_suffix(1);
  return std::string(p);
}

// True when the `cd` at cmds[at] enters a scratch directory of this RUN, where WORKDIR is the
// wrong advice: a path only known at run time (`cd "$(mktemp -d)"`, `cd "$tempDir"`), a directory
// under /tmp, one the RUN creates before (mkdir, or a relative one after tar/unzip/git clone
// extracts it) or removes after (`… && cd / && rm -rf /usr/src/python`).
bool ScratchDir(const std::vector<ShellCommand>& cmds, std::size_t at) {
  if (cmds[at].words.size() < 2) return false;
  const auto& word = cmds[at].words[1];
  if (Contains(word.value, "$") || Contains(word.value, "`")) return true;
  const std::string dir = TrimSlash(word.value);
  if (dir.empty() || In(dir, {"/", "-", "..", "~"})) return false;
  if (In(dir, {"/tmp", "/var/tmp"}) || StartsWith(dir, "/tmp/") || StartsWith(dir, "/var/tmp/")) {
    return true;
  }
  const bool relative = dir[0] != '/';
  for (std::size_t k = 0; k < cmds.size(); ++k) {
    if (k == at) continue;
    const ShellCommand& c = cmds[k];
    std::string name = c.Name();
    if (k < at && relative && In(name, {"tar", "bsdtar", "unzip", "7z", "git"})) return true;
    bool creates = k < at && name == "mkdir";
    bool removes = k > at && name == "rm";
    if (!creates && !removes) continue;
    for (std::size_t i = 1; i < c.words.size(); ++i) {
      std::string arg = TrimSlash(c.words[i].value);
      if (arg.empty() || arg[0] == '-') continue;
      if (arg == dir || (removes && arg != "/" && StartsWith(dir, arg + "/"))) return true;
    }
  }
  return false;
}

void CdInRun(const BuildSpec& spec, Reporter& r) {
  ForEach(spec.stages, "RUN", [&](const Stage&, const Instruction& ins) {
    const auto& cmds = ins.script.commands;
    bool in_scratch = false;  // an earlier cd entered a scratch directory
    for (std::size_t k = 0; k < cmds.size(); ++k) {
      const ShellCommand& c = cmds[k];
      if (c.Name() != "cd" || c.subshell_depth > 0) continue;  // `(cd x && make)` is scoped
      std::string dir = Word(c, 1);
      if (ScratchDir(cmds, k)) {
        in_scratch = true;
        continue;
      }
      // Leaving the scratch directory again: `cd /`, `cd -`, `cd ..`, `cd`.
      if (in_scratch && (dir.empty() || In(TrimSlash(dir), {"/", "-", "..", "~"}))) continue;
      r.Report(OriginAt(ins, c.line),
               "`cd" + (dir.empty() ? std::string() : " " + dir) + "` in RUN: use WORKDIR" +
                   (dir.empty() ? std::string() : " " + dir) + " so later instructions see it");
      return;  // one per RUN
    }
  });
}

rules::Rule RuleDD008() {
  return {
      .info =
          {
              .id = "DD008",
              .slug = "hygiene/cd-in-run",
              .title = "cd in RUN instead of WORKDIR",
              .severity = Severity::kInfo,
              .practice = 0,
              .reads = kB,
              .rationale =
                  "A `cd` lasts for one RUN only; later instructions silently run elsewhere. "
                  "WORKDIR states the directory once for all of them.",
              .remediation =
                  "WORKDIR /dir, then RUN the command. A scoped `(cd dir && make)` is fine.",
              .references = {"DL3003", "DS-0013"},
              .examples =
                  {
                      {.input = "FROM alpine:3.20\nRUN cd /src && make\n",
                       .fires = true,
                       .severity = Severity::kInfo,
                       .line = 2},
                      {.input = "FROM alpine:3.20\nWORKDIR /src\nRUN make\n", .fires = false},
                      {.input = "FROM alpine:3.20\nRUN (cd /src && make)\n",
                       .fires = false,
                       .note = "a subshell keeps the cd local"},
                      {.input = "FROM alpine:3.20\nRUN mkdir -p /usr/src/app && cd /usr/src/app && "
                                "make && "
                                "cd / && rm -rf /usr/src/app\n",
                       .fires = false,
                       .note = "a scratch directory of the RUN: WORKDIR would keep it"},
                      {.input =
                           "FROM alpine:3.20\nRUN tmp=\"$(mktemp -d)\" && cd \"$tmp\" && make\n",
                       .fires = false,
                       .note = "a path only known when the RUN runs"},
                      {.input = "FROM alpine:3.20\nRUN tar -xf node.tar.xz && cd node && make\n",
                       .fires = false,
                       .note = "a directory the RUN extracts"},
                      {.input = "FROM alpine:3.20\nRUN cd /tmp && wget https://example.com/x.tgz "
                                "&& tar xzf "
                                "x.tgz\n",
                       .fires = false,
                       .note = "/tmp is scratch space by definition"},
                      {.input = "FROM alpine:3.20\nRUN mkdir -p /tmp/b && cd /tmp/b && make && cd "
                                "/app && "
                                "npm ci\n",
                       .fires = true,
                       .severity = Severity::kInfo,
                       .line = 2,
                       .note = "the second cd goes to a lasting directory"},
                  },
          },
      .build = CdInRun,
  };
}

void MultipleCmd(const BuildSpec& spec, Reporter& r) {
  for (const auto& stage : spec.stages) {
    const Instruction* first[3] = {nullptr, nullptr, nullptr};
    for (const auto& ins : stage.instructions) {
      int k = ins.keyword == "CMD"           ? 0
              : ins.keyword == "ENTRYPOINT"  ? 1
              : ins.keyword == "HEALTHCHECK" ? 2
                                             : -1;
      if (k < 0) continue;
      if (first[k] == nullptr) {
        first[k] = &ins;
        continue;
      }
      r.Report(ins.origin, ins.keyword + " repeated in stage " + detail::StageLabel(stage) +
                               " (first at line " + std::to_string(first[k]->origin.line) +
                               "): only the last one takes effect");
    }
  }
}

rules::Rule RuleDD009() {
  return {
      .info =
          {
              .id = "DD009",
              .slug = "hygiene/multiple-cmd",
              .title = "More than one CMD, ENTRYPOINT or HEALTHCHECK in a stage",
              .severity = Severity::kMedium,
              .practice = 0,
              .reads = kB,
              .rationale =
                  "Only the last CMD, ENTRYPOINT and HEALTHCHECK of a stage take effect; the "
                  "earlier ones are dead code that misleads readers.",
              .remediation = "Keep one of each per stage.",
              .references = {"DL4003", "DL4004", "DL3012", "DS-0007", "DS-0016", "DS-0023"},
              .examples =
                  {
                      {.input = "FROM alpine:3.20\nCMD [\"a\"]\nCMD [\"b\"]\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 3},
                      {.input = "FROM alpine:3.20\nCMD [\"a\"]\n", .fires = false},
                      {.input =
                           "FROM alpine:3.20 AS a\nCMD [\"a\"]\nFROM alpine:3.20\nCMD [\"b\"]\n",
                       .fires = false,
                       .note = "counted per stage"},
                  },
          },
      .build = MultipleCmd,
  };
}

void ShellFormEntrypoint(const BuildSpec& spec, Reporter& r) {
  for (const char* keyword : {"CMD", "ENTRYPOINT"}) {
    ForEach(detail::FinalChain(spec), keyword, [&](const Stage&, const Instruction& ins) {
      if (ins.exec_form || ins.args_text.find_first_not_of(" \t") == std::string::npos) return;
      const auto& cmds = ins.script.commands;
      if (!cmds.empty() && cmds.front().Name() == "exec") return;  // the shell replaces itself
      r.Report(ins.origin, ins.keyword +
                               " in shell form runs under `/bin/sh -c`: the process is not PID 1 "
                               "and does not receive SIGTERM; use the JSON form");
    });
  }
}

rules::Rule RuleDD010() {
  return {
      .info =
          {
              .id = "DD010",
              .slug = "hygiene/shell-form-entrypoint",
              .title = "CMD or ENTRYPOINT in shell form",
              .severity = Severity::kLow,
              .practice = 0,
              .reads = kB,
              .rationale =
                  "Shell form wraps the command in `/bin/sh -c`: the shell is PID 1, SIGTERM "
                  "never reaches the application and shutdown waits for the kill timeout.",
              .remediation = "Use the JSON form: CMD [\"app\", \"--flag\"], or `exec app` in the "
                             "script.",
              .references = {"DL3025"},
              .examples =
                  {
                      {.input = "FROM alpine:3.20\nCMD node server.js\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2},
                      {.input = "FROM alpine:3.20\nCMD [\"node\", \"server.js\"]\n",
                       .fires = false},
                      {.input = "FROM alpine:3.20\nENTRYPOINT exec node server.js\n",
                       .fires = false,
                       .note = "exec replaces the shell"},
                  },
          },
      .build = ShellFormEntrypoint,
  };
}

void Maintainer(const BuildSpec& spec, Reporter& r) {
  ForEach(spec.stages, "MAINTAINER", [&](const Stage&, const Instruction& ins) {
    r.Report(ins.origin,
             "MAINTAINER is deprecated: use LABEL org.opencontainers.image.authors=\"…\"");
  });
}

rules::Rule RuleDD011() {
  return {
      .info =
          {
              .id = "DD011",
              .slug = "hygiene/maintainer",
              .title = "MAINTAINER is deprecated",
              .severity = Severity::kInfo,
              .practice = 0,
              .reads = kB,
              .rationale =
                  "MAINTAINER has been deprecated since Docker 1.13; labels carry authorship.",
              .remediation = "LABEL org.opencontainers.image.authors=\"team@example.com\"",
              .references = {"DL4000", "DS-0022"},
              .examples =
                  {
                      {.input = "FROM alpine:3.20\nMAINTAINER me@example.com\n",
                       .fires = true,
                       .severity = Severity::kInfo,
                       .line = 2},
                      {.input = "FROM alpine:3.20\nLABEL "
                                "org.opencontainers.image.authors=me@example.com\n",
                       .fires = false},
                  },
          },
      .build = Maintainer,
  };
}

void UpdateAlone(const BuildSpec& spec, const BuildFacts& facts, Reporter& r) {
  ForEach(spec.stages, "RUN", [&](const Stage&, const Instruction& ins) {
    const auto& commands = facts.PackageCommandsOf(ins);
    for (const auto& pc : commands) {
      if (pc.verb != "update" ||
          (pc.manager != PackageManager::kApt && pc.manager != PackageManager::kApk)) {
        continue;
      }
      bool installs = false;
      for (const auto& other : commands) {
        installs |= other.manager == pc.manager &&
                    (other.is_install ||
                     In(other.verb, {"upgrade", "dist-upgrade", "full-upgrade", "build-dep"}));
      }
      if (installs) continue;
      r.Report(OriginAt(ins, pc.command->line),
               "`" + Tool(pc) +
                   " update` without an install in the same RUN: the index is cached "
                   "in its own layer and goes stale for later installs");
    }
  });
}

rules::Rule RuleDD012() {
  return {
      .info =
          {
              .id = "DD012",
              .slug = "hygiene/update-alone",
              .title = "Package index updated in a RUN of its own",
              .severity = Severity::kMedium,
              .practice = 0,
              .reads = kB,
              .rationale =
                  "The build cache keeps the `update` layer, so a later install may use an "
                  "index weeks old and miss security fixes.",
              .remediation = "RUN apt-get update && apt-get install -y … in one RUN.",
              .references = {"DS-0017", "CIS-DI-0007"},
              .examples =
                  {
                      {.input =
                           "FROM debian:12-slim\nRUN apt-get update\nRUN apt-get install -y curl\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2},
                      {.input =
                           "FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl\n",
                       .fires = false},
                      {.input = "FROM alpine:3.20\nRUN apk update\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2},
                  },
          },
      .build = UpdateAlone,
  };
}

void NoHealthcheck(const BuildSpec& spec, Reporter& r) {
  auto chain = detail::FinalChain(spec);
  if (chain.empty()) return;
  for (const Stage* stage : chain) {  // final first; within a stage the last one wins
    for (auto it = stage->instructions.rbegin(); it != stage->instructions.rend(); ++it) {
      // HEALTHCHECK NONE is the author's decision to have none: not an oversight.
      if (it->keyword == "HEALTHCHECK") return;
    }
  }
  r.Report(chain.front()->origin,
           "final stage " + detail::StageLabel(*chain.front()) + " has no HEALTHCHECK");
}

// Image side: the config's Healthcheck.
void NoHealthcheckImage(const model::ImageSpec& spec, Reporter& r) {
  const auto& hc = spec.config.healthcheck;
  auto where = detail::ConfigOrigin(spec, "config.Healthcheck");
  // Test ["NONE"] comes from an explicit HEALTHCHECK NONE: a decision, not an oversight.
  if (!hc || hc->test.empty()) r.Report(where, "image config has no Healthcheck");
}

rules::Rule RuleDD013() {
  return {
      .info =
          {
              .id = "DD013",
              .slug = "hygiene/no-healthcheck",
              .title = "Final image has no HEALTHCHECK",
              .severity = Severity::kInfo,
              .practice = 0,
              .reads = kB | core::kReadsImage,
              .rationale =
                  "Without a health check Docker and compose cannot tell a hung service from "
                  "a healthy one. (Kubernetes ignores HEALTHCHECK and uses probes instead.) An "
                  "explicit HEALTHCHECK NONE is a decision and is not reported.",
              .differs = "hadolint's DL3057 ships disabled and judges every stage; drydock "
                         "reports by default, at INFO, and only for the image the build "
                         "produces (a builder stage's health check never runs).",
              .remediation = "Add HEALTHCHECK CMD [\"/app\", \"healthcheck\"] to the final stage.",
              .references = {"DL3057", "DS-0026", "CKV_DOCKER_2", "CIS 4.6"},
              .examples =
                  {
                      {.input = "FROM alpine:3.20\nCMD [\"app\"]\n",
                       .fires = true,
                       .severity = Severity::kInfo},
                      {.input = "FROM alpine:3.20\nHEALTHCHECK CMD [\"app\", \"health\"]\nCMD "
                                "[\"app\"]\n",
                       .fires = false},
                      {.input = "FROM alpine:3.20\nHEALTHCHECK NONE\n",
                       .fires = false,
                       .note = "explicitly disabled: a decision, not an oversight"},
                      {.input = "FROM alpine:3.20 AS base\nHEALTHCHECK CMD [\"app\", \"health\"]\n"
                                "FROM base\nCMD [\"app\"]\n",
                       .fires = false,
                       .note = "inherited from the stage it is built on"},
                      {.input =
                           "FROM alpine:3.20 AS build\nHEALTHCHECK CMD [\"x\"]\nFROM alpine:3.20\n",
                       .fires = true,
                       .severity = Severity::kInfo,
                       .line = 3,
                       .note = "a builder's HEALTHCHECK does not ship"},
                      {.kind = core::ExampleKind::kImage,
                       .input = "config {\"Cmd\":[\"/app\"]}\n",
                       .fires = true,
                       .severity = Severity::kInfo},
                      {.kind = core::ExampleKind::kImage,
                       .input = "config {\"Healthcheck\":{\"Test\":[\"NONE\"]}}\n",
                       .fires = false},
                      {.kind = core::ExampleKind::kImage,
                       .input =
                           "config {\"Healthcheck\":{\"Test\":[\"CMD\",\"/app\",\"health\"]}}\n",
                       .fires = false},
                  },
          },
      .build = NoHealthcheck,
      .image = NoHealthcheckImage,
  };
}

void CopyFromUnknown(const BuildSpec& spec, Reporter& r) {
  const auto& stages = spec.stages;
  auto check = [&](const Stage& stage, const Instruction& ins, const std::string& from_raw,
                   std::string_view what) {
    if (from_raw.empty() || Contains(from_raw, "$")) return;
    std::string from = detail::Lower(from_raw);
    bool numeric = from.find_first_not_of("0123456789") == std::string::npos && from.size() < 6;
    if (numeric) {
      int index = std::stoi(from);
      if (index < stage.index) return;
      r.Report(ins.origin, std::string(what) + "=" + from_raw + " refers to " +
                               (index == stage.index ? "its own stage" : "a later stage") +
                               ": only earlier stages can be copied from");
      return;
    }
    for (const auto& s : stages) {
      if (s.index < stage.index && s.name == from) return;
    }
    for (const auto& s : stages) {
      if (s.index >= stage.index && s.name == from) {
        r.Report(ins.origin, std::string(what) + "=" + from_raw + " refers to " +
                                 (s.index == stage.index ? "its own stage" : "a later stage") +
                                 ": only earlier stages can be copied from");
        return;
      }
    }
    if (from.find_first_of(":/@") != std::string::npos) return;  // an image reference
    r.Report(ins.origin, std::string(what) + "=" + from_raw + ": no earlier stage is named `" +
                             from + "`, so BuildKit would pull an image `" + from + ":latest`");
  };
  for (const auto& stage : stages) {
    for (const auto& ins : stage.instructions) {
      if (ins.keyword == "COPY") {
        if (const auto* f = ins.FindFlag("from")) check(stage, ins, f->value, "COPY --from");
      } else if (ins.keyword == "RUN") {
        for (const auto& m : ins.mounts) check(stage, ins, m.from, "RUN --mount from");
      }
    }
    for (const auto& earlier : stages) {
      if (earlier.index >= stage.index) break;
      if (!stage.name.empty() && earlier.name == stage.name) {
        r.Report(stage.origin, "stage name `" + stage.name + "` is already used by stage #" +
                                   std::to_string(earlier.index) + " (line " +
                                   std::to_string(earlier.origin.line) + ")");
        break;
      }
    }
  }
}

rules::Rule RuleDD014() {
  return {
      .info =
          {
              .id = "DD014",
              .slug = "hygiene/copy-from-unknown",
              .title = "COPY --from names no earlier stage, or stage names repeat",
              .severity = Severity::kHigh,
              .practice = 9,
              .reads = kB,
              .rationale =
                  "COPY --from can only read earlier stages; a name that matches no earlier "
                  "stage is pulled as an image from a registry — a typo becomes a "
                  "supply-chain hole. Duplicate stage names make references ambiguous.",
              .remediation =
                  "Name the stage (`FROM … AS build`) before copying from it; give every "
                  "stage a unique name; reference images with a tag.",
              .references = {"DL3022", "DL3023", "DL3024", "DS-0006", "DS-0012"},
              .examples =
                  {
                      {.input =
                           "FROM golang:1.22 AS build\nRUN go build -o /app\nFROM alpine:3.20\n"
                           "COPY --from=build /app /app\n",
                       .fires = false},
                      {.input = "FROM golang:1.22\nRUN go build -o /app\nFROM alpine:3.20\n"
                                "COPY --from=0 /app /app\n",
                       .fires = false,
                       .note = "by index"},
                      {.input =
                           "FROM alpine:3.20\nCOPY --from=nginx:1.25 /etc/nginx/nginx.conf /etc/\n",
                       .fires = false,
                       .note = "an image reference"},
                      {.input = "FROM alpine:3.20 AS self\nCOPY --from=self /a /b\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2},
                      {.input =
                           "FROM alpine:3.20 AS a\nCOPY --from=b /x /x\nFROM alpine:3.20 AS b\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2,
                       .note = "a later stage"},
                      {.input = "FROM alpine:3.20\nCOPY --from=biuld /app /app\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2,
                       .note = "typo: would be pulled as an image"},
                      {.input = "FROM alpine:3.20 AS x\nFROM alpine:3.20 AS x\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2,
                       .note = "duplicate stage name"},
                  },
          },
      .build = CopyFromUnknown,
  };
}

// The SHELL in effect for `stage` just before `ins` (inherited through FROM <stage>).
const Instruction* ActiveShell(const BuildSpec& spec, const Stage& stage, const Instruction& ins) {
  const Stage* s = &stage;
  const Instruction* limit = &ins;
  for (std::size_t guard = 0; s != nullptr && guard <= spec.stages.size(); ++guard) {
    const Instruction* found = nullptr;
    for (const auto& i : s->instructions) {
      if (&i == limit) break;
      if (i.keyword == "SHELL") found = &i;
    }
    if (found != nullptr) return found;
    int base = s->base_stage;
    if (base < 0 || base >= s->index) return nullptr;
    s = &spec.stages[static_cast<std::size_t>(base)];
    limit = nullptr;
  }
  return nullptr;
}

void Pipefail(const BuildSpec& spec, Reporter& r) {
  ForEach(spec.stages, "RUN", [&](const Stage& stage, const Instruction& ins) {
    if (ins.exec_form || !ins.script.has_pipe || ins.script.sets_pipefail) return;
    if (const Instruction* shell = ActiveShell(spec, stage, ins)) {
      if (!shell->args.empty()) {
        std::string name = detail::Lower(shell->args.front());
        if (Contains(name, "pwsh") || Contains(name, "powershell") || Contains(name, "cmd")) {
          return;
        }
      }
      for (const auto& a : shell->args) {
        if (Contains(a, "pipefail")) return;
      }
    }
    // Pipelines: runs of piped commands joined by `|`. One whose every command before the last
    // only prints literal text (`echo "$SHA  file" | sha256sum -c -`) cannot lose a failure:
    // pipefail would change nothing there.
    const auto& cmds = ins.script.commands;
    bool any = false;
    for (std::size_t i = 0; i < cmds.size();) {
      if (!cmds[i].piped) {
        ++i;
        continue;
      }
      std::size_t end = i + 1;  // one past the pipeline's last command
      while (end < cmds.size() && cmds[end].piped && cmds[end].separator_before == "|") ++end;
      any = true;
      bool can_fail = false;
      for (std::size_t k = i; k + 1 < end; ++k) {
        can_fail |= !In(cmds[k].Name(), {"echo", "printf"});
      }
      if (can_fail || end == i + 1) {
        std::string next = end > i + 1 ? cmds[i + 1].Name() : "";
        r.Report(OriginAt(ins, cmds[i].line),
                 "`" + cmds[i].Name() + (next.empty() ? "" : " | " + next) +
                     "` without `set -o pipefail`: a failure before the last command of the "
                     "pipe is ignored");
        return;
      }
      i = end;
    }
    if (!any) r.Report(ins.origin, "RUN uses a pipe without `set -o pipefail`");
  });
}

rules::Rule RuleDD015() {
  return {
      .info =
          {
              .id = "DD015",
              .slug = "hygiene/pipefail",
              .title = "Pipe in RUN without pipefail",
              .severity = Severity::kLow,
              .practice = 0,
              .reads = kB,
              .rationale =
                  "The shell reports only the last command of a pipe: `curl … | tar x` passes "
                  "when the download fails and the image is built without the files.",
              .remediation =
                  "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"], or start the RUN "
                  "with `set -o pipefail &&`.",
              .references = {"DL4006"},
              .examples =
                  {
                      {.input =
                           "FROM alpine:3.20\nRUN wget -O- https://example.com/x.tgz | tar xz\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2},
                      {.input = "FROM alpine:3.20\nRUN set -o pipefail && wget -O- "
                                "https://example.com/x.tgz | tar xz\n",
                       .fires = false},
                      {.input = "FROM debian:12-slim\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", "
                                "\"-c\"]\n"
                                "RUN wget -O- https://example.com/x.tgz | tar xz\n",
                       .fires = false},
                      {.input = "FROM alpine:3.20\nRUN make || true\n",
                       .fires = false,
                       .note = "|| is not a pipe"},
                      {.input =
                           "FROM alpine:3.20\nRUN case \"$(apk --print-arch)\" in x86_64|aarch64) "
                           "apk add --no-cache nginx=1.26.2-r0 ;; *) exit 1 ;; esac\n",
                       .fires = false,
                       .note = "`|` between case patterns is not a pipe"},
                      {.input = "FROM alpine:3.20\nARG SHA=abc\nRUN wget -O x.tgz "
                                "https://example.com/x.tgz "
                                "&& echo \"$SHA  x.tgz\" | sha256sum -c -\n",
                       .fires = false,
                       .note = "echo cannot fail: pipefail would change nothing"},
                      {.input = "FROM alpine:3.20\nRUN echo hi | tee /a && ldd /bin/app | grep -q "
                                "musl\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2,
                       .note = "the second pipe can lose ldd's failure"},
                  },
          },
      .build = Pipefail,
  };
}

void DeprecatedFlag(const BuildSpec& spec, const BuildFacts& facts, Reporter& r) {
  ForEach(spec.stages, "RUN", [&](const Stage&, const Instruction& ins) {
    for (const auto& c : ins.script.commands) {
      if (c.Name() == "apt-key" && c.words.size() > 1 && Word(c, 1) == "add") {
        r.Report(OriginAt(ins, c.line),
                 "`apt-key add` is deprecated: store the key under "
                 "/etc/apt/keyrings and reference it with signed-by");
      }
    }
    for (const auto& pc : facts.PackageCommandsOf(ins)) {
      const auto& w = pc.command->words;
      for (std::size_t i = pc.argv_start + 1; i < w.size(); ++i) {
        std::string_view v = w[i].value;
        std::string flag;
        std::string use;
        if (pc.manager == PackageManager::kNpm) {
          if (StartsWith(v, "--only=") || (v == "--only" && i + 1 < w.size())) {
            flag = v == "--only" ? "--only " + w[i + 1].value : std::string(v);
            bool dev = Contains(flag, "dev");
            use = dev ? "--include=dev" : "--omit=dev";
          } else if (v == "--production" || v == "--production=true") {
            flag = std::string(v);
            use = "--omit=dev";
          } else if (StartsWith(v, "--also=")) {
            flag = std::string(v);
            use = "--include=dev";
          }
        } else if (pc.manager == PackageManager::kPip && v == "--use-feature=2020-resolver") {
          flag = std::string(v);
          use = "nothing (the resolver is the default since pip 20.3)";
        }
        if (flag.empty()) continue;
        r.Report(
            OriginAt(ins, w[i].line > 0 ? w[i].line : pc.command->line),
            core::Concat({"`", Tool(pc), " ", pc.verb, " ", flag, "` is deprecated: use ", use}));
      }
    }
  });
}

rules::Rule RuleDD016() {
  return {
      .info =
          {
              .id = "DD016",
              .slug = "hygiene/deprecated-flag",
              .title = "Deprecated flag or command",
              .severity = Severity::kInfo,
              .practice = 0,
              .reads = kB,
              .rationale =
                  "Deprecated flags keep working until the day they are removed or silently "
                  "ignored, e.g. npm ignores `--only=production` with a warning in newer "
                  "releases.",
              .remediation = "npm --omit=dev instead of --only=production/--production; signed-by "
                             "keyrings instead of apt-key; pip's default resolver instead of "
                             "--use-feature=2020-resolver.",
              .references = {},
              .examples =
                  {
                      {.input = "FROM node:20-slim\nRUN npm ci --only=production\n",
                       .fires = true,
                       .severity = Severity::kInfo,
                       .line = 2},
                      {.input = "FROM node:20-slim\nRUN npm ci --omit=dev\n", .fires = false},
                      {.input = "FROM node:20-slim\nRUN npm install --production\n",
                       .fires = true,
                       .severity = Severity::kInfo,
                       .line = 2},
                      {.input = "FROM alpine:3.20\nENV PATH /opt/bin:$PATH\n",
                       .fires = false,
                       .note = "the legacy ENV form is syntax, not a deprecated flag"},
                      {.input = "FROM debian:12-slim\nRUN curl -fsSL https://example.com/k.asc | "
                                "apt-key "
                                "add -\n",
                       .fires = true,
                       .severity = Severity::kInfo,
                       .line = 2},
                      {.input = "FROM python:3.12-slim\nRUN pip install --no-cache-dir "
                                "--use-feature=2020-resolver flask==3.0.3\n",
                       .fires = true,
                       .severity = Severity::kInfo,
                       .line = 2},
                  },
          },
      .build = DeprecatedFlag,
  };
}

// DD060: the directories the runtime mounts or the kernel owns. Anything written there at build
// time is hidden at run time, and a process started there works inside a kernel interface.
constexpr std::string_view kSystemDirs[] = {"/proc", "/sys",    "/dev",
                                            "/boot", "/initrd", "/lost+found"};

void WorkdirSystemDir(const BuildSpec& spec, Reporter& r) {
  ForEach(spec.stages, "WORKDIR", [&](const Stage&, const Instruction& ins) {
    if (ins.args.empty()) return;
    std::string dir = TrimSlash(core::Trim(ins.args.front(), "\"'"));
    while (StartsWith(dir, "//")) dir.erase(0, 1);
    for (std::string_view sys : kSystemDirs) {
      if (dir == sys ||
          (StartsWith(dir, sys) && dir.size() > sys.size() && dir[sys.size()] == '/')) {
        r.Report(ins.origin, core::Concat({"WORKDIR `", dir, "` is inside ", sys,
                                           ", which the runtime mounts over or the kernel owns"}));
        return;
      }
    }
  });
}

rules::Rule RuleDD060() {
  return {
      .info =
          {
              .id = "DD060",
              .slug = "hygiene/workdir-system-dir",
              .title = "WORKDIR in a system directory",
              .severity = Severity::kMedium,
              .practice = 5,
              .reads = kB,
              .rationale =
                  "/proc, /sys and /dev are mounted by the runtime over whatever the image holds "
                  "there, and /boot and /lost+found belong to the host's boot and filesystem "
                  "tools: files written there at build time vanish at run time, and a process "
                  "whose working directory is a kernel interface can write to it with relative "
                  "paths.",
              .differs = "Trivy's DS-0030 (HIGH) fires only below these directories and leaves "
                         "/sys out; drydock also fires on the directory itself and on /sys, at "
                         "MEDIUM: it is a broken layout more than an escape.",
              .remediation = "Use an application directory: WORKDIR /app.",
              .references = {"DS-0030"},
              .examples =
                  {
                      {.input = "FROM alpine:3.20\nWORKDIR /proc/self/fd\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2},
                      {.input = "FROM alpine:3.20\nWORKDIR \"/dev/shm/\"\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2,
                       .note = "quotes and a trailing slash are removed first"},
                      {.input = "FROM alpine:3.20\nARG ROOT=/sys\nWORKDIR ${ROOT}/kernel\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 3,
                       .note = "judged after expansion"},
                      {.input = "FROM alpine:3.20\nWORKDIR /development\n",
                       .fires = false,
                       .note = "a name that only starts like /dev"},
                      {.input = "FROM alpine:3.20\nWORKDIR /app\n", .fires = false},
                  },
          },
      .build = WorkdirSystemDir,
  };
}

}  // namespace

void RegisterHygieneRules(rules::Registry& registry) {
  registry.Add(RuleDD001());
  registry.Add(RuleDD002());
  registry.Add(RuleDD003());
  registry.Add(RuleDD004());
  registry.Add(RuleDD005());
  registry.Add(RuleDD006());
  registry.Add(RuleDD007());
  registry.Add(RuleDD008());
  registry.Add(RuleDD009());
  registry.Add(RuleDD010());
  registry.Add(RuleDD011());
  registry.Add(RuleDD012());
  registry.Add(RuleDD013());
  registry.Add(RuleDD014());
  registry.Add(RuleDD015());
  registry.Add(RuleDD016());
  registry.Add(RuleDD060());
}

}  // namespace drydock::rules
