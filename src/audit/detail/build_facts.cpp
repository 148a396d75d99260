// SPDX-License-Identifier: Apache-2.0
#include "audit/detail/build_facts.h"

#include <vector>

namespace drydock::audit::detail {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxDockerfileBytes = 4u << 20;

model::Fact<std::string> At(std::string value, const model::Instruction& ins) {
  return {std::move(value), model::FactSource::kDockerfile, ins.origin};
}

}  // namespace

model::ImageFacts FactsOfBuild(const model::BuildSpec& spec) {
  model::ImageFacts facts;
  facts.subject = spec.file;
  const model::Stage* stage = spec.FinalStage();
  if (stage == nullptr) return facts;
  // The chain of stages the final one builds on, base first; bounded by the stage count.
  std::vector<const model::Stage*> chain{stage};
  while (chain.back()->base_stage >= 0 &&
         chain.back()->base_stage < static_cast<int>(spec.stages.size()) &&
         chain.size() <= spec.stages.size()) {
    chain.push_back(&spec.stages[static_cast<std::size_t>(chain.back()->base_stage)]);
  }
  const model::Stage& root = *chain.back();
  if (!root.scratch && root.base_stage < 0) facts.unresolved_base = root.base_text;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    for (const model::Instruction& ins : (*it)->instructions) {
      if (ins.keyword == "USER" && !ins.args.empty()) {
        facts.user = At(ins.args.front(), ins);
      } else if (ins.keyword == "HEALTHCHECK") {
        const bool none = !ins.args.empty() && ins.args.front() == "NONE";
        facts.healthcheck = model::Fact<bool>{!none, model::FactSource::kDockerfile, ins.origin};
      } else if (ins.keyword == "ENV") {
        for (const auto& [name, value] : ins.pairs) facts.env[name] = At(value.value_or(""), ins);
      } else if (ins.keyword == "EXPOSE") {
        for (const std::string& port : ins.args) {
          facts.exposed_ports.push_back(
              At(port.find('/') == std::string::npos ? port + "/tcp" : port, ins));
        }
      }
    }
  }
  return facts;
}

void AddBuildFacts(model::RunSet& set, const fs::path& compose_dir, const fs::path& display_dir,
                   const sources::dockerfile::ParseOptions& options) {
  if (compose_dir.empty()) return;
  for (model::RunSpec& run : set.runs) {
    if (!run.build) continue;
    const model::BuildRecipe& recipe = *run.build;
    // A remote context (git or http URL) is not read.
    if (recipe.context.find("://") != std::string::npos || recipe.context.starts_with("git@")) {
      continue;
    }
    const fs::path context = recipe.context.empty() ? fs::path(".") : fs::path(recipe.context);
    const fs::path dockerfile =
        recipe.dockerfile.empty() ? fs::path("Dockerfile") : fs::path(recipe.dockerfile);
    // Relative paths only, and only a regular file: never a device or FIFO (`/dev/stdin` would
    // take the standard input a later `-` reads; a FIFO would hang the audit).
    if (context.is_absolute() || dockerfile.is_absolute()) continue;
    const fs::path on_disk = compose_dir / context / dockerfile;
    std::error_code ec;
    if (!fs::is_regular_file(on_disk, ec)) continue;
    sources::dockerfile::ParseOptions popts = options;
    popts.file = (display_dir / context / dockerfile).lexically_normal().string();
    for (const auto& [key, value] : recipe.args) popts.build_args[key] = value;
    if (!recipe.target.empty()) popts.target = recipe.target;
    auto spec = sources::dockerfile::ParseFile(on_disk.string(), popts, false, kMaxDockerfileBytes);
    if (!spec) continue;
    run.image_facts = FactsOfBuild(*spec);
  }
}

}  // namespace drydock::audit::detail
