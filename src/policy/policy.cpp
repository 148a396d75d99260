// SPDX-License-Identifier: Apache-2.0
#include "policy/policy.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "core/io.h"
#include "core/strings.h"
#include "policy/detail/yaml_values.h"
#include "yaml/yaml.h"

namespace drydock::policy {

using core::DiagnosticLevel;
using core::ErrorCode;
using core::Result;

namespace {

using core::Trim;

// Splits on ASCII whitespace.
std::vector<std::string_view> Words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    size_t start = i;
    while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

std::string Join(const std::vector<std::string_view>& words, size_t from) {
  std::string out;
  for (size_t i = from; i < words.size(); ++i) {
    if (!out.empty()) out += ' ';
    out += words[i];
  }
  return out;
}

std::vector<std::string> SplitList(std::string_view s) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t comma = s.find(',', pos);
    if (comma == std::string_view::npos) comma = s.size();
    std::string_view item = Trim(s.substr(pos, comma - pos));
    if (!item.empty()) out.emplace_back(item);
    pos = comma + 1;
  }
  return out;
}

bool Expired(const std::optional<Date>& expires, Date today) {
  return expires.has_value() && today > *expires;
}

std::set<std::string> ResolveIds(const rules::Registry& registry, std::string_view key) {
  std::set<std::string> out;
  for (const rules::Rule* r : registry.Resolve(key)) out.emplace(r->info.id);
  return out;
}

// An ignore entry with its key resolved, ready to match.
struct ResolvedIgnore {
  const IgnoreEntry* entry;
  std::set<std::string> ids;
};

std::vector<ResolvedIgnore> ResolveIgnores(std::span<const IgnoreEntry> entries,
                                           const rules::Registry& registry, Date today,
                                           std::string_view source, core::Diagnostics& diags) {
  std::vector<ResolvedIgnore> out;
  for (const IgnoreEntry& e : entries) {
    if (Expired(e.expires, today)) {
      diags.push_back({DiagnosticLevel::kWarning, e.where,
                       fmt::format("ignore for {} expired on {} ({} {}); not applied", e.key,
                                   e.expires->ToString(), source, e.where.ToString())});
      continue;
    }
    std::set<std::string> ids = ResolveIds(registry, e.key);
    if (ids.empty()) {
      diags.push_back({DiagnosticLevel::kWarning, e.where,
                       fmt::format("{} ignore names unknown rule '{}'", source, e.key)});
      continue;
    }
    out.push_back({&e, std::move(ids)});
  }
  return out;
}

bool IgnoreMatches(const ResolvedIgnore& ig, const core::Finding& f) {
  if (f.rule == nullptr || !ig.ids.contains(std::string(f.rule->id))) return false;
  if (ig.entry->paths.empty()) return true;
  return std::any_of(ig.entry->paths.begin(), ig.entry->paths.end(),
                     [&](const std::string& glob) { return MatchGlob(glob, f.location.file); });
}

void Suppress(core::Finding& f, std::string_view kind, const std::string& reason) {
  f.suppressed = true;
  f.suppression_kind = std::string(kind);
  f.suppression_reason = reason;
}

// The live pragmas of one file, indexed so that finding the pragma of a finding does not scan
// them all (a manifest of thousands of pods may hold thousands of pragmas). Find() returns what a
// scan in file order with Apply's precedence would: the first drydock line pragma that names the
// rule and holds the finding's line, else the first drydock file pragma naming the rule, else the
// first hadolint pragma (either scope) that matches.
class FilePragmaIndex {
 public:
  // Pragmas are added in file order.
  void Add(const Pragma& p) {
    const Entry entry{count_++, &p};
    const int kind = p.hadolint ? 1 : 0;
    if (p.scope == Pragma::Scope::kFile) {
      for (const std::string& id : p.rule_ids) file_scope_[kind].try_emplace(id, entry);
      return;
    }
    lines_[kind].push_back({p.first_line, p.last_line, entry});
    max_span_[kind] = std::max(max_span_[kind], static_cast<long long>(p.last_line) - p.first_line);
  }

  // Call once after the last Add.
  void Finish() {
    for (auto& v : lines_) {
      std::sort(v.begin(), v.end(), [](const LineEntry& a, const LineEntry& b) {
        return std::tie(a.first, a.entry.order) < std::tie(b.first, b.entry.order);
      });
    }
  }

  const Pragma* Find(const core::Finding& f) const {
    if (f.rule == nullptr) return nullptr;
    const std::string_view id = f.rule->id;
    if (const Entry* e = Line(0, id, f.location.line)) return e->pragma;
    if (auto it = file_scope_[0].find(id); it != file_scope_[0].end()) return it->second.pragma;
    const Entry* best = Line(1, id, f.location.line);
    if (auto it = file_scope_[1].find(id);
        it != file_scope_[1].end() && (best == nullptr || it->second.order < best->order)) {
      best = &it->second;
    }
    return best != nullptr ? best->pragma : nullptr;
  }

 private:
  struct Entry {
    std::size_t order;  // position in the file's pragmas
    const Pragma* pragma;
  };
  struct LineEntry {
    int first;
    int last;
    Entry entry;
  };

  // The first line pragma of `kind` (0 drydock, 1 hadolint) that names `id` and whose lines
  // [first, last] hold `line`.
  const Entry* Line(int kind, std::string_view id, int line) const {
    if (line <= 0) return nullptr;
    const std::vector<LineEntry>& v = lines_[kind];
    // Only pragmas starting at most max_span_ lines before `line` can reach it.
    const long long from = line - max_span_[kind];
    auto lo = std::lower_bound(v.begin(), v.end(), from,
                               [](const LineEntry& e, long long l) { return e.first < l; });
    auto hi =
        std::upper_bound(lo, v.end(), line, [](int l, const LineEntry& e) { return l < e.first; });
    const Entry* best = nullptr;
    for (auto it = lo; it != hi; ++it) {
      if (it->last < line || (best != nullptr && it->entry.order > best->order)) continue;
      const auto& ids = it->entry.pragma->rule_ids;
      if (std::find(ids.begin(), ids.end(), id) == ids.end()) continue;
      best = &it->entry;
    }
    return best;
  }

  std::size_t count_ = 0;
  std::vector<LineEntry> lines_[2];
  long long max_span_[2] = {0, 0};  // largest last - first of the line pragmas
  // Rule id (a view of the pragma's own string) → first file-scope pragma naming it.
  std::unordered_map<std::string_view, Entry> file_scope_[2];
};

// Resolves pragma ids; unknown ones become diagnostics at `level`.
std::vector<std::string> ResolvePragmaIds(const std::vector<std::string>& keys,
                                          const rules::Registry& registry,
                                          const core::Origin& where, DiagnosticLevel level,
                                          std::string_view what, core::Diagnostics& diags) {
  std::vector<std::string> ids;
  for (const std::string& key : keys) {
    std::set<std::string> resolved = ResolveIds(registry, key);
    if (resolved.empty()) {
      diags.push_back({level, where, fmt::format("{} names unknown rule '{}'", what, key)});
    }
    for (const std::string& id : resolved) {
      if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    }
  }
  return ids;
}

std::optional<Pragma> ParseDrydockPragma(std::string_view text, const model::Comment& c,
                                         const core::Origin& where, const rules::Registry& registry,
                                         core::Diagnostics& diags) {
  std::string_view rest = Trim(text.substr(std::string_view("drydock:").size()));
  Pragma p;
  p.where = where;
  if (core::IStartsWith(rest, "ignore-file=")) {
    p.scope = Pragma::Scope::kFile;
    rest.remove_prefix(std::string_view("ignore-file=").size());
  } else if (core::IStartsWith(rest, "ignore=")) {
    p.scope = Pragma::Scope::kLines;
    rest.remove_prefix(std::string_view("ignore=").size());
  } else {
    diags.push_back({DiagnosticLevel::kWarning, where,
                     fmt::format("unknown drydock pragma '{}' (expected drydock:ignore=ID,… or "
                                 "drydock:ignore-file=ID,…)",
                                 text)});
    return std::nullopt;
  }
  std::vector<std::string_view> words = Words(rest);
  // The id list: the first word plus continuation words after a trailing or leading comma.
  std::string list;
  size_t i = 0;
  while (i < words.size()) {
    bool joins = i == 0 || list.ends_with(',') || words[i].starts_with(',');
    if (!joins) break;
    list += words[i];
    ++i;
  }
  std::vector<std::string> keys = SplitList(list);
  if (keys.empty()) {
    diags.push_back({DiagnosticLevel::kWarning, where, "drydock pragma names no rule; ignored"});
    return std::nullopt;
  }
  std::vector<std::string_view> reason_words;
  for (; i < words.size(); ++i) {
    if (core::IStartsWith(words[i], "expires=")) {
      std::string_view value = words[i].substr(std::string_view("expires=").size());
      auto date = ParseDate(value);
      if (!date) {
        diags.push_back({DiagnosticLevel::kWarning, where,
                         fmt::format("drydock pragma: '{}' is not a date (YYYY-MM-DD); pragma "
                                     "ignored",
                                     value)});
        return std::nullopt;
      }
      p.expires = *date;
    } else {
      reason_words.push_back(words[i]);
    }
  }
  p.reason = Join(reason_words, 0);
  p.rule_ids =
      ResolvePragmaIds(keys, registry, where, DiagnosticLevel::kWarning, "drydock pragma", diags);
  p.first_line = c.target_first;
  p.last_line = c.target_last;
  if (p.rule_ids.empty()) return std::nullopt;
  return p;
}

// hadolint's grammar: `hadolint [global|stage] ignore = CODE [, CODE]… [# comment]`, spaces
// allowed around `=` and `,`. A code is made of D, L, S, C and digits; one that is not voids the
// whole pragma (hadolint ignores nothing then, and so does drydock). Text after the list is kept
// as the reason (hadolint wants it behind `#`; drydock takes it either way).
std::optional<Pragma> ParseHadolintPragma(std::string_view text, const model::Comment& c,
                                          const core::Origin& where,
                                          const rules::Registry& registry,
                                          core::Diagnostics& diags) {
  std::string_view rest = Trim(text.substr(std::string_view("hadolint").size()));
  auto take_word = [&rest](std::string_view word) {
    if (!rest.starts_with(word) ||
        (rest.size() > word.size() && rest[word.size()] != ' ' && rest[word.size()] != '\t')) {
      return false;
    }
    rest = Trim(rest.substr(word.size()));
    return true;
  };
  Pragma p;
  p.hadolint = true;
  p.where = where;
  p.scope = Pragma::Scope::kLines;
  p.first_line = c.target_first;
  p.last_line = c.target_last;
  if (take_word("global")) {
    p.scope = Pragma::Scope::kFile;
  } else if (take_word("stage")) {
    p.last_line = c.stage_last > 0 ? c.stage_last : c.target_last;
  }
  if (!rest.starts_with("ignore")) return std::nullopt;  // shell=, …
  rest = Trim(rest.substr(std::string_view("ignore").size()));
  if (!rest.starts_with('=')) return std::nullopt;
  rest = Trim(rest.substr(1));
  std::vector<std::string> codes;
  while (true) {
    std::size_t n = rest.find_first_of(", \t#");
    if (n == std::string_view::npos) n = rest.size();
    codes.emplace_back(rest.substr(0, n));
    rest = Trim(rest.substr(n));
    if (!rest.starts_with(',')) break;
    rest = Trim(rest.substr(1));
  }
  for (const std::string& code : codes) {
    if (code.empty() || code.find_first_not_of("DLSC0123456789") != std::string::npos) {
      diags.push_back({DiagnosticLevel::kNote, where,
                       fmt::format("hadolint pragma: '{}' is not a rule code, so the pragma "
                                   "ignores nothing (as in hadolint)",
                                   code)});
      return std::nullopt;
    }
  }
  if (rest.starts_with('#')) rest = Trim(rest.substr(1));
  p.reason = std::string(rest);
  p.rule_ids =
      ResolvePragmaIds(codes, registry, where, DiagnosticLevel::kNote, "hadolint pragma", diags);
  if (p.rule_ids.empty()) return std::nullopt;
  return p;
}

Result<std::vector<IgnoreEntry>> ParseIgnoreYamlNode(const YamlNode& root, const std::string& file,
                                                     core::Diagnostics& diags) {
  std::vector<IgnoreEntry> out;
  if (root.IsNull()) return out;
  DD_TRY(detail::MappingValue(root, file, "ignore file", "a mapping with 'rules:'"));
  for (const auto& [k, v] : root.entries) {
    std::string key = DD_TRY(detail::Scalar(k, file, "ignore file key"));
    if (key != "rules") {
      diags.push_back({DiagnosticLevel::kWarning, detail::Where(k, file),
                       fmt::format("unknown key '{}' in ignore file (ignored)", key)});
      continue;
    }
    if (v.IsNull()) continue;
    DD_TRY(detail::ListValue(v, file, "rules", "a list of entries"));
    for (const YamlNode& item : v.items) {
      out.push_back(DD_TRY(detail::IgnoreEntryValue(item, file, diags)));
    }
  }
  return out;
}

}  // namespace

// ---- ignore files -----------------------------------------------------------------------------

Result<std::vector<IgnoreEntry>> ParseIgnoreText(std::string_view text, const std::string& file,
                                                 core::Diagnostics& diags) {
  std::vector<IgnoreEntry> out;
  int line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = Trim(text.substr(pos, eol - pos));
    pos = eol + 1;
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    core::Origin where;
    where.file = file;
    where.line = line_no;
    std::vector<std::string_view> words = Words(line);
    IgnoreEntry entry;
    entry.key = std::string(words[0]);
    entry.where = where;
    bool bad = false;
    std::vector<std::string_view> reason;
    for (size_t i = 1; i < words.size(); ++i) {
      if (words[i].starts_with("exp:")) {
        auto date = ParseDate(words[i].substr(4));
        if (!date) {
          diags.push_back({DiagnosticLevel::kWarning, where,
                           fmt::format("'{}' is not a valid expiry (exp:YYYY-MM-DD); entry for "
                                       "{} ignored",
                                       words[i], entry.key)});
          bad = true;
          break;
        }
        entry.expires = *date;
      } else {
        reason.push_back(words[i]);
      }
    }
    if (bad) continue;
    entry.reason = Join(reason, 0);
    if (entry.reason.starts_with('#')) entry.reason = std::string(Trim(entry.reason.substr(1)));
    out.push_back(std::move(entry));
  }
  return out;
}

Result<std::vector<IgnoreEntry>> ParseIgnoreYaml(std::string_view text, const std::string& file,
                                                 core::Diagnostics& diags) {
  YamlNode root = DD_TRY(ParseYaml(text, file));
  return ParseIgnoreYamlNode(root, file, diags);
}

Result<std::vector<IgnoreEntry>> LoadIgnoreFile(const std::string& path, core::Diagnostics& diags) {
  std::string text = DD_TRY(ReadBoundedFile(path, kMaxYamlBytes));
  if (path.ends_with(".yaml") || path.ends_with(".yml")) return ParseIgnoreYaml(text, path, diags);
  return ParseIgnoreText(text, path, diags);
}

// ---- pragmas ------------------------------------------------------------------------------------

FilePragmas ParsePragmas(std::string_view file, const std::vector<model::Comment>& comments,
                         const rules::Registry& registry, core::Diagnostics& diags) {
  FilePragmas out;
  out.file = std::string(file);
  for (const model::Comment& c : comments) {
    std::string_view text = Trim(c.text);
    if (!text.empty() && text.front() == '#') text = Trim(text.substr(1));  // tolerate "##"
    core::Origin where;
    where.file = out.file;
    where.line = c.line;
    std::optional<Pragma> p;
    if (core::IStartsWith(text, "drydock:")) {
      p = ParseDrydockPragma(text, c, where, registry, diags);
    } else if (core::IStartsWith(text, "hadolint ")) {
      p = ParseHadolintPragma(text, c, where, registry, diags);
    }
    if (p) out.pragmas.push_back(std::move(*p));
  }
  return out;
}

// ---- apply
// ----------------------------------------------------------------------------------------

std::set<std::string> DisabledRuleIds(const Config& config, const rules::Registry& registry) {
  std::set<std::string> out;
  for (const rules::Rule& rule : registry.rules()) {
    if (!rule.info.enabled_by_default) out.emplace(rule.info.id);
  }
  for (const RuleOverride* ov_ptr : RuleOverrides(config)) {
    const RuleOverride& ov = *ov_ptr;
    for (const std::string& id : ResolveIds(registry, ov.key)) {
      if (ov.enabled) {
        out.erase(id);
      } else {
        out.insert(id);
      }
    }
  }
  return out;
}

namespace {

// A hadolint code in override:/ignored: acts on the whole drydock rule that carries it; when that
// rule carries other hadolint codes too, a note says which (`ignored: [DL3008]` also silences
// what DL3018 would report if the rule covers both).
void NoteWiderRule(const rules::Registry& registry, const RuleOverride& ov,
                   const std::set<std::string>& ids, core::Diagnostics& diags) {
  for (const std::string& id : ids) {
    const rules::Rule* rule = registry.FindById(id);
    if (rule == nullptr || core::IEquals(ov.key, id) || core::IEquals(ov.key, rule->info.slug)) {
      continue;
    }
    std::string others;
    for (std::string_view ref : rule->info.references) {
      if (core::IEquals(ref, ov.key) || !core::IStartsWith(ref, "DL")) continue;
      others += (others.empty() ? "" : ", ") + std::string(ref);
    }
    if (others.empty()) continue;
    diags.push_back({DiagnosticLevel::kNote, ov.where,
                     fmt::format("{}: {} acts on {} ({}), which also covers {}", ov.from, ov.key,
                                 id, rule->info.slug, others)});
  }
}

}  // namespace

void Apply(const ApplyInput& in, core::Findings& findings, core::Diagnostics& diags) {
  // 1. Rule overrides: disabled rules (those that ship disabled, then the config's switches) and
  // severities (later entries win).
  const Config no_config;
  std::set<std::string> disabled =
      DisabledRuleIds(in.config != nullptr ? *in.config : no_config, in.registry);
  std::erase_if(findings, [&](const core::Finding& f) {
    return f.rule != nullptr && disabled.contains(std::string(f.rule->id));
  });
  if (in.config != nullptr) {
    std::map<std::string, core::Severity> severity;
    for (const RuleOverride* ov_ptr : RuleOverrides(*in.config)) {
      const RuleOverride& ov = *ov_ptr;
      std::set<std::string> ids = ResolveIds(in.registry, ov.key);
      if (ids.empty() && ov.from == "rules") {
        diags.push_back({DiagnosticLevel::kWarning, ov.where,
                         fmt::format("rules: unknown rule '{}' (ignored)", ov.key)});
      } else if (ids.empty()) {
        diags.push_back(
            {DiagnosticLevel::kNote, ov.where,
             fmt::format("{}: no drydock rule carries '{}' (ignored)", ov.from, ov.key)});
      } else if (ov.from != "rules") {
        NoteWiderRule(in.registry, ov, ids, diags);
      }
      if (ov.severity) {
        for (const std::string& id : ids) severity[id] = *ov.severity;
      }
    }
    for (core::Finding& f : findings) {
      if (f.rule == nullptr) continue;
      auto it = severity.find(std::string(f.rule->id));
      if (it != severity.end()) f.severity = it->second;
    }
  }

  // 2. Suppressions. Expired entries warn once and are dropped here.
  std::map<std::string, FilePragmaIndex> by_file;
  const bool hadolint_pragmas = in.config == nullptr || !in.config->disable_ignore_pragma;
  for (const FilePragmas& fp : in.pragmas) {
    for (const Pragma& p : fp.pragmas) {
      if (p.hadolint && !hadolint_pragmas) continue;  // disable-ignore-pragma
      if (Expired(p.expires, in.today)) {
        std::string ids;
        for (const std::string& id : p.rule_ids) ids += (ids.empty() ? "" : ",") + id;
        diags.push_back({DiagnosticLevel::kWarning, p.where,
                         fmt::format("ignore for {} expired on {} (pragma {}); not applied", ids,
                                     p.expires->ToString(), p.where.ToString())});
        continue;
      }
      by_file[fp.file].Add(p);
    }
  }
  for (auto& [file, index] : by_file) index.Finish();
  static const std::vector<ResolvedIgnore> kNone;
  std::vector<ResolvedIgnore> config_ignores =
      in.config != nullptr
          ? ResolveIgnores(in.config->ignores, in.registry, in.today, "config", diags)
          : kNone;
  std::vector<ResolvedIgnore> file_ignores =
      ResolveIgnores(in.ignore_file, in.registry, in.today, "ignorefile", diags);

  for (core::Finding& f : findings) {
    if (f.suppressed) continue;  // already decided upstream
    auto it = by_file.find(f.location.file);
    if (it != by_file.end()) {
      // Precedence: drydock line, drydock file, then hadolint.
      if (const Pragma* hit = it->second.Find(f); hit != nullptr) {
        std::string_view kind = hit->hadolint                        ? "hadolint"
                                : hit->scope == Pragma::Scope::kFile ? "file"
                                                                     : "inline";
        Suppress(f, kind, hit->reason);
        continue;
      }
    }
    bool done = false;
    for (const ResolvedIgnore& ig : config_ignores) {
      if (IgnoreMatches(ig, f)) {
        Suppress(f, "config", ig.entry->reason);
        done = true;
        break;
      }
    }
    if (done) continue;
    for (const ResolvedIgnore& ig : file_ignores) {
      if (IgnoreMatches(ig, f)) {
        Suppress(f, "ignorefile", ig.entry->reason);
        break;
      }
    }
  }
}

// ---- glob ---------------------------------------------------------------------------------------

// ---- gate
// -----------------------------------------------------------------------------------------

Gate GateFromConfig(const Config& config) {
  Gate g;
  g.severities = config.severities;
  g.exit_code = config.exit_code.value_or(0);
  g.fail_on = config.fail_on;
  return g;
}

namespace {
bool Passes(const core::Finding& f, const Gate& gate) {
  return gate.severities.empty() || gate.severities.contains(f.severity);
}
}  // namespace

core::Findings SelectForReport(core::Findings findings, const Gate& gate) {
  std::erase_if(findings, [&](const core::Finding& f) { return !Passes(f, gate); });
  return findings;
}

int ExitCodeFor(const core::Findings& findings, const Gate& gate) {
  for (const core::Finding& f : findings) {
    if (f.suppressed || !Passes(f, gate)) continue;
    if (gate.fail_on && f.severity < *gate.fail_on) continue;
    return gate.exit_code;
  }
  return 0;
}

}  // namespace drydock::policy
