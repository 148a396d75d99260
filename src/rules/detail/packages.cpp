// SPDX-License-Identifier: Apache-2.0
#include "rules/detail/packages.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <span>
#include <utility>

#include "rules/detail/build_util.h"

namespace drydock::rules::detail {
namespace {

using model::ShellCommand;
using model::ShellWord;

// One argv word after field splitting of unquoted variable expansions.
struct Arg {
  std::string value;
  std::string text;
  int line = 0;
};

std::string_view BaseName(std::string_view s) {
  auto slash = s.rfind('/');
  return slash == std::string_view::npos ? s : s.substr(slash + 1);
}
bool DigitsAndDots(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return c == '.' || std::isdigit(static_cast<unsigned char>(c));
  });
}
// "pip", "pip3", "pip3.12"; "python", "python3.11" with prefix "python".
bool VersionedName(std::string_view name, std::string_view prefix) {
  return StartsWith(name, prefix) && DigitsAndDots(name.substr(prefix.size()));
}

// Splits unquoted words whose expanded value holds blanks (`apt-get install $PKGS` with
// ENV PKGS="a b") the way the shell would.
std::vector<Arg> SplitWords(const ShellCommand& command, std::size_t from) {
  std::vector<Arg> out;
  for (std::size_t i = from; i < command.words.size(); ++i) {
    const ShellWord& w = command.words[i];
    // A command substitution's value is unknown (its text is kept as written): not split.
    bool substitution = Contains(w.text, "$(") || Contains(w.text, "`");
    bool split = !w.quoted && !substitution && w.value.find_first_of(" \t\n") != std::string::npos;
    if (!split) {
      out.push_back({w.value, w.text, w.line});
      continue;
    }
    std::size_t pos = 0;
    while (pos < w.value.size()) {
      std::size_t start = w.value.find_first_not_of(" \t\n", pos);
      if (start == std::string::npos) break;
      std::size_t end = w.value.find_first_of(" \t\n", start);
      if (end == std::string::npos) end = w.value.size();
      std::string piece = w.value.substr(start, end - start);
      out.push_back({piece, piece, w.line});
      pos = end;
    }
  }
  return out;
}

bool IsOption(std::string_view v) { return v.size() > 1 && v[0] == '-'; }

// Options (per manager) whose value is the next word when not written as `--opt=value`.
constexpr std::string_view kAptValues[] = {
    "-o", "--option",      "-t", "--target-release",   "--default-release",
    "-c", "--config-file", "-a", "--host-architecture"};
constexpr std::string_view kApkValues[] = {
    "-X", "--repository", "-t",          "--virtual",           "--root",
    "-p", "--arch",       "--cache-dir", "--repositories-file", "--keys-dir"};
constexpr std::string_view kRpmFamilyValues[] = {"-c",
                                                 "--config",
                                                 "--setopt",
                                                 "--enablerepo",
                                                 "--disablerepo",
                                                 "--installroot",
                                                 "--releasever",
                                                 "-x",
                                                 "--exclude",
                                                 "-d",
                                                 "--debuglevel",
                                                 "-e",
                                                 "--errorlevel",
                                                 "--repo",
                                                 "--repoid",
                                                 "--repofrompath",
                                                 "--forcearch",
                                                 "--destdir",
                                                 "--downloaddir",
                                                 "-R",
                                                 "--root",
                                                 "--reposd-dir",
                                                 "-r",
                                                 "--from",
                                                 "-t",
                                                 "--type",
                                                 "--installroot"};
constexpr std::string_view kPipValues[] = {"-r",
                                           "--requirement",
                                           "-e",
                                           "--editable",
                                           "-c",
                                           "--constraint",
                                           "-i",
                                           "--index-url",
                                           "--extra-index-url",
                                           "-f",
                                           "--find-links",
                                           "-t",
                                           "--target",
                                           "--prefix",
                                           "--root",
                                           "--trusted-host",
                                           "--platform",
                                           "--python-version",
                                           "--implementation",
                                           "--abi",
                                           "--src",
                                           "--upgrade-strategy",
                                           "--progress-bar",
                                           "--log",
                                           "--cache-dir",
                                           "--proxy",
                                           "--retries",
                                           "--timeout",
                                           "--exists-action",
                                           "--cert",
                                           "--client-cert",
                                           "--global-option",
                                           "--install-option",
                                           "-C",
                                           "--config-settings",
                                           "--only-binary",
                                           "--no-binary",
                                           "--python",
                                           "--pip-args",
                                           "--root-user-action",
                                           "--report",
                                           "--python-platform",
                                           "--index",
                                           "--spec",
                                           "--suffix"};
constexpr std::string_view kNpmValues[] = {
    "--prefix",         "--registry",     "--cache",   "-w",
    "--workspace",      "--omit",         "--include", "--loglevel",
    "--userconfig",     "--tag",          "--cwd",     "--network-timeout",
    "--modules-folder", "--cache-folder", "--mutex",   "-C"};
constexpr std::string_view kGemValues[] = {"-v", "--version",      "-i",         "--install-dir",
                                           "-n", "--bindir",       "--source",   "-s",
                                           "-P", "--trust-policy", "--platform", "--build-root"};
constexpr std::string_view kGoValues[] = {
    "-ldflags",    "-gcflags",       "-tags",     "-o",        "-mod",       "-modfile",
    "-p",          "-pkgdir",        "-toolexec", "-asmflags", "-buildmode", "-compiler",
    "-gccgoflags", "-installsuffix", "-overlay",  "-pgo",      "-C"};
constexpr std::string_view kCargoValues[] = {
    "--version",  "--vers", "--git",     "--path",    "--root",       "--target", "-F",
    "--features", "--bin",  "--example", "--branch",  "--tag",        "--rev",    "--registry",
    "--index",    "-j",     "--jobs",    "--profile", "--target-dir", "--config", "-Z"};
constexpr std::string_view kRpmValues[] = {"--root",   "--dbpath",   "--define",      "-D",
                                           "--prefix", "--relocate", "--excludepath", "--admindir",
                                           "--instdir"};
constexpr std::string_view kPnpmValues[] = {"--prefix",    "--registry", "--filter",
                                            "-F",          "--dir",      "-C",
                                            "--store-dir", "--loglevel", "--reporter"};
constexpr std::string_view kUvValues[] = {"-r",
                                          "--requirement",
                                          "-e",
                                          "--editable",
                                          "-c",
                                          "--constraint",
                                          "--override",
                                          "-i",
                                          "--index-url",
                                          "--extra-index-url",
                                          "--index",
                                          "--default-index",
                                          "-f",
                                          "--find-links",
                                          "-t",
                                          "--target",
                                          "--prefix",
                                          "-p",
                                          "--python",
                                          "--python-platform",
                                          "--python-version",
                                          "--cache-dir",
                                          "--directory",
                                          "--project",
                                          "--with",
                                          "--from",
                                          "--group",
                                          "--extra",
                                          "--package",
                                          "--index-strategy",
                                          "--keyring-provider",
                                          "--resolution",
                                          "--prerelease",
                                          "--exclude-newer",
                                          "--config-file",
                                          "--only-binary",
                                          "--no-binary",
                                          "-C",
                                          "--config-setting",
                                          "--link-mode"};
constexpr std::string_view kCondaValues[] = {"-c",
                                             "--channel",
                                             "-n",
                                             "--name",
                                             "-p",
                                             "--prefix",
                                             "--file",
                                             "-f",
                                             "-r",
                                             "--root-prefix",
                                             "--platform",
                                             "--subdir",
                                             "--repodata-fn",
                                             "--solver",
                                             "--json-file"};
constexpr std::string_view kBundlerValues[] = {
    "--path",    "--without",  "--with",    "-j",           "--jobs",        "--retry",
    "--gemfile", "--binstubs", "--shebang", "--standalone", "--trust-policy"};

std::span<const std::string_view> ValueOptions(PackageManager m) {
  switch (m) {
    case PackageManager::kApt:
      return kAptValues;
    case PackageManager::kApk:
      return kApkValues;
    case PackageManager::kYum:
    case PackageManager::kDnf:
    case PackageManager::kMicrodnf:
    case PackageManager::kZypper:
      return kRpmFamilyValues;
    case PackageManager::kPip:
      return kPipValues;
    case PackageManager::kNpm:
    case PackageManager::kYarn:
      return kNpmValues;
    case PackageManager::kGem:
      return kGemValues;
    case PackageManager::kGo:
      return kGoValues;
    case PackageManager::kCargo:
      return kCargoValues;
    case PackageManager::kRpm:
    case PackageManager::kDpkg:
      return kRpmValues;
    case PackageManager::kPnpm:
      return kPnpmValues;
    case PackageManager::kUv:
      return kUvValues;
    case PackageManager::kConda:
      return kCondaValues;
    case PackageManager::kBundler:
      return kBundlerValues;
  }
  return {};
}

bool TakesValue(PackageManager m, std::string_view option) {
  if (Contains(option, "=")) return false;
  for (std::string_view v : ValueOptions(m)) {
    if (v == option) return true;
  }
  return false;
}

// Verb classification per manager.
struct VerbKind {
  bool install = false;
  bool remove = false;
  bool takes_packages = false;
  bool upgrade = false;
  bool refresh = false;
  bool clean = false;
};

constexpr VerbKind kInstall{.install = true, .takes_packages = true};
constexpr VerbKind kRemove{.remove = true, .takes_packages = true};
constexpr VerbKind kUpgrade{.upgrade = true};
constexpr VerbKind kRefresh{.refresh = true};
constexpr VerbKind kClean{.clean = true};

// Verbs that name a command group whose action is the next word (`dnf module install`,
// `yarn cache clean`, `uv pip install`).
bool IsGroupVerb(PackageManager m, std::string_view verb) {
  switch (m) {
    case PackageManager::kApk:
    case PackageManager::kPip:
    case PackageManager::kNpm:
    case PackageManager::kYarn:
      return verb == "cache";
    case PackageManager::kYum:
    case PackageManager::kDnf:
    case PackageManager::kMicrodnf:
      return In(verb, {"module", "group", "groups", "clean"});
    case PackageManager::kUv:
      return In(verb, {"pip", "tool", "cache"});
    case PackageManager::kPnpm:
      return verb == "store";
    case PackageManager::kConda:
      return verb == "env";
    default:
      return false;
  }
}

// `sub` is the action of a group verb (IsGroupVerb), "" otherwise.
VerbKind ClassifyVerb(PackageManager m, std::string_view verb, std::string_view sub) {
  switch (m) {
    case PackageManager::kApt:
      if (In(verb, {"install", "reinstall"})) return kInstall;
      if (In(verb, {"remove", "purge", "autoremove", "autopurge"})) return kRemove;
      if (In(verb, {"upgrade", "dist-upgrade", "full-upgrade", "safe-upgrade"})) return kUpgrade;
      if (verb == "update") return kRefresh;
      if (In(verb, {"clean", "distclean", "dist-clean"})) return kClean;
      return {};
    case PackageManager::kApk:
      if (verb == "add") return kInstall;
      if (verb == "del") return kRemove;
      if (verb == "upgrade") return kUpgrade;
      if (verb == "update") return kRefresh;
      if (verb == "cache" && In(sub, {"clean", "purge"})) return kClean;
      return {};
    case PackageManager::kYum:
    case PackageManager::kDnf:
    case PackageManager::kMicrodnf:
      if (In(verb, {"install", "localinstall", "reinstall", "groupinstall", "in", "rei",
                    "install-n", "install-na", "install-nevra"}) ||
          (verb == "module" && sub == "install")) {
        return kInstall;
      }
      if (In(verb, {"remove", "erase", "autoremove", "rm", "groupremove", "remove-n", "remove-na",
                    "remove-nevra"})) {
        return kRemove;
      }
      if (In(verb, {"upgrade", "up", "update", "upgrade-minimal", "up-min", "update-minimal",
                    "distro-sync", "dsync", "distrosync", "downgrade", "dg", "groupupdate",
                    "upgrade-to", "update-to"}) ||
          (verb == "module" && In(sub, {"update", "upgrade", "switch-to"}))) {
        return kUpgrade;
      }
      if (In(verb, {"makecache", "mc", "check-update", "check-upgrade"})) return kRefresh;
      if (verb == "clean" && sub == "all") return kClean;
      return {};
    case PackageManager::kZypper:
      if (In(verb, {"install", "in", "source-install", "si", "install-new-recommends", "inr"})) {
        return kInstall;
      }
      if (In(verb, {"remove", "rm"})) return kRemove;
      if (In(verb, {"update", "up", "patch", "dist-upgrade", "dup"})) return kUpgrade;
      if (In(verb, {"refresh", "ref"})) return kRefresh;
      if (In(verb, {"clean", "cc"})) return kClean;
      return {};
    case PackageManager::kPip:
      if (verb == "install") return kInstall;
      if (verb == "uninstall") return kRemove;
      if (verb == "cache" && In(sub, {"purge", "remove"})) return kClean;
      return {};
    case PackageManager::kUv:
      if (verb == "add" || ((verb == "pip" || verb == "tool") && sub == "install") ||
          (verb == "pip" && sub == "sync")) {
        return kInstall;
      }
      if (verb == "sync") return {.install = true};  // from the lock file: no package arguments
      if (verb == "remove" || ((verb == "pip" || verb == "tool") && sub == "uninstall")) {
        return kRemove;
      }
      if (verb == "cache" && sub == "clean") return kClean;
      return {};
    case PackageManager::kNpm:
      if (In(verb, {"install", "i", "add", "in", "ins", "inst", "insta", "instal", "isnt", "isnta",
                    "isntal", "isntall", "ci", "clean-install", "ic", "install-clean",
                    "isntall-clean"})) {
        return kInstall;
      }
      if (In(verb, {"uninstall", "remove", "rm", "r", "un", "unlink", "prune"})) return kRemove;
      if (In(verb, {"update", "up", "upgrade", "udpate"})) return kUpgrade;
      if (verb == "cache" && In(sub, {"clean", "clear", "rm"})) return kClean;
      return {};
    case PackageManager::kYarn:
      if (In(verb, {"add", "install"})) return kInstall;
      if (verb == "remove") return kRemove;
      if (In(verb, {"upgrade", "up"})) return kUpgrade;
      if (verb == "cache" && sub == "clean") return kClean;
      return {};
    case PackageManager::kPnpm:
      if (In(verb, {"add", "install", "i"})) return kInstall;
      if (In(verb, {"remove", "rm", "uninstall", "un"})) return kRemove;
      if (In(verb, {"update", "up", "upgrade"})) return kUpgrade;
      if (verb == "store" && sub == "prune") return kClean;
      return {};
    case PackageManager::kGem:
      if (In(verb, {"install", "i"})) return kInstall;
      if (verb == "uninstall") return kRemove;
      if (verb == "update") return kUpgrade;
      return {};
    case PackageManager::kBundler:
      if (verb == "install") return {.install = true};  // from the Gemfile: no package arguments
      if (verb == "update") return kUpgrade;
      return {};
    case PackageManager::kConda:
      if (In(verb, {"install", "create"})) return kInstall;
      if (verb == "env" && sub == "create") return {.install = true};  // from an environment file
      if (In(verb, {"remove", "uninstall"})) return kRemove;
      if (In(verb, {"update", "upgrade"}) || (verb == "env" && sub == "update")) return kUpgrade;
      return {};  // `conda clean` is judged by its options (ReadPackageCommand)
    case PackageManager::kGo:
      if (In(verb, {"install", "get"})) return kInstall;
      if (verb == "run") return {.takes_packages = true};  // its first argument only
      return {};
    case PackageManager::kCargo:
      if (verb == "install") return kInstall;
      if (verb == "uninstall") return kRemove;
      return {};
    case PackageManager::kRpm:
    case PackageManager::kDpkg:
      if (verb == "install") return kInstall;
      if (verb == "remove") return kRemove;
      return {};
  }
  return {};
}

bool LooksLikeUrl(std::string_view s) {
  return Contains(s, "://") || StartsWith(s, "git+") || StartsWith(s, "git@");
}
bool LooksLikeLocalPath(std::string_view s) {
  return s == "." || s == ".." || StartsWith(s, "./") || StartsWith(s, "../") ||
         StartsWith(s, "/") || StartsWith(s, "~");
}

// Splits `spec` at the first character of `ops`; name before, version after the operator run.
void SplitAt(PackageArg& p, std::string_view ops, std::size_t from = 0) {
  std::string_view s = p.spec;
  std::size_t at = s.find_first_of(ops, from);
  if (at == std::string_view::npos) {
    p.name = std::string(s);
    return;
  }
  p.name = std::string(s.substr(0, at));
  std::size_t v = s.find_first_not_of(ops, at);
  p.version = v == std::string_view::npos ? "" : std::string(s.substr(v));
}

constexpr std::size_t npos = std::string_view::npos;

bool IsVariableStart(char c) { return c == '$' || c == '`'; }

// `[epoch:]version[-release]` as rpm writes it after `name-`: starts with a digit (or a
// variable), at most one `-`, and a release, when present, holds a digit (`1.8.0-openjdk` is
// the rest of a name, `1.8.0.392-1.el8` a version).
bool RpmVersionTail(std::string_view tail) {
  if (tail.empty() || !(core::IsDigit(tail[0]) || IsVariableStart(tail[0]))) return false;
  std::size_t dash = tail.find('-');
  if (dash != std::string_view::npos && tail.find('-', dash + 1) != std::string_view::npos) {
    return false;
  }
  for (char c : tail) {
    if (!core::IsAsciiAlnum(c) && std::string_view(".~^_:+-*${}").find(c) == npos) return false;
  }
  if (dash == std::string_view::npos) return true;
  std::string_view release = tail.substr(dash + 1);
  return std::any_of(release.begin(), release.end(),
                     [](char c) { return core::IsDigit(c) || IsVariableStart(c); });
}

// rpm's `name-version[-release]`: the first `-` whose rest is a version tail splits it.
void SplitRpm(PackageArg& p) {
  std::string_view s = p.spec;
  p.name = std::string(EndsWith(s, "-") ? s.substr(0, s.size() - 1) : s);
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] == '-' && RpmVersionTail(s.substr(i + 1))) {
      p.name = std::string(s.substr(0, i));
      p.version = std::string(s.substr(i + 1));
      return;
    }
  }
}

// A version-control URL pip or npm clones: git+https://…, git://…, hg+…, svn+…, bzr+….
bool IsVcsUrl(std::string_view s) {
  for (std::string_view scheme : {"git+", "git://", "hg+", "svn+", "bzr+", "git@"}) {
    if (StartsWith(s, scheme)) return true;
  }
  return false;
}

// pip's VCS requirement `git+https://host/repo.git@ref#egg=name`: the ref names the version.
// The user of `git+ssh://git@host/…` is no ref.
void SplitPipVcs(PackageArg& p) {
  std::string_view s = p.spec;
  std::string_view url = s.substr(0, s.find('#'));
  std::size_t scheme = url.find("://");
  std::size_t path = scheme == std::string_view::npos ? url.find(':') : url.find('/', scheme + 3);
  std::size_t at = path == std::string_view::npos ? std::string_view::npos : url.rfind('@');
  if (at != std::string_view::npos && at > path) {
    p.version = std::string(url.substr(at + 1));
    url = url.substr(0, at);
  }
  std::size_t egg = s.find("#egg=");
  if (egg != std::string_view::npos) {
    p.name = std::string(s.substr(egg + 5, s.find('&', egg) - (egg + 5)));
    return;
  }
  std::string_view base = BaseName(url);
  if (EndsWith(base, ".git")) base.remove_suffix(4);
  p.name = std::string(base.empty() ? url : base);
}

// npm's git dependencies (`git+https://…`, `github:user/repo`, `user/repo`): `#ref` or
// `#semver:…` names the version.
void SplitNpmGit(PackageArg& p) {
  std::string_view s = p.spec;
  std::size_t hash = s.find('#');
  p.name = std::string(s.substr(0, hash));
  if (hash != std::string_view::npos) p.version = std::string(s.substr(hash + 1));
}

// Fills name/version/is_path of `p` from p.spec for manager `m`.
void ParseSpec(PackageManager m, PackageArg& p) {
  std::string_view s = p.spec;
  switch (m) {
    case PackageManager::kApt:
      p.is_path = EndsWith(s, ".deb") || LooksLikeLocalPath(s) || LooksLikeUrl(s);
      if (!p.is_path) {
        SplitAt(p, "=");
        if (auto slash = p.name.find('/'); slash != std::string::npos) p.name.resize(slash);
      }
      break;
    case PackageManager::kApk:
      p.is_path = EndsWith(s, ".apk") || LooksLikeLocalPath(s) || LooksLikeUrl(s);
      if (!p.is_path) {
        SplitAt(p, "=~<>");
        if (auto at = p.name.find('@'); at != std::string::npos) p.name.resize(at);
      }
      break;
    case PackageManager::kYum:
    case PackageManager::kDnf:
    case PackageManager::kMicrodnf:
    case PackageManager::kZypper: {
      // `@group`, and capabilities such as `dnf-command(config-manager)` or `perl(JSON::PP)`
      // that name what a package provides rather than a package.
      p.is_path = EndsWith(s, ".rpm") || LooksLikeLocalPath(s) || LooksLikeUrl(s) ||
                  StartsWith(s, "@") || Contains(s, "(");
      if (p.is_path) break;
      if (s.find_first_of("=<>") != std::string_view::npos) {
        SplitAt(p, "=<> ");
        break;
      }
      SplitRpm(p);
      break;
    }
    case PackageManager::kPip:
    case PackageManager::kUv: {
      if (IsVcsUrl(s)) {
        SplitPipVcs(p);
        break;
      }
      // A word with a slash and no operator is a directory (`pip install foo/bar`).
      bool dir = Contains(s, "/") && s.find_first_of("=<>!~@; ") == std::string_view::npos;
      p.is_path = LooksLikeLocalPath(s) || LooksLikeUrl(s) || dir || EndsWith(s, ".whl") ||
                  EndsWith(s, ".tar.gz") || EndsWith(s, ".zip") || EndsWith(s, ".tgz") ||
                  EndsWith(s, ".tar.bz2");
      if (p.is_path) break;
      SplitAt(p, "=<>!~;@ ");
      if (auto bracket = p.name.find('['); bracket != std::string::npos) p.name.resize(bracket);
      break;
    }
    case PackageManager::kNpm:
    case PackageManager::kYarn:
    case PackageManager::kPnpm: {
      bool tarball = EndsWith(s, ".tgz") || EndsWith(s, ".tar.gz") || EndsWith(s, ".tar");
      p.is_path = LooksLikeLocalPath(s) || StartsWith(s, "file:") || StartsWith(s, "link:") ||
                  StartsWith(s, "workspace:") || tarball;
      if (p.is_path) break;
      bool git = IsVcsUrl(s) || StartsWith(s, "github:") || StartsWith(s, "gitlab:") ||
                 StartsWith(s, "bitbucket:") || StartsWith(s, "gist:") ||
                 (!StartsWith(s, "@") && !Contains(s, "://") && Contains(s, "/"));
      if (git) {
        SplitNpmGit(p);
      } else if (Contains(s, "://")) {
        p.is_path = true;  // a tarball URL
      } else {
        SplitAt(p, "@", 1);
      }
      break;
    }
    case PackageManager::kGem:
      p.is_path = EndsWith(s, ".gem") || LooksLikeLocalPath(s);
      if (!p.is_path) SplitAt(p, ":");
      break;
    case PackageManager::kGo:
      p.is_path = LooksLikeLocalPath(s);
      if (!p.is_path) SplitAt(p, "@");
      break;
    case PackageManager::kCargo:
      p.is_path = LooksLikeLocalPath(s);
      if (!p.is_path) SplitAt(p, "@");
      break;
    case PackageManager::kConda: {
      p.is_path = LooksLikeLocalPath(s) || LooksLikeUrl(s) || EndsWith(s, ".tar.bz2") ||
                  EndsWith(s, ".conda");
      if (p.is_path) break;
      if (auto channel = s.find("::"); channel != std::string_view::npos) {
        p.spec = std::string(s.substr(channel + 2));
      }
      SplitAt(p, "=<>!~ ");
      p.spec = std::string(s);
      break;
    }
    case PackageManager::kBundler:
      p.is_path = true;  // bundler installs from the Gemfile: no package arguments
      break;
    case PackageManager::kRpm:
    case PackageManager::kDpkg:
      p.is_path = EndsWith(s, ".rpm") || EndsWith(s, ".deb") || LooksLikeLocalPath(s) ||
                  LooksLikeUrl(s) || Contains(s, "*");
      p.name = std::string(s);
      break;
  }
}

}  // namespace

std::size_t CommandStart(const ShellCommand& command) {
  std::size_t i = 0;
  const auto& w = command.words;
  for (int guard = 0; guard < 8 && i < w.size(); ++guard) {
    std::string_view name = BaseName(w[i].value);
    if (name == "sudo") {
      ++i;
      while (i < w.size() && IsOption(w[i].value)) {
        bool value = In(w[i].value, {"-u", "-g", "-U", "-C", "-p", "-r", "-t", "-D", "-h"});
        i += value ? 2 : 1;
      }
    } else if (name == "env") {
      ++i;
      while (i < w.size() && (IsOption(w[i].value) || Contains(w[i].value, "="))) {
        i += In(w[i].value, {"-u", "--unset", "-C", "--chdir", "-S"}) ? 2 : 1;
      }
    } else if (In(name, {"nice", "nohup", "time", "command", "exec", "eatmydata", "xargs", "stdbuf",
                         "timeout"})) {
      ++i;
      while (i < w.size() && IsOption(w[i].value)) {
        bool value = In(w[i].value, {"-n", "-I", "-L", "-P", "-d", "-s", "-a", "-E", "-k",
                                     "--signal", "--kill-after"});
        i += value ? 2 : 1;
      }
      if (name == "timeout" && i < w.size()) ++i;  // the duration
    } else {
      break;
    }
  }
  return std::min(i, command.words.size());
}

namespace {

std::optional<PackageManager> ManagerOf(const ShellCommand& command, std::size_t& i) {
  const auto& w = command.words;
  if (i >= w.size()) return std::nullopt;
  std::string_view name = BaseName(w[i].value);
  if (In(name, {"apt-get", "apt", "aptitude"})) return PackageManager::kApt;
  if (name == "apk") return PackageManager::kApk;
  if (name == "yum") return PackageManager::kYum;
  if (In(name, {"dnf", "dnf5", "tdnf"})) return PackageManager::kDnf;
  if (name == "microdnf") return PackageManager::kMicrodnf;
  if (name == "zypper") return PackageManager::kZypper;
  if (VersionedName(name, "pip") || name == "pipx") return PackageManager::kPip;
  if (name == "npm") return PackageManager::kNpm;
  if (name == "yarn") return PackageManager::kYarn;
  if (name == "gem") return PackageManager::kGem;
  if (name == "go") return PackageManager::kGo;
  if (name == "cargo") return PackageManager::kCargo;
  if (name == "pnpm") return PackageManager::kPnpm;
  if (name == "uv") return PackageManager::kUv;
  if (In(name, {"conda", "mamba", "micromamba"})) return PackageManager::kConda;
  if (In(name, {"bundle", "bundler"})) return PackageManager::kBundler;
  if (name == "rpm") return PackageManager::kRpm;
  if (name == "dpkg") return PackageManager::kDpkg;
  if (VersionedName(name, "python")) {  // python3 -m pip …
    for (std::size_t j = i + 1; j + 1 < w.size() && IsOption(w[j].value); ++j) {
      if (w[j].value == "-m") {
        if (w[j + 1].value != "pip") return std::nullopt;
        i = j + 1;
        return PackageManager::kPip;
      }
    }
  }
  return std::nullopt;
}

// rpm / dpkg choose their mode with an option (`rpm -ivh`, `dpkg -i`).
std::string RpmDpkgVerb(PackageManager m, std::string_view option) {
  if (m == PackageManager::kRpm) {
    if (In(option, {"--install", "--upgrade", "--freshen", "--reinstall"})) return "install";
    if (option == "--erase") return "remove";
    if (option.size() > 1 && option[1] != '-') {
      char mode = option[1];
      if (mode == 'i' || mode == 'U' || mode == 'F') return "install";
      if (mode == 'e') return "remove";
    }
    return {};
  }
  if (In(option, {"-i", "--install"})) return "install";
  if (In(option, {"-r", "--remove", "-P", "--purge"})) return "remove";
  return {};
}

void MarkVariables(const Arg& arg, PackageArg& p, PackageManager m) {
  auto has_subst = [](std::string_view s) { return Contains(s, "$") || Contains(s, "`"); };
  if (has_subst(p.name) || p.name.empty()) {
    p.unresolved = has_subst(p.name) || has_subst(arg.text);
    return;
  }
  if (has_subst(p.version)) {
    p.version_from_variable = true;
  } else if (p.version.empty() && has_subst(arg.text)) {
    // `curl=${CURL_VERSION}` expanded to "curl=": pinned by a build-time variable.
    std::string_view seps = "=";
    switch (m) {
      case PackageManager::kNpm:
      case PackageManager::kYarn:
      case PackageManager::kPnpm:
      case PackageManager::kGo:
      case PackageManager::kCargo:
        seps = "@";
        break;
      case PackageManager::kYum:
      case PackageManager::kDnf:
      case PackageManager::kMicrodnf:
      case PackageManager::kZypper:
        seps = "-=";  // `nginx-${NGINX_VERSION}`
        break;
      case PackageManager::kGem:
        seps = ":";
        break;
      default:
        break;
    }
    std::size_t dollar = arg.text.find('$');
    std::size_t at = arg.text.find_first_of(seps, 1);
    p.version_from_variable = at != std::string::npos && at < dollar;
  }
}

}  // namespace

std::string_view ManagerName(PackageManager manager) {
  struct Row {
    PackageManager code;
    std::string_view name;
  };
  static constexpr std::array<Row, 18> kNames{{
      {PackageManager::kApt, "apt-get"},
      {PackageManager::kApk, "apk"},
      {PackageManager::kYum, "yum"},
      {PackageManager::kDnf, "dnf"},
      {PackageManager::kMicrodnf, "microdnf"},
      {PackageManager::kZypper, "zypper"},
      {PackageManager::kPip, "pip"},
      {PackageManager::kNpm, "npm"},
      {PackageManager::kYarn, "yarn"},
      {PackageManager::kGem, "gem"},
      {PackageManager::kGo, "go"},
      {PackageManager::kCargo, "cargo"},
      {PackageManager::kRpm, "rpm"},
      {PackageManager::kDpkg, "dpkg"},
      {PackageManager::kPnpm, "pnpm"},
      {PackageManager::kUv, "uv"},
      {PackageManager::kConda, "conda"},
      {PackageManager::kBundler, "bundle"},
  }};
  for (const auto& row : kNames) {
    if (row.code == manager) return row.name;
  }
  return "?";
}

bool IsOsManager(PackageManager m) {
  switch (m) {
    case PackageManager::kApt:
    case PackageManager::kApk:
    case PackageManager::kYum:
    case PackageManager::kDnf:
    case PackageManager::kMicrodnf:
    case PackageManager::kZypper:
    case PackageManager::kRpm:
    case PackageManager::kDpkg:
      return true;
    default:
      return false;
  }
}

bool IsDnfFamily(PackageManager m) {
  return m == PackageManager::kYum || m == PackageManager::kDnf || m == PackageManager::kMicrodnf;
}

std::optional<PackageCommand> ReadPackageCommand(const model::ShellCommand& command) {
  std::size_t start = CommandStart(command);
  auto manager = ManagerOf(command, start);
  if (!manager) return std::nullopt;
  const PackageManager m = *manager;

  PackageCommand pc{.manager = m,
                    .verb = {},
                    .command = &command,
                    .packages = {},
                    .is_install = false,
                    .is_remove = false,
                    .virtual_package = {},
                    .argv_start = start,
                    .subcommand = {},
                    .is_upgrade = false,
                    .is_refresh = false,
                    .is_clean = false};
  std::vector<Arg> args = SplitWords(command, start + 1);
  std::string gem_version;  // gem -v / cargo --version: applies to every package
  std::vector<PackageArg> found;
  VerbKind kind;
  bool verb_seen = false;
  bool sub_pending = false;  // a group verb waits for its action word
  bool options_done = false;
  bool after_unknown_long = false;  // the previous word was a `--long` option without `=`
  for (std::size_t i = 0; i < args.size(); ++i) {
    const Arg& a = args[i];
    std::string_view v = a.value;
    const bool follows_long = std::exchange(after_unknown_long, false);
    if (!options_done && v == "--") {
      if (m == PackageManager::kGem && verb_seen) break;  // build options for the gem follow
      options_done = true;
      continue;
    }
    if (!options_done && IsOption(v)) {
      std::string_view opt = v.substr(0, v.find('='));
      std::optional<std::string> value;
      if (Contains(v, "=")) {
        value = std::string(v.substr(v.find('=') + 1));
      } else if (TakesValue(m, v) && i + 1 < args.size()) {
        value = args[++i].value;
      } else {
        after_unknown_long = StartsWith(v, "--");
      }
      if ((m == PackageManager::kRpm || m == PackageManager::kDpkg) && !verb_seen) {
        std::string verb = RpmDpkgVerb(m, opt);
        if (!verb.empty()) {
          pc.verb = verb;
          kind = ClassifyVerb(m, verb, {});
          verb_seen = true;
        }
      }
      if (!value) continue;
      if (m == PackageManager::kApk && In(opt, {"-t", "--virtual"})) pc.virtual_package = *value;
      if ((m == PackageManager::kGem && In(opt, {"-v", "--version"})) ||
          (m == PackageManager::kCargo && In(opt, {"--version", "--vers"}))) {
        gem_version = *value;
      }
      if ((m == PackageManager::kPip || m == PackageManager::kUv) &&
          In(opt, {"-r", "--requirement", "-e", "--editable"})) {
        PackageArg p{.name = *value, .version = {}, .spec = *value, .is_path = true};
        p.line = a.line;
        found.push_back(std::move(p));
      }
      if ((m == PackageManager::kCargo && In(opt, {"--path", "--git"})) ||
          (m == PackageManager::kConda && In(opt, {"--file", "-f"}))) {
        PackageArg p{.name = *value, .version = {}, .spec = *value, .is_path = true};
        p.line = a.line;
        found.push_back(std::move(p));
      }
      continue;
    }
    if (!verb_seen) {
      if (m == PackageManager::kRpm || m == PackageManager::kDpkg) continue;
      std::string verb(v);
      // `yarn global add`
      if (m == PackageManager::kYarn && verb == "global" && i + 1 < args.size()) {
        verb = args[++i].value;
      }
      pc.verb = verb;
      kind = ClassifyVerb(m, verb, {});
      verb_seen = true;
      sub_pending = IsGroupVerb(m, verb);
      continue;
    }
    if (sub_pending) {
      sub_pending = false;
      pc.subcommand = std::string(v);
      if (IsDnfFamily(m) && In(pc.verb, {"group", "groups"})) {
        pc.verb = "group" + pc.subcommand;  // `dnf group install` reads as `dnf groupinstall`
      }
      kind = ClassifyVerb(m, pc.verb, pc.subcommand);
      continue;
    }
    if (!kind.takes_packages) continue;
    // `gem install x --opt true`: the value of an option gem passes on, not a gem.
    if (m == PackageManager::kGem && follows_long && In(v, {"true", "false"})) continue;
    // pip `name @ url`: the next two words belong to this requirement.
    if ((m == PackageManager::kPip || m == PackageManager::kUv) && v == "@" && !found.empty()) {
      if (i + 1 < args.size()) found.back().version = args[++i].value;
      continue;
    }
    PackageArg p;
    p.spec = std::string(v);
    p.line = a.line;
    ParseSpec(m, p);
    if (StartsWith(pc.verb, "group")) p.is_path = true;  // groups are not pinnable
    if (pc.verb == "module") {  // `dnf module install nodejs:18`: the stream is the version
      auto colon = p.spec.find(':');
      p.name = p.spec.substr(0, colon);
      p.version = colon == std::string::npos ? std::string() : p.spec.substr(colon + 1);
      p.is_path = false;
    }
    MarkVariables(a, p, m);
    found.push_back(std::move(p));
    if (m == PackageManager::kGo && pc.verb == "run") break;  // the program's arguments follow
  }
  if (!gem_version.empty()) {
    for (auto& p : found) {
      if (p.version.empty() && !p.is_path) p.version = gem_version;
    }
  }
  pc.is_install = kind.install;
  pc.is_remove = kind.remove;
  pc.is_upgrade = kind.upgrade;
  pc.is_refresh = kind.refresh;
  pc.is_clean = kind.clean;
  pc.packages = std::move(found);
  if (m == PackageManager::kZypper) {  // `zypper in -t pattern x`: patterns and patches
    auto type = OptionValue(pc, "-t");
    if (!type) type = OptionValue(pc, "--type");
    if (type && *type != "package") {
      for (auto& p : pc.packages) p.is_path = true;
    }
  }
  if (m == PackageManager::kConda && pc.verb == "clean") {
    // `conda clean -a` / `--all`, or the package tarballs and extracted packages (`-tipsy`).
    for (std::size_t i = start + 1; i < command.words.size(); ++i) {
      std::string_view w = command.words[i].value;
      if (In(w, {"--all", "--tarballs", "--packages"}) ||
          (w.size() > 1 && w[0] == '-' && w[1] != '-' && w.find_first_of("atp") != npos)) {
        pc.is_clean = true;
      }
    }
  }
  if (m == PackageManager::kGo && pc.verb == "clean") {
    pc.is_clean = HasOption(pc, "-cache") || HasOption(pc, "-modcache");
  }
  if (m == PackageManager::kUv && pc.verb == "cache" && pc.subcommand == "prune") {
    pc.is_clean = HasOption(pc, "--ci");
  }
  if (m == PackageManager::kApt) {  // simulations and downloads change nothing
    for (std::string_view dry : {"-s", "--simulate", "--dry-run", "--just-print", "--no-act",
                                 "--recon", "-d", "--download-only"}) {
      if (HasOption(pc, dry)) pc.is_install = pc.is_remove = pc.is_upgrade = false;
    }
  }
  return pc;
}

std::vector<PackageCommand> PackageCommands(const model::Instruction& run) {
  std::vector<PackageCommand> out;
  for (const auto& command : run.script.commands) {
    if (auto pc = ReadPackageCommand(command)) out.push_back(std::move(*pc));
  }
  return out;
}

bool HasOption(const PackageCommand& pc, std::string_view option) {
  const auto& w = pc.command->words;
  for (std::size_t i = pc.argv_start + 1; i < w.size(); ++i) {
    std::string_view v = w[i].value;
    if (v == option) return true;
    if (StartsWith(option, "--") && StartsWith(v, option) && v.size() > option.size() &&
        v[option.size()] == '=') {
      return true;
    }
  }
  return false;
}

std::optional<std::string> OptionValue(const model::ShellCommand& command, std::size_t from,
                                       std::string_view option) {
  const auto& w = command.words;
  for (std::size_t i = from; i < w.size(); ++i) {
    std::string_view v = w[i].value;
    if (v == option) {
      if (i + 1 < w.size()) return w[i + 1].value;
      return std::string();
    }
    if (StartsWith(v, option) && v.size() > option.size() && v[option.size()] == '=') {
      return std::string(v.substr(option.size() + 1));
    }
  }
  return std::nullopt;
}

}  // namespace drydock::rules::detail
