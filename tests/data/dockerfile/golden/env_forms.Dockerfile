FROM alpine
ENV PATH /usr/local/bin:$PATH
ENV A=1 B="two words" C='single $A' D=three\ words E=
ENV legacy value with  spaces
LABEL org.opencontainers.image.title="My app" "quoted key"=v version=$A
