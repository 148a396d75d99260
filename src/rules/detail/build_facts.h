// SPDX-License-Identifier: Apache-2.0
// Derived views of one BuildSpec that several rules read: the package commands of each RUN and
// the OS packages the final image keeps. Computed lazily, at most once per spec, and shared by
// every build check of one run (rules::CheckBuild builds one per spec; it is the rules::BuildMemo
// of rules::BuildCheck). A BuildFacts refers to its spec and must not outlive it. Not thread-safe:
// one run, one thread.
#pragma once

#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

#include "model/build_spec.h"
#include "rules/detail/build_stages.h"
#include "rules/detail/packages.h"
#include "rules/rule.h"

namespace drydock::rules::detail {

class BuildFacts final : public rules::BuildMemo {
 public:
  explicit BuildFacts(const model::BuildSpec& spec);
  ~BuildFacts() override;
  BuildFacts(const BuildFacts&) = delete;
  BuildFacts& operator=(const BuildFacts&) = delete;

  const model::BuildSpec& spec() const { return spec_; }

  // PackageCommands(run), memoised. `run` must belong to spec().
  const std::vector<PackageCommand>& PackageCommandsOf(const model::Instruction& run) const;

  // ReadPackageCommand(command) for a command of run.script.commands, memoised; nullptr when
  // the command is no package command.
  const PackageCommand* PackageCommandOf(const model::Instruction& run,
                                         const model::ShellCommand& command) const;

  // KeptOsPackages(FinalChain(spec())), memoised.
  const std::vector<KeptPackage>& KeptOsPackages() const;

  // The spec as the images built FROM it run it: a copy where every ONBUILD instruction is replaced
  // by the instruction it wraps (same position; the trigger's origin is the ONBUILD line), with
  // facts of its own. nullptr when spec() has no ONBUILD. Built once; lives as long as this.
  const BuildFacts* Triggered() const;
  // On a Triggered() view: true when `line` belongs to one of the ONBUILD instructions it replaced.
  bool IsTriggerLine(int line) const;

 private:
  struct TriggeredView;

  const model::BuildSpec& spec_;
  std::vector<std::pair<int, int>> trigger_lines_;  // set on a Triggered() view: first, last line
  mutable std::unique_ptr<TriggeredView> triggered_;
  mutable bool triggered_built_ = false;
  mutable std::unordered_map<const model::Instruction*, std::vector<PackageCommand>> commands_;
  mutable std::optional<std::vector<KeptPackage>> kept_;
};

}  // namespace drydock::rules::detail
