// SPDX-License-Identifier: Apache-2.0
#include "packages/purl.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/strings.h"
#include "packages/lang.h"

namespace drydock::packages {
namespace {

bool Unreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-' || c == '_' || c == '~' || c == ':';
}

std::string Encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (Unreserved(c)) {
      out += c;
    } else {
      const auto u = static_cast<unsigned char>(c);
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
  return out;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

core::Result<std::string> Decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    if (i + 2 >= s.size()) {
      return core::Fail(core::ErrorCode::kInput, "purl: truncated percent escape");
    }
    const int h = HexValue(s[i + 1]);
    const int l = HexValue(s[i + 2]);
    if (h < 0 || l < 0) {
      return core::Fail(core::ErrorCode::kInput,
                        fmt::format("purl: bad percent escape \"{}\"", s.substr(i, 3)));
    }
    out += static_cast<char>(h * 16 + l);
    i += 2;
  }
  return out;
}

bool ValidQualifierKey(std::string_view key) {
  if (key.empty() || (key.front() >= '0' && key.front() <= '9')) return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
  });
}

}  // namespace

std::string Purl::ToString() const {
  std::string out = "pkg:" + core::Lower(type) + "/";
  std::string_view ns = namespace_;
  while (!ns.empty()) {
    const std::size_t slash = ns.find('/');
    std::string_view segment = ns.substr(0, slash);
    if (!segment.empty()) out += Encode(segment) + "/";
    if (slash == std::string_view::npos) break;
    ns.remove_prefix(slash + 1);
  }
  out += Encode(name);
  if (!version.empty()) out += "@" + Encode(version);
  auto sorted = qualifiers;
  std::sort(sorted.begin(), sorted.end());
  char sep = '?';
  for (const auto& [key, value] : sorted) {
    if (value.empty()) continue;
    out += sep;
    out += core::Lower(key) + "=" + Encode(value);
    sep = '&';
  }
  if (!subpath.empty()) {
    char subpath_sep = '#';
    std::string_view sub = subpath;
    while (!sub.empty()) {
      const std::size_t slash = sub.find('/');
      std::string_view segment = sub.substr(0, slash);
      if (!segment.empty()) {
        out += subpath_sep;
        out += Encode(segment);
        subpath_sep = '/';
      }
      if (slash == std::string_view::npos) break;
      sub.remove_prefix(slash + 1);
    }
  }
  return out;
}

std::string_view Purl::Qualifier(std::string_view key) const {
  for (const auto& [k, v] : qualifiers) {
    if (k == key) return v;
  }
  return {};
}

std::string PurlNamespace(std::string_view os_id) {
  std::string id = core::Lower(os_id);
  if (id == "rhel") return "redhat";
  if (id == "amzn") return "amazon";
  if (id == "ol") return "oracle";
  if (id == "sles" || id == "sled") return "suse";
  if (id.starts_with("opensuse")) return "opensuse";
  return id;
}

Purl MakePurl(const Package& package, std::string_view os_id, std::string_view os_version_id) {
  Purl p;
  p.name = package.name;
  p.version = package.version;
  std::string ns = PurlNamespace(os_id);
  switch (package.ecosystem) {
    case Ecosystem::kDpkg:
      p.type = "deb";
      if (ns.empty()) ns = "debian";
      if (!os_version_id.empty()) {
        p.qualifiers.emplace_back("distro", fmt::format("{}-{}", ns, os_version_id));
      }
      break;
    case Ecosystem::kApk:
      p.type = "apk";
      if (ns.empty()) ns = "alpine";
      if (!os_version_id.empty()) p.qualifiers.emplace_back("distro", std::string(os_version_id));
      break;
    case Ecosystem::kRpm: {
      p.type = "rpm";
      // version = version-release; the epoch goes to its own qualifier.
      const std::size_t colon = p.version.find(':');
      if (colon != std::string::npos) {
        p.qualifiers.emplace_back("epoch", p.version.substr(0, colon));
        p.version.erase(0, colon + 1);
      }
      if (!os_id.empty() && !os_version_id.empty()) {
        p.qualifiers.emplace_back("distro",
                                  fmt::format("{}-{}", core::Lower(os_id), os_version_id));
      }
      break;
    }
    case Ecosystem::kPypi:
      // purl-spec pypi: the name normalised (lower case, '-' for runs of '_', '.' and '-').
      p.type = "pypi";
      p.name = Pep503Name(package.name);
      ns.clear();
      break;
    case Ecosystem::kNpm: {
      // purl-spec npm: the scope ("@angular") is the namespace, percent-encoded as "%40angular".
      p.type = "npm";
      ns.clear();
      const std::size_t slash = package.name.find('/');
      if (package.name.starts_with('@') && slash != std::string::npos) {
        ns = package.name.substr(0, slash);
        p.name = package.name.substr(slash + 1);
      }
      break;
    }
  }
  p.namespace_ = ns;
  if (!package.arch.empty()) p.qualifiers.emplace_back("arch", package.arch);
  std::sort(p.qualifiers.begin(), p.qualifiers.end());
  return p;
}

core::Result<Purl> ParsePurl(std::string_view text) {
  auto fail = [](std::string message) {
    return core::Fail(core::ErrorCode::kInput, "purl: " + std::move(message));
  };
  if (text.size() < 4 || core::Lower(text.substr(0, 4)) != "pkg:") {
    return fail("no \"pkg:\" scheme");
  }
  std::string_view rest = text.substr(4);
  while (!rest.empty() && rest.front() == '/') rest.remove_prefix(1);
  Purl p;
  if (const std::size_t hash = rest.find('#'); hash != std::string_view::npos) {
    std::string_view sub = rest.substr(hash + 1);
    rest = rest.substr(0, hash);
    std::string joined;
    while (!sub.empty()) {
      const std::size_t slash = sub.find('/');
      std::string_view segment = sub.substr(0, slash);
      if (!segment.empty() && segment != "." && segment != "..") {
        const std::string decoded = DD_TRY(Decode(segment));
        if (!joined.empty()) joined += '/';
        joined += decoded;
      }
      if (slash == std::string_view::npos) break;
      sub.remove_prefix(slash + 1);
    }
    p.subpath = joined;
  }
  if (const std::size_t q = rest.find('?'); q != std::string_view::npos) {
    std::string_view quals = rest.substr(q + 1);
    rest = rest.substr(0, q);
    while (!quals.empty()) {
      const std::size_t amp = quals.find('&');
      std::string_view pair = quals.substr(0, amp);
      if (!pair.empty()) {
        const std::size_t eq = pair.find('=');
        if (eq == std::string_view::npos) {
          return fail(fmt::format("qualifier \"{}\" has no '='", pair.substr(0, 64)));
        }
        std::string key = core::Lower(pair.substr(0, eq));
        if (!ValidQualifierKey(key)) {
          return fail(fmt::format("invalid qualifier key \"{}\"", key.substr(0, 64)));
        }
        std::string value = DD_TRY(Decode(pair.substr(eq + 1)));
        if (std::any_of(p.qualifiers.begin(), p.qualifiers.end(),
                        [&](const auto& kv) { return kv.first == key; })) {
          return fail(fmt::format("repeated qualifier \"{}\"", key));
        }
        if (!value.empty()) p.qualifiers.emplace_back(std::move(key), std::move(value));
      }
      if (amp == std::string_view::npos) break;
      quals.remove_prefix(amp + 1);
    }
    std::sort(p.qualifiers.begin(), p.qualifiers.end());
  }
  if (const std::size_t at = rest.rfind('@'); at != std::string_view::npos) {
    p.version = DD_TRY(Decode(rest.substr(at + 1)));
    rest = rest.substr(0, at);
  }
  while (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  const std::size_t type_end = rest.find('/');
  if (type_end == std::string_view::npos || type_end == 0) return fail("no type or no name");
  p.type = core::Lower(rest.substr(0, type_end));
  if (!std::all_of(p.type.begin(), p.type.end(),
                   [](char c) {
                     return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
                            c == '-' || c == '+';
                   }) ||
      (p.type.front() >= '0' && p.type.front() <= '9')) {
    return fail(fmt::format("invalid type \"{}\"", p.type.substr(0, 64)));
  }
  rest = rest.substr(type_end + 1);
  const std::size_t name_start = rest.rfind('/');
  std::string_view raw_name =
      name_start == std::string_view::npos ? rest : rest.substr(name_start + 1);
  p.name = DD_TRY(Decode(raw_name));
  if (p.name.empty()) return fail("empty name");
  if (name_start != std::string_view::npos) {
    std::string_view ns = rest.substr(0, name_start);
    std::string joined;
    while (!ns.empty()) {
      const std::size_t slash = ns.find('/');
      std::string_view segment = ns.substr(0, slash);
      if (!segment.empty()) {
        const std::string decoded = DD_TRY(Decode(segment));
        if (decoded.find('/') != std::string::npos) return fail("'/' inside a namespace segment");
        if (!joined.empty()) joined += '/';
        joined += decoded;
      }
      if (slash == std::string_view::npos) break;
      ns.remove_prefix(slash + 1);
    }
    p.namespace_ = std::move(joined);
  }
  return p;
}

}  // namespace drydock::packages
