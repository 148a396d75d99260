// SPDX-License-Identifier: Apache-2.0
// Hand-built rule metadata for report tests (no dependency on the rules library).
#pragma once

#include <string>

#include "core/finding.h"
#include "core/rule.h"
#include "report/report.h"

namespace drydock::report::testing {

inline const core::RuleInfo kRoot{
    .id = "DD201",
    .slug = "user/root",
    .title = "Container runs as root",
    .severity = core::Severity::kHigh,
    .practice = 2,
    .reads = core::kReadsBuild | core::kReadsImage | core::kReadsRun,
    .rationale = "A process running as root inside a container is root on the host if it escapes.",
    .remediation = "Add `USER 65532` to the final stage.",
    .references = {"DL3002", "DS-0002", "KSV-0012"},
    .examples = {{.kind = core::ExampleKind::kDockerfile,
                  .input = "FROM alpine:3.20\nRUN echo hi\n",
                  .fires = true,
                  .note = "no USER"},
                 {.kind = core::ExampleKind::kDockerfile,
                  .input = "FROM scratch\nUSER 65532\n",
                  .fires = false}},
};

inline const core::RuleInfo kPin{
    .id = "DD005",
    .slug = "hygiene/pkg-unpinned",
    .title = "Packages installed without versions",
    .severity = core::Severity::kLow,
    .practice = 4,
    .reads = core::kReadsBuild,
    .rationale = "Unpinned packages make builds unreproducible.",
    .remediation = "Pin versions: `apt-get install curl=8.5.0-1`.",
    .references = {"DL3008"},
    .examples = {},
};

inline const core::RuleInfo kSecret{
    .id = "DD601",
    .slug = "secret/in-file",
    .title = "Secret in a file",
    .severity = core::Severity::kCritical,
    .practice = 6,
    .reads = core::kReadsImage,
    .rationale = "",
    .remediation = "",
    .references = {},
    .examples = {},
};

inline core::Finding F(const core::RuleInfo& rule, std::string file, int line, int column = 0,
                       std::string message = "") {
  core::Finding f;
  f.rule = &rule;
  f.severity = rule.severity;
  f.message = message.empty() ? std::string(rule.title) : std::move(message);
  f.location.file = std::move(file);
  f.location.line = line;
  f.location.column = column;
  return f;
}

// A report exercising every optional field.
inline Report SampleReport() {
  Report r;
  r.tool_version = "0.1.0";
  r.targets = {{"app/Dockerfile", "dockerfile"}, {"deploy/api.yaml", "kubernetes"}};
  r.findings.push_back(F(kRoot, "deploy/api.yaml", 14, 7, "container api runs as root"));
  r.findings.back().location.path = "Deployment/shop/api spec.template.spec.containers[0]";
  r.findings.push_back(F(kPin, "app/Dockerfile", 3));
  r.findings.push_back(F(kRoot, "app/Dockerfile", 9));
  r.findings.back().suppressed = true;
  r.findings.back().suppression_kind = "inline";
  r.findings.back().suppression_reason = "runs as app via entrypoint";
  r.findings.push_back(F(kSecret, "app/my config/.env", 1, 0, "AWS key in file"));
  r.findings.back().secret = core::SecretInfo{"aws-access-key-id", "AKIA…(20)"};
  r.findings.push_back(F(kPin, "app/Dockerfile", 3, 0, "apk add curl"));
  r.diagnostics.push_back(
      {core::DiagnosticLevel::kWarning,
       core::Origin{
           .file = ".drydock.yaml", .line = 4, .column = 0, .end_line = 0, .path = "", .layer = ""},
       "ignore for DD201 expired on 2025-01-01"});
  return r;
}

}  // namespace drydock::report::testing
