// SPDX-License-Identifier: Apache-2.0
// The image reader and the image rules on real third-party image archives and OCI layouts
// (/work/shared/corpus/images, see its SOURCES.md): go-containerregistry's docker-save tarballs
// and layouts, trivy's Alpine `docker save` tars and OCI layouts (some deliberately broken),
// Dockle's setuid/credentials fixture, osv-scalibr's layer-squashing and symlink fixtures, a plain
// busybox rootfs tar. Every expectation in the table was derived from the data itself (tar -tvf,
// jq on manifest.json / index.json / the configs, sha256 of the layers), not from drydock's
// output: which inputs read (layer count, os-release, notable files, setuid files) and which fail
// (legacy v1 archive, `null` manifest, multi-image bundle without a tag, plain layer tar, broken
// or non-image layouts) with an error naming the problem. Skips visibly when the corpus is absent.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <initializer_list>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "audit/image.h"
#include "core/rule.h"
#include "rules/catalog.h"
#include "sources/image/reader.h"

namespace drydock::sources::image {
namespace {

namespace fs = std::filesystem;

fs::path CorpusImages() {
  const char* env = std::getenv("DRYDOCK_CORPUS");
  return fs::path(env != nullptr ? env : DRYDOCK_CORPUS) / "images";
}

constexpr std::string_view kGcr = "google__go-containerregistry/pkg/";
constexpr std::string_view kTrivy = "aquasecurity__trivy/pkg/fanal/test/testdata/";
constexpr std::string_view kScalibr = "google__osv-scalibr/artifact/image/";
constexpr std::string_view kDockle = "goodwithtech__dockle/pkg/";

std::string P(std::string_view base, std::string_view rel) {
  return std::string(base) + std::string(rel);
}

// One archive or layout of the corpus and what reading it must give.
struct Case {
  std::string path;  // relative to the corpus images dir
  std::string tag;   // ReadOptions::tag ("" = none)
  bool reads = true;
  // reads == true:
  std::size_t layers = 0;
  std::string os_id;  // "" = no os-release expected
  std::string os_version_id;
  std::vector<std::string> present;   // normalised paths in the final filesystem
  std::vector<std::string> absent;    // paths that must not be in the final filesystem
  std::vector<std::string> setuid;    // exactly these final entries carry 04000/02000
  std::vector<std::string> shadowed;  // paths that must be in ImageSpec::shadowed
  // reads == false: the error must contain one of these (case-insensitive).
  std::vector<std::string> error_any;
  // Non-empty: the reader currently gets this case wrong; the expectation stays written down
  // and the case is skipped with this text (READER BUG).
  std::string reader_bug;
};

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::vector<Case> Cases() {
  std::vector<Case> c;
  auto ok = [&](std::string path, std::size_t layers, std::vector<std::string> present,
                std::vector<std::string> absent = {}) {
    Case x;
    x.path = std::move(path);
    x.layers = layers;
    x.present = std::move(present);
    x.absent = std::move(absent);
    c.push_back(std::move(x));
    return &c.back();
  };
  auto fails = [&](std::string path, std::vector<std::string> error_any, std::string tag = {}) {
    Case x;
    x.path = std::move(path);
    x.tag = std::move(tag);
    x.reads = false;
    x.error_any = std::move(error_any);
    c.push_back(std::move(x));
    return &c.back();
  };
  const std::vector<std::string> kNotImage = {"not an image", "manifest.json", "no manifest"};

  // --- go-containerregistry: docker-save tarballs (pkg/v1/tarball/testdata) -----------------
  ok(P(kGcr, "v1/tarball/testdata/test_image_1.tar"), 1, {"foo", "bar"}, {"bat", "baz"});
  ok(P(kGcr, "v1/tarball/testdata/test_image_2.tar"), 1, {"bat", "baz"}, {"foo", "bar"});
  ok(P(kGcr, "v1/tarball/testdata/test_load_manifest.tar"), 1, {"foo", "bar"});
  // Two images (test_image_2, test_image_1): a tag is needed; the error should say so.
  fails(P(kGcr, "v1/tarball/testdata/test_bundle.tar"), {"tag"});
  ok(P(kGcr, "v1/tarball/testdata/test_bundle.tar"), 1, {"foo", "bar"}, {"bat", "baz"})->tag =
      "test_image_1";
  ok(P(kGcr, "v1/tarball/testdata/test_bundle.tar"), 1, {"bat", "baz"}, {"foo", "bar"})->tag =
      "test_image_2";
  // Two images sharing the base layer content (test_image_1; test_image_3 = base + "test").
  fails(P(kGcr, "v1/tarball/testdata/test_link.tar"), {"tag"});
  ok(P(kGcr, "v1/tarball/testdata/test_link.tar"), 2, {"foo", "bar", "test"})->tag =
      "bazel/v1/tarball:test_image_3";
  ok(P(kGcr, "v1/tarball/testdata/test_link.tar"), 1, {"foo", "bar"}, {"test"})->tag =
      "bazel/v1/tarball:test_image_1";
  // Docker 25 `save`: manifest.json (valid, arm64 hello-world) + an OCI index.json whose
  // "manifests" is null. The docker manifest is the usable one: 1 layer holding /hello.
  ok(P(kGcr, "v1/tarball/testdata/hello-world-v25.tar"), 1, {"hello"});
  // Legacy v1 `docker save` (layer dirs + repositories, no manifest.json).
  fails(P(kGcr, "v1/tarball/testdata/no_manifest.tar"), {"manifest"});
  // manifest.json holds the JSON literal `null`: the error should say the manifest is null /
  // not an array.
  fails(P(kGcr, "v1/tarball/testdata/null_manifest.tar"), {"null", "array"});
  // Plain layer tars (./, ./bat, ./baz): not images.
  fails(P(kGcr, "v1/tarball/testdata/content.tar"), kNotImage);
  fails(P(kGcr, "crane/testdata/content.tar"), kNotImage);

  // --- go-containerregistry: mutate fixtures ---------------------------------------------------
  // Layer 1 foo.txt, layer 2 bar.txt + foo.txt as a symlink to bar.txt, layer 3 empty.
  {
    Case* x = ok(P(kGcr, "v1/mutate/testdata/overwritten_file.tar"), 3, {"foo.txt", "bar.txt"});
    x->shadowed = {"foo.txt"};
  }
  ok(P(kGcr, "v1/mutate/testdata/source_image.tar"), 1, {"foo", "bar"});
  // The config member is named 6e0b0504…json but its content (edited to add an empty_layer
  // history entry) hashes to sha256:05b5ec12…: a digest mismatch the reader must refuse.
  fails(P(kGcr, "v1/mutate/testdata/source_image_with_empty_layer_history.tar"),
        {"digest mismatch"});
  // foo.txt deleted by `.wh.foo.txt` in layer 2; layer 3 empty.
  {
    Case* x = ok(P(kGcr, "v1/mutate/testdata/whiteout_image.tar"), 3, {"bar.txt"},
                 {"foo.txt", ".wh.foo.txt"});
    x->shadowed = {"foo.txt"};
  }
  // gzip'd layers named *.tar.gz, config member named "sha256:92f1…": a/foo, b/bar, `.wh.a`,
  // then a/baz. Final: a/baz, b/bar; a/foo deleted.
  ok(P(kGcr, "v1/mutate/testdata/whiteout_dir.tar"), 4, {"a", "a/baz", "b/bar"},
     {"a/foo", ".wh.a"});

  // --- go-containerregistry: OCI layouts -------------------------------------------------------
  // One image: 1 layer holding `test`.
  ok(P(kGcr, "v1/layout/testdata/test_index_one_image"), 1, {"test"});
  // Four tags 1..4: without a tag it is ambiguous.
  fails(P(kGcr, "v1/layout/testdata/test_index"), {"tag"});
  ok(P(kGcr, "v1/layout/testdata/test_index"), 1, {"foo", "bar"})->tag = "1";
  // Tag 3: nested OCI index -> the same manifest as tag 1.
  ok(P(kGcr, "v1/layout/testdata/test_index"), 1, {"foo", "bar"})->tag = "3";
  // Tag 4: docker manifest list -> the same manifest as tag 1.
  ok(P(kGcr, "v1/layout/testdata/test_index"), 1, {"foo", "bar"})->tag = "4";
  // Tag 2: descriptor media type application/vnd.oci.descriptor.v1+json is not a manifest or
  // index type: a clear refusal naming it.
  // The OCI image-index spec says an unknown manifests[].mediaType is to be ignored, so tag 2
  // names no image.
  fails(P(kGcr, "v1/layout/testdata/test_index"),
        {"media type", "mediatype", "descriptor", "no image tagged"}, "2");
  ok(P(kGcr, "v1/layout/testdata/test_gc_index"), 1, {"foo", "bar"})->tag = "1";
  fails(P(kGcr, "v1/layout/testdata/test_gc_index"), {"tag"});
  // The only descriptor has an unknown media type and its blob is absent (no blobs/ at all).
  fails(P(kGcr, "v1/layout/testdata/test_gc_image_unknown_mediatype"),
        {"media type", "mediatype", "descriptor", "32589985", "blobs", "not an image"});
  // A Helm chart artifact (config application/vnd.cncf.helm.config.v1+json): not an image.
  fails(P(kGcr, "v1/layout/testdata/test_index_media_type"),
        {"helm", "media type", "mediatype", "not an image", "config"});

  // --- trivy ------------------------------------------------------------------------------------
  {
    Case* x = ok(P(kTrivy, "alpine-310.tar.gz"), 1,
                 {"etc/os-release", "lib/apk/db/installed", "bin/busybox", "etc/shadow"});
    x->os_id = "alpine";
    x->os_version_id = "3.10.4";
  }
  {
    Case* x = ok(P(kTrivy, "alpine-311.tar.gz"), 1,
                 {"etc/os-release", "lib/apk/db/installed", "bin/busybox"});
    x->os_id = "alpine";
    x->os_version_id = "3.11.5";
  }
  ok(P(kTrivy, "test.oci"), 1, {"hello"});
  ok(P(kTrivy, "test_image_tag.oci"), 1, {"hello"})->tag = "0.0.1";
  ok(P(kTrivy, "test_image_tag.oci"), 1, {"hello"});  // its only image
  fails(P(kTrivy, "test_image_tag.oci"), {"tag", "0.0.2"}, "0.0.2");
  // index.json is "foobar\n": the error should say it is not valid JSON.
  fails(P(kTrivy, "test_bad_index_json.oci"), {"invalid json", "parse", "syntax", "not json"});
  fails(P(kTrivy, "test_index_json_dir.oci"), {"index.json"});
  // index.json is `{}`.
  fails(P(kTrivy, "test_no_valid_manifests.oci"), {"no manifest", "manifests"});
  // The only descriptor: media type application/badmedia+json, digest sha256:bad744… absent.
  fails(P(kTrivy, "test_invalid_oci_image.oci"), {"badmedia", "media type", "bad744"});

  // --- Dockle ----------------------------------------------------------------------------------
  {
    // busybox base + 8 one-file layers. Final /app: credentials.json (23 bytes "credential
    // information"), suid.txt 04644, gid.txt 02644, once-suid.txt 0644 (setuid in layer 8 only).
    Case* x = ok(P(kDockle, "deckoder/extractor/docker/testdata/symbolic.tar"), 9,
                 {"app/credentials.json", "app/suid.txt", "app/gid.txt", "app/once-suid.txt",
                  "bin/busybox", "etc/passwd", "etc/shadow"},
                 {"app/.wh..wh..opq"});
    x->setuid = {"app/gid.txt", "app/suid.txt"};
    x->shadowed = {"app/once-suid.txt"};
  }
  // Scratch image, one layer: credentials.json (really a Dockerfile text).
  ok(P(kDockle, "scanner/testdata/scratch.tar"), 1, {"credentials.json"});

  // --- osv-scalibr ------------------------------------------------------------------------------
  const std::string lsi = P(kScalibr, "layerscanning/image/testdata/");
  const std::string unp = P(kScalibr, "unpack/testdata/");
  ok(lsi + "basic.tar", 2, {"sample.txt", "larger-sample.txt"});
  ok(unp + "basic.tar", 2, {"sample.txt", "larger-sample.txt"});
  ok(lsi + "single-file.tar", 1, {"foo.txt"});
  ok(lsi + "two-files.tar", 2, {"foo.txt", "bar.txt"});
  ok(lsi + "multiple-files.tar", 2, {"foo.txt", "dir1", "dir1/bar.txt", "dir1/baz.txt"});
  ok(lsi + "overwrite-file.tar", 2, {"sample.txt"})->shadowed = {"sample.txt"};
  ok(lsi + "symlink-basic.tar", 1,
     {"dir1/sample.txt", "dir1/absolute-symlink.txt", "dir1/chain-symlink.txt",
      "dir1/relative-symlink.txt", "dir1/relative-dot-symlink.txt"});
  // sample -> chain -> absolute -> sample: a cycle; reading must not hang.
  ok(lsi + "symlink-cycle.tar", 1,
     {"dir1/sample.txt", "dir1/chain-symlink.txt", "dir1/absolute-symlink.txt"});
  ok(lsi + "symlink-dangling.tar", 2,
     {"dir1/absolute-symlink.txt", "dir2/dir3/relative-subfolder-symlink.txt"},
     {"dir1/sample.txt"});
  ok(unp + "dangling-symlinks.tar", 2, {"dir1/chain-symlink.txt", "dir2/dir3"},
     {"dir1/sample.txt"});
  ok(lsi + "symlink-depth-exceeded.tar", 1, {"dir1/sample.txt", "dir1/symlink7.txt"});
  // Symlinks pointing above the root (/../secret.txt, ../../secret.txt): recorded as symlinks,
  // nothing outside the root is in the index.
  ok(lsi + "symlink-attack.tar", 1, {"dir1/attack-symlink.txt", "dir1/attack-symlink-absolute.txt"},
     {"secret.txt"});
  ok(unp + "symlinks.tar", 2,
     {"dir1/attack-symlink.txt", "dir2/dir3/absolute-symlink-inside-root.txt", "dir1/sample.txt"},
     {"secret.txt"});
  ok(unp + "permissions.tar", 1, {"sample.txt"});
  fails(lsi + "empty.tar", {"not an image", "manifest", "empty"});
  // Hostile plain tar (absolute names, /escape -> ../../tmp chains): not an image.
  fails(unp + "escape.tar", kNotImage);

  // --- jessfraz: an exported busybox rootfs, not an image ----------------------------------------
  fails("jessfraz__dockerfiles/runc-rootless/busybox.tar", kNotImage);
  return c;
}

std::string CaseName(const Case& c) {
  std::string name = c.path + (c.tag.empty() ? "" : "_tag_" + c.tag) + (c.reads ? "" : "_fails");
  for (char& ch : name) {
    if (std::isalnum(static_cast<unsigned char>(ch)) == 0) ch = '_';
  }
  return name;
}

// Readable names in failure messages instead of a byte dump.
void PrintTo(const Case& c, std::ostream* os) {
  *os << c.path << (c.tag.empty() ? "" : ":" + c.tag) << (c.reads ? " (reads)" : " (fails)");
}

class CorpusImage : public ::testing::TestWithParam<Case> {};

TEST_P(CorpusImage, ReadsAsTheDataSays) {
  const Case& c = GetParam();
  const fs::path path = CorpusImages() / c.path;
  if (!fs::exists(path)) {
    GTEST_SKIP() << "corpus image " << path.string() << " not found (set DRYDOCK_CORPUS)";
  }
  if (!c.reader_bug.empty())
    GTEST_SKIP() << "READER BUG on " << path.string() << ": " << c.reader_bug;
  ReadOptions options = audit::ScannedReadOptions();
  options.tag = c.tag;
  auto spec = ReadImage(path, options);
  if (!c.reads) {
    ASSERT_FALSE(spec.has_value()) << path << " read, expected an error containing one of "
                                   << ::testing::PrintToString(c.error_any);
    const std::string message = Lower(spec.error().ToString());
    bool named = false;
    for (const auto& want : c.error_any)
      named = named || message.find(Lower(want)) != std::string::npos;
    EXPECT_TRUE(named) << path << ": error \"" << spec.error().ToString() << "\" names none of "
                       << ::testing::PrintToString(c.error_any);
    return;
  }
  ASSERT_TRUE(spec.has_value()) << path << ": " << spec.error().ToString();
  EXPECT_EQ(spec->layers.size(), c.layers) << path;
  // Every layer's diff_id was verified against the config: they must line up.
  ASSERT_EQ(spec->config.diff_ids.size(), spec->layers.size()) << path;
  for (std::size_t i = 0; i < spec->layers.size(); ++i) {
    EXPECT_EQ(spec->layers[i].diff_id, spec->config.diff_ids[i]) << path << " layer " << i;
  }
  if (c.os_id.empty()) {
    EXPECT_FALSE(spec->os.has_value()) << path << ": os-release " << spec->os->id;
  } else {
    ASSERT_TRUE(spec->os.has_value()) << path;
    EXPECT_EQ(spec->os->id, c.os_id) << path;
    EXPECT_EQ(spec->os->version_id, c.os_version_id) << path;
  }
  for (const auto& p : c.present) EXPECT_NE(spec->files.Find(p), nullptr) << path << ": " << p;
  for (const auto& p : c.absent) EXPECT_EQ(spec->files.Find(p), nullptr) << path << ": " << p;
  std::vector<std::string> setuid;
  for (const auto& e : spec->files.entries) {
    if ((e.mode & 06000) != 0 && !e.IsDir()) setuid.push_back(e.path);
  }
  EXPECT_EQ(setuid, c.setuid) << path;
  for (const auto& p : c.shadowed) {
    bool found = std::any_of(spec->shadowed.begin(), spec->shadowed.end(),
                             [&](const model::ShadowedFile& s) { return s.path == p; });
    EXPECT_TRUE(found) << path << ": " << p << " not recorded as shadowed";
  }
  // Nothing in the index may escape the root or be un-normalised.
  for (const auto& e : spec->files.entries) {
    EXPECT_FALSE(e.path.empty() || e.path.front() == '/' || e.path.starts_with("../") ||
                 e.path == ".." || e.path.find("/../") != std::string::npos ||
                 e.path.ends_with("/"))
        << path << ": bad index path \"" << e.path << "\"";
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusImage, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           return CaseName(info.param) + "_" + std::to_string(info.index);
                         });

// Every file and directory of the corpus that SniffImage calls an image is one of the table's
// readable cases or a deliberate failure: the table covers the corpus.
TEST(CorpusImageTable, CoversEveryArchiveAndLayout) {
  const fs::path root = CorpusImages();
  if (!fs::exists(root)) GTEST_SKIP() << "corpus " << root.string() << " not found";
  std::vector<std::string> listed;
  for (const auto& c : Cases()) listed.push_back(c.path);
  std::vector<std::string> missing;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator();
       ++it) {
    const fs::path& p = it->path();
    const std::string name = p.filename().string();
    bool candidate =
        (it->is_regular_file() && (name.ends_with(".tar") || name.ends_with(".tar.gz"))) ||
        (it->is_directory() && fs::exists(p / "oci-layout"));
    if (!candidate) continue;
    const std::string rel = fs::relative(p, root).string();
    if (std::find(listed.begin(), listed.end(), rel) == listed.end()) missing.push_back(rel);
  }
  // The nested copy inside test_index_json_dir.oci duplicates test_bad_index_json.oci.
  std::erase_if(missing, [](const std::string& m) {
    return m.find("test_index_json_dir.oci/test_bad_index_json.oci") != std::string::npos;
  });
  EXPECT_TRUE(missing.empty()) << ::testing::PrintToString(missing);
}

// ---------------------------------------------------------------------------------------------
// Rule-level expectations where the fixture was made for them.

model::ImageSpec MustRead(const fs::path& path) {
  auto spec = ReadImage(path, audit::ScannedReadOptions());
  EXPECT_TRUE(spec.has_value()) << path << ": " << (spec ? "" : spec.error().ToString());
  return spec ? std::move(*spec) : model::ImageSpec{};
}

std::vector<std::string> PathsOf(const core::Findings& findings, std::string_view id) {
  std::vector<std::string> out;
  for (const auto& f : findings) {
    if (f.rule != nullptr && f.rule->id == id) out.push_back(f.location.path);
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(CorpusImageRules, DockleFixtureSetuidAndCredentials) {
  const fs::path path =
      CorpusImages() / P(kDockle, "deckoder/extractor/docker/testdata/symbolic.tar");
  if (!fs::exists(path)) GTEST_SKIP() << "corpus image " << path.string() << " not found";
  const model::ImageSpec spec = MustRead(path);
  core::RuleSettings settings;
  settings.today = core::Date{2026, 11, 30};
  const core::Findings findings = rules::CheckImage(spec, settings);
  // DD505: the setuid and the setgid file of the final image; not once-suid.txt, whose setuid
  // bit a later layer removed.
  const auto dd505 = PathsOf(findings, "DD505");
  std::string all;
  for (const auto& p : dd505) all += p + "\n";
  EXPECT_NE(all.find("/app/suid.txt"), std::string::npos) << all;
  EXPECT_NE(all.find("/app/gid.txt"), std::string::npos) << all;
  EXPECT_EQ(all.find("/app/once-suid.txt"), std::string::npos) << all;
  // /app/credentials.json holds the 23 bytes "credential information\n": no credential the
  // content detector can (or should) match. DD603 is content-based (FileSecret hits), so it
  // does not fire here although the brief expected it; the file is flagged by its *name* only
  // in tools with a filename rule (Dockle CIS-DI-0010). Asserted as the data says.
  EXPECT_TRUE(
      std::none_of(spec.secrets.begin(), spec.secrets.end(),
                   [](const model::FileSecret& s) { return s.path == "app/credentials.json"; }));
  EXPECT_TRUE(PathsOf(findings, "DD603").empty());
}

TEST(CorpusImageRules, OldAlpineIsEndOfLife) {
  for (const char* rel : {"alpine-310.tar.gz", "alpine-311.tar.gz"}) {
    const fs::path path = CorpusImages() / P(kTrivy, rel);
    if (!fs::exists(path)) GTEST_SKIP() << "corpus image " << path.string() << " not found";
    const model::ImageSpec spec = MustRead(path);
    core::RuleSettings settings;
    settings.today = core::Date{2026, 11, 30};  // Alpine 3.10 EOL 2021-05-01, 3.11 EOL 2021-11-01
    const core::Findings findings = rules::CheckImage(spec, settings);
    EXPECT_EQ(PathsOf(findings, "DD105").size(), 1u) << rel;
    // Without a date the rule cannot tell (rules read no clock).
    core::RuleSettings no_date;
    EXPECT_TRUE(PathsOf(rules::CheckImage(spec, no_date), "DD105").empty()) << rel;
    // Stock alpine ships no setuid file and no credential.
    EXPECT_TRUE(PathsOf(findings, "DD505").empty()) << rel;
    EXPECT_TRUE(PathsOf(findings, "DD603").empty()) << rel;
    EXPECT_TRUE(PathsOf(findings, "DD604").empty()) << rel;
  }
}

}  // namespace
}  // namespace drydock::sources::image
