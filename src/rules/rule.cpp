// SPDX-License-Identifier: Apache-2.0
#include "rules/rule.h"

#include <algorithm>
#include <cctype>

#include "core/strings.h"

namespace drydock::rules {

void Registry::Add(Rule rule) { rules_.push_back(std::move(rule)); }

namespace {}  // namespace

const Rule* Registry::FindById(std::string_view id) const {
  for (const auto& r : rules_) {
    if (core::IEquals(r.info.id, id)) return &r;
  }
  return nullptr;
}

const Rule* Registry::FindBySlug(std::string_view slug) const {
  for (const auto& r : rules_) {
    if (r.info.slug == slug) return &r;
  }
  return nullptr;
}

std::vector<const Rule*> Registry::Resolve(std::string_view key) const {
  if (const Rule* r = FindById(key)) return {r};
  if (const Rule* r = FindBySlug(key)) return {r};
  std::vector<const Rule*> out;
  for (const auto& r : rules_) {
    for (std::string_view ref : r.info.references) {
      if (core::IEquals(ref, key)) {
        out.push_back(&r);
        break;
      }
    }
  }
  return out;
}

}  // namespace drydock::rules
