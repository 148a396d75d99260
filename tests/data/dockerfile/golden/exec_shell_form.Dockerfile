FROM alpine
CMD ["nginx", "-g", "daemon off;"]
ENTRYPOINT /docker-entrypoint.sh nginx
RUN ["/bin/sh", "-c", "apk add curl && rm -rf /var/cache/apk/*"]
RUN [ "echo", "a\"b" ]
