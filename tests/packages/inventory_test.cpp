// SPDX-License-Identifier: Apache-2.0
// ReadInventory on real images (the Debian test image, Trivy's Alpine 3.10/3.11
// docker-save archives) read through the image reader, and on hand-built
// ImageSpecs (rpm SQLite, Berkeley DB notice, distroless status.d, a broken
// status file).
#include "packages/inventory.h"
#include "audit/image.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "packages/purl.h"
#include "sources/image/reader.h"

#include "test_util.h"

namespace drydock::packages {
namespace {

using testing::CorpusDir;
using testing::ReadFile;

const Package* Find(const Inventory& inv, std::string_view name) {
  for (const Package& p : inv.packages) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

// Counts stanzas of a dpkg status text with "Status: install ok installed",
// independently of the parser (line scan).
std::size_t CountInstalled(std::string_view text) {
  std::size_t count = 0, pos = 0;
  while ((pos = text.find("\nStatus: install ok installed\n", pos)) != std::string_view::npos) {
    ++count;
    ++pos;
  }
  if (text.starts_with("Status: install ok installed\n")) ++count;
  return count;
}

TEST(Inventory, DebianTestImage) {
  const std::filesystem::path oci = std::filesystem::path(DRYDOCK_TEST_IMAGES) / "debian/oci";
  if (!std::filesystem::exists(oci)) GTEST_SKIP() << "test image not built: " << oci;
  auto spec = sources::image::ReadImage(oci, audit::ScannedReadOptions());
  ASSERT_TRUE(spec) << spec.error().ToString();
  const model::KeptFile* status = spec->Kept("var/lib/dpkg/status");
  ASSERT_NE(status, nullptr);
  Inventory inv = ReadInventory(*spec);
  EXPECT_EQ(inv.os_id, "debian");
  EXPECT_EQ(inv.os_version, "12");
  EXPECT_EQ(inv.os_release, "12");
  EXPECT_EQ(inv.os_codename, "bookworm");
  EXPECT_FALSE(inv.distroless);  // has bash and apt
  EXPECT_EQ(inv.databases, std::vector<std::string>{"var/lib/dpkg/status"});
  EXPECT_TRUE(inv.notices.empty()) << inv.notices.front().message;
  EXPECT_GT(inv.packages.size(), 80u);
  EXPECT_EQ(inv.packages.size(), CountInstalled(status->content));

  const Package* base = Find(inv, "base-files");
  ASSERT_NE(base, nullptr);
  EXPECT_TRUE(base->version.starts_with("12.4+deb12u")) << base->version;
  EXPECT_EQ(base->arch, "amd64");
  const Package* dpkg = Find(inv, "dpkg");
  ASSERT_NE(dpkg, nullptr);
  EXPECT_TRUE(dpkg->version.starts_with("1.21.")) << dpkg->version;
  const Package* libc = Find(inv, "libc6");
  ASSERT_NE(libc, nullptr);
  EXPECT_EQ(libc->source_name, "glibc");
  EXPECT_EQ(libc->source_version, libc->version);
  EXPECT_TRUE(libc->version.starts_with("2.36-9+deb12u")) << libc->version;
  EXPECT_EQ(libc->origin.file, "var/lib/dpkg/status");
  EXPECT_GT(libc->origin.line, 0);
  const Package* bz = Find(inv, "libbz2-1.0");
  ASSERT_NE(bz, nullptr);
  EXPECT_EQ(bz->source_name, "bzip2");
  EXPECT_EQ(bz->source_version, "1.0.8-5");
  const Package* cap = Find(inv, "libcap2");
  ASSERT_NE(cap, nullptr);
  EXPECT_TRUE(cap->version.starts_with("1:2.66-4")) << cap->version;

  // Each package's stanza starts at its origin line with "Package: <name>".
  for (const Package& p : inv.packages) {
    std::size_t pos = 0;
    for (int line = 1; line < p.origin.line && pos != std::string::npos; ++line) {
      pos = status->content.find('\n', pos);
      if (pos != std::string::npos) ++pos;
    }
    ASSERT_NE(pos, std::string::npos);
    EXPECT_EQ(status->content.substr(pos, 9 + p.name.size() + 1), "Package: " + p.name + "\n");
  }

  // Every package's purl parses back to the same purl and fields.
  for (const Package& p : inv.packages) {
    const Purl purl = MakePurl(p, inv.os_id, inv.os_version);
    const std::string text = purl.ToString();
    EXPECT_TRUE(text.starts_with("pkg:deb/debian/")) << text;
    if (p.name.find('+') == std::string::npos) {
      EXPECT_TRUE(text.starts_with("pkg:deb/debian/" + p.name + "@")) << text;
    }
    EXPECT_TRUE(text.ends_with("distro=debian-12")) << text;
    auto back = ParsePurl(text);
    ASSERT_TRUE(back) << text;
    EXPECT_EQ(*back, purl) << text;
    EXPECT_EQ(back->name, p.name);
    EXPECT_EQ(back->version, p.version);
    EXPECT_EQ(back->Qualifier("arch"), p.arch);
    EXPECT_EQ(back->ToString(), text);
  }
  const Package* stdcxx = Find(inv, "libstdc++6");
  ASSERT_NE(stdcxx, nullptr);
  EXPECT_TRUE(MakePurl(*stdcxx, inv.os_id, inv.os_version)
                  .ToString()
                  .starts_with("pkg:deb/debian/libstdc%2B%2B6@12.2.0-14%2Bdeb12u"));
  EXPECT_TRUE(MakePurl(*cap, inv.os_id, inv.os_version)
                  .ToString()
                  .starts_with("pkg:deb/debian/libcap2@1:2.66-4%2Bdeb12u"));
}

struct AlpineCase {
  const char* file;
  const char* version_id;
  const char* release;
  const char* musl;
  const char* busybox;
  const char* libcrypto;
};

TEST(Inventory, TrivyAlpineArchives) {
  const std::filesystem::path dir =
      CorpusDir() / "images/aquasecurity__trivy/pkg/fanal/test/testdata";
  if (!std::filesystem::is_directory(dir)) GTEST_SKIP() << "corpus absent: " << dir;
  // Read by hand from each archive's lib/apk/db/installed.
  const AlpineCase cases[] = {
      {"alpine-310.tar.gz", "3.10.4", "3.10", "1.1.22-r3", "1.30.1-r3", "1.1.1d-r2"},
      {"alpine-311.tar.gz", "3.11.5", "3.11", "1.1.24-r2", "1.31.1-r9", "1.1.1d-r3"},
  };
  for (const AlpineCase& c : cases) {
    SCOPED_TRACE(c.file);
    auto spec = sources::image::ReadImage(dir / c.file, audit::ScannedReadOptions());
    ASSERT_TRUE(spec) << spec.error().ToString();
    Inventory inv = ReadInventory(*spec);
    EXPECT_EQ(inv.os_id, "alpine");
    EXPECT_EQ(inv.os_version, c.version_id);
    EXPECT_EQ(inv.os_release, c.release);
    EXPECT_FALSE(inv.distroless);
    EXPECT_EQ(inv.databases, std::vector<std::string>{"lib/apk/db/installed"});
    EXPECT_EQ(inv.packages.size(), 14u);
    const Package* musl = Find(inv, "musl");
    ASSERT_NE(musl, nullptr);
    EXPECT_EQ(musl->ecosystem, Ecosystem::kApk);
    EXPECT_EQ(musl->version, c.musl);
    EXPECT_EQ(musl->source_name, "musl");
    EXPECT_EQ(musl->origin.line,
              1);  // the first stanza (C: line 1, P:musl line 2)
    const Package* busybox = Find(inv, "busybox");
    ASSERT_NE(busybox, nullptr);
    EXPECT_EQ(busybox->version, c.busybox);
    const Package* crypto = Find(inv, "libcrypto1.1");
    ASSERT_NE(crypto, nullptr);
    EXPECT_EQ(crypto->version, c.libcrypto);
    EXPECT_EQ(crypto->source_name, "openssl");
    EXPECT_EQ(crypto->arch, "x86_64");
    EXPECT_EQ(MakePurl(*musl, inv.os_id, inv.os_version).ToString(),
              std::string("pkg:apk/alpine/musl@") + c.musl + "?arch=x86_64&distro=" + c.version_id);
    for (const Package& p : inv.packages) {
      auto back = ParsePurl(MakePurl(p, inv.os_id, inv.os_version).ToString());
      ASSERT_TRUE(back);
      EXPECT_EQ(*back, MakePurl(p, inv.os_id, inv.os_version));
    }
  }
}

model::OsRelease Os(std::string id, std::string version_id, std::string pretty_name) {
  model::OsRelease os;
  os.id = std::move(id);
  os.version_id = std::move(version_id);
  os.pretty_name = std::move(pretty_name);
  return os;
}

void AddFile(model::ImageSpec& spec, std::string path,
             model::FileType type = model::FileType::kFile) {
  model::FsEntry e;
  e.path = std::move(path);
  e.type = type;
  e.layer = 0;
  spec.files.entries.push_back(std::move(e));
  std::sort(spec.files.entries.begin(), spec.files.entries.end(),
            [](const model::FsEntry& a, const model::FsEntry& b) { return a.path < b.path; });
}

void AddKept(model::ImageSpec& spec, std::string path, std::string content) {
  AddFile(spec, path);
  spec.kept.push_back({std::move(path), 0, std::move(content)});
  std::sort(spec.kept.begin(), spec.kept.end(),
            [](const model::KeptFile& a, const model::KeptFile& b) { return a.path < b.path; });
}

std::string RpmHeaderBlob(const std::vector<std::pair<std::uint32_t, std::string>>& strings) {
  std::string index, data;
  auto be32 = [](std::string& out, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xff);
  };
  for (const auto& [tag, value] : strings) {
    be32(index, tag);
    be32(index, 6);
    be32(index, static_cast<std::uint32_t>(data.size()));
    be32(index, 1);
    data += value;
    data += '\0';
  }
  std::string out;
  be32(out, static_cast<std::uint32_t>(strings.size()));
  be32(out, static_cast<std::uint32_t>(data.size()));
  return out + index + data;
}

TEST(Inventory, RpmSqliteInAHandBuiltSpec) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(":memory:", &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE Packages (hnum INTEGER PRIMARY KEY, blob BLOB)", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "INSERT INTO Packages (blob) VALUES (?)", -1, &stmt, nullptr),
            SQLITE_OK);
  const std::string blob = RpmHeaderBlob({{1000, "rocky-release"},
                                          {1001, "9.3"},
                                          {1002, "1.2.el9"},
                                          {1022, "noarch"},
                                          {1044, "rocky-release-9.3-1.2.el9.src.rpm"}});
  sqlite3_bind_blob(stmt, 1, blob.data(), static_cast<int>(blob.size()), SQLITE_TRANSIENT);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_DONE);
  sqlite3_finalize(stmt);
  sqlite3_int64 size = 0;
  unsigned char* bytes = sqlite3_serialize(db, "main", &size, 0);
  ASSERT_NE(bytes, nullptr);
  std::string content(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(size));
  sqlite3_free(bytes);
  sqlite3_close(db);

  model::ImageSpec spec;
  spec.reference = "rocky.tar";
  spec.os = Os("rocky", "9.3", "Rocky Linux 9.3 (Blue Onyx)");
  spec.os->id_like = {"rhel", "centos", "fedora"};
  AddFile(spec, "usr/bin/bash");
  AddKept(spec, "usr/lib/sysimage/rpm/rpmdb.sqlite", content);
  AddFile(spec,
          "var/lib/rpm/Packages");  // ignored: the SQLite database was read
  Inventory inv = ReadInventory(spec);
  EXPECT_EQ(inv.os_release, "9");
  EXPECT_TRUE(inv.notices.empty());
  ASSERT_EQ(inv.packages.size(), 1u);
  const Package& p = inv.packages[0];
  EXPECT_EQ(p.name, "rocky-release");
  EXPECT_EQ(p.version, "9.3-1.2.el9");
  EXPECT_EQ(p.source_name, "rocky-release");
  EXPECT_EQ(MakePurl(p, inv.os_id, inv.os_version).ToString(),
            "pkg:rpm/rocky/rocky-release@9.3-1.2.el9?arch=noarch&distro=rocky-9.3");
}

TEST(Inventory, BerkeleyAndNdbAreNotices) {
  model::ImageSpec spec;
  spec.os = Os("centos", "7", "CentOS Linux 7 (Core)");
  AddFile(spec, "var/lib/rpm/Packages");
  AddFile(spec, "usr/lib/sysimage/rpm/Packages.db");
  Inventory inv = ReadInventory(spec);
  EXPECT_TRUE(inv.packages.empty());
  ASSERT_EQ(inv.notices.size(), 2u);
  EXPECT_NE(inv.notices[0].message.find("Berkeley DB"), std::string::npos);
  EXPECT_NE(inv.notices[0].message.find("not scanned"), std::string::npos);
  EXPECT_EQ(inv.notices[0].where.path, "/var/lib/rpm/Packages");
  EXPECT_NE(inv.notices[1].message.find("NDB"), std::string::npos);
}

TEST(Inventory, DistrolessStatusDAndBrokenStatus) {
  model::ImageSpec spec;
  spec.os = Os("debian", "12", "Debian GNU/Linux 12 (bookworm)");
  AddKept(spec, "var/lib/dpkg/status.d/base",
          "Package: base-files\nVersion: 12.4+deb12u5\nArchitecture: amd64\n");
  AddKept(spec, "var/lib/dpkg/status.d/base.md5sums", "d41d8cd98f00b204e9800998ecf8427e  x\n");
  AddKept(spec, "var/lib/dpkg/status.d/tzdata",
          "Package: tzdata\nVersion: 2024a-0+deb12u1\nArchitecture: all\n");
  Inventory inv = ReadInventory(spec);
  EXPECT_TRUE(inv.distroless);
  ASSERT_EQ(inv.packages.size(), 2u);
  EXPECT_EQ(inv.packages[0].name, "base-files");
  EXPECT_EQ(inv.packages[0].origin.file, "var/lib/dpkg/status.d/base");
  EXPECT_EQ(inv.databases.size(), 2u);  // the md5sums file is not a database

  // A shell makes it a plain Debian image; a broken status file is a notice
  // with its line.
  AddFile(spec, "usr/bin/sh", model::FileType::kSymlink);
  AddKept(spec, "var/lib/dpkg/status", "Package: x\nStatus: install ok installed\ngarbage\n");
  Inventory plain = ReadInventory(spec);
  EXPECT_FALSE(plain.distroless);
  EXPECT_EQ(plain.packages.size(), 2u);
  ASSERT_EQ(plain.notices.size(), 1u);
  EXPECT_EQ(plain.notices[0].where.line, 3);
  EXPECT_NE(plain.notices[0].message.find("var/lib/dpkg/status"), std::string::npos);

  // PRETTY_NAME "Distroless" wins even with a shell (the :debug images ship
  // busybox).
  spec.os->pretty_name = "Distroless";
  EXPECT_TRUE(ReadInventory(spec).distroless);
}

}  // namespace
}  // namespace drydock::packages
