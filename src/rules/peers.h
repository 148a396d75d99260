// SPDX-License-Identifier: Apache-2.0
// The Dockerfile rule tables of the peers drydock replaces: every rule of hadolint's rule table and
// every Dockerfile check of Trivy (trivy-checks `checks/docker`), with the peer's default severity
// and a one-line summary in our words. The catalog test checks that every row is carried by some
// drydock rule's references and that every DL/DS reference a rule carries is a row here;
// `drydock rules --format peers` writes docs/peers.md from this table and the rule metadata.
#pragma once

#include <span>
#include <string_view>

namespace drydock::rules {

enum class Peer { kHadolint, kTrivy };

struct PeerRule {
  Peer peer;
  std::string_view id;        // "DL3008", "DS-0002"
  std::string_view severity;  // as the peer names it: "error"/"warning"/"info"/"style"/"ignore",
                              // or "LOW".."CRITICAL"
  std::string_view summary;   // what the peer checks, in one line
};

// Every row, hadolint first, each peer in id order.
std::span<const PeerRule> PeerRules();

// The row for `id` (exact, case-insensitive), nullptr when unknown.
const PeerRule* FindPeerRule(std::string_view id);

// "hadolint" / "Trivy".
std::string_view PeerName(Peer peer);

}  // namespace drydock::rules
