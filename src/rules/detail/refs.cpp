// SPDX-License-Identifier: Apache-2.0
#include "rules/detail/refs.h"

#include <algorithm>
#include <cctype>

#include "core/strings.h"

namespace drydock::rules::detail {
namespace {

using core::EndsWith;
using core::Lower;
using core::StartsWith;

std::string NormaliseRegistry(std::string_view registry) {
  std::string r = Lower(registry);
  if (r.empty() || r == "index.docker.io" || r == "registry-1.docker.io" ||
      r == "registry.hub.docker.com" || r == "docker.io") {
    return "docker.io";
  }
  return r;
}

}  // namespace

std::string RegistryOf(const model::ImageRef& ref) { return NormaliseRegistry(ref.registry); }

std::string CanonicalName(const model::ImageRef& ref) {
  std::string registry = RegistryOf(ref);
  std::string repo = Lower(ref.repository);
  if (registry == "docker.io" && repo.find('/') == std::string::npos) repo = "library/" + repo;
  return registry + "/" + repo;
}

bool MatchesImagePattern(const model::ImageRef& ref, std::string_view pattern) {
  if (pattern.empty()) return false;
  bool prefix = false;
  std::string_view p = pattern;
  if (EndsWith(p, "*")) {
    prefix = true;
    p.remove_suffix(1);
  }
  model::ImageRef want = ParseImageRef(p);
  if (prefix) {
    // "gcr.io/distroless/*" or "myorg/*": compare canonical names as prefixes. A pattern with a
    // tag cannot also be a prefix; a trailing '*' on a tag ("img:1.*") matches tag prefixes.
    if (!want.tag.empty()) {
      return CanonicalName(ref) == CanonicalName(want) && StartsWith(ref.tag, want.tag);
    }
    std::string name = CanonicalName(want);
    // ParseImageRef("myorg/") leaves a trailing '/'; CanonicalName keeps it, which is the prefix.
    return StartsWith(CanonicalName(ref), name);
  }
  if (CanonicalName(ref) != CanonicalName(want)) return false;
  if (!want.tag.empty() && want.tag != ref.tag) return false;
  if (!want.digest.empty() && want.digest != ref.digest) return false;
  return true;
}

bool IsTrustedRegistry(const model::ImageRef& ref, const std::vector<std::string>& trusted) {
  std::string name = CanonicalName(ref);
  std::string registry = RegistryOf(ref);
  for (const std::string& entry : trusted) {
    std::string_view e = entry;
    while (EndsWith(e, "/") || EndsWith(e, "*")) e.remove_suffix(1);
    if (e.empty()) continue;
    auto slash = e.find('/');
    std::string host = NormaliseRegistry(e.substr(0, slash));
    if (slash == std::string_view::npos) {
      if (host == registry) return true;
      continue;
    }
    std::string want = host + "/" + Lower(e.substr(slash + 1));
    if (name == want || StartsWith(name, want + "/")) return true;
  }
  return false;
}

bool IsKnownNonRootBase(const model::ImageRef& ref, const std::vector<std::string>& extra) {
  if (ref.unresolved) return false;
  std::string name = CanonicalName(ref);
  std::string tag = Lower(ref.tag);
  bool nonroot_tag = tag == "nonroot" || EndsWith(tag, "-nonroot");
  if (nonroot_tag && (name.find("distroless") != std::string::npos ||
                      name.find("chainguard") != std::string::npos)) {
    return true;
  }
  // Chainguard images run as uid 65532 unless the image documents otherwise.
  if (StartsWith(name, "cgr.dev/chainguard/")) return true;
  return std::any_of(extra.begin(), extra.end(),
                     [&](const std::string& pattern) { return MatchesImagePattern(ref, pattern); });
}

std::string DisplayRef(const model::ImageRef& ref) {
  if (!ref.original.empty()) return ref.original;
  std::string out = ref.registry.empty() ? ref.repository : ref.registry + "/" + ref.repository;
  if (!ref.tag.empty()) out += ":" + ref.tag;
  if (!ref.digest.empty()) out += "@" + ref.digest;
  return out;
}

}  // namespace drydock::rules::detail
