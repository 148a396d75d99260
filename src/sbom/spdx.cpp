// SPDX-License-Identifier: Apache-2.0
#include "sbom/spdx.h"

#include <fmt/format.h>

#include <set>
#include <utility>

#include <nlohmann/json.hpp>

#include "packages/purl.h"

namespace drydock::sbom {
namespace {

using ojson = nlohmann::ordered_json;

// A fresh SPDXID "SPDXRef-<prefix>-<sanitised name>", unique within the document.
std::string UniqueId(std::set<std::string>& used, std::string_view prefix, std::string_view name) {
  const std::string base = fmt::format("SPDXRef-{}-{}", prefix, SpdxIdString(name));
  std::string id = base;
  for (int n = 2; !used.insert(id).second; ++n) id = fmt::format("{}-{}", base, n);
  return id;
}

ojson Package(std::string id, const std::string& name, const std::string& version,
              const char* purpose) {
  ojson p{{"SPDXID", std::move(id)}, {"name", name.empty() ? "unknown" : name}};
  if (!version.empty()) p["versionInfo"] = version;
  p["downloadLocation"] = "NOASSERTION";
  p["filesAnalyzed"] = false;
  p["primaryPackagePurpose"] = purpose;
  return p;
}

}  // namespace

std::string SpdxIdString(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '-';
    if (!ok) c = '-';
  }
  return out;
}

std::string WriteSpdx(const Subject& subject, const packages::Inventory& inventory,
                      const WriteOptions& options) {
  const WriteOptions o = Resolve(options);
  const std::string key = subject.digest.empty() ? subject.name : subject.digest;
  const std::string name = subject.name.empty() ? "image" : subject.name;
  ojson doc;
  doc["spdxVersion"] = "SPDX-2.3";
  doc["dataLicense"] = "CC0-1.0";
  doc["SPDXID"] = "SPDXRef-DOCUMENT";
  doc["name"] = name;
  doc["documentNamespace"] =
      fmt::format("https://spdx.org/spdxdocs/drydock-{}-{}", SpdxIdString(name).substr(0, 100),
                  NameUuid("drydock:sbom:spdx:" + o.tool_version + ":" + key));
  doc["creationInfo"] = ojson{{"created", o.timestamp},
                              {"creators", ojson::array({"Tool: drydock-" + o.tool_version})}};

  std::set<std::string> used{"SPDXRef-DOCUMENT"};
  ojson packages = ojson::array();
  ojson relationships = ojson::array();
  const std::string image_id = UniqueId(used, "Image", name);
  {
    ojson image = Package(image_id, name, subject.digest, "CONTAINER");
    const std::string_view digest = subject.digest;
    if (digest.starts_with("sha256:") && digest.size() == 7 + 64) {
      image["checksums"] = ojson::array(
          {ojson{{"algorithm", "SHA256"}, {"checksumValue", std::string(digest.substr(7))}}});
    }
    packages.push_back(std::move(image));
  }
  relationships.push_back(ojson{{"spdxElementId", "SPDXRef-DOCUMENT"},
                                {"relationshipType", "DESCRIBES"},
                                {"relatedSpdxElement", image_id}});
  auto contains = [&](const std::string& id) {
    relationships.push_back(ojson{
        {"spdxElementId", image_id}, {"relationshipType", "CONTAINS"}, {"relatedSpdxElement", id}});
  };
  if (!inventory.os_id.empty()) {
    const std::string id = UniqueId(used, "OperatingSystem", inventory.os_id);
    packages.push_back(Package(id, inventory.os_id, inventory.os_version, "OPERATING-SYSTEM"));
    contains(id);
  }
  for (const packages::Package& p : inventory.packages) {
    const std::string id = UniqueId(used, "Package",
                                    fmt::format("{}-{}-{}", packages::EcosystemName(p.ecosystem),
                                                p.name, p.arch.empty() ? "noarch" : p.arch));
    ojson pkg = Package(id, p.name, p.version, "LIBRARY");
    if (!p.source_name.empty()) {
      pkg["sourceInfo"] = fmt::format("built package from: {} {}", p.source_name, p.source_version);
    }
    pkg["externalRefs"] = ojson::array(
        {ojson{{"referenceCategory", "PACKAGE-MANAGER"},
               {"referenceType", "purl"},
               {"referenceLocator",
                packages::MakePurl(p, inventory.os_id, inventory.os_version).ToString()}}});
    packages.push_back(std::move(pkg));
    contains(id);
  }
  doc["packages"] = std::move(packages);
  doc["relationships"] = std::move(relationships);
  return doc.dump(2) + "\n";
}

}  // namespace drydock::sbom
