// SPDX-License-Identifier: Apache-2.0
// Origin: where a model field or a finding comes from. Every finding and diagnostic carries one.
#pragma once

#include <string>
#include <utility>

namespace drydock::core {

struct Origin {
  std::string file;  // path as given by the user (repo-relative when scanning a tree), or "-"
  int line = 0;      // 1-based; 0 = unknown / whole file
  int column = 0;    // 1-based; 0 = unknown
  int end_line = 0;  // last line of the construct (0 = same as line)
  std::string
      path;  // context path, e.g. "stage builder (#0) RUN" or "spec.template.spec.containers[0]"
  std::string layer;  // image layer digest, for image origins

  // "file:line:col path" for messages; omits unknown parts.
  std::string ToString() const;
};

// An origin in a file (line/column optional).
inline Origin FileOrigin(std::string file, int line = 0, int column = 0) {
  Origin o;
  o.file = std::move(file);
  o.line = line;
  o.column = column;
  return o;
}

}  // namespace drydock::core
