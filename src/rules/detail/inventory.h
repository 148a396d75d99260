// SPDX-License-Identifier: Apache-2.0
// Notable files of a final image filesystem: shells, package managers, tools an attacker uses and
// build toolchains, found by basename in the usual bin directories of the merged FsIndex, plus
// small helpers the image checks share (resolving symlinks inside the index, image-level origins,
// reporting long lists of files without flooding the report). Pure functions over the spec.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/origin.h"
#include "core/rule.h"
#include "model/image_spec.h"

namespace drydock::rules::detail {

enum class ToolKind { kShell, kPackageManager, kAttackTool, kToolchain };

// One tool found: its canonical name ("bash", "busybox", "apt-get") and the first index entry (in
// bin-directory order) that provides it. The entry lives as long as the FsIndex.
struct NotableFile {
  std::string name;
  const model::FsEntry* entry = nullptr;
};

// The tools of `kind` in the final filesystem, one row per name, in discovery order. An entry
// counts when its basename is in the kind's table (an exact name, or the name followed by a version
// such as "gcc-12" / "pip3.11"), whether it is a regular file, a hard link or a symlink that
// resolves inside the image. Busybox applets (links that resolve to a `busybox` binary) are
// collapsed: they make one "busybox" row for kShell and none for the other kinds (the multi-call
// binary is reported once, as a shell).
std::vector<NotableFile> FindTools(const model::FsIndex& files, ToolKind kind);

// "`bash`, `sh` and `busybox`" (at most `limit` names).
std::string ToolNames(const std::vector<NotableFile>& tools, std::size_t limit = 8);

// The entry `path` finally resolves to, following symlinks (in any component, relative or absolute,
// at most 40 hops) and hard links inside the index; nullptr when it does not resolve.
const model::FsEntry* Resolve(const model::FsIndex& files, std::string_view path);

// An origin for a config-level finding: file = the image reference, path = `context`
// ("config.User", "history[3].created_by").
core::Origin ConfigOrigin(const model::ImageSpec& spec, std::string context);

// The most per-file findings a rule reports; past it, one finding (at the first file) lists the
// first kMaxFileFindings items and the count.
inline constexpr std::size_t kMaxFileFindings = 20;

// Reports one finding per entry of `entries` (message `describe(entry)`), or, when there are more
// than kMaxFileFindings, one finding at the first entry: `summary` + the count + the first items.
void ReportFiles(const model::ImageSpec& spec, const std::vector<const model::FsEntry*>& entries,
                 const std::function<std::string(const model::FsEntry&)>& describe,
                 std::string_view summary, core::Reporter& r);

}  // namespace drydock::rules::detail
