// SPDX-License-Identifier: Apache-2.0
// The `docker run` flag parser: pflag syntax, every field mapping, errors with
// columns.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "test_util.h"

namespace drydock::sources::dockerrun {
namespace {

using ::testing::ElementsAre;
using testing::Err;
using testing::One;
using testing::Script;
using testing::Texts;

// ---- syntax ----

TEST(DockerRunFlags, SeedLine) {
  model::RunSpec s =
      One("docker run --read-only --tmpfs "
          "/tmp:rw,noexec,nosuid,size=64m --memory=512m "
          "--memory-swap=512m --cpus=1.0 --pids-limit=256 "
          "--ulimit nofile=1024:1024 --cap-drop=ALL "
          "--cap-add=NET_BIND_SERVICE --security-opt "
          "no-new-privileges --user 1000:1000 myapp:1.0");
  EXPECT_EQ(s.kind, model::RunKind::kDockerRun);
  EXPECT_EQ(s.workload, "docker run");
  EXPECT_EQ(s.file, "run.sh");
  EXPECT_EQ(*s.image, "myapp:1.0");
  EXPECT_EQ(s.image.origin.column, 242);
  EXPECT_TRUE(*s.read_only_root_fs);
  ASSERT_EQ(s.mounts.size(), 1u);
  EXPECT_EQ(s.mounts[0].type, model::MountType::kTmpfs);
  EXPECT_EQ(s.mounts[0].target, "/tmp");
  EXPECT_THAT(s.mounts[0].options, ElementsAre("rw", "noexec", "nosuid", "size=64m"));
  EXPECT_FALSE(s.mounts[0].read_only);
  EXPECT_EQ(*s.memory_limit, 512LL << 20);
  EXPECT_EQ(*s.memory_swap, 512LL << 20);
  EXPECT_DOUBLE_EQ(*s.cpu_limit, 1.0);
  EXPECT_EQ(*s.pids_limit, 256);
  EXPECT_EQ(*s.nofile_soft, 1024);
  EXPECT_EQ(*s.nofile_hard, 1024);
  EXPECT_THAT(Texts(s.cap_drop), ElementsAre("ALL"));
  EXPECT_THAT(Texts(s.cap_add), ElementsAre("NET_BIND_SERVICE"));
  EXPECT_FALSE(*s.allow_privilege_escalation);
  EXPECT_EQ(*s.user, "1000:1000");
  EXPECT_EQ(*s.run_as_user, 1000);
  EXPECT_EQ(*s.run_as_group, 1000);
  EXPECT_TRUE(s.args.empty());
  // Origins: the word that holds the value, with the flag as context path.
  EXPECT_EQ(s.origin.line, 1);
  EXPECT_EQ(s.origin.column, 1);
  EXPECT_EQ(s.origin.path, "docker run");
  EXPECT_EQ(s.memory_limit.origin.column, 63);
  EXPECT_EQ(s.memory_limit.origin.path, "docker run --memory");
  EXPECT_EQ(s.mounts[0].origin.column, 32);  // the value word after --tmpfs
  EXPECT_EQ(s.mounts[0].origin.path, "docker run --tmpfs");
  EXPECT_EQ(s.user.origin.path, "docker run --user");
}

TEST(DockerRunFlags, LongFormsEqualsAndSeparate) {
  model::RunSpec a = One("docker run --name=web --memory 1g nginx");
  model::RunSpec b = One("docker run --name web --memory=1g nginx");
  EXPECT_EQ(a.name, "web");
  EXPECT_EQ(b.name, "web");
  EXPECT_EQ(*a.memory_limit, 1LL << 30);
  EXPECT_EQ(*b.memory_limit, 1LL << 30);
}

TEST(DockerRunFlags, ShortForms) {
  EXPECT_EQ(*One("docker run -m 256m nginx").memory_limit, 256LL << 20);
  EXPECT_EQ(*One("docker run -m256m nginx").memory_limit, 256LL << 20);
  EXPECT_EQ(*One("docker run -m=256m nginx").memory_limit, 256LL << 20);
  model::RunSpec p = One("docker run -p8080:80 nginx");
  ASSERT_EQ(p.ports.size(), 1u);
  EXPECT_EQ(p.ports[0].host_port, 8080);
  EXPECT_EQ(p.ports[0].container_port, 80);
}

TEST(DockerRunFlags, CombinedShorts) {
  model::RunSpec s = One("docker run -dit --rm alpine sh");
  EXPECT_EQ(*s.image, "alpine");
  EXPECT_THAT(Texts(s.args), ElementsAre("sh"));
  model::RunSpec u = One("docker run -itu 1000 alpine");
  EXPECT_EQ(*u.user, "1000");
  EXPECT_EQ(*u.run_as_user, 1000);
  EXPECT_EQ(u.user.origin.column, 17);  // the separate value word
  model::RunSpec glued = One("docker run -itu1000:50 alpine");
  EXPECT_EQ(*glued.run_as_group, 50);
  EXPECT_EQ(*One("docker run -itu=7 alpine").run_as_user, 7);
  // A value flag in the middle of a group takes the rest of the group.
  model::RunSpec e = One("docker run -ie FOO=bar alpine");
  ASSERT_EQ(e.env.size(), 1u);
  EXPECT_EQ(e.env[0].name, "FOO");
}

TEST(DockerRunFlags, DoubleDashEndsOptions) {
  model::RunSpec s = One("docker run --rm -- --weird-image-name --flag x");
  EXPECT_EQ(*s.image, "--weird-image-name");
  EXPECT_THAT(Texts(s.args), ElementsAre("--flag", "x"));
}

TEST(DockerRunFlags, FlagsAfterImageBelongToCommand) {
  model::RunSpec s = One("docker run nginx --privileged -v /:/host");
  EXPECT_FALSE(s.privileged.has());
  EXPECT_TRUE(s.mounts.empty());
  EXPECT_THAT(Texts(s.args), ElementsAre("--privileged", "-v", "/:/host"));
  EXPECT_EQ(s.args[0].origin.path, "docker run COMMAND");
}

TEST(DockerRunFlags, SubcommandSpellingsAndGlobalOptions) {
  EXPECT_EQ(*One("docker container run busybox").image, "busybox");
  EXPECT_EQ(*One("podman run busybox").image, "busybox");
  EXPECT_EQ(*One("podman container run busybox").image, "busybox");
  EXPECT_EQ(*One("/usr/bin/docker run busybox").image, "busybox");
  EXPECT_EQ(*One("docker -H tcp://x:2375 --context prod run busybox").image, "busybox");
  EXPECT_EQ(*One("docker --host=unix:///v.sock -D --tlsverify run busybox").image, "busybox");
  EXPECT_EQ(*One("docker -c prod --log-level debug container run busybox").image, "busybox");
  EXPECT_EQ(*One("podman --remote --url ssh://h run --userns=keep-id busybox").image, "busybox");
  // Not runs.
  EXPECT_TRUE(Script("docker ps -a").runs.empty());
  EXPECT_TRUE(Script("docker build -t run .").runs.empty());
  EXPECT_TRUE(Script("docker -H run ps").runs.empty());  // "run" is the -H value
  EXPECT_TRUE(Script("docker-compose run web").runs.empty());
  EXPECT_TRUE(Script("echo docker run nginx").runs.empty());
}

TEST(DockerRunFlags, BooleansAcceptExplicitValues) {
  EXPECT_FALSE(*One("docker run --read-only=false nginx").read_only_root_fs);
  EXPECT_TRUE(*One("docker run --read-only=true nginx").read_only_root_fs);
  EXPECT_TRUE(*One("docker run --read-only=1 nginx").read_only_root_fs);
  EXPECT_FALSE(*One("docker run --privileged=False nginx").privileged);
  EXPECT_TRUE(*One("docker run --privileged nginx").privileged);
  // A bool flag does not consume the next word: "false" is the image here.
  EXPECT_EQ(*One("docker run --privileged false").image, "false");
  EXPECT_FALSE(*One("docker run -d=false nginx").image == "");
  model::ParseError e = Err("docker run --rm=maybe nginx");
  EXPECT_EQ(e.message,
            "invalid argument \"maybe\" for \"--rm\" flag: "
            "strconv.ParseBool: parsing \"maybe\": "
            "invalid syntax");
}

TEST(DockerRunFlags, RepeatedFlagsAccumulate) {
  model::RunSpec s =
      One("docker run -e A=1 --env B=2 -eC -v /a:/a -v vol:/b --volume=/c:/c:ro "
          "--cap-add SYS_ADMIN "
          "--cap-add=cap_net_admin --cap-drop all --tmpfs /t1 --tmpfs=/t2:size=1m "
          "--ulimit nproc=10 --ulimit nofile=5:6 --security-opt seccomp=unconfined "
          "--security-opt apparmor:unconfined --mount type=tmpfs,dst=/m -p 80 -p "
          "127.0.0.1:443:8443 "
          "--device /dev/fuse --device=/dev/kvm --group-add 44 --group-add video "
          "--sysctl net.ipv4.ip_forward=1 --sysctl kernel.shmmax=1 --env-file "
          "a.env --env-file=b.env "
          "img");
  ASSERT_EQ(s.env.size(), 3u);
  EXPECT_EQ(s.env[2].name, "C");
  EXPECT_EQ(s.env[2].source, model::EnvSource::kHost);
  EXPECT_EQ(s.env[1].value, "2");
  EXPECT_EQ(s.mounts.size(), 6u);
  EXPECT_THAT(Texts(s.cap_add), ElementsAre("SYS_ADMIN", "NET_ADMIN"));
  EXPECT_THAT(Texts(s.cap_drop), ElementsAre("ALL"));
  EXPECT_EQ(*s.nofile_soft, 5);
  EXPECT_EQ(*s.nofile_hard, 6);
  EXPECT_EQ(*s.seccomp, model::ProfileType::kUnconfined);
  EXPECT_EQ(*s.apparmor, model::ProfileType::kUnconfined);
  ASSERT_EQ(s.ports.size(), 2u);
  EXPECT_EQ(s.ports[1].host_ip, "127.0.0.1");
  EXPECT_EQ(s.ports[1].host_port, 443);
  EXPECT_EQ(s.ports[1].container_port, 8443);
  EXPECT_THAT(Texts(s.devices), ElementsAre("/dev/fuse", "/dev/kvm"));
  ASSERT_EQ(s.supplemental_groups.size(), 1u);
  EXPECT_EQ(s.supplemental_groups[0].first, 44);
  ASSERT_EQ(s.sysctls.size(), 2u);
  EXPECT_EQ(s.sysctls[0].name, "net.ipv4.ip_forward");
  EXPECT_EQ(s.sysctls[0].value, "1");
  ASSERT_EQ(s.env_from.size(), 2u);
  EXPECT_EQ(s.env_from[1].name, "b.env");
  EXPECT_EQ(s.env_from[1].kind, model::EnvFrom::Kind::kFile);
}

// ---- field mappings ----

TEST(DockerRunFields, User) {
  model::RunSpec named = One("docker run --user app:staff img");
  EXPECT_EQ(*named.user, "app:staff");
  EXPECT_FALSE(named.run_as_user.has());
  EXPECT_FALSE(named.run_as_group.has());
  model::RunSpec mixed = One("docker run -u 0:docker img");
  EXPECT_EQ(*mixed.run_as_user, 0);
  EXPECT_FALSE(mixed.run_as_group.has());
}

TEST(DockerRunFields, Volumes) {
  model::RunSpec s =
      One("docker run -v /var/run/docker.sock:/var/run/docker.sock:ro -v "
          "./src:/app -v ~/x:/x "
          "-v data:/data -v /anon -v $PWD:/w -v /cache:ro img");
  ASSERT_EQ(s.mounts.size(), 7u);
  EXPECT_EQ(s.mounts[0].type, model::MountType::kBind);
  EXPECT_EQ(s.mounts[0].source, "/var/run/docker.sock");
  EXPECT_TRUE(s.mounts[0].read_only);
  EXPECT_EQ(s.mounts[1].type, model::MountType::kBind);
  EXPECT_EQ(s.mounts[1].source, "./src");
  EXPECT_EQ(s.mounts[2].type, model::MountType::kBind);
  EXPECT_EQ(s.mounts[3].type, model::MountType::kVolume);
  EXPECT_EQ(s.mounts[3].source, "data");
  EXPECT_EQ(s.mounts[4].type, model::MountType::kVolume);
  EXPECT_EQ(s.mounts[4].source, "");
  EXPECT_EQ(s.mounts[4].target, "/anon");
  EXPECT_EQ(s.mounts[5].type, model::MountType::kBind);
  EXPECT_EQ(s.mounts[5].source, "$PWD");
  EXPECT_EQ(s.mounts[6].target,
            "/cache");  // `dst:mode`: an anonymous volume, read-only
  EXPECT_TRUE(s.mounts[6].read_only);
}

TEST(DockerRunFields, MountCsv) {
  model::RunSpec s =
      One("docker run --mount type=bind,source=/,target=/host,readonly "
          "--mount type=volume,src=v,dst=/v --mount "
          "'type=tmpfs,destination=/t,tmpfs-size=64m,"
          "tmpfs-mode=1770' --mount "
          "type=bind,src=/etc,dst=/e,ro=false,bind-propagation=rslave "
          "--mount dst=/default img");
  ASSERT_EQ(s.mounts.size(), 5u);
  EXPECT_EQ(s.mounts[0].type, model::MountType::kBind);
  EXPECT_EQ(s.mounts[0].source, "/");
  EXPECT_EQ(s.mounts[0].target, "/host");
  EXPECT_TRUE(s.mounts[0].read_only);
  EXPECT_EQ(s.mounts[1].type, model::MountType::kVolume);
  EXPECT_EQ(s.mounts[1].source, "v");
  EXPECT_EQ(s.mounts[2].type, model::MountType::kTmpfs);
  EXPECT_THAT(s.mounts[2].options, ElementsAre("size=64m", "mode=1770"));
  EXPECT_FALSE(s.mounts[3].read_only);
  EXPECT_THAT(s.mounts[3].options, ElementsAre("rslave"));
  EXPECT_EQ(s.mounts[4].type, model::MountType::kVolume);
  EXPECT_EQ(Err("docker run --mount type=bind,foo=bar img").message,
            "invalid argument \"type=bind,foo=bar\" for \"--mount\" flag: "
            "unexpected key 'foo' "
            "in 'foo=bar'");
}

TEST(DockerRunFields, MemoryAndCpu) {
  model::RunSpec s =
      One("docker run -m 1.5g --memory-swap -1 "
          "--memory-reservation 256m -c 512 --cpus .5 img");
  EXPECT_EQ(*s.memory_limit, 1610612736);
  EXPECT_EQ(*s.memory_swap, -1);
  EXPECT_EQ(*s.memory_request, 256LL << 20);
  EXPECT_EQ(*s.cpu_shares, 512);
  EXPECT_DOUBLE_EQ(*s.cpu_limit, 0.5);
  model::RunSpec q = One("docker run --cpu-quota 50000 --cpu-period=200000 img");
  EXPECT_DOUBLE_EQ(*q.cpu_limit, 0.25);
  EXPECT_EQ(q.cpu_limit.origin.path, "docker run --cpu-quota");
  EXPECT_DOUBLE_EQ(*One("docker run --cpu-quota=150000 img").cpu_limit, 1.5);
  EXPECT_DOUBLE_EQ(*One("docker run --cpus 2 --cpu-quota=50000 img").cpu_limit, 2.0);
  EXPECT_EQ(*One("docker run --pids-limit -1 img").pids_limit, -1);
}

TEST(DockerRunFields, SecurityOptions) {
  EXPECT_FALSE(
      *One("docker run --security-opt no-new-privileges=true img").allow_privilege_escalation);
  EXPECT_FALSE(
      *One("docker run --security-opt no-new-privileges:true img").allow_privilege_escalation);
  EXPECT_TRUE(
      *One("docker run --security-opt no-new-privileges=false img").allow_privilege_escalation);
  EXPECT_EQ(*One("docker run --security-opt seccomp=builtin img").seccomp,
            model::ProfileType::kRuntimeDefault);
  model::RunSpec file = One("docker run --security-opt seccomp=/etc/prof.json img");
  EXPECT_EQ(*file.seccomp, model::ProfileType::kLocalhost);
  EXPECT_EQ(*file.seccomp_localhost_profile, "/etc/prof.json");
  EXPECT_EQ(*One("docker run --security-opt apparmor=docker-default img").apparmor,
            model::ProfileType::kRuntimeDefault);
  EXPECT_EQ(*One("docker run --security-opt apparmor=my-prof img").apparmor,
            model::ProfileType::kLocalhost);
  EXPECT_TRUE(*One("docker run --security-opt label=disable img").selinux_disabled);
  EXPECT_TRUE(*One("docker run --security-opt label:disable img").selinux_disabled);
  EXPECT_EQ(*One("docker run --security-opt label=type:spc_t img").selinux_type, "spc_t");
  EXPECT_EQ(*One("docker run --security-opt label=user:u img").selinux_user, "u");
  EXPECT_TRUE(*One("docker run --security-opt systempaths=unconfined img").systempaths_unconfined);
  EXPECT_EQ(Err("docker run --security-opt bogus img").message,
            "invalid argument \"bogus\" for \"--security-opt\" flag: Invalid "
            "--security-opt: "
            "\"bogus\"");
}

TEST(DockerRunFields, Namespaces) {
  model::RunSpec h =
      One("docker run --network host --pid=host --ipc host "
          "--uts=host --userns host --privileged "
          "img");
  EXPECT_TRUE(*h.host_network);
  EXPECT_TRUE(*h.host_pid);
  EXPECT_TRUE(*h.host_ipc);
  EXPECT_TRUE(*h.host_uts);
  EXPECT_TRUE(*h.host_userns);
  EXPECT_TRUE(*h.privileged);
  EXPECT_TRUE(*One("docker run --net=host img").host_network);
  model::RunSpec b = One("docker run --network bridge --ipc private img");
  EXPECT_FALSE(*b.host_network);
  EXPECT_FALSE(*b.host_ipc);
  EXPECT_FALSE(b.host_pid.has());
  EXPECT_FALSE(*One("podman run --userns=keep-id img").host_userns);
}

TEST(DockerRunFields, PortsEnvEntrypointNameTrust) {
  model::RunSpec s =
      One("docker run -p [::1]:8080:80/udp -p 9000-9010:9000-9010 -P "
          "--publish published=2222,target=22,protocol=tcp -e 'MSG=hello world' "
          "--entrypoint /bin/sh --name api --disable-content-trust --pull always "
          "img -c 'echo hi'");
  ASSERT_EQ(s.ports.size(), 3u);
  EXPECT_EQ(s.ports[0].host_ip, "::1");
  EXPECT_EQ(s.ports[0].protocol, "udp");
  EXPECT_EQ(s.ports[0].container_port, 80);
  EXPECT_EQ(s.ports[1].host_port, 9000);
  EXPECT_EQ(s.ports[1].container_port, 9000);
  EXPECT_EQ(s.ports[2].host_port, 2222);
  EXPECT_EQ(s.ports[2].container_port, 22);
  ASSERT_EQ(s.env.size(), 1u);
  EXPECT_EQ(s.env[0].value, "hello world");
  EXPECT_EQ(s.env[0].source, model::EnvSource::kLiteral);
  EXPECT_THAT(Texts(s.command), ElementsAre("/bin/sh"));
  EXPECT_THAT(Texts(s.args), ElementsAre("-c", "echo hi"));
  EXPECT_EQ(s.name, "api");
  EXPECT_TRUE(*s.content_trust_disabled);
  EXPECT_EQ(*s.image_pull_policy, "always");
  EXPECT_FALSE(*One("docker run --disable-content-trust=false img").content_trust_disabled);
}

TEST(DockerRunFields, LoneVariableBeforeFlagsIsTakenForOptions) {
  model::RunSpec a = One("docker run $DOCKER_OPTS -v /:/host alpine");
  EXPECT_EQ(*a.image, "alpine");
  EXPECT_EQ(a.mounts.size(), 1u);
  EXPECT_EQ(*One("docker run ${RUN_ARGS} alpine sh").image, "alpine");
  // A quoted variable is one word: the image.
  model::RunSpec q = One("docker run \"$IMAGE\" -c 'echo hi'");
  EXPECT_EQ(*q.image, "$IMAGE");
  EXPECT_THAT(Texts(q.args), ElementsAre("-c", "echo hi"));
  // Unquoted, but skipping it would make the rest invalid: it is the image.
  model::RunSpec u = One("docker run $IMAGE -c 'echo hi'");
  EXPECT_EQ(*u.image, "$IMAGE");
  EXPECT_EQ(*One("docker run $IMAGE sh").image, "$IMAGE");
  EXPECT_EQ(*One("docker run -- $OPTS x").image, "$OPTS");
}

TEST(DockerRunFields, VariablesKeptAsWritten) {
  model::RunSpec s = One("docker run -m $MEM --cpus \"${CPUS}\" -u $UID:$GID $IMAGE:${TAG}");
  EXPECT_EQ(*s.image, "$IMAGE:${TAG}");
  EXPECT_FALSE(s.memory_limit.has());  // unknown value: not an error, not set
  EXPECT_FALSE(s.cpu_limit.has());
  EXPECT_EQ(*s.user, "$UID:$GID");
  EXPECT_FALSE(s.run_as_user.has());
}

// ---- errors ----

TEST(DockerRunErrors, UnknownFlag) {
  model::ParseError e = Err("docker run --foo nginx");
  EXPECT_EQ(e.message, "unknown flag: --foo");
  EXPECT_EQ(e.where.line, 1);
  EXPECT_EQ(e.where.column, 12);
  EXPECT_EQ(Err("docker run -dz nginx").message, "unknown shorthand flag: 'z' in -dz");
}

TEST(DockerRunErrors, MissingValue) {
  model::RunSet set = Script("docker run nginx; docker run --name");
  ASSERT_EQ(set.runs.size(), 1u);
  ASSERT_EQ(set.errors.size(), 1u);
  EXPECT_EQ(set.errors[0].message, "flag needs an argument: --name");
  EXPECT_EQ(set.errors[0].where.column, 30);
  EXPECT_EQ(Err("docker run -e").message, "flag needs an argument: 'e' in -e");
}

TEST(DockerRunErrors, NoImage) {
  model::ParseError e = Err("  docker run --rm -it");
  EXPECT_EQ(e.message, "\"docker run\" requires at least 1 argument.");
  EXPECT_EQ(e.where.column, 10);
}

TEST(DockerRunErrors, MalformedValuesPointAtTheValueWord) {
  model::ParseError m = Err("docker run --memory abc nginx");
  EXPECT_EQ(m.message,
            "invalid argument \"abc\" for \"-m, --memory\" flag: "
            "invalid size: 'abc'");
  EXPECT_EQ(m.where.column, 21);
  EXPECT_EQ(Err("docker run --cpus=x nginx").where.column, 12);
  EXPECT_NE(Err("docker run --pids-limit lots nginx").message.find("strconv.ParseInt"),
            std::string::npos);
  EXPECT_NE(Err("docker run --ulimit nofile=10:5 nginx").message.find("soft limit"),
            std::string::npos);
  EXPECT_NE(Err("docker run --ulimit bogus=1 nginx").message.find("invalid ulimit type"),
            std::string::npos);
  EXPECT_NE(Err("docker run --sysctl kernel.modprobe=x nginx").message.find("not allowed"),
            std::string::npos);
  EXPECT_NE(Err("docker run -p 80:http nginx").message.find("invalid containerPort"),
            std::string::npos);
  EXPECT_NE(Err("docker run --cpu-shares 1.5 nginx").message.find("ParseInt"), std::string::npos);
  EXPECT_NE(Err("docker run --stop-timeout x nginx").message.find("ParseInt"), std::string::npos);
  EXPECT_EQ(Err("docker run ---x nginx").message, "bad flag syntax: ---x");
}

// ---- command line ----

TEST(DockerRunCommandLine, ArgvOrigins) {
  model::RunSet set = ParseCommandLine({"docker", "run", "--privileged", "-m", "1g", "nginx"});
  ASSERT_EQ(set.runs.size(), 1u);
  const model::RunSpec& s = set.runs[0];
  EXPECT_EQ(s.file, "-");
  EXPECT_EQ(s.privileged.origin.file, "-");
  EXPECT_EQ(s.privileged.origin.column, 3);
  EXPECT_EQ(s.memory_limit.origin.column, 5);
  EXPECT_EQ(s.image.origin.column, 6);
  model::RunSet bad = ParseCommandLine({"docker", "run", "--nope", "x"});
  ASSERT_EQ(bad.errors.size(), 1u);
  EXPECT_EQ(bad.errors[0].where.column, 3);
  EXPECT_EQ(ParseCommandLine({"ls"}).errors.size(), 1u);
  EXPECT_EQ(ParseCommandLine({}).errors.size(), 1u);
  // Words keep spaces: no shell splitting on the command line.
  model::RunSet sp = ParseCommandLine({"podman", "run", "-e", "A=b c", "img"});
  ASSERT_EQ(sp.runs.size(), 1u);
  EXPECT_EQ(sp.runs[0].env[0].value, "b c");
}

TEST(DockerRunInvocation, IsRunInvocation) {
  auto words = [](std::vector<std::string> v) {
    std::vector<Word> out;
    for (auto& s : v) out.push_back({s, {}});
    return out;
  };
  EXPECT_TRUE(IsRunInvocation(words({"docker", "run", "x"})));
  EXPECT_TRUE(IsRunInvocation(words({"docker", "--debug", "container", "run"})));
  EXPECT_FALSE(IsRunInvocation(words({"docker", "container", "ls"})));
  EXPECT_FALSE(IsRunInvocation(words({"kubectl", "run", "x"})));
  EXPECT_FALSE(IsRunInvocation(words({})));
}

}  // namespace
}  // namespace drydock::sources::dockerrun
