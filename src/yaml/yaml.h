// SPDX-License-Identifier: Apache-2.0
// The YAML adapter: the only place in drydock that calls libfyaml. It turns YAML text into plain
// trees of scalars, sequences and mappings, each node with its 1-based line and column, and
// converts every library error into a core::Error with file:line:column.
//
// Two entry points:
// - ParseYaml: one document of drydock's own small files (.drydock.yaml, ignore files); aliases
//   are refused, limits are kMaxYamlBytes / kMaxYamlDepth / kMaxYamlNodes.
// - ParseYamlStream: multi-document streams from users' repositories (Kubernetes manifests,
//   compose files, CI files) under StreamLimits: anchors and aliases are resolved by copying the
//   anchored subtree (every copied node counts against max_nodes, so an alias-expansion bomb is an
//   error, not a memory blow-up), `<<` merge keys are applied (explicit keys win, earlier merged
//   maps win over later ones), and a duplicate key in a mapping is an error.
//
// Safety contract: tags are ignored (the value is kept as written).
// Malformed UTF-8 is refused before libfyaml sees it (0.7.12 hangs on some), and so are TAB
// characters: all of them in ParseYaml; in ParseYamlStream only tabs used as indentation, and
// every tab in a stream with an explicit-key `? ` (0.7.12 double-frees on `? a:<TAB>|v`); tabs in
// comments, quoted or block scalar text and after `key:` are fine (see yaml.cpp). CRLF and CR
// line breaks become LF before parsing (0.7.12 leaks on quoted scalars mixing them).
// Neither the builder nor alias copying recurses deeper than the depth limit.
// Everything else (syntax errors, a second document) is an Error with file:line:column.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"

namespace drydock::yaml {

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
  // A mapping's value for a plain-text key, or nullptr (also for non-mappings).
  const YamlNode* Get(std::string_view key) const;
  // A plain or quoted scalar equal to true/True/TRUE (YAML 1.2 core schema), false likewise;
  // nullopt for anything else (including YAML 1.1 yes/no/on/off).
  std::optional<bool> AsBool() const;
  // A scalar that is a decimal integer (optional sign, YAML 1.2 core: also 0x/0o); nullopt
  // otherwise or on overflow.
  std::optional<long long> AsInt() const;
};

// Limits for ParseYamlStream. Defaults fit the largest real manifests (a 2 MB install.yaml, CRD
// schemas nested ~40 levels) with a wide margin.
struct StreamLimits {
  std::size_t max_bytes = 32u << 20;        // input size
  int max_depth = 256;                      // nesting of collections
  std::size_t max_nodes = 1u << 20;         // nodes in all documents, alias copies included
  std::size_t max_alias_bytes = 64u << 20;  // scalar text held by anchors and alias copies
};

struct YamlDocument {
  YamlNode root;  // an empty document yields an empty plain scalar (IsNull())
  int line = 0;   // 1-based line where the document starts (its `---` or first node)
};

// The documents of a stream, in order. When the stream is malformed, `documents` holds the
// documents that were complete before the error and `error` says what and where; the caller may
// still use them.
struct YamlStream {
  std::vector<YamlDocument> documents;
  std::optional<core::Error> error;
};

// Parses a multi-document stream (`---` separated). `file` is used only for locations. A stream
// holding only comments has no documents. Anchors are per document; every node (alias copies and
// the stored copy of each anchored node included) counts against max_nodes, and an alias that
// would pass it is the error "alias expansion exceeds N nodes", found before anything is copied.
// Duplicate scalar keys (compared by text) are an error at the second one.
YamlStream ParseYamlStream(std::string_view text, std::string_view file,
                           const StreamLimits& limits = {});

// Parses `text` (the contents of `file`, used only for locations). An empty stream (or one holding
// only comments) yields an empty plain scalar. More than one document is an error.
core::Result<YamlNode> ParseYaml(std::string_view text, std::string_view file);

// Reads and parses a file, refusing files larger than kMaxYamlBytes.
core::Result<YamlNode> ParseYamlFile(const std::string& path);

// The value of a single-quoted scalar from its source text between the quotes: `''` → `'`,
// line folding per YAML 1.2 §7.3.2. Used instead of libfyaml's text for scalars with `''`
// escapes, whose buffer libfyaml 0.7.12 leaks.
std::string DecodeSingleQuoted(std::string_view raw);

}  // namespace drydock::yaml
