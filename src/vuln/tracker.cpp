// SPDX-License-Identifier: Apache-2.0
// The Debian security tracker JSON importer (/tracker/data/json): {package: {CVE: {description,
// releases: {codename: {status, fixed_version, urgency, repositories, …}}}}}.
//
// The real file is about 60 MB with ~1 M release entries, so it is read with a SAX handler
// rather than a DOM: memory stays at the size of the Feed it produces (no tree of the whole
// document), and every value the importer does not use is skipped as it streams by.
#include <cstddef>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "vuln/importers.h"

namespace drydock::vuln {

namespace {

using json = nlohmann::json;

constexpr std::size_t kMaxDepth = 64;

// What an open object or array is, by where it sits in the document.
enum class Role { kRoot, kPackage, kCve, kReleases, kRelease, kIgnored };

class TrackerHandler : public nlohmann::json_sax<json> {
 public:
  explicit TrackerHandler(const std::string& file) {
    feed_.format = "debian-tracker-json";
    feed_.location = file;
    feed_.source = "debian tracker";
  }

  Feed TakeFeed() { return std::move(feed_); }
  const std::string& error() const { return error_; }

  bool null() override { return Scalar(nullptr); }
  bool boolean(bool /*value*/) override { return Scalar(nullptr); }
  bool number_integer(number_integer_t /*value*/) override { return Scalar(nullptr); }
  bool number_unsigned(number_unsigned_t /*value*/) override { return Scalar(nullptr); }
  bool number_float(number_float_t /*value*/, const string_t& /*text*/) override {
    return Scalar(nullptr);
  }
  bool string(string_t& value) override { return Scalar(&value); }
  bool binary(binary_t& /*value*/) override { return Scalar(nullptr); }

  bool start_object(std::size_t /*size*/) override { return Open(/*object=*/true); }
  bool start_array(std::size_t /*size*/) override { return Open(/*object=*/false); }
  bool end_array() override {
    stack_.pop_back();
    return true;
  }
  bool end_object() override {
    const Role role = stack_.back().role;
    stack_.pop_back();
    return role == Role::kRelease ? EmitRange() : true;
  }
  bool key(string_t& value) override {
    stack_.back().key = std::move(value);
    return true;
  }

  bool parse_error(std::size_t position, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& ex) override {
    error_ = "invalid JSON at byte " + std::to_string(position) + ": " + ex.what();
    return false;
  }

 private:
  struct Frame {
    Role role;
    std::string key;  // the key of the value being read (objects only)
  };

  bool Fail(std::string message) {
    error_ = std::move(message);
    return false;
  }

  // "package/CVE" of the entry being read, for messages.
  std::string Where() const { return package_ + "/" + cve_; }

  // An object or array opens: its role follows from its parent and the key it sits under.
  bool Open(bool object) {
    if (stack_.size() >= kMaxDepth) return Fail("nesting deeper than 64 levels");
    if (stack_.empty()) {
      if (!object) return Fail("expected an object of packages");
      stack_.push_back({Role::kRoot, {}});
      return true;
    }
    Frame& parent = stack_.back();
    Role role = Role::kIgnored;
    switch (parent.role) {
      case Role::kRoot:
        if (!object) return Fail("\"" + parent.key + "\" is not an object of CVEs");
        package_ = parent.key;
        role = Role::kPackage;
        break;
      case Role::kPackage:
        cve_ = parent.key;
        if (!object) return Fail(Where() + " is not an object");
        StartAdvisory();
        role = Role::kCve;
        break;
      case Role::kCve:
        if (parent.key == "releases") {
          if (!object) return Fail(Where() + ".releases is not an object");
          role = Role::kReleases;
        }
        break;
      case Role::kReleases:
        if (object) {
          release_ = Release{};
          release_.codename = parent.key;
          role = Role::kRelease;
        }
        break;
      case Role::kRelease:
      case Role::kIgnored:
        break;
    }
    stack_.push_back({role, {}});
    return true;
  }

  // A scalar value (`text` for strings): kept only where the importer reads it.
  bool Scalar(std::string* text) {
    if (stack_.empty()) return Fail("expected an object of packages");
    const Frame& parent = stack_.back();
    switch (parent.role) {
      case Role::kRoot:
        return Fail("\"" + parent.key + "\" is not an object of CVEs");
      case Role::kPackage:
        return Fail(package_ + "/" + parent.key + " is not an object");
      case Role::kCve:
        if (parent.key == "releases") return Fail(Where() + ".releases is not an object");
        if (parent.key == "description" && text != nullptr) {
          feed_.advisories[advisory_].summary = std::move(*text);
        }
        return true;
      case Role::kRelease:
        if (text == nullptr) return true;
        if (parent.key == "status") {
          release_.status = std::move(*text);
        } else if (parent.key == "fixed_version") {
          release_.fixed = std::move(*text);
        } else if (parent.key == "urgency") {
          release_.urgency = std::move(*text);
        }
        return true;
      case Role::kReleases:
      case Role::kIgnored:
        return true;
    }
    return true;
  }

  // One advisory per CVE, shared by every package the CVE lists.
  void StartAdvisory() {
    auto [it, inserted] = index_.emplace(cve_, feed_.advisories.size());
    if (inserted) {
      Advisory a;
      a.id = cve_;
      feed_.advisories.push_back(std::move(a));
    }
    advisory_ = it->second;
  }

  // A release object closed: its status becomes one affected range.
  bool EmitRange() {
    const std::string number = DebianRelease(release_.codename);
    if (number.empty()) return true;  // a codename drydock does not know (none today)
    AffectedRange r;
    r.ecosystem = "debian";
    r.release = number;
    r.package = package_;
    r.severity = NormaliseSeverity(release_.urgency);
    if (release_.status == "resolved") {
      if (release_.fixed.empty()) return true;
      if (release_.fixed == "0") {
        r.status = Status::kNotAffected;
      } else {
        r.fixed = release_.fixed;
      }
    } else if (release_.status == "open" || release_.status == "undetermined") {
      r.status = Status::kUnfixed;
    } else {
      return Fail(Where() + "/" + release_.codename + ": unknown status \"" + release_.status +
                  "\"");
    }
    feed_.advisories[advisory_].affected.push_back(std::move(r));
    return true;
  }

  struct Release {
    std::string codename;
    std::string status;
    std::string fixed;
    std::string urgency;
  };

  Feed feed_;
  std::vector<Frame> stack_;
  std::map<std::string, std::size_t> index_;  // CVE → its advisory in feed_
  std::string package_;
  std::string cve_;
  std::size_t advisory_ = 0;
  Release release_;
  std::string error_;
};

}  // namespace

core::Result<Feed> ParseDebianTrackerJson(std::string_view text, const std::string& file) {
  TrackerHandler handler(file);
  const bool ok = json::sax_parse(text.begin(), text.end(), &handler);
  if (!ok) {
    return tl::unexpected(core::Error{core::ErrorCode::kInput,
                                      "Debian tracker JSON: " + handler.error(),
                                      core::FileOrigin(file, 0)});
  }
  return handler.TakeFeed();
}

}  // namespace drydock::vuln
