// SPDX-License-Identifier: Apache-2.0
#include "sources/dockerrun/detail/values.h"

#include <cmath>
#include <cstddef>
#include <limits>
#include <utility>

#include <fmt/format.h>

#include "core/strings.h"
#include "core/units.h"
#include "model/port_spec.h"

namespace drydock::sources::dockerrun::detail {
namespace {

using core::IsDigit;

tl::unexpected<std::string> Err(std::string text) { return tl::unexpected(std::move(text)); }

// Parses the decimal number `digits[.digits]` into a double (bounded length: at
// most 400 characters, more is an overflow anyway).
bool DecimalToDouble(std::string_view s, double& out) {
  if (s.empty() || s.size() > 400) return false;
  double v = 0;
  std::size_t i = 0;
  for (; i < s.size() && IsDigit(s[i]); ++i) v = v * 10 + (s[i] - '0');
  if (i == 0) return false;
  if (i < s.size()) {
    if (s[i] != '.') return false;
    ++i;
    double scale = 0.1;
    std::size_t frac_start = i;
    for (; i < s.size() && IsDigit(s[i]); ++i) {
      v += (s[i] - '0') * scale;
      scale /= 10;
    }
    if (i == frac_start || i != s.size()) return false;
  }
  out = v;
  return true;
}

bool IsVolumeMode(std::string_view mode) {
  if (mode.empty()) return false;
  for (std::string_view m : Split(mode, ',')) {
    if (m != "ro" && m != "rw" && m != "z" && m != "Z" && m != "nocopy" && m != "shared" &&
        m != "rshared" && m != "slave" && m != "rslave" && m != "private" && m != "rprivate" &&
        m != "consistent" && m != "cached" && m != "delegated" && m != "default") {
      return false;
    }
  }
  return true;
}

// A host path as opposed to a volume name: docker volume names are
// [A-Za-z0-9][A-Za-z0-9_.-]*, so anything else (a path, `~`, a `$VAR`) is a
// bind mount.
bool IsHostPath(std::string_view src) {
  if (src.empty()) return false;
  char c = src.front();
  if (c == '/' || c == '.' || c == '~' || c == '$' || c == '`') return true;
  return src.find('/') != std::string_view::npos || src.find('\\') != std::string_view::npos;
}

// Splits one CSV record (encoding/csv: fields may be double-quoted, `""` is a
// quote).
ValueResult<std::vector<std::string>> SplitCsv(std::string_view text) {
  std::vector<std::string> fields;
  std::string field;
  std::size_t i = 0;
  while (true) {
    field.clear();
    if (i < text.size() && text[i] == '"') {
      ++i;
      bool closed = false;
      while (i < text.size()) {
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          closed = true;
          break;
        }
        field += text[i++];
      }
      if (!closed) return Err("extraneous or missing \" in quoted-field");
      if (i < text.size() && text[i] != ',') return Err("extraneous or missing \" in quoted-field");
    } else {
      while (i < text.size() && text[i] != ',') {
        if (text[i] == '"') return Err("bare \" in non-quoted-field");
        field += text[i++];
      }
    }
    fields.push_back(field);
    if (i >= text.size()) break;
    ++i;  // ','
  }
  return fields;
}

}  // namespace

std::vector<std::string_view> Split(std::string_view text, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    std::size_t at = text.find(sep, start);
    if (at == std::string_view::npos) {
      out.push_back(text.substr(start));
      return out;
    }
    out.push_back(text.substr(start, at - start));
    start = at + 1;
  }
}

namespace {

// Appends the comma-separated mount options (`ro,noexec,size=64m`); `ro`/`rw` set read_only.
void AddMountOptions(model::MountPoint& m, std::string_view csv) {
  for (std::string_view opt : Split(csv, ',')) {
    if (opt.empty()) continue;
    m.options.emplace_back(opt);
    if (opt == "ro") m.read_only = true;
    if (opt == "rw") m.read_only = false;
  }
}

}  // namespace

ValueResult<std::int64_t> RamInBytes(std::string_view text) {
  if (auto bytes = core::ParseRamInBytes(text)) return *bytes;
  return Err(fmt::format("invalid size: '{}'", text));
}

ValueResult<std::int64_t> MemorySwap(std::string_view text) {
  if (text == "-1") return -1;
  return RamInBytes(text);
}

ValueResult<double> Cpus(std::string_view text) {
  auto invalid = [&] { return Err(fmt::format("failed to parse {} as a rational number", text)); };
  if (text.empty() || text.size() > 100) return invalid();
  std::string_view s = text;
  bool negative = false;
  if (s.front() == '+' || s.front() == '-') {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  std::size_t slash = s.find('/');
  if (slash != std::string_view::npos) {  // "a/b", integers only
    std::string_view a = s.substr(0, slash);
    std::string_view b = s.substr(slash + 1);
    double na = 0;
    double nb = 0;
    if (a.find('.') != std::string_view::npos || b.find('.') != std::string_view::npos ||
        !DecimalToDouble(a, na) || !DecimalToDouble(b, nb) || nb == 0) {
      return invalid();
    }
    double v = na / nb;
    if (std::abs(v * 1e9 - std::round(v * 1e9)) > 1e-6) return Err("value is too precise");
    return negative ? -v : v;
  }
  std::string_view mantissa = s;
  int exponent = 0;
  std::size_t e = s.find_first_of("eE");
  if (e != std::string_view::npos) {
    mantissa = s.substr(0, e);
    std::string_view exp = s.substr(e + 1);
    bool exp_negative = false;
    if (!exp.empty() && (exp.front() == '+' || exp.front() == '-')) {
      exp_negative = exp.front() == '-';
      exp.remove_prefix(1);
    }
    if (exp.empty() || exp.size() > 4) return invalid();
    for (char c : exp) {
      if (!IsDigit(c)) return invalid();
      exponent = exponent * 10 + (c - '0');
    }
    if (exp_negative) exponent = -exponent;
  }
  // Allow ".5" and "5." as big.Rat does.
  std::string digits(mantissa);
  if (!digits.empty() && digits.front() == '.') digits.insert(digits.begin(), '0');
  if (!digits.empty() && digits.back() == '.') digits.pop_back();
  double v = 0;
  if (!DecimalToDouble(digits, v)) return invalid();
  std::size_t dot = digits.find('.');
  int fraction_digits = 0;
  if (dot != std::string::npos) {
    std::string_view frac = std::string_view(digits).substr(dot + 1);
    while (!frac.empty() && frac.back() == '0') frac.remove_suffix(1);
    fraction_digits = static_cast<int>(frac.size());
  }
  if (v != 0 && fraction_digits - exponent > 9) return Err("value is too precise");
  v *= std::pow(10.0, exponent);
  if (!std::isfinite(v)) return invalid();
  return negative ? -v : v;
}

ValueResult<std::int64_t> ParseInt64(std::string_view text) {
  auto syntax = [&] {
    return Err(fmt::format("strconv.ParseInt: parsing \"{}\": invalid syntax", text));
  };
  std::string_view s = text;
  bool negative = false;
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) return syntax();
  std::uint64_t v = 0;
  const std::uint64_t limit = negative ? 9223372036854775808ull : 9223372036854775807ull;
  for (char c : s) {
    if (!IsDigit(c)) return syntax();
    std::uint64_t d = static_cast<std::uint64_t>(c - '0');
    if (v > (limit - d) / 10) {
      return Err(fmt::format("strconv.ParseInt: parsing \"{}\": value out of range", text));
    }
    v = v * 10 + d;
  }
  if (negative) {
    return v == 9223372036854775808ull ? std::numeric_limits<std::int64_t>::min()
                                       : -static_cast<std::int64_t>(v);
  }
  return static_cast<std::int64_t>(v);
}

ValueResult<bool> ParseBool(std::string_view text) {
  if (text == "1" || text == "t" || text == "T" || text == "true" || text == "TRUE" ||
      text == "True") {
    return true;
  }
  if (text == "0" || text == "f" || text == "F" || text == "false" || text == "FALSE" ||
      text == "False") {
    return false;
  }
  return Err(fmt::format("strconv.ParseBool: parsing \"{}\": invalid syntax", text));
}

ValueResult<model::Port> Port(std::string_view text) {
  model::Port port;
  std::string spec;
  if (text.find('=') != std::string_view::npos) {
    // Long form: published=8080,target=80,protocol=udp,mode=host.
    std::string published;
    std::string target;
    std::string protocol;
    for (std::string_view param : Split(text, ',')) {
      std::size_t eq = param.find('=');
      if (eq == std::string_view::npos || eq == 0) {
        return Err(
            fmt::format("invalid publish opts format (should be name=value but got '{}')", param));
      }
      std::string_view key = param.substr(0, eq);
      std::string_view value = param.substr(eq + 1);
      if (key == "published") published = std::string(value);
      if (key == "target") target = std::string(value);
      if (key == "protocol") protocol = std::string(value);
    }
    spec = published + ":" + target + (protocol.empty() ? "" : "/" + protocol);
  } else {
    spec = std::string(text);
  }
  return model::ParsePortSpec(spec, model::PortDialect::kDockerRun);
}

ValueResult<model::MountPoint> Volume(std::string_view text) {
  if (text.empty()) return Err("invalid empty volume spec");
  model::MountPoint m;
  std::vector<std::string_view> parts = Split(text, ':');
  std::string_view source;
  std::string_view mode;
  if (parts.size() == 1) {
    m.target = std::string(parts[0]);
  } else if (parts.size() == 2) {
    if (IsVolumeMode(parts[1])) {
      m.target = std::string(parts[0]);
      mode = parts[1];
    } else {
      source = parts[0];
      m.target = std::string(parts[1]);
    }
  } else if (parts.size() == 3) {
    source = parts[0];
    m.target = std::string(parts[1]);
    mode = parts[2];
  } else {
    return Err(fmt::format("invalid volume specification: '{}'", text));
  }
  if (m.target.empty()) return Err(fmt::format("invalid volume specification: '{}'", text));
  m.source = std::string(source);
  m.type = IsHostPath(source) ? model::MountType::kBind : model::MountType::kVolume;
  AddMountOptions(m, mode);
  return m;
}

ValueResult<model::MountPoint> Mount(std::string_view text) {
  auto fields = SplitCsv(text);
  if (!fields) return Err(fields.error());
  model::MountPoint m;
  m.type = model::MountType::kVolume;  // docker's default type
  std::string type = "volume";
  for (const std::string& field : *fields) {
    std::size_t eq = field.find('=');
    std::string key = core::Lower(std::string_view(field).substr(0, eq));
    bool bare = eq == std::string::npos;
    std::string value = bare ? std::string() : field.substr(eq + 1);
    if (bare && key != "readonly" && key != "ro" && key != "volume-nocopy" &&
        key != "bind-nonrecursive") {
      return Err(fmt::format("invalid field '{}' must be a key=value pair", field));
    }
    if (key == "type") {
      type = core::Lower(value);
      if (type != "bind" && type != "volume" && type != "tmpfs" && type != "image" &&
          type != "npipe" && type != "cluster") {
        return Err(fmt::format("invalid value for type: {}", value));
      }
    } else if (key == "source" || key == "src") {
      m.source = value;
    } else if (key == "target" || key == "dst" || key == "destination") {
      m.target = value;
    } else if (key == "readonly" || key == "ro") {
      if (bare) {
        m.read_only = true;
      } else {
        auto b = ParseBool(value);
        if (!b) return Err(fmt::format("invalid value for {}: {}", key, value));
        m.read_only = *b;
      }
    } else if (key == "tmpfs-size") {
      m.options.push_back("size=" + value);
    } else if (key == "tmpfs-mode") {
      m.options.push_back("mode=" + value);
    } else if (key == "bind-propagation") {
      m.options.push_back(value);
    } else if (key == "consistency" || key == "bind-nonrecursive" || key == "bind-recursive" ||
               key == "bind-create-src" || key == "volume-nocopy" || key == "volume-driver" ||
               key == "volume-label" || key == "volume-opt" || key == "volume-subpath" ||
               key == "image-subpath" || key == "tmpfs-options") {
      m.options.push_back(field);
    } else {
      return Err(fmt::format("unexpected key '{}' in '{}'", key, field));
    }
  }
  if (type == "bind") {
    m.type = model::MountType::kBind;
  } else if (type == "tmpfs") {
    m.type = model::MountType::kTmpfs;
  } else if (type == "volume") {
    m.type = model::MountType::kVolume;
  } else {
    m.type = model::MountType::kOther;
  }
  if (m.read_only) m.options.insert(m.options.begin(), "ro");
  return m;
}

model::MountPoint Tmpfs(std::string_view text) {
  model::MountPoint m;
  m.type = model::MountType::kTmpfs;
  std::size_t colon = text.find(':');
  m.target = std::string(text.substr(0, colon));
  if (colon != std::string_view::npos) AddMountOptions(m, text.substr(colon + 1));
  return m;
}

ValueResult<Ulimit> ParseUlimit(std::string_view text) {
  std::size_t eq = text.find('=');
  if (eq == std::string_view::npos) return Err(fmt::format("invalid ulimit argument: {}", text));
  Ulimit u;
  u.name = std::string(text.substr(0, eq));
  static constexpr std::string_view kNames[] = {
      "core",   "cpu",   "data", "fsize",  "locks",  "memlock",    "msgqueue", "nice",
      "nofile", "nproc", "rss",  "rtprio", "rttime", "sigpending", "stack"};
  bool known = false;
  for (std::string_view n : kNames) known = known || n == u.name;
  if (!known) return Err(fmt::format("invalid ulimit type: {}", u.name));
  std::string_view limits = text.substr(eq + 1);
  std::size_t colon = limits.find(':');
  std::string_view soft = limits.substr(0, colon);
  std::string_view hard = colon == std::string_view::npos ? soft : limits.substr(colon + 1);
  if (hard.find(':') != std::string_view::npos) {
    return Err(
        fmt::format("too many limit value arguments - {}, can only have up to two, "
                    "`soft[:hard]`",
                    limits));
  }
  auto s = ParseInt64(soft);
  if (!s) return Err(s.error());
  auto h = ParseInt64(hard);
  if (!h) return Err(h.error());
  if (*s > *h) {
    return Err(
        fmt::format("ulimit soft limit must be less than or equal to hard limit: {} > {}", *s, *h));
  }
  u.soft = *s;
  u.hard = *h;
  return u;
}

ValueResult<model::Sysctl> ParseSysctl(std::string_view text) {
  std::size_t eq = text.find('=');
  auto refused = [&] { return Err(fmt::format("sysctl '{}' is not allowed", text)); };
  if (eq == std::string_view::npos) return refused();
  model::Sysctl s;
  s.name = std::string(text.substr(0, eq));
  s.value = std::string(text.substr(eq + 1));
  static constexpr std::string_view kAllowed[] = {
      "kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem",
      "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced"};
  bool ok = s.name.rfind("net.", 0) == 0 || s.name.rfind("fs.mqueue.", 0) == 0;
  for (std::string_view n : kAllowed) ok = ok || n == s.name;
  if (!ok) return refused();
  return s;
}

}  // namespace drydock::sources::dockerrun::detail
