// SPDX-License-Identifier: Apache-2.0
#include "cli/cli.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>

#include "audit/audit.h"
#include "cli/audit.h"
#include "cli/db.h"
#include "cli/sbom.h"
#include "core/units.h"
#include "report/report.h"

namespace drydock::cli {
namespace {

// Flags shared by every auditing subcommand, spelled as Trivy and hadolint users expect.
void AddAuditFlags(CLI::App& cmd, AuditOptions& o) {
  cmd.add_option("--severity,-s", o.severity,
                 "Report only these severities, comma-separated (CRITICAL,HIGH,MEDIUM,LOW,INFO)");
  cmd.add_option("--fail-on", o.fail_on,
                 "Only findings at or above SEVERITY trigger --exit-code (default: any reported)");
  cmd.add_option("--exit-code", o.exit_code,
                 "Exit code when findings remain after filters and suppressions (default 0)")
      ->check(CLI::Range(0, 255));
  cmd.add_option("--format,-f", o.format, "Output format: table, json, sarif (default table)");
  cmd.add_option("--output,-o", o.output, "Write the report to FILE instead of standard output");
  cmd.add_option("--config,-c", o.config,
                 "Policy file (default: .drydock.yaml and .hadolint.yaml found upward from the "
                 "scan root; .drydock.yaml wins key by key)");
  cmd.add_option("--ignorefile", o.ignorefile,
                 "Ignore file: ids/slugs/references with reason and exp:YYYY-MM-DD, or YAML "
                 "(default: .drydockignore in the working directory when present)");
  // One value per occurrence (repeat the flag), so a following PATH is never taken as a value.
  cmd.add_option("--skip-dirs", o.skip_dirs, "Directory globs to skip (repeatable, or a,b)")
      ->delimiter(',')
      ->allow_extra_args(false);
  cmd.add_option("--build-arg", o.build_arg_list,
                 "Set a build-time ARG value (KEY=VALUE, repeatable)")
      ->allow_extra_args(false);
  cmd.add_option("--target", o.target,
                 "Judge this stage (name or index) as the image, like docker build --target");
  cmd.add_flag("--quiet,-q", o.quiet, "Print only the report (no notices or warnings)");
  cmd.add_flag("--no-color", o.no_color, "Never colour the table output");
  cmd.add_flag("--show-suppressed", o.show_suppressed, "List suppressed findings in the table");
}

// Flags of every command that may read images.
// --secret-max-size SIZE ("10MiB", "500k", bytes), parsed once here; a bad size is a usage error.
void AddSecretMaxSize(CLI::App& cmd, AuditOptions& o, const std::string& help) {
  cmd.add_option_function<std::string>(
         "--secret-max-size",
         [&o](const std::string& text) {
           o.secret_max_size = core::ParseRamInBytes(text);
           if (!o.secret_max_size) {
             throw CLI::ValidationError("--secret-max-size", "not a size: '" + text + "'");
           }
         },
         help)
      ->type_name("SIZE");
}

void AddImageFlags(CLI::App& cmd, AuditOptions& o) {
  cmd.add_option("--platform", o.platform,
                 "Image of a multi-platform index to audit: os/arch[/variant] (default: this "
                 "machine's, e.g. linux/amd64)");
  AddSecretMaxSize(cmd, o, "Skip secret scanning of files larger than this (default 10MiB)");
  cmd.add_flag("!--no-progress", o.progress, "Never show the progress line for large images");
  cmd.add_option("--db", o.db,
                 "Vulnerability database (default $XDG_CACHE_HOME/drydock/vuln.db; filled by "
                 "`drydock db import`)");
  cmd.add_flag("--ignore-unfixed", o.ignore_unfixed,
               "Leave out vulnerabilities that have no fixed version yet");
}

int RunRules(const std::string& format, std::ostream& out, std::ostream& err) {
  auto fmt = report::ParseFormat(format);
  if (format != "peers" && (!fmt || *fmt == report::Format::kSarif)) {
    err << "drydock: error: --format: expected table, json, markdown or peers\n";
    return kExitUsage;
  }
  auto written = format == "peers" ? report::WritePeers(audit::Rules(), out)
                                   : report::WriteRules(*fmt, audit::Rules(), out);
  if (!written) {
    err << "drydock: error: " << written.error().ToString() << "\n";
    return kExitUsage;
  }
  return 0;
}

int RunExplain(const std::string& key, const std::string& format, std::ostream& out,
               std::ostream& err) {
  auto fmt = report::ParseFormat(format);
  if (!fmt || *fmt == report::Format::kSarif || *fmt == report::Format::kMarkdown) {
    err << "drydock: error: --format: expected table or json\n";
    return kExitUsage;
  }
  auto found = audit::Rules().Resolve(key);
  if (found.empty()) {
    err << "drydock: error: no rule with id, slug or reference '" << key
        << "' (see `drydock rules`)\n";
    return kExitUsage;
  }
  if (*fmt == report::Format::kJson && found.size() > 1) {  // one JSON document: an array
    nlohmann::ordered_json all = nlohmann::ordered_json::array();
    for (const auto* rule : found) all.push_back(report::RuleToJson(rule->info));
    out << all.dump(2) << '\n';
    return 0;
  }
  if (*fmt == report::Format::kTable) report::WritePeerHeader(key, audit::Rules(), out);
  for (const auto* rule : found) {
    auto written = report::WriteExplain(*fmt, rule->info, out);
    if (!written) {
      err << "drydock: error: " << written.error().ToString() << "\n";
      return kExitUsage;
    }
  }
  return 0;
}

}  // namespace

// A subcommand that audits the inputs named on its command line as one kind (no discovery).
CLI::App* AddKindCommand(CLI::App& app, AuditOptions& o, const std::string& name,
                         const std::string& kind, const std::string& description,
                         const std::string& inputs_help) {
  o.single_file = true;
  o.kind = kind;
  CLI::App* cmd = app.add_subcommand(name, description);
  cmd->add_option("inputs", o.paths, inputs_help)->required();
  AddAuditFlags(*cmd, o);
  return cmd;
}

int Run(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
        std::ostream& err) {
  CLI::App app{
      "drydock: audits how containers are built, what they ship and how they run, "
      "against ten hardening practices."};
  app.name("drydock");
  app.set_version_flag("--version", std::string("drydock ") + DRYDOCK_VERSION);
  app.require_subcommand(1);

  AuditOptions scan;
  CLI::App* scan_cmd = app.add_subcommand(
      "scan",
      "Audit everything found under PATHs: Dockerfiles, Kubernetes manifests, compose "
      "files, and docker run lines in scripts, Makefiles and CI files");
  scan_cmd->add_option("paths", scan.paths, "Files or directories to scan (- = stdin)")->required();
  scan_cmd->add_option("--kind", scan.kind,
                       "Input kind of a - (stdin) path: dockerfile, kubernetes, compose, "
                       "docker-run, makefile, ci");
  scan_cmd->add_option("--pss", scan.pss,
                       "Also report the Pod Security Standards level of each Kubernetes "
                       "workload against baseline or restricted");
  AddAuditFlags(*scan_cmd, scan);
  AddImageFlags(*scan_cmd, scan);

  AuditOptions image;
  CLI::App* image_cmd = AddKindCommand(
      app, image, "image", "image",
      "Audit container images: docker-archive tars (docker save, also .tar.gz/.zst), OCI "
      "archives and OCI layout directories; ARCHIVE:TAG or OCI-DIR:TAG picks a tag",
      "ARCHIVE|OCI-DIR[:TAG] …");
  AddImageFlags(*image_cmd, image);
  image_cmd->get_option("inputs")->required(false);  // or --sbom
  image_cmd->add_option("--sbom", image.sbom,
                        "Match the packages of this CycloneDX JSON SBOM (1.4-1.6) instead of "
                        "reading an image: vulnerability rules only");

  AuditOptions dockerfile;
  CLI::App* df_cmd = AddKindCommand(app, dockerfile, "dockerfile", "dockerfile",
                                    "Audit Dockerfiles (FILE… or - for stdin)",
                                    "Dockerfiles to audit (- = stdin)");

  AuditOptions k8s;
  CLI::App* k8s_cmd = AddKindCommand(
      app, k8s, "k8s", "kubernetes",
      "Audit Kubernetes manifests (FILE… or - for stdin); all files are judged together for "
      "NetworkPolicy coverage",
      "Manifest files (multi-document YAML; - = stdin)");
  k8s_cmd->add_option("--pss", k8s.pss,
                      "Report which Pod Security Standards level each workload meets and fail "
                      "(--exit-code) below this one: baseline or restricted");

  AuditOptions compose;
  CLI::App* compose_cmd = AddKindCommand(
      app, compose, "compose", "compose",
      "Audit compose files (FILE… or - for stdin); ${VAR} from the environment and the .env "
      "beside the file",
      "Compose files (- = stdin)");

  AuditOptions secrets;
  secrets.secrets_only = true;
  CLI::App* secrets_cmd = app.add_subcommand(
      "secrets",
      "Scan files and directory trees (a build context, a repository) for credentials "
      "with the secret detector; values are masked in every output");
  secrets_cmd->add_option("paths", secrets.paths, "Files or directories")->required();
  AddSecretMaxSize(*secrets_cmd, secrets, "Skip files larger than this (default 10MiB)");
  AddAuditFlags(*secrets_cmd, secrets);

  AuditOptions run;
  CLI::App* run_cmd = app.add_subcommand(
      "run",
      "Audit one container command line: drydock run [FLAGS] -- docker run [OPTIONS] "
      "IMAGE [COMMAND]");
  run_cmd->add_option("command", run.run_argv, "The docker/podman run command line, after --")
      ->required();
  AddAuditFlags(*run_cmd, run);

  DbOptions db_import;
  DbOptions db_info;
  CLI::App* db_cmd = app.add_subcommand(
      "db", "The offline vulnerability database: import feed files, show what it holds");
  db_cmd->require_subcommand(1);
  CLI::App* db_import_cmd = db_cmd->add_subcommand(
      "import",
      "Import feed files (Alpine secdb YAML/JSON, Debian DSA/DLA/DTSA lists, Debian "
      "tracker JSON); each replaces its source's previous import in one transaction");
  db_import_cmd->add_option("paths", db_import.paths, "Feed files")->required();
  db_import_cmd->add_option("--format", db_import.format,
                            "auto (default), alpine-secdb, debian-dsa-list, debian-tracker-json");
  db_import_cmd->add_option("--db", db_import.db,
                            "Database file (default $XDG_CACHE_HOME/drydock/vuln.db)");
  CLI::App* db_info_cmd = db_cmd->add_subcommand("info", "Sources, counts and import times");
  db_info_cmd->add_option("--db", db_info.db,
                          "Database file (default $XDG_CACHE_HOME/drydock/vuln.db)");
  db_info_cmd->add_option("--format,-f", db_info.format, "table or json");
  DbUpdateOptions db_update;
  const DbUpdateCommands db_update_cmds = AddDbUpdateCommands(*db_cmd, db_update);

  SbomOptions sbom;
  CLI::App* sbom_cmd = app.add_subcommand(
      "sbom", "Write an image's OS packages as an SBOM: CycloneDX 1.5 or SPDX 2.3 JSON");
  sbom_cmd->add_option("image", sbom.image, "ARCHIVE|OCI-DIR[:TAG]")->required();
  sbom_cmd->add_option("--format,-f", sbom.format, "cyclonedx (default) or spdx-json");
  sbom_cmd->add_option("--output,-o", sbom.output, "Write the SBOM to FILE instead of stdout");
  sbom_cmd->add_option("--platform", sbom.platform,
                       "Image of a multi-platform index: os/arch[/variant]");

  std::string rules_format = "table";
  CLI::App* rules_cmd = app.add_subcommand("rules", "List every rule");
  rules_cmd->add_option("--format,-f", rules_format,
                        "table, json, markdown (docs/rules.md) or peers (docs/peers.md)");

  std::string explain_key;
  std::string explain_format = "table";
  CLI::App* explain_cmd =
      app.add_subcommand("explain", "Explain one rule (by id, slug or peer reference)");
  explain_cmd->add_option("rule", explain_key, "DD201, user/root or DL3002")->required();
  explain_cmd->add_option("--format,-f", explain_format, "table or json");

  CLI::App* version_cmd = app.add_subcommand("version", "Print the version");

  std::vector<std::string> argv_tail(args.begin() + (args.empty() ? 0 : 1), args.end());
  std::reverse(argv_tail.begin(), argv_tail.end());  // CLI11 parses a reversed vector
  try {
    app.parse(argv_tail);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e, out, err);  // --help / --version
    err << "drydock: error: " << e.what() << "\n";
    err << "Run 'drydock --help' for usage.\n";
    return kExitUsage;
  }

  if (scan_cmd->parsed()) return RunAudit(scan, in, out, err);
  if (df_cmd->parsed()) return RunAudit(dockerfile, in, out, err);
  if (image_cmd->parsed() && image.paths.empty() == image.sbom.empty()) {
    err << "drydock: error: give either images or --sbom FILE\n";
    return kExitUsage;
  }
  if (image_cmd->parsed()) return RunAudit(image, in, out, err);
  if (sbom_cmd->parsed()) return RunSbom(sbom, out, err);
  if (secrets_cmd->parsed()) return RunAudit(secrets, in, out, err);
  if (k8s_cmd->parsed()) return RunAudit(k8s, in, out, err);
  if (compose_cmd->parsed()) return RunAudit(compose, in, out, err);
  if (run_cmd->parsed()) return RunAudit(run, in, out, err);
  if (db_import_cmd->parsed()) return RunDbImport(db_import, out, err);
  if (db_info_cmd->parsed()) return RunDbInfo(db_info, out, err);
  if (db_update_cmds.update->parsed()) return RunDbUpdate(db_update, out, err);
  if (db_update_cmds.sources->parsed()) return RunDbSources(db_update, out, err);
  if (rules_cmd->parsed()) return RunRules(rules_format, out, err);
  if (explain_cmd->parsed()) return RunExplain(explain_key, explain_format, out, err);
  if (version_cmd->parsed()) {
    out << "drydock " << DRYDOCK_VERSION << "\n";
    return 0;
  }
  return kExitUsage;
}

}  // namespace drydock::cli
