// SPDX-License-Identifier: Apache-2.0
// Value syntaxes of `docker run` flags, parsed the way the docker CLI parses
// them (go-units RAMInBytes, NanoCPUs, nat.ParsePortSpec, the volume spec
// splitter, the --mount CSV, ulimits, security options, sysctls). Each parser
// returns the value or an error text worded like the CLI's, which the flag
// parser wraps into `invalid argument "…" for "--flag" flag: <text>`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "model/run_spec.h"

namespace drydock::sources::dockerrun::detail {

// Error text only (no origin): the caller knows where the value was written.
template <class T>
using ValueResult = tl::expected<T, std::string>;

// go-units RAMInBytes: `<digits>[.<digits>][ ][k|m|g|t|p][i][b]`,
// case-insensitive, 1024-based, fractions truncated towards zero ("1.5k" =
// 1536). Negative numbers are refused.
ValueResult<std::int64_t> RamInBytes(std::string_view text);

// --memory-swap: "-1" (unlimited) or RamInBytes.
ValueResult<std::int64_t> MemorySwap(std::string_view text);

// --cpus: a decimal or rational number ("1.5", "3/2", "2e-1"), at most
// nanosecond precision.
ValueResult<double> Cpus(std::string_view text);

// Go strconv.ParseInt(text, 10, 64) and strconv.ParseBool.
ValueResult<std::int64_t> ParseInt64(std::string_view text);
ValueResult<bool> ParseBool(std::string_view text);

// `[ip:][hostPort:]containerPort[/proto]` (ranges: the first port) or the long
// form `published=8080,target=80,protocol=udp`. One entry per spec.
ValueResult<model::Port> Port(std::string_view text);

// -v/--volume `[src:]dst[:opts]`.
ValueResult<model::MountPoint> Volume(std::string_view text);

// --mount CSV (`type=bind,src=/a,dst=/b,readonly`).
ValueResult<model::MountPoint> Mount(std::string_view text);

// --tmpfs `path[:opts]`.
model::MountPoint Tmpfs(std::string_view text);

struct Ulimit {
  std::string name;
  std::int64_t soft = 0;
  std::int64_t hard = 0;
};
// --ulimit `name=soft[:hard]`.
ValueResult<Ulimit> ParseUlimit(std::string_view text);

// --sysctl `name=value` (namespaced sysctls only, like the CLI's
// ValidateSysctl).
ValueResult<model::Sysctl> ParseSysctl(std::string_view text);

// Splits `text` on `sep` (no quoting).
std::vector<std::string_view> Split(std::string_view text, char sep);

}  // namespace drydock::sources::dockerrun::detail
