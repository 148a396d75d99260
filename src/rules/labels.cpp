// SPDX-License-Identifier: Apache-2.0
// DD050-DD059: image labels, as hadolint's label rules judge them (DL3048-DL3056, DL3058). The key
// rule (DD050) always runs; the others read the label schema (`label-schema:` and
// `strict-labels:` in .drydock.yaml or .hadolint.yaml, core::RuleSettings) and stay silent
// without one. LABEL instructions of every stage are read (an ONBUILD LABEL is judged in place by
// the catalog, as for every build rule); a stage's own labels are what DD051 counts. A value that
// still holds `$` is set at build time (an ARG without a default) and is not judged.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/catalog.h"
#include "rules/detail/build_stages.h"
#include "rules/detail/build_util.h"
#include "rules/detail/label_values.h"

namespace drydock::rules {
namespace {

using core::LabelType;
using core::Reporter;
using core::Severity;
using model::BuildSpec;
using model::Instruction;
using model::Stage;

constexpr std::uint8_t kB = core::kReadsBuild;

// The schema of hadolint's README example, which the examples of DD053-DD059 run with.
const core::RuleSettings kSchemaExample = [] {
  core::RuleSettings s;
  s.label_schema = {{"author", LabelType::kText},       {"contact", LabelType::kEmail},
                    {"created", LabelType::kRfc3339},   {"version", LabelType::kSemver},
                    {"documentation", LabelType::kUrl}, {"git-revision", LabelType::kHash},
                    {"license", LabelType::kSpdx}};
  return s;
}();

// One required label (DD051) and, strict, nothing else (DD052).
const core::RuleSettings kVersionRequired = [] {
  core::RuleSettings s;
  s.label_schema = {{"version", LabelType::kSemver}};
  return s;
}();
const core::RuleSettings kVersionOnly = [] {
  core::RuleSettings s = kVersionRequired;
  s.strict_labels = true;
  return s;
}();

// Calls f(label) for each LABEL of the spec.
template <class F>
void ForEachLabel(const BuildSpec& spec, F f) {
  for (const Stage& stage : spec.stages) {
    for (const Instruction& ins : stage.instructions) {
      if (ins.keyword == "LABEL") f(ins);
    }
  }
}

const LabelType* SchemaType(const core::RuleSettings& settings, const std::string& key) {
  for (const auto& [name, type] : settings.label_schema) {
    if (name == key) return &type;
  }
  return nullptr;
}

// The value of a pair, or nullptr when it is not known before the build (holds `$`).
const std::string* KnownValue(const std::optional<std::string>& value) {
  static const std::string kEmpty;
  if (!value) return &kEmpty;
  return value->find('$') == std::string::npos ? &*value : nullptr;
}

// ---- DD050 -----------------------------------------------------------------------------------

void InvalidLabelKey(const BuildSpec& spec, Reporter& r) {
  ForEachLabel(spec, [&](const Instruction& label) {
    for (const auto& [key, value] : label.pairs) {
      if (auto problem = detail::LabelKeyProblem(key)) {
        r.Report(label.origin, "label key `" + key + "` " + *problem);
      }
    }
  });
}

rules::Rule RuleDD050() {
  return {
      .info =
          {
              .id = "DD050",
              .slug = "hygiene/label-key-invalid",
              .title = "Label key breaks Docker's key convention",
              .severity = Severity::kInfo,
              .practice = 0,
              .reads = kB,
              .rationale =
                  "Docker asks label keys to be lower-case alphanumerics with `.`, `-`, `_` or "
                  "`/` inside, starting with a letter and ending with a letter or digit, without "
                  "repeated separators, and keeps com.docker.*, io.docker.* and "
                  "org.dockerproject.* for itself. Tools that query labels (docker images "
                  "--filter label=…, registries, SBOM and provenance tooling) expect such keys, "
                  "preferably in reverse-DNS form like org.opencontainers.image.*. Runs without "
                  "a label schema.",
              .differs = "hadolint does not read an ONBUILD LABEL; drydock judges it in place (it "
                         "labels the images built from this one).",
              .remediation = "Rename the key, e.g. `LABEL org.opencontainers.image.version=1.2.3` "
                             "instead of `LABEL Version=1.2.3`.",
              .references = {"DL3048"},
              .examples =
                  {
                      {.input = "FROM debian:12-slim\nLABEL Version=1.2.3\n",
                       .fires = true,
                       .severity = Severity::kInfo,
                       .line = 2,
                       .note = "upper-case letters"},
                      {.input = "FROM debian:12-slim\nLABEL com.docker.extension=\"x\"\n",
                       .fires = true,
                       .severity = Severity::kInfo,
                       .line = 2,
                       .note = "a namespace Docker reserves"},
                      {.input = "FROM debian:12-slim\nLABEL app..name=web\n",
                       .fires = true,
                       .severity = Severity::kInfo,
                       .line = 2},
                      {.input = "FROM debian:12-slim\nONBUILD LABEL 1st=yes\n",
                       .fires = true,
                       .severity = Severity::kInfo,
                       .line = 2,
                       .note = "deferred labels are judged too"},
                      {.input = "FROM debian:12-slim\nLABEL org.opencontainers.image.version=1.2.3 "
                                "maintainer=me@example.com\n",
                       .fires = false},
                  },
          },
      .build = InvalidLabelKey,
  };
}

// ---- DD051 -----------------------------------------------------------------------------------

bool DefinesLabel(const Stage& stage, const std::string& key) {
  for (const Instruction& ins : stage.instructions) {
    if (ins.keyword != "LABEL") continue;
    for (const auto& pair : ins.pairs) {
      if (pair.first == key) return true;
    }
  }
  return false;
}

// Each stage that yields an image must carry every label of the schema, its own or inherited
// from the stage it is built FROM. Stages that only feed others are not judged: those another
// stage copies from, and those a stage carrying the label is built FROM.
void MissingLabel(const BuildSpec& spec, Reporter& r) {
  const auto& schema = r.settings().label_schema;
  if (schema.empty() || spec.stages.empty()) return;
  const std::size_t n = spec.stages.size();
  std::vector<bool> copied_from(n, false);
  for (const Stage& stage : spec.stages) {
    for (const Instruction& ins : stage.instructions) {
      if (ins.keyword != "COPY") continue;
      const model::Flag* from = ins.FindFlag("from");
      if (from == nullptr) continue;
      const int source = detail::StageIndexOf(spec, from->value);
      if (source >= 0) copied_from[static_cast<std::size_t>(source)] = true;
    }
  }
  for (const auto& [key, type] : schema) {
    std::vector<bool> has(n, false);
    std::vector<bool> feeds_labelled(n, false);
    for (std::size_t i = 0; i < n; ++i) {
      const Stage& stage = spec.stages[i];
      const int base = stage.base_stage;
      const bool inherits =
          base >= 0 && static_cast<std::size_t>(base) < i && has[static_cast<std::size_t>(base)];
      has[i] = inherits || DefinesLabel(stage, key);
      if (has[i] && base >= 0 && static_cast<std::size_t>(base) < i) {
        feeds_labelled[static_cast<std::size_t>(base)] = true;
      }
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (has[i] || copied_from[i] || feeds_labelled[i]) continue;
      const Stage& stage = spec.stages[i];
      r.Report(stage.origin, "stage " + detail::StageLabel(stage) + " has no label `" + key +
                                 "` (required by label-schema)");
    }
  }
}

rules::Rule RuleDD051() {
  return {
      .info =
          {
              .id = "DD051",
              .slug = "hygiene/label-missing",
              .title = "Image lacks a label the label schema requires",
              .severity = Severity::kLow,
              .practice = 0,
              .reads = kB,
              .rationale =
                  "A label schema lists the metadata every image of the project must carry "
                  "(owner, source, version, licence…) so that registries, scanners and "
                  "operators can tell where an image comes from. Each stage that yields an image "
                  "is judged; labels are inherited through `FROM <stage>`, and stages that only "
                  "feed others (copied from, or the base of a labelled stage) are not judged. "
                  "Silent without `label-schema`.",
              .differs = "hadolint's DL3049 excuses a stage used as a base only when the labelled "
                         "stage built FROM it has no name; drydock excuses every stage a labelled "
                         "stage is built FROM and takes `COPY --from=<index>` as a copy.",
              .remediation = "Add the label, e.g. `LABEL version=1.2.3`, or build with "
                             "`--label` and drop it from the schema.",
              .references = {"DL3049"},
              .examples =
                  {
                      {.input = "FROM debian:12-slim\nRUN true\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .settings = &kVersionRequired},
                      {.input = "FROM golang:1.22 AS build\nRUN go build -o /app .\n"
                                "FROM debian:12-slim\nCOPY --from=build /app /app\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 3,
                       .note = "the builder is copied from, so only the final stage is judged",
                       .settings = &kVersionRequired},
                      {.input = "FROM debian:12-slim AS base\nLABEL version=1.2.3\nFROM base\n",
                       .fires = false,
                       .note = "inherited through FROM <stage>",
                       .settings = &kVersionRequired},
                      {.input = "FROM golang:1.22 AS build\nRUN go build -o /app .\n"
                                "FROM debian:12-slim\nLABEL version=1.2.3\n"
                                "COPY --from=build /app /app\n",
                       .fires = false,
                       .settings = &kVersionRequired},
                      {.input = "FROM debian:12-slim\nRUN true\n",
                       .fires = false,
                       .note = "silent without a label schema"},
                  },
          },
      .build = MissingLabel,
  };
}

// ---- DD052 -----------------------------------------------------------------------------------

void SuperfluousLabel(const BuildSpec& spec, Reporter& r) {
  if (!r.settings().strict_labels) return;
  ForEachLabel(spec, [&](const Instruction& label) {
    std::vector<std::string> extra;
    for (const auto& pair : label.pairs) {
      if (SchemaType(r.settings(), pair.first) == nullptr) extra.push_back(pair.first);
    }
    if (extra.empty()) return;
    r.Report(label.origin, "label" + std::string(extra.size() > 1 ? "s " : " ") +
                               detail::QuoteList(extra) + (extra.size() > 1 ? " are" : " is") +
                               " not in label-schema (strict-labels)");
  });
}

rules::Rule RuleDD052() {
  return {
      .info =
          {
              .id = "DD052",
              .slug = "hygiene/label-superfluous",
              .title = "Label outside the label schema (strict labels)",
              .severity = Severity::kLow,
              .practice = 0,
              .reads = kB,
              .rationale =
                  "With `strict-labels: true` the label schema is the complete list of labels an "
                  "image may carry: anything else is a typo of a schema key or metadata nobody "
                  "agreed to publish. Silent unless strict-labels is on.",
              .differs = "hadolint does not read an ONBUILD LABEL; drydock judges it in place.",
              .remediation = "Remove the label, correct its key, or add it to `label-schema`.",
              .references = {"DL3050"},
              .examples =
                  {
                      {.input = "FROM debian:12-slim\nLABEL version=1.2.3 team=payments\n",
                       .fires = true,
                       .severity = Severity::kLow,
                       .line = 2,
                       .settings = &kVersionOnly},
                      {.input = "FROM debian:12-slim\nLABEL version=1.2.3\n",
                       .fires = false,
                       .settings = &kVersionOnly},
                      {.input = "FROM debian:12-slim\nLABEL version=1.2.3 team=payments\n",
                       .fires = false,
                       .note = "the schema alone does not forbid other labels",
                       .settings = &kVersionRequired},
                  },
          },
      .build = SuperfluousLabel,
  };
}

// ---- DD053-DD059: values ---------------------------------------------------------------------

// Reports each schema label whose known value `bad` rejects. `type` narrows to labels of that
// type (nullopt: every schema label).
void CheckValues(const BuildSpec& spec, Reporter& r, std::optional<LabelType> type,
                 bool (*bad)(const std::string& value), std::string_view what) {
  const auto& settings = r.settings();
  if (settings.label_schema.empty()) return;
  ForEachLabel(spec, [&](const Instruction& label) {
    for (const auto& [key, value] : label.pairs) {
      const LabelType* t = SchemaType(settings, key);
      if (t == nullptr || (type && *t != *type)) continue;
      const std::string* known = KnownValue(value);
      if (known == nullptr || !bad(*known)) continue;
      r.Report(label.origin, known->empty() ? "label `" + key + "` is empty"
                                            : "label `" + key + "` is not " + std::string(what) +
                                                  ": `" + *known + "`");
    }
  });
}

void EmptyLabel(const BuildSpec& spec, Reporter& r) {
  CheckValues(
      spec, r, std::nullopt, [](const std::string& v) { return v.empty(); }, "");
}

rules::Rule RuleDD053() {
  return {
      .info =
          {
              .id = "DD053",
              .slug = "hygiene/label-empty",
              .title = "Label of the label schema is empty",
              .severity = Severity::kMedium,
              .practice = 0,
              .reads = kB,
              .rationale =
                  "A label the schema requires but set to the empty string satisfies the letter "
                  "of the schema and none of its purpose. A value taken from an ARG without a "
                  "default is filled at build time and not judged. Silent without "
                  "`label-schema`.",
              .differs = "hadolint does not read an ONBUILD LABEL and judges a `$VAR` value as "
                         "written; drydock judges an ONBUILD LABEL in place and does not judge "
                         "values set at build time.",
              .remediation = "Give the label its value, or pass it at build time: `ARG VERSION` "
                             "then `LABEL version=$VERSION`.",
              .references = {"DL3051"},
              .examples =
                  {
                      {.input = "FROM debian:12-slim\nLABEL author=\"\"\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2,
                       .settings = &kSchemaExample},
                      {.input = "FROM debian:12-slim\nLABEL author=\"Build Team\" other=\"\"\n",
                       .fires = false,
                       .note = "labels outside the schema may be empty",
                       .settings = &kSchemaExample},
                      {.input = "FROM debian:12-slim\nARG VERSION\nLABEL version=$VERSION\n",
                       .fires = false,
                       .note = "set at build time",
                       .settings = &kSchemaExample},
                  },
          },
      .build = EmptyLabel,
  };
}

template <bool (*Fits)(std::string_view)>
bool NotEmptyAndBad(const std::string& value) {
  return !value.empty() && !Fits(value);
}

void UrlLabel(const BuildSpec& spec, Reporter& r) {
  CheckValues(spec, r, LabelType::kUrl, NotEmptyAndBad<detail::IsAbsoluteUri>, "a URL");
}

rules::Rule RuleDD054() {
  return {
      .info =
          {
              .id = "DD054",
              .slug = "hygiene/label-not-url",
              .title = "Label typed `url` in the label schema is not a URL",
              .severity = Severity::kMedium,
              .practice = 0,
              .reads = kB,
              .rationale =
                  "The label schema says this label holds a URL (documentation, source "
                  "repository); a value that is not an absolute URI (RFC 3986: a scheme, then "
                  "the address) cannot be followed by the people and tools that read it. An "
                  "empty value is DD053's. Silent without `label-schema`.",
              .differs =
                  "hadolint does not read an ONBUILD LABEL, reports an empty value under this rule "
                  "too and judges a `$VAR` value as written; drydock judges an ONBUILD LABEL in "
                  "place, leaves empty values to DD053 and does not judge values set at build "
                  "time. An authority without a host (`http://`) is not a URL here.",
              .remediation = "Write the full URL with its scheme: "
                             "`LABEL documentation=https://example.com/docs`.",
              .references = {"DL3052"},
              .examples =
                  {
                      {.input = "FROM debian:12-slim\nLABEL documentation=example.com/docs\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2,
                       .settings = &kSchemaExample},
                      {.input = "FROM debian:12-slim\nLABEL "
                                "documentation=https://example.com/docs?lang=en#setup\n",
                       .fires = false,
                       .settings = &kSchemaExample},
                  },
          },
      .build = UrlLabel,
  };
}

void Rfc3339Label(const BuildSpec& spec, Reporter& r) {
  CheckValues(spec, r, LabelType::kRfc3339, NotEmptyAndBad<detail::IsRfc3339>,
              "an RFC 3339 date-time");
}

rules::Rule RuleDD055() {
  return {
      .info =
          {
              .id = "DD055",
              .slug = "hygiene/label-not-rfc3339",
              .title = "Label typed `rfc3339` in the label schema is not an RFC 3339 date-time",
              .severity = Severity::kMedium,
              .practice = 0,
              .reads = kB,
              .rationale =
                  "The label schema says this label holds a timestamp (such as the build date); "
                  "RFC 3339 (`2024-03-10T10:26:33Z`, with a time zone) is the one format every "
                  "consumer parses the same way. An empty value is DD053's. Silent without "
                  "`label-schema`.",
              .differs = "hadolint does not read an ONBUILD LABEL, reports an empty value under "
                         "this rule too and judges a `$VAR` value as written; drydock judges an "
                         "ONBUILD LABEL in place, leaves empty values to DD053 and does not judge "
                         "values set at build time.",
              .remediation = "Pass the date at build time: `--build-arg CREATED=$(date -u "
                             "+%Y-%m-%dT%H:%M:%SZ)` with `LABEL created=$CREATED`.",
              .references = {"DL3053"},
              .examples =
                  {
                      {.input = "FROM debian:12-slim\nLABEL created=\"2024-03-10 10:26\"\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2,
                       .settings = &kSchemaExample},
                      {.input = "FROM debian:12-slim\nLABEL created=2024-02-30T10:26:33Z\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2,
                       .note = "no 30th of February",
                       .settings = &kSchemaExample},
                      {.input = "FROM debian:12-slim\nLABEL "
                                "created=2021-03-10T10:26:33.564595127+01:00\n",
                       .fires = false,
                       .settings = &kSchemaExample},
                  },
          },
      .build = Rfc3339Label,
  };
}

void SpdxLabel(const BuildSpec& spec, Reporter& r) {
  CheckValues(spec, r, LabelType::kSpdx, NotEmptyAndBad<detail::IsSpdxExpression>,
              "an SPDX license identifier or expression");
}

rules::Rule RuleDD056() {
  return {
      .info =
          {
              .id = "DD056",
              .slug = "hygiene/label-not-spdx",
              .title = "Label typed `spdx` in the label schema is not an SPDX license",
              .severity = Severity::kMedium,
              .practice = 0,
              .reads = kB,
              .rationale =
                  "The label schema says this label names the licence; licence scanners and "
                  "SBOM tools read SPDX identifiers from the SPDX License List (`Apache-2.0`, "
                  "`MIT`) and expressions of them (`MIT OR Apache-2.0`, `GPL-2.0-only WITH "
                  "Classpath-exception-2.0`, as the OCI `licenses` annotation allows), not "
                  "free text. An empty value is DD053's. Silent without `label-schema`.",
              .differs = "hadolint does not read an ONBUILD LABEL, reports an empty value under "
                         "this rule too and judges a `$VAR` value as written; drydock judges an "
                         "ONBUILD LABEL in place, leaves empty values to DD053 and does not judge "
                         "values set at build time. hadolint accepts one license id as listed; "
                         "drydock also accepts SPDX expressions (AND, OR, WITH, LicenseRef-) and "
                         "compares ids without regard to case, as the SPDX specification does.",
              .remediation = "Use the identifier from spdx.org/licenses, e.g. "
                             "`LABEL license=Apache-2.0`.",
              .references = {"DL3054"},
              .examples =
                  {
                      {.input = "FROM debian:12-slim\nLABEL license=\"Apache License 2\"\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2,
                       .settings = &kSchemaExample},
                      {.input = "FROM debian:12-slim\nLABEL license=BSD-3-Clause\n",
                       .fires = false,
                       .settings = &kSchemaExample},
                      {.input = "FROM debian:12-slim\nLABEL license=\"MIT OR Apache-2.0\"\n",
                       .fires = false,
                       .note = "an SPDX expression",
                       .settings = &kSchemaExample},
                  },
          },
      .build = SpdxLabel,
  };
}

void HashLabel(const BuildSpec& spec, Reporter& r) {
  CheckValues(spec, r, LabelType::kHash, NotEmptyAndBad<detail::IsGitHash>, "a git commit hash");
}

rules::Rule RuleDD057() {
  return {
      .info =
          {
              .id = "DD057",
              .slug = "hygiene/label-not-git-hash",
              .title = "Label typed `hash` in the label schema is not a git commit hash",
              .severity = Severity::kMedium,
              .practice = 0,
              .reads = kB,
              .rationale =
                  "The label schema says this label records the commit the image was built "
                  "from, the link from an image back to its source; a branch name or a tag "
                  "moves, a commit hash does not. Accepted: lower-case hex, 7 to 40 digits "
                  "(abbreviated or full SHA-1) or 64 (SHA-256). An empty value is DD053's. "
                  "Silent without `label-schema`.",
              .differs = "hadolint does not read an ONBUILD LABEL, reports an empty value under "
                         "this rule too and judges a `$VAR` value as written; drydock judges an "
                         "ONBUILD LABEL in place, leaves empty values to DD053 and does not judge "
                         "values set at build time. hadolint accepts exactly 7 or 40 digits; "
                         "drydock any abbreviation of 7 to 40 digits, and 64-digit SHA-256 names.",
              .remediation = "Pass the commit at build time: `--build-arg GIT_REVISION=$(git "
                             "rev-parse HEAD)` with `LABEL git-revision=$GIT_REVISION`.",
              .references = {"DL3055"},
              .examples =
                  {
                      {.input = "FROM debian:12-slim\nLABEL git-revision=main\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2,
                       .settings = &kSchemaExample},
                      {.input = "FROM debian:12-slim\nLABEL "
                                "git-revision=43c572f1272b6b3171dd1db9e41b7027128ce080\n",
                       .fires = false,
                       .settings = &kSchemaExample},
                      {.input = "FROM debian:12-slim\nLABEL git-revision=2dbfae9\n",
                       .fires = false,
                       .note = "abbreviated",
                       .settings = &kSchemaExample},
                  },
          },
      .build = HashLabel,
  };
}

void SemverLabel(const BuildSpec& spec, Reporter& r) {
  CheckValues(spec, r, LabelType::kSemver, NotEmptyAndBad<detail::IsSemver>, "a semantic version");
}

rules::Rule RuleDD058() {
  return {
      .info =
          {
              .id = "DD058",
              .slug = "hygiene/label-not-semver",
              .title = "Label typed `semver` in the label schema is not a semantic version",
              .severity = Severity::kMedium,
              .practice = 0,
              .reads = kB,
              .rationale =
                  "The label schema says this label holds a Semantic Versioning 2.0.0 version "
                  "(`1.4.2`, `2.0.1-rc.1`), which tools compare and sort; `v1.4`, `latest` or "
                  "`1.04.2` are not. An empty value is DD053's. Silent without `label-schema`.",
              .differs = "hadolint does not read an ONBUILD LABEL, reports an empty value under "
                         "this rule too and judges a `$VAR` value as written; drydock judges an "
                         "ONBUILD LABEL in place, leaves empty values to DD053 and does not judge "
                         "values set at build time.",
              .remediation = "Write MAJOR.MINOR.PATCH with optional -prerelease and +build: "
                             "`LABEL version=1.4.2`.",
              .references = {"DL3056"},
              .examples =
                  {
                      {.input = "FROM debian:12-slim\nLABEL version=v1.4\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2,
                       .settings = &kSchemaExample},
                      {.input = "FROM debian:12-slim\nLABEL version=2.0.1-rc1\n",
                       .fires = false,
                       .settings = &kSchemaExample},
                  },
          },
      .build = SemverLabel,
  };
}

void EmailLabel(const BuildSpec& spec, Reporter& r) {
  CheckValues(spec, r, LabelType::kEmail, NotEmptyAndBad<detail::IsEmailAddress>,
              "an e-mail address");
}

rules::Rule RuleDD059() {
  return {
      .info =
          {
              .id = "DD059",
              .slug = "hygiene/label-not-email",
              .title = "Label typed `email` in the label schema is not an e-mail address",
              .severity = Severity::kMedium,
              .practice = 0,
              .reads = kB,
              .rationale =
                  "The label schema says this label is how to reach the image's owners; a "
                  "value that is not an RFC 5322 address (`team@example.com`) leaves whoever "
                  "finds a problem in the image with nobody to tell. An empty value is DD053's. "
                  "Silent without `label-schema`.",
              .differs = "hadolint does not read an ONBUILD LABEL, reports an empty value under "
                         "this rule too and judges a `$VAR` value as written; drydock judges an "
                         "ONBUILD LABEL in place, leaves empty values to DD053 and does not judge "
                         "values set at build time.",
              .remediation = "Write a plain address: `LABEL contact=platform@example.com`.",
              .references = {"DL3058"},
              .examples =
                  {
                      {.input = "FROM debian:12-slim\nLABEL contact=\"Platform team\"\n",
                       .fires = true,
                       .severity = Severity::kMedium,
                       .line = 2,
                       .settings = &kSchemaExample},
                      {.input = "FROM debian:12-slim\nLABEL contact=platform@example.com\n",
                       .fires = false,
                       .settings = &kSchemaExample},
                  },
          },
      .build = EmailLabel,
  };
}

}  // namespace

void RegisterLabelRules(rules::Registry& registry) {
  registry.Add(RuleDD050());
  registry.Add(RuleDD051());
  registry.Add(RuleDD052());
  registry.Add(RuleDD053());
  registry.Add(RuleDD054());
  registry.Add(RuleDD055());
  registry.Add(RuleDD056());
  registry.Add(RuleDD057());
  registry.Add(RuleDD058());
  registry.Add(RuleDD059());
}

}  // namespace drydock::rules
