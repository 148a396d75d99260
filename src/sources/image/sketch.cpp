// SPDX-License-Identifier: Apache-2.0
// Image sketches → docker-archive tars. Each line is parsed by one row of the directive table
// into a list of layers (tar members) plus the config; then every layer is written as a pax tar
// with libarchive, hashed (SHA-256: blob name = diff_id, layers are uncompressed), and the outer
// tar is written: the config blob, the layers, manifest.json last (like `docker save`).
#include "sources/image/sketch.h"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/digest.h"

namespace drydock::sources::image {

namespace {

using nlohmann::json;

constexpr std::int64_t kMaxSize = 64 << 20;  // size=N cap: sketches live in memory

struct Member {
  std::string name;  // stored name, no leading '/'
  unsigned int type = AE_IFREG;
  unsigned int mode = 0644;
  std::int64_t uid = 0;
  std::int64_t gid = 0;
  std::string content;
  std::int64_t zeros = 0;  // size=N: content is N zero bytes
  std::string link;        // symlink target as written / hard link target (stored name)
  bool hardlink = false;
};

struct Sketch {
  json config = json::object();
  bool has_config = false;
  json history = json::array();
  std::vector<std::vector<Member>> layers;

  std::vector<Member>& Layer() {
    if (layers.empty()) layers.emplace_back();
    return layers.back();
  }
};

// A line split into whitespace-separated words; `rest[i]` is the text from word i to the end.
struct Words {
  std::vector<std::string_view> word;
  std::vector<std::string_view> rest;
};

Words Split(std::string_view line) {
  Words w;
  std::size_t i = 0;
  while (true) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i == line.size()) break;
    std::size_t end = i;
    while (end < line.size() && line[end] != ' ' && line[end] != '\t') ++end;
    w.word.push_back(line.substr(i, end - i));
    w.rest.push_back(line.substr(i));
    i = end;
  }
  return w;
}

// Returns "" on success or the reason the directive is malformed.
using Handler = std::string (*)(const Words&, Sketch&);

std::string StoredPath(std::string_view path, std::string& out) {
  if (path.empty() || path.front() != '/') {
    return "path must be absolute: \"" + std::string(path) + "\"";
  }
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  out = std::string(path);
  return "";
}

std::string ParseOctal(std::string_view text, unsigned int& mode) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), mode, 8);
  if (ec != std::errc() || ptr != text.data() + text.size() || mode > 07777) {
    return "bad mode \"" + std::string(text) + "\" (octal, at most 7777)";
  }
  return "";
}

std::string ParseNumber(std::string_view text, std::int64_t max, std::int64_t& value) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value < 0 || value > max) {
    return "bad number \"" + std::string(text) + "\" (0.." + std::to_string(max) + ")";
  }
  return "";
}

// \n, \t and \\ are escapes; any other backslash is kept as written.
std::string Unescape(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) {
      char next = text[i + 1];
      if (next == 'n' || next == 't' || next == '\\') {
        out += next == 'n' ? '\n' : next == 't' ? '\t' : '\\';
        ++i;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

std::string ParseJsonObject(std::string_view text, json& out) {
  out = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (out.is_discarded()) return "invalid JSON";
  if (!out.is_object()) return "expected a JSON object";
  return "";
}

std::string DoConfig(const Words& w, Sketch& s) {
  if (w.word.size() < 2) return "config needs a JSON object";
  if (s.has_config) return "config given twice";
  json patch;
  if (auto err = ParseJsonObject(w.rest[1], patch); !err.empty()) return err;
  s.config.merge_patch(patch);
  s.has_config = true;
  return "";
}

std::string DoHistory(const Words& w, Sketch& s) {
  if (w.word.size() < 2) return "history needs a JSON object";
  json item;
  if (auto err = ParseJsonObject(w.rest[1], item); !err.empty()) return err;
  s.history.push_back(std::move(item));
  return "";
}

std::string DoOs(const Words& w, Sketch& s) {
  if (w.word.size() < 2 || w.word.size() > 3) return "usage: os ID [VERSION_ID]";
  Member m;
  m.name = "etc/os-release";
  m.content = "ID=" + std::string(w.word[1]) + "\n";
  if (w.word.size() == 3) m.content += "VERSION_ID=\"" + std::string(w.word[2]) + "\"\n";
  s.Layer().push_back(std::move(m));
  return "";
}

std::string DoLayer(const Words& w, Sketch& s) {
  if (w.word.size() != 1) return "layer takes no arguments";
  s.layers.emplace_back();
  return "";
}

std::string DoFile(const Words& w, Sketch& s) {
  if (w.word.size() < 2) return "usage: file PATH [MODE] [uid=N] [gid=N] [size=N] [= TEXT]";
  Member m;
  if (auto err = StoredPath(w.word[1], m.name); !err.empty()) return err;
  if (m.name.empty()) return "a file cannot be the root";
  bool has_mode = false, has_size = false;
  for (std::size_t i = 2; i < w.word.size(); ++i) {
    std::string_view word = w.word[i];
    std::string err;
    if (word == "=") {
      if (has_size) return "size=N and = TEXT are exclusive";
      std::string_view text = w.rest[i].substr(1);
      if (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
      m.content = Unescape(text);
      break;
    } else if (word.starts_with("uid=")) {
      err = ParseNumber(word.substr(4), 0x7fffffff, m.uid);
    } else if (word.starts_with("gid=")) {
      err = ParseNumber(word.substr(4), 0x7fffffff, m.gid);
    } else if (word.starts_with("size=")) {
      err = ParseNumber(word.substr(5), kMaxSize, m.zeros);
      has_size = true;
    } else if (!has_mode && i == 2) {
      err = ParseOctal(word, m.mode);
      has_mode = true;
    } else {
      err = "unexpected \"" + std::string(word) + "\"";
    }
    if (!err.empty()) return err;
  }
  s.Layer().push_back(std::move(m));
  return "";
}

std::string DoDir(const Words& w, Sketch& s) {
  if (w.word.size() < 2 || w.word.size() > 3) return "usage: dir PATH [MODE]";
  Member m;
  m.type = AE_IFDIR;
  m.mode = 0755;
  if (auto err = StoredPath(w.word[1], m.name); !err.empty()) return err;
  if (m.name.empty()) return "the root is implicit";
  if (w.word.size() == 3) {
    if (auto err = ParseOctal(w.word[2], m.mode); !err.empty()) return err;
  }
  s.Layer().push_back(std::move(m));
  return "";
}

std::string Link(const Words& w, Sketch& s, bool hard) {
  if (w.word.size() != 4 || w.word[2] != "->") return "usage: PATH -> TARGET";
  Member m;
  m.type = hard ? AE_IFREG : AE_IFLNK;
  m.mode = hard ? 0644 : 0777;
  m.hardlink = hard;
  if (auto err = StoredPath(w.word[1], m.name); !err.empty()) return err;
  if (m.name.empty()) return "a link cannot be the root";
  if (hard) {
    if (auto err = StoredPath(w.word[3], m.link); !err.empty()) return err;
  } else {
    m.link = std::string(w.word[3]);
  }
  s.Layer().push_back(std::move(m));
  return "";
}

std::string DoSymlink(const Words& w, Sketch& s) { return Link(w, s, false); }
std::string DoHardlink(const Words& w, Sketch& s) { return Link(w, s, true); }

std::string Whiteout(const Words& w, Sketch& s, bool opaque) {
  if (w.word.size() != 2) return opaque ? "usage: opaque DIR" : "usage: delete PATH";
  std::string path;
  if (auto err = StoredPath(w.word[1], path); !err.empty()) return err;
  while (!path.empty() && path.back() == '/') path.pop_back();
  Member m;
  m.mode = 0;
  if (opaque) {
    m.name = path.empty() ? ".wh..wh..opq" : path + "/.wh..wh..opq";
  } else {
    if (path.empty()) return "cannot delete the root";
    auto slash = path.rfind('/');
    m.name = slash == std::string::npos
                 ? ".wh." + path
                 : path.substr(0, slash + 1) + ".wh." + path.substr(slash + 1);
  }
  s.Layer().push_back(std::move(m));
  return "";
}

std::string DoDelete(const Words& w, Sketch& s) { return Whiteout(w, s, false); }
std::string DoOpaque(const Words& w, Sketch& s) { return Whiteout(w, s, true); }

struct Directive {
  std::string_view name;
  Handler handler;
};

constexpr Directive kDirectives[] = {
    {"config", DoConfig}, {"history", DoHistory}, {"os", DoOs},           {"layer", DoLayer},
    {"file", DoFile},     {"dir", DoDir},         {"symlink", DoSymlink}, {"hardlink", DoHardlink},
    {"delete", DoDelete}, {"opaque", DoOpaque},
};

core::Result<Sketch> Parse(std::string_view text) {
  Sketch sketch;
  int number = 0;
  while (!text.empty()) {
    ++number;
    auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    Words words = Split(line);
    if (words.word.empty() || words.word[0].front() == '#') continue;
    std::string err = "unknown directive \"" + std::string(words.word[0]) + "\"";
    for (const Directive& d : kDirectives) {
      if (d.name == words.word[0]) err = d.handler(words, sketch);
    }
    if (!err.empty()) {
      return core::Fail(core::ErrorCode::kInput,
                        "sketch line " + std::to_string(number) + ": " + err);
    }
  }
  return sketch;
}

// Tar writing ---------------------------------------------------------------------------------

using ArchivePtr = std::unique_ptr<archive, decltype(&archive_write_free)>;
using EntryPtr = std::unique_ptr<archive_entry, decltype(&archive_entry_free)>;

la_ssize_t AppendTo(archive*, void* out, const void* buffer, size_t length) {
  static_cast<std::string*>(out)->append(static_cast<const char*>(buffer), length);
  return static_cast<la_ssize_t>(length);
}

core::Error ArchiveError(archive* a, std::string_view what) {
  const char* message = archive_error_string(a);
  return core::Error{
      core::ErrorCode::kInternal,
      "sketch: " + std::string(what) + ": " + (message ? message : "libarchive error"),
      {}};
}

// A tar being written into a string.
class TarWriter {
 public:
  explicit TarWriter(std::string& out) : archive_(archive_write_new(), archive_write_free) {
    archive_write_set_format_pax_restricted(archive_.get());
    archive_write_set_bytes_in_last_block(archive_.get(), 1);
    if (archive_write_open2(archive_.get(), &out, nullptr, AppendTo, nullptr, nullptr) !=
        ARCHIVE_OK) {
      error_ = ArchiveError(archive_.get(), "open");
    }
  }

  void Add(const Member& m) {
    if (error_) return;
    EntryPtr entry(archive_entry_new(), archive_entry_free);
    archive_entry* e = entry.get();
    archive_entry_set_pathname(e, m.name.c_str());
    archive_entry_set_filetype(e, m.type);
    archive_entry_set_perm(e, m.mode);
    archive_entry_set_uid(e, m.uid);
    archive_entry_set_gid(e, m.gid);
    archive_entry_set_mtime(e, 0, 0);
    std::int64_t size = m.type == AE_IFREG && !m.hardlink
                            ? (m.zeros > 0 ? m.zeros : static_cast<std::int64_t>(m.content.size()))
                            : 0;
    archive_entry_set_size(e, size);
    if (m.hardlink) archive_entry_set_hardlink(e, m.link.c_str());
    if (m.type == AE_IFLNK) archive_entry_set_symlink(e, m.link.c_str());
    if (archive_write_header(archive_.get(), e) != ARCHIVE_OK) {
      error_ = ArchiveError(archive_.get(), m.name);
      return;
    }
    if (m.zeros > 0) {
      const std::string block(std::size_t{64} * 1024, '\0');
      for (std::int64_t left = m.zeros; left > 0 && !error_;) {
        auto n = static_cast<std::size_t>(std::min<std::int64_t>(left, block.size()));
        Write(block.data(), n, m.name);
        left -= static_cast<std::int64_t>(n);
      }
    } else if (size > 0) {
      Write(m.content.data(), m.content.size(), m.name);
    }
  }

  core::Result<void> Close() {
    if (!error_ && archive_write_close(archive_.get()) != ARCHIVE_OK) {
      error_ = ArchiveError(archive_.get(), "close");
    }
    if (error_) return tl::unexpected(*error_);
    return {};
  }

 private:
  void Write(const char* data, std::size_t n, const std::string& name) {
    if (archive_write_data(archive_.get(), data, n) != static_cast<la_ssize_t>(n)) {
      error_ = ArchiveError(archive_.get(), name);
    }
  }

  ArchivePtr archive_;
  std::optional<core::Error> error_;
};

Member Blob(std::string name, std::string content) {
  Member m;
  m.name = std::move(name);
  m.content = std::move(content);
  return m;
}

}  // namespace

core::Result<std::string> WriteSketchArchive(std::string_view text) {
  Sketch sketch = DD_TRY(Parse(text));

  std::string out;
  TarWriter outer(out);
  json diff_ids = json::array();
  json layer_names = json::array();
  std::set<std::string> written;  // identical layers are stored once
  std::vector<Member> blobs;
  for (const auto& members : sketch.layers) {
    std::string tar;
    TarWriter layer(tar);
    for (const Member& m : members) layer.Add(m);
    DD_TRY(layer.Close());
    std::string hex = core::Sha256Hex(tar);
    diff_ids.push_back("sha256:" + hex);
    layer_names.push_back(hex + ".tar");
    if (written.insert(hex).second) blobs.push_back(Blob(hex + ".tar", std::move(tar)));
  }

  json config = {
      {"architecture", "amd64"},   {"os", "linux"},
      {"config", sketch.config},   {"rootfs", {{"type", "layers"}, {"diff_ids", diff_ids}}},
      {"history", sketch.history},
  };
  std::string config_text = config.dump();
  std::string config_name = core::Sha256Hex(config_text) + ".json";
  json manifest = json::array(
      {{{"Config", config_name}, {"RepoTags", {"sketch:latest"}}, {"Layers", layer_names}}});

  outer.Add(Blob(config_name, std::move(config_text)));
  for (const Member& blob : blobs) outer.Add(blob);
  outer.Add(Blob("manifest.json", manifest.dump()));
  DD_TRY(outer.Close());
  return out;
}

}  // namespace drydock::sources::image
