// SPDX-License-Identifier: Apache-2.0
// The compose adapter: a compose file (Compose spec, FORMATS.md §5) → one RunSpec per service.
// Reads user, read_only, tmpfs, cap_add/cap_drop, privileged, security_opt, mem_limit,
// memswap_limit, cpus, cpu_shares, pids_limit, ulimits, deploy.resources.limits/reservations,
// environment (map or list), env_file, secrets, volumes (short and long syntax), network_mode,
// pid, ipc, userns_mode, devices, ports, image, entrypoint/command; `x-` extensions and YAML
// anchors/merge keys as real files use them (via the YAML adapter).
//
// Interpolation (`${VAR}`, `${VAR:-default}`, `${VAR-d}`, `${VAR:?err}`, `${VAR:+alt}`, `$$`)
// uses ComposeOptions::environment first, then the `.env` beside the file, as compose does.
// A missing required variable (`:?`) or a malformed expression is a ParseError (DD001) at the
// value; an unset variable without default becomes "" (compose warns, we do too: diagnostics).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "model/cluster.h"
#include "yaml/yaml.h"

namespace drydock::sources::compose {

struct ComposeOptions {
  // Variables for interpolation, e.g. the process environment (they win over `.env`).
  std::map<std::string, std::string> environment;
  // Contents of the `.env` file beside the compose file (`KEY=VALUE` lines, `#` comments,
  // optional quotes, `export ` prefix). ParseComposeFile fills it from disk when it exists.
  std::string dotenv;
};

// True when a document looks like a compose file: a mapping with a `services` mapping.
bool IsComposeDocument(const yaml::YamlNode& doc);

// Converts a parsed compose document (`file` is the display name used in origins).
model::RunSet FromDocument(const yaml::YamlNode& doc, std::string_view file,
                           const ComposeOptions& options, core::Diagnostics& diagnostics);

// Parses compose text.
model::RunSet ParseCompose(std::string_view text, std::string_view file,
                           const ComposeOptions& options, core::Diagnostics& diagnostics);

// Reads `fs_path` and the `.env` beside it (when options.dotenv is empty), then parses.
model::RunSet ParseComposeFile(const std::string& fs_path, std::string_view file,
                               ComposeOptions options, core::Diagnostics& diagnostics);

// Parses a byte size as compose and docker write it: "512m", "1g", "1024", "1.5gb", "100k"
// (1024-based, b/k/kb/m/mb/g/gb, any case). Nullopt when malformed.
// As docker/go-units RAMInBytes, also t/p, an `i` (KiB, MiB) and one space before the unit;
// fractions are truncated to whole bytes.
std::optional<std::int64_t> ParseByteSize(std::string_view text);

}  // namespace drydock::sources::compose
