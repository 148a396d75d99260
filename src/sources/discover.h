// SPDX-License-Identifier: Apache-2.0
// Discovery: walks the trees given to `drydock scan` and classifies each file by name (and, for
// later input kinds, by content). Never follows a symlink out of the scanned tree, never descends
// into skipped directories, and bounds the walk.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "core/error.h"

namespace drydock::sources {

enum class InputKind { kDockerfile };

struct DiscoveredFile {
  std::string path;     // as it should appear in reports: relative to the scan root's parent
                        // spelling (root "examples/" + "weak/Dockerfile" → "examples/weak/Dockerfile")
  std::string fs_path;  // path to open
  InputKind kind = InputKind::kDockerfile;
};

struct DiscoverOptions {
  // Directory globs to skip (`--skip-dirs`): matched (core::MatchGlob) against the directory's
  // path relative to the root, with the root's own spelling prepended, and against its base name.
  std::vector<std::string> skip_dirs;
  std::size_t max_files = 200000;  // stop with a diagnostic beyond this many entries
};

// True for Dockerfile, Dockerfile.*, *.Dockerfile, Containerfile and their variants: a name that
// starts or ends with "dockerfile" or "containerfile", any case (prod.Dockerfile, Dockerfile-dev,
// api_Dockerfile), except *.dockerignore and *.md.
bool IsDockerfileName(std::string_view base_name);


// Walks `root` (a file or a directory). A root that is a file is returned whatever its name (the
// user asked for it; its kind is guessed from the name, Dockerfile by default). Fails with kInput
// when `root` does not exist or cannot be read. Files are returned sorted by path.
core::Result<std::vector<DiscoveredFile>> Discover(const std::string& root,
                                                   const DiscoverOptions& options,
                                                   core::Diagnostics& diagnostics);

}  // namespace drydock::sources
