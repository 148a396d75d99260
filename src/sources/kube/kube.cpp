// SPDX-License-Identifier: Apache-2.0
// The Kubernetes adapter's entry points: document dispatch by apiVersion/kind,
// workloads, List kinds and NetworkPolicies. The pod spec itself is converted
// in pod.cpp.
#include "sources/kube/kube.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string>
#include <utility>

#include "core/io.h"
#include "sources/kube/internal.h"

namespace drydock::sources::kube {

namespace {

using detail::Reader;
using yaml::PathIndex;
using yaml::PathKey;
using yaml::YamlNode;

constexpr int kMaxListDepth = 8;  // List inside List inside …: real files nest at most once

// A kind that runs pods: where its pod template sits and which API groups serve
// it (a CRD with the same kind name in another group is not this object).
struct WorkloadKind {
  std::string_view kind;
  std::array<std::string_view, 2> groups;  // "" = the core group; "-" = unused slot
  std::string_view template_path;          // "" for Pod: the object is its own template
};

constexpr WorkloadKind kWorkloadKinds[] = {
    {"Pod", {"", "-"}, ""},
    {"Deployment", {"apps", "extensions"}, "spec.template"},
    {"StatefulSet", {"apps", "-"}, "spec.template"},
    {"DaemonSet", {"apps", "extensions"}, "spec.template"},
    {"ReplicaSet", {"apps", "extensions"}, "spec.template"},
    {"ReplicationController", {"", "-"}, "spec.template"},
    {"Job", {"batch", "-"}, "spec.template"},
    {"CronJob", {"batch", "-"}, "spec.jobTemplate.spec.template"},
    {"PodTemplate", {"", "-"}, "template"},
};

// The API group of an apiVersion: "apps/v1" → "apps", "v1" → "".
std::string_view GroupOf(std::string_view api_version) {
  auto slash = api_version.find('/');
  return slash == std::string_view::npos ? std::string_view() : api_version.substr(0, slash);
}

const YamlNode* ScalarChild(const YamlNode& m, std::string_view key) {
  const YamlNode* n = Reader::Child(&m, key);
  return n != nullptr && n->IsScalar() ? n : nullptr;
}

class Converter {
 public:
  Converter(std::string_view file, model::RunSet& out) : file_(file), out_(out) {}

  // `doc_line`: where the object starts (its document, or the List item).
  // `prefix`: the path of the object inside its document ("" or "items[3]").
  void Object(const YamlNode& obj, int doc_line, int depth, const std::string& prefix) {
    if (!IsKubernetesObject(obj)) return;
    const std::string& kind = obj.Get("kind")->scalar;
    const std::string& api_version = obj.Get("apiVersion")->scalar;
    std::string_view group = GroupOf(api_version);

    if (kind == "List" || (kind.size() > 4 && kind.ends_with("List"))) {
      List(obj, doc_line, depth, prefix);
      return;
    }
    if (kind == "NetworkPolicy" && (group == "networking.k8s.io" || group == "extensions")) {
      Policy(obj, doc_line, prefix);
      return;
    }
    for (const auto& wk : kWorkloadKinds) {
      if (wk.kind != kind) continue;
      if (group != wk.groups[0] && group != wk.groups[1]) break;  // a CRD of the same name
      Workload(obj, wk, doc_line, prefix);
      return;
    }
    Labeled(obj, kind);
  }

 private:
  void List(const YamlNode& obj, int doc_line, int depth, const std::string& prefix) {
    Reader reader(file_, "", out_.errors);
    std::string items_path = PathKey(prefix, "items");
    const YamlNode* items = reader.Sequence(Reader::Child(&obj, "items"), items_path);
    if (items == nullptr) return;
    if (depth >= kMaxListDepth) {
      reader.Fail(*items, items_path,
                  fmt::format("Lists nested more than {} deep are not read", kMaxListDepth));
      return;
    }
    for (std::size_t i = 0; i < items->items.size(); ++i) {
      const YamlNode& item = items->items[i];
      Object(item, item.line > 0 ? item.line : doc_line, depth + 1, PathIndex(items_path, i));
    }
  }

  // Any other object: its metadata labels and, for a Service, its selector (see
  // model::LabeledObject). Read leniently: only string-to-string entries, no errors (the object
  // is not audited).
  void Labeled(const YamlNode& obj, const std::string& kind) {
    auto scalars = [](const YamlNode* m, std::map<std::string, std::string>& into) {
      if (m == nullptr || !m->IsMapping()) return;
      for (const auto& [k, v] : m->entries) {
        if (k.IsScalar() && v.IsScalar()) into.emplace(k.scalar, v.scalar);
      }
    };
    model::LabeledObject o;
    o.kind = kind;
    const YamlNode* metadata = Reader::Child(&obj, "metadata");
    if (metadata != nullptr && metadata->IsMapping()) {
      if (const YamlNode* n = ScalarChild(*metadata, "name")) o.name = n->scalar;
      if (const YamlNode* ns = ScalarChild(*metadata, "namespace")) o.namespace_ = ns->scalar;
      scalars(Reader::Child(metadata, "labels"), o.labels);
    }
    if (kind == "Service") {
      const YamlNode* spec = Reader::Child(&obj, "spec");
      if (spec != nullptr && spec->IsMapping()) scalars(Reader::Child(spec, "selector"), o.labels);
    }
    if (!o.labels.empty()) out_.cluster.labeled_objects.push_back(std::move(o));
  }

  // Name, namespace and origin from metadata. `display_kind` names the object
  // in the reader.
  struct Meta {
    std::string name;
    std::string namespace_;
    core::Origin origin;
    const YamlNode* metadata = nullptr;
  };

  Meta ReadMeta(const YamlNode& obj, int doc_line, const std::string& prefix) {
    Meta meta;
    meta.metadata = Reader(file_, "", out_.errors)
                        .Mapping(Reader::Child(&obj, "metadata"), PathKey(prefix, "metadata"));
    meta.origin = core::FileOrigin(std::string(file_), doc_line, 1);
    if (meta.metadata == nullptr) return meta;
    const YamlNode* name = ScalarChild(*meta.metadata, "name");
    if (name == nullptr) name = ScalarChild(*meta.metadata, "generateName");
    if (name != nullptr) {
      meta.name = name->scalar;
      meta.origin = core::FileOrigin(std::string(file_), name->line, name->column);
    }
    if (const YamlNode* ns = ScalarChild(*meta.metadata, "namespace")) meta.namespace_ = ns->scalar;
    return meta;
  }

  void Workload(const YamlNode& obj, const WorkloadKind& wk, int doc_line,
                const std::string& prefix) {
    Meta meta = ReadMeta(obj, doc_line, prefix);
    model::Workload w;
    w.kind = wk.kind;
    w.name = meta.name;
    w.namespace_ = meta.namespace_;
    w.file = std::string(file_);
    Reader reader(file_, w.DisplayName(), out_.errors);
    w.origin = meta.origin;
    w.origin.path = reader.display();

    // Walk to the pod template; a wrong shape on the way is an error, a missing
    // step is not (kustomize patches and partial objects have no template).
    const YamlNode* tmpl = &obj;
    std::string tmpl_path = prefix;
    std::string_view rest = wk.template_path;
    while (tmpl != nullptr && !rest.empty()) {
      auto dot = rest.find('.');
      std::string_view seg = rest.substr(0, dot);
      rest = dot == std::string_view::npos ? std::string_view() : rest.substr(dot + 1);
      tmpl_path = PathKey(tmpl_path, seg);
      tmpl = reader.Mapping(Reader::Child(tmpl, seg), tmpl_path);
    }

    detail::PodInput pod;
    pod.namespace_ = meta.namespace_;
    pod.metadata_path = PathKey(tmpl_path, "metadata");
    pod.spec_path = PathKey(tmpl_path, "spec");
    if (tmpl != nullptr) {
      pod.metadata = tmpl == &obj
                         ? meta.metadata
                         : reader.Mapping(Reader::Child(tmpl, "metadata"), pod.metadata_path);
      pod.spec = reader.Mapping(Reader::Child(tmpl, "spec"), pod.spec_path);
      w.pod_labels = reader.StringMap(Reader::Child(pod.metadata, "labels"),
                                      PathKey(pod.metadata_path, "labels"));
    }
    if (wk.kind == "StatefulSet") ClaimTemplates(obj, prefix, reader, pod);
    pod.copy_budget = &copy_budget_;
    pod.workload_index = static_cast<int>(out_.cluster.workloads.size());
    out_.cluster.workloads.push_back(std::move(w));
    if (pod.spec != nullptr) detail::ConvertPodSpec(pod, reader, out_.runs);
  }

  // spec.volumeClaimTemplates[].metadata.name of a StatefulSet.
  static void ClaimTemplates(const YamlNode& obj, const std::string& prefix, Reader& reader,
                             detail::PodInput& pod) {
    std::string spec_path = PathKey(prefix, "spec");
    const YamlNode* spec = Reader::Child(&obj, "spec");
    if (spec == nullptr || !spec->IsMapping()) return;  // reported on the way to the template
    std::string list_path = PathKey(spec_path, "volumeClaimTemplates");
    const YamlNode* list = reader.Sequence(Reader::Child(spec, "volumeClaimTemplates"), list_path);
    if (list == nullptr) return;
    for (std::size_t i = 0; i < list->items.size(); ++i) {
      const YamlNode& item = list->items[i];
      std::string path = PathIndex(list_path, i);
      const YamlNode* meta =
          reader.Mapping(Reader::Child(&item, "metadata"), PathKey(path, "metadata"));
      std::string name_path = PathKey(path, "metadata.name");
      if (auto name = reader.String(Reader::Child(meta, "name"), name_path)) {
        pod.claim_templates.emplace_back(*name, reader.At(item, path));
      }
    }
  }

  model::LabelSelector Selector(const YamlNode* node, const std::string& path, Reader& reader) {
    model::LabelSelector sel;
    const YamlNode* m = reader.Mapping(node, path);
    if (m == nullptr) return sel;
    sel.match_labels =
        reader.StringMap(Reader::Child(m, "matchLabels"), PathKey(path, "matchLabels"));
    std::string exprs_path = PathKey(path, "matchExpressions");
    const YamlNode* exprs = reader.Sequence(Reader::Child(m, "matchExpressions"), exprs_path);
    if (exprs == nullptr) return sel;
    for (std::size_t i = 0; i < exprs->items.size(); ++i) {
      const YamlNode& e = exprs->items[i];
      std::string e_path = PathIndex(exprs_path, i);
      if (!e.IsMapping()) {
        reader.Expected(e, e_path, "a mapping");
        continue;
      }
      model::LabelSelector::Requirement req;
      req.key = reader.String(Reader::Child(&e, "key"), PathKey(e_path, "key")).value_or("");
      req.op =
          reader.String(Reader::Child(&e, "operator"), PathKey(e_path, "operator")).value_or("");
      std::string values_path = PathKey(e_path, "values");
      if (const YamlNode* values = reader.Sequence(Reader::Child(&e, "values"), values_path)) {
        for (std::size_t j = 0; j < values->items.size(); ++j) {
          std::string v_path = PathIndex(values_path, j);
          if (auto v = reader.String(&values->items[j], v_path)) req.values.push_back(*v);
        }
      }
      sel.match_expressions.push_back(std::move(req));
    }
    return sel;
  }

  // Counts the rules of `ingress`/`egress`; true in `allows_all` when one rule
  // has neither peers nor ports (it admits everything).
  std::size_t Rules(const YamlNode* spec, std::string_view key, std::string_view peers_key,
                    const std::string& spec_path, Reader& reader, bool& allows_all) {
    std::string path = PathKey(spec_path, key);
    const YamlNode* list = reader.Sequence(Reader::Child(spec, key), path);
    if (list == nullptr) return 0;
    for (std::size_t i = 0; i < list->items.size(); ++i) {
      const YamlNode& rule = list->items[i];
      std::string rule_path = PathIndex(path, i);
      if (rule.IsNull()) {
        allows_all = true;
        continue;
      }
      if (!rule.IsMapping()) {
        reader.Expected(rule, rule_path, "a mapping");
        continue;
      }
      const YamlNode* peers =
          reader.Sequence(Reader::Child(&rule, peers_key), PathKey(rule_path, peers_key));
      const YamlNode* ports =
          reader.Sequence(Reader::Child(&rule, "ports"), PathKey(rule_path, "ports"));
      bool no_peers = peers == nullptr || peers->items.empty();
      bool no_ports = ports == nullptr || ports->items.empty();
      if (no_peers && no_ports) allows_all = true;
    }
    return list->items.size();
  }

  void Policy(const YamlNode& obj, int doc_line, const std::string& prefix) {
    Meta meta = ReadMeta(obj, doc_line, prefix);
    model::NetworkPolicy p;
    p.name = meta.name;
    p.namespace_ = meta.namespace_;
    p.file = std::string(file_);
    std::string display = meta.namespace_.empty()
                              ? fmt::format("NetworkPolicy/{}", meta.name)
                              : fmt::format("NetworkPolicy/{}/{}", meta.namespace_, meta.name);
    Reader reader(file_, display, out_.errors);
    p.origin = meta.origin;
    p.origin.path = display;

    // A missing spec or podSelector decodes as the empty selector: every pod of
    // the namespace.
    std::string spec_path = PathKey(prefix, "spec");
    const YamlNode* spec = reader.Mapping(Reader::Child(&obj, "spec"), spec_path);
    p.pod_selector =
        Selector(Reader::Child(spec, "podSelector"), PathKey(spec_path, "podSelector"), reader);
    p.ingress_rules = Rules(spec, "ingress", "from", spec_path, reader, p.allows_all_ingress);
    p.egress_rules = Rules(spec, "egress", "to", spec_path, reader, p.allows_all_egress);

    std::string types_path = PathKey(spec_path, "policyTypes");
    const YamlNode* types = reader.Sequence(Reader::Child(spec, "policyTypes"), types_path);
    if (types != nullptr && !types->items.empty()) {
      for (std::size_t i = 0; i < types->items.size(); ++i) {
        const YamlNode& t = types->items[i];
        std::string t_path = PathIndex(types_path, i);
        auto text = reader.String(&t, t_path);
        if (!text) continue;
        if (*text == "Ingress") {
          p.ingress = true;
        } else if (*text == "Egress") {
          p.egress = true;
        } else {
          reader.Expected(t, t_path, "Ingress or Egress", true);
        }
      }
    } else {
      // API defaulting: Ingress always, Egress when there are egress rules.
      p.ingress = true;
      p.egress = p.egress_rules > 0;
    }
    out_.cluster.policies.push_back(std::move(p));
  }

  std::string_view file_;
  model::RunSet& out_;
  std::size_t copy_budget_ = detail::kCopyBudget;
};

}  // namespace

bool IsKubernetesObject(const yaml::YamlNode& doc) {
  if (!doc.IsMapping()) return false;
  const YamlNode* api_version = doc.Get("apiVersion");
  const YamlNode* kind = doc.Get("kind");
  return api_version != nullptr && kind != nullptr && api_version->IsScalar() && kind->IsScalar() &&
         !api_version->IsNull() && !kind->IsNull();
}

model::RunSet FromDocuments(const std::vector<yaml::YamlDocument>& docs, std::string_view file) {
  model::RunSet set;
  set.file = std::string(file);
  Converter converter(file, set);
  for (const auto& doc : docs) converter.Object(doc.root, doc.line, 0, "");
  return set;
}

model::RunSet ParseManifests(std::string_view text, std::string_view file) {
  // JSON manifests (kubectl reads them with its JSON decoder) may be indented
  // with TABs, which the YAML reader refuses. Outside strings a TAB is only
  // whitespace in JSON, and inside a string it is invalid JSON anyway, so a
  // JSON-looking text gets its TABs as spaces (same columns).
  std::string detabbed;
  auto first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && (text[first] == '{' || text[first] == '[') &&
      text.find('\t') != std::string_view::npos) {
    detabbed.assign(text);
    std::replace(detabbed.begin(), detabbed.end(), '\t', ' ');
    text = detabbed;
  }
  yaml::YamlStream stream = yaml::ParseYamlStream(text, file);
  model::RunSet set = FromDocuments(stream.documents, file);
  if (stream.error) {
    model::ParseError e;
    e.where = stream.error->where;
    if (e.where.file.empty()) e.where.file = std::string(file);
    e.message = stream.error->message;
    set.errors.push_back(std::move(e));
  }
  return set;
}

model::RunSet ParseManifestFile(const std::string& fs_path, std::string_view file) {
  auto text = core::ReadBoundedFile(fs_path, yaml::StreamLimits{}.max_bytes);
  if (!text) {
    model::RunSet set;
    set.file = std::string(file);
    model::ParseError e;
    e.where = core::FileOrigin(std::string(file));
    e.message = text.error().message;
    set.errors.push_back(std::move(e));
    return set;
  }
  return ParseManifests(*text, file);
}

}  // namespace drydock::sources::kube
