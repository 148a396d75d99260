FROM alpine
RUN <<EOF
echo one
EO
