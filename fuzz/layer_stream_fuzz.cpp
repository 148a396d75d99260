// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for the layer decompression chain (sources/image/stream.h): detail::LayerStream
// over an in-memory Source that hands out the input in small, uneven chunks. The first byte picks
// the uncompressed limit (0 .. 4 MiB) and the chunking; the rest is the stored blob (gzip, zstd or
// plain, sniffed by magic). Start, Next until the end or an error, then Drain must all return
// without crashing or hanging; no chunk handed out passes the limit, a run without error ends
// within it, and the byte counters agree with what was produced and stored.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "sources/image/stream.h"

namespace {

namespace detail = drydock::sources::image::detail;

// Serves `data` in chunks of at most `step` bytes (1..N), like a member of an outer archive.
class MemorySource final : public detail::Source {
 public:
  MemorySource(std::string_view data, std::size_t step) : data_(data), step_(step) {}
  drydock::core::Result<std::size_t> Read(char* buf, std::size_t size) override {
    std::size_t n = std::min({size, step_, data_.size() - pos_});
    if (n > 0) std::memcpy(buf, data_.data() + pos_, n);
    pos_ += n;
    return n;
  }

 private:
  std::string_view data_;
  std::size_t step_;
  std::size_t pos_ = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::uint8_t control = data[0];
  std::string_view blob(reinterpret_cast<const char*>(data + 1), size - 1);
  static constexpr std::int64_t kLimits[] = {0, 1, 512, 4096, 65536, 1 << 20, 4 << 20, 4 << 20};
  const std::int64_t limit = kLimits[control & 7];
  static constexpr std::size_t kSteps[] = {1 << 20, 1, 7, 512, 4096, 65536, 3, 1 << 16};
  const std::size_t step = kSteps[(control >> 3) & 7];
  const bool drain_early = (control & 0x40) != 0;

  MemorySource source(blob, step);
  detail::LayerStream stream(source, limit);
  auto codec = stream.Start();
  if (!codec) {
    if (codec.error().message.empty()) std::abort();
    return 0;
  }
  std::int64_t produced = 0;
  int chunks = 0;
  bool failed = false;
  while (true) {
    auto chunk = stream.Next();
    if (!chunk) {
      if (chunk.error().message.empty()) std::abort();
      failed = true;
      break;
    }
    if (chunk->empty()) break;
    produced += static_cast<std::int64_t>(chunk->size());
    if (produced > limit) std::abort();
    if (drain_early && ++chunks == 2) {
      auto drained = stream.Drain();
      if (!drained && drained.error().message.empty()) std::abort();
      failed = !drained;
      break;
    }
  }
  // After the limit error the counter includes the rejected chunk; only a clean run is bounded.
  if (!failed && stream.uncompressed_bytes() > limit) std::abort();
  if (!drain_early && stream.uncompressed_bytes() < produced) std::abort();
  if (stream.stored_bytes() > static_cast<std::int64_t>(blob.size())) std::abort();
  (void)stream.StoredHex();
  (void)stream.UncompressedHex();
  return 0;
}
