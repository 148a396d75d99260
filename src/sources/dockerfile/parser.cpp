// SPDX-License-Identifier: Apache-2.0
// The Dockerfile parser: lines -> directives -> instructions (continuations, comments, heredocs)
// -> builder flags -> per-instruction arguments with BuildKit's expansion and scoping rules.
#include "sources/dockerfile/parser.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/strings.h"
#include "sources/dockerfile/expand.h"
#include "sources/dockerfile/shell.h"

namespace drydock::sources::dockerfile {
namespace {

using model::BuildSpec;
using model::Instruction;

using core::IEquals;
using core::Lower;
using core::Upper;

struct Line {
  std::string_view text;  // \r\n trimmed
  int number = 0;
};

bool IsBlank(char c) { return c == ' ' || c == '\t'; }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r'; }
// What IsSpace accepts, for core::Trim (a Dockerfile line has no \n left).
constexpr std::string_view kLineSpaces = " \t\v\f\r";

std::string Abbrev(std::string_view s) {
  constexpr std::size_t kMax = 80;
  if (s.size() <= kMax) return std::string(s);
  return std::string(s.substr(0, kMax)) + "…";
}

// ---- Instruction table ---------------------------------------------------------------------

struct FlagSpec {
  std::string_view name;
  bool boolean = false;
  bool repeatable = false;
  bool expand = false;
};

constexpr FlagSpec kFromFlags[] = {{"platform", false, false, true}};
constexpr FlagSpec kRunFlags[] = {{"mount", false, true, false},
                                  {"network", false, false, false},
                                  {"security", false, false, false},
                                  {"device", false, true, false}};
constexpr FlagSpec kCopyFlags[] = {{"from", false, false, true},    {"chown", false, false, true},
                                   {"chmod", false, false, true},   {"link", true, false, false},
                                   {"parents", true, false, false}, {"exclude", false, true, true}};
constexpr FlagSpec kAddFlags[] = {
    {"chown", false, false, true},        {"chmod", false, false, true},
    {"link", true, false, false},         {"checksum", false, false, true},
    {"keep-git-dir", true, false, false}, {"unpack", true, false, false},
    {"exclude", false, true, true}};
constexpr FlagSpec kHealthFlags[] = {{"interval", false, false, false},
                                     {"timeout", false, false, false},
                                     {"start-period", false, false, false},
                                     {"start-interval", false, false, false},
                                     {"retries", false, false, false}};

struct InstrSpec {
  std::string_view keyword;
  const FlagSpec* flags;
  std::size_t flag_count;
};

template <std::size_t N>
constexpr InstrSpec Spec(std::string_view k, const FlagSpec (&f)[N]) {
  return {k, f, N};
}
constexpr InstrSpec Spec(std::string_view k) { return {k, nullptr, 0}; }

constexpr std::array<InstrSpec, 18> kInstructions = {Spec("FROM", kFromFlags),
                                                     Spec("RUN", kRunFlags),
                                                     Spec("CMD"),
                                                     Spec("ENTRYPOINT"),
                                                     Spec("SHELL"),
                                                     Spec("ENV"),
                                                     Spec("ARG"),
                                                     Spec("LABEL"),
                                                     Spec("MAINTAINER"),
                                                     Spec("EXPOSE"),
                                                     Spec("USER"),
                                                     Spec("WORKDIR"),
                                                     Spec("VOLUME"),
                                                     Spec("ADD", kAddFlags),
                                                     Spec("COPY", kCopyFlags),
                                                     Spec("ONBUILD"),
                                                     Spec("HEALTHCHECK", kHealthFlags),
                                                     Spec("STOPSIGNAL")};

const InstrSpec* FindInstr(std::string_view upper) {
  for (const auto& s : kInstructions) {
    if (s.keyword == upper) return &s;
  }
  return nullptr;
}

bool AllowsHeredoc(std::string_view kw) { return kw == "RUN" || kw == "COPY" || kw == "ADD"; }

// ---- JSON arrays -----------------------------------------------------------------------------

enum class JsonForm { kNotJson, kStrings, kNonString };

class ArraySax final : public nlohmann::json_sax<nlohmann::json> {
 public:
  using json = nlohmann::json;
  std::vector<std::string> strings;
  bool non_string = false;
  bool invalid = false;

  bool null() override { return Scalar(); }
  bool boolean(bool) override { return Scalar(); }
  bool number_integer(json::number_integer_t) override { return Scalar(); }
  bool number_unsigned(json::number_unsigned_t) override { return Scalar(); }
  bool number_float(json::number_float_t, const string_t&) override { return Scalar(); }
  bool string(string_t& s) override {
    if (depth_ == 1) {
      strings.push_back(std::move(s));
    } else if (depth_ == 0) {
      invalid = true;  // top level must be an array
      return false;
    }
    return true;
  }
  bool binary(binary_t&) override { return Scalar(); }
  bool start_object(std::size_t) override { return Open(); }
  bool key(string_t&) override { return true; }
  bool end_object() override { return Close(); }
  bool start_array(std::size_t) override { return Open(); }
  bool end_array() override { return Close(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    invalid = true;
    return false;
  }

 private:
  bool Scalar() {
    if (depth_ == 0) {
      invalid = true;
      return false;
    }
    if (depth_ == 1) non_string = true;
    return true;
  }
  bool Open() {
    if (depth_ == 0 && seen_top_) {
      invalid = true;
      return false;
    }
    seen_top_ = true;
    if (depth_ >= 1) non_string = true;
    ++depth_;  // nlohmann's SAX parser is iterative: depth costs no stack
    return true;
  }
  bool Close() {
    --depth_;
    return true;
  }
  int depth_ = 0;
  bool seen_top_ = false;
};

JsonForm ParseJsonArray(std::string_view text, std::vector<std::string>& out) {
  text = core::Trim(text, kLineSpaces);
  if (text.empty() || text.front() != '[') return JsonForm::kNotJson;
  ArraySax sax;
  bool ok = false;
  try {
    ok = nlohmann::json::sax_parse(text.begin(), text.end(), &sax,
                                   nlohmann::json::input_format_t::json, true);
  } catch (const std::exception&) {
    return JsonForm::kNotJson;
  }
  if (!ok || sax.invalid) return JsonForm::kNotJson;
  if (sax.non_string) return JsonForm::kNonString;
  out = std::move(sax.strings);
  return JsonForm::kStrings;
}

// ---- Variable scopes -------------------------------------------------------------------------

struct Var {
  std::optional<std::string> value;
  bool env = false;
};

class Scope final : public VarSource {
 public:
  const std::string* Get(std::string_view name) const override {
    auto it = vars_.find(name);
    if (it == vars_.end() || !it->second.value) return nullptr;
    return &*it->second.value;
  }
  const Var* Find(std::string_view name) const {
    auto it = vars_.find(name);
    return it == vars_.end() ? nullptr : &it->second;
  }
  void Set(std::string_view name, std::optional<std::string> value, bool env) {
    auto it = vars_.find(name);
    if (it == vars_.end()) {
      vars_.emplace(std::string(name), Var{std::move(value), env});
      return;
    }
    // ENV always wins over a later ARG of the same name.
    if (!env && it->second.env) return;
    it->second = Var{std::move(value), env};
  }
  void Clear() { vars_.clear(); }

 private:
  std::map<std::string, Var, std::less<>> vars_;
};

// ---- Builder flags ---------------------------------------------------------------------------

// The value of flag `--name=` among the flags of `ins` as written (before expansion, quotes kept);
// "" when absent.
std::string RawFlagValue(const Instruction& ins, std::string_view name) {
  std::string_view flags = ins.original;
  flags = flags.substr(0, flags.size() - std::min(flags.size(), ins.args_text.size()));
  const std::string prefix = "--" + std::string(name) + "=";
  std::size_t pos = 0;
  while (pos < flags.size()) {
    while (pos < flags.size() && IsSpace(flags[pos])) ++pos;
    std::size_t end = pos;
    while (end < flags.size() && !IsSpace(flags[end])) ++end;
    std::string_view word = flags.substr(pos, end - pos);
    if (word.substr(0, prefix.size()) == prefix) return std::string(word.substr(prefix.size()));
    pos = end;
  }
  return {};
}

// BuildKit's extractBuilderFlags: leading `--` words (quotes allowed), ending at the first other
// word or a bare `--`. Returns the offset in `line` where the arguments start.
std::size_t ExtractFlagWords(std::string_view line, std::vector<std::string>& words) {
  std::size_t pos = 0;
  const std::size_t n = line.size();
  while (true) {
    while (pos < n && IsSpace(line[pos])) ++pos;
    if (pos >= n) return n;
    if (!(line[pos] == '-' && pos + 1 < n && line[pos + 1] == '-')) return pos;
    std::string word;
    bool blank_ok = false;
    char quote = '\0';
    while (pos < n) {
      char c = line[pos];
      if (quote != '\0') {
        if (c == quote) {
          quote = '\0';
          ++pos;
          continue;
        }
      } else {
        if (IsSpace(c)) break;
        if (c == '\'' || c == '"') {
          quote = c;
          blank_ok = true;
          ++pos;
          continue;
        }
      }
      if (c == '\\') {
        if (pos + 1 == n) {
          ++pos;
          continue;
        }
        c = line[++pos];
      }
      word += c;
      ++pos;
    }
    if (word == "--") {
      while (pos < n && IsSpace(line[pos])) ++pos;
      return pos;
    }
    if (blank_ok || !word.empty()) words.push_back(std::move(word));
  }
}

bool ValidStageName(std::string_view name) {
  if (name.empty() || !(name[0] >= 'a' && name[0] <= 'z')) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

// ---- Heredoc words ---------------------------------------------------------------------------

struct HeredocWord {
  std::string delimiter;
  bool expand = true;
  bool strip_tabs = false;
  int fd = -1;
};

// `^(\d*)<<(-?)\s*([^<]*)$` on a raw word.
std::optional<HeredocWord> MatchHeredoc(std::string_view w, char escape) {
  std::size_t i = 0;
  while (i < w.size() && w[i] >= '0' && w[i] <= '9') ++i;
  std::string_view digits = w.substr(0, i);
  if (w.substr(i, 2) != "<<") return std::nullopt;
  i += 2;
  HeredocWord h;
  if (i < w.size() && w[i] == '-') {
    h.strip_tabs = true;
    ++i;
  }
  while (i < w.size() && IsSpace(w[i])) ++i;
  std::string_view rest = w.substr(i);
  if (rest.empty() || rest.find('<') != std::string_view::npos) return std::nullopt;
  if (!digits.empty() && digits.size() < 9) {
    h.fd = 0;
    for (char c : digits) h.fd = h.fd * 10 + (c - '0');
  }
  h.delimiter = Unquote(rest, escape);
  if (h.delimiter.empty()) return std::nullopt;
  h.expand = rest.find_first_of("'\"") == std::string_view::npos;
  return h;
}

// ---- The parser ------------------------------------------------------------------------------

// One logical instruction: physical lines joined (continuations removed), with a map back to
// file lines.
struct Logical {
  int first_line = 0;
  int last_line = 0;
  int column = 1;
  std::string text;  // first line left-trimmed, continuation lines as written
  LineMap map;
  bool too_long = false;
};

class Parser {
 public:
  Parser(std::string_view text, const ParseOptions& options) : opt_(options) {
    spec_.file = options.file;
    SplitLines(text);
    InitGlobals();
  }

  BuildSpec Run() {
    std::size_t idx = ParseDirectives();
    exp_.escape = spec_.escape;
    exp_.max_bytes = opt_.max_expansion_bytes;
    exp_.max_nesting = opt_.max_nesting;
    exp_.keep_unknown = true;
    std::vector<std::size_t> pending;  // comments waiting for the next instruction
    while (idx < lines_.size()) {
      const Line& line = lines_[idx];
      // Over-long lines go to Assemble, which reports them and skips their instruction.
      if (line.text.size() <= opt_.max_line_bytes) {
        std::string_view t = core::TrimLeft(line.text, kLineSpaces);
        if (t.empty()) {
          pending.clear();
          ++idx;
          continue;
        }
        if (t.front() == '#') {
          pending.push_back(AddComment(line));
          ++idx;
          continue;
        }
      }
      std::vector<std::size_t> inner;
      Logical li = Assemble(idx, inner);
      if (li.too_long) {
        pending.clear();
        continue;
      }
      Instruction ins;
      bool keep = Build(li, 0, li.text, idx, ins, false);
      for (std::size_t c : pending) SetTarget(c, li);
      for (std::size_t c : inner) SetTarget(c, li);
      pending.clear();
      if (keep) Dispatch(std::move(ins));
    }
    if (spec_.stages.empty() && !saw_instruction_) {
      // An empty (or blank) file has no line to point at: the finding names the file only.
      const bool blank = std::all_of(lines_.begin(), lines_.end(), [](const Line& l) {
        return core::Trim(l.text, kLineSpaces).empty();
      });
      AddError(blank ? 0 : 1, blank ? "empty file: no instructions" : "file with no instructions");
    } else if (spec_.stages.empty() && spec_.errors.empty()) {
      AddError(1, "no build stage in the Dockerfile (missing FROM)");
    }
    MarkStageComments();
    SelectTarget();
    return std::move(spec_);
  }

  // Comments right above a FROM learn the last line of that stage (Comment::stage_last).
  void MarkStageComments() {
    std::vector<std::pair<int, int>> stage_lines;  // FROM line, last line; in file order
    for (const auto& st : spec_.stages) {
      int last = std::max(st.origin.line, st.origin.end_line);
      if (!st.instructions.empty()) {
        const auto& back = st.instructions.back().origin;
        last = std::max({last, back.line, back.end_line});
      }
      stage_lines.emplace_back(st.origin.line, last);
    }
    for (auto& c : spec_.comments) {
      auto it = std::lower_bound(stage_lines.begin(), stage_lines.end(),
                                 std::make_pair(c.target_first, 0));
      if (it != stage_lines.end() && it->first == c.target_first) c.stage_last = it->second;
    }
  }

 private:
  // ---- lines ----
  void SplitLines(std::string_view text) {
    if (text.size() >= 3 && std::memcmp(text.data(), "\xEF\xBB\xBF", 3) == 0) text.remove_prefix(3);
    int number = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
      const void* nl = std::memchr(text.data() + pos, '\n', text.size() - pos);
      std::size_t end =
          nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - text.data()) : text.size();
      std::string_view l = text.substr(pos, end - pos);
      if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
      lines_.push_back({l, ++number});
      pos = end + 1;
    }
  }

  void InitGlobals() {
    static constexpr std::pair<std::string_view, std::string_view> kAuto[] = {
        {"BUILDPLATFORM", "linux/amd64"},
        {"BUILDOS", "linux"},
        {"BUILDARCH", "amd64"},
        {"BUILDVARIANT", ""},
        {"TARGETPLATFORM", "linux/amd64"},
        {"TARGETOS", "linux"},
        {"TARGETARCH", "amd64"},
        {"TARGETVARIANT", ""}};
    for (const auto& [k, v] : kAuto) {
      auto it = opt_.build_args.find(std::string(k));
      global_.Set(k, it != opt_.build_args.end() ? it->second : std::string(v), false);
    }
  }

  // `--target`: the stage named (case-insensitively) or numbered by opt_.target becomes the one
  // the image is built from, as with `docker build --target`. Unknown → an error, like BuildKit.
  void SelectTarget() {
    if (opt_.target.empty() || spec_.stages.empty()) return;
    std::string want = opt_.target;
    for (char& c : want) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const auto& st : spec_.stages) {
      if (st.name == want || (st.name.empty() && std::to_string(st.index) == want)) {
        spec_.target = st.index;
        return;
      }
    }
    AddError(1, "target stage \"" + opt_.target + "\" could not be found");
  }

  void AddError(int line, std::string message, std::string path = {}) {
    model::ParseError e;
    e.where.file = opt_.file;
    e.where.line = line;
    e.where.path = std::move(path);
    e.message = std::move(message);
    spec_.errors.push_back(std::move(e));
  }

  std::size_t AddComment(const Line& line) {
    model::Comment c;
    c.line = line.number;
    std::string_view t = core::TrimLeft(line.text, kLineSpaces);
    t.remove_prefix(1);
    c.text = std::string(core::Trim(t, kLineSpaces));
    spec_.comments.push_back(std::move(c));
    return spec_.comments.size() - 1;
  }
  void SetTarget(std::size_t c, const Logical& li) {
    spec_.comments[c].target_first = li.first_line;
    spec_.comments[c].target_last = li.last_line;
  }

  // ---- directives ----
  std::size_t ParseDirectives() {
    std::size_t idx = 0;
    bool seen_syntax = false, seen_escape = false, seen_check = false;
    while (idx < lines_.size()) {
      std::string_view t = core::Trim(lines_[idx].text, kLineSpaces);
      if (t.empty() || t.front() != '#') break;
      t.remove_prefix(1);
      t = core::TrimLeft(t, kLineSpaces);
      std::size_t k = 0;
      if (k >= t.size() || !((t[0] >= 'a' && t[0] <= 'z') || (t[0] >= 'A' && t[0] <= 'Z'))) break;
      while (k < t.size() && ((t[k] >= 'a' && t[k] <= 'z') || (t[k] >= 'A' && t[k] <= 'Z') ||
                              (t[k] >= '0' && t[k] <= '9'))) {
        ++k;
      }
      std::string key = Lower(t.substr(0, k));
      std::string_view rest = core::TrimLeft(t.substr(k), kLineSpaces);
      if (rest.empty() || rest.front() != '=') break;
      std::string_view value = core::Trim(rest.substr(1), kLineSpaces);
      if (value.empty()) break;
      bool* seen = key == "syntax"   ? &seen_syntax
                   : key == "escape" ? &seen_escape
                   : key == "check"  ? &seen_check
                                     : nullptr;
      if (seen == nullptr) break;
      int number = lines_[idx].number;
      ++idx;
      if (*seen) {
        AddError(number, "only one " + key + " parser directive can be used");
        continue;
      }
      *seen = true;
      if (key == "syntax") {
        spec_.syntax = std::string(value);
      } else if (key == "escape") {
        if (value == "`" || value == "\\") {
          spec_.escape = value.front();
        } else {
          AddError(number, "invalid escape token '" + Abbrev(value) + "' does not match ` or \\");
        }
      }
    }
    // `#!` first line followed by `# syntax=` (syntax detection only).
    if (!seen_syntax && idx == 0 && lines_.size() > 1 &&
        core::TrimLeft(lines_[0].text, kLineSpaces).substr(0, 2) == "#!") {
      std::string_view t = core::Trim(lines_[1].text, kLineSpaces);
      if (t.substr(0, 1) == "#") {
        t = core::TrimLeft(t.substr(1), kLineSpaces);
        if (IEquals(t.substr(0, 6), "syntax")) {
          std::string_view rest = core::TrimLeft(t.substr(6), kLineSpaces);
          if (!rest.empty() && rest.front() == '=') {
            spec_.syntax = std::string(core::Trim(rest.substr(1), kLineSpaces));
          }
        }
      }
    }
    return idx;
  }

  // ---- continuation ----
  // If `l` ends with a continuation (BuildKit: `([^\\])\\[ \t]*$|^\\[ \t]*$`), returns true and
  // trims it (keeping the char before the escape).
  bool TrimContinuation(std::string_view& l) const {
    std::size_t n = l.size();
    while (n > 0 && IsBlank(l[n - 1])) --n;
    if (n == 0 || l[n - 1] != spec_.escape) return false;
    if (n >= 2 && l[n - 2] == spec_.escape) return false;
    l = l.substr(0, n - 1);
    return true;
  }

  Logical Assemble(std::size_t& idx, std::vector<std::size_t>& inner) {
    Logical li;
    const Line& first = lines_[idx];
    li.first_line = li.last_line = first.number;
    std::string_view t = core::TrimLeft(first.text, kLineSpaces);
    li.column = static_cast<int>(first.text.size() - t.size()) + 1;
    if (first.text.size() > opt_.max_line_bytes) {
      li.too_long = true;
      AddError(first.number,
               "line is longer than " + std::to_string(opt_.max_line_bytes) + " bytes");
      t = std::string_view();
    }
    bool cont = TrimContinuation(t);
    if (!li.too_long) {
      li.map.marks.emplace_back(0, first.number);
      li.text.append(t);
    }
    ++idx;
    while (cont && idx < lines_.size()) {
      const Line& l = lines_[idx];
      ++idx;
      li.last_line = l.number;
      if (l.text.size() > opt_.max_line_bytes) {
        if (!li.too_long) {
          AddError(l.number,
                   "line is longer than " + std::to_string(opt_.max_line_bytes) + " bytes");
        }
        li.too_long = true;
        std::string_view tail =
            l.text.substr(l.text.size() - std::min<std::size_t>(4, l.text.size()));
        cont = TrimContinuation(tail);
        continue;
      }
      std::string_view lt = core::TrimLeft(l.text, kLineSpaces);
      if (!lt.empty() && lt.front() == '#') {
        inner.push_back(AddComment(l));
        continue;
      }
      if (lt.empty()) continue;  // empty continuation line (NoEmptyContinuation warning)
      std::string_view seg = l.text;
      cont = TrimContinuation(seg);
      if (!li.too_long) {
        li.map.marks.emplace_back(li.text.size(), l.number);
        li.text.append(seg);
      }
    }
    if (li.too_long) li.text.clear();
    return li;
  }

  // ---- instruction building ----
  std::string PathFor(std::string_view keyword, bool trigger) const {
    std::string p;
    if (spec_.stages.empty()) {
      p = "global";
    } else {
      const auto& st = spec_.stages.back();
      p = "stage ";
      if (!st.name.empty()) {
        p += st.name;
        p += " (#" + std::to_string(st.index) + ")";
      } else {
        p += "#" + std::to_string(st.index);
      }
    }
    if (trigger) p += " ONBUILD";
    p += ' ';
    p += keyword;
    return p;
  }

  void ErrorAt(const Instruction& ins, std::string message) {
    AddError(ins.origin.line, std::move(message), ins.origin.path);
  }

  // Expands `word` with `scope`; on error records it and returns the word unquoted.
  std::string ExpandWord(std::string_view word, const VarSource& scope, const Instruction& ins,
                         bool& ok) {
    auto r = Expand(word, scope, exp_);
    if (r) return std::move(*r);
    ok = false;
    ErrorAt(ins, "failed to process \"" + Abbrev(word) + "\": " + r.error().message);
    return std::string();
  }

  // Triggers run in a child build whose variables are unknown here: nothing is substituted.
  const VarSource& CurrentScope() const {
    if (in_trigger_) return no_vars_;
    return spec_.stages.empty() ? static_cast<const VarSource&>(global_)
                                : static_cast<const VarSource&>(stage_);
  }

  // Builds `ins` from `text` (keyword + rest). `text_off` is the offset of `text` in li.text.
  // Returns false when the instruction must be dropped (errors recorded).
  bool Build(Logical& li, std::size_t text_off, std::string_view text, std::size_t& idx,
             Instruction& ins, bool trigger) {
    std::size_t kw_end = 0;
    while (kw_end < text.size() && !IsSpace(text[kw_end])) ++kw_end;
    std::string keyword = Upper(text.substr(0, kw_end));
    std::size_t rest_off = kw_end;
    while (rest_off < text.size() && IsSpace(text[rest_off])) ++rest_off;
    std::string_view rest = core::TrimRight(text.substr(rest_off), kLineSpaces);
    ins.keyword = keyword;
    ins.origin.file = opt_.file;
    ins.origin.line = li.first_line;
    ins.origin.column = li.column;
    ins.origin.end_line = li.last_line;
    ins.origin.path = keyword == "FROM" && !trigger
                          ? "stage #" + std::to_string(spec_.stages.size()) + " FROM"
                          : PathFor(keyword, trigger);
    ins.original = std::string(rest);
    saw_instruction_ = true;

    const InstrSpec* spec = FindInstr(keyword);
    if (spec == nullptr) {
      ErrorAt(ins, "unknown instruction: " + Abbrev(keyword));
      return false;
    }
    // Flags.
    std::vector<std::string> flag_words;
    std::size_t args_off = ExtractFlagWords(rest, flag_words);
    std::string_view args = rest.substr(args_off);
    ins.args_text = std::string(args);
    bool ok = true;
    for (const std::string& w : flag_words) {
      std::string_view a = w;
      if (a.substr(0, 2) != "--") {
        ErrorAt(ins, "invalid flag format: " + Abbrev(a));
        ok = false;
        continue;
      }
      a.remove_prefix(2);
      std::size_t eq = a.find('=');
      std::string name(a.substr(0, eq));
      const FlagSpec* fs = nullptr;
      for (std::size_t k = 0; k < spec->flag_count; ++k) {
        if (spec->flags[k].name == name) fs = &spec->flags[k];
      }
      if (fs == nullptr) {
        ErrorAt(ins, "unknown flag: " + Abbrev(name));
        ok = false;
        continue;
      }
      if (!fs->repeatable && ins.FindFlag(name) != nullptr) {
        ErrorAt(ins, "duplicate flag specified: " + name);
        ok = false;
        continue;
      }
      model::Flag f;
      f.name = name;
      if (eq != std::string_view::npos) {
        f.has_value = true;
        f.value = std::string(a.substr(eq + 1));
      }
      if (fs->boolean) {
        if (f.has_value && !IEquals(f.value, "true") && !IEquals(f.value, "false")) {
          ErrorAt(ins, "expecting boolean value for flag " + name + ", not: " + Abbrev(f.value));
          ok = false;
          continue;
        }
      } else if (!f.has_value) {
        ErrorAt(ins, "missing a value on flag: " + name);
        ok = false;
        continue;
      }
      ins.flags.push_back(std::move(f));
    }

    // ONBUILD wraps one instruction.
    if (keyword == "ONBUILD") {
      if (trigger) {
        ErrorAt(ins, "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
        return false;
      }
      std::string_view inner = core::TrimLeft(args, kLineSpaces);
      if (inner.empty()) {
        ErrorAt(ins, "ONBUILD requires at least one argument");
        return false;
      }
      std::size_t inner_kw = 0;
      while (inner_kw < inner.size() && !IsSpace(inner[inner_kw])) ++inner_kw;
      std::string ik = Upper(inner.substr(0, inner_kw));
      if (ik == "ONBUILD") {
        ErrorAt(ins, "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
        return false;
      }
      if (ik == "FROM" || ik == "MAINTAINER") {
        ErrorAt(ins, ik + " isn't allowed as an ONBUILD trigger");
        return false;
      }
      auto t = std::make_shared<Instruction>();
      std::size_t off =
          text_off + rest_off + args_off + static_cast<std::size_t>(inner.data() - args.data());
      in_trigger_ = true;
      bool built = Build(li, off, inner, idx, *t, true);
      in_trigger_ = false;
      if (!built) return false;
      ins.args.push_back(t->keyword);
      ins.origin.end_line = t->origin.end_line;
      ins.trigger = std::move(t);
      return ok;
    }

    std::size_t abs_args_off = text_off + rest_off + args_off;
    // Exec form.
    std::vector<std::string> json;
    JsonForm form = JsonForm::kNotJson;
    bool json_capable = keyword == "RUN" || keyword == "CMD" || keyword == "ENTRYPOINT" ||
                        keyword == "SHELL" || keyword == "ADD" || keyword == "COPY" ||
                        keyword == "VOLUME";
    if (json_capable) {
      form = ParseJsonArray(args, json);
      if (form == JsonForm::kNonString) {
        ErrorAt(ins, "when using JSON array syntax, arrays must be comprised of strings only");
        return false;
      }
    }
    // Heredocs.
    if (AllowsHeredoc(keyword) && form != JsonForm::kStrings &&
        args.find("<<") != std::string_view::npos) {
      for (std::string_view w : SplitWords(args, spec_.escape)) {
        auto h = MatchHeredoc(w, spec_.escape);
        if (!h) continue;
        model::Heredoc doc;
        doc.delimiter = h->delimiter;
        doc.expand = h->expand;
        doc.strip_tabs = h->strip_tabs;
        doc.fd = h->fd;
        doc.line = idx < lines_.size() ? lines_[idx].number : li.last_line + 1;
        bool terminated = false;
        while (idx < lines_.size()) {
          const Line& l = lines_[idx++];
          li.last_line = l.number;
          std::string_view body = l.text;
          if (doc.strip_tabs) {
            while (!body.empty() && body.front() == '\t') body.remove_prefix(1);
          }
          if (body == doc.delimiter) {
            terminated = true;
            break;
          }
          if (body.size() > opt_.max_line_bytes) {
            AddError(l.number,
                     "line is longer than " + std::to_string(opt_.max_line_bytes) + " bytes");
            ok = false;
            continue;
          }
          doc.body.append(body);
          doc.body += '\n';
        }
        if (!terminated) {
          ErrorAt(ins, "unterminated heredoc");
          ok = false;
        }
        ins.heredocs.push_back(std::move(doc));
      }
      ins.origin.end_line = li.last_line;
    }
    if (!ok) return false;

    if (form == JsonForm::kStrings) {
      ins.exec_form = true;
      ins.args = std::move(json);
    }
    return Fill(li, abs_args_off, ins, trigger);
  }

  LineMap SubMap(const Logical& li, std::size_t off) const {
    LineMap m;
    const auto& marks = li.map.marks;
    int base = li.first_line;
    for (const auto& [o, line] : marks) {
      if (o <= off) {
        base = line;
      } else {
        break;
      }
    }
    m.marks.emplace_back(0, base);
    for (const auto& [o, line] : marks) {
      if (o > off) m.marks.emplace_back(o - off, line);
    }
    return m;
  }

  // Per-instruction arguments; returns false to drop the instruction.
  bool Fill(Logical& li, std::size_t args_off, Instruction& ins, bool trigger) {
    const std::string& kw = ins.keyword;
    const std::string_view args = ins.args_text;
    const VarSource& scope =
        (kw == "FROM") ? static_cast<const VarSource&>(global_) : CurrentScope();
    bool ok = true;
    // Flag values BuildKit expands.
    for (auto& f : ins.flags) {
      if (!f.has_value) continue;
      if (f.name == "platform" || f.name == "from" || f.name == "chown" || f.name == "chmod" ||
          f.name == "checksum" || f.name == "exclude") {
        f.value = ExpandWord(f.value, scope, ins, ok);
      }
    }
    if (!ok) return false;

    if (kw == "RUN" || kw == "CMD" || kw == "ENTRYPOINT") {
      if (!ins.exec_form) {
        const std::vector<std::string_view> words = SplitWords(args, spec_.escape);
        ins.args.reserve(words.size());
        for (std::string_view w : words) ins.args.push_back(Unquote(w, spec_.escape));
      }
      if (kw == "RUN" && !ParseMounts(ins)) return false;
      BuildScript(li, args_off, ins);
      return true;
    }
    if (kw == "SHELL") {
      if (!ins.exec_form) {
        ErrorAt(ins, "SHELL requires the arguments to be in JSON form");
        return false;
      }
      if (ins.args.empty()) {
        ErrorAt(ins, "SHELL requires at least one argument");
        return false;
      }
      if (!trigger) shell_ = ins.args;
      return true;
    }
    if (kw == "HEALTHCHECK") {
      std::vector<std::string_view> words = SplitWords(args, spec_.escape);
      if (words.empty()) {
        ErrorAt(ins, "HEALTHCHECK requires an argument");
        return false;
      }
      std::string type = Upper(words[0]);
      if (type == "NONE") {
        if (words.size() > 1) {
          ErrorAt(ins, "HEALTHCHECK NONE takes no arguments");
          return false;
        }
        ins.args = {"NONE"};
        return true;
      }
      if (type != "CMD") {
        ErrorAt(ins, "Unknown type \"" + Abbrev(words[0]) + "\" in HEALTHCHECK (try CMD)");
        return false;
      }
      std::size_t cmd_off =
          static_cast<std::size_t>(words[0].data() - args.data()) + words[0].size();
      std::string_view cmd = args.substr(cmd_off);
      std::size_t lead = cmd.size() - core::TrimLeft(cmd, kLineSpaces).size();
      cmd = core::TrimLeft(cmd, kLineSpaces);
      if (cmd.empty()) {
        ErrorAt(ins, "HEALTHCHECK CMD requires an argument");
        return false;
      }
      std::vector<std::string> json;
      JsonForm form = ParseJsonArray(cmd, json);
      if (form == JsonForm::kNonString) {
        ErrorAt(ins, "when using JSON array syntax, arrays must be comprised of strings only");
        return false;
      }
      ins.args = {"CMD"};
      if (form == JsonForm::kStrings) {
        ins.exec_form = true;
        for (auto& s : json) ins.args.push_back(std::move(s));
      } else {
        ins.args.emplace_back(cmd);
        std::size_t off = args_off + cmd_off + lead;
        LineMap map = SubMap(li, off);
        SplitShell(cmd, map, CurrentScope(), ins.script, spec_.escape);
        ins.script.text = std::string(cmd);
        if (ShellArgsSetPipefail(shell_)) ins.script.sets_pipefail = true;
      }
      return true;
    }
    if (kw == "ENV" || kw == "LABEL") return FillPairs(ins, trigger);
    if (kw == "ARG") return FillArg(ins, trigger);
    if (kw == "USER" || kw == "WORKDIR" || kw == "STOPSIGNAL") {
      if (args.empty()) {
        ErrorAt(ins, kw + " requires exactly one argument");
        return false;
      }
      ins.args.push_back(ExpandWord(args, scope, ins, ok));
      return ok;
    }
    if (kw == "MAINTAINER") {
      if (args.empty()) {
        ErrorAt(ins, "MAINTAINER requires exactly one argument");
        return false;
      }
      ins.args.emplace_back(args);
      return true;
    }
    if (kw == "EXPOSE" || kw == "VOLUME" || kw == "COPY" || kw == "ADD") {
      if (!ins.exec_form) {
        for (std::string_view w : SplitWords(args, spec_.escape)) {
          ins.args.push_back(ExpandWord(w, scope, ins, ok));
        }
      } else {
        for (auto& a : ins.args) a = ExpandWord(a, scope, ins, ok);
      }
      if (!ok) return false;
      if (ins.args.empty()) {
        ErrorAt(ins, kw + " requires at least one argument");
        return false;
      }
      if ((kw == "COPY" || kw == "ADD") && ins.args.size() < 2) {
        ErrorAt(ins, kw + " requires at least two arguments");
        return false;
      }
      return true;
    }
    if (kw == "FROM") return FillFrom(ins);
    return true;
  }

  bool ParseMounts(Instruction& ins) {
    bool ok = true;
    for (const auto& f : ins.flags) {
      if (f.name != "mount") continue;
      model::Mount m;
      // CSV fields, double quotes allowed.
      std::vector<std::string> fields;
      std::string cur;
      bool quoted = false;
      for (char c : f.value) {
        if (c == '"') {
          quoted = !quoted;
        } else if (c == ',' && !quoted) {
          fields.push_back(std::move(cur));
          cur.clear();
        } else {
          cur += c;
        }
      }
      fields.push_back(std::move(cur));
      for (const std::string& field : fields) {
        if (field.empty()) continue;
        std::size_t eq = field.find('=');
        std::string key = Lower(core::Trim(std::string_view(field).substr(0, eq), kLineSpaces));
        std::string raw = eq == std::string::npos ? std::string() : field.substr(eq + 1);
        std::string value = raw;
        if (key != "from" && eq != std::string::npos) {
          value = ExpandWord(raw, CurrentScope(), ins, ok);
        }
        m.options[key] = raw;
        if (key == "type") {
          if (value != "bind" && value != "cache" && value != "tmpfs" && value != "secret" &&
              value != "ssh") {
            ErrorAt(ins, "unsupported mount type \"" + Abbrev(value) + "\"");
            ok = false;
          }
          m.type = value;
        } else if (key == "target" || key == "dst" || key == "destination") {
          m.target = value;
        } else if (key == "source" || key == "src") {
          m.source = value;
        } else if (key == "from") {
          m.from = value;
        } else if (key == "id") {
          m.id = value;
        } else if (key == "env") {
          m.env = value;
        } else if (key == "ro" || key == "readonly" || key == "rw" || key == "readwrite" ||
                   key == "sharing" || key == "required" || key == "size" || key == "mode" ||
                   key == "uid" || key == "gid") {
          // kept in options
        } else {
          ErrorAt(ins, "unexpected key '" + Abbrev(key) + "' in '" + Abbrev(field) + "'");
          ok = false;
        }
      }
      if (m.type == "secret") {
        if (m.id.empty() && m.source.empty() && m.target.empty() && m.env.empty()) {
          ErrorAt(ins, "invalid secret mount: one of id, source or target required");
          ok = false;
        }
        if (m.id.empty()) {
          if (!m.source.empty()) {
            m.id = m.source;
          } else if (!m.target.empty()) {
            std::size_t slash = m.target.rfind('/');
            m.id = slash == std::string::npos ? m.target : m.target.substr(slash + 1);
          }
        }
        if (m.target.empty() && m.env.empty()) m.target = "/run/secrets/" + m.id;
      }
      ins.mounts.push_back(std::move(m));
    }
    return ok;
  }

  void BuildScript(Logical& li, std::size_t args_off, Instruction& ins) {
    const VarSource& vars = CurrentScope();
    model::ShellScript& script = ins.script;
    if (ins.exec_form) {
      const auto& a = ins.args;
      // ["sh", "-c", "script"] -> split the script; otherwise one command from argv.
      std::string name = a.empty() ? std::string() : a[0].substr(a[0].rfind('/') + 1);
      if (a.size() >= 3 && IsShellInterpreter(name)) {
        for (std::size_t k = 1; k + 1 < a.size(); ++k) {
          if (a[k].size() >= 2 && a[k][0] == '-' && a[k].find('c') != std::string::npos) {
            LineMap map;
            map.marks.emplace_back(0, li.first_line);
            SplitShell(a[k + 1], map, vars, script);
            script.text = a[k + 1];
            if (ShellArgsSetPipefail(a)) script.sets_pipefail = true;
            return;
          }
        }
      }
      model::ShellCommand cmd;
      cmd.line = li.first_line;
      for (const auto& s : a) {
        cmd.words.push_back(model::ShellWord{s, s, true, li.first_line});
      }
      if (!cmd.words.empty()) script.commands.push_back(std::move(cmd));
      for (std::size_t k = 0; k < a.size(); ++k) {
        if (k) script.text += ' ';
        script.text += a[k];
      }
      return;
    }
    std::string_view args = ins.args_text;
    LineMap map = SubMap(li, args_off);
    SplitShell(args, map, vars, script, spec_.escape);
    script.text = std::string(args);
    if (!ins.heredocs.empty()) {
      bool only_heredoc = script.commands.empty();
      std::string interp = script.commands.empty() ? std::string() : script.commands[0].Name();
      for (const auto& h : ins.heredocs) {
        script.text += '\n';
        script.text += h.body;
        script.text += h.delimiter;
      }
      const model::Heredoc& h = ins.heredocs.front();
      bool feeds_shell = false;
      if (only_heredoc) {
        feeds_shell = true;
        if (h.body.substr(0, 2) == "#!") {
          std::string_view first(h.body);
          first = first.substr(2, first.find('\n') - 2);
          std::vector<std::string_view> w = SplitWords(core::Trim(first, kLineSpaces), '\\');
          std::string_view prog = w.empty() ? std::string_view() : w[0];
          prog = prog.substr(prog.rfind('/') + 1);
          if (prog == "env" && w.size() > 1) prog = w[1];
          feeds_shell = IsShellInterpreter(prog);
        }
        script.text = h.body;
      } else if (IsShellInterpreter(interp) && (h.fd == -1 || h.fd == 0) &&
                 !script.commands[0].HasFlag("-c")) {
        feeds_shell = true;
      }
      if (feeds_shell) {
        LineMap body_map;
        body_map.marks.emplace_back(0, h.line);
        SplitShell(h.body, body_map, vars, script, spec_.escape);
      }
    }
    if (ShellArgsSetPipefail(shell_)) script.sets_pipefail = true;
  }

  bool FillPairs(Instruction& ins, bool trigger) {
    const std::string_view args = ins.args_text;
    const bool env = ins.keyword == "ENV";
    const VarSource& scope = CurrentScope();
    bool ok = true;
    std::vector<std::string_view> words = SplitWords(args, spec_.escape);
    if (words.empty()) {
      ErrorAt(ins, ins.keyword + " requires at least one argument");
      return false;
    }
    if (words[0].find('=') == std::string_view::npos) {
      // Legacy `ENV key value…`.
      if (words.size() < 2) {
        ErrorAt(ins, ins.keyword + " must have two arguments");
        return false;
      }
      std::size_t value_off = static_cast<std::size_t>(words[1].data() - args.data());
      std::string value = ExpandWord(args.substr(value_off), scope, ins, ok);
      ins.pairs.emplace_back(Unquote(words[0], spec_.escape), std::move(value));
    } else {
      // Syntax first (BuildKit's parser), then expansion (its dispatcher).
      for (std::string_view w : words) {
        std::size_t eq = w.find('=');
        if (eq == std::string_view::npos) {
          ErrorAt(ins, "Syntax error - can't find = in \"" + Abbrev(w) +
                           "\". Must be of the form: name=value");
          return false;
        }
        if (eq == 0) {
          ErrorAt(ins, ins.keyword + " names can not be blank");
          return false;
        }
      }
      for (std::string_view w : words) {
        std::size_t eq = w.find('=');
        std::string key = Unquote(w.substr(0, eq), spec_.escape);
        if (key.empty()) {
          ErrorAt(ins, ins.keyword + " names can not be blank");
          return false;
        }
        ins.pairs.emplace_back(std::move(key), ExpandWord(w.substr(eq + 1), scope, ins, ok));
      }
    }
    if (!ok) return false;
    for (const auto& [k, v] : ins.pairs) ins.args.push_back(k + "=" + v.value_or(""));
    if (env && !trigger && !spec_.stages.empty()) {
      for (const auto& [k, v] : ins.pairs) stage_.Set(k, v, true);
    }
    return true;
  }

  bool FillArg(Instruction& ins, bool trigger) {
    const std::string_view args = ins.args_text;
    const bool global = spec_.stages.empty();
    bool ok = true;
    std::vector<std::string_view> words = SplitWords(args, spec_.escape);
    if (words.empty()) {
      ErrorAt(ins, "ARG requires at least one argument");
      return false;
    }
    // Global ARGs apply one by one (BuildKit's meta-arg loop); inside a stage all values of one
    // instruction are expanded against the state before it (one snapshot per instruction).
    for (std::string_view w : words) {
      std::size_t eq = w.find('=');
      std::string name = Unquote(w.substr(0, eq), spec_.escape);
      if (name.empty()) {
        ErrorAt(ins, "ARG names can not be blank");
        return false;
      }
      std::optional<std::string> value;
      if (eq != std::string_view::npos) {
        value =
            ExpandWord(w.substr(eq + 1),
                       global ? static_cast<const VarSource&>(global_) : CurrentScope(), ins, ok);
      } else if (!global && !trigger) {
        if (const std::string* g = global_.Get(name)) value = *g;
      }
      auto ba = opt_.build_args.find(name);
      if (ba != opt_.build_args.end() && !trigger) value = ba->second;
      if (global && !trigger) global_.Set(name, value, false);
      ins.pairs.emplace_back(std::move(name), std::move(value));
    }
    if (!global && !trigger) {
      for (const auto& [k, v] : ins.pairs) stage_.Set(k, v, false);
    }
    if (!ok) return false;
    for (const auto& [k, v] : ins.pairs) ins.args.push_back(v ? k + "=" + *v : k);
    return true;
  }

  bool FillFrom(Instruction& ins) {
    std::vector<std::string_view> words = SplitWords(ins.args_text, spec_.escape);
    if (!(words.size() == 1 || (words.size() == 3 && IEquals(words[1], "AS")))) {
      ErrorAt(ins, "FROM requires either one or three arguments");
      return false;
    }
    bool ok = true;
    model::Stage st;
    st.index = static_cast<int>(spec_.stages.size());
    st.base_text = std::string(words[0]);
    std::string base = ExpandWord(words[0], global_, ins, ok);
    if (!ok) return false;
    if (words.size() == 3) {
      st.name = Lower(Unquote(words[2], spec_.escape));
      if (!ValidStageName(st.name)) {
        ErrorAt(ins, "invalid name for build stage: \"" + Abbrev(st.name) +
                         "\", name can't start with a number or contain symbols");
        return false;
      }
    }
    if (const auto* p = ins.FindFlag("platform")) st.platform = p->value;
    st.platform_text = RawFlagValue(ins, "platform");
    st.scratch = base == "scratch";
    st.base = model::ParseImageRef(base);
    std::string lower = Lower(base);
    auto it = stage_names_.find(lower);
    if (it != stage_names_.end()) {
      st.base_stage = it->second;
    } else if (!lower.empty() && lower.size() < 9 &&
               std::all_of(lower.begin(), lower.end(),
                           [](char c) { return c >= '0' && c <= '9'; })) {
      int n = std::stoi(lower);
      if (n < st.index) st.base_stage = n;
    }
    st.origin = ins.origin;
    ins.args = {base};
    if (!st.name.empty()) {
      ins.args.push_back("AS");
      ins.args.push_back(st.name);
      stage_names_.emplace(st.name, st.index);  // first definition wins
    }
    spec_.stages.push_back(std::move(st));
    spec_.stages.back().origin.path = PathFor("FROM", false);
    stage_.Clear();
    shell_ = {"/bin/sh", "-c"};
    return true;
  }

  void Dispatch(Instruction ins) {
    if (ins.keyword == "FROM") return;  // the stage itself
    if (spec_.stages.empty()) {
      if (ins.keyword == "ARG") {
        spec_.global_args.push_back(std::move(ins));
      } else {
        ErrorAt(ins, "no build stage in current context");
      }
      return;
    }
    spec_.stages.back().instructions.push_back(std::move(ins));
  }

  const ParseOptions& opt_;
  BuildSpec spec_;
  std::vector<Line> lines_;
  ExpandOptions exp_;
  Scope global_;
  Scope stage_;
  std::vector<std::string> shell_ = {"/bin/sh", "-c"};
  std::unordered_map<std::string, int> stage_names_;
  bool saw_instruction_ = false;
  bool in_trigger_ = false;
  NoVars no_vars_;
};

}  // namespace

model::BuildSpec Parse(std::string_view text, const ParseOptions& options) {
  return Parser(text, options).Run();
}

}  // namespace drydock::sources::dockerfile
