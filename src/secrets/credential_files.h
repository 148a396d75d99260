// SPDX-License-Identifier: Apache-2.0
// Credential stores by name and shape: the files tools keep credentials in (~/.aws/credentials,
// ~/.docker/config.json with `auths`, .netrc, .pgpass, .git-credentials, kubeconfigs, …), key
// stores, private keys and dotenv files. One table serves the rules that copy such a file into an
// image (DD602), find one in an image's final filesystem or see a RUN write one (DD608), and the
// environment variables that name such a file (AWS_CONFIG_FILE, GOOGLE_APPLICATION_CREDENTIALS).
// Pure functions of their arguments; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace drydock::secrets {

// How a credential file is told from a harmless one with the same name.
enum class CredentialCheck : std::uint8_t {
  kName,      // the name is enough (.git-credentials, .pgpass, id_rsa, *.p12, credentials.json)
  kContent,   // the content must hold a credential (HoldsCredentials): .npmrc, .env, kubeconfig
  kDetector,  // the secret detector judges the content (*.pem, *.key): never by name alone
};

struct CredentialFile {
  std::string_view kind;  // "AWS credentials", "npm credentials", "SSH private key", …
  CredentialCheck check = CredentialCheck::kName;
};

// What `path` ('/'-separated; any leading directories, `~/`, `$HOME/`) is as a credential file,
// by its name; nullopt when it is none. Directories that hold credentials (`.ssh`, `.aws`) count
// when named as such. Templates (`.env.example`, `.env.sample`, …) and public material
// (`ca-cert.pem`, `chain.pem`, `nginx_signing.key`) are not credential files.
std::optional<CredentialFile> ClassifyCredentialFile(std::string_view path);

// For CredentialCheck::kContent files: whether `content` holds a credential — an assignment
// (`key = value`, `key: value`, `"key": "value"`, netrc's `password value`) of a secret-like key
// (LooksLikeSecretName: `_authToken`, `password`, `auth`, `client-key-data`, `token`, …) to a
// literal that is not a placeholder or a variable reference (`${NPM_TOKEN}`). With
// `references_count`, a variable reference counts as a credential too: text a build step writes
// (`echo "//r/:_authToken=${NPM_TOKEN}" > ~/.npmrc`) puts the variable's value in the file.
bool HoldsCredentials(std::string_view content, bool references_count = false);

// True for a path inside a vendored package tree (node_modules, site-packages, dist-packages,
// vendor/, Ruby gems, Go module cache, Cargo registry): files there are judged by content only.
bool IsVendoredPath(std::string_view path);

// True for an environment variable NAME whose value is the path of a credential file:
// AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, GOOGLE_APPLICATION_CREDENTIALS, HF_TOKEN_PATH,
// KUBECONFIG, DOCKER_CONFIG, NETRC, PGPASSFILE, NPM_CONFIG_USERCONFIG, … and the `*_FILE` /
// `*_PATH` pointer to a secret-like name (`DB_PASSWORD_FILE`, `API_TOKEN_PATH`).
bool IsCredentialFileVariable(std::string_view name);

// True for a build argument or environment variable NAME whose value is a credential: BuildKit's
// SecretsUsedInArgOrEnv tokens (apikey, auth, credential(s), key, password, pword, passwd,
// secret, token) and Jenkins' credentials-binding `_PSW`, through LooksLikeSecretName's token
// rules, plus the well-known credential variables whose names say "id" (AWS_ACCESS_KEY_ID).
bool IsCredentialVariable(std::string_view name);

}  // namespace drydock::secrets
