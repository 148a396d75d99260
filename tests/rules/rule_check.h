// SPDX-License-Identifier: Apache-2.0
// Shared by the per-area rule tests: run one rule of the catalog over a Dockerfile text, and small
// accessors on its findings.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "audit/image.h"
#include "core/diagnostics.h"
#include "rules/catalog.h"
#include "sources/compose/compose.h"
#include "sources/dockerfile/parser.h"
#include "sources/dockerrun/dockerrun.h"
#include "sources/image/reader.h"
#include "sources/image/sketch.h"
#include "sources/kube/kube.h"

namespace drydock::rules::testing {

// Writes an image sketch (sources/image/sketch.h) as a docker-archive tar and reads it back with
// the real image reader, as the example runner does. A sketch that does not build or read fails
// the calling test.
inline model::ImageSpec ReadSketch(std::string_view sketch) {
  auto archive = sources::image::WriteSketchArchive(sketch);
  EXPECT_TRUE(archive.has_value()) << (archive ? "" : archive.error().ToString());
  if (!archive) return {};
  auto spec = sources::image::ReadImageArchive(*archive, "sketch.tar", audit::ScannedReadOptions());
  EXPECT_TRUE(spec.has_value()) << (spec ? "" : spec.error().ToString());
  return spec ? std::move(*spec) : model::ImageSpec{};
}

// Runs rule `id`'s image check over a sketch.
inline core::Findings CheckImageSketch(std::string_view id, std::string_view sketch,
                                       const core::RuleSettings& settings = {}) {
  const rules::Rule* rule = Catalog().FindById(id);
  EXPECT_NE(rule, nullptr) << id;
  if (rule == nullptr) return {};
  core::Findings out;
  RunImageRule(*rule, ReadSketch(sketch), settings, out);
  return out;
}

// Runs rule `id` over an already parsed spec; an unknown id fails the calling test.
inline core::Findings CheckSpec(std::string_view id, const model::BuildSpec& spec,
                                const core::RuleSettings& settings = {}) {
  const rules::Rule* rule = Catalog().FindById(id);
  EXPECT_NE(rule, nullptr) << id;
  if (rule == nullptr) return {};
  core::Findings out;
  RunBuildRule(*rule, spec, settings, out);
  return out;
}

// Parses `text` as a Dockerfile named "Dockerfile" with default options.
inline model::BuildSpec ParseText(std::string_view text) {
  return sources::dockerfile::Parse(text, sources::dockerfile::ParseOptions{});
}

// Parses `text` (ParseText) and runs rule `id` over it.
inline core::Findings Check(std::string_view id, std::string_view text,
                            const core::RuleSettings& settings = {}) {
  return CheckSpec(id, ParseText(text), settings);
}

// Parses a run-side input of `kind` the way the example runner does: a Kubernetes manifest
// stream ("example.yaml"), a compose file ("compose.yaml") or shell text with `docker run` lines
// ("run.sh").
inline model::RunSet ParseRun(core::ExampleKind kind, std::string_view text) {
  switch (kind) {
    case core::ExampleKind::kKubernetes:
      return sources::kube::ParseManifests(text, "example.yaml");
    case core::ExampleKind::kCompose: {
      core::Diagnostics diagnostics;
      return sources::compose::ParseCompose(text, "compose.yaml", {}, diagnostics);
    }
    case core::ExampleKind::kDockerRun:
      return sources::dockerrun::ParseScript(text, "run.sh",
                                             sources::dockerrun::ScriptKind::kShell);
    case core::ExampleKind::kDockerfile:
    case core::ExampleKind::kImage:
      break;
  }
  ADD_FAILURE() << "not a run-side example kind";
  return {};
}

// Runs rule `id` (run and cluster checks) over a parsed RunSet.
inline core::Findings CheckRunSet(std::string_view id, const model::RunSet& set,
                                  const core::RuleSettings& settings = {}) {
  const rules::Rule* rule = Catalog().FindById(id);
  EXPECT_NE(rule, nullptr) << id;
  if (rule == nullptr) return {};
  core::Findings out;
  for (const auto& spec : set.runs) RunRunRule(*rule, spec, settings, out);
  RunClusterRule(*rule, set, settings, out);
  return out;
}

// Shorthands: rule `id` over a manifest, a compose file, or docker run lines.
inline core::Findings CheckKube(std::string_view id, std::string_view text,
                                const core::RuleSettings& settings = {}) {
  return CheckRunSet(id, ParseRun(core::ExampleKind::kKubernetes, text), settings);
}
inline core::Findings CheckCompose(std::string_view id, std::string_view text,
                                   const core::RuleSettings& settings = {}) {
  return CheckRunSet(id, ParseRun(core::ExampleKind::kCompose, text), settings);
}
inline core::Findings CheckDockerRun(std::string_view id, std::string_view text,
                                     const core::RuleSettings& settings = {}) {
  return CheckRunSet(id, ParseRun(core::ExampleKind::kDockerRun, text), settings);
}

// An origin in the hand-built RunSpecs of the run-side rule tests: "in.yaml", `line`, column 1.
inline core::Origin At(int line, std::string path = "") {
  core::Origin o = core::FileOrigin("in.yaml", line, 1);
  o.path = std::move(path);
  return o;
}

// The line of every finding, in order.
inline std::vector<int> Lines(const core::Findings& findings) {
  std::vector<int> lines;
  for (const auto& f : findings) lines.push_back(f.location.line);
  return lines;
}

inline bool Mentions(const core::Finding& f, std::string_view what) {
  return f.message.find(what) != std::string::npos;
}

}  // namespace drydock::rules::testing
