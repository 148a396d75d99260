// SPDX-License-Identifier: Apache-2.0
#include "core/io.h"

#include <filesystem>
#include <fstream>
#include <system_error>

namespace drydock::core {

Result<std::string> ReadBoundedFile(const std::string& path, std::size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kInput, "cannot open file", FileOrigin(path));
  const std::string too_large = "file is larger than " + std::to_string(max_bytes) + " bytes";
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);  // a regular file: refuse up front
  if (!ec && size > max_bytes) return Fail(ErrorCode::kInput, too_large, FileOrigin(path));
  std::string data;
  if (!ec) data.reserve(static_cast<std::size_t>(size));
  char buf[16384];
  while (in) {
    in.read(buf, sizeof buf);
    data.append(buf, static_cast<std::size_t>(in.gcount()));
    if (data.size() > max_bytes) return Fail(ErrorCode::kInput, too_large, FileOrigin(path));
  }
  if (in.bad()) return Fail(ErrorCode::kInput, "read error", FileOrigin(path));
  return data;
}

}  // namespace drydock::core
