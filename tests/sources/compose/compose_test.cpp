// SPDX-License-Identifier: Apache-2.0
// The compose adapter: every service field, interpolation in context, anchors/merge keys, shape
// errors with their lines.
#include "sources/compose/compose.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "yaml/yaml.h"

namespace drydock::sources::compose {
namespace {

using model::EnvSource;
using model::MountType;
using model::ProfileType;
using model::RunSpec;

struct Parsed {
  model::RunSet set;
  core::Diagnostics diagnostics;

  const RunSpec& Run(std::string_view name) const {
    for (const auto& r : set.runs) {
      if (r.name == name) return r;
    }
    ADD_FAILURE() << "no service " << name;
    static const RunSpec kNone;
    return kNone;
  }
  std::string Errors() const {
    std::string out;
    for (const auto& e : set.errors) {
      out += std::to_string(e.where.line) + ":" + std::to_string(e.where.column) + " " + e.message +
             "\n";
    }
    return out;
  }
  bool HasDiagnostic(std::string_view part) const {
    for (const auto& d : diagnostics) {
      if (d.message.find(part) != std::string::npos) return true;
    }
    return false;
  }
};

Parsed Parse(std::string_view text, ComposeOptions options = {}) {
  Parsed p;
  p.set = ParseCompose(text, "compose.yaml", options, p.diagnostics);
  return p;
}

TEST(Compose, ServiceIdentityAndOrigins) {
  Parsed p = Parse(
      "services:\n"
      "  web:\n"
      "    image: nginx:1.27\n"
      "    container_name: front\n"
      "  api:\n"
      "    image: registry.example.com/shop/api@sha256:abc\n");
  ASSERT_EQ(p.set.errors.size(), 0u) << p.Errors();
  ASSERT_EQ(p.set.runs.size(), 2u);
  const RunSpec& web = p.set.runs[0];
  EXPECT_EQ(web.kind, model::RunKind::kCompose);
  EXPECT_EQ(web.name, "web");
  EXPECT_EQ(web.workload, "service web");
  EXPECT_EQ(web.file, "compose.yaml");
  EXPECT_EQ(web.origin.line, 2);
  EXPECT_EQ(web.origin.column, 3);
  EXPECT_EQ(web.origin.path, "services.web");
  ASSERT_TRUE(web.image.has());
  EXPECT_EQ(*web.image, "nginx:1.27");
  EXPECT_EQ(web.image.origin.line, 3);
  EXPECT_EQ(web.image.origin.path, "services.web.image");
  EXPECT_EQ(p.set.runs[1].name, "api");
  EXPECT_EQ(*p.set.runs[1].image, "registry.example.com/shop/api@sha256:abc");
  EXPECT_FALSE(web.user.has());
  EXPECT_FALSE(web.privileged.has());
}

TEST(Compose, BuildWithoutImageIsANote) {
  Parsed p = Parse("services:\n  app:\n    build: .\n  both:\n    build: .\n    image: me/app:1\n");
  ASSERT_EQ(p.set.runs.size(), 2u);
  EXPECT_FALSE(p.Run("app").image.has());
  EXPECT_EQ(*p.Run("both").image, "me/app:1");
  int notes = 0;
  for (const auto& d : p.diagnostics) {
    if (d.message.find("built locally") != std::string::npos) {
      ++notes;
      EXPECT_EQ(d.level, core::DiagnosticLevel::kNote);
      EXPECT_EQ(d.where.line, 3);
    }
  }
  EXPECT_EQ(notes, 1);
}

TEST(Compose, ExtendsIsANote) {
  Parsed p = Parse("services:\n  a:\n    image: x\n    extends:\n      service: base\n");
  EXPECT_TRUE(p.HasDiagnostic("extends not resolved"));
  EXPECT_EQ(p.set.runs.size(), 1u);
}

TEST(Compose, User) {
  Parsed p = Parse(
      "services:\n"
      "  a: {image: x, user: \"1000:2000\"}\n"
      "  b: {image: x, user: 1001}\n"
      "  c: {image: x, user: app}\n"
      "  d: {image: x, user: \"app:3000\"}\n"
      "  e: {image: x, user: \"0\"}\n");
  ASSERT_EQ(p.set.errors.size(), 0u) << p.Errors();
  EXPECT_EQ(*p.Run("a").user, "1000:2000");
  EXPECT_EQ(*p.Run("a").run_as_user, 1000);
  EXPECT_EQ(*p.Run("a").run_as_group, 2000);
  EXPECT_EQ(*p.Run("b").user, "1001");
  EXPECT_EQ(*p.Run("b").run_as_user, 1001);
  EXPECT_FALSE(p.Run("b").run_as_group.has());
  EXPECT_EQ(*p.Run("c").user, "app");
  EXPECT_FALSE(p.Run("c").run_as_user.has());
  EXPECT_FALSE(p.Run("d").run_as_user.has());
  EXPECT_EQ(*p.Run("d").run_as_group, 3000);
  EXPECT_EQ(*p.Run("e").run_as_user, 0);
}

TEST(Compose, BooleansAndNamespaces) {
  Parsed p = Parse(
      "services:\n"
      "  a:\n"
      "    image: x\n"
      "    read_only: true\n"
      "    privileged: false\n"
      "    network_mode: host\n"
      "    pid: host\n"
      "    ipc: host\n"
      "    uts: host\n"
      "    userns_mode: host\n"
      "  b:\n"
      "    image: x\n"
      "    read_only: \"yes\"\n"
      "    privileged: True\n"
      "    network_mode: \"service:a\"\n"
      "    ipc: shareable\n");
  ASSERT_EQ(p.set.errors.size(), 0u) << p.Errors();
  const RunSpec& a = p.Run("a");
  EXPECT_TRUE(*a.read_only_root_fs);
  EXPECT_EQ(a.read_only_root_fs.origin.line, 4);
  EXPECT_FALSE(*a.privileged);
  EXPECT_TRUE(*a.host_network);
  EXPECT_EQ(a.host_network.origin.path, "services.a.network_mode");
  EXPECT_TRUE(*a.host_pid);
  EXPECT_TRUE(*a.host_ipc);
  EXPECT_TRUE(*a.host_uts);
  EXPECT_TRUE(*a.host_userns);
  const RunSpec& b = p.Run("b");
  EXPECT_TRUE(*b.read_only_root_fs);
  EXPECT_TRUE(*b.privileged);
  EXPECT_FALSE(*b.host_network);
  EXPECT_FALSE(*b.host_ipc);
  EXPECT_FALSE(b.host_pid.has());
}

TEST(Compose, Capabilities) {
  Parsed p = Parse(
      "services:\n"
      "  a:\n"
      "    image: x\n"
      "    cap_add:\n"
      "      - net_admin\n"
      "      - CAP_SYS_ADMIN\n"
      "    cap_drop: [ALL]\n");
  ASSERT_EQ(p.set.errors.size(), 0u) << p.Errors();
  const RunSpec& a = p.Run("a");
  ASSERT_EQ(a.cap_add.size(), 2u);
  EXPECT_EQ(a.cap_add[0].value, "NET_ADMIN");
  EXPECT_EQ(a.cap_add[1].value, "SYS_ADMIN");
  EXPECT_EQ(a.cap_add[1].origin.line, 6);
  EXPECT_EQ(a.cap_add[1].origin.column, 9);
  EXPECT_EQ(a.cap_add[1].origin.path, "services.a.cap_add[1]");
  ASSERT_EQ(a.cap_drop.size(), 1u);
  EXPECT_EQ(a.cap_drop[0].value, "ALL");
}

TEST(Compose, SecurityOptions) {
  Parsed p = Parse(
      "services:\n"
      "  colon:\n"
      "    image: x\n"
      "    security_opt:\n"
      "      - no-new-privileges:true\n"
      "      - seccomp:unconfined\n"
      "      - apparmor:unconfined\n"
      "      - label:disable\n"
      "  equals:\n"
      "    image: x\n"
      "    security_opt:\n"
      "      - no-new-privileges=true\n"
      "      - seccomp=./profile.json\n"
      "      - apparmor=my-profile\n"
      "      - label=type:svirt_apache_t\n"
      "      - systempaths=unconfined\n"
      "  bare:\n"
      "    image: x\n"
      "    security_opt: [no-new-privileges, \"label:type:container_t\", \"label:user:u\"]\n"
      "  off:\n"
      "    image: x\n"
      "    security_opt: [\"no-new-privileges:false\"]\n");
  ASSERT_EQ(p.set.errors.size(), 0u) << p.Errors();
  const RunSpec& c = p.Run("colon");
  EXPECT_FALSE(*c.allow_privilege_escalation);
  EXPECT_EQ(c.allow_privilege_escalation.origin.line, 5);
  EXPECT_EQ(*c.seccomp, ProfileType::kUnconfined);
  EXPECT_EQ(*c.apparmor, ProfileType::kUnconfined);
  EXPECT_TRUE(*c.selinux_disabled);
  EXPECT_FALSE(c.systempaths_unconfined.has());
  const RunSpec& e = p.Run("equals");
  EXPECT_FALSE(*e.allow_privilege_escalation);
  EXPECT_EQ(*e.seccomp, ProfileType::kLocalhost);
  EXPECT_EQ(*e.seccomp_localhost_profile, "./profile.json");
  EXPECT_EQ(*e.apparmor, ProfileType::kLocalhost);
  EXPECT_EQ(*e.selinux_type, "svirt_apache_t");
  EXPECT_FALSE(e.selinux_disabled.has());
  EXPECT_TRUE(*e.systempaths_unconfined);
  const RunSpec& b = p.Run("bare");
  EXPECT_FALSE(*b.allow_privilege_escalation);
  EXPECT_EQ(*b.selinux_type, "container_t");
  EXPECT_EQ(*b.selinux_user, "u");
  EXPECT_TRUE(*p.Run("off").allow_privilege_escalation);
}

TEST(Compose, TmpfsStringAndList) {
  Parsed p = Parse(
      "services:\n"
      "  a: {image: x, tmpfs: /run}\n"
      "  b:\n"
      "    image: x\n"
      "    tmpfs:\n"
      "      - /tmp:mode=755,size=64m\n"
      "      - /cache\n");
  ASSERT_EQ(p.set.errors.size(), 0u) << p.Errors();
  ASSERT_EQ(p.Run("a").mounts.size(), 1u);
  EXPECT_EQ(p.Run("a").mounts[0].type, MountType::kTmpfs);
  EXPECT_EQ(p.Run("a").mounts[0].target, "/run");
  const auto& m = p.Run("b").mounts;
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].target, "/tmp");
  EXPECT_EQ(m[0].options, (std::vector<std::string>{"mode=755", "size=64m"}));
  EXPECT_EQ(m[0].origin.line, 6);
  EXPECT_EQ(m[0].origin.path, "services.b.tmpfs[0]");
  EXPECT_EQ(m[1].target, "/cache");
  EXPECT_TRUE(m[1].options.empty());
}

TEST(Compose, VolumesShortSyntax) {
  Parsed p = Parse(
      "services:\n"
      "  a:\n"
      "    image: x\n"
      "    volumes:\n"
      "      - /var/run/docker.sock:/var/run/docker.sock\n"
      "      - ./conf:/etc/app:ro\n"
      "      - ~/.ssh:/root/.ssh:ro,z\n"
      "      - data:/var/lib/data\n"
      "      - /scratch\n"
      "      - ${HOST_DIR}/logs:/logs:rw\n"
      "      - ${DATA_VOL:-named}:/d\n"
      "      - /:/host\n",
      ComposeOptions{{{"HOST_DIR", "/srv"}}, ""});
  ASSERT_EQ(p.set.errors.size(), 0u) << p.Errors();
  const auto& m = p.Run("a").mounts;
  ASSERT_EQ(m.size(), 8u);
  EXPECT_EQ(m[0].type, MountType::kBind);
  EXPECT_EQ(m[0].source, "/var/run/docker.sock");
  EXPECT_EQ(m[0].target, "/var/run/docker.sock");
  EXPECT_FALSE(m[0].read_only);
  EXPECT_EQ(m[0].origin.line, 5);
  EXPECT_EQ(m[0].origin.path, "services.a.volumes[0]");
  EXPECT_EQ(m[1].type, MountType::kBind);
  EXPECT_EQ(m[1].source, "./conf");
  EXPECT_TRUE(m[1].read_only);
  EXPECT_EQ(m[2].type, MountType::kBind);
  EXPECT_EQ(m[2].options, (std::vector<std::string>{"ro", "z"}));
  EXPECT_TRUE(m[2].read_only);
  EXPECT_EQ(m[3].type, MountType::kVolume);
  EXPECT_EQ(m[3].source, "data");
  EXPECT_EQ(m[4].type, MountType::kVolume);
  EXPECT_EQ(m[4].source, "");
  EXPECT_EQ(m[4].target, "/scratch");
  EXPECT_EQ(m[5].type, MountType::kBind);
  EXPECT_EQ(m[5].source, "/srv/logs");
  EXPECT_FALSE(m[5].read_only);
  EXPECT_EQ(m[6].type, MountType::kVolume);
  EXPECT_EQ(m[6].source, "named");
  EXPECT_EQ(m[7].source, "/");
  EXPECT_EQ(m[7].type, MountType::kBind);
}

TEST(Compose, VolumesLongSyntax) {
  Parsed p = Parse(
      "services:\n"
      "  a:\n"
      "    image: x\n"
      "    volumes:\n"
      "      - type: bind\n"
      "        source: /etc\n"
      "        target: /host-etc\n"
      "        read_only: true\n"
      "        bind:\n"
      "          propagation: rshared\n"
      "      - type: volume\n"
      "        source: db\n"
      "        target: /db\n"
      "        volume:\n"
      "          nocopy: true\n"
      "      - type: tmpfs\n"
      "        target: /tmp\n"
      "        tmpfs:\n"
      "          size: 1000\n"
      "          mode: 1777\n"
      "      - source: ./rel\n"
      "        target: /rel\n");
  ASSERT_EQ(p.set.errors.size(), 0u) << p.Errors();
  const auto& m = p.Run("a").mounts;
  ASSERT_EQ(m.size(), 4u);
  EXPECT_EQ(m[0].type, MountType::kBind);
  EXPECT_EQ(m[0].source, "/etc");
  EXPECT_EQ(m[0].target, "/host-etc");
  EXPECT_TRUE(m[0].read_only);
  EXPECT_EQ(m[0].options, (std::vector<std::string>{"propagation=rshared"}));
  EXPECT_EQ(m[0].origin.line, 5);
  EXPECT_EQ(m[1].type, MountType::kVolume);
  EXPECT_FALSE(m[1].read_only);
  EXPECT_EQ(m[1].options, (std::vector<std::string>{"nocopy=true"}));
  EXPECT_EQ(m[2].type, MountType::kTmpfs);
  EXPECT_EQ(m[2].options, (std::vector<std::string>{"size=1000", "mode=1777"}));
  EXPECT_EQ(m[3].type, MountType::kBind);
}

TEST(Compose, Resources) {
  Parsed p = Parse(
      "services:\n"
      "  a:\n"
      "    image: x\n"
      "    mem_limit: 512m\n"
      "    memswap_limit: -1\n"
      "    mem_reservation: 128m\n"
      "    cpus: 0.5\n"
      "    cpu_shares: 512\n"
      "    pids_limit: 100\n"
      "    ulimits:\n"
      "      nproc: 65535\n"
      "      nofile:\n"
      "        soft: 1024\n"
      "        hard: 4096\n"
      "  b:\n"
      "    image: x\n"
      "    mem_limit: 1073741824\n"
      "    memswap_limit: 2g\n"
      "    cpus: \"1.5\"\n"
      "    ulimits: {nofile: 20000}\n"
      "    pids_limit: -1\n"
      "  c:\n"
      "    image: x\n"
      "    cpu_quota: 50000\n"
      "    cpu_period: 200000\n"
      "  d:\n"
      "    image: x\n"
      "    mem_limit: 1g\n"
      "    cpus: 4\n"
      "    deploy:\n"
      "      resources:\n"
      "        limits: {cpus: '0.25', memory: 256M, pids: 50}\n"
      "        reservations: {cpus: '0.1', memory: 64M}\n");
  ASSERT_EQ(p.set.errors.size(), 0u) << p.Errors();
  const RunSpec& a = p.Run("a");
  EXPECT_EQ(*a.memory_limit, 512 * 1024 * 1024);
  EXPECT_EQ(a.memory_limit.origin.line, 4);
  EXPECT_EQ(*a.memory_swap, -1);
  EXPECT_EQ(*a.memory_request, 128 * 1024 * 1024);
  EXPECT_DOUBLE_EQ(*a.cpu_limit, 0.5);
  EXPECT_EQ(*a.cpu_shares, 512);
  EXPECT_EQ(*a.pids_limit, 100);
  EXPECT_EQ(*a.nofile_soft, 1024);
  EXPECT_EQ(*a.nofile_hard, 4096);
  EXPECT_EQ(a.nofile_hard.origin.path, "services.a.ulimits.nofile.hard");
  const RunSpec& b = p.Run("b");
  EXPECT_EQ(*b.memory_limit, 1073741824);
  EXPECT_EQ(*b.memory_swap, 2LL * 1024 * 1024 * 1024);
  EXPECT_DOUBLE_EQ(*b.cpu_limit, 1.5);
  EXPECT_EQ(*b.nofile_soft, 20000);
  EXPECT_EQ(*b.nofile_hard, 20000);
  EXPECT_EQ(*b.pids_limit, -1);
  EXPECT_DOUBLE_EQ(*p.Run("c").cpu_limit, 0.25);
  const RunSpec& d = p.Run("d");
  EXPECT_DOUBLE_EQ(*d.cpu_limit, 0.25);
  EXPECT_EQ(d.cpu_limit.origin.path, "services.d.deploy.resources.limits.cpus");
  EXPECT_EQ(*d.memory_limit, 256 * 1024 * 1024);
  EXPECT_EQ(*d.pids_limit, 50);
  EXPECT_DOUBLE_EQ(*d.cpu_request, 0.1);
  EXPECT_EQ(*d.memory_request, 64 * 1024 * 1024);
}

TEST(Compose, EnvironmentMapAndList) {
  Parsed p = Parse(
      "services:\n"
      "  a:\n"
      "    image: x\n"
      "    environment:\n"
      "      DEBUG: \"true\"\n"
      "      PORT: 8080\n"
      "      FLAG: false\n"
      "      FROM_HOST:\n"
      "      EMPTY: \"\"\n"
      "  b:\n"
      "    image: x\n"
      "    environment:\n"
      "      - DB_PASSWORD=s3cr3t=x\n"
      "      - HOST_ONLY\n"
      "      - BLANK=\n");
  ASSERT_EQ(p.set.errors.size(), 0u) << p.Errors();
  const auto& ea = p.Run("a").env;
  ASSERT_EQ(ea.size(), 5u);
  EXPECT_EQ(ea[0].name, "DEBUG");
  EXPECT_EQ(ea[0].value, "true");
  EXPECT_EQ(ea[0].origin.line, 5);
  EXPECT_EQ(ea[0].origin.path, "services.a.environment.DEBUG");
  EXPECT_EQ(ea[1].value, "8080");
  EXPECT_EQ(ea[2].value, "false");
  EXPECT_EQ(ea[3].source, EnvSource::kHost);
  EXPECT_EQ(ea[4].source, EnvSource::kLiteral);
  EXPECT_EQ(ea[4].value, "");
  const auto& eb = p.Run("b").env;
  ASSERT_EQ(eb.size(), 3u);
  EXPECT_EQ(eb[0].name, "DB_PASSWORD");
  EXPECT_EQ(eb[0].value, "s3cr3t=x");
  EXPECT_EQ(eb[0].source, EnvSource::kLiteral);
  EXPECT_EQ(eb[0].origin.line, 13);
  EXPECT_EQ(eb[1].name, "HOST_ONLY");
  EXPECT_EQ(eb[1].source, EnvSource::kHost);
  EXPECT_EQ(eb[2].value, "");
  EXPECT_EQ(eb[2].source, EnvSource::kLiteral);
}

TEST(Compose, EnvFileForms) {
  Parsed p = Parse(
      "services:\n"
      "  a: {image: x, env_file: .env.a}\n"
      "  b:\n"
      "    image: x\n"
      "    env_file:\n"
      "      - common.env\n"
      "      - path: ./override.env\n"
      "        required: false\n");
  ASSERT_EQ(p.set.errors.size(), 0u) << p.Errors();
  ASSERT_EQ(p.Run("a").env_from.size(), 1u);
  EXPECT_EQ(p.Run("a").env_from[0].name, ".env.a");
  EXPECT_EQ(p.Run("a").env_from[0].kind, model::EnvFrom::Kind::kFile);
  const auto& b = p.Run("b").env_from;
  ASSERT_EQ(b.size(), 2u);
  EXPECT_EQ(b[0].name, "common.env");
  EXPECT_EQ(b[1].name, "./override.env");
  EXPECT_EQ(b[1].origin.line, 7);
}

TEST(Compose, Secrets) {
  Parsed p = Parse(
      "services:\n"
      "  a:\n"
      "    image: x\n"
      "    secrets:\n"
      "      - db_password\n"
      "      - source: api_key\n"
      "        target: key.txt\n"
      "      - source: cert\n"
      "        target: /etc/ssl/cert.pem\n"
      "      - source: plain\n"
      "secrets:\n"
      "  db_password: {file: ./db_password.txt}\n");
  ASSERT_EQ(p.set.errors.size(), 0u) << p.Errors();
  const auto& m = p.Run("a").mounts;
  ASSERT_EQ(m.size(), 4u);
  EXPECT_EQ(m[0].type, MountType::kSecret);
  EXPECT_EQ(m[0].source, "db_password");
  EXPECT_EQ(m[0].target, "/run/secrets/db_password");
  EXPECT_TRUE(m[0].read_only);
  EXPECT_EQ(m[1].target, "/run/secrets/key.txt");
  EXPECT_EQ(m[2].target, "/etc/ssl/cert.pem");
  EXPECT_EQ(m[3].target, "/run/secrets/plain");
}

TEST(Compose, DevicesGroupsSysctls) {
  Parsed p = Parse(
      "services:\n"
      "  a:\n"
      "    image: x\n"
      "    devices:\n"
      "      - /dev/ttyUSB0:/dev/ttyUSB0\n"
      "      - source: /dev/fuse\n"
      "        permissions: rwm\n"
      "    group_add: [audio, 1001, \"44\"]\n"
      "    sysctls:\n"
      "      net.core.somaxconn: 1024\n"
      "      net.ipv4.ip_unprivileged_port_start: 0\n"
      "  b:\n"
      "    image: x\n"
      "    sysctls:\n"
      "      - net.ipv4.tcp_syncookies=0\n");
  ASSERT_EQ(p.set.errors.size(), 0u) << p.Errors();
  const RunSpec& a = p.Run("a");
  ASSERT_EQ(a.devices.size(), 2u);
  EXPECT_EQ(a.devices[0].value, "/dev/ttyUSB0:/dev/ttyUSB0");
  EXPECT_EQ(a.devices[1].value, "/dev/fuse:rwm");
  ASSERT_EQ(a.supplemental_groups.size(), 2u);
  EXPECT_EQ(a.supplemental_groups[0].first, 1001);
  EXPECT_EQ(a.supplemental_groups[1].first, 44);
  EXPECT_EQ(a.supplemental_groups[1].second.line, 8);
  ASSERT_EQ(a.sysctls.size(), 2u);
  EXPECT_EQ(a.sysctls[0].name, "net.core.somaxconn");
  EXPECT_EQ(a.sysctls[0].value, "1024");
  EXPECT_EQ(a.sysctls[1].origin.line, 11);
  const RunSpec& b = p.Run("b");
  ASSERT_EQ(b.sysctls.size(), 1u);
  EXPECT_EQ(b.sysctls[0].name, "net.ipv4.tcp_syncookies");
  EXPECT_EQ(b.sysctls[0].value, "0");
}

TEST(Compose, Ports) {
  Parsed p = Parse(
      "services:\n"
      "  a:\n"
      "    image: x\n"
      "    ports:\n"
      "      - \"8080:80\"\n"
      "      - 127.0.0.1:5353:53/udp\n"
      "      - \"3000\"\n"
      "      - 9090\n"
      "      - \"8000-8010:8000-8010\"\n"
      "      - target: 443\n"
      "        published: \"8443\"\n"
      "        host_ip: 0.0.0.0\n"
      "        protocol: TCP\n"
      "        mode: host\n"
      "      - target: 22\n");
  ASSERT_EQ(p.set.errors.size(), 0u) << p.Errors();
  const auto& ports = p.Run("a").ports;
  ASSERT_EQ(ports.size(), 7u);
  EXPECT_EQ(ports[0].host_port, 8080);
  EXPECT_EQ(ports[0].container_port, 80);
  EXPECT_EQ(ports[0].origin.line, 5);
  EXPECT_EQ(ports[1].host_ip, "127.0.0.1");
  EXPECT_EQ(ports[1].protocol, "udp");
  EXPECT_EQ(ports[1].host_port, 5353);
  EXPECT_EQ(ports[2].host_port, 0);
  EXPECT_EQ(ports[2].container_port, 3000);
  EXPECT_EQ(ports[3].container_port, 9090);
  EXPECT_EQ(ports[4].host_port, 8000);
  EXPECT_EQ(ports[4].container_port, 8000);
  EXPECT_EQ(ports[5].container_port, 443);
  EXPECT_EQ(ports[5].host_port, 8443);
  EXPECT_EQ(ports[5].host_ip, "0.0.0.0");
  EXPECT_EQ(ports[5].protocol, "tcp");
  EXPECT_EQ(ports[5].origin.line, 10);
  EXPECT_EQ(ports[6].container_port, 22);
  EXPECT_EQ(ports[6].host_port, 0);
}

TEST(Compose, EntrypointAndCommand) {
  Parsed p = Parse(
      "services:\n"
      "  a:\n"
      "    image: x\n"
      "    entrypoint: /bin/sh -c\n"
      "    command: 'echo \"hello world\" && sleep 1'\n"
      "  b:\n"
      "    image: x\n"
      "    entrypoint: [\"/usr/bin/tini\", \"--\"]\n"
      "    command:\n"
      "      - nginx\n"
      "      - -g\n"
      "      - daemon off;\n");
  ASSERT_EQ(p.set.errors.size(), 0u) << p.Errors();
  const RunSpec& a = p.Run("a");
  ASSERT_EQ(a.command.size(), 2u);
  EXPECT_EQ(a.command[0].value, "/bin/sh");
  EXPECT_EQ(a.command[1].value, "-c");
  ASSERT_EQ(a.args.size(), 5u);
  EXPECT_EQ(a.args[1].value, "hello world");
  EXPECT_EQ(a.args[2].value, "&&");
  EXPECT_EQ(a.args[0].origin.line, 5);
  const RunSpec& b = p.Run("b");
  ASSERT_EQ(b.command.size(), 2u);
  EXPECT_EQ(b.command[1].value, "--");
  ASSERT_EQ(b.args.size(), 3u);
  EXPECT_EQ(b.args[2].value, "daemon off;");
  EXPECT_EQ(b.args[2].origin.line, 12);
  EXPECT_EQ(b.args[2].origin.path, "services.b.command[2]");
}

TEST(Compose, PullPolicy) {
  Parsed p = Parse("services:\n  a: {image: x, pull_policy: always}\n");
  EXPECT_EQ(*p.Run("a").image_pull_policy, "always");
}

// ---- interpolation in context ----

TEST(ComposeInterpolation, EnvironmentBeatsDotenv) {
  ComposeOptions options;
  options.environment = {{"TAG", "from-env"}};
  options.dotenv = "TAG=from-dotenv\nUSER_ID=1234\n# comment\nMEM='256m'\n";
  Parsed p = Parse(
      "services:\n"
      "  a:\n"
      "    image: \"nginx:${TAG}\"\n"
      "    user: $USER_ID\n"
      "    mem_limit: ${MEM}\n"
      "    environment:\n"
      "      PRICE: $$5\n"
      "      LITERAL: \"$${NOT_EXPANDED}\"\n",
      options);
  ASSERT_EQ(p.set.errors.size(), 0u) << p.Errors();
  const RunSpec& a = p.Run("a");
  EXPECT_EQ(*a.image, "nginx:from-env");
  EXPECT_EQ(*a.run_as_user, 1234);
  EXPECT_EQ(*a.memory_limit, 256 * 1024 * 1024);
  EXPECT_EQ(a.env[0].value, "$5");
  EXPECT_EQ(a.env[1].value, "${NOT_EXPANDED}");
  EXPECT_TRUE(p.diagnostics.empty());
}

TEST(ComposeInterpolation, UnsetVariableWarnsOncePerName) {
  Parsed p = Parse(
      "services:\n"
      "  a:\n"
      "    image: \"app:${VERSION}\"\n"
      "    environment:\n"
      "      V: ${VERSION}\n"
      "      W: ${OTHER:-fine}\n");
  ASSERT_EQ(p.set.errors.size(), 0u) << p.Errors();
  EXPECT_EQ(*p.Run("a").image, "app:");
  int warnings = 0;
  for (const auto& d : p.diagnostics) {
    if (d.message.find("VERSION") != std::string::npos) {
      ++warnings;
      EXPECT_EQ(d.level, core::DiagnosticLevel::kWarning);
      EXPECT_EQ(d.where.line, 3);
    }
  }
  EXPECT_EQ(warnings, 1);
  EXPECT_EQ(p.Run("a").env[0].source, EnvSource::kLiteral);  // "" from an unset variable
  EXPECT_EQ(p.Run("a").env[0].value, "");
  EXPECT_EQ(p.Run("a").env[1].value, "fine");
}

TEST(ComposeInterpolation, EmptyNumbersAndSizesAreUnset) {
  Parsed p = Parse(
      "services:\n"
      "  a:\n"
      "    image: x\n"
      "    mem_limit: ${MEM_LIMIT}\n"
      "    cpus: ${CPUS:-}\n"
      "    read_only: ${RO}\n"
      "    pids_limit: ${PIDS}\n");
  ASSERT_TRUE(p.set.errors.empty()) << p.Errors();
  EXPECT_FALSE(p.Run("a").memory_limit.has());
  EXPECT_FALSE(p.Run("a").cpu_limit.has());
  EXPECT_FALSE(p.Run("a").read_only_root_fs.has());
  EXPECT_FALSE(p.Run("a").pids_limit.has());
}

TEST(ComposeInterpolation, RequiredVariableIsAWarningAtTheValue) {
  Parsed p = Parse(
      "services:\n"
      "  a:\n"
      "    image: x\n"
      "    environment:\n"
      "      DB_HOST: ${DB_HOST:?set DB_HOST in .env}\n"
      "  b:\n"
      "    image: y\n");
  // Compose refuses to start without it; the file itself is fine, so the audit goes on with ""
  // and warns at the value.
  EXPECT_TRUE(p.set.errors.empty());
  ASSERT_EQ(p.diagnostics.size(), 1u);
  const auto& d = p.diagnostics[0];
  EXPECT_EQ(d.where.line, 5);
  EXPECT_EQ(d.where.column, 16);
  EXPECT_EQ(d.where.path, "services.a.environment.DB_HOST");
  EXPECT_NE(d.message.find("required variable DB_HOST is not set: set DB_HOST in .env"),
            std::string::npos)
      << d.message;
  EXPECT_EQ(p.set.runs.size(), 2u);  // both services still load
}

TEST(ComposeInterpolation, MalformedExpressionIsAnError) {
  Parsed p = Parse("services:\n  a:\n    image: \"nginx:${TAG\"\n");
  ASSERT_EQ(p.set.errors.size(), 1u);
  EXPECT_EQ(p.set.errors[0].where.line, 3);
  EXPECT_NE(p.set.errors[0].message.find("invalid interpolation format"), std::string::npos);
  EXPECT_FALSE(p.Run("a").image.has());
}

TEST(ComposeInterpolation, KeysAndExtensionsAreNotInterpolated) {
  Parsed p = Parse(
      "x-unused: ${NEVER:?not evaluated}\n"
      "services:\n"
      "  a:\n"
      "    image: x\n"
      "    environment:\n"
      "      $KEY: v\n");
  ASSERT_EQ(p.set.errors.size(), 0u) << p.Errors();
  EXPECT_EQ(p.Run("a").env[0].name, "$KEY");
}

TEST(ComposeInterpolation, ExpansionBombIsBounded) {
  std::string value;
  for (int i = 0; i < 5000; ++i) value += "$BIG";
  std::string text = "services:\n  a:\n    image: x\n    environment:\n";
  for (int i = 0; i < 20; ++i) text += "      V" + std::to_string(i) + ": " + value + "\n";
  ComposeOptions options;
  options.environment = {{"BIG", std::string(1000, 'x')}};
  Parsed p = Parse(text, options);
  ASSERT_GE(p.set.errors.size(), 1u);
  EXPECT_NE(p.set.errors[0].message.find("larger than"), std::string::npos);
}

// ---- anchors and merge keys, as real files use them ----

TEST(ComposeYaml, AnchorsAndMergeKeys) {
  Parsed p = Parse(
      "x-common: &common\n"
      "  restart: unless-stopped\n"
      "  read_only: true\n"
      "  cap_drop: [ALL]\n"
      "  security_opt:\n"
      "    - no-new-privileges:true\n"
      "x-env: &env\n"
      "  LOG_LEVEL: info\n"
      "services:\n"
      "  api:\n"
      "    <<: *common\n"
      "    image: api:1\n"
      "    environment:\n"
      "      <<: *env\n"
      "      PORT: \"80\"\n"
      "  worker:\n"
      "    <<: *common\n"
      "    image: worker:1\n"
      "    read_only: false\n");
  ASSERT_EQ(p.set.errors.size(), 0u) << p.Errors();
  const RunSpec& api = p.Run("api");
  EXPECT_TRUE(*api.read_only_root_fs);
  ASSERT_EQ(api.cap_drop.size(), 1u);
  EXPECT_EQ(api.cap_drop[0].value, "ALL");
  EXPECT_FALSE(*api.allow_privilege_escalation);
  ASSERT_EQ(api.env.size(), 2u);
  const RunSpec& worker = p.Run("worker");
  EXPECT_FALSE(*worker.read_only_root_fs);  // explicit key wins over the merge
  EXPECT_EQ(worker.read_only_root_fs.origin.line, 19);
  EXPECT_EQ(worker.cap_drop.size(), 1u);
}

// ---- documents and shapes ----

TEST(ComposeShape, WrongShapesAreErrorsWithLines) {
  Parsed p = Parse(
      "services:\n"
      "  a:\n"
      "    image: x\n"
      "    cap_add: NET_ADMIN\n"
      "    mem_limit: lots\n"
      "    privileged: maybe\n"
      "    ports: [\"http\"]\n"
      "    read_only: true\n"
      "  b: [not, a, mapping]\n"
      "  c:\n"
      "  d:\n"
      "    image: {name: x}\n"
      "    cpus: fast\n"
      "    volumes: /data\n"
      "    command: \"echo 'unterminated\"\n"
      "  e:\n"
      "    image: fine\n");
  ASSERT_EQ(p.set.runs.size(), 3u);            // a, d, e
  EXPECT_TRUE(*p.Run("a").read_only_root_fs);  // other fields still read
  EXPECT_FALSE(p.Run("a").memory_limit.has());
  EXPECT_EQ(*p.Run("e").image, "fine");
  struct Want {
    int line;
    const char* path;
    const char* message;
  };
  const Want want[] = {
      {4, "services.a.cap_add", "expected a list, got a scalar"},
      {5, "services.a.mem_limit", "invalid byte size 'lots'"},
      {6, "services.a.privileged", "expected true or false, got 'maybe'"},
      {7, "services.a.ports[0]", "invalid port 'http'"},
      {9, "services.b", "a service must be a mapping, got a sequence"},
      {10, "services.c", "a service must be a mapping, got nothing"},
      {12, "services.d.image", "expected a string, got a mapping"},
      {13, "services.d.cpus", "expected a non-negative number, got 'fast'"},
      {14, "services.d.volumes", "expected a list, got a scalar"},
      {15, "services.d.command", "unterminated quote"},
  };
  ASSERT_EQ(p.set.errors.size(), std::size(want)) << p.Errors();
  for (std::size_t i = 0; i < std::size(want); ++i) {
    const auto& e = p.set.errors[i];
    EXPECT_EQ(e.where.line, want[i].line) << e.message;
    EXPECT_EQ(e.where.path, want[i].path) << e.message;
    EXPECT_EQ(e.where.file, "compose.yaml");
    EXPECT_EQ(e.message.rfind(want[i].message, 0), 0u) << e.message;
  }
}

TEST(ComposeShape, ServicesMustBeAMapping) {
  Parsed p = Parse("services:\n  - web\n");
  ASSERT_EQ(p.set.errors.size(), 1u);
  EXPECT_EQ(p.set.errors[0].where.line, 2);
  EXPECT_EQ(p.set.errors[0].where.path, "services");
  EXPECT_NE(p.set.errors[0].message.find("expected a mapping"), std::string::npos);
  p = Parse("- just\n- a list\n");
  ASSERT_EQ(p.set.errors.size(), 1u);
  EXPECT_NE(p.set.errors[0].message.find("must be a mapping"), std::string::npos);
}

TEST(ComposeShape, EmptyInputsYieldNothing) {
  for (const char* text : {"", "# only a comment\n", "services:\n", "version: '3'\n",
                           "services: {}\n", "volumes:\n  data: {}\n"}) {
    Parsed p = Parse(text);
    EXPECT_TRUE(p.set.errors.empty()) << text << p.Errors();
    EXPECT_TRUE(p.set.runs.empty()) << text;
  }
}

TEST(ComposeShape, YamlSyntaxErrorIsAParseError) {
  Parsed p = Parse("services:\n  a:\n    image: [unclosed\n");
  ASSERT_GE(p.set.errors.size(), 1u);
  EXPECT_GT(p.set.errors[0].where.line, 0);
}

TEST(ComposeShape, LaterDocumentsAddNewServicesOnly) {
  Parsed p = Parse(
      "services:\n"
      "  a: {image: first}\n"
      "---\n"
      "services:\n"
      "  a: {image: second}\n"
      "  b: {image: other}\n");
  ASSERT_TRUE(p.set.errors.empty()) << p.Errors();
  ASSERT_EQ(p.set.runs.size(), 2u);
  EXPECT_EQ(*p.Run("a").image, "first");
  EXPECT_EQ(*p.Run("b").image, "other");
  EXPECT_EQ(p.Run("b").origin.line, 6);
  EXPECT_TRUE(p.HasDiagnostic("several YAML documents"));
}

TEST(Compose, IsComposeDocument) {
  auto doc = [](std::string_view text) {
    auto stream = yaml::ParseYamlStream(text, "t.yaml");
    EXPECT_FALSE(stream.error.has_value());
    return stream.documents.empty() ? yaml::YamlNode{} : stream.documents[0].root;
  };
  EXPECT_TRUE(IsComposeDocument(doc("services:\n  a: {image: x}\n")));
  EXPECT_TRUE(IsComposeDocument(doc("version: '3.8'\nservices:\n")));
  EXPECT_FALSE(IsComposeDocument(doc("services:\n")));
  EXPECT_FALSE(IsComposeDocument(doc("apiVersion: v1\nkind: Pod\n")));
  EXPECT_FALSE(IsComposeDocument(doc("services: [a]\n")));
  EXPECT_FALSE(IsComposeDocument(doc("- a\n")));
}

TEST(Compose, FromDocumentUsesTheDisplayName) {
  auto stream = yaml::ParseYamlStream("services:\n  a:\n    image: x\n", "in.yaml");
  ASSERT_FALSE(stream.error);
  core::Diagnostics diags;
  model::RunSet set = FromDocument(stream.documents[0].root, "deploy/compose.yml", {}, diags);
  ASSERT_EQ(set.runs.size(), 1u);
  EXPECT_EQ(set.file, "deploy/compose.yml");
  EXPECT_EQ(set.runs[0].origin.file, "deploy/compose.yml");
  EXPECT_EQ(set.runs[0].image.origin.file, "deploy/compose.yml");
}

class ComposeFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("drydock-compose-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  std::filesystem::path dir_;
};

TEST_F(ComposeFileTest, ReadsDotenvBesideTheFile) {
  Write("compose.yaml", "services:\n  a:\n    image: \"app:${TAG}\"\n    user: ${UID_GID}\n");
  Write(".env", "TAG=2.0\nUID_GID=\"1000:1000\"\n");
  core::Diagnostics diags;
  model::RunSet set = ParseComposeFile((dir_ / "compose.yaml").string(), "compose.yaml", {}, diags);
  ASSERT_TRUE(set.errors.empty());
  ASSERT_EQ(set.runs.size(), 1u);
  EXPECT_EQ(*set.runs[0].image, "app:2.0");
  EXPECT_EQ(*set.runs[0].run_as_group, 1000);
  EXPECT_EQ(set.runs[0].origin.file, "compose.yaml");
  EXPECT_TRUE(diags.empty());

  // Given dotenv text wins over the file; the environment wins over both.
  ComposeOptions options;
  options.dotenv = "TAG=3.0\n";
  options.environment = {{"UID_GID", "0"}};
  set = ParseComposeFile((dir_ / "compose.yaml").string(), "compose.yaml", options, diags);
  EXPECT_EQ(*set.runs[0].image, "app:3.0");
  EXPECT_EQ(*set.runs[0].run_as_user, 0);
}

TEST_F(ComposeFileTest, MissingFileIsAParseError) {
  core::Diagnostics diags;
  model::RunSet set = ParseComposeFile((dir_ / "nope.yaml").string(), "nope.yaml", {}, diags);
  ASSERT_EQ(set.errors.size(), 1u);
  EXPECT_EQ(set.errors[0].where.file, "nope.yaml");
  EXPECT_TRUE(set.runs.empty());
}

}  // namespace
}  // namespace drydock::sources::compose
