// SPDX-License-Identifier: Apache-2.0
// Small text helpers shared by the renderers.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/severity.h"

namespace drydock::report::detail {

// Pretty JSON; invalid UTF-8 from hostile inputs is replaced (U+FFFD) instead of throwing.
std::string Dump(const nlohmann::ordered_json& j);

// Makes text safe for a terminal: control characters (ESC, CR, …) become "\xNN"; newlines become
// "\n" escapes unless `keep_newlines`.
std::string Printable(std::string_view text, bool keep_newlines = false);

// Display width in columns (counts UTF-8 code points; good enough for alignment).
size_t Width(std::string_view text);

// ANSI styling; returns `text` unchanged when `color` is false.
std::string Paint(std::string_view text, std::string_view sgr, bool color);
std::string_view SeveritySgr(core::Severity s);
inline constexpr std::string_view kDim = "2";
inline constexpr std::string_view kBold = "1";

}  // namespace drydock::report::detail
