// SPDX-License-Identifier: Apache-2.0
// Finding `docker run` invocations in shell scripts, Makefile recipes and CI
// YAML steps.
#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "core/io.h"
#include "core/strings.h"
#include "sources/dockerrun/detail/shell_words.h"
#include "sources/dockerrun/detail/values.h"
#include "sources/dockerrun/dockerrun.h"
#include "yaml/yaml.h"

namespace drydock::sources::dockerrun {
namespace {

using core::IsNameChar;
using core::IsNameStart;

using detail::LinePos;
using detail::ShellCommand;

constexpr std::size_t kMaxScriptBytes = 8u << 20;  // 8 MiB

// `NAME=value`: returns the length of NAME, 0 when `w` is not an assignment.
std::size_t AssignmentName(std::string_view w) {
  if (w.empty() || !IsNameStart(w[0])) return 0;
  std::size_t i = 1;
  while (i < w.size() && IsNameChar(w[i])) ++i;
  return i < w.size() && w[i] == '=' ? i : 0;
}

std::string_view Basename(std::string_view program) {
  std::size_t slash = program.find_last_of('/');
  return slash == std::string_view::npos ? program : program.substr(slash + 1);
}

// DOCKER_CONTENT_TRUST as the docker CLI reads it: a non-empty value that is
// not a false boolean enables content trust. An empty value is the default
// (trust off, nothing explicit).
struct Trust {
  bool disabled = false;
  core::Origin origin;
};

std::optional<Trust> TrustFromAssignment(const Word& w) {
  std::size_t n = AssignmentName(w.text);
  if (n == 0 || std::string_view(w.text).substr(0, n) != "DOCKER_CONTENT_TRUST") {
    return std::nullopt;
  }
  std::string_view value = std::string_view(w.text).substr(n + 1);
  if (value.empty() || value.find('$') != std::string_view::npos ||
      value.find('`') != std::string_view::npos) {
    return std::nullopt;
  }
  auto b = detail::ParseBool(value);
  Trust t;
  t.disabled = b && !*b;
  t.origin = w.origin;
  t.origin.path = "DOCKER_CONTENT_TRUST";
  return t;
}

// Per-script state: exported variables that later commands inherit.
struct ScriptState {
  std::optional<Trust> exported_trust;
};

// Skips wrappers (`sudo`, `env`, `exec`, `time`, `nohup`, `command`, `nice`,
// `timeout`, shell keywords) and leading assignments. Returns the index of the
// program word, or nullopt when the command runs no program of interest
// (`command -v docker`). Assignments that set DOCKER_CONTENT_TRUST for this
// command land in `local`.
std::optional<std::size_t> ProgramIndex(const std::vector<Word>& w, std::optional<Trust>& local) {
  std::size_t i = 0;
  auto skip_assignments = [&] {
    while (i < w.size() && AssignmentName(w[i].text) > 0) {
      if (auto t = TrustFromAssignment(w[i])) local = t;
      ++i;
    }
  };
  // Bounded by the number of words: every iteration consumes at least one.
  while (i < w.size()) {
    skip_assignments();
    if (i >= w.size()) break;
    std::string_view name = Basename(w[i].text);
    std::string_view raw = w[i].text;
    if (raw == "!" || raw == "{" || raw == "}" || raw == "if" || raw == "then" || raw == "else" ||
        raw == "elif" || raw == "do" || raw == "while" || raw == "until" || raw == "nohup") {
      ++i;
    } else if (name == "time") {
      ++i;
      while (i < w.size() && (w[i].text == "-p" || w[i].text == "--")) ++i;
    } else if (raw == "exec") {
      ++i;
      while (i < w.size() && w[i].text.size() > 1 && w[i].text[0] == '-') {
        bool takes = w[i].text == "-a";
        ++i;
        if (takes && i < w.size()) ++i;
      }
    } else if (raw == "command") {
      ++i;
      while (i < w.size() && w[i].text.size() > 1 && w[i].text[0] == '-') {
        if (w[i].text != "-p" && w[i].text != "--") return std::nullopt;  // -v / -V: lookup
        ++i;
      }
    } else if (name == "sudo" || name == "doas") {
      ++i;
      while (i < w.size() && w[i].text.size() > 1 && w[i].text[0] == '-') {
        std::string_view o = w[i].text;
        ++i;
        if (o == "--") break;
        if (o.size() >= 2 && o[1] != '-' && o.size() == 2 &&
            std::string_view("ugCDhpRrtTU").find(o[1]) != std::string_view::npos && i < w.size()) {
          ++i;  // an option with a separate value: -u root
        } else if (o.rfind("--", 0) == 0 && o.find('=') == std::string_view::npos &&
                   (o == "--user" || o == "--group" || o == "--close-from" || o == "--chdir" ||
                    o == "--prompt" || o == "--role" || o == "--type" || o == "--other-user" ||
                    o == "--host" || o == "--command-timeout") &&
                   i < w.size()) {
          ++i;
        }
      }
    } else if (name == "env") {
      ++i;
      while (i < w.size() && w[i].text.size() > 1 && w[i].text[0] == '-') {
        std::string_view o = w[i].text;
        ++i;
        if (o == "--") break;
        if ((o == "-u" || o == "-C" || o == "-S" || o == "--unset" || o == "--chdir" ||
             o == "--split-string") &&
            i < w.size()) {
          ++i;
        }
      }
    } else if (name == "nice") {
      ++i;
      if (i < w.size() && w[i].text == "-n") {
        i += 2;
      } else if (i < w.size() && w[i].text.size() > 1 && w[i].text[0] == '-') {
        ++i;
      }
    } else if (name == "timeout") {
      ++i;
      while (i < w.size() && w[i].text.size() > 1 && w[i].text[0] == '-') {
        std::string_view o = w[i].text;
        ++i;
        if ((o == "-s" || o == "-k" || o == "--signal" || o == "--kill-after") && i < w.size()) {
          ++i;
        }
      }
      if (i < w.size()) ++i;  // the duration
    } else {
      return i;
    }
  }
  return std::nullopt;
}

// Handles one simple command: `export`/`unset` of DOCKER_CONTENT_TRUST, or a
// run invocation.
void HandleCommand(const ShellCommand& cmd, std::string_view file, ScriptState& state,
                   model::RunSet& set) {
  std::optional<Trust> local;
  std::optional<std::size_t> at = ProgramIndex(cmd.words, local);
  if (!at) return;
  std::vector<Word> words(cmd.words.begin() + static_cast<std::ptrdiff_t>(*at), cmd.words.end());
  if (words.empty()) return;
  const std::string& program = words[0].text;
  if (program == "export" || program == "declare" || program == "typeset") {
    for (std::size_t i = 1; i < words.size(); ++i) {
      if (auto t = TrustFromAssignment(words[i])) state.exported_trust = t;
    }
    return;
  }
  if (program == "unset") {
    for (std::size_t i = 1; i < words.size(); ++i) {
      if (words[i].text == "DOCKER_CONTENT_TRUST") state.exported_trust.reset();
    }
    return;
  }
  if (!IsRunInvocation(words)) return;
  std::size_t before = set.runs.size();
  ParseInvocation(words, file, set);
  if (set.runs.size() == before) return;
  model::RunSpec& spec = set.runs.back();
  const std::optional<Trust>& trust = local ? local : state.exported_trust;
  if (!spec.content_trust_disabled.has() && trust) {
    spec.content_trust_disabled.Set(trust->disabled, trust->origin);
  }
}

void ScanShell(std::string_view text, std::string_view file, const std::vector<LinePos>& lines,
               bool makefile, ScriptState& state, model::RunSet& set) {
  for (const ShellCommand& cmd : detail::SplitCommands(text, file, lines, makefile)) {
    HandleCommand(cmd, file, state, set);
  }
}

// Physical lines of `text` (without the newline; a trailing '\r' kept).
std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      if (start < text.size()) out.push_back(text.substr(start));
      break;
    }
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool EndsWithBackslash(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::size_t n = 0;
  while (n < line.size() && line[line.size() - 1 - n] == '\\') ++n;
  return n % 2 == 1;
}

// Makefile: every recipe line (tab-indented, after a rule) is one shell script;
// `\` continues it onto the next line, whose leading tab make removes.
void ScanMakefile(std::string_view text, std::string_view file, ScriptState& state,
                  model::RunSet& set) {
  std::vector<std::string_view> lines = Lines(text);
  std::size_t i = 0;
  bool in_define = false;
  while (i < lines.size()) {
    std::string_view line = lines[i];
    if (line.empty() || line[0] != '\t') {
      // Non-recipe line (rule, variable, directive, comment); skip its
      // continuations.
      std::string_view trimmed = line;
      while (!trimmed.empty() && (trimmed.front() == ' ' || trimmed.front() == '\t')) {
        trimmed.remove_prefix(1);
      }
      if (trimmed.rfind("define", 0) == 0) in_define = true;
      if (trimmed.rfind("endef", 0) == 0) in_define = false;
      while (i < lines.size() && EndsWithBackslash(lines[i])) ++i;
      ++i;
      continue;
    }
    if (in_define) {
      ++i;
      continue;
    }
    std::string script;
    std::vector<LinePos> pos;
    std::size_t first = i;
    while (i < lines.size()) {
      std::string_view l = lines[i];
      int offset = 0;
      if (!l.empty() && l[0] == '\t') {
        l.remove_prefix(1);
        offset = 1;
      }
      if (i == first) {
        while (!l.empty() &&
               (l[0] == '@' || l[0] == '-' || l[0] == '+' || l[0] == ' ' || l[0] == '\t')) {
          l.remove_prefix(1);
          ++offset;
        }
      }
      pos.push_back({static_cast<int>(i) + 1, offset});
      script.append(l);
      script += '\n';
      bool more = EndsWithBackslash(lines[i]);
      ++i;
      if (!more) break;
    }
    ScanShell(script, file, pos, true, state, set);
  }
}

// True when `line` ends with a block scalar header (`|`, `>-`, `|+2`, … after
// `:` or `-`), optionally followed by a comment.
bool EndsWithBlockHeader(std::string_view line) {
  std::size_t hash = line.find(" #");
  if (hash != std::string_view::npos) line = line.substr(0, hash);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
    line.remove_suffix(1);
  }
  std::size_t i = line.size();
  while (i > 0 &&
         (line[i - 1] == '-' || line[i - 1] == '+' || (line[i - 1] >= '0' && line[i - 1] <= '9'))) {
    --i;
  }
  if (i == 0 || (line[i - 1] != '|' && line[i - 1] != '>')) return false;
  return i == 1 || line[i - 2] == ' ' || line[i - 2] == ':' || line[i - 2] == '-';
}

// A YAML scalar holding shell text: where its lines sit in the file. Block
// scalars map line k of the value to the k-th content line, indented by the
// block's indentation; flow scalars (plain, quoted) start at the node and their
// folded continuation lines are approximate.
std::vector<LinePos> ScalarLines(const yaml::YamlNode& node,
                                 const std::vector<std::string_view>& src, std::string_view value) {
  std::vector<LinePos> pos;
  if (node.line <= 0 || static_cast<std::size_t>(node.line) > src.size()) return pos;
  std::size_t l = static_cast<std::size_t>(node.line) - 1;  // 0-based index of the node's line
  std::string_view first = src[l];
  std::size_t col = node.column > 0 ? static_cast<std::size_t>(node.column) - 1 : 0;
  char at = col < first.size() ? first[col] : '\0';
  std::optional<std::size_t> content;  // 0-based index of the first content line
  if (at == '|' || at == '>') {
    content = l + 1;
  } else if (at != '"' && at != '\'' && l > 0 && EndsWithBlockHeader(src[l - 1]) &&
             first.substr(0, col).find_first_not_of(' ') == std::string_view::npos) {
    content = l;  // the node was reported at its first content line
  }
  if (content) {
    std::size_t indent = 0;
    for (std::size_t k = *content; k < src.size(); ++k) {
      std::size_t n = src[k].find_first_not_of(' ');
      if (n == std::string_view::npos || src[k][n] == '\r') continue;  // blank line
      indent = n;
      break;
    }
    std::size_t count = static_cast<std::size_t>(std::count(value.begin(), value.end(), '\n')) + 1;
    for (std::size_t k = 0; k < count; ++k) {
      pos.push_back({static_cast<int>(*content + k) + 1, static_cast<int>(indent)});
    }
    return pos;
  }
  int offset = static_cast<int>(col) + ((at == '"' || at == '\'') ? 1 : 0);
  pos.push_back({node.line, offset});
  return pos;
}

bool IsScriptKey(std::string_view key) {
  return key == "run" || key == "script" || key == "before_script" || key == "after_script" ||
         key == "commands" || key == "cmd";
}

// Iterative walk (explicit stack) over a YAML document.
void ScanYamlTree(const yaml::YamlNode& root, const std::vector<std::string_view>& src,
                  std::string_view file, ScriptState& state, model::RunSet& set) {
  std::vector<const yaml::YamlNode*> stack{&root};
  // Scalars to scan; sorted into document order below.
  std::vector<const yaml::YamlNode*> scripts;
  while (!stack.empty()) {
    const yaml::YamlNode* n = stack.back();
    stack.pop_back();
    if (n->IsSequence()) {
      for (auto it = n->items.rbegin(); it != n->items.rend(); ++it) stack.push_back(&*it);
    } else if (n->IsMapping()) {
      for (auto it = n->entries.rbegin(); it != n->entries.rend(); ++it) {
        const yaml::YamlNode& key = it->first;
        const yaml::YamlNode& value = it->second;
        if (key.IsScalar() && IsScriptKey(key.scalar)) {
          if (value.IsScalar()) {
            scripts.push_back(&value);
            continue;
          }
          if (value.IsSequence()) {
            // GitLab allows one level of nested lists (from anchors).
            std::vector<const yaml::YamlNode*> items;
            for (const auto& item : value.items) {
              if (item.IsScalar()) items.push_back(&item);
              if (item.IsSequence()) {
                for (const auto& inner : item.items) {
                  if (inner.IsScalar()) items.push_back(&inner);
                }
              }
            }
            scripts.insert(scripts.end(), items.begin(), items.end());
            continue;
          }
        }
        stack.push_back(&value);
      }
    }
  }
  std::sort(scripts.begin(), scripts.end(), [](const yaml::YamlNode* a, const yaml::YamlNode* b) {
    return a->line != b->line ? a->line < b->line : a->column < b->column;
  });
  for (const yaml::YamlNode* s : scripts) {
    if (s->IsNull()) continue;
    ScanShell(s->scalar, file, ScalarLines(*s, src, s->scalar), false, state, set);
  }
}

void ScanCiYaml(std::string_view text, std::string_view file, ScriptState& state,
                model::RunSet& set) {
  yaml::YamlStream stream = yaml::ParseYamlStream(text, file);
  std::vector<std::string_view> src = Lines(text);
  for (const yaml::YamlDocument& doc : stream.documents) {
    ScanYamlTree(doc.root, src, file, state, set);
  }
  if (stream.error) {
    core::Origin where = stream.error->where;
    if (where.file.empty()) where.file = std::string(file);
    set.errors.push_back({where, stream.error->message});
  }
}

}  // namespace

model::RunSet ParseScript(std::string_view text, std::string_view file, ScriptKind kind) {
  model::RunSet set;
  set.file = std::string(file);
  ScriptState state;
  if (text.size() > kMaxScriptBytes) {
    set.errors.push_back({core::FileOrigin(std::string(file)),
                          fmt::format("script larger than {} bytes", kMaxScriptBytes)});
    return set;
  }
  switch (kind) {
    case ScriptKind::kShell:
      ScanShell(text, file, {}, false, state, set);
      break;
    case ScriptKind::kMakefile:
      ScanMakefile(text, file, state, set);
      break;
    case ScriptKind::kCiYaml:
      ScanCiYaml(text, file, state, set);
      break;
  }
  return set;
}

model::RunSet ParseScriptFile(const std::string& fs_path, std::string_view file, ScriptKind kind) {
  auto text = core::ReadBoundedFile(fs_path, kMaxScriptBytes);
  if (!text) {
    model::RunSet set;
    set.file = std::string(file);
    set.errors.push_back({core::FileOrigin(std::string(file)), text.error().message});
    return set;
  }
  return ParseScript(*text, file, kind);
}

}  // namespace drydock::sources::dockerrun
