// SPDX-License-Identifier: Apache-2.0
// Variable expansion as BuildKit's Dockerfile frontend does it (FORMATS.md §1 "Expansion"):
// `$v ${v} ${v:-w} ${v-w} ${v:+w} ${v+w} ${v:?m} ${v?m} ${v#p} ${v##p} ${v%p} ${v%%p} ${v/p/r}
// ${v//p/r}`, quote removal, the escape char. Usable on its own (no parser state). Work is bounded:
// nesting by `max_nesting` (no unbounded recursion), output by `max_bytes`, glob matching is an
// NFA simulation with a step budget (no exponential backtracking).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/strings.h"

namespace drydock::sources::dockerfile {

// Where expansion looks variables up. Get returns nullptr when the variable is unknown (not
// declared, or an ARG declared without a value). The pointer must stay valid during the call.
class VarSource {
 public:
  virtual ~VarSource() = default;
  virtual const std::string* Get(std::string_view name) const = 0;
};

// A VarSource that knows nothing.
class NoVars final : public VarSource {
 public:
  const std::string* Get(std::string_view) const override { return nullptr; }
};

struct ExpandOptions {
  char escape = '\\';
  std::size_t max_bytes = 1 << 20;
  int max_nesting = 64;
  // true: an unknown variable in `$v`/`${v}`/`${v#p}`… is kept as written (the auditor does not
  // know the base image's environment, so `$PATH` stays `$PATH`). false: BuildKit's behaviour,
  // unset expands to "" and `${v:?m}` fails.
  bool keep_unknown = true;
};

// Expands one word: quotes removed, escapes resolved, variables substituted. Errors: "bad
// substitution", unterminated quotes or braces, nesting or size bounds.
core::Result<std::string> Expand(std::string_view word, const VarSource& vars,
                                 const ExpandOptions& options);

// Splits an instruction's arguments into words as written (core/strings.h); Expand removes the
// quotes and escapes the words keep.
using core::SplitWords;

// Removes quotes and escapes without expanding variables (the word as the shell would see it
// with no substitution).
std::string Unquote(std::string_view word, char escape);

// Shell glob matching of the whole `text` against `pattern` (`*`, `?`, `[…]`, `[!…]`, `\x`).
// Linear in text size times pattern size.
bool GlobMatch(std::string_view pattern, std::string_view text);

}  // namespace drydock::sources::dockerfile
