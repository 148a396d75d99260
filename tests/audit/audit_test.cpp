// SPDX-License-Identifier: Apache-2.0
// audit::Run on in-memory inputs of every kind: Dockerfile bytes, a decoded Kubernetes object,
// compose bytes, a docker run argv and an image archive stream; each target's Outcome.
#include "audit/audit.h"

#include <gtest/gtest.h>

#include <unistd.h>
#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include "audit/detail/build_facts.h"
#include "sources/image/sketch.h"
#include "yaml/yaml.h"

namespace drydock::audit {
namespace {

namespace fs = std::filesystem;

// A request that reads no config, ignore file or vulnerability database from the machine.
Request Isolated() {
  Request r;
  r.config = std::string(DRYDOCK_SOURCE_DIR) + "/tests/data/audit/empty.drydock.yaml";
  r.ignorefile = "/dev/null";
  r.enrichers.vulnerabilities = false;
  return r;
}

const Target* FindTarget(const Outcome& o, std::string_view kind, std::string_view name) {
  for (const Target& t : o.targets) {
    if (t.kind == kind && t.name == name) return &t;
  }
  return nullptr;
}

std::set<std::string> RuleIds(const Outcome& o, const Target& t) {
  std::set<std::string> ids;
  for (std::size_t i : t.findings) ids.insert(std::string(o.findings.at(i).rule->id));
  return ids;
}

// Every finding belongs to exactly one target, and that target lists it.
void ExpectEveryFindingAttributed(const Outcome& o) {
  std::vector<int> owners(o.findings.size(), 0);
  for (const Target& t : o.targets) {
    for (std::size_t i : t.findings) {
      ASSERT_LT(i, o.findings.size());
      ++owners[i];
      EXPECT_EQ(o.findings[i].target, &t - o.targets.data());
    }
  }
  for (std::size_t i = 0; i < owners.size(); ++i) {
    EXPECT_EQ(owners[i], 1) << o.findings[i].rule->id << " " << o.findings[i].message;
  }
}

TEST(AuditRun, EveryInputKindInMemoryGivesItsTargets) {
  Request r = Isolated();
  r.inputs.push_back(BytesInput{"app/Dockerfile", "dockerfile", "FROM alpine:3.20\nRUN echo hi\n"});
  auto object = yaml::ParseYaml(
      "apiVersion: v1\nkind: Pod\nmetadata: {name: api, namespace: shop}\nspec:\n  containers:\n"
      "  - name: app\n    image: nginx:1.27\n    securityContext: {privileged: true}\n",
      "admission");
  ASSERT_TRUE(object.has_value()) << object.error().ToString();
  r.inputs.push_back(ObjectInput{"admission:shop/api", *object});
  r.inputs.push_back(BytesInput{"compose.yaml", "compose",
                                "services:\n  web:\n    image: nginx:1.27\n    privileged: true\n"
                                "  db:\n    image: postgres@sha256:" +
                                    std::string(64, 'a') + "\n    user: \"999:999\"\n"});
  r.inputs.push_back(ArgvInput{{"docker", "run", "--privileged", "-v",
                                "/var/run/docker.sock:/var/run/docker.sock", "alpine:3.20"}});
  auto archive = sources::image::WriteSketchArchive(
      "file /app 0755\nfile /app/.env = AWS_ACCESS_KEY_ID=AKIA"
      "GWJNXQ6FVMR44UBM\\n\n");
  ASSERT_TRUE(archive.has_value()) << archive.error().ToString();
  std::size_t offset = 0;
  int reads = 0;
  r.inputs.push_back(ImageStreamInput{
      "registry.test/app:1.0",
      [&](char* buf, std::size_t size) -> core::Result<std::size_t> {
        ++reads;
        const std::size_t n = std::min(size, std::min<std::size_t>(4096, archive->size() - offset));
        std::memcpy(buf, archive->data() + offset, n);
        offset += n;
        return n;
      },
      static_cast<std::int64_t>(archive->size())});
  r.pss = "baseline";

  auto outcome = audit::Run(r);
  ASSERT_TRUE(outcome.has_value()) << outcome.error().ToString();
  const Outcome& o = *outcome;
  EXPECT_TRUE(o.errors.empty());
  EXPECT_GT(reads, 1);  // the stream was pulled in pieces, once
  EXPECT_EQ(offset, archive->size());

  // The report's inputs, in the order the pipeline reads them.
  std::vector<std::string> inputs;
  for (const auto& i : o.inputs) inputs.push_back(i.kind + " " + i.path);
  EXPECT_EQ(inputs, (std::vector<std::string>{
                        "docker-run -", "dockerfile app/Dockerfile", "admission admission:shop/api",
                        "compose compose.yaml", "image registry.test/app:1.0"}));

  const Target* dockerfile = FindTarget(o, "dockerfile", "app/Dockerfile");
  ASSERT_NE(dockerfile, nullptr);
  EXPECT_TRUE(RuleIds(o, *dockerfile).count("DD201"));  // no USER: root
  EXPECT_TRUE(dockerfile->rules->Evaluated("DD201"));
  EXPECT_FALSE(dockerfile->rules->Evaluated("DD801"));  // a run rule: not for a Dockerfile

  const Target* pod = FindTarget(o, "workload", "Pod/shop/api");
  ASSERT_NE(pod, nullptr);
  EXPECT_EQ(pod->file, "admission:shop/api");
  EXPECT_TRUE(RuleIds(o, *pod).count("DD803")) << "privileged";
  ASSERT_TRUE(pod->pss.has_value());
  EXPECT_EQ(o.pss.at(*pod->pss).workload, "Pod/shop/api");
  EXPECT_FALSE(o.pss.at(*pod->pss).meets);  // privileged is below baseline

  const Target* web = FindTarget(o, "service", "service web");
  const Target* db = FindTarget(o, "service", "service db");
  ASSERT_NE(web, nullptr);
  ASSERT_NE(db, nullptr);
  EXPECT_TRUE(RuleIds(o, *web).count("DD803"));
  EXPECT_FALSE(RuleIds(o, *db).count("DD803"));
  EXPECT_FALSE(RuleIds(o, *db).count("DD401")) << "pinned by digest";
  EXPECT_TRUE(RuleIds(o, *web).count("DD401")) << "a tag, not a digest";

  const Target* run = FindTarget(o, "run", "docker run");
  ASSERT_NE(run, nullptr);
  EXPECT_TRUE(RuleIds(o, *run).count("DD504")) << "docker.sock mounted";
  EXPECT_TRUE(RuleIds(o, *run).count("DD803"));

  const Target* image = FindTarget(o, "image", "registry.test/app:1.0");
  ASSERT_NE(image, nullptr);
  EXPECT_TRUE(RuleIds(o, *image).count("DD201"));
  EXPECT_TRUE(RuleIds(o, *image).count("DD603")) << "the secret detector ran on the stream";
  // No database requested: the vulnerability rules are skipped, with the reason.
  EXPECT_FALSE(image->rules->Evaluated("DD301"));
  ASSERT_FALSE(image->rules->skipped.empty());
  EXPECT_EQ(image->rules->skipped.front().rule, "DD301");
  EXPECT_EQ(image->rules->skipped.front().reason, "vulnerability matching not requested");

  ExpectEveryFindingAttributed(o);
  // Findings are in report order (file, line, …) and the gate with exit code 0 passes.
  EXPECT_EQ(o.decision.exit_code, 0);
  EXPECT_GT(o.decision.failing_findings, 0u);
  EXPECT_EQ(o.decision.failing_workloads, 1u);
}

TEST(AuditRun, GateAndPolicyDecideTheExitCode) {
  Request r = Isolated();
  r.inputs.push_back(BytesInput{"Dockerfile", "dockerfile", "FROM alpine:3.20\n"});
  r.exit_code = 7;
  auto failing = audit::Run(r);
  ASSERT_TRUE(failing.has_value());
  EXPECT_EQ(failing->decision.exit_code, 7);

  r.severity = "CRITICAL";  // nothing critical in this Dockerfile
  auto passing = audit::Run(r);
  ASSERT_TRUE(passing.has_value());
  EXPECT_TRUE(passing->findings.empty());
  EXPECT_EQ(passing->decision.exit_code, 0);
  // The target still says what was evaluated, even with nothing to report.
  ASSERT_EQ(passing->targets.size(), 1u);
  EXPECT_TRUE(passing->targets[0].rules->Evaluated("DD201"));
}

TEST(AuditRun, UsageErrorsAreErrorsOfRun) {
  Request r = Isolated();
  r.severity = "URGENT";
  auto bad = audit::Run(r);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, core::ErrorCode::kUsage);
  EXPECT_NE(bad.error().message.find("--severity"), std::string::npos);

  Request k = Isolated();
  k.kind = "helm";
  EXPECT_FALSE(audit::Run(k).has_value());
  Request b = Isolated();
  b.build_args = {"=x"};
  EXPECT_FALSE(audit::Run(b).has_value());
}

TEST(AuditRun, FrontEndCheckSeesTheConfigFormatBeforeAnyInputIsRead) {
  Request r = Isolated();
  r.config = std::string(DRYDOCK_SOURCE_DIR) + "/tests/data/audit/format-sarif.drydock.yaml";
  r.inputs.push_back(PathInput{"/nonexistent/drydock/Dockerfile"});
  std::optional<std::string> seen;
  auto plan = Prepare(r, [&](const std::optional<std::string>& format) -> core::Result<void> {
    seen = format;
    return core::Fail(core::ErrorCode::kUsage, "--format: no");
  });
  ASSERT_FALSE(plan.has_value());
  EXPECT_EQ(plan.error().message, "--format: no");
  EXPECT_EQ(seen, "sarif");
  auto ok = Prepare(r, [](const std::optional<std::string>&) -> core::Result<void> { return {}; });
  ASSERT_TRUE(ok.has_value());
  const Outcome o = audit::Run(**ok);
  EXPECT_EQ(o.config_format, "sarif");
  EXPECT_EQ(o.errors.size(), 1u);  // the missing path, found only when the run reads inputs
}

TEST(AuditRun, UnreadableInputsAreListedAndFailTheGate) {
  Request r = Isolated();
  r.inputs.push_back(PathInput{"/nonexistent/drydock/Dockerfile"});
  r.inputs.push_back(BytesInput{"ok/Dockerfile", "dockerfile", "FROM scratch\nUSER 65532\n"});
  int pulls = 0;
  r.inputs.push_back(
      ImageStreamInput{"broken", [&](char*, std::size_t) -> core::Result<std::size_t> {
                         ++pulls;
                         return core::Fail(core::ErrorCode::kInput, "connection reset by peer");
                       }});
  auto outcome = audit::Run(r);
  ASSERT_TRUE(outcome.has_value());
  ASSERT_EQ(outcome->errors.size(), 2u);
  EXPECT_NE(outcome->errors[1].ToString().find("connection reset by peer"), std::string::npos)
      << outcome->errors[1].ToString();
  EXPECT_GE(pulls, 1);
  EXPECT_TRUE(outcome->decision.inputs_failed);
  EXPECT_EQ(outcome->decision.exit_code, 2);
  EXPECT_NE(FindTarget(*outcome, "dockerfile", "ok/Dockerfile"), nullptr);  // still audited
}

TEST(AuditRun, DisabledRulesAreSkippedWithTheReason) {
  Request r = Isolated();
  r.config = std::string(DRYDOCK_SOURCE_DIR) + "/tests/data/audit/disable-dd201.drydock.yaml";
  r.inputs.push_back(BytesInput{"Dockerfile", "dockerfile", "FROM alpine:3.20\n"});
  auto outcome = audit::Run(r);
  ASSERT_TRUE(outcome.has_value()) << outcome.error().ToString();
  ASSERT_EQ(outcome->targets.size(), 1u);
  const Target& t = outcome->targets[0];
  EXPECT_FALSE(t.rules->Evaluated("DD201"));
  // DD201 by the config; DD030 (inline ignore pragmas) ships disabled.
  std::map<std::string, std::string> skipped;
  for (const auto& s : t.rules->skipped) skipped[std::string(s.rule)] = s.reason;
  EXPECT_EQ(skipped.size(), 2u);
  EXPECT_EQ(skipped["DD201"], "disabled by policy");
  EXPECT_EQ(skipped.count("DD030"), 1u);
  EXPECT_FALSE(RuleIds(*outcome, t).count("DD201"));
}

// ImageFacts' first user: a compose service built from a Dockerfile gets that Dockerfile's facts,
// each pointing at its line.
TEST(BuildFacts, ComposeBuildServiceGetsItsDockerfilesFacts) {
  const fs::path dir = fs::temp_directory_path() / ("drydock-facts-" + std::to_string(getpid()));
  fs::create_directories(dir / "web");
  std::ofstream(dir / "web" / "Dockerfile.prod")
      << "FROM python:3.12-slim AS base\nENV APP_HOME=/app\n"
         "FROM base\nARG PORT=8000\nEXPOSE ${PORT}\nUSER 10001\nHEALTHCHECK CMD true\n";
  model::RunSet set;
  model::RunSpec web;
  web.build = model::BuildRecipe{"web", "Dockerfile.prod", {{"PORT", "9000"}}, "", {}};
  set.runs.push_back(web);
  model::RunSpec remote;
  remote.build = model::BuildRecipe{"https://github.com/x/y.git", "", {}, "", {}};
  set.runs.push_back(remote);
  detail::AddBuildFacts(set, dir, "deploy", {});
  fs::remove_all(dir);

  ASSERT_TRUE(set.runs[0].image_facts.has_value());
  const model::ImageFacts& f = *set.runs[0].image_facts;
  EXPECT_EQ(f.subject, "deploy/web/Dockerfile.prod");
  ASSERT_TRUE(f.user.has_value());
  EXPECT_EQ(f.user->value, "10001");
  EXPECT_EQ(f.user->origin.line, 6);
  EXPECT_EQ(f.user->source, model::FactSource::kDockerfile);
  ASSERT_TRUE(f.healthcheck.has_value());
  EXPECT_TRUE(f.healthcheck->value);
  ASSERT_EQ(f.env.count("APP_HOME"), 1u);
  EXPECT_EQ(f.env.at("APP_HOME").origin.line, 2);  // inherited from the base stage
  ASSERT_EQ(f.exposed_ports.size(), 1u);
  EXPECT_EQ(f.exposed_ports[0].value, "9000/tcp");  // the compose build arg wins
  EXPECT_EQ(f.unresolved_base, "python:3.12-slim");
  EXPECT_FALSE(set.runs[1].image_facts.has_value()) << "a remote context is never fetched";
}

TEST(BuildFacts, ScratchChainIsFullyKnownAndNoneMeansNoHealthcheck) {
  model::BuildSpec spec;
  spec.file = "Dockerfile";
  model::Stage s;
  s.scratch = true;
  s.base_text = "scratch";
  model::Instruction hc;
  hc.keyword = "HEALTHCHECK";
  hc.args = {"NONE"};
  s.instructions.push_back(hc);
  spec.stages.push_back(s);
  const model::ImageFacts f = detail::FactsOfBuild(spec);
  EXPECT_TRUE(f.unresolved_base.empty());
  ASSERT_TRUE(f.healthcheck.has_value());
  EXPECT_FALSE(f.healthcheck->value);
  EXPECT_FALSE(f.user.has_value()) << "no USER: root, but as a fact unknown until resolved";
}

}  // namespace
}  // namespace drydock::audit

namespace drydock::audit {
namespace {

TEST(AuditRun, SbomAndSecretTreeTargets) {
  const fs::path dir = fs::temp_directory_path() / ("drydock-audit-" + std::to_string(getpid()));
  fs::create_directories(dir / "tree");
  std::ofstream(dir / "tree" / "settings.env") << "AWS_ACCESS_KEY_ID=AKIA"
                                                  "GWJNXQ6FVMR44UBM\n";
  std::ofstream(dir / "app.cdx.json")
      << R"({"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
 "metadata": {"component": {"type": "container", "name": "app"}},
 "components": [
  {"type": "operating-system", "name": "alpine", "version": "3.11.5"},
  {"type": "library", "name": "busybox", "version": "1.31.1-r9",
   "purl": "pkg:apk/alpine/busybox@1.31.1-r9?distro=alpine-3.11.5"}]}
)";
  Request r = Isolated();
  r.inputs.push_back(SbomInput{(dir / "app.cdx.json").string()});
  r.inputs.push_back(SecretTreeInput{(dir / "tree").string()});
  auto outcome = audit::Run(r);
  fs::remove_all(dir);
  ASSERT_TRUE(outcome.has_value()) << outcome.error().ToString();
  EXPECT_TRUE(outcome->errors.empty()) << outcome->errors.front().ToString();

  const Target* sbom = FindTarget(*outcome, "sbom", (dir / "app.cdx.json").string());
  ASSERT_NE(sbom, nullptr);
  EXPECT_TRUE(sbom->rules->evaluated.empty());  // no database: DD301/DD302 skipped, with why
  std::map<std::string, std::string, std::less<>> skipped;
  for (const auto& s : sbom->rules->skipped) skipped[std::string(s.rule)] = s.reason;
  EXPECT_EQ(skipped["DD301"], "vulnerability matching not requested");
  EXPECT_EQ(skipped["DD103"], "not applicable: an SBOM lists packages, not a filesystem");

  const Target* tree = FindTarget(*outcome, "secrets", (dir / "tree").string());
  ASSERT_NE(tree, nullptr);
  EXPECT_EQ(tree->rules->evaluated, std::vector<std::string_view>{"DD603"});
  ASSERT_EQ(RuleIds(*outcome, *tree), std::set<std::string>{"DD603"});
  const core::Finding& hit = outcome->findings.at(tree->findings.front());
  EXPECT_EQ(hit.location.line, 1);
  ASSERT_TRUE(hit.secret.has_value());
  EXPECT_EQ(hit.message.find("GWJNXQ6FVMR44UBM"), std::string::npos) << "masked";
  ExpectEveryFindingAttributed(*outcome);
}

}  // namespace
}  // namespace drydock::audit
