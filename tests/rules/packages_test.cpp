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

// What each verb does, by manager and alias: the flags the cache, prompt and update rules read.
TEST(ReadPackageCommand, VerbKindsPerManagerAndAlias) {
  struct Case {
    const char* line;
    bool install, upgrade, refresh, clean, remove;
  } cases[] = {
      {"apt-get update", false, false, true, false, false},
      {"aptitude install -y curl", true, false, false, false, false},
      {"apt full-upgrade -y", false, true, false, false, false},
      {"apt-get clean", false, false, false, true, false},
      {"apk update", false, false, true, false, false},
      {"apk upgrade --no-cache", false, true, false, false, false},
      {"apk cache clean", false, false, false, true, false},
      {"dnf in -y x", true, false, false, false, false},
      {"dnf rei -y x", true, false, false, false, false},
      {"dnf -y up", false, true, false, false, false},
      {"dnf -y up-min", false, true, false, false, false},
      {"dnf -y upgrade-minimal", false, true, false, false, false},
      {"dnf5 -y distro-sync", false, true, false, false, false},
      {"microdnf install -y x", true, false, false, false, false},
      {"tdnf makecache", false, false, true, false, false},
      {"yum clean all", false, false, false, true, false},
      {"yum clean -y all", false, false, false, true, false},
      {"yum clean metadata", false, false, false, false, false},
      {"yum update -y", false, true, false, false, false},
      {"zypper -n in x", true, false, false, false, false},
      {"zypper patch", false, true, false, false, false},
      {"zypper dup", false, true, false, false, false},
      {"zypper rm x", false, false, false, false, true},
      {"zypper ref", false, false, true, false, false},
      {"zypper cc -a", false, false, false, true, false},
      {"pip cache purge", false, false, false, true, false},
      {"uv pip install flask==3", true, false, false, false, false},
      {"uv cache clean", false, false, false, true, false},
      {"npm cache clean --force", false, false, false, true, false},
      {"yarn cache clean", false, false, false, true, false},
      {"pnpm add x@1", true, false, false, false, false},
      {"conda clean -afy", false, false, false, true, false},
      {"conda clean --index-cache", false, false, false, false, false},
      {"mamba install -y x=1", true, false, false, false, false},
      {"bundle install", true, false, false, false, false},
      {"go clean -modcache", false, false, false, true, false},
  };
  for (const auto& c : cases) {
    auto pc = ReadPackageCommand(Cmd(c.line));
    ASSERT_TRUE(pc.has_value()) << c.line;
    EXPECT_EQ(pc->is_install, c.install) << c.line;
    EXPECT_EQ(pc->is_upgrade, c.upgrade) << c.line;
    EXPECT_EQ(pc->is_refresh, c.refresh) << c.line;
    EXPECT_EQ(pc->is_clean, c.clean) << c.line;
    EXPECT_EQ(pc->is_remove, c.remove) << c.line;
  }
}

TEST(ReadPackageCommand, GroupVerbsKeepTheirAction) {
  auto module = ReadPackageCommand(Cmd("dnf -y module install nodejs:20/common perl"));
  ASSERT_TRUE(module.has_value());
  EXPECT_EQ(module->verb, "module");
  EXPECT_EQ(module->subcommand, "install");
  ASSERT_EQ(module->packages.size(), 2u);
  EXPECT_EQ(module->packages[0].name, "nodejs");
  EXPECT_EQ(module->packages[0].version, "20/common");
  EXPECT_EQ(module->packages[1].version, "");
  auto group = ReadPackageCommand(Cmd("dnf group install -y Development"));
  ASSERT_TRUE(group.has_value());
  EXPECT_EQ(group->verb, "groupinstall");
  EXPECT_TRUE(group->packages.at(0).is_path);
  auto uv = ReadPackageCommand(Cmd("uv pip install --system flask"));
  ASSERT_TRUE(uv.has_value());
  EXPECT_EQ(uv->manager, PackageManager::kUv);
  EXPECT_EQ(uv->subcommand, "install");
  EXPECT_EQ(uv->packages.at(0).name, "flask");
}

TEST(ReadPackageCommand, RpmVersionsAreToldFromNames) {
  struct Case {
    const char* spec;
    const char* name;
    const char* version;
  } cases[] = {
      {"rpm-sign-4.16.1.3", "rpm-sign", "4.16.1.3"},
      {"gcc-c++-1.1.1", "gcc-c++", "1.1.1"},
      {"openssl-1:1.1.1k", "openssl", "1:1.1.1k"},
      {"nginx-1.20.1-14.el9.x86_64", "nginx", "1.20.1-14.el9.x86_64"},
      {"java-1.8.0-openjdk", "java-1.8.0-openjdk", ""},
      {"java-17-openjdk-headless", "java-17-openjdk-headless", ""},
      {"java-1.8.0-openjdk-devel-1.8.0.392-1.el8", "java-1.8.0-openjdk-devel", "1.8.0.392-1.el8"},
      {"python3-pip", "python3-pip", ""},
      {"tomcat>=9.0", "tomcat", "9.0"},
  };
  for (const auto& c : cases) {
    auto pc = ReadPackageCommand(Cmd(std::string("yum install -y ") + c.spec));
    ASSERT_TRUE(pc.has_value());
    ASSERT_EQ(pc->packages.size(), 1u) << c.spec;
    EXPECT_EQ(pc->packages[0].name, c.name) << c.spec;
    EXPECT_EQ(pc->packages[0].version, c.version) << c.spec;
  }
}

TEST(ReadPackageCommand, VcsAndLocalSources) {
  auto pip =
      ReadPackageCommand(Cmd("pip install git+https://github.com/a/read-ext.git#egg=read-ext "
                             "git+ssh://git@github.com/a/b.git@0.6-alpha foo/bar https://x/y.zip"));
  ASSERT_TRUE(pip.has_value());
  ASSERT_EQ(pip->packages.size(), 4u);
  EXPECT_EQ(pip->packages[0].name, "read-ext");
  EXPECT_EQ(pip->packages[0].version, "");
  EXPECT_FALSE(pip->packages[0].is_path);
  EXPECT_EQ(pip->packages[1].name, "b");
  EXPECT_EQ(pip->packages[1].version, "0.6-alpha");
  EXPECT_TRUE(pip->packages[2].is_path);
  EXPECT_TRUE(pip->packages[3].is_path);
  auto npm = ReadPackageCommand(
      Cmd("npm install git+ssh://git@github.com:npm/npm.git user/repo#v1 pkg-1.2.3.tar"));
  ASSERT_TRUE(npm.has_value());
  ASSERT_EQ(npm->packages.size(), 3u);
  EXPECT_EQ(npm->packages[0].version, "");
  EXPECT_EQ(npm->packages[1].version, "v1");
  EXPECT_TRUE(npm->packages[2].is_path);
}

TEST(ReadPackageCommand, ArgumentsThatAreNoPackages) {
  // gem: `--` starts the build options; a true/false after an unknown long option is its value.
  auto gem = ReadPackageCommand(
      Cmd("gem install bundler:2.0.1 --use-system-libraries true -- --with-x=1 y"));
  ASSERT_TRUE(gem.has_value());
  ASSERT_EQ(gem->packages.size(), 1u);
  EXPECT_EQ(gem->packages[0].version, "2.0.1");
  // go run: the first argument is the package, the rest belong to the program.
  auto run = ReadPackageCommand(Cmd("go run example.com/pkg@v1.2.3 --foo bar"));
  ASSERT_TRUE(run.has_value());
  ASSERT_EQ(run->packages.size(), 1u);
  EXPECT_EQ(run->packages[0].version, "v1.2.3");
  // conda: channels, names and files are option values.
  auto conda = ReadPackageCommand(
      Cmd("conda create -n env -c conda-forge python=3.11 conda-forge::numpy>=1.26 --file r.txt"));
  ASSERT_TRUE(conda.has_value());
  ASSERT_EQ(conda->packages.size(), 3u);
  EXPECT_EQ(conda->packages[0].name, "python");
  EXPECT_EQ(conda->packages[0].version, "3.11");
  EXPECT_EQ(conda->packages[1].name, "numpy");
  EXPECT_EQ(conda->packages[1].version, "1.26");
  EXPECT_TRUE(conda->packages[2].is_path);
}

}  // namespace
}  // namespace drydock::rules::detail
