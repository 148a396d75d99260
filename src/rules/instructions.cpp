// SPDX-License-Identifier: Apache-2.0
// DD030–DD049: how single instructions are written — the hadolint checks on EXPOSE, COPY, FROM
// flags, ENV, RUN sequences and commands, and inline pragmas that the other hygiene rules do not
// cover. Every
// stage is judged (these are correctness and readability checks, not size checks, except where a
// rule says so); ONBUILD triggers are not judged here.
#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/strings.h"
#include "rules/catalog.h"
#include "rules/detail/build_facts.h"
#include "rules/detail/build_stages.h"
#include "rules/detail/build_util.h"

namespace drydock::rules {
namespace {

using core::Reporter;
using core::Severity;
using detail::Contains;
using detail::EndsWith;
using detail::ForEach;
using detail::ForEachRunCommand;
using detail::In;
using detail::OriginAt;
using detail::StartsWith;
using model::BuildSpec;
using model::Instruction;
using model::ShellCommand;
using model::Stage;

constexpr std::uint8_t kB = core::kReadsBuild;

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

// The stages `stage` is built on, nearest first (FROM <earlier stage>), excluding itself.
std::vector<const Stage*> Ancestors(const BuildSpec& spec, const Stage& stage) {
  std::vector<const Stage*> chain = detail::StageChain(spec, stage);
  chain.erase(chain.begin());
  return chain;
}

// The last path element, '/' and '\' both separating (Windows paths), quotes dropped.
std::string_view BaseName(std::string_view path) {
  path = core::Trim(path, "\"'");
  auto cut = path.find_last_of("/\\");
  return cut == std::string_view::npos ? path : path.substr(cut + 1);
}

// A COPY/ADD source or destination that is still a variable after expansion (unknown value).
bool Unresolved(std::string_view word) { return Contains(word, "$"); }

// An absolute destination: POSIX `/x`, Windows `C:\x`, `C:/x` or `\x`.
bool AbsolutePath(std::string_view p) {
  if (p.empty()) return false;
  if (p[0] == '/' || p[0] == '\\') return true;
  return p.size() >= 2 && core::IsAsciiAlpha(p[0]) && p[1] == ':';
}

// ---------------------------------------------------------------------------------------------
// DD030 (DL1001): inline ignore pragmas.

// The pragma a comment carries ("hadolint ignore=", "drydock:ignore-file=" …), or "".
std::string IgnorePragma(std::string_view text) {
  text = core::Trim(text);
  if (!text.empty() && text.front() == '#') text = core::Trim(text.substr(1));  // "##"
  if (core::IStartsWith(text, "drydock:")) {
    std::string_view rest = core::Trim(text.substr(8));
    if (core::IStartsWith(rest, "ignore-file=")) return "drydock:ignore-file=";
    if (core::IStartsWith(rest, "ignore=")) return "drydock:ignore=";
    return {};
  }
  if (!StartsWith(text, "hadolint") || text.size() <= 8 || !IsBlank(text[8])) return {};
  std::string_view rest = core::TrimLeft(text.substr(8));
  std::string scope;
  for (std::string_view word : {"global", "stage"}) {
    if (StartsWith(rest, word) && rest.size() > word.size() && IsBlank(rest[word.size()])) {
      scope = std::string(word) + " ";
      rest = core::TrimLeft(rest.substr(word.size()));
    }
  }
  if (!StartsWith(rest, "ignore")) return {};
  if (!StartsWith(core::TrimLeft(rest.substr(6)), "=")) return {};
  return "hadolint " + scope + "ignore=";
}

void IgnorePragmaUsed(const BuildSpec& spec, Reporter& r) {
  for (const auto& c : spec.comments) {
    std::string pragma = IgnorePragma(c.text);
    if (pragma.empty()) continue;
    core::Origin where;
    where.file = spec.file;
    where.line = c.line;
    r.Report(where, "`# " + pragma +
                        "…` hides findings where reviewers do not look: fix them, or "
                        "record the exception with its reason in the policy file");
  }
}

rules::Rule RuleDD030() {
  return {
      .info =
          {
              .id = "DD030",
              .slug = "hygiene/ignore-pragma",
              .title = "Inline ignore pragma",
              .severity = Severity::kInfo,
              .practice = 0,
              .reads = kB,
              .rationale =
                  "An ignore comment next to the instruction silences a finding for good and "
                  "is easy to miss in review. Teams that want every exception in one reviewed "
                  "place turn this rule on.",
              .differs = "hadolint's DL1001 flags `# hadolint ignore=` only; drydock also flags "
                         "`hadolint global ignore=`, `stage ignore=` and its own "
                         "`drydock:ignore=` / `drydock:ignore-file=` pragmas.",
              .remediation =
                  "Fix the finding, or move the exception with a reason and an expiry to "
                  ".drydock.yaml or the ignore file.",
              .references = {"DL1001"},
              .enabled_by_default = false,
              .examples =
                  {
                      {.input = "FROM debian:12-slim\n# hadolint ignore=DL3003\nRUN cd /src && "
                                "make\n",
                       .fires = true,
                       .severity = Severity::kInfo,
                       .line = 2},
                      {.input = "FROM debian:12-slim\n# drydock:ignore=DD008 legacy build\nRUN cd "
                                "/src && make\n",
                       .fires = true,
                       .severity = Severity::kInfo,
                       .line = 2},
                      {.input = "# hadolint shell=powershell\nFROM mcr.microsoft.com/windows/"
                                "servercore:ltsc2022\nRUN Get-ChildItem\n",
                       .fires = false,
                       .note = "a shell pragma ignores nothing"},
                      {.input = "FROM debian:12-slim\n# build the tools\nRUN make\n",
                       .fires = false},
                  },
          },
      .build = IgnorePragmaUsed,
  };
}

// ---------------------------------------------------------------------------------------------
// DD031 (DL3010): a local archive COPYed, then unpacked by a RUN.

// A name ADD would unpack: a tar archive, compressed or not.
bool TarballName(std::string_view name) {
  std::string n = detail::Lower(name);
  for (std::string_view ext :
       {".tar", ".tgz", ".tbz", ".tbz2", ".tb2", ".txz", ".tlz", ".tz", ".tpz", ".taz", ".tzst"}) {
    if (EndsWith(n, ext)) return true;
  }
  auto dot = n.rfind('.');
  return dot != std::string::npos && EndsWith(n.substr(0, dot), ".tar");  // x.tar.gz, x.tar.zst
}

// A name hadolint counts as an archive: tarballs and single compressed files.
bool ArchiveName(std::string_view name) {
  if (TarballName(name)) return true;
  for (std::string_view ext : {".gz", ".bz2", ".xz", ".lz", ".lzma", ".Z", ".zst"}) {
    if (EndsWith(name, ext)) return true;
  }
  return false;
}

// True when `c` is `tar` in extract mode (`-x…`, `x…` as the old-style first word, --extract,
// --get).
bool TarExtracts(const ShellCommand& c) {
  if (c.Name() != "tar" && c.Name() != "bsdtar") return false;
  for (std::size_t i = 1; i < c.words.size(); ++i) {
    std::string_view w = c.words[i].value;
    if (w == "--extract" || w == "--get") return true;
    if (StartsWith(w, "--")) continue;
    if (StartsWith(w, "-") && w.size() > 1 && Contains(w.substr(1), "x")) {
      return true;
    }
    if (i == 1 && !StartsWith(w, "-") && !w.empty() &&
        w.find_first_not_of("xvzjJfpOkmoaS") == std::string_view::npos && Contains(w, "x")) {
      return true;  // `tar xzf a.tgz`
    }
  }
  return false;
}

bool Decompresses(const ShellCommand& c) {
  std::string name = c.Name();
  if (In(name, {"gunzip", "bunzip2", "unxz", "unlzma", "uncompress", "zcat", "gzcat", "unzstd",
                "zstdcat", "xzcat", "bzcat"})) {
    return true;
  }
  return In(name, {"gzip", "bzip2", "xz", "zstd", "lzma"}) &&
         (c.HasFlag("-d") || c.HasFlag("--decompress"));
}

void CopyThenExtract(const BuildSpec& spec, Reporter& r) {
  struct Copied {
    std::string name;  // base name of the archive in the image
    const Instruction* copy = nullptr;
  };
  std::vector<std::vector<Copied>> left(spec.stages.size());  // archives not yet extracted
  std::set<const Instruction*> reported;
  for (const Stage& stage : spec.stages) {
    std::vector<Copied> copied;
    if (stage.base_stage >= 0 && stage.base_stage < stage.index) {
      copied = left[static_cast<std::size_t>(stage.base_stage)];
    }
    for (const Instruction& ins : stage.instructions) {
      if (ins.keyword == "COPY" && ins.FindFlag("from") == nullptr && ins.args.size() >= 2) {
        // Names as expanded, and as written: `build\app.tar` keeps its Windows separators there.
        std::vector<std::string_view> raw;
        if (!ins.exec_form) raw = core::SplitWords(ins.args_text, spec.escape);
        if (raw.size() != ins.args.size()) raw.clear();
        auto remember = [&](std::size_t i) {
          std::string_view name = BaseName(ins.args[i]);
          if (ArchiveName(name) && !Unresolved(name)) copied.push_back({std::string(name), &ins});
          if (raw.empty()) return;
          std::string_view as_written = BaseName(raw[i]);
          if (as_written != name && ArchiveName(as_written) && !Unresolved(as_written)) {
            copied.push_back({std::string(as_written), &ins});
          }
        };
        const std::size_t before = copied.size();
        remember(ins.args.size() - 1);  // `COPY dist/app.tar /opt/app.tar`: the name it gets
        if (copied.size() > before) continue;
        for (std::size_t i = 0; i + 1 < ins.args.size(); ++i) {
          if (!StartsWith(ins.args[i], "<<")) remember(i);
        }
        continue;
      }
      if (ins.keyword != "RUN" || copied.empty()) continue;
      for (const ShellCommand& c : ins.script.commands) {
        bool tar = TarExtracts(c);
        if (!tar && !Decompresses(c)) continue;
        for (std::size_t i = 1; i < c.words.size(); ++i) {
          std::string_view arg = c.words[i].value;
          if (StartsWith(arg, "-") && !Contains(arg, "=")) continue;
          if (StartsWith(arg, "--file=")) arg.remove_prefix(7);
          std::string_view base = BaseName(arg);
          for (auto it = copied.begin(); it != copied.end();) {
            // ADD unpacks tar archives only; a lone .gz it would copy as it is.
            if (it->name != base || !(tar || TarballName(base))) {
              ++it;
              continue;
            }
            if (reported.insert(it->copy).second) {
              r.Report(
                  it->copy->origin,
                  core::Concat({"`", it->name, "` is copied, then unpacked by the RUN at line ",
                                std::to_string(c.line > 0 ? c.line : ins.origin.line),
                                (": the archive stays in its own layer; ADD unpacks a local "
                                 "tar archive in one step")}));
            }
            it = copied.erase(it);
          }
        }
      }
    }
    left[static_cast<std::size_t>(stage.index)] = std::move(copied);
  }
}

rules::Rule RuleDD031() {
  return {
      .info =
          {
              .id = "DD031",
              .slug = "hygiene/copy-then-extract",
              .title = "Archive copied and then extracted",
              .severity = Severity::kLow,
              .practice = 1,
              .reads = kB,
              .rationale =
                  "COPY of an archive followed by `tar -x` in a RUN ships the archive and its "
                  "content in two layers; deleting the archive later does not shrink the image. "
                  "ADD unpacks a local tar archive in one layer.",
              .differs = "Unlike hadolint, a plain `gunzip` of a single compressed file is not "
                         "reported (ADD would not unpack it), old-style `tar xf` counts, and an "
                         "archive copied in a stage that a later stage is built FROM counts.",
              .remediation = "ADD app.tar.gz /opt/app/, or extract from a bind mount: RUN "
                             "--mount=type=bind,source=app.tar.gz,target=/tmp/app.tar.gz tar -xzf "
                             "/tmp/app.tar.gz -C /opt/app.",
              .references = {"DL3010"},
              .examples =
                  {
                      {.input = "FROM debian:12-slim\nCOPY app.tar.gz /tmp/\nRUN tar -xzf "
                                "/tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2},
                      {.input = "FROM debian:12-slim\nCOPY dist/app.tar /opt/app.tar\nWORKDIR "
                                "/opt\nRUN tar xf app.tar\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2,
                       .note = "old-style tar flags; matched by base name"},
                      {.input = "FROM debian:12-slim\nADD app.tar.gz /opt/\n", .fires = false},
                      {.input = "FROM debian:12-slim\nCOPY app.tar.gz /srv/downloads/\n",
                       .fires = false,
                       .note = "copied to be served, not extracted"},
                      {.input = "FROM debian:12-slim\nCOPY data.json.gz /data/\nRUN gunzip "
                                "/data/data.json.gz\n",
                       .fires = false,
                       .note = "not a tar archive: ADD would not unpack it"},
                      {.input = "FROM debian:12 AS build\nCOPY app.tar /tmp/\nFROM "
                                "debian:12-slim\nCOPY --from=build /tmp/app.tar /tmp/\n",
                       .fires = false},
                  },
          },
      .build = CopyThenExtract,
  };
}

// ---------------------------------------------------------------------------------------------
// DD032 (DL3011): EXPOSE port outside 0–65535.

void ExposePortRange(const BuildSpec& spec, Reporter& r) {
  ForEach(spec.stages, "EXPOSE", [&](const Stage&, const Instruction& ins) {
    for (const std::string& arg : ins.args) {
      if (Unresolved(arg)) continue;
      std::string_view spec_text = arg;
      spec_text = spec_text.substr(0, spec_text.find('/'));  // 80/tcp
      auto colon = spec_text.rfind(':');
      if (colon != std::string_view::npos) spec_text.remove_prefix(colon + 1);
      std::string_view parts[2] = {spec_text, {}};
      auto dash = spec_text.find('-');
      if (dash != std::string_view::npos) {
        parts[0] = spec_text.substr(0, dash);
        parts[1] = spec_text.substr(dash + 1);
      }
      for (std::string_view p : parts) {
        if (p.empty() || !core::AllDigits(p)) continue;
        std::string_view digits = core::TrimLeft(p, "0");
        if (digits.size() < 5 || (digits.size() == 5 && digits <= "65535")) continue;
        r.Report(ins.origin, core::Concat({"EXPOSE ", arg, ": port ", p,
                                           " is outside the valid range 0-65535"}));
        break;
      }
    }
  });
}

rules::Rule RuleDD032() {
  return {
      .info =
          {
              .id = "DD032",
              .slug = "hygiene/expose-port-range",
              .title = "EXPOSE of a port outside 0-65535",
              .severity = Severity::kHigh,
              .practice = 0,
              .reads = kB,
              .rationale =
                  "TCP and UDP ports are 16-bit numbers; a larger one is a typo that documents a "
                  "port nothing can listen on.",
              .differs = "Variables are expanded first, so `EXPOSE $PORT` with `ARG PORT=80000` "
                         "is reported too (hadolint skips variables).",
              .remediation = "Fix the port number: EXPOSE 8000, EXPOSE 40000-40100/udp.",
              .references = {"DL3011", "DS-0008"},
              .examples =
                  {
                      {.input = "FROM debian:12-slim\nEXPOSE 80000\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2},
                      {.input = "FROM debian:12-slim\nEXPOSE 40000-70000/udp\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2,
                       .note = "the end of a range"},
                      {.input = "FROM debian:12-slim\nARG PORT=80800\nEXPOSE ${PORT}/tcp\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 3,
                       .note = "judged after expansion"},
                      {.input = "FROM debian:12-slim\nEXPOSE 8080 65535/udp 40000-40100\n",
                       .fires = false},
                      {.input = "FROM debian:12-slim\nEXPOSE ${PORT}\n",
                       .fires = false,
                       .note = "an unknown variable is not judged"},
                  },
          },
      .build = ExposePortRange,
  };
}

// ---------------------------------------------------------------------------------------------
// DD033 (DL3021): several sources into a destination that is not a directory.

void CopyDestNotDir(const BuildSpec& spec, Reporter& r) {
  for (const Stage& stage : spec.stages) {
    for (const Instruction& ins : stage.instructions) {
      if ((ins.keyword != "COPY" && ins.keyword != "ADD") || ins.args.size() <= 2) continue;
      const std::string& dest = ins.args.back();
      if (dest.empty() || Unresolved(dest) || EndsWith(dest, "/") || EndsWith(dest, "\\")) {
        continue;
      }
      r.Report(ins.origin, core::Concat({ins.keyword, " of ", std::to_string(ins.args.size() - 1),
                                         " sources into `", dest,
                                         ("`: with several sources the destination must be a "
                                          "directory ending in `/`")}));
    }
  }
}

rules::Rule RuleDD033() {
  return {
      .info =
          {
              .id = "DD033",
              .slug = "hygiene/copy-dest-not-dir",
              .title = "COPY of several sources to a destination without a trailing /",
              .severity = Severity::kHigh,
              .practice = 0,
              .reads = kB,
              .rationale =
                  "With more than one source the builder needs a directory to copy into and "
                  "refuses a destination that does not end in `/`.",
              .differs = "ADD follows the same rule, so drydock checks it too (hadolint checks "
                         "COPY only); a destination that is an unknown variable is not judged.",
              .remediation = "End the destination with a slash: COPY a.txt b.txt /app/.",
              .references = {"DL3021", "DS-0011"},
              .examples =
                  {
                      {.input = "FROM debian:12-slim\nCOPY package.json package-lock.json /app\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2},
                      {.input = "FROM debian:12-slim\nCOPY package.json package-lock.json /app/\n",
                       .fires = false},
                      {.input = "FROM debian:12-slim\nCOPY [\"a.txt\", \"b.txt\", \"/srv\"]\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2,
                       .note = "JSON form"},
                      {.input = "FROM debian:12-slim\nARG DEST=/app/\nCOPY a.txt b.txt $DEST\n",
                       .fires = false,
                       .note = "judged after expansion"},
                      {.input = "FROM debian:12-slim\nCOPY app.py /app/main.py\n", .fires = false},
                  },
          },
      .build = CopyDestNotDir,
  };
}

// ---------------------------------------------------------------------------------------------
// DD034 (DL3029) and DD040 (DL3065): FROM --platform.

void FromPlatform(const BuildSpec& spec, Reporter& r) {
  for (const Stage& stage : spec.stages) {
    const std::string& p = stage.platform_text;
    if (p.empty() || Contains(p, "BUILDPLATFORM") || Contains(p, "TARGETPLATFORM")) continue;
    r.Report(stage.origin, "FROM --platform=" + p +
                               " fixes the stage to one platform: a multi-platform build gets "
                               "this architecture for every target");
  }
}

rules::Rule RuleDD034() {
  return {
      .info =
          {
              .id = "DD034",
              .slug = "hygiene/from-platform",
              .title = "FROM --platform fixed to one platform",
              .severity = Severity::kMedium,
              .practice = 0,
              .reads = kB,
              .rationale =
                  "A literal platform on FROM overrides `docker build --platform`: an arm64 "
                  "build silently ships amd64 binaries (or the reverse). $BUILDPLATFORM for "
                  "cross-compiling builder stages and $TARGETPLATFORM are the intended uses.",
              .remediation = "Drop the flag and pass --platform to the build, or use "
                             "FROM --platform=$BUILDPLATFORM for a cross-compiling builder stage.",
              .references = {"DL3029"},
              .examples =
                  {
                      {.input = "FROM --platform=linux/amd64 debian:12-slim\n",
                       .fires = true,
                       .severity = Severity::kMedium},
                      {.input = "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nRUN go "
                                "build -o /app\nFROM debian:12-slim\nCOPY --from=build /app "
                                "/app\n",
                       .fires = false},
                      {.input = "FROM debian:12-slim\n", .fires = false},
                      {.input = "ARG ARCH=linux/arm64\nFROM --platform=${ARCH} debian:12-slim\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2,
                       .note = "a build argument with a fixed default is still fixed"},
                  },
          },
      .build = FromPlatform,
  };
}

void PlatformIsDefault(const BuildSpec& spec, Reporter& r) {
  for (const Stage& stage : spec.stages) {
    std::string_view p = core::Trim(stage.platform_text, "\"'");
    if (p != "$TARGETPLATFORM" && p != "${TARGETPLATFORM}") continue;
    r.Report(stage.origin,
             "FROM --platform=" + stage.platform_text +
                 " is redundant: stages are built for the target platform by default");
  }
}

rules::Rule RuleDD040() {
  return {
      .info =
          {
              .id = "DD040",
              .slug = "hygiene/platform-default",
              .title = "FROM --platform=$TARGETPLATFORM is redundant",
              .severity = Severity::kMedium,
              .practice = 0,
              .reads = kB,
              .rationale =
                  "Every stage is built for the target platform unless told otherwise; the "
                  "flag adds noise and suggests a cross-build that is not there.",
              .remediation = "Remove `--platform=$TARGETPLATFORM` from the FROM line.",
              .references = {"DL3065"},
              .examples =
                  {
                      {.input = "FROM --platform=$TARGETPLATFORM debian:12-slim\n",
                       .fires = true,
                       .severity = Severity::kMedium},
                      {.input = "FROM --platform=${TARGETPLATFORM} debian:12-slim\n",
                       .fires = true,
                       .severity = Severity::kMedium},
                      {.input = "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n",
                       .fires = false},
                      {.input = "FROM debian:12-slim\n", .fires = false},
                  },
          },
      .build = PlatformIsDefault,
  };
}

// ---------------------------------------------------------------------------------------------
// DD035 (DL3044): ENV refers to a variable it defines itself.

struct RawPair {
  std::string key;
  std::string value;  // as written: quotes and escapes kept
};

// Splits the `KEY=value KEY2="v 2"` form of ENV as written into pairs (values unexpanded); the
// legacy `ENV KEY value` form yields one pair.
std::vector<RawPair> RawEnvPairs(std::string_view text, char escape) {
  std::vector<std::string_view> words = core::SplitWords(text, escape);
  std::vector<RawPair> out;
  if (words.empty()) return out;
  if (words.front().find('=') == std::string_view::npos) {  // legacy form: one pair
    out.push_back({std::string(words.front()), {}});
    return out;
  }
  for (std::string_view w : words) {
    auto eq = w.find('=');
    if (eq == std::string_view::npos) continue;
    out.push_back({std::string(w.substr(0, eq)), std::string(w.substr(eq + 1))});
  }
  return out;
}

// True when `value` (as written) expands variable `name`: `$name` not followed by a name
// character, or `${name}` / `${name:-…}` and the other modifiers. Single-quoted text and escaped
// dollars expand nothing.
bool References(std::string_view value, std::string_view name, char escape) {
  char quote = '\0';
  for (std::size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    if (c == escape && quote != '\'') {
      ++i;
      continue;
    }
    if (quote == '\0' && (c == '"' || c == '\'')) {
      quote = c;
      continue;
    }
    if (c == quote) {
      quote = '\0';
      continue;
    }
    if (c != '$' || quote == '\'') continue;
    std::size_t at = i + 1;
    bool braced = at < value.size() && value[at] == '{';
    if (braced) ++at;
    if (value.substr(at, name.size()) != name) continue;
    std::size_t end = at + name.size();
    if (end < value.size() && core::IsNameChar(value[end])) continue;
    if (braced && end >= value.size()) continue;
    return true;
  }
  return false;
}

void EnvSelfReference(const BuildSpec& spec, Reporter& r) {
  for (const Stage& stage : spec.stages) {
    std::set<std::string> defined;  // ENV of the stages this one is built on
    for (const Stage* up : Ancestors(spec, stage)) {
      for (const Instruction& ins : up->instructions) {
        if (ins.keyword != "ENV") continue;
        for (const auto& [k, v] : ins.pairs) defined.insert(k);
      }
    }
    for (const Instruction& ins : stage.instructions) {
      if (ins.keyword == "ARG") {
        for (const auto& [k, v] : ins.pairs) defined.insert(k);
      }
      if (ins.keyword != "ENV") continue;
      std::vector<RawPair> pairs = RawEnvPairs(ins.args_text, spec.escape);
      std::vector<std::string> names;
      for (std::size_t i = 0; i < pairs.size(); ++i) {
        const std::string& name = pairs[i].key;
        if (defined.count(name) != 0 ||
            std::find(names.begin(), names.end(), name) != names.end()) {
          continue;
        }
        for (std::size_t j = 0; j < pairs.size(); ++j) {
          if (j != i && References(pairs[j].value, name, spec.escape)) {
            names.push_back(name);
            break;
          }
        }
      }
      for (const auto& p : pairs) defined.insert(p.key);
      if (names.empty()) continue;
      r.Report(ins.origin, "ENV defines and uses " + detail::QuoteList(names) +
                               " in one statement: the reference sees the value from before "
                               "this ENV, not the one set here");
    }
  }
}

rules::Rule RuleDD035() {
  return {
      .info =
          {
              .id = "DD035",
              .slug = "hygiene/env-self-reference",
              .title = "ENV uses a variable it defines in the same statement",
              .severity = Severity::kHigh,
              .practice = 0,
              .reads = kB,
              .rationale =
                  "All values of one ENV are expanded before any of them is set, so in "
                  "`ENV DIR=/opt BIN=$DIR/bin` BIN is `/bin`. A variable already defined earlier "
                  "(ARG or ENV in the stage or the stages it is built on) is not reported: the "
                  "earlier value is probably the one meant.",
              .differs = "Unlike hadolint, scope follows stages (a global ARG the stage does not "
                         "redeclare does not count, ENV of the stage it is built FROM does), "
                         "`${VAR:-x}` is a reference too, and single-quoted or escaped `$` is "
                         "not.",
              .remediation = "Split it: ENV DIR=/opt, then ENV BIN=$DIR/bin.",
              .references = {"DL3044"},
              .examples =
                  {
                      {.input = "FROM debian:12-slim\nENV APP_HOME=/opt/app "
                                "APP_BIN=${APP_HOME}/bin\n",
                       .fires = true,
                       .severity = Severity::kHigh,
                       .line = 2},
                      {.input = "FROM debian:12-slim\nENV APP_HOME=/opt/app\nENV "
                                "APP_BIN=${APP_HOME}/bin\n",
                       .fires = false},
                      {.input = "FROM debian:12-slim\nENV PATH=/opt/app/bin:$PATH\n",
                       .fires = false,
                       .note = "a pair may extend its own variable"},
                      {.input = "FROM debian:12-slim\nENV A=1 B=$AB\n",
                       .fires = false,
                       .note = "another variable"},
                      {.input = "FROM debian:12-slim\nENV A=1 B='$A'\n",
                       .fires = false,
                       .note = "single quotes: no expansion"},
                      {.input = "FROM debian:12-slim\nARG VERSION=1.2\nENV VERSION=$VERSION "
                                "URL=https://example.com/$VERSION\n",
                       .fires = false,
                       .note = "already defined by the ARG: the value from before is meant"},
                  },
          },
      .build = EnvSelfReference,
  };
}

// ---------------------------------------------------------------------------------------------
// DD036 (DL3045): COPY to a relative destination with no WORKDIR.

bool SetsWorkdir(const Stage& stage, const Instruction* until) {
  for (const Instruction& ins : stage.instructions) {
    if (&ins == until) return false;
    if (ins.keyword == "WORKDIR") return true;
  }
  return false;
}

void CopyRelativeNoWorkdir(const BuildSpec& spec, Reporter& r) {
  for (const Stage& stage : spec.stages) {
    bool inherited = false;
    const Stage* root = &stage;
    for (const Stage* up : Ancestors(spec, stage)) {
      inherited |= SetsWorkdir(*up, nullptr);
      root = up;
    }
    if (inherited || root->scratch) continue;  // scratch has no WORKDIR to inherit: it is `/`
    for (const Instruction& ins : stage.instructions) {
      if (ins.keyword == "WORKDIR") break;
      if ((ins.keyword != "COPY" && ins.keyword != "ADD") || ins.args.size() < 2) continue;
      const std::string& dest = ins.args.back();
      if (dest.empty() || AbsolutePath(dest) || Unresolved(dest)) continue;
      r.Report(ins.origin,
               core::Concat({ins.keyword, " to the relative `", dest,
                             "` with no WORKDIR set in stage ", detail::StageLabel(stage),
                             (": the files land wherever the base image's WORKDIR "
                              "points (often /)")}));
    }
  }
}

rules::Rule RuleDD036() {
  return {
      .info =
          {
              .id = "DD036",
              .slug = "hygiene/copy-relative-no-workdir",
              .title = "COPY to a relative destination without WORKDIR",
              .severity = Severity::kMedium,
              .practice = 0,
              .reads = kB,
              .rationale =
                  "A relative destination resolves against the working directory, which the "
                  "stage has not set: the files go wherever the base image happens to point, "
                  "and move when the base changes. A WORKDIR in a stage this one is built FROM "
                  "counts.",
              .differs = "Unlike hadolint, stages built on scratch (whose directory is always "
                         "`/`) are not reported, a destination is judged after variable "
                         "expansion, and ADD is checked too.",
              .remediation = "Set WORKDIR /app before the COPY, or copy to an absolute path.",
              .references = {"DL3045"},
              .examples =
                  {
                      {.input = "FROM node:20-slim\nCOPY package.json .\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2},
                      {.input = "FROM node:20-slim\nWORKDIR /app\nCOPY package.json .\n",
                       .fires = false},
                      {.input = "FROM node:20-slim\nCOPY package.json /app/\n", .fires = false},
                      {.input = "FROM node:20-slim AS base\nWORKDIR /app\nFROM base\nCOPY . .\n",
                       .fires = false,
                       .note = "inherited from the stage it is built on"},
                      {.input = "FROM node:20-slim AS deps\nWORKDIR /app\nFROM node:20-slim\n"
                                "COPY . .\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 4,
                       .note = "another stage's WORKDIR does not carry over"},
                      {.input = "FROM golang:1.22 AS build\nWORKDIR /src\nRUN go build -o "
                                "/out/app\nFROM scratch AS export\nCOPY --from=build /out .\n",
                       .fires = false,
                       .note = "scratch starts in /, whatever the base"},
                      {.input = "FROM node:20-slim\nENV APP=/srv/app\nCOPY . $APP\n",
                       .fires = false,
                       .note = "judged after expansion"},
                  },
          },
      .build = CopyRelativeNoWorkdir,
  };
}

// ---------------------------------------------------------------------------------------------
// DD037 (DL3047): wget printing a progress bar.

// True when a wget command line keeps its log short: --progress, -q/--quiet, -nv/--no-verbose,
// or a log file (-o/--output-file, -a/--append-output).
bool WgetQuiet(const ShellCommand& c) {
  for (std::size_t i = 1; i < c.words.size(); ++i) {
    std::string_view w = c.words[i].value;
    if (w == "--") break;
    if (StartsWith(w, "--")) {
      std::string_view name = w.substr(
          2, w.find('=') == std::string_view::npos ? std::string_view::npos : w.find('=') - 2);
      if (In(name, {"progress", "quiet", "no-verbose", "output-file", "append-output"})) {
        return true;
      }
      continue;
    }
    if (!StartsWith(w, "-") || w.size() < 2) continue;
    if (StartsWith(w, "-n")) {  // -nv, -nc, -nd, -nH, -np: two-letter options
      if (w == "-nv") return true;
      continue;
    }
    for (std::size_t k = 1; k < w.size(); ++k) {
      char f = w[k];
      if (f == 'q' || f == 'o' || f == 'a') return true;
      // Options that take a value end the cluster (`-O-`, `-T30`).
      if (Contains("OeiBtTwPUYDARIXlQ", std::string_view(&f, 1))) break;
    }
  }
  return false;
}

void WgetNoProgress(const BuildSpec& spec, Reporter& r) {
  ForEach(spec.stages, "RUN", [&](const Stage&, const Instruction& ins) {
    for (const ShellCommand& c : ins.script.commands) {
      if (c.Name() != "wget" || WgetQuiet(c)) continue;
      r.Report(OriginAt(ins, c.line),
               "`wget` without --progress or -q prints a progress line per chunk and bloats "
               "the build log");
      break;  // one per RUN
    }
  });
}

rules::Rule RuleDD037() {
  return {
      .info =
          {
              .id = "DD037",
              .slug = "hygiene/wget-no-progress",
              .title = "wget without --progress or -q",
              .severity = Severity::kLow,
              .practice = 0,
              .reads = kB,
              .rationale =
                  "Without a terminal, GNU wget's default progress display writes thousands of "
                  "lines for a large download, drowning the build log that CI keeps.",
              .differs = "Short options are read as wget reads them: in `-O/tmp/a` the `a` is "
                         "part of the file name, not -a (hadolint splits every letter).",
              .remediation =
                  "wget --progress=dot:giga <url>, or -q / -nv (busybox wget knows only -q).",
              .references = {"DL3047"},
              .examples =
                  {
                      {.input = "FROM debian:12-slim\nRUN wget https://example.com/app.tgz\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2},
                      {.input = "FROM debian:12-slim\nRUN wget --progress=dot:giga "
                                "https://example.com/app.tgz\n",
                       .fires = false},
                      {.input = "FROM alpine:3.20\nRUN wget -qO- https://example.com/app.tgz | "
                                "tar xz\n",
                       .fires = false,
                       .note = "-q inside a cluster"},
                      {.input = "FROM debian:12-slim\nRUN wget -nv https://example.com/app.tgz\n",
                       .fires = false},
                      {.input = "FROM debian:12-slim\nRUN wget -O /tmp/app.tgz "
                                "https://example.com/app.tgz\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2,
                       .note = "-O names the download, not the log"},
                  },
          },
      .build = WgetNoProgress,
  };
}

// ---------------------------------------------------------------------------------------------
// DD038 (DL3059): consecutive single-command RUNs.

bool SameFlags(const Instruction& a, const Instruction& b) {
  if (a.flags.size() != b.flags.size()) return false;
  for (std::size_t i = 0; i < a.flags.size(); ++i) {
    if (a.flags[i].name != b.flags[i].name || a.flags[i].value != b.flags[i].value) return false;
  }
  return true;
}

// A RUN of one command: `RUN apt-get update` (not `a && b`, `a; b`, a pipe or a heredoc script of
// several lines).
bool SingleCommand(const Instruction& run) {
  return run.exec_form || run.script.commands.size() <= 1;
}

// On the ONBUILD view (BuildFacts::Triggered) a trigger and a plain RUN next to it run in
// different builds: only RUNs of the same build are paired.
void ConsecutiveRun(const BuildSpec& spec, const detail::BuildFacts& facts, Reporter& r) {
  for (const Stage& stage : spec.stages) {
    const Instruction* prev = nullptr;  // the instruction before, when it is a RUN
    for (const Instruction& ins : stage.instructions) {
      if (ins.keyword != "RUN") {
        prev = nullptr;
        continue;
      }
      if (prev != nullptr && SameFlags(*prev, ins) && SingleCommand(*prev) && SingleCommand(ins) &&
          facts.IsTriggerLine(prev->origin.line) == facts.IsTriggerLine(ins.origin.line)) {
        r.Report(ins.origin, "RUN right after the RUN at line " +
                                 std::to_string(prev->origin.line) +
                                 ": join them with `&&` to save a layer");
      }
      prev = &ins;
    }
  }
}

rules::Rule RuleDD038() {
  return {
      .info =
          {
              .id = "DD038",
              .slug = "hygiene/consecutive-run",
              .title = "Consecutive single-command RUN instructions",
              .severity = Severity::kLow,
              .practice = 0,
              .reads = kB,
              .rationale =
                  "Each RUN is a layer and a cache step; a row of one-command RUNs makes the "
                  "image larger and slower to pull than one RUN joined with `&&`. RUNs that "
                  "already chain several commands, or whose mounts or other flags differ, are "
                  "taken as deliberate.",
              .differs = "A heredoc script counts its own commands (hadolint sees one command).",
              .remediation = "RUN apt-get update && apt-get install -y … in one instruction.",
              .references = {"DL3059"},
              .examples =
                  {
                      {.input = "FROM debian:12-slim\nRUN mkdir /app\nRUN chown nobody /app\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 3},
                      {.input = "FROM debian:12-slim\nRUN mkdir /app\n# hand it over\nRUN chown "
                                "nobody /app\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 4,
                       .note = "comments do not separate"},
                      {.input = "FROM debian:12-slim\nRUN mkdir /app && chown nobody /app\n",
                       .fires = false},
                      {.input = "FROM debian:12-slim\nRUN mkdir /app\nWORKDIR /app\nRUN touch "
                                "x\n",
                       .fires = false},
                      {.input = "FROM debian:12-slim\nRUN --mount=type=secret,id=npm npm ci\nRUN "
                                "npm run build\n",
                       .fires = false,
                       .note = "different mounts"},
                      {.input = "FROM debian:12-slim\nRUN <<EOF\nset -e\nmake\nEOF\nRUN make "
                                "install\n",
                       .fires = false,
                       .note = "a heredoc script of several commands"},
                  },
          },
      .build = ConsecutiveRun,
  };
}

// ---------------------------------------------------------------------------------------------
// DD039 (DL3063): reserved stage names.

void ReservedStageName(const BuildSpec& spec, Reporter& r) {
  for (const Stage& stage : spec.stages) {
    if (stage.name == "scratch") {
      r.Report(stage.origin,
               "stage name `scratch` is reserved: `FROM scratch` means the empty image, "
               "never this stage");
    } else if (stage.name == "context") {
      r.Report(stage.origin,
               "stage name `context` is reserved for the build context (`--build-context`)");
    }
  }
}

rules::Rule RuleDD039() {
  return {
      .info =
          {
              .id = "DD039",
              .slug = "hygiene/reserved-stage-name",
              .title = "Stage named with a reserved word",
              .severity = Severity::kMedium,
              .practice = 0,
              .reads = kB,
              .rationale =
                  "`scratch` and `context` already mean something to the builder (the empty "
                  "image, the build context); a stage with that name is shadowed or shadows it, "
                  "depending on where it is referenced.",
              .remediation = "Rename the stage: FROM golang:1.22 AS build.",
              .references = {"DL3063"},
              .examples =
                  {
                      {.input = "FROM debian:12-slim AS scratch\n",
                       .fires = true,
                       .severity = Severity::kMedium},
                      {.input = "FROM debian:12-slim AS Context\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .note = "names are case-insensitive"},
                      {.input = "FROM debian:12-slim AS build\nFROM scratch\nCOPY --from=build "
                                "/x /x\n",
                       .fires = false},
                  },
          },
      .build = ReservedStageName,
  };
}

// ---------------------------------------------------------------------------------------------
// DD041 (DL4001): both curl and wget in one stage.

// ONBUILD triggers (BuildFacts::Triggered view) run in the child build: counted apart from the
// stage's own RUNs.
void CurlAndWget(const BuildSpec& spec, const detail::BuildFacts& facts, Reporter& r) {
  for (const Stage& stage : spec.stages) {
    int firsts[2][2] = {{0, 0}, {0, 0}};  // [own, trigger][curl, wget]: line of the first
    for (const Instruction& ins : stage.instructions) {
      if (ins.keyword != "RUN") continue;
      int* first = firsts[facts.IsTriggerLine(ins.origin.line) ? 1 : 0];
      int here = 0;
      for (const ShellCommand& c : ins.script.commands) {
        std::string name = c.Name();
        int k = name == "curl" ? 0 : name == "wget" ? 1 : -1;
        if (k < 0) continue;
        int line = c.line > 0 ? c.line : ins.origin.line;
        if (first[k] == 0) first[k] = line;
        if (here == 0) here = line;
      }
      if (here == 0 || first[0] == 0 || first[1] == 0) continue;
      r.Report(OriginAt(ins, here), "stage " + detail::StageLabel(stage) +
                                        " uses both curl (line " + std::to_string(first[0]) +
                                        ") and wget (line " + std::to_string(first[1]) +
                                        "): one download tool is enough");
    }
  }
}

rules::Rule RuleDD041() {
  return {
      .info =
          {
              .id = "DD041",
              .slug = "hygiene/curl-and-wget",
              .title = "Both curl and wget used in one stage",
              .severity = Severity::kMedium,
              .practice = 1,
              .reads = kB,
              .rationale =
                  "Two tools that do the same job mean two sets of packages, options and CVEs "
                  "to keep; pick one. Judged per stage: a builder using wget and a final stage "
                  "using curl is fine.",
              .remediation = "Use one of them everywhere in the stage (curl -fsSLO, or wget -q).",
              .references = {"DL4001", "DS-0014"},
              .examples =
                  {
                      {.input = "FROM debian:12-slim\nRUN wget -q https://example.com/a\nRUN "
                                "curl -fsSLO https://example.com/b\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 3},
                      {.input = "FROM debian:12-slim\nRUN curl -fsSLO https://example.com/a && "
                                "curl -fsSLO https://example.com/b\n",
                       .fires = false},
                      {.input = "FROM debian:12-slim AS fetch\nRUN wget -q "
                                "https://example.com/a\nFROM debian:12-slim\nRUN curl -fsSLO "
                                "https://example.com/b\n",
                       .fires = false,
                       .note = "different stages"},
                  },
          },
      .build = CurlAndWget,
  };
}

// ---------------------------------------------------------------------------------------------
// DD042 (DL4005): /bin/sh replaced by a symlink.

void LnBinSh(const BuildSpec& spec, Reporter& r) {
  ForEachRunCommand(spec, [&](const Instruction& ins, const ShellCommand& c) {
    if (c.Name() != "ln") return;
    std::vector<std::string_view> operands;
    bool options = true;
    for (std::size_t i = 1; i < c.words.size(); ++i) {
      std::string_view w = c.words[i].value;
      if (options && w == "--") {
        options = false;
      } else if (options && StartsWith(w, "-") && w.size() > 1) {
        if (In(w, {"-t", "--target-directory", "-S", "--suffix"})) ++i;  // takes a value
      } else {
        operands.push_back(w);
      }
    }
    if (operands.size() < 2) return;
    std::string_view link = operands.back();
    while (link.size() > 1 && link.back() == '/') link.remove_suffix(1);
    if (link != "/bin/sh" && link != "/usr/bin/sh") return;
    r.Report(OriginAt(ins, c.line), "`ln` replaces " + std::string(link) + " with " +
                                        std::string(operands.front()) +
                                        ": use SHELL to change the shell RUN uses");
  });
}

rules::Rule RuleDD042() {
  return {
      .info =
          {
              .id = "DD042",
              .slug = "hygiene/ln-bin-sh",
              .title = "Default shell changed by symlinking /bin/sh",
              .severity = Severity::kMedium,
              .practice = 0,
              .reads = kB,
              .rationale =
                  "Re-pointing /bin/sh changes the shell of every script in the image, not only "
                  "of the build, and hides the change from readers of the Dockerfile.",
              .differs = "drydock judges the link name (/bin/sh or /usr/bin/sh), so "
                         "`ln -s /bin/sh /usr/local/bin/sh` is not reported (hadolint reports any "
                         "ln naming /bin/sh).",
              .remediation = "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]",
              .references = {"DL4005"},
              .examples =
                  {
                      {.input = "FROM debian:12-slim\nRUN ln -sf /bin/bash /bin/sh\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2},
                      {.input = "FROM debian:12-slim\nSHELL [\"/bin/bash\", \"-c\"]\n",
                       .fires = false},
                      {.input = "FROM debian:12-slim\nRUN ln -sf /bin/true /sbin/initctl\n",
                       .fires = false},
                      {.input = "FROM debian:12-slim\nRUN ln -s /bin/sh /usr/local/bin/sh\n",
                       .fires = false,
                       .note = "a new link to sh; /bin/sh itself is unchanged"},
                  },
          },
      .build = LnBinSh,
  };
}

// ---------------------------------------------------------------------------------------------
// DD043 (DL3001): commands that do nothing useful in a build step.

void PointlessCommand(const BuildSpec& spec, Reporter& r) {
  ForEach(spec.stages, "RUN", [&](const Stage&, const Instruction& ins) {
    for (const ShellCommand& c : ins.script.commands) {
      std::string name = c.Name();
      if (!In(name, {"free", "kill", "mount", "ps", "service", "shutdown", "ssh", "top", "vim"})) {
        continue;
      }
      r.Report(OriginAt(ins, c.line),
               "`" + name +
                   "` in RUN: a build step has no services, terminal or other processes to "
                   "act on, and nothing it starts outlives the step");
      break;  // one per RUN
    }
  });
}

rules::Rule RuleDD043() {
  return {
      .info =
          {
              .id = "DD043",
              .slug = "hygiene/pointless-command",
              .title = "Interactive or system command in RUN",
              .severity = Severity::kLow,
              .practice = 0,
              .reads = kB,
              .rationale =
                  "Each RUN is a fresh, short-lived process tree: `service x start` starts a "
                  "daemon that dies with the step, `top`, `vim` and `ssh` wait for a terminal, "
                  "`ps`, `free` and `kill` look at processes that are gone by the next step, "
                  "`mount` and `shutdown` need privileges a build does not have.",
              .remediation =
                  "Start services from the CMD/ENTRYPOINT at run time; edit files with sed or "
                  "COPY; fetch sources with git over a --mount=type=ssh.",
              .references = {"DL3001"},
              .examples =
                  {
                      {.input = "FROM debian:12-slim\nRUN service nginx start\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2},
                      {.input = "FROM debian:12-slim\nRUN apt-get update && apt-get install -y "
                                "--no-install-recommends openssh-client=1:9.2p1-2\n",
                       .fires = false,
                       .note = "installing a tool is not running it"},
                      {.input = "FROM debian:12-slim\nRUN ssh-keyscan github.com >> "
                                "/etc/ssh/ssh_known_hosts\n",
                       .fires = false},
                  },
          },
      .build = PointlessCommand,
  };
}

}  // namespace

void RegisterInstructionRules(rules::Registry& registry) {
  registry.Add(RuleDD030());
  registry.Add(RuleDD031());
  registry.Add(RuleDD032());
  registry.Add(RuleDD033());
  registry.Add(RuleDD034());
  registry.Add(RuleDD035());
  registry.Add(RuleDD036());
  registry.Add(RuleDD037());
  registry.Add(RuleDD038());
  registry.Add(RuleDD039());
  registry.Add(RuleDD040());
  registry.Add(RuleDD041());
  registry.Add(RuleDD042());
  registry.Add(RuleDD043());
}

}  // namespace drydock::rules
