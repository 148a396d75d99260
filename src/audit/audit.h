// SPDX-License-Identifier: Apache-2.0
// The audit pipeline, once for every front end (CLI subcommands now; the admission webhook,
// registry and engine scans, reports and fleet scans next): policy and ignore files, discovery,
// the adapters, the enrichers (vulnerability database), the rules, Pod Security Standards,
// suppressions, the severity filter and the gate.
//
//   audit::Request request;                       // typed inputs and settings
//   request.inputs.push_back(audit::PathInput{"deploy/"});
//   auto outcome = audit::Run(request);           // Result<Outcome>: an Error only for usage
//   ...                                           // errors (bad --severity, unreadable config)
//
// An input that cannot be read is not an error of Run: it is listed in Outcome::errors, the other
// inputs are still audited, and the gate then says exit code 2, as `drydock scan` always has.
// Run does no output of its own except through Request::progress. Not thread-safe per call; two
// calls on two threads share nothing but the rule catalog, which is immutable.
#pragma once

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/diagnostics.h"
#include "core/error.h"
#include "core/finding.h"
#include "report/report.h"
#include "rules/rule.h"
#include "yaml/yaml.h"

namespace drydock::audit {

// ---- Inputs ------------------------------------------------------------------------------------

// A file or directory. Directories are walked and every file classified (discovery), unless
// Request::single_file; "-" is Request::standard_input. With Request::kind "image", the path is an
// image archive or OCI layout, optionally ":TAG".
struct PathInput {
  std::string path;
};

// Content held in memory, audited as a file named `name` of kind `kind` (the names of
// Request::kind: dockerfile, kubernetes, compose, docker-run, makefile, ci).
struct BytesInput {
  std::string name;
  std::string kind;
  std::string bytes;
};

// One Kubernetes object already decoded (the `object` of an AdmissionReview). `name` is used in
// locations ("admission:default/api" …); node lines and columns are those of the decoded text.
struct ObjectInput {
  std::string name;
  yaml::YamlNode object;
};

// A `docker run …` / `podman run …` command line as argv (argv[0] = "docker").
struct ArgvInput {
  std::vector<std::string> argv;
};

// Pulls the next bytes of a stream (at most `size` into `buf`); 0 = end; an Error ends the read.
using StreamRead = std::function<core::Result<std::size_t>(char* buf, std::size_t size)>;

// An image archive (docker-archive or OCI archive, possibly compressed) arriving as a stream that
// is read once: from a registry or an engine. `bytes_total` (0 = unknown) is for progress only.
struct ImageStreamInput {
  std::string reference;
  StreamRead read;
  std::int64_t bytes_total = 0;
};

// A CycloneDX JSON SBOM: its packages matched against the vulnerability database; only the
// vulnerability rules (DD301, DD302) run.
struct SbomInput {
  std::string path;
};

// A file or tree scanned for credentials (`drydock secrets`): every hit is DD603.
struct SecretTreeInput {
  std::string path;
};

using Input = std::variant<PathInput, BytesInput, ObjectInput, ArgvInput, ImageStreamInput,
                           SbomInput, SecretTreeInput>;

// ---- Request -----------------------------------------------------------------------------------

// Image read progress, for a progress line. `done` is sent once after each image read.
struct Progress {
  std::string image;             // the display name
  int layer = 0;                 // 1-based layer being read, 0 = none yet
  int layers = 0;                // layers known so far
  std::int64_t bytes_read = 0;   // stored bytes read
  std::int64_t bytes_total = 0;  // the input's size on disk (all blobs of a layout)
  bool done = false;
};

// Which enrichers run. Each is optional; a rule whose facts are missing is listed as skipped,
// with the reason, in its target's Outcome.
struct Enrichers {
  bool vulnerabilities = true;  // match packages against the vulnerability database
  std::string database;         // its path ("" = the default; an explicit path must open)
  bool ignore_unfixed = false;  // leave out vulnerabilities without a fixed version
  bool build_facts = true;      // compose `build:` services: facts of the service's Dockerfile
};

struct Request {
  std::vector<Input> inputs;

  // How PathInputs are read. `kind`: the kind of "-" and, with `single_file`, of every path
  // ("" = discovered by name and content; "image" = image archives or layouts).
  std::string kind;
  bool single_file = false;  // paths are files, never walked (`drydock dockerfile FILE`)
  bool every_tag = true;     // image paths: every tag of an archive (false: the one named)
  std::istream* standard_input = nullptr;  // for "-"; nullptr = "-" is an error
  std::vector<std::string> skip_dirs;      // discovery: directory globs to skip (and config's)

  // Policy. Unset fields come from the config file; flags given here win.
  std::string config;      // policy file ("" = .drydock.yaml and .hadolint.yaml found upward from
                           // the first path, merged key by key)
  std::string ignorefile;  // "" = .drydockignore(.yaml) in the working directory, if present
  std::string severity;    // "CRITICAL,HIGH": report only these
  std::string fail_on;     // only findings at or above trigger the exit code
  std::optional<int> exit_code;
  std::string pss;  // "", "baseline" or "restricted": Pod Security Standards per workload

  // Adapter settings.
  std::vector<std::string> build_args;          // "KEY=VALUE", as `docker build --build-arg`
  std::string target_stage;                     // `docker build --target`
  std::string platform;                         // "os/arch[/variant]" of an image index
  std::optional<std::int64_t> secret_max_size;  // bytes; nullopt = 10 MiB

  Enrichers enrichers;
  std::function<void(const Progress&)> progress;  // may be empty
};

// ---- Outcome -----------------------------------------------------------------------------------

// Why a rule that applies to a target's model was not evaluated for it.
struct SkippedRule {
  std::string_view rule;  // "DD301" (the catalog's storage)
  std::string reason;     // "disabled by policy", "no vulnerability database at …", …
};

// Which rules a target was evaluated by, and which were skipped and why. Immutable and shared by
// the targets it describes (every workload of a run has the same), so a run of many targets
// stays small.
struct RuleCoverage {
  std::vector<std::string_view> evaluated;  // rule ids (the catalog's storage), catalog order
  std::vector<SkippedRule> skipped;

  bool Evaluated(std::string_view id) const;
};

// One audited unit: a Dockerfile, an image, an SBOM, a secrets tree, a Kubernetes workload, a
// compose service, a `docker run` line; or, for run-side inputs, the input file itself (its parse
// errors and the findings of objects that are no workload, such as a NetworkPolicy).
struct Target {
  std::string kind;     // dockerfile, image, sbom, secrets, workload, service, run, kubernetes,
                        // compose, docker-run, makefile, ci (the last five: a run-side file)
  std::string name;     // the path; "Deployment/shop/api"; "service api"; "docker run"
  std::string file;     // the file it came from (= name for files and images)
  core::Origin origin;  // where it is defined
  std::vector<std::size_t> findings;          // indices into Outcome::findings, in report order
  std::shared_ptr<const RuleCoverage> rules;  // never null in an Outcome
  std::optional<std::size_t> pss;             // index into Outcome::pss (workloads, with --pss)
  core::Diagnostics notices;  // about this target only (also in Outcome::diagnostics)
};

// The gate: what the run means for a CI job.
struct Decision {
  int exit_code = 0;                  // 0; the --exit-code value; 2 when an input could not be read
  bool inputs_failed = false;         // some input could not be read (Outcome::errors)
  std::size_t failing_findings = 0;   // reported, unsuppressed, at or above --fail-on
  std::size_t failing_workloads = 0;  // below the required PSS level
};

struct Outcome {
  std::vector<report::Target> inputs;  // what was read, in order (the report's "targets")
  std::vector<Target> targets;
  core::Findings findings;          // after policy and the severity filter, sorted for the report
  core::Diagnostics diagnostics;    // notices and warnings of the whole run, in order
  std::vector<core::Error> errors;  // inputs that could not be read, in order
  std::string pss_required;
  std::vector<report::PssWorkload> pss;
  std::optional<std::string> config_format;  // `format:` of the config file, for the front end
  Decision decision;
};

// ---- Entry points ------------------------------------------------------------------------------

// A Request checked and its policy loaded: the first half of Run, separate so that a front end can
// reject its own flags (an unknown --format) against the config before any input is read.
struct Plan;
struct PlanDeleter {
  void operator()(Plan* plan) const;
};
using PlanPtr = std::unique_ptr<Plan, PlanDeleter>;

// A front end's own check of its flags against the config file's `format:` (nullopt when the
// config sets none), run by Prepare right after the config is loaded.
using FrontEndCheck = std::function<core::Result<void>(const std::optional<std::string>& format)>;

// Checks the request's settings (kinds, levels, severities, build args) and loads the config and
// ignore files, in that order, calling `check` (if any) once the config and the gate are known.
// A usage Error (exit code 2) for the first that is bad. `request` must outlive the plan.
core::Result<PlanPtr> Prepare(const Request& request, const FrontEndCheck& check = {});
// Runs a prepared audit.
Outcome Run(const Plan& plan);
// Prepare and Run.
core::Result<Outcome> Run(const Request& request);

// The rule catalog every audit runs (for `drydock rules` and `explain`). Immutable.
const rules::Registry& Rules();

}  // namespace drydock::audit
