FROM alpine
COPY --chown="app user":'grp' --chmod=7"55" a b
