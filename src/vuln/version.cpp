// SPDX-License-Identifier: Apache-2.0
#include "vuln/version.h"

#include <algorithm>
#include <cstddef>
#include <cstring>

#include "core/strings.h"
#include "vuln/version_lang.h"

namespace drydock::vuln {
namespace {

using core::IsAsciiAlnum;
using core::IsAsciiAlpha;
using core::IsAsciiLower;
using core::IsDigit;

int Sign(int v) { return (v > 0) - (v < 0); }

// Byte-wise lexicographic compare (memcmp on the common prefix, then the length).
int CompareBytes(std::string_view a, std::string_view b) {
  const std::size_t n = std::min(a.size(), b.size());
  if (n != 0) {
    const int r = std::memcmp(a.data(), b.data(), n);
    if (r != 0) return Sign(r);
  }
  return (a.size() > b.size()) - (a.size() < b.size());
}

// Two digit strings compared as unbounded non-negative integers (empty = 0).
int CompareNumeric(std::string_view a, std::string_view b) {
  while (!a.empty() && a.front() == '0') a.remove_prefix(1);
  while (!b.empty() && b.front() == '0') b.remove_prefix(1);
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return CompareBytes(a, b);
}

// ---------------------------------------------------------------------------------------------
// dpkg

// dpkg's order() for a byte of the string (`c` >= 0) or its end (-1): '~' < end (and digits,
// which only meet a non-digit here) < letters < everything else (byte + 256). A NUL byte, which
// cannot occur in dpkg's C strings, weighs 256 like any other "everything else" byte.
int DpkgOrder(int c) {
  if (c < 0) return 0;
  const char ch = static_cast<char>(c);
  if (IsDigit(ch)) return 0;
  if (IsAsciiAlpha(ch)) return c;
  if (ch == '~') return -1;
  return c + 256;
}

// dpkg's verrevcmp over string_views.
int VerRevCmp(std::string_view a, std::string_view b) {
  std::size_t i = 0;
  std::size_t j = 0;
  auto at = [](std::string_view s, std::size_t k) -> int {
    return k < s.size() ? static_cast<unsigned char>(s[k]) : -1;
  };
  while (i < a.size() || j < b.size()) {
    while ((i < a.size() && !IsDigit(a[i])) || (j < b.size() && !IsDigit(b[j]))) {
      const int ac = DpkgOrder(at(a, i));
      const int bc = DpkgOrder(at(b, j));
      if (ac != bc) return ac < bc ? -1 : 1;
      // Equal weights here mean the same non-digit byte on both sides (never an end).
      ++i;
      ++j;
    }
    while (i < a.size() && a[i] == '0') ++i;
    while (j < b.size() && b[j] == '0') ++j;
    int first_diff = 0;
    while (i < a.size() && j < b.size() && IsDigit(a[i]) && IsDigit(b[j])) {
      if (first_diff == 0) first_diff = a[i] - b[j];
      ++i;
      ++j;
    }
    if (i < a.size() && IsDigit(a[i])) return 1;
    if (j < b.size() && IsDigit(b[j])) return -1;
    if (first_diff != 0) return Sign(first_diff);
  }
  return 0;
}

struct DpkgParts {
  std::string_view epoch;  // digits only (sign stripped); empty = 0
  std::string_view upstream;
  std::string_view revision;  // empty = "0" (verrevcmp treats both the same)
  bool has_revision = false;  // a '-' was present (dpkg rejects an empty revision)
  bool bad_epoch = false;     // dpkg would reject the epoch
};

// Splits like dpkg's parseversion, but never fails (see version.h for the lenient rules).
// dpkg reads the epoch with strtol, so an optional sign before the digits is accepted.
DpkgParts SplitDpkg(std::string_view v) {
  DpkgParts p;
  const std::size_t colon = v.find(':');
  if (colon != std::string_view::npos) {
    std::string_view e = v.substr(0, colon);
    bool negative = false;
    if (!e.empty() && (e.front() == '+' || e.front() == '-')) {
      negative = e.front() == '-';
      e.remove_prefix(1);
    }
    const bool digits = !e.empty() && std::all_of(e.begin(), e.end(), IsDigit);
    if (digits) {
      p.epoch = e;
      v.remove_prefix(colon + 1);
      std::string_view mag = e;
      while (!mag.empty() && mag.front() == '0') mag.remove_prefix(1);
      // dpkg rejects negative epochs and epochs above INT_MAX (2147483647).
      if ((negative && !mag.empty()) || CompareNumeric(mag, "2147483647") > 0) p.bad_epoch = true;
    } else {
      p.bad_epoch = true;  // empty or non-numeric epoch: kept inside the upstream part
    }
  }
  const std::size_t dash = v.rfind('-');
  if (dash != std::string_view::npos) {
    p.upstream = v.substr(0, dash);
    p.revision = v.substr(dash + 1);
    p.has_revision = true;
  } else {
    p.upstream = v;
  }
  return p;
}

// ---------------------------------------------------------------------------------------------
// apk

enum class ApkKind {
  kDigit,
  kLetter,
  kSuffix,
  kSuffixNo,
  kHash,
  kRevision,
  kEnd,
  kInvalid,
};

// Suffix values: pre-release ones are below kNoSuffix, post-release ones above.
constexpr int kNoSuffix = 4;

struct ApkToken {
  ApkKind kind = ApkKind::kEnd;
  std::string_view value;  // digits, the letter, the hash; empty for suffixes
  int suffix = kNoSuffix;  // kSuffix only
  bool numeric = false;    // the leading number, or one right after the letter: no string rule
};

int ApkSuffixValue(std::string_view s) {
  struct Row {
    std::string_view name;
    int value;
  };
  static constexpr Row kRows[] = {{"alpha", 0}, {"beta", 1}, {"pre", 2}, {"rc", 3}, {"cvs", 5},
                                  {"svn", 6},   {"git", 7},  {"hg", 8},  {"p", 9}};
  for (const Row& r : kRows) {
    if (r.name == s) return r.value;
  }
  return -1;
}

// Reads apk tokens one at a time. The grammar position only moves forward (digit, letter,
// suffix[/number]*, hash, revision); anything out of place makes the token kInvalid and ends
// the stream.
class ApkTokenizer {
 public:
  explicit ApkTokenizer(std::string_view s) : s_(s) {}

  // False once an empty number was read (tolerated like apk-tools, but outside the grammar).
  bool strict() const { return strict_; }

  ApkToken Next() {
    ApkToken t;
    if (done_) {
      t.kind = last_;
      return t;
    }
    if (pos_ == 0 && !started_) {
      started_ = true;
      const std::string_view d = Span(IsDigit);
      if (d.empty()) strict_ = false;  // apk-tools reads a missing number as 0
      t.kind = ApkKind::kDigit;
      t.value = d;
      t.numeric = true;
      last_ = ApkKind::kDigit;
      return t;
    }
    if (pos_ >= s_.size()) return Finish(ApkKind::kEnd);
    const char c = s_[pos_];
    if (IsAsciiLower(c)) {
      if (last_ != ApkKind::kDigit) return Finish(ApkKind::kInvalid);
      t.kind = ApkKind::kLetter;
      t.value = s_.substr(pos_, 1);
      ++pos_;
    } else if (c == '.') {
      if (last_ != ApkKind::kDigit) return Finish(ApkKind::kInvalid);
      ++pos_;
      t.value = Span(IsDigit);
      if (t.value.empty()) strict_ = false;  // "1..2": an empty number, read as 0
      t.kind = ApkKind::kDigit;
    } else if (c == '_') {
      if (last_ > ApkKind::kSuffixNo) return Finish(ApkKind::kInvalid);
      ++pos_;
      t.suffix = ApkSuffixValue(Span(IsAsciiLower));
      if (t.suffix < 0) return Finish(ApkKind::kInvalid);
      t.kind = ApkKind::kSuffix;
    } else if (IsDigit(c) && last_ == ApkKind::kSuffix) {
      t.kind = ApkKind::kSuffixNo;
      t.value = Span(IsDigit);
    } else if (IsDigit(c) && last_ == ApkKind::kLetter) {
      // "6.6.2p1": apk-tools reads digits right after the letter as another (numeric) number.
      t.kind = ApkKind::kDigit;
      t.value = Span(IsDigit);
      t.numeric = true;
    } else if (c == '~') {
      if (last_ >= ApkKind::kHash) return Finish(ApkKind::kInvalid);
      ++pos_;
      t.value = Span([](char h) { return IsDigit(h) || (h >= 'a' && h <= 'f'); });
      if (t.value.empty()) return Finish(ApkKind::kInvalid);
      t.kind = ApkKind::kHash;
    } else if (c == '-') {
      if (last_ >= ApkKind::kRevision || pos_ + 1 >= s_.size() || s_[pos_ + 1] != 'r') {
        return Finish(ApkKind::kInvalid);
      }
      pos_ += 2;
      t.value = Span(IsDigit);
      if (t.value.empty()) return Finish(ApkKind::kInvalid);
      t.kind = ApkKind::kRevision;
    } else {
      return Finish(ApkKind::kInvalid);
    }
    last_ = t.kind;
    return t;
  }

 private:
  template <typename Pred>
  std::string_view Span(Pred pred) {
    const std::size_t start = pos_;
    while (pos_ < s_.size() && pred(s_[pos_])) ++pos_;
    return s_.substr(start, pos_ - start);
  }

  ApkToken Finish(ApkKind kind) {
    done_ = true;
    last_ = kind;
    ApkToken t;
    t.kind = kind;
    return t;
  }

  std::string_view s_;
  std::size_t pos_ = 0;
  bool strict_ = true;
  bool started_ = false;
  bool done_ = false;
  ApkKind last_ = ApkKind::kDigit;
};

// Same-kind tokens.
int CompareApkTokens(const ApkToken& a, const ApkToken& b) {
  switch (a.kind) {
    case ApkKind::kDigit:
      if (!a.numeric && (a.value.starts_with('0') || b.value.starts_with('0'))) {
        return CompareBytes(a.value, b.value);
      }
      return CompareNumeric(a.value, b.value);
    case ApkKind::kSuffixNo:
    case ApkKind::kRevision:
      return CompareNumeric(a.value, b.value);
    case ApkKind::kLetter:
    case ApkKind::kHash:
      return CompareBytes(a.value, b.value);
    case ApkKind::kSuffix:
      return (a.suffix > b.suffix) - (a.suffix < b.suffix);
    case ApkKind::kEnd:
    case ApkKind::kInvalid:
      return 0;
  }
  return 0;
}

bool IsPreRelease(const ApkToken& t) { return t.kind == ApkKind::kSuffix && t.suffix < kNoSuffix; }

// ---------------------------------------------------------------------------------------------
// rpm

bool RpmSkippable(char c) { return !IsAsciiAlnum(c) && c != '~' && c != '^'; }

struct Evr {
  std::string_view epoch;  // empty = "0"
  std::string_view version;
  std::string_view release;
  bool has_release = false;
};

// rpm's parseEVR: the epoch is a run of digits followed by ':', the release follows the last '-'.
Evr SplitEvr(std::string_view s) {
  Evr e;
  std::size_t i = 0;
  while (i < s.size() && IsDigit(s[i])) ++i;
  if (i < s.size() && s[i] == ':') {
    e.epoch = s.substr(0, i);
    s.remove_prefix(i + 1);
  }
  const std::size_t dash = s.rfind('-');
  if (dash != std::string_view::npos) {
    e.release = s.substr(dash + 1);
    e.has_release = true;
    s = s.substr(0, dash);
  }
  e.version = s;
  return e;
}

}  // namespace

int CompareDpkg(std::string_view a, std::string_view b) {
  const DpkgParts pa = SplitDpkg(a);
  const DpkgParts pb = SplitDpkg(b);
  if (const int r = CompareNumeric(pa.epoch, pb.epoch); r != 0) return r;
  if (const int r = VerRevCmp(pa.upstream, pb.upstream); r != 0) return r;
  return VerRevCmp(pa.revision, pb.revision);
}

bool IsValidDpkgVersion(std::string_view v) {
  if (v.empty()) return false;
  const DpkgParts p = SplitDpkg(v);
  if (p.bad_epoch) return false;
  if (p.upstream.empty() || !IsDigit(p.upstream.front())) return false;
  if (p.has_revision && p.revision.empty()) return false;
  for (char c : p.upstream) {
    if (!IsAsciiAlnum(c) && std::strchr(".-+~:", c) == nullptr) return false;
  }
  for (char c : p.revision) {
    if (!IsAsciiAlnum(c) && std::strchr(".+~", c) == nullptr) return false;
  }
  return true;
}

int CompareApk(std::string_view a, std::string_view b) {
  ApkTokenizer ta(a);
  ApkTokenizer tb(b);
  ApkToken x = ta.Next();
  ApkToken y = tb.Next();
  while (x.kind == y.kind && x.kind != ApkKind::kEnd && x.kind != ApkKind::kInvalid) {
    if (const int r = CompareApkTokens(x, y); r != 0) return r;
    x = ta.Next();
    y = tb.Next();
  }
  if (x.kind == y.kind) return 0;
  // Kinds differ: a pre-release suffix loses; otherwise the later kind is the lower version
  // (kInvalid is the latest kind of all).
  if (IsPreRelease(x)) return -1;
  if (IsPreRelease(y)) return 1;
  return x.kind > y.kind ? -1 : 1;
}

bool IsValidApkVersion(std::string_view v) {
  ApkTokenizer t(v);
  for (;;) {
    const ApkToken tok = t.Next();
    if (tok.kind == ApkKind::kEnd) return t.strict();
    if (tok.kind == ApkKind::kInvalid) return false;
  }
}

int RpmVerCmp(std::string_view a, std::string_view b) {
  if (a == b) return 0;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() || j < b.size()) {
    while (i < a.size() && RpmSkippable(a[i])) ++i;
    while (j < b.size() && RpmSkippable(b[j])) ++j;
    const bool a_end = i >= a.size();
    const bool b_end = j >= b.size();
    const char ac = a_end ? '\0' : a[i];
    const char bc = b_end ? '\0' : b[j];
    if (ac == '~' || bc == '~') {
      if (ac != '~') return 1;
      if (bc != '~') return -1;
      ++i;
      ++j;
      continue;
    }
    if (ac == '^' || bc == '^') {
      if (a_end) return -1;
      if (b_end) return 1;
      if (ac != '^') return 1;
      if (bc != '^') return -1;
      ++i;
      ++j;
      continue;
    }
    if (a_end || b_end) break;
    const bool numeric = IsDigit(ac);
    auto in_run = [numeric](char c) { return numeric ? IsDigit(c) : IsAsciiAlpha(c); };
    const std::size_t i0 = i;
    const std::size_t j0 = j;
    while (i < a.size() && in_run(a[i])) ++i;
    while (j < b.size() && in_run(b[j])) ++j;
    if (j == j0) return numeric ? 1 : -1;  // b has the other kind of run here
    const std::string_view sa = a.substr(i0, i - i0);
    const std::string_view sb = b.substr(j0, j - j0);
    const int r = numeric ? CompareNumeric(sa, sb) : CompareBytes(sa, sb);
    if (r != 0) return r;
  }
  // Separators were skipped above, so "ended" means nothing significant is left.
  const bool a_left = i < a.size();
  const bool b_left = j < b.size();
  if (!a_left && !b_left) return 0;
  return a_left ? 1 : -1;
}

int CompareRpm(std::string_view a, std::string_view b) {
  const Evr ea = SplitEvr(a);
  const Evr eb = SplitEvr(b);
  const std::string_view e1 = ea.epoch.empty() ? std::string_view("0") : ea.epoch;
  const std::string_view e2 = eb.epoch.empty() ? std::string_view("0") : eb.epoch;
  if (const int r = RpmVerCmp(e1, e2); r != 0) return r;
  if (const int r = RpmVerCmp(ea.version, eb.version); r != 0) return r;
  if (ea.has_release != eb.has_release) return ea.has_release ? 1 : -1;
  return RpmVerCmp(ea.release, eb.release);
}

int Compare(Ecosystem eco, std::string_view a, std::string_view b) {
  switch (eco) {
    case Ecosystem::kDpkg:
      return CompareDpkg(a, b);
    case Ecosystem::kApk:
      return CompareApk(a, b);
    case Ecosystem::kRpm:
      return CompareRpm(a, b);
    case Ecosystem::kPep440:
      return ComparePep440(a, b);
    case Ecosystem::kSemver:
      return CompareSemver(a, b);
  }
  return 0;
}

}  // namespace drydock::vuln
