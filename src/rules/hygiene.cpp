// SPDX-License-Identifier: Apache-2.0
// DD0xx: parse errors and Dockerfile hygiene (hadolint's DL3xxx/DL4xxx territory). Size rules
// (DD002–DD004) judge only the stages whose layers ship in the final image; correctness rules judge
// every stage.
#include <array>
#include <cctype>
#include <optional>
#include <span>
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

namespace drydock::rules {
namespace {

using core::Reporter;
using core::Severity;
using detail::BuildFacts;
using detail::Compose;
using detail::Contains;
using detail::DockerRun;
using detail::EndsWith;
using detail::ForEach;
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

constexpr std::size_t npos = std::string_view::npos;

// The program a command really runs (its basename, after sudo / env / nice … wrappers), a view
// into the command; "" when there is none.
std::string_view ProgramOf(const ShellCommand& c) {
  std::size_t i = detail::CommandStart(c);
  if (i >= c.words.size()) return {};
  std::string_view w = c.words[i].value;
  std::size_t slash = w.rfind('/');
  return slash == npos ? w : w.substr(slash + 1);
}

// The basename of a command's first word: enough for shell builtins (export, unset, echo) that
// are never run behind a wrapper, and cheaper than ProgramOf.
std::string_view FirstWord(const ShellCommand& c) {
  if (c.words.empty()) return {};
  std::string_view w = c.words.front().value;
  std::size_t slash = w.rfind('/');
  return slash == npos ? w : w.substr(slash + 1);
}

// `path` is `root` or lies below it.
bool Under(std::string_view path, std::string_view root) {
  return path == root ||
         (path.size() > root.size() && StartsWith(path, root) && path[root.size()] == '/');
}

// Where a package manager keeps what it downloads, as an rm argument or a mount target names it.
struct CacheDirs {
  std::span<const std::string_view> dirs;   // absolute: /var/cache/apk
  std::span<const std::string_view> homes;  // below a home directory: .cache/pip
  // Below a variable's directory: {"GEM_HOME", "cache"} for $GEM_HOME/cache.
  std::span<const std::pair<std::string_view, std::string_view>> vars;
};

constexpr std::string_view kHomes[] = {"/root", "~", "$HOME", "${HOME}"};

// `path` (an rm argument without its trailing `/*`, or a mount target) covers the cache or lies
// inside it: removing or mounting it empties the cache, or the part that grows.
bool Touches(std::string_view path, const CacheDirs& cache) {
  if (path.empty()) return false;
  for (std::string_view dir : cache.dirs) {
    if (Under(dir, path) || Under(path, dir)) return true;
  }
  for (std::string_view home_dir : cache.homes) {
    std::size_t at = path.find(home_dir);  // any user's home: /home/app/.cache/pip
    if (at != npos && at > 0 && path[at - 1] == '/' &&
        (at + home_dir.size() == path.size() || path[at + home_dir.size()] == '/')) {
      return true;
    }
    for (std::string_view home : kHomes) {
      if (!StartsWith(path, home)) continue;
      std::string_view rest = path.substr(home.size());
      if (!rest.empty() && rest[0] != '/') continue;
      rest = core::TrimLeft(rest, "/");
      if (rest.empty() || Under(home_dir, rest) || Under(rest, home_dir)) return true;
    }
  }
  for (const auto& [var, below] : cache.vars) {
    for (std::string_view open : {"$", "${"}) {
      if (!StartsWith(path, open) || !StartsWith(path.substr(open.size()), var)) continue;
      std::string_view rest = path.substr(open.size() + var.size());
      if (open == "${") {
        if (!StartsWith(rest, "}")) continue;
        rest.remove_prefix(1);
      }
      if (!rest.empty() && rest[0] != '/') continue;
      rest = core::TrimLeft(rest, "/");
      if (rest.empty() || Under(below, rest) || Under(rest, below)) return true;
    }
  }
  return false;
}

// The directory an rm / find argument removes: `/var/cache/apk/*` and `/var/cache/libdnf5*`
// remove (the contents of) /var/cache/apk and /var/cache/libdnf5.
std::string_view RemovedDir(std::string_view arg) {
  while (!arg.empty() && (arg.back() == '*' || arg.back() == '/')) arg.remove_suffix(1);
  return arg;
}

// True when command `c` is an `rm` (or `find … -delete`) of a path that empties `cache`.
bool RemovesCache(const ShellCommand& c, std::string_view program, const CacheDirs& cache) {
  if (program != "rm" && !(program == "find" && c.HasFlag("-delete"))) return false;
  for (std::size_t i = detail::CommandStart(c) + 1; i < c.words.size(); ++i) {
    std::string_view v = c.words[i].value;
    if (v.empty() || v[0] == '-') continue;
    if (Touches(RemovedDir(v), cache)) return true;
  }
  return false;
}

// True when `run` mounts a cache or a tmpfs over `cache`: nothing it writes there is kept.
bool MountsCache(const Instruction& run, const CacheDirs& cache) {
  for (const auto& m : run.mounts) {
    if ((m.type == "cache" || m.type == "tmpfs") && Touches(RemovedDir(m.target), cache)) {
      return true;
    }
  }
  return false;
}

// A boolean environment value as pip and its peers read it.
enum class EnvBool { kUnset, kTrue, kFalse, kOther };
EnvBool ReadBool(std::optional<std::string_view> v) {
  if (!v) return EnvBool::kUnset;
  for (std::string_view t : {"1", "true", "yes", "on", "y"}) {
    if (core::IEquals(*v, t)) return EnvBool::kTrue;
  }
  for (std::string_view f : {"0", "false", "no", "off", "n"}) {
    if (core::IEquals(*v, f)) return EnvBool::kFalse;
  }
  return EnvBool::kOther;
}

// The value `pc`'s own process sees for `name` when the command sets it: a `NAME=v cmd` prefix
// or an `env NAME=v` wrapper word; nullopt otherwise.
std::optional<std::string_view> CommandEnv(const PackageCommand& pc, std::string_view name) {
  std::optional<std::string_view> out;
  for (const auto& [k, v] : pc.command->assignments) {
    if (k == name) out = v;
  }
  const auto& w = pc.command->words;
  for (std::size_t i = 0; i < pc.argv_start && i < w.size(); ++i) {
    std::string_view word = w[i].value;
    if (StartsWith(word, name) && word.size() > name.size() && word[name.size()] == '=') {
      out = word.substr(name.size() + 1);
    }
  }
  return out;
}

// Environment variables the package rules read, as a RUN sees them at one point: from ENV and
// ARG along the stage chain, then `export` / `unset` inside the RUN. Views into the spec.
struct PkgEnv {
  std::optional<std::string_view> pip_no_cache_dir;  // PIP_NO_CACHE_DIR
  std::optional<std::string_view> uv_no_cache;       // UV_NO_CACHE
  std::optional<std::string_view> pip_yes;           // PIP_YES
  std::optional<std::string_view> conda_always_yes;  // CONDA_ALWAYS_YES

  std::optional<std::string_view>* Slot(std::string_view name) {
    if (name == "PIP_NO_CACHE_DIR") return &pip_no_cache_dir;
    if (name == "UV_NO_CACHE") return &uv_no_cache;
    if (name == "PIP_YES") return &pip_yes;
    if (name == "CONDA_ALWAYS_YES") return &conda_always_yes;
    return nullptr;
  }
  // ENV / ARG (with a default) instructions.
  void Read(const Instruction& ins) {
    if (ins.keyword != "ENV" && ins.keyword != "ARG") return;
    for (const auto& [k, v] : ins.pairs) {
      if (auto* slot = Slot(k); slot != nullptr && v) *slot = std::string_view(*v);
    }
  }
  // `export NAME=v` and `unset NAME` commands of a RUN; other commands change nothing.
  void Read(const ShellCommand& c, std::string_view program) {
    if (program != "export" && program != "unset") return;
    for (std::size_t i = detail::CommandStart(c) + 1; i < c.words.size(); ++i) {
      std::string_view w = c.words[i].value;
      std::size_t eq = w.find('=');
      auto* slot = Slot(w.substr(0, eq));
      if (slot == nullptr) continue;
      if (program == "unset") {
        slot->reset();
      } else if (eq != npos) {
        *slot = w.substr(eq + 1);
      }
    }
  }
};

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

// The basename of the manager word ("pipx", "mamba"), a view into the command.
std::string_view ToolName(const PackageCommand& pc) {
  std::string_view w = pc.command->words[pc.argv_start].value;
  std::size_t slash = w.rfind('/');
  return slash == npos ? w : w.substr(slash + 1);
}

// The command as messages name it: "dnf install", "yarn cache clean", "uv pip install".
std::string Invocation(const PackageCommand& pc) {
  std::string out = Tool(pc);
  if (!pc.verb.empty()) out += " " + pc.verb;
  if (!pc.subcommand.empty() && !StartsWith(pc.verb, "group")) out += " " + pc.subcommand;
  return out;
}

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
                  "and usually one the builder, the API server or the engine rejects too. "
                  "In Dockerfiles this includes an instruction other than ARG before the first "
                  "FROM, and ONBUILD wrapping ONBUILD, FROM or MAINTAINER, which BuildKit "
                  "refuses (hadolint reports them as DL3061 and DL3043).",
              .remediation = "Fix the syntax at the reported line.",
              .references = {"DL3043", "DL3061"},
              .examples =
                  {
                      {.input = "LABEL team=web\nFROM alpine:3.20\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 1,
                       .note = "only ARG and comments may come before the first FROM"},
                      {.input = "ARG VERSION=3.20\nFROM alpine:${VERSION}\n", .fires = false},
                      {.input = "FROM alpine:3.20\nONBUILD ONBUILD RUN true\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2,
                       .note = "ONBUILD cannot wrap ONBUILD, FROM or MAINTAINER"},
                      {.input = "FROM alpine:3.20\nONBUILD RUN true\n", .fires = false},
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
                  "attack surface.",
              .differs = "hadolint and Trivy judge every stage; drydock judges only the stages "
                         "whose layers ship in the final image (a builder's cache never does).",
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

constexpr std::string_view kAptListDirs[] = {"/var/lib/apt/lists"};
constexpr std::string_view kAptArchiveDirs[] = {"/var/cache/apt"};
constexpr CacheDirs kAptLists{.dirs = kAptListDirs, .homes = {}, .vars = {}};
constexpr CacheDirs kAptArchives{.dirs = kAptArchiveDirs, .homes = {}, .vars = {}};

// True when a RUN command turns off the docker-clean hook of Debian and Ubuntu images, after
// which apt keeps every downloaded .deb in /var/cache/apt/archives.
bool DisablesDockerClean(const ShellCommand& c, std::string_view program) {
  const bool rm = program == "rm";
  if (!rm && program != "echo" && program != "printf") return false;
  for (std::size_t i = 1; i < c.words.size(); ++i) {
    std::string_view v = c.words[i].value;
    if (rm ? EndsWith(v, "apt.conf.d/docker-clean")
           : Contains(v, "Keep-Downloaded-Packages") && Contains(v, "true")) {
      return true;
    }
  }
  return false;
}

void AptListsKept(const BuildSpec& spec, const BuildFacts& facts, Reporter& r) {
  auto chain = detail::FinalChain(spec);
  int docker_clean_off = 0;  // line of the RUN that disabled docker-clean, 0 while it is on
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    for (const auto& ins : (*it)->instructions) {
      if (ins.keyword != "RUN") continue;
      const auto& pcs = facts.PackageCommandsOf(ins);
      // In command order: the first index refresh (and, with docker-clean off, the first
      // download of packages) that no later removal or clean undoes.
      const PackageCommand* lists = nullptr;
      const PackageCommand* archives = nullptr;
      std::size_t k = 0;
      for (const auto& c : ins.script.commands) {
        const PackageCommand* pc = k < pcs.size() && pcs[k].command == &c ? &pcs[k++] : nullptr;
        if (pc == nullptr) {
          if (docker_clean_off == 0 && DisablesDockerClean(c, FirstWord(c))) {
            docker_clean_off = OriginAt(ins, c.line).line;
          }
          if (lists == nullptr && archives == nullptr) continue;
          std::string_view program = ProgramOf(c);
          if (RemovesCache(c, program, kAptLists)) lists = nullptr;
          if (RemovesCache(c, program, kAptArchives)) archives = nullptr;
          continue;
        }
        if (pc->manager != PackageManager::kApt) continue;
        if (pc->is_clean) {
          archives = nullptr;
          if (pc->verb != "clean") lists = nullptr;  // distclean also drops the lists
          continue;
        }
        if (pc->is_refresh && lists == nullptr) lists = pc;
        if ((pc->is_install || pc->is_upgrade) && docker_clean_off > 0 && archives == nullptr) {
          archives = pc;
        }
      }
      if (lists != nullptr && !MountsCache(ins, kAptLists)) {
        r.Report(OriginAt(ins, lists->command->line),
                 core::Concat({"`", Invocation(*lists),
                               "` leaves /var/lib/apt/lists in the layer: end the same RUN with "
                               "`rm -rf /var/lib/apt/lists/*`"}));
      }
      if (archives != nullptr && !MountsCache(ins, kAptArchives)) {
        r.Report(OriginAt(ins, archives->command->line),
                 core::Concat({"`", Invocation(*archives),
                               ("` keeps the downloaded .deb files in /var/cache/apt (docker-clean "
                                "was turned off at line "),
                               std::to_string(docker_clean_off),
                               "): run `apt-get clean` at the end of the same RUN"}));
      }
    }
  }
}

rules::Rule RuleDD003() {
  return {
      .info =
          {
              .id = "DD003",
              .slug = "hygiene/apt-lists-kept",
              .title = "apt lists or downloaded packages left in the image",
              .severity = Severity::kLow,
              .practice = 1,
              .reads = kB,
              .rationale =
                  "/var/lib/apt/lists holds tens of megabytes of package indexes; deleted in a "
                  "later RUN, or before the `apt-get update` of the same RUN, they still ship. "
                  "With the docker-clean hook turned off apt also keeps every .deb it "
                  "downloads.",
              .differs = "hadolint and Trivy judge every stage; drydock judges only the stages "
                         "whose layers ship in the final image (a builder's cache never does).",
              .remediation =
                  "End the RUN that runs `apt-get update` with `&& rm -rf /var/lib/apt/lists/*` "
                  "(and `apt-get clean` when docker-clean is off), or mount a cache or tmpfs on "
                  "/var/lib/apt/lists (and /var/cache/apt).",
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
                      {.input = "FROM debian:12-slim\nRUN rm -rf /var/lib/apt/lists/* && apt-get "
                                "update && apt-get install -y --no-install-recommends "
                                "curl=7.88.1-10\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2,
                       .note = "removed before the update that downloads them"},
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
                      {.input =
                           "FROM debian:12-slim\nRUN --mount=type=tmpfs,target=/var/lib/apt/lists "
                           "apt-get update && apt-get install -y --no-install-recommends "
                           "curl=7.88.1-10\n",
                       .fires = false,
                       .note = "nor do tmpfs mounts"},
                      {.input =
                           "FROM debian:12-slim\nRUN rm -f /etc/apt/apt.conf.d/docker-clean\n"
                           "RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && "
                           "apt-get install -y --no-install-recommends curl=7.88.1-10\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 3,
                       .note = "docker-clean is off: the .deb files stay in /var/cache/apt"},
                      {.input =
                           "FROM debian:12 AS build\nRUN apt-get update && apt-get install -y "
                           "gcc\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /out "
                           "/out\n",
                       .fires = false,
                       .note = "builder stage layers do not ship"},
                  },
          },
      .build = AptListsKept,
  };
}

// DD004: the download caches of the package managers, one row per cache.
enum class Cache { kApk, kPip, kUv, kDnf, kZypp, kNpm, kYarn, kGem, kConda, kGo, kCargo, kCount };

constexpr std::string_view kApkDirs[] = {"/var/cache/apk", "/etc/apk/cache"};
constexpr std::string_view kPipHomes[] = {".cache/pip"};
constexpr std::string_view kUvHomes[] = {".cache/uv"};
constexpr std::string_view kDnfDirs[] = {"/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5",
                                         "/var/cache/tdnf"};
constexpr std::string_view kDnfHomes[] = {".cache/libdnf5"};
constexpr std::string_view kZyppDirs[] = {"/var/cache/zypp"};
constexpr std::string_view kNpmHomes[] = {".npm"};
constexpr std::string_view kYarnDirs[] = {"/usr/local/share/.cache/yarn"};
constexpr std::string_view kYarnHomes[] = {".cache/yarn", ".yarn/berry/cache"};
constexpr std::string_view kGemDirs[] = {"/usr/local/bundle/cache", "/usr/local/lib/ruby/gems",
                                         "/var/lib/gems"};
constexpr std::string_view kGemHomes[] = {".gem", ".bundle/cache", ".local/share/gem"};
constexpr std::pair<std::string_view, std::string_view> kGemVars[] = {
    {"GEM_HOME", "cache"}, {"BUNDLE_PATH", "ruby/*/cache"}};
constexpr std::string_view kCondaDirs[] = {"/opt/conda/pkgs", "/opt/miniconda3/pkgs",
                                           "/opt/mamba/pkgs", "/opt/micromamba/pkgs"};
constexpr std::string_view kCondaHomes[] = {".conda/pkgs", "miniconda3/pkgs", "miniforge3/pkgs",
                                            "micromamba/pkgs"};
constexpr std::pair<std::string_view, std::string_view> kCondaVars[] = {
    {"CONDA_DIR", "pkgs"}, {"MAMBA_ROOT_PREFIX", "pkgs"}, {"CONDA_PREFIX", "pkgs"}};
constexpr std::string_view kGoDirs[] = {"/go/pkg/mod"};
constexpr std::string_view kGoHomes[] = {".cache/go-build", "go/pkg/mod"};
constexpr std::pair<std::string_view, std::string_view> kGoVars[] = {
    {"GOPATH", "pkg/mod"}, {"GOMODCACHE", ""}, {"GOCACHE", ""}};
constexpr std::string_view kCargoDirs[] = {"/usr/local/cargo/registry", "/usr/local/cargo/git"};
constexpr std::string_view kCargoHomes[] = {".cargo/registry", ".cargo/git"};
constexpr std::pair<std::string_view, std::string_view> kCargoVars[] = {{"CARGO_HOME", "registry"},
                                                                        {"CARGO_HOME", "git"}};

struct CacheRow {
  Cache cache;
  CacheDirs where;
  std::string_view kept;  // what stays in the layer
  std::string_view cure;  // the clean command that empties it
};

constexpr CacheRow kCaches[] = {
    {Cache::kApk, {kApkDirs, {}, {}}, "the package index in /var/cache/apk", "--no-cache"},
    {Cache::kPip, {{}, kPipHomes, {}}, "downloaded wheels in ~/.cache/pip", "--no-cache-dir"},
    {Cache::kUv, {{}, kUvHomes, {}}, "its cache in ~/.cache/uv", "--no-cache"},
    {Cache::kDnf, {kDnfDirs, kDnfHomes, {}}, "the package cache", "clean all"},
    {Cache::kZypp, {kZyppDirs, {}, {}}, "the package cache in /var/cache/zypp", "clean --all"},
    {Cache::kNpm, {{}, kNpmHomes, {}}, "its cache in ~/.npm", "cache clean --force"},
    {Cache::kYarn, {kYarnDirs, kYarnHomes, {}}, "its package cache", "cache clean"},
    {Cache::kGem,
     {kGemDirs, kGemHomes, kGemVars},
     "the downloaded .gem files",
     "rm -rf \"$GEM_HOME/cache\""},
    {Cache::kConda,
     {kCondaDirs, kCondaHomes, kCondaVars},
     "the downloaded packages in pkgs/",
     "clean --all --yes"},
    {Cache::kGo,
     {kGoDirs, kGoHomes, kGoVars},
     "the module and build caches",
     "clean -cache -modcache"},
    {Cache::kCargo,
     {kCargoDirs, kCargoHomes, kCargoVars},
     "the crate registry",
     "rm -rf \"$CARGO_HOME/registry\""},
};

// The cache a command fills or cleans; nullopt for managers without one here (apt: DD003; pnpm
// hard-links its store into node_modules, so the store costs no extra space; pipx keeps its
// own environments).
std::optional<Cache> CacheOf(const PackageCommand& pc) {
  switch (pc.manager) {
    case PackageManager::kApk:
      return Cache::kApk;
    case PackageManager::kPip:
      if (ToolName(pc) == "pipx") return std::nullopt;
      return Cache::kPip;
    case PackageManager::kUv:
      return Cache::kUv;
    case PackageManager::kYum:
    case PackageManager::kDnf:
    case PackageManager::kMicrodnf:
      return Cache::kDnf;
    case PackageManager::kZypper:
      return Cache::kZypp;
    case PackageManager::kNpm:
      return Cache::kNpm;
    case PackageManager::kYarn:
      return Cache::kYarn;
    case PackageManager::kGem:
    case PackageManager::kBundler:
      return Cache::kGem;
    case PackageManager::kConda:
      return Cache::kConda;
    case PackageManager::kGo:
      return Cache::kGo;
    case PackageManager::kCargo:
      return Cache::kCargo;
    default:
      return std::nullopt;
  }
}

// True when `pc` writes into its manager's cache, given the environment it runs in.
bool FillsCache(const PackageCommand& pc, Cache cache, const PkgEnv& env) {
  switch (cache) {
    case Cache::kApk:  // --no-network installs from the local cache only: nothing new is stored
      return (pc.is_install || pc.is_upgrade || pc.is_refresh) && !HasOption(pc, "--no-cache") &&
             !HasOption(pc, "--no-network");
    case Cache::kPip: {
      if (!pc.is_install || HasOption(pc, "--no-cache-dir")) return false;
      auto own = CommandEnv(pc, "PIP_NO_CACHE_DIR");
      return ReadBool(own ? own : env.pip_no_cache_dir) != EnvBool::kTrue;
    }
    case Cache::kUv: {
      if (!pc.is_install || HasOption(pc, "--no-cache") || HasOption(pc, "-n")) return false;
      auto own = CommandEnv(pc, "UV_NO_CACHE");
      return ReadBool(own ? own : env.uv_no_cache) != EnvBool::kTrue;
    }
    case Cache::kDnf:
      return pc.is_install || pc.is_upgrade || pc.is_refresh;
    case Cache::kZypp:  // any command that loads the repositories may refresh their metadata
      return pc.is_install || pc.is_upgrade || pc.is_remove || pc.is_refresh;
    case Cache::kYarn:  // a bare `yarn` installs
      return pc.is_install ||
             (pc.verb.empty() && !HasOption(pc, "--version") && !HasOption(pc, "-v") &&
              !HasOption(pc, "--help") && !HasOption(pc, "-h"));
    case Cache::kConda:
      return pc.is_install || pc.is_upgrade;
    case Cache::kNpm:
    case Cache::kGem:
    case Cache::kGo:
    case Cache::kCargo:
      return pc.is_install;
    case Cache::kCount:
      break;
  }
  return false;
}

std::string CacheMessage(const PackageCommand& pc, const CacheRow& row, const PkgEnv& env) {
  std::string what = Invocation(pc);
  if (row.cache == Cache::kApk && pc.is_refresh) {
    return core::Concat({"`", what, "` keeps ", row.kept,
                         (" in the layer: drop it and use `apk add --no-cache`, which fetches a "
                          "fresh index and stores none")});
  }
  switch (row.cache) {
    case Cache::kApk:
    case Cache::kPip:
    case Cache::kUv: {
      std::string out =
          core::Concat({"`", what, "` without ", row.cure, " keeps ", row.kept, " in the layer"});
      auto own = CommandEnv(pc, "PIP_NO_CACHE_DIR");
      auto value = own ? own : env.pip_no_cache_dir;
      if (row.cache == Cache::kPip && ReadBool(value) != EnvBool::kUnset) {
        out += core::Concat({" (PIP_NO_CACHE_DIR=", *value,
                             " says \"keep the cache\"; set it to 1 to mean \"no cache\")"});
      }
      return out;
    }
    case Cache::kGem:
    case Cache::kCargo:
      return core::Concat({"`", what, "` keeps ", row.kept, " in the layer: `", row.cure,
                           "` at the end of the same RUN, or use a cache mount"});
    default: {
      std::string tool = row.cache == Cache::kDnf || row.cache == Cache::kZypp ||
                                 row.cache == Cache::kNpm || row.cache == Cache::kYarn ||
                                 row.cache == Cache::kConda || row.cache == Cache::kGo
                             ? Tool(pc)
                             : std::string();
      return core::Concat({"`", what, "` without a later `", tool, " ", row.cure,
                           "` in the same RUN keeps ", row.kept, " in the layer"});
    }
  }
}

void PkgCacheKept(const BuildSpec& spec, const BuildFacts& facts, Reporter& r) {
  auto chain = detail::FinalChain(spec);
  PkgEnv stage_env;  // ENV / ARG along the chain
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    for (const auto& ins : (*it)->instructions) {
      stage_env.Read(ins);
      if (ins.keyword != "RUN") continue;
      const auto& pcs = facts.PackageCommandsOf(ins);
      if (pcs.empty()) continue;
      // In command order, per cache: the first command that filled it since it was last
      // emptied (a clean command, or an rm of its directory), and the environment it ran in.
      std::array<const PackageCommand*, static_cast<std::size_t>(Cache::kCount)> pending{};
      std::array<PkgEnv, static_cast<std::size_t>(Cache::kCount)> pending_env{};
      bool any_pending = false;
      PkgEnv env = stage_env;
      std::size_t k = 0;
      for (const auto& c : ins.script.commands) {
        const PackageCommand* pc = k < pcs.size() && pcs[k].command == &c ? &pcs[k++] : nullptr;
        if (pc == nullptr) {
          env.Read(c, FirstWord(c));
          if (!any_pending) continue;
          std::string_view program = ProgramOf(c);
          for (const auto& row : kCaches) {
            auto& slot = pending[static_cast<std::size_t>(row.cache)];
            if (slot != nullptr && RemovesCache(c, program, row.where)) slot = nullptr;
          }
          continue;
        }
        auto cache = CacheOf(*pc);
        if (!cache) continue;
        const auto i = static_cast<std::size_t>(*cache);
        if (pc->is_clean) {
          pending[i] = nullptr;
        } else if (pending[i] == nullptr && FillsCache(*pc, *cache, env)) {
          pending[i] = pc;
          pending_env[i] = env;
          any_pending = true;
        }
      }
      for (const auto& row : kCaches) {
        const auto i = static_cast<std::size_t>(row.cache);
        if (pending[i] == nullptr || MountsCache(ins, row.where)) continue;
        r.Report(OriginAt(ins, pending[i]->command->line),
                 CacheMessage(*pending[i], row, pending_env[i]));
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
                  "apk indexes, pip and uv wheels, yum/dnf/zypper metadata and packages, the npm, "
                  "yarn, gem, conda, go and cargo caches are useless at run time and can double "
                  "the size of a layer. A clean counts only after the last command that fills "
                  "the cache in the same RUN.",
              .differs = "hadolint and Trivy judge every stage; drydock judges only the stages "
                         "whose layers ship in the final image. Beyond hadolint's apk, pip, yum, "
                         "dnf, zypper and yarn rules it also judges the npm, gem, conda, go and "
                         "cargo caches.",
              .remediation =
                  "apk add --no-cache; pip install --no-cache-dir (or PIP_NO_CACHE_DIR=1); end "
                  "the RUN with `dnf clean all`, `zypper clean --all`, `npm cache clean --force`, "
                  "`yarn cache clean`, `conda clean --all --yes`, `go clean -cache -modcache`, or "
                  "mount a cache or tmpfs on the cache directory (RUN "
                  "--mount=type=cache,target=/root/.cache/pip).",
              .references = {"DL3019", "DL3042", "DL3032", "DL3040", "DL3036", "DL3060", "DS-0015",
                             "DS-0019", "DS-0020", "DS-0025", "DS-0027"},
              .examples =
                  {
                      {.input = "FROM alpine:3.20\nRUN apk add curl=8.9.1-r0\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2},
                      {.input = "FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0\n",
                       .fires = false},
                      {.input = "FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk "
                                "apk add curl=8.9.1-r0\n",
                       .fires = false,
                       .note = "a cache mount never reaches the image"},
                      {.input = "FROM alpine:3.20\nRUN rm -rf /var/cache/apk/* && apk add "
                                "curl=8.9.1-r0\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2,
                       .note = "removed before the install: the index is written after"},
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
                      {.input = "FROM python:3.12-slim\nRUN export PIP_NO_CACHE_DIR=on && "
                                "python3 -m pip install flask==3.0.3\n",
                       .fires = false,
                       .note = "exported earlier in the RUN"},
                      {.input = "FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=false\nRUN pip "
                                "install flask==3.0.3\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 3,
                       .note = "false / 0 / off / no do not say \"no cache\""},
                      {.input = "FROM python:3.12-slim\nRUN PIP_NO_CACHE_DIR=0 pip install "
                                "flask==3.0.3\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2},
                      {.input = "FROM python:3.12-slim\nRUN --mount=type=tmpfs,target=/root/.cache "
                                "pip install flask==3.0.3\n",
                       .fires = false,
                       .note = "a tmpfs mount on the cache directory"},
                      {.input = "FROM rockylinux:9\nRUN dnf install -y nginx\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2},
                      {.input = "FROM rockylinux:9\nRUN dnf install -y nginx && dnf clean all\n",
                       .fires = false},
                      {.input = "FROM rockylinux:9\nRUN dnf install -y nginx-1.20.1 && dnf clean "
                                "all && dnf in -y git-2.43.5\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2,
                       .note = "install, clean, install: the second install refills the cache"},
                      {.input = "FROM rockylinux:9\nRUN dnf -y up-min && dnf clean all\n",
                       .fires = false,
                       .note = "upgrades fill the cache too, and are cleaned the same way"},
                      {.input = "FROM fedora:41\nRUN dnf5 -y upgrade\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2},
                      {.input = "FROM fedora:41\nRUN dnf5 install -y nginx-1.26.2 && rm -rf "
                                "/var/cache/libdnf5\n",
                       .fires = false,
                       .note = "dnf5's cache directory removed after the install"},
                      {.input = "FROM centos:7\nRUN yum install -y nginx-1.20.1 && yum clean "
                                "metadata\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2,
                       .note = "`clean metadata` keeps the downloaded packages"},
                      {.input = "FROM opensuse/leap:15.6\nRUN zypper -n patch && zypper clean "
                                "--all\n",
                       .fires = false},
                      {.input = "FROM opensuse/leap:15.6\nRUN zypper -n up\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2},
                      {.input = "FROM node:20-slim\nRUN yarn install --frozen-lockfile\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2},
                      {.input = "FROM node:20-slim\nRUN yarn install --frozen-lockfile && yarn "
                                "cache clean\n",
                       .fires = false},
                      {.input = "FROM node:20-slim\nRUN --mount=type=cache,target=/root/.npm npm "
                                "ci --omit=dev\n",
                       .fires = false},
                      {.input = "FROM continuumio/miniconda3:24.7.1-0\nRUN conda install -y "
                                "numpy=1.26.4 && conda clean -afy\n",
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
    case PackageManager::kGo:
      // `go install pkg` / `go run pkg` without @version build what go.mod pins (outside a
      // module they fail); `go get pkg` moves go.mod to the latest release.
      if (p.version.empty()) return pc.verb == "get";
      return In(p.version, {"latest", "master", "main", "HEAD", "upgrade", "patch"});
    case PackageManager::kNpm:
    case PackageManager::kYarn:
    case PackageManager::kPnpm:
      return p.version.empty() || p.version == "latest";
    case PackageManager::kPip:
    case PackageManager::kUv:
      // A constraints file pins whatever it names; `pip install -U pip setuptools wheel`
      // refreshes the installer.
      if (HasOption(pc, "-c") || HasOption(pc, "--constraint")) return false;
      if (In(p.name, {"pip", "setuptools", "wheel"}) &&
          (HasOption(pc, "-U") || HasOption(pc, "--upgrade"))) {
        return false;
      }
      return p.version.empty();
    case PackageManager::kApt:
    case PackageManager::kApk:
    case PackageManager::kGem:
    case PackageManager::kYum:
    case PackageManager::kDnf:
    case PackageManager::kMicrodnf:
    case PackageManager::kZypper:
    case PackageManager::kConda:
    case PackageManager::kCargo:
      return p.version.empty();
    default:
      return false;
  }
}

// How a pin is written for `pc`'s manager, for the message.
std::string_view PinSyntax(const PackageCommand& pc) {
  switch (pc.manager) {
    case PackageManager::kApt:
    case PackageManager::kApk:
    case PackageManager::kZypper:
    case PackageManager::kConda:
      return "<name>=<version>";
    case PackageManager::kPip:
    case PackageManager::kUv:
      return "<name>==<version>";
    case PackageManager::kGem:
      return "<name>:<version>";
    case PackageManager::kYum:
    case PackageManager::kDnf:
    case PackageManager::kMicrodnf:
      return pc.verb == "module" ? "<module>:<stream>" : "<name>-<version>";
    default:
      return "<name>@<version>";
  }
}

void PkgUnpinned(const BuildSpec& spec, const BuildFacts& facts, Reporter& r) {
  ForEach(spec.stages, "RUN", [&](const Stage&, const Instruction& ins) {
    for (const auto& pc : facts.PackageCommandsOf(ins)) {
      if (!pc.is_install && !(pc.manager == PackageManager::kGo && pc.verb == "run")) continue;
      std::vector<std::string> names;
      int line = 0;
      for (const auto& p : pc.packages) {
        if (!Unpinned(pc, p)) continue;
        names.push_back(p.name);
        if (line == 0) line = p.line;
      }
      if (names.empty()) continue;
      r.Report(OriginAt(ins, line > 0 ? line : pc.command->line),
               core::Concat({"`", Invocation(pc), "` of ", detail::QuoteList(names),
                             " without a version: pin as ", PinSyntax(pc)}));
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
                  "different image every week, and a compromised release flows in unseen. Local "
                  "files, paths, URLs and requirement, constraint or lock files carry their own "
                  "versions.",
              .differs = "Unlike hadolint's DL3062, `go install` / `go run` of a package without "
                         "@version is not reported (it builds what go.mod pins, and fails outside "
                         "a module); unlike DL3008, an apt `pkg/suite` is reported (a suite is not "
                         "a version).",
              .remediation =
                  "Pin versions (apt `pkg=1.2-3`, apk `pkg=1.2-r0`, yum/dnf `pkg-1.2-3.el9`, dnf "
                  "module `name:stream`, zypper `pkg=1.2` or `pkg>=1.2`, pip `pkg==1.2`, npm "
                  "`pkg@1.2.3`, gem `pkg:1.2`, conda `pkg=1.2`, go `mod@v1.2.3`, cargo "
                  "`crate@1.2.3`), or install from a lock or requirements file.",
              .references = {"DL3008", "DL3018", "DL3013", "DL3016", "DL3028", "DL3033", "DL3037",
                             "DL3041", "DL3062"},
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
                      {.input = "FROM rockylinux:9\nRUN dnf install -y nginx && dnf clean all\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2},
                      {.input = "FROM rockylinux:9\nRUN dnf install -y nginx-1.20.1-14.el9 "
                                "openssl-1:3.0.7 gcc-c++-11.4.1 && dnf clean all\n",
                       .fires = false,
                       .note = "rpm's name-version[-release], with epochs and `+` in names"},
                      {.input = "FROM rockylinux:9\nRUN microdnf install -y java-17-openjdk && "
                                "microdnf clean all\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2,
                       .note = "`-17-openjdk` is part of the name, not a version"},
                      {.input = "FROM rockylinux:9\nRUN dnf module install -y nodejs && dnf clean "
                                "all\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2},
                      {.input = "FROM rockylinux:9\nRUN dnf module install -y nodejs:20 && dnf "
                                "clean all\n",
                       .fires = false,
                       .note = "a module pins by stream"},
                      {.input =
                           "FROM centos:7\nRUN yum install -y ./app-1.0.rpm && yum clean all\n",
                       .fires = false,
                       .note = "a local rpm has its own version"},
                      {.input = "FROM opensuse/leap:15.6\nRUN zypper -n install tomcat && zypper "
                                "clean -a\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2},
                      {.input = "FROM opensuse/leap:15.6\nRUN zypper -n install 'tomcat>=9.0' "
                                "mariadb=10.6 && zypper clean -a\n",
                       .fires = false},
                      {.input = "FROM alpine:3.20\nCOPY pkgs/ /tmp/\nRUN apk add --no-cache "
                                "/tmp/*.apk\n",
                       .fires = false,
                       .note = "local packages"},
                      {.input = "FROM python:3.12-slim\nRUN pip install --no-cache-dir "
                                "git+https://github.com/pallets/flask.git\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2,
                       .note = "a repository without @ref follows its default branch"},
                      {.input = "FROM python:3.12-slim\nRUN pip install --no-cache-dir "
                                "git+https://github.com/pallets/flask.git@3.0.3 dist/*.whl\n",
                       .fires = false},
                      {.input = "FROM python:3.12-slim\nRUN pip install --no-cache-dir -c "
                                "constraints.txt flask\n",
                       .fires = false,
                       .note = "the constraints file pins"},
                      {.input = "FROM node:20-slim\nRUN npm install -g "
                                "git+https://github.com/npm/cli.git\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2},
                      {.input = "FROM node:20-slim\nRUN npm install -g "
                                "git+https://github.com/npm/cli.git#v10.8.2 ./vendor/x.tgz\n",
                       .fires = false},
                      {.input = "FROM golang:1.22\nRUN go get golang.org/x/tools/gopls\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2},
                      {.input = "FROM golang:1.22\nRUN go install ./cmd/app && go run "
                                "golang.org/x/tools/cmd/stringer -type=T\n",
                       .fires = false,
                       .note = "without @version go.mod decides"},
                      {.input = "FROM rust:1.80\nRUN cargo install ripgrep\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2},
                      {.input = "FROM rust:1.80\nRUN cargo install ripgrep@14.1.0 && cargo "
                                "install --locked --version 0.9.5 cargo-audit\n",
                       .fires = false},
                      {.input = "FROM continuumio/miniconda3:24.7.1-0\nRUN conda install -y "
                                "numpy && conda clean -afy\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2},
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
              .differs = "Unlike hadolint, ADD of a git repository (`git@…`, any `scheme://`) or "
                         "of a source that is still an unknown variable is not reported.",
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
              .differs = "hadolint accepts any WORKDIR that starts with `$`; drydock expands "
                         "variables first and judges the result (unknown variables are not "
                         "judged).",
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
              .differs = "hadolint reports every `cd`; drydock leaves a scoped `(cd dir && make)` "
                         "and the scratch directories of a RUN alone (/tmp, a directory the RUN "
                         "creates, extracts or removes, a path known only when it runs), and "
                         "reports at INFO.",
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
              .differs = "hadolint's DL3025 judges every stage and HEALTHCHECK CMD too; drydock "
                         "judges the stages that ship, and not HEALTHCHECK (a probe, not PID 1); "
                         "`exec app` in shell form is accepted.",
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
    // apt and apk keep the index they download until the next update; yum, dnf and zypper
    // refresh expired metadata by themselves, so only apt's and apk's go stale.
    const PackageCommand* pending[2] = {nullptr, nullptr};  // apt, apk
    for (const auto& pc : facts.PackageCommandsOf(ins)) {
      int m = pc.manager == PackageManager::kApt ? 0 : pc.manager == PackageManager::kApk ? 1 : -1;
      if (m < 0) continue;
      if (pc.is_refresh) {
        if (pending[m] == nullptr) pending[m] = &pc;
      } else if (pc.is_install || pc.is_upgrade ||
                 In(pc.verb, {"build-dep", "source", "download"})) {
        pending[m] = nullptr;
      }
    }
    for (const PackageCommand* pc : pending) {
      if (pc == nullptr) continue;
      r.Report(OriginAt(ins, pc->command->line),
               core::Concat({"`", Invocation(*pc),
                             "` without an install after it in the same RUN: the index is cached "
                             "in its own layer and goes stale for later installs"}));
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
              .differs = "Unlike Trivy's DS-0017, `yum update`, `dnf update` and `zypper up` "
                         "alone are not reported: they upgrade packages, and these managers "
                         "re-fetch expired metadata by themselves.",
              .remediation = "RUN apt-get update && apt-get install -y … in one RUN; apk add "
                             "--no-cache instead of apk update.",
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
                      {.input =
                           "FROM debian:12-slim\nRUN apt-get install -y curl; apt-get update\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2,
                       .note = "the update comes after the install"},
                      {.input = "FROM ubuntu:24.04\nRUN aptitude update\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2},
                      {.input = "FROM alpine:3.20\nRUN apk update\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2},
                      {.input = "FROM rockylinux:9\nRUN dnf update -y && dnf clean all\n",
                       .fires = false,
                       .note = "dnf update upgrades the packages themselves"},
                  },
          },
      .build = UpdateAlone,
  };
}

void NoHealthcheck(const BuildSpec& spec, Reporter& r) {
  auto chain = detail::FinalChain(spec);
  if (chain.empty() || detail::IsExportStage(spec)) return;  // files for `--output`, never run
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
                  "explicit HEALTHCHECK NONE is a decision and is not reported, nor is an export "
                  "stage (`FROM scratch` with only COPY/ADD and no CMD or ENTRYPOINT: the "
                  "target of `docker build --output`, never run).",
              .differs = "hadolint's DL3057 ships disabled and judges every stage; drydock "
                         "reports by default, at INFO, and only for the image the build "
                         "produces (a builder stage's health check never runs).",
              .remediation = "Add HEALTHCHECK CMD [\"/app\", \"healthcheck\"] to the final stage.",
              .references = {"DL3057", "DS-0026", "CKV_DOCKER_2", "CIS 4.6"},
              .examples =
                  {
                      {.input = "FROM golang:1.22 AS build\nRUN go build -o /out/app\n"
                                "FROM scratch\nCOPY --from=build /out/ /\n",
                       .fires = false,
                       .note = "an export stage (`docker build --output`): never run"},
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
              .differs = "Stricter than hadolint: a numeric --from must name an earlier stage "
                         "(hadolint accepts the current one), `/` and `@` also mark an image "
                         "reference, and RUN --mount from= is checked too.",
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
              .differs = "hadolint trusts `-o pipefail` only in a SHELL of bash, zsh or ash and "
                         "forgets SHELL at every FROM; drydock accepts any SHELL or `set -o "
                         "pipefail` that enables it (dash refuses the option, which fails the "
                         "build loudly), keeps the SHELL of the stage a FROM builds on, and skips "
                         "pipes whose left side only prints text.",
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

// DD017: the switches that answer a package manager's confirmation prompt.

// True when the short-option cluster `w` ("-qy") holds `flag` before any letter of
// `value_letters` (whose value would start the rest of the word).
bool ClusterHas(std::string_view w, char flag, std::string_view value_letters) {
  if (w.size() < 2 || w[0] != '-' || w[1] == '-') return false;
  for (std::size_t i = 1; i < w.size(); ++i) {
    char c = w[i];
    if (c == flag) return true;
    if (!core::IsAsciiAlpha(c) || value_letters.find(c) != npos) return false;
  }
  return false;
}

// `-o APT::Get::Assume-Yes=true`, `assumeyes=1` in a dnf.conf line, `--setopt=assumeyes=True`.
bool SetsAssumeYes(std::string_view word) {
  bool apt = Contains(word, "Assume-Yes") || Contains(word, "assume-yes");
  bool dnf = Contains(word, "assumeyes");
  if (!apt && !dnf) return false;
  return Contains(word, "true") || Contains(word, "True") || Contains(word, "=1") ||
         Contains(word, "\"1\"") || Contains(word, "yes\"") || Contains(word, "=yes");
}

// True when `pc` answers its own prompt: -y and its spellings (apt-get also -qq), per manager.
bool AnswersPrompt(const PackageCommand& pc, const PkgEnv& env) {
  const auto& w = pc.command->words;
  int quiet = 0;
  for (std::size_t i = pc.argv_start + 1; i < w.size(); ++i) {
    std::string_view v = w[i].value;
    switch (pc.manager) {
      case PackageManager::kApt:
        if (In(v, {"-y", "--yes", "--assume-yes", "--force-yes"}) || SetsAssumeYes(v)) return true;
        if (In(v, {"-q=2", "--quiet=2", "-q=3", "--quiet=3"})) quiet += 2;
        if (v == "--quiet") ++quiet;
        if (ClusterHas(v, 'y', "octa")) return true;
        if (v.size() > 1 && v[0] == '-' && v[1] != '-' && !Contains(v, "=")) {
          for (char c : v.substr(1)) {
            if (c != 'q') break;
            ++quiet;
          }
        }
        break;
      case PackageManager::kYum:
      case PackageManager::kDnf:
      case PackageManager::kMicrodnf:
        if (In(v, {"-y", "--assumeyes", "--assume-yes"}) || ClusterHas(v, 'y', "cdexR")) {
          return true;
        }
        if (StartsWith(v, "--setopt") && SetsAssumeYes(v)) return true;
        break;
      case PackageManager::kZypper:
        if (In(v, {"-n", "--non-interactive", "--no-confirm", "-y"}) || ClusterHas(v, 'n', "") ||
            ClusterHas(v, 'y', "")) {
          return true;
        }
        break;
      case PackageManager::kConda:
        if (In(v, {"-y", "--yes"}) || ClusterHas(v, 'y', "cnpf")) return true;
        break;
      case PackageManager::kPip:
        if (In(v, {"-y", "--yes"})) return true;
        break;
      default:
        return true;
    }
  }
  if (quiet >= 2) return true;  // apt-get -qq implies -y
  if (pc.manager == PackageManager::kConda) {
    auto own = CommandEnv(pc, "CONDA_ALWAYS_YES");
    return ReadBool(own ? own : env.conda_always_yes) == EnvBool::kTrue;
  }
  if (pc.manager == PackageManager::kPip) {
    auto own = CommandEnv(pc, "PIP_YES");
    return ReadBool(own ? own : env.pip_yes) == EnvBool::kTrue;
  }
  return false;
}

// True when `pc` asks for confirmation before it changes anything.
bool Prompts(const PackageCommand& pc) {
  switch (pc.manager) {
    case PackageManager::kApt:
      return pc.is_install || pc.is_remove || pc.is_upgrade || pc.verb == "build-dep";
    case PackageManager::kYum:
    case PackageManager::kDnf:
    case PackageManager::kMicrodnf:
    case PackageManager::kZypper:
      return pc.is_install || pc.is_remove || pc.is_upgrade;
    case PackageManager::kConda:  // micromamba does not ask when it has no terminal
      return In(ToolName(pc), {"conda", "mamba"}) && pc.verb != "env" &&
             (pc.is_install || pc.is_remove || pc.is_upgrade || pc.verb == "clean");
    case PackageManager::kPip:
      return pc.is_remove;
    default:
      return false;
  }
}

void PkgPrompt(const BuildSpec& spec, const BuildFacts& facts, Reporter& r) {
  // Per stage, what its RUNs inherit: ENV / ARG values and an assume-yes written into apt.conf
  // or dnf.conf / yum.conf by an earlier RUN (of the stage or the stage it is built FROM).
  struct State {
    PkgEnv env;
    bool apt_yes = false;
    bool dnf_yes = false;
  };
  std::vector<State> at_end(spec.stages.size());
  for (const auto& stage : spec.stages) {
    State st;
    if (stage.base_stage >= 0 && stage.base_stage < stage.index) {
      st = at_end[static_cast<std::size_t>(stage.base_stage)];
    }
    for (const auto& ins : stage.instructions) {
      st.env.Read(ins);
      if (ins.keyword != "RUN") continue;
      const auto& pcs = facts.PackageCommandsOf(ins);
      const auto& cmds = ins.script.commands;
      PkgEnv env = st.env;
      std::size_t k = 0;
      for (std::size_t i = 0; i < cmds.size(); ++i) {
        const ShellCommand& c = cmds[i];
        const PackageCommand* pc = k < pcs.size() && pcs[k].command == &c ? &pcs[k++] : nullptr;
        if (pc == nullptr) {
          std::string_view program = FirstWord(c);
          env.Read(c, program);
          if (program != "echo" && program != "printf") continue;  // writes apt.conf / dnf.conf
          for (const auto& w : c.words) {
            if (!SetsAssumeYes(w.value)) continue;
            if (Contains(w.value, "ssume-")) {
              st.apt_yes = true;
            } else {
              st.dnf_yes = true;
            }
          }
          continue;
        }
        if (!Prompts(*pc)) continue;
        if (pc->manager == PackageManager::kApt && st.apt_yes) continue;
        if (detail::IsDnfFamily(pc->manager) && st.dnf_yes) continue;
        // `yes | apt-get install …` answers every prompt.
        if (i > 0 && c.separator_before == "|" && FirstWord(cmds[i - 1]) == "yes") continue;
        if (AnswersPrompt(*pc, env)) continue;
        std::string_view flag =
            pc->manager == PackageManager::kZypper ? "--non-interactive (-n)" : "-y";
        r.Report(OriginAt(ins, pc->command->line),
                 core::Concat({"`", Invocation(*pc), "` without ", flag,
                               (": it asks for confirmation, the build has no terminal to answer, "
                                "and the RUN aborts")}));
      }
    }
    at_end[static_cast<std::size_t>(stage.index)] = st;
  }
}

rules::Rule RuleDD017() {
  return {
      .info =
          {
              .id = "DD017",
              .slug = "hygiene/pkg-prompt",
              .title = "Package manager may stop at a confirmation prompt",
              .severity = Severity::kMedium,
              .practice = 0,
              .reads = kB,
              .rationale =
                  "A build has no terminal to answer a prompt: apt-get asks whenever it would "
                  "install more than named or remove anything, yum, dnf, zypper and conda ask "
                  "every time; the answer read is end-of-file and the RUN aborts.",
              .differs = "Beyond hadolint's install rules this covers remove and upgrade, conda "
                         "and `pip uninstall`, and counts `yes |` and an assume-yes in apt.conf "
                         "or dnf.conf as answers.",
              .remediation = "apt-get install -y; yum/dnf/microdnf install -y; zypper "
                             "--non-interactive install (or -n / -y); conda install -y; pip "
                             "uninstall -y.",
              .references = {"DL3014", "DL3030", "DL3034", "DL3038", "DS-0021"},
              .examples =
                  {
                      {.input = "FROM debian:12-slim\nRUN apt-get update && apt-get install "
                                "--no-install-recommends curl=7.88.1-10\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2},
                      {.input = "FROM debian:12-slim\nRUN apt-get update && apt-get install -yq "
                                "--no-install-recommends curl=7.88.1-10\n",
                       .fires = false},
                      {.input = "FROM debian:12-slim\nRUN apt-get -qq update && apt-get -qq "
                                "install --no-install-recommends curl=7.88.1-10\n",
                       .fires = false,
                       .note = "-qq implies -y"},
                      {.input = "FROM debian:12-slim\nRUN apt-get update && yes | apt-get "
                                "install --no-install-recommends curl=7.88.1-10\n",
                       .fires = false,
                       .note = "`yes` answers"},
                      {.input = "FROM debian:12-slim\nRUN echo 'APT::Get::Assume-Yes \"true\";' "
                                "> /etc/apt/apt.conf.d/90yes\nRUN apt-get purge curl\n",
                       .fires = false,
                       .note = "assume-yes set in apt.conf by an earlier RUN"},
                      {.input = "FROM centos:7\nRUN yum install nginx-1.20.1 && yum clean all\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2},
                      {.input = "FROM rockylinux:9\nRUN dnf -y upgrade && dnf clean all\n",
                       .fires = false},
                      {.input =
                           "FROM rockylinux:9\nRUN microdnf remove git && microdnf clean all\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2},
                      {.input = "FROM opensuse/leap:15.6\nRUN zypper install tomcat=9.0.89 && "
                                "zypper clean -a\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2},
                      {.input = "FROM opensuse/leap:15.6\nRUN zypper -n install tomcat=9.0.89 && "
                                "zypper clean -a\n",
                       .fires = false},
                      {.input = "FROM continuumio/miniconda3:24.7.1-0\nRUN conda install "
                                "numpy=1.26.4 && conda clean -afy\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2},
                      {.input = "FROM continuumio/miniconda3:24.7.1-0\nENV CONDA_ALWAYS_YES=true\n"
                                "RUN conda install numpy=1.26.4 && conda clean -af\n",
                       .fires = false},
                      {.input = "FROM python:3.12-slim\nRUN pip uninstall setuptools\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2},
                  },
          },
      .build = PkgPrompt,
  };
}

void AptNotAptGet(const BuildSpec& spec, const BuildFacts& facts, Reporter& r) {
  ForEach(spec.stages, "RUN", [&](const Stage&, const Instruction& ins) {
    for (const auto& pc : facts.PackageCommandsOf(ins)) {
      if (pc.manager != PackageManager::kApt) continue;
      std::string_view tool = pc.command->words[pc.argv_start].value;
      if (tool != "apt" && !EndsWith(tool, "/apt")) continue;
      r.Report(OriginAt(ins, pc.command->line),
               core::Concat({"`", Invocation(pc),
                             "`: apt is meant for terminals and warns that its interface is not "
                             "stable; use apt-get (or apt-cache) in scripts"}));
    }
  });
}

rules::Rule RuleDD018() {
  return {
      .info =
          {
              .id = "DD018",
              .slug = "hygiene/apt-not-apt-get",
              .title = "apt used instead of apt-get",
              .severity = Severity::kMedium,
              .practice = 0,
              .reads = kB,
              .rationale =
                  "apt is the interactive front end: its output, defaults and options may "
                  "change between releases (it prints \"apt does not have a stable CLI "
                  "interface\"), so a build that works today can break on the next base image.",
              .remediation = "Use apt-get for install / update / remove and apt-cache for "
                             "queries.",
              .references = {"DL3027", "CKV_DOCKER_9"},
              .examples =
                  {
                      {.input = "FROM ubuntu:24.04\nRUN apt update && apt install -y "
                                "--no-install-recommends curl=8.5.0-2ubuntu10.6\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2},
                      {.input = "FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y "
                                "--no-install-recommends curl=8.5.0-2ubuntu10.6\n",
                       .fires = false},
                      {.input = "FROM ubuntu:24.04\nRUN echo apt install curl > /notes.txt\n",
                       .fires = false,
                       .note = "only the program run counts"},
                  },
          },
      .build = AptNotAptGet,
  };
}

void DistUpgrade(const BuildSpec& spec, const BuildFacts& facts, Reporter& r) {
  ForEach(spec.stages, "RUN", [&](const Stage&, const Instruction& ins) {
    for (const auto& pc : facts.PackageCommandsOf(ins)) {
      bool dist =
          (pc.manager == PackageManager::kApt && In(pc.verb, {"dist-upgrade", "full-upgrade"})) ||
          (pc.manager == PackageManager::kZypper && In(pc.verb, {"dist-upgrade", "dup"})) ||
          (detail::IsDnfFamily(pc.manager) &&
           In(pc.verb, {"distro-sync", "dsync", "distrosync", "system-upgrade"}));
      if (!dist) continue;
      r.Report(OriginAt(ins, pc.command->line),
               core::Concat({"`", Invocation(pc),
                             "` upgrades the distribution inside the build: the image no longer "
                             "matches its base, and each build may differ"}));
    }
  });
}

rules::Rule RuleDD019() {
  return {
      .info =
          {
              .id = "DD019",
              .slug = "hygiene/dist-upgrade",
              .title = "Distribution upgrade inside the build",
              .severity = Severity::kMedium,
              .practice = 0,
              .reads = kB,
              .rationale =
                  "dist-upgrade, full-upgrade, zypper dup and dnf distro-sync may install, remove "
                  "and switch packages to another release: what the FROM line names is no "
                  "longer what ships, and two builds of the same Dockerfile can differ widely.",
              .remediation = "Rebuild on a newer base image; for security fixes within the "
                             "release use `apt-get upgrade` / `zypper patch` / `dnf upgrade`.",
              .references = {"DL3035", "DS-0024", "DKL-DI-0003"},
              .examples =
                  {
                      {.input = "FROM opensuse/leap:15.6\nRUN zypper -n dup && zypper clean -a\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2},
                      {.input = "FROM debian:12-slim\nRUN apt-get update && apt-get -y "
                                "dist-upgrade && rm -rf /var/lib/apt/lists/*\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2},
                      {.input = "FROM debian:12-slim\nRUN apt-get update && apt-get -y upgrade "
                                "&& rm -rf /var/lib/apt/lists/*\n",
                       .fires = false},
                      {.input = "FROM opensuse/leap:15.6\nRUN zypper -n patch && zypper clean -a\n",
                       .fires = false},
                  },
          },
      .build = DistUpgrade,
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
  registry.Add(RuleDD017());
  registry.Add(RuleDD018());
  registry.Add(RuleDD019());
  registry.Add(RuleDD060());
}

}  // namespace drydock::rules
