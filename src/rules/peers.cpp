// SPDX-License-Identifier: Apache-2.0
#include "rules/peers.h"

#include <array>

#include "core/strings.h"

namespace drydock::rules {
namespace {

constexpr Peer kH = Peer::kHadolint;
constexpr Peer kT = Peer::kTrivy;

// hadolint: the rule table of its README (hadolint 2.x); Trivy: trivy-checks `checks/docker`.
constexpr std::array kPeerRules = std::to_array<PeerRule>({
    {kH, "DL1001", "ignore", "inline `# hadolint ignore=` pragmas are used"},
    {kH, "DL3000", "error", "WORKDIR is not an absolute path"},
    {kH, "DL3001", "info",
     "RUN calls a command pointless in a container (ssh, vim, shutdown, ps, …)"},
    {kH, "DL3002", "warning", "the last USER is root"},
    {kH, "DL3003", "warning", "`cd` in RUN instead of WORKDIR"},
    {kH, "DL3004", "error", "sudo used in RUN"},
    {kH, "DL3006", "warning", "FROM image without an explicit tag"},
    {kH, "DL3007", "warning", "FROM image tagged `latest`"},
    {kH, "DL3008", "warning", "apt-get install without version pins"},
    {kH, "DL3009", "info", "apt lists not deleted after apt-get install"},
    {kH, "DL3010", "info", "a local archive copied and then extracted instead of ADD"},
    {kH, "DL3011", "error", "EXPOSE port outside 0–65535"},
    {kH, "DL3012", "error", "more than one HEALTHCHECK in a stage"},
    {kH, "DL3013", "warning", "pip install without version pins"},
    {kH, "DL3014", "warning", "apt-get install without `-y`"},
    {kH, "DL3015", "info", "apt-get install without --no-install-recommends"},
    {kH, "DL3016", "warning", "npm install without version pins"},
    {kH, "DL3018", "warning", "apk add without version pins"},
    {kH, "DL3019", "info", "apk add without --no-cache"},
    {kH, "DL3020", "error", "ADD used for local files and folders instead of COPY"},
    {kH, "DL3021", "error",
     "COPY with more than two arguments whose destination lacks a trailing /"},
    {kH, "DL3022", "warning", "COPY --from names no earlier stage"},
    {kH, "DL3023", "error", "COPY --from names its own stage"},
    {kH, "DL3024", "error", "two stages share a name"},
    {kH, "DL3025", "warning", "CMD or ENTRYPOINT in shell form"},
    {kH, "DL3026", "error", "FROM an image outside the trusted registries"},
    {kH, "DL3027", "warning", "`apt` used in RUN instead of apt-get / apt-cache"},
    {kH, "DL3028", "warning", "gem install without version pins"},
    {kH, "DL3029", "warning", "FROM --platform used"},
    {kH, "DL3030", "warning", "yum install without `-y`"},
    {kH, "DL3032", "warning", "yum without `yum clean all`"},
    {kH, "DL3033", "warning", "yum install without version pins"},
    {kH, "DL3034", "warning", "zypper without a non-interactive switch"},
    {kH, "DL3035", "warning", "zypper dist-upgrade used"},
    {kH, "DL3036", "warning", "zypper without `zypper clean`"},
    {kH, "DL3037", "warning", "zypper install without version pins"},
    {kH, "DL3038", "warning", "dnf install without `-y`"},
    {kH, "DL3040", "warning", "dnf / microdnf without `clean all`"},
    {kH, "DL3041", "warning", "dnf install without version pins"},
    {kH, "DL3042", "warning", "pip install without --no-cache-dir"},
    {kH, "DL3043", "error", "ONBUILD wraps ONBUILD, FROM or MAINTAINER"},
    {kH, "DL3044", "error", "ENV refers to a variable it defines itself"},
    {kH, "DL3045", "warning", "COPY to a relative destination with no WORKDIR set"},
    {kH, "DL3046", "warning", "useradd with a high UID and without `-l`"},
    {kH, "DL3047", "info", "wget without --progress"},
    {kH, "DL3048", "style", "invalid LABEL key"},
    {kH, "DL3049", "info", "a label of the label schema is missing"},
    {kH, "DL3050", "info", "a label outside the label schema (strict labels)"},
    {kH, "DL3051", "warning", "a label of the schema is empty"},
    {kH, "DL3052", "warning", "a url label is not a URL"},
    {kH, "DL3053", "warning", "an rfc3339 label is not an RFC 3339 time"},
    {kH, "DL3054", "warning", "an spdx label is not an SPDX license id"},
    {kH, "DL3055", "warning", "a hash label is not a git hash"},
    {kH, "DL3056", "warning", "a semver label is not a semantic version"},
    {kH, "DL3057", "ignore", "no HEALTHCHECK"},
    {kH, "DL3058", "warning", "an email label is not an e-mail address"},
    {kH, "DL3059", "info", "consecutive RUN instructions that could be one"},
    {kH, "DL3060", "info", "yarn install without `yarn cache clean`"},
    {kH, "DL3061", "error", "an instruction before the first FROM other than ARG"},
    {kH, "DL3062", "warning", "go install without a version"},
    {kH, "DL3063", "warning", "a stage named with a reserved word"},
    {kH, "DL3064", "warning", "secret-like data in ARG or ENV"},
    {kH, "DL3065", "warning", "FROM --platform=$TARGETPLATFORM, which is the default anyway"},
    {kH, "DL3066", "info", "USER names a user instead of a numeric UID"},
    {kH, "DL3067", "warning", "COPY --from copies another stage's whole filesystem"},
    {kH, "DL4000", "error", "MAINTAINER is deprecated"},
    {kH, "DL4001", "warning", "both wget and curl used"},
    {kH, "DL4003", "warning", "more than one CMD in a stage"},
    {kH, "DL4004", "error", "more than one ENTRYPOINT in a stage"},
    {kH, "DL4005", "warning", "the default shell changed by linking /bin/sh instead of SHELL"},
    {kH, "DL4006", "warning", "RUN with a pipe and no `-o pipefail`"},
    {kT, "DS-0001", "MEDIUM", "FROM image tagged `latest` or untagged"},
    {kT, "DS-0002", "HIGH", "the image user is root"},
    {kT, "DS-0004", "MEDIUM", "port 22 exposed"},
    {kT, "DS-0005", "LOW", "ADD instead of COPY"},
    {kT, "DS-0006", "CRITICAL", "COPY --from names its own stage"},
    {kT, "DS-0007", "CRITICAL", "more than one ENTRYPOINT"},
    {kT, "DS-0008", "CRITICAL", "EXPOSE port out of range"},
    {kT, "DS-0009", "HIGH", "WORKDIR is not an absolute path"},
    {kT, "DS-0010", "CRITICAL", "sudo used in RUN"},
    {kT, "DS-0011", "CRITICAL",
     "COPY with more than two arguments whose destination lacks a trailing /"},
    {kT, "DS-0012", "CRITICAL", "two stages share a name"},
    {kT, "DS-0013", "MEDIUM", "`cd` in RUN instead of WORKDIR"},
    {kT, "DS-0014", "LOW", "both wget and curl used"},
    {kT, "DS-0015", "HIGH", "yum without `yum clean all`"},
    {kT, "DS-0016", "HIGH", "more than one CMD"},
    {kT, "DS-0017", "HIGH", "a package index update in a RUN without an install"},
    {kT, "DS-0019", "HIGH", "dnf without `dnf clean all`"},
    {kT, "DS-0020", "HIGH", "zypper without `zypper clean`"},
    {kT, "DS-0021", "HIGH", "apt-get install without `-y`"},
    {kT, "DS-0022", "HIGH", "MAINTAINER is deprecated"},
    {kT, "DS-0023", "MEDIUM", "more than one HEALTHCHECK"},
    {kT, "DS-0024", "HIGH", "apt-get dist-upgrade used"},
    {kT, "DS-0025", "HIGH", "apk add without --no-cache"},
    {kT, "DS-0026", "LOW", "no HEALTHCHECK"},
    {kT, "DS-0027", "HIGH", "microdnf without `microdnf clean all`"},
    {kT, "DS-0029", "HIGH", "apt-get install without --no-install-recommends"},
    {kT, "DS-0030", "HIGH", "WORKDIR on a system directory"},
    {kT, "DS-0031", "CRITICAL", "secrets in build arguments, ENV or copied secret files"},
});

}  // namespace

std::span<const PeerRule> PeerRules() { return kPeerRules; }

const PeerRule* FindPeerRule(std::string_view id) {
  for (const PeerRule& row : kPeerRules) {
    if (core::IEquals(row.id, id)) return &row;
  }
  return nullptr;
}

std::string_view PeerName(Peer peer) { return peer == Peer::kHadolint ? "hadolint" : "Trivy"; }

}  // namespace drydock::rules
