// SPDX-License-Identifier: Apache-2.0
// SHA-256 through OpenSSL's EVP interface, streaming and one-shot, and the checks on the
// "sha256:<64 hex>" digests that OCI and Docker name content by. The one place the project hashes.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace drydock::core {

// Incremental SHA-256. Not thread-safe; one hasher per stream.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void Update(const void* data, std::size_t size);
  void Update(std::string_view bytes) { Update(bytes.data(), bytes.size()); }
  // Lower-case hex of the digest ("" when OpenSSL has no SHA-256); the hasher cannot be updated
  // afterwards.
  std::string Hex();

 private:
  struct Ctx;
  std::unique_ptr<Ctx> ctx_;
};

// Lower-case hex SHA-256 of `bytes`.
std::string Sha256Hex(std::string_view bytes);

// True for exactly 64 lower-case hex digits.
bool IsSha256Hex(std::string_view hex);

}  // namespace drydock::core
