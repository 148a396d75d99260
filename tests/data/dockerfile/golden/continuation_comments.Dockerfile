FROM alpine
RUN apk add \
    # the compiler
    gcc \

    musl-dev \
  
    make
