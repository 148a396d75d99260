// SPDX-License-Identifier: Apache-2.0
// drydock's entry point: forwards to cli::Run and turns escaped exceptions into exit code 3.
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "cli/cli.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  try {
    std::vector<std::string> args(argv, argv + argc);
    int rc = drydock::cli::Run(args, std::cin, std::cout, std::cerr);
    std::cout.flush();
    return rc;
  } catch (const std::exception& e) {
    std::cerr << "drydock: internal error: " << e.what() << "\n";
  } catch (...) {
    std::cerr << "drydock: internal error\n";
  }
  return drydock::cli::kExitInternal;
}
