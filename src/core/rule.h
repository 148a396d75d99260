// SPDX-License-Identifier: Apache-2.0
// The rule interface. A rule is its metadata (one RuleInfo literal, see STYLE.md) plus pure check
// functions, one per model it reads. Checks do no I/O, logging or clock reads: the CLI, the webhook
// and the tests run exactly the same code.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/finding.h"
#include "core/severity.h"

namespace drydock::model {
struct BuildSpec;
struct ImageSpec;
struct RunSpec;
struct RunSet;
}
namespace drydock::core {

// Which model a rule reads (RULES.md "reads" column). Bit flags.
enum Reads : std::uint8_t {
  kReadsBuild = 1,    // B: BuildSpec (Dockerfile)
  kReadsImage = 2,    // I: ImageSpec
  kReadsRun = 4,      // R: RunSpec
  kReadsCluster = 8,  // C: Cluster
};

// Knobs that rules read; filled from .drydock.yaml by policy. Plain data, copied per scan.
struct RuleSettings {
  std::vector<std::string> trusted_registries;  // DD403: empty = rule off
  std::vector<std::string> allowed_capabilities{"NET_BIND_SERVICE"};  // DD802
  std::vector<std::string> nonroot_bases;  // extra base images known to run non-root (DD201)
  std::string today;  // "YYYY-MM-DD", set by the caller (rules read no clock); "" = unknown (DD105)
  std::int64_t image_size_limit = 500'000'000;  // bytes, uncompressed (DD106)
  int vuln_max_db_age_days = 7;                 // DD302
};

// The input kind an example is written in. Each kind has one adapter in the example runner:
// a Dockerfile; a Kubernetes manifest stream; a compose file; a `docker run …` command line (one
// shell line, parsed like `drydock run -- …`); an image sketch (sources/image/sketch.h: config
// JSON and layers of files, written into a real docker-archive tar and read back by the reader).
enum class ExampleKind { kDockerfile, kKubernetes, kCompose, kDockerRun, kImage };

struct Example {
  ExampleKind kind = ExampleKind::kDockerfile;
  std::string_view input;
  bool fires = false;          // true: the rule must report at least once; false: must stay silent
  std::string_view note = {};  // why this case matters (shown by `drydock explain`)
  // Settings the example runs with (static storage); nullptr = defaults. For rules that are off
  // or behave differently unless configured (DD403 trusted-registries, DD201 nonroot-bases).
  const RuleSettings* settings = nullptr;
  // kImage examples of vulnerability rules: an Alpine secdb feed (YAML) that the runner imports
  // into a fresh database (stamped 2026-01-01) before enriching the sketch image.
  std::string_view feed = {};
};

struct RuleInfo {
  std::string_view id;     // "DD201": DD + 3 digits; the hundreds digit names the area
  std::string_view slug;   // "user/root"
  std::string_view title;  // short, imperative-free statement of the problem
  Severity severity = Severity::kMedium;
  int practice = 0;  // seed practice 1-10, 11 = network policy, 0 = tool hygiene (parse errors)
  std::uint8_t reads = 0;  // Reads bit set
  std::string_view rationale;
  std::string_view remediation;
  std::vector<std::string_view> references;  // DL3002, DS-0002, CKV_DOCKER_3, CIS 4.1, …
  std::vector<Example> examples;
};

// Collects the findings of one rule run. Binds the rule's metadata to each finding.
class Reporter {
 public:
  Reporter(const RuleInfo& rule, const RuleSettings& settings, Findings& out)
      : rule_(rule), settings_(settings), out_(out) {}

  // Records a finding at `where` with the rule's default severity.
  Finding& Report(const Origin& where, std::string message);
  Finding& Report(const Origin& where, std::string message, Severity severity);

  const RuleSettings& settings() const { return settings_; }
  const RuleInfo& rule() const { return rule_; }

 private:
  const RuleInfo& rule_;
  const RuleSettings& settings_;
  Findings& out_;
};

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
    requires std::is_invocable_v<const F&, const model::BuildSpec&, Reporter&>
  BuildCheck(F check)  // NOLINT(google-explicit-constructor): `.build = Check` in registrations
      : fn_([check = std::move(check)](const model::BuildSpec& spec, const BuildMemo&,
                                       Reporter& r) { check(spec, r); }) {}
  template <class Memo>
    requires std::is_base_of_v<BuildMemo, Memo>
  BuildCheck(void (*check)(const model::BuildSpec&, const Memo&,
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
  BuildCheck build = {};  // set when info.reads has kReadsBuild
  ImageCheck image = {};  // set when info.reads has kReadsImage
  RunCheck run = {};     // set when info.reads has kReadsRun
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

}  // namespace drydock::core
