// SPDX-License-Identifier: Apache-2.0
#include "rules/detail/label_values.h"

#include <algorithm>
#include <array>
#include <vector>

#include "core/strings.h"

namespace drydock::rules::detail {
namespace {

#include "rules/detail/spdx_ids.inc"

using core::Contains;
using core::Lower;
using core::StartsWith;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAlnum(char c) { return IsDigit(c) || IsAlpha(c); }
bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool IsLowerHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f'); }

bool AllOf(std::string_view s, bool (*pred)(char)) { return std::all_of(s.begin(), s.end(), pred); }

// ---- URI (RFC 3986) ----------------------------------------------------------------------------

bool IsUnreserved(char c) { return IsAlnum(c) || c == '-' || c == '.' || c == '_' || c == '~'; }
bool IsSubDelim(char c) {
  return std::string_view("!$&'()*+,;=").find(c) != std::string_view::npos;
}

// pchar / "/" / "?" (and ":" "@"), with %XX escapes; `extra` adds characters (e.g. "[]").
bool IsUriText(std::string_view s, std::string_view extra = {}) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size() || !IsHex(s[i + 1]) || !IsHex(s[i + 2])) return false;
      i += 2;
      continue;
    }
    if (IsUnreserved(c) || IsSubDelim(c) || c == ':' || c == '@' || c == '/' || c == '?') continue;
    if (extra.find(c) != std::string_view::npos) continue;
    return false;
  }
  return true;
}

bool IsAuthority(std::string_view authority, std::string_view scheme) {
  std::string_view host = authority;
  if (auto at = host.rfind('@'); at != std::string_view::npos) {
    std::string_view user = host.substr(0, at);
    if (!IsUriText(user) || Contains(user, "/") || Contains(user, "?") || Contains(user, "@")) {
      return false;
    }
    host = host.substr(at + 1);
  }
  std::string_view port;
  if (!host.empty() && host.front() == '[') {
    auto close = host.find(']');
    if (close == std::string_view::npos || close == 1) return false;
    std::string_view literal = host.substr(1, close - 1);
    if (!AllOf(literal, [](char c) { return IsHex(c) || c == ':' || c == '.' || c == 'v'; })) {
      return false;
    }
    std::string_view rest = host.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return false;
      port = rest.substr(1);
    }
    host = host.substr(0, close + 1);
  } else {
    if (auto colon = host.rfind(':'); colon != std::string_view::npos) {
      port = host.substr(colon + 1);
      host = host.substr(0, colon);
    }
    for (char c : host) {
      if (!(IsUnreserved(c) || IsSubDelim(c) || c == '%')) return false;
    }
    if (!IsUriText(host)) return false;
  }
  if (!AllOf(port, IsDigit)) return false;
  return !host.empty() || Lower(scheme) == "file";
}

// ---- SPDX expressions -------------------------------------------------------------------------

bool InSortedTable(const std::string_view* begin, const std::string_view* end,
                   std::string_view text) {
  const std::string want = Lower(text);
  const auto* it = std::lower_bound(
      begin, end, want, [](std::string_view a, const std::string& b) { return Lower(a) < b; });
  return it != end && Lower(*it) == want;
}

bool IsIdString(std::string_view s) {
  return !s.empty() && AllOf(s, [](char c) { return IsAlnum(c) || c == '-' || c == '.'; });
}

bool IsSimpleLicense(std::string_view token) {
  if (StartsWith(token, "LicenseRef-")) return IsIdString(token.substr(11));
  if (StartsWith(token, "DocumentRef-")) {
    auto colon = token.find(':');
    if (colon == std::string_view::npos) return false;
    return IsIdString(token.substr(12, colon - 12)) &&
           StartsWith(token.substr(colon + 1), "LicenseRef-") &&
           IsIdString(token.substr(colon + 1 + 11));
  }
  if (!token.empty() && token.back() == '+') token.remove_suffix(1);
  return IsSpdxLicenseId(token);
}

class SpdxParser {
 public:
  explicit SpdxParser(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
      const char c = text[i];
      if (c == ' ' || c == '\t') {
        ++i;
      } else if (c == '(' || c == ')') {
        tokens_.push_back(text.substr(i, 1));
        ++i;
      } else {
        std::size_t j = i;
        while (j < text.size() && text[j] != ' ' && text[j] != '\t' && text[j] != '(' &&
               text[j] != ')') {
          ++j;
        }
        tokens_.push_back(text.substr(i, j - i));
        i = j;
      }
    }
  }

  bool Valid() { return !tokens_.empty() && Or(0) && pos_ == tokens_.size(); }

 private:
  bool Peek(std::string_view want) const { return pos_ < tokens_.size() && tokens_[pos_] == want; }

  bool Or(int depth) {
    if (!And(depth)) return false;
    while (Peek("OR")) {
      ++pos_;
      if (!And(depth)) return false;
    }
    return true;
  }
  bool And(int depth) {
    if (!With(depth)) return false;
    while (Peek("AND")) {
      ++pos_;
      if (!With(depth)) return false;
    }
    return true;
  }
  bool With(int depth) {
    if (Peek("(")) {
      if (depth > 32) return false;  // bounded nesting
      ++pos_;
      if (!Or(depth + 1) || !Peek(")")) return false;
      ++pos_;
      return true;
    }
    if (pos_ >= tokens_.size() || !IsSimpleLicense(tokens_[pos_])) return false;
    ++pos_;
    if (Peek("WITH")) {
      ++pos_;
      if (pos_ >= tokens_.size() || !InSortedTable(std::begin(kSpdxExceptionIds),
                                                   std::end(kSpdxExceptionIds), tokens_[pos_])) {
        return false;
      }
      ++pos_;
    }
    return true;
  }

  std::vector<std::string_view> tokens_;
  std::size_t pos_ = 0;
};

// ---- e-mail (RFC 5322 addr-spec) ----------------------------------------------------------------

bool IsAtext(char c) {
  return IsAlnum(c) || std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

bool IsDotAtom(std::string_view s) {
  if (s.empty() || s.front() == '.' || s.back() == '.' || Contains(s, "..")) return false;
  return AllOf(s, [](char c) { return IsAtext(c) || c == '.'; });
}

bool IsPrintable(char c) { return c >= 0x20 && c <= 0x7e; }

bool IsQuotedString(std::string_view s) {
  if (s.size() < 2 || s.front() != '"' || s.back() != '"') return false;
  for (std::size_t i = 1; i + 1 < s.size(); ++i) {
    const char c = s[i];
    if (c == '\\') {
      if (i + 2 >= s.size() || !IsPrintable(s[i + 1])) return false;
      ++i;
    } else if (c == '"' || !IsPrintable(c)) {
      return false;
    }
  }
  return true;
}

// ---- RFC 3339 ---------------------------------------------------------------------------------

// The number written by digits [at, at+n) of `s`, or -1.
int Number(std::string_view s, std::size_t at, std::size_t n) {
  if (at + n > s.size()) return -1;
  int v = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (!IsDigit(s[i])) return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

int DaysInMonth(int year, int month) {
  static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

// A SemVer numeric identifier: digits, no leading zero.
bool IsSemverNumber(std::string_view s) {
  return !s.empty() && AllOf(s, IsDigit) && (s.size() == 1 || s.front() != '0');
}

bool IsSemverIdentifiers(std::string_view s, bool numeric_rule) {
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = s.find('.', start);
    const std::string_view id = s.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (id.empty() || !AllOf(id, [](char c) { return IsAlnum(c) || c == '-'; })) return false;
    if (numeric_rule && AllOf(id, IsDigit) && !IsSemverNumber(id)) return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

}  // namespace

std::optional<std::string> LabelKeyProblem(std::string_view key) {
  if (key.empty()) return "is empty";
  for (char c : key) {
    const bool ok =
        (c >= 'a' && c <= 'z') || IsDigit(c) || c == '.' || c == '-' || c == '_' || c == '/';
    if (!ok) {
      return std::string("holds '") + c +
             "': a key is lower-case letters, digits, '.', '-', '_' and '/'";
    }
  }
  if (!(key.front() >= 'a' && key.front() <= 'z')) return "does not start with a lower-case letter";
  if (!IsAlnum(key.back())) return "does not end with a lower-case letter or a digit";
  if (Contains(key, "..") || Contains(key, "--")) {
    return "has consecutive separators ('..' or '--')";
  }
  for (std::string_view ns : {"com.docker.", "io.docker.", "org.dockerproject."}) {
    if (StartsWith(key, ns)) {
      return "is in the namespace " + std::string(ns) + "*, reserved by Docker";
    }
  }
  return std::nullopt;
}

bool IsAbsoluteUri(std::string_view text) {
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || !IsAlpha(text.front())) return false;
  const std::string_view scheme = text.substr(0, colon);
  if (!AllOf(scheme, [](char c) { return IsAlnum(c) || c == '+' || c == '-' || c == '.'; })) {
    return false;
  }
  std::string_view rest = text.substr(colon + 1);
  if (auto hash = rest.find('#'); hash != std::string_view::npos) {
    if (!IsUriText(rest.substr(hash + 1))) return false;  // a second '#' fails here
    rest = rest.substr(0, hash);
  }
  if (StartsWith(rest, "//")) {
    rest.remove_prefix(2);
    const std::size_t end = rest.find_first_of("/?");
    if (!IsAuthority(rest.substr(0, end), scheme)) return false;
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end);
  }
  return IsUriText(rest);
}

bool IsRfc3339(std::string_view s) {
  // 2024-03-10T10:26:33[.123]Z / +01:00
  if (s.size() < 20) return false;
  const int year = Number(s, 0, 4);
  const int month = Number(s, 5, 2);
  const int day = Number(s, 8, 2);
  const int hour = Number(s, 11, 2);
  const int minute = Number(s, 14, 2);
  const int second = Number(s, 17, 2);
  if (year < 0 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') || s[13] != ':' ||
      s[16] != ':') {
    return false;
  }
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month) || hour < 0 ||
      hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) {
    return false;
  }
  std::size_t i = 19;
  if (i < s.size() && s[i] == '.') {
    const std::size_t start = ++i;
    while (i < s.size() && IsDigit(s[i])) ++i;
    if (i == start) return false;
  }
  const std::string_view zone = s.substr(i);
  if (zone == "Z" || zone == "z") return true;
  if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':') return false;
  const int zh = Number(zone, 1, 2);
  const int zm = Number(zone, 4, 2);
  return zh >= 0 && zh <= 23 && zm >= 0 && zm <= 59;
}

bool IsGitHash(std::string_view text) {
  return ((text.size() >= 7 && text.size() <= 40) || text.size() == 64) && AllOf(text, IsLowerHex);
}

bool IsSemver(std::string_view text) {
  std::string_view core = text;
  std::string_view build;
  std::string_view pre;
  if (auto plus = core.find('+'); plus != std::string_view::npos) {
    build = core.substr(plus + 1);
    core = core.substr(0, plus);
    if (!IsSemverIdentifiers(build, false)) return false;
  }
  if (auto dash = core.find('-'); dash != std::string_view::npos) {
    pre = core.substr(dash + 1);
    core = core.substr(0, dash);
    if (!IsSemverIdentifiers(pre, true)) return false;
  }
  const std::size_t d1 = core.find('.');
  if (d1 == std::string_view::npos) return false;
  const std::size_t d2 = core.find('.', d1 + 1);
  if (d2 == std::string_view::npos) return false;
  return IsSemverNumber(core.substr(0, d1)) && IsSemverNumber(core.substr(d1 + 1, d2 - d1 - 1)) &&
         IsSemverNumber(core.substr(d2 + 1));
}

bool IsSpdxLicenseId(std::string_view text) {
  return !text.empty() &&
         InSortedTable(std::begin(kSpdxLicenseIds), std::end(kSpdxLicenseIds), text);
}

bool IsSpdxExpression(std::string_view text) { return SpdxParser(text).Valid(); }

bool IsEmailAddress(std::string_view text) {
  const std::size_t at = text.rfind('@');
  if (at == std::string_view::npos) return false;
  const std::string_view local = text.substr(0, at);
  const std::string_view domain = text.substr(at + 1);
  if (local.empty() || local.size() > 64 || domain.empty() || domain.size() > 255) return false;
  if (!IsDotAtom(local) && !IsQuotedString(local)) return false;
  if (domain.front() == '[') {
    if (domain.size() < 3 || domain.back() != ']') return false;
    return AllOf(domain.substr(1, domain.size() - 2),
                 [](char c) { return IsPrintable(c) && c != '[' && c != ']' && c != '\\'; });
  }
  return IsDotAtom(domain);
}

bool LabelValueFits(core::LabelType type, std::string_view value) {
  switch (type) {
    case core::LabelType::kText:
      return true;
    case core::LabelType::kUrl:
      return IsAbsoluteUri(value);
    case core::LabelType::kHash:
      return IsGitHash(value);
    case core::LabelType::kRfc3339:
      return IsRfc3339(value);
    case core::LabelType::kSemver:
      return IsSemver(value);
    case core::LabelType::kSpdx:
      return IsSpdxExpression(value);
    case core::LabelType::kEmail:
      return IsEmailAddress(value);
  }
  return true;
}

}  // namespace drydock::rules::detail
