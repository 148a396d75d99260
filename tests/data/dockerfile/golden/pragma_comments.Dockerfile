FROM alpine
# drydock:ignore=DD201 runs as root on purpose
# hadolint ignore=DL3018
RUN apk add curl \
  # inline note
  git

# detached by blank line

USER root
