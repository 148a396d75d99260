// SPDX-License-Identifier: Apache-2.0
// Stage awareness shared by the rule areas: which stages ship in the final image, what kind of
// image a FROM names (full distribution, toolchain), and which OS packages the shipped stages
// install and keep. Pure functions over model::BuildSpec; pointers returned point into the spec.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/origin.h"
#include "model/build_spec.h"
#include "rules/detail/packages.h"

namespace drydock::rules::detail {

// `stage`, then the earlier stage it is built `FROM`, and so on to the stage built on an image.
std::vector<const model::Stage*> StageChain(const model::BuildSpec& spec,
                                            const model::Stage& stage);

// The stages whose layers end up in the image: StageChain of the final stage. Final stage first;
// empty when the spec has no stage.
std::vector<const model::Stage*> FinalChain(const model::BuildSpec& spec);

// The index of the stage a `--from=` value names (its index, or its name, case-insensitively),
// or -1 when it names none of the spec's stages.
int StageIndexOf(const model::BuildSpec& spec, std::string_view from);

// Calls f(stage, instruction) for every instruction whose keyword is `keyword`, in every stage of
// `stages` (a range of model::Stage, or of const model::Stage* such as FinalChain's), in order.
template <typename Stages, typename F>
void ForEach(const Stages& stages, std::string_view keyword, F&& f) {
  for (const auto& s : stages) {
    const model::Stage& stage = [&]() -> const model::Stage& {
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

// Calls f(run, command) for every command of every RUN of every stage, in order.
template <typename F>
void ForEachRunCommand(const model::BuildSpec& spec, F&& f) {
  ForEach(spec.stages, "RUN", [&](const model::Stage&, const model::Instruction& run) {
    for (const auto& c : run.script.commands) f(run, c);
  });
}

// True when `stage` is one of FinalChain(spec).
bool ShipsInFinalImage(const model::BuildSpec& spec, const model::Stage& stage);

// True when the final stage is an export stage, not an image meant to run: `FROM scratch` with
// nothing but COPY/ADD (and ARG/LABEL), no CMD or ENTRYPOINT — the target of
// `docker build --output`, which writes its files to the host. Rules about how a container runs
// (USER, HEALTHCHECK) do not apply to it.
bool IsExportStage(const model::BuildSpec& spec);

// "builder" or "#2": how messages name a stage.
std::string StageLabel(const model::Stage& stage);

// `ins.origin` moved to `line` (when > 0): findings point at the offending command's own line.
core::Origin OriginAt(const model::Instruction& ins, int line);

// The image name without registry and namespace, lower case ("ubuntu", "golang", "ubi").
std::string ImageName(const model::ImageRef& ref);

// A general-purpose distribution image (ubuntu, debian without -slim, centos, fedora, …).
bool IsFullOsImage(const model::ImageRef& ref);

// A base image that carries a compiler or build toolchain.
struct Toolchain {
  std::string_view what;  // "Go toolchain", "JDK", "gcc/make (buildpack-deps based)"
  bool compiled = false;  // the language compiles to a binary: its sources need not ship
};
std::optional<Toolchain> ToolchainImage(const model::ImageRef& ref);

// An OS package installed by a shipped stage and not removed later in the chain.
struct KeptPackage {
  std::string name;
  PackageManager manager = PackageManager::kApt;
  const model::Instruction* run = nullptr;  // the RUN that installs it
  int line = 0;                             // the line of the package word
};

// OS packages (apt, apk, yum, dnf, microdnf, zypper) installed in `chain` (as FinalChain returns
// it) minus those removed later: `apt-get purge`, `apk del` (also of an `--virtual` group), and
// the `apt-mark auto … && apt-get purge --auto-remove` idiom of the official images.
// With `facts` (built for the spec of `chain`), package commands are read through its memo.
class BuildFacts;

// The kept packages that satisfy `pick`, grouped by the RUN that installs them (in order): one
// group per RUN with the distinct names and the line of the first one. For rules that report
// once per RUN ("final image gets `curl`, `vim`…").
struct KeptGroup {
  const model::Instruction* run = nullptr;
  std::vector<std::string> names;
  int line = 0;
};
std::vector<KeptGroup> GroupKeptByRun(const std::vector<KeptPackage>& kept,
                                      bool (*pick)(std::string_view name));
std::vector<KeptPackage> KeptOsPackages(const std::vector<const model::Stage*>& chain,
                                        const BuildFacts* facts = nullptr);

}  // namespace drydock::rules::detail
