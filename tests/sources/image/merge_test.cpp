// SPDX-License-Identifier: Apache-2.0
// Layer merger: whiteouts, opaque directories, shadowed files, replacement, hard links, name
// normalisation, symlink resolution inside the root, bounds.
#include "sources/image/merge.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "support/sanitizers.h"

namespace drydock::sources::image {
namespace {

using model::FileType;
using model::FsEntry;
using model::ShadowKind;

FsEntry File(std::string name, std::int64_t size = 1, std::uint32_t mode = 0644) {
  FsEntry e;
  e.path = std::move(name);
  e.type = FileType::kFile;
  e.size = size;
  e.mode = mode;
  return e;
}

FsEntry Dir(std::string name) {
  FsEntry e;
  e.path = std::move(name);
  e.type = FileType::kDir;
  e.mode = 0755;
  return e;
}

FsEntry Link(std::string name, std::string target, FileType type = FileType::kSymlink) {
  FsEntry e;
  e.path = std::move(name);
  e.type = type;
  e.link_target = std::move(target);
  return e;
}

std::string Digest(int layer) { return "sha256:layer" + std::to_string(layer); }

// Merges layers given as member lists, base first.
MergeResult Merge(const std::vector<std::vector<FsEntry>>& layers, MergeLimits limits = {}) {
  LayerMerger merger(limits);
  for (std::size_t i = 0; i < layers.size(); ++i) {
    merger.BeginLayer(static_cast<int>(i), Digest(static_cast<int>(i)));
    for (const FsEntry& e : layers[i]) merger.Add(e);
    merger.EndLayer();
  }
  return merger.Finish();
}

std::vector<std::string> Paths(const MergeResult& r) {
  std::vector<std::string> out;
  for (const FsEntry& e : r.files.entries) out.push_back(e.path);
  return out;
}

const model::ShadowedFile* FindShadow(const MergeResult& r, std::string_view path) {
  for (const auto& s : r.shadowed) {
    if (s.path == path) return &s;
  }
  return nullptr;
}

bool HasErrorContaining(const MergeResult& r, std::string_view text) {
  return std::any_of(r.errors.begin(), r.errors.end(), [&](const model::ParseError& e) {
    return e.message.find(text) != std::string::npos;
  });
}

using Paths_ = std::vector<std::string>;

TEST(NormalizeMemberName, StripsAndCollapses) {
  EXPECT_EQ(*NormalizeMemberName("./etc/passwd"), "etc/passwd");
  EXPECT_EQ(*NormalizeMemberName("/etc/x"), "etc/x");
  EXPECT_EQ(*NormalizeMemberName("usr//bin/./sh"), "usr/bin/sh");
  EXPECT_EQ(*NormalizeMemberName("usr/lib/../bin/"), "usr/bin");
  EXPECT_EQ(*NormalizeMemberName("./"), "");
  EXPECT_EQ(*NormalizeMemberName("a/.."), "");
}

TEST(NormalizeMemberName, RejectsEscapes) {
  EXPECT_FALSE(NormalizeMemberName("../etc/passwd"));
  EXPECT_FALSE(NormalizeMemberName("a/../../b"));
  EXPECT_FALSE(NormalizeMemberName("/../x"));
  EXPECT_FALSE(NormalizeMemberName(std::string("a\0b", 3)));
  EXPECT_FALSE(NormalizeMemberName(std::string(5000, 'a')));
  EXPECT_TRUE(NormalizeMemberName(std::string(4096, 'a')));
}

TEST(LayerMerger, SingleLayerSortedIndex) {
  auto r = Merge({{Dir("./usr/"), File("./usr/bin/env"), Dir("./etc"), File("etc/hosts")}});
  EXPECT_EQ(Paths(r), (Paths_{"etc", "etc/hosts", "usr", "usr/bin/env"}));
  EXPECT_TRUE(r.errors.empty());
  ASSERT_NE(r.files.Find("etc/hosts"), nullptr);
  EXPECT_EQ(r.files.Find("etc/hosts")->layer, 0);
  EXPECT_EQ(r.files.Find("etc/host"), nullptr);
  EXPECT_EQ(r.files.Subtree("usr").size(), 1u);
}

TEST(LayerMerger, WhiteoutDeletesLowerSubtreeAndRecordsShadow) {
  auto r = Merge({{Dir("app"), File("app/a", 10), File("app/sub/b", 20), File("apple", 5)},
                  {File(".wh.app")}});
  EXPECT_EQ(Paths(r), (Paths_{"apple"}));
  ASSERT_EQ(r.shadowed.size(), 2u);
  const auto* a = FindShadow(r, "app/a");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->kind, ShadowKind::kWhiteout);
  EXPECT_EQ(a->layer_written, 0);
  EXPECT_EQ(a->layer_removed, 1);
  EXPECT_EQ(a->size, 10);
  EXPECT_NE(FindShadow(r, "app/sub/b"), nullptr);
}

TEST(LayerMerger, DeletedSecretIsShadowedWithBothLayers) {
  auto r = Merge({{Dir("root"), File("etc/os-release")},
                  {File("root/.aws/credentials", 116, 0600)},
                  {File("usr/bin/app")},
                  {File("root/.aws/.wh.credentials")}});
  EXPECT_EQ(r.files.Find("root/.aws/credentials"), nullptr);
  EXPECT_EQ(r.files.Find("root/.aws/.wh.credentials"),
            nullptr);  // never in the index
  const auto* s = FindShadow(r, "root/.aws/credentials");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->layer_written, 1);
  EXPECT_EQ(s->layer_removed, 3);
  EXPECT_EQ(s->kind, ShadowKind::kWhiteout);
  EXPECT_EQ(s->size, 116);
  core::Origin origin = s->MakeOrigin(Digest(s->layer_written), "app.tar");
  EXPECT_EQ(origin.layer, "sha256:layer1");
  EXPECT_EQ(origin.path, "/root/.aws/credentials");
  EXPECT_EQ(origin.file, "app.tar");
}

TEST(LayerMerger, WhiteoutIsLowerOnlyWhateverTheOrder) {
  // Whiteout after and before the same-layer re-creation: the new file stays either way.
  for (bool whiteout_first : {true, false}) {
    std::vector<FsEntry> upper;
    if (whiteout_first) upper.push_back(File("etc/.wh.conf"));
    upper.push_back(File("etc/conf", 99));
    if (!whiteout_first) upper.push_back(File("etc/.wh.conf"));
    auto r = Merge({{Dir("etc"), File("etc/conf", 1)}, upper});
    ASSERT_NE(r.files.Find("etc/conf"), nullptr) << whiteout_first;
    EXPECT_EQ(r.files.Find("etc/conf")->size, 99);
    EXPECT_EQ(r.files.Find("etc/conf")->layer, 1);
    ASSERT_NE(FindShadow(r, "etc/conf"), nullptr);
    EXPECT_EQ(FindShadow(r, "etc/conf")->layer_written, 0);
  }
}

TEST(LayerMerger, OpaqueDirHidesLowerChildrenKeepsSameLayer) {
  for (bool opaque_first : {true, false}) {
    std::vector<FsEntry> upper;
    if (opaque_first) upper.push_back(File("var/cache/.wh..wh..opq"));
    upper.push_back(Dir("var/cache"));
    upper.push_back(File("var/cache/new"));
    if (!opaque_first) upper.push_back(File("var/cache/.wh..wh..opq"));
    auto r = Merge({{Dir("var"), Dir("var/cache"), File("var/cache/old"), File("var/cache/d/deep"),
                     File("var/cachex")},
                    upper});
    EXPECT_EQ(Paths(r), (Paths_{"var", "var/cache", "var/cache/new", "var/cachex"}))
        << opaque_first;
    ASSERT_NE(FindShadow(r, "var/cache/old"), nullptr);
    EXPECT_EQ(FindShadow(r, "var/cache/old")->kind, ShadowKind::kOpaque);
    EXPECT_NE(FindShadow(r, "var/cache/d/deep"), nullptr);
    EXPECT_EQ(r.files.Find("var/cache")->layer, 1);
  }
}

TEST(LayerMerger, OpaqueRootHidesEverythingLower) {
  auto r = Merge({{File("a"), File("b/c")}, {File(".wh..wh..opq"), File("d")}});
  EXPECT_EQ(Paths(r), (Paths_{"d"}));
  EXPECT_EQ(r.shadowed.size(), 2u);
}

TEST(LayerMerger, AufsMetadataIgnored) {
  auto r = Merge({{File("a"), File(".wh..wh.plnk/1234.5"), Dir(".wh..wh.aufs")}});
  EXPECT_EQ(Paths(r), (Paths_{"a"}));
}

TEST(LayerMerger, InvalidWhiteoutNameIsAnError) {
  auto r = Merge({{File("a")}, {File(".wh.")}});
  EXPECT_EQ(Paths(r), (Paths_{"a"}));
  EXPECT_TRUE(HasErrorContaining(r, "invalid whiteout"));
}

TEST(LayerMerger, OverwriteAcrossLayers) {
  auto r = Merge({{File("bin/tool", 5)}, {File("bin/tool", 7, 04755)}});
  ASSERT_NE(r.files.Find("bin/tool"), nullptr);
  EXPECT_EQ(r.files.Find("bin/tool")->size, 7);
  EXPECT_EQ(r.files.Find("bin/tool")->mode, 04755u);
  const auto* s = FindShadow(r, "bin/tool");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->kind, ShadowKind::kOverwrite);
  EXPECT_EQ(s->layer_written, 0);
  EXPECT_EQ(s->layer_removed, 1);
}

TEST(LayerMerger, DuplicateInOneLayerLastWins) {
  auto r = Merge({{File("x", 1), Dir("y"), File("x", 2), File("x", 3)}});
  EXPECT_EQ(r.files.Find("x")->size, 3);
  EXPECT_EQ(r.files.size(), 2u);
  // The two earlier copies still ship in the tar.
  ASSERT_EQ(r.shadowed.size(), 2u);
  EXPECT_EQ(r.shadowed[0].layer_written, 0);
  EXPECT_EQ(r.shadowed[0].layer_removed, 0);
}

TEST(LayerMerger, FileReplacesDirectory) {
  auto r =
      Merge({{Dir("opt"), Dir("opt/app"), File("opt/app/secret.pem", 3)}, {File("opt/app", 4)}});
  EXPECT_EQ(Paths(r), (Paths_{"opt", "opt/app"}));
  EXPECT_EQ(r.files.Find("opt/app")->type, FileType::kFile);
  const auto* s = FindShadow(r, "opt/app/secret.pem");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->kind, ShadowKind::kOverwrite);
  EXPECT_EQ(s->layer_removed, 1);
}

TEST(LayerMerger, DirectoryReplacesFile) {
  auto r = Merge({{File("opt/app", 4)}, {Dir("opt/app"), File("opt/app/x")}});
  EXPECT_EQ(Paths(r), (Paths_{"opt/app", "opt/app/x"}));
  EXPECT_TRUE(r.files.Find("opt/app")->IsDir());
  ASSERT_NE(FindShadow(r, "opt/app"), nullptr);
}

TEST(LayerMerger, DirectoryOverDirectoryKeepsChildren) {
  auto r = Merge({{Dir("etc"), File("etc/a")}, {Dir("etc"), File("etc/b")}});
  EXPECT_EQ(Paths(r), (Paths_{"etc", "etc/a", "etc/b"}));
  EXPECT_EQ(r.files.Find("etc")->layer, 1);
  EXPECT_TRUE(r.shadowed.empty());
}

TEST(LayerMerger, SameLayerFileAfterChildrenReplacesThem) {
  // "d.b" and "d-c" sort between "d" and "d/x" byte-wise; the replacement must still see d/x.
  auto r = Merge({{Dir("d"), File("d/x"), File("d.b"), File("d-c"), File("d", 9)}});
  EXPECT_EQ(Paths(r), (Paths_{"d", "d-c", "d.b"}));
  EXPECT_EQ(r.files.Find("d")->type, FileType::kFile);
  EXPECT_NE(FindShadow(r, "d/x"), nullptr);
  // Written after the file: kept (extraction order).
  auto later = Merge({{File("d", 9), File("d/y")}});
  EXPECT_EQ(Paths(later), (Paths_{"d", "d/y"}));
}

TEST(LayerMerger, HardLinks) {
  auto r = Merge({{File("usr/bin/perl", 4000, 0755)},
                  {Link("usr/bin/perl5", "./usr/bin/perl", FileType::kHardlink), File("etc/a", 12),
                   Link("/etc/b", "etc/a", FileType::kHardlink)}});
  ASSERT_NE(r.files.Find("usr/bin/perl5"), nullptr);
  EXPECT_EQ(r.files.Find("usr/bin/perl5")->link_target, "usr/bin/perl");
  EXPECT_EQ(r.files.Find("usr/bin/perl5")->size, 4000);
  ASSERT_NE(r.files.Find("etc/b"), nullptr);
  EXPECT_EQ(r.files.Find("etc/b")->size, 12);
  EXPECT_TRUE(r.errors.empty());
}

TEST(LayerMerger, DanglingAndEscapingHardLinksSkipped) {
  auto r = Merge(
      {{File("gone")},
       {File(".wh.gone"), Link("a", "gone", FileType::kHardlink),
        Link("b", "nowhere", FileType::kHardlink), Link("c", "../etc/shadow", FileType::kHardlink),
        Dir("dir"), Link("e", "dir", FileType::kHardlink), Link("f", "f", FileType::kHardlink)}});
  EXPECT_EQ(Paths(r), (Paths_{"dir"}));
  EXPECT_TRUE(HasErrorContaining(r, "dangling hard link to /gone"));
  EXPECT_TRUE(HasErrorContaining(r, "dangling hard link to /nowhere"));
  EXPECT_TRUE(HasErrorContaining(r, "escapes"));
  EXPECT_TRUE(HasErrorContaining(r, "hard link to a directory"));
  for (const auto& e : r.errors) EXPECT_EQ(e.where.layer, "sha256:layer1");
}

TEST(LayerMerger, EscapingNamesRejectedNotClamped) {
  auto r =
      Merge({{File("../etc/passwd"), File("a/../../b"), File("/etc/x"), File("./ok/../fine")}});
  EXPECT_EQ(Paths(r), (Paths_{"etc/x", "fine"}));
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].where.path, "/../etc/passwd");
  EXPECT_EQ(r.errors[0].where.layer, "sha256:layer0");
  EXPECT_NE(r.errors[0].message.find("escapes the image root"), std::string::npos);
  EXPECT_EQ(r.errors[1].where.path, "/a/../../b");
}

TEST(LayerMerger, WhiteoutCannotEscape) {
  auto r = Merge({{File("etc/passwd")}, {File("../.wh.etc")}});
  EXPECT_EQ(Paths(r), (Paths_{"etc/passwd"}));
  EXPECT_EQ(r.errors.size(), 1u);
}

TEST(LayerMerger, SymlinksKeptWithTarget) {
  auto r = Merge({{Link("bin", "usr/bin"), File("usr/bin/sh")}});
  ASSERT_NE(r.files.Find("bin"), nullptr);
  EXPECT_TRUE(r.files.Find("bin")->IsSymlink());
  EXPECT_EQ(r.files.Find("bin")->link_target, "usr/bin");
  auto nul = Merge({{Link("bad", std::string("a\0b", 3))}});
  EXPECT_TRUE(nul.files.empty());
  EXPECT_TRUE(HasErrorContaining(nul, "NUL"));
}

TEST(LayerMerger, TooManyEntriesBounded) {
  MergeLimits limits;
  limits.max_entries = 100;
  LayerMerger merger(limits);
  merger.BeginLayer(0, Digest(0));
  for (int i = 0; i < 1000; ++i) merger.Add(File("f" + std::to_string(i)));
  auto r = merger.Finish();
  EXPECT_EQ(r.files.size(), 100u);
  EXPECT_TRUE(HasErrorContaining(r, "too many entries"));
  EXPECT_EQ(r.errors.size(), 1u);
}

TEST(LayerMerger, ErrorsAreCapped) {
  MergeLimits limits;
  limits.max_errors = 5;
  LayerMerger merger(limits);
  merger.BeginLayer(0, Digest(0));
  for (int i = 0; i < 100; ++i) merger.Add(File("../x" + std::to_string(i)));
  auto r = merger.Finish();
  ASSERT_EQ(r.errors.size(), 6u);
  EXPECT_NE(r.errors.back().message.find("95 further"), std::string::npos);
}

TEST(LayerMerger, TooManyLayersBounded) {
  MergeLimits limits;
  limits.max_layers = 3;
  LayerMerger merger(limits);
  for (int i = 0; i < 10; ++i) {
    merger.BeginLayer(i, Digest(i));
    merger.Add(File("f" + std::to_string(i)));
  }
  auto r = merger.Finish();
  EXPECT_EQ(r.files.size(), 3u);
  EXPECT_TRUE(HasErrorContaining(r, "too many layers"));
}

TEST(LayerMerger, LongNameRejected) {
  auto r = Merge({{File(std::string(5000, 'a')), File("ok")}});
  EXPECT_EQ(Paths(r), (Paths_{"ok"}));
  EXPECT_TRUE(HasErrorContaining(r, "longer than 4096"));
  EXPECT_LT(r.errors[0].where.path.size(), 300u);  // quoted names are truncated
}

std::size_t PeakRssKiB() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stoul(line.substr(6));
  }
  return 0;
}

TEST(LayerMerger, MillionEntriesCompleteWithBoundedMemory) {
  LayerMerger merger;
  merger.BeginLayer(0, Digest(0));
  for (int i = 0; i < 1'000'000; ++i) {
    FsEntry e = File("d" + std::to_string(i % 1000) + "/f" + std::to_string(i));
    merger.Add(std::move(e));
  }
  merger.BeginLayer(1, Digest(1));
  merger.Add(File("d7/.wh..wh..opq"));
  merger.Add(File("d8/.wh.f8"));
  auto r = merger.Finish();
  EXPECT_EQ(r.files.size(), 1'000'000u - 1000u - 1u);
  EXPECT_TRUE(std::is_sorted(r.files.entries.begin(), r.files.entries.end(),
                             [](const FsEntry& a, const FsEntry& b) { return a.path < b.path; }));
  EXPECT_EQ(r.shadowed.size(), 1001u);
  std::size_t peak = PeakRssKiB();
  RecordProperty("peak_rss_kib", std::to_string(peak));
  std::printf("peak RSS %zu KiB\n", peak);
  if (DD_UNDER_ASAN) {
    peak = 0;  // ASan's shadow memory and quarantine make RSS meaningless here
  }
  if (peak > 0) {
    // The whole image pipeline must stay below 256 MiB on a 1,000,000-entry tar (issue 4).
    EXPECT_LT(peak, 256u * 1024u) << "peak RSS " << peak << " KiB";
  }
}

// ResolvePath ---------------------------------------------------------------------------------

model::FsIndex Index(std::vector<FsEntry> layer) { return Merge({layer}).files; }

TEST(ResolvePath, FollowsRelativeAndAbsoluteLinks) {
  auto index = Index({Link("bin", "usr/bin"), File("usr/bin/dash"), Link("usr/bin/sh", "dash"),
                      Link("etc/alt", "/usr/bin/sh"), Dir("usr/lib")});
  EXPECT_EQ(*ResolvePath(index, "/bin/sh"), "usr/bin/dash");
  EXPECT_EQ(*ResolvePath(index, "etc/alt"), "usr/bin/dash");
  EXPECT_EQ(*ResolvePath(index, "/bin/sh", /*follow_final=*/false), "usr/bin/sh");
  EXPECT_EQ(*ResolvePath(index, "/usr/lib/../bin/./dash"), "usr/bin/dash");
  EXPECT_EQ(*ResolvePath(index, "/no/such/file"), "no/such/file");
  EXPECT_EQ(*ResolvePath(index, "/"), "");
}

TEST(ResolvePath, DotDotClampsAtRoot) {
  auto index = Index(
      {Link("escape", "/../../etc"), Link("rel", "../../../../etc/shadow"), File("etc/shadow")});
  EXPECT_EQ(*ResolvePath(index, "escape"), "etc");
  EXPECT_EQ(*ResolvePath(index, "escape/shadow"), "etc/shadow");
  EXPECT_EQ(*ResolvePath(index, "rel"), "etc/shadow");
  EXPECT_EQ(*ResolvePath(index, "/../../../etc/shadow"), "etc/shadow");
}

TEST(ResolvePath, LoopsFailInsteadOfHanging) {
  auto index =
      Index({Link("a", "b"), Link("b", "a"), Link("self", "./self"), Link("deep", "deep/deep")});
  auto loop = ResolvePath(index, "a");
  ASSERT_FALSE(loop);
  EXPECT_NE(loop.error().message.find("too many levels of symbolic links"), std::string::npos);
  EXPECT_FALSE(ResolvePath(index, "self"));
  EXPECT_FALSE(ResolvePath(index, "deep"));
  // lstat of the final component does not follow it.
  EXPECT_EQ(*ResolvePath(index, "a", /*follow_final=*/false), "a");
}

TEST(ResolvePath, HopLimitCountsLikeLinux) {
  // A chain of 40 links resolves; 41 fails.
  std::vector<FsEntry> chain{File("end")};
  for (int i = 0; i < 41; ++i) {
    chain.push_back(Link("l" + std::to_string(i), i == 0 ? "end" : "l" + std::to_string(i - 1)));
  }
  auto index = Index(chain);
  EXPECT_EQ(*ResolvePath(index, "l39"), "end");
  EXPECT_FALSE(ResolvePath(index, "l40"));
}

TEST(ResolvePath, NonDirectoryAndEmptyTarget) {
  auto index = Index({File("f"), Link("empty", "")});
  EXPECT_FALSE(ResolvePath(index, "f/x"));
  EXPECT_FALSE(ResolvePath(index, "f/.."));
  EXPECT_FALSE(ResolvePath(index, "empty"));
  EXPECT_EQ(*ResolvePath(index, "f"), "f");
}

// Model ---------------------------------------------------------------------------------------

TEST(ImageSpecModel, OriginsAndLookups) {
  model::ImageSpec spec;
  spec.reference = "alpine.tar";
  spec.layers = {{.digest = "sha256:aaa", .diff_id = "sha256:bbb", .media_type = "tar", .size = 3}};
  spec.files = Index({File("etc/shadow", 10, 0640), Dir("etc")});
  const FsEntry* shadow = spec.files.Find("etc/shadow");
  ASSERT_NE(shadow, nullptr);
  core::Origin origin = spec.OriginOf(*shadow);
  EXPECT_EQ(origin.file, "alpine.tar");
  // Locations name the diff_id: the same whatever the archive format or compression.
  EXPECT_EQ(origin.layer, "sha256:bbb");
  EXPECT_EQ(origin.path, "/etc/shadow");
  EXPECT_EQ(origin.ToString(), "alpine.tar (layer sha256:bbb) /etc/shadow");
  EXPECT_EQ(spec.LayerDigest(5), "");
  spec.layers[0].diff_id.clear();  // unknown diff_id: the blob digest
  EXPECT_EQ(spec.LayerDigest(0), "sha256:aaa");
  EXPECT_EQ(spec.files.Subtree("").size(), 2u);
  EXPECT_EQ(spec.files.Subtree("etc").size(), 1u);
  EXPECT_EQ(spec.files.Subtree("nothing").size(), 0u);
  EXPECT_STREQ(model::FileTypeName(FileType::kHardlink), "hardlink");
  EXPECT_STREQ(model::ShadowKindName(ShadowKind::kOpaque), "opaque");

  model::ImageConfig config;
  config.env = {"PATH=/usr/bin", "TOKEN=abc", "TOKEN=def=1", "EMPTY"};
  EXPECT_EQ(config.Env("TOKEN"), "def=1");
  EXPECT_EQ(config.Env("EMPTY"), "");
  EXPECT_EQ(config.Env("PAT"), std::nullopt);
  EXPECT_FALSE(config.healthcheck.has_value());
}

TEST(ImageSpecModel, EmptyIndex) {
  model::FsIndex index;
  EXPECT_EQ(index.Find("x"), nullptr);
  EXPECT_TRUE(index.Subtree("x").empty());
  EXPECT_EQ(*ResolvePath(index, "/a/b/../c"), "a/c");
}

}  // namespace
}  // namespace drydock::sources::image
