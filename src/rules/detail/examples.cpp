// SPDX-License-Identifier: Apache-2.0
#include "rules/detail/examples.h"

#include <deque>
#include <string>

namespace drydock::rules::detail {
namespace {

std::string_view Intern(std::string text) {
  static auto* store = new std::deque<std::string>();  // never freed: examples live forever
  return store->emplace_back(std::move(text));
}

}  // namespace

std::string_view Pod(std::string_view spec) {
  return Intern("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n" + std::string(spec));
}

std::string_view Compose(std::string_view service) {
  return Intern("services:\n  web:\n    image: nginx:1.27\n" + std::string(service));
}

std::string_view DockerRun(std::string_view flags) {
  return Intern("docker run " + std::string(flags) + " nginx:1.27\n");
}

}  // namespace drydock::rules::detail
