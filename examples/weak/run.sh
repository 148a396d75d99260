#!/bin/sh
# The example service under plain docker run, weak.
export DOCKER_CONTENT_TRUST=0
docker run -d --privileged --cap-add SYS_ADMIN --pid host --net host \
  -v /var/run/docker.sock:/var/run/docker.sock \
  -e API_TOKEN=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 \
  --security-opt seccomp=unconfined \
  drydock-example/app
