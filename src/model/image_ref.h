// SPDX-License-Identifier: Apache-2.0
// ImageRef: an image reference as Dockerfiles, manifests, compose files and `docker run` lines
// write it, split into its parts. Shared by every adapter and by the rules.
#pragma once

#include <string>
#include <string_view>

namespace drydock::model {

// A parsed image reference: [registry/]repository[:tag][@digest].
struct ImageRef {
  std::string original;     // as written, after variable expansion
  std::string registry;     // "" when implicit (Docker Hub)
  std::string repository;   // "library/nginx" style is NOT applied; as written ("nginx")
  std::string tag;          // "" when absent
  std::string digest;       // "sha256:…" or ""
  bool unresolved = false;  // still contains `$` after expansion
};

// Parses `[registry/]repository[:tag][@digest]`. The first path component is the registry when
// it contains '.' or ':' or is "localhost" and more components follow. No variable expansion;
// `unresolved` is set when the text contains '$'. Never fails: odd text lands in `repository`.
ImageRef ParseImageRef(std::string_view text);

}  // namespace drydock::model
