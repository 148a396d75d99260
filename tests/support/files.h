// SPDX-License-Identifier: Apache-2.0
// Test support: a temporary directory removed on destruction, and writing files into it.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace drydock::testing {

// Writes `text` to `path`, creating parent directories.
inline void WriteFile(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// A fresh directory under the system temp dir (mkdtemp), removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "drydock-test-XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Writes `text` to `rel` below the directory.
  void Write(const std::string& rel, const std::string& text) const {
    WriteFile(path_ / rel, text);
  }

 private:
  std::filesystem::path path_;
};

}  // namespace drydock::testing
