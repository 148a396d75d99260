FROM golang:1.22 AS Build
RUN go build
FROM build AS test
FROM 0 AS by-index
FROM scratch
COPY --from=build /app /app
FROM registry.example.com:5000/team/app:1.0@sha256:deadbeef aS final
FROM localhost/img
FROM docker.io/library/nginx
FROM ghcr.io/o/r
FROM $UNSET_BASE
