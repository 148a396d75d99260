// SPDX-License-Identifier: Apache-2.0
// Every real compose file of the corpus loads without a ParseError (except the ones listed as
// really invalid, with the reason).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "sources/compose/compose.h"

namespace drydock::sources::compose {
namespace {

namespace fs = std::filesystem;

fs::path CorpusRoot() {
  const char* env = std::getenv("DRYDOCK_CORPUS");
  return fs::path(env != nullptr && *env != '\0' ? env : DRYDOCK_CORPUS) / "compose";
}

// Files compose refuses to start without variables from the deploy environment (`${VAR:?}`), by
// local file name → why. They load (the file is fine) with a warning per missing variable.
const std::map<std::string, std::string>& NeedVariables() {
  static const std::map<std::string, std::string> kInvalid = {
      {"hack__docker__dev.compose.yml",
       "needs KUBECONFIG, SYSTEM_BANNER_SEVERITY and SIDECAR_HOST (`${VAR:?}`); compose refuses it "
       "without them"},
      {"hack__docker__docker.compose.yaml",
       "needs KUBECONFIG, VERSION, WEB_BUILDER_ARCH, SYSTEM_BANNER, SYSTEM_BANNER_SEVERITY, "
       "SIDECAR_HOST (`${VAR:?}`); compose refuses it without them"},
  };
  return kInvalid;
}

// The variables the files above require: with them they load cleanly.
const std::map<std::string, std::string> kRequiredVariables = {
    {"KUBECONFIG", "/tmp/kubeconfig"},  {"SYSTEM_BANNER", "banner"},
    {"SYSTEM_BANNER_SEVERITY", "INFO"}, {"VERSION", "v1"},
    {"WEB_BUILDER_ARCH", "amd64"},      {"SIDECAR_HOST", "http://scraper:8000"},
};

bool IsYamlName(const std::string& name) {
  auto ends = [&](const std::string& suffix) {
    return name.size() >= suffix.size() &&
           name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return ends(".yml") || ends(".yaml");
}

// The corpus flattens paths with "__": the original base name is after the last "__".
std::string BaseName(const std::string& local) {
  std::size_t p = local.rfind("__");
  return p == std::string::npos ? local : local.substr(p + 2);
}

bool HasTopLevelServices(const fs::path& path) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("services:", 0) == 0) return true;
  }
  return false;
}

std::vector<fs::path> ComposeFiles(const fs::path& root) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    std::string name = entry.path().filename().string();
    if (!IsYamlName(name)) continue;
    std::string base = BaseName(name);
    bool by_name = base.rfind("compose", 0) == 0 || base.rfind("docker-compose", 0) == 0;
    if (by_name || HasTopLevelServices(entry.path())) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(ComposeCorpus, EveryFileLoads) {
  fs::path root = CorpusRoot();
  if (!fs::is_directory(root)) GTEST_SKIP() << "compose corpus not found at " << root;
  std::vector<fs::path> files = ComposeFiles(root);
  ASSERT_GT(files.size(), 50u) << "corpus under " << root << " looks incomplete";
  std::size_t services = 0;
  std::size_t with_image = 0;
  std::set<std::string> invalid_seen;
  for (const auto& path : files) {
    core::Diagnostics diags;
    std::string display = fs::relative(path, root).string();
    model::RunSet set = ParseComposeFile(path.string(), display, {}, diags);
    services += set.runs.size();
    for (const auto& r : set.runs) {
      EXPECT_EQ(r.kind, model::RunKind::kCompose);
      EXPECT_GT(r.origin.line, 0) << display << " " << r.name;
      if (r.image.has()) ++with_image;
    }
    auto known = NeedVariables().find(path.filename().string());
    if (known != NeedVariables().end()) {
      invalid_seen.insert(known->first);
      bool warned = false;
      for (const auto& d : diags) {
        warned |= d.message.find("required variable") != std::string::npos;
      }
      EXPECT_TRUE(warned) << display << " needs variables (" << known->second
                          << ") but no warning says so";
      diags.clear();
      ComposeOptions with_vars;
      with_vars.environment = kRequiredVariables;
      set = ParseComposeFile(path.string(), display, with_vars, diags);
    }
    std::ostringstream errors;
    for (const auto& e : set.errors) errors << e.where.ToString() << " " << e.message << "\n";
    EXPECT_TRUE(set.errors.empty()) << display << ":\n" << errors.str();
  }
  EXPECT_EQ(invalid_seen.size(), NeedVariables().size());
  EXPECT_GT(services, 150u);
  EXPECT_GT(with_image, 80u);
  std::cout << "[ corpus   ] " << files.size() << " compose files, " << services << " services ("
            << with_image << " with image:)\n";
}

}  // namespace
}  // namespace drydock::sources::compose
