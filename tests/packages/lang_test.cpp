// SPDX-License-Identifier: Apache-2.0
// Language packages: which paths are Python metadata / npm manifests, parsing real-world METADATA
// and PKG-INFO headers and package.json files (and their defects), PEP 503 names, purls and their
// round trip, and the inventory of a sketch image read by the real reader.
#include "packages/lang.h"
#include "audit/image.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "packages/inventory.h"
#include "packages/purl.h"
#include "sources/image/reader.h"
#include "sources/image/sketch.h"

namespace drydock::packages {
namespace {

TEST(LangFiles, ClassifiesOnlyPackageRoots) {
  const std::vector<std::pair<std::string, LangFile>> cases = {
      {"usr/lib/python3.11/site-packages/requests-2.31.0.dist-info/METADATA",
       LangFile::kPythonMetadata},
      {"usr/lib/python3/dist-packages/six-1.16.0.dist-info/METADATA", LangFile::kPythonMetadata},
      {"opt/venv/lib/python3.12/site-packages/PyYAML-6.0.1.egg-info/PKG-INFO",
       LangFile::kPythonMetadata},
      {"usr/lib/python3/dist-packages/chardet-4.0.0.egg-info", LangFile::kPythonMetadata},
      {"app/node_modules/lodash/package.json", LangFile::kNpmManifest},
      {"app/node_modules/@angular/core/package.json", LangFile::kNpmManifest},
      {"app/node_modules/a/node_modules/b/package.json", LangFile::kNpmManifest},
      {"usr/lib/node_modules/npm/node_modules/@npmcli/arborist/package.json",
       LangFile::kNpmManifest},
      // Not package roots / not metadata.
      {"app/node_modules/lodash/lib/package.json", LangFile::kNone},
      {"app/node_modules/@angular/core/schematics/package.json", LangFile::kNone},
      {"app/node_modules/@angular/package.json", LangFile::kNone},
      {"app/node_modules/.bin/package.json", LangFile::kNone},
      {"app/package.json", LangFile::kNone},
      {"node_modules/package.json", LangFile::kNone},
      {"usr/lib/python3.11/site-packages/requests-2.31.0.dist-info/RECORD", LangFile::kNone},
      {"usr/lib/python3.11/site-packages/requests/METADATA", LangFile::kNone},
      {"src/pkg.dist-info/METADATA", LangFile::kNone},
      {"usr/lib/python3.11/site-packages/.dist-info/METADATA", LangFile::kNone},
      {"usr/lib/python3.11/site-packages/x.egg-info/SOURCES.txt", LangFile::kNone},
      {"METADATA", LangFile::kNone},
      {"", LangFile::kNone},
  };
  for (const auto& [path, want] : cases) {
    EXPECT_EQ(ClassifyLangFile(path), want) << path;
  }
}

TEST(LangFiles, Pep503) {
  EXPECT_EQ(Pep503Name("Django"), "django");
  EXPECT_EQ(Pep503Name("zope.interface"), "zope-interface");
  EXPECT_EQ(Pep503Name("Foo__Bar-._baz"), "foo-bar-baz");
  EXPECT_EQ(Pep503Name("ruamel.yaml.clib"), "ruamel-yaml-clib");
}

// Headers as setuptools / hatchling write them: a folded License, Unicode in Author, a
// Description-Content-Type, then the long description after the blank line (which has its own
// "Name:"-looking line that must not be read).
constexpr std::string_view kMetadata =
    "Metadata-Version: 2.1\r\n"
    "Name: Flask_SQLAlchemy\r\n"
    "Version: 2.5.1\r\n"
    "Summary: Adds SQLAlchemy support to your Flask application.\r\n"
    "Author: Armin Ronacher, Jörg Müller 日本\r\n"
    "License: BSD-3-Clause\r\n"
    "        Copyright 2010 Pallets\r\n"
    "        All rights reserved.\r\n"
    "Requires-Dist: Flask (>=0.10)\r\n"
    "Description-Content-Type: text/x-rst\r\n"
    "\r\n"
    "Name: not-this\r\n"
    "Version: 9.9.9\r\n";

TEST(PythonMetadata, RealWorldHeaders) {
  auto p = ParsePythonMetadata(kMetadata, "site-packages/x.dist-info/METADATA");
  ASSERT_TRUE(p.has_value()) << p.error().ToString();
  EXPECT_EQ(p->ecosystem, Ecosystem::kPypi);
  EXPECT_EQ(p->name, "Flask_SQLAlchemy");
  EXPECT_EQ(p->source_name, "flask-sqlalchemy");
  EXPECT_EQ(p->version, "2.5.1");
  EXPECT_EQ(p->source_version, "2.5.1");
  EXPECT_EQ(p->origin.file, "site-packages/x.dist-info/METADATA");
  EXPECT_EQ(p->origin.line, 2);
}

TEST(PythonMetadata, BomCaseAndFoldedVersion) {
  auto p = ParsePythonMetadata(
      "\xEF\xBB\xBFmetadata-version: 1.0\nname: pycrypto\nversion:\n"
      "  2.6.1\nsummary: x\n",
      "PKG-INFO");
  ASSERT_TRUE(p.has_value()) << p.error().ToString();
  EXPECT_EQ(p->name, "pycrypto");
  EXPECT_EQ(p->version, "2.6.1");
}

TEST(PythonMetadata, MissingFieldsAreClearErrors) {
  auto no_version = ParsePythonMetadata(
      "Metadata-Version: 2.1\nName: six\nSummary: s\n\n"
      "Version: 1.0\n",
      "a/six.dist-info/METADATA");
  ASSERT_FALSE(no_version.has_value());
  EXPECT_NE(no_version.error().message.find("a/six.dist-info/METADATA"), std::string::npos);
  EXPECT_NE(no_version.error().message.find("no Version"), std::string::npos);
  EXPECT_EQ(no_version.error().where.line, 2);
  auto no_name = ParsePythonMetadata("Version: 1.0\n", "m");
  ASSERT_FALSE(no_name.has_value());
  EXPECT_NE(no_name.error().message.find("no Name"), std::string::npos);
  EXPECT_FALSE(ParsePythonMetadata("", "m").has_value());
  EXPECT_FALSE(ParsePythonMetadata(std::string(100000, '\0'), "m").has_value());
}

TEST(NpmManifest, ScopedBomAndRoots) {
  auto scoped = ParseNpmManifest(
      "\xEF\xBB\xBF{\"name\": \"@angular/core\", \"version\": \"16.2.0\", "
      "\"dependencies\": {\"tslib\": \"^2.3.0\"}, \"description\": \"Ångström\"}",
      "app/node_modules/@angular/core/package.json");
  ASSERT_TRUE(scoped.has_value()) << scoped.error().ToString();
  ASSERT_TRUE(scoped->has_value());
  EXPECT_EQ((*scoped)->ecosystem, Ecosystem::kNpm);
  EXPECT_EQ((*scoped)->name, "@angular/core");
  EXPECT_EQ((*scoped)->source_name, "@angular/core");
  EXPECT_EQ((*scoped)->version, "16.2.0");
  EXPECT_EQ((*scoped)->origin.file, "app/node_modules/@angular/core/package.json");
  // A private workspace root without a version: no package, no error.
  auto root = ParseNpmManifest(R"({"name": "monorepo", "private": true, "workspaces": ["a"]})",
                               "app/node_modules/monorepo/package.json");
  ASSERT_TRUE(root.has_value());
  EXPECT_FALSE(root->has_value());
}

TEST(NpmManifest, DefectsAreClearErrors) {
  for (std::string_view bad :
       {R"({"name": "x", "version": )", "", "[1, 2]", "\"x\"", R"({"name": 3, "version": "1.0.0"})",
        R"({"name": "x", "version": ["1"]})"}) {
    auto r = ParseNpmManifest(bad, "node_modules/x/package.json");
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_NE(r.error().message.find("node_modules/x/package.json"), std::string::npos)
        << r.error().message;
  }
  // Deep nesting is no crash.
  std::string deep(100000, '[');
  EXPECT_FALSE(ParseNpmManifest(deep, "p").has_value());
}

Package Lang(Ecosystem ecosystem, std::string name, std::string version) {
  Package p;
  p.ecosystem = ecosystem;
  p.name = std::move(name);
  p.version = std::move(version);
  p.source_name = p.name;
  p.source_version = p.version;
  return p;
}

TEST(LangPurl, MakeAndRoundTrip) {
  const Purl django =
      MakePurl(Lang(Ecosystem::kPypi, "Django_Rest.framework", "3.14.0"), "debian", "12");
  EXPECT_EQ(django.ToString(), "pkg:pypi/django-rest-framework@3.14.0");
  const Purl angular = MakePurl(Lang(Ecosystem::kNpm, "@angular/core", "1.0.0"), "alpine", "");
  EXPECT_EQ(angular.ToString(), "pkg:npm/%40angular/core@1.0.0");
  const Purl lodash = MakePurl(Lang(Ecosystem::kNpm, "lodash", "4.17.21+build.1"), "", "");
  EXPECT_EQ(lodash.ToString(), "pkg:npm/lodash@4.17.21%2Bbuild.1");
  for (const Purl& p : {django, angular, lodash}) {
    auto back = ParsePurl(p.ToString());
    ASSERT_TRUE(back.has_value()) << back.error().ToString();
    EXPECT_EQ(*back, p) << p.ToString();
    EXPECT_EQ(back->ToString(), p.ToString());
  }
  auto parsed = ParsePurl("pkg:npm/%40angular/core@1.0.0");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->type, "npm");
  EXPECT_EQ(parsed->namespace_, "@angular");
  EXPECT_EQ(parsed->name, "core");
  EXPECT_EQ(parsed->version, "1.0.0");
}

// The real reader on a sketch image with no OS: Python and npm packages come out of
// ReadInventory after the OS ones, sorted, a second version of a name kept, defects as notices.
TEST(LangInventory, FromASketchImage) {
  auto archive = sources::image::WriteSketchArchive(
      "os alpine 3.19.1\n"
      "file /lib/apk/db/installed = P:musl\\nV:1.2.4-r2\\nA:x86_64\\no:musl\\n\\n\n"
      "file /usr/lib/python3.11/site-packages/requests-2.19.1.dist-info/METADATA = "
      "Metadata-Version: 2.1\\nName: requests\\nVersion: 2.19.1\\n\\nlong text\\n\n"
      "file /usr/lib/python3.11/site-packages/broken-1.0.dist-info/METADATA = "
      "Metadata-Version: 2.1\\nName: broken\\n\n"
      "file /app/node_modules/@angular/core/package.json = "
      "{\"name\": \"@angular/core\", \"version\": \"11.0.0\"}\n"
      "file /app/node_modules/lodash/package.json = {\"name\": \"lodash\", \"version\": "
      "\"4.17.21\"}\n"
      "file /app/node_modules/a/node_modules/lodash/package.json = {\"name\": \"lodash\", "
      "\"version\": \"3.10.1\"}\n"
      "file /app/node_modules/lodash/lib/package.json = {\"name\": \"inner\", \"version\": "
      "\"1.0.0\"}\n"
      "file /app/node_modules/bad/package.json = {not json\n");
  ASSERT_TRUE(archive.has_value()) << archive.error().ToString();
  auto spec = sources::image::ReadImageArchive(*archive, "sketch.tar", audit::ScannedReadOptions());
  ASSERT_TRUE(spec.has_value()) << spec.error().ToString();
  const Inventory inv = ReadInventory(*spec);
  std::vector<std::string> got;
  for (const Package& p : inv.packages) {
    got.push_back(std::string(EcosystemName(p.ecosystem)) + " " + p.name + " " + p.version + " " +
                  p.origin.file);
  }
  EXPECT_EQ(got, (std::vector<std::string>{
                     "apk musl 1.2.4-r2 lib/apk/db/installed",
                     "pypi requests 2.19.1 "
                     "usr/lib/python3.11/site-packages/requests-2.19.1.dist-info/METADATA",
                     "npm @angular/core 11.0.0 app/node_modules/@angular/core/package.json",
                     "npm lodash 3.10.1 app/node_modules/a/node_modules/lodash/package.json",
                     "npm lodash 4.17.21 app/node_modules/lodash/package.json",
                 }));
  std::string notices;
  for (const auto& n : inv.notices) notices += n.message + "\n";
  EXPECT_NE(notices.find("broken-1.0.dist-info/METADATA: Python package metadata for \"broken\" "
                         "has no Version"),
            std::string::npos)
      << notices;
  EXPECT_NE(notices.find("app/node_modules/bad/package.json: package.json is not valid JSON"),
            std::string::npos)
      << notices;
}

}  // namespace
}  // namespace drydock::packages
