// SPDX-License-Identifier: Apache-2.0
// ImageFacts: what is known about an image that a Dockerfile or a run only names — its USER,
// healthcheck, environment, exposed ports and notable files (a shell, a package manager, a
// toolchain) — each with where the fact came from: a Dockerfile line, a base image's config, an
// image layer. Enrichers fill it (audit/: a compose `build:` service from its Dockerfile; later a
// base image from a registry or a local archive); rules read it and can say where a fact came
// from. Plain data.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/origin.h"

namespace drydock::model {

enum class FactSource : std::uint8_t {
  kDockerfile,   // an instruction of the Dockerfile that builds the image
  kImageConfig,  // the config blob of the image itself or of its base
  kImageLayer,   // a file of a layer
};

// "dockerfile", "image-config", "image-layer".
const char* FactSourceName(FactSource source);

template <class T>
struct Fact {
  T value{};
  FactSource source = FactSource::kDockerfile;
  core::Origin origin;  // the Dockerfile line, or the image and layer path
};

enum class NotableKind : std::uint8_t { kShell, kPackageManager, kToolchain };

struct NotableFile {
  std::string path;  // "/bin/sh"
  NotableKind kind = NotableKind::kShell;
  FactSource source = FactSource::kImageLayer;
  core::Origin origin;
};

struct ImageFacts {
  std::string subject;  // what the facts describe: "docker/web/Dockerfile", an image reference
  std::optional<Fact<std::string>> user;  // the effective USER ("" = root); unset = unknown
  // true: a healthcheck is set; false: `HEALTHCHECK NONE`; unset = unknown (inherited)
  std::optional<Fact<bool>> healthcheck;
  std::map<std::string, Fact<std::string>> env;  // name → value, the last assignment
  std::vector<Fact<std::string>> exposed_ports;  // "80/tcp"
  std::vector<NotableFile> notable_files;
  // The facts stop at a base image that was not resolved ("" = every layer is known, e.g. FROM
  // scratch): USER, healthcheck, env and files set there are unknown, not absent.
  std::string unresolved_base;
};

// How a compose service builds its image (`build:`), as written after interpolation.
struct BuildRecipe {
  std::string context;     // `build: DIR` or `build.context`, relative to the compose file
  std::string dockerfile;  // `build.dockerfile` ("" = Dockerfile in the context)
  std::map<std::string, std::string> args;  // `build.args`
  std::string target;                       // `build.target`
  core::Origin origin;                      // the `build` key
};

}  // namespace drydock::model
