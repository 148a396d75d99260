FROM alpine
CMD ['nginx']
RUN [echo, hi]
CMD ["a\qb"]
ENTRYPOINT ["unterminated"
