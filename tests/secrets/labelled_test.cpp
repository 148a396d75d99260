// SPDX-License-Identifier: Apache-2.0
// Issue 14 "Secrets precision": the labelled regression set. tests/secrets/data/labelled.txt
// (written by tools/gen-secret-labelled from the documented token layouts; every value random)
// holds, for every rule of kDetectorRules, real-shaped positives and near-miss negatives. Each
// case is scanned with secrets::Scan: a positive counts as found when a match of its rule is
// reported; a negative is a false positive when anything is reported. The test prints recall and
// false positives per rule and overall, and fails when a rule has fewer than two cases of either
// label, or overall recall is below 95 % or false positives above 3 %.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "secrets/detector.h"

namespace drydock::secrets {
namespace {

struct Case {
  std::string rule;
  bool positive = false;
  std::string what;
  std::string text;
  std::size_t line = 0;
};

// Undoes the file's escapes (\n, \t, \\) and removes the "||" split markers.
std::string Unescape(const std::string& field) {
  std::string out;
  for (std::size_t i = 0; i < field.size(); ++i) {
    if (field[i] == '\\' && i + 1 < field.size()) {
      const char next = field[++i];
      out.push_back(next == 'n' ? '\n' : next == 't' ? '\t' : next);
    } else {
      out.push_back(field[i]);
    }
  }
  return ExampleText(out);
}

std::vector<Case> LoadCases(const std::string& path) {
  std::ifstream in(path);
  std::vector<Case> cases;
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields;
    std::size_t start = 0;
    for (int f = 0; f < 3; ++f) {
      const std::size_t tab = line.find('\t', start);
      if (tab == std::string::npos) break;
      fields.push_back(line.substr(start, tab - start));
      start = tab + 1;
    }
    fields.push_back(line.substr(start));
    if (fields.size() != 4 || (fields[1] != "+" && fields[1] != "-")) {
      ADD_FAILURE() << path << ":" << number << ": malformed case";
      continue;
    }
    cases.push_back(Case{fields[0], fields[1] == "+", fields[2], Unescape(fields[3]), number});
  }
  return cases;
}

struct Tally {
  int positives = 0;
  int found = 0;
  int negatives = 0;
  int false_positives = 0;
};

double Percent(int part, int whole) { return whole == 0 ? 0 : 100.0 * part / whole; }

TEST(SecretsLabelled, Issue14RecallAndFalsePositives) {
  const std::string path = std::string(DRYDOCK_SOURCE_DIR) + "/tests/secrets/data/labelled.txt";
  const std::vector<Case> cases = LoadCases(path);
  ASSERT_FALSE(cases.empty()) << "no cases in " << path;

  std::map<std::string, Tally> per_rule;
  for (const DetectorRule& rule : kDetectorRules) per_rule[std::string(rule.id)];
  std::vector<std::string> misses;
  Tally total;
  for (const Case& c : cases) {
    ASSERT_NE(FindDetectorRule(c.rule), nullptr) << path << ":" << c.line << ": unknown rule";
    const std::vector<SecretMatch> matches = Scan(c.text);
    Tally& t = per_rule[c.rule];
    if (c.positive) {
      const bool found = std::any_of(matches.begin(), matches.end(),
                                     [&](const SecretMatch& m) { return m.rule->id == c.rule; });
      ++t.positives;
      ++total.positives;
      t.found += found ? 1 : 0;
      total.found += found ? 1 : 0;
      if (!found) {
        std::string got;
        for (const SecretMatch& m : matches) got += " " + std::string(m.rule->id);
        misses.push_back("missed   " + c.rule + " (" + c.what + ", line " + std::to_string(c.line) +
                         ")" + (got.empty() ? "" : " got:" + got));
      }
    } else {
      ++t.negatives;
      ++total.negatives;
      if (!matches.empty()) {
        ++t.false_positives;
        ++total.false_positives;
        misses.push_back("fired on " + c.rule + " negative (" + c.what + ", line " +
                         std::to_string(c.line) + ") as " + std::string(matches[0].rule->id) +
                         ": " + Mask(matches[0].value));
      }
    }
  }

  std::printf("%-36s %5s %5s %7s %5s %5s %7s\n", "rule", "pos", "found", "recall", "neg", "fired",
              "fp");
  for (const auto& [id, t] : per_rule) {
    std::printf("%-36s %5d %5d %6.1f%% %5d %5d %6.1f%%\n", id.c_str(), t.positives, t.found,
                Percent(t.found, t.positives), t.negatives, t.false_positives,
                Percent(t.false_positives, t.negatives));
  }
  std::printf("%-36s %5d %5d %6.1f%% %5d %5d %6.1f%%\n", "TOTAL", total.positives, total.found,
              Percent(total.found, total.positives), total.negatives, total.false_positives,
              Percent(total.false_positives, total.negatives));
  for (const std::string& m : misses) std::printf("  %s\n", m.c_str());

  for (const auto& [id, t] : per_rule) {
    EXPECT_GE(t.positives, 2) << id << " needs at least two labelled positives";
    EXPECT_GE(t.negatives, 2) << id << " needs at least two labelled negatives";
  }
  EXPECT_GE(Percent(total.found, total.positives), 95.0);
  EXPECT_LE(Percent(total.false_positives, total.negatives), 3.0);
}

}  // namespace
}  // namespace drydock::secrets
