// SPDX-License-Identifier: Apache-2.0
// ReadPackageCommand over hand-built commands: manager, verb, packages, versions and paths,
// independent of the Dockerfile parser.
#include "rules/detail/packages.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

namespace drydock::rules::detail {
namespace {

// "a b c" -> a command of three unquoted words (value = text).
model::ShellCommand Cmd(std::string_view line) {
  model::ShellCommand c;
  std::istringstream in{std::string(line)};
  std::string w;
  while (in >> w) c.words.push_back({.text = w, .value = w, .quoted = false, .line = 7});
  c.line = 7;
  return c;
}

TEST(ReadPackageCommand, AptBehindSudoWithOptionValues) {
  auto c =
      Cmd("sudo -u root apt-get -o Dpkg::Options::=--force-confold -t bookworm-backports "
          "install -y curl=7.88 git/bookworm ./local.deb libc6:amd64");
  auto pc = ReadPackageCommand(c);
  ASSERT_TRUE(pc.has_value());
  EXPECT_EQ(pc->manager, PackageManager::kApt);
  EXPECT_EQ(pc->verb, "install");
  EXPECT_TRUE(pc->is_install);
  EXPECT_EQ(pc->argv_start, 3u);
  ASSERT_EQ(pc->packages.size(), 4u);
  EXPECT_EQ(pc->packages[0].name, "curl");
  EXPECT_EQ(pc->packages[0].version, "7.88");
  EXPECT_EQ(pc->packages[1].name, "git");
  EXPECT_EQ(pc->packages[1].version, "");
  EXPECT_TRUE(pc->packages[2].is_path);
  EXPECT_EQ(pc->packages[3].line, 7);
  EXPECT_TRUE(HasOption(*pc, "-y"));
  EXPECT_EQ(OptionValue(*pc, "-t").value_or(""), "bookworm-backports");
}

TEST(ReadPackageCommand, ApkVirtualAndVersionOperators) {
  auto pc =
      ReadPackageCommand(Cmd("apk add --no-cache --virtual .deps gcc=13.2.1-r0 musl-dev~1.2 "
                             "py3-pip>23"));
  ASSERT_TRUE(pc.has_value());
  EXPECT_EQ(pc->virtual_package, ".deps");
  ASSERT_EQ(pc->packages.size(), 3u);
  EXPECT_EQ(pc->packages[0].version, "13.2.1-r0");
  EXPECT_EQ(pc->packages[1].name, "musl-dev");
  EXPECT_EQ(pc->packages[1].version, "1.2");
  EXPECT_EQ(pc->packages[2].version, "23");
  auto del = ReadPackageCommand(Cmd("apk del .deps"));
  ASSERT_TRUE(del.has_value());
  EXPECT_TRUE(del->is_remove);
}

TEST(ReadPackageCommand, PipForms) {
  auto pc =
      ReadPackageCommand(Cmd("python3.12 -m pip install -r requirements.txt "
                             "--index-url https://x/simple flask[async]==3.0 requests"));
  ASSERT_TRUE(pc.has_value());
  EXPECT_EQ(pc->manager, PackageManager::kPip);
  ASSERT_EQ(pc->packages.size(), 3u);
  EXPECT_TRUE(pc->packages[0].is_path);
  EXPECT_EQ(pc->packages[1].name, "flask");
  EXPECT_EQ(pc->packages[1].version, "3.0");
  EXPECT_EQ(pc->packages[2].name, "requests");
  EXPECT_FALSE(ReadPackageCommand(Cmd("python3 -m venv /v")).has_value());
  auto at = ReadPackageCommand(Cmd("pip install pkg @ https://x/pkg.whl"));
  ASSERT_TRUE(at.has_value());
  ASSERT_EQ(at->packages.size(), 1u);
  EXPECT_EQ(at->packages[0].version, "https://x/pkg.whl");
}

TEST(ReadPackageCommand, NodeGemGoCargo) {
  auto npm = ReadPackageCommand(Cmd("npm i -g @scope/pkg@1.2.3 left-pad ./local"));
  ASSERT_TRUE(npm.has_value());
  ASSERT_EQ(npm->packages.size(), 3u);
  EXPECT_EQ(npm->packages[0].name, "@scope/pkg");
  EXPECT_EQ(npm->packages[0].version, "1.2.3");
  EXPECT_EQ(npm->packages[1].version, "");
  EXPECT_TRUE(npm->packages[2].is_path);
  auto yarn = ReadPackageCommand(Cmd("yarn global add typescript@5"));
  ASSERT_TRUE(yarn.has_value());
  EXPECT_EQ(yarn->verb, "add");
  EXPECT_EQ(yarn->packages.at(0).version, "5");
  auto gem = ReadPackageCommand(Cmd("gem install rails -v 7.1.3 --no-document"));
  ASSERT_TRUE(gem.has_value());
  EXPECT_EQ(gem->packages.at(0).version, "7.1.3");
  auto go = ReadPackageCommand(Cmd("go install -ldflags -s ./cmd/app golang.org/x/y@v1.0.0"));
  ASSERT_TRUE(go.has_value());
  ASSERT_EQ(go->packages.size(), 2u);
  EXPECT_TRUE(go->packages[0].is_path);
  EXPECT_EQ(go->packages[1].version, "v1.0.0");
  auto cargo = ReadPackageCommand(Cmd("cargo install --locked ripgrep@14.1.0"));
  ASSERT_TRUE(cargo.has_value());
  EXPECT_EQ(cargo->packages.at(0).version, "14.1.0");
}

TEST(ReadPackageCommand, RpmFamily) {
  auto dnf =
      ReadPackageCommand(Cmd("dnf --setopt=install_weak_deps=False -y install "
                             "nginx-1.24.0-1.el9 gcc-c++ @development"));
  ASSERT_TRUE(dnf.has_value());
  ASSERT_EQ(dnf->packages.size(), 3u);
  EXPECT_EQ(dnf->packages[0].name, "nginx");
  EXPECT_EQ(dnf->packages[0].version, "1.24.0-1.el9");
  EXPECT_EQ(dnf->packages[1].name, "gcc-c++");
  EXPECT_TRUE(dnf->packages[2].is_path);
  auto rpm = ReadPackageCommand(Cmd("rpm -Uvh /tmp/x.rpm"));
  ASSERT_TRUE(rpm.has_value());
  EXPECT_EQ(rpm->verb, "install");
  EXPECT_TRUE(rpm->packages.at(0).is_path);
  auto dpkg = ReadPackageCommand(Cmd("dpkg --purge curl"));
  ASSERT_TRUE(dpkg.has_value());
  EXPECT_TRUE(dpkg->is_remove);
  EXPECT_EQ(dpkg->packages.at(0).name, "curl");
}

TEST(ReadPackageCommand, AptSimulationInstallsNothing) {
  auto pc = ReadPackageCommand(Cmd("apt-get install -s postgresql-16-jit"));
  ASSERT_TRUE(pc.has_value());
  EXPECT_FALSE(pc->is_install);
}

TEST(ReadPackageCommand, NotAPackageManager) {
  EXPECT_FALSE(ReadPackageCommand(Cmd("echo apt-get install curl")).has_value());
  EXPECT_FALSE(ReadPackageCommand(model::ShellCommand{}).has_value());
  EXPECT_FALSE(ReadPackageCommand(Cmd("sudo")).has_value());
  auto update = ReadPackageCommand(Cmd("apt-get update"));
  ASSERT_TRUE(update.has_value());
  EXPECT_FALSE(update->is_install);
  EXPECT_TRUE(update->packages.empty());
}

}  // namespace
}  // namespace drydock::rules::detail
