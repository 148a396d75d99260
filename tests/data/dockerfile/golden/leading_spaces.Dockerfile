FROM alpine
LABEL desc="a \
   b"
RUN echo \
   x
