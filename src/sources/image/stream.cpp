// SPDX-License-Identifier: Apache-2.0
#include "sources/image/stream.h"

#include <archive.h>
#include <fcntl.h>
#include <isa-l/igzip_lib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/digest.h"

namespace drydock::sources::image::detail {

namespace {

constexpr std::size_t kInBuffer = 256 << 10;
constexpr std::size_t kOutBuffer = 256 << 10;

core::Error StreamError(std::string message) {
  return core::Error{core::ErrorCode::kInput, std::move(message), {}};
}

}  // namespace

// ---- Sources ----------------------------------------------------------------------------------

core::Result<std::size_t> ArchiveMemberSource::Read(char* buf, std::size_t size) {
  const la_ssize_t n = archive_read_data(a_, buf, size);
  if (n < 0) {
    const char* why = archive_error_string(a_);
    return tl::unexpected(StreamError(why != nullptr ? why : "archive read error"));
  }
  return static_cast<std::size_t>(n);
}

core::Result<std::unique_ptr<FileSource>> FileSource::Open(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return tl::unexpected(StreamError(path + ": " + std::strerror(errno)));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return tl::unexpected(StreamError(path + ": not a regular file"));
  }
  return std::unique_ptr<FileSource>(new FileSource(fd, st.st_size, path));
}

FileSource::~FileSource() { ::close(fd_); }

core::Result<std::size_t> FileSource::Read(char* buf, std::size_t size) {
  for (;;) {
    const ssize_t n = ::read(fd_, buf, size);
    if (n >= 0) return static_cast<std::size_t>(n);
    if (errno != EINTR) return tl::unexpected(StreamError(path_ + ": " + std::strerror(errno)));
  }
}

core::Result<std::size_t> PrefixSource::Read(char* buf, std::size_t size) {
  if (pos_ < prefix_.size()) {
    const std::size_t n = std::min(size, prefix_.size() - pos_);
    std::memcpy(buf, prefix_.data() + pos_, n);
    pos_ += n;
    return n;
  }
  return rest_.Read(buf, size);
}

core::Result<std::string> ReadPrefix(Source& in, std::size_t size) {
  std::string out(size, '\0');
  std::size_t have = 0;
  while (have < size) {
    const std::size_t n = DD_TRY(in.Read(out.data() + have, size - have));
    if (n == 0) break;
    have += n;
  }
  out.resize(have);
  return out;
}

const char* CodecName(Codec codec) {
  switch (codec) {
    case Codec::kGzip:
      return "gzip";
    case Codec::kZstd:
      return "zstd";
    case Codec::kPlain:
      break;
  }
  return "uncompressed";
}

Codec SniffCodec(std::string_view prefix) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(prefix[i]); };
  if (prefix.size() >= 2 && byte(0) == 0x1f && byte(1) == 0x8b) return Codec::kGzip;
  if (prefix.size() >= 4 && byte(0) == 0x28 && byte(1) == 0xb5 && byte(2) == 0x2f &&
      byte(3) == 0xfd) {
    return Codec::kZstd;
  }
  return Codec::kPlain;
}

// ---- LayerStream ------------------------------------------------------------------------------

struct LayerStream::Inflate {
  inflate_state state{};
};

struct LayerStream::Zstd {
  ZSTD_DStream* stream = ZSTD_createDStream();
  ~Zstd() { ZSTD_freeDStream(stream); }
};

LayerStream::LayerStream(Source& in, std::int64_t limit)
    : in_(in), limit_(limit), in_buf_(kInBuffer), out_(kOutBuffer) {}

LayerStream::~LayerStream() = default;

core::Result<bool> LayerStream::Refill() {
  if (in_eof_) return false;
  if (in_pos_ > 0) {
    std::memmove(in_buf_.data(), in_buf_.data() + in_pos_, in_len_ - in_pos_);
    in_len_ -= in_pos_;
    in_pos_ = 0;
  }
  const std::size_t n = DD_TRY(in_.Read(in_buf_.data() + in_len_, in_buf_.size() - in_len_));
  if (n == 0) {
    in_eof_ = true;
    return false;
  }
  stored_hash_.Update(in_buf_.data() + in_len_, n);
  stored_bytes_ += static_cast<std::int64_t>(n);
  in_len_ += n;
  return true;
}

core::Result<Codec> LayerStream::Start() {
  while (in_len_ < 4 && DD_TRY(Refill())) {
  }
  codec_ = SniffCodec(std::string_view(in_buf_.data(), in_len_));
  if (codec_ == Codec::kGzip) {
    inflate_ = std::make_unique<Inflate>();
  } else if (codec_ == Codec::kZstd) {
    zstd_ = std::make_unique<Zstd>();
    if (zstd_->stream == nullptr) return tl::unexpected(StreamError("zstd: out of memory"));
  }
  return codec_;
}

core::Result<std::size_t> LayerStream::Produce() {
  if (done_) return std::size_t{0};
  switch (codec_) {
    case Codec::kPlain: {
      if (in_pos_ == in_len_ && !DD_TRY(Refill())) return std::size_t{0};
      const std::size_t n = std::min(out_.size(), in_len_ - in_pos_);
      std::memcpy(out_.data(), in_buf_.data() + in_pos_, n);
      in_pos_ += n;
      return n;
    }
    case Codec::kGzip: {
      inflate_state& st = inflate_->state;
      for (;;) {
        if (!frame_open_) {
          if (in_pos_ == in_len_ && !DD_TRY(Refill())) return std::size_t{0};
          if (static_cast<unsigned char>(in_buf_[in_pos_]) != 0x1f) {
            done_ = true;  // trailing bytes after the last gzip member: ignored, like gzip -d
            return std::size_t{0};
          }
          isal_inflate_init(&st);
          st.crc_flag = ISAL_GZIP;
          frame_open_ = true;
        }
        const std::size_t before = in_pos_;
        st.next_in = reinterpret_cast<std::uint8_t*>(in_buf_.data() + in_pos_);
        st.avail_in = static_cast<std::uint32_t>(in_len_ - in_pos_);
        st.next_out = reinterpret_cast<std::uint8_t*>(out_.data());
        st.avail_out = static_cast<std::uint32_t>(out_.size());
        const int ret = isal_inflate(&st);
        in_pos_ = in_len_ - st.avail_in;
        if (ret < 0) {
          return tl::unexpected(
              StreamError(ret == ISAL_INCORRECT_CHECKSUM
                              ? "gzip: checksum mismatch (corrupt layer)"
                              : "gzip: corrupt data (error " + std::to_string(ret) + ")"));
        }
        const std::size_t produced = out_.size() - st.avail_out;
        const bool finished = st.block_state == ISAL_BLOCK_FINISH;
        if (finished) frame_open_ = false;
        if (produced > 0) return produced;
        if (finished) continue;
        if (in_pos_ < in_len_) {
          if (in_pos_ == before) {
            return tl::unexpected(StreamError("gzip: stream makes no progress"));
          }
          continue;
        }
        if (!DD_TRY(Refill())) {
          return tl::unexpected(StreamError("gzip: unexpected end of stream (truncated layer)"));
        }
      }
    }
    case Codec::kZstd: {
      for (;;) {
        ZSTD_inBuffer zin{in_buf_.data() + in_pos_, in_len_ - in_pos_, 0};
        ZSTD_outBuffer zout{out_.data(), out_.size(), 0};
        const std::size_t ret = ZSTD_decompressStream(zstd_->stream, &zout, &zin);
        if (ZSTD_isError(ret)) {
          return tl::unexpected(StreamError(std::string("zstd: ") + ZSTD_getErrorName(ret)));
        }
        in_pos_ += zin.pos;
        // 0 = a frame is complete and flushed; a call on empty input at a frame boundary
        // returns a size hint for the next frame, which does not open one.
        if (ret == 0) {
          frame_open_ = false;
        } else if (zin.pos > 0 || zout.pos > 0) {
          frame_open_ = true;
        }
        if (zout.pos > 0) return zout.pos;
        if (in_pos_ < in_len_) {
          if (zin.pos == 0) return tl::unexpected(StreamError("zstd: stream makes no progress"));
          continue;
        }
        if (!DD_TRY(Refill())) {
          if (frame_open_) {
            return tl::unexpected(StreamError("zstd: unexpected end of stream (truncated layer)"));
          }
          return std::size_t{0};
        }
      }
    }
  }
  return std::size_t{0};
}

core::Result<std::string_view> LayerStream::Next() {
  const std::size_t n = DD_TRY(Produce());
  if (n == 0) return std::string_view();
  plain_bytes_ += static_cast<std::int64_t>(n);
  if (plain_bytes_ > limit_) {
    return tl::unexpected(StreamError("uncompressed layer larger than the limit of " +
                                      std::to_string(limit_) + " bytes (a decompression bomb?)"));
  }
  plain_hash_.Update(out_.data(), n);
  return std::string_view(out_.data(), n);
}

core::Result<void> LayerStream::Drain() {
  while (!DD_TRY(Next()).empty()) {
  }
  in_pos_ = in_len_;
  while (DD_TRY(Refill())) in_pos_ = in_len_;
  return {};
}

}  // namespace drydock::sources::image::detail
