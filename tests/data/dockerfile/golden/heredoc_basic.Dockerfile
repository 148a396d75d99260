FROM alpine
RUN <<EOF
set -e
apk add curl
# body comment is content
EOF
USER 1
