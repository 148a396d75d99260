// SPDX-License-Identifier: Apache-2.0
#include "secrets/tree.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <memory>
#include <set>
#include <string_view>
#include <system_error>
#include <thread>
#include <tuple>
#include <utility>

#include "core/fd.h"
#include "core/glob.h"
#include "secrets/detector.h"

namespace drydock::secrets {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kSniffBytes = 8192;  // what LooksBinary looks at
constexpr int kMaxThreads = 64;
constexpr auto kVcsDirs = std::to_array<std::string_view>({".git", ".hg", ".svn"});

struct FileTask {
  fs::path open_path;
  std::string display;
  bool via_symlink = false;  // reached through a (checked) symbolic link
};

// One hit of one file, before the path is attached.
struct FileHit {
  const DetectorRule* rule = nullptr;
  std::size_t line = 0;
  std::size_t column = 0;
  std::string masked;
};

struct FileOutcome {
  enum class Kind { kIgnored, kScanned, kSkippedSize, kSkippedBinary, kError };
  Kind kind = Kind::kIgnored;
  std::int64_t bytes = 0;
  std::vector<FileHit> hits;
  std::string error;
};

std::string Join(const std::string& dir, std::string_view name) {
  if (dir.empty()) return std::string(name);
  std::string out = dir;
  if (out.back() != '/') out += '/';
  out += name;
  return out;
}

// The root as the user gave it, '/'-separated, without trailing slashes ("/" stays "/").
std::string RootDisplay(const fs::path& root) {
  std::string out = root.generic_string();
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

bool IsWithin(const fs::path& root, const fs::path& target) {
  auto r = root.begin();
  auto t = target.begin();
  for (; r != root.end(); ++r, ++t) {
    if (t == target.end() || *r != *t) return false;
  }
  return true;
}

bool SkipDir(std::string_view name, const std::string& rel, const TreeOptions& options) {
  if (std::find(kVcsDirs.begin(), kVcsDirs.end(), name) != kVcsDirs.end()) return true;
  return std::any_of(
      options.skip_dirs.begin(), options.skip_dirs.end(), [&](const std::string& pattern) {
        if (core::MatchGlob(pattern, rel)) return true;
        return pattern.find('/') == std::string::npos && core::MatchGlob(pattern, name);
      });
}

std::string ErrorText(const std::string& path, const std::error_code& ec) {
  return path + ": " + ec.message();
}

// Collects the regular files under the roots, in a deterministic order. Directories are visited
// at most once (device + inode), so symbolic-link loops end.
class Walker {
 public:
  Walker(const TreeOptions& options, std::vector<FileTask>& files, std::vector<std::string>& errors)
      : options_(options), files_(files), errors_(errors) {}

  void WalkRoot(const fs::path& root) {
    const std::string display = RootDisplay(root);
    std::error_code ec;
    // A root the user named explicitly is followed even when it is a symbolic link.
    const fs::file_status st = fs::status(root, ec);
    if (ec) {
      errors_.push_back(ErrorText(display, ec));
      return;
    }
    if (fs::is_regular_file(st)) {
      files_.push_back({root, display, false});
      return;
    }
    if (!fs::is_directory(st)) return;  // devices, FIFOs, sockets: never opened
    const fs::path canonical_root = fs::canonical(root, ec);
    if (ec) {
      errors_.push_back(ErrorText(display, ec));
      return;
    }
    if (!Enter(root)) return;
    struct Dir {
      fs::path path;
      std::string rel;
      std::string display;
    };
    std::vector<Dir> stack{{root, "", display}};
    while (!stack.empty()) {
      Dir dir = std::move(stack.back());
      stack.pop_back();
      std::vector<fs::directory_entry> entries;
      fs::directory_iterator it(dir.path, fs::directory_options::none, ec);
      if (ec) {
        errors_.push_back(ErrorText(dir.display, ec));
        continue;
      }
      for (; it != fs::directory_iterator(); it.increment(ec)) {
        entries.push_back(*it);
      }
      if (ec) errors_.push_back(ErrorText(dir.display, ec));
      std::sort(entries.begin(), entries.end(),
                [](const fs::directory_entry& a, const fs::directory_entry& b) {
                  return a.path().filename() < b.path().filename();
                });
      std::vector<Dir> subdirs;
      for (const fs::directory_entry& entry : entries) {
        const std::string name = entry.path().filename().string();
        const std::string rel = Join(dir.rel, name);
        const std::string child_display = Join(dir.display, name);
        // The type comes from readdir's d_type where the file system has it: no stat per entry.
        const bool is_link = entry.is_symlink(ec);
        if (ec) {
          errors_.push_back(ErrorText(child_display, ec));
          continue;
        }
        bool is_dir = false;
        bool is_file = false;
        if (is_link) {
          if (!options_.follow_symlinks) continue;
          const fs::path target = fs::canonical(entry.path(), ec);
          if (ec || !IsWithin(canonical_root, target)) continue;  // dangling, or out of the tree
          const fs::file_status status = fs::status(entry.path(), ec);
          if (ec) continue;
          is_dir = fs::is_directory(status);
          is_file = fs::is_regular_file(status);
        } else {
          is_dir = entry.is_directory(ec);
          if (!ec && !is_dir) is_file = entry.is_regular_file(ec);
          if (ec) {
            errors_.push_back(ErrorText(child_display, ec));
            continue;
          }
        }
        if (is_dir) {
          if (SkipDir(name, rel, options_) || !Enter(entry.path())) continue;
          subdirs.push_back({entry.path(), rel, child_display});
        } else if (is_file) {
          files_.push_back({entry.path(), child_display, is_link});
        }
      }
      // Depth first, in name order.
      stack.insert(stack.end(), std::make_move_iterator(subdirs.rbegin()),
                   std::make_move_iterator(subdirs.rend()));
    }
  }

 private:
  // Marks a directory visited; false when it was already. Without followed links a walk cannot
  // loop, so nothing is tracked then.
  bool Enter(const fs::path& dir) {
    if (!options_.follow_symlinks) return true;
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0) return true;  // the iterator will report the error
    return visited_.emplace(st.st_dev, st.st_ino).second;
  }

  const TreeOptions& options_;
  std::vector<FileTask>& files_;
  std::vector<std::string>& errors_;
  std::set<std::pair<dev_t, ino_t>> visited_;
};

// A reusable read buffer (not zero-filled on growth).
class Buffer {
 public:
  char* Reserve(std::size_t size) {
    if (size > capacity_) {
      capacity_ = std::max(size, capacity_ * 2);
      data_ = std::make_unique_for_overwrite<char[]>(capacity_);
    }
    return data_.get();
  }

 private:
  std::unique_ptr<char[]> data_;
  std::size_t capacity_ = 0;
};

// Reads up to `want` bytes at `at` of `fd` into `out`; returns the count read, or -1 (errno set).
std::int64_t ReadFull(int fd, char* out, std::size_t want) {
  std::size_t got = 0;
  while (got < want) {
    const ssize_t n = ::read(fd, out + got, want - got);
    if (n < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  return static_cast<std::int64_t>(got);
}

using Fd = core::UniqueFd;

FileOutcome ScanOne(const FileTask& task, const TreeOptions& options, Buffer& buffer) {
  FileOutcome out;
  auto fail = [&](int err) {
    out.kind = FileOutcome::Kind::kError;
    out.error = task.display + ": " + std::strerror(err);
    return std::move(out);
  };
  // O_NONBLOCK: a FIFO swapped in after the walk must not block; O_NOFOLLOW: nor may a symbolic
  // link swapped in for a file (links the walk accepted are opened as such).
  int flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK;
  if (!task.via_symlink) flags |= O_NOFOLLOW;
  Fd fd(::open(task.open_path.c_str(), flags));
  if (fd.get() < 0) {
    if (errno == ELOOP) return out;  // became a symbolic link since the walk: not followed
    return fail(errno);
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return fail(errno);
  if (!S_ISREG(st.st_mode)) return out;
  const std::int64_t size = st.st_size;
  if (size > options.max_size) {
    out.kind = FileOutcome::Kind::kSkippedSize;
    return out;
  }
  ::posix_fadvise(fd.get(), 0, 0, POSIX_FADV_SEQUENTIAL);
  const auto want = static_cast<std::size_t>(size);
  char* data = buffer.Reserve(std::max<std::size_t>(want, 1));
  // The sniff window first: a binary file is not read further.
  const std::int64_t head = ReadFull(fd.get(), data, std::min(want, kSniffBytes));
  if (head < 0) return fail(errno);
  std::int64_t got = head;
  if (LooksBinary(std::string_view(data, static_cast<std::size_t>(head))) &&
      !IsCredentialFileName(task.display)) {
    out.kind = FileOutcome::Kind::kSkippedBinary;
    return out;
  }
  if (static_cast<std::size_t>(head) == std::min(want, kSniffBytes) && want > kSniffBytes) {
    const std::int64_t rest =
        ReadFull(fd.get(), data + head, want - static_cast<std::size_t>(head));
    if (rest < 0) return fail(errno);
    got += rest;
  }
  const std::string_view content(data, static_cast<std::size_t>(got));
  out.kind = FileOutcome::Kind::kScanned;
  out.bytes = got;
  for (const FileMatch& m : ScanFile(task.display, content)) {
    out.hits.push_back({m.match.rule, m.line, m.column, Mask(m.match.value)});
  }
  return out;
}

}  // namespace

TreeResult ScanTree(const std::vector<fs::path>& roots, const TreeOptions& options) {
  TreeResult result;
  std::vector<FileTask> files;
  {
    Walker walker(options, files, result.errors);
    for (const fs::path& root : roots) walker.WalkRoot(root);
  }
  // The same file named twice (overlapping roots) is scanned once.
  std::sort(files.begin(), files.end(),
            [](const FileTask& a, const FileTask& b) { return a.display < b.display; });
  files.erase(
      std::unique(files.begin(), files.end(),
                  [](const FileTask& a, const FileTask& b) { return a.display == b.display; }),
      files.end());

  std::vector<FileOutcome> outcomes(files.size());
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> kept_hits{0};
  std::atomic<std::int64_t> dropped{0};
  auto work = [&] {
    Buffer buffer;
    for (std::size_t i = next.fetch_add(1); i < files.size(); i = next.fetch_add(1)) {
      FileOutcome outcome = ScanOne(files[i], options, buffer);
      // Bounded memory on hostile trees: hits past the cap are only counted.
      const std::size_t before = kept_hits.fetch_add(outcome.hits.size());
      if (before + outcome.hits.size() > kMaxTreeHits) {
        const std::size_t keep = before >= kMaxTreeHits ? 0 : kMaxTreeHits - before;
        dropped += static_cast<std::int64_t>(outcome.hits.size() - keep);
        outcome.hits.resize(keep);
      }
      outcomes[i] = std::move(outcome);
    }
  };
  int threads =
      options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency());
  threads = std::clamp(threads, 1, kMaxThreads);
  threads = static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(threads),
                                                   std::max<std::size_t>(files.size(), 1)));
  {
    std::vector<std::jthread> pool;
    for (int t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
  }  // joined here

  for (std::size_t i = 0; i < files.size(); ++i) {
    FileOutcome& outcome = outcomes[i];
    switch (outcome.kind) {
      case FileOutcome::Kind::kIgnored:
        break;
      case FileOutcome::Kind::kScanned:
        ++result.files_scanned;
        result.bytes_scanned += outcome.bytes;
        break;
      case FileOutcome::Kind::kSkippedSize:
        ++result.files_skipped_size;
        if (result.skipped_size_paths.size() < kMaxListedSkips) {
          result.skipped_size_paths.push_back(files[i].display);
        }
        break;
      case FileOutcome::Kind::kSkippedBinary:
        ++result.files_skipped_binary;
        break;
      case FileOutcome::Kind::kError:
        result.errors.push_back(std::move(outcome.error));
        break;
    }
    for (FileHit& h : outcome.hits) {
      result.hits.push_back(TreeHit{files[i].display, h.line, h.column, std::string(h.rule->id),
                                    std::string(h.rule->title), h.rule->severity,
                                    std::move(h.masked)});
    }
  }
  result.hits_dropped = dropped.load();
  // Files come in path order and ScanFile's matches in offset order; sort anyway for the
  // documented (path, line, column, rule) order.
  std::stable_sort(result.hits.begin(), result.hits.end(), [](const TreeHit& a, const TreeHit& b) {
    return std::tie(a.path, a.line, a.column, a.rule_id) <
           std::tie(b.path, b.line, b.column, b.rule_id);
  });
  std::sort(result.errors.begin(), result.errors.end());
  return result;
}

}  // namespace drydock::secrets
