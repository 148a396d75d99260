// SPDX-License-Identifier: Apache-2.0
// vuln::Fetch against the loopback feed server (tests/tools/feed_server.py): conditional
// requests, resumed downloads (in one call and across calls), 416 and If-Range mismatches,
// retries, refused redirects, size limits, O_NOFOLLOW, and HTTPS with a generated CA.
#include "vuln/fetch.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "support/files.h"
#include "support/subprocess.h"
#include "vuln/feed_server_fixture.h"

namespace drydock::vuln {
namespace {

namespace fs = std::filesystem;
using testing::FeedServer;
using testing::TempDir;

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// 200 KB of varied text, so offsets matter.
std::string Payload() {
  std::string text;
  for (int i = 0; text.size() < 200000; ++i) text += "line " + std::to_string(i * 7919) + "\n";
  return text;
}

FetchOptions Fast() {
  FetchOptions o;
  o.backoff = std::chrono::milliseconds(10);
  o.connect_timeout = std::chrono::seconds(5);
  o.low_speed_time = std::chrono::seconds(10);
  return o;
}

class FetchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    payload_ = Payload();
    served_.Write("feed.txt", payload_);
    server_ = std::make_unique<FeedServer>(served_.path());
    if (!server_->ok()) GTEST_SKIP() << "python3 feed server did not start";
    dest_ = (work_.path() / "feed").string();
  }
  std::string payload_;
  TempDir served_, work_;
  std::unique_ptr<FeedServer> server_;
  std::string dest_;
};

TEST_F(FetchTest, DownloadsThenAsksConditionally) {
  auto first = Fetch(server_->Url("feed.txt"), dest_, {}, Fast());
  ASSERT_TRUE(first.has_value()) << first.error().ToString();
  EXPECT_FALSE(first->not_modified);
  EXPECT_EQ(first->bytes, static_cast<std::int64_t>(payload_.size()));
  EXPECT_EQ(first->sha256.size(), 64u);
  EXPECT_FALSE(first->etag.empty());
  EXPECT_FALSE(first->last_modified.empty());
  EXPECT_EQ(ReadAll(dest_), payload_);
  EXPECT_FALSE(fs::exists(dest_ + ".part"));

  auto again = Fetch(server_->Url("feed.txt"), dest_, {first->etag, first->last_modified}, Fast());
  ASSERT_TRUE(again.has_value()) << again.error().ToString();
  EXPECT_TRUE(again->not_modified);
  // Only If-Modified-Since: also 304.
  auto by_date = Fetch(server_->Url("feed.txt"), dest_, {"", first->last_modified}, Fast());
  ASSERT_TRUE(by_date.has_value());
  EXPECT_TRUE(by_date->not_modified);
  // A stale ETag: the whole file again.
  auto stale = Fetch(server_->Url("feed.txt"), dest_, {"\"other\"", ""}, Fast());
  ASSERT_TRUE(stale.has_value());
  EXPECT_FALSE(stale->not_modified);

  const auto requests = server_->Requests();
  ASSERT_EQ(requests.size(), 4u) << requests.dump();
  EXPECT_EQ(requests[0]["status"], 200);
  EXPECT_EQ(requests[0]["if_none_match"], "");
  EXPECT_EQ(requests[0]["user_agent"], UserAgent());
  EXPECT_EQ(requests[1]["status"], 304);
  EXPECT_EQ(requests[1]["if_none_match"], first->etag);
  EXPECT_EQ(requests[1]["if_modified_since"], first->last_modified);
  EXPECT_EQ(requests[2]["status"], 304);
  EXPECT_EQ(requests[2]["if_none_match"], "");
  EXPECT_EQ(requests[3]["status"], 200);
  EXPECT_EQ(requests[3]["sent"], payload_.size());
}

TEST_F(FetchTest, ResumesADroppedTransferWithARangeRequest) {
  auto r = Fetch(server_->Url("feed.txt?drop=70000"), dest_, {}, Fast());
  ASSERT_TRUE(r.has_value()) << r.error().ToString();
  EXPECT_TRUE(r->resumed);
  EXPECT_EQ(r->attempts, 2);
  EXPECT_EQ(ReadAll(dest_), payload_);
  const auto requests = server_->Requests();
  ASSERT_EQ(requests.size(), 2u) << requests.dump();
  EXPECT_EQ(requests[0]["sent"], 70000);
  EXPECT_EQ(requests[1]["range"], "bytes=70000-");
  EXPECT_EQ(requests[1]["if_range"], r->etag);
  EXPECT_EQ(requests[1]["status"], 206);
  EXPECT_EQ(requests[1]["sent"], payload_.size() - 70000);
}

TEST_F(FetchTest, ResumesAcrossCallsFromAPrivatePartFile) {
  FetchOptions once = Fast();
  once.retries = 0;
  auto failed = Fetch(server_->Url("feed.txt?drop=50000"), dest_, {}, once);
  ASSERT_FALSE(failed.has_value());
  EXPECT_NE(failed.error().message.find("feed.txt?drop=50000"), std::string::npos);
  struct stat st {};
  ASSERT_EQ(stat((dest_ + ".part").c_str(), &st), 0);
  EXPECT_EQ(st.st_size, 50000);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_FALSE(fs::exists(dest_));

  auto resumed = Fetch(server_->Url("feed.txt?drop=50000"), dest_, {}, once);
  ASSERT_TRUE(resumed.has_value()) << resumed.error().ToString();
  EXPECT_TRUE(resumed->resumed);
  EXPECT_EQ(ReadAll(dest_), payload_);
  const auto requests = server_->Requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[1]["range"], "bytes=50000-");
  EXPECT_FALSE(fs::exists(dest_ + ".part"));
  EXPECT_FALSE(fs::exists(dest_ + ".part.validator"));
}

TEST_F(FetchTest, AStalePartFileStartsOver) {
  // A .part from another version of the file: If-Range does not match, the server sends 200.
  work_.Write("feed.part", "stale bytes that are not the feed");
  work_.Write("feed.part.validator", "\"another-version\"");
  auto r = Fetch(server_->Url("feed.txt"), dest_, {}, Fast());
  ASSERT_TRUE(r.has_value()) << r.error().ToString();
  EXPECT_FALSE(r->resumed);
  EXPECT_EQ(ReadAll(dest_), payload_);
  const auto requests = server_->Requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0]["if_range"], "\"another-version\"");
  EXPECT_EQ(requests[0]["status"], 200);
}

TEST_F(FetchTest, AWrongContentLengthRetriesThrough416) {
  // The first answer announces 100 bytes more than it sends: the complete .part is then asked
  // for bytes past the end (416), so the download starts over.
  auto r = Fetch(server_->Url("feed.txt?badlength=100"), dest_, {}, Fast());
  ASSERT_TRUE(r.has_value()) << r.error().ToString();
  EXPECT_EQ(ReadAll(dest_), payload_);
  const auto requests = server_->Requests();
  ASSERT_EQ(requests.size(), 3u) << requests.dump();
  EXPECT_EQ(requests[0]["status"], 200);
  EXPECT_EQ(requests[1]["status"], 416);
  EXPECT_EQ(requests[1]["range"], "bytes=" + std::to_string(payload_.size()) + "-");
  EXPECT_EQ(requests[2]["status"], 200);
}

TEST_F(FetchTest, RetriesA500ButNotA404) {
  auto r = Fetch(server_->Url("feed.txt?fail=500"), dest_, {}, Fast());
  ASSERT_TRUE(r.has_value()) << r.error().ToString();
  EXPECT_EQ(r->attempts, 2);
  EXPECT_EQ(ReadAll(dest_), payload_);

  FetchOptions two = Fast();
  two.retries = 2;
  auto always = Fetch(server_->Url("feed.txt?always=503"), dest_ + "2", {}, two);
  ASSERT_FALSE(always.has_value());
  EXPECT_NE(always.error().message.find("HTTP 503 (after 3 attempts)"), std::string::npos)
      << always.error().message;

  auto missing = Fetch(server_->Url("absent.txt"), dest_ + "3", {}, Fast());
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().message.find("HTTP 404"), std::string::npos);
  EXPECT_EQ(missing.error().message.find("attempts"), std::string::npos);
  EXPECT_EQ(server_->Requests().size(), 2u + 3u + 1u);
  EXPECT_FALSE(fs::exists(dest_ + "2.part"));  // nothing to resume is not left behind
}

TEST_F(FetchTest, RedirectsOnlyToHttp) {
  const std::string to_file = "feed.txt?redirect=" + server_->Url("feed.txt");
  auto followed = Fetch(server_->Url(to_file), dest_, {}, Fast());
  ASSERT_TRUE(followed.has_value()) << followed.error().ToString();
  EXPECT_EQ(ReadAll(dest_), payload_);

  for (const std::string target : {"ftp://127.0.0.1/feed.txt", "file:///etc/passwd"}) {
    auto refused = Fetch(server_->Url("feed.txt?redirect=" + target), dest_ + "x", {}, Fast());
    ASSERT_FALSE(refused.has_value()) << target;
    EXPECT_NE(refused.error().message.find("refused"), std::string::npos)
        << refused.error().message;
    EXPECT_FALSE(fs::exists(dest_ + "x"));
  }
  auto not_http = Fetch("file:///etc/passwd", dest_ + "y", {}, Fast());
  ASSERT_FALSE(not_http.has_value());
  EXPECT_NE(not_http.error().message.find("only http:// and https://"), std::string::npos);
}

TEST_F(FetchTest, UnreachablePortFailsAfterBoundedRetries) {
  FetchOptions o = Fast();
  o.retries = 1;
  const std::string url =
      "http://127.0.0.1:" + std::to_string(testing::UnusedLoopbackPort()) + "/feed.txt";
  auto r = Fetch(url, dest_, {}, o);
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find(url), std::string::npos);
  EXPECT_NE(r.error().message.find("onnect"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("after 2 attempts"), std::string::npos);
}

TEST_F(FetchTest, RefusesFilesOverTheLimit) {
  FetchOptions small = Fast();
  small.max_bytes = 1000;
  auto r = Fetch(server_->Url("feed.txt"), dest_, {}, small);
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find("limit of 1000 bytes"), std::string::npos) << r.error().message;
  EXPECT_EQ(server_->Requests().size(), 1u);  // not retried
  EXPECT_FALSE(fs::exists(dest_));
}

TEST_F(FetchTest, DoesNotFollowASymlinkedPartFile) {
  work_.Write("victim", "keep me");
  fs::create_symlink(work_.path() / "victim", dest_ + ".part");
  auto r = Fetch(server_->Url("feed.txt"), dest_, {}, Fast());
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(ReadAll(work_.path() / "victim"), "keep me");
  EXPECT_TRUE(server_->Requests().empty());
}

TEST(FetchHttps, VerifiesAgainstTheGivenCaOnly) {
  TempDir dir;
  const std::string cert = (dir.path() / "cert.pem").string();
  const std::string key = (dir.path() / "key.pem").string();
  auto made = testing::RunProcess({"openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                                   "-keyout", key, "-out", cert, "-days", "1", "-subj",
                                   "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"});
  if (made.exit_code != 0) GTEST_SKIP() << "openssl CLI unavailable: " << made.err;
  dir.Write("served/feed.txt", Payload());
  FeedServer server(dir.path() / "served", {cert, key});
  if (!server.ok()) GTEST_SKIP() << "python3 feed server did not start";
  const std::string dest = (dir.path() / "feed").string();

  FetchOptions o = Fast();
  o.retries = 0;
  auto untrusted = Fetch(server.Url("feed.txt"), dest, {}, o);
  ASSERT_FALSE(untrusted.has_value()) << "a self-signed certificate must not verify by default";
  EXPECT_NE(untrusted.error().message.find("certificate"), std::string::npos)
      << untrusted.error().message;

  o.ca_bundle = cert;
  auto trusted = Fetch(server.Url("feed.txt"), dest, {}, o);
  ASSERT_TRUE(trusted.has_value()) << trusted.error().ToString();
  EXPECT_EQ(ReadAll(dest), Payload());

  // From https, a redirect to plain http is refused.
  auto downgrade =
      Fetch(server.Url("feed.txt?redirect=http://127.0.0.1:1/feed.txt"), dest + "2", {}, o);
  ASSERT_FALSE(downgrade.has_value());
  EXPECT_NE(downgrade.error().message.find("refused"), std::string::npos)
      << downgrade.error().message;
}

}  // namespace
}  // namespace drydock::vuln
