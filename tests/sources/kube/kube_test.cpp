// SPDX-License-Identifier: Apache-2.0
// The Kubernetes adapter: pod-spec locations per kind, securityContext merging
// with origins, roles, volumes and mounts, env, resources, NetworkPolicies and
// shape errors.
#include "sources/kube/kube.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <string_view>

namespace drydock::sources::kube {
namespace {

using model::ContainerRole;
using model::MountType;
using model::ProfileType;

model::RunSet Parse(std::string_view text) { return ParseManifests(text, "t.yaml"); }

std::string Errors(const model::RunSet& set) {
  std::string out;
  for (const auto& e : set.errors) {
    out += e.where.file + ":" + std::to_string(e.where.line) + ":" +
           std::to_string(e.where.column) + " " + e.message + "\n";
  }
  return out;
}

const model::RunSpec* Find(const model::RunSet& set, std::string_view name) {
  for (const auto& r : set.runs) {
    if (r.name == name) return &r;
  }
  return nullptr;
}

constexpr std::string_view kDeployment = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  template:
    metadata:
      labels:
        app: api
        tier: web
    spec:
      securityContext:
        runAsUser: 1000
        runAsNonRoot: true
        fsGroup: 2000
        seccompProfile:
          type: RuntimeDefault
      containers:
      - name: app
        image: ghcr.io/shop/api:1.2
        imagePullPolicy: Always
        securityContext:
          runAsUser: 1001
          privileged: false
          allowPrivilegeEscalation: false
          readOnlyRootFilesystem: true
          capabilities:
            drop: [all]
            add: ["cap_net_bind_service"]
      - name: helper
        image: busybox
)";

TEST(Kube, DeploymentBecomesWorkloadAndRuns) {
  auto set = Parse(kDeployment);
  ASSERT_EQ(Errors(set), "");
  ASSERT_EQ(set.cluster.workloads.size(), 1u);
  const auto& w = set.cluster.workloads[0];
  EXPECT_EQ(w.kind, "Deployment");
  EXPECT_EQ(w.name, "api");
  EXPECT_EQ(w.namespace_, "shop");
  EXPECT_EQ(w.DisplayName(), "Deployment/shop/api");
  EXPECT_EQ(w.pod_labels.at("app"), "api");
  EXPECT_EQ(w.pod_labels.at("tier"), "web");
  EXPECT_EQ(w.origin.line, 4);  // metadata.name
  EXPECT_EQ(w.file, "t.yaml");

  ASSERT_EQ(set.runs.size(), 2u);
  const auto& app = set.runs[0];
  EXPECT_EQ(app.kind, model::RunKind::kKubernetes);
  EXPECT_EQ(app.name, "app");
  EXPECT_EQ(app.workload, "Deployment/shop/api");
  EXPECT_EQ(app.namespace_, "shop");
  EXPECT_EQ(app.workload_index, 0);
  EXPECT_EQ(app.role, ContainerRole::kContainer);
  EXPECT_EQ(app.origin.line, 20);
  EXPECT_EQ(app.origin.path, "Deployment/shop/api spec.template.spec.containers[0]");
  EXPECT_EQ(*app.image, "ghcr.io/shop/api:1.2");
  EXPECT_EQ(*app.image_pull_policy, "Always");

  // Container wins, with the container's origin.
  EXPECT_EQ(*app.run_as_user, 1001);
  EXPECT_EQ(app.run_as_user.origin.line, 24);
  EXPECT_EQ(app.run_as_user.origin.path,
            "Deployment/shop/api "
            "spec.template.spec.containers[0].securityContext.runAsUser");
  // Pod-level values inherited, with the pod-level path.
  EXPECT_TRUE(*app.run_as_non_root);
  EXPECT_EQ(app.run_as_non_root.origin.path,
            "Deployment/shop/api spec.template.spec.securityContext.runAsNonRoot");
  EXPECT_EQ(app.run_as_non_root.origin.line, 15);
  EXPECT_EQ(*app.fs_group, 2000);
  EXPECT_EQ(*app.seccomp, ProfileType::kRuntimeDefault);
  EXPECT_FALSE(*app.privileged);
  EXPECT_FALSE(*app.allow_privilege_escalation);
  EXPECT_TRUE(*app.read_only_root_fs);
  EXPECT_TRUE(app.capabilities_set.has());
  ASSERT_EQ(app.cap_drop.size(), 1u);
  EXPECT_EQ(app.cap_drop[0].value, "ALL");
  ASSERT_EQ(app.cap_add.size(), 1u);
  EXPECT_EQ(app.cap_add[0].value, "NET_BIND_SERVICE");
  EXPECT_EQ(app.cap_add[0].origin.line, 30);

  const auto& helper = set.runs[1];
  EXPECT_EQ(helper.name, "helper");
  EXPECT_EQ(*helper.run_as_user, 1000);
  EXPECT_EQ(helper.run_as_user.origin.path,
            "Deployment/shop/api spec.template.spec.securityContext.runAsUser");
  EXPECT_FALSE(helper.privileged.has());
  EXPECT_FALSE(helper.read_only_root_fs.has());
  EXPECT_FALSE(helper.capabilities_set.has());
  EXPECT_FALSE(helper.image_pull_policy.has());
}

struct KindCase {
  std::string_view kind;
  std::string_view api_version;
  std::string_view wrapper;  // YAML that wraps `POD` (the pod template body), indented
  std::string_view path;     // expected path of containers[0]
};

std::string Indent(std::string_view text, int by) {
  std::string out;
  std::string pad(static_cast<std::size_t>(by), ' ');
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    out += pad;
    out += text.substr(start, nl - start);
    out += '\n';
    start = nl + 1;
  }
  return out;
}

TEST(Kube, PodOriginAndVolumeTypes) {
  model::RunSet set = Parse(R"(apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  template:
    spec:
      containers:
        - name: a
          image: x:1
          volumeMounts: [{name: data, mountPath: /d}, {name: tmp, mountPath: /t}]
        - name: b
          image: x:1
      volumes:
        - name: tmp
        - name: host
          hostPath: {path: /etc}
  volumeClaimTemplates:
    - metadata: {name: data}
)");
  ASSERT_TRUE(set.errors.empty()) << set.errors.front().message;
  ASSERT_EQ(set.runs.size(), 2u);
  // Both containers share the pod's origin: pod-level findings are reported once.
  EXPECT_EQ(set.runs[0].pod_origin.line, 7);
  EXPECT_EQ(set.runs[0].pod_origin.line, set.runs[1].pod_origin.line);
  EXPECT_NE(set.runs[0].pod_origin.path.find("spec.template.spec"), std::string::npos);
  std::map<std::string, std::string> types;
  for (const auto& m : set.runs[0].mounts) types[m.volume_name] = m.volume_type;
  EXPECT_EQ(types["data"], "persistentVolumeClaim");
  EXPECT_EQ(types["tmp"], "emptyDir");  // no source: the API defaults it to emptyDir
  EXPECT_EQ(types["host"], "hostPath");
}

TEST(Kube, EveryKindHasItsPodSpecPath) {
  const std::string_view kPod =
      "metadata:\n  labels: {app: x}\nspec:\n  "
      "containers:\n  - name: c\n    image: nginx\n";
  const KindCase kCases[] = {
      {"Pod", "v1", "", "spec.containers[0]"},
      {"Deployment", "apps/v1", "spec:\n  template:\n", "spec.template.spec.containers[0]"},
      {"StatefulSet", "apps/v1", "spec:\n  template:\n", "spec.template.spec.containers[0]"},
      {"DaemonSet", "apps/v1", "spec:\n  template:\n", "spec.template.spec.containers[0]"},
      {"ReplicaSet", "apps/v1", "spec:\n  template:\n", "spec.template.spec.containers[0]"},
      {"Deployment", "extensions/v1beta1", "spec:\n  template:\n",
       "spec.template.spec.containers[0]"},
      {"ReplicationController", "v1", "spec:\n  template:\n", "spec.template.spec.containers[0]"},
      {"Job", "batch/v1", "spec:\n  template:\n", "spec.template.spec.containers[0]"},
      {"CronJob", "batch/v1", "spec:\n  jobTemplate:\n    spec:\n      template:\n",
       "spec.jobTemplate.spec.template.spec.containers[0]"},
      {"PodTemplate", "v1", "template:\n", "template.spec.containers[0]"},
  };
  for (const auto& c : kCases) {
    int depth = 0;
    for (char ch : c.wrapper) depth += ch == '\n';
    std::string head = "apiVersion: " + std::string(c.api_version) +
                       "\nkind: " + std::string(c.kind) + "\nmetadata:\n  name: w\n";
    // A Pod is its own template: its labels sit beside its name.
    std::string text = c.wrapper.empty()
                           ? head +
                                 "  labels: {app: x}\nspec:\n  containers:\n  - name: c\n"
                                 "    image: nginx\n"
                           : head + std::string(c.wrapper) + Indent(kPod, depth * 2);
    auto set = Parse(text);
    EXPECT_EQ(Errors(set), "") << c.kind;
    ASSERT_EQ(set.runs.size(), 1u) << c.kind << "\n" << text;
    ASSERT_EQ(set.cluster.workloads.size(), 1u) << c.kind;
    EXPECT_EQ(set.cluster.workloads[0].kind, c.kind);
    EXPECT_EQ(set.cluster.workloads[0].pod_labels.at("app"), "x") << c.kind;
    EXPECT_EQ(set.runs[0].origin.path, std::string(c.kind) + "/w " + std::string(c.path));
    EXPECT_EQ(*set.runs[0].image, "nginx");
    EXPECT_EQ(set.runs[0].image.origin.path,
              std::string(c.kind) + "/w " + std::string(c.path) + ".image");
  }
}

TEST(Kube, OtherKindsAndNonObjectsAreSkippedQuietly) {
  const std::string_view kTexts[] = {
      "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: "
      "[{port: 80}]\n",
      "apiVersion: v1\nkind: ConfigMap\ndata: {a: b}\n",
      "kind: Deployment\nspec:\n  template:\n    spec:\n      containers: "
      "[{name: a}]\n",
      "apiVersion: apps/v1\nspec: {}\n",
      "- a\n- b\n",
      "just a string\n",
      "",
      // A CRD that reuses a workload kind name in another group.
      "apiVersion: batch.volcano.sh/v1alpha1\nkind: Job\nmetadata: {name: "
      "j}\nspec:\n"
      "  tasks: [{template: {spec: {containers: [{name: a}]}}}]\n",
      "apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: "
      "p}\nspec: {}\n",
      "apiVersion: [v1]\nkind: Pod\nspec:\n  containers: [{name: a}]\n",
  };
  for (auto text : kTexts) {
    auto set = Parse(text);
    EXPECT_EQ(Errors(set), "") << text;
    EXPECT_TRUE(set.runs.empty()) << text;
    EXPECT_TRUE(set.cluster.empty()) << text;
  }
}

TEST(Kube, IsKubernetesObject) {
  auto doc = yaml::ParseYaml("apiVersion: v1\nkind: Pod\n", "x");
  ASSERT_TRUE(doc);
  EXPECT_TRUE(IsKubernetesObject(*doc));
  auto no_api = yaml::ParseYaml("kind: Pod\n", "x");
  ASSERT_TRUE(no_api);
  EXPECT_FALSE(IsKubernetesObject(*no_api));
  auto null_kind = yaml::ParseYaml("apiVersion: v1\nkind:\n", "x");
  ASSERT_TRUE(null_kind);
  EXPECT_FALSE(IsKubernetesObject(*null_kind));
  auto seq = yaml::ParseYaml("- apiVersion: v1\n", "x");
  ASSERT_TRUE(seq);
  EXPECT_FALSE(IsKubernetesObject(*seq));
}

TEST(Kube, ListItemsAreReadRecursively) {
  auto set = Parse(R"(apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Pod
  metadata: {name: one}
  spec:
    containers: [{name: a, image: nginx}]
- apiVersion: v1
  kind: Service
  metadata: {name: svc}
- apiVersion: apps/v1
  kind: DeploymentList
  items:
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: two, namespace: ns}
    spec:
      template:
        spec:
          containers: [{name: b, image: redis}]
- apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: {name: deny}
  spec:
    podSelector: {}
)");
  ASSERT_EQ(Errors(set), "");
  ASSERT_EQ(set.cluster.workloads.size(), 2u);
  EXPECT_EQ(set.cluster.workloads[0].DisplayName(), "Pod/one");
  EXPECT_EQ(set.cluster.workloads[1].DisplayName(), "Deployment/ns/two");
  ASSERT_EQ(set.runs.size(), 2u);
  EXPECT_EQ(set.runs[0].origin.path, "Pod/one items[0].spec.containers[0]");
  EXPECT_EQ(set.runs[1].origin.path,
            "Deployment/ns/two items[2].items[0].spec.template.spec.containers[0]");
  EXPECT_EQ(set.runs[1].workload_index, 1);
  ASSERT_EQ(set.cluster.policies.size(), 1u);
  EXPECT_TRUE(set.cluster.policies[0].DefaultDenyIngress());
}

TEST(Kube, DeeplyNestedListsAreBounded) {
  std::string text;
  std::string pad;
  for (int i = 0; i < 12; ++i) {
    text += pad + (i == 0 ? "" : "- ") + "apiVersion: v1\n";
    if (i > 0) pad += "  ";
    text += pad + "kind: List\n" + pad + "items:\n";
  }
  text += pad + "- apiVersion: v1\n" + pad + "  kind: Pod\n" + pad +
          "  spec: {containers: [{name: deep}]}\n";
  auto set = Parse(text);
  EXPECT_TRUE(set.runs.empty());
  ASSERT_EQ(set.errors.size(), 1u) << Errors(set);
  EXPECT_NE(set.errors[0].message.find("nested"), std::string::npos);
}

TEST(Kube, InitSidecarAndEphemeralRoles) {
  auto set = Parse(R"(apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - {name: main, image: app}
  initContainers:
  - {name: migrate, image: app}
  - {name: proxy, image: envoy, restartPolicy: Always}
  ephemeralContainers:
  - {name: debug, image: busybox, targetContainerName: main}
)");
  ASSERT_EQ(Errors(set), "");
  ASSERT_EQ(set.runs.size(), 4u);
  EXPECT_EQ(Find(set, "main")->role, ContainerRole::kContainer);
  EXPECT_EQ(Find(set, "migrate")->role, ContainerRole::kInit);
  EXPECT_EQ(Find(set, "migrate")->origin.path, "Pod/p spec.initContainers[0]");
  EXPECT_EQ(Find(set, "proxy")->role, ContainerRole::kSidecar);
  EXPECT_EQ(Find(set, "proxy")->origin.path, "Pod/p spec.initContainers[1]");
  EXPECT_EQ(Find(set, "debug")->role, ContainerRole::kEphemeral);
  EXPECT_EQ(Find(set, "debug")->origin.path, "Pod/p spec.ephemeralContainers[0]");
}

TEST(Kube, CronJobInitContainerPathsAreReal) {
  auto set = Parse(R"(apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 0 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers:
          - {name: a, image: x}
          - name: b
            image: y
            securityContext: {privileged: true}
          containers: [{name: c, image: z}]
)");
  ASSERT_EQ(Errors(set), "");
  const auto* b = Find(set, "b");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->origin.path,
            "CronJob/nightly spec.jobTemplate.spec.template.spec.initContainers[1]");
  EXPECT_EQ(b->privileged.origin.path,
            "CronJob/nightly spec.jobTemplate.spec.template.spec.initContainers[1]"
            ".securityContext.privileged");
  EXPECT_EQ(b->privileged.origin.line, 14);
}

TEST(Kube, SecurityContextMergeLikeTheKubelet) {
  auto set = Parse(R"(apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: unconfined
    container.seccomp.security.alpha.kubernetes.io/annotated: localhost/prof.json
    container.apparmor.security.beta.kubernetes.io/annotated: runtime/default
    container.apparmor.security.beta.kubernetes.io/fielded: unconfined
spec:
  hostNetwork: true
  hostPID: false
  hostIPC: true
  hostUsers: false
  shareProcessNamespace: true
  automountServiceAccountToken: false
  serviceAccount: old
  serviceAccountName: new
  os: {name: windows}
  securityContext:
    runAsUser: 1000
    runAsGroup: 3000
    runAsNonRoot: true
    supplementalGroups: [4000, 5000]
    sysctls:
    - {name: net.ipv4.tcp_syncookies, value: "1"}
    seLinuxOptions: {type: spc_t, user: u, role: r}
    appArmorProfile: {type: Localhost, localhostProfile: k8s-apparmor}
    windowsOptions: {hostProcess: true}
  containers:
  - name: plain
    image: a
  - name: annotated
    image: b
  - name: fielded
    image: c
    securityContext:
      runAsNonRoot: false
      procMount: Unmasked
      seccompProfile: {type: Localhost, localhostProfile: ctr.json}
      appArmorProfile: {type: RuntimeDefault}
      seLinuxOptions: {level: "s0:c1"}
      windowsOptions: {hostProcess: false}
)");
  ASSERT_EQ(Errors(set), "");
  const auto* plain = Find(set, "plain");
  const auto* annotated = Find(set, "annotated");
  const auto* fielded = Find(set, "fielded");
  ASSERT_TRUE(plain && annotated && fielded);

  for (const auto* r : {plain, annotated, fielded}) {
    EXPECT_TRUE(*r->host_network);
    EXPECT_FALSE(*r->host_pid);
    EXPECT_TRUE(*r->host_ipc);
    EXPECT_FALSE(*r->host_users);
    EXPECT_TRUE(*r->share_process_namespace);
    EXPECT_FALSE(*r->automount_sa_token);
    EXPECT_EQ(*r->service_account, "new");
    EXPECT_TRUE(*r->windows_pod);
    EXPECT_EQ(*r->run_as_group, 3000);
    ASSERT_EQ(r->supplemental_groups.size(), 2u);
    EXPECT_EQ(r->supplemental_groups[1].first, 5000);
    ASSERT_EQ(r->sysctls.size(), 1u);
    EXPECT_EQ(r->sysctls[0].name, "net.ipv4.tcp_syncookies");
    EXPECT_EQ(r->sysctls[0].value, "1");
    EXPECT_EQ(r->annotations.size(), 4u);
  }
  // Pod annotation only: Unconfined from the annotation.
  EXPECT_EQ(*plain->seccomp, ProfileType::kUnconfined);
  EXPECT_EQ(plain->seccomp.origin.line, 6);
  EXPECT_EQ(*plain->apparmor, ProfileType::kLocalhost);
  EXPECT_EQ(plain->apparmor.origin.path, "Pod/p spec.securityContext.appArmorProfile.type");
  EXPECT_EQ(*plain->selinux_type, "spc_t");
  EXPECT_EQ(*plain->selinux_user, "u");
  EXPECT_TRUE(*plain->windows_host_process);
  EXPECT_TRUE(*plain->run_as_non_root);
  // Container annotations beat pod-level values.
  EXPECT_EQ(*annotated->seccomp, ProfileType::kLocalhost);
  EXPECT_EQ(*annotated->seccomp_localhost_profile, "prof.json");
  EXPECT_EQ(annotated->seccomp.origin.line, 7);
  EXPECT_EQ(*annotated->apparmor, ProfileType::kRuntimeDefault);
  EXPECT_EQ(annotated->apparmor.origin.line, 8);
  // Container fields beat everything; seLinuxOptions is replaced as a whole.
  EXPECT_FALSE(*fielded->run_as_non_root);
  EXPECT_EQ(*fielded->proc_mount, "Unmasked");
  EXPECT_EQ(*fielded->seccomp, ProfileType::kLocalhost);
  EXPECT_EQ(*fielded->seccomp_localhost_profile, "ctr.json");
  EXPECT_EQ(*fielded->apparmor, ProfileType::kRuntimeDefault);
  EXPECT_EQ(fielded->apparmor.origin.path,
            "Pod/p spec.containers[2].securityContext.appArmorProfile.type");
  EXPECT_FALSE(fielded->selinux_type.has());
  EXPECT_FALSE(fielded->selinux_user.has());
  EXPECT_FALSE(*fielded->windows_host_process);
  EXPECT_FALSE(plain->proc_mount.has());
}

TEST(Kube, VolumesBecomeMountsOfEveryContainer) {
  auto set = Parse(R"(apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  volumes:
  - name: sock
    hostPath: {path: /var/run/docker.sock, type: Socket}
  - name: scratch
    emptyDir: {}
  - name: shm
    emptyDir: {medium: Memory, sizeLimit: 64Mi}
  - name: creds
    secret: {secretName: db-creds}
  - name: cfg
    configMap: {name: app-config}
  - name: info
    downwardAPI: {items: []}
  - name: token
    projected:
      sources:
      - serviceAccountToken: {path: token}
      - secret: {name: s}
  - name: plain-projected
    projected:
      sources:
      - configMap: {name: c}
  - name: data
    persistentVolumeClaim: {claimName: pvc-1}
  - name: nfs
    nfs: {server: x, path: /}
  - name: defaulted
  containers:
  - name: a
    image: x
    volumeMounts:
    - {name: sock, mountPath: /var/run/docker.sock}
    - {name: cfg, mountPath: /etc/app, readOnly: true}
    - {name: cfg, mountPath: /etc/app2}
  - name: b
    image: y
)");
  ASSERT_EQ(Errors(set), "");
  const auto* a = Find(set, "a");
  const auto* b = Find(set, "b");
  ASSERT_TRUE(a && b);
  ASSERT_EQ(a->mounts.size(), 12u);  // 11 volumes, cfg mounted twice
  ASSERT_EQ(b->mounts.size(), 11u);
  EXPECT_EQ(a->mounts[0].type, MountType::kBind);
  EXPECT_EQ(a->mounts[0].source, "/var/run/docker.sock");
  EXPECT_EQ(a->mounts[0].target, "/var/run/docker.sock");
  EXPECT_EQ(a->mounts[0].volume_name, "sock");
  EXPECT_EQ(a->mounts[0].origin.path, "Pod/p spec.containers[0].volumeMounts[0]");
  EXPECT_EQ(a->mounts[1].type, MountType::kEmptyDir);
  EXPECT_EQ(a->mounts[1].target, "");
  EXPECT_EQ(a->mounts[1].origin.path, "Pod/p spec.volumes[1]");
  EXPECT_EQ(a->mounts[2].type, MountType::kEmptyDirMemory);
  EXPECT_EQ(a->mounts[3].type, MountType::kSecret);
  EXPECT_EQ(a->mounts[3].source, "db-creds");
  EXPECT_EQ(a->mounts[4].type, MountType::kConfigMap);
  EXPECT_EQ(a->mounts[4].target, "/etc/app");
  EXPECT_TRUE(a->mounts[4].read_only);
  EXPECT_EQ(a->mounts[5].type, MountType::kConfigMap);
  EXPECT_EQ(a->mounts[5].target, "/etc/app2");
  EXPECT_FALSE(a->mounts[5].read_only);
  EXPECT_EQ(a->mounts[6].type, MountType::kConfigMap);  // downwardAPI
  EXPECT_EQ(a->mounts[7].type, MountType::kSecret);     // projected with a secret
  EXPECT_EQ(a->mounts[8].type, MountType::kConfigMap);  // projected without
  EXPECT_EQ(a->mounts[9].type, MountType::kVolume);
  EXPECT_EQ(a->mounts[9].source, "pvc-1");
  EXPECT_EQ(a->mounts[10].type, MountType::kVolume);
  EXPECT_EQ(a->mounts[11].type, MountType::kEmptyDir);  // no source = emptyDir

  EXPECT_EQ(b->mounts[0].type, MountType::kBind);
  EXPECT_EQ(b->mounts[0].target, "");
  EXPECT_EQ(b->mounts[0].source, "/var/run/docker.sock");
}

TEST(Kube, MountOfAnUndefinedVolumeIsAnError) {
  auto set = Parse(R"(apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: a
    volumeMounts:
    - name: ghost
      mountPath: /x
)");
  ASSERT_EQ(set.errors.size(), 1u) << Errors(set);
  EXPECT_EQ(set.errors[0].where.line, 8);
  EXPECT_EQ(set.errors[0].where.column, 13);
  EXPECT_NE(set.errors[0].message.find("spec.containers[0].volumeMounts[0].name: volume \"ghost\""),
            std::string::npos)
      << set.errors[0].message;
  EXPECT_EQ(set.runs.size(), 1u);  // the container still loads
}

TEST(Kube, EnvEnvFromCommandArgsPorts) {
  auto set = Parse(R"(apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: a
    image: x
    command: ["/bin/sh", "-c"]
    args: [run, 8080, ~]
    env:
    - {name: PLAIN, value: hello}
    - {name: NUM, value: 8080}
    - {name: EMPTY}
    - name: PASSWORD
      valueFrom: {secretKeyRef: {name: db, key: password}}
    - name: CFG
      valueFrom: {configMapKeyRef: {name: c, key: k}}
    - name: NODE
      valueFrom: {fieldRef: {fieldPath: spec.nodeName}}
    - name: LIMIT
      valueFrom: {resourceFieldRef: {resource: limits.memory}}
    envFrom:
    - secretRef: {name: all-secrets}
    - configMapRef: {name: all-config}
    ports:
    - {containerPort: 8080, hostPort: 80, protocol: UDP, hostIP: 127.0.0.1}
    - containerPort: 9090
)");
  ASSERT_EQ(Errors(set), "");
  const auto& r = set.runs.at(0);
  ASSERT_EQ(r.command.size(), 2u);
  EXPECT_EQ(r.command[1].value, "-c");
  ASSERT_EQ(r.args.size(), 3u);
  EXPECT_EQ(r.args[1].value, "8080");
  EXPECT_EQ(r.args[2].value, "");
  ASSERT_EQ(r.env.size(), 7u);
  EXPECT_EQ(r.env[0].value, "hello");
  EXPECT_EQ(r.env[0].source, model::EnvSource::kLiteral);
  EXPECT_EQ(r.env[0].origin.line, 11);
  EXPECT_EQ(r.env[1].value, "8080");
  EXPECT_EQ(r.env[2].value, "");
  EXPECT_EQ(r.env[2].source, model::EnvSource::kLiteral);
  EXPECT_EQ(r.env[3].source, model::EnvSource::kSecretRef);
  EXPECT_EQ(r.env[3].value, "");
  EXPECT_EQ(r.env[4].source, model::EnvSource::kConfigMapRef);
  EXPECT_EQ(r.env[5].source, model::EnvSource::kFieldRef);
  EXPECT_EQ(r.env[6].source, model::EnvSource::kFieldRef);
  ASSERT_EQ(r.env_from.size(), 2u);
  EXPECT_EQ(r.env_from[0].kind, model::EnvFrom::Kind::kSecret);
  EXPECT_EQ(r.env_from[0].name, "all-secrets");
  EXPECT_EQ(r.env_from[1].kind, model::EnvFrom::Kind::kConfigMap);
  ASSERT_EQ(r.ports.size(), 2u);
  EXPECT_EQ(r.ports[0].container_port, 8080);
  EXPECT_EQ(r.ports[0].host_port, 80);
  EXPECT_EQ(r.ports[0].protocol, "udp");
  EXPECT_EQ(r.ports[0].host_ip, "127.0.0.1");
  EXPECT_EQ(r.ports[1].host_port, 0);
  EXPECT_EQ(r.ports[1].protocol, "tcp");
}

TEST(Kube, ResourcesAreParsedQuantities) {
  auto set = Parse(R"(apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: a
    resources:
      limits: {cpu: "1.5", memory: 512Mi, ephemeral-storage: 1Gi}
      requests: {cpu: 250m, memory: 1e3}
  - name: b
    resources:
      limits: {cpu: 2, memory: "1.5"}
)");
  ASSERT_EQ(Errors(set), "");
  const auto* a = Find(set, "a");
  ASSERT_NE(a, nullptr);
  EXPECT_DOUBLE_EQ(*a->cpu_limit, 1.5);
  EXPECT_EQ(*a->memory_limit, 512 * 1024 * 1024);
  EXPECT_EQ(a->memory_limit.origin.path, "Pod/p spec.containers[0].resources.limits.memory");
  EXPECT_DOUBLE_EQ(*a->cpu_request, 0.25);
  EXPECT_EQ(*a->memory_request, 1000);
  const auto* b = Find(set, "b");
  ASSERT_NE(b, nullptr);
  EXPECT_DOUBLE_EQ(*b->cpu_limit, 2.0);
  EXPECT_EQ(*b->memory_limit, 2);  // rounded up to whole bytes
  EXPECT_FALSE(b->memory_request.has());
}

TEST(Kube, MalformedQuantityIsAnErrorAtItsNode) {
  auto set = Parse(R"(apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: a
    resources:
      limits:
        memory: 12XB
        cpu: -1
      requests: {memory: 64Mi}
)");
  ASSERT_EQ(set.errors.size(), 2u) << Errors(set);
  EXPECT_EQ(set.errors[0].where.line, 9);
  EXPECT_EQ(set.errors[0].where.column, 17);
  EXPECT_EQ(set.errors[0].message,
            "spec.containers[0].resources.limits.memory: invalid quantity \"12XB\"");
  EXPECT_EQ(set.errors[1].where.line, 10);
  const auto& r = set.runs.at(0);
  EXPECT_FALSE(r.memory_limit.has());
  EXPECT_FALSE(r.cpu_limit.has());
  EXPECT_EQ(*r.memory_request, 64 * 1024 * 1024);
}

TEST(Kube, ShapeErrorsCarryPathAndPosition) {
  auto set = Parse(R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      hostNetwork: "true"
      containers:
      - name: a
        securityContext:
          runAsUser: abc
          privileged: "true"
          readOnlyRootFilesystem: yes
          capabilities: {add: NET_ADMIN}
      - name: b
        securityContext: restricted
      - just-a-string
      initContainers: {name: x}
)");
  std::string all = Errors(set);
  EXPECT_NE(all.find("t.yaml:7:21 spec.template.spec.hostNetwork: expected a boolean, got "
                     "string \"true\""),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("t.yaml:11:22 "
                     "spec.template.spec.containers[0].securityContext.runAsUser: "
                     "expected an integer, got \"abc\""),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("t.yaml:12:24 "
                     "spec.template.spec.containers[0].securityContext.privileged: "
                     "expected a boolean, got string \"true\""),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("t.yaml:14:31 "
                     "spec.template.spec.containers[0].securityContext.capabilities"
                     ".add: expected a list"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("t.yaml:16:26 spec.template.spec.containers[1].securityContext: "
                     "expected a "
                     "mapping, got \"restricted\""),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("t.yaml:17:9 spec.template.spec.containers[2]: expected a "
                     "container mapping"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("t.yaml:18:23 spec.template.spec.initContainers: expected a list"),
            std::string::npos)
      << all;
  EXPECT_EQ(set.errors.size(), 7u) << all;
  // The rest still loads: two containers, YAML 1.1 `yes` is a boolean for
  // kubectl.
  ASSERT_EQ(set.runs.size(), 2u);
  EXPECT_TRUE(*set.runs[0].read_only_root_fs);
  EXPECT_FALSE(set.runs[0].run_as_user.has());
  EXPECT_FALSE(set.runs[0].host_network.has());
  EXPECT_EQ(set.errors[0].where.path, "Deployment/d spec.template.spec.hostNetwork");
}

TEST(Kube, ContainersNotAListAndQuotedIntegers) {
  auto set = Parse(R"(apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: {runAsUser: "1000", fsGroup: -1}
  containers: nginx
)");
  ASSERT_EQ(set.errors.size(), 3u) << Errors(set);
  EXPECT_EQ(set.errors[0].message,
            "spec.securityContext.runAsUser: expected "
            "an integer, got string \"1000\"");
  EXPECT_EQ(set.errors[1].message,
            "spec.securityContext.fsGroup: -1 is out of range [0, 2147483647]");
  EXPECT_EQ(set.errors[2].message, "spec.containers: expected a list, got \"nginx\"");
  EXPECT_EQ(set.errors[2].where.line, 6);
  EXPECT_TRUE(set.runs.empty());
  EXPECT_EQ(set.cluster.workloads.size(), 1u);
}

TEST(Kube, NetworkPolicyDefaulting) {
  struct Case {
    std::string_view spec;
    bool ingress, egress;
    std::size_t in_rules, eg_rules;
    bool all_in, all_eg;
    bool deny_in, deny_eg;
  };
  const Case kCases[] = {
      // Default deny ingress: no policyTypes, no rules.
      {"podSelector: {}", true, false, 0, 0, false, false, true, false},
      // No policyTypes but egress rules → both.
      {"podSelector: {}\n  egress: [{to: [{ipBlock: {cidr: 10.0.0.0/8}}]}]", true, true, 0, 1,
       false, false, true, false},
      // Empty egress list does not add Egress.
      {"podSelector: {}\n  egress: []", true, false, 0, 0, false, false, true, false},
      // Explicit deny-all both ways.
      {"podSelector: {}\n  policyTypes: [Ingress, Egress]", true, true, 0, 0, false, false, true,
       true},
      // Egress only, with a selector: not a namespace default deny.
      {"podSelector: {matchLabels: {app: db}}\n  policyTypes: [Egress]", false, true, 0, 0, false,
       false, false, false},
      // Allow-all rule.
      {"podSelector: {}\n  ingress: [{}]", true, false, 1, 0, true, false, false, false},
      // Ports only is not allow-all.
      {"podSelector: {}\n  ingress: [{ports: [{port: 80}]}]\n  egress: [{}]", true, true, 1, 1,
       false, true, false, false},
  };
  for (const auto& c : kCases) {
    std::string text =
        "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n"
        "  name: np\n  namespace: prod\nspec:\n  " +
        std::string(c.spec) + "\n";
    auto set = Parse(text);
    ASSERT_EQ(Errors(set), "") << text;
    ASSERT_EQ(set.cluster.policies.size(), 1u) << text;
    const auto& p = set.cluster.policies[0];
    EXPECT_EQ(p.name, "np");
    EXPECT_EQ(p.namespace_, "prod");
    EXPECT_EQ(p.ingress, c.ingress) << text;
    EXPECT_EQ(p.egress, c.egress) << text;
    EXPECT_EQ(p.ingress_rules, c.in_rules) << text;
    EXPECT_EQ(p.egress_rules, c.eg_rules) << text;
    EXPECT_EQ(p.allows_all_ingress, c.all_in) << text;
    EXPECT_EQ(p.allows_all_egress, c.all_eg) << text;
    EXPECT_EQ(p.DefaultDenyIngress(), c.deny_in) << text;
    EXPECT_EQ(p.DefaultDenyEgress(), c.deny_eg) << text;
    EXPECT_EQ(p.origin.line, 4);
  }
}

TEST(Kube, NetworkPolicySelector) {
  auto set = Parse(R"(apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: np}
spec:
  podSelector:
    matchLabels: {app: web}
    matchExpressions:
    - {key: tier, operator: In, values: [front, edge]}
    - {key: canary, operator: DoesNotExist}
  policyTypes: [Ingress, Sideways]
)");
  ASSERT_EQ(set.errors.size(), 1u) << Errors(set);
  EXPECT_EQ(set.errors[0].message,
            "spec.policyTypes[1]: expected Ingress or Egress, got \"Sideways\"");
  ASSERT_EQ(set.cluster.policies.size(), 1u);
  const auto& sel = set.cluster.policies[0].pod_selector;
  EXPECT_EQ(sel.match_labels.at("app"), "web");
  ASSERT_EQ(sel.match_expressions.size(), 2u);
  EXPECT_EQ(sel.match_expressions[0].values.size(), 2u);
  EXPECT_TRUE(sel.Matches({{"app", "web"}, {"tier", "edge"}}));
  EXPECT_FALSE(sel.Matches({{"app", "web"}, {"tier", "edge"}, {"canary", "1"}}));
  EXPECT_FALSE(sel.Matches({{"app", "web"}}));
}

TEST(Kube, JsonManifestsLoad) {
  auto set = Parse(R"({
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": {"name": "j"},
  "spec": {"hostPID": true, "containers": [{"name": "a", "image": "x",
    "securityContext": {"runAsUser": 0}}]}
})");
  ASSERT_EQ(Errors(set), "");
  ASSERT_EQ(set.runs.size(), 1u);
  EXPECT_EQ(*set.runs[0].run_as_user, 0);
  EXPECT_TRUE(*set.runs[0].host_pid);
}

TEST(Kube, YamlErrorIsAParseErrorWithPosition) {
  auto set = Parse("apiVersion: v1\nkind: Pod\nspec: [unclosed\n");
  ASSERT_EQ(set.errors.size(), 1u);
  EXPECT_EQ(set.errors[0].where.file, "t.yaml");
  EXPECT_GT(set.errors[0].where.line, 0);
  EXPECT_FALSE(set.errors[0].message.empty());
}

TEST(Kube, MultiDocumentStream) {
  auto set = Parse(R"(apiVersion: v1
kind: ConfigMap
metadata: {name: c}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers: [{name: a, image: x}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: b, image: y}]
)");
  ASSERT_EQ(Errors(set), "");
  ASSERT_EQ(set.cluster.workloads.size(), 2u);
  ASSERT_EQ(set.runs.size(), 2u);
  EXPECT_EQ(set.runs[1].workload_index, 1);
  EXPECT_EQ(set.runs[1].origin.line, 22);
  EXPECT_EQ(set.cluster.policies.size(), 1u);
}

TEST(Kube, ParseManifestFileReadsAndReportsMissingFiles) {
  auto missing = ParseManifestFile("/nonexistent/dir/x.yaml", "x.yaml");
  ASSERT_EQ(missing.errors.size(), 1u);
  EXPECT_EQ(missing.errors[0].where.file, "x.yaml");
  EXPECT_EQ(missing.file, "x.yaml");
}

TEST(Kube, HostileShapesDoNotCrash) {
  const std::string_view kTexts[] = {
      "apiVersion: v1\nkind: Pod\nspec: 5\n",
      "apiVersion: v1\nkind: Pod\nmetadata: [1]\nspec: {containers: [~, 1, [], "
      "{}]}\n",
      "apiVersion: v1\nkind: List\nitems: {a: b}\n",
      "apiVersion: v1\nkind: List\nitems: [1, [2], {kind: Pod}, {apiVersion: "
      "v1, kind: Pod, spec: 1}]\n",
      "apiVersion: apps/v1\nkind: Deployment\nspec: {template: [1]}\n",
      "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nspec: {ingress: "
      "3, egress: [1],"
      " policyTypes: {a: 1}, podSelector: {matchExpressions: [1, {values: "
      "3}]}}\n",
      "apiVersion: v1\nkind: Pod\nspec: {volumes: [1, {}, {name: [x]}, {name: "
      "a, hostPath: 3}],"
      " containers: [{volumeMounts: [1, {}], env: [1, {}], ports: [1, "
      "{containerPort: 99999}],"
      " resources: {limits: [1]}, envFrom: [{secretRef: 1}]}]}\n",
  };
  for (auto text : kTexts) {
    auto set = Parse(text);
    EXPECT_FALSE(set.errors.empty()) << text;
    for (const auto& e : set.errors) EXPECT_GT(e.where.line, 0) << text << e.message;
  }
}

TEST(Kube, ContainersTimesVolumesAreBounded) {
  std::string text = "apiVersion: v1\nkind: Pod\nmetadata: {name: big}\nspec:\n  volumes:\n";
  for (int i = 0; i < 600; ++i) text += "  - {name: v" + std::to_string(i) + "}\n";
  text += "  containers:\n";
  for (int i = 0; i < 600; ++i) {
    text += "  - {name: c" + std::to_string(i) + ", volumeMounts: [{name: v" + std::to_string(i) +
            ", mountPath: /m}]}\n";
  }
  auto set = Parse(text);
  ASSERT_EQ(set.errors.size(), 1u) << Errors(set);
  EXPECT_NE(set.errors[0].message.find("too many containers"), std::string::npos);
  EXPECT_EQ(set.runs.size(), 436u);  // 2^18 / 601
  EXPECT_EQ(set.runs[5].mounts.size(), 600u);
  EXPECT_EQ(set.runs[5].mounts[5].target, "/m");
  EXPECT_EQ(set.runs[5].mounts[4].target, "");
}

}  // namespace
}  // namespace drydock::sources::kube
