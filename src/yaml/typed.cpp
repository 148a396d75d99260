// SPDX-License-Identifier: Apache-2.0
// The typed reader: shapes, spellings and the wording of their errors.
#include "yaml/typed.h"

#include <fmt/format.h>

#include "core/strings.h"

namespace drydock::yaml {

namespace {

constexpr std::size_t kMaxShown = 40;  // characters of a scalar quoted by Describe

// `words` are the YAML 1.1 spellings beyond the core ones; `any_case` compares them lowercased.
std::optional<bool> BoolWord(const YamlNode& node, BoolWords words) {
  if (auto b = node.AsBool()) return b;
  if (words == BoolWords::kCore) return std::nullopt;
  static constexpr std::string_view kTrue[] = {"yes", "Yes", "YES", "on", "On", "ON", "y", "Y"};
  static constexpr std::string_view kFalse[] = {"no", "No", "NO", "off", "Off", "OFF", "n", "N"};
  std::string lowered;
  std::string_view s = node.scalar;
  if (words == BoolWords::kYaml11AnyCase) {
    lowered = core::Lower(s);
    s = lowered;
  }
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

std::string PathKey(std::string_view path, std::string_view key) {
  return path.empty() ? std::string(key) : fmt::format("{}.{}", path, key);
}

std::string PathIndex(std::string_view path, std::size_t i) {
  return fmt::format("{}[{}]", path, i);
}

core::Origin Reader::At(const YamlNode& node, const std::string& path) const {
  core::Origin o = core::FileOrigin(file_, node.line, node.column);
  if (dialect_.path_in_origin) {
    o.path = display_.empty() ? path : (path.empty() ? display_ : display_ + " " + path);
  }
  return o;
}

void Reader::Fail(const YamlNode& node, const std::string& path, std::string_view what) {
  std::string message = dialect_.path_in_message && !path.empty()
                            ? fmt::format("{}: {}", path, what)
                            : std::string(what);
  sink_(At(node, path), std::move(message));
}

std::string Reader::Show(const YamlNode& node, bool value_error) const {
  if (dialect_.shown == Shown::kDescribed) return Describe(node);
  if (value_error && node.IsScalar()) return fmt::format("'{}'", node.scalar);
  return fmt::format("a {}", node.KindName());
}

void Reader::Expected(const YamlNode& node, const std::string& path, std::string_view expected,
                      bool value_error) {
  Fail(node, path,
       fmt::format("expected {}, {} {}", expected, dialect_.got, Show(node, value_error)));
}

const YamlNode* Reader::Child(const YamlNode* parent, std::string_view key) {
  if (parent == nullptr || !parent->IsMapping()) return nullptr;
  const YamlNode* v = parent->Get(key);
  if (v == nullptr || v->IsNull()) return nullptr;
  return v;
}

const YamlNode* Reader::Mapping(const YamlNode* node, const std::string& path,
                                std::string_view expected) {
  if (Absent(node)) return nullptr;
  if (node->IsMapping()) return node;
  Expected(*node, path, expected);
  return nullptr;
}

const YamlNode* Reader::Sequence(const YamlNode* node, const std::string& path,
                                 std::string_view expected) {
  if (Absent(node)) return nullptr;
  if (node->IsSequence()) return node;
  Expected(*node, path, expected.empty() ? dialect_.list_noun : expected);
  return nullptr;
}

std::optional<std::string> Reader::String(const YamlNode* node, const std::string& path,
                                          std::string_view expected) {
  if (Absent(node)) return std::nullopt;
  if (node->IsScalar()) return node->scalar;
  Expected(*node, path, expected.empty() ? dialect_.string_noun : expected);
  return std::nullopt;
}

std::optional<bool> Reader::Bool(const YamlNode* node, const std::string& path) {
  if (Absent(node)) return std::nullopt;
  if (dialect_.empty_is_absent && node->IsScalar() && node->scalar.empty()) return std::nullopt;
  if (node->IsScalar() && !(dialect_.plain_only && node->quoted)) {
    if (auto b = BoolWord(*node, dialect_.bool_words)) return b;
  }
  Expected(*node, path, dialect_.bool_noun, true);
  return std::nullopt;
}

std::optional<std::int64_t> Reader::Int(const YamlNode* node, const std::string& path,
                                        std::int64_t min, std::int64_t max) {
  if (Absent(node)) return std::nullopt;
  if (dialect_.empty_is_absent && node->IsScalar() && node->scalar.empty()) return std::nullopt;
  std::optional<long long> v;
  if (node->IsScalar() && !(dialect_.plain_only && node->quoted)) v = node->AsInt();
  if (!v) {
    Expected(*node, path, "an integer", true);
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
      Expected(k, path, "a string key");
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

void Reader::OneOrMany(
    const YamlNode* node, const std::string& path,
    const std::function<void(const YamlNode& item, const std::string& path)>& each,
    std::string_view expected) {
  if (node == nullptr || node->IsNull()) return;
  if (node->IsScalar()) {
    each(*node, path);
    return;
  }
  if (!node->IsSequence()) {
    Expected(*node, path, expected.empty() ? dialect_.list_noun : expected);
    return;
  }
  EachItem(*node, path, each);
}

void Reader::Items(const YamlNode* node, const std::string& path,
                   const std::function<void(const YamlNode& item, const std::string& path)>& each) {
  if (const YamlNode* list = Sequence(node, path)) EachItem(*list, path, each);
}

void Reader::EachItem(
    const YamlNode& list, const std::string& path,
    const std::function<void(const YamlNode& item, const std::string& path)>& each) const {
  for (std::size_t i = 0; i < list.items.size(); ++i) {
    each(list.items[i], dialect_.index_items ? PathIndex(path, i) : path);
  }
}

std::vector<std::string> Reader::StringList(const YamlNode* node, const std::string& path) {
  std::vector<std::string> out;
  OneOrMany(
      node, path,
      [&](const YamlNode& item, const std::string& item_path) {
        if (auto s = String(&item, item_path)) out.push_back(std::move(*s));
      },
      dialect_.string_list_noun);
  return out;
}

}  // namespace drydock::yaml
