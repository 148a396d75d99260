// SPDX-License-Identifier: Apache-2.0
// Lint throughput: parse every given Dockerfile and run every rule on it, in one process, repeated
// until at least two seconds have passed. Prints one JSON line (files/s, MB/s, µs per file), the
// same shape as bench/npm_linters.js so bench/lint_corpus.sh can compare them.
// LINT_BENCH_ROUNDS=N fixes the number of rounds instead (repeatable instruction counts).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "rules/catalog.h"
#include "sources/dockerfile/parser.h"

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  std::vector<std::pair<std::string, std::string>> files;
  std::size_t bytes = 0;
  for (int i = 1; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    if (!in) {
      std::cerr << "lint_bench: cannot read " << argv[i] << "\n";
      return 2;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    files.emplace_back(argv[i], ss.str());
    bytes += files.back().second.size();
  }
  if (files.empty()) {
    std::cerr << "usage: lint_bench DOCKERFILE…\n";
    return 2;
  }
  using Clock = std::chrono::steady_clock;
  // LINT_BENCH_ROUNDS=N runs exactly N rounds (for instruction counts under callgrind).
  const char* rounds_env = std::getenv("LINT_BENCH_ROUNDS");
  const std::size_t fixed_rounds = rounds_env ? std::strtoul(rounds_env, nullptr, 10) : 0;
  const drydock::core::RuleSettings settings;
  drydock::rules::Catalog();  // built once, outside the timing
  std::size_t findings = 0, rounds = 0;
  const auto t0 = Clock::now();
  double elapsed = 0;
  do {
    for (const auto& [name, text] : files) {
      drydock::sources::dockerfile::ParseOptions options;
      options.file = name;
      auto spec = drydock::sources::dockerfile::Parse(text, options);
      findings += drydock::rules::CheckBuild(spec, settings).size();
    }
    ++rounds;
    elapsed = std::chrono::duration<double>(Clock::now() - t0).count();
  } while (fixed_rounds > 0 ? rounds < fixed_rounds : elapsed < 2.0);
  const double n = static_cast<double>(rounds * files.size());
  nlohmann::json out = {{"tool", "drydock"},
                        {"files", files.size()},
                        {"rounds", rounds},
                        {"seconds", elapsed},
                        {"files_per_s", n / elapsed},
                        {"mb_per_s", static_cast<double>(rounds * bytes) / elapsed / 1e6},
                        {"us_per_file", elapsed / n * 1e6},
                        {"findings_per_round", findings / rounds}};
  std::cout << out.dump() << "\n";
  return 0;
}
