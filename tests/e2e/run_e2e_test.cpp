// SPDX-License-Identifier: Apache-2.0
// Run-side auditing end to end: Kubernetes manifests, compose files and docker run lines through
// the binary. The seed's own snippets and their weak twins, one weakness in three syntaxes,
// Pod Security Standards, pragmas in YAML, hostile YAML, bad input, and the k8s/compose corpus
// (no DD001 except the files listed as really invalid; findings-per-rule histogram printed).
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iostream>

#include "e2e_util.h"

namespace drydock::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

json RunJson(std::vector<std::string> args, const std::string& stdin_text = "",
             int expected_rc = 0) {
  args.insert(args.begin() + 1, {"--format", "json"});
  auto r = Drydock(args, stdin_text);
  EXPECT_EQ(r.exit_code, expected_rc) << r.err;
  if (r.out.empty()) return json::object({{"findings", json::array()}});
  return json::parse(r.out);
}

std::set<std::string> Ids(const json& report) {
  std::set<std::string> ids;
  for (const auto& f : report.at("findings")) {
    if (!f.at("suppressed").get<bool>()) ids.insert(f.at("id").get<std::string>());
  }
  return ids;
}

// Findings at or above MEDIUM, as "DDxxx message" lines for failure output.
std::vector<std::string> AboveLow(const json& report) {
  std::vector<std::string> out;
  for (const auto& f : report.at("findings")) {
    std::string sev = f.at("severity").get<std::string>();
    if (sev != "LOW" && sev != "INFO") {
      out.push_back(f.at("id").get<std::string>() + " " + f.at("message").get<std::string>());
    }
  }
  return out;
}

// The seed's Deployment: read-only root, no privilege escalation, runAsNonRoot, runAsUser 1000,
// drop ALL, requests/limits, a secretKeyRef env, and a default-deny NetworkPolicy.
constexpr const char* kSeedDeployment = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
        - name: api
          image: shop/api:1.4.2@sha256:6d71b7c3f884e7b9552bffa852d938315ecca843dcc75a86ee7000567da0923d
          securityContext:
            readOnlyRootFilesystem: true
            allowPrivilegeEscalation: false
            runAsNonRoot: true
            runAsUser: 1000
            capabilities:
              drop: ["ALL"]
          resources:
            requests: {cpu: 250m, memory: 256Mi}
            limits: {cpu: 500m, memory: 512Mi}
          env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef: {name: db, key: password}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: shop
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
)";

// Its weak twin: every one of those settings removed or reversed.
constexpr const char* kWeakDeployment = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
        - name: api
          image: shop/api:latest
          securityContext:
            allowPrivilegeEscalation: true
            runAsUser: 0
            capabilities:
              add: ["SYS_ADMIN"]
          env:
            - name: DB_PASSWORD
              value: "Xk9#mP2$vL7qR4wZ"
)";

const std::vector<std::string> kSeedRun = {"run",
                                           "--",
                                           "docker",
                                           "run",
                                           "--read-only",
                                           "--tmpfs",
                                           "/tmp:rw,noexec,nosuid,size=64m",
                                           "--memory=512m",
                                           "--memory-swap=512m",
                                           "--cpus=1.0",
                                           "--pids-limit=256",
                                           "--ulimit",
                                           "nofile=1024:1024",
                                           "--cap-drop=ALL",
                                           "--cap-add=NET_BIND_SERVICE",
                                           "myapp:1.0"};

// The rules of limits (DD70x), filesystem (DD50x) and capabilities (DD801/802).
bool LimitsFsOrCaps(const std::string& id) {
  return id.rfind("DD7", 0) == 0 || id.rfind("DD5", 0) == 0 || id == "DD801" || id == "DD802";
}

TEST(SeedSnippets, DeploymentHasNothingAboveLow) {
  TempDir dir;
  dir.Write("api.yaml", kSeedDeployment);
  json report = RunJson({"k8s", (dir.path() / "api.yaml").string()});
  EXPECT_TRUE(AboveLow(report).empty()) << ::testing::PrintToString(AboveLow(report));
  EXPECT_EQ(report["targets"][0]["kind"], "kubernetes");
  // The gate agrees: nothing at MEDIUM or above.
  auto gated = Drydock({"k8s", "-q", "--severity", "MEDIUM,HIGH,CRITICAL", "--exit-code", "1",
                        (dir.path() / "api.yaml").string()});
  EXPECT_EQ(gated.exit_code, 0) << gated.out;
}

TEST(SeedSnippets, WeakDeploymentFiresTheExpectedRules) {
  TempDir dir;
  dir.Write("api.yaml", kWeakDeployment);
  auto ids = Ids(RunJson({"k8s", (dir.path() / "api.yaml").string()}));
  for (const char* id : {"DD201", "DD402", "DD401", "DD501", "DD601", "DD701", "DD702", "DD706",
                         "DD801", "DD802", "DD804", "DD811"}) {
    EXPECT_TRUE(ids.count(id)) << id << " in " << ::testing::PrintToString(ids);
  }
}

TEST(SeedSnippets, DockerRunLinePassesLimitsFilesystemAndCapabilities) {
  json report = RunJson(kSeedRun);
  for (const auto& id : Ids(report)) EXPECT_FALSE(LimitsFsOrCaps(id)) << id;
  EXPECT_EQ(report["targets"][0]["kind"], "docker-run");
}

TEST(SeedSnippets, WeakDockerRunTwinFires) {
  // docker mounts a tmpfs noexec,nosuid unless `exec`/`suid` is written.
  auto ids = Ids(RunJson({"run", "--", "docker", "run", "--tmpfs", "/tmp:exec", "--memory=512m",
                          "--cap-add=SYS_ADMIN", "myapp:1.0"}));
  for (const char* id : {"DD501", "DD502", "DD702", "DD703", "DD704", "DD705", "DD801", "DD802"}) {
    EXPECT_TRUE(ids.count(id)) << id;
  }
}

// One weakness, three syntaxes, the same rule ids.
TEST(OneRuleSet, SameWeaknessSameIdsInEverySyntax) {
  TempDir dir;
  dir.Write("pod.yaml", R"(apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
    - name: web
      image: nginx:1.27
      securityContext:
        capabilities: {add: [SYS_ADMIN]}
      volumeMounts: [{name: sock, mountPath: /var/run/docker.sock}]
  volumes:
    - name: sock
      hostPath: {path: /var/run/docker.sock}
)");
  dir.Write("compose.yaml", R"(services:
  web:
    image: nginx:1.27
    cap_add: [SYS_ADMIN]
    volumes: ["/var/run/docker.sock:/var/run/docker.sock"]
)");
  dir.Write("run.sh",
            "#!/bin/sh\ndocker run --cap-add SYS_ADMIN "
            "-v /var/run/docker.sock:/var/run/docker.sock nginx:1.27\n");
  json report = RunJson({"scan", dir.path().string()});
  auto by_file = IdsByFile(report);
  ASSERT_EQ(by_file.size(), 3u) << report.dump(2);
  for (const auto& [file, ids] : by_file) {
    for (const char* id : {"DD802", "DD504", "DD701"}) {
      EXPECT_TRUE(ids.count(id)) << file << " lacks " << id;
    }
  }
}

TEST(Examples, RunSideTwins) {
  json hardened = RunJson({"scan", "examples/hardened"});
  EXPECT_TRUE(hardened["findings"].empty()) << hardened["findings"].dump(2);
  json weak = RunJson({"scan", "examples/weak"});
  auto by_file = IdsByFile(weak);
  for (const char* id : {"DD201", "DD402", "DD501", "DD502", "DD503", "DD504", "DD601", "DD701",
                         "DD802", "DD803", "DD805", "DD806", "DD809"}) {
    EXPECT_TRUE(by_file["examples/weak/k8s/app.yaml"].count(id)) << "k8s " << id;
  }
  for (const char* id :
       {"DD402", "DD504", "DD503", "DD601", "DD802", "DD803", "DD805", "DD806", "DD807", "DD809"}) {
    EXPECT_TRUE(by_file["examples/weak/compose.yaml"].count(id)) << "compose " << id;
  }
  for (const char* id : {"DD402", "DD408", "DD504", "DD601", "DD802", "DD803", "DD805", "DD806"}) {
    EXPECT_TRUE(by_file["examples/weak/run.sh"].count(id)) << "run.sh " << id;
  }
}

TEST(Pss, LevelsPerWorkloadAndGate) {
  json hardened = RunJson({"k8s", "--pss", "restricted", "examples/hardened/k8s/app.yaml"});
  ASSERT_EQ(hardened["pss"]["workloads"].size(), 1u) << hardened.dump(2);
  EXPECT_EQ(hardened["pss"]["workloads"][0]["level"], "restricted");
  EXPECT_TRUE(hardened["pss"]["workloads"][0]["meets"].get<bool>());

  json weak = RunJson({"k8s", "--pss", "baseline", "examples/weak/k8s/app.yaml"});
  ASSERT_EQ(weak["pss"]["workloads"].size(), 1u);
  EXPECT_EQ(weak["pss"]["workloads"][0]["level"], "privileged");
  EXPECT_FALSE(weak["pss"]["workloads"][0]["meets"].get<bool>());
  EXPECT_FALSE(weak["pss"]["workloads"][0]["violations"].empty());
  // A workload below the required level fails the gate.
  EXPECT_EQ(Drydock({"k8s", "-q", "--pss", "baseline", "--severity", "CRITICAL", "--exit-code", "4",
                     "--format", "json", "examples/weak/k8s/app.yaml"})
                .exit_code,
            4);
  EXPECT_EQ(Drydock({"k8s", "--pss", "strict", "examples/weak/k8s/app.yaml"}).exit_code, 2);
  auto table = Drydock({"k8s", "--pss", "restricted", "--no-color", "examples/weak/k8s/app.yaml"});
  EXPECT_NE(table.out.find("Pod Security Standards (required: restricted)"), std::string::npos);
}

TEST(Stdin, KindSelectsTheAdapter) {
  json report = RunJson({"scan", "--kind", "kubernetes", "-"}, kWeakDeployment);
  EXPECT_TRUE(Ids(report).count("DD802"));
  EXPECT_EQ(report["targets"][0]["kind"], "kubernetes");
  json compose =
      RunJson({"compose", "-"}, "services:\n  a:\n    image: x:1\n    privileged: true\n");
  EXPECT_TRUE(Ids(compose).count("DD803"));
  EXPECT_EQ(Drydock({"scan", "--kind", "helm", "-"}).exit_code, 2);
}

TEST(Suppressions, PragmaInYaml) {
  TempDir dir;
  std::string text = kSeedDeployment;
  // DD808 is a pod-level finding: it points at the pod spec (its first key, `containers:`), so
  // the pragma goes above that line.
  auto at = text.find("      containers:");
  text.insert(at, "      # drydock:ignore=DD808 token needed by the sidecar injector\n");
  dir.Write("api.yaml", text);
  json report = RunJson({"k8s", (dir.path() / "api.yaml").string()});
  bool suppressed = false;
  for (const auto& f : report["findings"]) {
    if (f["id"] == "DD808") {
      EXPECT_TRUE(f["suppressed"].get<bool>()) << f.dump();
      suppressed = true;
    }
  }
  EXPECT_TRUE(suppressed) << report.dump(2);
}

TEST(HostileYaml, Dd001AndBoundedMemory) {
  TempDir dir;
  std::string laughs =
      "apiVersion: v1\nkind: ConfigMap\ndata:\n  a: &a "
      "[\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  for (char c = 'b'; c <= 'j'; ++c) {
    std::string prev(1, static_cast<char>(c - 1));
    laughs += std::string("  ") + c + ": &" + c + " [*" + prev + ",*" + prev + ",*" + prev + ",*" +
              prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + "]\n";
  }
  dir.Write("laughs.yaml", laughs);
  dir.Write("deep.yaml", "apiVersion: v1\nkind: Pod\nspec: " + std::string(10000, '[') +
                             std::string(10000, ']') + "\n");
  dir.Write("utf8.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: \"\xff\xfe\"}\n");
  dir.Write("tabs.yaml", "apiVersion: v1\nkind: Pod\nspec:\n\tcontainers: []\n");
  {
    std::ofstream big(dir.path() / "big.yaml", std::ios::binary);
    big << "apiVersion: v1\nkind: ConfigMap\ndata:\n  x: \"";
    std::string chunk(1 << 20, 'a');
    for (int i = 0; i < 100; ++i) big << chunk;
    big << "\"\n";
  }
  // big.yaml (100 MB) is refused before it is read, as DD001 like the others.
  for (const char* name : {"laughs.yaml", "deep.yaml", "utf8.yaml", "tabs.yaml", "big.yaml"}) {
    // 512 MiB of address space is far more than a bounded parse needs (ASan builds excluded:
    // this label does not run under sanitizers).
    auto r = RunProcess({"prlimit", "--as=536870912", "--", DRYDOCK_BIN, "k8s", "--format", "json",
                         (dir.path() / name).string()},
                        "", DRYDOCK_SOURCE_DIR, 60);
    ASSERT_EQ(r.exit_code, 0) << name << ": " << r.err;
    EXPECT_TRUE(Ids(json::parse(r.out)).count("DD001")) << name << ": " << r.out;
  }
}

TEST(BadInput, ClearErrorsAndExitCodes) {
  auto missing = Drydock({"k8s", "no/such/file.yaml"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("no/such/file.yaml"), std::string::npos) << missing.err;
  EXPECT_EQ(Drydock({"run"}).exit_code, 2);  // no command line
  // An unknown docker flag is DD001 at its word, like the docker CLI refusing it.
  json report = RunJson({"run", "--", "docker", "run", "--privilegd", "nginx:1.27"});
  ASSERT_TRUE(Ids(report).count("DD001")) << report.dump(2);
  for (const auto& f : report["findings"]) {
    if (f["id"] == "DD001") {
      EXPECT_NE(f["message"].get<std::string>().find("--privilegd"), std::string::npos);
    }
  }
  TempDir dir;
  dir.Write("bad.yaml", "apiVersion: v1\nkind: Pod\nspec:\n  containers: [\n");
  json bad = RunJson({"k8s", (dir.path() / "bad.yaml").string()});
  bool located = false;
  for (const auto& f : bad["findings"]) {
    if (f["id"] == "DD001" && f["location"]["line"].get<int>() > 0) located = true;
  }
  EXPECT_TRUE(located) << bad.dump(2);
}

// Files of the k8s/compose corpus that are really invalid (tests/data/run/corpus-invalid.txt,
// one path relative to the corpus root per line, with the reason in a comment above it).
std::set<std::string> KnownInvalid() {
  std::set<std::string> invalid;
  std::ifstream list(std::string(DRYDOCK_TEST_DATA) + "/run/corpus-invalid.txt");
  for (std::string line; std::getline(list, line);) {
    if (!line.empty() && line[0] != '#') invalid.insert(line);
  }
  return invalid;
}

TEST(Corpus, KubernetesAndComposeLoadAndHistogramIsPrinted) {
  const fs::path k8s = CorpusDir() / "k8s";
  const fs::path compose = CorpusDir() / "compose";
  std::error_code ec;
  if (!fs::is_directory(k8s, ec) || !fs::is_directory(compose, ec)) {
    GTEST_SKIP() << "corpus not found at " << CorpusDir() << " (set DRYDOCK_CORPUS)";
  }
  auto r = Drydock({"scan", "--format", "json", "-q", k8s.string(), compose.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json report = json::parse(r.out);
  std::map<std::string, int> kinds;
  for (const auto& t : report["targets"]) ++kinds[t["kind"].get<std::string>()];
  EXPECT_GT(kinds["kubernetes"], 100);
  EXPECT_GT(kinds["compose"], 20);

  const std::set<std::string> invalid = KnownInvalid();
  std::set<std::string> dd001_files;
  std::map<std::string, int> per_rule;
  std::map<std::string, std::set<std::string>> files_per_rule;
  for (const auto& f : report["findings"]) {
    std::string id = f["id"].get<std::string>() + " " + f["slug"].get<std::string>();
    std::string file =
        fs::relative(f["location"]["file"].get<std::string>(), CorpusDir()).generic_string();
    ++per_rule[id];
    files_per_rule[id].insert(file);
    if (f["id"] == "DD001") {
      dd001_files.insert(file);
      if (!invalid.count(file)) {
        ADD_FAILURE() << "DD001 in " << file << ":" << f["location"]["line"] << ": "
                      << f["message"];
      }
    }
  }
  EXPECT_EQ(dd001_files, invalid);
  std::ofstream hist("corpus-run-histogram.txt");
  for (auto* os : {static_cast<std::ostream*>(&std::cout), static_cast<std::ostream*>(&hist)}) {
    *os << "findings per rule over the k8s and compose corpus (" << kinds["kubernetes"]
        << " manifests, " << kinds["compose"] << " compose files):\n";
    for (const auto& [id, n] : per_rule) {
      *os << "  " << id << ": " << n << " findings in " << files_per_rule[id].size() << " files\n";
    }
  }
}

}  // namespace
}  // namespace drydock::testing
