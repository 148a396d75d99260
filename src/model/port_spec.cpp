// SPDX-License-Identifier: Apache-2.0
#include "model/port_spec.h"

#include <fmt/format.h>

#include "core/strings.h"

namespace drydock::model {
namespace {

// A port or range "80" / "8000-8010" (both ends 0-65535): the first port.
bool PortNumber(std::string_view s, int& out) {
  const std::size_t dash = s.find('-');
  const std::string_view first = dash == std::string_view::npos ? s : s.substr(0, dash);
  if (dash != std::string_view::npos) {
    int ignored = 0;
    if (!PortNumber(s.substr(dash + 1), ignored)) return false;
  }
  if (first.size() > 5 || !core::AllDigits(first)) return false;
  int v = 0;
  for (char c : first) v = v * 10 + (c - '0');
  if (v > 65535) return false;
  out = v;
  return true;
}

tl::unexpected<std::string> Err(std::string message) {
  return tl::unexpected<std::string>(std::move(message));
}

}  // namespace

tl::expected<Port, std::string> ParsePortSpec(std::string_view text, PortDialect dialect) {
  Port port;
  std::string_view s = text;
  if (const std::size_t slash = s.rfind('/'); slash != std::string_view::npos) {
    std::string proto = core::Lower(s.substr(slash + 1));
    if (proto.empty()) {
      if (dialect == PortDialect::kCompose) return Err(fmt::format("invalid proto: {}", text));
      proto = "tcp";
    }
    if (dialect == PortDialect::kDockerRun && proto != "tcp" && proto != "udp" && proto != "sctp") {
      return Err(fmt::format("invalid proto: {}", proto));
    }
    port.protocol = std::move(proto);
    s = s.substr(0, slash);
  }
  // Split ip / host port / container port.
  std::string_view ip;
  std::string_view host;
  std::string_view container;
  if (!s.empty() && s.front() == '[') {
    const std::size_t close = s.find(']');
    if (close == std::string_view::npos) return Err(fmt::format("invalid ip address: {}", s));
    ip = s.substr(1, close - 1);
    std::string_view rest = s.substr(close + 1);
    if (rest.empty() || rest.front() != ':') {
      return Err(fmt::format("invalid port format: {}", text));
    }
    rest.remove_prefix(1);
    const std::size_t colon = rest.find(':');
    if (colon == std::string_view::npos) return Err(fmt::format("invalid port format: {}", text));
    host = rest.substr(0, colon);
    container = rest.substr(colon + 1);
  } else if (const std::size_t last = s.rfind(':'); last == std::string_view::npos) {
    container = s;
  } else {
    container = s.substr(last + 1);
    const std::string_view head = s.substr(0, last);
    if (const std::size_t middle = head.rfind(':'); middle == std::string_view::npos) {
      host = head;
    } else {
      ip = head.substr(0, middle);
      host = head.substr(middle + 1);
    }
  }
  if (!PortNumber(container, port.container_port)) {
    return Err(fmt::format("invalid containerPort: {}", container));
  }
  if (!host.empty() && !PortNumber(host, port.host_port)) {
    return Err(fmt::format("invalid hostPort: {}", host));
  }
  port.host_ip = std::string(ip);
  return port;
}

}  // namespace drydock::model
