// SPDX-License-Identifier: Apache-2.0
// An owned POSIX file descriptor: closed when it goes out of scope, never copied. For the places
// that open files with flags the standard streams cannot give (O_NOFOLLOW, O_CLOEXEC, locks).
#pragma once

#include <unistd.h>

namespace drydock::core {

class UniqueFd {
 public:
  explicit UniqueFd(int fd = -1) : fd_(fd) {}
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace drydock::core
