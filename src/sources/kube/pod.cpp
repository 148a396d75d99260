// SPDX-License-Identifier: Apache-2.0
// One pod template → one RunSpec per container (containers, initContainers,
// ephemeralContainers). Pod-level values are read once into a base RunSpec that
// every container copies; container-level values then override them the way the
// kubelet merges security contexts (DetermineEffectiveSecurityContext):
// runAsUser, runAsGroup, runAsNonRoot and windowsOptions.hostProcess field by
// field; seccompProfile, appArmorProfile and seLinuxOptions as whole structs.
// Legacy annotations rank below the field at the same level.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "shell/run_commands.h"
#include "sources/kube/internal.h"

namespace drydock::sources::kube::detail {

namespace {

using model::ContainerRole;
using model::MountType;
using model::ProfileType;
using model::RunSpec;
using yaml::PathIndex;
using yaml::PathKey;

constexpr std::string_view kAppArmorPrefix = "container.apparmor.security.beta.kubernetes.io/";
constexpr std::string_view kSeccompPodKey = "seccomp.security.alpha.kubernetes.io/pod";
constexpr std::string_view kSeccompContainerPrefix =
    "container.seccomp.security.alpha.kubernetes.io/";
constexpr std::int64_t kMaxId = 2147483647;  // API validation: ids are in [0, 2^31-1]
constexpr std::int64_t kMaxMemory = std::int64_t{1} << 62;

std::string AnnotationPath(const std::string& annotations_path, std::string_view key) {
  return fmt::format("{}[\"{}\"]", annotations_path, key);
}

// A pod volume as the containers see it.
struct Volume {
  std::string name;
  std::string volume_type;  // the source key: "hostPath", "emptyDir", "persistentVolumeClaim", …
  MountType type = MountType::kOther;
  std::string source;
  core::Origin origin;
};

// The PodSpec, its metadata and the reader, shared by the per-container code.
class PodConverter {
 public:
  PodConverter(const PodInput& pod, Reader& reader) : pod_(pod), r_(reader) {}

  void Run(std::vector<RunSpec>& runs) {
    ReadAnnotations();
    ReadPodLevel();
    ReadVolumes();
    static constexpr std::pair<std::string_view, ContainerRole> kLists[] = {
        {"containers", ContainerRole::kContainer},
        {"initContainers", ContainerRole::kInit},
        {"ephemeralContainers", ContainerRole::kEphemeral},
    };
    for (const auto& [key, role] : kLists) {
      std::string path = PathKey(pod_.spec_path, key);
      const YamlNode* list = r_.Sequence(Reader::Child(pod_.spec, key), path);
      if (list == nullptr) continue;
      for (std::size_t i = 0; i < list->items.size(); ++i) {
        const YamlNode& item = list->items[i];
        std::string cpath = PathIndex(path, i);
        if (!item.IsMapping()) {
          r_.Expected(item, cpath, "a container mapping");
          continue;
        }
        // Every container copies the pod-level lists: bound the total so that a
        // hostile pod (many containers × many volumes/annotations) cannot blow
        // up memory or time.
        std::size_t weight = 1 + base_.annotations.size() + base_.sysctls.size() +
                             base_.supplemental_groups.size() + volumes_.size();
        if (pod_.copy_budget != nullptr) {
          if (weight > *pod_.copy_budget) {
            r_.Fail(item, cpath,
                    "too many containers for the pod's volumes and "
                    "annotations; the rest of "
                    "this pod is not read");
            *pod_.copy_budget = 0;
            return;
          }
          *pod_.copy_budget -= weight;
        }
        runs.push_back(Container(item, cpath, role));
        shell::StoreRunCommands(runs.back());
      }
    }
  }

 private:
  template <class T>
  void SetBool(model::Field<T>& field, const YamlNode* parent, std::string_view key,
               const std::string& parent_path) {
    const YamlNode* n = Reader::Child(parent, key);
    std::string path = PathKey(parent_path, key);
    if (auto v = r_.Bool(n, path)) field.Set(*v, r_.At(*n, path));
  }

  void SetId(model::Field<std::int64_t>& field, const YamlNode* parent, std::string_view key,
             const std::string& parent_path) {
    const YamlNode* n = Reader::Child(parent, key);
    std::string path = PathKey(parent_path, key);
    if (auto v = r_.Int(n, path, 0, kMaxId)) field.Set(*v, r_.At(*n, path));
  }

  void SetString(model::Field<std::string>& field, const YamlNode* parent, std::string_view key,
                 const std::string& parent_path) {
    const YamlNode* n = Reader::Child(parent, key);
    std::string path = PathKey(parent_path, key);
    if (auto v = r_.String(n, path)) field.Set(*v, r_.At(*n, path));
  }

  void ReadAnnotations() {
    annotations_path_ = PathKey(pod_.metadata_path, "annotations");
    const YamlNode* m = r_.Mapping(Reader::Child(pod_.metadata, "annotations"), annotations_path_);
    if (m == nullptr) return;
    for (const auto& [k, v] : m->entries) {
      if (!k.IsScalar()) {
        r_.Expected(k, annotations_path_, "a string key");
        continue;
      }
      std::string path = AnnotationPath(annotations_path_, k.scalar);
      std::string value;
      if (!v.IsNull()) {
        auto s = r_.String(&v, path);
        if (!s) continue;
        value = *s;
      }
      base_.annotations[k.scalar] = value;
      annotation_nodes_.emplace_back(k.scalar, &v);
    }
  }

  const YamlNode* AnnotationNode(std::string_view key) const {
    for (const auto& [k, n] : annotation_nodes_) {
      if (k == key) return n;
    }
    return nullptr;
  }

  // A legacy seccomp annotation value: runtime/default, docker/default,
  // unconfined, localhost/<profile>. Unknown values are ignored (the API server
  // refuses them only when the field is synced; we do not guess).
  void ApplySeccompAnnotation(RunSpec& run, std::string_view key) {
    const YamlNode* n = AnnotationNode(key);
    if (n == nullptr || !n->IsScalar()) return;
    std::string path = AnnotationPath(annotations_path_, key);
    const std::string& v = n->scalar;
    if (v == "runtime/default" || v == "docker/default") {
      run.seccomp.Set(ProfileType::kRuntimeDefault, r_.At(*n, path));
      run.seccomp_localhost_profile = {};
    } else if (v == "unconfined") {
      run.seccomp.Set(ProfileType::kUnconfined, r_.At(*n, path));
      run.seccomp_localhost_profile = {};
    } else if (v.rfind("localhost/", 0) == 0) {
      run.seccomp.Set(ProfileType::kLocalhost, r_.At(*n, path));
      run.seccomp_localhost_profile.Set(v.substr(10), r_.At(*n, path));
    }
  }

  // seccompProfile / appArmorProfile {type, localhostProfile}: replaces
  // whatever was set.
  void ApplyProfile(model::Field<ProfileType>& type, model::Field<std::string>* localhost,
                    const YamlNode* node, const std::string& path) {
    const YamlNode* m = r_.Mapping(node, path);
    if (m == nullptr) return;
    type = {};
    if (localhost != nullptr) *localhost = {};
    std::string type_path = PathKey(path, "type");
    const YamlNode* t = Reader::Child(m, "type");
    auto text = r_.String(t, type_path);
    if (!text) {
      if (t == nullptr) r_.Fail(*m, path, "type is required");
      return;
    }
    if (*text == "RuntimeDefault") {
      type.Set(ProfileType::kRuntimeDefault, r_.At(*t, type_path));
    } else if (*text == "Localhost") {
      type.Set(ProfileType::kLocalhost, r_.At(*t, type_path));
    } else if (*text == "Unconfined") {
      type.Set(ProfileType::kUnconfined, r_.At(*t, type_path));
    } else {
      r_.Expected(*t, type_path, "RuntimeDefault, Localhost or Unconfined", true);
      return;
    }
    if (localhost != nullptr) SetString(*localhost, m, "localhostProfile", path);
  }

  void ApplySeLinux(RunSpec& run, const YamlNode* node, const std::string& path) {
    const YamlNode* m = r_.Mapping(node, path);
    if (m == nullptr) return;
    run.selinux_type = {};
    run.selinux_user = {};
    run.selinux_role = {};
    SetString(run.selinux_type, m, "type", path);
    SetString(run.selinux_user, m, "user", path);
    SetString(run.selinux_role, m, "role", path);
    std::string level_path = PathKey(path, "level");
    (void)r_.String(Reader::Child(m, "level"), level_path);
  }

  void ApplyWindowsOptions(RunSpec& run, const YamlNode* sc, const std::string& sc_path) {
    std::string path = PathKey(sc_path, "windowsOptions");
    const YamlNode* m = r_.Mapping(Reader::Child(sc, "windowsOptions"), path);
    if (m != nullptr) SetBool(run.windows_host_process, m, "hostProcess", path);
  }

  // Fields valid at both levels, applied pod first then container (container
  // wins).
  void ApplySharedSecurity(RunSpec& run, const YamlNode* sc, const std::string& sc_path) {
    SetId(run.run_as_user, sc, "runAsUser", sc_path);
    SetId(run.run_as_group, sc, "runAsGroup", sc_path);
    SetBool(run.run_as_non_root, sc, "runAsNonRoot", sc_path);
    ApplyWindowsOptions(run, sc, sc_path);
    if (const YamlNode* s = Reader::Child(sc, "seccompProfile")) {
      ApplyProfile(run.seccomp, &run.seccomp_localhost_profile, s,
                   PathKey(sc_path, "seccompProfile"));
    }
    if (const YamlNode* a = Reader::Child(sc, "appArmorProfile")) {
      ApplyProfile(run.apparmor, nullptr, a, PathKey(sc_path, "appArmorProfile"));
    }
    if (const YamlNode* s = Reader::Child(sc, "seLinuxOptions")) {
      ApplySeLinux(run, s, PathKey(sc_path, "seLinuxOptions"));
    }
  }

  void ReadPodLevel() {
    const std::string& sp = pod_.spec_path;
    const YamlNode* spec = pod_.spec;
    base_.kind = model::RunKind::kKubernetes;
    base_.file = r_.file();
    base_.workload = r_.display();
    base_.namespace_ = pod_.namespace_;
    base_.workload_index = pod_.workload_index;
    if (spec != nullptr) base_.pod_origin = r_.At(*spec, sp);

    SetBool(base_.host_network, spec, "hostNetwork", sp);
    SetBool(base_.host_pid, spec, "hostPID", sp);
    SetBool(base_.host_ipc, spec, "hostIPC", sp);
    SetBool(base_.host_users, spec, "hostUsers", sp);
    SetBool(base_.share_process_namespace, spec, "shareProcessNamespace", sp);
    SetBool(base_.automount_sa_token, spec, "automountServiceAccountToken", sp);
    SetString(base_.service_account, spec, "serviceAccount",
              sp);  // deprecated alias
    SetString(base_.service_account, spec, "serviceAccountName", sp);

    std::string os_path = PathKey(sp, "os");
    if (const YamlNode* os = r_.Mapping(Reader::Child(spec, "os"), os_path)) {
      std::string name_path = PathKey(os_path, "name");
      const YamlNode* name = Reader::Child(os, "name");
      if (auto v = r_.String(name, name_path)) {
        base_.windows_pod.Set(*v == "windows", r_.At(*name, name_path));
      }
    }

    // Legacy pod annotation first: the field at the same level wins.
    ApplySeccompAnnotation(base_, kSeccompPodKey);

    std::string sc_path = PathKey(sp, "securityContext");
    const YamlNode* sc = r_.Mapping(Reader::Child(spec, "securityContext"), sc_path);
    if (sc == nullptr) return;
    ApplySharedSecurity(base_, sc, sc_path);
    SetId(base_.fs_group, sc, "fsGroup", sc_path);

    std::string groups_path = PathKey(sc_path, "supplementalGroups");
    if (const YamlNode* groups =
            r_.Sequence(Reader::Child(sc, "supplementalGroups"), groups_path)) {
      for (std::size_t i = 0; i < groups->items.size(); ++i) {
        std::string path = PathIndex(groups_path, i);
        const YamlNode& g = groups->items[i];
        if (auto v = r_.Int(&g, path, 0, kMaxId)) {
          base_.supplemental_groups.emplace_back(*v, r_.At(g, path));
        } else if (g.IsNull()) {
          r_.Fail(g, path, "expected an integer, got null");
        }
      }
    }

    std::string sysctls_path = PathKey(sc_path, "sysctls");
    if (const YamlNode* sysctls = r_.Sequence(Reader::Child(sc, "sysctls"), sysctls_path)) {
      for (std::size_t i = 0; i < sysctls->items.size(); ++i) {
        std::string path = PathIndex(sysctls_path, i);
        const YamlNode& item = sysctls->items[i];
        if (!item.IsMapping()) {
          r_.Expected(item, path, "a mapping");
          continue;
        }
        auto name = r_.String(Reader::Child(&item, "name"), PathKey(path, "name"));
        auto value = r_.String(Reader::Child(&item, "value"), PathKey(path, "value"));
        if (!name) {
          r_.Fail(item, path, "name is required");
          continue;
        }
        base_.sysctls.push_back({*name, value.value_or(""), r_.At(item, path)});
      }
    }
  }

  // The referenced object's name for the source of non-hostPath volumes.
  static std::string RefName(const YamlNode* source, std::string_view key) {
    const YamlNode* n = Reader::Child(source, key);
    return n != nullptr && n->IsScalar() ? n->scalar : std::string();
  }

  void ReadVolume(const YamlNode& item, const std::string& path) {
    Volume v;
    v.origin = r_.At(item, path);
    const YamlNode* name = Reader::Child(&item, "name");
    auto text = r_.String(name, PathKey(path, "name"));
    if (!text) {
      if (name == nullptr) r_.Fail(item, path, "name is required");
      return;
    }
    v.name = *text;
    v.type = MountType::kEmptyDir;  // a volume with no source defaults to emptyDir
    v.source = v.name;
    for (const auto& [k, src] : item.entries) {
      if (!k.IsScalar() || k.scalar == "name") continue;
      const std::string& key = k.scalar;
      std::string src_path = PathKey(path, key);
      v.volume_type = key;
      if (key == "hostPath") {
        v.type = MountType::kBind;
        const YamlNode* m = r_.Mapping(&src, src_path);
        const YamlNode* p = Reader::Child(m, "path");
        if (auto s = r_.String(p, PathKey(src_path, "path"))) {
          v.source = *s;
        } else if (m != nullptr && p == nullptr) {
          r_.Fail(*m, src_path, "path is required");
        }
      } else if (key == "emptyDir") {
        v.type = MountType::kEmptyDir;
        const YamlNode* m = r_.Mapping(&src, src_path);
        std::string medium_path = PathKey(src_path, "medium");
        if (auto medium = r_.String(Reader::Child(m, "medium"), medium_path)) {
          if (*medium == "Memory") v.type = MountType::kEmptyDirMemory;
        }
        std::string size_path = PathKey(src_path, "sizeLimit");
        (void)QuantityAt(Reader::Child(m, "sizeLimit"), size_path, r_);
      } else if (key == "secret") {
        v.type = MountType::kSecret;
        if (auto s = RefName(&src, "secretName"); !s.empty()) v.source = s;
      } else if (key == "configMap") {
        v.type = MountType::kConfigMap;
        if (auto s = RefName(&src, "name"); !s.empty()) v.source = s;
      } else if (key == "downwardAPI") {
        v.type = MountType::kConfigMap;
      } else if (key == "projected") {
        v.type = MountType::kConfigMap;
        const YamlNode* m = r_.Mapping(&src, src_path);
        std::string sources_path = PathKey(src_path, "sources");
        if (const YamlNode* sources = r_.Sequence(Reader::Child(m, "sources"), sources_path)) {
          for (const auto& s : sources->items) {
            if (Reader::Child(&s, "secret") != nullptr) v.type = MountType::kSecret;
          }
        }
      } else if (key == "persistentVolumeClaim") {
        v.type = MountType::kVolume;
        if (auto s = RefName(&src, "claimName"); !s.empty()) v.source = s;
      } else {
        v.type = MountType::kVolume;  // ephemeral, csi, nfs, image, cloud disks, …
      }
    }
    volumes_.push_back(std::move(v));
  }

  void ReadVolumes() {
    volumes_path_ = PathKey(pod_.spec_path, "volumes");
    const YamlNode* list = r_.Sequence(Reader::Child(pod_.spec, "volumes"), volumes_path_);
    for (const auto& [name, origin] : pod_.claim_templates) {
      Volume v;
      v.name = name;
      v.type = MountType::kVolume;
      v.volume_type = "persistentVolumeClaim";  // a StatefulSet claim template
      v.source = name;
      v.origin = origin;
      volumes_.push_back(std::move(v));
    }
    if (list == nullptr) return;
    for (std::size_t i = 0; i < list->items.size(); ++i) {
      const YamlNode& item = list->items[i];
      std::string path = PathIndex(volumes_path_, i);
      if (!item.IsMapping()) {
        r_.Expected(item, path, "a volume mapping");
        continue;
      }
      ReadVolume(item, path);
    }
  }

  // A list of scalars (command, args, capabilities) as Located values.
  std::vector<model::Located> Words(const YamlNode* parent, std::string_view key,
                                    const std::string& parent_path, bool capability = false) {
    std::vector<model::Located> out;
    std::string path = PathKey(parent_path, key);
    const YamlNode* list = r_.Sequence(Reader::Child(parent, key), path);
    if (list == nullptr) return out;
    for (std::size_t i = 0; i < list->items.size(); ++i) {
      const YamlNode& item = list->items[i];
      std::string item_path = PathIndex(path, i);
      // A null item in a JSON string list decodes to "" (command: [sh, ~] runs
      // "sh" "").
      std::string text;
      if (!item.IsNull()) {
        auto s = r_.String(&item, item_path);
        if (!s) continue;
        text = std::move(*s);
      }
      out.push_back({capability ? model::NormaliseCapability(text) : text, r_.At(item, item_path)});
    }
    return out;
  }

  void ReadSecurityContext(RunSpec& run, const YamlNode& c, const std::string& cpath) {
    std::string sc_path = PathKey(cpath, "securityContext");
    const YamlNode* sc = r_.Mapping(Reader::Child(&c, "securityContext"), sc_path);
    if (sc == nullptr) return;
    ApplySharedSecurity(run, sc, sc_path);
    SetBool(run.privileged, sc, "privileged", sc_path);
    SetBool(run.allow_privilege_escalation, sc, "allowPrivilegeEscalation", sc_path);
    SetBool(run.read_only_root_fs, sc, "readOnlyRootFilesystem", sc_path);
    SetString(run.proc_mount, sc, "procMount", sc_path);
    std::string caps_path = PathKey(sc_path, "capabilities");
    const YamlNode* caps = r_.Mapping(Reader::Child(sc, "capabilities"), caps_path);
    if (caps != nullptr) {
      run.capabilities_set.Set(true, r_.At(*caps, caps_path));
      run.cap_add = Words(caps, "add", caps_path, true);
      run.cap_drop = Words(caps, "drop", caps_path, true);
    }
  }

  void ReadResources(RunSpec& run, const YamlNode& c, const std::string& cpath) {
    std::string res_path = PathKey(cpath, "resources");
    const YamlNode* res = r_.Mapping(Reader::Child(&c, "resources"), res_path);
    if (res == nullptr) return;
    struct Slot {
      std::string_view group;
      model::Field<double>* cpu;
      model::Field<std::int64_t>* memory;
    };
    const Slot slots[] = {{"limits", &run.cpu_limit, &run.memory_limit},
                          {"requests", &run.cpu_request, &run.memory_request}};
    for (const auto& slot : slots) {
      std::string group_path = PathKey(res_path, slot.group);
      const YamlNode* group = r_.Mapping(Reader::Child(res, slot.group), group_path);
      if (group == nullptr) continue;
      for (const auto& [k, v] : group->entries) {
        if (!k.IsScalar()) continue;
        std::string path = PathKey(group_path, k.scalar);
        auto q = QuantityAt(&v, path, r_);
        if (!q) continue;
        if (*q < 0) {
          r_.Fail(v, path, "must be greater than or equal to 0");
          continue;
        }
        if (k.scalar == "cpu") {
          slot.cpu->Set(*q, r_.At(v, path));
        } else if (k.scalar == "memory") {
          double bytes = std::ceil(*q);  // the API rounds memory up to whole bytes
          std::int64_t b = bytes >= static_cast<double>(kMaxMemory)
                               ? kMaxMemory
                               : static_cast<std::int64_t>(bytes);
          slot.memory->Set(b, r_.At(v, path));
        }
      }
    }
  }

  void ReadEnv(RunSpec& run, const YamlNode& c, const std::string& cpath) {
    std::string env_path = PathKey(cpath, "env");
    if (const YamlNode* list = r_.Sequence(Reader::Child(&c, "env"), env_path)) {
      for (std::size_t i = 0; i < list->items.size(); ++i) {
        const YamlNode& item = list->items[i];
        std::string path = PathIndex(env_path, i);
        if (!item.IsMapping()) {
          r_.Expected(item, path, "a mapping");
          continue;
        }
        const YamlNode* name = Reader::Child(&item, "name");
        auto name_text = r_.String(name, PathKey(path, "name"));
        if (!name_text) {
          if (name == nullptr) r_.Fail(item, path, "name is required");
          continue;
        }
        model::EnvVar var;
        var.name = *name_text;
        var.origin = r_.At(*name, PathKey(path, "name"));
        if (auto value = r_.String(Reader::Child(&item, "value"), PathKey(path, "value"))) {
          var.value = *value;
        }
        std::string from_path = PathKey(path, "valueFrom");
        if (const YamlNode* from = r_.Mapping(Reader::Child(&item, "valueFrom"), from_path)) {
          var.value.clear();
          if (Reader::Child(from, "secretKeyRef") != nullptr) {
            var.source = model::EnvSource::kSecretRef;
          } else if (Reader::Child(from, "configMapKeyRef") != nullptr) {
            var.source = model::EnvSource::kConfigMapRef;
          } else {
            var.source = model::EnvSource::kFieldRef;  // fieldRef,
                                                       // resourceFieldRef, newer
          }
        }
        run.env.push_back(std::move(var));
      }
    }
    std::string from_path = PathKey(cpath, "envFrom");
    if (const YamlNode* list = r_.Sequence(Reader::Child(&c, "envFrom"), from_path)) {
      for (std::size_t i = 0; i < list->items.size(); ++i) {
        const YamlNode& item = list->items[i];
        std::string path = PathIndex(from_path, i);
        if (!item.IsMapping()) {
          r_.Expected(item, path, "a mapping");
          continue;
        }
        static constexpr std::pair<std::string_view, model::EnvFrom::Kind> kRefs[] = {
            {"secretRef", model::EnvFrom::Kind::kSecret},
            {"configMapRef", model::EnvFrom::Kind::kConfigMap}};
        for (const auto& [key, kind] : kRefs) {
          std::string ref_path = PathKey(path, key);
          const YamlNode* ref = r_.Mapping(Reader::Child(&item, key), ref_path);
          if (ref == nullptr) continue;
          model::EnvFrom e;
          e.kind = kind;
          e.name = r_.String(Reader::Child(ref, "name"), PathKey(ref_path, "name")).value_or("");
          e.origin = r_.At(*ref, ref_path);
          run.env_from.push_back(std::move(e));
        }
      }
    }
  }

  void ReadPorts(RunSpec& run, const YamlNode& c, const std::string& cpath) {
    std::string ports_path = PathKey(cpath, "ports");
    const YamlNode* list = r_.Sequence(Reader::Child(&c, "ports"), ports_path);
    if (list == nullptr) return;
    for (std::size_t i = 0; i < list->items.size(); ++i) {
      const YamlNode& item = list->items[i];
      std::string path = PathIndex(ports_path, i);
      if (!item.IsMapping()) {
        r_.Expected(item, path, "a mapping");
        continue;
      }
      model::Port port;
      port.origin = r_.At(item, path);
      std::string cp = PathKey(path, "containerPort");
      port.container_port =
          static_cast<int>(r_.Int(Reader::Child(&item, "containerPort"), cp, 0, 65535).value_or(0));
      std::string hp = PathKey(path, "hostPort");
      port.host_port =
          static_cast<int>(r_.Int(Reader::Child(&item, "hostPort"), hp, 0, 65535).value_or(0));
      if (auto proto = r_.String(Reader::Child(&item, "protocol"), PathKey(path, "protocol"))) {
        std::string lower;
        for (char ch : *proto) {
          lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        }
        port.protocol = lower;
      }
      port.host_ip =
          r_.String(Reader::Child(&item, "hostIP"), PathKey(path, "hostIP")).value_or("");
      run.ports.push_back(std::move(port));
    }
  }

  void ReadMounts(RunSpec& run, const YamlNode& c, const std::string& cpath) {
    struct MountRef {
      std::string name;
      std::string target;
      bool read_only = false;
      core::Origin origin;
      const YamlNode* node = nullptr;
      std::string path;
    };
    std::vector<MountRef> refs;
    std::string mounts_path = PathKey(cpath, "volumeMounts");
    if (const YamlNode* list = r_.Sequence(Reader::Child(&c, "volumeMounts"), mounts_path)) {
      for (std::size_t i = 0; i < list->items.size(); ++i) {
        const YamlNode& item = list->items[i];
        std::string path = PathIndex(mounts_path, i);
        if (!item.IsMapping()) {
          r_.Expected(item, path, "a mapping");
          continue;
        }
        MountRef ref;
        const YamlNode* name = Reader::Child(&item, "name");
        auto name_text = r_.String(name, PathKey(path, "name"));
        if (!name_text) {
          if (name == nullptr) r_.Fail(item, path, "name is required");
          continue;
        }
        ref.name = *name_text;
        ref.target =
            r_.String(Reader::Child(&item, "mountPath"), PathKey(path, "mountPath")).value_or("");
        ref.read_only =
            r_.Bool(Reader::Child(&item, "readOnly"), PathKey(path, "readOnly")).value_or(false);
        ref.origin = r_.At(item, path);
        ref.node = name;
        ref.path = PathKey(path, "name");
        refs.push_back(std::move(ref));
      }
    }
    // Indexes by name keep this linear: a hostile pod may have many volumes and
    // mounts.
    std::unordered_map<std::string_view, std::vector<std::size_t>> refs_by_name;
    for (std::size_t i = 0; i < refs.size(); ++i) refs_by_name[refs[i].name].push_back(i);
    std::unordered_set<std::string_view> defined;
    for (const auto& v : volumes_) {
      defined.insert(v.name);
      auto it = refs_by_name.find(v.name);
      if (it != refs_by_name.end()) {
        for (std::size_t i : it->second) {
          const MountRef& ref = refs[i];
          model::MountPoint m;
          m.type = v.type;
          m.source = v.source;
          m.target = ref.target;
          m.read_only = ref.read_only;
          m.volume_name = v.name;
          m.volume_type = v.volume_type.empty() ? "emptyDir" : v.volume_type;
          m.origin = ref.origin;
          run.mounts.push_back(std::move(m));
        }
        refs_by_name.erase(it);  // a duplicated volume name is mounted once
        continue;
      }
      model::MountPoint m;
      m.type = v.type;
      m.source = v.source;
      m.volume_name = v.name;
      m.volume_type = v.volume_type.empty() ? "emptyDir" : v.volume_type;
      m.origin = v.origin;
      run.mounts.push_back(std::move(m));
    }
    for (const auto& ref : refs) {
      if (defined.count(ref.name) == 0) {
        r_.Fail(*ref.node, ref.path,
                fmt::format("volume \"{}\" is not defined in {}{}", ref.name, volumes_path_,
                            pod_.claim_templates.empty() ? "" : " or volumeClaimTemplates"));
      }
    }
  }

  RunSpec Container(const YamlNode& c, const std::string& cpath, ContainerRole role) {
    RunSpec run = base_;
    run.origin = r_.At(c, cpath);
    run.role = role;
    run.name = r_.String(Reader::Child(&c, "name"), PathKey(cpath, "name")).value_or("");
    if (role == ContainerRole::kInit) {
      std::string rp = PathKey(cpath, "restartPolicy");
      if (r_.String(Reader::Child(&c, "restartPolicy"), rp).value_or("") == "Always") {
        run.role = ContainerRole::kSidecar;
      }
    }
    SetString(run.image, &c, "image", cpath);
    SetString(run.image_pull_policy, &c, "imagePullPolicy", cpath);
    run.command = Words(&c, "command", cpath);
    run.args = Words(&c, "args", cpath);

    // Container annotations rank above pod-level fields and below container
    // fields.
    ApplySeccompAnnotation(run, std::string(kSeccompContainerPrefix) + run.name);
    std::string apparmor_key = std::string(kAppArmorPrefix) + run.name;
    if (const YamlNode* n = AnnotationNode(apparmor_key); n != nullptr && n->IsScalar()) {
      std::string path = AnnotationPath(annotations_path_, apparmor_key);
      const std::string& v = n->scalar;
      if (v == "runtime/default") {
        run.apparmor.Set(ProfileType::kRuntimeDefault, r_.At(*n, path));
      } else if (v == "unconfined") {
        run.apparmor.Set(ProfileType::kUnconfined, r_.At(*n, path));
      } else if (v.rfind("localhost/", 0) == 0) {
        run.apparmor.Set(ProfileType::kLocalhost, r_.At(*n, path));
      }
    }

    ReadSecurityContext(run, c, cpath);
    ReadResources(run, c, cpath);
    ReadEnv(run, c, cpath);
    ReadPorts(run, c, cpath);
    ReadMounts(run, c, cpath);
    return run;
  }

  const PodInput& pod_;
  Reader& r_;
  RunSpec base_;
  std::string annotations_path_;
  std::vector<std::pair<std::string, const YamlNode*>> annotation_nodes_;
  std::string volumes_path_;
  std::vector<Volume> volumes_;
};

}  // namespace

void ConvertPodSpec(const PodInput& pod, Reader& reader, std::vector<RunSpec>& runs) {
  PodConverter(pod, reader).Run(runs);
}

}  // namespace drydock::sources::kube::detail
