FROM node
ARG CACHE=/root/.npm
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc --mount=type=cache,target=$CACHE,sharing=locked --mount=from=$CACHE,source=/x,target=/y,ro --mount=type=secret,id=tok,env=TOKEN --mount=type=ssh --mount=type=secret,target=/run/secrets/key --mount=target=/ctx,rw npm ci
RUN --mount=type=bogus,target=/x true
RUN --mount=type=cache,targte=/x true
