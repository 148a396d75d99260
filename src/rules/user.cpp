// SPDX-License-Identifier: Apache-2.0
// DD2xx: which user the container runs as. The build-side rules judge the *final* stage only,
// following `FROM <earlier stage>` chains (a stage inherits its base stage's USER); builder stages
// running as root are fine. A final stage without USER inherits its base image's user: root,
// unless the base is known to run non-root (distroless/Chainguard nonroot, settings).
//
// The run-side checks read RunSpec: Kubernetes runAsUser / runAsGroup / runAsNonRoot / fsGroup /
// supplementalGroups (pod values already merged into each container), docker `--user` /
// `--group-add` and compose `user:` / `group_add:`. Windows pods (`spec.os.name: windows`) have
// no uid 0 and are not judged. Only explicit ids are judged: a uid without a group runs with the
// image's primary group for it (gid 0 when the image does not know the uid), which a static
// check cannot see.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/strings.h"
#include "rules/catalog.h"
#include "rules/detail/build_facts.h"
#include "rules/detail/build_stages.h"
#include "rules/detail/build_util.h"
#include "rules/detail/examples.h"
#include "rules/detail/inventory.h"
#include "rules/detail/packages.h"
#include "rules/detail/refs.h"
#include "rules/detail/run_commands.h"

namespace drydock::rules {
namespace {

using core::Reporter;
using core::Severity;
using detail::Compose;
using detail::DockerRun;
using detail::OriginAt;
using detail::Pod;
using model::BuildSpec;
using model::Instruction;
using model::Stage;

const core::RuleSettings kNonRootExample = [] {
  core::RuleSettings s;
  s.nonroot_bases = {"registry.example/team/*"};
  return s;
}();

constexpr std::uint8_t kB = core::kReadsBuild;
constexpr std::uint8_t kR = core::kReadsRun;

// The user the final image runs as, as far as the Dockerfile tells.
struct FinalUser {
  const Instruction* user = nullptr;  // the USER instruction in effect; nullptr when none
  const Stage* stage = nullptr;       // the stage holding it, or the chain's root stage
  std::string name;                   // user part of `USER name[:group]`
  std::string group;                  // group part, "" when absent
  std::vector<const Stage*> chain;    // FinalChain(spec)
};

// Windows containers have no uid 0 / runAsNonRoot (they use ContainerUser/ContainerAdministrator
// and runAsUserName): the user rules do not judge them.
bool IsWindowsBase(const model::ImageRef& ref) {
  std::string repo = detail::Lower(ref.repository);
  std::string tag = detail::Lower(ref.tag);
  for (std::string_view w : {"windows", "nanoserver", "servercore", "ltsc20"}) {
    if (detail::Contains(repo, w) || detail::Contains(tag, w)) return true;
  }
  return false;
}

FinalUser ResolveFinalUser(const BuildSpec& spec) {
  FinalUser out;
  out.chain = detail::FinalChain(spec);
  if (!out.chain.empty() && IsWindowsBase(out.chain.back()->base)) {
    out.chain.clear();
    return out;
  }
  for (const Stage* stage : out.chain) {
    for (auto it = stage->instructions.rbegin(); it != stage->instructions.rend(); ++it) {
      if (it->keyword != "USER" || it->args.empty()) continue;
      out.user = &*it;
      out.stage = stage;
      std::string spec_text = it->args.front();
      auto colon = spec_text.find(':');
      out.name = spec_text.substr(0, colon);
      if (colon != std::string::npos) out.group = spec_text.substr(colon + 1);
      return out;
    }
  }
  if (!out.chain.empty()) out.stage = out.chain.back();
  return out;
}

bool IsNumeric(std::string_view s) {
  return !s.empty() && s.size() <= 10 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

long ToId(std::string_view s) { return IsNumeric(s) ? std::stol(std::string(s)) : -1; }

bool Unresolved(std::string_view s) { return s.find('$') != std::string_view::npos; }

bool IsRootUser(std::string_view name) {
  return name == "root" || (IsNumeric(name) && ToId(name) == 0);
}

std::string StageRef(const Stage& stage) {
  if (stage.base_stage >= 0) return "stage " + stage.base_text;
  return detail::DisplayRef(stage.base);
}

// `sudo` as a command anywhere, or the sudo package installed in the shipped stages.
void Sudo(const BuildSpec& spec, const detail::BuildFacts& facts, Reporter& r) {
  for (const auto& stage : spec.stages) {
    for (const auto& ins : stage.instructions) {
      if (ins.keyword != "RUN") continue;
      for (const auto& cmd : detail::CommandsOf(ins)) {
        bool found = false;
        for (std::size_t i = 0; i < cmd.words.size() && i <= detail::ProgramIndex(cmd); ++i) {
          std::string_view w = cmd.words[i].value;
          auto slash = w.rfind('/');
          if (slash != std::string_view::npos) w = w.substr(slash + 1);
          found |= w == "sudo";
        }
        if (!found) continue;
        r.Report(OriginAt(ins, cmd.line),
                 "RUN uses sudo: build steps already run as the stage's USER; sudo in an image "
                 "lets any process regain root");
        break;  // once per RUN
      }
    }
  }
  for (const Stage* stage : detail::FinalChain(spec)) {
    for (const auto& ins : stage->instructions) {
      if (ins.keyword != "RUN") continue;
      for (const auto& pc : facts.PackageCommandsOf(ins)) {
        if (!pc.is_install) continue;
        for (const auto& pkg : pc.packages) {
          if (pkg.name != "sudo") continue;
          r.Report(OriginAt(ins, pc.command ? pc.command->line : 0),
                   "the sudo package is installed in the final image");
        }
      }
    }
  }
}

rules::Rule RuleDD202() {
  return {
      .info =
          {
              .id = "DD202",
              .slug = "user/sudo",
              .title = "sudo used or installed",
              .severity = Severity::kHigh,
              .practice = 2,
              .reads = kB,
              .rationale =
                  "RUN already executes as the stage's USER; `sudo` in a RUN means the "
                  "build relies on privilege switching, and sudo shipped in the image lets "
                  "any process of the container's user become root (unpredictable TTY and "
                  "signal behaviour too).",
              .differs = "hadolint's DL3004 and Trivy's DS-0010 only see sudo run in a RUN; "
                         "drydock also reports installing the sudo package in a stage that ships.",
              .remediation = "Switch with `USER root` / `USER 10001` around the steps that need "
                             "root, and do not install sudo; use gosu/su-exec in entrypoints if a "
                             "runtime switch is really needed.",
              .references = {"DL3004", "DS-0010", "DKL-DI-0001"},
              .examples =
                  {
                      {.input = "FROM debian:12-slim\nUSER app\nRUN sudo apt-get update\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 3},
                      {.input =
                           "FROM debian:12-slim\nRUN apt-get update && apt-get install -y sudo "
                           "&& rm -rf /var/lib/apt/lists/*\nUSER 10001\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2,
                       .note = "sudo installed in the final stage"},
                      {.input = "FROM alpine:3.20 AS build\nRUN sudo make install\nFROM scratch\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2,
                       .note = "sudo used in any stage"},
                      {.input =
                           "FROM debian:12-slim\nRUN apt-get update && apt-get install -y sudo\n"
                           "FROM debian:12-slim\nUSER 10001\n",
                       .fires = false,
                       .note = "installed only in a builder stage"},
                      {.input = "FROM debian:12-slim\nRUN echo sudo is not used here && "
                                "grep -q sudo /etc/group\n",
                       .fires = false},
                  },
          },
      .build = Sudo,
  };
}

// A user created by useradd/adduser in a RUN.
struct CreatedUser {
  std::string name;
  std::string uid;           // "" when not given
  bool no_log_init = false;  // useradd -l / --no-log-init
  bool useradd = false;
  const Instruction* run = nullptr;
  int line = 0;
};

std::vector<CreatedUser> CreatedUsers(const std::vector<const Stage*>& chain) {
  // Options of useradd / adduser (shadow, Debian and BusyBox) that take a value.
  constexpr std::string_view kShortWithValue = "bcdefgGhkKpRPsuZ";
  constexpr std::string_view kLongWithValue[] = {
      "--base-dir", "--comment", "--home-dir", "--home",         "--expiredate", "--inactive",
      "--gid",      "--groups",  "--skel",     "--key",          "--password",   "--root",
      "--prefix",   "--shell",   "--uid",      "--selinux-user", "--ingroup",    "--gecos",
      "--firstuid", "--lastuid", "--firstgid", "--lastgid",      "--conf",       "--extrausers"};
  std::vector<CreatedUser> out;
  for (const Stage* stage : chain) {
    for (const auto& ins : stage->instructions) {
      if (ins.keyword != "RUN") continue;
      for (const auto& cmd : detail::CommandsOf(ins)) {
        std::string program = detail::ProgramName(cmd);
        if (program != "useradd" && program != "adduser") continue;
        auto args = detail::ProgramArgs(cmd);
        CreatedUser u;
        u.useradd = program == "useradd";
        u.run = &ins;
        u.line = cmd.line;
        if (auto v = detail::LongOption(args, "uid")) u.uid = *v;
        if (auto v = detail::ShortOption(args, 'u', kShortWithValue); v && u.uid.empty()) {
          u.uid = *v;
        }
        u.no_log_init = detail::LongOption(args, "no-log-init").has_value() ||
                        detail::HasShortFlag(args, 'l', kShortWithValue);
        // The first positional argument is the user name.
        for (std::size_t i = 0; i < args.size(); ++i) {
          const std::string& w = args[i]->value;
          if (w.empty()) continue;
          if (w[0] == '-') {
            if (w.size() > 2 && w[1] == '-') {
              bool takes = std::find(std::begin(kLongWithValue), std::end(kLongWithValue), w) !=
                           std::end(kLongWithValue);
              if (takes) ++i;
            } else if (w.size() >= 2) {
              for (std::size_t j = 1; j < w.size(); ++j) {
                if (kShortWithValue.find(w[j]) != std::string_view::npos) {
                  if (j + 1 == w.size()) ++i;
                  break;
                }
              }
            }
            continue;
          }
          u.name = w;
          break;
        }
        out.push_back(std::move(u));
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Run side.
using model::RunKind;
using model::RunSpec;

// "`--user`" / "`user:`": how messages name the docker/compose setting.
std::string UserFlag(const RunSpec& s) {
  return s.kind == RunKind::kCompose ? "`user:`" : "`--user`";
}

// A numeric id with the origin that set it.
struct RunId {
  std::optional<std::int64_t> id;
  core::Origin origin;
  std::string setting;  // "runAsUser", "`--user`", … for messages
};

// The uid the container runs as, as far as the input tells: runAsUser / the numeric fields the
// adapters fill, else the uid part of a docker/compose `user` ("1000:1000", "0").
RunId RunUid(const RunSpec& s) {
  RunId out;
  if (s.run_as_user.has()) {
    out = {*s.run_as_user, s.run_as_user.origin,
           s.kind == RunKind::kKubernetes ? "runAsUser" : UserFlag(s)};
  } else if (s.user.has()) {
    std::string user = std::string(core::Trim(*s.user, core::kBlanks));
    std::string name = user.substr(0, user.find(':'));
    if (IsNumeric(name)) out = {ToId(name), s.user.origin, UserFlag(s)};
  }
  return out;
}

// The primary gid: runAsGroup, else the group part of `user` ("1000:0", "app:root" → 0).
RunId RunGid(const RunSpec& s) {
  RunId out;
  if (s.run_as_group.has()) {
    out = {*s.run_as_group, s.run_as_group.origin,
           s.kind == RunKind::kKubernetes ? "runAsGroup" : UserFlag(s)};
  } else if (s.user.has()) {
    std::string user = std::string(core::Trim(*s.user, core::kBlanks));
    auto colon = user.find(':');
    if (colon == std::string::npos) return out;
    std::string group = user.substr(colon + 1);
    if (IsNumeric(group)) out = {ToId(group), s.user.origin, UserFlag(s)};
    if (group == "root") out = {0, s.user.origin, UserFlag(s)};
  }
  return out;
}

void LowUid(const BuildSpec& spec, Reporter& r) {
  FinalUser fu = ResolveFinalUser(spec);
  if (fu.user != nullptr && !Unresolved(fu.name) && !IsRootUser(fu.name)) {
    if (IsNumeric(fu.name)) {
      long uid = ToId(fu.name);
      if (uid > 0 && uid <= 10000) {
        r.Report(fu.user->origin, "final USER uid " + fu.name +
                                      " is at most 10000 and may collide with a host user");
      } else if (IsNumeric(fu.group) && ToId(fu.group) <= 10000) {
        r.Report(fu.user->origin, "final USER gid " + fu.group +
                                      " is at most 10000 and may collide with a host group");
      }
    } else {
      // A named user: its uid is known only when a RUN of the shipped chain created it with -u.
      for (const auto& u : CreatedUsers(fu.chain)) {
        if (u.name != fu.name || !IsNumeric(u.uid)) continue;
        long uid = ToId(u.uid);
        if (uid > 0 && uid <= 10000) {
          r.Report(OriginAt(*u.run, u.line), "final USER `" + fu.name + "` is created with uid " +
                                                 u.uid +
                                                 ", at most 10000: may collide with a "
                                                 "host user");
        }
      }
    }
  }
  // hadolint DL3046: useradd with a long uid and no -l writes a huge sparse /var/log/lastlog.
  for (const auto& u : CreatedUsers(fu.chain)) {
    if (!u.useradd || u.no_log_init || !IsNumeric(u.uid) || u.uid.size() <= 5) continue;
    r.Report(OriginAt(*u.run, u.line),
             "`useradd -u " + u.uid +
                 "` without -l (--no-log-init): the sparse lastlog/faillog "
                 "entries for a high uid bloat the layer");
  }
}

void LowUidRun(const RunSpec& s, Reporter& r) {
  if (s.IsWindowsPod()) return;
  RunId uid = RunUid(s);
  if (uid.id && *uid.id > 0 && *uid.id <= 10000) {
    r.Report(uid.origin, uid.setting + " " + std::to_string(*uid.id) +
                             ": uid at most 10000 may collide with a host user");
  }
  RunId gid = RunGid(s);
  if (gid.id && *gid.id > 0 && *gid.id <= 10000) {
    r.Report(gid.origin, gid.setting + " group " + std::to_string(*gid.id) +
                             ": gid at most 10000 may collide with a host group");
  }
}

rules::Rule RuleDD204() {
  return {
      .info =
          {
              .id = "DD204",
              .slug = "user/low-uid",
              .title = "User or group id at most 10000",
              .severity = Severity::kLow,
              .practice = 2,
              .reads = kB | kR,
              .rationale =
                  "Without user namespaces a container uid is the host uid: ids up to 10000 are "
                  "where host accounts live, so a breakout lands with their file rights. Judged on "
                  "the final USER (numeric, or a name whose `useradd -u`/`adduser -u` is in the "
                  "shipped stages; implicit ids are not guessed). Also hadolint DL3046: `useradd` "
                  "with a uid of 6+ digits and no `-l` bloats the image with a sparse lastlog. At "
                  "run time: runAsUser / runAsGroup, or the numeric parts of docker `--user` / "
                  "compose `user:`, between 1 and 10000 (0 is DD201's and DD205's).",
              .remediation =
                  "Use a uid/gid above 10000 (e.g. 10001) and `useradd -l` (--no-log-init) "
                  "for high uids.",
              .references = {"KSV-0020", "KSV-0021", "CKV_K8S_40", "DL3046"},
              .examples =
                  {
                      {.input = "FROM alpine:3.20\nUSER 1000\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2},
                      {.input = "FROM alpine:3.20\nUSER 10001:1000\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2,
                       .note = "low gid"},
                      {.input = "FROM debian:12-slim\nRUN useradd -u 1000 app\nUSER app\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2,
                       .note = "the named user is created with a low uid"},
                      {.input = "FROM debian:12-slim\nRUN useradd -u 123456 app\nUSER 123456\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2,
                       .note = "DL3046: long uid without -l"},
                      {.input = "FROM alpine:3.20\nUSER 65532\n", .fires = false},
                      {.input = "FROM alpine:3.20\nUSER 10001:10001\n", .fires = false},
                      {.input = "FROM debian:12-slim\nRUN useradd -l -u 123456 app\nUSER 123456\n",
                       .fires = false},
                      {.input = "FROM debian:12-slim\nRUN useradd -u 1000 app\nUSER 10001\n",
                       .fires = false,
                       .note = "the final USER is not the low-uid account"},
                      {.input = "FROM alpine:3.20\nUSER 0\n",
                       .fires = false,
                       .note = "root is DD201's finding"},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("--user 1000:1000"),
                       .fires = true,
                       .severity = Severity::kLow},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("--user 10001:10001"),
                       .fires = false},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = Pod("  securityContext:\n    runAsUser: 1000\n"
                                    "  containers:\n    - name: web\n      image: nginx:1.27\n"),
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 7},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input =
                           Pod("  securityContext:\n    runAsUser: 10001\n    runAsGroup: 10001\n"
                               "  containers:\n    - name: web\n      image: nginx:1.27\n"),
                       .fires = false},
                      {.kind = core::ExampleKind::kCompose,
                       .input = Compose("    user: \"10001:100\"\n"),
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 4,
                       .note = "low gid"},
                      {.kind = core::ExampleKind::kCompose,
                       .input = Compose("    user: \"0\"\n"),
                       .fires = false,
                       .note = "root is DD201's finding"},
                  },
          },
      .build = LowUid,
      .run = LowUidRun,
  };
}

void RootGroupRun(const RunSpec& s, Reporter& r) {
  if (s.IsWindowsPod()) return;
  const bool kube = s.kind == RunKind::kKubernetes;
  RunId gid = RunGid(s);
  if (gid.id && *gid.id == 0) {
    r.Report(gid.origin,
             gid.setting + (kube ? ": 0" : " group 0") + ": the container's primary group is root");
  }
  if (s.fs_group.has() && *s.fs_group == 0) {
    r.Report(s.fs_group.origin, "fsGroup: 0: volumes are owned by the root group");
  }
  for (const auto& [group, origin] : s.supplemental_groups) {
    if (group != 0) continue;
    r.Report(origin, std::string(kube                          ? "supplementalGroups"
                                 : s.kind == RunKind::kCompose ? "`group_add:`"
                                                               : "`--group-add`") +
                         " includes group 0 (root)");
  }
}

rules::Rule RuleDD205() {
  return {
      .info =
          {
              .id = "DD205",
              .slug = "user/root-group",
              .title = "Container runs with the root group",
              .severity = Severity::kLow,
              .practice = 2,
              .reads = kR,
              .rationale =
                  "gid 0 gives the process the root group's rights on every file the host or the "
                  "image left group-writable for root (much of /etc, device nodes, mounted "
                  "volumes), "
                  "and fsGroup 0 makes mounted volumes root-group owned. Fires on an explicit "
                  "runAsGroup 0, fsGroup 0 or supplementalGroups entry 0 (Kubernetes), a `:0` / "
                  "`:root` group in docker `--user` / compose `user:`, or `--group-add 0` / "
                  "`group_add: [0]`. A uid without a group is not judged (the image decides).",
              .remediation =
                  "Set a non-zero group: `runAsGroup: 10001` and `fsGroup: 10001`, "
                  "`--user 10001:10001`; drop group 0 from supplementalGroups / group_add.",
              .references = {"KSV-0116"},
              .examples =
                  {
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = Pod("  securityContext:\n    runAsUser: 10001\n    runAsGroup: 0\n"
                                    "  containers:\n    - name: web\n      image: nginx:1.27\n"),
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 8},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input =
                           Pod("  securityContext:\n    fsGroup: 0\n    supplementalGroups: [0]\n"
                               "  containers:\n    - name: web\n      image: nginx:1.27\n"),
                       .fires = true,
                       .severity = Severity::kLow},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input =
                           Pod("  securityContext:\n    runAsUser: 10001\n    runAsGroup: 10001\n"
                               "    fsGroup: 10001\n"
                               "  containers:\n    - name: web\n      image: nginx:1.27\n"),
                       .fires = false},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("--user 10001:0"),
                       .fires = true,
                       .severity = Severity::kLow},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("--user 10001 --group-add 0"),
                       .fires = true,
                       .severity = Severity::kLow},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("--user 10001:10001"),
                       .fires = false},
                      {.kind = core::ExampleKind::kCompose,
                       .input = Compose("    user: \"10001:root\"\n"),
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 4},
                      {.kind = core::ExampleKind::kCompose,
                       .input = Compose("    user: \"10001:10001\"\n"),
                       .fires = false},
                  },
          },
      .run = RootGroupRun,
  };
}

// The settings DD201's nonroot-bases example runs with.
// ---------------------------------------------------------------------------------------------
// Image side: config.User and the user database the image ships.
using model::ImageSpec;
constexpr std::uint8_t kI = core::kReadsImage;

bool IsWindowsImage(const ImageSpec& spec) { return detail::Lower(spec.config.os) == "windows"; }

// The user part of config.User ("app:app" → "app").
std::string_view UserPart(std::string_view user) { return user.substr(0, user.find(':')); }

// ---------------------------------------------------------------------------------------------
void RootUser(const BuildSpec& spec, Reporter& r) {
  if (detail::IsExportStage(spec)) return;  // files for `--output`, never run
  FinalUser fu = ResolveFinalUser(spec);
  if (fu.stage == nullptr) return;
  if (fu.user != nullptr) {
    if (Unresolved(fu.name) || !IsRootUser(fu.name)) return;
    std::string where = fu.stage == fu.chain.front()
                            ? ""
                            : " (inherited from stage " + detail::StageLabel(*fu.stage) + ")";
    r.Report(fu.user->origin,
             "the final stage runs as root: `USER " + fu.user->args.front() + "`" + where);
    return;
  }
  const Stage& root = *fu.stage;
  const Stage& final_stage = *fu.chain.front();
  if (root.scratch) {
    r.Report(final_stage.origin,
             "no USER in the final stage and its base is `scratch`: the container runs as uid 0");
    return;
  }
  if (detail::IsKnownNonRootBase(root.base, r.settings().nonroot_bases)) return;
  r.Report(final_stage.origin,
           "no USER in the final stage: the container runs as the base "
           "image's user, root for `" +
               StageRef(root) + "`");
}

void RootUserImage(const ImageSpec& spec, Reporter& r) {
  if (IsWindowsImage(spec)) return;
  const std::string& user = spec.config.user;
  auto where = detail::ConfigOrigin(spec, "config.User");
  if (user.empty()) {
    r.Report(where, "image config sets no User: the container runs as root (uid 0)");
  } else if (IsRootUser(UserPart(user))) {
    r.Report(where, "image config.User is `" + user + "`: the container runs as root");
  }
}

void RootUserRun(const RunSpec& s, Reporter& r) {
  if (s.IsWindowsPod()) return;
  if (s.kind == RunKind::kKubernetes) {
    // A user namespace (hostUsers: false) maps uid 0 to an unprivileged host uid: still root in
    // the container, much less on the host.
    const bool userns = s.host_users.has() && !*s.host_users;
    const Severity severity = userns ? Severity::kLow : r.rule().severity;
    const std::string userns_note =
        userns ? " (hostUsers: false: uid 0 maps to an unprivileged host uid)" : "";
    if (s.run_as_user.has()) {
      if (*s.run_as_user == 0) {
        r.Report(s.run_as_user.origin, "runAsUser: 0: the container runs as root" + userns_note,
                 severity);
      }
      return;
    }
    if (s.run_as_non_root.value_or(false)) return;  // the kubelet refuses to start it as uid 0
    if (s.run_as_non_root.has()) {
      r.Report(s.run_as_non_root.origin,
               "runAsNonRoot: false and no runAsUser: the container runs as the image's user, "
               "root unless the image sets USER" +
                   userns_note,
               severity);
    } else {
      r.Report(s.origin,
               "no runAsNonRoot/runAsUser: the container runs as the image's user, root unless "
               "the image sets USER" +
                   userns_note,
               severity);
    }
    return;
  }
  // docker run / compose.
  if (s.user.has() && !std::string(core::Trim(*s.user, core::kBlanks)).empty()) {
    std::string user = std::string(core::Trim(*s.user, core::kBlanks));
    if (Unresolved(user)) return;
    std::string name = user.substr(0, user.find(':'));
    if (IsRootUser(name)) {
      r.Report(s.user.origin, UserFlag(s) + " " + user + ": the container runs as root");
    }
    return;
  }
  if (s.run_as_user.has()) {
    if (*s.run_as_user == 0) {
      r.Report(s.run_as_user.origin, UserFlag(s) + " 0: the container runs as root");
    }
    return;
  }
  r.Report(s.origin, "no " + UserFlag(s) +
                         ": the container runs as the image's user, root unless the image sets "
                         "USER");
}

rules::Rule RuleDD201() {
  return {
      .info =
          {
              .id = "DD201",
              .slug = "user/root",
              .title = "Container runs as root",
              .severity = Severity::kHigh,
              .practice = 2,
              .reads = kB | kI | kR,
              .rationale =
                  "A process running as uid 0 in a container is root on the host's kernel: any "
                  "escape "
                  "or mounted path gives full control. Only the final stage matters (a builder "
                  "stage "
                  "may run as root); a final stage without USER inherits its base's user, which is "
                  "root unless the base is known to run non-root (distroless/Chainguard `nonroot`, "
                  "cgr.dev/chainguard, or `nonroot_bases` in the config). `FROM scratch` with no "
                  "USER "
                  "runs as uid 0. At run time: Kubernetes `runAsUser: 0`, or neither runAsNonRoot: "
                  "true nor a non-zero runAsUser (the image's user then decides, root unless it "
                  "sets "
                  "USER); docker/compose without `--user`/`user:` or with root/0. Inside a user "
                  "namespace (`hostUsers: false`) uid 0 is unprivileged on the host: reported LOW. "
                  "Windows pods are not judged, nor is an export stage (`FROM scratch` with only "
                  "COPY/ADD and no CMD or ENTRYPOINT: the target of `docker build --output`).",
              .differs = "hadolint's DL3002 reports an explicit `USER root` left last in any "
                         "stage and is silent without USER; drydock judges the user the image "
                         "runs as: only the final stage, its base's user when it sets none, "
                         "and uid 0 for `FROM scratch`.",
              .remediation =
                  "Create an unprivileged user and end the final stage with `USER 10001` "
                  "(numeric, above 10000), or build FROM a non-root base such as "
                  "gcr.io/distroless/static:nonroot. At run time set "
                  "`runAsNonRoot: true` and `runAsUser: 10001` (Kubernetes), "
                  "`--user 10001:10001` (docker) or `user: \"10001:10001\"` (compose).",
              .references = {"DL3002", "DS-0002", "KSV-0012", "KSV-0105", "CKV_DOCKER_3",
                             "CKV_DOCKER_8", "CKV_K8S_6", "CKV_K8S_23", "run-as-non-root",
                             "CIS-DI-0001", "CIS 4.1", "PSS restricted"},
              .examples =
                  {
                      {.input = "FROM alpine:3.20\nRUN echo hi\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .note = "no USER: alpine runs as root"},
                      {.input = "FROM alpine:3.20\nUSER root\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2},
                      {.input = "FROM alpine:3.20\nUSER 0:0\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2},
                      {.input = "FROM alpine:3.20\nUSER root:app\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2},
                      {.input = "FROM alpine:3.20\nARG APP_USER=root\nUSER ${APP_USER}\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 3,
                       .note = "variables are expanded"},
                      {.input = "FROM alpine:3.20\nUSER app\nRUN id\nUSER root\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 4,
                       .note = "the last USER wins"},
                      {.input = "FROM scratch\nCOPY app /app\nENTRYPOINT [\"/app\"]\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .note = "scratch has no user database: uid 0"},
                      {.input = "FROM golang:1.22 AS build\nRUN go build -o /out/app\n"
                                "FROM scratch\nCOPY --from=build /out/ /\n",
                       .fires = false,
                       .note = "an export stage (`docker build --output`): never run"},
                      {.input = "FROM golang:1.22 AS build\nUSER root\nRUN go build\n"
                                "FROM build\nRUN true\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2,
                       .note = "USER is inherited through FROM <stage>"},
                      {.input = "FROM alpine:3.20\nUSER 10001\n", .fires = false},
                      {.input = "FROM scratch\nUSER 65532\n", .fires = false},
                      {.input =
                           "FROM golang:1.22 AS build\nRUN go build -o /app\n"
                           "FROM gcr.io/distroless/static:nonroot\nCOPY --from=build /app /app\n",
                       .fires = false,
                       .note = "builder runs as root; the final base is non-root"},
                      {.input = "FROM gcr.io/distroless/base-debian12:debug-nonroot\n",
                       .fires = false},
                      {.input = "FROM cgr.dev/chainguard/static:latest\n",
                       .fires = false,
                       .note = "Chainguard images run as 65532"},
                      {.input = "FROM alpine:3.20 AS base\nUSER 10001\nFROM base\nRUN true\n",
                       .fires = false,
                       .note = "USER inherited from the base stage"},
                      {.input = "FROM alpine:3.20\nUSER app:root\n",
                       .fires = false,
                       .note = "root group, non-root user"},
                      {.input = "FROM registry.example/team/base:2\nRUN true\n",
                       .fires = false,
                       .note = "listed in nonroot-bases",
                       .settings = &kNonRootExample},
                      {.input = "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER "
                                "ContainerUser\n",
                       .fires = false,
                       .note = "Windows containers have no uid 0"},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = "docker run nginx:1.27\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .note = "no --user: the image's user, root for nginx"},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("--user 0:0"),
                       .fires = true,
                       .severity = Severity::kHigh},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("--user 10001:10001"),
                       .fires = false},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = DockerRun("-u app"),
                       .fires = false,
                       .note = "a named non-root user"},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = Pod("  containers:\n    - name: web\n      image: nginx:1.27\n"),
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 7,
                       .note = "no runAsNonRoot/runAsUser"},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = Pod("  securityContext:\n    runAsNonRoot: true\n"
                                    "  containers:\n    - name: web\n      image: nginx:1.27\n"
                                    "      securityContext:\n        runAsUser: 0\n"),
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 12,
                       .note = "runAsUser 0 wins over runAsNonRoot"},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input =
                           "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n"
                           "  template:\n    spec:\n      securityContext:\n"
                           "        runAsNonRoot: true\n      containers:\n        - name: web\n"
                           "          image: nginx:1.27\n",
                       .fires = false,
                       .note = "pod-level runAsNonRoot applies to every container"},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = Pod("  containers:\n    - name: web\n      image: nginx:1.27\n"
                                    "      securityContext:\n        runAsUser: 10001\n"),
                       .fires = false},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: iis\nspec:\n"
                                "  os:\n    name: windows\n  containers:\n    - name: iis\n"
                                "      image: mcr.microsoft.com/windows/servercore/iis:ltsc2022\n",
                       .fires = false,
                       .note = "Windows pods have no uid 0"},
                      {.kind = core::ExampleKind::kCompose,
                       .input = Compose(""),
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2},
                      {.kind = core::ExampleKind::kCompose,
                       .input = Compose("    user: root\n"),
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 4},
                      {.kind = core::ExampleKind::kCompose,
                       .input = Compose("    user: \"10001:10001\"\n"),
                       .fires = false},
                      {.kind = core::ExampleKind::kImage,
                       .input = "file /app 0755\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .note = "no User in the config: root"},
                      {.kind = core::ExampleKind::kImage,
                       .input = "config {\"User\":\"0:0\"}\nfile /app 0755\n",
                       .fires = true,
                       .severity = Severity::kHigh},
                      {.kind = core::ExampleKind::kImage,
                       .input = "config {\"User\":\"root:app\"}\n",
                       .fires = true,
                       .severity = Severity::kHigh},
                      {.kind = core::ExampleKind::kImage,
                       .input = "config {\"User\":\"65532:65532\"}\nfile /app 0755\n",
                       .fires = false},
                      {.kind = core::ExampleKind::kImage,
                       .input = "config {\"User\":\"app:root\"}\n",
                       .fires = false,
                       .note = "root group, non-root user"},
                  },
          },
      .build = RootUser,
      .image = RootUserImage,
      .run = RootUserRun,
  };
}

void NonNumericUser(const BuildSpec& spec, Reporter& r) {
  FinalUser fu = ResolveFinalUser(spec);
  if (fu.user == nullptr || fu.name.empty() || Unresolved(fu.name)) return;
  if (IsNumeric(fu.name) || IsRootUser(fu.name)) return;  // root is DD201's
  r.Report(fu.user->origin, "final USER `" + fu.name +
                                "` is a name: Kubernetes runAsNonRoot cannot verify it; use the "
                                "numeric uid");
}

void NonNumericUserImage(const ImageSpec& spec, Reporter& r) {
  if (IsWindowsImage(spec)) return;
  std::string_view user = UserPart(spec.config.user);
  if (user.empty() || IsNumeric(user) || IsRootUser(user)) return;
  r.Report(detail::ConfigOrigin(spec, "config.User"),
           "image config.User `" + spec.config.user +
               "` is a name: Kubernetes runAsNonRoot cannot verify it; use the numeric uid");
}

rules::Rule RuleDD203() {
  return {
      .info =
          {
              .id = "DD203",
              .slug = "user/non-numeric",
              .title = "Final USER is a name, not a uid",
              .severity = Severity::kLow,
              .practice = 2,
              .reads = kB | kI,
              .rationale =
                  "Kubernetes' runAsNonRoot can only verify a numeric user; with `USER app` "
                  "the kubelet refuses to start the pod (or the check is skipped), and the "
                  "name may map to a different uid in another base.",
              .remediation = "Use the numeric uid (and gid): `USER 10001:10001`.",
              .references = {"DL3066"},
              .examples =
                  {
                      {.input = "FROM alpine:3.20\nRUN adduser -D -u 10001 app\nUSER app\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 3},
                      {.input = "FROM alpine:3.20\nUSER app:app\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2},
                      {.input = "FROM alpine:3.20\nUSER 10001\n", .fires = false},
                      {.input = "FROM alpine:3.20\nUSER 10001:10001\n", .fires = false},
                      {.input = "FROM alpine:3.20\nUSER root\n",
                       .fires = false,
                       .note = "root is reported by DD201"},
                      {.input = "FROM alpine:3.20 AS build\nUSER builder\nFROM alpine:3.20\nUSER "
                                "10001\n",
                       .fires = false,
                       .note = "only the final stage counts"},
                      {.kind = core::ExampleKind::kImage,
                       .input = "config {\"User\":\"app\"}\n",
                       .fires = true,
                       .severity = Severity::kLow},
                      {.kind = core::ExampleKind::kImage,
                       .input = "config {\"User\":\"nonroot:nonroot\"}\n",
                       .fires = true,
                       .severity = Severity::kLow},
                      {.kind = core::ExampleKind::kImage,
                       .input = "config {\"User\":\"10001:app\"}\n",
                       .fires = false,
                       .note = "the uid part is numeric"},
                      {.kind = core::ExampleKind::kImage,
                       .input = "config {\"User\":\"root\"}\n",
                       .fires = false,
                       .note = "root is reported by DD201"},
                  },
          },
      .build = NonNumericUser,
      .image = NonNumericUserImage,
  };
}

// The fields of each non-comment line of a colon-separated database, with 1-based line numbers.
template <typename F>
void ForEachRecord(std::string_view content, F&& f) {
  int line_no = 0;
  std::size_t start = 0;
  while (start < content.size()) {
    auto nl = content.find('\n', start);
    if (nl == std::string_view::npos) nl = content.size();
    std::string_view line = content.substr(start, nl - start);
    start = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string_view> fields;
    std::size_t from = 0;
    while (fields.size() < 16) {
      auto colon = line.find(':', from);
      fields.push_back(line.substr(from, colon == std::string_view::npos ? colon : colon - from));
      if (colon == std::string_view::npos) break;
      from = colon + 1;
    }
    f(line_no, fields);
  }
}

core::Origin KeptOrigin(const ImageSpec& spec, const model::KeptFile& kept, int line) {
  core::Origin o = model::ImageFileOrigin(spec.reference, spec.LayerDigest(kept.layer), kept.path);
  if (const model::FsEntry* e = spec.files.Find(kept.path); e != nullptr) o = spec.OriginOf(*e);
  o.line = line;
  return o;
}

void EmptyPassword(const ImageSpec& spec, Reporter& r) {
  if (const model::KeptFile* shadow = spec.Kept("etc/shadow"); shadow != nullptr) {
    ForEachRecord(shadow->content, [&](int line, const std::vector<std::string_view>& f) {
      if (f.size() < 2 || f[0].empty() || !f[1].empty()) return;
      r.Report(KeptOrigin(spec, *shadow, line),
               "/etc/shadow: account `" + std::string(f[0]) +
                   "` has an empty password field: anyone can log in as it without a password");
    });
  }
  const model::KeptFile* passwd = spec.Kept("etc/passwd");
  if (passwd == nullptr) return;
  std::map<std::string, std::string> by_uid;  // uid → first account
  ForEachRecord(passwd->content, [&](int line, const std::vector<std::string_view>& f) {
    if (f.size() < 3 || f[0].empty()) return;
    if (f[1].empty()) {
      r.Report(KeptOrigin(spec, *passwd, line),
               "/etc/passwd: account `" + std::string(f[0]) +
                   "` has an empty password field (no shadow entry is consulted): it needs no "
                   "password");
    }
    if (!IsNumeric(f[2])) return;
    std::string uid(f[2]);
    while (uid.size() > 1 && uid.front() == '0') uid.erase(0, 1);
    auto [it, inserted] = by_uid.emplace(uid, std::string(f[0]));
    if (!inserted && it->second != f[0]) {
      r.Report(KeptOrigin(spec, *passwd, line),
               "/etc/passwd: account `" + std::string(f[0]) + "` reuses uid " + uid + " of `" +
                   it->second + "`" + (uid == "0" ? ": a second root account" : ""));
    }
  });
}

rules::Rule RuleDD206() {
  return {
      .info =
          {
              .id = "DD206",
              .slug = "user/empty-password",
              .title = "Account without a password, or a shared uid",
              .severity = Severity::kHigh,
              .practice = 2,
              .reads = kI,
              .rationale =
                  "An account whose password field is empty (in /etc/shadow, or in "
                  "/etc/passwd, which is then used directly) lets anyone log in or `su` to "
                  "it without a password; locked accounts (`!`, `*`, `!!`) are fine. Two "
                  "accounts sharing a uid are the same user to the kernel: a second uid 0 "
                  "entry is a hidden root account, and file ownership and audit logs become "
                  "ambiguous. Reads the /etc/shadow and /etc/passwd the final filesystem "
                  "shows.",
              .remediation =
                  "Lock system accounts (`passwd -l NAME`, or `!` in /etc/shadow), create "
                  "users with `useradd`/`adduser -D` (which lock them), and give every "
                  "account its own uid.",
              .references = {"DKL-LI-0001", "DKL-LI-0002"},
              .examples =
                  {
                      {.kind = core::ExampleKind::kImage,
                       .input = "file /etc/shadow 0640 = root:*:19000:0:99999:7:::\\n"
                                "app::19000:0:99999:7:::\\n\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2,
                       .note = "app has no password"},
                      {.kind = core::ExampleKind::kImage,
                       .input = "file /etc/passwd = root:x:0:0:root:/root:/bin/sh\\n"
                                "toor:x:0:0:root:/root:/bin/sh\\n\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2,
                       .note = "a second uid 0 account"},
                      {.kind = core::ExampleKind::kImage,
                       .input = "file /etc/passwd = root:x:0:0:root:/root:/bin/sh\\n"
                                "app:x:10001:10001::/home/app:/sbin/nologin\\n\n"
                                "file /etc/shadow 0640 = root:*:19000:0:99999:7:::\\n"
                                "app:!:19000::::::\\n\n",
                       .fires = false,
                       .note = "locked accounts, unique uids"},
                  },
          },
      .image = EmptyPassword,
  };
}

}  // namespace

void RegisterUserRules(rules::Registry& registry) {
  registry.Add(RuleDD201());
  registry.Add(RuleDD202());
  registry.Add(RuleDD203());
  registry.Add(RuleDD204());
  registry.Add(RuleDD205());
  registry.Add(RuleDD206());
}

}  // namespace drydock::rules
