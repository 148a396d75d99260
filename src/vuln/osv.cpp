// SPDX-License-Identifier: Apache-2.0
#include "vuln/osv.h"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "core/io.h"
#include "core/strings.h"
#include "core/text.h"
#include "vuln/cvss.h"
#include "vuln/importers.h"
#include "yaml/yaml.h"

namespace drydock::vuln {

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

core::Error OsvError(const std::string& file, int line, int column, std::string message) {
  return core::Error{core::ErrorCode::kInput, "OSV: " + std::move(message),
                     core::FileOrigin(file, line, column)};
}

std::string PointerToken(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

// ---- Positions of JSON values (only computed for an error message)
// ----------------------------

// A const char* iterator that records how many bytes the JSON lexer has
// consumed.
struct CountingIterator {
  using iterator_category = std::forward_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  const char* p = nullptr;
  const char* begin = nullptr;
  std::size_t* consumed = nullptr;

  reference operator*() const { return *p; }
  CountingIterator& operator++() {
    ++p;
    if (consumed != nullptr) *consumed = static_cast<std::size_t>(p - begin);
    return *this;
  }
  CountingIterator operator++(int) {
    CountingIterator old = *this;
    ++*this;
    return old;
  }
  bool operator==(const CountingIterator& o) const { return p == o.p; }
  bool operator!=(const CountingIterator& o) const { return p != o.p; }
};

// SAX handler that finds the byte offset (just past the token) where the value
// at a JSON pointer starts.
class PositionFinder : public nlohmann::json_sax<json> {
 public:
  PositionFinder(std::string target, const std::size_t* consumed)
      : target_(std::move(target)),
        target_depth_(static_cast<std::size_t>(std::count(target_.begin(), target_.end(), '/'))),
        consumed_(consumed) {}

  std::optional<std::size_t> found() const { return found_; }

  bool null() override { return Value(); }
  bool boolean(bool) override { return Value(); }
  bool number_integer(number_integer_t) override { return Value(); }
  bool number_unsigned(number_unsigned_t) override { return Value(); }
  bool number_float(number_float_t, const string_t&) override { return Value(); }
  bool string(string_t&) override { return Value(); }
  bool binary(binary_t&) override { return Value(); }
  bool start_object(std::size_t) override { return Open(false); }
  bool key(string_t& k) override {
    if (!frames_.empty()) frames_.back().key = k;
    return true;
  }
  bool end_object() override { return Close(); }
  bool start_array(std::size_t) override { return Open(true); }
  bool end_array() override { return Close(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }

 private:
  struct Frame {
    bool array = false;
    std::size_t index = 0;
    std::string key;
  };

  std::string Pointer() const {
    std::string out;
    for (const Frame& f : frames_) {
      out += '/';
      out += f.array ? std::to_string(f.index) : PointerToken(f.key);
    }
    return out;
  }
  void Mark() {
    // Only values at the target's depth can match: keeps this linear on deeply
    // nested input.
    if (!found_ && frames_.size() == target_depth_ && Pointer() == target_) found_ = *consumed_;
  }
  void Next() {
    if (!frames_.empty() && frames_.back().array) ++frames_.back().index;
  }
  bool Value() {
    Mark();
    Next();
    return !found_;
  }
  bool Open(bool array) {
    Mark();
    if (found_) return false;
    frames_.push_back(Frame{array, 0, {}});
    return true;
  }
  bool Close() {
    if (!frames_.empty()) frames_.pop_back();
    Next();
    return true;
  }

  std::string target_;
  std::size_t target_depth_;
  const std::size_t* consumed_;
  std::vector<Frame> frames_;
  std::optional<std::size_t> found_;
};

// ---- Record interpretation
// ---------------------------------------------------------------------

// Where a JSON pointer is in the source: (line, column, byte or -1).
using Locator = std::function<std::pair<int, int>(const std::string& pointer, std::string* extra)>;

struct Context {
  std::string file;
  Locator locate;
  std::vector<Advisory>* out = nullptr;
  OsvStats* stats = nullptr;
  std::set<std::string>* bases = nullptr;  // OSV ecosystem bases of kept affected entries
};

core::Error TypeError(const Context& ctx, const std::string& pointer, std::string_view expected) {
  std::string extra;
  const auto [line, column] = ctx.locate(pointer, &extra);
  return OsvError(ctx.file, line, column,
                  "\"" + (pointer.empty() ? std::string("/") : pointer) + "\"" + extra +
                      ": expected " + std::string(expected));
}

// The member `key` of object `obj` (absent or null → nullptr).
const json* Member(const json& obj, std::string_view key) {
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return nullptr;
  return &*it;
}

core::Result<std::string> OptString(const Context& ctx, const json& obj, std::string_view key,
                                    const std::string& base) {
  const json* v = Member(obj, key);
  if (v == nullptr) return std::string();
  if (!v->is_string()) {
    return tl::unexpected(TypeError(ctx, base + "/" + std::string(key), "a string"));
  }
  return v->get<std::string>();
}

core::Result<const json*> OptKind(const Context& ctx, const json& obj, std::string_view key,
                                  const std::string& base, json::value_t kind,
                                  std::string_view what) {
  const json* v = Member(obj, key);
  if (v == nullptr) return v;
  if (v->type() != kind) return tl::unexpected(TypeError(ctx, base + "/" + std::string(key), what));
  return v;
}

core::Result<std::vector<std::string>> OptStrings(const Context& ctx, const json& obj,
                                                  std::string_view key, const std::string& base) {
  std::vector<std::string> out;
  const json* v = DD_TRY(OptKind(ctx, obj, key, base, json::value_t::array, "an array of strings"));
  if (v == nullptr) return out;
  for (std::size_t i = 0; i < v->size(); ++i) {
    const json& item = (*v)[i];
    if (!item.is_string()) {
      return tl::unexpected(
          TypeError(ctx, base + "/" + std::string(key) + "/" + std::to_string(i), "a string"));
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

// The severity of an OSV `severity` array: CVSS v3 before v2 (v4 is not
// scored), then words.
core::Result<std::string> SeverityOf(const Context& ctx, const json& obj, const std::string& base) {
  const json* list = DD_TRY(
      OptKind(ctx, obj, "severity", base, json::value_t::array, "an array of {type, score}"));
  if (list == nullptr) return std::string();
  std::string best;
  int best_rank = 99;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string at = base + "/severity/" + std::to_string(i);
    const json& entry = (*list)[i];
    if (!entry.is_object()) return tl::unexpected(TypeError(ctx, at, "an object {type, score}"));
    const std::string type = DD_TRY(OptString(ctx, entry, "type", at));
    const std::string score = DD_TRY(OptString(ctx, entry, "score", at));
    int rank = 3;
    std::string severity;
    if (type == "CVSS_V3" || type == "CVSS_V2" || type == "CVSS_V4") {
      rank = type == "CVSS_V3" ? 0 : type == "CVSS_V2" ? 1 : 2;
      severity = CvssVectorSeverity(score);
      if (severity == "NONE") severity.clear();
    } else {
      severity = NormaliseSeverity(score);
    }
    if (!severity.empty() && rank < best_rank) {
      best = severity;
      best_rank = rank;
    }
  }
  return best;
}

// A free-form object's severity-like word ("severity", Ubuntu's
// "ubuntu_priority", "urgency").
std::string SpecificSeverity(const json* obj) {
  if (obj == nullptr || !obj->is_object()) return {};
  for (const char* key : {"severity", "ubuntu_priority", "urgency"}) {
    const json* v = Member(*obj, key);
    if (v != nullptr && v->is_string()) {
      std::string s = NormaliseSeverity(v->get<std::string>());
      if (!s.empty()) return s;
    }
  }
  return {};
}

std::string Pep503(std::string_view name) {
  std::string out;
  bool sep = false;
  for (char c : name) {
    if (c == '-' || c == '_' || c == '.') {
      sep = true;
      continue;
    }
    if (sep && !out.empty()) out += '-';
    sep = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

std::string FirstLine(std::string_view text) {
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
      line.remove_suffix(1);
    }
    if (!line.empty()) return std::string(line);
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return {};
}

core::Result<void> AddRanges(const Context& ctx, const json& ranges, const std::string& base,
                             const AffectedRange& proto, std::vector<AffectedRange>& rows,
                             bool& had_ordered_range) {
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    const std::string at = base + "/" + std::to_string(i);
    const json& range = ranges[i];
    if (!range.is_object()) return tl::unexpected(TypeError(ctx, at, "an object {type, events}"));
    const std::string type = DD_TRY(OptString(ctx, range, "type", at));
    const json* events =
        DD_TRY(OptKind(ctx, range, "events", at, json::value_t::array, "an array of events"));
    if (type != "ECOSYSTEM" && type != "SEMVER") {
      if (ctx.stats != nullptr) ++ctx.stats->skipped_ranges;
      continue;
    }
    had_ordered_range = true;
    if (events == nullptr) continue;
    bool open = false;
    std::string introduced;
    const auto emit = [&rows, &proto, &introduced](Status status, std::string fixed,
                                                   std::string last_affected) {
      AffectedRange row = proto;
      row.introduced = introduced;
      row.fixed = std::move(fixed);
      row.last_affected = std::move(last_affected);
      row.status = status;
      rows.push_back(std::move(row));
    };
    for (std::size_t e = 0; e < events->size(); ++e) {
      const std::string eat = at + "/events/" + std::to_string(e);
      const json& event = (*events)[e];
      if (!event.is_object()) return tl::unexpected(TypeError(ctx, eat, "an event object"));
      for (const auto& item : event.items()) {
        const std::string& kind = item.key();
        if (kind != "introduced" && kind != "fixed" && kind != "last_affected" && kind != "limit") {
          continue;
        }
        if (!item.value().is_string()) {
          return tl::unexpected(TypeError(ctx, eat + "/" + PointerToken(kind), "a string"));
        }
        const std::string v = item.value().get<std::string>();
        if (kind == "introduced") {
          if (!open) {
            open = true;
            introduced = v == "0" ? std::string() : v;
          }
        } else if (kind == "fixed" || kind == "limit") {
          if (kind == "limit" && v == "*") continue;
          if (!open) introduced.clear();
          emit(Status::kFixed, v, {});
          open = false;
        } else {
          if (!open) introduced.clear();
          emit(Status::kUnfixed, {}, v);
          open = false;
        }
      }
    }
    if (open) emit(Status::kUnfixed, {}, {});
  }
  return {};
}

core::Result<void> AddAffected(const Context& ctx, const json& entry, const std::string& at,
                               Advisory& advisory) {
  if (!entry.is_object()) return tl::unexpected(TypeError(ctx, at, "an object (affected entry)"));
  const json* package = DD_TRY(
      OptKind(ctx, entry, "package", at, json::value_t::object, "an object {ecosystem, name}"));
  const json* ranges =
      DD_TRY(OptKind(ctx, entry, "ranges", at, json::value_t::array, "an array of ranges"));
  const std::vector<std::string> versions = DD_TRY(OptStrings(ctx, entry, "versions", at));
  std::string severity = DD_TRY(SeverityOf(ctx, entry, at));
  std::string osv_ecosystem;
  std::string name;
  if (package != nullptr) {
    osv_ecosystem = DD_TRY(OptString(ctx, *package, "ecosystem", at + "/package"));
    name = DD_TRY(OptString(ctx, *package, "name", at + "/package"));
  }
  const auto mapped = MapOsvEcosystem(osv_ecosystem);
  if (!mapped || name.empty()) {
    if (ctx.stats != nullptr) ++ctx.stats->skipped_affected;
    return {};
  }
  if (severity.empty()) severity = SpecificSeverity(Member(entry, "ecosystem_specific"));
  if (severity.empty()) severity = SpecificSeverity(Member(entry, "database_specific"));
  AffectedRange proto;
  proto.ecosystem = mapped->first;
  proto.release = mapped->second;
  proto.package = proto.ecosystem == "pypi" ? Pep503(name) : name;
  proto.severity = severity;
  std::vector<AffectedRange> rows;
  bool had_ordered_range = false;
  if (ranges != nullptr) {
    DD_TRY(AddRanges(ctx, *ranges, at + "/ranges", proto, rows, had_ordered_range));
  }
  if (!had_ordered_range) {
    for (const std::string& v : versions) {
      AffectedRange row = proto;
      row.introduced = v;
      row.last_affected = v;
      row.status = Status::kUnfixed;
      rows.push_back(std::move(row));
    }
  }
  if (ctx.bases != nullptr) ctx.bases->insert(osv_ecosystem.substr(0, osv_ecosystem.find(':')));
  for (auto& row : rows) advisory.affected.push_back(std::move(row));
  return {};
}

core::Result<void> InterpretRecord(const Context& ctx, const json& rec, const std::string& base) {
  if (!rec.is_object()) return tl::unexpected(TypeError(ctx, base, "an object (an OSV record)"));
  if (ctx.stats != nullptr) ++ctx.stats->records;
  Advisory advisory;
  const json* id = Member(rec, "id");
  if (id == nullptr || !id->is_string() || id->get_ref<const std::string&>().empty()) {
    return tl::unexpected(TypeError(ctx, base + "/id", "a non-empty string (the record id)"));
  }
  advisory.id = id->get<std::string>();
  const std::string withdrawn = DD_TRY(OptString(ctx, rec, "withdrawn", base));
  advisory.published = DD_TRY(OptString(ctx, rec, "published", base));
  advisory.modified = DD_TRY(OptString(ctx, rec, "modified", base));
  advisory.summary = DD_TRY(OptString(ctx, rec, "summary", base));
  const std::string details = DD_TRY(OptString(ctx, rec, "details", base));
  if (advisory.summary.empty()) advisory.summary = FirstLine(details);
  for (const char* key : {"aliases", "upstream"}) {
    for (std::string& alias : DD_TRY(OptStrings(ctx, rec, key, base))) {
      if (alias.empty() || alias == advisory.id) continue;
      if (std::find(advisory.aliases.begin(), advisory.aliases.end(), alias) ==
          advisory.aliases.end()) {
        advisory.aliases.push_back(std::move(alias));
      }
    }
  }
  advisory.severity = DD_TRY(SeverityOf(ctx, rec, base));
  const json* db_specific =
      DD_TRY(OptKind(ctx, rec, "database_specific", base, json::value_t::object, "an object"));
  if (advisory.severity.empty()) advisory.severity = SpecificSeverity(db_specific);
  const json* affected =
      DD_TRY(OptKind(ctx, rec, "affected", base, json::value_t::array, "an array"));
  if (!withdrawn.empty()) {
    if (ctx.stats != nullptr) ++ctx.stats->withdrawn;
    return {};
  }
  if (affected != nullptr) {
    for (std::size_t i = 0; i < affected->size(); ++i) {
      DD_TRY(AddAffected(ctx, (*affected)[i], base + "/affected/" + std::to_string(i), advisory));
    }
  }
  ctx.out->push_back(std::move(advisory));
  return {};
}

// ---- YAML → JSON
// -------------------------------------------------------------------------------

json ToJson(const yaml::YamlNode& node) {
  switch (node.kind) {
    case yaml::YamlNode::Kind::kScalar:
      if (!node.quoted && node.IsNull()) return json(nullptr);
      return json(node.scalar);
    case yaml::YamlNode::Kind::kSequence: {
      json out = json::array();
      for (const auto& item : node.items) out.push_back(ToJson(item));
      return out;
    }
    case yaml::YamlNode::Kind::kMapping: {
      json out = json::object();
      for (const auto& [k, v] : node.entries) out[k.scalar] = ToJson(v);
      return out;
    }
  }
  return json(nullptr);
}

// The deepest YAML node on the way to `pointer`.
const yaml::YamlNode* YamlAt(const yaml::YamlNode& root, std::string_view pointer) {
  const yaml::YamlNode* node = &root;
  while (!pointer.empty() && pointer.front() == '/') {
    pointer.remove_prefix(1);
    const std::size_t slash = pointer.find('/');
    std::string token(pointer.substr(0, slash));
    pointer = slash == std::string_view::npos ? std::string_view() : pointer.substr(slash);
    std::string key;
    for (std::size_t i = 0; i < token.size(); ++i) {
      if (token[i] == '~' && i + 1 < token.size()) {
        key += token[i + 1] == '1' ? '/' : '~';
        ++i;
      } else {
        key += token[i];
      }
    }
    const yaml::YamlNode* next = nullptr;
    if (node->IsMapping()) {
      next = node->Get(key);
    } else if (node->IsSequence()) {
      std::size_t index = 0;
      bool digits = !key.empty();
      for (char c : key) {
        if (c < '0' || c > '9' || index > node->items.size()) {
          digits = false;
          break;
        }
        index = index * 10 + static_cast<std::size_t>(c - '0');
      }
      if (digits && index < node->items.size()) next = &node->items[index];
    }
    if (next == nullptr) break;
    node = next;
  }
  return node;
}

bool LooksJson(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    return c == '{' || c == '[';
  }
  return false;
}

core::Result<void> ParseRecords(std::string_view text, const std::string& file,
                                std::vector<Advisory>& out, OsvStats* stats,
                                std::set<std::string>* bases) {
  Context ctx;
  ctx.file = file;
  ctx.out = &out;
  ctx.stats = stats;
  ctx.bases = bases;
  if (LooksJson(text)) {
    json doc = json::parse(text, nullptr, false);
    if (doc.is_discarded()) {
      std::size_t byte = 0;
      std::string what = "invalid JSON";
      try {
        [[maybe_unused]] const json again = json::parse(text);
      } catch (const json::parse_error& e) {
        byte = e.byte > 0 ? e.byte - 1 : 0;
        what = e.what();
      }
      const auto [line, column] = core::LineColumnAt(text, byte);
      return tl::unexpected(OsvError(file, line, column,
                                     "invalid JSON at byte " + std::to_string(byte) + ": " + what));
    }
    ctx.locate = [text](const std::string& pointer, std::string* extra) {
      std::size_t consumed = 0;
      PositionFinder finder(pointer, &consumed);
      CountingIterator first{text.data(), text.data(), &consumed};
      CountingIterator last{text.data() + text.size(), text.data(), nullptr};
      json::sax_parse(first, last, &finder);
      // The lexer has read past the value (a number needs one byte of
      // lookahead): step back over the whitespace to the value's last byte.
      std::size_t byte = std::min(finder.found().value_or(0), text.size());
      while (byte > 0 && (text[byte - 1] == ' ' || text[byte - 1] == '\n' ||
                          text[byte - 1] == '\r' || text[byte - 1] == '\t')) {
        --byte;
      }
      if (byte > 0) --byte;
      *extra = " (near byte " + std::to_string(byte) + ")";
      return core::LineColumnAt(text, byte);
    };
    if (doc.is_array()) {
      for (std::size_t i = 0; i < doc.size(); ++i) {
        DD_TRY(InterpretRecord(ctx, doc[i], "/" + std::to_string(i)));
      }
      return {};
    }
    return InterpretRecord(ctx, doc, "");
  }
  yaml::StreamLimits limits;
  limits.max_bytes = std::max<std::size_t>(text.size(), 1);
  limits.max_depth = 64;
  yaml::YamlStream stream = yaml::ParseYamlStream(text, file, limits);
  if (stream.error) {
    core::Error error = *stream.error;
    error.message = "OSV: invalid YAML: " + error.message;
    return tl::unexpected(std::move(error));
  }
  if (stream.documents.empty()) {
    return tl::unexpected(OsvError(file, 0, 0, "no record in the file"));
  }
  for (const yaml::YamlDocument& document : stream.documents) {
    const yaml::YamlNode& root = document.root;
    ctx.locate = [&root](const std::string& pointer, std::string* extra) {
      extra->clear();
      const yaml::YamlNode* node = YamlAt(root, pointer);
      return std::make_pair(node->line, node->column);
    };
    DD_TRY(InterpretRecord(ctx, ToJson(root), ""));
  }
  return {};
}

// ---- Containers
// --------------------------------------------------------------------------------

bool HasRecordExtension(std::string_view name) {
  const auto ends = [name](std::string_view suffix) {
    return name.size() >= suffix.size() && name.substr(name.size() - suffix.size()) == suffix;
  };
  return ends(".json") || ends(".yaml") || ends(".yml");
}

struct Reader {
  const OsvLimits& limits;
  OsvStats* stats;
  std::vector<Advisory> advisories;
  std::set<std::string> bases;
  std::map<std::string, std::string> first_file;  // id → file, for duplicate ids
  std::uint64_t total = 0;
  std::size_t count = 0;

  core::Result<void> Record(std::string_view text, const std::string& file) {
    const std::size_t before = advisories.size();
    DD_TRY(ParseRecords(text, file, advisories, stats, &bases));
    for (std::size_t i = before; i < advisories.size(); ++i) {
      const auto [it, inserted] = first_file.emplace(advisories[i].id, file);
      if (!inserted) {
        return tl::unexpected(
            OsvError(file, 0, 0,
                     "duplicate record id " + advisories[i].id + " (first in " + it->second + ")"));
      }
    }
    return {};
  }

  core::Result<void> Count(const std::string& file, std::uint64_t bytes) {
    if (++count > limits.max_records) {
      return tl::unexpected(
          OsvError(file, 0, 0, "more than " + std::to_string(limits.max_records) + " records"));
    }
    if (bytes > limits.max_record_bytes) {
      return tl::unexpected(OsvError(file, 0, 0,
                                     "record is " + std::to_string(bytes) + " bytes, limit " +
                                         std::to_string(limits.max_record_bytes)));
    }
    total += bytes;
    if (total > limits.max_total_bytes) {
      return tl::unexpected(
          OsvError(file, 0, 0,
                   "records exceed " + std::to_string(limits.max_total_bytes) + " bytes in total"));
    }
    return {};
  }
};

core::Result<void> ReadDirectory(const std::string& path, Reader& reader) {
  std::error_code ec;
  const fs::path root = fs::canonical(path, ec);
  if (ec) return tl::unexpected(OsvError(path, 0, 0, "cannot read directory: " + ec.message()));
  // (path as reached from `path`, the file it is): a symlink inside the tree to a record that
  // is also reached directly is read once.
  std::vector<std::pair<fs::path, fs::path>> files;
  fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec);
  if (ec) return tl::unexpected(OsvError(path, 0, 0, "cannot read directory: " + ec.message()));
  const std::string inside = root.string() == "/" ? "/" : root.string() + "/";
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) return tl::unexpected(OsvError(path, 0, 0, "cannot read directory: " + ec.message()));
    const fs::directory_entry& entry = *it;
    if (!HasRecordExtension(entry.path().filename().string())) continue;
    std::error_code e2;
    fs::path real = root / entry.path().lexically_relative(path);
    if (entry.is_symlink(e2)) {
      real = fs::canonical(entry.path(), e2);
      if (e2 || real.string().compare(0, inside.size(), inside) != 0) {
        if (reader.stats != nullptr) ++reader.stats->skipped_files;
        continue;
      }
    }
    if (!entry.is_regular_file(e2)) {
      if (reader.stats != nullptr) ++reader.stats->skipped_files;
      continue;
    }
    files.emplace_back(entry.path(), std::move(real));
    if (files.size() > reader.limits.max_records) {
      return tl::unexpected(OsvError(
          path, 0, 0, "more than " + std::to_string(reader.limits.max_records) + " record files"));
    }
  }
  std::sort(files.begin(), files.end());
  std::set<fs::path> read;
  for (const auto& [file, real] : files) {
    if (!read.insert(real).second) continue;
    const std::string name = file.string();
    std::error_code e2;
    const std::uintmax_t size = fs::file_size(file, e2);
    if (e2) return tl::unexpected(OsvError(name, 0, 0, "cannot stat: " + e2.message()));
    DD_TRY(reader.Count(name, size));
    const std::string text = DD_TRY(core::ReadBoundedFile(name, reader.limits.max_record_bytes));
    DD_TRY(reader.Record(text, name));
  }
  return {};
}

struct ArchiveDeleter {
  void operator()(archive* a) const { archive_read_free(a); }
};

core::Result<void> ReadZip(const std::string& path, Reader& reader) {
  std::unique_ptr<archive, ArchiveDeleter> a(archive_read_new());
  if (!a) return tl::unexpected(OsvError(path, 0, 0, "cannot allocate a zip reader"));
  archive_read_support_format_zip(a.get());
  if (archive_read_open_filename(a.get(), path.c_str(), 1 << 16) != ARCHIVE_OK) {
    const char* err = archive_error_string(a.get());
    return tl::unexpected(OsvError(
        path, 0, 0, std::string("cannot open zip: ") + (err != nullptr ? err : "unknown error")));
  }
  archive_entry* entry = nullptr;
  int r = ARCHIVE_OK;
  std::string buffer;
  std::vector<char> chunk(1 << 16);
  std::size_t members = 0;
  while ((r = archive_read_next_header(a.get(), &entry)) == ARCHIVE_OK || r == ARCHIVE_WARN) {
    const char* raw_name = archive_entry_pathname(entry);
    const std::string member = raw_name != nullptr ? raw_name : "";
    const std::string where = core::Concat({path, "!/", member});
    if (++members > reader.limits.max_records) {
      return tl::unexpected(OsvError(
          where, 0, 0, "more than " + std::to_string(reader.limits.max_records) + " zip members"));
    }
    if (archive_entry_filetype(entry) != AE_IFREG || !HasRecordExtension(member)) {
      if (archive_entry_filetype(entry) != AE_IFDIR && reader.stats != nullptr) {
        ++reader.stats->skipped_files;
      }
      continue;
    }
    const std::uint64_t declared =
        archive_entry_size_is_set(entry) != 0 && archive_entry_size(entry) > 0
            ? static_cast<std::uint64_t>(archive_entry_size(entry))
            : 0;
    DD_TRY(reader.Count(where, declared));
    buffer.clear();
    while (true) {
      const la_ssize_t n = archive_read_data(a.get(), chunk.data(), chunk.size());
      if (n < 0) {
        const char* err = archive_error_string(a.get());
        return tl::unexpected(OsvError(where, 0, 0,
                                       "cannot read member at byte " +
                                           std::to_string(buffer.size()) + ": " +
                                           (err != nullptr ? err : "unknown error")));
      }
      if (n == 0) break;
      const auto got = static_cast<std::size_t>(n);
      if (buffer.size() + got > reader.limits.max_record_bytes) {
        return tl::unexpected(
            OsvError(where, 0, 0,
                     "member exceeds " + std::to_string(reader.limits.max_record_bytes) +
                         " bytes (at byte " + std::to_string(buffer.size() + got) + ")"));
      }
      if (buffer.size() + got > declared) {
        reader.total += buffer.size() + got - std::max<std::uint64_t>(declared, buffer.size());
        if (reader.total > reader.limits.max_total_bytes) {
          return tl::unexpected(OsvError(where, 0, 0,
                                         "records exceed " +
                                             std::to_string(reader.limits.max_total_bytes) +
                                             " bytes in total"));
        }
      }
      buffer.append(chunk.data(), got);
    }
    DD_TRY(reader.Record(buffer, where));
  }
  if (r != ARCHIVE_EOF) {
    const char* err = archive_error_string(a.get());
    return tl::unexpected(OsvError(
        path, 0, 0, std::string("invalid zip: ") + (err != nullptr ? err : "unknown error")));
  }
  return {};
}

// A ".zip" name, or a regular file starting with a zip signature (local header
// or, for an empty archive, end of central directory).
bool IsZip(const std::string& path) {
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) {
    std::ifstream in(path, std::ios::binary);
    char magic[4] = {};
    if (in.read(magic, 4) && magic[0] == 'P' && magic[1] == 'K' &&
        ((magic[2] == 3 && magic[3] == 4) || (magic[2] == 5 && magic[3] == 6))) {
      return true;
    }
  }
  if (path.size() < 4) return false;
  std::string tail = path.substr(path.size() - 4);
  for (char& c : tail) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return tail == ".zip";
}

}  // namespace

std::optional<std::pair<std::string, std::string>> MapOsvEcosystem(std::string_view ecosystem) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t colon = ecosystem.find(':', start);
    parts.push_back(ecosystem.substr(start, colon - start));
    if (colon == std::string_view::npos) break;
    start = colon + 1;
  }
  const std::string_view base = parts[0];
  const auto part = [&parts](std::size_t i) {
    return i < parts.size() ? parts[i] : std::string_view();
  };
  const auto major = [](std::string_view v) {
    const std::size_t dot = v.find('.');
    return std::string(v.substr(0, dot));
  };
  const auto is_release = [](std::string_view v) {
    if (v.empty() || v.front() < '0' || v.front() > '9') return false;
    for (char c : v) {
      if ((c < '0' || c > '9') && c != '.') return false;
    }
    return true;
  };
  // The first part after the base that looks like a release number.
  const auto release_part = [&parts, &is_release]() -> std::string_view {
    for (std::size_t i = 1; i < parts.size(); ++i) {
      if (is_release(parts[i])) return parts[i];
    }
    return {};
  };
  if (base == "PyPI") return std::make_pair(std::string("pypi"), std::string());
  if (base == "npm") return std::make_pair(std::string("npm"), std::string());
  if (base == "Debian") {
    if (parts.size() > 1 && !is_release(part(1))) return std::nullopt;
    return std::make_pair(std::string("debian"), std::string(part(1)));
  }
  if (base == "Alpine") {
    std::string_view v = part(1);
    if (!v.empty() && v.front() == 'v') v.remove_prefix(1);
    if (!v.empty() && !is_release(v)) return std::nullopt;
    return std::make_pair(std::string("alpine"), std::string(v));
  }
  if (base == "Ubuntu") return std::make_pair(std::string("ubuntu"), std::string(release_part()));
  if (base == "Rocky Linux") return std::make_pair(std::string("rocky"), major(release_part()));
  if (base == "AlmaLinux") return std::make_pair(std::string("almalinux"), major(release_part()));
  if (base == "Red Hat") return std::make_pair(std::string("rhel"), major(release_part()));
  return std::nullopt;
}

core::Result<void> ParseOsvRecords(std::string_view text, const std::string& file,
                                   std::vector<Advisory>& out, OsvStats* stats) {
  return ParseRecords(text, file, out, stats, nullptr);
}

core::Result<Feed> ParseOsv(std::string_view text, const std::string& file, OsvStats* stats) {
  Feed feed;
  feed.format = "osv";
  feed.location = file;
  DD_TRY(ParseRecords(text, file, feed.advisories, stats, nullptr));
  feed.source = "osv " + (feed.advisories.empty() ? fs::path(file).stem().string()
                                                  : feed.advisories.front().id);
  return feed;
}

bool IsOsvContainer(const std::string& path) {
  std::error_code ec;
  return fs::is_directory(path, ec) || IsZip(path);
}

core::Result<Feed> ReadOsv(const std::string& path, const OsvLimits& limits, OsvStats* stats) {
  std::error_code ec;
  const bool directory = fs::is_directory(path, ec);
  if (!directory && !IsZip(path)) {
    const std::uintmax_t size = fs::file_size(path, ec);
    if (ec) return tl::unexpected(OsvError(path, 0, 0, "cannot read: " + ec.message()));
    if (size > limits.max_record_bytes) {
      return tl::unexpected(OsvError(path, 0, 0,
                                     "record is " + std::to_string(size) + " bytes, limit " +
                                         std::to_string(limits.max_record_bytes)));
    }
    const std::string text = DD_TRY(core::ReadBoundedFile(path, limits.max_record_bytes));
    return ParseOsv(text, path, stats);
  }
  Reader reader{limits, stats, {}, {}, {}, 0, 0};
  if (directory) {
    DD_TRY(ReadDirectory(path, reader));
  } else {
    DD_TRY(ReadZip(path, reader));
  }
  std::sort(reader.advisories.begin(), reader.advisories.end(),
            [](const Advisory& a, const Advisory& b) { return a.id < b.id; });
  Feed feed;
  feed.format = "osv";
  feed.location = path;
  if (reader.bases.size() == 1) {
    feed.source = "osv " + *reader.bases.begin();
  } else {
    fs::path p = fs::path(path);
    if (!p.has_filename()) p = p.parent_path();
    std::string name = directory ? p.filename().string() : p.stem().string();
    if (!directory && name == "all" && p.has_parent_path()) {
      name = p.parent_path().filename().string();
    }
    feed.source = "osv " + name;
  }
  feed.advisories = std::move(reader.advisories);
  return feed;
}

}  // namespace drydock::vuln
