// SPDX-License-Identifier: Apache-2.0
#include "vuln/fetch.h"

#include <curl/curl.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "core/digest.h"
#include "core/fd.h"
#include "core/strings.h"

namespace drydock::vuln {

namespace {

constexpr std::int64_t kMaxErrorBody = std::int64_t{1} << 20;  // an error page is discarded
constexpr std::size_t kMaxValidator = 1024;

core::Error FetchError(const std::string& url, std::string message) {
  return core::Error{core::ErrorCode::kInput, url + ": " + std::move(message), {}};
}

std::string Errno(const std::string& what) { return what + ": " + std::strerror(errno); }

void CurlGlobalInit() {
  static const bool done = [] { return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; }();
  (void)done;
}

using Fd = core::UniqueFd;

// A header value safe to send back: printable, no CR/LF, bounded.
bool SafeHeaderValue(std::string_view v) {
  if (v.empty() || v.size() > kMaxValidator) return false;
  for (char c : v) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return false;
  }
  return true;
}

std::optional<std::int64_t> ParseInt(std::string_view s) {
  s = core::TrimLine(s);
  if (s.empty() || s.size() > 18) return std::nullopt;
  std::int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

// State of one request, shared with the libcurl callbacks.
struct Transfer {
  int fd = -1;
  std::int64_t resume_from = 0;  // bytes in the .part when a Range request was sent; else 0
  std::int64_t max_bytes = 0;
  std::string validator_path;
  const FetchOptions* options = nullptr;

  // The current (last) response's status line and headers; reset at each "HTTP/" line, so after
  // redirects only the final response's remain.
  long status = 0;
  std::string etag, last_modified, content_range;
  std::int64_t content_length = -1;

  bool decided = false;     // the first body byte arrived: the file mode is chosen
  bool writing = false;     // the body goes to the file (200, 206); else discarded
  std::int64_t offset = 0;  // end of the data in the file
  std::int64_t discarded = 0;
  std::string abort_reason;  // why a callback stopped the transfer
  bool abort_permanent = false;
};

std::size_t OnHeader(char* data, std::size_t size, std::size_t count, void* user) {
  auto& t = *static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  const std::string_view line = core::TrimLine(std::string_view(data, n));
  if (line.starts_with("HTTP/")) {
    t.status = 0;
    t.etag.clear();
    t.last_modified.clear();
    t.content_range.clear();
    t.content_length = -1;
    const auto space = line.find(' ');
    if (space != std::string_view::npos) {
      if (auto code = ParseInt(line.substr(space + 1, 3))) t.status = static_cast<long>(*code);
    }
    return n;
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) return n;
  const std::string_view name = core::TrimLine(line.substr(0, colon));
  const std::string_view value = core::TrimLine(line.substr(colon + 1));
  if (core::IEquals(name, "etag")) {
    t.etag = SafeHeaderValue(value) ? std::string(value) : std::string();
  } else if (core::IEquals(name, "last-modified")) {
    t.last_modified = SafeHeaderValue(value) ? std::string(value) : std::string();
  } else if (core::IEquals(name, "content-length")) {
    t.content_length = ParseInt(value).value_or(-1);
  } else if (core::IEquals(name, "content-range")) {
    t.content_range = std::string(value.substr(0, 200));
  }
  return n;
}

// The value for If-Range: a strong ETag, else Last-Modified, else "" (cannot resume safely).
std::string RangeValidator(const std::string& etag, const std::string& last_modified) {
  if (!etag.empty() && !etag.starts_with("W/")) return etag;
  return last_modified;
}

bool WriteAll(int fd, const char* data, std::size_t n) {
  while (n > 0) {
    const ssize_t w = ::write(fd, data, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data += w;
    n -= static_cast<std::size_t>(w);
  }
  return true;
}

// Writes the If-Range validator of the response that starts the .part (0600, O_NOFOLLOW).
bool WriteValidator(const std::string& path, const std::string& value) {
  Fd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600));
  if (fd.get() < 0) return false;
  return WriteAll(fd.get(), value.data(), value.size());
}

std::string ReadValidator(const std::string& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  if (fd.get() < 0) return "";
  char buf[kMaxValidator + 1];
  const ssize_t got = ::read(fd.get(), buf, sizeof buf);
  if (got <= 0 || static_cast<std::size_t>(got) > kMaxValidator) return "";
  std::string value(buf, static_cast<std::size_t>(got));
  return SafeHeaderValue(value) ? value : "";
}

// Chooses what to do with the body once the final response's headers are in.
bool Decide(Transfer& t) {
  t.decided = true;
  if (t.status == 200) {
    if (::ftruncate(t.fd, 0) != 0 || ::lseek(t.fd, 0, SEEK_SET) != 0) {
      t.abort_reason = Errno("truncating the partial download");
      t.abort_permanent = true;
      return false;
    }
    t.offset = 0;
    t.resume_from = 0;
    t.writing = true;
    const std::string validator = RangeValidator(t.etag, t.last_modified);
    if (validator.empty()) {
      ::unlink(t.validator_path.c_str());
    } else if (!WriteValidator(t.validator_path, validator)) {
      t.abort_reason = Errno("writing " + t.validator_path);
      t.abort_permanent = true;
      return false;
    }
    return true;
  }
  if (t.status == 206) {
    // "bytes A-B/T": A must be where the .part ends.
    std::string_view cr = t.content_range;
    std::optional<std::int64_t> first;
    if (cr.starts_with("bytes ")) {
      cr.remove_prefix(6);
      const auto dash = cr.find('-');
      if (dash != std::string_view::npos) first = ParseInt(cr.substr(0, dash));
    }
    if (t.resume_from == 0 || !first || *first != t.resume_from) {
      t.abort_reason = "the server answered a range that does not continue the partial download (" +
                       t.content_range + ")";
      return false;
    }
    if (::lseek(t.fd, t.resume_from, SEEK_SET) != t.resume_from) {
      t.abort_reason = Errno("seeking the partial download");
      t.abort_permanent = true;
      return false;
    }
    t.offset = t.resume_from;
    t.writing = true;
    return true;
  }
  t.writing = false;
  return true;
}

std::size_t OnBody(char* data, std::size_t size, std::size_t count, void* user) {
  auto& t = *static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  if (!t.decided && !Decide(t)) return 0;
  if (!t.writing) {
    t.discarded += static_cast<std::int64_t>(n);
    if (t.discarded > kMaxErrorBody) {
      t.abort_reason = "error response body too large";
      return 0;
    }
    return n;
  }
  if (t.offset + static_cast<std::int64_t>(n) > t.max_bytes) {
    t.abort_reason = "larger than the limit of " + std::to_string(t.max_bytes) + " bytes";
    t.abort_permanent = true;
    return 0;
  }
  if (!WriteAll(t.fd, data, n)) {
    t.abort_reason = Errno("writing the download");
    t.abort_permanent = true;
    return 0;
  }
  t.offset += static_cast<std::int64_t>(n);
  return n;
}

int OnProgress(void* user, curl_off_t dltotal, curl_off_t dlnow, curl_off_t, curl_off_t) {
  auto& t = *static_cast<Transfer*>(user);
  if (t.options->progress) {
    const std::int64_t base = t.writing ? t.resume_from : 0;
    t.options->progress(base + dlnow, dltotal > 0 ? base + dltotal : 0);
  }
  return 0;
}

bool TransientCurlError(CURLcode rc) {
  switch (rc) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return true;
    default:
      return false;
  }
}

bool TransientStatus(long status) {
  return status == 408 || status == 429 || (status >= 500 && status <= 599);
}

core::Result<std::string> Sha256File(int fd) {
  if (::lseek(fd, 0, SEEK_SET) != 0) {
    return core::Fail(core::ErrorCode::kInput, Errno("seeking the download"));
  }
  core::Sha256 hash;
  std::vector<char> buf(std::size_t{1} << 20);
  for (;;) {
    const ssize_t got = ::read(fd, buf.data(), buf.size());
    if (got < 0) {
      if (errno == EINTR) continue;
      return core::Fail(core::ErrorCode::kInput, Errno("reading the download"));
    }
    if (got == 0) break;
    hash.Update(buf.data(), static_cast<std::size_t>(got));
  }
  std::string hex = hash.Hex();
  if (hex.empty()) return core::Fail(core::ErrorCode::kInternal, "SHA-256 unavailable");
  return hex;
}

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

std::string FormatSeconds(std::chrono::milliseconds ms) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1fs", static_cast<double>(ms.count()) / 1000.0);
  return text;
}

}  // namespace

std::string UserAgent() { return std::string("drydock/") + DRYDOCK_VERSION; }

namespace {

core::Result<FetchResult> FetchInto(const std::string& url, const std::string& dest,
                                    const Validators& cached, const FetchOptions& options) {
  CurlGlobalInit();
  const bool plain_http =
      url.size() >= 7 && core::IEquals(std::string_view(url).substr(0, 7), "http://");
  const bool https =
      url.size() >= 8 && core::IEquals(std::string_view(url).substr(0, 8), "https://");
  if (!plain_http && !https) {
    return tl::unexpected(FetchError(url, "only http:// and https:// URLs can be fetched"));
  }
  const std::string part = dest + ".part";
  const std::string validator_path = part + ".validator";
  Fd fd(::open(part.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600));
  if (fd.get() < 0) return tl::unexpected(FetchError(url, Errno("cannot open " + part)));
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) {
    return tl::unexpected(FetchError(url, part + ": not a regular file"));
  }
  if (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
    return tl::unexpected(FetchError(url, part + ": another drydock is downloading it"));
  }
  ::fchmod(fd.get(), 0600);

  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) {
    return core::Fail(core::ErrorCode::kInternal, "libcurl init failed");
  }
  FetchResult result;
  int attempt = 0;
  int budget = options.retries + 1;  // requests left; a 416 (start over) earns one more, once
  bool restarted_after_416 = false;
  std::chrono::milliseconds delay = options.backoff;
  std::string last_error;
  while (budget-- > 0) {
    if (attempt > 0 && !last_error.empty()) {
      if (options.note) {
        options.note("retrying in " + FormatSeconds(delay) + " after: " + last_error);
      }
      std::this_thread::sleep_for(delay);
      delay *= 2;
    }
    ++attempt;
    result.attempts = attempt;

    Transfer t;
    t.fd = fd.get();
    t.max_bytes = options.max_bytes;
    t.validator_path = validator_path;
    t.options = &options;
    if (::fstat(fd.get(), &st) != 0) return tl::unexpected(FetchError(url, Errno("stat " + part)));
    std::string if_range;
    if (st.st_size > 0) {
      if_range = ReadValidator(validator_path);
      if (if_range.empty() || st.st_size >= options.max_bytes) {
        if (::ftruncate(fd.get(), 0) != 0) {
          return tl::unexpected(FetchError(url, Errno("truncating " + part)));
        }
      } else {
        t.resume_from = st.st_size;
      }
    }
    std::unique_ptr<curl_slist, SlistDeleter> headers;
    auto add_header = [&](const std::string& h) {
      headers.reset(curl_slist_append(headers.release(), h.c_str()));
    };
    bool conditional = false;
    if (t.resume_from > 0) {
      add_header("Range: bytes=" + std::to_string(t.resume_from) + "-");
      add_header("If-Range: " + if_range);
    } else {
      if (SafeHeaderValue(cached.etag)) {
        add_header("If-None-Match: " + cached.etag);
        conditional = true;
      }
      if (SafeHeaderValue(cached.last_modified)) {
        add_header("If-Modified-Since: " + cached.last_modified);
        conditional = true;
      }
    }

    CURL* c = curl.get();
    curl_easy_reset(c);
    char errbuf[CURL_ERROR_SIZE] = {0};
    const std::string agent = UserAgent();
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, plain_http ? "http,https" : "https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, 10L);
    curl_easy_setopt(c, CURLOPT_USERAGENT, agent.c_str());
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, static_cast<long>(options.connect_timeout.count()));
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, static_cast<long>(options.low_speed_time.count()));
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, options.low_speed_limit);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!options.ca_bundle.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, options.ca_bundle.c_str());
    if (options.max_bytes > t.resume_from) {
      curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE,
                       static_cast<curl_off_t>(options.max_bytes - t.resume_from));
    }
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, OnHeader);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &t);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, OnBody);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
    if (options.progress) {
      curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
      curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, OnProgress);
      curl_easy_setopt(c, CURLOPT_XFERINFODATA, &t);
    }

    const CURLcode rc = curl_easy_perform(c);
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    if (rc != CURLE_OK) {
      if (!t.abort_reason.empty()) {
        last_error = t.abort_reason;
        if (t.abort_permanent) break;
        if (t.status == 206 && ::ftruncate(fd.get(), 0) != 0) {  // a range we cannot use
          return tl::unexpected(FetchError(url, Errno("truncating " + part)));
        }
        continue;
      }
      last_error = std::string(curl_easy_strerror(rc));
      if (errbuf[0] != '\0') last_error += " (" + std::string(errbuf) + ")";
      if (rc == CURLE_UNSUPPORTED_PROTOCOL || rc == CURLE_TOO_MANY_REDIRECTS) {
        last_error =
            core::Concat({"refused: ", last_error, "; only http and https",
                          plain_http ? "" : " (https only for redirects)", " are allowed"});
        break;
      }
      if (rc == CURLE_FILESIZE_EXCEEDED) {
        last_error = "larger than the limit of " + std::to_string(options.max_bytes) + " bytes";
        break;
      }
      if (!TransientCurlError(rc)) break;
      continue;
    }
    if (status == 304) {
      if (!conditional) {
        last_error = "HTTP 304 to an unconditional request";
        break;
      }
      result.not_modified = true;
      result.etag = t.etag.empty() ? cached.etag : t.etag;
      result.last_modified = t.last_modified.empty() ? cached.last_modified : t.last_modified;
      return result;
    }
    if (status == 416) {
      // The .part does not fit the current file: start over, once, without waiting.
      if (::ftruncate(fd.get(), 0) != 0) {
        return tl::unexpected(FetchError(url, Errno("truncating " + part)));
      }
      ::unlink(validator_path.c_str());
      last_error.clear();
      if (!restarted_after_416) {
        restarted_after_416 = true;
        ++budget;
      }
      continue;
    }
    if (status != 200 && status != 206) {
      last_error = "HTTP " + std::to_string(status);
      if (TransientStatus(status)) continue;
      break;
    }
    if (!t.decided && !Decide(t)) {  // an empty body
      last_error = t.abort_reason;
      break;
    }
    // The size must be what the server announced.
    std::int64_t expected = -1;
    if (t.content_length >= 0) expected = (status == 206 ? t.resume_from : 0) + t.content_length;
    if (status == 206) {
      const auto slash = t.content_range.rfind('/');
      if (slash != std::string::npos) {
        if (auto total = ParseInt(std::string_view(t.content_range).substr(slash + 1))) {
          expected = *total;
        }
      }
    }
    if (expected >= 0 && expected != t.offset) {
      last_error = "size mismatch: got " + std::to_string(t.offset) + " bytes, expected " +
                   std::to_string(expected);
      continue;
    }
    if (::ftruncate(fd.get(), t.offset) != 0 || ::fsync(fd.get()) != 0) {
      return tl::unexpected(FetchError(url, Errno("writing " + part)));
    }
    auto digest = Sha256File(fd.get());
    if (!digest) return tl::unexpected(FetchError(url, digest.error().message));
    if (::rename(part.c_str(), dest.c_str()) != 0) {
      return tl::unexpected(FetchError(url, Errno("renaming " + part)));
    }
    ::unlink(validator_path.c_str());
    result.resumed = result.resumed || status == 206;
    result.etag = t.etag;
    result.last_modified = t.last_modified;
    result.bytes = t.offset;
    result.sha256 = *digest;
    return result;
  }
  return tl::unexpected(FetchError(
      url, last_error + (attempt > 1 ? " (after " + std::to_string(attempt) + " attempts)" : "")));
}

}  // namespace

core::Result<FetchResult> Fetch(const std::string& url, const std::string& dest,
                                const Validators& cached, const FetchOptions& options) {
  auto result = FetchInto(url, dest, cached, options);
  // An empty .part (nothing to resume: a 304, a refused or failed request) is not left behind.
  const std::string part = dest + ".part";
  struct stat st {};
  if (::lstat(part.c_str(), &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 0) {
    ::unlink(part.c_str());
    ::unlink((part + ".validator").c_str());
  }
  return result;
}

}  // namespace drydock::vuln
