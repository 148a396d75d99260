// SPDX-License-Identifier: Apache-2.0
// Builders for rule examples (the `.input` of core::Example), so that the part every run-side
// example repeats is written once and an example shows only what it is about:
//   Pod("  containers:\n    - name: web\n      image: nginx:1.27\n")
//   Compose("    read_only: true\n")
//   DockerRun("--user 0:0")
// Each returns a view of the whole input, interned for the life of the process (examples are
// built once, when the catalog is; not thread-safe beyond that).
#pragma once

#include <string_view>

namespace drydock::rules::detail {

// A Pod named `web`: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n" + `spec`.
std::string_view Pod(std::string_view spec);

// A compose service `web` of image nginx:1.27: "services:\n  web:\n    image: nginx:1.27\n" +
// `service` (further keys of the service, indented by four).
std::string_view Compose(std::string_view service);

// "docker run " + `flags` + " nginx:1.27\n".
std::string_view DockerRun(std::string_view flags);

}  // namespace drydock::rules::detail
