// SPDX-License-Identifier: Apache-2.0
// The build context next to a Dockerfile: a .dockerignore matcher following Docker's rules
// (patternmatcher: `*`, `**`, `?`, `[…]`, `!` negation, leading `/` dropped, last match wins,
// a pattern matching a parent directory excludes what is below it) and a bounded walk that finds
// sensitive files (keys, credentials, .env) that would be sent to the builder.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::sources::dockerfile {

class DockerIgnore {
 public:
  // Parses .dockerignore text (one pattern per line, `#` comments, blank lines ignored).
  static DockerIgnore Parse(std::string_view text);
  // `path` is relative to the context, '/'-separated, no leading "./".
  bool Excluded(std::string_view path) const;
  std::size_t size() const { return patterns_.size(); }

 private:
  struct Pattern {
    std::vector<std::string> segments;
    bool negate = false;
  };
  static bool Matches(const Pattern& p, const std::vector<std::string_view>& path);
  std::vector<Pattern> patterns_;
};

struct WalkLimits {
  int max_depth = 4;
  std::size_t max_entries = 10000;
};

// True when a context-relative path names a credential file (secrets::ClassifyCredentialFile:
// `.env`, `id_rsa`, a private `*.pem`, `.npmrc`, …).
bool IsSensitiveContextFile(std::string_view rel_path);

// Walks `dir` (bounded, never following symlinks) and returns the sensitive regular files not
// excluded by `ignore`, as sorted '/'-separated relative paths.
std::vector<std::string> FindSensitiveFiles(const std::filesystem::path& dir,
                                            const DockerIgnore& ignore,
                                            const WalkLimits& limits = {});

}  // namespace drydock::sources::dockerfile
