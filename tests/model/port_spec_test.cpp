// SPDX-License-Identifier: Apache-2.0
#include "model/port_spec.h"

#include <gtest/gtest.h>

namespace drydock::model {
namespace {

constexpr PortDialect kBoth[] = {PortDialect::kDockerRun, PortDialect::kCompose};

TEST(PortSpec, EveryShortFormInBothDialects) {
  for (PortDialect dialect : kBoth) {
    auto p = ParsePortSpec("80", dialect);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->container_port, 80);
    EXPECT_EQ(p->host_port, 0);
    EXPECT_EQ(p->protocol, "tcp");
    p = ParsePortSpec("0.0.0.0:8080:80/UDP", dialect);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->host_ip, "0.0.0.0");
    EXPECT_EQ(p->host_port, 8080);
    EXPECT_EQ(p->protocol, "udp");
    p = ParsePortSpec("127.0.0.1::53/sctp", dialect);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->host_port, 0);
    EXPECT_EQ(p->container_port, 53);
    p = ParsePortSpec("[2001:db8::1]:443:8443", dialect);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->host_ip, "2001:db8::1");
    EXPECT_EQ(p->host_port, 443);
    EXPECT_EQ(p->container_port, 8443);
    p = ParsePortSpec("::1:6002:6003", dialect);  // unbracketed IPv6: the last two are ports
    ASSERT_TRUE(p);
    EXPECT_EQ(p->host_ip, "::1");
    EXPECT_EQ(p->host_port, 6002);
    EXPECT_EQ(p->container_port, 6003);
    p = ParsePortSpec("8000-8010:9000-9010", dialect);  // ranges keep the first port
    ASSERT_TRUE(p);
    EXPECT_EQ(p->host_port, 8000);
    EXPECT_EQ(p->container_port, 9000);
    for (const char* bad : {"", "http", "80:", "70000", "a:80", "1-:80", "80-70000", "[::1:80:80",
                            "[::1]80:80", "[::1]:80", "123456"}) {
      EXPECT_FALSE(ParsePortSpec(bad, dialect)) << bad;
    }
  }
}

TEST(PortSpec, TheDialectsDifferOnlyInTheProtocol) {
  EXPECT_EQ(ParsePortSpec("80/", PortDialect::kDockerRun)->protocol, "tcp");
  EXPECT_FALSE(ParsePortSpec("80/", PortDialect::kCompose));
  EXPECT_EQ(ParsePortSpec("80/xyz", PortDialect::kDockerRun).error(), "invalid proto: xyz");
  EXPECT_EQ(ParsePortSpec("80/xyz", PortDialect::kCompose)->protocol, "xyz");
}

TEST(PortSpec, ErrorsUseDockersWording) {
  EXPECT_EQ(ParsePortSpec("x", PortDialect::kDockerRun).error(), "invalid containerPort: x");
  EXPECT_EQ(ParsePortSpec("y:80", PortDialect::kDockerRun).error(), "invalid hostPort: y");
  EXPECT_EQ(ParsePortSpec("[::1", PortDialect::kDockerRun).error(), "invalid ip address: [::1");
}

}  // namespace
}  // namespace drydock::model
