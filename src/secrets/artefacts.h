// SPDX-License-Identifier: Apache-2.0
// Secret scanners' own files name credentials, or hashes of them, on purpose: a detect-secrets
// baseline lists hashes of the secrets it found, a gitleaks config allowlists known values and
// holds its rules' patterns, a `.gitleaksignore` lists finding fingerprints, a trufflehog config
// defines detectors by keywords and patterns. ScanFile drops a match that lies inside such a part.
// Files are judged by name and shape (a detect-secrets baseline's JSON keys, a gitleaks config's
// TOML tables, a trufflehog config's `detectors:`), never by a word in the text: a credential
// pasted into a README that mentions "allowlist" still fires, and so does one in a gitleaks
// config outside the allowlist and pattern keys (a comment, a description). Pure functions.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace drydock::secrets {

enum class ScannerArtefact {
  kNone,
  kDetectSecretsBaseline,  // `.secrets.baseline`, or JSON with "results" + "hashed_secret" +
                           // "plugins_used" / "generated_at"
  kGitleaksConfig,         // TOML (*.toml or a name with "gitleaks") with a [[rules]],
                           // [allowlist], [[allowlists]], [rules.allowlist], [[rules.allowlists]]
                           // or [extend] table (also the v7 [whitelist] spellings)
  kGitleaksIgnore,         // `.gitleaksignore`
  kTrufflehogConfig,       // YAML with a top-level `detectors:` and `keywords:` / `regex:` keys
};

// What kind of scanner artefact the file is (`path` '/'-separated; only its last component and
// extension are looked at).
ScannerArtefact ClassifyScannerArtefact(std::string_view path, std::string_view content);

// A byte range [begin, end) of a file's content.
struct ByteSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// The parts of `content` that hold no credential by construction, sorted by `begin`:
//  * detect-secrets baseline: the values of "hashed_secret" and of the exclude patterns
//    ("pattern", "files", "lines");
//  * gitleaks config: the values of `regex`, `regexes`, `stopwords`, `paths`, `path`, `commits`,
//    `keywords`, `secretGroup` (any table: rules and allowlists; strings, multi-line strings and
//    arrays);
//  * .gitleaksignore: every fingerprint line (`[commit:]file:rule:line`, no blanks);
//  * trufflehog config: the values of `keywords`, `regex`, `exclude_words`,
//    `exclude_regexes_capture`, `exclude_regexes_match` (inline or as an indented block).
// Empty when the file is no scanner artefact. Linear in the content size.
std::vector<ByteSpan> ScannerArtefactSpans(std::string_view path, std::string_view content);

// True when `offset` lies in one of `spans` (sorted by begin, as returned above).
bool InSpans(const std::vector<ByteSpan>& spans, std::size_t offset);

}  // namespace drydock::secrets
