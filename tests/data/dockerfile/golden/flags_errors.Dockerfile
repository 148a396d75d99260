FROM alpine
COPY --from build /a /b
COPY --from=a --from=b /a /b
COPY --user=me /a /b
RUN --mount=type=cache,target=/a --mount=type=tmpfs,target=/b --network=host --network=none true
COPY --link=maybe a b
COPY -- --from=x /dst
USER 1
