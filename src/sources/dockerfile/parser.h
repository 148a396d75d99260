// SPDX-License-Identifier: Apache-2.0
// The Dockerfile adapter: a hand-written parser for BuildKit's Dockerfile grammar (FORMATS.md §1)
// that produces model::BuildSpec. Hostile input is normal input: the parser never throws, never
// recurses without a bound, and reports every problem as a ParseError (rule DD001) with file:line.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>

#include "core/error.h"
#include "model/build_spec.h"

namespace drydock::sources::dockerfile {

struct ParseOptions {
  std::string file = "Dockerfile";  // used in origins; "-" for stdin
  // `--build-arg` values; override ARG defaults like `docker build --build-arg`.
  std::map<std::string, std::string> build_args;
  // `--target`: the stage (name or index) the image is built from; "" = the last stage.
  std::string target;
  std::size_t max_line_bytes = std::size_t{64} * 1024;  // BuildKit's limit; longer lines are DD001
  std::size_t max_expansion_bytes = 1 << 20;            // bound on any single expanded value
  int max_nesting = 64;                                 // ${a:-${b:-…}} depth bound
};

// Parses `text`. Never fails: problems land in BuildSpec::errors and parsing continues with the
// next instruction where it can.
model::BuildSpec Parse(std::string_view text, const ParseOptions& options);

// Reads and parses a file. Fails (kInput) only when the file cannot be read or is larger than
// `max_file_bytes`. When `inspect_context` is set, the directory holding the file is the build
// context: sensitive files in it not excluded by .dockerignore go to context_secret_files.
core::Result<model::BuildSpec> ParseFile(const std::string& path, const ParseOptions& options,
                                         bool inspect_context = true,
                                         std::size_t max_file_bytes = 64u << 20);

}  // namespace drydock::sources::dockerfile
