// SPDX-License-Identifier: Apache-2.0
#include "core/digest.h"

#include <gtest/gtest.h>

#include <string>

namespace drydock::core {
namespace {

// FIPS 180-2 appendix B test vectors.
constexpr std::string_view kEmpty =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
constexpr std::string_view kAbc =
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
constexpr std::string_view kTwoBlocks =
    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";

TEST(Digest, OneShotMatchesTheStandardVectors) {
  EXPECT_EQ(Sha256Hex(""), kEmpty);
  EXPECT_EQ(Sha256Hex("abc"), kAbc);
  EXPECT_EQ(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"), kTwoBlocks);
}

TEST(Digest, StreamingEqualsOneShotWhateverTheChunking) {
  const std::string text = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  for (std::size_t chunk = 1; chunk <= text.size(); ++chunk) {
    Sha256 hash;
    for (std::size_t at = 0; at < text.size(); at += chunk) {
      hash.Update(std::string_view(text).substr(at, chunk));
    }
    hash.Update(nullptr, 0);  // an empty update changes nothing
    EXPECT_EQ(hash.Hex(), kTwoBlocks) << "chunk " << chunk;
  }
}

TEST(Digest, FinishedHasherIgnoresFurtherInput) {
  Sha256 hash;
  hash.Update("abc");
  EXPECT_EQ(hash.Hex(), kAbc);
  hash.Update("more");
  EXPECT_EQ(hash.Hex(), "");
}

TEST(Digest, HexDigestShape) {
  EXPECT_TRUE(IsSha256Hex(kAbc));
  EXPECT_FALSE(IsSha256Hex(kAbc.substr(1)));
  EXPECT_FALSE(IsSha256Hex(std::string(kAbc.substr(1)) + "A"));  // upper case is not canonical
  EXPECT_FALSE(IsSha256Hex(std::string(kAbc.substr(1)) + "g"));
  EXPECT_FALSE(IsSha256Hex(""));
}

}  // namespace
}  // namespace drydock::core
