FROM debian
ARG PKG=curl
RUN set -eux; \
    DEBIAN_FRONTEND=noninteractive apt-get update && \
    apt-get install -y --no-install-recommends "$PKG" 'lit $PKG' ${PKG}=1.0 && \
    (cd /tmp && make) || { echo "failed" >&2; exit 1; } ; \
    curl -fsSL https://x/$(uname -m) | tar xz -C / && \
    rm -rf /var/lib/apt/lists/* & wait
