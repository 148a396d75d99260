// SPDX-License-Identifier: Apache-2.0
// Image-side rule checks over hand-built ImageSpecs: what the examples cannot express (counts,
// messages, locations, masked values) and the distroless / busybox / EOL cases of the brief.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "model/image_spec.h"
#include "rules/catalog.h"
#include "rules/detail/eol.h"
#include "rules/detail/inventory.h"

namespace drydock::rules {
namespace {

using model::FileType;
using model::ImageSpec;

constexpr std::string_view kLayer0 =
    "sha256:aaaa000000000000000000000000000000000000000000000000000000000000";
constexpr std::string_view kLayer1 =
    "sha256:bbbb111111111111111111111111111111111111111111111111111111111111";

// A spec builder: two layers, entries added in any order and sorted on Build().
class SpecBuilder {
 public:
  SpecBuilder() {
    spec_.reference = "app.tar";
    spec_.layers.push_back({std::string(kLayer0), "", "", 0});
    spec_.layers.push_back({std::string(kLayer1), "", "", 0});
  }
  SpecBuilder& File(std::string path, std::uint32_t mode = 0755, int layer = 0) {
    model::FsEntry e;
    e.path = std::move(path);
    e.mode = mode;
    e.layer = layer;
    spec_.files.entries.push_back(std::move(e));
    return *this;
  }
  SpecBuilder& Dir(std::string path, std::uint32_t mode = 0755) {
    File(std::move(path), mode);
    spec_.files.entries.back().type = FileType::kDir;
    return *this;
  }
  SpecBuilder& Symlink(std::string path, std::string target) {
    File(std::move(path), 0777);
    spec_.files.entries.back().type = FileType::kSymlink;
    spec_.files.entries.back().link_target = std::move(target);
    return *this;
  }
  SpecBuilder& Hardlink(std::string path, std::string target) {
    File(std::move(path), 0755);
    spec_.files.entries.back().type = FileType::kHardlink;
    spec_.files.entries.back().link_target = std::move(target);
    return *this;
  }
  SpecBuilder& Os(std::string id, std::string version_id, std::string name = "") {
    model::OsRelease os;
    os.id = std::move(id);
    os.version_id = std::move(version_id);
    os.name = std::move(name);
    os.source_path = "etc/os-release";
    spec_.os = os;
    File("etc/os-release", 0644);
    return *this;
  }
  SpecBuilder& Kept(std::string path, std::string content) {
    File(path, 0644);
    spec_.kept.push_back({std::move(path), 0, std::move(content)});
    return *this;
  }
  ImageSpec& spec() { return spec_; }
  ImageSpec Build() {
    auto& v = spec_.files.entries;
    std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
    v.erase(std::unique(v.begin(), v.end(),
                        [](const auto& a, const auto& b) { return a.path == b.path; }),
            v.end());
    std::sort(spec_.kept.begin(), spec_.kept.end(),
              [](const auto& a, const auto& b) { return a.path < b.path; });
    return spec_;
  }

 private:
  ImageSpec spec_;
};

core::Findings RunImage(std::string_view id, const ImageSpec& spec,
                        const core::RuleSettings& settings = {}) {
  const rules::Rule* rule = Catalog().FindById(id);
  EXPECT_NE(rule, nullptr) << id;
  if (rule == nullptr) return {};
  EXPECT_TRUE(static_cast<bool>(rule->image)) << id << " has no image check";
  EXPECT_NE(rule->info.reads & core::kReadsImage, 0) << id;
  core::Findings out;
  RunImageRule(*rule, spec, settings, out);
  return out;
}

bool Has(const core::Finding& f, std::string_view what) {
  return f.message.find(what) != std::string::npos;
}

// A gcr.io/distroless/static-like filesystem: os-release says debian, no shell, no apt.
ImageSpec Distroless() {
  return SpecBuilder()
      .Os("debian", "12")
      .Kept("etc/passwd",
            "root:x:0:0:root:/root:/sbin/nologin\n"
            "nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n")
      .Dir("etc/ssl/certs")
      .File("etc/ssl/certs/ca-certificates.crt", 0644)
      .File("usr/share/doc/base-files/copyright", 0644)
      .File("var/lib/dpkg/status.d/base-files", 0644)
      .File("app", 0755)
      .Build();
}

// A Debian userland, usrmerge style (bin -> usr/bin).
ImageSpec DebianFull(std::string version = "12") {
  return SpecBuilder()
      .Os("debian", std::move(version))
      .Symlink("bin", "usr/bin")
      .Symlink("sbin", "usr/sbin")
      .File("usr/bin/dash")
      .Symlink("usr/bin/sh", "dash")
      .File("usr/bin/bash")
      .File("usr/bin/apt-get")
      .File("usr/bin/apt")
      .File("usr/bin/dpkg")
      .File("usr/bin/curl")
      .File("usr/bin/vim.basic")
      .Symlink("usr/bin/vim", "/etc/alternatives/vim")
      .Symlink("etc/alternatives/vim", "/usr/bin/vim.basic")
      .File("usr/bin/su", 04755)
      .Build();
}

TEST(ImageRules, DistrolessIsSilentForBaseRules) {
  const ImageSpec spec = Distroless();
  for (std::string_view id : {"DD101", "DD102", "DD103", "DD104", "DD901", "DD505", "DD506"}) {
    EXPECT_TRUE(RunImage(id, spec).empty()) << id;
  }
}

TEST(ImageRules, FullDebianFires) {
  const ImageSpec spec = DebianFull();
  auto full = RunImage("DD101", spec);
  ASSERT_EQ(full.size(), 1u);
  EXPECT_EQ(full[0].location.path, "/etc/os-release");
  EXPECT_EQ(full[0].location.layer, kLayer0);
  auto shells = RunImage("DD103", spec);
  ASSERT_EQ(shells.size(), 1u);
  EXPECT_TRUE(Has(shells[0], "`bash`")) << shells[0].message;
  EXPECT_TRUE(Has(shells[0], "`sh`")) << shells[0].message;
  auto managers = RunImage("DD104", spec);
  ASSERT_EQ(managers.size(), 1u);
  EXPECT_TRUE(Has(managers[0], "`apt-get`") && Has(managers[0], "`dpkg`"));
  auto tools = RunImage("DD102", spec);
  ASSERT_EQ(tools.size(), 1u);
  EXPECT_TRUE(Has(tools[0], "`curl`") && Has(tools[0], "`vim`")) << tools[0].message;
  EXPECT_EQ(tools[0].location.path, "/usr/bin/curl");
}

TEST(ImageRules, FullDistributionNeedsShellAndPackageManager) {
  auto spec = SpecBuilder().Os("ubuntu", "24.04").File("usr/bin/dash").Build();
  EXPECT_TRUE(RunImage("DD101", spec).empty()) << "shell but no package manager";
  auto alpine = SpecBuilder().Os("alpine", "3.20.3").File("bin/busybox").File("sbin/apk").Build();
  EXPECT_TRUE(RunImage("DD101", alpine).empty());
  EXPECT_EQ(RunImage("DD104", alpine).size(), 1u);
}

TEST(ImageRules, BusyboxAppletsMakeOneShellFinding) {
  SpecBuilder b;
  b.File("bin/busybox");
  for (std::string applet : {"sh", "ash", "ls", "cat", "wget", "nc", "vi", "sed"}) {
    b.Symlink("bin/" + applet, "/bin/busybox");
  }
  for (std::string applet : {"awk", "telnet", "unzip"})
    b.Symlink("usr/bin/" + applet, "../../bin/busybox");
  const ImageSpec spec = b.Build();
  auto shells = RunImage("DD103", spec);
  ASSERT_EQ(shells.size(), 1u);
  EXPECT_TRUE(Has(shells[0], "`busybox`")) << shells[0].message;
  EXPECT_FALSE(Has(shells[0], "`sh`")) << shells[0].message;
  EXPECT_TRUE(RunImage("DD102", spec).empty()) << "applets are not attack tools one by one";
}

TEST(ImageRules, BusyboxHardLinkedAppletsCollapse) {
  // `docker save` of the busybox image: the first applet is the file, the rest hard links.
  const ImageSpec spec = SpecBuilder()
                             .File("bin/[")
                             .Hardlink("bin/busybox", "bin/[")
                             .Hardlink("bin/sh", "bin/[")
                             .Hardlink("bin/wget", "bin/[")
                             .Build();
  auto shells = RunImage("DD103", spec);
  ASSERT_EQ(shells.size(), 1u);
  EXPECT_TRUE(Has(shells[0], "`busybox`"));
  EXPECT_FALSE(Has(shells[0], "`sh`"));
  EXPECT_TRUE(RunImage("DD102", spec).empty());
}

TEST(ImageRules, DanglingLinksAreNotTools) {
  const ImageSpec spec = SpecBuilder().Symlink("bin/sh", "/bin/bash").Build();
  EXPECT_TRUE(RunImage("DD103", spec).empty());
  const ImageSpec loop =
      SpecBuilder().Symlink("bin/sh", "/usr/bin/sh").Symlink("usr/bin/sh", "/bin/sh").Build();
  EXPECT_TRUE(RunImage("DD103", loop).empty());
}

TEST(ImageRules, Toolchains) {
  const ImageSpec spec = SpecBuilder()
                             .File("usr/bin/gcc-12")
                             .Symlink("usr/bin/gcc", "gcc-12")
                             .File("usr/bin/make")
                             .File("usr/local/go/bin/go")
                             .File("usr/bin/gzip")
                             .Build();
  auto f = RunImage("DD901", spec);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Has(f[0], "`gcc`") && Has(f[0], "`make`") && Has(f[0], "`go`")) << f[0].message;
  EXPECT_FALSE(Has(f[0], "gzip"));
}

core::RuleSettings Today(std::string_view date) {
  core::RuleSettings s;
  s.today = core::ParseDate(date);
  return s;
}

TEST(ImageRules, EolOs) {
  const auto today = Today("2026-11-30");
  auto debian9 = RunImage("DD105", SpecBuilder().Os("debian", "9").Build(), today);
  ASSERT_EQ(debian9.size(), 1u);
  EXPECT_TRUE(Has(debian9[0], "2022-06-30")) << debian9[0].message;
  EXPECT_EQ(debian9[0].severity, core::Severity::kHigh);
  EXPECT_TRUE(RunImage("DD105", SpecBuilder().Os("debian", "13").Build(), today).empty());
  EXPECT_TRUE(RunImage("DD105", SpecBuilder().Os("debian", "12").Build(), today).empty());
  EXPECT_EQ(RunImage("DD105", SpecBuilder().Os("debian", "11").Build(), today).size(), 1u)
      << "Debian 11 LTS ended 2026-08-31";
  EXPECT_EQ(RunImage("DD105", SpecBuilder().Os("alpine", "3.10.4").Build(), today).size(), 1u);
  EXPECT_TRUE(RunImage("DD105", SpecBuilder().Os("alpine", "3.22.1").Build(), today).empty());
  EXPECT_TRUE(RunImage("DD105", SpecBuilder().Os("plan9", "4").Build(), today).empty());
  EXPECT_TRUE(RunImage("DD105", SpecBuilder().Os("debian", "").Build(), today).empty()) << "sid";
  EXPECT_TRUE(RunImage("DD105", SpecBuilder().Os("debian", "9").Build(), Today("")).empty());
  EXPECT_TRUE(
      RunImage("DD105", SpecBuilder().Os("debian", "9").Build(), Today("tomorrow")).empty());
  EXPECT_TRUE(RunImage("DD105", SpecBuilder().Build(), today).empty()) << "no os-release";
  // The day of the end of support is still supported.
  EXPECT_TRUE(
      RunImage("DD105", SpecBuilder().Os("debian", "9").Build(), Today("2022-06-30")).empty());
  EXPECT_EQ(RunImage("DD105", SpecBuilder().Os("debian", "9").Build(), Today("2022-07-01")).size(),
            1u);
}

TEST(ImageRules, EolTableMatching) {
  model::OsRelease os;
  os.id = "alpine";
  os.version_id = "3.10.4";
  ASSERT_NE(detail::FindEol(os), nullptr);
  EXPECT_EQ(detail::FindEol(os)->version, "3.10");
  os.version_id = "3.1.4";
  ASSERT_NE(detail::FindEol(os), nullptr);
  EXPECT_EQ(detail::FindEol(os)->version, "3.1");
  os.id = "centos";
  os.version_id = "8";
  os.name = "CentOS Stream";
  EXPECT_EQ(detail::FindEol(os)->eol, "2024-05-31");
  os.name = "CentOS Linux";
  EXPECT_EQ(detail::FindEol(os)->eol, "2021-12-31");
  os.id = "amzn";
  os.version_id = "2023";
  EXPECT_EQ(detail::FindEol(os)->eol, "2029-06-30");
  os.version_id = "2";
  EXPECT_EQ(detail::FindEol(os)->eol, "2026-06-30");
}

TEST(ImageRules, LargeImage) {
  auto spec = SpecBuilder().Build();
  spec.uncompressed_size = 600'000'000;
  auto f = RunImage("DD106", spec);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Has(f[0], "600 MB")) << f[0].message;
  spec.uncompressed_size = 500'000'000;
  EXPECT_TRUE(RunImage("DD106", spec).empty());
}

TEST(ImageRules, RootAndNamedUsers) {
  for (std::string user : {"", "root", "0", "0:0", "root:root", "00"}) {
    auto spec = SpecBuilder().Build();
    spec.config.user = user;
    auto f = RunImage("DD201", spec);
    ASSERT_EQ(f.size(), 1u) << user;
    EXPECT_EQ(f[0].location.path, "config.User");
    EXPECT_EQ(f[0].location.file, "app.tar");
    EXPECT_TRUE(RunImage("DD203", spec).empty()) << user;
  }
  for (std::string user : {"app", "app:app", "nobody"}) {
    auto spec = SpecBuilder().Build();
    spec.config.user = user;
    EXPECT_TRUE(RunImage("DD201", spec).empty()) << user;
    EXPECT_EQ(RunImage("DD203", spec).size(), 1u) << user;
  }
  for (std::string user : {"10001", "65532:65532", "10001:root"}) {
    auto spec = SpecBuilder().Build();
    spec.config.user = user;
    EXPECT_TRUE(RunImage("DD201", spec).empty()) << user;
    EXPECT_TRUE(RunImage("DD203", spec).empty()) << user;
  }
  auto windows = SpecBuilder().Build();
  windows.config.os = "windows";
  EXPECT_TRUE(RunImage("DD201", windows).empty());
}

TEST(ImageRules, EmptyPasswordAndDuplicateUids) {
  auto spec = SpecBuilder()
                  .Kept("etc/shadow",
                        "root:*:19000:0:99999:7:::\n"
                        "daemon:!:19000::::::\n"
                        "app::19000:0:99999:7:::\n"
                        "ops:!!:19000::::::\n")
                  .Kept("etc/passwd",
                        "root:x:0:0:root:/root:/bin/sh\n"
                        "app:x:10001:10001::/home/app:/bin/sh\n"
                        "toor:x:0:0::/root:/bin/sh\n")
                  .Build();
  auto f = RunImage("DD206", spec);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_TRUE(Has(f[0], "`app`")) << f[0].message;
  EXPECT_EQ(f[0].location.path, "/etc/shadow");
  EXPECT_EQ(f[0].location.line, 3);
  EXPECT_TRUE(Has(f[1], "`toor`") && Has(f[1], "`root`")) << f[1].message;
  EXPECT_EQ(f[1].location.line, 3);

  auto clean = SpecBuilder()
                   .Kept("etc/shadow", "root:*:19000:0:99999:7:::\napp:!:19000::::::\n")
                   .Kept("etc/passwd", "root:x:0:0:root:/root:/bin/sh\nbroken\n\n# c\n")
                   .Build();
  EXPECT_TRUE(RunImage("DD206", clean).empty());
  EXPECT_TRUE(RunImage("DD206", SpecBuilder().Build()).empty()) << "no user database";
}

TEST(ImageRules, SetuidFiles) {
  auto spec = SpecBuilder()
                  .File("usr/bin/su", 04755)
                  .File("usr/bin/wall", 02755)
                  .File("usr/bin/ls", 0755)
                  .Dir("srv", 02775)
                  .Build();
  auto f = RunImage("DD505", spec);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].location.path, "/usr/bin/su");
  EXPECT_TRUE(Has(f[0], "setuid") && Has(f[0], "4755")) << f[0].message;
  EXPECT_TRUE(Has(f[1], "setgid"));
  EXPECT_TRUE(Has(f[0], "runs with its owner's privileges")) << f[0].message;

  // Not executable: it cannot run as it is.
  auto idle = RunImage("DD505", SpecBuilder().File("opt/tool", 04644).Build());
  ASSERT_EQ(idle.size(), 1u);
  EXPECT_TRUE(Has(idle[0], "not executable, so it cannot run as is")) << idle[0].message;

  SpecBuilder many;
  for (int i = 0; i < 25; ++i) many.File("usr/bin/s" + std::to_string(100 + i), 04755);
  auto grouped = RunImage("DD505", many.Build());
  ASSERT_EQ(grouped.size(), 1u);
  EXPECT_TRUE(Has(grouped[0], "(25)")) << grouped[0].message;
}

TEST(ImageRules, BusyboxShellIsShownAtTheShellsPath) {
  // docker save archives hard-link the applets to whichever came first ("bin/arch").
  auto spec = SpecBuilder()
                  .File("bin/arch", 0755)
                  .Hardlink("bin/busybox", "bin/arch")
                  .Hardlink("bin/sh", "bin/arch")
                  .Hardlink("bin/ls", "bin/arch")
                  .Build();
  auto f = RunImage("DD103", spec);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.path, "/bin/sh") << f[0].message;
  EXPECT_TRUE(Has(f[0], "`busybox`")) << f[0].message;
}

TEST(ImageRules, WorldWritable) {
  auto spec = SpecBuilder()
                  .Dir("app", 0777)
                  .File("app/config.yaml", 0666)
                  .Dir("tmp", 01777)
                  .File("tmp/x", 0666)
                  .Dir("var/tmp", 01777)
                  .Dir("srv/shared", 01777)
                  .Symlink("app/link", "/tmp/x")
                  .File("etc/passwd", 0644)
                  .Build();
  auto f = RunImage("DD506", spec);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].location.path, "/app");
  EXPECT_TRUE(Has(f[0], "directory") && Has(f[0], "sticky"));
  EXPECT_EQ(f[1].location.path, "/app/config.yaml");
}

model::FileSecret Secret(std::string path, int layer) {
  model::FileSecret s;
  s.path = std::move(path);
  s.layer = layer;
  s.rule_id = "aws-access-key-id";
  s.title = "AWS access key ID";
  s.line = 2;
  s.column = 19;
  s.masked = "AKIA…(20)";
  return s;
}

TEST(ImageRules, SecretsInFilesAndDeletedLayers) {
  auto spec = SpecBuilder().File("app/.env", 0644, 0).File("etc/app.conf", 0644, 1).Build();
  spec.secrets.push_back(Secret("app/.env", 0));               // final: DD603
  spec.secrets.push_back(Secret("root/.aws/credentials", 0));  // deleted in layer 1: DD604
  spec.secrets.push_back(Secret("etc/app.conf", 0));           // overwritten by layer 1: DD604
  spec.secrets.push_back(Secret("opt/unknown", 0));            // neither: skipped
  spec.shadowed.push_back({"etc/app.conf", 0, 1, model::ShadowKind::kOverwrite, 10, 0644});
  spec.shadowed.push_back({"root/.aws/credentials", 0, 1, model::ShadowKind::kWhiteout, 10, 0600});

  auto in_file = RunImage("DD603", spec);
  ASSERT_EQ(in_file.size(), 1u);
  EXPECT_EQ(in_file[0].location.path, "/app/.env");
  EXPECT_EQ(in_file[0].location.layer, kLayer0);
  EXPECT_EQ(in_file[0].location.line, 2);
  EXPECT_TRUE(Has(in_file[0], "AKIA…(20)")) << in_file[0].message;
  ASSERT_TRUE(in_file[0].secret.has_value());
  EXPECT_EQ(in_file[0].secret->rule, "aws-access-key-id");

  auto deleted = RunImage("DD604", spec);
  ASSERT_EQ(deleted.size(), 2u);
  for (const auto& f : deleted) {
    EXPECT_TRUE(Has(f, kLayer0)) << f.message;
    EXPECT_TRUE(Has(f, kLayer1)) << f.message;
    EXPECT_EQ(f.location.layer, kLayer0);
    EXPECT_FALSE(Has(f, "GWJNXQ6FV")) << "never the raw value";
  }
  EXPECT_TRUE(Has(deleted[0], "/root/.aws/credentials") && Has(deleted[0], "whiteout"))
      << deleted[0].message;
  EXPECT_TRUE(Has(deleted[1], "overwrite"));
}

TEST(ImageRules, SecretReplacedInTheSameLayer) {
  auto spec = SpecBuilder().File("app/.env", 0644, 1).Build();
  spec.secrets.push_back(Secret("app/.env", 0));
  spec.shadowed.push_back({"app/.env", 0, 0, model::ShadowKind::kOverwrite, 10, 0644});
  EXPECT_TRUE(RunImage("DD603", spec).empty());
  auto f = RunImage("DD604", spec);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Has(f[0], "same layer")) << f[0].message;
}

TEST(ImageRules, EnvLiteral) {
  auto spec = SpecBuilder().Build();
  const std::string key = std::string("AKIA") + "GWJNXQ6FVMR44UBM";
  spec.config.env = {"PATH=/usr/bin",
                     "DB_PASSWORD=s3cr3t-Pa55",
                     "AWS_ACCESS_KEY_ID=" + key,
                     "POSTGRES_PASSWORD_FILE=/run/secrets/db",
                     "API_KEY=changeme",
                     "NOVALUE"};
  auto f = RunImage("DD601", spec);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].location.path, "config.Env[1]");
  EXPECT_EQ(f[1].location.path, "config.Env[2]");
  for (const auto& x : f) {
    EXPECT_FALSE(Has(x, "s3cr3t-Pa55"));
    EXPECT_FALSE(Has(x, key));
  }
}

TEST(ImageRules, SecretsInHistoryLabelsAndBuildArgs) {
  auto spec = SpecBuilder().Build();
  const std::string token = std::string("gh") + "p_kxwnQrS7RPeMOkIUpkDyr7OSJoRu1X2jfD2e";
  for (const std::string& step :
       std::vector<std::string>{"/bin/sh -c #(nop) ADD file:abc in / ",
                                "|2 DEPLOY_PASSWORD=Vx9dQ2mLr7Tp VERSION=1.2 /bin/sh -c make",
                                "RUN /bin/sh -c git clone https://x:" + token + "@github.com/a/b",
                                "ENV DB_PASSWORD=s3cr3t-Pa55"}) {
    model::HistoryEntry h;
    h.created_by = step;
    spec.config.history.push_back(h);
  }
  spec.config.env = {"DB_PASSWORD=s3cr3t-Pa55"};
  spec.config.labels = {{"org.opencontainers.image.source", "https://github.com/a/b"},
                        {"db.url", "postgres://admin:Vx9dQ2mLr7Tp2@db:5432/app"}};
  auto f = RunImage("DD605", spec);
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0].location.path, "history[1].created_by");
  EXPECT_TRUE(Has(f[0], "DEPLOY_PASSWORD")) << f[0].message;
  EXPECT_EQ(f[1].location.path, "history[2].created_by");
  EXPECT_EQ(f[2].location.path, "config.Labels.db.url");
  for (const auto& x : f) {
    EXPECT_FALSE(Has(x, "Vx9dQ2mLr7Tp")) << x.message;
    EXPECT_FALSE(Has(x, token)) << x.message;
    EXPECT_TRUE(x.secret.has_value());
  }
}

TEST(ImageRules, Healthcheck) {
  auto spec = SpecBuilder().Build();
  EXPECT_EQ(RunImage("DD013", spec).size(), 1u);
  spec.config.healthcheck = model::Healthcheck{};
  spec.config.healthcheck->test = {"NONE"};
  EXPECT_TRUE(RunImage("DD013", spec).empty()) << "an explicit NONE is a decision";
  spec.config.healthcheck->test = {"CMD-SHELL", "curl -f localhost"};
  EXPECT_TRUE(RunImage("DD013", spec).empty());
}

TEST(ImageRules, GitDirectories) {
  auto spec = SpecBuilder()
                  .Dir("app/.git")
                  .File("app/.git/HEAD", 0644)
                  .File("app/.git/objects/ab/cdef", 0644)
                  .File("app/.gitignore", 0644)
                  .File("srv/lib/.git/config", 0644)  // parent dir entry not listed
                  .File("srv/sub/.git", 0644)         // a gitfile (submodule pointer)
                  .Build();
  auto f = RunImage("DD902", spec);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_TRUE(Has(f[0], "/app/.git")) << f[0].message;
  EXPECT_TRUE(Has(f[1], "/srv/lib/.git")) << f[1].message;
  EXPECT_TRUE(RunImage("DD902", SpecBuilder().File("app/.gitignore", 0644).Build()).empty());
}

TEST(ImageRules, EveryImageRuleHasImageExamples) {
  for (const auto& rule : Catalog().rules()) {
    if ((rule.info.reads & core::kReadsImage) == 0) continue;
    SCOPED_TRACE(std::string(rule.info.id));
    EXPECT_TRUE(static_cast<bool>(rule.image));
    bool fires = false;
    bool silent = false;
    for (const auto& ex : rule.info.examples) {
      if (ex.kind != core::ExampleKind::kImage) continue;
      (ex.fires ? fires : silent) = true;
    }
    // DD301/DD302/DD407 are still to come; every rule with an image check has both kinds.
    if (rule.image) {
      EXPECT_TRUE(fires) << "needs a firing image example";
      EXPECT_TRUE(silent) << "needs a silent image example";
    }
  }
}

}  // namespace
}  // namespace drydock::rules
