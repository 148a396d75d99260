// SPDX-License-Identifier: Apache-2.0
// The secret detector: finds credentials (cloud keys, VCS tokens, private keys, URLs with inline
// passwords, …) in arbitrary text. One constexpr rule table is the single source of truth: each row
// names its keywords (a cheap case-insensitive substring prefilter), an RE2 pattern (linear time on
// hostile input) whose first capture group is the secret, and a minimum Shannon entropy that weeds
// out placeholders. A later vectorscan prefilter will compile the same table.
//
// Secrets never leave this module in a printable form other than through Mask().
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/severity.h"

namespace drydock::secrets {

struct DetectorRule {
  std::string_view id;        // stable, kebab-case: "aws-access-key-id"
  std::string_view title;     // "AWS access key ID"
  core::Severity severity;
  std::string_view keywords;  // comma-separated, lower case; any one must occur (case-insensitive)
  std::string_view pattern;   // RE2 syntax; capture group 1 is the secret
  double min_entropy;         // bits per byte of the secret; 0 = no check
};

// The table. Order matters only for reporting: the first rule to claim a span wins.
inline constexpr auto kDetectorRules = std::to_array<DetectorRule>({
    {"aws-access-key-id", "AWS access key ID", core::Severity::kCritical, "akia,asia,abia,acca,a3t",
     R"(\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16})\b)", 3.0},
    {"aws-secret-access-key", "AWS secret access key", core::Severity::kCritical,
     "aws_secret,aws-secret,awssecret,secret_access_key,secretaccesskey",
     R"((?i)(?:aws)?[_.-]?secret[_.-]?(?:access)?[_.-]?key["']?\s{0,5}(?:=|:|=>|:=)\s{0,5}["']?([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$))",
     3.5},
    {"github-token", "GitHub token", core::Severity::kCritical, "ghp_,gho_,ghu_,ghs_,ghr_",
     R"(\b((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,251})\b)", 3.0},
    {"github-fine-grained-pat", "GitHub fine-grained personal access token",
     core::Severity::kCritical, "github_pat_", R"(\b(github_pat_[A-Za-z0-9_]{82}))", 3.0},
    {"gitlab-token", "GitLab personal access token", core::Severity::kCritical, "glpat-",
     R"((?:^|[^A-Za-z0-9_-])(glpat-[A-Za-z0-9_-]{20,300}))", 3.0},
    {"slack-token", "Slack token", core::Severity::kHigh, "xoxb-,xoxa-,xoxp-,xoxr-,xoxs-",
     R"(\b(xox[baprs]-[0-9]{6,13}-[A-Za-z0-9-]{8,250})\b)", 3.0},
    {"slack-webhook-url", "Slack incoming webhook URL", core::Severity::kHigh, "hooks.slack.com",
     R"((https?://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{40,120}))", 3.0},
    {"stripe-secret-key", "Stripe live secret key", core::Severity::kCritical, "sk_live_,rk_live_",
     R"(\b((?:sk|rk)_live_[A-Za-z0-9]{20,247})\b)", 2.5},
    {"google-api-key", "Google API key", core::Severity::kHigh, "aiza",
     R"(\b(AIza[0-9A-Za-z_-]{35})(?:[^0-9A-Za-z_-]|$))", 3.5},
    {"private-key", "Private key", core::Severity::kCritical, "-----begin",
     R"((-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----(?:(?s:.)*?-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----)?))",
     0},
    {"jwt", "JSON Web Token", core::Severity::kHigh, "eyj",
     R"(\b(eyJ[A-Za-z0-9_-]{12,}\.eyJ[A-Za-z0-9_-]{12,}\.[A-Za-z0-9_-]{16,})(?:[^A-Za-z0-9_.=-]|=|$))",
     3.0},
    {"npm-token", "npm access token", core::Severity::kCritical, "npm_",
     R"(\b(npm_[A-Za-z0-9]{36})\b)", 3.0},
    {"pypi-token", "PyPI upload token", core::Severity::kCritical, "pypi-ageichlwas5vcmc",
     R"(\b(pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}))", 3.0},
    {"dockerhub-pat", "Docker Hub personal access token", core::Severity::kCritical,
     "dckr_pat_,dckr_oat_", R"(\b(dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,64})\b)", 3.0},
    {"url-credentials", "URL with an inline password", core::Severity::kHigh, "://",
     R"(\b[A-Za-z][A-Za-z0-9+.-]{1,30}://[^\s:@/'"`]{1,128}:([^\s@/'"`]{1,256})@[A-Za-z0-9_.\[\]-]+)",
     0},
    {"url-token", "URL with an inline token", core::Severity::kHigh, "://",
     R"(\b[A-Za-z][A-Za-z0-9+.-]{1,30}://([A-Za-z0-9_-]{24,256})@[A-Za-z0-9_.-]+)", 3.9},
    {"basic-auth-header", "HTTP basic authorization header", core::Severity::kHigh,
     "authorization",
     R"((?i)authorization:\s{0,5}basic\s{1,5}([A-Za-z0-9+/]{8,}={0,2}))", 3.0},
    {"bearer-token-header", "HTTP bearer token header", core::Severity::kHigh, "bearer",
     R"((?i)authorization:\s{0,5}bearer\s{1,5}([A-Za-z0-9._~+/-]{20,}=*))", 3.5},
});

// Finds a rule by id; nullptr when unknown.
const DetectorRule* FindDetectorRule(std::string_view id);

// One detector hit. `value` points into the scanned text and lives only as long as it does.
struct SecretMatch {
  const DetectorRule* rule = nullptr;
  std::size_t offset = 0;  // of the secret (capture group), in bytes from the start of the text
  std::string_view value;  // the secret itself: mask it before it goes anywhere
};

// Scans `text` with every rule of the table. Matches are ordered by offset; overlapping matches of
// later rules are dropped. Placeholders, variable references and low-entropy values are rejected.
// Input of any size and content is fine (RE2 is linear; no recursion).
std::vector<SecretMatch> Scan(std::string_view text);

// True for an environment/argument NAME that suggests a credential (BuildKit's
// SecretsUsedInArgOrEnv semantics: `_`-separated tokens apikey, auth, credential(s), key, password,
// pword, passwd, pass, pwd, secret, token, …) unless a token says the value is public or a pointer
// to the secret rather than the secret (public, file, path, version, id, name, url, gpg, …).
bool LooksLikeSecretName(std::string_view name);

// True for values that are obviously not real secrets: empty, variable references (`$X`, `${X}`,
// `$(cmd)`), templates (`<token>`, `{{ .x }}`, `%X%`), well-known fillers (changeme, xxx, example…,
// your_token_here, dummy, placeholder, …) and single repeated characters.
bool IsPlaceholder(std::string_view value);

// Shannon entropy of `value` in bits per byte (0 for empty input).
double ShannonEntropy(std::string_view value);

// The only printable form of a secret: first 4 bytes (fewer for short secrets, never cutting a
// UTF-8 sequence) + "…(" + length + ")", e.g. "AKIA…(20)". Secrets shorter than 16 bytes show
// length/4 leading bytes so that a short password is never mostly revealed.
std::string Mask(std::string_view secret);

}  // namespace drydock::secrets
