// SPDX-License-Identifier: Apache-2.0
#include "rules/detail/build_facts.h"

namespace drydock::rules::detail {

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
