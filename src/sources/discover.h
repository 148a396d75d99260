// SPDX-License-Identifier: Apache-2.0
// Discovery: walks the trees given to `drydock scan` and classifies each file by name and content:
// Dockerfiles by name; YAML by content (apiVersion + kind → Kubernetes, a top-level `services:` →
// compose, CI pipelines by their well-known paths); image archives (`*.tar`, `*.tar.gz`, `*.tgz`,
// `*.tar.zst` whose first members are an image's) and OCI layout directories (not descended
// into); shell scripts (`*.sh`, shebang) and Makefiles
// when they mention `docker`/`podman` (their `docker run` lines are audited). Never follows a
// symlink out of the scanned tree, never descends into skipped directories, and bounds the walk.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "core/error.h"

namespace drydock::sources {

enum class InputKind {
  kDockerfile,
  kKubernetes,
  kCompose,
  kShellScript,
  kMakefile,
  kCiYaml,
  kImage,  // an image archive (docker-archive, OCI archive) or an OCI layout directory
};

// The report's target kind: "dockerfile", "kubernetes", "compose", "docker-run" (scripts,
// Makefiles and CI files all yield docker run lines).
const char* InputKindName(InputKind kind);

// Parses a --kind value: dockerfile, kubernetes (k8s), compose, docker-run (script),
// makefile, ci. Nullopt when unknown.
std::optional<InputKind> ParseInputKind(std::string_view name);

// Classifies a file by its name (`rel_path`: path relative to the scan root, '/' separated) and,
// for YAML, scripts and Makefiles, by the first bytes of `content_prefix`. Nullopt = not an input
// drydock audits (including Helm templates, which are not YAML until rendered).
std::optional<InputKind> Classify(std::string_view rel_path, std::string_view content_prefix);

struct DiscoveredFile {
  std::string path;  // as it should appear in reports: relative to the scan root's parent
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
// user asked for it; its kind is classified like a file in a tree, Dockerfile by default). Fails
// with kInput when `root` does not exist or cannot be read. Files are returned sorted by path.
core::Result<std::vector<DiscoveredFile>> Discover(const std::string& root,
                                                   const DiscoverOptions& options,
                                                   core::Diagnostics& diagnostics);

}  // namespace drydock::sources
