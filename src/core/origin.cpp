// SPDX-License-Identifier: Apache-2.0
#include "core/origin.h"

namespace drydock::core {

std::string Origin::ToString() const {
  std::string out = file.empty() ? std::string("<input>") : file;
  if (line > 0) {
    out += ":" + std::to_string(line);
    if (column > 0) out += ":" + std::to_string(column);
  }
  if (!layer.empty()) out += " (layer " + layer + ")";
  if (!path.empty()) out += " " + path;
  return out;
}

}  // namespace drydock::core
