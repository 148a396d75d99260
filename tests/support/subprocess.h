// SPDX-License-Identifier: Apache-2.0
// Test support: run a program with arguments (no shell), feed it stdin, capture stdout/stderr and
// the exit status, with a timeout. posix_spawn based (the shell-spawning C calls are banned,
// STYLE.md).
#pragma once

#include <string>
#include <vector>

namespace drydock::testing {

struct ProcessResult {
  int exit_code = -1;  // -1 when killed by a signal or timed out
  bool timed_out = false;
  std::string out;
  std::string err;
};

// Runs argv[0] (looked up in PATH when it has no '/') with `argv`, in `cwd` when non-empty.
// Kills the process after `timeout_seconds`.
ProcessResult RunProcess(const std::vector<std::string>& argv, const std::string& stdin_text = "",
                         const std::string& cwd = "", int timeout_seconds = 60);

}  // namespace drydock::testing
