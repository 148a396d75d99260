// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for the image reader (sources/image/reader.h): ReadImageArchive on arbitrary
// bytes (inputs of odd length also through ReadImageStream, pulled in chunks of 1 to 4,096 bytes
// chosen by the first byte: the path of images arriving from a registry or an engine) (a
// docker-archive or OCI archive tar, plain or gzip/zstd compressed as a whole), with tight limits
// so one input stays fast (8 MiB per layer, 32 MiB over all layers, 1 MiB per JSON blob, 20,000
// merged entries, 10,000 outer members). Whatever the input, the reader must return (errors are
// data), never crash, hang or use unbounded memory. On success the result is checked for its
// invariants (layers and files consistent, non-empty error messages) and ResolvePath runs on a few
// paths of the merged filesystem.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "audit/image.h"
#include "sources/image/merge.h"
#include "sources/image/reader.h"

namespace {

namespace image = drydock::sources::image;

image::ReadOptions FuzzOptions() {
  image::ReadOptions options = drydock::audit::ScannedReadOptions();
  options.limits.max_layer_bytes = 8 << 20;
  options.limits.max_total_bytes = 32 << 20;
  options.limits.max_json_bytes = 1 << 20;
  options.limits.max_outer_members = 10'000;
  options.limits.max_kept_bytes = 64 << 10;
  options.limits.merge.max_entries = 20'000;
  options.secret_max_size = 256 << 10;
  return options;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const image::ReadOptions options = FuzzOptions();
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (size % 2 == 1) {
    const std::size_t chunk = 1 + (static_cast<std::size_t>(data[0]) * 37) % 4096;
    std::size_t offset = 0;
    auto streamed = image::ReadImageStream(
        [&](char* buf, std::size_t max) -> drydock::core::Result<std::size_t> {
          const std::size_t n = std::min({chunk, max, bytes.size() - offset});
          std::memcpy(buf, bytes.data() + offset, n);
          offset += n;
          return n;
        },
        "fuzz.tar", options);
    if (!streamed && streamed.error().message.empty()) std::abort();
  }
  auto result = image::ReadImageArchive(bytes, "fuzz.tar", options);
  if (!result) {
    if (result.error().message.empty()) std::abort();
    return 0;
  }
  const drydock::model::ImageSpec& spec = *result;
  const auto& entries = spec.files.entries;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (i > 0 && !(entries[i - 1].path < entries[i].path)) std::abort();  // sorted, unique
    if (entries[i].layer < 0 || static_cast<std::size_t>(entries[i].layer) >= spec.layers.size()) {
      std::abort();
    }
  }
  for (const auto& e : spec.errors) {
    if (e.message.empty()) std::abort();
  }
  // ResolvePath on a few fixed paths and on the first, middle and last entries (+ a child).
  static constexpr std::string_view kPaths[] = {
      "", "/", "etc/passwd", "/etc/os-release", "usr/bin/../../etc/shadow", "a/b/c"};
  for (std::string_view p : kPaths) {
    (void)image::ResolvePath(spec.files, p);
    (void)image::ResolvePath(spec.files, p, /*follow_final=*/false);
  }
  if (!entries.empty()) {
    for (std::size_t i : {std::size_t{0}, entries.size() / 2, entries.size() - 1}) {
      const std::string& p = entries[i].path;
      (void)image::ResolvePath(spec.files, p);
      (void)image::ResolvePath(spec.files, p + "/x", false);
    }
  }
  for (std::size_t i = 0; i < spec.layers.size(); ++i) (void)spec.LayerDigest(static_cast<int>(i));
  return 0;
}
