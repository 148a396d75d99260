FROM alpine
ENV ONLYKEY
ENV =value
LABEL a=b c
ENV a=b
