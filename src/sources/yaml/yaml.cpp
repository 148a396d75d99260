// SPDX-License-Identifier: Apache-2.0
// The libfyaml wrapper: event-level parsing into YamlNode. No document API is used, so aliases are
// never resolved (they are refused) and our own limits bound depth and size.
#include "sources/yaml/yaml.h"

#include <fmt/format.h>
#include <libfyaml.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <optional>
#include <utility>

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
    if (c >= '0' && c <= '9') d = c - '0';
    else if (base == 16 && c >= 'a' && c <= 'f') d = c - 'a' + 10;
    else if (base == 16 && c >= 'A' && c <= 'F') d = c - 'A' + 10;
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

// Refuses input that libfyaml 0.7.12 (Debian 12) mishandles, before it reaches the library:
// malformed UTF-8 (infinite loop in directive scanning) and TAB characters (a complex key with a
// tab before a block scalar indicator, `? a:\t|v`, crashes it with a double free / NULL write).
// Tabs are never needed in drydock's config files (YAML forbids them as indentation anyway).
std::optional<core::Error> Prescreen(std::string_view text, std::string_view file) {
  size_t bad = FirstInvalidUtf8(text);
  size_t tab = text.find('\t');
  if (bad == std::string_view::npos && tab == std::string_view::npos) return std::nullopt;
  size_t at = std::min(bad, tab);
  int line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  Origin where = FileOrigin(file);
  where.line = line;
  where.column = static_cast<int>(at - line_start) + 1;
  return core::Error{ErrorCode::kInput,
                     at == bad ? "invalid YAML: input is not valid UTF-8"
                               : "invalid YAML: tab characters are not allowed; use spaces",
                     std::move(where), nullptr};
}

void DiscardOutput(struct fy_diag*, void*, const char*, size_t) {}

struct DiagDeleter {
  void operator()(fy_diag* d) const { fy_diag_destroy(d); }
};
struct ParserDeleter {
  void operator()(fy_parser* p) const { fy_parser_destroy(p); }
};

// One open container while building the tree.
struct Frame {
  YamlNode node;
  std::optional<YamlNode> pending_key;  // mappings: a key waiting for its value
};

class Builder {
 public:
  explicit Builder(std::string_view file) : file_(file) {}

  Origin At(int line, int column) const {
    Origin o;
    o.file = std::string(file_);
    o.line = line;
    o.column = column;
    return o;
  }

  // Returns false (and sets error_) when a limit is hit.
  bool Count(int line, int column) {
    if (++nodes_ > kMaxYamlNodes) {
      error_ = fmt::format("document has more than {} nodes", kMaxYamlNodes);
      error_at_ = At(line, column);
      return false;
    }
    return true;
  }

  bool Open(YamlNode node) {
    if (static_cast<int>(stack_.size()) >= kMaxYamlDepth) {
      error_ = fmt::format("nesting deeper than {} levels", kMaxYamlDepth);
      error_at_ = At(node.line, node.column);
      return false;
    }
    stack_.push_back(Frame{std::move(node), std::nullopt});
    return true;
  }

  void Close() {
    if (stack_.empty()) return;
    YamlNode done = std::move(stack_.back().node);
    stack_.pop_back();
    Attach(std::move(done));
  }

  void Attach(YamlNode node) {
    if (stack_.empty()) {
      root_ = std::move(node);
      return;
    }
    Frame& top = stack_.back();
    if (top.node.kind == YamlNode::Kind::kSequence) {
      top.node.items.push_back(std::move(node));
    } else if (!top.pending_key) {
      top.pending_key = std::move(node);
    } else {
      top.node.entries.emplace_back(std::move(*top.pending_key), std::move(node));
      top.pending_key.reset();
    }
  }

  std::string_view file_;
  std::vector<Frame> stack_;
  std::optional<YamlNode> root_;
  std::size_t nodes_ = 0;
  std::string error_;
  Origin error_at_;
};

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
    if (i > 0) while (!line.empty() && is_blank(line.front())) line.remove_prefix(1);
    if (i + 1 < lines.size()) while (!line.empty() && is_blank(line.back())) line.remove_suffix(1);
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

void SetMark(YamlNode& node, fy_event* event) {
  if (const fy_mark* m = fy_event_start_mark(event)) {
    node.line = m->line + 1;
    node.column = m->column + 1;
  }
}

}  // namespace

Result<YamlNode> ParseYaml(std::string_view text, std::string_view file) {
  if (text.size() > kMaxYamlBytes) {
    return Fail(ErrorCode::kInput,
                fmt::format("YAML input is {} bytes, more than the {} byte limit", text.size(),
                            kMaxYamlBytes),
                FileOrigin(file));
  }
  if (auto refused = Prescreen(text, file)) return tl::unexpected(std::move(*refused));
  fy_diag_cfg dcfg;
  fy_diag_cfg_default(&dcfg);
  dcfg.fp = nullptr;
  dcfg.output_fn = DiscardOutput;
  dcfg.colorize = false;
  std::unique_ptr<fy_diag, DiagDeleter> diag(fy_diag_create(&dcfg));
  if (!diag) return Fail(ErrorCode::kInternal, "cannot create the YAML diagnostics object");
  fy_diag_set_collect_errors(diag.get(), true);

  fy_parse_cfg cfg{};
  cfg.flags =
      static_cast<fy_parse_cfg_flags>(FYPCF_QUIET | FYPCF_COLLECT_DIAG | FYPCF_DISABLE_RECYCLING);
  cfg.diag = diag.get();
  std::unique_ptr<fy_parser, ParserDeleter> parser(fy_parser_create(&cfg));
  if (!parser) return Fail(ErrorCode::kInternal, "cannot create the YAML parser");
  // libfyaml reads the buffer in place; `text` outlives the parser.
  if (fy_parser_set_string(parser.get(), text.data(), text.size()) != 0) {
    return Fail(ErrorCode::kInternal, "cannot hand the input to the YAML parser");
  }

  Builder b(file);
  int documents = 0;
  bool failed = false;
  for (;;) {
    fy_event* event = fy_parser_parse(parser.get());
    if (event == nullptr) break;
    bool ok = true;
    YamlNode node;
    SetMark(node, event);
    switch (event->type) {
      case FYET_DOCUMENT_START:
        if (++documents > 1) {
          b.error_ = "more than one YAML document; expected exactly one";
          b.error_at_ = b.At(node.line, node.column);
          ok = false;
        }
        break;
      case FYET_ALIAS:
        b.error_ = "YAML aliases (*name) are not allowed in this file";
        b.error_at_ = b.At(node.line, node.column);
        ok = false;
        break;
      case FYET_SCALAR: {
        ok = b.Count(node.line, node.column);
        const fy_scalar_style style = fy_token_scalar_style(event->scalar.value);
        const fy_mark* start = fy_event_start_mark(event);
        const fy_mark* end = fy_event_end_mark(event);
        if (style == FYSS_SINGLE_QUOTED && start != nullptr && end != nullptr &&
            start->input_pos <= end->input_pos && end->input_pos <= text.size() &&
            text.substr(start->input_pos, end->input_pos - start->input_pos).find("''") !=
                std::string_view::npos) {
          // libfyaml 0.7.12 leaks the text buffer it builds for a single-quoted scalar with
          // several '' escapes (found by fuzz/policy_fuzz); decode those from the source range.
          node.scalar = DecodeSingleQuoted(
              text.substr(start->input_pos, end->input_pos - start->input_pos));
        } else {
          size_t len = 0;
          const char* s = fy_token_get_text(event->scalar.value, &len);
          if (s != nullptr) node.scalar.assign(s, len);
        }
        node.quoted = style != FYSS_PLAIN;
        if (ok) b.Attach(std::move(node));
        break;
      }
      case FYET_SEQUENCE_START:
        node.kind = YamlNode::Kind::kSequence;
        ok = b.Count(node.line, node.column) && b.Open(std::move(node));
        break;
      case FYET_MAPPING_START:
        node.kind = YamlNode::Kind::kMapping;
        ok = b.Count(node.line, node.column) && b.Open(std::move(node));
        break;
      case FYET_SEQUENCE_END:
      case FYET_MAPPING_END:
        b.Close();
        break;
      default:
        break;
    }
    fy_parser_event_free(parser.get(), event);
    if (!ok) {
      failed = true;
      break;
    }
  }
  if (failed) return Fail(ErrorCode::kInput, b.error_, b.error_at_);
  if (fy_parser_get_stream_error(parser.get())) {
    void* iter = nullptr;
    if (fy_diag_error* err = fy_diag_errors_iterate(diag.get(), &iter)) {
      // Collected errors carry 1-based line and column (unlike fy_mark, which is 0-based).
      return Fail(ErrorCode::kInput,
                  fmt::format("invalid YAML: {}", err->msg != nullptr ? err->msg : "syntax error"),
                  b.At(err->line, err->column));
    }
    return Fail(ErrorCode::kInput, "invalid YAML", b.At(0, 0));
  }
  if (!b.root_) {
    YamlNode empty;
    empty.line = 1;
    empty.column = 1;
    return empty;
  }
  return std::move(*b.root_);
}

Result<std::string> ReadBoundedFile(const std::string& path, std::size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kInput, "cannot open file", FileOrigin(path));
  std::string data;
  char buf[16384];
  while (in) {
    in.read(buf, sizeof buf);
    data.append(buf, static_cast<std::size_t>(in.gcount()));
    if (data.size() > max_bytes) {
      return Fail(ErrorCode::kInput, fmt::format("file is larger than {} bytes", max_bytes),
                  FileOrigin(path));
    }
  }
  if (in.bad()) return Fail(ErrorCode::kInput, "read error", FileOrigin(path));
  return data;
}

Result<YamlNode> ParseYamlFile(const std::string& path) {
  std::string text = DD_TRY(ReadBoundedFile(path, kMaxYamlBytes));
  return ParseYaml(text, path);
}

// STUB until the stream reader lands: one document through ParseYaml.
YamlStream ParseYamlStream(std::string_view text, std::string_view file, const StreamLimits&) {
  YamlStream out;
  auto doc = ParseYaml(text, file);
  if (doc) {
    out.documents.push_back({std::move(*doc), 1});
  } else {
    out.error = doc.error();
  }
  return out;
}

}  // namespace drydock::yaml
