# escape=`
# ESCAPE=\\
FROM alpine
