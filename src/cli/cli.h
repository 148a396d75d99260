// SPDX-License-Identifier: Apache-2.0
// The command-line interface: parses argv with CLI11 and runs one subcommand. Everything a test
// needs is reachable through Run() with injected streams; main() only forwards to it.
//
// Exit codes (DESIGN.md): 0 = clean (or findings below the gate), N = --exit-code when findings
// remain, 2 = usage or input error, 3 = internal error.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace drydock::cli {

inline constexpr int kExitUsage = 2;
inline constexpr int kExitInternal = 3;

// Runs drydock with `args` (args[0] = program name). Reads stdin for a `-` path.
int Run(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
        std::ostream& err);

}  // namespace drydock::cli
