FROM alpine
ARG NAME=world
COPY <<"EOF" <<E"OF2" <<'E3' /x/
hi $NAME
EOF
$NAME
EOF2
$NAME
E3
