#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Writes the small synthetic seeds of image_reader_fuzz into this directory: docker-archive and
# OCI archive tars (plain, gzip- and zstd-compressed layers, whiteouts, opaque dirs, symlinks, hard
# links, a secret, an index with two platforms) and whole-archive gzip/zstd variants.
# Usage: python3 gen_seeds.py   (needs the zstd CLI for the zstd variants)
#        python3 gen_seeds.py --layer-stream DIR   writes the 64 seeds of layer_stream_fuzz (a
#        control byte, then a plain, gzip, zstd or gzip+gzip+trailer blob) into DIR instead.
import gzip, hashlib, io, json, os, subprocess, sys, tarfile

HERE = os.path.dirname(os.path.abspath(__file__))

def sha(b): return hashlib.sha256(b).hexdigest()

def tar_bytes(members):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as t:
        for m in members:
            kind, name = m[0], m[1]
            ti = tarfile.TarInfo(name)
            ti.mtime = 0
            data = b""
            if kind == "file":
                data = m[2]; ti.size = len(data); ti.mode = m[3] if len(m) > 3 else 0o644
            elif kind == "dir":
                ti.type = tarfile.DIRTYPE; ti.mode = 0o755
            elif kind == "symlink":
                ti.type = tarfile.SYMTYPE; ti.linkname = m[2]
            elif kind == "hardlink":
                ti.type = tarfile.LNKTYPE; ti.linkname = m[2]
            t.addfile(ti, io.BytesIO(data) if data else None)
    return buf.getvalue()

def zstd(b):
    return subprocess.run(["zstd", "-q", "-c", "-3"], input=b, capture_output=True,
                          check=True).stdout

LAYERS = [
    [("dir", "etc"), ("file", "etc/passwd", b"root:x:0:0:root:/root:/bin/sh\n"),
     ("file", "etc/os-release", b"ID=alpine\nVERSION_ID=3.19.0\n"),
     ("dir", "usr"), ("dir", "usr/bin"), ("file", "usr/bin/app", b"\x7fELF", 0o4755),
     ("symlink", "bin", "usr/bin"), ("file", "secret.env", b"AWS_ACCESS_KEY_ID=AKIA" b"GWJNXQ6FVMR44UBM\n")],
    [("file", ".wh.secret.env", b""), ("dir", "var"), ("file", "var/.wh..wh..opq", b""),
     ("hardlink", "usr/bin/app2", "usr/bin/app"), ("symlink", "loop", "loop"),
     ("file", "etc/shadow", b"root:*:1::::::\n", 0o640)],
]

CONFIG_BASE = {"architecture": "amd64", "os": "linux",
               "config": {"User": "root", "Env": ["PATH=/usr/bin"], "Cmd": ["/usr/bin/app"],
                          "ExposedPorts": {"22/tcp": {}}, "Labels": {"a": "b"}},
               "history": [{"created_by": "ADD file"}, {"created_by": "RUN rm secret.env"}]}

def config_for(diff_ids):
    c = json.loads(json.dumps(CONFIG_BASE))
    c["rootfs"] = {"type": "layers", "diff_ids": ["sha256:" + d for d in diff_ids]}
    return json.dumps(c).encode()

def docker_archive(compress=None):
    members, layer_names, diff_ids = [], [], []
    for layer in LAYERS:
        raw = tar_bytes(layer); diff_ids.append(sha(raw))
        blob = raw if compress is None else (gzip.compress(raw, mtime=0) if compress == "gz" else zstd(raw))
        name = sha(blob) + "/layer.tar"
        members.append(("file", name, blob)); layer_names.append(name)
    cfg = config_for(diff_ids)
    members.append(("file", sha(cfg) + ".json", cfg))
    manifest = [{"Config": sha(cfg) + ".json", "RepoTags": ["seed:latest"], "Layers": layer_names}]
    members.append(("file", "manifest.json", json.dumps(manifest).encode()))
    members.append(("file", "repositories", json.dumps({"seed": {"latest": diff_ids[-1]}}).encode()))
    return tar_bytes(members)

def oci_archive(compress="gz", index_platforms=False):
    blobs, layers, diff_ids = {}, [], []
    mt = {"gz": "application/vnd.oci.image.layer.v1.tar+gzip",
          "zst": "application/vnd.oci.image.layer.v1.tar+zstd",
          None: "application/vnd.oci.image.layer.v1.tar"}[compress]
    for layer in LAYERS:
        raw = tar_bytes(layer); diff_ids.append(sha(raw))
        blob = raw if compress is None else (gzip.compress(raw, mtime=0) if compress == "gz" else zstd(raw))
        blobs[sha(blob)] = blob
        layers.append({"mediaType": mt, "digest": "sha256:" + sha(blob), "size": len(blob)})
    cfg = config_for(diff_ids); blobs[sha(cfg)] = cfg
    manifest = json.dumps({"schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
                   "digest": "sha256:" + sha(cfg), "size": len(cfg)},
        "layers": layers}).encode()
    blobs[sha(manifest)] = manifest
    mdesc = {"mediaType": "application/vnd.oci.image.manifest.v1+json",
             "digest": "sha256:" + sha(manifest), "size": len(manifest),
             "annotations": {"org.opencontainers.image.ref.name": "latest"}}
    manifests = [mdesc]
    if index_platforms:
        mdesc["platform"] = {"os": "linux", "architecture": "amd64"}
        manifests.append(dict(mdesc, platform={"os": "linux", "architecture": "arm64", "variant": "v8"}))
    index = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
             "manifests": manifests}
    members = [("file", "oci-layout", b'{"imageLayoutVersion":"1.0.0"}'),
               ("file", "index.json", json.dumps(index).encode()),
               ("dir", "blobs"), ("dir", "blobs/sha256")]
    for d, b in blobs.items():
        members.append(("file", "blobs/sha256/" + d, b))
    return tar_bytes(members)

def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f: f.write(data)

def layer_stream_seeds(out):
    os.makedirs(out, exist_ok=True)
    payloads = [b"", b"hello world\n" * 20, bytes(range(256)) * 8, b"\0" * 10000]
    i = 0
    for p in payloads:
        for ctl in (0x05, 0x0b, 0x43, 0x17):
            for kind, data in (("plain", p), ("gz", gzip.compress(p, mtime=0)), ("zst", zstd(p)),
                               ("gz2", gzip.compress(p, mtime=0) + gzip.compress(p[:50], mtime=0)
                                + b"trail")):
                with open(os.path.join(out, f"s{i}_{kind}"), "wb") as f:
                    f.write(bytes([ctl]) + data)
                i += 1

if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--layer-stream":
        layer_stream_seeds(sys.argv[2])
        sys.exit(0)
    d = docker_archive()
    write("docker_plain.tar", d)
    write("docker_gzip_layers.tar", docker_archive("gz"))
    write("docker_plain.tar.gz", gzip.compress(d, mtime=0))
    write("docker_plain.tar.zst", zstd(d))
    write("oci_gzip.tar", oci_archive("gz"))
    write("oci_zstd.tar", oci_archive("zst"))
    write("oci_plain_index_platforms.tar", oci_archive(None, True))
    write("oci_gzip.tar.gz", gzip.compress(oci_archive("gz"), mtime=0))
