// SPDX-License-Identifier: Apache-2.0
// purls for OS packages (FORMATS.md §6) and ParsePurl round trips.
#include "packages/purl.h"

#include <gtest/gtest.h>

namespace drydock::packages {
namespace {

Package Make(Ecosystem eco, std::string name, std::string version, std::string arch) {
  Package p;
  p.ecosystem = eco;
  p.name = std::move(name);
  p.version = std::move(version);
  p.arch = std::move(arch);
  return p;
}

TEST(Purl, FormatsExamples) {
  EXPECT_EQ(MakePurl(Make(Ecosystem::kDpkg, "openssl", "3.0.11-1~deb12u2", "amd64"), "debian", "12")
                .ToString(),
            "pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12");
  EXPECT_EQ(
      MakePurl(Make(Ecosystem::kDpkg, "libldap-2.5-0", "1:2.4.47-2+b1", "amd64"), "debian", "12")
          .ToString(),
      "pkg:deb/debian/libldap-2.5-0@1:2.4.47-2%2Bb1?arch=amd64&distro=debian-12");
  EXPECT_EQ(
      MakePurl(Make(Ecosystem::kApk, "curl", "8.5.0-r0", "x86_64"), "alpine", "3.19.1").ToString(),
      "pkg:apk/alpine/curl@8.5.0-r0?arch=x86_64&distro=3.19.1");
  // Qualifiers sorted by key: arch, distro, epoch.
  EXPECT_EQ(MakePurl(Make(Ecosystem::kRpm, "openssl", "1:3.0.7-27.el9", "x86_64"), "rhel", "9.3")
                .ToString(),
            "pkg:rpm/redhat/openssl@3.0.7-27.el9?arch=x86_64&distro=rhel-9.3&epoch=1");
  EXPECT_EQ(
      MakePurl(Make(Ecosystem::kRpm, "NetworkManager", "1.42.2-1.fc38", "x86_64"), "fedora", "38")
          .ToString(),
      "pkg:rpm/fedora/NetworkManager@1.42.2-1.fc38?arch=x86_64&distro=fedora-38");
  EXPECT_EQ(MakePurl(Make(Ecosystem::kRpm, "glibc", "2.34-52.amzn2023", "aarch64"), "amzn", "2023")
                .namespace_,
            "amazon");
  EXPECT_EQ(PurlNamespace("rocky"), "rocky");
  EXPECT_EQ(PurlNamespace("almalinux"), "almalinux");
  EXPECT_EQ(PurlNamespace("ol"), "oracle");
  // Unknown OS: the ecosystem's default namespace, no distro.
  EXPECT_EQ(MakePurl(Make(Ecosystem::kDpkg, "a", "1", ""), "", "").ToString(),
            "pkg:deb/debian/a@1");
  EXPECT_EQ(MakePurl(Make(Ecosystem::kDpkg, "bash", "5.2", "amd64"), "ubuntu", "22.04").ToString(),
            "pkg:deb/ubuntu/bash@5.2?arch=amd64&distro=ubuntu-22.04");
}

TEST(Purl, ParseSpecExamplesAndRoundTrip) {
  auto p = ParsePurl("pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie");
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->type, "deb");
  EXPECT_EQ(p->namespace_, "debian");
  EXPECT_EQ(p->name, "curl");
  EXPECT_EQ(p->version, "7.50.3-1");
  EXPECT_EQ(p->Qualifier("arch"), "i386");
  EXPECT_EQ(p->Qualifier("distro"), "jessie");
  auto maven = ParsePurl(
      "PKG:Maven/org.apache.xmlgraphics/batik-anim@1.9.1?repositories_url=x&"
      "classifier=sources#sub/path/../file");
  ASSERT_TRUE(maven);
  EXPECT_EQ(maven->type, "maven");
  EXPECT_EQ(maven->qualifiers.front().first, "classifier");  // sorted
  EXPECT_EQ(maven->subpath, "sub/path/file");
  auto npm = ParsePurl("pkg:npm/%40angular/animation@12.3.1");
  ASSERT_TRUE(npm);
  EXPECT_EQ(npm->namespace_, "@angular");
  EXPECT_EQ(npm->ToString(), "pkg:npm/%40angular/animation@12.3.1");
  auto encoded = ParsePurl("pkg:deb/debian/libldap@1:2.4.47-2%2Bb1?arch=amd64");
  ASSERT_TRUE(encoded);
  EXPECT_EQ(encoded->version, "1:2.4.47-2+b1");
  // Every FormatsExamples purl parses back to the same Purl.
  for (const Purl& made :
       {MakePurl(Make(Ecosystem::kRpm, "openssl", "1:3.0.7-27.el9", "x86_64"), "rhel", "9.3"),
        MakePurl(Make(Ecosystem::kDpkg, "g++ (weird) name", "1:2+b1 x?&#@", "amd64"), "debian",
                 "12")}) {
    auto back = ParsePurl(made.ToString());
    ASSERT_TRUE(back) << made.ToString();
    EXPECT_EQ(*back, made) << made.ToString();
  }
}

TEST(Purl, ParseErrors) {
  for (const char* bad :
       {"", "deb/debian/a@1", "pkg:", "pkg:deb", "pkg:deb/", "pkg:1deb/a", "pkg:deb/a@1%2",
        "pkg:deb/a@1%zz", "pkg:deb/a?arch", "pkg:deb/a?b@d=1", "pkg:deb/a?arch=1&arch=2"}) {
    EXPECT_FALSE(ParsePurl(bad)) << bad;
  }
}

}  // namespace
}  // namespace drydock::packages
