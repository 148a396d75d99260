// SPDX-License-Identifier: Apache-2.0
// Byte sizes (docker/go-units RAMInBytes), command words, short ports and short volumes.
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sources/compose/compose.h"
#include "sources/compose/detail.h"

namespace drydock::sources::compose {
namespace {

constexpr std::int64_t kKi = 1024;
constexpr std::int64_t kMi = kKi * 1024;
constexpr std::int64_t kGi = kMi * 1024;
constexpr std::int64_t kTi = kGi * 1024;
constexpr std::int64_t kPi = kTi * 1024;

TEST(ByteSize, AcceptsWhatDockerAccepts) {
  struct Case {
    const char* text;
    std::int64_t bytes;
  };
  const Case cases[] = {
      {"0", 0},
      {"32", 32},
      {"32b", 32},
      {"32B", 32},
      {"32k", 32 * kKi},
      {"32K", 32 * kKi},
      {"32kb", 32 * kKi},
      {"32Kb", 32 * kKi},
      {"32Kib", 32 * kKi},
      {"32KIB", 32 * kKi},
      {"32ki", 32 * kKi},
      {"512m", 512 * kMi},
      {"32Mb", 32 * kMi},
      {"1g", kGi},
      {"32Gb", 32 * kGi},
      {"2GiB", 2 * kGi},
      {"32Tb", 32 * kTi},
      {"32Pb", 32 * kPi},
      {"32PB", 32 * kPi},
      {"32P", 32 * kPi},
      {"32.3", 32},
      {"32.5 B", 32},
      {"1.5gb", kGi + kGi / 2},
      {"1.5 g", kGi + kGi / 2},
      {"0.5m", kMi / 2},
      {"32.3 mb", static_cast<std::int64_t>(32.3 * kMi)},
      {"0.3MB", static_cast<std::int64_t>(0.3 * kMi)},
      {"100k", 100 * kKi},
      {"1024", 1024},
      {"32 ", 32},
  };
  for (const auto& c : cases) {
    auto v = ParseByteSize(c.text);
    ASSERT_TRUE(v.has_value()) << c.text;
    EXPECT_EQ(*v, c.bytes) << c.text;
  }
}

TEST(ByteSize, RefusesWhatDockerRefuses) {
  for (const char* text : {"",
                           "hello",
                           "-32",
                           "-1",
                           " 32",
                           ".3kB",
                           "32m b",
                           "32bm",
                           "32x",
                           "32kk",
                           "32kbb",
                           "1.2.3",
                           "1e6",
                           "m",
                           "0x10",
                           "32  m",
                           "32ib",
                           "32i",
                           "99999999999999999999p",
                           "1.g"}) {
    EXPECT_FALSE(ParseByteSize(text).has_value()) << "'" << text << "'";
  }
}

TEST(SplitCommand, QuotesAndEscapes) {
  using V = std::vector<std::string>;
  EXPECT_EQ(detail::SplitCommand("npm run  start"), (V{"npm", "run", "start"}));
  EXPECT_EQ(detail::SplitCommand("sh -c 'echo hi; exit 1'"), (V{"sh", "-c", "echo hi; exit 1"}));
  EXPECT_EQ(detail::SplitCommand(R"(echo "a \"b\" c" d\ e)"), (V{"echo", R"(a "b" c)", "d e"}));
  EXPECT_EQ(detail::SplitCommand(R"(x"y"'z')"), (V{"xyz"}));
  EXPECT_EQ(detail::SplitCommand(R"(a "" b)"), (V{"a", "", "b"}));
  EXPECT_EQ(detail::SplitCommand("   "), V{});
  EXPECT_FALSE(detail::SplitCommand("echo 'open").has_value());
  EXPECT_FALSE(detail::SplitCommand("echo \"open").has_value());
}

TEST(ShortPort, Forms) {
  auto p = detail::ParseShortPort("8080:80");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->host_port, 8080);
  EXPECT_EQ(p->container_port, 80);
  EXPECT_EQ(p->protocol, "tcp");
  EXPECT_EQ(p->host_ip, "");

  p = detail::ParseShortPort("127.0.0.1:8080:80/udp");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->host_ip, "127.0.0.1");
  EXPECT_EQ(p->host_port, 8080);
  EXPECT_EQ(p->container_port, 80);
  EXPECT_EQ(p->protocol, "udp");

  p = detail::ParseShortPort("80");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->host_port, 0);
  EXPECT_EQ(p->container_port, 80);

  p = detail::ParseShortPort("8000-8010:9000-9010");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->host_port, 8000);
  EXPECT_EQ(p->container_port, 9000);

  p = detail::ParseShortPort("127.0.0.1::5000");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->host_ip, "127.0.0.1");
  EXPECT_EQ(p->host_port, 0);
  EXPECT_EQ(p->container_port, 5000);

  p = detail::ParseShortPort("[::1]:6001:6001");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->host_ip, "::1");
  EXPECT_EQ(p->host_port, 6001);

  p = detail::ParseShortPort("::1:6002:6002");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->host_ip, "::1");
  EXPECT_EQ(p->host_port, 6002);

  for (const char* bad : {"", "http", "80:", "70000", "8080:80/", "a:80", "1-:80", "[::1:80:80"}) {
    EXPECT_FALSE(detail::ParseShortPort(bad).has_value()) << bad;
  }
}

TEST(ShortVolume, Forms) {
  auto v = detail::SplitShortVolume("/data");
  EXPECT_EQ(v.source, "");
  EXPECT_EQ(v.target, "/data");
  v = detail::SplitShortVolume("db:/var/lib/db:ro,z");
  EXPECT_EQ(v.source, "db");
  EXPECT_EQ(v.target, "/var/lib/db");
  EXPECT_EQ(v.mode, "ro,z");
  v = detail::SplitShortVolume(R"(C:\data:/data:rw)");
  EXPECT_EQ(v.source, R"(C:\data)");
  EXPECT_EQ(v.target, "/data");
  EXPECT_EQ(v.mode, "rw");
  EXPECT_TRUE(detail::IsHostPath("./x"));
  EXPECT_TRUE(detail::IsHostPath("~/x"));
  EXPECT_TRUE(detail::IsHostPath("/x"));
  EXPECT_TRUE(detail::IsHostPath("c:/x"));
  EXPECT_FALSE(detail::IsHostPath("data"));
  EXPECT_FALSE(detail::IsHostPath(""));
}

}  // namespace
}  // namespace drydock::sources::compose
