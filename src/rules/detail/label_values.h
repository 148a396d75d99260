// SPDX-License-Identifier: Apache-2.0
// The shapes a LABEL key and value are judged against (DD050, DD053-DD059): Docker's label-key
// convention and the value formats of the label schema (core::LabelType). Pure functions over
// text; each accepts exactly what its comment says and nothing is trimmed first.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/rule.h"

namespace drydock::rules::detail {

// Why `key` breaks Docker's label-key convention, or nullopt when it keeps it: lower-case
// alphanumerics with `.`, `-`, `_` and `/` inside, starting with a letter, ending with a letter
// or digit, no `..` or `--`, and outside the namespaces Docker reserves (com.docker.*,
// io.docker.*, org.dockerproject.*).
std::optional<std::string> LabelKeyProblem(std::string_view key);

// An absolute URI (RFC 3986): `scheme:` then characters a URI may hold, `%` escapes well formed,
// at most one `#`, and a `//authority` with a non-empty host when one is written.
bool IsAbsoluteUri(std::string_view text);

// An RFC 3339 date-time: YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM), the date and time in range
// (`T`/`Z` in either case; a leap second 60 is allowed).
bool IsRfc3339(std::string_view text);

// A git object name: lower-case hex, 7 to 40 digits (an abbreviated or a full SHA-1 name) or 64
// (a SHA-256 repository's).
bool IsGitHash(std::string_view text);

// A Semantic Versioning 2.0.0 version: MAJOR.MINOR.PATCH, no leading zeros, optional
// `-pre.release` and `+build` identifiers.
bool IsSemver(std::string_view text);

// An SPDX license identifier from the SPDX License List (current or deprecated ids, compared
// without regard to case).
bool IsSpdxLicenseId(std::string_view text);

// An SPDX license expression: list ids (with an optional `+`), LicenseRef-/DocumentRef- ids,
// `WITH` a listed exception, `AND`/`OR` and parentheses. A single id is the simplest one.
bool IsSpdxExpression(std::string_view text);

// An RFC 5322 addr-spec: a dot-atom or quoted local part (at most 64 bytes), `@`, and a
// dot-atom or `[literal]` domain (at most 255 bytes).
bool IsEmailAddress(std::string_view text);

// Whether `value` has the shape `type` asks for (kText: anything).
bool LabelValueFits(core::LabelType type, std::string_view value);

}  // namespace drydock::rules::detail
