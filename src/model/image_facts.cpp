// SPDX-License-Identifier: Apache-2.0
#include "model/image_facts.h"

namespace drydock::model {

const char* FactSourceName(FactSource source) {
  switch (source) {
    case FactSource::kDockerfile:
      return "dockerfile";
    case FactSource::kImageConfig:
      return "image-config";
    case FactSource::kImageLayer:
      return "image-layer";
  }
  return "dockerfile";
}

}  // namespace drydock::model
