// SPDX-License-Identifier: Apache-2.0
#include "cli/audit.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "audit/audit.h"
#include "cli/cli.h"
#include "report/report.h"

namespace drydock::cli {
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kProgressMinBytes = 50'000'000;

// "\r[drydock] app.tar: layer 2/5 · 312 MB · 141 MB/s" on stderr, overwritten in place; shown
// for images over 50 MB only, erased when the image has been read.
class ProgressLine {
 public:
  explicit ProgressLine(std::ostream& err) : err_(err), start_(std::chrono::steady_clock::now()) {}

  // The clock runs from construction, then from the end of each image read.
  void operator()(const audit::Progress& p) {
    if (p.done) {
      if (shown_) err_ << "\r\033[K" << std::flush;
      shown_ = false;
      start_ = std::chrono::steady_clock::now();
      return;
    }
    if (p.bytes_total <= kProgressMinBytes) return;
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double mb = static_cast<double>(p.bytes_read) / 1e6;
    char line[160];
    std::snprintf(line, sizeof line,
                  "\r\033[K[drydock] %.60s: layer %d%s · %.0f/%.0f MB · %.0f MB/s", p.image.c_str(),
                  p.layer, p.layers > 0 ? ("/" + std::to_string(p.layers)).c_str() : "", mb,
                  static_cast<double>(p.bytes_total) / 1e6, seconds > 0 ? mb / seconds : 0.0);
    err_ << line << std::flush;
    shown_ = true;
  }

 private:
  std::ostream& err_;
  std::chrono::steady_clock::time_point start_;
  bool shown_ = false;
};

bool UseColor(const AuditOptions& o) {
  if (o.no_color || !o.output.empty() || std::getenv("NO_COLOR") != nullptr) return false;
  return isatty(STDOUT_FILENO) == 1;
}

// Writes the rendered report to -o FILE (via a temporary beside it, renamed into place) or `out`.
core::Result<void> Emit(const AuditOptions& o, report::Format format, const report::Report& rep,
                        std::ostream& out) {
  report::Options ropts;
  ropts.color = UseColor(o);
  ropts.show_suppressed = o.show_suppressed;
  if (o.output.empty() || o.output == "-") return report::Write(format, rep, out, ropts);
  return WriteFileAtomically(
      o.output, [&](std::ostream& file) { return report::Write(format, rep, file, ropts); });
}

// The flags as an audit request.
audit::Request ToRequest(const AuditOptions& o, std::istream& in, ProgressLine& progress) {
  audit::Request r;
  if (!o.run_argv.empty()) r.inputs.push_back(audit::ArgvInput{o.run_argv});
  if (!o.sbom.empty()) r.inputs.push_back(audit::SbomInput{o.sbom});
  for (const auto& path : o.paths) {
    if (o.secrets_only) {
      r.inputs.push_back(audit::SecretTreeInput{path});
    } else {
      r.inputs.push_back(audit::PathInput{path});
    }
  }
  r.kind = o.kind;
  r.single_file = o.single_file;
  r.every_tag = !o.single_file;
  r.standard_input = &in;
  r.skip_dirs = o.skip_dirs;
  r.config = o.config;
  r.ignorefile = o.ignorefile;
  r.severity = o.severity;
  r.fail_on = o.fail_on;
  r.exit_code = o.exit_code;
  r.pss = o.pss;
  r.build_args = o.build_arg_list;
  r.target_stage = o.target;
  r.platform = o.platform;
  r.secret_max_size = o.secret_max_size;
  r.enrichers.database = o.db;
  r.enrichers.ignore_unfixed = o.ignore_unfixed;
  if (o.progress && !o.quiet && isatty(STDERR_FILENO) == 1) {
    r.progress = [&progress](const audit::Progress& p) { progress(p); };
  }
  return r;
}

}  // namespace

int RunAudit(const AuditOptions& o, std::istream& in, std::ostream& out, std::ostream& err) {
  ProgressLine progress(err);
  const audit::Request request = ToRequest(o, in, progress);
  // The format is checked once the config (which may set it) is read, before any input is.
  report::Format format = report::Format::kTable;
  auto plan = audit::Prepare(
      request, [&](const std::optional<std::string>& config_format) -> core::Result<void> {
        const std::string name = !o.format.empty() ? o.format : config_format.value_or("table");
        auto parsed = report::ParseFormat(name);
        if (!parsed || *parsed == report::Format::kMarkdown) {
          return core::Fail(core::ErrorCode::kUsage, "--format: unknown format '" + name +
                                                         "' (expected table, json or sarif)");
        }
        format = *parsed;
        return {};
      });
  if (!plan) {
    PrintError(err, plan.error());
    return kExitUsage;
  }

  audit::Outcome outcome = audit::Run(**plan);
  for (const core::Error& e : outcome.errors) PrintError(err, e);
  report::Report rep;
  rep.targets = std::move(outcome.inputs);
  rep.findings = std::move(outcome.findings);
  rep.diagnostics = outcome.diagnostics;
  rep.pss_required = std::move(outcome.pss_required);
  rep.pss = std::move(outcome.pss);
  if (auto emitted = Emit(o, format, rep, out); !emitted) {
    PrintError(err, emitted.error());
    return kExitUsage;
  }
  if (!o.quiet) report::WriteDiagnostics(outcome.diagnostics, err, report::Options{});
  return outcome.decision.exit_code;
}

void PrintError(std::ostream& err, const core::Error& e) {
  err << "drydock: error: " << e.ToString() << "\n";
}

core::Result<void> WriteFileAtomically(
    const std::string& path, const std::function<core::Result<void>(std::ostream&)>& write) {
  std::error_code status_ec;
  const fs::file_status status = fs::status(path, status_ec);
  if (!status_ec && fs::exists(status) && !fs::is_regular_file(status)) {
    if (fs::is_directory(status)) {
      return core::Fail(
          core::ErrorCode::kInput,
          "cannot write output file: " + std::make_error_code(std::errc::is_a_directory).message(),
          core::FileOrigin(path));
    }
    // A device, FIFO or socket (/dev/null, /dev/stdout, a pipe): written in place, never replaced.
    std::ofstream file(path, std::ios::binary);
    if (!file) {
      return core::Fail(core::ErrorCode::kInput, "cannot write output file",
                        core::FileOrigin(path));
    }
    if (auto written = write(file); !written) return written;
    file.close();
    if (!file) {
      return core::Fail(core::ErrorCode::kInput, "cannot write output file",
                        core::FileOrigin(path));
    }
    return {};
  }
  const std::string tmp = path + ".drydock-tmp";
  {
    std::ofstream file(tmp, std::ios::binary | std::ios::trunc);
    if (!file) {
      return core::Fail(core::ErrorCode::kInput, "cannot write output file",
                        core::FileOrigin(path));
    }
    auto written = write(file);
    file.close();
    if (!written || !file) {
      std::remove(tmp.c_str());
      if (!written) return written;
      return core::Fail(core::ErrorCode::kInput, "cannot write output file",
                        core::FileOrigin(path));
    }
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    std::remove(tmp.c_str());
    return core::Fail(core::ErrorCode::kInput, "cannot write output file: " + ec.message(),
                      core::FileOrigin(path));
  }
  return {};
}

}  // namespace drydock::cli
