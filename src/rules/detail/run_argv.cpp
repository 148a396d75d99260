// SPDX-License-Identifier: Apache-2.0
#include "rules/detail/run_argv.h"

#include <cctype>
#include <string>

#include "rules/detail/run_commands.h"

namespace drydock::rules::detail {
namespace {

std::string_view Basename(std::string_view w) {
  auto slash = w.rfind('/');
  return slash == std::string_view::npos ? w : w.substr(slash + 1);
}

bool IsShell(std::string_view program) {
  for (std::string_view s : {"sh", "bash", "ash", "dash", "zsh", "ksh", "mksh"}) {
    if (program == s) return true;
  }
  return false;
}

// Builds commands word by word.
class Splitter {
 public:
  std::vector<model::ShellCommand> Take() {
    EndCommand("");
    return std::move(out_);
  }

  // `name_quoted`: quoting started before the first `=` (so `'A=b'` is a word, `A='b c'` an
  // assignment).
  void AddWord(std::string word, bool quoted, bool name_quoted) {
    if (skip_next_word_) {  // a redirection target
      skip_next_word_ = false;
      return;
    }
    if (current_.words.empty() && !name_quoted && IsAssignmentWord(word)) {
      auto eq = word.find('=');
      current_.assignments.emplace_back(word.substr(0, eq), word.substr(eq + 1));
      return;
    }
    model::ShellWord w;
    w.text = word;
    w.value = std::move(word);
    w.quoted = quoted;
    current_.words.push_back(std::move(w));
  }

  void Redirect() { skip_next_word_ = true; }

  // Ends the current command; `op` is the operator that ended it.
  void EndCommand(std::string op) {
    skip_next_word_ = false;
    if (!current_.words.empty() || !current_.assignments.empty()) {
      if (op == "|") current_.piped = true;
      out_.push_back(std::move(current_));
    }
    bool piped = op == "|";
    current_ = model::ShellCommand{};
    current_.separator_before = std::move(op);
    current_.piped = piped;
  }

 private:
  std::vector<model::ShellCommand> out_;
  model::ShellCommand current_;
  bool skip_next_word_ = false;
};

}  // namespace

std::vector<model::ShellCommand> SplitScript(std::string_view text) {
  Splitter split;
  std::string word;
  bool in_word = false;
  bool quoted = false;
  std::size_t first_quote = std::string::npos;  // offset in `word` where quoting began
  auto flush = [&] {
    if (in_word) {
      bool name_quoted = first_quote != std::string::npos &&
                         (word.find('=') == std::string::npos || first_quote <= word.find('='));
      split.AddWord(std::move(word), quoted, name_quoted);
    }
    word.clear();
    in_word = false;
    quoted = false;
    first_quote = std::string::npos;
  };
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    char c = text[i];
    if (c == '\\') {
      if (i + 1 < n && text[i + 1] == '\n') {  // line continuation
        i += 2;
        continue;
      }
      if (i + 1 < n) word += text[i + 1];
      in_word = true;
      i += 2;
      continue;
    }
    if (c == '\'') {
      if (first_quote == std::string::npos) first_quote = word.size();
      auto end = text.find('\'', i + 1);
      if (end == std::string_view::npos) end = n;
      word.append(text.substr(i + 1, end - i - 1));
      in_word = quoted = true;
      i = end + 1;
      continue;
    }
    if (c == '"') {
      if (first_quote == std::string::npos) first_quote = word.size();
      in_word = quoted = true;
      ++i;
      while (i < n && text[i] != '"') {
        if (text[i] == '\\' && i + 1 < n &&
            std::string_view("\"\\$`\n").find(text[i + 1]) != std::string_view::npos) {
          if (text[i + 1] != '\n') word += text[i + 1];
          i += 2;
          continue;
        }
        word += text[i++];
      }
      ++i;
      continue;
    }
    if (c == '$' && i + 1 < n && text[i + 1] == '(') {
      // $( … ) kept inside the word, nested parentheses counted (bounded by the input).
      int depth = 0;
      std::size_t j = i + 1;
      for (; j < n; ++j) {
        if (text[j] == '(') ++depth;
        if (text[j] == ')' && --depth == 0) break;
      }
      std::size_t end = j < n ? j + 1 : n;
      word.append(text.substr(i, end - i));
      in_word = true;
      i = end;
      continue;
    }
    if (c == '`') {
      auto end = text.find('`', i + 1);
      end = end == std::string_view::npos ? n : end + 1;
      word.append(text.substr(i, end - i));
      in_word = true;
      i = end;
      continue;
    }
    if (c == '#' && !in_word) {  // comment to end of line
      auto end = text.find('\n', i);
      i = end == std::string_view::npos ? n : end;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') {
      flush();
      ++i;
      continue;
    }
    if (c == '>' || c == '<') {
      // `2>&1`, `>/dev/null`, `< file`: drop the fd number and the target.
      bool fd_number = in_word && !quoted && !word.empty() &&
                       word.find_first_not_of("0123456789") == std::string::npos;
      if (fd_number) {
        word.clear();
        in_word = false;
      } else {
        flush();
      }
      ++i;
      while (i < n && (text[i] == '>' || text[i] == '<' || text[i] == '&' || text[i] == '|')) ++i;
      // `>&1` / `>&-`: the target is glued to the operator; otherwise the next word.
      if (i < n && text[i - 1] == '&' &&
          (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '-')) {
        while (i < n && text[i] != ' ' && text[i] != '\t' && text[i] != '\n' && text[i] != ';' &&
               text[i] != '&' && text[i] != '|') {
          ++i;
        }
        continue;
      }
      split.Redirect();
      continue;
    }
    if (c == ';' || c == '\n' || c == '&' || c == '|' || c == '(' || c == ')') {
      flush();
      std::string op(1, c);
      if ((c == '&' || c == '|') && i + 1 < n && text[i + 1] == c) {
        op += c;
        ++i;
      }
      split.EndCommand(op);
      ++i;
      continue;
    }
    word += c;
    in_word = true;
    ++i;
  }
  flush();
  auto out = split.Take();
  // A command followed by `|` is piped too (the splitter marks the one after it).
  for (std::size_t k = 1; k < out.size(); ++k) {
    if (out[k].separator_before == "|") out[k - 1].piped = true;
  }
  return out;
}

std::vector<RunCommand> RunCommandsOf(const model::RunSpec& spec) {
  std::vector<RunCommand> out;
  std::vector<const model::Located*> argv;
  for (const auto& w : spec.command) argv.push_back(&w);
  for (const auto& w : spec.args) argv.push_back(&w);
  if (argv.empty()) return out;

  RunCommand whole;
  whole.origin = argv.front()->origin;
  // Arguments to the image's own entrypoint (`args: ["--password=…"]`): an empty program word
  // keeps the options where the option readers look for them (after the program).
  if (spec.command.empty() && !argv.front()->value.empty() && argv.front()->value[0] == '-') {
    whole.command.words.emplace_back();
  }
  for (const auto* w : argv) {
    model::ShellWord word;
    word.text = w->value;
    word.value = w->value;
    whole.command.words.push_back(std::move(word));
  }
  out.push_back(std::move(whole));

  // `sh [-opts] -c 'script' [name args…]`, possibly behind the program index of the argv.
  for (std::size_t i = 0; i < argv.size(); ++i) {
    if (!IsShell(Basename(argv[i]->value))) continue;
    for (std::size_t j = i + 1; j + 1 < argv.size(); ++j) {
      std::string_view opt = argv[j]->value;
      if (opt.size() < 2 || opt[0] != '-' || opt[1] == '-') break;
      if (opt.find('c') == std::string_view::npos) continue;
      for (auto& cmd : SplitScript(argv[j + 1]->value)) {
        out.push_back({std::move(cmd), argv[j + 1]->origin, true});
      }
      return out;
    }
    break;
  }
  return out;
}

}  // namespace drydock::rules::detail
