// SPDX-License-Identifier: Apache-2.0
// Value syntaxes of docker run flags (go-units sizes, NanoCPUs, ports, volumes,
// ulimits).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sources/dockerrun/detail/values.h"

namespace drydock::sources::dockerrun::detail {
namespace {

TEST(DockerRunValues, RamInBytes) {
  EXPECT_EQ(*RamInBytes("0"), 0);
  EXPECT_EQ(*RamInBytes("100"), 100);
  EXPECT_EQ(*RamInBytes("100b"), 100);
  EXPECT_EQ(*RamInBytes("1k"), 1024);
  EXPECT_EQ(*RamInBytes("1K"), 1024);
  EXPECT_EQ(*RamInBytes("1kb"), 1024);
  EXPECT_EQ(*RamInBytes("1KiB"), 1024);
  EXPECT_EQ(*RamInBytes("512m"), 512LL << 20);
  EXPECT_EQ(*RamInBytes("512 MB"), 512LL << 20);
  EXPECT_EQ(*RamInBytes("2g"), 2LL << 30);
  EXPECT_EQ(*RamInBytes("1t"), 1LL << 40);
  EXPECT_EQ(*RamInBytes("1p"), 1LL << 50);
  EXPECT_EQ(*RamInBytes("1.5k"), 1536);
  EXPECT_EQ(*RamInBytes("0.5m"), 512 * 1024);
  EXPECT_EQ(*RamInBytes("7 "), 7);  // the optional space before an absent unit
  for (const char* bad :
       {"", "abc", "m", "-1", "1x", "1mm", "1kbb", "1.k", ".5m", "1.2.3", "1e3", "99999999999p"}) {
    EXPECT_FALSE(RamInBytes(bad).has_value()) << bad;
  }
  EXPECT_EQ(RamInBytes("abc").error(), "invalid size: 'abc'");
  EXPECT_EQ(*MemorySwap("-1"), -1);
  EXPECT_FALSE(MemorySwap("-2").has_value());
}

TEST(DockerRunValues, Cpus) {
  EXPECT_DOUBLE_EQ(*Cpus("1"), 1.0);
  EXPECT_DOUBLE_EQ(*Cpus("1.0"), 1.0);
  EXPECT_DOUBLE_EQ(*Cpus("0.25"), 0.25);
  EXPECT_DOUBLE_EQ(*Cpus(".5"), 0.5);
  EXPECT_DOUBLE_EQ(*Cpus("3/2"), 1.5);
  EXPECT_DOUBLE_EQ(*Cpus("2e-1"), 0.2);
  EXPECT_DOUBLE_EQ(*Cpus("1.000000000000"), 1.0);
  EXPECT_EQ(Cpus("0.0000000001").error(), "value is too precise");
  EXPECT_EQ(Cpus("x").error(), "failed to parse x as a rational number");
  EXPECT_FALSE(Cpus("1/0").has_value());
  EXPECT_FALSE(Cpus("").has_value());
  EXPECT_FALSE(Cpus("1..2").has_value());
}

TEST(DockerRunValues, IntsAndBools) {
  EXPECT_EQ(*ParseInt64("-1"), -1);
  EXPECT_EQ(*ParseInt64("+7"), 7);
  EXPECT_EQ(*ParseInt64("9223372036854775807"), 9223372036854775807LL);
  EXPECT_EQ(*ParseInt64("-9223372036854775808"), INT64_MIN);
  EXPECT_FALSE(ParseInt64("9223372036854775808").has_value());
  EXPECT_FALSE(ParseInt64("").has_value());
  EXPECT_FALSE(ParseInt64("1k").has_value());
  for (const char* t : {"1", "t", "T", "true", "TRUE", "True"}) EXPECT_TRUE(*ParseBool(t));
  for (const char* f : {"0", "f", "F", "false", "FALSE", "False"}) EXPECT_FALSE(*ParseBool(f));
  EXPECT_FALSE(ParseBool("yes").has_value());
}

TEST(DockerRunValues, Ports) {
  model::Port p = *Port("80");
  EXPECT_EQ(p.container_port, 80);
  EXPECT_EQ(p.host_port, 0);
  EXPECT_EQ(p.protocol, "tcp");
  p = *Port("0.0.0.0:8080:80/UDP");
  EXPECT_EQ(p.host_ip, "0.0.0.0");
  EXPECT_EQ(p.host_port, 8080);
  EXPECT_EQ(p.protocol, "udp");
  p = *Port("127.0.0.1::53/sctp");
  EXPECT_EQ(p.host_port, 0);
  EXPECT_EQ(p.container_port, 53);
  p = *Port("[2001:db8::1]:443:443");
  EXPECT_EQ(p.host_ip, "2001:db8::1");
  p = *Port("::1:8080:80");  // unbracketed IPv6: the last two parts are the ports
  EXPECT_EQ(p.host_ip, "::1");
  EXPECT_EQ(p.host_port, 8080);
  EXPECT_EQ(Port("80/xyz").error(), "invalid proto: xyz");
  EXPECT_FALSE(Port("99999").has_value());
  EXPECT_FALSE(Port("a:80").has_value());
  EXPECT_FALSE(Port("80-").has_value());
  EXPECT_FALSE(Port("published=80,bogus").has_value());
}

TEST(DockerRunValues, VolumesAndTmpfs) {
  model::MountPoint v = *Volume("/src:/dst:ro,Z");
  EXPECT_EQ(v.type, model::MountType::kBind);
  EXPECT_TRUE(v.read_only);
  EXPECT_THAT(v.options, ::testing::ElementsAre("ro", "Z"));
  EXPECT_EQ(Volume("name:/d")->type, model::MountType::kVolume);
  EXPECT_EQ(Volume("sub/dir:/d")->type, model::MountType::kBind);
  EXPECT_FALSE(Volume("a:b:c:d").has_value());
  EXPECT_FALSE(Volume("").has_value());
  EXPECT_FALSE(Volume("/a:").has_value());
  model::MountPoint t = Tmpfs("/run:ro,size=1m");
  EXPECT_TRUE(t.read_only);
  EXPECT_EQ(t.target, "/run");
  EXPECT_TRUE(Tmpfs("/x").options.empty());
}

TEST(DockerRunValues, MountCsvQuoting) {
  model::MountPoint m = *Mount("type=bind,\"src=/a,b\",dst=/c");
  EXPECT_EQ(m.source, "/a,b");
  EXPECT_FALSE(Mount("type=bind,\"src=/a").has_value());
  EXPECT_FALSE(Mount("type=weird").has_value());
  EXPECT_FALSE(Mount("justakey").has_value());
  EXPECT_FALSE(Mount("ro=maybe").has_value());
  EXPECT_EQ(Mount("type=image,src=x,dst=/y")->type, model::MountType::kOther);
}

TEST(DockerRunValues, UlimitSysctlCaps) {
  Ulimit u = *ParseUlimit("nofile=100");
  EXPECT_EQ(u.soft, 100);
  EXPECT_EQ(u.hard, 100);
  EXPECT_FALSE(ParseUlimit("nofile").has_value());
  EXPECT_FALSE(ParseUlimit("nofile=1:2:3").has_value());
  EXPECT_FALSE(ParseUlimit("nofile=a").has_value());
  EXPECT_EQ(ParseSysctl("net.core.somaxconn=1024")->value, "1024");
  EXPECT_EQ(ParseSysctl("fs.mqueue.msg_max=a=b")->value, "a=b");
  EXPECT_FALSE(ParseSysctl("net.x").has_value());
  EXPECT_FALSE(ParseSysctl("vm.swappiness=1").has_value());
}

}  // namespace
}  // namespace drydock::sources::dockerrun::detail
