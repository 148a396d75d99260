FROM alpine
ENV a=x
ENV a=y b=$a c=${a}
ENV d=$a
