// SPDX-License-Identifier: Apache-2.0
// DD4xx: supply chain on the build side. What the build pulls (base images, COPY --from images,
// remote files, scripts piped to a shell) must be pinned, come from trusted places and be
// verified: TLS and package signatures stay on. References are judged after ARG expansion; a
// reference still holding `$` is unknown and never fires.
//
// The run side judges the image a container runs (Kubernetes `image:`, compose `image:`, the
// docker run image) with the same reference helpers, the environment it gets and the command it
// runs (through RunSpec::run_commands, so `sh -c '…'` scripts are read by the very detectors
// that read RUN lines). An image that is still a variable (`$IMAGE`) is unknown and never fires;
// a compose service with only `build:` has no image to judge.
#include <re2/re2.h>

#include <optional>
#include <string>
#include <vector>

#include "rules/catalog.h"
#include "rules/detail/build_stages.h"
#include "rules/detail/build_util.h"
#include "rules/detail/examples.h"
#include "rules/detail/refs.h"
#include "rules/detail/run_commands.h"

namespace drydock::rules {
namespace {

using core::Reporter;
using core::Severity;
using detail::Compose;
using detail::Contains;
using detail::DockerRun;
using detail::EndsWith;
using detail::In;
using detail::Lower;
using detail::OriginAt;
using detail::Pod;
using detail::StartsWith;
using model::BuildSpec;
using model::ImageRef;
using model::Instruction;
using model::ShellCommand;
using model::Stage;

// The settings DD403's examples run with.
const core::RuleSettings kTrustedExample = [] {
  core::RuleSettings s;
  s.trusted_registries = {"gcr.io", "*.gcr.io", "ghcr.io/myorg"};
  return s;
}();

constexpr std::uint8_t kB = core::kReadsBuild;
constexpr std::uint8_t kR = core::kReadsRun;

// An image a build pulls: a stage's FROM image, or a `COPY --from=<image>`.
struct PulledImage {
  ImageRef ref;
  core::Origin where;
  std::string_view how;  // "FROM", "COPY --from" or "RUN --mount from"
};

bool IsStageReference(const BuildSpec& spec, std::string_view from) {
  return core::AllDigits(from) || detail::StageIndexOf(spec, from) >= 0;
}

std::vector<PulledImage> PulledImages(const BuildSpec& spec) {
  std::vector<PulledImage> out;
  for (const auto& stage : spec.stages) {
    if (stage.base_stage < 0 && !stage.scratch && !stage.base.repository.empty()) {
      out.push_back({stage.base, stage.origin, "FROM"});
    }
    for (const auto& ins : stage.instructions) {
      if (ins.keyword != "COPY") continue;
      const model::Flag* from = ins.FindFlag("from");
      if (from == nullptr || from->value.empty() || IsStageReference(spec, from->value)) continue;
      ImageRef ref = detail::ParseImageRef(from->value);
      if (Lower(ref.repository) == "scratch") continue;
      out.push_back({std::move(ref), ins.origin, "COPY --from"});
    }
  }
  return out;
}

bool IsDigest(std::string_view digest) {
  return StartsWith(digest, "sha256:") && digest.size() > 7;
}

bool IsDownloader(std::string_view program) {
  return In(program, {"curl", "wget", "fetch", "aria2c", "http", "https", "iwr"});
}

// True when `cmd` runs its standard input as a program: a shell or interpreter with no script
// argument, `-s`, or the script `-`.
bool RunsStdin(const ShellCommand& cmd) {
  std::string program = detail::ProgramName(cmd);
  auto args = detail::ProgramArgs(cmd);
  std::size_t first = 0;
  if (program == "busybox") {
    if (args.empty() || !In(args[0]->value, {"sh", "ash", "bash"})) return false;
    program = "sh";
    first = 1;
  }
  // sh/bash/… and versioned interpreters: python3.12, perl5 …
  std::string base = program;
  while (!base.empty() && ((base.back() >= '0' && base.back() <= '9') || base.back() == '.')) {
    base.pop_back();
  }
  bool shell = In(base, {"sh", "bash", "zsh", "dash", "ash", "ksh", "mksh", "fish"});
  bool interpreter = In(base, {"python", "perl", "ruby", "node", "php"});
  if (!shell && !interpreter) return false;
  for (std::size_t i = first; i < args.size(); ++i) {
    const std::string& w = args[i]->value;
    // `sh -c script` / `python -c code` / `perl -e code` runs its argument, not stdin.
    bool short_cluster = w.size() >= 2 && w[0] == '-' && w[1] != '-';
    if ((short_cluster && w.find('c') != std::string::npos) ||
        (interpreter && (w == "-e" || w == "-m"))) {
      return false;
    }
    if (w == "-s" || w == "-" || w == "--") return true;
    if (!w.empty() && w[0] != '-') return false;  // a script file
  }
  return true;
}

const RE2& ProcessSubstitution() {
  static const RE2 re(
      R"((?:^|[\s;&|(])(?:sh|bash|zsh|dash|ash|ksh|source|\.)\s+<\(\s*(?:curl|wget)\b)");
  return re;
}

const RE2& CommandSubstitution() {
  static const RE2 re(
      R"((?:\b(?:sh|bash|zsh|dash|ash|ksh)\s+(?:-[A-Za-z]+\s+)*-[A-Za-z]*c\s+|\beval\s+)["']?(?:\$\(|`)\s*(?:curl|wget)\b)");
  return re;
}

bool IsRemoteSource(std::string_view src) {
  std::string lower = Lower(src);
  return StartsWith(lower, "http://") || StartsWith(lower, "https://") ||
         StartsWith(lower, "ftp://") || StartsWith(lower, "git@") || StartsWith(lower, "git://") ||
         StartsWith(lower, "ssh://");
}

// A git source pinned to a full commit (`…repo.git#<40 hex>`): content-addressed already.
bool IsCommitPinnedGit(std::string_view src) {
  auto hash = src.rfind('#');
  if (hash == std::string_view::npos) return false;
  std::string_view ref = src.substr(hash + 1);
  auto colon = ref.find(':');  // `#ref:subdir`
  if (colon != std::string_view::npos) ref = ref.substr(0, colon);
  return ref.size() == 40 && std::all_of(ref.begin(), ref.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

void RemoteAddUnverified(const BuildSpec& spec, Reporter& r) {
  detail::ForEachInstruction(spec, [&](const Stage*, const Instruction& ins) {
    if (ins.keyword == "ADD" && ins.args.size() >= 2 && ins.FindFlag("checksum") == nullptr) {
      for (std::size_t i = 0; i + 1 < ins.args.size(); ++i) {
        const std::string& src = ins.args[i];
        if (!IsRemoteSource(src) || IsCommitPinnedGit(src)) continue;
        std::string lower = Lower(src);
        bool git = StartsWith(lower, "git@") || StartsWith(lower, "git://") ||
                   Contains(lower, ".git#") || EndsWith(lower, ".git");
        r.Report(
            ins.origin,
            git ? "ADD clones `" + src +
                      "` at a branch or tag, which can move: pin `#<full commit sha>`"
                : "ADD downloads `" + src + "` without --checksum: its content is not verified");
      }
    }
    if (ins.keyword != "RUN") return;
    // `curl … | sh`: a downloader upstream of a shell in the same pipeline.
    bool downloader_in_pipeline = false;
    bool reported = false;
    for (const auto& cmd : detail::CommandsOf(ins)) {
      if (cmd.separator_before != "|") downloader_in_pipeline = false;
      if (downloader_in_pipeline && cmd.piped && RunsStdin(cmd) && !reported) {
        r.Report(OriginAt(ins, cmd.line), "a downloaded script is piped into `" +
                                              detail::ProgramName(cmd) + "` without verifying it");
        reported = true;
      }
      if (cmd.piped && IsDownloader(detail::ProgramName(cmd))) downloader_in_pipeline = true;
    }
    if (reported) return;
    std::string text = ins.exec_form ? ins.original : ins.script.text;
    if (text.empty()) text = ins.original;
    if (RE2::PartialMatch(text, ProcessSubstitution()) ||
        RE2::PartialMatch(text, CommandSubstitution())) {
      r.Report(ins.origin, "a downloaded script is executed by a shell without verifying it");
    }
  });
}

rules::Rule RuleDD404() {
  return {
      .info =
          {
              .id = "DD404",
              .slug = "supply/remote-add-unverified",
              .title = "Remote content fetched without verification",
              .severity = Severity::kMedium,
              .practice = 4,
              .reads = kB,
              .rationale = "`ADD <url>` and `curl … | sh` run or ship whatever the server returns "
                           "today: a compromised host, a DNS hijack or a changed release silently "
                           "changes the image.",
              .remediation = "`ADD --checksum=sha256:<hex> <url> <dest>`, or download, verify "
                             "(`sha256sum -c`, a signature) and only then execute.",
              .references = {"seed practice 4"},
              .examples =
                  {
                      {.input = "FROM alpine:3.20\nADD https://example.com/app.tar.gz /opt/\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2},
                      {.input = "FROM debian:12-slim\nRUN curl -fsSL https://get.example.sh | sh\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2},
                      {.input = "FROM debian:12-slim\nRUN wget -O- https://x.example/i.sh | bash "
                                "-s -- -y\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2},
                      {.input = "FROM debian:12-slim\nRUN curl -fsSL https://x.example/i.sh | sudo "
                                "bash\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2},
                      {.input =
                           "FROM debian:12-slim\nRUN bash <(curl -fsSL https://x.example/i.sh)\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2},
                      {.input = "FROM debian:12-slim\nRUN sh -c \"$(curl -fsSL "
                                "https://x.example/i.sh)\"\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2},
                      {.input = "FROM alpine:3.20\nADD --checksum=sha256:"
                                "24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d "
                                "https://example.com/app.tar.gz /opt/\n",
                       .fires = false},
                      {.input =
                           "FROM debian:12-slim\nRUN curl -fsSLo /tmp/i.sh https://x.example/i.sh "
                           "&& echo \"abc  /tmp/i.sh\" | sha256sum -c - && sh /tmp/i.sh\n",
                       .fires = false,
                       .note = "downloaded, verified, then run"},
                      {.input = "FROM debian:12-slim\nRUN curl -fsSL https://x.example/k.asc | gpg "
                                "--dearmor -o /usr/share/keyrings/x.gpg\n",
                       .fires = false},
                      {.input =
                           "FROM debian:12-slim\nRUN curl -s https://api.example/v | python3 -c "
                           "'import sys,json; print(json.load(sys.stdin))'\n",
                       .fires = false,
                       .note = "python -c runs its argument, not the download"},
                      {.input = "FROM alpine:3.20\nADD app.tar.gz /opt/\n", .fires = false},
                      {.input = "FROM alpine:3.20\nADD "
                                "https://github.com/moby/buildkit.git#v0.13.2 /src\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2,
                       .note = "a tag can move; a commit cannot"},
                      {.input = "FROM alpine:3.20\nADD https://github.com/moby/buildkit.git"
                                "#2ae42e0c0c793d7d1ab6ba7bdfc7c8fa9b2e6de8 /src\n",
                       .fires = false},
                  },
          },
      .build = RemoteAddUnverified,
  };
}

// ---------------------------------------------------------------------------------------------
// TLS verification switched off: one description per way of doing it.
struct TlsFinding {
  int line;
  std::string what;
};

bool Falsy(std::string_view v) {
  std::string l = Lower(v);
  return In(l, {"0", "false", "no", "off", "n"});
}

// Environment variables that disable TLS verification, judged on their value.
std::optional<std::string> TlsEnv(std::string_view name, std::string_view value) {
  std::string n(name);
  if (n == "NODE_TLS_REJECT_UNAUTHORIZED" && value == "0") return n + "=0";
  if (n == "GIT_SSL_NO_VERIFY" && !value.empty() && !Falsy(value)) {
    return n + "=" + std::string(value);
  }
  if (n == "PYTHONHTTPSVERIFY" && value == "0") return n + "=0";
  if ((n == "NPM_CONFIG_STRICT_SSL" || n == "npm_config_strict_ssl" || n == "YARN_STRICT_SSL" ||
       n == "YARN_ENABLE_STRICT_SSL") &&
      Falsy(value)) {
    return n + "=" + std::string(value);
  }
  if ((n == "PIP_TRUSTED_HOST" || n == "PIP_TRUSTED_HOSTS") && !value.empty()) {
    return n + " (pip --trusted-host)";
  }
  if ((n == "CURL_INSECURE") && !value.empty() && !Falsy(value)) return n;
  if (n == "GOINSECURE" && !value.empty()) return n + " (go fetches over plain HTTP)";
  return std::nullopt;
}

std::vector<TlsFinding> TlsInCommand(const ShellCommand& cmd) {
  std::vector<TlsFinding> out;
  std::string program = detail::ProgramName(cmd);
  auto args = detail::ProgramArgs(cmd);
  auto any_word = [&](auto pred) {
    return std::any_of(args.begin(), args.end(),
                       [&](const model::ShellWord* w) { return pred(Lower(w->value)); });
  };
  int line = cmd.line;
  if (program == "curl") {
    // Options of curl taking a value, so that `-o k` is not read as -k.
    if (detail::LongOption(args, "insecure") ||
        detail::HasShortFlag(args, 'k', "AbcCdDeEFHiKmoOQrTuUwxXYyz")) {
      out.push_back({line, "curl -k/--insecure"});
    }
    if (detail::LongOption(args, "proxy-insecure")) out.push_back({line, "curl --proxy-insecure"});
  } else if (program == "wget") {
    if (detail::LongOption(args, "no-check-certificate")) {
      out.push_back({line, "wget --no-check-certificate"});
    }
  } else if (program == "apk") {
    if (detail::LongOption(args, "no-check-certificate")) {
      out.push_back({line, "apk --no-check-certificate"});
    }
  }
  // pip / pip3 / python -m pip / uv pip
  bool pip =
      StartsWith(program, "pip") ||
      (StartsWith(program, "python") && any_word([](const std::string& w) { return w == "pip"; }));
  if (pip || program == "uv" || program == "poetry") {
    if (detail::LongOption(args, "trusted-host")) out.push_back({line, "pip --trusted-host"});
    if (any_word([](const std::string& w) { return Contains(w, "trusted-host"); }) &&
        any_word([](const std::string& w) { return w == "config"; })) {
      out.push_back({line, "pip config trusted-host"});
    }
  }
  if (In(program, {"npm", "yarn", "pnpm"})) {
    // `npm config set strict-ssl false`, `npm --strict-ssl=false`, `yarn config set strict-ssl
    // false`
    for (std::size_t i = 0; i < args.size(); ++i) {
      std::string w = Lower(args[i]->value);
      bool set_false = (w == "strict-ssl" && i + 1 < args.size() && Falsy(args[i + 1]->value)) ||
                       w == "--strict-ssl=false" || w == "strict-ssl=false" ||
                       (w == "--strict-ssl" && i + 1 < args.size() && Falsy(args[i + 1]->value)) ||
                       w == "--no-strict-ssl";
      if (set_false) {
        out.push_back({line, program + " strict-ssl false"});
        break;
      }
    }
  }
  if (program == "git") {
    for (std::size_t i = 0; i < args.size(); ++i) {
      std::string w = Lower(args[i]->value);
      bool off = (StartsWith(w, "http.sslverify=") || Contains(w, ".sslverify=")) &&
                 Falsy(w.substr(w.find('=') + 1));
      bool config = (EndsWith(w, "http.sslverify") || EndsWith(w, ".sslverify")) &&
                    i + 1 < args.size() && Falsy(args[i + 1]->value);
      if (off || config) {
        out.push_back({line, "git http.sslVerify=false"});
        break;
      }
    }
  }
  if (In(program, {"yum", "dnf", "microdnf", "tdnf", "yum-config-manager", "dnf-config-manager"})) {
    if (any_word([](const std::string& w) {
          return (Contains(w, "sslverify=0") || Contains(w, "sslverify=false") ||
                  Contains(w, "sslverify=no"));
        })) {
      out.push_back({line, program + " sslverify=false"});
    }
  }
  if (In(program, {"apt-get", "apt"})) {
    if (any_word([](const std::string& w) {
          return (Contains(w, "verify-peer=false") || Contains(w, "verify-host=false") ||
                  Contains(w, "verify-peer \"false\""));
        })) {
      out.push_back({line, "apt Acquire::https::Verify-Peer=false"});
    }
  }
  if (program == "composer" && any_word([](const std::string& w) { return w == "secure-http"; }) &&
      any_word([](const std::string& w) { return Falsy(w); })) {
    out.push_back({line, "composer secure-http false"});
  }
  // Config files written by hand: `echo sslverify=0 >> /etc/yum.conf`, `echo insecure >>
  // ~/.curlrc`.
  if (In(program, {"echo", "printf"})) {
    for (const auto* w : args) {
      std::string l = Lower(w->value);
      if (Contains(l, "sslverify=0") || Contains(l, "sslverify=false") ||
          Contains(l, "strict-ssl=false") || Contains(l, "verify-peer \"false\"") ||
          Contains(l, "check_certificate = off") || Contains(l, "check-certificate = off")) {
        out.push_back({line, "TLS verification disabled in a config file"});
        break;
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
std::optional<std::string> SignatureOffInCommand(const ShellCommand& cmd) {
  std::string program = detail::ProgramName(cmd);
  auto args = detail::ProgramArgs(cmd);
  auto has = [&](std::string_view flag) { return detail::LongOption(args, flag).has_value(); };
  auto any_word = [&](auto pred) {
    return std::any_of(args.begin(), args.end(),
                       [&](const model::ShellWord* w) { return pred(Lower(w->value)); });
  };
  if (program == "apk" && has("allow-untrusted")) return "apk --allow-untrusted";
  if (In(program, {"apt-get", "apt", "aptitude"})) {
    if (has("allow-unauthenticated")) return program + " --allow-unauthenticated";
    if (has("force-yes")) return program + " --force-yes";
    if (has("allow-insecure-repositories")) return program + " --allow-insecure-repositories";
    if (any_word([](const std::string& w) {
          return (Contains(w, "allowunauthenticated=true") ||
                  Contains(w, "allowunauthenticated=1") ||
                  Contains(w, "allowinsecurerepositories=true") ||
                  Contains(w, "allowinsecurerepositories=1") || Contains(w, "allow-insecure=yes") ||
                  Contains(w, "trusted=yes"));
        })) {
      return program + " -o APT::Get::AllowUnauthenticated=true";
    }
  }
  if (In(program, {"yum", "dnf", "microdnf", "tdnf", "yum-config-manager", "dnf-config-manager"})) {
    if (has("nogpgcheck") || has("nogpg")) return program + " --nogpgcheck";
    if (any_word([](const std::string& w) {
          return Contains(w, "gpgcheck=0") || Contains(w, "gpgcheck=false") ||
                 Contains(w, "gpgcheck=no");
        })) {
      return program + " gpgcheck=0";
    }
  }
  if (program == "rpm") {
    for (std::string_view f : {"nosignature", "nodigest", "nofiledigest", "nogpg"}) {
      if (has(f)) return "rpm --" + std::string(f);
    }
  }
  if (program == "zypper" && (has("no-gpg-checks") || has("no-gpg-check"))) {
    return "zypper --no-gpg-checks";
  }
  if (program == "dpkg" && any_word([](const std::string& w) {
        return StartsWith(w, "--force-bad-verify") || w == "--no-debsig";
      })) {
    return "dpkg --force-bad-verify";
  }
  if (In(program, {"echo", "printf", "sed", "tee"})) {
    if (any_word([](const std::string& w) {
          return Contains(w, "gpgcheck=0") || Contains(w, "[trusted=yes]") ||
                 Contains(w, "allowunauthenticated \"true\"") ||
                 Contains(w, "allowunauthenticated \"1\"") ||
                 Contains(w, "allowunauthenticated true");
        })) {
      return "repository configuration that skips signature checks";
    }
  }
  return std::nullopt;
}

// `apk add --allow-untrusted` of local packages that an earlier stage of this build produced:
// every package argument is a `.apk` path under a `RUN --mount=…,from=<stage>` target of this
// RUN, or under the destination of a `COPY --from=<stage>` earlier in the stage. Packages built
// by the same build (abuild in a builder stage) are signed with a throwaway key or not at all;
// no repository's signature check is being skipped. Files from the context or a download keep
// the finding.
bool InstallsOwnBuiltApks(const BuildSpec& spec, const Stage& stage, const Instruction& run,
                          const ShellCommand& cmd) {
  if (detail::ProgramName(cmd) != "apk") return false;
  std::vector<std::string> from_stages;  // directories filled from another stage
  for (const auto& m : run.mounts) {
    if (!m.from.empty() && detail::StageIndexOf(spec, m.from) >= 0) from_stages.push_back(m.target);
  }
  for (const auto& ins : stage.instructions) {
    if (&ins == &run) break;
    const model::Flag* from = ins.FindFlag("from");
    if (ins.keyword == "COPY" && from != nullptr && detail::StageIndexOf(spec, from->value) >= 0 &&
        !ins.args.empty()) {
      from_stages.push_back(ins.args.back());
    }
  }
  bool any = false;
  for (const auto* w : detail::ProgramArgs(cmd)) {
    const std::string& v = w->value;
    if (StartsWith(v, "-") || In(v, {"add", "fix"})) continue;
    if (!EndsWith(v, ".apk")) return false;  // a repository package
    const bool built =
        std::any_of(from_stages.begin(), from_stages.end(),
                    [&](const std::string& dir) { return detail::UnderDir(v, dir); });
    if (!built) return false;
    any = true;
  }
  return any;
}

void PkgSignatureOff(const BuildSpec& spec, Reporter& r) {
  detail::ForEachInstruction(spec, [&](const Stage* stage, const Instruction& ins) {
    if (ins.keyword != "RUN") return;
    for (const auto& cmd : detail::CommandsOf(ins)) {
      if (stage != nullptr && InstallsOwnBuiltApks(spec, *stage, ins, cmd)) continue;
      if (auto what = SignatureOffInCommand(cmd)) {
        r.Report(OriginAt(ins, cmd.line),
                 *what + " installs packages without verifying their signatures");
      }
    }
  });
}

rules::Rule RuleDD406() {
  return {
      .info =
          {
              .id = "DD406",
              .slug = "supply/pkg-signature-off",
              .title = "Package signature verification disabled",
              .severity = Severity::kHigh,
              .practice = 10,
              .reads = kB,
              .rationale = "Package managers verify repository signatures so that a mirror or a "
                           "network attacker cannot slip in modified packages; these switches turn "
                           "that off for the whole install.",
              .remediation =
                  "Import the repository's signing key (signed-by keyring, rpm --import, "
                  "apk keys) instead of disabling verification.",
              .references = {"CKV2_DOCKER_7", "CKV2_DOCKER_8", "CKV2_DOCKER_9", "CKV2_DOCKER_10",
                             "CKV2_DOCKER_11"},
              .examples =
                  {
                      {.input = "FROM alpine:3.20\nRUN apk add --no-cache --allow-untrusted "
                                "/tmp/x.apk\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2},
                      {.input = "FROM alpine:3.20 AS build\nRUN abuild -r\nFROM alpine:3.20\n"
                                "COPY --from=build /home/b/packages/ /tmp/pkgs/\n"
                                "RUN apk add --no-cache --allow-untrusted /tmp/pkgs/x86_64/*.apk\n",
                       .fires = false,
                       .note = "packages this build made in an earlier stage"},
                      {.input = "FROM alpine:3.20 AS build\nRUN abuild -r\nFROM alpine:3.20\n"
                                "RUN --mount=type=bind,from=build,source=/out,target=/pkgs "
                                "apk add --allow-untrusted /pkgs/app.apk\n",
                       .fires = false},
                      {.input = "FROM alpine:3.20\nCOPY pkgs/ /tmp/pkgs/\n"
                                "RUN apk add --allow-untrusted /tmp/pkgs/app.apk\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 3,
                       .note = "from the build context: nothing says who built it"},
                      {.input =
                           "FROM debian:12-slim\nRUN apt-get install -y --allow-unauthenticated "
                           "curl\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2},
                      {.input = "FROM debian:12-slim\nRUN apt-get install -y --force-yes curl\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2},
                      {.input = "FROM debian:12-slim\nRUN apt-get -o "
                                "APT::Get::AllowUnauthenticated=true "
                                "install -y curl\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2},
                      {.input = "FROM centos:7\nRUN yum install -y --nogpgcheck httpd\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2},
                      {.input = "FROM fedora:40\nRUN dnf install -y --nogpgcheck make\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2},
                      {.input = "FROM fedora:40\nRUN rpm -i --nosignature /tmp/x.rpm\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2},
                      {.input = "FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0\n",
                       .fires = false},
                      {.input = "FROM fedora:40\nRUN rpm --import https://x.example/key && "
                                "dnf install -y make\n",
                       .fires = false},
                  },
          },
      .build = PkgSignatureOff,
  };
}

// ---------------------------------------------------------------------------------------------
// Run side.
using model::EnvSource;
using model::RunKind;
using model::RunSpec;

// The image a container runs; nullopt when there is none to judge (compose `build:` only, a
// variable, empty text).
std::optional<PulledImage> RunImageOf(const RunSpec& s) {
  if (!s.image.has()) return std::nullopt;
  std::string_view text = *s.image;
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  ImageRef ref = detail::ParseImageRef(text);
  if (ref.unresolved || ref.repository.empty()) return std::nullopt;
  return PulledImage{std::move(ref), s.image.origin, "image"};
}

// ---------------------------------------------------------------------------------------------
void TagNotDigest(const BuildSpec& spec, Reporter& r) {
  for (const auto& img : PulledImages(spec)) {
    if (img.ref.unresolved || IsDigest(img.ref.digest)) continue;
    r.Report(img.where, std::string(img.how) + " `" + detail::DisplayRef(img.ref) +
                            "` is not pinned by digest: the tag can move to other content");
  }
}

void TagNotDigestRun(const RunSpec& s, Reporter& r) {
  auto img = RunImageOf(s);
  if (!img || IsDigest(img->ref.digest)) return;
  r.Report(img->where, "image `" + detail::DisplayRef(img->ref) +
                           "` is not pinned by digest: the tag can move to other content");
}

rules::Rule RuleDD401() {
  return {
      .info =
          {
              .id = "DD401",
              .slug = "supply/tag-not-digest",
              .title = "Image referenced by tag, not digest",
              .severity = Severity::kMedium,
              .practice = 4,
              .reads = kB | kR,
              .rationale =
                  "A tag is a mutable pointer: the same FROM can build on different content "
                  "tomorrow, or on a compromised push. A digest names exactly one image. "
                  "`scratch` and references to earlier stages are exempt. At run time the "
                  "same holds for the image a Pod, a compose service or `docker run` "
                  "starts: each node or host may pull different content for one tag. "
                  "Variable images (`$IMAGE`) and compose services with only `build:` are "
                  "not judged.",
              .remediation =
                  "Pin by digest and keep the tag for readers: "
                  "`FROM alpine:3.20@sha256:<digest>` (`drydock pin` rewrites FROM lines); "
                  "let Renovate/Dependabot bump digests.",
              .references = {"seed practice 4", "CKV_K8S_43"},
              .examples =
                  {
                      {.input = "FROM alpine:3.20\n", .fires = true, .severity = Severity::kMedium},
                      {.input = "FROM alpine:3.20@sha256:"
                                "beefdbd8a1da6d2915566fde36db9db0b524eb737fc57cd1367effd16dc0d06d\n"
                                "COPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2,
                       .note = "COPY --from an image by tag"},
                      {.input =
                           "FROM alpine:3.20@sha256:"
                           "beefdbd8a1da6d2915566fde36db9db0b524eb737fc57cd1367effd16dc0d06d\n",
                       .fires = false},
                      {.input = "FROM scratch\nCOPY app /app\n", .fires = false},
                      {.input = "FROM golang:1.22@sha256:"
                                "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9 "
                                "AS build\n"
                                "FROM build\nCOPY --from=build /a /a\n",
                       .fires = false,
                       .note = "earlier stages are exempt"},
                      {.input = "ARG BASE\nFROM ${BASE}\n",
                       .fires = false,
                       .note = "unknown reference: not judged"},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = "docker run nginx:1.27\n",
                       .fires = true,
                       .severity = Severity::kMedium},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input =
                           "docker run nginx:1.27@sha256:"
                           "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9\n",
                       .fires = false},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = "docker run \"$IMAGE\"\n",
                       .fires = false,
                       .note = "a variable image is not judged"},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = Pod("  containers:\n    - name: web\n"
                                    "      image: ghcr.io/acme/web:2.1\n"),
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 8},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = Pod(
                           "  containers:\n    - name: web\n"
                           "      image: ghcr.io/acme/web@sha256:"
                           "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9\n"),
                       .fires = false},
                      {.kind = core::ExampleKind::kCompose,
                       .input = Compose(""),
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 3},
                      {.kind = core::ExampleKind::kCompose,
                       .input = "services:\n  app:\n    build: .\n",
                       .fires = false,
                       .note = "built locally: the Dockerfile's FROM is judged instead"},
                  },
          },
      .build = TagNotDigest,
      .run = TagNotDigestRun,
  };
}

// True when `name` is a build argument the FROM lines see with no value: a global ARG without a
// default, or no global ARG at all (BuildKit expands both to "" unless --build-arg sets them).
bool UnsetBuildArg(const BuildSpec& spec, std::string_view name) {
  for (const auto& arg : spec.global_args) {
    for (const auto& [key, value] : arg.pairs) {
      if (key == name) return !value.has_value();
    }
  }
  return true;
}

// A reference with variables left in it, judged where the variables cannot matter: the last path
// component written out (`${REGISTRY}/ubuntu`: no tag whatever the registry), or a literal name
// followed by unset build arguments only (`alpine$TAG` with `ARG TAG` and no default: `alpine`
// unless the build passes --build-arg). Returns the message, "" when it cannot be judged.
std::string UnresolvedLatest(const BuildSpec& spec, const PulledImage& img) {
  std::string_view text = img.ref.original;
  if (text.find('@') != std::string_view::npos) return "";
  std::size_t slash = text.rfind('/');
  std::string_view last = slash == std::string_view::npos ? text : text.substr(slash + 1);
  std::size_t dollar = last.find('$');
  if (dollar == std::string_view::npos) {
    std::size_t colon = last.find(':');
    if (colon == std::string_view::npos) {
      return core::Concat({img.how, " `", text, "` has no tag: it means `latest`"});
    }
    if (Lower(last.substr(colon + 1)) == "latest") {
      return core::Concat({img.how, " `", text, "` uses the `latest` tag"});
    }
    return "";
  }
  std::string_view name = last.substr(0, dollar);
  if (name.empty() || name.find(':') != std::string_view::npos) return "";
  std::vector<std::string> unset;
  for (std::string_view rest = last.substr(dollar); !rest.empty();) {
    if (rest.front() != '$') return "";  // literal text between variables: could be a tag
    rest.remove_prefix(1);
    bool braced = !rest.empty() && rest.front() == '{';
    if (braced) rest.remove_prefix(1);
    std::size_t n = 0;
    while (n < rest.size() && (core::IsAsciiAlnum(rest[n]) || rest[n] == '_')) ++n;
    if (n == 0 || (braced && (n >= rest.size() || rest[n] != '}'))) return "";
    if (!UnsetBuildArg(spec, rest.substr(0, n))) return "";
    unset.emplace_back(rest.substr(0, n));
    rest.remove_prefix(n + (braced ? 1 : 0));
  }
  return core::Concat({img.how, " `", text, "` takes its tag from build argument ", unset.front(),
                       ", which has no default: without --build-arg it is `", name,
                       "`, that is `latest`"});
}

void LatestTag(const BuildSpec& spec, Reporter& r) {
  for (const auto& img : PulledImages(spec)) {
    if (!img.ref.digest.empty()) continue;
    if (img.ref.unresolved) {
      std::string message = UnresolvedLatest(spec, img);
      if (!message.empty()) r.Report(img.where, std::move(message));
      continue;
    }
    if (img.ref.tag.empty()) {
      r.Report(img.where, std::string(img.how) + " `" + detail::DisplayRef(img.ref) +
                              "` has no tag: it means `latest`");
    } else if (Lower(img.ref.tag) == "latest") {
      r.Report(img.where, std::string(img.how) + " `" + detail::DisplayRef(img.ref) +
                              "` uses the `latest` tag");
    }
  }
}

void LatestTagRun(const RunSpec& s, Reporter& r) {
  auto img = RunImageOf(s);
  if (!img || !img->ref.digest.empty()) return;
  if (img->ref.tag.empty()) {
    r.Report(img->where, "image `" + detail::DisplayRef(img->ref) +
                             "` has no tag: it means "
                             "`latest`");
  } else if (Lower(img->ref.tag) == "latest") {
    r.Report(img->where, "image `" + detail::DisplayRef(img->ref) + "` uses the `latest` tag");
  }
}

rules::Rule RuleDD402() {
  return {
      .info =
          {
              .id = "DD402",
              .slug = "supply/latest-tag",
              .title = "Image without a tag or with :latest",
              .severity = Severity::kMedium,
              .practice = 4,
              .reads = kB | kR,
              .rationale =
                  "`latest` (explicit or implied by a missing tag) changes under you: builds "
                  "are not reproducible and a major upgrade can arrive unannounced. Judged "
                  "after ARG expansion. At run time, nodes pulling at different moments run "
                  "different versions of one Deployment, and a rollback cannot name the "
                  "previous version.",
              .remediation = "Name a version tag, ideally with its digest: `FROM node:20.11-slim`.",
              .references = {"DL3006", "DL3007", "DS-0001", "KSV-0013", "latest-tag"},
              .examples =
                  {
                      {.input = "FROM ubuntu\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .note = "no tag means latest"},
                      {.input = "FROM nginx:latest\n",
                       .fires = true,
                       .severity = Severity::kMedium},
                      {.input = "ARG V=latest\nFROM nginx:${V}\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2,
                       .note = "expanded from an ARG default"},
                      {.input = "FROM alpine:3.20\nCOPY --from=busybox /bin/busybox /bin/\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2},
                      {.input = "FROM nginx:1.27\n", .fires = false},
                      {.input =
                           "FROM nginx@sha256:"
                           "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9\n",
                       .fires = false,
                       .note = "a digest pins it"},
                      {.input = "ARG V\nFROM nginx:${V}\n",
                       .fires = false,
                       .note = "the tag is whatever --build-arg V gives: not judged"},
                      {.input = "ARG REGISTRY\nFROM ${REGISTRY}/ubuntu\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2,
                       .note = "no tag whatever the registry"},
                      {.input = "ARG TAG\nFROM alpine$TAG\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2,
                       .note = "a build argument without a default: `alpine` unless --build-arg"},
                      {.input = "ARG BASE\nFROM ${BASE}\n",
                       .fires = false,
                       .note = "the whole reference is a build argument: not judged"},
                      {.input = "FROM alpine:3.20 AS base\nFROM base\n", .fires = false},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = "docker run -d redis\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .note = "no tag means latest"},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = "docker run -d redis:7.4\n",
                       .fires = false},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = Pod("  containers:\n    - name: web\n"
                                    "      image: nginx:latest\n"),
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 8},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = Pod("  containers:\n    - name: web\n"
                                    "      image: nginx:1.27\n"),
                       .fires = false},
                      {.kind = core::ExampleKind::kCompose,
                       .input = "services:\n  db:\n    image: postgres\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 3},
                      {.kind = core::ExampleKind::kCompose,
                       .input = "services:\n  db:\n    image: postgres:16.4\n",
                       .fires = false},
                  },
          },
      .build = LatestTag,
      .run = LatestTagRun,
  };
}

// PulledImages, and the images `RUN --mount=type=bind|cache,from=<image>` reads from.
std::vector<PulledImage> PulledAndMountedImages(const BuildSpec& spec) {
  std::vector<PulledImage> out = PulledImages(spec);
  for (const auto& stage : spec.stages) {
    for (const auto& ins : stage.instructions) {
      if (ins.keyword != "RUN") continue;
      for (const model::Mount& mount : ins.mounts) {
        if ((mount.type != "bind" && mount.type != "cache") || mount.from.empty() ||
            IsStageReference(spec, mount.from)) {
          continue;
        }
        ImageRef ref = detail::ParseImageRef(mount.from);
        if (Lower(ref.repository) == "scratch") continue;
        out.push_back({std::move(ref), ins.origin, "RUN --mount from"});
      }
    }
  }
  return out;
}

void UntrustedRegistry(const BuildSpec& spec, Reporter& r) {
  const auto& trusted = r.settings().trusted_registries;
  if (trusted.empty()) return;
  for (const auto& img : PulledAndMountedImages(spec)) {
    if (img.ref.unresolved || detail::IsTrustedRegistry(img.ref, trusted)) continue;
    r.Report(img.where, std::string(img.how) + " `" + detail::DisplayRef(img.ref) +
                            "` comes from registry " + detail::RegistryOf(img.ref) +
                            ", which is not in trusted-registries");
  }
}

void UntrustedRegistryRun(const RunSpec& s, Reporter& r) {
  const auto& trusted = r.settings().trusted_registries;
  if (trusted.empty()) return;
  auto img = RunImageOf(s);
  if (!img || detail::IsTrustedRegistry(img->ref, trusted)) return;
  r.Report(img->where, "image `" + detail::DisplayRef(img->ref) + "` comes from registry " +
                           detail::RegistryOf(img->ref) + ", which is not in trusted-registries");
}

rules::Rule RuleDD403() {
  return {
      .info =
          {
              .id = "DD403",
              .slug = "supply/untrusted-registry",
              .title = "Image from a registry not in trusted-registries",
              .severity = Severity::kHigh,
              .practice = 4,
              .reads = kB | kR,
              .rationale =
                  "When an organisation lists the registries it trusts (mirrors, its own "
                  "registry, vetted vendors), an image from elsewhere bypasses its scanning "
                  "and provenance controls. Off unless `trusted-registries` (hadolint: "
                  "`trustedRegistries`) is configured; a reference without a registry is "
                  "docker.io. Entries are hosts (`gcr.io`), host wildcards (`*.gcr.io`, "
                  "`registry.example*`, `*` for any) or host/path prefixes (`ghcr.io/myorg`). "
                  "FROM, `COPY --from` and `RUN --mount from=` images are judged; stages and "
                  "scratch are not images.",
              .differs = "hadolint matches the registry as written; drydock folds case and "
                         "Docker Hub's other names (index.docker.io, registry-1.docker.io), "
                         "also accepts registry/path prefixes (`ghcr.io/myorg`), takes "
                         "`COPY --from=<index>` as a stage, and does not judge a reference that "
                         "still holds a variable.",
              .remediation = "Pull through an approved registry/mirror, or add the registry to "
                             "`trusted-registries` in .drydock.yaml.",
              .references = {"DL3026", "KSV-0125"},
              .examples =
                  {
                      {.input = "FROM quay.io/evil/image:1.0\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .settings = &kTrustedExample},
                      {.input = "FROM nginx:1.27\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .note = "no registry means docker.io",
                       .settings = &kTrustedExample},
                      {.input =
                           "FROM ghcr.io/myorg/app:1.0\nFROM gcr.io/distroless/static:nonroot\n",
                       .fires = false,
                       .settings = &kTrustedExample},
                      {.input = "FROM ghcr.io/other/app:1.0\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .note = "only ghcr.io/myorg is trusted",
                       .settings = &kTrustedExample},
                      {.input = "FROM quay.io/evil/image:1.0\n",
                       .fires = false,
                       .note = "off without trusted-registries"},
                      {.input = "FROM gcr.io/distroless/static:nonroot\nRUN "
                                "--mount=type=bind,from=quay.io/tools/jq:1.7,target=/t "
                                "/t/jq --version\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2,
                       .note = "a RUN --mount reads from an image too",
                       .settings = &kTrustedExample},
                      {.input = "FROM eu.gcr.io/acme/app:1.0\n",
                       .fires = false,
                       .note = "*.gcr.io trusts every host under gcr.io",
                       .settings = &kTrustedExample},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = "docker run quay.io/evil/image:1.0\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .settings = &kTrustedExample},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = "docker run ghcr.io/myorg/app:1.0\n",
                       .fires = false,
                       .settings = &kTrustedExample},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = Pod("  containers:\n    - name: web\n"
                                    "      image: nginx:1.27\n"),
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 8,
                       .note = "docker.io is not trusted",
                       .settings = &kTrustedExample},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = Pod("  containers:\n    - name: web\n"
                                    "      image: gcr.io/distroless/static:nonroot\n"),
                       .fires = false,
                       .settings = &kTrustedExample},
                      {.kind = core::ExampleKind::kCompose,
                       .input = "services:\n  web:\n    image: ghcr.io/other/web:1.0\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 3,
                       .settings = &kTrustedExample},
                      {.kind = core::ExampleKind::kCompose,
                       .input = "services:\n  web:\n    image: ghcr.io/myorg/web:1.0\n",
                       .fires = false,
                       .settings = &kTrustedExample},
                  },
          },
      .build = UntrustedRegistry,
      .run = UntrustedRegistryRun,
  };
}

// Assignments a command line makes for the programs it starts: `A=b cmd`, `export A=b`,
// `env A=b cmd`.
std::vector<std::pair<std::string, std::string>> CommandAssignments(const ShellCommand& cmd) {
  std::vector<std::pair<std::string, std::string>> out = cmd.assignments;
  std::string program = cmd.Name();
  if (program != "export" && program != "env") return out;
  for (std::size_t i = 1; i < cmd.words.size(); ++i) {
    const std::string& w = cmd.words[i].value;
    auto eq = w.find('=');
    if (eq == std::string::npos || eq == 0 || w[0] == '-') continue;
    out.emplace_back(w.substr(0, eq), w.substr(eq + 1));
  }
  return out;
}

void TlsVerifyOff(const BuildSpec& spec, Reporter& r) {
  detail::ForEachInstruction(spec, [&](const Stage*, const Instruction& ins) {
    for (const auto& a : detail::AssignmentsOf(ins)) {
      if (auto what = TlsEnv(a.name, a.value)) {
        r.Report(OriginAt(ins, a.line), ins.keyword + " " + *what + " disables TLS verification");
      }
    }
    if (ins.keyword != "RUN") return;
    for (const auto& cmd : detail::CommandsOf(ins)) {
      for (const auto& f : TlsInCommand(cmd)) {
        r.Report(OriginAt(ins, f.line), f.what + " disables TLS certificate verification");
      }
    }
  });
}

void TlsVerifyOffRun(const RunSpec& s, Reporter& r) {
  for (const auto& e : s.env) {
    if (e.source != EnvSource::kLiteral) continue;
    if (auto what = TlsEnv(e.name, e.value)) {
      r.Report(e.origin, "env " + *what + " disables TLS verification in the container");
    }
  }
  std::vector<std::string> seen;
  auto report = [&](const core::Origin& where, const std::string& message) {
    if (std::find(seen.begin(), seen.end(), message) != seen.end()) return;
    seen.push_back(message);
    r.Report(where, message);
  };
  for (const auto& rc : s.run_commands) {
    for (const auto& f : TlsInCommand(rc.command)) {
      report(rc.origin, "the command runs " + f.what +
                            ", which disables TLS certificate "
                            "verification");
    }
    for (const auto& [name, value] : CommandAssignments(rc.command)) {
      if (auto what = TlsEnv(name, value)) {
        report(rc.origin, "the command sets " + *what + ", which disables TLS verification");
      }
    }
  }
}

rules::Rule RuleDD405() {
  return {
      .info =
          {
              .id = "DD405",
              .slug = "supply/tls-verify-off",
              .title = "TLS certificate verification disabled",
              .severity = Severity::kHigh,
              .practice = 4,
              .reads = kB | kR,
              .rationale =
                  "Without certificate checks anyone on the network path can substitute "
                  "packages, scripts or credentials. Environment variables set by ENV also "
                  "stay in the image and switch verification off at run time. At run time: "
                  "literal env values (Kubernetes `env`, compose `environment`, docker `-e`) "
                  "and the container's command/args, `sh -c` scripts included, read by the "
                  "same detectors as RUN lines.",
              .remediation = "Remove the flag or variable; add the needed CA to the trust store "
                             "(`update-ca-certificates`) when a private CA is the reason.",
              .references = {"CKV2_DOCKER_2", "CKV2_DOCKER_3", "CKV2_DOCKER_4", "CKV2_DOCKER_5",
                             "CKV2_DOCKER_6", "CKV2_DOCKER_12", "CKV2_DOCKER_13", "CKV2_DOCKER_14",
                             "CKV2_DOCKER_15", "CKV2_DOCKER_16"},
              .examples =
                  {
                      {.input = "FROM debian:12-slim\nRUN curl -k -o /tmp/a https://x.example/a\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2},
                      {.input = "FROM debian:12-slim\nRUN curl -fsSLk https://x.example/a -o /a\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2,
                       .note = "k inside a flag cluster"},
                      {.input = "FROM debian:12-slim\nRUN wget --no-check-certificate "
                                "https://x.example/a\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2},
                      {.input =
                           "FROM python:3.12-slim\nRUN pip install --trusted-host pypi.example "
                           "requests==2.32.3\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2},
                      {.input = "FROM node:20-slim\nENV NODE_TLS_REJECT_UNAUTHORIZED=0\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2},
                      {.input = "FROM alpine:3.20\nARG GIT_SSL_NO_VERIFY=1\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2},
                      {.input = "FROM node:20-slim\nRUN npm config set strict-ssl false\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2},
                      {.input = "FROM python:3.12-slim\nENV PYTHONHTTPSVERIFY=0\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2},
                      {.input = "FROM alpine:3.20\nRUN git -c http.sslVerify=false clone "
                                "https://x/r.git\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2},
                      {.input =
                           "FROM fedora:40\nRUN dnf install -y --setopt=sslverify=false make\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2},
                      {.input = "FROM debian:12-slim\nRUN GIT_SSL_NO_VERIFY=true git clone "
                                "https://x/r.git\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2,
                       .note = "a command-prefix assignment"},
                      {.input = "FROM debian:12-slim\nRUN curl -fsSL -o /k https://x.example/a\n",
                       .fires = false},
                      {.input = "FROM debian:12-slim\nRUN curl -o k https://x.example/a\n",
                       .fires = false,
                       .note = "`k` is the value of -o"},
                      {.input = "FROM node:20-slim\nENV NODE_TLS_REJECT_UNAUTHORIZED=1\n",
                       .fires = false},
                      {.input = "FROM alpine:3.20\nRUN git config --global http.sslVerify true\n",
                       .fires = false},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = "docker run -e NODE_TLS_REJECT_UNAUTHORIZED=0 node:20-slim\n",
                       .fires = true,
                       .severity = Severity::kHigh},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = "docker run alpine:3.20 sh -c 'wget --no-check-certificate "
                                "https://x.example/a'\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .note = "inside a sh -c script"},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = "docker run -e NODE_TLS_REJECT_UNAUTHORIZED=1 node:20-slim\n",
                       .fires = false},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = Pod(
                           "  containers:\n    - name: web\n"
                           "      image: alpine:3.20\n"
                           "      command: [\"sh\", \"-c\", \"curl -k https://x.example/a\"]\n"),
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 9},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input =
                           Pod("  containers:\n    - name: web\n"
                               "      image: alpine/git:2.45.2\n"
                               "      env:\n        - name: GIT_SSL_NO_VERIFY\n          value: "
                               "\"true\"\n"),
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 10},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = Pod("  containers:\n    - name: web\n"
                                    "      image: alpine:3.20\n"
                                    "      command: [\"sh\", \"-c\", \"curl -fsSL -o /k "
                                    "https://x.example/a\"]\n"),
                       .fires = false},
                      {.kind = core::ExampleKind::kCompose,
                       .input = "services:\n  app:\n    image: python:3.12-slim\n    environment:\n"
                                "      PYTHONHTTPSVERIFY: \"0\"\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 5},
                      {.kind = core::ExampleKind::kCompose,
                       .input = "services:\n  app:\n    image: python:3.12-slim\n    environment:\n"
                                "      PYTHONHTTPSVERIFY: \"1\"\n",
                       .fires = false},
                  },
          },
      .build = TlsVerifyOff,
      .run = TlsVerifyOffRun,
  };
}

// Docker's CLI reads DOCKER_CONTENT_TRUST with Go's ParseBool: these values switch it off.
bool ContentTrustOff(std::string_view value) {
  return In(value, {"0", "f", "F", "false", "FALSE", "False"});
}

void ContentTrustOffRun(const RunSpec& s, Reporter& r) {
  if (s.content_trust_disabled.value_or(false)) {
    r.Report(s.content_trust_disabled.origin,
             "content trust is disabled for this run: the image's signature is not verified");
  }
  for (const auto& e : s.env) {
    if (e.source != EnvSource::kLiteral || e.name != "DOCKER_CONTENT_TRUST") continue;
    if (!ContentTrustOff(e.value)) continue;
    r.Report(e.origin, "env DOCKER_CONTENT_TRUST=" + e.value +
                           " switches content trust off for docker commands in the container");
  }
}

rules::Rule RuleDD408() {
  return {
      .info =
          {
              .id = "DD408",
              .slug = "supply/content-trust-off",
              .title = "Docker Content Trust disabled",
              .severity = Severity::kMedium,
              .practice = 10,
              .reads = kR,
              .rationale =
                  "Where Docker Content Trust is enforced, `--disable-content-trust` (or "
                  "`DOCKER_CONTENT_TRUST=0` in front of the command) runs an image whose "
                  "signature was not checked. A container given DOCKER_CONTENT_TRUST=0 "
                  "(a CI runner, docker-in-docker) pulls unverified images for every docker "
                  "command it runs. Values are read as the docker CLI reads them (0, f, "
                  "false).",
              .remediation = "Drop `--disable-content-trust` / `DOCKER_CONTENT_TRUST=0`; sign the "
                             "images you run, or pin them by digest and verify signatures with "
                             "`drydock verify` / cosign / an admission policy.",
              .references = {"CIS 4.5", "CIS-DI-0005"},
              .examples =
                  {
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("--disable-content-trust"),
                       .fires = true,
                       .severity = Severity::kMedium},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = "docker run -e DOCKER_CONTENT_TRUST=0 docker:27-cli docker pull "
                                "nginx:1.27\n",
                       .fires = true,
                       .severity = Severity::kMedium},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = "docker run nginx:1.27\n",
                       .fires = false},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = "docker run -e DOCKER_CONTENT_TRUST=1 docker:27-cli docker pull "
                                "nginx:1.27\n",
                       .fires = false},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = Pod("  containers:\n    - name: web\n"
                                    "      image: docker:27-cli\n"
                                    "      env:\n        - name: DOCKER_CONTENT_TRUST\n          "
                                    "value: \"0\"\n"),
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 10},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = Pod("  containers:\n    - name: web\n"
                                    "      image: docker:27-cli\n"
                                    "      env:\n        - name: DOCKER_CONTENT_TRUST\n          "
                                    "value: \"1\"\n"),
                       .fires = false},
                      {.kind = core::ExampleKind::kCompose,
                       .input = "services:\n  runner:\n    image: docker:27-cli\n    environment:\n"
                                "      - DOCKER_CONTENT_TRUST=false\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 5},
                      {.kind = core::ExampleKind::kCompose,
                       .input = "services:\n  runner:\n    image: docker:27-cli\n",
                       .fires = false},
                  },
          },
      .run = ContentTrustOffRun,
  };
}

}  // namespace

void RegisterSupplyRules(rules::Registry& registry) {
  registry.Add(RuleDD401());
  registry.Add(RuleDD402());
  registry.Add(RuleDD403());
  registry.Add(RuleDD404());
  registry.Add(RuleDD405());
  registry.Add(RuleDD406());
  registry.Add(RuleDD408());
}

}  // namespace drydock::rules
