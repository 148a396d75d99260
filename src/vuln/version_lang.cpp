// SPDX-License-Identifier: Apache-2.0
#include "vuln/version_lang.h"

#include <cstddef>
#include <string>
#include <vector>

#include "core/strings.h"

namespace drydock::vuln {

namespace {

using core::IsAsciiLower;
using core::IsDigit;

using core::AllDigits;

int Sign(int v) { return (v > 0) - (v < 0); }

// Compares two digit strings by value (any length).
int CompareDigits(std::string_view a, std::string_view b) {
  while (a.size() > 1 && a.front() == '0') a.remove_prefix(1);
  while (b.size() > 1 && b.front() == '0') b.remove_prefix(1);
  if (a.empty()) a = "0";
  if (b.empty()) b = "0";
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return Sign(a.compare(b));
}

std::string_view Digits(std::string_view s, std::size_t& pos) {
  const std::size_t start = pos;
  while (pos < s.size() && IsDigit(s[pos])) ++pos;
  return s.substr(start, pos - start);
}

// ---- SemVer
// ------------------------------------------------------------------------------------

struct SemverKey {
  std::string_view numbers[3];
  bool has_pre = false;
  std::string_view pre;
};

SemverKey ParseSemver(std::string_view s) {
  SemverKey key;
  std::size_t pos = 0;
  if (!s.empty() && (s[0] == 'v' || s[0] == 'V')) pos = 1;
  int count = 0;
  for (int i = 0; i < 3; ++i) {
    if (i > 0) {
      if (pos + 1 < s.size() && s[pos] == '.' && IsDigit(s[pos + 1])) {
        ++pos;
      } else {
        break;
      }
    }
    key.numbers[i] = Digits(s, pos);
    ++count;
  }
  std::string_view rest = s.substr(pos);
  const std::size_t plus = rest.find('+');
  if (plus != std::string_view::npos) rest = rest.substr(0, plus);
  if (rest.empty()) return key;
  if (rest.front() == '.' && count == 3) return key;  // 4th+ components: build metadata
  key.has_pre = true;
  key.pre = rest.front() == '-' ? rest.substr(1) : rest;
  return key;
}

int ComparePrerelease(std::string_view a, std::string_view b) {
  while (true) {
    if (a.data() == nullptr && b.data() == nullptr) return 0;
    if (a.data() == nullptr) return -1;
    if (b.data() == nullptr) return 1;
    const std::size_t da = a.find('.');
    const std::size_t db = b.find('.');
    const std::string_view ia = a.substr(0, da);
    const std::string_view ib = b.substr(0, db);
    const bool na = AllDigits(ia);
    const bool nb = AllDigits(ib);
    int c = 0;
    if (na && nb) {
      c = CompareDigits(ia, ib);
    } else if (na != nb) {
      c = na ? -1 : 1;
    } else {
      c = Sign(ia.compare(ib));
    }
    if (c != 0) return c;
    // A null view marks "no more identifiers".
    a = da == std::string_view::npos ? std::string_view() : a.substr(da + 1);
    b = db == std::string_view::npos ? std::string_view() : b.substr(db + 1);
  }
}

// ---- PEP 440
// -----------------------------------------------------------------------------------

struct Pep440Key {
  bool legacy = false;
  std::vector<std::string> legacy_parts;
  std::string_view epoch;
  std::vector<std::string_view> release;
  int pre_rank = 3;  // -1: dev-only release (sorts first), 0 a, 1 b, 2 rc, 3:
                     // none (sorts last)
  std::string_view pre_n;
  bool has_post = false;
  std::string_view post_n;
  bool has_dev = false;
  std::string_view dev_n;
  bool has_local = false;
  std::vector<std::string_view> local;
};

bool IsSep(char c) { return c == '-' || c == '_' || c == '.'; }

bool StartsWith(std::string_view s, std::size_t pos, std::string_view word) {
  return s.substr(pos, word.size()) == word;
}

// Optional separator then optional digits; the separator is taken only when
// digits follow.
std::string_view OptionalNumber(std::string_view s, std::size_t& pos) {
  std::size_t p = pos;
  if (p < s.size() && IsSep(s[p])) ++p;
  if (p < s.size() && IsDigit(s[p])) {
    pos = p;
    return Digits(s, pos);
  }
  return {};
}

// Optional separator then one of `words` (longest alternatives first); returns
// its index or -1.
template <std::size_t N>
int Word(std::string_view s, std::size_t& pos, const std::string_view (&words)[N]) {
  std::size_t p = pos;
  if (p < s.size() && IsSep(s[p])) ++p;
  for (std::size_t i = 0; i < N; ++i) {
    if (StartsWith(s, p, words[i])) {
      pos = p + words[i].size();
      return static_cast<int>(i);
    }
  }
  return -1;
}

constexpr std::string_view kPreWords[] = {"alpha", "a", "beta", "b", "preview", "pre", "c", "rc"};
constexpr int kPreRank[] = {0, 0, 1, 1, 2, 2, 2, 2};
constexpr std::string_view kPostWords[] = {"post", "rev", "r"};
constexpr std::string_view kDevWords[] = {"dev"};

// Parses the lower-cased, trimmed `s` as PEP 440 into `key`; false when it is
// not one.
bool ParsePep440(std::string_view s, Pep440Key& key) {
  std::size_t pos = 0;
  if (pos < s.size() && s[pos] == 'v') ++pos;
  {
    std::size_t p = pos;
    const std::string_view digits = Digits(s, p);
    if (!digits.empty() && p < s.size() && s[p] == '!') {
      key.epoch = digits;
      pos = p + 1;
    }
  }
  const std::string_view first = Digits(s, pos);
  if (first.empty()) return false;
  key.release.push_back(first);
  while (pos + 1 < s.size() && s[pos] == '.' && IsDigit(s[pos + 1])) {
    ++pos;
    key.release.push_back(Digits(s, pos));
  }
  {
    std::size_t p = pos;
    const int w = Word(s, p, kPreWords);
    if (w >= 0) {
      key.pre_rank = kPreRank[w];
      key.pre_n = OptionalNumber(s, p);
      pos = p;
    }
  }
  if (pos + 1 < s.size() && s[pos] == '-' && IsDigit(s[pos + 1])) {
    ++pos;
    key.has_post = true;
    key.post_n = Digits(s, pos);
  } else {
    std::size_t p = pos;
    if (Word(s, p, kPostWords) >= 0) {
      key.has_post = true;
      key.post_n = OptionalNumber(s, p);
      pos = p;
    }
  }
  {
    std::size_t p = pos;
    if (Word(s, p, kDevWords) >= 0) {
      key.has_dev = true;
      key.dev_n = OptionalNumber(s, p);
      pos = p;
    }
  }
  if (pos < s.size() && s[pos] == '+') {
    ++pos;
    key.has_local = true;
    while (true) {
      const std::size_t start = pos;
      while (pos < s.size() && (IsDigit(s[pos]) || IsAsciiLower(s[pos]))) ++pos;
      if (pos == start) return false;
      key.local.push_back(s.substr(start, pos - start));
      if (pos < s.size() && IsSep(s[pos])) {
        ++pos;
        continue;
      }
      break;
    }
  }
  if (pos != s.size()) return false;
  while (key.release.size() > 1 && CompareDigits(key.release.back(), "0") == 0) {
    key.release.pop_back();
  }
  if (CompareDigits(key.release.back(), "0") == 0) key.release.clear();
  if (key.pre_rank == 3 && !key.has_post && key.has_dev) key.pre_rank = -1;
  return true;
}

// setuptools' legacy parse_version key
// (packaging.version.LegacyVersion._cmpkey).
std::vector<std::string> LegacyParts(std::string_view s) {
  std::vector<std::string> pieces;
  std::size_t pos = 0;
  std::string other;
  const auto flush_other = [&pieces, &other] {
    if (!other.empty()) pieces.push_back(std::move(other));
    other.clear();
  };
  while (pos < s.size()) {
    const char c = s[pos];
    std::size_t end = pos + 1;
    if (IsDigit(c)) {
      while (end < s.size() && IsDigit(s[end])) ++end;
    } else if (IsAsciiLower(c)) {
      while (end < s.size() && IsAsciiLower(s[end])) ++end;
    } else if (c != '.' && c != '-') {
      other.push_back(c);
      pos = end;
      continue;
    }
    flush_other();
    pieces.emplace_back(s.substr(pos, end - pos));
    pos = end;
  }
  flush_other();
  std::vector<std::string> parts;
  const auto add = [&parts](std::string part) {
    if (part[0] == '*') {
      if (part < "*final") {
        while (!parts.empty() && parts.back() == "*final-") parts.pop_back();
      }
      while (!parts.empty() && parts.back() == "00000000") parts.pop_back();
    }
    parts.push_back(std::move(part));
  };
  for (std::string& piece : pieces) {
    if (piece == "pre" || piece == "preview" || piece == "rc") piece = "c";
    if (piece == "-") piece = "final-";
    if (piece == "dev") piece = "@";
    if (piece.empty() || piece == ".") continue;
    if (IsDigit(piece[0])) {
      if (piece.size() < 8) piece.insert(0, 8 - piece.size(), '0');
      add(std::move(piece));
    } else {
      add("*" + piece);
    }
  }
  add("*final");
  return parts;
}

std::string Normalise(std::string_view v) {
  const auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  };
  while (!v.empty() && space(v.front())) v.remove_prefix(1);
  while (!v.empty() && space(v.back())) v.remove_suffix(1);
  std::string s(v);
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

int CompareOptionalNumber(bool a_has, std::string_view a, bool b_has, std::string_view b,
                          int missing) {
  if (a_has && b_has) return CompareDigits(a, b);
  if (!a_has && !b_has) return 0;
  return a_has ? -missing : missing;
}

int CompareValid(const Pep440Key& a, const Pep440Key& b) {
  if (int c = CompareDigits(a.epoch, b.epoch); c != 0) return c;
  for (std::size_t i = 0; i < a.release.size() || i < b.release.size(); ++i) {
    if (i >= a.release.size()) return -1;
    if (i >= b.release.size()) return 1;
    if (int c = CompareDigits(a.release[i], b.release[i]); c != 0) return c;
  }
  if (a.pre_rank != b.pre_rank) return a.pre_rank < b.pre_rank ? -1 : 1;
  if (a.pre_rank >= 0 && a.pre_rank <= 2) {
    if (int c = CompareDigits(a.pre_n, b.pre_n); c != 0) return c;
  }
  // Missing post sorts first (-inf); missing dev sorts last (+inf).
  if (int c = CompareOptionalNumber(a.has_post, a.post_n, b.has_post, b.post_n, -1); c != 0) {
    return c;
  }
  if (int c = CompareOptionalNumber(a.has_dev, a.dev_n, b.has_dev, b.dev_n, 1); c != 0) return c;
  if (a.has_local != b.has_local) return a.has_local ? 1 : -1;
  for (std::size_t i = 0; i < a.local.size() || i < b.local.size(); ++i) {
    if (i >= a.local.size()) return -1;
    if (i >= b.local.size()) return 1;
    const bool na = AllDigits(a.local[i]);
    const bool nb = AllDigits(b.local[i]);
    int c = 0;
    if (na && nb) {
      c = CompareDigits(a.local[i], b.local[i]);
    } else if (na != nb) {
      c = na ? 1 : -1;
    } else {
      c = Sign(a.local[i].compare(b.local[i]));
    }
    if (c != 0) return c;
  }
  return 0;
}

}  // namespace

int CompareSemver(std::string_view a, std::string_view b) {
  const SemverKey ka = ParseSemver(a);
  const SemverKey kb = ParseSemver(b);
  for (int i = 0; i < 3; ++i) {
    if (int c = CompareDigits(ka.numbers[i], kb.numbers[i]); c != 0) return c;
  }
  if (ka.has_pre != kb.has_pre) return ka.has_pre ? -1 : 1;
  if (!ka.has_pre) return 0;
  // A non-null view for an empty pre-release ("1.0.0-"): a data() of nullptr means "none".
  // NOLINTBEGIN(bugprone-string-constructor)
  const std::string_view pa = ka.pre.data() != nullptr ? ka.pre : std::string_view("", 0);
  const std::string_view pb = kb.pre.data() != nullptr ? kb.pre : std::string_view("", 0);
  // NOLINTEND(bugprone-string-constructor)
  return ComparePrerelease(pa, pb);
}

bool IsValidPep440(std::string_view v) {
  const std::string s = Normalise(v);
  Pep440Key key;
  return ParsePep440(s, key);
}

int ComparePep440(std::string_view a, std::string_view b) {
  const std::string sa = Normalise(a);
  const std::string sb = Normalise(b);
  Pep440Key ka;
  Pep440Key kb;
  ka.legacy = !ParsePep440(sa, ka);
  kb.legacy = !ParsePep440(sb, kb);
  if (ka.legacy != kb.legacy) return ka.legacy ? -1 : 1;
  if (!ka.legacy) return CompareValid(ka, kb);
  const std::vector<std::string> pa = LegacyParts(sa);
  const std::vector<std::string> pb = LegacyParts(sb);
  for (std::size_t i = 0; i < pa.size() || i < pb.size(); ++i) {
    if (i >= pa.size()) return -1;
    if (i >= pb.size()) return 1;
    if (int c = pa[i].compare(pb[i]); c != 0) return Sign(c);
  }
  return 0;
}

}  // namespace drydock::vuln
