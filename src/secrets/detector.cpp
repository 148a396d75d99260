// SPDX-License-Identifier: Apache-2.0
#include "secrets/detector.h"

#include <hs/hs.h>
#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "core/strings.h"
#include "secrets/artefacts.h"
#include "secrets/credential_files.h"
#include "secrets/samples.h"

namespace drydock::secrets {
namespace {

using core::AsciiLower;
using core::EndsWith;
using core::Lower;
using core::StartsWith;
using core::Trim;

// Upper bound on matches per scan: a hostile file full of fake keys cannot grow the result
// without limit.
constexpr std::size_t kMaxMatches = 10000;

// The compiled pattern of kDetectorRules[r], built on first use (most runs need a few of them:
// compiling the whole table costs more than scanning a typical repository). Thread-safe.
const RE2& CompiledRule(std::size_t r) {
  static std::array<std::once_flag, kDetectorRules.size()> once;
  static std::array<std::unique_ptr<RE2>, kDetectorRules.size()> compiled;
  std::call_once(once[r], [r] {
    RE2::Options options;
    options.set_log_errors(false);
    options.set_max_mem(64 << 20);
    const auto& pattern = kDetectorRules[r].pattern;
    compiled[r] = std::make_unique<RE2>(re2::StringPiece(pattern.data(), pattern.size()), options);
  });
  return *compiled[r];
}

// The keyword prefilter: every keyword of the table, bucketed by its first byte (both cases), so
// that one pass over the text finds which rules have a keyword in it. Keywords are lower-case
// ASCII (tests/secrets checks it), so ASCII case folding is exact. Built once, immutable
// afterwards.
using detail::RuleMask;
static_assert(kDetectorRules.size() < 0xFFFF, "rule indexes are 16-bit");

struct KeywordIndex {
  struct Keyword {
    std::string_view text;
    std::uint16_t rule = 0;  // index of the rule it belongs to
  };
  std::vector<Keyword> keywords;                                      // grouped by first byte
  std::array<std::pair<std::uint16_t, std::uint16_t>, 256> bucket{};  // [begin, end) per byte
};

// Calls `fn(keyword, rule index)` for every non-empty keyword of every rule's comma list.
template <class Fn>
void ForEachKeyword(const Fn& fn) {
  for (std::size_t r = 0; r < kDetectorRules.size(); ++r) {
    std::string_view list = kDetectorRules[r].keywords;
    while (!list.empty()) {
      const std::size_t comma = list.find(',');
      const std::string_view kw = list.substr(0, comma);
      if (!kw.empty()) fn(kw, static_cast<std::uint16_t>(r));
      if (comma == std::string_view::npos) break;
      list.remove_prefix(comma + 1);
    }
  }
}

const KeywordIndex& Keywords() {
  static const KeywordIndex index = [] {
    std::array<std::vector<KeywordIndex::Keyword>, 256> by_first;
    ForEachKeyword([&](std::string_view kw, std::uint16_t rule) {
      const auto first = static_cast<unsigned char>(kw.front());
      by_first[first].push_back({kw, rule});
      const auto upper = static_cast<unsigned char>(std::toupper(first));
      if (upper != first) by_first[upper].push_back({kw, rule});
    });
    KeywordIndex out;
    for (std::size_t b = 0; b < by_first.size(); ++b) {
      const auto begin = static_cast<std::uint16_t>(out.keywords.size());
      out.keywords.insert(out.keywords.end(), by_first[b].begin(), by_first[b].end());
      out.bucket[b] = {begin, static_cast<std::uint16_t>(out.keywords.size())};
    }
    return out;
  }();
  return index;
}

// The fallback prefilter (used when vectorscan is unavailable): the rules with at least one
// keyword occurring in `text`, ASCII case-insensitively. One pass; no copy of the text.
RuleMask RulesWithKeywordFallback(std::string_view text) {
  const KeywordIndex& index = Keywords();
  RuleMask hits;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto [begin, end] = index.bucket[static_cast<unsigned char>(text[i])];
    for (std::uint16_t k = begin; k < end; ++k) {
      const KeywordIndex::Keyword& kw = index.keywords[k];
      if (hits.test(kw.rule) || kw.text.size() > text.size() - i) continue;
      std::size_t j = 1;
      while (j < kw.text.size() && AsciiLower(text[i + j]) == kw.text[j]) ++j;
      if (j == kw.text.size()) hits.set(kw.rule);
    }
  }
  return hits;
}

// The vectorscan prefilter: one literal database of every keyword (caseless, single match per
// keyword), compiled once on first use; expression id = index into `rule_of`. Each thread clones
// the prototype scratch space on first use. If compilation fails (unsupported CPU, library
// error) `db` stays null and Scan uses RulesWithKeywordFallback.
struct Vectorscan {
  hs_database_t* db = nullptr;
  hs_scratch_t* prototype = nullptr;
  std::vector<std::uint16_t> rule_of;  // keyword id → rule index
  std::size_t max_keyword = 0;
};

const Vectorscan& VectorscanDb() {
  static const Vectorscan vs = [] {
    Vectorscan out;
    std::vector<std::string> keywords;
    ForEachKeyword([&](std::string_view kw, std::uint16_t rule) {
      keywords.emplace_back(kw);
      out.rule_of.push_back(rule);
      out.max_keyword = std::max(out.max_keyword, kw.size());
    });
    std::vector<const char*> exprs;
    std::vector<unsigned> flags;
    std::vector<unsigned> ids;
    std::vector<std::size_t> lens;
    for (std::size_t i = 0; i < keywords.size(); ++i) {
      exprs.push_back(keywords[i].data());
      flags.push_back(HS_FLAG_CASELESS | HS_FLAG_SINGLEMATCH);
      ids.push_back(static_cast<unsigned>(i));
      lens.push_back(keywords[i].size());
    }
    hs_compile_error_t* error = nullptr;
    if (hs_compile_lit_multi(exprs.data(), flags.data(), ids.data(), lens.data(),
                             static_cast<unsigned>(exprs.size()), HS_MODE_BLOCK, nullptr, &out.db,
                             &error) != HS_SUCCESS) {
      if (error != nullptr) hs_free_compile_error(error);
      out.db = nullptr;
      return out;
    }
    if (hs_alloc_scratch(out.db, &out.prototype) != HS_SUCCESS) {
      hs_free_database(out.db);
      out.db = nullptr;
      out.prototype = nullptr;
    }
    return out;  // lives for the whole process (never freed: static storage)
  }();
  return vs;
}

// This thread's scratch space for VectorscanDb(), cloned from the prototype on first use.
hs_scratch_t* ThreadScratch(const Vectorscan& vs) {
  struct Holder {
    hs_scratch_t* scratch = nullptr;
    ~Holder() {
      if (scratch != nullptr) hs_free_scratch(scratch);
    }
  };
  thread_local Holder holder;
  if (holder.scratch == nullptr && hs_clone_scratch(vs.prototype, &holder.scratch) != HS_SUCCESS) {
    holder.scratch = nullptr;
  }
  return holder.scratch;
}

struct ScanContext {
  const Vectorscan* vs;
  RuleMask hits;
};

int OnKeyword(unsigned int id, unsigned long long /*from*/, unsigned long long /*to*/,
              unsigned int /*flags*/, void* context) {
  auto* ctx = static_cast<ScanContext*>(context);
  ctx->hits.set(ctx->vs->rule_of[id]);
  return 0;
}

// hs_scan takes an unsigned int length: larger texts go in overlapping 1 GiB chunks.
constexpr std::size_t kHsChunk = std::size_t{1} << 30;

// The rules with at least one keyword in `text` (vectorscan, or the fallback).
RuleMask RulesWithKeyword(std::string_view text) {
  const Vectorscan& vs = VectorscanDb();
  hs_scratch_t* scratch = vs.db != nullptr ? ThreadScratch(vs) : nullptr;
  if (scratch == nullptr) return RulesWithKeywordFallback(text);
  ScanContext ctx{&vs, {}};
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t len = std::min(kHsChunk, text.size() - pos);
    if (hs_scan(vs.db, text.data() + pos, static_cast<unsigned>(len), 0, scratch, OnKeyword,
                &ctx) != HS_SUCCESS) {
      return RulesWithKeywordFallback(text);
    }
    if (pos + len >= text.size()) break;
    pos += len - std::min(len - 1, vs.max_keyword);  // overlap: keywords across the boundary
  }
  return ctx.hits;
}

// Splits a variable name into lower-case tokens at `_`, `-`, `.` and lower→upper case changes.
std::vector<std::string> NameTokens(std::string_view name) {
  std::vector<std::string> tokens;
  std::string current;
  char prev = 0;
  for (char c : name) {
    if (c == '_' || c == '-' || c == '.') {
      if (!current.empty()) tokens.push_back(std::move(current));
      current.clear();
    } else {
      if (std::isupper(static_cast<unsigned char>(c)) &&
          std::islower(static_cast<unsigned char>(prev)) && !current.empty()) {
        tokens.push_back(std::move(current));
        current.clear();
      }
      current.push_back(AsciiLower(c));
    }
    prev = c;
  }
  if (!current.empty()) tokens.push_back(std::move(current));
  return tokens;
}

constexpr auto kSecretTokens = std::to_array<std::string_view>(
    {"apikey",      "apitoken", "accesskey",  "accesstoken", "auth",      "authtoken", "credential",
     "credentials", "creds",    "key",        "passphrase",  "password",  "passwd",    "pword",
     "pass",        "pwd",      "privatekey", "secret",      "secretkey", "token"});

// A token that says the value is not the secret itself: public material, a pointer to the secret
// (file, path, url, id, name) or a setting about it (length, ttl, type, …). `gpg`/`pgp`/
// `fingerprint`/`keyring`/`keyserver` cover the docker-library `ENV GPG_KEY <fingerprint>` idiom.
constexpr auto kAllowTokens = std::to_array<std::string_view>(
    {"public",    "pub",       "file",        "files",    "path",    "dir",        "version",
     "ver",       "id",        "ids",         "name",     "names",   "url",        "uri",
     "endpoint",  "host",      "hostname",    "port",     "gpg",     "pgp",        "gnupg",
     "keyring",   "keyserver", "fingerprint", "type",     "mode",    "method",     "enabled",
     "enable",    "disabled",  "disable",     "required", "length",  "len",        "size",
     "bits",      "ttl",       "timeout",     "expiry",   "expires", "expiration", "lifetime",
     "algorithm", "alg",       "format",      "provider", "realm",   "scope",      "issuer",
     "location",  "cache"});

// URL rules (`url-credentials`, `url-token`) are anchored on "://": every match is
// `scheme://userinfo@host` where the scheme is 2..31 bytes of [A-Za-z0-9+.-] (no ':') right before
// the only "://" of the match, and nothing after "://" is whitespace, '/', a quote or a backtick
// (RE2's \s is [\t\n\f\r ]). So a match starting at or after `pos` lies inside
// [max(pos, c - kMaxSchemeBytes), first stop byte after c) for the first "://" at c >= pos that
// has one, and matches anchored on a later "://" start after c. Searching those windows instead of
// the whole text gives the same matches as `re.Match(input, pos, size)`; the context stays the
// whole text, so `\b` sees the byte before a window.
constexpr std::string_view kUrlAnchor = "://";
constexpr std::size_t kMaxSchemeBytes = 31;
constexpr std::string_view kUrlStopBytes = " \t\n\f\r/'\"`";

bool IsIdentByte(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' || c == '.';
}

// `generic-secret-assignment` confirmation: the assigned name (the identifier around the keyword
// at `name_at`) must look like a credential name (LooksLikeSecretName: `token_type`,
// `secret_file`, `password_length` are not), and the value must mix letters and digits and not be
// an upper-case constant name.
bool GenericAssignmentOk(std::string_view text, std::size_t name_at, std::string_view value) {
  std::size_t begin = name_at;
  while (begin > 0 && name_at - begin < 128 && IsIdentByte(text[begin - 1])) --begin;
  std::size_t end = name_at;
  while (end < text.size() && end - name_at < 128 && IsIdentByte(text[end])) ++end;
  if (!LooksLikeSecretName(text.substr(begin, end - begin))) return false;
  // An upper-case identifier with '_' (`DB_PASSWORD_SECRET_1`) names a variable or a constant.
  const bool constant_name = value.find('_') != std::string_view::npos &&
                             std::all_of(value.begin(), value.end(), [](char c) {
                               return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
                             });
  if (constant_name) return false;
  const bool letter = std::any_of(value.begin(), value.end(), [](char c) {
    return std::isalpha(static_cast<unsigned char>(c));
  });
  const bool digit = std::any_of(value.begin(), value.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
  return letter && digit;
}

// Inline allow pragmas of detect-secrets, gitleaks and drydock on the line of a match.
bool HasAllowPragma(std::string_view line) {
  static constexpr auto kPragmas = std::to_array<std::string_view>(
      {"pragma: allowlist secret", "gitleaks:allow", "drydock:allow-secret"});
  return std::any_of(kPragmas.begin(), kPragmas.end(),
                     [&](std::string_view p) { return line.find(p) != std::string_view::npos; });
}

bool AnchoredOnUrl(const DetectorRule& rule) {
  return rule.id == "url-credentials" || rule.id == "url-token";
}

// re.Match(input, pos, input.size(), UNANCHORED, groups, n), windowed as above for URL rules.
bool MatchFrom(const RE2& re, bool url_anchored, const re2::StringPiece& input, std::size_t pos,
               re2::StringPiece* groups, int n) {
  const std::size_t size = input.size();
  if (!url_anchored) return re.Match(input, pos, size, RE2::UNANCHORED, groups, n);
  const std::string_view text(input.data(), size);
  while (pos < size) {
    const std::size_t c = text.find(kUrlAnchor, pos);
    if (c == std::string_view::npos) return false;
    const std::size_t begin = std::max(pos, c > kMaxSchemeBytes ? c - kMaxSchemeBytes : 0);
    std::size_t end = text.find_first_of(kUrlStopBytes, c + kUrlAnchor.size());
    if (end == std::string_view::npos) end = size;
    if (re.Match(input, begin, end, RE2::UNANCHORED, groups, n)) return true;
    pos = c + 1;  // a match anchored on a later "://" starts after c
  }
  return false;
}

// Capture groups Scan looks at: a pattern may offer the secret in one of a few alternatives.
constexpr int kMaxGroups = 3;

// Prefixes of values that look like credentials but are not live ones (see detector_rules.h):
// Stripe's test-mode and publishable keys.
constexpr auto kNotSecretPrefixes =
    std::to_array<std::string_view>({"sk_test_", "rk_test_", "pk_test_", "pk_live_"});

// What kGeneric rules defer to (LeftToProviderRule), from the table's keywords of the rules that
// are not kGeneric: token prefixes (lower-case [a-z0-9_.~-], 3 bytes or more), looked for at the
// start of a value; infixes (kToken keywords of 4 bytes or more, or with a '~'), looked for
// anywhere in it; and provider names ([a-z0-9_], 5 bytes or more (4 for kContext rules), starting
// with a letter and not ending in '_': "datadog", "dd_api_key", "snyk", not the prefix
// "secret_"), looked for just before a value of kMinLookAlike bytes or more. Built once.
struct ProviderWords {
  std::vector<std::string_view> prefixes;
  std::vector<std::string_view> infixes;
  std::vector<std::string_view> names;
};

const ProviderWords& ProviderKeywords() {
  static const ProviderWords words = [] {
    ProviderWords out;
    for (const DetectorRule& rule : kDetectorRules) {
      if (rule.kind == RuleKind::kGeneric) continue;
      std::string_view list = rule.keywords;
      while (!list.empty()) {
        const std::size_t comma = list.find(',');
        const std::string_view kw = list.substr(0, comma);
        const auto name_char = [](char c) {
          return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        };
        const bool token_chars = std::all_of(kw.begin(), kw.end(), [&](char c) {
          return name_char(c) || c == '.' || c == '-' || c == '~';
        });
        const bool tilde = kw.find('~') != std::string_view::npos;
        if (token_chars && (kw.size() >= 3 || tilde)) out.prefixes.push_back(kw);
        if (token_chars && rule.kind == RuleKind::kToken && (kw.size() >= 4 || tilde)) {
          out.infixes.push_back(kw);
        }
        const std::size_t min_name = rule.kind == RuleKind::kContext ? 4 : 5;
        if (kw.size() >= min_name && std::all_of(kw.begin(), kw.end(), name_char) &&
            kw.front() >= 'a' && kw.front() <= 'z' && kw.back() != '_') {
          out.names.push_back(kw);
        }
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 1);
      }
    }
    for (std::string_view p : kNotSecretPrefixes) out.prefixes.push_back(p);
    return out;
  }();
  return words;
}

// The name a value at `offset` is assigned to: the identifier right before it, past quotes,
// blanks and one assignment operator (`DATADOG_API_KEY=`, `"dd_api_key": "`, `Bearer `), at most
// 128 bytes; "" when none. Only that name decides whether a generic match is a provider's
// look-alike: a provider named elsewhere on the line (`Mistral(api_key="…")`, a URL, another
// header) does not.
std::string_view AssignedName(std::string_view text, std::size_t offset) {
  constexpr std::string_view kBetween = " \t\"'=:>,";
  std::size_t i = offset;
  while (i > 0 && offset - i < 16 && kBetween.find(text[i - 1]) != std::string_view::npos) --i;
  const std::size_t end = i;
  while (i > 0 && end - i < 128 &&
         (std::isalnum(static_cast<unsigned char>(text[i - 1])) != 0 || text[i - 1] == '_' ||
          text[i - 1] == '-' || text[i - 1] == '.')) {
    --i;
  }
  return text.substr(i, end - i);
}
// Provider credentials are long: a shorter value next to a provider's name is a password, not a
// look-alike of the provider's token, and stays a generic finding.
constexpr std::size_t kMinLookAlike = 16;

// True when the kGeneric match `value` at `offset` belongs to a provider rule instead: the value
// starts with a provider's token prefix or carries a provider's token infix, or the name it is
// assigned to (AssignedName) holds a provider's name and the value is long enough to be a
// look-alike. The provider rule has judged that span already (and rejected it when this is
// reached): a look-alike of a provider token (a wrong length, a bad checksum, a test-mode key) is
// not a generic secret either.
bool LeftToProviderRule(std::string_view text, std::size_t offset, std::string_view value) {
  const ProviderWords& words = ProviderKeywords();
  const std::string lower_value = Lower(value.substr(0, 512));
  const auto in_value = [&](std::string_view w) {
    return lower_value.find(w) != std::string::npos;
  };
  for (std::string_view p : words.prefixes) {
    if (StartsWith(lower_value, p)) return true;
  }
  if (std::any_of(words.infixes.begin(), words.infixes.end(), in_value)) return true;
  if (value.size() < kMinLookAlike) return false;
  const std::string name = Lower(AssignedName(text, offset));
  return std::any_of(words.names.begin(), words.names.end(),
                     [&](std::string_view w) { return name.find(w) != std::string::npos; });
}

// Reads the 6-character base62 number (0-9A-Za-z) in `digits`; false on another character.
bool DecodeBase62(std::string_view digits, std::uint64_t& out) {
  out = 0;
  for (char c : digits) {
    int v = -1;
    if (c >= '0' && c <= '9') v = c - '0';
    if (c >= 'A' && c <= 'Z') v = c - 'A' + 10;
    if (c >= 'a' && c <= 'z') v = c - 'a' + 36;
    if (v < 0) return false;
    out = out * 62 + static_cast<std::uint64_t>(v);
  }
  return true;
}

std::uint32_t Crc32(std::string_view data) {
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t n = 0; n < 256; ++n) {
      std::uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = (c & 1U) != 0 ? 0xEDB88320U ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  std::uint32_t crc = 0xFFFFFFFFU;
  for (unsigned char b : data) crc = table[(crc ^ b) & 0xFFU] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFFU;
}
}  // namespace

const DetectorRule* FindDetectorRule(std::string_view id) {
  for (const auto& rule : kDetectorRules) {
    if (rule.id == id) return &rule;
  }
  return nullptr;
}

double ShannonEntropy(std::string_view value) {
  if (value.empty()) return 0;
  std::array<std::size_t, 256> counts{};
  for (unsigned char c : value) ++counts[c];
  double entropy = 0;
  const double n = static_cast<double>(value.size());
  for (std::size_t count : counts) {
    if (count == 0) continue;
    double p = static_cast<double>(count) / n;
    entropy -= p * std::log2(p);
  }
  return entropy;
}

bool IsPlaceholder(std::string_view value) {
  value = Trim(value);
  // Surrounding quotes left by a caller that did not remove them.
  if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
      value.back() == value.front()) {
    value = Trim(value.substr(1, value.size() - 2));
  }
  if (value.empty()) return true;
  // Variable references and command substitutions: the secret is elsewhere.
  if (value.front() == '$' || value.find("${") != std::string_view::npos ||
      value.find("$(") != std::string_view::npos || value.find('`') != std::string_view::npos) {
    return true;
  }
  // Templates: <token>, {{ .Token }}, %TOKEN%, __TOKEN__.
  if ((value.front() == '<' && value.back() == '>') || value.find("{{") != std::string_view::npos ||
      (value.size() >= 2 && value.front() == '%' && value.back() == '%') ||
      (StartsWith(value, "__") && EndsWith(value, "__"))) {
    return true;
  }
  // One repeated character: "xxxxxxxx", "********", "0".
  if (std::all_of(value.begin(), value.end(), [&](char c) { return c == value.front(); })) {
    return true;
  }
  std::string lower = Lower(value);
  static constexpr auto kExact = std::to_array<std::string_view>(
      {"changeme", "change_me", "change-me", "changeit", "replaceme", "replace_me", "placeholder",
       "dummy",    "fake",      "todo",      "tbd",      "fixme",     "none",       "null",
       "nil",      "undefined", "redacted",  "notset",   "not_set",   "n/a",        "unset"});
  if (std::find(kExact.begin(), kExact.end(), lower) != kExact.end()) return true;
  static constexpr auto kPrefixes = std::to_array<std::string_view>(
      {"example", "sample", "your_", "your-", "yourtoken", "yoursecret", "insert", "replace",
       "enter_", "enter-", "dummy", "fake_", "placeholder", "changeme"});
  for (std::string_view p : kPrefixes) {
    if (StartsWith(lower, p)) return true;
  }
  static constexpr auto kInfixes =
      std::to_array<std::string_view>({"xxxx", "****", "....", "<your"});
  for (std::string_view p : kInfixes) {
    if (lower.find(p) != std::string::npos) return true;
  }
  return false;
}

bool LooksLikeSecretName(std::string_view name) {
  std::string lower = Lower(name);
  if (lower == "pwd" || lower == "oldpwd") return false;  // the shell's working directory
  bool secret = false;
  for (const std::string& token : NameTokens(name)) {
    if (std::find(kAllowTokens.begin(), kAllowTokens.end(), token) != kAllowTokens.end()) {
      return false;
    }
    if (std::find(kSecretTokens.begin(), kSecretTokens.end(), token) != kSecretTokens.end()) {
      secret = true;
    }
  }
  return secret;
}

std::string Mask(std::string_view secret) {
  std::size_t keep = secret.size() >= 16 ? 4 : secret.size() / 4;
  // Never cut a UTF-8 sequence: back off over continuation bytes.
  while (keep > 0 && keep < secret.size() &&
         (static_cast<unsigned char>(secret[keep]) & 0xC0) == 0x80) {
    --keep;
  }
  std::string out(secret.substr(0, keep));
  out += "\u2026(";
  out += std::to_string(secret.size());
  out += ')';
  return out;
}

std::string ExampleText(std::string_view example) {
  std::string out;
  out.reserve(example.size());
  for (std::size_t i = 0; i < example.size(); ++i) {
    if (example[i] == '|' && i + 1 < example.size() && example[i + 1] == '|') {
      ++i;
      continue;
    }
    out.push_back(example[i]);
  }
  return out;
}

std::string Base62Crc32(std::string_view payload) {
  static constexpr std::string_view kDigits =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  std::uint64_t n = Crc32(payload);
  std::string out(6, '0');
  for (std::size_t i = out.size(); i > 0 && n > 0; --i) {
    out[i - 1] = kDigits[n % 62];
    n /= 62;
  }
  return out;
}

bool ChecksumOk(Checksum kind, std::string_view token) {
  switch (kind) {
    case Checksum::kNone:
      return true;
    case Checksum::kBase62Crc32: {
      const std::size_t underscore = token.rfind('_');
      const std::string_view body =
          underscore == std::string_view::npos ? token : token.substr(underscore + 1);
      if (body.size() < 7) return false;
      const std::string_view payload = body.substr(0, body.size() - 6);
      std::uint64_t stated = 0;
      if (!DecodeBase62(body.substr(body.size() - 6), stated)) return false;
      return stated == Crc32(payload);
    }
  }
  return false;
}

detail::RuleMask detail::CandidateRules(std::string_view text, bool use_vectorscan) {
  return use_vectorscan ? RulesWithKeyword(text) : RulesWithKeywordFallback(text);
}

bool UsesVectorscan() {
  const Vectorscan& vs = VectorscanDb();
  return vs.db != nullptr && ThreadScratch(vs) != nullptr;
}

bool LooksBinary(std::string_view prefix) {
  constexpr std::size_t kSniff = 8192;
  prefix = prefix.substr(0, std::min(prefix.size(), kSniff));
  if (prefix.find('\0') != std::string_view::npos) return true;
  std::size_t invalid = 0;
  std::size_t i = 0;
  while (i < prefix.size()) {
    const auto c = static_cast<unsigned char>(prefix[i]);
    std::size_t len = 0;
    if (c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
    }
    if (len == 0) {
      ++invalid;
      ++i;
      continue;
    }
    if (i + len > prefix.size()) break;  // a sequence cut by the sniff window: not evidence
    bool ok = true;
    for (std::size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(prefix[i + k]) & 0xC0) != 0x80) ok = false;
    }
    if (ok) {
      i += len;
    } else {
      ++invalid;
      ++i;
    }
  }
  return invalid * 10 > prefix.size();
}

bool IsCredentialFileName(std::string_view path) {
  return ClassifyCredentialFile(path).has_value();
}

std::vector<FileMatch> ScanFile(std::string_view path, std::string_view content) {
  std::vector<FileMatch> out;
  if (LooksBinary(content) && !IsCredentialFileName(path)) return out;
  const std::vector<SecretMatch> matches = Scan(content);
  // Secret scanners' own files (baselines, allowlists, rule patterns): judged only when needed.
  const std::vector<ByteSpan> artefact =
      matches.empty() ? std::vector<ByteSpan>{} : ScannerArtefactSpans(path, content);
  std::size_t line = 1;
  std::size_t line_start = 0;
  std::size_t cursor = 0;
  for (const SecretMatch& m : matches) {
    if (InSpans(artefact, m.offset)) continue;
    while (cursor < m.offset) {
      const std::size_t nl = content.find('\n', cursor);
      if (nl == std::string_view::npos || nl >= m.offset) {
        cursor = m.offset;
        break;
      }
      ++line;
      line_start = nl + 1;
      cursor = nl + 1;
    }
    std::size_t line_end = content.find('\n', m.offset);
    if (line_end == std::string_view::npos) line_end = content.size();
    if (HasAllowPragma(content.substr(line_start, line_end - line_start))) continue;
    out.push_back(FileMatch{m, line, m.offset - line_start + 1});
  }
  return out;
}

// A password that is its field's name ("password", "secret", …): documentation filler.
bool IsFieldNameFiller(std::string_view value) {
  static constexpr auto kWords =
      std::to_array<std::string_view>({"password", "passwd", "pass", "secret", "pwd"});
  const std::string lower = Lower(value);
  return std::find(kWords.begin(), kWords.end(), lower) != kWords.end();
}

// The entropy a match of `rule` needs. A random string's Shannon entropy falls short of its
// alphabet's log2 by about (k - 1) / (2 n ln 2) bits (k symbols, n bytes), and varies around
// that: a fixed threshold of 3.5 bits rejects one random 32-hex-digit key in five. For token and
// context rules the threshold is therefore capped at that expectation minus kEntropySlack bits
// (the alphabet told from the value: hex, upper case and digits, alphanumeric, or more), which
// keeps rejecting runs and repeats ("0000…", "abcabc…") but no random value in ten thousand.
// Generic rules keep their threshold: for them entropy is the only evidence.
constexpr double kEntropySlack = 0.6;

double EntropyThreshold(const DetectorRule& rule, std::string_view value) {
  if (rule.kind == RuleKind::kGeneric || value.empty()) return rule.min_entropy;
  const auto all = [&](auto pred) {
    return std::all_of(value.begin(), value.end(), [&](char c) { return pred(c); });
  };
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  const auto hex = [&](char c) {
    return digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  };
  const auto upper_digit = [&](char c) { return digit(c) || (c >= 'A' && c <= 'Z'); };
  const auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  const double k = all(hex) ? 16 : all(upper_digit) ? 36 : all(alnum) ? 62 : 64;
  // A threshold above what the value's alphabet can reach says that alphabet is not the rule's
  // (ClickHouse's 4.3 bits tells its base62 secrets from SHA-1 hex): kept as it is.
  if (rule.min_entropy > std::log2(k)) return rule.min_entropy;
  const double n = static_cast<double>(value.size());
  const double expected = std::log2(std::min(k, n)) - (k - 1) / (2 * n * std::log(2.0));
  return std::min(rule.min_entropy, expected - kEntropySlack);
}

std::vector<SecretMatch> Scan(std::string_view text) {
  std::vector<SecretMatch> accepted;
  if (text.empty()) return accepted;
  const RuleMask candidates = RulesWithKeyword(text);
  if (candidates.none()) return accepted;
  const re2::StringPiece input(text.data(), text.size());
  for (std::size_t r = 0; r < kDetectorRules.size(); ++r) {
    const DetectorRule& rule = kDetectorRules[r];
    if (!candidates.test(r)) continue;
    const RE2& re = CompiledRule(r);
    if (!re.ok() || re.NumberOfCapturingGroups() < 1) continue;
    const int n = 1 + std::min(re.NumberOfCapturingGroups(), kMaxGroups);
    const bool url_anchored = AnchoredOnUrl(rule);
    const bool generic = rule.id == "generic-secret-assignment";
    std::size_t pos = 0;
    std::array<re2::StringPiece, 1 + kMaxGroups> groups;
    while (pos < text.size() && accepted.size() < kMaxMatches &&
           MatchFrom(re, url_anchored, input, pos, groups.data(), n)) {
      const re2::StringPiece& whole = groups[0];
      // The secret is the first capture group that took part in the match.
      re2::StringPiece secret;
      for (int g = 1; g < n && secret.data() == nullptr; ++g) secret = groups[g];
      std::size_t whole_end = static_cast<std::size_t>(whole.data() - text.data()) + whole.size();
      if (secret.data() == nullptr || secret.empty()) {
        pos = std::max(pos + 1, whole_end);
        continue;
      }
      std::size_t offset = static_cast<std::size_t>(secret.data() - text.data());
      std::size_t end = offset + secret.size();
      pos = std::max(pos + 1, end);
      std::string_view value(secret.data(), secret.size());
      if (IsPlaceholder(value) || IsKnownNonSecret(value, LineBefore(text, offset))) continue;
      // `postgres://user:password@localhost/db`: the field's own name stands in for the value.
      if (url_anchored && IsFieldNameFiller(value)) continue;
      if (rule.min_entropy > 0 && ShannonEntropy(value) < EntropyThreshold(rule, value)) continue;
      if (!ChecksumOk(rule.checksum, value)) continue;
      if (rule.kind == RuleKind::kGeneric && LeftToProviderRule(text, offset, value)) continue;
      if (generic &&
          !GenericAssignmentOk(text, static_cast<std::size_t>(whole.data() - text.data()), value)) {
        continue;
      }
      bool overlaps = std::any_of(accepted.begin(), accepted.end(), [&](const SecretMatch& m) {
        return offset < m.offset + m.value.size() && m.offset < end;
      });
      if (overlaps) continue;
      accepted.push_back(SecretMatch{&rule, offset, value});
    }
  }
  std::sort(accepted.begin(), accepted.end(),
            [](const SecretMatch& a, const SecretMatch& b) { return a.offset < b.offset; });
  return accepted;
}

}  // namespace drydock::secrets
