FROM alpine
RUN ["cat", "<<EOF"]
USER 1
