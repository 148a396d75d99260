FROM alpine
MAINTAINER Jane Doe <jane@example.com>
EXPOSE 80 443/tcp
VOLUME /a /b
VOLUME ["/c", "/d"]
STOPSIGNAL SIGKILL
WORKDIR relative/dir
USER app:app
ADD https://example.com/x.tar.gz /x
COPY a
USER
