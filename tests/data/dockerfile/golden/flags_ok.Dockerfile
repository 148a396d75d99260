FROM --platform=$BUILDPLATFORM golang:1.22 AS build
COPY --from=build --chown=app:app --chmod=0755 --link --exclude=*.md --exclude=tmp /src /dst
ADD --checksum=sha256:abc --keep-git-dir=true --unpack https://x/y.tar.gz /y
RUN --network=none --security=sandbox --device=a --device=b true
COPY --parents=false "--from=x" y
