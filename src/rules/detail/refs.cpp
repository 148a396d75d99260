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
      r == "registry.hub.docker.com" || r == "hub.docker.com" || r == "docker.io") {
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
  const std::string registry = RegistryOf(ref);
  const std::string name = CanonicalName(ref);
  const std::string_view repo = std::string_view(name).substr(registry.size() + 1);
  for (const std::string& entry : trusted) {
    std::string_view e = entry;
    if (e == "*") return true;
    while (EndsWith(e, "/") || EndsWith(e, "/*")) e.remove_suffix(EndsWith(e, "/") ? 1 : 2);
    if (e.empty()) continue;
    const auto slash = e.find('/');
    const std::string_view host = e.substr(0, slash);
    bool host_ok = false;
    if (StartsWith(host, "*")) {  // "*.gcr.io": any host ending so
      host_ok = EndsWith(registry, Lower(host.substr(1)));
    } else if (EndsWith(host, "*")) {  // "registry.example*": any host starting so
      host_ok = StartsWith(registry, Lower(host.substr(0, host.size() - 1)));
    } else {
      host_ok = NormaliseRegistry(host) == registry;
    }
    if (!host_ok) continue;
    if (slash == std::string_view::npos) return true;
    const std::string path = Lower(e.substr(slash + 1));
    if (repo == path || StartsWith(repo, path + "/")) return true;
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
