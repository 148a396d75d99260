// SPDX-License-Identifier: Apache-2.0
// Secret scanning of directory trees (the engine of `drydock secrets PATH…`): walks the roots
// without leaving them, skips VCS metadata, oversized and binary files (credential file names such
// as `id_rsa` are scanned even when binary), scans every remaining file with secrets::ScanFile on a
// small thread pool and returns the hits in a deterministic order (path, line, column), whatever
// the thread count. Only masked values leave: a TreeHit never holds a raw secret.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/severity.h"

namespace drydock::secrets {

struct TreeOptions {
  // Files larger than this (bytes) are not read; they are counted and listed in the result.
  std::int64_t max_size = std::int64_t{10} << 20;
  // Directories to skip, as core::MatchGlob patterns over the '/'-separated path relative to the
  // root ("vendor/**", "**/testdata"); a pattern without '/' also matches a directory's own name
  // anywhere ("node_modules"). VCS metadata (.git, .hg, .svn) is always skipped.
  std::vector<std::string> skip_dirs;
  // Follow symbolic links whose target lies inside the same root (never out of it; loops are cut).
  // When false, symbolic links are not followed at all.
  bool follow_symlinks = false;
  // Scanning threads; 0 = std::thread::hardware_concurrency().
  int threads = 0;
};

struct TreeHit {
  // The root as given joined with the path below it ('/'-separated: "src/app/.env"); a root that
  // is a file is reported as given.
  std::string path;
  std::size_t line = 0;    // 1-based
  std::size_t column = 0;  // 1-based, in bytes
  std::string rule_id;     // DetectorRule::id
  std::string title;       // DetectorRule::title
  core::Severity severity = core::Severity::kInfo;
  std::string masked_value;  // secrets::Mask() of the secret; the raw value never leaves
};

struct TreeResult {
  std::vector<TreeHit> hits;  // sorted by path, line, column (then rule id)
  std::int64_t files_scanned = 0;
  std::int64_t bytes_scanned = 0;
  std::int64_t files_skipped_size = 0;
  std::vector<std::string> skipped_size_paths;  // the first kMaxListedSkips of them, sorted
  std::int64_t files_skipped_binary = 0;
  std::int64_t hits_dropped = 0;    // hits beyond kMaxTreeHits (hostile trees); counted only
  std::vector<std::string> errors;  // unreadable files and directories: "path: reason", sorted
};

inline constexpr std::size_t kMaxListedSkips = 100;
inline constexpr std::size_t kMaxTreeHits = 100000;

// Scans every regular file under `roots` (directories or files). Never throws for I/O problems:
// they go to TreeResult::errors. Thread-safe; the result does not depend on options.threads.
TreeResult ScanTree(const std::vector<std::filesystem::path>& roots, const TreeOptions& options);

}  // namespace drydock::secrets
