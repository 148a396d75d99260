// SPDX-License-Identifier: Apache-2.0
// Benchmark driver for secrets::ScanTree (bench/secrets_tree.sh).
//   drydock_secrets_bench --dump-patterns      one RE2 pattern of kDetectorRules per line
//   drydock_secrets_bench [--threads N] [--max-size BYTES] ROOT…
// prints one JSON line: files, bytes, hits, seconds, MB/s (MB = 10^6 bytes scanned).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "secrets/detector.h"
#include "secrets/tree.h"

int main(int argc, char** argv) {
  using drydock::secrets::kDetectorRules;
  drydock::secrets::TreeOptions options;
  std::vector<std::filesystem::path> roots;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--dump-patterns") {
      for (const auto& rule : kDetectorRules) {
        std::fwrite(rule.pattern.data(), 1, rule.pattern.size(), stdout);
        std::fputc('\n', stdout);
      }
      return 0;
    }
    if (arg == "--threads" && i + 1 < argc) {
      options.threads = std::atoi(argv[++i]);
    } else if (arg == "--max-size" && i + 1 < argc) {
      options.max_size = std::atoll(argv[++i]);
    } else {
      roots.emplace_back(argv[i]);
    }
  }
  if (roots.empty()) {
    std::fprintf(stderr, "usage: drydock_secrets_bench [--threads N] [--max-size B] ROOT…\n");
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  const auto result = drydock::secrets::ScanTree(roots, options);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  nlohmann::json out = {{"files_scanned", result.files_scanned},
                        {"bytes_scanned", result.bytes_scanned},
                        {"files_skipped_size", result.files_skipped_size},
                        {"files_skipped_binary", result.files_skipped_binary},
                        {"hits", result.hits.size()},
                        {"files_with_hits", 0},
                        {"errors", result.errors.size()},
                        {"seconds", seconds},
                        {"mb_per_s", static_cast<double>(result.bytes_scanned) / 1e6 / seconds}};
  std::size_t files_with_hits = 0;
  for (std::size_t i = 0; i < result.hits.size(); ++i) {
    if (i == 0 || result.hits[i].path != result.hits[i - 1].path) ++files_with_hits;
  }
  out["files_with_hits"] = files_with_hits;
  std::printf("%s\n", out.dump().c_str());
  return 0;
}
