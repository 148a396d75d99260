// SPDX-License-Identifier: Apache-2.0
#include "secrets/artefacts.h"

#include <algorithm>
#include <array>
#include <string>

#include "core/strings.h"

namespace drydock::secrets {
namespace {

using core::Contains;
using core::EndsWith;
using core::Lower;

constexpr std::size_t npos = std::string_view::npos;

std::string_view BaseName(std::string_view path) {
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  const std::size_t slash = path.rfind('/');
  return slash == npos ? path : path.substr(slash + 1);
}

// The line starting at `pos`: [pos, end of line) without the newline.
std::string_view LineAt(std::string_view text, std::size_t pos) {
  const std::size_t nl = text.find('\n', pos);
  return text.substr(pos, (nl == npos ? text.size() : nl) - pos);
}

std::size_t NextLine(std::string_view text, std::size_t pos) {
  const std::size_t nl = text.find('\n', pos);
  return nl == npos ? text.size() : nl + 1;
}

// ---- detect-secrets baseline (JSON) ----------------------------------------------------------

bool LooksLikeBaseline(std::string_view base, std::string_view content) {
  if (base == ".secrets.baseline") return true;
  const std::string_view body = core::TrimLeft(content);
  return body.starts_with("{") && Contains(content, "\"results\"") &&
         Contains(content, "\"hashed_secret\"") &&
         (Contains(content, "\"plugins_used\"") || Contains(content, "\"generated_at\""));
}

// The end of the JSON string starting at `pos` (a '"'): one past its closing quote.
std::size_t JsonStringEnd(std::string_view text, std::size_t pos) {
  for (std::size_t i = pos + 1; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == '"') {
      return i + 1;
    }
  }
  return text.size();
}

// The end of the JSON value starting at `pos`: a string, or an array / object (strings inside
// are skipped), or a scalar up to the next ',', '}', ']' or newline.
std::size_t JsonValueEnd(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return pos;
  if (text[pos] == '"') return JsonStringEnd(text, pos);
  if (text[pos] == '[' || text[pos] == '{') {
    int depth = 0;
    std::size_t i = pos;
    while (i < text.size()) {
      const char c = text[i];
      if (c == '"') {
        i = JsonStringEnd(text, i);
        continue;
      }
      if (c == '[' || c == '{') ++depth;
      if ((c == ']' || c == '}') && --depth == 0) return i + 1;
      ++i;
    }
    return text.size();
  }
  const std::size_t end = text.find_first_of(",}]\n", pos);
  return end == npos ? text.size() : end;
}

void BaselineSpans(std::string_view text, std::vector<ByteSpan>& out) {
  static constexpr auto kKeys = std::to_array<std::string_view>(
      {"\"hashed_secret\"", "\"pattern\"", "\"files\"", "\"lines\""});
  for (std::string_view key : kKeys) {
    std::size_t at = 0;
    while ((at = text.find(key, at)) != npos) {
      std::size_t i = at + key.size();
      at = i;
      while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
      if (i >= text.size() || text[i] != ':') continue;
      ++i;
      while (i < text.size() && core::kSpaces.find(text[i]) != npos) ++i;
      out.push_back({i, JsonValueEnd(text, i)});
    }
  }
}

// ---- gitleaks config (TOML) ------------------------------------------------------------------

// A gitleaks table header: "[[rules]]", "[allowlist]", … (blanks inside the brackets ignored).
bool IsGitleaksHeader(std::string_view line) {
  std::string h;
  for (char c : core::TrimLine(line)) {
    if (c == '#') break;
    if (c != ' ' && c != '\t') h.push_back(core::AsciiLower(c));
  }
  return core::In(
      h, {"[[rules]]", "[allowlist]", "[[allowlists]]", "[rules.allowlist]", "[[rules.allowlists]]",
          "[extend]", "[whitelist]", "[rules.whitelist]", "[[rules.whitelist]]"});
}

bool LooksLikeGitleaksConfig(std::string_view base, std::string_view content) {
  const std::string lower_base = Lower(base);
  if (!EndsWith(lower_base, ".toml") && !Contains(lower_base, "gitleaks")) return false;
  for (std::size_t pos = 0; pos < content.size(); pos = NextLine(content, pos)) {
    if (IsGitleaksHeader(LineAt(content, pos))) return true;
  }
  return false;
}

// The end of the TOML value starting at `pos`: strings of all four kinds (multi-line ones may
// span lines), arrays and inline tables (nested, with strings and comments inside), or a bare
// scalar up to a comment or the end of the line.
std::size_t TomlValueEnd(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return pos;
  const std::string_view rest = text.substr(pos);
  if (rest.starts_with("'''") || rest.starts_with("\"\"\"")) {
    const std::string_view delim = rest.substr(0, 3);
    std::size_t i = pos + 3;
    while (i < text.size()) {
      if (delim[0] == '"' && text[i] == '\\') {
        i += 2;
        continue;
      }
      if (text.substr(i, 3) == delim) {
        i += 3;
        while (i < text.size() && text[i] == delim[0]) ++i;  // up to two quotes of content
        return i;
      }
      ++i;
    }
    return text.size();
  }
  if (text[pos] == '\'' || text[pos] == '"') {
    const char q = text[pos];
    for (std::size_t i = pos + 1; i < text.size(); ++i) {
      if (q == '"' && text[i] == '\\') {
        ++i;
      } else if (text[i] == q || text[i] == '\n') {
        return i + 1;
      }
    }
    return text.size();
  }
  if (text[pos] == '[' || text[pos] == '{') {
    const char close = text[pos] == '[' ? ']' : '}';
    std::size_t i = pos + 1;
    while (i < text.size()) {
      const char c = text[i];
      if (c == close) return i + 1;
      if (c == '#') {
        i = NextLine(text, i);
      } else if (c == '\'' || c == '"' || c == '[' || c == '{') {
        i = TomlValueEnd(text, i);
      } else {
        ++i;
      }
    }
    return text.size();
  }
  const std::size_t end = text.find_first_of("#\n", pos);
  return end == npos ? text.size() : end;
}

void GitleaksSpans(std::string_view text, std::vector<ByteSpan>& out) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    // At the start of a line, outside any value.
    std::size_t i = pos;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    const std::size_t key_begin = i;
    while (i < text.size() && (core::IsAsciiAlnum(text[i]) || text[i] == '_' || text[i] == '-' ||
                               text[i] == '.' || text[i] == '"' || text[i] == '\'')) {
      ++i;
    }
    std::string_view key = text.substr(key_begin, i - key_begin);
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    if (key.empty() || i >= text.size() || text[i] != '=') {
      pos = NextLine(text, pos);
      continue;
    }
    ++i;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    const std::size_t end = TomlValueEnd(text, i);
    // A dotted key (`rules.allowlist.regexes`) counts by its last part; quotes are dropped.
    if (const std::size_t dot = key.rfind('.'); dot != npos) key.remove_prefix(dot + 1);
    const std::string name = Lower(core::Trim(key, "\"'"));
    if (core::In(name, {"regex", "regexes", "stopwords", "paths", "path", "commits", "keywords",
                        "secretgroup"})) {
      out.push_back({i, end});
    }
    pos = NextLine(text, end > i ? end - 1 : i);
  }
}

// ---- .gitleaksignore -------------------------------------------------------------------------

void GitleaksIgnoreSpans(std::string_view text, std::vector<ByteSpan>& out) {
  for (std::size_t pos = 0; pos < text.size(); pos = NextLine(text, pos)) {
    const std::string_view line = LineAt(text, pos);
    const std::string_view t = core::TrimLine(line);
    if (t.empty() || t.front() == '#') continue;
    const bool blanks = t.find_first_of(" \t") != npos;
    const auto colons = std::count(t.begin(), t.end(), ':');
    if (!blanks && colons >= 2) out.push_back({pos, pos + line.size()});
  }
}

// ---- trufflehog config (YAML) ----------------------------------------------------------------

bool LooksLikeTrufflehogConfig(std::string_view base, std::string_view content) {
  const std::string lower_base = Lower(base);
  if (!EndsWith(lower_base, ".yaml") && !EndsWith(lower_base, ".yml")) return false;
  bool detectors = false;
  for (std::size_t pos = 0; pos < content.size(); pos = NextLine(content, pos)) {
    if (core::TrimRight(LineAt(content, pos), " \t\r") == "detectors:") {
      detectors = true;
      break;
    }
  }
  return detectors && Contains(content, "keywords:") && Contains(content, "regex:");
}

std::size_t Indent(std::string_view line) {
  std::size_t n = 0;
  while (n < line.size() && line[n] == ' ') ++n;
  return n;
}

void TrufflehogSpans(std::string_view text, std::vector<ByteSpan>& out) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::string_view line = LineAt(text, pos);
    // The key column: past the indentation and any "- " sequence-item markers.
    std::size_t col = Indent(line);
    while (col + 1 < line.size() && line[col] == '-' && line[col + 1] == ' ') {
      col += 2;
      while (col < line.size() && line[col] == ' ') ++col;
    }
    const std::size_t colon = line.find(':', col);
    const std::string_view key =
        colon == npos ? std::string_view() : core::Trim(line.substr(col, colon - col), " \t\"'");
    if (!core::In(key, {"keywords", "regex", "exclude_words", "exclude_regexes_capture",
                        "exclude_regexes_match"})) {
      pos = NextLine(text, pos);
      continue;
    }
    const std::size_t begin = pos + colon + 1;
    std::size_t end = pos + line.size();
    std::size_t next = NextLine(text, pos);
    // The block: blank lines, deeper lines, and "- " items at the key's own column.
    while (next < text.size()) {
      const std::string_view l = LineAt(text, next);
      const std::string_view t = core::TrimLine(l);
      const std::size_t ind = Indent(l);
      const bool inside = t.empty() || ind > col || (ind == col && t.starts_with("-"));
      if (!inside) break;
      if (!t.empty()) end = next + l.size();
      next = NextLine(text, next);
    }
    out.push_back({begin, end});
    pos = next;
  }
}

}  // namespace

ScannerArtefact ClassifyScannerArtefact(std::string_view path, std::string_view content) {
  const std::string_view base = BaseName(path);
  if (base == ".gitleaksignore") return ScannerArtefact::kGitleaksIgnore;
  if (LooksLikeBaseline(base, content)) return ScannerArtefact::kDetectSecretsBaseline;
  if (LooksLikeGitleaksConfig(base, content)) return ScannerArtefact::kGitleaksConfig;
  if (LooksLikeTrufflehogConfig(base, content)) return ScannerArtefact::kTrufflehogConfig;
  return ScannerArtefact::kNone;
}

std::vector<ByteSpan> ScannerArtefactSpans(std::string_view path, std::string_view content) {
  std::vector<ByteSpan> out;
  switch (ClassifyScannerArtefact(path, content)) {
    case ScannerArtefact::kNone:
      break;
    case ScannerArtefact::kDetectSecretsBaseline:
      BaselineSpans(content, out);
      break;
    case ScannerArtefact::kGitleaksConfig:
      GitleaksSpans(content, out);
      break;
    case ScannerArtefact::kGitleaksIgnore:
      GitleaksIgnoreSpans(content, out);
      break;
    case ScannerArtefact::kTrufflehogConfig:
      TrufflehogSpans(content, out);
      break;
  }
  std::sort(out.begin(), out.end(),
            [](const ByteSpan& a, const ByteSpan& b) { return a.begin < b.begin; });
  return out;
}

bool InSpans(const std::vector<ByteSpan>& spans, std::size_t offset) {
  // Spans may nest or overlap (baseline keys found independently): check every span that begins
  // at or before `offset`.
  const auto last =
      std::upper_bound(spans.begin(), spans.end(), offset,
                       [](std::size_t off, const ByteSpan& s) { return off < s.begin; });
  return std::any_of(spans.begin(), last,
                     [&](const ByteSpan& s) { return offset >= s.begin && offset < s.end; });
}

}  // namespace drydock::secrets
