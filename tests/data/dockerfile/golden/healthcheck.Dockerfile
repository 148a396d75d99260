FROM alpine
HEALTHCHECK --interval=30s --timeout=3s --retries=3 CMD curl -f http://localhost/ || exit 1
HEALTHCHECK NONE
HEALTHCHECK CMD ["wget", "-q", "x"]
HEALTHCHECK --interval=1s
HEALTHCHECK BOGUS x
HEALTHCHECK --bogus=1 CMD x
