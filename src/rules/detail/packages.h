// SPDX-License-Identifier: Apache-2.0
// Package-manager command recognition shared by the rule areas: which shell commands install
// which packages, with which flags. Pure functions over model::ShellCommand.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/build_spec.h"

namespace drydock::rules::detail {

enum class PackageManager {
  kApt,
  kApk,
  kYum,
  kDnf,
  kMicrodnf,
  kZypper,
  kPip,
  kNpm,
  kYarn,
  kGem,
  kGo,
  kCargo,
  kRpm,
  kDpkg,
  kPnpm,
  kUv,       // `uv pip install`, `uv add`, `uv tool install`, `uv sync`
  kConda,    // conda, mamba, micromamba
  kBundler,  // bundle, bundler
};

// One package named on an install command line.
struct PackageArg {
  std::string name;      // without version ("curl")
  std::string version;   // "" when unpinned ("7.88.1-10", "==1.2", "@1.2.3" stripped of operator)
  std::string spec;      // the word as written (expanded value)
  bool is_path = false;  // a local file / URL / requirements file rather than a package name
  // The pin is a build-time variable (`curl=${CURL_VERSION}`): pinned, value unknown.
  bool version_from_variable = false;
  bool unresolved = false;  // the name itself is an unknown variable or a command substitution
  int line = 0;             // file line of the word
};

// An invocation of a package manager: install, remove, upgrade, index refresh, cache clean, …
struct PackageCommand {
  PackageManager manager;
  std::string verb;                    // "install", "add", "update", "upgrade", "ci", …
  const model::ShellCommand* command;  // the command it was read from (owned by the spec)
  std::vector<PackageArg> packages;    // empty for update / clean
  bool is_install = false;             // installs packages (install, add, ci, get)
  bool is_remove = false;              // removes packages (remove, purge, del, erase, uninstall)
  std::string virtual_package;         // apk add --virtual NAME: the group `apk del NAME` removes
  std::size_t argv_start = 0;          // index in command->words of the manager's own name
  // The action of a command group (`dnf module install`, `yarn cache clean`, `pip cache purge`,
  // `uv pip install`): verb "module" / "cache" / "pip", subcommand "install" / "clean" / …;
  // "" when the verb is no group.
  std::string subcommand;
  // Upgrades installed packages, fetching them like an install does: apt-get upgrade /
  // dist-upgrade / full-upgrade, apk upgrade, yum/dnf update / upgrade / upgrade-minimal /
  // distro-sync, zypper update / patch / dist-upgrade, conda update.
  bool is_upgrade = false;
  // Refreshes the package index and nothing else: apt-get update, apk update, zypper refresh,
  // yum/dnf makecache.
  bool is_refresh = false;
  // Empties the manager's download cache: apt-get clean, yum/dnf clean all (not `clean
  // metadata`), zypper clean, apk cache clean, pip/uv cache purge, npm/yarn cache clean, conda
  // clean --all, go clean -cache / -modcache.
  bool is_clean = false;
};

// Recognises apt-get/apt/aptitude/apk/yum/dnf/dnf5/tdnf/microdnf/zypper/pip/pip3/pipx/
// python -m pip/uv/npm/yarn/pnpm/gem/bundle/conda/mamba/micromamba/go/cargo/rpm/dpkg commands,
// including behind `sudo` / `env`. Returns nullopt for anything else.
std::optional<PackageCommand> ReadPackageCommand(const model::ShellCommand& command);

// Every package command of a RUN instruction (shell form and shell heredocs).
std::vector<PackageCommand> PackageCommands(const model::Instruction& run);

// Index of the word naming the program a command really runs, after `sudo [-u u]`, `env A=b`,
// `nice`, `xargs -r`, `timeout 5` … wrappers; words.size() when only wrappers remain.
std::size_t CommandStart(const model::ShellCommand& command);

// "apt-get", "apk", "pip", … for messages.
std::string_view ManagerName(PackageManager manager);

// True for the managers of the distribution (apt, apk, yum, dnf, microdnf, zypper, rpm, dpkg).
bool IsOsManager(PackageManager manager);

// True for yum, dnf (dnf5, tdnf) and microdnf: one command family over one rpm database, whose
// `clean all` empties the cache the others fill on the same distribution.
bool IsDnfFamily(PackageManager manager);

// True when `pc` names `option` among its own arguments (after the manager word), by value;
// long options also match `option=value`.
bool HasOption(const PackageCommand& pc, std::string_view option);

// The value of `--option=value` or `--option value` / `-o value` among command.words[from..];
// nullopt when absent.
std::optional<std::string> OptionValue(const model::ShellCommand& command, std::size_t from,
                                       std::string_view option);
inline std::optional<std::string> OptionValue(const PackageCommand& pc, std::string_view option) {
  return OptionValue(*pc.command, pc.argv_start + 1, option);
}

}  // namespace drydock::rules::detail
