// SPDX-License-Identifier: Apache-2.0
// Image-reference helpers shared by the user and supply-chain rules: parsing a reference written
// outside FROM (`COPY --from=nginx:1.25`), Docker Hub normalisation, matching a reference against
// user-configured patterns (trusted registries, known non-root bases) and the built-in list of
// bases that run as a non-root user by default.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/build_spec.h"

namespace drydock::rules::detail {

using model::ParseImageRef;

// The registry host, "docker.io" for Docker Hub (implicit, index.docker.io, registry-1.docker.io,
// registry.hub.docker.com, hub.docker.com), lower case.
std::string RegistryOf(const model::ImageRef& ref);

// "registry/repository" with Docker Hub's implicit "library/" namespace applied:
// "nginx" -> "docker.io/library/nginx", "gcr.io/distroless/static" unchanged.
std::string CanonicalName(const model::ImageRef& ref);

// True when `ref` matches `pattern`: a reference whose canonical name equals ref's (a trailing
// `*` matches any suffix, e.g. "gcr.io/distroless/*"); a tag or digest in the pattern must match
// too. "myorg/base" matches "myorg/base:1.2" and "docker.io/myorg/base@sha256:…".
bool MatchesImagePattern(const model::ImageRef& ref, std::string_view pattern);

// True when ref's registry (optionally with a path prefix, e.g. "ghcr.io/myorg") is in `trusted`.
// "docker.io" (or hub.docker.com) names Docker Hub, which is where references without a registry
// go. Wildcards as hadolint's DL3026 reads them: "*" trusts every registry, "*.gcr.io" any host
// ending in ".gcr.io", "registry.example*" any host starting so; a trailing "/*" is a path prefix.
bool IsTrustedRegistry(const model::ImageRef& ref, const std::vector<std::string>& trusted);

// True when the image is known to run as a non-root user without a USER instruction:
// distroless and Chainguard `:nonroot` / `:*-nonroot` tags, every cgr.dev/chainguard image
// (uid 65532), and any reference matching one of `extra` (RuleSettings::nonroot_bases).
bool IsKnownNonRootBase(const model::ImageRef& ref, const std::vector<std::string>& extra);

// "nginx:1.25" / "gcr.io/distroless/static@sha256:abcd…": how messages name an image.
std::string DisplayRef(const model::ImageRef& ref);

}  // namespace drydock::rules::detail
