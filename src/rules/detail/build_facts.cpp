// SPDX-License-Identifier: Apache-2.0
#include "rules/detail/build_facts.h"

#include <algorithm>
#include <memory>
#include <utility>

namespace drydock::rules::detail {

// The copy of the spec with triggers in place, and its facts (which refer to the copy).
struct BuildFacts::TriggeredView {
  model::BuildSpec spec;
  std::unique_ptr<BuildFacts> facts;
};

BuildFacts::BuildFacts(const model::BuildSpec& spec) : spec_(spec) {}
BuildFacts::~BuildFacts() = default;

const BuildFacts* BuildFacts::Triggered() const {
  if (triggered_built_) return triggered_ ? triggered_->facts.get() : nullptr;
  triggered_built_ = true;
  bool any = false;
  for (const auto& stage : spec_.stages) {
    for (const auto& ins : stage.instructions) any |= ins.trigger != nullptr;
  }
  if (!any) return nullptr;
  triggered_ = std::make_unique<TriggeredView>();
  triggered_->spec = spec_;
  std::vector<std::pair<int, int>> lines;
  for (auto& stage : triggered_->spec.stages) {
    for (auto& ins : stage.instructions) {
      if (!ins.trigger) continue;
      lines.emplace_back(ins.origin.line, std::max(ins.origin.line, ins.origin.end_line));
      model::Instruction inner = *ins.trigger;
      ins = std::move(inner);
    }
  }
  triggered_->facts = std::make_unique<BuildFacts>(triggered_->spec);
  triggered_->facts->trigger_lines_ = std::move(lines);
  return triggered_->facts.get();
}

bool BuildFacts::IsTriggerLine(int line) const {
  for (const auto& [first, last] : trigger_lines_) {
    if (line >= first && line <= last) return true;
  }
  return false;
}

const std::vector<PackageCommand>& BuildFacts::PackageCommandsOf(
    const model::Instruction& run) const {
  auto it = commands_.find(&run);
  if (it == commands_.end()) it = commands_.emplace(&run, PackageCommands(run)).first;
  return it->second;
}

const PackageCommand* BuildFacts::PackageCommandOf(const model::Instruction& run,
                                                   const model::ShellCommand& command) const {
  for (const PackageCommand& pc : PackageCommandsOf(run)) {
    if (pc.command == &command) return &pc;
  }
  return nullptr;
}

const std::vector<KeptPackage>& BuildFacts::KeptOsPackages() const {
  if (!kept_) kept_ = detail::KeptOsPackages(FinalChain(spec_), this);
  return *kept_;
}

}  // namespace drydock::rules::detail
