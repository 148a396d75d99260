// SPDX-License-Identifier: Apache-2.0
// The libfyaml wrapper: event-level parsing into YamlNode. No document API is used: one iterative
// builder turns the parser's events into trees, in strict single-document mode (ParseYaml: aliases
// refused) or stream mode (ParseYamlStream: anchors copied under a node budget, merge keys,
// duplicate keys refused), and our own limits bound depth, size and alias expansion.
#include "yaml/yaml.h"
#include "core/io.h"

#include <fmt/format.h>
#include <libfyaml.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace drydock::yaml {

using core::ErrorCode;
using core::Fail;
using core::Origin;
using core::Result;

YamlNode::YamlNode() = default;
YamlNode::~YamlNode() = default;
YamlNode::YamlNode(const YamlNode&) = default;
YamlNode::YamlNode(YamlNode&&) noexcept = default;
YamlNode& YamlNode::operator=(const YamlNode&) = default;
YamlNode& YamlNode::operator=(YamlNode&&) noexcept = default;

const YamlNode* YamlNode::Get(std::string_view key) const {
  if (kind != Kind::kMapping) return nullptr;
  for (const auto& [k, v] : entries) {
    if (k.kind == Kind::kScalar && k.scalar == key) return &v;
  }
  return nullptr;
}

std::optional<bool> YamlNode::AsBool() const {
  if (kind != Kind::kScalar) return std::nullopt;
  if (scalar == "true" || scalar == "True" || scalar == "TRUE") return true;
  if (scalar == "false" || scalar == "False" || scalar == "FALSE") return false;
  return std::nullopt;
}

std::optional<long long> YamlNode::AsInt() const {
  if (kind != Kind::kScalar || scalar.empty()) return std::nullopt;
  std::string_view s = scalar;
  bool negative = false;
  if (s.front() == '-' || s.front() == '+') {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  int base = 10;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o')) {
    base = s[1] == 'x' ? 16 : 8;
    s.remove_prefix(2);
  }
  if (s.empty()) return std::nullopt;
  unsigned long long v = 0;
  for (char c : s) {
    int d = -1;
    if (c >= '0' && c <= '9') {
      d = c - '0';
    } else if (base == 16 && c >= 'a' && c <= 'f') {
      d = c - 'a' + 10;
    } else if (base == 16 && c >= 'A' && c <= 'F') {
      d = c - 'A' + 10;
    }
    if (d < 0 || d >= base) return std::nullopt;
    if (v > (static_cast<unsigned long long>(1) << 62) / static_cast<unsigned>(base)) {
      return std::nullopt;
    }
    v = v * static_cast<unsigned>(base) + static_cast<unsigned>(d);
  }
  auto value = static_cast<long long>(v);
  return negative ? -value : value;
}

bool YamlNode::IsNull() const {
  if (kind != Kind::kScalar || quoted) return false;
  return scalar.empty() || scalar == "~" || scalar == "null" || scalar == "Null" ||
         scalar == "NULL";
}

std::string_view YamlNode::KindName() const {
  switch (kind) {
    case Kind::kScalar:
      return "scalar";
    case Kind::kSequence:
      return "sequence";
    case Kind::kMapping:
      return "mapping";
  }
  return "node";
}

namespace {

Origin FileOrigin(std::string_view file) {
  Origin o;
  o.file = std::string(file);
  return o;
}

// Offset of the first byte that is not part of well-formed UTF-8 (no overlongs, surrogates or
// code points above U+10FFFF), or npos. libfyaml 0.7.12 loops forever on some malformed UTF-8
// (e.g. "%\xff" in a directive line), so malformed input never reaches it.
size_t FirstInvalidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    // ASCII fast path: eight bytes at a time.
    if (i + 8 <= s.size()) {
      std::uint64_t word;
      std::memcpy(&word, s.data() + i, sizeof word);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len = 0;
    unsigned lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return i;
    }
    if (i + len > s.size()) return i;
    auto c1 = static_cast<unsigned char>(s[i + 1]);
    if (c1 < lo || c1 > hi) return i;
    for (size_t k = 2; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

}  // namespace

// The value of a single-quoted flow scalar from its source text between the quotes (YAML 1.2
// §7.3.2): `''` is a quote; a line break between text becomes a space, each empty line a '\n';
// white space around line breaks is dropped.
std::string DecodeSingleQuoted(std::string_view raw) {
  std::vector<std::string_view> lines;
  std::size_t pos = 0;
  while (true) {
    std::size_t nl = raw.find('\n', pos);
    std::string_view line = raw.substr(pos, nl == std::string_view::npos ? nl : nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  auto is_blank = [](char c) { return c == ' ' || c == '\t'; };
  std::string folded;
  std::size_t empty_run = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    if (i > 0) {
      while (!line.empty() && is_blank(line.front())) line.remove_prefix(1);
    }
    if (i + 1 < lines.size()) {
      while (!line.empty() && is_blank(line.back())) line.remove_suffix(1);
    }
    if (i > 0 && i + 1 < lines.size() && line.empty()) {
      ++empty_run;
      continue;
    }
    if (i > 0) folded.append(empty_run == 0 ? std::string(" ") : std::string(empty_run, '\n'));
    empty_run = 0;
    folded.append(line);
  }
  std::string out;
  out.reserve(folded.size());
  for (std::size_t i = 0; i < folded.size(); ++i) {
    out.push_back(folded[i]);
    if (folded[i] == '\'' && i + 1 < folded.size() && folded[i + 1] == '\'') ++i;
  }
  return out;
}

namespace {

// Line and column (1-based) of byte offset `at`.
Origin PositionOf(std::string_view text, std::size_t at, std::string_view file) {
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < at && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  Origin where = FileOrigin(file);
  where.line = line;
  where.column = static_cast<int>(at - line_start) + 1;
  return where;
}

// Length of the line break at `i` (LF, CR, CRLF, and the YAML 1.1 breaks NEL, LS, PS that
// libfyaml may honour), or 0.
std::size_t LineBreakAt(std::string_view text, std::size_t i) {
  char c = text[i];
  if (c == '\n') return 1;
  if (c == '\r') return i + 1 < text.size() && text[i + 1] == '\n' ? 2 : 1;
  std::string_view rest = text.substr(i);
  if (rest.substr(0, 2) == "\xc2\x85") return 2;
  if (rest.substr(0, 3) == "\xe2\x80\xa8" || rest.substr(0, 3) == "\xe2\x80\xa9") return 3;
  return 0;
}

// Whether `text` has a `?` followed by white space or the end: an explicit (complex) key
// indicator, or text that merely looks like one.
bool HasExplicitKeyIndicator(std::string_view text) {
  for (std::size_t i = text.find('?'); i != std::string_view::npos; i = text.find('?', i + 1)) {
    if (i + 1 == text.size()) return true;
    char next = text[i + 1];
    if (next == ' ' || next == '\t' || next == '\r' || next == '\n') return true;
  }
  return false;
}

// A TAB that libfyaml 0.7.12 must not see in a user's stream, or npos, and why.
// - A TAB in the indentation of a line with content (YAML forbids tabs as indentation; blank
//   lines and comment lines may hold them).
// - Any TAB in a stream with an explicit key indicator (`? `): inside an explicit key, a tab
//   after `key:` makes 0.7.12 double-free in fy_fetch_value (`? a:<TAB>|v`, `? a:<TAB>:<TAB>v`,
//   `?\n  - a:<TAB> >v`; found by fuzzing the bare library). Every crashing input found needs
//   both a `?`-plus-space and a tab; `?` in URLs (`/x?a=b`) does not count.
// Elsewhere tabs (comments, quoted and block scalar text, separation after `key:`) are allowed.
struct UnsafeTab {
  std::size_t at = std::string_view::npos;
  bool indentation = false;
};

UnsafeTab FindUnsafeTab(std::string_view text) {
  std::size_t first_tab = text.find('\t');
  if (first_tab == std::string_view::npos) return {};
  bool explicit_keys = HasExplicitKeyIndicator(text);
  bool at_line_start = true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (std::size_t br = LineBreakAt(text, i)) {
      at_line_start = true;
      i += br - 1;
      continue;
    }
    char c = text[i];
    if (c == '\t' && explicit_keys) return {i, false};
    if (!at_line_start) continue;
    if (c == ' ') continue;
    at_line_start = false;
    if (c != '\t') continue;
    std::size_t j = i;
    while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
    if (j < text.size() && LineBreakAt(text, j) == 0 && text[j] != '#') return {i, true};
  }
  return {};
}

// Refuses input that libfyaml 0.7.12 (Debian 12) mishandles, before it reaches the library:
// malformed UTF-8 (infinite loop in directive scanning; a leading BOM is well-formed and allowed)
// and TAB characters (a complex key with a tab after `key:`, `? a:\t|v`, crashes it with a double
// free / NULL write). `all_tabs`: refuse every tab (drydock's own config files never need one);
// otherwise only the tabs FindUnsafeTab finds.
std::optional<core::Error> Prescreen(std::string_view text, std::string_view file, bool all_tabs) {
  std::size_t bad = FirstInvalidUtf8(text);
  UnsafeTab tab;
  if (all_tabs) {
    tab.at = text.find('\t');
  } else if (bad == std::string_view::npos) {
    tab = FindUnsafeTab(text);
  }
  if (bad == std::string_view::npos && tab.at == std::string_view::npos) return std::nullopt;
  std::size_t at = std::min(bad, tab.at);
  std::string message;
  if (at == bad) {
    message = "invalid YAML: input is not valid UTF-8";
  } else if (all_tabs) {
    message = "invalid YAML: tab characters are not allowed; use spaces";
  } else if (tab.indentation) {
    message = "invalid YAML: tab characters are not allowed as indentation";
  } else {
    message = "invalid YAML: tab characters are not allowed in a file with explicit keys (`? `)";
  }
  return core::Error{ErrorCode::kInput, std::move(message), PositionOf(text, at, file)};
}

void DiscardOutput(struct fy_diag*, void*, const char*, size_t) {}

struct DiagDeleter {
  void operator()(fy_diag* d) const { fy_diag_destroy(d); }
};
struct ParserDeleter {
  void operator()(fy_parser* p) const { fy_parser_destroy(p); }
};

// What one builder run allows: ParseYaml's strict single-document mode or ParseYamlStream's.
struct Options {
  bool single_document = true;   // a second document is an error
  bool resolve_aliases = false;  // false: any alias is an error
  bool merge_keys = false;       // apply `<<` merge keys
  bool unique_keys = false;      // a repeated scalar key in a mapping is an error
  // Accept multi-line flow scalars whose continuation lines are indented no deeper than their
  // key (YAML 1.2 wants one more space); go-yaml, hence kubectl, accepts them and real manifests
  // hold them (kubernetes/dashboard's init-container-error-pod.yaml).
  bool sloppy_flow_indentation = false;
  std::size_t max_nodes = kMaxYamlNodes;
  int max_depth = kMaxYamlDepth;
  std::size_t max_alias_bytes = 0;       // scalar text held by anchors and alias copies
  std::string_view too_many_nodes = "";  // message prefix for the plain node limit
};

// The size of a finished subtree: nodes, collection levels (0 for a scalar), scalar bytes.
struct Size {
  std::size_t nodes = 1;
  int height = 0;
  std::size_t bytes = 0;
};

struct Anchored {
  YamlNode node;
  Size size;
};

// One open collection while building the tree.
struct Frame {
  YamlNode node;
  std::optional<YamlNode> pending_key;  // mappings: a key waiting for its value
  Size size{1, 1, 0};
  std::optional<std::string> anchor;  // `&name` on this collection
  bool has_merge = false;             // holds a `<<` key (merge_keys mode)
  // Scalar key → line, built once a mapping grows past kLinearKeys (duplicate-key check).
  std::unique_ptr<std::unordered_map<std::string, int>> key_lines;
};

constexpr std::size_t kLinearKeys = 16;

bool IsMergeKey(const YamlNode& key) {
  return key.kind == YamlNode::Kind::kScalar && !key.quoted && key.scalar == "<<";
}

// At most `max` bytes of `s` for a message, cut on a UTF-8 boundary.
std::string Clip(std::string_view s, std::size_t max = 80) {
  if (s.size() <= max) return std::string(s);
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return std::string(s.substr(0, n)) + "…";
}

std::string TokenText(fy_token* token) {
  std::size_t len = 0;
  const char* s = token != nullptr ? fy_token_get_text(token, &len) : nullptr;
  return s != nullptr ? std::string(s, len) : std::string();
}

// Turns parser events into YamlDocuments. Iterative (an explicit stack of open collections), so
// input nesting never becomes native recursion; only copying an anchored subtree recurses, and
// that subtree is at most max_depth deep.
class Builder {
 public:
  Builder(std::string_view text, std::string_view file, const Options& opts)
      : text_(text), file_(file), opts_(opts) {}

  YamlStream Run(fy_parser* parser, fy_diag* diag) {
    for (;;) {
      fy_event* event = fy_parser_parse(parser);
      if (event == nullptr) break;
      bool ok = Handle(event);
      fy_parser_event_free(parser, event);
      if (!ok) return std::move(out_);
    }
    if (fy_parser_get_stream_error(parser)) {
      void* iter = nullptr;
      if (fy_diag_error* err = fy_diag_errors_iterate(diag, &iter)) {
        // Collected errors carry 1-based line and column (unlike fy_mark, which is 0-based).
        Fail(fmt::format("invalid YAML: {}", err->msg != nullptr ? err->msg : "syntax error"),
             err->line, err->column);
      } else {
        Fail("invalid YAML", 0, 0);
      }
    }
    return std::move(out_);
  }

 private:
  Origin At(int line, int column) const {
    Origin o = FileOrigin(file_);
    o.line = line;
    o.column = column;
    return o;
  }

  bool Fail(std::string message, int line, int column) {
    out_.error = core::Error{ErrorCode::kInput, std::move(message), At(line, column)};
    return false;
  }

  bool Count(const YamlNode& at) {
    if (nodes_ >= opts_.max_nodes) {
      return Fail(fmt::format("{} more than {} nodes", opts_.too_many_nodes, opts_.max_nodes),
                  at.line, at.column);
    }
    ++nodes_;
    return true;
  }

  bool Handle(fy_event* event) {
    YamlNode node;
    const fy_mark* m = fy_event_start_mark(event);
    if (m != nullptr) {
      node.line = m->line + 1;
      node.column = m->column + 1;
    } else {
      // Implied nodes (the null value of `key:`, an empty document) have no mark of their own:
      // they sit where the previous node did.
      node.line = last_line_;
      node.column = last_column_;
    }
    switch (event->type) {
      case FYET_DOCUMENT_START:
        if (opts_.single_document && !out_.documents.empty()) {
          return Fail("more than one YAML document; expected exactly one", node.line, node.column);
        }
        anchors_.clear();
        stack_.clear();
        root_.reset();
        // An implicit start (no `---`) is dated by the document's first node.
        document_line_ = event->document_start.implicit || m == nullptr ? 0 : node.line;
        if (document_line_ != 0) {
          last_line_ = node.line;
          last_column_ = node.column;
        }
        return true;
      case FYET_DOCUMENT_END: {
        if (document_line_ == 0) document_line_ = std::max(last_line_, 1);
        YamlDocument doc;
        if (root_) {
          doc.root = std::move(*root_);
        } else {
          doc.root.line = document_line_;
          doc.root.column = 1;
        }
        doc.line = document_line_;
        out_.documents.push_back(std::move(doc));
        root_.reset();
        return true;
      }
      default:
        break;
    }
    if (document_line_ == 0) document_line_ = node.line;
    last_line_ = node.line;
    last_column_ = node.column;
    switch (event->type) {
      case FYET_ALIAS:
        // The alias token's mark is its name; report the `*`.
        if (m != nullptr && m->input_pos > 0 && m->input_pos <= text_.size() &&
            text_[m->input_pos - 1] == '*' && node.column > 1) {
          --node.column;
        }
        return Alias(event, node);
      case FYET_SCALAR:
        return Scalar(event, std::move(node));
      case FYET_SEQUENCE_START:
        node.kind = YamlNode::Kind::kSequence;
        return Open(std::move(node), event->sequence_start.anchor);
      case FYET_MAPPING_START:
        node.kind = YamlNode::Kind::kMapping;
        return Open(std::move(node), event->mapping_start.anchor);
      case FYET_SEQUENCE_END:
      case FYET_MAPPING_END:
        return Close();
      default:
        return true;
    }
  }

  bool Scalar(fy_event* event, YamlNode node) {
    if (!Count(node)) return false;
    const fy_scalar_style style = fy_token_scalar_style(event->scalar.value);
    const fy_mark* start = fy_event_start_mark(event);
    const fy_mark* end = fy_event_end_mark(event);
    if (style == FYSS_SINGLE_QUOTED && start != nullptr && end != nullptr &&
        start->input_pos <= end->input_pos && end->input_pos <= text_.size() &&
        text_.substr(start->input_pos, end->input_pos - start->input_pos).find("''") !=
            std::string_view::npos) {
      // libfyaml 0.7.12 leaks the text buffer it builds for a single-quoted scalar with several
      // '' escapes (found by fuzz/policy_fuzz); decode those from the source range.
      node.scalar =
          DecodeSingleQuoted(text_.substr(start->input_pos, end->input_pos - start->input_pos));
    } else {
      std::size_t len = 0;
      const char* s = fy_token_get_text(event->scalar.value, &len);
      if (s != nullptr) node.scalar.assign(s, len);
    }
    node.quoted = style != FYSS_PLAIN;
    Size size{1, 0, node.scalar.size()};
    if (event->scalar.anchor != nullptr && !Store(TokenText(event->scalar.anchor), node, size)) {
      return false;
    }
    return Attach(std::move(node), size);
  }

  bool Open(YamlNode node, fy_token* anchor) {
    if (!Count(node)) return false;
    if (static_cast<int>(stack_.size()) >= opts_.max_depth) {
      return Fail(fmt::format("nesting deeper than {} levels", opts_.max_depth), node.line,
                  node.column);
    }
    Frame frame;
    frame.node = std::move(node);
    if (anchor != nullptr && opts_.resolve_aliases) frame.anchor = TokenText(anchor);
    stack_.push_back(std::move(frame));
    return true;
  }

  bool Close() {
    if (stack_.empty()) return true;
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    if (frame.has_merge && !Merge(frame.node)) return false;
    if (frame.anchor && !Store(*frame.anchor, frame.node, frame.size)) return false;
    return Attach(std::move(frame.node), frame.size);
  }

  // Keeps a copy of an anchored node for later aliases (stream mode; strict mode ignores anchors,
  // since every alias is refused); the copy counts against the limits.
  bool Store(const std::string& name, const YamlNode& node, const Size& size) {
    if (!opts_.resolve_aliases) return true;
    if (!Charge(size, node, "anchor")) return false;
    anchors_.insert_or_assign(name, Anchored{node, size});
    return true;
  }

  bool Charge(const Size& size, const YamlNode& at, std::string_view what) {
    if (size.nodes > opts_.max_nodes - std::min(nodes_, opts_.max_nodes)) {
      return Fail(fmt::format("alias expansion exceeds {} nodes", opts_.max_nodes), at.line,
                  at.column);
    }
    if (size.bytes > opts_.max_alias_bytes - std::min(alias_bytes_, opts_.max_alias_bytes)) {
      return Fail(
          fmt::format("alias expansion exceeds {} bytes ({} copies)", opts_.max_alias_bytes, what),
          at.line, at.column);
    }
    nodes_ += size.nodes;
    alias_bytes_ += size.bytes;
    return true;
  }

  bool Alias(fy_event* event, const YamlNode& at) {
    if (!opts_.resolve_aliases) {
      return Fail("YAML aliases (*name) are not allowed in this file", at.line, at.column);
    }
    std::string name = TokenText(event->alias.anchor);
    auto it = anchors_.find(name);
    if (it == anchors_.end()) {
      return Fail(fmt::format("undefined alias \"*{}\" (no anchor &{} before it in this document)",
                              Clip(name), Clip(name)),
                  at.line, at.column);
    }
    const Anchored& anchored = it->second;
    if (static_cast<int>(stack_.size()) + anchored.size.height > opts_.max_depth) {
      return Fail(fmt::format("nesting deeper than {} levels (through alias \"*{}\")",
                              opts_.max_depth, Clip(name)),
                  at.line, at.column);
    }
    if (!Charge(anchored.size, at, "alias")) return false;  // before copying anything
    YamlNode copy = anchored.node;
    return Attach(std::move(copy), anchored.size);
  }

  bool Attach(YamlNode node, const Size& size) {
    if (stack_.empty()) {
      root_ = std::move(node);
      return true;
    }
    Frame& top = stack_.back();
    top.size.nodes += size.nodes;
    top.size.height = std::max(top.size.height, size.height + 1);
    top.size.bytes += size.bytes;
    if (top.node.kind == YamlNode::Kind::kSequence) {
      top.node.items.push_back(std::move(node));
    } else if (!top.pending_key) {
      if (opts_.merge_keys && IsMergeKey(node)) {
        top.has_merge = true;
      } else if (opts_.unique_keys && node.IsScalar() && !CheckUnique(top, node)) {
        return false;
      }
      top.pending_key = std::move(node);
    } else {
      top.node.entries.emplace_back(std::move(*top.pending_key), std::move(node));
      top.pending_key.reset();
    }
    return true;
  }

  // A scalar key equal (by text) to an earlier scalar key of the same mapping is an error.
  bool CheckUnique(Frame& map, const YamlNode& key) {
    auto& entries = map.node.entries;
    int first_line = 0;
    if (!map.key_lines && entries.size() < kLinearKeys) {
      for (const auto& [k, v] : entries) {
        if (k.IsScalar() && k.scalar == key.scalar && !(opts_.merge_keys && IsMergeKey(k))) {
          first_line = k.line;
          break;
        }
      }
    } else {
      if (!map.key_lines) {
        map.key_lines = std::make_unique<std::unordered_map<std::string, int>>();
        for (const auto& [k, v] : entries) {
          if (k.IsScalar() && !(opts_.merge_keys && IsMergeKey(k))) {
            map.key_lines->emplace(k.scalar, k.line);
          }
        }
      }
      auto [it, inserted] = map.key_lines->emplace(key.scalar, key.line);
      if (!inserted) first_line = it->second;
    }
    if (first_line == 0) return true;
    return Fail(
        fmt::format("duplicate key \"{}\" (first at line {})", Clip(key.scalar), first_line),
        key.line, key.column);
  }

  // Applies the `<<` entries of a finished mapping (YAML 1.1 merge): the mapping's own keys win
  // over merged ones, and an earlier merged mapping wins over a later one. Merged entries take
  // the place of their `<<` entry.
  bool Merge(YamlNode& map) {
    std::unordered_set<std::string> seen;
    for (const auto& [k, v] : map.entries) {
      if (k.IsScalar() && !IsMergeKey(k)) seen.insert(k.scalar);
    }
    std::vector<std::pair<YamlNode, YamlNode>> out;
    out.reserve(map.entries.size());
    auto take = [&](YamlNode& source) {
      for (auto& entry : source.entries) {
        if (entry.first.IsScalar() && !seen.insert(entry.first.scalar).second) continue;
        out.push_back(std::move(entry));
      }
    };
    for (auto& entry : map.entries) {
      if (!IsMergeKey(entry.first)) {
        out.push_back(std::move(entry));
        continue;
      }
      YamlNode& value = entry.second;
      if (value.IsMapping()) {
        take(value);
        continue;
      }
      const YamlNode* bad = &value;
      if (value.IsSequence()) {
        bad = nullptr;
        for (const YamlNode& item : value.items) {
          if (!item.IsMapping()) {
            bad = &item;
            break;
          }
        }
      }
      if (bad != nullptr) {
        return Fail(fmt::format("merge key \"<<\" takes a mapping or a sequence of mappings, "
                                "not a {}",
                                bad->KindName()),
                    bad->line, bad->column);
      }
      for (YamlNode& item : value.items) take(item);
    }
    map.entries = std::move(out);
    return true;
  }

  std::string_view text_;
  std::string_view file_;
  Options opts_;
  YamlStream out_;
  std::vector<Frame> stack_;
  std::optional<YamlNode> root_;
  std::unordered_map<std::string, Anchored> anchors_;  // this document's anchors
  int document_line_ = 0;                              // 0 until known (implicit start)
  int last_line_ = 1;  // position of the last node event, for implied nodes
  int last_column_ = 1;
  std::size_t nodes_ = 0;
  std::size_t alias_bytes_ = 0;
};

// `text` with every CRLF and lone CR turned into LF, or nullopt when it has no CR. libfyaml 0.7.12
// leaks the text buffer of a quoted scalar whose line breaks mix CRLF and LF (found by
// fuzz/yaml_fuzz: `"\r\n\n\r\n\n\n\n\r\n"`); YAML reads all three as one line break, so
// the library only ever sees LF. Line numbers and columns do not change.
std::optional<std::string> NormalizeLineBreaks(std::string_view text) {
  if (text.find('\r') == std::string_view::npos) return std::nullopt;
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\r') {
      out.push_back(text[i]);
    } else if (i + 1 >= text.size() || text[i + 1] != '\n') {
      out.push_back('\n');
    }
  }
  return out;
}

// Runs libfyaml over `text` (already size-checked and prescreened) with `opts`.
YamlStream Build(std::string_view text, std::string_view file, const Options& opts) {
  YamlStream out;
  auto internal = [&](std::string message) {
    out.error = core::Error{ErrorCode::kInternal, std::move(message), FileOrigin(file)};
    return std::move(out);
  };
  fy_diag_cfg dcfg;
  fy_diag_cfg_default(&dcfg);
  dcfg.fp = nullptr;
  dcfg.output_fn = DiscardOutput;
  dcfg.colorize = false;
  std::unique_ptr<fy_diag, DiagDeleter> diag(fy_diag_create(&dcfg));
  if (!diag) return internal("cannot create the YAML diagnostics object");
  fy_diag_set_collect_errors(diag.get(), true);

  fy_parse_cfg cfg{};
  unsigned flags = FYPCF_QUIET | FYPCF_COLLECT_DIAG | FYPCF_DISABLE_RECYCLING;
  if (opts.sloppy_flow_indentation) flags |= FYPCF_SLOPPY_FLOW_INDENTATION;
  cfg.flags = static_cast<fy_parse_cfg_flags>(flags);
  cfg.diag = diag.get();
  std::unique_ptr<fy_parser, ParserDeleter> parser(fy_parser_create(&cfg));
  if (!parser) return internal("cannot create the YAML parser");
  // libfyaml reads the buffer in place; `text` outlives the parser.
  if (fy_parser_set_string(parser.get(), text.data(), text.size()) != 0) {
    return internal("cannot hand the input to the YAML parser");
  }
  Builder builder(text, file, opts);
  return builder.Run(parser.get(), diag.get());
}

}  // namespace

Result<YamlNode> ParseYaml(std::string_view text, std::string_view file) {
  if (text.size() > kMaxYamlBytes) {
    return Fail(ErrorCode::kInput,
                fmt::format("YAML input is {} bytes, more than the {} byte limit", text.size(),
                            kMaxYamlBytes),
                FileOrigin(file));
  }
  std::optional<std::string> normalized = NormalizeLineBreaks(text);
  if (normalized) text = *normalized;
  if (auto refused = Prescreen(text, file, /*all_tabs=*/true)) {
    return tl::unexpected(std::move(*refused));
  }
  Options opts;
  opts.too_many_nodes = "document has";
  YamlStream stream = Build(text, file, opts);
  if (stream.error) return tl::unexpected(std::move(*stream.error));
  if (stream.documents.empty()) {
    YamlNode empty;
    empty.line = 1;
    empty.column = 1;
    return empty;
  }
  return std::move(stream.documents.front().root);
}

YamlStream ParseYamlStream(std::string_view text, std::string_view file,
                           const StreamLimits& limits) {
  YamlStream out;
  if (text.size() > limits.max_bytes) {
    out.error = core::Error{ErrorCode::kInput,
                            fmt::format("YAML input is {} bytes, more than the {} byte limit",
                                        text.size(), limits.max_bytes),
                            FileOrigin(file)};
    return out;
  }
  std::optional<std::string> normalized = NormalizeLineBreaks(text);
  if (normalized) text = *normalized;
  if (auto refused = Prescreen(text, file, /*all_tabs=*/false)) {
    out.error = std::move(*refused);
    return out;
  }
  Options opts;
  opts.single_document = false;
  opts.resolve_aliases = true;
  opts.merge_keys = true;
  opts.unique_keys = true;
  opts.sloppy_flow_indentation = true;
  opts.max_nodes = limits.max_nodes;
  opts.max_depth = limits.max_depth;
  opts.max_alias_bytes = limits.max_alias_bytes;
  opts.too_many_nodes = "stream has";
  return Build(text, file, opts);
}

Result<YamlNode> ParseYamlFile(const std::string& path) {
  std::string text = DD_TRY(core::ReadBoundedFile(path, kMaxYamlBytes));
  return ParseYaml(text, path);
}

}  // namespace drydock::yaml
