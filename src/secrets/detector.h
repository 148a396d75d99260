// SPDX-License-Identifier: Apache-2.0
// The secret detector: finds credentials (cloud keys, VCS tokens, private keys, URLs with inline
// passwords, …) in arbitrary text. One constexpr rule table is the single source of truth: each row
// names its keywords (a cheap case-insensitive substring prefilter), an RE2 pattern (linear time on
// hostile input) whose first capture group is the secret, and a minimum Shannon entropy that weeds
// out placeholders. A vectorscan (Hyperscan) literal database compiled from the keywords picks the
// candidate rules in one pass; RE2 then confirms only those.
//
// Secrets never leave this module in a printable form other than through Mask().
#pragma once

#include <array>
#include <bitset>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/severity.h"
#include "secrets/detector_rules.h"

namespace drydock::secrets {

// The example of a rule as scanned text: `example` with every "||" removed.
std::string ExampleText(std::string_view example);

// Finds a rule by id; nullptr when unknown.
const DetectorRule* FindDetectorRule(std::string_view id);

// One detector hit. `value` points into the scanned text and lives only as long as it does.
struct SecretMatch {
  const DetectorRule* rule = nullptr;
  std::size_t offset = 0;  // of the secret (capture group), in bytes from the start of the text
  std::string_view value;  // the secret itself: mask it before it goes anywhere
};

// Scans `text` with every rule of the table. Matches are ordered by offset; overlapping matches of
// later rules are dropped. Placeholders, variable references and low-entropy values are rejected,
// and so are published samples, values that say they are fixtures and named hashes (samples.h).
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

// True when `token` passes the integrity check `kind` (always for Checksum::kNone).
// kBase62Crc32: `token` is `prefix_` + payload + 6 checksum characters, where the payload is the
// text between the last '_' and the checksum (30 characters for GitHub and npm) and the checksum
// is Base62Crc32(payload).
bool ChecksumOk(Checksum kind, std::string_view token);

// The 6-character checksum of GitHub's and npm's token formats: CRC32 (IEEE 802.3, as zlib) of
// `payload`, in base62 with the digits 0-9A-Za-z, left-padded with '0'.
std::string Base62Crc32(std::string_view payload);

// File-level helpers (image layers, build contexts, `drydock secrets PATH…`).

// True when `prefix` (the first bytes of a file; only the first 8 KiB are looked at) looks binary:
// a NUL byte, or more than 10 % of the bytes outside valid UTF-8 sequences.
bool LooksBinary(std::string_view prefix);

// True when `path` ('/'-separated; a leading directory part is fine) names a credential file
// (secrets::ClassifyCredentialFile: id_rsa, *.pem, *.key, .npmrc, .aws/credentials, …). Such
// files are scanned even when they look binary.
bool IsCredentialFileName(std::string_view path);

// One hit of ScanFile: the match plus its 1-based line and column (bytes) in the content.
struct FileMatch {
  SecretMatch match;
  std::size_t line = 0;
  std::size_t column = 0;
};

// Scans one file. Lines carrying an inline allow pragma (`pragma: allowlist secret` as in
// detect-secrets, `gitleaks:allow`, `drydock:allow-secret`) are skipped. Binary-looking content
// (LooksBinary on its first 8 KiB) is skipped unless the path is a credential file name. Matches in
// the allowlists, patterns and hashes of secret scanners' own files (artefacts.h: detect-secrets
// baselines, gitleaks configs and .gitleaksignore, trufflehog configs) are dropped. `content`
// must outlive the result (values point into it).
std::vector<FileMatch> ScanFile(std::string_view path, std::string_view content);

// True when the keyword prefilter runs on vectorscan (false: the built-in fallback, used when
// the vectorscan database failed to compile or the CPU is unsupported).
bool UsesVectorscan();

namespace detail {
// One bit per rule of the table (bit r = kDetectorRules[r]).
using RuleMask = std::bitset<kDetectorRules.size()>;

// The prefilter's candidate rules for `text`, from the vectorscan database or from the built-in
// fallback; exposed so that tests can check that both agree.
RuleMask CandidateRules(std::string_view text, bool use_vectorscan);
}  // namespace detail

// The only printable form of a secret: first 4 bytes (fewer for short secrets, never cutting a
// UTF-8 sequence) + "…(" + length + ")", e.g. "AKIA…(20)". Secrets shorter than 16 bytes show
// length/4 leading bytes so that a short password is never mostly revealed.
std::string Mask(std::string_view secret);

}  // namespace drydock::secrets
