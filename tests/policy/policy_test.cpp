// SPDX-License-Identifier: Apache-2.0
#include "policy/policy.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "test_registry.h"

namespace drydock::policy {
namespace {

using core::Severity;
using testing::MakeFinding;
using testing::TestRegistry;

constexpr Date kToday{2026, 6, 15};

bool HasDiag(const core::Diagnostics& d, std::string_view needle) {
  for (const auto& x : d) {
    if (x.message.find(needle) != std::string::npos) return true;
  }
  return false;
}

// ---- ignore files ----

TEST(IgnoreText, ParsesIdsExpiryAndReasons) {
  core::Diagnostics diags;
  auto r = ParseIgnoreText(
      "# comment\n\nDD201\n  DL3008 exp:2026-01-31 pinned upstream\nuser/non-numeric # why not\n"
      "DD005 exp:2026-13-01 broken date\r\n",
      ".trivyignore", diags);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[0].key, "DD201");
  EXPECT_EQ((*r)[0].where.line, 3);
  EXPECT_EQ((*r)[0].reason, "");
  EXPECT_EQ((*r)[1].key, "DL3008");
  EXPECT_EQ((*r)[1].expires, (Date{2026, 1, 31}));
  EXPECT_EQ((*r)[1].reason, "pinned upstream");
  EXPECT_EQ((*r)[2].key, "user/non-numeric");
  EXPECT_EQ((*r)[2].reason, "why not");
  ASSERT_EQ(diags.size(), 1u);  // the bad date drops its entry, with a warning
  EXPECT_EQ(diags[0].where.line, 6);
  EXPECT_TRUE(HasDiag(diags, "exp:2026-13-01"));
}

TEST(IgnoreYaml, ParsesRulesList) {
  core::Diagnostics diags;
  auto r = ParseIgnoreYaml(
      "rules:\n  - id: DD201\n    reason: legacy\n    expires: 2027-01-01\n    paths: [old/**]\n"
      "  - id: DL3015\n    statement: x\nextra: 1\n",
      ".drydockignore.yaml", diags);
  ASSERT_TRUE(r) << r.error().ToString();
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].key, "DD201");
  EXPECT_EQ((*r)[0].reason, "legacy");
  EXPECT_EQ((*r)[0].expires, (Date{2027, 1, 1}));
  EXPECT_EQ((*r)[0].paths, std::vector<std::string>{"old/**"});
  EXPECT_EQ((*r)[1].key, "DL3015");
  EXPECT_EQ(diags.size(), 2u);  // unknown "statement" and "extra"
  EXPECT_TRUE(HasDiag(diags, "statement"));
  EXPECT_TRUE(HasDiag(diags, "extra"));
}

TEST(IgnoreYaml, ShapeErrorsCarryPositions) {
  core::Diagnostics diags;
  auto r = ParseIgnoreYaml("rules:\n  - id: [a]\n", "i.yaml", diags);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where.line, 2);
  EXPECT_EQ(r.error().where.column, 9);
}

TEST(IgnoreFile, LoadPicksFormatByExtension) {
  std::random_device rd;
  auto dir = std::filesystem::temp_directory_path() / ("drydock-ign-" + std::to_string(rd()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "x.yaml") << "rules:\n  - id: DD201\n";
  std::ofstream(dir / ".trivyignore") << "DD201\nDD005\n";
  core::Diagnostics diags;
  auto y = LoadIgnoreFile((dir / "x.yaml").string(), diags);
  auto t = LoadIgnoreFile((dir / ".trivyignore").string(), diags);
  auto missing = LoadIgnoreFile((dir / "nope").string(), diags);
  std::filesystem::remove_all(dir);
  ASSERT_TRUE(y);
  ASSERT_TRUE(t);
  EXPECT_EQ(y->size(), 1u);
  EXPECT_EQ(t->size(), 2u);
  EXPECT_FALSE(missing);
}

// ---- pragmas ----

model::Comment C(int line, std::string text, int first, int last, int stage_last = 0) {
  return model::Comment{line, std::move(text), first, last, stage_last};
}

// hadolint's pragma grammar: spaces around `=` and `,`, a `# comment` tail, `stage ignore=` over
// the stage below, and a pragma naming anything but a rule code ignoring nothing.
TEST(Pragmas, HadolintGrammar) {
  core::Diagnostics diags;
  FilePragmas fp = ParsePragmas("Dockerfile",
                                {C(1, "hadolint global ignore = DL3002 , DL3015", 2, 2),
                                 C(3, "hadolint ignore=crazy,DL3002", 4, 4),
                                 C(5, "hadolint stage ignore=DL3008 # pinned by the base", 6, 6, 9),
                                 C(10, "hadolint ignore=DL3008  # reason", 11, 11)},
                                TestRegistry(), diags);
  ASSERT_EQ(fp.pragmas.size(), 3u);
  EXPECT_EQ(fp.pragmas[0].scope, Pragma::Scope::kFile);
  EXPECT_EQ(fp.pragmas[0].rule_ids, (std::vector<std::string>{"DD201", "DD002"}));
  EXPECT_EQ(fp.pragmas[1].scope, Pragma::Scope::kLines);
  EXPECT_EQ(fp.pragmas[1].first_line, 6);
  EXPECT_EQ(fp.pragmas[1].last_line, 9) << "the whole stage";
  EXPECT_EQ(fp.pragmas[1].reason, "pinned by the base");
  EXPECT_EQ(fp.pragmas[2].last_line, 11);
  EXPECT_EQ(fp.pragmas[2].reason, "reason");
  EXPECT_TRUE(HasDiag(diags, "'crazy' is not a rule code"));
}

TEST(Pragmas, ParsesDrydockAndHadolintForms) {
  core::Diagnostics diags;
  std::vector<model::Comment> comments = {
      C(1, "drydock:ignore-file=DD005 vendored file", 0, 0),
      C(3, "drydock:ignore=DD201,user/non-numeric expires=2027-01-01 runs as app", 4, 6),
      C(7, "hadolint ignore=DL3008,DL3015", 8, 8),
      C(9, "hadolint global ignore=DL3002", 10, 10),
      C(11, "just a comment about drydock", 12, 12),
      C(13, "hadolint shell=powershell", 14, 14),
      C(15, "drydock:ignore=DD201, DD402 spaced list", 16, 16),
  };
  FilePragmas fp = ParsePragmas("Dockerfile", comments, TestRegistry(), diags);
  EXPECT_TRUE(diags.empty());
  ASSERT_EQ(fp.pragmas.size(), 5u);
  const Pragma& file = fp.pragmas[0];
  EXPECT_EQ(file.scope, Pragma::Scope::kFile);
  EXPECT_FALSE(file.hadolint);
  EXPECT_EQ(file.rule_ids, std::vector<std::string>{"DD005"});
  EXPECT_EQ(file.reason, "vendored file");
  const Pragma& lines = fp.pragmas[1];
  EXPECT_EQ(lines.scope, Pragma::Scope::kLines);
  EXPECT_EQ(lines.rule_ids, (std::vector<std::string>{"DD201", "DD203"}));
  EXPECT_EQ(lines.expires, (Date{2027, 1, 1}));
  EXPECT_EQ(lines.reason, "runs as app");
  EXPECT_EQ(lines.first_line, 4);
  EXPECT_EQ(lines.last_line, 6);
  EXPECT_EQ(lines.where.line, 3);
  const Pragma& hl = fp.pragmas[2];
  EXPECT_TRUE(hl.hadolint);
  EXPECT_EQ(hl.scope, Pragma::Scope::kLines);
  EXPECT_EQ(hl.rule_ids, (std::vector<std::string>{"DD005", "DD002"}));
  EXPECT_EQ(fp.pragmas[3].scope, Pragma::Scope::kFile);
  EXPECT_EQ(fp.pragmas[3].rule_ids, std::vector<std::string>{"DD201"});
  EXPECT_EQ(fp.pragmas[4].rule_ids, (std::vector<std::string>{"DD201", "DD402"}));
  EXPECT_EQ(fp.pragmas[4].reason, "spaced list");
}

TEST(Pragmas, UnknownIdsWarnForDrydockAndNoteForHadolint) {
  core::Diagnostics diags;
  FilePragmas fp = ParsePragmas(
      "Dockerfile",
      {C(1, "drydock:ignore=DD999,DD201 typo", 2, 2), C(3, "hadolint ignore=SC2086", 4, 4),
       C(5, "drydock:ignroe=DD201", 6, 6), C(7, "drydock:ignore=DD201 expires=tomorrow", 8, 8)},
      TestRegistry(), diags);
  ASSERT_EQ(fp.pragmas.size(), 1u);  // the first keeps its known id
  EXPECT_EQ(fp.pragmas[0].rule_ids, std::vector<std::string>{"DD201"});
  ASSERT_EQ(diags.size(), 4u);
  EXPECT_EQ(diags[0].level, core::DiagnosticLevel::kWarning);
  EXPECT_TRUE(HasDiag(diags, "DD999"));
  EXPECT_EQ(diags[0].where.line, 1);
  EXPECT_EQ(diags[1].level, core::DiagnosticLevel::kNote);
  EXPECT_TRUE(HasDiag(diags, "SC2086"));
  EXPECT_TRUE(HasDiag(diags, "ignroe"));
  EXPECT_TRUE(HasDiag(diags, "tomorrow"));
}

// ---- apply ----

TEST(Apply, LinePragmaCoversOnlyItsTargetLines) {
  core::Diagnostics diags;
  std::vector<FilePragmas> pragmas = {
      ParsePragmas("Dockerfile", {C(3, "drydock:ignore=user/root not root really", 4, 6)},
                   TestRegistry(), diags)};
  core::Findings f = {
      MakeFinding("DD201", "Dockerfile", 3),       MakeFinding("DD201", "Dockerfile", 4),
      MakeFinding("DD201", "Dockerfile", 6),       MakeFinding("DD201", "Dockerfile", 7),
      MakeFinding("DD201", "other/Dockerfile", 5), MakeFinding("DD203", "Dockerfile", 5)};
  Apply({.registry = TestRegistry(), .today = kToday, .pragmas = pragmas}, f, diags);
  ASSERT_EQ(f.size(), 6u);
  EXPECT_FALSE(f[0].suppressed);
  EXPECT_TRUE(f[1].suppressed);
  EXPECT_EQ(f[1].suppression_kind, "inline");
  EXPECT_EQ(f[1].suppression_reason, "not root really");
  EXPECT_TRUE(f[2].suppressed);
  EXPECT_FALSE(f[3].suppressed);
  EXPECT_FALSE(f[4].suppressed);  // another file
  EXPECT_FALSE(f[5].suppressed);  // another rule
  EXPECT_TRUE(diags.empty());
}

TEST(Apply, FileAndHadolintPragmas) {
  core::Diagnostics diags;
  std::vector<FilePragmas> pragmas = {ParsePragmas(
      "Dockerfile",
      {C(1, "drydock:ignore-file=DD005 vendored", 2, 2), C(5, "hadolint ignore=DL3015", 6, 6),
       C(9, "hadolint global ignore=DL3002", 10, 10)},
      TestRegistry(), diags)};
  core::Findings f = {MakeFinding("DD005", "Dockerfile", 40), MakeFinding("DD002", "Dockerfile", 6),
                      MakeFinding("DD002", "Dockerfile", 7), MakeFinding("DD201", "Dockerfile", 0)};
  Apply({.registry = TestRegistry(), .today = kToday, .pragmas = pragmas}, f, diags);
  EXPECT_TRUE(f[0].suppressed);
  EXPECT_EQ(f[0].suppression_kind, "file");
  EXPECT_EQ(f[0].suppression_reason, "vendored");
  EXPECT_TRUE(f[1].suppressed);
  EXPECT_EQ(f[1].suppression_kind, "hadolint");
  EXPECT_FALSE(f[2].suppressed);
  EXPECT_TRUE(f[3].suppressed);  // whole-file finding, global pragma
  EXPECT_EQ(f[3].suppression_kind, "hadolint");
}

TEST(Apply, ConfigIgnoresWithPathsAndReferences) {
  auto config = ParseConfig(
      "ignore:\n  - {id: DL3008, reason: pinned, paths: [\"legacy/**\"]}\n"
      "  - {id: user/root, reason: sandboxed}\n  - {id: DL9999}\n",
      ".drydock.yaml");
  ASSERT_TRUE(config);
  core::Findings f = {MakeFinding("DD005", "legacy/a/Dockerfile", 2),
                      MakeFinding("DD005", "./legacy/Dockerfile", 2),
                      MakeFinding("DD005", "app/Dockerfile", 2),
                      MakeFinding("DD201", "app/Dockerfile", 9)};
  core::Diagnostics diags;
  Apply({.registry = TestRegistry(), .today = kToday, .config = &*config}, f, diags);
  EXPECT_TRUE(f[0].suppressed);
  EXPECT_EQ(f[0].suppression_kind, "config");
  EXPECT_EQ(f[0].suppression_reason, "pinned");
  EXPECT_TRUE(f[1].suppressed);
  EXPECT_FALSE(f[2].suppressed);
  EXPECT_TRUE(f[3].suppressed);
  EXPECT_EQ(f[3].suppression_reason, "sandboxed");
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_TRUE(HasDiag(diags, "DL9999"));
  EXPECT_EQ(diags[0].where.line, 4);
}

TEST(Apply, ExpiredEntriesDoNotSuppressAndWarn) {
  auto config = ParseConfig(
      "ignore:\n  - {id: DD201, expires: 2025-01-01, reason: old}\n"
      "  - {id: DD005, expires: 2026-06-15, reason: last day}\n",
      ".drydock.yaml");
  ASSERT_TRUE(config);
  core::Diagnostics diags;
  std::vector<IgnoreEntry> ignore_file =
      *ParseIgnoreText("DD203 exp:2026-06-14 yesterday\n", ".trivyignore", diags);
  std::vector<FilePragmas> pragmas = {
      ParsePragmas("Dockerfile", {C(1, "drydock:ignore=DD402 expires=2026-01-01 stale", 2, 2)},
                   TestRegistry(), diags)};
  core::Findings f = {MakeFinding("DD201", "Dockerfile", 2), MakeFinding("DD005", "Dockerfile", 2),
                      MakeFinding("DD203", "Dockerfile", 2), MakeFinding("DD402", "Dockerfile", 2)};
  Apply({.registry = TestRegistry(),
         .today = kToday,
         .config = &*config,
         .ignore_file = ignore_file,
         .pragmas = pragmas},
        f, diags);
  EXPECT_FALSE(f[0].suppressed);
  EXPECT_TRUE(f[1].suppressed);  // expires today: still valid
  EXPECT_FALSE(f[2].suppressed);
  EXPECT_FALSE(f[3].suppressed);
  ASSERT_EQ(diags.size(), 3u);
  EXPECT_TRUE(HasDiag(diags, "ignore for DD201 expired on 2025-01-01 (config .drydock.yaml:2"));
  EXPECT_TRUE(HasDiag(diags, "ignore for DD203 expired on 2026-06-14 (ignorefile .trivyignore:1"));
  EXPECT_TRUE(HasDiag(diags, "ignore for DD402 expired on 2026-01-01 (pragma Dockerfile:1"));
}

TEST(Apply, OverridesAndDisabledRules) {
  auto config = ParseConfig(
      "rules:\n  DD201: {severity: LOW}\n  user/non-numeric: {enabled: false}\n"
      "  DL3008: {severity: critical}\n  nope/nope: {enabled: false}\n",
      ".drydock.yaml");
  ASSERT_TRUE(config);
  core::Findings f = {MakeFinding("DD201", "D", 1), MakeFinding("DD203", "D", 1),
                      MakeFinding("DD005", "D", 1), MakeFinding("DD402", "D", 1)};
  core::Diagnostics diags;
  Apply({.registry = TestRegistry(), .today = kToday, .config = &*config}, f, diags);
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0].rule->id, "DD201");
  EXPECT_EQ(f[0].severity, Severity::kLow);
  EXPECT_EQ(f[1].rule->id, "DD005");
  EXPECT_EQ(f[1].severity, Severity::kCritical);
  EXPECT_EQ(f[2].severity, Severity::kMedium);
  EXPECT_TRUE(HasDiag(diags, "nope/nope"));
  EXPECT_EQ(DisabledRuleIds(*config, TestRegistry()), std::set<std::string>{"DD203"});
}

// hadolint's override:/ignored: act through references; ignored wins over override, rules: over
// both; codes without a rule are notes, and a code whose rule covers more says so.
TEST(Apply, HadolintOverridesAndIgnored) {
  auto config = ParseConfig(
      "override:\n  error: [DL3015, DL3007]\n  style: [DL3002]\nignored: [DL3008, SC2086, "
      "DL3007]\n",
      ".hadolint.yaml", ConfigFlavor::kHadolint);
  ASSERT_TRUE(config) << config.error().ToString();
  core::Findings f = {MakeFinding("DD002", "D", 1), MakeFinding("DD005", "D", 1),
                      MakeFinding("DD201", "D", 1), MakeFinding("DD402", "D", 1)};
  core::Diagnostics diags;
  Apply({.registry = TestRegistry(), .today = kToday, .config = &*config}, f, diags);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].rule->id, "DD002");
  EXPECT_EQ(f[0].severity, Severity::kHigh);
  EXPECT_EQ(f[1].rule->id, "DD201");
  EXPECT_EQ(f[1].severity, Severity::kInfo);
  for (const auto& d : diags) EXPECT_EQ(d.level, core::DiagnosticLevel::kNote) << d.message;
  EXPECT_TRUE(HasDiag(diags, "no drydock rule carries 'SC2086'"));
  EXPECT_TRUE(HasDiag(diags,
                      "ignored: DL3008 acts on DD005 (hygiene/pkg-unpinned), which also "
                      "covers DL3018"));
  EXPECT_EQ(DisabledRuleIds(*config, TestRegistry()), (std::set<std::string>{"DD005", "DD402"}));

  // drydock's rules: comes last and wins.
  auto both = ParseConfig("ignored: [DL3008]\nrules:\n  DD005: {enabled: true}\n", ".drydock.yaml");
  ASSERT_TRUE(both);
  EXPECT_TRUE(DisabledRuleIds(*both, TestRegistry()).empty());
}

TEST(Apply, HadolintOverrideEnablesARuleThatShipsDisabled) {
  rules::Registry registry;
  rules::Rule rule;
  rule.info.id = "DD013";
  rule.info.slug = "hygiene/no-healthcheck";
  rule.info.title = "t";
  rule.info.severity = Severity::kInfo;
  rule.info.references = {"DL3057"};
  rule.info.enabled_by_default = false;
  registry.Add(std::move(rule));
  EXPECT_EQ(DisabledRuleIds(Config{}, registry), std::set<std::string>{"DD013"});
  auto config =
      ParseConfig("override:\n  warning: [DL3057]\n", ".hadolint.yaml", ConfigFlavor::kHadolint);
  ASSERT_TRUE(config);
  EXPECT_TRUE(DisabledRuleIds(*config, registry).empty());
  core::Finding f;
  f.rule = &registry.FindById("DD013")->info;
  f.severity = Severity::kInfo;
  core::Findings findings = {f};
  core::Diagnostics diags;
  Apply({.registry = registry, .today = kToday, .config = &*config}, findings, diags);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].severity, Severity::kMedium);
}

TEST(Apply, DisableIgnorePragmaDropsHadolintPragmasOnly) {
  auto config =
      ParseConfig("disable-ignore-pragma: true\n", ".hadolint.yaml", ConfigFlavor::kHadolint);
  ASSERT_TRUE(config);
  core::Diagnostics diags;
  std::vector<FilePragmas> pragmas = {
      ParsePragmas("D",
                   {C(1, "hadolint ignore=DL3002", 2, 2), C(3, "drydock:ignore=DD005 why", 4, 4),
                    C(5, "hadolint global ignore=DL3007", 6, 6)},
                   TestRegistry(), diags)};
  core::Findings f = {MakeFinding("DD201", "D", 2), MakeFinding("DD005", "D", 4),
                      MakeFinding("DD402", "D", 9)};
  Apply({.registry = TestRegistry(), .today = kToday, .config = &*config, .pragmas = pragmas}, f,
        diags);
  EXPECT_FALSE(f[0].suppressed);
  EXPECT_TRUE(f[1].suppressed);
  EXPECT_FALSE(f[2].suppressed);
  core::Findings g = {MakeFinding("DD201", "D", 2)};
  Apply({.registry = TestRegistry(), .today = kToday, .pragmas = pragmas}, g, diags);
  EXPECT_TRUE(g[0].suppressed);  // honoured without the setting
}

TEST(Apply, PrecedenceInlineBeforeConfigBeforeIgnoreFile) {
  auto config = ParseConfig("ignore:\n  - {id: DD201, reason: from config}\n", "c.yaml");
  ASSERT_TRUE(config);
  core::Diagnostics diags;
  std::vector<IgnoreEntry> ig = *ParseIgnoreText("DD201 from file\nDD005 from file\n", "i", diags);
  std::vector<FilePragmas> pragmas = {
      ParsePragmas("D", {C(1, "drydock:ignore=DD201 inline", 2, 2)}, TestRegistry(), diags)};
  core::Findings f = {MakeFinding("DD201", "D", 2), MakeFinding("DD201", "D", 3),
                      MakeFinding("DD005", "D", 3)};
  Apply({.registry = TestRegistry(),
         .today = kToday,
         .config = &*config,
         .ignore_file = ig,
         .pragmas = pragmas},
        f, diags);
  EXPECT_EQ(f[0].suppression_kind, "inline");
  EXPECT_EQ(f[1].suppression_kind, "config");
  EXPECT_EQ(f[2].suppression_kind, "ignorefile");
  EXPECT_EQ(f[2].suppression_reason, "from file");
}

// ---- glob ----

TEST(Glob, Matches) {
  EXPECT_TRUE(MatchGlob("legacy/**", "legacy/a/b/Dockerfile"));
  EXPECT_TRUE(MatchGlob("legacy", "legacy/Dockerfile"));  // directory prefix
  EXPECT_TRUE(MatchGlob("legacy/", "legacy/Dockerfile"));
  EXPECT_FALSE(MatchGlob("legacy", "legacy2/Dockerfile"));
  EXPECT_TRUE(MatchGlob("*.yaml", "a.yaml"));
  EXPECT_FALSE(MatchGlob("*.yaml", "dir/a.yaml"));
  EXPECT_TRUE(MatchGlob("**/*.yaml", "a.yaml"));
  EXPECT_TRUE(MatchGlob("**/*.yaml", "x/y/a.yaml"));
  EXPECT_TRUE(MatchGlob("**/test/*", "a/test/f"));
  EXPECT_TRUE(MatchGlob("**/test/*", "test/f"));
  EXPECT_FALSE(MatchGlob("**/test/*", "atest/f"));
  EXPECT_TRUE(MatchGlob("d?ckerfile", "dockerfile"));
  EXPECT_FALSE(MatchGlob("a?b", "a/b"));
  EXPECT_TRUE(MatchGlob("./app/*", "app/x"));
  EXPECT_FALSE(MatchGlob("", "x"));
  // Hostile pattern: linear DP, returns promptly.
  std::string pat;
  for (int i = 0; i < 200; ++i) pat += "*a";
  EXPECT_FALSE(MatchGlob(pat + "b", std::string(5000, 'a')));
}

// ---- gate ----

TEST(Gate, SelectForReportKeepsSuppressedAndFiltersSeverity) {
  core::Findings f = {MakeFinding("DD201", "D", 1), MakeFinding("DD005", "D", 1),
                      MakeFinding("DD601", "D", 1)};
  f[2].suppressed = true;
  Gate g;
  g.severities = {Severity::kHigh, Severity::kCritical};
  core::Findings out = SelectForReport(f, g);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].rule->id, "DD201");
  EXPECT_EQ(out[1].rule->id, "DD601");
  EXPECT_TRUE(out[1].suppressed);
  EXPECT_EQ(SelectForReport(f, Gate{}).size(), 3u);
}

struct GateCase {
  std::vector<Severity> findings;    // unsuppressed
  std::vector<Severity> suppressed;  // suppressed
  std::set<Severity> filter;
  int exit_code;
  std::optional<Severity> fail_on;
  int want;
};

TEST(Gate, ExitCodeMatrix) {
  using S = Severity;
  const GateCase cases[] = {
      {{}, {}, {}, 1, {}, 0},                            // nothing found
      {{S::kLow}, {}, {}, 0, {}, 0},                     // default exit code 0
      {{S::kLow}, {}, {}, 1, {}, 1},                     // any finding
      {{}, {S::kCritical}, {}, 1, {}, 0},                // suppressed never fails
      {{S::kLow}, {}, {}, 1, S::kHigh, 0},               // below fail-on
      {{S::kLow, S::kHigh}, {}, {}, 1, S::kHigh, 1},     // at fail-on
      {{S::kCritical}, {}, {}, 5, S::kHigh, 5},          // above fail-on, custom code
      {{S::kMedium}, {}, {S::kHigh}, 1, {}, 0},          // filtered out, not reported
      {{S::kHigh}, {}, {S::kHigh}, 1, S::kCritical, 0},  // reported but below fail-on
      {{S::kInfo}, {}, {S::kInfo}, 3, S::kInfo, 3},
      {{S::kMedium}, {S::kHigh}, {}, 2, S::kHigh, 0},  // only the suppressed one is HIGH
  };
  int i = 0;
  for (const GateCase& c : cases) {
    core::Findings f;
    for (S s : c.findings) {
      f.push_back(MakeFinding("DD201", "D", 1));
      f.back().severity = s;
    }
    for (S s : c.suppressed) {
      f.push_back(MakeFinding("DD201", "D", 1));
      f.back().severity = s;
      f.back().suppressed = true;
    }
    Gate g{c.filter, c.exit_code, c.fail_on};
    EXPECT_EQ(ExitCodeFor(f, g), c.want) << "case " << i;
    EXPECT_EQ(ExitCodeFor(SelectForReport(f, g), g), c.want) << "case " << i;
    ++i;
  }
}

TEST(Gate, FromConfig) {
  auto c = ParseConfig("severity: [HIGH]\nfail-on: CRITICAL\nexit-code: 9\n", "c.yaml");
  ASSERT_TRUE(c);
  Gate g = GateFromConfig(*c);
  EXPECT_EQ(g.severities, std::set<Severity>{Severity::kHigh});
  EXPECT_EQ(g.fail_on, Severity::kCritical);
  EXPECT_EQ(g.exit_code, 9);
}

}  // namespace
}  // namespace drydock::policy
