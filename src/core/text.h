// SPDX-License-Identifier: Apache-2.0
// Small helpers on text that parsers share for their error positions and guards: the 1-based
// line and column of a byte offset, and where a JSON document first nests deeper than a limit
// (checked before handing untrusted JSON to a library whose other operations recurse).
#pragma once

#include <cstddef>
#include <string_view>
#include <utility>

namespace drydock::core {

// 1-based (line, column) of byte `offset` in `text` (an offset past the end counts as the end).
std::pair<int, int> LineColumnAt(std::string_view text, std::size_t offset);

// The offset of the first '{' or '[' (outside strings) that opens level `max_depth` + 1 of
// `text` read as JSON, or std::string_view::npos when it never nests that deep. Linear; does
// not validate the JSON otherwise.
std::size_t JsonTooDeepAt(std::string_view text, int max_depth);

}  // namespace drydock::core
