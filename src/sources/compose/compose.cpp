// SPDX-License-Identifier: Apache-2.0
// The compose adapter: documents → interpolated trees → one RunSpec per service.
#include "sources/compose/compose.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "core/io.h"
#include "core/strings.h"
#include "shell/run_commands.h"
#include "sources/compose/detail.h"
#include "yaml/typed.h"

namespace drydock::sources::compose {
namespace {

using core::Lower;

using model::MountPoint;
using model::MountType;
using model::RunSpec;
using yaml::YamlNode;

// Output of interpolation over one document, all scalars together (an expansion bomb such as
// thousands of `${BIG}${BIG}…` becomes an error, not gigabytes).
constexpr std::size_t kInterpolationBudget = 64u << 20;
constexpr std::size_t kMaxDotenvBytes = 1u << 20;

// Digits only, at most 18 of them (so that ToInt cannot overflow).
bool AllDigits(std::string_view s) { return s.size() <= 18 && core::AllDigits(s); }

std::int64_t ToInt(std::string_view digits) {
  std::int64_t v = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), v);
  return v;
}

std::vector<std::string> SplitOn(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    std::size_t p = s.find(sep, start);
    std::string_view part = s.substr(start, p == std::string_view::npos ? s.npos : p - start);
    if (!part.empty()) out.emplace_back(part);
    if (p == std::string_view::npos) break;
    start = p + 1;
  }
  return out;
}

// `.env` beside `file` (display form, for diagnostics).
std::string DotenvDisplayName(std::string_view file) {
  return (std::filesystem::path(std::string(file)).parent_path() / ".env").string();
}

// How compose values are read: YAML 1.1 booleans in any case and quoted numbers are accepted, an
// empty value (an unset variable) is not given, and messages name no path (the origin has it):
// "expected true or false, got 'maybe'", "expected a list, got a mapping".
constexpr yaml::Dialect kDialect{
    .path_in_message = false,
    .shown = yaml::Shown::kKindOrText,
    .bool_noun = "true or false",
    .bool_words = yaml::BoolWords::kYaml11AnyCase,
    .plain_only = false,
    .empty_is_absent = true,
};

// Converts documents of one compose file. Owns the interpolation variables.
class Loader {
 public:
  Loader(std::string_view file, const ComposeOptions& options, core::Diagnostics& diagnostics)
      : file_(file),
        options_(options),
        diagnostics_(diagnostics),
        reader_(file, kDialect, [this](core::Origin where, std::string message) {
          set_->errors.push_back({std::move(where), std::move(message)});
        }) {
    if (!options.dotenv.empty()) {
      std::vector<std::string> warnings;
      detail::VarLookup env = [this](std::string_view name) -> const std::string* {
        auto it = options_.environment.find(std::string(name));
        return it == options_.environment.end() ? nullptr : &it->second;
      };
      dotenv_ = detail::ParseDotenv(options.dotenv, env, warnings);
      for (auto& w : warnings) {
        diagnostics_.push_back({core::DiagnosticLevel::kWarning,
                                core::FileOrigin(DotenvDisplayName(file)), ".env " + w});
      }
    }
    lookup_ = [this](std::string_view name) -> const std::string* {
      std::string key(name);
      auto it = options_.environment.find(key);
      if (it != options_.environment.end()) return &it->second;
      auto d = dotenv_.find(key);
      return d == dotenv_.end() ? nullptr : &d->second;
    };
  }

  // Converts one document into `set` (runs and errors).
  void Load(const YamlNode& source, model::RunSet& set) {
    set_ = &set;
    std::size_t first_error = set.errors.size();
    LoadDocument(source);
    // Report in document order, whatever order the fields were read in.
    std::stable_sort(set.errors.begin() + static_cast<std::ptrdiff_t>(first_error),
                     set.errors.end(), [](const model::ParseError& a, const model::ParseError& b) {
                       return a.where.line != b.where.line ? a.where.line < b.where.line
                                                           : a.where.column < b.where.column;
                     });
  }

 private:
  void LoadDocument(const YamlNode& source) {
    if (source.IsNull()) return;
    if (!source.IsMapping()) {
      Error(source, "",
            fmt::format("a compose file must be a mapping, got a {}", source.KindName()));
      return;
    }
    const YamlNode* found =
        reader_.Mapping(source.Get("services"), "services", "a mapping of service names");
    if (found == nullptr) return;
    // Only the services are read, so only they are interpolated (`x-` extensions, networks,
    // volumes… are not; their anchored values reach services as copies and are expanded there).
    YamlNode services = *found;
    InterpolateTree(services, "services");
    for (const auto& [key, value] : services.entries) {
      if (!key.IsScalar() || key.scalar.empty()) {
        Error(key, "services", "a service name must be a non-empty string");
        continue;
      }
      Service(key, value);
    }
  }

  // ---- locations and errors ----

  core::Origin At(const YamlNode& n, const std::string& path) const { return reader_.At(n, path); }

  void Error(const YamlNode& n, const std::string& path, std::string_view message) {
    reader_.Fail(n, path, message);
  }

  void Note(const YamlNode& n, const std::string& path, std::string message) {
    diagnostics_.push_back({core::DiagnosticLevel::kNote, At(n, path), std::move(message)});
  }

  // ---- interpolation ----

  void InterpolateTree(YamlNode& n, const std::string& path) {
    switch (n.kind) {
      case YamlNode::Kind::kScalar:
        InterpolateScalar(n, path);
        break;
      case YamlNode::Kind::kSequence:
        for (std::size_t i = 0; i < n.items.size(); ++i) {
          InterpolateTree(n.items[i], fmt::format("{}[{}]", path, i));
        }
        break;
      case YamlNode::Kind::kMapping:
        for (auto& [key, value] : n.entries) InterpolateTree(value, path + "." + key.scalar);
        break;
    }
  }

  void InterpolateScalar(YamlNode& n, const std::string& path) {
    if (n.scalar.find('$') == std::string::npos) return;
    if (budget_exhausted_) return;
    std::size_t remaining = kInterpolationBudget - budget_used_;
    detail::Interpolated r = detail::Interpolate(n.scalar, lookup_, remaining);
    for (const auto& name : r.unset) {
      if (!warned_.insert(name).second) continue;
      diagnostics_.push_back(
          {core::DiagnosticLevel::kWarning, At(n, path),
           fmt::format("variable {} is not set; substituting an empty string", name)});
    }
    for (const auto& [name, message] : r.required_missing) {
      if (!warned_.insert(name).second) continue;
      diagnostics_.push_back(
          {core::DiagnosticLevel::kWarning, At(n, path),
           fmt::format("required variable {} is not set{}{} (compose would refuse to start); "
                       "audited as an empty string",
                       name, message.empty() ? "" : ": ", message)});
    }
    if (r.error) {
      if (r.error->find("larger than") != std::string::npos) budget_exhausted_ = true;
      Error(n, path, *r.error);
      n.scalar.clear();
      n.quoted = false;  // reads as unset
      return;
    }
    // A value that needs a variable the deploy environment provides stays as written: judging
    // "" would invent shapes the file does not have (`${KUBECONFIG:?}:/kube` is not ":/kube").
    if (!r.required_missing.empty()) return;
    budget_used_ += r.value.size();
    n.scalar = std::move(r.value);
    // `KEY: ${UNSET}` is an empty string, not a null (which would mean "from the host").
    if (n.scalar.empty()) n.quoted = true;
  }

  // ---- typed reads (yaml::Reader in kDialect: null = not given; a wrong shape is an error and
  // nullopt) ----

  std::optional<std::string> Text(const YamlNode& n, const std::string& path) {
    return reader_.String(&n, path);
  }

  std::optional<bool> Bool(const YamlNode& n, const std::string& path) {
    return reader_.Bool(&n, path);
  }

  std::optional<std::int64_t> Int(const YamlNode& n, const std::string& path) {
    return reader_.Int(&n, path);
  }

  // A non-negative decimal number ("0.5", 2, "1.5"); empty is not given, as for Int.
  std::optional<double> Number(const YamlNode& n, const std::string& path) {
    if (n.IsScalar() && n.scalar.empty()) return std::nullopt;
    auto s = reader_.String(&n, path, "a number");
    if (!s) return std::nullopt;
    double v = 0;
    auto [ptr, ec] = std::from_chars(s->data(), s->data() + s->size(), v);
    if (ec == std::errc() && ptr == s->data() + s->size() && std::isfinite(v) && v >= 0) return v;
    Error(n, path, fmt::format("expected a non-negative number, got '{}'", *s));
    return std::nullopt;
  }

  std::optional<std::int64_t> Bytes(const YamlNode& n, const std::string& path,
                                    bool allow_unlimited) {
    auto text = Text(n, path);
    if (!text || text->empty()) return std::nullopt;
    if (allow_unlimited && *text == "-1") return -1;
    if (auto v = ParseByteSize(*text)) return v;
    Error(n, path,
          fmt::format("invalid byte size '{}' (expected a number with an optional unit "
                      "b, k, m, g, t, p, as in 512m)",
                      *text));
    return std::nullopt;
  }

  // The items of a sequence; null → none; anything else is an error.
  const std::vector<YamlNode>* List(const YamlNode& n, const std::string& path) {
    const YamlNode* list = reader_.Sequence(&n, path);
    return list == nullptr ? nullptr : &list->items;
  }

  // ---- the service ----

  void Service(const YamlNode& key, const YamlNode& svc) {
    const std::string& name = key.scalar;
    const std::string path = "services." + name;
    if (!svc.IsMapping()) {
      Error(
          svc.IsNull() ? key : svc, path,
          fmt::format("a service must be a mapping, got {}",
                      svc.IsNull() ? std::string("nothing") : fmt::format("a {}", svc.KindName())));
      return;
    }
    RunSpec r;
    r.kind = model::RunKind::kCompose;
    r.file = file_;
    r.origin = At(key, path);
    r.name = name;
    r.workload = "service " + name;

    auto field = [&](std::string_view k) { return svc.Get(k); };
    auto fpath = [&](std::string_view k) { return path + "." + std::string(k); };

    if (const YamlNode* n = field("image")) {
      if (auto v = Text(*n, fpath("image")); v && !v->empty()) {
        r.image.Set(*v, At(*n, fpath("image")));
      }
    }
    if (const YamlNode* n = field("build"); n != nullptr && !r.image.has()) {
      Note(*n, fpath("build"),
           fmt::format("service {} is built locally (build: without image:); its image is not "
                       "checked here",
                       name));
    }
    if (const YamlNode* n = field("build")) r.build = Recipe(*n, At(*n, fpath("build")));
    if (const YamlNode* n = field("extends")) {
      Note(*n, fpath("extends"),
           fmt::format("service {}: extends not resolved; settings inherited from the extended "
                       "service are not checked",
                       name));
    }
    if (const YamlNode* n = field("pull_policy")) {
      if (auto v = Text(*n, fpath("pull_policy"))) {
        r.image_pull_policy.Set(*v, At(*n, fpath("pull_policy")));
      }
    }
    if (const YamlNode* n = field("user")) User(*n, fpath("user"), r);
    SetBool(field("read_only"), fpath("read_only"), r.read_only_root_fs);
    SetBool(field("privileged"), fpath("privileged"), r.privileged);
    if (const YamlNode* n = field("tmpfs")) Tmpfs(*n, fpath("tmpfs"), r);
    if (const YamlNode* n = field("volumes")) Volumes(*n, fpath("volumes"), r);
    if (const YamlNode* n = field("cap_add")) Caps(*n, fpath("cap_add"), r.cap_add);
    if (const YamlNode* n = field("cap_drop")) Caps(*n, fpath("cap_drop"), r.cap_drop);
    if (const YamlNode* n = field("security_opt")) SecurityOpts(*n, fpath("security_opt"), r);
    Resources(svc, path, r);
    if (const YamlNode* n = field("environment")) Environment(*n, fpath("environment"), r);
    if (const YamlNode* n = field("env_file")) EnvFile(*n, fpath("env_file"), r);
    if (const YamlNode* n = field("secrets")) Secrets(*n, fpath("secrets"), r);
    HostMode(field("network_mode"), fpath("network_mode"), r.host_network);
    HostMode(field("pid"), fpath("pid"), r.host_pid);
    HostMode(field("ipc"), fpath("ipc"), r.host_ipc);
    HostMode(field("uts"), fpath("uts"), r.host_uts);
    HostMode(field("userns_mode"), fpath("userns_mode"), r.host_userns);
    if (const YamlNode* n = field("devices")) Devices(*n, fpath("devices"), r);
    if (const YamlNode* n = field("group_add")) GroupAdd(*n, fpath("group_add"), r);
    if (const YamlNode* n = field("sysctls")) Sysctls(*n, fpath("sysctls"), r);
    if (const YamlNode* n = field("ports")) Ports(*n, fpath("ports"), r);
    if (const YamlNode* n = field("entrypoint")) Words(*n, fpath("entrypoint"), r.command);
    if (const YamlNode* n = field("command")) Words(*n, fpath("command"), r.args);
    shell::StoreRunCommands(r);
    set_->runs.push_back(std::move(r));
  }

  void SetBool(const YamlNode* n, const std::string& path, model::Field<bool>& out) {
    if (n == nullptr) return;
    if (auto v = Bool(*n, path)) out.Set(*v, At(*n, path));
  }

  // network_mode / pid / ipc / uts / userns_mode: "host" shares the host namespace.
  void HostMode(const YamlNode* n, const std::string& path, model::Field<bool>& out) {
    if (n == nullptr) return;
    auto v = Text(*n, path);
    if (!v || v->empty()) return;
    out.Set(*v == "host", At(*n, path));
  }

  void User(const YamlNode& n, const std::string& path, RunSpec& r) {
    auto v = Text(n, path);
    if (!v || v->empty()) return;
    core::Origin o = At(n, path);
    r.user.Set(*v, o);
    std::string_view s = *v;
    std::size_t colon = s.find(':');
    std::string_view uid = s.substr(0, colon);
    if (AllDigits(uid)) r.run_as_user.Set(ToInt(uid), o);
    if (colon != std::string_view::npos) {
      std::string_view gid = s.substr(colon + 1);
      if (AllDigits(gid)) r.run_as_group.Set(ToInt(gid), o);
    }
  }

  void Tmpfs(const YamlNode& n, const std::string& path, RunSpec& r) {
    auto add = [&](const YamlNode& item, const std::string& item_path) {
      auto v = Text(item, item_path);
      if (!v || v->empty()) return;
      MountPoint m;
      m.type = MountType::kTmpfs;
      std::size_t colon = v->find(':');
      m.target = v->substr(0, colon);
      if (colon != std::string::npos) {
        m.options = SplitOn(std::string_view(*v).substr(colon + 1), ',');
      }
      m.origin = At(item, item_path);
      r.mounts.push_back(std::move(m));
    };
    reader_.OneOrMany(&n, path, add);
  }

  void Volumes(const YamlNode& n, const std::string& path, RunSpec& r) {
    const auto* items = List(n, path);
    if (items == nullptr) return;
    for (std::size_t i = 0; i < items->size(); ++i) {
      const YamlNode& item = (*items)[i];
      std::string item_path = fmt::format("{}[{}]", path, i);
      if (item.IsMapping()) {
        LongVolume(item, item_path, r);
        continue;
      }
      auto v = Text(item, item_path);
      if (!v || v->empty()) continue;
      detail::ShortVolume sv = detail::SplitShortVolume(*v);
      MountPoint m;
      m.source = sv.source;
      m.target = sv.target;
      m.type = sv.source.empty() || !detail::IsHostPath(sv.source) ? MountType::kVolume
                                                                   : MountType::kBind;
      m.options = SplitOn(sv.mode, ',');
      for (const auto& o : m.options) {
        if (o == "ro") m.read_only = true;
      }
      m.origin = At(item, item_path);
      if (m.target.empty()) Error(item, item_path, fmt::format("volume '{}' has no target", *v));
      r.mounts.push_back(std::move(m));
    }
  }

  void LongVolume(const YamlNode& item, const std::string& path, RunSpec& r) {
    MountPoint m;
    m.origin = At(item, path);
    std::optional<std::string> type;
    if (const YamlNode* t = item.Get("type")) type = Text(*t, path + ".type");
    if (const YamlNode* s = item.Get("source")) m.source = Text(*s, path + ".source").value_or("");
    if (const YamlNode* t = item.Get("target")) m.target = Text(*t, path + ".target").value_or("");
    if (const YamlNode* ro = item.Get("read_only")) {
      m.read_only = Bool(*ro, path + ".read_only").value_or(false);
    }
    if (!type || type->empty()) {
      m.type = detail::IsHostPath(m.source) ? MountType::kBind : MountType::kVolume;
    } else if (*type == "bind" || *type == "npipe") {
      m.type = MountType::kBind;
    } else if (*type == "volume") {
      m.type = MountType::kVolume;
    } else if (*type == "tmpfs") {
      m.type = MountType::kTmpfs;
    } else if (*type == "image" || *type == "cluster") {
      m.type = MountType::kOther;
    } else {
      Error(*item.Get("type"), path + ".type",
            fmt::format("unknown volume type '{}' (expected bind, volume, tmpfs, image, npipe "
                        "or cluster)",
                        *type));
      m.type = MountType::kOther;
    }
    auto sub_options = [&](const char* key, std::initializer_list<std::string_view> names) {
      std::string sub_path = path + "." + key;
      const YamlNode* sub = reader_.Mapping(item.Get(key), sub_path);
      if (sub == nullptr) return;
      for (std::string_view name : names) {
        if (auto v =
                reader_.String(sub->Get(name), sub_path + "." + std::string(name), "a scalar")) {
          m.options.push_back(fmt::format("{}={}", name, *v));
        }
      }
    };
    sub_options("bind", {"propagation", "create_host_path", "selinux"});
    sub_options("tmpfs", {"size", "mode"});
    sub_options("volume", {"nocopy", "subpath"});
    if (m.target.empty()) Error(item, path, "a volume needs a target");
    r.mounts.push_back(std::move(m));
  }

  void Caps(const YamlNode& n, const std::string& path, std::vector<model::Located>& out) {
    reader_.Items(&n, path, [&](const YamlNode& item, const std::string& item_path) {
      auto v = Text(item, item_path);
      if (!v || v->empty()) return;
      out.push_back({model::NormaliseCapability(*v), At(item, item_path)});
    });
  }

  void SecurityOpts(const YamlNode& n, const std::string& path, RunSpec& r) {
    reader_.Items(&n, path, [&](const YamlNode& item, const std::string& item_path) {
      auto v = Text(item, item_path);
      if (!v || v->empty()) return;
      core::Origin o = At(item, item_path);
      std::string_view s = *v;
      std::size_t sep = s.find_first_of(":=");
      std::string key = Lower(s.substr(0, sep));
      std::string_view value =
          sep == std::string_view::npos ? std::string_view() : s.substr(sep + 1);
      bool has_value = sep != std::string_view::npos;
      if (key == "no-new-privileges") {
        if (!has_value || value == "true") {
          r.allow_privilege_escalation.Set(false, o);
        } else if (value == "false") {
          r.allow_privilege_escalation.Set(true, o);
        } else {
          Error(item, item_path, fmt::format("invalid no-new-privileges value '{}'", value));
        }
      } else if (key == "seccomp") {
        if (value == "unconfined") {
          r.seccomp.Set(model::ProfileType::kUnconfined, o);
        } else if (value == "builtin" || value == "default" || value == "runtime/default") {
          r.seccomp.Set(model::ProfileType::kRuntimeDefault, o);
        } else if (!value.empty()) {
          r.seccomp.Set(model::ProfileType::kLocalhost, o);
          r.seccomp_localhost_profile.Set(std::string(value), o);
        } else {
          Error(item, item_path, "seccomp needs a profile (unconfined or a file)");
        }
      } else if (key == "apparmor") {
        if (value == "unconfined") {
          r.apparmor.Set(model::ProfileType::kUnconfined, o);
        } else if (value == "docker-default" || value == "runtime/default") {
          r.apparmor.Set(model::ProfileType::kRuntimeDefault, o);
        } else if (!value.empty()) {
          r.apparmor.Set(model::ProfileType::kLocalhost, o);
        } else {
          Error(item, item_path, "apparmor needs a profile name");
        }
      } else if (key == "label") {
        Label(value, item, item_path, r);
      } else if (key == "systempaths") {
        if (value == "unconfined") r.systempaths_unconfined.Set(true, o);
      }
    });
  }

  void Label(std::string_view value, const YamlNode& item, const std::string& path, RunSpec& r) {
    core::Origin o = At(item, path);
    if (value == "disable") {
      r.selinux_disabled.Set(true, o);
      return;
    }
    std::size_t sep = value.find_first_of(":=");
    if (sep == std::string_view::npos) {
      if (value != "nested") Error(item, path, fmt::format("invalid label option '{}'", value));
      return;
    }
    std::string_view key = value.substr(0, sep);
    std::string rest(value.substr(sep + 1));
    if (key == "type") {
      r.selinux_type.Set(rest, o);
    } else if (key == "user") {
      r.selinux_user.Set(rest, o);
    } else if (key == "role") {
      r.selinux_role.Set(rest, o);
    }
  }

  void Resources(const YamlNode& svc, const std::string& path, RunSpec& r) {
    auto field = [&](std::string_view k) { return svc.Get(k); };
    auto fpath = [&](std::string_view k) { return path + "." + std::string(k); };
    if (const YamlNode* n = field("mem_limit")) {
      if (auto v = Bytes(*n, fpath("mem_limit"), false)) {
        r.memory_limit.Set(*v, At(*n, fpath("mem_limit")));
      }
    }
    if (const YamlNode* n = field("memswap_limit")) {
      if (auto v = Bytes(*n, fpath("memswap_limit"), true)) {
        r.memory_swap.Set(*v, At(*n, fpath("memswap_limit")));
      }
    }
    if (const YamlNode* n = field("mem_reservation")) {
      if (auto v = Bytes(*n, fpath("mem_reservation"), false)) {
        r.memory_request.Set(*v, At(*n, fpath("mem_reservation")));
      }
    }
    if (const YamlNode* n = field("cpus")) {
      if (auto v = Number(*n, fpath("cpus"))) r.cpu_limit.Set(*v, At(*n, fpath("cpus")));
    }
    if (const YamlNode* q = field("cpu_quota"); q != nullptr && !r.cpu_limit.has()) {
      auto quota = Int(*q, fpath("cpu_quota"));
      std::int64_t period = 100000;
      if (const YamlNode* p = field("cpu_period")) {
        if (auto v = Int(*p, fpath("cpu_period")); v && *v > 0) period = *v;
      }
      if (quota && *quota > 0) {
        r.cpu_limit.Set(static_cast<double>(*quota) / static_cast<double>(period),
                        At(*q, fpath("cpu_quota")));
      }
    }
    if (const YamlNode* n = field("cpu_shares")) {
      if (auto v = Int(*n, fpath("cpu_shares"))) r.cpu_shares.Set(*v, At(*n, fpath("cpu_shares")));
    }
    if (const YamlNode* n = field("pids_limit")) {
      if (auto v = Int(*n, fpath("pids_limit"))) r.pids_limit.Set(*v, At(*n, fpath("pids_limit")));
    }
    if (const YamlNode* n = field("ulimits")) Ulimits(*n, fpath("ulimits"), r);
    if (const YamlNode* n = field("deploy")) Deploy(*n, fpath("deploy"), r);
  }

  void Ulimits(const YamlNode& n, const std::string& path, RunSpec& r) {
    if (reader_.Mapping(&n, path) == nullptr) return;
    const YamlNode* nofile = n.Get("nofile");
    if (nofile == nullptr || nofile->IsNull()) return;
    std::string p = path + ".nofile";
    if (nofile->IsMapping()) {
      if (const YamlNode* s = nofile->Get("soft")) {
        if (auto v = Int(*s, p + ".soft")) r.nofile_soft.Set(*v, At(*s, p + ".soft"));
      }
      if (const YamlNode* h = nofile->Get("hard")) {
        if (auto v = Int(*h, p + ".hard")) r.nofile_hard.Set(*v, At(*h, p + ".hard"));
      }
      return;
    }
    if (auto v = Int(*nofile, p)) {
      r.nofile_soft.Set(*v, At(*nofile, p));
      r.nofile_hard.Set(*v, At(*nofile, p));
    }
  }

  // A mapping child; null/absent → nullptr; another shape is an error.
  const YamlNode* Child(const YamlNode& n, std::string_view key, const std::string& path) {
    return reader_.Mapping(n.Get(key), path);
  }

  // deploy.resources: applied after the service-level fields, which it overrides (as compose).
  void Deploy(const YamlNode& n, const std::string& path, RunSpec& r) {
    if (reader_.Mapping(&n, path) == nullptr) return;
    const YamlNode* res = Child(n, "resources", path + ".resources");
    if (res == nullptr) return;
    // deploy.resources.limits / .reservations: cpus and memory (and pids for limits).
    auto read = [&](std::string_view key, model::Field<double>& cpus,
                    model::Field<std::int64_t>& memory, model::Field<std::int64_t>* pids) {
      const std::string p = path + ".resources." + std::string(key);
      const YamlNode* block = Child(*res, key, p);
      if (block == nullptr) return;
      if (const YamlNode* c = block->Get("cpus")) {
        if (auto v = Number(*c, p + ".cpus")) cpus.Set(*v, At(*c, p + ".cpus"));
      }
      if (const YamlNode* m = block->Get("memory")) {
        if (auto v = Bytes(*m, p + ".memory", false)) memory.Set(*v, At(*m, p + ".memory"));
      }
      if (const YamlNode* n = pids != nullptr ? block->Get("pids") : nullptr) {
        if (auto v = Int(*n, p + ".pids")) pids->Set(*v, At(*n, p + ".pids"));
      }
    };
    read("limits", r.cpu_limit, r.memory_limit, &r.pids_limit);
    read("reservations", r.cpu_request, r.memory_request, nullptr);
  }

  // `build: DIR` or `build: {context, dockerfile, args, target}`, as written. Shapes compose
  // would refuse are left out quietly: the build is not this adapter's to judge.
  static model::BuildRecipe Recipe(const YamlNode& n, core::Origin origin) {
    model::BuildRecipe b;
    b.origin = std::move(origin);
    if (n.IsScalar()) {
      b.context = n.scalar;
      return b;
    }
    auto text = [&](std::string_view key, std::string& out) {
      if (const std::string* v = yaml::ScalarText(n.Get(key))) out = *v;
    };
    text("context", b.context);
    text("dockerfile", b.dockerfile);
    text("target", b.target);
    const YamlNode* args = n.Get("args");
    if (args != nullptr && args->IsMapping()) {
      for (const auto& [key, value] : args->entries) {
        if (key.IsScalar() && value.IsScalar() && !value.IsNull()) {
          b.args[key.scalar] = value.scalar;
        }
      }
    } else if (args != nullptr && args->IsSequence()) {
      for (const YamlNode& item : args->items) {
        const std::size_t eq = item.IsScalar() ? item.scalar.find('=') : std::string::npos;
        if (eq != std::string::npos && eq > 0) {
          b.args[item.scalar.substr(0, eq)] = item.scalar.substr(eq + 1);
        }
      }
    }
    return b;
  }

  void Environment(const YamlNode& n, const std::string& path, RunSpec& r) {
    if (n.IsMapping()) {
      for (const auto& [key, value] : n.entries) {
        std::string item_path = path + "." + key.scalar;
        if (!key.IsScalar() || key.scalar.empty()) {
          Error(key, path, "a variable name must be a non-empty string");
          continue;
        }
        model::EnvVar e;
        e.name = key.scalar;
        e.origin = At(key, item_path);
        if (value.IsNull()) {
          e.source = model::EnvSource::kHost;
        } else if (value.IsScalar()) {
          e.value = value.scalar;
        } else {
          Error(value, item_path,
                fmt::format("an environment value must be a string, number or boolean, got a {}",
                            value.KindName()));
          continue;
        }
        r.env.push_back(std::move(e));
      }
      return;
    }
    reader_.Items(&n, path, [&](const YamlNode& item, const std::string& item_path) {
      auto v = Text(item, item_path);
      if (!v || v->empty()) return;
      model::EnvVar e;
      e.origin = At(item, item_path);
      std::size_t eq = v->find('=');
      if (eq == std::string::npos) {
        e.name = *v;
        e.source = model::EnvSource::kHost;
      } else {
        e.name = v->substr(0, eq);
        e.value = v->substr(eq + 1);
      }
      r.env.push_back(std::move(e));
    });
  }

  void EnvFile(const YamlNode& n, const std::string& path, RunSpec& r) {
    auto add = [&](const YamlNode& item, const std::string& item_path) {
      const YamlNode* name_node = &item;
      std::string name_path = item_path;
      if (item.IsMapping()) {
        name_node = item.Get("path");
        name_path = item_path + ".path";
        if (name_node == nullptr) {
          Error(item, item_path, "an env_file entry needs a path");
          return;
        }
      }
      auto v = Text(*name_node, name_path);
      if (!v || v->empty()) return;
      model::EnvFrom e;
      e.kind = model::EnvFrom::Kind::kFile;
      e.name = *v;
      e.origin = At(item, item_path);
      r.env_from.push_back(std::move(e));
    };
    reader_.OneOrMany(&n, path, add);
  }

  void Secrets(const YamlNode& n, const std::string& path, RunSpec& r) {
    reader_.Items(&n, path, [&](const YamlNode& item, const std::string& item_path) {
      std::string source;
      std::string target;
      if (item.IsMapping()) {
        if (const YamlNode* s = item.Get("source")) {
          source = Text(*s, item_path + ".source").value_or("");
        }
        if (const YamlNode* t = item.Get("target")) {
          target = Text(*t, item_path + ".target").value_or("");
        }
        if (source.empty()) {
          Error(item, item_path, "a secret needs a source");
          return;
        }
      } else {
        auto v = Text(item, item_path);
        if (!v || v->empty()) return;
        source = *v;
      }
      if (target.empty()) target = source;
      MountPoint m;
      m.type = MountType::kSecret;
      m.source = source;
      m.target = target.front() == '/' ? target : "/run/secrets/" + target;
      m.read_only = true;
      m.origin = At(item, item_path);
      r.mounts.push_back(std::move(m));
    });
  }

  void Devices(const YamlNode& n, const std::string& path, RunSpec& r) {
    const auto* items = List(n, path);
    if (items == nullptr) return;
    for (std::size_t i = 0; i < items->size(); ++i) {
      const YamlNode& item = (*items)[i];
      std::string item_path = fmt::format("{}[{}]", path, i);
      std::string value;
      if (item.IsMapping()) {
        std::string parts[3];
        const char* keys[3] = {"source", "target", "permissions"};
        for (int k = 0; k < 3; ++k) {
          if (const YamlNode* c = item.Get(keys[k])) {
            parts[k] = Text(*c, item_path + "." + keys[k]).value_or("");
          }
        }
        value = parts[0];
        if (!parts[1].empty()) value += ":" + parts[1];
        if (!parts[2].empty()) value += ":" + parts[2];
      } else if (auto v = Text(item, item_path)) {
        value = *v;
      }
      if (!value.empty()) r.devices.push_back({std::move(value), At(item, item_path)});
    }
  }

  void GroupAdd(const YamlNode& n, const std::string& path, RunSpec& r) {
    reader_.Items(&n, path, [&](const YamlNode& item, const std::string& item_path) {
      auto v = Text(item, item_path);
      if (v && AllDigits(*v)) {
        r.supplemental_groups.emplace_back(ToInt(*v), At(item, item_path));
      }
    });
  }

  void Sysctls(const YamlNode& n, const std::string& path, RunSpec& r) {
    if (n.IsMapping()) {
      for (const auto& [key, value] : n.entries) {
        std::string item_path = path + "." + key.scalar;
        if (!key.IsScalar() || key.scalar.empty()) {
          Error(key, path, "a sysctl name must be a non-empty string");
          continue;
        }
        auto v = value.IsNull() ? std::optional<std::string>("") : Text(value, item_path);
        if (!v) continue;
        r.sysctls.push_back({key.scalar, *v, At(key, item_path)});
      }
      return;
    }
    reader_.Items(&n, path, [&](const YamlNode& item, const std::string& item_path) {
      auto v = Text(item, item_path);
      if (!v || v->empty()) return;
      std::size_t eq = v->find('=');
      r.sysctls.push_back({v->substr(0, eq), eq == std::string::npos ? "" : v->substr(eq + 1),
                           At(item, item_path)});
    });
  }

  void Ports(const YamlNode& n, const std::string& path, RunSpec& r) {
    reader_.Items(&n, path, [&](const YamlNode& item, const std::string& item_path) {
      model::Port port;
      port.origin = At(item, item_path);
      if (item.IsMapping()) {
        const YamlNode* target = item.Get("target");
        auto t = target ? Text(*target, item_path + ".target") : std::nullopt;
        auto parsed = t ? detail::ParseShortPort(*t) : std::nullopt;
        if (!parsed || !parsed->host_ip.empty() || parsed->host_port != 0) {
          Error(target ? *target : item, item_path + ".target",
                "a port needs a numeric target (0-65535)");
          return;
        }
        port.container_port = parsed->container_port;
        if (const YamlNode* p = item.Get("published")) {
          if (auto v = Text(*p, item_path + ".published"); v && !v->empty()) {
            auto pub = detail::ParseShortPort(*v);
            if (!pub || !pub->host_ip.empty() || pub->host_port != 0) {
              Error(*p, item_path + ".published", fmt::format("invalid published port '{}'", *v));
              return;
            }
            port.host_port = pub->container_port;
          }
        }
        if (const YamlNode* ip = item.Get("host_ip")) {
          port.host_ip = Text(*ip, item_path + ".host_ip").value_or("");
        }
        if (const YamlNode* proto = item.Get("protocol")) {
          if (auto v = Text(*proto, item_path + ".protocol"); v && !v->empty()) {
            port.protocol = Lower(*v);
          }
        }
        r.ports.push_back(std::move(port));
        return;
      }
      auto v = Text(item, item_path);
      if (!v || v->empty()) return;
      auto parsed = detail::ParseShortPort(*v);
      if (!parsed) {
        Error(item, item_path,
              fmt::format("invalid port '{}' (expected [[ip:]published:]target[/protocol])", *v));
        return;
      }
      port.container_port = parsed->container_port;
      port.host_port = parsed->host_port;
      port.host_ip = parsed->host_ip;
      port.protocol = parsed->protocol;
      r.ports.push_back(std::move(port));
    });
  }

  // command / entrypoint: a string split like a shell, or a list of words.
  void Words(const YamlNode& n, const std::string& path, std::vector<model::Located>& out) {
    if (n.IsNull()) return;
    if (n.IsScalar()) {
      auto words = detail::SplitCommand(n.scalar);
      if (!words) {
        Error(n, path, "unterminated quote");
        return;
      }
      for (auto& w : *words) out.push_back({std::move(w), At(n, path)});
      return;
    }
    reader_.Items(&n, path, [&](const YamlNode& item, const std::string& item_path) {
      if (item.IsNull()) {
        out.push_back({"", At(item, item_path)});
        return;
      }
      if (auto v = Text(item, item_path)) out.push_back({*v, At(item, item_path)});
    });
  }

  std::string file_;
  const ComposeOptions& options_;
  core::Diagnostics& diagnostics_;
  std::map<std::string, std::string> dotenv_;
  detail::VarLookup lookup_;
  std::set<std::string> warned_;
  std::size_t budget_used_ = 0;
  bool budget_exhausted_ = false;
  model::RunSet* set_ = nullptr;
  yaml::Reader reader_;  // reports into set_->errors
};

model::ParseError ToParseError(const core::Error& error) { return {error.where, error.message}; }

}  // namespace

bool IsComposeDocument(const yaml::YamlNode& doc) {
  if (!doc.IsMapping()) return false;
  const YamlNode* services = doc.Get("services");
  if (services == nullptr) return false;
  return services->IsMapping() || (services->IsNull() && doc.Get("version") != nullptr);
}

model::RunSet FromDocument(const yaml::YamlNode& doc, std::string_view file,
                           const ComposeOptions& options, core::Diagnostics& diagnostics) {
  model::RunSet set;
  set.file = std::string(file);
  Loader loader(file, options, diagnostics);
  loader.Load(doc, set);
  return set;
}

model::RunSet ParseCompose(std::string_view text, std::string_view file,
                           const ComposeOptions& options, core::Diagnostics& diagnostics) {
  model::RunSet set;
  set.file = std::string(file);
  // Compose files are small: a quarter of the default node budget keeps alias bombs cheap.
  yaml::StreamLimits limits;
  limits.max_nodes = std::size_t{1} << 20;
  yaml::YamlStream stream = yaml::ParseYamlStream(text, file, limits);
  if (stream.error) set.errors.push_back(ToParseError(*stream.error));
  Loader loader(file, options, diagnostics);
  bool first = true;
  bool noted = false;
  std::set<std::string> seen;
  for (const auto& doc : stream.documents) {
    if (doc.root.IsNull()) continue;
    model::RunSet part;
    part.file = set.file;
    loader.Load(doc.root, part);
    for (auto& e : part.errors) set.errors.push_back(std::move(e));
    if (!first && !noted) {
      noted = true;
      diagnostics.push_back(
          {core::DiagnosticLevel::kNote, core::FileOrigin(std::string(file), doc.line),
           "a compose file with several YAML documents: compose merges them; drydock reads "
           "each service from the first document that defines it"});
    }
    for (auto& run : part.runs) {
      if (seen.insert(run.name).second) set.runs.push_back(std::move(run));
    }
    first = false;
  }
  return set;
}

model::RunSet ParseComposeFile(const std::string& fs_path, std::string_view file,
                               ComposeOptions options, core::Diagnostics& diagnostics) {
  auto text = core::ReadBoundedFile(fs_path, yaml::StreamLimits{}.max_bytes);
  if (!text) {
    model::RunSet set;
    set.file = std::string(file);
    core::Error error = text.error();
    error.where = core::FileOrigin(std::string(file));
    set.errors.push_back(ToParseError(error));
    return set;
  }
  if (options.dotenv.empty()) {
    std::filesystem::path env = std::filesystem::path(fs_path).parent_path() / ".env";
    std::error_code ec;
    if (std::filesystem::is_regular_file(env, ec)) {
      auto dotenv = core::ReadBoundedFile(env.string(), kMaxDotenvBytes);
      if (dotenv) {
        options.dotenv = std::move(*dotenv);
      } else {
        diagnostics.push_back({core::DiagnosticLevel::kWarning,
                               core::FileOrigin(DotenvDisplayName(file)),
                               ".env not read: " + dotenv.error().message});
      }
    }
  }
  return ParseCompose(*text, file, options, diagnostics);
}

}  // namespace drydock::sources::compose
