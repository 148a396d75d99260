// SPDX-License-Identifier: Apache-2.0
#include "secrets/credential_files.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "core/strings.h"
#include "secrets/detector.h"

namespace drydock::secrets {
namespace {

using core::EndsWith;
using core::Lower;
using core::StartsWith;
using core::Trim;

// One name of the table: an exact last path component ("id_rsa"), an extension ("*.p12") or a
// path suffix ending at a component boundary (".aws/credentials").
struct Row {
  std::string_view name;
  CredentialFile file;
};

constexpr auto kName = CredentialCheck::kName;
constexpr auto kContent = CredentialCheck::kContent;
constexpr auto kDetector = CredentialCheck::kDetector;

constexpr auto kRows = std::to_array<Row>({
    {".env", {"dotenv file", kContent}},
    {"id_rsa", {"SSH private key", kName}},
    {"id_dsa", {"SSH private key", kName}},
    {"id_ecdsa", {"SSH private key", kName}},
    {"id_ed25519", {"SSH private key", kName}},
    {"id_ecdsa_sk", {"SSH private key", kName}},
    {"id_ed25519_sk", {"SSH private key", kName}},
    {"*.ppk", {"PuTTY private key", kName}},
    {".ssh", {"SSH directory", kName}},
    {".npmrc", {"npm credentials", kContent}},
    {".pypirc", {"PyPI credentials", kContent}},
    {".netrc", {"netrc credentials", kContent}},
    {"_netrc", {"netrc credentials", kContent}},
    {".git-credentials", {"git credentials", kName}},
    {".dockercfg", {"Docker credentials", kName}},
    {".docker/config.json", {"Docker credentials", kContent}},
    {"containers/auth.json", {"container registry credentials", kContent}},
    {"credentials.json", {"cloud credentials", kName}},
    {"service-account.json", {"cloud service account credentials", kName}},
    {"service_account.json", {"cloud service account credentials", kName}},
    {"application_default_credentials.json", {"Google Cloud credentials", kName}},
    {".aws/credentials", {"AWS credentials", kContent}},
    {".aws", {"AWS credentials directory", kName}},
    {".pgpass", {"PostgreSQL password file", kName}},
    {".my.cnf", {"MySQL client credentials", kContent}},
    {".kube/config", {"kubeconfig", kContent}},
    {"kubeconfig", {"kubeconfig", kContent}},
    {"*.kubeconfig", {"kubeconfig", kContent}},
    {".s3cfg", {"s3cmd credentials", kContent}},
    {".boto", {"boto credentials", kContent}},
    {".vault-token", {"Vault token", kName}},
    {".gitlab-runner/config.toml", {"GitLab runner configuration", kContent}},
    {".cargo/credentials.toml", {"Cargo registry token", kContent}},
    {".cargo/credentials", {"Cargo registry token", kContent}},
    {"gh/hosts.yml", {"GitHub CLI token", kContent}},
    {".terraform.d/credentials.tfrc.json", {"Terraform credentials", kContent}},
    {"composer/auth.json", {"Composer credentials", kContent}},
    {"pypoetry/auth.toml", {"Poetry credentials", kContent}},
    {".htpasswd", {"htpasswd file", kName}},
    {"*.kdbx", {"KeePass database", kName}},
    {"*.p12", {"PKCS#12 key store", kName}},
    {"*.pfx", {"PKCS#12 key store", kName}},
    {"*.jks", {"Java key store", kName}},
    {"*.keystore", {"Java key store", kName}},
    {"*.pem", {"private key", kDetector}},
    {"*.key", {"private key", kDetector}},
});

// `.env.<suffix>` files that are templates, not environments.
constexpr auto kDotenvTemplates = std::to_array<std::string_view>(
    {"example", "sample", "template", "dist", "defaults", "default", "tmpl", "test", "ci"});

// Words in a .pem/.key name that say it holds public material.
constexpr auto kPublicMaterial = std::to_array<std::string_view>(
    {"cert", "crt", "chain", "bundle", "public", "pub", "ca.", "ca-", "ca_", "root", "signing",
     "gpg", "pgp", "trust", "dhparam"});

bool MatchesRow(std::string_view lower_path, std::string_view base, std::string_view name) {
  if (StartsWith(name, "*.")) {
    const std::string_view ext = name.substr(1);
    return base.size() > ext.size() && EndsWith(base, ext);
  }
  if (name.find('/') == std::string_view::npos) return base == name;
  return lower_path == name ||
         (EndsWith(lower_path, name) && lower_path[lower_path.size() - name.size() - 1] == '/');
}

// Path components of vendored package trees.
constexpr auto kVendoredDirs =
    std::to_array<std::string_view>({"node_modules", "site-packages", "dist-packages", "vendor",
                                     "bower_components", "jspm_packages", "gems"});
constexpr auto kVendoredPaths =
    std::to_array<std::string_view>({"go/pkg/mod/", ".cargo/registry/", "usr/share/doc/"});

// Variables whose value is the path of a credential file (the tools' documentation names them).
constexpr auto kCredentialFileVariables = std::to_array<std::string_view>({
    "AWS_CONFIG_FILE",
    "AWS_SHARED_CREDENTIALS_FILE",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "GOOGLE_APPLICATION_CREDENTIALS",
    "CLOUDSDK_AUTH_CREDENTIAL_FILE_OVERRIDE",
    "HF_TOKEN_PATH",
    "KUBECONFIG",
    "DOCKER_CONFIG",
    "REGISTRY_AUTH_FILE",
    "NETRC",
    "PGPASSFILE",
    "NPM_CONFIG_USERCONFIG",
    "AZURE_CLIENT_CERTIFICATE_PATH",
    "AZURE_FEDERATED_TOKEN_FILE",
    "TF_CLI_CONFIG_FILE",
    "MYSQL_PWD_FILE",
});

// Credential variables whose names carry a token (`id`) that LooksLikeSecretName reads as a
// pointer: the access-key half of a key pair is a credential too.
constexpr auto kCredentialIdVariables = std::to_array<std::string_view>(
    {"AWS_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_ID", "TENCENTCLOUD_SECRET_ID"});

// Values that are not literal credentials: booleans, small numbers, paths, placeholders,
// references, JSON/YAML structure.
bool LiteralCredentialValue(std::string_view v, bool references_count) {
  v = Trim(v);
  while (!v.empty() && (v.back() == ',' || v.back() == ';')) v.remove_suffix(1);
  if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) {
    v = v.substr(1, v.size() - 2);
  }
  // A variable reference, or a printf conversion (`printf 'password %s' "$PW"`).
  if (references_count && v.size() >= 2 &&
      ((v.front() == '$' &&
        (std::isalpha(static_cast<unsigned char>(v[1])) != 0 || v[1] == '{' || v[1] == '_')) ||
       (v.front() == '%' && v[1] == 's'))) {
    return true;
  }
  if (v.size() < 4 || IsPlaceholder(v) || v.find("${") != std::string_view::npos) return false;
  if (v.front() == '{' || v.front() == '[' || v.front() == '/' || v.front() == '~' ||
      StartsWith(v, "./")) {
    return false;
  }
  const std::string l = Lower(v);
  static constexpr auto kWords = std::to_array<std::string_view>(
      {"true", "false", "yes", "no", "on", "off", "null", "none", "required", "optional"});
  if (std::find(kWords.begin(), kWords.end(), l) != kWords.end()) return false;
  return !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A key that names where credentials are kept rather than holding one (`credsStore`,
// `credHelpers`).
bool SecretKey(std::string_view key) {
  key = Trim(key, " \t\"'-");
  if (key.empty()) return false;
  const std::string l = Lower(key);
  if (l.find("store") != std::string::npos || l.find("helper") != std::string::npos) return false;
  return LooksLikeSecretName(key);
}

// `"key": "value"` pairs of a JSON line (any number of them, minified or not).
bool JsonLineHoldsCredential(std::string_view line, bool refs) {
  std::size_t pos = 0;
  while ((pos = line.find('"', pos)) != std::string_view::npos) {
    const std::size_t end = line.find('"', pos + 1);
    if (end == std::string_view::npos) return false;
    const std::string_view key = line.substr(pos + 1, end - pos - 1);
    std::size_t k = end + 1;
    while (k < line.size() && (line[k] == ' ' || line[k] == '\t')) ++k;
    if (k < line.size() && line[k] == ':') {
      ++k;
      while (k < line.size() && (line[k] == ' ' || line[k] == '\t')) ++k;
      if (k < line.size() && line[k] == '"') {
        const std::size_t vend = line.find('"', k + 1);
        if (vend == std::string_view::npos) return false;
        if (SecretKey(key) && LiteralCredentialValue(line.substr(k + 1, vend - k - 1), refs)) {
          return true;
        }
        pos = vend + 1;
        continue;
      }
    }
    pos = end + 1;
  }
  return false;
}

// One line of an INI/TOML/YAML/dotenv/netrc-like file.
bool LineHoldsCredential(std::string_view line, bool refs) {
  line = Trim(line);
  if (line.empty() || line.front() == '#' || line.front() == ';') return false;
  if (line.find('"') != std::string_view::npos && JsonLineHoldsCredential(line, refs)) return true;
  if (StartsWith(line, "export ")) line.remove_prefix(7);
  if (StartsWith(line, "- ")) line.remove_prefix(2);
  const std::size_t eq = line.find('=');
  if (eq != std::string_view::npos && eq > 0) {
    const std::string_view key = Trim(line.substr(0, eq));
    if (key.find(' ') == std::string_view::npos || key.find("//") == 0) {
      return SecretKey(key) && LiteralCredentialValue(line.substr(eq + 1), refs);
    }
  }
  const std::size_t colon = line.find(':');
  if (colon != std::string_view::npos && colon > 0 &&
      (colon + 1 == line.size() || line[colon + 1] == ' ' || line[colon + 1] == '\t')) {
    const std::string_view key = line.substr(0, colon);
    if (key.find(' ') == std::string_view::npos) {
      return SecretKey(key) && LiteralCredentialValue(line.substr(colon + 1), refs);
    }
  }
  // netrc: `machine h login u password p` on one line or over several.
  std::size_t at = 0;
  while (at < line.size()) {
    const std::size_t word_end = std::min(line.find_first_of(" \t", at), line.size());
    const std::string_view word = line.substr(at, word_end - at);
    at = line.find_first_not_of(" \t", word_end);
    if (at == std::string_view::npos) break;
    if (word == "password" || word == "passwd") {
      const std::size_t value_end = std::min(line.find_first_of(" \t", at), line.size());
      return LiteralCredentialValue(line.substr(at, value_end - at), refs);
    }
  }
  return false;
}

}  // namespace

std::optional<CredentialFile> ClassifyCredentialFile(std::string_view path) {
  while (EndsWith(path, "/")) path.remove_suffix(1);
  const std::string lower = Lower(path);
  const std::size_t slash = lower.rfind('/');
  const std::string_view base = slash == std::string::npos
                                    ? std::string_view(lower)
                                    : std::string_view(lower).substr(slash + 1);
  if (StartsWith(base, ".env.")) {
    const std::string_view suffix = base.substr(5);
    if (std::find(kDotenvTemplates.begin(), kDotenvTemplates.end(), suffix) !=
        kDotenvTemplates.end()) {
      return std::nullopt;
    }
    return CredentialFile{"dotenv file", kContent};
  }
  if (base == ".env*") return CredentialFile{"dotenv file", kContent};
  for (const Row& row : kRows) {
    if (!MatchesRow(lower, base, row.name)) continue;
    if (row.file.check == kDetector &&
        std::any_of(kPublicMaterial.begin(), kPublicMaterial.end(),
                    [&](std::string_view w) { return base.find(w) != std::string_view::npos; })) {
      return std::nullopt;
    }
    return row.file;
  }
  return std::nullopt;
}

bool HoldsCredentials(std::string_view content, bool references_count) {
  constexpr std::size_t kMaxBytes = std::size_t{1} << 20;
  content = content.substr(0, std::min(content.size(), kMaxBytes));
  std::size_t start = 0;
  while (start < content.size()) {
    std::size_t end = content.find('\n', start);
    if (end == std::string_view::npos) end = content.size();
    if (LineHoldsCredential(content.substr(start, end - start), references_count)) return true;
    start = end + 1;
  }
  return false;
}

bool IsVendoredPath(std::string_view path) {
  const std::string lower = Lower(path);
  for (std::string_view p : kVendoredPaths) {
    const std::size_t at = lower.find(p);
    if (at != std::string::npos && (at == 0 || lower[at - 1] == '/')) return true;
  }
  std::size_t start = 0;
  while (start < lower.size()) {
    std::size_t end = lower.find('/', start);
    if (end == std::string::npos) break;  // the last component is the file itself
    const std::string_view dir = std::string_view(lower).substr(start, end - start);
    if (std::find(kVendoredDirs.begin(), kVendoredDirs.end(), dir) != kVendoredDirs.end()) {
      return true;
    }
    start = end + 1;
  }
  return false;
}

bool IsCredentialFileVariable(std::string_view name) {
  const std::string upper = core::Upper(name);
  if (std::find(kCredentialFileVariables.begin(), kCredentialFileVariables.end(), upper) !=
      kCredentialFileVariables.end()) {
    return true;
  }
  for (std::string_view suffix : {"_FILE", "_PATH"}) {
    if (upper.size() > suffix.size() && EndsWith(upper, suffix)) {
      return LooksLikeSecretName(upper.substr(0, upper.size() - suffix.size()));
    }
  }
  return false;
}

bool IsCredentialVariable(std::string_view name) {
  if (IsCredentialFileVariable(name)) return false;  // a pointer to the credential
  const std::string upper = core::Upper(name);
  for (std::string_view known : kCredentialIdVariables) {
    if (upper == known ||
        (EndsWith(upper, known) && upper[upper.size() - known.size() - 1] == '_')) {
      return true;
    }
  }
  // Jenkins' credentials binding exposes a username/password pair as NAME_USR / NAME_PSW.
  if (EndsWith(upper, "_PSW") || upper == "PSW") return true;
  return LooksLikeSecretName(name);
}

}  // namespace drydock::secrets
