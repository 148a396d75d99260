// SPDX-License-Identifier: Apache-2.0
#include "secrets/samples.h"

#include <algorithm>
#include <array>
#include <string>

#include "core/strings.h"

namespace drydock::secrets {
namespace {

using core::AsciiLower;
using core::IsAsciiAlnum;
using core::IsAsciiLower;
using core::IsAsciiUpper;
using core::IsDigit;

// `split` with every "||" removed equals `value`. No allocation.
bool EqualsJoined(std::string_view split, std::string_view value) {
  std::size_t v = 0;
  for (std::size_t i = 0; i < split.size(); ++i) {
    if (split[i] == '|' && i + 1 < split.size() && split[i + 1] == '|') {
      ++i;
      continue;
    }
    if (v >= value.size() || value[v] != split[i]) return false;
    ++v;
  }
  return v == value.size();
}

bool IsHexDigit(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// The length of a hex digest: md5, sha1, sha224, sha256, sha384, sha512.
bool IsDigestLength(std::size_t n) {
  return n == 32 || n == 40 || n == 56 || n == 64 || n == 96 || n == 128;
}

bool IsIdentByte(char c) { return IsAsciiAlnum(c) || c == '_' || c == '-' || c == '.'; }

// True for a name token that names a hash: sha1 … sha512, sha3, sha256sum, md5, md5sum, hash,
// hashed, hashes, checksum(s), digest(s), integrity.
bool IsHashToken(std::string_view t) {
  if (core::In(t, {"hash", "hashed", "hashes", "checksum", "checksums", "digest", "digests",
                   "integrity", "md5", "md5sum", "sha", "shasum"})) {
    return true;
  }
  if (t.size() >= 4 && t.starts_with("sha") && IsDigit(t[3])) {
    std::size_t i = 3;
    while (i < t.size() && IsDigit(t[i])) ++i;
    const std::string_view rest = t.substr(i);
    return rest.empty() || rest == "sum" || rest == "hash" || rest == "digest";
  }
  return false;
}

// True when some token of `name` (split at `_`, `-`, `.` and lower→upper case changes, lower
// case) names a hash.
bool NameNamesHash(std::string_view name) {
  std::string token;
  char prev = 0;
  auto flush = [&] {
    const bool hit = IsHashToken(token);
    token.clear();
    return hit;
  };
  for (char c : name) {
    if (c == '_' || c == '-' || c == '.') {
      if (flush()) return true;
    } else {
      if (IsAsciiUpper(c) && IsAsciiLower(prev) && !token.empty() && flush()) return true;
      token.push_back(AsciiLower(c));
    }
    prev = c;
  }
  return flush();
}

}  // namespace

bool IsKnownSample(std::string_view value) {
  return std::any_of(kKnownSamples.begin(), kKnownSamples.end(),
                     [&](const KnownSample& s) { return EqualsJoined(s.value, value); });
}

bool SaysItIsFake(std::string_view value) {
  if (value.starts_with("-----BEGIN")) value = value.substr(0, value.find('\n'));
  const std::string lower = core::Lower(value);
  static constexpr auto kMarkers = std::to_array<std::string_view>(
      {"fake", "dummy", "example", "sample", "placeholder", "redacted"});
  return std::any_of(kMarkers.begin(), kMarkers.end(),
                     [&](std::string_view m) { return lower.find(m) != std::string::npos; });
}

bool IsNamedHash(std::string_view value, std::string_view before) {
  if (!IsDigestLength(value.size()) || !std::all_of(value.begin(), value.end(), IsHexDigit)) {
    return false;
  }
  // Past the assignment: quotes, blanks, ':', '=', '>', '(' and ',' ("name": "…", name = '…',
  // <name>…, name => "…").
  std::size_t end = before.size();
  while (end > 0 &&
         std::string_view(" \t\"':=>(,").find(before[end - 1]) != std::string_view::npos) {
    --end;
  }
  std::size_t begin = end;
  while (begin > 0 && end - begin < 128 && IsIdentByte(before[begin - 1])) --begin;
  return begin < end && NameNamesHash(before.substr(begin, end - begin));
}

bool IsKnownNonSecret(std::string_view value, std::string_view before) {
  return IsKnownSample(value) || SaysItIsFake(value) || IsNamedHash(value, before);
}

std::string_view LineBefore(std::string_view text, std::size_t offset) {
  constexpr std::size_t kMaxBefore = 256;
  offset = std::min(offset, text.size());
  const std::size_t floor = offset > kMaxBefore ? offset - kMaxBefore : 0;
  std::size_t begin = offset;
  while (begin > floor && text[begin - 1] != '\n') --begin;
  return text.substr(begin, offset - begin);
}

}  // namespace drydock::secrets
