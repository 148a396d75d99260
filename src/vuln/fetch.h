// SPDX-License-Identifier: Apache-2.0
// Downloading one feed file over HTTP(S) with libcurl, for `drydock db update`.
//
// Fetch(url, dest, …) downloads `url` into `dest` by way of `dest.part`:
//   - conditional: with the validators of the last import (ETag, Last-Modified) it sends
//     If-None-Match / If-Modified-Since; a 304 is kNotModified and leaves `dest` alone;
//   - resumable: a `.part` left by an interrupted transfer (and the validator of the response that
//     started it, kept in `dest.part.validator`) is continued with Range: bytes=N- and If-Range;
//     206 appends, 200 starts over, 416 starts over;
//   - bounded: protocols http and https only, redirects to https only (to http too when the URL
//     itself was http), connect and low-speed timeouts, at most `max_bytes` per file;
//   - retried: transient failures (connection errors, timeouts, truncated bodies, 408/429/5xx) are
//     retried `retries` times with a doubling backoff; the `.part` survives so each retry resumes.
// The `.part` and its validator are created 0600 with O_NOFOLLOW and locked (flock) for the
// transfer; on success the size is checked against Content-Length, the file is fsynced and
// renamed atomically onto `dest`. HTTPS certificates are always verified.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "core/error.h"

namespace drydock::vuln {

struct FetchOptions {
  std::string ca_bundle;  // CA certificates file for HTTPS ("" = libcurl's default store)
  std::chrono::seconds connect_timeout{30};
  std::chrono::seconds low_speed_time{60};  // abort when under low_speed_limit for this long
  long low_speed_limit = 1024;              // bytes per second
  std::int64_t max_bytes = std::int64_t{1} << 30;
  int retries = 3;                          // extra attempts after the first
  std::chrono::milliseconds backoff{1000};  // before the first retry; doubles
  std::function<void(std::int64_t now, std::int64_t total)> progress;  // total 0 = unknown
  std::function<void(const std::string& note)> note;  // "retrying in 1s: …" (may be empty)
};

// The validators sent for a conditional request (both empty: unconditional).
struct Validators {
  std::string etag;
  std::string last_modified;
};

struct FetchResult {
  bool not_modified = false;  // 304: `dest` untouched
  std::string etag;           // of the downloaded representation
  std::string last_modified;
  std::int64_t bytes = 0;  // size of `dest`
  std::string sha256;      // lower-case hex of `dest`
  int attempts = 0;        // requests made (1 = no retry)
  bool resumed = false;    // some bytes came from a ranged request
};

// "drydock/<version>".
std::string UserAgent();

core::Result<FetchResult> Fetch(const std::string& url, const std::string& dest,
                                const Validators& cached, const FetchOptions& options);

}  // namespace drydock::vuln
