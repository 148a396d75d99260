// SPDX-License-Identifier: Apache-2.0
// A thin, bounded YAML reader for drydock's own small files (.drydock.yaml, ignore files). It
// turns one YAML document into a plain tree of scalars, sequences and mappings, each node with its
// 1-based line and column. This is the only place in policy/ that calls libfyaml.
//
// Safety contract: input is limited to kMaxYamlBytes, nesting to kMaxYamlDepth and the tree to
// kMaxYamlNodes; aliases (`*ref`) are refused, so an alias bomb cannot expand; tags are ignored.
// Malformed UTF-8 and TAB characters are refused before libfyaml sees them (0.7.12 hangs or
// crashes on some such inputs; see yaml.cpp).
// Everything else (syntax errors, a second document) is an Error with file:line:column.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"

namespace drydock::policy {

inline constexpr std::size_t kMaxYamlBytes = 1 << 20;  // 1 MiB
inline constexpr int kMaxYamlDepth = 32;
inline constexpr std::size_t kMaxYamlNodes = 100000;

struct YamlNode {
  enum class Kind { kScalar, kSequence, kMapping };

  Kind kind = Kind::kScalar;
  std::string scalar;           // kScalar: the value after quote/escape processing
  bool quoted = false;          // kScalar: written in single or double quotes, or as a block scalar
  std::vector<YamlNode> items;  // kSequence
  std::vector<std::pair<YamlNode, YamlNode>> entries;  // kMapping, in document order
  int line = 0;                                        // 1-based
  int column = 0;                                      // 1-based

  // Out of line (yaml.cpp): clang with libstdc++ 12 cannot instantiate the implicit ones while
  // std::pair<YamlNode, YamlNode> is still incomplete (the fuzz preset builds with clang).
  YamlNode();
  ~YamlNode();
  YamlNode(const YamlNode&);
  YamlNode(YamlNode&&) noexcept;
  YamlNode& operator=(const YamlNode&);
  YamlNode& operator=(YamlNode&&) noexcept;

  bool IsScalar() const { return kind == Kind::kScalar; }
  bool IsSequence() const { return kind == Kind::kSequence; }
  bool IsMapping() const { return kind == Kind::kMapping; }
  // A plain `~`, `null`, `Null`, `NULL` or empty plain scalar (e.g. `key:` with no value).
  bool IsNull() const;
  // "scalar", "sequence" or "mapping", for error messages.
  std::string_view KindName() const;
};

// Parses `text` (the contents of `file`, used only for locations). An empty stream (or one holding
// only comments) yields an empty plain scalar. More than one document is an error.
core::Result<YamlNode> ParseYaml(std::string_view text, std::string_view file);

// Reads and parses a file, refusing files larger than kMaxYamlBytes.
core::Result<YamlNode> ParseYamlFile(const std::string& path);

// The value of a single-quoted scalar from its source text between the quotes: `''` → `'`,
// line folding per YAML 1.2 §7.3.2. Used instead of libfyaml's text for scalars with `''`
// escapes, whose buffer libfyaml 0.7.12 leaks.
std::string DecodeSingleQuoted(std::string_view raw);

// Reads a whole text file of at most `max_bytes` bytes (used for ignore files too).
core::Result<std::string> ReadBoundedFile(const std::string& path, std::size_t max_bytes);

}  // namespace drydock::policy
