// SPDX-License-Identifier: Apache-2.0
#include "vuln/importers.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>

#include "core/io.h"
#include "core/strings.h"
#include "vuln/osv.h"
#include "yaml/typed.h"
#include "yaml/yaml.h"

namespace drydock::vuln {

namespace {

constexpr std::size_t kMaxFeedBytes = std::size_t{512} << 20;

core::Error FeedError(const std::string& file, int line, std::string message) {
  return core::Error{core::ErrorCode::kInput, std::move(message), core::FileOrigin(file, line)};
}

struct FormatRow {
  FeedFormat format;
  std::string_view name;
};

constexpr FormatRow kFormats[] = {
    {FeedFormat::kAuto, "auto"},
    {FeedFormat::kAlpineSecdb, "alpine-secdb"},
    {FeedFormat::kDebianDsaList, "debian-dsa-list"},
    {FeedFormat::kDebianTrackerJson, "debian-tracker-json"},
    {FeedFormat::kOsv, "osv"},
};

struct CodenameRow {
  std::string_view codename;
  std::string_view release;
};

constexpr CodenameRow kDebianCodenames[] = {
    {"hamm", "2.0"},  {"slink", "2.1"}, {"potato", "2.2"},  {"woody", "3.0"},   {"sarge", "3.1"},
    {"etch", "4"},    {"lenny", "5"},   {"squeeze", "6"},   {"wheezy", "7"},    {"jessie", "8"},
    {"stretch", "9"}, {"buster", "10"}, {"bullseye", "11"}, {"bookworm", "12"}, {"trixie", "13"},
    {"forky", "14"},  {"duke", "15"},   {"sid", "sid"},
};

// Splits on spaces and tabs.
std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '\t') ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

// ---- Alpine secdb -----------------------------------------------------------------------------

}  // namespace

std::optional<FeedFormat> ParseFeedFormat(std::string_view name) {
  for (const auto& row : kFormats) {
    if (row.name == name) return row.format;
  }
  return std::nullopt;
}

const char* FeedFormatName(FeedFormat format) {
  for (const auto& row : kFormats) {
    if (row.format == format) return row.name.data();
  }
  return "unknown";
}

std::string DebianRelease(std::string_view codename) {
  for (const auto& row : kDebianCodenames) {
    if (row.codename == codename) return std::string(row.release);
  }
  return {};
}

std::string NormaliseSeverity(std::string_view word) {
  std::string lower(word);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "critical") return "CRITICAL";
  if (lower == "high" || lower == "important") return "HIGH";
  if (lower == "medium" || lower == "moderate") return "MEDIUM";
  if (lower == "low" || lower == "unimportant" || lower == "negligible") return "LOW";
  return {};
}

std::optional<FeedFormat> DetectFeedFormat(std::string_view name, std::string_view prefix) {
  const std::string_view head = prefix.substr(0, 4096);
  if ((head.find("distroversion") != std::string_view::npos &&
       head.find("packages") != std::string_view::npos) ||
      (head.find("\"secfixes\"") != std::string_view::npos &&
       head.find("\"name\"") != std::string_view::npos)) {
    return FeedFormat::kAlpineSecdb;  // the secdb, or one package of aquasecurity/vuln-list
  }
  const std::string_view first = core::Trim(head.substr(0, head.find('\n')), " \t\r");
  if (!first.empty() && first.front() == '[' &&
      (first.find("] DSA-") != std::string_view::npos ||
       first.find("] DLA-") != std::string_view::npos ||
       first.find("] DTSA-") != std::string_view::npos)) {
    return FeedFormat::kDebianDsaList;
  }
  if (!first.empty() && first.front() == '{' &&
      head.find("\"releases\"") != std::string_view::npos &&
      head.find("CVE-") != std::string_view::npos) {
    return FeedFormat::kDebianTrackerJson;
  }
  // OSV record: a JSON object or YAML mapping with an "id" and "modified"/"affected" near the top.
  if ((!first.empty() && first.front() == '{' && head.find("\"id\"") != std::string_view::npos &&
       (head.find("\"modified\"") != std::string_view::npos ||
        head.find("\"affected\"") != std::string_view::npos)) ||
      ((head.substr(0, 4) == "id: " || head.find("\nid: ") != std::string_view::npos) &&
       (head.find("\nmodified:") != std::string_view::npos ||
        head.find("\naffected:") != std::string_view::npos))) {
    return FeedFormat::kOsv;
  }
  // The tracker's data/{DSA,DLA,DTSA}/list files, even when the first line is not an entry.
  if (name == "list" && (head.find("] DSA-") != std::string_view::npos ||
                         head.find("] DLA-") != std::string_view::npos ||
                         head.find("] DTSA-") != std::string_view::npos)) {
    return FeedFormat::kDebianDsaList;
  }
  return std::nullopt;
}

core::Result<Feed> ParseAlpineSecdb(std::string_view text, const std::string& file) {
  yaml::StreamLimits limits;
  limits.max_bytes = kMaxFeedBytes;
  yaml::YamlStream stream = yaml::ParseYamlStream(text, file, limits);
  if (stream.error) return tl::unexpected(*stream.error);
  if (stream.documents.size() != 1 || !stream.documents[0].root.IsMapping()) {
    return tl::unexpected(FeedError(file, 1, "Alpine secdb: expected one mapping document"));
  }
  const yaml::YamlNode& root = stream.documents[0].root;
  const std::string* distro = yaml::ScalarText(root.Get("distroversion"));
  const std::string* repo = yaml::ScalarText(root.Get("reponame"));
  const yaml::YamlNode* packages = root.Get("packages");
  // aquasecurity/vuln-list stores one package per file: {name, secfixes, distroversion, …}.
  const bool single = packages == nullptr && root.Get("secfixes") != nullptr;
  if (distro == nullptr || distro->size() < 2 || (*distro)[0] != 'v') {
    return tl::unexpected(
        FeedError(file, root.line, "Alpine secdb: distroversion \"vX.Y\" missing"));
  }
  // `packages:` with nothing under it (v3.3/community) is an empty list.
  if (!single && (packages == nullptr || !(packages->IsSequence() || packages->IsNull()))) {
    return tl::unexpected(FeedError(file, packages != nullptr ? packages->line : root.line,
                                    "Alpine secdb: packages is not a list"));
  }
  Feed feed;
  feed.format = "alpine-secdb";
  feed.location = file;
  feed.source = "alpine-secdb " + *distro + "/" + (repo != nullptr ? *repo : std::string("main"));
  const std::string release = distro->substr(1);
  // Advisories by id, in first-seen order: one CVE can be fixed in several packages.
  std::map<std::string, std::size_t> index;
  std::vector<const yaml::YamlNode*> pkgs;
  if (single) {
    pkgs.push_back(&root);
  } else {
    for (const yaml::YamlNode& item : packages->items) {
      const yaml::YamlNode* pkg = item.Get("pkg");
      if (pkg == nullptr) {
        return tl::unexpected(FeedError(file, item.line, "Alpine secdb: package without pkg"));
      }
      pkgs.push_back(pkg);
    }
  }
  for (const yaml::YamlNode* pkg : pkgs) {
    const std::string* name = yaml::ScalarText(pkg->Get("name"));
    if (name == nullptr || name->empty()) {
      return tl::unexpected(FeedError(file, pkg->line, "Alpine secdb: package without pkg.name"));
    }
    // Each vuln-list file is its own source, or importing the next would replace it.
    if (single) feed.source += "/" + *name;
    const yaml::YamlNode* secfixes = pkg->Get("secfixes");
    if (secfixes == nullptr || secfixes->IsNull()) continue;
    if (!secfixes->IsMapping()) {
      return tl::unexpected(FeedError(file, secfixes->line,
                                      "Alpine secdb: secfixes of " + *name + " is not a mapping"));
    }
    for (const auto& [version_node, ids] : secfixes->entries) {
      const std::string& version = version_node.scalar;
      if (!version_node.IsScalar() || version.empty()) {
        return tl::unexpected(FeedError(
            file, version_node.line, "Alpine secdb: a secfixes version of " + *name + " is empty"));
      }
      if (ids.IsNull()) continue;  // "7.4.0-r0:" with no ids under it (v3.6/main heimdal)
      if (!ids.IsSequence()) {
        return tl::unexpected(
            FeedError(file, ids.line,
                      "Alpine secdb: secfixes." + version + " of " + *name + " is not a list"));
      }
      for (const yaml::YamlNode& id_node : ids.items) {
        if (!id_node.IsScalar() || id_node.IsNull()) continue;
        // "CVE-2019-5060 TALOS-2019-0844": the first id, the rest aliases.
        std::vector<std::string> ids_here = Words(id_node.scalar);
        if (ids_here.empty()) continue;
        auto [it, inserted] = index.emplace(ids_here[0], feed.advisories.size());
        if (inserted) {
          Advisory a;
          a.id = ids_here[0];
          feed.advisories.push_back(std::move(a));
        }
        Advisory& a = feed.advisories[it->second];
        for (std::size_t k = 1; k < ids_here.size(); ++k) {
          if (std::find(a.aliases.begin(), a.aliases.end(), ids_here[k]) == a.aliases.end()) {
            a.aliases.push_back(ids_here[k]);
          }
        }
        AffectedRange r;
        r.ecosystem = "alpine";
        r.release = release;
        r.package = *name;
        if (version == "0") {
          r.status = Status::kNotAffected;
        } else {
          r.status = Status::kFixed;
          r.fixed = version;
        }
        a.affected.push_back(std::move(r));
      }
    }
  }
  return feed;
}

core::Result<Feed> ParseDebianDsaList(std::string_view text, const std::string& file) {
  Feed feed;
  feed.format = "debian-dsa-list";
  feed.location = file;
  Advisory* current = nullptr;
  int line_no = 0;
  std::string kind;  // DSA, DLA, DTSA: the source name
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view raw = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    const std::string_view line = core::Trim(raw, " \t\r");
    if (line.empty()) continue;
    if (raw.front() == '[') {
      // "[29 Mar 2023] DSA-5380-1 xorg-server - security update"
      const std::size_t close = raw.find(']');
      const auto words = close == std::string_view::npos ? std::vector<std::string>{}
                                                         : Words(raw.substr(close + 1));
      if (words.size() < 2 || words[0].find('-') == std::string::npos) {
        return tl::unexpected(
            FeedError(file, line_no, "DSA list: expected \"[date] ID package - title\""));
      }
      Advisory a;
      a.id = words[0];
      a.published = std::string(core::Trim(raw.substr(1, close - 1), " \t\r"));
      const std::size_t dash = raw.find(" - ", close);
      if (dash != std::string_view::npos) {
        a.summary = std::string(core::Trim(raw.substr(dash + 3), " \t\r"));
      }
      if (kind.empty()) kind = a.id.substr(0, a.id.find('-'));
      feed.advisories.push_back(std::move(a));
      current = &feed.advisories.back();
      continue;
    }
    if (current == nullptr) {
      return tl::unexpected(FeedError(file, line_no, "DSA list: text before the first advisory"));
    }
    if (line.front() == '{') {
      if (line.back() != '}') {
        return tl::unexpected(FeedError(file, line_no, "DSA list: unterminated {CVE list}"));
      }
      for (auto& id : Words(line.substr(1, line.size() - 2))) current->aliases.push_back(id);
      continue;
    }
    if (line.front() == '[') {
      // "[bullseye] - xorg-server 2:1.20.11-1+deb11u6" (or <not-affected>, <unfixed>, …)
      const std::size_t close = line.find(']');
      if (close == std::string_view::npos) {
        return tl::unexpected(FeedError(file, line_no, "DSA list: unterminated [release]"));
      }
      const std::string codename(line.substr(1, close - 1));
      const auto words = Words(line.substr(close + 1));
      if (words.size() < 3 || words[0] != "-") {
        return tl::unexpected(
            FeedError(file, line_no, "DSA list: expected \"[release] - package version\""));
      }
      const std::string release = DebianRelease(codename);
      if (release.empty()) continue;  // a release we do not know (e.g. an old one): skipped
      AffectedRange r;
      r.ecosystem = "debian";
      r.release = release;
      r.package = words[1];
      const std::string& version = words[2];
      if (version == "<not-affected>") {
        r.status = Status::kNotAffected;
      } else if (version == "<unfixed>" || version == "<end-of-life>") {
        r.status = Status::kUnfixed;
      } else if (version.front() == '<') {
        continue;  // <removed>, <postponed>, <ignored>: nothing to match
      } else {
        r.fixed = version;
      }
      current->affected.push_back(std::move(r));
      continue;
    }
    if (line.starts_with("NOTE:")) continue;
    return tl::unexpected(FeedError(
        file, line_no, "DSA list: unexpected line \"" + std::string(line.substr(0, 60)) + "\""));
  }
  if (feed.advisories.empty()) {
    return tl::unexpected(FeedError(file, 1, "DSA list: no advisories"));
  }
  feed.source = "debian " + (kind.empty() ? std::string("DSA") : kind) + " list";
  return feed;
}

// ParseDebianTrackerJson is in tracker.cpp (a streaming reader).

core::Result<Feed> ReadFeed(const std::string& path, FeedFormat format) {
  if (format == FeedFormat::kOsv || (format == FeedFormat::kAuto && IsOsvContainer(path))) {
    return ReadOsv(path);
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return tl::unexpected(FeedError(path, 0, "is a directory; give the feed files"));
  }
  const std::string text = DD_TRY(core::ReadBoundedFile(path, kMaxFeedBytes));
  if (format == FeedFormat::kAuto) {
    auto detected = DetectFeedFormat(std::filesystem::path(path).filename().string(), text);
    if (!detected) {
      return tl::unexpected(FeedError(path, 0,
                                      "unknown feed format (give --format alpine-secdb, "
                                      "debian-dsa-list or debian-tracker-json)"));
    }
    format = *detected;
  }
  switch (format) {
    case FeedFormat::kAlpineSecdb:
      return ParseAlpineSecdb(text, path);
    case FeedFormat::kDebianDsaList:
      return ParseDebianDsaList(text, path);
    case FeedFormat::kDebianTrackerJson:
      return ParseDebianTrackerJson(text, path);
    case FeedFormat::kOsv:
      return ParseOsv(text, path);
    case FeedFormat::kAuto:
      break;
  }
  return tl::unexpected(FeedError(path, 0, "unknown feed format"));
}

}  // namespace drydock::vuln
