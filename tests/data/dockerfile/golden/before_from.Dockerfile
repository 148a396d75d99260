ARG A=1
RUN echo hi
ENV X=1
FROM alpine
