FROM alpine
ENV a=${}
ENV b=${:x}
ENV e=
ENV c="${e:?is required}"
USER ${x
WORKDIR "/unterminated
ENV ok=1
ENV d=${e:?is} required}
