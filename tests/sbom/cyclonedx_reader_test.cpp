// SPDX-License-Identifier: Apache-2.0
// The CycloneDX reader on documents other tools write (Trivy's and Syft's ways of naming the
// source package and the distribution), on what it skips, and on hostile input: not JSON, too
// deep, not CycloneDX, wrong types, too large, and every truncation of a valid document.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "sbom/cyclonedx.h"
#include "support/files.h"

namespace drydock::sbom {
namespace {

core::Result<CycloneDxRead> Read(const std::string& text) {
  return ReadCycloneDx(text, "bom.json");
}

std::string Bom(const std::string& components, const std::string& spec = "1.5") {
  return "{\n  \"bomFormat\": \"CycloneDX\",\n  \"specVersion\": \"" + spec +
         "\",\n  \"components\": " + components + "\n}\n";
}

const packages::Package* Find(const packages::Inventory& inv, std::string_view name) {
  for (const auto& p : inv.packages) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

// Trivy's CycloneDX for an Alpine image: an operating-system component, apk purls with a bare
// distro, the source package in aquasecurity:trivy properties.
TEST(CycloneDxReader, TrivyStyleAlpine) {
  auto r = Read(Bom(R"([
    {"bom-ref": "os", "type": "operating-system", "name": "alpine", "version": "3.11.5"},
    {"bom-ref": "a", "type": "library", "name": "libssl1.1", "version": "1.1.1d-r2",
     "purl": "pkg:apk/alpine/libssl1.1@1.1.1d-r2?arch=x86_64&distro=3.11.5",
     "properties": [
       {"name": "aquasecurity:trivy:SrcName", "value": "openssl"},
       {"name": "aquasecurity:trivy:SrcVersion", "value": "1.1.1d-r2"}]}
  ])",
                    "1.4"));
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->inventory.os_id, "alpine");
  EXPECT_EQ(r->inventory.os_version, "3.11.5");
  EXPECT_EQ(r->inventory.os_release, "3.11");
  ASSERT_EQ(r->inventory.packages.size(), 1u);
  const packages::Package& p = r->inventory.packages[0];
  EXPECT_EQ(p.ecosystem, packages::Ecosystem::kApk);
  EXPECT_EQ(p.version, "1.1.1d-r2");
  EXPECT_EQ(p.arch, "x86_64");
  EXPECT_EQ(p.source_name, "openssl");
  EXPECT_EQ(p.source_version, "1.1.1d-r2");
  EXPECT_EQ(p.origin.file, "bom.json");
  EXPECT_EQ(p.origin.line, 7);  // the line of its "purl"
  EXPECT_EQ(p.origin.path, "/components/1");
}

// Syft: the distro qualifier names the distribution, `upstream` the source package; Trivy's
// Debian source version comes in parts (SrcEpoch, SrcVersion, SrcRelease).
TEST(CycloneDxReader, DistroAndSourceFromPurlsAndProperties) {
  auto r = Read(Bom(R"([
    {"type": "library", "name": "libc6", "version": "2.36-9+deb12u4",
     "purl": "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12&upstream=glibc"},
    {"type": "library", "name": "libgcc-s1",
     "purl": "pkg:deb/debian/libgcc-s1@12.2.0-14?arch=amd64&distro=debian-12&)"
                    R"(upstream=gcc-12%4012.2.0-14"},
    {"type": "library", "name": "bsdutils",
     "purl": "pkg:deb/debian/bsdutils@1:2.38.1-5%2Bb1?arch=amd64&distro=debian-12",
     "properties": [
       {"name": "aquasecurity:trivy:SrcName", "value": "util-linux"},
       {"name": "aquasecurity:trivy:SrcEpoch", "value": "1"},
       {"name": "aquasecurity:trivy:SrcVersion", "value": "2.38.1"},
       {"name": "aquasecurity:trivy:SrcRelease", "value": "5"}]},
    {"type": "library", "name": "openssl-libs",
     "purl": "pkg:rpm/redhat/openssl-libs@3.0.7-27.el9?arch=x86_64&epoch=1&)"
                    R"(upstream=openssl-3.0.7-27.el9.src.rpm"}
  ])"));
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->inventory.os_id, "debian");
  EXPECT_EQ(r->inventory.os_version, "12");
  EXPECT_EQ(r->inventory.os_release, "12");
  const packages::Package* libc = Find(r->inventory, "libc6");
  ASSERT_NE(libc, nullptr);
  EXPECT_EQ(libc->version, "2.36-9+deb12u4");
  EXPECT_EQ(libc->source_name, "glibc");
  EXPECT_EQ(libc->source_version, "2.36-9+deb12u4");  // no upstream version: the binary's
  const packages::Package* gcc = Find(r->inventory, "libgcc-s1");
  ASSERT_NE(gcc, nullptr);
  EXPECT_EQ(gcc->source_name, "gcc-12");
  EXPECT_EQ(gcc->source_version, "12.2.0-14");
  const packages::Package* bsd = Find(r->inventory, "bsdutils");
  ASSERT_NE(bsd, nullptr);
  EXPECT_EQ(bsd->version, "1:2.38.1-5+b1");
  EXPECT_EQ(bsd->source_name, "util-linux");
  EXPECT_EQ(bsd->source_version, "1:2.38.1-5");
  const packages::Package* ssl = Find(r->inventory, "openssl-libs");
  ASSERT_NE(ssl, nullptr);
  EXPECT_EQ(ssl->ecosystem, packages::Ecosystem::kRpm);
  EXPECT_EQ(ssl->version, "1:3.0.7-27.el9");
  EXPECT_EQ(ssl->source_name, "openssl");
  EXPECT_EQ(ssl->source_version, "3.0.7-27.el9");
}

TEST(CycloneDxReader, DistroQualifierForms) {
  auto alpine = Read(Bom(R"([{"type": "library", "name": "musl",
      "purl": "pkg:apk/alpine/musl@1.2.5-r0?distro=alpine-3.20"}])"));
  ASSERT_TRUE(alpine) << alpine.error().ToString();
  EXPECT_EQ(alpine->inventory.os_id, "alpine");
  EXPECT_EQ(alpine->inventory.os_release, "3.20");
  auto bare = Read(Bom(R"([{"type": "library", "name": "musl",
      "purl": "pkg:apk/alpine/musl@1.2.5-r0?distro=3.20.3"}])"));
  ASSERT_TRUE(bare) << bare.error().ToString();
  EXPECT_EQ(bare->inventory.os_id, "alpine");
  EXPECT_EQ(bare->inventory.os_version, "3.20.3");
  EXPECT_EQ(bare->inventory.os_release, "3.20");
  // No distro anywhere: the vendor is known, the release is not.
  auto none = Read(Bom(R"([{"type": "library", "name": "musl",
      "purl": "pkg:apk/alpine/musl@1.2.5-r0"}])"));
  ASSERT_TRUE(none) << none.error().ToString();
  EXPECT_EQ(none->inventory.os_id, "alpine");
  EXPECT_EQ(none->inventory.os_release, "");
}

// Nested components are read; others are counted, not read.
TEST(CycloneDxReader, NestedAndSkippedComponents) {
  auto r = Read(Bom(R"([
    {"type": "application", "name": "app", "components": [
      {"type": "library", "name": "zlib", "purl": "pkg:apk/alpine/zlib@1.3.1-r0?distro=3.20.3"},
      {"type": "library", "name": "left-pad", "purl": "pkg:npm/left-pad@1.3.0"},
      {"type": "library", "name": "serde", "purl": "pkg:cargo/serde@1.0.0"}]},
    {"type": "library", "name": "nopurl", "version": "1"},
    {"type": "library", "name": "badpurl", "purl": "not a purl"},
    {"type": "library", "name": "noversion", "purl": "pkg:apk/alpine/noversion"},
    {"type": "weird-thing", "name": "w", "purl": "pkg:apk/alpine/w@1"},
    {"type": "library", "name": "zlib", "purl": "pkg:apk/alpine/zlib@1.3.1-r0?distro=3.20.3"}
  ])",
                    "1.6"));
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->components, 9u);
  EXPECT_EQ(r->without_purl, 4u);  // app (its children are still read), nopurl, badpurl, noversion
  EXPECT_EQ(r->unknown_type, 1u);
  EXPECT_EQ(r->other_ecosystem, 1u);            // cargo; npm is read
  ASSERT_EQ(r->inventory.packages.size(), 2u);  // zlib listed twice is kept once
  EXPECT_EQ(r->inventory.packages[0].name, "zlib");
  EXPECT_EQ(r->inventory.packages[0].origin.path, "/components/0/components/0");
  EXPECT_EQ(r->inventory.packages[1].name, "left-pad");
  EXPECT_EQ(r->inventory.packages[1].ecosystem, packages::Ecosystem::kNpm);
  EXPECT_EQ(r->inventory.packages[1].version, "1.3.0");
}

TEST(CycloneDxReader, EmptyDocumentsAreFine) {
  auto r = Read(R"({"bomFormat": "CycloneDX", "specVersion": "1.5"})");
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_TRUE(r->inventory.packages.empty());
  EXPECT_EQ(r->inventory.os_id, "");
}

struct Bad {
  const char* name;
  std::string text;
  const char* message;  // part of the error
  int line;             // expected error line (0 = none)
  const char* path;     // expected error path ("" = none)
};

TEST(CycloneDxReader, HostileDocuments) {
  const Bad cases[] = {
      {"empty", "", "invalid JSON", 1, ""},
      {"not json", "{\n  \"bomFormat\": \"CycloneDX\",\n  oops\n}", "invalid JSON", 3, ""},
      {"truncated", "{\"bomFormat\": \"CycloneDX\", \"components\": [", "invalid JSON", 1, ""},
      {"array", "[1, 2]", "not an object", 0, ""},
      {"spdx", R"({"spdxVersion": "SPDX-2.3"})", "bomFormat", 0, "/bomFormat"},
      {"format type", R"({"bomFormat": 5, "specVersion": "1.5"})", "bomFormat", 0, "/bomFormat"},
      {"old spec", Bom("[]", "1.2"), "specVersion \"1.2\" is not supported", 0, "/specVersion"},
      {"spec number", R"({"bomFormat": "CycloneDX", "specVersion": 1.5})", "specVersion", 0,
       "/specVersion"},
      {"components object", Bom("{}"), "\"components\" is not an array", 0, "/components"},
      {"component string", Bom("[\"x\"]"), "not an object", 0, "/components/0"},
      {"type number", Bom(R"([{"type": 3, "name": "x"}])"), "\"type\" is not a string", 0,
       "/components/0/type"},
      {"purl number", Bom(R"([{"type": "library", "name": "x", "purl": 7}])"),
       "\"purl\" is not a string", 0, "/components/0/purl"},
      {"properties object", Bom(R"([{"type": "library", "name": "x", "properties": {}}])"),
       "\"properties\" is not an array", 0, "/components/0"},
      {"property value", Bom(R"([{"type": "library", "name": "x", "properties": [{"name": "a",
       "value": []}]}])"),
       "\"value\" is not a string", 0, "/components/0/properties/0/value"},
      {"nested components", Bom(R"([{"type": "library", "name": "x", "components": 1}])"),
       "not an array", 0, "/components/0/components"},
      {"metadata", R"({"bomFormat": "CycloneDX", "specVersion": "1.5", "metadata": 1})",
       "\"metadata\" is not an object", 0, "/metadata"},
      {"deep", std::string(100, '[') + std::string(100, ']'), "nested too deeply", 1, ""},
      {"deep in string is fine but then bad", "{\"a\": \"" + std::string(100, '[') + "\"}",
       "bomFormat", 0, "/bomFormat"},
  };
  for (const Bad& c : cases) {
    SCOPED_TRACE(c.name);
    auto r = Read(c.text);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, core::ErrorCode::kInput);
    EXPECT_NE(r.error().message.find(c.message), std::string::npos) << r.error().ToString();
    EXPECT_EQ(r.error().where.file, "bom.json");
    EXPECT_EQ(r.error().where.line, c.line) << r.error().ToString();
    EXPECT_EQ(r.error().where.path, c.path) << r.error().ToString();
  }
}

TEST(CycloneDxReader, SyntaxErrorColumn) {
  auto r = Read("{\"bomFormat\": \"CycloneDX\",\n   \"specVersion\": ]}");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where.line, 2);
  EXPECT_EQ(r.error().where.column, 19);
  EXPECT_NE(r.error().ToString().find("bom.json:2:19"), std::string::npos) << r.error().ToString();
}

// Every prefix of a valid document is either read or refused; nothing crashes (ASan run in CI).
TEST(CycloneDxReader, EveryTruncationIsHandled) {
  const std::string text = Bom(R"([
    {"type": "operating-system", "name": "alpine", "version": "3.11.5"},
    {"type": "library", "name": "libssl1.1", "version": "1.1.1d-r2",
     "purl": "pkg:apk/alpine/libssl1.1@1.1.1d-r2?arch=x86_64&distro=3.11.5",
     "properties": [{"name": "aquasecurity:trivy:SrcName", "value": "openssl"}],
     "components": [{"type": "library", "name": "x", "purl": "pkg:deb/debian/x@1"}]}
  ])");
  ASSERT_TRUE(Read(text));
  int refused = 0;
  for (std::size_t n = 0; n < text.size(); ++n) {
    if (!Read(text.substr(0, n))) ++refused;
  }
  EXPECT_GE(refused, static_cast<int>(text.size()) - 2);  // only whitespace can be cut off
}

TEST(CycloneDxReader, FilesAreBounded) {
  drydock::testing::TempDir dir;
  const std::filesystem::path big = dir.path() / "big.cdx.json";
  { std::ofstream(big) << "{}"; }
  std::filesystem::resize_file(big, kMaxSbomBytes + 1);  // sparse: nothing is written
  auto r = ReadCycloneDxFile(big.string());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where.file, big.string());
  auto missing = ReadCycloneDxFile((dir.path() / "none.json").string());
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, core::ErrorCode::kInput);
  dir.Write("ok.json", Bom("[]"));
  auto ok = ReadCycloneDxFile((dir.path() / "ok.json").string());
  ASSERT_TRUE(ok) << ok.error().ToString();
  EXPECT_EQ(ok->inventory.databases, std::vector<std::string>{(dir.path() / "ok.json").string()});
}

}  // namespace
}  // namespace drydock::sbom
