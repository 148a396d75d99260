// SPDX-License-Identifier: Apache-2.0
// Internals of the compose adapter shared by its .cpp files and its tests: variable interpolation
// (`${VAR:-default}` and friends, compose spec "Interpolation"), the `.env` reader, and the small
// value parsers (command words, ports, short volume syntax). Not part of the adapter's API.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/run_spec.h"

namespace drydock::sources::compose::detail {

// Looks a variable up; nullptr when it is unset (an empty value is set).
using VarLookup = std::function<const std::string*(std::string_view name)>;

struct Interpolated {
  std::string value;
  // Variables substituted without a default while unset (each once, in order of appearance).
  std::vector<std::string> unset;
  // `${V:?msg}` / `${V?msg}` whose variable is missing: (name, msg). Substituted as "" (compose
  // would refuse to start; an audit goes on and warns).
  std::vector<std::pair<std::string, std::string>> required_missing;
  // Set when the expression failed: a malformed `${…}`, nesting deeper than kMaxInterpolationDepth,
  // or a result larger than `max_size`. `value` is then unspecified.
  std::optional<std::string> error;
};

inline constexpr int kMaxInterpolationDepth = 16;

// Expands `$VAR`, `${VAR}`, `${VAR:-d}`, `${VAR-d}`, `${VAR:?e}`, `${VAR?e}`, `${VAR:+a}`,
// `${VAR+a}` (the word after the operator is itself expanded, so defaults nest) and `$$` → `$`.
// A `$` followed by anything else is kept. Variable names are `[A-Za-z_][A-Za-z0-9_]*`.
// Work is O(size of text × nesting depth + size of result).
Interpolated Interpolate(std::string_view text, const VarLookup& lookup, std::size_t max_size);

// Reads a `.env` file: `KEY=VALUE` lines, optional `export ` prefix, blank lines and `#`
// comments, values in single quotes (literal), double quotes (`\n`, `\t`, `\"`, `\\` escapes,
// may span lines) or unquoted (trimmed, a ` #` starts a comment). Unquoted and double-quoted
// values are interpolated with `fallback` (the environment, which wins as in compose), then the
// variables defined above them. A bare `KEY` line takes the environment's value when it has one.
// Malformed lines are skipped and described in `warnings` ("line N: …").
std::map<std::string, std::string> ParseDotenv(std::string_view text, const VarLookup& fallback,
                                               std::vector<std::string>& warnings);

// Splits a string-form `command:` / `entrypoint:` into words the way compose does (shellwords;
// shell::Dialect::kWords): blanks separate words, single quotes are literal, double quotes honour
// `\"`, `\\`, `\$` and
// `` \` ``, a backslash outside quotes escapes the next character. Nullopt on an unterminated
// quote.
std::optional<std::vector<std::string>> SplitCommand(std::string_view text);

// A short-syntax port `[[host_ip:]published:]target[/protocol]`: model::ParsePortSpec in its
// compose dialect; nullopt when it is not one.
std::optional<model::Port> ParseShortPort(std::string_view text);

// A short-syntax volume split into `source`, `target` and `mode` (the part after the second
// colon, as written). A Windows drive (`C:\x`, `c:/x`) stays inside its part.
struct ShortVolume {
  std::string source;  // "" for an anonymous volume (`- /data`)
  std::string target;
  std::string mode;
};
ShortVolume SplitShortVolume(std::string_view text);

// True when a volume source names a host path (compose: starts with `/`, `.`, `~`, `\`, or a
// Windows drive), false for a named volume.
bool IsHostPath(std::string_view source);

}  // namespace drydock::sources::compose::detail
