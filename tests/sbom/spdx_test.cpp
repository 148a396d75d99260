// SPDX-License-Identifier: Apache-2.0
// The SPDX 2.3 JSON writer on the real images. No SPDX 2.3 JSON schema ships in an npm package
// this project can install, so the document is checked here against the schema's requirements
// by hand: required document fields, SPDXID syntax and uniqueness, per-package required fields,
// purl external references that round-trip, and relationships that name existing elements.
#include "sbom/spdx.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "packages/purl.h"
#include "sbom_test_util.h"

namespace drydock::sbom {
namespace {

using json = nlohmann::json;

using testing::kFixed;

bool IsIdString(std::string_view s) {
  return !s.empty() &&
         s.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-") ==
             std::string_view::npos;
}

void CheckSpdx(const testing::ImageUnderTest& image, const std::string& text) {
  const json doc = json::parse(text);
  EXPECT_EQ(doc.at("spdxVersion"), "SPDX-2.3");
  EXPECT_EQ(doc.at("dataLicense"), "CC0-1.0");
  EXPECT_EQ(doc.at("SPDXID"), "SPDXRef-DOCUMENT");
  EXPECT_EQ(doc.at("name"), image.subject.name);
  const std::string ns = doc.at("documentNamespace");
  EXPECT_TRUE(ns.starts_with("https://spdx.org/spdxdocs/drydock-")) << ns;
  EXPECT_EQ(ns.find('#'), std::string::npos);
  EXPECT_EQ(ns.find(' '), std::string::npos);
  EXPECT_EQ(doc.at("creationInfo").at("created"), "2026-01-02T03:04:05Z");
  EXPECT_EQ(doc.at("creationInfo").at("creators"), json::array({"Tool: drydock-9.9.9"}));

  const packages::Inventory& inv = image.inventory;
  const json& pkgs = doc.at("packages");
  ASSERT_EQ(pkgs.size(), inv.packages.size() + 2);  // + the image and the operating system
  std::set<std::string> ids{"SPDXRef-DOCUMENT"};
  std::map<std::string, const json*> by_purl;
  for (const json& p : pkgs) {
    const std::string id = p.at("SPDXID");
    SCOPED_TRACE(id);
    ASSERT_TRUE(id.starts_with("SPDXRef-"));
    EXPECT_TRUE(IsIdString(id.substr(8)));
    EXPECT_TRUE(ids.insert(id).second) << "duplicate SPDXID";
    EXPECT_FALSE(p.at("name").get<std::string>().empty());
    EXPECT_EQ(p.at("downloadLocation"), "NOASSERTION");
    EXPECT_EQ(p.at("filesAnalyzed"), false);
    if (p.contains("externalRefs")) {
      ASSERT_EQ(p.at("externalRefs").size(), 1u);
      const json& ref = p.at("externalRefs").at(0);
      EXPECT_EQ(ref.at("referenceCategory"), "PACKAGE-MANAGER");
      EXPECT_EQ(ref.at("referenceType"), "purl");
      by_purl[ref.at("referenceLocator")] = &p;
    }
  }
  EXPECT_EQ(pkgs.at(0).at("primaryPackagePurpose"), "CONTAINER");
  EXPECT_EQ(pkgs.at(0).at("versionInfo"), image.subject.digest);
  EXPECT_EQ(pkgs.at(1).at("primaryPackagePurpose"), "OPERATING-SYSTEM");
  EXPECT_EQ(pkgs.at(1).at("name"), inv.os_id);
  // Every package is there once, by its purl, which round-trips.
  ASSERT_EQ(by_purl.size(), inv.packages.size());
  for (const packages::Package& p : inv.packages) {
    const packages::Purl purl = packages::MakePurl(p, inv.os_id, inv.os_version);
    auto it = by_purl.find(purl.ToString());
    ASSERT_NE(it, by_purl.end()) << purl.ToString();
    EXPECT_EQ(it->second->at("name"), p.name);
    EXPECT_EQ(it->second->at("versionInfo"), p.version);
    auto back = packages::ParsePurl(purl.ToString());
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, purl);
  }
  // DOCUMENT DESCRIBES the image; the image CONTAINS every other package; all ids exist.
  const json& rels = doc.at("relationships");
  ASSERT_EQ(rels.size(), pkgs.size());
  const std::string image_id = pkgs.at(0).at("SPDXID");
  EXPECT_EQ(rels.at(0), (json{{"spdxElementId", "SPDXRef-DOCUMENT"},
                              {"relationshipType", "DESCRIBES"},
                              {"relatedSpdxElement", image_id}}));
  std::set<std::string> contained;
  for (std::size_t i = 1; i < rels.size(); ++i) {
    EXPECT_EQ(rels.at(i).at("spdxElementId"), image_id);
    EXPECT_EQ(rels.at(i).at("relationshipType"), "CONTAINS");
    contained.insert(rels.at(i).at("relatedSpdxElement").get<std::string>());
  }
  EXPECT_EQ(contained.size(), pkgs.size() - 1);
  for (const auto& id : contained) EXPECT_EQ(ids.count(id), 1u) << id;
}

TEST(SpdxWriter, DebianTestImage) {
  LOAD_OR_SKIP(image, testing::DebianImage());
  const std::string text = WriteSpdx(image->subject, image->inventory, kFixed);
  CheckSpdx(*image, text);
  EXPECT_EQ(WriteSpdx(image->subject, image->inventory, kFixed), text);  // deterministic
  // The source package is kept (sourceInfo).
  EXPECT_NE(text.find("\"built package from: "), std::string::npos);
}

TEST(SpdxWriter, AlpineCorpusArchive) {
  LOAD_OR_SKIP(image, testing::AlpineImage());
  const std::string text = WriteSpdx(image->subject, image->inventory, kFixed);
  CheckSpdx(*image, text);
  EXPECT_NE(text.find("\"built package from: openssl 1.1.1d-r2\""), std::string::npos);
}

TEST(SpdxWriter, IdsAreSanitisedAndUnique) {
  EXPECT_EQ(SpdxIdString("libstdc++6_x86:64/ü"), "libstdc--6-x86-64---");
  EXPECT_EQ(SpdxIdString("a.b-C9"), "a.b-C9");
  packages::Inventory inv;
  packages::Package a;
  a.name = "lib+a";
  a.version = "1";
  a.source_name = "a";
  a.source_version = "1";
  packages::Package b = a;
  b.name = "lib_a";  // sanitises to the same id as lib+a
  inv.packages = {a, b};
  testing::ImageUnderTest image;
  image.subject = {.name = "x", .digest = "", .config_digest = ""};
  image.inventory = inv;
  const json doc = json::parse(WriteSpdx(image.subject, inv, kFixed));
  ASSERT_EQ(doc["packages"].size(), 3u);  // the image and the two packages, no OS
  EXPECT_EQ(doc["packages"][1]["SPDXID"], "SPDXRef-Package-dpkg-lib-a-noarch");
  EXPECT_EQ(doc["packages"][2]["SPDXID"], "SPDXRef-Package-dpkg-lib-a-noarch-2");
  EXPECT_FALSE(doc["packages"][0].contains("versionInfo"));  // no digest: no version
}

}  // namespace
}  // namespace drydock::sbom
