// SPDX-License-Identifier: Apache-2.0
// The audit pipeline shared by `scan`, `dockerfile`, `k8s`, `compose`, `run`, `image` and
// `secrets`: load policy, discover inputs, parse them into models, run the rules, apply
// suppressions, render the report, decide the exit code.
#pragma once

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"

namespace drydock::cli {

struct AuditOptions {
  std::vector<std::string> paths;           // files or directories; "-" = stdin
  std::string kind;                         // --kind: the kind of "-" (stdin), and of every path
                                            // given to `drydock k8s` / `drydock compose`
  std::string severity;                     // --severity CRITICAL,HIGH ("" = from config / all)
  std::string fail_on;                      // --fail-on SEVERITY
  std::optional<int> exit_code;             // --exit-code N
  std::string format;                       // --format
  std::string output;                       // -o FILE ("" = stdout)
  std::string config;                       // --config FILE
  std::string ignorefile;                   // --ignorefile FILE
  std::vector<std::string> skip_dirs;       // --skip-dirs
  std::vector<std::string> build_arg_list;  // --build-arg K=V, as given
  std::string target;                       // --target STAGE: judge that stage as the image
  bool quiet = false;                       // -q: no diagnostics, no summary noise
  bool no_color = false;
  bool show_suppressed = false;
  bool single_file = false;           // `drydock dockerfile`: paths are files, no discovery
  std::string pss;                    // --pss baseline|restricted ("" = not evaluated)
  std::vector<std::string> run_argv;  // `drydock run -- docker run …`: the command line
  std::string platform;               // --platform os/arch[/variant] for image indexes
  std::optional<std::int64_t> secret_max_size;  // --secret-max-size, parsed; nullopt = 10 MiB
  bool progress = true;                         // a progress line on a TTY for large images
  bool secrets_only = false;    // `drydock secrets PATH…`: the secret detector over trees
  std::string db;               // --db: vulnerability database ("" = the default path)
  bool ignore_unfixed = false;  // --ignore-unfixed
  std::string sbom;             // `image --sbom FILE`: a CycloneDX SBOM, not an image
};

// Returns the process exit code. Writes the report to `out` (or the -o file) and diagnostics and
// errors to `err`.
int RunAudit(const AuditOptions& options, std::istream& in, std::ostream& out, std::ostream& err);

// "drydock: error: <file:line: message>" on `err`.
void PrintError(std::ostream& err, const core::Error& e);

// Writes `path` through a temporary beside it, renamed into place, so that a failed or
// interrupted run never leaves a half-written file: `write` renders the content into the stream.
// A path that is a device, FIFO or socket (`-o /dev/null`, `-o /dev/stdout`) is written in place,
// never replaced; a directory is an error.
core::Result<void> WriteFileAtomically(
    const std::string& path, const std::function<core::Result<void>(std::ostream&)>& write);

}  // namespace drydock::cli
