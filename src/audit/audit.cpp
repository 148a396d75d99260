// SPDX-License-Identifier: Apache-2.0
#include "audit/audit.h"

#include <ctime>
#include <filesystem>
#include <istream>
#include <iterator>
#include <set>
#include <unordered_map>
#include <utility>

#include "audit/detail/build_facts.h"
#include "audit/detail/sbom_audit.h"
#include "audit/detail/targets.h"
#include "audit/image.h"
#include "core/io.h"
#include "policy/policy.h"
#include "rules/catalog.h"
#include "rules/pss.h"
#include "secrets/tree.h"
#include "sources/comments.h"
#include "sources/compose/compose.h"
#include "sources/discover.h"
#include "sources/dockerfile/parser.h"
#include "sources/dockerrun/dockerrun.h"
#include "sources/kube/kube.h"
#include "vuln/enrich.h"

extern char** environ;

namespace drydock::audit {
namespace fs = std::filesystem;

struct Plan {
  explicit Plan(const Request& r) : request(r) {}

  const Request& request;
  std::optional<sources::InputKind> forced;  // Request::kind
  policy::Config config;
  policy::Gate gate;
  std::vector<policy::IgnoreEntry> ignores;
  std::vector<std::string> skip_dirs;  // config's, then the request's
  std::set<std::string> disabled;
  std::map<std::string, std::string> build_args;
  core::Diagnostics diagnostics;  // from loading the config and ignore file
};

void PlanDeleter::operator()(Plan* plan) const { delete plan; }

namespace {

constexpr std::size_t kMaxStdinBytes = 64u << 20;
constexpr std::size_t kMaxRunInputBytes = yaml::StreamLimits{}.max_bytes;
constexpr std::int64_t kDefaultSecretMaxSize = 10 << 20;

policy::Date Today() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  return {utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday};
}

// The first path the request names (a file, tree or image), if any.
std::optional<std::string> FirstPath(const Request& r) {
  for (const Input& input : r.inputs) {
    if (const auto* p = std::get_if<PathInput>(&input)) return p->path;
    if (const auto* t = std::get_if<SecretTreeInput>(&input)) return t->path;
  }
  return std::nullopt;
}

// The directory a relative search for .drydock.yaml starts from.
fs::path ConfigSearchStart(const Request& r) {
  const std::optional<std::string> first = FirstPath(r);
  if (!first || *first == "-") return fs::current_path();
  fs::path p = *first;
  std::error_code ec;
  if (!fs::is_directory(p, ec)) p = p.parent_path();
  if (p.empty()) p = ".";
  return fs::absolute(p, ec);
}

// --config names the one policy file read. Otherwise .drydock.yaml and .hadolint.yaml are each
// searched upward from the scan root, and .drydock.yaml's settings win key by key.
core::Result<policy::Config> LoadPolicyConfig(const Request& r) {
  if (!r.config.empty()) return policy::LoadConfig(r.config);
  const fs::path start = ConfigSearchStart(r);
  policy::Config config;
  if (auto found = policy::FindConfigUpward(start)) {
    config = DD_TRY(policy::LoadConfig(found->string()));
  }
  if (auto hadolint = policy::FindHadolintConfigUpward(start)) {
    policy::Config under = DD_TRY(policy::LoadConfig(hadolint->string()));
    config = policy::MergeConfigs(std::move(under), config);
  }
  return config;
}

// Flags given in the request win over the config file.
core::Result<policy::Gate> MergeGate(const Request& r, const policy::Config& config) {
  policy::Gate gate = policy::GateFromConfig(config);
  if (!r.severity.empty()) {
    auto set = policy::ParseSeverityList(r.severity);
    if (!set) return core::Fail(core::ErrorCode::kUsage, "--severity: " + set.error().message);
    gate.severities = *set;
  }
  if (!r.fail_on.empty()) {
    auto sev = core::ParseSeverity(r.fail_on);
    if (!sev) {
      return core::Fail(core::ErrorCode::kUsage,
                        "--fail-on: unknown severity '" + r.fail_on +
                            "' (expected CRITICAL, HIGH, MEDIUM, LOW or INFO)");
    }
    gate.fail_on = *sev;
  }
  if (r.exit_code) gate.exit_code = *r.exit_code;
  return gate;
}

core::Result<std::string> ReadStream(std::istream& in) {
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

std::map<std::string, std::string> ProcessEnvironment() {
  std::map<std::string, std::string> env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string_view kv(*e);
    auto eq = kv.find('=');
    if (eq != std::string_view::npos && eq > 0) env.emplace(kv.substr(0, eq), kv.substr(eq + 1));
  }
  return env;
}

// Finding::target of a TargetBook index (-1 for kUnattributed).
std::int32_t TargetIndex(std::size_t t) {
  return t == detail::kUnattributed ? -1 : static_cast<std::int32_t>(t);
}

bool IsScript(sources::InputKind kind) {
  return kind == sources::InputKind::kShellScript || kind == sources::InputKind::kMakefile ||
         kind == sources::InputKind::kCiYaml;
}

// Size of an image input for progress: the file, or the blobs of a layout.
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

// The vulnerability database of a run, opened on first use; null (with a notice) when there is
// none. An explicit path that cannot be opened fails the run.
class VulnDatabase {
 public:
  explicit VulnDatabase(const Enrichers& e) : enrichers_(e) {}

  // The database, or nullptr with `reason` set; `failed` when an explicit database is unusable.
  vuln::Database* Get(std::string& reason, core::Diagnostics& diags, bool& failed) {
    if (!tried_) {
      tried_ = true;
      path_ = enrichers_.database.empty() ? vuln::DefaultDatabasePath() : enrichers_.database;
      std::error_code ec;
      if (!enrichers_.database.empty() || fs::exists(path_, ec)) {
        auto opened = vuln::Database::Open(path_, false);
        if (opened) {
          db_.emplace(std::move(*opened));
        } else {
          error_ = opened.error().ToString();
        }
      }
      if (!db_) {
        reason_ = error_.empty() ? "no vulnerability database at " + path_ : error_;
        diags.push_back(
            {error_.empty() ? core::DiagnosticLevel::kNote : core::DiagnosticLevel::kWarning,
             core::FileOrigin(path_),
             "vulnerability scanning skipped: " + reason_ +
                 " (import feeds with `drydock db import FILE…`)"});
      }
    }
    if (!error_.empty() && !enrichers_.database.empty()) failed = true;
    reason = reason_;
    return db_ ? &*db_ : nullptr;
  }

 private:
  const Enrichers& enrichers_;
  bool tried_ = false;
  std::string path_;
  std::string reason_;
  std::string error_;
  std::optional<vuln::Database> db_;
};

// One run of the pipeline over a prepared plan.
class Auditor {
 public:
  explicit Auditor(const Plan& plan)
      : plan_(plan),
        request_(plan.request),
        registry_(rules::Catalog()),
        targets_(registry_, plan.disabled),
        vulndb_(plan.request.enrichers) {
    out_.diagnostics = plan.diagnostics;
    settings_ = plan.config.settings;
    settings_.today = Today();
    popts_.target = request_.target_stage;
    popts_.build_args = plan.build_args;
  }

  Outcome Run() {
    // Inputs in the order the CLI has always read them: discovery first, then docker run lines,
    // SBOMs, secret trees, the files found, in-memory inputs and image streams.
    std::vector<sources::DiscoveredFile> files = Collect();
    for (const Input& input : request_.inputs) {
      if (const auto* argv = std::get_if<ArgvInput>(&input)) AddArgv(*argv);
    }
    for (const Input& input : request_.inputs) {
      if (const auto* sbom = std::get_if<SbomInput>(&input)) AddSbom(*sbom);
    }
    AddSecretTrees();
    for (const auto& file : files) AddFile(file);
    for (const Input& input : request_.inputs) {
      if (const auto* bytes = std::get_if<BytesInput>(&input)) AddBytes(*bytes);
      if (const auto* object = std::get_if<ObjectInput>(&input)) AddObject(*object);
      if (const auto* stream = std::get_if<ImageStreamInput>(&input)) AddImageStream(*stream);
    }
    CheckRunSide();
    Finish();
    return std::move(out_);
  }

 private:
  void Fail(core::Error e) {
    out_.errors.push_back(std::move(e));
    failed_ = true;
  }

  void Append(core::Findings found, std::size_t target) {
    for (auto& f : found) {
      f.target = TargetIndex(target);
      findings_.push_back(std::move(f));
    }
  }

  // ---- discovery ----

  std::vector<sources::DiscoveredFile> Collect() {
    std::vector<sources::DiscoveredFile> files;
    const auto forced = plan_.forced;
    sources::DiscoverOptions dopts;
    dopts.skip_dirs = plan_.skip_dirs;
    for (const Input& input : request_.inputs) {
      const auto* p = std::get_if<PathInput>(&input);
      if (p == nullptr) continue;
      const std::string& path = p->path;
      if (path == "-") {
        files.push_back({"-", "-", forced.value_or(sources::InputKind::kDockerfile)});
        continue;
      }
      if (forced == sources::InputKind::kImage) {
        // `drydock image ARCHIVE|OCI-DIR[:TAG]`: the reader resolves the path and the tag.
        files.push_back({path, path, sources::InputKind::kImage});
        continue;
      }
      std::error_code ec;
      if (request_.single_file && fs::is_directory(path, ec)) {
        Fail(core::Error{core::ErrorCode::kInput, "is a directory (use `drydock scan` for a tree)",
                         core::FileOrigin(path)});
        continue;
      }
      auto found = sources::Discover(path, dopts, out_.diagnostics);
      if (!found) {
        Fail(found.error());
        continue;
      }
      if (found->empty()) {
        out_.diagnostics.push_back({core::DiagnosticLevel::kNote, core::FileOrigin(path),
                                    "no Dockerfile, Kubernetes manifest, compose file or docker "
                                    "run script found"});
      }
      for (auto& f : *found) {
        if (request_.single_file && forced) f.kind = *forced;  // `drydock k8s FILE`: the user says
        files.push_back(std::move(f));
      }
    }
    return files;
  }

  void AddFile(const sources::DiscoveredFile& file) {
    if (file.kind == sources::InputKind::kImage) {
      if (file.fs_path == "-") {
        Fail(core::Error{core::ErrorCode::kInput,
                         "an image cannot be read from standard input; give a path",
                         {}});
        return;
      }
      AddImagePath(file);
      return;
    }
    std::string text;
    if (file.fs_path == "-") {
      if (stdin_used_) return;  // "-" twice reads stdin once
      stdin_used_ = true;
      if (request_.standard_input == nullptr) {
        Fail(core::Error{core::ErrorCode::kInput, "standard input is not available",
                         core::FileOrigin("-")});
        return;
      }
      auto read = ReadStream(*request_.standard_input);
      if (!read) {
        Fail(read.error());
        return;
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
              {core::FileOrigin(file.path, 1, 1), "file is larger than " +
                                                      std::to_string(kMaxRunInputBytes >> 20) +
                                                      " MiB; not parsed"});
          AddRunSet(std::move(skipped), file.path, sources::InputKindName(file.kind));
          return;
        }
        auto read = core::ReadBoundedFile(file.fs_path, kMaxRunInputBytes);
        if (!read) {
          core::Error e = read.error();
          e.where.file = file.path;
          Fail(std::move(e));
          return;
        }
        text = std::move(*read);
      }
      AddRunText(file.kind, text, file.path, file.fs_path);
      return;
    }
    popts_.file = file.path;
    model::BuildSpec spec;
    if (file.fs_path == "-") {
      spec = sources::dockerfile::Parse(text, popts_);
    } else {
      // The path in reports is the display path; the file is opened by its real path.
      auto parsed = sources::dockerfile::ParseFile(file.fs_path, popts_);
      if (!parsed) {
        core::Error e = parsed.error();
        e.where.file = file.path;
        Fail(std::move(e));
        return;
      }
      spec = std::move(*parsed);
    }
    AddBuild(spec, file.path);
  }

  // ---- Dockerfiles ----

  void AddBuild(const model::BuildSpec& spec, const std::string& path) {
    out_.inputs.push_back({path, "dockerfile"});
    const std::size_t t = targets_.AddFile("dockerfile", path, core::kReadsBuild);
    Append(rules::CheckBuild(spec, settings_, plan_.disabled), t);
    pragmas_.push_back(policy::ParsePragmas(path, spec.comments, registry_, out_.diagnostics));
  }

  // ---- run side: Kubernetes, compose, docker run, scripts ----

  void AddRunText(sources::InputKind kind, const std::string& text, const std::string& path,
                  const std::string& fs_path) {
    using sources::InputKind;
    model::RunSet set;
    switch (kind) {
      case InputKind::kKubernetes:
        set = sources::kube::ParseManifests(text, path);
        break;
      case InputKind::kCompose: {
        sources::compose::ComposeOptions copts;
        copts.environment = ProcessEnvironment();
        set = fs_path == "-" ? sources::compose::ParseCompose(text, path, copts, out_.diagnostics)
                             : sources::compose::ParseComposeFile(fs_path, path, std::move(copts),
                                                                  out_.diagnostics);
        if (request_.enrichers.build_facts && fs_path != "-") {
          const fs::path dir = fs::path(fs_path).parent_path();
          detail::AddBuildFacts(set, dir.empty() ? fs::path(".") : dir,
                                fs::path(path).parent_path(), popts_);
        }
        break;
      }
      case InputKind::kShellScript:
        set = sources::dockerrun::ParseScript(text, path, sources::dockerrun::ScriptKind::kShell);
        break;
      case InputKind::kMakefile:
        set =
            sources::dockerrun::ParseScript(text, path, sources::dockerrun::ScriptKind::kMakefile);
        break;
      case InputKind::kCiYaml:
        set = sources::dockerrun::ParseScript(text, path, sources::dockerrun::ScriptKind::kCiYaml);
        break;
      case InputKind::kDockerfile:
      case InputKind::kImage:
        return;
    }
    // A script without any docker run line is not a target, just a file we looked at.
    if (IsScript(kind) && set.runs.empty() && set.errors.empty() && !request_.single_file) return;
    AddRunSet(std::move(set), path, sources::InputKindName(kind));
    pragmas_.push_back(
        policy::ParsePragmas(path, sources::HashComments(text), registry_, out_.diagnostics));
  }

  void AddRunSet(model::RunSet set, const std::string& path, const std::string& kind) {
    out_.inputs.push_back({path, kind});
    targets_.AddRunSet(set, path, kind, runs_.runs.size(), runs_.cluster.workloads.size());
    runs_.Append(std::move(set));
  }

  void AddArgv(const ArgvInput& argv) {
    AddRunSet(sources::dockerrun::ParseCommandLine(argv.argv), "-",
              sources::InputKindName(sources::InputKind::kShellScript));
  }

  void AddObject(const ObjectInput& object) {
    std::vector<yaml::YamlDocument> docs(1);
    docs[0].root = object.object;
    docs[0].line = object.object.line;
    AddRunSet(sources::kube::FromDocuments(docs, object.name), object.name, "admission");
  }

  void AddBytes(const BytesInput& bytes) {
    auto kind = sources::ParseInputKind(bytes.kind);
    if (!kind || *kind == sources::InputKind::kImage) {
      Fail(core::Error{core::ErrorCode::kUsage, "unknown input kind '" + bytes.kind + "'",
                       core::FileOrigin(bytes.name)});
      return;
    }
    if (*kind == sources::InputKind::kDockerfile) {
      popts_.file = bytes.name;
      AddBuild(sources::dockerfile::Parse(bytes.bytes, popts_), bytes.name);
      return;
    }
    AddRunText(*kind, bytes.bytes, bytes.name, "-");
  }

  void CheckRunSide() {
    std::vector<int> producers;
    core::Findings found = rules::CheckRuns(runs_, settings_, plan_.disabled, &producers);
    for (std::size_t i = 0; i < found.size(); ++i) {
      found[i].target = TargetIndex(targets_.RunTargetOf(found[i], producers[i]));
    }
    // Usually the only findings of the run (a manifest scan): taken whole, never held twice.
    if (findings_.empty()) {
      findings_.swap(found);
    } else {
      findings_.insert(findings_.end(), std::make_move_iterator(found.begin()),
                       std::make_move_iterator(found.end()));
    }
    if (!request_.pss.empty()) EvaluatePss();
  }

  // The Pod Security Standards section: every workload's level against the required one.
  void EvaluatePss() {
    out_.pss_required = request_.pss;
    const rules::PssLevel need =
        request_.pss == "restricted" ? rules::PssLevel::kRestricted : rules::PssLevel::kBaseline;
    for (const rules::PssResult& r : rules::EvaluatePss(runs_)) {
      report::PssWorkload w;
      w.workload = r.workload;
      if (r.workload_index >= 0 &&
          static_cast<std::size_t>(r.workload_index) < runs_.cluster.workloads.size()) {
        w.file = runs_.cluster.workloads[static_cast<std::size_t>(r.workload_index)].file;
      }
      w.level = rules::PssLevelName(r.level);
      w.meets = r.level >= need;
      for (const auto& v : r.violations) {
        if (v.level > need) continue;  // a restricted control does not matter for baseline
        w.issues.push_back({rules::PssLevelName(v.level), v.control, v.message, v.origin});
      }
      targets_.SetPss(r.workload_index, out_.pss.size());
      out_.pss.push_back(std::move(w));
    }
  }

  // ---- images ----

  sources::image::ReadOptions ImageOptions(const std::string& name, std::int64_t total) {
    sources::image::ReadOptions ropts = ScannedReadOptions();
    ropts.platform = request_.platform;
    ropts.secret_max_size = request_.secret_max_size.value_or(kDefaultSecretMaxSize);
    if (request_.progress) {
      ropts.progress = [this, name, total](const sources::image::Progress& p) {
        request_.progress({name, p.layer, p.layers, p.bytes_read, total, false});
      };
    }
    return ropts;
  }

  void ProgressDone(const std::string& name, std::int64_t total) {
    if (request_.progress) request_.progress({name, 0, 0, total, total, true});
  }

  void AddImagePath(const sources::DiscoveredFile& file) {
    const std::int64_t total = InputBytes(file.fs_path);
    const sources::image::ReadOptions ropts = ImageOptions(file.path, total);
    // `drydock image` names one image; `drydock scan` audits every tag of an archive or layout.
    std::vector<core::Result<model::ImageSpec>> reads;
    if (!request_.every_tag) {
      reads.push_back(sources::image::ReadImage(file.fs_path, ropts));
    } else {
      reads = sources::image::ReadImages(file.fs_path, ropts);
    }
    ProgressDone(file.path, total);
    for (auto& spec : reads) {
      if (!spec) {
        core::Error e = spec.error();
        if (e.message.starts_with(file.fs_path)) {
          e.message = file.path + e.message.substr(file.fs_path.size());
        }
        Fail(std::move(e));
        continue;
      }
      // The reader names the image by the path it opened; reports use the display path.
      if (spec->reference.starts_with(file.fs_path)) {
        spec->reference = file.path + spec->reference.substr(file.fs_path.size());
      }
      AddImage(std::move(*spec));
    }
  }

  void AddImageStream(const ImageStreamInput& stream) {
    const sources::image::ReadOptions ropts = ImageOptions(stream.reference, stream.bytes_total);
    auto spec =
        sources::image::ReadImageStream(stream.read, stream.reference, ropts, stream.bytes_total);
    ProgressDone(stream.reference, stream.bytes_total);
    if (!spec) {
      Fail(spec.error());
      return;
    }
    AddImage(std::move(*spec));
  }

  void AddImage(model::ImageSpec spec) {
    for (auto& e : spec.errors) e.where.file = spec.reference;
    std::string skipped;
    bool db_failed = false;
    vuln::Database* db = Database(skipped, db_failed);
    vuln::MatchOptions mopts;
    mopts.ignore_unfixed = request_.enrichers.ignore_unfixed;
    if (auto enriched = vuln::EnrichImage(spec, db, mopts, skipped); !enriched) {
      Fail(enriched.error());
    } else if (db != nullptr && !spec.vuln_scan.skipped.empty()) {
      out_.diagnostics.push_back({core::DiagnosticLevel::kNote, core::FileOrigin(spec.reference),
                                  "vulnerability scanning skipped: " + spec.vuln_scan.skipped});
    }
    out_.inputs.push_back({spec.reference, "image"});
    const std::size_t t = targets_.AddFile("image", spec.reference, core::kReadsImage);
    if (!spec.vuln_scan.ran) {
      targets_.Skip(t, {"DD301", "DD302"},
                    spec.vuln_scan.skipped.empty() ? skipped : spec.vuln_scan.skipped);
    }
    Append(rules::CheckImage(spec, settings_, plan_.disabled), t);
  }

  // The run's database, or null with `skipped` saying why; `db_failed` (and the run fails) when
  // an explicitly named database cannot be used.
  vuln::Database* Database(std::string& skipped, bool& db_failed) {
    if (!request_.enrichers.vulnerabilities) {
      skipped = "vulnerability matching not requested";
      return nullptr;
    }
    vuln::Database* db = vulndb_.Get(skipped, out_.diagnostics, db_failed);
    if (db_failed) failed_ = true;
    return db;
  }

  // ---- SBOMs and secret trees ----

  void AddSbom(const SbomInput& sbom) {
    std::string skipped;
    bool db_failed = false;
    vuln::Database* db = Database(skipped, db_failed);
    if (db_failed) return;
    auto result = detail::AuditSbom(
        {sbom.path, db, request_.enrichers.ignore_unfixed, settings_, plan_.disabled},
        out_.diagnostics);
    if (result.read) {
      out_.inputs.push_back({sbom.path, "sbom"});
      const std::size_t t = targets_.AddSbom(sbom.path);
      if (db == nullptr) targets_.Skip(t, {"DD301", "DD302"}, skipped);
      Append(std::move(result.findings), t);
    }
    if (result.error) Fail(std::move(*result.error));
  }

  // `drydock secrets PATH…`: every file under the trees through the secret detector; each hit is
  // a DD603 finding at its file, line and column, carrying the masked value only.
  void AddSecretTrees() {
    secrets::TreeOptions topts;
    topts.skip_dirs = plan_.skip_dirs;
    if (request_.secret_max_size) topts.max_size = *request_.secret_max_size;
    std::vector<fs::path> roots;
    std::vector<std::size_t> tree_targets;
    for (const Input& input : request_.inputs) {
      const auto* tree = std::get_if<SecretTreeInput>(&input);
      if (tree == nullptr) continue;
      const std::string& path = tree->path;
      std::error_code ec;
      if (path == "-" || !fs::exists(path, ec)) {
        Fail(core::Error{core::ErrorCode::kInput,
                         path == "-" ? "give a file or directory (standard input is not scanned "
                                       "for secrets)"
                                     : "no such file or directory",
                         core::FileOrigin(path)});
        continue;
      }
      roots.emplace_back(path);
      out_.inputs.push_back({path, "secrets"});
      tree_targets.push_back(targets_.AddSecrets(path));
    }
    if (roots.empty()) return;
    const secrets::TreeResult result = secrets::ScanTree(roots, topts);
    const rules::Rule* rule = registry_.FindById("DD603");
    if (rule != nullptr && plan_.disabled.count("DD603") == 0) {
      core::Findings found;
      core::Reporter reporter(rule->info, settings_, found);
      for (const auto& hit : result.hits) {
        core::Finding& f = reporter.Report(
            core::FileOrigin(hit.path, static_cast<int>(hit.line), static_cast<int>(hit.column)),
            hit.title + " (" + hit.masked_value + ")", hit.severity);
        f.secret = core::SecretInfo{hit.rule_id, hit.masked_value};
      }
      for (auto& f : found) {
        f.target = TargetIndex(targets_.TreeTargetOf(tree_targets, roots, f));
        findings_.push_back(std::move(f));
      }
    }
    for (const auto& e : result.errors) {
      out_.diagnostics.push_back({core::DiagnosticLevel::kWarning, core::FileOrigin(""), e});
    }
    if (result.files_skipped_size > 0) {
      std::string listed;
      for (const auto& p : result.skipped_size_paths) {
        if (listed.size() > 200) break;
        listed += (listed.empty() ? "" : ", ") + p;
      }
      out_.diagnostics.push_back({core::DiagnosticLevel::kNote, core::FileOrigin(""),
                                  std::to_string(result.files_skipped_size) +
                                      " file(s) larger than " + std::to_string(topts.max_size) +
                                      " bytes not scanned (--secret-max-size): " + listed});
    }
    if (result.hits_dropped > 0) {
      out_.diagnostics.push_back(
          {core::DiagnosticLevel::kWarning, core::FileOrigin(""),
           std::to_string(result.hits_dropped) + " further hits not reported (limit)"});
    }
    out_.diagnostics.push_back({core::DiagnosticLevel::kNote, core::FileOrigin(""),
                                "secrets: " + std::to_string(result.files_scanned) + " files (" +
                                    std::to_string(result.bytes_scanned) + " bytes) scanned, " +
                                    std::to_string(result.files_skipped_binary) +
                                    " binary files skipped"});
  }

  // ---- policy, filter, gate ----

  void Finish() {
    policy::Apply({.registry = registry_,
                   .today = Today(),
                   .config = &plan_.config,
                   .ignore_file = plan_.ignores,
                   .pragmas = pragmas_},
                  findings_, out_.diagnostics);
    out_.findings = policy::SelectForReport(std::move(findings_), plan_.gate);
    report::SortFindings(out_.findings);
    out_.targets = targets_.Take(out_.findings, out_.diagnostics);
    out_.config_format = plan_.config.format;

    Decision& d = out_.decision;
    d.inputs_failed = failed_;
    const int code = policy::ExitCodeFor(out_.findings, plan_.gate);
    for (const auto& f : out_.findings) {
      if (f.suppressed) continue;
      if (plan_.gate.fail_on && f.severity < *plan_.gate.fail_on) continue;
      ++d.failing_findings;
    }
    for (const auto& w : out_.pss) {
      if (!w.meets) ++d.failing_workloads;
    }
    if (failed_) {
      d.exit_code = 2;
    } else if (code != 0) {
      d.exit_code = code;
    } else if (d.failing_workloads > 0) {
      // A workload below the required Pod Security Standards level fails like a finding.
      d.exit_code = plan_.gate.exit_code;
    }
  }

  const Plan& plan_;
  const Request& request_;
  const rules::Registry& registry_;
  detail::TargetBook targets_;
  VulnDatabase vulndb_;
  core::RuleSettings settings_;
  sources::dockerfile::ParseOptions popts_;
  Outcome out_;
  core::Findings findings_;
  std::vector<policy::FilePragmas> pragmas_;
  model::RunSet runs_;  // every run-side input together: cluster rules see all manifests at once
  bool stdin_used_ = false;
  bool failed_ = false;
};

}  // namespace

core::Result<PlanPtr> Prepare(const Request& request, const FrontEndCheck& check) {
  PlanPtr plan(new Plan(request));
  if (!request.kind.empty()) {
    plan->forced = request.kind == "image" ? std::optional(sources::InputKind::kImage)
                                           : sources::ParseInputKind(request.kind);
    if (!plan->forced) {
      return core::Fail(core::ErrorCode::kUsage,
                        "--kind: unknown kind '" + request.kind +
                            "' (expected dockerfile, kubernetes, compose, docker-run, makefile "
                            "or ci)");
    }
  }
  if (!request.pss.empty() && request.pss != "baseline" && request.pss != "restricted") {
    return core::Fail(core::ErrorCode::kUsage, "--pss: unknown level '" + request.pss +
                                                   "' (expected baseline or restricted)");
  }
  plan->config = DD_TRY(LoadPolicyConfig(request));
  plan->diagnostics = plan->config.diagnostics;
  plan->gate = DD_TRY(MergeGate(request, plan->config));
  if (check) {
    DD_TRY(check(plan->config.format));
  }

  std::string ignorefile = request.ignorefile;
  if (ignorefile.empty()) {
    for (const char* candidate : {".drydockignore", ".drydockignore.yaml"}) {
      std::error_code ec;
      if (fs::is_regular_file(candidate, ec)) ignorefile = candidate;
    }
  }
  if (!ignorefile.empty()) {
    plan->ignores = DD_TRY(policy::LoadIgnoreFile(ignorefile, plan->diagnostics));
  }
  plan->skip_dirs = plan->config.skip_dirs;
  plan->skip_dirs.insert(plan->skip_dirs.end(), request.skip_dirs.begin(), request.skip_dirs.end());
  plan->disabled = policy::DisabledRuleIds(plan->config, rules::Catalog());
  for (const auto& kv : request.build_args) {
    auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) {
      return core::Fail(core::ErrorCode::kUsage,
                        "--build-arg: expected KEY=VALUE, got '" + kv + "'");
    }
    plan->build_args[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  return plan;
}

Outcome Run(const Plan& plan) { return Auditor(plan).Run(); }

core::Result<Outcome> Run(const Request& request) {
  PlanPtr plan = DD_TRY(Prepare(request));
  return Run(*plan);
}

const rules::Registry& Rules() { return rules::Catalog(); }

}  // namespace drydock::audit
