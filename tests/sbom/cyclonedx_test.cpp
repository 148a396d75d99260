// SPDX-License-Identifier: Apache-2.0
// The CycloneDX writer on real images (the Debian test image, the Trivy Alpine 3.10 archive of
// the corpus): document shape, purls that round-trip, the reader getting the same packages back,
// and the official CycloneDX 1.5 JSON schema (strict) through @cyclonedx/cyclonedx-library.
#include "sbom/cyclonedx.h"

#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include <nlohmann/json.hpp>

#include "packages/purl.h"
#include "sbom_test_util.h"

namespace drydock::sbom {
namespace {

using json = nlohmann::json;
using testing::ImageUnderTest;

using testing::kFixed;

bool IsLowerHex(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

// "urn:uuid:" and an RFC 9562 UUID of version 1-5 (the 1.5 schema's pattern, plus the version).
bool IsUrnUuid(std::string_view s) {
  if (!s.starts_with("urn:uuid:") || s.size() != 9 + 36) return false;
  s.remove_prefix(9);
  for (std::size_t i : {8u, 13u, 18u, 23u}) {
    if (s[i] != '-') return false;
  }
  return IsLowerHex(std::string(s.substr(0, 8)) + std::string(s.substr(9, 4)) +
                    std::string(s.substr(14, 4)) + std::string(s.substr(19, 4)) +
                    std::string(s.substr(24))) &&
         s[14] >= '1' && s[14] <= '5';
}

// The checks both images share; `purl_type` and `distro` are what every package purl must carry.
void CheckDocument(const ImageUnderTest& image, const std::string& text, const char* purl_type,
                   const std::string& distro) {
  const json bom = json::parse(text);
  EXPECT_EQ(bom.at("bomFormat"), "CycloneDX");
  EXPECT_EQ(bom.at("specVersion"), "1.5");
  EXPECT_EQ(bom.at("version"), 1);
  EXPECT_TRUE(IsUrnUuid(bom.at("serialNumber").get<std::string>())) << bom.at("serialNumber");
  const json& meta = bom.at("metadata");
  EXPECT_EQ(meta.at("timestamp"), "2026-01-02T03:04:05Z");
  EXPECT_EQ(meta.at("tools").at("components").at(0).at("name"), "drydock");
  EXPECT_EQ(meta.at("tools").at("components").at(0).at("version"), "9.9.9");
  EXPECT_EQ(meta.at("component").at("type"), "container");
  EXPECT_EQ(meta.at("component").at("name"), image.subject.name);
  EXPECT_EQ(meta.at("component").at("version"), image.subject.digest);

  const packages::Inventory& inv = image.inventory;
  ASSERT_FALSE(inv.packages.empty());
  const json& components = bom.at("components");
  ASSERT_EQ(components.size(), inv.packages.size() + 1);  // + the operating system
  EXPECT_EQ(components.at(0).at("type"), "operating-system");
  EXPECT_EQ(components.at(0).at("name"), inv.os_id);
  EXPECT_EQ(components.at(0).at("version"), inv.os_version);

  std::set<std::string> refs;
  for (std::size_t i = 0; i < inv.packages.size(); ++i) {
    const packages::Package& p = inv.packages[i];
    const json& c = components.at(i + 1);
    SCOPED_TRACE(p.name);
    EXPECT_EQ(c.at("type"), "library");
    EXPECT_EQ(c.at("name"), p.name);
    EXPECT_EQ(c.at("version"), p.version);
    EXPECT_TRUE(refs.insert(c.at("bom-ref").get<std::string>()).second);
    // Every purl parses back to the package's fields.
    auto purl = packages::ParsePurl(c.at("purl").get<std::string>());
    ASSERT_TRUE(purl) << purl.error().ToString();
    EXPECT_EQ(*purl, packages::MakePurl(p, inv.os_id, inv.os_version));
    EXPECT_EQ(purl->type, purl_type);
    EXPECT_EQ(purl->name, p.name);
    EXPECT_EQ(purl->version, p.version);
    EXPECT_EQ(purl->Qualifier("arch"), p.arch);
    EXPECT_EQ(purl->Qualifier("distro"), distro);
    std::map<std::string, std::string> props;
    for (const json& prop : c.at("properties")) props[prop.at("name")] = prop.at("value");
    EXPECT_EQ(props[std::string(kPropSourceName)], p.source_name);
    EXPECT_EQ(props[std::string(kPropSourceVersion)], p.source_version);
  }
  // Dependencies name only components that exist.
  refs.insert("drydock:os");
  const json& deps = bom.at("dependencies");
  ASSERT_EQ(deps.size(), 1u);
  EXPECT_EQ(deps.at(0).at("ref"), meta.at("component").at("bom-ref"));
  EXPECT_EQ(deps.at(0).at("dependsOn").size(), refs.size());
  for (const json& ref : deps.at(0).at("dependsOn")) EXPECT_EQ(refs.count(ref), 1u) << ref;
}

using PackageKey = std::tuple<packages::Ecosystem, std::string, std::string, std::string,
                              std::string, std::string>;

std::set<PackageKey> Keys(const packages::Inventory& inv) {
  std::set<PackageKey> out;
  for (const auto& p : inv.packages) {
    out.emplace(p.ecosystem, p.name, p.version, p.arch, p.source_name, p.source_version);
  }
  return out;
}

void CheckReadBack(const ImageUnderTest& image, const std::string& text) {
  auto read = ReadCycloneDx(text, "bom.json");
  ASSERT_TRUE(read) << read.error().ToString();
  EXPECT_EQ(read->spec_version, "1.5");
  EXPECT_EQ(read->subject, image.subject.name);
  EXPECT_EQ(read->components, image.inventory.packages.size() + 1);
  EXPECT_EQ(read->without_purl + read->unknown_type + read->other_ecosystem, 0u);
  EXPECT_EQ(read->inventory.os_id, image.inventory.os_id);
  EXPECT_EQ(read->inventory.os_version, image.inventory.os_version);
  EXPECT_EQ(read->inventory.os_release, image.inventory.os_release);
  EXPECT_EQ(Keys(read->inventory), Keys(image.inventory));
  ASSERT_EQ(read->inventory.packages.size(), image.inventory.packages.size());
  for (const auto& p : read->inventory.packages) {
    EXPECT_EQ(p.origin.file, "bom.json");
    EXPECT_GT(p.origin.line, 1) << p.name;  // the line of its "purl"
  }
}

void CheckSchema(const std::string& text) {
  const std::string modules = testing::CycloneDxValidatorModules();
  if (modules.empty()) {
    GTEST_SKIP() << "CycloneDX validator not installed (node, or scripts/install-sbom-validator)";
  }
  std::string out;
  EXPECT_EQ(testing::ValidateCycloneDx(modules, text, out), 0) << out;
  // The validator is live: a document with a type the schema does not allow is refused.
  json broken = json::parse(text);
  broken["components"][1]["type"] = "not-a-type";
  EXPECT_EQ(testing::ValidateCycloneDx(modules, broken.dump(), out), 1) << out;
}

TEST(CycloneDxWriter, DebianTestImage) {
  LOAD_OR_SKIP(image, testing::DebianImage());
  EXPECT_EQ(image->inventory.os_id, "debian");
  const std::string text = WriteCycloneDx(image->subject, image->inventory, kFixed);
  CheckDocument(*image, text, "deb", "debian-" + image->inventory.os_version);
  // Deterministic: the same image gives the same text; another digest another serial number.
  EXPECT_EQ(WriteCycloneDx(image->subject, image->inventory, kFixed), text);
  Subject other = image->subject;
  other.digest = "sha256:" + std::string(64, '0');
  EXPECT_NE(json::parse(WriteCycloneDx(other, image->inventory, kFixed))["serialNumber"],
            json::parse(text)["serialNumber"]);
}

TEST(CycloneDxWriter, AlpineCorpusArchive) {
  LOAD_OR_SKIP(image, testing::AlpineImage());
  EXPECT_EQ(image->inventory.os_id, "alpine");
  EXPECT_EQ(image->inventory.packages.size(), 14u);
  const std::string text = WriteCycloneDx(image->subject, image->inventory, kFixed);
  // apk purls carry the bare VERSION_ID as distro (FORMATS.md §6).
  CheckDocument(*image, text, "apk", image->inventory.os_version);
  EXPECT_NE(text.find("\"pkg:apk/alpine/libcrypto1.1@1.1.1d-r2?arch=x86_64&distro=3.10.4\""),
            std::string::npos);
}

TEST(CycloneDxWriter, ReaderReadsBackTheDebianImage) {
  LOAD_OR_SKIP(image, testing::DebianImage());
  CheckReadBack(*image, WriteCycloneDx(image->subject, image->inventory, kFixed));
}

TEST(CycloneDxWriter, ReaderReadsBackTheAlpineArchive) {
  LOAD_OR_SKIP(image, testing::AlpineImage());
  CheckReadBack(*image, WriteCycloneDx(image->subject, image->inventory, kFixed));
}

TEST(CycloneDxWriter, SchemaValidDebian) {
  LOAD_OR_SKIP(image, testing::DebianImage());
  CheckSchema(WriteCycloneDx(image->subject, image->inventory));
}

TEST(CycloneDxWriter, SchemaValidAlpine) {
  LOAD_OR_SKIP(image, testing::AlpineImage());
  CheckSchema(WriteCycloneDx(image->subject, image->inventory));
}

// Without any real image: an inventory with characters purls must escape, an rpm epoch, and no
// OS; still schema-valid, and read back the same.
TEST(CycloneDxWriter, SyntheticInventory) {
  packages::Inventory inv;
  packages::Package a;
  a.ecosystem = packages::Ecosystem::kDpkg;
  a.name = "libstdc++6";
  a.version = "1:12.2.0-14+deb12u1";
  a.arch = "amd64";
  a.source_name = "gcc-12";
  a.source_version = "12.2.0-14+deb12u1";
  packages::Package b;
  b.ecosystem = packages::Ecosystem::kRpm;
  b.name = "openssl-libs";
  b.version = "1:3.0.7-27.el9";
  b.arch = "x86_64";
  b.source_name = "openssl";
  b.source_version = "3.0.7-27.el9";
  inv.packages = {a, b};
  Subject subject{
      .name = "weird \"name\"", .digest = "sha256:" + std::string(64, 'a'), .config_digest = ""};
  const std::string text = WriteCycloneDx(subject, inv, kFixed);
  const json bom = json::parse(text);
  EXPECT_EQ(bom["components"].size(), 2u);  // no OS component without an os id
  EXPECT_EQ(bom["components"][0]["purl"],
            "pkg:deb/debian/libstdc%2B%2B6@1:12.2.0-14%2Bdeb12u1?arch=amd64");
  EXPECT_EQ(bom["components"][1]["purl"], "pkg:rpm/openssl-libs@3.0.7-27.el9?arch=x86_64&epoch=1");
  auto read = ReadCycloneDx(text, "x.json");
  ASSERT_TRUE(read) << read.error().ToString();
  EXPECT_EQ(Keys(read->inventory), Keys(inv));
  const std::string modules = testing::CycloneDxValidatorModules();
  if (modules.empty()) GTEST_SKIP() << "CycloneDX validator not installed";
  std::string out;
  EXPECT_EQ(testing::ValidateCycloneDx(modules, text, out), 0) << out;
}

TEST(Sbom, NameUuidIsVersion5AndStable) {
  const std::string a = NameUuid("drydock:sbom:x");
  EXPECT_EQ(a, NameUuid("drydock:sbom:x"));
  EXPECT_NE(a, NameUuid("drydock:sbom:y"));
  EXPECT_TRUE(IsUrnUuid("urn:uuid:" + a)) << a;
  EXPECT_EQ(a[14], '5');
  EXPECT_TRUE(a[19] == '8' || a[19] == '9' || a[19] == 'a' || a[19] == 'b') << a;
  // The same as Python's uuid.uuid5(uuid.NAMESPACE_URL, "drydock:sbom:x").
  EXPECT_EQ(a, "78501394-5a04-535d-a496-930c9788f881");
}

TEST(Sbom, TimestampFollowsSourceDateEpoch) {
  setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
  EXPECT_EQ(CurrentTimestamp(), "2023-11-14T22:13:20Z");
  setenv("SOURCE_DATE_EPOCH", "not a number", 1);
  const std::string now = CurrentTimestamp();
  unsetenv("SOURCE_DATE_EPOCH");
  ASSERT_EQ(now.size(), 20u);
  EXPECT_EQ(now[4], '-');
  EXPECT_EQ(now[10], 'T');
  EXPECT_EQ(now.back(), 'Z');
  EXPECT_EQ(Resolve({}).tool_version, DRYDOCK_VERSION);
}

}  // namespace
}  // namespace drydock::sbom
