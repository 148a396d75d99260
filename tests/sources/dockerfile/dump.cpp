// SPDX-License-Identifier: Apache-2.0
#include "dump.h"

#include <cstdio>

namespace drydock::sources::dockerfile::testing {
namespace {

void Indent(std::string& out, int n) { out.append(static_cast<std::size_t>(n) * 2, ' '); }

std::string Lines(const core::Origin& o) {
  std::string s = "L" + std::to_string(o.line);
  if (o.end_line != 0 && o.end_line != o.line) s += "-" + std::to_string(o.end_line);
  return s;
}

std::string Word(const model::ShellWord& w, int cmd_line) {
  std::string s = Quote(w.text);
  if (w.value != w.text) s += "=>" + Quote(w.value);
  if (w.quoted) s += "'";
  if (w.line != cmd_line) s += "@" + std::to_string(w.line);
  return s;
}

void DumpInstruction(std::string& out, const model::Instruction& ins, int depth) {
  Indent(out, depth);
  out += ins.keyword + " " + Lines(ins.origin) + " c" + std::to_string(ins.origin.column) +
         " path=" + Quote(ins.origin.path) + (ins.exec_form ? " exec" : "") + "\n";
  Indent(out, depth + 1);
  out += "original=" + Quote(ins.original) + "\n";
  if (ins.args_text != ins.original) {
    Indent(out, depth + 1);
    out += "args_text=" + Quote(ins.args_text) + "\n";
  }
  if (!ins.flags.empty()) {
    Indent(out, depth + 1);
    out += "flags:";
    for (const auto& f : ins.flags) {
      out += " --" + f.name;
      if (f.has_value) out += "=" + Quote(f.value);
    }
    out += "\n";
  }
  if (!ins.args.empty()) {
    Indent(out, depth + 1);
    out += "args:";
    for (const auto& a : ins.args) out += " " + Quote(a);
    out += "\n";
  }
  if (!ins.pairs.empty()) {
    Indent(out, depth + 1);
    out += "pairs:";
    for (const auto& [k, v] : ins.pairs) {
      out += " " + Quote(k) + "=" + (v ? Quote(*v) : std::string("<unset>"));
    }
    out += "\n";
  }
  for (const auto& h : ins.heredocs) {
    Indent(out, depth + 1);
    out += "heredoc " + Quote(h.delimiter) + " L" + std::to_string(h.line) +
           " fd=" + std::to_string(h.fd) + (h.expand ? "" : " noexpand") +
           (h.strip_tabs ? " striptabs" : "") + " body=" + Quote(h.body) + "\n";
  }
  for (const auto& m : ins.mounts) {
    Indent(out, depth + 1);
    out += "mount type=" + m.type + " target=" + Quote(m.target) + " source=" + Quote(m.source) +
           " from=" + Quote(m.from) + " id=" + Quote(m.id) + " env=" + Quote(m.env) + " opts:";
    for (const auto& [k, v] : m.options) out += " " + k + "=" + Quote(v);
    out += "\n";
  }
  const auto& sc = ins.script;
  if (!sc.commands.empty() || sc.has_pipe || sc.sets_pipefail) {
    Indent(out, depth + 1);
    out += "script";
    if (sc.has_pipe) out += " pipe";
    if (sc.sets_pipefail) out += " pipefail";
    if (sc.text != ins.args_text) out += " text=" + Quote(sc.text);
    out += "\n";
    for (const auto& c : sc.commands) {
      Indent(out, depth + 2);
      out += "cmd L" + std::to_string(c.line);
      if (!c.separator_before.empty()) out += " sep=" + Quote(c.separator_before);
      if (c.piped) out += " piped";
      if (c.subshell_depth) out += " depth=" + std::to_string(c.subshell_depth);
      for (const auto& [k, v] : c.assignments) out += " " + k + "=" + Quote(v);
      out += ":";
      for (const auto& w : c.words) out += " " + Word(w, c.line);
      out += "\n";
    }
  }
  if (ins.trigger) {
    Indent(out, depth + 1);
    out += "trigger:\n";
    DumpInstruction(out, *ins.trigger, depth + 2);
  }
}

}  // namespace

std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

std::string Dump(const model::BuildSpec& spec) {
  std::string out;
  if (!spec.syntax.empty()) out += "syntax " + Quote(spec.syntax) + "\n";
  if (spec.escape != '\\') out += std::string("escape ") + spec.escape + "\n";
  for (const auto& e : spec.errors) {
    out += "error L" + std::to_string(e.where.line);
    if (!e.where.path.empty()) out += " " + Quote(e.where.path);
    out += ": " + e.message + "\n";
  }
  for (const auto& c : spec.comments) {
    out += "comment L" + std::to_string(c.line) + " -> " + std::to_string(c.target_first) + ".." +
           std::to_string(c.target_last) + " " + Quote(c.text) + "\n";
  }
  for (const auto& a : spec.global_args) DumpInstruction(out, a, 0);
  for (const auto& st : spec.stages) {
    out += "stage #" + std::to_string(st.index);
    if (!st.name.empty()) out += " " + st.name;
    out += " " + Lines(st.origin) + " path=" + Quote(st.origin.path) +
           " base_text=" + Quote(st.base_text) + " base=" + Quote(st.base.original);
    out += " registry=" + Quote(st.base.registry) + " repo=" + Quote(st.base.repository) +
           " tag=" + Quote(st.base.tag) + " digest=" + Quote(st.base.digest);
    if (st.base.unresolved) out += " unresolved";
    if (st.base_stage >= 0) out += " base_stage=" + std::to_string(st.base_stage);
    if (st.scratch) out += " scratch";
    if (!st.platform.empty()) out += " platform=" + Quote(st.platform);
    out += "\n";
    for (const auto& ins : st.instructions) DumpInstruction(out, ins, 1);
  }
  return out;
}

}  // namespace drydock::sources::dockerfile::testing
