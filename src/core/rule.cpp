// SPDX-License-Identifier: Apache-2.0
#include "core/rule.h"

namespace drydock::core {

std::optional<LabelType> ParseLabelType(std::string_view text) {
  if (text.empty()) return LabelType::kText;
  for (const LabelTypeRow& row : kLabelTypes) {
    if (row.name == text) return row.code;
  }
  return std::nullopt;
}

Finding& Reporter::Report(const Origin& where, std::string message) {
  return Report(where, std::move(message), rule_.severity);
}

Finding& Reporter::Report(const Origin& where, std::string message, Severity severity) {
  Finding f;
  f.rule = &rule_;
  f.severity = severity;
  f.message = std::move(message);
  f.location = where;
  out_.push_back(std::move(f));
  return out_.back();
}

}  // namespace drydock::core
