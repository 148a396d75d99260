// SPDX-License-Identifier: Apache-2.0
#include "core/error.h"

namespace drydock::core {

std::string Error::ToString() const {
  std::string out;
  if (!where.file.empty() || where.line > 0) out = where.ToString() + ": ";
  out += message;
  return out;
}

}  // namespace drydock::core
