// SPDX-License-Identifier: Apache-2.0
// os-release parsing on the files real images ship (and the built test image when present).
#include "packages/os_release.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace drydock::packages {
namespace {

TEST(OsRelease, Debian12) {
  OsRelease r = ParseOsRelease(
      "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\n"
      "VERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\nVERSION_CODENAME=bookworm\nID=debian\n"
      "HOME_URL=\"https://www.debian.org/\"\n");
  EXPECT_EQ(r.id, "debian");
  EXPECT_EQ(r.version_id, "12");
  EXPECT_EQ(r.version_codename, "bookworm");
  EXPECT_EQ(r.pretty_name, "Debian GNU/Linux 12 (bookworm)");
  EXPECT_EQ(r.Release(), "12");
}

TEST(OsRelease, AlpineUbuntuAndRhelFamilyReleases) {
  EXPECT_EQ(ParseOsRelease("NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.20.3\n").Release(),
            "3.20");
  OsRelease ubuntu = ParseOsRelease("ID=ubuntu\nID_LIKE=debian\nVERSION_ID=\"22.04\"\n");
  EXPECT_EQ(ubuntu.Release(), "22.04");
  EXPECT_EQ(ubuntu.id_like, "debian");
  EXPECT_EQ(ParseOsRelease("ID=\"rocky\"\nID_LIKE=\"rhel centos fedora\"\nVERSION_ID=\"9.4\"\n")
                .Release(),
            "9");
  EXPECT_EQ(ParseOsRelease("ID=\"amzn\"\nVERSION_ID=\"2023\"\n").Release(), "2023");
  EXPECT_EQ(ParseOsRelease("ID=debian\n").Release(), "");  // sid has no VERSION_ID
}

TEST(OsRelease, QuotingCommentsAndBadLines) {
  OsRelease r = ParseOsRelease(
      "# comment\n\n  ID=Debian  \nNAME='Single Quoted'\nX=\"a \\\"b\\\" \\$c \\\\d\"\n"
      "BAD LINE\nTWO=words here\nUNTERMINATED=\"abc\n=novalue\nEMPTY=\nCRLF=yes\r\n");
  EXPECT_EQ(r.id, "debian");  // lower-cased
  EXPECT_EQ(r.fields.at("NAME"), "Single Quoted");
  EXPECT_EQ(r.fields.at("X"), "a \"b\" $c \\d");
  EXPECT_EQ(r.fields.count("TWO"), 0u);
  EXPECT_EQ(r.fields.count("UNTERMINATED"), 0u);
  EXPECT_EQ(r.fields.at("EMPTY"), "");
  EXPECT_EQ(r.fields.at("CRLF"), "yes");
  EXPECT_TRUE(ParseOsRelease("").empty());
  EXPECT_TRUE(ParseOsRelease(std::string(1 << 20, '\n')).empty());
}

// This machine's own file is a real-world sample too (CI runs on Debian 12).
TEST(OsRelease, ThisMachine) {
  if (!std::filesystem::exists("/etc/os-release")) GTEST_SKIP() << "no /etc/os-release here";
  std::ifstream in("/etc/os-release");
  std::stringstream text;
  text << in.rdbuf();
  OsRelease r = ParseOsRelease(text.str());
  EXPECT_FALSE(r.id.empty());
  EXPECT_FALSE(r.pretty_name.empty());
}

}  // namespace
}  // namespace drydock::packages
