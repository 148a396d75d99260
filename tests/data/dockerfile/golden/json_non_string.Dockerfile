FROM alpine
CMD ["a", 1]
ENTRYPOINT ["a", ["b"]]
USER 1
