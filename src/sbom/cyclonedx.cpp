// SPDX-License-Identifier: Apache-2.0
#include "sbom/cyclonedx.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <set>
#include <tuple>
#include <unordered_map>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/io.h"
#include "packages/lang.h"
#include "packages/os_release.h"
#include "packages/purl.h"
#include "sbom/detail/json_text.h"

namespace drydock::sbom {
namespace {

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;

// Component types of CycloneDX 1.4–1.6 ("cryptographic-asset" is 1.6's).
constexpr std::array<std::string_view, 13> kComponentTypes = {"application",
                                                              "framework",
                                                              "library",
                                                              "container",
                                                              "platform",
                                                              "operating-system",
                                                              "device",
                                                              "device-driver",
                                                              "firmware",
                                                              "file",
                                                              "machine-learning-model",
                                                              "data",
                                                              "cryptographic-asset"};

bool KnownComponentType(std::string_view type) {
  return std::find(kComponentTypes.begin(), kComponentTypes.end(), type) != kComponentTypes.end();
}

// ---- writing ----------------------------------------------------------------------------------

ojson Property(std::string_view name, const std::string& value) {
  return ojson{{"name", name}, {"value", value}};
}

}  // namespace

std::string WriteCycloneDx(const Subject& subject, const packages::Inventory& inventory,
                           const WriteOptions& options) {
  const WriteOptions o = Resolve(options);
  const std::string key = subject.digest.empty() ? subject.name : subject.digest;
  ojson bom;
  bom["bomFormat"] = "CycloneDX";
  bom["specVersion"] = "1.5";
  bom["serialNumber"] =
      "urn:uuid:" + NameUuid("drydock:sbom:cyclonedx:" + o.tool_version + ":" + key);
  bom["version"] = 1;

  const std::string image_ref = "drydock:image";
  ojson image{{"bom-ref", image_ref}, {"type", "container"}, {"name", subject.name}};
  if (!subject.digest.empty()) image["version"] = subject.digest;
  if (!subject.config_digest.empty()) {
    image["properties"] =
        ojson::array({Property("drydock:image:config_digest", subject.config_digest)});
  }
  bom["metadata"] =
      ojson{{"timestamp", o.timestamp},
            {"tools", ojson{{"components", ojson::array({ojson{{"type", "application"},
                                                               {"name", "drydock"},
                                                               {"version", o.tool_version}}})}}},
            {"component", std::move(image)}};

  ojson components = ojson::array();
  ojson depends = ojson::array();
  if (!inventory.os_id.empty()) {
    ojson os{{"bom-ref", "drydock:os"}, {"type", "operating-system"}, {"name", inventory.os_id}};
    if (!inventory.os_version.empty()) os["version"] = inventory.os_version;
    if (!inventory.os_pretty_name.empty()) os["description"] = inventory.os_pretty_name;
    components.push_back(std::move(os));
    depends.push_back("drydock:os");
  }
  std::set<std::string> refs;
  for (const packages::Package& p : inventory.packages) {
    const std::string purl =
        packages::MakePurl(p, inventory.os_id, inventory.os_version).ToString();
    std::string ref = purl;
    for (int n = 2; !refs.insert(ref).second; ++n) ref = fmt::format("{}#{}", purl, n);
    ojson c{{"bom-ref", ref}, {"type", "library"}, {"name", p.name}};
    if (!p.version.empty()) c["version"] = p.version;
    c["purl"] = purl;
    ojson props = ojson::array();
    props.push_back(Property(kPropSourceName, p.source_name));
    props.push_back(Property(kPropSourceVersion, p.source_version));
    if (!p.origin.file.empty()) props.push_back(Property(kPropDatabase, p.origin.file));
    c["properties"] = std::move(props);
    components.push_back(std::move(c));
    depends.push_back(ref);
  }
  bom["components"] = std::move(components);
  ojson deps = ojson::array();
  deps.push_back(ojson{{"ref", image_ref}, {"dependsOn", std::move(depends)}});
  bom["dependencies"] = std::move(deps);
  return bom.dump(2) + "\n";
}

// ---- reading ----------------------------------------------------------------------------------

namespace {

struct Reader {
  std::string_view text;
  const std::string& file;
  std::unordered_map<std::string_view, int> purl_lines;
  CycloneDxRead out;
  std::string distro_id;  // from the first OS purl with a distro qualifier
  std::string distro_version;
  std::string os_id;  // from an operating-system component
  std::string os_version;
  std::string os_pretty;

  core::Error Bad(std::string message, std::string where_path, int line = 0) const {
    core::Origin where = core::FileOrigin(file, line);
    where.path = std::move(where_path);
    return core::Error{core::ErrorCode::kInput, std::move(message), std::move(where)};
  }

  int LineOf(const std::string& purl) const {
    auto it = purl_lines.find(purl);
    return it == purl_lines.end() ? 0 : it->second;
  }

  // Optional string member; an error when present with another type.
  core::Result<std::string> OptString(const json& obj, const char* key,
                                      const std::string& path) const {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return std::string();
    if (!it->is_string()) {
      return tl::unexpected(Bad(fmt::format("\"{}\" is not a string", key), path + "/" + key));
    }
    return it->get<std::string>();
  }

  core::Result<void> Component(const json& c, const std::string& path);
  core::Result<void> Components(const json& list, const std::string& path);
};

// "debian-12" → (debian, 12); "3.20.3" in an apk purl → (alpine, 3.20.3);
// "opensuse-leap-15.5" → (opensuse-leap, 15.5).
std::pair<std::string, std::string> SplitDistro(std::string_view value, std::string_view ns) {
  if (value.empty()) return {};
  if (value.front() >= '0' && value.front() <= '9') {
    std::string id(ns);
    if (id == "redhat") id = "rhel";
    return {id, std::string(value)};
  }
  const std::size_t dash = value.rfind('-');
  if (dash == std::string_view::npos) return {std::string(value), ""};
  return {std::string(value.substr(0, dash)), std::string(value.substr(dash + 1))};
}

// Syft's `upstream` qualifier: "glibc", "glibc@2.36-9", or an rpm "openssl-3.0.7-27.el9.src.rpm".
std::pair<std::string, std::string> SplitUpstream(std::string_view value, std::string_view type) {
  if (const std::size_t at = value.find('@'); at != std::string_view::npos) {
    return {std::string(value.substr(0, at)), std::string(value.substr(at + 1))};
  }
  if (type == "rpm" && value.ends_with(".src.rpm")) {
    value.remove_suffix(8);
    const std::size_t rel = value.rfind('-');
    const std::size_t ver = rel == std::string_view::npos || rel == 0 ? std::string_view::npos
                                                                      : value.rfind('-', rel - 1);
    if (ver != std::string_view::npos && ver > 0) {
      return {std::string(value.substr(0, ver)), std::string(value.substr(ver + 1))};
    }
  }
  return {std::string(value), ""};
}

core::Result<void> Reader::Components(const json& list, const std::string& path) {
  if (!list.is_array()) return tl::unexpected(Bad("\"components\" is not an array", path));
  for (std::size_t i = 0; i < list.size(); ++i) {
    auto done = Component(list[i], fmt::format("{}/{}", path, i));
    if (!done) return done;
  }
  return {};
}

core::Result<void> Reader::Component(const json& c, const std::string& path) {
  if (!c.is_object()) return tl::unexpected(Bad("a component is not an object", path));
  ++out.components;
  const std::string type = DD_TRY(OptString(c, "type", path));
  const std::string name = DD_TRY(OptString(c, "name", path));
  const std::string version = DD_TRY(OptString(c, "version", path));
  const std::string purl_text = DD_TRY(OptString(c, "purl", path));
  std::vector<std::pair<std::string, std::string>> properties;
  if (auto it = c.find("properties"); it != c.end() && !it->is_null()) {
    if (!it->is_array()) return tl::unexpected(Bad("\"properties\" is not an array", path));
    for (std::size_t i = 0; i < it->size(); ++i) {
      const json& p = (*it)[i];
      const std::string ppath = fmt::format("{}/properties/{}", path, i);
      if (!p.is_object()) return tl::unexpected(Bad("a property is not an object", ppath));
      properties.emplace_back(DD_TRY(OptString(p, "name", ppath)),
                              DD_TRY(OptString(p, "value", ppath)));
    }
  }
  if (auto it = c.find("components"); it != c.end() && !it->is_null()) {
    auto nested = Components(*it, path + "/components");
    if (!nested) return nested;
  }
  if (!KnownComponentType(type)) {
    ++out.unknown_type;
    return {};
  }
  if (type == "operating-system") {
    if (os_id.empty() && !name.empty()) {
      os_id = name;
      std::transform(os_id.begin(), os_id.end(), os_id.begin(),
                     [](char ch) { return (ch >= 'A' && ch <= 'Z') ? char(ch + 32) : ch; });
      os_version = version;
      os_pretty = DD_TRY(OptString(c, "description", path));
    }
    return {};
  }
  if (purl_text.empty()) {
    ++out.without_purl;
    return {};
  }
  auto purl = packages::ParsePurl(purl_text);
  if (!purl || purl->name.empty() || purl->version.empty()) {  // nothing to compare
    ++out.without_purl;
    return {};
  }
  packages::Package pkg;
  if (purl->type == "deb") {
    pkg.ecosystem = packages::Ecosystem::kDpkg;
  } else if (purl->type == "apk") {
    pkg.ecosystem = packages::Ecosystem::kApk;
  } else if (purl->type == "rpm") {
    pkg.ecosystem = packages::Ecosystem::kRpm;
  } else if (purl->type == "pypi" || purl->type == "npm") {
    // Language packages: no distribution, no source package; the feeds key on the normalised
    // PyPI name and on the npm name with its scope ("@angular/core").
    packages::Package lang;
    lang.ecosystem = purl->type == "pypi" ? packages::Ecosystem::kPypi : packages::Ecosystem::kNpm;
    lang.name = purl->namespace_.empty() || purl->type == "pypi"
                    ? purl->name
                    : purl->namespace_ + "/" + purl->name;
    lang.version = purl->version;
    lang.source_name = purl->type == "pypi" ? packages::Pep503Name(lang.name) : lang.name;
    lang.source_version = lang.version;
    lang.origin = core::FileOrigin(file, LineOf(purl_text));
    lang.origin.path = path;
    out.inventory.packages.push_back(std::move(lang));
    return {};
  } else {
    ++out.other_ecosystem;
    return {};
  }
  pkg.name = purl->name;
  pkg.version = purl->version;
  if (const std::string_view epoch = purl->Qualifier("epoch");
      !epoch.empty() && !pkg.version.empty()) {
    pkg.version = fmt::format("{}:{}", epoch, pkg.version);
  }
  pkg.arch = std::string(purl->Qualifier("arch"));
  std::string trivy_name, trivy_version, trivy_release, trivy_epoch;
  for (const auto& [key, value] : properties) {
    if (key == kPropSourceName) pkg.source_name = value;
    if (key == kPropSourceVersion) pkg.source_version = value;
    if (key == "aquasecurity:trivy:SrcName") trivy_name = value;
    if (key == "aquasecurity:trivy:SrcVersion") trivy_version = value;
    if (key == "aquasecurity:trivy:SrcRelease") trivy_release = value;
    if (key == "aquasecurity:trivy:SrcEpoch") trivy_epoch = value;
  }
  if (pkg.source_name.empty() && !trivy_name.empty()) {
    pkg.source_name = trivy_name;
    if (!trivy_version.empty()) {
      pkg.source_version = trivy_version;
      if (!trivy_release.empty()) pkg.source_version += "-" + trivy_release;
      if (!trivy_epoch.empty() && trivy_epoch != "0") {
        pkg.source_version = trivy_epoch + ":" + pkg.source_version;
      }
    }
  }
  if (pkg.source_name.empty()) {
    if (const std::string_view upstream = purl->Qualifier("upstream"); !upstream.empty()) {
      std::tie(pkg.source_name, pkg.source_version) = SplitUpstream(upstream, purl->type);
    }
  }
  if (pkg.source_name.empty()) pkg.source_name = pkg.name;
  if (pkg.source_version.empty()) pkg.source_version = pkg.version;
  pkg.origin = core::FileOrigin(file, LineOf(purl_text));
  pkg.origin.path = path;
  if (distro_id.empty()) {
    std::tie(distro_id, distro_version) = SplitDistro(purl->Qualifier("distro"), purl->namespace_);
    if (distro_id.empty() && !purl->namespace_.empty()) {
      // No distro qualifier yet: remember the vendor, a later purl may name the release.
      out.inventory.os_id = purl->namespace_ == "redhat" ? "rhel" : purl->namespace_;
    }
  }
  out.inventory.packages.push_back(std::move(pkg));
  return {};
}

}  // namespace

core::Result<CycloneDxRead> ReadCycloneDx(std::string_view text, const std::string& file) {
  const json bom = DD_TRY(detail::ParseJsonText(text, file));
  Reader r{text, file, detail::StringValueLines(text, "purl"), {}, {}, {}, {}, {}, {}};
  if (!bom.is_object()) {
    return tl::unexpected(r.Bad("not a CycloneDX document (not an object)", ""));
  }
  auto format = bom.find("bomFormat");
  if (format == bom.end() || !format->is_string() || *format != "CycloneDX") {
    return tl::unexpected(
        r.Bad("not a CycloneDX document (bomFormat is not \"CycloneDX\")", "/bomFormat"));
  }
  auto spec = bom.find("specVersion");
  if (spec == bom.end() || !spec->is_string()) {
    return tl::unexpected(r.Bad("specVersion is missing or not a string", "/specVersion"));
  }
  r.out.spec_version = spec->get<std::string>();
  if (r.out.spec_version != "1.4" && r.out.spec_version != "1.5" && r.out.spec_version != "1.6") {
    return tl::unexpected(r.Bad(fmt::format("CycloneDX specVersion \"{}\" is not supported "
                                            "(1.4, 1.5 or 1.6)",
                                            r.out.spec_version.substr(0, 32)),
                                "/specVersion"));
  }
  if (auto meta = bom.find("metadata"); meta != bom.end() && !meta->is_null()) {
    if (!meta->is_object()) {
      return tl::unexpected(r.Bad("\"metadata\" is not an object", "/metadata"));
    }
    if (auto comp = meta->find("component"); comp != meta->end() && !comp->is_null()) {
      if (!comp->is_object()) {
        return tl::unexpected(r.Bad("\"component\" is not an object", "/metadata/component"));
      }
      r.out.subject = DD_TRY(r.OptString(*comp, "name", "/metadata/component"));
      // An SBOM of an OS (Trivy's "operating-system" metadata component) names its distribution.
      if (DD_TRY(r.OptString(*comp, "type", "/metadata/component")) == "operating-system") {
        r.os_id = DD_TRY(r.OptString(*comp, "name", "/metadata/component"));
        r.os_version = DD_TRY(r.OptString(*comp, "version", "/metadata/component"));
      }
    }
  }
  if (auto comps = bom.find("components"); comps != bom.end() && !comps->is_null()) {
    DD_TRY(r.Components(*comps, "/components"));
  }
  packages::Inventory& inv = r.out.inventory;
  if (!r.os_id.empty()) {
    inv.os_id = r.os_id;
    inv.os_version = r.os_version;
    inv.os_pretty_name = r.os_pretty;
  } else if (!r.distro_id.empty()) {
    inv.os_id = r.distro_id;
    inv.os_version = r.distro_version;
  }
  packages::OsRelease os;
  os.id = inv.os_id;
  os.version_id = inv.os_version;
  inv.os_release = os.Release();
  inv.databases = {file};
  // A language package may be installed at several versions (nested node_modules): its
  // version is part of the key; an OS package's is not.
  auto version_key = [](const packages::Package& p) -> std::string_view {
    return packages::IsLanguageEcosystem(p.ecosystem) ? std::string_view(p.version)
                                                      : std::string_view();
  };
  auto by_key = [&](const packages::Package& a, const packages::Package& b) {
    return std::tuple(a.ecosystem, std::string_view(a.name), std::string_view(a.arch),
                      version_key(a)) < std::tuple(b.ecosystem, std::string_view(b.name),
                                                   std::string_view(b.arch), version_key(b));
  };
  std::stable_sort(inv.packages.begin(), inv.packages.end(), by_key);
  inv.packages.erase(std::unique(inv.packages.begin(), inv.packages.end(),
                                 [&](const packages::Package& a, const packages::Package& b) {
                                   return a.ecosystem == b.ecosystem && a.name == b.name &&
                                          a.arch == b.arch && version_key(a) == version_key(b);
                                 }),
                     inv.packages.end());
  return std::move(r.out);
}

core::Result<CycloneDxRead> ReadCycloneDxFile(const std::string& path) {
  auto text = core::ReadBoundedFile(path, kMaxSbomBytes);
  if (!text) {
    core::Error e = text.error();
    e.where.file = path;
    return tl::unexpected(std::move(e));
  }
  return ReadCycloneDx(*text, path);
}

}  // namespace drydock::sbom
