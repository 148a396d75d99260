// SPDX-License-Identifier: Apache-2.0
// Reader: typed, strict access to manifest fields with errors at the offending
// node.
#include <fmt/format.h>

#include <string>

#include "sources/kube/internal.h"

namespace drydock::sources::kube::detail {

namespace {

constexpr std::size_t kMaxShown = 40;  // characters of a scalar quoted in a message

std::optional<bool> Yaml11Bool(std::string_view s) {
  // YAML 1.2 core forms, plus the YAML 1.1 forms that kubectl's decoder
  // (go-yaml v2) resolves.
  static constexpr std::string_view kTrue[] = {"true", "True", "TRUE", "yes", "Yes", "YES",
                                               "on",   "On",   "ON",   "y",   "Y"};
  static constexpr std::string_view kFalse[] = {"false", "False", "FALSE", "no", "No", "NO",
                                                "off",   "Off",   "OFF",   "n",  "N"};
  for (auto t : kTrue) {
    if (s == t) return true;
  }
  for (auto f : kFalse) {
    if (s == f) return false;
  }
  return std::nullopt;
}

}  // namespace

std::string Describe(const YamlNode& node) {
  switch (node.kind) {
    case YamlNode::Kind::kMapping:
      return "a mapping";
    case YamlNode::Kind::kSequence:
      return "a sequence";
    case YamlNode::Kind::kScalar:
      break;
  }
  std::string shown;
  for (char c : node.scalar) {
    if (shown.size() >= kMaxShown) {
      shown += "...";
      break;
    }
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      shown += '\\';
      shown += c;
    } else if (u < 0x20 || u == 0x7f) {
      shown += fmt::format("\\x{:02x}", u);
    } else {
      shown += c;
    }
  }
  return fmt::format("{}\"{}\"", node.quoted ? "string " : "", shown);
}

core::Origin Reader::At(const YamlNode& node, const std::string& path) const {
  core::Origin o = core::FileOrigin(file_, node.line, node.column);
  o.path = display_.empty() ? path : (path.empty() ? display_ : display_ + " " + path);
  return o;
}

void Reader::Fail(const YamlNode& node, const std::string& path, std::string_view what) {
  model::ParseError e;
  e.where = At(node, path);
  e.message = path.empty() ? std::string(what) : fmt::format("{}: {}", path, what);
  errors_->push_back(std::move(e));
}

const YamlNode* Reader::Child(const YamlNode* parent, std::string_view key) {
  if (parent == nullptr || !parent->IsMapping()) return nullptr;
  const YamlNode* v = parent->Get(key);
  if (v == nullptr || v->IsNull()) return nullptr;
  return v;
}

const YamlNode* Reader::Mapping(const YamlNode* node, const std::string& path) {
  if (node == nullptr || node->IsNull()) return nullptr;
  if (node->IsMapping()) return node;
  Fail(*node, path, fmt::format("expected a mapping, got {}", Describe(*node)));
  return nullptr;
}

const YamlNode* Reader::Sequence(const YamlNode* node, const std::string& path) {
  if (node == nullptr || node->IsNull()) return nullptr;
  if (node->IsSequence()) return node;
  Fail(*node, path, fmt::format("expected a list, got {}", Describe(*node)));
  return nullptr;
}

std::optional<std::string> Reader::String(const YamlNode* node, const std::string& path) {
  if (node == nullptr || node->IsNull()) return std::nullopt;
  if (node->IsScalar()) return node->scalar;
  Fail(*node, path, fmt::format("expected a string, got {}", Describe(*node)));
  return std::nullopt;
}

std::optional<bool> Reader::Bool(const YamlNode* node, const std::string& path) {
  if (node == nullptr || node->IsNull()) return std::nullopt;
  if (node->IsScalar() && !node->quoted) {
    if (auto b = Yaml11Bool(node->scalar)) return b;
  }
  Fail(*node, path, fmt::format("expected a boolean, got {}", Describe(*node)));
  return std::nullopt;
}

std::optional<std::int64_t> Reader::Int(const YamlNode* node, const std::string& path,
                                        std::int64_t min, std::int64_t max) {
  if (node == nullptr || node->IsNull()) return std::nullopt;
  std::optional<long long> v;
  if (node->IsScalar() && !node->quoted) v = node->AsInt();
  if (!v) {
    Fail(*node, path, fmt::format("expected an integer, got {}", Describe(*node)));
    return std::nullopt;
  }
  if (*v < min || *v > max) {
    Fail(*node, path, fmt::format("{} is out of range [{}, {}]", *v, min, max));
    return std::nullopt;
  }
  return static_cast<std::int64_t>(*v);
}

std::map<std::string, std::string> Reader::StringMap(const YamlNode* node,
                                                     const std::string& path) {
  std::map<std::string, std::string> out;
  const YamlNode* m = Mapping(node, path);
  if (m == nullptr) return out;
  for (const auto& [k, v] : m->entries) {
    if (!k.IsScalar()) {
      Fail(k, path, fmt::format("expected a string key, got {}", Describe(k)));
      continue;
    }
    std::string sub = path + "." + k.scalar;
    if (v.IsNull()) {
      out[k.scalar] = "";
      continue;
    }
    if (auto s = String(&v, sub)) out[k.scalar] = *s;
  }
  return out;
}

}  // namespace drydock::sources::kube::detail
