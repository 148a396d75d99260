// SPDX-License-Identifier: Apache-2.0
// The build-facts enricher: a compose service with `build:` is built from a Dockerfile beside the
// compose file; what that Dockerfile's final stage sets (USER, HEALTHCHECK, ENV, EXPOSE) becomes
// the service's RunSpec::image_facts, with the Dockerfile lines as provenance.
#pragma once

#include <filesystem>
#include <string>

#include "model/build_spec.h"
#include "model/cluster.h"
#include "model/image_facts.h"
#include "sources/dockerfile/parser.h"

namespace drydock::audit::detail {

// The facts the final stage (the --target stage, else the last) of `spec` and the stages it
// builds on set. A chain that starts from an image other than scratch leaves what that image
// sets unknown (ImageFacts::unresolved_base names it).
model::ImageFacts FactsOfBuild(const model::BuildSpec& spec);

// Fills image_facts of every run of `set` that has a build recipe, reading its Dockerfile relative
// to `compose_dir` (the directory of the compose file on disk, "." for the working directory;
// empty = not on disk, nothing is read). Only relative contexts and Dockerfile paths that name a
// regular file are read (at most 4 MiB); a remote context is never fetched. `display_dir`
// prefixes the Dockerfile's path in origins. A Dockerfile that cannot be read leaves the facts
// unset (unknown). `options` gives the parse settings; the recipe's args and target win.
void AddBuildFacts(model::RunSet& set, const std::filesystem::path& compose_dir,
                   const std::filesystem::path& display_dir,
                   const sources::dockerfile::ParseOptions& options);

}  // namespace drydock::audit::detail
