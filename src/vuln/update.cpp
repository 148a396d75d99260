// SPDX-License-Identifier: Apache-2.0
#include "vuln/update.h"

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <set>

#include "vuln/db.h"
#include "vuln/importers.h"

namespace drydock::vuln {

namespace {

namespace fs = std::filesystem;

constexpr const char* kSalsaRaw =
    "https://salsa.debian.org/security-tracker-team/security-tracker/-/raw/master/data/";
constexpr const char* kOsvBucket = "https://osv-vulnerabilities.storage.googleapis.com/";

std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> out;
  std::string item;
  for (char c : text) {
    if (c == ',' || c == ' ') {
      if (!item.empty()) out.push_back(std::move(item));
      item.clear();
    } else {
      item += c;
    }
  }
  if (!item.empty()) out.push_back(std::move(item));
  return out;
}

// A branch like "3.20" or "edge": digits and dots, or letters.
bool ValidBranch(const std::string& b) {
  if (b.empty() || b.size() > 16) return false;
  for (char c : b) {
    if (!((c >= '0' && c <= '9') || c == '.' || (c >= 'a' && c <= 'z'))) return false;
  }
  return true;
}

// The file name extension of the URL's path (".zip", ".json") so importers see the right kind.
std::string UrlExtension(const std::string& url) {
  std::string path = url.substr(0, url.find_first_of("?#"));
  const auto slash = path.rfind('/');
  const std::string last = slash == std::string::npos ? path : path.substr(slash + 1);
  const auto dot = last.rfind('.');
  if (dot == std::string::npos) return "";
  std::string ext = last.substr(dot);
  for (const char* known : {".zip", ".json", ".yaml", ".yml"}) {
    if (ext == known) return ext;
  }
  return "";
}

}  // namespace

std::vector<std::string> AlpineBranches() {
  const char* env = std::getenv("DRYDOCK_ALPINE_BRANCHES");
  std::vector<std::string> out;
  for (auto& b : SplitList(env != nullptr && *env != '\0' ? env : kDefaultAlpineBranches)) {
    if (b.starts_with("v")) b.erase(0, 1);
    if (ValidBranch(b)) out.push_back(b);
  }
  return out;
}

std::string UrlEnvironmentName(const std::string& source_name) {
  std::string out = "DRYDOCK_FEED_URL_";
  for (char c : source_name) {
    if (c >= 'a' && c <= 'z') {
      out += static_cast<char>(c - 'a' + 'A');
    } else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      out += c;
    } else {
      out += '_';
    }
  }
  return out;
}

bool FormatSupported(const std::string& format) {
  auto parsed = ParseFeedFormat(format);
  return parsed.has_value() && *parsed != FeedFormat::kAuto;
}

std::vector<FeedSource> BuiltinSources(const std::vector<std::string>& alpine_branches) {
  std::vector<FeedSource> out;
  out.push_back({"debian-tracker", "https://security-tracker.debian.org/tracker/data/json",
                 "debian-tracker-json", true,
                 "Debian security tracker: every CVE per package and release"});
  out.push_back({"debian-dsa", std::string(kSalsaRaw) + "DSA/list", "debian-dsa-list", true,
                 "Debian Security Advisories (DSA list)"});
  out.push_back({"debian-dla", std::string(kSalsaRaw) + "DLA/list", "debian-dsa-list", true,
                 "Debian LTS Advisories (DLA list)"});
  for (const std::string& branch : alpine_branches) {
    const std::string dir = branch == "edge" ? branch : "v" + branch;
    for (const char* repo : {"main", "community"}) {
      out.push_back({"alpine-" + branch + "-" + repo,
                     "https://secdb.alpinelinux.org/" + dir + "/" + repo + ".json", "alpine-secdb",
                     true, "Alpine secdb " + dir + "/" + repo});
    }
  }
  struct Osv {
    const char* name;
    const char* ecosystem;
    bool in_default;
  };
  for (const Osv& o : {Osv{"osv-debian", "Debian", true}, Osv{"osv-alpine", "Alpine", true},
                       Osv{"osv-pypi", "PyPI", false}, Osv{"osv-npm", "npm", false}}) {
    out.push_back({o.name, std::string(kOsvBucket) + o.ecosystem + "/all.zip", "osv", o.in_default,
                   std::string("OSV export of the ") + o.ecosystem + " ecosystem"});
  }
  for (FeedSource& s : out) {
    const char* env = std::getenv(UrlEnvironmentName(s.name).c_str());
    if (env != nullptr && *env != '\0') s.url = env;
  }
  return out;
}

core::Result<std::vector<FeedSource>> SelectSources(const UpdateOptions& options) {
  std::vector<FeedSource> all =
      BuiltinSources(options.alpine_branches.empty() ? AlpineBranches() : options.alpine_branches);
  auto find = [&](const std::string& name) -> FeedSource* {
    for (FeedSource& s : all) {
      if (s.name == name) return &s;
    }
    return nullptr;
  };
  for (const auto& [name, url] : options.urls) {
    FeedSource* s = find(name);
    if (s == nullptr) {
      return core::Fail(core::ErrorCode::kUsage,
                        "--url: unknown source '" + name + "' (see drydock db sources)");
    }
    s->url = url;
  }
  std::vector<FeedSource> chosen;
  if (!options.sources.empty()) {
    std::set<std::string> seen;
    for (const std::string& name : options.sources) {
      const FeedSource* s = find(name);
      if (s == nullptr) {
        return core::Fail(core::ErrorCode::kUsage,
                          "--source: unknown source '" + name + "' (see drydock db sources)");
      }
      if (seen.insert(name).second) chosen.push_back(*s);
    }
    return chosen;
  }
  for (const FeedSource& s : all) {
    if (options.all || (s.in_default && FormatSupported(s.format))) chosen.push_back(s);
  }
  return chosen;
}

core::Result<std::vector<SourceOutcome>> UpdateDatabase(
    const UpdateOptions& options, const std::vector<FeedSource>& sources,
    const std::function<void(const SourceOutcome&)>& on_source) {
  const std::string db_path = options.db_path.empty() ? DefaultDatabasePath() : options.db_path;
  auto db = DD_TRY(Database::Open(db_path, true));
  fs::path cache = options.cache_dir.empty() ? fs::path(db_path).parent_path() / "downloads"
                                             : fs::path(options.cache_dir);
  if (cache.empty()) cache = "downloads";
  std::error_code ec;
  fs::create_directories(cache, ec);
  if (ec || !fs::is_directory(cache)) {
    return core::Fail(core::ErrorCode::kInput,
                      cache.string() + ": cannot create the download directory");
  }
  ::chmod(cache.c_str(), 0700);

  std::vector<SourceOutcome> outcomes;
  for (const FeedSource& source : sources) {
    SourceOutcome out;
    out.name = source.name;
    out.url = source.url;
    auto fail = [&](const std::string& why) {
      out.state = SourceOutcome::State::kFailed;
      out.message = source.name + " (" + source.url + "): " + why;
    };
    [&] {
      auto format = ParseFeedFormat(source.format);
      if (!format || *format == FeedFormat::kAuto) {
        fail("feed format '" + source.format + "' is not supported by this drydock");
        return;
      }
      Validators cached;
      if (!options.force) {
        auto state = db.GetFetchState(source.url);
        if (!state) return fail(state.error().ToString());
        if (*state) cached = Validators{(*state)->etag, (*state)->last_modified};
      }
      const fs::path dest = cache / (source.name + UrlExtension(source.url));
      auto fetched = Fetch(source.url, dest.string(), cached, options.fetch);
      if (!fetched) {
        // Fetch's message starts with the URL, which `fail` already names.
        std::string why = fetched.error().message;
        if (why.starts_with(source.url + ": ")) why.erase(0, source.url.size() + 2);
        return fail(why);
      }
      out.attempts = fetched->attempts;
      out.resumed = fetched->resumed;
      if (fetched->not_modified) {
        auto state = db.GetFetchState(source.url);
        if (state && *state) {
          FetchState s = **state;
          s.fetched_at = UtcNow();
          (void)db.PutFetchState(s);
        }
        out.state = SourceOutcome::State::kUpToDate;
        return;
      }
      out.bytes = fetched->bytes;
      auto feed = ReadFeed(dest.string(), *format);
      std::error_code ignored;
      fs::remove(dest, ignored);
      if (!feed) return fail(feed.error().ToString());
      feed->location = source.url;
      if (auto imported = db.Import(*feed, UtcNow()); !imported) {
        return fail("import: " + imported.error().ToString());
      }
      out.feed = feed->source;
      out.advisories = static_cast<std::int64_t>(feed->advisories.size());
      for (const auto& a : feed->advisories) {
        out.ranges += static_cast<std::int64_t>(a.affected.size());
      }
      FetchState state{source.url, fetched->etag,  fetched->last_modified,
                       UtcNow(),   fetched->bytes, fetched->sha256};
      if (auto stored = db.PutFetchState(state); !stored) {
        return fail("imported, but storing the fetch state failed: " + stored.error().ToString());
      }
      out.state = SourceOutcome::State::kUpdated;
    }();
    if (on_source) on_source(out);
    outcomes.push_back(std::move(out));
  }
  return outcomes;
}

}  // namespace drydock::vuln
