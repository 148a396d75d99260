// SPDX-License-Identifier: Apache-2.0
// Bounded file input every module shares: whole files read into memory only up to a size the
// caller states, so hostile or generated inputs cannot make a reader allocate without bound.
#pragma once

#include <cstddef>
#include <string>

#include "core/error.h"

namespace drydock::core {

// Reads the whole file at `path` when it holds at most `max_bytes` bytes. A regular file over the
// limit is refused before any byte is read; a stream (a FIFO, /dev/stdin) is read until the limit
// is passed. Errors (kInput, at FileOrigin(path)): "cannot open file", "file is larger than N
// bytes", "read error".
Result<std::string> ReadBoundedFile(const std::string& path, std::size_t max_bytes);

}  // namespace drydock::core
