FROM alpine
ENV v=file.tar.gz e=
ENV a=${v#*.} b=${v##*.} c=${v%.*} d=${v%%.*} \
    f=${v/./-} g=${v//./-} h=${e:-def} i=${e-def} j=${v:+alt} k=${e+alt} \
    l=${unset:-d} m=${unset} n=$unset o=\$v p='$v' q="$v \$v" r=${v:?need}
WORKDIR /work/${v%%.*}
USER ${UID:-1000}:${GID:-1000}
EXPOSE ${PORT:-8080}/tcp 443
VOLUME ["/data/$v"]
STOPSIGNAL ${SIG:-SIGTERM}
RUN echo ${v}
