// SPDX-License-Identifier: Apache-2.0
// End to end: `drydock db update` against tests/tools/feed_server.py on 127.0.0.1 with the corpus
// feeds (skipping visibly when absent): the first update imports what `db import` imports, the
// second is a 304, an interrupted run resumes in the next with a Range request, a failing source
// (unreachable port, refused redirect) gives exit 2 with its name and URL while the others are
// updated; `db sources` / `db update --list`. Never any network but loopback.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "e2e_util.h"
#include "vuln/feed_server_fixture.h"

namespace drydock::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

json Info(const std::string& db) {
  ProcessResult r = Drydock({"db", "info", "--db", db, "-f", "json"});
  if (r.exit_code != 0) return json();
  json j = json::parse(r.out);
  for (auto& s : j["sources"]) s.erase("location");  // a path for import, the URL for update
  j.erase("path");
  return j;
}

class DbUpdateE2e : public ::testing::Test {
 protected:
  void SetUp() override {
    alpine_ = CorpusDir() / "vulndb/alpine-secdb-legacy-v3.3-v3.11/v3.11/main.yaml";
    dsa_ = CorpusDir() / "vulndb/debian-security-tracker-2023-04/data/DSA/list";
    if (!fs::exists(alpine_) || !fs::exists(dsa_)) GTEST_SKIP() << "corpus vulndb feeds absent";
    served_.Write("v3.11/main.yaml", ReadAll(alpine_));
    served_.Write("DSA/list", ReadAll(dsa_));
    server_ = std::make_unique<FeedServer>(served_.path());
    if (!server_->ok()) GTEST_SKIP() << "python3 feed server did not start";
    db_ = (work_.path() / "cache/vuln.db").string();
  }
  ProcessResult Update(const std::string& dsa_url, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"db",
                                     "update",
                                     "--db",
                                     db_,
                                     "--source",
                                     "debian-dsa",
                                     "--url",
                                     "debian-dsa=" + dsa_url,
                                     "--alpine-branch",
                                     "3.11",
                                     "--source",
                                     "alpine-3.11-main",
                                     "--url",
                                     "alpine-3.11-main=" + server_->Url("v3.11/main.yaml")};
    args.insert(args.end(), extra.begin(), extra.end());
    return Drydock(args);
  }
  fs::path alpine_, dsa_;
  TempDir served_, work_;
  std::unique_ptr<FeedServer> server_;
  std::string db_;
};

TEST_F(DbUpdateE2e, UpdatesLikeAnImportThenIsUpToDate) {
  ProcessResult first = Update(server_->Url("DSA/list"));
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(first.err, "");  // no progress when stderr is not a terminal
  EXPECT_NE(first.out.find("debian-dsa: updated debian DSA list: "), std::string::npos)
      << first.out;
  EXPECT_NE(first.out.find("2 updated, 0 up to date, 0 failed"), std::string::npos);

  const std::string direct = (work_.path() / "direct.db").string();
  ASSERT_EQ(Drydock({"db", "import", "--db", direct, alpine_.string(), dsa_.string()}).exit_code,
            0);
  json updated = Info(db_);
  json imported = Info(direct);
  for (auto* j : {&updated, &imported}) {
    for (auto& s : (*j)["sources"]) s.erase("imported_at");
  }
  EXPECT_EQ(updated, imported);
  EXPECT_GT(updated.at("ranges").get<int>(), 8000);

  ProcessResult second = Update(server_->Url("DSA/list"));
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find("0 updated, 2 up to date, 0 failed"), std::string::npos) << second.out;
  const json requests = server_->Requests();
  ASSERT_EQ(requests.size(), 4u) << requests.dump();
  EXPECT_EQ(requests[2]["status"], 304);
  EXPECT_NE(requests[2]["if_none_match"], "");
  EXPECT_EQ(requests[3]["status"], 304);
  EXPECT_TRUE(requests[3]["user_agent"].get<std::string>().starts_with("drydock/"));
}

TEST_F(DbUpdateE2e, AnInterruptedRunResumesInTheNext) {
  const std::string url = server_->Url("DSA/list?drop=400000");
  ProcessResult interrupted = Update(url, {"--retries", "0"});
  EXPECT_EQ(interrupted.exit_code, 2);
  EXPECT_NE(interrupted.err.find("debian-dsa (" + url + ")"), std::string::npos) << interrupted.err;
  EXPECT_NE(interrupted.out.find("1 updated, 0 up to date, 1 failed"), std::string::npos)
      << interrupted.out;
  ProcessResult resumed = Update(url, {"--retries", "0"});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_NE(resumed.out.find("resumed"), std::string::npos) << resumed.out;
  const json requests = server_->Requests();
  bool ranged = false;
  for (const auto& r : requests) {
    if (r["range"] == "bytes=400000-" && r["status"] == 206) ranged = true;
  }
  EXPECT_TRUE(ranged) << requests.dump();

  const std::string direct = (work_.path() / "direct.db").string();
  ASSERT_EQ(Drydock({"db", "import", "--db", direct, alpine_.string(), dsa_.string()}).exit_code,
            0);
  json a = Info(db_), b = Info(direct);
  for (auto* j : {&a, &b}) {
    for (auto& s : (*j)["sources"]) s.erase("imported_at");
  }
  EXPECT_EQ(a, b);
}

TEST_F(DbUpdateE2e, FailingSourcesExitTwoAndNameThemselves) {
  const std::string unreachable =
      "http://127.0.0.1:" + std::to_string(UnusedLoopbackPort()) + "/DSA/list";
  ProcessResult down = Update(unreachable, {"--retries", "0"});
  EXPECT_EQ(down.exit_code, 2);
  EXPECT_NE(down.err.find("drydock: error: debian-dsa (" + unreachable + "): "), std::string::npos)
      << down.err;
  EXPECT_NE(down.err.find("onnect"), std::string::npos) << down.err;
  EXPECT_NE(down.out.find("alpine-3.11-main: updated"), std::string::npos) << down.out;

  ProcessResult redirect = Update(server_->Url("DSA/list?redirect=ftp://127.0.0.1/list"));
  EXPECT_EQ(redirect.exit_code, 2);
  EXPECT_NE(redirect.err.find("refused"), std::string::npos) << redirect.err;

  // A 500 once: retried (after the default one-second backoff), then updated.
  ProcessResult retried = Update(server_->Url("DSA/list?fail=500"));
  EXPECT_EQ(retried.exit_code, 0) << retried.err;
  EXPECT_NE(retried.out.find("debian-dsa: updated"), std::string::npos) << retried.out;

  ProcessResult unknown = Drydock({"db", "update", "--db", db_, "--source", "nvd"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("unknown source 'nvd'"), std::string::npos) << unknown.err;
  ProcessResult bad_url = Drydock({"db", "update", "--db", db_, "--url", "debian-dsa"});
  EXPECT_EQ(bad_url.exit_code, 2);
}

TEST(DbUpdateHttpsE2e, VerifiesCertificatesUnlessGivenTheCa) {
  const fs::path dsa = CorpusDir() / "vulndb/debian-security-tracker-2023-04/data/DSA/list";
  if (!fs::exists(dsa)) GTEST_SKIP() << "corpus DSA list absent";
  TempDir dir;
  const std::string cert = (dir.path() / "cert.pem").string();
  const std::string key = (dir.path() / "key.pem").string();
  ProcessResult made = RunProcess({"openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                                   "-keyout", key, "-out", cert, "-days", "1", "-subj",
                                   "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"});
  if (made.exit_code != 0) GTEST_SKIP() << "openssl CLI unavailable: " << made.err;
  dir.Write("served/list", ReadAll(dsa));
  FeedServer server(dir.path() / "served", {cert, key});
  if (!server.ok()) GTEST_SKIP() << "python3 feed server did not start";
  const std::string db = (dir.path() / "vuln.db").string();
  const std::vector<std::string> base = {
      "db",        "update",     "--db",  db,
      "--source",  "debian-dsa", "--url", "debian-dsa=" + server.Url("list"),
      "--retries", "0"};
  ProcessResult untrusted = Drydock(base);
  EXPECT_EQ(untrusted.exit_code, 2);
  EXPECT_NE(untrusted.err.find("certificate"), std::string::npos) << untrusted.err;

  std::vector<std::string> with_ca = base;
  with_ca.insert(with_ca.end(), {"--ca-bundle", cert});
  ProcessResult trusted = Drydock(with_ca);
  ASSERT_EQ(trusted.exit_code, 0) << trusted.err;
  EXPECT_NE(trusted.out.find("debian-dsa: updated debian DSA list"), std::string::npos);

  setenv("CURL_CA_BUNDLE", cert.c_str(), 1);  // the environment works too
  ProcessResult by_env = Drydock(base);
  unsetenv("CURL_CA_BUNDLE");
  ASSERT_EQ(by_env.exit_code, 0) << by_env.err;
  EXPECT_NE(by_env.out.find("debian-dsa: up to date"), std::string::npos) << by_env.out;
}

TEST(DbSourcesE2e, ListsTheBuiltInFeeds) {
  ProcessResult table = Drydock({"db", "sources", "--alpine-branch", "3.20"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("debian-tracker  debian-tracker-json  "
                           "https://security-tracker.debian.org/tracker/data/json  [default]"),
            std::string::npos)
      << table.out;
  EXPECT_NE(table.out.find("alpine-3.20-community"), std::string::npos);
  ProcessResult list = Drydock({"db", "update", "--list", "--alpine-branch", "3.20"});
  EXPECT_EQ(list.out, table.out);
  ProcessResult j = Drydock({"db", "sources", "-f", "json"});
  ASSERT_EQ(j.exit_code, 0);
  const json sources = json::parse(j.out);
  ASSERT_GT(sources.size(), 8u);
  for (const auto& s : sources) {
    EXPECT_TRUE(s.at("url").get<std::string>().starts_with("https://")) << s.dump();
  }
}

}  // namespace
}  // namespace drydock::testing
