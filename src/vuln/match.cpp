// SPDX-License-Identifier: Apache-2.0
#include "vuln/match.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "packages/lang.h"
#include "vuln/version.h"

namespace drydock::vuln {

namespace {

struct OsRow {
  std::string_view os_id;
  std::string_view feed;
};

// os-release ID → the ecosystem key the importers write.
constexpr OsRow kOsFeeds[] = {
    {"debian", "debian"},
    {"ubuntu", "ubuntu"},
    {"alpine", "alpine"},
    {"rhel", "rhel"},
    {"rocky", "rocky"},
    {"almalinux", "almalinux"},
    {"centos", "centos"},
    {"fedora", "fedora"},
    {"amzn", "amzn"},
    {"ol", "ol"},
    {"opensuse-leap", "opensuse"},
};

Ecosystem OrderingOf(packages::Ecosystem ecosystem) {
  switch (ecosystem) {
    case packages::Ecosystem::kApk:
      return Ecosystem::kApk;
    case packages::Ecosystem::kRpm:
      return Ecosystem::kRpm;
    case packages::Ecosystem::kPypi:
      return Ecosystem::kPep440;
    case packages::Ecosystem::kNpm:
      return Ecosystem::kSemver;
    case packages::Ecosystem::kDpkg:
      break;
  }
  return Ecosystem::kDpkg;
}

int SeverityRank(std::string_view severity) {
  if (severity == "CRITICAL") return 4;
  if (severity == "HIGH") return 3;
  if (severity == "MEDIUM") return 2;
  if (severity == "LOW") return 1;
  return 0;
}

// The CVE id of a row when it has one (its own id or an alias), else its id.
std::string CanonicalId(const RangeRow& row) {
  if (row.advisory.starts_with("CVE-")) return row.advisory;
  for (const auto& alias : row.aliases) {
    if (alias.starts_with("CVE-")) return alias;
  }
  return row.advisory;
}

// Whether `installed` is inside `range` (for a fixed or unfixed range).
bool Affects(const AffectedRange& range, Ecosystem ordering, std::string_view installed) {
  if (!range.introduced.empty() && range.introduced != "0" &&
      Compare(ordering, installed, range.introduced) < 0) {
    return false;
  }
  if (!range.last_affected.empty()) return Compare(ordering, installed, range.last_affected) <= 0;
  if (range.status == Status::kUnfixed) return true;
  return Compare(ordering, installed, range.fixed) < 0;
}

struct Group {
  bool not_affected = false;
  bool fixed_here = false;  // some feed says the installed version has the fix
  std::vector<const RangeRow*> vulnerable;
};

// Appends the advisories `rows` (the feeds' ranges for `pkg`'s name) say affect `pkg`.
void MatchOne(const packages::Package& pkg, const std::vector<RangeRow>& rows,
              const MatchOptions& options, std::vector<PackageMatch>& out) {
  const Ecosystem ordering = OrderingOf(pkg.ecosystem);
  // Debian feeds give source versions; a binNMU'd binary (+b1) still has its source's.
  const std::string& installed =
      pkg.ecosystem == packages::Ecosystem::kDpkg ? pkg.source_version : pkg.version;
  std::map<std::string, Group> groups;
  for (const RangeRow& row : rows) {
    Group& g = groups[CanonicalId(row)];
    if (row.range.status == Status::kNotAffected) {
      g.not_affected = true;
    } else if (Affects(row.range, ordering, installed)) {
      g.vulnerable.push_back(&row);
    } else if (row.range.status == Status::kFixed) {
      g.fixed_here = true;
    }
  }
  for (const auto& [id, g] : groups) {
    if (g.not_affected || g.fixed_here || g.vulnerable.empty()) continue;
    PackageMatch m;
    m.advisory = id;
    m.package = pkg.name;
    // A language package's feed key is only its normalised name: show the name as written.
    m.source_package = packages::IsLanguageEcosystem(pkg.ecosystem) ? pkg.name : pkg.source_name;
    m.installed = installed;
    m.status = Status::kUnfixed;
    m.origin = pkg.origin;
    std::set<std::string> aliases;
    std::set<std::string> sources;
    for (const RangeRow* row : g.vulnerable) {
      if (row->advisory != id) aliases.insert(row->advisory);
      for (const auto& a : row->aliases) {
        if (a != id) aliases.insert(a);
      }
      sources.insert(row->source);
      if (row->range.status == Status::kFixed &&
          (m.fixed.empty() || Compare(ordering, row->range.fixed, m.fixed) > 0)) {
        m.fixed = row->range.fixed;  // the highest fix any feed names
        m.status = Status::kFixed;
      }
      if (SeverityRank(row->severity) > SeverityRank(m.severity)) m.severity = row->severity;
    }
    if (options.ignore_unfixed && m.status == Status::kUnfixed) continue;
    m.aliases.assign(aliases.begin(), aliases.end());
    m.sources.assign(sources.begin(), sources.end());
    out.push_back(std::move(m));
  }
}

// The feed key of each language ecosystem (osv.h stores them with release "").
struct LangFeed {
  packages::Ecosystem ecosystem;
  std::string_view feed;
};
constexpr LangFeed kLangFeeds[] = {{packages::Ecosystem::kPypi, "pypi"},
                                   {packages::Ecosystem::kNpm, "npm"}};

}  // namespace

std::string FeedEcosystem(const packages::Inventory& inventory) {
  for (const auto& row : kOsFeeds) {
    if (row.os_id == inventory.os_id) return std::string(row.feed);
  }
  return {};
}

core::Result<std::vector<PackageMatch>> MatchPackages(const packages::Inventory& inventory,
                                                      Database& db, const MatchOptions& options) {
  std::vector<PackageMatch> out;
  // OS packages: one query for the whole inventory, by source package: many binaries share one
  // source (glibc → libc6, libc-bin…).
  const std::string ecosystem = FeedEcosystem(inventory);
  if (!ecosystem.empty() && !inventory.os_release.empty()) {
    std::vector<std::string> sources;
    sources.reserve(inventory.packages.size());
    for (const packages::Package& pkg : inventory.packages) {
      if (!packages::IsLanguageEcosystem(pkg.ecosystem)) sources.push_back(pkg.source_name);
    }
    const auto found = DD_TRY(db.LookupMany(ecosystem, inventory.os_release, sources));
    for (const packages::Package& pkg : inventory.packages) {
      if (packages::IsLanguageEcosystem(pkg.ecosystem)) continue;
      auto it = found.find(pkg.source_name);
      if (it != found.end()) MatchOne(pkg, *it->second, options, out);
    }
  }
  // Language packages, whatever the OS (a scratch image with a virtualenv has none): one query
  // per ecosystem, by normalised name. LookupMany's rows live until the next call, so each
  // ecosystem is matched before the next is looked up.
  for (const LangFeed& lang : kLangFeeds) {
    std::vector<std::string> names;
    for (const packages::Package& pkg : inventory.packages) {
      if (pkg.ecosystem == lang.ecosystem) names.push_back(pkg.source_name);
    }
    if (names.empty()) continue;
    const auto found = DD_TRY(db.LookupMany(lang.feed, "", names));
    for (const packages::Package& pkg : inventory.packages) {
      if (pkg.ecosystem != lang.ecosystem) continue;
      auto it = found.find(pkg.source_name);
      if (it != found.end()) MatchOne(pkg, *it->second, options, out);
    }
  }
  std::sort(out.begin(), out.end(), [](const PackageMatch& a, const PackageMatch& b) {
    return std::tie(a.package, a.advisory) < std::tie(b.package, b.advisory);
  });
  return out;
}

}  // namespace drydock::vuln
