// SPDX-License-Identifier: Apache-2.0
// vuln::UpdateDatabase and the source list: the corpus feeds served by the loopback feed server
// import exactly as a direct import does, a second update is a 304 with no re-import, a corrupt
// feed leaves the database (and the fetch state) as it was, a failing source does not stop the
// others; source selection, URL overrides and the fetch-state table (schema 2).
#include "vuln/update.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "support/files.h"
#include "vuln/db.h"
#include "vuln/feed_server_fixture.h"
#include "vuln/importers.h"

namespace drydock::vuln {
namespace {

namespace fs = std::filesystem;
using testing::FeedServer;
using testing::TempDir;

fs::path Corpus() {
  if (const char* env = std::getenv("DRYDOCK_CORPUS")) return env;
  return DRYDOCK_CORPUS;
}

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const FeedSource* Find(const std::vector<FeedSource>& list, const std::string& name) {
  for (const auto& s : list) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

// (name, advisories, ranges) of every source, for comparing databases.
std::vector<std::tuple<std::string, std::int64_t, std::int64_t>> Counts(Database& db) {
  std::vector<std::tuple<std::string, std::int64_t, std::int64_t>> out;
  auto info = db.Info();
  if (!info) return out;
  for (const auto& s : info->sources) out.emplace_back(s.name, s.advisories, s.ranges);
  return out;
}

class UpdateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    alpine_ = Corpus() / "vulndb/alpine-secdb-legacy-v3.3-v3.11/v3.11/main.yaml";
    dsa_ = Corpus() / "vulndb/debian-security-tracker-2023-04/data/DSA/list";
    if (!fs::exists(alpine_) || !fs::exists(dsa_)) {
      GTEST_SKIP() << "corpus feeds absent: " << alpine_ << ", " << dsa_;
    }
    served_.Write("v3.11/main.yaml", ReadAll(alpine_));
    served_.Write("DSA/list", ReadAll(dsa_));
    server_ = std::make_unique<FeedServer>(served_.path());
    if (!server_->ok()) GTEST_SKIP() << "python3 feed server did not start";
    options_.db_path = (work_.path() / "db/vuln.db").string();
    options_.sources = {"alpine-3.11-main", "debian-dsa"};
    options_.alpine_branches = {"3.11"};
    options_.urls = {{"alpine-3.11-main", server_->Url("v3.11/main.yaml")},
                     {"debian-dsa", server_->Url("DSA/list")}};
    options_.fetch.backoff = std::chrono::milliseconds(10);
  }

  std::vector<SourceOutcome> Update() {
    auto sources = SelectSources(options_);
    EXPECT_TRUE(sources.has_value());
    if (!sources) return {};
    auto outcomes = UpdateDatabase(options_, *sources);
    EXPECT_TRUE(outcomes.has_value()) << outcomes.error().ToString();
    return outcomes ? *outcomes : std::vector<SourceOutcome>{};
  }

  fs::path alpine_, dsa_;
  TempDir served_, work_;
  std::unique_ptr<FeedServer> server_;
  UpdateOptions options_;
};

TEST_F(UpdateTest, ImportsLikeADirectImportThenIsUpToDate) {
  auto first = Update();
  ASSERT_EQ(first.size(), 2u);
  for (const auto& o : first) {
    EXPECT_EQ(o.state, SourceOutcome::State::kUpdated) << o.name << ": " << o.message;
  }
  EXPECT_EQ(first[0].feed, "alpine-secdb v3.11/main");
  EXPECT_EQ(first[1].feed, "debian DSA list");
  EXPECT_EQ(first[1].bytes, static_cast<std::int64_t>(fs::file_size(dsa_)));

  auto direct = Database::Open((work_.path() / "direct.db").string(), true);
  ASSERT_TRUE(direct.has_value());
  for (const fs::path& p : {alpine_, dsa_}) {
    auto feed = ReadFeed(p.string());
    ASSERT_TRUE(feed.has_value());
    ASSERT_TRUE(direct->Import(*feed, "2026-01-01T00:00:00Z").has_value());
  }
  auto db = Database::Open(options_.db_path, false);
  ASSERT_TRUE(db.has_value());
  EXPECT_EQ(Counts(*db), Counts(*direct));
  EXPECT_GT(std::get<2>(Counts(*db)[1]), 6000);
  auto info = db->Info();
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->schema_version, 2);
  EXPECT_EQ(info->sources[1].location, server_->Url("DSA/list"));  // the URL, not the download
  const std::string imported_at = info->sources[1].imported_at;
  auto state = db->GetFetchState(server_->Url("DSA/list"));
  ASSERT_TRUE(state.has_value() && state->has_value());
  EXPECT_EQ((*state)->bytes, first[1].bytes);
  EXPECT_EQ((*state)->sha256.size(), 64u);
  EXPECT_FALSE((*state)->etag.empty());
  EXPECT_TRUE(fs::is_empty(work_.path() / "db/downloads"));  // nothing left behind

  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // a re-import would show
  auto second = Update();
  ASSERT_EQ(second.size(), 2u);
  for (const auto& o : second) EXPECT_EQ(o.state, SourceOutcome::State::kUpToDate) << o.message;
  auto after = db->Info();
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(after->sources[1].imported_at, imported_at);
  const auto requests = server_->Requests();
  ASSERT_EQ(requests.size(), 4u) << requests.dump();
  EXPECT_EQ(requests[2]["status"], 304);
  EXPECT_EQ(requests[3]["status"], 304);
  EXPECT_EQ(requests[3]["if_none_match"], (*state)->etag);

  // --force: unconditional, imported again.
  options_.force = true;
  options_.sources = {"debian-dsa"};
  auto forced = Update();
  ASSERT_EQ(forced.size(), 1u);
  EXPECT_EQ(forced[0].state, SourceOutcome::State::kUpdated);
  EXPECT_EQ(server_->Requests()[4]["if_none_match"], "");
}

TEST_F(UpdateTest, ACorruptFeedLeavesTheDatabaseAsItWas) {
  ASSERT_EQ(Update()[1].state, SourceOutcome::State::kUpdated);
  auto db = Database::Open(options_.db_path, false);
  ASSERT_TRUE(db.has_value());
  const auto before = Counts(*db);
  const auto state_before = db->GetFetchState(server_->Url("DSA/list"));

  const std::string good = ReadAll(dsa_);
  served_.Write("DSA/list", good.substr(0, good.size() / 2) + "\n\t{CVE-2023");  // truncated
  options_.sources = {"debian-dsa"};
  auto bad = Update();
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_EQ(bad[0].state, SourceOutcome::State::kFailed);
  EXPECT_NE(bad[0].message.find("debian-dsa (" + server_->Url("DSA/list") + ")"), std::string::npos)
      << bad[0].message;
  EXPECT_EQ(Counts(*db), before);
  EXPECT_EQ(db->GetFetchState(server_->Url("DSA/list"))->value().etag, state_before->value().etag);

  // The good file back: the stored ETag still matches it, so nothing to do.
  served_.Write("DSA/list", good);
  auto restored = Update();
  EXPECT_EQ(restored[0].state, SourceOutcome::State::kUpToDate) << restored[0].message;
}

TEST_F(UpdateTest, AFailingSourceDoesNotStopTheOthers) {
  options_.urls[0].second =
      "http://127.0.0.1:" + std::to_string(testing::UnusedLoopbackPort()) + "/main.yaml";
  options_.fetch.retries = 0;
  auto outcomes = Update();
  ASSERT_EQ(outcomes.size(), 2u);
  EXPECT_EQ(outcomes[0].state, SourceOutcome::State::kFailed);
  EXPECT_NE(outcomes[0].message.find("alpine-3.11-main (http://127.0.0.1:"), std::string::npos)
      << outcomes[0].message;
  EXPECT_EQ(outcomes[1].state, SourceOutcome::State::kUpdated) << outcomes[1].message;
}

TEST_F(UpdateTest, AnInterruptedDownloadResumesToTheSameImport) {
  options_.sources = {"debian-dsa"};
  options_.urls[1].second = server_->Url("DSA/list?drop=123456");
  options_.fetch.retries = 0;
  auto interrupted = Update();
  ASSERT_EQ(interrupted.size(), 1u);
  EXPECT_EQ(interrupted[0].state, SourceOutcome::State::kFailed);
  EXPECT_EQ(fs::file_size(work_.path() / "db/downloads/debian-dsa.part"), 123456u);
  auto resumed = Update();
  ASSERT_EQ(resumed[0].state, SourceOutcome::State::kUpdated) << resumed[0].message;
  EXPECT_TRUE(resumed[0].resumed);
  const auto requests = server_->Requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[1]["range"], "bytes=123456-");

  auto direct = Database::Open((work_.path() / "direct.db").string(), true);
  auto feed = ReadFeed(dsa_.string());
  ASSERT_TRUE(direct && feed && direct->Import(*feed, "x").has_value());
  auto db = Database::Open(options_.db_path, false);
  ASSERT_TRUE(db.has_value());
  EXPECT_EQ(Counts(*db), Counts(*direct));
  auto a = db->Lookup("debian", "11", "openssl");
  auto b = direct->Lookup("debian", "11", "openssl");
  ASSERT_TRUE(a && b);
  ASSERT_EQ(a->size(), b->size());
  ASSERT_FALSE(a->empty());
  for (std::size_t i = 0; i < a->size(); ++i) {
    EXPECT_EQ((*a)[i].advisory, (*b)[i].advisory);
    EXPECT_EQ((*a)[i].range.fixed, (*b)[i].range.fixed);
  }
}

TEST(UpdateSources, DefaultSetOverridesAndUnknownNames) {
  const auto all = BuiltinSources({"3.20"});
  const FeedSource* tracker = Find(all, "debian-tracker");
  ASSERT_NE(tracker, nullptr);
  EXPECT_EQ(tracker->url, "https://security-tracker.debian.org/tracker/data/json");
  ASSERT_NE(Find(all, "alpine-3.20-community"), nullptr);
  EXPECT_EQ(Find(all, "alpine-3.20-main")->url, "https://secdb.alpinelinux.org/v3.20/main.json");
  EXPECT_EQ(Find(all, "osv-pypi")->url,
            "https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip");
  for (const auto& s : all) EXPECT_TRUE(s.url.starts_with("https://")) << s.name;

  UpdateOptions o;
  o.alpine_branches = {"3.20"};
  auto defaults = SelectSources(o);
  ASSERT_TRUE(defaults.has_value());
  EXPECT_NE(Find(*defaults, "debian-dsa"), nullptr);
  EXPECT_NE(Find(*defaults, "alpine-3.20-main"), nullptr);
  EXPECT_EQ(Find(*defaults, "osv-pypi"), nullptr);
  EXPECT_EQ(Find(*defaults, "osv-debian") != nullptr, FormatSupported("osv"));
  o.all = true;
  EXPECT_EQ(SelectSources(o)->size(), all.size());

  EXPECT_EQ(UrlEnvironmentName("alpine-3.20-main"), "DRYDOCK_FEED_URL_ALPINE_3_20_MAIN");
  setenv("DRYDOCK_FEED_URL_DEBIAN_DSA", "http://127.0.0.1:9/env-list", 1);
  setenv("DRYDOCK_ALPINE_BRANCHES", "v3.18, 3.19 bad/branch", 1);
  EXPECT_EQ(AlpineBranches(), (std::vector<std::string>{"3.18", "3.19"}));
  UpdateOptions env;
  env.sources = {"debian-dsa", "alpine-3.19-main", "debian-dsa"};
  auto chosen = SelectSources(env);
  ASSERT_TRUE(chosen.has_value());
  ASSERT_EQ(chosen->size(), 2u);
  EXPECT_EQ((*chosen)[0].url, "http://127.0.0.1:9/env-list");
  env.urls = {{"debian-dsa", "http://127.0.0.1:9/flag-list"}};  // the flag wins
  EXPECT_EQ(SelectSources(env)->at(0).url, "http://127.0.0.1:9/flag-list");
  unsetenv("DRYDOCK_FEED_URL_DEBIAN_DSA");
  unsetenv("DRYDOCK_ALPINE_BRANCHES");

  UpdateOptions unknown;
  unknown.sources = {"nvd"};
  auto bad = SelectSources(unknown);
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message.find("unknown source 'nvd'"), std::string::npos);
  UpdateOptions bad_url;
  bad_url.urls = {{"nope", "http://127.0.0.1/"}};
  EXPECT_FALSE(SelectSources(bad_url).has_value());
}

TEST(UpdateSources, UnsupportedFormatFailsCleanlyWithoutFetching) {
  TempDir dir;
  UpdateOptions o;
  o.db_path = (dir.path() / "vuln.db").string();
  FeedSource fake{"fake", "http://127.0.0.1:1/never", "nvd-json", true, ""};
  auto outcomes = UpdateDatabase(o, {fake});
  ASSERT_TRUE(outcomes.has_value());
  ASSERT_EQ(outcomes->size(), 1u);
  EXPECT_EQ((*outcomes)[0].state, SourceOutcome::State::kFailed);
  EXPECT_NE((*outcomes)[0].message.find("feed format 'nvd-json' is not supported"),
            std::string::npos);
}

TEST(FetchStateTable, RoundTripsAndReplaces) {
  TempDir dir;
  auto db = Database::Open((dir.path() / "vuln.db").string(), true);
  ASSERT_TRUE(db.has_value());
  auto none = db->GetFetchState("https://example.invalid/x");
  ASSERT_TRUE(none.has_value());
  EXPECT_FALSE(none->has_value());
  FetchState s{"https://example.invalid/x", "\"e1\"", "Mon, 30 Nov 2026 08:00:00 GMT",
               "2026-11-30T08:00:00Z",      42,       std::string(64, 'a')};
  ASSERT_TRUE(db->PutFetchState(s).has_value());
  s.etag = "\"e2\"";
  ASSERT_TRUE(db->PutFetchState(s).has_value());
  auto got = db->GetFetchState(s.url);
  ASSERT_TRUE(got.has_value() && got->has_value());
  EXPECT_EQ((*got)->etag, "\"e2\"");
  EXPECT_EQ((*got)->last_modified, s.last_modified);
  EXPECT_EQ((*got)->bytes, 42);
  EXPECT_EQ((*got)->sha256, s.sha256);
}

TEST(FetchStateTable, ASchemaOneDatabaseIsMigrated) {
  TempDir dir;
  const std::string path = (dir.path() / "vuln.db").string();
  {
    auto db = Database::Open(path, true);
    ASSERT_TRUE(db.has_value());
    auto feed = ParseDebianDsaList(
        "[29 Mar 2023] DSA-5380-1 xorg-server - security update\n"
        "\t{CVE-2023-1393}\n\t[bullseye] - xorg-server 2:1.20.11-1+deb11u6\n",
        "DSA/list");
    ASSERT_TRUE(feed.has_value()) << feed.error().ToString();
    ASSERT_TRUE(db->Import(*feed, "2026-01-01T00:00:00Z").has_value());
  }
  // Back to what a schema-1 drydock wrote: no fetch_state, version 1.
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw,
                         "DROP TABLE fetch_state; "
                         "UPDATE meta SET value = '1' WHERE key = 'schema_version'",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(raw);

  auto db = Database::Open(path, false);
  ASSERT_TRUE(db.has_value()) << db.error().ToString();
  auto info = db->Info();
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->schema_version, 2);
  EXPECT_EQ(info->advisories, 1);  // the data survives the migration
  ASSERT_TRUE(db->PutFetchState({"http://127.0.0.1/x", "\"e\"", "", "t", 1, ""}).has_value());
  EXPECT_TRUE(db->GetFetchState("http://127.0.0.1/x")->has_value());
}

}  // namespace
}  // namespace drydock::vuln
