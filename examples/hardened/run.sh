#!/bin/sh
# The example service under plain docker run, hardened: the seed's own line.
set -eu
docker run -d --name app \
  --read-only --tmpfs /tmp:rw,noexec,nosuid,size=64m \
  --memory=512m --memory-swap=512m --cpus=1.0 --pids-limit=256 \
  --ulimit nofile=1024:1024 \
  --cap-drop=ALL --security-opt no-new-privileges \
  --user 65532:65532 \
  -p 127.0.0.1:8080:8080 \
  drydock-example/app:1.0@sha256:6d71b7c3f884e7b9552bffa852d938315ecca843dcc75a86ee7000567da0923d
