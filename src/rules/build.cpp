// SPDX-License-Identifier: Apache-2.0
// DD9xx: multi-stage discipline. Compilers, sources and dev dependencies belong in builder stages;
// these checks judge only what ships: the final stage and the stages it is built `FROM`.
#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "core/strings.h"
#include "rules/catalog.h"
#include "rules/detail/build_facts.h"
#include "rules/detail/build_stages.h"
#include "rules/detail/build_util.h"
#include "rules/detail/inventory.h"
#include "rules/detail/packages.h"

namespace drydock::rules {
namespace {

using core::Reporter;
using core::Severity;
using detail::Contains;
using detail::EndsWith;
using detail::HasOption;
using detail::In;
using detail::OriginAt;
using detail::PackageManager;
using detail::StartsWith;
using model::BuildSpec;
using model::Instruction;
using model::ShellCommand;
using model::Stage;

constexpr std::uint8_t kB = core::kReadsBuild;
constexpr std::uint8_t kBI = core::kReadsBuild | core::kReadsImage;

// Calls f(instruction) for every instruction of the chain in build order (root stage first).
template <typename F>
void ForEachInChain(const std::vector<const Stage*>& chain, F&& f) {
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    for (const auto& ins : (*it)->instructions) f(ins);
  }
}

bool IsToolchainPackage(std::string_view name) {
  if (In(name, {"build-essential",
                "build-base",
                "gcc",
                "g++",
                "gcc-c++",
                "cpp",
                "clang",
                "llvm",
                "make",
                "cmake",
                "automake",
                "autoconf",
                "libtool",
                "pkg-config",
                "pkgconf",
                "golang",
                "golang-go",
                "go",
                "rustc",
                "cargo",
                "rust",
                "maven",
                "gradle",
                "default-jdk",
                "default-jdk-headless",
                "musl-dev",
                "linux-headers",
                "ninja-build",
                "meson",
                "bison",
                "flex"})) {
    return true;
  }
  if (EndsWith(name, "-dev") || EndsWith(name, "-devel")) return true;
  if (Contains(name, "openjdk") && Contains(name, "-jdk")) return true;  // openjdk-17-jdk
  return StartsWith(name, "gcc-") && name.size() > 4 &&
         std::isdigit(static_cast<unsigned char>(name[4]));  // gcc-12
}

// `go build`, `cargo build`, `mvn package`, `gcc`, `make`, …: the command compiles sources.
std::string CompileCommand(const ShellCommand& c) {
  std::string name = c.Name();
  std::string verb = c.words.size() > 1 ? c.words[1].value : "";
  if ((name == "go" && In(verb, {"build", "install"})) ||
      (name == "cargo" && In(verb, {"build", "install"})) ||
      (name == "dotnet" && In(verb, {"build", "publish"})) ||
      (name == "swift" && verb == "build")) {
    return name + " " + verb;
  }
  if (In(name, {"mvn", "mvnw", "gradle", "gradlew", "javac", "gcc", "g++", "cc", "c++", "clang",
                "clang++", "rustc", "make", "cmake", "ninja"})) {
    return name;
  }
  return {};
}

// A source of COPY/ADD that is the whole context: ".", "./", "./." …
bool IsWholeContext(std::string_view src) {
  while (EndsWith(src, "/") && src.size() > 1) src.remove_suffix(1);
  return src == "." || src == "./.";
}

bool IsGitDir(std::string_view src) {
  while (EndsWith(src, "/") && src.size() > 1) src.remove_suffix(1);
  return src == ".git" || EndsWith(src, "/.git");
}

// A requirements file or extras that name development / test dependencies.
bool NamesDevDependencies(std::string_view spec) {
  std::string s = detail::Lower(spec);
  auto bracket = s.find('[');
  if (bracket != std::string::npos) {
    std::string_view extras = std::string_view(s).substr(bracket);
    return Contains(extras, "dev") || Contains(extras, "test") || Contains(extras, "lint");
  }
  std::string_view base = s;
  if (auto slash = base.rfind('/'); slash != std::string_view::npos) {
    // requirements/dev.txt: the directory names the set
    std::string_view file = base.substr(slash + 1);
    if (StartsWith(file, "dev") || StartsWith(file, "test")) return true;
    base = file;
  }
  return Contains(base, "requirements") &&
         (Contains(base, "dev") || Contains(base, "test") || Contains(base, "lint"));
}

bool ProductionEnv(const std::vector<std::pair<std::string, std::string>>& env) {
  for (const auto& [k, v] : env) {
    const bool node_env = k == "NODE_ENV";
    const bool production =
        In(k, {"NPM_CONFIG_PRODUCTION", "npm_config_production", "YARN_PRODUCTION"});
    const bool omit = In(k, {"NPM_CONFIG_OMIT", "npm_config_omit"});
    if (!node_env && !production && !omit) continue;  // fold the case of relevant values only
    const std::string value = detail::Lower(v);
    if ((node_env && value == "production") || (production && value == "true") ||
        (omit && Contains(value, "dev"))) {
      return true;
    }
  }
  return false;
}

void DevDependencies(const BuildSpec& spec, const detail::BuildFacts& facts, Reporter& r) {
  auto chain = detail::FinalChain(spec);
  std::vector<std::pair<std::string, std::string>> env;  // ENV so far, in build order
  struct Pending {
    const Instruction* ins;
    int line;
    std::string message;
    bool node;  // a later `npm prune --omit=dev` cures it
  };
  std::vector<Pending> pending;
  ForEachInChain(chain, [&](const Instruction& ins) {
    if (ins.keyword == "ENV") {
      for (const auto& [k, v] : ins.pairs) env.emplace_back(k, v.value_or(""));
    }
    if (ins.keyword != "RUN") return;
    for (const auto& c : ins.script.commands) {
      std::string name = c.Name();
      std::string verb = c.words.size() > 1 ? c.words[1].value : "";
      bool production = ProductionEnv(env) || ProductionEnv(c.assignments);
      if (name == "poetry" && verb == "install") {
        auto only = detail::OptionValue(c, 2, "--only");
        auto without = detail::OptionValue(c, 2, "--without");
        if (c.HasFlag("--no-dev") || c.HasFlag("--only-root") ||
            (only && !Contains(*only, "dev")) || (without && Contains(*without, "dev"))) {
          continue;
        }
        pending.push_back({&ins, c.line,
                           "`poetry install` in the final stage installs the dev "
                           "group: add --only main (or --without dev)",
                           false});
        continue;
      }
      if (name == "composer" && verb == "install" && !c.HasFlag("--no-dev")) {
        pending.push_back({&ins, c.line,
                           "`composer install` in the final stage installs "
                           "require-dev packages: add --no-dev",
                           false});
        continue;
      }
      if (name == "pipenv" && verb == "install" && (c.HasFlag("--dev") || c.HasFlag("-d"))) {
        pending.push_back({&ins, c.line,
                           "`pipenv install --dev` in the final stage installs "
                           "dev packages",
                           false});
        continue;
      }
      const detail::PackageCommand* pc = facts.PackageCommandOf(ins, c);
      if (pc == nullptr) continue;
      std::string tool = pc->command->words[pc->argv_start].value;
      if (pc->manager == PackageManager::kNpm) {
        if (In(pc->verb, {"prune"}) &&
            (HasOption(*pc, "--production") || HasOption(*pc, "--omit"))) {
          std::erase_if(pending, [](const Pending& p) { return p.node; });
          continue;
        }
        if (!pc->is_install) continue;
        bool dev_flag = HasOption(*pc, "-D") || HasOption(*pc, "--save-dev");
        if (!pc->packages.empty() && !dev_flag) continue;  // named packages, or -g tools
        auto omit = detail::OptionValue(*pc, "--omit");
        auto only = detail::OptionValue(*pc, "--only");
        bool omits = (omit && Contains(*omit, "dev")) ||
                     (only && StartsWith(detail::Lower(*only), "prod")) ||
                     (HasOption(*pc, "--production") &&
                      detail::OptionValue(*pc, "--production").value_or("") != "false");
        if (!dev_flag && (omits || production)) continue;
        pending.push_back({&ins, c.line,
                           dev_flag ? "`" + tool + " " + pc->verb +
                                          " --save-dev` in the final stage adds dev dependencies"
                                    : "`" + tool + " " + pc->verb +
                                          "` in the final stage installs devDependencies: add "
                                          "--omit=dev",
                           true});
      } else if (pc->manager == PackageManager::kYarn) {
        bool bare = pc->verb.empty() && !HasOption(*pc, "--version") && !HasOption(*pc, "-v") &&
                    !HasOption(*pc, "--help") && !HasOption(*pc, "-h");
        if (!(pc->verb == "install" || bare) || production || HasOption(*pc, "--production") ||
            HasOption(*pc, "--prod")) {
          continue;
        }
        pending.push_back({&ins, c.line,
                           "`yarn install` in the final stage installs "
                           "devDependencies: add --production",
                           true});
      } else if (pc->manager == PackageManager::kPip && pc->is_install) {
        for (const auto& p : pc->packages) {
          if (!NamesDevDependencies(p.spec)) continue;
          pending.push_back({&ins, p.line > 0 ? p.line : c.line,
                             "`" + tool + " install` of `" + p.spec +
                                 "` in the final stage installs development dependencies",
                             false});
          break;
        }
      }
    }
  });
  for (const auto& p : pending) r.Report(OriginAt(*p.ins, p.line), p.message);
}

rules::Rule RuleDD903() {
  return {
      .info =
          {
              .id = "DD903",
              .slug = "build/dev-dependencies",
              .title = "Development dependencies installed in the final stage",
              .severity = Severity::kLow,
              .practice = 9,
              .reads = kB,
              .rationale = "Test frameworks, linters and bundlers are not needed at run time; they "
                           "add size and a supply-chain surface of their own.",
              .remediation =
                  "npm ci --omit=dev (or NODE_ENV=production), yarn install --production, "
                  "pip install -r requirements.txt without the dev file, poetry install "
                  "--only main, composer install --no-dev.",
              .references = {"seed practice 9"},
              .examples =
                  {
                      {.input = "FROM node:20-slim\nCOPY . .\nRUN npm install\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 3},
                      {.input = "FROM node:20-slim\nCOPY . .\nRUN npm ci --omit=dev\n",
                       .fires = false},
                      {.input =
                           "FROM node:20-slim\nENV NODE_ENV=production\nCOPY . .\nRUN npm ci\n",
                       .fires = false},
                      {.input =
                           "FROM node:20-slim\nCOPY . .\nRUN npm ci && npm run build && npm prune "
                           "--omit=dev\n",
                       .fires = false,
                       .note = "pruned afterwards"},
                      {.input = "FROM node:20 AS build\nCOPY . .\nRUN npm ci && npm run build\n"
                                "FROM node:20-slim\nCOPY --from=build /dist /dist\n",
                       .fires = false,
                       .note = "builder stage"},
                      {.input = "FROM python:3.12-slim\nRUN pip install --no-cache-dir -r "
                                "requirements-dev.txt\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2},
                      {.input = "FROM python:3.12-slim\nRUN pip install --no-cache-dir -r "
                                "requirements.txt\n",
                       .fires = false},
                  },
          },
      .build = DevDependencies,
  };
}

void ToolchainInFinal(const BuildSpec& spec, const detail::BuildFacts& facts, Reporter& r) {
  auto chain = detail::FinalChain(spec);
  if (chain.empty()) return;
  const Stage& root = *chain.back();
  if (root.base_stage < 0 && !root.scratch) {
    if (auto tc = detail::ToolchainImage(root.base)) {
      r.Report(root.origin, "final image is built on `" + root.base.original + "`, which carries " +
                                std::string(tc->what) +
                                ": compile in a builder stage and copy the result into a slim or "
                                "distroless image");
    }
  }
  for (const auto& g : detail::GroupKeptByRun(facts.KeptOsPackages(), IsToolchainPackage)) {
    r.Report(OriginAt(*g.run, g.line), "final image keeps build tools " +
                                           detail::QuoteList(g.names) +
                                           ": install them in a builder stage, or remove them "
                                           "in the same RUN");
  }
}

// ---------------------------------------------------------------------------------------------
// Image side.
void ToolchainInImage(const model::ImageSpec& spec, Reporter& r) {
  auto tools = detail::FindTools(spec.files, detail::ToolKind::kToolchain);
  if (tools.empty()) return;
  r.Report(spec.OriginOf(*tools.front().entry), "image carries build tools " +
                                                    detail::ToolNames(tools) + " (first: /" +
                                                    tools.front().entry->path + ")");
}

rules::Rule RuleDD901() {
  return {
      .info =
          {
              .id = "DD901",
              .slug = "build/toolchain-in-final",
              .title = "Compilers or build tools in the final image",
              .severity = Severity::kMedium,
              .practice = 9,
              .reads = kBI,
              .rationale =
                  "A compiler in production lets an intruder build exploits in place and "
                  "adds hundreds of megabytes of packages with their own CVEs. Multi-stage "
                  "builds keep the toolchain in a stage that never ships.",
              .remediation =
                  "Compile in a `FROM golang:… AS build` stage and COPY --from=build only "
                  "the binary into a distroless, -slim or scratch final stage.",
              .references = {"seed practice 9"},
              .examples =
                  {
                      {.input = "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\n"
                                "CMD [\"/app\"]\n",
                       .fires = true,
                       .severity = Severity::kMedium},
                      {.input = "FROM node:20\nCOPY . .\nCMD [\"node\", \"server.js\"]\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .note = "the full node image ships gcc and make"},
                      {.input = "FROM node:20-slim\nCOPY . .\nCMD [\"node\", \"server.js\"]\n",
                       .fires = false},
                      {.input = "FROM debian:12-slim\nRUN apt-get update && apt-get install -y "
                                "build-essential libpq-dev && rm -rf /var/lib/apt/lists/*\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2},
                      {.input =
                           "FROM gcc:13 AS build\nCOPY . /src\nRUN make -C /src\n"
                           "FROM gcr.io/distroless/cc-debian12\nCOPY --from=build /src/app /app\n"
                           "CMD [\"/app\"]\n",
                       .fires = false,
                       .note = "the toolchain stays in the builder"},
                      {.input =
                           "FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc "
                           "musl-dev && make && apk del .build-deps\n",
                       .fires = false,
                       .note = "removed in the same RUN"},
                      {.kind = core::ExampleKind::kImage,
                       .input = "file /usr/bin/gcc-12 0755\nsymlink /usr/bin/gcc -> gcc-12\n"
                                "file /usr/bin/make 0755\n",
                       .fires = true,
                       .severity = Severity::kMedium},
                      {.kind = core::ExampleKind::kImage,
                       .input = "file /usr/local/go/bin/go 0755\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .note = "the golang image's toolchain"},
                      {.kind = core::ExampleKind::kImage,
                       .input = "file /app 0755\nfile /usr/lib/libstdc++.so.6 0644\n",
                       .fires = false},
                  },
          },
      .build = ToolchainInFinal,
      .image = ToolchainInImage,
  };
}

// The `.git` directory a path is in or is ("src/app/.git/HEAD" → "src/app/.git"), or "".
std::string_view GitDirOf(std::string_view path) {
  std::size_t from = 0;
  while (from <= path.size()) {
    auto slash = path.find('/', from);
    const bool last = slash == std::string_view::npos;
    std::string_view part = path.substr(from, last ? slash : slash - from);
    if (part == ".git") return path.substr(0, last ? path.size() : slash);
    if (slash == std::string_view::npos) break;
    from = slash + 1;
  }
  return {};
}

void SourcesInFinal(const BuildSpec& spec, Reporter& r) {
  auto chain = detail::FinalChain(spec);
  if (chain.empty()) return;
  std::string compiled;  // why the language is a compiled one
  const Stage& root = *chain.back();
  if (root.base_stage < 0) {
    if (auto tc = detail::ToolchainImage(root.base); tc && tc->compiled) {
      compiled = "`" + root.base.original + "`";
    }
  }
  ForEachInChain(chain, [&](const Instruction& ins) {
    if (!compiled.empty() || ins.keyword != "RUN") return;
    for (const auto& c : ins.script.commands) {
      if (std::string what = CompileCommand(c); !what.empty()) {
        compiled = "`" + what + "`";
        return;
      }
    }
  });
  ForEachInChain(chain, [&](const Instruction& ins) {
    if (ins.keyword != "COPY" && ins.keyword != "ADD") return;
    if (ins.FindFlag("from") != nullptr || ins.args.size() < 2) return;
    if (const auto* keep = ins.FindFlag("keep-git-dir");
        keep != nullptr && (!keep->has_value || detail::Lower(keep->value) == "true")) {
      r.Report(ins.origin, "ADD --keep-git-dir ships the repository's .git history in the image");
      return;
    }
    for (std::size_t i = 0; i + 1 < ins.args.size(); ++i) {
      const std::string& src = ins.args[i];
      if (IsGitDir(src)) {
        r.Report(ins.origin, ins.keyword + " of `" + src +
                                 "` ships the repository history (and any secret ever committed)");
        return;
      }
      if (IsWholeContext(src) && !compiled.empty()) {
        r.Report(ins.origin,
                 core::Concat({"final stage copies the whole build context (`", ins.keyword, " ",
                               src, "`) for a compiled build (", compiled,
                               "): the sources ship beside the binary; build in a ",
                               "builder stage and copy only the artefact"}));
        return;
      }
    }
  });
}

void GitInImage(const model::ImageSpec& spec, Reporter& r) {
  std::set<std::string_view> seen;
  std::vector<const model::FsEntry*> repos;  // the first entry of each .git directory
  for (const auto& e : spec.files.entries) {
    std::string_view git = GitDirOf(e.path);
    if (git.empty() || (git == e.path && !e.IsDir())) continue;  // a gitfile is not a repository
    if (seen.insert(git).second) repos.push_back(&e);
  }
  detail::ReportFiles(
      spec, repos,
      [](const model::FsEntry& e) {
        return "image carries a git repository at /" + std::string(GitDirOf(e.path)) +
               ": its history may hold sources and secrets";
      },
      ".git directories", r);
}

rules::Rule RuleDD902() {
  return {
      .info =
          {
              .id = "DD902",
              .slug = "build/sources-in-final",
              .title = "Sources or .git shipped in the final image",
              .severity = Severity::kLow,
              .practice = 9,
              .reads = kBI,
              .rationale =
                  "For a compiled language the sources are dead weight at run time and reveal "
                  "internals; a .git directory also carries every secret ever committed.",
              .remediation = "COPY . . in a builder stage; copy only the built artefact into the "
                             "final stage; list .git in .dockerignore.",
              .references = {"DKL-LI-0003"},
              .examples =
                  {
                      {.input =
                           "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 3},
                      {.input = "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build "
                                "-o /app "
                                ".\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app "
                                "/app\n",
                       .fires = false},
                      {.input = "FROM node:20-slim\nWORKDIR /app\nCOPY . .\n"
                                "CMD [\"node\", \"server.js\"]\n",
                       .fires = false,
                       .note = "interpreted: the sources are the program"},
                      {.input = "FROM alpine:3.20\nCOPY .git /app/.git\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2},
                      {.kind = core::ExampleKind::kImage,
                       .input = "dir /app/.git\nfile /app/.git/HEAD = ref: refs/heads/main\\n\n"
                                "file /app/.git/config\n",
                       .fires = true,
                       .severity = Severity::kLow},
                      {.kind = core::ExampleKind::kImage,
                       .input = "file /app/.gitignore\nfile /app/main.py\n",
                       .fires = false},
                  },
          },
      .build = SourcesInFinal,
      .image = GitInImage,
  };
}

// DD904: `COPY --from=X / /`: another stage's whole filesystem. Judged when X is a stage of this
// file that is not built FROM scratch (a scratch stage holds only what was put there: exporting
// artefacts that way is the idiom), or a bare name no stage has (what BuildKit would pull as an
// image is more likely a stage of another file or a typo: DD014 says which). Images named with a
// registry or path (`docker/buildx-bin`) are artefact images made to be copied whole.
bool CopiesFullStage(const BuildSpec& spec, std::string_view from) {
  const int index = detail::StageIndexOf(spec, from);
  if (index < 0) {
    return !core::AllDigits(from) && from.find_first_of("/:@.") == std::string_view::npos;
  }
  const Stage& root =
      *detail::StageChain(spec, spec.stages[static_cast<std::size_t>(index)]).back();
  return root.base_stage < 0 && !root.scratch;
}

void CopyWholeStage(const BuildSpec& spec, Reporter& r) {
  for (const Stage* stage : detail::FinalChain(spec)) {  // a builder may take helpers whole
    for (const auto& ins : stage->instructions) {
      if (ins.keyword != "COPY" || ins.args.size() < 2 || ins.args.back() != "/") continue;
      const model::Flag* from = ins.FindFlag("from");
      if (from == nullptr || from->value.empty() || !CopiesFullStage(spec, from->value)) continue;
      for (std::size_t i = 0; i + 1 < ins.args.size(); ++i) {
        if (ins.args[i] != "/") continue;
        r.Report(ins.origin, core::Concat({"COPY --from=", from->value,
                                           " / / copies that stage's whole filesystem, with its "
                                           "compilers, caches and package databases"}));
        break;
      }
    }
  }
}

rules::Rule RuleDD904() {
  return {
      .info =
          {
              .id = "DD904",
              .slug = "build/copy-whole-stage",
              .title = "COPY --from copies a whole filesystem",
              .severity = Severity::kMedium,
              .practice = 9,
              .reads = kB,
              .rationale =
                  "Copying `/` of a builder into `/` undoes the multi-stage build: the final "
                  "image gets the builder's toolchain, caches and package database, and its own "
                  "files are overwritten by the builder's.",
              .differs = "hadolint's DL3067 fires in any stage and for any --from; drydock "
                         "judges the stages that ship (builders take helper images such as "
                         "tonistiigi/xx whole) and leaves out scratch stages and images named by "
                         "path or registry, which hold only artefacts.",
              .remediation =
                  "Copy only the artefacts: COPY --from=build /out/app /usr/local/bin/app",
              .references = {"DL3067"},
              .examples =
                  {
                      {.input = "FROM golang:1.22 AS build\nRUN go build -o /out/app .\n"
                                "FROM gcr.io/distroless/static-debian12\nCOPY --from=build / /\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 4},
                      {.input = "FROM debian:12-slim\nCOPY --from=build \"/\" \"/\"\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2,
                       .note = "quoted, and from a stage this file does not define"},
                      {.input = "FROM golang:1.22 AS build\nRUN go build -o /out/app .\n"
                                "FROM gcr.io/distroless/static-debian12\n"
                                "COPY --from=build /out/app /app\n",
                       .fires = false},
                      {.input = "FROM scratch\nCOPY / /\n",
                       .fires = false,
                       .note = "the build context, not another stage"},
                      {.input = "FROM golang:1.22 AS build\nRUN go build -o /out/app .\n"
                                "FROM scratch AS export\nCOPY --from=build /out/app /app\n"
                                "FROM alpine:3.20\nCOPY --from=export / /\n",
                       .fires = false,
                       .note = "a scratch stage holds only the artefacts put there"},
                      {.input = "FROM alpine:3.20\nCOPY --from=docker/buildx-bin:0.17 / /\n",
                       .fires = false,
                       .note = "an artefact image made to be copied whole"},
                      {.input = "FROM tonistiigi/xx:1.5.0 AS xx\nFROM golang:1.22 AS build\n"
                                "COPY --from=xx / /\nRUN xx-go build -o /out/app .\n"
                                "FROM scratch\nCOPY --from=build /out/app /app\n",
                       .fires = false,
                       .note = "a builder stage: its files do not ship"},
                      {.input = "FROM debian:12-slim\nCOPY --from=build / /rootfs/\n",
                       .fires = false,
                       .note = "kept apart under /rootfs"},
                  },
          },
      .build = CopyWholeStage,
  };
}

}  // namespace

void RegisterBuildRules(rules::Registry& registry) {
  registry.Add(RuleDD901());
  registry.Add(RuleDD902());
  registry.Add(RuleDD903());
  registry.Add(RuleDD904());
}

}  // namespace drydock::rules
