// SPDX-License-Identifier: Apache-2.0
#include "cli/audit.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <set>
#include <sstream>

#include "cli/cli.h"
#include "cli/sbom.h"
#include "policy/policy.h"
#include "report/report.h"
#include "rules/catalog.h"
#include "rules/pss.h"
#include "secrets/tree.h"
#include "sources/comments.h"
#include "sources/compose/compose.h"
#include "sources/discover.h"
#include "sources/dockerfile/parser.h"
#include "sources/dockerrun/dockerrun.h"
#include "sources/image/reader.h"
#include "vuln/enrich.h"
#include "sources/kube/kube.h"
#include "sources/yaml/yaml.h"

extern char** environ;

namespace drydock::cli {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxStdinBytes = 64u << 20;
constexpr std::size_t kMaxRunInputBytes = yaml::StreamLimits{}.max_bytes;

policy::Date Today() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  return {utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday};
}

// The directory a relative search for .drydock.yaml starts from.
fs::path ConfigSearchStart(const AuditOptions& o) {
  if (o.paths.empty() || o.paths.front() == "-") return fs::current_path();
  fs::path p = o.paths.front();
  std::error_code ec;
  if (!fs::is_directory(p, ec)) p = p.parent_path();
  if (p.empty()) p = ".";
  return fs::absolute(p, ec);
}

core::Result<policy::Config> LoadPolicyConfig(const AuditOptions& o) {
  if (!o.config.empty()) return policy::LoadConfig(o.config);
  if (auto found = policy::FindConfigUpward(ConfigSearchStart(o))) {
    return policy::LoadConfig(found->string());
  }
  return policy::Config{};
}

// Command-line flags win over the config file.
core::Result<policy::Gate> MergeGate(const AuditOptions& o, const policy::Config& config) {
  policy::Gate gate = policy::GateFromConfig(config);
  if (!o.severity.empty()) {
    auto set = policy::ParseSeverityList(o.severity);
    if (!set) return core::Fail(core::ErrorCode::kUsage, "--severity: " + set.error().message);
    gate.severities = *set;
  }
  if (!o.fail_on.empty()) {
    auto sev = core::ParseSeverity(o.fail_on);
    if (!sev) {
      return core::Fail(core::ErrorCode::kUsage,
                        "--fail-on: unknown severity '" + o.fail_on +
                            "' (expected CRITICAL, HIGH, MEDIUM, LOW or INFO)");
    }
    gate.fail_on = *sev;
  }
  if (o.exit_code) gate.exit_code = *o.exit_code;
  return gate;
}

core::Result<std::string> ReadStdin(std::istream& in) {
  std::string text;
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    text.append(buf, static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxStdinBytes) {
      return core::Fail(core::ErrorCode::kInput, "standard input is larger than 64 MiB",
                        core::FileOrigin("-"));
    }
  }
  return text;
}

struct Inputs {
  std::vector<sources::DiscoveredFile> files;
  bool failed = false;
};

Inputs CollectInputs(const AuditOptions& o, const std::vector<std::string>& skip_dirs,
                     std::optional<sources::InputKind> forced, core::Diagnostics& diags,
                     std::ostream& err) {
  Inputs inputs;
  sources::DiscoverOptions dopts;
  dopts.skip_dirs = skip_dirs;
  for (const auto& path : o.paths) {
    if (path == "-") {
      inputs.files.push_back({"-", "-", forced.value_or(sources::InputKind::kDockerfile)});
      continue;
    }
    if (forced == sources::InputKind::kImage) {
      // `drydock image ARCHIVE|OCI-DIR[:TAG]`: the reader resolves the path and the tag.
      inputs.files.push_back({path, path, sources::InputKind::kImage});
      continue;
    }
    std::error_code ec;
    if (o.single_file && fs::is_directory(path, ec)) {
      PrintError(err, core::Error{core::ErrorCode::kInput,
                                  "is a directory (use `drydock scan` for a tree)",
                                  core::FileOrigin(path), nullptr});
      inputs.failed = true;
      continue;
    }
    auto found = sources::Discover(path, dopts, diags);
    if (!found) {
      PrintError(err, found.error());
      inputs.failed = true;
      continue;
    }
    if (found->empty()) {
      diags.push_back({core::DiagnosticLevel::kNote, core::FileOrigin(path),
                       "no Dockerfile, Kubernetes manifest, compose file or docker run script "
                       "found"});
    }
    for (auto& f : *found) {
      if (o.single_file && forced) f.kind = *forced;  // `drydock k8s FILE`: the user says
      inputs.files.push_back(std::move(f));
    }
  }
  return inputs;
}

std::map<std::string, std::string> ProcessEnvironment() {
  std::map<std::string, std::string> env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string_view kv(*e);
    auto eq = kv.find('=');
    if (eq != std::string_view::npos && eq > 0) env.emplace(kv.substr(0, eq), kv.substr(eq + 1));
  }
  return env;
}

// Parses one run-side input (manifest stream, compose file, script) of `kind`.
model::RunSet ParseRunInput(sources::InputKind kind, const std::string& text,
                            const sources::DiscoveredFile& file, core::Diagnostics& diags) {
  using sources::InputKind;
  switch (kind) {
    case InputKind::kKubernetes:
      return sources::kube::ParseManifests(text, file.path);
    case InputKind::kCompose: {
      sources::compose::ComposeOptions copts;
      copts.environment = ProcessEnvironment();
      if (file.fs_path == "-") return sources::compose::ParseCompose(text, file.path, copts, diags);
      return sources::compose::ParseComposeFile(file.fs_path, file.path, std::move(copts), diags);
    }
    case InputKind::kShellScript:
      return sources::dockerrun::ParseScript(text, file.path,
                                             sources::dockerrun::ScriptKind::kShell);
    case InputKind::kMakefile:
      return sources::dockerrun::ParseScript(text, file.path,
                                             sources::dockerrun::ScriptKind::kMakefile);
    case InputKind::kCiYaml:
      return sources::dockerrun::ParseScript(text, file.path,
                                             sources::dockerrun::ScriptKind::kCiYaml);
    case InputKind::kDockerfile:
    case InputKind::kImage:
      break;
  }
  return {};
}

constexpr std::int64_t kProgressMinBytes = 50'000'000;

// Size of an image input for the progress decision: the file, or the blobs of a layout.
std::int64_t InputBytes(const std::string& path) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) {
    const auto size = fs::file_size(path, ec);
    return ec ? 0 : static_cast<std::int64_t>(size);
  }
  std::int64_t total = 0;
  for (fs::recursive_directory_iterator it(fs::path(path) / "blobs", ec), end; !ec && it != end;
       it.increment(ec)) {
    if (it->is_regular_file(ec)) total += static_cast<std::int64_t>(it->file_size(ec));
  }
  return total;
}

// "\r[drydock] app.tar: layer 2/5 · 312 MB · 141 MB/s" on stderr, overwritten in place.
class ProgressLine {
 public:
  ProgressLine(std::string name, std::int64_t total, std::ostream& err)
      : name_(std::move(name)), total_(total), err_(err),
        start_(std::chrono::steady_clock::now()) {}
  ~ProgressLine() {
    if (shown_) err_ << "\r\033[K" << std::flush;
  }
  void operator()(const sources::image::Progress& p) {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const std::int64_t read = p.bytes_read;
    const double mb = static_cast<double>(read) / 1e6;
    char line[160];
    std::snprintf(line, sizeof line, "\r\033[K[drydock] %.60s: layer %d%s · %.0f/%.0f MB · %.0f MB/s",
                  name_.c_str(), p.layer,
                  p.layers > 0 ? ("/" + std::to_string(p.layers)).c_str() : "", mb,
                  static_cast<double>(total_) / 1e6, seconds > 0 ? mb / seconds : 0.0);
    err_ << line << std::flush;
    shown_ = true;
  }

 private:
  std::string name_;
  std::int64_t total_;
  std::ostream& err_;
  std::chrono::steady_clock::time_point start_;
  bool shown_ = false;
};

// Reads and audits one image input; false when it cannot be read (the error is printed).
// The vulnerability database of this run, opened on first use; null (with a notice) when there is
// none. An explicit --db that cannot be opened is an error.
class VulnDatabase {
 public:
  explicit VulnDatabase(const AuditOptions& o) : options_(o) {}

  // The database, or nullptr with `reason` set.
  vuln::Database* Get(std::string& reason, core::Diagnostics& diags, bool& failed) {
    if (!tried_) {
      tried_ = true;
      path_ = options_.db.empty() ? vuln::DefaultDatabasePath() : options_.db;
      std::error_code ec;
      if (!options_.db.empty() || fs::exists(path_, ec)) {
        auto opened = vuln::Database::Open(path_, false);
        if (opened) {
          db_.emplace(std::move(*opened));
        } else {
          error_ = opened.error().ToString();
        }
      }
      if (!db_) {
        reason_ = error_.empty() ? "no vulnerability database at " + path_ : error_;
        diags.push_back({error_.empty() ? core::DiagnosticLevel::kNote
                                        : core::DiagnosticLevel::kWarning,
                         core::FileOrigin(path_),
                         "vulnerability scanning skipped: " + reason_ +
                             " (import feeds with `drydock db import FILE…`)"});
      }
    }
    if (!error_.empty() && !options_.db.empty()) failed = true;
    reason = reason_;
    return db_ ? &*db_ : nullptr;
  }

 private:
  const AuditOptions& options_;
  bool tried_ = false;
  std::string path_;
  std::string reason_;
  std::string error_;
  std::optional<vuln::Database> db_;
};

bool AuditImage(const AuditOptions& o, const sources::DiscoveredFile& file,
                const core::RuleSettings& settings, const std::set<std::string>& disabled,
                VulnDatabase& vulndb, core::Diagnostics& diags, report::Report& rep,
                std::ostream& err) {
  sources::image::ReadOptions ropts;
  ropts.platform = o.platform;
  if (o.secret_max_size) ropts.secret_max_size = *o.secret_max_size;
  std::optional<ProgressLine> progress;
  const std::int64_t total = InputBytes(file.fs_path);
  if (o.progress && !o.quiet && isatty(STDERR_FILENO) == 1 && total > kProgressMinBytes) {
    progress.emplace(file.path, total, err);
    ropts.progress = [&progress](const sources::image::Progress& p) { (*progress)(p); };
  }
  // `drydock image` names one image; `drydock scan` audits every tag of an archive or layout.
  std::vector<core::Result<model::ImageSpec>> reads;
  if (o.single_file) {
    reads.push_back(sources::image::ReadImage(file.fs_path, ropts));
  } else {
    reads = sources::image::ReadImages(file.fs_path, ropts);
  }
  progress.reset();
  bool ok = true;
  for (auto& spec : reads) {
    if (!spec) {
      core::Error e = spec.error();
      if (e.message.starts_with(file.fs_path)) {
        e.message = file.path + e.message.substr(file.fs_path.size());
      }
      PrintError(err, e);
      ok = false;
      continue;
    }
    // The reader names the image by the path it opened; reports use the display path.
    if (spec->reference.starts_with(file.fs_path)) {
      spec->reference = file.path + spec->reference.substr(file.fs_path.size());
    }
    for (auto& e : spec->errors) e.where.file = spec->reference;
    std::string skipped;
    bool db_failed = false;
    vuln::Database* db = vulndb.Get(skipped, diags, db_failed);
    if (db_failed) ok = false;
    vuln::MatchOptions mopts;
    mopts.ignore_unfixed = o.ignore_unfixed;
    if (auto enriched = vuln::EnrichImage(*spec, db, mopts, skipped); !enriched) {
      PrintError(err, enriched.error());
      ok = false;
    } else if (db != nullptr && !spec->vuln_scan.skipped.empty()) {
      diags.push_back({core::DiagnosticLevel::kNote, core::FileOrigin(spec->reference),
                       "vulnerability scanning skipped: " + spec->vuln_scan.skipped});
    }
    rep.targets.push_back({spec->reference, "image"});
    core::Findings found = rules::CheckImage(*spec, settings, disabled);
    rep.findings.insert(rep.findings.end(), std::make_move_iterator(found.begin()),
                        std::make_move_iterator(found.end()));
  }
  return ok;
}

// The Pod Security Standards section of the report: every workload's level against `required`.
void EvaluatePss(const model::RunSet& set, const std::string& required, report::Report& rep) {
  rep.pss_required = required;
  const rules::PssLevel need =
      required == "restricted" ? rules::PssLevel::kRestricted : rules::PssLevel::kBaseline;
  for (const rules::PssResult& r : rules::EvaluatePss(set)) {
    report::PssWorkload w;
    w.workload = r.workload;
    if (r.workload_index >= 0 &&
        static_cast<std::size_t>(r.workload_index) < set.cluster.workloads.size()) {
      w.file = set.cluster.workloads[static_cast<std::size_t>(r.workload_index)].file;
    }
    w.level = rules::PssLevelName(r.level);
    w.meets = r.level >= need;
    for (const auto& v : r.violations) {
      if (v.level > need) continue;  // a restricted control does not matter for baseline
      w.issues.push_back({rules::PssLevelName(v.level), v.control, v.message, v.origin});
    }
    rep.pss.push_back(std::move(w));
  }
}

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
  return WriteFileAtomically(o.output, [&](std::ostream& file) {
    return report::Write(format, rep, file, ropts);
  });
}

// `drydock secrets PATH…`: every file under the trees through the secret detector; each hit is a
// DD603 finding at its file, line and column, carrying the masked value only.
bool AuditSecretTrees(const AuditOptions& o, const std::vector<std::string>& skip_dirs,
                      const core::RuleSettings& settings, const std::set<std::string>& disabled,
                      report::Report& rep, core::Diagnostics& diags, std::ostream& err) {
  secrets::TreeOptions topts;
  topts.skip_dirs = skip_dirs;
  if (o.secret_max_size) topts.max_size = *o.secret_max_size;
  std::vector<fs::path> roots;
  bool ok = true;
  for (const auto& path : o.paths) {
    std::error_code ec;
    if (path == "-" || !fs::exists(path, ec)) {
      PrintError(err, core::Error{core::ErrorCode::kInput,
                                  path == "-" ? "give a file or directory (standard input is not "
                                                "scanned for secrets)"
                                              : "no such file or directory",
                                  core::FileOrigin(path), nullptr});
      ok = false;
      continue;
    }
    roots.emplace_back(path);
    rep.targets.push_back({path, "secrets"});
  }
  if (roots.empty()) return ok;
  const secrets::TreeResult result = secrets::ScanTree(roots, topts);
  const core::Rule* rule = rules::Catalog().FindById("DD603");
  if (rule != nullptr && disabled.count("DD603") == 0) {
    core::Reporter reporter(rule->info, settings, rep.findings);
    for (const auto& hit : result.hits) {
      core::Finding& f = reporter.Report(
          core::FileOrigin(hit.path, static_cast<int>(hit.line), static_cast<int>(hit.column)),
          hit.title + " (" + hit.masked_value + ")", hit.severity);
      f.secret = core::SecretInfo{hit.rule_id, hit.masked_value};
    }
  }
  for (const auto& e : result.errors) {
    diags.push_back({core::DiagnosticLevel::kWarning, core::FileOrigin(""), e});
  }
  if (result.files_skipped_size > 0) {
    std::string listed;
    for (const auto& p : result.skipped_size_paths) {
      if (listed.size() > 200) break;
      listed += (listed.empty() ? "" : ", ") + p;
    }
    diags.push_back({core::DiagnosticLevel::kNote, core::FileOrigin(""),
                     std::to_string(result.files_skipped_size) + " file(s) larger than " +
                         std::to_string(topts.max_size) +
                         " bytes not scanned (--secret-max-size): " + listed});
  }
  if (result.hits_dropped > 0) {
    diags.push_back({core::DiagnosticLevel::kWarning, core::FileOrigin(""),
                     std::to_string(result.hits_dropped) + " further hits not reported (limit)"});
  }
  diags.push_back({core::DiagnosticLevel::kNote, core::FileOrigin(""),
                   "secrets: " + std::to_string(result.files_scanned) + " files (" +
                       std::to_string(result.bytes_scanned) + " bytes) scanned, " +
                       std::to_string(result.files_skipped_binary) + " binary files skipped"});
  return ok;
}

}  // namespace

int RunAudit(const AuditOptions& o, std::istream& in, std::ostream& out, std::ostream& err) {
  const core::Registry& registry = rules::Catalog();
  std::optional<sources::InputKind> forced;
  if (!o.kind.empty()) {
    forced = sources::ParseInputKind(o.kind);
    if (!forced) {
      err << "drydock: error: --kind: unknown kind '" << o.kind
          << "' (expected dockerfile, kubernetes, compose, docker-run, makefile or ci)\n";
      return kExitUsage;
    }
  }
  if (!o.pss.empty() && o.pss != "baseline" && o.pss != "restricted") {
    err << "drydock: error: --pss: unknown level '" << o.pss
        << "' (expected baseline or restricted)\n";
    return kExitUsage;
  }

  auto config = LoadPolicyConfig(o);
  if (!config) {
    PrintError(err, config.error());
    return kExitUsage;
  }
  core::Diagnostics diags = config->diagnostics;

  auto gate = MergeGate(o, *config);
  if (!gate) {
    PrintError(err, gate.error());
    return kExitUsage;
  }
  std::string format_name = !o.format.empty() ? o.format : config->format.value_or("table");
  auto format = report::ParseFormat(format_name);
  if (!format || *format == report::Format::kMarkdown) {
    err << "drydock: error: --format: unknown format '" << format_name
        << "' (expected table, json or sarif)\n";
    return kExitUsage;
  }

  std::vector<policy::IgnoreEntry> ignores;
  std::string ignorefile = o.ignorefile;
  if (ignorefile.empty()) {
    for (const char* candidate : {".drydockignore", ".drydockignore.yaml"}) {
      std::error_code ec;
      if (fs::is_regular_file(candidate, ec)) ignorefile = candidate;
    }
  }
  if (!ignorefile.empty()) {
    auto loaded = policy::LoadIgnoreFile(ignorefile, diags);
    if (!loaded) {
      PrintError(err, loaded.error());
      return kExitUsage;
    }
    ignores = std::move(*loaded);
  }

  std::vector<std::string> skip_dirs = config->skip_dirs;
  skip_dirs.insert(skip_dirs.end(), o.skip_dirs.begin(), o.skip_dirs.end());
  Inputs inputs;
  if (!o.secrets_only) inputs = CollectInputs(o, skip_dirs, forced, diags, err);

  const std::set<std::string> disabled = policy::DisabledRuleIds(*config, registry);
  sources::dockerfile::ParseOptions popts;
  popts.target = o.target;
  for (const auto& kv : o.build_arg_list) {
    auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) {
      err << "drydock: error: --build-arg: expected KEY=VALUE, got '" << kv << "'\n";
      return kExitUsage;
    }
    popts.build_args[kv.substr(0, eq)] = kv.substr(eq + 1);
  }

  report::Report rep;
  std::vector<policy::FilePragmas> pragmas;
  model::RunSet runs;  // every run-side input together: cluster rules see all manifests at once
  bool stdin_used = false;
  if (!o.run_argv.empty()) {
    runs.Append(sources::dockerrun::ParseCommandLine(o.run_argv));
    rep.targets.push_back({"-", sources::InputKindName(sources::InputKind::kShellScript)});
  }
  core::RuleSettings settings = config->settings;
  settings.today = Today().ToString();
  VulnDatabase vulndb(o);
  if (!o.sbom.empty()) {
    std::string skipped;
    bool db_failed = false;
    vuln::Database* db = vulndb.Get(skipped, diags, db_failed);
    if (db_failed ||
        !AuditSbom(o.sbom, db, o.ignore_unfixed, settings, disabled, diags, rep, err)) {
      inputs.failed = true;
    }
  }
  if (o.secrets_only &&
      !AuditSecretTrees(o, skip_dirs, settings, disabled, rep, diags, err)) {
    inputs.failed = true;
  }
  for (const auto& file : inputs.files) {
    if (file.kind == sources::InputKind::kImage) {
      if (file.fs_path == "-") {
        err << "drydock: error: an image cannot be read from standard input; give a path\n";
        inputs.failed = true;
        continue;
      }
      if (!AuditImage(o, file, settings, disabled, vulndb, diags, rep, err)) inputs.failed = true;
      continue;
    }
    std::string text;
    if (file.fs_path == "-") {
      if (stdin_used) continue;  // "-" twice reads stdin once
      stdin_used = true;
      auto read = ReadStdin(in);
      if (!read) {
        PrintError(err, read.error());
        inputs.failed = true;
        continue;
      }
      text = std::move(*read);
    }
    if (file.kind != sources::InputKind::kDockerfile) {
      if (file.fs_path != "-") {
        std::error_code size_ec;
        const auto size = fs::file_size(file.fs_path, size_ec);
        if (!size_ec && size > kMaxRunInputBytes) {
          // Hostile or generated input: reported as unparsable (DD001), never read.
          model::RunSet skipped;
          skipped.errors.push_back(
              {core::FileOrigin(file.path, 1, 1),
               "file is larger than " + std::to_string(kMaxRunInputBytes >> 20) +
                   " MiB; not parsed"});
          rep.targets.push_back({file.path, sources::InputKindName(file.kind)});
          runs.Append(std::move(skipped));
          continue;
        }
        auto read = yaml::ReadBoundedFile(file.fs_path, kMaxRunInputBytes);
        if (!read) {
          core::Error e = read.error();
          e.where.file = file.path;
          PrintError(err, e);
          inputs.failed = true;
          continue;
        }
        text = std::move(*read);
      }
      model::RunSet set = ParseRunInput(file.kind, text, file, diags);
      const bool is_script = file.kind == sources::InputKind::kShellScript ||
                             file.kind == sources::InputKind::kMakefile ||
                             file.kind == sources::InputKind::kCiYaml;
      // A script without any docker run line is not a target, just a file we looked at.
      if (is_script && set.runs.empty() && set.errors.empty() && !o.single_file) continue;
      rep.targets.push_back({file.path, sources::InputKindName(file.kind)});
      pragmas.push_back(
          policy::ParsePragmas(file.path, sources::HashComments(text), registry, diags));
      runs.Append(std::move(set));
      continue;
    }
    popts.file = file.path;
    model::BuildSpec spec;
    if (file.fs_path == "-") {
      spec = sources::dockerfile::Parse(text, popts);
    } else {
      // The path in reports is the display path; the file is opened by its real path.
      auto parsed = sources::dockerfile::ParseFile(file.fs_path, popts);
      if (!parsed) {
        core::Error e = parsed.error();
        e.where.file = file.path;
        PrintError(err, e);
        inputs.failed = true;
        continue;
      }
      spec = std::move(*parsed);
    }
    rep.targets.push_back({file.path, "dockerfile"});
    core::Findings found = rules::CheckBuild(spec, settings, disabled);
    rep.findings.insert(rep.findings.end(), std::make_move_iterator(found.begin()),
                        std::make_move_iterator(found.end()));
    pragmas.push_back(policy::ParsePragmas(file.path, spec.comments, registry, diags));
  }
  {
    core::Findings found = rules::CheckRuns(runs, settings, disabled);
    rep.findings.insert(rep.findings.end(), std::make_move_iterator(found.begin()),
                        std::make_move_iterator(found.end()));
  }
  if (!o.pss.empty()) EvaluatePss(runs, o.pss, rep);

  policy::Apply({.registry = registry,
                 .today = Today(),
                 .config = &*config,
                 .ignore_file = ignores,
                 .pragmas = pragmas},
                rep.findings, diags);
  rep.findings = policy::SelectForReport(std::move(rep.findings), *gate);
  report::SortFindings(rep.findings);
  rep.diagnostics = diags;

  if (auto emitted = Emit(o, *format, rep, out); !emitted) {
    PrintError(err, emitted.error());
    return kExitUsage;
  }
  if (!o.quiet) report::WriteDiagnostics(diags, err, report::Options{});
  if (inputs.failed) return kExitUsage;
  int code = policy::ExitCodeFor(rep.findings, *gate);
  if (code == 0) {
    // A workload below the required Pod Security Standards level fails the gate like a finding.
    for (const auto& w : rep.pss) {
      if (!w.meets) code = gate->exit_code;
    }
  }
  return code;
}

void PrintError(std::ostream& err, const core::Error& e) {
  err << "drydock: error: " << e.ToString() << "\n";
}

core::Result<void> WriteFileAtomically(
    const std::string& path, const std::function<core::Result<void>(std::ostream&)>& write) {
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
