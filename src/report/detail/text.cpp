// SPDX-License-Identifier: Apache-2.0
#include "report/detail/text.h"

#include <fmt/format.h>

namespace drydock::report::detail {

std::string Dump(const nlohmann::ordered_json& j) {
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string Printable(std::string_view text, bool keep_newlines) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '\n' && keep_newlines) {
      out += '\n';
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += keep_newlines ? "\t" : " ";
    } else if (c < 0x20 || c == 0x7f) {
      out += fmt::format("\\x{:02x}", c);
    } else {
      out += ch;  // UTF-8 bytes pass through
    }
  }
  return out;
}

size_t Width(std::string_view text) {
  size_t n = 0;
  for (char ch : text) {
    if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::string Paint(std::string_view text, std::string_view sgr, bool color) {
  if (!color || sgr.empty()) return std::string(text);
  return fmt::format("\x1b[{}m{}\x1b[0m", sgr, text);
}

std::string_view SeveritySgr(core::Severity s) {
  switch (s) {
    case core::Severity::kCritical:
      return "1;31";
    case core::Severity::kHigh:
      return "31";
    case core::Severity::kMedium:
      return "33";
    case core::Severity::kLow:
      return "34";
    case core::Severity::kInfo:
      return "36";
  }
  return "";
}

}  // namespace drydock::report::detail
