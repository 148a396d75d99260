// SPDX-License-Identifier: Apache-2.0
#include "packages/package.h"

namespace drydock::packages {

const char* EcosystemName(Ecosystem ecosystem) {
  switch (ecosystem) {
    case Ecosystem::kDpkg:
      return "dpkg";
    case Ecosystem::kApk:
      return "apk";
    case Ecosystem::kRpm:
      return "rpm";
    case Ecosystem::kPypi:
      return "pypi";
    case Ecosystem::kNpm:
      return "npm";
  }
  return "?";
}

}  // namespace drydock::packages
