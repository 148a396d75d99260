// SPDX-License-Identifier: Apache-2.0
// The rule interface. A rule is its metadata (core::RuleInfo, one literal: see STYLE.md) plus pure
// check functions, one per model it reads. Checks do no I/O, logging or clock reads: the CLI, the
// webhook and the tests run exactly the same code. The registry holds every rule.
#pragma once

#include <functional>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/rule.h"
#include "model/build_spec.h"
#include "model/cluster.h"
#include "model/image_spec.h"
#include "model/run_spec.h"

namespace drydock::rules {

using core::Reporter;
using core::RuleInfo;

// Derived views of one BuildSpec that the build checks of one run share (package commands per
// RUN, the OS packages kept in the final image, …). The rules layer defines the concrete type
// (rules/detail/build_facts.h) and builds one per spec; core only passes it through, so it names
// nothing above itself.
class BuildMemo {
 public:
  virtual ~BuildMemo() = default;

 protected:
  BuildMemo() = default;
  BuildMemo(const BuildMemo&) = default;
  BuildMemo& operator=(const BuildMemo&) = default;
};

// A rule's build check. Written either as `void(const BuildSpec&, Reporter&)` or, for checks
// that read the shared derived views, as a function `void(const BuildSpec&, const Memo&,
// Reporter&)` where Memo derives from BuildMemo. The memo is built by the caller
// (rules::RunBuildRule / CheckBuild) for exactly the spec passed alongside, and is of the Memo
// type the check names; it is a per-run memo, not state that outlives the spec, so checks stay
// pure.
class BuildCheck {
 public:
  using Fn = std::function<void(const model::BuildSpec&, const BuildMemo&, Reporter&)>;

  BuildCheck() = default;
  template <class F>
  requires std::is_invocable_v<const F&, const model::BuildSpec&, Reporter&> BuildCheck(
      F check)  // NOLINT(google-explicit-constructor): `.build = Check` in registrations
      : fn_([check = std::move(check)](const model::BuildSpec& spec, const BuildMemo&,
                                       Reporter& r) { check(spec, r); }) {}
  template <class Memo>
  requires std::is_base_of_v<BuildMemo, Memo> BuildCheck(
      void (*check)(const model::BuildSpec&, const Memo&,
                    Reporter&))  // NOLINT(google-explicit-constructor)
      : fn_([check](const model::BuildSpec& spec, const BuildMemo& memo, Reporter& r) {
          check(spec, static_cast<const Memo&>(memo), r);
        }) {}

  explicit operator bool() const { return static_cast<bool>(fn_); }
  // Contract: `memo` was built for `spec` and is of the type the check was written for.
  void operator()(const model::BuildSpec& spec, const BuildMemo& memo, Reporter& r) const {
    fn_(spec, memo, r);
  }

 private:
  Fn fn_;
};

// A rule's image check: one image (config, layers, merged filesystem, secrets found in layers).
using ImageCheck = std::function<void(const model::ImageSpec&, Reporter&)>;
// A rule's run check: one container as RunSpec, whatever syntax described it.
using RunCheck = std::function<void(const model::RunSpec&, Reporter&)>;
// A rule's cluster check: everything seen together in one scan (every RunSpec and the Cluster
// of workloads and NetworkPolicies).
using ClusterCheck = std::function<void(const model::RunSet&, Reporter&)>;

struct Rule {
  RuleInfo info;
  BuildCheck build = {};      // set when info.reads has kReadsBuild
  ImageCheck image = {};      // set when info.reads has kReadsImage
  RunCheck run = {};          // set when info.reads has kReadsRun
  ClusterCheck cluster = {};  // set when info.reads has kReadsCluster
};

// Holds every rule; built once by rules::Catalog(). Lookups by id, slug or reference.
class Registry {
 public:
  // Adds a rule. Contract: ids and slugs are unique (checked by the meta-test, not here).
  void Add(Rule rule);

  const std::vector<Rule>& rules() const { return rules_; }
  const Rule* FindById(std::string_view id) const;
  const Rule* FindBySlug(std::string_view slug) const;
  // Accepts an id, a slug or a peer reference (e.g. "DL3002"); returns every matching rule.
  std::vector<const Rule*> Resolve(std::string_view key) const;

 private:
  std::vector<Rule> rules_;
};

}  // namespace drydock::rules
