// SPDX-License-Identifier: Apache-2.0
// The drydock binary end to end: the bundled examples, flags and exit codes, suppressions,
// config discovery, SARIF validation, and bad input.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <set>
#include <thread>

#include "e2e_util.h"

namespace drydock::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

json ScanJson(std::vector<std::string> args, int expected_rc = 0,
              const std::string& cwd = DRYDOCK_SOURCE_DIR) {
  args.insert(args.begin(), {"scan", "--format", "json"});
  auto r = Drydock(args, "", cwd);
  EXPECT_EQ(r.exit_code, expected_rc) << r.err;
  return json::parse(r.out);
}

TEST(Examples, WeakDockerfileBreaksEveryBuildPractice) {
  json report = ScanJson({"examples/weak"});
  auto ids = IdsByFile(report)["examples/weak/Dockerfile"];
  // Read off examples/weak/Dockerfile line by line (see the comments there and RULES.md).
  std::set<std::string> expected = {
      "DD401", "DD402", "DD901",  // FROM golang:latest: mutable tag, toolchain final
      "DD011",                    // MAINTAINER
      "DD606",                    // ARG GITHUB_TOKEN
      "DD601",                    // ENV DB_PASSWORD=literal
      "DD012",                    // apt-get update alone
      "DD038",                    // … and the install in the next single-command RUN
      "DD002", "DD003", "DD005", "DD102", "DD202",  // apt-get install -y curl vim sudo
      "DD404", "DD015",                             // curl | bash, no pipefail
      "DD007",                                      // WORKDIR app
      "DD602", "DD902",  // COPY . . with .env in the context, sources in final
      "DD008",           // cd in RUN
      "DD006",           // ADD of a local file
      "DD809",           // EXPOSE 22
      "DD010",           // CMD in shell form
      "DD201",           // no USER
      "DD013",           // no HEALTHCHECK
  };
  EXPECT_EQ(ids, expected);
  EXPECT_EQ(report["targets"][0]["kind"], "dockerfile");
}

TEST(Examples, HardenedDockerfileIsClean) {
  json report = ScanJson({"examples/hardened"});
  EXPECT_TRUE(report["findings"].empty()) << report["findings"].dump(2);
  EXPECT_EQ(report["summary"]["HIGH"], 0);
}

TEST(Examples, ScanOfExamplesFindsEveryInputKind) {
  json report = ScanJson({"examples/"});
  std::set<std::string> targets;
  for (const auto& t : report["targets"]) {
    targets.insert(t["path"].get<std::string>() + " " + t["kind"].get<std::string>());
  }
  EXPECT_EQ(targets, (std::set<std::string>{
                         "examples/hardened/Dockerfile dockerfile",
                         "examples/hardened/compose.yaml compose",
                         "examples/hardened/k8s/app.yaml kubernetes",
                         "examples/hardened/run.sh docker-run",
                         "examples/weak/Dockerfile dockerfile",
                         "examples/weak/compose.yaml compose",
                         "examples/weak/k8s/app.yaml kubernetes",
                         "examples/weak/run.sh docker-run",
                     }));
}

TEST(ExitCodes, TrivySemantics) {
  // Default exit code is 0 even with findings.
  EXPECT_EQ(Drydock({"scan", "-q", "examples/weak"}).exit_code, 0);
  EXPECT_EQ(Drydock({"scan", "-q", "--exit-code", "1", "examples/weak"}).exit_code, 1);
  // Severity filter leaves nothing -> 0 even with --exit-code.
  EXPECT_EQ(Drydock({"scan", "-q", "--severity", "HIGH,CRITICAL", "--exit-code", "1",
                     "examples/hardened"})
                .exit_code,
            0);
  // --fail-on narrows what triggers the exit code while everything is still reported.
  auto r = Drydock(
      {"scan", "--format", "json", "--fail-on", "CRITICAL", "--exit-code", "5", "examples/weak"});
  EXPECT_EQ(r.exit_code, 5);
  json report = json::parse(r.out);
  EXPECT_GT(report["summary"]["LOW"].get<int>(), 0);  // still reported
  auto hardened =
      Drydock({"scan", "-q", "--fail-on", "LOW", "--exit-code", "4", "examples/hardened"});
  EXPECT_EQ(hardened.exit_code, 0);
}

TEST(ExitCodes, UsageAndInputErrorsAreTwo) {
  auto missing = Drydock({"scan", "no/such/dir"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("no/such/dir"), std::string::npos) << missing.err;
  EXPECT_EQ(Drydock({"scan", "--severity", "SEVERE", "examples"}).exit_code, 2);
  EXPECT_EQ(Drydock({"scan", "--format", "xml", "examples"}).exit_code, 2);
  EXPECT_EQ(Drydock({"scan", "--bogus-flag", "examples"}).exit_code, 2);
  EXPECT_EQ(Drydock({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(Drydock({}).exit_code, 2);
  EXPECT_EQ(Drydock({"dockerfile", "examples"}).exit_code, 2);  // a directory
  EXPECT_EQ(Drydock({"explain", "DD999"}).exit_code, 2);
  auto out_dir = Drydock({"scan", "-o", "/nonexistent/dir/report.json", "examples/hardened"});
  EXPECT_EQ(out_dir.exit_code, 2);
  EXPECT_FALSE(fs::exists("/nonexistent/dir"));
}

TEST(Stdin, DockerfileFromStandardInput) {
  auto r = Drydock({"dockerfile", "--format", "json", "-"}, "FROM alpine:3.20\nRUN echo hi\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto ids = IdsByFile(json::parse(r.out))["-"];
  EXPECT_TRUE(ids.count("DD201")) << r.out;
  EXPECT_TRUE(ids.count("DD401")) << r.out;
  auto scan = Drydock({"scan", "--kind", "dockerfile", "--format", "json", "-"},
                      "FROM scratch\nUSER 65532\n");
  ASSERT_EQ(scan.exit_code, 0) << scan.err;
  EXPECT_FALSE(IdsByFile(json::parse(scan.out))["-"].count("DD201"));
}

TEST(Output, WritesFileAndNothingElse) {
  TempDir tmp;
  fs::path out = tmp.path() / "report.json";
  auto r = Drydock({"scan", "--format", "json", "-o", out.string(), "examples/weak"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
  std::ifstream in(out);
  json report = json::parse(in);
  EXPECT_FALSE(report["findings"].empty());
  EXPECT_EQ(std::distance(fs::directory_iterator(tmp.path()), fs::directory_iterator()), 1);
}

// `-o` naming a FIFO (as /dev/null or /dev/stdout are devices): the report goes through it and the
// FIFO stays a FIFO. Before, the temporary file was renamed over it (as root, over /dev/null too).
TEST(Output, SpecialFilesAreWrittenInPlaceNotReplaced) {
  TempDir tmp;
  const fs::path fifo = tmp.path() / "report.fifo";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  // A writer end held open here lets the reader open without waiting, and its EOF comes only
  // when this end is closed after drydock has exited: the test ends whatever drydock did.
  const int held = open(fifo.c_str(), O_RDWR);
  ASSERT_GE(held, 0);
  std::string received;
  std::thread reader([&] {
    std::ifstream in(fifo, std::ios::binary);
    received.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  });
  auto r = Drydock({"scan", "--format", "json", "-o", fifo.string(), "examples/weak"});
  close(held);
  reader.join();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::is_fifo(fifo));
  EXPECT_FALSE(json::parse(received)["findings"].empty());
  EXPECT_EQ(std::distance(fs::directory_iterator(tmp.path()), fs::directory_iterator()), 1);
  auto dir = Drydock({"scan", "--format", "json", "-o", tmp.path().string(), "examples/weak"});
  EXPECT_EQ(dir.exit_code, 2);
  EXPECT_NE(dir.err.find("cannot write output file: Is a directory"), std::string::npos) << dir.err;
}

TEST(Suppressions, InlineConfigAndExpired) {
  TempDir tmp;
  WriteFile(tmp.path() / "app" / "Dockerfile",
            "FROM alpine:3.20@sha256:" + std::string(64, 'a') +
                "\n"
                "# drydock:ignore=DD005 pinned by the base image digest\n"
                "RUN apk add --no-cache curl\n"
                "# hadolint ignore=DL3002\n"
                "USER root\n"
                "# drydock:ignore=DD013 expires=2020-01-01 no longer true\n"
                "CMD [\"/bin/true\"]\n");
  json report = ScanJson({"app"}, 0, tmp.path().string());
  std::map<std::string, bool> suppressed;
  for (const auto& f : report["findings"])
    suppressed[f["id"].get<std::string>()] = f["suppressed"].get<bool>();
  ASSERT_TRUE(suppressed.count("DD005")) << report.dump(2);
  EXPECT_TRUE(suppressed["DD005"]);
  ASSERT_TRUE(suppressed.count("DD201"));
  EXPECT_TRUE(suppressed["DD201"]);  // through hadolint's DL3002
  EXPECT_EQ(report["summary"]["suppressed"], 2);
  // Expired: still reported, and the run says so.
  auto r = Drydock({"scan", "--format", "json", "app"}, "", tmp.path().string());
  EXPECT_NE(r.err.find("expired"), std::string::npos) << r.err;
  ASSERT_TRUE(suppressed.count("DD013"));
  EXPECT_FALSE(suppressed["DD013"]);
}

TEST(Config, FoundUpwardFromScanRoot) {
  TempDir tmp;
  WriteFile(tmp.path() / ".drydock.yaml",
            "severity: [HIGH, CRITICAL]\nrules:\n  user/root: {severity: LOW}\n");
  WriteFile(tmp.path() / "svc" / "deep" / "Dockerfile", "FROM alpine:3.20\nRUN echo hi\n");
  json report = ScanJson({"svc"}, 0, tmp.path().string());
  for (const auto& f : report["findings"]) {
    EXPECT_TRUE(f["severity"] == "HIGH" || f["severity"] == "CRITICAL") << f.dump();
    EXPECT_NE(f["id"], "DD201");  // overridden to LOW, then filtered out
  }
  // An explicit --config that does not exist is an input error.
  EXPECT_EQ(Drydock({"scan", "--config", "missing.yaml", "svc"}, "", tmp.path().string()).exit_code,
            2);
  WriteFile(tmp.path() / "bad.yaml", "severity: [HIGH\n");
  auto bad = Drydock({"scan", "--config", "bad.yaml", "svc"}, "", tmp.path().string());
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("bad.yaml"), std::string::npos) << bad.err;
}

// A project's .hadolint.yaml applies (label schema, trusted registries, ignored and overridden
// rules, failure threshold), .drydock.yaml wins key by key, and a malformed one is exit code 2.
TEST(Config, HadolintConfigIsHonoured) {
  TempDir tmp;
  fs::create_directories(tmp.path() / ".git");
  WriteFile(tmp.path() / ".hadolint.yaml",
            "failure-threshold: error\n"
            "trustedRegistries: [ghcr.io]\n"
            "ignored: [DL3002, SC2086]\n"
            "override:\n  style: [DL3007]\n"
            "label-schema:\n  version: semver\n  contact: email\n"
            "format: tty\n");
  WriteFile(tmp.path() / "svc" / "Dockerfile",
            "FROM quay.io/acme/base:latest\nLABEL version=v1 contact=me@example.com\n"
            "USER root\n");
  auto r = Drydock({"dockerfile", "--format", "json", "--exit-code", "3", "svc/Dockerfile"}, "",
                   tmp.path().string());
  json report = json::parse(r.out);
  std::map<std::string, std::string> severity;
  for (const auto& f : report["findings"]) {
    severity[f["id"].get<std::string>()] = f["severity"].get<std::string>();
  }
  EXPECT_EQ(severity["DD403"], "HIGH") << report.dump(2);  // quay.io is not trusted
  EXPECT_EQ(severity["DD058"], "MEDIUM");                  // version=v1 is not semver
  EXPECT_EQ(severity["DD402"], "INFO");                    // DL3007 overridden to style
  EXPECT_FALSE(severity.count("DD201"));                   // DL3002 ignored
  EXPECT_FALSE(severity.count("DD059"));
  EXPECT_EQ(r.exit_code, 3);  // failure-threshold: error -> fail-on HIGH, and DD403 is HIGH
  EXPECT_EQ(r.err.find("warning"), std::string::npos) << r.err;  // SC2086 and format: notes only

  // .drydock.yaml wins key by key: its trusted registries replace hadolint's, its fail-on
  // replaces failure-threshold; hadolint's ignored list still applies.
  WriteFile(tmp.path() / ".drydock.yaml", "trusted-registries: [quay.io]\nfail-on: CRITICAL\n");
  r = Drydock({"dockerfile", "--format", "json", "--exit-code", "3", "svc/Dockerfile"}, "",
              tmp.path().string());
  report = json::parse(r.out);
  std::set<std::string> ids;
  for (const auto& f : report["findings"]) ids.insert(f["id"].get<std::string>());
  EXPECT_FALSE(ids.count("DD403")) << report.dump(2);
  EXPECT_FALSE(ids.count("DD201"));
  EXPECT_TRUE(ids.count("DD058"));
  EXPECT_EQ(r.exit_code, 0);  // nothing CRITICAL

  // A malformed .hadolint.yaml stops the run like a malformed .drydock.yaml.
  WriteFile(tmp.path() / ".hadolint.yaml", "label-schema:\n  version: number\n");
  auto bad = Drydock({"dockerfile", "svc/Dockerfile"}, "", tmp.path().string());
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find(".hadolint.yaml:2:12"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("unknown label type 'number'"), std::string::npos) << bad.err;
}

TEST(Discovery, NamesSkipDirsAndSymlinks) {
  TempDir tmp;
  TempDir outside;
  WriteFile(outside.path() / "Dockerfile", "FROM alpine\n");
  const std::string df = "FROM scratch\nUSER 65532\n";
  for (const char* name : {"a/Dockerfile", "b/Dockerfile.prod", "c/api.Dockerfile",
                           "d/Containerfile", "vendor/x/Dockerfile", "e/README.md"}) {
    WriteFile(tmp.path() / "tree" / name, df);
  }
  fs::create_symlink(outside.path() / "Dockerfile", tmp.path() / "tree" / "Dockerfile.escape");
  fs::create_directory_symlink(outside.path(), tmp.path() / "tree" / "linkdir");
  auto r = Drydock({"scan", "--format", "json", "--skip-dirs", "vendor", "tree"}, "",
                   tmp.path().string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::set<std::string> targets;
  const json report = json::parse(r.out);
  for (const auto& t : report["targets"]) targets.insert(t["path"].get<std::string>());
  EXPECT_EQ(targets, (std::set<std::string>{"tree/a/Dockerfile", "tree/b/Dockerfile.prod",
                                            "tree/c/api.Dockerfile", "tree/d/Containerfile"}))
      << r.out << r.err;
}

TEST(Flags, BuildArgsAndRepeatableFlagsNeverSwallowPaths) {
  TempDir tmp;
  tmp.Write("app/Dockerfile", "ARG BASE=alpine:latest\nFROM ${BASE}\nUSER 10001\n");
  const std::string pinned = "BASE=alpine:3.20@sha256:" + std::string(64, 'a');
  auto r = Drydock({"dockerfile", "--format", "json", "--build-arg", pinned, "app/Dockerfile"}, "",
                   tmp.path().string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto ids = IdsByFile(json::parse(r.out))["app/Dockerfile"];
  EXPECT_FALSE(ids.count("DD401")) << r.out;  // the --build-arg value is judged, pinned
  EXPECT_FALSE(ids.count("DD402")) << r.out;
  auto unpinned =
      Drydock({"dockerfile", "--format", "json", "app/Dockerfile"}, "", tmp.path().string());
  EXPECT_TRUE(IdsByFile(json::parse(unpinned.out))["app/Dockerfile"].count("DD402"));
  EXPECT_EQ(
      Drydock({"dockerfile", "--build-arg", "BASE", "app/Dockerfile"}, "", tmp.path().string())
          .exit_code,
      2);
  // --skip-dirs takes one value per occurrence (or a comma list): the path after it stays a path.
  auto skip = Drydock({"scan", "--format", "json", "--skip-dirs", "weak", "examples"});
  ASSERT_EQ(skip.exit_code, 0) << skip.err;
  const json report = json::parse(skip.out);
  ASSERT_EQ(report["targets"].size(), 4u);
  for (const auto& t : report["targets"]) {
    EXPECT_EQ(t["path"].get<std::string>().rfind("examples/hardened/", 0), 0u) << t;
  }
}

TEST(Flags, TargetJudgesTheStageThatIsBuilt) {
  TempDir tmp;
  tmp.Write("Dockerfile",
            "FROM node:20-slim@sha256:" + std::string(64, 'b') +
                " AS dev\n"
                "RUN npm install\nUSER 10001\n"
                "FROM gcr.io/distroless/nodejs20-debian12:nonroot@sha256:" +
                std::string(64, 'c') +
                "\nCOPY --from=dev /app /app\nHEALTHCHECK CMD [\"/nodejs/bin/node\", \"hc.js\"]\n"
                "CMD [\"/app/server.js\"]\n");
  auto ids = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = {"dockerfile", "--format", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back("Dockerfile");
    auto r = Drydock(args, "", tmp.path().string());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return IdsByFile(json::parse(r.out))["Dockerfile"];
  };
  EXPECT_FALSE(ids({}).count("DD903"));  // the dev stage is a builder of the final image
  auto dev = ids({"--target", "dev"});
  EXPECT_TRUE(dev.count("DD903"));  // built as the image: its dev dependencies ship
  EXPECT_TRUE(dev.count("DD013"));  // and it has no HEALTHCHECK
  auto bad = Drydock({"dockerfile", "--format", "json", "--target", "prod", "Dockerfile"}, "",
                     tmp.path().string());
  EXPECT_TRUE(IdsByFile(json::parse(bad.out))["Dockerfile"].count("DD001")) << bad.out;
}

TEST(Rules, ListAndExplain) {
  auto r = Drydock({"rules", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json rules = json::parse(r.out);
  ASSERT_TRUE(rules.is_array());
  EXPECT_GE(rules.size(), 36u);  // every B rule of RULES.md
  auto explain = Drydock({"explain", "DD201"});
  ASSERT_EQ(explain.exit_code, 0);
  EXPECT_NE(explain.out.find("user/root"), std::string::npos);
  // Explain through a peer reference.
  auto by_ref = Drydock({"explain", "--format", "json", "DL3008"});
  ASSERT_EQ(by_ref.exit_code, 0);
  EXPECT_EQ(json::parse(by_ref.out)["id"], "DD005");
}

TEST(Rules, DocsAreGeneratedFromMetadata) {
  auto r = Drydock({"rules", "--format", "markdown"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::ifstream in(std::string(DRYDOCK_SOURCE_DIR) + "/docs/rules.md", std::ios::binary);
  std::string committed((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_TRUE(r.out == committed) << "docs/rules.md is stale: run scripts/gen-docs";
  EXPECT_EQ(Drydock({"scan", "--format", "markdown", "examples"}).exit_code, 2);
}

TEST(Rules, PeersDocIsGeneratedFromMetadata) {
  auto r = Drydock({"rules", "--format", "peers"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::ifstream in(std::string(DRYDOCK_SOURCE_DIR) + "/docs/peers.md", std::ios::binary);
  std::string committed((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_TRUE(r.out == committed) << "docs/peers.md is stale: run scripts/gen-docs";
  EXPECT_NE(r.out.find("| DL3041 | warning |"), std::string::npos);
  EXPECT_EQ(r.out.find("| —"), std::string::npos) << "a peer rule without a drydock rule";
}

TEST(Rules, ExplainEveryHadolintId) {
  // Every DL id of the peer table resolves; the table view names the peer rule first.
  auto rules = json::parse(Drydock({"rules", "--format", "json"}).out);
  std::set<std::string> refs;
  for (const auto& rule : rules) {
    for (const auto& ref : rule["references"]) refs.insert(ref.get<std::string>());
  }
  for (std::string id : {"DL1001", "DL3041", "DL3057", "DL3060", "DL4005"}) {
    auto r = Drydock({"explain", id});
    ASSERT_EQ(r.exit_code, 0) << id << ": " << r.err;
    EXPECT_EQ(r.out.rfind("hadolint " + id, 0), 0u) << r.out;
    EXPECT_TRUE(refs.contains(id)) << id;
  }
  auto several = Drydock({"explain", "--format", "json", "DL3064"});
  ASSERT_EQ(several.exit_code, 0);
  EXPECT_TRUE(json::parse(several.out).is_array()) << "several rules carry DL3064: an array";
}

TEST(Sarif, ValidatesWithSarifMultitool) {
  const std::string tool = FindSarifValidator();
  if (tool.empty()) GTEST_SKIP() << "sarif-multitool not installed (scripts/setup)";
  auto r = Drydock({"scan", "--format", "sarif", "examples/"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* kind : {"Sarif", "Gh", "Ghas"}) {
    bool ran = false;
    json problems = ValidateSarif(r.out, tool, kind, &ran);
    EXPECT_TRUE(ran) << kind;
    EXPECT_TRUE(problems.empty()) << kind << ": " << problems.dump(2);
  }
  json doc = json::parse(r.out);
  EXPECT_EQ(doc["version"], "2.1.0");
  EXPECT_FALSE(doc["runs"][0]["results"].empty());
}

TEST(HostileInput, FailsCleanly) {
  TempDir tmp;
  // 50 MB on one line, binary garbage, unterminated heredoc: each gives DD001 or an error.
  WriteFile(tmp.path() / "long" / "Dockerfile",
            "FROM alpine\nRUN echo " + std::string(50u << 20, 'a') + "\n");
  std::string garbage(1u << 20, '\0');
  unsigned state = 12345;
  for (auto& c : garbage) c = static_cast<char>((state = state * 1103515245 + 12345) >> 16);
  WriteFile(tmp.path() / "garbage" / "Dockerfile", garbage);
  WriteFile(tmp.path() / "heredoc" / "Dockerfile", "FROM alpine\nRUN <<EOF\necho never ends\n");
  for (const char* dir : {"long", "garbage", "heredoc"}) {
    auto r = Drydock({"scan", "--format", "json", dir}, "", tmp.path().string());
    ASSERT_EQ(r.exit_code, 0) << dir << ": " << r.err;
    EXPECT_TRUE(IdsByFile(json::parse(r.out))[std::string(dir) + "/Dockerfile"].count("DD001"))
        << dir;
  }
}

}  // namespace
}  // namespace drydock::testing
