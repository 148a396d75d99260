// SPDX-License-Identifier: Apache-2.0
// Byte sizes as docker writes them (`--memory 512m`, compose `mem_limit: 1.5g`): one parser for
// every adapter, with docker/go-units RAMInBytes semantics.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace drydock::core {

// docker/go-units RAMInBytes (v0.5): digits with an optional fraction, one optional space, then
// `b`, or a unit k/m/g/t/p (powers of 1024, any case) with an optional `b`, `i` or `ib`. Truncated
// to whole bytes. Nullopt when malformed, negative, or not below 9.2e18.
std::optional<std::int64_t> ParseRamInBytes(std::string_view text);

}  // namespace drydock::core
