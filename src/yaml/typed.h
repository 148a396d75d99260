// SPDX-License-Identifier: Apache-2.0
// The typed reader over YamlNode trees: the one place that decides whether a node is a mapping, a
// list, a string, a boolean or an integer, and that words the error when it is not. Every error is
// located at the offending node (file:line:column) with the context path of the field
// ("spec.template.spec.containers[1].securityContext") and goes to a sink the caller chooses:
// collected (the Kubernetes and compose adapters go on reading) or kept as the first error (the
// policy readers return it as a Result).
//
// Callers differ in the spellings they accept (kubectl's YAML 1.1 booleans, compose's
// case-insensitive yes/no, policy's YAML 1.2 true/false) and in how their messages read
// ("spec.x: expected a boolean, got \"abc\"", "expected true or false, got 'abc'",
// "rules.DD001.enabled: expected true or false, found 'abc'"); a Dialect says which.
//
// Absent (a null pointer) is never an error. A null node (`key:`, `~`) is absent too unless the
// dialect reads it as the text it was written as (Dialect::null_is_absent).
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/origin.h"
#include "yaml/yaml.h"

namespace drydock::yaml {

// Receives one shape error: where (file:line:column, context path) and the message.
using ErrorSink = std::function<void(core::Origin where, std::string message)>;

// A sink appending `E{where, message}` to `out` (model::ParseError and the like). `out` must
// outlive every reader using the sink.
template <class E>
ErrorSink CollectInto(std::vector<E>& out) {
  return [&out](core::Origin where, std::string message) {
    out.push_back(E{std::move(where), std::move(message)});
  };
}

// Keeps the first error reported to its sink (as an input error) and drops the rest. Must
// outlive every reader using Sink().
class FirstError {
 public:
  ErrorSink Sink() {
    return [this](core::Origin where, std::string message) {
      if (!error_) {
        error_ = core::Error{core::ErrorCode::kInput, std::move(message), std::move(where)};
      }
    };
  }
  bool failed() const { return error_.has_value(); }
  // The first error; requires failed().
  const core::Error& error() const { return *error_; }

 private:
  std::optional<core::Error> error_;
};

// Which words a boolean may be written as.
enum class BoolWords {
  kCore,           // YAML 1.2 core: true/True/TRUE, false/False/FALSE
  kYaml11,         // core plus the YAML 1.1 forms go-yaml v2 (kubectl) resolves: yes/Yes/YES,
                   // on/On/ON, y/Y and no/No/NO, off/Off/OFF, n/N
  kYaml11AnyCase,  // core plus yes/y/on and no/n/off in any case (compose)
};

// How the offending value is shown in a message.
enum class Shown {
  kDescribed,   // Describe(node): `"abc"`, `string "abc"` (quoted), `a mapping` (Kubernetes)
  kKindOrText,  // `a mapping` / `a scalar` for a wrong shape, `'abc'` for a scalar with a wrong
                // value (compose, policy)
};

// The wording and the spellings of one caller.
struct Dialect {
  // Messages start with "<path>: " (when the path is not empty).
  bool path_in_message = true;
  // The origin's context path is the field's path (prefixed by the reader's display name).
  bool path_in_origin = true;
  std::string_view got = "got";  // "expected a list, got a mapping"; policy: "found"
  Shown shown = Shown::kDescribed;
  std::string_view string_noun = "a string";     // String's "expected …"; policy: "a scalar"
  std::string_view list_noun = "a list";         // Sequence's
  std::string_view string_list_noun = "a list";  // StringList's; policy: "a list of strings"
  std::string_view bool_noun = "a boolean";      // Bool's; compose and policy: "true or false"
  BoolWords bool_words = BoolWords::kYaml11;
  // Booleans and integers must be plain: a quoted "true" or "1" is a string (kubectl's strict
  // decoder). Otherwise quotes do not matter.
  bool plain_only = true;
  // Null nodes are absent (not an error, no value). Otherwise a null node is the scalar it was
  // written as (`` or `~`), and a wrong shape where a mapping or a list was expected.
  bool null_is_absent = true;
  // An empty scalar ("" or an unset variable) is absent for Bool and Int (compose).
  bool empty_is_absent = false;
  // StringList reports a bad item at "<path>[i]"; otherwise at the list's own path.
  bool index_items = true;
};

// A short description of a node for messages: `"abc"` (escaped, truncated), `string "abc"` for
// a quoted scalar, `a mapping`, `a sequence`.
std::string Describe(const YamlNode& node);

// A scalar's text, or nullptr (absent or not a scalar; no error). Null scalars keep their text.
inline const std::string* ScalarText(const YamlNode* node) {
  return node != nullptr && node->IsScalar() ? &node->scalar : nullptr;
}

// "<path>.<key>" ("<key>" at the top), and "<path>[<i>]".
std::string PathKey(std::string_view path, std::string_view key);
std::string PathIndex(std::string_view path, std::size_t i);

// Typed reads with errors at the node. Not thread-safe (the sink is called synchronously); cheap
// to construct, one per document or object.
class Reader {
 public:
  // `file` locates every error; `display` prefixes every origin path ("Deployment/shop/api";
  // "" for none).
  Reader(std::string_view file, const Dialect& dialect, ErrorSink sink, std::string display = "")
      : file_(file), display_(std::move(display)), dialect_(dialect), sink_(std::move(sink)) {}

  const std::string& file() const { return file_; }
  const std::string& display() const { return display_; }
  const Dialect& dialect() const { return dialect_; }

  // The origin of `node` with context path "<display> <path>" (or none, per the dialect).
  core::Origin At(const YamlNode& node, const std::string& path) const;
  // Reports an error at `node`: "<path>: <what>" (or "<what>", per the dialect).
  void Fail(const YamlNode& node, const std::string& path, std::string_view what);
  // Reports "expected <expected>, <got> <value>", the value shown per the dialect.
  void Expected(const YamlNode& node, const std::string& path, std::string_view expected,
                bool value_error = false);

  // The value of `key` in mapping `parent` when it is present and not null, else nullptr.
  static const YamlNode* Child(const YamlNode* parent, std::string_view key);

  // `node` when it is a mapping; nullptr when absent; an error (and nullptr) otherwise.
  // `expected` words the error ("a mapping" by default).
  const YamlNode* Mapping(const YamlNode* node, const std::string& path,
                          std::string_view expected = "a mapping");
  // Same for a sequence (the dialect's list_noun by default).
  const YamlNode* Sequence(const YamlNode* node, const std::string& path,
                           std::string_view expected = {});
  // A scalar's text (numbers and booleans keep their text); an error for collections.
  // `expected` words the error (the dialect's string_noun by default).
  std::optional<std::string> String(const YamlNode* node, const std::string& path,
                                    std::string_view expected = {});
  // A boolean in the dialect's words; anything else is an error.
  std::optional<bool> Bool(const YamlNode* node, const std::string& path);
  // An integer (decimal, 0x, 0o; see YamlNode::AsInt); anything else is an error. Values outside
  // [min, max] are errors too.
  std::optional<std::int64_t> Int(const YamlNode* node, const std::string& path,
                                  std::int64_t min = std::numeric_limits<std::int64_t>::min(),
                                  std::int64_t max = std::numeric_limits<std::int64_t>::max());
  // A map of scalar keys to scalar values (labels, annotations); a null value is "". Entries
  // with a wrong key or value are errors and left out.
  std::map<std::string, std::string> StringMap(const YamlNode* node, const std::string& path);
  // A list field: `each(item, "<path>[i]")` (or the list's path, per Dialect::index_items) for
  // each item; nothing when absent; an error (as Sequence) when it is not a list.
  void Items(const YamlNode* node, const std::string& path,
             const std::function<void(const YamlNode& item, const std::string& path)>& each);
  // A field that is one value or a list of them: `each(node, path)` for a scalar, `each(item,
  // "<path>[i]")` (or the list's path, per Dialect::index_items) for each item of a sequence;
  // nothing when absent or null; an error for a mapping ("expected <expected>, …", the dialect's
  // list_noun by default).
  void OneOrMany(const YamlNode* node, const std::string& path,
                 const std::function<void(const YamlNode& item, const std::string& path)>& each,
                 std::string_view expected = {});
  // One scalar or a list of scalars (OneOrMany with String; the error says the dialect's
  // string_list_noun). Items that are not scalars are errors and left out.
  std::vector<std::string> StringList(const YamlNode* node, const std::string& path);

 private:
  bool Absent(const YamlNode* node) const {
    return node == nullptr || (dialect_.null_is_absent && node->IsNull());
  }
  std::string Show(const YamlNode& node, bool value_error) const;
  // The per-item loop of Items and OneOrMany over a sequence node.
  void EachItem(
      const YamlNode& list, const std::string& path,
      const std::function<void(const YamlNode& item, const std::string& path)>& each) const;

  std::string file_;
  std::string display_;
  Dialect dialect_;
  ErrorSink sink_;
};

}  // namespace drydock::yaml
