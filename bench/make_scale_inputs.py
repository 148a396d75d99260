#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Generates the inputs of bench/scale.sh: Kubernetes `kind: List` files of many Pods (plus a
fixed set of NetworkPolicies) and compose files of many services. Standard library only; the
output depends only on the arguments (no clock, no randomness).

  make_scale_inputs.py k8s N OUT [--part K/PARTS]   N Pods (items K, K+PARTS, … of them)
  make_scale_inputs.py compose N OUT                 N services

The pods vary the way a real cluster dump does: 24 namespaces, 1–3 containers, securityContext
on most (runAsNonRoot, dropped capabilities, a few privileged or root), resources on most, env
with literals, secret references and a few secret-looking literals, hostPath volumes on some,
hostNetwork on a few, `# drydock:ignore=` pragmas on every 20th pod. The policies: a
default deny in half of the namespaces, an allow policy per app tier, two with a typo
(DD812). Everything scales with N except the policies.

Limits (yaml::StreamLimits and the Kubernetes adapter): one stream holds at most 2^20 YAML nodes
(every key, scalar and collection counts) and 32 MiB; the adapter copies pod-level lists into
each container within a budget of 2^18 entries per file. Past either, drydock reports DD001
(parse error) instead of auditing the rest, which bench/scale.sh checks for.
"""
import sys

NAMESPACES = [f"team-{i:02d}" for i in range(24)]
TIERS = ["web", "api", "worker", "cache", "batch", "gateway"]
IMAGES = [
    "registry.example.com/shop/web:2.14.1",
    "registry.example.com/shop/api:1.9.0",
    "nginx:1.27",
    "redis:7.2-alpine",
    "python:3.12-slim",
    "ghcr.io/example/worker@sha256:" + "ab" * 32,
    "busybox",
    "registry.example.com/shop/batch:latest",
]
SIDECARS = ["envoyproxy/envoy:v1.30.1", "fluent/fluent-bit:3.0", "otel/opentelemetry-collector:0.98.0"]


def q(s):
    """A double-quoted YAML scalar."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def container(i, j, lines, ind):
    """One container of pod i (j = 0 main, 1+ sidecars) as block YAML at indent `ind`."""
    p = " " * ind
    k = (i * 7 + j * 3) % 100  # spreads the variants over pods and containers
    if j == 0:
        if i % 40 == 29:
            lines.append(f"{p}# drydock:ignore=DD501,DD801 reviewed: writes to / and needs its caps")
        lines.append(f"{p}- name: app")
        pragma = "  # drydock:ignore=DD401 pinned by the release job" if i % 40 == 17 else ""
        lines.append(f"{p}  image: {IMAGES[i % len(IMAGES)]}{pragma}")
    else:
        lines.append(f"{p}- name: side{j}")
        lines.append(f"{p}  image: {SIDECARS[(i + j) % len(SIDECARS)]}")
    if j == 0 and i % 5 == 0:
        lines.append(f"{p}  args: [--port, \"8080\", --log-level, info]")
    if j == 0 and i % 97 == 5:
        lines.append(f"{p}  ports: [{{containerPort: 80, hostPort: 80}}]")
    elif j == 0 and i % 3 != 2:
        lines.append(f"{p}  ports: [{{containerPort: 8080}}]")
    if k % 10 != 9:  # most containers set a securityContext
        sc = []
        if k % 50 == 3:
            sc.append("privileged: true")
        elif k % 4 != 1:
            sc.append("allowPrivilegeEscalation: false")
        if k % 3 == 0:
            sc.append("readOnlyRootFilesystem: true")
        if k % 5 == 2:
            sc.append("runAsUser: 0")
        elif k % 2 == 0:
            sc.append(f"runAsUser: {1000 + (i % 9000)}")
        if k % 6 == 0:
            sc.append("capabilities: {drop: [ALL]}")
        elif k % 31 == 7:
            sc.append("capabilities: {add: [NET_ADMIN, SYS_TIME]}")
        if sc:
            lines.append(f"{p}  securityContext:")
            lines.extend(f"{p}    {s}" for s in sc)
    if k % 5 != 4:
        mem = ["128Mi", "256Mi", "512Mi", "1Gi"][k % 4]
        lines.append(f"{p}  resources:")
        if k % 3 == 0:
            lines.append(f"{p}    requests: {{cpu: 100m, memory: {mem}}}")
        else:
            lines.append(f"{p}    limits: {{cpu: 500m, memory: {mem}}}")
    if j == 0:
        env = [f"{p}  - {{name: APP_ENV, value: prod}}"]
        if i % 4 == 1:
            env.append(f"{p}  - {{name: DB_PASSWORD, valueFrom: {{secretKeyRef: {{name: db, key: pw}}}}}}")
        if i % 61 == 11:
            env.append(f"{p}  - {{name: API_TOKEN, value: {q('tok_' + format(i * 2654435761 % (1 << 64), 'x') + 'Qz9')}}}")
        if i % 8 == 3:
            env.append(f"{p}  - {{name: POD_IP, valueFrom: {{fieldRef: {{fieldPath: status.podIP}}}}}}")
        lines.append(f"{p}  env:")
        lines.extend(env)
    if j == 0 and i % 10 in (1, 6):
        lines.append(f"{p}  volumeMounts: [{{name: data, mountPath: /data}}]")
    if j == 0 and i % 10 == 4:
        lines.append(f"{p}  volumeMounts: [{{name: host, mountPath: /host, readOnly: true}}]")


def pod(i, lines):
    """Pod number i as an item of a List (indent 0 for `- `)."""
    ns = NAMESPACES[i % len(NAMESPACES)]
    tier = TIERS[(i // len(NAMESPACES)) % len(TIERS)]
    app = f"{tier}-{(i // 7) % 40}"
    lines.append("- apiVersion: v1")
    lines.append("  kind: Pod")
    lines.append("  metadata:")
    lines.append(f"    name: {app}-{i:06d}")
    if i % 24 != 23:  # one namespace's pods say none: the default namespace
        lines.append(f"    namespace: {ns}")
    lines.append(f"    labels: {{app: {app}, tier: {tier}}}")
    if i % 9 == 4:
        lines.append("    annotations: {prometheus.io/scrape: \"true\"}")
    lines.append("  spec:")
    if i % 83 == 9:
        lines.append("    hostNetwork: true")
    if i % 6 == 0:
        lines.append("    securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}")
    if i % 11 == 5:
        lines.append("    automountServiceAccountToken: false")
    lines.append("    containers:")
    n = 1 + (i % 3 == 0) + (i % 13 == 0)  # 1, 2 or 3 containers
    for j in range(n):
        container(i, j, lines, 4)
    if i % 10 in (1, 6):
        lines.append("    volumes: [{name: data, emptyDir: {}}]")
    elif i % 10 == 4:
        path = "/var/run/docker.sock" if i % 200 == 4 else "/var/log"
        lines.append(f"    volumes: [{{name: host, hostPath: {{path: {path}}}}}]")


def policies(lines):
    """A fixed set: default deny in even namespaces, one allow per tier in the first 8, typos."""
    def policy(name, ns, selector, body):
        lines.append("- apiVersion: networking.k8s.io/v1")
        lines.append("  kind: NetworkPolicy")
        lines.append(f"  metadata: {{name: {name}, namespace: {ns}}}")
        lines.append("  spec:")
        lines.append(f"    podSelector: {selector}")
        lines.extend(f"    {b}" for b in body)

    for k, ns in enumerate(NAMESPACES[:-1]):
        if k % 2 == 0:
            policy("default-deny", ns, "{}", ["policyTypes: [Ingress, Egress]"])
    for k, ns in enumerate(NAMESPACES[:8]):
        for tier in TIERS:
            policy(f"allow-{tier}", ns, f"{{matchLabels: {{tier: {tier}}}}}",
                   ["ingress: [{from: [{podSelector: {matchLabels: {tier: gateway}}}]}]"])
    policy("allow-web-typo", NAMESPACES[1], "{matchLabels: {tier: wbe}}",
           ["ingress: [{from: [{podSelector: {}}]}]"])
    policy("allow-api-expr", NAMESPACES[3],
           "{matchExpressions: [{key: app, operator: In, values: [api-1, api-2, apii-3]}]}",
           ["ingress: [{from: [{podSelector: {}}]}]"])


def k8s(n, part, parts):
    lines = ["apiVersion: v1", "kind: List", "metadata: {resourceVersion: \"\"}", "items:"]
    if part == 0:
        policies(lines)
    for i in range(part, n, parts):
        pod(i, lines)
    return "\n".join(lines) + "\n"


def service(i, lines):
    tier = TIERS[i % len(TIERS)]
    if i % 17 == 3:
        lines.append("  # drydock:ignore=DD201,DD501 runs as root by design")
    lines.append(f"  {tier}-{i:05d}:")
    if i % 9 == 8:
        lines.append(f"    build: ./svc{i % 50}")
    else:
        img = IMAGES[i % len(IMAGES)]
        if i % 7 == 2:
            img = "registry.example.com/shop/web:${TAG:-2.14.1}"
        lines.append(f"    image: {img}")
    if i % 4 == 0:
        lines.append(f"    user: \"{1000 + i % 500}:{1000 + i % 500}\"")
    if i % 3 == 0:
        lines.append("    read_only: true")
    if i % 50 == 7:
        lines.append("    privileged: true")
    if i % 5 == 1:
        lines.append("    cap_drop: [ALL]")
    if i % 23 == 4:
        lines.append("    cap_add: [NET_ADMIN]")
    if i % 2 == 0:
        lines.append("    security_opt: [no-new-privileges:true]")
    if i % 10 != 9:
        lines.append(f"    mem_limit: {[128, 256, 512][i % 3]}m")
        lines.append("    cpus: 0.5")
    if i % 4 == 2:
        lines.append("    pids_limit: 200")
    if i % 89 == 13:
        lines.append("    network_mode: host")
    lines.append(f"    ports: [\"{8000 + i % 1000}:8080\"]")
    lines.append("    environment:")
    lines.append("      APP_ENV: prod")
    if i % 6 == 1:
        lines.append("      DB_HOST: db")
    if i % 59 == 10:
        lines.append(f"      DB_PASSWORD: {q('pw_' + format(i * 40503 % 65536, 'x') + 'Xk7q')}")
    if i % 8 == 5:
        lines.append("      LOG_LEVEL: ${LOG_LEVEL:-info}")
    if i % 10 == 3:
        lines.append("    volumes:")
        lines.append("      - ./config:/etc/app:ro")
        if i % 100 == 3:
            lines.append("      - /var/run/docker.sock:/var/run/docker.sock")
    if i % 10 == 8:
        lines.append("    volumes: [data:/var/lib/data]")
    if i % 3 == 1:
        lines.append(f"    depends_on: [{TIERS[(i + 1) % len(TIERS)]}-{(i + 1) % 100000:05d}]")


def compose(n):
    lines = ["name: scale", "services:"]
    for i in range(n):
        service(i, lines)
    lines += ["volumes:", "  data: {}"]
    return "\n".join(lines) + "\n"


def main(argv):
    if len(argv) >= 3 and argv[0] == "k8s":
        part, parts = 0, 1
        if len(argv) == 5 and argv[3] == "--part":
            part, parts = (int(x) for x in argv[4].split("/"))
        out = k8s(int(argv[1]), part, parts)
        open(argv[2], "w", encoding="utf-8").write(out)
    elif len(argv) == 3 and argv[0] == "compose":
        open(argv[2], "w", encoding="utf-8").write(compose(int(argv[1])))
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
