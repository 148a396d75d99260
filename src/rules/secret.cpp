// SPDX-License-Identifier: Apache-2.0
// DD6xx: secrets baked into the build. ENV and ARG values persist in the image config and its
// history, COPY/ADD ships files, RUN command lines land in history: a credential in any of them is
// readable by everyone who can pull the image. Every finding carries Finding::secret with the
// detector rule and the masked value; messages never contain the secret itself.
//
// Split between the ENV/ARG rules: DD601 reports a literal credential VALUE (a detector hit, or a
// secret-like name with a real-looking literal); DD606 reports a secret-like ARG NAME that has no
// literal credential (no default, or a placeholder) — the value will come from --build-arg and
// persist in history. One value is reported once, at its first place.
//
// The run side applies the same detection to a container's literal environment (Kubernetes
// `env[].value`, compose `environment`, docker `-e`) and to its command/args (`sh -c` scripts
// included, via RunSpec::run_commands). References (secretKeyRef, configMapKeyRef, fieldRef,
// host variables) are the fix, not a finding; compose values that came from `${VAR}`
// interpolation are not in the file and are not judged.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/strings.h"
#include "rules/catalog.h"
#include "rules/detail/build_stages.h"
#include "rules/detail/build_util.h"
#include "rules/detail/examples.h"
#include "rules/detail/inventory.h"
#include "rules/detail/run_commands.h"
#include "secrets/credential_files.h"
#include "secrets/detector.h"

namespace drydock::rules {
namespace {

using core::Reporter;
using core::Severity;
using detail::Compose;
using detail::Contains;
using detail::DockerRun;
using detail::EndsWith;
using detail::In;
using detail::Lower;
using detail::OriginAt;
using detail::Pod;
using detail::StartsWith;
using model::BuildSpec;
using model::Instruction;
using model::ShellCommand;
using model::Stage;

constexpr std::uint8_t kB = core::kReadsBuild;
constexpr std::uint8_t kR = core::kReadsRun;
constexpr std::string_view kNamedRule = "secret-like-name";

// A credential found in some text, ready to report: never holds more than the secret's view.
struct Literal {
  std::string rule;   // detector rule id, or kNamedRule / a command-line rule
  std::string title;  // for messages: "GitHub token"
  std::string value;  // the secret itself: only for Mask() and de-duplication
};

// "(GitHub token, ghp_…(40))" or "(s3…(11))": what a message may say about a secret.
std::string Describe(const Literal& lit) {
  return "(" + (lit.title.empty() ? "" : lit.title + ", ") + secrets::Mask(lit.value) + ")";
}

void Attach(core::Finding& f, const Literal& lit) {
  f.secret = core::SecretInfo{lit.rule, secrets::Mask(lit.value)};
}

// True for a value that could be a credential: not a placeholder, a variable, a boolean, a small
// number, a path or a plain URL (URLs with credentials are caught by the detector).
bool CredentialShaped(std::string_view v) {
  // A reference (`$VAR`, `${VAR}`, k8s `$(VAR)`) is not a value; a `$` inside a password is.
  if (secrets::IsPlaceholder(v) || StartsWith(v, "$") || Contains(v, "${") || Contains(v, "$(")) {
    return false;
  }
  std::string l = Lower(v);
  if (In(l, {"true", "false", "yes", "no", "on", "off", "enabled", "disabled", "required",
             "optional", "none"})) {
    return false;
  }
  if (v.size() <= 5 &&
      std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  if (StartsWith(v, "/") || StartsWith(v, "./") || StartsWith(v, "~/") || StartsWith(v, "../")) {
    return false;
  }
  if ((StartsWith(l, "http://") || StartsWith(l, "https://")) && !Contains(v, "@")) return false;
  // "yourpassword", "your_api_token": instructions, not credentials.
  if (StartsWith(l, "your") && (Contains(l, "pass") || Contains(l, "token") || Contains(l, "key") ||
                                Contains(l, "secret"))) {
    return false;
  }
  return true;
}

// A value that names its own variable, such as `GOOGLE_API_KEY: GOOGLE_API_KEY_VAL` (kustomize
// and templating placeholders): upper case, digits and `_` only, containing the name.
bool NamesItself(std::string_view name, std::string_view value) {
  if (name.size() < 3 || value.size() < name.size()) return false;
  bool identifier = std::all_of(value.begin(), value.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
  std::string upper_name(name);
  for (char& c : upper_name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return identifier && Contains(value, upper_name);
}

// Literal credentials in one ENV/ARG pair: detector hits inside the value, else the whole value
// when the name is secret-like and the value looks like a credential.
std::vector<Literal> PairSecrets(const std::string& name, const std::string& value) {
  std::vector<Literal> out;
  if (value.empty()) return out;
  // Scan "NAME=value" so that context-keyed rules (aws_secret_access_key=…) see the name.
  std::string text = name + "=" + value;
  for (const auto& m : secrets::Scan(text)) {
    if (m.offset < name.size() + 1) continue;
    out.push_back({std::string(m.rule->id), std::string(m.rule->title), std::string(m.value)});
  }
  if (out.empty() && secrets::LooksLikeSecretName(name) && CredentialShaped(value) &&
      !NamesItself(name, value)) {
    out.push_back({std::string(kNamedRule), "", value});
  }
  return out;
}

// ENV and ARG instructions of the spec, global ARGs included.
template <typename F>
void ForEachEnvOrArg(const BuildSpec& spec, F&& f) {
  detail::ForEachInstruction(spec, [&](const Stage*, const Instruction& ins) {
    if (ins.keyword == "ENV" || ins.keyword == "ARG") f(ins);
  });
}

// An ENV value that stands for a credential still to come: empty, a placeholder or a variable
// reference (the expanded value of `ENV TOKEN=$TOKEN` when no default is known).
bool PlaceholderValue(const std::optional<std::string>& value) {
  return !value || value->empty() || secrets::IsPlaceholder(*value) || StartsWith(*value, "$");
}

void BuildArg(const BuildSpec& spec, Reporter& r) {
  ForEachEnvOrArg(spec, [&](const Instruction& ins) {
    for (const auto& [name, value] : ins.pairs) {
      if (!secrets::IsCredentialVariable(name)) continue;
      if (ins.keyword == "ARG") {
        auto& f = r.Report(ins.origin, "ARG " + name +
                                           " looks like a secret: build-arg values are recorded "
                                           "in the image history");
        f.secret = core::SecretInfo{std::string(kNamedRule), ""};
      } else if (PlaceholderValue(value)) {
        const std::string shown = value && !value->empty() ? " (`" + *value + "`)" : "";
        auto& f = r.Report(
            ins.origin,
            core::Concat({"ENV ", name, " looks like a secret and holds a placeholder", shown,
                          (": the real value, injected the same way, would stay in the "
                           "image config")}),
            Severity::kMedium);
        f.secret = core::SecretInfo{std::string(kNamedRule), ""};
      }
    }
  });
}

rules::Rule RuleDD606() {
  return {
      .info =
          {
              .id = "DD606",
              .slug = "secret/build-arg",
              .title = "Secret passed as a build argument",
              .severity = Severity::kHigh,
              .practice = 6,
              .reads = kB,
              .rationale =
                  "`--build-arg TOKEN=…` values are recorded in the image history (and in "
                  "provenance attestations) even when the ARG has no default. An ARG whose "
                  "name says credential (BuildKit's SecretsUsedInArgOrEnv tokens: …_TOKEN, "
                  "…_PASSWORD, API_KEY, …_SECRET, …_AUTH, …_CREDENTIALS; Jenkins' …_PSW; "
                  "AWS_ACCESS_KEY_ID) means one is coming, with or without a default (a "
                  "literal default credential is also DD601's). An ENV with such a name and "
                  "a placeholder value (`changeme`, empty, `$TOKEN`) is reported at MEDIUM: "
                  "the real value will be injected the same way and stay in the config.",
              .differs = "BuildKit and Trivy flag `GPG_KEY`, `*_KEY_ID` and other names whose "
                         "tokens say the value is public or a pointer (gpg, fingerprint, id, name, "
                         "url, file, path, …); drydock does not. Trivy's DS-0031 also flags "
                         "usernames (`_USR`) and AZURE_CLIENT_ID; drydock reports only values that "
                         "are credentials.",
              .remediation =
                  "Use a BuildKit secret: `RUN --mount=type=secret,id=npm_token,"
                  "env=NPM_TOKEN npm ci` and `docker build --secret id=npm_token,env=NPM_TOKEN`.",
              .references = {"DL3064", "DS-0031"},
              .examples =
                  {
                      {.input = "FROM node:20-slim\nARG NPM_TOKEN\nRUN npm ci\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2},
                      {.input = "ARG GITHUB_TOKEN\nFROM alpine:3.20\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .note = "global ARG"},
                      {.input = "FROM alpine:3.20\nARG DB_PASSWORD=changeme\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2,
                       .note = "placeholder default: the real value comes from --build-arg"},
                      {.input = "FROM alpine:3.20\nARG NPM_TOKEN=abcd1234efgh5678\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2,
                       .note = "with a default too (the literal is also DD601's)"},
                      {.input = "FROM alpine:3.20\nARG ARTIFACTORY_PSW\nARG "
                                "VITE_AWS_ACCESS_KEY_ID=REPLACE_WITH_YOUR_OWN\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2},
                      {.input = "FROM alpine:3.20\nENV GITHUB_TOKEN=placeholder\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2,
                       .note = "ENV with a placeholder: the real value comes the same way"},
                      {.input = "FROM alpine:3.20\nENV NPM_TOKEN=${NPM_TOKEN}\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2},
                      {.input = "FROM alpine:3.20\nENV PUBLIC_KEY=test SECRET_FILE=/run/s/x\n",
                       .fires = false},
                      {.input = "FROM alpine:3.20\nARG APP_VERSION=1.2.3\nARG GPG_KEY\n",
                       .fires = false},
                      {.input = "FROM node:20-slim\nRUN --mount=type=secret,id=npm,env=NPM_TOKEN "
                                "npm ci\n",
                       .fires = false},
                  },
          },
      .build = BuildArg,
  };
}

// ---------------------------------------------------------------------------------------------
// Secret files by name (secrets::ClassifyCredentialFile). Returns a reason ("SSH private key")
// or "" when `path` is not one.
std::string SecretFileKind(std::string_view path) {
  const auto file = secrets::ClassifyCredentialFile(path);
  return file ? std::string(file->kind) : std::string();
}

// How far what a stage writes goes: the rule's severity and no remark in a stage that ships in
// the final image; MEDIUM and "(stage X, not in the final image but in its build cache)" in
// another.
std::pair<Severity, std::string> Exposure(const BuildSpec& spec, const Stage& stage,
                                          Severity shipped) {
  if (detail::ShipsInFinalImage(spec, stage)) return {shipped, ""};
  return {Severity::kMedium, " (stage " + detail::StageLabel(stage) +
                                 ", not in the final image but in its build cache)"};
}

bool IsWholeContext(std::string_view src) { return In(src, {".", "./", "*", "./*", ".//"}); }

// An absolute, lexically normal path for `path` as a step with working directory `workdir` sees
// it (quotes removed).
std::string Absolute(std::string_view path, const std::string& workdir) {
  std::string p(core::Trim(path, " \t\"'"));
  if (!StartsWith(p, "/")) p = workdir + "/" + p;
  std::string out = std::filesystem::path(p).lexically_normal().generic_string();
  while (out.size() > 1 && EndsWith(out, "/")) out.pop_back();
  return out;
}

// A variable that names a credential file (secrets::IsCredentialFileVariable), set by ENV or
// ARG: its value as an absolute path (relative values against the WORKDIR of that point).
struct CredentialPath {
  std::string name;
  std::string path;
  int line = 0;
};

// Calls f(stage, instruction, workdir) for every instruction, with the WORKDIR in effect
// (inherited from the stage a FROM names; "/" for an image).
template <typename F>
void WithWorkdir(const BuildSpec& spec, F&& f) {
  std::vector<std::string> final_workdir(spec.stages.size(), "/");
  for (std::size_t s = 0; s < spec.stages.size(); ++s) {
    const Stage& stage = spec.stages[s];
    std::string workdir = stage.base_stage >= 0 && static_cast<std::size_t>(stage.base_stage) < s
                              ? final_workdir[static_cast<std::size_t>(stage.base_stage)]
                              : "/";
    for (const auto& ins : stage.instructions) {
      if (ins.keyword == "WORKDIR" && !ins.args.empty()) workdir = Absolute(ins.args[0], workdir);
      f(stage, ins, workdir);
    }
    final_workdir[s] = workdir;
  }
}

std::vector<CredentialPath> CredentialPaths(const BuildSpec& spec) {
  std::vector<CredentialPath> out;
  WithWorkdir(spec, [&](const Stage&, const Instruction& ins, const std::string& workdir) {
    if (ins.keyword != "ENV" && ins.keyword != "ARG") return;
    for (const auto& [name, value] : ins.pairs) {
      if (!value || value->empty() || Contains(*value, "$") ||
          !secrets::IsCredentialFileVariable(name)) {
        continue;
      }
      out.push_back({name, Absolute(*value, workdir), ins.origin.line});
    }
  });
  return out;
}

// The credential-file variable a COPY/ADD destination refers to: `$AWS_CONFIG_FILE` left
// unexpanded, or a destination that holds the path a credential-file variable names. "" when
// none; else "AWS_CONFIG_FILE" or "GOOGLE_APPLICATION_CREDENTIALS (`/app/key.json`, line 4)".
std::string CredentialDestination(std::string_view dest, const std::string& workdir,
                                  const std::vector<CredentialPath>& paths) {
  for (std::size_t at = dest.find('$'); at != std::string_view::npos; at = dest.find('$', at + 1)) {
    std::string_view rest = dest.substr(at + 1);
    if (StartsWith(rest, "{")) rest.remove_prefix(1);
    std::size_t n = 0;
    while (n < rest.size() &&
           (std::isalnum(static_cast<unsigned char>(rest[n])) != 0 || rest[n] == '_')) {
      ++n;
    }
    if (n > 0 && secrets::IsCredentialFileVariable(rest.substr(0, n))) {
      return std::string(rest.substr(0, n));
    }
  }
  if (Contains(dest, "$")) return "";
  const std::string to = Absolute(dest, workdir);
  for (const auto& p : paths) {
    if (detail::UnderDir(p.path, to)) {
      return core::Concat({p.name, " (`", p.path, "`, line ", std::to_string(p.line), ")"});
    }
  }
  return "";
}

void FileCopied(const BuildSpec& spec, Reporter& r) {
  const std::vector<CredentialPath> credential_paths = CredentialPaths(spec);
  WithWorkdir(spec, [&](const Stage& stage, const Instruction& ins, const std::string& workdir) {
    if (ins.keyword != "COPY" && ins.keyword != "ADD") return;
    const auto [severity, where] = Exposure(spec, stage, r.rule().severity);
    {
      bool from_other = ins.FindFlag("from") != nullptr;
      bool reported = false;
      for (std::size_t i = 0; i + 1 < ins.args.size(); ++i) {
        const std::string& src = ins.args[i];
        if (Contains(src, "://") || StartsWith(src, "<<")) continue;
        std::string kind = SecretFileKind(src);
        if (!kind.empty()) {
          auto& f = r.Report(ins.origin,
                             core::Concat({ins.keyword, " `", src, "` copies a secret file (", kind,
                                           ") into the image", where}),
                             severity);
          f.secret = core::SecretInfo{"secret-file", ""};
          reported = true;
          continue;
        }
        if (!from_other && IsWholeContext(src) && !spec.context_secret_files.empty()) {
          std::vector<std::string> names;
          for (std::size_t k = 0; k < spec.context_secret_files.size() && k < 5; ++k) {
            names.push_back(spec.context_secret_files[k]);
          }
          std::string more =
              spec.context_secret_files.size() > 5
                  ? " and " + std::to_string(spec.context_secret_files.size() - 5) + " more"
                  : "";
          auto& f = r.Report(
              ins.origin,
              core::Concat({ins.keyword, " `", src, "` copies the whole context, including ",
                            detail::QuoteList(names), more, " (not excluded by .dockerignore)",
                            where}),
              severity);
          f.secret = core::SecretInfo{"secret-file", ""};
          reported = true;
        }
      }
      // `COPY <<EOF /app/.env`: credentials written inline into a file.
      for (const auto& doc : ins.heredocs) {
        for (const auto& m : secrets::Scan(doc.body)) {
          auto& f =
              r.Report(ins.origin,
                       ins.keyword + " heredoc writes a credential (" + std::string(m.rule->title) +
                           ", " + secrets::Mask(m.value) + ") into the image" + where,
                       severity);
          f.secret = core::SecretInfo{std::string(m.rule->id), secrets::Mask(m.value)};
        }
      }
      // `COPY config $AWS_CONFIG_FILE`, or a COPY whose destination holds the file
      // GOOGLE_APPLICATION_CREDENTIALS names.
      if (!reported && ins.args.size() >= 2) {
        const std::string variable =
            CredentialDestination(ins.args.back(), workdir, credential_paths);
        if (!variable.empty()) {
          auto& f = r.Report(
              ins.origin,
              core::Concat({ins.keyword, " `", ins.args.back(), "` writes the credential file ",
                            variable, " names into the image", where}),
              severity);
          f.secret = core::SecretInfo{"secret-file", ""};
        }
      }
    }
  });
}

rules::Rule RuleDD602() {
  return {
      .info =
          {
              .id = "DD602",
              .slug = "secret/file-copied",
              .title = "Secret file copied into the image",
              .severity = Severity::kHigh,
              .practice = 6,
              .reads = kB,
              .rationale =
                  "A key or credentials file copied by COPY/ADD is in a layer for good, even "
                  "if a later RUN deletes it. `COPY . .` does the same for every sensitive "
                  "file in the context that .dockerignore does not exclude. In a builder "
                  "stage it does not ship but stays in the build cache (reported MEDIUM).",
              .remediation = "Mount it for the step that needs it (`RUN "
                             "--mount=type=secret,id=npmrc,target=/root/.npmrc npm ci`), or "
                             "`--mount=type=ssh`; list the files in .dockerignore.",
              .references = {"DS-0031"},
              .examples =
                  {
                      {.input = "FROM node:20-slim\nCOPY .npmrc package.json ./\nRUN npm ci\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2},
                      {.input = "FROM alpine:3.20\nCOPY id_rsa /root/.ssh/id_rsa\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2},
                      {.input = "FROM alpine:3.20\nCOPY .env /app/.env\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2},
                      {.input = "FROM alpine:3.20\nCOPY certs/server.key /etc/ssl/private/\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2},
                      {.input = "FROM alpine:3.20\nCOPY .aws/credentials /root/.aws/credentials\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2},
                      {.input =
                           "FROM debian:jessie-slim\nADD credentials.json /app/credentials.json\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2},
                      {.input = "FROM amazon/aws-cli:2.17.0\nCOPY ./config $AWS_CONFIG_FILE\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2,
                       .note = "a destination a credential variable names"},
                      {.input = "FROM python:3.12-slim\nWORKDIR /srv\nCOPY . .\n"
                                "ENV GOOGLE_APPLICATION_CREDENTIALS=./gcp-key.json\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 3,
                       .note = "the copied tree holds the file the variable points at"},
                      {.input = "FROM python:3.12-slim\nWORKDIR /srv\nCOPY . .\n"
                                "ENV GOOGLE_APPLICATION_CREDENTIALS=/run/secrets/gcp.json\n",
                       .fires = false,
                       .note = "a mount at run time, outside what was copied"},
                      {.input = "FROM alpine:3.20\nCOPY .env.example /app/.env\n", .fires = false},
                      {.input =
                           "FROM alpine:3.20\nCOPY ca-cert.pem /usr/local/share/ca-certificates/\n",
                       .fires = false,
                       .note = "certificates are public"},
                      {.input = "FROM nginx:1.27\nCOPY nginx_signing.key /tmp/\n",
                       .fires = false,
                       .note = "a public signing key"},
                      {.input = "FROM alpine:3.20\nCOPY . /app\n",
                       .fires = false,
                       .note = "no context inspected (see the area tests for context files)"},
                  },
          },
      .build = FileCopied,
  };
}

// ---------------------------------------------------------------------------------------------
// Long options whose value is a credential, for any program.
constexpr std::string_view kSecretOptions[] = {"password",
                                               "passwd",
                                               "pass",
                                               "http-password",
                                               "ftp-password",
                                               "proxy-password",
                                               "token",
                                               "api-key",
                                               "apikey",
                                               "access-token",
                                               "auth-token",
                                               "client-secret",
                                               "secret-key",
                                               "access-key-secret",
                                               "oauth2-bearer",
                                               "private-token",
                                               "registry-password"};

void AddLiteral(std::vector<Literal>& out, std::string rule, std::string title,
                std::string_view value) {
  if (!CredentialShaped(value)) return;
  out.push_back({std::move(rule), std::move(title), std::string(value)});
}

// Credentials passed on a command line (read unexpanded: `$TOKEN` is not a literal).
std::vector<Literal> CommandSecrets(const ShellCommand& cmd, const ShellCommand* previous) {
  std::vector<Literal> out;
  std::string program = detail::ProgramName(cmd);
  auto args = detail::ProgramArgs(cmd);
  for (std::string_view opt : kSecretOptions) {
    if (auto v = detail::LongOption(args, opt, /*literal=*/true)) {
      AddLiteral(out, "cli-password", "--" + std::string(opt), *v);
    }
  }
  if (program == "curl") {
    auto user = detail::LongOption(args, "user", true);
    if (!user) user = detail::ShortOption(args, 'u', "AbcCdDeEFHKmoOQrTUwxXYyz", true);
    if (user) {
      auto colon = user->find(':');
      if (colon != std::string::npos) {
        AddLiteral(out, "cli-password", "curl -u password", user->substr(colon + 1));
      }
    }
  }
  if (In(program, {"mysql", "mysqladmin", "mysqldump", "mariadb", "mariadb-admin", "mariadb-dump",
                   "mysqlimport", "mysqlshow"})) {
    for (const auto* w : args) {
      if (StartsWith(w->text, "-p") && w->text.size() > 2 && !StartsWith(w->text, "--")) {
        AddLiteral(out, "cli-password", program + " -p password", w->text.substr(2));
      }
    }
  }
  if ((In(program, {"docker", "podman", "buildah", "skopeo", "helm", "nerdctl"}) && !args.empty() &&
       (args[0]->value == "login" || (args.size() > 1 && args[1]->value == "login"))) ||
      program == "sshpass") {
    if (auto v = detail::ShortOption(args, 'p', "u", true)) {
      AddLiteral(out, "cli-password", program + " -p password", *v);
    }
  }
  // `echo 'root:pw' | chpasswd`
  if (program == "chpasswd" && previous != nullptr && previous->piped &&
      In(detail::ProgramName(*previous), {"echo", "printf"})) {
    for (const auto* w : detail::ProgramArgs(*previous)) {
      auto colon = w->text.find(':');
      if (colon != std::string::npos && !StartsWith(w->text, "-")) {
        AddLiteral(out, "cli-password", "chpasswd password", w->text.substr(colon + 1));
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Run side.
using model::EnvSource;
using model::RunKind;
using model::RunSpec;

// Who can read what the input writes down, for messages.
std::string ExposedTo(const RunSpec& s) {
  switch (s.kind) {
    case RunKind::kKubernetes:
      return "anyone who can read the pod spec (API, etcd, manifests in git) sees it";
    case RunKind::kCompose:
      return "it is written in the compose file and visible in `docker inspect`";
    case RunKind::kDockerRun:
      return "it is on the command line (shell history, `ps`) and in `docker inspect`";
  }
  return "";
}

void InCommand(const BuildSpec& spec, Reporter& r) {
  detail::ForEachInstruction(spec, [&](const Stage*, const Instruction& ins) {
    if (!In(ins.keyword, {"RUN", "CMD", "ENTRYPOINT", "HEALTHCHECK"})) return;
    std::set<std::string> seen;
    auto report = [&](const Literal& lit, int line) {
      if (!seen.insert(lit.value).second) return;
      auto& f = r.Report(OriginAt(ins, line),
                         ins.keyword + " passes a credential " + Describe(lit) +
                             " on the command line: it is recorded in the image history");
      Attach(f, lit);
    };
    const auto& commands = detail::CommandsOf(ins);
    // Detector hits: the whole text is scanned once; only when it holds a credential are the
    // words scanned one by one, to report each at its precise line (then the whole-text hits
    // the word split missed, de-duplicated by value). Keeps the common, clean case to one pass.
    const auto whole = secrets::Scan(ins.original);
    if (!whole.empty()) {
      for (const auto& cmd : commands) {
        for (const auto& w : cmd.words) {
          for (const auto& m : secrets::Scan(w.text)) {
            report({std::string(m.rule->id), std::string(m.rule->title), std::string(m.value)},
                   w.line > 0 ? w.line : cmd.line);
          }
        }
      }
    }
    for (const auto& m : whole) {
      report({std::string(m.rule->id), std::string(m.rule->title), std::string(m.value)},
             ins.origin.line);
    }
    for (const auto& doc : ins.heredocs) {
      for (const auto& m : secrets::Scan(doc.body)) {
        report({std::string(m.rule->id), std::string(m.rule->title), std::string(m.value)},
               doc.line);
      }
    }
    for (std::size_t i = 0; i < commands.size(); ++i) {
      const ShellCommand* previous = i > 0 ? &commands[i - 1] : nullptr;
      for (const auto& lit : CommandSecrets(commands[i], previous)) report(lit, commands[i].line);
    }
  });
}

void InCommandRun(const RunSpec& s, Reporter& r) {
  std::set<std::string> seen;
  auto report = [&](const Literal& lit, const core::Origin& where) {
    if (!seen.insert(lit.value).second) return;
    auto& f = r.Report(where, "the container's command passes a credential " + Describe(lit) +
                                  ": " + ExposedTo(s));
    Attach(f, lit);
  };
  for (const auto* words : {&s.command, &s.args}) {
    for (const auto& w : *words) {
      for (const auto& m : secrets::Scan(w.value)) {
        report({std::string(m.rule->id), std::string(m.rule->title), std::string(m.value)},
               w.origin);
      }
    }
  }
  const auto& commands = s.run_commands;
  for (std::size_t i = 0; i < commands.size(); ++i) {
    const bool chained = i > 0 && commands[i - 1].from_script && commands[i].from_script;
    const ShellCommand* previous = chained ? &commands[i - 1].command : nullptr;
    for (const auto& lit : CommandSecrets(commands[i].command, previous)) {
      report(lit, commands[i].origin);
    }
  }
}

rules::Rule RuleDD607() {
  return {
      .info =
          {
              .id = "DD607",
              .slug = "secret/in-command",
              .title = "Credential inline in a command",
              .severity = Severity::kHigh,
              .practice = 6,
              .reads = kB | kR,
              .rationale =
                  "RUN, CMD and ENTRYPOINT command lines are stored verbatim in the image "
                  "history and config. A password after `curl -u`, `--password=`, `mysql -p`, "
                  "`docker login -p`, a token in a URL or any detector hit is readable by "
                  "everyone who pulls the image. Variables (`$TOKEN`) are not literals and "
                  "do not fire. At run time the container's command and args (Kubernetes "
                  "command/args, compose entrypoint/command, the words after the image in "
                  "`docker run`, `sh -c` scripts included) are read the same way: they sit "
                  "in the manifest, `ps` output and `docker inspect`.",
              .remediation =
                  "Read the credential from a secret mount "
                  "(`RUN --mount=type=secret,id=tok curl -u \"me:$(cat /run/secrets/tok)\" …`) "
                  "and rotate the exposed one.",
              .references = {},
              .examples =
                  {
                      {.input =
                           "FROM alpine:3.20\nRUN curl -u admin:s3cr3tPw https://x.example/a\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2},
                      {.input = "FROM alpine:3.20\nRUN git clone "
                                "https://deploy:s3cr3tPw@git.example.org/r.git\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2},
                      {.input = "FROM alpine:3.20\nRUN ./configure --password=s3cr3tPw\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2},
                      {.input = "FROM mysql:8.4\nRUN mysql -uroot -ps3cr3tPw -e 'select 1'\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2},
                      {.input =
                           "FROM docker:27\nRUN docker login -u me -p s3cr3tPw registry.example\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2},
                      {.input = "FROM debian:12-slim\nRUN echo 'root:Docker!' | chpasswd\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2},
                      {.input = "FROM alpine:3.20\nRUN curl -u \"admin:$API_PASS\" "
                                "https://x.example/a\n",
                       .fires = false,
                       .note = "a variable, not a literal"},
                      {.input = "FROM alpine:3.20\nRUN echo $TOKEN > /dev/null\n", .fires = false},
                      {.input = "FROM mysql:8.4\nRUN mysql -uroot -p -e 'select 1'\n",
                       .fires = false,
                       .note = "-p alone prompts"},
                      {.input = "FROM docker:27\nRUN docker login -u me --password-stdin < "
                                "/run/secrets/t\n",
                       .fires = false},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = "docker run curlimages/curl:8.9.1 curl -u admin:s3cr3tPw "
                                "https://x.example/a\n",
                       .fires = true,
                       .severity = Severity::kHigh},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = "docker run alpine:3.20 sh -c 'curl -u \"admin:$API_PASS\" "
                                "https://x.example/a'\n",
                       .fires = false,
                       .note = "a variable, not a literal"},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = Pod("  containers:\n    - name: web\n"
                                    "      image: app:1.0\n"
                                    "      args: [\"--password=s3cr3tPw\", \"--port=8080\"]\n"),
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 9,
                       .note = "arguments of the image's entrypoint"},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = Pod("  containers:\n    - name: web\n"
                                    "      image: alpine/git:2.45.2\n"
                                    "      command: [\"sh\", \"-c\", \"git clone "
                                    "https://deploy:s3cr3tPw@git.example.org/r.git /src\"]\n"),
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 9},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = Pod("  containers:\n    - name: web\n"
                                    "      image: app:1.0\n"
                                    "      args: [\"--password-file=/run/secrets/pw\"]\n"),
                       .fires = false},
                      {.kind = core::ExampleKind::kCompose,
                       .input = "services:\n  cli:\n    image: mysql:8.4\n"
                                "    command: [\"mysql\", \"-uroot\", \"-ps3cr3tPw\", \"-hdb\"]\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 4},
                      {.kind = core::ExampleKind::kCompose,
                       .input = "services:\n  cli:\n    image: mysql:8.4\n"
                                "    command: [\"mysql\", \"-uroot\", \"-p\", \"-hdb\"]\n",
                       .fires = false,
                       .note = "-p alone prompts"},
                  },
          },
      .build = InCommand,
      .run = InCommandRun,
  };
}

// ---------------------------------------------------------------------------------------------
// Image side: the config (Env, Labels, history) and the secrets the reader found in layer files.
using model::ImageSpec;
constexpr std::uint8_t kI = core::kReadsImage;

// Literal credentials of one config.Env entry "NAME=value".
std::vector<Literal> EnvEntrySecrets(const std::string& entry) {
  auto eq = entry.find('=');
  if (eq == std::string::npos) return {};
  return PairSecrets(entry.substr(0, eq), entry.substr(eq + 1));
}

// ---------------------------------------------------------------------------------------------
void EnvLiteral(const BuildSpec& spec, Reporter& r) {
  std::set<std::string> seen;  // values already reported (ENV B=$A repeats ARG A's value)
  ForEachEnvOrArg(spec, [&](const Instruction& ins) {
    for (const auto& [name, value] : ins.pairs) {
      if (!value) continue;
      for (const auto& lit : PairSecrets(name, *value)) {
        if (!seen.insert(lit.value).second) continue;
        auto& f =
            r.Report(ins.origin, ins.keyword + " " + name + " holds a credential " + Describe(lit) +
                                     ": it stays in the image config and history");
        Attach(f, lit);
      }
    }
  });
}

void EnvLiteralImage(const ImageSpec& spec, Reporter& r) {
  std::set<std::string> seen;
  const auto& env = spec.config.env;
  for (std::size_t i = 0; i < env.size(); ++i) {
    for (const auto& lit : EnvEntrySecrets(env[i])) {
      if (!seen.insert(lit.value).second) continue;
      auto& f = r.Report(detail::ConfigOrigin(spec, "config.Env[" + std::to_string(i) + "]"),
                         "image config.Env " + env[i].substr(0, env[i].find('=')) +
                             " holds a credential " + Describe(lit) +
                             ": anyone who can pull the image reads it with `docker inspect`");
      Attach(f, lit);
    }
  }
}

void EnvLiteralRun(const RunSpec& s, Reporter& r) {
  std::set<std::string> seen;
  for (const auto& e : s.env) {
    if (e.source != EnvSource::kLiteral || e.interpolated) continue;
    for (const auto& lit : PairSecrets(e.name, e.value)) {
      if (!seen.insert(lit.value).second) continue;
      auto& f = r.Report(e.origin, "env " + e.name + " holds a literal credential " +
                                       Describe(lit) + ": " + ExposedTo(s));
      Attach(f, lit);
    }
  }
}

rules::Rule RuleDD601() {
  return {
      .info =
          {
              .id = "DD601",
              .slug = "secret/env-literal",
              .title = "Credential in ENV or ARG",
              .severity = Severity::kCritical,
              .practice = 6,
              .reads = kB | kI | kR,
              .rationale =
                  "ENV values are part of the image config and ARG values of its history: anyone "
                  "who "
                  "can pull the image reads them with `docker inspect` / `docker history`. Fires "
                  "on a "
                  "detector hit (cloud keys, tokens, private keys, URLs with passwords) or on a "
                  "secret-like name (…_PASSWORD, …_TOKEN, API_KEY; BuildKit's "
                  "SecretsUsedInArgOrEnv "
                  "tokens) holding a literal, non-placeholder value. Public material such as "
                  "`ENV GPG_KEY <fingerprint>` and pointers such as *_FILE / *_PATH are not "
                  "secrets. "
                  "At run time the same test applies to literal env values: Kubernetes "
                  "`env[].value` "
                  "(in the manifest, readable by anyone who can get the pod), compose "
                  "`environment` "
                  "and docker `-e`; secretKeyRef, envFrom, host variables (`-e NAME`) and compose "
                  "`${VAR}` interpolation are not literals.",
              .remediation =
                  "Mount the secret for the one RUN that needs it "
                  "(`RUN --mount=type=secret,id=token,env=TOKEN …`) and pass it at run time "
                  "(Kubernetes secretKeyRef, compose secrets); rotate the exposed value.",
              .references = {"DL3064", "DS-0031", "env-var-secret", "CKV_K8S_35", "CIS-DI-0010"},
              .examples =
                  {
                      {.input = "FROM alpine:3.20\nENV AWS_ACCESS_KEY_ID=AKIA"
                                "GWJNXQ6FVMR44UBM\n",
                       .fires = true,
                       .severity = Severity::kCritical,
                       .line = 2,
                       .note = "detector hit (an AWS access key ID)"},
                      {.input = "FROM alpine:3.20\nENV DB_PASSWORD=s3cr3t-Pa55\n",
                       .fires = true,
                       .severity = Severity::kCritical,
                       .line = 2},
                      {.input = "FROM debian:jessie-slim\nENV MYSQL_PASSWD password\n",
                       .fires = true,
                       .severity = Severity::kCritical,
                       .line = 2,
                       .note = "legacy ENV form; a weak literal is still a credential"},
                      {.input = "FROM alpine:3.20\nARG NPM_TOKEN=abcd1234efgh5678\n",
                       .fires = true,
                       .severity = Severity::kCritical,
                       .line = 2},
                      {.input =
                           "FROM alpine:3.20\nENV DATABASE_URL=postgres://app:hunter2@db/app\n",
                       .fires = true,
                       .severity = Severity::kCritical,
                       .line = 2},
                      {.input = "FROM python:3.12\nENV GPG_KEY "
                                "A035C8C19219BA821ECEA86B64E628F8D684696D\n",
                       .fires = false,
                       .note = "a public key fingerprint (docker-library idiom)"},
                      {.input = "FROM postgres:16\nENV POSTGRES_PASSWORD_FILE=/run/secrets/db\n",
                       .fires = false},
                      {.input = "FROM alpine:3.20\nARG TOKEN\nENV TOKEN=$TOKEN\n",
                       .fires = false,
                       .note = "no literal (the ARG is DD606's)"},
                      {.input = "FROM alpine:3.20\nENV API_KEY=changeme\n",
                       .fires = false,
                       .note = "placeholder"},
                      {.input = "FROM alpine:3.20\nENV AUTH_ENABLED=true\n", .fires = false},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input = "docker run -e DB_PASSWORD=s3cr3t-Pa55 postgres:16.4\n",
                       .fires = true,
                       .severity = Severity::kCritical},
                      {.kind = core::ExampleKind::kDockerRun,
                       .input =
                           "docker run -e DB_PASSWORD -e POSTGRES_PASSWORD_FILE=/run/secrets/db "
                           "postgres:16.4\n",
                       .fires = false,
                       .note = "taken from the host / a pointer to a secret file"},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = Pod("  containers:\n    - name: web\n"
                                    "      image: app:1.0\n      env:\n"
                                    "        - name: AWS_ACCESS_KEY_ID\n          value: AKIA"
                                    "GWJNXQ6FVMR44UBM\n"),
                       .fires = true,
                       .severity = Severity::kCritical,
                       .line = 10},
                      {.kind = core::ExampleKind::kKubernetes,
                       .input = Pod("  containers:\n    - name: web\n"
                                    "      image: app:1.0\n      env:\n"
                                    "        - name: DB_PASSWORD\n          valueFrom:\n"
                                    "            secretKeyRef:\n              name: db\n"
                                    "              key: password\n"),
                       .fires = false,
                       .note = "secretKeyRef is the fix"},
                      {.kind = core::ExampleKind::kCompose,
                       .input = "services:\n  db:\n    image: postgres:16.4\n    environment:\n"
                                "      POSTGRES_PASSWORD: s3cr3t-Pa55\n",
                       .fires = true,
                       .severity = Severity::kCritical,
                       .line = 5},
                      {.kind = core::ExampleKind::kCompose,
                       .input = "services:\n  db:\n    image: postgres:16.4\n    environment:\n"
                                "      POSTGRES_PASSWORD_FILE: /run/secrets/db\n    secrets:\n"
                                "      - db\nsecrets:\n  db:\n    file: ./db.txt\n",
                       .fires = false},
                      {.kind = core::ExampleKind::kImage,
                       .input =
                           "config {\"Env\":[\"PATH=/usr/bin\",\"DB_PASSWORD=s3cr3t-Pa55\"]}\n",
                       .fires = true,
                       .severity = Severity::kCritical,
                       .note = "config.Env of a pulled image"},
                      {.kind = core::ExampleKind::kImage,
                       .input = "config {\"Env\":[\"POSTGRES_PASSWORD_FILE=/run/secrets/db\","
                                "\"GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D\"]}\n",
                       .fires = false},
                  },
          },
      .build = EnvLiteral,
      .image = EnvLiteralImage,
      .run = EnvLiteralRun,
  };
}

// "a credential (AWS access key ID, AKIA…(20)) at line 3": what a message may say about it.
std::string SecretWhat(const model::FileSecret& s) {
  return "a credential (" + (s.title.empty() ? s.rule_id : s.title) + ", " + s.masked +
         ") at line " + std::to_string(s.line);
}

void AttachFileSecret(core::Finding& f, const model::FileSecret& s) {
  f.secret = core::SecretInfo{s.rule_id, s.masked};
}

// The final-filesystem entry that holds `s`, or nullptr (removed, or replaced by a later layer).
const model::FsEntry* FinalHolder(const ImageSpec& spec, const model::FileSecret& s) {
  const model::FsEntry* e = spec.files.Find(s.path);
  return e != nullptr && !e->IsDir() && !e->IsSymlink() && e->layer == s.layer ? e : nullptr;
}

void InFile(const ImageSpec& spec, Reporter& r) {
  for (const auto& s : spec.secrets) {
    const model::FsEntry* e = FinalHolder(spec, s);
    if (e == nullptr) continue;
    core::Origin where = spec.OriginOf(*e);
    where.line = static_cast<int>(s.line);
    where.column = static_cast<int>(s.column);
    auto& f = r.Report(where, "/" + s.path + " holds " + SecretWhat(s), s.severity);
    AttachFileSecret(f, s);
  }
}

rules::Rule RuleDD603() {
  return {
      .info =
          {
              .id = "DD603",
              .slug = "secret/in-file",
              .title = "Credential in a file of the image",
              .severity = Severity::kCritical,
              .practice = 6,
              .reads = kI,
              .rationale =
                  "The secret detector (cloud keys, VCS and registry tokens, private keys, "
                  "URLs with passwords, …) found a credential in a file of the final "
                  "filesystem: anyone who can pull the image can read it. The finding "
                  "carries the detector's own severity, the file, its layer and the line; "
                  "the value is masked.",
              .remediation = "Remove the file from the build (.dockerignore, `--mount=type=secret` "
                             "for the step that needs it), rebuild, and rotate the credential: "
                             "every pushed copy of the image still holds it.",
              .references = {"Trivy secret"},
              .examples =
                  {
                      {.kind = core::ExampleKind::kImage,
                       .input = "file /app/.env = AWS_ACCESS_KEY_ID=AKIA"
                                "GWJNXQ6FVMR44UBM\\n\n",
                       .fires = true,
                       .severity = Severity::kCritical},
                      {.kind = core::ExampleKind::kImage,
                       .input = "file /app/.env = DB_PASSWORD=${DB_PASSWORD}\\n\n",
                       .fires = false,
                       .note = "a reference, not a value"},
                      {.kind = core::ExampleKind::kImage,
                       .input = "file /app/.env = AWS_ACCESS_KEY_ID=AKIA"
                                "GWJNXQ6FVMR44UBM\\n\n"
                                "layer\ndelete /app/.env\n",
                       .fires = false,
                       .note = "deleted by a later layer: DD604"},
                  },
          },
      .image = InFile,
  };
}

void InDeletedLayer(const ImageSpec& spec, Reporter& r) {
  for (const auto& s : spec.secrets) {
    if (FinalHolder(spec, s) != nullptr) continue;  // DD603's
    const model::ShadowedFile* shadow = nullptr;
    for (const auto& sf : spec.shadowed) {
      if (sf.path == s.path && sf.layer_written == s.layer) {
        shadow = &sf;
        break;
      }
    }
    if (shadow == nullptr) continue;
    core::Origin where = spec.OriginOf(*shadow);
    where.line = static_cast<int>(s.line);
    where.column = static_cast<int>(s.column);
    const std::string written(spec.LayerDigest(shadow->layer_written));
    const std::string removed(spec.LayerDigest(shadow->layer_removed));
    std::string how =
        shadow->layer_removed == shadow->layer_written
            ? "replaced later in the same layer " + written + " (" +
                  model::ShadowKindName(shadow->kind) + ")"
            : "removed by layer " + removed + " (" + model::ShadowKindName(shadow->kind) + ")";
    auto& f = r.Report(
        where,
        core::Concat({"/", s.path, " holds ", SecretWhat(s), ": written in layer ", written, ", ",
                      how, ", but the layer still ships it to anyone who pulls the image"}),
        s.severity);
    AttachFileSecret(f, s);
  }
}

rules::Rule RuleDD604() {
  return {
      .info =
          {
              .id = "DD604",
              .slug = "secret/in-deleted-layer",
              .title = "Credential in a file deleted by a later layer",
              .severity = Severity::kCritical,
              .practice = 6,
              .reads = kI,
              .rationale =
                  "Deleting a file in a later RUN (or overwriting it) only hides it in the "
                  "merged view: the layer that wrote it is still part of the image, and "
                  "`docker save` / `crane export` plus `tar x` gives the file back. The "
                  "finding names the layer that holds the content and the layer (and kind: "
                  "whiteout, opaque directory, overwrite) that hid it.",
              .remediation =
                  "Never write a secret in a layer: use `RUN --mount=type=secret` (the "
                  "file exists only during that step), or a multi-stage build that copies "
                  "only the result; rotate the exposed credential.",
              .references = {"seed practice 6"},
              .examples =
                  {
                      {.kind = core::ExampleKind::kImage,
                       .input = "file /root/.aws/credentials 0600 = aws_access_key_id = "
                                "AKIA"
                                "GWJNXQ6FVMR44UBM\\n\nlayer\ndelete /root/.aws/credentials\n",
                       .fires = true,
                       .severity = Severity::kCritical},
                      {.kind = core::ExampleKind::kImage,
                       .input = "file /app/.env = AWS_ACCESS_KEY_ID=AKIA"
                                "GWJNXQ6FVMR44UBM\\n\n",
                       .fires = false,
                       .note = "still in the final filesystem: DD603"},
                      {.kind = core::ExampleKind::kImage,
                       .input = "file /tmp/build.log = ok\\n\nlayer\ndelete /tmp/build.log\n",
                       .fires = false,
                       .note = "deleted file without a credential"},
                  },
          },
      .image = InDeletedLayer,
  };
}

// Build arguments recorded in a history step: "|2 A=b B=c /bin/sh -c …" (classic builder) or
// "RUN |2 A=b …" (BuildKit). Returns the pairs and sets `rest` to the command after them.
std::vector<std::pair<std::string, std::string>> HistoryArgs(std::string_view created_by,
                                                             std::string_view& rest) {
  std::vector<std::pair<std::string, std::string>> out;
  rest = created_by;
  std::string_view t = created_by;
  if (StartsWith(t, "RUN ")) t.remove_prefix(4);
  if (!StartsWith(t, "|")) return out;
  t.remove_prefix(1);
  std::size_t digits = 0;
  while (digits < t.size() && digits < 4 && t[digits] >= '0' && t[digits] <= '9') ++digits;
  if (digits == 0) return out;
  int count = std::stoi(std::string(t.substr(0, digits)));
  t.remove_prefix(digits);
  for (int i = 0; i < count; ++i) {
    while (StartsWith(t, " ")) t.remove_prefix(1);
    auto space = t.find(' ');
    std::string_view word = t.substr(0, space);
    auto eq = word.find('=');
    if (eq == std::string_view::npos || eq == 0) break;
    out.emplace_back(std::string(word.substr(0, eq)), std::string(word.substr(eq + 1)));
    t = space == std::string_view::npos ? std::string_view{} : t.substr(space);
  }
  rest = t;
  return out;
}

void InHistory(const ImageSpec& spec, Reporter& r) {
  std::set<std::string> seen;  // values already reported here or by DD601 (config.Env)
  for (const auto& e : spec.config.env) {
    for (const auto& lit : EnvEntrySecrets(e)) seen.insert(lit.value);
  }
  auto report = [&](const Literal& lit, const std::string& context, const std::string& what) {
    if (!seen.insert(lit.value).second) return;
    auto& f = r.Report(detail::ConfigOrigin(spec, context),
                       what + " holds a credential " + Describe(lit) +
                           ": the image config ships it to anyone who can pull the image");
    Attach(f, lit);
  };
  const auto& history = spec.config.history;
  for (std::size_t i = 0; i < history.size(); ++i) {
    const std::string context = "history[" + std::to_string(i) + "].created_by";
    std::string_view rest;
    for (const auto& [name, value] : HistoryArgs(history[i].created_by, rest)) {
      for (const auto& lit : PairSecrets(name, value)) {
        report(lit, context,
               "build argument " + name + " (history step " + std::to_string(i) + ")");
      }
    }
    const std::string command(rest);
    for (const auto& m : secrets::Scan(command)) {
      report({std::string(m.rule->id), std::string(m.rule->title), std::string(m.value)}, context,
             "history step " + std::to_string(i));
    }
  }
  for (const auto& [key, value] : spec.config.labels) {
    for (const auto& lit : PairSecrets(key, value)) {
      report(lit, "config.Labels." + key, "label " + key);
    }
  }
}

rules::Rule RuleDD605() {
  return {
      .info =
          {
              .id = "DD605",
              .slug = "secret/in-history",
              .title = "Credential in the image history, labels or build arguments",
              .severity = Severity::kCritical,
              .practice = 6,
              .reads = kI,
              .rationale =
                  "The config's history records each build step's command line "
                  "(`created_by`), including the build arguments a RUN saw (`|2 A=b B=c "
                  "/bin/sh -c …`); labels are config too. `docker history --no-trunc` and "
                  "`docker inspect` print them for anyone who can pull the image. Fires on a "
                  "detector hit, or a secret-like build-argument or label name with a "
                  "literal value; values already reported by DD601 (config.Env) are not "
                  "repeated.",
              .remediation = "Pass secrets with `RUN --mount=type=secret` instead of ARG or inline "
                             "in commands, keep labels to public metadata, rebuild and rotate the "
                             "exposed credential.",
              .references = {"CIS-DI-0010"},
              .examples =
                  {
                      {.kind = core::ExampleKind::kImage,
                       .input = "history {\"created_by\":\"RUN |1 GITHUB_TOKEN=gh"
                                "p_kxwnQrS7RPeMOkIUpkD"
                                "yr7OSJoRu1XXdo0cZ /bin/sh -c make\"}\n",
                       .fires = true,
                       .severity = Severity::kCritical,
                       .note = "a build argument recorded in the history"},
                      {.kind = core::ExampleKind::kImage,
                       .input =
                           "config {\"Labels\":{\"db.url\":\"postgres://admin:Vx9dQ2mLr7Tp@db:5432/"
                           "app\"}}\n",
                       .fires = true,
                       .severity = Severity::kCritical},
                      {.kind = core::ExampleKind::kImage,
                       .input =
                           "history {\"created_by\":\"RUN |1 VERSION=1.2.3 /bin/sh -c make\"}\n"
                           "config {\"Labels\":{\"org.opencontainers.image.source\":"
                           "\"https://github.com/example/app\"}}\n",
                       .fires = false},
                  },
          },
      .image = InHistory,
  };
}

// ---------------------------------------------------------------------------------------------
// DD608: credential stores left in the final filesystem.

// The last path component of `path` without trailing '/' or "/*" ("~/.aws/" → ".aws").
std::string_view LastComponent(std::string_view path) {
  while (EndsWith(path, "/") || EndsWith(path, "/*") || EndsWith(path, "*")) {
    path.remove_suffix(EndsWith(path, "/*") ? 2 : 1);
  }
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// True when `path` has `component` as one of its '/'-separated components.
bool HasComponent(std::string_view path, std::string_view component) {
  if (component.empty() || component == "." || component == "~") return false;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    if (path.substr(start, end - start) == component) return true;
    start = end + 1;
  }
  return false;
}

// A credential store a RUN command writes and leaves: where, and what wrote it.
struct StoreWrite {
  std::string path;  // as the command names it, or the tool's default ("~/.aws/credentials")
  std::string kind;  // "AWS credentials"
  std::string how;   // "aws configure set", "a redirection", "tee"
};

// True when `args` hold a word whose value contains one of `keys` (case-insensitively).
bool ArgMentions(const std::vector<const model::ShellWord*>& args,
                 std::initializer_list<std::string_view> keys) {
  return std::any_of(args.begin(), args.end(), [&](const model::ShellWord* w) {
    const std::string l = Lower(w->value);
    return std::any_of(keys.begin(), keys.end(),
                       [&](std::string_view k) { return Contains(l, k); });
  });
}

// The credential store a tool writes when `cmd` logs in or configures credentials; nullopt for
// other commands.
std::optional<StoreWrite> ToolStoreWrite(const ShellCommand& cmd) {
  const std::string program = detail::ProgramName(cmd);
  const auto args = detail::ProgramArgs(cmd);
  auto word = [&](std::size_t i) { return i < args.size() ? args[i]->value : std::string(); };
  if (program == "aws" && word(0) == "configure" && word(1) == "set" &&
      ArgMentions(args, {"aws_access_key_id", "aws_secret_access_key", "aws_session_token"})) {
    return StoreWrite{"~/.aws/credentials", "AWS credentials", "aws configure set"};
  }
  if (program == "gcloud" && word(0) == "auth" && word(1) == "activate-service-account") {
    return StoreWrite{"~/.config/gcloud", "Google Cloud credentials",
                      "gcloud auth activate-service-account"};
  }
  if (program == "az" && word(0) == "login" &&
      (ArgMentions(args, {"--password", "--federated-token", "--service-principal"}) ||
       detail::ShortOption(args, 'p', "pu").has_value())) {
    return StoreWrite{"~/.azure", "Azure CLI credentials", "az login"};
  }
  if (program == "doctl" && word(0) == "auth" && word(1) == "init") {
    return StoreWrite{"~/.config/doctl", "DigitalOcean token", "doctl auth init"};
  }
  if (In(program, {"docker", "podman", "buildah", "nerdctl", "skopeo"}) && word(0) == "login") {
    return StoreWrite{program == "docker" || program == "nerdctl" ? "~/.docker/config.json"
                                                                  : "containers/auth.json",
                      "registry credentials", program + " login"};
  }
  if (program == "helm" && word(0) == "registry" && word(1) == "login") {
    return StoreWrite{"~/.config/helm/registry", "registry credentials", "helm registry login"};
  }
  if (In(program, {"npm", "pnpm"}) &&
      ((word(0) == "config" && word(1) == "set" && ArgMentions(args, {"_auth", "_password"})) ||
       In(word(0), {"login", "adduser"}))) {
    return StoreWrite{"~/.npmrc", "npm credentials", program + " " + word(0)};
  }
  if (program == "yarn" && word(0) == "config" && word(1) == "set" &&
      ArgMentions(args, {"npmauthtoken", "npmauthident", "_auth"})) {
    return StoreWrite{"~/.yarnrc.yml", "Yarn credentials", "yarn config set"};
  }
  if (program == "poetry" && word(0) == "config" &&
      ArgMentions(args, {"http-basic.", "pypi-token."})) {
    return StoreWrite{"~/.config/pypoetry/auth.toml", "Poetry credentials", "poetry config"};
  }
  if (program == "cargo" && word(0) == "login") {
    return StoreWrite{"~/.cargo/credentials.toml", "Cargo registry token", "cargo login"};
  }
  if (program == "gh" && word(0) == "auth" && word(1) == "login") {
    return StoreWrite{"~/.config/gh/hosts.yml", "GitHub CLI token", "gh auth login"};
  }
  if (program == "composer" && word(0) == "config" &&
      ArgMentions(args,
                  {"http-basic.", "github-oauth.", "gitlab-token.", "gitlab-oauth.", "bearer."})) {
    return StoreWrite{"composer/auth.json", "Composer credentials", "composer config"};
  }
  if (program == "kubectl" && word(0) == "config" && word(1) == "set-credentials" &&
      ArgMentions(args, {"--token", "--password", "--client-key"})) {
    return StoreWrite{"~/.kube/config", "kubeconfig", "kubectl config set-credentials"};
  }
  if (program == "vault" && word(0) == "login") {
    return StoreWrite{"~/.vault-token", "Vault token", "vault login"};
  }
  if (program == "mc" && ((word(0) == "alias" && word(1) == "set") ||
                          (word(0) == "config" && word(1) == "host" && word(2) == "add"))) {
    return StoreWrite{"~/.mc/config.json", "MinIO client credentials", "mc alias set"};
  }
  return std::nullopt;
}

// Credential stores `cmd` writes: a tool's login, or a credential file named by a redirection,
// `tee` or the destination of `cp`/`mv`/`install`. `text` is what a redirection writes (the
// command's words, the instruction's heredocs): a store judged by content (.npmrc, .env) counts
// only when that text assigns a credential (a variable reference counts: its value lands there).
std::vector<StoreWrite> StoreWrites(const ShellCommand& cmd, const Instruction& ins) {
  std::vector<StoreWrite> out;
  if (auto tool = ToolStoreWrite(cmd)) out.push_back(std::move(*tool));
  auto text_holds_credentials = [&] {
    std::string text;
    for (const auto* w : detail::ProgramArgs(cmd)) text += w->text + "\n";
    for (const auto& doc : ins.heredocs) text += doc.body;
    return secrets::HoldsCredentials(text, /*references_count=*/true);
  };
  auto consider = [&](const std::string& path, const std::string& how, bool judged_by_text) {
    const auto file = secrets::ClassifyCredentialFile(path);
    if (!file || file->check == secrets::CredentialCheck::kDetector) return;
    if (file->check == secrets::CredentialCheck::kContent && judged_by_text &&
        !text_holds_credentials()) {
      return;
    }
    out.push_back({path, std::string(file->kind), how});
  };
  for (const auto& w : cmd.writes) consider(w.value, "a redirection", true);
  const std::string program = detail::ProgramName(cmd);
  const auto args = detail::ProgramArgs(cmd);
  if (program == "tee") {
    for (const auto* w : args) {
      if (!StartsWith(w->value, "-")) consider(w->value, "tee", true);
    }
  }
  if (In(program, {"cp", "mv", "install"}) && args.size() >= 2 &&
      !StartsWith(args.back()->value, "-")) {
    consider(args.back()->value, program, false);
  }
  return out;
}

// True when a later command of the same RUN removes `path` (`rm -rf ~/.aws`, `docker logout`,
// `npm config delete …`) or a mount of the RUN (secret, tmpfs, cache, bind) covers it.
bool StoreGone(const Instruction& run, std::size_t after, const StoreWrite& w) {
  for (const auto& m : run.mounts) {
    if (HasComponent(w.path, LastComponent(m.target))) return true;
  }
  const auto& commands = run.script.commands;
  for (std::size_t i = after + 1; i < commands.size(); ++i) {
    const std::string program = detail::ProgramName(commands[i]);
    const auto args = detail::ProgramArgs(commands[i]);
    if (program == "rm" || program == "shred" || program == "unlink") {
      for (const auto* a : args) {
        if (!StartsWith(a->value, "-") && HasComponent(w.path, LastComponent(a->value))) {
          return true;
        }
      }
    }
    if (In(program, {"docker", "podman", "buildah", "nerdctl", "skopeo"}) && !args.empty() &&
        args[0]->value == "logout") {
      return true;
    }
    if (In(program, {"npm", "pnpm"}) && args.size() >= 2 && args[0]->value == "config" &&
        In(args[1]->value, {"delete", "rm"})) {
      return true;
    }
  }
  return false;
}

void CredentialFileBuild(const BuildSpec& spec, Reporter& r) {
  for (const auto& stage : spec.stages) {
    const auto [severity, where] = Exposure(spec, stage, r.rule().severity);
    for (const auto& ins : stage.instructions) {
      if (ins.keyword != "RUN") continue;
      const auto& commands = ins.script.commands;
      std::set<std::string> seen;  // one finding per store and RUN
      for (std::size_t i = 0; i < commands.size(); ++i) {
        for (const StoreWrite& w : StoreWrites(commands[i], ins)) {
          if (StoreGone(ins, i, w) || !seen.insert(w.path).second) continue;
          auto& f = r.Report(detail::OriginAt(ins, commands[i].line),
                             core::Concat({"RUN leaves a credential store in the layer: ", w.how,
                                           " writes ", w.kind, " to ", w.path, where}),
                             severity);
          f.secret = core::SecretInfo{"credential-file", ""};
        }
      }
    }
  }
}

// True when the detector found a credential in the final version of `path` (DD603's finding).
bool DetectorHitIn(const ImageSpec& spec, std::string_view path) {
  return std::any_of(spec.secrets.begin(), spec.secrets.end(), [&](const model::FileSecret& s) {
    return s.path == path && FinalHolder(spec, s) != nullptr;
  });
}

void CredentialFileImage(const ImageSpec& spec, Reporter& r) {
  for (const model::FsEntry& e : spec.files.entries) {
    if (!e.IsFile() || e.size == 0) continue;
    const auto file = secrets::ClassifyCredentialFile(e.path);
    if (!file || file->check == secrets::CredentialCheck::kDetector ||
        secrets::IsVendoredPath(e.path) || DetectorHitIn(spec, e.path)) {
      continue;
    }
    if (file->check == secrets::CredentialCheck::kContent) {
      const model::KeptFile* kept = spec.Kept(e.path);
      if (kept == nullptr || !secrets::HoldsCredentials(kept->content)) continue;
    }
    auto& f = r.Report(spec.OriginOf(e),
                       core::Concat({"/", e.path, " is a credential store (", file->kind,
                                     "): anyone who can pull the image can read it"}));
    f.secret = core::SecretInfo{"credential-file", ""};
  }
}

rules::Rule RuleDD608() {
  return {
      .info =
          {
              .id = "DD608",
              .slug = "secret/credential-file",
              .title = "Credential store in the image",
              .severity = Severity::kHigh,
              .practice = 6,
              .reads = kB | kI,
              .rationale =
                  "Tools keep credentials in well-known files: ~/.aws/credentials, "
                  "~/.docker/config.json (`auths`), .git-credentials, .netrc, .pgpass, "
                  ".npmrc/.pypirc with tokens, kubeconfigs with `client-key-data` or `token`, "
                  "service-account JSON, key stores (.p12, .pfx, .jks), `credentials.json`, "
                  "`.env`. In an image's final filesystem anyone who pulls it reads them. "
                  "Stores judged by content fire only when they hold a literal credential; "
                  "one finding per path (DD603 when the secret detector recognises the "
                  "content, DD608 otherwise); files inside vendored package trees "
                  "(node_modules, site-packages, vendor/) are judged by content only. In a "
                  "Dockerfile, a RUN that writes such a store (`aws configure set`, `docker "
                  "login`, `npm config set …:_authToken`, `echo … > ~/.npmrc`) and does not "
                  "remove it in the same RUN leaves it in the layer, even when the value came "
                  "from a secret mount.",
              .differs =
                  "Trivy's DS-0031 accepts `aws configure set` under a secret mount; drydock "
                  "reports it, since the command copies the mounted value into "
                  "~/.aws/credentials in the layer.",
              .remediation =
                  "Mount the store for the step that needs it (`RUN "
                  "--mount=type=secret,id=npmrc,target=/root/.npmrc npm ci`), or remove it in "
                  "the same RUN; at run time mount credentials as secrets or volumes.",
              .references = {"CIS-DI-0010", "DKL-DI-0005", "DS-0031"},
              .examples =
                  {
                      {.input = "FROM amazon/aws-cli:2.17.0\nARG AWS_KEY\n"
                                "RUN aws configure set aws_secret_access_key \"$AWS_KEY\"\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 3},
                      {.input = "FROM node:20-slim\n"
                                "RUN echo \"//registry.npmjs.org/:_authToken=${NPM_TOKEN}\" > "
                                "/root/.npmrc && npm ci\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2},
                      {.input = "FROM node:20-slim AS build\n"
                                "RUN echo \"//registry.npmjs.org/:_authToken=${NPM_TOKEN}\" > "
                                ".npmrc && npm ci\nFROM node:20-slim\nCOPY --from=build /app "
                                "/app\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2,
                       .note = "a builder stage: in the build cache only"},
                      {.input = "FROM node:20-slim\n"
                                "RUN echo \"//registry.npmjs.org/:_authToken=${NPM_TOKEN}\" > "
                                "/root/.npmrc && npm ci && rm -f /root/.npmrc\n",
                       .fires = false,
                       .note = "removed in the same RUN"},
                      {.input = "FROM node:20-slim\nRUN --mount=type=secret,id=npmrc,"
                                "target=/root/.npmrc npm ci\n",
                       .fires = false},
                      {.input = "FROM node:20-slim\nRUN echo \"registry=https://npm.example/\" > "
                                "/root/.npmrc\n",
                       .fires = false,
                       .note = "no credential in what is written"},
                      {.kind = core::ExampleKind::kImage,
                       .input = "file /root/.kube/config = users:\\n- name: ci\\n  user:\\n"
                                "    client-key-data: LS0tLS1CRUdJTiBFQyBQUklWQVRFIEtFWS0t\\n\n",
                       .fires = true,
                       .severity = Severity::kHigh},
                      {.kind = core::ExampleKind::kImage,
                       .input = "file /root/.pgpass 0600 = db:5432:app:app:pw\\n\n",
                       .fires = true,
                       .severity = Severity::kHigh},
                      {.kind = core::ExampleKind::kImage,
                       .input = "file /app/certs/client.p12 = binary\\n\n",
                       .fires = true,
                       .severity = Severity::kHigh},
                      {.kind = core::ExampleKind::kImage,
                       .input = "file /root/.docker/config.json = "
                                "{\"auths\":{},\"credsStore\":\"desktop\"}\n",
                       .fires = false,
                       .note = "a credential helper, no stored credential"},
                      {.kind = core::ExampleKind::kImage,
                       .input = "file /app/node_modules/pkg/.npmrc = _authToken=abcd1234efgh\\n\n",
                       .fires = false,
                       .note = "a vendored package tree: content only (DD603)"},
                  },
          },
      .build = CredentialFileBuild,
      .image = CredentialFileImage,
  };
}

}  // namespace

void RegisterSecretRules(rules::Registry& registry) {
  registry.Add(RuleDD601());
  registry.Add(RuleDD602());
  registry.Add(RuleDD606());
  registry.Add(RuleDD607());
  registry.Add(RuleDD603());
  registry.Add(RuleDD604());
  registry.Add(RuleDD605());
  registry.Add(RuleDD608());
}

}  // namespace drydock::rules
