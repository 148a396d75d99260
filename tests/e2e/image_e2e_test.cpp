// SPDX-License-Identifier: Apache-2.0
// End to end: `drydock image` and `drydock scan` on the real images scripts/test-images builds
// (Debian 12 minbase in five formats, the planted multi-layer image, busybox). Skips visibly when
// they have not been built.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <tuple>
#include <vector>

#include "e2e_util.h"

namespace drydock::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// The planted values (made-up keys of the AWS shape, a made-up GitHub token; split so that this
// source carries no scannable literal).
constexpr const char* kRawSecrets[] = {
    ("AKIA"
     "GWJNXQ6FVMR44UBM"),
    ("7blrUoBaC1+KjKbYpj51"
     "RLj5/+cf2mMRwkzw0WJd"),
    "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",
};

// What a finding says, without the input's name (which differs between formats).
using Key = std::tuple<std::string, std::string, std::string, std::string, int, std::string>;

std::vector<Key> Keys(const json& report) {
  std::vector<Key> keys;
  for (const auto& f : report.at("findings")) {
    const json& loc = f.at("location");
    keys.emplace_back(f.at("id").get<std::string>(), f.at("message").get<std::string>(),
                      loc.value("layer", std::string()), loc.value("path", std::string()),
                      loc.value("line", 0), f.at("severity").get<std::string>());
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

json ImageJson(const std::string& rel) {
  ProcessResult r = Drydock({"image", (TestImages() / rel).string(), "-f", "json", "-q"});
  EXPECT_EQ(r.exit_code, 0) << rel << ": " << r.err;
  json report = json::parse(r.out, nullptr, false);
  EXPECT_FALSE(report.is_discarded()) << r.out;
  return report.is_discarded() ? json{{"findings", json::array()}} : report;
}

TEST(ImageE2e, SameFindingsInEveryFormatAndCompression) {
  REQUIRE_IMAGES("debian");
  const auto reference = Keys(ImageJson("debian/oci"));
  ASSERT_FALSE(reference.empty());
  for (const char* other :
       {"debian/oci-zstd", "debian/docker.tar", "debian/docker.tar.gz", "debian/oci.tar"}) {
    EXPECT_EQ(Keys(ImageJson(other)), reference) << other;
  }
  REQUIRE_IMAGES("planted");
  EXPECT_EQ(Keys(ImageJson("planted/docker.tar")), Keys(ImageJson("planted/oci:planted")));
}

TEST(ImageE2e, CredentialStoresAreDd608AndHardenedImagesAreSilent) {
  REQUIRE_IMAGES("planted");
  std::vector<std::string> paths;
  const json report = ImageJson("planted/oci:planted");
  for (const auto& f : report.at("findings")) {
    if (f.at("id").get<std::string>() != "DD608") continue;
    EXPECT_EQ(f.at("severity"), "HIGH");
    paths.push_back(f.at("location").at("path").get<std::string>());
  }
  std::sort(paths.begin(), paths.end());
  EXPECT_EQ(paths, (std::vector<std::string>{"/app/certs/client.p12", "/root/.pgpass"}));
  for (const char* clean : {"debian/oci:bookworm", "busybox/oci"}) {
    for (const auto& f : ImageJson(clean).at("findings")) {
      EXPECT_NE(f.at("id").get<std::string>(), "DD608") << clean << ": " << f.at("message");
    }
  }
}

TEST(ImageE2e, CorpusImagesWithCredentialFilesAreDd608) {
  // Dockle's test archives ship /app/credentials.json and /credentials.json (its
  // CIS-DI-0010 cases); every other corpus archive holds no credential store.
  const std::filesystem::path images = CorpusDir() / "images";
  if (!std::filesystem::exists(images)) GTEST_SKIP() << "corpus images absent at " << images;
  ProcessResult r = Drydock({"scan", images.string(), "-f", "json", "-q"});
  const json report = json::parse(r.out, nullptr, false);
  ASSERT_FALSE(report.is_discarded()) << r.err;
  std::vector<std::string> hits;
  for (const auto& f : report.at("findings")) {
    if (f.at("id").get<std::string>() != "DD608") continue;
    const std::string file = f.at("location").at("file").get<std::string>();
    hits.push_back(std::filesystem::path(file).filename().string() + ":" +
                   f.at("location").at("path").get<std::string>());
  }
  std::sort(hits.begin(), hits.end());
  EXPECT_EQ(hits, (std::vector<std::string>{"scratch.tar:/credentials.json",
                                            "symbolic.tar:/app/credentials.json"}));
}

TEST(ImageE2e, DeletedSecretIsDd604WithBothLayersAndNeverPrintedRaw) {
  REQUIRE_IMAGES("planted");
  const json report = ImageJson("planted/oci:planted");
  bool dd604 = false;
  bool dd605 = false;
  for (const auto& f : report.at("findings")) {
    const std::string id = f.at("id").get<std::string>();
    const std::string message = f.at("message").get<std::string>();
    if (id == "DD604" && message.find("AWS access key ID") != std::string::npos) {
      dd604 = true;
      EXPECT_EQ(f.at("location").at("path"), "/app/credentials");
      // Both layers: the one that wrote the file (the location) and the one that deleted it.
      std::size_t digests = 0;
      for (std::size_t at = message.find("sha256:"); at != std::string::npos;
           at = message.find("sha256:", at + 1)) {
        ++digests;
      }
      EXPECT_EQ(digests, 2u) << message;
      EXPECT_NE(message.find(f.at("location").at("layer").get<std::string>()), std::string::npos);
    }
    dd605 = dd605 || id == "DD605";
  }
  EXPECT_TRUE(dd604);
  EXPECT_TRUE(dd605);
  for (const char* format : {"table", "json", "sarif"}) {
    ProcessResult r = Drydock(
        {"image", (TestImages() / "planted/oci:planted").string(), "-f", format, "--no-color"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("AKIA"), std::string::npos) << format << ": masked prefix expected";
    for (const char* raw : kRawSecrets) {
      EXPECT_EQ(r.out.find(raw), std::string::npos) << format << " output leaks " << raw;
      EXPECT_EQ(r.err.find(raw), std::string::npos) << format << " stderr leaks " << raw;
    }
  }
}

TEST(ImageE2e, SeverityGateAndSarifValidate) {
  REQUIRE_IMAGES("planted");
  const std::string planted = (TestImages() / "planted/docker.tar").string();
  ProcessResult gate =
      Drydock({"image", planted, "--severity", "HIGH,CRITICAL", "--exit-code", "1", "-q"});
  EXPECT_EQ(gate.exit_code, 1) << gate.err;
  REQUIRE_IMAGES("busybox");
  ProcessResult clean = Drydock({"image", (TestImages() / "busybox/oci").string(), "--severity",
                                 "HIGH,CRITICAL", "--exit-code", "1", "-q"});
  EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;
  ProcessResult sarif = Drydock({"image", planted, "-f", "sarif"});
  ASSERT_EQ(sarif.exit_code, 0) << sarif.err;
  const std::string tool = FindSarifValidator();
  if (tool.empty()) GTEST_SKIP() << "sarif-multitool not installed (scripts/setup)";
  for (const char* kind : {"Sarif", "Gh"}) {
    bool ran = false;
    const json problems = ValidateSarif(sarif.out, tool, kind, &ran);
    EXPECT_TRUE(ran) << kind;
    EXPECT_TRUE(problems.empty()) << kind << ": " << problems.dump(2);
  }
}

TEST(ImageE2e, ScanFindsArchivesAndLayouts) {
  REQUIRE_IMAGES("planted");
  ProcessResult r = Drydock({"scan", (TestImages() / "planted").string(), "-f", "json", "-q"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const json report = json::parse(r.out, nullptr, false);
  ASSERT_FALSE(report.is_discarded());
  std::vector<std::string> targets;
  for (const auto& t : report.at("targets")) {
    EXPECT_EQ(t.at("kind"), "image");
    targets.push_back(fs::path(t.at("path").get<std::string>()).filename().string());
  }
  std::sort(targets.begin(), targets.end());
  // The layout holds two tags: each is audited.
  EXPECT_EQ(targets, (std::vector<std::string>{"docker.tar", "oci:bookworm", "oci:planted"}));
}

TEST(ImageE2e, BadInputIsExit2AndWritesNothing) {
  TempDir dir;
  dir.Write("not-an-image.tar", std::string(4096, 'x'));
  dir.Write("empty.tar", "");
  const std::string out_file = (dir.path() / "report.json").string();
  for (const char* name : {"not-an-image.tar", "empty.tar", "missing.tar"}) {
    ProcessResult r =
        Drydock({"image", (dir.path() / name).string(), "-f", "json", "-o", out_file});
    EXPECT_EQ(r.exit_code, 2) << name << ": " << r.err;
    EXPECT_NE(r.err.find("drydock: error: "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(name), std::string::npos) << r.err;
  }
  // Nothing but the inputs in the directory (a report of zero targets is still written).
  std::vector<std::string> left;
  for (const auto& e : fs::directory_iterator(dir.path())) left.push_back(e.path().filename());
  std::sort(left.begin(), left.end());
  EXPECT_EQ(left, (std::vector<std::string>{"empty.tar", "not-an-image.tar", "report.json"}));
  ProcessResult bad_platform =
      Drydock({"image", (TestImages() / "debian/oci").string(), "--platform", "linux"});
  EXPECT_EQ(bad_platform.exit_code, 2) << bad_platform.err;
}

TEST(SecretsE2e, TreeHitsAreDd603MaskedAndGate) {
  TempDir dir;
  dir.Write("app/config/.env", std::string("AWS_ACCESS_KEY_ID=") + kRawSecrets[0] + "\n");
  dir.Write("app/deploy.sh", std::string("curl -H 'Authorization: token ") + kRawSecrets[2] +
                                 "' https://example.invalid\n");
  dir.Write("app/README.md", "nothing to see\n");
  dir.Write("vendor/lib/.env", std::string("AWS_ACCESS_KEY_ID=") + kRawSecrets[0] + "\n");
  for (const char* format : {"table", "json", "sarif"}) {
    ProcessResult r = Drydock({"secrets", dir.path().string(), "-f", format, "--skip-dirs",
                               "vendor", "--exit-code", "3", "--no-color"});
    EXPECT_EQ(r.exit_code, 3) << format << ": " << r.err;
    for (const char* raw : kRawSecrets) {
      EXPECT_EQ(r.out.find(raw), std::string::npos) << format << " output leaks " << raw;
    }
  }
  ProcessResult r =
      Drydock({"secrets", dir.path().string(), "-f", "json", "--skip-dirs", "vendor"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json report = json::parse(r.out);
  std::vector<std::string> where;
  for (const auto& f : report.at("findings")) {
    EXPECT_EQ(f.at("id"), "DD603");
    const std::string file = f.at("location").at("file").get<std::string>();
    where.push_back(file.substr(dir.path().string().size()) + ":" +
                    std::to_string(f.at("location").at("line").get<int>()) + " " +
                    f.at("secret").at("rule").get<std::string>());
  }
  std::sort(where.begin(), where.end());
  EXPECT_EQ(where, (std::vector<std::string>{"/app/config/.env:1 aws-access-key-id",
                                             "/app/deploy.sh:1 github-token"}));
  ProcessResult missing = Drydock({"secrets", (dir.path() / "nope").string()});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("no such file"), std::string::npos) << missing.err;
}

}  // namespace
}  // namespace drydock::testing
