// SPDX-License-Identifier: Apache-2.0
#include "rules/detail/build_stages.h"

#include <algorithm>

#include "rules/detail/build_facts.h"
#include "rules/detail/build_util.h"

namespace drydock::rules::detail {
namespace {

// Strips an apt architecture qualifier: "libc6:amd64" -> "libc6".
std::string BareName(const PackageArg& p, PackageManager m) {
  std::string name = p.name;
  if (m == PackageManager::kApt) {
    if (auto colon = name.find(':'); colon != std::string::npos) name.resize(colon);
  }
  return name;
}

}  // namespace

std::vector<const model::Stage*> StageChain(const model::BuildSpec& spec,
                                            const model::Stage& from) {
  std::vector<const model::Stage*> chain;
  const model::Stage* stage = &from;
  while (stage != nullptr && chain.size() <= spec.stages.size()) {
    chain.push_back(stage);
    int base = stage->base_stage;
    if (base < 0 || base >= stage->index || base >= static_cast<int>(spec.stages.size())) break;
    stage = &spec.stages[static_cast<std::size_t>(base)];
  }
  return chain;
}

std::vector<const model::Stage*> FinalChain(const model::BuildSpec& spec) {
  const model::Stage* final_stage = spec.FinalStage();
  if (final_stage == nullptr) return {};
  return StageChain(spec, *final_stage);
}

int StageIndexOf(const model::BuildSpec& spec, std::string_view from) {
  if (core::AllDigits(from)) {
    if (from.size() >= 6) return -1;
    const int index = std::stoi(std::string(from));
    return index < static_cast<int>(spec.stages.size()) ? index : -1;
  }
  const std::string lower = core::Lower(from);
  for (const model::Stage& stage : spec.stages) {
    if (!stage.name.empty() && stage.name == lower) return stage.index;
  }
  return -1;
}

bool ShipsInFinalImage(const model::BuildSpec& spec, const model::Stage& stage) {
  for (const model::Stage* s : FinalChain(spec)) {
    if (s == &stage) return true;
  }
  return false;
}

bool IsExportStage(const model::BuildSpec& spec) {
  if (spec.stages.empty()) return false;
  const model::Stage& last = spec.stages.back();
  if (!last.scratch || last.base_stage >= 0) return false;
  bool copies = false;
  for (const auto& ins : last.instructions) {
    if (ins.keyword == "COPY" || ins.keyword == "ADD") {
      copies = true;
    } else if (ins.keyword != "ARG" && ins.keyword != "LABEL") {
      return false;
    }
  }
  return copies;
}

std::string StageLabel(const model::Stage& stage) {
  return stage.name.empty() ? "#" + std::to_string(stage.index) : stage.name;
}

core::Origin OriginAt(const model::Instruction& ins, int line) {
  core::Origin o = ins.origin;
  if (line > 0 && line != o.line) {
    o.line = line;
    o.column = 0;
    o.end_line = 0;
  }
  return o;
}

std::string ImageName(const model::ImageRef& ref) {
  std::string_view repo = ref.repository;
  auto slash = repo.rfind('/');
  return Lower(slash == std::string_view::npos ? repo : repo.substr(slash + 1));
}

bool IsFullOsImage(const model::ImageRef& ref) {
  if (ref.repository.empty() || Contains(ref.repository, "$")) return false;
  const std::string name = ImageName(ref);
  const std::string repo = Lower(ref.repository);
  const std::string tag = Lower(ref.tag);
  if (Contains(tag, "slim") || Contains(tag, "minimal") || Contains(tag, "micro")) return false;
  if (In(name, {"ubuntu", "debian", "centos", "fedora", "rockylinux", "almalinux", "amazonlinux",
                "archlinux", "oraclelinux", "clearlinux", "photon", "mageia", "kali-rolling",
                "buildpack-deps", "ubi", "ubi8", "ubi9", "ubi10", "rhel"})) {
    return true;
  }
  return Contains(repo, "opensuse") && In(name, {"leap", "tumbleweed", "opensuse"});
}

std::optional<Toolchain> ToolchainImage(const model::ImageRef& ref) {
  if (ref.repository.empty() || Contains(ref.repository, "$")) return std::nullopt;
  const std::string name = ImageName(ref);
  const std::string repo = Lower(ref.repository);
  const std::string tag = Lower(ref.tag);
  if (name == "golang") return Toolchain{"the Go toolchain", true};
  if (name == "rust") return Toolchain{"the Rust toolchain (rustc, cargo)", true};
  if (name == "gcc") return Toolchain{"gcc, g++ and make", true};
  if (In(name, {"maven", "gradle", "sbt"})) return Toolchain{"a JDK and a build tool", true};
  if (name == "buildpack-deps" && !Contains(tag, "scm") && !Contains(tag, "curl")) {
    return Toolchain{"gcc, make and development headers", true};
  }
  if (In(name, {"swift", "haskell"})) return Toolchain{"a compiler toolchain", true};
  if (name == "sdk" && Contains(repo, "dotnet")) return Toolchain{"the .NET SDK", true};
  if (In(name,
         {"openjdk", "eclipse-temurin", "amazoncorretto", "sapmachine", "ibm-semeru-runtimes"}) &&
      !Contains(tag, "jre")) {
    return Toolchain{"a full JDK (javac)", true};
  }
  if (In(name, {"node", "python", "ruby"}) && !Contains(tag, "slim") && !Contains(tag, "alpine") &&
      !Contains(tag, "$")) {
    return Toolchain{
        "gcc, make and development headers (the full image is built on "
        "buildpack-deps)",
        false};
  }
  return std::nullopt;
}

std::vector<KeptPackage> KeptOsPackages(const std::vector<const model::Stage*>& chain,
                                        const BuildFacts* facts) {
  struct Entry {
    KeptPackage pkg;
    std::string group;  // apk --virtual group
    bool removed = false;
  };
  std::vector<Entry> entries;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {  // build order: root first
    for (const auto& ins : (*it)->instructions) {
      if (ins.keyword != "RUN") continue;
      const std::size_t run_first = entries.size();
      bool apt_mark_auto = false;
      for (const auto& command : ins.script.commands) {
        const std::size_t start = CommandStart(command);
        if (start + 1 < command.words.size() && command.words[start].value == "apt-mark" &&
            command.words[start + 1].value == "auto") {
          apt_mark_auto = true;
          continue;
        }
        std::optional<PackageCommand> read;
        const PackageCommand* pc = nullptr;
        if (facts != nullptr) {
          pc = facts->PackageCommandOf(ins, command);
        } else if ((read = ReadPackageCommand(command))) {
          pc = &*read;
        }
        if (pc == nullptr || !IsOsManager(pc->manager)) continue;
        if (pc->is_install) {
          for (const auto& p : pc->packages) {
            if (p.is_path || p.unresolved || p.name.empty()) continue;
            entries.push_back({KeptPackage{BareName(p, pc->manager), pc->manager, &ins,
                                           p.line > 0 ? p.line : command.line},
                               pc->virtual_package, false});
          }
          continue;
        }
        if (!pc->is_remove) continue;
        // `apt-mark auto '.*'; apt-get purge -y --auto-remove`: everything installed by this
        // RUN that was not re-marked manual goes away.
        if (pc->manager == PackageManager::kApt && apt_mark_auto &&
            (pc->verb == "autoremove" || HasOption(*pc, "--auto-remove") ||
             HasOption(*pc, "--autoremove"))) {
          for (std::size_t i = run_first; i < entries.size(); ++i) entries[i].removed = true;
        }
        for (const auto& p : pc->packages) {
          std::string name = BareName(p, pc->manager);
          for (auto& e : entries) {
            if (e.pkg.name == name || (!e.group.empty() && e.group == name)) e.removed = true;
          }
        }
      }
    }
  }
  std::vector<KeptPackage> out;
  for (auto& e : entries) {
    if (!e.removed) out.push_back(std::move(e.pkg));
  }
  return out;
}

std::vector<KeptGroup> GroupKeptByRun(const std::vector<KeptPackage>& kept,
                                      bool (*pick)(std::string_view name)) {
  std::vector<KeptGroup> groups;
  for (const auto& k : kept) {
    if (!pick(k.name)) continue;
    if (groups.empty() || groups.back().run != k.run) groups.push_back({k.run, {}, k.line});
    auto& names = groups.back().names;
    if (std::find(names.begin(), names.end(), k.name) == names.end()) names.push_back(k.name);
  }
  return groups;
}

}  // namespace drydock::rules::detail
