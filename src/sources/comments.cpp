// SPDX-License-Identifier: Apache-2.0
#include "sources/comments.h"

#include <string>

#include "core/strings.h"

namespace drydock::sources {
namespace {

bool MayBePragma(std::string_view text) {
  return text.find("drydock:") != std::string_view::npos ||
         text.find("hadolint") != std::string_view::npos;
}

}  // namespace

std::vector<model::Comment> HashComments(std::string_view text) {
  std::vector<model::Comment> out;
  if (!MayBePragma(text)) return out;
  std::vector<std::size_t> pending;  // indexes of full-line comments awaiting their target line
  int line = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view raw = text.substr(pos, end - pos);
    ++line;
    std::string_view trimmed = core::TrimLine(raw);
    if (!trimmed.empty() && trimmed.front() == '#') {
      if (MayBePragma(trimmed)) {
        out.push_back({line, std::string(core::TrimLine(trimmed.substr(1))), line, line});
        pending.push_back(out.size() - 1);
      }
    } else if (!trimmed.empty()) {
      for (std::size_t i : pending) out[i].target_first = out[i].target_last = line;
      pending.clear();
      if (auto hash = raw.find(" #");
          hash != std::string_view::npos && MayBePragma(raw.substr(hash))) {
        out.push_back({line, std::string(core::TrimLine(raw.substr(hash + 2))), line, line});
      }
    }
    if (end == text.size()) break;
    pos = end + 1;
  }
  return out;
}

}  // namespace drydock::sources
