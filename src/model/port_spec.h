// SPDX-License-Identifier: Apache-2.0
// The one parser of Docker's short port syntax, `[ip:][hostPort:]containerPort[/proto]`, as
// `docker run -p` (moby's nat.ParsePortSpec) and compose's short `ports:` entries write it. Ranges
// `a-b` keep their first port; an IPv6 address may be bracketed (`[::1]:80:80`) or not
// (`::1:80:80`: the last two parts are the ports). Pure; linear in the input.
#pragma once

#include <string>
#include <string_view>

#include <tl/expected.hpp>

#include "model/run_spec.h"

namespace drydock::model {

// Where the two front ends differ: docker run takes an empty protocol for tcp and refuses
// protocols other than tcp, udp and sctp; compose's short syntax refuses an empty protocol and
// leaves other names to the engine.
enum class PortDialect { kDockerRun, kCompose };

// The port (origin left empty), or an error text in Docker's wording ("invalid containerPort:
// x"). The protocol is lower-cased.
tl::expected<Port, std::string> ParsePortSpec(std::string_view text, PortDialect dialect);

}  // namespace drydock::model
