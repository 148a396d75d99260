// SPDX-License-Identifier: Apache-2.0
#include "sbom/sbom.h"

#include <openssl/evp.h>

#include <charconv>
#include <cstdlib>
#include <ctime>

namespace drydock::sbom {
namespace {

// The RFC 9562 URL namespace (6ba7b811-9dad-11d1-80b4-00c04fd430c8); callers name things with a
// "drydock:sbom:" prefix.
constexpr unsigned char kNamespace[16] = {0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
                                          0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};

std::string FormatTime(std::time_t t) {
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buf[32];
  const std::size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return std::string(buf, n);
}

}  // namespace

std::string NameUuid(std::string_view name) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  bool ok = ctx != nullptr && EVP_DigestInit_ex(ctx, EVP_sha1(), nullptr) == 1 &&
            EVP_DigestUpdate(ctx, kNamespace, sizeof kNamespace) == 1 &&
            EVP_DigestUpdate(ctx, name.data(), name.size()) == 1 &&
            EVP_DigestFinal_ex(ctx, digest, &length) == 1 && length >= 16;
  EVP_MD_CTX_free(ctx);
  if (!ok) {
    // No SHA-1 (a FIPS-restricted OpenSSL): a fixed, still well-formed UUID.
    for (unsigned char& b : digest) b = 0;
  }
  digest[6] = static_cast<unsigned char>((digest[6] & 0x0f) | 0x50);  // version 5
  digest[8] = static_cast<unsigned char>((digest[8] & 0x3f) | 0x80);  // RFC 9562 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

std::string CurrentTimestamp() {
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
    long long seconds = 0;
    const std::string_view text(epoch);
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    // Up to year 9999, the range RFC 3339 can write.
    if (ec == std::errc() && end == text.data() + text.size() && seconds >= 0 &&
        seconds < 253402300800LL) {
      return FormatTime(static_cast<std::time_t>(seconds));
    }
  }
  return FormatTime(std::time(nullptr));
}

WriteOptions Resolve(const WriteOptions& options) {
  WriteOptions out = options;
  if (out.timestamp.empty()) out.timestamp = CurrentTimestamp();
  if (out.tool_version.empty()) out.tool_version = DRYDOCK_VERSION;
  return out;
}

}  // namespace drydock::sbom
