# syntax=docker/dockerfile:1.7
# check=skip=JSONArgsRecommended
# escape=\
FROM alpine
# escape=`
RUN echo a \
  b
