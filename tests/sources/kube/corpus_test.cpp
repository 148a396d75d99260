// SPDX-License-Identifier: Apache-2.0
// Every manifest of the shared corpus (../shared/corpus/k8s) loads without a
// ParseError, except the few the API server would refuse too (kInvalid below,
// with reasons; the list must match exactly). Totals of workloads, containers
// and policies are printed and bounded.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "sources/kube/kube.h"

namespace drydock::sources::kube {
namespace {

namespace fs = std::filesystem;

fs::path CorpusDir() {
  const char* env = std::getenv("DRYDOCK_CORPUS");
  return fs::path(env ? env : DRYDOCK_CORPUS) / "k8s";
}

// Files that are not valid as they stand, relative to the corpus k8s/
// directory. A duplicate key is refused by kubectl (strict field validation,
// the default since 1.25: "duplicate field").
const std::map<std::string, std::string> kInvalid = {
    {"kubernetes__examples/_archived__openshift-origin__etcd-controller.yaml",
     "duplicate key `selector` in a ReplicationController spec"},
    {"kubernetes__examples/"
     "_archived__openshift-origin__etcd-discovery-controller.yaml",
     "duplicate key `selector` in a ReplicationController spec"},
    {"kubernetes__examples/"
     "_archived__openshift-origin__openshift-controller.yaml",
     "duplicate key `selector` in a ReplicationController spec"},
    {"kubernetes__examples/_archived__persistent-volume-provisioning__quobyte__"
     "quobyte-admin-secret.yaml",
     "duplicate top-level key `type` in a Secret"},
    {"kubernetes__examples/_archived__volumes__scaleio__sc-pvc.yaml",
     "duplicate key `storageClassName` in a PersistentVolumeClaim spec"},
};

TEST(KubeCorpus, EveryManifestLoads) {
  fs::path dir = CorpusDir();
  if (!fs::is_directory(dir)) GTEST_SKIP() << "corpus not found at " << dir;
  std::size_t files = 0, workloads = 0, containers = 0, policies = 0, invalid_seen = 0;
  std::map<std::string, std::size_t> kinds;
  std::string failures;
  std::size_t argo_deployments = 0, argo_statefulsets = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file() || e.path().filename() == "SOURCES.md") continue;
    ++files;
    std::string rel = fs::relative(e.path(), dir).string();
    model::RunSet set = ParseManifestFile(e.path().string(), rel);
    workloads += set.cluster.workloads.size();
    containers += set.runs.size();
    policies += set.cluster.policies.size();
    for (const auto& w : set.cluster.workloads) ++kinds[w.kind];
    for (const auto& r : set.runs) {
      EXPECT_GE(r.workload_index, 0) << rel;
      EXPECT_LT(r.workload_index, static_cast<int>(set.cluster.workloads.size())) << rel;
      EXPECT_GT(r.origin.line, 0) << rel;
    }
    if (rel == "argoproj__argo-cd/manifests__install.yaml") {
      for (const auto& w : set.cluster.workloads) {
        argo_deployments += w.kind == "Deployment";
        argo_statefulsets += w.kind == "StatefulSet";
      }
    }
    if (kInvalid.count(rel)) {
      EXPECT_FALSE(set.errors.empty()) << rel << " is listed as invalid but loads";
      ++invalid_seen;
      continue;
    }
    for (const auto& err : set.errors) {
      failures += rel + ":" + std::to_string(err.where.line) + ":" +
                  std::to_string(err.where.column) + ": " + err.message + "\n";
    }
  }
  std::string kind_list;
  for (const auto& [k, n] : kinds) kind_list += " " + k + "=" + std::to_string(n);
  std::printf(
      "k8s corpus: %zu files, %zu workloads (%s ), %zu containers, %zu "
      "policies\n",
      files, workloads, kind_list.c_str(), containers, policies);
  EXPECT_TRUE(failures.empty()) << failures;
  EXPECT_EQ(invalid_seen, kInvalid.size());
  EXPECT_GE(files, 300u);
  EXPECT_GE(workloads, 100u);
  EXPECT_GE(containers, workloads);
  EXPECT_GE(policies, 10u);
  EXPECT_GE(argo_deployments, 5u);
  EXPECT_EQ(argo_statefulsets, 1u);
}

// One real DaemonSet read field by field (kube-prometheus node-exporter).
TEST(KubeCorpus, NodeExporterDaemonSet) {
  fs::path path = CorpusDir() /
                  "prometheus-operator__kube-prometheus/"
                  "manifests__nodeExporter-daemonset.yaml";
  if (!fs::exists(path)) GTEST_SKIP() << "corpus file not found: " << path;
  model::RunSet set = ParseManifestFile(path.string(), "ne.yaml");
  ASSERT_TRUE(set.errors.empty());
  ASSERT_EQ(set.cluster.workloads.size(), 1u);
  EXPECT_EQ(set.cluster.workloads[0].DisplayName(), "DaemonSet/monitoring/node-exporter");
  EXPECT_EQ(set.cluster.workloads[0].pod_labels.at("app.kubernetes.io/name"), "node-exporter");
  ASSERT_EQ(set.runs.size(), 2u);
  const auto& ne = set.runs[0];
  const auto& proxy = set.runs[1];
  EXPECT_EQ(ne.name, "node-exporter");
  EXPECT_EQ(ne.args.size(), 11u);
  EXPECT_EQ(*ne.run_as_user, 65534);  // pod level
  EXPECT_EQ(ne.run_as_user.origin.line, 108);
  EXPECT_EQ(*proxy.run_as_user, 65532);  // container level
  EXPECT_EQ(proxy.run_as_user.origin.line, 97);
  EXPECT_FALSE(ne.seccomp.has());
  EXPECT_EQ(*proxy.seccomp, model::ProfileType::kRuntimeDefault);
  EXPECT_TRUE(*ne.host_network && *ne.host_pid && *proxy.host_pid);
  EXPECT_TRUE(*ne.automount_sa_token);
  EXPECT_EQ(*ne.service_account, "node-exporter");
  ASSERT_EQ(ne.cap_add.size(), 1u);
  EXPECT_EQ(ne.cap_add[0].value, "SYS_TIME");
  EXPECT_EQ(*ne.memory_limit, 180 * 1024 * 1024);
  EXPECT_DOUBLE_EQ(*ne.cpu_request, 0.102);
  ASSERT_EQ(ne.mounts.size(), 2u);
  EXPECT_EQ(ne.mounts[1].type, model::MountType::kBind);
  EXPECT_EQ(ne.mounts[1].source, "/");
  EXPECT_EQ(ne.mounts[1].target, "/host/root");
  EXPECT_TRUE(ne.mounts[1].read_only);
  ASSERT_EQ(proxy.mounts.size(), 2u);
  EXPECT_EQ(proxy.mounts[1].target,
            "");  // the proxy does not mount the host root
  ASSERT_EQ(proxy.ports.size(), 1u);
  EXPECT_EQ(proxy.ports[0].host_port, 9100);
  ASSERT_EQ(proxy.env.size(), 1u);
  EXPECT_EQ(proxy.env[0].source, model::EnvSource::kFieldRef);
}

}  // namespace
}  // namespace drydock::sources::kube
