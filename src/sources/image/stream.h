// SPDX-License-Identifier: Apache-2.0
// The byte pipeline under the image readers: pull-based sources (an archive member, a file, a
// prefix put back in front of a source), SHA-256 while streaming (OpenSSL), and the layer
// decompressor that sniffs gzip / zstd / plain by magic bytes and inflates with ISA-L or zstd,
// hashing both the stored bytes (the blob digest) and the uncompressed ones (the diff_id), and
// stopping at a size limit (decompression bombs). Internal to sources/image.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/digest.h"
#include "core/error.h"

struct archive;

namespace drydock::sources::image::detail {

// A pull source of bytes. Read returns the number of bytes put in `buf` (0 = end of input).
class Source {
 public:
  virtual ~Source() = default;
  virtual core::Result<std::size_t> Read(char* buf, std::size_t size) = 0;
};

// The data of the current member of a libarchive reader.
class ArchiveMemberSource final : public Source {
 public:
  explicit ArchiveMemberSource(struct archive* a) : a_(a) {}
  core::Result<std::size_t> Read(char* buf, std::size_t size) override;

 private:
  struct archive* a_;
};

// A file on disk, opened without following a final symlink.
class FileSource final : public Source {
 public:
  static core::Result<std::unique_ptr<FileSource>> Open(const std::string& path);
  ~FileSource() override;
  core::Result<std::size_t> Read(char* buf, std::size_t size) override;
  std::int64_t size() const { return size_; }

 private:
  FileSource(int fd, std::int64_t size, std::string path)
      : fd_(fd), size_(size), path_(std::move(path)) {}
  int fd_;
  std::int64_t size_;
  std::string path_;
};

// Bytes already read (`prefix`) followed by the rest of `rest`.
class PrefixSource final : public Source {
 public:
  PrefixSource(std::string prefix, Source& rest) : prefix_(std::move(prefix)), rest_(rest) {}
  core::Result<std::size_t> Read(char* buf, std::size_t size) override;

 private:
  std::string prefix_;
  std::size_t pos_ = 0;
  Source& rest_;
};

// Reads up to `size` bytes (fewer only at the end of input).
core::Result<std::string> ReadPrefix(Source& in, std::size_t size);

enum class Codec { kPlain, kGzip, kZstd };
const char* CodecName(Codec codec);
// By magic bytes: 1f 8b = gzip, 28 b5 2f fd = zstd, anything else plain.
Codec SniffCodec(std::string_view prefix);

// The decompressing, hashing layer stream. Produces the uncompressed bytes in chunks.
class LayerStream {
 public:
  // `limit`: most uncompressed bytes accepted; past it Next fails (a decompression bomb).
  LayerStream(Source& in, std::int64_t limit);
  ~LayerStream();
  LayerStream(const LayerStream&) = delete;
  LayerStream& operator=(const LayerStream&) = delete;

  // Sniffs the codec. Must be called once before Next.
  core::Result<Codec> Start();
  // The next chunk of uncompressed bytes; empty at the end. The view stays valid until the next
  // call. A corrupt or truncated stream, or the limit, is an error.
  core::Result<std::string_view> Next();
  // Reads the rest of the input (after the consumer stopped early, e.g. at the tar end marker),
  // decompressing and hashing it. Trailing bytes after the last compressed frame are hashed as
  // stored bytes and otherwise ignored (like gzip).
  core::Result<void> Drain();

  std::string StoredHex() { return stored_hash_.Hex(); }
  std::string UncompressedHex() { return plain_hash_.Hex(); }
  std::int64_t stored_bytes() const { return stored_bytes_; }
  std::int64_t uncompressed_bytes() const { return plain_bytes_; }
  Codec codec() const { return codec_; }

 private:
  struct Inflate;
  struct Zstd;

  core::Result<bool> Refill();          // false at end of input
  core::Result<std::size_t> Produce();  // fills out_, 0 at the end

  Source& in_;
  std::int64_t limit_;
  Codec codec_ = Codec::kPlain;
  core::Sha256 stored_hash_;
  core::Sha256 plain_hash_;
  std::int64_t stored_bytes_ = 0;
  std::int64_t plain_bytes_ = 0;
  std::vector<char> in_buf_;
  std::size_t in_pos_ = 0;
  std::size_t in_len_ = 0;
  bool in_eof_ = false;
  bool done_ = false;        // the compressed stream ended (trailing bytes may follow)
  bool frame_open_ = false;  // inside a gzip member / zstd frame
  std::vector<char> out_;
  std::unique_ptr<Inflate> inflate_;
  std::unique_ptr<Zstd> zstd_;
};

}  // namespace drydock::sources::image::detail
